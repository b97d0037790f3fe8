"""The review feed's rules on status tables built here: what counts, how it rounds, what HR's systems receive.

Every expected value is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from salesacademy.config import ReviewSection
from salesacademy.review import _json_value, formula, period_end, review_feed
from salesacademy.status import COLUMNS, final_scores


def row(module_id, status, *, percent=None, on_time=False, expires=None, employee_id="E1"):
    """One row of a status table; the dates other than the expiry do not enter the feed."""
    return {"employee_id": employee_id, "name": "甲", "branch": "B", "role": "teller", "module_id": module_id,
            "assigned_on": pd.Timestamp("2025-01-02"), "due_on": pd.Timestamp("2025-02-01"),
            "submitted_at": pd.NaT if percent is None else pd.Timestamp("2025-01-20"),
            "score": np.nan if percent is None else 10 * percent, "max_score": np.nan if percent is None else 10.0,
            "percent": np.nan if percent is None else percent, "status": status, "on_time": on_time,
            "expires_on": pd.Timestamp(expires) if expires else pd.NaT}


def feed(*rows, review=ReviewSection(), period="2025") -> pd.DataFrame:
    table = pd.DataFrame(list(rows), columns=COLUMNS)
    table["expires_on"] = pd.to_datetime(table.expires_on)
    return review_feed(status=table, review=review, period=period).set_index("employee_id")


def test_the_formula_in_words_with_and_without_a_penalty():
    assert formula(review=ReviewSection()) == (
        "training_score = 0.5 * (share of counted modules passed on time) * 100"
        " + 0.5 * (mean score of counted modules, in percent, an overdue module counting 0)"
        ", clipped to 0..100; modules awaiting grading and modules not yet due are not counted")
    assert formula(review=ReviewSection(on_time_weight=0.25, score_weight=0.75, overdue_penalty=12.5)) == (
        "training_score = 0.25 * (share of counted modules passed on time) * 100"
        " + 0.75 * (mean score of counted modules, in percent, an overdue module counting 0)"
        " - 12.5 * (number of overdue modules)"
        ", clipped to 0..100; modules awaiting grading and modules not yet due are not counted")


def test_scores_are_rounded_to_one_decimal():
    # mean of 5/6 and 2/3 in percent: (83.333 + 66.667) / 2 = 75.0; both late: 0.5 * 0 + 0.5 * 75 = 37.5
    got = feed(row("01-m", "passed", percent=5 / 6), row("02-m", "failed", percent=2 / 3))
    assert got.mean_score["E1"] == 75.0 and got.training_score["E1"] == 37.5
    # one module at 2/3, on time: 0.5 * 100 + 0.5 * 66.667 = 83.333 -> 83.3
    got = feed(row("01-m", "passed", percent=2 / 3, on_time=True, expires="2026-01-20"))
    assert got.mean_score["E1"] == 66.7 and got.training_score["E1"] == 83.3


def test_the_score_is_clipped_at_zero():
    # two overdue modules with a penalty of 10 each: 0 + 0 - 20 -> 0, not -20
    got = feed(row("01-m", "overdue"), row("02-m", "overdue"), review=ReviewSection(overdue_penalty=10))
    assert got.training_score["E1"] == 0.0 and got.overdue["E1"] == 2 and got.modules_counted["E1"] == 2


def test_a_lapsed_pass_counts_with_its_score_but_neither_as_completed_nor_on_time():
    # counted: the lapsed 90% and the on-time pass at 70%; on time 1 of 2 -> 0.5 * 50 + 0.5 * 80 = 65
    got = feed(row("01-m", "expired", percent=0.9, on_time=True, expires="2025-01-10"),
               row("02-m", "passed", percent=0.7, on_time=True, expires="2026-01-20"))
    assert got.modules_counted["E1"] == 2 and got.completed["E1"] == 1 and got.completed_on_time["E1"] == 1
    assert got.training_score["E1"] == 65.0 and got.mean_score["E1"] == 80.0
    assert got.certification_status["E1"] == "lapsed" and got.certified_until["E1"] is None


def test_certified_until_the_first_pass_lapses():
    got = feed(row("01-m", "passed", percent=1.0, on_time=True, expires="2026-03-05 10:00"),
               row("02-m", "passed", percent=0.8, expires="2025-11-30 16:00"))
    assert got.certification_status["E1"] == "certified" and got.certified_until["E1"] == dt.date(2025, 11, 30)
    assert got.completed["E1"] == 2 and got.completed_on_time["E1"] == 1


def test_one_module_short_of_all_is_incomplete_whatever_the_others():
    got = feed(row("01-m", "passed", percent=1.0, on_time=True, expires="2026-03-05"), row("02-m", "assigned"))
    assert got.certification_status["E1"] == "incomplete" and got.certified_until["E1"] is None


def test_each_employee_is_a_row_of_their_own_with_the_period():
    got = feed(row("01-m", "passed", percent=1.0, on_time=True, expires="2026-01-20"),
               row("01-m", "failed", percent=0.2, employee_id="E2"), period="2025-H2")
    assert got.index.tolist() == ["E1", "E2"] and got.period.tolist() == ["2025-H2", "2025-H2"]
    # E1: 0.5 * 100 + 0.5 * 100; E2: 0 + 0.5 * 20
    assert got.training_score.tolist() == [100.0, 10.0] and got.failed.tolist() == [0, 1]


def test_final_scores_are_graded_rows_not_waiting_for_a_trainer():
    table = pd.DataFrame({"percent": [0.9, np.nan, 0.5, 0.4], "status": ["passed", "submitted", "needs-manual-grading", "failed"]})
    assert final_scores(table).tolist() == [True, False, False, True]


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2026, 1, 20), "2026-01-20"),
    (np.int64(3), 3),
    (np.float64(97.5), 97.5),
    (np.float64("nan"), None),
    (float("nan"), None),
    ("certified", "certified"),
    (None, None),
])
def test_values_as_json_gives_them(value, expected):
    got = _json_value(value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(("period", "end"), [("2025-01", dt.date(2025, 1, 31)), ("2025-12", dt.date(2025, 12, 31))])
def test_the_first_and_last_months_are_periods(period, end):
    assert period_end(period=period) == end
