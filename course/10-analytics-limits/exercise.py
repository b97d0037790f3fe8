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
# # 模块 10 练习：数据分析及其边界
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 10 exercise: Data analytics and its limits
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 10 练习：数据分析及其边界
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 10 exercise: Data analytics and its limits
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
offers, customers, products = bank.offers, bank.customers, bank.products

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（4 分）：筛选推荐名单
#
# 编写函数 `eligible_offers(offers, customers, products, as_of)`，返回同时满足以下三个条件的推荐（`offers` 的行，保留原有列）：
#
# 1. 产品风险等级（`products.risk_level`，如 `"R3"`）**不高于**客户风险等级（`customers.risk_level`，如 `"C3"`）；
# 2. 客户同意接收营销信息（`customers.marketing_consent` 为 `True`）；
# 3. 客户的风险测评在 `as_of` 当天仍然有效：测评日期（`customers.risk_assessed_on`）**不早于** `as_of` 往前推 12 个月的那一天。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (4 points): filter the offer list
#
# Write `eligible_offers(offers, customers, products, as_of)`, returning the offers (rows of `offers`, with its columns) that meet all three conditions:
#
# 1. the product's risk level (`products.risk_level`, such as `"R3"`) is **no higher** than the customer's (`customers.risk_level`, such as `"C3"`);
# 2. the customer agreed to receive marketing (`customers.marketing_consent` is `True`);
# 3. the customer's risk assessment is still valid on `as_of`: the assessment date (`customers.risk_assessed_on`) is **not earlier** than the date 12 months before `as_of`.

# %% solution="eligible" tracks="analyst"
def eligible_offers(offers, customers, products, as_of):
    ### BEGIN SOLUTION
    by_customer = customers.set_index("customer_id")
    customer_level = offers.customer_id.map(by_customer.risk_level.str[1].astype(int))
    product_level = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    consented = offers.customer_id.map(by_customer.marketing_consent)
    assessed_on = offers.customer_id.map(by_customer.risk_assessed_on)
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    return offers[(product_level <= customer_level) & consented & (assessed_on >= cutoff)]
    ### END SOLUTION


# %% mistake="eligible" name="lt-for-le" tracks="analyst"
def eligible_offers(offers, customers, products, as_of):
    by_customer = customers.set_index("customer_id")
    customer_level = offers.customer_id.map(by_customer.risk_level.str[1].astype(int))
    product_level = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    consented = offers.customer_id.map(by_customer.marketing_consent)
    assessed_on = offers.customer_id.map(by_customer.risk_assessed_on)
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    return offers[(product_level < customer_level) & consented & (assessed_on >= cutoff)]


# %% mistake="eligible" name="ignores-consent" tracks="analyst"
def eligible_offers(offers, customers, products, as_of):
    by_customer = customers.set_index("customer_id")
    customer_level = offers.customer_id.map(by_customer.risk_level.str[1].astype(int))
    product_level = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    assessed_on = offers.customer_id.map(by_customer.risk_assessed_on)
    cutoff = as_of - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
    return offers[(product_level <= customer_level) & (assessed_on >= cutoff)]


# %% mistake="eligible" name="days-not-months" tracks="analyst"
def eligible_offers(offers, customers, products, as_of):
    by_customer = customers.set_index("customer_id")
    customer_level = offers.customer_id.map(by_customer.risk_level.str[1].astype(int))
    product_level = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    consented = offers.customer_id.map(by_customer.marketing_consent)
    assessed_on = offers.customer_id.map(by_customer.risk_assessed_on)
    cutoff = as_of - pd.Timedelta(days=360)
    return offers[(product_level <= customer_level) & consented & (assessed_on >= cutoff)]


# %% test="eligible" points=4 tracks="analyst"
toy_offers = pd.DataFrame({"offer_id": ["o1", "o2", "o3", "o4", "o5"], "customer_id": ["ann", "ann", "bo", "cy", "dee"],
                           "product_id": ["r3", "r4", "r2", "r2", "r2"], "propensity": [0.4, 0.7, 0.5, 0.6, 0.3]})
toy_customers = pd.DataFrame({"customer_id": ["ann", "bo", "cy", "dee"], "risk_level": ["C3", "C4", "C5", "C2"],
                              "marketing_consent": [True, False, True, True],
                              "risk_assessed_on": pd.to_datetime(["2025-03-01", "2025-03-01", "2024-06-29", "2024-06-30"])})
toy_products = pd.DataFrame({"product_id": ["r2", "r3", "r4"], "risk_level": ["R2", "R3", "R4"]})
result = eligible_offers(toy_offers, toy_customers, toy_products, pd.Timestamp("2025-06-30"))
assert list(result.columns) == list(toy_offers.columns), "return rows of offers with its columns"  # [en]
assert list(result.columns) == list(toy_offers.columns), "请返回 offers 的行，并保留原有的列"  # [zh]
assert sorted(result.offer_id) == ["o1", "o5"], "o1 (R3 for C3) and o5 (assessed exactly 12 months earlier, still valid) stay; o2 is too risky, bo gave no consent, cy's assessment has expired"  # [en]
assert sorted(result.offer_id) == ["o1", "o5"], "应保留 o1（C3 客户推荐 R3）和 o5（测评恰好在 12 个月前，仍然有效）；o2 风险过高，bo 未同意营销，cy 的测评已过期"  # [zh]
### BEGIN HIDDEN TESTS
level_c = offers.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
level_p = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
consent = offers.customer_id.map(customers.set_index("customer_id").marketing_consent)
valid = offers.customer_id.map(customers.set_index("customer_id").risk_assessed_on) >= bankdata.AS_OF - pd.DateOffset(months=12)
expected = offers.offer_id[(level_p <= level_c) & consent & valid]
assert sorted(eligible_offers(offers, customers, products, bankdata.AS_OF).offer_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：为每位客户的推荐排序
#
# 编写函数 `rank_offers(eligible)`。`eligible` 是已经筛选过的推荐（与 `offers` 的列相同）。返回它的一个副本，增加一列 `rank`：
# 在**每位客户**的推荐中，接受概率（`propensity`）最高的为 1，其次为 2，依此类推。结果按 `customer_id` 升序、再按 `rank` 升序排列。
# 同一客户的推荐不会出现相同的接受概率。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): rank each customer's offers
#
# Write `rank_offers(eligible)`. `eligible` holds offers that have already been filtered (same columns as `offers`). Return a copy with a new column `rank`:
# within **each customer's** offers, the one with the highest `propensity` is 1, the next 2, and so on. Sort the result by `customer_id`, then by `rank`, both ascending.
# No customer has two offers with the same propensity.

# %% solution="rank" tracks="analyst"
def rank_offers(eligible):
    ### BEGIN SOLUTION
    ranked = eligible.copy()
    ranked["rank"] = ranked.groupby("customer_id").propensity.rank(ascending=False, method="first").astype(int)
    return ranked.sort_values(["customer_id", "rank"])
    ### END SOLUTION


# %% mistake="rank" name="lowest-first" tracks="analyst"
def rank_offers(eligible):
    ranked = eligible.copy()
    ranked["rank"] = ranked.groupby("customer_id").propensity.rank(method="first").astype(int)
    return ranked.sort_values(["customer_id", "rank"])


# %% mistake="rank" name="ranks-whole-list" tracks="analyst"
def rank_offers(eligible):
    ranked = eligible.copy()
    ranked["rank"] = ranked.propensity.rank(ascending=False, method="first").astype(int)
    return ranked.sort_values(["customer_id", "rank"])


# %% test="rank" points=3 tracks="analyst"
toy = pd.DataFrame({"offer_id": ["a", "b", "c", "d", "e"], "customer_id": ["zoe", "amy", "zoe", "amy", "amy"],
                    "product_id": ["p1", "p2", "p3", "p4", "p5"], "propensity": [0.2, 0.1, 0.6, 0.5, 0.3]})
ranked = rank_offers(toy)
assert list(ranked.offer_id) == ["d", "e", "b", "c", "a"], "amy first: d (0.5), e (0.3), b (0.1); then zoe: c (0.6), a (0.2)"  # [en]
assert list(ranked.offer_id) == ["d", "e", "b", "c", "a"], "先排 amy：d（0.5）、e（0.3）、b（0.1）；再排 zoe：c（0.6）、a（0.2）"  # [zh]
assert list(ranked["rank"]) == [1, 2, 3, 1, 2], "rank starts again at 1 for each customer, highest propensity first"  # [en]
assert list(ranked["rank"]) == [1, 2, 3, 1, 2], "每位客户的排名都从 1 开始，接受概率最高的排第 1"  # [zh]
assert "rank" not in toy.columns, "return a copy; do not change the frame you were given"  # [en]
assert "rank" not in toy.columns, "请返回副本，不要修改传入的数据"  # [zh]
### BEGIN HIDDEN TESTS
by_customer = customers.set_index("customer_id")
level_c = offers.customer_id.map(by_customer.risk_level.str[1].astype(int))
level_p = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
keep = offers[(level_p <= level_c) & offers.customer_id.map(by_customer.marketing_consent)
              & (offers.customer_id.map(by_customer.risk_assessed_on) >= bankdata.AS_OF - pd.DateOffset(months=12))]
expected = keep.sort_values(["customer_id", "propensity"], ascending=[True, False])
expected_rank = expected.groupby("customer_id").cumcount() + 1
result = rank_offers(keep)
assert list(result.offer_id) == list(expected.offer_id)
assert list(result["rank"]) == list(expected_rank)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它把模型推荐名单（NBO）按客户所属网点分组，依次加上本课的三道条件——适当性匹配、客户同意接收营销信息、风险测评仍在 12 个月有效期内——数一数每一步之后各网点还剩多少条推荐。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you: it groups the model's recommendation list (NBO) by the customer's branch and adds the lesson's three conditions one at a time (suitable, consented to marketing, risk assessment within its 12-month validity), counting how many offers each branch has left after each step.

# %% tracks="frontline"
by_customer = customers.set_index("customer_id")
customer_level = offers.customer_id.map(by_customer.risk_level.str[1].astype(int))
product_level = offers.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
suitable = product_level <= customer_level
consented = offers.customer_id.map(by_customer.marketing_consent).astype(bool)
valid = offers.customer_id.map(by_customer.risk_assessed_on) >= bankdata.AS_OF - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
branch = offers.customer_id.map(by_customer.branch_id)
funnel = pd.DataFrame({
    "all": offers.groupby(branch).size(),
    "suitable": suitable.groupby(branch).sum(),
    "consented": (suitable & consented).groupby(branch).sum(),
    "valid": (suitable & consented & valid).groupby(branch).sum(),
})
funnel.index = funnel.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
funnel.index = funnel.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
funnel.columns = ["模型推荐名单（条）", "适当性匹配", "且同意营销", "且测评有效（可以使用）"]  # [zh]
funnel.columns = ["Model's list (offers)", "Suitable", "and consented", "and assessment valid (usable)"]  # [en]
funnel.sort_index().rename_axis("客户所属网点")  # [zh]
funnel.sort_index().rename_axis("Customer's branch")  # [en]

# %% question="list-count"

# %% question="first-offer"

# %% question="propensity-not-suitability"

# %% question="minimum-data"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 市场部门的同事对你说："模型的准确率很高，名单直接导入外呼系统就行。营销同意只是个勾选框，没勾的客户接受概率高的也一起打；
# 另外把客户的资产和年龄一起发给各网点，方便大家聊。"
# 请说明你是否同意，理由是什么，引用相关规则，并提出在使用名单之前应当设置的控制措施。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# A colleague in marketing tells you: "The model is very accurate, so just load the list straight into the auto-dialler. Marketing consent is only a tick box; call the customers who didn't tick it too if their propensity is high.
# And send every branch the customers' assets and ages with the list, so staff have something to talk about."
# Say whether you agree and why, cite the relevant rules, and propose the controls that should be in place before the list is used. (100–200 words)

# %% [markdown] written="list-controls" points=4
# YOUR ANSWER HERE
