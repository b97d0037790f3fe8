"""Banks of judgement questions: ``course/MODULE/questions.yml`` (or ``cases/...``).

A judgement question is a scenario with a choice of options, a figure to read
from an analysis the notebook runs, or a short text. Each has at least three
variants (another scenario or other figures), and every option and answer
carries a one-line rationale in both languages for the feedback.

An exercise source places a question with an empty cell marked
``# %% question="ITEM"``. For each version of the module (track and language)
`question_cells` turns it into three cells:

- the question, unlocked so that each employee's copy keeps *their* variant:
  every variant's text rides in the cell's metadata and `personalize` writes
  the employee's one, options shuffled, when they fetch the module;
- the answer cell, ``%%answer ITEM`` and a line saying what to type;
- the test cell: the visible check that it is answered in the right form, and
  a hidden line holding every variant's key, which `salesacademy.binding`
  turns into a plain comparison for the employee whose submission it is.

The bank holds the answer keys, so it lives with the course sources, out of
learners' and grading kernels' sight; nothing of it reaches a learner but the
question texts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import yaml
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import questions
from .curriculum import Text, language_tag, read_yaml
from .errors import AcademyError

BANK_FILE = "questions.yml"
#: Placeholder replaced by the employee's variant when they fetch the module.
NOT_YET = {"zh": "（领取本模块后，这里显示你的题目。）", "en": "(Your question appears here once you fetch the module.)"}
INSTRUCTIONS = {
    "choice": {"zh": "在下面答案单元格的 `%%answer` 下一行，填写一个字母：{letters}。",
               "en": "In the answer cell below, type one letter on the line under `%%answer`: {letters}."},
    "number": {"zh": "在下面答案单元格的 `%%answer` 下一行，填写一个数字。",
               "en": "In the answer cell below, type one number on the line under `%%answer`."},
    "text": {"zh": "在下面答案单元格的 `%%answer` 下一行，填写简短答案。",
             "en": "In the answer cell below, type a short answer on the line under `%%answer`."},
}
ANSWER_PROMPT = {
    "choice": {"zh": "# ↓ 在下一行填写一个字母（{letters}），然后保存", "en": "# ↓ type one letter ({letters}) on the next line, then save"},
    "number": {"zh": "# ↓ 在下一行填写一个数字，然后保存", "en": "# ↓ type one number on the next line, then save"},
    "text": {"zh": "# ↓ 在下一行填写简短答案，然后保存", "en": "# ↓ type a short answer on the next line, then save"},
}
HEADING = {"zh": "## 第 Q# 题（{points:g} 分）", "en": "## Question Q# ({points:g} points)"}
#: The name the hidden key line calls; `binding` replaces the whole line before anything runs.
KEY_CALL = "academy_key"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Option(Text):
    correct: bool = False
    why: Text


class Variant(_Strict):
    question: Text
    options: list[Option] = []
    answer: float | None = None
    #: Accepted short texts, compared without case, width or surrounding spaces.
    answers: list[str] = []
    why: Text | None = None


class Question(_Strict):
    kind: Literal["choice", "number", "text"]
    points: float = Field(gt=0)
    tracks: list[str] = Field(min_length=1)
    #: A number answer counts when it is within this distance of the key.
    tolerance: float = Field(0, ge=0)
    variants: list[Variant] = Field(min_length=3)

    @model_validator(mode="after")
    def _keys_complete(self) -> "Question":
        for i, variant in enumerate(self.variants):
            where = f"variants[{i}]"
            if self.kind == "choice":
                if not 2 <= len(variant.options) <= len(questions.LETTERS):
                    raise ValueError(f"{where}: a choice needs 2 to {len(questions.LETTERS)} options")
                if sum(option.correct for option in variant.options) != 1:
                    raise ValueError(f"{where}: exactly one option must be marked correct")
            elif self.kind == "number" and variant.answer is None:
                raise ValueError(f"{where}: a number question needs its answer")
            elif self.kind == "text" and not variant.answers:
                raise ValueError(f"{where}: a text question needs its accepted answers")
            if self.kind != "choice" and variant.why is None:
                raise ValueError(f"{where}: give the rationale of the answer under why")
            if self.kind == "text" and any(questions.read_text(text) is None for text in variant.answers):
                raise ValueError(f"{where}: accepted answers must be 1 to {questions.TEXT_LIMIT} characters")
        return self

    def key(self) -> dict:
        """Every variant's key, as the hidden line of the test cell carries it."""
        if self.kind == "choice":
            return {"correct": [next(i for i, o in enumerate(v.options) if o.correct) for v in self.variants],
                    "options": [len(v.options) for v in self.variants]}
        if self.kind == "number":
            return {"answers": [v.answer for v in self.variants], "tolerance": self.tolerance}
        return {"answers": [list(v.answers) for v in self.variants]}


class Bank(_Strict):
    module: str
    questions: dict[str, Question] = Field(min_length=1)


def load_bank(folder: Path, *, tracks: list[str]) -> Bank | None:
    """The question bank of the module in `folder`, or None when it has none.

    Raises:
        AcademyError: one line naming the file, the key and the problem.
    """
    path = folder / BANK_FILE
    if not path.is_file():
        return None
    try:
        raw = read_yaml(path.read_text(encoding="utf-8"))  # every report worker reads every bank
        bank = Bank.model_validate(raw)
    except yaml.YAMLError as exc:
        raise AcademyError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise AcademyError(f"{path}: {where}: {error['msg'].removeprefix('Value error, ')}") from None
    if bank.module != folder.name:
        raise AcademyError(f"{path}: module is {bank.module!r}, but the file is in {folder.name}")
    for item, question in bank.questions.items():
        unknown = sorted(set(question.tracks) - set(tracks))
        if unknown:
            raise AcademyError(f"{path}: questions.{item}.tracks: unknown track {unknown[0]!r}; the curriculum has: {', '.join(tracks)}")
    return bank


# Building -----------------------------------------------------------------------------------


def question_cells(bank: Bank, item: str, *, language: str) -> list[NotebookNode]:
    """The question, answer and test cells of `item` in `language`, for a version that takes it."""
    question = bank.questions[item]
    tag = language_tag(language)
    options = max((len(v.options) for v in question.variants), default=0)
    letters = "、".join(questions.LETTERS[:options]) if tag == "zh" else ", ".join(questions.LETTERS[:options])
    variants = [{"question": v.question(language), "options": [o(language) for o in v.options]} for v in question.variants]
    shown = new_markdown_cell(f"{HEADING[tag].format(points=question.points)}\n\n{NOT_YET[tag]}")
    shown.metadata.update(academy={"question": item, "kind": question.kind, "heading": HEADING[tag].format(points=question.points),
                                   "instruction": INSTRUCTIONS[question.kind][tag].format(letters=letters), "variants": variants})
    template = f"%%answer {item}\n{ANSWER_PROMPT[question.kind][tag].format(letters=letters)}\n"
    answer = new_code_cell(template)
    answer.metadata.update(solution=item, academy={"answer": item, "kind": question.kind, "template": template})
    key = {"module": bank.module, "item": item, "kind": question.kind, "language": language, **question.key()}
    test = new_code_cell(
        "from salesacademy.questions import check\n\n"
        f"check({item!r}, Q#, {question.kind!r}, {language!r}, options={options or 4})\n"
        "### BEGIN HIDDEN TESTS\n"
        f"{KEY_CALL}({json.dumps(key, ensure_ascii=False)})\n"
        "### END HIDDEN TESTS"
    )
    test.metadata.update(test=item, points=question.points)
    return [shown, answer, test]


def setup_cell(language: str) -> NotebookNode:
    """The first code cell of a notebook with questions: the kernel learns to read answer cells."""
    return new_code_cell(f"from salesacademy.questions import setup\n\nsetup({language!r})")


# Fetching -----------------------------------------------------------------------------------


def personalize(nb: NotebookNode, *, module_id: str, employee_id: str) -> NotebookNode:
    """Write `employee_id`'s variant of every question into its cell, options in their order."""
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("academy", {})
        if cell.cell_type != "markdown" or "question" not in meta:
            continue
        variants = meta["variants"]
        options = max(len(v["options"]) for v in variants)
        index, order = questions.variant_of(module_id, meta["question"], employee_id, len(variants), options)
        variant = variants[index]
        lines = [meta["heading"], "", variant["question"], ""]
        shown = [i for i in order if i < len(variant["options"])]
        lines += [f"- **{questions.LETTERS[n]}.** {variant['options'][i]}" for n, i in enumerate(shown)]
        lines += ["", f"*{meta['instruction']}*"]
        cell.source = "\n".join(lines).replace("\n\n\n", "\n\n")
    return nb


def right_answer(question: Question, *, module_id: str, item: str, employee_id: str, language: str) -> tuple[str, str]:
    """What `employee_id` should answer to `item`, as they would type it, and why, in `language`."""
    options = max((len(v.options) for v in question.variants), default=0)
    index, order = questions.variant_of(module_id, item, employee_id, len(question.variants), options)
    variant = question.variants[index]
    if question.kind == "choice":
        shown = [i for i in order if i < len(variant.options)]
        correct = next(i for i, o in enumerate(variant.options) if o.correct)
        return questions.LETTERS[shown.index(correct)], variant.options[correct].why(language)
    if question.kind == "number":
        return f"{variant.answer:g}", variant.why(language)
    return variant.answers[0], variant.why(language)


def wrong_answer(question: Question, *, module_id: str, item: str, employee_id: str) -> str:
    """An answer to `item` that is wrong for `employee_id`: another option, or a figure off by more than the tolerance."""
    right, _ = right_answer(question, module_id=module_id, item=item, employee_id=employee_id, language="en")
    if question.kind == "choice":
        return "A" if right != "A" else "B"
    if question.kind == "number":
        return f"{float(right) + question.tolerance + 7:g}"
    return "none of these"
