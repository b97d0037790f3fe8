"""The gradebook: nbgrader's tables plus the academy's own, in one database.

nbgrader owns assignments, notebooks, cells, submissions and grades. The
academy adds the roster with its history, enrollments (who must take which
module, by when), releases and the audit trail of every score and comment
change, kept by database triggers (see `audit_triggers`), and each
submission's total score, kept by triggers too (`total_triggers`).
Here are the tables, their upkeep and the transactions that write them;
what the academy reads back for status and reports is in `gradebook_reads`.

The gradebook is SQLite or PostgreSQL; nothing here takes a table lock, so
parallel graders can write at once (SQLite serialises them itself).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import Session, scoped_session

from . import audit_triggers, total_triggers

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


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
