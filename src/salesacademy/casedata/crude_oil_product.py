"""Case c04: a complex commodity product sold without regard to risk.

Reproduces, at the fictional Jinhe Bank (金禾银行), the mechanism behind Bank
of China's "Crude Oil Treasure" (原油宝) losses of April 2020: a product
tracking front-month crude oil futures was sold to the mass market through
gift campaigns, the sales system let customers buy above their risk level,
minors could open positions, and nobody stress-tested what the open positions
would lose if the futures price collapsed.

The fictional "Jinhe Oil Link" (金禾原油通, rated R4) and "Jinhe Gold Link"
(金禾黄金通, R3) are sold from 2024-10-08 to 2025-04-17. Three gift
campaigns multiply daily oil orders, bring in new customers whose risk level
is mostly below R4, and bring in a few buyers under 18. Customers in the data
have not closed any position, so the open positions at 2025-04-17 are the
sums of their orders. Prices are simulated, not historical quotes; the one
historical number used is the stress price `STRESS_PRICE_USD`, the settlement
price of the WTI May 2020 contract.

Usage::

    from salesacademy.casedata import crude_oil_product
    tables = crude_oil_product.load(seed=7)
    tables["orders"].head()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy import bankdata, memo

#: First and last day of the order ledger; positions are as at the close of `AS_OF`.
START = pd.Timestamp("2024-10-08")
AS_OF = pd.Timestamp("2025-04-17")

#: Settlement price of the WTI May 2020 contract on 2020-04-20 (facts.md, Bank of China case).
STRESS_PRICE_USD = -37.63

OIL, GOLD = "PO01", "PG01"

PRODUCTS = pd.DataFrame(
    [
        (OIL, "金禾原油通", "Jinhe Oil Link", "近月原油期货合约", "front-month crude oil futures contract", "桶", "barrel", "R4"),
        (GOLD, "金禾黄金通", "Jinhe Gold Link", "国际现货黄金", "international spot gold", "盎司", "ounce", "R3"),
    ],
    columns=["product_id", "name_zh", "name_en", "underlying_zh", "underlying_en", "unit_zh", "unit_en", "risk_level"],
)

CAMPAIGNS = pd.DataFrame(
    [
        ("M1", "金秋开户礼", "Autumn account gift", pd.Timestamp("2024-10-21"), pd.Timestamp("2024-11-03"), "保温杯", "thermos flask", 120),
        ("M2", "岁末油惠", "Year-end oil treat", pd.Timestamp("2024-12-16"), pd.Timestamp("2024-12-31"), "电饭煲", "rice cooker", 300),
        ("M3", "春季抄底季", "Spring buy-the-dip season", pd.Timestamp("2025-03-03"), pd.Timestamp("2025-03-23"), "超市购物卡", "supermarket gift card", 200),
    ],
    columns=["campaign_id", "name_zh", "name_en", "starts_on", "ends_on", "gift_zh", "gift_en", "gift_value_cny"],
)

# Risk levels C1..C5 of customers who come in on their own, and of those a gift brings in.
_LEVELS_ORGANIC = [0.03, 0.05, 0.07, 0.50, 0.35]
_LEVELS_GIFT = [0.10, 0.25, 0.25, 0.25, 0.15]


def _prices(rng: np.random.Generator, days: pd.DatetimeIndex) -> pd.DataFrame:
    """Simulated daily reference prices: oil drifts down from about $71, gold drifts up."""
    oil = 71.4 * np.exp(np.cumsum(rng.normal(-0.0022, 0.018, len(days))))
    gold = 2650 * np.exp(np.cumsum(rng.normal(0.0006, 0.008, len(days))))
    return pd.concat(
        [
            pd.DataFrame({"date": days, "product_id": OIL, "price_usd": oil.round(2)}),
            pd.DataFrame({"date": days, "product_id": GOLD, "price_usd": gold.round(2)}),
        ],
        ignore_index=True,
    )


def _in_campaign(days: pd.DatetimeIndex) -> np.ndarray:
    inside = np.zeros(len(days), dtype=bool)
    for row in CAMPAIGNS.itertuples():
        inside |= (days >= row.starts_on) & (days <= row.ends_on)
    return inside


@memo.by_value(maxsize=4)
def load(seed: int = 7) -> dict[str, pd.DataFrame]:
    """Generate the case tables; shared between calls, so copy a table before changing it."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(START, AS_OF, freq="D")
    prices = _prices(rng, days)
    campaign_day = _in_campaign(days)

    # Orders, day by day: campaigns multiply oil orders, gold orders do not change.
    n_oil = rng.poisson(np.where(campaign_day, 27, 8))
    n_gold = rng.poisson(3, len(days))
    day_idx = np.concatenate([np.repeat(np.arange(len(days)), n_oil), np.repeat(np.arange(len(days)), n_gold)])
    is_oil = np.concatenate([np.ones(n_oil.sum(), bool), np.zeros(n_gold.sum(), bool)])
    order = np.argsort(day_idx, kind="stable")
    day_idx, is_oil = day_idx[order], is_oil[order]
    n = len(day_idx)
    campaign = campaign_day[day_idx]

    # A gift brings in new customers; everyone else is new three times in ten.
    newcomer = rng.random(n) < np.where(campaign & is_oil, 0.7, 0.3)
    newcomer[:20] = True
    created = np.cumsum(newcomer)
    customer_pos = np.where(newcomer, created - 1, np.floor(rng.random(n) * created).astype(int))

    # One row per customer, created at their first order.
    first = np.flatnonzero(newcomer)
    m = len(first)
    joined = days[day_idx[first]]
    gift = campaign[first] & is_oil[first]
    level = np.where(
        gift,
        rng.choice(5, m, p=_LEVELS_GIFT),
        rng.choice(5, m, p=_LEVELS_ORGANIC),
    ) + 1
    draw = rng.random(m)
    child = gift & (draw < 0.05)  # a child signed up for the gift
    near_18 = ~child & (draw < np.where(gift, 0.07, 0.015))  # turns 18 inside the ledger period
    adult_age = np.clip(rng.normal(45, 13, m), 20, 78)
    child_age = rng.integers(14, 18, m) + rng.uniform(0.01, 0.99, m)
    birth = np.where(
        child,
        joined - pd.to_timedelta(child_age * 365.25, unit="D"),
        np.where(
            near_18,
            START - pd.Timedelta(days=round(18 * 365.25)) + pd.to_timedelta(rng.integers(0, 190, m), unit="D"),
            START - pd.to_timedelta(adult_age * 365.25, unit="D"),
        ),
    )
    customer_ids = np.array([f"K{i:05d}" for i in range(1, m + 1)])
    customer_table = pd.DataFrame(
        {
            "customer_id": customer_ids,
            "name": bankdata.person_names(rng, m),
            "birth_date": pd.DatetimeIndex(birth).normalize(),
            "risk_level": [f"C{x}" for x in level],
            "branch_id": rng.choice(bankdata.BRANCHES.branch_id.to_numpy(), m),
        }
    )

    oil_price = prices.price_usd[prices.product_id == OIL].to_numpy()
    gold_price = prices.price_usd[prices.product_id == GOLD].to_numpy()
    price = np.where(is_oil, oil_price[day_idx], gold_price[day_idx])
    typical = np.where(is_oil, np.where(campaign & newcomer, 12, 30), 2)
    raw = rng.lognormal(np.log(typical), np.where(is_oil, 0.8, 0.7))
    units = np.where(is_oil, np.maximum(1, raw.round()), np.maximum(0.1, raw.round(1)))
    order_table = pd.DataFrame(
        {
            "order_id": [f"D{i:06d}" for i in range(1, n + 1)],
            "ordered_on": days[day_idx],
            "customer_id": customer_ids[customer_pos],
            "product_id": np.where(is_oil, OIL, GOLD),
            "branch_id": customer_table.branch_id.to_numpy()[customer_pos],
            "channel": np.where(rng.random(n) < np.where(campaign, 0.55, 0.35), "branch", "mobile"),
            "units": units,
            "price_usd": price,
            "amount_usd": (units * price).round(2),
        }
    )
    first_oil = is_oil & ~order_table.duplicated(["customer_id", "product_id"]).to_numpy()
    order_table["gift_given"] = campaign & first_oil

    positions = order_table.groupby(["customer_id", "product_id"], as_index=False).agg(
        units=("units", "sum"), invested_usd=("amount_usd", "sum")
    )
    positions["units"] = positions.units.round(1)
    positions["invested_usd"] = positions.invested_usd.round(2)
    positions["avg_price_usd"] = (positions.invested_usd / positions.units).round(4)
    positions.insert(0, "position_id", [f"H{i:05d}" for i in range(1, len(positions) + 1)])

    return {
        "customers": customer_table,
        "products": PRODUCTS.copy(),
        "campaigns": CAMPAIGNS.copy(),
        "prices": prices,
        "orders": order_table,
        "positions": positions,
    }


DICTIONARY: dict[str, dict] = {
    "customers": {
        "description": {
            "zh": "买过金禾原油通或金禾黄金通的客户，每行一名客户（虚构）。",
            "en": "Customers who bought Jinhe Oil Link or Jinhe Gold Link, one row per (fictional) customer.",
        },
        "columns": {
            "customer_id": {"zh": "客户号，K 加五位数字。", "en": 'Customer id, "K" and five digits.'},
            "name": {"zh": "客户姓名（虚构）。", "en": "Fictional Chinese name of the customer."},
            "birth_date": {
                "zh": "出生日期。判断下单时是否年满 18 周岁，要按下单日期计算周岁，而不是只比较年份。",
                "en": "Date of birth. Whether a customer was 18 when ordering depends on the order date, counted in whole years, not just on the calendar years.",
            },
            "risk_level": {
                "zh": "客户风险等级 C1（保守型）至 C5（积极型）；Cn 的客户只能买 R1 至 Rn 的产品。",
                "en": "Customer risk level, C1 (conservative) to C5 (aggressive); a Cn customer may buy only R1 to Rn products.",
            },
            "branch_id": {"zh": "客户所属支行，与 bankdata 的支行代码相同。", "en": "Customer's branch, using the branch codes of bankdata."},
        },
    },
    "products": {
        "description": {
            "zh": "两款挂钩大宗商品价格的产品，每行一款（虚构）。按产品条款，持仓按标的价格结算，价格低于零时也照此计算，客户须补足差额。",
            "en": "Two products tracking commodity prices, one row each (fictional). Under their terms a position settles at the underlying price even below zero, and the customer must pay the difference.",
        },
        "columns": {
            "product_id": {"zh": "产品代码：PO01 为原油，PG01 为黄金。", "en": "Product code: PO01 is oil, PG01 is gold."},
            "name_zh": {"zh": "产品中文名称。", "en": "Product name in Chinese."},
            "name_en": {"zh": "产品英文名称。", "en": "Product name in English."},
            "underlying_zh": {"zh": "产品挂钩的标的（中文）。", "en": "What the product tracks, in Chinese."},
            "underlying_en": {"zh": "产品挂钩的标的（英文）。", "en": "What the product tracks, in English."},
            "unit_zh": {"zh": "份额单位（中文）：桶或盎司。", "en": "Unit of holding, in Chinese: barrel or ounce."},
            "unit_en": {"zh": "份额单位（英文）。", "en": "Unit of holding, in English."},
            "risk_level": {"zh": "产品风险等级 R1 至 R5：原油通为 R4，黄金通为 R3。", "en": "Product risk level R1 to R5: Oil Link is R4, Gold Link R3."},
        },
    },
    "campaigns": {
        "description": {"zh": "送礼品的营销活动，每行一次活动。", "en": "Marketing campaigns that gave gifts, one row per campaign."},
        "columns": {
            "campaign_id": {"zh": "活动编号。", "en": "Campaign id."},
            "name_zh": {"zh": "活动中文名称。", "en": "Campaign name in Chinese."},
            "name_en": {"zh": "活动英文名称。", "en": "Campaign name in English."},
            "starts_on": {"zh": "活动第一天。", "en": "First day of the campaign."},
            "ends_on": {"zh": "活动最后一天（含当天）。", "en": "Last day of the campaign (included)."},
            "gift_zh": {"zh": "首次买入原油通的客户获赠的礼品（中文）。", "en": "Gift for a customer's first Oil Link order, in Chinese."},
            "gift_en": {"zh": "礼品（英文）。", "en": "The gift, in English."},
            "gift_value_cny": {"zh": "礼品价值，人民币元。", "en": "Value of the gift in CNY."},
        },
    },
    "prices": {
        "description": {
            "zh": "每日参考价格，每行一个产品一天。价格为模拟数据，不是历史行情。",
            "en": "Daily reference prices, one row per product and day. The prices are simulated, not historical quotes.",
        },
        "columns": {
            "date": {"zh": "日期。", "en": "Date."},
            "product_id": {"zh": "产品代码。", "en": "Product code."},
            "price_usd": {"zh": "当日参考价格，美元/桶（原油）或美元/盎司（黄金）。", "en": "Reference price of the day in USD per barrel (oil) or per ounce (gold)."},
        },
    },
    "orders": {
        "description": {
            "zh": "2024-10-08 至 2025-04-17 的买入订单，每行一笔。",
            "en": "Buy orders from 2024-10-08 to 2025-04-17, one row per order.",
        },
        "columns": {
            "order_id": {"zh": "订单号，D 加六位数字。", "en": 'Order id, "D" and six digits.'},
            "ordered_on": {"zh": "下单日期。", "en": "Date of the order."},
            "customer_id": {"zh": "客户号，对应 customers.customer_id。", "en": "Customer id; refers to customers.customer_id."},
            "product_id": {"zh": "产品代码，对应 products.product_id。", "en": "Product code; refers to products.product_id."},
            "branch_id": {"zh": "客户所属支行。", "en": "Customer's branch."},
            "channel": {"zh": "下单渠道：branch（网点）或 mobile（手机银行）。", "en": "Channel of the order: branch or mobile."},
            "units": {"zh": "买入份额（桶或盎司）。", "en": "Units bought (barrels or ounces)."},
            "price_usd": {"zh": "成交价格（美元/单位），即当日参考价格。", "en": "Price paid per unit in USD, the reference price of the day."},
            "amount_usd": {"zh": "买入金额（美元）= 份额 × 价格，客户全额支付。", "en": "Amount paid in USD, units times price, paid in full by the customer."},
            "gift_given": {
                "zh": "是否赠送了礼品：活动期间客户第一次买原油通时为 True。",
                "en": "Whether a gift was given: True for a customer's first Oil Link order during a campaign.",
            },
        },
    },
    "positions": {
        "description": {
            "zh": "2025-04-17 收盘时仍持有的持仓，每行一名客户的一款产品。客户尚未卖出，持仓即其订单之和。",
            "en": "Positions still open at the close of 2025-04-17, one row per customer and product. Nobody has sold yet, so a position is the sum of the customer's orders.",
        },
        "columns": {
            "position_id": {"zh": "持仓编号，H 加五位数字。", "en": 'Position id, "H" and five digits.'},
            "customer_id": {"zh": "客户号。", "en": "Customer id."},
            "product_id": {"zh": "产品代码。", "en": "Product code."},
            "units": {"zh": "持有份额（桶或盎司）。", "en": "Units held (barrels or ounces)."},
            "invested_usd": {"zh": "客户累计投入的本金（美元）。", "en": "Principal the customer has paid in, in USD."},
            "avg_price_usd": {"zh": "平均买入价格（美元/单位）= 本金 ÷ 份额。", "en": "Average purchase price in USD per unit, principal divided by units."},
        },
    },
}
