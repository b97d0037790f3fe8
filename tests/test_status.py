"""compute_status is a pure function: every status from frames built here, no files."""

import datetime as dt

import pandas as pd
import pytest

from salesacademy.curriculum import Curriculum
from salesacademy.status import compute_status

CURRICULUM = Curriculum.model_validate({
    "defaults": {"due_days": 30, "recertify_months": 12, "pass_mark": 0.7},
    "roles": {"teller": {"zh": "柜员", "en": "Teller"}},
    "tracks": {"frontline": {"title": {"zh": "一线岗位", "en": "Frontline"}, "roles": ["teller"], "code": False}},
    "competencies": {"c": {"zh": "能力", "en": "Skill"}},
    "modules": [{"id": "01-m", "title": {"zh": "模块", "en": "Module"}, "notebooks": ["exercise"], "competencies": ["c"], "points": 10,
                 "required_for": ["teller"]}],
})


def case(*, submitted=None, scores=None, manual_pending=False, active=True):
    """One employee enrolled on 2025-01-01, due 2025-01-31, with an optional graded submission."""
    employees = pd.DataFrame([{"employee_id": "E1", "name": "甲", "branch": "B", "role": "teller", "active": active}])
    enrollments = pd.DataFrame([{"employee_id": "E1", "module_id": "01-m", "assigned_on": pd.Timestamp("2025-01-01"), "due_on": pd.Timestamp("2025-01-31")}])
    submissions = pd.DataFrame(columns=["employee_id", "module_id", "submitted_at"])
    grades = pd.DataFrame(columns=["employee_id", "module_id", "item", "max_score", "score", "needs_manual_grade", "submitted_at"])
    if submitted:
        submissions = pd.DataFrame([{"employee_id": "E1", "module_id": "01-m", "submitted_at": pd.Timestamp(submitted)}])
        if scores is not None:
            grades = pd.DataFrame([
                {"employee_id": "E1", "module_id": "01-m", "item": f"q{i}", "max_score": 5.0, "score": s,
                 "needs_manual_grade": manual_pending and i == 1, "submitted_at": pd.Timestamp(submitted)}
                for i, s in enumerate(scores)
            ])
    return dict(employees=employees, enrollments=enrollments, submissions=submissions, grades=grades, curriculum=CURRICULUM)


@pytest.mark.parametrize(
    ("kwargs", "as_of", "expected"),
    [
        ({}, "2025-01-15", "assigned"),
        ({}, "2025-02-01", "overdue"),
        ({"submitted": "2025-01-10"}, "2025-01-15", "submitted"),
        ({"submitted": "2025-01-10", "scores": [5.0, None], "manual_pending": True}, "2025-01-15", "needs-manual-grading"),
        ({"submitted": "2025-01-10", "scores": [5.0, 2.0]}, "2025-01-15", "passed"),
        ({"submitted": "2025-01-10", "scores": [5.0, 1.0]}, "2025-01-15", "failed"),
        # Submitted on time and failed: failed, not overdue, once the due date has passed too.
        ({"submitted": "2025-01-10", "scores": [5.0, 1.0]}, "2025-02-15", "failed"),
        ({"submitted": "2025-02-10", "scores": [5.0, 1.0]}, "2025-02-15", "failed"),  # submitted late and failed
        ({"submitted": "2025-02-10", "scores": [5.0, 2.0]}, "2025-02-15", "passed"),  # a late pass is a pass (on_time False)
        # Waiting for the grader or a trainer is never overdue, though the due date has passed.
        ({"submitted": "2025-01-10"}, "2025-02-15", "submitted"),
        ({"submitted": "2025-01-10", "scores": [5.0, None], "manual_pending": True}, "2025-02-15", "needs-manual-grading"),
        ({"submitted": "2025-01-10", "scores": [5.0, 5.0], "manual_pending": True}, "2025-02-15", "needs-manual-grading"),
        ({"submitted": "2025-01-10", "scores": [5.0, 2.0]}, "2026-01-09", "passed"),
        ({"submitted": "2025-01-10", "scores": [5.0, 2.0]}, "2026-01-10", "expired"),
        ({"submitted": "2025-03-10", "scores": [5.0, 5.0]}, "2025-02-15", "overdue"),  # submitted after the as-of date
    ],
)
def test_each_status(kwargs, as_of, expected):
    table = compute_status(**case(**kwargs), as_of=dt.date.fromisoformat(as_of))
    assert list(table.status) == [expected]


def test_pass_mark_boundary_is_inclusive():
    table = compute_status(**case(submitted="2025-01-10", scores=[5.0, 2.0]), as_of=dt.date(2025, 1, 15))
    assert table.percent.iloc[0] == pytest.approx(0.7) and table.status.iloc[0] == "passed"


def test_inactive_employees_and_future_enrollments_are_left_out():
    assert compute_status(**case(active=False), as_of=dt.date(2025, 1, 15)).empty
    assert compute_status(**case(), as_of=dt.date(2024, 12, 31)).empty


def test_on_time_and_expiry_date_of_a_pass():
    on_time = compute_status(**case(submitted="2025-01-31 18:00", scores=[5.0, 5.0]), as_of=dt.date(2025, 2, 15))
    assert bool(on_time.on_time.iloc[0]) and on_time.expires_on.iloc[0] == pd.Timestamp("2026-01-31 18:00")
    late = compute_status(**case(submitted="2025-02-01 09:00", scores=[5.0, 5.0]), as_of=dt.date(2025, 2, 15))
    assert late.status.iloc[0] == "passed" and not bool(late.on_time.iloc[0])
    failed = compute_status(**case(submitted="2025-01-10", scores=[1.0, 1.0]), as_of=dt.date(2025, 1, 15))
    assert pd.isna(failed.expires_on.iloc[0]) and not bool(failed.on_time.iloc[0])


def test_a_score_awaiting_a_trainer_is_neither_a_pass_nor_on_time_nor_certified_until_a_date():
    """Above the pass mark already, before the trainer's part: still provisional, whatever the date."""
    for as_of in ("2025-01-15", "2025-02-15", "2026-06-01"):
        table = compute_status(**case(submitted="2025-01-10", scores=[5.0, 5.0], manual_pending=True), as_of=dt.date.fromisoformat(as_of))
        assert table.status.iloc[0] == "needs-manual-grading", as_of
        assert not bool(table.on_time.iloc[0]) and pd.isna(table.expires_on.iloc[0]), as_of


def test_a_failed_submission_neither_counts_as_on_time_nor_expires():
    table = compute_status(**case(submitted="2025-01-10", scores=[1.0, 1.0]), as_of=dt.date(2025, 3, 1))
    assert table.status.iloc[0] == "failed" and not bool(table.on_time.iloc[0]) and pd.isna(table.expires_on.iloc[0])
