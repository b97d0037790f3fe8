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
# # 模块 6 练习：业绩考核与激励
#
# 本练习共 14 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en"
# # Module 6 exercise: Performance measures and incentives
#
# This exercise is worth 14 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
incentives = bank.incentives

# Jinhe Bank's scorecard weights (the course's design choice) and bonus rate.
WEIGHTS = {"sales": 0.30, "satisfaction": 0.30, "compliance": 0.40}
BONUS_PER_POINT = 50  # CNY per scorecard point: a score of 100 pays 5,000 CNY

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：计算平衡计分卡得分
#
# 编写函数 `scorecard(incentives, weights)`，为 `incentives` 的每一行计算计分卡得分，返回一个与 `incentives` 索引相同的 `Series`。
# 先把三项指标分别换算成 0–100 分：
#
# - 销售分 = `target_attainment` × 100，**最高 100 分**；
# - 满意度分 = `satisfaction_score` ÷ 5 × 100；
# - 合规分 = 100 − 50 × `compliance_findings`，**最低 0 分**。
#
# 得分 = `weights["sales"]` × 销售分 + `weights["satisfaction"]` × 满意度分 + `weights["compliance"]` × 合规分。

# %% [markdown] lang="en"
# ## Question 1 (3 points): compute the balanced-scorecard score
#
# Write `scorecard(incentives, weights)`, computing the scorecard score of every row of `incentives` and returning a `Series` with the same index as `incentives`.
# First convert each of the three measures to 0–100 points:
#
# - sales points = `target_attainment` × 100, **at most 100**;
# - satisfaction points = `satisfaction_score` ÷ 5 × 100;
# - compliance points = 100 − 50 × `compliance_findings`, **at least 0**.
#
# Score = `weights["sales"]` × sales points + `weights["satisfaction"]` × satisfaction points + `weights["compliance"]` × compliance points.

# %% solution="scorecard"
def scorecard(incentives, weights):
    ### BEGIN SOLUTION
    sales_points = (incentives.target_attainment * 100).clip(upper=100)
    satisfaction_points = incentives.satisfaction_score / 5 * 100
    compliance_points = (100 - 50 * incentives.compliance_findings).clip(lower=0)
    return (weights["sales"] * sales_points
            + weights["satisfaction"] * satisfaction_points
            + weights["compliance"] * compliance_points)
    ### END SOLUTION


# %% mistake="scorecard" name="sales-not-capped"
def scorecard(incentives, weights):
    sales_points = incentives.target_attainment * 100
    satisfaction_points = incentives.satisfaction_score / 5 * 100
    compliance_points = (100 - 50 * incentives.compliance_findings).clip(lower=0)
    return (weights["sales"] * sales_points
            + weights["satisfaction"] * satisfaction_points
            + weights["compliance"] * compliance_points)


# %% mistake="scorecard" name="compliance-below-zero"
def scorecard(incentives, weights):
    sales_points = (incentives.target_attainment * 100).clip(upper=100)
    satisfaction_points = incentives.satisfaction_score / 5 * 100
    compliance_points = 100 - 50 * incentives.compliance_findings
    return (weights["sales"] * sales_points
            + weights["satisfaction"] * satisfaction_points
            + weights["compliance"] * compliance_points)


# %% test="scorecard" points=3
toy = pd.DataFrame({"target_attainment": [1.0, 3.0, 0.5, 1.0],
                    "satisfaction_score": [5.0, 5.0, 5.0, 5.0],
                    "compliance_findings": [0, 0, 0, 3]})
toy_weights = {"sales": 0.5, "satisfaction": 0.25, "compliance": 0.25}
result = scorecard(toy, toy_weights)
assert isinstance(result, pd.Series) and list(result.index) == list(toy.index), "return a Series with the index of incentives"  # [en]
assert isinstance(result, pd.Series) and list(result.index) == list(toy.index), "请返回与 incentives 索引相同的 Series"  # [zh]
assert abs(result[0] - 100) < 1e-6, "full marks on every measure give a score of 100"  # [en]
assert abs(result[0] - 100) < 1e-6, "各项满分时得分应为 100"  # [zh]
assert abs(result[1] - 100) < 1e-6, "sales points stop at 100: selling three times the target still scores 100"  # [en]
assert abs(result[1] - 100) < 1e-6, "销售分最高 100 分：完成三倍目标也只得 100 分"  # [zh]
assert abs(result[2] - 75) < 1e-6, "half the target gives 50 sales points, so 0.5 × 50 + 25 + 25 = 75"  # [en]
assert abs(result[2] - 75) < 1e-6, "完成一半目标得 50 个销售分：0.5 × 50 + 25 + 25 = 75"  # [zh]
assert abs(result[3] - 75) < 1e-6, "three findings give 0 compliance points, never a negative number"  # [en]
assert abs(result[3] - 75) < 1e-6, "3 个合规问题的合规分为 0，不能为负"  # [zh]
### BEGIN HIDDEN TESTS
expected = (0.30 * (incentives.target_attainment * 100).clip(upper=100)
            + 0.30 * incentives.satisfaction_score * 20
            + 0.40 * (100 - 50 * incentives.compliance_findings).clip(lower=0))
got = scorecard(incentives, WEIGHTS)
assert list(got.index) == list(incentives.index)
assert (got - expected).abs().max() < 1e-6
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（2 分）：合规闸门
#
# 编写函数 `gated_bonus(scored)`。`scored` 是一个含有 `score`（计分卡得分）和 `compliance_findings` 两列的表。函数返回一个与 `scored` 索引相同的 `Series`，即每行的月度奖金（元）：
#
# - 基础奖金 = `BONUS_PER_POINT` × `score`；
# - 当月有 **1 个**合规问题：奖金减半；
# - 当月有 **2 个及以上**合规问题：奖金为 0。

# %% [markdown] lang="en"
# ## Question 2 (2 points): the compliance gate
#
# Write `gated_bonus(scored)`. `scored` is a table with the columns `score` (the scorecard score) and `compliance_findings`. Return a `Series` with the index of `scored`, holding each row's monthly bonus in CNY:
#
# - base bonus = `BONUS_PER_POINT` × `score`;
# - **one** compliance finding in the month: the bonus is halved;
# - **two or more** compliance findings in the month: the bonus is 0.

# %% solution="gate"
def gated_bonus(scored):
    ### BEGIN SOLUTION
    base = BONUS_PER_POINT * scored.score
    factor = scored.compliance_findings.map(lambda n: 1.0 if n == 0 else (0.5 if n == 1 else 0.0))
    return base * factor
    ### END SOLUTION


# %% mistake="gate" name="halve-only"
def gated_bonus(scored):
    base = BONUS_PER_POINT * scored.score
    return base.where(scored.compliance_findings == 0, base / 2)


# %% mistake="gate" name="no-halving"
def gated_bonus(scored):
    base = BONUS_PER_POINT * scored.score
    return base.where(scored.compliance_findings <= 1, 0.0)


# %% test="gate" points=2
toy = pd.DataFrame({"score": [80.0, 80.0, 80.0, 80.0], "compliance_findings": [0, 1, 2, 3]})
bonus = gated_bonus(toy)
assert list(bonus.index) == list(toy.index), "return a Series with the index of scored"  # [en]
assert list(bonus.index) == list(toy.index), "请返回与 scored 索引相同的 Series"  # [zh]
assert [round(x) for x in bonus] == [4000, 2000, 0, 0], "80 points pay 4,000 CNY; one finding halves it, two or more cancel it"  # [en]
assert [round(x) for x in bonus] == [4000, 2000, 0, 0], "80 分对应 4,000 元；1 个合规问题减半，2 个及以上取消"  # [zh]
### BEGIN HIDDEN TESTS
full = incentives[["compliance_findings"]].assign(score=incentives.satisfaction_score * 20)
base = 50 * full.score
expected = base.where(full.compliance_findings == 0, base * 0.5).where(full.compliance_findings < 2, 0.0)
assert (gated_bonus(full) - expected).abs().max() < 1e-6
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 3 题（3 分）：找出业绩跳升
#
# 编写函数 `sales_spikes(incentives, factor=3)`，返回 `incentives` 中那些"跳升"的行（保留原有的列）：
# 即该员工当月 `sales_volume_cny` **大于** `factor` 乘以**该员工本人**所有月份 `sales_volume_cny` 的**中位数**。

# %% [markdown] lang="en"
# ## Question 3 (3 points): find the sales spikes
#
# Write `sales_spikes(incentives, factor=3)`, returning the rows of `incentives` (with its columns) that are spikes:
# the employee's `sales_volume_cny` in that month is **greater than** `factor` times the **median** of **that employee's own** `sales_volume_cny` over all their months.

# %% solution="spikes"
def sales_spikes(incentives, factor=3):
    ### BEGIN SOLUTION
    own_median = incentives.groupby("staff_id").sales_volume_cny.transform("median")
    return incentives[incentives.sales_volume_cny > factor * own_median]
    ### END SOLUTION


# %% mistake="spikes" name="bank-wide-median"
def sales_spikes(incentives, factor=3):
    return incentives[incentives.sales_volume_cny > factor * incentives.sales_volume_cny.median()]


# %% mistake="spikes" name="mean-not-median"
def sales_spikes(incentives, factor=3):
    own_mean = incentives.groupby("staff_id").sales_volume_cny.transform("mean")
    return incentives[incentives.sales_volume_cny > factor * own_mean]


# %% test="spikes" points=3
toy = pd.DataFrame({
    "staff_id": ["A"] * 4 + ["B"] * 4 + ["C"] * 4,
    "month": ["2025-01", "2025-02", "2025-03", "2025-04"] * 3,
    "sales_volume_cny": [100, 100, 100, 400, 1000, 1000, 1000, 1000, 100, 100, 100, 300],
})
spikes = sales_spikes(toy)
assert list(spikes.columns) == list(toy.columns), "return rows of incentives with its columns"  # [en]
assert list(spikes.columns) == list(toy.columns), "请返回 incentives 的行，并保留原有的列"  # [zh]
assert list(zip(spikes.staff_id, spikes.month)) == [("A", "2025-04")], "only A's 400 in 2025-04 is more than 3 times A's own median of 100; C's 300 is exactly 3 times, and B is steady"  # [en]
assert list(zip(spikes.staff_id, spikes.month)) == [("A", "2025-04")], "只有 A 在 2025-04 的 400 超过了 A 本人中位数 100 的 3 倍；C 的 300 恰好是 3 倍，B 每月都一样"  # [zh]
### BEGIN HIDDEN TESTS
medians = incentives.groupby("staff_id").sales_volume_cny.median()
limit = incentives.staff_id.map(medians) * 3
expected = sorted(zip(incentives.staff_id[incentives.sales_volume_cny > limit], incentives.month[incentives.sales_volume_cny > limit]))
got = sales_spikes(incentives)
assert sorted(zip(got.staff_id, got.month)) == expected
limit2 = incentives.staff_id.map(medians) * 2
assert len(sales_spikes(incentives, factor=2)) == int((incentives.sales_volume_cny > limit2).sum())
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 月度管理信息显示，理财经理小周上个月的销售额是她本人月度中位数的 4 倍，几乎全部是同一款 R4 私募产品；她当月没有合规问题，客户满意度也正常。按照 FG13/1 的思路，支行行长应当怎么做？
#
# - **A.** 没有合规问题就说明没有问题，照常发放奖金，并评她为当月销售之星。
# - **B.** 把这次跳升当作需要复核的信号：抽查这些销售的双录、适当性匹配和客户回访情况，复核完成后再确定奖金。
# - **C.** 立即取消她的奖金，并以误导销售为由上报处分。
# - **D.** 下个月提高她的销售目标，让她的完成率回到正常水平。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# The monthly management information shows that last month Ms Zhou, a wealth advisor, sold four times her own monthly median, almost all of it one R4 private product. She had no compliance findings that month and her customer satisfaction was normal. Following the approach of FG13/1, what should the branch manager do?
#
# - **A.** No findings means no problem: pay the bonus as usual and name her sales star of the month.
# - **B.** Treat the spike as a signal to review: sample those sales' recordings, suitability matching and customer follow-up calls, and settle the bonus once the review is done.
# - **C.** Cancel her bonus at once and report her for mis-selling.
# - **D.** Raise her sales target next month so that her attainment returns to normal.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "B"
### END SOLUTION

# %% mistake="choice" name="no-findings-no-problem"
choice = "A"

# %% mistake="choice" name="presume-guilt"
choice = "C"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'  # [en]
assert choice in {"A", "B", "C", "D"}, '请用 "A"、"B"、"C" 或 "D" 之一作答'  # [zh]
### BEGIN HIDDEN TESTS
assert choice == "B"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 支行行长打算在下季度搞一次"春季冲刺"：谁卖出新发行的那款结构性产品最多，谁就能额外拿到 1 万元奖励；季度奖金也全部按销售额计算。
# 请以合规专员的身份回复行长：这个方案有哪些风险？请引用至少两项本课讲过的监管要求或真实案例，并提出一个更稳妥的替代设计。（150–300 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# Your branch manager plans a "spring sprint" next quarter: whoever sells the most of the newly issued structured note wins an extra 10,000 CNY, and the quarterly bonus is to be based entirely on sales volume.
# Reply to the manager as the compliance officer: what are the risks of this plan? Cite at least two of the regulatory expectations or real cases from the lesson, and propose a safer design. (100–200 words)

# %% [markdown] written="sprint-contest" points=4
# YOUR ANSWER HERE
