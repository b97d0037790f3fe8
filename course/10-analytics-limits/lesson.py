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
# # 模块 10：数据分析及其边界
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明营销模型给出的模型推荐名单（NBO）为什么不能直接拿来联系客户；
# 2. 用适当性、营销同意和测评有效期三道条件筛选推荐名单；
# 3. 在筛选之后，为每位客户的推荐重新排序，只把工作所需的信息交给一线员工。

# %% [markdown] lang="en"
# # Module 10: Data analytics and its limits
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. explain why a marketing model's recommendation list (NBO) must not be used as it stands to contact customers;
# 2. filter an offer list by three conditions: suitability, marketing consent and a valid risk assessment;
# 3. rank each customer's remaining offers after filtering, and hand front-line staff only the information their task needs.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 数据分析可以帮助银行找到"可能需要某类产品"的客户，但模型算出的只是**购买可能性**，不是**是否适合**，也不等于客户**同意被营销**。三条边界来自以下规则：
#
# - **适当性**：客户只能购买风险等级不高于自身等级的产品（C3 客户可买 R1–R3）。
#   *来源：证监会《证券期货投资者适当性管理办法》（2017 年施行）。*
# - 向客户销售超出其风险等级的产品，是明确禁止的销售行为之一。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 代销业务由总行集中管理，并通过代销业务系统进行，因此适当性校验可以、也应当在系统中完成。最早要求产品评级与客户评级对应、由销售系统阻止不匹配销售的，是 2011 年的《商业银行理财产品销售管理办法》（银监会令 2011 年第 5 号）第 25 条；这部办法已被 2018 年的《商业银行理财业务监督管理办法》取代，现行规则见本列表中的其他各条。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日施行）第 8、9 条；上述 2011 年办法仅作为这一要求的由来。*
# - **信息安全与自主选择**：消费者享有知情权、自主选择权、公平交易权、财产安全权、依法求偿权、受教育权、受尊重权和**信息安全权**八项权利；办法还禁止未经消费者同意开通收费服务。
#   *来源：《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）。*
# - 对老年客户的针对性保护，以及销售过程事后**可回溯**，也写进了新的代销规则。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日施行）。*
#
# 金禾银行据此制定了营销名单的内部政策（本课程虚构银行的政策，用于练习）：
#
# 1. 只推荐风险等级**不高于**客户等级的产品；
# 2. 只联系在系统中登记了**同意接收营销信息**（`marketing_consent`）的客户；
# 3. 客户的风险测评必须**仍在 12 个月有效期内**，测评过期的客户先重新测评，再谈推荐。
#
# 为什么要有这些边界？模型从历史数据中学习"谁可能会买"。如果历史上有过不匹配的销售，模型可能把这种做法当成"规律"学去；模型也不知道客户是否同意被打扰。边界必须由人和系统在使用名单**之前**设定好。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Analytics can help a bank find customers who may need a kind of product. But a model only estimates how **likely** a customer is to buy; it does not say whether the product is **suitable**, nor whether the customer **agreed to be marketed to**. Three limits come from these rules:
#
# - **Suitability**: a customer may buy only products whose risk level is no higher than their own (a C3 customer may buy R1–R3).
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors (in force 2017).*
# - Selling a customer a product above their risk level is one of the expressly prohibited sales practices.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - Agency sales are managed centrally by the head office and run through an agency-sales system, so the suitability check can and should be made in the system. The rule that first required product ratings to map to customer ratings, with the sales system blocking a mismatched sale, was Article 25 of the 2011 measures on the sale of commercial banks' wealth products (CBRC Order 2011 No. 5); the 2018 Measures on the wealth-management business of commercial banks superseded it, and the rules in force are the others in this list.
#   *Source: Measures on the Agency Sales Business of Commercial Banks (Jin Gui [2025] No. 6, in force 1 October 2025), Articles 8 and 9; the 2011 measures are cited only as the origin of the requirement.*
# - **Information security and free choice**: consumers have eight rights, to be informed, to choose freely, to fair dealing, to the safety of their property, to claim redress, to education, to respect, and to **the security of their information**; the measures also forbid switching on paid services without the consumer's consent.
#   *Source: Measures on the Protection of Consumer Rights by Banking and Insurance Institutions (in force 1 March 2023).*
# - Targeted protection of elderly customers, and sales that can be **traced afterwards**, are also written into the new agency-sales rules.
#   *Source: Measures on the Agency Sales Business of Commercial Banks (Jin Gui [2025] No. 6, in force 1 October 2025).*
#
# On this basis Jinhe Bank has an internal policy for marketing lists (the policy of the course's fictional bank, for practice):
#
# 1. offer only products whose risk level is **no higher** than the customer's;
# 2. contact only customers who have **agreed to receive marketing** (`marketing_consent` in the system);
# 3. the customer's risk assessment must **still be within its 12-month validity**; a customer whose assessment has expired is reassessed first, and only then offered anything.
#
# Why these limits? A model learns from past data who is likely to buy. If the past contains mismatched sales, the model may learn that practice as a "pattern"; and it knows nothing about whether a customer wants to be contacted. People and systems must set the limits **before** the list is used.

# %% [markdown] lang="zh"
# ## 实例：筛选模型推荐名单（NBO）
#
# `bank.offers` 是营销模型给出的推荐名单：每行一位客户、一只产品、模型估计的接受概率 `propensity` 和拟用渠道。名单**尚未**经过任何筛选。数据是虚构的。

# %% [markdown] lang="en"
# ## Worked example: filtering the model's recommendation list (NBO)
#
# `bank.offers` is the marketing model's list: each row is a customer, a product, the model's estimated take-up probability `propensity`, and the planned channel. The list has **not yet** been filtered in any way. The data is fictional.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
bank.offers.head()

# %% [markdown] lang="zh"
# 把客户的风险等级、测评日期、营销同意和产品的风险等级合并进来。与模块 3 一样，等级是 `"C3"`、`"R4"` 这样的文本，要先取出数字再比较。
# 测评在 `AS_OF` 往前推 12 个月**当天或之后**完成的，都仍然有效。

# %% [markdown] lang="en"
# Join in the customer's risk level, assessment date and marketing consent, and the product's risk level. As in module 3, levels are text such as `"C3"` and `"R4"`: take the digit out before comparing.
# An assessment taken **on or after** the date 12 months before `AS_OF` is still valid.

# %%
offers = (
    bank.offers.merge(bank.customers[["customer_id", "age", "risk_level", "risk_assessed_on", "marketing_consent"]], on="customer_id")
    .merge(bank.products[["product_id", "type", "risk_level"]], on="product_id", suffixes=("_customer", "_product"))
)
cutoff = bankdata.AS_OF - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
offers["suitable"] = offers.risk_level_product.str[1].astype(int) <= offers.risk_level_customer.str[1].astype(int)
offers["consented"] = offers.marketing_consent
offers["assessment_valid"] = offers.risk_assessed_on >= cutoff
print(f"模型名单共 {len(offers)} 条推荐，其中 {(~offers.suitable).sum()} 条超出客户的风险等级。")  # [zh]
print(f"The model's list has {len(offers)} offers; {(~offers.suitable).sum()} of them are above the customer's risk level.")  # [en]

# %% [markdown] lang="zh"
# 模型"知道"适当性规则吗？比较合适与不合适的推荐各自的接受概率分布（纵轴是占本组推荐的比例，两组才能直接比较）：

# %% [markdown] lang="en"
# Does the model "know" the suitability rule? Compare how propensity is distributed among suitable and among unsuitable offers (the vertical axis is the share of each group's offers, so the two groups can be compared directly):

# %%
suitable = offers.propensity[offers.suitable]
unsuitable = offers.propensity[~offers.suitable]
fig, ax = plt.subplots(figsize=(7, 3.5))
bins = [i / 20 for i in range(17)]
ax.hist(suitable, bins=bins, weights=[1 / len(suitable)] * len(suitable), alpha=0.6, color="#2e86c1", label="适当性匹配")  # [zh]
ax.hist(unsuitable, bins=bins, weights=[1 / len(unsuitable)] * len(unsuitable), alpha=0.6, color="#b03a2e", label="超出客户等级")  # [zh]
ax.set_title("模型的接受概率分不出合适与不合适")  # [zh]
ax.set_xlabel("模型估计的接受概率")  # [zh]
ax.set_ylabel("占该组推荐的比例")  # [zh]
ax.hist(suitable, bins=bins, weights=[1 / len(suitable)] * len(suitable), alpha=0.6, color="#2e86c1", label="Suitable")  # [en]
ax.hist(unsuitable, bins=bins, weights=[1 / len(unsuitable)] * len(unsuitable), alpha=0.6, color="#b03a2e", label="Above the customer's level")  # [en]
ax.set_title("The model's propensity does not separate suitable from unsuitable")  # [en]
ax.set_xlabel("Estimated take-up probability")  # [en]
ax.set_ylabel("Share of the group's offers")  # [en]
ax.yaxis.set_major_formatter(lambda y, _: f"{y:.0%}")
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 两组分布几乎重叠：不合适的推荐，接受概率一样可以很高。**接受概率高只说明客户可能会买，不说明他应该买。**
#
# 下面逐步加上三道条件，看名单还剩多少：

# %% [markdown] lang="en"
# The two distributions almost coincide: an unsuitable offer can have just as high a propensity. **A high propensity says the customer may buy, not that they should.**
#
# Now add the three conditions one at a time and see how much of the list remains:

# %%
steps = [
    len(offers),
    offers.suitable.sum(),
    (offers.suitable & offers.consented).sum(),
    (offers.suitable & offers.consented & offers.assessment_valid).sum(),
]
labels = ["模型名单", "适当性匹配", "且同意营销", "且测评有效"]  # [zh]
labels = ["Model list", "Suitable", "and consented", "and assessment valid"]  # [en]
ax = pd.Series(steps, index=labels).iloc[::-1].plot.barh(color="#1e8449", figsize=(7, 3))
for y, count in enumerate(steps[::-1]):
    ax.text(count + 5, y, str(count), va="center")
ax.set_xlim(0, len(offers) * 1.1)
ax.set_title("三道条件筛选后剩下的推荐")  # [zh]
ax.set_xlabel("推荐条数")  # [zh]
ax.set_title("Offers left after the three conditions")  # [en]
ax.set_xlabel("Number of offers")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 三分之二的推荐没能通过这三道条件。它们不是"浪费的机会"：每一条都可能是一次不当销售或一次未经同意的打扰。
#
# ## 筛选之后再排序
#
# 一位客户可能有几条推荐。排序要在**筛选之后**进行：先去掉不合格的推荐，再在每位客户剩下的推荐中按接受概率从高到低编号，第 1 名是最先介绍的产品。
# 以客户 C00045（C3）为例，模型原来排第一的是一只 R5 基金：

# %% [markdown] lang="en"
# Two thirds of the offers fail the three conditions. They are not "lost opportunities": each one could have been a mis-sale or an unwanted contact.
#
# ## Rank after filtering
#
# A customer may have several offers. Rank **after** filtering: drop the offers that fail, then number each customer's remaining offers from the highest propensity down, so that rank 1 is the product to mention first.
# Take customer C00045 (C3): the model's first choice was an R5 fund.

# %%
eligible = offers[offers.suitable & offers.consented & offers.assessment_valid].copy()
eligible["rank"] = eligible.groupby("customer_id").propensity.rank(ascending=False, method="first").astype(int)
columns = ["offer_id", "product_id", "risk_level_product", "propensity"]
print("筛选前：")  # [zh]
print("Before filtering:")  # [en]
print(offers[offers.customer_id == "C00045"].sort_values("propensity", ascending=False)[columns].to_string(index=False))
print("筛选并排序后：")  # [zh]
print("After filtering and ranking:")  # [en]
print(eligible[eligible.customer_id == "C00045"].sort_values("rank")[columns + ["rank"]].to_string(index=False))

# %% [markdown] lang="zh"
# ## 只交出工作需要的信息
#
# 交给客户经理的联系名单不需要客户的资产、年龄或测评日期。信息安全权意味着：**用多少，给多少**。名单只保留联系所需的列：

# %% [markdown] lang="en"
# ## Hand over only what the task needs
#
# The contact list for a relationship manager needs neither the customer's assets, nor their age, nor their assessment date. The right to information security means **give only what is used**. Keep only the columns needed to make the contact:

# %%
call_list = eligible.sort_values(["customer_id", "rank"])[["customer_id", "product_id", "channel", "rank"]]
call_list.head(8)

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **用 `<` 代替 `<=`**：C3 客户推荐 R3 产品是合规的，不能被筛掉。
# - **直接比较文本**：`"R2" <= "C5"` 为 `False`，因为比较的是字母 R 和 C。
# - **忘了营销同意**：产品再合适，客户没有同意接收营销信息，也不能列入营销名单。
# - **测评有效期的边界**：测评日期在截止日当天的仍然有效；用 365 天代替 12 个月也会算错。
# - **排序方向反了**：第 1 名应是接受概率**最高**的推荐。
# - **在全体客户中排序**：排名要在每位客户内部进行，而不是把所有推荐放在一起排。
# - **先排序、后筛选**：如果先排序，再去掉不合格的推荐，客户的第 1 名可能已被删掉，剩下的推荐从第 2 名开始。
#
# ## 小结
#
# 模型估计的是购买可能性，不是适当性，也不是客户的同意。先用适当性、营销同意和测评有效期筛选名单，再在每位客户内部排序，最后只把联系所需的信息交给一线员工。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Using `<` instead of `<=`**: offering an R3 product to a C3 customer is compliant and must not be filtered out.
# - **Comparing the text**: `"R2" <= "C5"` is `False`, because the letters R and C are compared.
# - **Forgetting consent**: however suitable the product, a customer who has not agreed to receive marketing cannot go on a marketing list.
# - **The edge of the validity period**: an assessment taken on the cutoff date itself is still valid; using 365 days instead of 12 months also gets it wrong.
# - **Ranking the wrong way round**: rank 1 is the offer with the **highest** propensity.
# - **Ranking across all customers**: rank within each customer, not across the whole list.
# - **Ranking before filtering**: if you rank first and then drop the offers that fail, a customer's rank 1 may be gone and their remaining offers start at rank 2.
#
# ## Summary
#
# A model estimates how likely a purchase is; it measures neither suitability nor consent. Filter the list by suitability, marketing consent and a valid assessment first, then rank within each customer, and hand front-line staff only the information needed to make the contact. Now work through this module's exercise.
