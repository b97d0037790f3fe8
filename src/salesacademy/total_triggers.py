"""The database triggers that keep each submission's total score.

``academy_submission_total`` has one row per nbgrader submission: who sent
it, the assignment, when, and its graded cells added up as `gradebook_reads.grade_rows`
adds them (a trainer's score over the automatic one, plus extra credit; a
cell with neither counts 0). The database keeps it up to date itself, on
every change to a grade, a submission, a submitted notebook, an assignment's
name or a cell's maximum, whoever makes it: the academy's grader, the
formgrader, nbgrader's command line or raw SQL. So HR's reports read one row
per submission for the whole cohort instead of adding up millions of cells.

Each change recomputes the whole total of the submissions it touches from
their cells, rather than adding a difference, so a total is always what
adding up the cells gives. On PostgreSQL the submission's row is locked
first, so two transactions changing one submission's grades at once cannot
leave the total of the one that committed first.
"""

from __future__ import annotations

TABLE = "academy_submission_total"
COLUMNS = "submission_id, employee_id, assignment, submitted_at, graded_cells, score, max_score, needs_manual_grade"

# The totals of the submissions `{where}` selects (over submitted_assignment, aliased sa), from their cells.
_TOTALS = """
SELECT sa.id, sa.student_id, a.name, sa.timestamp, COUNT(g.id),
       COALESCE(SUM(COALESCE(g.manual_score, g.auto_score) + COALESCE(g.extra_credit, 0)), 0),
       SUM(gc.max_score), MAX(CASE WHEN g.needs_manual_grade THEN 1 ELSE 0 END)
FROM submitted_assignment sa
JOIN assignment a ON a.id = sa.assignment_id
LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id
LEFT JOIN grade g ON g.notebook_id = sn.id
LEFT JOIN grade_cells gc ON gc.id = g.cell_id
WHERE {where}
GROUP BY sa.id, sa.student_id, a.name, sa.timestamp"""


def statements(dialect: str) -> list[str]:
    """The DDL that installs the triggers on a `dialect` ("sqlite" or "postgresql") gradebook whose table exists."""
    if dialect == "sqlite":
        return _sqlite()
    if dialect == "postgresql":
        return _postgresql()
    raise ValueError(f"no total triggers for {dialect!r}")


def fill(dialect: str) -> list[str]:
    """The statements that compute every submission's total afresh: for a gradebook that had no triggers yet."""
    return [f"DELETE FROM {TABLE}", f"INSERT INTO {TABLE} ({COLUMNS}) {_TOTALS.format(where='1 = 1')}"]


def _sqlite_refresh(where: str) -> str:
    return f"INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {_TOTALS.format(where=where)};"


def _sqlite() -> list[str]:
    of_notebooks = "sa.id IN (SELECT assignment_id FROM submitted_notebook WHERE id IN ({ids}))"
    triggers = {
        "grade_insert": ("AFTER INSERT ON grade", _sqlite_refresh(of_notebooks.format(ids="NEW.notebook_id"))),
        "grade_update": ("AFTER UPDATE OF auto_score, manual_score, extra_credit, needs_manual_grade, notebook_id, cell_id ON grade",
                         _sqlite_refresh(of_notebooks.format(ids="NEW.notebook_id, OLD.notebook_id"))),
        "grade_delete": ("AFTER DELETE ON grade", _sqlite_refresh(of_notebooks.format(ids="OLD.notebook_id"))),
        "notebook_insert": ("AFTER INSERT ON submitted_notebook", _sqlite_refresh("sa.id = NEW.assignment_id")),
        "notebook_update": ("AFTER UPDATE OF assignment_id ON submitted_notebook",
                            _sqlite_refresh("sa.id IN (NEW.assignment_id, OLD.assignment_id)")),
        "notebook_delete": ("AFTER DELETE ON submitted_notebook", _sqlite_refresh("sa.id = OLD.assignment_id")),
        "submission_insert": ("AFTER INSERT ON submitted_assignment", _sqlite_refresh("sa.id = NEW.id")),
        "submission_update": ("AFTER UPDATE ON submitted_assignment",
                              f"DELETE FROM {TABLE} WHERE submission_id = OLD.id AND OLD.id <> NEW.id;\n  "
                              + _sqlite_refresh("sa.id = NEW.id")),
        "submission_delete": ("AFTER DELETE ON submitted_assignment", f"DELETE FROM {TABLE} WHERE submission_id = OLD.id;"),
        "assignment_update": ("AFTER UPDATE OF name ON assignment", _sqlite_refresh("sa.assignment_id = NEW.id")),
        "cell_update": ("AFTER UPDATE OF max_score ON grade_cells",
                        _sqlite_refresh("sa.id IN (SELECT sn.assignment_id FROM grade g JOIN submitted_notebook sn ON sn.id = g.notebook_id "
                                        "WHERE g.cell_id = NEW.id)")),
    }
    return [f"CREATE TRIGGER academy_total_{name} {event} FOR EACH ROW BEGIN\n  {body}\nEND" for name, (event, body) in triggers.items()]


_PG_REFRESH = f"""
CREATE FUNCTION academy_total_refresh(submissions text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- One transaction at a time per submission, so each computes from what the last one committed.
    PERFORM 1 FROM submitted_assignment WHERE id = ANY(submissions) ORDER BY id FOR NO KEY UPDATE;
    INSERT INTO {TABLE} ({COLUMNS}) {_TOTALS.format(where='sa.id = ANY(submissions)')}
    ON CONFLICT (submission_id) DO UPDATE SET
        employee_id = EXCLUDED.employee_id, assignment = EXCLUDED.assignment, submitted_at = EXCLUDED.submitted_at,
        graded_cells = EXCLUDED.graded_cells, score = EXCLUDED.score, max_score = EXCLUDED.max_score,
        needs_manual_grade = EXCLUDED.needs_manual_grade;
END
$$"""

# Which submissions a changed row of each table touches; NEW is NULL on DELETE and OLD on INSERT.
_PG_TOUCHED = {
    "grade": "ARRAY(SELECT assignment_id FROM submitted_notebook WHERE id IN (NEW.notebook_id, OLD.notebook_id))",
    "submitted_notebook": "ARRAY[NEW.assignment_id, OLD.assignment_id]",
    "assignment": "ARRAY(SELECT id FROM submitted_assignment WHERE assignment_id = NEW.id)",
    "grade_cells": "ARRAY(SELECT sn.assignment_id FROM grade g JOIN submitted_notebook sn ON sn.id = g.notebook_id WHERE g.cell_id = NEW.id)",
}
_PG_EVENTS = {
    "grade": "INSERT OR UPDATE OF auto_score, manual_score, extra_credit, needs_manual_grade, notebook_id, cell_id OR DELETE",
    "submitted_notebook": "INSERT OR UPDATE OF assignment_id OR DELETE",
    "assignment": "UPDATE OF name",
    "grade_cells": "UPDATE OF max_score",
}

_PG_SUBMISSION = f"""
CREATE FUNCTION academy_total_submission() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.id IS DISTINCT FROM NEW.id THEN
        DELETE FROM {TABLE} WHERE submission_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM academy_total_refresh(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END
$$"""


def _postgresql() -> list[str]:
    ddl = [_PG_REFRESH, _PG_SUBMISSION]
    for table, touched in _PG_TOUCHED.items():
        ddl.append(f"CREATE FUNCTION academy_total_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                   f"BEGIN\n    PERFORM academy_total_refresh({touched});\n    RETURN NULL;\nEND\n$$")
        ddl.append(f"CREATE TRIGGER academy_total_{table} AFTER {_PG_EVENTS[table]} ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION academy_total_{table}()")
    ddl.append("CREATE TRIGGER academy_total_submitted_assignment AFTER INSERT OR UPDATE OR DELETE ON submitted_assignment "
               "FOR EACH ROW EXECUTE FUNCTION academy_total_submission()")
    return ddl
