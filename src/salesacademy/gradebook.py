"""The gradebook: nbgrader's tables plus the academy's own, in one database.

nbgrader owns assignments, notebooks, cells, submissions and grades. The
academy adds the roster with its history, enrollments (who must take which
module, by when), releases and the audit trail of every score and comment
change, kept by database triggers (see `audit_triggers`), and each
submission's total score, kept by triggers too (`total_triggers`).
Everything the academy reads back for status and reports comes out of
`grade_rows`, one query over both, or, for the whole cohort at once,
`submission_totals`, the same added up per submission.

The gradebook is SQLite or PostgreSQL; nothing here takes a table lock, so
parallel graders can write at once (SQLite serialises them itself).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from pandas.api.types import union_categoricals
from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import Session, scoped_session

from . import audit_triggers, total_triggers
from .curriculum import module_of, parse_assignment

metadata = MetaData()

roster_import = Table(
    "academy_roster_import",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", String(512), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("added", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("deactivated", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
)

EMPLOYEE_FIELDS = ("name", "branch", "department", "role", "manager_id", "hire_date", "email", "language")

employee = Table(
    "academy_employee",
    metadata,
    Column("employee_id", String(64), primary_key=True),
    Column("name", String(256), nullable=False),
    Column("branch", String(128), nullable=False),
    Column("department", String(128), nullable=False),
    Column("role", String(64), nullable=False),
    Column("manager_id", String(64)),
    Column("hire_date", Date, nullable=False),
    Column("email", String(256), nullable=False),
    Column("language", String(8), nullable=False),
    Column("active", Boolean, nullable=False),
)

employee_history = Table(
    "academy_employee_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("employee_id", String(64), ForeignKey("academy_employee.employee_id"), nullable=False),
    Column("import_id", Integer, ForeignKey("academy_roster_import.id"), nullable=False),
    Column("change", String(16), nullable=False),  # added, updated, deactivated, reactivated
    Column("snapshot", Text, nullable=False),  # JSON of the employee's fields after the change
)

release = Table(
    "academy_release",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("module_id", String(64), nullable=False),
    Column("version", String(32), nullable=False),
    Column("language", String(8), nullable=False),
    Column("points", Float, nullable=False),
    Column("released_at", DateTime, nullable=False),
)

enrollment = Table(
    "academy_enrollment",
    metadata,
    Column("employee_id", String(64), ForeignKey("academy_employee.employee_id"), primary_key=True),
    Column("module_id", String(64), primary_key=True),
    Column("assigned_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
)

# Written only by the triggers of `audit_triggers`; they refuse UPDATE and DELETE.
audit = Table(
    "academy_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("changed_at", DateTime, nullable=False),  # UTC
    Column("table_name", String(64), nullable=False),  # grade or comment
    Column("row_id", String(32), nullable=False),
    Column("employee_id", String(128)),
    Column("module_id", String(128)),
    Column("item", String(128)),  # the cell name
    Column("field", String(64), nullable=False),
    Column("old_value", Text),
    Column("new_value", Text),
    Column("source", String(512), nullable=False),  # autograde:RUN, formgrader:GRADER, manual:GRADER, import:FILE or direct
    Column("reason", Text),
    Index("academy_audit_employee", "employee_id", "module_id"),
)

# Who is writing, one row per open transaction of a writer that said so (`audit_source`).
# A row is deleted before its transaction commits, so no other transaction ever sees it.
audit_context = Table(
    "academy_audit_context",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(512), nullable=False),
    Column("reason", Text),
)

AUDIT_SOURCES = ("autograde", "formgrader", "manual", "import", "direct")
#: Sources whose name after the colon is the trainer who gave the grade.
GRADER_SOURCES = ("formgrader", "manual")


# Why the last grading of a submission could not run it to the end (kernel stopped, file
# unreadable, files left out); written with the scores, in the same transaction.
grading_problem = Table(
    "academy_grading_problem",
    metadata,
    Column("employee_id", String(64), primary_key=True),
    Column("module_id", String(64), primary_key=True),
    Column("run_id", String(64), nullable=False),
    Column("problem", Text, nullable=False),
)


# Each submission's graded cells added up, kept by the database's triggers (`total_triggers`):
# what HR's reports read for the whole cohort.
submission_total = Table(
    total_triggers.TABLE,
    metadata,
    Column("submission_id", String(32), primary_key=True),  # nbgrader's submitted_assignment.id
    Column("employee_id", String(128), nullable=False),
    Column("assignment", String(128), nullable=False),
    Column("submitted_at", DateTime),  # naive UTC, as nbgrader keeps it
    Column("graded_cells", Integer, nullable=False),  # 0: nothing graded yet
    Column("score", Float, nullable=False),
    Column("max_score", Float),
    Column("needs_manual_grade", Integer, nullable=False),  # 1 when a trainer still has a cell to grade
)


def grading_problems(url: str) -> pd.DataFrame:
    """The last grading problem of each submission that had one (none in a gradebook of an earlier version)."""
    eng = engine(url)
    try:
        if not sa.inspect(eng).has_table(grading_problem.name):
            return pd.DataFrame(columns=["employee_id", "module_id", "problem"])
    finally:
        eng.dispose()
    return read_frame(url, sa.select(grading_problem.c.employee_id, grading_problem.c.module_id, grading_problem.c.problem))


# nbgrader indexes its tables for lookups by assignment, notebook and cell; reports read
# one employee at a time, and the submission totals are recomputed per submission: these serve both.
EMPLOYEE_INDEXES = {
    "academy_submission_employee": ("submitted_assignment", "student_id"),
    "academy_submitted_notebook_submission": ("submitted_notebook", "assignment_id"),
    "academy_grade_submitted_notebook": ("grade", "notebook_id"),
}


def _add_employee_indexes(connection: sa.Connection) -> None:
    for name, (table, column) in EMPLOYEE_INDEXES.items():
        connection.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def add_missing_tables(url: str) -> None:
    """Create the academy tables, indexes and triggers that a gradebook made by an earlier version lacks.

    The submission totals are computed from every cell once, with their
    triggers installed in the same transaction, so no grade written meanwhile
    is missed.
    """
    eng = engine(url)
    try:
        metadata.create_all(eng, tables=[grading_problem])
        with eng.begin() as connection:
            _add_employee_indexes(connection)
        if not sa.inspect(eng).has_table(submission_total.name):
            _add_submission_totals(eng)
    finally:
        eng.dispose()


def _add_submission_totals(eng: sa.Engine) -> None:
    """Create `submission_total`, its triggers and every total, in one transaction taken before anything is read."""
    dialect = eng.dialect.name
    ddl = [*total_triggers.statements(dialect), *total_triggers.fill(dialect)]
    if dialect == "sqlite":  # pysqlite would commit each statement of DDL on its own
        connection = eng.raw_connection()
        try:
            database = connection.driver_connection
            database.isolation_level = None
            database.execute("BEGIN IMMEDIATE")  # the write lock first: another process may be adding them too
            try:
                if not database.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (submission_total.name,)).fetchone():
                    database.execute(str(sa.schema.CreateTable(submission_total).compile(eng)))
                    for statement in ddl:
                        database.execute(statement)
                database.execute("COMMIT")
            except BaseException:
                database.execute("ROLLBACK")
                raise
        finally:
            connection.close()
        return
    with eng.begin() as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock(hashtext('{submission_total.name}'))")
        if not sa.inspect(connection).has_table(submission_total.name):
            submission_total.create(connection)
            for statement in ddl:
                connection.exec_driver_sql(statement)


def engine(url: str, **options) -> sa.Engine:
    """An engine on the gradebook (`options` go to `sqlalchemy.create_engine`); SQLite waits for locks rather than failing at once."""
    if url.startswith("sqlite"):
        eng = sa.create_engine(url, connect_args={"timeout": 60}, **options)

        @sa.event.listens_for(eng, "connect")
        def _pragmas(connection, _record):  # foreign keys are off in SQLite unless asked for
            connection.execute("PRAGMA foreign_keys=ON")

        return eng
    return sa.create_engine(url, pool_pre_ping=True, **options)


@functools.lru_cache(maxsize=4)
def reader(url: str) -> sa.Engine:
    """The engine this process reads the gradebook at `url` with: SQLAlchemy compiles a query once per engine,
    and a report's few small reads would otherwise each pay for an engine and its compilations.

    It holds no connection between reads (`NullPool`): each read sees the gradebook as it is then, even one
    replaced on disk, and a process forked from this one shares no connection with it.
    """
    from sqlalchemy.pool import NullPool

    return engine(url, poolclass=NullPool)


def create_schema(url: str, course_id: str) -> None:
    """Create nbgrader's tables (with the course row), the academy's and the audit triggers, in an empty database.

    Raises:
        ValueError: the database already holds tables; nothing was written to it.
    """
    from nbgrader.api import Gradebook  # heavy import, only when a gradebook is created

    eng = engine(url)
    try:
        existing = sa.inspect(eng).get_table_names()
    finally:
        eng.dispose()
    if existing:
        raise ValueError(f"the database is not empty (it has {len(existing)} table(s), such as {sorted(existing)[0]!r}); give an empty one")

    # nbgrader runs the `alembic` command to stamp a new database; it lives
    # beside this interpreter, which is not on PATH when the venv is not active.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    with Gradebook(url, course_id):
        pass
    eng = engine(url)
    with eng.begin() as connection:
        metadata.create_all(connection)
        _add_employee_indexes(connection)
        for statement in [*audit_triggers.statements(connection.dialect.name), *total_triggers.statements(connection.dialect.name)]:
            connection.exec_driver_sql(statement)
    if url.startswith("sqlite"):
        with eng.connect() as connection:  # readers never wait for the writer; set once, kept in the file
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    eng.dispose()


class _AuditMarker:
    """Keeps one `audit_context` row in each transaction a writer runs, from its start until just before commit."""

    def __init__(self, source: str, reason: str | None) -> None:
        self.values = {"source": source, "reason": reason}
        self.rows: dict[sa.Connection, int] = {}
        self.watched: set[sa.Engine] = set()
        self.listeners: list[tuple[object, str, Callable]] = []

    def listen(self, target: object, name: str, listener: Callable) -> None:
        sa.event.listen(target, name, listener)
        self.listeners.append((target, name, listener))

    def mark(self, connection: sa.Connection) -> None:
        """A transaction is under way on `connection`: name the writer in it."""
        if connection in self.rows:
            return
        # Watched on the engine, which a session's new Connection for each transaction shares:
        # a long block holds its open transactions' connections only.
        if connection.engine not in self.watched:
            self.watched.add(connection.engine)
            self.listen(connection.engine, "commit", self.unmark)
            self.listen(connection.engine, "rollback", self.forget)
        self.rows[connection] = connection.execute(audit_context.insert().values(**self.values)).inserted_primary_key[0]

    def unmark(self, connection: sa.Connection) -> None:
        row = self.rows.pop(connection, None)
        if row is not None:
            connection.execute(audit_context.delete().where(audit_context.c.id == row))

    def forget(self, connection: sa.Connection) -> None:
        self.rows.pop(connection, None)  # rolled back, and the row with it

    def close(self, failing: bool) -> None:
        for target, name, listener in reversed(self.listeners):
            if sa.event.contains(target, name, listener):
                sa.event.remove(target, name, listener)
        for connection in list(self.rows):
            if connection.closed or not connection.in_transaction():
                continue
            try:
                self.unmark(connection)
            except sa.exc.DBAPIError:
                if not failing:
                    raise
                # the block failed and left the transaction unusable: it can only be rolled back, row included


@contextlib.contextmanager
def audit_source(target: sa.Connection | Session | scoped_session, source: str, reason: str | None = None) -> Iterator[None]:
    """Record `source` and `reason` in the audit trail for every score or comment `target` changes inside the block.

    `target` is a Connection or an ORM Session (nbgrader's ``Gradebook.db``).
    Commits inside the block are fine: each transaction the block runs carries
    the source from its start to its commit. A transaction still open when the
    block ends keeps it only until then, so commit before leaving the block.

    Args:
        source: ``autograde:<run id>``, ``formgrader:<grader>`` (a trainer in the formgrader),
            ``manual:<grader>`` (grades given another way), ``import:<file>`` or ``direct``.
        reason: Why, in a few words; optional.
    """
    kind = source.split(":", 1)[0]
    if kind not in AUDIT_SOURCES or (kind != "direct" and not source.partition(":")[2]):
        raise ValueError(f"audit source {source!r} is not one of {', '.join(k + ':...' for k in AUDIT_SOURCES[:-1])} or direct")
    marker = _AuditMarker(source, reason)
    failing = False
    try:
        if isinstance(target, sa.Connection):
            if target.in_transaction():
                marker.mark(target)
            # SQLAlchemy lets a begin listener run statements on the connection that is beginning.
            marker.listen(target, "begin", marker.mark)
        else:
            session = target() if isinstance(target, scoped_session) else target
            marker.listen(session, "after_begin", lambda _session, _transaction, connection: marker.mark(connection))
            marker.mark(session.connection())
        yield
    except BaseException:
        failing = True
        raise
    finally:
        marker.close(failing)


@contextlib.contextmanager
def transaction(url: str) -> Iterator[sa.Connection]:
    """One atomic unit of work: everything or nothing is written."""
    eng = engine(url)
    try:
        with eng.begin() as connection:
            yield connection
    finally:
        eng.dispose()


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


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
