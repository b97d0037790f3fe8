"""Case c04: the warning signs of the Crude Oil Treasure mechanism are in the synthetic data."""

import numpy as np
import pandas as pd
import pytest

from salesacademy.casedata import crude_oil_product as case


@pytest.fixture(scope="module")
def tables():
    return case.load(seed=7)


def _campaign_days(campaigns: pd.DataFrame) -> set:
    days = set()
    for row in campaigns.itertuples():
        days.update(pd.date_range(row.starts_on, row.ends_on))
    return days


def test_gift_campaigns_multiply_daily_oil_orders(tables):
    orders, campaigns = tables["orders"], tables["campaigns"]
    oil = orders[orders.product_id == case.OIL]
    span = pd.date_range(oil.ordered_on.min(), oil.ordered_on.max())
    daily = oil.ordered_on.value_counts().reindex(span, fill_value=0)
    campaign_days = _campaign_days(campaigns)
    inside = np.array([day in campaign_days for day in span])
    a, b = daily.to_numpy()[inside], daily.to_numpy()[~inside]
    welch_t = (a.mean() - b.mean()) / np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    assert a.mean() / b.mean() > 2.5
    assert welch_t > 10
    # Gold was never part of a campaign: its daily orders do not move.
    gold = orders[orders.product_id == case.GOLD].ordered_on.value_counts().reindex(span, fill_value=0).to_numpy()
    assert 0.7 < gold[inside].mean() / gold[~inside].mean() < 1.4


def test_gift_orders_are_more_often_mismatched(tables):
    orders, customers = tables["orders"], tables["customers"]
    oil = orders[orders.product_id == case.OIL]
    level = oil.customer_id.map(dict(zip(customers.customer_id, customers.risk_level))).str.slice(1).astype(int)
    mismatch = (level < 4).to_numpy()
    outside = ~oil.ordered_on.isin(list(_campaign_days(tables["campaigns"]))).to_numpy()
    gift = oil.gift_given.to_numpy()
    p1, n1, p2, n2 = mismatch[gift].mean(), gift.sum(), mismatch[outside].mean(), outside.sum()
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    assert mismatch.mean() > 0.3
    assert p1 - p2 > 0.15
    assert z > 5


def test_minors_buy_and_mostly_arrive_with_gifts(tables):
    orders, customers = tables["orders"], tables["customers"]
    born = orders.customer_id.map(dict(zip(customers.customer_id, customers.birth_date)))
    had_birthday = orders.ordered_on.dt.month * 100 + orders.ordered_on.dt.day >= born.dt.month * 100 + born.dt.day
    age = orders.ordered_on.dt.year - born.dt.year - (~had_birthday).astype(int)
    first = ~orders.customer_id.duplicated()
    minor_first = orders[first & (age < 18)]
    assert minor_first.customer_id.nunique() >= 30
    in_campaign = minor_first.ordered_on.isin(list(_campaign_days(tables["campaigns"])))
    assert in_campaign.mean() > 0.7
    # Adults join in campaigns far less often than that.
    adult_first = orders[first & (age >= 18)]
    assert in_campaign.mean() - adult_first.ordered_on.isin(list(_campaign_days(tables["campaigns"]))).mean() > 0.1


def test_stress_scenario_shows_losses_beyond_principal(tables):
    positions, orders, customers = tables["positions"], tables["orders"], tables["customers"]
    oil = positions[positions.product_id == case.OIL]
    loss = oil.invested_usd - oil.units * case.STRESS_PRICE_USD
    assert (loss > oil.invested_usd).all()
    assert loss.sum() / oil.invested_usd.sum() > 1.5
    level = oil.customer_id.map(dict(zip(customers.customer_id, customers.risk_level)))
    assert level.isin(["C1", "C2", "C3"]).mean() > 0.25
    # At a price of zero the loss is exactly the principal: the positions are fully paid.
    assert np.isclose((oil.invested_usd - oil.units * 0.0).sum(), oil.invested_usd.sum())
    # Positions are the sums of the orders, and every order was paid at units times price.
    assert np.allclose(orders.amount_usd, (orders.units * orders.price_usd).round(2))
    summed = orders.groupby(["customer_id", "product_id"]).amount_usd.sum()
    merged = positions.set_index(["customer_id", "product_id"]).invested_usd
    assert np.allclose(summed.reindex(merged.index), merged, atol=0.01)
