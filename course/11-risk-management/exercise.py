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
# # 模块 11 练习：与风险、市场和研究部门协同
#
# 本练习共 15 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 11 exercise: Working with risk, marketing and research
#
# This exercise is worth 15 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 11 练习：与风险、市场和研究部门协同
#
# 本练习共 23 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 11 exercise: Working with risk, marketing and research
#
# This exercise is worth 23 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, customers, products, complaints = bank.sales, bank.customers, bank.products, bank.complaints

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：高风险销售的产品占比
#
# 编写函数 `high_risk_shares(sales, products)`。只看风险等级为 **R4 或 R5** 的产品的销售，计算每只产品的销售金额（`amount_cny`）占这些销售总金额的比例。
# 返回一个以 `product_id` 为索引、按占比从大到小排列的 `Series`，各占比之和为 1。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): each product's share of high-risk sales
#
# Write `high_risk_shares(sales, products)`. Looking only at sales of products rated **R4 or R5**, work out each product's share of the total amount (`amount_cny`) of those sales.
# Return a `Series` indexed by `product_id`, sorted from the largest share to the smallest; the shares add up to 1.

# %% solution="shares" tracks="analyst"
def high_risk_shares(sales, products):
    ### BEGIN SOLUTION
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    high = sales[level >= 4]
    return (high.groupby("product_id").amount_cny.sum() / high.amount_cny.sum()).sort_values(ascending=False)
    ### END SOLUTION


# %% mistake="shares" name="counts-not-amounts" tracks="analyst"
def high_risk_shares(sales, products):
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    high = sales[level >= 4]
    return high.product_id.value_counts(normalize=True)


# %% mistake="shares" name="share-of-all-sales" tracks="analyst"
def high_risk_shares(sales, products):
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    high = sales[level >= 4]
    return (high.groupby("product_id").amount_cny.sum() / sales.amount_cny.sum()).sort_values(ascending=False)


# %% test="shares" points=3 tracks="analyst"
toy_sales = pd.DataFrame({"sale_id": ["a", "b", "c", "d"], "product_id": ["fund4", "fund4", "note5", "bond2"],
                          "amount_cny": [100.0, 100.0, 600.0, 1000.0]})
toy_products = pd.DataFrame({"product_id": ["bond2", "fund4", "note5"], "risk_level": ["R2", "R4", "R5"]})
result = high_risk_shares(toy_sales, toy_products)
assert list(result.index) == ["note5", "fund4"], "only R4 and R5 products count, largest share first"  # [en]
assert list(result.index) == ["note5", "fund4"], "只计算 R4 和 R5 产品，占比大的排在前面"  # [zh]
assert np.allclose(result.to_numpy(), [0.75, 0.25]), "note5 has 600 of the 800 yuan sold in R4-R5 products, fund4 the other 200"  # [en]
assert np.allclose(result.to_numpy(), [0.75, 0.25]), "R4–R5 产品共售出 800 元，其中 note5 占 600 元，fund4 占 200 元"  # [zh]
### BEGIN HIDDEN TESTS
high = sales[sales.product_id.isin(products.product_id[products.risk_level.isin(["R4", "R5"])])]
expected = high.groupby("product_id").amount_cny.sum()
expected = expected / expected.sum()
result = high_risk_shares(sales, products)
assert sorted(result.index) == sorted(expected.index)
assert np.allclose(result.reindex(expected.index).to_numpy(), expected.to_numpy())
assert result.is_monotonic_decreasing
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：各网点的集中度
#
# 编写函数 `branch_concentration(sales, products)`。对每个网点，只看其 **R4 或 R5** 产品的销售，计算每只产品占**该网点**这些销售金额的比例，然后求两个数：
#
# - `top_share`：最大的一个占比；
# - `hhi`：各占比的平方和（赫芬达尔指数）。
#
# 返回一个以 `branch_id` 为索引、包含 `top_share` 和 `hhi` 两列的 `DataFrame`，按 `hhi` 从大到小排列。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): concentration in each branch
#
# Write `branch_concentration(sales, products)`. For each branch, looking only at its sales of **R4 or R5** products, work out each product's share of **that branch's** amount of those sales, then two numbers:
#
# - `top_share`: the largest share;
# - `hhi`: the sum of the squared shares (the Herfindahl index).
#
# Return a `DataFrame` indexed by `branch_id` with the columns `top_share` and `hhi`, sorted by `hhi` from largest to smallest.

# %% solution="branch-hhi" tracks="analyst"
def branch_concentration(sales, products):
    ### BEGIN SOLUTION
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    amounts = sales[level >= 4].groupby(["branch_id", "product_id"]).amount_cny.sum()
    shares = amounts / amounts.groupby(level="branch_id").transform("sum")
    result = pd.DataFrame({
        "top_share": shares.groupby(level="branch_id").max(),
        "hhi": (shares ** 2).groupby(level="branch_id").sum(),
    })
    return result.sort_values("hhi", ascending=False)
    ### END SOLUTION


# %% mistake="branch-hhi" name="counts-not-amounts" tracks="analyst"
def branch_concentration(sales, products):
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    counts = sales[level >= 4].groupby(["branch_id", "product_id"]).size()
    shares = counts / counts.groupby(level="branch_id").transform("sum")
    result = pd.DataFrame({
        "top_share": shares.groupby(level="branch_id").max(),
        "hhi": (shares ** 2).groupby(level="branch_id").sum(),
    })
    return result.sort_values("hhi", ascending=False)


# %% mistake="branch-hhi" name="bank-total-denominator" tracks="analyst"
def branch_concentration(sales, products):
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    amounts = sales[level >= 4].groupby(["branch_id", "product_id"]).amount_cny.sum()
    shares = amounts / amounts.sum()
    result = pd.DataFrame({
        "top_share": shares.groupby(level="branch_id").max(),
        "hhi": (shares ** 2).groupby(level="branch_id").sum(),
    })
    return result.sort_values("hhi", ascending=False)


# %% test="branch-hhi" points=3 tracks="analyst"
toy_sales = pd.DataFrame({"sale_id": list("abcdef"), "branch_id": ["A", "A", "A", "B", "B", "B"],
                          "product_id": ["fund4", "note5", "note5", "fund4", "note5", "bond2"],
                          "amount_cny": [500.0, 250.0, 250.0, 900.0, 100.0, 5000.0]})
toy_products = pd.DataFrame({"product_id": ["bond2", "fund4", "note5"], "risk_level": ["R2", "R4", "R5"]})
result = branch_concentration(toy_sales, toy_products)
assert list(result.index) == ["B", "A"], "B (900 and 100) is more concentrated than A (500 and 500)"  # [en]
assert list(result.index) == ["B", "A"], "B（900 元和 100 元）比 A（500 元和 500 元）更集中"  # [zh]
assert np.allclose(result.loc["A", ["top_share", "hhi"]].astype(float), [0.5, 0.5]), "A: shares 0.5 and 0.5, so top_share 0.5 and hhi 0.25 + 0.25 = 0.5"  # [en]
assert np.allclose(result.loc["A", ["top_share", "hhi"]].astype(float), [0.5, 0.5]), "A：占比为 0.5 和 0.5，所以 top_share 为 0.5，hhi 为 0.25 + 0.25 = 0.5"  # [zh]
assert np.allclose(result.loc["B", ["top_share", "hhi"]].astype(float), [0.9, 0.82]), "B: shares 0.9 and 0.1 (the R2 sale does not count), so hhi 0.81 + 0.01 = 0.82"  # [en]
assert np.allclose(result.loc["B", ["top_share", "hhi"]].astype(float), [0.9, 0.82]), "B：占比为 0.9 和 0.1（R2 的销售不计入），所以 hhi 为 0.81 + 0.01 = 0.82"  # [zh]
### BEGIN HIDDEN TESTS
high = sales[sales.product_id.isin(products.product_id[products.risk_level.isin(["R4", "R5"])])]
result = branch_concentration(sales, products)
assert sorted(result.index) == sorted(high.branch_id.unique())
for branch, rows in high.groupby("branch_id"):
    part = rows.groupby("product_id").amount_cny.sum() / rows.amount_cny.sum()
    assert np.isclose(result.loc[branch, "top_share"], part.max())
    assert np.isclose(result.loc[branch, "hhi"], (part * part).sum())
assert result.hhi.is_monotonic_decreasing
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（4 分）：网点预警指标
#
# 编写函数 `branch_indicators(sales, customers, products, complaints)`，为每个网点计算四个指标，返回一个以 `branch_id` 为索引（升序）、依次包含以下四列的 `DataFrame`：
#
# - `mismatch_rate`：该网点销售中，产品风险等级高于客户风险等级的占比；
# - `unrecorded_rate`：该网点**须双录**的销售（渠道 `channel` 为 `"branch"` 且产品类型 `type` 不是 `"deposit"`）中，`recording_id` 为空的占比；
# - `upheld_per_1000`：涉及该网点销售的**成立**投诉（`complaints.upheld` 为 `True`）数，除以该网点的销售笔数，再乘以 1000；没有成立投诉的网点为 0；
# - `off_shelf_sales`：该网点销售未经准入产品（`products.on_shelf` 为 `False`）的笔数。
#
# 投诉通过 `complaints.sale_id` 对应到销售，再由销售的 `branch_id` 对应到网点。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (4 points): early-warning indicators for each branch
#
# Write `branch_indicators(sales, customers, products, complaints)`, computing four indicators for each branch. Return a `DataFrame` indexed by `branch_id` (ascending) with these four columns, in this order:
#
# - `mismatch_rate`: the share of the branch's sales whose product risk level is above the customer's;
# - `unrecorded_rate`: among the branch's sales that **must be recorded** (`channel` is `"branch"` and the product `type` is not `"deposit"`), the share whose `recording_id` is empty;
# - `upheld_per_1000`: the number of **upheld** complaints (`complaints.upheld` is `True`) about the branch's sales, divided by the branch's number of sales, times 1000; 0 for a branch with no upheld complaint;
# - `off_shelf_sales`: the number of the branch's sales of products never approved (`products.on_shelf` is `False`).
#
# A complaint belongs to a sale through `complaints.sale_id`, and a sale to a branch through its `branch_id`.

# %% solution="indicators" tracks="analyst"
def branch_indicators(sales, customers, products, complaints):
    ### BEGIN SOLUTION
    by_product = products.set_index("product_id")
    customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
    product_level = sales.product_id.map(by_product.risk_level.str[1].astype(int))
    must_record = sales.channel.eq("branch") & sales.product_id.map(by_product["type"]).ne("deposit")
    upheld_per_sale = sales.sale_id.map(complaints.sale_id[complaints.upheld].value_counts()).fillna(0)
    flags = pd.DataFrame({
        "mismatch_rate": (product_level > customer_level).astype(float),
        "unrecorded_rate": sales.recording_id.isna().astype(float).where(must_record),
        "upheld_per_1000": upheld_per_sale * 1000,
        "off_shelf_sales": (~sales.product_id.map(by_product.on_shelf)).astype(int),
    })
    grouped = flags.groupby(sales.branch_id)
    return grouped.mean().assign(off_shelf_sales=grouped.off_shelf_sales.sum()).sort_index()
    ### END SOLUTION


# %% mistake="indicators" name="unrecorded-over-all-sales" tracks="analyst"
def branch_indicators(sales, customers, products, complaints):
    by_product = products.set_index("product_id")
    customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
    product_level = sales.product_id.map(by_product.risk_level.str[1].astype(int))
    upheld_per_sale = sales.sale_id.map(complaints.sale_id[complaints.upheld].value_counts()).fillna(0)
    flags = pd.DataFrame({
        "mismatch_rate": (product_level > customer_level).astype(float),
        "unrecorded_rate": sales.recording_id.isna().astype(float),
        "upheld_per_1000": upheld_per_sale * 1000,
        "off_shelf_sales": (~sales.product_id.map(by_product.on_shelf)).astype(int),
    })
    grouped = flags.groupby(sales.branch_id)
    return grouped.mean().assign(off_shelf_sales=grouped.off_shelf_sales.sum()).sort_index()


# %% mistake="indicators" name="all-complaints" tracks="analyst"
def branch_indicators(sales, customers, products, complaints):
    by_product = products.set_index("product_id")
    customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
    product_level = sales.product_id.map(by_product.risk_level.str[1].astype(int))
    must_record = sales.channel.eq("branch") & sales.product_id.map(by_product["type"]).ne("deposit")
    complaints_per_sale = sales.sale_id.map(complaints.sale_id.value_counts()).fillna(0)
    flags = pd.DataFrame({
        "mismatch_rate": (product_level > customer_level).astype(float),
        "unrecorded_rate": sales.recording_id.isna().astype(float).where(must_record),
        "upheld_per_1000": complaints_per_sale * 1000,
        "off_shelf_sales": (~sales.product_id.map(by_product.on_shelf)).astype(int),
    })
    grouped = flags.groupby(sales.branch_id)
    return grouped.mean().assign(off_shelf_sales=grouped.off_shelf_sales.sum()).sort_index()


# %% test="indicators" points=4 tracks="analyst"
toy_sales = pd.DataFrame({
    "sale_id": ["s1", "s2", "s3", "s4", "s5", "s6"], "customer_id": ["c2", "c2", "c5", "c5", "c5", "c2"],
    "product_id": ["fund2", "fund4", "dep1", "fund4", "fake3", "fund2"], "branch_id": ["A", "A", "A", "A", "B", "B"],
    "channel": ["branch", "branch", "branch", "mobile", "branch", "branch"], "recording_id": ["r1", None, None, None, None, "r2"]})
toy_customers = pd.DataFrame({"customer_id": ["c2", "c5"], "risk_level": ["C2", "C5"]})
toy_products = pd.DataFrame({"product_id": ["dep1", "fund2", "fund4", "fake3"], "type": ["deposit", "fund", "fund", "private_wealth"],
                             "risk_level": ["R1", "R2", "R4", "R3"], "on_shelf": [True, True, True, False]})
toy_complaints = pd.DataFrame({"complaint_id": ["q1", "q2", "q3"], "sale_id": ["s2", "s1", "s6"], "upheld": [True, False, False]})
result = branch_indicators(toy_sales, toy_customers, toy_products, toy_complaints)
columns = ["mismatch_rate", "unrecorded_rate", "upheld_per_1000", "off_shelf_sales"]
assert list(result.index) == ["A", "B"] and list(result.columns) == columns, "one row per branch, A then B, with the four columns in order"  # [en]
assert list(result.index) == ["A", "B"] and list(result.columns) == columns, "每个网点一行，先 A 后 B，四列按题目顺序排列"  # [zh]
assert np.allclose(result.mismatch_rate.astype(float), [0.25, 0.0]), "A: one of four sales (s2, R4 to a C2 customer) is mismatched; B: none"  # [en]
assert np.allclose(result.mismatch_rate.astype(float), [0.25, 0.0]), "A：4 笔销售中有 1 笔（s2，C2 客户买 R4）不匹配；B：没有"  # [zh]
assert np.allclose(result.unrecorded_rate.astype(float), [0.5, 0.5]), "A must record s1 and s2 (not the deposit, not the mobile sale) and s2 has no recording; B must record s5 and s6"  # [en]
assert np.allclose(result.unrecorded_rate.astype(float), [0.5, 0.5]), "A 须双录的是 s1 和 s2（存款和手机银行销售不需要），s2 没有录像；B 须双录的是 s5 和 s6"  # [zh]
assert np.allclose(result.upheld_per_1000.astype(float), [250.0, 0.0]), "A: one upheld complaint over four sales is 250 per 1000; B's complaint was not upheld"  # [en]
assert np.allclose(result.upheld_per_1000.astype(float), [250.0, 0.0]), "A：1 件成立投诉除以 4 笔销售，即每千笔 250 件；B 的投诉不成立"  # [zh]
assert np.allclose(result.off_shelf_sales.astype(float), [0, 1]), "B sold the unapproved product once"  # [en]
assert np.allclose(result.off_shelf_sales.astype(float), [0, 1]), "B 销售了一笔未经准入的产品"  # [zh]
### BEGIN HIDDEN TESTS
result = branch_indicators(sales, customers, products, complaints)
full = sales.merge(customers[["customer_id", "risk_level"]], on="customer_id").merge(
    products[["product_id", "risk_level", "type", "on_shelf"]], on="product_id", suffixes=("_c", "_p"))
assert list(result.index) == sorted(full.branch_id.unique())
for branch, rows in full.groupby("branch_id"):
    need = rows[(rows.channel == "branch") & (rows.type != "deposit")]
    expected = [
        (rows.risk_level_p.str[1].astype(int) > rows.risk_level_c.str[1].astype(int)).mean(),
        need.recording_id.isna().mean(),
        (complaints.upheld & complaints.sale_id.isin(rows.sale_id)).sum() / len(rows) * 1000,
        (~rows.on_shelf).sum(),
    ]
    assert np.allclose(result.loc[branch, columns].astype(float).to_numpy(), expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：关注还是上报
#
# 金禾银行的阈值和关键指标如下（下一单元格，已给出）。指标**超过**阈值算一次触发。编写函数 `escalation_status(indicators, thresholds, critical)`，为每个网点返回处理结论：
#
# - `"escalate"`：触发了 `critical` 中的任一指标，或同时触发两个及以上指标；
# - `"watch"`：只触发一个非关键指标；
# - `"ok"`：没有触发任何指标。
#
# 返回一个与 `indicators` 索引相同的 `Series`。`thresholds` 是"指标名 → 阈值"的字典，`critical` 是关键指标名的列表。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): watch or escalate
#
# Jinhe Bank's thresholds and critical indicators are given in the next cell. An indicator **above** its threshold is a breach. Write `escalation_status(indicators, thresholds, critical)`, returning each branch's status:
#
# - `"escalate"`: any indicator in `critical` is breached, or two or more indicators are breached;
# - `"watch"`: exactly one non-critical indicator is breached;
# - `"ok"`: no indicator is breached.
#
# Return a `Series` with the same index as `indicators`. `thresholds` is a dictionary from indicator name to threshold, and `critical` a list of indicator names.

# %% tracks="analyst"
THRESHOLDS = {"mismatch_rate": 0.06, "unrecorded_rate": 0.06, "upheld_per_1000": 12, "off_shelf_sales": 0}
CRITICAL = ["off_shelf_sales"]


# %% solution="escalate" tracks="analyst"
def escalation_status(indicators, thresholds, critical):
    ### BEGIN SOLUTION
    breaches = indicators[list(thresholds)].gt(pd.Series(thresholds))
    count = breaches.sum(axis=1)
    status = pd.Series("watch", index=indicators.index).where(count == 1, "ok")
    return status.mask((count >= 2) | breaches[critical].any(axis=1), "escalate")
    ### END SOLUTION


# %% mistake="escalate" name="ge-for-gt" tracks="analyst"
def escalation_status(indicators, thresholds, critical):
    breaches = indicators[list(thresholds)].ge(pd.Series(thresholds))
    count = breaches.sum(axis=1)
    status = pd.Series("watch", index=indicators.index).where(count == 1, "ok")
    return status.mask((count >= 2) | breaches[critical].any(axis=1), "escalate")


# %% mistake="escalate" name="ignores-critical" tracks="analyst"
def escalation_status(indicators, thresholds, critical):
    breaches = indicators[list(thresholds)].gt(pd.Series(thresholds))
    count = breaches.sum(axis=1)
    status = pd.Series("watch", index=indicators.index).where(count == 1, "ok")
    return status.mask(count >= 2, "escalate")


# %% mistake="escalate" name="any-breach-escalates" tracks="analyst"
def escalation_status(indicators, thresholds, critical):
    breaches = indicators[list(thresholds)].gt(pd.Series(thresholds))
    return pd.Series("ok", index=indicators.index).mask(breaches.any(axis=1), "escalate")


# %% test="escalate" points=2 tracks="analyst"
toy = pd.DataFrame({"a": [0.2, 0.1, 0.05, 0.3], "b": [0.2, 0.05, 0.05, 0.0], "c": [0, 0, 2, 0]}, index=["X", "Y", "Z", "W"])
status = escalation_status(toy, {"a": 0.1, "b": 0.1, "c": 0}, ["c"])
assert list(status.index) == ["X", "Y", "Z", "W"], "one status per row of indicators, same index"  # [en]
assert list(status.index) == ["X", "Y", "Z", "W"], "indicators 的每一行对应一个结论，索引保持不变"  # [zh]
assert status["Y"] == "ok", "Y's a is exactly at its threshold, which is not above it"  # [en]
assert status["Y"] == "ok", "Y 的 a 恰好等于阈值，不算超过"  # [zh]
assert status["Z"] == "escalate", "Z breaches the critical indicator c, so it is escalated even with one breach"  # [en]
assert status["Z"] == "escalate", "Z 触发了关键指标 c，即使只触发一个也要上报"  # [zh]
assert dict(status) == {"X": "escalate", "Y": "ok", "Z": "escalate", "W": "watch"}, "X breaches two indicators; W breaches one non-critical indicator"  # [en]
assert dict(status) == {"X": "escalate", "Y": "ok", "Z": "escalate", "W": "watch"}, "X 触发两个指标；W 只触发一个非关键指标"  # [zh]
### BEGIN HIDDEN TESTS
level = lambda table, key, column: table.set_index(key)[column].str[1].astype(int)
must = sales.channel.eq("branch") & sales.product_id.map(products.set_index("product_id")["type"]).ne("deposit")
upheld_branch = complaints.sale_id[complaints.upheld].map(sales.set_index("sale_id").branch_id)
full_indicators = pd.DataFrame({
    "mismatch_rate": (sales.product_id.map(level(products, "product_id", "risk_level"))
                      > sales.customer_id.map(level(customers, "customer_id", "risk_level"))).groupby(sales.branch_id).mean(),
    "unrecorded_rate": sales.recording_id[must].isna().groupby(sales.branch_id[must]).mean(),
    "upheld_per_1000": upheld_branch.value_counts().reindex(sorted(sales.branch_id.unique()), fill_value=0) / sales.branch_id.value_counts() * 1000,
    "off_shelf_sales": (~sales.product_id.map(products.set_index("product_id").on_shelf)).groupby(sales.branch_id).sum(),
})
result = escalation_status(full_indicators, THRESHOLDS, CRITICAL)
for branch, row in full_indicators.iterrows():
    hits = [name for name, limit in THRESHOLDS.items() if row[name] > limit]
    expected = "escalate" if len(hits) >= 2 or any(name in CRITICAL for name in hits) else ("watch" if hits else "ok")
    assert result[branch] == expected
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它为金禾银行的每个网点算出了本课的四个预警指标。金禾银行的阈值（虚构政策）是：风险不匹配占比**超过 6%**、须双录销售中无录像占比**超过 6%**、每千笔销售的成立投诉**超过 12 件**、货架外产品销售**超过 0 笔**（关键指标）。
#
# 指标**超过**阈值算一次触发。触发关键指标，或同时触发两个及以上指标：**立即上报**；只触发一个非关键指标：**列入关注**；没有触发：**正常**。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you: it computes the lesson's four early-warning indicators for each Jinhe Bank branch. Jinhe Bank's thresholds (a fictional policy) are: mismatched sales **above 6%**, unrecorded among must-record sales **above 6%**, upheld complaints **above 12** per 1,000 sales, and off-shelf sales **above 0** (the critical indicator).
#
# An indicator **above** its threshold is a breach. A breach of the critical indicator, or two or more breaches together: **escalate** at once; exactly one non-critical breach: **watch**; no breach: **ok**.

# %% tracks="frontline"
by_product = products.set_index("product_id")
customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
product_level = sales.product_id.map(by_product.risk_level.str[1].astype(int))
must_record = sales.channel.eq("branch") & sales.product_id.map(by_product["type"]).ne("deposit")
upheld = complaints.sale_id[complaints.upheld].map(sales.set_index("sale_id").branch_id).value_counts()
table = pd.DataFrame({
    "mismatch": (product_level > customer_level).groupby(sales.branch_id).mean().mul(100).round(1),
    "unrecorded": sales.recording_id[must_record].isna().groupby(sales.branch_id[must_record]).mean().mul(100).round(1),
    "upheld": (upheld.reindex(sales.branch_id.unique(), fill_value=0) / sales.branch_id.value_counts() * 1000).round(1),
    "off_shelf": (~sales.product_id.map(by_product.on_shelf)).groupby(sales.branch_id).sum(),
})
table.index = table.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
table.index = table.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
table.columns = ["风险不匹配占比（%）", "须双录销售中无录像占比（%）", "每千笔销售的成立投诉（件）", "货架外产品销售（笔）"]  # [zh]
table.columns = ["Mismatched sales (%)", "Unrecorded among must-record (%)", "Upheld complaints per 1,000 sales", "Off-shelf sales"]  # [en]
table.sort_index().rename_axis("网点")  # [zh]
table.sort_index().rename_axis("Branch")  # [en]

# %% question="branch-status"

# %% question="exposure-share"

# %% question="off-shelf"

# %% question="campaign-list"

# %% question="campaign-material"

# %% [markdown] lang="zh"
# ## 第 Q# 题（5 分）：书面回答
#
# 产品部门计划推出一款挂钩商品期货价格的 R5 结构性产品，希望各网点尽快开卖。市场部门已拟好营销方案：向资产 50 万元以上的全部客户群发短信，宣传语是"抓住大宗商品行情，年化有望 10%"，买满 10 万元送礼品，并为销售人员设立这款产品的专项奖励。你受邀参加上线评审会。
# 请结合中国银行"原油宝"事件，说明：上线前你会要求完成哪些风险工作；营销方案的名单、宣传材料和激励各要怎样修改；上线后监测哪些指标，触发阈值时交给谁处理。（200–350 字）

# %% [markdown] lang="en"
# ## Question Q# (5 points): written answer
#
# The product team plans to launch an R5 structured note linked to commodity futures prices and wants branches to start selling it soon. Marketing has drafted the campaign: a text message to every customer with assets above 500,000 yuan, with the slogan "Ride the commodity rally, up to 10% a year", a gift for anyone buying 100,000 yuan or more, and a special bonus for staff on this product. You are invited to the launch review meeting.
# Drawing on Bank of China's "Crude Oil Treasure" case, say what risk work you would require before launch; how the campaign's list, its material and its incentives must change; and which indicators you would monitor after launch, and who acts when one breaches its threshold. (150–250 words)

# %% [markdown] written="launch-review" points=5
# YOUR ANSWER HERE
