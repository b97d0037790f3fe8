"""Case c06: replacing product-sales goals with usage and customer-experience measures.

Reproduces, at the fictional Jinhe Bank (金禾银行), the change Wells Fargo made
from 2017-01-01: staff incentives stop counting accounts when they are opened
and count only accounts the customer actually uses, judged 90 days after
opening; branch customer-experience scores and mystery shopping enter the
scorecard; and base pay becomes a larger share of pay.

Under Jinhe's old plan (accounts opened before `SWITCH`, 2024-07-01) every
opened account earns credit at once. Many of them are opened without a real
need: they are never funded, or funded only by a token transfer the customer
never follows with a transaction of their own, and they draw complaints
months later. Under the new plan (accounts opened from `SWITCH`) an account
earns credit only if the customer made at least one transaction in its first
90 days. Openings fall, the share of used accounts rises, complaints per
account fall, customer-experience scores rise and incentives shrink as a share
of pay.

Accounts are opened from 2023-07-01 to 2025-03-31, so every account has had
its full 90 days by `AS_OF`.

Usage::

    from salesacademy.casedata import wells_fargo_usage_pay
    tables = wells_fargo_usage_pay.load(seed=7)
    tables["accounts"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

START = pd.Timestamp("2023-07-01")
SWITCH = pd.Timestamp("2024-07-01")
LAST_OPENING = pd.Timestamp("2025-03-31")
AS_OF = pd.Timestamp("2025-06-30")

#: Days after opening at which the new plan judges whether an account is used.
USAGE_WINDOW_DAYS = 90

PLANS = {"sales_goal": "old plan, credit at opening", "usage": "new plan, credit for use after 90 days"}

_ROLES = ["relationship_manager", "relationship_manager", "teller", "teller"]
_BASE_PAY = {("relationship_manager", "sales_goal"): 8_000, ("relationship_manager", "usage"): 9_500,
             ("teller", "sales_goal"): 6_000, ("teller", "usage"): 7_000}
_PER_ACCOUNT = {"sales_goal": 250, "usage": 150}
_TRANSITION_AWARD = 800  # paid while no new-plan account is yet 90 days old


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    branches = bankdata.BRANCHES.branch_id.to_numpy()
    n = len(branches) * len(_ROLES)
    return pd.DataFrame(
        {
            "staff_id": [f"Z{i:03d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "branch_id": np.repeat(branches, len(_ROLES)),
            "role": _ROLES * len(branches),
        }
    )


def _accounts(rng: np.random.Generator, staff: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The accounts, and which of them were opened without a real need (not published)."""
    days = pd.date_range(START, LAST_OPENING, freq="D")
    old = days < SWITCH
    per_day = rng.poisson(np.where(old, 9.2, 5.6))
    opened = days.repeat(per_day)
    n = len(opened)
    plan = np.where(opened < SWITCH, "sales_goal", "usage")
    # Accounts opened to meet a goal rather than a need: common under the old plan, rare under the new.
    needless = rng.random(n) < np.where(plan == "sales_goal", 0.38, 0.04)
    product = np.where(
        needless,
        rng.choice(["checking", "savings", "credit_card"], n, p=[0.35, 0.35, 0.30]),
        rng.choice(["checking", "savings", "credit_card"], n, p=[0.45, 0.35, 0.20]),
    )
    # Funding: a real customer mostly funds within a month; a needless account mostly never,
    # sometimes through a token transfer made at opening, sometimes months later.
    draw = rng.random(n)
    funded_after = np.where(
        needless,
        np.select([draw < 0.80, draw < 0.92], [-1, rng.integers(0, 5, n)], rng.integers(91, 240, n)),
        np.select([draw < 0.88, draw < 0.95], [rng.integers(0, 31, n), rng.integers(91, 240, n)], -1),
    )
    funded_on = pd.Series(opened + pd.to_timedelta(np.maximum(funded_after, 0), unit="D")).where(funded_after >= 0)
    used = ~needless & (funded_after >= 0) & (funded_after <= USAGE_WINDOW_DAYS)
    transactions = np.where(used, rng.poisson(14, n), 0)
    seller = rng.integers(0, len(staff), n)
    accounts = pd.DataFrame(
        {
            "account_id": [f"N{i:06d}" for i in range(1, n + 1)],
            "customer_id": [f"U{x:05d}" for x in rng.integers(1, 3200, n)],
            "opened_on": opened,
            "staff_id": staff.staff_id.to_numpy()[seller],
            "branch_id": staff.branch_id.to_numpy()[seller],
            "product": product,
            "plan": plan,
            "first_funded_on": funded_on.to_numpy(),
            "transactions_90d": transactions,
        }
    )
    accounts["credited"] = (accounts.plan == "sales_goal") | (accounts.transactions_90d >= 1)
    return accounts, needless


def _complaints(rng: np.random.Generator, accounts: pd.DataFrame, needless: np.ndarray) -> pd.DataFrame:
    complains = rng.random(len(accounts)) < np.where(needless, 0.15, 0.02)
    source = accounts[complains]
    k = len(source)
    # Customers notice an account within its first 90 days (statements, fees), so every
    # account has had its full chance to draw a complaint by AS_OF.
    received = source.opened_on + pd.to_timedelta(rng.integers(10, USAGE_WINDOW_DAYS + 1, k), unit="D")
    category = np.where(
        needless[complains],
        rng.choice(["unrequested_account", "fees"], k, p=[0.7, 0.3]),
        rng.choice(["fees", "service"], k, p=[0.4, 0.6]),
    )
    complaints = pd.DataFrame({"account_id": source.account_id.to_numpy(), "received_on": received.to_numpy(), "category": category})
    complaints = complaints[complaints.received_on <= AS_OF].sort_values(["received_on", "account_id"], ignore_index=True)
    complaints.insert(0, "complaint_id", [f"Q{i:05d}" for i in range(1, len(complaints) + 1)])
    return complaints


def _branch_months(rng: np.random.Generator) -> pd.DataFrame:
    months = pd.period_range(START, AS_OF, freq="M")
    rows = []
    for branch in bankdata.BRANCHES.branch_id:
        for month in months:
            after = month.start_time >= SWITCH
            k = (month - SWITCH.to_period("M")).n if after else 0
            cx = rng.normal(6.8, 0.25) + (1.1 * (1 - np.exp(-(k + 1) / 4)) if after else 0)
            shop = rng.normal(min(76 + 1.5 * k, 90), 4) if after else np.nan
            rows.append((branch, str(month), "usage" if after else "sales_goal", round(float(cx), 2), round(float(shop), 1)))
    return pd.DataFrame(rows, columns=["branch_id", "month", "plan", "cx_score", "mystery_shop_score"])


def _pay(staff: pd.DataFrame, accounts: pd.DataFrame, branch_months: pd.DataFrame) -> pd.DataFrame:
    months = pd.period_range(START, AS_OF, freq="M")
    grid = pd.MultiIndex.from_product([staff.staff_id, months.astype(str)], names=["staff_id", "month"]).to_frame(index=False)
    grid = grid.merge(staff[["staff_id", "branch_id", "role"]], on="staff_id")
    period = pd.PeriodIndex(grid.month, freq="M")
    grid["plan"] = np.where(period >= SWITCH.to_period("M"), "usage", "sales_goal")
    # Old plan: credit in the month of opening. New plan: credit in the month the 90 days end, if used.
    opened_month = accounts.opened_on.dt.to_period("M").astype(str)
    due_month = (accounts.opened_on + pd.Timedelta(days=USAGE_WINDOW_DAYS)).dt.to_period("M").astype(str)
    old = accounts.plan == "sales_goal"
    new = (accounts.plan == "usage") & accounts.credited
    old_credit = accounts[old].groupby([accounts.staff_id[old], opened_month[old]]).size()
    new_credit = accounts[new].groupby([accounts.staff_id[new], due_month[new]]).size()
    key = pd.MultiIndex.from_frame(grid[["staff_id", "month"]])
    cx = branch_months.set_index(["branch_id", "month"]).cx_score.reindex(pd.MultiIndex.from_frame(grid[["branch_id", "month"]])).to_numpy()
    transition = period <= (SWITCH + pd.Timedelta(days=USAGE_WINDOW_DAYS)).to_period("M")
    incentive = np.where(
        grid.plan == "sales_goal",
        _PER_ACCOUNT["sales_goal"] * old_credit.reindex(key, fill_value=0).to_numpy(),
        _PER_ACCOUNT["usage"] * new_credit.reindex(key, fill_value=0).to_numpy()
        + np.maximum(0.0, 400 * (cx - 6.8))
        + np.where(transition, _TRANSITION_AWARD, 0),
    )
    base = [_BASE_PAY[(role, plan)] for role, plan in zip(grid.role, grid.plan)]
    return pd.DataFrame(
        {
            "staff_id": grid.staff_id,
            "month": grid.month,
            "plan": grid.plan,
            "base_pay_cny": np.array(base, dtype="int64"),
            "incentive_cny": np.round(incentive).astype("int64"),
        }
    )


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case tables; shared between calls, so copy a table before changing it."""
    rng = np.random.default_rng(seed)
    staff = _staff(rng)
    accounts, needless = _accounts(rng, staff)
    complaints = _complaints(rng, accounts, needless)
    branch_months = _branch_months(rng)
    return {
        "staff": staff,
        "accounts": accounts,
        "complaints": complaints,
        "branch_months": branch_months,
        "pay": _pay(staff, accounts, branch_months),
    }


DICTIONARY: dict[str, dict] = {
    "staff": {
        "description": {"zh": "开户员工名册（虚构），每家支行两名客户经理、两名柜员。", "en": "Staff who open accounts (fictional): two relationship managers and two tellers per branch."},
        "columns": {
            "staff_id": {"zh": "员工编号，Z 加三位数字。", "en": 'Staff id, "Z" and three digits.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional Chinese name of the employee."},
            "branch_id": {"zh": "所属支行，与 bankdata 的支行代码相同。", "en": "Branch of the employee, using the branch codes of bankdata."},
            "role": {"zh": "岗位：relationship_manager（客户经理）或 teller（柜员）。", "en": "Role: relationship_manager or teller."},
        },
    },
    "accounts": {
        "description": {
            "zh": "2023-07-01 至 2025-03-31 新开的账户和信用卡，每行一个。每个账户到 2025-06-30 都已满 90 天。",
            "en": "Accounts and credit cards opened from 2023-07-01 to 2025-03-31, one row each. By 2025-06-30 every account is at least 90 days old.",
        },
        "columns": {
            "account_id": {"zh": "账户编号，N 加六位数字。", "en": 'Account id, "N" and six digits.'},
            "customer_id": {"zh": "客户号（虚构）。", "en": "Customer id (fictional)."},
            "opened_on": {"zh": "开户日期。", "en": "Date the account was opened."},
            "staff_id": {"zh": "开户员工，对应 staff.staff_id。", "en": "Employee who opened it; refers to staff.staff_id."},
            "branch_id": {"zh": "开户支行。", "en": "Branch where it was opened."},
            "product": {"zh": "产品：checking（活期结算账户）、savings（储蓄账户）或 credit_card（信用卡）。", "en": "Product: checking, savings or credit_card."},
            "plan": {
                "zh": "开户时实行的激励方案：sales_goal（旧方案，2024-07-01 以前，开户即计入业绩）或 usage（新方案，从 2024-07-01 起，按 90 天内的使用情况计入）。",
                "en": "Incentive plan in force at opening: sales_goal (old plan, before 2024-07-01, credit at opening) or usage (new plan, from 2024-07-01, credit for use within 90 days).",
            },
            "first_funded_on": {
                "zh": "第一次有资金存入的日期（信用卡为第一次消费）；从未入资为空。",
                "en": "Date money first came into the account (for a credit card, the first purchase); empty if never funded.",
            },
            "transactions_90d": {"zh": "开户后 90 天内客户本人发起的交易笔数。", "en": "Transactions the customer made in the first 90 days after opening."},
            "credited": {
                "zh": "是否计入开户员工的激励：旧方案下一律为 True；新方案下只有 90 天内客户至少交易一次才为 True。",
                "en": "Whether it counted toward the employee's incentive: always True under the old plan; under the new plan only if the customer made at least one transaction within 90 days.",
            },
        },
    },
    "complaints": {
        "description": {"zh": "与这些账户有关的客户投诉，每行一件。", "en": "Customer complaints about these accounts, one row per complaint."},
        "columns": {
            "complaint_id": {"zh": "投诉编号，Q 加五位数字。", "en": 'Complaint id, "Q" and five digits.'},
            "account_id": {"zh": "被投诉的账户，对应 accounts.account_id。", "en": "The account complained about; refers to accounts.account_id."},
            "received_on": {"zh": "收到投诉的日期，在开户后 90 天以内，可能已经是下一个月甚至下一个季度。", "en": "Date the complaint was received, within 90 days of opening; that can be the next month or even the next quarter."},
            "category": {
                "zh": "类别：unrequested_account（客户没有申请过该账户）、fees（费用）或 service（服务）。",
                "en": "Category: unrequested_account (the customer never asked for the account), fees or service.",
            },
        },
    },
    "branch_months": {
        "description": {"zh": "每家支行每月的客户体验指标，每行一家支行一个月。", "en": "Monthly customer-experience measures of each branch, one row per branch and month."},
        "columns": {
            "branch_id": {"zh": "支行代码。", "en": "Branch code."},
            "month": {"zh": "月份，格式为 YYYY-MM。", "en": "Month, as YYYY-MM."},
            "plan": {"zh": "该月实行的激励方案（sales_goal 或 usage）。", "en": "Incentive plan in force that month (sales_goal or usage)."},
            "cx_score": {"zh": "客户体验调查的平均分（0–10 分）。", "en": "Average score of the customer-experience survey (0 to 10)."},
            "mystery_shop_score": {"zh": "神秘顾客检查得分（0–100 分）；新方案实施后才开始检查，之前为空。", "en": "Mystery-shopping score (0 to 100); checks began with the new plan, so it is empty before."},
        },
    },
    "pay": {
        "description": {"zh": "每名员工每月的薪酬，每行一人一个月。", "en": "Monthly pay of each employee, one row per employee and month."},
        "columns": {
            "staff_id": {"zh": "员工编号。", "en": "Staff id."},
            "month": {"zh": "月份，格式为 YYYY-MM。", "en": "Month, as YYYY-MM."},
            "plan": {"zh": "该月实行的激励方案。", "en": "Incentive plan in force that month."},
            "base_pay_cny": {"zh": "固定工资（元）；新方案提高了固定工资。", "en": "Base pay in CNY; the new plan raised it."},
            "incentive_cny": {
                "zh": "当月激励（元）。旧方案：每开一个账户 250 元。新方案：每个满 90 天且被使用的账户 150 元（在满 90 天的那个月计入），加上按支行客户体验得分计算的团队奖励；新方案头三个月另有 800 元过渡奖励。",
                "en": "Incentive for the month in CNY. Old plan: 250 per account opened. New plan: 150 per account used by its 90th day (paid in the month the 90 days end), plus a team award based on the branch's customer-experience score; the first three months of the new plan add a transition award of 800.",
            },
        },
    },
}
