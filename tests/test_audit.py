"""The audit trail: every score and comment change recorded by the database itself, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from unittest import mock

import pandas as pd
import pytest
import sqlalchemy as sa

from conftest import gradebook_url
from salesacademy import audit, cli, gradebook, gradebook_reads
from salesacademy.errors import AcademyError
from salesacademy.roster import import_roster

MODULE = "03-suitability"


@pytest.fixture
def graded(instance, roster_file):
    """The roster imported; R1 and W1 have submitted MODULE, whose notebook has an auto-graded item q1 and a written w1."""
    from nbgrader.api import Gradebook

    import_roster(instance=instance, file=roster_file)
    with Gradebook(gradebook_url(instance), "sales-academy") as gb, warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning)  # nbgrader's own autoflush warnings
        gb.add_assignment(MODULE)
        gb.add_notebook("exercise", MODULE)
        gb.add_grade_cell("q1", "exercise", MODULE, max_score=5, cell_type="code")
        gb.add_grade_cell("w1", "exercise", MODULE, max_score=4, cell_type="markdown")
        gb.add_solution_cell("w1", "exercise", MODULE)
        for employee_id in ("R1", "W1"):
            gb.add_submission(MODULE, employee_id, timestamp=dt.datetime(2025, 3, 2, 8))
    return instance


def changes(instance, **filters) -> pd.DataFrame:
    return audit.history(instance=instance, **filters)


def set_score(instance, employee_id, field, value, *, source=None, reason=None):
    """Change one field of q1's grade through nbgrader's Gradebook API, as the formgrader does."""
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url(instance), "sales-academy") as gb:
        grade = gb.find_grade("q1", "exercise", MODULE, employee_id)
        if source is None:
            setattr(grade, field, value)
            gb.db.commit()
        else:
            with gradebook.audit_source(gb.db, source, reason):
                setattr(grade, field, value)
                gb.db.commit()


def test_a_new_submission_records_the_initial_state_of_each_grade(graded):
    history = changes(graded)
    assert set(zip(history.employee_id, history.module_id, history.item, history.field)) == {
        (e, MODULE, item, "needs_manual_grade") for e in ("R1", "W1") for item in ("q1", "w1")}
    assert (history.new_value == "true").all() and history.old_value.isna().all()
    assert (history.source == "direct").all()


def test_gradebook_api_and_raw_sql_changes_both_appear_with_old_and_new_values(graded):
    set_score(graded, "R1", "auto_score", 3.0)
    set_score(graded, "R1", "auto_score", 2.5)
    with gradebook.transaction(gradebook_url(graded)) as db:
        db.execute(sa.text("UPDATE grade SET auto_score = 5, needs_manual_grade = :no WHERE auto_score = 2.5"), {"no": False})
    history = changes(graded, employee="R1", item="q1")
    scores = history[history.field == "auto_score"]
    assert list(zip(scores.old_value, scores.new_value)) == [(None, "3"), ("3", "2.5"), ("2.5", "5")]
    assert list(history[history.field == "needs_manual_grade"].new_value) == ["true", "false"]
    assert (history.source == "direct").all()
    assert list(history.changed_at) == sorted(history.changed_at), "oldest first"


def test_an_update_that_changes_nothing_records_nothing(graded):
    set_score(graded, "R1", "auto_score", 3.0)
    before = len(changes(graded))
    with gradebook.transaction(gradebook_url(graded)) as db:
        db.execute(sa.text("UPDATE grade SET auto_score = 3, manual_score = NULL WHERE auto_score = 3"))
    assert len(changes(graded)) == before


def test_the_writer_named_by_audit_source_is_recorded_and_direct_without_it(graded):
    set_score(graded, "R1", "manual_score", 4.0, source="manual:trainer-li", reason="second marking")
    set_score(graded, "R1", "manual_score", 1.0)
    url = gradebook_url(graded)
    with gradebook.transaction(url) as db, gradebook.audit_source(db, "import:scores.csv"):
        db.execute(sa.text("UPDATE grade SET extra_credit = 1"))
    history = changes(graded, employee="R1", item="q1")
    manual = history[history.field == "manual_score"]
    assert list(zip(manual.new_value, manual.source, manual.reason.fillna("-"))) == [
        ("4", "manual:trainer-li", "second marking"), ("1", "direct", "-")]
    assert set(history[history.field == "extra_credit"].source) == {"import:scores.csv"}
    assert gradebook_reads.read_frame(url, "SELECT COUNT(*) AS n FROM academy_audit_context").n[0] == 0, "no context row outlives its writer"


def test_a_writer_is_named_in_every_transaction_of_its_block(graded):
    """nbgrader commits after each change; each of those transactions carries the source."""
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url(graded), "sales-academy") as gb, gradebook.audit_source(gb.db, "autograde:run-7"):
        for employee_id, score in (("R1", 5.0), ("W1", 0.0)):
            gb.find_grade("q1", "exercise", MODULE, employee_id).auto_score = score
            gb.db.commit()
        gb.find_comment("w1", "exercise", MODULE, "W1").manual_comment = "请说明风险等级"
        gb.db.commit()
    history = changes(graded)
    made = history[history.field.isin(["auto_score", "manual_comment"])]
    assert list(zip(made.employee_id, made.field, made.new_value, made.source)) == [
        ("R1", "auto_score", "5", "autograde:run-7"), ("W1", "auto_score", "0", "autograde:run-7"),
        ("W1", "manual_comment", "请说明风险等级", "autograde:run-7")]


def test_a_long_block_keeps_no_connection_of_its_finished_transactions(graded):
    """A grading run commits once per submission for hours: what its audit source holds must not grow with them."""
    import gc

    import sqlalchemy as sa
    from nbgrader.api import Gradebook

    def connections() -> int:
        gc.collect()
        return sum(isinstance(o, sa.Connection) for o in gc.get_objects())

    with Gradebook(gradebook_url(graded), "sales-academy") as gb, gradebook.audit_source(gb.db, "autograde:run-8"):
        before = connections()
        for score in range(40):
            gb.find_grade("q1", "exercise", MODULE, "R1").auto_score = score % 6
            gb.db.commit()
        assert connections() <= before + 1
    history = changes(graded)
    assert (history[history.field == "auto_score"].source == "autograde:run-8").sum() >= 39  # and each was still audited


def test_a_rolled_back_change_leaves_no_trace(graded):
    url = gradebook_url(graded)
    before = len(changes(graded))
    with pytest.raises(RuntimeError):
        with gradebook.transaction(url) as db, gradebook.audit_source(db, "manual:someone"):
            db.execute(sa.text("UPDATE grade SET manual_score = 2"))
            raise RuntimeError("the trainer cancelled")
    assert len(changes(graded)) == before
    assert gradebook_reads.read_frame(url, "SELECT COUNT(*) AS n FROM academy_audit_context").n[0] == 0


def test_removing_a_submission_records_what_was_lost(graded):
    from nbgrader.api import Gradebook

    set_score(graded, "W1", "auto_score", 4.0)
    with Gradebook(gradebook_url(graded), "sales-academy") as gb:
        gb.remove_submission(MODULE, "W1")
    history = changes(graded, employee="W1", module=MODULE)
    lost = history[history.new_value.isna()]
    assert set(zip(lost.table_name, lost.item, lost.field, lost.old_value)) == {
        ("grade", "q1", "auto_score", "4"), ("grade", "q1", "needs_manual_grade", "true"), ("grade", "w1", "needs_manual_grade", "true")}


@pytest.mark.parametrize("statement", ["UPDATE academy_audit SET new_value = '5', source = 'direct'", "DELETE FROM academy_audit"])
def test_the_audit_trail_cannot_be_changed_or_deleted(graded, statement):
    url = gradebook_url(graded)
    set_score(graded, "R1", "manual_score", 0.0)
    before = changes(graded)
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with gradebook.transaction(url) as db:
            db.execute(sa.text(statement))
    pd.testing.assert_frame_equal(changes(graded), before)


@pytest.mark.parametrize("instance_template", ["postgresql"], indirect=True)
def test_concurrent_writers_each_see_only_their_own_source(graded):
    """Two open transactions on PostgreSQL: each change is recorded with the source of the transaction that made it."""
    engine = gradebook.engine(gradebook_url(graded))
    try:
        with engine.connect() as connection:
            ids = dict(connection.execute(sa.text(
                "SELECT s.student_id, g.id FROM grade g JOIN submitted_notebook n ON n.id = g.notebook_id "
                "JOIN submitted_assignment s ON s.id = n.assignment_id JOIN base_cell c ON c.id = g.cell_id WHERE c.name = 'q1'")).all())
        with engine.connect() as first, engine.connect() as second:
            with first.begin(), gradebook.audit_source(first, "autograde:worker-1"):
                first.execute(sa.text("UPDATE grade SET auto_score = 1 WHERE id = :id"), {"id": ids["R1"]})
                with second.begin():  # a plain writer, while the first is still open
                    assert second.execute(sa.text("SELECT COUNT(*) FROM academy_audit_context")).scalar() == 0
                    second.execute(sa.text("UPDATE grade SET auto_score = 2 WHERE id = :id"), {"id": ids["W1"]})
    finally:
        engine.dispose()
    history = changes(graded)
    scores = history[history.field == "auto_score"]
    assert dict(zip(scores.employee_id, scores.source)) == {"R1": "autograde:worker-1", "W1": "direct"}


def test_audit_source_refuses_an_unknown_kind_of_writer(graded):
    with gradebook.transaction(gradebook_url(graded)) as db:
        for source in ("robot:1", "manual:", "manual"):
            with pytest.raises(ValueError, match="audit source"):
                with gradebook.audit_source(db, source):
                    pass


def test_times_are_shown_in_the_course_time_zone(graded):
    start = pd.Timestamp.now(tz="UTC") - pd.Timedelta(seconds=1)
    set_score(graded, "R1", "auto_score", 2.0)
    last = changes(graded).changed_at.iloc[-1]
    assert str(last.tz) == "Asia/Shanghai"
    assert start <= last <= pd.Timestamp.now(tz="UTC") + pd.Timedelta(seconds=1)


def test_audit_command_filters_by_employee(graded, capsys):
    set_score(graded, "R1", "manual_score", 3.5, source="manual:trainer-li", reason="rubric 2")
    set_score(graded, "W1", "manual_score", 1.0)
    assert cli.main(["audit", "--employee", "R1", "--instance", str(graded)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # in the course language (the test instance's is zh-CN), the time zone named once in the heading
    assert lines[0].split() == ["时间", "(Asia/Shanghai)", "员工编号", "模块版本", "题目", "字段", "变更", "来源", "评分人", "原因"]
    assert all(" R1 " in line for line in lines[1:]) and len(lines) == 1 + 3  # two initial flags, one score
    assert any(line.split()[5:] == ["培训师评分", "–", "→", "3.5", "培训师", "trainer-li", "rubric", "2"] for line in lines)
    assert sum(line.split()[5:9] == ["待培训师评分", "–", "→", "是"] for line in lines) == 2
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", " ".join(line.split()[:2])) for line in lines[1:]), "to the minute"
    assert cli.main(["audit", "--employee", "R1", "--item", "w1", "--instance", str(graded)]) == 0
    assert [line.split()[5] for line in capsys.readouterr().out.splitlines()[1:]] == ["待培训师评分"]  # after date and time


@pytest.mark.parametrize(("argv", "message"), [
    (["--employee", "NOPE"], "unknown employee 'NOPE'"),
    (["--module", "99-nothing"], "unknown module '99-nothing'"),
    (["--module", MODULE, "--item", "q9"], "unknown item 'q9' in module '03-suitability'"),
])
def test_audit_command_names_an_unknown_employee_module_or_item_in_one_line(graded, capsys, argv, message):
    assert cli.main(["audit", *argv, "--instance", str(graded)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"academy: error: {message}") and err.count("\n") == 1


def test_an_instance_without_changes_says_so(instance, capsys):
    assert cli.main(["audit", "--instance", str(instance)]) == 0
    assert capsys.readouterr().out.strip() == "没有记录到任何变更"
    with pytest.raises(AcademyError, match="unknown employee"):
        audit.history(instance=instance, employee="R1")


def record(instance, changed_at: dt.datetime, source: str, employee_id: str = "R1") -> None:
    """A change as the triggers write it, at a chosen moment (naive UTC): the trail accepts new rows, never edits."""
    with gradebook.transaction(gradebook_url(instance)) as db:
        db.execute(gradebook.audit.insert().values(
            changed_at=changed_at, table_name="grade", row_id="g1", employee_id=employee_id, module_id=MODULE, item="w1",
            field="manual_score", old_value=None, new_value="2", source=source, reason=None))


def test_since_and_until_are_whole_days_of_the_course_calendar(graded):
    # Shanghai is UTC+8: 15:59 UTC is 23:59 on the 1st there, 16:00 UTC is midnight starting the 2nd.
    record(graded, dt.datetime(2025, 3, 1, 15, 59), "manual:late-evening")
    record(graded, dt.datetime(2025, 3, 1, 16, 0), "manual:midnight")
    record(graded, dt.datetime(2025, 3, 3, 1, 0), "manual:next-day")
    in_range = changes(graded, since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 2))
    assert list(in_range.grader) == ["late-evening", "midnight"]
    assert list(changes(graded, since=dt.date(2025, 3, 2), until=dt.date(2025, 3, 2)).grader) == ["midnight"]
    assert list(changes(graded, until=dt.date(2025, 3, 1)).grader.dropna()) == ["late-evening"]
    assert [t.strftime("%Y-%m-%d %H:%M") for t in in_range.changed_at] == ["2025-03-01 23:59", "2025-03-02 00:00"]


def test_since_after_until_is_refused(graded, capsys):
    assert cli.main(["audit", "--since", "2025-03-02", "--until", "2025-03-01", "--instance", str(graded)]) == 1
    assert capsys.readouterr().err == "academy: error: --since 2025-03-02 is after --until 2025-03-01\n"


def test_grader_filter_keeps_only_that_trainers_grades(graded, capsys):
    set_score(graded, "R1", "manual_score", 3.0, source="formgrader:li.wei")
    set_score(graded, "W1", "manual_score", 2.0, source="manual:wang.fang")
    set_score(graded, "W1", "manual_score", 1.0)
    assert cli.main(["audit", "--grader", "li.wei", "--instance", str(graded)]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert [line.split()[2:] for line in lines] == [["R1", MODULE, "q1", "培训师评分", "–", "→", "3", "评分界面", "li.wei", "–"]]
    assert list(changes(graded, grader="wang.fang").employee_id) == ["W1"]


def test_an_unknown_grader_is_an_error_naming_the_known_ones(graded, capsys):
    set_score(graded, "R1", "manual_score", 3.0, source="formgrader:li.wei")
    assert cli.main(["audit", "--grader", "li.we", "--instance", str(graded)]) == 1
    assert capsys.readouterr().err == "academy: error: unknown grader 'li.we'; graders in the audit trail: li.wei\n"


def formgrader_put(instance, kind: str, item: str, employee_id: str, body: dict, *, user: str, grader: str | None = None) -> dict:
    """One PUT of the formgrader's grade or comment API, through the academy's audited handler, as user `user`."""
    from jupyter_server.auth import User
    from nbgrader.api import Gradebook
    from nbgrader.server_extensions.formgrader import apihandlers
    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
    from tornado.web import Application

    from salesacademy import formgrader

    with Gradebook(gradebook_url(instance), "sales-academy") as gb, warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning)
        find = gb.find_grade if kind == "grade" else gb.find_comment
        object_id = find(item, "exercise", MODULE, employee_id).id
        app = Application(nbgrader_gradebook=gb, nbgrader_bad_setup=False, **({"academy": {"grader": grader}} if grader else {}))
        handler_class = apihandlers.GradeHandler if kind == "grade" else apihandlers.CommentHandler
        request = HTTPServerRequest(start_line=RequestStartLine("PUT", f"/formgrader/api/{kind}/{object_id}", "HTTP/1.1"),
                                    headers=HTTPHeaders(Host="127.0.0.1"), body=json.dumps(body).encode(), connection=mock.Mock())
        handler = formgrader.AUDITED_HANDLERS[handler_class](app, request)
        handler.current_user = User(username=user)
        handler.put(object_id)
        assert not gb.db().in_transaction(), "no transaction outlives the request"
        return json.loads(b"".join(handler._write_buffer))


def test_grades_and_comments_given_in_the_formgrader_name_the_grader_and_raw_sql_stays_direct(graded):
    saved = formgrader_put(graded, "grade", "w1", "R1", {"manual_score": 3, "extra_credit": None}, user="li.wei")
    assert saved["manual_score"] == 3.0
    formgrader_put(graded, "comment", "w1", "R1", {"manual_comment": "风险等级说明不完整"}, user="li.wei")
    # An `academy lab` session names its operating-system user: its token login has none of its own.
    formgrader_put(graded, "grade", "w1", "W1", {"manual_score": 1}, user="Anonymous Io", grader="trainer2")
    with gradebook.transaction(gradebook_url(graded)) as db:
        db.execute(sa.text("UPDATE grade SET manual_score = 4 WHERE manual_score = 3"))
    history = changes(graded, item="w1")
    made = history[history.source != "direct"]
    assert list(zip(made.employee_id, made.field, made.new_value, made.source)) == [
        ("R1", "manual_score", "3", "formgrader:li.wei"), ("R1", "needs_manual_grade", "false", "formgrader:li.wei"),
        ("R1", "manual_comment", "风险等级说明不完整", "formgrader:li.wei"),
        ("W1", "manual_score", "1", "formgrader:trainer2"), ("W1", "needs_manual_grade", "false", "formgrader:trainer2")]
    raw = history[(history.field == "manual_score") & (history.new_value == "4")]
    assert list(raw.source) == ["direct"] and raw.grader.isna().all()
    assert list(changes(graded, grader="li.wei").field) == ["manual_score", "needs_manual_grade", "manual_comment"]


def test_an_english_course_reads_its_audit_in_english(graded, capsys):
    toml = graded / "academy.toml"
    toml.write_text(re.sub(r'(?m)^language = "zh-CN"', 'language = "en"', toml.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    set_score(graded, "R1", "auto_score", 2.0, source="autograde:run-9")
    assert cli.main(["audit", "--employee", "R1", "--item", "q1", "--instance", str(graded)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Time (Asia/Shanghai)") and "Module version" in lines[0] and lines[0].rstrip().endswith("Reason")
    assert re.search(r" automatic score +– → 2 +autograde:run-9 ", lines[-1])
