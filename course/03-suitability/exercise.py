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
# # 模块 3 练习：投资者适当性
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母、一个数字或简短答案，不需要编写任何代码。
# 最后一题是书面回答，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 3 exercise: Investor suitability
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter, one number or a short answer. No code is needed.
# The last question is a written answer, graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 3 练习：投资者适当性
#
# 本练习共 14 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 3 exercise: Investor suitability
#
# This exercise is worth 14 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, customers, products = bank.sales, bank.customers, bank.products

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：找出风险不匹配的销售
#
# 编写函数 `mismatched(sales, customers, products)`，返回产品风险等级**高于**客户风险等级的那些销售（`sales` 的行，保留原有列）。
# 客户等级在 `customers.risk_level`（如 `"C3"`），产品等级在 `products.risk_level`（如 `"R4"`）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): find the mismatched sales
#
# Write `mismatched(sales, customers, products)`, returning the sales (rows of `sales`, with its columns) whose product risk level is **above** the customer's risk level.
# Customer levels are in `customers.risk_level` (such as `"C3"`), product levels in `products.risk_level` (such as `"R4"`).

# %% solution="mismatch" tracks="analyst"
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


# %% tracks="analyst" test="mismatch" points=3
toy_sales = pd.DataFrame({"sale_id": ["a", "b", "c", "d"], "customer_id": ["x", "x", "y", "y"], "product_id": ["p2", "p3", "p3", "p5"]})
toy_customers = pd.DataFrame({"customer_id": ["x", "y"], "risk_level": ["C2", "C5"]})
toy_products = pd.DataFrame({"product_id": ["p2", "p3", "p5"], "risk_level": ["R2", "R3", "R5"]})
result = mismatched(toy_sales, toy_customers, toy_products)
assert list(result.columns) == list(toy_sales.columns), "请返回 sales 中的行，并保留它原有的所有列"  # [zh]
assert list(result.columns) == list(toy_sales.columns), "return rows of sales with its columns"  # [en]
assert sorted(result.sale_id) == ["b"], "只有销售 b 把 R3 产品卖给了 C2 客户"  # [zh]
assert sorted(result.sale_id) == ["b"], "only sale b puts a C2 customer in an R3 product"  # [en]
### BEGIN HIDDEN TESTS
level_c = sales.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
level_p = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
assert sorted(mismatched(sales, customers, products).sale_id) == sorted(sales.sale_id[level_p > level_c])
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：老年客户的高风险销售
#
# 编写函数 `elderly_high_risk_by_branch(sales, customers, products)`，统计 **65 岁及以上**客户购买 **R4 或 R5** 产品的销售笔数，
# 按网点（`branch_id`）汇总，返回一个以 `branch_id` 为索引、按笔数从多到少排列的 `Series`。没有此类销售的网点不必出现。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): high-risk sales to older customers
#
# Write `elderly_high_risk_by_branch(sales, customers, products)`, counting the sales of **R4 or R5** products to customers **aged 65 or over**,
# per branch (`branch_id`). Return a `Series` indexed by `branch_id`, sorted from most to fewest. Branches with no such sale need not appear.

# %% solution="elderly" tracks="analyst"
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


# %% tracks="analyst" test="elderly" points=3
toy_sales = pd.DataFrame({"sale_id": list("abcde"), "branch_id": ["B1", "B1", "B2", "B2", "B2"],
                          "customer_id": ["old", "old", "sixty-five", "young", "sixty-five"], "product_id": ["p4", "p3", "p5", "p5", "p4"]})
toy_customers = pd.DataFrame({"customer_id": ["old", "sixty-five", "young"], "age": [80, 65, 40]})
toy_products = pd.DataFrame({"product_id": ["p3", "p4", "p5"], "risk_level": ["R3", "R4", "R5"]})
counts = elderly_high_risk_by_branch(toy_sales, toy_customers, toy_products)
assert dict(counts) == {"B2": 2, "B1": 1}, "B2 有两笔这样的销售（65 岁也算在内），B1 有一笔"  # [zh]
assert dict(counts) == {"B2": 2, "B1": 1}, "B2 has two such sales (age 65 counts), B1 one"  # [en]
assert list(counts.index) == ["B2", "B1"], "请按笔数从多到少排列"  # [zh]
assert list(counts.index) == ["B2", "B1"], "sort from most to fewest"  # [en]
### BEGIN HIDDEN TESTS
age = sales.customer_id.map(customers.set_index("customer_id").age)
level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
expected = sales[(age >= 65) & (level >= 4)].branch_id.value_counts()
assert dict(elderly_high_risk_by_branch(sales, customers, products)) == dict(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：需要重新测评的客户
#
# 金禾银行的风险测评有效期为 12 个月（`bankdata.ASSESSMENT_VALID_MONTHS`）。编写函数 `needs_reassessment(customers, as_of)`，
# 返回在 `as_of` 当天测评已过期的客户编号列表（测评日期早于 `as_of` 往前推 12 个月的那一天），按编号升序排列。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): customers who must be reassessed
#
# At Jinhe Bank a risk assessment is valid for 12 months (`bankdata.ASSESSMENT_VALID_MONTHS`). Write `needs_reassessment(customers, as_of)`,
# returning the sorted list of customer ids whose assessment has expired on `as_of` (assessed before the date 12 months earlier than `as_of`).

# %% solution="reassess" tracks="analyst"
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


# %% tracks="analyst" test="reassess" points=2
toy = pd.DataFrame({"customer_id": ["k", "m", "n"],
                    "risk_assessed_on": pd.to_datetime(["2024-06-29", "2024-06-30", "2024-07-04"])})
assert needs_reassessment(toy, pd.Timestamp("2025-06-30")) == ["k"], "只有 k 的测评早于 2025-06-30 往前推 12 个月的那一天"  # [zh]
assert needs_reassessment(toy, pd.Timestamp("2025-06-30")) == ["k"], "only k was assessed more than 12 months before 2025-06-30"  # [en]
### BEGIN HIDDEN TESTS
cutoff = bankdata.AS_OF - pd.DateOffset(months=12)
assert needs_reassessment(customers, bankdata.AS_OF) == sorted(customers.customer_id[customers.risk_assessed_on < cutoff])
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它统计了金禾银行各网点向 **65 岁及以上**客户销售 **R4、R5** 产品的笔数。即使客户等级与产品等级相符，这类销售也应当逐笔复核录音录像和测评过程。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you: it counts, for each Jinhe Bank branch, the sales of **R4 and R5** products to customers **aged 65 and over**. Even when the customer's and the product's levels match, each such sale deserves a review of its recording and of how the assessment was taken.

# %% tracks="frontline"
age = sales.customer_id.map(customers.set_index("customer_id").age)
level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
names = bankdata.BRANCHES.set_index("branch_id").name_zh  # [zh]
names = bankdata.BRANCHES.set_index("branch_id").name_en  # [en]
counts = sales[(age >= 65) & (level >= 4)].branch_id.map(names).value_counts()
counts.rename_axis("网点").rename("65 岁及以上客户的 R4、R5 销售笔数").to_frame()  # [zh]
counts.rename_axis("Branch").rename("R4 and R5 sales to customers aged 65+").to_frame()  # [en]

# %% question="highest-level"

# %% question="elderly-count"

# %% question="expired-assessment"

# %% question="insists"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 月底前，支行行长对你说："系统的适当性拦截太影响业绩了。有位 C2 的老客户想买那款 R4 产品，你帮她把风险测评重新做一下，答得积极一点。"
# 你会怎么做？请说明理由和适用的规则，并说明你会向谁报告。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# Near month end, your branch manager tells you: "The suitability block in the system is hurting our numbers. A long-standing C2 customer wants that R4 product. Redo her risk assessment for her and answer it a bit more aggressively."
# What do you do? Give your reasons and the rules that apply, and say whom you would report to. (100–200 words)

# %% [markdown] written="manager-pressure" points=4
# YOUR ANSWER HERE
