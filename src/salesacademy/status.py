"""`academy status`: where every employee stands on every module they must take.

`compute_status` is a pure function of the roster, the enrollments, the
submissions and grades, the curriculum and a date, so the same answer comes
out for any date in the past ("as of") and tests need no files. Statuses:

=======================  ===================================================
assigned                 enrolled, nothing submitted, not yet due
submitted                collected but not graded yet
needs-manual-grading     graded automatically; a trainer still has to grade
                         a written answer
passed                   score at or above the module's pass mark; `on_time`
                         tells whether it was submitted by the end of the
                         due day
failed                   graded below the pass mark, whenever it was
                         submitted: a learner who submitted on time and
                         failed is not overdue
overdue                  past the due date with nothing submitted
expired                  passed, but the recertification interval has lapsed
=======================  ===================================================

A submission a trainer or the grader has yet to finish (``submitted``,
``needs-manual-grading``) is never overdue and never failed: the learner is
waiting, not late.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from . import gradebook_reads
from .config import content_root, database_url, load_config, today
from .curriculum import Curriculum, load_curriculum
from .errors import AcademyError

STATUSES = ("assigned", "submitted", "needs-manual-grading", "passed", "failed", "overdue", "expired")
COLUMNS = ["employee_id", "name", "branch", "role", "module_id", "assigned_on", "due_on", "submitted_at",
           "score", "max_score", "percent", "status", "on_time", "expires_on"]


def module_table(curriculum: Curriculum) -> pd.DataFrame:
    return pd.DataFrame(
        [(m.id, curriculum.pass_mark(m), curriculum.recertify_months(m)) for m in curriculum.modules],
        columns=["module_id", "pass_mark", "recertify_months"],
    )


def submission_scores(grades: pd.DataFrame) -> pd.DataFrame:
    """One row per graded submission: score, maximum and whether a trainer still has work."""
    if grades.empty:
        return pd.DataFrame(columns=["employee_id", "module_id", "score", "max_score", "needs_manual_grade"])
    return (
        grades.groupby(["employee_id", "module_id"])
        # sum skips missing scores (a written answer not yet marked counts 0), in compiled code: no Python per group
        .agg(score=("score", "sum"), max_score=("max_score", "sum"), needs_manual_grade=("needs_manual_grade", "any"))
        .reset_index()
    )


def compute_status(
    *,
    employees: pd.DataFrame,
    enrollments: pd.DataFrame,
    submissions: pd.DataFrame,
    grades: pd.DataFrame,
    curriculum: Curriculum,
    as_of: dt.date,
) -> pd.DataFrame:
    """Status of each active employee on each module they are enrolled in, as of `as_of`."""
    as_of_ts = pd.Timestamp(as_of)
    active = employees[employees.active.astype(bool)][["employee_id", "name", "branch", "role"]]
    frame = active.merge(enrollments[enrollments.assigned_on <= as_of_ts], on="employee_id")
    # Only what had happened by the end of the as-of day counts.
    seen = submissions[submissions.submitted_at < as_of_ts + pd.Timedelta(days=1)]
    frame = frame.merge(seen[["employee_id", "module_id", "submitted_at"]], on=["employee_id", "module_id"], how="left")
    scored = submission_scores(grades[grades.submitted_at < as_of_ts + pd.Timedelta(days=1)])
    frame = frame.merge(scored, on=["employee_id", "module_id"], how="left").merge(module_table(curriculum), on="module_id", how="left")
    frame["submitted_at"] = pd.to_datetime(frame.submitted_at)
    frame["score"] = pd.to_numeric(frame.score)
    frame["max_score"] = pd.to_numeric(frame.max_score)
    frame["percent"] = (frame.score / frame.max_score).where(frame.max_score > 0)
    expires = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for months, rows in frame.groupby("recertify_months").groups.items():
        expires[rows] = frame.submitted_at[rows] + pd.DateOffset(months=int(months))
    past_due = as_of_ts > frame.due_on
    graded = frame.score.notna()
    provisional = frame.needs_manual_grade.fillna(False).astype(bool)  # a trainer has yet to grade part of it
    passed = graded & ~provisional & (frame.percent >= frame.pass_mark - 1e-9)
    conditions = [
        frame.submitted_at.isna() & past_due,
        frame.submitted_at.isna(),
        ~graded,
        provisional,
        passed & (expires <= as_of_ts),
        passed,
    ]
    choices = ["overdue", "assigned", "submitted", "needs-manual-grading", "expired", "passed"]
    frame["status"] = pd.Series(pd.NA, index=frame.index, dtype="object")
    for condition, choice in zip(reversed(conditions), reversed(choices)):
        frame.loc[condition.fillna(False).astype(bool), "status"] = choice
    frame["status"] = frame.status.fillna("failed")
    # A pass counts until it lapses; it was on time when submitted by the end of the due day.
    frame["expires_on"] = expires.where(passed)
    frame["on_time"] = passed & (frame.submitted_at < frame.due_on + pd.Timedelta(days=1))
    return frame[COLUMNS].sort_values(["employee_id", "module_id"], ignore_index=True)


def final_scores(table: pd.DataFrame) -> pd.Series:
    """Rows of a status table whose score is final: graded, and not waiting for a trainer's part."""
    return table.percent.notna() & (table.status != "needs-manual-grading")


#: Display statuses `status` can narrow the table to: every status, and a pass submitted late.
SHOWN_STATUSES = (*STATUSES, "passed-late")
#: Up to this many employees, an unknown employee id is answered with the list of known ones.
LISTED_EMPLOYEES = 30


def status(
    *,
    instance: Path,
    as_of: dt.date | None = None,
    branch: str | None = None,
    employee: str | None = None,
    module: str | None = None,
    role: str | None = None,
    with_status: str | None = None,
) -> pd.DataFrame:
    """Status table for the instance, optionally narrowed to one branch, employee, module, role or status.

    `with_status` is a status of `STATUSES` or ``passed-late``, a pass submitted
    after its due day (``passed`` keeps every pass, late or not).

    Raises:
        AcademyError: a filter matches nothing; the message lists the values that would.
    """
    config, paths = load_config(instance)
    curriculum = load_curriculum(content_root(config))
    if with_status is not None and with_status not in SHOWN_STATUSES:
        raise AcademyError(f"unknown status {with_status!r}; the statuses are: {', '.join(SHOWN_STATUSES)}")
    if module is not None:
        curriculum.module(module)  # an unknown id is an error naming the known ones
    if role is not None:
        curriculum.track_of(role)  # likewise
    url = database_url(config, paths)
    table = compute_status(
        employees=gradebook_reads.employees(url),
        enrollments=gradebook_reads.enrollments(url),
        submissions=gradebook_reads.submissions(url, config.course.timezone),
        grades=gradebook_reads.grade_rows(url, config.course.timezone),
        curriculum=curriculum,
        as_of=as_of or today(config),
    )
    # What the last grading run could not do with each submission, for the trainer.
    problems = gradebook_reads.grading_problems(url)
    table = table.merge(problems, on=["employee_id", "module_id"], how="left")
    table["problem"] = table.problem.fillna("")
    for column, value in (("branch", branch), ("employee_id", employee), ("module_id", module), ("role", role)):
        if value is not None:
            if value not in set(table[column]):
                raise AcademyError(_unmatched(column, value, table[column]))
            table = table[table[column] == value]
    if with_status == "passed-late":
        table = table[(table.status == "passed") & ~table.on_time.astype(bool)]
    elif with_status is not None:
        table = table[table.status == with_status]
    return table.reset_index(drop=True)


def _unmatched(column: str, value: str, known: pd.Series) -> str:
    """One line saying that no enrolled employee matches `value` in `column`, and which values do."""
    values = sorted(set(known))
    if not values:
        return f"nobody is enrolled in any module yet, so nothing matches {value!r}"
    if column == "employee_id" and len(values) > LISTED_EMPLOYEES:
        return f"no enrolled employee {value!r}; {len(values)} employees are enrolled (see 'academy status')"
    problem, listed = {
        "branch": (f"no branch {value!r} among enrolled employees", "branches"),
        "employee_id": (f"no enrolled employee {value!r}", "employees"),
        "module_id": (f"nobody is enrolled in module {value!r}", "modules with enrolled employees"),
        "role": (f"nobody in role {value!r} is enrolled", "roles with enrolled employees"),
    }[column]
    return f"{problem}; {listed}: {', '.join(values)}"
