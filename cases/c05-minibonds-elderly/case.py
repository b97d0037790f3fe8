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
# # 案例 c05：雷曼"迷你债券"——存款柜台上的老年客户
#
# **学习目标**：学完本案例（约 25 分钟），你将能够：
#
# 1. 说明香港雷曼迷你债券事件的规模、赔偿方案和随后的改革；
# 2. 在销售数据中找出老年客户在存款柜台买入高风险结构性票据、缺少录音录像、当天重做风险测评等预警信号；
# 3. 用回访结果检验客户是否真正理解了风险，并说明哪些控制本可以更早发现问题。

# %% [markdown] lang="en"
# # Case c05: Lehman "minibonds", older customers at the deposit counter
#
# **Learning objectives.** After this case (about 25 minutes) you will be able to:
#
# 1. describe the scale of the Hong Kong Lehman minibonds affair, the settlement and the reforms that followed;
# 2. find the warning signs in sales data: customers aged 65 and over buying high-risk structured notes at the deposit counter, missing recordings, risk assessments redone on the day of the sale;
# 3. use follow-up calls to test whether customers really understood the risk, and say which controls would have found the problem sooner.

# %% [markdown] lang="zh"
# ## 发生了什么
#
# 在香港，与雷曼兄弟挂钩的"迷你债券"等产品经银行卖给了**超过 4 万名**投资者，其中仅迷你债券一项就约为 **126 亿港元**。
#
# - **2009 年 7 月 22 日**达成回购方案：65 岁以下的投资者按面值的 **60%** 获得回购，**65 岁及以上**的投资者按 **70%**。
# - 2011 年的进一步安排使投资者最多可收回 **96.5%**。
#
# 事件之后，香港对银行销售投资产品做了一系列改革：
#
# - 从 2009 年起，银行销售投资产品的过程要录音；
# - 投资产品的销售要与吸收存款的区域分开；
# - 从 2011 年 1 月 1 日起，对易受损客户实行投资前冷静期；
# - 易受损客户可以带一位陪同人，或要求另一名员工在场；
# - 香港金管局在 2010 年开展"神秘顾客"检查，覆盖 20 家银行、350 个样本。
#
# *来源：Lexology；nine.com.au；《南华早报》；hkcomplier。*

# %% [markdown] lang="en"
# ## What happened
#
# In Hong Kong, Lehman-linked "minibonds" and similar products were sold through banks to **more than 40,000** investors; the minibonds alone came to about **HK$12.6 billion**.
#
# - A buy-back agreed on **22 July 2009** paid investors under 65 **60%** of face value, and investors **aged 65 and over 70%**.
# - A further deal in 2011 brought recoveries of up to **96.5%**.
#
# Hong Kong then reformed how banks sell investment products:
#
# - from 2009, bank sales of investment products are audio-recorded;
# - investment sales are separated from the areas where deposits are taken;
# - from 1 January 2011, vulnerable customers get a cooling-off period before they invest;
# - a vulnerable customer may bring a companion or ask for a second member of staff;
# - the HKMA ran mystery shopping in 2010: 350 samples across 20 banks.
#
# *Source: Lexology; nine.com.au; South China Morning Post; hkcomplier.*

# %% [markdown] lang="zh"
# ## 中国内地的相应规则
#
# - 最早提出以下要求的，是原银监会 2011 年的《商业银行理财产品销售管理办法》：客户首次风险测评须在网点进行；对 **65 岁及以上**的客户，测评须充分考虑年龄和投资经验，结果由客户本人签字确认。该办法已被 2018 年的理财业务规则取代，这里只说明要求的由来；现行规则见下面几条。
#   *来源：《商业银行理财产品销售管理办法》（银监会令 2011 年第 5 号，历史规则）第 28 条。*
# - 网点销售本行理财产品和代销产品，必须在**销售专区**内进行，并对销售全过程**同步录音录像**，目的是防止误导销售和私售"飞单"。
#   *来源：《银行业金融机构销售专区录音录像管理暂行规定》（2017 年 8 月 23 日）。*
# - 禁止把理财产品当作存款来介绍。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条。*
# - 现行的代销管理办法对老年客户提出了专门的保护要求，并要求销售过程可回溯；代销产品的录音录像，现在以这部办法为依据。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 10 月 1 日起施行）。*
# - 这些规则的监管机构是国家金融监督管理总局，它于 2023 年 5 月 18 日在原银保监会的基础上组建。
#   *来源：新华社，2023 年 5 月 18 日。*

# %% [markdown] lang="en"
# ## The corresponding rules in mainland China
#
# - The rule that first required the following was the former CBRC's 2011 measures on the sale of commercial banks' wealth products: a customer's first risk assessment happens in a branch; for customers **aged 65 or over**, age and investment experience must be given due weight, and the customer signs the result personally. Those measures were superseded by the 2018 wealth-management rules and are cited here only as the origin of the requirement; the rules in force follow.
#   *Source: CBRC Order 2011 No. 5, Article 28 (no longer in force).*
# - In a branch, the bank's own wealth products and agency products are sold in a dedicated **sales zone**, with **synchronous audio and video recording** of the whole sale, to stop misleading sales and private "flying-order" sales.
#   *Source: Interim Provisions on Audio-Video Recording in Sales Zones of Banking Institutions, 23 August 2017.*
# - A wealth product may not be presented as if it were a deposit.
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25.*
# - The agency-sales measures now in force add targeted protections for elderly customers and require every sale to be traceable afterwards; they are now the basis for recording agency sales.
#   *Source: Measures on the Agency Sales Business of Commercial Banks (Jin Gui [2025] No. 6, in force since 1 October 2025).*
# - The regulator of these rules is the National Financial Regulatory Administration (NFRA), set up on 18 May 2023 on the basis of the former CBIRC.
#   *Source: Xinhua, 18 May 2023.*

# %% [markdown] lang="zh"
# ## 金禾银行的数据
#
# 金禾银行（虚构）在 2024-07-01 至 2025-06-30 期间销售定期存款、公募理财和三期"稳盈挂钩票据"（R4、R5 的结构性票据，不保本）。
# 数据中的人名和产品都是虚构的。票据到目前为止还没有出问题：你的任务是在出问题**之前**找出预警信号。

# %% [markdown] lang="en"
# ## Jinhe Bank's data
#
# From 2024-07-01 to 2025-06-30 the fictional Jinhe Bank sold time deposits, public wealth products and three series of "Steady Gain Linked Notes" (structured notes rated R4 and R5, not principal-protected).
# Names and products in the data are fictional. Nothing has gone wrong with the notes so far: your task is to find the warning signs **before** it does.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from salesacademy.casedata import dictionary_tables
from salesacademy.casedata import minibonds_elderly
from salesacademy.charts import use_cjk_font

use_cjk_font()
pd.set_option("display.max_colwidth", 120)
LANG = "zh"  # [zh]
LANG = "en"  # [en]

tables = minibonds_elderly.load(seed=7)
customers, products, staff = tables["customers"], tables["products"], tables["staff"]
sales, recordings, callbacks = tables["sales"], tables["recordings"], tables["callbacks"]
{name: len(table) for name, table in tables.items()}

# %% [markdown] lang="zh"
# 数据字典说明了每张表和每一列的含义：

# %% [markdown] lang="en"
# The data dictionary explains every table and every column:

# %%
overview, columns = dictionary_tables(minibonds_elderly.DICTIONARY, LANG, tables)
overview

# %%
columns

# %% [markdown] lang="zh"
# ## 分析一：谁在哪里买了票据
#
# 先把客户年龄和产品类型合并进销售记录，再按年龄段看结构性票据是在哪里卖出的。**先猜一猜**：75 岁以上客户的票据，有多少是在存款柜台买的？

# %% [markdown] lang="en"
# ## Analysis 1: who bought the notes, and where
#
# Join the customers' ages and the product types to the sales, then see where the structured notes were sold, by age group. **Guess first**: how many of the notes bought by customers over 75 were sold at the deposit counter?

# %%
ledger = sales.merge(customers[["customer_id", "age", "risk_level", "risk_assessed_on"]], on="customer_id").merge(
    products[["product_id", "type", "risk_level"]], on="product_id", suffixes=("_customer", "_product")
)
ledger["elderly"] = ledger.age >= minibonds_elderly.ELDERLY_AGE
notes = ledger[ledger.type == "structured_note"]
age_group = pd.cut(notes.age, [0, 44, 64, 74, 120], labels=["<45", "45–64", "65–74", "75+"])
where = pd.crosstab(age_group, notes.location, normalize="index")[["deposit_counter", "sales_zone", "mobile"]]

location_names = {"deposit_counter": "存款柜台", "sales_zone": "销售专区（录音录像）", "mobile": "手机银行"}  # [zh]
location_names = {"deposit_counter": "Deposit counter", "sales_zone": "Sales zone (recorded)", "mobile": "Mobile banking"}  # [en]
ax = where.mul(100).rename(columns=location_names).plot.bar(stacked=True, color=["#c0392b", "#2e86c1", "#95a5a6"], figsize=(7, 3.8), rot=0)
ax.set_title("各年龄段客户的结构性票据在哪里卖出")  # [zh]
ax.set_xlabel("客户年龄")  # [zh]
ax.set_ylabel("占该年龄段票据销售的比例（%）")  # [zh]
ax.set_title("Where each age group's structured notes were sold")  # [en]
ax.set_xlabel("Customer age")  # [en]
ax.set_ylabel("Share of the group's note sales (%)")  # [en]
ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
plt.tight_layout()
plt.show()
notes.groupby("elderly").size()

# %% [markdown] lang="zh"
# 65 岁以下客户的票据大多在销售专区或手机银行买入；65 岁及以上客户的票据却几乎都是在存款柜台、由柜员卖出的。存款柜台不是销售专区，也没有录音录像设备。

# %% [markdown] lang="en"
# Customers under 65 bought their notes mostly in the sales zone or on mobile banking; the notes of customers aged 65 and over were nearly all sold at the deposit counter, by tellers. The deposit counter is not a sales zone and has no recording equipment.

# %%
notes.groupby(["location", "elderly"]).agg(
    sales=("sale_id", "size"), from_matured_deposit=("funded_from_deposit", "mean"), amount_cny=("amount_cny", "sum")
).round(2)

# %% [markdown] lang="zh"
# 柜台上的票据销售，资金大多来自刚到期的定期存款：客户来办理存款续存，离开时手里却是一张不保本的票据。

# %% [markdown] lang="en"
# The money for the notes sold at the counter mostly came from time deposits that had just matured: the customer came in to roll over a deposit and left holding a note that is not principal-protected.

# %% [markdown] lang="zh"
# ## 分析二：录音录像和网点
#
# 网点销售非存款产品必须有录音录像；手机银行销售不需要。下面只看**网点**的非存款产品销售，比较不同地点的录音缺失率和录音质量，再按支行统计柜台上卖给 65 岁及以上客户的票据。

# %% [markdown] lang="en"
# ## Analysis 2: recordings, and branches
#
# Every in-branch sale of a non-deposit product needs a recording; mobile sales need none. Looking only at **in-branch** sales of non-deposit products, compare how often the recording is missing and how good it is, by location; then count, per branch, the notes sold at the counter to customers aged 65 and over.

# %%
in_branch = ledger[(ledger.location != "mobile") & (ledger.type != "deposit")]
recorded = recordings.merge(in_branch[["sale_id", "location"]], on="sale_id")
quality = recorded.groupby("location").agg(median_duration_s=("duration_s", "median"), disclosure_read=("disclosure_read", "mean"))
quality.insert(0, "missing_recording", in_branch.recording_id.isna().groupby(in_branch.location).mean())
quality.insert(0, "sales", in_branch.groupby("location").size())
quality.round(2)

# %%
counter_elderly = notes[(notes.location == "deposit_counter") & notes.elderly]
by_branch = pd.DataFrame({
    "recorded": counter_elderly[counter_elderly.recording_id.notna()].groupby("branch_id").size(),
    "missing": counter_elderly[counter_elderly.recording_id.isna()].groupby("branch_id").size(),
}).fillna(0).astype(int)
by_branch = by_branch.loc[by_branch.sum(axis=1).sort_values().index]

ax = by_branch.rename(columns={"recorded": "有录音录像", "missing": "缺失录音录像"}).plot.barh(  # [zh]
ax = by_branch.rename(columns={"recorded": "Recorded", "missing": "No recording"}).plot.barh(  # [en]
    stacked=True, color=["#7f8c8d", "#c0392b"], figsize=(7, 3.8))
ax.set_title("各支行在存款柜台卖给 65 岁及以上客户的票据")  # [zh]
ax.set_xlabel("销售笔数")  # [zh]
ax.set_title("Notes sold at the deposit counter to customers aged 65 and over, by branch")  # [en]
ax.set_xlabel("Sales")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 两家支行（深圳福田、广州天河）明显多于其他支行，而且其中一大半没有录音录像。没有录音，事后就无法证明销售时说了什么。

# %% [markdown] lang="en"
# Two branches (Shenzhen Futian and Guangzhou Tianhe) stand well above the rest, and most of their sales have no recording. Without a recording nobody can show afterwards what was said at the sale.

# %% [markdown] lang="zh"
# ## 分析三：当天重做的风险测评
#
# 票据是 R4、R5 产品。柜台上的这些老年客户是什么风险等级？他们的测评是什么时候做的？

# %% [markdown] lang="en"
# ## Analysis 3: risk assessments redone on the day
#
# The notes are R4 and R5 products. What risk level did these older customers at the counter have, and when were they assessed?

# %%
same_day = notes.risk_assessed_on == notes.sold_at.dt.normalize()
mismatch = notes.risk_level_product.str[1].astype(int) > notes.risk_level_customer.str[1].astype(int)
pd.DataFrame({"assessed_on_sale_day": same_day, "mismatch": mismatch}).groupby(notes.location).mean().round(2)

# %% [markdown] lang="zh"
# 在存款柜台卖出的票据，约一半客户的风险测评恰好在成交当天重做、结果刚好达到 C4；另外约一半客户的等级仍低于产品等级。存款系统不做适当性校验，两种情况都没有被拦截。
# 对 65 岁及以上客户的测评要充分考虑年龄和投资经验，最早是 2011 年办法第 28 条提出的；现行的 2025 年代销办法对老年客户有专门保护，2021 年办法第 25 条禁止员工代客户做测评。在柜台上几分钟内"测"出一个 C4，正是需要复核的信号。

# %% [markdown] lang="en"
# For notes sold at the deposit counter, about half the customers had their risk assessment redone on the very day of the sale, coming out at exactly C4; for most of the rest the level is still below the product's. The deposit system runs no suitability check, so neither was stopped.
# Giving due weight to age and experience when assessing customers aged 65 and over was first required by Article 28 of the 2011 measures; the 2025 agency-sales measures in force add targeted protections for elderly customers, and Article 25 of the 2021 measures bars staff from taking the assessment for a customer. A C4 "assessed" in a few minutes at a counter is exactly what needs a second look.

# %% [markdown] lang="zh"
# ## 分析四：回访告诉我们什么
#
# 每笔票据销售后一周内都有回访。只看**联系上**的客户，他们能否说出"这个产品不保本"？（`understood_risk` 在没联系上时为空，不能当作"不理解"。）

# %% [markdown] lang="en"
# ## Analysis 4: what the follow-up calls tell us
#
# Every note sale is followed by a call within a week. Among customers who were **reached**, could they say that the product is not principal-protected? (`understood_risk` is empty when the customer was not reached; that does not mean "did not understand".)

# %%
calls = callbacks.merge(notes[["sale_id", "location", "elderly"]], on="sale_id")
reached = calls[calls.reached]
understood = reached.groupby(["location", "elderly"]).understood_risk.mean().unstack().mul(100)
understood = understood.rename(index=location_names)
understood.columns = ["65 岁以下", "65 岁及以上"]  # [zh]
understood.columns = ["Under 65", "65 and over"]  # [en]
ax = understood.plot.bar(color=["#5dade2", "#1a5276"], figsize=(7, 3.8), rot=0)
ax.set_title("回访中能说出\u201c不保本\u201d的客户比例（仅联系上的客户）")  # [zh]
ax.set_ylabel("理解风险的客户占比（%）")  # [zh]
ax.set_title('Reached customers who could say the note is "not principal-protected"')  # [en]
ax.set_ylabel("Customers who understood the risk (%)")  # [en]
ax.set_xlabel("")
ax.set_ylim(0, 100)
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 回访结果早就在系统里：柜台上买票据的客户，大多数不知道自己买的东西不保本。回访如果只是"打完就算"，没有人按地点、年龄和网点汇总结果，这个信号就被浪费了。

# %% [markdown] lang="en"
# The answers were in the system all along: most customers who bought notes at the counter did not know what they had bought was not principal-protected. If follow-up calls are only "made and filed", with nobody summarising the answers by location, age and branch, the signal goes to waste.

# %% [markdown] lang="zh"
# ## 分析五：如果按香港的条件回购
#
# 假设票据出了问题，金禾银行按 2009 年香港的回购条件处理：65 岁以下客户按面值的 60%，65 岁及以上客户按 70%。需要多少钱？

# %% [markdown] lang="en"
# ## Analysis 5: a buy-back on the Hong Kong terms
#
# Suppose the notes fail and Jinhe Bank settles on the 2009 Hong Kong terms: 60% of face value for customers under 65 and 70% for those aged 65 and over. What would it cost?

# %%
rate = np.where(notes.elderly, minibonds_elderly.BUYBACK_RATE["65_and_over"], minibonds_elderly.BUYBACK_RATE["under_65"])
cost = notes.amount_cny * rate
print(f"票据面值合计 {notes.amount_cny.sum() / 1e6:.1f} 百万元，按香港条件回购需 {cost.sum() / 1e6:.1f} 百万元；"  # [zh]
      f"其中 {cost[notes.location == 'deposit_counter'].sum() / 1e6:.1f} 百万元用于柜台上卖出的票据。")  # [zh]
print(f"The notes have a face value of CNY {notes.amount_cny.sum() / 1e6:.1f} million; a buy-back on the Hong Kong terms would cost "  # [en]
      f"CNY {cost.sum() / 1e6:.1f} million, of which {cost[notes.location == 'deposit_counter'].sum() / 1e6:.1f} million for notes sold at the counter.")  # [en]

# %% [markdown] lang="zh"
# ## 预警信号汇总
#
# | 信号 | 数据中如何发现 | 本应拦截它的控制 |
# |---|---|---|
# | 老年客户在存款柜台买高风险票据 | 65 岁及以上客户的票据几乎都在柜台卖出，资金来自到期存款 | 投资产品只在销售专区销售；柜台系统不能下单非存款产品 |
# | 缺少录音录像 | 柜台上的票据销售一大半没有录音，有录音的也很短、常常没读风险揭示 | 同步录音录像；没有录音的销售不能完成；录音抽检 |
# | 当天重做的测评 | 约一半柜台客户的测评日期就是成交日，结果刚好是 C4 | 测评与销售分离；对 65 岁及以上客户复核测评 |
# | 回访显示客户不理解风险 | 柜台客户中能说出"不保本"的不到四成 | 按地点、年龄、网点汇总回访结果并跟进 |
# | 问题集中在个别网点 | 两家支行占了大部分 | 按网点监控，神秘顾客检查 |
#
# ## 讨论题
#
# 1. 柜员并不是理财经理，为什么柜台会成为卖票据的地方？考核和流程上可能有什么原因？
# 2. 香港的改革把投资销售与存款区域分开，并给易受损客户冷静期和陪同人。金禾银行现有的哪些规则已经覆盖这些做法，还缺什么？
# 3. 一位 70 岁的客户说"我不懂，你帮我选一个利息高的"。你会怎么做？
# 4. 回访的结果应该交给谁看？多久看一次？看到什么就必须采取行动？
#
# ## 本案例支持的课程模块
#
# - **03 投资者适当性**：65 岁及以上客户、测评的真实性；
# - **04 录音录像与冷静期**：销售专区、录音缺失、冷静期；
# - **08 客户分层与反馈**：易受损客户的差异化服务、回访结果的利用。

# %% [markdown] lang="en"
# ## The warning signs, together
#
# | Sign | How the data shows it | The control that should have stopped it |
# |---|---|---|
# | Older customers buy high-risk notes at the deposit counter | Nearly all notes of customers aged 65 and over were sold at the counter, with money from matured deposits | Investment products sold only in the sales zone; the counter system cannot book non-deposit products |
# | Missing recordings | Most note sales at the counter have no recording; the ones recorded are short and often skip the risk disclosure | Synchronous audio-video recording; no recording, no sale; sample checks of recordings |
# | Assessments redone on the day | For about half of counter customers the assessment date is the sale date, with a result of exactly C4 | Keep the assessment apart from the sale; review assessments of customers aged 65 and over |
# | Follow-up calls show customers did not understand | Fewer than four in ten counter customers could say "not principal-protected" | Summarise follow-up answers by location, age and branch, and act on them |
# | The problem sits in a few branches | Two branches account for most of it | Monitoring by branch; mystery shopping |
#
# ## Discussion questions
#
# 1. Tellers are not wealth advisors. Why would the counter become a place to sell notes? What in targets and processes might explain it?
# 2. Hong Kong separated investment sales from deposit-taking, and gave vulnerable customers a cooling-off period and a companion. Which of Jinhe Bank's current rules already cover these practices, and what is missing?
# 3. A 70-year-old customer says "I don't understand these things, just pick me one with high interest". What do you do?
# 4. Who should see the follow-up call results? How often? What finding must lead to action?
#
# ## Course modules this case supports
#
# - **03 Investor suitability**: customers aged 65 and over, and whether the assessment is genuine;
# - **04 Recording and cooling-off**: the sales zone, missing recordings, cooling-off periods;
# - **08 Tiering and feedback**: differentiated service for vulnerable customers, and using follow-up results.
