"""Build nbgrader source notebooks from the bilingual text sources.

A module's sources are jupytext percent files (``course/NN-slug/lesson.py``,
``exercise.py``). Cell markers carry a little metadata that this module turns
into standard nbgrader metadata:

=================================  ==============================================
``# %% [markdown] lang="zh"``      prose in one language; each ``zh`` cell is
                                   paired with an ``en`` cell next to it
``# %% solution="ITEM"``           the learner's answer cell for ITEM, with the
                                   reference between ``### BEGIN SOLUTION`` and
                                   ``### END SOLUTION``
``# %% test="ITEM" points=N``      the graded test cell of ITEM (may hold
                                   ``### BEGIN HIDDEN TESTS`` regions)
``# %% [markdown] written="ITEM"   a manually graded written answer; its rubric
points=N``                         is ``graders/rubrics/MODULE.yml``
``# %% mistake="ITEM" name="X"``   a typical wrong answer to ITEM, replacing its
                                   solution cell; never shipped to learners
=================================  ==============================================

Inside code cells a line ending in ``# [zh]`` or ``# [en]``, or a comment
starting with ``# [zh]`` or ``# [en]``, belongs to that language only.

Each step of `PIPELINE` is a pure function from notebook to notebook.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import re
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

from .errors import AcademyError

TAGS = ("zh", "en")
OUR_KEYS = ("lang", "solution", "test", "written", "points", "mistake", "name", "lines_to_next_cell", "title")
_TRAILING_TAG = re.compile(r"\s*#\s*\[(zh|en)\]\s*$")
_LEADING_TAG = re.compile(r"^(\s*)#\s*\[(zh|en)\]\s?")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def language_tag(language: str) -> str:
    """The source tag (``zh`` or ``en``) for an instance language (``zh-CN`` or ``en``)."""
    return "zh" if language.startswith("zh") else "en"


def read_source(path: Path) -> NotebookNode:
    """Parse one percent-format source file."""
    try:
        return jupytext.read(path, fmt="py:percent")
    except OSError as exc:
        raise AcademyError(f"{path}: cannot read notebook source ({exc.strerror})") from None


def _select_line(line: str, tag: str) -> str | None:
    if match := _TRAILING_TAG.search(line):
        return line[: match.start()] if match.group(1) == tag else None
    if match := _LEADING_TAG.match(line):
        return f"{match.group(1)}# {line[match.end():]}" if match.group(2) == tag else None
    return line


def select_language(nb: NotebookNode, tag: str) -> NotebookNode:
    """Keep prose and tagged code lines of one language."""
    cells = []
    for cell in nb.cells:
        lang = cell.metadata.get("lang")
        if lang is not None and lang != tag:
            continue
        if cell.cell_type == "code":
            lines = (_select_line(line, tag) for line in cell.source.split("\n"))
            cell.source = "\n".join(line for line in lines if line is not None)
        cells.append(cell)
    nb.cells = cells
    return nb


def drop_mistakes(nb: NotebookNode) -> NotebookNode:
    """Typical mistakes are for the demo and the tests, never for learners."""
    nb.cells = [c for c in nb.cells if "mistake" not in c.metadata]
    return nb


def nbgrader_metadata(nb: NotebookNode) -> NotebookNode:
    """Translate our cell markers into nbgrader's schema-3 metadata.

    Every cell of a notebook with graded items that is not an answer is
    locked, so that nbgrader restores it at grading and a learner cannot
    change the data a test sees.
    """
    graded = any(k in c.metadata for c in nb.cells for k in ("test", "written"))
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata
        grade = {"schema_version": 3, "grade": False, "solution": False, "locked": False, "task": False}
        if "solution" in meta:
            grade.update(solution=True, grade_id=f"{meta['solution']}-answer")
        elif "test" in meta:
            grade.update(grade=True, locked=True, grade_id=meta["test"], points=meta.get("points", 0))
        elif "written" in meta:
            grade.update(grade=True, solution=True, grade_id=meta["written"], points=meta.get("points", 0))
        elif graded:
            grade.update(locked=True, grade_id=f"cell-{index:03d}")
        else:
            grade = None
        for key in OUR_KEYS:
            meta.pop(key, None)
        if grade is not None:
            meta["nbgrader"] = grade
    return nb


def kernelspec(nb: NotebookNode) -> NotebookNode:
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return nb


# Order matters: the language is chosen before anything else reads cell text;
# mistakes go before metadata translation, which would lock them as read-only.
PIPELINE = (select_language, drop_mistakes, nbgrader_metadata, kernelspec)


def build_notebook(source: NotebookNode, *, language: str) -> NotebookNode:
    """The nbgrader source notebook of `source` in `language` (``zh-CN`` or ``en``)."""
    nb = copy.deepcopy(source)
    tag = language_tag(language)
    for step in PIPELINE:
        nb = step(nb, tag) if step is select_language else step(nb)
    nbformat.validate(nb)
    return nb


def content_hash(sources: list[Path]) -> str:
    """Version of a module: a hash of its source files' bytes."""
    digest = hashlib.sha256()
    for path in sorted(sources):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclasses.dataclass(frozen=True)
class Item:
    """One graded item of an exercise, with the answers the demo and the tests submit."""

    id: str
    kind: str  # "code" (auto-graded) or "written" (manually graded)
    points: float
    notebook: str
    reference: str
    mistakes: dict[str, str]

    @property
    def answer_cell(self) -> str:
        """grade_id of the cell a learner edits."""
        return self.id if self.kind == "written" else f"{self.id}-answer"


_SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.MULTILINE)


def reference_answer(solution_source: str) -> str:
    """The solution cell as a learner who got it right would leave it."""
    return _SOLUTION_MARKERS.sub("", solution_source)


def items(source: NotebookNode, *, notebook: str, language: str) -> list[Item]:
    """Graded items of one source notebook, in order, with reference answers and typical mistakes.

    Written items take their reference answer from the rubric, so theirs is empty here.
    """
    nb = select_language(copy.deepcopy(source), language_tag(language))
    solutions = {c.metadata["solution"]: c.source for c in nb.cells if "solution" in c.metadata}
    mistakes: dict[str, dict[str, str]] = {}
    for cell in nb.cells:
        if "mistake" in cell.metadata:
            mistakes.setdefault(cell.metadata["mistake"], {})[cell.metadata.get("name", f"mistake-{len(mistakes)}")] = cell.source
    found = []
    for cell in nb.cells:
        meta = cell.metadata
        if "test" in meta:
            item_id = meta["test"]
            if item_id not in solutions:
                raise AcademyError(f"{notebook}: test {item_id!r} has no solution cell marked solution=\"{item_id}\"")
            found.append(Item(item_id, "code", float(meta.get("points", 0)), notebook, reference_answer(solutions[item_id]), mistakes.get(item_id, {})))
        elif "written" in meta:
            found.append(Item(meta["written"], "written", float(meta.get("points", 0)), notebook, "", {}))
    return found
