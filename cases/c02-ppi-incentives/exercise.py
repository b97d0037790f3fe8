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
# # 案例 2 练习：英国 PPI 与劳埃德银行的奖金门槛
#
# 本练习共 15 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en"
# # Case 2 exercise: UK PPI and Lloyds' bonus thresholds
#
# This exercise is worth 15 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy.casedata import ppi_incentives as case

data = case.load(seed=7)
sales, file_checks, payouts = data["sales"], data["file_checks"], data["payouts"]
thresholds = [10, 15]

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：扎堆比
#
# 编写函数 `bunching_ratio(payouts, threshold)`：返回当月保单数（`policies`）**恰好等于** `threshold` 的"客户经理·月"个数，
# 除以恰好等于 `threshold - 1`（门槛下一格）的个数。没有扭曲时这个比值应接近 1。

# %% [markdown] lang="en"
# ## Question 1 (3 points): the bunching ratio
#
# Write `bunching_ratio(payouts, threshold)`, returning the number of adviser-months whose `policies` is **exactly** `threshold`,
# divided by the number whose `policies` is exactly `threshold - 1`, one below. Without distortion the ratio should be close to 1.

# %% solution="bunching"
def bunching_ratio(payouts, threshold):
    ### BEGIN SOLUTION
    at = (payouts.policies == threshold).sum()
    below = (payouts.policies == threshold - 1).sum()
    return at / below
    ### END SOLUTION


# %% mistake="bunching" name="at-or-above"
def bunching_ratio(payouts, threshold):
    at = (payouts.policies >= threshold).sum()
    below = (payouts.policies == threshold - 1).sum()
    return at / below


# %% mistake="bunching" name="neighbour-above"
def bunching_ratio(payouts, threshold):
    at = (payouts.policies == threshold).sum()
    above = (payouts.policies == threshold + 1).sum()
    return at / above


# %% test="bunching" points=3
toy = pd.DataFrame({"adviser_id": list("abcdefghi"), "policies": [9, 9, 10, 10, 10, 10, 11, 12, 12]})
ratio = bunching_ratio(toy, 10)
assert abs(ratio - 2.0) < 1e-9, "4 个月恰好 10 张，2 个月恰好 9 张：扎堆比为 2"  # [zh]
assert abs(ratio - 2.0) < 1e-9, "4 months at exactly 10 and 2 at exactly 9: the ratio is 2"  # [en]
### BEGIN HIDDEN TESTS
for t in thresholds:
    at = sum(1 for n in payouts.policies if n == t)
    below = sum(1 for n in payouts.policies if n == t - 1)
    assert abs(bunching_ratio(payouts, t) - at / below) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（3 分）：不适当销售在哪里
#
# 编写函数 `unsuitable_share_by_landing(file_checks, sales, payouts, thresholds)`：
# 对每一次抽查，找到被抽查保单所属的客户经理和月份（`sold_on` 所在月，格式 `"YYYY-MM"`），再从 `payouts` 查到该客户经理当月的保单数。
# 当月保单数**恰好等于** `thresholds` 中某个门槛的，归为 `"on_threshold"`，其余归为 `"other"`。
# 返回一个以这两个名称为索引的 `Series`，值为各组**抽查中**结论为 `"unsuitable"` 的占比。

# %% [markdown] lang="en"
# ## Question 2 (3 points): where the unsuitable sales are
#
# Write `unsuitable_share_by_landing(file_checks, sales, payouts, thresholds)`.
# For each file check, find the adviser and month (the month of `sold_on`, as `"YYYY-MM"`) of the policy checked, then look up that adviser's number of policies that month in `payouts`.
# Checks from adviser-months whose count is **exactly** one of `thresholds` go in `"on_threshold"`, all others in `"other"`.
# Return a `Series` indexed by these two names holding, for each group, the share **of the checks** whose verdict is `"unsuitable"`.

# %% solution="landing"
def unsuitable_share_by_landing(file_checks, sales, payouts, thresholds):
    ### BEGIN SOLUTION
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    checked = checked.merge(payouts[["adviser_id", "month", "policies"]], on=["adviser_id", "month"])
    on = checked.policies.isin(thresholds)
    bad = checked.verdict.eq("unsuitable")
    return pd.Series({"on_threshold": bad[on].mean(), "other": bad[~on].mean()})
    ### END SOLUTION


# %% mistake="landing" name="bonus-months-instead"
def unsuitable_share_by_landing(file_checks, sales, payouts, thresholds):
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    checked = checked.merge(payouts[["adviser_id", "month", "policies"]], on=["adviser_id", "month"])
    on = checked.policies >= min(thresholds)
    bad = checked.verdict.eq("unsuitable")
    return pd.Series({"on_threshold": bad[on].mean(), "other": bad[~on].mean()})


# %% mistake="landing" name="unchecked-count-as-suitable"
def unsuitable_share_by_landing(file_checks, sales, payouts, thresholds):
    ledger = sales.assign(month=sales.sold_on.dt.strftime("%Y-%m"))
    ledger = ledger.merge(payouts[["adviser_id", "month", "policies"]], on=["adviser_id", "month"])
    on = ledger.policies.isin(thresholds)
    bad = ledger.sale_id.isin(file_checks.sale_id[file_checks.verdict.eq("unsuitable")])
    return pd.Series({"on_threshold": bad[on].mean(), "other": bad[~on].mean()})


# %% test="landing" points=3
toy_sales = pd.DataFrame({
    "sale_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
    "adviser_id": ["A", "A", "A", "B", "B", "B"],
    "sold_on": pd.to_datetime(["2025-01-05", "2025-01-28", "2025-01-30", "2025-01-10", "2025-01-20", "2025-02-03"]),
})
toy_payouts = pd.DataFrame({"adviser_id": ["A", "B", "B"], "month": ["2025-01", "2025-01", "2025-02"], "policies": [10, 12, 15]})
toy_checks = pd.DataFrame({"sale_id": ["s2", "s3", "s4", "s5", "s6"], "verdict": ["unsuitable", "suitable", "suitable", "unsuitable", "unsuitable"]})
shares = unsuitable_share_by_landing(toy_checks, toy_sales, toy_payouts, [10, 15])
assert sorted(shares.index) == ["on_threshold", "other"], '索引应为 "on_threshold" 和 "other"'  # [zh]
assert sorted(shares.index) == ["on_threshold", "other"], 'the index must be "on_threshold" and "other"'  # [en]
assert abs(shares["on_threshold"] - 2 / 3) < 1e-9, "A 的 1 月（10 张）和 B 的 2 月（15 张）落在门槛上：3 次抽查中 2 次不适当；未被抽查的 s1 不计入"  # [zh]
assert abs(shares["on_threshold"] - 2 / 3) < 1e-9, "A in January (10) and B in February (15) land on a threshold: 2 of their 3 checks are unsuitable; s1 was never checked and does not count"  # [en]
assert abs(shares["other"] - 1 / 2) < 1e-9, "B 的 1 月（12 张）：2 次抽查中 1 次不适当"  # [zh]
assert abs(shares["other"] - 1 / 2) < 1e-9, "B in January (12): 1 of 2 checks is unsuitable"  # [en]
### BEGIN HIDDEN TESTS
count = {(a, m): n for a, m, n in zip(payouts.adviser_id, payouts.month, payouts.policies)}
where = {s: (a, f"{d.year}-{d.month:02d}") for s, a, d in zip(sales.sale_id, sales.adviser_id, sales.sold_on)}
groups = {"on_threshold": [], "other": []}
for sale_id, verdict in zip(file_checks.sale_id, file_checks.verdict):
    group = "on_threshold" if count[where[sale_id]] in thresholds else "other"
    groups[group].append(verdict == "unsuitable")
got = unsuitable_share_by_landing(file_checks, sales, payouts, thresholds)
for group, flags in groups.items():
    assert abs(got[group] - sum(flags) / len(flags)) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 3 题（3 分）：照发的奖金
#
# 编写函数 `paid_despite_unsuitable(file_checks, sales, payouts)`：返回 `payouts` 中满足以下两个条件的行（保留原有列）：
# 当月发了奖金（`bonus_cny` 大于 0），而且该客户经理当月售出的保单**至少被抽查了一张**、被抽查的**全部**为 `"unsuitable"`。

# %% [markdown] lang="en"
# ## Question 3 (3 points): bonuses paid anyway
#
# Write `paid_despite_unsuitable(file_checks, sales, payouts)`, returning the rows of `payouts` (with its columns) where both hold:
# a bonus was paid that month (`bonus_cny` above 0), and of the policies the adviser sold that month **at least one was checked** and **every** one checked is `"unsuitable"`.

# %% solution="paid"
def paid_despite_unsuitable(file_checks, sales, payouts):
    ### BEGIN SOLUTION
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    all_bad = checked.verdict.eq("unsuitable").groupby([checked.adviser_id, checked.month]).all()
    keys = pd.MultiIndex.from_frame(payouts[["adviser_id", "month"]])
    flagged = all_bad.reindex(keys, fill_value=False).to_numpy()
    return payouts[flagged & payouts.bonus_cny.gt(0).to_numpy()]
    ### END SOLUTION


# %% mistake="paid" name="any-instead-of-all"
def paid_despite_unsuitable(file_checks, sales, payouts):
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    any_bad = checked.verdict.eq("unsuitable").groupby([checked.adviser_id, checked.month]).any()
    keys = pd.MultiIndex.from_frame(payouts[["adviser_id", "month"]])
    flagged = any_bad.reindex(keys, fill_value=False).to_numpy()
    return payouts[flagged & payouts.bonus_cny.gt(0).to_numpy()]


# %% mistake="paid" name="ignores-bonus"
def paid_despite_unsuitable(file_checks, sales, payouts):
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    all_bad = checked.verdict.eq("unsuitable").groupby([checked.adviser_id, checked.month]).all()
    keys = pd.MultiIndex.from_frame(payouts[["adviser_id", "month"]])
    return payouts[all_bad.reindex(keys, fill_value=False).to_numpy()]


# %% test="paid" points=3
toy_payouts = pd.DataFrame({"adviser_id": ["A", "A", "B", "C"], "month": ["2025-01", "2025-02", "2025-01", "2025-01"],
                            "policies": [10, 6, 15, 11], "bonus_cny": [800.0, 0.0, 3500.0, 900.0]})
toy_sales = pd.DataFrame({"sale_id": ["a1", "a2", "a3", "a4", "b1", "b2", "c1"], "adviser_id": ["A", "A", "A", "A", "B", "B", "C"],
                          "sold_on": pd.to_datetime(["2025-01-03", "2025-01-30", "2025-02-11", "2025-02-12", "2025-01-08", "2025-01-29", "2025-01-15"])})
toy_checks = pd.DataFrame({"sale_id": ["a1", "a2", "a3", "a4", "b1", "b2"],
                           "verdict": ["unsuitable", "unsuitable", "unsuitable", "unsuitable", "suitable", "unsuitable"]})
result = paid_despite_unsuitable(toy_checks, toy_sales, toy_payouts)
assert list(result.columns) == list(toy_payouts.columns), "返回 payouts 的行，保留原有列"  # [zh]
assert list(result.columns) == list(toy_payouts.columns), "return rows of payouts with its columns"  # [en]
assert list(zip(result.adviser_id, result.month)) == [("A", "2025-01")], "只有 A 的 1 月发了奖金且抽查全部不适当；A 的 2 月没有奖金，B 有一张适当，C 没有被抽查"  # [zh]
assert list(zip(result.adviser_id, result.month)) == [("A", "2025-01")], "only A in January was paid a bonus with every check unsuitable; A in February had no bonus, B had a suitable check, C had no check"  # [en]
### BEGIN HIDDEN TESTS
verdicts = {}
month_of = {s: (a, f"{d.year}-{d.month:02d}") for s, a, d in zip(sales.sale_id, sales.adviser_id, sales.sold_on)}
for sale_id, verdict in zip(file_checks.sale_id, file_checks.verdict):
    verdicts.setdefault(month_of[sale_id], []).append(verdict)
expected = [(a, m) for a, m, b in zip(payouts.adviser_id, payouts.month, payouts.bonus_cny)
            if b > 0 and verdicts.get((a, m)) and all(v == "unsuitable" for v in verdicts[(a, m)])]
got = paid_despite_unsuitable(file_checks, sales, payouts)
assert sorted(zip(got.adviser_id, got.month)) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 金禾银行要修改客户经理的奖金方案。下面哪一项最能消除本案例中的扭曲？
#
# - **A.** 把门槛从 10 张提高到 12 张，只奖励真正的销售能手。
# - **B.** 方案不变，但要求所有客户经理每年完成一次职业道德网课。
# - **C.** 取消按张数计算的阶梯奖金，改为平衡计分卡：质检结论和客户反馈占较大权重，奖金在退保期过后发放并可扣回，同时按人监控门槛附近的销量扎堆。
# - **D.** 奖金改为按季度发放，门槛按季度折算，其余不变。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# Jinhe Bank is changing the advisers' bonus scheme. Which change best removes the distortion seen in this case?
#
# - **A.** Raise the threshold from 10 to 12 policies so that only real top sellers are rewarded.
# - **B.** Keep the scheme, but require every adviser to complete an online ethics course once a year.
# - **C.** Replace the stepped per-policy bonus with a balanced scorecard in which file-check results and customer feedback weigh heavily; pay the bonus after the cancellation period, with clawback; and monitor bunching near thresholds for each adviser.
# - **D.** Pay the bonus quarterly, with the thresholds converted to quarters, and change nothing else.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "C"
### END SOLUTION

# %% mistake="choice" name="higher-threshold"
choice = "A"

# %% mistake="choice" name="quarterly"
choice = "D"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, '请用 "A"、"B"、"C" 或 "D" 作答'  # [zh]
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'  # [en]
### BEGIN HIDDEN TESTS
assert choice == "C"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 你是金禾银行的合规专员。季度复核时你发现：客户经理老陈过去 12 个月里有 9 个月的销量恰好是 10 张或 15 张，这些月份里约四成保单是在月底最后一周卖出的，
# 他被抽查的保单中有一半不适当，其中几位客户是退休人员和个体户。支行行长对你说："老陈是我们的销售冠军，奖金方案是总行定的，你别给他找麻烦。"
#
# 你认为问题的根源是什么？哪些控制措施本可以更早发现？你会怎么做（对客户、对老陈、对奖金方案）？（200–350 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# You are a compliance officer at Jinhe Bank. In a quarterly review you find that in 9 of the last 12 months adviser Chen sold exactly 10 or 15 policies; in those months about 40% of his policies were sold in the last week;
# half of his checked policies were unsuitable, and several of those customers are retired or self-employed. His branch manager tells you: "Chen is our top seller, and head office designed the bonus scheme. Don't make trouble for him."
#
# What do you think is the root cause? Which controls would have caught it sooner? What do you do, for the customers, about Chen and about the bonus scheme? (120–200 words)

# %% [markdown] written="compliance-review" points=4
# YOUR ANSWER HERE
