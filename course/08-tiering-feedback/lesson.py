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
# # 模块 8：客户分层、客户反馈与投诉处理
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明客户分层和差异化服务的边界：服务方式可以不同，消费者的权利对每一层客户都相同；
# 2. 用满意度调查和回访收集客户反馈，并说明回访名单应当按风险而不是按资产来定；
# 3. 按投诉的复杂程度计算办结时限，找出超期办结和已经超期仍未办结的投诉，并说明为什么要找根源、要求处理人回避。

# %% [markdown] lang="en"
# # Module 8: Customer tiering, feedback and complaint handling
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. state where differentiated service stops: the way we serve may differ between tiers, the consumer's rights are the same in every tier;
# 2. collect customer feedback through satisfaction surveys and follow-up calls, and explain why the call list is set by risk, not by assets;
# 3. work out each complaint's deadline from its complexity, find complaints closed late or already past their deadline while still open, and explain why root causes must be fixed and why handlers must have no interest in the case.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# **客户分层是经营安排，消费者权利不分层。** 银行按资产把客户分为不同层级，为高层级客户配备专属客户经理、优先通道等，这是正常的经营做法。但权利不能分层：
#
# - 银行业保险业消费者享有八项权利：知情权、自主选择权、公平交易权、财产安全权、依法求偿权、受教育权、受尊重权、信息安全权。银行不得夸大收益、隐瞒风险，不得强制捆绑搭售，不得未经同意开通收费服务。
#   *来源：《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）。*
# - 金禾银行据此规定：分层只改变**服务方式**（谁来服务、在哪里服务、提供哪些增值活动），不改变**保护标准**（信息披露、适当性、投诉时限和赔偿）。（这是本课程虚构银行的政策，用于练习。）
#
# **客户反馈：满意度调查和回访。** 反馈是发现问题最直接的途径，回访的重点应当放在风险最高的销售上：
#
# - 向普通投资者销售高风险产品时，应当格外审慎，例如给客户更多考虑时间、增加回访次数。
#   *来源：证监会《证券期货投资者适当性管理办法》第 20 条。*
# - 私募基金的回访在签约之后：投资者先签合同、打款，随后是至少 24 小时的冷静期，其间销售人员不得主动联系投资者；冷静期结束后，由**未参与销售**的员工回访，确认投资者理解产品和风险、确实愿意投资；回访确认之前，投资者可以解除合同、取回款项。
#   *来源：基金业协会《私募投资基金募集行为管理办法》（2016 年）第 29–31 条。*
# - 反馈要由与销售无利益关系的人收集：2013 年起，英国劳埃德银行的网点季度奖金（占奖金总额的一半）改为依据客户反馈发放，而这些反馈由另外的员工收集。
#   *来源：thisismoney.co.uk 的报道。*
#
# **投诉处理的时限和要求。**
#
# - 《银行业保险业消费投诉处理管理办法》于 2020 年 1 月 17 日发布，2020 年 3 月 1 日施行，共 45 条。一般投诉应在 **15 日**内办结；情况复杂的可延长至 **30 日**；特别复杂的，经批准可再延长 **30 日**。办法还要求分析投诉根源并整改、追究责任，与投诉有利害关系的人员应当回避。
#   *来源：《银行业保险业消费投诉处理管理办法》（2020 年 3 月 1 日施行）。*
# - 在本课程的数据中，办结时限从受理日起按自然日计算：一般 15 天，复杂 30 天，特别复杂 60 天（30 天加经批准延长的 30 天）。
#
# 为什么要有这些规则？投诉是客户最后的求助渠道。如果小客户的投诉可以拖、可以敷衍，银行就会对一大批客户失去纠错能力；如果经办销售的员工自己处理投诉，问题很可能被掩盖；如果只逐件了结而不找根源，同样的问题会在下一位客户身上重演。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# **Tiering is a business arrangement; consumer rights are not tiered.** Banks group customers into tiers by assets and give higher tiers a dedicated relationship manager, priority queues and the like. That is normal business practice. Rights, however, cannot be tiered:
#
# - Consumers of banking and insurance services hold eight rights: to be informed, to choose freely, to fair dealing, to the safety of their property, to claims and redress, to education, to respect, and to the security of their information. Banks may not exaggerate returns or hide risks, may not force bundled sales, and may not switch on paid services without consent.
#   *Source: Measures for the Protection of Consumer Rights and Interests by Banking and Insurance Institutions (in force 1 March 2023).*
# - Jinhe Bank's policy follows from this: a tier changes **how we serve** (who serves, where, which extra events are offered), never **the standard of protection** (disclosure, suitability, complaint deadlines and redress). (This is the policy of the course's fictional bank, for practice.)
#
# **Customer feedback: satisfaction surveys and follow-up calls.** Feedback is the most direct way to find problems, and follow-up calls belong where the risk is highest:
#
# - Selling high-risk products to ordinary investors requires extra care, such as more time to decide and more follow-up calls.
#   *Source: CSRC, Measures for the Suitability Management of Securities and Futures Investors, Article 20.*
# - For private funds the follow-up call comes after signing: the investor signs and pays first; then comes a cooling-off period of at least 24 hours, during which the seller may not take the initiative to contact the investor; after it, staff **not involved in the sale** call to confirm that the investor understands the product and its risks and really wants to invest; until that call confirms it, the investor may rescind the contract and get the money back.
#   *Source: Asset Management Association of China, Measures on Fundraising by Private Investment Funds (2016), Articles 29–31.*
# - Feedback should be collected by people with no stake in the sale: from 2013, the quarterly branch bonus at Lloyds in the UK, half of the total bonus, was based on customer feedback collected by separate staff.
#   *Source: report in thisismoney.co.uk.*
#
# **Deadlines and duties in complaint handling.**
#
# - The Measures on Handling Consumer Complaints in Banking and Insurance were issued on 17 January 2020 and took effect on 1 March 2020, with 45 articles. A simple complaint must be closed within **15 days**; a complex one may take up to **30 days**; an especially complex one may take **30 more days** with approval. The measures also require the root cause to be analysed and fixed, accountability, and handlers with an interest in the case to stand aside.
#   *Source: Measures on Handling Consumer Complaints in Banking and Insurance (in force 1 March 2020).*
# - In this course's data the deadline runs in calendar days from the date received: 15 days for simple, 30 for complex and 60 for especially complex complaints (30 days plus the approved 30-day extension).
#
# Why do these rules exist? A complaint is the customer's last resort. If small customers' complaints may be delayed or brushed off, the bank loses its ability to put things right for a large group of people; if the employee who made the sale handles the complaint, the problem is likely to be covered up; and if complaints are only settled one by one without finding the root cause, the same problem happens again to the next customer.

# %% [markdown] lang="zh"
# ## 实例一：客户分层与回访名单
#
# 先载入金禾银行的数据（虚构数据，不涉及任何真实客户），看看三个层级各有多少客户、资产区间如何。
# 金禾银行的分层标准是：大众客户（mass）资产低于 50 万元；富裕客户（affluent）50 万元至不足 600 万元；私人银行客户（private）600 万元及以上。每个区间**包含下限、不包含上限**。

# %% [markdown] lang="en"
# ## Worked example 1: tiers and the follow-up call list
#
# First load Jinhe Bank's data (fictional; no real customer appears in it) and see how many customers each of the three tiers holds and what their asset ranges are.
# Jinhe Bank's bands: mass customers hold less than 500,000 CNY; affluent customers from 500,000 to under 6,000,000 CNY; private banking customers 6,000,000 CNY and more. Each band **includes its lower bound and excludes its upper bound**.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
customers, complaints = bank.customers, bank.complaints
TIERS = ["mass", "affluent", "private"]
customers.groupby("tier").assets_cny.agg(["count", "min", "max"]).reindex(TIERS)

# %% [markdown] lang="zh"
# 假设回访只安排给富裕和私人银行客户，会漏掉多少高风险销售？下面统计 R4、R5 产品的销售落在哪个层级。

# %% [markdown] lang="en"
# Suppose follow-up calls went only to affluent and private banking customers: how many high-risk sales would be missed? Below we count which tier the sales of R4 and R5 products fall in.

# %%
tier_of = customers.set_index("customer_id").tier
product_level = bank.sales.product_id.map(bank.products.set_index("product_id").risk_level.str[1].astype(int))
high_risk = bank.sales[product_level >= 4]
by_tier = high_risk.customer_id.map(tier_of).value_counts().reindex(TIERS)
missed = by_tier["mass"] / by_tier.sum()
print(f"R4、R5 产品共销售 {by_tier.sum()} 笔，其中 {missed:.0%} 卖给了大众客户。")  # [zh]
print(f"{by_tier.sum()} sales of R4 and R5 products; {missed:.0%} of them went to mass customers.")  # [en]

# %%
names = {"mass": "大众客户", "affluent": "富裕客户", "private": "私人银行客户"}  # [zh]
names = {"mass": "Mass", "affluent": "Affluent", "private": "Private banking"}  # [en]
ax = by_tier.rename(names).plot.bar(color=["#b03a2e", "#5d6d7e", "#5d6d7e"], figsize=(6, 3.5), rot=0)
ax.set_title("R4、R5 产品的销售笔数（按客户层级）")  # [zh]
ax.set_ylabel("销售笔数")  # [zh]
ax.set_title("Sales of R4 and R5 products by customer tier")  # [en]
ax.set_ylabel("Number of sales")  # [en]
ax.set_xlabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 大约四分之三的高风险销售卖给了大众客户。按资产决定回访名单，恰恰会漏掉最需要回访的人。回访名单应当按**风险**确定：高风险产品、65 岁及以上的客户、投诉后仍不满意的客户，不论层级。

# %% [markdown] lang="en"
# About three quarters of the high-risk sales went to mass customers. A call list set by assets would leave out exactly the people who most need a call. Set the list by **risk**: high-risk products, customers aged 65 and over, customers still dissatisfied after a complaint, whatever their tier.

# %% [markdown] lang="zh"
# ## 实例二：投诉是否按时办结
#
# 每件投诉的办结时限由复杂程度决定。先算出每件投诉的截止日期，再比较已办结投诉的办结日期：

# %% [markdown] lang="en"
# ## Worked example 2: were complaints closed on time?
#
# Each complaint's deadline depends on its complexity. First work out each complaint's due date, then compare it with the closing date of the complaints already closed:

# %%
deadline_days = complaints.complexity.map({"simple": 15, "complex": 30, "especially_complex": 60})
due = complaints.received_at + pd.to_timedelta(deadline_days, unit="D")
closed = complaints.closed_at.notna()
handled = complaints[closed].assign(tier=complaints.customer_id.map(tier_of), closed_late=complaints.closed_at > due)
print(f"已办结 {closed.sum()} 件，其中超期办结 {handled.closed_late.sum()} 件；另有 {(~closed).sum()} 件截至 {bankdata.AS_OF:%Y-%m-%d} 尚未办结。")  # [zh]
print(f"{closed.sum()} complaints closed, {handled.closed_late.sum()} of them late; {(~closed).sum()} more were still open on {bankdata.AS_OF:%Y-%m-%d}.")  # [en]

# %% [markdown] lang="zh"
# 再按客户层级比较超期办结的比例。如果某一层级明显更高，说明这一层级的客户没有得到同样的保护：

# %% [markdown] lang="en"
# Now compare the share closed late across tiers. A clearly higher share in one tier would mean its customers are not getting the same protection:

# %%
late_by_tier = handled.groupby("tier").closed_late.agg(["mean", "size"]).reindex(TIERS)
ax = late_by_tier["mean"].mul(100).rename(names).plot.barh(color="#b03a2e", figsize=(7, 3))
for y, n in enumerate(late_by_tier["size"]):
    ax.annotate(f"n = {n}", (1, y), va="center", color="white")
ax.set_title("超期办结的投诉占比（按客户层级）")  # [zh]
ax.set_xlabel("超期办结占比（%）")  # [zh]
ax.set_title("Complaints closed late, by customer tier")  # [en]
ax.set_xlabel("Share closed late (%)")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 两点值得注意。第一，富裕客户的超期比例高于大众客户，说明超期与层级无关：时限对谁都一样，问题在流程。第二，私人银行客户只有一件已办结的投诉，一件投诉得出的 100% 不能说明任何规律；看比例时一定要同时看样本数。
#
# 时限只是底线。客户的满意度调查告诉我们处理结果是否真正解决了问题；满意度为 1 或 2 分的客户应当安排回访：

# %% [markdown] lang="en"
# Two points stand out. First, affluent customers' complaints were closed late more often than mass customers', so lateness is not a privilege of any tier: the deadline is the same for everyone and the problem lies in the process. Second, private banking customers have only one closed complaint; a 100% built on one complaint shows no pattern. Always read a share together with its count.
#
# The deadline is only the floor. The satisfaction survey tells us whether the outcome really solved the problem; customers who scored it 1 or 2 should get a follow-up call:

# %%
unhappy = handled[handled.satisfaction <= 2]
print(f"需要回访的不满意客户：{unhappy.customer_id.nunique()} 位（占已办结投诉的 {len(unhappy) / len(handled):.0%}）")  # [zh]
print(f"Dissatisfied customers to call back: {unhappy.customer_id.nunique()} ({len(unhappy) / len(handled):.0%} of closed complaints)")  # [en]

# %% [markdown] lang="zh"
# ## 实例三：从逐件处理到找根源
#
# 逐件办结只是第一步。把**成立**的投诉按类别汇总，才能看出问题集中在哪里，整改才能对准根源：

# %% [markdown] lang="en"
# ## Worked example 3: from single cases to root causes
#
# Closing each complaint is only the first step. Grouping the **upheld** complaints by category shows where the problems concentrate, so that the fix targets the root cause:

# %%
complaints[complaints.upheld].category.value_counts()

# %% [markdown] lang="zh"
# 费用类和销售误导类成立的投诉最多。对费用类投诉，根源整改意味着核对每只产品说明书中披露的费率与实际收取的费率是否一致，而不是给每位投诉客户单独退一笔钱了事；对销售误导类投诉，则要查看相关销售的录音录像和话术，找出是哪些员工、哪些产品、哪种说法出了问题，再针对性地培训和纠正。

# %% [markdown] lang="en"
# Fees and mis-selling lead the upheld complaints. For fee complaints, fixing the root cause means checking whether the fee stated in each product's disclosure matches the fee actually charged, rather than refunding each complainant separately and moving on. For mis-selling, it means reviewing the recordings and sales pitches behind the complaints to find which staff, products and statements went wrong, then retraining and correcting them.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **区间边界弄反**：资产恰好 50 万元的客户属于富裕客户。`pd.cut` 默认区间是"左开右闭"（包含上限），用它分层时要改成包含下限、不包含上限。
# - **最高层级没有上限**：只把各层级的下限当作切分点，最高一档的客户会落在所有区间之外，变成空值。
# - **所有投诉都按 15 天算**：复杂和特别复杂的投诉时限更长，一律按 15 天会把按时办结的投诉误判为超期。
# - **正好在截止日办结算超期**：截止日当天办结是按时的，超期是"晚于"截止日。
# - **漏掉仍未办结的投诉**：截至今天已经超过截止日却还没办结的投诉，已经超期了，不能因为 `closed_at` 为空就忽略。
# - **让卖出产品的员工做回访，或把私募基金的回访提前**：回访和满意度调查由未参与销售的员工进行；私募基金的回访在签约打款和至少 24 小时的冷静期之后，不在签约之前。
# - **让经办销售的员工处理投诉**：他与投诉有利害关系，应当回避。
# - **按层级安排投诉的先后**：私人银行客户可以有专属的联系人，但调查标准、时限和赔偿与大众客户完全相同。
#
# ## 小结
#
# 分层决定服务方式，不决定权利；回访名单按风险而不是按资产确定；每件投诉按复杂程度在时限内办结，由无利害关系的人处理，成立的投诉要追到根源。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Band edges the wrong way round**: a customer with exactly 500,000 CNY is affluent. `pd.cut` by default makes bands open on the left and closed on the right (the upper bound is included); for tiering, make them include the lower bound and exclude the upper bound.
# - **No upper end for the top tier**: using only the tiers' lower bounds as cut points leaves the top tier's customers outside every band, as missing values.
# - **Giving every complaint 15 days**: complex and especially complex complaints have longer deadlines; using 15 days for all of them marks on-time complaints as late.
# - **Counting a complaint closed on its due date as late**: closing on the due date is on time; late means *after* the due date.
# - **Forgetting open complaints**: a complaint that is past its due date today and still open is already late; an empty `closed_at` is no reason to skip it.
# - **Letting the seller make the follow-up call, or bringing a private fund's call forward**: calls and surveys are made by staff not involved in the sale, and a private fund's call comes after signing, payment and a cooling-off period of at least 24 hours, never before signing.
# - **Letting the seller handle the complaint**: the employee who made the sale has an interest in the case and must stand aside.
# - **Ordering complaints by tier**: a private banking customer may have a dedicated contact, but the investigation standard, the deadline and the redress are exactly those of a mass customer.
#
# ## Summary
#
# A tier sets the way we serve, not the rights a customer has; the follow-up call list is set by risk, not by assets; each complaint is closed within the deadline for its complexity, by someone with no interest in it, and upheld complaints are traced to their root cause. Now work through this module's exercise.
