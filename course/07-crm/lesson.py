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
# # 模块 7：客户关系管理（CRM）
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明为什么完整、真实的客户信息是合规销售的前提；
# 2. 按支行统计客户身份与风险信息（KYC）的完整率，找出薄弱环节；
# 3. 检查销售流程的纪律，找出成交后没有按时进行售后回访的销售机会。

# %% [markdown] lang="en"
# # Module 7: Customer relationship management (CRM)
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. explain why complete and truthful customer information is the precondition of a compliant sale;
# 2. measure, branch by branch, how complete the know-your-customer (KYC) information is, and find the weak spots;
# 3. check the discipline of the sales process, finding opportunities closed without an after-sales follow-up in time.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# CRM 系统有两项任务：一是保存**完整的客户信息**（基本资料、交易记录、偏好）；二是管理**销售流程**：接触客户、了解需求、推荐产品、成交后跟进。两者都直接关系到合规。
#
# - 客户的风险测评需要考虑年龄、财务状况、投资经验、投资目的、收益预期、风险偏好、流动性需求、风险认知和损失承受能力等因素；对 65 岁及以上客户须充分考虑年龄和投资经验；首次测评在网点进行，结果由客户本人签字确认。**没有可靠的客户资料，就无法做出可靠的适当性判断。**
#   *来源：最早提出这些要求的规则是 2011 年的《商业银行理财产品销售管理办法》（原银监会令 2011 年第 5 号）第 28 条；它已被 2018 年的规则取代，但这些要求至今仍是适当性的基础。*
# - 现行的规则是 2018 年的理财新规及其附件、2021 年的理财公司销售办法和下面的 2025 年代销办法。其中 2021 年的办法第 25 条禁止向客户销售超出其风险等级的产品，也禁止员工代客户签字或代做风险测评。
#   *来源：《商业银行理财业务监督管理办法》（原银保监会，2018 年 9 月 28 日公布并施行）及其附件《商业银行理财产品销售管理要求》；《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 向普通投资者销售高风险产品时须格外审慎，例如给客户更多考虑时间、**增加回访**。
#   *来源：证监会《证券期货投资者适当性管理办法》第 20 条。*
# - 私募基金的顺序是：投资者先签合同、打款；随后是至少 24 小时的冷静期，冷静期内销售人员不得主动联系投资者；冷静期**结束后**，由**未参与销售**的员工进行回访，确认投资者理解产品和风险、确实愿意投资；回访确认成功之前，投资者可以解除合同并取回全部款项。
#   *来源：基金业协会《私募投资基金募集行为管理办法》（2016 年）第 29–31 条。*
# - 现行的 2025 年代销办法要求总行集中管理代销业务、通过代销业务系统销售（第 8、9 条），销售过程**事后可回溯**，并对老年客户等群体给予专门保护。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 3 月 21 日发布，2025 年 10 月 1 日施行）。*
# - 消费者享有八项权利，其中包括知情权和**信息安全权**。
#   *来源：《银行保险机构消费者权益保护管理办法》，2023 年 3 月 1 日施行。*
#
# 国外的做法类似。据二手资料概述，美国 FINRA 第 2111 条规则要求了解客户的年龄、其他投资、财务状况和需求、税务状况、投资目标、经验、投资期限、流动性需求和风险承受能力。*（二手资料，尚待与 finra.org 原文核对。）*
#
# 反面教训来自富国银行：约 150 万个存款账户和 56.5 万个信用卡账户可能在客户不知情的情况下被开立，借记卡的密码由员工代设。CRM 里的"业绩"看似漂亮，其实并不真实。2017 年起的新薪酬方案改为按账户的实际使用情况计算激励，并且要满 90 天才计入。
# *来源：2016 年 9 月 8 日美国监管机构的处罚；American Banker 的报道；Mercury News，2017 年 1 月 11 日。*
#
# 金禾银行的内部政策（本课程虚构的银行政策，用于练习）：KYC 的四项信息（手机号码、职业、身份核实、有效的风险测评）必须齐全；每笔成交后须在 **2 天（48 小时）内**完成售后回访；只能向同意接收营销信息的客户进行营销联系。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# A CRM system does two jobs: it keeps **complete customer information** (profile, transactions, preferences), and it manages the **sales pipeline**: contact, needs, recommendation and follow-up after the sale. Both bear directly on compliance.
#
# - A customer's risk assessment weighs age, finances, investment experience, purpose, return expectations, risk preference, liquidity needs, risk awareness and loss tolerance; for customers aged 65 or over, age and experience must be given due weight; the first assessment happens in a branch and the customer signs the result. **Without reliable customer data there is no reliable suitability judgement.**
#   *Source: the rule that first required this was the 2011 Measures on the Sale of Commercial Banks' Wealth Products (former CBRC Order 2011 No. 5), Article 28; the 2018 rules replaced it, but these requirements remain the basis of suitability.*
# - The rules in force are the 2018 wealth-management rules and their annex, the 2021 wealth-company sales measures and the 2025 agency-sales measures below. Article 25 of the 2021 measures bans selling a customer a product above their risk level, and bans staff signing for the customer or taking the risk assessment for them.
#   *Sources: Measures on the Wealth Management Business of Commercial Banks (former CBIRC, published and in force 28 September 2018) and their annex on the sale of wealth products; Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - Selling high-risk products to ordinary investors calls for extra care, such as more time to decide and **more follow-up calls**.
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors, Article 20.*
# - For private funds the order is: the investor signs the contract and pays first; then comes a cooling-off period of at least 24 hours, during which the seller may not take the initiative to contact the investor; **after** it, staff **not involved in the sale** make a follow-up call to confirm that the investor understands the product and its risks and really wants to invest; until that call has confirmed it, the investor may rescind the contract and get all the money back.
#   *Source: Asset Management Association of China, Measures on Fund-raising by Private Investment Funds (2016), Articles 29–31.*
# - The 2025 agency-sales measures, in force today, require the head office to manage agency sales centrally through an agency-sales system (Articles 8 and 9), sales to be **traceable afterwards**, and targeted protection for groups such as elderly customers.
#   *Source: Measures on Commercial Banks' Agency Sales Business (金规〔2025〕6号, issued 21 March 2025, in force 1 October 2025).*
# - Consumers have eight rights, among them the right to be informed and the **right to information security**.
#   *Source: Measures on Consumer Rights Protection by Banking and Insurance Institutions, in force 1 March 2023.*
#
# Practice abroad is similar. According to a secondary summary, FINRA Rule 2111 in the US expects firms to know the customer's age, other investments, finances and needs, tax status, objectives, experience, time horizon, liquidity needs and risk tolerance. *(Secondary source, still to be checked against finra.org.)*
#
# The cautionary tale is Wells Fargo: about 1.5 million deposit accounts and 565,000 credit-card accounts may have been opened without customers' consent, and debit cards were issued with PINs set by staff. The "business" in the CRM looked good but was not real. From 2017 the new pay plan based incentives on how accounts were actually used, counted only after 90 days.
# *Sources: US enforcement actions of 8 September 2016; American Banker; Mercury News, 11 January 2017.*
#
# Jinhe Bank's own policy (the course's fictional bank, for practice): the four KYC items (mobile number, occupation, verified identity and a valid risk assessment) must all be on file; every closed sale gets an after-sales follow-up within **2 days (48 hours)**; and only customers who agreed to marketing may be contacted for marketing.

# %% [markdown] lang="zh"
# ## 实例一：各支行的 KYC 完整率
#
# 先载入金禾银行的数据。`bankdata` 生成的是虚构数据，不涉及任何真实客户。

# %% [markdown] lang="en"
# ## Worked example 1: KYC completeness by branch
#
# First load Jinhe Bank's data. `bankdata` generates fictional data; no real customer appears in it.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
customers = bank.customers
customers[["customer_id", "branch_id", "phone", "occupation", "id_verified", "risk_assessed_on", "marketing_consent"]].head()

# %% [markdown] lang="zh"
# 四项信息的"齐全"含义各不相同：手机号码和职业看是否为空；身份核实看 `id_verified` 是否为 `True`（`False` 不是空值，而是"未核实"）；风险测评看是否在 12 个月以内。
# 把每项写成一列布尔值，按支行求平均，得到的就是完整率：

# %% [markdown] lang="en"
# "On file" means something different for each item: mobile number and occupation must not be empty; identity must have `id_verified` equal to `True` (`False` is not an empty value, it means "not verified"); the risk assessment must be less than 12 months old.
# Write each item as a column of booleans and average by branch; the result is the completeness rate:

# %%
cutoff = bankdata.AS_OF - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
kyc = pd.DataFrame({
    "phone": customers.phone.notna(),
    "occupation": customers.occupation.notna(),
    "id_verified": customers.id_verified,
    "assessment_valid": customers.risk_assessed_on >= cutoff,
})
kyc["complete"] = kyc.all(axis=1)
rates = kyc.groupby(customers.branch_id).mean()
rates.round(3)

# %%
labels = ["手机号码", "职业", "身份已核实", "测评有效", "四项齐全"]  # [zh]
labels = ["mobile", "occupation", "ID verified", "assessment valid", "all four"]  # [en]
fig, ax = plt.subplots(figsize=(7.5, 4))
image = ax.imshow(rates.to_numpy() * 100, cmap="RdYlGn", vmin=75, vmax=100, aspect="auto")
for (row, col), value in pd.DataFrame(rates.to_numpy() * 100).stack().items():
    ax.text(col, row, f"{value:.0f}", ha="center", va="center", fontsize=9)
ax.set_xticks(range(len(labels)), labels)
ax.set_yticks(range(len(rates)), rates.index)
ax.set_title("各支行 KYC 信息完整率（%）")  # [zh]
ax.set_title("KYC completeness by branch (%)")  # [en]
fig.colorbar(image, ax=ax)
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 每一项单独看都在 90% 以上，但四项**同时**齐全的客户只有 80% 左右：缺口分散在不同客户身上。所以"四项齐全"必须逐个客户判断，不能把四个比率平均。
#
# 这些缺口会流到销售中。下面统计过去一年卖给"今天仍未核实身份"的客户的销售。（我们只知道客户今天的状态，不知道销售当天的状态，所以这是需要复核的线索，而不是结论。）

# %% [markdown] lang="en"
# Each item on its own is above 90%, yet only about 80% of customers have all four **at once**: the gaps fall on different customers. So "all four" must be decided customer by customer, not by averaging the four rates.
#
# These gaps flow into sales. Below we count last year's sales to customers whose identity is still unverified today. (We know each customer's status today, not on the day of the sale, so this is a lead to review, not a conclusion.)

# %%
sales = bank.sales
verified = sales.customer_id.map(customers.set_index("customer_id").id_verified)
unverified_sales = sales[~verified]
print(f"卖给未核实身份客户的销售：{len(unverified_sales)} 笔，金额合计 {unverified_sales.amount_cny.sum() / 1e4:,.0f} 万元")  # [zh]
print(f"Sales to customers with unverified identity: {len(unverified_sales)}, totalling {unverified_sales.amount_cny.sum() / 1e6:.1f} million CNY")  # [en]

# %% [markdown] lang="zh"
# ## 实例二：成交后是否按时回访
#
# `crm_events` 是销售机会的流程日志，每行一个步骤。注意时间列叫 `at`：`events.at` 是 pandas 自带的取值工具，不是这一列，必须写成 `events["at"]`。

# %% [markdown] lang="en"
# ## Worked example 2: was every sale followed up in time?
#
# `crm_events` is the log of sales opportunities, one row per step. Note that the time column is called `at`: `events.at` is a built-in pandas accessor, not this column, so you must write `events["at"]`.

# %%
events = bank.crm_events
events.head(6)

# %% [markdown] lang="zh"
# 把每个机会的成交时间和售后回访时间放到同一行，再算间隔。没有售后步骤的机会，回访时间为空：它们是最严重的情况，千万不能在合并时被悄悄丢掉。

# %% [markdown] lang="en"
# Put each opportunity's closing time and after-sales time on one row, then take the gap. An opportunity without an after-sales step gets an empty time: these are the worst cases, and they must not be silently dropped by a join.

# %%
times = events.pivot_table(index="opportunity_id", columns="step", values="at", aggfunc="min")
closed = times[times["closing"].notna()]
gap_hours = (closed["after_sales"] - closed["closing"]).dt.total_seconds() / 3600
print(f"已成交的机会：{len(closed)} 个；没有售后回访记录：{gap_hours.isna().sum()} 个；回访超过 48 小时：{(gap_hours > 48).sum()} 个")  # [zh]
print(f"Closed opportunities: {len(closed)}; no after-sales step at all: {gap_hours.isna().sum()}; follow-up after more than 48 hours: {(gap_hours > 48).sum()}")  # [en]

# %%
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.hist(gap_hours.dropna(), bins=range(0, 76, 4), color="#1f618d")
ax.axvline(48, color="#b03a2e", linestyle="--", label="48 小时标准")  # [zh]
ax.set_title("成交到售后回访的间隔")  # [zh]
ax.set_xlabel("小时")  # [zh]
ax.set_ylabel("销售机会数")  # [zh]
ax.axvline(48, color="#b03a2e", linestyle="--", label="48-hour standard")  # [en]
ax.set_title("Time from closing to after-sales follow-up")  # [en]
ax.set_xlabel("hours")  # [en]
ax.set_ylabel("opportunities")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 近三分之一的机会在 48 小时之后才回访，另有几个根本没有回访。回访的意义在于：确认客户理解了自己买的是什么、风险和费用是否清楚、有没有需要冷静期退款或其他帮助。
# 还要注意：成交不到 2 天的机会，回访期限还没到，不能算作"逾期"。
#
# 私募产品另有顺序：签约打款后先过至少 24 小时的冷静期，冷静期内销售人员不得主动联系客户；冷静期结束后，由未参与销售的员工回访；回访确认之前，客户仍可解除合同、取回款项。所以私募产品的售后回访不由卖出产品的客户经理来打，也不能提前到冷静期之内。

# %% [markdown] lang="en"
# Nearly a third of the opportunities were followed up after 48 hours, and a few were never followed up at all. The follow-up is where the bank confirms that the customer understood what they bought, that risks and fees are clear, and whether they need a cooling-off refund or other help.
# Note too that an opportunity closed less than 2 days ago is not yet due, so it cannot count as "overdue".
#
# Private funds follow their own order: after signing and payment comes a cooling-off period of at least 24 hours, during which the seller may not take the initiative to contact the customer; after it, staff not involved in the sale make the follow-up call; until that call confirms the purchase, the customer may still rescind the contract and get the money back. So for a private fund the follow-up call is never made by the relationship manager who sold it, and never brought forward into the cooling-off period.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **把 `False` 当成"有数据"**：用 `notna()` 或 `count()` 检查 `id_verified`，未核实的客户也会被算作齐全，因为 `False` 不是空值。
# - **把四项比率平均当成"四项齐全"率**：缺口分散在不同客户身上，平均值会高估完整率；必须逐个客户判断。
# - **用合并丢掉了没有回访的机会**：只比较有售后记录的机会，会漏掉最严重的"从未回访"。
# - **把尚未到期的机会算作逾期**：成交时间加 2 天还没到"今天"的，不应列入。
# - **按日期而不是按时间计算**：48 小时从成交的那一刻算起；只比较日期会放过晚了几个小时的回访。
# - **把私募基金的回访提前或交给卖出产品的人**：私募基金的回访在签约打款和至少 24 小时的冷静期之后，由未参与销售的员工进行，不是签约前的一个步骤。
# - **为了通过检查而编造数据**：把缺失的职业统一填成"企业职员"，记录看起来齐全，实际上适当性判断失去了依据。信息必须来自客户本人并经过核实。
#
# ## 小结
#
# 完整、真实的客户信息是适当性判断的基础；成交后的按时回访是发现误解和问题的最后一道关口。用 CRM 数据按支行监测 KYC 完整率和回访纪律，发现缺口后向客户核实补全，而不是替客户填写。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Treating `False` as "data on file"**: checking `id_verified` with `notna()` or `count()` counts unverified customers as complete, because `False` is not an empty value.
# - **Averaging the four rates to get the "all four" rate**: the gaps fall on different customers, so the average overstates completeness; decide customer by customer.
# - **Losing the never-followed-up opportunities in a join**: comparing only the opportunities that have an after-sales record misses the worst cases, those never followed up.
# - **Counting opportunities that are not yet due**: if the closing time plus 2 days is still after "today", the opportunity is not overdue.
# - **Comparing dates instead of times**: the 48 hours run from the moment of closing; comparing dates alone lets through follow-ups that were a few hours late.
# - **Bringing a private fund's follow-up call forward, or leaving it to the seller**: it comes after signing, payment and a cooling-off period of at least 24 hours, and is made by staff not involved in the sale; it is not a step before signing.
# - **Inventing data to pass the check**: filling every missing occupation with "employee" makes the record look complete but leaves the suitability judgement with nothing to stand on. Information must come from the customer and be verified.
#
# ## Summary
#
# Complete and truthful customer information is the basis of every suitability judgement; a timely follow-up after the sale is the last chance to catch misunderstandings and problems. Use CRM data to monitor KYC completeness and follow-up discipline branch by branch; when you find a gap, complete it with the customer, never on the customer's behalf. Now work through this module's exercise.
