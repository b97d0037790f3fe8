"""A fork bomb, graded in one batch with an honest submission.

One worker grades the fork bomb first (employee ids sort ``fork-bomb`` <
``honest``), so the honest kernel starts while the bomb's children may
still be there. The bomb is bounded: at most 200 children, each gone after
ten seconds.
"""

from __future__ import annotations

import pytest

from salesacademy.grade import Submission

from .course import FULL, HONEST, ASSIGNMENT, autograded, errors, grade_batch, hand_in, late_with, locked_test, scores

pytestmark = pytest.mark.slow

FORK_BOMB = late_with("    import os\n    import time\n    for _ in range(200):\n        if os.fork() == 0:\n"
                      "            time.sleep(10)\n            os._exit(0)\n")


@pytest.fixture(scope="module")
def run(course):
    hand_in(course, HONEST)
    hand_in(course, "fork-bomb", {"late": FORK_BOMB})
    return grade_batch(course, workers=1)


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert set(run.graded) == {Submission(e, ASSIGNMENT) for e in (HONEST, "fork-bomb")}
    assert Submission(HONEST, ASSIGNMENT) not in run.failed
    shown = [e for cell in autograded(course, HONEST).cells for e in errors(cell)]
    assert shown == [], "the honest kernel was harmed by what ran before it"
    assert scores(course)[HONEST] == FULL


def test_a_fork_bomb_hits_the_process_limit_and_its_other_answers_keep_their_marks(run, course):
    shown = errors(locked_test(autograded(course, "fork-bomb"), "late"))
    assert any(e.startswith("BlockingIOError") for e in shown), f"the forks were not stopped: {shown}"
    assert scores(course)["fork-bomb"] == {**FULL, "late": 0}
