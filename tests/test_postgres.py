"""The gradebook on PostgreSQL: creating it, reading it back like SQLite, and the whole training cycle on it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import cohort
import pg
from conftest import database_dump, gradebook_url
from salesacademy import gradebook, gradebook_reads
from salesacademy.config import AcademyConfig, bundled_content, database_url, load_config
from salesacademy.errors import AcademyError
from salesacademy.nbgrader_setup import nbgrader_config
from salesacademy.paths import InstancePaths


def academy(*argv):
    return subprocess.run([sys.executable, "-m", "salesacademy.cli", *argv], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(("url", "engine_url", "nbgrader_url"), [
    ("postgresql://academy@db.example/gb", "postgresql+psycopg2://academy@db.example/gb", "postgresql+psycopg2://academy@db.example/gb"),
    ("postgresql+psycopg2://a@/gb?host=/run/pg", "postgresql+psycopg2://a@/gb?host=/run/pg", "postgresql+psycopg2://a@/gb?host=/run/pg"),
    ("sqlite:///gradebook.db", "sqlite:////srv/c/gradebook.db", "sqlite:////srv/c/gradebook.db?timeout=60"),
])
def test_urls_name_the_installed_driver_and_only_sqlite_gets_a_lock_timeout(url, engine_url, nbgrader_url):
    config, paths = AcademyConfig.model_validate({"gradebook": {"url": url}}), InstancePaths(Path("/srv/c"))
    assert database_url(config, paths) == engine_url
    assert nbgrader_config(config, paths).CourseDirectory.db_url == nbgrader_url


def test_without_a_server_ci_fails_and_elsewhere_the_test_is_skipped(monkeypatch):
    from conftest import _unavailable

    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(pg.glob, "glob", lambda pattern: [])
    with pytest.raises(pg.Unavailable, match="initdb not found on PATH or in /usr/lib/postgresql") as missing:
        pg.Server()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL is needed in CI and cannot start: initdb not found"):
        _unavailable(missing.value)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL cannot start here: initdb not found"):
        _unavailable(missing.value)


def test_init_from_the_command_line_creates_every_table_and_trigger(postgres_server, tmp_path):
    url = postgres_server.create_database()
    result = academy("init", str(tmp_path / "course"), "--db", url, "--language", "en")
    assert result.returncode == 0, result.stderr
    engine = sa.create_engine(gradebook_url(tmp_path / "course"))
    try:
        tables = set(sa.inspect(engine).get_table_names())
        with engine.connect() as connection:
            triggers = {row[0] for row in connection.execute(sa.text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))}
            course = connection.execute(sa.text("SELECT id FROM course")).scalar()
    finally:
        engine.dispose()
    assert {"grade", "comment", "submitted_assignment", "alembic_version"} <= tables, "nbgrader's tables"
    assert {t.name for t in gradebook.metadata.sorted_tables} <= tables, "the academy's tables"
    assert triggers == {"academy_audit_grade", "academy_audit_comment", "academy_audit_append_only", "academy_audit_no_truncate",
                        "academy_total_grade", "academy_total_submitted_notebook", "academy_total_assignment", "academy_total_grade_cells",
                        "academy_total_submitted_assignment"}
    assert course == "sales-academy"
    status = academy("status", "--instance", str(tmp_path / "course"))
    assert status.returncode == 0 and "no enrolled employees" in status.stdout, status.stderr


def test_the_audit_trail_refuses_truncate_update_and_delete_on_postgresql(postgres_server, tmp_path):
    from salesacademy.audit_triggers import APPEND_ONLY

    url = postgres_server.create_database()
    assert academy("init", str(tmp_path / "course"), "--db", url, "--language", "en").returncode == 0
    engine = sa.create_engine(gradebook_url(tmp_path / "course"))
    count = sa.text("SELECT count(*) FROM academy_audit")
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO academy_audit (changed_at, table_name, row_id, field, new_value, source) "
                                       "VALUES (now(), 'grade', 'g1', 'manual_score', '3', 'direct')"))
        for statement in ("TRUNCATE academy_audit", "DELETE FROM academy_audit", "UPDATE academy_audit SET new_value = '4'"):
            with pytest.raises(sa.exc.DBAPIError, match=APPEND_ONLY), engine.begin() as connection:
                connection.execute(sa.text(statement))
        with engine.connect() as connection:
            assert connection.execute(count).scalar() == 1
            assert connection.execute(sa.text("SELECT new_value FROM academy_audit")).scalar() == "3"
    finally:
        engine.dispose()


def test_init_on_a_database_that_does_not_exist_is_one_line_and_leaves_no_instance(postgres_server, tmp_path):
    url = postgres_server.url("no_such_database")
    result = academy("init", str(tmp_path / "course"), "--db", url)
    assert result.returncode == 1
    assert result.stderr.startswith("academy: error: cannot create the gradebook at postgresql://") and result.stderr.count("\n") == 1
    assert "no_such_database" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "course" / "academy.toml").exists()


def test_init_refuses_a_database_that_already_holds_a_gradebook(postgres_server, tmp_path):
    from salesacademy.init import init

    url = postgres_server.create_database()
    first = init(directory=tmp_path / "first", db=url).root
    before = database_dump(first)
    with pytest.raises(AcademyError, match=r"the database is not empty \(it has \d+ table\(s\)"):
        init(directory=tmp_path / "second", db=url, course_id="another-course")
    assert database_dump(first) == before
    assert not (tmp_path / "second" / "academy.toml").exists()


def test_read_paths_give_the_same_types_and_values_on_both_databases(own_cohort):
    url = gradebook_url(own_cohort)
    people = gradebook_reads.employees(url).set_index("employee_id")
    assert people.active.dtype == bool and people.active.all()
    assert people.loc["W2", "hire_date"] == dt.date(2020, 2, 3) and people.loc["W2", "name"] == "周杰"
    enrolled = gradebook_reads.enrollments(url)
    assert set(enrolled.due_on) == {pd.Timestamp(2025, 2, 1)}
    rows = gradebook_reads.grade_rows(url, "Asia/Shanghai").set_index(["employee_id", "module_id", "item"])
    assert rows.needs_manual_grade.dtype == bool and not rows.needs_manual_grade.any()
    b1 = rows.loc[("B1", "03-suitability", "q2")]
    assert (b1.score, b1.max_score) == (4, 5)
    assert b1.submitted_at == pd.Timestamp(2025, 1, 25, 18)  # 10:00 UTC is 18:00 in Shanghai
    sent = gradebook_reads.submissions(url, "UTC")
    assert sorted(zip(sent.employee_id, sent.module_id, sent.submitted_at)) == sorted(
        (e, m, pd.Timestamp(when)) for (e, m), (when, *_) in cohort.SUBMISSIONS.items())


# The whole cycle ----------------------------------------------------------------------------

MODULE = "03-suitability"
RELEASED, SUBMITTED, AS_OF = dt.date(2025, 3, 1), dt.datetime(2025, 3, 2, 2, tzinfo=dt.timezone.utc), dt.date(2025, 3, 3)


def submit(paths, config, employee_id: str, key, choices: dict[str, str]) -> None:
    """What a staff member does in JupyterLab: fetch their version of the module, answer, submit."""
    from salesacademy import answers

    answers.hand_in(instance=paths.root, employee_id=employee_id, module_id=MODULE, choices=choices, at=SUBMITTED)


@pytest.mark.slow
def test_the_whole_cycle_on_postgresql(postgres_server, roster_file, tmp_path):
    """Roster, release, collect, parallel grading, a trainer's grade, feedback, status, items, HR, report and audit."""
    from nbgrader.api import Gradebook

    from salesacademy import answers, audit, hr, items, report, status
    from salesacademy.collect import Collected, collect
    from salesacademy.feedback import feedback
    from salesacademy.grade import grade
    from salesacademy.init import init
    from salesacademy.release import release
    from salesacademy.roster import import_roster

    root = init(directory=tmp_path / "course", db=postgres_server.create_database(), language="en").root
    config, paths = load_config(root)
    import_roster(instance=root, file=roster_file)
    assert [r.enrolled for r in release(instance=root, modules=[MODULE], today=RELEASED, progress=False)] == [3]  # B1, R1, W1; tellers do not take it
    key = answers.answer_key(content=bundled_content(), module_id=MODULE, folder=bundled_content() / "course" / MODULE, notebook="exercise",
                             language="zh-CN", track="frontline")  # R1, a relationship manager reading Chinese; W1 reads English
    submit(paths, config, "R1", key, {item.id: answers.REFERENCE for item in key.items})
    submit(paths, config, "W1", key, {})
    assert collect(instance=root) == {MODULE: Collected(new=2, unchanged=0)}
    run = grade(instance=root, workers=2, progress=False)  # two workers write to PostgreSQL at once
    assert not run.failed and len(run.graded) == 2, run.failed

    before = status.status(instance=root, as_of=AS_OF).set_index("employee_id").status.to_dict()
    assert before == {"B1": "assigned", "R1": "needs-manual-grading", "W1": "failed"}
    written = [item for item in key.items if item.kind == "written"]
    with Gradebook(gradebook_url(root), config.course.id) as gb, gradebook.audit_source(gb.db, "manual:trainer-li", "rubric"):
        for item in written:
            grade_row = gb.find_grade(item.id, "exercise", f"{MODULE}.frontline.zh", "R1")
            grade_row.manual_score, grade_row.needs_manual_grade = item.points, False
        gb.db.commit()
    table = status.status(instance=root, as_of=AS_OF).set_index("employee_id")
    assert table.status.to_dict() == {"B1": "assigned", "R1": "passed", "W1": "failed"}
    assert table.loc["R1", "percent"] == 1.0 and table.loc["W1", "percent"] == 0.0

    assert feedback(instance=root).released == {MODULE: 2}
    analysis = items.items(instance=root, module=MODULE)
    assert set(analysis.item) == {item.id for item in key.items}
    assert (analysis.n == 2).all() and (analysis.facility == 0.5).all()  # full marks and nothing
    csv_files = hr.completion(instance=root, as_of=AS_OF, formats=("csv",), out=tmp_path / "hr")
    summary = pd.read_csv(next(f for f in csv_files if f.name.endswith("-summary.csv")), encoding="utf-8-sig")
    columns = ["Module code", "Enrolled", "Completed", "Failed", "Overdue, not submitted", "Mean score (%)"]  # an English instance
    assert summary[columns].values.tolist() == [[MODULE, 3, 1, 1, 0, 50.0]]

    rendered = report.report(instance=root, employees=["R1"], as_of=AS_OF, pdf=False, progress=False)
    assert rendered.failed == {} and len(rendered.written) == 1
    page = rendered.written[0].read_text(encoding="utf-8")
    assert "postgresql" not in page and str(postgres_server.folder) not in page

    history = audit.history(instance=root, module=MODULE)
    scored = history[history.field == "auto_score"]
    assert set(scored.employee_id) == {"R1", "W1"}
    manual = history[history.field == "manual_score"]
    assert set(manual.employee_id) == {"R1"} and set(manual.source) == {"manual:trainer-li"}
    assert list(manual.new_value) == [f"{item.points:g}" for item in written]
