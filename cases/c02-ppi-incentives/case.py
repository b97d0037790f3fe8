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
# # 案例 c02：英国 PPI 与劳埃德银行的奖金门槛——激励如何制造不当销售
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明"达到门槛才发奖金"的阶梯式激励为什么会把销售推向不适当的客户；
# 2. 在销售和质检数据中找出两个预警信号：月度销量集中在奖金门槛上方（门槛上方集中度），以及不适当销售集中在刚好够到门槛的客户经理和月份；
# 3. 说明如何重新设计激励方案和监控指标，让奖金不再奖励不当销售。

# %% [markdown] lang="en"
# # Case c02: UK PPI and Lloyds' bonus thresholds — how incentives manufacture mis-selling
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain why a stepped bonus, paid only when a threshold is reached, pushes sales towards customers they do not suit;
# 2. find two warning signs in sales and quality-check data: monthly sales concentrated just above the bonus thresholds, and unsuitable sales concentrated in the advisers and months that only just reached a threshold;
# 3. describe how to redesign the incentive scheme and its monitoring so that bonuses stop rewarding mis-selling.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# **英国的 PPI（还款保障保险）**是英国历史上规模最大的不当销售事件之一：
#
# - 1990 年至 2010 年间，英国共售出约 **6,400 万份** PPI 保单；
# - 消费者提出索赔的最后期限是 **2019 年 8 月 29 日**；
# - 最终共收到 **3,240 万件**投诉，赔付超过 **380 亿英镑**，被称为英国历史上规模最大的消费者赔偿行动。
#
# *来源：FCA 关于 PPI 投诉处理的最终报告（据 Financial Reporter 报道）；《卫报》，2017 年 3 月 2 日。*
#
# **激励如何起作用**，可以从 FCA 对劳埃德银行集团的另一项处罚中看得很清楚。这项处罚**不是关于 PPI 的**：它针对的是保障类和投资类产品（重大疾病保险、收入保障保险、投资型 ISA 和债券）。我们把它放在 PPI 旁边讲，是因为两者暴露的是同一种激励失灵。2013 年 12 月 11 日，FCA 发出最终处罚通知：
#
# - 罚款 **2,800 万英镑**（和解折扣前为 3,500 万英镑）；
# - 涉及 2010 年 1 月至 2012 年 3 月间，向 69 万名客户销售的 100 多万件产品；
# - 奖金方案包括相当于月薪 **35%** 的"香槟奖金"（champagne bonus）和"一千英镑到手"（grand in your hand）；完不成目标可能被降级，工资最多减少 **50%**；
# - 有 **229 名**劳埃德 TSB 销售顾问拿到了奖金，而他们被抽查的销售**全部不适当或可能不适当**；
# - 一名顾问为避免降级，把保单卖给了自己、妻子和一位同事。
#
# *来源：FCA 对劳埃德银行集团的最终处罚通知（2013-12-11），据 Lexology、EADT、Express、FT Adviser 和路透社报道。*

# %% [markdown] lang="en"
# ## What happened
#
# **UK payment protection insurance (PPI)** became one of the largest mis-selling scandals in British history:
#
# - about **64 million** PPI policies were sold in the UK between 1990 and 2010;
# - the deadline for consumers to complain was **29 August 2019**;
# - in the end there were **32.4 million** complaints and more than **£38 billion** in redress, described as the largest consumer redress exercise in UK history.
#
# *Source: the FCA's final report on PPI complaints handling, as reported by Financial Reporter; The Guardian, 2 March 2017.*
#
# **How incentives do their work** is plain in a separate FCA action against Lloyds Banking Group. That action was **not about PPI**: it covered protection and investment products (critical illness and income protection cover, investment ISAs and bonds). We set it beside PPI because it shows the same failure of incentives. On 11 December 2013 the FCA issued a Final Notice:
#
# - a fine of **£28.0 million** (£35.0 million before the settlement discount);
# - covering more than one million products sold to 690,000 customers between January 2010 and March 2012;
# - bonus schemes that included a "champagne bonus" worth **35%** of monthly salary and a "grand in your hand"; missing targets could mean demotion and a pay cut of up to **50%**;
# - **229** Lloyds TSB advisers were paid bonuses even though **all** of their sales that were checked were **unsuitable or potentially unsuitable**;
# - one adviser, to avoid demotion, sold policies to himself, his wife and a colleague.
#
# *Source: FCA Final Notice to Lloyds Banking Group (11 December 2013), as reported by Lexology, EADT, the Express, FT Adviser and Reuters.*

# %% [markdown] lang="zh"
# ## 监管的要求和之后的改变
#
# 2013 年 1 月 16 日，英国金融服务管理局（FSA，后由金融行为监管局 FCA 接手）发布指引 FG13/1《金融激励给客户带来的风险》。此前对 2010 年 9 月至 2011 年 9 月的检查发现，大多数激励方案都可能导致不当销售。
# 指引要求公司在管理报表中监测**个人销量的异常激增**、监控面对面销售、控制平衡计分卡中的风险，并把 100% 浮动薪酬视为高风险。
# 2014 年 3 月的跟进检查（TR14/4）发现，最大的几家零售银行都已替换或修改了激励方案，但仍有约 **十分之一**的公司存在管理不善的高风险设计。
# *来源：FCA，FG13/1 和 TR14/4。*
#
# 劳埃德银行自己也在 2013 年把网点季度奖金中的一半改为依据客户反馈发放，而这些反馈由另外的员工收集。
# *来源：This is Money 的报道。*
#
# 在我国，《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）禁止强制捆绑销售，也禁止未经同意开通收费服务；在理财产品领域，《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条也禁止捆绑搭售，并禁止销售超出客户风险承受能力的产品。监管机构现为国家金融监督管理总局（2023 年 5 月 18 日组建）。
# *来源：上述两部办法。*

# %% [markdown] lang="en"
# ## What regulators asked for, and what changed
#
# On 16 January 2013 the FSA (later the FCA) published guidance FG13/1, "Risks to customers from financial incentives". A review of September 2010 to September 2011 had found that most incentive schemes were likely to drive mis-selling.
# The guidance asks firms to monitor **spikes in individual sales** in their management reports, to monitor face-to-face sales, to control the risks inside balanced scorecards, and to treat 100%-variable pay as high risk.
# A follow-up review in March 2014 (TR14/4) found that all the largest retail banks had replaced or changed their schemes, yet about **one firm in ten** still had poorly managed high-risk features.
# *Source: FCA, FG13/1 and TR14/4.*
#
# Lloyds itself changed course in 2013: half of the quarterly branch bonus became based on customer feedback, collected by separate staff.
# *Source: This is Money.*
#
# In China, the Measures on the Protection of Consumer Rights and Interests of Banking and Insurance Institutions (in force 1 March 2023) forbid forced bundling and switching on paid services without consent; for wealth products, Article 25 of the Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021) also bans tie-in sales and sales above the customer's risk level.
# The regulator today is the National Financial Regulatory Administration (NFRA), set up on 18 May 2023.
# *Source: the two measures named.*

# %% [markdown] lang="zh"
# ## 金禾银行的数据
#
# 下面的数据是虚构的。设想金禾银行五家支行的客户经理在发放个人贷款和信用卡时，搭配销售一款虚构的"金禾安贷保"：借款人在受雇期间非自愿失业或因病不能工作时，由保险代还月供。
# 所以**自雇、退休或已经无业的人无法据此理赔**，已有同类保障的人也不需要再买。
#
# 奖金按月计算：当月售出 10 张及以上，发月薪的 10%（"达标奖"）；15 张及以上，发月薪的 35%（"冲刺奖"）；按售出张数计算，之后退保也不扣回。
# 质检部门每月随机抽查每名客户经理两张保单的销售档案。数据覆盖 2024 年 7 月至 2025 年 6 月。

# %% [markdown] lang="en"
# ## Jinhe Bank's data
#
# The data below is fictional. Imagine that the advisers of five Jinhe Bank branches, when they arrange a personal loan or a credit card, also sell a fictional "Jinhe LoanGuard": if the borrower, while employed, loses the job involuntarily or cannot work through illness, the insurance pays the monthly instalments.
# So **self-employed, retired or already unemployed people cannot claim on it**, and people who already hold such cover do not need it.
#
# Bonuses are monthly: 10 or more policies in the month pay 10% of monthly salary (the "target" step), 15 or more pay 35% (the "stretch" step). They count policies sold, and nothing is clawed back when a policy is cancelled.
# Every month, quality assurance checks the files of two randomly chosen policies per adviser. The data covers July 2024 to June 2025.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import ppi_incentives as case
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = case.load(seed=7)
advisers, customers, scheme = data["advisers"], data["customers"], data["bonus_scheme"]
sales, file_checks, payouts = data["sales"], data["file_checks"], data["payouts"]
for name, table in data.items():
    print(f"{name}: {len(table)} 行")  # [zh]
    print(f"{name}: {len(table)} rows")  # [en]
scheme

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
# ## 分析一：月度销量是怎样分布的？
#
# 如果客户经理只是按客户需要来卖，每人每月的销量应当平滑地分布在平均数周围，不会在某个数字上突然变多。
# 下面统计"某名客户经理某个月卖了多少张"这一数字出现的次数，虚线是两个奖金门槛。运行后请观察：9 张和 10 张、14 张和 15 张各出现了多少次？

# %% [markdown] lang="en"
# ## Analysis 1: how are monthly sales distributed?
#
# If advisers simply sold to customers who needed the cover, monthly counts would spread smoothly around the average, with no sudden pile-up on any one number.
# Below we count how often each monthly number of policies occurs across advisers and months; the dashed lines mark the two bonus thresholds. Run it and look: how often do 9 and 10 occur, and 14 and 15?

# %%
thresholds = list(scheme.min_policies[scheme.min_policies > 0])
counts = payouts.policies.value_counts().sort_index()
counts = counts.reindex(range(counts.index.min(), counts.index.max() + 1), fill_value=0)
fig, ax = plt.subplots(figsize=(9, 3.8))
colors = ["#b03a2e" if n in thresholds else "#5d8aa8" for n in counts.index]
ax.bar(counts.index, counts.to_numpy(), color=colors)
for t in thresholds:
    ax.axvline(t - 0.5, color="grey", linestyle="--")
ax.set_xlabel("当月售出保单数")  # [zh]
ax.set_ylabel("人·月个数")  # [zh]
ax.set_title("每名客户经理每月的保单销量分布（虚线为奖金门槛）")  # [zh]
ax.set_xlabel("Policies sold in the month")  # [en]
ax.set_ylabel("Person-months")  # [en]
ax.set_title("Policies per adviser per month (dashed lines: bonus thresholds)")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 图中每个数字的单位是**人·月**（一名客户经理的一个月）。一个简单的量化方法是**门槛上方集中度**：恰好在门槛上的人·月个数 ÷ 门槛下一格的人·月个数。没有扭曲时，它应该接近 1。

# %% [markdown] lang="en"
# The chart counts **person-months** (one adviser's month). A simple measure is the **concentration just above the threshold**: the person-months exactly at the threshold divided by those one below it. Without distortion it should be close to 1.

# %%
for t in thresholds:
    print(f"门槛 {t} 张：{counts[t]} 个人·月；{t - 1} 张：{counts[t - 1]} 个人·月；门槛上方集中度 {counts[t] / counts[t - 1]:.1f}")  # [zh]
    print(f"Threshold {t}: {counts[t]} person-months at {t}, {counts[t - 1]} at {t - 1}; concentration just above the threshold {counts[t] / counts[t - 1]:.1f}")  # [en]

# %% [markdown] lang="zh"
# ## 分析二：够到门槛的那几张，是什么时候卖的？
#
# 把每个人·月标记为**正好落在门槛上**（当月张数恰好等于 10 或 15）或其他。比较两组月份里，最后 7 天售出的保单占比：

# %% [markdown] lang="en"
# ## Analysis 2: when were the policies that reached the threshold sold?
#
# Mark each person-month as **landing exactly on a threshold** (exactly 10 or 15 policies that month) or not. Compare the share of policies sold in the last seven days of the month in the two groups:

# %%
ledger = sales.copy()
ledger["month"] = ledger.sold_on.dt.strftime("%Y-%m")
ledger = ledger.merge(payouts[["adviser_id", "month", "policies", "bonus_cny"]], on=["adviser_id", "month"])
ledger["on_threshold"] = ledger.policies.isin(thresholds)
ledger["last_week"] = ledger.sold_on.dt.days_in_month - ledger.sold_on.dt.day < 7
timing = ledger.groupby("on_threshold").last_week.mean()
timing.index = timing.index.map({True: "正好落在门槛上的月份", False: "其他月份"})  # [zh]
timing.index = timing.index.map({True: "Months landing exactly on a threshold", False: "Other months"})  # [en]
timing.name = "最后 7 天售出的占比"  # [zh]
timing.name = "Share sold in the last seven days"  # [en]
timing.index.name = None
timing.round(3)

# %% [markdown] lang="zh"
# 一个月有 28–31 天，如果销售均匀，最后 7 天约占四分之一。**想一想**：正好落在门槛上的月份偏离了多少？
#
# ## 分析三：质检发现的不适当销售在哪里？
#
# 质检抽查是随机的，所以抽查结果可以代表全部销售。把抽查结论接到销售和当月销量上，按当月销量计算不适当的比例：

# %% [markdown] lang="en"
# A month has 28 to 31 days, so if sales were even the last seven days would hold about a quarter of them. **Think about it.** How far off are the months that landed exactly on a threshold?
#
# ## Analysis 3: where are the unsuitable sales found by quality assurance?
#
# The file checks are random, so they represent all sales. Join the verdicts to the sales and to the adviser's count that month, and compute the unsuitable share by monthly count:

# %%
checked = file_checks.merge(ledger, on="sale_id")
checked["unsuitable"] = checked.verdict.eq("unsuitable")
bands = pd.cut(checked.policies, [0, 9, 10, 14, 15, np.inf], labels=["≤9", "10", "11–14", "15", "≥16"])
by_band = checked.groupby(bands, observed=True).unsuitable.agg(["mean", "size"])
fig, ax = plt.subplots(figsize=(8, 3.8))
ax.bar(by_band.index.astype(str), by_band["mean"].mul(100).to_numpy(), color=["#b03a2e" if b in ("10", "15") else "#5d8aa8" for b in by_band.index])
for x, (rate, size) in enumerate(zip(by_band["mean"], by_band["size"])):
    ax.annotate(f"n={size}", (x, rate * 100), ha="center", xytext=(0, 3), textcoords="offset points")
ax.set_ylim(0, by_band["mean"].max() * 100 * 1.15)
ax.set_xlabel("该客户经理当月售出保单数")  # [zh]
ax.set_ylabel("抽查中不适当的占比（%）")  # [zh]
ax.set_title("质检结论：按当月销量分组（n = 抽查次数）")  # [zh]
ax.set_xlabel("Policies the adviser sold that month")  # [en]
ax.set_ylabel("Unsuitable share of checked sales (%)")  # [en]
ax.set_title("File-check verdicts by monthly count (n = number of checks)")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# **想一想**：不适当比例最高的是销量最大的月份，还是刚好够到门槛的月份？这说明风险来自"卖得多"，还是来自"差一点就拿到奖金"？
#
# ## 分析四：不靠抽查，用客户资料筛查全部销售
#
# 抽查每月只看两张。其实很多不适当销售用客户资料就能发现：按产品条款，非受雇人士无法理赔，已有保障的人不需要再买。
# 下面对**全部**保单做这两项筛查，并按客户经理汇总：横轴是该客户经理"正好落在门槛上"的月份占比，纵轴是筛查出的问题保单占比。

# %% [markdown] lang="en"
# **Think about it.** Is the unsuitable share highest in the biggest months, or in the months that only just reached a threshold? Does the risk come from selling a lot, or from being one or two policies short of a bonus?
#
# ## Analysis 4: screening every sale against customer data, not just the sample
#
# Quality assurance looks at only two files a month. Many unsuitable sales can be found from customer data alone: under the policy terms, people who are not employees cannot claim, and people who already hold cover do not need it.
# Below we apply both screens to **every** policy and total them per adviser: the horizontal axis is the share of the adviser's months that landed exactly on a threshold, the vertical axis the share of the adviser's policies the screen flags.

# %%
screened = ledger.merge(customers, on="customer_id")
screened["flagged"] = screened.employment.ne("employee") | screened.has_other_cover
per_adviser = pd.DataFrame(
    {
        "months_on_threshold": payouts.assign(on=payouts.policies.isin(thresholds)).groupby("adviser_id").on.mean(),
        "flagged_share": screened.groupby("adviser_id").flagged.mean(),
        "bonus_cny": payouts.groupby("adviser_id").bonus_cny.sum(),
    }
)
fig, ax = plt.subplots(figsize=(7, 4.5))
ax.scatter(per_adviser.months_on_threshold * 100, per_adviser.flagged_share * 100, s=per_adviser.bonus_cny / 400, alpha=0.6, color="#b03a2e")
ax.set_xlabel("正好落在门槛上的月份占比（%）")  # [zh]
ax.set_ylabel("筛查出问题的保单占比（%）")  # [zh]
ax.set_title("各客户经理：卡在门槛上的频率与问题保单（点的大小 = 全年奖金）")  # [zh]
ax.set_xlabel("Months landing exactly on a threshold (%)")  # [en]
ax.set_ylabel("Policies flagged by the screen (%)")  # [en]
ax.set_title("Per adviser: landing on thresholds vs flagged policies (dot size = annual bonus)")  # [en]
plt.tight_layout()
plt.show()
top = per_adviser.sort_values("flagged_share", ascending=False).head(6).round(3)
top.index.name = None
top.rename(columns={"months_on_threshold": "落在门槛上的月份占比", "flagged_share": "问题保单占比", "bonus_cny": "全年奖金（元）"})  # [zh]
top.rename(columns={"months_on_threshold": "Months on a threshold", "flagged_share": "Flagged share", "bonus_cny": "Annual bonus (CNY)"})  # [en]

# %% [markdown] lang="zh"
# ## 分析五：奖金照发了吗？
#
# 劳埃德银行的 229 名顾问拿到奖金时，他们被抽查的销售全部不适当或可能不适当。在金禾银行的数据里，有没有同样的情况？下面找出"当月发了奖金、而当月被抽查的保单全部不适当"的人·月，并比较退保率：

# %% [markdown] lang="en"
# ## Analysis 5: were the bonuses paid anyway?
#
# At Lloyds, 229 advisers received bonuses although all their checked sales were unsuitable or potentially unsuitable. Does the same happen in Jinhe Bank's data? Below we find the person-months in which a bonus was paid although every policy checked that month was unsuitable, and compare cancellation rates:

# %%
month_verdicts = checked.groupby(["adviser_id", "month"]).agg(checks=("unsuitable", "size"), all_unsuitable=("unsuitable", "all"))
paid = payouts.set_index(["adviser_id", "month"]).join(month_verdicts, how="inner")
flagged_months = paid[paid.all_unsuitable & paid.bonus_cny.gt(0)]
print(f"发了奖金、但抽查的保单全部不适当的人·月：{len(flagged_months)} 个，涉及 {flagged_months.index.get_level_values(0).nunique()} 名客户经理，奖金合计 {flagged_months.bonus_cny.sum():,.0f} 元")  # [zh]
print(f"Person-months with a bonus although every checked policy was unsuitable: {len(flagged_months)}, {flagged_months.index.get_level_values(0).nunique()} advisers, CNY {flagged_months.bonus_cny.sum():,.0f} in bonuses")  # [en]
cancel = screened.groupby("flagged").cancelled_on.apply(lambda s: s.notna().mean())
cancel.index = cancel.index.map({True: "筛查出问题的保单", False: "其他保单"})  # [zh]
cancel.index = cancel.index.map({True: "Flagged policies", False: "Other policies"})  # [en]
cancel.name = "退保率"  # [zh]
cancel.name = "Cancellation rate"  # [en]
cancel.index.name = None
cancel.round(3)

# %% [markdown] lang="zh"
# ## 你应该发现的预警信号
#
# 1. **门槛上方集中**：月度销量明显集中在 10 张和 15 张上，而门槛下方的 7–9 张、12–14 张反而偏少——客户需求不会恰好停在奖金门槛上。
# 2. **月底冲刺**：正好落在门槛上的月份，最后一周的销售占比明显偏高。
# 3. **不适当集中在"差一点"的地方**：质检发现的不适当销售，集中在刚好够到门槛的月份，而不是销量最大的月份。
# 4. **集中在少数人**：经常卡在门槛上的客户经理，筛查出的问题保单也最多，而他们拿到的奖金并不少。
# 5. **奖金与质量脱钩**：抽查全部不适当的月份照样发奖金，退保也不扣回。
#
# 这些信号都能从现成的销售、质检和奖金数据中算出来，这正是 FG13/1 要求的"在管理报表中监测个人销量激增"。

# %% [markdown] lang="en"
# ## The warning signs you should have found
#
# 1. **Concentration just above the thresholds**: monthly counts pile up at 10 and 15, while 7–9 and 12–14 just below are thin. Customer demand does not stop neatly at a bonus threshold.
# 2. **A month-end sprint**: in months that landed exactly on a threshold, a much larger share of sales falls in the last week.
# 3. **Unsuitable sales sit where the bonus was "nearly there"**: the unsuitable verdicts cluster in the months that only just reached a threshold, not in the biggest months.
# 4. **Concentrated in a few people**: the advisers who most often land on a threshold also have the most flagged policies, and they still collect sizeable bonuses.
# 5. **Bonuses detached from quality**: months in which every checked policy was unsuitable still paid a bonus, and nothing was clawed back on cancellation.
#
# All of these can be computed from ordinary sales, file-check and bonus data. That is what FG13/1 means by monitoring individual sales spikes in management reports.

# %% [markdown] lang="zh"
# ## 讨论题
#
# 1. 如果把门槛从 10 张提高到 12 张，问题会减轻还是加重？为什么？
# 2. 劳埃德银行有一名顾问把保单卖给自己、妻子和一位同事以避免降级。"降级和减薪"的威胁与"香槟奖金"相比，哪个对行为的扭曲更大？
# 3. 质检每月只抽两张。怎样设计抽查，才能更快发现"差一点就拿到奖金"的风险？（提示：是否应该按风险而不是完全随机抽查？）
# 4. 如果奖金改为依据客户反馈和质检结果，而不是销量，客户经理的哪些日常做法会改变？
# 5. 你的团队里有人"每个月都刚好达标"。作为同事或主管，你会怎么看、怎么做？

# %% [markdown] lang="en"
# ## Discussion questions
#
# 1. If the threshold rose from 10 to 12 policies, would the problem shrink or grow? Why?
# 2. One Lloyds adviser sold policies to himself, his wife and a colleague to avoid demotion. Which distorts behaviour more, the threat of demotion and a pay cut or the "champagne bonus"?
# 3. Quality assurance checks only two files a month. How would you design the checks to catch the "nearly at the bonus" risk sooner? (Hint: should checks be targeted by risk rather than fully random?)
# 4. If bonuses depended on customer feedback and file-check results rather than volume, which everyday habits of advisers would change?
# 5. Someone in your team "just hits target every single month". As a colleague or as a supervisor, how do you read that and what do you do?

# %% [markdown] lang="zh"
# ## 本案例支持的课程模块
#
# - **06 激励与考核**：阶梯式奖金和降级威胁如何扭曲销售（PPI 与劳埃德银行保障类、投资类产品的处罚是同一种激励失灵），以及平衡计分卡、延期发放和扣回机制。
# - **03 投资者适当性**：适当性不只是风险等级匹配，还包括客户能否从产品中受益、是否已有同类保障。
#
# 接下来请完成本案例的练习。

# %% [markdown] lang="en"
# ## Course modules this case supports
#
# - **06 Incentives and scorecards**: how stepped bonuses and the threat of demotion distort selling (PPI and Lloyds' fine over protection and investment products show the same failure of incentives), and the remedies of balanced scorecards, deferral and clawback.
# - **03 Suitability**: suitability is more than matching risk levels; it also asks whether the customer can benefit from the product at all, and whether they already hold such cover.
#
# Now work through this case's exercise.
