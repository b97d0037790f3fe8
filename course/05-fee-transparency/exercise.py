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
# # 模块 5 练习：产品与费用透明
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。
#
# 计算题使用本课的示意算法：业绩比较基准视为扣费前的年化收益，按单利计算；认购费在买入时按购买金额收取一次，管理费按购买金额每年收取。

# %% [markdown] lang="en" tracks="frontline"
# # Module 5 exercise: Product and fee transparency
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.
#
# The calculation question uses the lesson's illustration: the performance benchmark is treated as an annual return before fees, with simple interest; the subscription fee is charged once on the amount bought, at purchase, and the annual fee every year on the amount bought.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 5 练习：产品与费用透明
#
# 本练习共 14 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。
#
# 前两道代码题使用本课的示意算法：业绩比较基准视为扣费前的年化收益，按单利计算；认购费在买入时按购买金额收取一次，管理费按购买金额每年收取。所有费率和收益率的单位都是百分比（`0.7` 表示 0.7%）。

# %% [markdown] lang="en" tracks="analyst"
# # Module 5 exercise: Product and fee transparency
#
# This exercise is worth 14 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.
#
# The first two code questions use the lesson's illustration: the performance benchmark is treated as an annual return before fees, with simple interest; the subscription fee is charged once on the amount bought, at purchase, and the annual fee every year on the amount bought. Every rate is in percent (`0.7` means 0.7%).

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, products = bank.sales, bank.products

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：持有期扣费后的收益
#
# 编写函数 `net_return_pct(products, years)`，对每只产品计算：如果产品恰好达到业绩比较基准（`benchmark_return_pct`），持有 `years` 年、扣除年管理费（`annual_fee_pct`，实际收取的费率）和认购费（`subscription_fee_pct`）后，
# 收益占购买金额的百分比。返回以 `product_id` 为索引的 `Series`。`years` 可以不是整数（如 `0.5`）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): return after fees over a holding period
#
# Write `net_return_pct(products, years)`. For each product, work out what is left, as a percentage of the amount bought, if the product earns exactly its performance benchmark (`benchmark_return_pct`) for `years` years,
# after the annual fee (`annual_fee_pct`, the fee actually charged) and the subscription fee (`subscription_fee_pct`). Return a `Series` indexed by `product_id`. `years` need not be a whole number (for example `0.5`).

# %% tracks="analyst" solution="net-return"
def net_return_pct(products, years):
    ### BEGIN SOLUTION
    p = products.set_index("product_id")
    return (p.benchmark_return_pct - p.annual_fee_pct) * years - p.subscription_fee_pct
    ### END SOLUTION


# %% tracks="analyst" mistake="net-return" name="subscription-every-year"
def net_return_pct(products, years):
    p = products.set_index("product_id")
    return (p.benchmark_return_pct - p.annual_fee_pct - p.subscription_fee_pct) * years


# %% tracks="analyst" mistake="net-return" name="annual-fee-once"
def net_return_pct(products, years):
    p = products.set_index("product_id")
    return p.benchmark_return_pct * years - p.annual_fee_pct - p.subscription_fee_pct


# %% tracks="analyst" test="net-return" points=3
toy = pd.DataFrame({"product_id": ["x", "y"], "benchmark_return_pct": [4.0, 2.0], "annual_fee_pct": [1.0, 0.0],
                    "subscription_fee_pct": [1.0, 0.0], "disclosed_fee_pct": [1.0, 0.0]})
result = net_return_pct(toy, 3)
assert sorted(result.index) == ["x", "y"], "请返回以 product_id 为索引的 Series"  # [zh]
assert sorted(result.index) == ["x", "y"], "return a Series indexed by product_id"  # [en]
assert round(float(result["x"]), 6) == 8.0, "x 持有 3 年：(4 - 1) × 3 - 1 = 8%"  # [zh]
assert round(float(result["x"]), 6) == 8.0, "x over 3 years: (4 - 1) x 3 - 1 = 8 percent"  # [en]
assert round(float(result["y"]), 6) == 6.0, "y 没有任何费用：2 × 3 = 6%"  # [zh]
assert round(float(result["y"]), 6) == 6.0, "y has no fees: 2 x 3 = 6 percent"  # [en]
### BEGIN HIDDEN TESTS
for n in (2, 0.5):
    got = net_return_pct(products, n)
    for row in products.itertuples():
        expected = row.benchmark_return_pct * n - row.annual_fee_pct * n - row.subscription_fee_pct
        assert abs(float(got[row.product_id]) - expected) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：折算到每年的总费用
#
# 编写函数 `annual_cost_pct(products, years)`，对每只产品计算持有 `years` 年时、折算到每年的总费用率（百分比）：实际收取的年管理费，加上分摊到每一年的认购费。
# 返回以 `product_id` 为索引的 `Series`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): total cost per year
#
# Write `annual_cost_pct(products, years)`. For each product held for `years` years, work out the total cost per year in percent: the annual fee actually charged, plus the subscription fee spread over the years held.
# Return a `Series` indexed by `product_id`.

# %% tracks="analyst" solution="annual-cost"
def annual_cost_pct(products, years):
    ### BEGIN SOLUTION
    p = products.set_index("product_id")
    return p.annual_fee_pct + p.subscription_fee_pct / years
    ### END SOLUTION


# %% tracks="analyst" mistake="annual-cost" name="not-spread"
def annual_cost_pct(products, years):
    p = products.set_index("product_id")
    return p.annual_fee_pct + p.subscription_fee_pct


# %% tracks="analyst" mistake="annual-cost" name="disclosed-fee"
def annual_cost_pct(products, years):
    p = products.set_index("product_id")
    return p.disclosed_fee_pct + p.subscription_fee_pct / years


# %% tracks="analyst" test="annual-cost" points=2
toy = pd.DataFrame({"product_id": ["x", "y"], "benchmark_return_pct": [4.0, 2.0], "annual_fee_pct": [1.0, 0.5],
                    "subscription_fee_pct": [1.5, 0.0], "disclosed_fee_pct": [0.7, 0.5]})
result = annual_cost_pct(toy, 3)
assert sorted(result.index) == ["x", "y"], "请返回以 product_id 为索引的 Series"  # [zh]
assert sorted(result.index) == ["x", "y"], "return a Series indexed by product_id"  # [en]
assert round(float(result["x"]), 6) == 1.5, "x：实际收取的年管理费 1.0%，加上每年分摊的认购费 1.5 / 3 = 0.5%"  # [zh]
assert round(float(result["x"]), 6) == 1.5, "x: the 1.0 percent fee actually charged, plus 1.5 / 3 = 0.5 percent a year of subscription fee"  # [en]
assert round(float(result["y"]), 6) == 0.5, "y 只有 0.5% 的年管理费"  # [zh]
assert round(float(result["y"]), 6) == 0.5, "y has only its 0.5 percent annual fee"  # [en]
### BEGIN HIDDEN TESTS
for n in (2, 0.5):
    got = annual_cost_pct(products, n)
    for row in products.itertuples():
        assert abs(float(got[row.product_id]) - (row.annual_fee_pct + row.subscription_fee_pct / n)) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：少报的费用与受影响的客户资金
#
# 编写函数 `fee_gaps(products, sales)`，找出披露的年管理费率（`disclosed_fee_pct`）**低于**实际收取的费率（`annual_fee_pct`）的产品，返回以 `product_id` 为索引的 `DataFrame`，包含三列：
#
# - `gap_pct`：少报的费率，即实际费率减去披露费率（百分点）；
# - `amount_cny`：客户购买该产品的金额合计（`sales.amount_cny` 之和）；
# - `undisclosed_fee_cny`：客户每年因此多付、却未被告知的费用，即 `amount_cny` 乘以 `gap_pct` 对应的百分比。
#
# 按 `undisclosed_fee_cny` 从大到小排列。没有少报的产品不出现。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): understated fees and the customer money affected
#
# Write `fee_gaps(products, sales)`, finding the products whose disclosed annual fee (`disclosed_fee_pct`) is **below** the fee actually charged (`annual_fee_pct`). Return a `DataFrame` indexed by `product_id` with three columns:
#
# - `gap_pct`: how far the fee was understated, the fee charged minus the fee disclosed (percentage points);
# - `amount_cny`: the total amount customers bought of the product (the sum of `sales.amount_cny`);
# - `undisclosed_fee_cny`: the fee customers pay each year without having been told of it, that is `amount_cny` times the percentage in `gap_pct`.
#
# Sort by `undisclosed_fee_cny`, largest first. Products whose fee was not understated do not appear.

# %% tracks="analyst" solution="fee-gaps"
def fee_gaps(products, sales):
    ### BEGIN SOLUTION
    p = products.set_index("product_id")
    gap = (p.annual_fee_pct - p.disclosed_fee_pct)[p.disclosed_fee_pct < p.annual_fee_pct]
    amount = sales.groupby("product_id").amount_cny.sum().reindex(gap.index, fill_value=0.0)
    table = pd.DataFrame({"gap_pct": gap, "amount_cny": amount, "undisclosed_fee_cny": amount * gap / 100})
    return table.sort_values("undisclosed_fee_cny", ascending=False)
    ### END SOLUTION


# %% tracks="analyst" mistake="fee-gaps" name="percent-not-divided"
def fee_gaps(products, sales):
    p = products.set_index("product_id")
    gap = (p.annual_fee_pct - p.disclosed_fee_pct)[p.disclosed_fee_pct < p.annual_fee_pct]
    amount = sales.groupby("product_id").amount_cny.sum().reindex(gap.index, fill_value=0.0)
    table = pd.DataFrame({"gap_pct": gap, "amount_cny": amount, "undisclosed_fee_cny": amount * gap})
    return table.sort_values("undisclosed_fee_cny", ascending=False)


# %% tracks="analyst" mistake="fee-gaps" name="counts-sales"
def fee_gaps(products, sales):
    p = products.set_index("product_id")
    gap = (p.annual_fee_pct - p.disclosed_fee_pct)[p.disclosed_fee_pct < p.annual_fee_pct]
    amount = sales.groupby("product_id").amount_cny.count().reindex(gap.index, fill_value=0)
    table = pd.DataFrame({"gap_pct": gap, "amount_cny": amount, "undisclosed_fee_cny": amount * gap / 100})
    return table.sort_values("undisclosed_fee_cny", ascending=False)


# %% tracks="analyst" test="fee-gaps" points=3
toy_products = pd.DataFrame({"product_id": ["a", "b", "c"], "annual_fee_pct": [1.0, 0.5, 1.2], "disclosed_fee_pct": [0.7, 0.5, 1.0]})
toy_sales = pd.DataFrame({"sale_id": ["t1", "t2", "t3", "t4"], "product_id": ["a", "a", "b", "c"],
                          "amount_cny": [100_000.0, 300_000.0, 1_000_000.0, 500_000.0]})
result = fee_gaps(toy_products, toy_sales)
assert list(result.index) == ["a", "c"], "只有 a（少报 0.3）和 c（少报 0.2），a 排在前面"  # [zh]
assert list(result.index) == ["a", "c"], "a (understated by 0.3) and c (by 0.2) only, a first"  # [en]
assert [round(float(x), 2) for x in result.gap_pct] == [0.3, 0.2], "gap_pct 是实际收取的费率减去披露的费率"  # [zh]
assert [round(float(x), 2) for x in result.gap_pct] == [0.3, 0.2], "gap_pct is the fee charged minus the fee disclosed"  # [en]
assert [round(float(x), 2) for x in result.amount_cny] == [400_000.0, 500_000.0], "amount_cny 是购买金额之和"  # [zh]
assert [round(float(x), 2) for x in result.amount_cny] == [400_000.0, 500_000.0], "amount_cny is the total amount bought"  # [en]
assert [round(float(x), 2) for x in result.undisclosed_fee_cny] == [1_200.0, 1_000.0], "40 万元的 0.3% 是每年 1,200 元；50 万元的 0.2% 是 1,000 元"  # [zh]
assert [round(float(x), 2) for x in result.undisclosed_fee_cny] == [1_200.0, 1_000.0], "0.3 percent of 400,000 is 1,200 yuan a year; 0.2 percent of 500,000 is 1,000"  # [en]
### BEGIN HIDDEN TESTS
joined = sales.merge(products[["product_id", "annual_fee_pct", "disclosed_fee_pct"]], on="product_id")
joined = joined[joined.annual_fee_pct > joined.disclosed_fee_pct]
expected_amount = joined.groupby("product_id").amount_cny.sum()
expected_fee = (joined.amount_cny * (joined.annual_fee_pct - joined.disclosed_fee_pct) / 100).groupby(joined.product_id).sum()
got = fee_gaps(products, sales)
assert sorted(got.index) == sorted(expected_fee.index)
for product_id, fee in expected_fee.items():
    assert abs(float(got.loc[product_id, "amount_cny"]) - expected_amount[product_id]) < 0.01
    assert abs(float(got.loc[product_id, "undisclosed_fee_cny"]) - fee) < 0.01
assert list(got.undisclosed_fee_cny) == sorted(got.undisclosed_fee_cny, reverse=True)
### END HIDDEN TESTS

# %% question="benchmark-answer"

# %% question="net-left"

# %% question="as-deposit"

# %% question="bundling"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你在核对产品资料时发现：有几只产品的说明书把年管理费少写了 0.3 个百分点，其中一只是你所在支行卖得最多的产品之一，客户在里面投入了 2,000 多万元。
# 产品经理说："才 0.3%，反正客户也不看费用那一页。先照常卖，等下次印刷再改。"
# 你会怎么做？请说明这个问题为什么重要（引用相关规则），估算对客户的影响，并提出你会采取的措施和报告对象。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# Checking the product documents, you find that the documents of several products state an annual fee 0.3 percentage points below the fee charged. One of them is among your branch's best sellers, with more than 20 million yuan of customer money in it.
# The product manager says: "It's only 0.3%, and customers never read the fee page anyway. Keep selling as usual; we'll fix it at the next print run."
# What do you do? Explain why the problem matters (citing the relevant rules), estimate the effect on customers, and set out the steps you would take and whom you would report to. (100–200 words)

# %% [markdown] written="understated-fee" points=4
# YOUR ANSWER HERE
