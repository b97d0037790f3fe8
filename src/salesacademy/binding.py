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

`bind_notebook` is pure. `BindEmployee` runs it inside nbgrader's autograde
(configured in `nbgrader_setup`) and `academy grade`, so both score alike.
`ShapeAnswerCells` gives answer cells their template in the generated
learner version, where nbgrader would write its code stub.
"""

from __future__ import annotations

import json
import re

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, List, Unicode

from . import questions
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


def verdict(key: dict, given_text: str, employee_id: str, question: int) -> str:
    """The line that replaces a hidden key line: a comparison of literals for `employee_id`."""
    kind, language = key["kind"], key["language"]
    answers = key.get("answers") or key.get("correct")
    variant, order = questions.variant_of(key["module"], key["item"], employee_id, len(answers), max(key.get("options") or [0]))
    if kind == "choice":
        options = key["options"][variant]
        shown = [i for i in order if i < options]
        right = questions.LETTERS[shown.index(key["correct"][variant])]
        given = questions.read_choice(given_text, options)
        shown_right = right
    elif kind == "number":
        right = float(key["answers"][variant])
        given = questions.read_number(given_text)
        shown_right = f"{right:g}"
    else:
        accepted = [questions.read_text(text) for text in key["answers"][variant]]
        right, given = accepted[0], questions.read_text(given_text)
        shown_right = key["answers"][variant][0]
    if given is None:
        text = questions.message(language, "unanswered_wrong", question=question, right=shown_right)
        return f"assert False, {text!r}"
    shown_given = f"{given:g}" if kind == "number" else given_text.strip()
    text = questions.message(language, "wrong", question=question, given=shown_given, right=shown_right)
    if kind == "number":
        return f"assert abs({given!r} - {right!r}) <= {float(key['tolerance'])!r}, {text!r}"
    if kind == "text":
        return f"assert {given!r} in {accepted!r}, {text!r}"
    return f"assert {given!r} == {right!r}, {text!r}"


def question_numbers(nb: NotebookNode) -> dict[str, int]:
    """The number each graded item is shown with: its place among the notebook's grade cells."""
    numbers: dict[str, int] = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if isinstance(meta, dict) and meta.get("grade") and meta.get("grade_id"):
            numbers.setdefault(meta["grade_id"], len(numbers) + 1)
    return numbers


def bind_notebook(nb: NotebookNode, *, employee_id: str, codeless: bool) -> NotebookNode:
    """`nb` as it must run for `employee_id`; see the module's docstring. Changes `nb` in place."""
    tests = [cell for cell in nb.cells if cell.cell_type == "code" and _locked(cell) and _KEY_LINE.search(cell.source)]
    keyed = {json.loads(match.group("key"))["item"] for cell in tests for match in _KEY_LINE.finditer(cell.source)}
    answers: dict[str, str] = {}
    answer_cells = []
    for cell in nb.cells:
        item = (_grade_id(cell) or "").removesuffix("-answer")
        if cell.cell_type == "code" and _grade_id(cell) == f"{item}-answer" and item in keyed and item not in answers:
            answers[item] = questions.answer_text(cell.source)
            cell.source = questions.answer_cell(item, answers[item])
            answer_cells.append(cell)
    numbers = question_numbers(nb)
    for cell in tests:
        number = numbers.get(_grade_id(cell), 0)

        def replace(match: re.Match) -> str:
            key = json.loads(match.group("key"))
            return verdict(key, answers.get(key["item"], ""), employee_id, number)

        cell.source = _KEY_LINE.sub(replace, cell.source)
    # A module not yet converted to tracks still asks every track for code: only a notebook whose
    # every auto-graded test is a question's (tests are restored from the gradebook) runs no learner code.
    graded_code = [cell for cell in nb.cells if cell.cell_type == "code" and _locked(cell) and cell.metadata["nbgrader"].get("grade")]
    if codeless and {id(cell) for cell in graded_code} <= {id(cell) for cell in tests}:
        for cell in nb.cells:
            if cell.cell_type == "code" and not _locked(cell) and id(cell) not in {id(kept) for kept in answer_cells}:
                cell.cell_type = "markdown"
                for field in ("outputs", "execution_count"):
                    cell.pop(field, None)
    return nb


class BindEmployee(Preprocessor):
    """nbgrader step: bind a submission to its owner (`bind_notebook`). Runs after OverwriteCells."""

    enabled = Bool(True)
    codeless_tracks = List(Unicode(), default_value=["frontline"], help="Tracks on which a learner writes no code.").tag(config=True)

    def preprocess(self, nb, resources):
        student = resources["nbgrader"]["student"]
        version = parse_assignment(resources["nbgrader"]["assignment"])
        codeless = version is not None and version.track in self.codeless_tracks
        return bind_notebook(nb, employee_id=student, codeless=codeless), resources


class ShapeAnswerCells(Preprocessor):
    """nbgrader generate step, after ClearSolutions: an answer cell shows its template, not a code stub."""

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        template = cell.get("metadata", {}).get("academy", {}).get("template")
        if template is not None and cell.cell_type == "code":
            cell.source = template
        return cell, resources
