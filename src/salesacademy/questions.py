"""Judgement questions as a learner answers them: one letter, a number or a short text, no code.

A question's answer cell starts with the ``%%answer ITEM`` cell magic and
holds nothing but the answer: the magic never runs its body as Python. In the
kernel, `answer` records what was typed and says how it was read, and the
visible part of the question's test cell, `check`, says in the learner's
language whether it is answered and in the right form. Whether it is *right*
is decided outside the kernel, by `salesacademy.binding`, from the employee
whose submission it is.

Which variant of a question an employee gets, and in which order its options
appear, is `variant_of`: a pure function of the module, the question and the
employee id, so fetch, Validate and grading agree without storing anything.

This module is imported by every learner's kernel: it must stay light (the
standard library only) and never hold an answer key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

KINDS = ("choice", "number", "text")
LETTERS = "ABCDEFGH"
#: Longest short-text answer, in characters.
TEXT_LIMIT = 40

MESSAGES = {
    "zh-CN": {
        "not_answered": "第 {question} 题：尚未作答。",
        "choice_form": "第 {question} 题：请只填写一个字母（{letters}），不要填写其他内容。",
        "number_form": "第 {question} 题：请只填写一个数字，例如 12 或 3.5。",
        "text_form": "第 {question} 题：请填写不超过 {limit} 个字的简短答案。",
        "read_as": "已记录你的答案：{answer}",
        "read_blank": "尚未作答：请在 %%answer 下面一行填写答案。",
        "wrong": "第 {question} 题：答案不正确（你的答案：{given}；正确答案：{right}）。",
        "unanswered_wrong": "第 {question} 题：未作答（正确答案：{right}）。",
    },
    "en": {
        "not_answered": "Question {question}: not answered.",
        "choice_form": "Question {question}: type one letter only ({letters}), nothing else.",
        "number_form": "Question {question}: type one number only, such as 12 or 3.5.",
        "text_form": "Question {question}: type a short answer of at most {limit} characters.",
        "read_as": "Your answer is recorded: {answer}",
        "read_blank": "Not answered yet: type your answer on the line below %%answer.",
        "wrong": "Question {question}: not correct (your answer: {given}; the right answer: {right}).",
        "unanswered_wrong": "Question {question}: not answered (the right answer: {right}).",
    },
}

#: What each answer cell recorded in this kernel, by question id.
recorded: dict[str, str] = {}


class AnswerFormError(AssertionError):
    """An answer that is missing or not in the form its question asks for."""


def message(language: str, key: str, **values: object) -> str:
    return MESSAGES["zh-CN" if language.startswith("zh") else "en"][key].format(**values)


# Reading answers ---------------------------------------------------------------------------


def answer_text(cell_source: str) -> str:
    """What the learner typed in an answer cell: the lines after ``%%answer``, without comment lines."""
    lines = cell_source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        lines = lines[1:]
    kept = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    return " ".join(kept)


def answer_cell(item: str, text: str) -> str:
    """An answer cell holding `text` as the answer to `item`; a blank one keeps a comment line, since IPython refuses an empty cell magic."""
    return f"%%answer {item}\n{text or '# -'}"


def normal(text: str) -> str:
    """Full-width letters and digits as plain ones, spaces trimmed, case folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def read_choice(text: str, options: int) -> str | None:
    """The letter chosen, such as ``"B"``; None when `text` is not one of the first `options` letters."""
    letter = normal(text).strip("。.、)）(（ ").upper()
    return letter if len(letter) == 1 and letter in LETTERS[:options] else None


_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def read_number(text: str) -> float | None:
    """The one number in `text` (``12``, ``3.5``, ``3,5``, ``12 笔``, ``40%``); None when there is not exactly one."""
    found = _NUMBER.findall(normal(text).replace("，", ","))
    if len(found) != 1:
        return None
    return float(found[0].replace(",", "."))


def read_text(text: str) -> str | None:
    """A short text answer, normalised for comparison; None when empty or too long."""
    value = " ".join(normal(text).split())
    return value if 0 < len(value) <= TEXT_LIMIT else None


def read(kind: str, text: str, options: int = 4) -> str | float | None:
    if kind == "choice":
        return read_choice(text, options)
    if kind == "number":
        return read_number(text)
    return read_text(text)


# Variants -----------------------------------------------------------------------------------


def _digest(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def variant_of(module_id: str, item: str, employee_id: str, variants: int, options: int = 0) -> tuple[int, list[int]]:
    """The variant `employee_id` gets of question `item`, and the order of its options.

    Returns the variant's index and, for a choice question, the options'
    indexes in the order shown (the first is shown as A).
    """
    seed = _digest(module_id, item, employee_id)
    variant = seed % variants
    order = sorted(range(options), key=lambda index: _digest(str(seed), str(index)))
    return variant, order


# In the kernel ------------------------------------------------------------------------------

#: Language of the messages `answer` prints; `setup` sets it.
_language = {"value": "zh-CN"}


def answer(line: str, cell: str) -> None:
    """The ``%%answer ITEM`` cell magic: record the answer to ITEM and say how it was read; never run it."""
    text = answer_text(cell)
    recorded[line.strip()] = text
    language = _language["value"]
    print(message(language, "read_as", answer=text) if text else message(language, "read_blank"))


def check(item: str, question: int, kind: str, language: str, options: int = 4) -> None:
    """The visible test of a question: answered, and in the form it asks for.

    Raises:
        AnswerFormError: with a message in `language` naming the question.
    """
    text = recorded.get(item, "")
    if not text:
        raise AnswerFormError(message(language, "not_answered", question=question))
    if read(kind, text, options) is None:
        letters = ("、" if language.startswith("zh") else ", ").join(LETTERS[:options])
        key = {"choice": "choice_form", "number": "number_form", "text": "text_form"}[kind]
        raise AnswerFormError(message(language, key, question=question, letters=letters, limit=TEXT_LIMIT))


def setup(language: str) -> None:
    """Make this kernel read answer cells: register ``%%answer`` and print its messages in `language`."""
    from IPython import get_ipython

    _language["value"] = language
    recorded.clear()
    get_ipython().register_magic_function(answer, magic_kind="cell", magic_name="answer")
