"""The grading writer on a real gradebook, no kernel: what each save stores, checked against values set by hand.

A gradebook with one module is made once (`gradebook.create_schema` and
nbgrader's own API) and copied for each test. Its graded notebook has two
automatic checks (q1 out of 2, q2 out of 3), a written answer (w1, out of 4)
and a task (t1, out of 2); the lesson notebook has one check of its own (l1).
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa

from salesacademy import gradebook
from salesacademy.grade_worker import Job, Result
from salesacademy.grade_writer import Writer
from salesacademy.paths import InstancePaths

COURSE = "course101"
ASSIGNMENT = "01-m.frontline.zh"
STAMP = "2025-01-10 09:30:00.000000 UTC"
RESUBMITTED = "2025-01-12 16:05:00.000000 UTC"


@functools.cache
def template() -> Path:
    """The empty gradebook, made once per process (nbgrader stamps a new one by running alembic: seconds) and removed at exit."""
    from nbgrader.api import Gradebook

    folder = Path(tempfile.mkdtemp(prefix="writer-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'gradebook.db'}"
    gradebook.create_schema(url, COURSE)
    with Gradebook(url, COURSE) as gb, warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning)
        gb.add_assignment(ASSIGNMENT)
        gb.add_notebook("exercise", ASSIGNMENT)
        gb.add_notebook("lesson", ASSIGNMENT)
        gb.add_grade_cell("q1", "exercise", ASSIGNMENT, max_score=2, cell_type="code")
        gb.add_grade_cell("q2", "exercise", ASSIGNMENT, max_score=3, cell_type="code")
        gb.add_grade_cell("w1", "exercise", ASSIGNMENT, max_score=4, cell_type="markdown")
        gb.add_solution_cell("a1", "exercise", ASSIGNMENT)
        gb.add_solution_cell("w1", "exercise", ASSIGNMENT)
        gb.add_task_cell("t1", "exercise", ASSIGNMENT, max_score=2, cell_type="markdown")
        gb.add_grade_cell("l1", "lesson", ASSIGNMENT, max_score=1, cell_type="code")
    return folder / "gradebook.db"


@pytest.fixture
def course(tmp_path) -> InstancePaths:
    shutil.copy(template(), tmp_path / "gradebook.db")
    return InstancePaths(tmp_path)


def url(paths: InstancePaths) -> str:
    return f"sqlite:///{paths.root / 'gradebook.db'}"


def submit(paths: InstancePaths, stamp: str = STAMP, employee_id: str = "E1") -> None:
    """A collected submission: nbgrader's folder with its timestamp."""
    folder = paths.step("submitted", employee_id, ASSIGNMENT)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")


def result(paths: InstancePaths, scores: dict, comments: dict | None = None, *, employee_id: str = "E1", assignment: str = ASSIGNMENT,
           problem: str | None = None, unreadable: bool = False, answer: str = "first") -> Result:
    """What a worker hands the writer, with its autograded folder staged (a timestamp of its own that must not survive)."""
    staging = paths.root / ".grading" / f"{employee_id}-{answer}"
    staging.mkdir(parents=True)
    (staging / "exercise.ipynb").write_text(answer, encoding="utf-8")
    (staging / "timestamp.txt").write_text("stale", encoding="utf-8")
    job = Job(root=str(paths.root), employee_id=employee_id, assignment=assignment, notebook="exercise", staging=str(staging))
    return Result(job=job, scores=scores, comments=comments or {}, problem=problem, unreadable=unreadable)


def save(paths: InstancePaths, graded: Result, run_id: str = "run-1") -> None:
    writer = Writer(paths, url(paths), COURSE, run_id)
    try:
        writer.save(graded)
    finally:
        writer.close()


def stored(paths: InstancePaths, notebook: str = "exercise", employee_id: str = "E1") -> dict:
    """cell -> (auto score, manual score, needs a trainer) and cell -> automatic comment, read with plain SQL."""
    query = """
        SELECT bc.name AS cell, g.auto_score, g.manual_score, g.needs_manual_grade, NULL AS comment, 'grade' AS kind
        FROM grade g JOIN base_cell bc ON bc.id = g.cell_id JOIN submitted_notebook sn ON sn.id = g.notebook_id
        JOIN notebook n ON n.id = sn.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id
        WHERE n.name = :notebook AND sa.student_id = :employee
        UNION ALL
        SELECT bc.name, NULL, NULL, NULL, c.auto_comment, 'comment'
        FROM comment c JOIN base_cell bc ON bc.id = c.cell_id JOIN submitted_notebook sn ON sn.id = c.notebook_id
        JOIN notebook n ON n.id = sn.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id
        WHERE n.name = :notebook AND sa.student_id = :employee"""
    engine = sa.create_engine(url(paths))
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(query), {"notebook": notebook, "employee": employee_id}).all()
    finally:
        engine.dispose()
    grades = {r.cell: (r.auto_score, r.manual_score, bool(r.needs_manual_grade)) for r in rows if r.kind == "grade"}
    comments = {r.cell: r.comment for r in rows if r.kind == "comment"}
    return {"grades": grades, "comments": comments}


def scalar(paths: InstancePaths, query: str):
    engine = sa.create_engine(url(paths))
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(query)).all()
    finally:
        engine.dispose()


def give_manual_score(paths: InstancePaths, cell: str, score: float) -> None:
    """A trainer's grade in the formgrader, recorded as theirs."""
    from nbgrader.api import Gradebook

    with Gradebook(url(paths), COURSE) as gb, gradebook.audit_source(gb.db, "formgrader:trainer"):
        grade = gb.find_grade(cell, "exercise", ASSIGNMENT, "E1")
        grade.manual_score = score
        gb.db.commit()


def test_a_first_grading_stores_every_score_comment_and_the_submission_time(course):
    submit(course)
    save(course, result(course, {"q1": 2.0, "q2": 1.0, "w1": None, "t1": None}, {"a1": "ok", "w1": None, "t1": "see rubric"}))
    assert stored(course) == {
        "grades": {"q1": (2.0, None, False), "q2": (1.0, None, False), "w1": (None, None, True), "t1": (None, None, True)},
        "comments": {"a1": "ok", "w1": None, "t1": "see rubric"},
    }
    # The notebook that was not graded gets nbgrader's defaults: no score, to be reviewed, no comment.
    assert stored(course, "lesson") == {"grades": {"l1": (None, None, True)}, "comments": {}}
    assert scalar(course, "SELECT student_id, timestamp FROM submitted_assignment") == [("E1", "2025-01-10 09:30:00.000000")]
    assert scalar(course, "SELECT id FROM student") == [("E1",)]


def test_a_cell_the_worker_did_not_score_is_left_for_review(course):
    submit(course)
    save(course, result(course, {"q1": 2.0}))
    assert stored(course)["grades"] == {"q1": (2.0, None, False), "q2": (None, None, True), "w1": (None, None, True),
                                        "t1": (None, None, True)}


def test_an_unreadable_first_submission_scores_zero_everywhere_in_its_notebook(course):
    submit(course)
    save(course, result(course, {"q1": 2.0}, {"a1": "never read"}, unreadable=True, problem="the notebook could not be read"))
    assert stored(course)["grades"] == {"q1": (0.0, None, False), "q2": (0.0, None, False), "w1": (0.0, None, False),
                                        "t1": (0.0, None, False)}
    assert stored(course, "lesson")["grades"] == {"l1": (None, None, True)}
    assert scalar(course, "SELECT employee_id, module_id, run_id, problem FROM academy_grading_problem") == [
        ("E1", "01-m", "run-1", "the notebook could not be read")]


def test_a_changed_resubmission_replaces_every_automatic_score_and_keeps_the_trainer_s(course):
    """The regrade the issue names: the first cell's new score must replace its old one, like every other cell's."""
    submit(course)
    save(course, result(course, {"q1": 2.0, "q2": 0.0, "w1": None, "t1": None}, {"a1": "first", "w1": None, "t1": None}))
    give_manual_score(course, "w1", 3.0)
    submit(course, RESUBMITTED)
    save(course, result(course, {"q1": 0.0, "q2": 3.0, "w1": None, "t1": 1.0}, {"a1": "second", "t1": "better"}, answer="second"),
         run_id="run-2")
    assert stored(course) == {
        # q1 and q2 swap; w1 keeps the trainer's 3 and goes back to them, the answer having changed; t1 is scored now.
        "grades": {"q1": (0.0, None, False), "q2": (3.0, None, False), "w1": (None, 3.0, True), "t1": (1.0, None, False)},
        "comments": {"a1": "second", "w1": None, "t1": "better"},
    }
    assert scalar(course, "SELECT timestamp FROM submitted_assignment") == [("2025-01-12 16:05:00.000000",)]
    changes = scalar(course, "SELECT item, field, old_value, new_value FROM academy_audit "
                             "WHERE source = 'autograde:run-2' AND table_name = 'grade' AND field = 'auto_score' ORDER BY item")
    assert changes == [("q1", "auto_score", "2", "0"), ("q2", "auto_score", "0", "3"), ("t1", "auto_score", None, "1")]


def test_a_regrade_without_a_collected_timestamp_keeps_the_submission_time(course):
    submit(course)
    save(course, result(course, {"q1": 1.0}))
    (course.step("submitted", "E1", ASSIGNMENT) / "timestamp.txt").unlink()
    save(course, result(course, {"q1": 2.0}, answer="second"), run_id="run-2")
    assert scalar(course, "SELECT timestamp FROM submitted_assignment") == [("2025-01-10 09:30:00.000000",)]
    assert stored(course)["grades"]["q1"] == (2.0, None, False)


def test_an_unreadable_resubmission_scores_zero_with_nothing_to_review(course):
    submit(course)
    save(course, result(course, {"q1": 2.0, "q2": 3.0, "w1": None, "t1": None}, {"a1": "first"}))
    save(course, result(course, {"q1": 2.0}, {"a1": "second"}, unreadable=True, answer="second"), run_id="run-2")
    assert stored(course) == {
        "grades": {"q1": (0.0, None, False), "q2": (0.0, None, False), "w1": (0.0, None, False), "t1": (0.0, None, False)},
        "comments": {"a1": "first", "w1": None, "t1": None},
    }


def test_a_grading_problem_is_replaced_by_the_next_run_and_cleared_when_there_is_none(course):
    submit(course)
    save(course, result(course, {"q1": 2.0}, problem="a cell ran out of time"))
    save(course, result(course, {"q1": 2.0}, problem="the kernel stopped", answer="second"), run_id="run-2")
    assert scalar(course, "SELECT run_id, problem FROM academy_grading_problem") == [("run-2", "the kernel stopped")]
    save(course, result(course, {"q1": 2.0}, answer="third"), run_id="run-3")
    assert scalar(course, "SELECT count(*) FROM academy_grading_problem") == [(0,)]


def test_the_autograded_folder_is_published_with_the_collected_timestamp_last(course):
    submit(course)
    save(course, result(course, {"q1": 2.0}))
    target = course.step("autograded", "E1", ASSIGNMENT)
    assert (target / "exercise.ipynb").read_text(encoding="utf-8") == "first"
    assert (target / "timestamp.txt").read_text(encoding="utf-8") == STAMP
    assert not (target / ".timestamp.txt.tmp").exists()
    submit(course, RESUBMITTED)
    save(course, result(course, {"q1": 1.0}, answer="second"), run_id="run-2")
    assert (target / "exercise.ipynb").read_text(encoding="utf-8") == "second"
    assert (target / "timestamp.txt").read_text(encoding="utf-8") == RESUBMITTED
    assert not (course.root / ".grading" / "E1-second").exists()


def test_without_a_collected_timestamp_the_published_folder_has_none(course):
    """The worker's own timestamp never stands in for the collected one: the submission stays pending."""
    save(course, result(course, {"q1": 2.0}))
    target = course.step("autograded", "E1", ASSIGNMENT)
    assert (target / "exercise.ipynb").is_file() and not (target / "timestamp.txt").exists()
    assert scalar(course, "SELECT timestamp FROM submitted_assignment") == [(None,)]


def test_every_score_a_run_writes_is_recorded_as_the_run_s(course):
    submit(course)
    save(course, result(course, {"q1": 2.0, "q2": 1.0}, {"a1": "ok"}), run_id="run-7")
    sources = scalar(course, "SELECT DISTINCT source FROM academy_audit WHERE table_name IN ('grade', 'comment')")
    assert sources == [("autograde:run-7",)]


def test_a_failed_save_leaves_the_gradebook_and_the_folders_as_they_were(course):
    submit(course)
    save(course, result(course, {"q1": 2.0}))
    before = stored(course)
    writer = Writer(course, url(course), COURSE, "run-2")
    try:
        with pytest.raises(KeyError):
            writer.save(result(course, {"q1": 0.0, "no-such-cell": 1.0}, answer="second"))
        # The writer stays usable: the next submission is saved.
        submit(course, employee_id="E2")
        writer.save(result(course, {"q1": 1.0}, employee_id="E2"))
    finally:
        writer.close()
    assert stored(course) == before
    assert (course.step("autograded", "E1", ASSIGNMENT) / "exercise.ipynb").read_text(encoding="utf-8") == "first"
    assert stored(course, employee_id="E2")["grades"]["q1"] == (1.0, None, False)


def test_a_failed_first_grading_leaves_no_student_or_submission(course):
    with pytest.raises(Exception, match="No such assignment"):
        save(course, result(course, {"q1": 2.0}, employee_id="E9", assignment="02-unknown.frontline.zh"))
    assert scalar(course, "SELECT count(*) FROM student") == [(0,)]
    assert scalar(course, "SELECT count(*) FROM submitted_assignment") == [(0,)]
