"""Answers a learner could give, for the demo's simulated staff and for the tests.

Every graded item can be answered with its reference solution, with one of
its typical mistakes (authored beside it in the source), or left blank as
released. `answer_notebook` writes chosen answers into a learner's copy of a
released notebook, exactly where a learner would type them.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

from nbformat import NotebookNode

from . import build
from .rubrics import load_rubric

REFERENCE = "reference"
BLANK = "blank"
WEAK = "weak"  # the rubric's typical weak written answer


@dataclasses.dataclass(frozen=True)
class AnswerKey:
    """All answers available for the graded items of one module, in one language."""

    module_id: str
    notebook: str
    items: list[build.Item]
    texts: dict[tuple[str, str], str]  # (item id, variant) -> cell source
    weak_points: dict[str, float]  # written item id -> points the weak answer earns

    def variants(self, item_id: str) -> list[str]:
        """Answers that can be given to `item_id`: the reference, each mistake, and blank."""
        return [variant for (item, variant) in self.texts if item == item_id] + [BLANK]

    def deserved(self, item: build.Item, variant: str) -> str:
        """What an answer deserves: 'full', 'less' (below full) or 'zero'."""
        if variant == BLANK:
            return "zero"
        return "full" if variant == REFERENCE else "less"


def answer_key(*, content: Path, module_id: str, folder: Path, notebook: str, language: str) -> AnswerKey:
    """Collect the reference answers and typical mistakes of a module's graded notebook."""
    source = build.read_source(folder / f"{notebook}.py")
    items = build.items(source, notebook=notebook, language=language)
    texts: dict[tuple[str, str], str] = {}
    weak_points: dict[str, float] = {}
    written = [item.id for item in items if item.kind == "written"]
    rubric = load_rubric(content, module_id, expect=written) if written else None
    tag = build.language_tag(language)
    for item in items:
        if item.kind == "written":
            entry = rubric.items[item.id]
            texts[(item.id, REFERENCE)] = getattr(entry.exemplary, tag)
            texts[(item.id, WEAK)] = getattr(entry.weak, tag)
            weak_points[item.id] = entry.weak.points
        else:
            texts[(item.id, REFERENCE)] = item.reference
            for name, code in item.mistakes.items():
                texts[(item.id, f"mistake:{name}")] = code
    return AnswerKey(module_id, notebook, items, texts, weak_points)


def answer_notebook(released: NotebookNode, key: AnswerKey, choices: dict[str, str]) -> NotebookNode:
    """A copy of the released notebook with `choices` (item id -> variant) typed into its answer cells."""
    nb = copy.deepcopy(released)
    by_cell = {item.answer_cell: item for item in key.items}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        item = by_cell.get(grade_id)
        if item is None:
            continue
        variant = choices.get(item.id, BLANK)
        if variant != BLANK:
            cell.source = key.texts[(item.id, variant)]
    return nb
