"""A released module, staff who hand in crafted answers through nbgrader's exchange, and what grading made of them.

Every submission answers module 01 (items ``skipped``, ``late`` and ``choice``
auto-graded, ``shortcuts`` written) with the reference answers, except where a
case puts code of its own into an answer cell or changes the submitted files.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from salesacademy import answers, gradebook_reads
from salesacademy.cli import main
from salesacademy.collect import collect
from salesacademy.config import bundled_content, database_url, load_config
from salesacademy.curriculum import load_curriculum
from salesacademy.grade import GradeRun, grade

MODULE = "01-sales-process"
#: The version of MODULE the suite's staff take: compliance officers, whose track keeps its code items, in Chinese.
ASSIGNMENT = "01-sales-process.analyst.zh"
NOTEBOOK = "exercise"
#: Points of the auto-graded items of MODULE; the written item is left to a trainer.
FULL = {"skipped": 3.0, "late": 3.0, "choice": 2.0}
HONEST = "honest"

#: Limits of the suite's instance, low so that abuse is stopped quickly.
LIMITS = {"cell_timeout_s": 8, "notebook_timeout_s": 40, "memory_mb": 1024, "max_file_mb": 20, "max_processes": 16,
          "max_disk_mb": 128}

#: Everyone who hands something in, across the suite's modules (one roster, one release).
EMPLOYEES = (
    HONEST,
    # test_resources
    "endless-loop", "stubborn-loop", "memory-bomb", "flood-output", "huge-file", "disk-filler",
    # test_processes
    "fork-bomb",
    # test_exits
    "sys-exit", "os-exit", "crash", "lingering-process",
    # test_tampering
    "assertion-swap", "builtin-patch", "shadowed-dict", "silenced-errors", "forged-replies", "edited-test", "deleted-test",
    "faked-outputs", "bonus-cell", "answer-claims-points", "reply-encoder", "reply-socket", "silenced-recorder", "impersonated-shell",
    "teller-code-answers",
    # test_reach
    "gradebook-reader", "peer-reader", "source-reader", "course-reader", "local-socket", "machine-socket", "public-socket", "network-lister", "unix-socket", "leftovers",
    "inbound-symlink", "grader-environment", "course-copy", "process-lister", "world-writable",
    # test_files
    "invalid-json", "nbformat-v3", "renamed-notebook", "no-notebook", "large-data", "unicode-data",
    "chinese-notebook", "warning-answer",
)

#: Of EMPLOYEES, the tellers: they take MODULE's frontline version, judgement questions and no code.
TELLERS = ("teller-code-answers",)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def require_root_sandbox() -> None:
    """Skip outside CI when the grader does not run as root: the protection under test needs the root sandbox."""
    if os.geteuid() != 0 and not in_ci():
        pytest.skip("the kernel runs as this user when the grader is not root: "
                    "it may read what this user may read and reach the network (see docs/security.md)")


def hand_in(
    root: Path,
    employee_id: str,
    code: dict[str, str] | None = None,
    *,
    notebook: Callable[[nbformat.NotebookNode], None] | None = None,
    files: Callable[[Path], None] | None = None,
) -> None:
    """Fetch MODULE as `employee_id`, answer it and submit it through nbgrader's exchange.

    Args:
        code: item id -> source typed into that item's answer cell instead of the reference answer.
        notebook: changes made to the answered notebook before it is saved (tampering with cells).
        files: changes made to the assignment folder after the notebook is saved (files added, renamed...).
    """
    def answered(nb: nbformat.NotebookNode, key: answers.AnswerKey) -> None:
        cells = {item.id: item.answer_cell for item in key.items}
        for item_id, source in (code or {}).items():
            cell_with(nb, cells[item_id]).source = source
        if notebook:
            notebook(nb)

    answers.hand_in(instance=root, employee_id=employee_id, module_id=MODULE, edit=answered, files=files)


def answer_key(language: str) -> answers.AnswerKey:
    content = bundled_content()
    module = load_curriculum(content).module(MODULE)
    return answers.answer_key(content=content, module_id=MODULE, folder=module.folder(content), notebook=NOTEBOOK,
                              language=language)


def reference(item_id: str, language: str = "zh-CN") -> str:
    """The reference answer of `item_id`."""
    return answer_key(language).texts[(item_id, answers.REFERENCE)]


def mistake(item_id: str, name: str, language: str = "zh-CN") -> str:
    """One of the typical wrong answers to `item_id` authored in the module."""
    return answer_key(language).texts[(item_id, f"mistake:{name}")]


def late_with(abuse: str) -> str:
    """An answer to ``late`` that runs `abuse` (an indented block), then returns the right answer."""
    return (reference("late") + "\n\n_right_answer = late_replies_by_staff\n\n\n"
            "def late_replies_by_staff(tickets):\n" + abuse + "    return _right_answer(tickets)\n")


def grade_batch(root: Path, *, workers: int | None = None) -> GradeRun:
    """Collect everything handed in and grade it in one run: by default as a trainer's command grades a small batch, in its own process."""
    collect(instance=root)
    return grade(instance=root, workers=workers, progress=False)


def scores(root: Path) -> dict[str, dict[str, float]]:
    """employee id -> auto-graded item -> automatic score."""
    config, paths = load_config(root)
    rows = gradebook_reads.grade_rows(database_url(config, paths))
    found: dict[str, dict[str, float]] = {}
    for row in rows[rows.item.isin(list(FULL))].itertuples():
        found.setdefault(row.employee_id, {})[row.item] = row.auto_score
    return found


def max_scores(root: Path, employee_id: str) -> dict[str, float]:
    config, paths = load_config(root)
    rows = gradebook_reads.grade_rows(database_url(config, paths))
    rows = rows[rows.employee_id == employee_id]
    return dict(zip(rows.item, rows.max_score))


def autograded(root: Path, employee_id: str) -> nbformat.NotebookNode:
    """The graded notebook a trainer opens."""
    return nbformat.read(root / "autograded" / employee_id / ASSIGNMENT / f"{NOTEBOOK}.ipynb", as_version=4)


def cell_with(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def locked_test(nb: nbformat.NotebookNode, item_id: str) -> nbformat.NotebookNode:
    """The locked test cell of auto-graded item `item_id`."""
    return cell_with(nb, item_id)


def errors(cell: nbformat.NotebookNode) -> list[str]:
    """The errors a cell shows, as 'Name: value'."""
    return [f"{output.ename}: {output.evalue}" for output in cell.get("outputs", []) if output.output_type == "error"]


def status_rows(root: Path) -> pd.DataFrame:
    """`academy status --format csv` of the instance, as a frame indexed by employee id."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["status", "--instance", str(root), "--module", MODULE, "--format", "csv"])
    assert code == 0, err.getvalue()
    return pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False).set_index("employee_id")


def fake_grade_cell(grade_id: str, points: float, source: str = "pass") -> nbformat.NotebookNode:
    """A code cell whose metadata claims to be a locked test worth `points`."""
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": grade_id, "points": points, "schema_version": 3}})
