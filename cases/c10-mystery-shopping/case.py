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
# # 案例 10：神秘顾客——直接检验柜台前的销售行为
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明为什么只看销售记录无法知道柜台前说了什么，以及香港在迷你债券事件之后怎样用"神秘顾客"直接检验银行的销售行为；
# 2. 按检查项和轮次计算神秘顾客检查的通过率，找出薄弱的检查项和支行，并以未辅导的检查项作对照，衡量针对性辅导的效果；
# 3. 为支行的通过率加上 Wilson 区间，只在证据足够时才把支行标记为"明确低于目标"，谨慎地给支行排名。

# %% [markdown] lang="en"
# # Case 10: Mystery shopping, testing sales conduct at the desk
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain why sales records cannot show what was said at the desk, and how Hong Kong used mystery shopping after the minibond losses to test banks' sales conduct directly;
# 2. compute mystery-shopping pass rates by checklist item and wave, find the weak items and branches, and measure the effect of targeted coaching against the items that were not coached;
# 3. put a Wilson interval around a branch's pass rate, flag a branch as "clearly below target" only when the evidence is strong enough, and rank branches with care.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 与雷曼兄弟挂钩的"迷你债券"等产品在香港经银行卖给了**超过 4 万名**投资者，其中仅迷你债券一项就约为 **126 亿港元**。
# 2009 年 7 月 22 日的回购方案按面值的 60% 赔付 65 岁以下的投资者，按 **70%** 赔付 **65 岁及以上**的投资者；2011 年的进一步安排使回收比例最高达到 96.5%。
# （案例 c05 详细分析了这次事件中的销售过程。）
#
# 事件之后，香港改变了银行销售投资产品的方式：
#
# - 从 2009 年起，银行的销售过程要**录音**；
# - 投资产品的销售与**吸收存款的区域分开**；
# - 从 **2011 年 1 月 1 日**起，对易受损客户实行**投资前冷静期**；
# - 易受损客户可以**带一位陪同人**，或**要求另一名员工在场**；
# - 香港金管局（HKMA）在 **2010 年**开展了**神秘顾客**检查：在 **20 家银行**完成了 **350 个样本**。
#
# *来源：Lexology；nine.com.au；《南华早报》；hkcomplier。*
#
# 平均下来，每家银行约 17.5 个样本（350 ÷ 20）。这个数字值得记住：样本这么少时，单看某家银行的通过率，误差会很大。后面我们会回到这一点。

# %% [markdown] lang="en"
# ## What happened
#
# Lehman-linked "minibonds" and similar products were sold through banks in Hong Kong to **more than 40,000** investors; the minibonds alone came to about **HK$12.6 billion**.
# The buy-back of 22 July 2009 paid investors under 65 60% of face value and investors **aged 65 and over 70%**; a further deal in 2011 brought recoveries of up to 96.5%.
# (Case c05 analyses how those sales were made.)
#
# Hong Kong then changed how banks sell investment products:
#
# - from 2009, bank sales are **audio-recorded**;
# - investment sales are **separated from the areas where deposits are taken**;
# - from **1 January 2011**, vulnerable customers get a **cooling-off period before they invest**;
# - a vulnerable customer may **bring a companion** or **ask for a second member of staff**;
# - in **2010** the Hong Kong Monetary Authority (HKMA) ran **mystery shopping**: **350 samples** at **20 banks**.
#
# *Source: Lexology; nine.com.au; South China Morning Post; hkcomplier.*
#
# That is about 17.5 samples per bank on average (350 ÷ 20). Keep the number in mind: with so few samples, one bank's pass rate on its own carries a large margin of error. We will come back to this.

# %% [markdown] lang="zh"
# ## 为什么要"直接检验"
#
# 销售台账记录的是卖了什么、卖给了谁；录音录像只记录在销售专区里发生的事。**在存款柜台上的一句"这个跟存款差不多"，任何记录里都没有。**
# 客户投诉来得很晚，往往在亏损之后。神秘顾客检查换一个角度：受过训练的"顾客"按剧本去网点咨询，事后按检查表逐项记录员工做了什么、没做什么。
#
# 其他监管机构和银行也用这种方法：
#
# - 英国金融服务管理局（FSA，其后由 FCA 沿用）2013 年 1 月 16 日发布的指引 FG13/1《金融激励给客户带来的风险》，除了要求机构在管理报表中监测个人销售的异常峰值，还要求**监测面对面销售**。
#   *来源：FCA 网站"Risks to customers from financial incentives"页面；JD Supra 的解读。*
# - 富国银行在 2017 年取消产品销售指标后的新薪酬方案中，也加入了**神秘顾客**检查。
#   *来源：American Banker；Mercury News（2017 年 1 月 11 日）。*
#
# 神秘顾客检查也有局限：每次到访只是一个时刻；剧本只能检验事先设计好的情形；样本少；员工知道有检查后可能只在"像神秘顾客"的人面前表现好。
# 所以它的结果应当用来**找出系统性的薄弱环节并改进**，而不是凭一次到访处罚个人。

# %% [markdown] lang="en"
# ## Why test conduct directly
#
# The sales ledger records what was sold and to whom; recordings capture only what happens in the sales zone. **A remark at the deposit counter that "this is much like a deposit" appears in no record at all.**
# Complaints arrive late, often after the loss. Mystery shopping looks from another side: trained "customers" visit a branch with a script, then record item by item on a checklist what the staff did and did not do.
#
# Other regulators and banks use the method too:
#
# - Guidance FG13/1, *Risks to customers from financial incentives*, published by the UK's FSA (later the FCA) on 16 January 2013, asks firms not only to monitor individual sales spikes in their management reports but also to **monitor face-to-face sales**.
#   *Source: the FCA's page "Risks to customers from financial incentives"; commentary on JD Supra.*
# - When Wells Fargo dropped product sales goals in 2017, its new pay plan included **mystery shoppers**.
#   *Source: American Banker; Mercury News (11 January 2017).*
#
# Mystery shopping has limits as well: each visit is a single moment; a script tests only the situations it was written for; samples are small; and staff who know about the programme may behave well only in front of people who look like shoppers.
# Its results are therefore for **finding and fixing systematic weaknesses**, not for punishing an individual on the strength of one visit.

# %% [markdown] lang="zh"
# ## 在金禾银行：一项神秘顾客计划
#
# 下面的数据是虚构的金禾银行，人物和数字都不真实，但做法与上面的检查相同：
#
# - 金禾银行委托一家外部调查机构，由 13 名神秘顾客（其中 5 名按剧本自称 65 岁以上）到八家支行咨询投资。剧本有三种：定期存款到期、想要比存款高的收益、第一次投资。
# - 每次到访按 **8 个检查项**记录通过或未通过。其中"对 65 岁及以上顾客的额外关照"（员工是否提出可以请陪同人或第二名员工在场，并确认顾客听懂了）只在神秘顾客自称 65 岁及以上时适用，其余到访记为"不适用"。
# - 每家支行的到访次数与其投资销售量成比例，所以各支行样本不等：杭州西湖支行（HZ-XH）每轮只有 6 次。
# - **第一轮**在 2024 年 10–11 月；2025 年 1–2 月针对第一轮最弱的检查项做了**辅导**；**第二轮**在 2025 年 4–5 月。
# - 金禾银行的目标是每个检查项的通过率**不低于 80%**（这是本课程虚构银行的政策）。
#
# 各检查项对应的现行规则：风险测评由客户本人完成（《理财公司理财产品销售管理暂行办法》第 25 条禁止代客户测评）；不得承诺保本保收益、不得把产品说成存款（同条）；
# 产品等级不超过客户等级（同条禁止向客户销售超出其风险等级的产品）；在有录音录像的销售专区销售（2017 年《银行业金融机构销售专区录音录像管理暂行规定》；代销产品的销售还须符合 2025 年《商业银行代理销售业务管理办法》的可回溯要求）；
# 私募产品至少 24 小时冷静期（2018 年《商业银行理财业务监督管理办法》附件）；对老年客户的专门保护（2025 年《商业银行代理销售业务管理办法》，自 2025 年 10 月 1 日起施行，监管机构为国家金融监督管理总局）。
# 其中"产品等级与客户等级对应"和"对 65 岁及以上客户充分考虑年龄和投资经验"，最早是原银监会 2011 年的《商业银行理财产品销售管理办法》提出的；该办法已被 2018 年的理财业务规则取代，这里只说明要求的由来。

# %% [markdown] lang="en"
# ## At Jinhe Bank: a mystery-shopping programme
#
# The data below describe the fictional Jinhe Bank; the people and the numbers are not real, but the method is the one above:
#
# - Jinhe Bank hires an outside agency whose 13 mystery shoppers (5 of whom, by their script, give an age of 65 or over) ask about investing at the eight branches. There are three scripts: a maturing time deposit, wanting more than a deposit pays, and a first investment.
# - Each visit records a pass or a fail on **8 checklist items**. "Extra care for customers aged 65 and over" (whether staff offer a companion or a second member of staff, and check that the customer has understood) applies only when the shopper gives an age of 65 or over; on other visits it is recorded as "not applicable".
# - Visits per branch are proportional to the branch's investment sales, so the samples are unequal: Hangzhou Xihu (HZ-XH) gets only 6 visits a wave.
# - **Wave 1** ran in October-November 2024; in January-February 2025 staff were **coached** on the weakest items of wave 1; **wave 2** ran in April-May 2025.
# - Jinhe Bank's target is a pass rate of **at least 80% on every item** (the policy of the course's fictional bank).
#
# The rules in force behind the items: the customer answers the risk assessment personally (Article 25 of the 2021 measures on wealth-product sales bans staff doing it); no guarantee of principal or return and no presenting the product as a deposit (same article);
# no product above the customer's risk level (the same article bans selling above the customer's level); sales in the recorded sales zone (the 2017 interim rules on audio-video recording in sales zones; agency sales must also be traceable under the 2025 Measures on Agency Sales by Commercial Banks);
# a cooling-off period of at least 24 hours for private products (annex to the 2018 Measures for the Supervision of Commercial Banks' Wealth Management Business); targeted protection of elderly customers (the 2025 agency-sales measures, in force since 1 October 2025, under the National Financial Regulatory Administration).
# Matching product and customer levels, and giving due weight to age and experience for customers aged 65 and over, were first required by the former CBRC's 2011 measures on the sale of commercial banks' wealth products; those measures were superseded by the 2018 wealth-management rules and are cited here only as the origin of the requirements.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import mystery_shopping
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = mystery_shopping.load()
checklist, staff, coaching, visits, results = (data[t] for t in ["checklist", "staff", "coaching", "visits", "results"])
checklist

# %% [markdown] lang="zh"
# ## 数据与数据字典
#
# 本案例有六张表。`results` 每行是一次到访的一个检查项；要知道这次到访属于哪一轮、哪家支行、由谁接待，需要与 `visits` 合并。

# %% [markdown] lang="en"
# ## The data and its dictionary
#
# The case has six tables. Each row of `results` is one checklist item of one visit; to know the wave, the branch and who served the shopper, join it to `visits`.

# %%
lang = "zh"  # [zh]
lang = "en"  # [en]
overview, columns = dictionary_tables(mystery_shopping.DICTIONARY, lang, data)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：第一轮，哪些检查项最弱？
#
# 先把结果与到访合并，再**去掉"不适用"的行**：一位自称 40 岁的神秘顾客没有机会检验"对老年顾客的关照"，把这些行算作未通过会冤枉员工，算作通过又会美化结果。
# 通过率 = 通过次数 ÷（通过 + 未通过）次数。

# %% [markdown] lang="en"
# ## Analysis 1: wave 1, which items are weakest?
#
# Join the results to the visits, then **drop the "not applicable" rows**: a shopper who gives her age as 40 cannot test the care shown to older customers, so counting those rows as fails would wrong the staff, and counting them as passes would flatter the result.
# Pass rate = passes ÷ (passes + fails).

# %%
checks = results.merge(visits, on="visit_id")
checks = checks[checks.result != "not_applicable"].assign(passed=lambda t: t.result.eq("pass"))
name = checklist.set_index("item_id")["name_zh"]  # [zh]
name = checklist.set_index("item_id")["name_en"]  # [en]
coached_items = checklist.item_id[checklist.coached].to_list()
by_item = checks.pivot_table(index="item_id", columns="wave", values="passed", aggfunc="mean")
wave1 = by_item[1].sort_values()

fig, ax = plt.subplots(figsize=(8, 4.2))
ax.barh([name[i] for i in wave1.index], wave1 * 100, color="#85929e")
ax.axvline(mystery_shopping.TARGET_PASS_RATE * 100, color="#b03a2e", linestyle="--", label="目标 80%")  # [zh]
ax.set_xlabel("通过率（%）")  # [zh]
ax.set_title("第一轮神秘顾客检查：各检查项的通过率")  # [zh]
ax.axvline(mystery_shopping.TARGET_PASS_RATE * 100, color="#b03a2e", linestyle="--", label="Target 80%")  # [en]
ax.set_xlabel("Pass rate (%)")  # [en]
ax.set_title("Mystery shopping wave 1: pass rate by checklist item")  # [en]
ax.set_xlim(0, 100)
ax.legend(loc="lower right")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 三个检查项明显落后：宣读风险揭示、说明冷静期、对 65 岁及以上顾客的额外关照。它们都不是"卖错了产品"，而是**该说的话没有说**：
# 这样的问题在销售台账里看不出来，只有直接观察销售过程才能发现。金禾银行据此决定在两轮之间就这三项做辅导（`checklist.coached`）。

# %% [markdown] lang="en"
# Three items lag clearly: reading the risk disclosure, explaining the cooling-off period, and extra care for customers aged 65 and over. None of them is about selling the wrong product; they are about **things that should have been said and were not**.
# No sales ledger shows such gaps; only watching the sale does. On this evidence Jinhe Bank decided to coach staff on these three items between the waves (`checklist.coached`).

# %% [markdown] lang="zh"
# ## 分析二：哪些支行弱？先看样本有多大
#
# 支行的通过率来自很少的到访。一家支行 6 次到访中通过 2 次，通过率是 33%；另一家 28 次中通过 9 次，通过率是 32%。两个数字几乎一样，但我们对后者了解得多得多。
#
# **Wilson 区间**给通过率加上一个误差范围。设到访 n 次、通过率为 p、z = 1.96（约 95% 的置信水平）：
#
# 中心 =（p + z²/2n）÷（1 + z²/n），半宽 = z × √(p(1−p)/n + z²/4n²) ÷（1 + z²/n），区间 = 中心 ± 半宽。
#
# 与常见的"p ± 1.96 × 标准误"相比，Wilson 区间在样本小、通过率接近 0 或 100% 时仍然合理（例如 6 次全部通过时，它不会给出"100% 到 100%"这样的区间）。
# 数据模块提供了 `mystery_shopping.wilson_interval(passes, n)`。下图是第一轮"宣读风险揭示"一项，各支行的通过率和区间：

# %% [markdown] lang="en"
# ## Analysis 2: which branches are weak? First ask how large the sample is
#
# A branch's pass rate rests on very few visits. One branch passes 2 of 6 visits, a rate of 33%; another passes 9 of 28, a rate of 32%. The two numbers are almost the same, but we know far more about the second.
#
# The **Wilson interval** puts a margin of error around a pass rate. With n visits, pass rate p and z = 1.96 (about 95% confidence):
#
# centre = (p + z²/2n) ÷ (1 + z²/n), half-width = z × √(p(1−p)/n + z²/4n²) ÷ (1 + z²/n), interval = centre ± half-width.
#
# Unlike the familiar "p ± 1.96 × standard error", the Wilson interval stays sensible when the sample is small or the rate is near 0 or 100% (when all 6 visits pass, for example, it does not claim an interval from 100% to 100%).
# The data module provides `mystery_shopping.wilson_interval(passes, n)`. The chart shows each branch's rate and interval on "risk disclosure read" in wave 1:

# %%
def branch_table(item, wave):
    """Passes, visits, pass rate and Wilson interval of every branch on one item in one wave."""
    part = checks[(checks.item_id == item) & (checks.wave == wave)]
    table = part.groupby("branch_id").passed.agg(passes="sum", n="size")
    table["rate"] = table.passes / table.n
    table["low"], table["high"] = mystery_shopping.wilson_interval(table.passes, table.n)
    return table.sort_values("rate")


disclosure = branch_table("risk_disclosure_read", 1)
fig, ax = plt.subplots(figsize=(8, 4.2))
y = np.arange(len(disclosure))
ax.errorbar(disclosure.rate * 100, y, xerr=[(disclosure.rate - disclosure.low) * 100, (disclosure.high - disclosure.rate) * 100],
            fmt="o", color="#1f618d", ecolor="#85929e", capsize=4)
ax.set_yticks(y, [f"{b}（n={n}）" for b, n in zip(disclosure.index, disclosure.n)])  # [zh]
ax.set_yticks(y, [f"{b} (n={n})" for b, n in zip(disclosure.index, disclosure.n)])  # [en]
ax.axvline(mystery_shopping.TARGET_PASS_RATE * 100, color="#b03a2e", linestyle="--")
ax.set_xlim(0, 100)
ax.set_xlabel("通过率及 95% Wilson 区间（%）")  # [zh]
ax.set_title("第一轮“宣读风险揭示”：各支行的通过率与误差范围")  # [zh]
ax.set_xlabel("Pass rate with 95% Wilson interval (%)")  # [en]
ax.set_title("Wave 1, \"risk disclosure read\": branch pass rates and their margins of error")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# GZ-TH、CD-JJ 和 HZ-XH 的点几乎在同一位置，但 HZ-XH 的横线长得多：只凭 6 次到访，它的真实水平可能在 10% 到 70% 之间的任何地方。
# 不过即使这样，它的整条横线仍在 80% 以下：结果离目标足够远时，小样本也能给出明确的结论。
#
# 由此得到一条标记规则：**只有整个区间都在目标线以下（区间上限 < 80%）时，才把支行标记为"明确低于目标"。** 通过率低于目标、但区间上限越过目标线的支行，结论是"证据不足"，应当增加到访，而不是下结论。
# 样本量的作用有多大？假设观察到的通过率都是 60%：

# %% [markdown] lang="en"
# GZ-TH, CD-JJ and HZ-XH sit almost on the same spot, but HZ-XH's bar is much longer: on 6 visits its true level could be anywhere from about 10% to 70%.
# Even so, its whole bar lies below 80%: when a result is far enough from the target, a small sample can still give a clear answer.
#
# That gives a rule for flagging: **mark a branch "clearly below target" only when the whole interval lies below the target line (upper end < 80%).** A branch whose rate is below target but whose interval reaches past the line has "not enough evidence": visit it more, do not pass judgement.
# How much does the sample size matter? Suppose the observed pass rate is 60% every time:

# %%
sizes = np.array([5, 10, 20, 40, 80])
low, high = mystery_shopping.wilson_interval(0.6 * sizes, sizes)
pd.DataFrame({"到访次数": sizes, "区间下限": low.round(2), "区间上限": high.round(2), "明确低于 80%": high < 0.8})  # [zh]
pd.DataFrame({"visits": sizes, "low": low.round(2), "high": high.round(2), "clearly below 80%": high < 0.8})  # [en]

# %% [markdown] lang="zh"
# 通过率同样是 60%，要有 20 次左右的到访，才能有把握地说它低于 80%。HKMA 在每家银行平均约 17.5 个样本，正处在这个量级。
#
# 现在对第一轮的每个检查项、每家支行都应用这条规则，数一数每家支行有几个检查项"明确低于目标"，同时列出只看点估计会有几个：

# %% [markdown] lang="en"
# At the same 60% rate, it takes about 20 visits before we can say with confidence that the branch is below 80%. The HKMA's average of about 17.5 samples per bank is of just that order.
#
# Now apply the rule to every item and every branch in wave 1, and count for each branch the items that are "clearly below target", next to the count you would get from the point estimates alone:

# %%
def flag_table(wave):
    """Per branch: items below target on the point estimate, and items clearly below it."""
    counts = checks[checks.wave == wave].groupby(["branch_id", "item_id"]).passed.agg(passes="sum", n="size")
    _, upper = mystery_shopping.wilson_interval(counts.passes, counts.n)
    counts["below"] = counts.passes / counts.n < mystery_shopping.TARGET_PASS_RATE
    counts["clearly_below"] = upper < mystery_shopping.TARGET_PASS_RATE
    table = counts.groupby("branch_id")[["below", "clearly_below"]].sum()
    table["visits"] = visits[visits.wave == wave].groupby("branch_id").size()
    return table.sort_values("clearly_below", ascending=False)


wave1_flags = flag_table(1)
wave1_flags.columns = ["点估计低于目标的项数", "明确低于目标的项数", "到访次数"]  # [zh]
wave1_flags.columns = ["items below target (point estimate)", "items clearly below target", "visits"]  # [en]
wave1_flags

# %% [markdown] lang="zh"
# GZ-TH 在多个检查项上明确低于目标，而且它有 28 次到访，证据充分：这是一家真正薄弱的支行，金禾银行为它多安排了一场辅导。
# 样本少的 HZ-XH 只有在大多数到访都未通过时才会被标记；按点估计排名，它可能排在前面或后面，但这个名次主要反映的是运气。

# %% [markdown] lang="en"
# GZ-TH is clearly below target on several items, and with 28 visits the evidence is solid: this branch really is weak, and Jinhe Bank gave it a second coaching session.
# HZ-XH, with its small sample, is flagged only where most of its visits failed; ranked on point estimates it may land near the top or the bottom, but that place mostly reflects luck.

# %% [markdown] lang="zh"
# ## 分析三：辅导之后，第二轮有没有改善？
#
# 辅导的对象是理财经理和客户经理；柜员没有被邀请：

# %% [markdown] lang="en"
# ## Analysis 3: after the coaching, did wave 2 improve?
#
# The coaching was for wealth advisors and relationship managers; tellers were not invited:

# %%
role = coaching.staff_id.map(staff.set_index("staff_id").role)
attendance = coaching.groupby(role).agg(invited=("invited", "mean"), attended=("sessions_attended", lambda s: (s > 0).mean()))
attendance.index.name = None
attendance.columns = ["被邀请的比例", "至少参加一场的比例"]  # [zh]
attendance.columns = ["share invited", "share attending at least one session"]  # [en]
attendance.round(2)

# %% [markdown] lang="zh"
# 比较两轮中每个检查项的通过率。红色是被辅导的检查项，灰色是未辅导的检查项：

# %% [markdown] lang="en"
# Compare each item's pass rate in the two waves. Red marks the coached items, grey the others:

# %%
order = by_item[1].sort_values().index
fig, ax = plt.subplots(figsize=(8, 4.5))
for y, item in enumerate(order):
    color = "#b03a2e" if item in coached_items else "#85929e"
    ax.plot([by_item.loc[item, 1] * 100, by_item.loc[item, 2] * 100], [y, y], color=color, linewidth=2)
    ax.scatter(by_item.loc[item, 1] * 100, y, color="white", edgecolor=color, zorder=3, s=50)
    ax.scatter(by_item.loc[item, 2] * 100, y, color=color, zorder=3, s=50)
ax.set_yticks(range(len(order)), [name[i] for i in order])
ax.axvline(mystery_shopping.TARGET_PASS_RATE * 100, color="grey", linestyle="--")
ax.set_xlim(0, 100)
ax.set_xlabel("通过率（%）：空心点为第一轮，实心点为第二轮")  # [zh]
ax.set_title("两轮神秘顾客检查：红色为被辅导的检查项")  # [zh]
ax.set_xlabel("Pass rate (%): hollow dot wave 1, solid dot wave 2")  # [en]
ax.set_title("Two waves of mystery shopping: coached items in red")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 被辅导的三项都明显上升，未辅导的各项基本没动。只看被辅导检查项的涨幅，会把同期的共同变化（例如员工知道有神秘顾客检查后普遍更小心）也算作辅导的功劳。
# 用**未辅导的检查项作对照**，扣除这部分共同变化，思路与模块 12 的双重差分相同：

# %% [markdown] lang="en"
# All three coached items rise clearly; the others barely move. Looking only at the rise of the coached items would credit the coaching with any change shared by all items in the period (staff taking more care everywhere once they know shoppers are about, for instance).
# Using **the uncoached items as the comparison** takes that shared change out, in the same spirit as the difference in differences of module 12:

# %%
change = by_item[2] - by_item[1]
coached_change = change[coached_items].mean()
other_change = change.drop(coached_items).mean()
print(f"被辅导检查项平均变化 {coached_change * 100:+.1f} 个百分点，未辅导检查项 {other_change * 100:+.1f} 个百分点，")  # [zh]
print(f"辅导效果（两者之差）约 {(coached_change - other_change) * 100:+.1f} 个百分点。")  # [zh]
print(f"Coached items changed by {coached_change * 100:+.1f} percentage points on average, uncoached items by {other_change * 100:+.1f};")  # [en]
print(f"the effect of the coaching (the difference) is about {(coached_change - other_change) * 100:+.1f} points.")  # [en]

# %% [markdown] lang="zh"
# ## 分析四：辅导到达了谁？
#
# 如果改善真的来自辅导，它应当集中在参加了辅导的员工身上。把被辅导检查项的结果按接待员工分组：参加过辅导的员工，和没有被邀请的柜员。

# %% [markdown] lang="en"
# ## Analysis 4: whom did the coaching reach?
#
# If the improvement really comes from the coaching, it should sit with the staff who attended. Split the results on the coached items by the employee who served the shopper: staff who attended, and the tellers, who were not invited.

# %%
attended_any = coaching.groupby("staff_id").sessions_attended.max() > 0
coached_checks = checks[checks.item_id.isin(coached_items)].copy()
coached_checks["group"] = np.where(coached_checks.staff_id.map(attended_any), "参加了辅导", "未参加辅导（多为柜员）")  # [zh]
coached_checks["group"] = np.where(coached_checks.staff_id.map(attended_any), "attended coaching", "not coached (mostly tellers)")  # [en]
reach = coached_checks.pivot_table(index="group", columns="wave", values="passed", aggfunc="mean")
ax = (reach * 100).plot.bar(color=["#85929e", "#1f618d"], figsize=(7, 4), rot=0)
ax.set_xlabel("")
ax.set_ylabel("被辅导检查项的通过率（%）")  # [zh]
ax.set_title("改善集中在参加了辅导的员工身上")  # [zh]
ax.legend(["第一轮", "第二轮"])  # [zh]
ax.set_ylabel("Pass rate on the coached items (%)")  # [en]
ax.set_title("The improvement sits with the staff who were coached")  # [en]
ax.legend(["wave 1", "wave 2"])  # [en]
ax.axhline(mystery_shopping.TARGET_PASS_RATE * 100, color="#b03a2e", linestyle="--")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 柜员的结果几乎没有变化。在大多数支行，柜员很少接待投资咨询，这无关紧要；但有一家支行不同。看看各支行由柜员接待的到访占多少，以及"带到销售专区"一项按接待岗位的通过率：

# %% [markdown] lang="en"
# The tellers' results hardly moved. At most branches tellers rarely field investment questions, so it matters little; at one branch it is different. Look at the share of visits served by a teller at each branch, and at the pass rate on "moved to the sales zone" by the role of the person serving:

# %%
visit_role = visits.staff_id.map(staff.set_index("staff_id").role)
teller_share = visit_role.eq("teller").groupby(visits.branch_id).mean().sort_values(ascending=False)
checks["role"] = checks.staff_id.map(staff.set_index("staff_id").role)
zone_by_role = checks[checks.item_id == "sales_zone_recorded"].groupby(checks.role.eq("teller")).passed.mean()
print("由柜员接待的到访占比：")  # [zh]
print("Share of visits served by a teller:")  # [en]
print(teller_share.round(2).to_string())
print(f"“带到销售专区”的通过率：柜员接待 {zone_by_role[True]:.0%}，其他员工接待 {zone_by_role[False]:.0%}")  # [zh]
print(f"Pass rate on \"moved to the sales zone\": {zone_by_role[True]:.0%} when a teller served, {zone_by_role[False]:.0%} otherwise")  # [en]

# %% [markdown] lang="zh"
# 在成都锦江支行（CD-JJ），一半以上的投资咨询是柜员在存款柜台上回答的，而柜员很少把客户带到有录音录像的销售专区，也没有参加辅导。
# 第二轮结束后，再按同样的规则看哪些支行、哪些检查项仍然"明确低于目标"：

# %% [markdown] lang="en"
# At Chengdu Jinjiang (CD-JJ) more than half of the investment questions are answered by tellers at the deposit counter; tellers rarely take the customer to the recorded sales zone, and they were not coached.
# After wave 2, apply the same rule again and see which branches and items are still "clearly below target":

# %%
counts = checks[checks.wave == 2].groupby(["branch_id", "item_id"]).passed.agg(passes="sum", n="size")
counts["rate"] = counts.passes / counts.n
counts["low"], counts["high"] = mystery_shopping.wilson_interval(counts.passes, counts.n)
clearly_below = counts[counts.high < mystery_shopping.TARGET_PASS_RATE].round(2)
clearly_below

# %% [markdown] lang="zh"
# CD-JJ 仍在"带到销售专区"和对老年顾客的关照上明确低于目标。辅导能补上员工的知识，却改变不了**谁在什么地方接待投资咨询**：
# 存款柜台上没有录音录像，柜员没有受过辅导，老年顾客的定期存款到期时又总是先来到柜台。这正是香港改革要求"把投资销售与吸收存款的区域分开"的原因。
#
# GZ-TH 在被辅导的检查项上整体进步很大，但仍有几项明确低于目标，其中包括未辅导的检查项：它的薄弱不止于这三项，下一轮的辅导计划应当把这些检查项也包括进去。
#
# 还有一点要诚实地说明：上表只列出"明确"低于目标的组合。第二轮里点估计低于 80%、但证据不足的组合还有不少：

# %% [markdown] lang="en"
# CD-JJ is still clearly below target on moving to the sales zone and on care for older customers. Coaching can fill gaps in what staff know; it cannot change **who answers investment questions, and where**:
# the deposit counter has no recording, the tellers were not coached, and older customers whose deposits mature come to the counter first. That is exactly why Hong Kong required investment sales to be separated from deposit-taking areas.
#
# GZ-TH made large gains on the coached items as a whole, yet a few items, uncoached ones among them, are still clearly below target: its weakness goes beyond the three coached items, and the next round of coaching should cover these as well.
#
# One more thing in honesty: the table lists only the combinations "clearly" below target. Wave 2 has quite a few more whose point estimate is below 80% but whose evidence is not enough:

# %%
unsure = counts[(counts.rate < mystery_shopping.TARGET_PASS_RATE) & (counts.high >= mystery_shopping.TARGET_PASS_RATE)]
print(f"点估计低于目标但证据不足的支行 × 检查项组合：{len(unsure)} 个，其中到访次数中位数为 {unsure.n.median():.0f}。")  # [zh]
print(f"Branch-item combinations below target on the point estimate but without enough evidence: {len(unsure)}, with a median of {unsure.n.median():.0f} visits.")  # [en]

# %% [markdown] lang="zh"
# 这些组合不应当被写成"不达标"，也不应当被忽略：下一轮应当为它们安排更多到访，尤其是样本很少的老年顾客检查项。
#
# **这些比较的局限**：
#
# - 这是前后对比，不是对照实验。未辅导的检查项是一个有用的对照，但它假设如果没有辅导，各检查项会一起变化。
# - 8 个检查项 × 8 家支行 = 64 个组合。即使各支行都恰好达到目标，偶尔也会有组合因为运气而被"明确"标记，所以一次标记应当先核实（例如调阅真实销售的录音录像），再采取行动。
# - 神秘顾客只检验剧本里的情形；员工知道检查的存在，可能对"像神秘顾客"的人格外小心。结果应当与录音录像抽查、回访、投诉一起看。

# %% [markdown] lang="en"
# These combinations should not be reported as "failing", nor ignored: the next wave should visit them more, especially on the older-customer item, whose samples are tiny.
#
# **The limits of these comparisons.**
#
# - This is a before/after comparison, not a controlled experiment. The uncoached items are a useful comparison, but they assume that without the coaching all items would have moved together.
# - 8 items × 8 branches make 64 combinations. Even if every branch were exactly on target, a combination would now and then be flagged "clearly" by luck, so check a flag (for example by reviewing recordings of real sales) before acting on it.
# - Mystery shoppers test only the situations in their script, and staff who know about the programme may take special care with anyone who looks like a shopper. Read the results together with recording reviews, follow-up calls and complaints.

# %% [markdown] lang="zh"
# ## 讨论
#
# 1. 如果金禾银行只看销售台账和录音录像，第一轮发现的三个薄弱检查项中，哪些能被发现、哪些不能？为什么？
# 2. 总行想按第二轮的平均通过率给八家支行排名并公布。你会怎样提醒它？HZ-XH 应当排在哪里？
# 3. CD-JJ 的问题，除了给柜员补上辅导，还需要改变什么？这些改变与香港在迷你债券事件后的哪些改革对应？
# 4. 如果神秘顾客检查的结果直接决定个人奖金，员工可能会怎样应对？这会让检查结果变得更可信还是更不可信？
#
# ## 本案例支持的课程模块
#
# - **02-communication**（合规沟通）：风险揭示和禁止的保本承诺，是神秘顾客最直接检验的内容；
# - **03-suitability**（投资者适当性）：客户本人完成测评、产品等级匹配、对 65 岁及以上客户的额外关照；
# - **04-recording-cooling-off**（双录与冷静期）：在销售专区录音录像、说明冷静期；
# - **09-internal-audit**（内部审计与销售记录监测）：独立于销售部门、直接检验销售行为的一种监测手段；
# - **12-continuous-improvement**（持续改进）：发现薄弱环节、针对性改进、用对照检查效果，再来一轮。

# %% [markdown] lang="en"
# ## Discussion
#
# 1. Had Jinhe Bank looked only at the sales ledger and the recordings, which of the three weak items of wave 1 would it have found, and which not? Why?
# 2. Head office wants to rank the eight branches by their average pass rate in wave 2 and publish the ranking. What would you warn it about? Where should HZ-XH be placed?
# 3. Besides coaching the tellers, what else must change to fix CD-JJ's problem? Which of Hong Kong's reforms after the minibond losses do those changes correspond to?
# 4. If mystery-shopping results decided individual bonuses directly, how might staff respond? Would that make the results more or less trustworthy?
#
# ## Course modules this case supports
#
# - **02-communication**: the risk disclosure and the ban on promising principal or returns, which mystery shoppers test most directly;
# - **03-suitability**: the customer answering the assessment personally, matching product and customer levels, extra care for customers aged 65 and over;
# - **04-recording-cooling-off**: recording in the sales zone and explaining the cooling-off period;
# - **09-internal-audit**: a way of monitoring conduct that is independent of the sales line and tests the sale directly;
# - **12-continuous-improvement**: find the weak points, act on them, check the effect against a comparison, and go round again.
