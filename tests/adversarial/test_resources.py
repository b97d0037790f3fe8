"""Submissions that abuse time, memory, output or disk, graded in one batch with an honest one.

Each abuse sits in the answer to ``late``, so it runs when that item's test
calls the function. Every loop is bounded: if a limit did not hold, the
abuse would end by itself after a bounded amount of harm, return the right
answer, and the test would fail on the marks it earned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from salesacademy.grade import Submission

from .course import ASSIGNMENT, FULL, HONEST, LIMITS, autograded, errors, grade_batch, hand_in, late_with, locked_test, scores

pytestmark = pytest.mark.slow


CASES = {
    "endless-loop": late_with("    while True:\n        pass\n"),
    # swallows the interrupt, as if the learner had wrapped the loop in try/except
    "stubborn-loop": late_with("    while True:\n        try:\n            while True:\n                pass\n"
                               "        except KeyboardInterrupt:\n            pass\n"),
    # 40 x 64 MiB at most: past the limit of 1 GiB, well within the machine
    "memory-bomb": late_with("    hoard = []\n    for _ in range(40):\n        hoard.append(bytearray(64 * 2**20))\n"),
    # 50 MB on stdout: not an offence, but it must not reach the graded notebook
    "flood-output": late_with("    for _ in range(50):\n        print('x' * (2**20 - 1))\n"),
    # 1 GiB, in 1 MiB writes
    "huge-file": late_with("    block = bytes(2**20)\n    with open('late.bin', 'wb') as out:\n"
                           "        for _ in range(1024):\n            out.write(block)\n"),
    # 20 files of 16 MiB, each under the file-size limit, in turn in the kernel's folder and in /tmp: 320 MiB
    "disk-filler": late_with("    for i in range(20):\n"
                             "        with open(('/tmp/' if i % 2 else '') + f'academy-fill-{i}.bin', 'wb') as out:\n"
                             "            out.write(bytes(16 * 2**20))\n"),
}


@pytest.fixture(scope="module")
def run(course):
    hand_in(course, HONEST)
    for employee_id, code in CASES.items():
        hand_in(course, employee_id, {"late": code})
    before = set(Path("/tmp").iterdir())
    graded = grade_batch(course, workers=2)
    left = [p for p in set(Path("/tmp").iterdir()) - before if p.name.startswith("academy-fill")]
    graded.left_in_tmp = sorted(p.name for p in left)
    for path in left:  # without the root sandbox's quota the kernel's files land here; they are not kept
        path.unlink()
    return graded


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert set(run.graded) == {Submission(e, ASSIGNMENT) for e in [HONEST, *CASES]}
    assert Submission(HONEST, ASSIGNMENT) not in run.failed
    assert scores(course)[HONEST] == FULL


def test_an_endless_loop_is_stopped_at_the_cell_limit_and_the_next_tests_run(run, course):
    assert scores(course)["endless-loop"] == {**FULL, "late": 0}
    shown = errors(locked_test(autograded(course, "endless-loop"), "late"))
    assert f"CellTimeoutError: stopped after the cell limit of {LIMITS['cell_timeout_s']} s" in shown
    assert Submission("endless-loop", ASSIGNMENT) not in run.failed, "an interrupted kernel goes on"


def test_a_loop_that_swallows_the_interrupt_is_killed_and_fails_its_submission(run, course):
    reason = run.failed[Submission("stubborn-loop", ASSIGNMENT)]
    assert "did not answer an interrupt" in reason
    assert scores(course)["stubborn-loop"] == {"skipped": FULL["skipped"], "late": 0, "choice": 0}
    assert errors(locked_test(autograded(course, "stubborn-loop"), "choice")) == [f"KernelStopped: not run: {reason}"]


def test_a_memory_bomb_hits_the_memory_limit_and_the_kernel_survives(run, course):
    assert scores(course)["memory-bomb"] == {**FULL, "late": 0}
    shown = errors(locked_test(autograded(course, "memory-bomb"), "late"))
    assert any(e.startswith("MemoryError") for e in shown), shown
    assert Submission("memory-bomb", ASSIGNMENT) not in run.failed


def test_a_flood_of_output_is_cut_short_and_a_right_answer_keeps_its_marks(run, course):
    assert scores(course)["flood-output"] == FULL
    cell = locked_test(autograded(course, "flood-output"), "late")
    printed = "".join(output.get("text", "") for output in cell.outputs)
    assert "[output truncated" in printed
    assert len(printed) < 2 * 10**6
    notebook = course / "autograded" / "flood-output" / ASSIGNMENT / "exercise.ipynb"
    assert notebook.stat().st_size < 5 * 2**20


def test_a_huge_file_is_stopped_at_the_file_size_limit_and_left_behind(run, course):
    assert scores(course)["huge-file"] == {**FULL, "late": 0}
    shown = errors(locked_test(autograded(course, "huge-file"), "late"))
    assert any(e.startswith("OSError: [Errno 27] File too large") for e in shown), shown
    folder = course / "autograded" / "huge-file" / ASSIGNMENT
    assert not (folder / "late.bin").exists()
    assert sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) < 5 * 2**20


@pytest.mark.root
def test_many_files_past_the_disk_quota_fail_and_leave_nothing_behind(run, course):
    """Each file is under the file-size limit; together they pass the quota on what a kernel may write."""
    assert scores(course)["disk-filler"] == {**FULL, "late": 0}
    shown = errors(locked_test(autograded(course, "disk-filler"), "late"))
    assert any(e.startswith("OSError: [Errno 28] No space left on device") for e in shown), shown
    assert Submission("disk-filler", ASSIGNMENT) not in run.failed
    folder = course / "autograded" / "disk-filler" / ASSIGNMENT
    assert not list(folder.glob("academy-fill-*")), "what the kernel wrote reached the graded folder"
    assert run.left_in_tmp == [], "what the kernel wrote in /tmp outlived it"
