"""The grader's own verdicts on judgement questions (`binding.bind`), without a kernel.

A question's verdict is decided in the grader's process from the answer typed
and the owner's right answer; nbgrader's own autograde runs the rewritten test
cell instead. Here both are compared, verdict by verdict: the test cell is
executed as a kernel would run it (the visible check reading what the
``%%answer`` magic recorded, then the hidden comparison), and must fail
exactly when the verdict says so, with the same error and message.
"""

from __future__ import annotations

import nbformat
import pytest

from salesacademy import build, itembank, questions
from salesacademy.binding import bind, judge, typed_answer
from salesacademy.config import bundled_content
from salesacademy.curriculum import Version, load_curriculum
from salesacademy.release import build_target

CONTENT = bundled_content()
CURRICULUM = load_curriculum(CONTENT)
MODULE = "01-sales-process"
EMPLOYEE = "E1001"


def frontline_notebook(language: str = "en") -> nbformat.NotebookNode:
    """Module 01 as released to frontline staff, hidden tests and key lines included."""
    module = CURRICULUM.module(MODULE)
    target = build_target(CURRICULUM, module, Version(module.id, "frontline", language), CONTENT)
    return nbformat.from_dict(build.build_notebook(build.read_source(module.folder(CONTENT) / f"{module.graded}.py"),
                                                   language=language, target=target))


def answer_cell(nb, item: str):
    return next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == f"{item}-answer")


def check_cell(nb, item: str):
    return next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == item)


def right(item: str) -> str:
    bank = itembank.load_bank(CURRICULUM.module(MODULE).folder(CONTENT), tracks=list(CURRICULUM.tracks))
    return itembank.right_answer(bank.questions[item], module_id=MODULE, item=item, employee_id=EMPLOYEE, language="en")[0]


def as_a_kernel_runs_it(answer_source: str, test_source: str, item: str) -> tuple[str, str] | None:
    """Run the bound answer and test cells as the kernel would; the error (name, message), or None when the test passes."""
    questions.recorded.clear()
    questions.recorded[item] = questions.answer_text(answer_source)
    try:
        exec(test_source, {})
    except AssertionError as error:
        return type(error).__name__, str(error)
    return None


# What a cell holds, and whether the grader's verdict should pass it; "{right}" is the owner's right answer.
CASES = [
    ("%%answer {item}\n# ↓ type one letter\n{right}", True),
    ("%%answer {item}\n{right}。", True),  # punctuation a Chinese keyboard adds is not part of the answer
    ("%%answer {item}\n{wrong}", False),
    ("%%answer {item}\n# ↓ type one letter\n", False),
    ("%%capture\n{right}", False),  # another cell magic: not an answer cell
    ("%%answer {item}\nimport os\n{right}", False),  # code beside the letter
    ("choice = '{right}'", False),
    ("%%answer another-item\n{right}", False),
]


@pytest.mark.parametrize("source, passes", CASES)
def test_the_graders_verdict_on_a_choice_agrees_with_the_rewritten_test_cell(source, passes):
    item = "first-reply"
    wrong = "A" if right(item) != "A" else "B"
    nb = frontline_notebook()
    answer_cell(nb, item).source = source.format(item=item, right=right(item), wrong=wrong)
    verdicts = bind(nb, employee_id=EMPLOYEE, codeless=True)
    verdict = verdicts[item]
    assert verdict.passed == passes
    ran = as_a_kernel_runs_it(answer_cell(nb, item).source, check_cell(nb, item).source, item)
    assert ran == (None if passes else (verdict.ename, verdict.message))
    assert verdict.outputs() == ([] if passes else [{"output_type": "error", "ename": verdict.ename, "evalue": verdict.message,
                                                      "traceback": [f"{verdict.ename}: {verdict.message}"]}])


def test_every_question_of_a_notebook_gets_a_verdict_and_only_the_malformed_answer_a_note():
    nb = frontline_notebook()
    items = [cell.metadata["academy"]["answer"] for cell in nb.cells if "answer" in cell.metadata.get("academy", {})]
    typed = {items[0]: right(items[0]), items[1]: "12 笔 and 13", items[2]: ""}
    for item, text in typed.items():
        answer_cell(nb, item).source = f"%%answer {item}\n{text}"
    verdicts = bind(nb, employee_id=EMPLOYEE, codeless=True)
    assert set(verdicts) == set(items)
    assert verdicts[items[0]].passed and verdicts[items[0]].note("en") is None
    assert not verdicts[items[1]].passed and verdicts[items[1]].ename == "AnswerFormError"
    assert verdicts[items[1]].note("en") == f"question 2 ({items[1]}): the answer cell holds '12 笔 and 13', not one number; scored 0"
    assert verdicts[items[1]].note("zh-CN") == f"第 2 题（{items[1]}）：答案单元格填写的是“12 笔 and 13”，不是一个数字，计 0 分"
    blank = verdicts[items[2]]
    assert (blank.passed, blank.note("en")) == (False, None)
    assert blank.message == questions.message("en", "not_answered", question=3)


@pytest.mark.parametrize("typed, passes", [
    ("{right}", True),
    ("{right} 笔", True),  # a short unit is part of a number answer
    ("约 {right} 笔", True),
    ("{right} tickets", True),
    ("{right}%", True),
    ("x = {right}", False),  # code that holds the number is not the number
    ("print({right})", False),
    ("{right} opportunities, as the table shows", False),
])
def test_a_number_answer_is_the_number_and_at_most_a_short_unit(typed, passes):
    item = "skipped-step"
    nb = frontline_notebook()
    answer_cell(nb, item).source = f"%%answer {item}\n" + typed.format(right=right(item))
    verdict = bind(nb, employee_id=EMPLOYEE, codeless=True)[item]
    assert verdict.passed == passes
    assert (verdict.note("en") is None) == passes
    ran = as_a_kernel_runs_it(answer_cell(nb, item).source, check_cell(nb, item).source, item)
    assert ran == (None if passes else (verdict.ename, verdict.message))


def test_a_number_within_the_tolerance_passes_and_one_beyond_it_fails():
    key = {"module": MODULE, "item": "q", "kind": "number", "language": "en", "answers": [10.0, 10.0, 10.0], "tolerance": 0.5}
    assert judge(key, "10.4", EMPLOYEE, 1, options=4).passed
    beyond = judge(key, "10.6", EMPLOYEE, 1, options=4)
    assert not beyond.passed and beyond.message == "Question 1: not correct (your answer: 10.6; the right answer: 10)."


def test_only_the_cells_own_answer_line_is_left_out_of_what_was_typed():
    assert typed_answer("%%answer q1\n# type a letter\n B \n", "q1") == "B"
    assert typed_answer("%%answer  q1 \nB", "q1") == "B"
    assert typed_answer("%%answer q2\nB", "q1") == "%%answer q2 B"
    assert typed_answer("%%capture\nB", "q1") == "%%capture B"
