"""Broken or unusual submitted files, and a right answer that warns, graded in one batch with an honest one.

A notebook that cannot be read scores nothing, with the reason; one that
nbformat can upgrade is graded as usual; files too large are left out and
named; file names in Chinese travel from the learner's folder to the
kernel's. A Python warning on stderr costs no marks.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from salesacademy.grade import Submission
from salesacademy.grade_worker import MAX_SUBMITTED_FILE_MB
from salesacademy.nbgrader_setup import WARNING_PATTERN

from .course import (FULL, HONEST, ASSIGNMENT, NOTEBOOK, autograded, errors, grade_batch, hand_in, late_with, locked_test,
                     scores, status_rows)

pytestmark = pytest.mark.slow

NOTHING = dict.fromkeys(FULL, 0.0)


def write_invalid_json(folder: Path) -> None:
    (folder / f"{NOTEBOOK}.ipynb").write_text('{"cells": [', encoding="utf-8")


def downgrade_to_v3(folder: Path) -> None:
    path = folder / f"{NOTEBOOK}.ipynb"
    nbformat.write(nbformat.convert(nbformat.read(path, as_version=4), 3), path, version=3)


def rename_to(name: str):
    def rename(folder: Path) -> None:
        (folder / f"{NOTEBOOK}.ipynb").rename(folder / name)

    return rename


def remove_notebook(folder: Path) -> None:
    (folder / f"{NOTEBOOK}.ipynb").unlink()
    (folder / "notes.txt").write_text("I will finish this tomorrow.\n", encoding="utf-8")


def add_large_file(folder: Path) -> None:
    with open(folder / "transactions.csv", "wb") as out:
        for _ in range(MAX_SUBMITTED_FILE_MB + 10):
            out.write(b"0," * 2**19)


def add_chinese_data_file(folder: Path) -> None:
    (folder / "答案.csv").write_text("C\n", encoding="utf-8")


READ_CHINESE_DATA_FILE = "with open('答案.csv', encoding='utf-8') as answer:\n    choice = answer.read().strip()\n"

WARNING_ANSWER = late_with(
    "    import matplotlib.pyplot as plt\n"
    "    pd.to_datetime(pd.Series(['13/01/2025', '14/01/2025']))  # pandas warns: day first?\n"
    "    figure, axes = plt.subplots()\n"
    "    axes.legend()  # matplotlib warns: nothing to put in a legend\n"
    "    plt.close(figure)\n")


@pytest.fixture(scope="module")
def run(course):
    hand_in(course, HONEST)
    hand_in(course, "invalid-json", files=write_invalid_json)
    hand_in(course, "nbformat-v3", files=downgrade_to_v3)
    hand_in(course, "renamed-notebook", files=rename_to(f"{NOTEBOOK} (1).ipynb"))
    hand_in(course, "no-notebook", files=remove_notebook)
    hand_in(course, "large-data", files=add_large_file)
    hand_in(course, "unicode-data", {"choice": READ_CHINESE_DATA_FILE}, files=add_chinese_data_file)
    hand_in(course, "chinese-notebook", files=rename_to("练习.ipynb"))
    hand_in(course, "warning-answer", {"late": WARNING_ANSWER})
    return grade_batch(course)


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert {s.employee_id for s in run.graded} == {HONEST, "invalid-json", "nbformat-v3", "renamed-notebook", "no-notebook",
                                                   "large-data", "unicode-data", "chinese-notebook", "warning-answer"}
    assert Submission(HONEST, ASSIGNMENT) not in run.failed
    assert scores(course)[HONEST] == FULL


def test_invalid_json_scores_nothing_with_the_reason(run, course):
    assert "exercise.ipynb is not a valid notebook" in run.failed[Submission("invalid-json", ASSIGNMENT)]
    assert scores(course)["invalid-json"] == NOTHING


def test_an_old_notebook_format_is_upgraded_and_graded_as_usual(run, course):
    assert Submission("nbformat-v3", ASSIGNMENT) not in run.failed
    assert scores(course)["nbformat-v3"] == FULL


@pytest.mark.parametrize("employee_id", ["renamed-notebook", "no-notebook", "chinese-notebook"])
def test_a_missing_or_renamed_notebook_scores_nothing_with_the_reason(run, course, employee_id):
    assert run.failed[Submission(employee_id, ASSIGNMENT)] == "no exercise.ipynb in the submission"
    assert scores(course)[employee_id] == NOTHING


def test_a_file_over_the_size_limit_is_left_out_and_named(run, course):
    assert run.failed[Submission("large-data", ASSIGNMENT)] == f"files over {MAX_SUBMITTED_FILE_MB} MB left out: transactions.csv"
    assert scores(course)["large-data"] == FULL
    assert not (course / "autograded" / "large-data" / ASSIGNMENT / "transactions.csv").exists()


def test_a_data_file_with_a_chinese_name_reaches_the_kernel(run, course):
    assert Submission("unicode-data", ASSIGNMENT) not in run.failed
    assert scores(course)["unicode-data"] == FULL
    assert (course / "autograded" / "unicode-data" / ASSIGNMENT / "答案.csv").read_text(encoding="utf-8") == "C\n"


def test_the_answer_that_warns_does_warn_on_stderr_as_python_formats_it():
    namespace = {"pd": pd}
    exec(WARNING_ANSWER, namespace)  # noqa: S102 (our own test answer)
    opened = pd.Timestamp("2025-03-03 09:00")
    tickets = pd.DataFrame({"staff_id": ["S1", "S2"], "opened_at": [opened] * 2,
                            "first_response_at": [opened + pd.Timedelta(hours=30), opened + pd.Timedelta(hours=2)]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert dict(namespace["late_replies_by_staff"](tickets)) == {"S1": 1}
    assert len(caught) == 2
    for warning in caught:
        shown = warnings.formatwarning(warning.message, warning.category, warning.filename, warning.lineno)
        assert re.search(WARNING_PATTERN, shown), shown


def test_a_right_answer_that_warns_keeps_full_marks(run, course):
    assert scores(course)["warning-answer"] == FULL
    assert errors(locked_test(autograded(course, "warning-answer"), "late")) == []


def test_status_shows_the_trainer_why_a_submission_scored_nothing(run, course):
    rows = status_rows(course)
    assert "problem" in rows.columns, "academy status has no column for the last grading problem"
    assert "not a valid notebook" in rows.loc["invalid-json", "problem"]
    assert "no exercise.ipynb" in rows.loc["chinese-notebook", "problem"]
    assert rows.loc["nbformat-v3", "problem"] == ""


def test_submissions_that_cannot_be_rendered_get_no_feedback_and_hold_back_no_one_elses(run, course):
    """An invalid notebook, or none, gets no feedback page, with the reason; everyone else gets theirs."""
    from salesacademy.feedback import feedback

    released = feedback(instance=course)
    reasons = {employee_id: reason for (employee_id, _), reason in released.failed.items()}
    assert set(reasons) == {"invalid-json", "no-notebook", "renamed-notebook", "chinese-notebook"}
    assert "NotJSONError" in reasons["invalid-json"]
    assert "no exercise.ipynb was submitted" in reasons["no-notebook"]
    pages = {p.parent.parent.name for p in (course / "feedback").glob(f"*/{ASSIGNMENT}/{NOTEBOOK}.html")}
    assert pages == {HONEST, "nbformat-v3", "large-data", "unicode-data", "warning-answer"}
    assert released.released["01-sales-process"] == len(pages)
