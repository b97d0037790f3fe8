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
# # 案例 9：录音录像与系统强制的适当性拦截
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明"双录"规则和"系统拦截不匹配销售"的要求各自针对什么问题、覆盖哪些销售；
# 2. 以各支行自己的上线日期为界，比较上线前后不匹配销售的结局、录音录像的覆盖率和内部审计发现的问题；
# 3. 找出系统拦截之后仍然存在的漏洞，并说明还需要哪些控制措施。

# %% [markdown] lang="en"
# # Case 9: Recording, and suitability enforced by the system
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. explain what the audio-video recording rule and the requirement that the system block mismatched sales are each meant to stop, and which sales they cover;
# 2. using each branch's own go-live date, compare before and after: what happens to mismatched sales, how many sales are properly recorded, and what internal audit finds;
# 3. find the gap that remains once the system blocks mismatches, and say which further controls it needs.

# %% [markdown] lang="zh"
# ## 规则
#
# **系统拦截。** 客户只能购买风险等级不高于自身等级的产品，银行员工不得把高于客户风险等级的产品卖给客户，也不得代客户做风险测评。
# *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条；证监会《证券期货投资者适当性管理办法》（2017 年施行）。*
#
# 银行代销的产品要由总行统一管理，通过代销业务系统销售（第 8、9 条），销售过程事后可回溯。
# *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日起施行），国家金融监督管理总局。*
#
# “产品和客户都至少分五级、二者必须对应、**销售系统必须阻止不匹配的销售**”，这一要求最早由原银监会 2011 年的《商业银行理财产品销售管理办法》提出。该办法已被 2018 年的理财业务规则取代，这里只说明这项要求的由来。
# *来源：《商业银行理财产品销售管理办法》（银监会令 2011 年第 5 号，历史规则）第 24、25、27 条。*
#
# 这里的关键词是"系统"。如果系统只弹出一个警告，员工点一下"客户坚持购买"就能继续，那么是否拦截就取决于当时的业绩压力，而不是规则。
#
# **录音录像（"双录"）。** 《银行业金融机构销售专区录音录像管理暂行规定》（2017 年 8 月 23 日）：
#
# - 目的是防止误导销售和员工私售"飞单"；
# - 在网点销售本行理财产品和代销产品，都要在**销售专区**内进行，并对销售全过程**同步录音录像**；
# - 国债和实物贵金属的销售可以不录；规模较小的网点可以用固定的销售柜台代替专区；
# - 当初的依据是原银监会 2016 年的一份通知（银监发〔2016〕24 号）。据律师事务所的评论文章（二手资料），2025 年的《商业银行代理销售业务管理办法》施行后取代了这份通知；代销业务双录、可回溯的现行依据是 2025 年的办法。
#
# *来源：《银行业金融机构销售专区录音录像管理暂行规定》，2017 年 8 月 23 日；《商业银行代理销售业务管理办法》（金规〔2025〕6 号）。*

# %% [markdown] lang="en"
# ## The rules
#
# **A system block.** A customer may buy only products at or below their own risk level; staff may not sell a customer a product above that level, nor take the risk assessment for the customer.
# *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25; CSRC, Measures for the Suitability Management of Securities and Futures Investors (in force 2017).*
#
# A bank's agency sales are managed centrally by its head office and go through an agency-sales system (Articles 8 and 9), and each sale must be traceable afterwards.
# *Source: Measures for the Administration of Agency Sales by Commercial Banks (Jingui [2025] No. 6, in force since 1 October 2025), National Financial Regulatory Administration.*
#
# The rule that first required products and customers each to be rated on at least five levels, the ratings to map, and **the sales system to block a mismatched sale** was the former CBRC's 2011 measures on the sale of commercial banks' wealth products. They were superseded by the 2018 wealth-management rules and are cited here only as the origin of the requirement.
# *Source: CBRC Order 2011 No. 5, Articles 24, 25 and 27 (no longer in force).*
#
# The key word is "system". If the system only shows a warning that a member of staff can click past with "customer insists", then whether a sale is stopped depends on the sales pressure of the day, not on the rule.
#
# **Audio-video recording.** The *Interim Provisions on Audio and Video Recording in the Sales Zones of Banking Financial Institutions* (23 August 2017):
#
# - aim to stop misleading sales and the private "flying-order" sales that staff make outside the bank's books;
# - require every in-branch sale of the bank's own wealth products and of agency products to take place in a **dedicated sales zone**, with **synchronous audio and video recording** of the whole sale;
# - make recording optional for government bonds and physical precious metals, and allow small branches to use a fixed sales counter instead of a zone;
# - originally rested on a 2016 notice of the former CBRC (Yinjianfa [2016] No. 24). According to a law firm's commentary (a secondary report), the 2025 measures on agency sales replaced that notice when they took effect; the current basis for recording agency sales and keeping them traceable is the 2025 measures.
#
# *Source: the Interim Provisions on audio and video recording in sales zones, 23 August 2017; Measures for the Administration of Agency Sales by Commercial Banks (Jingui [2025] No. 6).*

# %% [markdown] lang="zh"
# ## 这些规则从哪里来，又走向哪里
#
# - 香港在雷曼"迷你债券"事件（涉及 4 万多名投资者）之后推出了一系列改革，其中包括从 **2009 年**起对银行的销售过程录音，以及把投资产品的销售与吸收存款的区域分开。
#   *来源：Lexology、《南华早报》等对香港改革的报道。*
# - 国内的《商业银行代理销售业务管理办法》2025 年 3 月 21 日发布，自 **2025 年 10 月 1 日**起施行，是现行规则：代销业务通过代销业务系统进行（第 9 条），销售过程必须**可回溯**，并对老年客户等设有专门保护。
#   *来源：中国政府网（金规〔2025〕6 号）。*
#
# 录音录像让事后可以核查"当时说了什么"；系统拦截让不匹配的销售根本无法完成。二者配合，再加上内部审计的抽查，构成了一个可以检验的闭环。

# %% [markdown] lang="en"
# ## Where these rules come from, and where they lead
#
# - After the Lehman minibond affair (more than 40,000 investors), Hong Kong introduced a set of reforms, among them audio-recording of bank sales from **2009** and separating investment sales from the areas where deposits are taken.
#   *Source: reports on the Hong Kong reforms in Lexology, the South China Morning Post and others.*
# - China's *Measures for the Administration of the Agency Sales Business of Commercial Banks*, issued on 21 March 2025 and in force since **1 October 2025**, are the rules that now apply: agency sales go through an agency-sales system (Article 9), each sale must be **traceable** afterwards, and elderly customers among others get targeted protection.
#   *Source: gov.cn (Jingui [2025] No. 6).*
#
# A recording lets anyone check afterwards what was said; a system block makes a mismatched sale impossible to complete. Together with internal audit's sample checks, they form a loop that can be tested.

# %% [markdown] lang="zh"
# ## 在金禾银行：同样的机制
#
# 下面的数据是虚构的金禾银行，人物、产品和数字都不真实：
#
# - 旧销售系统在风险不匹配时只弹出警告，客户签一份"坚持购买"的风险自担声明就可以继续；网点销售有时录、有时不录，也常常不在专区里录；
# - 新系统分两批上线：上海、北京的四家支行在 **2024 年 1 月 1 日**，广州、深圳、杭州、成都的四家在 **2024 年 4 月 1 日**。新系统拦截所有不匹配的销售；规则范围内的网点销售不开始录音录像就无法完成；
# - 成都锦江支行规模较小，用固定销售柜台代替销售专区；
# - 内部审计每季度从各支行已完成的网点销售中随机抽取约五分之一进行检查。
#
# 因为两批支行上线日期不同，分析时**必须用各支行自己的上线日期**划分前后。

# %% [markdown] lang="en"
# ## At Jinhe Bank: the same mechanism
#
# The data below describe the fictional Jinhe Bank; the people, products and numbers are not real:
#
# - the old sales system only warned about a risk mismatch, and the sale went on once the customer signed an "I insist on buying" waiver; in-branch sales were sometimes recorded and sometimes not, and often outside the sales zone;
# - the new system went live in two waves: four branches in Shanghai and Beijing on **1 January 2024**, and four in Guangzhou, Shenzhen, Hangzhou and Chengdu on **1 April 2024**. It blocks every mismatched sale, and an in-branch sale within the rule's scope cannot be completed until a recording has started;
# - Chengdu Jinjiang, a small branch, uses a fixed sales counter instead of a sales zone;
# - every quarter internal audit checks a random fifth or so of each branch's completed in-branch sales.
#
# Because the two waves went live on different dates, **each branch's own go-live date** must divide before from after.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import recording_suitability_block as case_data
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", None)
data = case_data.load()
branches, products, attempts = data["branches"], data["products"], data["attempts"]
recordings, samples, findings = data["recordings"], data["audit_samples"], data["audit_findings"]
branches

# %% [markdown] lang="zh"
# ## 数据与数据字典
#
# 本案例有七张表。`attempts` 是销售系统的日志：它不仅记录完成的销售，也记录被拦截和客户放弃的尝试，这正是我们要看的。

# %% [markdown] lang="en"
# ## The data and its dictionary
#
# The case has seven tables. `attempts` is the sales system's log: it records not only completed sales but also attempts that were blocked or abandoned, which is exactly what we need.

# %%
lang = "zh"  # [zh]
lang = "en"  # [en]
overview, columns = dictionary_tables(case_data.DICTIONARY, lang, data)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：不匹配的销售去哪儿了？
#
# 先标出每次尝试是在本支行上线之前还是之后，以及是否风险不匹配（取等级中的数字比较，不能直接比较 `"R4"` 和 `"C3"` 这样的文本）。

# %% [markdown] lang="en"
# ## Analysis 1: what became of the mismatched sales?
#
# First mark whether each attempt came before or after its own branch went live, and whether it was a mismatch (compare the digits of the levels, never the text `"R4"` against `"C3"`).

# %%
go_live = attempts.branch_id.map(branches.set_index("branch_id").go_live)
log = attempts.assign(
    phase=np.where(attempts.attempted_at >= go_live, "after", "before"),
    mismatch=attempts.product_level.str[1].astype(int) > attempts.customer_level.str[1].astype(int),
    months_from_go_live=((attempts.attempted_at - go_live).dt.days // 30.44).astype(int),
)
pd.crosstab(log.phase[log.mismatch], log.outcome[log.mismatch]).loc[["before", "after"]]

# %% [markdown] lang="zh"
# 上线前，大多数不匹配的销售都凭一纸声明完成了；上线后，一笔也没有完成，全部被拦截。但"尝试"并没有立刻消失。
# 把两批支行都对齐到各自的上线月份（第 0 个月），看每月不匹配尝试的数量和结局：

# %% [markdown] lang="en"
# Before go-live most mismatched sales went through on a signed waiver; after it, not one was completed: all were blocked. But the attempts did not stop at once.
# Align both waves on their own go-live month (month 0) and look at the number and outcome of mismatched attempts each month:

# %%
aligned = log[log.mismatch & log.months_from_go_live.between(-6, 14)]
counts = aligned.pivot_table(index="months_from_go_live", columns="outcome", values="attempt_id", aggfunc="count", fill_value=0)
counts = counts.reindex(columns=["sold", "abandoned", "blocked"], fill_value=0)
counts.columns.name = None
colours = {"sold": "#b03a2e", "abandoned": "#aab7b8", "blocked": "#2e86c1"}
names = {"sold": "完成（签了声明）", "abandoned": "客户放弃", "blocked": "被系统拦截"}  # [zh]
names = {"sold": "Completed (waiver signed)", "abandoned": "Abandoned", "blocked": "Blocked by the system"}  # [en]
ax = counts.rename(columns=names).plot.bar(stacked=True, color=[colours[c] for c in counts.columns], figsize=(9, 4), rot=0)
ax.axvline(list(counts.index).index(0) - 0.5, color="grey", linestyle="--")
ax.set_ylim(0, 1.1 * counts.sum(axis=1).max())
ax.set_xlabel("距本支行上线的月数")  # [zh]
ax.set_ylabel("不匹配的销售尝试（笔）")  # [zh]
ax.set_title("不匹配的销售尝试：上线前大多完成，上线后全部被拦截")  # [zh]
ax.set_xlabel("Months from the branch's go-live")  # [en]
ax.set_ylabel("Mismatched attempts")  # [en]
ax.set_title("Mismatched attempts: mostly completed before go-live, all blocked after")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 上线后的头几个月，被拦截的尝试还不少；之后降到较低的水平：员工知道系统不会放行，大多不再尝试。被拦截的记录本身也是有用的管理信息：它显示谁还在尝试把产品卖给不适合的客户。

# %% [markdown] lang="en"
# In the first months after go-live many attempts are still blocked; then they drop to a lower level, as most staff learn that the system will not let them through. The blocked attempts are useful management information in themselves: they show who is still trying to sell products to unsuitable customers.

# %% [markdown] lang="zh"
# ## 分析二：录音录像做到了吗？
#
# 只有**网点渠道**、**已完成**、且产品**在规则范围内**（`recording_required` 为真）的销售必须录音录像。手机银行的销售、被拦截的尝试、国债和实物金条都不在分母里。
# 一段录音录像只有声音和画面都完整，才能在事后作为证据；在专区内录制是另一项要求。

# %% [markdown] lang="en"
# ## Analysis 2: are sales recorded?
#
# Only sales that were made **in a branch**, **completed**, and are of a product **within the rule's scope** (`recording_required` true) must be recorded. Mobile sales, blocked attempts, government bonds and gold bars stay out of the denominator.
# A recording is only usable as evidence if both sound and picture are complete; being made in the sales zone is a separate requirement.

# %%
required = attempts.product_id.map(products.set_index("product_id").recording_required)
due = log[(log.channel == "branch") & (log.outcome == "sold") & required].copy()
rec = recordings.set_index("attempt_id")
due["usable"] = due.attempt_id.map(rec.audio_ok & rec.video_ok).fillna(False).astype(bool)
due["in_zone"] = due.attempt_id.map(rec.in_sales_zone).fillna(False).astype(bool)
due["wave"] = np.where(due.branch_id.map(branches.set_index("branch_id").go_live) == pd.Timestamp("2024-01-01"), "2024-01", "2024-04")
due["quarter"] = due.attempted_at.dt.to_period("Q").astype(str)
coverage = due.pivot_table(index="quarter", columns="wave", values="usable", aggfunc="mean")

fig, ax = plt.subplots(figsize=(8, 4))
for wave, colour in [("2024-01", "#2e86c1"), ("2024-04", "#d68910")]:
    ax.plot(coverage.index, 100 * coverage[wave], marker="o", color=colour, label=f"{wave} 上线的支行")  # [zh]
    ax.plot(coverage.index, 100 * coverage[wave], marker="o", color=colour, label=f"branches live from {wave}")  # [en]
ax.set_ylabel("有完整录音录像的销售（%）")  # [zh]
ax.set_title("应录音录像的网点销售中，声音和画面都完整的比例")  # [zh]
ax.set_ylabel("Sales with a usable recording (%)")  # [en]
ax.set_title("In-branch sales that must be recorded: share with complete sound and picture")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 两批支行都在各自上线的那个季度出现跃升（第一批在 2024Q1，第二批在 2024Q2），之后稳定在接近 100%。两条线错开一个季度，这本身就是很好的证据：改善跟着上线日期走，而不是跟着日历走。

# %% [markdown] lang="en"
# Each wave jumps in the quarter it went live (the first in 2024Q1, the second in 2024Q2) and then stays close to 100%. That the two lines are a quarter apart is good evidence in itself: the improvement follows the go-live dates, not the calendar.

# %%
due.groupby("phase")[["usable", "in_zone"]].mean().loc[["before", "after"]].round(3)

# %% [markdown] lang="zh"
# ## 分析三：内部审计发现的问题
#
# 审计每季度抽查一部分已完成的网点销售。按季度计算每 100 笔抽查销售的问题数，并按类别拆开：

# %% [markdown] lang="en"
# ## Analysis 3: what internal audit finds
#
# Each quarter audit checks a sample of completed in-branch sales. Count the findings per 100 sales checked, quarter by quarter, split by category:

# %%
checked = samples.groupby("quarter").size()
per_100 = findings.pivot_table(index="quarter", columns="category", values="finding_id", aggfunc="count", fill_value=0).div(checked, axis=0) * 100
order = ["suitability_mismatch", "missing_recording", "recording_defect", "outside_sales_zone", "documentation"]
per_100 = per_100.reindex(columns=order, fill_value=0)
per_100.columns.name = None
labels = {"suitability_mismatch": "风险不匹配", "missing_recording": "应录未录", "recording_defect": "录音录像不完整", "outside_sales_zone": "不在专区录制", "documentation": "单据缺漏"}  # [zh]
labels = {"suitability_mismatch": "Suitability mismatch", "missing_recording": "Missing recording", "recording_defect": "Recording defect", "outside_sales_zone": "Outside the sales zone", "documentation": "Documentation"}  # [en]
ax = per_100.rename(columns=labels).plot.bar(stacked=True, figsize=(9, 4), rot=0, colormap="tab10")
ax.set_xlabel("季度")  # [zh]
ax.set_ylabel("每 100 笔抽查销售的问题数")  # [zh]
ax.set_title("内部审计发现的问题，按季度和类别")  # [zh]
ax.set_xlabel("Quarter")  # [en]
ax.set_ylabel("Findings per 100 sales checked")  # [en]
ax.set_title("Internal audit findings by quarter and category")  # [en]
plt.tight_layout()
plt.show()

# %%
per_100.sum(axis=1).round(1)

# %% [markdown] lang="zh"
# 问题数随着两批支行相继上线逐季下降，之后稳定在一个较低的水平。风险不匹配一类完全消失；剩下的主要是与系统无关的单据问题。这说明改善来自系统控制本身，而不是审计放松了标准：单据问题的比例前后基本不变。

# %% [markdown] lang="en"
# Findings fall quarter by quarter as the two waves go live, and then settle at a low level. Suitability mismatches disappear entirely; what is left is mostly paperwork, which the system does not touch. That the documentation findings stay about the same before and after suggests the improvement comes from the system controls themselves, not from audit relaxing its standards.

# %% [markdown] lang="zh"
# ## 分析四：系统拦截之后，还有什么漏洞？
#
# 拦截只检查"此刻"客户的等级与产品的等级。如果客户在被拦截后很快被"重新测评"到更高的等级，再买同一款产品，系统就会放行。
# 找出这种情况：同一客户、同一产品，先被拦截，7 天内又完成了购买。

# %% [markdown] lang="en"
# ## Analysis 4: what gap is left once the system blocks?
#
# The block compares the customer's level with the product's level at that moment. If a customer is "reassessed" to a higher level soon after a block and then buys the same product, the system lets it through.
# Look for this pattern: the same customer and product, first blocked, then sold within 7 days.

# %%
blocked = attempts[attempts.outcome == "blocked"][["customer_id", "product_id", "branch_id", "attempted_at", "customer_level"]]
sold = attempts[attempts.outcome == "sold"][["customer_id", "product_id", "attempted_at", "customer_level", "staff_id"]]
pairs = blocked.merge(sold, on=["customer_id", "product_id"], suffixes=("_blocked", "_sold"))
gap = pairs.attempted_at_sold - pairs.attempted_at_blocked
pairs = pairs[(gap > pd.Timedelta(0)) & (gap <= pd.Timedelta(days=7))]
summary = pd.DataFrame({"blocked": blocked.groupby("branch_id").size(), "sold_within_7_days": pairs.groupby("branch_id").size()}).fillna(0).astype(int)
summary["share"] = (summary.sold_within_7_days / summary.blocked).round(2)
summary.sort_values("share", ascending=False)

# %%
pairs.groupby(["branch_id", "staff_id"]).size().sort_values(ascending=False).head()

# %% [markdown] lang="zh"
# 广州天河支行被拦截的销售中，约三分之二在几天之内"换个等级"又卖成了，而且全部出自两名理财经理之手；其他支行很少出现。等级提升可能是客户情况真的变了，也可能是员工引导客户重新作答，甚至代客户答题，而后者是明确禁止的（《理财公司理财产品销售管理暂行办法》第 25 条）。
# 要分辨二者，需要调阅这些重新测评和销售的录音录像，并把"拦截后短期内重新测评"作为一个固定的监测指标。
#
# **这个分析的局限**：前后对比不是对照实验；这里两批支行错开上线，提供了一定的对照，但同一时期的其他变化（培训、人员调动）仍可能起作用。审计抽查也有抽样误差，单个季度的数字不宜过度解读。

# %% [markdown] lang="en"
# At Guangzhou Tianhe about two thirds of the blocked sales went through a few days later "at a new level", all of them handled by two wealth advisors; at the other branches this is rare. A higher level may reflect a real change in the customer's situation, or staff steering the customer's answers, or even answering for the customer; the latter is expressly prohibited (Interim Measures on the Sale of Wealth Products by Wealth Management Companies, Article 25).
# Telling them apart means reviewing the recordings of these reassessments and sales, and making "reassessment shortly after a block" a standing monitoring indicator.
#
# **The limits of this analysis.** A before/after comparison is not a controlled experiment. The staggered go-live of the two waves gives some comparison, but other changes in the same period (training, staff moves) could still play a part. Audit samples carry sampling error too; do not read too much into a single quarter.

# %% [markdown] lang="zh"
# ## 讨论
#
# 1. 旧系统也会弹出不匹配警告。为什么"警告 + 风险自担声明"的效果远不如"拦截"？
# 2. 录音录像覆盖率接近 100% 之后，怎样才能让这些录音录像真正发挥作用？谁来看、看多少、看什么？
# 3. 分析四中发现的做法，在旧系统下会以什么形式出现？新系统让它变得更容易还是更难发现？
# 4. 上线后的头几个月里，被拦截的尝试还很多。你作为支行行长，会怎样利用这份"被拦截清单"？
#
# ## 本案例支持的课程模块
#
# - **03-suitability**（投资者适当性）：等级匹配规则和系统拦截；
# - **04-recording-cooling-off**（录音录像与冷静期）：双录的范围、专区要求和录音录像的质量；
# - **09-internal-audit**（内部审计）：抽样检查、每百笔问题数和控制效果的检验。

# %% [markdown] lang="en"
# ## Discussion
#
# 1. The old system also warned about a mismatch. Why does "warning plus waiver" work so much worse than a block?
# 2. Once nearly every sale is recorded, what makes the recordings actually useful? Who watches them, how many, and looking for what?
# 3. What form would the practice found in Analysis 4 have taken under the old system? Does the new system make it easier or harder to detect?
# 4. In the first months after go-live many attempts are still blocked. As a branch manager, how would you use this "blocked list"?
#
# ## Course modules this case supports
#
# - **03-suitability**: the matching rule and the system block;
# - **04-recording-cooling-off**: the scope of recording, the sales-zone requirement and the quality of recordings;
# - **09-internal-audit**: sample checks, findings per 100 sales and testing whether a control works.
