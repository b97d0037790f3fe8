"""Incentive-driven mis-selling of loan protection insurance at Jinhe Bank.

Mechanism reproduced (after UK payment protection insurance and the FCA's
2013 Final Notice against Lloyds): advisers sell a protection policy with
loans and credit cards and are paid a monthly bonus in steps: nothing below
10 policies, 10% of salary from 10 policies and 35% from 15. Each adviser has
a natural flow of customers who need the cover. When a month's natural count
ends up to four policies short of a step, some advisers (a third of them, most of the time)
push the few extra policies needed in the last week of the month, and those
pushed sales usually go to customers who cannot benefit: people who could
never claim, or who already hold cover. So monthly counts bunch exactly on
the thresholds, with a dip just below them, and the unsuitable sales found
by the quality-assurance file checks sit in the adviser-months that only just
made a step. Unsuitable sales are cancelled more often, but the bonus is paid
on policies sold and is never clawed back.

Tables: ``advisers``, ``customers``, ``bonus_scheme``, ``sales``,
``file_checks`` and ``payouts``, for July 2024 to June 2025.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

START = pd.Timestamp("2024-07-01")
END = pd.Timestamp("2025-06-30")
#: Observation date: cancellations are known up to this day.
AS_OF = pd.Timestamp("2025-07-31")
BRANCH_IDS = ["SH-PD", "BJ-HD", "GZ-TH", "SZ-FT", "HZ-XH"]
ADVISERS_PER_BRANCH = 6
#: Bonus steps: (tier, minimum policies in the month, bonus as a share of monthly salary).
BONUS_STEPS = [("none", 0, 0.0), ("target", 10, 0.10), ("stretch", 15, 0.35)]
THRESHOLDS = [10, 15]
#: Quality assurance checks this many sales per adviser per month, at random.
CHECKS_PER_MONTH = 2

DICTIONARY: dict[str, dict] = {
    "advisers": {
        "description": {
            "zh": "五家支行销售贷款保障保险的客户经理，每行一名（人员均为虚构）。",
            "en": "Advisers of five branches who sell loan protection insurance, one row per adviser (all fictional).",
        },
        "columns": {
            "adviser_id": {"zh": "客户经理编号，M 加两位数字。", "en": 'Adviser id, "M" and two digits.'},
            "name": {"zh": "客户经理姓名（虚构）。", "en": "Fictional name of the adviser."},
            "branch_id": {"zh": "所属支行代码，例如 SH-PD。", "en": "Branch the adviser works at, e.g. SH-PD."},
            "monthly_salary_cny": {"zh": "月固定工资，单位为人民币元。", "en": "Monthly base salary in CNY."},
        },
    },
    "customers": {
        "description": {
            "zh": "申请贷款或信用卡的个人客户，每行一位客户。",
            "en": "Personal customers who applied for a loan or a credit card, one row per customer.",
        },
        "columns": {
            "customer_id": {"zh": "客户编号，P 加五位数字。", "en": 'Customer id, "P" and five digits.'},
            "name": {"zh": "客户姓名（虚构）。", "en": "Fictional name of the customer."},
            "age": {"zh": "客户年龄（投保时）。", "en": "Age of the customer when the policy was sold."},
            "employment": {
                "zh": "就业状况：employee（受雇）、self_employed（自雇）、retired（退休）或 unemployed（无业）。",
                "en": "Employment status: employee, self_employed, retired or unemployed.",
            },
            "has_other_cover": {
                "zh": "客户是否已有覆盖同样风险的保障（例如单位提供的收入保障）。",
                "en": "Whether the customer already holds cover for the same risks, such as income protection from an employer.",
            },
        },
    },
    "bonus_scheme": {
        "description": {
            "zh": "月度奖金档位，每行一档：当月售出保单数达到门槛即按月工资的一定比例发放奖金。",
            "en": "Monthly bonus steps, one row per step: reaching the number of policies sold in a month pays a share of monthly salary.",
        },
        "columns": {
            "tier": {
                "zh": "档位：none（无奖金）、target（达标奖）或 stretch（冲刺奖）。",
                "en": "Step: none (no bonus), target or stretch.",
            },
            "min_policies": {"zh": "进入该档所需的当月最少保单数（含本数）。", "en": "Least number of policies sold in the month to reach the step (inclusive)."},
            "bonus_share_of_salary": {"zh": "奖金占月工资的比例，例如 0.35 即 35%。", "en": "Bonus as a share of monthly salary, e.g. 0.35 for 35%."},
        },
    },
    "sales": {
        "description": {
            "zh": "2024-07-01 至 2025-06-30 售出的贷款保障保险，每行一张保单。",
            "en": "Loan protection policies sold from 2024-07-01 to 2025-06-30, one row per policy.",
        },
        "columns": {
            "sale_id": {"zh": "保单销售编号，S 加五位数字，按销售日期先后编号。", "en": 'Sale id, "S" and five digits, numbered in order of sale.'},
            "adviser_id": {"zh": "经办的客户经理，对应 advisers.adviser_id。", "en": "Adviser who made the sale; refers to advisers.adviser_id."},
            "customer_id": {"zh": "投保客户，对应 customers.customer_id。", "en": "Customer who bought the policy; refers to customers.customer_id."},
            "sold_on": {"zh": "销售日期。", "en": "Date of the sale."},
            "sold_with": {"zh": "随哪种业务销售：loan（个人贷款）或 credit_card（信用卡）。", "en": "What the policy was sold with: loan or credit_card."},
            "annual_premium_cny": {"zh": "年保费，单位为人民币元。", "en": "Annual premium in CNY."},
            "cancelled_on": {"zh": "客户退保日期；截至 2025-07-31 未退保时为空。", "en": "Date the customer cancelled the policy; empty if not cancelled by 2025-07-31."},
        },
    },
    "file_checks": {
        "description": {
            "zh": "质检部门对销售档案的抽查结果：每月每名客户经理随机抽查两张保单，每行一次抽查。",
            "en": "Quality-assurance file checks: two random policies per adviser per month, one row per check.",
        },
        "columns": {
            "check_id": {"zh": "抽查编号，Q 加五位数字。", "en": 'Check id, "Q" and five digits.'},
            "sale_id": {"zh": "被抽查的保单，对应 sales.sale_id。", "en": "Policy checked; refers to sales.sale_id."},
            "checked_on": {"zh": "抽查日期。", "en": "Date of the check."},
            "verdict": {"zh": "结论：suitable（适当）或 unsuitable（不适当）。", "en": "Verdict: suitable or unsuitable."},
            "finding": {
                "zh": "不适当的主要原因：cannot_claim（客户条件决定其无法理赔）、already_covered（已有同类保障）、not_told_optional（未告知保险为自愿购买）；适当时为 none。",
                "en": "Main reason for an unsuitable verdict: cannot_claim (the customer's situation rules out a claim), already_covered (cover already held) or not_told_optional (not told the insurance was optional); none when suitable.",
            },
        },
    },
    "payouts": {
        "description": {
            "zh": "每名客户经理每月的保单数和发放的奖金，每行一名客户经理一个月。",
            "en": "Policies counted and bonus paid for each adviser and month, one row per adviser and month.",
        },
        "columns": {
            "adviser_id": {"zh": "客户经理，对应 advisers.adviser_id。", "en": "Adviser; refers to advisers.adviser_id."},
            "month": {"zh": "月份，格式为 YYYY-MM 的文本。", "en": 'Month as text "YYYY-MM".'},
            "policies": {"zh": "当月售出的保单数（之后退保的也计入）。", "en": "Policies sold in the month, including any cancelled later."},
            "tier": {"zh": "当月达到的奖金档位，对应 bonus_scheme.tier。", "en": "Bonus step reached that month; refers to bonus_scheme.tier."},
            "bonus_cny": {"zh": "当月发放的奖金，单位为人民币元。", "en": "Bonus paid for the month in CNY."},
        },
    },
}


def _customer_profiles(rng: np.random.Generator, kind: str, n: int) -> dict[str, np.ndarray]:
    """Attributes of customers who need the cover, or of those who cannot benefit from it and why."""
    if kind == "fits":
        employment = np.full(n, "employee")
        age = rng.integers(23, 58, n)
        cover = np.zeros(n, dtype=bool)
    elif kind == "cannot_claim":
        employment = rng.choice(["self_employed", "retired", "unemployed"], n, p=[0.5, 0.3, 0.2])
        age = np.where(employment == "retired", rng.integers(60, 75, n), rng.integers(25, 60, n))
        cover = rng.random(n) < 0.1
    elif kind == "already_covered":
        employment = np.full(n, "employee")
        age = rng.integers(25, 58, n)
        cover = np.ones(n, dtype=bool)
    else:  # not_told_optional: the customer fits on paper but did not choose the cover
        employment = np.full(n, "employee")
        age = rng.integers(23, 58, n)
        cover = np.zeros(n, dtype=bool)
    return {"employment": employment, "age": age, "has_other_cover": cover}


@memo.by_value(maxsize=8)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: advisers, customers, bonus_scheme, sales, file_checks and payouts.

    The same seed always gives the same tables. The result is cached and
    shared between callers: copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    n_adv = len(BRANCH_IDS) * ADVISERS_PER_BRANCH
    advisers = pd.DataFrame(
        {
            "adviser_id": [f"M{i:02d}" for i in range(1, n_adv + 1)],
            "name": bankdata.person_names(rng, n_adv),
            "branch_id": np.repeat(BRANCH_IDS, ADVISERS_PER_BRANCH),
            "monthly_salary_cny": rng.choice([7000, 8000, 9000, 10000, 12000], n_adv).astype(float),
        }
    )
    scheme = pd.DataFrame(BONUS_STEPS, columns=["tier", "min_policies", "bonus_share_of_salary"])
    demand = rng.uniform(6.5, 14.5, n_adv)
    pushy = rng.permutation(n_adv) < n_adv // 3
    push_prob = np.where(pushy, rng.uniform(0.75, 0.95, n_adv), rng.uniform(0.0, 0.1, n_adv))

    # Each sale: adviser, month start, day of month, and the kind of customer it went to.
    adviser_col, day_col, kind_col = [], [], []
    for month in pd.date_range(START, END, freq="MS"):
        dim = month.days_in_month
        for i in range(n_adv):
            natural = int(rng.poisson(demand[i]))
            unsuitable_rate = 0.06 if pushy[i] else 0.03
            kinds = np.where(rng.random(natural) < unsuitable_rate, "unsuitable", "fits")
            days = rng.integers(1, dim + 1, natural)
            step = next((t for t in THRESHOLDS if natural < t), None)
            if step is not None and step - natural <= 4 and rng.random() < push_prob[i]:
                extra = step - natural + int(rng.random() < 0.1)
                kinds = np.concatenate([kinds, np.where(rng.random(extra) < 0.9, "unsuitable", "fits")])
                days = np.concatenate([days, rng.integers(dim - 6, dim + 1, extra)])
            adviser_col += [i] * len(kinds)
            day_col += list(month.to_datetime64() + (days - 1).astype("timedelta64[D]"))
            kind_col += list(kinds)
    n = len(kind_col)
    kind = np.array(kind_col, dtype=object)
    unsuitable = kind == "unsuitable"
    kind[unsuitable] = rng.choice(["cannot_claim", "already_covered", "not_told_optional"], unsuitable.sum(), p=[0.5, 0.3, 0.2])
    sales = pd.DataFrame(
        {
            "adviser_id": advisers.adviser_id.to_numpy()[adviser_col],
            "sold_on": pd.to_datetime(np.array(day_col, dtype="datetime64[D]")).astype("datetime64[us]"),
            "kind": kind,
        }
    )
    sales = sales.sort_values(["sold_on", "adviser_id"], kind="stable", ignore_index=True)
    sales.insert(0, "sale_id", [f"S{i:05d}" for i in range(1, n + 1)])
    kind = sales.kind.to_numpy()

    # One customer per policy, with attributes that match the kind of sale.
    profile = {"employment": np.empty(n, dtype=object), "age": np.empty(n, dtype=int), "has_other_cover": np.empty(n, dtype=bool)}
    for k in ["fits", "cannot_claim", "already_covered", "not_told_optional"]:
        rows = kind == k
        for column, values in _customer_profiles(rng, k, int(rows.sum())).items():
            profile[column][rows] = values
    # Customer numbers are shuffled so that they carry no hint of the sale.
    ids = np.array([f"P{i:05d}" for i in range(1, n + 1)])[rng.permutation(n)]
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "name": bankdata.person_names(rng, n),
            "age": profile["age"],
            "employment": profile["employment"].astype(str),
            "has_other_cover": profile["has_other_cover"],
        }
    ).sort_values("customer_id", ignore_index=True)
    sales["customer_id"] = ids
    sales["sold_with"] = rng.choice(["loan", "credit_card"], n, p=[0.65, 0.35])
    sales["annual_premium_cny"] = np.round(np.where(sales.sold_with == "loan", rng.uniform(600, 3000, n), rng.uniform(200, 700, n)), -1)
    # Customers who cannot benefit cancel more often, mostly within the first months.
    cancels = rng.random(n) < np.where(kind == "fits", 0.05, 0.3)
    cancelled = sales.sold_on + pd.to_timedelta(rng.integers(5, 120, n), unit="D")
    sales["cancelled_on"] = cancelled.where(cancels & (cancelled <= AS_OF))

    # File checks: two random policies per adviser per month.
    month = sales.sold_on.dt.strftime("%Y-%m")
    draw = pd.Series(rng.random(n), index=sales.index)
    picked = np.flatnonzero(draw.groupby([sales.adviser_id, month]).rank(method="first").to_numpy() <= CHECKS_PER_MONTH)
    checked = sales.loc[picked]
    finding = np.where(checked.kind == "fits", "none", checked.kind)
    file_checks = pd.DataFrame(
        {
            "check_id": [f"Q{i:05d}" for i in range(1, len(checked) + 1)],
            "sale_id": checked.sale_id.to_numpy(),
            "checked_on": (checked.sold_on + pd.offsets.MonthEnd(0) + pd.to_timedelta(rng.integers(10, 40, len(checked)), unit="D")).to_numpy(),
            "verdict": np.where(finding == "none", "suitable", "unsuitable"),
            "finding": finding.astype(str),
        }
    )

    # Payouts: policies sold per adviser and month, bonus by the step reached.
    counts = sales.groupby([sales.adviser_id, month.rename("month")]).size().rename("policies")
    grid = pd.MultiIndex.from_product([advisers.adviser_id, pd.date_range(START, END, freq="MS").strftime("%Y-%m")], names=["adviser_id", "month"])
    payouts = counts.reindex(grid, fill_value=0).reset_index()
    step_index = np.searchsorted(scheme.min_policies.to_numpy(), payouts.policies.to_numpy(), side="right") - 1
    payouts["tier"] = scheme.tier.to_numpy()[step_index]
    salary = payouts.adviser_id.map(advisers.set_index("adviser_id").monthly_salary_cny)
    payouts["bonus_cny"] = (salary * scheme.bonus_share_of_salary.to_numpy()[step_index]).round(0)

    columns = ["sale_id", "adviser_id", "customer_id", "sold_on", "sold_with", "annual_premium_cny", "cancelled_on"]
    return {
        "advisers": advisers,
        "customers": customers,
        "bonus_scheme": scheme,
        "sales": sales[columns],
        "file_checks": file_checks,
        "payouts": payouts,
    }
