"""Case c07-scorecard-cap: the synthetic data reproduce the effect of capping the sales weight."""

import numpy as np
import pytest

from salesacademy.casedata import scorecard_cap


@pytest.fixture(scope="module")
def data():
    return scorecard_cap.load(seed=7)


def _composite(cards, weights, scheme):
    w = dict(zip(weights.measure[weights.scheme == scheme], weights.weight[weights.scheme == scheme]))
    return sum(cards[f"{m}_score"] * w[m] for m in w)


def test_weights_are_capped_as_the_policy_says(data):
    weights = data["weights"]
    sums = weights.groupby("scheme").weight.sum()
    assert np.allclose(sums, 1.0)
    financial = weights[weights.financial].groupby("scheme").weight.sum()
    assert financial["old"] > 0.5 and financial["cap50"] <= 0.5 and financial["cap33"] <= 0.33


def test_recorded_composite_and_bonus_follow_the_scheme_in_force(data):
    cards, weights = data["scorecards"], data["weights"]
    for scheme, part in cards.groupby("scheme"):
        assert np.allclose(_composite(part, weights, scheme), part.composite_score, atol=0.051)
    paid = cards.groupby("quarter").bonus_cny.sum()
    assert np.allclose(paid, scorecard_cap.BONUS_POOL_CNY, atol=len(cards))


def test_old_weights_reward_high_sales_low_quality_staff_and_capped_weights_do_not(data):
    cards, weights, conduct = data["scorecards"], data["weights"], data["conduct"]
    q = cards[cards.quarter == "2024Q2"].merge(conduct, on=["staff_id", "quarter"])
    mismatch = (q.mismatched_sales / q.sales_count).rank()
    old = _composite(q, weights, "old")
    capped = _composite(q, weights, "cap33")
    # Under the old weights those who mis-sell more rank no lower (rather higher); under cap33 clearly lower.
    assert old.rank().corr(mismatch) > 0.1
    assert capped.rank().corr(mismatch) < -0.5
    group = (q.sales_score >= q.sales_score.quantile(0.75)) & (q.quality_score <= q.quality_score.quantile(0.25))
    assert group.sum() >= 5

    def pool(scores):
        points = (scores - 50).clip(lower=0)
        return 270_000 * points / points.sum()

    old_bonus, new_bonus = pool(old), pool(capped)
    # Under the old weights the group earns well above the average; under the capped weights well below it.
    assert old_bonus[group].mean() > 1.4 * old_bonus[~group].mean()
    assert new_bonus[group].mean() < 0.8 * new_bonus[~group].mean()
    top_ten_old = old.rank(ascending=False) <= 10
    assert (capped.rank(ascending=False)[top_ten_old] > len(q) / 2).sum() >= 4


def test_quality_improves_after_the_cap(data):
    conduct = data["conduct"]
    sums = conduct.groupby("quarter")[["sales_count", "mismatched_sales", "unrecorded_sales", "complaints"]].sum()
    before = sums.loc[["2023Q3", "2023Q4", "2024Q1", "2024Q2"]].sum()
    late = sums.loc[["2025Q1", "2025Q2"]].sum()
    for column in ["mismatched_sales", "unrecorded_sales", "complaints"]:
        assert late[column] / late.sales_count < 0.75 * before[column] / before.sales_count, column
    mismatch = sums.mismatched_sales / sums.sales_count
    assert mismatch["2025Q2"] < mismatch["2024Q3"] < mismatch["2024Q2"]
