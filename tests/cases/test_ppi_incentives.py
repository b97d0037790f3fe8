"""Case c02: the synthetic data bunches at bonus thresholds with unsuitable sales concentrated there, and is documented and deterministic."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from salesacademy.casedata import ppi_incentives as case

THRESHOLDS = (10, 15)


@pytest.fixture(scope="module")
def data():
    return case.load(seed=7)


def _month_count(data) -> dict[str, int]:
    """Policies the seller of each sale sold in that sale's month, counted from the raw sales."""
    sales = data["sales"]
    keys = [(a, d.year, d.month) for a, d in zip(sales.adviser_id, sales.sold_on)]
    totals: dict[tuple, int] = {}
    for key in keys:
        totals[key] = totals.get(key, 0) + 1
    return {s: totals[key] for s, key in zip(sales.sale_id, keys)}


def test_monthly_counts_bunch_at_bonus_thresholds(data):
    sales = data["sales"]
    per_month = pd.Series(1, index=sales.index).groupby([sales.adviser_id, sales.sold_on.dt.year, sales.sold_on.dt.month]).sum()
    histogram = per_month.value_counts()
    for t in THRESHOLDS:
        assert histogram[t] > 1.8 * histogram[t - 1], (t, histogram[t], histogram[t - 1])
    # The payouts table counts the same policies as the sales.
    assert sorted(data["payouts"].policies[data["payouts"].policies > 0]) == sorted(per_month)


def test_unsuitable_checks_concentrate_on_thresholds(data):
    count = _month_count(data)
    checks = data["file_checks"]
    on = [count[s] in THRESHOLDS for s in checks.sale_id]
    bad = list(checks.verdict == "unsuitable")
    on_bad = [b for b, o in zip(bad, on) if o]
    off_bad = [b for b, o in zip(bad, on) if not o]
    p_on, p_off = sum(on_bad) / len(on_bad), sum(off_bad) / len(off_bad)
    assert p_on > 1.8 * p_off, (p_on, p_off)
    pooled = sum(bad) / len(bad)
    z = (p_on - p_off) / math.sqrt(pooled * (1 - pooled) * (1 / len(on_bad) + 1 / len(off_bad)))
    assert z > 3, z


def test_customer_screen_flags_advisers_who_land_on_thresholds(data):
    count = _month_count(data)
    sales = data["sales"].merge(data["customers"], on="customer_id")
    flagged = (sales.employment != "employee") | sales.has_other_cover
    on = sales.sale_id.map(count).isin(THRESHOLDS)
    assert flagged[on].mean() > 2 * flagged[~on].mean()
    # Advisers who often land exactly on a threshold carry most of the flagged policies.
    payouts = data["payouts"]
    landing = payouts.policies.isin(THRESHOLDS).groupby(payouts.adviser_id).mean()
    frequent = landing.index[landing >= 0.5]
    share = flagged.groupby(sales.adviser_id).mean()
    assert len(frequent) >= 3
    assert share[frequent].mean() > 2.5 * share.drop(frequent).mean()


def test_some_bonuses_paid_although_every_check_was_unsuitable(data):
    sales, checks, payouts = data["sales"], data["file_checks"], data["payouts"]
    month = {s: (a, f"{d.year}-{d.month:02d}") for s, a, d in zip(sales.sale_id, sales.adviser_id, sales.sold_on)}
    verdicts: dict[tuple, list] = {}
    for s, v in zip(checks.sale_id, checks.verdict):
        verdicts.setdefault(month[s], []).append(v)
    bonus = {(a, m): b for a, m, b in zip(payouts.adviser_id, payouts.month, payouts.bonus_cny)}
    paid_all_bad = [k for k, v in verdicts.items() if bonus[k] > 0 and all(x == "unsuitable" for x in v)]
    assert len(paid_all_bad) >= 2
