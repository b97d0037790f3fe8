"""Off-book "products" sold to private-banking clients in one Jinhe Bank branch.

Mechanism reproduced (after the 2017 case at a Beijing branch of Minsheng
Bank): the bank's approved product shelf lists every wealth product with its
sale window, annual performance benchmark and the settlement accounts that
collect subscriptions. At one branch the branch manager, helped now and then
by one wealth advisor, sells private-banking clients fake "transfers" of
products whose sale window has already closed, or products that never
existed. The contracts carry a forged or retired seal, are signed outside the
recorded sales zone, promise principal and return, and are pitched openly at
more than 8% a year: that rate is the bait, and it is far above the
benchmark of every product on the shelf (none reaches 5%). The money goes to two company accounts that are not settlement
accounts, one of them held at Jinhe Bank itself. Everything else about these
clients looks normal. A handful of genuine subscriptions elsewhere were booked
a few days after their sale window closed, so one signal alone is not proof.

Tables: ``staff``, ``clients``, ``shelf``, ``settlement_accounts``,
``seals``, ``contracts`` and ``transfers``; contracts are signed from
2023-07-01 to 2025-03-31.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

START = pd.Timestamp("2023-07-01")
END = pd.Timestamp("2025-03-31")
#: The branch and role behind the off-book sales.
OFF_BOOK_BRANCH = "BJ-HD"
BANK_CODE = "JINHE"

_SERIES = [("稳盈", "Steady Gain"), ("禾丰", "Harvest"), ("悦享", "Joy"), ("恒睿", "Constant Wisdom"), ("臻选", "Select")]

DICTIONARY: dict[str, dict] = {
    "staff": {
        "description": {
            "zh": "八家支行负责私人银行客户的员工，每行一名（人员均为虚构）。",
            "en": "Staff serving private-banking clients at eight branches, one row per employee (all fictional).",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，B 加两位数字。", "en": 'Staff id, "B" and two digits.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional name of the employee."},
            "branch_id": {"zh": "所属支行代码，例如 BJ-HD。", "en": "Branch the employee works at, e.g. BJ-HD."},
            "role": {
                "zh": "岗位：branch_manager（支行行长）、wealth_advisor（理财经理）或 relationship_manager（客户经理）。",
                "en": "Job role: branch_manager, wealth_advisor or relationship_manager.",
            },
        },
    },
    "clients": {
        "description": {
            "zh": "私人银行客户，每行一位客户。",
            "en": "Private-banking clients, one row per client.",
        },
        "columns": {
            "client_id": {"zh": "客户编号，V 加四位数字。", "en": 'Client id, "V" and four digits.'},
            "name": {"zh": "客户姓名（虚构）。", "en": "Fictional name of the client."},
            "age": {"zh": "客户年龄（截至 2025-03-31）。", "en": "Age of the client on 2025-03-31."},
            "branch_id": {"zh": "客户的开户支行。", "en": "Client's home branch."},
            "financial_assets_cny": {"zh": "客户在本行的金融资产，单位为人民币元。", "en": "Client's financial assets with the bank, in CNY."},
        },
    },
    "shelf": {
        "description": {
            "zh": "总行批准上架的理财产品登记表，每行一款产品。只有在销售期内才能认购。",
            "en": "Register of wealth products approved by head office, one row per product. A product may be bought only within its sale window.",
        },
        "columns": {
            "product_code": {"zh": "产品代码，例如 JH-WP-2401。", "en": "Product code, e.g. JH-WP-2401."},
            "name_zh": {"zh": "产品中文名称（虚构）。", "en": "Fictional Chinese name of the product."},
            "name_en": {"zh": "产品英文名称（虚构）。", "en": "Fictional English name of the product."},
            "risk_level": {"zh": "产品风险等级 R1–R5。", "en": "Product risk level, R1 to R5."},
            "benchmark_return_pct": {"zh": "业绩比较基准，年化，单位为百分比；不是承诺的收益。", "en": "Performance benchmark, a yearly rate in percent; not a promised return."},
            "term_days": {"zh": "产品期限（天）。", "en": "Term of the product in days."},
            "sale_start": {"zh": "销售期第一天。", "en": "First day of the sale window."},
            "sale_end": {"zh": "销售期最后一天（当天仍可认购）。", "en": "Last day of the sale window (sales are still allowed that day)."},
        },
    },
    "settlement_accounts": {
        "description": {
            "zh": "本行用于归集理财认购资金的专用结算账户，每行一个账户。认购资金只能付入这些账户。",
            "en": "The bank's dedicated settlement accounts that collect subscriptions to wealth products, one row per account. Subscriptions may be paid only into these accounts.",
        },
        "columns": {
            "account_no": {"zh": "账号。", "en": "Account number."},
            "purpose": {"zh": "账户用途说明。", "en": "What the account is used for."},
        },
    },
    "seals": {
        "description": {
            "zh": "合同专用章登记簿，每行一枚印章及其启用、停用日期。",
            "en": "Register of contract seals, one row per seal with the dates it came into and went out of use.",
        },
        "columns": {
            "seal_no": {"zh": "印章编号。", "en": "Seal number."},
            "branch_id": {"zh": "印章所属支行。", "en": "Branch the seal belongs to."},
            "valid_from": {"zh": "启用日期。", "en": "Date the seal came into use."},
            "valid_to": {"zh": "停用日期；仍在使用时为空。", "en": "Date the seal went out of use; empty if still in use."},
        },
    },
    "contracts": {
        "description": {
            "zh": "审计从客户档案和客户手中收集到的理财合同，每行一份合同。",
            "en": "Wealth-product contracts collected by the auditors from client files and from the clients themselves, one row per contract.",
        },
        "columns": {
            "contract_id": {"zh": "合同编号，H 加五位数字，按签署日期先后编号。", "en": 'Contract id, "H" and five digits, numbered in order of signing.'},
            "client_id": {"zh": "签约客户，对应 clients.client_id。", "en": "Client who signed; refers to clients.client_id."},
            "staff_id": {"zh": "经办员工，对应 staff.staff_id。", "en": "Employee who handled the sale; refers to staff.staff_id."},
            "branch_id": {"zh": "签约支行。", "en": "Branch where the contract was signed."},
            "signed_on": {"zh": "签署日期。", "en": "Date the contract was signed."},
            "product_code": {"zh": "合同上写明的产品代码。", "en": "Product code written on the contract."},
            "product_name": {"zh": "合同上写明的产品名称。", "en": "Product name written on the contract."},
            "amount_cny": {"zh": "认购金额，单位为人民币元。", "en": "Amount subscribed, in CNY."},
            "term_days": {"zh": "合同期限（天）。", "en": "Term of the contract in days."},
            "quoted_return_pct": {"zh": "合同上写明的收益率，单位为百分比；口径见 quoted_basis。", "en": "Return written on the contract, in percent; see quoted_basis for what it covers."},
            "quoted_basis": {
                "zh": "收益率口径：annual 表示年化，term 表示整个合同期限内的收益。",
                "en": "Basis of the quoted return: annual for a yearly rate, term for the return over the whole term.",
            },
            "guaranteed": {"zh": "合同或宣传材料是否承诺保本保收益。", "en": "Whether the contract or its sales material promises principal and return."},
            "recorded": {"zh": "销售过程是否在销售专区同步录音录像（双录）。", "en": "Whether the sale was recorded on audio and video in the sales zone."},
            "seal_no": {"zh": "合同上所盖合同专用章的编号。", "en": "Number of the contract seal stamped on the contract."},
        },
    },
    "transfers": {
        "description": {
            "zh": "客户为合同付款的转账记录，每行一笔转账。",
            "en": "Transfers clients made to pay for their contracts, one row per transfer.",
        },
        "columns": {
            "transfer_id": {"zh": "转账流水号，F 加五位数字。", "en": 'Transfer id, "F" and five digits.'},
            "contract_id": {"zh": "对应的合同，对应 contracts.contract_id。", "en": "Contract paid for; refers to contracts.contract_id."},
            "client_id": {"zh": "付款客户，对应 clients.client_id。", "en": "Client who paid; refers to clients.client_id."},
            "paid_on": {"zh": "付款日期。", "en": "Date of payment."},
            "amount_cny": {"zh": "付款金额，单位为人民币元。", "en": "Amount paid, in CNY."},
            "payee_account": {"zh": "收款账号。", "en": "Account number of the payee."},
            "payee_name": {"zh": "收款户名。", "en": "Name on the payee account."},
            "payee_bank": {
                "zh": "收款账户的开户行代码：JINHE 为本行，其他代码为他行。",
                "en": "Code of the bank holding the payee account: JINHE for Jinhe Bank, other codes for other banks.",
            },
        },
    },
}


def _shelf(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    start = START - pd.Timedelta(days=60)
    i = 0
    while start <= END:
        series_zh, series_en = _SERIES[i % len(_SERIES)]
        term = int(rng.choice([91, 182, 365], p=[0.3, 0.45, 0.25]))
        window = int(rng.integers(10, 22))
        rows.append(
            {
                "product_code": f"JH-WP-{start:%y%m}{i % 10}",
                "name_zh": f"金禾{series_zh}{term}天{i + 1}期",
                "name_en": f"Jinhe {series_en} {term}-day, issue {i + 1}",
                "risk_level": f"R{rng.choice([2, 3, 3, 4])}",
                "benchmark_return_pct": round(float(rng.uniform(3.0, 4.4) + (0.4 if term == 365 else 0.0)), 2),
                "term_days": term,
                "sale_start": start,
                "sale_end": start + pd.Timedelta(days=window - 1),
            }
        )
        start += pd.Timedelta(days=int(rng.integers(12, 20)))
        i += 1
    return pd.DataFrame(rows)


@memo.by_value(maxsize=8)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: staff, clients, shelf, settlement_accounts, seals, contracts and transfers.

    The same seed always gives the same tables. The result is cached and
    shared between callers: copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    branches = bankdata.BRANCHES.branch_id.to_numpy()
    roles = ["branch_manager", "wealth_advisor", "wealth_advisor", "wealth_advisor", "relationship_manager", "relationship_manager"]
    staff = pd.DataFrame(
        {
            "staff_id": [f"B{i:02d}" for i in range(1, len(branches) * len(roles) + 1)],
            "name": bankdata.person_names(rng, len(branches) * len(roles)),
            "branch_id": np.repeat(branches, len(roles)),
            "role": np.tile(roles, len(branches)),
        }
    )
    n_clients = 640
    clients = pd.DataFrame(
        {
            "client_id": [f"V{i:04d}" for i in range(1, n_clients + 1)],
            "name": bankdata.person_names(rng, n_clients),
            "age": np.clip(rng.normal(58, 11, n_clients).round(), 30, 88).astype(int),
            "branch_id": rng.choice(branches, n_clients),
            "financial_assets_cny": np.round(rng.lognormal(16.4, 0.6, n_clients).clip(6e6, None), -4),
        }
    )
    shelf = _shelf(rng)
    settlement = pd.DataFrame(
        {
            "account_no": ["6228480010000101", "6228480010000102", "6228480010000103"],
            "purpose": ["wealth_subscriptions", "private_banking_subscriptions", "agency_product_subscriptions"],
        }
    )
    seal_rows = []
    for b in branches:
        seal_rows.append((f"HT-{b}-01", b, pd.Timestamp("2019-01-01"), pd.Timestamp("2024-02-29")))
        seal_rows.append((f"HT-{b}-02", b, pd.Timestamp("2024-03-01"), pd.NaT))
    seals = pd.DataFrame(seal_rows, columns=["seal_no", "branch_id", "valid_from", "valid_to"])

    # Genuine contracts: products on the shelf, bought inside their sale window.
    n_legit = 1500
    product = shelf.iloc[rng.integers(0, len(shelf), n_legit)].reset_index(drop=True)
    window = (product.sale_end - product.sale_start).dt.days.to_numpy()
    offset = np.where(rng.random(n_legit) < 0.06, window, (rng.random(n_legit) * (window + 1)).astype(int))
    # A handful of genuine subscriptions are booked a few days after the window closed (late paperwork).
    offset = np.where(rng.random(n_legit) < 0.006, window + rng.integers(1, 4, n_legit), offset)
    signed = product.sale_start + pd.to_timedelta(offset, unit="D")
    keep = (signed >= START) & (signed <= END)
    product, signed = product[keep].reset_index(drop=True), signed[keep].reset_index(drop=True)
    n_legit = len(product)
    client = clients.iloc[rng.integers(0, n_clients, n_legit)].reset_index(drop=True)
    sellers = {b: staff.staff_id[(staff.branch_id == b) & (staff.role != "branch_manager")].to_numpy() for b in branches}
    legit = pd.DataFrame(
        {
            "client_id": client.client_id,
            "staff_id": [rng.choice(sellers[b]) for b in client.branch_id],
            "branch_id": client.branch_id,
            "signed_on": signed,
            "product_code": product.product_code,
            "product_name": product.name_zh,
            "amount_cny": np.round(rng.uniform(1.0, 8.0, n_legit), 1) * 1_000_000,
            "term_days": product.term_days,
            "quoted_return_pct": product.benchmark_return_pct,
            "quoted_basis": "annual",
            "guaranteed": False,
            "recorded": rng.random(n_legit) > 0.03,
            "seal_no": np.where(signed < pd.Timestamp("2024-03-01"), "HT-" + client.branch_id + "-01", "HT-" + client.branch_id + "-02"),
        }
    )

    # Off-book contracts: one branch, mostly its manager, "transfers" of closed products or invented ones.
    here = clients[clients.branch_id == OFF_BOOK_BRANCH]
    victims = here.sample(frac=0.6, random_state=int(rng.integers(2**31)))
    per_victim = rng.choice([1, 1, 2, 2, 3], len(victims))
    n_off = int(per_victim.sum())
    victim_ids = np.repeat(victims.client_id.to_numpy(), per_victim)
    off_signed = pd.Series(START + pd.Timedelta(days=90) + pd.to_timedelta(rng.integers(0, (END - START).days - 90, n_off), unit="D"))
    manager = staff.staff_id[(staff.branch_id == OFF_BOOK_BRANCH) & (staff.role == "branch_manager")].iloc[0]
    helper = staff.staff_id[(staff.branch_id == OFF_BOOK_BRANCH) & (staff.role == "wealth_advisor")].iloc[0]
    codes, names = [], []
    for day in off_signed:
        closed = shelf[shelf.sale_end < day - pd.Timedelta(days=30)]
        if rng.random() < 0.7 and len(closed):
            p = closed.iloc[int(rng.integers(len(closed)))]
            codes.append(p.product_code)
            names.append(f"{p.name_zh}（份额转让）")
        else:
            codes.append(f"JH-TR-{int(rng.integers(1000, 9999))}")
            names.append(f"金禾私享{rng.choice(['尊享', '定制', '优选'])}收益权转让计划")
    off_term = rng.choice([181, 182, 183, 184], n_off)
    # The bait: a yearly rate above 8%, written as such on the contract.
    quoted = np.round(rng.uniform(8.1, 9.0, n_off), 2)
    off = pd.DataFrame(
        {
            "client_id": victim_ids,
            "staff_id": np.where(rng.random(n_off) < 0.85, manager, helper),
            "branch_id": OFF_BOOK_BRANCH,
            "signed_on": off_signed,
            "product_code": codes,
            "product_name": names,
            "amount_cny": np.round(rng.uniform(2.0, 15.0, n_off), 0) * 1_000_000,
            "term_days": off_term,
            "quoted_return_pct": quoted,
            "quoted_basis": "annual",
            "guaranteed": True,
            "recorded": rng.random(n_off) < 0.04,
            "seal_no": np.where(rng.random(n_off) < 0.7, f"HT-{OFF_BOOK_BRANCH}-07", f"HT-{OFF_BOOK_BRANCH}-01"),
        }
    )
    contracts = pd.concat([legit.assign(_off=False), off.assign(_off=True)], ignore_index=True)
    contracts = contracts.sort_values(["signed_on", "client_id"], kind="stable", ignore_index=True)
    contracts.insert(0, "contract_id", [f"H{i:05d}" for i in range(1, len(contracts) + 1)])
    contracts["signed_on"] = contracts.signed_on.astype("datetime64[us]")

    # Payments: genuine ones to a settlement account; off-book ones to two shell companies.
    n = len(contracts)
    off_mask = contracts._off.to_numpy()
    shells = [
        ("6228480010731955", "北京禾盛汇通投资管理有限公司", BANK_CODE),
        ("6217000260019876", "北京鼎泰恒丰商贸有限公司", "HUAXIN"),
    ]
    shell_pick = rng.integers(0, len(shells), n)
    settle_pick = rng.choice(settlement.account_no, n, p=[0.55, 0.35, 0.10])
    transfers = pd.DataFrame(
        {
            "transfer_id": [f"F{i:05d}" for i in range(1, n + 1)],
            "contract_id": contracts.contract_id,
            "client_id": contracts.client_id,
            "paid_on": contracts.signed_on + pd.to_timedelta(rng.integers(0, 3, n), unit="D"),
            "amount_cny": contracts.amount_cny,
            "payee_account": np.where(off_mask, [shells[k][0] for k in shell_pick], settle_pick),
            "payee_name": np.where(off_mask, [shells[k][1] for k in shell_pick], "金禾银行理财资金清算专户"),
            "payee_bank": np.where(off_mask, [shells[k][2] for k in shell_pick], BANK_CODE),
        }
    )
    columns = ["contract_id", "client_id", "staff_id", "branch_id", "signed_on", "product_code", "product_name", "amount_cny",
               "term_days", "quoted_return_pct", "quoted_basis", "guaranteed", "recorded", "seal_no"]
    return {
        "staff": staff,
        "clients": clients,
        "shelf": shelf,
        "settlement_accounts": settlement,
        "seals": seals,
        "contracts": contracts[columns],
        "transfers": transfers,
    }
