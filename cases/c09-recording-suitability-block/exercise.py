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
# # 案例 9 练习：录音录像与系统强制的适当性拦截
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case 9 exercise: Recording, and suitability enforced by the system
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 9 练习：录音录像与系统强制的适当性拦截
#
# 本练习共 17 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case 9 exercise: Recording, and suitability enforced by the system
#
# This exercise is worth 17 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import recording_suitability_block as case_data

data = case_data.load()
branches, products, attempts = data["branches"], data["products"], data["attempts"]
recordings, audit_samples, audit_findings = data["recordings"], data["audit_samples"], data["audit_findings"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：上线前后，不匹配的尝试有多少完成了
#
# 编写函数 `mismatch_sold_share(attempts, branches)`。一次尝试"不匹配"是指产品风险等级（`product_level`，如 `"R4"`）的数字**大于**客户风险等级（`customer_level`，如 `"C3"`）的数字。
# 以**每家支行自己的** `go_live` 日期为界：`attempted_at` 早于该日期为 `"before"`，等于或晚于该日期为 `"after"`。
# 返回一个以 `"before"`、`"after"` 依次为索引的 `Series`：各时期不匹配的尝试中，`outcome` 为 `"sold"` 的比例。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): how many mismatched attempts were completed, before and after go-live
#
# Write `mismatch_sold_share(attempts, branches)`. An attempt is "mismatched" when the digit of the product risk level (`product_level`, such as `"R4"`) is **greater than** the digit of the customer risk level (`customer_level`, such as `"C3"`).
# Use **each branch's own** `go_live` date: an `attempted_at` before that date is `"before"`, on or after it is `"after"`.
# Return a `Series` indexed by `"before"` then `"after"`: in each period, the share of mismatched attempts whose `outcome` is `"sold"`.

# %% tracks="analyst" solution="mismatch-sold"
def mismatch_sold_share(attempts, branches):
    ### BEGIN SOLUTION
    go_live = attempts.branch_id.map(branches.set_index("branch_id").go_live)
    phase = pd.Series(np.where(attempts.attempted_at >= go_live, "after", "before"), index=attempts.index)
    mismatch = attempts.product_level.str[1].astype(int) > attempts.customer_level.str[1].astype(int)
    sold = attempts.outcome.eq("sold")
    return sold[mismatch].groupby(phase[mismatch]).mean().reindex(["before", "after"])
    ### END SOLUTION


# %% tracks="analyst" mistake="mismatch-sold" name="one-go-live-date"
def mismatch_sold_share(attempts, branches):
    phase = pd.Series(np.where(attempts.attempted_at >= branches.go_live.min(), "after", "before"), index=attempts.index)
    mismatch = attempts.product_level.str[1].astype(int) > attempts.customer_level.str[1].astype(int)
    sold = attempts.outcome.eq("sold")
    return sold[mismatch].groupby(phase[mismatch]).mean().reindex(["before", "after"])


# %% tracks="analyst" mistake="mismatch-sold" name="compares-text"
def mismatch_sold_share(attempts, branches):
    go_live = attempts.branch_id.map(branches.set_index("branch_id").go_live)
    phase = pd.Series(np.where(attempts.attempted_at >= go_live, "after", "before"), index=attempts.index)
    mismatch = attempts.product_level > attempts.customer_level
    sold = attempts.outcome.eq("sold")
    return sold[mismatch].groupby(phase[mismatch]).mean().reindex(["before", "after"])


# %% tracks="analyst" test="mismatch-sold" points=3
toy_branches = pd.DataFrame({"branch_id": ["B1", "B2"], "go_live": pd.to_datetime(["2024-01-01", "2024-04-01"])})
toy = pd.DataFrame({
    "attempt_id": ["a", "b", "c", "d", "e", "f"],
    "branch_id": ["B1", "B1", "B2", "B2", "B2", "B1"],
    "attempted_at": pd.to_datetime(["2023-12-15", "2024-02-01", "2024-02-01", "2024-02-10", "2024-05-01", "2024-03-01"]),
    "customer_level": ["C2", "C2", "C3", "C3", "C1", "C4"],
    "product_level": ["R3", "R4", "R4", "R4", "R2", "R2"],
    "outcome": ["sold", "blocked", "sold", "abandoned", "blocked", "sold"],
})
result = mismatch_sold_share(toy, toy_branches)
assert list(result.index) == ["before", "after"], '索引依次为 "before" 和 "after"'  # [zh]
assert list(result.index) == ["before", "after"], 'index "before" then "after"'  # [en]
assert np.allclose(result.to_numpy(dtype=float), [2 / 3, 0.0]), "上线前：a、c、d 不匹配（B2 四月才上线），其中两笔完成；上线后：b 和 e 不匹配，都被拦截；f 不是不匹配"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [2 / 3, 0.0]), "before: a, c and d are mismatched (B2 went live in April) and two were sold; after: b and e, both blocked; f is no mismatch"  # [en]
### BEGIN HIDDEN TESTS
result = mismatch_sold_share(attempts, branches)
live = {b: d for b, d in zip(branches.branch_id, branches.go_live)}
tally = {"before": [0, 0], "after": [0, 0]}
for b, t, c, p, o in zip(attempts.branch_id, attempts.attempted_at, attempts.customer_level, attempts.product_level, attempts.outcome):
    if int(p[1]) > int(c[1]):
        key = "after" if t >= live[b] else "before"
        tally[key][0] += o == "sold"
        tally[key][1] += 1
assert np.allclose(result.to_numpy(dtype=float), [tally["before"][0] / tally["before"][1], tally["after"][0] / tally["after"][1]])
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：录音录像覆盖率
#
# 编写函数 `recording_coverage(attempts, recordings, products)`，按季度计算**应当录音录像**的销售中，有**可用**录音录像的比例。
#
# - 应当录音录像的销售：`channel` 为 `"branch"`、`outcome` 为 `"sold"`，且产品的 `recording_required` 为 `True`；
# - 可用的录音录像：`recordings` 中该笔销售（`attempt_id`）的录音录像 `audio_ok` 和 `video_ok` 都为 `True`。
#
# 季度按 `attempted_at` 计算，写成 `"2024Q1"` 的形式（`attempted_at.dt.to_period("Q").astype(str)`）。返回以季度为索引、按时间排列的 `Series`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): recording coverage
#
# Write `recording_coverage(attempts, recordings, products)`, computing by quarter the share of sales that **must be recorded** which have a **usable** recording.
#
# - Sales that must be recorded: `channel` is `"branch"`, `outcome` is `"sold"`, and the product's `recording_required` is `True`.
# - A usable recording: a recording of that sale (`attempt_id`) in `recordings` with both `audio_ok` and `video_ok` `True`.
#
# Take the quarter of `attempted_at`, written like `"2024Q1"` (`attempted_at.dt.to_period("Q").astype(str)`). Return a `Series` indexed by quarter, in time order.

# %% tracks="analyst" solution="coverage"
def recording_coverage(attempts, recordings, products):
    ### BEGIN SOLUTION
    required = attempts.product_id.map(products.set_index("product_id").recording_required).astype(bool)
    due = attempts[(attempts.channel == "branch") & (attempts.outcome == "sold") & required]
    good = recordings.attempt_id[recordings.audio_ok & recordings.video_ok]
    usable = due.attempt_id.isin(good)
    return usable.groupby(due.attempted_at.dt.to_period("Q").astype(str)).mean()
    ### END SOLUTION


# %% tracks="analyst" mistake="coverage" name="includes-optional-products"
def recording_coverage(attempts, recordings, products):
    due = attempts[(attempts.channel == "branch") & (attempts.outcome == "sold")]
    good = recordings.attempt_id[recordings.audio_ok & recordings.video_ok]
    usable = due.attempt_id.isin(good)
    return usable.groupby(due.attempted_at.dt.to_period("Q").astype(str)).mean()


# %% tracks="analyst" mistake="coverage" name="any-recording-counts"
def recording_coverage(attempts, recordings, products):
    required = attempts.product_id.map(products.set_index("product_id").recording_required).astype(bool)
    due = attempts[(attempts.channel == "branch") & (attempts.outcome == "sold") & required]
    usable = due.attempt_id.isin(recordings.attempt_id)
    return usable.groupby(due.attempted_at.dt.to_period("Q").astype(str)).mean()


# %% tracks="analyst" test="coverage" points=3
toy_products = pd.DataFrame({"product_id": ["P1", "P2"], "recording_required": [True, False]})
toy = pd.DataFrame({
    "attempt_id": ["a1", "a2", "a3", "a4", "a5", "a6"],
    "attempted_at": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-03-01", "2024-03-05", "2024-03-06", "2024-04-02"]),
    "channel": ["branch", "branch", "branch", "mobile", "branch", "branch"],
    "product_id": ["P1", "P1", "P2", "P1", "P1", "P1"],
    "outcome": ["sold", "sold", "sold", "sold", "blocked", "sold"],
})
toy_recordings = pd.DataFrame({"recording_id": ["r1", "r2", "r6"], "attempt_id": ["a1", "a2", "a6"],
                               "audio_ok": [True, False, True], "video_ok": [True, True, True]})
result = recording_coverage(toy, toy_recordings, toy_products)
assert list(result.index) == ["2024Q1", "2024Q2"], "每个季度一个值，按时间排列"  # [zh]
assert list(result.index) == ["2024Q1", "2024Q2"], "one value per quarter, in time order"  # [en]
assert np.allclose(result.to_numpy(dtype=float), [0.5, 1.0]), "2024Q1：只有 a1 和 a2 必须录音录像，而 a2 的声音不完整；2024Q2：a6 有可用的录音录像"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [0.5, 1.0]), "2024Q1: only a1 and a2 must be recorded, and a2's sound failed; 2024Q2: a6 is recorded"  # [en]
### BEGIN HIDDEN TESTS
result = recording_coverage(attempts, recordings, products)
must = set(products.product_id[products.recording_required])
ok = set(recordings.attempt_id[recordings.audio_ok & recordings.video_ok])
counts = {}
for a, t, ch, p, o in zip(attempts.attempt_id, attempts.attempted_at, attempts.channel, attempts.product_id, attempts.outcome):
    if ch == "branch" and o == "sold" and p in must:
        q = f"{t.year}Q{(t.month - 1) // 3 + 1}"
        hit, total = counts.get(q, (0, 0))
        counts[q] = (hit + (a in ok), total + 1)
assert list(result.index) == sorted(counts)
assert np.allclose(result.to_numpy(dtype=float), [counts[q][0] / counts[q][1] for q in sorted(counts)])
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：每 100 笔抽查销售的审计问题数
#
# 编写函数 `findings_per_100(audit_samples, audit_findings)`，按季度计算：该季度审计问题的条数 ÷ 该季度抽查的销售笔数 × 100。
# 注意一笔销售可能有多个问题；没有任何问题的季度也要出现，数值为 0。返回以季度为索引、按时间排列的 `Series`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): audit findings per 100 sales checked
#
# Write `findings_per_100(audit_samples, audit_findings)`, computing by quarter: the number of audit findings in the quarter ÷ the number of sales checked in the quarter × 100.
# A sale may have several findings; a quarter without any finding must still appear, with 0. Return a `Series` indexed by quarter, in time order.

# %% tracks="analyst" solution="findings"
def findings_per_100(audit_samples, audit_findings):
    ### BEGIN SOLUTION
    checked = audit_samples.groupby("quarter").size()
    found = audit_findings.groupby("quarter").size().reindex(checked.index, fill_value=0)
    return 100 * found / checked
    ### END SOLUTION


# %% tracks="analyst" mistake="findings" name="sales-with-findings"
def findings_per_100(audit_samples, audit_findings):
    checked = audit_samples.groupby("quarter").size()
    found = audit_findings.groupby("quarter").sample_id.nunique().reindex(checked.index, fill_value=0)
    return 100 * found / checked


# %% tracks="analyst" mistake="findings" name="mean-of-branch-rates"
def findings_per_100(audit_samples, audit_findings):
    checked = audit_samples.groupby(["quarter", "branch_id"]).size()
    found = audit_findings.groupby(["quarter", "branch_id"]).size().reindex(checked.index, fill_value=0)
    return (100 * found / checked).groupby(level="quarter").mean()


# %% tracks="analyst" test="findings" points=3
toy_samples = pd.DataFrame({"sample_id": ["s1", "s2", "s3", "s4", "s5", "s6", "s7"],
                            "quarter": ["2024Q1"] * 5 + ["2024Q2"] * 2,
                            "branch_id": ["B1", "B1", "B1", "B1", "B2", "B1", "B1"]})
toy_findings = pd.DataFrame({"finding_id": ["f1", "f2", "f3"], "sample_id": ["s1", "s1", "s5"],
                             "quarter": ["2024Q1"] * 3, "branch_id": ["B1", "B1", "B2"],
                             "category": ["suitability_mismatch", "missing_recording", "documentation"]})
result = findings_per_100(toy_samples, toy_findings)
assert list(result.index) == ["2024Q1", "2024Q2"], "每个有抽查的季度都要出现，按时间排列"  # [zh]
assert list(result.index) == ["2024Q1", "2024Q2"], "every quarter that was sampled, in time order"  # [en]
assert np.allclose(result.to_numpy(dtype=float), [60.0, 0.0]), "2024Q1：抽查 5 笔，发现 3 个问题；2024Q2：抽查 2 笔，没有问题"  # [zh]
assert np.allclose(result.to_numpy(dtype=float), [60.0, 0.0]), "2024Q1: 3 findings in 5 sales checked; 2024Q2: none in 2"  # [en]
### BEGIN HIDDEN TESTS
result = findings_per_100(audit_samples, audit_findings)
quarters = sorted(set(audit_samples.quarter))
expected = [100 * (audit_findings.quarter == q).sum() / (audit_samples.quarter == q).sum() for q in quarters]
assert list(result.index) == quarters
assert np.allclose(result.to_numpy(dtype=float), expected)
### END HIDDEN TESTS

# %% question="recording-scope"

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它按支行统计了**风险不匹配**的销售尝试（产品风险等级高于客户风险等级），以各支行自己的上线日期为界，分成上线前和上线后两段，并列出每一段中最终**完成**的笔数。
# 上线前，旧系统只弹出警告，客户签一份“坚持购买”的声明就能继续；上线后，新系统拦截所有不匹配的销售。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. For each branch it counts the **mismatched** attempted sales (the product's risk level above the customer's), split at the branch's own go-live date into before and after, with how many in each period were **completed**.
# Before go-live the old system only warned, and the sale went on once the customer signed an "I insist on buying" waiver; after it, the new system blocks every mismatched sale.

# %% tracks="frontline"
go_live = attempts.branch_id.map(branches.set_index("branch_id").go_live)
mismatch = attempts.product_level.str[1].astype(int) > attempts.customer_level.str[1].astype(int)
after = attempts.attempted_at >= go_live
sold = attempts.outcome.eq("sold")
by_branch = pd.DataFrame({
    "before": (mismatch & ~after).groupby(attempts.branch_id).sum(),
    "before_sold": (mismatch & ~after & sold).groupby(attempts.branch_id).sum(),
    "after": (mismatch & after).groupby(attempts.branch_id).sum(),
    "after_sold": (mismatch & after & sold).groupby(attempts.branch_id).sum(),
})
by_branch.index = by_branch.index.map(branches.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(branches.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["上线前不匹配的尝试（笔）", "上线前完成的（笔）", "上线后不匹配的尝试（笔）", "上线后完成的（笔）"]  # [zh]
by_branch.columns = ["Mismatched attempts before go-live", "completed before go-live", "Mismatched attempts after go-live", "completed after go-live"]  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="completed-before"

# %% question="insists-waiver"

# %% question="reassess-after-block"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 2025 年 7 月，你是广州天河支行的行长。合规部门发来一份清单：新系统上线以来，本支行有 46 笔销售尝试被系统拦截，其中 31 笔在几天之内，客户被重新测评到更高的等级后，又买成了同一款产品，全部由同两名理财经理经办。
# 其中一位对你说："问卷都是客户自己答的，我们只是帮他们解释了一下题目。"
#
# 请说明：这种做法的根本原因是什么；哪些控制措施能够发现并阻止它；坐在行长的位置上，你接下来会做什么。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# It is July 2025 and you manage the Guangzhou Tianhe branch. Compliance sends you a list: since the new system went live, 46 attempted sales at your branch were blocked, and in 31 of them the customer was reassessed at a higher level within a few days and then bought the same product, all through the same two wealth advisors.
# One of them tells you: "The customers filled in the questionnaire themselves; we only explained the questions to them."
#
# Explain the root cause of this practice, which controls can detect and stop it, and, in the branch manager's seat, what you would do next. (100–200 words)

# %% [markdown] written="block-workaround" points=4
# YOUR ANSWER HERE
