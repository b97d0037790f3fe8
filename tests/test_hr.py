"""HR reports: the tables from status tables built here, the files from a small real gradebook.

Every expected figure is worked out by hand from the rows in this file or in
tests/cohort.py; none is copied from the output it checks.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import stat

import cohort
import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from conftest import course_today, gradebook_url
from hrframes import CURRICULUM, status_row
from hrframes import status_table as table
from hypothesis import strategies as st

from salesacademy import hr
from salesacademy.config import ReviewSection, load_config
from salesacademy.curriculum import Curriculum
from salesacademy.errors import AcademyError
from salesacademy.review import (
    FEED_SCHEMA,
    formula,
    period_end,
    review_feed,
    review_feed_files,
)
from salesacademy.status import compute_status

AS_OF = dt.date(2025, 3, 1)
DEFAULT_REVIEW = ReviewSection()  # 0.5 on time, 0.5 score, no extra penalty per overdue module


# As of 2025-03-01. E3's first module waits for a trainer: its 40% is only the automatic part.
STATUS = table(
    status_row("E1", "01-m", "passed", percent=1.0, submitted="2025-01-20 09:00", on_time=True, expires="2026-01-20 09:00"),
    status_row("E1", "02-n", "passed", percent=0.9, submitted="2025-01-25 09:00", on_time=True, expires="2026-01-25 09:00"),
    status_row("E2", "01-m", "overdue", role="teller"),
    status_row("E2", "02-n", "failed", percent=0.3, submitted="2025-01-30", due="2025-02-10", role="teller"),
    status_row("E3", "01-m", "needs-manual-grading", percent=0.4, submitted="2025-01-28", branch="西城"),
    status_row("E3", "02-n", "expired", percent=0.8, submitted="2024-01-10", on_time=True, expires="2025-01-10", branch="西城"),
    status_row("E4", "01-m", "assigned", due="2025-03-20", branch="西城", role="teller"),
)
EMPLOYEES = pd.DataFrame(
    [("E1", "姓名E1", "零售", "M1", True), ("E2", "姓名E2", "运营", "M1", True), ("E3", "姓名E3", "零售", None, True),
     ("E4", "姓名E4", "运营", "", True), ("M1", "老经理", "零售", "", False)],
    columns=["employee_id", "name", "department", "manager_id", "active"],
)


def test_summary_by_branch_and_module():
    got = hr.summary(status=STATUS).set_index(["branch", "module_id"])
    assert list(got.index) == [("浦东", "01-m"), ("浦东", "02-n"), ("西城", "01-m"), ("西城", "02-n")]
    assert list(got.enrolled) == [2, 2, 2, 1]
    assert list(got.completed) == [1, 1, 0, 0]  # an expired pass is not a completion
    assert list(got.completion_pct) == [50.0, 50.0, 0.0, 0.0]
    assert list(got.failed) == [0, 1, 0, 0]
    assert list(got.overdue) == [1, 0, 0, 0]
    assert list(got.awaiting_grading) == [0, 0, 1, 0]
    # 浦东 02-n: (90 + 30) / 2; 西城 01-m has only a half-graded submission, so no mean at all.
    assert got.mean_score_pct.iloc[:2].tolist() == [100.0, 60.0]
    assert np.isnan(got.mean_score_pct.iloc[2]) and got.mean_score_pct.iloc[3] == 80.0


def test_matrix_has_one_row_per_employee_and_not_required_where_not_enrolled():
    late_pass = status_row("E5", "01-m", "passed", percent=0.9, submitted="2025-02-05", on_time=False, expires="2026-02-05")
    got = hr.matrix(status=pd.concat([STATUS, table(late_pass)], ignore_index=True))
    assert list(got.columns) == ["employee_id", "name", "branch", "role", "01-m", "02-n"]
    assert got.set_index("employee_id")[["01-m", "02-n"]].to_dict("index") == {
        "E1": {"01-m": "passed", "02-n": "passed"},
        "E2": {"01-m": "overdue", "02-n": "failed"},
        "E3": {"01-m": "needs-manual-grading", "02-n": "expired"},
        "E4": {"01-m": "assigned", "02-n": "not-required"},
        "E5": {"01-m": "passed-late", "02-n": "not-required"},
    }


def test_overdue_list_counts_days_and_names_the_manager_even_one_who_left():
    got = hr.overdue_list(status=STATUS, employees=EMPLOYEES, as_of=AS_OF)
    assert got[["employee_id", "module_id", "days_overdue"]].values.tolist() == [["E2", "01-m", 28]]
    assert got.due_on.tolist() == [dt.date(2025, 2, 1)]
    assert set(got.manager_id) == {"M1"} and set(got.manager_name) == {"老经理"} and set(got.department) == {"运营"}


def test_failed_list_has_the_score_the_due_date_and_the_manager():
    got = hr.failed_list(status=STATUS, employees=EMPLOYEES)
    assert got[["employee_id", "module_id", "percent", "manager_name"]].values.tolist() == [["E2", "02-n", 30.0, "老经理"]]
    assert got.due_on.tolist() == [dt.date(2025, 2, 10)]


def test_overdue_list_of_an_employee_without_manager_has_blank_manager():
    late = table(status_row("E3", "01-m", "overdue", branch="西城"))
    got = hr.overdue_list(status=late, employees=EMPLOYEES, as_of=AS_OF)
    assert got.manager_id.tolist() == [""] and got.manager_name.tolist() == [""]


@pytest.mark.parametrize(
    ("as_of", "days", "expected"),
    [
        ("2025-12-21", 30, [("01-m", 30)]),  # lapses at 09:00 on the 30th day: inside the window
        ("2025-12-21", 29, []),
        ("2025-12-21", 60, [("01-m", 30), ("02-n", 35)]),
        ("2026-01-20", 30, [("01-m", 0), ("02-n", 5)]),  # still valid until 09:00 that day
        ("2025-03-01", 60, []),
    ],
)
def test_expiring_window_is_after_as_of_and_up_to_the_last_day(as_of, days, expected):
    as_of = dt.date.fromisoformat(as_of)
    got = hr.expiring(status=STATUS[STATUS.employee_id == "E1"], as_of=as_of, days=days)
    assert list(zip(got.module_id, got.days_left)) == expected
    assert all(got.expires_on <= as_of + dt.timedelta(days=days))


def test_expiring_leaves_out_lapsed_passes():
    assert hr.expiring(status=STATUS, as_of=dt.date(2025, 1, 1), days=60).employee_id.tolist() == []  # E3's lapsed 2025-01-10 but is expired


def test_review_feed_on_the_hand_built_table():
    feed = review_feed(status=STATUS, review=DEFAULT_REVIEW, period="2025-Q1").set_index("employee_id")
    assert list(feed.columns) == list(FEED_SCHEMA)[1:] and set(feed.period) == {"2025-Q1"}
    assert feed.modules_required.to_dict() == {"E1": 2, "E2": 2, "E3": 2, "E4": 1}
    # E3's module awaiting a trainer and E4's module not yet due are not counted.
    assert feed.modules_counted.to_dict() == {"E1": 2, "E2": 2, "E3": 1, "E4": 0}
    assert feed.completed.to_dict() == {"E1": 2, "E2": 0, "E3": 0, "E4": 0}
    assert feed.completed_on_time.to_dict() == {"E1": 2, "E2": 0, "E3": 0, "E4": 0}  # E3's lapsed pass was on time, but lapsed
    assert feed.failed.to_dict() == {"E1": 0, "E2": 1, "E3": 0, "E4": 0}
    assert feed.overdue.to_dict() == {"E1": 0, "E2": 1, "E3": 0, "E4": 0}
    assert feed.awaiting_grading.to_dict() == {"E1": 0, "E2": 0, "E3": 1, "E4": 0}
    assert feed.mean_score["E1"] == 95.0 and feed.mean_score["E2"] == 30.0 and feed.mean_score["E3"] == 80.0 and np.isnan(feed.mean_score["E4"])
    # E1: 0.5*100 + 0.5*95; E2: 0 + 0.5*(0 + 30)/2; E3: 0 + 0.5*80 (the 40% awaiting a trainer is left out); E4: nothing counted yet
    scores = feed.training_score.to_dict()
    assert {k: v for k, v in scores.items() if k != "E4"} == {"E1": 97.5, "E2": 7.5, "E3": 40.0} and np.isnan(scores["E4"])
    assert feed.certification_status.to_dict() == {"E1": "certified", "E2": "incomplete", "E3": "lapsed", "E4": "incomplete"}
    assert feed.certified_until.to_dict() == {"E1": dt.date(2026, 1, 20), "E2": None, "E3": None, "E4": None}


@pytest.mark.parametrize(
    ("rows", "review", "expected"),
    [
        # both on time, 100% and 80%: 0.5*100 + 0.5*90
        ([("passed", 1.0, True), ("passed", 0.8, True)], DEFAULT_REVIEW, 95.0),
        # one of two on time, the other passed late: 0.5*50 + 0.5*90
        ([("passed", 1.0, True), ("passed", 0.8, False)], DEFAULT_REVIEW, 70.0),
        # one on time, one overdue and never sent, which scores 0: 0.5*50 + 0.5*50
        ([("passed", 1.0, True), ("overdue", None, False)], DEFAULT_REVIEW, 50.0),
        # nothing sent, two overdue
        ([("overdue", None, False), ("overdue", None, False)], DEFAULT_REVIEW, 0.0),
        # one on time, one failed on time at 40%: 0.5*50 + 0.5*70
        ([("passed", 1.0, True), ("failed", 0.4, True)], DEFAULT_REVIEW, 60.0),
        # a module not yet due is not counted: 0.5*100 + 0.5*100
        ([("passed", 1.0, True), ("assigned", None, False)], DEFAULT_REVIEW, 100.0),
        # full weights: 100 + 95 clipped to 100
        ([("passed", 1.0, True), ("passed", 0.9, True)], ReviewSection(on_time_weight=1, score_weight=1), 100.0),
        # a penalty on top: 0.5*50 + 0.5*50 - 25
        ([("passed", 1.0, True), ("overdue", None, False)], ReviewSection(overdue_penalty=25), 25.0),
        # other weights: 0.2*50 + 0.8*50
        ([("passed", 1.0, True), ("overdue", None, False)], ReviewSection(on_time_weight=0.2, score_weight=0.8), 10 + 40),
    ],
)
def test_training_score_worked_examples(rows, review, expected):
    status = table(*(status_row("E1", f"0{i}-m", s, percent=p, submitted="2025-01-20" if p is not None else None, on_time=on_time,
                                expires="2026-01-20" if s == "passed" else None) for i, (s, p, on_time) in enumerate(rows, start=1)))
    feed = review_feed(status=status, review=review, period="2025")
    assert feed.training_score.tolist() == [pytest.approx(expected)]


def test_an_employee_with_nothing_counted_yet_has_no_training_score():
    status = table(status_row("E1", "01-m", "assigned", due="2025-03-20"), status_row("E1", "02-n", "submitted", submitted="2025-02-20"))
    feed = review_feed(status=status, review=DEFAULT_REVIEW, period="2025")
    assert np.isnan(feed.training_score.iloc[0]) and feed.modules_counted.iloc[0] == 0


AWAITING_ROWS = st.lists(st.tuples(st.sampled_from(["submitted", "needs-manual-grading"]), st.floats(0, 1)), min_size=1, max_size=3)
SETTLED_ROWS = st.lists(st.tuples(st.sampled_from(["passed", "failed", "overdue", "expired", "assigned"]), st.floats(0, 1), st.booleans()),
                        min_size=0, max_size=4)


@given(settled=SETTLED_ROWS, awaiting=AWAITING_ROWS, review=st.builds(ReviewSection, on_time_weight=st.floats(0, 1),
                                                                        score_weight=st.floats(0, 1), overdue_penalty=st.floats(0, 100)))
@settings(max_examples=200, deadline=None)
def test_a_module_awaiting_grading_never_changes_the_training_score(settled, awaiting, review):
    """Whatever the provisional score of a module waiting for the grader or a trainer, the employee's score is as without it."""
    rows = [status_row("E1", f"s{i}", s, percent=None if s in ("overdue", "assigned") else p, on_time=on_time and s == "passed",
                       submitted=None if s in ("overdue", "assigned") else "2025-01-20") for i, (s, p, on_time) in enumerate(settled)]
    waiting = [status_row("E1", f"a{i}", s, percent=p if s == "needs-manual-grading" else None, submitted="2025-01-20")
               for i, (s, p) in enumerate(awaiting)]
    without = review_feed(status=table(*rows, status_row("E1", "z", "assigned")), review=review, period="2025")
    with_waiting = review_feed(status=table(*rows, *waiting, status_row("E1", "z", "assigned")), review=review, period="2025")
    assert with_waiting.training_score.tolist() == pytest.approx(without.training_score.tolist(), nan_ok=True)
    assert with_waiting.awaiting_grading.iloc[0] == len(awaiting)


def test_formula_text_carries_the_weights():
    text = formula(review=ReviewSection(on_time_weight=0.3, score_weight=0.7, overdue_penalty=15))
    assert "0.3 *" in text and "0.7 *" in text and "- 15 *" in text and "clipped to 0..100" in text


@pytest.mark.parametrize(
    ("period", "end"),
    [("2025", "2025-12-31"), ("2025-H1", "2025-06-30"), ("2025-H2", "2025-12-31"), ("2025-Q1", "2025-03-31"),
     ("2025-Q3", "2025-09-30"), ("2025-06", "2025-06-30"), ("2024-02", "2024-02-29"), ("2025-02", "2025-02-28")],
)
def test_period_end(period, end):
    assert period_end(period=period) == dt.date.fromisoformat(end)


@pytest.mark.parametrize("period", ["", "25", "2025-13", "2025-00", "2025-Q5", "2025-Q0", "2025-H3", "2025-6", "2025/06",
                                    "2025-06-30", "FY2025", " 2025", "2025-q1", "0999"])
def test_bad_periods_are_rejected_in_one_line(period):
    with pytest.raises(AcademyError) as error:
        period_end(period=period)
    assert "\n" not in str(error.value) and repr(period) in str(error.value)


def test_redacted_replaces_every_name_and_leaves_the_input_alone():
    overdue = hr.overdue_list(status=STATUS, employees=EMPLOYEES, as_of=AS_OF)
    got = hr.redacted(frame=overdue)
    assert got.name.tolist() == got.employee_id.tolist() and got.manager_name.tolist() == got.manager_id.tolist()
    assert "老经理" not in got.to_csv() and "姓名" not in got.to_csv()
    assert overdue.manager_name.tolist() == ["老经理"]




def test_overdue_trend_counts_each_week_back_from_the_date():
    """Due 2025-01-31, never submitted: overdue from 2025-02-01 on."""
    inputs = hr.Inputs(
        employees=pd.DataFrame([{"employee_id": "E1", "name": "甲", "branch": "B", "role": "teller", "active": True}]),
        enrollments=pd.DataFrame([{"employee_id": "E1", "module_id": "01-m", "assigned_on": pd.Timestamp("2025-01-01"), "due_on": pd.Timestamp("2025-01-31")}]),
        submissions=pd.DataFrame(columns=["employee_id", "module_id", "submitted_at"]),
        grades=pd.DataFrame(columns=["employee_id", "module_id", "item", "max_score", "score", "needs_manual_grade", "submitted_at"]),
        curriculum=CURRICULUM, language="zh-CN", review=DEFAULT_REVIEW,
    )
    trend = hr.overdue_trend(inputs=inputs, as_of=AS_OF)
    assert trend.as_of.tolist()[0] == dt.date(2024, 12, 14) and trend.as_of.tolist()[-1] == AS_OF and len(trend) == 12
    assert trend.overdue.tolist() == [0] * 7 + [1] * 5  # 2025-02-01 is the eighth date
    assert hr.overdue_trend(inputs=inputs, as_of=AS_OF, branch="elsewhere").overdue.sum() == 0


def test_overdue_trend_from_one_status_table_is_what_status_said_each_week():
    """Rows due in different weeks, sent on time, sent late, never sent, assigned late, sent after the date, in two branches.

    By hand, for the twelve Saturdays from 2024-12-14 to 2025-03-01 (overdue on a day after the due day,
    until the day the submission was in): E1 01-m due 01-10, never sent: from 01-11 on, 8 dates;
    E1 02-n due 01-31, sent 02-10 14:00: 02-01 and 02-08; E2 01-m due 01-10, sent 01-09: never;
    E2 02-n assigned 02-01, due 02-20, sent 03-01 08:00: 02-22 only (on 03-01 it is in by the end of the day);
    E3 01-m due 12-31, sent 03-05, after the date: from 01-04 on, 9 dates; E4 (inactive): never counted.
    """
    employees = pd.DataFrame([{"employee_id": e, "name": e, "branch": branch, "role": "teller", "active": active}
                              for e, branch, active in (("E1", "B", True), ("E2", "B", True), ("E3", "C", True), ("E4", "B", False))])
    enrolled = [("E1", "01-m", "2024-12-01", "2025-01-10"), ("E1", "02-n", "2025-01-01", "2025-01-31"), ("E2", "01-m", "2024-12-01", "2025-01-10"),
                ("E2", "02-n", "2025-02-01", "2025-02-20"), ("E3", "01-m", "2024-12-01", "2024-12-31"), ("E4", "01-m", "2024-12-01", "2025-01-10")]
    enrollments = pd.DataFrame([{"employee_id": e, "module_id": m, "assigned_on": pd.Timestamp(a), "due_on": pd.Timestamp(d)} for e, m, a, d in enrolled])
    sent = [("E1", "02-n", "2025-02-10 14:00"), ("E2", "01-m", "2025-01-09 10:00"), ("E2", "02-n", "2025-03-01 08:00"), ("E3", "01-m", "2025-03-05 10:00")]
    submissions = pd.DataFrame([{"employee_id": e, "module_id": m, "submitted_at": pd.Timestamp(t)} for e, m, t in sent])
    grades = pd.DataFrame([{"employee_id": e, "module_id": m, "score": 8.0, "max_score": 10.0, "needs_manual_grade": False,
                            "submitted_at": pd.Timestamp(t)} for e, m, t in sent])
    curriculum = Curriculum.model_validate({
        "roles": {"teller": {"zh": "柜员", "en": "Teller"}},
        "tracks": {"frontline": {"title": {"zh": "一线岗位", "en": "Frontline"}, "roles": ["teller"], "code": False}},
        "competencies": {"c": {"zh": "能力", "en": "Skill"}},
        "modules": [{"id": m, "title": {"zh": m, "en": m}, "notebooks": ["exercise"], "competencies": ["c"], "points": 10,
                     "required_for": ["teller"]} for m in ("01-m", "02-n")],
    })
    inputs = hr.Inputs(employees=employees, enrollments=enrollments, submissions=submissions, grades=grades, curriculum=curriculum,
                       language="zh-CN", review=DEFAULT_REVIEW)
    trend = hr.overdue_trend(inputs=inputs, as_of=AS_OF)
    by_hand = {"E1 01-m": [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], "E1 02-n": [0] * 7 + [1, 1, 0, 0, 0],
               "E2 02-n": [0] * 10 + [1, 0], "E3 01-m": [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]}
    assert trend.overdue.tolist() == [sum(week) for week in zip(*by_hand.values())]
    # The same as computing every week's status, as the report once did.
    each_week = [int((inputs.status(day).status == "overdue").sum()) for day in trend.as_of]
    assert trend.overdue.tolist() == each_week
    assert hr.overdue_trend(inputs=inputs, as_of=AS_OF, branch="C").overdue.tolist() == by_hand["E3 01-m"]
    assert hr.overdue_by_week(status=inputs.status(AS_OF), as_of=AS_OF, weeks=3).overdue.tolist() == [2, 3, 2]


# Files, from a real gradebook ------------------------------------------------------------


@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("hr") / "course")


@pytest.fixture(scope="module")
def report_files(cohort_instance):
    return {path.name: path for path in hr.completion(instance=cohort_instance, as_of=cohort.AS_OF)}


def hr_folder(instance):
    return instance / "reports" / "hr"


STEM = f"completion-{cohort.AS_OF}"
SHEETS = ["汇总", "员工完成矩阵", "逾期未提交名单", "未通过名单", "30天内到期的认证", "60天内到期的认证"]
PARTS = ("summary", "matrix", "overdue", "failed", "expiring-30d", "expiring-60d")
# What an HR reader must never meet in a Chinese report: the gradebook's own words.
RAW_STATUSES = {"assigned", "submitted", "needs-manual-grading", "passed", "passed-late", "failed", "overdue", "expired", "not-required",
                "Passed", "Failed", "Overdue", "Not required"}
RAW_HEADINGS = {*hr.SUMMARY_COLUMNS, *hr.OVERDUE_COLUMNS, *hr.FAILED_COLUMNS, *hr.EXPIRING_COLUMNS, "title"}


def sheet_frame(workbook, name) -> pd.DataFrame:
    rows = list(workbook[name].values)
    return pd.DataFrame(rows[1:], columns=rows[0])


def cjk(text) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


def test_submission_totals_from_the_database_equal_the_graded_cells_added_up(own_cohort):
    """A trainer's score over the automatic one, extra credit, a cell awaiting a trainer, cells with no score, a submission with none."""
    from nbgrader.api import Gradebook

    from salesacademy import gradebook_reads
    from salesacademy.status import submission_scores

    root, url = own_cohort, gradebook_url(own_cohort)
    with Gradebook(url, "sales-academy") as gb:
        def grade(item, module_id, employee_id):
            return gb.find_grade(item, "exercise", module_id, employee_id)

        grade("q2", "01-sales-process", "B1").manual_score = 3  # over the automatic 5
        grade("q1", "03-suitability", "B1").extra_credit = 1
        r1 = grade("q2", "01-sales-process", "R1")
        r1.auto_score, r1.needs_manual_grade = None, True
        for item in ("q1", "q2"):
            grade(item, "01-sales-process", "T1").auto_score = None
        gb.db.commit()
        w2 = gb.find_submission_notebook("exercise", "03-suitability", "W2")
        for cell in list(w2.grades):
            gb.db.delete(cell)
        gb.db.commit()
    sent, totals = gradebook_reads.submission_totals(url, "UTC")
    got = {(e, m): (score, top, manual) for e, m, score, top, manual in
           zip(totals.employee_id, totals.module_id, totals.score, totals.max_score, totals.needs_manual_grade)}
    # By hand from tests/cohort.py and the changes above; W2's submission has no graded cell left.
    assert got == {("B1", "01-sales-process"): (8.0, 10.0, False), ("B1", "03-suitability"): (10.0, 10.0, False),
                   ("R1", "01-sales-process"): (5.0, 10.0, True), ("T1", "01-sales-process"): (0.0, 10.0, False),
                   ("B2", "01-sales-process"): (8.0, 10.0, False), ("B2", "03-suitability"): (10.0, 10.0, False)}
    assert set(zip(sent.employee_id, sent.module_id)) == set(cohort.SUBMISSIONS)
    # What the cells give, added up in pandas: the same, and so is every status.
    cells = gradebook_reads.grade_rows(url, "UTC")
    summed = submission_scores(cells).set_index(["employee_id", "module_id"]).sort_index()
    assert summed.to_dict("index") == totals.astype({"employee_id": str, "module_id": str}).set_index(["employee_id", "module_id"]).sort_index()[
        ["score", "max_score", "needs_manual_grade"]].to_dict("index")
    inputs, timezone = hr.read_inputs(instance=root), load_config(root)[0].course.timezone
    from_cells = compute_status(employees=inputs.employees, enrollments=inputs.enrollments, submissions=gradebook_reads.submissions(url, timezone),
                                grades=gradebook_reads.grade_rows(url, timezone), curriculum=inputs.curriculum, as_of=cohort.AS_OF)
    from_totals = inputs.status(cohort.AS_OF)
    pd.testing.assert_frame_equal(from_totals.astype({"employee_id": str, "module_id": str}), from_cells.astype({"employee_id": str, "module_id": str}))
    assert from_totals.set_index("employee_id").loc["W2"].set_index("module_id").status["03-suitability"] == "submitted"


def test_completion_writes_every_file_into_reports_hr(cohort_instance, report_files):
    expected = {f"{STEM}.xlsx", f"{STEM}-dashboard.html", *(f"{STEM}-{part}.csv" for part in PARTS)}
    assert set(report_files) == expected
    assert all(path.parent == hr_folder(cohort_instance) for path in report_files.values())
    assert not [p.name for p in hr_folder(cohort_instance).iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_files_with_a_row_per_employee_are_private(report_files):
    shared = {f"{STEM}-summary.csv"}
    for name, path in report_files.items():
        assert stat.S_IMODE(path.stat().st_mode) == (0o644 if name in shared else 0o600), name


def test_workbook_sheets_and_totals(report_files):
    workbook = openpyxl.load_workbook(report_files[f"{STEM}.xlsx"])
    assert workbook.sheetnames == SHEETS
    sheet = sheet_frame(workbook, "汇总")
    # By hand from tests/cohort.py: 10 enrollments, 5 passes, 2 failed on time, 3 never sent.
    assert (sheet["应修人数"].sum(), sheet["已完成"].sum(), sheet["未通过"].sum(), sheet["逾期未提交"].sum(), sheet["待评分"].sum()) == (10, 5, 2, 3, 0)
    by_branch = sheet.groupby("支行")[["应修人数", "已完成", "未通过", "逾期未提交"]].sum()
    assert by_branch.loc[cohort.PUDONG].tolist() == [5, 3, 1, 1] and by_branch.loc[cohort.XICHENG].tolist() == [5, 2, 1, 2]
    pudong_01 = sheet[(sheet["支行"] == cohort.PUDONG) & (sheet["模块代码"] == "01-sales-process")].iloc[0]
    assert (pudong_01["完成率（%）"], pudong_01["平均得分率（%）"], pudong_01["模块"]) == (66.7, 70.0, cohort.TITLES["01-sales-process"])
    assert workbook["员工完成矩阵"].max_row == 1 + len(cohort.NAMES)
    assert workbook["逾期未提交名单"].max_row == 1 + 3 and workbook["未通过名单"].max_row == 1 + 2


def test_workbook_header_is_bold_filtered_and_frozen_and_statuses_are_coloured(report_files):
    workbook = openpyxl.load_workbook(report_files[f"{STEM}.xlsx"])
    for sheet in workbook.worksheets:
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert sheet.freeze_panes in ("A2", "C2"), sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
    # A colour per status, by conditional formats over every module column of the matrix, every row. Excel
    # colours a cell by the first rule it meets: each status word must meet its own first, a colour of its own.
    matrix = workbook["员工完成矩阵"]
    words = ("未开始", "已提交，待评分", "待培训师评分", "已通过", "已通过（逾期提交）", "未通过", "逾期未提交", "认证已过期", "无需修读")
    modules = [cell.column_letter for cell in matrix[1] if cell.value in cohort.TITLES.values()]
    assert len(modules) == len(cohort.MODULES)
    by_range = {str(ranges.sqref): sorted(ranges.rules, key=lambda rule: rule.priority) for ranges in matrix.conditional_formatting}
    assert set(by_range) == {f"{column}2:{column}{matrix.max_row}" for column in modules}
    for rules in by_range.values():
        first = {word: next(rule for rule in rules if rule.operator == "beginsWith" and word.startswith(rule.text)) for word in words}
        assert all(first[word].text == word for word in words), {word: rule.text for word, rule in first.items()}
        assert len({first[word].dxf.fill.bgColor.rgb for word in words}) == len(words)


def test_workbook_speaks_the_course_language_with_raw_ids_in_their_own_columns(report_files):
    workbook = openpyxl.load_workbook(report_files[f"{STEM}.xlsx"])
    for sheet in workbook.worksheets:
        headings = [cell.value for cell in sheet[1]]
        assert all(cjk(heading) for heading in headings), (sheet.title, headings)
        assert not RAW_HEADINGS & set(headings)
        values = {cell.value for row in sheet.iter_rows(min_row=2) for cell in row}
        assert not RAW_STATUSES & values, (sheet.title, RAW_STATUSES & values)
    matrix = sheet_frame(workbook, "员工完成矩阵").set_index("员工编号")
    # By hand: tellers do not take 03; R1 passed 01 after its due day; T1 failed on time; W2 sent nothing for 01.
    suitability, process = cohort.TITLES["03-suitability"], cohort.TITLES["01-sales-process"]
    assert (matrix.loc["T1", suitability], matrix.loc["R1", process], matrix.loc["T1", process], matrix.loc["W2", process]) == (
        "无需修读", "已通过（逾期提交）", "未通过", "逾期未提交")
    assert (matrix.loc["R1", "岗位"], matrix.loc["R1", "岗位代码"]) == ("客户经理", "relationship_manager")
    assert set(sheet_frame(workbook, "汇总")["模块代码"]) == set(cohort.MODULES)


def test_workbook_totals_agree_with_the_summary_of_compute_status(cohort_instance, report_files):
    inputs = hr.read_inputs(instance=cohort_instance)
    status = compute_status(employees=inputs.employees, enrollments=inputs.enrollments, submissions=inputs.submissions,
                            grades=inputs.grades, curriculum=inputs.curriculum, as_of=cohort.AS_OF)
    counts = status.status.value_counts()
    sheet = sheet_frame(openpyxl.load_workbook(report_files[f"{STEM}.xlsx"]), "汇总")
    assert (sheet["应修人数"].sum(), sheet["已完成"].sum(), sheet["逾期未提交"].sum()) == (len(status), counts["passed"], counts["overdue"])


def test_csv_files_have_a_bom_and_hold_the_workbook_s_tables(report_files):
    workbook = openpyxl.load_workbook(report_files[f"{STEM}.xlsx"])
    for sheet, part in zip(SHEETS, PARTS):
        path = report_files[f"{STEM}-{part}.csv"]
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        written = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        expected = sheet_frame(workbook, sheet)
        assert list(written.columns) == list(expected.columns), sheet
        assert len(written) == len(expected), sheet
    overdue = pd.read_csv(report_files[f"{STEM}-overdue.csv"], encoding="utf-8-sig")
    assert set(overdue["上级姓名"]) == {cohort.NAMES["B1"], cohort.NAMES["B2"]} and set(overdue["逾期天数"]) == {28}


def test_dashboard_is_self_contained_with_charts_chinese_titles_and_no_item_statistics(report_files):
    page = report_files[f"{STEM}-dashboard.html"].read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "http://" not in page and "https://" not in page
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 3 and all(base64.b64decode(image).startswith(b"\x89PNG\r\n\x1a\n") for image in images)
    assert all(title in page for title in cohort.TITLES.values())
    assert cohort.NAMES["W2"] in page and "培训完成情况" in page  # the instance is in Chinese
    # Item statistics are for trainers (`academy items`), not HR.
    assert not [word for word in ("facility", "discrimination", "题目分析", "区分度", "难度") if word in page]
    headings = re.findall(r"<th>(.*?)</th>", page)
    assert headings and all(cjk(heading) for heading in headings), headings
    cells = set(re.findall(r"<td>(.*?)</td>", page))
    assert not RAW_STATUSES & cells
    # The headline counts what waits for a trainer, though nothing does here.
    assert re.search(r"待评分 0\b", page) and "未通过 2" in page and "逾期未提交 3" in page


def test_redacted_report_names_nobody(cohort_instance, tmp_path):
    written = hr.completion(instance=cohort_instance, as_of=cohort.AS_OF, redact=True, out=tmp_path, formats=("csv", "html"))
    text = "".join(path.read_text(encoding="utf-8-sig") for path in written)
    assert not [name for name in cohort.NAMES.values() if name in text]
    matrix = pd.read_csv(tmp_path / f"{STEM}-matrix.csv", encoding="utf-8-sig")
    assert matrix["姓名"].tolist() == matrix["员工编号"].tolist()


def test_branch_report_has_only_that_branch(cohort_instance, tmp_path):
    written = hr.completion(instance=cohort_instance, as_of=cohort.AS_OF, branch=cohort.XICHENG, out=tmp_path, formats=("csv",))
    assert all(cohort.XICHENG in path.name for path in written)
    summary = pd.read_csv(next(p for p in written if p.name.endswith("-summary.csv")), encoding="utf-8-sig")
    assert set(summary["支行"]) == {cohort.XICHENG} and summary["应修人数"].sum() == 5


def test_expiring_sheets_as_certifications_near_their_end(cohort_instance, tmp_path):
    """As of 2025-12-15, B2's passes lapse in 26 and 27 days, B1's in 36 and 41, R1's in 57."""
    hr.completion(instance=cohort_instance, as_of=dt.date(2025, 12, 15), out=tmp_path, formats=("csv",))
    soon = pd.read_csv(tmp_path / "completion-2025-12-15-expiring-30d.csv", encoding="utf-8-sig")
    later = pd.read_csv(tmp_path / "completion-2025-12-15-expiring-60d.csv", encoding="utf-8-sig")
    assert soon["剩余天数"].tolist() == [26, 27] and set(soon["员工编号"]) == {"B2"}
    assert later["剩余天数"].tolist() == [26, 27, 36, 41, 57]


XICHENG_AND_PUDONG = ", ".join(sorted([cohort.PUDONG, cohort.XICHENG]))


@pytest.mark.parametrize(("kwargs", "message"), [({"branch": "火星支行"}, f"branch '火星支行'; branches: {XICHENG_AND_PUDONG}"),
                                                 ({"role": "pilot"}, "role 'pilot'; roles: branch_manager, relationship_manager, teller, wealth_advisor"),
                                                 ({"formats": ("pdf",)}, "format 'pdf'")])
def test_completion_rejects_unknown_filters_and_formats(cohort_instance, tmp_path, kwargs, message):
    with pytest.raises(AcademyError, match=re.escape(message)):
        hr.completion(instance=cohort_instance, as_of=cohort.AS_OF, out=tmp_path, **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_review_feed_files(cohort_instance, tmp_path):
    csv_path, json_path = review_feed_files(instance=cohort_instance, period="2025-Q1", out=tmp_path)
    assert (csv_path.name, json_path.name) == ("review-feed-2025-Q1.csv", "review-feed-2025-Q1.json")
    assert csv_path.parent == json_path.parent == tmp_path, "written where asked"
    assert json_path.read_text(encoding="utf-8").startswith('{\n  "schema": {\n    "employee_id": '), "indented by two, to be read"
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in (csv_path, json_path))
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert set(document) == {"schema", "period", "as_of", "formula", "records"}
    assert list(document["schema"]) == list(FEED_SCHEMA) and all(document["schema"].values())
    assert (document["period"], document["as_of"]) == ("2025-Q1", "2025-03-31")
    assert "0.5 * (share of counted modules passed on time)" in document["formula"]
    records = {record["employee_id"]: record for record in document["records"]}
    assert all(list(record) == list(FEED_SCHEMA) for record in records.values())
    # By hand: B1 0.5*100 + 0.5*95; B2 50 + 0.5*90; R1 0 + 0.5*(80 + 0)/2; T1 0 + 0.5*30; T2 0; W2 0.5*(0 + 60)/2.
    assert {k: r["training_score"] for k, r in records.items()} == {"B1": 97.5, "B2": 95.0, "R1": 20.0, "T1": 15.0, "T2": 0.0, "W2": 15.0}
    assert records["T2"]["mean_score"] is None and records["W2"]["mean_score"] == 60.0
    assert records["B1"] == {"employee_id": "B1", "period": "2025-Q1", "modules_required": 2, "modules_counted": 2, "completed": 2,
                             "completed_on_time": 2, "failed": 0, "overdue": 0, "awaiting_grading": 0, "mean_score": 95.0,
                             "training_score": 97.5, "certification_status": "certified", "certified_until": "2026-01-20"}
    assert (records["W2"]["failed"], records["W2"]["overdue"]) == (1, 1)
    assert (records["R1"]["completed"], records["R1"]["completed_on_time"], records["R1"]["certified_until"]) == (1, 0, None)
    written = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert list(written.columns) == list(FEED_SCHEMA)
    assert written.set_index("employee_id").training_score.to_dict() == {k: r["training_score"] for k, r in records.items()}


def test_review_feed_files_reject_a_bad_period_before_writing(cohort_instance, tmp_path):
    with pytest.raises(AcademyError, match="2025-Q5"):
        review_feed_files(instance=cohort_instance, period="2025-Q5", out=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_period_not_over_yet_is_reported_as_of_today(cohort_instance, tmp_path):
    year = course_today(cohort_instance).year + 1
    _, json_path = review_feed_files(instance=cohort_instance, period=str(year), out=tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["as_of"] == course_today(cohort_instance).isoformat()


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old", encoding="utf-8")

    def fail(path):
        path.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError):
        hr.write_atomic(path=target, write=fail, private=True)
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["report.csv"]


# The whole cycle -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_instance(tmp_path_factory):
    from salesacademy.demo import demo

    return demo(out=tmp_path_factory.mktemp("hr-demo") / "d", employees=6, language="en", progress=False).paths.root


@pytest.mark.slow
def test_demo_report_totals_equal_compute_status(demo_instance, tmp_path):
    from salesacademy.status import status

    today = course_today(demo_instance)
    written = hr.completion(instance=demo_instance, as_of=today, out=tmp_path)
    table = status(instance=demo_instance, as_of=today)
    workbook = openpyxl.load_workbook(next(p for p in written if p.suffix == ".xlsx"))
    sheet = sheet_frame(workbook, "Summary")  # an English instance
    assert sheet["Enrolled"].sum() == len(table)
    assert sheet["Completed"].sum() == (table.status == "passed").sum()
    assert sheet["Failed"].sum() == (table.status == "failed").sum()
    assert sheet["Overdue, not submitted"].sum() == (table.status == "overdue").sum()
    assert sheet["Awaiting grading"].sum() == table.status.isin(["submitted", "needs-manual-grading"]).sum()
    assert workbook["Status by employee"].max_row - 1 == table.employee_id.nunique()
    assert workbook["Overdue, not submitted"].max_row - 1 == (table.status == "overdue").sum()
    page = next(p for p in written if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Training completion" in page and page.count("data:image/png;base64,") == 3
    _, json_path = review_feed_files(instance=demo_instance, period=today.strftime("%Y-%m"), out=tmp_path)
    records = json.loads(json_path.read_text(encoding="utf-8"))["records"]
    assert {r["employee_id"] for r in records} == set(table.employee_id)
    assert all(r["training_score"] is None or 0 <= r["training_score"] <= 100 for r in records)
    assert sum(r["completed"] for r in records) == (table.status == "passed").sum()
