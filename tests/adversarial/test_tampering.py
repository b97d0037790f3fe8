"""Submissions that tamper with the tests or with what grading reads, graded in one batch with an honest one.

Each tampering serves a wrong answer (or none) that it tries to pass off as
right. The tampered item must earn nothing; the other items, answered
honestly, keep their marks; the points of the module never change.

Three of them forge the kernel's verdicts outright, each from the answer
cell of ``choice``: they replace what the kernel's reply path uses (its JSON
encoder, its socket's writer), silence the recorder of errors, or take over
the connection with the request's nonce, read from the shell's frame through
``sys.settrace``. Every test after that reports "passed"; the canary run
beside each test (`kernel.runner.canary`) must fail, so its passing gives the
forgery away. The kernel-level tests show each forgery passing a wrong
answer when no canary is run, so the batch's outcome is the canary's doing.
Hidden tests that read globals an answer rebinds: `tests/test_setup_globals.py`;
hooks that print the hidden tests' source:
`tests/test_grader_faults.py::test_feedback_shows_the_graders_verdicts_and_no_line_of_a_hidden_test`.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from salesacademy import answers, gradebook_reads
from salesacademy.config import database_url, load_config
from salesacademy.grade import Submission
from salesacademy.kernel import runner
from salesacademy.kernel.runner import FORGED, Limits, run_notebook

from .course import (FULL, HONEST, ASSIGNMENT, MODULE, NOTEBOOK, autograded, cell_with, errors, fake_grade_cell, grade_batch,
                     hand_in, locked_test, max_scores, mistake, scores, status_rows)

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


#: Forgeries of the kernel's verdicts, each run before ``choice = 'A'`` (a wrong answer) in the answer cell of ``choice``.
FORGERIES = {
    # every reply the shell encodes loses its errors
    "reply-encoder": (
        "import json\n\n_dumps = json.dumps\n\n\n"
        "def _passing(obj, *args, **kwargs):\n"
        "    if isinstance(obj, dict) and 'nonce' in obj:\n"
        "        obj = {**obj, 'outputs': [o for o in obj['outputs'] if o.get('output_type') != 'error']}\n"
        "    return _dumps(obj, *args, **kwargs)\n\n\n"
        "json.dumps = _passing\n"),
    # every reply written to the socket loses its errors
    "reply-socket": (
        "import json\nimport socket\n\n_write = socket.SocketIO.write\n\n\n"
        "def _passing(self, data):\n"
        "    try:\n"
        "        reply = json.loads(bytes(data))\n"
        "    except ValueError:\n"
        "        return _write(self, data)\n"
        "    reply['outputs'] = [o for o in reply['outputs'] if o.get('output_type') != 'error']\n"
        "    self._sock.sendall(json.dumps(reply).encode() + b'\\n')\n"
        "    return len(data)\n\n\n"
        "socket.SocketIO.write = _passing\n"),
    # no error is recorded, not even the one the shell adds for a failed cell whose traceback never reached it
    "silenced-recorder": (
        "import sys\n\nsys.modules['salesacademy.kernel.shell'].Recorder.error = lambda self, *args, **kwargs: None\n"),
    # at the next test, read the request's nonce from the shell's frame and answer every request from then on
    "impersonated-shell": (
        "import json\nimport os\nimport sys\n\n\n"
        "def _answer(stream, nonce):\n"
        "    stream.write(json.dumps({'outputs': [], 'execution_count': 1, 'exit': False, 'nonce': nonce}).encode() + b'\\n')\n"
        "    stream.flush()\n\n\n"
        "def _take_over(frame, event, arg):\n"
        "    while frame is not None and frame.f_code.co_name != 'serve':\n"
        "        frame = frame.f_back\n"
        "    if frame is None or not frame.f_locals.get('request', {}).get('test'):\n"
        "        return None\n"
        "    sys.settrace(None)\n"
        "    stream = frame.f_locals['stream']\n"
        "    _answer(stream, frame.f_locals['nonce'])\n"
        "    for line in stream:\n"
        "        _answer(stream, json.loads(line)['nonce'])\n"
        "    os._exit(0)\n\n\n"
        "sys.settrace(_take_over)\n"),
}

#: A teller's answer cells holding more than an answer, and one wrong answer; "{right}" and "{wrong}" are theirs.
TELLER = "teller-code-answers"
TELLER_TYPED = {
    "skipped-step": "x = {right}",  # code that holds the right number
    "first-reply": "%%capture\n{right}",  # another cell magic, with the right letter under it
    "process-order": "%%answer process-order\n{wrong}",  # an answer, wrong
}


def teller_answers(nb: nbformat.NotebookNode, key: answers.AnswerKey) -> None:
    for item in key.items:
        if item.id in TELLER_TYPED:
            cell_with(nb, item.answer_cell).source = TELLER_TYPED[item.id].format(
                right=key.text(item.id, answers.REFERENCE, TELLER), wrong=key.text(item.id, answers.WRONG, TELLER))


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
    for employee_id, forgery in FORGERIES.items():
        hand_in(course, employee_id, {"choice": forgery + "choice = 'A'\n"})
    answers.hand_in(instance=course, employee_id=TELLER, module_id=MODULE, edit=teller_answers)
    return grade_batch(course)


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert {s.employee_id for s in run.graded} == {
        HONEST, "assertion-swap", "builtin-patch", "shadowed-dict", "silenced-errors", "forged-replies", "edited-test",
        "deleted-test", "faked-outputs", "bonus-cell", "answer-claims-points", *FORGERIES, TELLER}
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


# Forged verdicts -----------------------------------------------------------------------------


@pytest.mark.parametrize("employee_id", list(FORGERIES))
def test_a_forged_verdict_scores_nothing_and_is_flagged_for_the_trainer(run, course, employee_id):
    assert scores(course)[employee_id] == {**FULL, "choice": 0}, "the tests before the forgery keep their marks"
    cell = locked_test(autograded(course, employee_id), "choice")
    assert errors(cell) == [f"VerdictForged: {FORGED}"]
    assert run.failed[Submission(employee_id, ASSIGNMENT)].startswith(FORGED)
    assert status_rows(course).loc[employee_id, "problem"].startswith(FORGED)


def test_a_forgery_leaves_nothing_behind(run, course):
    """The run's staging folder is gone, and a forger's graded folder holds what the honest one's does."""
    assert not (course / ".grading").exists() or not any((course / ".grading").iterdir())

    def files(employee_id: str) -> set[str]:
        folder = course / "autograded" / employee_id / ASSIGNMENT
        return {str(path.relative_to(folder)) for path in folder.rglob("*")}

    for employee_id in FORGERIES:
        assert files(employee_id) == files(HONEST)


SETUP = {"grade": False, "solution": False, "locked": True, "grade_id": "cell-setup"}
ANSWER = {"grade": False, "solution": True, "locked": False, "grade_id": "choice-answer"}
TEST = {"grade": True, "solution": False, "locked": True, "grade_id": "choice", "points": 2}


def kernel_run(forgery: str) -> tuple[str | None, list[str], list[str]]:
    """A wrong answer after `forgery`, then its test and a locked cell: why the kernel stopped, the test's errors, the last cell's."""
    def cell(source: str, nbgrader: dict) -> nbformat.NotebookNode:
        return new_code_cell(source, metadata={"nbgrader": {"schema_version": 3, "task": False, **nbgrader}})

    nb = new_notebook(cells=[cell(forgery + "choice = 'A'\n", ANSWER), cell("assert choice == 'C', 'not C'", TEST),
                             cell("print('ran')", SETUP)])
    stopped = run_notebook(nb, cwd=str(Path.cwd()), env={"PATH": "/usr/bin:/bin"}, limits=Limits(cell_timeout_s=10))
    return stopped, errors(nb.cells[1]), [o.text if o.output_type == "stream" else f"{o.ename}: {o.evalue}" for o in nb.cells[2].outputs]


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_each_forgery_passes_a_wrong_answer_when_no_canary_runs(forgery, monkeypatch):
    monkeypatch.setattr(runner, "_tested", lambda run, source: run(source))
    assert kernel_run("")[1] == ["AssertionError: not C"], "without a forgery the wrong answer fails"
    stopped, test_errors, _ = kernel_run(FORGERIES[forgery])
    assert (stopped, test_errors) == (None, [])


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_each_forgery_is_given_away_by_its_canary_and_stops_the_kernel(forgery):
    stopped, test_errors, last = kernel_run(FORGERIES[forgery])
    assert stopped == f"{FORGED} (cell 2)"
    assert test_errors == [f"VerdictForged: {FORGED}"]
    assert last == [f"KernelStopped: not run: {FORGED} (cell 2)"], "nothing runs after a forgery is found"


def test_an_honest_kernel_keeps_its_verdicts_beside_the_canaries():
    stopped, test_errors, last = kernel_run("")
    assert (stopped, test_errors, last) == (None, ["AssertionError: not C"], ["ran\n"])


def test_a_test_cell_the_grader_decided_is_never_sent_to_the_kernel():
    nb = new_notebook(cells=[new_code_cell("import os\nos._exit(3)", metadata={"nbgrader": {"schema_version": 3, **TEST}})])
    decided = [runner.error_output("AssertionError", "the grader's own verdict")]
    assert run_notebook(nb, cwd=str(Path.cwd()), env={"PATH": "/usr/bin:/bin"}, limits=Limits(), decided={"choice": decided}) is None
    assert errors(nb.cells[0]) == ["AssertionError: the grader's own verdict"]


# Questions, judged by the grader ---------------------------------------------------------------


def test_a_tellers_answer_cell_holding_more_than_the_answer_scores_nothing_with_the_reason(run, course):
    config, paths = load_config(course)
    rows = gradebook_reads.grade_rows(database_url(config, paths))
    rows = rows[(rows.employee_id == TELLER) & rows.auto_score.notna()].set_index("item")
    questions_ = [item for item in rows.index if item not in TELLER_TYPED]
    assert questions_, "some questions were answered right"
    for item in questions_:
        assert rows.loc[item, "auto_score"] == rows.loc[item, "max_score"], item
    for item in TELLER_TYPED:
        assert rows.loc[item, "auto_score"] == 0, item
    assert Submission(TELLER, f"{MODULE}.frontline.zh") not in run.failed, "a malformed answer is the learner's, not a failed run"
    problem = status_rows(course).loc[TELLER, "problem"]
    # the instance's language is Chinese: 第 1 题（skipped-step）：答案单元格填写的是“x = 18”，不是一个数字，计 0 分
    assert "（skipped-step）：答案单元格填写的是“x = " in problem and "不是一个数字" in problem
    assert "（first-reply）：答案单元格填写的是“%%capture " in problem and "不是一个字母" in problem
    assert "process-order" not in problem, "a wrong answer is no problem"


def test_no_test_cell_of_a_question_ran_in_the_kernel(run, course):
    """The grader wrote each question's test outputs: no execution count, and an error only where the answer fails."""
    graded = nbformat.read(course / "autograded" / TELLER / f"{MODULE}.frontline.zh" / f"{NOTEBOOK}.ipynb", as_version=4)
    tests = {cell.metadata.nbgrader["grade_id"]: cell for cell in graded.cells
             if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")}
    assert len(tests) == 5
    assert all(cell.execution_count is None for cell in tests.values())
    failing = {item for item, cell in tests.items() if errors(cell)}
    assert failing == set(TELLER_TYPED)
