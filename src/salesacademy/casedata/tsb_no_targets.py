"""Removing sales targets and league tables, and the pressure creeping back, at the fictional Jinhe Bank.

Mechanism reproduced (after TSB, which scrapped sales targets, sales bonuses
and branch league tables between 2013 and 2015, and the union warning of 2020
that sales pressure was returning): until June 2022 branches work to monthly
sales targets, see league tables and earn sales bonuses. From July 2022 the
targets, bonuses and league tables go, branches no longer see sales figures,
and staff are rewarded on service and customer satisfaction. Mismatched sales,
complaints and the month-end rush of sales fall within a few months, and most
staff earn more. From 2024 the pressure creeps back, informally and unevenly:
a few branches start receiving daily "activity" reports and rankings again.
The drift shows first in the pressure indicators (month-end share of sales,
staff who say they feel pushed or have seen a ranking), later in mis-selling.

Usage::

    from salesacademy.casedata import tsb_no_targets
    data = tsb_no_targets.load()
    data["branch_month"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

#: Months covered, oldest first, written like "2021-01".
MONTHS = [str(m) for m in pd.period_range("2021-01", "2025-06", freq="M")]

#: First month without sales targets, bonuses or league tables.
TARGETS_REMOVED = "2022-07"

#: Years of the pay table: the last full year with sales bonuses and the first full year without.
PAY_YEARS = (2021, 2023)

_DRIFT_START = "2024-01"
_DRIFT_SLOPE = {"BJ-CY": 0.045, "BJ-HD": 0.04, "SZ-FT": 0.03}  # per month; other branches drift far less
_BASE_DRIFT = 0.006
_ROLES = ["relationship_manager"] * 3 + ["wealth_advisor"] * 3 + ["teller"] * 2
_BASE_PAY = {"relationship_manager": 180_000, "wealth_advisor": 170_000, "teller": 110_000}

DICTIONARY: dict[str, dict] = {
    "staff": {
        "description": {
            "zh": "员工名册（虚构），八家支行各八人，每行一名员工。",
            "en": "Staff roster (fictional), eight employees at each of the eight branches, one row per employee.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，T 加三位数字，例如 T001。", "en": 'Staff id, "T" and three digits, e.g. T001.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional name of the employee."},
            "branch_id": {"zh": "所属支行代码，例如 BJ-CY，与 bankdata 的支行代码相同。", "en": "Branch code, e.g. BJ-CY, the same codes as in bankdata."},
            "role": {
                "zh": "岗位：relationship_manager（客户经理）、wealth_advisor（理财经理）或 teller（柜员）。",
                "en": "Job role: relationship_manager, wealth_advisor or teller.",
            },
        },
    },
    "branch_month": {
        "description": {
            "zh": "各支行每月的销售与行为指标，每行是一家支行一个月（2021-01 至 2025-06）。",
            "en": "Monthly sales and conduct indicators of each branch, one row per branch and month (2021-01 to 2025-06).",
        },
        "columns": {
            "branch_id": {"zh": "支行代码。", "en": "Branch code."},
            "month": {"zh": "月份，格式如 2022-07。", "en": "Month, written like 2022-07."},
            "sales_count": {"zh": "当月完成的理财、基金和保险产品销售笔数。", "en": "Sales of wealth, fund and insurance products made in the month."},
            "month_end_sales": {
                "zh": "其中在当月最后 5 个自然日完成的笔数。如果销售均匀分布，约占六分之一；明显更高说明有月末冲量。",
                "en": "Of those, sales made in the last 5 calendar days of the month. Spread evenly this would be about one in six; much more points to a month-end push.",
            },
            "mismatched_sales": {"zh": "产品风险等级高于客户风险等级的销售笔数。", "en": "Sales whose product risk level was above the customer's risk level."},
            "complaints": {"zh": "当月收到的与销售有关的客户投诉件数。", "en": "Sales-related customer complaints received in the month."},
            "mis_selling_complaints": {"zh": "其中被归类为误导销售或不适当销售的投诉件数。", "en": "Of those, complaints classed as misleading or unsuitable selling."},
            "survey_responses": {"zh": "当月收回的客户回访问卷份数。", "en": "Customer follow-up survey responses received in the month."},
            "satisfaction_mean": {"zh": "回访问卷的平均满意度，1（很不满意）到 5（很满意）。", "en": "Mean satisfaction in the follow-up survey, from 1 (very dissatisfied) to 5 (very satisfied)."},
        },
    },
    "staff_survey": {
        "description": {
            "zh": "员工季度匿名调查，每行是一份答卷；不记录员工编号，只记录支行和岗位。",
            "en": "Anonymous quarterly staff survey, one row per response; it records branch and role but no staff id.",
        },
        "columns": {
            "response_id": {"zh": "答卷编号，V 加五位数字。", "en": 'Response id, "V" and five digits.'},
            "quarter": {"zh": "调查季度，格式如 2024Q3。", "en": "Quarter of the survey, written like 2024Q3."},
            "branch_id": {"zh": "答卷人所在支行。", "en": "Branch of the respondent."},
            "role": {"zh": "答卷人岗位。", "en": "Job role of the respondent."},
            "pressure_score": {
                "zh": "对\"我感到有压力去销售客户未必需要的产品\"的同意程度，1（完全不同意）到 5（完全同意）。",
                "en": 'Agreement with "I feel under pressure to sell products customers may not need", from 1 (strongly disagree) to 5 (strongly agree).',
            },
            "saw_sales_ranking": {
                "zh": "本季度是否见过按销售数据对员工或支行的排名（包括邮件、群聊和晨会上的）。",
                "en": "Whether the respondent saw, this quarter, any ranking of staff or branches by sales (including in emails, chat groups or morning meetings).",
            },
        },
    },
    "pay": {
        "description": {
            "zh": "员工年度薪酬，每行是一名员工一年：2021 年（有销售奖金）和 2023 年（按服务和满意度发放浮动薪酬）。",
            "en": "Annual pay, one row per employee and year: 2021 (with sales bonuses) and 2023 (variable pay based on service and satisfaction).",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，对应 staff.staff_id。", "en": "Staff id; refers to staff.staff_id."},
            "year": {"zh": "年份：2021 或 2023。", "en": "Year: 2021 or 2023."},
            "base_pay_cny": {"zh": "全年基本工资（元）。", "en": "Base pay for the year, in CNY."},
            "variable_pay_cny": {
                "zh": "全年浮动薪酬（元）：2021 年为销售奖金，2023 年为服务与客户满意度奖励。",
                "en": "Variable pay for the year, in CNY: sales bonuses in 2021, service and satisfaction awards in 2023.",
            },
        },
    },
}


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    branch = np.repeat(bankdata.BRANCHES.branch_id.to_numpy(), len(_ROLES))
    n = len(branch)
    return pd.DataFrame(
        {
            "staff_id": [f"T{i:03d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "branch_id": branch,
            "role": _ROLES * len(bankdata.BRANCHES),
        }
    )


def _pressure(rng: np.random.Generator) -> pd.DataFrame:
    """Sales pressure (0 none, about 1 under targets) by branch and month."""
    months = pd.Series(MONTHS)
    after = (months >= TARGETS_REMOVED).to_numpy()
    since_removal = np.arange(len(MONTHS)) - MONTHS.index(TARGETS_REMOVED)
    since_drift = np.clip(np.arange(len(MONTHS)) - MONTHS.index(_DRIFT_START) + 1, 0, None)
    rows = []
    for branch in bankdata.BRANCHES.branch_id:
        level = rng.uniform(0.85, 1.15)
        # Pressure fades over the first months without targets, to a floor of about 0.15.
        settled = 0.15 + (level - 0.15) * np.exp(-0.9 * (since_removal + 1))
        p = np.where(after, settled, level) + _DRIFT_SLOPE.get(branch, _BASE_DRIFT) * since_drift
        p = np.clip(p + rng.normal(0, 0.03, len(MONTHS)), 0, 1.3)
        rows.append(pd.DataFrame({"branch_id": branch, "month": MONTHS, "pressure": p}))
    return pd.concat(rows, ignore_index=True)


def _branch_month(rng: np.random.Generator, pressure: pd.DataFrame) -> pd.DataFrame:
    size = dict(zip(bankdata.BRANCHES.branch_id, rng.uniform(180, 320, len(bankdata.BRANCHES))))
    p = pressure.pressure.to_numpy()
    n = len(p)
    sales = rng.poisson(pressure.branch_id.map(size).to_numpy() * (0.85 + 0.25 * p))
    complaints = rng.poisson(sales * (0.005 + 0.02 * p))
    responses = rng.binomial(sales, 0.25)
    return pd.DataFrame(
        {
            "branch_id": pressure.branch_id,
            "month": pressure.month,
            "sales_count": sales,
            "month_end_sales": rng.binomial(sales, np.clip(0.165 + 0.25 * p, 0, 0.9)),
            "mismatched_sales": rng.binomial(sales, 0.006 + 0.05 * p**2),  # harm grows once pressure is high
            "complaints": complaints,
            "mis_selling_complaints": rng.binomial(complaints, np.clip(0.15 + 0.45 * p, 0, 0.9)),
            "survey_responses": responses,
            "satisfaction_mean": np.clip(4.5 - 0.7 * p + rng.normal(0, 0.05, n), 1, 5).round(2),
        }
    )


def _staff_survey(rng: np.random.Generator, staff: pd.DataFrame, pressure: pd.DataFrame) -> pd.DataFrame:
    quarter = pd.PeriodIndex(pressure.month, freq="M").asfreq("Q").astype(str)
    quarterly = pressure.groupby([quarter, pressure.branch_id]).pressure.mean()
    quarters = quarterly.index.get_level_values(0).unique()
    grid = pd.DataFrame(
        {
            "quarter": np.repeat(quarters.to_numpy(), len(staff)),
            "branch_id": np.tile(staff.branch_id.to_numpy(), len(quarters)),
            "role": np.tile(staff.role.to_numpy(), len(quarters)),
        }
    )
    p = quarterly.reindex(pd.MultiIndex.from_frame(grid[["quarter", "branch_id"]])).to_numpy()
    k = len(grid)
    survey = grid.assign(
        pressure_score=np.clip(np.round(1.3 + 3.0 * p + rng.normal(0, 0.7, k)), 1, 5).astype(int),
        saw_sales_ranking=rng.random(k) < np.clip(0.03 + 0.9 * p**1.5, 0, 0.97),
    )
    survey = survey[rng.random(k) < 0.85].reset_index(drop=True)  # about one in seven does not answer
    survey.insert(0, "response_id", [f"V{i:05d}" for i in range(1, len(survey) + 1)])
    return survey


def _pay(rng: np.random.Generator, staff: pd.DataFrame) -> pd.DataFrame:
    n = len(staff)
    base = staff.role.map(_BASE_PAY).to_numpy() * rng.uniform(0.9, 1.1, n)
    # Sales bonuses were lumpy: a few top sellers took a large share.
    old_variable = base * rng.lognormal(np.log(0.09), 1.0, n)
    new_base = base * rng.uniform(1.03, 1.06, n)
    new_variable = base * np.clip(rng.normal(0.16, 0.03, n), 0.05, None)
    frames = [
        pd.DataFrame({"staff_id": staff.staff_id, "year": year, "base_pay_cny": b.round(-2), "variable_pay_cny": v.round(-2)})
        for year, b, v in [(PAY_YEARS[0], base, old_variable), (PAY_YEARS[1], new_base, new_variable)]
    ]
    return pd.concat(frames, ignore_index=True)


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: staff, branch_month, staff_survey and pay.

    The same seed always gives the same tables. They are shared between
    calls; copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    staff = _staff(rng)
    pressure = _pressure(rng)
    return {
        "staff": staff,
        "branch_month": _branch_month(rng, pressure),
        "staff_survey": _staff_survey(rng, staff, pressure),
        "pay": _pay(rng, staff),
    }
