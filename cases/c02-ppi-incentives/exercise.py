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
# # 案例 c02 练习：英国 PPI 与劳埃德银行的奖金门槛
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case c02 exercise: UK PPI and Lloyds' bonus thresholds
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 c02 练习：英国 PPI 与劳埃德银行的奖金门槛
#
# 本练习共 17 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case c02 exercise: UK PPI and Lloyds' bonus thresholds
#
# This exercise is worth 17 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy.casedata import ppi_incentives as case

data = case.load(seed=7)
sales, file_checks, payouts = data["sales"], data["file_checks"], data["payouts"]
thresholds = [10, 15]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：门槛上方集中度
#
# 编写函数 `threshold_concentration(payouts, threshold)`：返回当月保单数（`policies`）**恰好等于** `threshold` 的人·月（一名客户经理的一个月）个数，
# 除以恰好等于 `threshold - 1`（门槛下一格）的个数。这就是门槛上方集中度；没有扭曲时它应接近 1。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): concentration just above the threshold
#
# Write `threshold_concentration(payouts, threshold)`, returning the number of person-months (one adviser's month) whose `policies` is **exactly** `threshold`,
# divided by the number whose `policies` is exactly `threshold - 1`, one below. This is the concentration just above the threshold; without distortion it should be close to 1.

# %% solution="concentration" tracks="analyst"
def threshold_concentration(payouts, threshold):
    ### BEGIN SOLUTION
    at = (payouts.policies == threshold).sum()
    below = (payouts.policies == threshold - 1).sum()
    return at / below
    ### END SOLUTION


# %% mistake="concentration" name="at-or-above" tracks="analyst"
def threshold_concentration(payouts, threshold):
    at = (payouts.policies >= threshold).sum()
    below = (payouts.policies == threshold - 1).sum()
    return at / below


# %% mistake="concentration" name="neighbour-above" tracks="analyst"
def threshold_concentration(payouts, threshold):
    at = (payouts.policies == threshold).sum()
    above = (payouts.policies == threshold + 1).sum()
    return at / above


# %% test="concentration" points=3 tracks="analyst"
toy = pd.DataFrame({"adviser_id": list("abcdefghi"), "policies": [9, 9, 10, 10, 10, 10, 11, 12, 12]})
ratio = threshold_concentration(toy, 10)
assert abs(ratio - 2.0) < 1e-9, "4 个人·月恰好 10 张，2 个人·月恰好 9 张：门槛上方集中度为 2"  # [zh]
assert abs(ratio - 2.0) < 1e-9, "4 person-months at exactly 10 and 2 at exactly 9: the concentration is 2"  # [en]
### BEGIN HIDDEN TESTS
for t in thresholds:
    at = sum(1 for n in payouts.policies if n == t)
    below = sum(1 for n in payouts.policies if n == t - 1)
    assert abs(threshold_concentration(payouts, t) - at / below) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：不适当销售在哪里
#
# 编写函数 `unsuitable_share_by_landing(file_checks, sales, payouts, thresholds)`：
# 对每一次抽查，找到被抽查保单所属的客户经理和月份（`sold_on` 所在月，格式 `"YYYY-MM"`），再从 `payouts` 查到该客户经理当月的保单数。
# 当月保单数**恰好等于** `thresholds` 中某个门槛的，归为 `"on_threshold"`，其余归为 `"other"`。
# 返回一个以这两个名称为索引的 `Series`，值为各组**抽查中**结论为 `"unsuitable"` 的占比。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): where the unsuitable sales are
#
# Write `unsuitable_share_by_landing(file_checks, sales, payouts, thresholds)`.
# For each file check, find the adviser and month (the month of `sold_on`, as `"YYYY-MM"`) of the policy checked, then look up that adviser's number of policies that month in `payouts`.
# Checks from person-months whose count is **exactly** one of `thresholds` go in `"on_threshold"`, all others in `"other"`.
# Return a `Series` indexed by these two names holding, for each group, the share **of the checks** whose verdict is `"unsuitable"`.

# %% solution="landing" tracks="analyst"
def unsuitable_share_by_landing(file_checks, sales, payouts, thresholds):
    ### BEGIN SOLUTION
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    checked = checked.merge(payouts[["adviser_id", "month", "policies"]], on=["adviser_id", "month"])
    on = checked.policies.isin(thresholds)
    bad = checked.verdict.eq("unsuitable")
    return pd.Series({"on_threshold": bad[on].mean(), "other": bad[~on].mean()})
    ### END SOLUTION


# %% mistake="landing" name="bonus-months-instead" tracks="analyst"
def unsuitable_share_by_landing(file_checks, sales, payouts, thresholds):
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    checked = checked.merge(payouts[["adviser_id", "month", "policies"]], on=["adviser_id", "month"])
    on = checked.policies >= min(thresholds)
    bad = checked.verdict.eq("unsuitable")
    return pd.Series({"on_threshold": bad[on].mean(), "other": bad[~on].mean()})


# %% mistake="landing" name="unchecked-count-as-suitable" tracks="analyst"
def unsuitable_share_by_landing(file_checks, sales, payouts, thresholds):
    ledger = sales.assign(month=sales.sold_on.dt.strftime("%Y-%m"))
    ledger = ledger.merge(payouts[["adviser_id", "month", "policies"]], on=["adviser_id", "month"])
    on = ledger.policies.isin(thresholds)
    bad = ledger.sale_id.isin(file_checks.sale_id[file_checks.verdict.eq("unsuitable")])
    return pd.Series({"on_threshold": bad[on].mean(), "other": bad[~on].mean()})


# %% test="landing" points=3 tracks="analyst"
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

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：照发的奖金
#
# 编写函数 `paid_despite_unsuitable(file_checks, sales, payouts)`：返回 `payouts` 中满足以下两个条件的行（保留原有列）：
# 当月发了奖金（`bonus_cny` 大于 0），而且该客户经理当月售出的保单**至少被抽查了一张**、被抽查的**全部**为 `"unsuitable"`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): bonuses paid anyway
#
# Write `paid_despite_unsuitable(file_checks, sales, payouts)`, returning the rows of `payouts` (with its columns) where both hold:
# a bonus was paid that month (`bonus_cny` above 0), and of the policies the adviser sold that month **at least one was checked** and **every** one checked is `"unsuitable"`.

# %% solution="paid" tracks="analyst"
def paid_despite_unsuitable(file_checks, sales, payouts):
    ### BEGIN SOLUTION
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    all_bad = checked.verdict.eq("unsuitable").groupby([checked.adviser_id, checked.month]).all()
    keys = pd.MultiIndex.from_frame(payouts[["adviser_id", "month"]])
    flagged = all_bad.reindex(keys, fill_value=False).to_numpy()
    return payouts[flagged & payouts.bonus_cny.gt(0).to_numpy()]
    ### END SOLUTION


# %% mistake="paid" name="any-instead-of-all" tracks="analyst"
def paid_despite_unsuitable(file_checks, sales, payouts):
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    any_bad = checked.verdict.eq("unsuitable").groupby([checked.adviser_id, checked.month]).any()
    keys = pd.MultiIndex.from_frame(payouts[["adviser_id", "month"]])
    flagged = any_bad.reindex(keys, fill_value=False).to_numpy()
    return payouts[flagged & payouts.bonus_cny.gt(0).to_numpy()]


# %% mistake="paid" name="ignores-bonus" tracks="analyst"
def paid_despite_unsuitable(file_checks, sales, payouts):
    checked = file_checks.merge(sales[["sale_id", "adviser_id", "sold_on"]], on="sale_id")
    checked["month"] = checked.sold_on.dt.strftime("%Y-%m")
    all_bad = checked.verdict.eq("unsuitable").groupby([checked.adviser_id, checked.month]).all()
    keys = pd.MultiIndex.from_frame(payouts[["adviser_id", "month"]])
    return payouts[all_bad.reindex(keys, fill_value=False).to_numpy()]


# %% test="paid" points=3 tracks="analyst"
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

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好。第一张表统计了"某名客户经理某个月卖出多少张金禾安贷保"这一数字出现的次数，单位是**人·月**（一名客户经理的一个月）。奖金门槛是 10 张（达标奖）和 15 张（冲刺奖）。
# 如果客户经理只是按客户需要来卖，各个张数出现的次数应当平滑变化，不会在门槛上突然变多。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. The first table counts how often each monthly number of Jinhe LoanGuard policies occurs, in **person-months** (one adviser's month). The bonus thresholds are 10 policies (the target step) and 15 (the stretch step).
# If advisers simply sold to customers who needed the cover, the counts would change smoothly from one number to the next, with no sudden pile-up on a threshold.

# %% tracks="frontline"
months = payouts.policies.value_counts().reindex(range(7, 17), fill_value=0)
months.rename_axis("当月售出保单数（张）").rename("人·月个数").to_frame()  # [zh]
months.rename_axis("Policies sold in the month").rename("Person-months").to_frame()  # [en]

# %% [markdown] lang="zh" tracks="frontline"
# 第二张表计算**门槛上方集中度**：恰好落在门槛上的人·月个数 ÷ 门槛下一格的人·月个数。没有扭曲时，它应当接近 1。

# %% [markdown] lang="en" tracks="frontline"
# The second table computes the **concentration just above the threshold**: the person-months exactly at the threshold divided by those one below it. Without distortion it should be close to 1.

# %% tracks="frontline"
per_count = payouts.policies.value_counts()
concentration = pd.DataFrame({"at": [per_count[t] for t in thresholds], "below": [per_count[t - 1] for t in thresholds]}, index=thresholds)
concentration["ratio"] = (concentration["at"] / concentration["below"]).round(1)
concentration.columns = ["恰好在门槛上的人·月", "门槛下一格的人·月", "门槛上方集中度"]  # [zh]
concentration.columns = ["Person-months at the threshold", "Person-months one below", "Concentration just above the threshold"]  # [en]
concentration.rename_axis("奖金门槛（张）")  # [zh]
concentration.rename_axis("Bonus threshold (policies)")  # [en]

# %% question="threshold-count"

# %% question="ineligible-customer"

# %% question="hold-bonus"

# %% question="scheme-redesign"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你是金禾银行的合规专员。季度复核时你发现：客户经理老陈过去 12 个月里有 9 个月的销量恰好是 10 张或 15 张，这些月份里约四成保单是在月底最后一周卖出的，
# 他被抽查的保单中有一半不适当，其中几位客户是退休人员和个体户。支行行长对你说："老陈是我们的销售冠军，奖金方案是总行定的，你别给他找麻烦。"
#
# 你认为问题的根源是什么？哪些控制措施本可以更早发现？你会怎么做（对客户、对老陈、对奖金方案）？（200–350 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You are a compliance officer at Jinhe Bank. In a quarterly review you find that in 9 of the last 12 months adviser Chen sold exactly 10 or 15 policies; in those months about 40% of his policies were sold in the last week;
# half of his checked policies were unsuitable, and several of those customers are retired or self-employed. His branch manager tells you: "Chen is our top seller, and head office designed the bonus scheme. Don't make trouble for him."
#
# What do you think is the root cause? Which controls would have caught it sooner? What do you do, for the customers, about Chen and about the bonus scheme? (120–200 words)

# %% [markdown] written="compliance-review" points=4
# YOUR ANSWER HERE
