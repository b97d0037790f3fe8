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
# # 案例 c05 练习：雷曼"迷你债券"——存款柜台上的老年客户
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case c05 exercise: Lehman "minibonds", older customers at the deposit counter
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 c05 练习：雷曼"迷你债券"——存款柜台上的老年客户
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case c05 exercise: Lehman "minibonds", older customers at the deposit counter
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import minibonds_elderly

tables = minibonds_elderly.load(seed=7)
customers, products, sales, callbacks = tables["customers"], tables["products"], tables["sales"], tables["callbacks"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：没有录音录像的老年客户票据销售
#
# 编写函数 `elderly_unrecorded_notes(sales, customers, products)`，返回同时满足以下条件的销售（`sales` 的行，保留原有列）：
#
# - 产品类型（`products.type`）为 `"structured_note"`；
# - 客户年龄（`customers.age`）为 **65 岁及以上**；
# - 在网点成交（`location` 不是 `"mobile"`），因此必须有录音录像；
# - 没有录音录像（`recording_id` 为空）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): unrecorded note sales to older customers
#
# Write `elderly_unrecorded_notes(sales, customers, products)`, returning the sales (rows of `sales`, with its columns) that meet all of these conditions:
#
# - the product type (`products.type`) is `"structured_note"`;
# - the customer (`customers.age`) is **aged 65 or over**;
# - the sale was made in a branch (`location` is not `"mobile"`), so it needed a recording;
# - there is no recording (`recording_id` is empty).

# %% solution="unrecorded" tracks="analyst"
def elderly_unrecorded_notes(sales, customers, products):
    ### BEGIN SOLUTION
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    kind = sales.product_id.map(products.set_index("product_id").type)
    chosen = (kind == "structured_note") & (age >= 65) & (sales.location != "mobile") & sales.recording_id.isna()
    return sales[chosen]
    ### END SOLUTION


# %% mistake="unrecorded" name="over-65-not-65-and-over" tracks="analyst"
def elderly_unrecorded_notes(sales, customers, products):
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    kind = sales.product_id.map(products.set_index("product_id").type)
    chosen = (kind == "structured_note") & (age > 65) & (sales.location != "mobile") & sales.recording_id.isna()
    return sales[chosen]


# %% mistake="unrecorded" name="counts-mobile-sales" tracks="analyst"
def elderly_unrecorded_notes(sales, customers, products):
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    kind = sales.product_id.map(products.set_index("product_id").type)
    chosen = (kind == "structured_note") & (age >= 65) & sales.recording_id.isna()
    return sales[chosen]


# %% tracks="analyst" test="unrecorded" points=3
toy_customers = pd.DataFrame({"customer_id": ["k65", "k80", "k70", "k40"], "age": [65, 80, 70, 40]})
toy_products = pd.DataFrame({"product_id": ["SN", "TD"], "type": ["structured_note", "deposit"]})
toy_sales = pd.DataFrame({
    "sale_id": list("abcdef"),
    "customer_id": ["k65", "k80", "k80", "k70", "k40", "k80"],
    "product_id": ["SN", "SN", "SN", "TD", "SN", "SN"],
    "location": ["deposit_counter", "sales_zone", "mobile", "deposit_counter", "deposit_counter", "deposit_counter"],
    "recording_id": [None, "A1", None, None, None, None],
})
result = elderly_unrecorded_notes(toy_sales, toy_customers, toy_products)
assert list(result.columns) == list(toy_sales.columns), "返回 sales 的行，并保留原有的列"  # [zh]
assert list(result.columns) == list(toy_sales.columns), "return rows of sales with its columns"  # [en]
assert sorted(result.sale_id) == ["a", "f"], "a（65 岁也算）和 f 符合；b 有录音，c 是手机银行，d 是存款，e 的客户不到 65 岁"  # [zh]
assert sorted(result.sale_id) == ["a", "f"], "a (age 65 counts) and f qualify; b is recorded, c is mobile, d is a deposit, e's customer is under 65"  # [en]
### BEGIN HIDDEN TESTS
full = sales.merge(customers[["customer_id", "age"]], on="customer_id").merge(products[["product_id", "type"]], on="product_id")
expected = full.sale_id[(full.type == "structured_note") & (full.age >= 65) & full.location.isin(["deposit_counter", "sales_zone"]) & full.recording_id.isna()]
assert sorted(elderly_unrecorded_notes(sales, customers, products).sale_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：回访中理解风险的比例
#
# 编写函数 `understood_by_location(callbacks, sales)`，按成交地点（`sales.location`）计算：在**联系上**的回访中（`reached` 为 `True`），客户理解风险（`understood_risk` 为 `True`）的比例。
# 返回一个以地点为索引、取值在 0 到 1 之间的 `Series`。没有联系上的回访，`understood_risk` 为空，不应计入分母。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): share of follow-up calls showing the risk was understood
#
# Write `understood_by_location(callbacks, sales)`, computing for each place of sale (`sales.location`) the share of **reached** calls (`reached` is `True`) in which the customer understood the risk (`understood_risk` is `True`).
# Return a `Series` indexed by location, with values between 0 and 1. Calls that did not reach the customer have an empty `understood_risk` and must not count in the denominator.

# %% solution="understood" tracks="analyst"
def understood_by_location(callbacks, sales):
    ### BEGIN SOLUTION
    reached = callbacks[callbacks.reached]
    location = reached.sale_id.map(sales.set_index("sale_id").location)
    return reached.understood_risk.astype(bool).groupby(location).mean()
    ### END SOLUTION


# %% mistake="understood" name="unreached-as-not-understood" tracks="analyst"
def understood_by_location(callbacks, sales):
    location = callbacks.sale_id.map(sales.set_index("sale_id").location)
    return callbacks.understood_risk.fillna(False).astype(bool).groupby(location).mean()


# %% mistake="understood" name="divides-by-all-sales" tracks="analyst"
def understood_by_location(callbacks, sales):
    reached = callbacks[callbacks.reached]
    location = reached.sale_id.map(sales.set_index("sale_id").location)
    return reached.understood_risk.astype(bool).groupby(location).sum() / sales.location.value_counts()


# %% tracks="analyst" test="understood" points=3
toy_sales = pd.DataFrame({"sale_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
                          "location": ["deposit_counter"] * 3 + ["sales_zone"] * 2 + ["deposit_counter"]})
toy_calls = pd.DataFrame({"callback_id": ["f1", "f2", "f3", "f4", "f5"], "sale_id": ["s1", "s2", "s3", "s4", "s5"],
                          "reached": [True, True, False, True, True],
                          "understood_risk": pd.array([True, False, None, True, True], dtype="boolean")})
shares = understood_by_location(toy_calls, toy_sales)
assert sorted(shares.index) == ["deposit_counter", "sales_zone"], "每个有回访的地点一行"  # [zh]
assert sorted(shares.index) == ["deposit_counter", "sales_zone"], "one row per location with calls"  # [en]
assert abs(shares["deposit_counter"] - 0.5) < 1e-9, "柜台联系上 2 位客户，1 位理解风险：0.5（没联系上的 s3、没有回访的 s6 都不计入）"  # [zh]
assert abs(shares["deposit_counter"] - 0.5) < 1e-9, "2 counter customers were reached and 1 understood: 0.5 (s3, not reached, and s6, never called, do not count)"  # [en]
assert abs(shares["sales_zone"] - 1.0) < 1e-9, "销售专区联系上的 2 位客户都理解风险"  # [zh]
assert abs(shares["sales_zone"] - 1.0) < 1e-9, "both reached sales-zone customers understood"  # [en]
### BEGIN HIDDEN TESTS
joined = callbacks.merge(sales[["sale_id", "location"]], on="sale_id")
answered = joined[joined.reached]
expected = {place: int(group.understood_risk.eq(True).sum()) / len(group) for place, group in answered.groupby("location")}
got = understood_by_location(callbacks, sales)
assert sorted(got.index) == sorted(expected)
assert all(abs(float(got[place]) - value) < 1e-9 for place, value in expected.items())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：按香港条件回购的成本
#
# 假设金禾银行按 2009 年香港迷你债券的回购条件，回购全部结构性票据：**65 岁及以上**客户按面值（`amount_cny`）的 **70%**，其他客户按 **60%**。
# 编写函数 `buyback_cost(sales, customers, products)`，返回回购的总成本（人民币元，一个数）。只计算 `type` 为 `"structured_note"` 的销售。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): the cost of a buy-back on the Hong Kong terms
#
# Suppose Jinhe Bank buys back all its structured notes on the terms of the 2009 Hong Kong minibond buy-back: **70%** of face value (`amount_cny`) for customers **aged 65 and over**, **60%** for everyone else.
# Write `buyback_cost(sales, customers, products)`, returning the total cost in CNY (one number). Count only sales whose `type` is `"structured_note"`.

# %% solution="buyback" tracks="analyst"
def buyback_cost(sales, customers, products):
    ### BEGIN SOLUTION
    kind = sales.product_id.map(products.set_index("product_id").type)
    notes = sales[kind == "structured_note"]
    age = notes.customer_id.map(customers.set_index("customer_id").age)
    rate = np.where(age >= 65, 0.70, 0.60)
    return float((notes.amount_cny * rate).sum())
    ### END SOLUTION


# %% mistake="buyback" name="rates-swapped" tracks="analyst"
def buyback_cost(sales, customers, products):
    kind = sales.product_id.map(products.set_index("product_id").type)
    notes = sales[kind == "structured_note"]
    age = notes.customer_id.map(customers.set_index("customer_id").age)
    rate = np.where(age >= 65, 0.60, 0.70)
    return float((notes.amount_cny * rate).sum())


# %% mistake="buyback" name="all-products" tracks="analyst"
def buyback_cost(sales, customers, products):
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    rate = np.where(age >= 65, 0.70, 0.60)
    return float((sales.amount_cny * rate).sum())


# %% tracks="analyst" test="buyback" points=3
toy_customers = pd.DataFrame({"customer_id": ["k65", "k50", "k70"], "age": [65, 50, 70]})
toy_products = pd.DataFrame({"product_id": ["SN", "TD"], "type": ["structured_note", "deposit"]})
toy_sales = pd.DataFrame({"sale_id": ["a", "b", "c"], "customer_id": ["k65", "k50", "k70"],
                          "product_id": ["SN", "SN", "TD"], "amount_cny": [100_000.0, 200_000.0, 500_000.0]})
cost = buyback_cost(toy_sales, toy_customers, toy_products)
assert np.isscalar(cost), "返回一个数"  # [zh]
assert np.isscalar(cost), "return a single number"  # [en]
assert abs(cost - 190_000) < 1e-6, "a：10 万 × 70% = 7 万（65 岁也算）；b：20 万 × 60% = 12 万；c 是存款，不回购"  # [zh]
assert abs(cost - 190_000) < 1e-6, "a: 100,000 × 70% = 70,000 (age 65 counts); b: 200,000 × 60% = 120,000; c is a deposit, not bought back"  # [en]
### BEGIN HIDDEN TESTS
full = sales.merge(customers[["customer_id", "age"]], on="customer_id").merge(products[["product_id", "type"]], on="product_id")
full = full[full.type == "structured_note"]
expected = 0.7 * full.amount_cny[full.age >= 65].sum() + 0.6 * full.amount_cny[full.age < 65].sum()
assert abs(buyback_cost(sales, customers, products) - expected) < 0.01
### END HIDDEN TESTS

# %% question="buyback-terms"

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它按支行统计了 **65 岁及以上**客户在网点（存款柜台或销售专区）买入的稳盈挂钩票据，其中有多少笔是在存款柜台成交的，又有多少笔**没有录音录像**。
# 网点销售非存款产品，每一笔都必须有录音录像；手机银行的销售不需要录音录像，不在表内。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you: for each branch, it counts the Steady Gain Linked Notes bought in a branch (at the deposit counter or in the sales zone) by customers **aged 65 and over**, how many of those sales were made at the deposit counter, and how many have **no recording**.
# Every in-branch sale of a non-deposit product needs a recording; mobile sales need none and are left out of the table.

# %% tracks="frontline"
from salesacademy import bankdata

age = sales.customer_id.map(customers.set_index("customer_id").age)
kind = sales.product_id.map(products.set_index("product_id").type)
in_branch = sales[(kind == "structured_note") & (age >= minibonds_elderly.ELDERLY_AGE) & (sales.location != "mobile")]
by_branch = pd.DataFrame({
    "notes": in_branch.groupby("branch_id").size(),
    "at_counter": in_branch.location.eq("deposit_counter").groupby(in_branch.branch_id).sum(),
    "unrecorded": in_branch.recording_id.isna().groupby(in_branch.branch_id).sum(),
}).sort_values("unrecorded", ascending=False)
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["65 岁及以上客户在网点买入的票据（笔）", "其中在存款柜台（笔）", "其中没有录音录像（笔）"]  # [zh]
by_branch.columns = ["Notes sold in branch to 65+", "of which at the counter", "of which with no recording"]  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="unrecorded-count"

# %% question="follow-up-calls"

# %% question="deposit-counter"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你刚被任命为金禾银行深圳福田支行的行长。案例数据显示，本支行在存款柜台向 65 岁及以上客户卖出的票据最多，其中大部分没有录音录像。
# 请回答：这个问题的**根本原因**是什么？哪些**控制措施**本可以发现或阻止它？你上任后**第一个月会做什么**？（200–350 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You have just been appointed manager of Jinhe Bank's Shenzhen Futian branch. The case data shows that your branch sold more notes at the deposit counter to customers aged 65 and over than any other, most of them without a recording.
# Answer: what is the **root cause** of the problem? Which **controls** would have caught or stopped it? **What do you do in your first month**? (150–250 words)

# %% [markdown] written="new-branch-manager" points=4
# YOUR ANSWER HERE
