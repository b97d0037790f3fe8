"""Bind a submission to the employee whose it is, before anything in it runs.

nbgrader restores locked cells and tests from the gradebook; this step then
does what nbgrader cannot, since it knows the submission's owner only from
where the submission lies, never from anything inside the notebook:

- every judgement answer cell is reduced to ``%%answer ITEM`` and the answer
  typed under it, so nothing typed there can run as code;
- the hidden key line of each question's test cell, which carries the keys
  of every variant (`itembank.question_cells`), becomes a plain comparison of
  two literals: what the employee answered and what *their* variant asks for.
  Nothing the kernel holds (a seed, a variable, the environment, the
  notebook's metadata) takes part, so a colleague's id or answers gain nothing;
- on a track without code (``frontline``), in a module whose every automatic
  test is a question's, any other code cell the learner added or changed from
  an answer becomes a Markdown cell: no learner code runs.

The same comparison is also made here, in the grader's own process: `bind`
returns each question's `Verdict`, which `academy grade` writes as the test
cell's outputs instead of running the cell, so nothing a kernel does can change
a question's score. nbgrader's own autograde runs the rewritten test cell
instead, and reaches the same score: an error output (the question's message)
for a wrong, missing or malformed answer, none for a right one. An answer cell
holding anything but an answer of its question's kind (code, another cell
magic, two letters) scores 0, with the reason for the trainer
(`Verdict.note`).

`bind_notebook` and `bind` are pure. `BindEmployee` runs them inside
nbgrader's autograde (configured in `nbgrader_setup`) and `academy grade`, so
both score alike.
`ShapeAnswerCells` gives answer cells their template in the generated
learner version, where nbgrader would write its code stub.
"""

from __future__ import annotations

import dataclasses
import json
import re

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, List, Unicode

from . import labels, questions
from .curriculum import parse_assignment
from .itembank import KEY_CALL

_KEY_LINE = re.compile(rf"^{KEY_CALL}\((?P<key>.*)\)\s*$", re.MULTILINE)


def _grade_id(cell: NotebookNode) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _locked(cell: NotebookNode) -> bool:
    """A released locked cell: after nbgrader's OverwriteCells, only those keep a grade id, with the released source."""
    meta = cell.get("metadata", {}).get("nbgrader")
    return isinstance(meta, dict) and bool(meta.get("locked")) and bool(meta.get("grade_id"))


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The grader's verdict on one question: passed, or the error its test cell shows and why."""

    passed: bool
    ename: str = ""
    message: str = ""
    #: What the answer cell held, when it was something other than an answer of the question's kind.
    malformed: str | None = None
    question: int = 0
    item: str = ""
    kind: str = ""

    def note(self, language: str) -> str | None:
        """For the trainer, in `language` (``academy status``): why a malformed answer scored nothing; None for any other."""
        if self.malformed is None:
            return None
        texts = labels.MALFORMED_ANSWER[labels.language_of(language)]
        return texts["note"].format(question=self.question, item=self.item, typed=self.malformed[:60], expected=texts[self.kind])

    def outputs(self) -> list[dict]:
        """The test cell's outputs, as the kernel would have given them running the cell."""
        if self.passed:
            return []
        return [{"output_type": "error", "ename": self.ename, "evalue": self.message, "traceback": [f"{self.ename}: {self.message}"]}]


@dataclasses.dataclass(frozen=True)
class _Reading:
    """What an employee's answer reads as, against the right answer of their variant."""

    kind: str
    given: str | float | None
    right: str | float
    shown_right: str
    accepted: list[str]
    tolerance: float


def _reading(key: dict, given_text: str, employee_id: str) -> _Reading:
    kind = key["kind"]
    answers = key.get("answers") or key.get("correct")
    variant, order = questions.variant_of(key["module"], key["item"], employee_id, len(answers), max(key.get("options") or [0]))
    accepted: list[str] = []
    if kind == "choice":
        options = key["options"][variant]
        shown = [i for i in order if i < options]
        right = questions.LETTERS[shown.index(key["correct"][variant])]
        return _Reading(kind, questions.read_choice(given_text, options), right, right, accepted, 0.0)
    if kind == "number":
        right = float(key["answers"][variant])
        return _Reading(kind, questions.read_number(given_text), right, f"{right:g}", accepted, float(key["tolerance"]))
    accepted = [questions.read_text(text) for text in key["answers"][variant]]
    return _Reading(kind, questions.read_text(given_text), accepted[0], key["answers"][variant][0], accepted, 0.0)


def _right(reading: _Reading) -> bool:
    if reading.kind == "number":
        return abs(reading.given - reading.right) <= reading.tolerance
    if reading.kind == "text":
        return reading.given in reading.accepted
    return reading.given == reading.right


def _wrong_message(key: dict, reading: _Reading, given_text: str, question: int) -> str:
    if reading.given is None:
        return questions.message(key["language"], "unanswered_wrong", question=question, right=reading.shown_right)
    shown_given = f"{reading.given:g}" if reading.kind == "number" else given_text.strip()
    return questions.message(key["language"], "wrong", question=question, given=shown_given, right=reading.shown_right)


#: A number answer may carry a unit: a word (letters of any script, or "%") on either side, such as 12 笔, 40%, 约 12 笔.
MAX_UNIT_WORDS = 2
_NUMBER = re.compile(r"[-+]?\d+(?:[.,，]\d+)?")


def literal(kind: str, text: str) -> bool:
    """Whether `text`, which reads as an answer of `kind`, is that answer and nothing else.

    The readers in `questions` take one letter only, and any short text; a
    number they find inside anything, so a number answer must hold nothing
    but the number and its unit: ``12 笔`` is a number, ``x = 12`` is code.
    """
    if kind != "number":
        return True
    words = _NUMBER.sub(" ", questions.normal(text), count=1).split()
    return len(words) <= MAX_UNIT_WORDS and all(word.rstrip("%").isalpha() or word == "%" for word in words)


def _form_message(key: dict, question: int, options: int) -> str:
    letters = ("、" if key["language"].startswith("zh") else ", ").join(questions.LETTERS[:options])
    return questions.message(key["language"], f"{key['kind']}_form", question=question, letters=letters, limit=questions.TEXT_LIMIT)


def verdict(key: dict, given_text: str, employee_id: str, question: int) -> str:
    """The line that replaces a hidden key line: a comparison of literals for `employee_id`."""
    reading = _reading(key, given_text, employee_id)
    text = _wrong_message(key, reading, given_text, question)
    if reading.given is not None and not literal(key["kind"], given_text):
        return f"assert False, {_form_message(key, question, max(key.get('options') or [4]))!r}"
    if reading.given is None:
        return f"assert False, {text!r}"
    if reading.kind == "number":
        return f"assert abs({reading.given!r} - {reading.right!r}) <= {reading.tolerance!r}, {text!r}"
    if reading.kind == "text":
        return f"assert {reading.given!r} in {reading.accepted!r}, {text!r}"
    return f"assert {reading.given!r} == {reading.right!r}, {text!r}"


def judge(key: dict, given_text: str, employee_id: str, question: int, *, options: int) -> Verdict:
    """The verdict the question's test cell reaches for `given_text`, decided here rather than in a kernel.

    The visible check first (`questions.check`: answered, in the form asked
    for, reading up to `options` letters), then the comparison `verdict` writes.
    """
    kind = key["kind"]
    if not given_text:
        return Verdict(False, "AnswerFormError", questions.message(key["language"], "not_answered", question=question))
    malformed = {"malformed": given_text, "question": question, "item": key["item"], "kind": kind}
    if questions.read(kind, given_text, options) is None:  # the visible check fails
        return Verdict(False, "AnswerFormError", _form_message(key, question, options), **malformed)
    if not literal(kind, given_text):  # the visible check passes, the hidden comparison refuses it
        return Verdict(False, "AssertionError", _form_message(key, question, options), **malformed)
    reading = _reading(key, given_text, employee_id)
    if reading.given is not None and _right(reading):
        return Verdict(True)
    return Verdict(False, "AssertionError", _wrong_message(key, reading, given_text, question))


def typed_answer(source: str, item: str) -> str:
    """What an answer cell of `item` holds as its answer: its lines but the ``%%answer ITEM`` line and comments, joined.

    Any other first line (code, another cell magic, the magic of another
    question) is part of what was typed, so it makes the answer malformed.
    """
    lines = source.split("\n")
    if lines and lines[0].split() == ["%%answer", item]:
        lines = lines[1:]
    return " ".join(line.strip() for line in lines if line.strip() and not line.strip().startswith("#"))


def question_numbers(nb: NotebookNode) -> dict[str, int]:
    """The number each graded item is shown with: its place among the notebook's grade cells."""
    numbers: dict[str, int] = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if isinstance(meta, dict) and meta.get("grade") and meta.get("grade_id"):
            numbers.setdefault(meta["grade_id"], len(numbers) + 1)
    return numbers


def bind(nb: NotebookNode, *, employee_id: str, codeless: bool) -> dict[str, Verdict]:
    """Bind `nb` to `employee_id` in place (see the module's docstring); each question's verdict, by test cell id."""
    tests = [cell for cell in nb.cells if cell.cell_type == "code" and _locked(cell) and _KEY_LINE.search(cell.source)]
    keyed = {json.loads(match.group("key"))["item"] for cell in tests for match in _KEY_LINE.finditer(cell.source)}
    answers: dict[str, str] = {}
    answer_cells = []
    for cell in nb.cells:
        item = (_grade_id(cell) or "").removesuffix("-answer")
        if cell.cell_type == "code" and _grade_id(cell) == f"{item}-answer" and item in keyed and item not in answers:
            answers[item] = typed_answer(cell.source, item)
            cell.source = questions.answer_cell(item, answers[item])
            answer_cells.append(cell)
    numbers = question_numbers(nb)
    verdicts: dict[str, Verdict] = {}
    for cell in tests:
        number = numbers.get(_grade_id(cell), 0)
        judged, lines = [], {}
        for match in _KEY_LINE.finditer(cell.source):
            key = json.loads(match.group("key"))
            given = answers.get(key["item"], "")
            judged.append(judge(key, given, employee_id, number, options=max(key.get("options") or [4])))
            lines[match.group(0)] = verdict(key, given, employee_id, number)
        for line, comparison in lines.items():
            cell.source = cell.source.replace(line, comparison)
        failed = [one for one in judged if not one.passed]
        verdicts[_grade_id(cell)] = failed[0] if failed else Verdict(True)
    # A module not yet converted to tracks still asks every track for code: only a notebook whose
    # every auto-graded test is a question's (tests are restored from the gradebook) runs no learner code.
    graded_code = [cell for cell in nb.cells if cell.cell_type == "code" and _locked(cell) and cell.metadata["nbgrader"].get("grade")]
    if codeless and {id(cell) for cell in graded_code} <= {id(cell) for cell in tests}:
        for cell in nb.cells:
            if cell.cell_type == "code" and not _locked(cell) and id(cell) not in {id(kept) for kept in answer_cells}:
                cell.cell_type = "markdown"
                for field in ("outputs", "execution_count"):
                    cell.pop(field, None)
    return verdicts


def bind_notebook(nb: NotebookNode, *, employee_id: str, codeless: bool) -> NotebookNode:
    """`nb` as it must run for `employee_id`; see the module's docstring. Changes `nb` in place."""
    bind(nb, employee_id=employee_id, codeless=codeless)
    return nb


class BindEmployee(Preprocessor):
    """nbgrader step: bind a submission to its owner (`bind`). Runs after OverwriteCells.

    The questions' verdicts are left in ``resources["academy"]["verdicts"]``,
    where `academy grade` takes them; nbgrader's own autograde ignores them and
    runs the rewritten test cells.
    """

    enabled = Bool(True)
    codeless_tracks = List(Unicode(), default_value=["frontline"], help="Tracks on which a learner writes no code.").tag(config=True)

    def preprocess(self, nb, resources):
        student = resources["nbgrader"]["student"]
        version = parse_assignment(resources["nbgrader"]["assignment"])
        codeless = version is not None and version.track in self.codeless_tracks
        verdicts = bind(nb, employee_id=student, codeless=codeless)
        resources.setdefault("academy", {})["verdicts"] = verdicts
        return nb, resources


class ShapeAnswerCells(Preprocessor):
    """nbgrader generate step, after ClearSolutions: an answer cell shows its template, not a code stub."""

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        template = cell.get("metadata", {}).get("academy", {}).get("template")
        if template is not None and cell.cell_type == "code":
            cell.source = template
        return cell, resources
