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
# # 模块 12 练习：客户教育、员工成长与持续改进
#
# 本练习共 15 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en"
# # Module 12 exercise: Customer education, staff development and continuous improvement
#
# This exercise is worth 15 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
complaints, sales, staff, products = bank.complaints, bank.sales, bank.staff, bank.products
TRAINING_DATE = pd.Timestamp("2025-01-06")

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：成立投诉的帕累托表
#
# 编写函数 `pareto(complaints)`。只看**成立**的投诉（`upheld` 为 `True`），按类别（`category`）统计，返回一个以类别为索引的 `DataFrame`，依次包含三列：
#
# - `count`：该类成立投诉的件数；
# - `share`：该类占全部成立投诉的比例；
# - `cumulative_share`：从件数最多的类别开始的累计占比。
#
# 各行按 `count` 从多到少排列，最后一行的 `cumulative_share` 为 1。

# %% [markdown] lang="en"
# ## Question 1 (3 points): a Pareto table of upheld complaints
#
# Write `pareto(complaints)`. Looking only at **upheld** complaints (`upheld` is `True`), count them by `category` and return a `DataFrame` indexed by category with three columns, in this order:
#
# - `count`: the number of upheld complaints in the category;
# - `share`: the category's share of all upheld complaints;
# - `cumulative_share`: the running total of the shares, starting from the category with the most complaints.
#
# Sort the rows by `count` from most to fewest; the last row's `cumulative_share` is 1.

# %% solution="pareto"
def pareto(complaints):
    ### BEGIN SOLUTION
    counts = complaints.category[complaints.upheld].value_counts().sort_values(ascending=False)
    table = counts.to_frame("count")
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table.share.cumsum()
    return table
    ### END SOLUTION


# %% mistake="pareto" name="all-complaints"
def pareto(complaints):
    counts = complaints.category.value_counts().sort_values(ascending=False)
    table = counts.to_frame("count")
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table.share.cumsum()
    return table


# %% mistake="pareto" name="cumsum-before-sort"
def pareto(complaints):
    counts = complaints[complaints.upheld].groupby("category").size()
    table = counts.to_frame("count")
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table.share.cumsum()
    return table.sort_values("count", ascending=False)


# %% test="pareto" points=3
toy = pd.DataFrame({"complaint_id": [f"q{i}" for i in range(10)],
                    "category": ["fees"] * 4 + ["mis_selling"] * 4 + ["service"] * 2,
                    "upheld": [True, True, True, False, True, False, False, False, True, True]})
table = pareto(toy)
assert list(table.columns) == ["count", "share", "cumulative_share"], "three columns: count, share, cumulative_share"  # [en]
assert list(table.columns) == ["count", "share", "cumulative_share"], "三列依次为 count、share、cumulative_share"  # [zh]
assert list(table.index) == ["fees", "service", "mis_selling"] and list(table["count"]) == [3, 2, 1], "upheld only: fees 3, service 2, mis_selling 1"  # [en]
assert list(table.index) == ["fees", "service", "mis_selling"] and list(table["count"]) == [3, 2, 1], "只数成立的投诉：fees 3 件，service 2 件，mis_selling 1 件"  # [zh]
assert np.allclose(table.cumulative_share.astype(float), [3 / 6, 5 / 6, 1.0]), "cumulative shares 3/6, 5/6, 6/6 in sorted order"  # [en]
assert np.allclose(table.cumulative_share.astype(float), [3 / 6, 5 / 6, 1.0]), "按排序后的顺序，累计占比为 3/6、5/6、6/6"  # [zh]
### BEGIN HIDDEN TESTS
counted = {}
for category, upheld in zip(complaints.category, complaints.upheld):
    if upheld:
        counted[category] = counted.get(category, 0) + 1
order = sorted(counted, key=counted.get, reverse=True)
total = sum(counted.values())
result = pareto(complaints)
assert list(result.index) == order
assert list(result["count"]) == [counted[c] for c in order]
assert np.allclose(result.share.astype(float), [counted[c] / total for c in order])
assert np.allclose(result.cumulative_share.astype(float), np.cumsum([counted[c] / total for c in order]))
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（4 分）：培训前后的无录像率
#
# 编写函数 `before_after(sales, staff, products, training_date)`。只看**须双录**的销售（`channel` 为 `"branch"` 且产品 `type` 不是 `"deposit"`），计算 `recording_id` 为空的比例，按两个维度分组：
#
# - 员工组：`staff.trained_on` 不为空的员工属于 `"trained"` 组，其余属于 `"untrained"` 组（分组固定，与销售日期无关）；
# - 时期：`sold_at` 早于 `training_date` 为 `"before"`，当天及以后为 `"after"`。
#
# 返回一个 2×2 的 `DataFrame`：索引依次为 `"trained"`、`"untrained"`，列依次为 `"before"`、`"after"`。

# %% [markdown] lang="en"
# ## Question 2 (4 points): the unrecorded rate before and after training
#
# Write `before_after(sales, staff, products, training_date)`. Looking only at sales that **must be recorded** (`channel` is `"branch"` and the product `type` is not `"deposit"`), work out the share whose `recording_id` is empty, split two ways:
#
# - staff group: employees whose `staff.trained_on` is not empty are in the `"trained"` group, all others in `"untrained"` (the group is fixed and does not depend on the sale date);
# - period: `sold_at` before `training_date` is `"before"`, on or after it is `"after"`.
#
# Return a 2×2 `DataFrame` with the index `"trained"`, `"untrained"` and the columns `"before"`, `"after"`, in that order.

# %% solution="before-after"
def before_after(sales, staff, products, training_date):
    ### BEGIN SOLUTION
    must = sales.channel.eq("branch") & sales.product_id.map(products.set_index("product_id")["type"]).ne("deposit")
    rows = sales[must]
    trained = rows.staff_id.map(staff.set_index("staff_id").trained_on.notna())
    group = trained.map({True: "trained", False: "untrained"})
    period = (rows.sold_at >= training_date).map({True: "after", False: "before"})
    table = rows.recording_id.isna().groupby([group, period]).mean().unstack()
    return table.reindex(index=["trained", "untrained"], columns=["before", "after"])
    ### END SOLUTION


# %% mistake="before-after" name="all-sales-denominator"
def before_after(sales, staff, products, training_date):
    trained = sales.staff_id.map(staff.set_index("staff_id").trained_on.notna())
    group = trained.map({True: "trained", False: "untrained"})
    period = (sales.sold_at >= training_date).map({True: "after", False: "before"})
    table = sales.recording_id.isna().groupby([group, period]).mean().unstack()
    return table.reindex(index=["trained", "untrained"], columns=["before", "after"])


# %% mistake="before-after" name="status-at-sale-time"
def before_after(sales, staff, products, training_date):
    must = sales.channel.eq("branch") & sales.product_id.map(products.set_index("product_id")["type"]).ne("deposit")
    rows = sales[must]
    trained = rows.staff_id.map(staff.set_index("staff_id").trained_on) <= rows.sold_at
    group = trained.map({True: "trained", False: "untrained"})
    period = (rows.sold_at >= training_date).map({True: "after", False: "before"})
    table = rows.recording_id.isna().groupby([group, period]).mean().unstack()
    return table.reindex(index=["trained", "untrained"], columns=["before", "after"])


# %% test="before-after" points=4
toy_staff = pd.DataFrame({"staff_id": ["t1", "u1"], "trained_on": pd.to_datetime(["2025-01-06", None])})
toy_products = pd.DataFrame({"product_id": ["fund", "dep"], "type": ["fund", "deposit"]})
toy_sales = pd.DataFrame({
    "sale_id": [f"s{i}" for i in range(10)],
    "staff_id": ["t1", "t1", "t1", "t1", "t1", "u1", "u1", "u1", "u1", "u1"],
    "product_id": ["fund", "fund", "fund", "fund", "fund", "fund", "fund", "fund", "fund", "dep"],
    "channel": ["branch", "branch", "mobile", "branch", "branch", "branch", "branch", "branch", "branch", "branch"],
    "sold_at": pd.to_datetime(["2024-10-01 09:00", "2024-11-01 09:00", "2024-11-02 09:00", "2025-01-06 10:30", "2025-03-01 09:00",
                               "2024-10-01 09:00", "2024-12-01 09:00", "2025-02-01 09:00", "2025-03-01 09:00", "2025-03-02 09:00"]),
    "recording_id": [None, "r1", None, "r2", "r3", "r4", "r5", None, "r6", None]})
result = before_after(toy_sales, toy_staff, toy_products, pd.Timestamp("2025-01-06"))
assert list(result.index) == ["trained", "untrained"] and list(result.columns) == ["before", "after"], "index trained, untrained; columns before, after"  # [en]
assert list(result.index) == ["trained", "untrained"] and list(result.columns) == ["before", "after"], "索引为 trained、untrained，列为 before、after"  # [zh]
assert np.allclose(result.loc["trained"].astype(float), [0.5, 0.0]), "t1: one of two must-record sales before is unrecorded (the mobile sale does not count); none after, counting the sale on the training day"  # [en]
assert np.allclose(result.loc["trained"].astype(float), [0.5, 0.0]), "t1：培训前 2 笔须双录销售中 1 笔无录像（手机银行销售不计入）；培训后（含培训当天的销售）没有"  # [zh]
assert np.allclose(result.loc["untrained"].astype(float), [0.0, 0.5]), "u1: none before; one of two must-record sales after (the deposit does not count)"  # [en]
assert np.allclose(result.loc["untrained"].astype(float), [0.0, 0.5]), "u1：培训前没有；培训后 2 笔须双录销售中 1 笔无录像（存款不计入）"  # [zh]
### BEGIN HIDDEN TESTS
result = before_after(sales, staff, products, TRAINING_DATE)
joined = sales.merge(products[["product_id", "type"]], on="product_id").merge(staff[["staff_id", "trained_on"]], on="staff_id")
joined = joined[(joined.channel == "branch") & (joined.type != "deposit")]
for group, in_group in [("trained", joined.trained_on.notna()), ("untrained", joined.trained_on.isna())]:
    for period, in_period in [("before", joined.sold_at < TRAINING_DATE), ("after", joined.sold_at >= TRAINING_DATE)]:
        cell = joined[in_group & in_period]
        assert np.isclose(result.loc[group, period], cell.recording_id.isna().sum() / len(cell))
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 3 题（2 分）：双重差分
#
# 编写函数 `diff_in_diff(table)`。`table` 是第 2 题格式的表格。返回培训组的变化减去未培训组的变化：
#
# （trained 的 after − trained 的 before）−（untrained 的 after − untrained 的 before）
#
# 返回一个数（`float`）。

# %% [markdown] lang="en"
# ## Question 3 (2 points): difference in differences
#
# Write `diff_in_diff(table)`. `table` has the format of question 2. Return the trained group's change minus the untrained group's change:
#
# (trained after − trained before) − (untrained after − untrained before)
#
# Return a number (a `float`).

# %% solution="did"
def diff_in_diff(table):
    ### BEGIN SOLUTION
    change = table["after"] - table["before"]
    return float(change["trained"] - change["untrained"])
    ### END SOLUTION


# %% mistake="did" name="trained-change-only"
def diff_in_diff(table):
    return float(table.loc["trained", "after"] - table.loc["trained", "before"])


# %% mistake="did" name="after-gap-only"
def diff_in_diff(table):
    return float(table.loc["trained", "after"] - table.loc["untrained", "after"])


# %% test="did" points=2
toy = pd.DataFrame({"before": [0.10, 0.08], "after": [0.04, 0.07]}, index=["trained", "untrained"])
assert np.isclose(diff_in_diff(toy), -0.05), "trained changed by -0.06, untrained by -0.01, so the difference is -0.05"  # [en]
assert np.isclose(diff_in_diff(toy), -0.05), "培训组变化 -0.06，未培训组变化 -0.01，两者之差为 -0.05"  # [zh]
### BEGIN HIDDEN TESTS
must = sales.channel.eq("branch") & sales.product_id.map(products.set_index("product_id")["type"]).ne("deposit")
rows = sales[must]
in_trained = rows.staff_id.isin(staff.staff_id[staff.trained_on.notna()])
after = rows.sold_at >= TRAINING_DATE
unrecorded = rows.recording_id.isna()
full = pd.DataFrame({"before": [unrecorded[in_trained & ~after].mean(), unrecorded[~in_trained & ~after].mean()],
                     "after": [unrecorded[in_trained & after].mean(), unrecorded[~in_trained & after].mean()]},
                    index=["trained", "untrained"])
expected = (full.loc["trained", "after"] - full.loc["trained", "before"]) - (full.loc["untrained", "after"] - full.loc["untrained", "before"])
assert np.isclose(diff_in_diff(full), expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 培训后，培训组的无录像率从 5.7% 降到 4.0%，未培训组从 5.9% 升到 6.7%，双重差分约为 −2.4 个百分点。每组每个时期约有 700 笔须双录的销售。哪个结论最有依据？
#
# - **A.** 培训使无录像率下降了 2.4 个百分点，已经得到证明，可以向管理层报告并全面推广。
# - **B.** 培训没有用，因为培训组仍然有没录像的销售。
# - **C.** 结果与培训有效相符，但不能证明：这样大小的差距在随机分组中并不少见，两组员工也可能本来就不同；应积累更多数据、比较培训前的走势、分批安排培训，并结合其他指标再下结论。
# - **D.** 只需要看培训组自己的前后变化，未培训组与培训效果无关。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# After the course, the trained group's unrecorded rate fell from 5.7% to 4.0% and the untrained group's rose from 5.9% to 6.7%: a difference in differences of about −2.4 percentage points. Each group has about 700 must-record sales per period. Which conclusion is best supported?
#
# - **A.** The course cut the unrecorded rate by 2.4 points; this is proven and can be reported to management and rolled out everywhere.
# - **B.** The course is useless, because the trained group still has unrecorded sales.
# - **C.** The result fits an effect of the course but does not prove it: a gap this size is not rare when groups are split at random, and the two groups may have differed from the start; gather more data, compare the trends before the course, train in waves, and look at other measures before concluding.
# - **D.** Only the trained group's own before/after change matters; the untrained group says nothing about the course's effect.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "C"
### END SOLUTION

# %% mistake="choice" name="proven-effect"
choice = "A"

# %% mistake="choice" name="no-comparison-group"
choice = "D"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'  # [en]
assert choice in {"A", "B", "C", "D"}, '请用 "A"、"B"、"C" 或 "D" 作答'  # [zh]
### BEGIN HIDDEN TESTS
assert choice == "C"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 帕累托分析显示，"费用"是成立投诉最多的类别。请用一轮 PDCA（计划—执行—检查—处理）说明你会如何减少这类投诉：
# 你会怎样找根本原因、采取什么措施（至少包括一项面向客户的教育措施和一项面向员工的措施），用什么指标、怎样比较来检查效果，检查之后怎么处理。（150–300 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# The Pareto analysis shows that fees are the largest category of upheld complaints. Describe one PDCA round (plan, do, check, act) to reduce these complaints:
# how you would find the root cause, what you would change (at least one customer-education measure and one staff measure), which measure and which comparison you would use to check the effect, and what you would do after the check. (100–200 words)

# %% [markdown] written="pdca-plan" points=4
# YOUR ANSWER HERE
