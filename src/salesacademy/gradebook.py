"""The gradebook: nbgrader's tables plus the academy's own, in one database.

nbgrader owns assignments, notebooks, cells, submissions and grades. The
academy adds the roster with its history, enrollments (who must take which
module, by when) and releases. Everything the academy reads back for status
and reports comes out of `grade_rows`, one query over both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text

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


def engine(url: str) -> sa.Engine:
    """An engine on the gradebook; SQLite waits for locks rather than failing at once."""
    if url.startswith("sqlite"):
        eng = sa.create_engine(url, connect_args={"timeout": 60})

        @sa.event.listens_for(eng, "connect")
        def _pragmas(connection, _record):  # foreign keys are off in SQLite unless asked for
            connection.execute("PRAGMA foreign_keys=ON")

        return eng
    return sa.create_engine(url, pool_pre_ping=True)


def create_schema(url: str, course_id: str) -> None:
    """Create nbgrader's tables (with the course row) and the academy's."""
    from nbgrader.api import Gradebook  # heavy import, only when a gradebook is created

    # nbgrader runs the `alembic` command to stamp a new database; it lives
    # beside this interpreter, which is not on PATH when the venv is not active.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    with Gradebook(url, course_id):
        pass
    eng = engine(url)
    metadata.create_all(eng)
    if url.startswith("sqlite"):
        with eng.connect() as connection:  # readers never wait for the writer; set once, kept in the file
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    eng.dispose()


@contextlib.contextmanager
def transaction(url: str) -> Iterator[sa.Connection]:
    """One atomic unit of work: everything or nothing is written."""
    eng = engine(url)
    try:
        with eng.begin() as connection:
            yield connection
    finally:
        eng.dispose()


def read_frame(url: str, query: sa.Executable | str, **params) -> pd.DataFrame:
    eng = engine(url)
    try:
        with eng.connect() as connection:
            statement = sa.text(query) if isinstance(query, str) else query
            return pd.read_sql(statement, connection, params=params or None)
    finally:
        eng.dispose()


def employees(url: str) -> pd.DataFrame:
    return read_frame(url, sa.select(employee).order_by(employee.c.employee_id))


def enrollments(url: str) -> pd.DataFrame:
    frame = read_frame(url, sa.select(enrollment))
    for column in ("assigned_on", "due_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


# One row per graded cell of every submission: the raw material of status,
# reports and item analysis. nbgrader counts a manual score over the
# automatic one, plus any extra credit.
GRADE_ROWS = """
SELECT sa.student_id AS employee_id, a.name AS module_id, n.name AS notebook, bc.name AS item,
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


def grade_rows(url: str, timezone: str = "UTC") -> pd.DataFrame:
    """Every graded cell of every submission, with its effective score in `score`, times in `timezone`."""
    rows = read_frame(url, GRADE_ROWS)
    rows["score"] = rows.manual_score.where(rows.manual_score.notna(), rows.auto_score)
    rows["score"] = rows.score + rows.extra_credit.fillna(0)
    rows["needs_manual_grade"] = rows.needs_manual_grade.astype(bool)
    rows["submitted_at"] = _local(rows.submitted_at, timezone)
    return rows


def submissions(url: str, timezone: str = "UTC") -> pd.DataFrame:
    """Submissions nbgrader knows, whether or not they have been graded yet, times in `timezone`."""
    frame = read_frame(
        url,
        "SELECT sa.student_id AS employee_id, a.name AS module_id, sa.timestamp AS submitted_at "
        "FROM submitted_assignment sa JOIN assignment a ON a.id = sa.assignment_id",
    )
    frame["submitted_at"] = _local(frame.submitted_at, timezone)
    return frame


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
