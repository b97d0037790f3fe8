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
# # 模块 5：产品与费用透明
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明业绩比较基准是什么、不是什么，以及向客户展示它时必须讲清楚什么；
# 2. 算出一笔投资在持有期内扣除认购费和管理费之后还剩多少，以及折算到每年的总费用；
# 3. 比较产品说明书披露的费率和实际收取的费率，估算受影响的客户资金。

# %% [markdown] lang="en"
# # Module 5: Product and fee transparency
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. explain what a performance benchmark is and is not, and what must be explained whenever it is shown to a customer;
# 2. work out what is left of an investment over a holding period after the subscription fee and the annual fee, and the total cost per year;
# 3. compare the fee stated in a product's disclosure with the fee actually charged, and size the customer money affected.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 透明，就是把产品的**收益、风险和费用**以及服务条款向客户讲全、讲清。
#
# - 金融消费者享有八项权利：**知情权**、自主选择权、公平交易权、财产安全权、依法求偿权、受教育权、受尊重权和信息安全权。银行不得夸大收益、隐瞒风险，不得强制捆绑搭售，不得未经客户同意开通收费服务。
#   *来源：《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）。*
# - 销售理财产品时，**禁止**：展示业绩比较基准却不说明其依据；预测或宣传"预期收益"；虚假或片面宣传；以任何明示或暗示的方式保证本金或收益；把理财产品说成存款。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 银行代销他人的产品时，同类产品要按一致的规则展示，并且不得有办法列明的 11 类禁止销售行为。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日起施行），国家金融监督管理总局。*
#
# 业绩比较基准是产品管理人设定的一个**参考**，用来衡量产品表现，**不是**实际收益，更**不是**承诺。客户最终拿到的是扣除各项费用之后的结果，而且可能低于基准，甚至亏损。只报基准、不讲费用，客户看到的就是一幅被美化了的图景。
#
# 为什么这很重要？2020 年 4 月 20 日，WTI 原油 5 月合约以每桶 **−37.63 美元**结算，中国银行"原油宝"约 6 万名投资者因此亏损。原银保监会对中国银行罚款 **5,050 万元**，所列问题包括产品设计和风控薄弱、未做压力测试、员工激励不合理、宣传夸大、赠送礼品，以及让未成年人购买。
# *来源：财新国际（2020 年 12 月 5 日）、彭博社和《华尔街日报》的报道。*
#
# 国外的监管思路相同。英国金融行为监管局（FCA）的"消费者责任"（Consumer Duty）自 2023 年 7 月 31 日起对在售产品生效，要求的四项结果中就包括"价格与价值"和"消费者理解"。
# *来源：FCA 政策声明 PS22/9（2022 年 7 月 27 日发布）。*

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Transparency means explaining a product's **returns, risks and fees**, and the terms of the service, to the customer in full and clearly.
#
# - Financial consumers have eight rights: the **right to be informed**, and the rights to free choice, fair dealing, safety of property, claims and redress, education, respect and information security. A bank may not exaggerate returns or hide risks, force bundled sales, or switch on paid services without the customer's consent.
#   *Source: Measures on the Protection of Consumer Rights and Interests by Banking and Insurance Institutions (in force 1 March 2023).*
# - When selling wealth products, it is **prohibited** to show a performance benchmark without explaining its basis; to predict or advertise "expected returns"; to promote a product falsely or one-sidedly; to guarantee principal or returns in any way, explicit or implicit; or to present a wealth product as if it were a deposit.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - When a bank sells other firms' products as their agent, similar products must be displayed under consistent rules, and the 11 sales practices the measures ban are off limits.
#   *Source: Measures on the Agency Sales Business of Commercial Banks (Jingui [2025] No. 6, in force since 1 October 2025), National Financial Regulatory Administration.*
#
# A performance benchmark is a **reference** set by the product's manager to measure how the product performs. It is **not** the actual return, and it is certainly **not** a promise. What the customer finally gets is what is left after every fee, and it may be below the benchmark or even a loss. Quote the benchmark without the fees and the customer sees a flattering picture.
#
# Why does this matter? On 20 April 2020 the WTI crude oil May contract settled at **−$37.63** a barrel, and about 60,000 investors in Bank of China's "Crude Oil Treasure" product lost money. The former CBIRC fined the bank **50.5 million yuan**; the failures it cited included weak product design and controls, no stress testing, unreasonable staff incentives, exaggerated advertising, gifts, and letting minors buy.
# *Source: reports by Caixin Global (5 December 2020), Bloomberg and the Wall Street Journal.*
#
# Regulators abroad think alike. The UK Financial Conduct Authority's Consumer Duty has applied to products on sale since 31 July 2023; two of the four outcomes it requires are "price and value" and "consumer understanding".
# *Source: FCA policy statement PS22/9 (published 27 July 2022).*

# %% [markdown] lang="zh"
# ## 本课程的计算方法
#
# 为了把费用讲清楚，本课程采用一个**简化的示意算法**（这是课程的约定，不是监管公式）：
#
# - 把业绩比较基准当作扣费前的年化收益，按单利计算，不计复利；真实产品的说明书会写明基准如何设定、是否已扣费用，向客户介绍时以说明书为准；
# - **认购费**在买入时按购买金额**收取一次**；
# - **管理费**按购买金额**每年收取**。
#
# 于是，持有 *n* 年、如果产品恰好达到基准，扣除费用后的收益（占购买金额的百分比）为：
#
# 　　（基准 − 年管理费）× *n* − 认购费
#
# 折算到每年的总费用为：年管理费 + 认购费 ÷ *n*。持有时间越短，一次性的认购费分摊到每年就越重。

# %% [markdown] lang="en"
# ## How this course does the arithmetic
#
# To make fees concrete, this course uses a **simplified illustration** (a course convention, not a regulatory formula):
#
# - the performance benchmark is treated as an annual return before fees, with simple interest and no compounding; a real product's documents say how its benchmark is set and whether fees are already deducted, and what you tell a customer must follow those documents;
# - the **subscription fee** is charged **once**, on the amount bought, at purchase;
# - the **annual fee** is charged **every year** on the amount bought.
#
# So if the product earns exactly its benchmark over *n* years, what is left after fees, as a percentage of the amount bought, is:
#
# 　　(benchmark − annual fee) × *n* − subscription fee
#
# The total cost per year is: annual fee + subscription fee ÷ *n*. The shorter the holding, the heavier the one-off subscription fee weighs in each year.

# %% [markdown] lang="zh"
# ## 实例：基准之后还剩多少
#
# 先载入金禾银行的产品目录。`bankdata` 生成的是虚构数据。这里只看已准入、在架销售的产品；费率单位都是百分比，`0.7` 表示 0.7%。

# %% [markdown] lang="en"
# ## Worked example: what is left after the benchmark
#
# First load Jinhe Bank's product catalogue. `bankdata` generates fictional data. We look only at approved products on the shelf; every rate is in percent, so `0.7` means 0.7%.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
products = bank.products[bank.products.on_shelf]
products[["product_id", "type", "benchmark_return_pct", "annual_fee_pct", "subscription_fee_pct", "disclosed_fee_pct"]].head(8)

# %% [markdown] lang="zh"
# 一位客户打算用 20 万元购买公募理财产品 PPU02。分别按持有 1 年和 3 年，把基准收益和两项费用逐项算给她看：

# %% [markdown] lang="en"
# A customer is thinking of putting 200,000 yuan into the public wealth product PPU02. Here is the benchmark return and each fee, item by item, for a one-year and a three-year holding:

# %%
example = products.set_index("product_id").loc["PPU02"]
amount = 200_000
for years in (1, 3):
    gross = amount * example.benchmark_return_pct / 100 * years
    annual_fees = amount * example.annual_fee_pct / 100 * years
    subscription = amount * example.subscription_fee_pct / 100
    net = gross - annual_fees - subscription
    print(f"持有 {years} 年：按基准计 {gross:,.0f} 元，管理费 {annual_fees:,.0f} 元，认购费 {subscription:,.0f} 元，"  # [zh]
          f"剩余 {net:,.0f} 元，折合每年 {net / amount / years:.2%}")  # [zh]
    print(f"Held for {years} year{'s' if years > 1 else ''}: benchmark return {gross:,.0f} yuan, annual fees {annual_fees:,.0f}, subscription fee {subscription:,.0f}, "  # [en]
          f"left {net:,.0f} yuan, or {net / amount / years:.2%} a year")  # [en]

# %% [markdown] lang="zh"
# 基准一样，持有 1 年和 3 年每年剩下的却差很多：认购费只收一次，持有越久，分摊到每年越少。这些数字都建立在"产品恰好达到基准"的假设上，向客户说明时必须讲明这一点。
#
# 再看整个产品目录：按产品类型比较平均基准和持有 1 年扣除费用后剩下的部分。

# %% [markdown] lang="en"
# The benchmark is the same, yet what is left each year differs a lot between one and three years: the subscription fee is charged once, so the longer the holding, the less of it falls on each year. All these figures assume the product earns exactly its benchmark, and you must say so to the customer.
#
# Now the whole catalogue: the average benchmark by product type, next to what is left after one year's fees.

# %%
one_year = products.assign(net_pct=products.benchmark_return_pct - products.annual_fee_pct - products.subscription_fee_pct)
by_type = one_year.groupby("type")[["benchmark_return_pct", "net_pct"]].mean().sort_values("benchmark_return_pct")
type_names = {"deposit": "存款", "public_wealth": "公募理财", "private_wealth": "私募理财", "fund": "基金", "insurance": "保险", "structured_note": "结构性产品"}  # [zh]
type_names = {"deposit": "Deposit", "public_wealth": "Public wealth", "private_wealth": "Private wealth", "fund": "Fund", "insurance": "Insurance", "structured_note": "Structured note"}  # [en]
by_type.index = by_type.index.map(type_names)
by_type.columns = ["业绩比较基准", "扣除费用后（持有 1 年）"]  # [zh]
by_type.columns = ["Performance benchmark", "Left after fees (1-year holding)"]  # [en]
ax = by_type.plot.barh(color=["#9e9e9e", "#1f5f8b"], figsize=(7, 4))
ax.set_title("基准与扣费后剩余（各类产品平均）")  # [zh]
ax.set_xlabel("占购买金额的百分比（%）")  # [zh]
ax.set_title("Benchmark and what is left after fees (average by type)")  # [en]
ax.set_xlabel("Percent of the amount bought (%)")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# ## 披露的费率与实际收取的费率
#
# `disclosed_fee_pct` 是产品说明书上写给客户看的年管理费率，`annual_fee_pct` 是实际收取的费率，两者应当相同。披露的费率低于实际费率，就是少报了费用，客户的知情权受到了侵害：

# %% [markdown] lang="en"
# ## Disclosed fee and fee charged
#
# `disclosed_fee_pct` is the annual fee stated in the product's documents, which the customer reads; `annual_fee_pct` is the fee actually charged. They should be equal. A disclosed fee below the charged fee understates the cost and breaches the customer's right to be informed:

# %%
understated = products[products.disclosed_fee_pct < products.annual_fee_pct]
understated[["product_id", "type", "annual_fee_pct", "disclosed_fee_pct"]]

# %% [markdown] lang="zh"
# 零点几个百分点的差额，乘上客户投入的金额，就是实实在在的钱。练习中你要算出每只产品少报了多少、客户在这些产品里投入了多少，以及客户每年多付了多少没被告知的费用。

# %% [markdown] lang="en"
# A fraction of a percentage point, multiplied by the money customers put in, is real money. In the exercise you will work out, for each such product, how much the fee was understated, how much customers put into it, and how much fee per year they pay that they were never told about.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **每年都扣一次认购费**：认购费只在买入时收一次；管理费才是每年都收。
# - **管理费只扣一次**：持有 3 年就要扣 3 年的管理费。
# - **不分摊认购费**：折算每年总费用时，要把认购费除以持有年数，而不是整笔加到每一年上。
# - **用披露的费率算成本**：成本要按实际收取的费率计算；披露的费率可能恰恰是少报的那个。
# - **百分比忘了除以 100**：`0.3` 表示 0.3%，20 万元的 0.3% 是 600 元，不是 6 万元。
# - **用笔数代替金额**：受影响的客户资金是购买金额之和，不是销售笔数。
# - **把基准说成收益**："基准 4%"不等于"每年能拿 4%"；展示基准必须说明依据，并说明它不是承诺。
#
# ## 小结
#
# 客户有权知道产品的收益、风险和费用的全貌。业绩比较基准只是参考，不是承诺，展示时要说明依据；认购费收一次，管理费年年收，扣费之后剩下的才是客户的。披露的费率必须与实际收取的一致，少报的每一个百分点都关系到客户的钱。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Charging the subscription fee every year**: it is charged once, at purchase; the annual fee is the one charged every year.
# - **Charging the annual fee only once**: a three-year holding pays three years of annual fees.
# - **Not spreading the subscription fee**: for the total cost per year, divide the subscription fee by the years held instead of adding all of it to every year.
# - **Costing with the disclosed fee**: cost follows the fee actually charged; the disclosed fee may be exactly the one that is understated.
# - **Forgetting to divide by 100**: `0.3` means 0.3%; 0.3% of 200,000 yuan is 600 yuan, not 60,000.
# - **Counting sales instead of money**: the customer money affected is the sum of the amounts bought, not the number of sales.
# - **Calling the benchmark a return**: "a 4% benchmark" does not mean "you will get 4% a year"; show its basis whenever you show it, and say that it is not a promise.
#
# ## Summary
#
# Customers have a right to the full picture of a product's returns, risks and fees. A performance benchmark is a reference, not a promise, and must be shown with its basis. The subscription fee is charged once and the annual fee every year; what is left after them is what the customer keeps. The disclosed fee must match the fee charged: every fraction of a point left out is customers' money. Now work through this module's exercise.
