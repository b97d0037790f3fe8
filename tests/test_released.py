"""What a submission is checked against: the released cells, read once, and the roles they give back to submitted cells."""

from __future__ import annotations

import json
import types

import nbformat
import pytest
from nbgrader.api import MissingEntry
from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError, ValidationError

from salesacademy.released import ReleasedCells, check_cell_metadata_class, restore_roles


def cell(name, **fields):
    return types.SimpleNamespace(name=name, **fields)


class Gradebook:
    """nbgrader's Gradebook as `ReleasedCells` uses it, counting the lookups and the rollbacks."""

    def __init__(self, *, failing: bool = False) -> None:
        self.lookups, self.rollbacks, self.failing = [], 0, failing
        self.db = types.SimpleNamespace(rollback=self._rollback)

    def _rollback(self) -> None:
        self.rollbacks += 1

    def find_notebook(self, notebook, module_id):
        self.lookups.append((notebook, module_id))
        if self.failing:
            raise MissingEntry()
        return types.SimpleNamespace(
            source_cells=[cell("intro", cell_type="markdown", locked=True, checksum="c0", source="# Intro", extra="left out"),
                          cell("q1", cell_type="code", locked=False, checksum="c1", source="answer = None")],
            grade_cells=[cell("q1-test", max_score=2.0, cell_type="code", source="assert answer")],
            solution_cells=[cell("q1", source="answer = None")],
            task_cells=[cell("t1", max_score=3.0, cell_type="markdown", source="Explain")],
            kernelspec=json.dumps({"name": "python3", "display_name": "Python 3"}),
        )


def test_the_released_cells_are_read_once_as_plain_records():
    gradebook = Gradebook()
    released = ReleasedCells(gradebook)
    notebook = released.find_notebook("exercise", "01-m.frontline.zh")
    assert released.find_notebook("exercise", "01-m.frontline.zh") is notebook
    assert gradebook.lookups == [("exercise", "01-m.frontline.zh")] and gradebook.rollbacks == 1
    assert [vars(c) for c in notebook.source_cells] == [
        {"name": "intro", "cell_type": "markdown", "locked": True, "checksum": "c0", "source": "# Intro"},
        {"name": "q1", "cell_type": "code", "locked": False, "checksum": "c1", "source": "answer = None"},
    ]
    assert [vars(c) for c in notebook.grade_cells] == [{"name": "q1-test", "max_score": 2.0, "cell_type": "code"}]
    assert [vars(c) for c in notebook.solution_cells] == [{"name": "q1"}]
    assert [vars(c) for c in notebook.task_cells] == [{"name": "t1", "max_score": 3.0, "cell_type": "markdown"}]
    assert notebook.kernelspec == {"name": "python3", "display_name": "Python 3"}


def test_each_notebook_and_module_is_read_on_its_own():
    gradebook = Gradebook()
    released = ReleasedCells(gradebook)
    released.find_notebook("exercise", "01-m.frontline.zh")
    released.find_notebook("exercise", "01-m.analyst.zh")
    released.find_notebook("lesson", "01-m.frontline.zh")
    assert gradebook.lookups == [("exercise", "01-m.frontline.zh"), ("exercise", "01-m.analyst.zh"), ("lesson", "01-m.frontline.zh")]


def test_a_notebook_without_kernelspec_has_none():
    gradebook = Gradebook()
    original = gradebook.find_notebook
    gradebook.find_notebook = lambda *args: types.SimpleNamespace(**{**vars(original(*args)), "kernelspec": None})
    assert ReleasedCells(gradebook).find_notebook("exercise", "01-m").kernelspec is None


def test_a_failed_lookup_leaves_no_read_transaction_open():
    gradebook = Gradebook(failing=True)
    with pytest.raises(MissingEntry):
        ReleasedCells(gradebook).find_notebook("exercise", "01-m")
    assert gradebook.rollbacks == 1


def test_source_and_graded_cells_are_found_by_name_and_kind():
    released = ReleasedCells(Gradebook())
    assert released.find_source_cell("intro", "exercise", "01-m").checksum == "c0"
    assert released.find_graded_cell("q1-test", "exercise", "01-m").max_score == 2.0
    assert released.find_graded_cell("t1", "exercise", "01-m").max_score == 3.0  # a task is graded too
    with pytest.raises(MissingEntry):
        released.find_graded_cell("intro", "exercise", "01-m")  # a source cell, not a graded one
    with pytest.raises(MissingEntry):
        released.find_source_cell("q1-test", "exercise", "01-m")
    with pytest.raises(MissingEntry):
        released.find_graded_cell("q9", "exercise", "01-m")


RELEASED = types.SimpleNamespace(
    source_cells=[cell("intro", locked=True), cell("q1", locked=False), cell("q1-test", locked=True), cell("w1", locked=False),
                  cell("t1", locked=True)],
    grade_cells=[cell("q1-test", max_score=2.0), cell("w1", max_score=4.0)],
    solution_cells=[cell("q1"), cell("w1")],
    task_cells=[cell("t1", max_score=3.0)],
)


def submitted(*metadata) -> nbformat.NotebookNode:
    """A notebook whose cells carry the given nbgrader metadata (None: none at all)."""
    nb = nbformat.v4.new_notebook()
    for meta in metadata:
        new = nbformat.v4.new_code_cell("x = 1")
        if meta is not None:
            new.metadata["nbgrader"] = meta
        nb.cells.append(new)
    return nb


def test_each_released_cell_gets_its_released_role_back_whatever_the_submission_claims():
    nb = submitted(
        {"grade_id": "intro", "grade": True, "solution": True, "locked": False, "points": 99, "task": True},
        {"grade_id": "q1", "grade": True, "solution": False, "locked": True, "points": 5},
        {"grade_id": "q1-test", "grade": False, "solution": True, "locked": False},
        {"grade_id": "w1", "grade": False, "solution": False, "locked": True, "task": True, "points": 1},
        {"grade_id": "t1", "grade": True, "solution": True, "locked": False, "points": 10},
        None,
    )
    restore_roles(nb, RELEASED)
    assert [c.metadata.get("nbgrader") for c in nb.cells] == [
        {"grade_id": "intro", "grade": False, "solution": False, "locked": True},
        {"grade_id": "q1", "grade": False, "solution": True, "locked": False},
        {"grade_id": "q1-test", "grade": True, "solution": False, "locked": True, "points": 2.0},
        {"grade_id": "w1", "grade": True, "solution": True, "locked": False, "points": 4.0},
        {"grade_id": "t1", "grade": False, "solution": False, "locked": True, "task": True, "points": 3.0},
        None,
    ]


@pytest.mark.parametrize("meta", [
    {"grade_id": "q9", "grade": True, "solution": False, "locked": False, "points": 5},  # never released
    {"grade": True, "solution": False, "locked": False, "points": 5},  # no id at all
    "grade",  # not even a mapping
])
def test_a_cell_that_was_never_released_loses_its_grading_metadata(meta):
    nb = submitted(meta)
    nb.cells[0].metadata["other"] = "kept"
    restore_roles(nb, RELEASED)
    assert dict(nb.cells[0].metadata) == {"other": "kept"}


def valid(**changes) -> dict:
    return {"schema_version": 3, "grade": True, "solution": False, "locked": True, "grade_id": "q1-test", "points": 2.0, **changes}


@pytest.fixture
def check():
    return check_cell_metadata_class()()


def test_valid_metadata_and_plain_cells_pass_unchanged(check):
    nb = submitted(valid(), None, valid(grade=False, solution=True, locked=False, grade_id="q1", points=0))
    before = json.dumps(nb, sort_keys=True)
    out, resources = check.preprocess(nb, {"key": "value"})
    assert out is nb and resources == {"key": "value"} and json.dumps(out, sort_keys=True) == before


@pytest.mark.parametrize(("meta", "error", "version"), [
    (valid(schema_version=2), SchemaTooOldError, 2),
    ({key: value for key, value in valid().items() if key != "schema_version"}, SchemaTooOldError, 0),  # nbgrader's first schema
    (valid(schema_version=4), SchemaTooNewError, 4),
])
def test_metadata_of_another_schema_version_is_refused(check, meta, error, version):
    with pytest.raises(error) as caught:
        check.preprocess(submitted(meta), {})
    words = "Outdated schema version" if error is SchemaTooOldError else "Schema version is too new"
    assert str(caught.value) == f"{words}: {version} (expected 3)"
    assert (caught.value.actual_version, caught.value.expected_version) == (version, 3)


@pytest.mark.parametrize(("meta", "reason"), [
    (valid(points="two"), "'two' is not of type 'number'"),
    (valid(grade_id=""), "grade_id is empty"),
    ({key: value for key, value in valid().items() if key != "points"}, "nbgrader cell 'q1-test' does not have points"),
])
def test_corrupt_metadata_is_refused_with_one_message(check, meta, reason):
    with pytest.raises(ValidationError) as caught:
        check.preprocess(submitted(meta), {})
    assert str(caught.value).startswith("Notebook failed to validate; the nbgrader metadata may be corrupted: ")
    assert reason in str(caught.value)


def test_two_cells_with_one_id_are_refused(check):
    with pytest.raises(ValidationError, match="Duplicate grade id: q1-test"):
        check.preprocess(submitted(valid(), valid()), {})
