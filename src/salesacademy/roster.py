"""`academy roster import`: who works at the bank, in which branch and role.

An import is all or nothing. The file is checked completely first; any
problem rejects the whole file with every problem listed as
``file:row:column: reason``, and nothing is written. A valid file is the
complete roster: people in it are added or updated, people missing from it
are marked inactive (never deleted, so their grades stay), and every change
is kept in the employee history.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from .config import database_url, load_config, today
from .curriculum import load_curriculum
from .config import content_root
from .errors import AcademyError
from .gradebook import EMPLOYEE_FIELDS, employee, employee_history, now, roster_import, transaction

COLUMNS = ("employee_id", *EMPLOYEE_FIELDS)
LANGUAGES = ("zh-CN", "en")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")  # safe in paths and nbgrader's exchange names
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Longest text each column may hold: the width of its column in the gradebook (hire_date is checked as a date).
_LIMITS = {column: employee.c[column].type.length for column in COLUMNS if isinstance(employee.c[column].type, sa.String)}


@dataclasses.dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    deactivated: int
    unchanged: int


def read_roster(path: Path) -> pd.DataFrame:
    """The roster file as text cells, whatever its format (CSV or XLSX).

    Cells are stripped; blank rows, and blank columns without a heading, are dropped.
    Columns keep the header's names as written, duplicates included, for
    `validate_roster` to judge. The index counts the rows after the header as
    they sit in the file, so row ``index + 2`` is the row a spreadsheet shows.

    Raises:
        AcademyError: the file is missing, unreadable or not a table, or a row
            has more cells than the header.
    """
    path = Path(path)
    if not path.is_file():
        raise AcademyError(f"{path}: file not found")
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise AcademyError(f"{path}: unsupported roster format {path.suffix!r}; use .csv or .xlsx")
    try:
        rows = reader(path)
    except AcademyError:
        raise
    except UnicodeDecodeError:
        raise AcademyError(f"{path.name}: not UTF-8 text; save the roster as UTF-8 CSV or as XLSX") from None
    except Exception as exc:  # openpyxl and zipfile raise many kinds for a damaged workbook
        raise AcademyError(f"{path.name}: cannot read roster ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'unreadable'})") from None
    numbered = [(number, [cell.strip() for cell in row]) for number, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not numbered:
        raise AcademyError(f"{path.name}: the file is empty; expected a header row with {', '.join(COLUMNS)}")
    (header_at, header), body = numbered[0], numbered[1:]
    width = len(header)
    if overfull := [f"{path.name}:{number - header_at + 1}: {len(cells)} cells, but the header has {width} columns"
                    for number, cells in body if any(cells[width:])]:
        raise AcademyError(f"{path.name}: roster rejected, {len(overfull)} problem(s); nothing was imported", problems=overfull)
    cells = [(row + [""] * width)[:width] for _, row in body]
    frame = pd.DataFrame(cells, columns=header, index=[number - header_at - 1 for number, _ in body], dtype=object)
    keep = [i for i, name in enumerate(header) if name or any(row[i] for row in cells)]  # a trailing comma in the header
    return frame.iloc[:, keep]


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file, strict=True)
        try:
            return list(reader)
        except csv.Error as exc:
            raise AcademyError(f"{path.name}:{reader.line_num}: not valid CSV ({exc})") from None


def _xlsx_rows(path: Path) -> list[list[str]]:
    """The cells of the first sheet as text; dates as YYYY-MM-DD, formulas as their last computed value."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            return []
        return [[_cell_text(value) for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):  # datetime included: a hire date typed into Excel
        return value.strftime("%Y-%m-%d")
    return str(value)


_READERS = {".csv": _csv_rows, ".xlsx": _xlsx_rows}


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?", text) else None
    except ValueError:
        return None


def _shown(text: str) -> str:
    """`text` quoted for a problem line, cut short so one huge cell cannot flood the screen."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def validate_roster(frame: pd.DataFrame, *, file_name: str, roles: set[str], today: dt.date) -> list[str]:
    """Every problem in the roster, as ``file:row:column: reason`` lines.

    Row 1 is the header; a data row's number is its index + 2 (see `read_roster`).
    """
    header = list(frame.columns)
    problems = [f"{file_name}:1:{column}: missing column" for column in COLUMNS if column not in header]
    problems += [f"{file_name}:1:{column or f'column {i}'}: unknown column (expected {', '.join(COLUMNS)})"
                 for i, column in enumerate(header, start=1) if column not in COLUMNS]
    problems += [f"{file_name}:1:{column}: duplicate column" for column in COLUMNS if header.count(column) > 1]
    if problems:
        return problems
    if frame.empty:
        return [f"{file_name}:2:employee_id: no employees in the file"]
    ids = set(frame.employee_id)
    seen: dict[str, int] = {}
    managers: dict[str, tuple[str, int]] = {}
    for position, row in zip(frame.index + 2, frame.itertuples(index=False)):
        def bad(column: str, reason: str) -> None:
            problems.append(f"{file_name}:{position}:{column}: {reason}")

        for column in COLUMNS:
            text = getattr(row, column)
            if _CONTROL.search(text):
                bad(column, "contains a control character (a tab, line break or similar)")
            if column in _LIMITS and len(text) > _LIMITS[column]:
                bad(column, f"longer than {_LIMITS[column]} characters")
        if not _ID.fullmatch(row.employee_id):
            bad("employee_id", f"{_shown(row.employee_id)} is not a valid id (letters, digits, '_', '.', '-')")
        elif row.employee_id in seen:
            bad("employee_id", f"duplicate id {_shown(row.employee_id)} (first on row {seen[row.employee_id]})")
        else:
            seen[row.employee_id] = position
            if row.manager_id and row.manager_id != row.employee_id:
                managers[row.employee_id] = (row.manager_id, position)
        for column in ("name", "branch", "department"):
            if not getattr(row, column):
                bad(column, "empty")
        if row.role not in roles:
            bad("role", f"unknown role {_shown(row.role)} (the curriculum has: {', '.join(sorted(roles))})")
        if row.manager_id and row.manager_id not in ids:
            bad("manager_id", f"manager {_shown(row.manager_id)} is not in the roster")
        elif row.manager_id == row.employee_id:
            bad("manager_id", "an employee cannot be their own manager")
        hired = _date(row.hire_date)
        if hired is None:
            bad("hire_date", f"{_shown(row.hire_date)} is not a date (use YYYY-MM-DD)")
        elif hired > today:
            bad("hire_date", f"{row.hire_date} is in the future")
        if not _EMAIL.fullmatch(row.email):
            bad("email", f"{_shown(row.email)} is not an e-mail address")
        if row.language not in LANGUAGES:
            bad("language", f"{_shown(row.language)} is not one of {', '.join(LANGUAGES)}")
    for loop in _manager_loops({employee_id: manager for employee_id, (manager, _) in managers.items()}):
        first = min(managers[employee_id][1] for employee_id in loop)
        problems.append(f"{file_name}:{first}:manager_id: managers form a loop: {' → '.join([*loop, loop[0]])}")
    return problems


def _manager_loops(managers: dict[str, str]) -> list[list[str]]:
    """Each loop in the chains of `managers` (employee id: manager's id), such as A reports to B who reports to A.

    Each loop is listed once, in the order its chain runs.
    """
    loops, finished = [], set()
    for start in managers:
        chain: list[str] = []
        employee_id = start
        while employee_id in managers and employee_id not in finished and employee_id not in chain:
            chain.append(employee_id)
            employee_id = managers[employee_id]
        if employee_id in chain:
            loops.append(chain[chain.index(employee_id):])
        finished.update(chain)
    return loops


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
    problems = validate_roster(frame, file_name=Path(file).name, roles=set(curriculum.roles), today=today(config))
    if problems:
        raise AcademyError(f"{Path(file).name}: roster rejected, {len(problems)} problem(s); nothing was imported", problems=problems)
    counts = {"added": 0, "updated": 0, "deactivated": 0, "unchanged": 0}
    with transaction(database_url(config, paths)) as db:
        current = {r.employee_id: r for r in db.execute(sa.select(employee))}
        import_id = db.execute(
            roster_import.insert().values(file_name=_readable(Path(file).name), sha256=hashlib.sha256(Path(file).read_bytes()).hexdigest(),
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


def _readable(file_name: str) -> str:
    """`file_name` as text a database can store: bytes that are not UTF-8 (a GBK name from a zip) as \\x escapes."""
    return file_name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _upsert_student(db: sa.Connection, employee_id: str, name: str, email: str) -> None:
    """Keep nbgrader's student table in step, so the formgrader shows names."""
    student = sa.table("student", sa.column("id"), sa.column("first_name"), sa.column("last_name"), sa.column("email"))
    values = {"first_name": "", "last_name": name, "email": email}
    if db.execute(sa.select(student.c.id).where(student.c.id == employee_id)).first():
        db.execute(student.update().where(student.c.id == employee_id).values(**values))
    else:
        db.execute(student.insert().values(id=employee_id, **values))
