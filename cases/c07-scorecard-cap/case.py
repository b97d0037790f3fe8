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
# # 案例 7：给计分卡中的财务指标设上限
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明澳大利亚 Sedgwick 审查为什么要求限制财务指标在计分卡中的权重，以及银行随后做了哪些改变；
# 2. 用新旧两套权重重新计算同一季度的计分卡，看出排名和奖金从"高销量、低质量"的员工身上移开；
# 3. 按季度跟踪销售质量指标，判断改革之后情况是否真的好转，并说出这种比较的局限。

# %% [markdown] lang="en"
# # Case 7: Capping the financial share of a scorecard
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain why Australia's Sedgwick Review asked banks to limit the weight of financial measures in staff scorecards, and what the banks changed afterwards;
# 2. recompute the same quarter's scorecards under the old and the new weights, and see rankings and bonuses move away from staff with high sales and low quality;
# 3. follow the sales-quality indicators quarter by quarter, judge whether things really improved after the change, and name the limits of that comparison.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 2017 年 4 月 19 日，澳大利亚 Sedgwick 审查发布了关于零售银行员工薪酬的最终报告，共 21 条建议。其中与计分卡直接相关的是：
#
# - 员工的薪酬**不得与销售目标或交叉销售目标直接挂钩**；
# - 计分卡中的财务类指标必须**不区分产品**（不能对某个产品多给分），其权重**最多占 50%**，到 **2020 年降到不超过 33%**。
#
# *来源：Sedgwick 审查最终报告（2017 年 4 月 19 日），据 Brightlaw 与 InvestorDaily 的报道。*
#
# 同年 10 月 13 日，澳大利亚联邦银行（Commonwealth Bank）宣布，约 **2,000 名柜员**不再按销售业绩获得奖励，改为按客户服务指标考核。
# *来源：finder.com.au，2017 年 10 月 13 日。*
#
# 2019 年 2 月，海恩皇家委员会（Hayne Royal Commission）在最终报告的第 5.5 条建议中要求各银行**全面落实** Sedgwick 的建议。后续的评估认为银行业发生了"实质性变化"，其中包括按"整个岗位"（whole of role）评价员工，而不是只看销售。
# *来源：同上（Brightlaw、InvestorDaily）。*

# %% [markdown] lang="en"
# ## What happened
#
# On 19 April 2017 Australia's Sedgwick Review published its final report on the pay of retail bank staff, with 21 recommendations. Those that bear directly on scorecards are:
#
# - staff pay must **not be linked directly to sales targets or cross-selling targets**;
# - financial measures in a scorecard must be **product-neutral** (no extra credit for a particular product) and may make up **at most 50%** of it, falling to **no more than 33% by 2020**.
#
# *Source: final report of the Sedgwick Review (19 April 2017), as reported by Brightlaw and InvestorDaily.*
#
# On 13 October of the same year the Commonwealth Bank announced that about **2,000 tellers** would no longer be rewarded on sales, and would be assessed on customer-service measures instead.
# *Source: finder.com.au, 13 October 2017.*
#
# In February 2019 the Hayne Royal Commission, in recommendation 5.5 of its final report, required the banks to implement the Sedgwick recommendations **in full**. The later review of progress found "substantial change", including assessing staff on the "whole of role" rather than on sales alone.
# *Source: as above (Brightlaw, InvestorDaily).*

# %% [markdown] lang="zh"
# ## 为什么要给财务指标设上限
#
# 计分卡决定排名、奖金和晋升。如果销售额占了大头，那么一名员工只要卖得多，即使卖错了人、漏了录音录像、招来了投诉，仍然会排在前面，拿到最多的奖金。
# 其他员工看在眼里，就会明白银行真正奖励的是什么。
#
# 监管机构早就注意到了这一点：
#
# - 英国金融服务局（FSA，其后为 FCA）2013 年 1 月 16 日发布的指引 FG13/1《金融激励给客户带来的风险》要求银行在管理报表中监测个人销售的异常峰值、控制"平衡计分卡"本身的风险，并把 100% 浮动薪酬视为高风险。
#   2014 年 3 月的跟进报告 TR14/4 发现，所有大型零售银行都已替换或修改了激励方案，但仍有约**十分之一**的机构对高风险激励特征管理不善。
#   *来源：FCA 网站"Risks to customers from financial incentives"页面；JD Supra 的解读。*
# - 劳埃德银行（Lloyds）2013 年把网点季度奖金中**一半**改为依据客户反馈发放，反馈由另外的员工独立收集。
#   *来源：This is Money 的报道。*
# - 美国的最佳利益监管规则（Reg BI）要求券商在限期内取消与特定证券挂钩的销售竞赛、销售配额、奖金和非现金奖励，但仍允许按客户满意度等发放报酬。
#   *来源：National Law Review、Cady Education 的解读。*
# - 在国内，财政部 2021 年的《商业银行绩效评价办法》对**银行整体**的评价设了四个维度，各占 25%，经营效益只是其中之一。这是对银行的评价，不是对员工的考核，但方向一致：业绩不能压倒一切。
#   *来源：新华社、人民日报海外版，2021 年 1 月 4 日。*

# %% [markdown] lang="en"
# ## Why cap the financial measures
#
# A scorecard decides rankings, bonuses and promotion. If sales carry most of the weight, someone who sells a lot still comes top and takes the largest bonus even when they sold to the wrong customers, skipped recordings and drew complaints.
# Their colleagues see this and learn what the bank really rewards.
#
# Regulators noticed this long ago:
#
# - Guidance FG13/1, *Risks to customers from financial incentives*, published by the UK's FSA (then the FCA) on 16 January 2013, asks firms to monitor individual sales spikes in their management reports, to control the risks inside "balanced scorecards", and to treat 100% variable pay as high risk.
#   The follow-up report TR14/4 (March 2014) found that all the largest retail banks had replaced or changed their schemes, yet about **one firm in ten** still managed high-risk features poorly.
#   *Source: the FCA's page "Risks to customers from financial incentives"; commentary on JD Supra.*
# - In 2013 Lloyds based the quarterly branch bonus, **half** of the total, on customer feedback collected by separate staff.
#   *Source: This is Money.*
# - The US Regulation Best Interest requires firms to eliminate, within a limited time, sales contests, quotas, bonuses and non-cash rewards tied to specific securities, while pay based on customer satisfaction, for example, is still allowed.
#   *Source: commentary in the National Law Review and by Cady Education.*
# - In China, the Ministry of Finance's 2021 *Measures for the Performance Evaluation of Commercial Banks* evaluate **a bank as a whole** on four dimensions at 25% each, business results being only one of them. That evaluates banks, not staff, but the direction is the same: results must not outweigh everything else.
#   *Source: Xinhua and People's Daily Overseas Edition, 4 January 2021.*

# %% [markdown] lang="zh"
# ## 在金禾银行：同样的机制
#
# 下面的数据是虚构的金禾银行，人物和数字都不真实，但机制与上面的事件相同：
#
# - 到 2024 年第二季度为止，员工季度计分卡采用**旧方案**：销售业绩占 70%，客户满意度 10%，销售质量 15%，培训 5%；
# - 从 2024 年第三季度起采用 **cap50** 方案，财务类指标最多 50%；从 2025 年第一季度起采用 **cap33** 方案，最多 33%。这两步是金禾银行参照 Sedgwick 的思路自行设计的；
# - 销售业绩得分始终不区分产品；奖金来自每季度固定的 270,000 元奖金池，按综合得分超过 50 分的部分分配。
#
# 我们要回答三个问题：旧方案奖励的是谁？换一套权重，排名和奖金会怎样变化？改革之后，销售质量有没有变好？

# %% [markdown] lang="en"
# ## At Jinhe Bank: the same mechanism
#
# The data below describe the fictional Jinhe Bank; the people and the numbers are not real, but the mechanism is the one above:
#
# - up to the second quarter of 2024 the quarterly staff scorecard uses the **old** scheme: sales 70%, customer satisfaction 10%, sales quality 15%, training 5%;
# - from the third quarter of 2024 the **cap50** scheme limits financial measures to 50%, and from the first quarter of 2025 the **cap33** scheme limits them to 33%. Jinhe Bank designed these two steps itself, following the Sedgwick approach;
# - the sales score never favours one product over another; bonuses come from a fixed pool of 270,000 CNY a quarter, shared according to composite points above 50.
#
# We want to answer three questions. Whom did the old scheme reward? How do rankings and bonuses change under other weights? Did sales quality improve after the change?

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import scorecard_cap
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = scorecard_cap.load()
staff, weights, scorecards, conduct = data["staff"], data["weights"], data["scorecards"], data["conduct"]
weights

# %% [markdown] lang="zh"
# ## 数据与数据字典
#
# 本案例有四张表。下表列出每一列的含义；`quality_score` 和 `satisfaction_score` 是由 `conduct` 表中的原始数据按字典中的规则算出来的。

# %% [markdown] lang="en"
# ## The data and its dictionary
#
# The case has four tables. The table below gives the meaning of every column; `quality_score` and `satisfaction_score` are computed from the raw data in `conduct` by the rules stated in the dictionary.

# %%
lang = "zh"  # [zh]
lang = "en"  # [en]
overview, columns = dictionary_tables(scorecard_cap.DICTIONARY, lang, data)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：旧方案奖励的是谁？
#
# 先看旧方案的最后一个季度 2024Q2。把销售业绩得分和销售质量得分画在同一张图上，点的大小表示实际拿到的奖金。

# %% [markdown] lang="en"
# ## Analysis 1: whom did the old scheme reward?
#
# Start with 2024Q2, the last quarter under the old scheme. Plot the sales score against the sales-quality score, with the size of each dot showing the bonus actually paid.

# %%
last_old = scorecards[scorecards.quarter == "2024Q2"]
fig, ax = plt.subplots(figsize=(7, 4.5))
points = ax.scatter(last_old.sales_score, last_old.quality_score, s=last_old.bonus_cny / 40, c=last_old.bonus_cny, cmap="viridis", alpha=0.8, edgecolor="grey")
fig.colorbar(points, ax=ax, label="奖金（元）")  # [zh]
fig.colorbar(points, ax=ax, label="Bonus (CNY)")  # [en]
ax.set_xlabel("销售业绩得分")  # [zh]
ax.set_ylabel("销售质量得分")  # [zh]
ax.set_title("2024Q2（旧方案）：奖金流向销量高的人，不论质量")  # [zh]
ax.set_xlabel("Sales score")  # [en]
ax.set_ylabel("Sales-quality score")  # [en]
ax.set_title("2024Q2 (old scheme): bonuses follow sales, whatever the quality")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 右下角是销量高、质量差的员工：他们的点又大又亮。用数字确认一下：把销售得分在前 25%、质量得分在后 25% 的员工标为"高销量低质量"，看他们在奖金池里拿走了多少。

# %% [markdown] lang="en"
# The bottom right holds the staff with high sales and poor quality, and their dots are large and bright. Confirm it with numbers: mark as "high sales, low quality" the staff in the top quarter by sales score and the bottom quarter by quality score, and see how much of the pool they took.

# %%
high_sales = last_old.sales_score >= last_old.sales_score.quantile(0.75)
low_quality = last_old.quality_score <= last_old.quality_score.quantile(0.25)
group = high_sales & low_quality
share = last_old.bonus_cny[group].sum() / last_old.bonus_cny.sum()
print(f"高销量低质量的员工：{group.sum()} 人，占 {group.mean():.0%}，拿走了奖金池的 {share:.0%}")  # [zh]
print(f"High-sales, low-quality staff: {group.sum()} people, {group.mean():.0%} of staff, took {share:.0%} of the bonus pool")  # [en]

# %% [markdown] lang="zh"
# ## 分析二：同一个季度，换一套权重
#
# 分数本身不变，只换权重。下面的函数按任一方案重新计算综合得分，再按奖金池规则重新分配奖金。
# 这样的"反事实"计算把权重的作用和员工行为的变化分开：2024Q2 的员工还没有改变做法，变化完全来自权重。

# %% [markdown] lang="en"
# ## Analysis 2: the same quarter under other weights
#
# The scores stay as they are; only the weights change. The function below recomputes the composite score under any scheme, then shares the bonus pool again by its rule.
# This counterfactual separates the effect of the weights from any change in behaviour: the staff in 2024Q2 had not changed anything yet, so every difference comes from the weights.

# %%
def rescore(cards, scheme):
    """Composite score and bonus of `cards` under `scheme`, as if that scheme had applied."""
    w = weights[weights.scheme == scheme].set_index("measure").weight
    composite = sum(cards[f"{m}_score"] * w[m] for m in scorecard_cap.MEASURES)
    return pd.DataFrame({"composite": composite, "bonus": scorecard_cap.bonus(cards.quarter, composite)})


compare = last_old[["staff_id", "quarter", "sales_score", "quality_score"]].copy()
for scheme in ["old", "cap50", "cap33"]:
    result = rescore(last_old, scheme)
    compare[f"rank_{scheme}"] = result.composite.rank(ascending=False, method="min").astype(int)
    compare[f"bonus_{scheme}"] = result.bonus
compare.sort_values("rank_old").head(10)

# %% [markdown] lang="zh"
# 旧方案下的前十名，在 cap33 方案下大多落到了后半段。下图比较"高销量低质量"组和其他员工在三种方案下的人均奖金。

# %% [markdown] lang="en"
# Most of the old top ten fall into the bottom half under cap33. The chart compares the average bonus per person in the high-sales, low-quality group and among everyone else under the three schemes.

# %%
averages = pd.DataFrame(
    {scheme: compare[f"bonus_{scheme}"].groupby(group.to_numpy()).mean() for scheme in ["old", "cap50", "cap33"]}
).T
averages.columns = ["其他员工", "高销量低质量"]  # [zh]
averages.columns = ["Other staff", "High sales, low quality"]  # [en]
ax = averages.plot.bar(color=["#2e86c1", "#b03a2e"], figsize=(7, 4), rot=0)
ax.set_xlabel("权重方案（都用 2024Q2 的得分）")  # [zh]
ax.set_ylabel("人均奖金（元）")  # [zh]
ax.set_title("同样的表现，不同的权重：奖金流向哪里")  # [zh]
ax.set_xlabel("Weighting scheme (all on 2024Q2 scores)")  # [en]
ax.set_ylabel("Average bonus per person (CNY)")  # [en]
ax.set_title("Same performance, different weights: where the bonus goes")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 换成排名看：旧方案下综合得分与不匹配销售占比的秩相关系数为正，即卖错越多的人排名越靠前；cap33 方案下变为负。

# %% [markdown] lang="en"
# Or look at it through the ranking: under the old scheme the rank correlation between composite score and the share of mismatched sales is positive, so those who mis-sold more ranked higher; under cap33 it turns negative.

# %%
q2 = last_old.merge(conduct, on=["staff_id", "quarter"])
mismatch_share = q2.mismatched_sales / q2.sales_count
for scheme in ["old", "cap50", "cap33"]:
    rho = rescore(q2, scheme).composite.rank().corr(mismatch_share.rank())
    print(f"{scheme}：综合得分与不匹配占比的秩相关 = {rho:+.2f}")  # [zh]
    print(f"{scheme}: rank correlation of composite score and mismatch share = {rho:+.2f}")  # [en]

# %% [markdown] lang="zh"
# ## 分析三：改革之后，销售质量变好了吗？
#
# 权重改变之后，员工会调整做法，只是需要时间。按季度汇总 `conduct` 表：比率要用**合计**计算（全部不匹配笔数 ÷ 全部销售笔数），而不是把每个人的比率简单平均，否则销售很少的员工会被放大。

# %% [markdown] lang="en"
# ## Analysis 3: did sales quality improve after the change?
#
# Once the weights change, staff adjust what they do, but it takes time. Aggregate `conduct` by quarter, computing each rate from **totals** (all mismatched sales ÷ all sales) rather than averaging each person's rate, which would over-weight staff who sold very little.

# %%
sums = conduct.groupby("quarter")[["sales_count", "mismatched_sales", "unrecorded_sales", "complaints", "sales_volume_cny"]].sum()
quality = pd.DataFrame(
    {
        "mismatch_pct": 100 * sums.mismatched_sales / sums.sales_count,
        "unrecorded_pct": 100 * sums.unrecorded_sales / sums.sales_count,
        "complaints_per_1000": 1000 * sums.complaints / sums.sales_count,
        "volume_million_cny": sums.sales_volume_cny / 1e6,
    }
).round(2)
quality

# %%
fig, ax = plt.subplots(figsize=(8, 4))
labels = {"mismatch_pct": "不匹配销售（%）", "unrecorded_pct": "无录音录像销售（%）", "complaints_per_1000": "每千笔销售投诉（件）"}  # [zh]
labels = {"mismatch_pct": "Mismatched sales (%)", "unrecorded_pct": "Sales without recording (%)", "complaints_per_1000": "Complaints per 1,000 sales"}  # [en]
for column, label in labels.items():
    ax.plot(quality.index, quality[column], marker="o", label=label)
for start, name in [("2024Q3", "cap50"), ("2025Q1", "cap33")]:
    x = list(quality.index).index(start) - 0.5
    ax.axvline(x, color="grey", linestyle="--")
    ax.text(x + 0.05, ax.get_ylim()[1] * 0.95, name, color="grey")
ax.set_xlabel("季度")  # [zh]
ax.set_title("金禾银行销售质量指标（虚线为权重方案切换）")  # [zh]
ax.set_xlabel("Quarter")  # [en]
ax.set_title("Jinhe Bank sales-quality indicators (dashed: change of weighting scheme)")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 三项指标在 2024Q3 之后逐季下降，到 2025Q2 大约只有改革前的一半左右。同时请注意最后一列：销售金额也有所下降。
# 下降的部分来自哪里？比较"高销量低质量"组和其他员工在改革前一个季度（2024Q2）和一年后（2025Q2）的销售金额：

# %% [markdown] lang="en"
# All three indicators fall quarter by quarter after 2024Q3, and by 2025Q2 they stand at roughly half their level before the change. Notice the last column too: the amount sold fell somewhat.
# Where did that fall come from? Compare the high-sales, low-quality group with everyone else, in the quarter before the change (2024Q2) and a year later (2025Q2):

# %%
marked = set(last_old.staff_id[group])
volume = conduct[conduct.quarter.isin(["2024Q2", "2025Q2"])].assign(group=lambda t: t.staff_id.isin(marked))
by_group = volume.pivot_table(index="group", columns="quarter", values="sales_volume_cny", aggfunc="sum").div(1e6)
by_group["change_pct"] = 100 * (by_group["2025Q2"] / by_group["2024Q2"] - 1)
by_group.round(1)

# %% [markdown] lang="zh"
# 销售金额的下降主要来自原来推销最积极的那一组（约降两成）；其余员工只少卖了几个百分点。
#
# **这个比较的局限**：这是改革前后的对比，不是对照实验。同一时期如果还有别的变化（新产品、市场行情、培训），也会影响这些指标。
# 更可靠的做法包括：看变化是否集中在受影响最大的员工身上（我们刚刚做了）、用独立来源的数据（录音录像抽查、投诉）而不是员工自报的数据，以及持续监测，确认改善没有在几个季度后消退。

# %% [markdown] lang="en"
# Most of the fall comes from the group that had pushed hardest (down about a fifth); everyone else sold only a few per cent less.
#
# **The limits of this comparison.** It compares before and after; it is not a controlled experiment. Anything else that changed in the same period (new products, markets, training) would move these indicators too.
# Ways to make it more convincing include checking that the change is concentrated among the staff most affected (as we just did), using data from independent sources (recording reviews, complaints) rather than figures staff report themselves, and monitoring over time to confirm that the improvement does not fade after a few quarters.

# %% [markdown] lang="zh"
# ## 讨论
#
# 1. 旧方案下销售只占 70%，质量也占 15%。为什么这仍然不足以阻止"高销量低质量"的员工排在前面？
# 2. 如果只把财务指标降到 33%，却保留"完成销售目标才能拿奖金"的门槛，Sedgwick 的哪条建议仍然没有做到？
# 3. 质量得分依赖录音录像检查和投诉数据。如果这些数据由员工自己填报，会出现什么问题？谁应该收集这些数据？
# 4. 改革后一年，销售金额下降了。作为支行行长，你会怎样向上级解释这个数字？
#
# ## 本案例支持的课程模块
#
# - **06-incentives**（激励与考核）：计分卡权重、奖金池规则和它们传递的信号；
# - **12-continuous-improvement**（持续改进）：按季度跟踪指标，检验一项改革是否达到目的；
# - **08-tiering-feedback**（客户分层与反馈）：客户回访问卷作为满意度得分的来源。

# %% [markdown] lang="en"
# ## Discussion
#
# 1. Under the old scheme sales carried 70% and quality 15%. Why was that not enough to stop high-sales, low-quality staff from coming top?
# 2. If financial measures were cut to 33% but a bonus still required reaching the sales target, which Sedgwick recommendation would still not be met?
# 3. The quality score relies on recording reviews and complaint data. What goes wrong if staff report these figures themselves? Who should collect them?
# 4. A year after the change the amount sold has fallen. As a branch manager, how would you explain that figure to your own manager?
#
# ## Course modules this case supports
#
# - **06-incentives**: scorecard weights, the bonus-pool rule and the signals they send;
# - **12-continuous-improvement**: following indicators quarter by quarter to test whether a reform worked;
# - **08-tiering-feedback**: follow-up surveys of customers as the source of the satisfaction score.
