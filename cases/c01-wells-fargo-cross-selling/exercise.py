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
# # 案例 1 练习：富国银行交叉销售丑闻
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case 1 exercise: Wells Fargo cross-selling
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 1 练习：富国银行交叉销售丑闻
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case 1 exercise: Wells Fargo cross-selling
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy.casedata import wells_fargo_cross_selling as case

data = case.load(seed=7)
accounts, targets = data["accounts"], data["targets"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：找出休眠账户
#
# 编写函数 `dormant(accounts)`，返回一个与 `accounts` 索引相同的布尔 `Series`：开户后 **90 天内（含第 90 天）**既没有入金（`funded_on`）、
# 也没有客户本人使用（`first_used_on`）的账户为 `True`。两个日期列为空表示该事件从未发生。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): find the dormant accounts
#
# Write `dormant(accounts)`, returning a boolean `Series` with the index of `accounts`: `True` for an account that within **90 days of opening (day 90 included)**
# was neither funded (`funded_on`) nor used by the customer (`first_used_on`). An empty date means the event never happened.

# %% solution="dormant" tracks="analyst"
def dormant(accounts):
    ### BEGIN SOLUTION
    window = pd.Timedelta(days=90)
    funded = (accounts.funded_on - accounts.opened_on) <= window
    used = (accounts.first_used_on - accounts.opened_on) <= window
    return ~(funded | used)
    ### END SOLUTION


# %% mistake="dormant" name="funding-only" tracks="analyst"
def dormant(accounts):
    window = pd.Timedelta(days=90)
    return ~((accounts.funded_on - accounts.opened_on) <= window)


# %% mistake="dormant" name="never-instead-of-90-days" tracks="analyst"
def dormant(accounts):
    return accounts.funded_on.isna() & accounts.first_used_on.isna()


# %% tracks="analyst" test="dormant" points=3
toy = pd.DataFrame({
    "account_id": list("abcde"),
    "product": ["savings_account", "current_account", "savings_account", "debit_card", "credit_card"],
    "opened_on": pd.to_datetime(["2025-01-01"] * 5),
    "funded_on": pd.to_datetime(["2025-01-11", None, "2025-04-02", None, None]),
    "first_used_on": pd.to_datetime([None, "2025-04-01", None, None, "2025-01-06"]),
})
result = dormant(toy)
assert list(result.index) == list(toy.index), "返回与 accounts 索引相同的 Series"  # [zh]
assert list(result.index) == list(toy.index), "return a Series with the index of accounts"  # [en]
assert list(result) == [False, False, True, True, False], "b 在第 90 天使用（不休眠），c 在第 91 天才入金（休眠），e 是已使用的信用卡"  # [zh]
assert list(result) == [False, False, True, True, False], "b is used on day 90 (not dormant), c is funded only on day 91 (dormant), e is a credit card in use"  # [en]
### BEGIN HIDDEN TESTS
opened = accounts.opened_on.to_numpy()
limit = opened + pd.Timedelta(days=90).to_timedelta64()
active = (accounts.funded_on.notna().to_numpy() & (accounts.funded_on.to_numpy() <= limit)) | (
    accounts.first_used_on.notna().to_numpy() & (accounts.first_used_on.to_numpy() <= limit)
)
assert list(dormant(accounts)) == list(~active)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：月末三天与其余日子的休眠率
#
# 编写函数 `dormant_rate_by_timing(accounts, is_dormant)`：`is_dormant` 是与 `accounts` 索引相同的布尔 `Series`（例如上一题的结果）。
# 把账户分成两组——开户日是当月**最后三个自然日**的账户（`"last_3_days"`），以及其余账户（`"rest_of_month"`）——返回一个以这两个名称为索引的 `Series`，值为各组中休眠账户的占比。
# 注意各月天数不同：2 月的最后三天和 1 月的最后三天不是同样的日期。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): dormant rate in the last three days and the rest of the month
#
# Write `dormant_rate_by_timing(accounts, is_dormant)`, where `is_dormant` is a boolean `Series` with the index of `accounts` (such as your answer to the previous question).
# Split the accounts in two groups, those opened on one of the **last three calendar days** of their month (`"last_3_days"`) and all others (`"rest_of_month"`), and return a `Series` indexed by these two names holding each group's share of dormant accounts.
# Months differ in length: the last three days of February are not the same dates as those of January.

# %% solution="timing" tracks="analyst"
def dormant_rate_by_timing(accounts, is_dormant):
    ### BEGIN SOLUTION
    days_left = accounts.opened_on.dt.days_in_month - accounts.opened_on.dt.day
    month_end = days_left < 3
    return pd.Series({"last_3_days": is_dormant[month_end].mean(), "rest_of_month": is_dormant[~month_end].mean()})
    ### END SOLUTION


# %% mistake="timing" name="day-28-or-later" tracks="analyst"
def dormant_rate_by_timing(accounts, is_dormant):
    month_end = accounts.opened_on.dt.day >= 28
    return pd.Series({"last_3_days": is_dormant[month_end].mean(), "rest_of_month": is_dormant[~month_end].mean()})


# %% mistake="timing" name="four-days" tracks="analyst"
def dormant_rate_by_timing(accounts, is_dormant):
    days_left = accounts.opened_on.dt.days_in_month - accounts.opened_on.dt.day
    month_end = days_left <= 3
    return pd.Series({"last_3_days": is_dormant[month_end].mean(), "rest_of_month": is_dormant[~month_end].mean()})


# %% tracks="analyst" test="timing" points=3
toy = pd.DataFrame({"opened_on": pd.to_datetime(["2025-01-29", "2025-01-28", "2025-02-26", "2025-02-25", "2024-02-27", "2025-04-10"])})
toy_dormant = pd.Series([True, False, True, False, False, True])
rates = dormant_rate_by_timing(toy, toy_dormant)
assert sorted(rates.index) == ["last_3_days", "rest_of_month"], '索引应为 "last_3_days" 和 "rest_of_month"'  # [zh]
assert sorted(rates.index) == ["last_3_days", "rest_of_month"], 'the index must be "last_3_days" and "rest_of_month"'  # [en]
assert abs(rates["last_3_days"] - 2 / 3) < 1e-9, "月末三天是 1 月 29 日、2025 年 2 月 26 日和 2024 年 2 月 27 日（闰年），其中两个休眠"  # [zh]
assert abs(rates["last_3_days"] - 2 / 3) < 1e-9, "the month-end accounts are 29 Jan, 26 Feb 2025 and 27 Feb 2024 (a leap year); two of them are dormant"  # [en]
assert abs(rates["rest_of_month"] - 1 / 3) < 1e-9, "其余三个账户中一个休眠"  # [zh]
assert abs(rates["rest_of_month"] - 1 / 3) < 1e-9, "one of the other three accounts is dormant"  # [en]
### BEGIN HIDDEN TESTS
window = pd.Timedelta(days=90)
truth = ~(((accounts.funded_on - accounts.opened_on) <= window) | ((accounts.first_used_on - accounts.opened_on) <= window))
last_day = accounts.opened_on + pd.offsets.MonthEnd(0)
in_last_three = (last_day - accounts.opened_on).dt.days <= 2
got = dormant_rate_by_timing(accounts, truth)
assert abs(got["last_3_days"] - truth[in_last_three].sum() / in_last_three.sum()) < 1e-9
assert abs(got["rest_of_month"] - truth[~in_last_three].sum() / (~in_last_three).sum()) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：月度目标完成率
#
# 编写函数 `monthly_attainment(accounts, targets)`：返回 `targets` 的全部行（顺序不变，保留原有列），并增加两列：
# `opened` 为该员工在该月（`targets.month`，格式 `"YYYY-MM"`）开立的账户数，`attainment` 为 `opened / target_accounts`。
# 某月一个账户也没开的员工，`opened` 为 0、`attainment` 为 0.0。
#
# 提示：数据跨越 2024 年和 2025 年，两年都有 1 月到 3 月。完成后，你可以试着把 `accounts[~dormant(accounts)]` 传进去，看看按"90 天使用"口径重算的完成率。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): monthly target attainment
#
# Write `monthly_attainment(accounts, targets)`, returning every row of `targets` (same order, same columns) with two new columns:
# `opened`, the number of accounts the employee opened in that month (`targets.month`, as `"YYYY-MM"`), and `attainment`, that is `opened / target_accounts`.
# An employee who opened no account in a month gets `opened` 0 and `attainment` 0.0.
#
# Hint: the data spans 2024 and 2025, and both years have a January to March. Once it works, try passing `accounts[~dormant(accounts)]` to see attainment under the "used within 90 days" yardstick.

# %% solution="attainment" tracks="analyst"
def monthly_attainment(accounts, targets):
    ### BEGIN SOLUTION
    month = accounts.opened_on.dt.strftime("%Y-%m")
    counts = accounts.groupby([accounts.staff_id, month]).size()
    result = targets.copy()
    keys = pd.MultiIndex.from_arrays([targets.staff_id, targets.month])
    result["opened"] = counts.reindex(keys, fill_value=0).to_numpy()
    result["attainment"] = result.opened / result.target_accounts
    return result
    ### END SOLUTION


# %% mistake="attainment" name="month-number-only" tracks="analyst"
def monthly_attainment(accounts, targets):
    counts = accounts.groupby([accounts.staff_id, accounts.opened_on.dt.month]).size()
    result = targets.copy()
    keys = pd.MultiIndex.from_arrays([targets.staff_id, targets.month.str[5:].astype(int)])
    result["opened"] = counts.reindex(keys, fill_value=0).to_numpy()
    result["attainment"] = result.opened / result.target_accounts
    return result


# %% mistake="attainment" name="drops-empty-months" tracks="analyst"
def monthly_attainment(accounts, targets):
    month = accounts.opened_on.dt.strftime("%Y-%m").rename("month")
    counts = accounts.groupby([accounts.staff_id, month]).size().rename("opened").reset_index()
    result = targets.merge(counts, on=["staff_id", "month"])
    result["attainment"] = result.opened / result.target_accounts
    return result


# %% tracks="analyst" test="attainment" points=3
toy_targets = pd.DataFrame({"staff_id": ["x", "x", "y"], "month": ["2024-01", "2025-01", "2024-01"], "target_accounts": [10, 10, 5]})
toy_accounts = pd.DataFrame({"staff_id": ["x", "x", "x", "x"], "opened_on": pd.to_datetime(["2024-01-03", "2024-01-30", "2024-01-31", "2025-01-15"])})
result = monthly_attainment(toy_accounts, toy_targets)
assert len(result) == 3, "每个员工每月一行：y 在 2024-01 一个账户也没开，也要保留"  # [zh]
assert len(result) == 3, "one row per employee and month: keep y in 2024-01 even though y opened nothing"  # [en]
assert list(result.opened) == [3, 1, 0], "x 在 2024-01 开了 3 户，在 2025-01 开了 1 户；两个 1 月要分开"  # [zh]
assert list(result.opened) == [3, 1, 0], "x opened 3 accounts in 2024-01 and 1 in 2025-01: keep the two Januaries apart"  # [en]
assert [round(a, 3) for a in result.attainment] == [0.3, 0.1, 0.0], "attainment 应等于 opened / target_accounts"  # [zh]
assert [round(a, 3) for a in result.attainment] == [0.3, 0.1, 0.0], "attainment must equal opened / target_accounts"  # [en]
### BEGIN HIDDEN TESTS
expected = {}
for staff_id, opened_on in zip(accounts.staff_id, accounts.opened_on):
    key = (staff_id, f"{opened_on.year:04d}-{opened_on.month:02d}")
    expected[key] = expected.get(key, 0) + 1
got = monthly_attainment(accounts, targets)
assert list(got.staff_id) == list(targets.staff_id) and list(got.month) == list(targets.month)
assert list(got.opened) == [expected.get((s, m), 0) for s, m in zip(targets.staff_id, targets.month)]
assert all(abs(a - expected.get((s, m), 0) / t) < 1e-9 for s, m, t, a in zip(got.staff_id, got.month, got.target_accounts, got.attainment))
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据：月末三天开立的账户
#
# 下面的分析已经替你运行好。它按支行统计了 2024 年 1 月至 2025 年 3 月间，在每月**最后三天**开立的账户和其余日子开立的账户，以及其中的**休眠账户**：开户后 90 天内（含第 90 天）既没有入金、也没有客户本人使用的账户。信用卡和借记卡不会入金，只看是否使用。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data: accounts opened in the last three days of the month
#
# The analysis below has been run for you. For each branch, it counts the accounts opened from January 2024 to March 2025 in the **last three days** of a month and on the other days, and the **dormant** accounts among them: accounts that within 90 days of opening (day 90 included) were neither funded nor used by the customer. Credit and debit cards are never funded, so for them only use counts.

# %% tracks="frontline"
from salesacademy import bankdata

window = pd.Timedelta(days=case.ACTIVITY_WINDOW_DAYS)
is_dormant = ~(((accounts.funded_on - accounts.opened_on) <= window) | ((accounts.first_used_on - accounts.opened_on) <= window))
month_end = (accounts.opened_on.dt.days_in_month - accounts.opened_on.dt.day) < case.MONTH_END_DAYS
by_branch = pd.DataFrame({
    "month_end": month_end.groupby(accounts.branch_id).sum(),
    "month_end_dormant": (month_end & is_dormant).groupby(accounts.branch_id).sum(),
    "rest": (~month_end).groupby(accounts.branch_id).sum(),
    "rest_dormant": (~month_end & is_dormant).groupby(accounts.branch_id).sum(),
})
by_branch["month_end_rate"] = (by_branch.month_end_dormant / by_branch.month_end * 100).round(0).astype(int).astype(str) + "%"
by_branch["rest_rate"] = (by_branch.rest_dormant / by_branch.rest * 100).round(0).astype(int).astype(str) + "%"
by_branch = by_branch[["month_end", "month_end_dormant", "month_end_rate", "rest", "rest_dormant", "rest_rate"]].sort_values("month_end_dormant", ascending=False)
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["月末三天：开户数", "月末三天：其中休眠", "月末三天：休眠率", "其余日子：开户数", "其余日子：其中休眠", "其余日子：休眠率"]  # [zh]
by_branch.columns = ["Last three days: opened", "Last three days: dormant", "Last three days: dormant rate", "Other days: opened", "Other days: dormant", "Other days: dormant rate"]  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="month-end-dormant"

# %% question="dormant-at-90-days"

# %% question="earliest-warning"

# %% question="unrequested-account"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你刚调任金禾银行一家支行的行长。上任第一周，你在报表中看到：上个月，你的一名柜员在最后三天开了 11 个账户，其中 10 个 90 天内既未入金也未使用；
# 而在月末三天之前，她只完成了目标的 60%。同一天，分行通知下季度开户目标再上调 10%。
#
# 你认为问题的根源是什么？哪些控制措施本可以及早发现？你在这个位置上会做什么（对客户、对这名员工、对上级）？（200–350 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You have just taken over as manager of a Jinhe Bank branch. In your first week the report shows that last month one of your tellers opened 11 accounts in the last three days, 10 of which were neither funded nor used within 90 days;
# before those last three days she had reached only 60% of her target. The same day, the regional office announces that next quarter's account target goes up by another 10%.
#
# What do you think is the root cause? Which controls would have caught it early? What do you do in this seat, for the customers, for the employee and with your superiors? (120–200 words)

# %% [markdown] written="manager-seat" points=4
# YOUR ANSWER HERE
