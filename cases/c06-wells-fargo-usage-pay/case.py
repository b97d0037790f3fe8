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
# # 案例 c06：从"开了多少户"到"用了多少户"——富国银行的激励改革
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明富国银行 2017 年新激励方案的内容，以及它针对的是旧方案的哪个缺陷；
# 2. 用数据比较改革前后：开户量、90 天内被使用的账户占比、投诉率、客户体验得分和薪酬结构；
# 3. 避开前后对比中常见的陷阱（按投诉日期而不是按开户批次归属），并说明改革后还要继续监测什么。

# %% [markdown] lang="en"
# # Case c06: From accounts opened to accounts used, Wells Fargo's incentive reform
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. describe Wells Fargo's 2017 incentive plan, and the flaw in the old plan it was aimed at;
# 2. compare before and after with data: openings, the share of accounts used within 90 days, complaints, customer-experience scores and the make-up of pay;
# 3. avoid a common trap in before/after comparisons (assigning complaints by the date received instead of by the accounts' opening cohort), and say what must still be monitored after a reform.

# %% [markdown] lang="zh"
# ## 背景：旧方案出了什么问题
#
# 富国银行曾以"**Eight is great**"为交叉销售目标：每个家庭持有 8 个产品。实际平均值 2009 年为 5.95 个，2014 年第四季度达到最高的 6.17 个。
# *来源：Public Citizen 报告；American Banker。*
#
# 2016 年 9 月 8 日，富国银行因员工未经客户同意开立账户被罚款 **1.85 亿美元**（其中消费者金融保护局 1 亿美元，是该局当时最大的一笔罚款；货币监理署 3500 万美元；洛杉矶 5000 万美元）。
# 约 **150 万**个存款账户和 **56.5 万**个信用卡账户可能未经客户同意开立，约 **5300** 名员工被解雇，有的借记卡还由员工设置了密码。第三方审查后来把估计数提高到 **350 万**个账户。
# 2020 年 2 月 21 日，富国银行与美国司法部和证交会达成 **30 亿美元**和解（其中 5 亿美元归证交会），并签订为期 3 年的暂缓起诉协议。
# *来源：Finextra；ConsumerAffairs；纽约大学合规与执法博客。*
#
# 失败的经过是案例 c01 的主题。本案例关注的是**之后的改革**。

# %% [markdown] lang="en"
# ## Background: what went wrong with the old plan
#
# Wells Fargo's cross-selling goal was "**Eight is great**": eight products per household. The actual average was 5.95 in 2009 and peaked at 6.17 in the fourth quarter of 2014.
# *Source: Public Citizen report; American Banker.*
#
# On 8 September 2016 Wells Fargo was fined **$185 million** for accounts staff opened without customers' consent ($100 million by the CFPB, then its largest fine ever; $35 million by the OCC; $50 million by Los Angeles).
# About **1.5 million** deposit accounts and **565,000** credit-card accounts may have been opened without consent; about **5,300** staff were fired; some debit cards were issued with PINs set by staff. A third-party review later raised the estimate to **3.5 million** accounts.
# On 21 February 2020 Wells Fargo settled with the DOJ and the SEC for **$3 billion** ($500 million of it to the SEC), with a three-year deferred prosecution agreement.
# *Source: Finextra; ConsumerAffairs; NYU Compliance & Enforcement blog.*
#
# The failure itself is the subject of case c01. This case looks at **the reform that followed**.

# %% [markdown] lang="zh"
# ## 改革：新方案改了什么
#
# 从 **2017 年 1 月 1 日**起，富国银行取消了产品销售目标。新的薪酬方案：
#
# - 激励按**账户的使用情况**计算，并且要在开户 **90 天之后**才计入；
# - 纳入网点的**客户体验得分**和团队业绩；
# - **固定工资占比提高**，最低时薪从 12 美元提高到 13.50 美元；
# - 引入**神秘顾客**检查。
#
# *来源：American Banker；《圣何塞水星报》（Mercury News）2017 年 1 月 11 日。*
#
# 其他银行也做过类似的改革：
#
# - 劳埃德银行（2013 年）：网点季度奖金（占奖金总额的一半）改为按客户反馈发放，反馈由另外的员工收集。*来源：This is Money。*
# - TSB（2013–2015 年起）：取消销售目标、销售奖金和网点排名，网点看不到销售数据，员工按服务和客户满意度获得奖励；TSB 称 80% 的员工收入因此增加。但工会在 2020 年报告说销售压力正在回来。*来源：Daily Mail；Evening Standard。*
# - 英国监管机构认为 100% 浮动薪酬属于高风险设计，并要求银行控制平衡计分卡本身的风险。*来源：FCA 指引 FG13/1（2013 年 1 月 16 日）。*
#
# 上述资料并没有告诉我们富国银行的新方案实际效果如何；TSB 的经历还提醒我们，压力可能会回来。所以改革之后必须**用数据持续检验**。下面用金禾银行的数据来做这件事。

# %% [markdown] lang="en"
# ## The reform: what the new plan changed
#
# From **1 January 2017** Wells Fargo dropped product sales goals. The new pay plan:
#
# - bases incentives on **how accounts are used**, counted only **90 days after** opening;
# - brings in branch **customer-experience scores** and team performance;
# - makes **base pay a larger share** of pay, and raises the minimum wage from $12 to $13.50 an hour;
# - adds **mystery shoppers**.
#
# *Source: American Banker; The Mercury News, 11 January 2017.*
#
# Other banks made similar changes:
#
# - Lloyds (2013): the quarterly branch bonus, half of the total bonus, came to depend on customer feedback collected by separate staff. *Source: This is Money.*
# - TSB (from 2013–15): scrapped sales targets, sales bonuses and branch league tables, hid sales data from branches, and rewarded staff for service and customer satisfaction; TSB says 80% of staff earned more. But in 2020 the union reported that sales pressure was coming back. *Source: Daily Mail; Evening Standard.*
# - The UK regulator treats 100%-variable pay as high risk and asks banks to control the risks inside balanced scorecards too. *Source: FCA guidance FG13/1, 16 January 2013.*
#
# These sources do not tell us how well Wells Fargo's new plan worked, and TSB's experience warns that pressure can come back. So a reform must be **checked with data, continuously**. Below we do that with Jinhe Bank's data.

# %% [markdown] lang="zh"
# ## 金禾银行的数据
#
# 金禾银行（虚构）在 **2024 年 7 月 1 日**把开户激励从旧方案（`sales_goal`：开户即计入业绩）换成了新方案（`usage`：开户满 90 天、客户在这 90 天内至少交易一次才计入，另加客户体验得分、神秘顾客检查和更高的固定工资）。
# 数据覆盖 2023-07-01 至 2025-03-31 开立的账户，到 2025-06-30 每个账户都已满 90 天。人名均为虚构。

# %% [markdown] lang="en"
# ## Jinhe Bank's data
#
# On **1 July 2024** the fictional Jinhe Bank replaced its account-opening incentive: the old plan (`sales_goal`: credit when the account is opened) gave way to the new (`usage`: credit only when the account is 90 days old and the customer has made at least one transaction in those 90 days, plus customer-experience scores, mystery shopping and higher base pay).
# The data covers accounts opened from 2023-07-01 to 2025-03-31; by 2025-06-30 every account is at least 90 days old. All names are fictional.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import wells_fargo_usage_pay
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", 120)
LANG = "zh"  # [zh]
LANG = "en"  # [en]

tables = wells_fargo_usage_pay.load(seed=7)
staff, accounts, complaints = tables["staff"], tables["accounts"], tables["complaints"]
branch_months, pay = tables["branch_months"], tables["pay"]
{name: len(table) for name, table in tables.items()}

# %% [markdown] lang="zh"
# 数据字典说明了每张表和每一列的含义：

# %% [markdown] lang="en"
# The data dictionary explains every table and every column:

# %%
overview, columns = dictionary_tables(wells_fargo_usage_pay.DICTIONARY, LANG, tables)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：开户量和"用得上"的账户
#
# 按开户月份统计开户数，以及 90 天内客户至少交易一次的账户占比。**先猜一猜**：新方案实施后，开户数和使用率会怎样变化？

# %% [markdown] lang="en"
# ## Analysis 1: openings, and accounts that get used
#
# Count the accounts opened each month, and the share the customer used at least once within 90 days. **Guess first**: what happens to openings and to the usage rate under the new plan?

# %%
month = accounts.opened_on.dt.to_period("M")
used = accounts.transactions_90d >= 1
monthly = pd.DataFrame({"opened": accounts.groupby(month).size(), "used_share": used.groupby(month).mean()})
switch_month = wells_fargo_usage_pay.SWITCH.to_period("M")
colors = ["#c0392b" if m < switch_month else "#1e8449" for m in monthly.index]

fig, ax = plt.subplots(figsize=(9, 3.8))
ax.bar(monthly.index.astype(str), monthly.opened, color=colors)
ax.tick_params(axis="x", rotation=90)
share_axis = ax.twinx()
share_axis.plot(monthly.index.astype(str), monthly.used_share * 100, color="black", marker="o")
share_axis.set_ylim(0, 100)
ax.set_title("每月开户数（红：旧方案，绿：新方案）与 90 天内被使用的比例（黑线）")  # [zh]
ax.set_ylabel("开户数")  # [zh]
share_axis.set_ylabel("90 天内被使用的账户（%）")  # [zh]
ax.set_title("Accounts opened per month (red: old plan, green: new plan) and share used within 90 days (line)")  # [en]
ax.set_ylabel("Accounts opened")  # [en]
share_axis.set_ylabel("Used within 90 days (%)")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 新方案实施后，每月开户数下降了约四成，而 90 天内被使用的比例从五成多升到八成以上。少开的那些，主要是客户本来就不需要的账户。

# %% [markdown] lang="en"
# Under the new plan monthly openings fall by about two fifths, while the share used within 90 days rises from just over half to more than eight in ten. The accounts no longer opened are mostly ones the customer never needed.

# %% [markdown] lang="zh"
# ## 分析二：那些没用上的账户去了哪里
#
# 把每个账户按开户后 90 天内的状态分成四类：90 天内被客户使用、入了资但客户从未交易（常见的是开户时的一笔"象征性"转账）、90 天后才入资、从未入资。
# 旧方案下，这四类账户**全部**计入员工业绩；新方案下，只有第一类计入。

# %% [markdown] lang="en"
# ## Analysis 2: where the unused accounts went
#
# Put every account in one of four states at day 90: used by the customer within 90 days; funded but never used by the customer (often a token transfer at opening); funded only after 90 days; never funded.
# Under the old plan **all four** counted toward the employee's results; under the new plan only the first does.

# %%
window = pd.Timedelta(days=wells_fargo_usage_pay.USAGE_WINDOW_DAYS)
funded_in_time = accounts.first_funded_on.notna() & (accounts.first_funded_on <= accounts.opened_on + window)
state = np.select(
    [used, funded_in_time, accounts.first_funded_on.notna()],
    ["used", "funded_not_used", "funded_late"],
    "never_funded",
)
states = pd.crosstab(accounts.plan, state, normalize="index")[["used", "funded_not_used", "funded_late", "never_funded"]]
state_names = {"used": "90 天内被使用", "funded_not_used": "入资但未使用", "funded_late": "90 天后才入资", "never_funded": "从未入资"}  # [zh]
plan_names = {"sales_goal": "旧方案", "usage": "新方案"}  # [zh]
state_names = {"used": "Used within 90 days", "funded_not_used": "Funded, never used", "funded_late": "Funded after 90 days", "never_funded": "Never funded"}  # [en]
plan_names = {"sales_goal": "Old plan", "usage": "New plan"}  # [en]
ax = states.mul(100).rename(columns=state_names, index=plan_names).plot.barh(
    stacked=True, color=["#1e8449", "#f5b041", "#e67e22", "#c0392b"], figsize=(8, 2.8))
ax.set_title("开户 90 天时账户的状态")  # [zh]
ax.set_xlabel("占该方案下开户数的比例（%）")  # [zh]
ax.set_title("State of accounts at day 90")  # [en]
ax.set_xlabel("Share of the plan's openings (%)")  # [en]
ax.set_ylabel("")
ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
plt.tight_layout()
plt.show()

credited = accounts.groupby("plan").agg(opened=("account_id", "size"), credited=("credited", "sum"), used=("transactions_90d", lambda t: (t >= 1).sum()))
credited

# %% [markdown] lang="zh"
# 旧方案下，有四成左右的账户在 90 天时没有入资，却照样计入了业绩；新方案下，计入业绩的账户数与被使用的账户数完全一致。

# %% [markdown] lang="en"
# Under the old plan around two in five accounts were unfunded at day 90 and were credited anyway; under the new plan the credited accounts are exactly the used ones.

# %% [markdown] lang="zh"
# ## 分析三：投诉，按开户批次比较
#
# 投诉通常在开户后几周到几个月才到。要比较两个方案，应该把每件投诉归到**被投诉账户开立时的方案**，再除以该方案下的开户数。
# 如果按投诉的**收到日期**来划分，7 月以后收到的、针对旧方案账户的投诉就会被错算到新方案头上。下面两种算法并排比较：

# %% [markdown] lang="en"
# ## Analysis 3: complaints, compared by opening cohort
#
# Complaints arrive weeks or months after the account is opened. To compare the two plans, assign each complaint to **the plan in force when the account was opened**, then divide by the accounts opened under that plan.
# Splitting by the **date the complaint was received** would charge complaints about old-plan accounts, received after July, to the new plan. Here are both ways, side by side:

# %%
plan_of_account = complaints.account_id.map(accounts.set_index("account_id").plan)
plan_by_date = pd.Series(np.where(complaints.received_on < wells_fargo_usage_pay.SWITCH, "sales_goal", "usage"), index=complaints.index)
opened_per_plan = accounts.plan.value_counts()
comparison = pd.DataFrame({
    "by_opening_cohort": plan_of_account.value_counts() / opened_per_plan * 1000,
    "by_date_received": plan_by_date.value_counts() / opened_per_plan * 1000,
}).round(1)
comparison

# %%
cohort = complaints.account_id.map(accounts.set_index("account_id").opened_on.dt.to_period("M"))
per_thousand = (cohort.value_counts() / accounts.groupby(month).size() * 1000).fillna(0).sort_index()
unrequested = complaints.category == "unrequested_account"
per_thousand_unrequested = (cohort[unrequested].value_counts() / accounts.groupby(month).size() * 1000).fillna(0).sort_index()

fig, ax = plt.subplots(figsize=(9, 3.6))
ax.plot(per_thousand.index.astype(str), per_thousand.to_numpy(), marker="o", color="#2c3e50", label="全部投诉")  # [zh]
ax.plot(per_thousand_unrequested.index.astype(str), per_thousand_unrequested.to_numpy(), marker="s", color="#c0392b", label="其中：客户没有申请过该账户")  # [zh]
ax.plot(per_thousand.index.astype(str), per_thousand.to_numpy(), marker="o", color="#2c3e50", label="All complaints")  # [en]
ax.plot(per_thousand_unrequested.index.astype(str), per_thousand_unrequested.to_numpy(), marker="s", color="#c0392b", label="Of which: the customer never asked for the account")  # [en]
ax.axvline(str(switch_month), color="#1e8449", linestyle="--")
ax.tick_params(axis="x", rotation=90)
ax.set_title("每千个新开账户收到的投诉，按开户月份（绿线：新方案开始）")  # [zh]
ax.set_ylabel("每千户投诉数")  # [zh]
ax.set_title("Complaints per 1,000 accounts, by month of opening (green line: new plan starts)")  # [en]
ax.set_ylabel("Complaints per 1,000 accounts")  # [en]
ax.legend(frameon=False)
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 按开户批次看，新方案下每千户的投诉减少了约七成，"客户没有申请过该账户"的投诉几乎消失。按收到日期划分则会把这一下降大大低估。

# %% [markdown] lang="en"
# By opening cohort, complaints per 1,000 accounts fall by about 70% under the new plan, and complaints that the customer never asked for the account almost disappear. Splitting by the date received would understate the fall badly.

# %% [markdown] lang="zh"
# ## 分析四：客户体验和薪酬结构
#
# 新方案把客户体验得分纳入考核，同时提高了固定工资。看看各支行的平均客户体验得分，以及固定工资在总薪酬中的占比：

# %% [markdown] lang="en"
# ## Analysis 4: customer experience and the make-up of pay
#
# The new plan brings customer-experience scores into the scorecard and raises base pay. Look at the branches' average customer-experience score, and at base pay as a share of total pay:

# %%
cx = branch_months.groupby("month").cx_score.mean()
totals = pay.groupby("month")[["base_pay_cny", "incentive_cny"]].sum()
base_share = totals.base_pay_cny / (totals.base_pay_cny + totals.incentive_cny)

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
left.plot(cx.index, cx.to_numpy(), marker="o", color="#2e86c1")
right.plot(base_share.index, base_share.to_numpy() * 100, marker="o", color="#7d3c98")
for axis in (left, right):
    axis.axvline(str(switch_month), color="#1e8449", linestyle="--")
    axis.tick_params(axis="x", rotation=90, labelsize=7)
left.set_title("各支行平均客户体验得分（0–10）")  # [zh]
right.set_title("固定工资占总薪酬的比例（%）")  # [zh]
left.set_title("Average branch customer-experience score (0–10)")  # [en]
right.set_title("Base pay as a share of total pay (%)")  # [en]
plt.tight_layout()
plt.show()
branch_months.groupby("plan")[["cx_score", "mystery_shop_score"]].mean().round(2)

# %% [markdown] lang="zh"
# ## 分析五：新方案会不会被"钻空子"
#
# 新方案只要求 90 天内"至少一笔交易"。如果员工请客户随便转一笔小钱来凑数，计入业绩的账户里就会出现大量"刚好 1–2 笔交易"的账户。这是改革后要持续盯住的信号：

# %% [markdown] lang="en"
# ## Analysis 5: can the new plan be gamed?
#
# The new plan asks only for "at least one transaction" within 90 days. If staff asked customers to make one small transfer to qualify, the credited accounts would fill up with accounts showing exactly 1–2 transactions. That is the signal to keep watching after the reform:

# %%
new_credited = accounts[(accounts.plan == "usage") & accounts.credited]
print(f"新方案下计入业绩的账户中，90 天内只有 1–2 笔交易的占 {new_credited.transactions_90d.le(2).mean():.1%}，"  # [zh]
      f"交易笔数的中位数为 {new_credited.transactions_90d.median():.0f}。")  # [zh]
print(f"Of the accounts credited under the new plan, {new_credited.transactions_90d.le(2).mean():.1%} have only 1–2 transactions in 90 days; "  # [en]
      f"the median is {new_credited.transactions_90d.median():.0f} transactions.")  # [en]

# %% [markdown] lang="zh"
# 目前没有这种迹象。但指标一旦被用来发钱，就会有人想办法凑够它：这个检查应该每月做，和投诉、神秘顾客的结果一起看。
#
# ## 改革前后对照
#
# | 指标 | 旧方案 | 新方案 | 说明 |
# |---|---|---|---|
# | 每月开户数 | 约 290 | 约 160 | 少开了客户不需要的账户 |
# | 90 天内被使用 | 五成多 | 八成以上 | 激励只奖励被使用的账户 |
# | 90 天时未入资却计入业绩 | 约四成 | 0 | 计入前先等 90 天 |
# | 每千户投诉（按开户批次） | 约 72 | 约 22 | "未申请账户"的投诉几乎消失 |
# | 客户体验得分 | 约 6.8 | 逐月上升到 7.8 左右 | 纳入考核 |
# | 固定工资占比 | 约 76% | 约 90% | 减少短期销售压力 |
#
# ## 讨论题
#
# 1. 为什么"开户 90 天后、按使用情况计入"比"开户即计入"更难被操纵？它还可能怎样被操纵？
# 2. 开户数下降了约四成。如果你是支行行长，会怎样向总行和团队解释这不是坏事？
# 3. TSB 取消销售目标后，工会报告说销售压力在回来。金禾银行应该定期看哪些数据，才能及早发现这种回潮？
# 4. 客户体验得分也可能被操纵（例如只邀请满意的客户填问卷）。怎样设计才能减少这种风险？
#
# ## 本案例支持的课程模块
#
# - **06 激励机制**：激励指标的设计、固定与浮动薪酬的比例；
# - **12 持续改进**：改革后的前后对比、按批次而不是按日期归属结果、持续监测新指标是否被操纵。

# %% [markdown] lang="en"
# No sign of it so far. But once a measure drives pay, someone will try to meet it cheaply: run this check every month, together with complaints and mystery-shopping results.
#
# ## Before and after
#
# | Measure | Old plan | New plan | Why |
# |---|---|---|---|
# | Accounts opened per month | about 290 | about 160 | Fewer accounts the customer never needed |
# | Used within 90 days | just over half | more than eight in ten | Incentives reward only used accounts |
# | Unfunded at day 90 yet credited | about two in five | none | Wait 90 days before crediting |
# | Complaints per 1,000 accounts (by opening cohort) | about 72 | about 22 | Complaints about unrequested accounts almost disappear |
# | Customer-experience score | about 6.8 | rising month by month to about 7.8 | Part of the scorecard |
# | Base pay as a share of pay | about 76% | about 90% | Less short-term sales pressure |
#
# ## Discussion questions
#
# 1. Why is "credit 90 days after opening, for use" harder to game than "credit at opening"? How could it still be gamed?
# 2. Openings fell by about two fifths. As a branch manager, how would you explain to head office and to your team that this is not bad news?
# 3. After TSB scrapped sales targets, the union reported that sales pressure was coming back. Which data should Jinhe Bank review regularly to catch such a return early?
# 4. Customer-experience scores can be gamed too (for example by inviting only happy customers to the survey). How would you design against that?
#
# ## Course modules this case supports
#
# - **06 Incentives**: choosing incentive measures, and the balance of base and variable pay;
# - **12 Continuous improvement**: before/after comparison after a reform, assigning results by cohort rather than by date, and watching whether the new measure is being gamed.
