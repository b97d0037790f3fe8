"""HR tables at their edges: boundaries of days, ordering, rounding, narrowing and headings, each worked out by hand.

The status tables are built here, row by row, as `compute_status` gives them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from hrframes import status_row as row
from hrframes import status_table as table
from salesacademy import hr
from salesacademy.config import ReviewSection
from salesacademy.curriculum import Curriculum
from salesacademy.errors import AcademyError

AS_OF = dt.date(2025, 3, 1)
CURRICULUM = Curriculum.model_validate({
    "roles": {"teller": {"zh": "柜员", "en": "Teller"}, "rm": {"zh": "客户经理", "en": "Relationship manager"}},
    "tracks": {"frontline": {"title": {"zh": "一线岗位", "en": "Frontline"}, "roles": ["teller", "rm"], "code": False}},
    "competencies": {"c": {"zh": "能力", "en": "Skill"}},
    "modules": [{"id": m, "title": {"zh": f"模块{m}", "en": f"Module {m}"}, "notebooks": ["exercise"], "competencies": ["c"],
                 "points": 10, "required_for": ["teller", "rm"]} for m in ("01-m", "02-n")],
})


ROSTER = pd.DataFrame([("E1", "姓名E1", "零售", "M1"), ("E2", "姓名E2", "运营", "M1"), ("E3", "姓名E3", "零售", ""), ("M1", "老经理", "零售", "")],
                      columns=["employee_id", "name", "department", "manager_id"])


def test_summary_keeps_its_columns_and_rounds_the_mean_to_one_place():
    status = table(row("E1", "01-m", "failed", percent=1 / 3, submitted="2025-01-20"), row("E2", "01-m", "passed", percent=0.75, submitted="2025-01-20"))
    got = hr.summary(status=status)
    assert list(got.columns) == ["branch", "module_id", "enrolled", "completed", "completion_pct", "mean_score_pct", "failed", "overdue",
                                 "awaiting_grading"]
    assert got.mean_score_pct.tolist() == [54.2]  # (33.33... + 75) / 2 = 54.1666...


def test_the_matrix_of_nobody_has_the_employee_columns_only():
    assert list(hr.matrix(status=table()).columns) == ["employee_id", "name", "branch", "role"]


def test_an_employee_missing_from_the_roster_is_still_listed_without_a_manager():
    status = table(row("E1", "01-m", "overdue"), row("X9", "01-m", "overdue"))
    got = hr.overdue_list(status=status, employees=ROSTER, as_of=AS_OF)
    assert got.employee_id.tolist() == ["E1", "X9"]
    assert got.manager_name.tolist() == ["老经理", ""] and got.manager_id.tolist() == ["M1", ""] and got.department.isna().tolist() == [False, True]


def test_overdue_longest_first_then_by_employee_and_module_numbered_from_zero():
    status = table(row("E3", "02-n", "overdue", due="2025-02-10"), row("E2", "02-n", "overdue", due="2025-02-01"),
                   row("E1", "02-n", "passed", percent=1.0, submitted="2025-01-20"), row("E2", "01-m", "overdue", due="2025-02-01"),
                   row("E1", "01-m", "overdue", due="2025-02-01"))
    got = hr.overdue_list(status=status, employees=ROSTER, as_of=AS_OF)
    assert list(zip(got.employee_id, got.module_id, got.days_overdue)) == [("E1", "01-m", 28), ("E2", "01-m", 28), ("E2", "02-n", 28),
                                                                           ("E3", "02-n", 19)]
    assert list(got.index) == [0, 1, 2, 3]


def test_failed_lowest_first_to_one_place_to_the_minute_numbered_from_zero():
    status = table(row("E2", "02-n", "failed", percent=0.5, submitted="2025-01-30 10:15:42"), row("E1", "01-m", "passed", percent=0.9, submitted="2025-01-20"),
                   row("E3", "01-m", "failed", percent=1 / 3, submitted="2025-01-29 08:00:59"), row("E2", "01-m", "failed", percent=0.5, submitted="2025-01-28"))
    got = hr.failed_list(status=status, employees=ROSTER)
    assert list(zip(got.employee_id, got.module_id, got.percent)) == [("E3", "01-m", 33.3), ("E2", "01-m", 50.0), ("E2", "02-n", 50.0)]
    assert got.submitted_at.tolist() == [pd.Timestamp("2025-01-29 08:00"), pd.Timestamp("2025-01-28"), pd.Timestamp("2025-01-30 10:15")]
    assert list(got.index) == [0, 1, 2]


def test_expiring_counts_from_after_the_days_start_to_the_end_of_the_last_day():
    """As of 2025-03-01 over 30 days: lapsing later on 03-01 up to the end of 03-31; not at 03-01 00:00, nor at 04-01 00:00."""
    status = table(row("E1", "01-m", "passed", percent=1.0, submitted="2024-03-01", expires="2025-03-01 00:00"),
                   row("E1", "02-n", "passed", percent=1.0, submitted="2024-04-01", expires="2025-04-01 00:00"),
                   row("E2", "02-n", "passed", percent=1.0, submitted="2024-03-31 23:59", expires="2025-03-31 23:59"),
                   row("E2", "01-m", "passed", percent=1.0, submitted="2024-03-01 00:01", expires="2025-03-01 00:01"),
                   row("E3", "01-m", "passed", percent=1.0, submitted="2024-03-31", expires="2025-03-31 00:00"))
    got = hr.expiring(status=status, as_of=AS_OF, days=30)
    assert list(zip(got.employee_id, got.module_id, got.days_left)) == [("E2", "01-m", 0), ("E2", "02-n", 30), ("E3", "01-m", 30)]
    assert list(got.index) == [0, 1, 2]


def test_the_title_goes_right_after_the_module_and_an_unknown_module_has_none():
    frame = pd.DataFrame({"branch": ["浦东", "浦东"], "module_id": ["01-m", "99-gone"], "enrolled": [1, 2]})
    got = hr.titled(frame=frame, titles={"01-m": "模块01-m"})
    assert list(got.columns) == ["branch", "module_id", "title", "enrolled"] and got.title.tolist() == ["模块01-m", ""]


def test_presented_puts_the_title_first_the_role_id_after_the_role_and_times_to_the_minute():
    frame = pd.DataFrame({"employee_id": ["E1", "E2"], "role": ["teller", "rm"], "module_id": ["01-m", "02-n"], "title": ["甲", "乙"],
                          "submitted_at": [pd.Timestamp("2025-01-30 10:15:42"), pd.NaT]})
    got = hr.presented(name="Failed", frame=frame, curriculum=CURRICULUM, language="zh-CN")
    assert len(got.columns) == 6
    assert got.iloc[:, 1].tolist() == ["柜员", "客户经理"] and got.iloc[:, 2].tolist() == ["teller", "rm"], "the role, then its id"
    assert got.iloc[:, 3].tolist() == ["甲", "乙"] and got.iloc[:, 4].tolist() == ["01-m", "02-n"], "the title, then the module id"
    assert got.iloc[:, 5].tolist() == ["2025-01-30 10:15", ""]


def test_a_matrix_column_of_a_module_no_longer_in_the_curriculum_keeps_its_id():
    frame = pd.DataFrame({"employee_id": ["E1"], "name": ["甲"], "branch": ["浦东"], "role": ["rm"], "01-m": ["passed"], "99-gone": ["failed"]})
    got = hr.presented(name="Matrix", frame=frame, curriculum=CURRICULUM, language="zh-CN")
    assert list(got.columns)[-2:] == ["模块01-m", "99-gone"]
    assert got.iloc[0, -2:].tolist() == ["已通过", "未通过"]


def test_narrowing_by_role_keeps_its_rows_and_numbers_them_from_zero():
    status = table(row("E1", "01-m", "overdue", role="rm"), row("E2", "01-m", "overdue", role="teller"), row("E3", "01-m", "overdue", role="teller"))
    got = hr._narrow(status, branch=None, role="teller")
    assert got.employee_id.tolist() == ["E2", "E3"] and list(got.index) == [0, 1] and list(got.columns) == list(status.columns)


def test_the_weekly_count_takes_each_day_whole():
    """As of the Saturday 2025-03-01, one week: a row counts when assigned by that day, due before it and not in by its end."""
    rows = [
        row("A", "01-m", "overdue", assigned="2025-03-01", due="2025-02-01"),  # assigned that day: counts
        row("B", "01-m", "assigned", due="2025-03-01"),  # due that day: not yet overdue
        row("C", "01-m", "passed", percent=1.0, due="2025-02-01", submitted="2025-03-02 00:00"),  # in at the next midnight: still out
        row("D", "01-m", "passed", percent=1.0, due="2025-02-01", submitted="2025-03-02 12:00"),  # in the next day: still out
        row("E", "01-m", "passed", percent=1.0, due="2025-02-01", submitted="2025-03-01 23:59"),  # in by the end of the day: not overdue
    ]
    assert hr.overdue_by_week(status=table(*rows), as_of=AS_OF, weeks=1).overdue.tolist() == [3]


def inputs_of(*employees) -> hr.Inputs:
    """Employees (id, branch, role), each enrolled in 01-m on 2025-01-01, due 2025-01-31, nothing submitted."""
    return hr.Inputs(
        employees=pd.DataFrame([{"employee_id": e, "name": e, "branch": b, "role": r, "active": True, "department": "", "manager_id": ""}
                                for e, b, r in employees],
                               columns=["employee_id", "name", "branch", "role", "active", "department", "manager_id"]),
        enrollments=pd.DataFrame([{"employee_id": e, "module_id": "01-m", "assigned_on": pd.Timestamp("2025-01-01"),
                                   "due_on": pd.Timestamp("2025-01-31")} for e, _, _ in employees],
                                 columns=["employee_id", "module_id", "assigned_on", "due_on"]).astype({"assigned_on": "datetime64[ns]",
                                                                                                         "due_on": "datetime64[ns]"}),
        submissions=pd.DataFrame(columns=["employee_id", "module_id", "submitted_at"]).astype({"submitted_at": "datetime64[ns]"}),
        grades=pd.DataFrame(columns=["employee_id", "module_id", "item", "max_score", "score", "needs_manual_grade", "submitted_at"]),
        curriculum=CURRICULUM, language="zh-CN", review=ReviewSection())


def test_the_trend_of_one_role_counts_that_role_over_the_weeks_asked():
    inputs = inputs_of(("E1", "B", "teller"), ("E2", "B", "rm"), ("E3", "B", "rm"))
    trend = hr.overdue_trend(inputs=inputs, as_of=AS_OF, role="rm", weeks=2)
    assert trend.as_of.tolist() == [dt.date(2025, 2, 22), AS_OF] and trend.overdue.tolist() == [2, 2]


def test_a_report_for_one_role_holds_that_roles_rows_only():
    inputs = inputs_of(("E1", "B", "teller"), ("E2", "B", "rm"), ("E3", "C", "rm"))
    report = hr.build_report(inputs=inputs, as_of=AS_OF, role="rm")
    assert report.tables["Overdue"].employee_id.tolist() == ["E2", "E3"]
    assert report.trend.overdue.tolist()[-1] == 2


def test_a_report_of_a_branch_when_nobody_is_enrolled_says_none():
    with pytest.raises(AcademyError, match="^no enrolled employee matches branch 'B'; branches: none$"):
        hr.build_report(inputs=inputs_of(), as_of=AS_OF, branch="B")


def test_the_report_charts_each_final_score_in_percent_as_of_its_date():
    inputs = inputs_of(("E1", "B", "teller"), ("E2", "B", "rm"))
    sent = pd.Timestamp("2025-01-20 10:00")
    inputs = dataclasses.replace(
        inputs,
        submissions=pd.DataFrame([{"employee_id": "E1", "module_id": "01-m", "submitted_at": sent}]),
        grades=pd.DataFrame([{"employee_id": "E1", "module_id": "01-m", "item": item, "max_score": 5.0, "score": score,
                              "needs_manual_grade": False, "submitted_at": sent} for item, score in (("q1", 5.0), ("q2", 3.0))]))
    report = hr.build_report(inputs=inputs, as_of=AS_OF)
    assert report.as_of == AS_OF
    assert report.scores.to_dict("records") == [{"module_id": "01-m", "title": "模块01-m", "score_pct": 80.0}]
