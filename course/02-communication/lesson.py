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
# # 模块 2：合规沟通：禁止的承诺
#
# **学习目标**：学完本课（约 15 分钟），你将能够：
#
# 1. 说出销售中被禁止的说法：明示或暗示保本保收益、宣称"零风险"、把理财产品说成存款、夸大收益、淡化或隐瞒风险；
# 2. 区分合规的风险揭示和违规的承诺，即使两者用到了同一个词；
# 3. 在通话记录中找出员工的违规话语，并按通话统计每位员工出现问题的次数。

# %% [markdown] lang="en"
# # Module 2: Compliant communication: prohibited promises
#
# **Learning objectives.** After this lesson (about 15 minutes) you will be able to:
#
# 1. name the statements a seller must never make: an explicit or implied guarantee of principal or return, "zero risk", presenting a wealth product as a deposit, exaggerated returns, and playing down or hiding risk;
# 2. tell a compliant risk disclosure from a prohibited promise, even when both use the same word;
# 3. find the non-compliant lines staff speak in call transcripts, and count for each member of staff how many calls went wrong.

# %% [markdown] lang="zh"
# ## 规则及其由来
#
# 客户往往更相信销售人员当面说的一句话，而不是合同里的几页条款。所以监管对"说什么"有明确的禁止性规定。
#
# - 《理财公司理财产品销售管理暂行办法》于 2021 年 5 月 27 日发布、2021 年 6 月 27 日施行，共 8 章 69 条。其中第 25 条列出了 18 种禁止行为，与沟通直接相关的包括：
#   - 以任何方式**明示或暗示**保证本金或收益；
#   - 虚假宣传或片面宣传，预测、宣传产品的"预期收益"；
#   - 展示业绩比较基准却不说明其依据；
#   - 把理财产品**当作存款**来介绍。
#
#   *来源：《理财公司理财产品销售管理暂行办法》第 25 条。*
# - 《银行保险机构消费者权益保护管理办法》自 2023 年 3 月 1 日起施行，把知情权列为消费者的八项权利之一，并明确要求**不得夸大收益、不得隐瞒风险**。
#   *来源：《银行保险机构消费者权益保护管理办法》（2023 年 3 月 1 日施行）。*
# - 银行代销其他机构的产品时，还要遵守 2025 年 10 月 1 日起施行的《商业银行代理销售业务管理办法》：它列出了 11 种禁止的销售行为，并要求销售过程可回溯，员工当面说过的话事后要能查证。
#   *来源：《商业银行代理销售业务管理办法》（金规〔2025〕6号），国家金融监督管理总局。*
#
# 注意"暗示"二字：一句话里没有"保本"两个字，也可能构成承诺。"您就当它是定期存款"暗示本金安全；"风险提示不用看，都是走形式"则是在隐瞒风险。
#
# 为什么要有这些规则？两起真实事件说明了后果：
#
# - 2017 年，民生银行北京航天桥支行的行长使用伪造的合同和印章，向私人银行客户兜售虚假的产品"转让"：原产品承诺保本、年收益至少 4.2%，虚假的"转让"则以年收益 8% 以上为诱饵。银行确认涉及约 150 名客户、约 16.5 亿元。2017 年 11 月 30 日，原北京银监局对该行罚款 2750 万元，并处理了 13 名相关人员，其中包括终身禁止从事银行业工作。
#   *来源：财新 2017 年 4 月 27 日报道，以及 21 世纪经济报道、第一财经的报道。*
# - 2020 年 4 月 20 日，WTI 原油 5 月期货合约以每桶 −37.63 美元结算，中国银行"原油宝"约 6 万名投资者亏损。原银保监会对中国银行罚款 5050 万元，列举的问题中包括宣传夸大、赠送礼品以及员工激励不合理。
#   *来源：Caixin Global 2020 年 12 月 5 日报道，以及彭博社的报道。*
#
# 承诺保本的话一旦说出口，客户就是按"不会亏"来做决定的；亏损发生时，客户觉得被骗，银行面对的是投诉、赔偿和监管处罚。

# %% [markdown] lang="en"
# ## The rule and why it exists
#
# Customers often trust one sentence a seller says to their face more than pages of contract terms. That is why the rules say plainly what a seller must not say.
#
# - The Interim Measures on the Sale of Wealth Products by Wealth Management Companies were issued on 27 May 2021 and took effect on 27 June 2021, with 8 chapters and 69 articles. Article 25 lists 18 prohibited behaviours. Those about communication include:
#   - any **explicit or implied** guarantee of principal or return;
#   - false or one-sided promotion, or predicting and advertising an "expected return";
#   - showing a performance benchmark without explaining its basis;
#   - presenting a wealth product **as if it were a deposit**.
#
#   *Source: Interim Measures on the Sale of Wealth Products by Wealth Management Companies, Article 25.*
# - The Measures on Consumer Protection by Banking and Insurance Institutions, in force since 1 March 2023, list the right to be informed among consumers' eight rights and forbid **exaggerating returns or hiding risks**.
#   *Source: Measures on Consumer Protection by Banking and Insurance Institutions (in force 1 March 2023).*
# - When a bank sells other institutions' products as agent, the Measures on Agency Sales by Commercial Banks, in force since 1 October 2025, also apply: they list 11 prohibited sales behaviours and require the sale to be traceable, so that what a seller said can be checked afterwards.
#   *Source: Measures on Agency Sales by Commercial Banks (Jin Gui [2025] No. 6), National Financial Regulatory Administration.*
#
# Note the word "implied": a sentence can amount to a guarantee without ever saying "principal-protected". "Just think of it as a time deposit" implies the principal is safe; "no need to read the risk disclosure, it is only a formality" hides the risk.
#
# Why do these rules exist? Two real events show the consequences:
#
# - In 2017 the head of Minsheng Bank's Hangtianqiao sub-branch in Beijing used forged contracts and seals to sell private-banking clients fake "transfers" of products: the originals promised principal protection and at least 4.2% a year, and the fake transfers were pitched as paying more than 8% a year: the high rate was the bait. The bank confirmed about 1.65 billion yuan from about 150 clients. On 30 November 2017 the then Beijing office of the banking regulator fined the bank 27.5 million yuan and sanctioned 13 people, some with lifetime bans from banking.
#   *Source: Caixin, 27 April 2017, and reports by 21st Century Business Herald and Yicai.*
# - On 20 April 2020 the May WTI crude-oil contract settled at −37.63 dollars a barrel, and about 60,000 investors in Bank of China's "Crude Oil Treasure" lost money. The former CBIRC fined Bank of China 50.5 million yuan; the failures it cited included exaggerated advertising, gifts and unreasonable staff incentives.
#   *Source: Caixin Global, 5 December 2020, and Bloomberg.*
#
# Once a promise of safety has been made, the customer decides as if they cannot lose; when the loss comes, they feel deceived, and the bank faces complaints, compensation and penalties.

# %% [markdown] lang="zh"
# ## 实例：在通话记录中找违规话语
#
# `bank.transcripts` 是金禾银行销售通话的逐句记录，同一句话有中文原文（`text_zh`）和英文译文（`text_en`）。奇数句是客户说的，偶数句是员工说的。数据是虚构的。

# %% [markdown] lang="en"
# ## Worked example: finding prohibited statements in call transcripts
#
# `bank.transcripts` holds Jinhe Bank's sales calls line by line, each line in Chinese (`text_zh`) and in English translation (`text_en`). Odd-numbered lines are the customer's, even-numbered lines the employee's. The data is fictional.

# %%
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from salesacademy import bankdata
from salesacademy.charts import use_cjk_font

use_cjk_font()
bank = bankdata.load(seed=7)
lines = bank.transcripts
TEXT = "text_zh"  # [zh]
TEXT = "text_en"  # [en]
lines.loc[lines.call_id == "L00009", ["line_no", "speaker", TEXT]]

# %% [markdown] lang="zh"
# 这通电话里客户问了两次能不能保本，员工每次都如实回答"不保本"，并提醒"理财非存款"。这是一通合规的通话。再看另一通：

# %% [markdown] lang="en"
# In this call the customer asks twice whether the principal is guaranteed, and the employee answers truthfully that it is not, adding that a wealth product is not a deposit. This call is compliant. Now look at another one:

# %%
lines.loc[lines.call_id == "L00101", ["line_no", "speaker", TEXT]]

# %% [markdown] lang="zh"
# 第 2 句员工承诺"保本保息"，是明确的违规，哪怕这通电话后面也说了业绩比较基准不是承诺。一句违规，就足以让整通电话成为问题通话。
#
# ### 简单搜关键词会怎样？
#
# 最直接的想法是搜索所有含"保本"的句子。看看能搜出什么：

# %% [markdown] lang="en"
# In line 2 the employee promises that principal and interest are guaranteed: a clear violation, even though later in the same call the employee says the benchmark is not a promise. One prohibited line is enough to make the whole call a problem call.
#
# ### What happens with a plain keyword search?
#
# The obvious idea is to search for every line that mentions the principal. Let us see what that finds:

# %%
KEYWORD = "保本"  # [zh]
KEYWORD = "principal"  # [en]
hits = lines[lines[TEXT].str.contains(KEYWORD, case=False)]
by_sentence = hits.groupby(["speaker", TEXT]).size().sort_values()
by_sentence

# %% [markdown] lang="zh"
# 搜出的句子分成三类：客户的提问、员工的合规风险揭示（"不保本"），以及员工真正的违规承诺。用图来看比例：

# %% [markdown] lang="en"
# The hits fall into three groups: customers' questions, employees' compliant disclosures ("not principal-protected"), and employees' real promises. A chart shows the proportions:

# %%
labels = [textwrap.fill(text, 36) for _, text in by_sentence.index]
colours = ["#9e9e9e" if speaker == "customer" else "#2e5c8a" for speaker, _ in by_sentence.index]
fig, ax = plt.subplots(figsize=(9, 3.2))
ax.barh(labels, by_sentence.to_numpy(), color=colours)
ax.set_title(f"含「{KEYWORD}」的句子（灰色：客户；蓝色：员工）")  # [zh]
ax.set_xlabel("句数")  # [zh]
ax.set_title(f'Lines containing "{KEYWORD}" (grey: customer, blue: staff)')  # [en]
ax.set_xlabel("Number of lines")  # [en]
plt.tight_layout()
plt.show()

# %%
PROMISE = "保本保息"  # [zh]
PROMISE = "guarantees your principal"  # [en]
promises = hits[hits.speaker.eq("staff") & hits[TEXT].str.contains(PROMISE, case=False)]
print(f"关键词命中 {len(hits)} 句，其中真正的保本承诺只有 {len(promises)} 句（{len(promises) / len(hits):.0%}）。")  # [zh]
print(f"The keyword hits {len(hits)} lines, of which only {len(promises)} ({len(promises) / len(hits):.0%}) are real promises of principal.")  # [en]

# %% [markdown] lang="zh"
# 绝大多数命中都不是违规：客户有权问"能不能保本"，员工**必须**说明"不保本"。如果质检按关键词标记，合规的员工反而会被冤枉，真正的问题淹没在大量误报里。
#
# 反过来，只搜"保本"也会**漏掉**问题：把产品说成定期存款、预测收益翻倍、说风险提示"走形式"，这些话都不含这个词。
#
# ### 更好的做法：先读句子，再定规则
#
# 质检人员的通常做法是：先通读员工说过的不同句子，逐句判断合规与否，再为每一类违规挑出**只会出现在违规话语里**的短语，最后拿合规的风险揭示去检验这些短语，确认不会误报。我们的数据里员工的不同句子并不多：

# %% [markdown] lang="en"
# Almost none of the hits are violations: a customer is entitled to ask whether the principal is safe, and the employee **must** say that it is not guaranteed. Flagging by keyword punishes the compliant employees and buries the real problems under false alarms.
#
# A keyword search also **misses** problems: calling the product a time deposit, predicting that returns will double, or calling the risk disclosure a formality, none of which mentions the principal.
#
# ### A better way: read the sentences, then write the rule
#
# Quality reviewers usually read the distinct sentences staff have said, judge each one, then choose for each kind of violation phrases that **appear only in prohibited statements**, and finally test those phrases against the compliant disclosures to make sure they raise no false alarm. In our data staff use only a handful of distinct sentences:

# %%
lines.loc[lines.speaker.eq("staff"), TEXT].value_counts()

# %% [markdown] lang="zh"
# 对照本课开头的规则，逐句判断哪些属于禁止的说法，是练习第 1 题的任务。
#
# ### 数通话，而不是数句子
#
# 主管关心的是"有多少通电话让客户听到了违规的话"。一通电话里员工说了两次"稳赚"，仍然只是**一通**问题通话。按员工统计时，还应当列出**所有**被抽查的员工，没有问题通话的员工记为 0，这样才能看出问题是集中在少数人身上，还是普遍存在。

# %% [markdown] lang="en"
# Judging each sentence against the rules at the top of this lesson is the first task of the exercise.
#
# ### Count calls, not lines
#
# A supervisor wants to know how many calls exposed a customer to a prohibited statement. If an employee says "guaranteed" twice in one call, that is still **one** problem call. When counting per employee, list **every** employee whose calls were reviewed, with 0 for those without a problem call; only then can you see whether the problem sits with a few people or is widespread.

# %% [markdown] lang="zh"
# ## 常见错误
#
# - **关键词太宽**：把含"保本""风险""存款"的句子都标记为违规，会把"本产品不保本""理财非存款"这样必须说的风险揭示也算进去。
# - **把客户的话算作违规**：客户问"这个能保本吗？"不是员工的违规。只审查 `speaker` 为 `staff` 的句子。
# - **只看明示，不看暗示**："就当它是定期存款""风险提示不用看"里没有"保本"二字，却同样被禁止。
# - **数句子而不是数通话**：一通电话里有两句违规，只算一通问题通话。
# - **漏掉没有问题的员工**：统计表里应当保留问题通话为 0 的员工。
#
# ## 小结
#
# 禁止的不只是"保本"两个字，而是任何明示或暗示的保本保收益、"零风险"、把理财说成存款、夸大收益和隐瞒风险。判断时要看是谁说的、在说什么：同一个词，出现在风险揭示里是合规，出现在承诺里是违规。接下来请完成本模块的练习。

# %% [markdown] lang="en"
# ## Common pitfalls
#
# - **Keywords that are too broad**: flagging every line that mentions the principal, risk or deposits also flags required disclosures such as "not principal-protected" and "not a deposit".
# - **Blaming staff for what customers say**: "Is my principal guaranteed with this one?" is a customer's question, not a staff violation. Review only lines whose `speaker` is `staff`.
# - **Catching only explicit promises**: "think of it as a time deposit" and "no need to read the risk disclosure" never mention the principal, yet both are prohibited.
# - **Counting lines instead of calls**: two prohibited lines in one call make one problem call.
# - **Dropping the clean employees**: keep employees with zero problem calls in the table.
#
# ## Summary
#
# What is prohibited is not a word but a message: any explicit or implied guarantee of principal or return, "zero risk", presenting a wealth product as a deposit, exaggerated returns and hidden risks. Judge who is speaking and what they are saying: the same word is compliant in a disclosure and prohibited in a promise. Now work through this module's exercise.
