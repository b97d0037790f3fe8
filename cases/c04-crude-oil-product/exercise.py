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
# # 案例 c04 练习："原油宝"——不顾风险卖出的复杂产品
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case c04 exercise: "Crude Oil Treasure", a complex product sold without regard to risk
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 c04 练习："原油宝"——不顾风险卖出的复杂产品
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case c04 exercise: "Crude Oil Treasure", a complex product sold without regard to risk
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import numpy as np
import pandas as pd

from salesacademy.casedata import crude_oil_product

tables = crude_oil_product.load(seed=7)
customers, campaigns, orders, positions = tables["customers"], tables["campaigns"], tables["orders"], tables["positions"]
oil_orders = orders[orders.product_id == crude_oil_product.OIL]
oil_positions = positions[positions.product_id == crude_oil_product.OIL]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：未成年人的订单
#
# 编写函数 `underage_orders(orders, customers)`，返回下单当天客户**未满 18 周岁**的那些订单（`orders` 的行，保留原有列）。
# 出生日期在 `customers.birth_date`，下单日期在 `orders.ordered_on`。客户在 18 岁生日当天下单，已经年满 18 周岁。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): orders placed by minors
#
# Write `underage_orders(orders, customers)`, returning the orders (rows of `orders`, with its columns) placed when the customer was **not yet 18**.
# Birth dates are in `customers.birth_date`, order dates in `orders.ordered_on`. A customer ordering on their 18th birthday is already 18.

# %% solution="underage" tracks="analyst"
def underage_orders(orders, customers):
    ### BEGIN SOLUTION
    birth = orders.customer_id.map(customers.set_index("customer_id").birth_date)
    return orders[orders.ordered_on < birth + pd.DateOffset(years=18)]
    ### END SOLUTION


# %% mistake="underage" name="years-only" tracks="analyst"
def underage_orders(orders, customers):
    birth = orders.customer_id.map(customers.set_index("customer_id").birth_date)
    return orders[orders.ordered_on.dt.year - birth.dt.year < 18]


# %% mistake="underage" name="birthday-still-minor" tracks="analyst"
def underage_orders(orders, customers):
    birth = orders.customer_id.map(customers.set_index("customer_id").birth_date)
    return orders[orders.ordered_on <= birth + pd.DateOffset(years=18)]


# %% test="underage" points=3 tracks="analyst"
toy_customers = pd.DataFrame({"customer_id": ["teen", "adult"], "birth_date": pd.to_datetime(["2007-03-15", "1980-06-01"])})
toy_orders = pd.DataFrame({"order_id": ["a", "b", "c", "d"], "customer_id": ["teen", "teen", "teen", "adult"],
                           "ordered_on": pd.to_datetime(["2025-01-10", "2025-03-14", "2025-03-15", "2025-01-10"])})
result = underage_orders(toy_orders, toy_customers)
assert list(result.columns) == list(toy_orders.columns), "返回 orders 的行，并保留原有的列"  # [zh]
assert list(result.columns) == list(toy_orders.columns), "return rows of orders with its columns"  # [en]
assert sorted(result.order_id) == ["a", "b"], "a、b 下单时客户未满 18 周岁；c 在 18 岁生日当天，已经成年"  # [zh]
assert sorted(result.order_id) == ["a", "b"], "the customer was 17 for orders a and b; order c falls on the 18th birthday, so it is an adult's"  # [en]
### BEGIN HIDDEN TESTS
born = orders.customer_id.map(customers.set_index("customer_id").birth_date)
had_birthday = orders.ordered_on.dt.month * 100 + orders.ordered_on.dt.day >= born.dt.month * 100 + born.dt.day
age = orders.ordered_on.dt.year - born.dt.year - (~had_birthday).astype(int)
assert sorted(underage_orders(orders, customers).order_id) == sorted(orders.order_id[age < 18])
leap_day = (customers.birth_date.dt.month == 2) & (customers.birth_date.dt.day == 29)
on_birthday = pd.DataFrame({"order_id": customers.customer_id[~leap_day], "customer_id": customers.customer_id[~leap_day],
                            "ordered_on": customers.birth_date[~leap_day] + pd.DateOffset(years=18)})
assert underage_orders(on_birthday, customers).empty
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：活动期间的销量倍数
#
# 编写函数 `campaign_lift(orders, campaigns)`，返回一个数：**活动日**平均每天的订单数，除以**其他日子**平均每天的订单数。
#
# - 统计的日子是从 `orders` 中最早的下单日期到最晚的下单日期之间的**每一个日历日**，没有订单的日子按 0 笔计算；
# - 某一天落在任何一次活动的 `starts_on` 与 `ends_on` 之间（**两端都包含**），就是活动日。
#
# 评分时会传入原油通的订单 `oil_orders`。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): how much campaigns multiply sales
#
# Write `campaign_lift(orders, campaigns)`, returning one number: the average number of orders per **campaign day** divided by the average number of orders per **other day**.
#
# - Count **every calendar day** from the earliest to the latest order date in `orders`; a day without orders counts as 0 orders;
# - a day is a campaign day when it falls between `starts_on` and `ends_on` of any campaign, **both ends included**.
#
# It will be graded with the Oil Link orders, `oil_orders`.

# %% solution="lift" tracks="analyst"
def campaign_lift(orders, campaigns):
    ### BEGIN SOLUTION
    days = pd.date_range(orders.ordered_on.min(), orders.ordered_on.max(), freq="D")
    daily = orders.groupby("ordered_on").size().reindex(days, fill_value=0)
    inside = np.zeros(len(days), dtype=bool)
    for campaign in campaigns.itertuples():
        inside |= (days >= campaign.starts_on) & (days <= campaign.ends_on)
    return daily[inside].mean() / daily[~inside].mean()
    ### END SOLUTION


# %% mistake="lift" name="skips-days-without-orders" tracks="analyst"
def campaign_lift(orders, campaigns):
    daily = orders.groupby("ordered_on").size()
    inside = np.zeros(len(daily), dtype=bool)
    for campaign in campaigns.itertuples():
        inside |= (daily.index >= campaign.starts_on) & (daily.index <= campaign.ends_on)
    return daily[inside].mean() / daily[~inside].mean()


# %% mistake="lift" name="last-day-excluded" tracks="analyst"
def campaign_lift(orders, campaigns):
    days = pd.date_range(orders.ordered_on.min(), orders.ordered_on.max(), freq="D")
    daily = orders.groupby("ordered_on").size().reindex(days, fill_value=0)
    inside = np.zeros(len(days), dtype=bool)
    for campaign in campaigns.itertuples():
        inside |= (days >= campaign.starts_on) & (days < campaign.ends_on)
    return daily[inside].mean() / daily[~inside].mean()


# %% mistake="lift" name="totals-not-per-day" tracks="analyst"
def campaign_lift(orders, campaigns):
    inside = np.zeros(len(orders), dtype=bool)
    for campaign in campaigns.itertuples():
        inside |= (orders.ordered_on >= campaign.starts_on) & (orders.ordered_on <= campaign.ends_on)
    return inside.sum() / (~inside).sum()


# %% test="lift" points=3 tracks="analyst"
toy_campaigns = pd.DataFrame({"campaign_id": ["M"], "starts_on": pd.to_datetime(["2025-01-03"]), "ends_on": pd.to_datetime(["2025-01-04"])})
toy_orders = pd.DataFrame({"order_id": list("abcdefghijkl"),
                           "ordered_on": pd.to_datetime(["2025-01-01"] + ["2025-01-03"] * 3 + ["2025-01-04"] * 5 + ["2025-01-06"] + ["2025-01-10"] * 2)})
lift = campaign_lift(toy_orders, toy_campaigns)
assert np.isscalar(lift), "返回一个数"  # [zh]
assert np.isscalar(lift), "return a single number"  # [en]
assert abs(lift - 8.0) < 1e-9, "活动 2 天共 8 笔（每天 4 笔），其他 8 天共 4 笔（每天 0.5 笔），倍数为 8"  # [zh]
assert abs(lift - 8.0) < 1e-9, "2 campaign days hold 8 orders (4 a day), the other 8 days hold 4 (0.5 a day), so the lift is 8"  # [en]
### BEGIN HIDDEN TESTS
campaign_days = set()
for row in campaigns.itertuples():
    campaign_days.update(pd.date_range(row.starts_on, row.ends_on))
span = pd.date_range(oil_orders.ordered_on.min(), oil_orders.ordered_on.max())
n_campaign_days = sum(day in campaign_days for day in span)
n_campaign_orders = int(oil_orders.ordered_on.isin(list(campaign_days)).sum())
expected = (n_campaign_orders / n_campaign_days) / ((len(oil_orders) - n_campaign_orders) / (len(span) - n_campaign_days))
assert abs(campaign_lift(oil_orders, campaigns) - expected) < 1e-9
gold_orders = orders[orders.product_id == crude_oil_product.GOLD]
gold_span = pd.date_range(gold_orders.ordered_on.min(), gold_orders.ordered_on.max())
gold_daily = gold_orders.ordered_on.value_counts().reindex(gold_span, fill_value=0)
gold_inside = gold_daily.index.isin(list(campaign_days))
assert abs(campaign_lift(gold_orders, campaigns) - gold_daily[gold_inside].mean() / gold_daily[~gold_inside].mean()) < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：压力测试
#
# 编写函数 `stress_test(positions, price)`，返回 `positions` 的一个**副本**，并增加两列：
#
# - `loss_usd`：价格跌到 `price` 时持仓的损失 = `invested_usd` − `units` × `price`；
# - `loses_more_than_invested`：损失是否**超过**投入的本金（`True` / `False`）。
#
# 不要修改传入的 `positions` 本身。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): a stress test
#
# Write `stress_test(positions, price)`, returning a **copy** of `positions` with two more columns:
#
# - `loss_usd`: the position's loss if the price falls to `price`, which is `invested_usd` − `units` × `price`;
# - `loses_more_than_invested`: whether the loss is **greater than** the principal paid in (`True` / `False`).
#
# Do not change the `positions` you are given.

# %% solution="stress" tracks="analyst"
def stress_test(positions, price):
    ### BEGIN SOLUTION
    result = positions.copy()
    result["loss_usd"] = result.invested_usd - result.units * price
    result["loses_more_than_invested"] = result.loss_usd > result.invested_usd
    return result
    ### END SOLUTION


# %% mistake="stress" name="loss-capped-at-principal" tracks="analyst"
def stress_test(positions, price):
    result = positions.copy()
    result["loss_usd"] = (result.invested_usd - result.units * price).clip(upper=result.invested_usd)
    result["loses_more_than_invested"] = result.loss_usd > result.invested_usd
    return result


# %% mistake="stress" name="ge-for-gt" tracks="analyst"
def stress_test(positions, price):
    result = positions.copy()
    result["loss_usd"] = result.invested_usd - result.units * price
    result["loses_more_than_invested"] = result.loss_usd >= result.invested_usd
    return result


# %% test="stress" points=3 tracks="analyst"
toy = pd.DataFrame({"position_id": ["a", "b"], "units": [100.0, 10.0], "invested_usd": [2500.0, 400.0]})
at_zero = stress_test(toy, 0.0)
assert list(toy.columns) == ["position_id", "units", "invested_usd"], "不要修改传入的 positions"  # [zh]
assert list(toy.columns) == ["position_id", "units", "invested_usd"], "do not change the positions you are given"  # [en]
assert np.allclose(at_zero.loss_usd, [2500.0, 400.0]), "价格为 0 时，损失等于全部本金"  # [zh]
assert np.allclose(at_zero.loss_usd, [2500.0, 400.0]), "at a price of 0 the loss equals the whole principal"  # [en]
assert not at_zero.loses_more_than_invested.any(), "损失等于本金，并没有超过本金"  # [zh]
assert not at_zero.loses_more_than_invested.any(), "a loss equal to the principal is not greater than it"  # [en]
negative = stress_test(toy, -37.63)
assert np.allclose(negative.loss_usd, [6263.0, 776.3]), "价格为负时，损失 = 本金 + 份额 × 37.63，会超过本金"  # [zh]
assert np.allclose(negative.loss_usd, [6263.0, 776.3]), "at a negative price the loss is principal + units × 37.63, more than the principal"  # [en]
assert negative.loses_more_than_invested.all(), "价格为负时，两笔持仓的损失都超过本金"  # [zh]
assert negative.loses_more_than_invested.all(), "at a negative price both positions lose more than their principal"  # [en]
### BEGIN HIDDEN TESTS
for stress_price in (crude_oil_product.STRESS_PRICE_USD, 0.0, 12.5):
    checked = stress_test(oil_positions, stress_price)
    expected_loss = oil_positions.invested_usd.to_numpy() - oil_positions.units.to_numpy() * stress_price
    assert list(checked.position_id) == list(oil_positions.position_id)
    assert np.allclose(checked.loss_usd.to_numpy(), expected_loss)
    assert list(checked.loses_more_than_invested) == list(expected_loss > oil_positions.invested_usd.to_numpy())
assert "loss_usd" not in oil_positions.columns
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它统计了三次送礼活动期间和其他日子里，金禾原油通（R4）平均每天的订单数。每个日历日都计算在内，没有订单的日子按 0 笔计算，活动的最后一天算作活动日。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you: it shows how many Jinhe Oil Link (R4) orders came in per day during each of the three gift campaigns and on other days. Every calendar day counts, a day without orders counts as 0, and the last day of a campaign is a campaign day.

# %% tracks="frontline"
days = pd.date_range(oil_orders.ordered_on.min(), oil_orders.ordered_on.max(), freq="D")
daily = oil_orders.groupby("ordered_on").size().reindex(days, fill_value=0)
rows, inside = {}, np.zeros(len(days), dtype=bool)
for campaign in campaigns.itertuples():
    during = (days >= campaign.starts_on) & (days <= campaign.ends_on)
    inside |= during
    rows[campaign.name_zh] = (int(during.sum()), int(daily[during].sum()))  # [zh]
    rows[campaign.name_en] = (int(during.sum()), int(daily[during].sum()))  # [en]
rows["全部活动日"] = (int(inside.sum()), int(daily[inside].sum()))  # [zh]
rows["其他日子"] = (int((~inside).sum()), int(daily[~inside].sum()))  # [zh]
rows["All campaign days"] = (int(inside.sum()), int(daily[inside].sum()))  # [en]
rows["Other days"] = (int((~inside).sum()), int(daily[~inside].sum()))  # [en]
by_period = pd.DataFrame(rows, index=["days", "orders"]).T
by_period["per_day"] = (by_period.orders / by_period.days).round(1)
by_period.columns = ["天数", "原油通订单（笔）", "平均每天订单（笔）"]  # [zh]
by_period.columns = ["Days", "Oil Link orders", "Orders per day"]  # [en]
by_period.rename_axis("时期")  # [zh]
by_period.rename_axis("Period")  # [en]

# %% question="orders-per-day"

# %% question="below-zero"

# %% question="gift-campaign"

# %% question="minor-guardian"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你是金禾银行成都锦江支行的行长。2025 年 4 月 17 日，总行通知下周启动第四次原油通送礼活动，要求每个支行的销量超过上一次活动。
# 结合你在本案例数据中的发现，回答：这个问题的**根本原因**是什么？哪些**控制措施**本可以发现或阻止它？**你会怎么做**？（200–350 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You are the manager of Jinhe Bank's Chengdu Jinjiang branch. On 17 April 2025 head office announces a fourth Oil Link gift campaign for next week and asks every branch to beat its sales in the last one.
# Using what you found in this case's data, answer: what is the **root cause** of the problem? Which **controls** would have caught or stopped it? **What do you do**? (150–250 words)

# %% [markdown] written="branch-manager-campaign" points=4
# YOUR ANSWER HERE
