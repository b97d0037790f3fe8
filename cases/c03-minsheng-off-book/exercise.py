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
# # 案例 3 练习：民生银行支行"飞单"案
#
# 本练习共 15 分，及格线 70%。代码题由系统自动评分，书面题由培训师按评分标准人工评分。
# 请只修改标有 `YOUR CODE HERE` 的单元格和书面回答单元格，完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en"
# # Case 3 exercise: Minsheng Bank's off-book products
#
# This exercise is worth 15 points; the pass mark is 70%. Code questions are graded automatically; the written question is graded by a trainer against a rubric.
# Change only the cells marked `YOUR CODE HERE` and the written answer's cell, press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy.casedata import minsheng_off_book as case

data = case.load(seed=7)
contracts, shelf, transfers, settlement_accounts = data["contracts"], data["shelf"], data["transfers"], data["settlement_accounts"]

# %% [markdown] lang="zh"
# ## 第 1 题（3 分）：不在货架上的合同
#
# 编写函数 `off_shelf(contracts, shelf)`，返回不在货架上的合同（`contracts` 的行，保留原有列）。
# 合同在货架上，当且仅当它的 `product_code` 出现在 `shelf` 中，**并且**签署日期 `signed_on` 落在该产品的 `sale_start` 到 `sale_end` 之间（两端都包含）。

# %% [markdown] lang="en"
# ## Question 1 (3 points): contracts that are off the shelf
#
# Write `off_shelf(contracts, shelf)`, returning the contracts that are off the shelf (rows of `contracts`, with its columns).
# A contract is on the shelf if and only if its `product_code` appears in `shelf` **and** its `signed_on` date falls between that product's `sale_start` and `sale_end`, both included.

# %% solution="shelf"
def off_shelf(contracts, shelf):
    ### BEGIN SOLUTION
    register = shelf.set_index("product_code")
    start = contracts.product_code.map(register.sale_start)
    end = contracts.product_code.map(register.sale_end)
    on_shelf = (contracts.signed_on >= start) & (contracts.signed_on <= end)
    return contracts[~on_shelf]
    ### END SOLUTION


# %% mistake="shelf" name="code-only"
def off_shelf(contracts, shelf):
    return contracts[~contracts.product_code.isin(shelf.product_code)]


# %% mistake="shelf" name="last-day-excluded"
def off_shelf(contracts, shelf):
    register = shelf.set_index("product_code")
    start = contracts.product_code.map(register.sale_start)
    end = contracts.product_code.map(register.sale_end)
    on_shelf = (contracts.signed_on >= start) & (contracts.signed_on < end)
    return contracts[~on_shelf]


# %% test="shelf" points=3
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

# %% [markdown] lang="zh"
# ## 第 2 题（3 分）：付往非结算账户的资金
#
# 编写函数 `paid_outside(transfers, settlement_accounts)`，返回收款账号（`payee_account`）**不是**本行专用结算账户（`settlement_accounts.account_no`）的转账（`transfers` 的行，保留原有列）。
# 注意：开在本行的账户不一定是结算账户。

# %% [markdown] lang="en"
# ## Question 2 (3 points): money paid outside the settlement accounts
#
# Write `paid_outside(transfers, settlement_accounts)`, returning the transfers (rows of `transfers`, with its columns) whose `payee_account` is **not** one of the bank's dedicated settlement accounts (`settlement_accounts.account_no`).
# Mind that an account held at Jinhe Bank is not necessarily a settlement account.

# %% solution="outside"
def paid_outside(transfers, settlement_accounts):
    ### BEGIN SOLUTION
    return transfers[~transfers.payee_account.isin(settlement_accounts.account_no)]
    ### END SOLUTION


# %% mistake="outside" name="other-banks-only"
def paid_outside(transfers, settlement_accounts):
    return transfers[transfers.payee_bank != "JINHE"]


# %% mistake="outside" name="wrong-direction"
def paid_outside(transfers, settlement_accounts):
    return transfers[transfers.payee_account.isin(settlement_accounts.account_no)]


# %% test="outside" points=3
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

# %% [markdown] lang="zh"
# ## 第 3 题（3 分）：高得不合理的承诺收益
#
# 编写函数 `implausible_promises(contracts, ceiling)`，返回年化收益率**高于** `ceiling`（例如货架上最高的业绩比较基准）的合同（`contracts` 的行，保留原有列）。
# `quoted_basis` 为 `"annual"` 时，`quoted_return_pct` 已是年化；为 `"term"` 时，它是整个期限的收益，年化收益率 = `quoted_return_pct × 365 ÷ term_days`。

# %% [markdown] lang="en"
# ## Question 3 (3 points): implausible promised returns
#
# Write `implausible_promises(contracts, ceiling)`, returning the contracts (rows of `contracts`, with its columns) whose yearly return is **above** `ceiling` (such as the highest performance benchmark on the shelf).
# When `quoted_basis` is `"annual"`, `quoted_return_pct` is already a yearly rate; when it is `"term"`, it is the return over the whole term, and the yearly rate is `quoted_return_pct × 365 ÷ term_days`.

# %% solution="promises"
def implausible_promises(contracts, ceiling):
    ### BEGIN SOLUTION
    yearly = contracts.quoted_return_pct.where(contracts.quoted_basis.eq("annual"), contracts.quoted_return_pct * 365 / contracts.term_days)
    return contracts[yearly > ceiling]
    ### END SOLUTION


# %% mistake="promises" name="as-written"
def implausible_promises(contracts, ceiling):
    return contracts[contracts.quoted_return_pct > ceiling]


# %% mistake="promises" name="annualise-everything"
def implausible_promises(contracts, ceiling):
    yearly = contracts.quoted_return_pct * 365 / contracts.term_days
    return contracts[yearly > ceiling]


# %% test="promises" points=3
toy = pd.DataFrame({"contract_id": ["k1", "k2", "k3", "k4", "k5"], "quoted_return_pct": [4.2, 4.5, 8.6, 1.1, 4.6],
                    "quoted_basis": ["term", "annual", "annual", "term", "annual"], "term_days": [182, 365, 182, 91, 91]})
result = implausible_promises(toy, 4.8)
assert list(result.columns) == list(toy.columns), "返回 contracts 的行，保留原有列"  # [zh]
assert list(result.columns) == list(toy.columns), "return rows of contracts with its columns"  # [en]
assert sorted(result.contract_id) == ["k1", "k3"], "k1 半年 4.2% 折合年化约 8.4%，k3 年化 8.6%；k4 年化约 4.4%，k5 本来就是年化 4.6%"  # [zh]
assert sorted(result.contract_id) == ["k1", "k3"], "k1 is 4.2% over half a year, about 8.4% a year, and k3 is 8.6% a year; k4 is about 4.4% a year and k5 is already a yearly 4.6%"  # [en]
### BEGIN HIDDEN TESTS
top = shelf.benchmark_return_pct.max()
expected = [cid for cid, q, basis, days in zip(contracts.contract_id, contracts.quoted_return_pct, contracts.quoted_basis, contracts.term_days)
            if (q if basis == "annual" else q * 365 / days) > top]
assert sorted(implausible_promises(contracts, top).contract_id) == sorted(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 4 题（2 分）：选择题
#
# 你是金禾银行一家支行的理财经理。一位私人银行老客户拿来一份盖有本支行合同专用章的合同：产品是半年前已结束销售的一款理财产品的"份额转让"，承诺"半年保本收益 4.2%"，
# 款项付到了一家投资公司的账户。合同的经办人是支行行长。你应当怎么做？
#
# - **A.** 告诉客户合同盖的是本行公章、经办人是行长，不用担心。
# - **B.** 在系统中核对产品代码和销售期、核对收款账户是否为结算账户，如实告诉客户需要进一步核实，并直接向合规部门或内部审计报告，不事先向行长透露。
# - **C.** 请行长亲自向客户解释清楚。
# - **D.** 建议客户等到期再说，到期拿不到钱再投诉。
#
# 把你的答案（`"A"`、`"B"`、`"C"` 或 `"D"`）赋值给 `choice`。

# %% [markdown] lang="en"
# ## Question 4 (2 points): multiple choice
#
# You are a wealth advisor at a Jinhe Bank branch. A long-standing private-banking client shows you a contract stamped with your branch's contract seal: a "transfer of shares" in a wealth product whose sale ended six months ago, promising "4.2% over half a year, principal guaranteed",
# with the money paid to an investment company's account. The contract was handled by the branch manager. What should you do?
#
# - **A.** Tell the client that the contract bears the bank's seal and was handled by the manager, so there is nothing to worry about.
# - **B.** Check the product code and sale window and whether the payee is a settlement account in the system, tell the client honestly that it needs checking, and report directly to compliance or internal audit without alerting the manager first.
# - **C.** Ask the branch manager to explain it to the client in person.
# - **D.** Advise the client to wait until maturity, and complain if the money does not come.
#
# Assign your answer (`"A"`, `"B"`, `"C"` or `"D"`) to `choice`.

# %% solution="choice"
choice = None
### BEGIN SOLUTION
choice = "B"
### END SOLUTION

# %% mistake="choice" name="trust-the-seal"
choice = "A"

# %% mistake="choice" name="ask-the-manager"
choice = "C"

# %% test="choice" points=2
assert choice in {"A", "B", "C", "D"}, '请用 "A"、"B"、"C" 或 "D" 作答'  # [zh]
assert choice in {"A", "B", "C", "D"}, 'answer with one of "A", "B", "C" or "D"'  # [en]
### BEGIN HIDDEN TESTS
assert choice == "B"
### END HIDDEN TESTS

# %% [markdown] lang="zh"
# ## 第 5 题（4 分）：书面回答
#
# 你是金禾银行内部审计部门的审计员。本案例的核对结果显示：一家支行一年半里有约 90 份合同不在货架上、年化收益约 8%–9%、承诺保本保收益，资金付往两家公司的账户，
# 几乎都没有双录，绝大部分由支行行长经办。而这家支行过去三年的例行审计都是"无重大发现"。
#
# 你认为问题的根源是什么？哪些控制措施本可以更早发现？现在你在这个位置上会做什么？（200–350 字）

# %% [markdown] lang="en"
# ## Question 5 (4 points): written answer
#
# You are an auditor in Jinhe Bank's internal audit department. The reconciliation in this case shows that over a year and a half one branch had about 90 contracts that were off the shelf, promised 8–9% a year with principal and return guaranteed, sent the money to two companies' accounts,
# were almost never recorded, and were mostly handled by the branch manager. Yet the branch's routine audits over the past three years all found "nothing material".
#
# What do you think is the root cause? Which controls would have caught it sooner? What do you do now, in this seat? (120–200 words)

# %% [markdown] written="audit-seat" points=4
# YOUR ANSWER HERE
