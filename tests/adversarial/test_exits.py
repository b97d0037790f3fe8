"""Submissions that quit, kill their own kernel, or leave a process behind, graded in one batch with an honest one.

A test that raises scores nothing; a kernel that is gone fails its
submission with a reason, keeps the marks of what ran before it went, and
gives nothing to the tests that never ran. Nothing a submission starts may
outlive its grading.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
from pathlib import Path

import pytest

from salesacademy.cli import main
from salesacademy.grade import Submission

from .course import ASSIGNMENT, FULL, HONEST, MODULE, autograded, cell_with, errors, grade_batch, hand_in, locked_test, scores, status_rows

pytestmark = pytest.mark.slow

CASES = {
    "sys-exit": {"skipped": "import sys\n\n\ndef incomplete_opportunities(events):\n    sys.exit()\n"},
    "os-exit": {"choice": "import os\n\nos._exit(1)\n"},
    "crash": {"late": "import ctypes\n\n\ndef late_replies_by_staff(tickets):\n    ctypes.string_at(0)\n"},
}


#: The name the lingering process gives itself (its ``comm``), to be told apart from any other on this machine.
LINGERER = "academy-linger"


def lingering() -> str:
    """An answer to ``choice`` that leaves a detached process named LINGERER behind for 30 s, and says so."""
    return (
        "import ctypes\nimport os\nimport time\n\n"
        "reader, writer = os.pipe()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    os.setsid()\n"
        "    grandchild = os.fork()\n"
        "    if grandchild == 0:\n"
        f"        ctypes.CDLL(None).prctl(15, {LINGERER.encode()!r}, 0, 0, 0)  # PR_SET_NAME\n"
        "        os.write(writer, str(os.getpid()).encode())\n"
        "        time.sleep(30)\n"
        "    os._exit(0)\n"
        "os.waitpid(child, 0)\n"
        "print('lingering', os.read(reader, 32).decode())\n"
        "choice = 'C'\n"
    )


def lingerers() -> list[int]:
    """The machine's processes named LINGERER, zombies included (a zombie nobody reaps still holds its entry)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == LINGERER:
                found.append(int(entry.name))
        except OSError:
            pass  # it ended while we looked
    return found


@pytest.fixture(scope="module")
def run(course):
    hand_in(course, HONEST)
    for employee_id, code in CASES.items():
        hand_in(course, employee_id, code)
    hand_in(course, "lingering-process", {"choice": lingering()})
    graded = grade_batch(course)
    printed = "".join(o.get("text", "") for o in cell_with(autograded(course, "lingering-process"), "choice-answer").outputs
                      if o.output_type == "stream")
    graded.lingered = "lingering " in printed
    yield graded
    for pid in lingerers():  # without the root sandbox, nothing ended it
        os.kill(pid, signal.SIGKILL)


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert set(run.graded) == {Submission(e, ASSIGNMENT) for e in [HONEST, *CASES, "lingering-process"]}
    assert Submission(HONEST, ASSIGNMENT) not in run.failed
    assert scores(course)[HONEST] == FULL


def test_sys_exit_is_an_error_of_the_test_that_called_it(run, course):
    assert scores(course)["sys-exit"] == {**FULL, "skipped": 0}
    assert Submission("sys-exit", ASSIGNMENT) not in run.failed, "SystemExit is an exception: the kernel goes on"
    assert any(e.startswith("SystemExit") for e in errors(locked_test(autograded(course, "sys-exit"), "skipped")))


def test_os_exit_ends_the_kernel_and_the_tests_after_it_score_nothing(run, course):
    reason = run.failed[Submission("os-exit", ASSIGNMENT)]
    assert reason.startswith("the kernel exited with status 1 (cell ")
    assert scores(course)["os-exit"] == {**FULL, "choice": 0}, "the tests that ran before keep their marks"
    assert errors(locked_test(autograded(course, "os-exit"), "choice")) == [f"KernelStopped: not run: {reason}"]


def test_a_kernel_that_crashes_fails_with_the_signal_named(run, course):
    reason = run.failed[Submission("crash", ASSIGNMENT)]
    assert "killed by signal SIGSEGV" in reason
    assert scores(course)["crash"] == {"skipped": FULL["skipped"], "late": 0, "choice": 0}
    graded = autograded(course, "crash")
    assert errors(locked_test(graded, "late")) == ["KernelStopped: the kernel was killed by signal SIGSEGV"]
    assert errors(locked_test(graded, "choice")) == [f"KernelStopped: not run: {reason}"]


@pytest.mark.root
def test_no_process_of_a_submission_outlives_its_grading(run, course):
    """The kernel is the first process of a PID namespace of its own: when it ends, everything it started ends."""
    assert run.lingered, "the submission could not start its background process"
    assert not lingerers(), "a process started by the submission is still there after grading"
    assert scores(course)["lingering-process"] == FULL


def test_status_shows_the_trainer_why_a_submission_failed(run, course):
    rows = status_rows(course)
    assert "problem" in rows.columns, "academy status has no column for the last grading problem"
    assert "exited with status 1" in rows.loc["os-exit", "problem"]
    assert "SIGSEGV" in rows.loc["crash", "problem"]
    assert rows.loc[HONEST, "problem"] == ""


def test_the_status_table_gives_the_reasons_in_the_course_language(run, course):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["status", "--instance", str(course), "--module", MODULE]) == 0
    line = next(line for line in out.getvalue().splitlines() if line.startswith("os-exit "))
    assert line.rstrip().endswith("内核已退出（状态码 1）（第 10 个单元格）")
    assert "内核被信号 SIGSEGV 终止（第 8 个单元格）" in out.getvalue()
