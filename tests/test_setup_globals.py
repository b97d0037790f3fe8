"""A test reads the notebook's data as its set-up cells left it, whatever the answer did to the globals.

A hidden test computes its expectation from the same globals as the answer
(``events`` in 01). An answer that rebinds or empties them would otherwise
make the test agree with a wrong answer.
"""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from salesacademy.kernel.runner import Limits, run_notebook

pytestmark = pytest.mark.slow

SETUP = {"grade": False, "solution": False, "locked": True, "grade_id": "cell-001"}
ANSWER = {"grade": False, "solution": True, "locked": False, "grade_id": "total-answer"}
TEST = {"grade": True, "solution": False, "locked": True, "grade_id": "total", "points": 2}


def cell(source: str, nbgrader: dict):
    return new_code_cell(source, metadata={"nbgrader": {"schema_version": 3, "task": False, **nbgrader}})


def errors_of(answer: str) -> list[str]:
    nb = new_notebook(cells=[
        cell("import pandas as pd\nevents = pd.DataFrame({'amount': [1, 2, 3]})\nsizes = [1, 2, 3]", SETUP),
        cell(answer, ANSWER),
        cell("assert total(events) == events.amount.sum(), 'wrong total'\nassert count() == len(sizes), 'wrong count'", TEST),
    ])
    run_notebook(nb, cwd="/tmp", env={"PATH": "/usr/bin:/bin"}, limits=Limits())
    return [f"{o.ename}: {o.evalue}" for o in nb.cells[2].outputs if o.output_type == "error"]


def test_a_right_answer_passes():
    assert errors_of("def total(frame):\n    return frame.amount.sum()\n\ndef count():\n    return len(sizes)") == []


@pytest.mark.parametrize("answer", [
    # rebinds the data to what the wrong answer gives
    "events = events.iloc[:0]\nsizes = []\n\ndef total(frame):\n    return 0\n\ndef count():\n    return 0",
    # empties the data in place
    "events.drop(events.index, inplace=True)\nsizes.clear()\n\ndef total(frame):\n    return 0\n\ndef count():\n    return 0",
])
def test_an_answer_that_changes_the_data_the_test_reads_still_fails(answer):
    assert errors_of(answer) == ["AssertionError: wrong total"]
