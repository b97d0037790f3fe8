"""Testing sales conduct directly: a mystery-shopping programme at the fictional Jinhe Bank.

Mechanism reproduced (after the HKMA's mystery shopping of 2010, which followed
the Hong Kong Lehman minibond losses, and the FCA's request in FG13/1 that firms
monitor face-to-face sales): sales records show what was sold, not what was said
at the desk. Trained "customers" from an outside agency therefore visit the
branches with a script, ask about investing, and score each visit on an
eight-item checklist (risk assessment answered by the customer, risk disclosure
read, no guarantee language, suitability matched, fees explained, cooling-off
explained, talk moved to the recorded sales zone, and extra care for a shopper
posing as aged 65 or over).

- Wave 1 (October-November 2024) finds three weak items bank-wide (risk
  disclosure, cooling-off, extra care for older customers) and one weak branch
  (GZ-TH), whose conduct is poorer on every item.
- In January-February 2025 every wealth advisor and relationship manager is
  coached on the three weak items; GZ-TH gets a second session. Tellers are
  not invited.
- Wave 2 (April-May 2025) shows the coached items up by about 30 percentage
  points and the uncoached items by only a few (staff know the programme
  exists). GZ-TH gains most on the coached items but stays weaker on some
  others. The improvement comes from the staff who attended the coaching.
- At CD-JJ investment questions are mostly answered by tellers at the deposit
  counter, away from the recorded sales zone. The coaching never reached
  them, so CD-JJ still fails on the sales zone and on care for older customers
  in wave 2: coaching fixes knowledge, not a branch's layout or who serves whom.

Visits per branch are few and unequal (HZ-XH has six a wave), so the data also
teach sampling honesty: a branch's pass rate carries a wide interval, and a
branch should be flagged only when the whole interval lies below the target.

Usage::

    from salesacademy.casedata import mystery_shopping
    data = mystery_shopping.load()
    data["results"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

#: Fieldwork windows of the two waves (first and last visit day).
WAVES = {1: ("2024-10-08", "2024-11-29"), 2: ("2025-04-07", "2025-05-30")}

#: Jinhe Bank's target pass rate for every checklist item (the bank's own policy, fictional).
TARGET_PASS_RATE = 0.80

#: Shoppers posing as this age or older test the extra-care item.
ELDERLY_AGE = 65

#: Visits per branch in each wave: proportional to the branch's investment sales, so unequal.
VISITS_PER_BRANCH = {"SH-PD": 30, "SH-XH": 16, "BJ-CY": 24, "BJ-HD": 14, "GZ-TH": 28, "SZ-FT": 18, "HZ-XH": 6, "CD-JJ": 24}

#: Branch judged weak after wave 1, which got a second coaching session.
WEAK_BRANCH = "GZ-TH"

#: Branch where tellers answer most investment questions at the deposit counter.
COUNTER_BRANCH = "CD-JJ"

CHECKLIST = pd.DataFrame(
    [
        ("own_risk_assessment", "顾客本人完成风险测评", "Customer answers the risk assessment", "all", False, "03-suitability", 0.80),
        ("risk_disclosure_read", "宣读并解释风险揭示", "Risk disclosure read out", "all", True, "02-communication", 0.54),
        ("no_guarantee_language", "无保本保收益或“像存款”的说法", "No guarantee or \"like a deposit\" talk", "all", False, "02-communication", 0.83),
        ("suitability_matched", "产品不超过顾客的风险等级", "Product within the customer's risk level", "all", False, "03-suitability", 0.87),
        ("fees_explained", "逐项说明费用", "Fees explained item by item", "all", False, "05-fee-transparency", 0.70),
        ("cooling_off_explained", "说明冷静期和考虑时间", "Cooling-off and time to think explained", "all", True, "04-recording-cooling-off", 0.46),
        ("sales_zone_recorded", "带到有录音录像的销售专区", "Moved to the recorded sales zone", "all", False, "04-recording-cooling-off", 0.83),
        ("elderly_extra_care", "对 65 岁及以上顾客的额外关照", "Extra care for customers aged 65+", "aged_65_plus", True, "03-suitability", 0.36),
    ],
    columns=["item_id", "name_zh", "name_en", "applies_to", "coached", "module", "base_rate"],
)

PRODUCTS = pd.DataFrame(
    [
        ("JP01", "金禾安盈现金理财", "Jinhe Cash Plus", "R1"),
        ("JP02", "金禾稳健 90 天理财", "Jinhe Steady 90-Day", "R2"),
        ("JP03", "金禾平衡配置理财", "Jinhe Balanced Allocation", "R3"),
        ("JP04", "金禾成长混合基金", "Jinhe Growth Mixed Fund", "R4"),
        ("JP05", "金禾增强挂钩票据", "Jinhe Booster Linked Note", "R5"),
    ],
    columns=["product_id", "name_zh", "name_en", "risk_level"],
)

#: Mystery shoppers of the outside agency: code, age they give, risk level their script answers to.
_SHOPPERS = [
    ("MS01", 68, "C1"), ("MS02", 71, "C2"), ("MS03", 66, "C2"), ("MS04", 74, "C1"), ("MS05", 69, "C2"),
    ("MS06", 34, "C3"), ("MS07", 45, "C2"), ("MS08", 52, "C3"), ("MS09", 29, "C2"), ("MS10", 58, "C3"),
    ("MS11", 41, "C3"), ("MS12", 37, "C2"), ("MS13", 61, "C2"),
]

_ROLES = ["wealth_advisor", "wealth_advisor", "relationship_manager", "relationship_manager", "teller", "teller"]

DICTIONARY: dict[str, dict] = {
    "checklist": {
        "description": {
            "zh": "神秘顾客检查表，每行一个检查项。每次到访，对每个适用的检查项记录通过或未通过。",
            "en": "The mystery-shopping checklist, one row per item. Each visit records a pass or a fail on every item that applies.",
        },
        "columns": {
            "item_id": {"zh": "检查项代码。", "en": "Checklist item code."},
            "name_zh": {"zh": "检查项的中文简称。", "en": "Short name of the item in Chinese."},
            "name_en": {"zh": "检查项的英文简称。", "en": "Short name of the item in English."},
            "applies_to": {
                "zh": "适用范围：all（每次到访）或 aged_65_plus（只适用于自称 65 岁及以上的神秘顾客：员工是否提出可请陪同人或第二名员工在场，并确认顾客理解）。",
                "en": "When the item applies: all (every visit) or aged_65_plus (only when the shopper gives an age of 65 or over: whether staff offer a companion or a second member of staff and check that the customer understands).",
            },
            "coached": {
                "zh": "是否是第一轮之后针对性辅导的检查项（2025 年 1–2 月）。",
                "en": "Whether the item was one of those coached after wave 1 (January-February 2025).",
            },
            "module": {"zh": "讲授该要求的课程模块。", "en": "Course module that teaches the requirement."},
        },
    },
    "products": {
        "description": {
            "zh": "神秘顾客可能被推荐的产品（虚构），每行一款。",
            "en": "Products a mystery shopper may be offered (fictional), one row each.",
        },
        "columns": {
            "product_id": {"zh": "产品代码，JP 加两位数字。", "en": 'Product code, "JP" and two digits.'},
            "name_zh": {"zh": "产品中文名称。", "en": "Product name in Chinese."},
            "name_en": {"zh": "产品英文名称。", "en": "Product name in English."},
            "risk_level": {"zh": "产品风险等级 R1 至 R5。", "en": "Product risk level, R1 to R5."},
        },
    },
    "staff": {
        "description": {
            "zh": "八家支行的员工名册（虚构），每家支行两名理财经理、两名客户经理、两名柜员。",
            "en": "Staff roster of the eight branches (fictional): two wealth advisors, two relationship managers and two tellers at each.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，J 加三位数字。", "en": 'Staff id, "J" and three digits.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional name of the employee."},
            "branch_id": {"zh": "所属支行代码，与 bankdata 的支行代码相同。", "en": "Branch code, the same codes as in bankdata."},
            "role": {
                "zh": "岗位：wealth_advisor（理财经理）、relationship_manager（客户经理）或 teller（柜员）。",
                "en": "Job role: wealth_advisor, relationship_manager or teller.",
            },
        },
    },
    "coaching": {
        "description": {
            "zh": "第一轮之后的针对性辅导（2025 年 1–2 月），每行是一名员工在一个被辅导检查项上的邀请和出勤情况。柜员未被邀请。",
            "en": "The targeted coaching after wave 1 (January-February 2025), one row per employee and coached item: invitation and attendance. Tellers were not invited.",
        },
        "columns": {
            "staff_id": {"zh": "员工编号，对应 staff.staff_id。", "en": "Staff id; refers to staff.staff_id."},
            "item_id": {"zh": "被辅导的检查项，对应 checklist.item_id。", "en": "Coached checklist item; refers to checklist.item_id."},
            "invited": {"zh": "是否被邀请参加辅导。", "en": "Whether the employee was invited to the coaching."},
            "sessions_attended": {
                "zh": "参加的辅导场次：0、1 或 2。第一轮最弱的支行 GZ-TH 多安排了一场。",
                "en": "Coaching sessions attended: 0, 1 or 2. GZ-TH, the weakest branch in wave 1, had a second session.",
            },
            "first_attended_on": {"zh": "第一次参加该项辅导的日期；未参加为空。", "en": "Date of the first session attended on the item; empty if none."},
        },
    },
    "visits": {
        "description": {
            "zh": "神秘顾客的到访记录，每行一次到访。第一轮在 2024 年 10–11 月，第二轮在 2025 年 4–5 月。",
            "en": "Mystery-shopping visits, one row per visit. Wave 1 ran in October-November 2024, wave 2 in April-May 2025.",
        },
        "columns": {
            "visit_id": {"zh": "到访编号，MV 加四位数字。", "en": 'Visit id, "MV" and four digits.'},
            "wave": {"zh": "检查轮次：1 或 2。", "en": "Wave: 1 or 2."},
            "visited_on": {"zh": "到访日期。", "en": "Date of the visit."},
            "branch_id": {"zh": "被访支行代码。", "en": "Branch visited."},
            "staff_id": {"zh": "接待神秘顾客的员工，对应 staff.staff_id。", "en": "Employee who served the shopper; refers to staff.staff_id."},
            "shopper_id": {"zh": "外部调查机构的神秘顾客代码，MS 加两位数字。", "en": 'Code of the mystery shopper at the outside agency, "MS" and two digits.'},
            "persona_age": {"zh": "神秘顾客按剧本自称的年龄。", "en": "Age the shopper gives, following the script."},
            "persona_risk_level": {
                "zh": "神秘顾客按剧本回答风险测评时应得到的风险等级，C1 至 C3。",
                "en": "Risk level the shopper's scripted answers to the risk assessment lead to, C1 to C3.",
            },
            "scenario": {
                "zh": "剧本：maturing_deposit（定期存款到期，问怎么办）、higher_return（想要比存款高的收益）或 first_investment（第一次投资）。",
                "en": "Script: maturing_deposit (a time deposit is maturing, what to do), higher_return (wants more than a deposit pays) or first_investment (a first investment).",
            },
            "offered_product_id": {"zh": "员工推荐的产品，对应 products.product_id。", "en": "Product the employee recommended; refers to products.product_id."},
            "duration_min": {"zh": "到访时长（分钟）。", "en": "Length of the visit in minutes."},
        },
    },
    "results": {
        "description": {
            "zh": "检查结果，每行是一次到访的一个检查项。",
            "en": "Checklist results, one row per visit and checklist item.",
        },
        "columns": {
            "visit_id": {"zh": "到访编号，对应 visits.visit_id。", "en": "Visit id; refers to visits.visit_id."},
            "item_id": {"zh": "检查项代码，对应 checklist.item_id。", "en": "Checklist item; refers to checklist.item_id."},
            "result": {
                "zh": "结果：pass（通过）、fail（未通过）或 not_applicable（不适用，例如神秘顾客自称未满 65 岁时的老年客户检查项）。",
                "en": "Outcome: pass, fail or not_applicable (the item does not apply, such as the older-customer item when the shopper gives an age under 65).",
            },
        },
    },
}


def wilson_interval(passes, n, z: float = 1.96):
    """Wilson score interval for a pass rate: returns (low, high), element-wise for arrays or Series."""
    passes = np.asarray(passes, dtype=float)
    n = np.asarray(n, dtype=float)
    p = passes / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    branches = bankdata.BRANCHES.branch_id.to_numpy()
    n = len(branches) * len(_ROLES)
    return pd.DataFrame(
        {
            "staff_id": [f"J{i:03d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "branch_id": np.repeat(branches, len(_ROLES)),
            "role": _ROLES * len(branches),
        }
    )


def _coaching(rng: np.random.Generator, staff: pd.DataFrame) -> pd.DataFrame:
    items = CHECKLIST.item_id[CHECKLIST.coached].to_list()
    rows = []
    for person in staff.itertuples():
        invited = person.role != "teller"
        for item in items:
            if not invited:
                sessions = 0
            else:
                sessions = int(rng.random() < 0.94) * (2 if person.branch_id == WEAK_BRANCH else 1)
            first = pd.Timestamp("2025-01-13") + pd.Timedelta(days=int(rng.integers(0, 40))) if sessions else pd.NaT
            rows.append((person.staff_id, item, invited, sessions, first))
    coaching = pd.DataFrame(rows, columns=["staff_id", "item_id", "invited", "sessions_attended", "first_attended_on"])
    coaching["first_attended_on"] = pd.to_datetime(coaching.first_attended_on).dt.normalize()
    return coaching


def _visits(rng: np.random.Generator, staff: pd.DataFrame) -> pd.DataFrame:
    shoppers = pd.DataFrame(_SHOPPERS, columns=["shopper_id", "persona_age", "persona_risk_level"])
    frames = []
    for wave, (first, last) in WAVES.items():
        days = pd.bdate_range(first, last)
        branch = np.repeat(list(VISITS_PER_BRANCH), list(VISITS_PER_BRANCH.values()))
        n = len(branch)
        who = shoppers.iloc[rng.integers(len(shoppers), size=n)].reset_index(drop=True)
        elderly = who.persona_age.to_numpy() >= ELDERLY_AGE
        draw = rng.random(n)
        scenario = np.where(
            elderly,
            np.where(draw < 0.7, "maturing_deposit", "higher_return"),
            np.select([draw < 0.2, draw < 0.6], ["maturing_deposit", "higher_return"], "first_investment"),
        )
        # A shopper whose deposit matures goes to the deposit counter first; at CD-JJ the teller usually answers.
        counter_branch = branch == COUNTER_BRANCH
        p_teller = np.where(scenario == "maturing_deposit", np.where(counter_branch, 0.8, 0.2), np.where(counter_branch, 0.45, 0.06))
        teller = rng.random(n) < p_teller
        # Staff of a branch are consecutive in the roster: four advisors and managers, then two tellers.
        first_of_branch = pd.Series(range(0, len(staff), len(_ROLES)), index=bankdata.BRANCHES.branch_id).reindex(branch).to_numpy()
        offset = np.where(teller, 4 + rng.integers(0, 2, n), rng.integers(0, 4, n))
        frames.append(
            pd.DataFrame(
                {
                    "wave": wave,
                    "visited_on": days[rng.integers(len(days), size=n)],
                    "branch_id": branch,
                    "staff_id": staff.staff_id.to_numpy()[first_of_branch + offset],
                    "shopper_id": who.shopper_id,
                    "persona_age": who.persona_age,
                    "persona_risk_level": who.persona_risk_level,
                    "scenario": scenario,
                }
            )
        )
    visits = pd.concat(frames, ignore_index=True).sort_values(["wave", "visited_on", "branch_id"], kind="stable", ignore_index=True)
    visits.insert(0, "visit_id", [f"MV{i:04d}" for i in range(1, len(visits) + 1)])
    return visits


def _results(rng, visits, staff, coaching) -> tuple[pd.DataFrame, np.ndarray]:
    branches = bankdata.BRANCHES.branch_id.to_numpy()
    branch_effect = dict(zip(branches, rng.normal(0.25, 0.15, len(branches))))
    branch_effect[WEAK_BRANCH] = -0.95
    branch_effect[COUNTER_BRANCH] = -0.2
    staff_effect = dict(zip(staff.staff_id, rng.normal(0, 0.3, len(staff))))
    role = visits.staff_id.map(dict(zip(staff.staff_id, staff.role))).to_numpy()
    teller = role == "teller"
    sessions = coaching.set_index(["staff_id", "item_id"]).sessions_attended
    base = visits.branch_id.map(branch_effect).to_numpy() + visits.staff_id.map(staff_effect).to_numpy()
    wave2 = visits.wave.to_numpy() == 2
    elderly = visits.persona_age.to_numpy() >= ELDERLY_AGE
    # Tellers at the counter rarely move the talk to the sales zone, and older customers get less care there.
    teller_penalty = {"sales_zone_recorded": -2.5, "elderly_extra_care": -1.0, "risk_disclosure_read": -0.4, "cooling_off_explained": -0.3}
    frames, suitability_pass = [], None
    for item in CHECKLIST.itertuples():
        logit = np.log(item.base_rate / (1 - item.base_rate)) + base + teller * teller_penalty.get(item.item_id, 0.0)
        # Staff know the programme is running: a small lift everywhere in wave 2.
        logit = logit + wave2 * 0.15
        if item.item_id == "sales_zone_recorded":
            # CD-JJ's sales zone is a booth at the back of the deposit hall, often taken.
            logit = logit - 0.6 * (visits.branch_id.to_numpy() == COUNTER_BRANCH)
        if item.coached:
            attended = sessions.reindex(pd.MultiIndex.from_arrays([visits.staff_id, np.full(len(visits), item.item_id)])).fillna(0).to_numpy()
            logit = logit + wave2 * (1.8 * (attended >= 1) + 0.5 * (attended >= 2))
        passed = rng.random(len(visits)) < 1 / (1 + np.exp(-logit))
        result = np.where(passed, "pass", "fail")
        if item.applies_to == "aged_65_plus":
            result = np.where(elderly, result, "not_applicable")
        if item.item_id == "suitability_matched":
            suitability_pass = passed
        frames.append(pd.DataFrame({"visit_id": visits.visit_id, "item_id": item.item_id, "result": result}))
    results = pd.concat(frames, ignore_index=True)
    order = {v: i for i, v in enumerate(visits.visit_id)}
    results = results.sort_values(["visit_id"], key=lambda s: s.map(order), kind="stable", ignore_index=True)
    return results, suitability_pass


def _offered(rng, visits, suitability_pass) -> np.ndarray:
    """Product offered: within the shopper's level when the item passed, one or two levels above when it failed."""
    level = visits.persona_risk_level.str[1].astype(int).to_numpy()
    high = np.minimum(level + rng.integers(1, 3, len(visits)), 5)
    within = np.maximum(level - (rng.random(len(visits)) < 0.3), 1)
    chosen = np.where(suitability_pass, within, high)
    return PRODUCTS.product_id.to_numpy()[chosen - 1]


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: checklist, products, staff, coaching, visits and results.

    The same seed always gives the same tables. They are shared between
    calls; copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    staff = _staff(rng)
    coaching = _coaching(rng, staff)
    visits = _visits(rng, staff)
    results, suitability_pass = _results(rng, visits, staff, coaching)
    visits["offered_product_id"] = _offered(rng, visits, suitability_pass)
    failed_items = results.result.eq("fail").groupby(results.visit_id).sum().reindex(visits.visit_id).to_numpy()
    # Careful visits take longer: each skipped step saves a few minutes.
    visits["duration_min"] = np.clip(np.round(rng.normal(30, 6, len(visits)) - 2.5 * failed_items), 8, 55).astype(int)
    return {
        "checklist": CHECKLIST.drop(columns="base_rate"),
        "products": PRODUCTS.copy(),
        "staff": staff,
        "coaching": coaching,
        "visits": visits,
        "results": results,
    }
