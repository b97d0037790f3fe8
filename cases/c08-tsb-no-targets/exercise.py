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
# # 案例 8 练习：取消销售指标与排行榜，以及压力的回潮
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case 8 exercise: Removing sales targets and league tables, and the pressure coming back
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 8 练习：取消销售指标与排行榜，以及压力的回潮
#
# 本练习共 14 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case 8 exercise: Removing sales targets and league tables, and the pressure coming back
#
# This exercise is worth 14 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import tsb_no_targets

data = tsb_no_targets.load()
branch_month, staff_survey = data["branch_month"], data["staff_survey"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：取消指标前后的比率
#
# 编写函数 `period_rates(branch_month, change)`。`change` 是取消指标的第一个月（如 `"2022-07"`）：早于它的月份为 `"before"`，从它开始（含当月）为 `"after"`。
# 返回一个 `DataFrame`，行索引依次为 `"before"`、`"after"`，两列：
#
# - `mismatch_rate`：该时期 `mismatched_sales` 之和除以 `sales_count` 之和；
# - `complaints_per_1000`：该时期 `complaints` 之和除以 `sales_count` 之和，再乘以 1000。
#
# `month` 列是 `"YYYY-MM"` 格式的文本，可以直接用 `<`、`>=` 比较先后。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): rates before and after the change
#
# Write `period_rates(branch_month, change)`. `change` is the first month without targets (such as `"2022-07"`): months before it are `"before"`, months from it on (including it) are `"after"`.
# Return a `DataFrame` whose rows are `"before"` then `"after"`, with two columns:
#
# - `mismatch_rate`: the sum of `mismatched_sales` in the period divided by the sum of `sales_count`;
# - `complaints_per_1000`: the sum of `complaints` in the period divided by the sum of `sales_count`, times 1000.
#
# The `month` column is text in `"YYYY-MM"` form, so `<` and `>=` compare months correctly.

# %% solution="periods" tracks="analyst"
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


# %% mistake="periods" name="mean-of-monthly-rates" tracks="analyst"
def period_rates(branch_month, change):
    period = np.where(branch_month.month < change, "before", "after")
    rates = pd.DataFrame(
        {
            "mismatch_rate": branch_month.mismatched_sales / branch_month.sales_count,
            "complaints_per_1000": 1000 * branch_month.complaints / branch_month.sales_count,
        }
    )
    return rates.groupby(period).mean().loc[["before", "after"]]


# %% mistake="periods" name="change-month-counted-before" tracks="analyst"
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


# %% test="periods" points=3 tracks="analyst"
toy = pd.DataFrame({"branch_id": ["B1", "B2", "B1", "B2"], "month": ["2022-05", "2022-06", "2022-07", "2022-08"],
                    "sales_count": [100, 300, 200, 100], "mismatched_sales": [10, 6, 2, 1], "complaints": [5, 3, 2, 0]})
result = period_rates(toy, "2022-07")
assert list(result.index) == ["before", "after"], '行索引依次为 "before" 和 "after"'  # [zh]
assert list(result.index) == ["before", "after"], 'rows "before" then "after"'  # [en]
before = result.loc["before", ["mismatch_rate", "complaints_per_1000"]].to_numpy(dtype=float)
after = result.loc["after", ["mismatch_rate", "complaints_per_1000"]].to_numpy(dtype=float)
assert np.allclose(before, [0.04, 20.0]), "改革前：400 笔销售中 16 笔不匹配，400 笔销售有 8 件投诉（用合计计算，不要平均各行的比率）"  # [zh]
assert np.allclose(before, [0.04, 20.0]), "before: 16 of 400 sales mismatched, 8 complaints per 400 sales (use the totals, not the mean of each row's rate)"  # [en]
assert np.allclose(after, [0.01, 2000 / 300]), "改革后（从 2022-07 起，含当月）：300 笔中 3 笔不匹配，300 笔销售有 2 件投诉"  # [zh]
assert np.allclose(after, [0.01, 2000 / 300]), "after (from 2022-07 on, that month included): 3 of 300 mismatched, 2 complaints per 300 sales"  # [en]
### BEGIN HIDDEN TESTS
result = period_rates(branch_month, tsb_no_targets.TARGETS_REMOVED)
for name, rows in [("before", branch_month.month < "2022-07"), ("after", branch_month.month >= "2022-07")]:
    part = branch_month[rows]
    assert np.isclose(result.loc[name, "mismatch_rate"], part.mismatched_sales.sum() / part.sales_count.sum())
    assert np.isclose(result.loc[name, "complaints_per_1000"], 1000 * part.complaints.sum() / part.sales_count.sum())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：发现回潮的月份
#
# 编写函数 `drift_months(series, baseline_start, baseline_end, k=3)`。`series` 是以月份（`"YYYY-MM"` 文本）为索引、按时间排列的 `Series`。
# 以 `baseline_start` 到 `baseline_end`（两端都包含）的月份为基准期，计算基准期的平均值和标准差（用 pandas 的 `.std()`）；
# 返回基准期**之后**、数值**大于**"平均值 + k × 标准差"的月份列表，按时间顺序排列。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): finding the months of drift
#
# Write `drift_months(series, baseline_start, baseline_end, k=3)`. `series` is a `Series` indexed by month (text `"YYYY-MM"`), in time order.
# Take the months from `baseline_start` to `baseline_end` (both included) as the baseline and compute their mean and standard deviation (with pandas' `.std()`);
# return the list of months **after** the baseline whose value is **above** mean + k × standard deviation, in time order.

# %% solution="drift" tracks="analyst"
def drift_months(series, baseline_start, baseline_end, k=3):
    ### BEGIN SOLUTION
    baseline = series[(series.index >= baseline_start) & (series.index <= baseline_end)]
    limit = baseline.mean() + k * baseline.std()
    later = series[series.index > baseline_end]
    return list(later.index[later > limit])
    ### END SOLUTION


# %% mistake="drift" name="whole-history-baseline" tracks="analyst"
def drift_months(series, baseline_start, baseline_end, k=3):
    limit = series.mean() + k * series.std()
    later = series[series.index > baseline_end]
    return list(later.index[later > limit])


# %% mistake="drift" name="mean-without-spread" tracks="analyst"
def drift_months(series, baseline_start, baseline_end, k=3):
    baseline = series[(series.index >= baseline_start) & (series.index <= baseline_end)]
    later = series[series.index > baseline_end]
    return list(later.index[later > baseline.mean()])


# %% test="drift" points=3 tracks="analyst"
toy = pd.Series([0.50, 0.20, 0.22, 0.18, 0.20, 0.21, 0.30, 0.19],
                index=["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08"])
assert list(drift_months(toy, "2023-02", "2023-05")) == ["2023-07"], "基准期 2023-02 至 2023-05 的平均值为 0.20、标准差约 0.016，上限约为 0.25：只有 2023-07 超过上限"  # [zh]
assert list(drift_months(toy, "2023-02", "2023-05")) == ["2023-07"], "baseline 2023-02..2023-05 has mean 0.20 and SD 0.016, so the limit is about 0.25: only 2023-07 is above it"  # [en]
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

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：哪些支行的员工又见到了排名
#
# 编写函数 `ranking_share(staff_survey, quarter)`，返回在季度 `quarter` 的员工调查中，各支行回答"见过销售排名"（`saw_sales_ranking` 为 `True`）的答卷**占该支行答卷的比例**。
# 返回以 `branch_id` 为索引、按比例从高到低排列的 `Series`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): where staff see rankings again
#
# Write `ranking_share(staff_survey, quarter)`, returning for the staff survey of quarter `quarter` the **share of each branch's responses** that say they saw a sales ranking (`saw_sales_ranking` is `True`).
# Return a `Series` indexed by `branch_id`, sorted from highest to lowest share.

# %% solution="ranking" tracks="analyst"
def ranking_share(staff_survey, quarter):
    ### BEGIN SOLUTION
    answers = staff_survey[staff_survey.quarter == quarter]
    return answers.groupby("branch_id").saw_sales_ranking.mean().sort_values(ascending=False)
    ### END SOLUTION


# %% mistake="ranking" name="count-not-share" tracks="analyst"
def ranking_share(staff_survey, quarter):
    answers = staff_survey[staff_survey.quarter == quarter]
    return answers.groupby("branch_id").saw_sales_ranking.sum().sort_values(ascending=False)


# %% mistake="ranking" name="all-quarters" tracks="analyst"
def ranking_share(staff_survey, quarter):
    return staff_survey.groupby("branch_id").saw_sales_ranking.mean().sort_values(ascending=False)


# %% test="ranking" points=2 tracks="analyst"
toy = pd.DataFrame({"quarter": ["2025Q1"] * 9 + ["2024Q4"] * 4,
                    "branch_id": ["B1"] * 3 + ["B2"] * 6 + ["B2"] * 4,
                    "saw_sales_ranking": [True, True, False, True, False, False, False, False, False, True, True, True, True]})
result = ranking_share(toy, "2025Q1")
assert list(result.index) == ["B1", "B2"], "B1 排在前面：3 份答卷中有 2 份，B2 的 6 份中只有 1 份"  # [zh]
assert list(result.index) == ["B1", "B2"], "B1 first: 2 of its 3 responses, against 1 of B2's 6"  # [en]
assert np.allclose(result.to_numpy(dtype=float), [2 / 3, 1 / 6]), "请只用 2025Q1 的答卷，计算各支行答卷中的比例，而不是人数"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [2 / 3, 1 / 6]), "shares of each branch's responses in 2025Q1 only, not counts"  # [en]
### BEGIN HIDDEN TESTS
for quarter in ["2023Q2", "2025Q2"]:
    answers = staff_survey[staff_survey.quarter == quarter]
    expected = {b: answers.saw_sales_ranking[answers.branch_id == b].sum() / (answers.branch_id == b).sum() for b in answers.branch_id.unique()}
    result = ranking_share(staff_survey, quarter)
    assert set(result.index) == set(expected)
    assert all(np.isclose(result[b], expected[b]) for b in expected)
    assert all(result.to_numpy()[i] >= result.to_numpy()[i + 1] for i in range(len(result) - 1))
### END HIDDEN TESTS


# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据（一）：取消指标前后
#
# 下面的分析已经替你运行好：它把八家支行的数据按时期加总，比较取消指标之前（2021-01 至 2022-06）和之后（2022-07 至 2025-06）的不匹配销售占比和每千笔销售的投诉件数。比率都用合计计算。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data (1): before and after the change
#
# The analysis below has been run for you: it adds up the eight branches by period and compares the share of mismatched sales and the complaints per 1,000 sales before targets were removed (2021-01 to 2022-06) and after (2022-07 to 2025-06). Every rate is computed from the totals.

# %% tracks="frontline"
period = np.where(branch_month.month < tsb_no_targets.TARGETS_REMOVED, "before", "after")
sums = branch_month.groupby(period)[["mismatched_sales", "complaints", "sales_count"]].sum().loc[["before", "after"]]
periods = pd.DataFrame({
    "mismatch": (100 * sums.mismatched_sales / sums.sales_count).round(1),
    "complaints": (1000 * sums.complaints / sums.sales_count).round(1),
})
periods.index = ["取消指标前（2021-01 至 2022-06）", "取消指标后（2022-07 至 2025-06）"]  # [zh]
periods.columns = ["不匹配销售占比（%）", "每千笔销售的投诉（件）"]  # [zh]
periods.index = ["Before the change (2021-01 to 2022-06)", "After the change (2022-07 to 2025-06)"]  # [en]
periods.columns = ["Mismatched sales (%)", "Complaints per 1,000 sales"]  # [en]
periods

# %% question="before-after"

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据（二）：压力有没有回来
#
# 下面的分析以改革后的平稳期（2022-10 至 2023-12）为基准，算出两个指标的上限（基准期平均值 + 3 个标准差），再逐月列出 2024 年以后的数值，标出超过上限的月份。月末销售占比是**压力指标**，不匹配销售占比是**结果指标**。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data (2): is the pressure coming back?
#
# The analysis below takes the settled period after the change (2022-10 to 2023-12) as the baseline, works out each indicator's limit (the baseline mean + 3 standard deviations), and lists every month from 2024 on, marking the months above the limit. The month-end share of sales is a **pressure indicator**; the share of mismatched sales is an **outcome indicator**.

# %% tracks="frontline"
monthly = branch_month.groupby("month")[["month_end_sales", "mismatched_sales", "sales_count"]].sum()
indicators = pd.DataFrame({
    "month_end": 100 * monthly.month_end_sales / monthly.sales_count,
    "mismatch": 100 * monthly.mismatched_sales / monthly.sales_count,
})
baseline = indicators.loc["2022-10":"2023-12"]
limits = baseline.mean() + 3 * baseline.std()
later = indicators[indicators.index > "2023-12"]
yes, no = "超限", ""  # [zh]
yes, no = "above", ""  # [en]
drift = pd.DataFrame({
    "month_end": later.month_end.round(1),
    "month_end_above": np.where(later.month_end > limits.month_end, yes, no),
    "mismatch": later.mismatch.round(2),
    "mismatch_above": np.where(later.mismatch > limits.mismatch, yes, no),
}, index=later.index)
print(f"上限：月末销售占比 {limits.month_end:.1f}%，不匹配销售占比 {limits.mismatch:.2f}%")  # [zh]
print(f"Limits: month-end share {limits.month_end:.1f}%, mismatch share {limits.mismatch:.2f}%")  # [en]
drift.columns = ["月末 5 天销售占比（%）", "月末占比超限", "不匹配销售占比（%）", "不匹配占比超限"]  # [zh]
drift.columns = ["Month-end share (%)", "Month-end share above limit", "Mismatched sales (%)", "Mismatch share above limit"]  # [en]
drift.rename_axis("月份")  # [zh]
drift.rename_axis("Month")  # [en]

# %% question="drift-count"

# %% question="pressure-signal"

# %% question="informal-ranking"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 2025 年 7 月，你是金禾银行总行的合规专员。你的月度监测显示：全行月末销售占比自 2024 年 10 月起每个月都超过基准期上限，不匹配销售占比也从 2025 年初起连续超限；员工调查中，北京两家支行见过销售排名的员工比例在一年内从不到五分之一升到五分之四以上。
# 零售业务负责人对你说："投诉还远低于 2021 年的水平，说明没什么问题，不用大惊小怪。"
#
# 请说明：压力回潮的根本原因可能是什么；哪些控制措施能够（或本应）更早发现它；坐在你的位置上，你会怎样回应、接下来做什么。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# It is July 2025 and you are a compliance officer at Jinhe Bank's head office. Your monthly monitoring shows the bank-wide month-end share of sales above the baseline limit every month since October 2024, and the mismatch share above its limit every month since early 2025; in the staff survey the share of staff at the two Beijing branches who saw a sales ranking has risen within a year from under one in five to over four in five.
# The head of retail banking tells you: "Complaints are still far below 2021 levels, so nothing is wrong. Don't make a fuss."
#
# Explain what is likely to be the root cause of the returning pressure, which controls can (or should have) caught it earlier, and, in your seat, how you would respond and what you would do next. (100–200 words)

# %% [markdown] written="relapse-response" points=4
# YOUR ANSWER HERE
