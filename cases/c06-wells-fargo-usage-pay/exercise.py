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
# # 案例 c06 练习：从"开了多少户"到"用了多少户"——富国银行的激励改革
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case c06 exercise: From accounts opened to accounts used, Wells Fargo's incentive reform
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 c06 练习：从"开了多少户"到"用了多少户"——富国银行的激励改革
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case c06 exercise: From accounts opened to accounts used, Wells Fargo's incentive reform
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import wells_fargo_usage_pay

tables = wells_fargo_usage_pay.load(seed=7)
accounts, complaints = tables["accounts"], tables["complaints"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：90 天时仍未入资的账户
#
# 编写函数 `unfunded_share_by_plan(accounts)`，按激励方案（`plan`）计算开户 90 天时**仍未入资**的账户占该方案开户数的比例，返回以方案为索引的 `Series`。
# "90 天时仍未入资"是指：`first_funded_on` 为空，**或者**晚于 `opened_on` 加 90 天。恰好在第 90 天入资的账户算作已入资。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): accounts still unfunded at day 90
#
# Write `unfunded_share_by_plan(accounts)`, computing for each incentive plan (`plan`) the share of its accounts that were **still unfunded** 90 days after opening. Return a `Series` indexed by plan.
# "Still unfunded at day 90" means `first_funded_on` is empty **or** later than `opened_on` plus 90 days. An account funded exactly on day 90 counts as funded.

# %% solution="unfunded" tracks="analyst"
def unfunded_share_by_plan(accounts):
    ### BEGIN SOLUTION
    deadline = accounts.opened_on + pd.Timedelta(days=90)
    unfunded = accounts.first_funded_on.isna() | (accounts.first_funded_on > deadline)
    return unfunded.groupby(accounts.plan).mean()
    ### END SOLUTION


# %% mistake="unfunded" name="only-never-funded" tracks="analyst"
def unfunded_share_by_plan(accounts):
    unfunded = accounts.first_funded_on.isna()
    return unfunded.groupby(accounts.plan).mean()


# %% mistake="unfunded" name="share-of-all-accounts" tracks="analyst"
def unfunded_share_by_plan(accounts):
    deadline = accounts.opened_on + pd.Timedelta(days=90)
    unfunded = accounts.first_funded_on.isna() | (accounts.first_funded_on > deadline)
    return unfunded.groupby(accounts.plan).sum() / len(accounts)


# %% tracks="analyst" test="unfunded" points=3
toy = pd.DataFrame({
    "account_id": list("abcdef"),
    "plan": ["sales_goal"] * 4 + ["usage"] * 2,
    "opened_on": pd.to_datetime(["2024-01-01"] * 4 + ["2024-08-01"] * 2),
    "first_funded_on": pd.to_datetime(["2024-01-05", None, "2024-05-01", "2024-03-31", "2024-08-02", None]),
})
shares = unfunded_share_by_plan(toy)
assert sorted(shares.index) == ["sales_goal", "usage"], "每个方案一行"  # [zh]
assert sorted(shares.index) == ["sales_goal", "usage"], "one row per plan"  # [en]
assert abs(shares["sales_goal"] - 0.5) < 1e-9, "旧方案 4 户中 b（从未入资）和 c（第 121 天才入资）未入资；d 恰好在第 90 天入资，算已入资"  # [zh]
assert abs(shares["sales_goal"] - 0.5) < 1e-9, "of 4 old-plan accounts, b (never funded) and c (funded on day 121) are unfunded; d, funded on day 90, counts as funded"  # [en]
assert abs(shares["usage"] - 0.5) < 1e-9, "新方案 2 户中 f 从未入资：比例按该方案自己的开户数计算"  # [zh]
assert abs(shares["usage"] - 0.5) < 1e-9, "of 2 new-plan accounts, f was never funded: divide by the plan's own openings"  # [en]
### BEGIN HIDDEN TESTS
days_to_fund = (accounts.first_funded_on - accounts.opened_on).dt.days
late = days_to_fund.isna() | (days_to_fund > 90)
expected = {plan: late[accounts.plan == plan].sum() / (accounts.plan == plan).sum() for plan in ["sales_goal", "usage"]}
got = unfunded_share_by_plan(accounts)
assert sorted(got.index) == ["sales_goal", "usage"]
assert all(abs(float(got[plan]) - value) < 1e-9 for plan, value in expected.items())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：按新方案计算业绩
#
# 编写函数 `usage_credits(accounts, as_of)`，计算截至 `as_of` 这一天、每名员工在**新方案**下可以计入业绩的账户数。一个账户计入业绩，须同时满足：
#
# - `plan` 为 `"usage"`；
# - 到 `as_of` 时已满 90 天（`opened_on` 加 90 天不晚于 `as_of`）；
# - 客户在开户后 90 天内至少交易一次（`transactions_90d` 至少为 1）。
#
# 返回以 `staff_id` 为索引的 `Series`（账户数）；没有可计入账户的员工不必出现。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): credit under the new plan
#
# Write `usage_credits(accounts, as_of)`, counting for each employee the accounts that earn credit under the **new plan** as of the day `as_of`. An account earns credit when all of these hold:
#
# - `plan` is `"usage"`;
# - it is at least 90 days old on `as_of` (`opened_on` plus 90 days is no later than `as_of`);
# - the customer made at least one transaction in its first 90 days (`transactions_90d` is at least 1).
#
# Return a `Series` of counts indexed by `staff_id`; employees with no such account need not appear.

# %% solution="credits" tracks="analyst"
def usage_credits(accounts, as_of):
    ### BEGIN SOLUTION
    mature = accounts.opened_on + pd.Timedelta(days=90) <= as_of
    earns = (accounts.plan == "usage") & mature & (accounts.transactions_90d >= 1)
    return accounts[earns].groupby("staff_id").size()
    ### END SOLUTION


# %% mistake="credits" name="counts-before-90-days" tracks="analyst"
def usage_credits(accounts, as_of):
    earns = (accounts.plan == "usage") & (accounts.transactions_90d >= 1)
    return accounts[earns].groupby("staff_id").size()


# %% mistake="credits" name="counts-openings-not-use" tracks="analyst"
def usage_credits(accounts, as_of):
    mature = accounts.opened_on + pd.Timedelta(days=90) <= as_of
    earns = (accounts.plan == "usage") & mature
    return accounts[earns].groupby("staff_id").size()


# %% tracks="analyst" test="credits" points=3
toy = pd.DataFrame({
    "account_id": list("abcde"),
    "staff_id": ["Z1", "Z1", "Z2", "Z2", "Z2"],
    "plan": ["usage", "usage", "usage", "sales_goal", "usage"],
    "opened_on": pd.to_datetime(["2024-08-01", "2024-11-15", "2024-09-01", "2024-05-01", "2024-10-02"]),
    "transactions_90d": [5, 3, 0, 4, 1],
})
credits = usage_credits(toy, pd.Timestamp("2024-12-31"))
assert {k: int(v) for k, v in credits.items()} == {"Z1": 1, "Z2": 1}, (  # [zh]
    "Z1：a 计入，b 还不满 90 天；Z2：e 恰好满 90 天且有交易，c 没有交易，d 属于旧方案")  # [zh]
assert {k: int(v) for k, v in credits.items()} == {"Z1": 1, "Z2": 1}, (  # [en]
    "Z1: a counts, b is not yet 90 days old; Z2: e is exactly 90 days old and used, c was never used, d is an old-plan account")  # [en]
### BEGIN HIDDEN TESTS
for payday in (pd.Timestamp("2025-01-31"), wells_fargo_usage_pay.AS_OF):
    age_days = (payday - accounts.opened_on).dt.days
    chosen = accounts[(accounts.plan == "usage") & (age_days >= 90) & (accounts.transactions_90d > 0)]
    expected = chosen.staff_id.value_counts()
    got = usage_credits(accounts, payday)
    assert {k: int(v) for k, v in got.items() if v} == {k: int(v) for k, v in expected.items()}
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：每千户投诉，按开户批次
#
# 编写函数 `complaints_per_thousand(accounts, complaints)`，对每个激励方案，计算**针对该方案下开立的账户**的投诉数，除以该方案下的开户数，再乘以 1000。返回以方案为索引的 `Series`。
# 注意：投诉属于哪个方案，看的是**被投诉账户的 `plan`**，而不是投诉的收到日期。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): complaints per 1,000 accounts, by opening cohort
#
# Write `complaints_per_thousand(accounts, complaints)`, computing for each incentive plan the number of complaints **about accounts opened under that plan**, divided by the number of accounts opened under it, times 1,000. Return a `Series` indexed by plan.
# Note: a complaint belongs to the plan **of the account complained about (its `plan`)**, not to the date it was received.

# %% solution="complaints" tracks="analyst"
def complaints_per_thousand(accounts, complaints):
    ### BEGIN SOLUTION
    plan = complaints.account_id.map(accounts.set_index("account_id").plan)
    return plan.value_counts() / accounts.plan.value_counts() * 1000
    ### END SOLUTION


# %% mistake="complaints" name="by-date-received" tracks="analyst"
def complaints_per_thousand(accounts, complaints):
    plan = pd.Series(np.where(complaints.received_on < wells_fargo_usage_pay.SWITCH, "sales_goal", "usage"))
    return plan.value_counts() / accounts.plan.value_counts() * 1000


# %% mistake="complaints" name="divides-by-all-accounts" tracks="analyst"
def complaints_per_thousand(accounts, complaints):
    plan = complaints.account_id.map(accounts.set_index("account_id").plan)
    return plan.value_counts() / len(accounts) * 1000


# %% tracks="analyst" test="complaints" points=3
toy_accounts = pd.DataFrame({"account_id": ["o1", "o2", "o3", "o4", "n1", "n2"], "plan": ["sales_goal"] * 4 + ["usage"] * 2})
toy_complaints = pd.DataFrame({"complaint_id": ["q1", "q2", "q3"], "account_id": ["o1", "o2", "n1"],
                               "received_on": pd.to_datetime(["2024-06-10", "2024-08-01", "2024-09-01"])})
rates = complaints_per_thousand(toy_accounts, toy_complaints)
assert sorted(rates.index) == ["sales_goal", "usage"], "每个方案一行"  # [zh]
assert sorted(rates.index) == ["sales_goal", "usage"], "one row per plan"  # [en]
assert abs(rates["sales_goal"] - 500) < 1e-9, "旧方案 4 户有 2 件投诉（8 月收到的 q2 针对的也是旧方案账户）：每千户 500 件"  # [zh]
assert abs(rates["sales_goal"] - 500) < 1e-9, "4 old-plan accounts drew 2 complaints (q2, received in August, is about an old-plan account): 500 per 1,000"  # [en]
assert abs(rates["usage"] - 500) < 1e-9, "新方案 2 户有 1 件投诉：每千户 500 件"  # [zh]
assert abs(rates["usage"] - 500) < 1e-9, "2 new-plan accounts drew 1 complaint: 500 per 1,000"  # [en]
### BEGIN HIDDEN TESTS
joined = complaints.merge(accounts[["account_id", "plan"]], on="account_id", how="left")
expected = {plan: 1000 * (joined.plan == plan).sum() / (accounts.plan == plan).sum() for plan in ["sales_goal", "usage"]}
got = complaints_per_thousand(accounts, complaints)
assert sorted(got.index) == ["sales_goal", "usage"]
assert all(abs(float(got[plan]) - value) < 1e-9 for plan, value in expected.items())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据：各支行在新旧方案下的账户
#
# 下面的分析已经替你运行好。金禾银行 2024 年 7 月 1 日起改用新方案：开户满 90 天、客户在这 90 天内至少交易一次，才计入业绩。
# 表中按支行比较两个方案下开立的账户：开户数、90 天内被客户使用的比例，以及每千户的投诉数（投诉按**被投诉账户开立时的方案**归属）。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data: each branch's accounts under the old and the new plan
#
# The analysis below has been run for you. From 1 July 2024 Jinhe Bank credits an account only once it is 90 days old and the customer has made at least one transaction in those 90 days.
# For each branch, the table compares the accounts opened under the two plans: openings, the share the customer used within 90 days, and complaints per 1,000 accounts (each complaint counted under **the plan in force when the account was opened**).

# %% tracks="frontline"
from salesacademy import bankdata

used = accounts.transactions_90d >= 1
plan_of_complaint = complaints.account_id.map(accounts.set_index("account_id").plan)
branch_of_complaint = complaints.account_id.map(accounts.set_index("account_id").branch_id)
opened = accounts.groupby(["branch_id", "plan"]).size().unstack()
used_pct = (used.groupby([accounts.branch_id, accounts.plan]).mean().unstack() * 100).round(0).astype(int)
per_thousand = (complaints.groupby([branch_of_complaint, plan_of_complaint]).size().unstack().reindex(opened.index).fillna(0) / opened * 1000).round(1)
by_branch = pd.concat([opened, used_pct, per_thousand], axis=1)
by_branch.columns = ["旧方案：开户数", "新方案：开户数", "旧方案：90 天内被使用（%）", "新方案：90 天内被使用（%）", "旧方案：每千户投诉", "新方案：每千户投诉"]  # [zh]
by_branch.columns = ["Old plan: opened", "New plan: opened", "Old plan: used within 90 days (%)", "New plan: used within 90 days (%)", "Old plan: complaints per 1,000", "New plan: complaints per 1,000"]  # [en]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="used-within-90-days"

# %% question="complaints-by-cohort"

# %% question="qualifying-transfer"

# %% question="serve-the-need"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你是金禾银行杭州西湖支行的行长。新方案实施半年后，一位客户经理对你抱怨："以前每月奖金两千多，现在只有一千左右，开户数也掉了四成，总行这是在惩罚我们。"同时，你听说另一家支行有人请客户"随便转一笔钱"，让账户算作已使用。
# 请回答：旧方案出问题的**根本原因**是什么？哪些**控制措施**能发现旧方案的问题，又能发现新方案被钻空子？你会对这位客户经理说什么、**你会怎么做**？（200–350 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You manage Jinhe Bank's Hangzhou Xihu branch. Six months into the new plan, a relationship manager complains to you: "I used to get over two thousand a month in bonus, now it's about one thousand, and openings are down by two fifths. Head office is punishing us." You also hear that at another branch someone asks customers to "just transfer any amount" so the account counts as used.
# Answer: what was the **root cause** of the old plan's failure? Which **controls** would reveal the old plan's problem, and would also reveal gaming of the new plan? What do you say to the relationship manager, and **what do you do**? (150–250 words)

# %% [markdown] written="usage-plan-manager" points=4
# YOUR ANSWER HERE
