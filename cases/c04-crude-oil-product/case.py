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
# # 案例 c04："原油宝"——不顾风险卖出的复杂产品
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明一款挂钩期货价格的产品为什么可能让客户亏掉超过本金的钱；
# 2. 在销售数据中找出三个预警信号：送礼活动带来的销量激增、风险等级不匹配、未成年人买入；
# 3. 用一个简单的压力情景计算持仓可能的损失，并说明压力测试应当由谁、在什么时候做。

# %% [markdown] lang="en"
# # Case c04: "Crude Oil Treasure", a complex product sold without regard to risk
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain how a product tied to a futures price can cost a customer more than the money they paid in;
# 2. find three warning signs in sales data: sales spikes driven by gift campaigns, risk-level mismatches, and buyers under 18;
# 3. compute what open positions could lose in a simple stress scenario, and say who should run such a test, and when.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 2020 年 4 月 20 日，美国 WTI 原油 5 月期货合约以**每桶 −37.63 美元**结算，价格跌到了零以下。中国银行的"原油宝"产品与这份合约挂钩，约 **6 万名**投资者因此亏损。
#
# 事后，原银保监会对中国银行罚款 **5050 万元**（2023 年 5 月 18 日起，这一监管职责由在原银保监会基础上组建的国家金融监督管理总局承担）。监管指出的问题包括：
#
# - 产品设计和内部控制存在缺陷；
# - 没有做压力测试；
# - 员工激励机制不合理；
# - 宣传夸大，营销中赠送礼品；
# - 允许未成年人购买。
#
# 相关个人也被罚款：全球市场部的两名总经理各 50 万元，一名副总经理和一名高级交易员各 40 万元，合计 **180 万元**。
#
# *来源：财新国际（Caixin Global）2020 年 12 月 5 日报道；彭博社；《华尔街日报》；个人罚款据《明报》2020 年 12 月 5 日报道。*

# %% [markdown] lang="en"
# ## What happened
#
# On 20 April 2020 the WTI crude oil May futures contract settled at **−$37.63 a barrel**: the price fell below zero. Bank of China's "Crude Oil Treasure" (原油宝) was tied to that contract, and about **60,000** investors lost money.
#
# The former CBIRC later fined Bank of China **50.5 million yuan** (since 18 May 2023 its role has passed to the National Financial Regulatory Administration, NFRA, formed on the basis of the CBIRC). The failures it cited include:
#
# - weak product design and internal controls;
# - no stress testing;
# - unreasonable staff incentives;
# - exaggerated advertising, and gifts used in marketing;
# - investors under 18 allowed to buy.
#
# Individuals were fined too: two general managers of the global markets department 500,000 yuan each, and a deputy general manager and a senior trader 400,000 yuan each, **1.8 million yuan** in all.
#
# *Source: Caixin Global, 5 December 2020; Bloomberg; The Wall Street Journal; the individual fines as reported by Ming Pao, 5 December 2020.*

# %% [markdown] lang="zh"
# ## 相关规则
#
# - 产品风险等级必须与客户风险等级对应，**销售系统必须阻止不匹配的销售**。最早提出这一要求的规则是 2011 年的《商业银行理财产品销售管理办法》（原银监会令 2011 年第 5 号，已被 2018 年的规则取代）第 25 条。现行规则延续了它：理财公司产品的销售禁止向客户销售超出其风险等级的产品；银行代销的产品须由总行集中管理、通过代销系统销售，销售过程可回溯，并对老年客户和限制民事行为能力人有专门保护。
#   *来源：《商业银行理财业务监督管理办法》（2018 年 9 月 28 日施行）及其附件《商业银行理财产品销售管理要求》；《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条；《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日施行）。*
# - 向普通投资者销售高风险产品时须格外审慎，例如给客户更长的考虑时间、增加回访。
#   *来源：证监会《证券期货投资者适当性管理办法》第 20 条。*
# - 现行规则明确禁止：向客户销售超出其风险等级的产品；以抽奖、回扣或**赠送礼品**等方式销售。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 英国监管机构要求银行在管理报表中**监测个人销量的异常激增**，把它当作误导销售的信号。
#   *来源：英国 FSA/FCA《金融激励给客户带来的风险》指引 FG13/1（2013 年 1 月 16 日发布）。*
#
# ## 为什么价格跌破零这么危险
#
# 客户全额付款买入 100 桶、每桶 25 美元，投入本金 2,500 美元。价格跌到 0，损失 2,500 美元，即全部本金；
# 价格跌到 −37.63 美元，持仓的价值是 100 × (−37.63) = −3,763 美元，损失 = 2,500 − (−3,763) = **6,263 美元**，是本金的 2.5 倍。
# "全额付款、没有杠杆，最多亏光本金"的直觉，在价格可以为负时不再成立。

# %% [markdown] lang="en"
# ## The rules that apply
#
# - Product risk ratings must map to customer risk ratings, and **the sales system must block a mismatched sale**. The rule that first required this was Article 25 of the 2011 measures on the sale of commercial banks' wealth products (the former CBRC's Order 2011 No. 5, since superseded by the 2018 rules). The rules in force carry it on: wealth-company products may not be sold above the customer's risk level, and products a bank sells as agent are managed centrally by its head office, sold through an agency-sales system, traceable afterwards, with targeted protections for elderly customers and people with limited legal capacity.
#   *Source: Measures for the Supervision and Administration of the Wealth Management Business of Commercial Banks (in force 28 September 2018) and their annex on sales; Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25; Measures for the Administration of Agency Sales by Commercial Banks (Jin Gui [2025] No. 6, in force 1 October 2025).*
# - Selling high-risk products to ordinary investors calls for extra care, such as more time to decide and more follow-up calls.
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors, Article 20.*
# - Current rules expressly ban selling a product above the customer's risk level, and selling through lotteries, kickbacks or **gifts**.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - The UK regulator asks banks to **monitor individual sales spikes** in their management reports, as a sign of mis-selling.
#   *Source: FSA/FCA guidance FG13/1, "Risks to customers from financial incentives", published 16 January 2013.*
#
# ## Why a price below zero is so dangerous
#
# A customer pays in full for 100 barrels at $25: $2,500 of principal. If the price falls to 0, the loss is $2,500, all of the principal.
# If it falls to −$37.63, the position is worth 100 × (−37.63) = −$3,763, and the loss is 2,500 − (−3,763) = **$6,263**, two and a half times the principal.
# The intuition "I paid in full with no leverage, so the worst case is losing everything I put in" fails once a price can go negative.

# %% [markdown] lang="zh"
# ## 金禾银行的数据
#
# 金禾银行（虚构）在 2024-10-08 至 2025-04-17 销售两款产品："金禾原油通"（挂钩近月原油期货，R4）和"金禾黄金通"（挂钩现货黄金，R3），期间做了三次送礼活动。
# 数据中的人名、产品和价格都是虚构的；价格是模拟数据，不是历史行情。数据截至 2025-04-17 收盘，**还没有发生任何暴跌**：你的任务是在事前找出预警信号。

# %% [markdown] lang="en"
# ## Jinhe Bank's data
#
# From 2024-10-08 to 2025-04-17 the fictional Jinhe Bank sold two products, "Jinhe Oil Link" (tracking front-month crude oil futures, R4) and "Jinhe Gold Link" (tracking spot gold, R3), and ran three gift campaigns.
# Names, products and prices in the data are fictional; the prices are simulated, not historical quotes. The data ends at the close of 2025-04-17 and **no crash has happened yet**: your task is to find the warning signs before one does.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import crude_oil_product
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", 120)
LANG = "zh"  # [zh]
LANG = "en"  # [en]

tables = crude_oil_product.load(seed=7)
customers, products, campaigns = tables["customers"], tables["products"], tables["campaigns"]
prices, orders, positions = tables["prices"], tables["orders"], tables["positions"]
{name: len(table) for name, table in tables.items()}

# %% [markdown] lang="zh"
# 数据字典说明了每张表和每一列的含义：

# %% [markdown] lang="en"
# The data dictionary explains every table and every column:

# %%
overview, columns = dictionary_tables(crude_oil_product.DICTIONARY, LANG, tables)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：送礼活动与销量
#
# 先把每天的原油通订单数画出来，并把三次活动的时间段标成阴影。**先猜一猜**：活动期间每天的订单会是平时的几倍？

# %% [markdown] lang="en"
# ## Analysis 1: gift campaigns and sales
#
# Plot the number of Oil Link orders per day and shade the three campaign periods. **Guess first**: how many times the usual daily orders will a campaign day bring?

# %%
oil_orders = orders[orders.product_id == crude_oil_product.OIL]
all_days = pd.date_range(orders.ordered_on.min(), orders.ordered_on.max(), freq="D")
daily = oil_orders.groupby("ordered_on").size().reindex(all_days, fill_value=0)
in_campaign = pd.Series(False, index=all_days)
for campaign in campaigns.itertuples():
    in_campaign[(all_days >= campaign.starts_on) & (all_days <= campaign.ends_on)] = True

fig, ax = plt.subplots(figsize=(9, 3.5))
ax.bar(daily.index, daily.to_numpy(), width=1.0, color="#7f8c8d")
for campaign in campaigns.itertuples():
    ax.axvspan(campaign.starts_on, campaign.ends_on + pd.Timedelta(days=1), color="#e67e22", alpha=0.25)
ax.set_title("金禾原油通每日订单数（阴影为送礼活动期间）")  # [zh]
ax.set_ylabel("订单数")  # [zh]
ax.set_title("Jinhe Oil Link orders per day (shaded: gift campaigns)")  # [en]
ax.set_ylabel("Orders")  # [en]
plt.tight_layout()
plt.show()

print(f"活动期间平均每天 {daily[in_campaign].mean():.1f} 笔，其他日子平均每天 {daily[~in_campaign].mean():.1f} 笔，"  # [zh]
      f"活动日是平时的 {daily[in_campaign].mean() / daily[~in_campaign].mean():.1f} 倍。")  # [zh]
print(f"Campaign days average {daily[in_campaign].mean():.1f} orders, other days {daily[~in_campaign].mean():.1f}: "  # [en]
      f"{daily[in_campaign].mean() / daily[~in_campaign].mean():.1f} times as many.")  # [en]

# %% [markdown] lang="zh"
# 注意两点：按**日历日**平均（没有订单的日子算 0），活动的最后一天**包含在内**。下单的是谁？下一步看他们的风险等级。

# %% [markdown] lang="en"
# Two details: average over **calendar days** (a day without orders counts as 0), and the last day of a campaign is **included**. Who placed these orders? Next, look at their risk levels.

# %% [markdown] lang="zh"
# ## 分析二：风险等级不匹配
#
# 原油通是 R4 产品，只有 C4、C5 的客户可以买。下面把原油通订单分成三组：活动期间的赠礼订单、活动期间的其他订单、活动以外的订单，分别计算风险等级不匹配（客户等级低于 C4）的比例。

# %% [markdown] lang="en"
# ## Analysis 2: risk-level mismatches
#
# Oil Link is an R4 product: only C4 and C5 customers may buy it. Split the Oil Link orders into three groups (gift orders during campaigns, other orders during campaigns, orders outside campaigns) and compute the share of mismatches, where the customer's level is below C4.

# %%
customer_level = oil_orders.customer_id.map(customers.set_index("customer_id").risk_level.str[1].astype(int))
product_level = int(products.set_index("product_id").risk_level[crude_oil_product.OIL][1])
mismatch = customer_level < product_level
during = oil_orders.ordered_on.map(in_campaign)
group = np.where(oil_orders.gift_given, "gift", np.where(during, "campaign", "outside"))
labels = {"gift": "活动期赠礼订单", "campaign": "活动期其他订单", "outside": "活动以外"}  # [zh]
labels = {"gift": "Campaign, with gift", "campaign": "Campaign, no gift", "outside": "Outside campaigns"}  # [en]
share = mismatch.groupby(group).mean().reindex(list(labels)).rename(index=labels)

ax = share.mul(100).plot.bar(color=["#c0392b", "#e67e22", "#7f8c8d"], figsize=(6, 3.5), rot=0)
ax.axhline(0, color="black", linewidth=0.8)
ax.set_title("原油通订单中风险等级不匹配的比例")  # [zh]
ax.set_ylabel("客户等级低于 C4 的订单占比（%）")  # [zh]
ax.set_title("Oil Link orders with a risk-level mismatch")  # [en]
ax.set_ylabel("Orders by customers below C4 (%)")  # [en]
ax.set_xlabel("")
plt.tight_layout()
plt.show()
print(f"原油通订单共 {len(oil_orders)} 笔，其中不匹配 {mismatch.sum()} 笔（{mismatch.mean():.0%}）。")  # [zh]
print(f"Of {len(oil_orders)} Oil Link orders, {mismatch.sum()} are mismatched ({mismatch.mean():.0%}).")  # [en]

# %% [markdown] lang="zh"
# 即使在活动以外，也有相当比例的订单不匹配：活动带进来的客户之后还会继续买。按规则，这些订单根本不应该通过销售系统。

# %% [markdown] lang="en"
# Even outside the campaigns a good share of orders are mismatched: customers the gifts brought in keep buying afterwards. Under the rules, none of these orders should have got through the sales system.

# %% [markdown] lang="zh"
# ## 分析三：未成年人
#
# 判断下单时是否年满 18 周岁，要用出生日期加 18 年与下单日期比较：`pd.DateOffset(years=18)`。只比较年份会漏掉当年还没过生日的客户。

# %% [markdown] lang="en"
# ## Analysis 3: buyers under 18
#
# Whether a customer was 18 when ordering is found by adding 18 years to the birth date and comparing with the order date: `pd.DateOffset(years=18)`. Comparing only the years misses customers who have not yet had their birthday that year.

# %%
birth = orders.customer_id.map(customers.set_index("customer_id").birth_date)
minor_orders = orders[orders.ordered_on < birth + pd.DateOffset(years=18)]
minor_in_campaign = minor_orders.ordered_on.map(in_campaign).mean()
print(f"{minor_orders.customer_id.nunique()} 名客户在未满 18 周岁时下了 {len(minor_orders)} 笔订单，"  # [zh]
      f"其中 {minor_in_campaign:.0%} 发生在送礼活动期间。")  # [zh]
print(f"{minor_orders.customer_id.nunique()} customers placed {len(minor_orders)} orders before turning 18; "  # [en]
      f"{minor_in_campaign:.0%} of those orders fell during gift campaigns.")  # [en]
minor_orders.groupby("product_id").size()

# %% [markdown] lang="zh"
# ## 分析四：一个简单的压力测试
#
# 截至 2025-04-17，所有原油通持仓都还没有卖出。压力测试问的是：如果原油价格跌到某个水平，这些持仓会亏多少？
# 一笔持仓在价格 *p* 下的损失 = 投入本金 − 份额 × *p*。我们试四个情景：比最后价格低 30%、低 60%、跌到 0，以及 2020 年 4 月真实出现过的 −37.63 美元。

# %% [markdown] lang="en"
# ## Analysis 4: a simple stress test
#
# At 2025-04-17 no Oil Link position has been sold. A stress test asks: if the oil price fell to a given level, what would these positions lose?
# A position's loss at price *p* is principal paid in minus units × *p*. We try four scenarios: 30% below the last price, 60% below it, zero, and the −$37.63 actually seen in April 2020.

# %%
oil_positions = positions[positions.product_id == crude_oil_product.OIL]
last_price = prices[prices.product_id == crude_oil_product.OIL].sort_values("date").price_usd.iloc[-1]
scenario_prices = [last_price * 0.7, last_price * 0.4, 0.0, crude_oil_product.STRESS_PRICE_USD]
names = ["比最后价格\n低 30%", "比最后价格\n低 60%", "跌到零", "2020 年 4 月\n的结算价"]  # [zh]
names = ["30% below\nlast price", "60% below\nlast price", "zero", "April 2020\nsettlement"]  # [en]
invested = oil_positions.invested_usd.sum()
losses = pd.Series(
    [(oil_positions.invested_usd - oil_positions.units * p).sum() for p in scenario_prices],
    index=[f"{name}\n({p:.2f})" for name, p in zip(names, scenario_prices)],
)

fig, ax = plt.subplots(figsize=(7.5, 4))
ax.bar(losses.index, losses.to_numpy() / 1e6, color=["#f5b041", "#e67e22", "#c0392b", "#7b241c"])
ax.axhline(invested / 1e6, color="black", linestyle="--")
ax.text(-0.4, invested / 1e6 * 1.03, "客户投入的全部本金", fontsize=9)  # [zh]
ax.set_title(f"原油通全部持仓在各情景下的损失（最后价格 {last_price:.2f} 美元）")  # [zh]
ax.set_xlabel("情景（原油价格，美元/桶）")  # [zh]
ax.set_ylabel("损失（百万美元）")  # [zh]
ax.text(-0.4, invested / 1e6 * 1.03, "All principal paid in by customers", fontsize=9)  # [en]
ax.set_title(f"Loss on all Oil Link positions by scenario (last price ${last_price:.2f})")  # [en]
ax.set_xlabel("Scenario (oil price, USD per barrel)")  # [en]
ax.set_ylabel("Loss (USD million)")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 在 −37.63 美元的情景下，谁会亏掉超过本金的钱？按客户风险等级汇总：

# %% [markdown] lang="en"
# In the −$37.63 scenario, who loses more than they paid in? Summarise by customer risk level:

# %%
stressed = oil_positions.assign(
    risk_level=oil_positions.customer_id.map(customers.set_index("customer_id").risk_level),
    loss_usd=oil_positions.invested_usd - oil_positions.units * crude_oil_product.STRESS_PRICE_USD,
)
stressed["beyond_principal"] = stressed.loss_usd > stressed.invested_usd
by_level = stressed.groupby("risk_level").agg(
    positions=("position_id", "size"), invested_usd=("invested_usd", "sum"), loss_usd=("loss_usd", "sum"), beyond_principal=("beyond_principal", "sum")
).round(0)
by_level

# %% [markdown] lang="zh"
# 每一笔原油通持仓在这个情景下都会亏掉超过本金的钱，其中相当一部分属于根本不该买 R4 产品的 C1–C3 客户。这样一张表只需要几行代码；产品上线前和销售过程中都没有人做，是监管指出的"没有压力测试"在数据上的样子。

# %% [markdown] lang="en"
# In this scenario every Oil Link position loses more than its principal, and a good part of them belong to C1–C3 customers who should never have bought an R4 product. A table like this takes a few lines of code; nobody produced one before launch or during the sales, which is what "no stress testing" looks like in the data.

# %% [markdown] lang="zh"
# ## 预警信号汇总
#
# | 信号 | 数据中如何发现 | 本应拦截它的控制 |
# |---|---|---|
# | 送礼活动带来销量激增 | 活动期每日订单是平时的数倍 | 在管理报表中监测销量激增；禁止以礼品促销 |
# | 风险等级不匹配 | 近一半原油通订单来自 C4 以下客户 | 销售系统硬性拦截不匹配的销售 |
# | 未成年人买入 | 出生日期加 18 年晚于下单日期 | 开户和下单时校验年龄 |
# | 没有压力测试 | 负价格情景下损失超过全部本金 | 上线前和定期的压力测试，由风险管理部门独立完成 |
#
# ## 讨论题
#
# 1. 负价格在产品上线前"不可想象"吗？如果你是产品评审委员会成员，你会要求看哪些情景？
# 2. 还没看是谁买的，为什么一次送礼活动本身就是风险信号？如果要做营销活动，它的考核指标应该怎么设计？
# 3. 一位客户说"我全额付款，最多亏光本金"，你会怎样用本案例的数字向他解释？
# 4. 如果系统不能拦截不匹配的销售，网点员工能做什么？支行行长和合规专员又能做什么？
#
# ## 本案例支持的课程模块
#
# - **03 投资者适当性**：不匹配的销售和未成年人买入；
# - **11 风险管理**：压力测试和产品评审；
# - **06 激励机制**：送礼活动和销售激励带来的销量激增。

# %% [markdown] lang="en"
# ## The warning signs, together
#
# | Sign | How the data shows it | The control that should have stopped it |
# |---|---|---|
# | Gift campaigns drive sales spikes | Campaign days bring several times the usual daily orders | Monitoring of sales spikes in management reports; no gifts as sales incentives |
# | Risk-level mismatches | Close to half of Oil Link orders come from customers below C4 | A hard block in the sales system on mismatched sales |
# | Buyers under 18 | Birth date plus 18 years falls after the order date | An age check at account opening and at every order |
# | No stress test | In a negative-price scenario, losses exceed all the principal | Stress tests before launch and at regular intervals, run independently by risk management |
#
# ## Discussion questions
#
# 1. Was a negative price "unthinkable" before launch? As a member of the product review committee, which scenarios would you ask to see?
# 2. Before you even look at who bought, why is a gift campaign in itself a warning sign? If there is to be a campaign, how should its targets be set?
# 3. A customer says "I paid in full, so the worst case is losing what I put in". How would you use this case's numbers to explain?
# 4. If the system cannot block a mismatched sale, what can branch staff do? What can the branch manager and the compliance officer do?
#
# ## Course modules this case supports
#
# - **03 Investor suitability**: mismatched sales and buyers under 18;
# - **11 Risk management**: stress testing and product review;
# - **06 Incentives**: sales spikes driven by gift campaigns and sales incentives.
