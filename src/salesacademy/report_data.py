"""The figures of one employee's training report, as a pure function of data frames.

`academy report` runs the report notebook once per employee. The notebook
reads the gradebook, calls `employee_report_data` and only formats what comes
back, so every number a report shows is computed here and tested without
notebooks or files.

A module counts as *graded* when it has a score and no written answer is
still waiting for a trainer; means and the competency profile use graded
modules only. The training score is the review feed's (`review.review_feed`), so
the report and the feed HR sends to the performance review never differ.

Statuses mean what `status` says: a module submitted and failed is failed,
whenever it was submitted; overdue means nothing was submitted by the due
date; a pass submitted after its due day is shown as a late pass
(`labels.display_status`). Points lost are named by question number and
title in the version the employee took (`question_titles`), never by the
gradebook's item ids.

A report reads its own employee's rows of the gradebook. What it compares
them with, the mean score of each module in the employee's branch and in the
whole cohort, is added up once per run, a batch of employees at a time, so
neither depends on holding the whole cohort in memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import gradebook_reads, questions
from .config import ReviewSection
from .curriculum import Curriculum, load_curriculum
from .errors import AcademyError
from .labels import display_status
from .question_titles import COLUMNS as TITLE_COLUMNS, course_titles
from .status import compute_status, final_scores

#: Days ahead in which a due date or the lapse of a pass is worth a warning.
HORIZON_DAYS = 60
#: Employees whose gradebook rows are held at a time while the cohort's means are added up.
MEANS_COLUMNS = ["branch", "module_id", "total", "count"]

MODULE_COLUMNS = ["module_id", "kind", "title", "status", "display_status", "score", "max_score", "percent", "submitted_at",
                  "due_on", "expires_on", "on_time"]
#: What the employee has to do about a module, most pressing first; one reason per module (see `_actions`).
REASONS = ("failed", "overdue", "expired", "expiring", "due-soon", "review")


@dataclasses.dataclass(frozen=True)
class KeyFigures:
    """The report's headline: how many required modules stand where, by display status."""

    required: int
    passed: int  # late passes included
    passed_late: int
    failed: int
    overdue: int
    awaiting_trainer: int  # needs-manual-grading: a written answer waits for a trainer
    awaiting_grading: int  # submitted, not graded yet
    not_started: int
    expired: int

    @classmethod
    def of(cls, modules: pd.DataFrame) -> "KeyFigures":
        shown = modules.display_status.value_counts()
        count = lambda *statuses: int(sum(shown.get(s, 0) for s in statuses))  # noqa: E731
        return cls(required=len(modules), passed=count("passed", "passed-late"), passed_late=count("passed-late"),
                   failed=count("failed"), overdue=count("overdue"), awaiting_trainer=count("needs-manual-grading"),
                   awaiting_grading=count("submitted"), not_started=count("assigned"), expired=count("expired"))


@dataclasses.dataclass(frozen=True)
class EmployeeReport:
    """Everything one employee's report shows; percentages are shares (0..1) unless named `_pct`."""

    employee_id: str
    name: str
    branch: str
    role_title: str
    manager_name: str | None
    modules: pd.DataFrame  # MODULE_COLUMNS, one row per module the employee must take
    key_figures: KeyFigures
    comparison: pd.DataFrame  # module_id, title, employee, branch_mean, cohort_mean
    competencies: pd.DataFrame  # competency, title, percent, modules
    missed: pd.DataFrame  # MISSED_COLUMNS: items scored below their maximum, by question number and title
    actions: pd.DataFrame  # ACTION_COLUMNS: what the employee has to do, one reason of REASONS per module
    attempts: pd.DataFrame  # module_id, title, submitted_at
    review: pd.Series  # the employee's row of `review.review_feed`; empty when they have no required module


MISSED_COLUMNS = ["module_id", "title", "item", "number", "question", "score", "max_score"]
ACTION_COLUMNS = ["module_id", "title", "display_status", "reason", "date", "competencies", "questions", "cases"]


def employee_report_data(
    *,
    employee_id: str,
    status: pd.DataFrame,
    grades: pd.DataFrame,
    submissions: pd.DataFrame,
    employees: pd.DataFrame,
    means: pd.DataFrame,
    titles: pd.DataFrame,
    curriculum: Curriculum,
    review: ReviewSection,
    as_of: dt.date,
    language: str,
) -> EmployeeReport:
    """Everything the report of `employee_id` shows, as of `as_of`.

    Only the employee's own rows of `status`, `grades` and `submissions` are used.

    Args:
        status: `compute_status` as of `as_of`, for the employee or more.
        grades: `gradebook_reads.grade_rows`, one row per graded item.
        submissions: `gradebook_reads.submissions`, one row per submission nbgrader keeps.
        employees: `gradebook_reads.employees` for the employee and their manager (or more).
        means: `module_means` of the whole cohort, for the branch and cohort means.
        titles: `question_titles.course_titles`, the number and title of every graded item of every version.
        language: ``zh-CN`` or ``en``, for module, role and competency titles.

    Raises:
        AcademyError: the employee is not in the roster.
    """
    found = employees[employees.employee_id == employee_id]
    if found.empty:
        raise AcademyError(f"employee {employee_id!r} is not in the roster")
    person = found.iloc[0]
    module_titles = {m.id: m.title(language) for m in curriculum.modules}
    end_of_day = pd.Timestamp(as_of) + pd.Timedelta(days=1)  # what happened by the end of the as-of day counts

    own = status[status.employee_id == employee_id]
    modules = own.copy()
    modules["kind"] = [curriculum.by_id[m].kind if m in curriculum.by_id else "module" for m in modules.module_id]
    modules["title"] = modules.module_id.map(module_titles).fillna(modules.module_id)
    # A provisional score above the pass mark is not a certification yet.
    modules["expires_on"] = modules.expires_on.where(modules.status.isin(["passed", "expired"]))
    modules["display_status"] = display_status(modules.status, modules.on_time)
    modules = modules[MODULE_COLUMNS].reset_index(drop=True)

    mine = grades[(grades.employee_id == employee_id) & (grades.submitted_at < end_of_day)]
    attempts = submissions[(submissions.employee_id == employee_id) & (submissions.submitted_at < end_of_day)]
    attempts = attempts.assign(title=attempts.module_id.map(module_titles).fillna(attempts.module_id))
    missed = _missed(mine, module_titles, titles, employee_id, language)
    role = curriculum.roles.get(person.role)
    return EmployeeReport(
        employee_id=employee_id,
        name=person["name"],
        branch=person.branch,
        role_title=role(language) if role else person.role,
        manager_name=_manager_name(employees, person.manager_id),
        modules=modules,
        key_figures=KeyFigures.of(modules),
        comparison=_comparison(means, modules, person.branch),
        competencies=_competencies(modules, curriculum, language),
        missed=missed,
        actions=_actions(modules, missed, curriculum, language, pd.Timestamp(as_of)),
        attempts=attempts.sort_values("submitted_at")[["module_id", "title", "submitted_at"]].reset_index(drop=True),
        review=_review(own, review),
    )


def _review(rows: pd.DataFrame, review: ReviewSection) -> pd.Series:
    """The employee's row of the review feed, computed by the feed's own function."""
    from .review import review_feed

    feed = review_feed(status=rows, review=review, period="")
    return feed.iloc[0] if len(feed) else pd.Series(dtype=object)


def _manager_name(employees: pd.DataFrame, manager_id: object) -> str | None:
    """The manager's name; None for a branch manager, or a manager no longer in the roster."""
    names = dict(zip(employees.employee_id, employees["name"]))
    return names.get(manager_id) if isinstance(manager_id, str) else None


def module_means(status: pd.DataFrame) -> pd.DataFrame:
    """The sum and count of final scores per branch and module (`MEANS_COLUMNS`) of a status table."""
    scored = status[final_scores(status)]
    return scored.groupby(["branch", "module_id"]).percent.agg(total="sum", count="count").reset_index()[MEANS_COLUMNS]


def _comparison(means: pd.DataFrame, modules: pd.DataFrame, branch: str) -> pd.DataFrame:
    """The employee's graded score per module beside the mean of the branch and of the whole cohort."""
    in_branch = means[means.branch == branch].set_index("module_id")
    cohort = means.groupby("module_id")[["total", "count"]].sum()
    return pd.DataFrame({
        "module_id": modules.module_id,
        "title": modules.title,
        "employee": modules.percent.where(final_scores(modules)),
        "branch_mean": modules.module_id.map(in_branch.total / in_branch["count"]).astype(float),
        "cohort_mean": modules.module_id.map(cohort.total / cohort["count"]).astype(float),
    }).reset_index(drop=True)


def _competencies(modules: pd.DataFrame, curriculum: Curriculum, language: str) -> pd.DataFrame:
    """Mean score per competency over the employee's graded modules that teach it, in curriculum order."""
    rows = [
        (competency, module_id, percent)
        for module_id, percent in zip(modules.module_id[final_scores(modules)], modules.percent[final_scores(modules)])
        if module_id in curriculum.by_id
        for competency in curriculum.by_id[module_id].competencies
    ]
    taught = pd.DataFrame(rows, columns=["competency", "module_id", "percent"])
    profile = taught.groupby("competency").agg(percent=("percent", "mean"), modules=("module_id", "count"))
    order = [c for c in curriculum.competencies if c in profile.index]
    return pd.DataFrame({
        "competency": order,
        "title": [curriculum.competencies[c](language) for c in order],
        "percent": profile.percent.reindex(order).to_numpy(),
        "modules": profile.modules.reindex(order).to_numpy(dtype=int),
    })


def _missed(grades: pd.DataFrame, module_titles: dict[str, str], titles: pd.DataFrame, employee_id: str,
            language: str) -> pd.DataFrame:
    """Items scored below their maximum (`MISSED_COLUMNS`), by question number, in the order of each module.

    An item still waiting for a trainer is not missed yet. Each is named as
    the employee saw it: in their version of the module (track and
    language), for a bank question in their own variant. A version the
    titles do not know (a gradebook from before tracks) is looked up in the
    report's language on any track that has the item.
    """
    score = pd.to_numeric(grades.score)
    waiting = grades.needs_manual_grade.astype(bool) & score.isna()
    score = score.fillna(0)
    missed = grades[~waiting & (score < grades.max_score - 1e-9)].assign(score=score)
    if "track" not in missed:
        missed = missed.assign(track=None, language=None)
    versions = _versions_of_items(titles[titles.module_id.isin(set(missed.module_id))])
    named = [_question(versions.get((row.module_id, row.item), []), row.track,
                       row.language if isinstance(row.language, str) else language, row.module_id, row.item, employee_id)
             for row in missed.itertuples()]
    missed = missed.assign(title=missed.module_id.map(module_titles).fillna(missed.module_id),
                           number=pd.array([n for n, _ in named], dtype="Int64"), question=[t for _, t in named])
    return missed.sort_values(["module_id", "number", "item"])[MISSED_COLUMNS].reset_index(drop=True)


def _versions_of_items(titles: pd.DataFrame) -> dict[tuple[str, str], list[tuple]]:
    """The rows of `titles` by module and item: (track, language, number, titles) of each version, in table order."""
    versions: dict[tuple[str, str], list[tuple]] = {}
    for module_id, track, language, item, number, named in titles[TITLE_COLUMNS].itertuples(index=False):
        versions.setdefault((module_id, item), []).append((track, language, number, named))
    return versions


def _question(versions: list[tuple], track: str | None, language: str, module_id: str, item: str,
              employee_id: str) -> tuple[int | None, str]:
    """The number and title of `item` as `employee_id` saw it, from the module's `versions` of it
    (`_versions_of_items`): their track and language, else their language on any track, else any version;
    (None, "") when no version of the module has it."""
    chosen = (next((v for v in versions if v[0] == track and v[1] == language), None)
              or next((v for v in versions if v[1] == language), None)
              or next(iter(versions), None))
    if chosen is None:
        return None, ""
    _, _, number, named = chosen
    variant, _ = questions.variant_of(module_id, item, employee_id, len(named))
    return int(number), named[variant]


def _actions(modules: pd.DataFrame, missed: pd.DataFrame, curriculum: Curriculum, language: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """What the employee has to do about each module (`ACTION_COLUMNS`), most pressing reason first.

    Reasons (`REASONS`), one per module, the first that applies:

    - failed: graded below the pass mark, on time or not: retake it; names the
      module's competencies, the questions where points were lost and the
      cases that support it;
    - overdue: nothing submitted by the due date: complete it;
    - expired: the certification has lapsed: recertify;
    - expiring: a pass lapses within `HORIZON_DAYS`: recertify by then;
    - due-soon: not started, due within `HORIZON_DAYS`: complete it by then;
    - review: passed, with points lost: the questions to look at again.

    A module waiting for the grader or a trainer needs nothing from the employee;
    a pass with full marks neither.
    """
    horizon = as_of + pd.Timedelta(days=HORIZON_DAYS)
    lost = missed.dropna(subset=["number"]).groupby("module_id").number.agg(lambda numbers: tuple(int(n) for n in numbers))
    has_lost = modules.module_id.isin(lost.index)
    status = modules.status
    conditions = {
        "failed": (status == "failed", modules.due_on),
        "overdue": (status == "overdue", modules.due_on),
        "expired": (status == "expired", modules.expires_on),
        "expiring": ((status == "passed") & (modules.expires_on <= horizon), modules.expires_on),
        "due-soon": ((status == "assigned") & (modules.due_on >= as_of) & (modules.due_on <= horizon), modules.due_on),
        "review": ((status == "passed") & has_lost, pd.Series(pd.NaT, index=modules.index)),
    }
    frame = modules.assign(reason=None, date=pd.NaT)
    for reason in reversed(REASONS):  # the first reason that applies is written last
        rows, dates = conditions[reason]
        rows = rows.fillna(False).astype(bool)
        frame.loc[rows, "reason"] = reason
        frame.loc[rows, "date"] = dates[rows]
    frame = frame[frame.reason.notna()].copy()
    frame["date"] = pd.to_datetime(frame.date)
    retake = frame.reason == "failed"
    named = retake | (frame.reason == "review")
    frame["competencies"] = [tuple(curriculum.competencies[c](language) for c in curriculum.by_id[m].competencies)
                             if r and m in curriculum.by_id else () for m, r in zip(frame.module_id, retake)]
    frame["questions"] = [lost.get(m, ()) if n else () for m, n in zip(frame.module_id, named)]
    frame["cases"] = [tuple(c.title(language) for c in curriculum.modules if m in c.supports and c.id != m) if r else ()
                      for m, r in zip(frame.module_id, retake)]
    frame["order"] = frame.reason.map({reason: i for i, reason in enumerate(REASONS)})
    frame = frame.sort_values(["order", "date", "module_id"], na_position="last")
    return frame[ACTION_COLUMNS].reset_index(drop=True)


@dataclasses.dataclass(frozen=True)
class Rows:
    """Some employees' rows of the gradebook, and their status as of one day."""

    employees: pd.DataFrame
    grades: pd.DataFrame
    submissions: pd.DataFrame
    status: pd.DataFrame


def read_rows(gradebook_url: str, timezone: str, curriculum: Curriculum, as_of: dt.date, ids: Sequence[str]) -> Rows:
    """The rows of the employees `ids`, with times in `timezone`."""
    employees = gradebook_reads.employees(gradebook_url, ids)
    grades = gradebook_reads.grade_rows(gradebook_url, timezone, ids)
    submissions = gradebook_reads.submissions(gradebook_url, timezone, ids)
    status = compute_status(employees=employees, enrollments=gradebook_reads.enrollments(gradebook_url, ids), submissions=submissions,
                            grades=grades, curriculum=curriculum, as_of=as_of)
    return Rows(employees, grades, submissions, status)


@dataclasses.dataclass(frozen=True)
class Cohort:
    """What every report of a run shares: the gradebook, the day, the curriculum and the cohort's `module_means`."""

    gradebook_url: str
    timezone: str
    as_of: dt.date
    curriculum: Curriculum
    means: pd.DataFrame
    titles: pd.DataFrame  # `question_titles.course_titles`


@functools.lru_cache(maxsize=2)
def cohort(gradebook_url: str, timezone: str, content: str, as_of: str, /) -> Cohort:
    """The cohort as of `as_of` (ISO date), added up once per process from each submission's total
    (`gradebook_reads.submission_totals`, as HR's reports read it), with the titles of every graded item of the course.

    Positional arguments only: the cache tells calls apart by how they pass them.

    `academy report` calls this in the template its report kernels are forked
    from, so each report finds it already done; a report run on any other
    kernel does it itself.
    """
    curriculum = load_curriculum(Path(content))
    day = dt.date.fromisoformat(as_of)
    submissions, totals = gradebook_reads.submission_totals(gradebook_url, timezone)
    status = compute_status(employees=gradebook_reads.employees(gradebook_url), enrollments=gradebook_reads.cohort_enrollments(gradebook_url),
                            submissions=submissions, grades=totals, curriculum=curriculum, as_of=day)
    means = module_means(status).astype({"branch": str, "module_id": str})
    return Cohort(gradebook_url, timezone, day, curriculum, means, course_titles(curriculum, Path(content)))


def employee_report(cohort: Cohort, employee_id: str, *, review: ReviewSection, language: str) -> EmployeeReport:
    """`employee_report_data` of `employee_id`, from their own rows of the gradebook and their manager's name.

    Raises:
        AcademyError: the employee is not in the roster.
    """
    with gradebook_reads.reading(cohort.gradebook_url):
        rows = read_rows(cohort.gradebook_url, cohort.timezone, cohort.curriculum, cohort.as_of, [employee_id])
        employees = rows.employees
        managers = [m for m in employees.manager_id if isinstance(m, str)]
        if managers:
            employees = pd.concat([employees, gradebook_reads.employees(cohort.gradebook_url, managers)], ignore_index=True)
    return employee_report_data(employee_id=employee_id, status=rows.status, grades=rows.grades, submissions=rows.submissions,
                                employees=employees, means=cohort.means, titles=cohort.titles, curriculum=cohort.curriculum, review=review,
                                as_of=cohort.as_of, language=language)
