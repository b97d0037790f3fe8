"""Capping the financial share of a staff scorecard, at the fictional Jinhe Bank.

Mechanism reproduced (after Australia's Sedgwick Review of 2017 and the
Commonwealth Bank's 2017 change for its tellers): under the old scorecard,
sales volume carries 70% of the weight. Staff who push hard sell more, but they
also sell more products above the customer's risk level, skip more recordings
and draw more complaints; the sales weight still lifts them to the top of the
ranking and pays them the largest bonuses. From 2024Q3 the bank caps financial
measures at 50% of the scorecard, and from 2025Q1 at 33%, moving the weight to
customer satisfaction, sales quality and training. Recomputing one quarter under
both weightings turns the ranking round; staff adapt to the new weights with a
lag, so the quality indicators improve quarter by quarter after the change.

Usage::

    from salesacademy.casedata import scorecard_cap
    data = scorecard_cap.load()
    data["scorecards"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

#: Quarters covered, oldest first.
QUARTERS = [str(q) for q in pd.period_range("2023Q3", "2025Q2", freq="Q")]

#: Scorecard measures; each has a 0-100 score column ``<measure>_score``.
MEASURES = ["sales", "satisfaction", "quality", "training"]

#: Weight of each measure under each scheme, and the first quarter it applies to.
SCHEMES = {
    "old": ("2023Q3", {"sales": 0.70, "satisfaction": 0.10, "quality": 0.15, "training": 0.05}),
    "cap50": ("2024Q3", {"sales": 0.50, "satisfaction": 0.20, "quality": 0.20, "training": 0.10}),
    "cap33": ("2025Q1", {"sales": 0.33, "satisfaction": 0.27, "quality": 0.30, "training": 0.10}),
}

#: Quarterly bonus pool, shared in proportion to each person's composite points above the threshold.
BONUS_POOL_CNY = 270_000
BONUS_THRESHOLD = 50

#: How much of a member of staff's sales push survives in each quarter: staff
#: change their behaviour a little later than the weights change.
_PUSH_KEPT = [1.0, 1.0, 1.0, 1.0, 0.75, 0.6, 0.45, 0.35]

_ROLES = {  # role: (staff per branch, quarterly target in CNY, sales per quarter at 100% attainment)
    "relationship_manager": (3, 4_500_000, 40),
    "wealth_advisor": (3, 4_500_000, 50),
    "teller": (2, 600_000, 80),
}

DICTIONARY: dict[str, dict] = {
    "staff": {
        "description": {
            "zh": "参与季度计分卡考核的员工名册（虚构），每行一名员工，八家支行各八人。",
            "en": "Roster of the staff assessed on the quarterly scorecard (fictional), one row per employee, eight at each of the eight branches.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，K 加三位数字，例如 K001。", "en": 'Staff id, "K" and three digits, e.g. K001.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional name of the employee."},
            "branch_id": {"zh": "所属支行代码，例如 SH-PD，与 bankdata 的支行代码相同。", "en": "Branch code, e.g. SH-PD, the same codes as in bankdata."},
            "role": {
                "zh": "岗位：relationship_manager（客户经理）、wealth_advisor（理财经理）或 teller（柜员）。",
                "en": "Job role: relationship_manager, wealth_advisor or teller.",
            },
        },
    },
    "weights": {
        "description": {
            "zh": "计分卡的权重方案，每行是某方案中一项指标的权重。old 为旧方案；cap50 把财务类指标上限定为 50%；cap33 定为 33%。",
            "en": "Weighting schemes of the scorecard, one row per measure of a scheme. old is the former scheme; cap50 caps financial measures at 50%, cap33 at 33%.",
        },
        "columns": {
            "scheme": {"zh": "方案名称：old、cap50 或 cap33。", "en": "Scheme name: old, cap50 or cap33."},
            "in_force_from": {
                "zh": "方案开始适用的季度，格式如 2024Q3；一直适用到下一个方案开始。",
                "en": "First quarter the scheme applies to, written like 2024Q3; it applies until the next scheme starts.",
            },
            "measure": {
                "zh": "指标：sales（销售业绩）、satisfaction（客户满意度）、quality（销售质量）或 training（培训完成）。",
                "en": "Measure: sales, satisfaction (customer satisfaction), quality (sales quality) or training (training completed).",
            },
            "weight": {"zh": "该指标在方案中的权重，0 到 1 之间的小数；同一方案的权重之和为 1。", "en": "Weight of the measure in the scheme, a fraction between 0 and 1; the weights of a scheme add up to 1."},
            "financial": {"zh": "是否属于财务类（与销售额挂钩的）指标。", "en": "Whether the measure is financial, that is, tied to sales."},
        },
    },
    "scorecards": {
        "description": {
            "zh": "季度计分卡，每行是一名员工一个季度的各项得分、当时适用方案下的综合得分和实际发放的奖金。",
            "en": "Quarterly scorecards, one row per employee and quarter: the score on each measure, the composite score under the scheme then in force, and the bonus actually paid.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，对应 staff.staff_id。", "en": "Staff id; refers to staff.staff_id."},
            "quarter": {"zh": "考核季度，格式如 2024Q2。", "en": "Quarter assessed, written like 2024Q2."},
            "scheme": {"zh": "该季度适用的权重方案，对应 weights.scheme。", "en": "Weighting scheme in force that quarter; refers to weights.scheme."},
            "sales_score": {
                "zh": "销售业绩得分（0–100）：季度目标完成率乘以 62.5，最高 100 分（完成率 160% 即满分）。不区分产品。",
                "en": "Sales score (0-100): quarterly target attainment times 62.5, capped at 100 (160% attainment scores full marks). The same for every product.",
            },
            "satisfaction_score": {
                "zh": "客户满意度得分（0–100）：客户回访问卷平均分（1–5 分）减 1 后乘以 25。",
                "en": "Customer satisfaction score (0-100): the mean follow-up survey rating (1-5) minus 1, times 25.",
            },
            "quality_score": {
                "zh": "销售质量得分（0–100）：100 分起，不匹配销售占比每 1 个百分点扣 4 分，无录音录像销售占比每 1 个百分点扣 3 分，每百笔销售的投诉每件扣 5 分，最低 0 分。",
                "en": "Sales quality score (0-100): 100, less 4 points per percentage point of mismatched sales, 3 per percentage point of sales without a recording and 5 per complaint per 100 sales, floored at 0.",
            },
            "training_score": {"zh": "培训得分（0–100）：当季必修课程的完成百分比。", "en": "Training score (0-100): percentage of the quarter's required courses completed."},
            "composite_score": {
                "zh": "综合得分：当季适用方案下四项得分的加权和，保留一位小数。",
                "en": "Composite score: the weighted sum of the four scores under the scheme in force, to one decimal.",
            },
            "bonus_cny": {
                "zh": "实际发放的季度奖金（元）。每季度奖金池 270,000 元，按每人综合得分超过 50 分的部分占全行合计的比例分配，取整到元；不超过 50 分则为 0。",
                "en": "Quarterly bonus paid, in CNY. Each quarter a pool of 270,000 is shared in proportion to each person's composite points above 50, rounded to whole yuan; 0 at 50 or below.",
            },
        },
    },
    "conduct": {
        "description": {
            "zh": "销售行为指标，每行是一名员工一个季度的销售笔数、金额和质量问题，是 quality_score 与 satisfaction_score 的原始数据。",
            "en": "Sales conduct indicators, one row per employee and quarter: sales made, their amount and the quality problems found; the raw data behind quality_score and satisfaction_score.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，对应 staff.staff_id。", "en": "Staff id; refers to staff.staff_id."},
            "quarter": {"zh": "季度，格式如 2024Q2。", "en": "Quarter, written like 2024Q2."},
            "sales_count": {"zh": "当季完成的销售笔数。", "en": "Number of sales made in the quarter."},
            "sales_volume_cny": {"zh": "当季销售金额合计（元）。", "en": "Total amount sold in the quarter, in CNY."},
            "target_cny": {"zh": "当季销售目标（元）；客户经理和理财经理为 4,500,000，柜员为 600,000。", "en": "Quarterly sales target in CNY: 4,500,000 for relationship managers and wealth advisors, 600,000 for tellers."},
            "mismatched_sales": {"zh": "产品风险等级高于客户风险等级的销售笔数。", "en": "Sales whose product risk level was above the customer's risk level."},
            "unrecorded_sales": {"zh": "应当录音录像却没有录音录像的网点销售笔数。", "en": "In-branch sales that needed an audio-video recording and had none."},
            "complaints": {"zh": "当季收到的、与该员工销售有关的客户投诉件数。", "en": "Customer complaints received in the quarter about this employee's sales."},
            "survey_responses": {"zh": "当季收回的客户回访问卷份数。", "en": "Follow-up survey responses received in the quarter."},
            "survey_mean": {"zh": "回访问卷的平均评分，1（很不满意）到 5（很满意）。", "en": "Mean follow-up survey rating, from 1 (very dissatisfied) to 5 (very satisfied)."},
        },
    },
}


def scheme_in_force(quarter: str) -> str:
    """Name of the weighting scheme that applies to `quarter` (e.g. "2024Q3")."""
    return [name for name, (start, _) in SCHEMES.items() if start <= quarter][-1]


def bonus(quarter: pd.Series, composite: pd.Series) -> pd.Series:
    """Each quarter's pool shared in proportion to composite points above the threshold, in whole yuan."""
    points = (composite - BONUS_THRESHOLD).clip(lower=0)
    return (BONUS_POOL_CNY * points / points.groupby(quarter).transform("sum")).round(0)


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    roles = [role for role, (count, _, _) in _ROLES.items() for _ in range(count)]
    branch = np.repeat(bankdata.BRANCHES.branch_id.to_numpy(), len(roles))
    n = len(branch)
    return pd.DataFrame(
        {
            "staff_id": [f"K{i:03d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "branch_id": branch,
            "role": roles * len(bankdata.BRANCHES),
        }
    )


def _quarters(rng: np.random.Generator, staff: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(staff)
    # About one in five push hard for sales; the rest sell by need.
    push = np.where(rng.random(n) < 0.2, rng.uniform(0.6, 1.0, n), rng.uniform(0.0, 0.35, n))
    skill = rng.normal(0, 1, n)
    target = staff.role.map({r: t for r, (_, t, _) in _ROLES.items()}).to_numpy()
    pace = staff.role.map({r: p for r, (_, _, p) in _ROLES.items()}).to_numpy()
    conduct, scores = [], []
    for quarter, kept in zip(QUARTERS, _PUSH_KEPT):
        # Everyone takes more care once quality pays, but only the push above an
        # ordinary level costs sales: careful sellers sell about as much as before.
        effort = push * kept
        drive = np.minimum(push, 0.2) + np.maximum(push - 0.2, 0) * kept
        attainment = np.clip(0.8 + 0.08 * skill + 0.8 * drive + rng.normal(0, 0.08, n), 0.3, None)
        count = rng.poisson(pace * attainment)
        mismatched = rng.binomial(count, 0.008 + 0.11 * effort)
        unrecorded = rng.binomial(count, 0.015 + 0.07 * effort)
        complaints = rng.poisson(count * (0.003 + 0.035 * effort))
        responses = rng.binomial(count, 0.3) + 3
        survey = np.clip(4.5 - 1.3 * effort + 0.1 * skill + rng.normal(0, 0.12, n), 1, 5).round(2)
        volume = np.round(target * attainment * rng.normal(1, 0.03, n), -3)
        conduct.append(
            pd.DataFrame(
                {
                    "staff_id": staff.staff_id,
                    "quarter": quarter,
                    "sales_count": count,
                    "sales_volume_cny": volume,
                    "target_cny": target,
                    "mismatched_sales": mismatched,
                    "unrecorded_sales": unrecorded,
                    "complaints": complaints,
                    "survey_responses": responses,
                    "survey_mean": survey,
                }
            )
        )
        per_sale = np.maximum(count, 1)
        quality = 100 - 400 * mismatched / per_sale - 300 * unrecorded / per_sale - 500 * complaints / per_sale
        scores.append(
            pd.DataFrame(
                {
                    "staff_id": staff.staff_id,
                    "quarter": quarter,
                    "scheme": scheme_in_force(quarter),
                    "sales_score": np.minimum(100, 62.5 * volume / target).round(1),
                    "satisfaction_score": ((survey - 1) * 25).round(1),
                    "quality_score": np.clip(quality, 0, 100).round(1),
                    "training_score": np.clip(rng.normal(92 - 15 * effort, 6, n), 40, 100).round(0),
                }
            )
        )
    return pd.concat(scores, ignore_index=True), pd.concat(conduct, ignore_index=True)


def _weights() -> pd.DataFrame:
    rows = [(name, start, m, w, m == "sales") for name, (start, weights) in SCHEMES.items() for m, w in weights.items()]
    return pd.DataFrame(rows, columns=["scheme", "in_force_from", "measure", "weight", "financial"])


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: staff, weights, scorecards and conduct.

    The same seed always gives the same tables. They are shared between
    calls; copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    staff = _staff(rng)
    weights = _weights()
    scorecards, conduct = _quarters(rng, staff)
    table = weights.pivot(index="scheme", columns="measure", values="weight")
    in_force = table.loc[scorecards.scheme, MEASURES].to_numpy()
    composite = (scorecards[[f"{m}_score" for m in MEASURES]].to_numpy() * in_force).sum(axis=1).round(1)
    scorecards["composite_score"] = composite
    scorecards["bonus_cny"] = bonus(scorecards.quarter, scorecards.composite_score)
    return {"staff": staff, "weights": weights, "scorecards": scorecards, "conduct": conduct}
