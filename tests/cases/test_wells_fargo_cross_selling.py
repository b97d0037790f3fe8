"""Case c01: the synthetic data carries the month-end burst of dormant accounts, and is documented and deterministic."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from salesacademy.casedata import wells_fargo_cross_selling as case


@pytest.fixture(scope="module")
def data():
    return case.load(seed=7)


def _flags(accounts: pd.DataFrame) -> pd.DataFrame:
    """Dormant and month-end flags, computed row by row from the raw dates."""
    rows = []
    for opened, funded, used in zip(accounts.opened_on, accounts.funded_on, accounts.first_used_on):
        active = any(pd.notna(d) and (d - opened).days <= 90 for d in (funded, used))
        month_end = opened.day > opened.days_in_month - 3
        rows.append((not active, month_end, f"{opened.year}-{opened.month:02d}"))
    return pd.DataFrame(rows, columns=["dormant", "month_end", "month"], index=accounts.index)


def test_month_end_burst_of_dormant_accounts(data):
    accounts = data["accounts"]
    flags = _flags(accounts)
    end, rest = flags[flags.month_end], flags[~flags.month_end]
    p_end, p_rest = end.dormant.mean(), rest.dormant.mean()
    # Dormant accounts are far more common at month end than on other days...
    assert p_end > 3 * p_rest, (p_end, p_rest)
    pooled = flags.dormant.mean()
    z = (p_end - p_rest) / math.sqrt(pooled * (1 - pooled) * (1 / len(end) + 1 / len(rest)))
    assert z > 10, z
    # ...and more accounts are opened per day in the last three days.
    per_day_end = len(end) / accounts.opened_on[flags.month_end].nunique()
    per_day_rest = len(rest) / accounts.opened_on[~flags.month_end].nunique()
    assert per_day_end > 1.3 * per_day_rest, (per_day_end, per_day_rest)


def test_burst_comes_from_staff_below_target(data):
    accounts, targets = data["accounts"], data["targets"]
    flags = _flags(accounts)
    target = {(s, m): t for s, m, t in zip(targets.staff_id, targets.month, targets.target_accounts)}
    before, burst = {}, {}
    for staff_id, dormant, month_end, month in zip(accounts.staff_id, flags.dormant, flags.month_end, flags.month):
        if not month_end:
            before[(staff_id, month)] = before.get((staff_id, month), 0) + 1
        elif dormant:
            burst[(staff_id, month)] = burst.get((staff_id, month), 0) + 1
    short = [key for key in target if before.get(key, 0) < target[key]]
    on_target = [key for key in target if before.get(key, 0) >= target[key]]
    # Staff-months still short of target before month end open many more dormant accounts in the last days.
    rate_short = sum(burst.get(key, 0) for key in short) / len(short)
    rate_on_target = sum(burst.get(key, 0) for key in on_target) / len(on_target)
    assert rate_short > 4 * rate_on_target and rate_short > 0.5, (rate_short, rate_on_target)
    total = sum(burst.values())
    # A few employees account for most of the month-end dormant accounts.
    per_staff = pd.Series(burst).groupby(level=0).sum().sort_values(ascending=False)
    assert per_staff.head(6).sum() / total > 0.75
