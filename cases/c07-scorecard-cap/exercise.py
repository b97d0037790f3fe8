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
# # 案例 7 练习：给计分卡中的财务指标设上限
#
# 本练习共 15 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en"
# # Case 7 exercise: Capping the financial share of a scorecard
#
# This exercise is worth 15 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import scorecard_cap

data = scorecard_cap.load()
weights, scorecards, conduct = data["weights"], data["scorecards"], data["conduct"]

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：按任一方案计算综合得分
#
# 编写函数 `composite(scorecards, weights, scheme)`，返回 `scorecards` 每一行在方案 `scheme` 下的综合得分：
# 对 `weights` 中该方案的每一项指标 `measure`，用得分列 `<measure>_score` 乘以权重 `weight`，再相加。
# 返回一个与 `scorecards` 行索引相同的 `Series`，不要四舍五入。

# %% [markdown] lang="en"
# ## Question 1 (3 points): composite score under any scheme
#
# Write `composite(scorecards, weights, scheme)`, returning the composite score of every row of `scorecards` under the scheme `scheme`:
# for each measure `measure` of that scheme in `weights`, multiply the score column `<measure>_score` by its `weight`, and add them up.
# Return a `Series` with the same index as `scorecards`; do not round.

# %% solution="composite"
def composite(scorecards, weights, scheme):
    ### BEGIN SOLUTION
    w = weights[weights.scheme == scheme].set_index("measure").weight
    return sum(scorecards[f"{measure}_score"] * weight for measure, weight in w.items())
    ### END SOLUTION


# %% mistake="composite" name="first-scheme-only"
def composite(scorecards, weights, scheme):
    w = weights.drop_duplicates("measure").set_index("measure").weight
    return sum(scorecards[f"{measure}_score"] * weight for measure, weight in w.items())


# %% mistake="composite" name="unweighted-mean"
def composite(scorecards, weights, scheme):
    columns = [f"{measure}_score" for measure in weights.measure.unique()]
    return scorecards[columns].mean(axis=1)


# %% test="composite" points=3
toy_cards = pd.DataFrame({"staff_id": ["x", "y"], "sales_score": [100.0, 40.0], "quality_score": [0.0, 100.0]}, index=[10, 11])
toy_weights = pd.DataFrame({"scheme": ["old", "old", "new", "new"], "measure": ["sales", "quality", "sales", "quality"], "weight": [0.8, 0.2, 0.3, 0.7]})
result = composite(toy_cards, toy_weights, "new")
assert list(result.index) == [10, 11], "keep the index of scorecards"
assert np.allclose(result.to_numpy(dtype=float), [30.0, 82.0]), "under 'new', x scores 0.3*100 + 0.7*0 = 30 and y 0.3*40 + 0.7*100 = 82"
### BEGIN HIDDEN TESTS
table = weights.pivot(index="scheme", columns="measure", values="weight")
for name in ["old", "cap50", "cap33"]:
    expected = scorecards[[f"{m}_score" for m in table.columns]].to_numpy() @ table.loc[name].to_numpy()
    assert np.allclose(composite(scorecards, weights, name).reindex(scorecards.index).to_numpy(dtype=float), expected)
for name, part in scorecards.groupby("scheme"):
    assert np.allclose(composite(part, weights, name).reindex(part.index).to_numpy(dtype=float), part.composite_score, atol=0.051)
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（3 分）：分配奖金池
#
# 金禾银行每季度的奖金池为 `scorecard_cap.BONUS_POOL_CNY`（270,000 元），门槛为 `scorecard_cap.BONUS_THRESHOLD`（50 分）。
# 每人的"奖金分"是综合得分超过门槛的部分，得分不超过门槛的人奖金分为 0；每人分得的奖金 = 奖金池 × 本人奖金分 ÷ 全体奖金分之和。
#
# 编写函数 `share_pool(composite_scores, pool, threshold)`：`composite_scores` 是同一季度的综合得分（以 `staff_id` 为索引的 `Series`），
# 返回每人的奖金（同样索引的 `Series`），不要四舍五入。

# %% [markdown] lang="en"
# ## Question 2 (3 points): sharing the bonus pool
#
# Each quarter Jinhe Bank shares a pool of `scorecard_cap.BONUS_POOL_CNY` (270,000 CNY) with a threshold of `scorecard_cap.BONUS_THRESHOLD` (50 points).
# A person's "bonus points" are their composite points above the threshold, and 0 for anyone at or below it; each person receives pool × their bonus points ÷ the sum of everyone's bonus points.
#
# Write `share_pool(composite_scores, pool, threshold)`: `composite_scores` holds one quarter's composite scores (a `Series` indexed by `staff_id`);
# return each person's bonus as a `Series` with the same index; do not round.

# %% solution="pool"
def share_pool(composite_scores, pool, threshold):
    ### BEGIN SOLUTION
    points = (composite_scores - threshold).clip(lower=0)
    return pool * points / points.sum()
    ### END SOLUTION


# %% mistake="pool" name="no-threshold"
def share_pool(composite_scores, pool, threshold):
    return pool * composite_scores / composite_scores.sum()


# %% mistake="pool" name="negative-points-kept"
def share_pool(composite_scores, pool, threshold):
    points = composite_scores - threshold
    return pool * points / points.sum()


# %% test="pool" points=3
toy = pd.Series({"x": 80.0, "y": 60.0, "z": 40.0})
result = share_pool(toy, 1000, 50)
assert list(result.index) == ["x", "y", "z"], "keep the index of composite_scores"
assert np.allclose(result.to_numpy(dtype=float), [750.0, 250.0, 0.0]), "x has 30 bonus points and y 10, z has none: 750, 250 and 0"
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

# %% [markdown] lang="zh"
# ## 第 3 题（3 分）：按季度计算不匹配销售占比
#
# 编写函数 `mismatch_rate_by_quarter(conduct)`，返回每个季度不匹配销售占全部销售的比例：该季度所有员工的 `mismatched_sales` 之和除以 `sales_count` 之和。
# 返回以季度为索引、按季度先后排列的 `Series`，取值为 0 到 1 之间的小数。

# %% [markdown] lang="en"
# ## Question 3 (3 points): share of mismatched sales by quarter
#
# Write `mismatch_rate_by_quarter(conduct)`, returning for each quarter the share of all sales that were mismatched: the sum of `mismatched_sales` over all staff that quarter divided by the sum of `sales_count`.
# Return a `Series` indexed by quarter in time order, with values as fractions between 0 and 1.

# %% solution="mismatch-rate"
def mismatch_rate_by_quarter(conduct):
    ### BEGIN SOLUTION
    sums = conduct.groupby("quarter")[["mismatched_sales", "sales_count"]].sum()
    return sums.mismatched_sales / sums.sales_count
    ### END SOLUTION


# %% mistake="mismatch-rate" name="mean-of-staff-rates"
def mismatch_rate_by_quarter(conduct):
    rate = conduct.mismatched_sales / conduct.sales_count
    return rate.groupby(conduct.quarter).mean()


# %% mistake="mismatch-rate" name="share-of-staff-with-mismatch"
def mismatch_rate_by_quarter(conduct):
    return (conduct.mismatched_sales > 0).groupby(conduct.quarter).mean()


# %% test="mismatch-rate" points=3
toy = pd.DataFrame({"staff_id": ["a", "b", "a", "b"], "quarter": ["2024Q1", "2024Q1", "2024Q2", "2024Q2"],
                    "sales_count": [10, 90, 50, 50], "mismatched_sales": [0, 9, 1, 1]})
result = mismatch_rate_by_quarter(toy)
assert list(result.index) == ["2024Q1", "2024Q2"], "one value per quarter, in time order"
assert np.allclose(result.to_numpy(dtype=float), [0.09, 0.02]), "2024Q1: 9 of 100 sales were mismatched; 2024Q2: 2 of 100"
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

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 金禾银行的新政策要求：财务类（与销售挂钩的）指标合计不超过 33%，不区分产品，奖金不得与销售目标直接挂钩。下列哪一种计分卡设计符合这一政策？
#
# - **A.** 销售金额 30%，新结构性产品的销售笔数 20%，客户满意度 30%，销售质量 20%。
# - **B.** 销售金额 30%，客户满意度 30%，销售质量 30%，培训 10%；但未完成季度销售目标的员工不发奖金。
# - **C.** 销售金额 30%，客户满意度 30%，销售质量 30%，培训 10%；奖金只按综合得分分配。
# - **D.** 客户满意度 40%，销售质量 40%，培训 20%；另设每月奖励，发给各支行销售金额前三名。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# Jinhe Bank's new policy says that financial (sales-linked) measures may make up no more than 33% in total, must not favour particular products, and that bonuses must not be linked directly to sales targets. Which scorecard design meets this policy?
#
# - **A.** Sales amount 30%, number of sales of the new structured product 20%, customer satisfaction 30%, sales quality 20%.
# - **B.** Sales amount 30%, customer satisfaction 30%, sales quality 30%, training 10%; but no bonus for anyone who misses the quarterly sales target.
# - **C.** Sales amount 30%, customer satisfaction 30%, sales quality 30%, training 10%; bonuses shared on the composite score alone.
# - **D.** Customer satisfaction 40%, sales quality 40%, training 20%; plus a monthly prize for the top three sellers by amount at each branch.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "C"
### END SOLUTION

# %% mistake="choice" name="target-gate"
choice = "B"

# %% mistake="choice" name="product-specific-measure"
choice = "A"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'
### BEGIN HIDDEN TESTS
assert choice == "C"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 2024 年第三季度，金禾银行改用 cap50 方案后，你是深圳福田支行的行长。支行销售金额最高的客户经理来找你："我的奖金比上季度少了一半多。质量分都是些主观的东西。
# 你要是不在墙上贴每周的销售排行榜给大家鼓鼓劲，我就去别的银行了。"
#
# 请说明：旧计分卡出问题的根本原因是什么；哪些控制措施能发现并防止这类问题；坐在行长的位置上，你会怎样回应他、接下来做什么。（150–300 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# It is the third quarter of 2024 and Jinhe Bank has moved to the cap50 scheme. You are the manager of the Shenzhen Futian branch. Your relationship manager with the highest sales comes to you: "My bonus is less than half of last quarter's. The quality score is all subjective.
# If you don't put a weekly sales league table on the wall to keep everyone sharp, I'm off to another bank."
#
# Explain the root cause of the problem with the old scorecard, which controls detect and prevent this kind of problem, and, in the branch manager's seat, how you would answer him and what you would do next. (100–200 words)

# %% [markdown] written="manager-reply" points=4
# YOUR ANSWER HERE
