"""`academy roster import`: who works at the bank, in which branch and role.

An import is all or nothing. The file is checked completely first; any
problem rejects the whole file with every problem listed as
``file:row:column: reason``, and nothing is written. A valid file is the
complete roster: people in it are added or updated, people missing from it
are marked inactive (never deleted, so their grades stay), and every change
is kept in the employee history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from .config import database_url, load_config
from .curriculum import load_curriculum
from .config import content_root
from .errors import AcademyError
from .gradebook import EMPLOYEE_FIELDS, employee, employee_history, now, roster_import, transaction

COLUMNS = ("employee_id", *EMPLOYEE_FIELDS)
LANGUAGES = ("zh-CN", "en")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")  # safe in paths and nbgrader's exchange names
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclasses.dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    deactivated: int
    unchanged: int


def read_roster(path: Path) -> pd.DataFrame:
    """The roster file as text cells, whatever its format (CSV or XLSX)."""
    path = Path(path)
    if not path.is_file():
        raise AcademyError(f"{path}: file not found")
    try:
        if path.suffix.lower() == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif path.suffix.lower() == ".xlsx":
            frame = pd.read_excel(path, dtype=object, engine="openpyxl").fillna("")
            frame = frame.map(lambda v: v.strftime("%Y-%m-%d") if isinstance(v, (dt.date, pd.Timestamp)) else str(v))
        else:
            raise AcademyError(f"{path}: unsupported roster format {path.suffix!r}; use .csv or .xlsx")
    except AcademyError:
        raise
    except pd.errors.EmptyDataError:
        raise AcademyError(f"{path.name}: the file is empty; expected a header row with {', '.join(COLUMNS)}") from None
    except UnicodeDecodeError:
        raise AcademyError(f"{path.name}: not UTF-8 text; save the roster as UTF-8 CSV or as XLSX") from None
    except Exception as exc:  # pandas and openpyxl raise many kinds for a damaged file
        raise AcademyError(f"{path.name}: cannot read roster ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'unreadable'})") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.map(lambda v: str(v).strip())


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?", text) else None
    except ValueError:
        return None


def validate_roster(frame: pd.DataFrame, *, file_name: str, roles: set[str], today: dt.date) -> list[str]:
    """Every problem in the roster, as ``file:row:column: reason`` lines (row 1 is the header)."""
    problems = [f"{file_name}:1:{column}: missing column" for column in COLUMNS if column not in frame.columns]
    problems += [f"{file_name}:1:{column}: unknown column (expected {', '.join(COLUMNS)})" for column in frame.columns if column not in COLUMNS]
    if problems:
        return problems
    if frame.empty:
        return [f"{file_name}:2:employee_id: no employees in the file"]
    ids = set(frame.employee_id)
    seen: dict[str, int] = {}
    for position, row in enumerate(frame.itertuples(index=False), start=2):
        def bad(column: str, reason: str) -> None:
            problems.append(f"{file_name}:{position}:{column}: {reason}")

        if not _ID.match(row.employee_id):
            bad("employee_id", f"{row.employee_id!r} is not a valid id (letters, digits, '_', '.', '-')")
        elif row.employee_id in seen:
            bad("employee_id", f"duplicate id {row.employee_id!r} (first on row {seen[row.employee_id]})")
        else:
            seen[row.employee_id] = position
        for column in ("name", "branch", "department"):
            if not getattr(row, column):
                bad(column, "empty")
        if row.role not in roles:
            bad("role", f"unknown role {row.role!r} (the curriculum has: {', '.join(sorted(roles))})")
        if row.manager_id and row.manager_id not in ids:
            bad("manager_id", f"manager {row.manager_id!r} is not in the roster")
        elif row.manager_id == row.employee_id:
            bad("manager_id", "an employee cannot be their own manager")
        hired = _date(row.hire_date)
        if hired is None:
            bad("hire_date", f"{row.hire_date!r} is not a date (use YYYY-MM-DD)")
        elif hired > today:
            bad("hire_date", f"{row.hire_date} is in the future")
        if not _EMAIL.match(row.email):
            bad("email", f"{row.email!r} is not an e-mail address")
        if row.language not in LANGUAGES:
            bad("language", f"{row.language!r} is not one of {', '.join(LANGUAGES)}")
    return problems


def _record(row) -> dict:
    return {**{f: getattr(row, f) for f in EMPLOYEE_FIELDS}, "manager_id": row.manager_id or None, "hire_date": _date(row.hire_date)}


def import_roster(*, instance: Path, file: Path) -> ImportSummary:
    """Replace the active roster with `file`, atomically.

    Raises:
        AcademyError: the file has problems; `problems` lists each one. Nothing was written.
    """
    config, paths = load_config(instance)
    curriculum = load_curriculum(content_root(config))
    frame = read_roster(file)
    problems = validate_roster(frame, file_name=Path(file).name, roles=set(curriculum.roles), today=dt.date.today())
    if problems:
        raise AcademyError(f"{Path(file).name}: roster rejected, {len(problems)} problem(s); nothing was imported", problems=problems)
    counts = {"added": 0, "updated": 0, "deactivated": 0, "unchanged": 0}
    with transaction(database_url(config, paths)) as db:
        current = {r.employee_id: r for r in db.execute(sa.select(employee))}
        import_id = db.execute(
            roster_import.insert().values(file_name=Path(file).name, sha256=hashlib.sha256(Path(file).read_bytes()).hexdigest(),
                                          imported_at=now(), added=0, updated=0, deactivated=0, unchanged=0)
        ).inserted_primary_key[0]

        def remember(employee_id: str, change: str, values: dict) -> None:
            snapshot = json.dumps({k: str(v) if v is not None else None for k, v in values.items()}, ensure_ascii=False)
            db.execute(employee_history.insert().values(employee_id=employee_id, import_id=import_id, change=change, snapshot=snapshot))
            counts["added" if change == "added" else "deactivated" if change == "deactivated" else "updated"] += 1

        for row in frame.itertuples(index=False):
            values = _record(row)
            old = current.get(row.employee_id)
            if old is None:
                db.execute(employee.insert().values(employee_id=row.employee_id, active=True, **values))
                remember(row.employee_id, "added", values)
            elif not old.active or any(getattr(old, k) != v for k, v in values.items()):
                db.execute(employee.update().where(employee.c.employee_id == row.employee_id).values(active=True, **values))
                remember(row.employee_id, "updated" if old.active else "reactivated", values)
            else:
                counts["unchanged"] += 1
            _upsert_student(db, row.employee_id, values["name"], values["email"])
        for employee_id, old in current.items():
            if old.active and employee_id not in set(frame.employee_id):
                db.execute(employee.update().where(employee.c.employee_id == employee_id).values(active=False))
                remember(employee_id, "deactivated", {f: getattr(old, f) for f in EMPLOYEE_FIELDS})
        db.execute(roster_import.update().where(roster_import.c.id == import_id).values(**counts))
    return ImportSummary(**counts)


def _upsert_student(db: sa.Connection, employee_id: str, name: str, email: str) -> None:
    """Keep nbgrader's student table in step, so the formgrader shows names."""
    student = sa.table("student", sa.column("id"), sa.column("first_name"), sa.column("last_name"), sa.column("email"))
    values = {"first_name": "", "last_name": name, "email": email}
    if db.execute(sa.select(student.c.id).where(student.c.id == employee_id)).first():
        db.execute(student.update().where(student.c.id == employee_id).values(**values))
    else:
        db.execute(student.insert().values(id=employee_id, **values))
