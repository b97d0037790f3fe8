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
# # 案例 7 练习：给计分卡中的财务指标设上限
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case 7 exercise: Capping the financial share of a scorecard
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 7 练习：给计分卡中的财务指标设上限
#
# 本练习共 17 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case 7 exercise: Capping the financial share of a scorecard
#
# This exercise is worth 17 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import scorecard_cap

data = scorecard_cap.load()
weights, scorecards, conduct = data["weights"], data["scorecards"], data["conduct"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：按任一方案计算综合得分
#
# 编写函数 `composite(scorecards, weights, scheme)`，返回 `scorecards` 每一行在方案 `scheme` 下的综合得分：
# 对 `weights` 中该方案的每一项指标 `measure`，用得分列 `<measure>_score` 乘以权重 `weight`，再相加。
# 返回一个与 `scorecards` 行索引相同的 `Series`，不要四舍五入。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): composite score under any scheme
#
# Write `composite(scorecards, weights, scheme)`, returning the composite score of every row of `scorecards` under the scheme `scheme`:
# for each measure `measure` of that scheme in `weights`, multiply the score column `<measure>_score` by its `weight`, and add them up.
# Return a `Series` with the same index as `scorecards`; do not round.

# %% solution="composite" tracks="analyst"
def composite(scorecards, weights, scheme):
    ### BEGIN SOLUTION
    w = weights[weights.scheme == scheme].set_index("measure").weight
    return sum(scorecards[f"{measure}_score"] * weight for measure, weight in w.items())
    ### END SOLUTION


# %% mistake="composite" name="first-scheme-only" tracks="analyst"
def composite(scorecards, weights, scheme):
    w = weights.drop_duplicates("measure").set_index("measure").weight
    return sum(scorecards[f"{measure}_score"] * weight for measure, weight in w.items())


# %% mistake="composite" name="unweighted-mean" tracks="analyst"
def composite(scorecards, weights, scheme):
    columns = [f"{measure}_score" for measure in weights.measure.unique()]
    return scorecards[columns].mean(axis=1)


# %% tracks="analyst" test="composite" points=3
toy_cards = pd.DataFrame({"staff_id": ["x", "y"], "sales_score": [100.0, 40.0], "quality_score": [0.0, 100.0]}, index=[10, 11])
toy_weights = pd.DataFrame({"scheme": ["old", "old", "new", "new"], "measure": ["sales", "quality", "sales", "quality"], "weight": [0.8, 0.2, 0.3, 0.7]})
result = composite(toy_cards, toy_weights, "new")
assert list(result.index) == [10, 11], "请保留 scorecards 的行索引"  # [zh]
assert list(result.index) == [10, 11], "keep the index of scorecards"  # [en]
assert np.allclose(result.to_numpy(dtype=float), [30.0, 82.0]), "按 new 方案，x 得 0.3×100 + 0.7×0 = 30，y 得 0.3×40 + 0.7×100 = 82"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [30.0, 82.0]), "under 'new', x scores 0.3*100 + 0.7*0 = 30 and y 0.3*40 + 0.7*100 = 82"  # [en]
### BEGIN HIDDEN TESTS
table = weights.pivot(index="scheme", columns="measure", values="weight")
for name in ["old", "cap50", "cap33"]:
    expected = scorecards[[f"{m}_score" for m in table.columns]].to_numpy() @ table.loc[name].to_numpy()
    assert np.allclose(composite(scorecards, weights, name).reindex(scorecards.index).to_numpy(dtype=float), expected)
for name, part in scorecards.groupby("scheme"):
    assert np.allclose(composite(part, weights, name).reindex(part.index).to_numpy(dtype=float), part.composite_score, atol=0.051)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：分配奖金池
#
# 金禾银行每季度的奖金池为 `scorecard_cap.BONUS_POOL_CNY`（270,000 元），门槛为 `scorecard_cap.BONUS_THRESHOLD`（50 分）。
# 每人的"奖金分"是综合得分超过门槛的部分，得分不超过门槛的人奖金分为 0；每人分得的奖金 = 奖金池 × 本人奖金分 ÷ 全体奖金分之和。
#
# 编写函数 `share_pool(composite_scores, pool, threshold)`：`composite_scores` 是同一季度的综合得分（以 `staff_id` 为索引的 `Series`），
# 返回每人的奖金（同样索引的 `Series`），不要四舍五入。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): sharing the bonus pool
#
# Each quarter Jinhe Bank shares a pool of `scorecard_cap.BONUS_POOL_CNY` (270,000 CNY) with a threshold of `scorecard_cap.BONUS_THRESHOLD` (50 points).
# A person's "bonus points" are their composite points above the threshold, and 0 for anyone at or below it; each person receives pool × their bonus points ÷ the sum of everyone's bonus points.
#
# Write `share_pool(composite_scores, pool, threshold)`: `composite_scores` holds one quarter's composite scores (a `Series` indexed by `staff_id`);
# return each person's bonus as a `Series` with the same index; do not round.

# %% solution="pool" tracks="analyst"
def share_pool(composite_scores, pool, threshold):
    ### BEGIN SOLUTION
    points = (composite_scores - threshold).clip(lower=0)
    return pool * points / points.sum()
    ### END SOLUTION


# %% mistake="pool" name="no-threshold" tracks="analyst"
def share_pool(composite_scores, pool, threshold):
    return pool * composite_scores / composite_scores.sum()


# %% mistake="pool" name="negative-points-kept" tracks="analyst"
def share_pool(composite_scores, pool, threshold):
    points = composite_scores - threshold
    return pool * points / points.sum()


# %% tracks="analyst" test="pool" points=3
toy = pd.Series({"x": 80.0, "y": 60.0, "z": 40.0})
result = share_pool(toy, 1000, 50)
assert list(result.index) == ["x", "y", "z"], "请保留 composite_scores 的索引"  # [zh]
assert list(result.index) == ["x", "y", "z"], "keep the index of composite_scores"  # [en]
assert np.allclose(result.to_numpy(dtype=float), [750.0, 250.0, 0.0]), "x 有 30 个奖金分，y 有 10 个，z 没有：应为 750、250 和 0"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [750.0, 250.0, 0.0]), "x has 30 bonus points and y 10, z has none: 750, 250 and 0"  # [en]
### BEGIN HIDDEN TESTS
for quarter, cards in scorecards.groupby("quarter"):
    scores = cards.set_index("staff_id").composite_score
    paid = cards.set_index("staff_id").bonus_cny
    assert np.allclose(share_pool(scores, scorecard_cap.BONUS_POOL_CNY, scorecard_cap.BONUS_THRESHOLD).reindex(paid.index).to_numpy(dtype=float), paid, atol=0.51)
q2 = scorecards[scorecards.quarter == "2024Q2"].set_index("staff_id")
capped = q2[["sales_score", "satisfaction_score", "quality_score", "training_score"]].to_numpy() @ np.array([0.33, 0.27, 0.30, 0.10])
above = np.maximum(capped - 50, 0)
expected = 270_000 * above / above.sum()
assert np.allclose(share_pool(pd.Series(capped, index=q2.index), 270_000, 50).reindex(q2.index).to_numpy(dtype=float), expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：按季度计算不匹配销售占比
#
# 编写函数 `mismatch_rate_by_quarter(conduct)`，返回每个季度不匹配销售占全部销售的比例：该季度所有员工的 `mismatched_sales` 之和除以 `sales_count` 之和。
# 返回以季度为索引、按季度先后排列的 `Series`，取值为 0 到 1 之间的小数。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): share of mismatched sales by quarter
#
# Write `mismatch_rate_by_quarter(conduct)`, returning for each quarter the share of all sales that were mismatched: the sum of `mismatched_sales` over all staff that quarter divided by the sum of `sales_count`.
# Return a `Series` indexed by quarter in time order, with values as fractions between 0 and 1.

# %% solution="mismatch-rate" tracks="analyst"
def mismatch_rate_by_quarter(conduct):
    ### BEGIN SOLUTION
    sums = conduct.groupby("quarter")[["mismatched_sales", "sales_count"]].sum()
    return sums.mismatched_sales / sums.sales_count
    ### END SOLUTION


# %% mistake="mismatch-rate" name="mean-of-staff-rates" tracks="analyst"
def mismatch_rate_by_quarter(conduct):
    rate = conduct.mismatched_sales / conduct.sales_count
    return rate.groupby(conduct.quarter).mean()


# %% mistake="mismatch-rate" name="share-of-staff-with-mismatch" tracks="analyst"
def mismatch_rate_by_quarter(conduct):
    return (conduct.mismatched_sales > 0).groupby(conduct.quarter).mean()


# %% tracks="analyst" test="mismatch-rate" points=3
toy = pd.DataFrame({"staff_id": ["a", "b", "a", "b"], "quarter": ["2024Q1", "2024Q1", "2024Q2", "2024Q2"],
                    "sales_count": [10, 90, 50, 50], "mismatched_sales": [0, 9, 1, 1]})
result = mismatch_rate_by_quarter(toy)
assert list(result.index) == ["2024Q1", "2024Q2"], "每个季度一个值，按时间先后排列"  # [zh]
assert list(result.index) == ["2024Q1", "2024Q2"], "one value per quarter, in time order"  # [en]
assert np.allclose(result.to_numpy(dtype=float), [0.09, 0.02]), "2024Q1：100 笔销售中 9 笔不匹配；2024Q2：100 笔中 2 笔（用合计计算，不要平均每人的比率）"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [0.09, 0.02]), "2024Q1: 9 of 100 sales were mismatched; 2024Q2: 2 of 100 (use the totals, not an average of each person's rate)"  # [en]
### BEGIN HIDDEN TESTS
result = mismatch_rate_by_quarter(conduct)
assert list(result.index) == sorted(conduct.quarter.unique())
mismatched = {q: 0 for q in result.index}
sold = {q: 0 for q in result.index}
for q, m, n in zip(conduct.quarter, conduct.mismatched_sales, conduct.sales_count):
    mismatched[q] += m
    sold[q] += n
assert np.allclose(result.to_numpy(dtype=float), [mismatched[q] / sold[q] for q in result.index])
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据（一）：同一季度，换一套权重
#
# 下面的分析已经替你运行好。它取旧方案的最后一个季度 2024Q2，把销售得分在前 25%、质量得分在后 25% 的员工标为“高销量低质量”组，再用三套权重分别重新计算同一季度的奖金（得分不变，只换权重）。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data (1): the same quarter under other weights
#
# The analysis below has been run for you. It takes 2024Q2, the last quarter under the old scheme, marks as the "high sales, low quality" group the staff in the top quarter by sales score and the bottom quarter by quality score, and recomputes that quarter's bonuses under each of the three weightings (same scores, other weights).

# %% tracks="frontline"
last_old = scorecards[scorecards.quarter == "2024Q2"]
group = (last_old.sales_score >= last_old.sales_score.quantile(0.75)) & (last_old.quality_score <= last_old.quality_score.quantile(0.25))
paid = {}
for scheme in ["old", "cap50", "cap33"]:
    w = weights[weights.scheme == scheme].set_index("measure").weight
    paid[scheme] = scorecard_cap.bonus(last_old.quarter, sum(last_old[f"{m}_score"] * w[m] for m in scorecard_cap.MEASURES))
bonus_table = pd.DataFrame({
    "group_mean": {scheme: round(p[group].mean()) for scheme, p in paid.items()},
    "others_mean": {scheme: round(p[~group].mean()) for scheme, p in paid.items()},
    "group_share": {scheme: round(100 * p[group].sum() / p.sum(), 1) for scheme, p in paid.items()},
})
bonus_table.columns = [f"高销量低质量组（{group.sum()} 人）人均奖金（元）", "其他员工人均奖金（元）", "高销量低质量组占奖金池（%）"]  # [zh]
bonus_table.columns = [f"High sales, low quality ({group.sum()} staff): average bonus (CNY)", "Other staff: average bonus (CNY)", "High sales, low quality: share of the pool (%)"]  # [en]
bonus_table.rename_axis("权重方案（都用 2024Q2 的得分）")  # [zh]
bonus_table.rename_axis("Weighting (all on 2024Q2 scores)")  # [en]

# %% question="bonus-share"

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据（二）：改革前后的销售质量
#
# 下面按季度汇总全行的销售质量指标，每个比率都用**合计**计算（例如全部不匹配笔数 ÷ 全部销售笔数）。2024Q3 起采用 cap50 方案，2025Q1 起采用 cap33 方案。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data (2): sales quality before and after the change
#
# Below, the bank's sales-quality indicators by quarter, each rate computed from **totals** (for example all mismatched sales ÷ all sales). The cap50 scheme applies from 2024Q3 and the cap33 scheme from 2025Q1.

# %% tracks="frontline"
sums = conduct.groupby("quarter")[["sales_count", "mismatched_sales", "unrecorded_sales", "complaints"]].sum()
quality = pd.DataFrame({
    "mismatch": 100 * sums.mismatched_sales / sums.sales_count,
    "unrecorded": 100 * sums.unrecorded_sales / sums.sales_count,
    "complaints": 1000 * sums.complaints / sums.sales_count,
}).round(2)
quality.columns = ["不匹配销售（%）", "无录音录像销售（%）", "每千笔销售投诉（件）"]  # [zh]
quality.columns = ["Mismatched sales (%)", "Sales without recording (%)", "Complaints per 1,000 sales"]  # [en]
quality.rename_axis("季度")  # [zh]
quality.rename_axis("Quarter")  # [en]

# %% question="quality-trend"

# %% question="scorecard-design"

# %% question="reading-the-change"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 2024 年第三季度，金禾银行改用 cap50 方案后，你是深圳福田支行的行长。支行销售金额最高的客户经理来找你："我的奖金比上季度少了一半多。质量分都是些主观的东西。
# 你要是不在墙上贴每周的销售排行榜给大家鼓鼓劲，我就去别的银行了。"
#
# 请说明：旧计分卡出问题的根本原因是什么；哪些控制措施能发现并防止这类问题；坐在行长的位置上，你会怎样回应他、接下来做什么。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# It is the third quarter of 2024 and Jinhe Bank has moved to the cap50 scheme. You are the manager of the Shenzhen Futian branch. Your relationship manager with the highest sales comes to you: "My bonus is less than half of last quarter's. The quality score is all subjective.
# If you don't put a weekly sales league table on the wall to keep everyone sharp, I'm off to another bank."
#
# Explain the root cause of the problem with the old scorecard, which controls detect and prevent this kind of problem, and, in the branch manager's seat, how you would answer him and what you would do next. (100–200 words)

# %% [markdown] written="manager-reply" points=4
# YOUR ANSWER HERE
