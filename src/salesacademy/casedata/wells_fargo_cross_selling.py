"""Quota-driven cross-selling at Jinhe Bank: accounts opened to hit monthly targets.

Mechanism reproduced (after Wells Fargo, 2016): every relationship manager and
teller has a monthly target of new accounts, raised a little each quarter.
Most accounts come from real customer demand, are spread over the month and
are funded or used within weeks. A minority of staff who are still short of
their target as the month closes open accounts for existing customers who
never asked for them, in a burst over the last three days of the month. Those
accounts are almost never funded or used within 90 days; some of the
customers later notice and close them, and credit cards among them often
carry an annual fee. A few unrequested accounts are also opened mid-month,
and some genuine accounts stay dormant, so the signal is strong but not
perfect. Two employees are away for a whole month and open nothing, yet
their target stays in the table.

The tables are ``staff``, ``customers``, ``targets`` and ``accounts``; the
data describes 2024-01 to 2025-03 and is observed on ``AS_OF``, so every
account has at least 90 days of history.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

#: Date the data is observed: every account opened by END has 90+ days of history.
AS_OF = pd.Timestamp("2025-06-30")
START = pd.Timestamp("2024-01-01")
END = pd.Timestamp("2025-03-31")
#: An account is dormant when it is neither funded nor used within this many days of opening.
ACTIVITY_WINDOW_DAYS = 90
#: The "month end" of the analysis: the last three calendar days of a month.
MONTH_END_DAYS = 3

BRANCH_IDS = ["SH-XH", "GZ-TH", "HZ-XH", "CD-JJ"]
STAFF_PER_BRANCH = 5
PRODUCTS = ["current_account", "savings_account", "debit_card", "credit_card"]
CREDIT_CARD_FEE_CNY = 200.0

DICTIONARY: dict[str, dict] = {
    "staff": {
        "description": {
            "zh": "四家支行的客户经理和柜员名册，每行一名员工（人员均为虚构）。",
            "en": "Relationship managers and tellers of four branches, one row per employee (all fictional).",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，A 加两位数字。", "en": 'Staff id, "A" and two digits.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional name of the employee."},
            "branch_id": {"zh": "员工所属支行代码，例如 SH-XH。", "en": "Branch the employee works at, e.g. SH-XH."},
            "role": {
                "zh": "岗位：relationship_manager（客户经理）或 teller（柜员）。",
                "en": "Job role: relationship_manager or teller.",
            },
        },
    },
    "customers": {
        "description": {
            "zh": "四家支行的存量个人客户，每行一位客户。",
            "en": "Existing personal customers of the four branches, one row per customer.",
        },
        "columns": {
            "customer_id": {"zh": "客户编号，K 加五位数字。", "en": 'Customer id, "K" and five digits.'},
            "name": {"zh": "客户姓名（虚构）。", "en": "Fictional name of the customer."},
            "age": {"zh": "客户年龄（截至 2025-06-30）。", "en": "Age of the customer on 2025-06-30."},
            "branch_id": {"zh": "客户的开户支行。", "en": "Customer's home branch."},
            "customer_since": {"zh": "客户与本行建立关系的日期。", "en": "Date the customer first banked with Jinhe Bank."},
        },
    },
    "targets": {
        "description": {
            "zh": "每名员工每月的新开账户目标（件数），每行一名员工一个月；目标每季度上调，员工休假的月份也照常下达。",
            "en": "Monthly target of new accounts for each employee, one row per employee and month; targets rise every quarter and are set even for months an employee is on leave.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，对应 staff.staff_id。", "en": "Employee; refers to staff.staff_id."},
            "month": {"zh": "目标所属月份，格式为 YYYY-MM 的文本，例如 2024-03。", "en": 'Month of the target as text "YYYY-MM", e.g. 2024-03.'},
            "target_accounts": {"zh": "当月须新开的账户件数。", "en": "Number of new accounts the employee must open that month."},
        },
    },
    "accounts": {
        "description": {
            "zh": "2024-01-01 至 2025-03-31 期间新开立的账户和卡，每行一个账户；观察日为 2025-06-30。",
            "en": "Accounts and cards opened from 2024-01-01 to 2025-03-31, one row per account; observed on 2025-06-30.",
        },
        "columns": {
            "account_id": {"zh": "账户编号，AC 加六位数字，按开户日期先后编号。", "en": 'Account id, "AC" and six digits, numbered in order of opening.'},
            "customer_id": {"zh": "账户所属客户，对应 customers.customer_id。", "en": "Customer who holds the account; refers to customers.customer_id."},
            "staff_id": {"zh": "经办开户、计入业绩的员工，对应 staff.staff_id。", "en": "Employee who opened the account and is credited with it; refers to staff.staff_id."},
            "branch_id": {"zh": "开户支行。", "en": "Branch where the account was opened."},
            "product": {
                "zh": "产品：current_account（活期结算账户）、savings_account（储蓄账户）、debit_card（借记卡）或 credit_card（信用卡）。",
                "en": "Product: current_account, savings_account, debit_card or credit_card.",
            },
            "opened_on": {"zh": "开户日期。", "en": "Date the account was opened."},
            "funded_on": {
                "zh": "第一笔存入资金的日期；从未存入时为空。借记卡和信用卡不存入资金，一律为空。",
                "en": "Date of the first deposit into the account; empty if never funded. Debit and credit cards are never funded, so always empty.",
            },
            "first_used_on": {
                "zh": "客户本人第一笔交易（消费、取现、转账）的日期；从未使用时为空。",
                "en": "Date of the customer's own first transaction (purchase, withdrawal, transfer); empty if never used.",
            },
            "closed_on": {"zh": "销户日期；截至观察日仍未销户时为空。", "en": "Date the account was closed; empty if still open on the observation date."},
            "fees_cny": {
                "zh": "截至观察日向客户收取的费用（人民币元），目前只有信用卡年费。",
                "en": "Fees charged to the customer up to the observation date, in CNY; only credit-card annual fees so far.",
            },
        },
    },
}


def _month_starts() -> pd.DatetimeIndex:
    return pd.date_range(START, END, freq="MS")


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    n = len(BRANCH_IDS) * STAFF_PER_BRANCH
    roles = np.tile(["relationship_manager", "relationship_manager", "relationship_manager", "teller", "teller"], len(BRANCH_IDS))
    return pd.DataFrame(
        {
            "staff_id": [f"A{i:02d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "branch_id": np.repeat(BRANCH_IDS, STAFF_PER_BRANCH),
            "role": roles,
        }
    )


def _customers(rng: np.random.Generator, n: int) -> pd.DataFrame:
    since = pd.Timestamp("2008-01-01") + pd.to_timedelta(rng.integers(0, 365 * 16, n), unit="D")
    return pd.DataFrame(
        {
            "customer_id": [f"K{i:05d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "age": np.clip(rng.normal(44, 14, n).round(), 18, 88).astype(int),
            "branch_id": rng.choice(BRANCH_IDS, n),
            "customer_since": since,
        }
    )


def _targets(staff: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for month_index, month in enumerate(_month_starts()):
        ratchet = month_index // 3  # one more account every quarter
        for staff_id, role in zip(staff.staff_id, staff.role):
            base = 12 if role == "relationship_manager" else 8
            rows.append((staff_id, f"{month:%Y-%m}", base + ratchet))
    return pd.DataFrame(rows, columns=["staff_id", "month", "target_accounts"])


def _activity(rng: np.random.Generator, opened: pd.Series, product: np.ndarray, genuine: np.ndarray):
    """Funding, first use, closing and fees for each account, by whether the customer wanted it."""
    n = len(opened)
    is_deposit = np.isin(product, ["current_account", "savings_account"])
    # Genuine accounts are usually active within weeks; a few wake up late or never.
    roll = rng.random(n)
    active_early = np.where(genuine, roll < 0.92, roll < 0.05)
    active_late = ~active_early & np.where(genuine, roll < 0.96, roll < 0.08)
    start = np.where(active_early, rng.integers(0, 45, n), rng.integers(ACTIVITY_WINDOW_DAYS + 1, 200, n))
    start = np.where(active_early & (rng.random(n) < 0.03), ACTIVITY_WINDOW_DAYS, start)  # the odd case right on the boundary
    active = active_early | active_late
    first = opened + pd.to_timedelta(start, unit="D")
    funded = first.where(active & is_deposit)
    # Deposit accounts are often funded but not yet used; cards are used directly.
    used_gap = pd.to_timedelta(np.where(is_deposit, rng.integers(0, 60, n), 0), unit="D")
    used_flag = active & (~is_deposit | (rng.random(n) < 0.7))
    used = (first + used_gap).where(used_flag)
    # Unrequested accounts are often noticed and closed; genuine ones rarely.
    closes = np.where(genuine, rng.random(n) < 0.04, rng.random(n) < 0.35)
    gap = np.where(genuine, rng.integers(150, 450, n), rng.integers(20, 300, n))
    closed = (opened + pd.to_timedelta(gap, unit="D")).where(closes)
    closed = closed.where(closed <= AS_OF)
    # Nothing happens on an account after the observation date or after it is closed.
    last = closed.fillna(AS_OF)
    used = used.where(used <= last)
    funded = funded.where(funded <= last)
    # Credit cards carry a 200-yuan annual fee unless the customer uses the card.
    charged = (product == "credit_card") & ~(used_flag & (start <= ACTIVITY_WINDOW_DAYS)) & (rng.random(n) < 0.7)
    fees = np.where(charged, CREDIT_CARD_FEE_CNY, 0.0)
    return funded, used, closed, fees


@memo.by_value(maxsize=8)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: staff, customers, targets and accounts.

    The same seed always gives the same tables. The result is cached and
    shared between callers: copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    staff = _staff(rng)
    customers = _customers(rng, 1200)
    targets = _targets(staff)
    # Demand varies by person; a minority of staff game the target when short.
    demand = rng.uniform(0.6, 1.05, len(staff))
    gaming = np.where(rng.permutation(len(staff)) < 6, rng.uniform(0.6, 0.9, len(staff)), rng.uniform(0.0, 0.08, len(staff)))
    by_branch = {b: customers.customer_id[customers.branch_id == b].to_numpy() for b in BRANCH_IDS}
    target_of = targets.set_index(["staff_id", "month"]).target_accounts
    staff_col, product_col, opened_col, genuine_col = [], [], [], []

    def add(i, products, month, days, genuine):
        staff_col.extend([i] * len(products))
        product_col.extend(products)
        opened_col.extend(month.to_datetime64() + (np.asarray(days) - 1).astype("timedelta64[D]"))
        genuine_col.extend([genuine] * len(products))

    # Two employees are away for a whole month; the target system does not notice.
    months = _month_starts()
    leave = {(int(i), int(m)) for i, m in zip(rng.choice(len(staff), 2, replace=False), rng.integers(0, len(months), 2))}
    for month_index, month in enumerate(months):
        days_in_month = month.days_in_month
        for i, staff_id in enumerate(staff.staff_id):
            if (i, month_index) in leave:
                continue
            target = int(target_of[(staff_id, f"{month:%Y-%m}")])
            n_genuine = rng.poisson(demand[i] * target)
            add(i, rng.choice(PRODUCTS, n_genuine, p=[0.3, 0.3, 0.15, 0.25]), month, rng.integers(1, days_in_month + 1, n_genuine), True)
            # Short of target as the month closes: fill the gap with unrequested accounts.
            shortfall = target - n_genuine
            if shortfall > 0 and rng.random() < gaming[i]:
                n_fake = shortfall + int(rng.integers(0, 2))
                days = rng.integers(days_in_month - MONTH_END_DAYS + 1, days_in_month + 1, n_fake)
                add(i, rng.choice(PRODUCTS, n_fake, p=[0.15, 0.35, 0.25, 0.25]), month, days, False)
            elif rng.random() < gaming[i] / 4:  # the odd unrequested account mid-month
                add(i, rng.choice(PRODUCTS, 1), month, rng.integers(1, days_in_month - MONTH_END_DAYS + 1, 1), False)
    accounts = pd.DataFrame(
        {
            "staff_id": staff.staff_id.to_numpy()[staff_col],
            "branch_id": staff.branch_id.to_numpy()[staff_col],
            "product": product_col,
            "opened_on": pd.to_datetime(np.array(opened_col, dtype="datetime64[D]")).astype("datetime64[us]"),
            "genuine": genuine_col,
        }
    )
    accounts = accounts.sort_values(["opened_on", "staff_id"], kind="stable", ignore_index=True)
    n = len(accounts)
    accounts["customer_id"] = ""
    for branch_id, pool in by_branch.items():
        here = accounts.branch_id.eq(branch_id).to_numpy()
        accounts.loc[here, "customer_id"] = rng.choice(pool, here.sum())
    funded, used, closed, fees = _activity(rng, accounts.opened_on, accounts["product"].to_numpy(), accounts.genuine.to_numpy())
    accounts["funded_on"] = funded
    accounts["first_used_on"] = used
    accounts["closed_on"] = closed
    accounts["fees_cny"] = fees
    accounts.insert(0, "account_id", [f"AC{i:06d}" for i in range(1, n + 1)])
    columns = ["account_id", "customer_id", "staff_id", "branch_id", "product", "opened_on", "funded_on", "first_used_on", "closed_on", "fees_cny"]
    return {"staff": staff, "customers": customers, "targets": targets, "accounts": accounts[columns]}
