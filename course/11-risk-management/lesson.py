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
# # 模块 11：与风险、市场和研究部门协同
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明销售部门为什么要与风险管理部门协同，以及风险管理在产品上线前和销售过程中各做什么；
# 2. 计算高风险销售在各产品之间的集中度（最大占比和赫芬达尔指数 HHI）；
# 3. 为各网点计算预警指标，对照阈值判断哪些网点需要关注、哪些需要立即上报；
# 4. 与市场营销和研究部门协同：检查营销名单是否符合适当性和客户的营销同意，研究材料是否客观、平衡，营销方案是否经过合规审核。

# %% [markdown] lang="en"
# # Module 11: Working with risk, marketing and research
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. explain why sales must work with risk management, and what risk management does before a product is launched and while it is being sold;
# 2. measure how concentrated high-risk sales are across products (the largest share and the Herfindahl index, HHI);
# 3. compute early-warning indicators for each branch and compare them with thresholds to decide which branches to watch and which to escalate at once;
# 4. work with marketing and research: check that a campaign's target list respects suitability and the customer's marketing consent, that research material is fair and balanced, and that a campaign brief has passed compliance review.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 销售部门最清楚卖了什么、卖给了谁；风险管理部门负责在产品上线前评估风险，并在销售过程中持续监测；市场营销和研究部门决定向谁推广、用什么材料推广。几方的信息不打通，风险就会在无人注意时累积。以下案例和规则说明了这一点：
#
# - **中国银行"原油宝"**：2020 年 4 月 20 日，WTI 原油 5 月合约以 **−37.63 美元**结算，约 **6 万名**投资者亏损。原银保监会对该行罚款 **5050 万元**，指出的问题包括：产品设计和风险控制薄弱、**未做压力测试**、员工激励不合理、夸大宣传、赠送礼品，以及允许未成年人购买。
#   *来源：财新 Caixin Global 2020 年 12 月 5 日报道；Bloomberg。*
# - **民生银行北京航天桥支行（2017 年）**：支行行长用伪造的合同和印章，以"转让"本行理财产品为名向约 150 名私人银行客户进行虚假销售：原产品承诺保本、年收益不低于 4.2%，而虚假的"转让"以**年收益超过 8%** 招揽客户；媒体最初估计涉及 30 亿元，银行确认的金额约为 **16.5 亿元**。2017 年 11 月 30 日，原北京银监局罚款 **2750 万元**，并处理了 **13 人**。这些"产品"根本不在银行的货架上，产品准入审批管不到它们，只有对销售的监测才能发现。
#   *来源：财新 2017 年 4 月 27 日报道；21 世纪经济报道；第一财经。*
# - 销售专区录音录像（双录）制度的目的，就是遏制误导销售和私售"飞单"。
#   *来源：《银行业金融机构销售专区录音录像管理暂行规定》（2017 年 8 月 23 日）。*
# - 向普通投资者销售高风险产品须格外谨慎，例如给客户更多考虑时间、增加回访。
#   *来源：证监会《证券期货投资者适当性管理办法》第 20 条。*
# - 英国监管机构要求金融机构在管理报表中监测个别员工的销售量激增，并对面对面销售进行监测。
#   *来源：英国金融服务管理局（FSA，其后由金融行为监管局 FCA 沿用）指引 FG13/1《金融激励给客户带来的风险》，2013 年 1 月 16 日。*
# - 代销业务由总行集中管理（第 8 条）、通过代销业务系统进行（第 9 条），同类产品按一致的规则展示，对老年客户有针对性的保护，销售过程事后要可回溯。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日施行）。*
# - 宣传推介不得虚假或片面，不得预测、宣传"预期收益"，展示业绩比较基准须说明其依据，不得以抽奖、回扣或赠品促销，不得明示或暗示保本保收益，也不得向客户销售超出其风险等级的产品。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 不得夸大收益、隐瞒风险；消费者享有的八项权利中包括知情权、自主选择权和信息安全权。
#   *来源：《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）。*
#
# 本课用三类工具把这些要求落到数据和流程上：**集中度**回答"高风险销售是否压在少数几只产品上"；**预警指标**回答"哪些网点的销售行为正在偏离正常"；**营销协同**回答"市场部门拟定的名单和材料能不能拿去联系客户"。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Sales knows best what was sold and to whom; risk management assesses a product's risks before launch and keeps monitoring while it is sold; marketing and research decide whom a product is promoted to and with what material. When they do not share information, risk builds up unnoticed. These cases and rules show why:
#
# - **Bank of China's "Crude Oil Treasure"**: on 20 April 2020 the WTI May crude-oil contract settled at **−$37.63**, and about **60,000** investors lost money. The former CBIRC fined the bank **50.5 million yuan**. The failures it cited include weak product design and risk controls, **no stress testing**, unreasonable staff incentives, exaggerated advertising, gifts, and letting minors buy.
#   *Source: Caixin Global, 5 December 2020; Bloomberg.*
# - **Minsheng Bank, Beijing Hangtianqiao sub-branch (2017)**: the branch head used forged contracts and seals to sell fake "transfers" of the bank's wealth products to about 150 private-banking clients: the original products promised principal protection and at least 4.2% a year, while the fake "transfers" were pitched as paying **more than 8% a year**; media first put the sum at 3 billion yuan, and the bank confirmed about **1.65 billion yuan**. On 30 November 2017 the then Beijing CBRC office fined the bank **27.5 million yuan** and sanctioned **13 people**. These "products" were never on the bank's shelf, so product approval could not catch them; only monitoring of sales could.
#   *Source: Caixin, 27 April 2017; 21st Century Business Herald; Yicai.*
# - The audio-video recording rule for sales zones exists to stop misleading sales and private "flying-order" sales.
#   *Source: Interim Provisions on Audio and Video Recording in the Sales Zones of Banking Institutions (23 August 2017).*
# - Selling high-risk products to ordinary investors requires extra care, such as more time to decide and more follow-up calls.
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors, Article 20.*
# - The UK regulator asks firms to monitor sales spikes by individual staff in their management reports and to monitor face-to-face sales.
#   *Source: FSA (later the FCA) guidance FG13/1 "Risks to customers from financial incentives", 16 January 2013.*
# - Agency sales are managed centrally by the head office (Article 8) and run through an agency-sales system (Article 9); similar products are displayed under consistent rules, elderly customers have targeted protection, and the sales process must be traceable afterwards.
#   *Source: Measures on the Agency Sales Business of Commercial Banks (Jin Gui [2025] No. 6, in force 1 October 2025).*
# - Promotion may not be false or one-sided; it may not predict or advertise "expected returns"; a performance benchmark may be shown only with its basis; there may be no lotteries, kickbacks or gifts, no explicit or implicit guarantee of principal or return, and no sale of a product above the customer's risk level.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - Returns may not be exaggerated nor risks hidden; among consumers' eight rights are the rights to be informed, to choose freely and to the security of their information.
#   *Source: Measures on the Protection of Consumer Rights by Banking and Insurance Institutions (in force 1 March 2023).*
#
# This lesson turns these requirements into three tools on data and process: **concentration** asks whether high-risk sales rest on a few products; **early-warning indicators** ask which branches' sales behaviour is drifting from normal; **working with marketing** asks whether the list and the material marketing has drafted may be used to contact customers.

# %% [markdown] lang="zh"
# ## 实例一：高风险销售的产品集中度
#
# 先载入金禾银行一年的销售数据（虚构数据），找出风险等级为 R4 或 R5 的产品的销售，按**金额**计算每只产品所占的比例。

# %% [markdown] lang="en"
# ## Worked example 1: how concentrated are high-risk sales?
#
# Load a year of Jinhe Bank's sales (fictional data), keep the sales of products rated R4 or R5, and work out each product's share of the **amount** sold.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
products = bank.products.set_index("product_id")
sales = bank.sales.assign(
    product_level=bank.sales.product_id.map(products.risk_level.str[1].astype(int)),
    product_type=bank.sales.product_id.map(products["type"]),
)
high_risk = sales[sales.product_level >= 4]
shares = high_risk.groupby("product_id").amount_cny.sum() / high_risk.amount_cny.sum()
shares = shares.sort_values(ascending=False)
print(f"R4–R5 产品的销售共 {len(high_risk)} 笔，金额占全部销售的 {high_risk.amount_cny.sum() / sales.amount_cny.sum():.1%}。")  # [zh]
print(f"There are {len(high_risk)} sales of R4–R5 products, {high_risk.amount_cny.sum() / sales.amount_cny.sum():.1%} of the total amount sold.")  # [en]

# %%
colours = {"private_wealth": "#b03a2e", "fund": "#2e86c1", "structured_note": "#7d3c98"}
ax = shares.mul(100).plot.bar(color=[colours[products.loc[p, "type"]] for p in shares.index], figsize=(8, 3.5))
ax.set_title("高风险销售金额在各产品间的分布（红：私募理财，蓝：基金，紫：结构性产品）")  # [zh]
ax.set_ylabel("占 R4–R5 销售金额（%）")  # [zh]
ax.set_title("High-risk sales by product (red: private wealth, blue: fund, purple: structured note)")  # [en]
ax.set_ylabel("Share of R4–R5 amount (%)")  # [en]
ax.set_xlabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 五只私募理财产品占了高风险销售金额的近八成，因为它们的起购金额是 100 万元。集中度可以用两个数来概括：
#
# - **最大占比**：最大的一只产品占多少；
# - **赫芬达尔指数（HHI）**：各产品占比的**平方和**。如果金额平均分布在 n 只产品上，HHI 等于 1/n；全部集中在一只产品上，HHI 等于 1。HHI 越高越集中。
#
# 按笔数算会得到完全不同的结论：一笔 100 万元的私募和一笔 1 万元的基金并不是同样大的风险敞口。

# %% [markdown] lang="en"
# Five private wealth products carry close to 80% of the high-risk amount, because their minimum ticket is 1 million yuan. Two numbers sum up concentration:
#
# - the **largest share**: how much the biggest product holds;
# - the **Herfindahl index (HHI)**: the **sum of the squared shares**. If the amount is spread evenly over n products, the HHI is 1/n; if it all sits in one product, the HHI is 1. The higher, the more concentrated.
#
# Counting sales instead of amounts gives a very different answer: a 1-million-yuan private product and a 10,000-yuan fund are not the same exposure.

# %%
by_count = high_risk.product_id.value_counts(normalize=True)
print(f"按金额：最大占比 {shares.max():.1%}，HHI = {(shares ** 2).sum():.3f}（平均分布在 {len(shares)} 只产品上时为 {1 / len(shares):.3f}）")  # [zh]
print(f"按笔数：最大占比 {by_count.max():.1%}，HHI = {(by_count ** 2).sum():.3f}")  # [zh]
print(f"By amount: largest share {shares.max():.1%}, HHI = {(shares ** 2).sum():.3f} (an even spread over {len(shares)} products gives {1 / len(shares):.3f})")  # [en]
print(f"By count: largest share {by_count.max():.1%}, HHI = {(by_count ** 2).sum():.3f}")  # [en]

# %% [markdown] lang="zh"
# 同样的计算可以按网点分别做：每个网点的占比要除以**该网点自己的**高风险销售金额。

# %% [markdown] lang="en"
# The same calculation can be done per branch: each branch's shares are divided by **that branch's own** high-risk amount.

# %%
per_product = high_risk.groupby(["branch_id", "product_id"]).amount_cny.sum()
branch_shares = per_product / per_product.groupby(level="branch_id").transform("sum")
pd.DataFrame({
    "top_share": branch_shares.groupby(level="branch_id").max(),
    "hhi": (branch_shares ** 2).groupby(level="branch_id").sum(),
}).sort_values("hhi", ascending=False).round(3)

# %% [markdown] lang="zh"
# 北京朝阳支行（BJ-CY）的高风险销售最集中：一只产品就占了该行高风险金额的三分之一以上。
#
# 集中度本身不是违规，它提示的是：一旦某只产品出问题（比如极端行情下的"原油宝"），受影响的客户和金额会有多少。产品上线前做压力测试，上线后盯住集中度，是风险管理的两端。
#
# ## 实例二：网点的预警指标
#
# 预警指标是**事前**选定、定期计算、与阈值比较的数字。本课为每个网点计算四个指标：
#
# | 指标 | 含义 | 金禾银行阈值（虚构政策） |
# |---|---|---|
# | `mismatch_rate` | 产品风险等级高于客户等级的销售占比 | 超过 6% |
# | `unrecorded_rate` | 须双录的销售（网点渠道、非存款产品）中没有录音录像的占比 | 超过 6% |
# | `upheld_per_1000` | 每 1000 笔销售对应的**成立**投诉数 | 超过 12 |
# | `off_shelf_sales` | 销售了未经准入、不在货架上的产品的笔数 | 超过 0，且为**关键指标** |
#
# 规则：指标**超过**阈值算一次"触发"。触发关键指标，或同时触发两个及以上指标，**立即上报**（escalate）；只触发一个非关键指标，列入**关注**（watch）；没有触发为正常（ok）。

# %% [markdown] lang="en"
# Beijing Chaoyang (BJ-CY) has the most concentrated high-risk sales: a single product holds over a third of its high-risk amount.
#
# Concentration is not a breach in itself. It tells you how many customers and how much money are exposed if one product goes wrong (as Crude Oil Treasure did in an extreme market). Stress testing before launch and watching concentration after launch are the two ends of risk management.
#
# ## Worked example 2: early-warning indicators for branches
#
# Early-warning indicators are numbers chosen **in advance**, computed regularly and compared with thresholds. This lesson computes four for each branch:
#
# | indicator | meaning | Jinhe Bank threshold (fictional policy) |
# |---|---|---|
# | `mismatch_rate` | share of sales whose product is above the customer's risk level | above 6% |
# | `unrecorded_rate` | share of sales that must be recorded (in-branch, non-deposit) with no recording | above 6% |
# | `upheld_per_1000` | **upheld** complaints per 1,000 sales | above 12 |
# | `off_shelf_sales` | number of sales of products never approved for the shelf | above 0, and **critical** |
#
# The rule: an indicator **above** its threshold is a breach. A breach of a critical indicator, or two or more breaches together, means **escalate** at once; a single non-critical breach means **watch**; no breach means **ok**.

# %%
customer_level = sales.customer_id.map(bank.customers.set_index("customer_id").risk_level.str[1].astype(int))
must_record = sales.channel.eq("branch") & sales.product_type.ne("deposit")
flags = pd.DataFrame({
    "branch_id": sales.branch_id,
    "mismatch": sales.product_level > customer_level,
    "unrecorded": sales.recording_id.isna().astype(float).where(must_record),
    "off_shelf": ~sales.product_id.map(products.on_shelf),
})
upheld = bank.complaints[bank.complaints.upheld]
upheld_by_branch = upheld.sale_id.map(sales.set_index("sale_id").branch_id).value_counts()
indicators = pd.DataFrame({
    "mismatch_rate": flags.groupby("branch_id").mismatch.mean(),
    "unrecorded_rate": flags.groupby("branch_id").unrecorded.mean(),
    "upheld_per_1000": upheld_by_branch.reindex(flags.branch_id.unique(), fill_value=0) / flags.branch_id.value_counts() * 1000,
    "off_shelf_sales": flags.groupby("branch_id").off_shelf.sum(),
}).rename_axis("branch_id").sort_index()
indicators.round(3)

# %% [markdown] lang="zh"
# `unrecorded_rate` 的分母只包括**须双录**的销售；`.where(must_record)` 把其他销售设为空值，`mean()` 会跳过它们。下图把前三个指标与阈值放在一起：

# %% [markdown] lang="en"
# The denominator of `unrecorded_rate` contains only the sales that **must be recorded**: `.where(must_record)` sets the others to missing, and `mean()` skips them. The chart sets the first three indicators against their thresholds:

# %%
thresholds = {"mismatch_rate": 0.06, "unrecorded_rate": 0.06, "upheld_per_1000": 12, "off_shelf_sales": 0}
titles = {"mismatch_rate": "风险不匹配销售占比", "unrecorded_rate": "须双录销售中无录像占比", "upheld_per_1000": "每千笔销售的成立投诉"}  # [zh]
titles = {"mismatch_rate": "Mismatched sales", "unrecorded_rate": "Unrecorded among must-record sales", "upheld_per_1000": "Upheld complaints per 1,000 sales"}  # [en]
fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), sharey=True)
for ax, column in zip(axes, titles):
    breach = indicators[column] > thresholds[column]
    ax.barh(indicators.index, indicators[column], color=["#b03a2e" if b else "#85929e" for b in breach])
    ax.axvline(thresholds[column], color="black", linestyle="--", linewidth=1)
    ax.set_title(titles[column], fontsize=10)
fig.suptitle("各网点预警指标（虚线为阈值，红色为触发）")  # [zh]
fig.suptitle("Early-warning indicators by branch (dashed line: threshold; red: breach)")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 最后数一数每个网点触发了几个指标，按规则给出处理结论：

# %% [markdown] lang="en"
# Finally, count each branch's breaches and apply the rule:

# %%
breaches = indicators.gt(pd.Series(thresholds))
critical = ["off_shelf_sales"]
status = pd.Series("ok", index=indicators.index)
status[breaches.sum(axis=1) == 1] = "watch"
status[(breaches.sum(axis=1) >= 2) | breaches[critical].any(axis=1)] = "escalate"
breaches.assign(status=status)

# %% [markdown] lang="zh"
# 北京朝阳支行（BJ-CY）触发了三个指标，其中包括关键指标：它有 71 笔未经准入产品的销售。这正是民生银行案中那种"货架外产品"的信号，须立即上报合规和风险管理部门，而不是等下一次季度会议。
# 其余四个网点各触发一个指标，列入关注：下个月再看，并了解原因。
#
# 注意，预警指标只是**信号**，不是结论。触发后要调查：是个别员工的问题，还是流程或系统的问题？调查结果再反过来修订阈值和指标。

# %% [markdown] lang="en"
# Beijing Chaoyang (BJ-CY) breaches three indicators, including the critical one: it has 71 sales of products that were never approved. This is the signal of "off-shelf" products seen in the Minsheng case, and it goes to compliance and risk management at once, not to next quarter's meeting.
# Four other branches breach one indicator each and go on the watch list: look again next month and find out why.
#
# Remember that an indicator is a **signal**, not a verdict. A breach starts an investigation: is it one employee, or the process, or the system? What the investigation finds feeds back into the thresholds and the indicators.

# %% [markdown] lang="zh"
# ## 实例三：与市场营销和研究部门协同
#
# 市场部门负责调研和确定目标客户，研究部门提供市场观点和产品材料，销售人员拿着名单和材料去联系客户。风险管理和合规部门要在名单和材料**用出去之前**把关，销售人员也要在联系客户时再把一次关。
#
# 假设市场部门为五只 R4 私募理财产品（起购 100 万元）拟了一份活动名单：**所有资产在 100 万元及以上的客户**。这份名单只看了"买得起"，没有看"适不适合""愿不愿意"。按金禾银行的营销名单政策（虚构，与模块 10 相同）逐条检查：客户等级须达到 C4，客户须同意接收营销信息，风险测评须在 12 个月有效期内。

# %% [markdown] lang="en"
# ## Worked example 3: working with marketing and research
#
# Marketing researches and chooses the target customers, research supplies market views and product material, and sales staff take the list and the material to customers. Risk management and compliance check the list and the material **before they are used**, and sales staff check again when they contact a customer.
#
# Suppose marketing has drafted a campaign list for the five R4 private wealth products (minimum ticket 1 million yuan): **every customer with assets of 1 million yuan or more**. The list only asks who can afford it, not whether it suits them or whether they want to be contacted. Check it against Jinhe Bank's marketing-list policy (fictional, as in module 10): the customer's level must reach C4, the customer must have agreed to receive marketing, and the risk assessment must be within its 12-month validity.

# %%
customers = bank.customers
cutoff = bankdata.AS_OF - pd.DateOffset(months=bankdata.ASSESSMENT_VALID_MONTHS)
draft = customers[customers.assets_cny >= 1_000_000]
checks = pd.DataFrame({
    "level_ok": draft.risk_level.str[1].astype(int) >= 4,
    "consented": draft.marketing_consent,
    "assessment_valid": draft.risk_assessed_on >= cutoff,
})
usable = draft[checks.all(axis=1)]
funnel = pd.Series([len(draft), (~checks.level_ok).sum(), (~checks.consented).sum(), (~checks.assessment_valid).sum(), len(usable)])
funnel.index = ["名单草稿", "等级低于 C4", "未同意营销", "测评已过期", "三项都通过"]  # [zh]
funnel.index = ["Draft list", "Level below C4", "No marketing consent", "Assessment expired", "Passes all three"]  # [en]
ax = funnel.iloc[::-1].plot.barh(color=["#1e8449", "#85929e", "#85929e", "#85929e", "#2e86c1"], figsize=(7, 3))
for y, count in enumerate(funnel.iloc[::-1]):
    ax.text(count + 2, y, str(count), va="center")
ax.set_xlim(0, len(draft) * 1.15)
ax.set_title("R4 私募活动名单草稿的检查结果（一位客户可能同时不符合几项）")  # [zh]
ax.set_xlabel("客户数")  # [zh]
ax.set_title("Draft list for the R4 private campaign (a customer may fail several checks)")  # [en]
ax.set_xlabel("Customers")  # [en]
plt.tight_layout()
plt.show()
print(f"可以联系的 {len(usable)} 位客户中，有 {(usable.age >= 65).sum()} 位 65 岁及以上，联系时要格外谨慎。")  # [zh]
print(f"Of the {len(usable)} customers who may be contacted, {(usable.age >= 65).sum()} are aged 65 or over and need extra care.")  # [en]

# %% [markdown] lang="zh"
# 名单草稿中只有不到五分之一的客户可以联系。被筛掉的客户要退回市场部门，并请他们修改选人规则，而不是由各网点"自己看着办"：同一个错误的规则，下次活动还会再生成同样的名单。
#
# 材料也要同样把关。研究部门的观点和市场部门的宣传材料，在交给客户之前要经过合规审核，销售人员只使用审核通过的版本：
#
# - **客观、平衡**：收益和风险同样醒目；不能只挑业绩最好的年份；展示业绩比较基准要说明依据；
# - **不预测收益、不暗示保本**：写着"预计年化 8%""稳赚"或"和存款一样安全"的材料不能发给客户；
# - **不靠赠品和抽奖促销**："原油宝"一案中，监管指出的问题就包括夸大宣传和赠送礼品；
# - **营销方案改了就要重审**：方案中出现收益承诺、名单范围扩大或加了赠品，都要退回合规部门重新审核。
#
# 信息也要反向流动：销售人员听到的客户误解和投诉，要反馈给市场、研究和风险管理部门，用来修改材料、名单规则和预警指标。

# %% [markdown] lang="en"
# Fewer than one in five customers on the draft may be contacted. The ones filtered out go back to marketing with a request to change the selection rule, rather than leaving each branch to sort it out: the same wrong rule would produce the same list for the next campaign.
#
# Material needs the same check. Research views and marketing material pass compliance review before they reach customers, and sales staff use only the approved version:
#
# - **fair and balanced**: risks as prominent as returns; not only the best years; a performance benchmark shown with its basis;
# - **no predicted returns, no implied guarantee**: material saying "expected 8% a year", "sure gain" or "as safe as a deposit" is not given to customers;
# - **no gifts or lotteries to drive sales**: in the Crude Oil Treasure case the regulator's findings included exaggerated advertising and gifts;
# - **a changed brief is reviewed again**: a campaign brief that adds a promise of returns, widens the list or adds gifts goes back to compliance.
#
# Information flows the other way too: what sales staff hear from customers, their misunderstandings and complaints, goes back to marketing, research and risk management to improve the material, the selection rules and the indicators.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **按笔数而不是按金额计算集中度**：风险敞口取决于金额，一笔 100 万元的销售和一笔 1 万元的销售不能等量齐观。
# - **分母用错**：产品占比的分母是高风险销售的总金额，不是全部销售的总金额；按网点计算时，分母是**该网点**的高风险金额，不是全行的。
# - **无录像率的分母包括了不需要双录的销售**：手机银行、网银、电话渠道的销售和存款都不需要双录，放进分母会把问题稀释掉。
# - **把全部投诉当作成立投诉**：不成立的投诉也值得分析，但这个指标只数成立的。
# - **用 `>=` 代替 `>`**：规则是"超过阈值"才触发，恰好等于阈值不算。
# - **忽略关键指标**：货架外产品的销售哪怕只有一笔、只触发这一个指标，也要立即上报。
# - **按"买得起"选营销名单**：资产门槛不等于适当性，也不等于客户同意被营销；名单要按等级、营销同意和测评有效期筛选。
# - **自己改材料或用未审核的材料**：研究观点和宣传材料须经合规审核；发现收益承诺或片面宣传，退回合规部门，不要自己"改一改"就发。
#
# ## 小结
#
# 风险管理在产品上线前做压力测试，在销售过程中持续监测。集中度告诉你风险压在哪里，预警指标告诉你哪里正在偏离。指标要事前选定、按金额和正确的分母计算，与阈值比较后按规则关注或上报。与市场营销和研究部门协同时，名单要符合适当性和营销同意，材料要客观、平衡并经合规审核。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Measuring concentration by count instead of amount**: exposure depends on money; a 1-million-yuan sale and a 10,000-yuan sale are not the same.
# - **The wrong denominator**: a product's share is divided by the total high-risk amount, not by all sales; per branch, divide by **that branch's** high-risk amount, not the whole bank's.
# - **Putting sales that need no recording into the unrecorded rate's denominator**: mobile, online and phone sales and deposits need no recording; counting them dilutes the problem.
# - **Counting every complaint as upheld**: complaints that were not upheld are worth studying too, but this indicator counts only upheld ones.
# - **Using `>=` instead of `>`**: the rule is "above the threshold"; a value exactly at the threshold is not a breach.
# - **Ignoring the critical indicator**: even a single off-shelf sale, breaching nothing else, is escalated at once.
# - **Choosing a campaign list by who can afford it**: an asset threshold is neither suitability nor consent; filter the list by level, marketing consent and a valid assessment.
# - **Editing material yourself or using unapproved material**: research views and promotional material pass compliance review; a promise of returns or one-sided promotion goes back to compliance, not through a quick edit of your own.
#
# ## Summary
#
# Risk management stress-tests a product before launch and monitors it while it is sold. Concentration shows where the risk sits; early-warning indicators show where behaviour is drifting. Choose indicators in advance, compute them on amounts and with the right denominators, compare them with thresholds, and watch or escalate by the rule. When working with marketing and research, the list must respect suitability and consent, and the material must be fair, balanced and approved by compliance. Now work through this module's exercise.
