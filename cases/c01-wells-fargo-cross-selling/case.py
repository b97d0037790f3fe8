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
# # 案例 1：富国银行交叉销售丑闻——为完成指标而开的账户
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明以"开户件数"为核心的考核为什么会催生未经客户同意的开户；
# 2. 在开户数据中找出两个预警信号：月末最后几天的开户激增，以及开户后 90 天内既未入金也未使用的"休眠账户"；
# 3. 说明哪些考核设计和控制措施能够及早发现、阻止这种行为。

# %% [markdown] lang="en"
# # Case 1: Wells Fargo cross-selling — accounts opened to hit a number
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain why a scorecard built on the number of accounts opened invites staff to open accounts customers never agreed to;
# 2. find two warning signs in account-opening data: a burst of openings in the last days of the month, and "dormant" accounts that are neither funded nor used within 90 days;
# 3. name the scorecard designs and controls that would catch this early, or stop it happening.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 富国银行（Wells Fargo）曾以"交叉销售"能力著称：它给自己定下的目标是每户客户持有 **8 个**产品，内部口号是 "Eight is great"。
# 现实远没有这么高：每户平均持有的产品数 2009 年为 5.95 个，最高的 2014 年第四季度也只有 6.17 个。
# *来源：Public Citizen 关于富国银行的研究报告；American Banker 的报道。*
#
# 目标与客户的真实需求之间存在差距，而考核压力最终落在网点员工身上。事情败露后查明：
#
# - 2016 年 9 月 8 日，富国银行因此被罚款合计 **1.85 亿美元**：美国消费者金融保护局（CFPB）1 亿美元，是该局当时开出的最大一笔罚款；货币监理署（OCC）3,500 万美元；洛杉矶方面 5,000 万美元。
#   *来源：Finextra，2016 年 9 月的报道。*
# - 约 **150 万**个存款账户和 **56.5 万**个信用卡账户可能是在客户不知情、未同意的情况下开立的；员工还替客户申领借记卡并自行设定密码。约 **5,300 名**员工被解雇。
#   *来源：同上。*
# - 后来的第三方审查把可能未经同意开立的账户数上调到约 **350 万**个。
#   *来源：ConsumerAffairs 的报道。*
# - 2020 年 2 月 21 日，富国银行与美国司法部和证券交易委员会（SEC）达成 **30 亿美元**和解（其中 5 亿美元归 SEC），并签订为期 3 年的暂缓起诉协议。
#   *来源：纽约大学法学院"合规与执法"博客。*
#
# 值得注意的是，被解雇的是数千名一线员工，但问题的根源是考核设计：只要系统按"开了多少户"给人打分，完不成指标的人就会想办法"造"出件数。

# %% [markdown] lang="en"
# ## What happened
#
# Wells Fargo was famous for cross-selling. Its goal was **eight** products per household, under the internal slogan "Eight is great".
# Reality fell well short: the average household held 5.95 products in 2009 and 6.17 at the peak, in the fourth quarter of 2014.
# *Source: Public Citizen's report on Wells Fargo; American Banker.*
#
# The gap between the goal and what customers actually wanted had to be closed somewhere, and the pressure landed on branch staff. When the practice came to light:
#
# - On 8 September 2016 Wells Fargo was fined **$185 million** in total: $100 million by the Consumer Financial Protection Bureau (CFPB), its largest fine at the time; $35 million by the Office of the Comptroller of the Currency (OCC); and $50 million in Los Angeles.
#   *Source: Finextra, September 2016.*
# - About **1.5 million** deposit accounts and **565,000** credit-card accounts may have been opened without the customers' knowledge or consent; staff also issued debit cards and set the PINs themselves. About **5,300** employees were fired.
#   *Source: as above.*
# - A later third-party review raised the estimate of possibly unauthorised accounts to about **3.5 million**.
#   *Source: ConsumerAffairs.*
# - On 21 February 2020 Wells Fargo settled with the US Department of Justice and the Securities and Exchange Commission for **$3 billion** ($500 million of it to the SEC) and entered a three-year deferred prosecution agreement.
#   *Source: NYU School of Law, Compliance & Enforcement blog.*
#
# Note who was fired: thousands of front-line employees. Yet the root cause was the scorecard. As long as people are scored on how many accounts they open, those who are short of target will find ways to manufacture the count.

# %% [markdown] lang="zh"
# ## 之后改了什么
#
# 从 2017 年 1 月 1 日起，富国银行取消了网点员工的产品销售指标，新的薪酬方案包括：
#
# - 激励以**账户的实际使用**为依据，开户满 **90 天**后才计入；
# - 考核网点的客户体验评分和团队业绩，而不是个人开户数；
# - 提高固定工资的比重，最低时薪由 12 美元提高到 13.50 美元；
# - 引入"神秘顾客"暗访。
#
# *来源：American Banker；Mercury News，2017 年 1 月 11 日。*
#
# 监管机构也给出了发现这类问题的方法。英国金融服务管理局（后由 FCA 接手）2013 年 1 月 16 日发布的指引 FG13/1《金融激励给客户带来的风险》要求公司在管理报表中**监测个人销售量的异常激增**，监控面对面销售，并控制平衡计分卡中的风险。
# *来源：FCA，FG13/1。*
#
# 在我国，《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）保护消费者的自主选择权，禁止未经同意为消费者开通收费服务。
# *来源：《银行保险机构消费者权益保护管理办法》。*

# %% [markdown] lang="en"
# ## What changed afterwards
#
# From 1 January 2017 Wells Fargo dropped product sales goals for branch staff. The new pay plan:
#
# - based incentives on **whether accounts are actually used**, counted only after **90 days**;
# - measured branches on customer-experience scores and team performance rather than individual openings;
# - moved more pay into base salary and raised the minimum wage from $12 to $13.50 an hour;
# - brought in mystery shoppers.
#
# *Source: American Banker; Mercury News, 11 January 2017.*
#
# Regulators also describe how to spot the problem. Guidance FG13/1, "Risks to customers from financial incentives", published by the FSA (later the FCA) on 16 January 2013, asks firms to **monitor spikes in individual sales** in their management reports, to monitor face-to-face sales and to control the risks inside balanced scorecards.
# *Source: FCA, FG13/1.*
#
# In China, the Measures on the Protection of Consumer Rights and Interests of Banking and Insurance Institutions (in force 1 March 2023) protect the consumer's right to choose freely and forbid switching on paid services without consent.
# *Source: Measures on the Protection of Consumer Rights and Interests of Banking and Insurance Institutions.*

# %% [markdown] lang="zh"
# ## 金禾银行的数据
#
# 下面的数据是虚构的。设想金禾银行四家支行从 2024 年 1 月起推行"综合开户"考核：每名客户经理和柜员每月要新开一定数量的账户和卡，目标每个季度上调一次。
# 数据覆盖 2024 年 1 月至 2025 年 3 月开立的账户，观察日为 2025 年 6 月 30 日，所以每个账户都至少有 90 天的记录。
# 数据中的人员、客户和账户都不是真实的，但其中的规律模仿了富国银行事件的机制。

# %% [markdown] lang="en"
# ## Jinhe Bank's data
#
# The data below is fictional. Imagine that from January 2024 four branches of Jinhe Bank ran an "all-in-one account" scorecard: every relationship manager and teller had to open a set number of new accounts and cards each month, and the target went up every quarter.
# The data covers accounts opened from January 2024 to March 2025 and is observed on 30 June 2025, so every account has at least 90 days of history.
# No person, customer or account in it is real, but its pattern follows the mechanism of the Wells Fargo case.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import wells_fargo_cross_selling as case
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = case.load(seed=7)
staff, customers, targets, accounts = data["staff"], data["customers"], data["targets"], data["accounts"]
for name, table in data.items():
    print(f"{name}: {len(table)} 行")  # [zh]
    print(f"{name}: {len(table)} rows")  # [en]
accounts.head()

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
# ## 分析一：哪些账户是"休眠账户"？
#
# 客户真正想要的账户，通常很快就会存钱或使用。我们把开户后 **90 天内**（含第 90 天）既没有入金、也没有客户本人交易的账户称为**休眠账户**，这正是富国银行改革后"满 90 天、看使用"的口径。
#
# 注意两点：信用卡和借记卡不会"入金"，只能看是否使用；而且 90 天之后才第一次使用的账户，在 90 天的时点上仍然算休眠。

# %% [markdown] lang="en"
# ## Analysis 1: which accounts are dormant?
#
# An account the customer really wanted is usually funded or used soon. We call an account **dormant** when within **90 days** of opening (day 90 included) it has neither been funded nor used by the customer. That is the "used, counted after 90 days" yardstick of Wells Fargo's reform.
#
# Two details matter: credit and debit cards are never "funded", so only use counts for them; and an account first used after day 90 was still dormant at the 90-day mark.

# %%
ledger = accounts.copy()
window = pd.Timedelta(days=case.ACTIVITY_WINDOW_DAYS)
funded_in_time = (ledger.funded_on - ledger.opened_on) <= window
used_in_time = (ledger.first_used_on - ledger.opened_on) <= window
ledger["dormant"] = ~(funded_in_time | used_in_time)
print(f"休眠账户：{ledger.dormant.sum()} 个，占全部新开账户的 {ledger.dormant.mean():.1%}")  # [zh]
print(f"Dormant accounts: {ledger.dormant.sum()}, {ledger.dormant.mean():.1%} of all new accounts")  # [en]

# %% [markdown] lang="zh"
# 一成多的账户休眠，单看这个数字并不惊人：总有客户开了户却暂时不用。关键是看它们**什么时候**开、**谁**开的。
#
# ## 分析二：账户在一个月里的哪几天开立？
#
# 下面按"距月末还有几天"统计开户数（0 表示当月最后一天），并区分休眠与正常账户。运行后请观察：开户数在一个月里是否均匀？休眠账户集中在哪里？

# %% [markdown] lang="en"
# A little over one account in ten is dormant. On its own that is not alarming: some customers open an account and do not use it yet. What matters is **when** these accounts were opened, and **by whom**.
#
# ## Analysis 2: on which days of the month are accounts opened?
#
# Below we count openings by the number of days left until the end of the month (0 is the last day), split into dormant and active accounts. Run it and look: are openings spread evenly across the month? Where do the dormant accounts sit?

# %%
ledger["days_left"] = ledger.opened_on.dt.days_in_month - ledger.opened_on.dt.day
by_day = ledger.groupby(["days_left", "dormant"]).size().unstack(fill_value=0).reindex(columns=[False, True], fill_value=0)
by_day = by_day.sort_index(ascending=False)
fig, ax = plt.subplots(figsize=(9, 3.8))
ax.bar(by_day.index, by_day[False], color="#5d8aa8", label="90 天内有入金或使用")  # [zh]
ax.bar(by_day.index, by_day[True], bottom=by_day[False], color="#b03a2e", label="休眠账户")  # [zh]
ax.bar(by_day.index, by_day[False], color="#5d8aa8", label="Funded or used within 90 days")  # [en]
ax.bar(by_day.index, by_day[True], bottom=by_day[False], color="#b03a2e", label="Dormant")  # [en]
ax.invert_xaxis()
ax.set_xlabel("距月末天数（0 = 当月最后一天）")  # [zh]
ax.set_ylabel("开户数")  # [zh]
ax.set_title("2024-01 至 2025-03 新开账户：按距月末天数")  # [zh]
ax.set_xlabel("Days left in the month (0 = last day)")  # [en]
ax.set_ylabel("Accounts opened")  # [en]
ax.set_title("Accounts opened 2024-01 to 2025-03, by days left in the month")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 一个月的第 29–31 天并不是每个月都有，所以图左端的柱子本来就会矮一些；但这解释不了右端。把最后三天与其余日子直接比较：

# %% [markdown] lang="en"
# Not every month has a 29th, 30th or 31st day, so the bars at the left end are naturally shorter; that does not explain the right end. Compare the last three days with the rest of the month directly:

# %%
ledger["month_end"] = ledger.days_left < case.MONTH_END_DAYS
summary = ledger.groupby("month_end").agg(accounts=("account_id", "size"), dormant=("dormant", "sum"), dormant_rate=("dormant", "mean"))
summary["accounts_per_day"] = summary.accounts / ledger.groupby("month_end").opened_on.nunique()
summary.index.name = None
summary.index = summary.index.map({True: "月末最后三天", False: "其余日子"})  # [zh]
summary.index = summary.index.map({True: "Last three days", False: "Rest of the month"})  # [en]
summary.round(3).rename(columns={"accounts": "开户数", "dormant": "休眠账户数", "dormant_rate": "休眠率", "accounts_per_day": "日均开户数"})  # [zh]
summary.round(3).rename(columns={"accounts": "Accounts", "dormant": "Dormant", "dormant_rate": "Dormant rate", "accounts_per_day": "Accounts per day"})  # [en]

# %% [markdown] lang="zh"
# **想一想**：月末三天平均每天开多少户，其余日子呢？两段时间的休眠率差多少？客户会不会恰好都在月底想开户、却又不用？
#
# ## 分析三：是谁、在什么处境下开的？
#
# 如果月末的休眠账户是为了凑指标，它们应该出现在**月末前还没完成目标**的员工身上。下面对每名员工的每个月计算"月末前完成率"（最后三天之前的开户数 ÷ 当月目标），再看当月最后三天开了多少个休眠账户。
# 每个点是一名员工的一个月；点略微上下错开，以免重叠。

# %% [markdown] lang="en"
# **Think about it.** How many accounts a day are opened in the last three days, and how many on other days? How far apart are the dormant rates? Is it plausible that customers happen to want accounts at month end, and then not use them?
#
# ## Analysis 3: who opened them, and in what situation?
#
# If the month-end dormant accounts were opened to make the number, they should come from staff who were **still short of target before the month end**. For every employee and month we compute the "attainment before month end" (accounts opened before the last three days ÷ the month's target), then count the dormant accounts that employee opened in the last three days.
# Each dot is one employee in one month; dots are jittered slightly so they do not hide each other.

# %%
ledger["month"] = ledger.opened_on.dt.strftime("%Y-%m")
before = ledger[~ledger.month_end].groupby(["staff_id", "month"]).size()
burst = ledger[ledger.month_end & ledger.dormant].groupby(["staff_id", "month"]).size()
staff_months = targets.set_index(["staff_id", "month"])
staff_months["before_month_end"] = before.reindex(staff_months.index, fill_value=0)
staff_months["dormant_at_month_end"] = burst.reindex(staff_months.index, fill_value=0)
staff_months["attainment_before"] = staff_months.before_month_end / staff_months.target_accounts

jitter = np.random.default_rng(0).uniform(-0.25, 0.25, len(staff_months))
fig, ax = plt.subplots(figsize=(8, 4))
ax.scatter(staff_months.attainment_before, staff_months.dormant_at_month_end + jitter, s=14, alpha=0.6, color="#b03a2e")
ax.axvline(1.0, color="grey", linestyle="--")
ax.set_xlabel("月末前完成率（最后三天之前的开户数 ÷ 月度目标）")  # [zh]
ax.set_ylabel("月末三天开立的休眠账户数")  # [zh]
ax.set_title("每名员工每月：月末前完成率与月末休眠账户")  # [zh]
ax.set_xlabel("Attainment before month end (accounts before the last three days ÷ target)")  # [en]
ax.set_ylabel("Dormant accounts opened in the last three days")  # [en]
ax.set_title("Each employee and month: attainment before month end vs month-end dormant accounts")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# **想一想**：虚线右边（月末前已完成目标）和左边的点有什么不同？离目标越远，月末的休眠账户是多还是少？
#
# 再按员工汇总月末三天开立的休眠账户。问题是全行普遍存在，还是集中在少数人身上？

# %% [markdown] lang="en"
# **Think about it.** How do the dots right of the dashed line (target already met before month end) differ from those on the left? The further from target, the more or the fewer month-end dormant accounts?
#
# Now total the month-end dormant accounts per employee. Is the problem everywhere, or concentrated in a few people?

# %%
per_staff = staff_months.groupby("staff_id").dormant_at_month_end.sum().sort_values()
per_staff.index = [f"{s} {staff.set_index('staff_id').branch_id[s]}" for s in per_staff.index]
ax = per_staff.plot.barh(color="#b03a2e", figsize=(7, 5))
ax.set_xlabel("月末三天开立的休眠账户（15 个月合计）")  # [zh]
ax.set_title("各员工月末开立的休眠账户")  # [zh]
ax.set_xlabel("Dormant accounts opened in the last three days (15 months)")  # [en]
ax.set_title("Month-end dormant accounts by employee")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# ## 分析四：换一种计数口径会怎样？
#
# 富国银行改革后只计算开户满 90 天且有使用的账户。用同样的口径重算每名员工达标的月份占比，比较两种口径：

# %% [markdown] lang="en"
# ## Analysis 4: what if we counted differently?
#
# After the reform Wells Fargo counted only accounts that were used, after 90 days. Recompute the share of months in which each employee met target under both yardsticks:

# %%
active_before = ledger[~ledger.dormant].groupby(["staff_id", "month"]).size()
opened_all = ledger.groupby(["staff_id", "month"]).size()
staff_months["opened"] = opened_all.reindex(staff_months.index, fill_value=0)
staff_months["active"] = active_before.reindex(staff_months.index, fill_value=0)
compare = pd.DataFrame(
    {
        "met_target_by_openings": (staff_months.opened >= staff_months.target_accounts).groupby("staff_id").mean(),
        "met_target_by_active_accounts": (staff_months.active >= staff_months.target_accounts).groupby("staff_id").mean(),
    }
)
compare["month_end_dormant"] = staff_months.groupby("staff_id").dormant_at_month_end.sum()
compare.index.name = None
top = compare.sort_values("month_end_dormant", ascending=False).head(8).round(2)
top.rename(columns={"met_target_by_openings": "按开户数达标的月份占比", "met_target_by_active_accounts": "按 90 天使用口径达标的月份占比", "month_end_dormant": "月末休眠账户"})  # [zh]
top.rename(columns={"met_target_by_openings": "Months on target, counting openings", "met_target_by_active_accounts": "Months on target, counting used accounts", "month_end_dormant": "Month-end dormant"})  # [en]

# %% [markdown] lang="zh"
# **想一想**：按开户数算，哪些员工"业绩突出"？换成 90 天使用口径后，他们的排名还站得住吗？
#
# ## 分析五：客户付出了什么？
#
# 未经同意开立的账户不只是数字游戏。下面统计休眠信用卡被收取的年费，以及之后被客户销户的账户：

# %% [markdown] lang="en"
# **Think about it.** Counting openings, which employees look like star performers? Counting accounts used within 90 days, does their ranking hold up?
#
# ## Analysis 5: what did customers pay?
#
# Unrequested accounts are not only a numbers game. Below we total the annual fees charged on dormant credit cards, and count the accounts customers later closed:

# %%
harm = ledger.groupby("dormant").agg(
    accounts=("account_id", "size"),
    fees_cny=("fees_cny", "sum"),
    closed_share=("closed_on", lambda s: s.notna().mean()),
    customers=("customer_id", "nunique"),
)
harm.index.name = None
harm.index = harm.index.map({True: "休眠账户", False: "正常账户"})  # [zh]
harm.index = harm.index.map({True: "Dormant", False: "Active"})  # [en]
harm.round(3).rename(columns={"accounts": "账户数", "fees_cny": "收取费用（元）", "closed_share": "已销户占比", "customers": "涉及客户数"})  # [zh]
harm.round(3).rename(columns={"accounts": "Accounts", "fees_cny": "Fees charged (CNY)", "closed_share": "Share closed", "customers": "Customers"})  # [en]

# %% [markdown] lang="zh"
# ## 你应该发现的预警信号
#
# 1. **月末激增**：月末最后三天每天的开户数明显高于其他日子，而且其中很大一部分是休眠账户。
# 2. **与指标缺口相关**：月末的休眠账户几乎都来自月末前尚未完成目标的员工；目标已经完成的人几乎没有。
# 3. **集中在少数人**：少数几名员工贡献了绝大部分月末休眠账户，而按开户数计，他们的达标率看起来并不差。
# 4. **客户受损**：休眠的信用卡被收取年费，相当一部分账户之后被客户自己销户——这是客户发现"被开户"的迹象。
#
# 这些信号用现成的开户数据就能算出来，不需要任何复杂模型。真正的问题是：有没有人被安排去看，看到之后有没有权力处理。

# %% [markdown] lang="en"
# ## The warning signs you should have found
#
# 1. **A month-end burst**: far more accounts a day are opened in the last three days than on other days, and a large share of them are dormant.
# 2. **Linked to the gap to target**: nearly all month-end dormant accounts come from staff who had not yet met their target before the month end; those who had met it open almost none.
# 3. **Concentrated in a few people**: a handful of employees account for most month-end dormant accounts, while counting openings their attainment looks fine.
# 4. **Harm to customers**: dormant credit cards were charged annual fees, and a good share of the accounts were later closed by the customers themselves, a sign that customers found accounts they never asked for.
#
# All of this can be computed from ordinary account data, with no sophisticated model. The real question is whether anyone is tasked to look, and whether they have the authority to act on what they see.

# %% [markdown] lang="zh"
# ## 讨论题
#
# 1. 富国银行解雇了约 5,300 名员工。你认为这能解决问题吗？还应该追究谁的责任、改变什么？
# 2. "目标每季度上调"和"按开户数计件"分别起了什么作用？如果只保留其中一个，问题会消失吗？
# 3. 90 天使用口径能减少虚假开户，但它会不会带来新的扭曲（例如员工替客户存一笔小钱"激活"账户）？怎样发现？
# 4. 在你所在的网点，哪些指标只统计"做了多少"，而不看客户是否真正受益？
# 5. 如果你是柜员，月底差三户完成目标，主管暗示"先给老客户开个卡"，你会怎么回应？

# %% [markdown] lang="en"
# ## Discussion questions
#
# 1. Wells Fargo fired about 5,300 employees. Does that fix the problem? Who else should be held accountable, and what should change?
# 2. What role did "targets rise every quarter" and "pay per account opened" each play? If only one of them were kept, would the problem go away?
# 3. The 90-day usage yardstick reduces fake openings, but could it create new distortions (say, staff depositing a small sum to "activate" an account)? How would you detect them?
# 4. In your branch, which measures count only how much was done, not whether the customer benefited?
# 5. You are a teller three accounts short of target at month end, and your supervisor hints "just open a card for one of the regulars". How do you respond?

# %% [markdown] lang="zh"
# ## 本案例支持的课程模块
#
# - **06 激励与考核**：按件计酬、指标层层加码如何扭曲行为，以及改用"使用量 + 客户体验"口径。
# - **07 客户关系管理（CRM）**：客户信息与开户记录的完整性，未经同意的开户如何污染客户数据。
# - **09 内部审计**：用月末激增、90 天休眠率等指标对销售记录做例行审计。
#
# 接下来请完成本案例的练习。

# %% [markdown] lang="en"
# ## Course modules this case supports
#
# - **06 Incentives and scorecards**: how pay per unit and ever-rising targets distort behaviour, and the switch to usage and customer-experience measures.
# - **07 CRM**: complete customer and account records, and how unrequested accounts pollute customer data.
# - **09 Internal audit**: routine audit of sales records with measures such as the month-end burst and the 90-day dormant rate.
#
# Now work through this case's exercise.
