"""Fuzzed submission folders: whatever a learner hands in, grading ends with a score and a reason, never a crash.

Each example writes a submission folder (random bytes, JSON that is not a
notebook, or the released notebook with random damage) and grades it with
the grader's own worker and writer, in this process, so many examples fit
in a test run. Properties: grading returns a result rather than raising;
a notebook that could not be read scores zero on every item with a reason;
no item ever scores above its points; the gradebook stays consistent and
the autograded folder is in place.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine import ASSIGNMENT, MODULE

from salesacademy import grade_worker as grading
from salesacademy.grade_writer import Writer

pytestmark = pytest.mark.slow
POINTS = {"skipped": 3.0, "late": 3.0, "choice": 2.0}


@pytest.fixture(scope="module")
def released_sqlite(tmp_path_factory, content):
    """MODULE released to one employee, on SQLite (the properties concern files, not the database)."""
    from salesacademy.init import init
    from salesacademy.release import release
    from salesacademy.roster import import_roster

    root = tmp_path_factory.mktemp("fuzz-submissions") / "course"
    init(directory=root)
    (root / "roster.csv").write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        "F1,Fuzz,Branch,Compliance,compliance_officer,,2020-01-01,f1@bank.example,zh-CN\n", encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], progress=False)
    return root


def released_notebook(root: Path) -> dict:
    return json.loads((root / "release" / ASSIGNMENT / "exercise.ipynb").read_text(encoding="utf-8"))


@st.composite
def damaged_notebooks(draw, base: dict) -> bytes:
    """The released notebook with random damage, serialised."""
    nb = json.loads(json.dumps(base))
    cells = nb["cells"]
    for _ in range(draw(st.integers(0, 4))):
        if not cells:
            break
        index = draw(st.integers(0, len(cells) - 1))
        action = draw(st.sampled_from(["drop", "retype", "source", "metadata", "outputs", "duplicate"]))
        cell = cells[index]
        if action == "drop":
            cells.pop(index)
        elif action == "retype":
            cell["cell_type"] = draw(st.sampled_from(["code", "markdown", "raw", "unknown"]))
        elif action == "source":
            cell["source"] = draw(st.text(max_size=200))
        elif action == "metadata":
            meta = cell.setdefault("metadata", {}).setdefault("nbgrader", {})
            meta[draw(st.sampled_from(["grade", "solution", "locked", "points", "grade_id", "checksum", "schema_version"]))] = draw(
                st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=20), st.none()))
        elif action == "outputs":
            cell["outputs"] = [{"output_type": "execute_result", "data": {"text/plain": "3.0"}, "metadata": {}, "execution_count": 1}]
        else:
            cells.insert(index, json.loads(json.dumps(cell)))
    if draw(st.booleans()):
        nb["nbformat"] = draw(st.sampled_from([3, 4, 5, "4", None]))
    return json.dumps(nb).encode()


def submissions(base: dict):
    return st.one_of(
        st.binary(max_size=2000),
        st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                     lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                     max_leaves=20).map(lambda value: json.dumps(value).encode()),
        damaged_notebooks(base),
    )


def test_any_submission_folder_is_graded_with_a_score_and_a_reason(released_sqlite, tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzzed") / "course"
    shutil.copytree(released_sqlite, root)
    base = released_notebook(root)
    folder = root / "submitted" / "F1" / ASSIGNMENT
    worker = grading._Worker(str(root))
    writer = Writer(worker.paths, worker.url, worker.config.course.id, "fuzz")
    staging_root = root / ".grading" / "fuzz"
    examples = iter(range(10**6))

    @settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(content=submissions(base), name=st.sampled_from(["exercise.ipynb", "exercise.ipynb", "练习.ipynb"]),
           extra=st.dictionaries(st.sampled_from(["data.csv", "答案.txt", ".hidden/x", "sub/dir.py"]), st.binary(max_size=100), max_size=2))
    def graded(content: bytes, name: str, extra: dict[str, bytes]) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / name).write_bytes(content)
        for path, data in extra.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        (folder / "timestamp.txt").write_text(f"2025-03-0{1 + next(examples) % 9} 10:00:00.000000 UTC", encoding="utf-8")
        staging = staging_root / str(next(examples))
        staging.mkdir(parents=True)
        result = grading.grade_one(grading.Job(str(root), "F1", ASSIGNMENT, "exercise", str(staging)))
        assert not result.grader_fault, result.problem
        if result.unreadable:
            assert result.problem, "an unreadable notebook says why"
        for item, score in result.scores.items():
            if item in POINTS and score is not None:
                assert 0 <= score <= POINTS[item], (item, score)
        writer.save(result)
        with sqlite3.connect(root / "gradebook.db") as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            rows = db.execute("SELECT bc.name, g.auto_score FROM grade g JOIN base_cell bc ON bc.id = g.cell_id "
                              "JOIN submitted_notebook sn ON sn.id = g.notebook_id JOIN notebook n ON n.id = sn.notebook_id "
                              "WHERE n.name = 'exercise'").fetchall()
        scored = {name: score for name, score in rows if name in POINTS}
        assert set(scored) == set(POINTS), "every item has a grade row"
        if result.unreadable:
            assert all(score == 0 for score in scored.values()), scored
        assert (root / "autograded" / "F1" / ASSIGNMENT / "timestamp.txt").is_file()
        if not result.unreadable:
            nbformat.validate(nbformat.read(root / "autograded" / "F1" / ASSIGNMENT / "exercise.ipynb", as_version=4))

    try:
        graded()
    finally:
        writer.close()
