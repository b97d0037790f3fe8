"""`academy hr`: completion reports for HR and the training feed of the performance review.

Pure functions turn the status table of `compute_status` into HR's tables:
`summary` (by branch and module), `matrix` (employee by module),
`overdue_list`, `failed_list` and `expiring`; `build_report` assembles them
for one date, and `salesacademy.dashboard` draws them as one HTML page. The
thin outer layer, `completion`, reads the gradebook and writes into
``<instance>/reports/hr/``: an Excel workbook, CSV files and the dashboard.
The performance-review feed is `salesacademy.review`.

Every file is written under a temporary name beside its target and renamed
into place, so nobody ever opens half a report. Files that hold a row per
employee are readable by their owner only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from . import gradebook_reads
from .config import ReviewSection, content_root, database_url, load_config, today
from .curriculum import Curriculum, load_curriculum
from .errors import AcademyError
from .labels import (
    SHEET,
    STATUS,
    STATUS_COLOUR,
    display_status,
    headed,
    language_of,
    status_labels,
)
from .spreadsheet import csv_safe
from .status import compute_status, final_scores

FORMATS = ("xlsx", "csv", "html")
EXPIRY_WINDOWS = (30, 60)  # days ahead that HR is warned of lapsing certifications
TREND_WEEKS = 12
PRIVATE = 0o600  # files with a row per employee
SHARED = 0o644  # aggregates only
EXCEL_ROWS = 1_048_575  # rows a worksheet holds below its header; a longer table goes on over further sheets

EMPLOYEE_COLUMNS = ["employee_id", "name", "branch", "role"]
SUMMARY_COLUMNS = ["branch", "module_id", "enrolled", "completed", "completion_pct", "mean_score_pct", "failed", "overdue", "awaiting_grading"]
FAILED_COLUMNS = [*EMPLOYEE_COLUMNS, "module_id", "submitted_at", "percent", "due_on", "manager_id", "manager_name"]
#: Statuses of a submission the grader or a trainer has yet to finish: the employee is waiting, not late.
AWAITING = ("submitted", "needs-manual-grading")
OVERDUE_COLUMNS = [*EMPLOYEE_COLUMNS, "department", "module_id", "due_on", "days_overdue", "manager_id", "manager_name"]
EXPIRING_COLUMNS = [*EMPLOYEE_COLUMNS, "module_id", "passed_on", "expires_on", "days_left"]

# The tables of the report, in order: the file name of each as CSV, and
# whether it names employees. Sheet names are in the course language (`labels.SHEET`).
TABLES = {
    "Summary": ("summary", False),
    "Matrix": ("matrix", True),
    "Overdue": ("overdue", True),
    "Failed": ("failed", True),
    **{f"Expiring {days}d": (f"expiring-{days}d", True) for days in EXPIRY_WINDOWS},
}

# Tables: pure functions of the status table ---------------------------------------------


def summary(*, status: pd.DataFrame) -> pd.DataFrame:
    """Completion by branch and module.

    Returns:
        One row per branch and module: `enrolled`, `completed` (status passed),
        `completion_pct`, `mean_score_pct` (mean percent of the graded
        submissions, NaN when none is graded), `failed`, `overdue` (nothing
        submitted by the due date) and `awaiting_grading` (submitted, waiting
        for the grader or a trainer).
    """
    frame = status.assign(completed=status.status == "passed", failed=status.status == "failed", overdue=status.status == "overdue",
                          awaiting_grading=status.status.isin(AWAITING), score_pct=(status.percent * 100).where(final_scores(status)))
    table = (
        frame.groupby(["branch", "module_id"])
        .agg(enrolled=("employee_id", "size"), completed=("completed", "sum"), mean_score_pct=("score_pct", "mean"),
             failed=("failed", "sum"), overdue=("overdue", "sum"), awaiting_grading=("awaiting_grading", "sum"))
        .reset_index()
    )
    table["completion_pct"] = (100 * table.completed / table.enrolled).round(1)
    table["mean_score_pct"] = table.mean_score_pct.round(1)
    return table.reindex(columns=SUMMARY_COLUMNS)


def matrix(*, status: pd.DataFrame) -> pd.DataFrame:
    """One row per employee, one column per module holding the display status (`labels.display_status`).

    A module the employee is not enrolled in holds ``not-required``.
    """
    if status.empty:
        return pd.DataFrame(columns=EMPLOYEE_COLUMNS)
    shown = status.assign(status=display_status(status.status, status.on_time))
    wide = shown.pivot(index=EMPLOYEE_COLUMNS, columns="module_id", values="status")
    return wide.fillna("not-required").reset_index().rename_axis(columns=None)


def _with_manager(rows: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    """`rows` with the employee's department, and the id and name of their manager (who may have left)."""
    rows = rows.merge(employees[["employee_id", "department", "manager_id"]], on="employee_id", how="left")
    rows["manager_id"] = rows.manager_id.fillna("")
    rows["manager_name"] = rows.manager_id.map(employees.set_index("employee_id")["name"]).fillna("")
    return rows


def overdue_list(*, status: pd.DataFrame, employees: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Overdue modules, longest overdue first, with whom to call: the employee's manager.

    Args:
        status: the status table as of `as_of`.
        employees: the roster, inactive employees included (a manager may have left).
        as_of: the date the days overdue are counted to.
    """
    late = _with_manager(status[status.status == "overdue"], employees)
    late["days_overdue"] = (pd.Timestamp(as_of) - late.due_on).dt.days
    late["due_on"] = late.due_on.dt.date
    return late[OVERDUE_COLUMNS].sort_values(["days_overdue", "employee_id", "module_id"], ascending=[False, True, True], ignore_index=True)


def failed_list(*, status: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    """Modules graded below the pass mark, lowest score first, with whom to call: the employee's manager."""
    failed = _with_manager(status[status.status == "failed"], employees)
    failed["percent"] = (failed.percent * 100).round(1)
    failed["submitted_at"] = failed.submitted_at.dt.floor("min")
    failed["due_on"] = failed.due_on.dt.date
    return failed[FAILED_COLUMNS].sort_values(["percent", "employee_id", "module_id"], ignore_index=True)


def expiring(*, status: pd.DataFrame, as_of: dt.date, days: int) -> pd.DataFrame:
    """Passes that lapse after the start of `as_of` and by the end of the day `days` later, soonest first."""
    start = pd.Timestamp(as_of)
    soon = status[(status.status == "passed") & (status.expires_on > start) & (status.expires_on < start + pd.Timedelta(days=days + 1))]
    soon = soon.assign(passed_on=soon.submitted_at.dt.date, days_left=(soon.expires_on.dt.normalize() - start).dt.days,
                       expires_on=soon.expires_on.dt.date)
    return soon[EXPIRING_COLUMNS].sort_values(["days_left", "employee_id", "module_id"], ignore_index=True)


def redacted(*, frame: pd.DataFrame) -> pd.DataFrame:
    """The same table with each employee's and manager's name replaced by their id."""
    frame = frame.copy()
    for name, employee_id in (("name", "employee_id"), ("manager_name", "manager_id")):
        if name in frame:
            frame[name] = frame[employee_id]
    return frame


def titled(*, frame: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """`frame` with each module's title in a `title` column after `module_id`."""
    frame = frame.copy()
    frame.insert(frame.columns.get_loc("module_id") + 1, "title", frame.module_id.map(titles).fillna(""))
    return frame


def presented(*, name: str, frame: pd.DataFrame, curriculum: Curriculum, language: str) -> pd.DataFrame:
    """A report table as people read it: headings, statuses, roles and modules in the course language.

    The raw role and module ids stay in columns of their own, for other
    systems; times are shown to the minute.
    """
    frame = frame.copy()
    if "role" in frame:
        frame.insert(frame.columns.get_loc("role") + 1, "role_id", frame.role)
        frame["role"] = frame.role.map({role: text(language) for role, text in curriculum.roles.items()}).fillna(frame.role)
    if "title" in frame:  # the title first, its id beside it
        frame.insert(frame.columns.get_loc("module_id"), "title", frame.pop("title"))
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d %H:%M").fillna("")
    if name == "Matrix":
        modules = [column for column in frame.columns if column not in (*EMPLOYEE_COLUMNS, "role_id")]
        titles = {m.id: m.title(language) for m in curriculum.modules}
        for module_id in modules:
            frame[module_id] = status_labels(frame[module_id], language)
        frame = frame.rename(columns={module_id: titles.get(module_id, module_id) for module_id in modules})
    return headed(frame, language)


# A whole report, for one date ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Inputs:
    """Everything the HR reports are computed from, as read from an instance."""

    employees: pd.DataFrame
    enrollments: pd.DataFrame
    submissions: pd.DataFrame
    grades: pd.DataFrame  # graded cells, or their totals per submission (`gradebook_reads.submission_totals`): the same status
    curriculum: Curriculum
    language: str
    review: ReviewSection

    def status(self, as_of: dt.date) -> pd.DataFrame:
        return compute_status(employees=self.employees, enrollments=self.enrollments, submissions=self.submissions,
                              grades=self.grades, curriculum=self.curriculum, as_of=as_of)

    def titles(self) -> dict[str, str]:
        return {m.id: m.title(self.language) for m in self.curriculum.modules}


@dataclasses.dataclass(frozen=True)
class Report:
    """The completion report as of one date: its tables by sheet name, and what the charts show."""

    as_of: dt.date
    tables: dict[str, pd.DataFrame]
    trend: pd.DataFrame  # as_of, overdue: one row per week
    scores: pd.DataFrame  # module_id, title, score_pct: one row per graded submission


def _narrow(table: pd.DataFrame, *, branch: str | None, role: str | None) -> pd.DataFrame:
    for column, value in (("branch", branch), ("role", role)):
        if value is not None:
            table = table[table[column] == value]
    return table.reset_index(drop=True)


def overdue_by_week(*, status: pd.DataFrame, as_of: dt.date, weeks: int = TREND_WEEKS) -> pd.DataFrame:
    """Overdue modules as of each of the last `weeks` weeks, ending on `as_of`, from the status table as of `as_of`.

    Each row tells on which days it was overdue, as `compute_status` would
    have said on each of them: from the day after its due day, once assigned,
    as long as nothing had been submitted by the end of the day. A submission
    after `as_of` is not in the table, and was not in by any earlier day
    either; nor was an assignment made after `as_of`. So one status table
    gives the whole trend.
    """
    dates = [as_of - dt.timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    counts = []
    for date in dates:
        day = pd.Timestamp(date)
        sent = status.submitted_at < day + pd.Timedelta(days=1)  # a missing time compares False: nothing sent
        counts.append(int(((status.assigned_on <= day) & (status.due_on < day) & ~sent).sum()))
    return pd.DataFrame({"as_of": dates, "overdue": counts})


def overdue_trend(*, inputs: Inputs, as_of: dt.date, branch: str | None = None, role: str | None = None, weeks: int = TREND_WEEKS) -> pd.DataFrame:
    """Overdue modules as of each of the last `weeks` weeks, ending on `as_of`, of the employees in `branch` and `role`."""
    return overdue_by_week(status=_narrow(inputs.status(as_of), branch=branch, role=role), as_of=as_of, weeks=weeks)


def build_report(*, inputs: Inputs, as_of: dt.date, branch: str | None = None, role: str | None = None) -> Report:
    """Every table and chart series of the completion report as of `as_of`.

    Raises:
        AcademyError: no enrolled employee is in `branch` or has `role`.
    """
    status = inputs.status(as_of)
    for column, value in (("branch", branch), ("role", role)):
        if value is not None and value not in set(status[column]):
            known = ", ".join(sorted(set(status[column]))) or "none"
            raise AcademyError(f"no enrolled employee matches {column} {value!r}; {column}es: {known}" if column == "branch"
                               else f"no enrolled employee matches {column} {value!r}; {column}s: {known}")
    status = _narrow(status, branch=branch, role=role)
    titles = inputs.titles()
    tables = {
        "Summary": titled(frame=summary(status=status), titles=titles),
        "Matrix": matrix(status=status),
        "Overdue": titled(frame=overdue_list(status=status, employees=inputs.employees, as_of=as_of), titles=titles),
        "Failed": titled(frame=failed_list(status=status, employees=inputs.employees), titles=titles),
        **{f"Expiring {days}d": titled(frame=expiring(status=status, as_of=as_of, days=days), titles=titles) for days in EXPIRY_WINDOWS},
    }
    graded = status[final_scores(status)]
    scores = titled(frame=graded.assign(score_pct=graded.percent * 100)[["module_id", "score_pct"]], titles=titles)
    return Report(as_of=as_of, tables=tables, trend=overdue_by_week(status=status, as_of=as_of), scores=scores)


# Reading the instance and writing files -------------------------------------------------


def read_inputs(*, instance: Path) -> Inputs:
    """The roster, enrollments, submissions, curriculum and settings of an instance, with each submission's total score.

    The database adds up each submission's graded cells
    (`gradebook_reads.submission_totals`): `Inputs.grades` holds one row per graded
    submission, not one per cell, and gives `compute_status` the same scores.
    """
    config, paths = load_config(instance)
    url = database_url(config, paths)
    submissions, totals = gradebook_reads.submission_totals(url, config.course.timezone)
    return Inputs(employees=gradebook_reads.employees(url), enrollments=gradebook_reads.cohort_enrollments(url), submissions=submissions, grades=totals,
                  curriculum=load_curriculum(content_root(config)), language=config.course.language, review=config.review)


def _hr_folder(instance: Path, out: Path | None) -> Path:
    """The folder to write into, created readable by its owner only if it is new.

    Raises:
        AcademyError: the folder cannot be made or written to.
    """
    _, paths = load_config(instance)
    folder = Path(out) if out is not None else paths.reports / "hr"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise AcademyError(f"{folder}: cannot write the reports there ({exc.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise AcademyError(f"{folder}: cannot write the reports there (permission denied)")
    return folder


def write_atomic(*, path: Path, write: Callable[[Path], None], private: bool) -> Path:
    """Write a file through `write(temporary_path)` beside `path`, then rename it into place.

    The temporary file is created readable by its owner only, so private data
    is never exposed, not even while it is being written.
    """
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(descriptor)
    try:
        write(Path(temporary))
        os.chmod(temporary, PRIVATE if private else SHARED)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _write_csv(frame: pd.DataFrame, path: Path, *, private: bool) -> Path:
    # With a byte-order mark Excel reads the file as UTF-8, so Chinese names come out right.
    safe = csv_safe(frame)
    return write_atomic(path=path, write=lambda target: safe.to_csv(target, index=False, encoding="utf-8-sig"), private=private)


def _write_workbook(tables: Mapping[str, pd.DataFrame], path: Path, *, language: str) -> Path:
    """The workbook: one sheet per table, named in the course language, each with a bold, filtered and frozen header.

    Written by rust_xlsxwriter (`rustpy_xlsxwriter`) a row at a time, in
    constant memory: a matrix of 100,000 employees is never held as cells.
    Text is always stored as text, never read as a formula. The matrix's
    status cells are coloured by conditional formats (`labels.STATUS_COLOUR`),
    one rule per status word rather than a style per cell. A table longer
    than a worksheet holds (`EXCEL_ROWS`) goes on over further sheets, named
    ``<name> (2)`` and so on, each with the header: no row is ever dropped.
    """
    import rustpy_xlsxwriter as xlsx

    words = STATUS[language_of(language)]
    header = xlsx.Format().set_bold().set_background_color("#DDE6EE").set_border("thin").set_text_wrap().set_align("top")
    # Excel applies the first rule a cell meets, and a word may begin another ("已通过" and "已通过（逾期提交）"): longest first.
    colours = [{"type": "text", "criteria": "begins_with", "value": words[status], "format": xlsx.Format().set_background_color(f"#{colour}")}
               for status, colour in sorted(STATUS_COLOUR.items(), key=lambda item: -len(words[item[0]]))]

    people = set(headed(pd.DataFrame(columns=[*EMPLOYEE_COLUMNS, "role_id"]), language).columns)  # the matrix's other columns are modules

    def write(target: Path) -> None:
        book = xlsx.FastExcel(str(target)).format(datetime_format="yyyy-mm-dd", inf_value="INF")  # never a blank that hides a fault
        for name, frame in tables.items():
            widths = [min(_display_width(frame[column], str(column)) + 4, 60) for column in frame.columns]
            statuses = [column for column in frame.columns if column not in people] if name == "Matrix" else []
            for part, start in enumerate(range(0, max(len(frame), 1), EXCEL_ROWS), start=1):
                title = SHEET[language_of(language)][name] + (f" ({part})" if part > 1 else "")
                book.sheet(title, frame.iloc[start:start + EXCEL_ROWS], column_widths=widths, header_format=header, autofilter=True,
                           conditional_formats={column: colours for column in statuses} or None)
                book.freeze(row=1, col=2 if name == "Matrix" else 0, sheet=title)  # the names stay in view on the matrix
        book.save()

    return write_atomic(path=path, write=write, private=True)


def _display_width(column: pd.Series, heading: str) -> int:
    """Columns the widest of `column`'s values (or its heading) takes: a Chinese character is about two Latin ones wide."""
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    values = column.dropna().astype(str)
    if values.empty:
        return width(heading)
    # The longest by characters is the widest but for CJK text: measure the longest few of each.
    longest = values.loc[values.str.len().nlargest(20).index]
    return max(width(heading), *(width(text) for text in longest))


def _slug(parts: Iterable[str | None]) -> str:
    """File-name suffix for the report's filters; Chinese branch names are kept."""
    return "".join("-" + re.sub(r"[^\w-]+", "_", part) for part in parts if part)


def completion(
    *,
    instance: Path,
    as_of: dt.date | None = None,
    branch: str | None = None,
    role: str | None = None,
    formats: Iterable[str] = FORMATS,
    out: Path | None = None,
    redact: bool = False,
) -> list[Path]:
    """Write the completion report: Excel workbook, CSV tables and HTML dashboard.

    Args:
        instance: the course instance.
        as_of: the date of the report (default: today).
        branch, role: only employees of this branch or role.
        formats: any of `FORMATS`.
        out: folder to write to (default: ``<instance>/reports/hr``).
        redact: replace names by employee ids.

    Returns:
        The files written.

    Raises:
        AcademyError: an unknown format, branch or role, or an invalid instance.
    """
    formats = list(formats)
    if unknown := [f for f in formats if f not in FORMATS]:
        raise AcademyError(f"unknown report format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    as_of = as_of or today(load_config(instance)[0])
    inputs = read_inputs(instance=instance)
    report = build_report(inputs=inputs, as_of=as_of, branch=branch, role=role)
    if redact:
        report = dataclasses.replace(report, tables={name: redacted(frame=frame) for name, frame in report.tables.items()})
    folder = _hr_folder(instance, out)
    stem = f"completion-{as_of.isoformat()}{_slug([branch, role])}"
    shown = {name: presented(name=name, frame=frame, curriculum=inputs.curriculum, language=inputs.language)
             for name, frame in report.tables.items()}
    written = []
    if "xlsx" in formats:
        written.append(_write_workbook(shown, folder / f"{stem}.xlsx", language=inputs.language))
    if "csv" in formats:
        for name, frame in shown.items():
            file_part, private = TABLES[name]
            written.append(_write_csv(frame, folder / f"{stem}-{file_part}.csv", private=private))
    if "html" in formats:
        from .dashboard import dashboard_html  # it imports this module

        role_title = inputs.curriculum.roles[role](inputs.language) if role else None
        page = dashboard_html(report=report, tables=shown, language=inputs.language,
                              heading=" · ".join(v for v in (branch, role_title) if v))
        written.append(write_atomic(path=folder / f"{stem}-dashboard.html", write=lambda target: target.write_text(page, encoding="utf-8"), private=True))
    return written
