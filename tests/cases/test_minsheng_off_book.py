"""Case c03: off-book contracts stand out by shelf, promised return and money flow, concentrated in one branch and seller."""

from __future__ import annotations

import pandas as pd
import pytest

from salesacademy.casedata import minsheng_off_book as case


@pytest.fixture(scope="module")
def data():
    return case.load(seed=7)


def _signals(data) -> pd.DataFrame:
    """The three audit signals per contract, computed row by row from the raw tables."""
    shelf, contracts, transfers = data["shelf"], data["contracts"], data["transfers"]
    windows = {c: (s, e) for c, s, e in zip(shelf.product_code, shelf.sale_start, shelf.sale_end)}
    ceiling = max(shelf.benchmark_return_pct)
    official = set(data["settlement_accounts"].account_no)
    outside = {c for c, a in zip(transfers.contract_id, transfers.payee_account) if a not in official}
    rows = []
    for c in contracts.itertuples():
        on_shelf = c.product_code in windows and windows[c.product_code][0] <= c.signed_on <= windows[c.product_code][1]
        yearly = c.quoted_return_pct if c.quoted_basis == "annual" else c.quoted_return_pct * 365 / c.term_days
        rows.append((not on_shelf, yearly > ceiling, c.contract_id in outside))
    return pd.DataFrame(rows, columns=["off_shelf", "above_ceiling", "paid_outside"], index=contracts.index)


def test_off_book_signals_coincide(data):
    signals = _signals(data)
    all_three = signals.all(axis=1)
    assert all_three.sum() >= 40
    # Promises above the shelf and money outside the settlement accounts occur only together with the other signals.
    assert (signals.above_ceiling == all_three).all()
    assert (signals.paid_outside == all_three).all()
    # A few genuine contracts are merely late, so being off the shelf alone is not proof.
    assert 0 < (signals.off_shelf & ~all_three).sum() <= 0.02 * len(signals)


def test_off_book_concentrated_in_one_branch_and_seller(data):
    contracts, staff = data["contracts"], data["staff"]
    suspect = contracts[_signals(data).all(axis=1)]
    by_branch = suspect.groupby("branch_id").amount_cny.sum()
    assert list(by_branch.index) == [case.OFF_BOOK_BRANCH]
    by_staff = suspect.groupby("staff_id").amount_cny.sum().sort_values(ascending=False)
    assert by_staff.iloc[0] / by_staff.sum() > 0.6
    top_role = staff.set_index("staff_id").role[by_staff.index[0]]
    assert top_role == "branch_manager"
    # Genuine contracts of the same branch are handled by other staff.
    genuine = contracts.drop(suspect.index)
    assert (genuine.staff_id != by_staff.index[0]).all()


def test_off_book_leaves_other_traces(data):
    contracts, transfers, seals = data["contracts"], data["transfers"], data["seals"]
    suspect = _signals(data).all(axis=1)
    assert contracts.recorded[suspect].mean() < 0.2 and contracts.recorded[~suspect].mean() > 0.9
    assert contracts.guaranteed[suspect].all() and not contracts.guaranteed[~suspect].any()
    # One of the payees is held at Jinhe Bank itself, so "money stayed in the bank" is no defence.
    outside = transfers[transfers.contract_id.isin(contracts.contract_id[suspect])]
    assert (outside.payee_bank == case.BANK_CODE).any() and (outside.payee_bank != case.BANK_CODE).any()
    registered = set(seals.seal_no)
    assert contracts.seal_no[suspect].map(lambda s: s not in registered).mean() > 0.5
    assert contracts.seal_no[~suspect].isin(registered).all()


def test_tables_are_consistent(data):
    assert data["shelf"].product_code.is_unique
    assert data["contracts"].contract_id.is_unique
    assert set(data["transfers"].contract_id) == set(data["contracts"].contract_id)
    assert set(data["contracts"].client_id) <= set(data["clients"].client_id)
