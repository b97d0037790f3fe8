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
# # 案例 10 练习：神秘顾客——直接检验柜台前的销售行为
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case 10 exercise: Mystery shopping, testing sales conduct at the desk
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 10 练习：神秘顾客——直接检验柜台前的销售行为
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case 10 exercise: Mystery shopping, testing sales conduct at the desk
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import math

import numpy as np
import pandas as pd

from salesacademy.casedata import mystery_shopping

data = mystery_shopping.load()
checklist, visits, results = data["checklist"], data["visits"], data["results"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：按检查项和轮次计算通过率
#
# 编写函数 `pass_rates(results, visits)`，返回每个检查项在每一轮的通过率：通过次数 ÷（通过 + 未通过）次数，**不计"不适用"**（`not_applicable`）的行。
# 所有到访放在一起计算（不要先算各支行的通过率再平均）。`results` 中的轮次要通过 `visit_id` 从 `visits.wave` 取得。
# 返回一个 `DataFrame`：以 `item_id` 为索引，列为轮次 `1` 和 `2`，取值为 0 到 1 之间的小数。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): pass rate by item and wave
#
# Write `pass_rates(results, visits)`, returning the pass rate of every checklist item in every wave: passes ÷ (passes + fails), **leaving out the "not applicable"** (`not_applicable`) rows.
# Pool all visits (do not average the branches' rates). The wave of a row of `results` comes from `visits.wave`, through `visit_id`.
# Return a `DataFrame` indexed by `item_id`, with the waves `1` and `2` as columns and fractions between 0 and 1 as values.

# %% solution="pass-rates" tracks="analyst"
def pass_rates(results, visits):
    ### BEGIN SOLUTION
    checks = results.merge(visits[["visit_id", "wave"]], on="visit_id")
    checks = checks[checks.result != "not_applicable"]
    return checks.result.eq("pass").groupby([checks.item_id, checks.wave]).mean().unstack("wave")
    ### END SOLUTION


# %% mistake="pass-rates" name="not-applicable-as-fail" tracks="analyst"
def pass_rates(results, visits):
    checks = results.merge(visits[["visit_id", "wave"]], on="visit_id")
    return checks.result.eq("pass").groupby([checks.item_id, checks.wave]).mean().unstack("wave")


# %% mistake="pass-rates" name="mean-of-branch-rates" tracks="analyst"
def pass_rates(results, visits):
    checks = results.merge(visits[["visit_id", "wave", "branch_id"]], on="visit_id")
    checks = checks[checks.result != "not_applicable"]
    by_branch = checks.result.eq("pass").groupby([checks.item_id, checks.wave, checks.branch_id]).mean()
    return by_branch.groupby(level=["item_id", "wave"]).mean().unstack("wave")


# %% tracks="analyst" test="pass-rates" points=3
toy_visits = pd.DataFrame({"visit_id": ["v1", "v2", "v3", "v4", "v5"], "wave": [1, 1, 1, 2, 2], "branch_id": ["B1", "B1", "B2", "B1", "B2"]})
toy_results = pd.DataFrame({
    "visit_id": ["v1", "v2", "v3", "v4", "v5"] * 2,
    "item_id": ["disclosure"] * 5 + ["elderly"] * 5,
    "result": ["pass", "pass", "fail", "pass", "pass", "pass", "not_applicable", "not_applicable", "fail", "not_applicable"],
})
rates = pass_rates(toy_results, toy_visits)
assert sorted(rates.index) == ["disclosure", "elderly"], "每个检查项（item_id）一行"  # [zh]
assert sorted(rates.index) == ["disclosure", "elderly"], "one row per item_id"  # [en]
assert sorted(rates.columns) == [1, 2], "每一轮一列，列名为 1 和 2"  # [zh]
assert sorted(rates.columns) == [1, 2], "one column per wave, named 1 and 2"  # [en]
assert np.isclose(rates.loc["disclosure", 1], 2 / 3), "第一轮 disclosure：各支行合在一起，3 次到访中通过 2 次"  # [zh]
assert np.isclose(rates.loc["disclosure", 1], 2 / 3), "wave 1, disclosure: 2 passes in 3 visits, pooled over the branches"  # [en]
assert np.isclose(rates.loc["elderly", 1], 1.0), "第一轮 elderly：只有 1 次到访适用，通过 1 次；不适用的不计入"  # [zh]
assert np.isclose(rates.loc["elderly", 1], 1.0), "wave 1, elderly: 1 pass in the 1 visit where it applied; not applicable rows do not count"  # [en]
assert np.isclose(rates.loc["elderly", 2], 0.0) and np.isclose(rates.loc["disclosure", 2], 1.0), "第二轮：elderly 适用的 1 次未通过（0），disclosure 2 次都通过（1）"  # [zh]
assert np.isclose(rates.loc["elderly", 2], 0.0) and np.isclose(rates.loc["disclosure", 2], 1.0), "wave 2: elderly failed its 1 applicable visit (0), disclosure passed both visits (1)"  # [en]
### BEGIN HIDDEN TESTS
wave_of = dict(zip(visits.visit_id, visits.wave))
tally = {}
for visit, item, result in zip(results.visit_id, results.item_id, results.result):
    if result != "not_applicable":
        passes, total = tally.get((item, wave_of[visit]), (0, 0))
        tally[(item, wave_of[visit])] = (passes + (result == "pass"), total + 1)
rates = pass_rates(results, visits)
assert sorted(rates.index) == sorted(checklist.item_id)
for (item, wave), (passes, total) in tally.items():
    assert np.isclose(rates.loc[item, wave], passes / total), (item, wave)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：扣除共同变化后的辅导效果
#
# 编写函数 `coaching_effect(rates, checklist)`。`rates` 的格式与上一题的返回值相同（以 `item_id` 为索引，列为轮次 `1` 和 `2`）；`checklist.coached` 标出被辅导的检查项。
# 先算出每个检查项从第一轮到第二轮的变化（第二轮 − 第一轮），再返回：**被辅导检查项的平均变化 − 未辅导检查项的平均变化**（每个检查项权重相同），结果为一个小数（例如 0.25 表示 25 个百分点）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): the coaching effect, net of the shared change
#
# Write `coaching_effect(rates, checklist)`. `rates` has the format returned by `pass_rates` in the previous question (indexed by `item_id`, with the waves `1` and `2` as columns); `checklist.coached` marks the coached items.
# First compute each item's change from wave 1 to wave 2 (wave 2 − wave 1), then return **the mean change of the coached items − the mean change of the uncoached items** (each item weighted equally), as a fraction (0.25 means 25 percentage points).

# %% solution="coaching-effect" tracks="analyst"
def coaching_effect(rates, checklist):
    ### BEGIN SOLUTION
    change = rates[2] - rates[1]
    coached = checklist.set_index("item_id").coached.reindex(change.index).astype(bool)
    return float(change[coached].mean() - change[~coached].mean())
    ### END SOLUTION


# %% mistake="coaching-effect" name="coached-change-only" tracks="analyst"
def coaching_effect(rates, checklist):
    change = rates[2] - rates[1]
    coached = checklist.set_index("item_id").coached.reindex(change.index).astype(bool)
    return float(change[coached].mean())


# %% mistake="coaching-effect" name="wave-two-levels" tracks="analyst"
def coaching_effect(rates, checklist):
    coached = checklist.set_index("item_id").coached.reindex(rates.index).astype(bool)
    return float(rates[2][coached].mean() - rates[2][~coached].mean())


# %% tracks="analyst" test="coaching-effect" points=3
toy_rates = pd.DataFrame({1: [0.4, 0.5, 0.8, 0.9], 2: [0.8, 0.7, 0.85, 0.95]}, index=pd.Index(["a", "b", "c", "d"], name="item_id"))
toy_checklist = pd.DataFrame({"item_id": ["d", "c", "b", "a"], "coached": [False, False, True, True]})
effect = coaching_effect(toy_rates, toy_checklist)
assert np.isscalar(effect), "请返回一个数"  # [zh]
assert np.isscalar(effect), "return a single number"  # [en]
assert np.isclose(effect, 0.25), "被辅导的 a、b 分别上升 0.4 和 0.2（平均 0.3），未辅导的 c、d 各上升 0.05：效果为 0.25"  # [zh]
assert np.isclose(effect, 0.25), "coached items a and b rose by 0.4 and 0.2 (mean 0.3), uncoached c and d by 0.05: the effect is 0.25"  # [en]
### BEGIN HIDDEN TESTS
checks = results.merge(visits[["visit_id", "wave"]], on="visit_id")
checks = checks[checks.result != "not_applicable"]
real = checks.assign(passed=checks.result == "pass").pivot_table(index="item_id", columns="wave", values="passed", aggfunc="mean")
coached_set = set(checklist.item_id[checklist.coached])
gains = {item: real.loc[item, 2] - real.loc[item, 1] for item in real.index}
expected = np.mean([g for i, g in gains.items() if i in coached_set]) - np.mean([g for i, g in gains.items() if i not in coached_set])
assert np.isclose(coaching_effect(real, checklist), expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：只标记证据充分的支行
#
# 金禾银行的规则是：某支行在某一轮、某个检查项上的 95% Wilson 区间**上限**低于目标时，才标记为"明确低于目标"。
# 编写函数 `flag_branches(results, visits, item_id, wave, target)`，返回该检查项、该轮次中被标记的支行代码列表，按字母顺序排列。"不适用"的行不计。
#
# 可以使用 `mystery_shopping.wilson_interval(passes, n)`，它返回 `(下限, 上限)`；也可以按案例中的公式自己计算（z = 1.96）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): flag only the branches where the evidence is strong
#
# Jinhe Bank's rule: a branch is flagged "clearly below target" on an item in a wave only when the **upper end** of its 95% Wilson interval is below the target.
# Write `flag_branches(results, visits, item_id, wave, target)`, returning the sorted list of the branch codes flagged on that item in that wave. Leave out the "not applicable" rows.
#
# You may use `mystery_shopping.wilson_interval(passes, n)`, which returns `(low, high)`, or compute it yourself with the formula in the case (z = 1.96).

# %% solution="flag" tracks="analyst"
def flag_branches(results, visits, item_id, wave, target):
    ### BEGIN SOLUTION
    checks = results.merge(visits[["visit_id", "wave", "branch_id"]], on="visit_id")
    part = checks[(checks.item_id == item_id) & (checks.wave == wave) & (checks.result != "not_applicable")]
    counts = part.result.eq("pass").groupby(part.branch_id).agg(["sum", "size"])
    _, high = mystery_shopping.wilson_interval(counts["sum"], counts["size"])
    return sorted(counts.index[high < target])
    ### END SOLUTION


# %% mistake="flag" name="point-estimate" tracks="analyst"
def flag_branches(results, visits, item_id, wave, target):
    checks = results.merge(visits[["visit_id", "wave", "branch_id"]], on="visit_id")
    part = checks[(checks.item_id == item_id) & (checks.wave == wave) & (checks.result != "not_applicable")]
    rate = part.result.eq("pass").groupby(part.branch_id).mean()
    return sorted(rate.index[rate < target])


# %% mistake="flag" name="lower-bound" tracks="analyst"
def flag_branches(results, visits, item_id, wave, target):
    checks = results.merge(visits[["visit_id", "wave", "branch_id"]], on="visit_id")
    part = checks[(checks.item_id == item_id) & (checks.wave == wave) & (checks.result != "not_applicable")]
    counts = part.result.eq("pass").groupby(part.branch_id).agg(["sum", "size"])
    low, _ = mystery_shopping.wilson_interval(counts["sum"], counts["size"])
    return sorted(counts.index[low < target])


# %% tracks="analyst" test="flag" points=3
plan = [("A", 1, 10, 20), ("B", 1, 1, 2), ("C", 1, 9, 10), ("D", 2, 0, 10)]  # branch, wave, passes, visits
toy_visits = pd.DataFrame(
    [(f"{b}{k}", w, b) for b, w, _, n in plan for k in range(n)], columns=["visit_id", "wave", "branch_id"]
)
toy_results = pd.DataFrame(
    [(f"{b}{k}", "disclosure", "pass" if k < p else "fail") for b, _, p, n in plan for k in range(n)], columns=["visit_id", "item_id", "result"]
)
flags = flag_branches(toy_results, toy_visits, "disclosure", 1, 0.8)
assert isinstance(flags, list), "请返回支行代码的列表"  # [zh]
assert isinstance(flags, list), "return a list of branch codes"  # [en]
assert flags == ["A"], "A（20 次中通过 10 次，区间上限约 70%）明确低于 80%；B（2 次中通过 1 次）到访太少，无法判断；C（10 次中通过 9 次）不低于目标；D 属于第二轮"  # [zh]
assert flags == ["A"], "A (10 of 20, interval up to about 70%) is clearly below 80%; B (1 of 2) has too few visits to tell; C (9 of 10) is not below; D is in wave 2"  # [en]
### BEGIN HIDDEN TESTS
def wilson_high(passes, n, z=1.96):
    p = passes / n
    return (p + z * z / (2 * n) + z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)


branch_of = dict(zip(visits.visit_id, visits.branch_id))
wave_of = dict(zip(visits.visit_id, visits.wave))
for item in checklist.item_id:
    for wave in (1, 2):
        tally = {}
        for visit, result in zip(results.visit_id[results.item_id == item], results.result[results.item_id == item]):
            if wave_of[visit] == wave and result != "not_applicable":
                passes, total = tally.get(branch_of[visit], (0, 0))
                tally[branch_of[visit]] = (passes + (result == "pass"), total + 1)
        expected = sorted(b for b, (passes, total) in tally.items() if wilson_high(passes, total) < 0.8)
        assert list(flag_branches(results, visits, item, wave, 0.8)) == expected, (item, wave)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好。它按检查项列出金禾银行两轮神秘顾客检查的通过率（%）：通过次数 ÷（通过 + 未通过）次数，所有支行的到访合在一起计算，"不适用"的到访不计入。
# 金禾银行的目标是每个检查项的通过率不低于 80%。两轮之间，标为"是"的三个检查项做了针对性辅导。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. It lists, item by item, the pass rate (%) in Jinhe Bank's two waves of mystery shopping: passes ÷ (passes + fails), pooling the visits of all branches and leaving out visits where the item did not apply.
# Jinhe Bank's target is a pass rate of at least 80% on every item. Between the waves, the three items marked "yes" were coached.

# %% tracks="frontline"
checks = results.merge(visits[["visit_id", "wave"]], on="visit_id")
checks = checks[checks.result != "not_applicable"]
by_item = (checks.result.eq("pass").groupby([checks.item_id, checks.wave]).mean().unstack("wave") * 100).round().astype(int)
by_item["coached"] = by_item.index.map(checklist.set_index("item_id").coached)
by_item = by_item.sort_values(1)
by_item.index = by_item.index.map(checklist.set_index("item_id").name_zh)  # [zh]
by_item.index = by_item.index.map(checklist.set_index("item_id").name_en)  # [en]
by_item["coached"] = by_item.coached.map({True: "是", False: "否"})  # [zh]
by_item["coached"] = by_item.coached.map({True: "yes", False: "no"})  # [en]
by_item.columns = ["第一轮通过率（%）", "第二轮通过率（%）", "两轮之间做了辅导"]  # [zh]
by_item.columns = ["Wave 1 pass rate (%)", "Wave 2 pass rate (%)", "Coached between the waves"]  # [en]
by_item.rename_axis("检查项")  # [zh]
by_item.rename_axis("Checklist item")  # [en]

# %% question="pass-rate"

# %% question="enough-evidence"

# %% question="counter-enquiry"

# %% question="ranking"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你是成都锦江支行（CD-JJ）的行长。第二轮报告显示：别的支行在辅导后都有明显进步，你的支行却在"带到有录音录像的销售专区"和"对 65 岁及以上顾客的额外关照"两项上仍然明确低于目标。
# 一名柜员对你说："那位神秘顾客拿着到期的存单来柜台问怎么办，我总不能让她走吧？我们连单独的理财室都没有，辅导也没叫我们柜员去。"
#
# 请说明：问题的根本原因是什么；哪些控制措施能发现或防止这类问题；坐在行长的位置上，你会怎么做。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You are the manager of the Chengdu Jinjiang branch (CD-JJ). The wave 2 report shows that the other branches improved clearly after the coaching, while yours is still clearly below target on "moved to the recorded sales zone" and "extra care for customers aged 65 and over".
# One of your tellers tells you: "The shopper came to my counter with her maturing deposit and asked what to do. I could hardly send her away, could I? We don't even have a separate room for investments, and nobody invited us tellers to the coaching."
#
# Explain the root cause of the problem, which controls would detect or prevent it, and what you would do in the branch manager's seat. (100–200 words)

# %% [markdown] written="counter-branch" points=4
# YOUR ANSWER HERE
