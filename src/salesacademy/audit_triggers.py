"""The database triggers that keep the audit trail of scores and comments.

Every change to a score or comment in nbgrader's ``grade`` and ``comment``
tables is written to ``academy_audit`` by the database itself, so the
formgrader, nbgrader's command line and raw SQL are recorded as surely as the
academy's own commands. One row per field that changed: on INSERT the fields
that are set, on UPDATE those whose value differs, on DELETE those that were
set. ``academy_audit`` itself refuses UPDATE and DELETE.

Who made a change is read from ``academy_audit_context``: a writer that names
itself (`gradebook.audit_source`) has a row there for the length of each of its
transactions, invisible to every other transaction; without one the source is
``direct``.

Values are kept as text in the same form on both databases: numbers as
PostgreSQL prints a double (``5``, ``2.5``), flags as ``true``/``false``.
"""

from __future__ import annotations

#: Audited fields of each nbgrader table, and how each is turned into text.
AUDITED = {
    "grade": {"auto_score": "number", "manual_score": "number", "extra_credit": "number", "needs_manual_grade": "flag"},
    "comment": {"auto_comment": "text", "manual_comment": "text"},
}
COLUMNS = "changed_at, table_name, row_id, employee_id, module_id, item, field, old_value, new_value, source, reason"
APPEND_ONLY = "academy_audit is append-only"

# Who and what a grade or comment row belongs to, in the row's own terms ({row} is NEW or OLD).
_EMPLOYEE = ("(SELECT s.student_id FROM submitted_notebook n JOIN submitted_assignment s ON s.id = n.assignment_id "
             "WHERE n.id = {row}.notebook_id)")
_MODULE = ("(SELECT a.name FROM submitted_notebook n JOIN submitted_assignment s ON s.id = n.assignment_id "
           "JOIN assignment a ON a.id = s.assignment_id WHERE n.id = {row}.notebook_id)")
_ITEM = "(SELECT c.name FROM base_cell c WHERE c.id = {row}.cell_id)"
_LATEST_CONTEXT = "(SELECT {column} FROM academy_audit_context ORDER BY id DESC LIMIT 1)"


def statements(dialect: str) -> list[str]:
    """The DDL that installs the audit triggers on a `dialect` ("sqlite" or "postgresql") gradebook."""
    if dialect == "sqlite":
        return _sqlite()
    if dialect == "postgresql":
        return _postgresql()
    raise ValueError(f"no audit triggers for {dialect!r}")


def _sqlite_text(expression: str, kind: str) -> str:
    if kind == "number":
        return f"CASE WHEN {expression} IS NULL THEN NULL ELSE printf('%.15g', {expression}) END"
    if kind == "flag":
        return f"CASE WHEN {expression} IS NULL THEN NULL WHEN {expression} THEN 'true' ELSE 'false' END"
    return expression


def _sqlite() -> list[str]:
    ddl = []
    for table, fields in AUDITED.items():
        for event in ("INSERT", "UPDATE", "DELETE"):
            row = "OLD" if event == "DELETE" else "NEW"
            inserts = []
            for field, kind in fields.items():
                old = "NULL" if event == "INSERT" else f"OLD.{field}"
                new = "NULL" if event == "DELETE" else f"NEW.{field}"
                inserts.append(
                    f"INSERT INTO academy_audit ({COLUMNS}) SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') || '000', '{table}', {row}.id, "
                    f"{_EMPLOYEE.format(row=row)}, {_MODULE.format(row=row)}, {_ITEM.format(row=row)}, '{field}', "
                    f"{_sqlite_text(old, kind)}, {_sqlite_text(new, kind)}, "
                    f"COALESCE({_LATEST_CONTEXT.format(column='source')}, 'direct'), {_LATEST_CONTEXT.format(column='reason')} "
                    f"WHERE {old} IS NOT {new};"
                )
            columns = f" OF {', '.join(fields)}" if event == "UPDATE" else ""
            body = "\n  ".join(inserts)
            ddl.append(f"CREATE TRIGGER academy_audit_{table}_{event.lower()} AFTER {event}{columns} ON {table} FOR EACH ROW BEGIN\n  {body}\nEND")
    for event in ("UPDATE", "DELETE"):
        ddl.append(f"CREATE TRIGGER academy_audit_no_{event.lower()} BEFORE {event} ON academy_audit "
                   f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
    return ddl


# One function serves both tables: the audited fields come as trigger arguments,
# and rows are read as JSON so a field can be named by a variable.
_PG_RECORD = f"""
CREATE FUNCTION academy_audit_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{{}}'::jsonb ELSE to_jsonb(OLD) END;
    after_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{{}}'::jsonb ELSE to_jsonb(NEW) END;
    subject jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
    audit_source text;
    audit_reason text;
    employee text;
    module text;
    cell text;
    field text;
BEGIN
    SELECT source, reason INTO audit_source, audit_reason FROM academy_audit_context ORDER BY id DESC LIMIT 1;
    SELECT s.student_id, a.name INTO employee, module
      FROM submitted_notebook n JOIN submitted_assignment s ON s.id = n.assignment_id JOIN assignment a ON a.id = s.assignment_id
     WHERE n.id = subject ->> 'notebook_id';
    SELECT c.name INTO cell FROM base_cell c WHERE c.id = subject ->> 'cell_id';
    FOREACH field IN ARRAY TG_ARGV LOOP
        IF before_row ->> field IS DISTINCT FROM after_row ->> field THEN
            INSERT INTO academy_audit ({COLUMNS})
            VALUES (clock_timestamp() AT TIME ZONE 'UTC', TG_TABLE_NAME, subject ->> 'id', employee, module, cell, field,
                    before_row ->> field, after_row ->> field, COALESCE(audit_source, 'direct'), audit_reason);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$"""

_PG_REFUSE = f"""
CREATE FUNCTION academy_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = '{APPEND_ONLY}: ' || TG_OP || ' refused';  -- no percent sign: drivers read it as a parameter
END
$$"""


def _postgresql() -> list[str]:
    ddl = [_PG_RECORD, _PG_REFUSE]
    for table, fields in AUDITED.items():
        names = ", ".join(fields)
        arguments = ", ".join(f"'{field}'" for field in fields)
        ddl.append(f"CREATE TRIGGER academy_audit_{table} AFTER INSERT OR UPDATE OF {names} OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION academy_audit_record({arguments})")
    ddl.append("CREATE TRIGGER academy_audit_append_only BEFORE UPDATE OR DELETE ON academy_audit "
               "FOR EACH ROW EXECUTE FUNCTION academy_audit_refuse()")
    ddl.append("CREATE TRIGGER academy_audit_no_truncate BEFORE TRUNCATE ON academy_audit "
               "FOR EACH STATEMENT EXECUTE FUNCTION academy_audit_refuse()")
    return ddl
