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
# # 模块 1：销售流程与服务标准
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说出标准销售流程的六个步骤，以及每一步为什么不能省略；
# 2. 在客户关系管理系统（CRM）的事件日志中找出跳过了步骤的销售机会；
# 3. 计算客户工单的首次回复用时，找出超过 24 小时的回复超时。

# %% [markdown] lang="en"
# # Module 1: The sales process and service standards
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. name the six steps of the standard sales process and say why none of them may be skipped;
# 2. find the sales opportunities in the customer relationship management (CRM) event log that skipped a step;
# 3. measure how long customers waited for a first reply, and find the replies that took longer than 24 hours.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 金禾银行的每一个销售机会都要依次走完六个步骤，每一步在 CRM 中留下一条事件记录：
#
# **接触客户 → 需求分析 → 风险测评 → 产品推荐 → 成交 → 售后服务**
#
# 这套流程和下文的 24 小时回复标准是本课程虚构银行的内部制度，用于练习；但其中几步直接对应监管规则：
#
# - **风险测评必须在推荐之前完成。** 不得向客户销售超出其风险等级的产品，也不得代客户做风险测评或代为签字。没有测评就推荐，等于无法证明产品适合客户。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
#   银行代销产品时，现行规则还对老年客户和限制民事行为能力人有专门的保护措施。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6号，2025 年 10 月 1 日起施行），国家金融监督管理总局。*
#   这些要求由来已久：最早提出"产品风险等级必须与客户风险等级对应"，以及"客户首次风险测评在网点进行，要考虑年龄、财务状况、投资经验、投资目的、收益预期、风险偏好、流动性需求和承受损失的能力，结果由客户本人签字"的，是原银监会 2011 年的《商业银行理财产品销售管理办法》。该办法已被 2018 年的《商业银行理财业务监督管理办法》及其附件取代，这里只说明要求的由来。
#   *来源：《商业银行理财产品销售管理办法》（银监会令 2011 年第 5 号，历史规则）第 25、28 条。*
# - **售后服务也是规则的一部分。** 私募理财产品在客户签署销售文件后有不少于 24 小时的冷静期，客户改变主意的，银行须解除合同、全额退款。
#   *来源：《商业银行理财业务监督管理办法》（2018 年 9 月 28 日施行）附件《商业银行理财产品销售管理要求》。*
#   向普通投资者销售高风险产品时须格外审慎，例如给客户更多考虑时间、增加回访次数。
#   *来源：证监会《证券期货投资者适当性管理办法》第 20 条。*
# - **销售过程要能事后回溯。** 2025 年 3 月 21 日发布、2025 年 10 月 1 日起施行的《商业银行代理销售业务管理办法》要求代销业务通过代销业务系统办理（第 9 条），并要求销售过程可回溯。完整的 CRM 事件日志正是回溯的基础。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6号）。*
#
# **服务标准**：客户通过任何渠道提出的咨询、问题或投诉，都要在工单创建后 **24 小时内**首次回复。首次回复不等于问题已经解决，而是让客户知道有人在处理、什么时候会有答复。投诉还另有处理时限，例如简单投诉须在 15 日内办结。
# *来源：《银行业保险业消费投诉处理管理办法》（2020 年 3 月 1 日施行）。*
# 客户的知情权也是《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）列出的八项消费者权利之一：客户在做决定之前问的问题，应当及时得到答复。
#
# 为什么不能省步骤？跳过需求分析，推荐的产品可能与客户的用途、期限和流动性需求不符；跳过风险测评，就可能把高风险产品卖给承受不了损失的人；跳过售后，客户可能不知道自己还有冷静期，也没人在产品波动时向他解释。回复拖延，则可能让一个简单的问题演变成投诉。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Every sales opportunity at Jinhe Bank goes through six steps in order, and each step leaves an event in the CRM:
#
# **contact → needs analysis → risk assessment → recommendation → closing → after-sales**
#
# This process and the 24-hour reply standard below are internal policies of the course's fictional bank, for practice; but several of the steps come straight from the rules:
#
# - **The risk assessment comes before any recommendation.** No selling above the customer's risk level, and no taking the risk test or signing for the customer. Recommending without an assessment means nobody can show that the product suits the customer.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
#   When a bank sells products as agent, the rules in force add targeted protections for elderly customers and for people with limited legal capacity.
#   *Source: Measures on Agency Sales by Commercial Banks (Jin Gui [2025] No. 6, in force since 1 October 2025), National Financial Regulatory Administration.*
#   These requirements go back a long way. The rule that first required the product's risk level to map to the customer's, and a customer's first risk assessment to happen in a branch, weighing age, finances, investment experience, purpose, return expectations, risk preference, liquidity needs and capacity to bear losses, with the customer signing the result, was the former CBRC's 2011 measures on the sale of commercial banks' wealth products. They were superseded by the 2018 Measures for the Supervision of Commercial Banks' Wealth Management Business and their annex, and are cited here only as the origin of these requirements.
#   *Source: CBRC Order 2011 No. 5, Articles 25 and 28 (no longer in force).*
# - **After-sales is part of the rules too.** Private wealth products carry a cooling-off period of at least 24 hours after the customer signs the sales documents; if the customer changes their mind, the bank must rescind the sale and refund everything.
#   *Source: Measures for the Supervision of Commercial Banks' Wealth Management Business (in force 28 September 2018), annex on the sale of wealth products.*
#   Selling high-risk products to ordinary investors calls for extra care, such as more time to decide and more follow-up calls.
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors, Article 20.*
# - **A sale must be traceable afterwards.** The Measures on Agency Sales by Commercial Banks, issued on 21 March 2025 and in force from 1 October 2025, require agency sales to go through an agency-sales system (Article 9) and the sales process to be traceable. A complete CRM event log is what makes that possible.
#   *Source: Measures on Agency Sales by Commercial Banks (Jin Gui [2025] No. 6).*
#
# **Service standard**: every enquiry, question or complaint a customer raises, through any channel, gets a first reply **within 24 hours** of the ticket being opened. A first reply does not mean the matter is settled; it tells the customer that someone is on it and when to expect an answer. Complaints also have their own deadlines; a simple complaint, for example, must be closed within 15 days.
# *Source: Measures on Handling Consumer Complaints in Banking and Insurance (in force 1 March 2020).*
# The right to be informed is one of the eight consumer rights in the Measures on Consumer Protection by Banking and Insurance Institutions (in force 1 March 2023): a question a customer asks before deciding deserves a timely answer.
#
# Why may no step be skipped? Without a needs analysis the product may not fit the customer's purpose, horizon or need for cash; without a risk assessment a high-risk product may go to someone who cannot bear the loss; without after-sales the customer may not know about the cooling-off period, and nobody explains when the product's value swings. A slow reply can turn a simple question into a complaint.

# %% [markdown] lang="zh"
# ## 实例一：找出跳过步骤的销售机会
#
# `bank.crm_events` 每行是一个销售机会的一个步骤。数据是虚构的。先看一个完整的销售机会：

# %% [markdown] lang="en"
# ## Worked example 1: opportunities that skipped a step
#
# Each row of `bank.crm_events` is one step of one sales opportunity. The data is fictional. Here is a complete opportunity:

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
events = bank.crm_events
events[events.opportunity_id == "O00001"]

# %% [markdown] lang="zh"
# 把日志整理成"销售机会 × 步骤"的交叉表，每个格子是该步骤的记录条数，0 就表示缺了这一步。`bankdata.PROCESS_STEPS` 给出六个步骤的标准顺序：

# %% [markdown] lang="en"
# Turn the log into an opportunity-by-step table in which each cell counts the events of that step; a 0 means the step is missing. `bankdata.PROCESS_STEPS` lists the six steps in their standard order:

# %%
done = pd.crosstab(events.opportunity_id, events.step).reindex(columns=bankdata.PROCESS_STEPS, fill_value=0)
missing_by_step = done.eq(0).sum()
print(f"共 {len(done)} 个销售机会，其中 {done.eq(0).any(axis=1).sum()} 个缺少至少一个步骤。")  # [zh]
print(f"{done.eq(0).any(axis=1).sum()} of {len(done)} opportunities lack at least one step.")  # [en]

# %%
STEP_NAMES = {"contact": "接触客户", "needs_analysis": "需求分析", "risk_assessment": "风险测评", "recommendation": "产品推荐", "closing": "成交", "after_sales": "售后服务"}  # [zh]
STEP_NAMES = {"contact": "Contact", "needs_analysis": "Needs analysis", "risk_assessment": "Risk assessment", "recommendation": "Recommendation", "closing": "Closing", "after_sales": "After-sales"}  # [en]
ax = missing_by_step.rename(index=STEP_NAMES).iloc[::-1].plot.barh(color="#b03a2e", figsize=(7, 3.2))
ax.set_title("各步骤被跳过的销售机会数")  # [zh]
ax.set_xlabel("销售机会数")  # [zh]
ax.set_title("Opportunities that skipped each step")  # [en]
ax.set_xlabel("Number of opportunities")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 跳过最多的是风险测评，其次是需求分析和售后服务。最要紧的问题是：没有风险测评的销售机会，最后成交了吗？

# %% [markdown] lang="en"
# The risk assessment is skipped most often, followed by the needs analysis and after-sales. The pressing question: did the opportunities without a risk assessment end in a sale?

# %%
no_assessment = done[done.risk_assessment.eq(0)]
closed = no_assessment.closing.gt(0).sum()
print(f"{len(no_assessment)} 个销售机会没有风险测评，其中 {closed} 个已经成交，应交合规部门复核。")  # [zh]
print(f"{len(no_assessment)} opportunities had no risk assessment, and {closed} of them closed: compliance should review them.")  # [en]

# %% [markdown] lang="zh"
# 为什么不直接数每个销售机会有几行记录？因为真实的日志里，同一步骤可能出现两次，例如两次联系客户才约到面谈。一个机会有六行记录，不代表六个步骤都在。要看的是**每个标准步骤是否至少出现过一次**。
#
# ## 实例二：首次回复是否超过 24 小时
#
# `bank.crm_tickets` 每行是一张客户工单，记录了创建时间 `opened_at` 和首次回复时间 `first_response_at`。两者相减得到一个时间差（`Timedelta`），再换算成小时：

# %% [markdown] lang="en"
# Why not just count the rows of each opportunity? Because in a real log the same step can appear twice, for example when it takes two calls to reach the customer. Six rows do not prove that all six steps happened. What matters is whether **each standard step appears at least once**.
#
# ## Worked example 2: was the first reply later than 24 hours?
#
# Each row of `bank.crm_tickets` is a customer ticket, with the time it was opened, `opened_at`, and the time of the first reply, `first_response_at`. Subtracting them gives a time difference (a `Timedelta`), which we turn into hours:

# %%
tickets = bank.crm_tickets
waited = tickets.first_response_at - tickets.opened_at
hours = waited.dt.total_seconds() / 3600
late = hours > 24
print(f"{late.sum()} 张工单的首次回复超过 24 小时，占 {late.mean():.1%}。")  # [zh]
print(f"{late.sum()} tickets got their first reply after more than 24 hours, {late.mean():.1%} of all.")  # [en]

# %%
fig, ax = plt.subplots(figsize=(7, 3.2))
ax.hist(hours, bins=range(0, 100, 4), color="#2e5c8a")
ax.axvline(24, color="#b03a2e", linestyle="--")
ax.set_title("首次回复用时（红线：24 小时标准）")  # [zh]
ax.set_xlabel("小时")  # [zh]
ax.set_ylabel("工单数")  # [zh]
ax.set_title("Time to first reply (red line: the 24-hour standard)")  # [en]
ax.set_xlabel("Hours")  # [en]
ax.set_ylabel("Number of tickets")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 大多数工单在几个小时内就得到了回复，但 24 小时线右边拖着一条长尾：这些客户等了一天到四天。再按渠道看超时比例：

# %% [markdown] lang="en"
# Most tickets are answered within a few hours, but a long tail stretches to the right of the 24-hour line: those customers waited one to four days. The late share by channel:

# %%
late.groupby(tickets.channel).mean().round(3)

# %% [markdown] lang="zh"
# 换算小时要用 `.dt.total_seconds()`。`Timedelta` 的 `.seconds` 属性只返回**不足一天的那部分**秒数，整天数被丢掉了：

# %% [markdown] lang="en"
# Convert to hours with `.dt.total_seconds()`. The `.seconds` attribute of a `Timedelta` returns only the seconds **left over after whole days**; the days are dropped:

# %%
thirty_hours = pd.Timedelta(hours=30)
print(f"用 total_seconds() 换算：{thirty_hours.total_seconds() / 3600:g} 小时；用 .seconds 换算：{thirty_hours.seconds / 3600:g} 小时")  # [zh]
print(f"With total_seconds(): {thirty_hours.total_seconds() / 3600:g} hours; with .seconds: {thirty_hours.seconds / 3600:g} hours")  # [en]

# %% [markdown] lang="zh"
# 等了 30 小时的客户，用 `.seconds` 算出来只等了 6 小时，超时就这样被"算没了"。
#
# ## 常见错误
#
# - **数行数而不是数步骤**：同一步骤可能记录两次，六行记录不等于六个步骤齐全。
# - **只查风险测评**：它被跳过得最多，但需求分析和售后服务同样是必经步骤。
# - **把 24 小时写成 `>=`**：恰好 24 小时回复的工单是达标的，超过 24 小时才算超时。
# - **用 `.dt.seconds` 换算**：它丢掉了整天数，几乎所有超时都会被漏掉。
# - **事后补录**：为了让流程"看起来完整"而补登没有发生过的步骤，是弄虚作假。发现遗漏，应当如实报告，并补做对客户真正有意义的工作，例如请客户本人完成风险测评、复核已成交的产品是否匹配。
#
# ## 小结
#
# 六个步骤缺一不可，其中风险测评必须在推荐之前、由客户本人完成；CRM 日志要完整，销售才能事后回溯；客户的每个问题都应在 24 小时内得到首次回复。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# A customer who waited 30 hours shows up as 6 hours with `.seconds`, and the late reply disappears from the count.
#
# ## Common pitfalls
#
# - **Counting rows instead of steps**: a step can be logged twice, so six rows do not mean six steps.
# - **Checking only the risk assessment**: it is skipped most often, but the needs analysis and after-sales are just as mandatory.
# - **Writing the 24 hours as `>=`**: a ticket answered in exactly 24 hours meets the standard; only more than 24 hours is late.
# - **Converting with `.dt.seconds`**: it drops the whole days, so nearly every late reply is missed.
# - **Filling in the log afterwards**: recording steps that never happened, to make the process look complete, is falsification. Report a gap honestly and do the work that matters to the customer, such as having the customer take the risk assessment personally and checking whether what they bought suits them.
#
# ## Summary
#
# None of the six steps may be skipped, and the risk assessment must come before the recommendation, taken by the customer personally; a complete CRM log makes a sale traceable afterwards; and every customer question gets a first reply within 24 hours. Now work through this module's exercise.
