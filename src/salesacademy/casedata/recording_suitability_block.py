"""Audio-video recording and a system block on mismatched sales, at the fictional Jinhe Bank.

Mechanism reproduced (after China's 2017 rule on audio-video recording in
dedicated sales zones, and the system block on a sale whose product is riskier
than the customer's rating, first required by CBRC Order 2011 No. 5, Article
25): before go-live the sales system only warns about a mismatch, and most such
sales go through on a signed "customer insists" waiver; in-branch sales are
recorded unevenly, often outside the sales zone or with poor sound or picture.
The new system goes live in two waves (four branches on 2024-01-01, four on
2024-04-01). From go-live a mismatched sale is blocked: it is still attempted,
less and less often, but never completed; an in-branch sale of a product in the
rule's scope cannot be completed without a recording. Internal audit samples
in-branch sales every quarter, and its findings per 100 sales fall quarter by
quarter after go-live. Two advisers at one branch find a way round: after a
block, the customer is reassessed a level higher within days and the same
product is sold.

Usage::

    from salesacademy.casedata import recording_suitability_block
    data = recording_suitability_block.load()
    data["attempts"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

START, END = pd.Timestamp("2023-07-01"), pd.Timestamp("2025-07-01")

_WAVES = {"2024-01-01": ["SH-PD", "SH-XH", "BJ-CY", "BJ-HD"], "2024-04-01": ["GZ-TH", "SZ-FT", "HZ-XH", "CD-JJ"]}
_COUNTER_BRANCHES = {"CD-JJ"}  # a small branch: a fixed sales counter instead of a sales zone
_WORKAROUND_BRANCH = "GZ-TH"

#: Product types outside the recording rule's scope (recording optional).
OPTIONAL_TYPES = ("government_bond", "precious_metal")

_PRODUCTS = [  # id, zh, en, type, risk level
    ("JH-W01", "金禾稳享 30 天", "Jinhe Steady 30-Day", "own_wealth", 1),
    ("JH-W02", "金禾季季盈", "Jinhe Quarterly Gain", "own_wealth", 2),
    ("JH-W03", "金禾优选一年", "Jinhe Select 1-Year", "own_wealth", 3),
    ("JH-W04", "金禾指数挂钩", "Jinhe Index-Linked", "own_wealth", 4),
    ("HF-F01", "禾丰债券基金", "Hefeng Bond Fund", "agency_fund", 2),
    ("HF-F02", "禾丰均衡混合基金", "Hefeng Balanced Fund", "agency_fund", 3),
    ("HF-F03", "禾丰成长股票基金", "Hefeng Growth Equity Fund", "agency_fund", 4),
    ("HF-F04", "禾丰科技先锋基金", "Hefeng Tech Pioneer Fund", "agency_fund", 5),
    ("HA-I01", "禾安年金保险", "He'an Annuity Insurance", "agency_insurance", 1),
    ("HA-I02", "禾安万能账户保险", "He'an Universal Life", "agency_insurance", 2),
    ("GB-001", "储蓄国债（电子式）", "Savings government bond (electronic)", "government_bond", 1),
    ("PM-001", "金禾实物金条 50 克", "Jinhe gold bar, 50 g", "precious_metal", 2),
]

DICTIONARY: dict[str, dict] = {
    "branches": {
        "description": {
            "zh": "金禾银行的八家支行及新销售系统的上线日期，每行一家支行。",
            "en": "Jinhe Bank's eight branches and the go-live date of the new sales system, one row per branch.",
        },
        "columns": {
            "branch_id": {"zh": "支行代码，例如 SH-PD。", "en": "Branch code, e.g. SH-PD."},
            "name_zh": {"zh": "支行中文名称。", "en": "Name of the branch in Chinese."},
            "name_en": {"zh": "支行英文名称。", "en": "Name of the branch in English."},
            "go_live": {
                "zh": "新销售系统（不匹配即拦截、网点销售必须录音录像）在该支行上线的日期；这一天及以后的销售适用新系统。",
                "en": "Date the new sales system (blocking mismatched sales, requiring a recording for in-branch sales) went live at the branch; sales on or after this day use it.",
            },
            "sales_area": {
                "zh": "销售专区形式：zone 为独立的销售专区，counter 为小网点使用的固定销售柜台。",
                "en": "Form of the sales area: zone is a dedicated sales zone, counter a fixed sales counter used by a small branch.",
            },
        },
    },
    "staff": {
        "description": {"zh": "理财销售人员名册（虚构），每家支行六人，每行一人。", "en": "Roster of the wealth sales staff (fictional), six at each branch, one row per person."},
        "columns": {
            "staff_id": {"zh": "员工编号，M 加三位数字。", "en": 'Staff id, "M" and three digits.'},
            "name": {"zh": "员工姓名（虚构）。", "en": "Fictional name of the employee."},
            "branch_id": {"zh": "所属支行代码。", "en": "Branch code of the employee."},
        },
    },
    "products": {
        "description": {"zh": "在售产品（名称虚构），每行一个产品。", "en": "Products on sale (fictional names), one row per product."},
        "columns": {
            "product_id": {"zh": "产品代码。", "en": "Product code."},
            "name_zh": {"zh": "产品中文名称。", "en": "Name of the product in Chinese."},
            "name_en": {"zh": "产品英文名称。", "en": "Name of the product in English."},
            "type": {
                "zh": "产品类型：own_wealth（本行理财）、agency_fund（代销基金）、agency_insurance（代销保险）、government_bond（国债）或 precious_metal（实物贵金属）。",
                "en": "Product type: own_wealth (the bank's own wealth product), agency_fund, agency_insurance, government_bond or precious_metal (physical precious metal).",
            },
            "risk_level": {"zh": "产品风险等级，R1（最低）至 R5（最高）。", "en": "Product risk level, R1 (lowest) to R5 (highest)."},
            "recording_required": {
                "zh": "网点销售是否必须录音录像。国债和实物贵金属可以不录（False），其余产品必须录（True）。",
                "en": "Whether an in-branch sale must be recorded. Government bonds and physical precious metals are optional (False); every other product must be recorded (True).",
            },
        },
    },
    "attempts": {
        "description": {
            "zh": "销售系统日志：每行是一次销售尝试，包括完成的、被系统拦截的和客户放弃的。",
            "en": "Sales system log: one row per attempted sale, whether completed, blocked by the system or abandoned by the customer.",
        },
        "columns": {
            "attempt_id": {"zh": "尝试编号，A 加六位数字，按时间顺序编号。", "en": 'Attempt id, "A" and six digits, numbered in time order.'},
            "attempted_at": {"zh": "发起销售的时间。", "en": "Time the sale was started."},
            "branch_id": {"zh": "支行代码。", "en": "Branch code."},
            "staff_id": {"zh": "经办员工编号；手机银行的自助购买为空。", "en": "Staff id of the seller; empty for self-service purchases in mobile banking."},
            "channel": {"zh": "渠道：branch（网点）或 mobile（手机银行）。", "en": "Channel: branch or mobile (mobile banking)."},
            "customer_id": {"zh": "客户编号（虚构）。", "en": "Customer id (fictional)."},
            "customer_level": {"zh": "发起销售时客户的风险等级，C1 至 C5。", "en": "The customer's risk level at the time of the attempt, C1 to C5."},
            "product_id": {"zh": "产品代码，对应 products.product_id。", "en": "Product code; refers to products.product_id."},
            "product_level": {"zh": "产品风险等级，R1 至 R5。", "en": "Product risk level, R1 to R5."},
            "amount_cny": {"zh": "申购金额（元）。", "en": "Amount applied for, in CNY."},
            "outcome": {
                "zh": "结果：sold（完成）、blocked（被系统拦截）或 abandoned（客户放弃）。",
                "en": "Outcome: sold (completed), blocked (stopped by the system) or abandoned (the customer walked away).",
            },
            "waiver_signed": {
                "zh": "客户是否签署了\"坚持购买\"的风险自担声明。旧系统在不匹配时只弹出警告，签署声明后可以继续。",
                "en": 'Whether the customer signed an "I insist on buying" waiver. The old system only warned about a mismatch and let the sale continue once it was signed.',
            },
            "recording_id": {"zh": "录音录像编号，对应 recordings.recording_id；没有录音录像为空。", "en": "Recording id; refers to recordings.recording_id; empty if there is no recording."},
        },
    },
    "recordings": {
        "description": {"zh": "网点销售的录音录像，每行一段。", "en": "Audio-video recordings of in-branch sales, one row per recording."},
        "columns": {
            "recording_id": {"zh": "录音录像编号，R 加六位数字。", "en": 'Recording id, "R" and six digits.'},
            "attempt_id": {"zh": "所录的销售，对应 attempts.attempt_id。", "en": "The sale recorded; refers to attempts.attempt_id."},
            "started_at": {"zh": "开始录制的时间。", "en": "Time recording started."},
            "duration_s": {"zh": "时长（秒）。", "en": "Length in seconds."},
            "in_sales_zone": {"zh": "是否在销售专区（或小网点的固定销售柜台）内录制。", "en": "Whether it was made in the sales zone (or at a small branch's fixed sales counter)."},
            "audio_ok": {"zh": "声音是否清晰完整。", "en": "Whether the sound is clear and complete."},
            "video_ok": {"zh": "画面是否清晰完整。", "en": "Whether the picture is clear and complete."},
        },
    },
    "audit_samples": {
        "description": {
            "zh": "内部审计每季度从各支行已完成的网点销售中随机抽取约五分之一进行检查，每行是一笔被抽查的销售。",
            "en": "Each quarter internal audit checks a random fifth or so of each branch's completed in-branch sales; one row per sale checked.",
        },
        "columns": {
            "sample_id": {"zh": "抽样编号，S 加五位数字。", "en": 'Sample id, "S" and five digits.'},
            "quarter": {"zh": "销售所在的季度，格式如 2024Q1。", "en": "Quarter of the sale, written like 2024Q1."},
            "branch_id": {"zh": "支行代码。", "en": "Branch code."},
            "attempt_id": {"zh": "被抽查的销售，对应 attempts.attempt_id。", "en": "The sale checked; refers to attempts.attempt_id."},
        },
    },
    "audit_findings": {
        "description": {
            "zh": "内部审计发现的问题，每行一个问题；同一笔销售可能有多个问题，也可能没有。",
            "en": "Findings of internal audit, one row per finding; a sale may have several findings or none.",
        },
        "columns": {
            "finding_id": {"zh": "问题编号，F 加五位数字。", "en": 'Finding id, "F" and five digits.'},
            "sample_id": {"zh": "对应 audit_samples.sample_id。", "en": "Refers to audit_samples.sample_id."},
            "quarter": {"zh": "销售所在的季度。", "en": "Quarter of the sale."},
            "branch_id": {"zh": "支行代码。", "en": "Branch code."},
            "category": {
                "zh": "问题类别：suitability_mismatch（风险不匹配）、missing_recording（应录未录）、recording_defect（录音或录像不完整）、outside_sales_zone（不在销售专区录制）或 documentation（单据缺漏）。",
                "en": "Category: suitability_mismatch, missing_recording (a required recording is missing), recording_defect (sound or picture incomplete), outside_sales_zone (recorded outside the sales zone) or documentation (missing paperwork).",
            },
        },
    },
}


def _branches() -> pd.DataFrame:
    go_live = {b: pd.Timestamp(day) for day, members in _WAVES.items() for b in members}
    table = bankdata.BRANCHES[["branch_id", "name_zh", "name_en"]].copy()
    table["go_live"] = table.branch_id.map(go_live)
    table["sales_area"] = np.where(table.branch_id.isin(_COUNTER_BRANCHES), "counter", "zone")
    return table


def _products() -> pd.DataFrame:
    table = pd.DataFrame(_PRODUCTS, columns=["product_id", "name_zh", "name_en", "type", "level"])
    table["risk_level"] = "R" + table.pop("level").astype(str)
    table["recording_required"] = ~table.type.isin(OPTIONAL_TYPES)
    return table


def _attempts(rng: np.random.Generator, branches: pd.DataFrame, staff: pd.DataFrame, products: pd.DataFrame, n: int) -> pd.DataFrame:
    n_customers = 3000
    customer_level = np.clip(rng.normal(2.8, 1.0, n_customers).round(), 1, 5).astype(int)
    customer_branch = rng.choice(branches.branch_id.to_numpy(), n_customers, p=rng.dirichlet(np.full(len(branches), 8.0)))
    who = rng.integers(0, n_customers, n)
    branch = customer_branch[who]
    c_level = customer_level[who]
    at = START + pd.to_timedelta(rng.integers(0, (END - START).days * 24 * 60, n), unit="min")
    at = pd.Series(at).dt.floor("min")
    channel = np.where(rng.random(n) < 0.65, "branch", "mobile")
    staff_of = staff.groupby("branch_id").staff_id.agg(list)
    seller = np.array([staff_of[b][i] for b, i in zip(branch, rng.integers(0, 6, n))], dtype=object)
    seller[channel == "mobile"] = None
    go_live = pd.Series(branch).map(branches.set_index("branch_id").go_live)
    live = (at >= go_live).to_numpy()
    months_live = np.where(live, (at - go_live).dt.days.to_numpy() / 30.4, 0)
    # Before go-live about 8% of attempts push above the customer's level; after it, staff
    # learn that the system will not let the sale through and try it less and less,
    # except the two advisers who have found a way round the block.
    push_rate = np.where(live, 0.01 + 0.05 * np.exp(-months_live / 3), 0.08)
    push_rate = np.where(live & np.isin(seller, _workaround_staff(staff)), 0.2, push_rate)
    push = rng.random(n) < push_rate
    p_level = products.risk_level.str[1].astype(int).to_numpy()
    wanted = np.where(push, np.minimum(c_level + rng.integers(1, 3, n), 5), rng.integers(1, c_level + 1))
    product_idx = np.empty(n, dtype=int)
    for level in range(1, 6):
        rows = wanted == level
        product_idx[rows] = rng.choice(np.flatnonzero(p_level == level), rows.sum())
    chosen = products.iloc[product_idx]
    mismatch = chosen.risk_level.str[1].astype(int).to_numpy() > c_level
    waiver = mismatch & ~live & (rng.random(n) < 0.8)
    outcome = np.where(mismatch, np.where(live, "blocked", np.where(waiver, "sold", "abandoned")), np.where(rng.random(n) < 0.03, "abandoned", "sold"))
    attempts = pd.DataFrame(
        {
            "attempted_at": at.to_numpy(),
            "branch_id": branch,
            "staff_id": seller,
            "channel": channel,
            "customer_id": [f"C{i + 1:05d}" for i in who],
            "customer_level": [f"C{x}" for x in c_level],
            "product_id": chosen.product_id.to_numpy(),
            "product_level": chosen.risk_level.to_numpy(),
            "amount_cny": np.round(rng.lognormal(11.6, 0.8, n), -3),
            "outcome": outcome,
            "waiver_signed": waiver,
        }
    )
    return pd.concat([attempts, _workarounds(rng, attempts, staff)], ignore_index=True)


def _workaround_staff(staff: pd.DataFrame) -> list[str]:
    """The two advisers at the workaround branch who have customers reassessed after a block."""
    return list(staff.staff_id[staff.branch_id == _WORKAROUND_BRANCH][:2])


def _workarounds(rng: np.random.Generator, attempts: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """After a block, the customer is reassessed at the product's level within days and the sale goes through."""
    blocked = attempts[(attempts.outcome == "blocked") & (attempts.channel == "branch")]
    rate = np.where(blocked.staff_id.isin(_workaround_staff(staff)), 0.65, 0.03)
    redo = blocked[rng.random(len(blocked)) < rate].copy()
    redo["attempted_at"] = (redo.attempted_at + pd.to_timedelta(rng.uniform(0.5, 5, len(redo)), unit="D")).dt.floor("min")
    redo["customer_level"] = "C" + redo.product_level.str[1]
    redo["outcome"] = "sold"
    return redo[redo.attempted_at < END]


def _recordings(rng: np.random.Generator, attempts: pd.DataFrame, branches: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    n = len(attempts)
    go_live = attempts.branch_id.map(branches.set_index("branch_id").go_live)
    live = (attempts.attempted_at >= go_live).to_numpy()
    quarters_live = np.where(live, (attempts.attempted_at - go_live).dt.days.to_numpy() // 91, 0)
    # Faults fall to 30% of their old rate in the first quarter after go-live, 12% in the second, 5% after.
    fault = np.where(live, np.select([quarters_live == 0, quarters_live == 1], [0.3, 0.12], 0.05), 1.0)
    required = attempts.product_id.map(products.set_index("product_id").recording_required).to_numpy()
    in_branch_sale = (attempts.channel == "branch").to_numpy() & (attempts.outcome == "sold").to_numpy()
    recorded = in_branch_sale & np.where(required, rng.random(n) >= 0.15 * fault, rng.random(n) < 0.3)
    rec = attempts[recorded]
    k = len(rec)
    f = fault[recorded]
    return pd.DataFrame(
        {
            "recording_id": [f"R{i:06d}" for i in range(1, k + 1)],
            "attempt_id": rec.attempt_id.to_numpy(),
            "started_at": (rec.attempted_at - pd.to_timedelta(rng.integers(3, 30, k), unit="min")).to_numpy(),
            "duration_s": rng.integers(300, 2400, k),
            "in_sales_zone": rng.random(k) >= 0.15 * f,
            "audio_ok": rng.random(k) >= 0.05 * f,
            "video_ok": rng.random(k) >= 0.06 * f,
        }
    )


def _audits(rng: np.random.Generator, attempts: pd.DataFrame, recordings: pd.DataFrame, products: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    sold = attempts[(attempts.outcome == "sold") & (attempts.channel == "branch")]
    sampled = sold[rng.random(len(sold)) < 0.2].sort_values("attempted_at")
    samples = pd.DataFrame(
        {
            "sample_id": [f"S{i:05d}" for i in range(1, len(sampled) + 1)],
            "quarter": sampled.attempted_at.dt.to_period("Q").astype(str).to_numpy(),
            "branch_id": sampled.branch_id.to_numpy(),
            "attempt_id": sampled.attempt_id.to_numpy(),
        }
    )
    rec = recordings.set_index("attempt_id").reindex(sampled.attempt_id)
    has = rec.recording_id.notna().to_numpy()
    required = sampled.product_id.map(products.set_index("product_id").recording_required).to_numpy()
    checks = {
        "suitability_mismatch": (sampled.product_level.str[1].astype(int) > sampled.customer_level.str[1].astype(int)).to_numpy(),
        "missing_recording": required & ~has,
        "recording_defect": has & ~(rec.audio_ok.fillna(True).astype(bool) & rec.video_ok.fillna(True).astype(bool)).to_numpy(),
        "outside_sales_zone": has & ~rec.in_sales_zone.fillna(True).astype(bool).to_numpy(),
        "documentation": rng.random(len(sampled)) < 0.03,
    }
    found = [samples[flags].assign(category=category) for category, flags in checks.items()]
    findings = pd.concat(found, ignore_index=True).sort_values(["sample_id", "category"], ignore_index=True)
    findings.insert(0, "finding_id", [f"F{i:05d}" for i in range(1, len(findings) + 1)])
    return samples, findings[["finding_id", "sample_id", "quarter", "branch_id", "category"]]


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case's tables: branches, staff, products, attempts, recordings, audit_samples and audit_findings.

    The same seed always gives the same tables. They are shared between
    calls; copy a table before changing it.
    """
    rng = np.random.default_rng(seed)
    branches = _branches()
    n_staff = 6 * len(branches)
    staff = pd.DataFrame(
        {
            "staff_id": [f"M{i:03d}" for i in range(1, n_staff + 1)],
            "name": bankdata.person_names(rng, n_staff),
            "branch_id": np.repeat(branches.branch_id.to_numpy(), 6),
        }
    )
    products = _products()
    attempts = _attempts(rng, branches, staff, products, n=9000).sort_values("attempted_at", ignore_index=True)
    attempts.insert(0, "attempt_id", [f"A{i:06d}" for i in range(1, len(attempts) + 1)])
    recordings = _recordings(rng, attempts, branches, products)
    ids = recordings.set_index("attempt_id").recording_id
    attempts["recording_id"] = attempts.attempt_id.map(ids)
    samples, findings = _audits(rng, attempts, recordings, products)
    return {
        "branches": branches,
        "staff": staff,
        "products": products,
        "attempts": attempts,
        "recordings": recordings,
        "audit_samples": samples,
        "audit_findings": findings,
    }
