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
# # 模块 7 练习：客户关系管理（CRM）
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 7 exercise: Customer relationship management (CRM)
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 7 练习：客户关系管理（CRM）
#
# 本练习共 14 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 7 exercise: Customer relationship management (CRM)
#
# This exercise is worth 14 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
customers, events = bank.customers, bank.crm_events

# Jinhe Bank's follow-up standard: after-sales contact within this many days (x 24 hours) of closing.
FOLLOW_UP_DAYS = 2

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：各支行的 KYC 完整率
#
# 编写函数 `kyc_rates(customers, as_of)`，返回一个以 `branch_id` 为索引的 `DataFrame`，包含以下五列，每列是该支行客户中满足条件的**比例**（0 到 1 之间）：
#
# - `phone`：`phone` 不为空；
# - `occupation`：`occupation` 不为空；
# - `id_verified`：`id_verified` 为 `True`；
# - `assessment_valid`：风险测评仍然有效，即 `risk_assessed_on` 不早于 `as_of` 往前推 12 个月的那一天（`bankdata.ASSESSMENT_VALID_MONTHS`）；
# - `complete`：以上四项**同时**满足。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): KYC completeness by branch
#
# Write `kyc_rates(customers, as_of)`, returning a `DataFrame` indexed by `branch_id` with the five columns below; each holds the **share** (between 0 and 1) of the branch's customers that meet the condition:
#
# - `phone`: `phone` is not empty;
# - `occupation`: `occupation` is not empty;
# - `id_verified`: `id_verified` is `True`;
# - `assessment_valid`: the risk assessment is still valid, that is `risk_assessed_on` is not before the date 12 months earlier than `as_of` (`bankdata.ASSESSMENT_VALID_MONTHS`);
# - `complete`: all four of the above **at once**.

# %% solution="kyc" tracks="analyst"
def kyc_rates(customers, as_of):
    ### BEGIN SOLUTION
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    checks = pd.DataFrame({
        "phone": customers.phone.notna(),
        "occupation": customers.occupation.notna(),
        "id_verified": customers.id_verified.astype(bool),
        "assessment_valid": customers.risk_assessed_on >= cutoff,
    })
    checks["complete"] = checks.all(axis=1)
    return checks.groupby(customers.branch_id).mean()
    ### END SOLUTION


# %% mistake="kyc" name="false-counts-as-filled" tracks="analyst"
def kyc_rates(customers, as_of):
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    checks = pd.DataFrame({
        "phone": customers.phone.notna(),
        "occupation": customers.occupation.notna(),
        "id_verified": customers.id_verified.notna(),
        "assessment_valid": customers.risk_assessed_on >= cutoff,
    })
    checks["complete"] = checks.all(axis=1)
    return checks.groupby(customers.branch_id).mean()


# %% mistake="kyc" name="average-of-rates" tracks="analyst"
def kyc_rates(customers, as_of):
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    checks = pd.DataFrame({
        "phone": customers.phone.notna(),
        "occupation": customers.occupation.notna(),
        "id_verified": customers.id_verified,
        "assessment_valid": customers.risk_assessed_on >= cutoff,
    })
    rates = checks.groupby(customers.branch_id).mean()
    rates["complete"] = rates.mean(axis=1)
    return rates


# %% tracks="analyst" test="kyc" points=3
toy = pd.DataFrame({
    "customer_id": ["c1", "c2", "c3", "c4"],
    "branch_id": ["B1", "B1", "B2", "B2"],
    "phone": ["13800000001", None, "13800000003", "13800000004"],
    "occupation": ["retired", "employee", None, "student"],
    "id_verified": [True, False, True, True],
    "risk_assessed_on": pd.to_datetime(["2025-01-10", "2025-03-01", "2024-06-29", "2024-06-30"]),
})
rates = kyc_rates(toy, pd.Timestamp("2025-06-30"))
assert sorted(rates.columns) == sorted(["phone", "occupation", "id_verified", "assessment_valid", "complete"]), "columns: phone, occupation, id_verified, assessment_valid, complete"  # [en]
assert sorted(rates.columns) == sorted(["phone", "occupation", "id_verified", "assessment_valid", "complete"]), "列应为 phone、occupation、id_verified、assessment_valid、complete"  # [zh]
assert sorted(rates.index) == ["B1", "B2"], "one row per branch_id"  # [en]
assert sorted(rates.index) == ["B1", "B2"], "每个 branch_id 一行"  # [zh]
assert abs(rates.loc["B1", "id_verified"] - 0.5) < 1e-9, "c2 is not verified: False is a value, but it does not count as verified"  # [en]
assert abs(rates.loc["B1", "id_verified"] - 0.5) < 1e-9, "c2 未核实身份：False 不是空值，但也不算已核实"  # [zh]
assert abs(rates.loc["B2", "assessment_valid"] - 0.5) < 1e-9, "c3's assessment (2024-06-29) has expired; c4's (2024-06-30) is still valid"  # [en]
assert abs(rates.loc["B2", "assessment_valid"] - 0.5) < 1e-9, "c3 的测评（2024-06-29）已过期，c4 的（2024-06-30）仍有效"  # [zh]
assert abs(rates.loc["B1", "complete"] - 0.5) < 1e-9 and abs(rates.loc["B2", "complete"] - 0.5) < 1e-9, "in each branch exactly one customer has all four items"  # [en]
assert abs(rates.loc["B1", "complete"] - 0.5) < 1e-9 and abs(rates.loc["B2", "complete"] - 0.5) < 1e-9, "每家支行恰好有一位客户四项齐全"  # [zh]
### BEGIN HIDDEN TESTS
limit = bankdata.AS_OF - pd.DateOffset(months=12)
ok_phone = customers.phone.notna()
ok_job = customers.occupation.notna()
ok_id = customers.id_verified.astype(bool)
ok_risk = customers.risk_assessed_on >= limit
expected = pd.DataFrame({
    "phone": ok_phone.groupby(customers.branch_id).mean(),
    "occupation": ok_job.groupby(customers.branch_id).mean(),
    "id_verified": ok_id.groupby(customers.branch_id).mean(),
    "assessment_valid": ok_risk.groupby(customers.branch_id).mean(),
    "complete": (ok_phone & ok_job & ok_id & ok_risk).groupby(customers.branch_id).mean(),
})
got = kyc_rates(customers, bankdata.AS_OF)
assert sorted(got.index) == sorted(expected.index)
for column in expected.columns:
    assert (got[column].astype(float).reindex(expected.index) - expected[column]).abs().max() < 1e-9, column
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：成交后没有按时回访的机会
#
# 编写函数 `missing_follow_up(events, as_of, days=FOLLOW_UP_DAYS)`，返回按编号升序排列的销售机会编号列表。一个机会列入名单，当且仅当：
#
# 1. 它有 `closing`（成交）步骤；
# 2. 回访期限已过：成交时间加 `days` 天（`days` × 24 小时）不晚于 `as_of`；
# 3. 在成交时间加 `days` 天之前（含恰好等于）**没有** `after_sales`（售后回访）步骤：或者根本没有回访，或者回访晚了。
#
# 提示：时间列名为 `at`，请写 `events["at"]`，不要写 `events.at`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): closed opportunities without a timely follow-up
#
# Write `missing_follow_up(events, as_of, days=FOLLOW_UP_DAYS)`, returning a sorted list of opportunity ids. An opportunity is on the list if and only if:
#
# 1. it has a `closing` step;
# 2. its deadline has passed: the closing time plus `days` days (`days` × 24 hours) is no later than `as_of`;
# 3. it has **no** `after_sales` step at or before the closing time plus `days` days: either no follow-up at all, or a late one.
#
# Hint: the time column is called `at`; write `events["at"]`, not `events.at`.

# %% solution="follow-up" tracks="analyst"
def missing_follow_up(events, as_of, days=FOLLOW_UP_DAYS):
    ### BEGIN SOLUTION
    closing = events[events.step == "closing"].groupby("opportunity_id")["at"].min()
    after = events[events.step == "after_sales"].groupby("opportunity_id")["at"].min().reindex(closing.index)
    deadline = closing + pd.Timedelta(days=days)
    missed = (deadline <= as_of) & ~(after <= deadline)
    return sorted(closing.index[missed])
    ### END SOLUTION


# %% mistake="follow-up" name="join-drops-never-followed" tracks="analyst"
def missing_follow_up(events, as_of, days=FOLLOW_UP_DAYS):
    closing = events[events.step == "closing"][["opportunity_id", "at"]]
    after = events[events.step == "after_sales"][["opportunity_id", "at"]]
    both = closing.merge(after, on="opportunity_id", suffixes=("_closing", "_after"))
    deadline = both.at_closing + pd.Timedelta(days=days)
    return sorted(both.opportunity_id[(deadline <= as_of) & (both.at_after > deadline)])


# %% mistake="follow-up" name="not-yet-due-included" tracks="analyst"
def missing_follow_up(events, as_of, days=FOLLOW_UP_DAYS):
    closing = events[events.step == "closing"].groupby("opportunity_id")["at"].min()
    after = events[events.step == "after_sales"].groupby("opportunity_id")["at"].min().reindex(closing.index)
    deadline = closing + pd.Timedelta(days=days)
    return sorted(closing.index[~(after <= deadline)])


# %% mistake="follow-up" name="calendar-dates" tracks="analyst"
def missing_follow_up(events, as_of, days=FOLLOW_UP_DAYS):
    closing = events[events.step == "closing"].groupby("opportunity_id")["at"].min().dt.normalize()
    after = events[events.step == "after_sales"].groupby("opportunity_id")["at"].min().dt.normalize().reindex(closing.index)
    deadline = closing + pd.Timedelta(days=days)
    return sorted(closing.index[(deadline <= as_of) & ~(after <= deadline)])


# %% tracks="analyst" test="follow-up" points=3
toy = pd.DataFrame({
    "opportunity_id": ["O1", "O1", "O2", "O3", "O3", "O4", "O4", "O5", "O6"],
    "step": ["closing", "after_sales", "closing", "closing", "after_sales", "closing", "after_sales", "closing", "contact"],
    "at": pd.to_datetime(["2025-06-01 10:00", "2025-06-02 09:00", "2025-06-01 10:00", "2025-06-01 20:00", "2025-06-03 23:00",
                          "2025-06-01 10:00", "2025-06-03 10:00", "2025-06-29 18:00", "2025-06-01 09:00"]),
})
result = missing_follow_up(toy, pd.Timestamp("2025-06-30"), days=2)
assert isinstance(result, list), "return a list of opportunity ids"  # [en]
assert isinstance(result, list), "请返回销售机会编号的列表"  # [zh]
assert "O2" in result, "O2 closed on 1 June and was never followed up"  # [en]
assert "O2" in result, "O2 在 6 月 1 日成交，一直没有回访"  # [zh]
assert "O3" in result, "O3 was followed up 51 hours after closing, more than 48 hours"  # [en]
assert "O3" in result, "O3 在成交 51 小时后才回访，超过了 48 小时"  # [zh]
assert result == ["O2", "O3"], "O1 and O4 (exactly 48 hours) were on time, O5 is not yet due, O6 never closed"  # [en]
assert result == ["O2", "O3"], "O1 和 O4（恰好 48 小时）按时回访，O5 尚未到期，O6 没有成交"  # [zh]
### BEGIN HIDDEN TESTS
table = events.pivot_table(index="opportunity_id", columns="step", values="at", aggfunc="min")
table = table[table["closing"].notna()]
due = table["closing"] + pd.Timedelta(hours=48)
late = table["after_sales"].isna() | (table["after_sales"] > due)
expected = sorted(table.index[(due <= bankdata.AS_OF) & late])
assert missing_follow_up(events, bankdata.AS_OF) == expected
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它按支行统计了金禾银行截至 2025 年 6 月 30 日的客户，以及其中 KYC 四项信息（手机号码、职业、身份核实、有效的风险测评）**同时齐全**和**至少缺一项**的人数。缺项的客户要在下次服务接触时由客户本人提供、核实后补全。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. It counts, branch by branch, Jinhe Bank's customers on 30 June 2025, and how many of them have all four KYC items (mobile number, occupation, verified identity, valid risk assessment) **at once** and how many **lack at least one**. A customer with a gap has it completed at the next service contact, from the customer and verified.

# %% tracks="frontline"
cutoff = bankdata.AS_OF - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
complete = customers.phone.notna() & customers.occupation.notna() & customers.id_verified.astype(bool) & (customers.risk_assessed_on >= cutoff)
table = pd.DataFrame({
    "customers": customers.groupby("branch_id").size(),
    "complete": complete.groupby(customers.branch_id).sum(),
    "incomplete": (~complete).groupby(customers.branch_id).sum(),
})
table.index = table.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
table.index = table.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
table.columns = ["客户数", "四项齐全（人）", "至少缺一项（人）"]  # [zh]
table.columns = ["Customers", "All four on file", "At least one missing"]  # [en]
table.rename_axis("支行")  # [zh]
table.rename_axis("Branch")  # [en]

# %% question="kyc-incomplete"

# %% question="follow-up-deadline"

# %% question="marketing-consent"

# %% question="private-fund-callback"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你是一家支行的行长。月度报告显示，本支行"四项齐全"的 KYC 完整率在全行最低，还有十几笔成交超过 48 小时才回访或根本没有回访。一位客户经理说："客户资料缺一点不影响卖产品，没登记的职业我都先填'企业职员'；成交以后再打电话回访就是浪费时间。"
# 请给团队写一段说明：为什么完整的客户信息和按时回访很重要？请引用至少两项现行规则（本课讲过的即可），并提出三项具体的改进措施。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You manage a branch. The monthly report shows that your branch has the lowest "all four" KYC completeness in the bank, and that more than ten closed sales were followed up after 48 hours or not at all. One relationship manager says: "A few gaps in the customer data don't stop a sale. When the occupation is missing I just put 'employee'. And phoning customers after the deal is done is a waste of time."
# Write a note to your team: why do complete customer information and timely follow-up matter? Cite at least two rules in force (those in the lesson will do), and propose three concrete improvements. (100–200 words)

# %% [markdown] written="team-note" points=4
# YOUR ANSWER HERE
