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
# # 模块 4：双录与冷静期
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说明哪些网点销售必须在销售专区同步录音录像（"双录"），以及这项规定要防范什么；
# 2. 说明私募理财产品至少 24 小时的冷静期：从何时起算、客户有什么权利、银行必须做什么；
# 3. 把销售台账、双录记录和撤销申请对起来，找出缺少可用双录的销售和没有全额退款的冷静期申请。

# %% [markdown] lang="en"
# # Module 4: Sales recording and the cooling-off period
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. say which in-branch sales must be recorded on audio and video in the dedicated sales zone, and what the rule is meant to prevent;
# 2. explain the cooling-off period of at least 24 hours for private wealth products: when it starts, what the customer may do, and what the bank must do;
# 3. reconcile the sales ledger with the recordings and the cancellation requests, finding sales without a usable recording and cooling-off requests that were not refunded in full.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# ### 销售专区录音录像（双录）
#
# - 银行在网点销售**自有理财产品**或**代销产品**，都要在专门的销售专区进行，并对销售的**全过程同步录音录像**。国债和实物贵金属可以不录；规模较小的网点可以用固定的销售柜台代替专区。
#   *来源：《银行业金融机构销售专区录音录像管理暂行规定》（2017 年 8 月 23 日）。*
# - 这项规定有两个目的：一是防止**误导销售**，二是防止员工**私售"飞单"**，即员工私下向客户推销不属于本行、未经准入的产品。
#   *来源：同上。*
#
# 为什么要录？请看一个真实案例。2017 年，民生银行北京航天桥支行的行长伪造合同和印章，把并不存在的"理财产品转让"包装成本行产品，卖给私人银行客户：被"转让"的原产品承诺保本、年收益至少 4.2%，而这些假"转让"以**年化 8% 以上**的收益招揽客户。媒体最初估计涉案 30 亿元，银行确认的金额约为 **16.5 亿元**，涉及约 150 名客户。2017 年 11 月 30 日，原北京银监局对该行罚款 **2,750 万元**，并对 **13 名**相关人员作出处罚，其中包括终身禁止从事银行业工作。
# *来源：财新（2017 年 4 月 27 日）、《21 世纪经济报道》和《第一财经》的报道。*
# 2020 年 11 月 25 日，上海银行也因绩效考核存在缺陷（2014–2018 年）和员工私售产品（飞单）被处以合计 180 万元的罚款，一名员工被终身禁业。
# *来源：ddsb.cn 2020 年 11 月 30 日的报道。*
#
# 一段完整、清晰、在专区内录制的录音录像，既能证明员工讲清了风险、卖的是本行准入的产品，也能在客户投诉时保护如实销售的员工。香港在雷曼"迷你债券"事件后也走了同一条路：2009 年起银行的投资产品销售须录音；此外，投资产品的销售区域与吸收存款的区域分开。
# *来源：Lexology、《南华早报》等媒体对雷曼迷你债券事件后续改革的报道。*
#
# ### 私募理财产品的冷静期
#
# - 银行销售**私募**理财产品，必须给投资者**不少于 24 小时**的冷静期，从客户签署销售文件时起算。冷静期内客户改变主意的，银行应当**解除合同并全额退还**客户的全部款项。**公募**理财产品没有冷静期。
#   *来源：《商业银行理财业务监督管理办法》（原银保监会 2018 年 9 月 28 日公布并施行）附件《商业银行理财产品销售管理要求》第（三）部分第 9 项。*
# - 私募基金也有类似规定：合同签署、款项缴纳之后，有不少于 24 小时的冷静期，冷静期内销售人员不得主动联系投资者；冷静期**结束后**，由**未参与销售**的人员进行回访，确认投资者的理解和意愿；回访确认之前，投资者仍可解除合同、拿回款项。
#   *来源：中国证券投资基金业协会《私募投资基金募集行为管理办法》（2016）第 29–31 条。*
#
# 冷静期给客户留出时间，在没有销售人员在场的情况下重新考虑一笔大额、复杂的投资。这个权利只有在银行痛快地、足额地退款时才有意义：扣下一部分"手续费"或拖到时限之后，都是在掏空这项权利。
#
# ### 代销业务的可回溯要求
#
# 银行代销他人产品的销售过程必须事后**可回溯**，这是现行《商业银行代理销售业务管理办法》的要求。该办法由国家金融监督管理总局于 2025 年 3 月 21 日发布，自 **2025 年 10 月 1 日**起施行，共 8 章 54 条：代销业务由总行统一管理，通过代销业务系统进行，列明 11 类禁止的销售行为，并对老年客户等设有专门的保护措施。它是当前代销业务双录、可回溯的依据。
# *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号），中国政府网。*
#
# 2017 年的录音录像规定当初以原银监会 2016 年的一份通知（银监发〔2016〕24 号）为依据；据律师事务所的评论文章（二手资料），2025 年的办法施行后取代了这份通知。因此，讲双录的现行依据时，应当引用 2025 年的办法，而不是 2016 年的通知。
#
# 在本课程的数据中，我们把销售时间 `sold_at` 视为客户签署销售文件的时间，冷静期从这一刻开始计算。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# ### Audio and video recording in the sales zone
#
# - When a bank sells its **own wealth products** or **products it distributes for others** in a branch, the sale takes place in a dedicated sales zone and the **whole sale is recorded on synchronised audio and video**. Government bonds and physical precious metals may be left out; a small branch may use a fixed sales counter instead of a zone.
#   *Source: Interim Provisions on Audio and Video Recording in the Sales Zones of Banking Institutions (dated 23 August 2017).*
# - The rule has two aims: to stop **misleading sales**, and to stop **"flying orders"**, where an employee privately sells a customer something that is not the bank's approved product.
#   *Source: same provisions.*
#
# Why record? Consider a real case. In 2017 the head of Minsheng Bank's Hangtianqiao sub-branch in Beijing used forged contracts and seals to sell private-banking clients "transfers" of bank products that did not exist. The original products promised principal protection and at least 4.2% a year; the fake transfers were pitched as paying **more than 8% a year**. Media first estimated 3 billion yuan; the bank confirmed **about 1.65 billion yuan** from about 150 clients. On 30 November 2017 the then Beijing office of the CBRC fined the bank **27.5 million yuan** and sanctioned **13 people**, some with lifetime bans from banking.
# *Source: reports by Caixin (27 April 2017), 21st Century Business Herald and Yicai.*
# On 25 November 2020 Bank of Shanghai was also fined 1.8 million yuan in total, for flawed performance appraisal (2014–2018) and for staff privately selling products (flying orders); one employee was banned for life.
# *Source: ddsb.cn report of 30 November 2020.*
#
# A complete, clear recording made in the sales zone shows that the employee explained the risks and sold an approved product, and it protects the honest employee when a customer complains. Hong Kong took the same road after the Lehman minibond losses: from 2009 banks' investment sales were audio-recorded, and investment sales were moved apart from the deposit-taking areas.
# *Source: reports by Lexology, the South China Morning Post and others on the reforms after the minibond case.*
#
# ### The cooling-off period for private wealth products
#
# - A bank selling a **private** wealth product must give the investor a cooling-off period of **at least 24 hours**, starting when the customer signs the sales documents. If the customer changes their mind within it, the bank must **rescind the contract and refund all of the money**. **Public** wealth products have no cooling-off period.
#   *Source: Measures for the Supervision and Administration of the Wealth Management Business of Commercial Banks (published and in force 28 September 2018, the former CBIRC), annex "Sales Management Requirements for Commercial Banks' Wealth Products", part (3), item 9.*
# - Private funds have a similar rule: once the contract is signed and paid, a cooling-off period of at least 24 hours follows, during which the seller may not contact the investor. **After** it, staff **not involved in the sale** make a follow-up call to confirm that the investor understands and still wants the investment; until that call confirms it, the investor may still rescind and get the money back.
#   *Source: Asset Management Association of China, Measures on the Fundraising Conduct of Private Investment Funds (2016), Articles 29–31.*
#
# The cooling-off period gives the customer time to reconsider a large, complex investment without a salesperson in the room. The right means something only if the bank refunds promptly and in full: keeping back a "handling fee", or stalling until the period is over, hollows it out.
#
# ### Agency sales must be traceable
#
# When a bank sells other firms' products as their agent, the sale must be **traceable** afterwards: this is a requirement of the Measures on the Agency Sales Business of Commercial Banks now in force. The National Financial Regulatory Administration issued them on 21 March 2025, and they have applied since **1 October 2025**. In 8 chapters and 54 articles they put agency sales under the head office's central management, route them through an agency-sales system, list 11 banned sales practices, and add protections for elderly customers among others. They are the current basis for recording agency sales and keeping them traceable.
# *Source: Measures on the Agency Sales Business of Commercial Banks (Jingui [2025] No. 6), gov.cn.*
#
# The 2017 recording provisions originally rested on a 2016 notice of the former CBRC (Yinjianfa [2016] No. 24); according to a law firm's commentary (a secondary report), the 2025 measures replaced that notice when they took effect. So when you cite the current basis for recording, cite the 2025 measures, not the 2016 notice.
#
# In the course data we treat the sale time `sold_at` as the moment the customer signed the sales documents; the cooling-off period runs from then.

# %% [markdown] lang="zh"
# ## 实例一：哪些网点销售缺少双录
#
# 先载入金禾银行一年的销售数据，并把产品类型合并进来。`bankdata` 生成的是虚构数据，不涉及任何真实客户。

# %% [markdown] lang="en"
# ## Worked example 1: which in-branch sales lack a recording
#
# First load a year of Jinhe Bank's sales and add each product's type. `bankdata` generates fictional data; no real customer appears in it.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
ledger = bank.sales.merge(bank.products[["product_id", "type", "is_private"]], on="product_id")
ledger[["sale_id", "channel", "type", "amount_cny", "recording_id"]].head()

# %% [markdown] lang="zh"
# 需要双录的是**网点渠道**（`channel == "branch"`）销售的**非存款**产品。这项规定针对的是网点销售，存款也不需要双录；在本课程的数据中，手机银行、网上银行和电话渠道的销售一律没有双录编号。
# `recording_id` 为空，说明这笔销售根本没有双录：

# %% [markdown] lang="en"
# Recording is required for sales made **in the branch** (`channel == "branch"`) of any product **other than a deposit**. The rule is about in-branch sales, and deposits need no recording; in the course data, sales through mobile, online and phone channels never carry a recording id.
# An empty `recording_id` means the sale was not recorded at all:

# %%
required = ledger[(ledger.channel == "branch") & (ledger.type != "deposit")]
no_recording = required.recording_id.isna()
print(f"需要双录的网点销售：{len(required)} 笔，其中完全没有双录：{no_recording.sum()} 笔（{no_recording.mean():.1%}）")  # [zh]
print(f"In-branch sales that need a recording: {len(required)}; with no recording at all: {no_recording.sum()} ({no_recording.mean():.1%})")  # [en]

# %% [markdown] lang="zh"
# 按网点看缺失率，分母是**需要双录的销售**，而不是全部销售：

# %% [markdown] lang="en"
# The missing rate by branch. The denominator is the **sales that need a recording**, not all sales:

# %%
by_branch = no_recording.groupby(required.branch_id).mean().sort_values()
ax = by_branch.mul(100).plot.barh(color="#b03a2e", figsize=(7, 3.5))
ax.set_title("各网点需双录但没有录音录像的销售")  # [zh]
ax.set_xlabel("占需双录销售的比例（%）")  # [zh]
ax.set_title("In-branch sales with no recording, by branch")  # [en]
ax.set_xlabel("Share of sales that need a recording (%)")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 有双录编号还不够。规定要求在**销售专区**内**同步录音录像**，所以一段录音录像只有在专区内录制、录音可用、录像也可用时才算数。看看 `recordings` 表里各项检查不合格的段数：

# %% [markdown] lang="en"
# Having a recording id is not enough. The rule asks for **synchronised audio and video** made **in the sales zone**, so a recording counts only if it was made in the zone and both its audio and its video are usable. Here is how many recordings fail each check:

# %%
checks = bank.recordings[["in_sales_zone", "audio_ok", "video_ok"]]
failed = (~checks).sum()
failed.index = ["不在销售专区", "录音不可用", "录像不可用"]  # [zh]
failed.index = ["Outside the sales zone", "Audio unusable", "Video unusable"]  # [en]
failed

# %% [markdown] lang="zh"
# 练习中你要把这两部分合起来：既包括没有录音录像的销售，也包括录音录像存在但不可用的销售。

# %% [markdown] lang="en"
# In the exercise you will combine the two: sales with no recording, and sales whose recording exists but is not usable.

# %% [markdown] lang="zh"
# ## 实例二：冷静期申请什么时候提出
#
# `cooling_off` 表的每一行是客户在购买私募产品后提出的撤销申请。把销售时间合并进来，计算申请距销售过了多少小时：

# %% [markdown] lang="en"
# ## Worked example 2: when cooling-off requests are made
#
# Each row of `cooling_off` is a customer's request to cancel a purchase of a private product. Add the sale time and work out how many hours after the sale each request came:

# %%
requests = bank.cooling_off.merge(bank.sales[["sale_id", "sold_at", "amount_cny"]], on="sale_id")
requests["hours"] = (requests.requested_at - requests.sold_at).dt.total_seconds() / 3600
in_period = requests.hours <= 24
print(f"共 {len(requests)} 笔撤销申请：{in_period.sum()} 笔在 24 小时冷静期内，{(~in_period).sum()} 笔在冷静期之后")  # [zh]
print(f"{len(requests)} cancellation requests: {in_period.sum()} within the 24-hour period, {(~in_period).sum()} after it")  # [en]

# %%
refunded = requests.refunded_cny > 0
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.hist([requests.hours[refunded], requests.hours[~refunded]], bins=range(0, 42, 2), stacked=True, color=["#2e7d32", "#b03a2e"],
        label=["已退款", "未退款"])  # [zh]
        label=["Refunded", "Not refunded"])  # [en]
ax.axvline(24, color="black", linestyle="--")
ax.set_title("撤销申请距销售的时间")  # [zh]
ax.set_xlabel("销售后经过的小时数（虚线为 24 小时）")  # [zh]
ax.set_ylabel("申请笔数")  # [zh]
ax.set_title("Time from sale to cancellation request")  # [en]
ax.set_xlabel("Hours after the sale (dashed line: 24 hours)")  # [en]
ax.set_ylabel("Requests")  # [en]
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 图上看，24 小时以内的申请都有退款，之后的都没有。但"有退款"不等于"全额退款"：练习中你要逐笔核对退款金额是否等于购买金额。

# %% [markdown] lang="en"
# The chart suggests every request within 24 hours got a refund and none after. But "refunded" is not the same as "refunded in full": in the exercise you will check, request by request, that the refund equals the amount bought.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **只看有没有双录编号**：录在专区外、录音或录像不可用的双录，同样不符合要求。
# - **录音、录像有一个能用就算**：规定要求同步录音**和**录像，两者缺一不可。
# - **忘了筛选范围**：手机银行等非网点渠道的销售和存款本来就没有双录，不应计入缺失。
# - **用 `.dt.seconds` 算时长**：它只返回不足一天的那部分秒数，30 小时会被算成 6 小时。应使用 `.dt.total_seconds()`，或除以 `pd.Timedelta(hours=1)`。
# - **把正好 24 小时算成超期**：冷静期"不少于 24 小时"，第 24 小时整提出的申请仍在期内，应使用 `<=`。
# - **只找退款为 0 的申请**：扣了一部分再退，同样没有履行全额退款的义务。
# - **"客户同意不录"或"客户已经确认"**：双录和冷静期都是对客户的保护，不能由员工和客户商量免除。
#
# ## 小结
#
# 网点销售非存款产品，要在销售专区全程同步录音录像，目的是防止误导销售和飞单；私募理财产品有至少 24 小时的冷静期，期内撤销必须全额退款，公募产品没有冷静期。核对时，把销售、双录和撤销申请逐笔对上。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Checking only for a recording id**: a recording made outside the sales zone, or with unusable audio or video, does not meet the rule either.
# - **Accepting audio or video alone**: the rule asks for synchronised audio **and** video; both must be usable.
# - **Forgetting the scope**: sales through mobile banking and other non-branch channels, and deposits, are never recorded, so they are not missing recordings.
# - **Measuring time with `.dt.seconds`**: it returns only the seconds left over after whole days, so 30 hours becomes 6. Use `.dt.total_seconds()`, or divide by `pd.Timedelta(hours=1)`.
# - **Treating exactly 24 hours as late**: the period is "at least 24 hours", so a request at the 24th hour is still within it; use `<=`.
# - **Looking only for refunds of zero**: paying back part of the money also fails the duty to refund in full.
# - **"The customer agreed to skip it"**: recording and the cooling-off period protect the customer; staff and customer cannot agree to waive them.
#
# ## Summary
#
# In-branch sales of anything other than deposits are recorded in full, on audio and video, in the sales zone, to stop misleading sales and flying orders. Private wealth products carry a cooling-off period of at least 24 hours, with a full refund for any cancellation within it; public products have none. To check, match sales, recordings and cancellation requests one by one. Now work through this module's exercise.
