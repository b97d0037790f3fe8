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
# # 模块 12 练习：客户教育与持续改进
#
# 本练习共 14 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 12 exercise: Customer education and continuous improvement
#
# This exercise is worth 14 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 12 练习：客户教育与持续改进
#
# 本练习共 17 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 12 exercise: Customer education and continuous improvement
#
# This exercise is worth 17 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
complaints, sales, staff, products = bank.complaints, bank.sales, bank.staff, bank.products
TRAINING_DATE = pd.Timestamp("2025-01-06")

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：成立投诉的帕累托表
#
# 编写函数 `pareto(complaints)`。只看**成立**的投诉（`upheld` 为 `True`），按类别（`category`）统计，返回一个以类别为索引的 `DataFrame`，依次包含三列：
#
# - `count`：该类成立投诉的件数；
# - `share`：该类占全部成立投诉的比例；
# - `cumulative_share`：从件数最多的类别开始的累计占比。
#
# 各行按 `count` 从多到少排列，最后一行的 `cumulative_share` 为 1。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): a Pareto table of upheld complaints
#
# Write `pareto(complaints)`. Looking only at **upheld** complaints (`upheld` is `True`), count them by `category` and return a `DataFrame` indexed by category with three columns, in this order:
#
# - `count`: the number of upheld complaints in the category;
# - `share`: the category's share of all upheld complaints;
# - `cumulative_share`: the running total of the shares, starting from the category with the most complaints.
#
# Sort the rows by `count` from most to fewest; the last row's `cumulative_share` is 1.

# %% solution="pareto" tracks="analyst"
def pareto(complaints):
    ### BEGIN SOLUTION
    counts = complaints.category[complaints.upheld].value_counts().sort_values(ascending=False)
    table = counts.to_frame("count")
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table.share.cumsum()
    return table
    ### END SOLUTION


# %% mistake="pareto" name="all-complaints" tracks="analyst"
def pareto(complaints):
    counts = complaints.category.value_counts().sort_values(ascending=False)
    table = counts.to_frame("count")
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table.share.cumsum()
    return table


# %% mistake="pareto" name="cumsum-before-sort" tracks="analyst"
def pareto(complaints):
    counts = complaints[complaints.upheld].groupby("category").size()
    table = counts.to_frame("count")
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table.share.cumsum()
    return table.sort_values("count", ascending=False)


# %% test="pareto" points=3 tracks="analyst"
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

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（4 分）：培训前后的无录像率
#
# 编写函数 `before_after(sales, staff, products, training_date)`。只看**须双录**的销售（`channel` 为 `"branch"` 且产品 `type` 不是 `"deposit"`），计算 `recording_id` 为空的比例，按两个维度分组：
#
# - 员工组：`staff.trained_on` 不为空的员工属于 `"trained"` 组，其余属于 `"untrained"` 组（分组固定，与销售日期无关）；
# - 时期：`sold_at` 早于 `training_date` 为 `"before"`，当天及以后为 `"after"`。
#
# 返回一个 2×2 的 `DataFrame`：索引依次为 `"trained"`、`"untrained"`，列依次为 `"before"`、`"after"`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (4 points): the unrecorded rate before and after training
#
# Write `before_after(sales, staff, products, training_date)`. Looking only at sales that **must be recorded** (`channel` is `"branch"` and the product `type` is not `"deposit"`), work out the share whose `recording_id` is empty, split two ways:
#
# - staff group: employees whose `staff.trained_on` is not empty are in the `"trained"` group, all others in `"untrained"` (the group is fixed and does not depend on the sale date);
# - period: `sold_at` before `training_date` is `"before"`, on or after it is `"after"`.
#
# Return a 2×2 `DataFrame` with the index `"trained"`, `"untrained"` and the columns `"before"`, `"after"`, in that order.

# %% solution="before-after" tracks="analyst"
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


# %% mistake="before-after" name="all-sales-denominator" tracks="analyst"
def before_after(sales, staff, products, training_date):
    trained = sales.staff_id.map(staff.set_index("staff_id").trained_on.notna())
    group = trained.map({True: "trained", False: "untrained"})
    period = (sales.sold_at >= training_date).map({True: "after", False: "before"})
    table = sales.recording_id.isna().groupby([group, period]).mean().unstack()
    return table.reindex(index=["trained", "untrained"], columns=["before", "after"])


# %% mistake="before-after" name="status-at-sale-time" tracks="analyst"
def before_after(sales, staff, products, training_date):
    must = sales.channel.eq("branch") & sales.product_id.map(products.set_index("product_id")["type"]).ne("deposit")
    rows = sales[must]
    trained = rows.staff_id.map(staff.set_index("staff_id").trained_on) <= rows.sold_at
    group = trained.map({True: "trained", False: "untrained"})
    period = (rows.sold_at >= training_date).map({True: "after", False: "before"})
    table = rows.recording_id.isna().groupby([group, period]).mean().unstack()
    return table.reindex(index=["trained", "untrained"], columns=["before", "after"])


# %% test="before-after" points=4 tracks="analyst"
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

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：双重差分
#
# 编写函数 `diff_in_diff(table)`。`table` 是第 2 题格式的表格。返回培训组的变化减去未培训组的变化：
#
# （trained 的 after − trained 的 before）−（untrained 的 after − untrained 的 before）
#
# 返回一个数（`float`）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): difference in differences
#
# Write `diff_in_diff(table)`. `table` has the format of question 2. Return the trained group's change minus the untrained group's change:
#
# (trained after − trained before) − (untrained after − untrained before)
#
# Return a number (a `float`).

# %% solution="did" tracks="analyst"
def diff_in_diff(table):
    ### BEGIN SOLUTION
    change = table["after"] - table["before"]
    return float(change["trained"] - change["untrained"])
    ### END SOLUTION


# %% mistake="did" name="trained-change-only" tracks="analyst"
def diff_in_diff(table):
    return float(table.loc["trained", "after"] - table.loc["trained", "before"])


# %% mistake="did" name="after-gap-only" tracks="analyst"
def diff_in_diff(table):
    return float(table.loc["trained", "after"] - table.loc["untrained", "after"])


# %% test="did" points=2 tracks="analyst"
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

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它按类别统计了金禾银行的客户投诉，分别列出全部投诉件数和其中**成立**的件数，并按成立件数从多到少排列，算出累计占比。找根本原因时只看成立的投诉：不成立的投诉说明客户有疑问，但不说明银行做错了。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you: it counts Jinhe Bank's customer complaints by category, showing all complaints and the ones **upheld**, sorted by upheld complaints from most to fewest, with the cumulative share. Root-cause work looks only at upheld complaints: one not upheld shows a customer had a concern, not that the bank did something wrong.

# %% tracks="frontline"
upheld = complaints[complaints.upheld].category.value_counts()
table = pd.DataFrame({"all": complaints.category.value_counts(), "upheld": upheld}).loc[upheld.index]
table["cumulative"] = (table.upheld.cumsum() / table.upheld.sum() * 100).round(1)
table.index = table.index.map({"fees": "费用", "mis_selling": "销售误导", "service": "服务", "recording": "双录", "other": "其他", "refund": "退款"})  # [zh]
table.index = table.index.map({"fees": "Fees", "mis_selling": "Mis-selling", "service": "Service", "recording": "Recording", "other": "Other", "refund": "Refund"})  # [en]
table.columns = ["全部投诉（件）", "其中成立（件）", "成立投诉的累计占比（%）"]  # [zh]
table.columns = ["All complaints", "of which upheld", "Cumulative share of upheld (%)"]  # [en]
table.rename_axis("投诉类别")  # [zh]
table.rename_axis("Category")  # [en]

# %% question="upheld-count"

# %% question="higher-return"

# %% question="benchmark"

# %% question="consumer-rights"

# %% question="training-evidence"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 帕累托分析显示，"费用"是成立投诉最多的类别。请用一轮 PDCA（计划—执行—检查—处理）说明你会如何减少这类投诉：
# 你会怎样找根本原因、采取什么措施（至少包括一项面向客户的教育措施和一项面向员工的措施），用什么指标、怎样比较来检查效果，检查之后怎么处理。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# The Pareto analysis shows that fees are the largest category of upheld complaints. Describe one PDCA round (plan, do, check, act) to reduce these complaints:
# how you would find the root cause, what you would change (at least one customer-education measure and one staff measure), which measure and which comparison you would use to check the effect, and what you would do after the check. (100–200 words)

# %% [markdown] written="pdca-plan" points=4
# YOUR ANSWER HERE
