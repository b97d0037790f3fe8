"""The gradebook read back into pandas frames, for status, reports and item analysis.

Everything the academy reads of a submission comes out of `grade_rows`, one
query over nbgrader's tables and the academy's, or, for the whole cohort at
once, `submission_totals`, the same added up per submission by the
database's triggers (`total_triggers`). Small reads go through SQLAlchemy on
one engine per gradebook and process (`reader`), and a block of them can
share one connection (`reading`); the whole cohort's rows come straight from
the driver, a chunk at a time (`read_rows`).

Times come back in the course's time zone, and each row is named after its
module, track and language (`curriculum.Version`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator, Sequence

import pandas as pd
import sqlalchemy as sa
from pandas.api.types import union_categoricals

from . import total_triggers
from .curriculum import module_of, parse_assignment
from .gradebook import add_missing_tables, employee, engine, enrollment, grading_problem


@functools.lru_cache(maxsize=4)
def reader(url: str) -> sa.Engine:
    """The engine this process reads the gradebook at `url` with: SQLAlchemy compiles a query once per engine,
    and a report's few small reads would otherwise each pay for an engine and its compilations.

    It holds no connection between reads (`NullPool`): each read sees the gradebook as it is then, even one
    replaced on disk, and a process forked from this one shares no connection with it.
    """
    from sqlalchemy.pool import NullPool

    return engine(url, poolclass=NullPool)


#: The connection `reading` holds for the reads of one gradebook, as (url, connection), while its block runs.
_held: contextvars.ContextVar[tuple[str, sa.Connection] | None] = contextvars.ContextVar("academy_reading", default=None)


@contextlib.contextmanager
def reading(url: str) -> Iterator[None]:
    """The reads of the gradebook at `url` in this block share one connection: for a few small reads in a row,
    such as one employee's report, where opening each its own (SQLite reads the whole schema each time) would cost more."""
    with reader(url).connect() as connection:
        token = _held.set((url, connection))
        try:
            yield
        finally:
            _held.reset(token)


def read_frame(url: str, query: sa.Executable | str, **params) -> pd.DataFrame:
    statement = sa.text(query) if isinstance(query, str) else query
    held = _held.get()
    if held is not None and held[0] == url:
        return pd.read_sql(statement, held[1], params=params or None)
    with reader(url).connect() as connection:
        return pd.read_sql(statement, connection, params=params or None)


#: Rows `read_rows` takes from the driver at a time.
CHUNK_ROWS = 200_000


def read_rows(url: str, query: str, *, categorical: Sequence[str] = (),
              convert: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> pd.DataFrame:
    """The rows of a plain SQL `query`, straight from the database driver: for the whole cohort's rows at once.

    No SQLAlchemy type conversion on the way (SQLite's dates stay text), so
    millions of rows cost what the driver takes to fetch them. They are read
    `CHUNK_ROWS` at a time, each chunk made compact before the next is
    fetched: the columns `categorical` become categorical, and `convert`
    turns the rest into their types. So only one chunk is ever held as the
    driver's Python objects.
    """
    eng = engine(url)
    try:
        connection = eng.raw_connection()
        try:
            # A PostgreSQL cursor with a name keeps the result on the server and hands it over a chunk at a time.
            cursor = connection.cursor("academy_rows") if eng.dialect.name == "postgresql" else connection.cursor()
            cursor.execute(query)
            parts = []
            while True:
                rows = cursor.fetchmany(CHUNK_ROWS)
                if rows or not parts:  # an empty result still gives its columns
                    part = pd.DataFrame.from_records(rows, columns=[column[0] for column in cursor.description])
                    part = part.astype({column: "category" for column in categorical})
                    parts.append(convert(part) if convert else part)
                if len(rows) < CHUNK_ROWS:
                    break
        finally:
            connection.close()
    finally:
        eng.dispose()
    if len(parts) == 1:
        return parts[0]
    frame = pd.concat([part.drop(columns=list(categorical)) for part in parts], ignore_index=True)
    for column in categorical:  # each chunk has categories of its own
        frame[column] = union_categoricals([part[column] for part in parts])
    return frame[parts[0].columns]


def employees(url: str, ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The roster with inactive staff, or only the employees `ids`."""
    query = sa.select(employee).order_by(employee.c.employee_id)
    return read_frame(url, query if ids is None else query.where(employee.c.employee_id.in_(ids)))


def cohort_enrollments(url: str) -> pd.DataFrame:
    """Every enrollment, as `enrollments` gives them, read at once for the whole cohort; employee and module ids categorical."""
    def typed(part: pd.DataFrame) -> pd.DataFrame:
        for column in ("assigned_on", "due_on"):  # days, as `enrollments` gives them
            part[column] = pd.to_datetime(part[column]).dt.as_unit("s")
        return part

    return read_rows(url, "SELECT employee_id, module_id, assigned_on, due_on FROM academy_enrollment",
                     categorical=("employee_id", "module_id"), convert=typed)


def enrollments(url: str, ids: Sequence[str] | None = None) -> pd.DataFrame:
    query = sa.select(enrollment)
    frame = read_frame(url, query if ids is None else query.where(enrollment.c.employee_id.in_(ids)))
    for column in ("assigned_on", "due_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


# One row per graded cell of every submission: the raw material of status,
# reports and item analysis. nbgrader counts a manual score over the
# automatic one, plus any extra credit.
GRADE_ROWS = """
SELECT sa.student_id AS employee_id, a.name AS assignment, n.name AS notebook, bc.name AS item,
       gc.max_score AS max_score, g.auto_score AS auto_score, g.manual_score AS manual_score,
       g.extra_credit AS extra_credit, g.needs_manual_grade AS needs_manual_grade,
       sa.timestamp AS submitted_at
FROM submitted_assignment sa
JOIN assignment a ON a.id = sa.assignment_id
JOIN submitted_notebook sn ON sn.assignment_id = sa.id
JOIN notebook n ON n.id = sn.notebook_id
JOIN grade g ON g.notebook_id = sn.id
JOIN grade_cells gc ON gc.id = g.cell_id
JOIN base_cell bc ON bc.id = gc.id
"""


def _local(times: pd.Series, timezone: str) -> pd.Series:
    """nbgrader stores naive UTC; due dates are local calendar days, so compare in local time."""
    return pd.to_datetime(times).dt.tz_localize("UTC").dt.tz_convert(timezone).dt.tz_localize(None)


def _of_employees(query: str, ids: Sequence[str] | None) -> sa.TextClause:
    """`query` over nbgrader's submissions (aliased ``sa``), narrowed to the employees `ids` unless None."""
    if ids is None:
        return sa.text(query)
    return sa.text(f"{query} WHERE sa.student_id IN :ids").bindparams(sa.bindparam("ids", list(ids), expanding=True))


def _versions(frame: pd.DataFrame) -> pd.DataFrame:
    """Name each row's module, track and language after its nbgrader assignment (`curriculum.Version`).

    An employee who took two versions of one module (their role or language
    changed) counts by the one they submitted last; the other is left out.
    The new columns are categorical when the assignment names are.
    """
    if frame.empty:
        return frame.assign(module_id=pd.Series(dtype=object), track=pd.Series(dtype=object), language=pd.Series(dtype=object))
    names = frame.assignment.unique()
    versions = {name: parse_assignment(name) for name in names}
    frame["module_id"] = _of_assignment(frame.assignment, {name: module_of(name) for name in names})
    frame["track"] = _of_assignment(frame.assignment, {name: v.track if v else None for name, v in versions.items()})
    frame["language"] = _of_assignment(frame.assignment, {name: v.language if v else None for name, v in versions.items()})
    keys = ["employee_id", "module_id"]
    if not (frame.groupby(keys, observed=True).assignment.nunique() > 1).any():
        return frame
    last = frame.sort_values("submitted_at", kind="stable").drop_duplicates(keys, keep="last")[[*keys, "assignment"]]
    return frame.merge(last, on=[*keys, "assignment"])


def _of_assignment(assignment: pd.Series, values: dict) -> pd.Series:
    """`values` of each row's assignment name: mapped once per name when the names are categorical."""
    if not isinstance(assignment.dtype, pd.CategoricalDtype):
        return assignment.map(values)
    by_name = pd.Categorical([values.get(name) for name in assignment.cat.categories])
    return pd.Series(by_name.take(assignment.cat.codes.to_numpy(), allow_fill=True), index=assignment.index)


def grade_rows(url: str, timezone: str = "UTC", ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every graded cell of every submission (or of the employees `ids`), with its effective score in `score`, times in `timezone`."""
    rows = read_frame(url, _of_employees(GRADE_ROWS, ids))
    for column in ("max_score", "auto_score", "manual_score", "extra_credit"):  # PostgreSQL hands back Decimal objects
        rows[column] = pd.to_numeric(rows[column]).astype(float)
    rows["score"] = rows.manual_score.where(rows.manual_score.notna(), rows.auto_score)
    rows["score"] = rows.score + rows.extra_credit.fillna(0)
    rows["needs_manual_grade"] = rows.needs_manual_grade.astype(bool)
    rows["submitted_at"] = _local(rows.submitted_at, timezone)
    return _versions(rows).reset_index(drop=True)


# One row per submission, its graded cells added up (`total_triggers`): what status and the HR
# reports need, without a row per cell crossing into Python.
SUBMISSION_TOTALS = f"SELECT employee_id, assignment, submitted_at, graded_cells, score, max_score, needs_manual_grade FROM {total_triggers.TABLE}"


def submission_totals(url: str, timezone: str = "UTC") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every submission, and the graded ones with their totals, as the database keeps them (`total_triggers`).

    Returns:
        ``(submissions, totals)``: the first as `submissions` gives it; the
        second one row per graded submission (``score``, ``max_score``,
        ``needs_manual_grade``, ``submitted_at``), the sums of `grade_rows` per
        submission, which `status.compute_status` takes in place of the rows.
        Employee ids and module ids are categorical. An employee who took two
        versions of a module counts by the last one, in each frame, as there.
    """
    add_missing_tables(url)  # a gradebook of an earlier version has no totals yet

    def typed(part: pd.DataFrame) -> pd.DataFrame:
        part["submitted_at"] = _local(part.submitted_at, timezone)
        for column in ("score", "max_score"):
            part[column] = pd.to_numeric(part[column]).astype(float)
        part["needs_manual_grade"] = part.needs_manual_grade.astype(bool)
        return part

    frame = read_rows(url, SUBMISSION_TOTALS, categorical=("employee_id", "assignment"), convert=typed)
    graded = frame.graded_cells > 0
    sent = _versions(frame[["employee_id", "assignment", "submitted_at"]].copy())
    totals = _versions(frame[graded].drop(columns="graded_cells").reset_index(drop=True))
    for table in (sent, totals):
        for column in ("employee_id", "module_id"):
            table[column] = table[column].astype("category")
    return sent.reset_index(drop=True), totals.reset_index(drop=True)


def submissions(url: str, timezone: str = "UTC", ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Submissions nbgrader knows (of the employees `ids` unless None), graded or not yet, times in `timezone`."""
    frame = read_frame(url, _of_employees(
        "SELECT sa.student_id AS employee_id, a.name AS assignment, sa.timestamp AS submitted_at "
        "FROM submitted_assignment sa JOIN assignment a ON a.id = sa.assignment_id", ids))
    frame["submitted_at"] = _local(frame.submitted_at, timezone)
    return _versions(frame).reset_index(drop=True)


def grading_problems(url: str) -> pd.DataFrame:
    """The last grading problem of each submission that had one (none in a gradebook of an earlier version)."""
    eng = engine(url)
    try:
        if not sa.inspect(eng).has_table(grading_problem.name):
            return pd.DataFrame(columns=["employee_id", "module_id", "problem"])
    finally:
        eng.dispose()
    return read_frame(url, sa.select(grading_problem.c.employee_id, grading_problem.c.module_id, grading_problem.c.problem))
