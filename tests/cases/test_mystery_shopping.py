"""Case c10-mystery-shopping: the synthetic visits show weak items, targeted coaching and a before/after change."""

import math

import numpy as np
import pandas as pd
import pytest

from salesacademy.casedata import mystery_shopping as case

TARGET = 0.80


@pytest.fixture(scope="module")
def data():
    return case.load(seed=7)


@pytest.fixture(scope="module")
def checks(data):
    """One row per applicable check, with the visit, the serving employee and whether it passed."""
    role = dict(zip(data["staff"].staff_id, data["staff"].role))
    merged = data["results"].merge(data["visits"], on="visit_id", validate="many_to_one")
    merged = merged[merged.result != "not_applicable"].copy()
    merged["passed"] = merged.result == "pass"
    merged["role"] = merged.staff_id.map(role)
    return merged


def _wilson(passes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval, written out independently of the module."""
    p = passes / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def _upper(passes: int, n: int) -> float:
    return _wilson(passes, n)[1]


def _coached(data):
    checklist = data["checklist"]
    return set(checklist.item_id[checklist.coached])


def test_wave_one_finds_the_coached_items_weakest(data, checks):
    rates = checks[checks.wave == 1].groupby("item_id").passed.mean().sort_values()
    coached = _coached(data)
    assert set(rates.index[:3]) == coached
    assert rates[list(coached)].max() < 0.6
    assert rates.drop(list(coached)).min() > 0.65


def test_coached_items_improve_and_uncoached_items_barely_move(data, checks):
    rates = checks.pivot_table(index="item_id", columns="wave", values="passed", aggfunc="mean")
    change = rates[2] - rates[1]
    coached = list(_coached(data))
    assert (change[coached] > 0.12).all()
    assert change[coached].mean() > 0.2
    assert abs(change.drop(coached).mean()) < 0.06
    assert change[coached].mean() - change.drop(coached).mean() > 0.18
    # The coached items together: a clear two-proportion contrast between the waves.
    part = checks[checks.item_id.isin(coached)]
    hits = part.groupby("wave").passed.sum()
    sizes = part.groupby("wave").passed.size()
    pooled = hits.sum() / sizes.sum()
    z = (hits[2] / sizes[2] - hits[1] / sizes[1]) / math.sqrt(pooled * (1 - pooled) * (1 / sizes[1] + 1 / sizes[2]))
    assert z > 5


def test_the_improvement_comes_from_staff_who_attended(data, checks):
    attended = data["coaching"].groupby("staff_id").sessions_attended.max()
    part = checks[checks.item_id.isin(_coached(data))].copy()
    part["coached_staff"] = part.staff_id.map(attended) > 0
    rates = part.pivot_table(index="coached_staff", columns="wave", values="passed", aggfunc="mean")
    change = rates[2] - rates[1]
    assert change[True] > 0.3
    assert change[False] < 0.15
    coaching = data["coaching"]
    roles = coaching.staff_id.map(dict(zip(data["staff"].staff_id, data["staff"].role)))
    assert not coaching.invited[roles == "teller"].any()
    assert (coaching.sessions_attended[roles == "teller"] == 0).all()
    assert coaching.invited[roles != "teller"].all()


def test_the_weak_branch_is_clear_in_wave_one_and_catches_up_on_coached_items(data, checks):
    first = checks[checks.wave == 1]
    overall = first.groupby("branch_id").passed.mean()
    assert overall.idxmin() == case.WEAK_BRANCH
    weak = first[first.branch_id == case.WEAK_BRANCH].groupby("item_id").passed.agg(["sum", "size"])
    confidently_low = [item for item, row in weak.iterrows() if _upper(row["sum"], row["size"]) < TARGET]
    assert len(confidently_low) >= 4
    coached = checks[checks.item_id.isin(_coached(data))]
    rates = coached.pivot_table(index="branch_id", columns="wave", values="passed", aggfunc="mean")
    assert rates.loc[case.WEAK_BRANCH, 2] - rates.loc[case.WEAK_BRANCH, 1] > 0.3
    others = coached[(coached.wave == 2) & (coached.branch_id != case.WEAK_BRANCH)].passed.mean()
    assert rates.loc[case.WEAK_BRANCH, 2] > others - 0.1
    assert data["coaching"].sessions_attended.max() == 2
    twice = data["coaching"][data["coaching"].sessions_attended == 2].staff_id
    assert set(data["staff"].set_index("staff_id").branch_id[twice]) == {case.WEAK_BRANCH}


def test_the_counter_branch_still_fails_the_sales_zone_in_wave_two(data, checks):
    visits = data["visits"]
    teller = visits.staff_id.map(dict(zip(data["staff"].staff_id, data["staff"].role))) == "teller"
    share = teller.groupby(visits.branch_id).mean()
    assert share[case.COUNTER_BRANCH] > 0.4
    assert share.drop(case.COUNTER_BRANCH).max() < 0.2
    zone = checks[checks.item_id == "sales_zone_recorded"]
    assert zone.passed[zone.role == "teller"].mean() < 0.45
    assert zone.passed[zone.role != "teller"].mean() > 0.8
    second = zone[(zone.wave == 2) & (zone.branch_id == case.COUNTER_BRANCH)]
    assert _upper(second.passed.sum(), len(second)) < TARGET
    # After the coaching, the counter branch is the weakest on the coached items.
    coached = checks[checks.item_id.isin(_coached(data)) & (checks.wave == 2)]
    rates = coached.groupby("branch_id").passed.mean().sort_values()
    assert rates.index[0] == case.COUNTER_BRANCH
    assert rates.iloc[0] < rates.iloc[1:].mean() - 0.15


def test_small_samples_give_wide_intervals(data, checks):
    visits = data["visits"]
    sizes = visits.groupby(["wave", "branch_id"]).size().unstack()
    assert (sizes["HZ-XH"] == 6).all()
    assert sizes.min(axis=None) * 4 < sizes.max(axis=None)
    counts = checks.groupby(["wave", "item_id", "branch_id"]).passed.agg(["sum", "size"])
    small = counts.xs("HZ-XH", level="branch_id")
    small = small[small["size"] == 6]
    assert len(small) >= 14
    # A branch with few visits: even its best result leaves the interval wide.
    for _, row in small.iterrows():
        low, high = _wilson(row["sum"], row["size"])
        assert high - low > 0.3
    # In wave 2 some branches are below target on the point estimate without being confidently below it.
    second = counts.loc[2]
    below = second["sum"] / second["size"] < TARGET
    unsure = [_upper(s, n) >= TARGET for s, n in zip(second["sum"], second["size"])]
    assert (below & np.array(unsure)).sum() >= 5


def test_records_are_consistent(data):
    visits, results, products = data["visits"], data["results"], data["products"]
    assert results.groupby("visit_id").size().eq(len(data["checklist"])).all()
    assert set(results.visit_id) == set(visits.visit_id)
    by_visit = results.pivot(index="visit_id", columns="item_id", values="result").reindex(visits.visit_id)
    elderly = (visits.persona_age >= case.ELDERLY_AGE).to_numpy()
    assert (by_visit.elderly_extra_care.to_numpy()[~elderly] == "not_applicable").all()
    assert (by_visit.elderly_extra_care.to_numpy()[elderly] != "not_applicable").all()
    assert (by_visit.drop(columns="elderly_extra_care") != "not_applicable").all(axis=None)
    offered = visits.offered_product_id.map(dict(zip(products.product_id, products.risk_level))).str[1].astype(int)
    matched = (offered <= visits.persona_risk_level.str[1].astype(int)).to_numpy()
    assert np.array_equal(matched, by_visit.suitability_matched.to_numpy() == "pass")
    staff_branch = visits.staff_id.map(dict(zip(data["staff"].staff_id, data["staff"].branch_id)))
    assert (staff_branch == visits.branch_id).all()
    for wave, (first, last) in case.WAVES.items():
        dates = visits.visited_on[visits.wave == wave]
        assert dates.min() >= pd.Timestamp(first) and dates.max() <= pd.Timestamp(last)


def test_wilson_helper_matches_an_independent_formula():
    low, high = case.wilson_interval(np.array([0, 5, 9]), np.array([10, 10, 10]))
    expected = [_wilson(0, 10), _wilson(5, 10), _wilson(9, 10)]
    assert np.allclose(low, [e[0] for e in expected]) and np.allclose(high, [e[1] for e in expected])
    assert np.isclose(low[0], 0.0) and np.isclose(low[1], 1 - high[1])
