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
# # 模块 2 练习：合规沟通：禁止的承诺
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 2 exercise: Compliant communication: prohibited promises
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 2 练习：合规沟通：禁止的承诺
#
# 本练习共 13 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 2 exercise: Compliant communication: prohibited promises
#
# This exercise is worth 13 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# 下面的单元格载入通话记录。`TEXT` 是你要读取的文字列名：本练习使用中文原文 `text_zh`。

# %% [markdown] lang="en" tracks="analyst"
# The cell below loads the call transcripts. `TEXT` names the text column to read: this exercise uses the English translation, `text_en`.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
lines = bank.transcripts
TEXT = "text_zh"  # [zh]
TEXT = "text_en"  # [en]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（4 分）：标记违规话语
#
# 编写函数 `flag_lines(lines)`，返回**员工**说出的违规句子（`lines` 的行，保留原有列）。违规指本模块课上讲到的禁止说法：明示或暗示保本保收益、宣称零风险或绝对安全、把理财产品说成存款、夸大或预测收益、让客户不必看风险提示。
#
# 句子的文字在 `lines[TEXT]` 列，说话人在 `speaker` 列（`"staff"` 或 `"customer"`）。合规的风险揭示（例如"本产品不保本"）和客户的提问不算违规。
# 提示：先运行 `lines.loc[lines.speaker == "staff", TEXT].value_counts()`，逐句读一遍。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (4 points): flag the prohibited statements
#
# Write `flag_lines(lines)`, returning the prohibited lines spoken by **staff** (rows of `lines`, with its columns). Prohibited means the statements covered in this module's lesson: an explicit or implied guarantee of principal or return, claiming zero risk or absolute safety, presenting a wealth product as a deposit, exaggerating or predicting returns, and telling the customer the risk disclosure need not be read.
#
# The text of a line is in `lines[TEXT]`, the speaker in `speaker` (`"staff"` or `"customer"`). Compliant disclosures (such as "not principal-protected") and customers' questions are not violations.
# Tip: run `lines.loc[lines.speaker == "staff", TEXT].value_counts()` first and read each sentence.

# %% solution="flag" tracks="analyst"
def flag_lines(lines):
    ### BEGIN SOLUTION
    prohibited = r"保本保息|稳赚|肯定|零风险|绝对安全|当它是定期存款|不用看|走形式"  # [zh]
    prohibited = r"\bguarantee|\bsurely\b|\bsure to\b|zero risk|absolutely safe|as a time deposit|no need to read|formality"  # [en]
    staff = lines[lines.speaker.eq("staff")]
    return staff[staff[TEXT].str.contains(prohibited, case=False, regex=True)]
    ### END SOLUTION


# %% mistake="flag" name="broad-keywords" tracks="analyst"
def flag_lines(lines):
    keywords = r"保本|风险|存款|收益"  # [zh]
    keywords = r"principal|risk|deposit|return"  # [en]
    staff = lines[lines.speaker.eq("staff")]
    return staff[staff[TEXT].str.contains(keywords, case=False, regex=True)]


# %% mistake="flag" name="includes-customers" tracks="analyst"
def flag_lines(lines):
    promise = r"保本|稳赚|肯定|零风险|绝对安全|当它是定期存款|不用看"  # [zh]
    disclosure = r"不保本"  # [zh]
    promise = r"principal|guarantee|sure|zero risk|absolutely safe|as a time deposit|no need to read"  # [en]
    disclosure = r"not principal"  # [en]
    text = lines[TEXT]
    return lines[text.str.contains(promise, case=False) & ~text.str.contains(disclosure, case=False)]


# %% tracks="analyst" test="flag" points=4
toy = pd.DataFrame({
    "line_id": ["a", "b", "c", "d", "e", "f"],
    "call_id": ["L1", "L1", "L1", "L2", "L2", "L2"],
    "speaker": ["customer", "staff", "staff", "customer", "staff", "staff"],
    "text_zh": ["这个能保本吗？", "本产品不保本，收益可能为负。", "这款产品保本保息，您放心买。",
                "和定期存款比怎么样？", "理财非存款，产品有风险，投资须谨慎。", "您就当它是定期存款，只是利息更高。"],
    "text_en": ["Is my principal guaranteed with this one?", "This product is not principal-protected and returns can be negative.",
                "This product guarantees your principal and interest, buy with confidence.", "How does it compare with a time deposit?",
                "A wealth product is not a deposit; it carries risk, so invest with care.", "Just think of it as a time deposit with higher interest."],
})
result = flag_lines(toy)
assert list(result.columns) == list(toy.columns), "请返回 lines 的行并保留原有列"  # [zh]
assert list(result.columns) == list(toy.columns), "return rows of lines with all its columns"  # [en]
assert "a" not in set(result.line_id), "a 是客户的提问，不是员工的违规"  # [zh]
assert "a" not in set(result.line_id), "line a is a customer's question, not a staff violation"  # [en]
assert not {"b", "e"} & set(result.line_id), "b 和 e 是合规的风险揭示，不应标记"  # [zh]
assert not {"b", "e"} & set(result.line_id), "lines b and e are compliant disclosures and must not be flagged"  # [en]
assert sorted(result.line_id) == ["c", "f"], "c 承诺保本保息，f 把理财说成定期存款"  # [zh]
assert sorted(result.line_id) == ["c", "f"], "line c guarantees principal and interest, line f presents the product as a time deposit"  # [en]
### BEGIN HIDDEN TESTS
column = {"text_zh": 1, "text_en": 2}[TEXT]
banned = {entry[column] for entry in bankdata.TRANSCRIPT_LINES["prohibited"]}
expected = lines.line_id[lines.speaker.eq("staff") & lines[TEXT].isin(banned)]
assert sorted(flag_lines(lines).line_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：每位员工有多少通问题通话
#
# 编写函数 `problem_calls_by_staff(lines, flagged)`。`lines` 是全部通话记录，`flagged` 是其中被标记为违规的句子（和第 1 题的返回值格式相同）。
# 对 `lines` 中出现的**每一位**员工（`staff_id`），统计至少含一句违规话语的**通话**数，没有问题通话的员工记为 0。
# 返回一个以 `staff_id` 为索引、按通话数从多到少排列的 `Series`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): problem calls per member of staff
#
# Write `problem_calls_by_staff(lines, flagged)`. `lines` is the whole transcript table, `flagged` the lines in it that were flagged as prohibited (in the same form as question 1's answer).
# For **every** member of staff (`staff_id`) who appears in `lines`, count the **calls** that contain at least one flagged line, with 0 for staff who have none.
# Return a `Series` indexed by `staff_id`, sorted from most to fewest calls.

# %% solution="calls" tracks="analyst"
def problem_calls_by_staff(lines, flagged):
    ### BEGIN SOLUTION
    calls = flagged.groupby("staff_id").call_id.nunique()
    return calls.reindex(lines.staff_id.unique(), fill_value=0).sort_values(ascending=False)
    ### END SOLUTION


# %% mistake="calls" name="counts-lines" tracks="analyst"
def problem_calls_by_staff(lines, flagged):
    calls = flagged.groupby("staff_id").size()
    return calls.reindex(lines.staff_id.unique(), fill_value=0).sort_values(ascending=False)


# %% mistake="calls" name="drops-clean-staff" tracks="analyst"
def problem_calls_by_staff(lines, flagged):
    return flagged.groupby("staff_id").call_id.nunique().sort_values(ascending=False)


# %% tracks="analyst" test="calls" points=3
toy_lines = pd.DataFrame({
    "line_id": ["a", "b", "c", "d", "e", "f", "g", "h"],
    "call_id": ["L1", "L1", "L1", "L2", "L2", "L3", "L3", "L4"],
    "staff_id": ["S1", "S1", "S1", "S1", "S1", "S2", "S2", "S3"],
})
toy_flagged = toy_lines[toy_lines.line_id.isin(["b", "c", "e", "g"])]
counts = problem_calls_by_staff(toy_lines, toy_flagged)
assert dict(counts) == {"S1": 2, "S2": 1, "S3": 0}, "S1 有两通问题通话（L1 有两句违规，只算一通），S2 一通，S3 为 0"  # [zh]
assert dict(counts) == {"S1": 2, "S2": 1, "S3": 0}, "S1 has two problem calls (L1 has two flagged lines but counts once), S2 one, S3 none"  # [en]
assert list(counts.index) == ["S1", "S2", "S3"], "请按通话数从多到少排列"  # [zh]
assert list(counts.index) == ["S1", "S2", "S3"], "sort from most to fewest calls"  # [en]
### BEGIN HIDDEN TESTS
column = {"text_zh": 1, "text_en": 2}[TEXT]
banned = {entry[column] for entry in bankdata.TRANSCRIPT_LINES["prohibited"]}
true_flagged = lines[lines.speaker.eq("staff") & lines[TEXT].isin(banned)]
seller = lines.groupby("call_id").staff_id.first()
is_problem = pd.Series(seller.index.isin(set(true_flagged.call_id)), index=seller.index)
expected = is_problem.groupby(seller).sum()
got = problem_calls_by_staff(lines, true_flagged)
assert dict(got) == {staff: int(n) for staff, n in expected.items()}
assert list(got.to_numpy()) == sorted(got.to_numpy(), reverse=True)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好。质检人员逐句审阅了金禾银行抽查的销售通话，标出了员工说出的禁止说法。表中按支行列出：抽查的通话数、员工说出的**违规句数**，以及至少含一句违规话语的**问题通话数**。一通电话里说了两句违规的话，违规句数算两句，问题通话只算一通。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. Quality reviewers read Jinhe Bank's sampled sales calls line by line and marked the prohibited statements staff made. The table shows, for each branch, the calls reviewed, the **prohibited lines** staff spoke, and the **problem calls**, those with at least one prohibited line. Two prohibited lines in one call count as two lines but as one problem call.

# %% tracks="frontline"
banned = {entry[1] for entry in bankdata.TRANSCRIPT_LINES["prohibited"]}
prohibited = lines.speaker.eq("staff") & lines.text_zh.isin(banned)
branch_of_call = lines.groupby("call_id").staff_id.first().map(bank.staff.set_index("staff_id").branch_id)
by_branch = pd.DataFrame({
    "calls": branch_of_call.value_counts(),
    "lines": prohibited.groupby(lines.call_id).sum().groupby(branch_of_call).sum(),
    "problem_calls": prohibited.groupby(lines.call_id).any().groupby(branch_of_call).sum(),
}).sort_values("problem_calls", ascending=False)
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["抽查的通话（通）", "员工的违规句数（句）", "问题通话（通）"]  # [zh]
by_branch.columns = ["Calls reviewed", "Prohibited lines by staff", "Problem calls"]  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="problem-calls"

# %% question="prohibited-line"

# %% question="high-rate-offer"

# %% question="compliant-reply"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你在网点旁听一位同事接待客户。同事说："这款理财跟定期存款差不多，利息还高。去年它收益排第一，今年肯定更好。风险揭示书您签个字就行，不用细看。"
# 请指出这段话中每一处违规，说明违反了哪条规则，并写出同事本应怎样说。最后说明你事后会怎么做。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# In the branch you overhear a colleague telling a customer: "This wealth product is much like a time deposit, only with more interest. It was number one last year, so this year it will surely do even better. Just sign the risk disclosure, no need to read it closely."
# Point out each violation in these words and the rule it breaks, and write what the colleague should have said instead. Finally, say what you would do afterwards. (100–200 words)

# %% [markdown] written="overheard-pitch" points=4
# YOUR ANSWER HERE
