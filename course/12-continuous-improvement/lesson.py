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
# # 模块 12：客户教育与持续改进
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 用"计划—执行—检查—处理"（PDCA）循环，把投诉变成对根本原因的改进；
# 2. 用帕累托分析找出占成立投诉大多数的少数几类原因；
# 3. 从通话记录中发现客户的认识误区，作为客户教育的起点，并向客户讲清“收益越高、风险越高”和“业绩比较基准不是承诺”；
# 4. 用"前后对比 + 对照组"（双重差分）检查培训是否改变了员工行为，并诚实地说明这种比较能证明什么、不能证明什么。

# %% [markdown] lang="en"
# # Module 12: Customer education and continuous improvement
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. use the plan-do-check-act (PDCA) cycle to turn complaints into fixes of their root causes;
# 2. use a Pareto analysis to find the few causes behind most upheld complaints;
# 3. find customers' misunderstandings in call transcripts, as a starting point for customer education, and explain to a customer that higher return means higher risk and that a performance benchmark is not a promise;
# 4. check whether training changed staff behaviour with a before/after comparison against an untrained group (difference in differences), and say honestly what such a comparison can and cannot prove.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 合规销售不是一次性的项目。规则、产品和人都在变，银行要不断检查做法是否有效，并据此调整。
#
# - 投诉处理不能止于个案：办法要求银行分析投诉的**根本原因**并整改、追究责任，处理投诉的人员须与该投诉没有利害关系（回避）。简单投诉应在 **15 日**内办结。
#   *来源：《银行业保险业消费投诉处理管理办法》（2020 年 1 月 17 日发布，2020 年 3 月 1 日施行）。*
# - 消费者享有八项权利：知情权、自主选择权、公平交易权、财产安全权、依法求偿权、**受教育权**、受尊重权和信息安全权。受教育权意味着银行有责任帮助客户提高金融素养和风险意识；办法同时禁止夸大收益、隐瞒风险。
#   *来源：《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）。*
# - 讲收益时不能越界：现行销售规则禁止预测和宣传"预期收益"、展示业绩比较基准却不说明其依据、把理财产品说成存款，以及任何明示或暗示的保本保收益。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 培训要持续进行，而不是入职时学一次：例如美国 FINRA 自 2023 年起要求持牌人员**每年**在 12 月 31 日前完成监管类继续教育，逾期即失去执业资格（"CE inactive"）。
#   *来源：FINRA 信息通知（2024 年 7 月 12 日）。*
# - 改了还要查：英国 FSA 于 2013 年 1 月发布关于销售激励的指引 FG13/1；FCA 在 2014 年 3 月的跟踪检查（TR14/4）中发现，最大的几家零售银行都已更换或修改了激励方案，但仍有约**十分之一**的机构对高风险激励安排管理不善。
#   *来源：FCA，FG13/1（2013 年 1 月 16 日）及 TR14/4（2014 年 3 月）。*
# - 文化会反弹：英国 TSB 在 2013–2015 年间取消了销售指标、奖金和网点排行榜，改以服务和客户满意度奖励员工；但 2020 年工会报告说，销售压力又回来了。
#   *来源：Daily Mail、Evening Standard 关于 TSB 改革的报道；2020 年工会的报告。*
#
# **PDCA 循环**是把这些要求串起来的简单方法：**计划**（找出根本原因，定下改进措施和衡量指标）→ **执行**（先在一部分范围试行）→ **检查**（用数据比较改进前后，最好有对照组）→ **处理**（有效就推广为标准，无效就修改），然后开始下一轮。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Compliant selling is not a one-off project. Rules, products and people change, so a bank must keep checking whether its practices work and adjust them.
#
# - Complaint handling must not stop at the single case: banks must analyse the **root causes** of complaints, fix them and hold people accountable, and whoever handles a complaint must have no interest in it (recusal). Simple complaints are closed within **15 days**.
#   *Source: Measures on the Handling of Consumer Complaints in Banking and Insurance (issued 17 January 2020, in force 1 March 2020).*
# - Consumers have eight rights: to be informed, to choose freely, to fair dealing, to the safety of their property, to seek redress, to **education**, to respect, and to the security of their information. The right to education means banks have a duty to help customers build financial literacy and risk awareness; the same measures forbid exaggerating returns or hiding risks.
#   *Source: Measures on the Protection of Consumer Rights by Banking and Insurance Institutions (in force 1 March 2023).*
# - Talking about returns has limits: the sales rules in force ban forecasting and advertising "expected returns", showing a performance benchmark without its basis, presenting a wealth product as if it were a deposit, and any explicit or implicit guarantee of principal or return.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - Training is continuous, not something learned once on joining: since 2023, for example, FINRA requires registered persons to complete the Regulatory Element of continuing education **every year** by 31 December, or become "CE inactive".
#   *Source: FINRA Information Notice, 12 July 2024.*
# - A change has to be checked: the UK FSA issued its guidance FG13/1 on sales incentives in January 2013; the FCA's follow-up review (TR14/4, March 2014) found that all the largest retail banks had replaced or changed their schemes, but about **1 in 10** firms still managed high-risk incentive features poorly.
#   *Source: FCA, FG13/1 (16 January 2013) and TR14/4 (March 2014).*
# - Culture can slide back: from 2013 to 2015 TSB in the UK scrapped sales targets, bonuses and branch league tables and rewarded staff on service and customer satisfaction; yet in 2020 the staff union reported that sales pressure was returning.
#   *Source: Daily Mail and Evening Standard reports on TSB's reform; the union's 2020 report.*
#
# The **PDCA cycle** is a simple way to tie these together: **plan** (find the root cause, choose a fix and a measure) → **do** (try it first in part of the bank) → **check** (compare before and after with data, ideally against a comparison group) → **act** (make it the standard if it works, revise it if not), then start the next round.

# %% [markdown] lang="zh"
# ## 实例一：投诉原因的帕累托分析（计划）
#
# 只看**成立**的投诉：不成立的投诉说明客户有疑问，但不说明银行做错了。按类别计数，从多到少排列，再算累计占比。数据是虚构的。

# %% [markdown] lang="en"
# ## Worked example 1: a Pareto of complaint causes (plan)
#
# Look only at **upheld** complaints: a complaint that was not upheld shows a customer had a concern, not that the bank did something wrong. Count by category, sort from most to fewest, then add the cumulative share. The data is fictional.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
upheld = bank.complaints[bank.complaints.upheld]
pareto = upheld.category.value_counts().to_frame("count")
pareto["share"] = pareto["count"] / pareto["count"].sum()
pareto["cumulative_share"] = pareto.share.cumsum()
print(f"{len(bank.complaints)} 件投诉中，{len(upheld)} 件成立。")  # [zh]
print(f"Of {len(bank.complaints)} complaints, {len(upheld)} were upheld.")  # [en]
pareto.round(3)

# %%
names = {"fees": "费用", "mis_selling": "销售误导", "service": "服务", "recording": "双录", "other": "其他", "refund": "退款"}  # [zh]
names = {"fees": "Fees", "mis_selling": "Mis-selling", "service": "Service", "recording": "Recording", "other": "Other", "refund": "Refund"}  # [en]
fig, ax = plt.subplots(figsize=(7, 3.6))
ax.bar([names[c] for c in pareto.index], pareto["count"], color="#2e86c1")
line = ax.twinx()
line.plot([names[c] for c in pareto.index], pareto.cumulative_share * 100, color="#b03a2e", marker="o")
line.axhline(80, color="grey", linestyle="--", linewidth=1)
line.set_ylim(0, 105)
ax.set_title("成立投诉的帕累托图")  # [zh]
ax.set_ylabel("成立投诉件数")  # [zh]
line.set_ylabel("累计占比（%）")  # [zh]
ax.set_title("Pareto chart of upheld complaints")  # [en]
ax.set_ylabel("Upheld complaints")  # [en]
line.set_ylabel("Cumulative share (%)")  # [en]
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 费用、销售误导和服务三类占了成立投诉的八成。改进应先从这三类开始，而在每一类里还要继续问"为什么"：费用投诉是因为费用没讲清楚，还是披露本身少报了费用？
# 类别只是症状，根本原因要到销售记录、录音录像和产品资料里去找。

# %% [markdown] lang="en"
# Fees, mis-selling and service make up 80% of upheld complaints. Improvement starts with these three, and within each one you keep asking "why?": are fee complaints about fees that were not explained, or about disclosures that understate the fee?
# A category is a symptom; the root cause is found in the sales records, the recordings and the product documents.

# %% [markdown] lang="zh"
# ## 实例二：从通话中发现客户的认识误区（客户教育）
#
# 客户问什么，说明客户不懂什么。统计有多少通销售通话中，客户问了"这个能保本吗？"：

# %% [markdown] lang="en"
# ## Worked example 2: customers' misunderstandings in calls (customer education)
#
# What customers ask shows what they do not know. Count the sales calls in which the customer asked "Is my principal guaranteed with this one?":

# %%
lines = bank.transcripts
asks_guarantee = lines.text_en.eq("Is my principal guaranteed with this one?").groupby(lines.call_id).any()
print(f"{asks_guarantee.mean():.0%} 的通话中，客户问到了是否保本（共 {len(asks_guarantee)} 通）。")  # [zh]
print(f"In {asks_guarantee.mean():.0%} of calls the customer asked whether the principal is guaranteed ({len(asks_guarantee)} calls).")  # [en]

# %% [markdown] lang="zh"
# 超过一半的通话里，客户都想知道能否保本。这说明"理财不是存款、可能亏损"这一点客户并没有真正理解。
# 客户教育的内容可以由此而来：用简单的例子说明业绩比较基准不是承诺、净值会波动、冷静期怎么用。每次销售时正确回答一次，也是在做客户教育。
#
# 面对客户时，可以这样讲：
#
# - **收益越高，风险越高**："这款产品可能的收益更高，是因为它承担了更多风险：净值波动更大，可能亏损本金。您能承受多大的亏损、这笔钱多久不用，决定了哪款更适合您。"
# - **业绩比较基准不是承诺**："业绩比较基准是衡量产品表现的参照，不是承诺，也不是预期收益。实际收益看产品净值，可能低于基准，也可能亏损。"这时要向客户说明基准是怎样设定的。
# - **过去不代表未来**：去年的收益不能说明今年的收益；"最高可达"只是最好的情形。
# - **承诺高收益又保本的，要警惕**：收益越高风险越大，没有哪款合规产品能同时保证高收益和本金安全。

# %% [markdown] lang="en"
# In over half the calls the customer wanted to know whether the principal is safe. Customers have not really understood that a wealth product is not a deposit and can lose money.
# That is where customer education material can start: simple examples showing that a performance benchmark is not a promise, that values go up and down, and how the cooling-off period works. Every correct answer in a sale is also a piece of customer education.
#
# With a customer, you might put it like this:
#
# - **Higher return means higher risk**: "This product may earn more because it takes more risk: its value swings more and it can lose money. How much loss you can bear and how long the money can stay invested decide which one suits you."
# - **A performance benchmark is not a promise**: "The benchmark is a yardstick for judging the product, not a promise and not an expected return. What you get depends on the product's value, which can fall short of the benchmark or make a loss." Then show the customer how the benchmark was set.
# - **The past is no guide to the future**: last year's return says nothing certain about this year's, and "up to" describes only the best case.
# - **Be wary of high returns with guaranteed principal**: the higher the return, the higher the risk; no compliant product can promise both a high return and a safe principal.

# %% [markdown] lang="zh"
# ## 实例三：培训改变了员工的行为吗？（检查）
#
# 2025 年 1 月 6 日，约一半员工参加了行为规范培训，另一半没有参加（`staff.trained_on`）。我们选一个行为指标：**须双录的销售（网点渠道、非存款产品）中没有录音录像的比例**，比较培训前后的变化。下表的数字是百分比。

# %% [markdown] lang="en"
# ## Worked example 3: did training change behaviour? (check)
#
# On 6 January 2025 about half the staff took the conduct course; the other half did not (`staff.trained_on`). Choose one behaviour measure, the **share of must-record sales (in-branch, non-deposit) with no recording**, and compare it before and after the course. The table shows percentages.

# %%
training_date = pd.Timestamp("2025-01-06")
product_type = bank.sales.product_id.map(bank.products.set_index("product_id")["type"])
must = bank.sales[bank.sales.channel.eq("branch") & product_type.ne("deposit")].copy()
must["trained"] = must.staff_id.map(bank.staff.set_index("staff_id").trained_on.notna())
must["after"] = must.sold_at >= training_date
must["unrecorded"] = must.recording_id.isna()
table = must.groupby(["trained", "after"]).unrecorded.mean().unstack()
table.index = ["未培训", "已培训"]  # [zh]
table.columns = ["培训前", "培训后"]  # [zh]
table.index = ["untrained", "trained"]  # [en]
table.columns = ["before", "after"]  # [en]
table.mul(100).round(2)

# %% [markdown] lang="zh"
# 只看培训组，无录像率从培训前到培训后下降了。但同一时期，未培训组也在变化（可能是季节、系统、业务量的原因）。**双重差分**用对照组扣除这种共同变化：
#
# 双重差分 =（培训组培训后 − 培训组培训前）−（对照组培训后 − 对照组培训前）

# %% [markdown] lang="en"
# Looking only at the trained group, the unrecorded rate fell from before to after. But over the same period the untrained group changed too (season, systems, workload). The **difference in differences** uses the comparison group to take out that shared change:
#
# difference in differences = (trained after − trained before) − (untrained after − untrained before)

# %%
change = table.iloc[:, 1] - table.iloc[:, 0]
did = change.iloc[1] - change.iloc[0]
print(f"培训组变化 {change.iloc[1] * 100:+.2f} 个百分点，对照组变化 {change.iloc[0] * 100:+.2f} 个百分点，双重差分 {did * 100:+.2f} 个百分点")  # [zh]
print(f"Trained group changed by {change.iloc[1] * 100:+.2f} points, untrained by {change.iloc[0] * 100:+.2f}: difference in differences {did * 100:+.2f} percentage points")  # [en]

# %% [markdown] lang="zh"
# 看起来培训让无录像率多下降了 2 个多百分点。这能说明培训有效吗？先做一个简单的检验：**如果培训组是随便挑的**，这么大的差距有多常见？
# 把"已培训"的标签在 48 名员工之间随机重新分配 1000 次（每次仍是 23 人），每次都算一遍双重差分：

# %% [markdown] lang="en"
# It looks as if training cut the unrecorded rate by more than 2 extra percentage points. Does that show the course worked? First a simple check: **if the trained group had been picked at random**, how common would a gap this size be?
# Reassign the "trained" label among the 48 staff at random 1,000 times (still 23 each time) and compute the difference in differences each time:

# %%
per_staff = must.groupby(["staff_id", "after"]).unrecorded.agg(["sum", "count"]).unstack(fill_value=0)
is_trained = bank.staff.set_index("staff_id").trained_on.notna().reindex(per_staff.index).to_numpy()


def did_for(group):
    def rate(members, after):
        return per_staff[("sum", after)][members].sum() / per_staff[("count", after)][members].sum()
    return (rate(group, True) - rate(group, False)) - (rate(~group, True) - rate(~group, False))


rng = np.random.default_rng(12)
placebo = np.array([did_for(rng.permutation(is_trained)) for _ in range(1000)])
as_large = np.mean(np.abs(placebo) >= abs(did_for(is_trained)))

fig, ax = plt.subplots(figsize=(7, 3.8))
ax.hist(placebo * 100, bins=30, color="#85929e")
ax.axvline(did * 100, color="#b03a2e", linewidth=2)
ax.axvline(-did * 100, color="#b03a2e", linewidth=1, linestyle="--")
ax.set_title("随机指定“已培训”员工时的双重差分\n（红线：实际结果；虚线：大小相同、方向相反）")  # [zh]
ax.set_xlabel("双重差分（百分点）")  # [zh]
ax.set_ylabel("次数")  # [zh]
ax.set_title("Difference in differences with \"trained\" staff picked at random\n(red: actual result; dashed: same size, opposite sign)")  # [en]
ax.set_xlabel("Difference in differences (percentage points)")  # [en]
ax.set_ylabel("Number of draws")  # [en]
plt.tight_layout()
plt.show()
print(f"随机分组中，有 {as_large:.0%} 的双重差分与实际结果一样大或更大。")  # [zh]
print(f"In {as_large:.0%} of random splits the difference in differences is as large as the actual one, or larger.")  # [en]

# %% [markdown] lang="zh"
# 大约每五次随机分组就有一次得到同样大的差距。换句话说，这个结果**完全可能是偶然**。
# 这份数据是虚构的，所以我们知道一件真实银行永远无法确知的事：数据生成程序随机决定谁参加培训，而且**没有**让培训影响双录行为。2 个多百分点的"效果"纯属偶然。
#
# 这个例子说明了前后对比能证明什么、不能证明什么：
#
# - **能**：扣除两组共同经历的变化（季节、系统升级、业务量）后，培训组的变化是否与对照组不同。
# - **不能**单凭它证明因果：
#   - **偶然**：每组每期只有几百笔须双录的销售，几个百分点的波动很常见；
#   - **谁参加培训**：如果是主动报名或由行长挑选，两组员工本来就不一样；
#   - **其他变化**：同期只影响某一组的事（如某网点换了录像设备）也会被算到培训头上；
#   - **指标被"做好看"**：员工可能学会了补录，却没有改变销售方式。
# - **怎样更可信**：分批或随机安排培训；比较培训前几个月两组的走势是否平行；积累更多数据；同时看多个指标（不匹配率、通话中的禁止用语、神秘客户检查），并事先定好指标和评判标准。
#
# 另外，通话记录（`transcripts`）没有日期，只能比较培训后两组说禁止用语的频率，而没有"培训前"，就无法区分培训的作用和两组员工本来的差别：

# %% [markdown] lang="en"
# About one random split in five gives a gap this large. In other words, the result **may well be chance**.
# Because this data is fictional, we know something a real bank never can: the program that generated it chose at random who took the course and gave the course **no** effect on recording. The "effect" of over 2 points is pure chance.
#
# That shows what a before/after comparison can and cannot prove:
#
# - It **can** show whether the trained group changed differently from the comparison group, after taking out changes both groups went through (season, a system upgrade, workload).
# - It **cannot** by itself prove cause and effect, because of:
#   - **chance**: each group has only a few hundred must-record sales per period, so swings of a few points are common;
#   - **who was trained**: if staff volunteered or the branch head chose them, the groups differed from the start;
#   - **other changes**: something that affected only one group at the same time (new recording equipment at one branch) is credited to the course;
#   - **gaming the measure**: staff may learn to make the recording without changing how they sell.
# - **What makes it more convincing**: training in waves or at random; checking that the two groups moved in parallel in the months before the course; more data; several measures at once (mismatch rate, prohibited phrases in calls, mystery shopping), with the measures and the bar for success fixed in advance.
#
# Call transcripts (`transcripts`) have no dates, so they only allow comparing how often each group uses prohibited phrases after the course. With no "before", the effect of the course cannot be told apart from how the two groups differed anyway:

# %%
staff_lines = lines[lines.speaker.eq("staff")]
prohibited = {en for _, _, en in bankdata.TRANSCRIPT_LINES["prohibited"]}
trained_speaker = staff_lines.staff_id.map(bank.staff.set_index("staff_id").trained_on.notna())
rates = staff_lines.text_en.isin(prohibited).groupby(trained_speaker).mean()
print(f"已培训员工的话语中禁止用语占 {rates[True]:.1%}，未培训员工为 {rates[False]:.1%}。")  # [zh]
print(f"Prohibited phrases make up {rates[True]:.1%} of trained staff's lines and {rates[False]:.1%} of untrained staff's.")  # [en]

# %% [markdown] lang="zh"
# 已培训员工说禁止用语的比例甚至略高。这也**不能**说明培训有害：少数几名员工说禁止用语远多于其他人，他们恰好分在哪一组，就在很大程度上决定了这个数字。
#
# ## 处理：推广、修改，再来一轮
#
# 检查之后要有决定：证据不足时，不宣布"培训有效"，而是改进检查方法（分批培训、增加指标），下一轮再看；证据充分时，把做法写进制度和培训课程。无论结果如何，都要记录下来，供下一次评审使用。

# %% [markdown] lang="en"
# Trained staff's share of prohibited phrases is even slightly higher. That does **not** show the course did harm either: a few staff use prohibited phrases far more than the rest, and which group they happen to be in largely decides this number.
#
# ## Act: adopt, revise, go round again
#
# A check must end in a decision. When the evidence is weak, do not announce that "training works"; improve the check (train in waves, add measures) and look again next round. When the evidence is strong, write the practice into policy and the training course. Either way, record what was found for the next review.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **把全部投诉都算进帕累托图**：根本原因分析看的是成立的投诉；不成立的投诉可以单独分析客户的疑问。
# - **先算累计占比再排序**：累计占比必须在按件数从多到少排好之后再算，否则最后一类不一定是 100%，前几类也不对。
# - **分母包括不需要双录的销售**：手机银行、网银、电话渠道的销售和存款本来就没有录音录像，放进分母会把比例拉低。
# - **按销售当时是否已培训来分组**：分组应按员工是否属于培训组，固定不变；否则培训组在"培训前"一笔销售也没有。
# - **只看培训组的前后变化**：没有对照组，就分不清是培训的作用还是同期的共同变化。
# - **只比较培训后两组的差别**：两组员工培训前可能就不一样。
# - **把一次比较当作证明**：差距可能来自偶然，也可能来自谁被选去培训。
#
# ## 小结
#
# 持续改进就是一轮又一轮的 PDCA：用帕累托分析找出主要的投诉原因，从客户的提问中发现教育需求并向客户讲清收益与风险，针对根本原因改进，再用有对照组的前后比较检查效果，并诚实地说明证据有多强。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Putting every complaint into the Pareto chart**: root-cause analysis looks at upheld complaints; those not upheld can be studied separately for what customers were unsure about.
# - **Computing the cumulative share before sorting**: the cumulative share is computed after sorting from most to fewest, or the last category need not reach 100% and the first ones are wrong.
# - **Putting sales that need no recording into the denominator**: mobile, online and phone sales and deposits never have a recording, so counting them lowers the rate.
# - **Grouping by whether the employee was trained at the time of each sale**: the group is fixed by whether the employee belongs to the trained group; otherwise the trained group has no sales at all "before".
# - **Looking only at the trained group's change**: without a comparison group you cannot tell the course's effect from changes everyone went through.
# - **Comparing the two groups only after the course**: the groups may have differed before it.
# - **Treating one comparison as proof**: a gap may come from chance, or from who was chosen for training.
#
# ## Summary
#
# Continuous improvement is one PDCA round after another: find the main complaint causes with a Pareto analysis, find education needs in what customers ask and explain return and risk plainly, fix the root causes, check the effect with a before/after comparison against a comparison group, and say honestly how strong the evidence is. Now work through this module's exercise.
