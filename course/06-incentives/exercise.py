# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="zh" tracks="frontline"
# # 模块 6 练习：业绩考核与激励
#
# 本练习共 14 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 6 exercise: Performance measures and incentives
#
# This exercise is worth 14 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 6 练习：业绩考核与激励
#
# 本练习共 16 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 6 exercise: Performance measures and incentives
#
# This exercise is worth 16 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
incentives = bank.incentives

# Jinhe Bank's scorecard weights (the course's design choice) and bonus rate.
WEIGHTS = {"sales": 0.30, "satisfaction": 0.30, "compliance": 0.40}
BONUS_PER_POINT = 50  # CNY per scorecard point: a score of 100 pays 5,000 CNY

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：计算平衡计分卡得分
#
# 编写函数 `scorecard(incentives, weights)`，为 `incentives` 的每一行计算计分卡得分，返回一个与 `incentives` 索引相同的 `Series`。
# 先把三项指标分别换算成 0–100 分：
#
# - 销售分 = `target_attainment` × 100，**最高 100 分**；
# - 满意度分 = `satisfaction_score` ÷ 5 × 100；
# - 合规分 = 100 − 50 × `compliance_findings`，**最低 0 分**。
#
# 得分 = `weights["sales"]` × 销售分 + `weights["satisfaction"]` × 满意度分 + `weights["compliance"]` × 合规分。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): compute the balanced-scorecard score
#
# Write `scorecard(incentives, weights)`, computing the scorecard score of every row of `incentives` and returning a `Series` with the same index as `incentives`.
# First convert each of the three measures to 0–100 points:
#
# - sales points = `target_attainment` × 100, **at most 100**;
# - satisfaction points = `satisfaction_score` ÷ 5 × 100;
# - compliance points = 100 − 50 × `compliance_findings`, **at least 0**.
#
# Score = `weights["sales"]` × sales points + `weights["satisfaction"]` × satisfaction points + `weights["compliance"]` × compliance points.

# %% solution="scorecard" tracks="analyst"
def scorecard(incentives, weights):
    ### BEGIN SOLUTION
    sales_points = (incentives.target_attainment * 100).clip(upper=100)
    satisfaction_points = incentives.satisfaction_score / 5 * 100
    compliance_points = (100 - 50 * incentives.compliance_findings).clip(lower=0)
    return (weights["sales"] * sales_points
            + weights["satisfaction"] * satisfaction_points
            + weights["compliance"] * compliance_points)
    ### END SOLUTION


# %% mistake="scorecard" name="sales-not-capped" tracks="analyst"
def scorecard(incentives, weights):
    sales_points = incentives.target_attainment * 100
    satisfaction_points = incentives.satisfaction_score / 5 * 100
    compliance_points = (100 - 50 * incentives.compliance_findings).clip(lower=0)
    return (weights["sales"] * sales_points
            + weights["satisfaction"] * satisfaction_points
            + weights["compliance"] * compliance_points)


# %% mistake="scorecard" name="compliance-below-zero" tracks="analyst"
def scorecard(incentives, weights):
    sales_points = (incentives.target_attainment * 100).clip(upper=100)
    satisfaction_points = incentives.satisfaction_score / 5 * 100
    compliance_points = 100 - 50 * incentives.compliance_findings
    return (weights["sales"] * sales_points
            + weights["satisfaction"] * satisfaction_points
            + weights["compliance"] * compliance_points)


# %% tracks="analyst" test="scorecard" points=3
toy = pd.DataFrame({"target_attainment": [1.0, 3.0, 0.5, 1.0],
                    "satisfaction_score": [5.0, 5.0, 5.0, 5.0],
                    "compliance_findings": [0, 0, 0, 3]})
toy_weights = {"sales": 0.5, "satisfaction": 0.25, "compliance": 0.25}
result = scorecard(toy, toy_weights)
assert isinstance(result, pd.Series) and list(result.index) == list(toy.index), "请返回与 incentives 索引相同的 Series"  # [zh]
assert isinstance(result, pd.Series) and list(result.index) == list(toy.index), "return a Series with the index of incentives"  # [en]
assert abs(result[0] - 100) < 1e-6, "各项满分时得分应为 100"  # [zh]
assert abs(result[0] - 100) < 1e-6, "full marks on every measure give a score of 100"  # [en]
assert abs(result[1] - 100) < 1e-6, "销售分最高 100 分：完成三倍目标也只得 100 分"  # [zh]
assert abs(result[1] - 100) < 1e-6, "sales points stop at 100: selling three times the target still scores 100"  # [en]
assert abs(result[2] - 75) < 1e-6, "完成一半目标得 50 个销售分：0.5 × 50 + 25 + 25 = 75"  # [zh]
assert abs(result[2] - 75) < 1e-6, "half the target gives 50 sales points, so 0.5 × 50 + 25 + 25 = 75"  # [en]
assert abs(result[3] - 75) < 1e-6, "3 个合规问题的合规分为 0，不能为负"  # [zh]
assert abs(result[3] - 75) < 1e-6, "three findings give 0 compliance points, never a negative number"  # [en]
### BEGIN HIDDEN TESTS
expected = (0.30 * (incentives.target_attainment * 100).clip(upper=100)
            + 0.30 * incentives.satisfaction_score * 20
            + 0.40 * (100 - 50 * incentives.compliance_findings).clip(lower=0))
got = scorecard(incentives, WEIGHTS)
assert list(got.index) == list(incentives.index)
assert (got - expected).abs().max() < 1e-6
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：合规关口
#
# 编写函数 `gated_bonus(scored)`。`scored` 是一个含有 `score`（计分卡得分）和 `compliance_findings` 两列的表。函数返回一个与 `scored` 索引相同的 `Series`，即每行的月度奖金（元）：
#
# - 基础奖金 = `BONUS_PER_POINT` × `score`；
# - 当月有 **1 个**合规问题：奖金减半；
# - 当月有 **2 个及以上**合规问题：奖金为 0。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): the compliance gate
#
# Write `gated_bonus(scored)`. `scored` is a table with the columns `score` (the scorecard score) and `compliance_findings`. Return a `Series` with the index of `scored`, holding each row's monthly bonus in CNY:
#
# - base bonus = `BONUS_PER_POINT` × `score`;
# - **one** compliance finding in the month: the bonus is halved;
# - **two or more** compliance findings in the month: the bonus is 0.

# %% solution="gate" tracks="analyst"
def gated_bonus(scored):
    ### BEGIN SOLUTION
    base = BONUS_PER_POINT * scored.score
    factor = scored.compliance_findings.map(lambda n: 1.0 if n == 0 else (0.5 if n == 1 else 0.0))
    return base * factor
    ### END SOLUTION


# %% mistake="gate" name="halve-only" tracks="analyst"
def gated_bonus(scored):
    base = BONUS_PER_POINT * scored.score
    return base.where(scored.compliance_findings == 0, base / 2)


# %% mistake="gate" name="no-halving" tracks="analyst"
def gated_bonus(scored):
    base = BONUS_PER_POINT * scored.score
    return base.where(scored.compliance_findings <= 1, 0.0)


# %% tracks="analyst" test="gate" points=2
toy = pd.DataFrame({"score": [80.0, 80.0, 80.0, 80.0], "compliance_findings": [0, 1, 2, 3]})
bonus = gated_bonus(toy)
assert list(bonus.index) == list(toy.index), "请返回与 scored 索引相同的 Series"  # [zh]
assert list(bonus.index) == list(toy.index), "return a Series with the index of scored"  # [en]
assert [round(x) for x in bonus] == [4000, 2000, 0, 0], "80 分对应 4,000 元；1 个合规问题减半，2 个及以上取消"  # [zh]
assert [round(x) for x in bonus] == [4000, 2000, 0, 0], "80 points pay 4,000 CNY; one finding halves it, two or more cancel it"  # [en]
### BEGIN HIDDEN TESTS
full = incentives[["compliance_findings"]].assign(score=incentives.satisfaction_score * 20)
base = 50 * full.score
expected = base.where(full.compliance_findings == 0, base * 0.5).where(full.compliance_findings < 2, 0.0)
assert (gated_bonus(full) - expected).abs().max() < 1e-6
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：找出业绩跳升
#
# 编写函数 `sales_spikes(incentives, factor=3)`，返回 `incentives` 中那些"跳升"的行（保留原有的列）：
# 即该员工当月 `sales_volume_cny` **大于** `factor` 乘以**该员工本人**所有月份 `sales_volume_cny` 的**中位数**。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): find the sales spikes
#
# Write `sales_spikes(incentives, factor=3)`, returning the rows of `incentives` (with its columns) that are spikes:
# the employee's `sales_volume_cny` in that month is **greater than** `factor` times the **median** of **that employee's own** `sales_volume_cny` over all their months.

# %% solution="spikes" tracks="analyst"
def sales_spikes(incentives, factor=3):
    ### BEGIN SOLUTION
    own_median = incentives.groupby("staff_id").sales_volume_cny.transform("median")
    return incentives[incentives.sales_volume_cny > factor * own_median]
    ### END SOLUTION


# %% mistake="spikes" name="bank-wide-median" tracks="analyst"
def sales_spikes(incentives, factor=3):
    return incentives[incentives.sales_volume_cny > factor * incentives.sales_volume_cny.median()]


# %% mistake="spikes" name="mean-not-median" tracks="analyst"
def sales_spikes(incentives, factor=3):
    own_mean = incentives.groupby("staff_id").sales_volume_cny.transform("mean")
    return incentives[incentives.sales_volume_cny > factor * own_mean]


# %% tracks="analyst" test="spikes" points=3
toy = pd.DataFrame({
    "staff_id": ["A"] * 4 + ["B"] * 4 + ["C"] * 4,
    "month": ["2025-01", "2025-02", "2025-03", "2025-04"] * 3,
    "sales_volume_cny": [100, 100, 100, 400, 1000, 1000, 1000, 1000, 100, 100, 100, 300],
})
spikes = sales_spikes(toy)
assert list(spikes.columns) == list(toy.columns), "请返回 incentives 的行，并保留原有的列"  # [zh]
assert list(spikes.columns) == list(toy.columns), "return rows of incentives with its columns"  # [en]
assert list(zip(spikes.staff_id, spikes.month)) == [("A", "2025-04")], "只有 A 在 2025-04 的 400 超过了 A 本人中位数 100 的 3 倍；C 的 300 恰好是 3 倍，B 每月都一样"  # [zh]
assert list(zip(spikes.staff_id, spikes.month)) == [("A", "2025-04")], "only A's 400 in 2025-04 is more than 3 times A's own median of 100; C's 300 is exactly 3 times, and B is steady"  # [en]
### BEGIN HIDDEN TESTS
medians = incentives.groupby("staff_id").sales_volume_cny.median()
limit = incentives.staff_id.map(medians) * 3
expected = sorted(zip(incentives.staff_id[incentives.sales_volume_cny > limit], incentives.month[incentives.sales_volume_cny > limit]))
got = sales_spikes(incentives)
assert sorted(zip(got.staff_id, got.month)) == expected
limit2 = incentives.staff_id.map(medians) * 2
assert len(sales_spikes(incentives, factor=2)) == int((incentives.sales_volume_cny > limit2).sum())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据：旧方案下的奖金
#
# 下面的分析已经替你运行好。金禾银行的旧方案只按销售目标完成率发奖金，最高 5,000 元，满意度和合规问题都不影响奖金。
# 表中按支行统计了**当月至少有 1 个合规问题**的"人·月"（一名员工的一个月），以及其中照样拿到奖金、拿满 5,000 元的个数。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data: bonuses under the old scheme
#
# The analysis below has been run for you. Jinhe Bank's old scheme paid a bonus on sales-target attainment alone, up to 5,000 CNY; satisfaction and compliance findings played no part.
# For each branch, the table counts the employee-months (one employee in one month) with **at least one compliance finding**, and how many of them were still paid a bonus, and the full 5,000 CNY.

# %% tracks="frontline"
branch_of = incentives.staff_id.map(bank.staff.set_index("staff_id").branch_id)
flagged = incentives.compliance_findings > 0
old_scheme = pd.DataFrame({
    "flagged": flagged.groupby(branch_of).sum(),
    "paid": (flagged & (incentives.bonus_cny > 0)).groupby(branch_of).sum(),
    "full": (flagged & (incentives.bonus_cny == 5000)).groupby(branch_of).sum(),
}).sort_values("full", ascending=False)
old_scheme.index = old_scheme.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
old_scheme.index = old_scheme.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
old_scheme.columns = ["有合规问题的人·月", "其中照发奖金", "其中拿满 5,000 元"]  # [zh]
old_scheme.columns = ["Employee-months with findings", "of which paid a bonus", "of which paid the full 5,000 CNY"]  # [en]
old_scheme.rename_axis("支行")  # [zh]
old_scheme.rename_axis("Branch")  # [en]

# %% question="old-scheme-full-bonus"

# %% [markdown] lang="zh" tracks="frontline"
# ## 金禾银行的新计分卡
#
# 新方案把三项指标分别换算成 0–100 分，再加权（权重是本课程的设计选择）：
#
# | 指标 | 换算成 0–100 分 | 权重 |
# |---|---|---|
# | 销售 | 目标完成率 × 100，**最高 100 分** | 30% |
# | 客户满意度 | 满意度（满分 5 分）÷ 5 × 100 | 30% |
# | 合规质量 | 100 − 50 × 合规问题数，**最低 0 分** | 40% |
#
# 月度奖金 = 50 元 × 计分卡得分。**合规关口**：当月有 1 个合规问题，奖金减半；有 2 个及以上，奖金为 0。

# %% [markdown] lang="en" tracks="frontline"
# ## Jinhe Bank's new scorecard
#
# The new scheme converts each of three measures to 0–100 points, then weights them (the weights are this course's design choice):
#
# | Measure | Converted to 0–100 points | Weight |
# |---|---|---|
# | Sales | target attainment × 100, **at most 100** | 30% |
# | Customer satisfaction | satisfaction (out of 5) ÷ 5 × 100 | 30% |
# | Compliance quality | 100 − 50 × number of compliance findings, **at least 0** | 40% |
#
# Monthly bonus = 50 CNY × scorecard score. **Compliance gate**: one compliance finding in the month halves the bonus; two or more make it 0.

# %% question="scorecard-bonus"

# %% question="spike-review"

# %% question="month-end-pressure"

# %% question="promotion"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 分行计划下季度在各支行搞一次"春季冲刺"：谁卖出新发行的那款结构性产品最多，谁就额外拿到 1 万元奖励，名字还会登上分行的光荣榜；季度奖金也全部按销售额计算。方案公布前，分行请你提出意见。
# 请写下你的回复：这个方案有哪些风险？请引用至少两项本模块讲过的监管要求或真实案例，并提出一个更稳妥的替代设计。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# The regional office plans a "spring sprint" across its branches next quarter: whoever sells the most of the newly issued structured note wins an extra 10,000 CNY and a place on the regional roll of honour, and the quarterly bonus is to be based entirely on sales volume. Before it is announced, the regional office asks for your view.
# Write your reply: what are the risks of this plan? Cite at least two of the regulatory expectations or real cases from this module, and propose a safer design. (100–200 words)

# %% [markdown] written="sprint-contest" points=4
# YOUR ANSWER HERE
