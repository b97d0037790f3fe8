"""Answers a learner could give, for the demo's simulated staff and for the tests.

Every graded item can be answered with its reference solution, with one of
its typical mistakes (authored beside it in the source), or left blank as
released. A judgement question's reference is the right answer to the
employee's own variant, and its mistake a wrong one (`itembank.right_answer`).
`answer_notebook` writes chosen answers into a learner's copy of a released
notebook, exactly where a learner would type them.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from . import build, itembank
from .curriculum import load_curriculum
from .rubrics import load_rubric

REFERENCE = "reference"
BLANK = "blank"
WEAK = "weak"  # the rubric's typical weak written answer
WRONG = "mistake:wrong"  # a judgement question answered with a wrong option or figure
QUESTION_KINDS = ("choice", "number", "text")


@dataclasses.dataclass(frozen=True)
class AnswerKey:
    """All answers available for the graded items of one module, in one language."""

    module_id: str
    notebook: str
    items: list[build.Item]
    texts: dict[tuple[str, str], str]  # (item id, variant) -> cell source
    weak_points: dict[str, float]  # written item id -> points the weak answer earns
    bank: itembank.Bank | None = None

    def variants(self, item_id: str) -> list[str]:
        """Answers that can be given to `item_id`: the reference, each mistake, and blank."""
        if self.bank is not None and item_id in self.bank.questions:
            return [REFERENCE, WRONG, BLANK]
        return [variant for (item, variant) in self.texts if item == item_id] + [BLANK]

    def text(self, item_id: str, variant: str, employee_id: str) -> str:
        """What `employee_id` types as `variant` of `item_id`: for a question, below its ``%%answer`` line."""
        if self.bank is None or item_id not in self.bank.questions:
            return self.texts[(item_id, variant)]
        question = self.bank.questions[item_id]
        if variant == REFERENCE:
            return itembank.right_answer(question, module_id=self.module_id, item=item_id, employee_id=employee_id, language="en")[0]
        return itembank.wrong_answer(question, module_id=self.module_id, item=item_id, employee_id=employee_id)

    def deserved(self, item: build.Item, variant: str) -> str:
        """What an answer deserves: 'full', 'less' (below full) or 'zero'."""
        if variant == BLANK:
            return "zero"
        return "full" if variant == REFERENCE else "less"


def answer_key(*, content: Path, module_id: str, folder: Path, notebook: str, language: str, track: str | None = None) -> AnswerKey:
    """Collect the reference answers and typical mistakes of a module's graded notebook (on `track`, or all items)."""
    curriculum = load_curriculum(content)
    bank = itembank.load_bank(folder, tracks=list(curriculum.tracks))
    target = build.Target(language, track, code=curriculum.tracks[track].code if track else True, module_id=module_id, bank=bank)
    source = build.read_source(folder / f"{notebook}.py")
    items = build.items(source, notebook=notebook, language=language, target=target)
    texts: dict[tuple[str, str], str] = {}
    weak_points: dict[str, float] = {}
    written = [item.id for item in items if item.kind == "written"]
    rubric = load_rubric(content, module_id, expect=written) if written else None
    tag = target.tag
    for item in items:
        if item.kind in QUESTION_KINDS:
            continue
        if item.kind == "written":
            entry = rubric.items[item.id]
            texts[(item.id, REFERENCE)] = getattr(entry.samples["strong"], tag)
            texts[(item.id, WEAK)] = getattr(entry.samples["weak"], tag)
            weak_points[item.id] = entry.score("weak")
        else:
            texts[(item.id, REFERENCE)] = item.reference
            for name, code in item.mistakes.items():
                texts[(item.id, f"mistake:{name}")] = code
    return AnswerKey(module_id, notebook, items, texts, weak_points, bank)


def answer_notebook(released: NotebookNode, key: AnswerKey, choices: dict[str, str], employee_id: str = "") -> NotebookNode:
    """A copy of `employee_id`'s released notebook with `choices` (item id -> variant) typed into its answer cells."""
    nb = copy.deepcopy(released)
    by_cell = {item.answer_cell: item for item in key.items}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        item = by_cell.get(grade_id)
        if item is None:
            continue
        variant = choices.get(item.id, BLANK)
        if variant == BLANK:
            continue
        typed = key.text(item.id, variant, employee_id)
        cell.source = f"{cell.source.rstrip()}\n{typed}" if item.kind in QUESTION_KINDS else typed
    return nb


@dataclasses.dataclass(frozen=True)
class HandedIn:
    """One module taken by one simulated employee: their version, its answer key, and where their copy is."""

    assignment: str
    key: AnswerKey
    folder: Path


def hand_in(
    *,
    instance: Path,
    employee_id: str,
    module_id: str,
    choices: dict[str, str] | None = None,
    at: dt.datetime | None = None,
    edit: Callable[[NotebookNode, AnswerKey], None] | None = None,
    files: Callable[[Path], None] | None = None,
) -> HandedIn:
    """Do what a staff member does: fetch their version of `module_id`, answer, submit.

    Args:
        choices: item id -> answer (`REFERENCE`, a mistake, `BLANK`...); default: every item right.
        at: the submission's time, on the employee's clock; default: now.
        edit: changes made to the answered notebook before it is saved.
        files: changes made to the module's folder after the notebook is saved.
    """
    from . import staff
    from .config import content_root, load_config

    config, paths = load_config(instance)
    content = content_root(config)
    module = load_curriculum(content).module(module_id)
    version = staff.employee_version(config, paths, employee_id, module_id)
    key = answer_key(content=content, module_id=module_id, folder=module.folder(content), notebook=module.graded,
                     language=version.language, track=version.track)
    folder = staff.fetch(instance=instance, employee_id=employee_id, module_id=module_id)
    path = folder / f"{module.graded}.ipynb"
    chosen = {item.id: REFERENCE for item in key.items} if choices is None else choices
    nb = answer_notebook(nbformat.read(path, as_version=4), key, chosen, employee_id)
    if edit is not None:
        edit(nb, key)
    nbformat.write(nb, path)
    if files is not None:
        files(folder)
    staff.submit(instance=instance, employee_id=employee_id, module_id=module_id, at=at or dt.datetime.now(dt.timezone.utc))
    return HandedIn(version.assignment, key, folder)
