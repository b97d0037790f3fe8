"""The figures of one employee's training report, as a pure function of data frames.

`academy report` runs the report notebook once per employee. The notebook
reads the gradebook, calls `employee_report_data` and only formats what comes
back, so every number a report shows is computed here and tested without
notebooks or files.

A module counts as *graded* when it has a score and no written answer is
still waiting for a trainer; means, the competency profile and the training
score use graded modules only.

A report reads its own employee's rows of the gradebook. What it compares
them with, the mean score of each module in the employee's branch and in the
whole cohort, is added up once per run, a batch of employees at a time, so
neither depends on holding the whole cohort in memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from . import gradebook
from .config import ReviewSection
from .curriculum import Curriculum, load_curriculum
from .errors import AcademyError
from .status import compute_status, final_scores

#: Days ahead in which a due date or the lapse of a pass is worth a warning.
HORIZON_DAYS = 60
#: Employees whose gradebook rows are held at a time while the cohort's means are added up.
BATCH = 500
MEANS_COLUMNS = ["branch", "module_id", "total", "count"]

MODULE_COLUMNS = ["module_id", "kind", "title", "status", "score", "max_score", "percent", "submitted_at", "due_on",
                  "expires_on", "on_time"]


@dataclasses.dataclass(frozen=True)
class TrainingScore:
    """The training component of the performance review, term by term (see `ReviewSection`)."""

    required: int
    passed_on_time: int
    mean_score_pct: float
    overdue: int
    review: ReviewSection

    @property
    def on_time_share(self) -> float:
        return self.passed_on_time / self.required if self.required else 0.0

    @property
    def on_time_points(self) -> float:
        return self.review.on_time_weight * self.on_time_share * 100

    @property
    def score_points(self) -> float:
        return self.review.score_weight * self.mean_score_pct

    @property
    def overdue_points(self) -> float:
        return self.review.overdue_penalty * self.overdue

    @property
    def value(self) -> float:
        """The score, clipped to 0..100."""
        return min(100.0, max(0.0, self.on_time_points + self.score_points - self.overdue_points))


@dataclasses.dataclass(frozen=True)
class EmployeeReport:
    """Everything one employee's report shows; percentages are shares (0..1) unless named `_pct`."""

    employee_id: str
    name: str
    branch: str
    role_title: str
    manager_name: str | None
    modules: pd.DataFrame  # MODULE_COLUMNS, one row per module the employee must take
    comparison: pd.DataFrame  # module_id, title, employee, branch_mean, cohort_mean
    competencies: pd.DataFrame  # competency, title, percent, modules
    missed: pd.DataFrame  # module_id, title, item, score, max_score
    refreshers: pd.DataFrame  # module_id, title, refresher_id, refresher_title, refresher_kind
    attention: pd.DataFrame  # module_id, title, status, reason (overdue|expired|due-soon|expiring), date
    attempts: pd.DataFrame  # module_id, title, submitted_at
    training_score: TrainingScore


def training_score(*, modules: pd.DataFrame, review: ReviewSection) -> TrainingScore:
    """The review's training component from one employee's rows of the status table.

    A module counts as passed on time when its status is ``passed`` (an
    expired pass no longer counts) and it was submitted by the due date. With
    no graded module the mean score is 0.
    """
    scores = modules.percent[final_scores(modules)]
    return TrainingScore(
        required=len(modules),
        passed_on_time=int(((modules.status == "passed") & modules.on_time.astype(bool)).sum()),
        mean_score_pct=float(scores.mean() * 100) if len(scores) else 0.0,
        overdue=int((modules.status == "overdue").sum()),
        review=review,
    )


def employee_report_data(
    *,
    employee_id: str,
    status: pd.DataFrame,
    grades: pd.DataFrame,
    submissions: pd.DataFrame,
    employees: pd.DataFrame,
    means: pd.DataFrame,
    curriculum: Curriculum,
    review: ReviewSection,
    as_of: dt.date,
    language: str,
) -> EmployeeReport:
    """Everything the report of `employee_id` shows, as of `as_of`.

    Only the employee's own rows of `status`, `grades` and `submissions` are used.

    Args:
        status: `compute_status` as of `as_of`, for the employee or more.
        grades: `gradebook.grade_rows`, one row per graded item.
        submissions: `gradebook.submissions`, one row per submission nbgrader keeps.
        employees: `gradebook.employees` for the employee and their manager (or more).
        means: `module_means` of the whole cohort, for the branch and cohort means.
        language: ``zh-CN`` or ``en``, for module, role and competency titles.

    Raises:
        AcademyError: the employee is not in the roster.
    """
    found = employees[employees.employee_id == employee_id]
    if found.empty:
        raise AcademyError(f"employee {employee_id!r} is not in the roster")
    person = found.iloc[0]
    titles = {m.id: m.title(language) for m in curriculum.modules}
    end_of_day = pd.Timestamp(as_of) + pd.Timedelta(days=1)  # what happened by the end of the as-of day counts

    modules = status[status.employee_id == employee_id].copy()
    modules["kind"] = [curriculum.by_id[m].kind if m in curriculum.by_id else "module" for m in modules.module_id]
    modules["title"] = modules.module_id.map(titles).fillna(modules.module_id)
    # A provisional score above the pass mark is not a certification yet.
    modules["expires_on"] = modules.expires_on.where(modules.status.isin(["passed", "expired"]))
    modules = modules[MODULE_COLUMNS].reset_index(drop=True)

    mine = grades[(grades.employee_id == employee_id) & (grades.submitted_at < end_of_day)]
    attempts = submissions[(submissions.employee_id == employee_id) & (submissions.submitted_at < end_of_day)]
    attempts = attempts.assign(title=attempts.module_id.map(titles).fillna(attempts.module_id))
    missed = _missed(mine, titles)
    role = curriculum.roles.get(person.role)
    return EmployeeReport(
        employee_id=employee_id,
        name=person["name"],
        branch=person.branch,
        role_title=role(language) if role else person.role,
        manager_name=_manager_name(employees, person.manager_id),
        modules=modules,
        comparison=_comparison(means, modules, person.branch),
        competencies=_competencies(modules, curriculum, language),
        missed=missed,
        refreshers=_refreshers(missed.module_id.unique(), curriculum, titles),
        attention=_attention(modules, pd.Timestamp(as_of)),
        attempts=attempts.sort_values("submitted_at")[["module_id", "title", "submitted_at"]].reset_index(drop=True),
        training_score=training_score(modules=modules, review=review),
    )


def _manager_name(employees: pd.DataFrame, manager_id: object) -> str | None:
    """The manager's name; None for a branch manager, or a manager no longer in the roster."""
    names = dict(zip(employees.employee_id, employees["name"]))
    return names.get(manager_id) if isinstance(manager_id, str) else None


def module_means(status: pd.DataFrame) -> pd.DataFrame:
    """The sum and count of final scores per branch and module (`MEANS_COLUMNS`) of a status table.

    The table may be one batch of the cohort: `add_means` adds the batches up.
    """
    scored = status[final_scores(status)]
    return scored.groupby(["branch", "module_id"]).percent.agg(total="sum", count="count").reset_index()[MEANS_COLUMNS]


def add_means(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """`module_means` of several batches, as if of all their rows at once."""
    parts = list(parts)
    if not parts:
        return pd.DataFrame(columns=MEANS_COLUMNS)
    return pd.concat(parts).groupby(["branch", "module_id"], as_index=False)[["total", "count"]].sum()[MEANS_COLUMNS]


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


def _missed(grades: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """Items scored below their maximum; an item still waiting for a trainer is not missed yet."""
    score = pd.to_numeric(grades.score)
    waiting = grades.needs_manual_grade.astype(bool) & score.isna()
    score = score.fillna(0)
    missed = grades[~waiting & (score < grades.max_score - 1e-9)].assign(score=score)
    missed = missed.assign(title=missed.module_id.map(titles).fillna(missed.module_id))
    return missed.sort_values(["module_id", "item"])[["module_id", "title", "item", "score", "max_score"]].reset_index(drop=True)


def _refreshers(module_ids, curriculum: Curriculum, titles: dict[str, str]) -> pd.DataFrame:
    """For each module with a missed item: the module itself, then every case that supports it."""
    rows = []
    for module_id in sorted(module_ids):
        rows.append((module_id, "module", module_id))
        rows += [(module_id, "case", m.id) for m in curriculum.modules if module_id in m.supports and m.id != module_id]
    frame = pd.DataFrame(rows, columns=["module_id", "refresher_kind", "refresher_id"])
    frame["title"] = frame.module_id.map(titles).fillna(frame.module_id)
    frame["refresher_title"] = frame.refresher_id.map(titles).fillna(frame.refresher_id)
    return frame[["module_id", "title", "refresher_id", "refresher_title", "refresher_kind"]]


def _attention(modules: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """What is overdue or expired, and what falls due or lapses within `HORIZON_DAYS`."""
    horizon = as_of + pd.Timedelta(days=HORIZON_DAYS)
    open_ = modules.status.isin(["assigned", "failed"])
    cases = [
        ("overdue", modules.status == "overdue", modules.due_on),
        ("expired", modules.status == "expired", modules.expires_on),
        ("due-soon", open_ & (modules.due_on >= as_of) & (modules.due_on <= horizon), modules.due_on),
        ("expiring", (modules.status == "passed") & (modules.expires_on <= horizon), modules.expires_on),
    ]
    frame = modules.assign(reason=None, date=pd.NaT)
    for reason, rows, dates in cases:  # the conditions exclude each other: one reason per module
        frame.loc[rows, "reason"] = reason
        frame.loc[rows, "date"] = dates[rows]
    frame = frame[frame.reason.notna()]
    return frame.sort_values(["date", "module_id"])[["module_id", "title", "status", "reason", "date"]].reset_index(drop=True)


@dataclasses.dataclass(frozen=True)
class Rows:
    """Some employees' rows of the gradebook, and their status as of one day."""

    employees: pd.DataFrame
    grades: pd.DataFrame
    submissions: pd.DataFrame
    status: pd.DataFrame


def read_rows(gradebook_url: str, timezone: str, curriculum: Curriculum, as_of: dt.date, ids: Sequence[str]) -> Rows:
    """The rows of the employees `ids`, with times in `timezone`."""
    employees = gradebook.employees(gradebook_url, ids)
    grades = gradebook.grade_rows(gradebook_url, timezone, ids)
    submissions = gradebook.submissions(gradebook_url, timezone, ids)
    status = compute_status(employees=employees, enrollments=gradebook.enrollments(gradebook_url, ids), submissions=submissions,
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


@functools.lru_cache(maxsize=2)
def cohort(gradebook_url: str, timezone: str, content: str, as_of: str, /) -> Cohort:
    """The cohort as of `as_of` (ISO date), added up once per process, `BATCH` active employees at a time.

    Positional arguments only: the cache tells calls apart by how they pass them.

    `academy report` calls this in the template its report kernels are forked
    from, so each report finds it already done; a report run on any other
    kernel does it itself.
    """
    curriculum = load_curriculum(Path(content))
    day = dt.date.fromisoformat(as_of)
    batches = gradebook.active_batches(gradebook_url, BATCH)
    means = add_means(module_means(read_rows(gradebook_url, timezone, curriculum, day, batch).status) for batch in batches)
    return Cohort(gradebook_url, timezone, day, curriculum, means)


def employee_report(cohort: Cohort, employee_id: str, *, review: ReviewSection, language: str) -> EmployeeReport:
    """`employee_report_data` of `employee_id`, from their own rows of the gradebook and their manager's name.

    Raises:
        AcademyError: the employee is not in the roster.
    """
    rows = read_rows(cohort.gradebook_url, cohort.timezone, cohort.curriculum, cohort.as_of, [employee_id])
    employees = rows.employees
    managers = [m for m in employees.manager_id if isinstance(m, str)]
    if managers:
        employees = pd.concat([employees, gradebook.employees(cohort.gradebook_url, managers)], ignore_index=True)
    return employee_report_data(employee_id=employee_id, status=rows.status, grades=rows.grades, submissions=rows.submissions,
                                employees=employees, means=cohort.means, curriculum=cohort.curriculum, review=review,
                                as_of=cohort.as_of, language=language)
