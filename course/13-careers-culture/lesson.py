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
# # 模块 13：职业发展与合规文化——晋升、认可与敢于说出问题
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明为什么晋升和认可要看整个岗位（服务质量、合规、客户结果），而不只看销售额；
# 2. 举出真实事件，说明违规会让个人付出怎样的职业代价；
# 3. 在受到不当销售压力时，知道通过哪些独立渠道反映问题，以及银行如何保护反映问题的员工；
# 4. 用数据比较"只看销售额"和"看整个岗位"两种晋升名单，找出两者的差别。

# %% [markdown] lang="en"
# # Module 13: Careers and conduct culture: promotion, recognition and speaking up
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. explain why promotion and recognition should reward the whole role (service quality, compliance, customer outcomes) and not sales volume alone;
# 2. give real events that show what misconduct costs a person's career;
# 3. know which independent channels to use when you are pressed to sell improperly, and how the bank protects staff who speak up;
# 4. use data to compare a promotion list built on sales volume alone with one built on the whole role, and find where they differ.

# %% [markdown] lang="zh"
# ## 晋升看什么：整个岗位，而不只是销售额
#
# 员工会朝着被奖励的方向努力。晋升和表彰是最有分量的奖励：如果升职的总是销售额最高的人，整个团队都会明白"卖多少"比"卖得对不对"更重要。
#
# - **澳大利亚 Sedgwick 审查**（2017 年 4 月 19 日，21 条建议）：薪酬不得与销售或交叉销售目标直接挂钩；财务指标必须"产品中性"，在计分卡中的权重不超过 50%，到 2020 年降至不超过 33%。最终复查发现行业出现了"实质性变化"，其中包括按**"整个岗位"（whole of role）**来评价员工。
#   *来源：Sedgwick 审查报告，2017 年 4 月 19 日，及其最终复查。*
# - **澳大利亚联邦银行**：2017 年 10 月 13 日，约 2,000 名柜员不再按销售额获得奖励，改按客户服务指标考核。
#   *来源：finder.com.au，2017 年 10 月 13 日。*
# - **英国 TSB 银行**（2013–2015 年起）：取消销售目标、销售奖金和支行排行榜，不再让支行看到销售数据，改按服务和客户满意度奖励员工；银行称 80% 的员工收入反而增加。但要注意：2020 年工会反映，销售压力又有所回潮。
#   *来源：Daily Mail 与 Evening Standard 的报道。*
#
# 反面的例子同样清楚：
#
# - **英国劳埃德银行**：2013 年 12 月 11 日，英国金融行为监管局（FCA）就保障类和投资类产品的销售对其罚款 2,800 万英镑（和解折扣前为 3,500 万英镑）。完不成目标的顾问可能被**降级、减薪最多 50%**；一名顾问为了避免降级，把保单卖给了自己、妻子和一位同事。这是文化的失败：压力通过职业前途传到了每个人身上。
#   *来源：FCA 对劳埃德银行的最终通知，2013 年 12 月 11 日。*
# - **美国富国银行**：在"八个才够好"（Eight is great）的交叉销售目标下，约 150 万个存款账户和 56.5 万个信用卡账户可能未经客户同意就被开立，约 **5,300 名员工被解雇**。2016 年 9 月 8 日，银行被罚款合计 1.85 亿美元。
#   *来源：2016 年 9 月 8 日的美国执法行动（CFPB、OCC、洛杉矶市）。*

# %% [markdown] lang="en"
# ## What a promotion should reward: the whole role, not sales volume alone
#
# Staff work towards what they are rewarded for, and promotion and recognition are the weightiest rewards of all. If the person promoted is always the one who sold the most, the whole team learns that how much you sell matters more than whether you sold it properly.
#
# - **Australia, the Sedgwick Review** (19 April 2017, 21 recommendations): no pay directly linked to sales or cross-sales targets; financial measures must be product-neutral and make up at most 50% of the scorecard, falling to at most 33% by 2020. The final review found "substantial change" in the industry, including assessment of staff on the **"whole of role"**.
#   *Source: Sedgwick Review, 19 April 2017, and its final review.*
# - **Commonwealth Bank of Australia**: on 13 October 2017 about 2,000 tellers were moved off sales-based rewards onto customer-service measures.
#   *Source: finder.com.au, 13 October 2017.*
# - **TSB in the UK** (from 2013–2015): sales targets, sales bonuses and branch league tables were scrapped, sales data was hidden from branches, and staff were rewarded on service and customer satisfaction; the bank says 80% of its staff earned more. A caveat: in 2020 the union reported that sales pressure was coming back.
#   *Source: Daily Mail and Evening Standard reports.*
#
# The failures are just as clear:
#
# - **Lloyds (UK)**: on 11 December 2013 the Financial Conduct Authority (FCA) fined the bank £28.0 million (£35.0 million before the settlement discount) over sales of protection and investment products. Advisers who missed targets could face **demotion and pay cuts of up to 50%**; one adviser sold policies to himself, his wife and a colleague to avoid being demoted. That is a failure of culture: the pressure reached everyone through their careers.
#   *Source: FCA Final Notice to Lloyds, 11 December 2013.*
# - **Wells Fargo (US)**: under the cross-selling goal "Eight is great", about 1.5 million deposit accounts and 565,000 credit-card accounts may have been opened without customers' consent, and about **5,300 staff were fired**. On 8 September 2016 the bank was fined $185 million in all.
#   *Source: US enforcement actions of 8 September 2016 (CFPB, OCC, Los Angeles).*

# %% [markdown] lang="zh"
# ## 违规的职业代价
#
# 违规的代价不只落在银行身上，也落在具体的人身上：
#
# - **民生银行北京航天桥支行案**：支行行长用伪造的合同和印章向私人银行客户销售虚假的理财产品"转让"，银行确认涉及约 150 名客户、约 16.5 亿元。2017 年 11 月 30 日，原北京银监局对该行罚款 2,750 万元，并处罚 **13 名**相关人员，其中包括**终身禁止从事银行业工作**；支行行长后来被判处无期徒刑。
#   *来源：财新，2017 年 4 月 27 日；chinabankingnews，2017 年 12 月 1 日；南华早报，2020 年 12 月 14 日。*
# - **中国银行"原油宝"**：2020 年 4 月 20 日，WTI 原油 5 月合约以每桶 −37.63 美元结算，约 6 万名投资者亏损。原银保监会对该行罚款 5,050 万元，指出的问题包括**员工激励不合理**；另有四名个人被罚款，合计 **180 万元**（全球市场部的两名总经理各 50 万元，一名副总经理和一名高级交易员各 40 万元）。
#   *来源：财新国际，2020 年 12 月 5 日；明报，2020 年 12 月 5 日。*
# - **上海银行**：2020 年 11 月 25 日，因 2014–2018 年**绩效考核存在缺陷**和员工私售产品（飞单）被罚款合计 180 万元，**一名员工被终身禁业**。
#   *来源：2020 年 11 月 25 日公布的处罚，据 ddsb.cn 报道。*
#
# 在银行层面，财政部 2021 年的《商业银行绩效评价办法》从四个维度评价银行，各占 25%，风险防控是其中之一。它评价的是银行，不是员工个人；金禾银行把同样的思路用在员工身上，是本行自己的选择。
# *来源：新华社 / 人民日报海外版，2021 年 1 月 4 日。*

# %% [markdown] lang="en"
# ## What misconduct costs a career
#
# Misconduct is paid for not only by the bank but by particular people:
#
# - **Minsheng Bank, Beijing Hangtianqiao sub-branch**: the branch head used forged contracts and seals to sell private-banking clients fake "transfers" of wealth products; the bank confirmed about 150 clients and about 1.65 billion yuan. On 30 November 2017 the then Beijing office of the CBRC fined the bank 27.5 million yuan and sanctioned **13 people**, including **lifetime bans from banking**; the branch head was later sentenced to life imprisonment.
#   *Sources: Caixin, 27 April 2017; chinabankingnews, 1 December 2017; South China Morning Post, 14 December 2020.*
# - **Bank of China, "Crude Oil Treasure" (原油宝)**: on 20 April 2020 the WTI May contract settled at −$37.63 a barrel and about 60,000 investors lost money. The former CBIRC fined the bank 50.5 million yuan, citing among other failures **unreasonable staff incentives**; four individuals were fined **1.8 million yuan in all** (two general managers of the global markets department 500,000 yuan each, a deputy general manager and a senior trader 400,000 each).
#   *Sources: Caixin Global, 5 December 2020; Ming Pao, 5 December 2020.*
# - **Bank of Shanghai**: on 25 November 2020 it was fined 1.8 million yuan in all for **flawed performance appraisal** in 2014–2018 and for staff privately selling products (飞单, "flying orders"); **one employee was banned for life**.
#   *Source: penalty published 25 November 2020, as reported by ddsb.cn.*
#
# At bank level, the Ministry of Finance's 2021 performance evaluation of commercial banks weighs four dimensions at 25% each, risk control among them. It judges banks, not individual staff; Jinhe Bank applying the same idea to its people is the bank's own choice.
# *Source: Xinhua / People's Daily Overseas Edition, 4 January 2021.*

# %% [markdown] lang="zh"
# ## 敢于说出问题
#
# 客户一方的理由很清楚：2023 年 3 月 1 日起施行的《银行保险机构消费者权益保护管理办法》规定了消费者的八项权利，包括知情权、自主选择权、公平交易权、财产安全权和依法求偿权，并禁止夸大收益、隐瞒风险。员工代客户签字、代做风险测评，同样被明令禁止（《理财公司理财产品销售管理暂行办法》第 25 条，2021 年 6 月 27 日施行）。
#
# 当你被要求做这些事时，压力往往来自你的直接上级。所以反映问题要走**独立的渠道**：
#
# - **合规部门**，或你上级的**上一级管理人员**：写清楚时间、原话和涉及的客户，只讲事实；
# - 客户投诉要交给**与此事没有利害关系**的人员处理。2020 年《银行业保险业消费投诉处理管理办法》要求处理投诉的人员回避有利害关系的案件，并要求找出根本原因、追究责任；简单投诉 15 日内办结。
#   *来源：《银行业保险业消费投诉处理管理办法》，2020 年 1 月 17 日发布，3 月 1 日施行。*
#
# **金禾银行的政策**（本课程虚构银行自己的规定，不是法律条文）：任何员工都可以向合规部门或上一级管理人员反映不当销售压力，反映人的身份予以保密；**禁止对如实反映问题的员工打击报复**，打击报复者将受到处分；晋升评审看整个岗位，如实反映问题不会被扣分。

# %% [markdown] lang="en"
# ## Speaking up
#
# The customer's side of it is plain. The measures on consumer protection at banks and insurers, in force since 1 March 2023, set out eight consumer rights, among them the rights to be informed, to choose freely, to fair dealing, to the safety of their property and to seek redress, and they ban exaggerating returns and hiding risks. Staff signing for a customer or taking the risk questionnaire for them is expressly banned too (2021 wealth-company sales measures, Article 25, in force since 27 June 2021).
#
# When you are asked to do such things, the pressure usually comes from your own manager. So a concern goes through an **independent channel**:
#
# - **compliance**, or **your manager's own manager**: set out when it happened, what was said and which customers are involved, and stick to the facts;
# - a customer's complaint goes to someone with **no interest in the case**. The 2020 measures on consumer complaints require complaint handlers to stand aside from cases they have an interest in, and require root causes to be fixed and people held accountable; simple complaints are closed within 15 days.
#   *Source: Measures on the handling of consumer complaints in banking and insurance, issued 17 January 2020, in force 1 March 2020.*
#
# **Jinhe Bank's policy** (the own rule of the course's fictional bank, not a law): any employee may raise improper sales pressure with compliance or the next level of management, and their identity is kept confidential; **retaliation against staff who raise a concern honestly is forbidden**, and anyone who retaliates is disciplined; the promotion review looks at the whole role, and speaking up honestly never counts against anyone.

# %% [markdown] lang="zh"
# ## 实例：两份晋升名单
#
# 先载入金禾银行的数据。`incentives` 表每行是一名员工一个月的销售额、目标完成率、奖金、客户满意度和合规问题个数。`bankdata` 生成的是虚构数据，不涉及任何真实员工。
#
# 金禾银行的年度晋升评审按"全岗位得分"排序（权重是本课程的设计选择，不是监管规定）：销售分（各月目标完成率 × 100 的平均值，每月最高 100 分）占 30%，服务分（满意度 ÷ 5 × 100）占 30%，合规分（100 − 10 × 全年合规问题数，最低 0 分）占 40%。销售分按每个岗位自己的目标计算，所以柜员和客户经理比的都是各自岗位做得怎么样。

# %% [markdown] lang="en"
# ## Worked example: two promotion lists
#
# First load Jinhe Bank's data. Each row of `incentives` is one employee's month: sales volume, target attainment, bonus, customer satisfaction and the number of compliance findings. `bankdata` generates fictional data; no real employee appears in it.
#
# Jinhe Bank's annual promotion review ranks staff on a "whole of role" score (the weights are this course's design choice, not a regulatory rule): sales points (the average of monthly target attainment × 100, at most 100 a month) count 30%, service points (satisfaction ÷ 5 × 100) 30%, and conduct points (100 − 10 × the year's compliance findings, at least 0) 40%. Sales points are measured against each role's own target, so a teller and a relationship manager are each judged on how well they did their own job.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
incentives = bank.incentives
incentives.head()

# %%
by_staff = incentives.groupby("staff_id")
sales_points = (incentives.target_attainment.clip(upper=1) * 100).groupby(incentives.staff_id).mean()
service_points = by_staff.satisfaction_score.mean() / 5 * 100
conduct_points = (100 - 10 * by_staff.compliance_findings.sum()).clip(lower=0)
review = pd.DataFrame({
    "volume": by_staff.sales_volume_cny.sum(),
    "findings": by_staff.compliance_findings.sum(),
    "score": 0.3 * sales_points + 0.3 * service_points + 0.4 * conduct_points,
})
places = 8
top_volume = set(review.volume.nlargest(places).index)
top_score = set(review.score.nlargest(places).index)
print(f"同时在销售额前 {places} 名和全岗位得分前 {places} 名两份名单上的员工：{len(top_volume & top_score)} 人")  # [zh]
print(f"Employees on both the top-{places} list by sales volume and the top-{places} list by whole-of-role score: {len(top_volume & top_score)}")  # [en]
print(f"销售额前 {places} 名平均有 {review.findings[list(top_volume)].mean():.1f} 个合规问题，得分前 {places} 名平均 {review.findings[list(top_score)].mean():.1f} 个")  # [zh]
print(f"The top {places} by volume had {review.findings[list(top_volume)].mean():.1f} compliance findings on average; the top {places} by score had {review.findings[list(top_score)].mean():.1f}")  # [en]

# %% [markdown] lang="zh"
# 把每位员工画在图上：横轴是全年销售额（对数刻度），纵轴是全岗位得分。红点只在"销售额"名单上，绿点只在"全岗位"名单上。

# %% [markdown] lang="en"
# Plot every employee: yearly sales volume across (on a log scale), whole-of-role score up. Red points are on the volume list only, green points on the whole-of-role list only.

# %%
colour = review.index.map(lambda person: "#b03a2e" if person in top_volume - top_score else "#1e8449" if person in top_score - top_volume
                          else "#2e86c1" if person in top_volume else "#bbbbbb")
fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(review.volume / 10_000, review.score, c=list(colour), s=40)
ax.set_xscale("log")
ax.minorticks_off()
ax.set_xticks([2_000, 3_000, 5_000, 10_000, 20_000], ["2,000", "3,000", "5,000", "10,000", "20,000"])
ax.set_xlabel("全年销售额（万元，对数刻度）")  # [zh]
ax.set_ylabel("全岗位得分")  # [zh]
ax.set_title("只看销售额与看整个岗位：谁会被晋升")  # [zh]
ax.set_xlabel("Sales volume over the year (CNY 10,000, log scale)")  # [en]
ax.set_ylabel("Whole-of-role score")  # [en]
ax.set_title("Volume alone or the whole role: who gets promoted")  # [en]
labels = ["只在销售额名单上", "只在全岗位名单上", "两份名单都在"]  # [zh]
labels = ["Volume list only", "Whole-of-role list only", "On both lists"]  # [en]
for label, shade in zip(labels, ["#b03a2e", "#1e8449", "#2e86c1"]):
    ax.scatter([], [], c=shade, label=label)
ax.legend(loc="lower right")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 注意最右边那个远离所有人的点：一名员工的全年销售额是其他人的好几倍。FCA 的激励指引（FG13/1）要求机构在管理报表中监测**个人业绩的异常跳升**。这样的数字首先是一个需要核实的问题，而不是晋升的理由；模块 9 会讲到这类数字可能从哪里来。
#
# 奖金也是一种认可。下面看看员工在有合规问题的月份里是否照样拿到了奖金：

# %% [markdown] lang="en"
# Note the point far to the right of everyone: one employee sold several times as much as anyone else in the year. The FCA's guidance on incentives (FG13/1) asks firms to monitor **individual sales spikes** in management information. A figure like that is first a question to check, not a reason to promote; module 9 shows where such figures can come from.
#
# A bonus is recognition too. Did staff still receive one in the months in which they had compliance findings?

# %%
flagged = incentives[incentives.compliance_findings > 0]
print(f"有合规问题的“人·月”共 {len(flagged)} 个，其中 {flagged.bonus_cny.gt(0).mean():.0%} 照发了奖金，合计 {flagged.bonus_cny.sum():,.0f} 元")  # [zh]
print(f"There were {len(flagged)} person-months with compliance findings; a bonus was still paid in {flagged.bonus_cny.gt(0).mean():.0%} of them, {flagged.bonus_cny.sum():,.0f} CNY in all")  # [en]

# %% [markdown] lang="zh"
# ## 团队文化：支行行长在团队会上做什么
#
# 文化是在每周的团队会上形成的。支行行长可以这样做（这些是金禾银行对管理人员的要求，不是监管规定）：
#
# - **表彰一次被拒绝的不合适销售**：例如一位理财经理没有把 R4 产品卖给坚持要买的 C3 客户，而是推荐了合适的产品。讲出这件事（不透露客户信息），让大家看到这也是业绩；
# - 把销售数字和质量放在一起讲：合规问题、成立的投诉、录音录像是否完整，而不是只念排行榜（TSB 取消支行排行榜正是这个道理）；
# - 问"怎么做到的"，而不只是"做了多少"；对远超平常的数字先核实，再表扬；
# - 感谢提出问题的同事，并让大家看到问题得到了处理；绝不追问是谁反映的。

# %% [markdown] lang="en"
# ## Team culture: what a branch manager does in team meetings
#
# Culture is made in the weekly team meeting. A branch manager can (these are Jinhe Bank's expectations of its managers, not regulatory rules):
#
# - **celebrate a refused unsuitable sale**: a wealth advisor who did not sell an R4 product to a C3 customer who insisted, and recommended a suitable one instead. Tell the story (without the customer's details) so that everyone sees this counts as performance too;
# - present sales next to quality: compliance findings, upheld complaints, complete recordings, instead of reading out a league table (the reason TSB scrapped its branch league tables);
# - ask "how did you do it", not only "how much"; check a figure far above the usual before praising it;
# - thank colleagues who raise a concern, show the team that it was dealt with, and never ask who reported it.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **不给目标完成率设上限**：超额完成 300% 的月份会把销售分推到 300 分，淹没合规和服务；每个月最高按 100 分计。
# - **用平均每月的合规问题数代替全年总数**：平均值把问题摊薄了，一年 6 个问题看上去只有 0.5 个。
# - **按月份行而不是按员工汇总**：取销售额最高的 8 行，得到的是几个人的几个好月份，不是 8 个人。
# - **数问题的个数而不是月份**：一个月有 3 个问题，是 1 个有问题的月份。
# - **以为"等晋升以后再说"更安全**：拖延期间客户继续受到损害；金禾银行的政策保护如实反映问题的员工。
# - **把问题交给施压的人本人处理**：反映和投诉都要交给与此事没有利害关系的人。
#
# ## 小结
#
# 晋升和认可要看整个岗位：销售、服务和合规。只看销售额会奖励错误的做法，并让压力通过每个人的职业前途传下去；违规的代价最终落在具体的人身上，包括终身禁业。受到不当压力时，通过合规部门或上一级管理人员反映，银行禁止打击报复。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Not capping target attainment**: a month at 300% pushes the sales points to 300 and drowns out conduct and service; count each month at most 100.
# - **Averaging compliance findings per month instead of totalling them**: the average thins them out, so six findings in a year look like half of one.
# - **Summarising by monthly row instead of by employee**: the 8 highest rows are a few people's best months, not 8 people.
# - **Counting findings instead of months**: a month with three findings is one month with findings.
# - **Thinking "after the promotion" is the safer time to speak**: customers go on being harmed in the meantime, and Jinhe Bank's policy protects staff who speak up honestly.
# - **Handing a concern to the person applying the pressure**: concerns and complaints go to someone with no interest in the case.
#
# ## Summary
#
# Promotion and recognition reward the whole role: sales, service and conduct. Rewarding volume alone rewards the wrong conduct and passes pressure down through everyone's career; the cost of misconduct falls in the end on particular people, lifetime bans included. When you are pressed to sell improperly, speak to compliance or the next level of management; the bank forbids retaliation. Now work through this module's exercise.
