"""Case c09-recording-suitability-block: after go-live mismatches are blocked, sales are recorded and audit findings fall."""

import numpy as np
import pandas as pd
import pytest

from salesacademy.casedata import recording_suitability_block as case_data


@pytest.fixture(scope="module")
def data():
    return case_data.load(seed=7)


def _phase(attempts, branches):
    go_live = attempts.branch_id.map(dict(zip(branches.branch_id, branches.go_live)))
    return np.where(attempts.attempted_at >= go_live, "after", "before")


def _mismatch(attempts):
    return attempts.product_level.str[1].astype(int) > attempts.customer_level.str[1].astype(int)


def test_two_waves_go_live_and_scope_follows_the_rule(data):
    branches, products = data["branches"], data["products"]
    assert sorted(branches.go_live.unique()) == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-04-01")]
    assert (branches.go_live.value_counts() == 4).all()
    optional = set(products.type[~products.recording_required])
    assert optional == {"government_bond", "precious_metal"}


def test_mismatched_sales_go_through_before_go_live_and_are_blocked_after(data):
    attempts, branches = data["attempts"], data["branches"]
    phase, mismatch = _phase(attempts, branches), _mismatch(attempts)
    before = attempts[mismatch & (phase == "before")]
    after = attempts[mismatch & (phase == "after")]
    assert len(before) > 100 and len(after) > 50, "mismatched sales are still attempted after go-live"
    assert (before.outcome == "sold").mean() > 0.6
    assert before.waiver_signed[before.outcome == "sold"].all()
    assert (after.outcome == "blocked").all()
    assert not attempts.waiver_signed[phase == "after"].any()
    # Attempts fade as staff learn: the rate of mismatched attempts in the last two quarters is well below the first two.
    quarter = attempts.attempted_at.dt.to_period("Q").astype(str)
    rate = mismatch.groupby(quarter).mean()
    assert rate[["2025Q1", "2025Q2"]].mean() < 0.4 * rate[["2023Q3", "2023Q4"]].mean()


def test_in_branch_sales_in_scope_are_recorded_after_go_live(data):
    attempts, branches, products, recordings = data["attempts"], data["branches"], data["products"], data["recordings"]
    required = attempts.product_id.isin(products.product_id[products.recording_required])
    due = (attempts.channel == "branch") & (attempts.outcome == "sold") & required
    phase = _phase(attempts, branches)
    usable = attempts.attempt_id.isin(recordings.attempt_id[recordings.audio_ok & recordings.video_ok & recordings.in_sales_zone])
    before, after = usable[due & (phase == "before")].mean(), usable[due & (phase == "after")].mean()
    assert before < 0.8 and after > 0.93
    # Recordings exist only for completed in-branch sales, and each points to a real attempt.
    recorded = attempts.set_index("attempt_id").loc[recordings.attempt_id]
    assert (recorded.channel == "branch").all() and (recorded.outcome == "sold").all()
    assert attempts.recording_id.notna().sum() == len(recordings)


def test_audit_findings_fall_quarter_by_quarter_after_go_live(data):
    samples, findings = data["audit_samples"], data["audit_findings"]
    rate = 100 * findings.groupby("quarter").size().reindex(sorted(samples.quarter.unique()), fill_value=0) / samples.groupby("quarter").size()
    before = rate[["2023Q3", "2023Q4"]].mean()
    assert before > 20
    assert rate["2024Q1"] < before and rate["2024Q2"] < rate["2024Q1"] and rate["2024Q3"] < rate["2024Q2"]
    assert rate[["2024Q4", "2025Q1", "2025Q2"]].max() < 0.35 * before
    late = findings[findings.quarter >= "2024Q3"]
    assert not (late.category == "suitability_mismatch").any()


def test_workaround_is_concentrated_at_one_branch(data):
    attempts = data["attempts"]
    blocked = attempts[attempts.outcome == "blocked"]
    sold = attempts[attempts.outcome == "sold"]
    pairs = blocked.merge(sold, on=["customer_id", "product_id"], suffixes=("_b", "_s"))
    gap = pairs.attempted_at_s - pairs.attempted_at_b
    pairs = pairs[(gap > pd.Timedelta(0)) & (gap <= pd.Timedelta(days=7))]
    by_branch = pairs.groupby("branch_id_b").size()
    assert by_branch.idxmax() == "GZ-TH" and by_branch["GZ-TH"] >= 10
    assert by_branch.drop("GZ-TH").sum() <= 5
    assert (pairs.customer_level_s.str[1].astype(int) > pairs.customer_level_b.str[1].astype(int)).all()
