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
# # 案例 3：民生银行支行"飞单"案——货架之外的理财产品
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明"飞单"（私售不在本行货架上的产品）是怎样运作的，为什么私人银行客户也会上当；
# 2. 在合同和转账数据中找出预警信号：不在货架上或已过销售期的产品、远高于业绩比较基准的"承诺收益"、付往非结算账户的资金，以及它们集中在一家支行、一名员工身上；
# 3. 说明产品准入、双录、资金路径核对和内部审计怎样配合，才能及早发现这类行为。

# %% [markdown] lang="en"
# # Case 3: Minsheng Bank's off-book products — wealth products that were never on the shelf
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain how "flying-order" sales (selling products that are not on the bank's approved shelf) work, and why even private-banking clients fall for them;
# 2. find the warning signs in contract and payment data: products that are not on the shelf or past their sale window, promised returns far above any performance benchmark, money paid to accounts that are not settlement accounts, and all of it concentrated in one branch and one employee;
# 3. describe how product approval, audio-video recording, checks on where money goes and internal audit work together to catch this early.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 2017 年，民生银行北京航天桥支行曝出私售理财产品案：
#
# - 媒体最初估计涉案金额约 30 亿元；银行确认的金额约为 **16.5 亿元**，涉及约 **150 名**私人银行客户。
# - 支行行长使用**伪造的合同和印章**，向客户销售所谓本行理财产品的"转让"份额，原产品承诺保本、年收益至少 4.2%，而这些"转让"以年收益 **8% 以上**为诱饵。这些"转让"都是假的。
# - 2017 年 11 月 30 日，原北京银监局对该行罚款 **2,750 万元**，并对 **13 名**相关人员作出处理，其中包括终身禁止从事银行业工作。
# - 法院最终认定的受害人为 147 名、涉案金额 27.46 亿元，支行行长被判处无期徒刑。
#
# *来源：财新，2017 年 4 月 27 日；21 世纪经济报道；第一财经；法院判决见《南华早报》2020 年 12 月 14 日的报道。*
#
# 请注意诱饵是怎样起作用的：8% 以上的年收益并没有藏起来，而是被当作卖点直接写给客户看——它几乎是正规产品收益的两倍，又"保本"。一个高得不寻常、还承诺保本的收益，本身就是最明显的预警信号。
#
# 这类私售行为在行业里被称为"飞单"。它不是孤例：2020 年 11 月 25 日，上海银行因 2014–2018 年绩效考核不审慎和员工私售产品等问题被罚款合计 180 万元，一名员工被终身禁业。
# *来源：ddsb.cn，2020 年 11 月 30 日的报道。*

# %% [markdown] lang="en"
# ## What happened
#
# In 2017 Minsheng Bank's Hangtianqiao sub-branch in Beijing (航天桥支行) was found to have sold products privately:
#
# - The media first put the sum at about 3 billion yuan; the bank confirmed about **1.65 billion yuan** from about **150** private-banking clients.
# - The branch head used **forged contracts and seals** to sell clients supposed "transfers" of the bank's own wealth products. The original products promised principal protection and at least 4.2% a year; the "transfers" were pitched as paying **more than 8% a year**, and that rate was the bait. The "transfers" were fake.
# - On 30 November 2017 the then Beijing CBRC office fined the bank **27.5 million yuan** and sanctioned **13 people**, some with lifetime bans from banking.
# - The court later found 147 victims and 2.746 billion yuan involved, and sentenced the branch head to life imprisonment.
#
# *Source: Caixin, 27 April 2017; 21st Century Business Herald; Yicai; for the court outcome, South China Morning Post, 14 December 2020.*
#
# Mind how the bait worked: the rate of more than 8% a year was not hidden. It was the selling point, put in front of the clients: nearly double what genuine products paid, and "guaranteed" too. A return that is unusually high and promised safe is itself the plainest warning sign.
#
# The industry calls such private sales "flying orders" (飞单). This was not a one-off: on 25 November 2020 Bank of Shanghai was fined 1.8 million yuan in total for imprudent performance appraisal in 2014–2018 and for staff selling products privately, and one employee was banned for life.
# *Source: ddsb.cn, report of 30 November 2020.*

# %% [markdown] lang="zh"
# ## 规则怎样回应
#
# - 《银行业金融机构销售专区录音录像管理暂行规定》（2017 年 8 月 23 日）明确以防止误导销售和**私售"飞单"**为目的：网点销售本行理财产品和代销产品，都要在销售专区进行，并对销售全过程同步录音录像（双录）。
#   *来源：《银行业金融机构销售专区录音录像管理暂行规定》。*
# - 《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）规定非金融机构和个人不得销售理财产品；第 25 条禁止以任何明示或暗示的方式承诺保本或收益，也禁止不当宣传"预期收益"。
#   *来源：该办法第 25 条及相关条款。*
# - 《商业银行代理销售业务管理办法》（2025 年 3 月 21 日发布，2025 年 10 月 1 日施行）要求总行对代销业务集中统一管理（第 8 条），通过代销业务系统销售（第 9 条），销售过程可回溯。
#   *来源：该办法。*
#
# 共同的思路是：客户能买的只有**经总行批准、在系统里上架**的产品，钱只能进**银行的专用结算账户**，销售过程要**留痕**。

# %% [markdown] lang="en"
# ## How the rules respond
#
# - The interim rules on audio-video recording in banks' sales zones (23 August 2017) state their purpose as stopping misleading sales and **private "flying-order" sales**: every in-branch sale of the bank's own wealth products or of agency products takes place in a dedicated sales zone, with the whole sale recorded on synchronous audio and video.
#   *Source: Interim Provisions on Audio and Video Recording in the Sales Zones of Banking Institutions.*
# - The Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021) bar non-financial firms and individuals from selling wealth products; their Article 25 forbids any explicit or implicit promise of principal or return, and improper promotion of "expected returns".
#   *Source: the Measures, Article 25 and related provisions.*
# - The Measures on Commercial Banks' Agency Sales (published 21 March 2025, in force 1 October 2025) require head office to manage agency sales centrally (Article 8), sales to go through an agency-sales system (Article 9), and every sale to be traceable afterwards.
#   *Source: the Measures.*
#
# The common idea: clients may buy only products **approved by head office and listed in the system**, money may go only into **the bank's dedicated settlement accounts**, and every sale must **leave a record**.

# %% [markdown] lang="zh"
# ## 金禾银行的数据
#
# 下面的数据是虚构的。设想金禾银行审计部门收到一位私人银行客户的询问：她的一份理财合同到期了，却没有收到本金和收益。审计随即从八家支行的客户档案和客户手中收集了 2023 年 7 月至 2025 年 3 月签署的理财合同，
# 并调出了对应的付款记录、总行批准的产品货架、专用结算账户清单和合同专用章登记簿。你的任务是在这些数据里找出问题。

# %% [markdown] lang="en"
# ## Jinhe Bank's data
#
# The data below is fictional. Imagine that Jinhe Bank's internal audit receives a query from a private-banking client: one of her wealth contracts has matured, but she has received neither principal nor return. Audit collects the wealth contracts signed from July 2023 to March 2025 at all eight branches, from client files and from the clients themselves,
# together with the matching payments, head office's approved product shelf, the list of dedicated settlement accounts and the register of contract seals. Your task is to find the problem in this data.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import minsheng_off_book as case
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = case.load(seed=7)
staff, clients, shelf = data["staff"], data["clients"], data["shelf"]
settlement_accounts, seals, contracts, transfers = data["settlement_accounts"], data["seals"], data["contracts"], data["transfers"]
for name, table in data.items():
    print(f"{name}: {len(table)} 行")  # [zh]
    print(f"{name}: {len(table)} rows")  # [en]
contracts.head()

# %% [markdown] lang="zh"
# 数据字典说明了每张表、每一列的含义：

# %% [markdown] lang="en"
# The data dictionary explains every table and column:

# %%
lang = "zh"  # [zh]
lang = "en"  # [en]
overview, columns = dictionary_tables(case.DICTIONARY, lang)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：合同上的产品在货架上吗？
#
# 一份合同只有在两种情况下都满足时才"在货架上"：产品代码出现在总行的产品登记表里，**并且**签署日期在该产品的销售期内（含最后一天）。
# 只核对代码是不够的——把一款早已结束销售的真实产品拿来"转让"，代码是真的，日期却不对。

# %% [markdown] lang="en"
# ## Analysis 1: are the contracts' products on the shelf?
#
# A contract is "on the shelf" only if both hold: its product code is in head office's register, **and** it was signed within that product's sale window (last day included).
# Checking the code alone is not enough: a "transfer" of a real product whose sale closed long ago carries a genuine code but the wrong date.

# %%
ledger = contracts.merge(shelf[["product_code", "sale_start", "sale_end", "benchmark_return_pct"]], on="product_code", how="left")
ledger["code_known"] = ledger.sale_start.notna()
ledger["in_window"] = (ledger.signed_on >= ledger.sale_start) & (ledger.signed_on <= ledger.sale_end)
ledger["off_shelf"] = ~ledger.in_window
check = ledger.groupby("branch_id").agg(
    contracts=("contract_id", "size"), unknown_code=("code_known", lambda s: (~s).sum()), off_shelf=("off_shelf", "sum")
)
check.index.name = None
check.rename(columns={"contracts": "合同数", "unknown_code": "代码不在登记表", "off_shelf": "不在货架上（代码或日期不符）"})  # [zh]
check.rename(columns={"contracts": "Contracts", "unknown_code": "Code not in register", "off_shelf": "Off the shelf (code or date)"})  # [en]

# %% [markdown] lang="zh"
# **想一想**：不在货架上的合同分布在几家支行？有多少是"代码真实、日期不符"的？
#
# ## 分析二：许给客户的收益合理吗？
#
# 合同上写明了许给客户的年收益（`quoted_return_pct`）。货架上每款产品都有一个业绩比较基准（年化）。把每份合同的收益与货架上**最高**的业绩比较基准比较（虚线）：
# 如果一份合同许诺的收益高于货架上**任何一款**获准产品的基准，它就不可能是本行的正规产品。

# %% [markdown] lang="en"
# **Think about it.** In how many branches are the off-shelf contracts? How many have a genuine code but the wrong date?
#
# ## Analysis 2: are the returns the clients were offered plausible?
#
# Each contract states the yearly return offered to the client (`quoted_return_pct`). Every product on the shelf has a performance benchmark, also a yearly rate. Compare each contract's return with the **highest** benchmark on the shelf (dashed line):
# a contract that offers more than the benchmark of **every** approved product cannot be one of the bank's genuine products.

# %%
ceiling = shelf.benchmark_return_pct.max()
fig, ax = plt.subplots(figsize=(9, 4))
labels = {False: "在货架上", True: "不在货架上"}  # [zh]
labels = {False: "On the shelf", True: "Off the shelf"}  # [en]
for flag, color in [(False, "#5d8aa8"), (True, "#b03a2e")]:
    part = ledger[ledger.off_shelf == flag]
    ax.scatter(part.signed_on, part.quoted_return_pct, s=14, color=color, alpha=0.6, label=labels[flag])
ax.axhline(ceiling, color="grey", linestyle="--")
ax.set_xlabel("签署日期")  # [zh]
ax.set_ylabel("合同许诺的年收益率（%）")  # [zh]
ax.set_title(f"合同收益率与货架最高业绩比较基准（{ceiling:.2f}%）")  # [zh]
ax.set_xlabel("Date signed")  # [en]
ax.set_ylabel("Yearly return offered in the contract (%)")  # [en]
ax.set_title(f"Contract returns vs the highest benchmark on the shelf ({ceiling:.2f}%)")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# **想一想**：8% 以上的收益写在合同上，客户一眼就能看到。它为什么没有让客户起疑，反而成了卖点？这些合同还写了什么正规产品从不会写的内容？

# %% [markdown] lang="en"
# **Think about it.** The rate above 8% was written on the contract for the client to see. Why did it draw clients in instead of making them suspicious? What else do these contracts say that a genuine product never would?

# %%
promise = pd.crosstab(ledger.off_shelf, ledger.guaranteed)
promise.index = promise.index.map({True: "不在货架上", False: "在货架上"})  # [zh]
promise.columns = promise.columns.map({True: "承诺保本保收益", False: "未承诺"})  # [zh]
promise.index = promise.index.map({True: "Off the shelf", False: "On the shelf"})  # [en]
promise.columns = promise.columns.map({True: "Promises principal and return", False: "No promise"})  # [en]
promise.index.name, promise.columns.name = None, None
promise

# %% [markdown] lang="zh"
# ## 分析三：钱去了哪里？
#
# 认购资金只能付入本行的专用结算账户。把每笔转账的收款账号与结算账户清单比对，汇总付往其他账户的金额：

# %% [markdown] lang="en"
# ## Analysis 3: where did the money go?
#
# Subscriptions may be paid only into the bank's dedicated settlement accounts. Match each transfer's payee account against the list and total the money paid anywhere else:

# %%
transfers_out = transfers[~transfers.payee_account.isin(settlement_accounts.account_no)]
by_payee = transfers_out.groupby(["payee_name", "payee_account", "payee_bank"]).agg(transfers=("transfer_id", "size"), amount_cny=("amount_cny", "sum"))
by_payee = by_payee.rename(columns={"transfers": "笔数", "amount_cny": "金额（元）"})  # [zh]
by_payee = by_payee.rename(columns={"transfers": "Transfers", "amount_cny": "Amount (CNY)"})  # [en]
print(f"付往非结算账户：{len(transfers_out)} 笔，合计 {transfers_out.amount_cny.sum() / 1e8:.2f} 亿元，涉及 {transfers_out.client_id.nunique()} 位客户")  # [zh]
print(f"Paid to accounts that are not settlement accounts: {len(transfers_out)} transfers, CNY {transfers_out.amount_cny.sum() / 1e6:,.0f} million, from {transfers_out.client_id.nunique()} clients")  # [en]
by_payee

# %% [markdown] lang="zh"
# 注意其中一个收款账户的开户行就是金禾银行（`JINHE`），户名里还有一个"禾"字。只看"钱是否留在本行"，或者只看户名像不像本行，都会漏掉它。
#
# ## 分析四：问题集中在哪里？
#
# 把三个信号合在一起：不在货架上、年化收益高于货架最高基准、资金付往非结算账户。按支行和员工汇总：

# %% [markdown] lang="en"
# Note that one of the payee accounts is held at Jinhe Bank itself (`JINHE`), and its name even echoes the bank's. Checking only whether the money stayed in the bank, or whether the payee's name looks like the bank's, would miss it.
#
# ## Analysis 4: where is the problem concentrated?
#
# Combine the three signals: off the shelf, a return above the highest benchmark on the shelf, money paid to an account that is not a settlement account. Total them by branch and by employee:

# %%
ledger["paid_outside"] = ledger.contract_id.isin(transfers_out.contract_id)
ledger["above_ceiling"] = ledger.quoted_return_pct > ceiling
ledger["signals"] = ledger[["off_shelf", "above_ceiling", "paid_outside"]].sum(axis=1)
signals = pd.crosstab(ledger.branch_id, ledger.signals)
signals.index.name = None
signals.columns.name = "信号个数 →"  # [zh]
signals.columns.name = "signals →"  # [en]
signals

# %% [markdown] lang="zh"
# 有几家支行各有一两份合同只亮了一个信号（签署日比销售期晚了几天）。它们可能只是手续延误，需要核实，但与同时亮起三个信号的合同不是一回事。
# 下面把金额按"一个信号"和"两个及以上信号"分开，再看两个及以上信号的合同由谁经办：

# %% [markdown] lang="en"
# A few branches have a contract or two with a single signal (signed a few days after the sale window). That may be late paperwork and needs checking, but it is not the same thing as contracts that set off all three signals at once.
# Below, the amounts are split into one signal and two or more, and the contracts with two or more signals are totalled by the employee who handled them:

# %%
amount = ledger.assign(million=ledger.amount_cny / 1e6)
by_branch = pd.DataFrame(
    {
        "one": amount[amount.signals == 1].groupby("branch_id").million.sum(),
        "two_or_more": amount[amount.signals >= 2].groupby("branch_id").million.sum(),
    }
).reindex(sorted(ledger.branch_id.unique())).fillna(0)
suspect = ledger[ledger.signals >= 2]
by_staff = suspect.groupby("staff_id").agg(contracts=("contract_id", "size"), clients=("client_id", "nunique"), amount_cny=("amount_cny", "sum"))
by_staff = by_staff.join(staff.set_index("staff_id")[["branch_id", "role"]])

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
axes[0].barh(by_branch.index, by_branch.two_or_more, color="#b03a2e", label="两个及以上信号")  # [zh]
axes[0].barh(by_branch.index, by_branch.one, left=by_branch.two_or_more, color="#e3a857", label="一个信号")  # [zh]
axes[0].barh(by_branch.index, by_branch.two_or_more, color="#b03a2e", label="Two or more signals")  # [en]
axes[0].barh(by_branch.index, by_branch.one, left=by_branch.two_or_more, color="#e3a857", label="One signal")  # [en]
axes[0].legend(loc="upper right")
axes[0].set_xscale("symlog", linthresh=10)
axes[0].set_xlim(0, by_branch.sum(axis=1).max() * 40)
axes[0].set_xlabel("合同金额（百万元，对数刻度）")  # [zh]
axes[0].set_title("按支行")  # [zh]
axes[0].set_xlabel("Contract amount (CNY million, log scale)")  # [en]
axes[0].set_title("By branch")  # [en]
by_staff.amount_cny.div(1e6).sort_values().plot.barh(ax=axes[1], color="#b03a2e")
axes[1].set_xlabel("两个及以上信号的合同金额（百万元）")  # [zh]
axes[1].set_title("按经办员工")  # [zh]
axes[1].set_xlabel("Contracts with two or more signals (CNY million)")  # [en]
axes[1].set_title("By employee")  # [en]
axes[1].set_ylabel("")
plt.tight_layout()
plt.show()
by_staff.index.name = None
by_staff.rename(columns={"contracts": "合同数", "clients": "客户数", "amount_cny": "金额（元）", "branch_id": "支行", "role": "岗位"})  # [zh]
by_staff.rename(columns={"contracts": "Contracts", "clients": "Clients", "amount_cny": "Amount (CNY)", "branch_id": "Branch", "role": "Role"})  # [en]

# %% [markdown] lang="zh"
# **想一想**：三个信号是各自指向不同的合同，还是指向同一批合同？经办人的岗位说明了什么——谁有能力绕过支行自己的控制？
#
# ## 分析五：还有哪些痕迹？
#
# 正规销售在销售专区双录，合同盖的是登记在册、在有效期内的合同专用章。看看两个及以上信号的可疑合同在这两点上的表现：

# %% [markdown] lang="en"
# **Think about it.** Do the three signals point at different contracts, or at the same ones? What does the employees' role tell you: who is able to get around the branch's own controls?
#
# ## Analysis 5: what other traces are there?
#
# A genuine sale is recorded in the sales zone, and its contract carries a registered seal that was in use on the day. Look at how the suspect contracts, those with two or more signals, fare on both:

# %%
seal_ok = []
register = seals.set_index("seal_no")
for seal_no, signed_on in zip(ledger.seal_no, ledger.signed_on):
    if seal_no not in register.index:
        seal_ok.append(False)
    else:
        row = register.loc[seal_no]
        seal_ok.append(row.valid_from <= signed_on and (pd.isna(row.valid_to) or signed_on <= row.valid_to))
ledger["seal_valid"] = seal_ok
traces = ledger.groupby(ledger.signals >= 2).agg(contracts=("contract_id", "size"), recorded=("recorded", "mean"), seal_valid=("seal_valid", "mean"))
traces.index = traces.index.map({True: "可疑合同", False: "其他合同"})  # [zh]
traces.index = traces.index.map({True: "Suspect contracts", False: "Other contracts"})  # [en]
traces.index.name = None
traces.round(3).rename(columns={"contracts": "合同数", "recorded": "有双录的占比", "seal_valid": "印章有效的占比"})  # [zh]
traces.round(3).rename(columns={"contracts": "Contracts", "recorded": "Share recorded", "seal_valid": "Share with a valid seal"})  # [en]

# %% [markdown] lang="zh"
# ## 你应该发现的预警信号
#
# 1. **不在货架上**：一批合同的产品代码不在登记表里，或者是早已结束销售的真实产品的"转让"。
# 2. **收益高得不合理**：合同公开许诺每年 8% 以上，几乎是货架上最高业绩比较基准的两倍，而且承诺保本保收益——正规产品不会这样写。高收益正是诱饵。
# 3. **钱没有进结算账户**：资金付往两家公司的账户，其中一个就开在本行，户名与本行相似。
# 4. **高度集中**：所有信号都落在同一家支行，绝大部分由支行行长本人经办。
# 5. **没有留痕**：这些销售几乎都没有双录，合同上的印章要么不在登记簿上，要么已经停用。
#
# 每一个信号单独看都可能被解释过去；合在一起，就是一幅清楚的"飞单"图景。它们都能用现成的数据核对出来：关键在于有人定期去核对，而且核对的人独立于被核对的支行。

# %% [markdown] lang="en"
# ## The warning signs you should have found
#
# 1. **Off the shelf**: a set of contracts names product codes missing from the register, or "transfers" of real products whose sale ended long ago.
# 2. **Implausible returns**: the contracts openly offer more than 8% a year, nearly double the highest benchmark on the shelf, and promise principal and return, which a genuine product never does. The high rate was the bait.
# 3. **Money outside the settlement accounts**: the money went to two companies' accounts, one of them held at Jinhe Bank itself under a name that echoes the bank's.
# 4. **Heavy concentration**: every signal falls in the same branch, and most of the contracts were handled by the branch manager in person.
# 5. **No trail**: almost none of these sales was recorded, and the seals on the contracts are either missing from the register or no longer in use.
#
# Each signal alone might be explained away; together they draw a clear picture of flying orders. All of them can be checked with ordinary data. What matters is that someone checks regularly, and that whoever checks is independent of the branch being checked.

# %% [markdown] lang="zh"
# ## 讨论题
#
# 1. 这些客户都是资产雄厚的私人银行客户。他们为什么会相信一份承诺保本、年收益 8% 以上的合同？银行在客户教育上可以做什么？
# 2. 本案中经办人是支行行长。支行内部的哪些控制会因此失效？哪些控制必须由总行或独立部门执行？
# 3. 双录能防止"飞单"吗？如果销售根本不在销售专区进行，怎样从数据上发现"应该有双录却没有"的销售？
# 4. 如果你是这家支行的理财经理，注意到行长常在办公室单独约见私人银行客户，并让你帮忙准备"转让合同"，你会怎么做？
# 5. 审计部门应该多久核对一次"合同—货架—结算账户"？谁来核对，结果报给谁？

# %% [markdown] lang="en"
# ## Discussion questions
#
# 1. These were wealthy private-banking clients. Why would they trust a contract promising their principal back and more than 8% a year? What can the bank do to educate clients?
# 2. Here the seller was the branch manager. Which of the branch's own controls stop working because of that? Which controls must be run by head office or an independent function?
# 3. Can audio-video recording prevent flying orders? If the sale never happens in the sales zone, how would data reveal sales that should have been recorded but were not?
# 4. You are a wealth advisor at this branch. You notice that the branch manager often meets private-banking clients alone in his office and asks you to help prepare "transfer contracts". What do you do?
# 5. How often should audit reconcile contracts, the shelf and the settlement accounts? Who should do it, and to whom should the results go?

# %% [markdown] lang="zh"
# ## 本案例支持的课程模块
#
# - **09 内部审计**：把合同与产品货架、结算账户、印章登记簿逐一核对，并按支行和员工寻找集中度。
# - **04 双录与冷静期**：双录的初衷之一就是防止私售"飞单"；缺失双录本身就是预警信号。
# - **02 合规沟通**：承诺保本保收益、用远高于正规产品的收益招揽客户，都是被禁止的宣传方式。
#
# 接下来请完成本案例的练习。

# %% [markdown] lang="en"
# ## Course modules this case supports
#
# - **09 Internal audit**: reconciling contracts with the product shelf, the settlement accounts and the seal register, and looking for concentration by branch and employee.
# - **04 Recording and cooling-off**: one purpose of audio-video recording is to stop private flying-order sales, so a missing recording is itself a warning sign.
# - **02 Compliant communication**: promising principal and return, or luring clients with returns far above any genuine product's, are prohibited ways of selling.
#
# Now work through this case's exercise.
