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
# # 模块 9：内部审计与销售记录监测
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说出"飞单"（员工私自销售未经银行准入的产品）的主要危险信号；
# 2. 用产品准入名单和销售记录找出销售了货架外产品的员工；
# 3. 按风险抽取审计样本：有危险信号的销售全部检查，其余销售按固定种子随机抽取一部分，使抽样可以复现。

# %% [markdown] lang="en"
# # Module 9: Internal audit and surveillance of sales records
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. name the main red flags of "flying-order" sales (飞单), in which staff privately sell products the bank never approved;
# 2. use the approved product list and the sales records to find the staff who sold products that are not on the shelf;
# 3. draw a risk-based audit sample: every sale with a red flag is checked, and a share of the others is drawn at random with a fixed seed, so that anyone can repeat the draw.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 销售记录的审计和监测，是银行发现违规销售的最后一道防线。相关规则和真实案件：
#
# - 银行业金融机构在网点销售自有理财产品和代销产品，须在销售专区内进行，并对销售全过程同步录音录像。这项规定的目的，正是防止误导销售和私售"飞单"。
#   *来源：《银行业金融机构销售专区录音录像管理暂行规定》（2017 年 8 月 23 日）。*
# - 非金融机构和个人不得销售理财产品；不得以任何方式明示或暗示保本保收益，不得预测和宣传"预期收益"。
#   *来源：《理财公司理财产品销售管理暂行办法》（2021 年 6 月 27 日施行）第 25 条等。*
# - 代销业务由总行统一管理（第 8 条），销售须通过代销业务系统进行（第 9 条），销售过程须可回溯。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6 号，2025 年 3 月 21 日发布，2025 年 10 月 1 日施行）。*
# - **民生银行北京航天桥支行案（2017 年）**：支行行长用伪造的合同和印章，以"转让"本行理财产品为名销售虚假产品。原产品承诺保本、年收益至少 4.2%，虚假的"转让"则以年收益 **8% 以上**为诱饵。媒体最初估计涉案 30 亿元，银行确认约 16.5 亿元，涉及约 150 名私人银行客户。2017 年 11 月 30 日，原北京银监局罚款 2750 万元，并处罚 13 名责任人，其中包括终身禁止从事银行业工作。法院最终认定受害人 147 名、涉案金额 27.46 亿元，支行行长被判处无期徒刑。高收益并没有藏起来：它正是摆在客户面前的诱饵。
#   *来源：财新 2017 年 4 月 27 日报道；《21 世纪经济报道》；《第一财经》；判决结果见《南华早报》2020 年 12 月 14 日报道。*
# - **上海银行（2020 年）**：2020 年 11 月 25 日，上海银行因 2014–2018 年的绩效考核存在缺陷、员工私售产品（飞单）被罚款合计 180 万元，一名员工被终身禁止从事银行业工作。
#   *来源：ddsb.cn 2020 年 11 月 30 日报道。*
# - 英国监管机构要求银行在管理报表中监测个别员工的销售量突增，并监测面对面销售。
#   *来源：FSA/FCA 指引 FG13/1《金融激励给客户带来的风险》（2013 年 1 月 16 日）。*
#
# **飞单的危险信号**（审计时逐项核对）：
#
# 1. 产品不在银行的准入名单（货架）上，或者根本不在银行的产品系统里；
# 2. 许诺的收益远高于同类获准产品的业绩比较基准，或者承诺保本保息；
# 3. 资金没有进入银行的产品账户，而是转入个人或其他公司的账户；合同、印章不是从银行系统生成的；
# 4. 销售不在销售专区进行，没有录音录像，或录音录像不完整；
# 5. 某位员工的销售量突然远高于同事。
#
# 为什么要审计销售记录？飞单的客户以为自己买的是银行的产品，出事时才发现钱已经不在银行。一位员工的行为就可能让上百位客户受损，银行也要承担罚款和声誉损失。只靠员工自觉，发现不了这样的问题。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Auditing and monitoring sales records is the bank's last line of defence against improper sales. The rules and real cases:
#
# - When a bank sells its own wealth products or agency products in a branch, the sale takes place in a dedicated sales zone, and the whole sale is recorded in synchronous audio and video. The stated aim of the rule is to stop misleading sales and private "flying-order" sales.
#   *Source: Interim Provisions on Audio and Video Recording in the Sales Zones of Banking Institutions (23 August 2017).*
# - Non-financial firms and individuals may not sell wealth products; no one may guarantee principal or returns, explicitly or implicitly, or predict and advertise "expected returns".
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies (in force 27 June 2021), Article 25 among others.*
# - The head office manages agency sales centrally (Article 8), sales go through the agency-sales system (Article 9), and each sale must be traceable afterwards.
#   *Source: Measures on the Agency Sales Business of Commercial Banks (Jin Gui [2025] No. 6, issued 21 March 2025, in force 1 October 2025).*
# - **Minsheng Bank, Beijing Hangtianqiao sub-branch (2017).** The branch head used forged contracts and seals to sell fake "transfers" of the bank's wealth products. The original products promised principal protection and at least 4.2% a year; the fake transfers were pitched as paying **more than 8% a year**, and that high rate was the bait. The media first estimated 3 billion yuan; the bank confirmed about 1.65 billion yuan from about 150 private banking clients. On 30 November 2017 the then Beijing CBRC office fined the bank 27.5 million yuan and sanctioned 13 people, including lifetime bans from banking. The court later found 147 victims and 2.746 billion yuan involved, and sentenced the branch head to life imprisonment. The high return was not hidden: it was the bait held out to the clients.
#   *Source: Caixin, 27 April 2017; 21st Century Business Herald; Yicai; for the court outcome, South China Morning Post, 14 December 2020.*
# - **Bank of Shanghai (2020).** On 25 November 2020 the bank was fined 1.8 million yuan in total, for flawed performance appraisal in 2014–2018 and for staff privately selling products (flying orders); one employee received a lifetime ban from banking.
#   *Source: report on ddsb.cn, 30 November 2020.*
# - The UK regulator asks firms to monitor spikes in individual staff's sales in their management reports, and to monitor face-to-face sales.
#   *Source: FSA/FCA guidance FG13/1, Risks to customers from financial incentives (16 January 2013).*
#
# **Red flags of a flying order** (check each in an audit):
#
# 1. the product is not on the bank's approved list (the shelf), or not in the bank's product system at all;
# 2. the promised return is far above the benchmarks of similar approved products, or principal and interest are guaranteed;
# 3. the money does not go into the bank's product account but to a personal or other company's account; the contract and seal were not produced by the bank's systems;
# 4. the sale did not happen in the sales zone, has no recording, or its recording is incomplete;
# 5. one employee's sales suddenly far exceed their colleagues'.
#
# Why audit sales records? Customers in a flying order believe they bought the bank's product and learn only when things go wrong that their money has left the bank. One employee can harm a hundred customers, and the bank bears the fines and the damage to its name. Trusting staff to police themselves will not find such a problem.

# %% [markdown] lang="zh"
# ## 实例一：货架外的产品
#
# 载入金禾银行的数据（虚构数据，不涉及任何真实的人和银行）。产品表的 `on_shelf` 列表示产品是否通过准入、在货架上销售。

# %% [markdown] lang="en"
# ## Worked example 1: products off the shelf
#
# Load Jinhe Bank's data (fictional; no real person or bank appears in it). The `on_shelf` column of the product table says whether a product was approved and is on the shelf.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
sales, products, recordings = bank.sales, bank.products, bank.recordings
products[~products.on_shelf]

# %% [markdown] lang="zh"
# 这两只"产品"标为私募理财，但许诺的收益是多少？和获准产品的业绩比较基准放在一起看：

# %% [markdown] lang="en"
# Both "products" are labelled private wealth, but what returns do they promise? Put them next to the benchmarks of the approved products:

# %%
type_names = {"deposit": "存款", "public_wealth": "公募理财", "insurance": "保险", "fund": "基金", "private_wealth": "私募理财", "structured_note": "结构性产品"}  # [zh]
type_names = {"deposit": "Deposit", "public_wealth": "Public wealth", "insurance": "Insurance", "fund": "Fund", "private_wealth": "Private wealth", "structured_note": "Structured note"}  # [en]
order = list(type_names)
approved = products[products.on_shelf]
unapproved = products[~products.on_shelf]
fig, ax = plt.subplots(figsize=(7.5, 3.8))
ax.scatter(approved.benchmark_return_pct, approved.type.map(order.index), color="#5d6d7e", label="获准产品的业绩比较基准")  # [zh]
ax.scatter(unapproved.benchmark_return_pct, unapproved.type.map(order.index), color="#b03a2e", marker="X", s=120, label="货架外产品许诺的收益")  # [zh]
ax.scatter(approved.benchmark_return_pct, approved.type.map(order.index), color="#5d6d7e", label="Benchmark of approved products")  # [en]
ax.scatter(unapproved.benchmark_return_pct, unapproved.type.map(order.index), color="#b03a2e", marker="X", s=120, label="Return promised by off-shelf products")  # [en]
ax.set_yticks(range(len(order)), [type_names[t] for t in order])
ax.set_title("年化收益率：获准产品与货架外产品")  # [zh]
ax.set_xlabel("年化收益率（%）")  # [zh]
ax.set_title("Annual returns: approved and off-shelf products")  # [en]
ax.set_xlabel("Annual return (%)")  # [en]
ax.legend(loc="lower right")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 获准的私募理财产品，业绩比较基准最高不到 5%，而这两只货架外产品公开许诺 8.4% 和 9.0%，几乎翻倍：高收益就是招揽客户的诱饵。要注意：有一款获准的结构性产品基准也超过 8%，所以**高收益只是值得追查的信号，判断是否违规要看准入名单**。
#
# 下面按员工汇总货架外产品的销售。注意判断标准是"不在准入名单上"，而不是"在产品表里标为 `on_shelf=False`"：真实的飞单产品往往根本不在银行的产品系统里。

# %% [markdown] lang="en"
# Approved private wealth products have benchmarks below 5%, while the two off-shelf products openly promise 8.4% and 9.0%, almost double: the high return is the bait that draws customers in. Note that one approved structured note also has a benchmark above 8%, so **a high return is a signal worth chasing; whether a sale breaks the rules is decided by the approved list**.
#
# Below we total the off-shelf sales by employee. The test is "not on the approved list", not "marked `on_shelf=False` in the product table": a real flying-order product is often not in the bank's product system at all.

# %%
on_list = sales.product_id.isin(products.product_id[products.on_shelf])
off_shelf = sales[~on_list]
off_shelf.groupby(["branch_id", "staff_id"]).amount_cny.agg(["size", "sum"])

# %% [markdown] lang="zh"
# ## 实例二：销售量异常
#
# 即使产品代码被伪装成正常产品，异常的销售量也会暴露问题。按员工统计全年销售金额，和同事比较：

# %% [markdown] lang="en"
# ## Worked example 2: unusual sales volumes
#
# Even if the product codes had been disguised as normal products, the volume would give the problem away. Total each employee's sales for the year and compare them with their colleagues':

# %%
volume = sales.groupby("staff_id").amount_cny.sum().div(1e6).sort_values()
top = volume.tail(10)
ax = top.plot.barh(color=["#b03a2e" if v > 3 * volume.median() else "#5d6d7e" for v in top], figsize=(7, 4))
ax.axvline(volume.median(), color="black", linestyle="--")
ax.set_title("全年销售金额最高的 10 名员工（虚线为全体员工中位数）")  # [zh]
ax.set_xlabel("销售金额（百万元）")  # [zh]
ax.set_title("Ten staff with the highest sales for the year (dashed: median of all staff)")  # [en]
ax.set_xlabel("Sales (million CNY)")  # [en]
ax.set_ylabel("")
plt.tight_layout()
plt.show()

# %% [markdown] lang="zh"
# 一名员工的全年销售额是中位数的六倍多。销售额高本身不是违规，但它是必须解释的异常，正是 FG13/1 要求监测的"个人销售突增"。

# %% [markdown] lang="en"
# One employee sold more than six times the median. A high figure is not a breach in itself, but it is an anomaly that must be explained: exactly the "individual sales spike" FG13/1 asks firms to monitor.

# %% [markdown] lang="zh"
# ## 实例三：按风险抽样，并且可以复现
#
# 审计人员不可能逐笔检查六千笔销售。按风险抽样的做法是：
#
# 1. **有危险信号的销售全部检查**，例如：产品不在准入名单上；网点销售非存款产品却没有可用的录音录像（没有录音录像，或者录音、录像不完整，或者不在销售专区录制）；客户以销售误导为由投诉过；
# 2. **其余销售随机抽取一部分**，用来发现规则没有覆盖到的问题；
# 3. **记下随机种子**。同一个种子、同样的数据，抽出的样本完全相同，复核人员可以重新抽一遍，确认样本没有被人为挑选。
#
# 录音录像本身也需要检查。下面统计存在问题的录音录像所占比例：

# %% [markdown] lang="en"
# ## Worked example 3: a risk-based sample that can be repeated
#
# No auditor can check six thousand sales one by one. A risk-based sample works like this:
#
# 1. **check every sale with a red flag**, for example: the product is not on the approved list; an in-branch sale of a non-deposit product has no usable recording (none at all, incomplete audio or video, or recorded outside the sales zone); the customer complained of mis-selling;
# 2. **draw a random share of the other sales**, to find problems the rules do not cover;
# 3. **record the random seed**. With the same seed and the same data the draw gives exactly the same sample, so a reviewer can repeat it and confirm that nobody hand-picked the sales.
#
# The recordings themselves need checking too. Here is the share of recordings with a problem:

# %%
usable = recordings.audio_ok & recordings.video_ok & recordings.in_sales_zone
print(f"{len(recordings)} 段录音录像中，{(~usable).sum()} 段不可用（{(~usable).mean():.1%}）")  # [zh]
print(f"Of {len(recordings)} recordings, {(~usable).sum()} are not usable ({(~usable).mean():.1%})")  # [en]

# %% [markdown] lang="zh"
# `DataFrame.sample` 的 `random_state` 参数就是随机种子。同一个种子抽两次，结果相同；换一个种子，结果不同：

# %% [markdown] lang="en"
# The `random_state` argument of `DataFrame.sample` is the random seed. Two draws with the same seed give the same rows; another seed gives other rows:

# %%
first_ten = sales.head(10)
draw_1 = first_ten.sample(n=3, random_state=2025).sale_id.tolist()
draw_2 = first_ten.sample(n=3, random_state=2025).sale_id.tolist()
draw_3 = first_ten.sample(n=3, random_state=7).sale_id.tolist()
print(draw_1, draw_2, draw_3)

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **只找标为货架外的产品**：判断标准是"不在准入名单上"。不在产品表里的产品代码同样是货架外产品，而且往往更危险。
# - **用收益率高低代替准入名单**：个别获准产品的基准也很高。高收益提示你去查，但不能代替核对准入名单。
# - **只看有没有录音录像**：有录音录像不等于可用。录音或录像不完整、不在销售专区录制的，同样算作危险信号。
# - **要求所有销售都有录音录像**：手机银行、网上银行、电话渠道的销售和存款销售不需要网点双录，把它们标为危险信号会淹没真正的问题。
# - **把所有投诉都当作危险信号**：本课的危险信号是以销售误导为由的投诉，费用、服务等类别的投诉另行处理。
# - **从全部销售中随机抽样**：随机抽样的对象是**没有**危险信号的那部分销售；有危险信号的已经全部入样。
# - **不设或不记录随机种子**：每次抽样结果都不同，别人无法复现，也无法证明样本没有被挑选过。抽到"不好看"的样本就重抽，更是绝对不允许的。
#
# ## 小结
#
# 飞单的危险信号包括货架外的产品、远高于基准的许诺收益、转到银行以外的资金、缺失的录音录像和异常的销售量。审计样本按风险抽取：有危险信号的全部检查，其余按记录下来的种子随机抽取。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Looking only for products marked off the shelf**: the test is "not on the approved list". A product code missing from the product table is just as much off the shelf, and often more dangerous.
# - **Using the level of return instead of the approved list**: some approved products also have high benchmarks. A high return tells you to look; it does not replace checking the list.
# - **Checking only whether a recording exists**: a recording that exists is not necessarily usable. Incomplete audio or video, or a recording made outside the sales zone, is a red flag too.
# - **Expecting a recording for every sale**: sales through mobile banking, online banking or the phone, and deposit sales, need no in-branch recording; flagging them buries the real problems.
# - **Treating every complaint as a red flag**: in this lesson the red flag is a complaint of mis-selling; complaints about fees, service and so on are handled separately.
# - **Drawing the random share from all sales**: the random draw is taken from the sales **without** a red flag; the flagged ones are already all in the sample.
# - **Setting no seed, or not recording it**: every draw then differs, nobody can repeat it, and nobody can show the sample was not hand-picked. Redrawing until the sample "looks better" is never allowed.
#
# ## Summary
#
# The red flags of a flying order are products off the shelf, promised returns far above benchmarks, money routed outside the bank, missing recordings and unusual sales volumes. An audit sample is drawn by risk: every flagged sale is checked, and a share of the rest is drawn at random with a recorded seed. Now work through this module's exercise.
