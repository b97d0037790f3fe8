"""`academy audit`: the history of every score and comment, oldest first.

The history is kept by the gradebook's own triggers (see `audit_triggers`),
so it holds changes made by `academy grade`, by trainers in the formgrader
and by anyone writing to the database directly. `history` reads it, narrowed
to one employee, module, item, grader or span of days, with times in the
course's time zone. It names each change's module by the version the employee
took, such as ``03-suitability.frontline.zh``, and each manual grade's grader:
the trainer named in a ``formgrader:GRADER`` or ``manual:GRADER`` source.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zoneinfo
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from . import gradebook, gradebook_reads, labels
from .config import content_root, database_url, load_config
from .curriculum import load_curriculum
from .errors import AcademyError

COLUMNS = ["changed_at", "table_name", "employee_id", "module_id", "item", "field", "old_value", "new_value", "source", "reason"]
TIME_FORMAT = "%Y-%m-%d %H:%M"  # to the minute, in the course time zone named in the heading
NOTHING = {"zh-CN": "没有记录到任何变更", "en": "no recorded changes"}
SHOWN_WIDTH = 40  # terminal columns of a comment shown in the table


def history(*, instance: Path, employee: str | None = None, module: str | None = None, item: str | None = None,
            since: dt.date | None = None, until: dt.date | None = None, grader: str | None = None) -> pd.DataFrame:
    """Every recorded change, oldest first, `changed_at` in the course time zone, with the `grader` of manual grades.

    `since` and `until` are days of the course calendar, both included.

    Raises:
        AcademyError: an employee, module, item or grader the gradebook does not know, or `since` after `until`.
    """
    config, paths = load_config(instance)
    url = database_url(config, paths)
    if since is not None and until is not None and since > until:
        raise AcademyError(f"--since {since} is after --until {until}")
    if module is not None:
        load_curriculum(content_root(config)).module(module)  # an unknown id is an error naming the known ones
    if employee is not None and not _known(url, "SELECT employee_id FROM academy_employee WHERE employee_id = :value "
                                                "UNION SELECT id FROM student WHERE id = :value", employee):
        raise AcademyError(f"unknown employee {employee!r}: neither in the roster nor among nbgrader's students")
    if item is not None and not _known(url, "SELECT c.name FROM base_cell c JOIN notebook n ON n.id = c.notebook_id "
                                            "JOIN assignment a ON a.id = n.assignment_id WHERE c.name = :value"
                                            + (" AND (a.name = :module OR a.name LIKE :versions)" if module else ""), item,
                                            module=module, versions=f"{module}.%" if module else None):
        raise AcademyError(f"unknown item {item!r}" + (f" in module {module!r}" if module else "") + ": no cell of a released notebook has that name")
    audit = gradebook.audit
    # By time first: concurrent writers on PostgreSQL may commit in another order than they drew ids.
    query = sa.select(*(audit.c[column] for column in COLUMNS)).order_by(audit.c.changed_at, audit.c.id)
    for column, value in (("employee_id", employee), ("item", item)):
        if value is not None:
            query = query.where(audit.c[column] == value)
    if module is not None:  # the trail names the nbgrader assignment: one version of the module, or the module itself
        query = query.where(sa.or_(audit.c.module_id == module, audit.c.module_id.like(f"{module}.%")))
    if grader is not None:
        known = graders(url)
        if grader not in known:
            raise AcademyError(f"unknown grader {grader!r}; graders in the audit trail: {', '.join(known) or 'none yet'}")
        query = query.where(audit.c.source.in_([f"{kind}:{grader}" for kind in gradebook.GRADER_SOURCES]))
    zone = zoneinfo.ZoneInfo(config.course.timezone)
    if since is not None:
        query = query.where(audit.c.changed_at >= _utc_start_of(since, zone))
    if until is not None:
        query = query.where(audit.c.changed_at < _utc_start_of(until + dt.timedelta(days=1), zone))
    frame = gradebook_reads.read_frame(url, query)
    for column in COLUMNS[1:]:  # text: missing is None, not NaN
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    frame["changed_at"] = pd.to_datetime(frame.changed_at).dt.tz_localize("UTC").dt.tz_convert(config.course.timezone)
    named = pd.Series([grader_of(source) for source in frame.source], index=frame.index, dtype=object)
    frame["grader"] = named.where(named.notna(), None)
    frame.attrs["language"] = config.course.language  # for `format_history`
    return frame


def grader_of(source: str) -> str | None:
    """The trainer a source names (``formgrader:li.wei`` → ``li.wei``), None for other writers."""
    kind, _, name = source.partition(":")
    return name if kind in gradebook.GRADER_SOURCES and name else None


def graders(url: str) -> list[str]:
    """Every grader named in the audit trail, sorted."""
    audit = gradebook.audit
    sources = gradebook_reads.read_frame(url, sa.select(audit.c.source).distinct().where(
        sa.or_(*(audit.c.source.like(f"{kind}:%") for kind in gradebook.GRADER_SOURCES)))).source
    return sorted({grader_of(source) for source in sources} - {None})


def _utc_start_of(day: dt.date, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The first moment of a course-calendar day as the trail stores times: naive UTC."""
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.timezone.utc).replace(tzinfo=None)


def _known(url: str, query: str, value: str, **params: str | None) -> bool:
    return not gradebook_reads.read_frame(url, query, value=value, **{k: v for k, v in params.items() if v is not None}).empty


def format_history(frame: pd.DataFrame) -> str:
    """The history as a table for the terminal, in the course language (``frame.attrs["language"]``): one change
    per line, ``old → new``, columns aligned for CJK text too."""
    language = labels.language_of(frame.attrs.get("language", "en"))
    if frame.empty:
        return NOTHING[language]
    heading = labels.COLUMN[language]
    zone = frame.changed_at.dt.tz
    rows = [[f"{heading['changed_at']} ({zone})", *(heading[c] for c in ("employee_id", "assignment", "item", "field", "change",
                                                                         "source", "grader", "reason"))]]
    fields, yes_no = labels.AUDIT_FIELD[language], dict(zip(("true", "false"), labels.YES_NO[language]))
    for change in frame.itertuples(index=False):
        kind, _, detail = change.source.partition(":")
        source = labels.AUDIT_SOURCE[language].get(kind, kind)
        if detail and not change.grader:  # the run or the file; a grader has a column of their own
            source = f"{source}:{detail}"
        old, new = (yes_no.get(value, value) if value is not None else None for value in (change.old_value, change.new_value))
        rows.append([change.changed_at.strftime(TIME_FORMAT), _shown(change.employee_id), _shown(change.module_id),
                     _shown(change.item), fields.get(change.field, change.field), f"{_shown(old)} → {_shown(new)}", source,
                     _shown(change.grader), _shown(change.reason)])
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)).rstrip() for row in rows)


def _shown(value) -> str:
    """A value on one line, long comments cut short; a missing value as a dash."""
    if value is None:
        return "–"
    text = " ".join(str(value).split())
    while _width(text) > SHOWN_WIDTH:
        text = text[:-2] + "…"
    return text


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
