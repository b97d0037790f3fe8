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
# # 模块 5 练习：产品与费用透明
#
# 本练习共 14 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。
#
# 第 1、2 题使用本课的示意算法：业绩比较基准视为扣费前的年化收益，按单利计算；认购费在买入时按购买金额收取一次，管理费按购买金额每年收取。所有费率和收益率的单位都是百分比（`0.7` 表示 0.7%）。

# %% [markdown] lang="en"
# # Module 5 exercise: Product and fee transparency
#
# This exercise is worth 14 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.
#
# Questions 1 and 2 use the lesson's illustration: the performance benchmark is treated as an annual return before fees, with simple interest; the subscription fee is charged once on the amount bought, at purchase, and the annual fee every year on the amount bought. Every rate is in percent (`0.7` means 0.7%).

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, products = bank.sales, bank.products

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：持有期扣费后的收益
#
# 编写函数 `net_return_pct(products, years)`，对每只产品计算：如果产品恰好达到业绩比较基准（`benchmark_return_pct`），持有 `years` 年、扣除年管理费（`annual_fee_pct`，实际收取的费率）和认购费（`subscription_fee_pct`）后，
# 收益占购买金额的百分比。返回以 `product_id` 为索引的 `Series`。`years` 可以不是整数（如 `0.5`）。

# %% [markdown] lang="en"
# ## Question 1 (3 points): return after fees over a holding period
#
# Write `net_return_pct(products, years)`. For each product, work out what is left, as a percentage of the amount bought, if the product earns exactly its performance benchmark (`benchmark_return_pct`) for `years` years,
# after the annual fee (`annual_fee_pct`, the fee actually charged) and the subscription fee (`subscription_fee_pct`). Return a `Series` indexed by `product_id`. `years` need not be a whole number (for example `0.5`).

# %% solution="net-return"
def net_return_pct(products, years):
    ### BEGIN SOLUTION
    p = products.set_index("product_id")
    return (p.benchmark_return_pct - p.annual_fee_pct) * years - p.subscription_fee_pct
    ### END SOLUTION


# %% mistake="net-return" name="subscription-every-year"
def net_return_pct(products, years):
    p = products.set_index("product_id")
    return (p.benchmark_return_pct - p.annual_fee_pct - p.subscription_fee_pct) * years


# %% mistake="net-return" name="annual-fee-once"
def net_return_pct(products, years):
    p = products.set_index("product_id")
    return p.benchmark_return_pct * years - p.annual_fee_pct - p.subscription_fee_pct


# %% test="net-return" points=3
toy = pd.DataFrame({"product_id": ["x", "y"], "benchmark_return_pct": [4.0, 2.0], "annual_fee_pct": [1.0, 0.0],
                    "subscription_fee_pct": [1.0, 0.0], "disclosed_fee_pct": [1.0, 0.0]})
result = net_return_pct(toy, 3)
assert sorted(result.index) == ["x", "y"], "return a Series indexed by product_id"
assert round(float(result["x"]), 6) == 8.0, "x over 3 years: (4 - 1) x 3 - 1 = 8 percent"
assert round(float(result["y"]), 6) == 6.0, "y has no fees: 2 x 3 = 6 percent"
### BEGIN HIDDEN TESTS
for n in (2, 0.5):
    got = net_return_pct(products, n)
    for row in products.itertuples():
        expected = row.benchmark_return_pct * n - row.annual_fee_pct * n - row.subscription_fee_pct
        assert abs(float(got[row.product_id]) - expected) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 2 题（2 分）：折算到每年的总费用
#
# 编写函数 `annual_cost_pct(products, years)`，对每只产品计算持有 `years` 年时、折算到每年的总费用率（百分比）：实际收取的年管理费，加上分摊到每一年的认购费。
# 返回以 `product_id` 为索引的 `Series`。

# %% [markdown] lang="en"
# ## Question 2 (2 points): total cost per year
#
# Write `annual_cost_pct(products, years)`. For each product held for `years` years, work out the total cost per year in percent: the annual fee actually charged, plus the subscription fee spread over the years held.
# Return a `Series` indexed by `product_id`.

# %% solution="annual-cost"
def annual_cost_pct(products, years):
    ### BEGIN SOLUTION
    p = products.set_index("product_id")
    return p.annual_fee_pct + p.subscription_fee_pct / years
    ### END SOLUTION


# %% mistake="annual-cost" name="not-spread"
def annual_cost_pct(products, years):
    p = products.set_index("product_id")
    return p.annual_fee_pct + p.subscription_fee_pct


# %% mistake="annual-cost" name="disclosed-fee"
def annual_cost_pct(products, years):
    p = products.set_index("product_id")
    return p.disclosed_fee_pct + p.subscription_fee_pct / years


# %% test="annual-cost" points=2
toy = pd.DataFrame({"product_id": ["x", "y"], "benchmark_return_pct": [4.0, 2.0], "annual_fee_pct": [1.0, 0.5],
                    "subscription_fee_pct": [1.5, 0.0], "disclosed_fee_pct": [0.7, 0.5]})
result = annual_cost_pct(toy, 3)
assert sorted(result.index) == ["x", "y"], "return a Series indexed by product_id"
assert round(float(result["x"]), 6) == 1.5, "x: the 1.0 percent fee actually charged, plus 1.5 / 3 = 0.5 percent a year of subscription fee"
assert round(float(result["y"]), 6) == 0.5, "y has only its 0.5 percent annual fee"
### BEGIN HIDDEN TESTS
for n in (2, 0.5):
    got = annual_cost_pct(products, n)
    for row in products.itertuples():
        assert abs(float(got[row.product_id]) - (row.annual_fee_pct + row.subscription_fee_pct / n)) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 3 题（3 分）：少报的费用与受影响的客户资金
#
# 编写函数 `fee_gaps(products, sales)`，找出披露的年管理费率（`disclosed_fee_pct`）**低于**实际收取的费率（`annual_fee_pct`）的产品，返回以 `product_id` 为索引的 `DataFrame`，包含三列：
#
# - `gap_pct`：少报的费率，即实际费率减去披露费率（百分点）；
# - `amount_cny`：客户购买该产品的金额合计（`sales.amount_cny` 之和）；
# - `undisclosed_fee_cny`：客户每年因此多付、却未被告知的费用，即 `amount_cny` 乘以 `gap_pct` 对应的百分比。
#
# 按 `undisclosed_fee_cny` 从大到小排列。没有少报的产品不出现。

# %% [markdown] lang="en"
# ## Question 3 (3 points): understated fees and the customer money affected
#
# Write `fee_gaps(products, sales)`, finding the products whose disclosed annual fee (`disclosed_fee_pct`) is **below** the fee actually charged (`annual_fee_pct`). Return a `DataFrame` indexed by `product_id` with three columns:
#
# - `gap_pct`: how far the fee was understated, the fee charged minus the fee disclosed (percentage points);
# - `amount_cny`: the total amount customers bought of the product (the sum of `sales.amount_cny`);
# - `undisclosed_fee_cny`: the fee customers pay each year without having been told of it, that is `amount_cny` times the percentage in `gap_pct`.
#
# Sort by `undisclosed_fee_cny`, largest first. Products whose fee was not understated do not appear.

# %% solution="fee-gaps"
def fee_gaps(products, sales):
    ### BEGIN SOLUTION
    p = products.set_index("product_id")
    gap = (p.annual_fee_pct - p.disclosed_fee_pct)[p.disclosed_fee_pct < p.annual_fee_pct]
    amount = sales.groupby("product_id").amount_cny.sum().reindex(gap.index, fill_value=0.0)
    table = pd.DataFrame({"gap_pct": gap, "amount_cny": amount, "undisclosed_fee_cny": amount * gap / 100})
    return table.sort_values("undisclosed_fee_cny", ascending=False)
    ### END SOLUTION


# %% mistake="fee-gaps" name="percent-not-divided"
def fee_gaps(products, sales):
    p = products.set_index("product_id")
    gap = (p.annual_fee_pct - p.disclosed_fee_pct)[p.disclosed_fee_pct < p.annual_fee_pct]
    amount = sales.groupby("product_id").amount_cny.sum().reindex(gap.index, fill_value=0.0)
    table = pd.DataFrame({"gap_pct": gap, "amount_cny": amount, "undisclosed_fee_cny": amount * gap})
    return table.sort_values("undisclosed_fee_cny", ascending=False)


# %% mistake="fee-gaps" name="counts-sales"
def fee_gaps(products, sales):
    p = products.set_index("product_id")
    gap = (p.annual_fee_pct - p.disclosed_fee_pct)[p.disclosed_fee_pct < p.annual_fee_pct]
    amount = sales.groupby("product_id").amount_cny.count().reindex(gap.index, fill_value=0)
    table = pd.DataFrame({"gap_pct": gap, "amount_cny": amount, "undisclosed_fee_cny": amount * gap / 100})
    return table.sort_values("undisclosed_fee_cny", ascending=False)


# %% test="fee-gaps" points=3
toy_products = pd.DataFrame({"product_id": ["a", "b", "c"], "annual_fee_pct": [1.0, 0.5, 1.2], "disclosed_fee_pct": [0.7, 0.5, 1.0]})
toy_sales = pd.DataFrame({"sale_id": ["t1", "t2", "t3", "t4"], "product_id": ["a", "a", "b", "c"],
                          "amount_cny": [100_000.0, 300_000.0, 1_000_000.0, 500_000.0]})
result = fee_gaps(toy_products, toy_sales)
assert list(result.index) == ["a", "c"], "a (understated by 0.3) and c (by 0.2) only, a first"
assert [round(float(x), 2) for x in result.gap_pct] == [0.3, 0.2], "gap_pct is the fee charged minus the fee disclosed"
assert [round(float(x), 2) for x in result.amount_cny] == [400_000.0, 500_000.0], "amount_cny is the total amount bought"
assert [round(float(x), 2) for x in result.undisclosed_fee_cny] == [1_200.0, 1_000.0], "0.3 percent of 400,000 is 1,200 yuan a year; 0.2 percent of 500,000 is 1,000"
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

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 一位客户指着宣传页问："这款产品写着业绩比较基准 4.2%，我买 10 万元，一年能拿多少？"产品有 1% 的认购费和每年 0.8% 的管理费。下面哪一种回答是合规的？
#
# - **A.** "基准就是这款产品每年给您的收益，10 万元一年就是 4,200 元。"
# - **B.** "4.2% 是业绩比较基准，是衡量产品表现的参考，不是承诺。我先给您看说明书里基准是怎么定的；费用有 1% 的认购费和每年 0.8% 的管理费，我逐项算给您。实际收益可能低于基准，也可能亏损。"
# - **C.** "费用很少，不用太在意，您主要看收益就行。"
# - **D.** "去年同类产品赚了 6%，4.2% 已经很保守了，肯定能达到。"
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# A customer points at a leaflet and asks: "It says this product's performance benchmark is 4.2%. If I put in 100,000 yuan, how much do I get in a year?" The product has a 1% subscription fee and a 0.8% annual fee. Which answer is compliant?
#
# - **A.** "The benchmark is what the product pays you each year, so 100,000 yuan earns 4,200 yuan a year."
# - **B.** "4.2% is the performance benchmark, a reference for measuring the product, not a promise. Let me first show you how the documents say the benchmark was set. The fees are a 1% subscription fee and a 0.8% annual fee, and I'll work through each with you. The actual return may be below the benchmark, and you could lose money."
# - **C.** "The fees are tiny, don't worry about them; just look at the return."
# - **D.** "Similar products made 6% last year, so 4.2% is conservative; you'll certainly get it."
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "B"
### END SOLUTION

# %% mistake="choice" name="benchmark-as-return"
choice = "A"

# %% mistake="choice" name="past-performance"
choice = "D"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'
### BEGIN HIDDEN TESTS
assert choice == "B"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 你用第 3 题的方法发现：有几只产品的说明书把年管理费少写了 0.3 个百分点，其中一只是你所在支行卖得最多的产品之一，客户在里面投入了 2,000 多万元。
# 产品经理说："才 0.3%，反正客户也不看费用那一页。先照常卖，等下次印刷再改。"
# 你会怎么做？请说明这个问题为什么重要（引用相关规则），估算对客户的影响，并提出你会采取的措施和报告对象。（150–300 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# Using the method of Question 3 you find that the documents of several products state an annual fee 0.3 percentage points below the fee charged. One of them is among your branch's best sellers, with more than 20 million yuan of customer money in it.
# The product manager says: "It's only 0.3%, and customers never read the fee page anyway. Keep selling as usual; we'll fix it at the next print run."
# What do you do? Explain why the problem matters (citing the relevant rules), estimate the effect on customers, and set out the steps you would take and whom you would report to. (100–200 words)

# %% [markdown] written="understated-fee" points=4
# YOUR ANSWER HERE
