"""compute_status is a pure function: every status from frames built here, no files."""

import datetime as dt

import pandas as pd
import pytest

from salesacademy.curriculum import Curriculum
from salesacademy.status import _unmatched, compute_status

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



def test_a_filter_matching_nothing_names_the_values_that_would():
    assert _unmatched("branch", "静安", pd.Series(["西城", "浦东", "西城"])) == "no branch '静安' among enrolled employees; branches: 浦东, 西城"
    assert _unmatched("module_id", "09-x", pd.Series(["03-b", "01-a"])) == (
        "nobody is enrolled in module '09-x'; modules with enrolled employees: 01-a, 03-b")
    assert _unmatched("role", "cfo", pd.Series(["teller"])) == "nobody in role 'cfo' is enrolled; roles with enrolled employees: teller"
    assert _unmatched("employee_id", "E9", pd.Series(["E2", "E1"])) == "no enrolled employee 'E9'; employees: E1, E2"
    assert _unmatched("branch", "静安", pd.Series([], dtype=object)) == "nobody is enrolled in any module yet, so nothing matches '静安'"


def test_up_to_thirty_employees_are_listed_and_more_are_counted():
    thirty = [f"E{n:02d}" for n in range(1, 31)]
    assert _unmatched("employee_id", "E99", pd.Series(thirty)) == f"no enrolled employee 'E99'; employees: {', '.join(thirty)}"
    assert _unmatched("employee_id", "E99", pd.Series([*thirty, "E31"])) == (
        "no enrolled employee 'E99'; 31 employees are enrolled (see 'academy status')")


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        ("2025-01-15 00:00", "passed"),  # the first moment of the as-of day
        ("2025-01-15 23:59:59", "passed"),  # its last
        ("2025-01-16 00:00", "assigned"),  # the next day has not happened yet: neither the submission nor its score counts
        ("2025-01-16 10:00", "assigned"),
    ],
)
def test_only_what_happened_by_the_end_of_the_as_of_day_counts(submitted, expected):
    table = compute_status(**case(submitted=submitted, scores=[5.0, 5.0]), as_of=dt.date(2025, 1, 15))
    assert table.status.tolist() == [expected]
    if expected == "assigned":
        assert pd.isna(table.submitted_at.iloc[0]) and pd.isna(table.score.iloc[0]) and pd.isna(table.percent.iloc[0])
    else:
        assert table.score.iloc[0] == 10.0 and table.percent.iloc[0] == 1.0


def test_an_enrollment_counts_from_the_day_it_was_assigned():
    assert compute_status(**case(), as_of=dt.date(2025, 1, 1)).status.tolist() == ["assigned"]


def test_an_enrollment_in_a_module_no_longer_in_the_curriculum_is_still_shown():
    inputs = case()
    inputs["enrollments"] = pd.concat([inputs["enrollments"], inputs["enrollments"].assign(module_id="99-retired")], ignore_index=True)
    table = compute_status(**inputs, as_of=dt.date(2025, 1, 15))
    assert table.module_id.tolist() == ["01-m", "99-retired"] and table.status.tolist() == ["assigned", "assigned"]


def test_scores_are_numbers_even_when_nothing_is_graded_yet():
    table = compute_status(**case(submitted="2025-01-10"), as_of=dt.date(2025, 1, 15))
    for column in ("score", "max_score", "percent"):
        assert pd.api.types.is_float_dtype(table[column]), column


def test_a_module_of_one_point_has_a_percentage():
    inputs = case(submitted="2025-01-10", scores=[1.0])
    inputs["grades"] = inputs["grades"].assign(max_score=1.0)
    table = compute_status(**inputs, as_of=dt.date(2025, 1, 15))
    assert table.percent.tolist() == [1.0] and table.status.tolist() == ["passed"]


def test_no_percentage_of_zero_points():
    """Extra credit on cells worth nothing: a score, but no share of a maximum, so no pass."""
    inputs = case(submitted="2025-01-10", scores=[1.0])
    inputs["grades"] = inputs["grades"].assign(max_score=0.0)
    table = compute_status(**inputs, as_of=dt.date(2025, 1, 15))
    assert table.score.tolist() == [1.0] and pd.isna(table.percent.iloc[0]) and table.status.tolist() != ["passed"]


def test_the_due_day_itself_is_not_overdue_and_a_pass_by_its_end_is_on_time():
    assert compute_status(**case(), as_of=dt.date(2025, 1, 31)).status.tolist() == ["assigned"]
    assert compute_status(**case(), as_of=dt.date(2025, 2, 1)).status.tolist() == ["overdue"]
    last_moment = compute_status(**case(submitted="2025-01-31 23:59:59", scores=[5.0, 5.0]), as_of=dt.date(2025, 2, 15))
    next_day = compute_status(**case(submitted="2025-02-01 00:00", scores=[5.0, 5.0]), as_of=dt.date(2025, 2, 15))
    assert last_moment.on_time.tolist() == [True] and next_day.on_time.tolist() == [False]


def test_expiry_is_a_date_column_even_when_nobody_has_passed():
    """HR reads it with .dt: a table of nothing but assignments must still hold dates there."""
    table = compute_status(**case(), as_of=dt.date(2025, 1, 15))
    assert pd.api.types.is_datetime64_any_dtype(table.expires_on) and pd.api.types.is_datetime64_any_dtype(table.submitted_at)


def test_rows_are_sorted_by_employee_and_module_and_numbered_from_zero():
    inputs = case()
    second = {"employee_id": "A0", "name": "乙", "branch": "B", "role": "teller", "active": True}
    inputs["employees"] = pd.concat([inputs["employees"], pd.DataFrame([second])], ignore_index=True)
    inputs["enrollments"] = pd.concat([inputs["enrollments"], inputs["enrollments"].assign(employee_id="A0")], ignore_index=True)
    table = compute_status(**inputs, as_of=dt.date(2025, 1, 15))
    assert table.employee_id.tolist() == ["A0", "E1"] and table.index.tolist() == [0, 1]
