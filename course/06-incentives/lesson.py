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
# # 模块 6：业绩考核与激励
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明只按销售额发奖金为什么会推动误导销售，并举出国内外的真实案例；
# 2. 用平衡计分卡把销售、客户满意度和合规质量合成一个分数，并加上"合规关口"；
# 3. 在管理报表中监测个人业绩的异常跳升，并知道发现之后该做什么；
# 4. 说明晋升和表彰怎样才不会奖励误导销售。

# %% [markdown] lang="en"
# # Module 6: Performance measures and incentives
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. explain why a bonus paid on sales alone pushes staff towards mis-selling, with real cases from China and abroad;
# 2. combine sales, customer satisfaction and compliance quality into one balanced-scorecard score, and add a "compliance gate";
# 3. monitor sudden spikes in an individual's sales in management reports, and know what to do once you find one;
# 4. explain how promotion and recognition can avoid rewarding mis-selling.

# %% [markdown] lang="zh"
# ## 激励机制出问题时会发生什么
#
# 员工会去做被奖励的事。如果奖金只看卖了多少，就等于告诉员工：卖给谁、卖得是否合适都不重要。
#
# - **劳埃德银行（英国）**：英国金融行为监管局（FCA）于 2013 年 12 月 11 日对其罚款 **2,800 万英镑**（和解折扣前为 3,500 万英镑），涉及的是保障类和投资类产品（重疾险、收入保障险、投资类 ISA 和债券），不是 PPI。2010 年 1 月至 2012 年 3 月间，该行向 69 万名客户销售了 100 多万件产品；顾问可拿到相当于月薪 35% 的"香槟奖金"，完不成目标则可能被降级、减薪最多 50%。有 229 名顾问被抽查的销售全部不适当或可能不适当，却照样拿到了奖金；一名顾问为了不被降级，把保单卖给了自己、妻子和一位同事。
#   *来源：FCA 对劳埃德银行的最终处罚通知，2013 年 12 月 11 日。*
# - **富国银行（美国）**：交叉销售目标叫作 **"Eight is great"**，即每户八个产品。约 **150 万**个存款账户和 **56.5 万**个信用卡账户可能在客户不知情的情况下被开立；2016 年 9 月 8 日被罚 **1.85 亿美元**，约 **5,300** 名员工被解雇。
#   *来源：2016 年 9 月 8 日美国监管机构的处罚（消费者金融保护局 1 亿美元，为其当时最大罚单；货币监理署 3,500 万美元；洛杉矶 5,000 万美元）。*
# - **中国银行"原油宝"**：2020 年 4 月 20 日 WTI 5 月合约结算价为 **−37.63 美元**，约 6 万名投资者亏损，原银保监会对该行罚款 **5,050 万元**。监管指出的问题之一就是**员工考核激励不合理**。
#   *来源：财新国际 2020 年 12 月 5 日的报道。*
# - **上海银行**：2020 年 11 月 25 日，因 2014–2018 年**绩效考核存在缺陷**以及员工私售产品（飞单）等问题被罚款合计 **180 万元**，一名员工被终身禁业。
#   *来源：2020 年 11 月 25 日公布的处罚，据 ddsb.cn 报道。*

# %% [markdown] lang="en"
# ## What happens when incentives go wrong
#
# Staff do what they are rewarded for. A bonus that counts only how much was sold tells staff that it does not matter to whom, or whether the sale was suitable.
#
# - **Lloyds (UK)**: on 11 December 2013 the Financial Conduct Authority (FCA) fined the bank **£28.0 million** (£35.0 million before the settlement discount) over protection and investment products (critical illness and income protection cover, investment ISAs and bonds), not PPI. Between January 2010 and March 2012 it sold over a million products to 690,000 customers. Advisers could earn a "champagne bonus" worth 35% of monthly salary; missing targets could mean demotion and pay cuts of up to 50%. 229 advisers were paid bonuses even though every sale checked for them was unsuitable or potentially unsuitable, and one adviser sold policies to himself, his wife and a colleague to avoid demotion.
#   *Source: FCA Final Notice to Lloyds, 11 December 2013.*
# - **Wells Fargo (US)**: the cross-selling goal was called **"Eight is great"**, eight products per household. About **1.5 million** deposit accounts and **565,000** credit-card accounts may have been opened without customers' consent. On 8 September 2016 the bank was fined **$185 million**, and about **5,300** employees were fired.
#   *Source: US enforcement actions of 8 September 2016 (CFPB $100M, then its largest ever; OCC $35M; Los Angeles $50M).*
# - **Bank of China, "Crude Oil Treasure" (原油宝)**: on 20 April 2020 the WTI May contract settled at **−$37.63**; about 60,000 investors lost money and the former CBIRC fined the bank **50.5 million yuan**. Among the failures the regulator cited were **unreasonable staff incentives**.
#   *Source: Caixin Global, 5 December 2020.*
# - **Bank of Shanghai**: on 25 November 2020 it was fined a total of **1.8 million yuan**, for flawed performance appraisal in 2014–2018 and for staff privately selling products (飞单, "flying orders"); one employee was banned for life.
#   *Source: penalty published 25 November 2020, as reported by ddsb.cn.*

# %% [markdown] lang="zh"
# ## 监管和行业怎么要求
#
# - **英国 FG13/1《金融激励给客户带来的风险》**（2013 年 1 月 16 日发布）。此前对 2010 年 9 月至 2011 年 9 月的检查发现，多数激励方案很可能推动误导销售。FCA 要求机构：在管理报表中**监测个人业绩的异常跳升**；监控面对面销售；控制平衡计分卡本身的风险；把 **100% 浮动薪酬**视为高风险。2014 年 3 月的跟进检查（TR14/4）显示，最大的几家零售银行都已更换或修改了方案，但仍有约**十分之一**的机构对高风险特征管理不善。
#   *来源：FSA/FCA，FG13/1，2013 年 1 月 16 日；FCA，TR14/4，2014 年 3 月。*
# - **澳大利亚 Sedgwick 审查**（2017 年 4 月 19 日，21 条建议）：薪酬不得与销售或交叉销售目标直接挂钩；财务指标必须"产品中性"，在计分卡中的权重**不超过 50%，到 2020 年降至不超过 33%**。2019 年 2 月的 Hayne 皇家委员会（第 5.5 条建议）要求全面落实。
#   *来源：Sedgwick 审查报告，2017 年 4 月 19 日；Hayne 皇家委员会，2019 年 2 月，建议 5.5。*
# - **美国最佳利益监管（Reg BI）**（2019 年 6 月 5 日通过，2020 年 6 月 30 日起执行）：机构必须在限定时间内**取消与特定证券挂钩的销售竞赛、销售配额、奖金和非现金奖励**；按产品总量、资产增长或客户满意度计酬仍然允许。
#   *来源：Reg BI，2019 年 6 月 5 日通过。*
# - **中国**：国内的处罚同样点名了考核和激励。原油宝事件中，原银保监会指出的问题包括员工考核激励不合理；上海银行则因绩效考核存在缺陷被罚（见上文）。财政部《商业银行绩效评价办法》（2021 年）从服务国家发展目标和实体经济、发展质量、风险防控、经营效益四个维度评价银行，各占 25%。它评价的是整家银行，不是员工个人的奖金，但方向相同：经营效益只是其中一项。
#   *来源：新华社、人民日报海外版，2021 年 1 月 4 日。*
#
# 银行也确实改了：澳大利亚联邦银行 2017 年 10 月 13 日把约 2,000 名柜员从按销售奖励改为按客户服务指标考核；劳埃德银行 2013 年起，占奖金总额一半的支行季度奖金改为依据由其他人员收集的客户反馈发放；英国 TSB 银行取消了销售目标、销售奖金和支行排名，改按服务和客户满意度奖励，并称 80% 的员工收入反而增加了（这是银行自己的说法；2020 年工会又反映销售压力有所回潮）。
# *来源：finder.com.au（2017 年 10 月 13 日）；thisismoney；Daily Mail 与 Evening Standard 的报道。*

# %% [markdown] lang="en"
# ## What regulators and the industry expect
#
# - **UK, FG13/1 "Risks to customers from financial incentives"** (published 16 January 2013). A review of September 2010 to September 2011 had found that most incentive schemes were likely to drive mis-selling. The FCA asks firms to **monitor individual sales spikes** in their management reports, to monitor face-to-face sales, to control the risks within balanced scorecards, and to treat **100%-variable pay** as high risk. Its March 2014 follow-up (TR14/4) found that all the largest retail banks had replaced or changed their schemes, but about **1 in 10** firms still managed high-risk features poorly.
#   *Source: FSA/FCA, FG13/1, 16 January 2013; FCA, TR14/4, March 2014.*
# - **Australia, the Sedgwick Review** (19 April 2017, 21 recommendations): no pay directly linked to sales or cross-sales targets; financial measures must be product-neutral and make up **at most 50% of the scorecard, falling to at most 33% by 2020**. The Hayne Royal Commission (February 2019, Recommendation 5.5) required full implementation.
#   *Source: Sedgwick Review, 19 April 2017; Hayne Royal Commission, February 2019, Recommendation 5.5.*
# - **US, Regulation Best Interest (Reg BI)** (adopted 5 June 2019, compliance date 30 June 2020): firms must **eliminate sales contests, quotas, bonuses and non-cash rewards tied to specific securities** within a limited time. Pay based on total products, asset growth or customer satisfaction is still allowed.
#   *Source: Reg BI, adopted 5 June 2019.*
# - **China**: Chinese penalties name appraisal and incentives too. Among the failures the former CBIRC cited in Crude Oil Treasure were unreasonable staff incentives, and Bank of Shanghai was fined for flawed performance appraisal (see above). The Ministry of Finance's performance-evaluation measures for commercial banks (2021) rate a bank on four dimensions at 25% each: serving national goals and the real economy, development quality, risk control, and business results. They evaluate the bank as a whole, not an employee's bonus, but they point the same way: business results are only one part of the picture.
#   *Source: Xinhua and People's Daily Overseas Edition, 4 January 2021.*
#
# Banks did change. On 13 October 2017 the Commonwealth Bank of Australia moved about 2,000 tellers off sales-based rewards onto customer-service measures. From 2013 Lloyds paid its quarterly branch bonus, half of the total bonus, on customer feedback collected by separate staff. TSB in the UK scrapped sales targets, sales bonuses and branch league tables and rewarded service and customer satisfaction instead; it says 80% of its staff earned more (the bank's own claim; in 2020 its union reported that sales pressure was creeping back).
# *Sources: finder.com.au (13 October 2017); thisismoney; Daily Mail and Evening Standard reports.*

# %% [markdown] lang="zh"
# ## 晋升与表彰：不只是奖金
#
# 员工看的不只是奖金，还有谁被提拔、谁上了光荣榜、谁被点名批评。如果奖金已经改成平衡计分卡，晋升却仍然只看销售排名，员工听到的还是同一句话："卖得多才有前途。"
#
# - **降级的威胁也是激励**：劳埃德银行的顾问完不成目标，可能被降级、减薪最多 50%；一名顾问为了不被降级，把保单卖给了自己、妻子和一位同事。惩罚和奖励一样，会把人推向误导销售。
#   *来源：FCA 对劳埃德银行的最终处罚通知，2013 年 12 月 11 日。*
# - **排行榜也是激励**：TSB 银行在取消销售目标和销售奖金的同时，也取消了支行排行榜，支行看不到销售数据，员工按服务和客户满意度获得奖励。2020 年工会反映销售压力有所回潮，可见这样的安排需要持续维护。
#   *来源：Daily Mail 与 Evening Standard 的报道。*
# - **衡量什么也可以改**：澳大利亚联邦银行 2017 年 10 月把约 2,000 名柜员从按销售奖励改为按客户服务指标考核。
#   *来源：finder.com.au，2017 年 10 月 13 日。*
# - **评价整个岗位**：对 Sedgwick 审查落实情况的最终复查发现，银行的做法有了"实质性变化"，其中包括按"整个岗位"（whole of role）评价员工，也就是看一个人在岗位上的全部表现，而不只看销售数字。
#   *来源：Sedgwick 审查最终复查，据 brightlaw.com.au 与 investordaily 报道。*
# - **非现金奖励也算**：Reg BI 要求在限定时间内取消与特定证券挂钩的销售竞赛、配额、奖金和非现金奖励：受限的不只是现金。
#   *来源：Reg BI，2019 年 6 月 5 日通过。*
#
# 金禾银行据此定下四条做法（这是本课程的设计选择，不是监管规定）：
#
# 1. 晋升评审看整个岗位：过去 12 个月的计分卡（不只是销售分）、合规问题和投诉、双录是否完整、由其他人员收集的客户反馈，以及是否帮助和带教同事；
# 2. 评审期内有经核实的误导销售，当期不予晋升；
# 3. "月度之星"等表彰依据客户反馈和服务质量评选，不按单一产品的销量评选，也不张贴销量排行榜；
# 4. 业绩不达标时，主管先辅导、看整个岗位的表现，不用降级或减薪来催促销售。

# %% [markdown] lang="en"
# ## Promotion and recognition: more than the bonus
#
# Staff watch more than their bonus: who gets promoted, whose photo goes on the wall, who is singled out for criticism. If the bonus becomes a balanced scorecard while promotion still follows the sales ranking, staff still hear the same message: "sell more if you want to get on."
#
# - **The threat of demotion is an incentive too**: Lloyds advisers who missed targets could be demoted, with pay cuts of up to 50%, and one adviser sold policies to himself, his wife and a colleague to avoid demotion. Punishment pushes people towards mis-selling just as rewards do.
#   *Source: FCA Final Notice to Lloyds, 11 December 2013.*
# - **A league table is an incentive too**: when TSB scrapped sales targets and sales bonuses, it also scrapped branch league tables, hid sales data from branches and rewarded staff for service and customer satisfaction. In 2020 its union reported sales pressure creeping back, so such arrangements need upkeep.
#   *Source: Daily Mail and Evening Standard reports.*
# - **What is measured can change**: in October 2017 the Commonwealth Bank of Australia moved about 2,000 tellers off sales-based rewards onto customer-service measures.
#   *Source: finder.com.au, 13 October 2017.*
# - **Assess the whole role**: the final review of how banks implemented the Sedgwick Review found "substantial change", including "whole of role" assessment: judging everything a person does in the job, not only their sales figures.
#   *Source: final review of the Sedgwick Review, as reported by brightlaw.com.au and investordaily.*
# - **Non-cash rewards count**: Reg BI requires firms to eliminate, within a limited time, sales contests, quotas, bonuses and non-cash rewards tied to specific securities: not only cash is restricted.
#   *Source: Reg BI, adopted 5 June 2019.*
#
# Jinhe Bank draws four rules from this (this course's design choice, not a regulatory rule):
#
# 1. a promotion review assesses the whole role: the last 12 months of scorecards (not only the sales points), compliance findings and complaints, complete recordings, customer feedback collected by other staff, and help and coaching given to colleagues;
# 2. a confirmed mis-sale within the review period rules out promotion in that round;
# 3. recognition such as "star of the month" is chosen on customer feedback and service quality, never on sales of a single product, and no sales league table goes on the wall;
# 4. when someone falls short, their manager coaches them and looks at the whole role; demotion or pay cuts are never used to push sales.

# %% [markdown] lang="zh"
# ## 金禾银行的新计分卡
#
# 本课程虚构的金禾银行准备把"只看销售额"的奖金改为平衡计分卡（以下权重是**本课程的设计选择，不是任何监管规定**，只是参照了 Sedgwick 审查"财务指标不超过三分之一"的上限）：
#
# | 指标 | 换算成 0–100 分 | 权重 |
# |---|---|---|
# | 销售 | 目标完成率 × 100，**最高 100 分** | 30% |
# | 客户满意度 | 满意度 ÷ 5 × 100 | 30% |
# | 合规质量 | 100 − 50 × 合规问题数，**最低 0 分** | 40% |
#
# 月度奖金 = 50 元 × 计分卡得分（满分 100 分对应 5,000 元，与旧方案的上限相同）。
# 再加一道**合规关口**：当月有 1 个合规问题，奖金减半；有 2 个及以上，奖金取消。这道关口的作用是让严重的问题无法靠多卖来"抵消"。

# %% [markdown] lang="en"
# ## Jinhe Bank's new scorecard
#
# The course's fictional Jinhe Bank wants to replace its sales-only bonus with a balanced scorecard. (The weights below are **this course's design choice, not a regulatory rule**; they only follow the Sedgwick Review's cap of a third for financial measures.)
#
# | Measure | Converted to 0–100 points | Weight |
# |---|---|---|
# | Sales | target attainment × 100, **at most 100** | 30% |
# | Customer satisfaction | satisfaction ÷ 5 × 100 | 30% |
# | Compliance quality | 100 − 50 × number of compliance findings, **at least 0** | 40% |
#
# Monthly bonus = 50 CNY × scorecard score (a perfect 100 pays 5,000 CNY, the same ceiling as the old scheme).
# On top sits a **compliance gate**: one compliance finding in the month halves the bonus; two or more cancel it. The gate makes sure a serious problem cannot be "bought back" by selling more.

# %% [markdown] lang="zh"
# ## 实例：旧奖金方案有多依赖销售额
#
# 先载入金禾银行的数据。`incentives` 表每行是一名员工一个月的业绩和奖金。`bankdata` 生成的是虚构数据，不涉及任何真实员工。

# %% [markdown] lang="en"
# ## Worked example: how much the old bonus depends on sales
#
# First load Jinhe Bank's data. Each row of `incentives` is one employee's figures and bonus for one month. `bankdata` generates fictional data; no real employee appears in it.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
incentives = bank.incentives.merge(bank.staff[["staff_id", "role"]], on="staff_id")
incentives.head()

# %% [markdown] lang="zh"
# 旧方案的奖金只由目标完成率决定：完成率低于 1 时为 0，之后逐步增加到 5,000 元封顶。满意度和合规问题都不影响奖金。下面统计有合规问题却照拿奖金的"人·月"（一名员工的一个月）：

# %% [markdown] lang="en"
# Under the old scheme the bonus depends on target attainment alone: zero below 1, then rising to a cap of 5,000 CNY. Satisfaction and compliance findings play no part. Below we count the employee-months (one employee in one month) with compliance findings that were still paid a bonus:

# %%
flagged = incentives[incentives.compliance_findings > 0]
paid = flagged[flagged.bonus_cny > 0]
full = flagged[flagged.bonus_cny == 5000]
print(f"有合规问题的人·月：{len(flagged)} 个；其中照发奖金 {len(paid)} 个，拿满 5,000 元的 {len(full)} 个")  # [zh]
print(f"Employee-months with compliance findings: {len(flagged)}; bonus paid anyway in {len(paid)}, the full 5,000 CNY in {len(full)}")  # [en]

# %% [markdown] lang="zh"
# 现在按新计分卡重新计算。注意三点：销售分先封顶再加权；每项都先换算到 0–100 分再加权；合规分不能为负。

# %% [markdown] lang="en"
# Now recompute with the new scorecard. Note three things: the sales points are capped before weighting; every measure is converted to 0–100 points before weighting; compliance points never go below zero.

# %%
weights = {"sales": 0.30, "satisfaction": 0.30, "compliance": 0.40}
points = pd.DataFrame({
    "sales": (incentives.target_attainment * 100).clip(upper=100),
    "satisfaction": incentives.satisfaction_score / 5 * 100,
    "compliance": (100 - 50 * incentives.compliance_findings).clip(lower=0),
})
incentives["score"] = sum(weights[name] * points[name] for name in weights)
gate = incentives.compliance_findings.map(lambda n: 1.0 if n == 0 else 0.5 if n == 1 else 0.0)
incentives["new_bonus_cny"] = 50 * incentives.score * gate
incentives[["staff_id", "month", "target_attainment", "satisfaction_score", "compliance_findings", "bonus_cny", "score", "new_bonus_cny"]].head()

# %% [markdown] lang="zh"
# 按岗位比较新旧方案的平均月度奖金：

# %% [markdown] lang="en"
# Compare the average monthly bonus by role under the old and the new scheme:

# %%
role_names = {"relationship_manager": "客户经理", "wealth_advisor": "理财经理", "teller": "柜员"}  # [zh]
role_names = {"relationship_manager": "Relationship manager", "wealth_advisor": "Wealth advisor", "teller": "Teller"}  # [en]
by_role = incentives.groupby("role")[["bonus_cny", "new_bonus_cny"]].mean().rename(index=role_names)
by_role.columns = ["旧方案（只看销售）", "新计分卡 + 合规关口"]  # [zh]
by_role.columns = ["Old scheme (sales only)", "New scorecard + compliance gate"]  # [en]
ax = by_role.plot.bar(color=["#b03a2e", "#1f618d"], figsize=(7, 3.8), rot=0)
ax.set_title("各岗位平均月度奖金：新旧方案对比")  # [zh]
ax.set_ylabel("元 / 月")  # [zh]
ax.set_title("Average monthly bonus by role: old and new scheme")  # [en]
ax.set_ylabel("CNY per month")  # [en]
ax.set_xlabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 柜员的月度目标只有 20 万元，而记在他们名下的销售远超这个数，所以旧方案几乎每月都给柜员发满 5,000 元。新计分卡中销售分封顶 100 分，多卖不再多拿；满意度和合规质量决定了剩下的 70%。
# 新计分卡在销售很少时也会发放不少奖金；真实银行还需要校准每分对应的金额、设定门槛并核算总成本。本课关注的是结构，而不是具体金额。
#
# ## 个人业绩的异常跳升
#
# FG13/1 要求机构在管理报表中监测个人业绩的跳升。一个简单的做法：拿每名员工某个月的销售额，与**他本人**各月销售额的**中位数**相比。下面画出跳升最明显的一名员工：

# %% [markdown] lang="en"
# Tellers have a monthly target of only 200,000 CNY, while the sales booked under their names are far higher, so the old scheme paid them the full 5,000 CNY almost every month. In the new scorecard the sales points stop at 100, so selling more no longer earns more; satisfaction and compliance quality decide the other 70%.
# The new scorecard still pays a sizeable bonus when sales are low; a real bank would also calibrate the amount per point, perhaps set a threshold, and check the total cost. This lesson is about the structure, not the amounts.
#
# ## Spikes in individual sales
#
# FG13/1 asks firms to monitor individual sales spikes in their management reports. A simple approach: compare each employee's sales in a month with the **median** of **their own** monthly sales. Below we chart the employee with the sharpest spike:

# %%
own_median = incentives.groupby("staff_id").sales_volume_cny.transform("median")
incentives["times_median"] = incentives.sales_volume_cny / own_median
top = incentives.loc[incentives.times_median.idxmax()]
person = incentives[incentives.staff_id == top.staff_id]

fig, ax = plt.subplots(figsize=(7, 3.5))
median_m = person.sales_volume_cny.median() / 1e6
ax.plot(person.month, person.sales_volume_cny / 1e6, marker="o", color="#1f618d", label="月度销售额")  # [zh]
ax.plot(person.month, person.sales_volume_cny / 1e6, marker="o", color="#1f618d", label="monthly sales")  # [en]
ax.axhline(median_m, color="grey", linestyle="--", label="本人中位数")  # [zh]
ax.axhline(3 * median_m, color="#b03a2e", linestyle=":", label="3 倍中位数")  # [zh]
ax.set_title(f"员工 {top.staff_id} 的月度销售额")  # [zh]
ax.set_ylabel("百万元")  # [zh]
ax.set_xlabel("月份")  # [zh]
ax.axhline(median_m, color="grey", linestyle="--", label="own median")  # [en]
ax.axhline(3 * median_m, color="#b03a2e", linestyle=":", label="3 × median")  # [en]
ax.set_title(f"Monthly sales of employee {top.staff_id}")  # [en]
ax.set_ylabel("million CNY")  # [en]
ax.set_xlabel("month")  # [en]
ax.set_xticks(person.month.iloc[::2])
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 跳升只是**需要查看的信号**，不是违规的证据。下一步是看那个月卖了什么：把 `sales` 表按产品类型汇总，与该员工平时的产品结构比较。

# %% [markdown] lang="en"
# A spike is **a signal to look closer**, not proof of wrongdoing. The next step is to see what was sold that month: sum the `sales` table by product type and compare it with the employee's usual mix.

# %%
sales = bank.sales.merge(bank.products[["product_id", "type"]], on="product_id")
mine = sales[sales.staff_id == top.staff_id]
in_spike = mine.sold_at.dt.to_period("M").astype(str) == top.month
type_names = {"deposit": "存款", "public_wealth": "公募理财", "private_wealth": "私募理财", "fund": "基金", "insurance": "保险", "structured_note": "结构性产品"}  # [zh]
type_names = {"deposit": "deposit", "public_wealth": "public wealth", "private_wealth": "private wealth", "fund": "fund", "insurance": "insurance", "structured_note": "structured note"}  # [en]
mix = pd.DataFrame({
    "spike": mine[in_spike].groupby("type").amount_cny.sum() / mine[in_spike].amount_cny.sum(),
    "usual": mine[~in_spike].groupby("type").amount_cny.sum() / mine[~in_spike].amount_cny.sum(),
}).fillna(0).round(2).rename(index=type_names)
mix.index.name = "产品类型"  # [zh]
mix.index.name = "product type"  # [en]
mix.columns = [f"{top.month}（跳升月）", "其他月份"]  # [zh]
mix.columns = [f"{top.month} (spike)", "other months"]  # [en]
mix

# %% [markdown] lang="zh"
# 这个月的销售几乎全部是私募理财，而在金禾银行的产品目录中，私募理财的起购金额是 100 万元，几笔大单就足以造成跳升。复核时应抽查这些销售的双录、适当性匹配和客户回访，再决定奖金；如果都没有问题，奖金照常发放。
#
# 与本人中位数比较也有盲区：如果某人**每个月**都异常高，他自己的中位数也很高，永远不会出现"跳升"。因此还应与同岗位同事横向比较。

# %% [markdown] lang="en"
# Almost all of this month's sales were private wealth products, whose minimum ticket in Jinhe Bank's product list is 1,000,000 CNY, so a few large tickets are enough to cause a spike. The review should sample those sales' recordings, suitability matching and customer follow-up before the bonus is settled; if all is in order, the bonus is paid as usual.
#
# Comparing with one's own median also has a blind spot: someone who is abnormally high **every** month has a high median too and never shows a "spike". So also compare each person with peers in the same role.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **销售分不封顶**：完成率 10 倍的员工会拿到 1,000 分的销售分，其他指标再差也被淹没，权重上限形同虚设。
# - **合规分出现负数**：3 个合规问题按公式得 −50 分，必须截到 0，否则会把总分拉到不合理的区间。
# - **合规关口只做了一半**：1 个问题减半、2 个及以上取消，两档都要实现；"≥ 1"不能写成"> 1"。
# - **与全行中位数比较**：不同岗位、不同支行的销售规模差别很大，跳升要和本人的历史比较。
# - **用平均数代替中位数**：跳升本身会抬高平均数，把自己"藏"起来；中位数不受个别极端月份影响。
# - **把跳升当成违规**：跳升是复核的理由，不是处罚的理由。
# - **只改奖金、不改晋升和表彰**：奖金改成了计分卡，晋升和"月度之星"却仍按销量排名，或者用降级来催促销售，员工收到的信号就没有变。
#
# ## 小结
#
# 只按销售额发奖金，会把员工推向误导销售；劳埃德、富国、原油宝和上海银行的案例都说明了这一点。平衡计分卡让满意度和合规质量占大部分权重，合规关口让严重问题无法用业绩抵消，跳升监测帮助管理者及早发现异常；晋升和表彰也要看整个岗位，而不是销售排名。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Not capping the sales points**: an employee at 10 times target gets 1,000 sales points and drowns every other measure; the weight cap then means nothing.
# - **Negative compliance points**: three findings give −50 by the formula; they must be floored at 0, or the total lands in a meaningless range.
# - **Building only half of the gate**: one finding halves the bonus and two or more cancel it; both steps are needed, and "≥ 1" must not become "> 1".
# - **Comparing with the bank-wide median**: sales volumes differ widely between roles and branches; a spike is measured against the person's own history.
# - **Using the mean instead of the median**: a spike raises the mean and so hides itself; the median is not moved by a single extreme month.
# - **Treating a spike as misconduct**: a spike is a reason to review, not a reason to punish.
# - **Changing the bonus but not promotion and recognition**: if the bonus becomes a scorecard while promotion and "star of the month" still follow sales rankings, or demotion is used to push sales, the message staff hear has not changed.
#
# ## Summary
#
# A bonus paid on sales alone pushes staff towards mis-selling, as the Lloyds, Wells Fargo, Crude Oil Treasure and Bank of Shanghai cases show. A balanced scorecard gives most of the weight to satisfaction and compliance quality, a compliance gate stops serious problems being offset by sales, and spike monitoring helps managers spot trouble early; promotion and recognition, too, must look at the whole role rather than the sales ranking. Now work through this module's exercise.
