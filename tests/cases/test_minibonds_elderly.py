"""Case c05: the minibond warning signs (older customers, counter sales, no recordings) are in the synthetic data."""

import numpy as np
import pytest

from salesacademy.casedata import minibonds_elderly as case


@pytest.fixture(scope="module")
def tables():
    return case.load(seed=7)


@pytest.fixture(scope="module")
def notes(tables):
    sales, customers, products = tables["sales"], tables["customers"], tables["products"]
    kind = sales.product_id.map(dict(zip(products.product_id, products.type)))
    result = sales[kind == "structured_note"].copy()
    result["age"] = result.customer_id.map(dict(zip(customers.customer_id, customers.age)))
    return result


def _z(hits1: int, n1: int, hits2: int, n2: int) -> float:
    """Two-proportion z statistic."""
    p1, p2 = hits1 / n1, hits2 / n2
    pooled = (hits1 + hits2) / (n1 + n2)
    return (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))


def test_older_customers_buy_notes_at_the_deposit_counter(notes):
    old = notes.age >= 65
    counter = notes.location == "deposit_counter"
    assert old.sum() >= 100
    assert counter[old].mean() > 0.7
    assert counter[~old].mean() < 0.2
    assert _z(counter[old].sum(), old.sum(), counter[~old].sum(), (~old).sum()) > 10
    # The money mostly comes from matured deposits at the counter, much less elsewhere.
    assert notes.funded_from_deposit[counter].mean() - notes.funded_from_deposit[~counter].mean() > 0.4


def test_counter_note_sales_lack_recordings(tables, notes):
    in_branch = notes[notes.location != "mobile"]
    counter = in_branch.location == "deposit_counter"
    missing = in_branch.recording_id.isna()
    assert missing[counter].mean() > 0.4
    assert missing[~counter].mean() < 0.1
    assert _z(missing[counter].sum(), counter.sum(), missing[~counter].sum(), (~counter).sum()) > 8
    recordings = tables["recordings"]
    place = recordings.sale_id.map(dict(zip(tables["sales"].sale_id, tables["sales"].location)))
    assert recordings.duration_s[place == "deposit_counter"].median() < recordings.duration_s[place == "sales_zone"].median() / 2
    assert recordings.disclosure_read[place == "deposit_counter"].mean() < 0.6


def test_two_branches_stand_out(notes):
    counter_old = notes[(notes.location == "deposit_counter") & (notes.age >= 65)]
    counts = counter_old.branch_id.value_counts()
    top_two = set(counts.index[:2])
    assert top_two == set(case.HOT_BRANCHES)
    assert counts.iloc[:2].min() > 1.5 * counts.iloc[2:].median()


def test_assessments_redone_on_the_sale_day_at_the_counter(tables, notes):
    assessed = notes.customer_id.map(dict(zip(tables["customers"].customer_id, tables["customers"].risk_assessed_on)))
    same_day = assessed == notes.sold_at.dt.normalize()
    counter = notes.location == "deposit_counter"
    assert same_day[counter].mean() > 0.3
    assert same_day[~counter].mean() < 0.02


def test_follow_up_calls_show_counter_customers_did_not_understand(tables):
    calls = tables["callbacks"]
    place = calls.sale_id.map(dict(zip(tables["sales"].sale_id, tables["sales"].location)))
    reached = calls.reached.to_numpy()
    understood = calls.understood_risk.fillna(False).to_numpy(dtype=bool)
    assert calls.understood_risk[~calls.reached].isna().all()
    assert calls.understood_risk[calls.reached].notna().all()
    counter = (place == "deposit_counter").to_numpy() & reached
    zone = (place == "sales_zone").to_numpy() & reached
    assert understood[counter].mean() < 0.5
    assert understood[zone].mean() > 0.75
    assert _z(understood[zone].sum(), zone.sum(), understood[counter].sum(), counter.sum()) > 8
    assert (calls.called_on <= case.AS_OF).all()


def test_buyback_terms_match_the_fact_sheet():
    assert case.BUYBACK_RATE == {"under_65": 0.60, "65_and_over": 0.70}
