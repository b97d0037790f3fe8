"""Case c06: the before/after change of the usage-based incentive plan shows in the synthetic data."""

import numpy as np
import pandas as pd
import pytest

from salesacademy.casedata import wells_fargo_usage_pay as case


@pytest.fixture(scope="module")
def tables():
    return case.load(seed=7)


def _z(hits1: int, n1: int, hits2: int, n2: int) -> float:
    """Two-proportion z statistic."""
    pooled = (hits1 + hits2) / (n1 + n2)
    return (hits1 / n1 - hits2 / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))


def test_plan_follows_the_switch_date_and_credit_rules(tables):
    accounts = tables["accounts"]
    assert (accounts.plan == np.where(accounts.opened_on < case.SWITCH, "sales_goal", "usage")).all()
    old, new = accounts[accounts.plan == "sales_goal"], accounts[accounts.plan == "usage"]
    assert old.credited.all()
    assert (new.credited == (new.transactions_90d >= 1)).all()
    assert (accounts.opened_on + pd.Timedelta(days=case.USAGE_WINDOW_DAYS) <= case.AS_OF).all()


def test_openings_fall_and_the_used_share_rises(tables):
    accounts = tables["accounts"]
    monthly = accounts.groupby([accounts.opened_on.dt.to_period("M"), "plan"]).size().unstack()
    old, new = monthly.sales_goal.dropna(), monthly.usage.dropna()
    assert new.mean() / old.mean() < 0.7
    assert new.max() < old.min()
    used = accounts.transactions_90d >= 1
    is_old = accounts.plan == "sales_goal"
    assert used[~is_old].mean() - used[is_old].mean() > 0.2
    assert _z(used[~is_old].sum(), (~is_old).sum(), used[is_old].sum(), is_old.sum()) > 10


def test_old_plan_credited_many_accounts_unfunded_at_day_90(tables):
    accounts = tables["accounts"]
    days = (accounts.first_funded_on - accounts.opened_on).dt.days
    unfunded = days.isna() | (days > case.USAGE_WINDOW_DAYS)
    credited_unfunded = accounts.credited & unfunded
    old = accounts.plan == "sales_goal"
    assert credited_unfunded[old].mean() > 0.3
    assert credited_unfunded[~old].sum() == 0
    # Token funding: funded in time but never used by the customer, almost only under the old plan.
    token = ~unfunded & (accounts.transactions_90d == 0)
    assert token[old].mean() > 5 * max(token[~old].mean(), 1e-3)


def test_complaints_per_account_fall_by_opening_cohort(tables):
    accounts, complaints = tables["accounts"], tables["complaints"]
    joined = complaints.merge(accounts[["account_id", "plan", "opened_on"]], on="account_id")
    assert (joined.received_on > joined.opened_on).all()
    assert (joined.received_on <= joined.opened_on + pd.Timedelta(days=case.USAGE_WINDOW_DAYS)).all()
    assert (joined.received_on <= case.AS_OF).all()
    n_old, n_new = (accounts.plan == "sales_goal").sum(), (accounts.plan == "usage").sum()
    c_old, c_new = (joined.plan == "sales_goal").sum(), (joined.plan == "usage").sum()
    assert (c_old / n_old) / (c_new / n_new) > 2
    assert _z(c_old, n_old, c_new, n_new) > 5
    unrequested = joined[joined.category == "unrequested_account"]
    u_old, u_new = (unrequested.plan == "sales_goal").sum() / n_old, (unrequested.plan == "usage").sum() / n_new
    assert u_old > 5 * u_new
    # The trap the case teaches: splitting by date received blurs the change.
    by_date_new = (joined.received_on >= case.SWITCH).sum() / n_new
    assert by_date_new > 1.5 * (c_new / n_new)


def test_customer_experience_rises_and_base_pay_grows_as_a_share(tables):
    months, pay = tables["branch_months"], tables["pay"]
    old = months[months.plan == "sales_goal"].cx_score
    late_new = months[(months.plan == "usage") & (months.month >= "2025-01")].cx_score
    assert late_new.mean() - old.mean() > 0.5
    assert months.mystery_shop_score[months.plan == "sales_goal"].isna().all()
    assert months.mystery_shop_score[months.plan == "usage"].notna().all()
    share = pay.base_pay_cny / (pay.base_pay_cny + pay.incentive_cny)
    assert share[pay.plan == "usage"].mean() - share[pay.plan == "sales_goal"].mean() > 0.08
    assert (pay.groupby("staff_id").apply(lambda p: p.base_pay_cny[p.plan == "usage"].min() > p.base_pay_cny[p.plan == "sales_goal"].max())).all()
