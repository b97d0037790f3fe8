"""Synthetic data of a fictional retail bank, for lessons, exercises and the demo.

Every table is generated deterministically from a seed, so a lesson, its
exercise, the hidden tests and the grader all see the same rows. Nothing here
describes a real person: names are drawn from common characters at random and
the bank, Jinhe Bank (金禾银行), does not exist.

The data carries the faults the course teaches staff to find: sales above the
customer's risk level, customers aged 65 and over in high-risk products,
expired risk assessments, in-branch sales without a recording, late replies to
customers, and complaints closed after the deadline. Their rates are set in
`FAULT_RATES` so that lessons can quote them.

Usage in a notebook::

    from salesacademy import bankdata
    bank = bankdata.load(seed=7)
    bank.sales.head()
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from salesacademy import memo

#: Date the data describes: the "today" of every lesson.
AS_OF = pd.Timestamp("2025-06-30")

#: Share of rows carrying each fault, before random variation.
FAULT_RATES = {
    "risk_mismatch": 0.05,
    "missing_recording": 0.06,
    "expired_assessment": 0.08,
    "late_response": 0.12,
    "late_complaint": 0.15,
}

#: Months a customer's risk assessment stays valid under the bank's policy.
ASSESSMENT_VALID_MONTHS = 12

BRANCHES = pd.DataFrame(
    [
        ("SH-PD", "上海浦东支行", "Shanghai Pudong", "Shanghai"),
        ("SH-XH", "上海徐汇支行", "Shanghai Xuhui", "Shanghai"),
        ("BJ-CY", "北京朝阳支行", "Beijing Chaoyang", "Beijing"),
        ("BJ-HD", "北京海淀支行", "Beijing Haidian", "Beijing"),
        ("GZ-TH", "广州天河支行", "Guangzhou Tianhe", "Guangzhou"),
        ("SZ-FT", "深圳福田支行", "Shenzhen Futian", "Shenzhen"),
        ("HZ-XH", "杭州西湖支行", "Hangzhou Xihu", "Hangzhou"),
        ("CD-JJ", "成都锦江支行", "Chengdu Jinjiang", "Chengdu"),
    ],
    columns=["branch_id", "name_zh", "name_en", "city"],
)

_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲建文辉丹宁浩宇晨欣怡佳颖博然雪梅兰凤琳婷斌鹏飞雨鑫倩露瑶瑾睿哲")

PRODUCT_TYPES = ["deposit", "public_wealth", "private_wealth", "fund", "insurance", "structured_note"]
CHANNELS = ["branch", "mobile", "online", "phone"]
PROCESS_STEPS = ["contact", "needs_analysis", "risk_assessment", "recommendation", "closing", "after_sales"]
COMPLAINT_CATEGORIES = ["mis_selling", "fees", "service", "recording", "refund", "other"]


@dataclasses.dataclass(frozen=True)
class Bank:
    """All tables of one generated bank. Each attribute is a DataFrame."""

    branches: pd.DataFrame
    staff: pd.DataFrame
    customers: pd.DataFrame
    products: pd.DataFrame
    sales: pd.DataFrame
    recordings: pd.DataFrame
    cooling_off: pd.DataFrame
    complaints: pd.DataFrame
    crm_tickets: pd.DataFrame
    crm_events: pd.DataFrame
    incentives: pd.DataFrame
    transcripts: pd.DataFrame
    offers: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Tables by name, in the order of the data dictionary."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def person_names(rng: np.random.Generator, n: int) -> list[str]:
    """Fictional Chinese names: a surname and one or two given-name characters."""
    surnames = rng.choice(_SURNAMES, n)
    first = rng.choice(_GIVEN, n)
    second = np.where(rng.random(n) < 0.6, rng.choice(_GIVEN, n), "")
    return [s + a + b for s, a, b in zip(surnames, first, second)]


def _days(rng: np.random.Generator, n: int, low: int, high: int) -> pd.TimedeltaIndex:
    return pd.to_timedelta(rng.integers(low, high, n), unit="D")


def _staff(rng: np.random.Generator, per_branch: int) -> pd.DataFrame:
    n = len(BRANCHES) * per_branch
    roles = rng.choice(["relationship_manager", "wealth_advisor", "teller"], n, p=[0.4, 0.35, 0.25])
    return pd.DataFrame(
        {
            "staff_id": [f"S{i:04d}" for i in range(1, n + 1)],
            "name": person_names(rng, n),
            "branch_id": np.repeat(BRANCHES.branch_id.to_numpy(), per_branch),
            "role": roles,
            "monthly_target_cny": np.where(roles == "teller", 200_000, 1_500_000),
            # Half the staff took the conduct course mid-year; module 12 measures the effect.
            "trained_on": np.where(rng.random(n) < 0.5, pd.Timestamp("2025-01-06"), pd.NaT),
        }
    )


def _customers(rng: np.random.Generator, n: int) -> pd.DataFrame:
    age = np.clip(rng.normal(47, 15, n).round(), 18, 92).astype(int)
    # Older customers lean conservative; a few are graded aggressive anyway.
    level = np.clip(rng.normal(3.2 - (age - 45) / 30, 1.0, n).round(), 1, 5).astype(int)
    assessed = AS_OF - _days(rng, n, 0, 330)
    expired = rng.random(n) < FAULT_RATES["expired_assessment"]
    assessed = assessed.where(~expired, AS_OF - _days(rng, n, 380, 900))
    assets = np.round(rng.lognormal(12.2, 1.3, n), -2)
    tier = pd.cut(assets, [0, 500_000, 6_000_000, np.inf], labels=["mass", "affluent", "private"], right=False)
    missing = rng.random((n, 3)) < [0.04, 0.07, 0.03]
    return pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(1, n + 1)],
            "name": person_names(rng, n),
            "age": age,
            "risk_level": [f"C{x}" for x in level],
            "risk_assessed_on": assessed.normalize(),
            "assets_cny": assets,
            "tier": tier.astype(str),
            "branch_id": rng.choice(BRANCHES.branch_id, n),
            "phone": np.where(missing[:, 0], None, [f"1{x:010d}"[:11] for x in rng.integers(3e9, 9e9, n)]),
            "occupation": np.where(missing[:, 1], None, rng.choice(["employee", "self_employed", "retired", "civil_servant", "student"], n)),
            "id_verified": ~missing[:, 2],
            "marketing_consent": rng.random(n) < 0.55,
        }
    )


def _products(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    spec = {  # type: (count, risk levels, benchmark range %, annual fee range %)
        "deposit": (4, [1], (1.2, 2.0), (0.0, 0.0)),
        "public_wealth": (10, [1, 2, 3], (2.2, 3.8), (0.3, 0.8)),
        "private_wealth": (6, [3, 4], (3.8, 5.5), (0.8, 1.5)),
        "fund": (10, [2, 3, 4, 5], (3.0, 8.0), (0.5, 1.5)),
        "insurance": (6, [1, 2], (2.0, 3.5), (0.5, 1.2)),
        "structured_note": (4, [4, 5], (4.0, 9.0), (1.0, 2.0)),
    }
    for kind, (count, levels, bench, fee) in spec.items():
        for i in range(count):
            rows.append(
                {
                    "product_id": f"P{kind[:2].upper()}{i + 1:02d}",
                    "type": kind,
                    "risk_level": f"R{rng.choice(levels)}",
                    "benchmark_return_pct": round(rng.uniform(*bench), 2),
                    "annual_fee_pct": round(rng.uniform(*fee), 2),
                    "subscription_fee_pct": 0.0 if kind in ("deposit", "insurance") else round(rng.choice([0, 0.5, 1.0, 1.5]), 2),
                    "disclosed_fee_pct": np.nan,
                    "is_private": kind == "private_wealth",
                    "min_ticket_cny": {"deposit": 50, "private_wealth": 1_000_000}.get(kind, 10_000),
                    "on_shelf": True,
                }
            )
    # Two "products" that were never approved: sold off the shelf at one branch
    # with promised returns far above any benchmark (module 9 and the case library).
    for i, promised in enumerate([8.4, 9.0]):
        rows.append({"product_id": f"PXX{i + 1:02d}", "type": "private_wealth", "risk_level": "R3", "benchmark_return_pct": promised,
                     "annual_fee_pct": 0.0, "subscription_fee_pct": 0.0, "is_private": True, "min_ticket_cny": 1_000_000, "on_shelf": False})
    products = pd.DataFrame(rows)
    # Disclosure usually matches the fee actually charged; a few understate it.
    understated = rng.random(len(products)) < 0.15
    products["disclosed_fee_pct"] = (products.annual_fee_pct - np.where(understated, 0.3, 0.0)).clip(lower=0).round(2)
    return products


def _sales(rng, customers, products, staff, n) -> pd.DataFrame:
    cust = customers.sample(n, replace=True, random_state=rng.integers(2**31)).reset_index(drop=True)
    c_level = cust.risk_level.str[1].astype(int).to_numpy()
    p_level = products.risk_level.str[1].astype(int).to_numpy()
    # Most sales respect suitability; a few push one or two levels above it.
    push = rng.random(n) < FAULT_RATES["risk_mismatch"]
    wanted = np.where(push, np.minimum(c_level + rng.integers(1, 3, n), 5), rng.integers(1, c_level + 1))
    product_idx = np.empty(n, dtype=int)
    approved = products.on_shelf.to_numpy()
    for level in range(1, 6):
        rows = wanted == level
        pool = np.flatnonzero((p_level == level) & approved)
        product_idx[rows] = rng.choice(pool, rows.sum())
    chosen = products.iloc[product_idx].reset_index(drop=True)
    # Customers buy from a member of staff at their own branch.
    branch_pos = cust.branch_id.map({b: i for i, b in enumerate(BRANCHES.branch_id)}).to_numpy()
    per_branch = len(staff) // len(BRANCHES)
    seller = branch_pos * per_branch + rng.integers(0, per_branch, n)
    channel = rng.choice(CHANNELS, n, p=[0.55, 0.3, 0.1, 0.05])
    sold_at = AS_OF - pd.to_timedelta(rng.integers(0, 365 * 24 * 60, n), unit="min")
    amount = np.maximum(chosen.min_ticket_cny.to_numpy(), np.round(rng.lognormal(11.3, 0.9, n), -3))
    sales = pd.DataFrame(
        {
            "sale_id": [f"T{i:06d}" for i in range(1, n + 1)],
            "sold_at": sold_at,
            "customer_id": cust.customer_id,
            "product_id": chosen.product_id,
            "staff_id": staff.staff_id.to_numpy()[seller],
            "branch_id": cust.branch_id,
            "channel": channel,
            "amount_cny": amount,
            "recording_id": None,
        }
    ).sort_values("sold_at", ignore_index=True)
    # Off-book sales: one member of staff at one branch sells the unapproved products.
    off_book = sales.index[(sales.branch_id == "BJ-CY") & (rng.random(n) < 0.08)]
    sales.loc[off_book, "product_id"] = rng.choice(products.product_id[~products.on_shelf], len(off_book))
    sales.loc[off_book, "staff_id"] = "S0013"
    sales.loc[off_book, "channel"] = "branch"
    sales.loc[off_book, "amount_cny"] = np.round(rng.uniform(1.0, 3.0, len(off_book)), 1) * 1_000_000
    sales["sale_id"] = [f"T{i:06d}" for i in range(1, n + 1)]
    return sales


def _recordings(rng, sales, products) -> tuple[pd.DataFrame, pd.Series]:
    needs = sales.channel.eq("branch") & ~sales.product_id.map(products.set_index("product_id").type).eq("deposit")
    recorded = needs & (rng.random(len(sales)) >= FAULT_RATES["missing_recording"])
    rec = sales[recorded]
    ids = pd.Series([f"R{i:06d}" for i in range(1, len(rec) + 1)], index=rec.index)
    recordings = pd.DataFrame(
        {
            "recording_id": ids.to_numpy(),
            "sale_id": rec.sale_id.to_numpy(),
            "started_at": (rec.sold_at - pd.to_timedelta(rng.integers(5, 40, len(rec)), unit="min")).to_numpy(),
            "duration_s": rng.integers(240, 1800, len(rec)),
            "in_sales_zone": rng.random(len(rec)) > 0.03,
            "audio_ok": rng.random(len(rec)) > 0.02,
            "video_ok": rng.random(len(rec)) > 0.04,
        }
    )
    return recordings, ids


def _cooling_off(rng, sales, products) -> pd.DataFrame:
    private = sales.product_id.map(products.set_index("product_id").is_private)
    candidates = sales[private & (rng.random(len(sales)) < 0.25)]
    hours = rng.uniform(1, 40, len(candidates))
    requested = (candidates.sold_at + pd.to_timedelta(hours, unit="h")).dt.floor("min")
    within = hours <= 24
    refund_share = np.where(rng.random(len(candidates)) < 0.1, 0.98, 1.0)  # a few partial refunds
    return pd.DataFrame(
        {
            "request_id": [f"K{i:05d}" for i in range(1, len(candidates) + 1)],
            "sale_id": candidates.sale_id.to_numpy(),
            "requested_at": requested.to_numpy(),
            "refunded_cny": np.where(within, np.round(candidates.amount_cny * refund_share, 2), 0.0),
            "refunded_at": (requested + pd.Timedelta(days=1)).where(within).to_numpy(),
        }
    )


def _complaints(rng, sales, customers, n) -> pd.DataFrame:
    linked = sales.sample(n, random_state=rng.integers(2**31)).reset_index(drop=True)
    complexity = rng.choice(["simple", "complex", "especially_complex"], n, p=[0.7, 0.25, 0.05])
    limit = pd.Series(complexity).map({"simple": 15, "complex": 30, "especially_complex": 60}).to_numpy()
    late = rng.random(n) < FAULT_RATES["late_complaint"]
    days = np.where(late, limit + rng.integers(1, 20, n), rng.integers(1, limit + 1))
    received = linked.sold_at + pd.to_timedelta(rng.integers(1, 90, n), unit="D")
    closed = received + pd.to_timedelta(days, unit="D")
    return pd.DataFrame(
        {
            "complaint_id": [f"Q{i:05d}" for i in range(1, n + 1)],
            "customer_id": linked.customer_id,
            "sale_id": linked.sale_id,
            "staff_id": linked.staff_id,
            "received_at": received.dt.normalize(),
            "category": rng.choice(COMPLAINT_CATEGORIES, n, p=[0.25, 0.2, 0.25, 0.1, 0.1, 0.1]),
            "complexity": complexity,
            "closed_at": closed.dt.normalize().where(closed <= AS_OF),
            "upheld": rng.random(n) < 0.35,
            "satisfaction": rng.integers(1, 6, n),
        }
    ).sort_values("received_at", ignore_index=True).assign(complaint_id=lambda t: [f"Q{i:05d}" for i in range(1, len(t) + 1)])


def _crm_tickets(rng, customers, staff, n) -> pd.DataFrame:
    opened = AS_OF - pd.to_timedelta(rng.integers(60, 180 * 24 * 60, n), unit="min")
    late = rng.random(n) < FAULT_RATES["late_response"]
    hours = np.where(late, rng.uniform(24.5, 96, n), rng.exponential(5, n).clip(0.1, 23.9))
    return pd.DataFrame(
        {
            "ticket_id": [f"W{i:05d}" for i in range(1, n + 1)],
            "customer_id": rng.choice(customers.customer_id, n),
            "staff_id": rng.choice(staff.staff_id, n),
            "channel": rng.choice(["phone", "app", "branch", "email"], n),
            "topic": rng.choice(["enquiry", "product_question", "complaint", "account_change"], n),
            "opened_at": opened,
            "first_response_at": (opened + pd.to_timedelta(hours, unit="h")).floor("min"),
        }
    ).sort_values("opened_at", ignore_index=True).assign(ticket_id=lambda t: [f"W{i:05d}" for i in range(1, len(t) + 1)])


def _crm_events(rng, customers, staff, n_cases) -> pd.DataFrame:
    rows = []
    starts = AS_OF - pd.to_timedelta(rng.integers(10, 200, n_cases), unit="D")
    for i in range(n_cases):
        steps = list(PROCESS_STEPS)
        if rng.random() < 0.15:  # a skipped step, most often the risk assessment
            steps.remove(rng.choice(["needs_analysis", "risk_assessment", "risk_assessment", "after_sales"]))
        at = starts[i]
        case_id, customer, seller = f"O{i + 1:05d}", rng.choice(customers.customer_id), rng.choice(staff.staff_id)
        for step in steps:
            at = (at + pd.Timedelta(hours=float(rng.uniform(0.5, 72)))).floor("min")
            rows.append((case_id, customer, seller, step, at))
    events = pd.DataFrame(rows, columns=["opportunity_id", "customer_id", "staff_id", "step", "at"])
    events.insert(0, "event_id", [f"E{i:06d}" for i in range(1, len(events) + 1)])
    return events


def _incentives(rng, staff, sales) -> pd.DataFrame:
    month = sales.sold_at.dt.to_period("M").astype(str)
    volume = sales.groupby([sales.staff_id, month]).amount_cny.sum().rename("sales_volume_cny").reset_index()
    volume = volume.rename(columns={"sold_at": "month"})
    target = volume.staff_id.map(staff.set_index("staff_id").monthly_target_cny)
    attainment = volume.sales_volume_cny / target
    volume["target_attainment"] = attainment.round(3)
    volume["bonus_cny"] = np.where(attainment >= 1.0, 2000 + 3000 * (attainment - 1).clip(upper=1), 0).round(0)
    n = len(volume)
    volume["satisfaction_score"] = rng.uniform(3.0, 5.0, n).round(2)
    volume["compliance_findings"] = rng.poisson(0.3, n)
    return volume


# Sales-call lines: (kind, zh, en). Prohibited kinds follow the 2021 wealth-product
# sales rules (Art 25); the compliant disclosures deliberately reuse the same words
# ("not principal-protected") so that naive keyword matching over-flags them.
TRANSCRIPT_LINES = {
    "customer": [
        ("question", "我想了解一下理财产品。", "I'd like to hear about your wealth products."),
        ("question", "这个能保本吗？", "Is my principal guaranteed with this one?"),
        ("question", "收益大概有多少？", "Roughly what return could I get?"),
        ("question", "我年纪大了，风险不能太高。", "I'm getting older, I can't take much risk."),
        ("question", "和定期存款比怎么样？", "How does it compare with a time deposit?"),
    ],
    "compliant": [
        ("disclosure", "本产品不保本，收益可能为负。", "This product is not principal-protected and returns can be negative."),
        ("disclosure", "业绩比较基准不代表实际收益，也不是承诺。", "The performance benchmark is not the actual return and is not a promise."),
        ("disclosure", "理财非存款，产品有风险，投资须谨慎。", "A wealth product is not a deposit; it carries risk, so invest with care."),
        ("process", "请您先完成风险测评，由您本人作答。", "Please complete the risk assessment first, answering it yourself."),
        ("process", "这款产品风险等级是R2，和您的评级匹配。", "This product is rated R2, which matches your rating."),
        ("process", "购买后有24小时冷静期，期间可以全额退款。", "After buying you have a 24-hour cooling-off period with a full refund."),
        ("process", "费用包括认购费和每年的管理费，我给您逐项说明。", "Fees include a subscription fee and an annual management fee; let me go through each."),
    ],
    "prohibited": [
        ("guaranteed_principal", "这款产品保本保息，您放心买。", "This product guarantees your principal and interest, buy with confidence."),
        ("guaranteed_return", "每年稳赚百分之五，肯定能拿到。", "You are sure to earn five percent a year, guaranteed."),
        ("zero_risk", "这个产品零风险，绝对安全。", "This product is zero risk and absolutely safe."),
        ("deposit_like", "您就当它是定期存款，只是利息更高。", "Just think of it as a time deposit with higher interest."),
        ("exaggeration", "去年它收益第一，今年肯定翻倍。", "It was number one last year, it will surely double this year."),
        ("hidden_risk", "风险提示不用看，都是走形式。", "No need to read the risk disclosure, it is only a formality."),
    ],
}


def _transcripts(rng, staff, n_calls) -> pd.DataFrame:
    rows = []
    pushy = set(rng.choice(staff.staff_id, 6, replace=False))  # a few staff mis-speak far more often
    for call in range(1, n_calls + 1):
        seller = rng.choice(staff.staff_id)
        rate = 0.35 if seller in pushy else 0.05
        for line_no in range(1, int(rng.integers(5, 10)) + 1):
            if line_no % 2:
                kind, zh, en = TRANSCRIPT_LINES["customer"][rng.integers(5)]
                speaker = "customer"
            else:
                pool = "prohibited" if rng.random() < rate else "compliant"
                kind, zh, en = TRANSCRIPT_LINES[pool][rng.integers(len(TRANSCRIPT_LINES[pool]))]
                speaker = "staff"
            rows.append((f"L{call:05d}", line_no, seller, speaker, zh, en))
    lines = pd.DataFrame(rows, columns=["call_id", "line_no", "staff_id", "speaker", "text_zh", "text_en"])
    lines.insert(0, "line_id", [f"X{i:06d}" for i in range(1, len(lines) + 1)])
    return lines


def _offers(rng, customers, products, n) -> pd.DataFrame:
    """A marketing model's next-best-offer list, before any suitability or consent filter."""
    shelf = products[products.on_shelf & ~products.type.eq("deposit")]
    return pd.DataFrame(
        {
            "offer_id": [f"N{i:05d}" for i in range(1, n + 1)],
            "customer_id": rng.choice(customers.customer_id, n),
            "product_id": rng.choice(shelf.product_id, n),
            "propensity": rng.beta(2, 5, n).round(3),
            "channel": rng.choice(["sms", "phone", "app_push"], n),
        }
    )


@memo.by_value(maxsize=8)
def load(*, seed: int = 7, customers: int = 2000, sales: int = 6000) -> Bank:
    """Generate the bank's tables.

    Args:
        seed: Random seed; the same seed always gives the same tables.
        customers: Number of customers.
        sales: Number of sales over the year before `AS_OF`.

    Returns:
        A `Bank` whose tables are shared between calls with the same
        arguments; copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    staff = _staff(rng, per_branch=6)
    customer_table = _customers(rng, customers)
    products = _products(rng)
    sale_table = _sales(rng, customer_table, products, staff, sales)
    recordings, recording_ids = _recordings(rng, sale_table, products)
    sale_table["recording_id"] = recording_ids.reindex(sale_table.index).astype(object).where(lambda s: s.notna(), None)
    return Bank(
        branches=BRANCHES.copy(),
        staff=staff,
        customers=customer_table,
        products=products,
        sales=sale_table,
        recordings=recordings,
        cooling_off=_cooling_off(rng, sale_table, products),
        complaints=_complaints(rng, sale_table, customer_table, n=max(20, sales // 30)),
        crm_tickets=_crm_tickets(rng, customer_table, staff, n=max(50, customers)),
        crm_events=_crm_events(rng, customer_table, staff, n_cases=max(20, customers // 5)),
        incentives=_incentives(rng, staff, sale_table),
        transcripts=_transcripts(rng, staff, n_calls=max(40, customers // 10)),
        offers=_offers(rng, customer_table, products, n=max(100, customers // 2)),
    )
