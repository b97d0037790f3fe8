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
# # 案例 8：取消销售指标与排行榜，以及压力的回潮
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明 TSB 取消销售指标、奖金和支行排行榜的做法，以及后来工会提出的警告；
# 2. 用前后对比判断取消指标之后，不匹配销售和投诉是否下降；
# 3. 用改革后的平稳期作为基准，及早发现销售压力悄悄回来的迹象，并找出问题集中的支行。

# %% [markdown] lang="en"
# # Case 8: Removing sales targets and league tables, and the pressure coming back
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. describe how TSB scrapped sales targets, sales bonuses and branch league tables, and the warning its union gave later;
# 2. use a before/after comparison to judge whether mismatched sales and complaints fell once targets were gone;
# 3. use the settled period after the change as a baseline to spot early signs that sales pressure is quietly returning, and find the branches where it is concentrated.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 英国的 TSB 银行在 2013 年至 2015 年间逐步做了这些改变：
#
# - 取消销售指标和销售奖金，也取消了支行之间的排行榜；
# - 支行不再能看到销售数据；
# - 员工改为按服务质量和客户满意度获得奖励。
#
# TSB 表示，改革之后 **80% 的员工**拿到的收入比以前更多。
# *来源：Daily Mail 与 Evening Standard 的报道。*
#
# 但改革并不是一劳永逸的。**2020 年**，工会报告说，销售压力正在回来。
# *来源：2020 年工会的报告，据媒体报道。*

# %% [markdown] lang="en"
# ## What happened
#
# Between 2013 and 2015 the UK bank TSB made these changes, step by step:
#
# - it scrapped sales targets and sales bonuses, and the league tables that ranked branches against each other;
# - branches could no longer see sales data;
# - staff were rewarded on service and customer satisfaction instead.
#
# TSB said that after the change **80% of its staff** earned more than before.
# *Source: reports in the Daily Mail and the Evening Standard.*
#
# The change did not settle the matter for good. In **2020** the union reported that sales pressure was coming back.
# *Source: a 2020 union report, as covered in the press.*

# %% [markdown] lang="zh"
# ## 其他银行和监管机构
#
# - 富国银行（Wells Fargo）在大量账户可能未经客户同意而开立的丑闻之后，从 **2017 年 1 月 1 日**起取消了产品销售目标。新的薪酬方案按账户的实际使用情况计算激励，并且要在开户 **90 天**之后才计入；同时看支行的客户体验得分和团队表现，提高基本工资所占比重，把最低时薪从 12 美元提高到 13.50 美元，并引入神秘顾客检查。
#   *来源：American Banker；Mercury News，2017 年 1 月 11 日。*
# - 英国监管机构的指引 FG13/1（2013 年 1 月 16 日由金融服务管理局 FSA 发布，其后由金融行为监管局 FCA 沿用）要求银行在管理报表中监测个人销售的异常峰值，并监督面对面销售。
#   2014 年 3 月的跟进报告 TR14/4 发现，仍有约**十分之一**的机构对高风险激励特征管理不善。
#   *来源：FCA 网站"Risks to customers from financial incentives"页面；JD Supra 的解读。*
#
# 这两点合起来说明：取消指标是第一步，之后还必须**持续监测**，因为压力可以不通过正式的指标回来，比如一封按销售排名的邮件、晨会上的点名、"每日活动量"报表。

# %% [markdown] lang="en"
# ## Other banks and the regulators
#
# - After the scandal over accounts possibly opened without customers' consent, Wells Fargo dropped product sales goals from **1 January 2017**. The new pay plan based incentives on how customers actually used their accounts, counted only after **90 days**; it also looked at branch customer-experience scores and team performance, put more of pay into base pay, raised the minimum wage from $12 to $13.50 an hour, and added mystery shoppers.
#   *Source: American Banker; Mercury News, 11 January 2017.*
# - The UK regulator's guidance FG13/1 (published on 16 January 2013 by the FSA, then taken over by the FCA) asks firms to monitor individual sales spikes in their management reports and to monitor face-to-face sales.
#   Its follow-up report TR14/4 (March 2014) found that about **one firm in ten** still managed high-risk incentive features poorly.
#   *Source: the FCA's page "Risks to customers from financial incentives"; commentary on JD Supra.*
#
# Taken together: removing targets is the first step, and it must be followed by **continuous monitoring**, because pressure can come back without any formal target, through an email ranking staff by sales, names called out at the morning meeting, or a "daily activity" report.

# %% [markdown] lang="zh"
# ## 在金禾银行：同样的机制
#
# 下面的数据是虚构的金禾银行，人物和数字都不真实，但机制与 TSB 的经历相同：
#
# - 到 2022 年 6 月为止，各支行有月度销售指标、销售奖金和排行榜；
# - 从 **2022 年 7 月**起，指标、奖金和排行榜全部取消，支行看不到销售数据，员工按服务和客户满意度获得奖励；
# - 此后的情况，需要你从数据中自己找出来。
#
# 我们要回答三个问题：取消指标之后，销售质量变好了吗？员工的收入受到影响了吗？之后有没有压力回潮的迹象，出在哪里？

# %% [markdown] lang="en"
# ## At Jinhe Bank: the same mechanism
#
# The data below describe the fictional Jinhe Bank; the people and the numbers are not real, but the mechanism follows TSB's experience:
#
# - up to June 2022 the branches have monthly sales targets, sales bonuses and league tables;
# - from **July 2022** the targets, bonuses and league tables are gone, branches no longer see sales data, and staff are rewarded on service and customer satisfaction;
# - what happened next is for you to find in the data.
#
# We want to answer three questions. Did sales quality improve once targets were gone? How did staff pay fare? Are there signs of the pressure coming back later, and where?

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import tsb_no_targets
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = tsb_no_targets.load()
staff, branch_month, survey, pay = data["staff"], data["branch_month"], data["staff_survey"], data["pay"]
branch_month.head()

# %% [markdown] lang="zh"
# ## 数据与数据字典
#
# 本案例有四张表。员工调查是匿名的：没有员工编号，只有支行和岗位。

# %% [markdown] lang="en"
# ## The data and its dictionary
#
# The case has four tables. The staff survey is anonymous: it has no staff id, only branch and role.

# %%
lang = "zh"  # [zh]
lang = "en"  # [en]
overview, columns = dictionary_tables(tsb_no_targets.DICTIONARY, lang, data)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：取消指标之后，销售质量变好了吗？
#
# 先把八家支行按月加总，再计算比率：不匹配销售占比、每千笔销售的投诉件数。比率一定要用合计来算，不能把各支行的比率简单平均。

# %% [markdown] lang="en"
# ## Analysis 1: did sales quality improve once targets were gone?
#
# Add up the eight branches month by month, then compute the rates: the share of mismatched sales and complaints per 1,000 sales. Always compute a rate from totals; do not average the branches' rates.

# %%
monthly = branch_month.groupby("month")[["sales_count", "month_end_sales", "mismatched_sales", "complaints", "mis_selling_complaints"]].sum()
monthly["mismatch_pct"] = 100 * monthly.mismatched_sales / monthly.sales_count
monthly["complaints_per_1000"] = 1000 * monthly.complaints / monthly.sales_count
monthly["month_end_share"] = monthly.month_end_sales / monthly.sales_count
removed = list(monthly.index).index(tsb_no_targets.TARGETS_REMOVED)

fig, ax = plt.subplots(figsize=(9, 4))
ax.plot(range(len(monthly)), monthly.mismatch_pct, marker=".", label="不匹配销售（%）")  # [zh]
ax.plot(range(len(monthly)), monthly.complaints_per_1000, marker=".", label="每千笔销售投诉（件）")  # [zh]
ax.plot(range(len(monthly)), monthly.mismatch_pct, marker=".", label="Mismatched sales (%)")  # [en]
ax.plot(range(len(monthly)), monthly.complaints_per_1000, marker=".", label="Complaints per 1,000 sales")  # [en]
ax.axvline(removed - 0.5, color="grey", linestyle="--")
ticks = range(0, len(monthly), 6)
ax.set_xticks(list(ticks), [monthly.index[i] for i in ticks], rotation=45)
ax.set_title("金禾银行：2022 年 7 月取消指标前后（虚线）")  # [zh]
ax.set_title("Jinhe Bank: before and after targets were removed in July 2022 (dashed)")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 取消指标后两三个月内，两条线都明显下降。用改革前 18 个月与改革后最初 18 个月的合计来比较：

# %% [markdown] lang="en"
# Within two or three months of the change both lines drop sharply. Compare the totals of the 18 months before the change with the first 18 months after it:

# %%
period = pd.Series("before", index=monthly.index).where(monthly.index < "2022-07", "after")
first_18_after = monthly.index < "2024-01"
sums = monthly[first_18_after].groupby(period[first_18_after]).sum()
compare = pd.DataFrame(
    {
        "mismatch_pct": 100 * sums.mismatched_sales / sums.sales_count,
        "complaints_per_1000": 1000 * sums.complaints / sums.sales_count,
        "mis_selling_complaints_per_1000": 1000 * sums.mis_selling_complaints / sums.sales_count,
        "month_end_share": sums.month_end_sales / sums.sales_count,
    }
).loc[["before", "after"]]
compare.round(3)

# %% [markdown] lang="zh"
# 月末最后 5 天的销售占比也从约 40% 降到约 21%，接近均匀分布时的六分之一：没有了月度指标，就没有了月末冲量。

# %% [markdown] lang="en"
# The share of sales made in the last 5 days of the month also fell, from about 40% to about 21%, close to the one in six of an even spread: without monthly targets there is no month-end rush.

# %% [markdown] lang="zh"
# ## 分析二：员工的收入怎样了？
#
# 比较每名员工 2021 年（有销售奖金）和 2023 年（按服务和满意度奖励）的总收入：

# %% [markdown] lang="en"
# ## Analysis 2: how did staff pay fare?
#
# Compare each employee's total pay in 2021 (with sales bonuses) and 2023 (rewarded on service and satisfaction):

# %%
totals = pay.assign(total=pay.base_pay_cny + pay.variable_pay_cny).pivot(index="staff_id", columns="year", values="total")
earned_more = (totals[2023] > totals[2021]).mean()
top_share = pay[pay.year == 2021].variable_pay_cny.nlargest(len(staff) // 10).sum() / pay[pay.year == 2021].variable_pay_cny.sum()
print(f"2023 年收入高于 2021 年的员工：{earned_more:.0%}")  # [zh]
print(f"2021 年销售奖金最多的 10% 员工拿走了全部销售奖金的 {top_share:.0%}")  # [zh]
print(f"Staff who earned more in 2023 than in 2021: {earned_more:.0%}")  # [en]
print(f"In 2021 the 10% of staff with the largest sales bonuses took {top_share:.0%} of all of them")  # [en]

# %% [markdown] lang="zh"
# 销售奖金高度集中在少数人手里；改为按服务奖励后，多数人的收入反而增加了。这和 TSB 公布的情况方向一致，但请记住：金禾银行的数据是虚构的，TSB 的 80% 是 TSB 自己公布的数字。

# %% [markdown] lang="en"
# Sales bonuses were concentrated in a few hands; once rewards were based on service, most people earned more. This points the same way as what TSB reported, but remember that Jinhe Bank's data are fictional, and TSB's 80% is a figure TSB published itself.

# %% [markdown] lang="zh"
# ## 分析三：压力有没有回来？
#
# 回到图一的后半段：2024 年以后，线条似乎又在慢慢上升。"似乎"不够，我们需要一个判断标准。
#
# 做法是**以改革后的平稳期为基准**：2022 年 7 月至 9 月是过渡期，先跳过；取 2022 年 10 月至 2023 年 12 月这 15 个月，计算指标的平均值和标准差。
# 之后某个月如果超过"平均值 + 3 个标准差"，就标记出来。注意不能用全部历史数据作基准：改革前的数值很高，会把标准差撑大，让回潮的信号被淹没。
#
# 先看**压力指标**：月末销售占比。它不需要等到客户投诉，反映的是员工此刻的行为。

# %% [markdown] lang="en"
# ## Analysis 3: is the pressure coming back?
#
# Look again at the second half of the first chart: after 2024 the lines seem to creep up again. "Seem" is not enough; we need a rule.
#
# The method is to **use the settled period after the change as the baseline**. July to September 2022 is the transition, so skip it; take the 15 months from October 2022 to December 2023 and compute the indicator's mean and standard deviation.
# Flag any later month above "mean + 3 standard deviations". Do not use the whole history as the baseline: the high values before the change would inflate the standard deviation and drown the signal.
#
# Start with a **pressure indicator**: the month-end share of sales. It does not wait for customers to complain; it reflects what staff are doing now.

# %%
share = monthly.month_end_share
baseline = share["2022-10":"2023-12"]
limit = baseline.mean() + 3 * baseline.std()
flagged = [month for month in share.index if month > "2023-12" and share[month] > limit]
print(f"基准期平均 {baseline.mean():.3f}，上限 {limit:.3f}；超过上限的月份：{', '.join(flagged)}")  # [zh]
print(f"Baseline mean {baseline.mean():.3f}, limit {limit:.3f}; months above the limit: {', '.join(flagged)}")  # [en]

fig, ax = plt.subplots(figsize=(9, 4))
after = share[share.index >= "2022-10"]
x = range(len(after))
ax.plot(x, after.to_numpy(), marker=".", color="#2e86c1")
ax.axhline(limit, color="#b03a2e", linestyle="--")
ax.axhspan(baseline.mean() - 3 * baseline.std(), limit, color="#2e86c1", alpha=0.1)
hits = [i for i, month in enumerate(after.index) if month in flagged]
ax.scatter(hits, after.iloc[hits].to_numpy(), color="#b03a2e", zorder=3)
ticks = range(0, len(after), 3)
ax.set_xticks(list(ticks), [after.index[i] for i in ticks], rotation=45)
ax.set_ylabel("月末 5 天的销售占比")  # [zh]
ax.set_title("月末销售占比：基准期（2022-10 至 2023-12）±3 个标准差，红点为超限月份")  # [zh]
ax.set_ylabel("Share of sales in the last 5 days")  # [en]
ax.set_title("Month-end share of sales: baseline (2022-10 to 2023-12) ±3 SD; red dots exceed the limit")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 单独一个月超限可能只是随机波动（例如 2024-03）；值得警惕的是**连续**超限。
#
# 再看**结果指标**：同样的方法用在不匹配销售占比上。不匹配销售是较少发生的事件，逐月的波动更大，所以超限的月份更零散。
# 比较两个指标"从哪个月起**每个月**都超限"：结果指标稳定超限的时间更晚。这很常见：行为先变，客户受到的伤害和投诉随后才出现。所以监测应当同时看压力指标和结果指标。

# %% [markdown] lang="en"
# A single month above the limit may be chance (2024-03, for instance); what deserves attention is a **run** of months above it.
#
# Now an **outcome indicator**: apply the same rule to the share of mismatched sales. Mismatches are rarer events and swing more from month to month, so the months above the limit are more scattered.
# Compare the two indicators by the month from which **every** month is above the limit: the outcome indicator gets there later. That is typical: behaviour changes first, and the harm to customers and the complaints follow. Monitoring should watch pressure indicators and outcome indicators together.

# %%
def above_from(flags, months):
    """First month from which every later month is flagged."""
    start = None
    for month in reversed(months):
        if month not in flags:
            break
        start = month
    return start


rate = monthly.mismatch_pct
base = rate["2022-10":"2023-12"]
late = [month for month in rate.index if month > "2023-12" and rate[month] > base.mean() + 3 * base.std()]
print(f"不匹配销售占比超过上限的月份：{', '.join(late)}")  # [zh]
print(f"月末销售占比从 {above_from(flagged, list(share.index))} 起每月超限；不匹配销售占比从 {above_from(late, list(rate.index))} 起每月超限")  # [zh]
print(f"Months where the mismatch share is above its limit: {', '.join(late)}")  # [en]
print(f"Month-end share above its limit every month since {above_from(flagged, list(share.index))}; mismatch share every month since {above_from(late, list(rate.index))}")  # [en]

# %% [markdown] lang="zh"
# ## 分析四：问题出在哪里？
#
# 员工调查中有一个问题："本季度是否见过按销售数据对员工或支行的排名？"取消排行榜之后，这个比例本应接近零。下图按支行和季度显示回答"见过"的比例。

# %% [markdown] lang="en"
# ## Analysis 4: where is it happening?
#
# The staff survey asks: "Did you see, this quarter, any ranking of staff or branches by sales?" With league tables gone, the share answering yes should be close to zero. The chart shows that share by branch and quarter.

# %%
recent = survey[survey.quarter >= "2022Q4"]
grid = recent.pivot_table(index="branch_id", columns="quarter", values="saw_sales_ranking", aggfunc="mean")
grid = grid.loc[grid.iloc[:, -4:].mean(axis=1).sort_values(ascending=False).index]
fig, ax = plt.subplots(figsize=(9, 4))
image = ax.imshow(grid.to_numpy(dtype=float), cmap="Reds", vmin=0, vmax=1, aspect="auto")
ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=45)
ax.set_yticks(range(grid.shape[0]), grid.index)
fig.colorbar(image, ax=ax, label="回答“见过排名”的比例")  # [zh]
ax.set_title("员工调查：本季度见过销售排名的比例")  # [zh]
fig.colorbar(image, ax=ax, label="Share answering \"saw a ranking\"")  # [en]
ax.set_title("Staff survey: share who saw a sales ranking this quarter")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 颜色从 2024 年起在北京的两家支行（BJ-CY、BJ-HD）变深，深圳福田（SZ-FT）稍后跟上；其他支行除了个别格子外基本保持浅色。用支行的月末销售占比验证一下：

# %% [markdown] lang="en"
# From 2024 the colour darkens at the two Beijing branches (BJ-CY, BJ-HD), with Shenzhen Futian (SZ-FT) following a little later; apart from a few isolated cells, the other branches stay pale. Check against each branch's month-end share of sales:

# %%
by_branch = branch_month.assign(year_half=np.where(branch_month.month < "2024-01", "2022-10..2023-12", "2025-01..2025-06"))
by_branch = by_branch[(by_branch.month >= "2022-10") & ((by_branch.month < "2024-01") | (by_branch.month >= "2025-01"))]
sums = by_branch.groupby(["branch_id", "year_half"])[["month_end_sales", "sales_count"]].sum()
(sums.month_end_sales / sums.sales_count).unstack().sort_values("2025-01..2025-06", ascending=False).round(3)

# %% [markdown] lang="zh"
# 两种来源（员工匿名调查和销售系统数据）指向同样的几家支行。下一步不是处罚，而是去了解：这些支行的管理者收到了什么样的要求？"活动量"报表是谁发起的？
#
# **这个分析的局限**：员工调查每家支行每季度只有六七份答卷，单个格子的波动很大，所以要看连续几个季度的趋势，并用其他数据交叉验证；基准期本身也可能不是完全"干净"的；超限只说明"值得调查"，不能证明原因。

# %% [markdown] lang="en"
# Two independent sources, the anonymous staff survey and the sales system, point to the same few branches. The next step is not to punish but to find out: what were the managers of these branches asked to do? Who started the "activity" reports?
#
# **The limits of this analysis.** The survey has only six or seven responses per branch and quarter, so a single cell swings a lot; look at the trend over several quarters and cross-check with other data. The baseline period may not be entirely "clean" either. A month above the limit says "worth investigating"; it does not prove a cause.

# %% [markdown] lang="zh"
# ## 讨论
#
# 1. TSB 把销售数据对支行隐藏起来。这一做法的好处是什么？它会不会让总行更难发现问题？
# 2. 为什么月末销售占比比投诉更早反映出压力的回潮？你还能想到哪些"压力指标"？
# 3. 如果一位区域负责人说"我没有下指标，只是每天统计一下大家的客户沟通次数"，你怎么判断这是不是变相的销售指标？
# 4. 谁应该负责持续监测这些指标：支行、区域、合规部门还是内部审计？为什么？
#
# ## 本案例支持的课程模块
#
# - **06-incentives**（激励与考核）：取消销售指标、奖金和排行榜，以及薪酬结构的变化；
# - **12-continuous-improvement**（持续改进）：改革之后用基准期持续监测，及时发现回潮；
# - **11-risk-management**（风险管理）：压力指标与结果指标、超限预警和后续调查。

# %% [markdown] lang="en"
# ## Discussion
#
# 1. TSB hid sales data from its branches. What is gained by that? Could it make problems harder for head office to see?
# 2. Why does the month-end share of sales reflect returning pressure earlier than complaints do? What other "pressure indicators" can you think of?
# 3. A regional head says: "I set no targets; I just count everyone's customer conversations each day." How would you judge whether this is a sales target in disguise?
# 4. Who should be responsible for monitoring these indicators over time: branches, the region, compliance or internal audit? Why?
#
# ## Course modules this case supports
#
# - **06-incentives**: removing sales targets, bonuses and league tables, and the change in pay structure;
# - **12-continuous-improvement**: monitoring against a baseline after the change, to catch a relapse early;
# - **11-risk-management**: pressure and outcome indicators, alerts above a limit, and the investigation that follows.
