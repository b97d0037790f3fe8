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
# # 模块 13 练习：职业发展与合规文化
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 13 exercise: Careers and conduct culture
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 13 练习：职业发展与合规文化
#
# 本练习共 17 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 13 exercise: Careers and conduct culture
#
# This exercise is worth 17 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
incentives, staff, complaints = bank.incentives, bank.staff, bank.complaints

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：年度晋升评审的“全岗位”得分
#
# 金禾银行的年度晋升评审不只看卖了多少，而是看整个岗位做得怎么样。（以下权重是本课程虚构银行的设计选择，不是监管规定；销售只占三成，参照了 Sedgwick 审查“财务指标不超过三分之一”的上限。）
# 编写函数 `whole_of_role(incentives)`，按员工（`staff_id`）汇总 `incentives` 中的全部月份，返回一个以 `staff_id` 为索引的 `Series`：
#
# - 销售分 = 各月 `target_attainment` × 100 的平均值，每个月**最高按 100 分**计（超额完成不能抵消其他方面）；
# - 服务分 = 各月 `satisfaction_score` 的平均值 ÷ 5 × 100；
# - 合规分 = 100 − 10 × 全年 `compliance_findings` 的**总数**，**最低 0 分**；
# - 得分 = 0.3 × 销售分 + 0.3 × 服务分 + 0.4 × 合规分。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): the "whole of role" score of the annual promotion review
#
# Jinhe Bank's annual promotion review looks at how well the whole role was done, not only at how much was sold. (The weights below are the design choice of the course's fictional bank, not a regulatory rule; sales count for 30%, after the Sedgwick Review's cap of a third for financial measures.)
# Write `whole_of_role(incentives)`, summarising all the months in `incentives` for each employee (`staff_id`) and returning a `Series` indexed by `staff_id`:
#
# - sales points = the average over the months of `target_attainment` × 100, with each month counted at **most 100** (beating the target cannot make up for anything else);
# - service points = the average monthly `satisfaction_score` ÷ 5 × 100;
# - conduct points = 100 − 10 × the **total** `compliance_findings` of the year, **at least 0**;
# - score = 0.3 × sales points + 0.3 × service points + 0.4 × conduct points.

# %% solution="whole-of-role" tracks="analyst"
def whole_of_role(incentives):
    ### BEGIN SOLUTION
    by_staff = incentives.groupby("staff_id")
    sales_points = (incentives.target_attainment.clip(upper=1) * 100).groupby(incentives.staff_id).mean()
    service_points = by_staff.satisfaction_score.mean() / 5 * 100
    conduct_points = (100 - 10 * by_staff.compliance_findings.sum()).clip(lower=0)
    return 0.3 * sales_points + 0.3 * service_points + 0.4 * conduct_points
    ### END SOLUTION


# %% mistake="whole-of-role" name="uncapped-attainment" tracks="analyst"
def whole_of_role(incentives):
    by_staff = incentives.groupby("staff_id")
    sales_points = by_staff.target_attainment.mean() * 100
    service_points = by_staff.satisfaction_score.mean() / 5 * 100
    conduct_points = (100 - 10 * by_staff.compliance_findings.sum()).clip(lower=0)
    return 0.3 * sales_points + 0.3 * service_points + 0.4 * conduct_points


# %% mistake="whole-of-role" name="findings-averaged" tracks="analyst"
def whole_of_role(incentives):
    by_staff = incentives.groupby("staff_id")
    sales_points = (incentives.target_attainment.clip(upper=1) * 100).groupby(incentives.staff_id).mean()
    service_points = by_staff.satisfaction_score.mean() / 5 * 100
    conduct_points = (100 - 10 * by_staff.compliance_findings.mean()).clip(lower=0)
    return 0.3 * sales_points + 0.3 * service_points + 0.4 * conduct_points


# %% tracks="analyst" test="whole-of-role" points=3
toy = pd.DataFrame({"staff_id": ["a", "a", "b"], "target_attainment": [2.0, 0.5, 0.8],
                    "satisfaction_score": [4.0, 5.0, 3.0], "compliance_findings": [0, 3, 12]})
score = whole_of_role(toy)
assert sorted(score.index) == ["a", "b"], "每位员工一行，以 staff_id 为索引"  # [zh]
assert sorted(score.index) == ["a", "b"], "one row per employee, indexed by staff_id"  # [en]
assert abs(score["a"] - 77.5) < 1e-6, "a：销售分 (100 + 50) / 2 = 75（200% 按 100 分计），服务分 90，合规分 100 − 10 × 3 = 70，得分 77.5"  # [zh]
assert abs(score["a"] - 77.5) < 1e-6, "a: sales (100 + 50) / 2 = 75 (200% counts as 100), service 90, conduct 100 - 10 x 3 = 70, score 77.5"  # [en]
assert abs(score["b"] - 42.0) < 1e-6, "b：12 个合规问题使合规分降到 0（不能为负），得分 0.3 × 80 + 0.3 × 60 = 42"  # [zh]
assert abs(score["b"] - 42.0) < 1e-6, "b: 12 findings take conduct to 0 (never below), so the score is 0.3 x 80 + 0.3 x 60 = 42"  # [en]
### BEGIN HIDDEN TESTS
expected = {}
for person, rows in incentives.groupby("staff_id"):
    capped = [min(x, 1.0) * 100 for x in rows.target_attainment]
    service = sum(rows.satisfaction_score) / len(rows) / 5 * 100
    conduct = max(0, 100 - 10 * int(rows.compliance_findings.sum()))
    expected[person] = 0.3 * sum(capped) / len(capped) + 0.3 * service + 0.4 * conduct
got = whole_of_role(incentives)
assert sorted(got.index) == sorted(expected)
assert all(abs(float(got[person]) - value) < 1e-6 for person, value in expected.items())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：只看销售额才会晋升的人
#
# 金禾银行今年的骨干员工培养计划有 `n` 个名额。编写函数 `volume_only(incentives, scores, n)`：
#
# - 按员工汇总全年 `sales_volume_cny`，取销售额最高的 `n` 人；
# - 按 `scores`（以 `staff_id` 为索引的全岗位得分）取得分最高的 `n` 人；
# - 返回**只在第一份名单上**、不在第二份名单上的员工编号，按编号升序排列的列表。
#
# 这些人就是“只看销售额”才会被晋升的员工，评审时要问清楚他们的业绩是怎么来的。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): who would be promoted on sales volume alone
#
# Jinhe Bank's development programme for senior staff has `n` places this year. Write `volume_only(incentives, scores, n)`:
#
# - total each employee's `sales_volume_cny` over the year and take the `n` employees with the highest totals;
# - take the `n` employees with the highest `scores` (the whole-of-role scores, indexed by `staff_id`);
# - return the sorted list of staff ids that are **on the first list only**, not on the second.
#
# These are the people who would be promoted only if sales volume counted; the review should ask how their figures were made.

# %% solution="volume-only" tracks="analyst"
def volume_only(incentives, scores, n):
    ### BEGIN SOLUTION
    by_volume = incentives.groupby("staff_id").sales_volume_cny.sum().nlargest(n).index
    by_score = scores.nlargest(n).index
    return sorted(set(by_volume) - set(by_score))
    ### END SOLUTION


# %% mistake="volume-only" name="monthly-rows" tracks="analyst"
def volume_only(incentives, scores, n):
    by_volume = incentives.nlargest(n, "sales_volume_cny").staff_id
    by_score = scores.nlargest(n).index
    return sorted(set(by_volume) - set(by_score))


# %% mistake="volume-only" name="either-list" tracks="analyst"
def volume_only(incentives, scores, n):
    by_volume = incentives.groupby("staff_id").sales_volume_cny.sum().nlargest(n).index
    by_score = scores.nlargest(n).index
    return sorted(set(by_volume) ^ set(by_score))


# %% tracks="analyst" test="volume-only" points=3
toy = pd.DataFrame({"staff_id": ["p", "p", "q", "r", "r", "s"],
                    "sales_volume_cny": [900_000, 800_000, 1_500_000, 1_000_000, 100_000, 500_000]})
toy_scores = pd.Series({"p": 60.0, "q": 90.0, "r": 85.0, "s": 70.0})
assert volume_only(toy, toy_scores, 2) == ["p"], "按员工合计全年销售额，前 2 名是 p（170 万）和 q（150 万）；得分前 2 名是 q 和 r；只在销售额名单上的是 p"  # [zh]
assert volume_only(toy, toy_scores, 2) == ["p"], "totalled per employee, the top 2 by volume are p (1.7M) and q (1.5M); by score q and r; only p is on the volume list alone"  # [en]
### BEGIN HIDDEN TESTS
totals = {}
for person, amount in zip(incentives.staff_id, incentives.sales_volume_cny):
    totals[person] = totals.get(person, 0) + amount
scored = {}
for person, rows in incentives.groupby("staff_id"):
    scored[person] = (0.3 * (rows.target_attainment.clip(upper=1) * 100).mean() + 0.3 * rows.satisfaction_score.mean() / 5 * 100
                      + 0.4 * max(0, 100 - 10 * rows.compliance_findings.sum()))
scored = pd.Series(scored)
for places in (5, 8):
    top_volume = sorted(totals, key=totals.get, reverse=True)[:places]
    top_score = sorted(scored.index, key=lambda person: scored[person], reverse=True)[:places]
    assert volume_only(incentives, scored, places) == sorted(p for p in top_volume if p not in top_score)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：有合规问题的月份里照发的奖金
#
# 认可不只是晋升，奖金也是一种认可。编写函数 `bonus_with_findings(incentives)`，只看员工当月**至少有一个**合规问题（`compliance_findings` 大于 0）的那些月份，按员工汇总，返回一个以 `staff_id` 为索引的 `DataFrame`，依次包含两列：
#
# - `months_with_findings`：有合规问题的**月份数**（不是问题的个数）；
# - `bonus_cny`：这些月份里发放的奖金合计（元）。
#
# 只要有一个这样的月份，员工就要出现在结果中，即使奖金合计为 0。各行按 `bonus_cny` 从多到少排列。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): bonuses paid in months with compliance findings
#
# Recognition is not only promotion: a bonus is recognition too. Write `bonus_with_findings(incentives)`. Looking only at the months in which an employee had **at least one** compliance finding (`compliance_findings` above 0), summarise them per employee and return a `DataFrame` indexed by `staff_id` with two columns, in this order:
#
# - `months_with_findings`: the **number of months** with findings (not the number of findings);
# - `bonus_cny`: the total bonus paid in those months, in CNY.
#
# Every employee with at least one such month appears, even if the bonus total is 0. Sort the rows by `bonus_cny`, from most to least.

# %% solution="bonus-with-findings" tracks="analyst"
def bonus_with_findings(incentives):
    ### BEGIN SOLUTION
    flagged = incentives[incentives.compliance_findings > 0]
    table = flagged.groupby("staff_id").agg(months_with_findings=("month", "size"), bonus_cny=("bonus_cny", "sum"))
    return table.sort_values("bonus_cny", ascending=False)
    ### END SOLUTION


# %% mistake="bonus-with-findings" name="counts-findings-not-months" tracks="analyst"
def bonus_with_findings(incentives):
    flagged = incentives[incentives.compliance_findings > 0]
    table = flagged.groupby("staff_id").agg(months_with_findings=("compliance_findings", "sum"), bonus_cny=("bonus_cny", "sum"))
    return table.sort_values("bonus_cny", ascending=False)


# %% mistake="bonus-with-findings" name="bonus-of-all-months" tracks="analyst"
def bonus_with_findings(incentives):
    flagged = incentives[incentives.compliance_findings > 0]
    months = flagged.groupby("staff_id").size()
    bonus = incentives[incentives.staff_id.isin(months.index)].groupby("staff_id").bonus_cny.sum()
    table = pd.DataFrame({"months_with_findings": months, "bonus_cny": bonus})
    return table.sort_values("bonus_cny", ascending=False)


# %% tracks="analyst" test="bonus-with-findings" points=3
toy = pd.DataFrame({"staff_id": ["x", "x", "x", "y", "y", "z"], "month": ["2025-01", "2025-02", "2025-03", "2025-01", "2025-02", "2025-01"],
                    "compliance_findings": [2, 0, 1, 1, 0, 0], "bonus_cny": [3000.0, 5000.0, 0.0, 4000.0, 2000.0, 5000.0]})
table = bonus_with_findings(toy)
assert list(table.columns) == ["months_with_findings", "bonus_cny"], "两列依次为 months_with_findings、bonus_cny"  # [zh]
assert list(table.columns) == ["months_with_findings", "bonus_cny"], "two columns: months_with_findings, then bonus_cny"  # [en]
assert list(table.index) == ["y", "x"], "z 没有合规问题，不出现；y 的 4,000 元多于 x 的 3,000 元，排在前面"  # [zh]
assert list(table.index) == ["y", "x"], "z had no findings and is left out; y's 4,000 comes before x's 3,000"  # [en]
assert table.loc["x", "months_with_findings"] == 2, "x 有 2 个月有合规问题（共 3 个问题，但数的是月份）"  # [zh]
assert table.loc["x", "months_with_findings"] == 2, "x had findings in 2 months (3 findings, but count the months)"  # [en]
assert table.loc["x", "bonus_cny"] == 3000, "x 只算 1 月和 3 月的奖金：3,000 + 0；2 月没有问题，不计入"  # [zh]
assert table.loc["x", "bonus_cny"] == 3000, "x counts only January and March: 3,000 + 0; February had no finding"  # [en]
### BEGIN HIDDEN TESTS
months, paid = {}, {}
for person, found, bonus in zip(incentives.staff_id, incentives.compliance_findings, incentives.bonus_cny):
    if found > 0:
        months[person] = months.get(person, 0) + 1
        paid[person] = paid.get(person, 0.0) + bonus
got = bonus_with_findings(incentives)
assert list(got.columns) == ["months_with_findings", "bonus_cny"]
assert sorted(got.index) == sorted(months)
assert all(int(got.loc[p, "months_with_findings"]) == months[p] and abs(float(got.loc[p, "bonus_cny"]) - paid[p]) < 0.01 for p in months)
assert list(got.bonus_cny) == sorted(got.bonus_cny, reverse=True)
### END HIDDEN TESTS

# %% question="sign-for-customer"

# %% question="promotion-pressure"

# %% question="speak-up"

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：三家支行各自要在本季度（2025 年 4–6 月）的团队会上表彰一名员工。表中列出了这三家支行每位员工本季度的销售额、客户满意度平均分（满分 5 分）、合规问题个数，以及本季度收到的、经核实**成立**的客户投诉件数。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. Three branches will each recognise one member of staff at this quarter's team meeting (April to June 2025). For every employee of those branches, the table shows the quarter's sales, the average customer satisfaction (out of 5), the number of compliance findings, and the customer complaints received in the quarter that were **upheld**.

# %% tracks="frontline"
people = staff.set_index("staff_id")
nominating = ["SH-PD", "SZ-FT", "CD-JJ"]
quarter = incentives[(incentives.month >= "2025-04") & incentives.staff_id.map(people.branch_id).isin(nominating)]
upheld = complaints[(complaints.received_at >= "2025-04-01") & complaints.upheld].staff_id.value_counts()
table = quarter.groupby("staff_id").agg(volume=("sales_volume_cny", "sum"), satisfaction=("satisfaction_score", "mean"),
                                        findings=("compliance_findings", "sum"))
table["upheld"] = upheld.reindex(table.index, fill_value=0)
table["volume"] = (table.volume / 10_000).round().astype(int)
table["satisfaction"] = table.satisfaction.round(2)
table["order"] = table.index.map(people.branch_id).map(nominating.index)
table = table.sort_values(["order", "volume"], ascending=[True, False]).drop(columns="order")
branch_names = bankdata.BRANCHES.set_index("branch_id").name_zh  # [zh]
branch_names = bankdata.BRANCHES.set_index("branch_id").name_en  # [en]
role_names = {"relationship_manager": "客户经理", "wealth_advisor": "理财经理", "teller": "柜员"}  # [zh]
role_names = {"relationship_manager": "relationship manager", "wealth_advisor": "wealth advisor", "teller": "teller"}  # [en]
table.index = pd.MultiIndex.from_arrays([table.index.map(people.branch_id).map(branch_names), table.index + "（" + table.index.map(people.role).map(role_names) + "）"], names=["支行", "员工"])  # [zh]
table.index = pd.MultiIndex.from_arrays([table.index.map(people.branch_id).map(branch_names), table.index + " (" + table.index.map(people.role).map(role_names) + ")"], names=["Branch", "Employee"])  # [en]
table.columns = ["本季度销售额（万元）", "客户满意度（满分 5 分）", "合规问题（个）", "成立的投诉（件）"]  # [zh]
table.columns = ["Sales this quarter (CNY 10,000)", "Customer satisfaction (out of 5)", "Compliance findings", "Upheld complaints"]  # [en]
table

# %% question="recognise"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 一位上个月刚入职的同事悄悄告诉你：团队里业绩最好、今年有望晋升的那位同事，在客户做风险测评时会在旁边“指点”，比如“这题选第三个，不然系统不让你买”。新同事不知道该不该说出来，怕得罪人。
# 你会怎么做？为什么这件事关系到客户，也关系到你们团队和每个人的职业发展？（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# A colleague who joined last month tells you quietly that the team's top seller, who is expected to be promoted this year, coaches customers through the risk questionnaire: "pick the third answer here, or the system won't let you buy". The new colleague does not know whether to say anything and is afraid of making enemies.
# What do you do? Why does this matter for the customers, and for your team and everyone's career in it? (100–200 words)

# %% [markdown] written="top-seller-coaching" points=4
# YOUR ANSWER HERE
