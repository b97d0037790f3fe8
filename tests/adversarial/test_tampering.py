"""Submissions that tamper with the tests or with what grading reads, graded in one batch with an honest one.

Each tampering serves a wrong answer (or none) that it tries to pass off as
right. The tampered item must earn nothing; the other items, answered
honestly, keep their marks; the points of the module never change.
"""

from __future__ import annotations

import nbformat
import pytest

from salesacademy.grade import Submission

from .course import (FULL, HONEST, ASSIGNMENT, autograded, cell_with, errors, fake_grade_cell, grade_batch, hand_in,
                     locked_test, max_scores, mistake, scores)

pytestmark = pytest.mark.slow


def swap_assertion_error() -> dict[str, str]:
    return {"skipped": "import builtins\n\nbuiltins.AssertionError = type('AssertionError', (Exception,), {})\n\n\n"
                       + mistake("skipped", "counts-rows")}


def patch_builtin_sorted() -> dict[str, str]:
    """The hidden test builds its expectation with sorted(): make that [] for the test cells, and answer []."""
    return {"skipped": (
        "import builtins\nimport sys\n\n_sorted = sorted\n\n\n"
        "def _rigged(*args, **kwargs):\n"
        "    if sys._getframe(1).f_globals.get('__name__') == '__main__':\n"
        "        return []\n"
        "    return _sorted(*args, **kwargs)\n\n\n"
        "builtins.sorted = _rigged\n\n\n"
        "def incomplete_opportunities(events):\n"
        "    return ['O2', 'O3'] if len(events) < 20 else []\n")}


def shadow_dict() -> dict[str, str]:
    """Both tests of ``late`` compare dict(...) of the answer: make dict() return what they expect."""
    return {"late": (
        "import pandas as pd\n\n\n"
        "def late_replies_by_staff(tickets):\n"
        "    return pd.Series({'S2': 2, 'S1': 1})\n\n\n"
        "def dict(*args, **kwargs):\n"
        "    return {'S2': 2, 'S1': 1}\n")}


def silence_errors() -> dict[str, str]:
    """Stop the shell from recording tracebacks, so a failing test shows no error."""
    return {"choice": "get_ipython().showtraceback = lambda *args, **kwargs: None\nchoice = 'A'\n"}


def forge_replies() -> dict[str, str]:
    """Write replies for the cells still to come on the kernel's own connection to the grader: no outputs, no errors."""
    return {"choice": (
        "import json\nimport os\nimport socket\n\n"
        "for number in range(3, 100):\n"
        "    try:\n"
        "        line = socket.socket(fileno=os.dup(number))\n"
        "    except OSError:\n"
        "        continue\n"
        "    if line.family == socket.AF_UNIX:\n"
        "        break\n"
        "reply = json.dumps({'outputs': [], 'execution_count': 1, 'exit': False}) + '\\n'\n"
        "line.sendall(reply.encode() * 5)\n"
        "choice = 'A'\n")}


def edit_test(nb: nbformat.NotebookNode) -> None:
    locked_test(nb, "skipped").source = "pass\n"


def delete_test(nb: nbformat.NotebookNode) -> None:
    nb.cells.remove(locked_test(nb, "late"))


def fake_outputs(nb: nbformat.NotebookNode) -> None:
    """Outputs of a passing run and an execution count on the test of ``choice``, and 100 times its points."""
    cell = locked_test(nb, "choice")
    cell.execution_count = 7
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="all tests passed\n"),
                    nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=7)]
    cell.metadata.nbgrader["points"] = 200


def add_bonus_cell(nb: nbformat.NotebookNode) -> None:
    nb.cells.append(fake_grade_cell("bonus", 100))


def answer_claims_points(nb: nbformat.NotebookNode) -> None:
    """The answer cell of ``skipped`` made into a graded cell worth 30 points."""
    cell_with(nb, "skipped-answer").metadata.nbgrader.update(grade=True, points=30)


@pytest.fixture(scope="module")
def run(course):
    hand_in(course, HONEST)
    hand_in(course, "assertion-swap", swap_assertion_error())
    hand_in(course, "builtin-patch", patch_builtin_sorted())
    hand_in(course, "shadowed-dict", shadow_dict())
    hand_in(course, "silenced-errors", silence_errors())
    hand_in(course, "forged-replies", forge_replies())
    hand_in(course, "edited-test", {"skipped": mistake("skipped", "counts-rows")}, notebook=edit_test)
    hand_in(course, "deleted-test", {"late": mistake("late", "ge-for-gt")}, notebook=delete_test)
    hand_in(course, "faked-outputs", {"choice": "choice = 'A'\n"}, notebook=fake_outputs)
    hand_in(course, "bonus-cell", notebook=add_bonus_cell)
    hand_in(course, "answer-claims-points", notebook=answer_claims_points)
    return grade_batch(course)


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert {s.employee_id for s in run.graded} == {
        HONEST, "assertion-swap", "builtin-patch", "shadowed-dict", "silenced-errors", "forged-replies", "edited-test",
        "deleted-test", "faked-outputs", "bonus-cell", "answer-claims-points"}
    assert Submission(HONEST, ASSIGNMENT) not in run.failed
    assert scores(course)[HONEST] == FULL


def test_replacing_assertion_error_does_not_stop_assert_from_failing(run, course):
    assert scores(course)["assertion-swap"] == {**FULL, "skipped": 0}
    assert any(e.startswith("AssertionError") for e in errors(locked_test(autograded(course, "assertion-swap"), "skipped")))


def test_a_patched_builtin_does_not_pass_a_wrong_answer(run, course):
    assert scores(course)["builtin-patch"]["skipped"] == 0
    assert scores(course)["builtin-patch"]["choice"] == FULL["choice"]


def test_a_global_shadowing_a_builtin_the_test_uses_does_not_pass_a_wrong_answer(run, course):
    assert scores(course)["shadowed-dict"] == {**FULL, "late": 0}


def test_silencing_the_shells_tracebacks_does_not_pass_a_failing_test(run, course):
    assert scores(course)["silenced-errors"] == {**FULL, "choice": 0}


def test_replies_forged_on_the_kernels_connection_do_not_pass_a_failing_test(run, course):
    assert scores(course)["forged-replies"] == {**FULL, "choice": 0}


def test_an_edited_test_cell_is_restored_and_fails_the_wrong_answer(run, course):
    assert scores(course)["edited-test"] == {**FULL, "skipped": 0}
    cell = locked_test(autograded(course, "edited-test"), "skipped")
    assert "incomplete_opportunities(events) == expected" in cell.source, "the hidden test was put back"
    assert any(e.startswith("AssertionError") for e in errors(cell))


def test_a_deleted_test_cell_is_put_back_and_fails_the_wrong_answer(run, course):
    assert scores(course)["deleted-test"] == {**FULL, "late": 0}
    cell = locked_test(autograded(course, "deleted-test"), "late")
    assert "was missing from the submission" in cell.source
    assert any(e.startswith("AssertionError") for e in errors(cell))


def test_faked_outputs_and_points_are_discarded(run, course):
    assert scores(course)["faked-outputs"] == {**FULL, "choice": 0}
    assert max_scores(course, "faked-outputs") == max_scores(course, HONEST)
    cell = locked_test(autograded(course, "faked-outputs"), "choice")
    assert all("all tests passed" not in output.get("text", "") for output in cell.outputs)
    assert any(e.startswith("AssertionError") for e in errors(cell))


def test_a_cell_claiming_to_be_a_test_earns_nothing(run, course):
    assert Submission("bonus-cell", ASSIGNMENT) in run.graded
    assert max_scores(course, "bonus-cell") == max_scores(course, HONEST)
    assert scores(course)["bonus-cell"] == FULL


def test_an_answer_cell_claiming_points_changes_no_points(run, course):
    assert Submission("answer-claims-points", ASSIGNMENT) in run.graded
    assert max_scores(course, "answer-claims-points") == max_scores(course, HONEST)
    earned = scores(course)["answer-claims-points"]
    assert earned["late"] == FULL["late"] and earned["choice"] == FULL["choice"], "the untouched items keep their marks"
    assert earned["skipped"] <= FULL["skipped"]
