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
# # 模块 3 练习：投资者适当性
#
# 本练习共 14 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 或 `YOUR ANSWER HERE` 的单元格，完成后点击 **Validate** 检查，再提交。

# %% [markdown] lang="en"
# # Module 3 exercise: Investor suitability
#
# This exercise is worth 14 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` or `YOUR ANSWER HERE`, press **Validate** to check your work, then submit.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, customers, products = bank.sales, bank.customers, bank.products

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：找出风险不匹配的销售
#
# 编写函数 `mismatched(sales, customers, products)`，返回产品风险等级**高于**客户风险等级的那些销售（`sales` 的行，保留原有列）。
# 客户等级在 `customers.risk_level`（如 `"C3"`），产品等级在 `products.risk_level`（如 `"R4"`）。

# %% [markdown] lang="en"
# ## Question 1 (3 points): find the mismatched sales
#
# Write `mismatched(sales, customers, products)`, returning the sales (rows of `sales`, with its columns) whose product risk level is **above** the customer's risk level.
# Customer levels are in `customers.risk_level` (such as `"C3"`), product levels in `products.risk_level` (such as `"R4"`).

# %% solution="mismatch"
def mismatched(sales, customers, products):
    ### BEGIN SOLUTION
    customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
    product_level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    return sales[product_level > customer_level]
    ### END SOLUTION


# %% mistake="mismatch" name="ge-for-gt"
def mismatched(sales, customers, products):
    customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
    product_level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    return sales[product_level >= customer_level]


# %% mistake="mismatch" name="compares-text"
def mismatched(sales, customers, products):
    customer_level = sales.customer_id.map(customers.set_index("customer_id").risk_level)
    product_level = sales.product_id.map(products.set_index("product_id").risk_level)
    return sales[product_level > customer_level]


# %% test="mismatch" points=3
toy_sales = pd.DataFrame({"sale_id": ["a", "b", "c", "d"], "customer_id": ["x", "x", "y", "y"], "product_id": ["p2", "p3", "p3", "p5"]})
toy_customers = pd.DataFrame({"customer_id": ["x", "y"], "risk_level": ["C2", "C5"]})
toy_products = pd.DataFrame({"product_id": ["p2", "p3", "p5"], "risk_level": ["R2", "R3", "R5"]})
result = mismatched(toy_sales, toy_customers, toy_products)
assert list(result.columns) == list(toy_sales.columns), "return rows of sales with its columns"
assert sorted(result.sale_id) == ["b"], "only sale b puts a C2 customer in an R3 product"
### BEGIN HIDDEN TESTS
level_c = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
level_p = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
assert sorted(mismatched(sales, customers, products).sale_id) == sorted(sales.sale_id[level_p > level_c])
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（3 分）：老年客户的高风险销售
#
# 编写函数 `elderly_high_risk_by_branch(sales, customers, products)`，统计 **65 岁及以上**客户购买 **R4 或 R5** 产品的销售笔数，
# 按网点（`branch_id`）汇总，返回一个以 `branch_id` 为索引、按笔数从多到少排列的 `Series`。没有此类销售的网点不必出现。

# %% [markdown] lang="en"
# ## Question 2 (3 points): high-risk sales to older customers
#
# Write `elderly_high_risk_by_branch(sales, customers, products)`, counting the sales of **R4 or R5** products to customers **aged 65 or over**,
# per branch (`branch_id`). Return a `Series` indexed by `branch_id`, sorted from most to fewest. Branches with no such sale need not appear.

# %% solution="elderly"
def elderly_high_risk_by_branch(sales, customers, products):
    ### BEGIN SOLUTION
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    chosen = sales[(age >= 65) & (level >= 4)]
    return chosen.groupby("branch_id").size().sort_values(ascending=False)
    ### END SOLUTION


# %% mistake="elderly" name="over-65-not-65-and-over"
def elderly_high_risk_by_branch(sales, customers, products):
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    chosen = sales[(age > 65) & (level >= 4)]
    return chosen.groupby("branch_id").size().sort_values(ascending=False)


# %% mistake="elderly" name="only-r5"
def elderly_high_risk_by_branch(sales, customers, products):
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    chosen = sales[(age >= 65) & (level > 4)]
    return chosen.groupby("branch_id").size().sort_values(ascending=False)


# %% test="elderly" points=3
toy_sales = pd.DataFrame({"sale_id": list("abcde"), "branch_id": ["B1", "B1", "B2", "B2", "B2"],
                          "customer_id": ["old", "old", "sixty-five", "young", "sixty-five"], "product_id": ["p4", "p3", "p5", "p5", "p4"]})
toy_customers = pd.DataFrame({"customer_id": ["old", "sixty-five", "young"], "age": [80, 65, 40]})
toy_products = pd.DataFrame({"product_id": ["p3", "p4", "p5"], "risk_level": ["R3", "R4", "R5"]})
counts = elderly_high_risk_by_branch(toy_sales, toy_customers, toy_products)
assert dict(counts) == {"B2": 2, "B1": 1}, "B2 has two such sales (age 65 counts), B1 one"
assert list(counts.index) == ["B2", "B1"], "sort from most to fewest"
### BEGIN HIDDEN TESTS
age = sales.customer_id.map(customers.set_index("customer_id").age)
level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
expected = sales[(age >= 65) & (level >= 4)].branch_id.value_counts()
assert dict(elderly_high_risk_by_branch(sales, customers, products)) == dict(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 3 题（2 分）：需要重新测评的客户
#
# 金禾银行的风险测评有效期为 12 个月（`bankdata.ASSESSMENT_VALID_MONTHS`）。编写函数 `needs_reassessment(customers, as_of)`，
# 返回在 `as_of` 当天测评已过期的客户编号列表（测评日期早于 `as_of` 往前推 12 个月的那一天），按编号升序排列。

# %% [markdown] lang="en"
# ## Question 3 (2 points): customers who must be reassessed
#
# At Jinhe Bank a risk assessment is valid for 12 months (`bankdata.ASSESSMENT_VALID_MONTHS`). Write `needs_reassessment(customers, as_of)`,
# returning the sorted list of customer ids whose assessment has expired on `as_of` (assessed before the date 12 months earlier than `as_of`).

# %% solution="reassess"
def needs_reassessment(customers, as_of):
    ### BEGIN SOLUTION
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    return sorted(customers.customer_id[customers.risk_assessed_on < cutoff])
    ### END SOLUTION


# %% mistake="reassess" name="days-not-months"
def needs_reassessment(customers, as_of):
    cutoff = as_of - pd.Timedelta(days=360)
    return sorted(customers.customer_id[customers.risk_assessed_on < cutoff])


# %% mistake="reassess" name="wrong-direction"
def needs_reassessment(customers, as_of):
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    return sorted(customers.customer_id[customers.risk_assessed_on > cutoff])


# %% test="reassess" points=2
toy = pd.DataFrame({"customer_id": ["k", "m", "n"],
                    "risk_assessed_on": pd.to_datetime(["2024-06-29", "2024-06-30", "2024-07-04"])})
assert needs_reassessment(toy, pd.Timestamp("2025-06-30")) == ["k"], "only k was assessed more than 12 months before 2025-06-30"
### BEGIN HIDDEN TESTS
cutoff = bankdata.AS_OF - pd.DateOffset(months=12)
assert needs_reassessment(customers, bankdata.AS_OF) == sorted(customers.customer_id[customers.risk_assessed_on < cutoff])
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 一位 67 岁、风险等级为 C3 的客户坚持要购买一款 R4 的结构性产品，并表示"风险我自己承担，可以签字"。客户经理应当怎么做？
#
# - **A.** 请客户签署风险自担声明后办理购买。
# - **B.** 协助客户现场重做风险测评，把答案调整到 C4 后办理。
# - **C.** 不办理该笔购买，说明适当性要求，推荐 R3 及以下的合适产品；如客户情况确有变化，由客户本人如实重新测评。
# - **D.** 建议客户改在手机银行自助购买，以免网点承担责任。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# A 67-year-old customer rated C3 insists on buying an R4 structured product and says "I take the risk myself, I'll sign for it". What should the relationship manager do?
#
# - **A.** Have the customer sign a waiver accepting the risk, then process the purchase.
# - **B.** Help the customer retake the risk assessment on the spot, adjusting the answers to reach C4, then process it.
# - **C.** Decline this purchase, explain the suitability requirement and recommend suitable products at R3 or below; if the customer's circumstances have really changed, the customer retakes the assessment personally and truthfully.
# - **D.** Suggest the customer buy it through mobile banking instead, so the branch is not responsible.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "C"
### END SOLUTION

# %% mistake="choice" name="waiver"
choice = "A"

# %% mistake="choice" name="mobile-channel"
choice = "D"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'
### BEGIN HIDDEN TESTS
assert choice == "C"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 月底前，支行行长对你说："系统的适当性拦截太影响业绩了。有位 C2 的老客户想买那款 R4 产品，你帮她把风险测评重新做一下，答得积极一点。"
# 你会怎么做？请说明理由，引用相关规则，并说明你会向谁报告。（150–300 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# Near month end, your branch manager tells you: "The suitability block in the system is hurting our numbers. A long-standing C2 customer wants that R4 product. Redo her risk assessment for her and answer it a bit more aggressively."
# What do you do? Give your reasons, cite the relevant rules, and say whom you would report to. (100–200 words)

# %% [markdown] written="manager-pressure" points=4
# YOUR ANSWER HERE
