"""Case c05: older customers sold structured notes at the deposit counter.

Reproduces, at the fictional Jinhe Bank (金禾银行), the mechanism behind the
Hong Kong Lehman minibonds: customers aged 65 and over whose time deposits
mature are switched into high-risk structured notes at the deposit counter,
by tellers, away from the recorded sales zone. Many of these sales have no
recording, the recordings that exist are short and often skip the risk
disclosure, the customer's risk assessment is often redone on the day of the
sale to reach the level the note requires, and the follow-up calls show that
these customers did not understand that the note was not principal-protected.
Two branches (GZ-TH and SZ-FT) do it far more than the others.

The fictional notes ("Steady Gain Linked Notes", 稳盈挂钩票据) are sold with
deposits and ordinary wealth products from 2024-07-01 to 2025-06-30. Nothing
has gone wrong with the notes yet; the case asks what a buy-back on the 2009
Hong Kong terms (60% of face value, 70% for customers aged 65 and over) would
cost.

Usage::

    from salesacademy.casedata import minibonds_elderly
    tables = minibonds_elderly.load(seed=7)
    tables["sales"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

START = pd.Timestamp("2024-07-01")
AS_OF = pd.Timestamp("2025-06-30")

#: Age from which a customer gets the higher buy-back rate and extra care.
ELDERLY_AGE = 65

#: Share of face value paid in the 2009 Hong Kong minibond buy-back (facts.md).
BUYBACK_RATE = {"under_65": 0.60, "65_and_over": 0.70}

#: Branches where tellers sell notes at the deposit counter far more often.
HOT_BRANCHES = ("GZ-TH", "SZ-FT")

PRODUCTS = pd.DataFrame(
    [
        ("TD12", "十二个月定期存款", "12-month time deposit", "deposit", "R1", True, 12),
        ("PW01", "金禾稳健理财", "Jinhe Steady Wealth", "public_wealth", "R2", False, 6),
        ("PW02", "金禾平衡理财", "Jinhe Balanced Wealth", "public_wealth", "R3", False, 12),
        ("SN01", "稳盈挂钩票据 1 期", "Steady Gain Linked Note 1", "structured_note", "R4", False, 24),
        ("SN02", "稳盈挂钩票据 2 期", "Steady Gain Linked Note 2", "structured_note", "R4", False, 36),
        ("SN03", "稳盈挂钩票据 3 期", "Steady Gain Linked Note 3", "structured_note", "R5", False, 36),
    ],
    columns=["product_id", "name_zh", "name_en", "type", "risk_level", "principal_protected", "term_months"],
)

_ROLES = ["teller", "teller", "teller", "wealth_advisor", "wealth_advisor", "relationship_manager"]


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    branches = bankdata.BRANCHES.branch_id.to_numpy()
    n = len(branches) * len(_ROLES)
    return pd.DataFrame(
        {
            "staff_id": [f"Y{i:03d}" for i in range(1, n + 1)],
            "name": bankdata.person_names(rng, n),
            "branch_id": np.repeat(branches, len(_ROLES)),
            "role": _ROLES * len(branches),
        }
    )


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case tables; shared between calls, so copy a table before changing it."""
    rng = np.random.default_rng(seed)
    staff = _staff(rng)

    # Customers: deposit customers skew older; older customers lean conservative.
    m = 1800
    age = np.clip(rng.normal(54, 15, m).round(), 22, 90).astype(int)
    level = np.clip(rng.normal(3.1 - (age - 45) / 25, 0.9, m).round(), 1, 5).astype(int)
    assessed = AS_OF - pd.to_timedelta(rng.integers(30, 330, m), unit="D")
    customers = pd.DataFrame(
        {
            "customer_id": [f"G{i:05d}" for i in range(1, m + 1)],
            "name": bankdata.person_names(rng, m),
            "age": age,
            "risk_level": [f"C{x}" for x in level],
            "risk_assessed_on": assessed,
            "investment_experience_years": np.where(rng.random(m) < 0.45, 0, rng.integers(1, 25, m)),
            "branch_id": rng.choice(bankdata.BRANCHES.branch_id.to_numpy(), m),
        }
    )

    # Sales: first the product and where it is sold, then a customer who fits.
    n = 3200
    kind = rng.choice(["deposit", "public_wealth", "structured_note"], n, p=[0.45, 0.35, 0.20])
    product = np.empty(n, dtype=object)
    for kind_name, ids in PRODUCTS.groupby("type").product_id:
        rows = kind == kind_name
        product[rows] = rng.choice(ids.to_numpy(), rows.sum())
    draw = rng.random(n)
    location = np.select(
        [kind == "deposit", kind == "public_wealth", draw < 0.35, draw < 0.80],
        [np.where(draw < 0.8, "deposit_counter", "mobile"), np.where(draw < 0.6, "sales_zone", "mobile"), "deposit_counter", "sales_zone"],
        "mobile",
    )
    counter_note = (kind == "structured_note") & (location == "deposit_counter")
    pos = np.empty(n, dtype=int)
    # At the counter the deposit system runs no suitability check: tellers offer the notes to customers
    # whose deposits mature, mostly aged 65 and over, far more often at the two hot branches.
    weight = np.where(age >= ELDERLY_AGE, 1.0, 0.04) * np.where(customers.branch_id.isin(HOT_BRANCHES), 3.0, 1.0)
    pos[counter_note] = rng.choice(m, counter_note.sum(), p=weight / weight.sum())
    # Everywhere else the sales system blocks a mismatch: buyers are at or above the product's level.
    product_level = PRODUCTS.set_index("product_id").risk_level.str.slice(1).astype(int).reindex(product).to_numpy()
    for required in range(1, 6):
        rows = ~counter_note & (product_level == required)
        pos[rows] = rng.choice(np.flatnonzero(level >= required), rows.sum())
    branch = customers.branch_id.to_numpy()[pos]

    # The seller: a teller at the counter, an advisor in the sales zone, the relationship manager on mobile.
    branch_pos = pd.Series(range(len(bankdata.BRANCHES)), index=bankdata.BRANCHES.branch_id).reindex(branch).to_numpy()
    offset = np.where(location == "deposit_counter", rng.integers(0, 3, n), np.where(location == "sales_zone", rng.integers(3, 5, n), 5))
    seller = staff.staff_id.to_numpy()[branch_pos * len(_ROLES) + offset]

    minutes = rng.integers(0, 365, n) * 24 * 60 + 9 * 60 + rng.integers(0, 8 * 60, n)  # opening hours, 09:00 to 17:00
    sold_at = START + pd.to_timedelta(minutes, unit="min")
    amount = np.where(kind == "deposit", np.round(rng.lognormal(11.8, 0.7, n), -3), np.maximum(50_000, np.round(rng.lognormal(12.1, 0.6, n), -3)))
    switched = rng.random(n) < np.where((kind == "structured_note") & (location == "deposit_counter"), 0.9, 0.3)
    sales = pd.DataFrame(
        {
            "sold_at": sold_at,
            "customer_id": customers.customer_id.to_numpy()[pos],
            "product_id": product.astype(str),
            "staff_id": seller,
            "branch_id": branch,
            "location": location,
            "amount_cny": amount,
            "funded_from_deposit": switched,
        }
    ).sort_values("sold_at", ignore_index=True)
    sales.insert(0, "sale_id", [f"V{i:06d}" for i in range(1, n + 1)])

    # Recordings: required for every in-branch sale of a non-deposit product; the counter has no set-up for them.
    ptype = sales.product_id.map(PRODUCTS.set_index("product_id").type)
    counter = sales.location.eq("deposit_counter").to_numpy()
    needs = sales.location.ne("mobile").to_numpy() & ptype.ne("deposit").to_numpy()
    recorded = needs & (rng.random(n) >= np.where(counter, 0.6, 0.03))
    rec = sales[recorded]
    rec_counter = counter[recorded]
    k = len(rec)
    recordings = pd.DataFrame(
        {
            "recording_id": [f"A{i:05d}" for i in range(1, k + 1)],
            "sale_id": rec.sale_id.to_numpy(),
            "duration_s": np.where(rec_counter, rng.integers(120, 600, k), rng.integers(900, 2400, k)),
            "disclosure_read": rng.random(k) < np.where(rec_counter, 0.4, 0.95),
        }
    )
    sales["recording_id"] = pd.Series(recordings.recording_id.to_numpy(), index=rec.index).reindex(sales.index)

    # Risk assessments redone on the day of a counter note sale, to reach the note's level.
    counter_notes = sales[ptype.eq("structured_note") & sales.location.eq("deposit_counter")]
    first_counter = counter_notes.groupby("customer_id").sold_at.min()
    below = first_counter.index.map(customers.set_index("customer_id").risk_level).str.slice(1).astype(int) < 4
    redone = first_counter[(rng.random(len(first_counter)) < 0.7) & below]
    idx = customers.customer_id.isin(redone.index)
    customers.loc[idx, "risk_level"] = "C4"
    customers.loc[idx, "risk_assessed_on"] = customers.customer_id[idx].map(redone).dt.normalize()

    # Follow-up calls after every note sale, within a week; calls after AS_OF have not happened yet.
    notes = sales[ptype.eq("structured_note")]
    called_on = (notes.sold_at + pd.to_timedelta(rng.integers(1, 8, len(notes)), unit="D")).dt.normalize()
    notes, called_on = notes[called_on <= AS_OF], called_on[called_on <= AS_OF]
    c = len(notes)
    old = notes.customer_id.map(customers.set_index("customer_id").age).to_numpy() >= ELDERLY_AGE
    p_understood = notes.location.map({"sales_zone": 0.9, "mobile": 0.82, "deposit_counter": 0.38}).to_numpy() - np.where(old, 0.1, 0)
    reached = rng.random(c) < 0.85
    understood = pd.array(np.where(reached, rng.random(c) < p_understood, False), dtype="boolean")
    understood[~reached] = pd.NA
    callbacks = pd.DataFrame(
        {
            "callback_id": [f"F{i:05d}" for i in range(1, c + 1)],
            "sale_id": notes.sale_id.to_numpy(),
            "called_on": called_on.to_numpy(),
            "reached": reached,
            "understood_risk": understood,
        }
    )

    return {
        "customers": customers,
        "products": PRODUCTS.copy(),
        "staff": staff,
        "sales": sales,
        "recordings": recordings,
        "callbacks": callbacks,
    }


DICTIONARY: dict[str, dict] = {
    "customers": {
        "description": {"zh": "金禾银行的零售客户（虚构），每行一名客户。", "en": "Retail customers of Jinhe Bank (fictional), one row per customer."},
        "columns": {
            "customer_id": {"zh": "客户号，G 加五位数字。", "en": 'Customer id, "G" and five digits.'},
            "name": {"zh": "客户姓名（虚构）。", "en": "Fictional Chinese name of the customer."},
            "age": {"zh": "2025-06-30 时的周岁年龄；65 岁及以上的客户需要特别审慎。", "en": "Age in whole years on 2025-06-30; customers aged 65 and over call for extra care."},
            "risk_level": {
                "zh": "当前风险等级 C1（保守型）至 C5（积极型）；Cn 的客户只能买 R1 至 Rn 的产品。",
                "en": "Current risk level, C1 (conservative) to C5 (aggressive); a Cn customer may buy only R1 to Rn products.",
            },
            "risk_assessed_on": {"zh": "最近一次风险测评的日期。", "en": "Date of the latest risk assessment."},
            "investment_experience_years": {"zh": "客户自报的投资经验年数，0 表示从未投资过存款以外的产品。", "en": "Years of investment experience the customer reported; 0 means never invested in anything but deposits."},
            "branch_id": {"zh": "客户所属支行，与 bankdata 的支行代码相同。", "en": "Customer's branch, using the branch codes of bankdata."},
        },
    },
    "products": {
        "description": {"zh": "在售产品，每行一款（虚构）。", "en": "Products on sale, one row each (fictional)."},
        "columns": {
            "product_id": {"zh": "产品代码：TD 定期存款，PW 公募理财，SN 结构性票据。", "en": "Product code: TD time deposit, PW public wealth product, SN structured note."},
            "name_zh": {"zh": "产品中文名称。", "en": "Product name in Chinese."},
            "name_en": {"zh": "产品英文名称。", "en": "Product name in English."},
            "type": {"zh": "产品类型：deposit、public_wealth 或 structured_note。", "en": "Product type: deposit, public_wealth or structured_note."},
            "risk_level": {"zh": "产品风险等级 R1 至 R5；结构性票据为 R4 或 R5。", "en": "Product risk level R1 to R5; the structured notes are R4 or R5."},
            "principal_protected": {"zh": "是否保本；只有定期存款保本。", "en": "Whether the principal is protected; only the time deposit is."},
            "term_months": {"zh": "期限（月）。", "en": "Term in months."},
        },
    },
    "staff": {
        "description": {"zh": "员工名册，每家支行三名柜员、两名理财经理、一名客户经理。", "en": "Staff roster: three tellers, two wealth advisors and one relationship manager per branch."},
        "columns": {
            "staff_id": {"zh": "员工编号，Y 加三位数字。", "en": 'Staff id, "Y" and three digits.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional Chinese name of the employee."},
            "branch_id": {"zh": "所属支行。", "en": "Branch of the employee."},
            "role": {"zh": "岗位：teller（柜员）、wealth_advisor（理财经理）或 relationship_manager（客户经理）。", "en": "Role: teller, wealth_advisor or relationship_manager."},
        },
    },
    "sales": {
        "description": {"zh": "2024-07-01 至 2025-06-30 的销售记录，每行一笔。", "en": "Sales from 2024-07-01 to 2025-06-30, one row per sale."},
        "columns": {
            "sale_id": {"zh": "销售编号，V 加六位数字。", "en": 'Sale id, "V" and six digits.'},
            "sold_at": {"zh": "成交时间。", "en": "Date and time of the sale."},
            "customer_id": {"zh": "客户号，对应 customers.customer_id。", "en": "Customer id; refers to customers.customer_id."},
            "product_id": {"zh": "产品代码，对应 products.product_id。", "en": "Product code; refers to products.product_id."},
            "staff_id": {"zh": "经办员工，对应 staff.staff_id。", "en": "Member of staff who made the sale; refers to staff.staff_id."},
            "branch_id": {"zh": "成交支行。", "en": "Branch of the sale."},
            "location": {
                "zh": "成交地点：deposit_counter（存款柜台）、sales_zone（有录音录像的销售专区）或 mobile（手机银行）。",
                "en": "Where the sale was made: deposit_counter, sales_zone (the recorded sales zone) or mobile (mobile banking).",
            },
            "amount_cny": {"zh": "金额（面值），人民币元。", "en": "Amount (face value) in CNY."},
            "funded_from_deposit": {"zh": "资金是否来自刚到期的定期存款。", "en": "Whether the money came from a time deposit that had just matured."},
            "recording_id": {
                "zh": "录音录像编号，对应 recordings.recording_id；网点销售非存款产品必须有录音录像，缺失时为空。手机银行销售不需要。",
                "en": "Recording id; refers to recordings.recording_id. Every in-branch sale of a non-deposit product needs one; empty when missing. Mobile sales need none.",
            },
        },
    },
    "recordings": {
        "description": {"zh": "销售过程的录音录像，每行一段。", "en": "Audio-video recordings of sales, one row per recording."},
        "columns": {
            "recording_id": {"zh": "录音录像编号，A 加五位数字。", "en": 'Recording id, "A" and five digits.'},
            "sale_id": {"zh": "对应的销售编号。", "en": "The sale recorded."},
            "duration_s": {"zh": "时长（秒）。", "en": "Length in seconds."},
            "disclosure_read": {"zh": "质检结论：风险揭示是否完整宣读。", "en": "Quality check: whether the risk disclosure was read out in full."},
        },
    },
    "callbacks": {
        "description": {
            "zh": "每笔结构性票据销售后一周内的回访电话，每行一次。",
            "en": "Follow-up calls made within a week of every structured-note sale, one row per call.",
        },
        "columns": {
            "callback_id": {"zh": "回访编号，F 加五位数字。", "en": 'Call id, "F" and five digits.'},
            "sale_id": {"zh": "回访的销售编号。", "en": "The sale followed up."},
            "called_on": {"zh": "回访日期。", "en": "Date of the call."},
            "reached": {"zh": "是否联系上客户。", "en": "Whether the customer was reached."},
            "understood_risk": {
                "zh": "客户能否正确说出“该产品不保本、可能亏损本金”；未联系上时为空（NA）。",
                "en": 'Whether the customer could say correctly that the product "is not principal-protected and can lose money"; empty (NA) when the customer was not reached.',
            },
        },
    },
}
