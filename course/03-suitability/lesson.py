# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="zh"
# # 模块 3：投资者适当性
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明客户风险等级 C1–C5 与产品风险等级 R1–R5 的匹配规则；
# 2. 在销售台账中找出风险不匹配的销售；
# 3. 识别 65 岁及以上客户和风险测评已过期的客户，并说明为什么需要格外谨慎。

# %% [markdown] lang="en"
# # Module 3: Investor suitability
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. state the rule that matches customer risk levels C1–C5 to product risk levels R1–R5;
# 2. find the sales in a ledger whose product is riskier than the customer may buy;
# 3. recognise customers aged 65 and over and customers whose risk assessment has expired, and explain why they need extra care.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 适当性的核心是"把合适的产品卖给合适的客户"。
#
# - 客户分为五个风险等级：C1 保守型、C2 相对保守型、C3 稳健型、C4 相对积极型、C5 积极型。客户**只能**购买风险等级不高于自身等级的产品：C3 客户可以买 R1–R3，不能买 R4、R5。
#   *来源：证监会《证券期货投资者适当性管理办法》（2017 年施行）及基金业协会相关规则。*
# - 销售人员**不得**把高于客户风险等级的产品卖给客户，**不得**代客户签字或代做风险测评。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 银行代销的产品要通过总行统一管理的代销系统销售，对老年客户有专门的保护措施，销售过程可回溯。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日起施行），国家金融监督管理总局。*
# - 这些要求由来已久：最早提出"产品和客户都至少分五级、评级必须对应、**销售系统必须阻止不匹配的销售**"，以及"客户首次测评在网点进行、对 **65 岁及以上**客户充分考虑年龄和投资经验、结果由客户本人签字"的，是原银监会 2011 年的《商业银行理财产品销售管理办法》。该办法已被 2018 年的理财业务规则取代，这里只说明要求的由来。
#   *来源：《商业银行理财产品销售管理办法》（银监会令 2011 年第 5 号，历史规则）第 24、25、27、28 条。*
#
# 为什么要有这些规则？一个只能承受小幅波动的客户，如果买了可能亏损大半本金的产品，损失发生时他无力承受，银行也会面临投诉、赔偿和监管处罚。
#
# 金禾银行的内部政策还规定：风险测评**有效期为 12 个月**，过期后必须重新测评才能购买新的非存款类产品。（这是本课程虚构银行的政策，用于练习。）

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Suitability means selling the right product to the right customer.
#
# - Customers are graded in five risk levels: C1 conservative, C2 relatively conservative, C3 steady, C4 relatively aggressive, C5 aggressive. A customer may buy **only** products whose risk level is no higher than their own: a C3 customer may buy R1–R3, never R4 or R5.
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors (in force 2017), and the Asset Management Association's rules.*
# - Staff may **never** sell a product above the customer's risk level, sign for the customer or take the risk questionnaire on the customer's behalf.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - Products a bank sells as agent go through an agency-sales system managed by head office, with targeted protections for elderly customers, and every sale must be traceable afterwards.
#   *Source: Measures for the Administration of Agency Sales by Commercial Banks (Jin Gui [2025] No. 6, in force since 1 October 2025), National Financial Regulatory Administration.*
# - These requirements go back a long way. The rule that first required products and customers each to be rated on at least five levels, the ratings to map, and **the sales system to block a mismatched sale**, and a customer's first assessment to happen in a branch, giving due weight to age and experience for customers **aged 65 or over**, with the customer signing the result, was the former CBRC's 2011 measures on the sale of commercial banks' wealth products. They were superseded by the 2018 wealth-management rules and are cited here only as the origin of these requirements.
#   *Source: CBRC Order 2011 No. 5, Articles 24, 25, 27 and 28 (no longer in force).*
#
# Why do these rules exist? A customer who can bear only small swings, sold a product that can lose most of its principal, cannot absorb the loss when it comes; the bank then faces complaints, compensation and penalties from the regulator.
#
# Jinhe Bank's own policy adds that a risk assessment is **valid for 12 months**; after that the customer must be reassessed before buying any new non-deposit product. (This is the policy of the course's fictional bank, for practice.)

# %% [markdown] lang="zh"
# ## 实例：在销售台账中查找不匹配
#
# 先载入金禾银行一年的销售数据。`bankdata` 生成的是虚构数据，不涉及任何真实客户。

# %% [markdown] lang="en"
# ## Worked example: finding mismatches in the sales ledger
#
# First load a year of Jinhe Bank's sales. `bankdata` generates fictional data; no real customer appears in it.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
bank.sales.head()

# %% [markdown] lang="zh"
# 销售台账只记录了客户编号和产品编号。要比较风险等级，需要把客户表和产品表合并进来。注意等级是 `"C3"`、`"R4"` 这样的文本：
# 直接比较文本 `"R4" > "C3"` 比较的是字母 R 和 C，结果总是 `True`。应先取出数字再比较。

# %% [markdown] lang="en"
# The ledger records only customer and product ids. To compare risk levels we join the customer and product tables. The levels are text such as `"C3"` and `"R4"`:
# comparing the text directly, `"R4" > "C3"`, compares the letters R and C and is always `True`. Take the digit out first, then compare.

# %%
ledger = (
    bank.sales.merge(bank.customers[["customer_id", "age", "risk_level"]], on="customer_id")
    .merge(bank.products[["product_id", "type", "risk_level"]], on="product_id", suffixes=("_customer", "_product"))
)
ledger["customer_level"] = ledger.risk_level_customer.str[1].astype(int)
ledger["product_level"] = ledger.risk_level_product.str[1].astype(int)
ledger["mismatch"] = ledger.product_level > ledger.customer_level
print(f"不匹配的销售：{ledger.mismatch.sum()} 笔，占 {ledger.mismatch.mean():.1%}")  # [zh]
print(f"Mismatched sales: {ledger.mismatch.sum()}, {ledger.mismatch.mean():.1%} of all")  # [en]

# %% [markdown] lang="zh"
# 按网点统计不匹配率，可以看出问题是否集中在个别网点：

# %% [markdown] lang="en"
# The mismatch rate by branch shows whether the problem sits in particular branches:

# %%
by_branch = ledger.groupby("branch_id").mismatch.mean().sort_values()
ax = by_branch.mul(100).plot.barh(color="#b03a2e", figsize=(7, 3.5))
ax.set_xlabel("不匹配销售占比（%）")  # [zh]
ax.set_title("各网点风险不匹配的销售")  # [zh]
ax.set_xlabel("Share of mismatched sales (%)")  # [en]
ax.set_title("Mismatched sales by branch")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# ## 65 岁及以上客户与过期测评
#
# 对老年客户，规则要求充分考虑年龄因素。下面统计 65 岁及以上客户购买 R4、R5 产品的笔数；这类销售即使等级匹配，也应当复核录音录像和测评过程。

# %% [markdown] lang="en"
# ## Customers aged 65 and over, and expired assessments
#
# For older customers the rules require age to be given due weight. Below we count sales of R4 and R5 products to customers aged 65 and over; even when the levels match, such sales deserve a review of the recording and of how the assessment was taken.

# %%
elderly_high_risk = ledger[(ledger.age >= 65) & (ledger.product_level >= 4)]
elderly_high_risk.groupby("branch_id").size().sort_values(ascending=False)

# %% [markdown] lang="zh"
# 测评是否过期要以 12 个月计算，使用 `pd.DateOffset(months=12)`，而不是 360 或 365 天：

# %% [markdown] lang="en"
# Whether an assessment has expired is measured in calendar months: use `pd.DateOffset(months=12)`, not 360 or 365 days:

# %%
cutoff = bankdata.AS_OF - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
expired = bank.customers[bank.customers.risk_assessed_on < cutoff]
print(f"{len(expired)} 位客户的风险测评已过期（测评日早于 {cutoff:%Y-%m-%d}）")  # [zh]
print(f"{len(expired)} customers have an expired risk assessment (assessed before {cutoff:%Y-%m-%d})")  # [en]

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **用 `>=` 代替 `>`**：等级相同的销售（C3 买 R3）是合规的，不应标记。
# - **直接比较文本**：`"R2" > "C5"` 为 `True`，因为比较的是字母。
# - **把月份换算成天数**：12 个月不是 360 天，闰年和大小月会让结果出错。
# - **认为"客户自愿"就可以卖**：客户坚持购买超出等级的产品，系统仍须阻止；正确做法是说明原因，推荐匹配的产品，必要时请客户重新、本人、如实完成测评。
#
# ## 小结
#
# 客户等级决定了能买的最高产品等级；系统应阻止不匹配的销售；65 岁及以上客户和测评过期的客户需要格外谨慎。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Using `>=` instead of `>`**: a sale at the same level (C3 buying R3) is compliant and must not be flagged.
# - **Comparing the text**: `"R2" > "C5"` is `True`, because the letters are compared.
# - **Turning months into days**: 12 months is not 360 days; leap years and month lengths make the answer wrong.
# - **Treating "the customer insisted" as permission**: when a customer insists on a product above their level, the system must still block the sale. Explain why, recommend a suitable product, and if the customer's situation has really changed, have them retake the assessment themselves, truthfully.
#
# ## Summary
#
# A customer's level caps the risk level of what they may buy; the system must block a mismatched sale; customers aged 65 and over and customers with an expired assessment need extra care. Now work through this module's exercise.
