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
# # 模块 1 练习：销售流程与服务标准
#
# 本练习共 14 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 1 exercise: The sales process and service standards
#
# This exercise is worth 14 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 1 练习：销售流程与服务标准
#
# 本练习共 12 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题把答案字母赋值给 `choice`；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 1 exercise: The sales process and service standards
#
# This exercise is worth 12 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for the choice question, assign the letter to `choice`; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
events, tickets = bank.crm_events, bank.crm_tickets
STEPS = bankdata.PROCESS_STEPS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：找出跳过步骤的销售机会
#
# 编写函数 `incomplete_opportunities(events)`，返回缺少至少一个标准步骤的销售机会编号（`opportunity_id`）列表，按编号升序排列。
# 六个标准步骤在 `STEPS` 中（`contact`、`needs_analysis`、`risk_assessment`、`recommendation`、`closing`、`after_sales`），每个事件的步骤在 `events.step` 列。注意同一步骤可能被记录不止一次。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): find the opportunities that skipped a step
#
# Write `incomplete_opportunities(events)`, returning the sorted list of opportunity ids (`opportunity_id`) that lack at least one of the standard steps.
# The six standard steps are in `STEPS` (`contact`, `needs_analysis`, `risk_assessment`, `recommendation`, `closing`, `after_sales`); the step of each event is in `events.step`. Note that the same step may be logged more than once.

# %% solution="skipped" tracks="analyst"
def incomplete_opportunities(events):
    ### BEGIN SOLUTION
    done = pd.crosstab(events.opportunity_id, events.step).reindex(columns=STEPS, fill_value=0)
    return sorted(done.index[done.eq(0).any(axis=1)])
    ### END SOLUTION


# %% mistake="skipped" name="counts-rows" tracks="analyst"
def incomplete_opportunities(events):
    rows = events.groupby("opportunity_id").size()
    return sorted(rows.index[rows < len(STEPS)])


# %% mistake="skipped" name="only-risk-assessment" tracks="analyst"
def incomplete_opportunities(events):
    assessed = set(events.opportunity_id[events.step.eq("risk_assessment")])
    return sorted(set(events.opportunity_id) - assessed)


# %% tracks="analyst" test="skipped" points=3
full = ["contact", "needs_analysis", "risk_assessment", "recommendation", "closing", "after_sales"]
twice_contacted = ["contact", "contact", "needs_analysis", "recommendation", "closing", "after_sales"]
no_after_sales = ["contact", "needs_analysis", "risk_assessment", "recommendation", "closing"]
toy = pd.DataFrame({
    "opportunity_id": ["O1"] * 6 + ["O2"] * 6 + ["O3"] * 5,
    "step": full + twice_contacted + no_after_sales,
})
result = incomplete_opportunities(toy)
assert isinstance(result, list), "请返回一个列表"  # [zh]
assert isinstance(result, list), "return a list"  # [en]
assert "O1" not in result, "O1 六个步骤齐全"  # [zh]
assert "O1" not in result, "O1 has all six steps"  # [en]
assert result == ["O2", "O3"], "O2 有六行记录但缺少风险测评，O3 缺少售后服务"  # [zh]
assert result == ["O2", "O3"], "O2 has six rows but no risk assessment, O3 has no after-sales step"  # [en]
### BEGIN HIDDEN TESTS
steps_seen = events[events.step.isin(STEPS)].drop_duplicates(["opportunity_id", "step"]).groupby("opportunity_id").size()
expected = sorted(set(events.opportunity_id) - set(steps_seen.index[steps_seen == len(STEPS)]))
assert incomplete_opportunities(events) == expected
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：每位员工的回复超时
#
# 编写函数 `late_replies_by_staff(tickets)`，统计首次回复（`first_response_at`）距工单创建（`opened_at`）**超过 24 小时**的工单数，
# 按负责员工（`staff_id`）汇总，返回一个以 `staff_id` 为索引、按超时工单数从多到少排列的 `Series`。没有超时工单的员工不必出现。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): late replies per member of staff
#
# Write `late_replies_by_staff(tickets)`, counting the tickets whose first reply (`first_response_at`) came **more than 24 hours** after the ticket was opened (`opened_at`),
# per member of staff responsible (`staff_id`). Return a `Series` indexed by `staff_id`, sorted from most to fewest late tickets. Staff with no late ticket need not appear.

# %% solution="late" tracks="analyst"
def late_replies_by_staff(tickets):
    ### BEGIN SOLUTION
    waited = tickets.first_response_at - tickets.opened_at
    late = tickets[waited > pd.Timedelta(hours=24)]
    return late.groupby("staff_id").size().sort_values(ascending=False)
    ### END SOLUTION


# %% mistake="late" name="ge-for-gt" tracks="analyst"
def late_replies_by_staff(tickets):
    waited = tickets.first_response_at - tickets.opened_at
    late = tickets[waited >= pd.Timedelta(hours=24)]
    return late.groupby("staff_id").size().sort_values(ascending=False)


# %% mistake="late" name="seconds-drops-days" tracks="analyst"
def late_replies_by_staff(tickets):
    hours = (tickets.first_response_at - tickets.opened_at).dt.seconds / 3600
    late = tickets[hours > 24]
    return late.groupby("staff_id").size().sort_values(ascending=False)


# %% tracks="analyst" test="late" points=3
opened = pd.Timestamp("2025-03-03 09:00")
toy = pd.DataFrame({
    "ticket_id": ["t1", "t2", "t3", "t4", "t5", "t6"],
    "staff_id": ["S1", "S1", "S1", "S2", "S2", "S3"],
    "opened_at": [opened] * 6,
    "first_response_at": opened + pd.to_timedelta([30, 24, 2, 50, 25, 3], unit="h"),
})
counts = late_replies_by_staff(toy)
assert dict(counts) == {"S2": 2, "S1": 1}, "S2 的两张工单分别等了 50 和 25 小时；S1 只有 30 小时那张超时，恰好 24 小时不算超时"  # [zh]
assert dict(counts) == {"S2": 2, "S1": 1}, "S2's two tickets waited 50 and 25 hours; of S1's, only the 30-hour one is late, exactly 24 hours is on time"  # [en]
assert list(counts.index) == ["S2", "S1"], "请按超时工单数从多到少排列"  # [zh]
assert list(counts.index) == ["S2", "S1"], "sort from most to fewest late tickets"  # [en]
### BEGIN HIDDEN TESTS
hours = (tickets.first_response_at - tickets.opened_at).dt.total_seconds() / 3600
expected = tickets.staff_id[hours > 24].value_counts()
assert dict(late_replies_by_staff(tickets)) == dict(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的两张分析表已经替你运行好。第一张按步骤统计金禾银行 CRM 日志中的销售机会：有多少个销售机会**跳过了**这一步，其中又有多少个最后**照样成交**了；最后一行是至少缺少一个步骤的销售机会。
# 第二张按渠道统计客户工单：首次回复距工单创建**超过 24 小时**的有多少张。恰好 24 小时回复的工单达标，不算超时。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The two analyses below have been run for you. The first counts, step by step, the sales opportunities in Jinhe Bank's CRM log that **skipped** that step, and how many of them **closed all the same**; the last row counts the opportunities missing at least one step.
# The second counts customer tickets by channel, and how many got their first reply **more than 24 hours** after the ticket was opened. A reply at exactly 24 hours meets the standard and is not late.

# %% tracks="frontline"
done = events.groupby(["opportunity_id", "step"]).size().unstack(fill_value=0).reindex(columns=STEPS, fill_value=0)
missing = done.eq(0)
by_step = pd.DataFrame({"skipped": missing.sum(), "closed": missing[done.closing.gt(0)].sum()})
by_step.loc["any_step"] = [missing.any(axis=1).sum(), missing[done.closing.gt(0)].any(axis=1).sum()]
by_step.index = by_step.index.map({"contact": "接触客户", "needs_analysis": "需求分析", "risk_assessment": "风险测评", "recommendation": "产品推荐", "closing": "成交", "after_sales": "售后服务", "any_step": "至少缺一个步骤"})  # [zh]
by_step.index = by_step.index.map({"contact": "Contact", "needs_analysis": "Needs analysis", "risk_assessment": "Risk assessment", "recommendation": "Recommendation", "closing": "Closing", "after_sales": "After-sales", "any_step": "At least one step missing"})  # [en]
by_step.columns = ["跳过该步骤的销售机会（个）", "其中照样成交的（个）"]  # [zh]
by_step.columns = ["Opportunities that skipped the step", "of which closed all the same"]  # [en]
by_step.rename_axis("步骤")  # [zh]
by_step.rename_axis("Step")  # [en]

# %% tracks="frontline"
waited_hours = (tickets.first_response_at - tickets.opened_at).dt.total_seconds() / 3600
by_channel = pd.DataFrame({"tickets": tickets.groupby("channel").size(), "late": (waited_hours > 24).groupby(tickets.channel).sum()})
by_channel.index = by_channel.index.map({"app": "手机银行", "branch": "网点", "email": "电子邮件", "phone": "电话"})  # [zh]
by_channel.index = by_channel.index.map({"app": "Mobile app", "branch": "Branch", "email": "Email", "phone": "Phone"})  # [en]
by_channel.columns = ["工单数", "首次回复超过 24 小时的工单数"]  # [zh]
by_channel.columns = ["Tickets", "First reply after more than 24 hours"]  # [en]
by_channel.rename_axis("渠道")  # [zh]
by_channel.rename_axis("Channel")  # [en]

# %% question="skipped-step"

# %% question="late-replies"

# %% question="first-reply"

# %% question="gap-in-log"

# %% question="process-order"

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：选择题
#
# 一位老客户来到网点，说邻居推荐了一款 R4 的基金，想马上买。她上一次风险测评是在 14 个月前，而金禾银行的风险测评有效期为 12 个月。客户经理应当怎么做？
#
# - **A.** 客户已经选好了产品，直接办理；事后在 CRM 里补上需求分析和风险测评的记录。
# - **B.** 先为她办理这款基金，等她下次来网点时再做风险测评。
# - **C.** 先了解她的投资目的、期限和资金用途，请她本人重新完成风险测评，再按测评结果推荐匹配的产品；成交后按售后流程跟进。
# - **D.** 建议她在手机银行自己购买，这样网点就不用走流程。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): multiple choice
#
# A long-standing customer comes into the branch: a neighbour recommended an R4 fund and she wants to buy it straight away. Her last risk assessment was 14 months ago, and at Jinhe Bank an assessment is valid for 12 months. What should the relationship manager do?
#
# - **A.** She has already chosen the product, so process the purchase and add the needs analysis and risk assessment to the CRM afterwards.
# - **B.** Process the fund for her now and do the risk assessment on her next visit.
# - **C.** First learn her purpose, time horizon and what the money is for, have her retake the risk assessment herself, then recommend products that match the result; after a sale, follow up as the after-sales process requires.
# - **D.** Suggest she buys it herself through mobile banking, so the branch need not follow the process.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice" tracks="analyst"
choice = None
### BEGIN SOLUTION
choice = "C"
### END SOLUTION

# %% mistake="choice" name="backfill-log" tracks="analyst"
choice = "A"

# %% mistake="choice" name="assess-later" tracks="analyst"
choice = "B"

# %% test="choice" points=2 tracks="analyst"
assert choice in {"A", "B", "C", "D"}, '请用 "A"、"B"、"C" 或 "D" 作答'  # [zh]
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'  # [en]
### BEGIN HIDDEN TESTS
assert choice == "C"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 一位同事对你说："CRM 里那六步都是形式。老客户我都熟，需求分析和风险测评直接跳过，上来就推荐产品。客户发来的咨询我有空再回，一般两三天，客户也没说什么。"
# 请回复这位同事：说明这两种做法分别会给客户和银行带来什么风险，引用相关规则或银行制度，并提出具体的改进做法。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# A colleague tells you: "Those six CRM steps are just paperwork. I know my regular customers, so I skip the needs analysis and the risk assessment and go straight to recommending. Customers' enquiries I answer when I have a free moment, usually in two or three days, and nobody has complained."
# Reply to your colleague: explain what each habit risks for the customer and for the bank, cite the relevant rules or bank policy, and suggest concrete improvements. (100–200 words)

# %% [markdown] written="shortcuts" points=4
# YOUR ANSWER HERE
