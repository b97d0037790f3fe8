# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="zh" tracks="frontline"
# # 案例 3 练习：民生银行支行"飞单"案
#
# 本练习共 14 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Case 3 exercise: Minsheng Bank's off-book products
#
# This exercise is worth 14 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 案例 3 练习：民生银行支行"飞单"案
#
# 本练习共 15 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Case 3 exercise: Minsheng Bank's off-book products
#
# This exercise is worth 15 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy.casedata import minsheng_off_book as case

data = case.load(seed=7)
contracts, shelf, transfers, settlement_accounts = data["contracts"], data["shelf"], data["transfers"], data["settlement_accounts"]

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：不在货架上的合同
#
# 编写函数 `off_shelf(contracts, shelf)`，返回不在货架上的合同（`contracts` 的行，保留原有列）。
# 合同在货架上，当且仅当它的 `product_code` 出现在 `shelf` 中，**并且**签署日期 `signed_on` 落在该产品的 `sale_start` 到 `sale_end` 之间（两端都包含）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): contracts that are off the shelf
#
# Write `off_shelf(contracts, shelf)`, returning the contracts that are off the shelf (rows of `contracts`, with its columns).
# A contract is on the shelf if and only if its `product_code` appears in `shelf` **and** its `signed_on` date falls between that product's `sale_start` and `sale_end`, both included.

# %% solution="shelf" tracks="analyst"
def off_shelf(contracts, shelf):
    ### BEGIN SOLUTION
    register = shelf.set_index("product_code")
    start = contracts.product_code.map(register.sale_start)
    end = contracts.product_code.map(register.sale_end)
    on_shelf = (contracts.signed_on >= start) & (contracts.signed_on <= end)
    return contracts[~on_shelf]
    ### END SOLUTION


# %% mistake="shelf" name="code-only" tracks="analyst"
def off_shelf(contracts, shelf):
    return contracts[~contracts.product_code.isin(shelf.product_code)]


# %% mistake="shelf" name="last-day-excluded" tracks="analyst"
def off_shelf(contracts, shelf):
    register = shelf.set_index("product_code")
    start = contracts.product_code.map(register.sale_start)
    end = contracts.product_code.map(register.sale_end)
    on_shelf = (contracts.signed_on >= start) & (contracts.signed_on < end)
    return contracts[~on_shelf]


# %% tracks="analyst" test="shelf" points=3
toy_shelf = pd.DataFrame({"product_code": ["P1", "P2"],
                          "sale_start": pd.to_datetime(["2025-01-01", "2025-02-01"]), "sale_end": pd.to_datetime(["2025-01-10", "2025-02-14"])})
toy_contracts = pd.DataFrame({"contract_id": ["c1", "c2", "c3", "c4", "c5"], "product_code": ["P1", "P1", "P1", "X9", "P2"],
                              "signed_on": pd.to_datetime(["2025-01-05", "2025-01-10", "2025-03-02", "2025-01-05", "2025-02-01"])})
result = off_shelf(toy_contracts, toy_shelf)
assert list(result.columns) == list(toy_contracts.columns), "返回 contracts 的行，保留原有列"  # [zh]
assert list(result.columns) == list(toy_contracts.columns), "return rows of contracts with its columns"  # [en]
assert sorted(result.contract_id) == ["c3", "c4"], "c3 的产品早已停售，c4 的代码不在货架上；c2 签在销售期最后一天，仍然合规"  # [zh]
assert sorted(result.contract_id) == ["c3", "c4"], "c3's product had stopped selling and c4's code is not on the shelf; c2 was signed on the last day of the window, which is allowed"  # [en]
### BEGIN HIDDEN TESTS
windows = {code: (start, end) for code, start, end in zip(shelf.product_code, shelf.sale_start, shelf.sale_end)}
expected = [cid for cid, code, day in zip(contracts.contract_id, contracts.product_code, contracts.signed_on)
            if code not in windows or not (windows[code][0] <= day <= windows[code][1])]
assert sorted(off_shelf(contracts, shelf).contract_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：付往非结算账户的资金
#
# 编写函数 `paid_outside(transfers, settlement_accounts)`，返回收款账号（`payee_account`）**不是**本行专用结算账户（`settlement_accounts.account_no`）的转账（`transfers` 的行，保留原有列）。
# 注意：开在本行的账户不一定是结算账户。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): money paid outside the settlement accounts
#
# Write `paid_outside(transfers, settlement_accounts)`, returning the transfers (rows of `transfers`, with its columns) whose `payee_account` is **not** one of the bank's dedicated settlement accounts (`settlement_accounts.account_no`).
# Mind that an account held at Jinhe Bank is not necessarily a settlement account.

# %% solution="outside" tracks="analyst"
def paid_outside(transfers, settlement_accounts):
    ### BEGIN SOLUTION
    return transfers[~transfers.payee_account.isin(settlement_accounts.account_no)]
    ### END SOLUTION


# %% mistake="outside" name="other-banks-only" tracks="analyst"
def paid_outside(transfers, settlement_accounts):
    return transfers[transfers.payee_bank != "JINHE"]


# %% mistake="outside" name="wrong-direction" tracks="analyst"
def paid_outside(transfers, settlement_accounts):
    return transfers[transfers.payee_account.isin(settlement_accounts.account_no)]


# %% tracks="analyst" test="outside" points=3
toy_settlement = pd.DataFrame({"account_no": ["S1", "S2"], "purpose": ["wealth_subscriptions", "private_banking_subscriptions"]})
toy_transfers = pd.DataFrame({"transfer_id": ["t1", "t2", "t3", "t4"], "payee_account": ["S1", "A77", "B55", "S2"],
                              "payee_bank": ["JINHE", "JINHE", "HUAXIN", "JINHE"]})
result = paid_outside(toy_transfers, toy_settlement)
assert list(result.columns) == list(toy_transfers.columns), "返回 transfers 的行，保留原有列"  # [zh]
assert list(result.columns) == list(toy_transfers.columns), "return rows of transfers with its columns"  # [en]
assert sorted(result.transfer_id) == ["t2", "t3"], "t2 开在本行但不是结算账户，t3 在他行；t1 和 t4 付入了结算账户"  # [zh]
assert sorted(result.transfer_id) == ["t2", "t3"], "t2 is held at Jinhe Bank but is not a settlement account, t3 is at another bank; t1 and t4 went to settlement accounts"  # [en]
### BEGIN HIDDEN TESTS
official = set(settlement_accounts.account_no)
expected = [tid for tid, account in zip(transfers.transfer_id, transfers.payee_account) if account not in official]
assert sorted(paid_outside(transfers, settlement_accounts).transfer_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：高于货架上任何产品的许诺收益
#
# 假产品的诱饵是收益：合同公开许诺的年收益（`quoted_return_pct`，年化，单位为百分比）远高于本行任何一款获准产品。
# 编写函数 `above_every_benchmark(contracts, shelf)`，返回许诺收益**高于货架上每一款产品**业绩比较基准（`shelf.benchmark_return_pct`）的合同（`contracts` 的行，保留原有列）。
# 注意：合同上的产品代码可能根本不在货架上。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): returns above every product on the shelf
#
# The fake products' bait was the return: the contracts openly offer a yearly return (`quoted_return_pct`, a yearly rate in percent) far above any of the bank's approved products.
# Write `above_every_benchmark(contracts, shelf)`, returning the contracts (rows of `contracts`, with its columns) whose offered return is **above the performance benchmark of every product on the shelf** (`shelf.benchmark_return_pct`).
# Mind that the product code on a contract may not be on the shelf at all.

# %% solution="bait" tracks="analyst"
def above_every_benchmark(contracts, shelf):
    ### BEGIN SOLUTION
    return contracts[contracts.quoted_return_pct > shelf.benchmark_return_pct.max()]
    ### END SOLUTION


# %% mistake="bait" name="own-product-benchmark" tracks="analyst"
def above_every_benchmark(contracts, shelf):
    own = contracts.product_code.map(shelf.set_index("product_code").benchmark_return_pct)
    return contracts[contracts.quoted_return_pct > own]


# %% mistake="bait" name="ge-for-gt" tracks="analyst"
def above_every_benchmark(contracts, shelf):
    return contracts[contracts.quoted_return_pct >= shelf.benchmark_return_pct.max()]


# %% tracks="analyst" test="bait" points=3
toy_shelf = pd.DataFrame({"product_code": ["P1", "P2"], "benchmark_return_pct": [4.0, 4.8]})
toy_contracts = pd.DataFrame({"contract_id": ["k1", "k2", "k3", "k4", "k5"], "product_code": ["P1", "P2", "P1", "X9", "P1"],
                              "quoted_return_pct": [4.0, 4.8, 8.5, 8.6, 4.5]})
result = above_every_benchmark(toy_contracts, toy_shelf)
assert list(result.columns) == list(toy_contracts.columns), "返回 contracts 的行，保留原有列"  # [zh]
assert list(result.columns) == list(toy_contracts.columns), "return rows of contracts with its columns"  # [en]
assert sorted(result.contract_id) == ["k3", "k4"], "k3 和 k4（代码不在货架上）许诺的收益高于货架最高基准 4.8%；k2 正好等于 4.8%，k5 的 4.5% 虽高于 P1 的基准，却低于 P2 的"  # [zh]
assert sorted(result.contract_id) == ["k3", "k4"], "k3 and k4 (whose code is not on the shelf) offer more than the shelf's highest benchmark of 4.8%; k2 equals 4.8%, and k5's 4.5% is above P1's benchmark but below P2's"  # [en]
### BEGIN HIDDEN TESTS
top = max(shelf.benchmark_return_pct)
expected = [cid for cid, rate in zip(contracts.contract_id, contracts.quoted_return_pct) if rate > top]
assert sorted(above_every_benchmark(contracts, shelf).contract_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好。金禾银行审计部门收集了八家支行 2023 年 7 月至 2025 年 3 月签署的私人银行理财合同，逐份核对了三件事：
#
# - 合同许诺的年收益是否**高于货架上每一款获准产品的业绩比较基准**；
# - 签约当天，合同上的产品是否**在总行货架上、在销售期内**；
# - 客户的钱是否付进了本行的**专用结算账户**。
#
# 表中按支行列出合同数和每个信号出现的次数。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. Jinhe Bank's internal audit collected the private-banking wealth contracts signed at its eight branches from July 2023 to March 2025 and checked three things on each:
#
# - whether the yearly return the contract offers is **above the performance benchmark of every approved product on the shelf**;
# - whether, on the day it was signed, the contract's product was **on head office's shelf and within its sale window**;
# - whether the client's money went into one of the bank's **dedicated settlement accounts**.
#
# The table lists, by branch, the contracts and how often each signal appears.

# %% tracks="frontline"
from salesacademy import bankdata

ceiling = shelf.benchmark_return_pct.max()
register = shelf.set_index("product_code")
on_sale = (contracts.signed_on >= contracts.product_code.map(register.sale_start)) & (contracts.signed_on <= contracts.product_code.map(register.sale_end))
outside = contracts.contract_id.isin(transfers.contract_id[~transfers.payee_account.isin(settlement_accounts.account_no)])
above = contracts.quoted_return_pct > ceiling
by_branch = pd.DataFrame({
    "contracts": contracts.groupby("branch_id").size(),
    "above": above.groupby(contracts.branch_id).sum(),
    "clients": contracts.client_id[above].groupby(contracts.branch_id[above]).nunique(),
    "not_on_sale": (~on_sale).groupby(contracts.branch_id).sum(),
    "outside": outside.groupby(contracts.branch_id).sum(),
}).fillna(0).astype(int).sort_values(["above", "not_on_sale"], ascending=False)
offered = contracts.quoted_return_pct[above]
print(f"货架上最高的业绩比较基准：{ceiling:.2f}%（年化）；高于它的合同许诺的年收益：{offered.min():.2f}%–{offered.max():.2f}%")  # [zh]
print(f"Highest performance benchmark on the shelf: {ceiling:.2f}% a year; the contracts above it offer {offered.min():.2f}% to {offered.max():.2f}% a year")  # [en]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["合同（份）", "许诺收益高于货架最高基准（份）", "签了这类合同的客户（位）", "签约当天产品不在货架上（份）", "资金付往非结算账户（份）"]  # [zh]
by_branch.columns = ["Contracts", "Return above the shelf's highest benchmark", "Clients who signed such contracts", "Product not on the shelf that day", "Money paid outside the settlement accounts"]  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="suspect-count"

# %% question="bait-return"

# %% question="not-on-shelf"

# %% question="payee-account"

# %% question="report-channel"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你是金禾银行北京海淀支行的理财经理。支行行长把你叫进他的办公室：他为几位私人银行老客户准备了一批本行理财产品的"份额转让"合同，年收益 8.5%、保本保息，
# 款项付到一家投资公司的账户。他请你帮忙联系客户、在合同上盖章，并说"私行客户是特殊安排，不用去销售专区录像"。你在系统里查不到合同上的产品代码。
#
# 请回答：你从中认出了哪些**预警信号**？你会**怎么做**，向**谁**报告？对**已经签了这类合同的客户**，应当怎样保护他们？（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You are a wealth advisor at Jinhe Bank's Beijing Haidian branch. The branch manager calls you into his office. He has prepared "transfer" contracts for shares in the bank's wealth products for some long-standing private-banking clients, paying 8.5% a year with principal and return guaranteed,
# the money to be paid to an investment company's account. He asks you to contact the clients and stamp the contracts, and says "private-banking clients are a special arrangement, no need to record them in the sales zone". The product code on the contracts cannot be found in the system.
#
# Answer: which **warning signs** do you recognise? **What do you do**, and **whom** do you report to? How should **the clients who have already signed such contracts** be protected? (100–200 words)

# %% [markdown] written="advisor-seat" points=4
# YOUR ANSWER HERE
