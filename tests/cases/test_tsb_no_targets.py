"""Case c08-tsb-no-targets: removing targets lowers mis-selling, and a later drift of pressure is detectable."""

import pytest

from salesacademy.casedata import tsb_no_targets


@pytest.fixture(scope="module")
def data():
    return tsb_no_targets.load(seed=7)


def _monthly(branch_month):
    return branch_month.groupby("month")[["sales_count", "month_end_sales", "mismatched_sales", "complaints", "mis_selling_complaints"]].sum()


def test_mis_selling_falls_after_targets_are_removed(data):
    monthly = _monthly(data["branch_month"])
    before = monthly[monthly.index < "2022-07"].sum()
    settled = monthly[(monthly.index >= "2022-10") & (monthly.index <= "2023-12")].sum()
    for column in ["mismatched_sales", "complaints", "mis_selling_complaints"]:
        assert settled[column] / settled.sales_count < 0.5 * before[column] / before.sales_count, column
    # The month-end rush goes: from over 30% of sales in the last 5 days to near an even spread (1 in 6).
    assert before.month_end_sales / before.sales_count > 0.3
    assert settled.month_end_sales / settled.sales_count < 0.23


def test_most_staff_earn_more_without_sales_bonuses(data):
    pay = data["pay"]
    total = pay.assign(total=pay.base_pay_cny + pay.variable_pay_cny).pivot(index="staff_id", columns="year", values="total")
    assert 0.65 <= (total[2023] > total[2021]).mean() <= 0.9


def test_drift_in_the_pressure_indicators_is_detectable(data):
    monthly = _monthly(data["branch_month"])
    share = monthly.month_end_sales / monthly.sales_count
    baseline = share["2022-10":"2023-12"]
    limit = baseline.mean() + 3 * baseline.std()
    # No month of the baseline year exceeds the limit, but most months of the drift period do, all of the last six.
    assert (share["2023-01":"2023-12"] <= limit).all()
    drift = share["2024-01":"2025-06"] > limit
    assert drift.sum() >= 10
    assert drift["2025-01":"2025-06"].all()
    # The whole history as a baseline hides the drift: the pre-change months inflate the spread.
    assert not (share["2024-01":] > share.mean() + 3 * share.std()).any()


def test_drift_is_concentrated_in_a_few_branches(data):
    survey, branch_month = data["staff_survey"], data["branch_month"]
    settled = survey[survey.quarter.isin(["2023Q1", "2023Q2", "2023Q3", "2023Q4"])].saw_sales_ranking.mean()
    late = survey[survey.quarter.isin(["2025Q1", "2025Q2"])]
    by_branch = late.groupby("branch_id").saw_sales_ranking.mean().sort_values(ascending=False)
    assert settled < 0.15
    assert {"BJ-CY", "BJ-HD"} <= set(by_branch.index[:3])
    drifting = by_branch[["BJ-CY", "BJ-HD", "SZ-FT"]].mean()
    others = by_branch.drop(["BJ-CY", "BJ-HD", "SZ-FT"]).mean()
    assert drifting > 0.45 and drifting > 2.5 * others
    recent = branch_month[branch_month.month >= "2025-01"].groupby("branch_id")[["month_end_sales", "sales_count"]].sum()
    share = (recent.month_end_sales / recent.sales_count).sort_values(ascending=False)
    assert set(share.index[:3]) == {"BJ-CY", "BJ-HD", "SZ-FT"}
    assert share.iloc[2] - share.iloc[3] > 0.03
