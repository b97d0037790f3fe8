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
# # 模块 8 练习：客户分层、客户反馈与投诉处理
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 8 exercise: Customer tiering, feedback and complaint handling
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 8 练习：客户分层、客户反馈与投诉处理
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 8 exercise: Customer tiering, feedback and complaint handling
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
customers, complaints = bank.customers, bank.complaints

# Days allowed to close a complaint, counted from the date received.
DEADLINE_DAYS = {"simple": 15, "complex": 30, "especially_complex": 60}

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：按资产给客户分层
#
# 金禾银行打算把大众客户再细分，采用四个层级：
#
# | 层级 | 资产下限（元） |
# |---|---|
# | `mass`（大众） | 0 |
# | `gold`（金卡） | 100,000 |
# | `wealth`（财富） | 500,000 |
# | `private`（私人银行） | 6,000,000 |
#
# 每个层级**包含**自己的下限，**不包含**下一个层级的下限；最高层级没有上限。
#
# 编写函数 `assign_tiers(customers, bands)`。`bands` 是一个字典，按下限从低到高列出各层级名称和资产下限，例如上表就是
# `{"mass": 0, "gold": 100_000, "wealth": 500_000, "private": 6_000_000}`。函数根据 `customers.assets_cny` 返回每位客户的层级名称：
# 一个以 `customer_id` 为索引的 `Series`，值为层级名称。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): tier customers by assets
#
# Jinhe Bank plans to split its mass customers further and use four tiers:
#
# | tier | lower bound of assets (CNY) |
# |---|---|
# | `mass` | 0 |
# | `gold` | 100,000 |
# | `wealth` | 500,000 |
# | `private` | 6,000,000 |
#
# Each tier **includes** its own lower bound and **excludes** the next tier's lower bound; the top tier has no upper end.
#
# Write `assign_tiers(customers, bands)`. `bands` is a dict listing tier names and their lower bounds from lowest to highest; the table above is
# `{"mass": 0, "gold": 100_000, "wealth": 500_000, "private": 6_000_000}`. From `customers.assets_cny`, return each customer's tier name:
# a `Series` indexed by `customer_id` whose values are tier names.

# %% solution="tiers" tracks="analyst"
def assign_tiers(customers, bands):
    ### BEGIN SOLUTION
    edges = [*bands.values(), float("inf")]
    tiers = pd.cut(customers.assets_cny, edges, labels=list(bands), right=False)
    return pd.Series(tiers.astype(str).to_numpy(), index=customers.customer_id)
    ### END SOLUTION


# %% mistake="tiers" name="upper-bound-included" tracks="analyst"
def assign_tiers(customers, bands):
    edges = [*bands.values(), float("inf")]
    tiers = pd.cut(customers.assets_cny, edges, labels=list(bands))
    return pd.Series(tiers.astype(str).to_numpy(), index=customers.customer_id)


# %% mistake="tiers" name="top-tier-left-open" tracks="analyst"
def assign_tiers(customers, bands):
    edges = list(bands.values())
    tiers = pd.cut(customers.assets_cny, edges, labels=list(bands)[:-1], right=False)
    return pd.Series(tiers.astype(str).to_numpy(), index=customers.customer_id)


# %% tracks="analyst" test="tiers" points=3
toy = pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e"], "assets_cny": [99_900.0, 100_000.0, 500_000.0, 2_000_000.0, 6_000_000.0]})
toy_bands = {"mass": 0, "gold": 100_000, "wealth": 500_000, "private": 6_000_000}
result = assign_tiers(toy, toy_bands)
assert list(result.index) == ["a", "b", "c", "d", "e"], "结果应以 customer_id 为索引"  # [zh]
assert list(result.index) == ["a", "b", "c", "d", "e"], "index the result by customer_id"  # [en]
assert dict(result) == {"a": "mass", "b": "gold", "c": "wealth", "d": "wealth", "e": "private"}, "层级包含下限：100,000 属于 gold，6,000,000 属于 private"  # [zh]
assert dict(result) == {"a": "mass", "b": "gold", "c": "wealth", "d": "wealth", "e": "private"}, "a tier includes its lower bound: 100,000 is gold, 6,000,000 is private"  # [en]
### BEGIN HIDDEN TESTS
import numpy as np

assets = customers.assets_cny.to_numpy()
expected = np.select([assets >= 6_000_000, assets >= 500_000, assets >= 100_000], ["private", "wealth", "gold"], "mass")
assert dict(assign_tiers(customers, toy_bands)) == dict(zip(customers.customer_id, expected))
current = assign_tiers(customers, {"mass": 0, "affluent": 500_000, "private": 6_000_000})
assert dict(current) == dict(zip(customers.customer_id, customers.tier))
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（4 分）：超期的投诉
#
# 每件投诉的截止日期是受理日期 `received_at` 加上其复杂程度 `complexity` 对应的天数（见 `DEADLINE_DAYS`：一般 15 天，复杂 30 天，特别复杂 60 天）。
# 截止日当天办结是按时的。
#
# 编写函数 `late_complaints(complaints, as_of)`，返回以下两类投诉（`complaints` 的行，保留原有列）：
#
# 1. 已办结，但办结日期 `closed_at` **晚于**截止日期；
# 2. 截至 `as_of` 仍未办结（`closed_at` 为空），而 `as_of` 已经**晚于**截止日期。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (4 points): late complaints
#
# A complaint's due date is its date received, `received_at`, plus the days allowed for its `complexity` (see `DEADLINE_DAYS`: 15 days for simple, 30 for complex, 60 for especially complex).
# Closing on the due date is on time.
#
# Write `late_complaints(complaints, as_of)`, returning both kinds of late complaint (rows of `complaints`, with its columns):
#
# 1. closed, with a closing date `closed_at` **after** the due date;
# 2. still open on `as_of` (`closed_at` is empty) while `as_of` is already **after** the due date.

# %% solution="late" tracks="analyst"
def late_complaints(complaints, as_of):
    ### BEGIN SOLUTION
    due = complaints.received_at + pd.to_timedelta(complaints.complexity.map(DEADLINE_DAYS), unit="D")
    closed_late = complaints.closed_at > due
    open_overdue = complaints.closed_at.isna() & (as_of > due)
    return complaints[closed_late | open_overdue]
    ### END SOLUTION


# %% mistake="late" name="closed-only" tracks="analyst"
def late_complaints(complaints, as_of):
    due = complaints.received_at + pd.to_timedelta(complaints.complexity.map(DEADLINE_DAYS), unit="D")
    return complaints[complaints.closed_at > due]


# %% mistake="late" name="due-date-counts-as-late" tracks="analyst"
def late_complaints(complaints, as_of):
    due = complaints.received_at + pd.to_timedelta(complaints.complexity.map(DEADLINE_DAYS), unit="D")
    closed_late = complaints.closed_at >= due
    open_overdue = complaints.closed_at.isna() & (as_of >= due)
    return complaints[closed_late | open_overdue]


# %% mistake="late" name="fifteen-days-for-all" tracks="analyst"
def late_complaints(complaints, as_of):
    due = complaints.received_at + pd.Timedelta(days=15)
    closed_late = complaints.closed_at > due
    open_overdue = complaints.closed_at.isna() & (as_of > due)
    return complaints[closed_late | open_overdue]


# %% tracks="analyst" test="late" points=4
toy = pd.DataFrame({
    "complaint_id": ["a", "b", "c", "d", "e", "f"],
    "received_at": pd.to_datetime(["2025-06-01", "2025-06-01", "2025-05-01", "2025-04-01", "2025-06-01", "2025-06-10"]),
    "complexity": ["simple", "simple", "complex", "especially_complex", "simple", "complex"],
    "closed_at": pd.to_datetime(["2025-06-16", "2025-06-17", "2025-05-25", "2025-05-20", None, None]),
})
result = late_complaints(toy, pd.Timestamp("2025-06-30"))
assert list(result.columns) == list(toy.columns), "应返回 complaints 的行，并保留原有列"  # [zh]
assert list(result.columns) == list(toy.columns), "return rows of complaints with its columns"  # [en]
assert sorted(result.complaint_id) == ["b", "e"], "b 晚了一天办结；e 是一般投诉，受理 29 天后仍未办结"  # [zh]
assert sorted(result.complaint_id) == ["b", "e"], "b closed a day late; e is still open 29 days after a simple complaint was received"  # [en]
### BEGIN HIDDEN TESTS
days = {"simple": 15, "complex": 30, "especially_complex": 60}
rows = []
for row in complaints.itertuples():
    due = row.received_at + pd.Timedelta(days=days[row.complexity])
    if (pd.notna(row.closed_at) and row.closed_at > due) or (pd.isna(row.closed_at) and bankdata.AS_OF > due):
        rows.append(row.complaint_id)
assert sorted(late_complaints(complaints, bankdata.AS_OF).complaint_id) == sorted(rows)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它按支行统计了金禾银行的投诉，以及截至 2025 年 6 月 30 日的两类超期投诉：**超期办结**的（办结日期晚于截止日期），和**超期仍未办结**的（已过截止日期，至今没有办结）。截止日期是受理日期加上按复杂程度确定的天数：一般 15 天，复杂 30 天，特别复杂 60 天；截止日当天办结算按时。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. It counts, branch by branch, Jinhe Bank's complaints and the two kinds of late complaint on 30 June 2025: those **closed late** (closed after the due date) and those **still open past the due date**. The due date is the date received plus the days allowed for the complaint's complexity: 15 for simple, 30 for complex, 60 for especially complex; closing on the due date is on time.

# %% tracks="frontline"
due = complaints.received_at + pd.to_timedelta(complaints.complexity.map(DEADLINE_DAYS), unit="D")
branch = complaints.customer_id.map(customers.set_index("customer_id").branch_id)
table = pd.DataFrame({
    "complaints": complaints.groupby(branch).size(),
    "closed_late": (complaints.closed_at > due).groupby(branch).sum(),
    "open_overdue": (complaints.closed_at.isna() & (bankdata.AS_OF > due)).groupby(branch).sum(),
})
table.index = table.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
table.index = table.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
table.columns = ["投诉件数", "超期办结（件）", "超期仍未办结（件）"]  # [zh]
table.columns = ["Complaints", "Closed late", "Still open past due"]  # [en]
table.rename_axis("支行")  # [zh]
table.rename_axis("Branch")  # [en]

# %% question="late-count"

# %% question="complaint-deadline"

# %% question="equal-complaints"

# %% question="call-list"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 本季度，你所在支行的回访只打给了富裕和私人银行客户。同期，有三位大众客户投诉说，客户经理向他们推荐同一只 R4 基金时说"这个不会亏"。
# 支行行长在例会上说："大众客户贡献小，以后回访和满意度调查就不做了；他们的投诉发个标准回复函就结了，时限晚几天问题不大。"
# 你会怎么回应？请说明大众客户应得到怎样的对待、这三件投诉应如何处理、回访应如何安排，并引用相关规则。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# This quarter your branch made follow-up calls only to affluent and private banking customers. In the same period, three mass customers complained that a relationship manager told them the same R4 fund "can't lose".
# At the team meeting the branch manager says: "Mass customers bring in little. Let's stop calling and surveying them; close their complaints with a standard letter, and a few days over the deadline doesn't matter."
# How do you respond? Say how mass customers should be treated, how the three complaints should be handled and how follow-up calls should be planned, and cite the relevant rules. (100–200 words)

# %% [markdown] written="fair-service" points=4
# YOUR ANSWER HERE
