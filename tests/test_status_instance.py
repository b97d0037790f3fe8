"""`academy status` on a real gradebook: the hand-made cohort of tests/cohort.py, its statuses known by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import cohort
from cohort import PUDONG, XICHENG
from salesacademy.errors import AcademyError
from salesacademy.status import status

# As of cohort.AS_OF, from the table in cohort.py's docstring: (status, on time, percent) of each enrollment.
EXPECTED = {
    ("B1", "01-sales-process"): ("passed", True, 1.0),
    ("B1", "03-suitability"): ("passed", True, 0.9),
    ("B2", "01-sales-process"): ("passed", True, 0.8),
    ("B2", "03-suitability"): ("passed", True, 1.0),
    ("R1", "01-sales-process"): ("passed", False, 0.8),
    ("R1", "03-suitability"): ("overdue", False, None),
    ("T1", "01-sales-process"): ("failed", False, 0.3),
    ("T2", "01-sales-process"): ("overdue", False, None),
    ("W2", "01-sales-process"): ("overdue", False, None),
    ("W2", "03-suitability"): ("failed", False, 0.6),
}


@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("status") / "course")


def keyed(table: pd.DataFrame) -> dict:
    return {(row.employee_id, row.module_id): (row.status, bool(row.on_time), None if pd.isna(row.percent) else round(row.percent, 6))
            for row in table.itertuples()}


def test_every_enrollment_has_the_status_worked_out_by_hand(cohort_instance):
    table = status(instance=cohort_instance, as_of=cohort.AS_OF)
    assert keyed(table) == EXPECTED
    assert list(zip(table.employee_id, table.module_id)) == sorted(EXPECTED), "sorted by employee, then module"
    assert set(table.problem) == {""}, "no grading run has noted a problem"
    row = table.set_index(["employee_id", "module_id"]).loc[("R1", "01-sales-process")]
    assert (row["name"], row.branch, row.role) == ("李强", PUDONG, "relationship_manager")
    assert (row.score, row.max_score) == (8, 10)
    # submitted 2025-02-10 10:00 UTC, 18:00 in Shanghai, the course's time zone; a pass lasts 12 months
    assert row.due_on == pd.Timestamp("2025-02-01") and row.expires_on == pd.Timestamp("2026-02-10 18:00")


@pytest.mark.parametrize(("narrowed", "kept"), [
    ({"branch": XICHENG}, {"B2", "W2", "T2"}),
    ({"employee": "R1"}, {"R1"}),
    ({"role": "teller"}, {"T1", "T2"}),
    ({"module": "03-suitability"}, {"B1", "R1", "B2", "W2"}),
])
def test_each_filter_keeps_only_its_rows(cohort_instance, narrowed, kept):
    table = status(instance=cohort_instance, as_of=cohort.AS_OF, **narrowed)
    expected = {key: value for key, value in EXPECTED.items() if key[0] in kept and narrowed.get("module", key[1]) == key[1]}
    assert keyed(table) == expected
    assert list(table.index) == list(range(len(expected))) and "index" not in table, "numbered from 0 again, the old numbers dropped"


@pytest.mark.parametrize(("shown", "expected"), [
    ("passed-late", {("R1", "01-sales-process")}),
    ("passed", {key for key, value in EXPECTED.items() if value[0] == "passed"}),
    ("overdue", {("R1", "03-suitability"), ("T2", "01-sales-process"), ("W2", "01-sales-process")}),
    ("failed", {("T1", "01-sales-process"), ("W2", "03-suitability")}),
    ("expired", set()),
])
def test_with_status_keeps_that_status_and_passed_late_only_the_late_passes(cohort_instance, shown, expected):
    table = status(instance=cohort_instance, as_of=cohort.AS_OF, with_status=shown)
    assert set(zip(table.employee_id, table.module_id)) == expected


def test_without_a_date_the_course_today_is_used_and_the_first_passes_have_lapsed(cohort_instance):
    """A pass lasts 12 months: B1's pass of 2025-01-20 had lapsed long before today (2026 or later)."""
    table = status(instance=cohort_instance).set_index(["employee_id", "module_id"])
    assert dt.date.today().year >= 2026
    assert table.loc[("B1", "01-sales-process"), "status"] == "expired"
    assert table.loc[("T2", "01-sales-process"), "status"] == "overdue"


@pytest.mark.parametrize(("narrowed", "message"), [
    ({"branch": "广州天河支行"}, f"no branch '广州天河支行' among enrolled employees; branches: {PUDONG}, {XICHENG}"),
    ({"employee": "Z9"}, "no enrolled employee 'Z9'; employees: B1, B2, R1, T1, T2, W2"),
    ({"with_status": "late"}, "unknown status 'late'; the statuses are: assigned, submitted, needs-manual-grading, passed, failed, "
                              "overdue, expired, passed-late"),
    ({"module": "99-nothing"}, "unknown module '99-nothing'; the curriculum has: 01-sales-process, 02-communication, "),
    ({"role": "janitor"}, "unknown role 'janitor'; the curriculum has: relationship_manager, wealth_advisor, teller, "),
])
def test_a_filter_that_matches_nothing_is_one_line_naming_what_would(cohort_instance, narrowed, message):
    with pytest.raises(AcademyError) as raised:
        status(instance=cohort_instance, as_of=cohort.AS_OF, **narrowed)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_a_module_nobody_is_enrolled_in_is_named_with_the_modules_that_have_someone(cohort_instance):
    with pytest.raises(AcademyError, match="^nobody is enrolled in module '02-communication'; modules with enrolled "
                                           "employees: 01-sales-process, 03-suitability$"):
        status(instance=cohort_instance, as_of=cohort.AS_OF, module="02-communication")
