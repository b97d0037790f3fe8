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
``# %% question="ITEM"``           a judgement question from the module's bank
                                   (`itembank`): question, answer and test cells
``tracks="analyst"``               on any cell: only the versions of these
                                   tracks (comma-separated) keep the cell
=================================  ==============================================

Inside code cells a line ending in ``# [zh]`` or ``# [en]``, or a comment
starting with ``# [zh]`` or ``# [en]``, belongs to that language only. In
Markdown, ``Q#`` is the number of the next graded item, so questions are
numbered for each track's version on its own.

A module is built once per `Target`: a track and a language. Each step of
`PIPELINE` is a pure function of a notebook and the target.
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

from . import itembank
from .curriculum import language_tag
from .errors import AcademyError

TAGS = ("zh", "en")
OUR_KEYS = ("lang", "solution", "test", "written", "points", "mistake", "name", "lines_to_next_cell", "title", "tracks", "question")
_TRAILING_TAG = re.compile(r"\s*#\s*\[(zh|en)\]\s*$")
_LEADING_TAG = re.compile(r"^(\s*)#\s*\[(zh|en)\]\s?")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@dataclasses.dataclass(frozen=True)
class Target:
    """What one build is for: a language and, unless None (every cell), a track."""

    language: str
    track: str | None = None
    #: Whether the track may ask for code; a frontline build refuses any code answer.
    code: bool = True
    module_id: str = ""
    bank: itembank.Bank | None = None

    @property
    def tag(self) -> str:
        return language_tag(self.language)


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


def select_language(nb: NotebookNode, target: Target) -> NotebookNode:
    """Keep prose and tagged code lines of one language."""
    tag = target.tag
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


def _tracks(cell: NotebookNode, target: Target) -> list[str] | None:
    """The tracks that keep `cell`, or None for all of them."""
    if "question" in cell.metadata and target.bank is not None and cell.metadata["question"] in target.bank.questions:
        return target.bank.questions[cell.metadata["question"]].tracks
    tracks = cell.metadata.get("tracks")
    return None if tracks is None else [t.strip() for t in str(tracks).split(",")]


def select_track(nb: NotebookNode, target: Target) -> NotebookNode:
    """Keep the cells of the target's track; a track without code must ask for none."""
    if target.track is None:
        return nb
    nb.cells = [c for c in nb.cells if (tracks := _tracks(c, target)) is None or target.track in tracks]
    if not target.code and target.bank is not None:  # a module converted to tracks; see course/README.md
        for cell in nb.cells:
            if cell.cell_type == "code" and "solution" in cell.metadata:
                raise AcademyError(f"{target.module_id}: the {target.track} track asks for no code, but solution={cell.metadata['solution']!r} "
                                   f"is on it; mark that cell and its test tracks=\"analyst\"")
    return nb


def drop_mistakes(nb: NotebookNode, target: Target) -> NotebookNode:
    """Typical mistakes are for the demo and the tests, never for learners."""
    nb.cells = [c for c in nb.cells if "mistake" not in c.metadata]
    return nb


def expand_questions(nb: NotebookNode, target: Target) -> NotebookNode:
    """Each ``question`` cell becomes the question, answer and test cells of its bank entry."""
    placed = [c.metadata["question"] for c in nb.cells if "question" in c.metadata]
    if not placed:
        return nb
    if target.bank is None:
        raise AcademyError(f"{target.module_id}: question={placed[0]!r} is placed, but the module has no {itembank.BANK_FILE}")
    cells = []
    for cell in nb.cells:
        if "question" not in cell.metadata:
            cells.append(cell)
            continue
        item = cell.metadata["question"]
        if item not in target.bank.questions:
            raise AcademyError(f"{target.module_id}: question={item!r} is not in its {itembank.BANK_FILE}")
        cells += itembank.question_cells(target.bank, item, language=target.language)
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    cells.insert(first_code, itembank.setup_cell(target.language))
    nb.cells = cells
    return nb


_QUESTION_NUMBER = "Q#"


def number_questions(nb: NotebookNode, target: Target) -> NotebookNode:
    """``Q#`` in prose is the number of the next graded item; in a test cell, of its own item."""
    number = 0
    for cell in nb.cells:
        graded = "test" in cell.metadata or "written" in cell.metadata
        if graded:
            number += 1
        shown = str(number if graded and cell.cell_type == "code" else number + 1)
        cell.source = cell.source.replace(_QUESTION_NUMBER, shown)
        if "heading" in cell.metadata.get("academy", {}):  # the question's heading, for when the employee's variant is written in
            cell.metadata["academy"]["heading"] = cell.metadata["academy"]["heading"].replace(_QUESTION_NUMBER, shown)
    return nb


def fold_code(nb: NotebookNode, target: Target) -> NotebookNode:
    """On a track without code the code is folded away; answer cells stay open for typing."""
    if target.code or target.bank is None:
        return nb
    for cell in nb.cells:
        if cell.cell_type == "code" and "solution" not in cell.metadata:
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return nb


def nbgrader_metadata(nb: NotebookNode, target: Target) -> NotebookNode:
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
        elif "question" in meta.get("academy", {}):
            # Each employee's copy shows their own variant: not locked, so nbgrader never puts the released text back.
            grade = None
            meta.update(editable=False, deletable=False)
        elif graded:
            grade.update(locked=True, grade_id=f"cell-{index:03d}")
        else:
            grade = None
        for key in OUR_KEYS:
            meta.pop(key, None)
        if grade is not None:
            meta["nbgrader"] = grade
    return nb


def kernelspec(nb: NotebookNode, target: Target) -> NotebookNode:
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"},
                   "academy": {"module": target.module_id, "track": target.track, "language": target.language}}
    return nb


# Order matters: the language is chosen before anything else reads cell text; the track
# before questions are expanded (a bank entry names its tracks) and numbered; mistakes go
# before metadata translation, which would lock them as read-only; code is folded once
# every cell is in place.
PIPELINE = (select_language, select_track, drop_mistakes, expand_questions, number_questions, fold_code, nbgrader_metadata, kernelspec)


def build_notebook(source: NotebookNode, *, language: str, target: Target | None = None) -> NotebookNode:
    """The nbgrader source notebook of `source` for `target` (default: every cell, in `language`)."""
    nb = copy.deepcopy(source)
    target = target or Target(language)
    for step in PIPELINE:
        nb = step(nb, target)
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
    #: "code" (auto-graded function), "written" (manually graded), or a bank question's kind: "choice", "number", "text"
    kind: str
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


def items(source: NotebookNode, *, notebook: str, language: str, target: Target | None = None) -> list[Item]:
    """Graded items of one source notebook (on `target`'s track), in order, with reference answers and typical mistakes.

    Written items take their reference answer from the rubric, and bank questions
    from each employee's variant (`itembank.right_answer`), so theirs are empty here.
    """
    target = target or Target(language)
    nb = select_track(select_language(copy.deepcopy(source), target), target)
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
        elif "question" in meta:
            if target.bank is None or meta["question"] not in target.bank.questions:
                raise AcademyError(f"{notebook}: question {meta['question']!r} is not in the module's {itembank.BANK_FILE}")
            question = target.bank.questions[meta["question"]]
            found.append(Item(meta["question"], question.kind, question.points, notebook, "", {}))
    return found
