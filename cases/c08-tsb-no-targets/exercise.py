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
# # 案例 8 练习：取消销售指标与排行榜，以及压力的回潮
#
# 本练习共 14 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en"
# # Case 8 exercise: Removing sales targets and league tables, and the pressure coming back
#
# This exercise is worth 14 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import tsb_no_targets

data = tsb_no_targets.load()
branch_month, staff_survey = data["branch_month"], data["staff_survey"]

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：取消指标前后的比率
#
# 编写函数 `period_rates(branch_month, change)`。`change` 是取消指标的第一个月（如 `"2022-07"`）：早于它的月份为 `"before"`，从它开始（含当月）为 `"after"`。
# 返回一个 `DataFrame`，行索引依次为 `"before"`、`"after"`，两列：
#
# - `mismatch_rate`：该时期 `mismatched_sales` 之和除以 `sales_count` 之和；
# - `complaints_per_1000`：该时期 `complaints` 之和除以 `sales_count` 之和，再乘以 1000。
#
# `month` 列是 `"YYYY-MM"` 格式的文本，可以直接用 `<`、`>=` 比较先后。

# %% [markdown] lang="en"
# ## Question 1 (3 points): rates before and after the change
#
# Write `period_rates(branch_month, change)`. `change` is the first month without targets (such as `"2022-07"`): months before it are `"before"`, months from it on (including it) are `"after"`.
# Return a `DataFrame` whose rows are `"before"` then `"after"`, with two columns:
#
# - `mismatch_rate`: the sum of `mismatched_sales` in the period divided by the sum of `sales_count`;
# - `complaints_per_1000`: the sum of `complaints` in the period divided by the sum of `sales_count`, times 1000.
#
# The `month` column is text in `"YYYY-MM"` form, so `<` and `>=` compare months correctly.

# %% solution="periods"
def period_rates(branch_month, change):
    ### BEGIN SOLUTION
    period = np.where(branch_month.month < change, "before", "after")
    sums = branch_month.groupby(period)[["mismatched_sales", "complaints", "sales_count"]].sum()
    rates = pd.DataFrame(
        {
            "mismatch_rate": sums.mismatched_sales / sums.sales_count,
            "complaints_per_1000": 1000 * sums.complaints / sums.sales_count,
        }
    )
    return rates.loc[["before", "after"]]
    ### END SOLUTION


# %% mistake="periods" name="mean-of-monthly-rates"
def period_rates(branch_month, change):
    period = np.where(branch_month.month < change, "before", "after")
    rates = pd.DataFrame(
        {
            "mismatch_rate": branch_month.mismatched_sales / branch_month.sales_count,
            "complaints_per_1000": 1000 * branch_month.complaints / branch_month.sales_count,
        }
    )
    return rates.groupby(period).mean().loc[["before", "after"]]


# %% mistake="periods" name="change-month-counted-before"
def period_rates(branch_month, change):
    period = np.where(branch_month.month <= change, "before", "after")
    sums = branch_month.groupby(period)[["mismatched_sales", "complaints", "sales_count"]].sum()
    rates = pd.DataFrame(
        {
            "mismatch_rate": sums.mismatched_sales / sums.sales_count,
            "complaints_per_1000": 1000 * sums.complaints / sums.sales_count,
        }
    )
    return rates.loc[["before", "after"]]


# %% test="periods" points=3
toy = pd.DataFrame({"branch_id": ["B1", "B2", "B1", "B2"], "month": ["2022-05", "2022-06", "2022-07", "2022-08"],
                    "sales_count": [100, 300, 200, 100], "mismatched_sales": [10, 6, 2, 1], "complaints": [5, 3, 2, 0]})
result = period_rates(toy, "2022-07")
assert list(result.index) == ["before", "after"], 'rows "before" then "after"'
assert np.allclose(result.loc["before", ["mismatch_rate", "complaints_per_1000"]].to_numpy(dtype=float), [0.04, 20.0]), "before: 16 of 400 sales mismatched, 8 complaints per 400 sales"
assert np.allclose(result.loc["after", ["mismatch_rate", "complaints_per_1000"]].to_numpy(dtype=float), [0.01, 2000 / 300]), "after (from 2022-07 on): 3 of 300 mismatched, 2 complaints per 300 sales"
### BEGIN HIDDEN TESTS
result = period_rates(branch_month, tsb_no_targets.TARGETS_REMOVED)
for name, rows in [("before", branch_month.month < "2022-07"), ("after", branch_month.month >= "2022-07")]:
    part = branch_month[rows]
    assert np.isclose(result.loc[name, "mismatch_rate"], part.mismatched_sales.sum() / part.sales_count.sum())
    assert np.isclose(result.loc[name, "complaints_per_1000"], 1000 * part.complaints.sum() / part.sales_count.sum())
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（3 分）：发现回潮的月份
#
# 编写函数 `drift_months(series, baseline_start, baseline_end, k=3)`。`series` 是以月份（`"YYYY-MM"` 文本）为索引、按时间排列的 `Series`。
# 以 `baseline_start` 到 `baseline_end`（两端都包含）的月份为基准期，计算基准期的平均值和标准差（用 pandas 的 `.std()`）；
# 返回基准期**之后**、数值**大于**"平均值 + k × 标准差"的月份列表，按时间顺序排列。

# %% [markdown] lang="en"
# ## Question 2 (3 points): finding the months of drift
#
# Write `drift_months(series, baseline_start, baseline_end, k=3)`. `series` is a `Series` indexed by month (text `"YYYY-MM"`), in time order.
# Take the months from `baseline_start` to `baseline_end` (both included) as the baseline and compute their mean and standard deviation (with pandas' `.std()`);
# return the list of months **after** the baseline whose value is **above** mean + k × standard deviation, in time order.

# %% solution="drift"
def drift_months(series, baseline_start, baseline_end, k=3):
    ### BEGIN SOLUTION
    baseline = series[(series.index >= baseline_start) & (series.index <= baseline_end)]
    limit = baseline.mean() + k * baseline.std()
    later = series[series.index > baseline_end]
    return list(later.index[later > limit])
    ### END SOLUTION


# %% mistake="drift" name="whole-history-baseline"
def drift_months(series, baseline_start, baseline_end, k=3):
    limit = series.mean() + k * series.std()
    later = series[series.index > baseline_end]
    return list(later.index[later > limit])


# %% mistake="drift" name="mean-without-spread"
def drift_months(series, baseline_start, baseline_end, k=3):
    baseline = series[(series.index >= baseline_start) & (series.index <= baseline_end)]
    later = series[series.index > baseline_end]
    return list(later.index[later > baseline.mean()])


# %% test="drift" points=3
toy = pd.Series([0.50, 0.20, 0.22, 0.18, 0.20, 0.21, 0.30, 0.19],
                index=["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08"])
assert list(drift_months(toy, "2023-02", "2023-05")) == ["2023-07"], "baseline 2023-02..2023-05 has mean 0.20 and SD 0.016, so the limit is about 0.25: only 2023-07 is above it"
### BEGIN HIDDEN TESTS
sums = branch_month.groupby("month")[["month_end_sales", "sales_count"]].sum()
share = sums.month_end_sales / sums.sales_count
base = share[(share.index >= "2022-10") & (share.index <= "2023-12")]
mean = sum(base) / len(base)
sd = (sum((x - mean) ** 2 for x in base) / (len(base) - 1)) ** 0.5
expected = [m for m, x in share.items() if m > "2023-12" and x > mean + 3 * sd]
assert len(expected) >= 6
assert list(drift_months(share, "2022-10", "2023-12")) == expected
expected_2 = [m for m, x in share.items() if m > "2023-12" and x > mean + 2 * sd]
assert list(drift_months(share, "2022-10", "2023-12", k=2)) == expected_2
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 3 题（2 分）：哪些支行的员工又见到了排名
#
# 编写函数 `ranking_share(staff_survey, quarter)`，返回在季度 `quarter` 的员工调查中，各支行回答"见过销售排名"（`saw_sales_ranking` 为 `True`）的答卷**占该支行答卷的比例**。
# 返回以 `branch_id` 为索引、按比例从高到低排列的 `Series`。

# %% [markdown] lang="en"
# ## Question 3 (2 points): where staff see rankings again
#
# Write `ranking_share(staff_survey, quarter)`, returning for the staff survey of quarter `quarter` the **share of each branch's responses** that say they saw a sales ranking (`saw_sales_ranking` is `True`).
# Return a `Series` indexed by `branch_id`, sorted from highest to lowest share.

# %% solution="ranking"
def ranking_share(staff_survey, quarter):
    ### BEGIN SOLUTION
    answers = staff_survey[staff_survey.quarter == quarter]
    return answers.groupby("branch_id").saw_sales_ranking.mean().sort_values(ascending=False)
    ### END SOLUTION


# %% mistake="ranking" name="count-not-share"
def ranking_share(staff_survey, quarter):
    answers = staff_survey[staff_survey.quarter == quarter]
    return answers.groupby("branch_id").saw_sales_ranking.sum().sort_values(ascending=False)


# %% mistake="ranking" name="all-quarters"
def ranking_share(staff_survey, quarter):
    return staff_survey.groupby("branch_id").saw_sales_ranking.mean().sort_values(ascending=False)


# %% test="ranking" points=2
toy = pd.DataFrame({"quarter": ["2025Q1"] * 9 + ["2024Q4"] * 4,
                    "branch_id": ["B1"] * 3 + ["B2"] * 6 + ["B2"] * 4,
                    "saw_sales_ranking": [True, True, False, True, False, False, False, False, False, True, True, True, True]})
result = ranking_share(toy, "2025Q1")
assert list(result.index) == ["B1", "B2"], "B1 first: 2 of its 3 responses, against 1 of B2's 6"
assert np.allclose(result.to_numpy(dtype=float), [2 / 3, 1 / 6]), "shares of each branch's responses in 2025Q1 only"
### BEGIN HIDDEN TESTS
for quarter in ["2023Q2", "2025Q2"]:
    answers = staff_survey[staff_survey.quarter == quarter]
    expected = {b: answers.saw_sales_ranking[answers.branch_id == b].sum() / (answers.branch_id == b).sum() for b in answers.branch_id.unique()}
    result = ranking_share(staff_survey, quarter)
    assert set(result.index) == set(expected)
    assert all(np.isclose(result[b], expected[b]) for b in expected)
    assert all(result.to_numpy()[i] >= result.to_numpy()[i + 1] for i in range(len(result) - 1))
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 取消销售指标 18 个月后，一位区域负责人要求各支行每天晚上报送每名员工就各个产品与客户"沟通"的次数，并把各支行的合计按从高到低的顺序发在工作群里。没有任何奖金与此挂钩。下列哪种判断最恰当？
#
# - **A.** 没有问题：没有奖金挂钩，就不会形成压力。
# - **B.** 没有问题，只要在群里不显示员工个人的名字。
# - **C.** 这实际上就是排行榜，会把销售压力带回来；应当向这位负责人和合规部门提出，并重点监测相关支行的压力指标。
# - **D.** 先什么都不做，等下一次员工调查看大家是否感到压力再说。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# Eighteen months after sales targets were removed, an area head asks every branch to report each evening how many "conversations" each member of staff had with customers about each product, and posts the branch totals in a work chat group, highest first. No bonus depends on it. Which assessment is the most appropriate?
#
# - **A.** Nothing wrong: with no bonus attached, it cannot create pressure.
# - **B.** Nothing wrong, as long as individual staff names are not shown in the chat.
# - **C.** It is a league table in all but name and brings sales pressure back; raise it with the area head and with compliance, and watch the pressure indicators of the branches concerned closely.
# - **D.** Do nothing for now, and wait for the next staff survey to see whether people feel under pressure.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "C"
### END SOLUTION

# %% mistake="choice" name="no-bonus-no-pressure"
choice = "A"

# %% mistake="choice" name="wait-for-survey"
choice = "D"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'
### BEGIN HIDDEN TESTS
assert choice == "C"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 2025 年 7 月，你是金禾银行总行的合规专员。你的月度监测显示：全行月末销售占比自 2024 年 10 月起每个月都超过基准期上限，不匹配销售占比也从 2025 年初起连续超限；员工调查中，北京两家支行见过销售排名的员工比例在一年内从不到五分之一升到五分之四以上。
# 零售业务负责人对你说："投诉还远低于 2021 年的水平，说明没什么问题，不用大惊小怪。"
#
# 请说明：压力回潮的根本原因可能是什么；哪些控制措施能够（或本应）更早发现它；坐在你的位置上，你会怎样回应、接下来做什么。（150–300 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# It is July 2025 and you are a compliance officer at Jinhe Bank's head office. Your monthly monitoring shows the bank-wide month-end share of sales above the baseline limit every month since October 2024, and the mismatch share above its limit every month since early 2025; in the staff survey the share of staff at the two Beijing branches who saw a sales ranking has risen within a year from under one in five to over four in five.
# The head of retail banking tells you: "Complaints are still far below 2021 levels, so nothing is wrong. Don't make a fuss."
#
# Explain what is likely to be the root cause of the returning pressure, which controls can (or should have) caught it earlier, and, in your seat, how you would respond and what you would do next. (100–200 words)

# %% [markdown] written="relapse-response" points=4
# YOUR ANSWER HERE
