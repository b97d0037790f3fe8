"""`academy feedback`: graded feedback for staff, without hidden tests, in their language.

Stock nbgrader feedback shows the graded notebook as it ran, hidden tests
included, and a failed hidden assertion's traceback prints its source line.
Here, under every graded test cell the page shows the grader's own verdict
(passed, or the message of a visible check that failed), never what the
kernel printed, and hidden test regions are removed. Above the notebook,
each page opens with a summary in the employee's language (`summary`): the
score against their track's points and the pass mark, passed or not (or
waiting for a trainer), and per question the points, their answer, the right
answer for their own variant and why.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import nbformat
import pandas as pd
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets.config import Config

from . import gradebook_reads, itembank, questions, training
from .binding import question_numbers
from .config import content_root, database_url, load_config
from .curriculum import Curriculum, load_curriculum, module_of, parse_assignment
from .errors import AcademyError
from .nbgrader_setup import api, check
from .release import chosen_released


HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)
#: What the grader says under a graded test cell, in the learner's language.
VERDICTS = {
    "zh-CN": {"passed": "✓ 通过", "failed": "✗ 未通过：{message}", "hidden": "✗ 未通过：隐藏的检查发现这道题的答案有问题。"},
    "en": {"passed": "✓ Passed", "failed": "✗ Not passed: {message}", "hidden": "✗ Not passed: the hidden checks found a problem with this answer."},
}
# The messages a question's test gives (`questions.MESSAGES`), with what can fill them kept short and plain.
_FILLS = {"question": r"\d{1,3}", "letters": r"[A-H、, ]{1,30}", "limit": r"\d{1,4}", "given": r"[^()（）\n]{0,80}",
          "right": r"[^()（）\n]{0,80}", "answer": r"[^\n]{0,80}"}
QUESTION_MESSAGES = re.compile("|".join(
    re.sub(r"\\\{(\w+)\\\}", lambda m: _FILLS[m.group(1)], re.escape(template))
    for texts in questions.MESSAGES.values() for template in texts.values()))


class SummarizeTests(NbGraderPreprocessor):
    """Say under each graded test cell what the grader decided, never what the kernel printed.

    A test cell shows "passed", or the failure message of one of its visible
    checks (a string written in the visible part of the cell, or a question's
    own message), or that the hidden checks failed. Whatever else the kernel
    printed there (a hook can print the source of the hidden test it runs) is
    dropped, and any line of a hidden test is cut from the outputs of every
    other cell. Runs before nbgrader's ClearHiddenTests, which it relies on to
    remove the hidden regions from the cells' sources.
    """

    def preprocess(self, nb, resources):
        version = parse_assignment(resources.get("nbgrader", {}).get("assignment", ""))
        self.texts = VERDICTS["zh-CN" if version and version.language.startswith("zh") else "en"]
        self.hidden = {line.strip() for cell in nb.cells if cell.cell_type == "code"
                       for region in HIDDEN.findall(cell.source) for line in region.splitlines()[1:-1] if len(line.strip()) >= 12}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if cell.metadata.get("nbgrader", {}).get("grade"):
            failures = [o for o in cell.get("outputs", []) if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
            text = self.texts["passed"] if not failures else self.failure(failures[0], HIDDEN.sub("", cell.source))
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]
        else:
            cell.outputs = [output for output in cell.get("outputs", []) if not self.leaks(output)]
        return cell, resources

    def failure(self, output, visible: str) -> str:
        message = str(output.get("evalue", "")).strip() if output.output_type == "error" else ""
        shown = message and (message in _literals(visible) or QUESTION_MESSAGES.fullmatch(message))
        return self.texts["failed"].format(message=message) if shown else self.texts["hidden"]

    def leaks(self, output) -> bool:
        text = "\n".join(str(part) for part in [output.get("text", ""), output.get("evalue", ""), *output.get("traceback", []),
                                                 *(output.get("data") or {}).values()])
        return any(line in text for line in self.hidden)


def _literals(code: str) -> set[str]:
    """The string constants written in `code`."""
    import ast

    try:
        return {node.value.strip() for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    except SyntaxError:  # a cell magic: take what is quoted
        return {(double or single).strip() for double, single in re.findall(r"\"([^\"\n]+)\"|'([^'\n]+)'", code)}


# Order matters: grades are read before anything changes the cells, and the grader's verdicts
# replace test outputs before hidden regions are cleared (the verdicts need to know what was hidden).
FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "salesacademy.feedback.SummarizeTests",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


@dataclasses.dataclass
class FeedbackRun:
    #: module id -> employees whose feedback was released
    released: dict[str, int] = dataclasses.field(default_factory=dict)
    #: (employee id, assignment) -> why no feedback could be made for that submission
    failed: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)


def feedback(*, instance: Path, modules: list[str] | None = None) -> FeedbackRun:
    """Generate and release feedback for graded submissions.

    One submission nbgrader cannot render (a notebook that is not valid JSON,
    say) gets no feedback, with the reason in `FeedbackRun.failed`; everyone
    else's is released all the same.
    """
    config, paths = load_config(instance)
    url = database_url(config, paths)
    content = content_root(config)
    curriculum = load_curriculum(content)
    chosen = chosen_released(url, modules)
    extra = Config()
    extra.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
    nbgrader = api(config, paths, extra)
    run = FeedbackRun()
    for assignment in chosen:
        module_id = module_of(assignment)
        notebook = curriculum.module(module_id).graded
        graded = sorted(folder.parent.name for folder in paths.step("autograded").glob(f"*/{assignment}"))
        run.released.setdefault(module_id, 0)
        for employee_id in graded:  # nothing was submitted to comment on
            if not paths.notebook("autograded", assignment, notebook, employee_id).is_file():
                run.failed[(employee_id, assignment)] = f"no {notebook}.ipynb was submitted, so there is no feedback to give"
        if not graded:
            continue
        if run.failed or not nbgrader.generate_feedback(assignment).get("success"):  # someone's cannot be rendered: one by one
            for employee_id in [e for e in graded if (e, assignment) not in run.failed]:
                try:
                    check(nbgrader.generate_feedback(assignment, employee_id), f"generate_feedback {assignment} for {employee_id}")
                except AcademyError as error:
                    run.failed[(employee_id, assignment)] = str(error)
        _add_summaries(paths, url, curriculum, content, assignment)
        check(nbgrader.release_feedback(assignment), f"release_feedback {assignment}")
        run.released[module_id] += sum(1 for e in graded if (e, assignment) not in run.failed)
    return run


def _add_summaries(paths, url: str, curriculum: Curriculum, content: Path, assignment: str) -> None:
    """Open each employee's feedback page on `assignment` with their summary."""
    version = parse_assignment(assignment)
    if version is None:
        return
    module = curriculum.module(version.module_id)
    bank = itembank.load_bank(module.folder(content), tracks=list(curriculum.tracks))
    for page in sorted(paths.step("feedback").glob(f"*/{assignment}/{module.graded}.html")):
        employee_id = page.parent.parent.name
        rows = gradebook_reads.grade_rows(url, ids=[employee_id])
        rows = rows[rows.assignment == assignment]
        graded_nb = nbformat.read(paths.notebook("autograded", assignment, module.graded, employee_id), as_version=4)
        section = summary(rows, graded_nb, bank=bank, module_id=module.id, title=module.title(version.language), employee_id=employee_id,
                          language=version.language, pass_mark=curriculum.pass_mark(module))
        pending = set(rows.item[rows.needs_manual_grade.astype(bool)])
        text = localized(page.read_text(encoding="utf-8"), language=version.language, pending=pending,
                         title=module.title(version.language))
        at = text.find(">", text.find("<body")) + 1
        page.write_text(text[:at] + section + text[at:], encoding="utf-8")


#: nbgrader's words on a feedback page, as a learner reads them.
PAGE_WORDS = {
    "zh-CN": {"answer": "你的回答", "task": "你的任务", "check": "检查结果", "score": "得分", "pending": "待培训师评分",
              "comments": "培训师评语"},
    "en": {"answer": "Your answer", "task": "Your task", "check": "Check", "score": "Score", "pending": "awaiting a trainer",
           "comments": "Trainer's comments"},
}
_INDEX = re.compile(r'<div class="panel-heading">\s*<h4>[^<]*\(Score:.*?</ol>\s*</div>\s*</div>', re.DOTALL)
_HEADING = re.compile(r'(?P<anchors>(?:<a name="[^"]*"></a>)+)(?P<open><div class="panel-heading">)(?P<body>.*?)(?P<close></div>)', re.DOTALL)
_LABEL = re.compile(r'<span class="nbgrader-label">(?P<label>Student\'s answer|Student\'s task|Grade cell: <code>[^<]*</code>|'
                    r'Task: <code>[^<]*</code>)</span>')
_SCORE = re.compile(r'<span class="pull-right">\s*Score: (?P<score>[-\d.]+) / (?P<points>[-\d.]+) <a href="#top">\(Top\)</a>\s*</span>')
_TOP = re.compile(r'<span class="pull-right"><a href="#top">\(Top\)</a></span>')


def localized(page: str, *, language: str, pending: set[str], title: str) -> str:
    """nbgrader's feedback page in the learner's language, without its own index or any cell's id.

    The index at the top (scores per cell, a written answer no trainer has
    graded yet counted as 0) gives way to the academy's summary. Each cell's
    heading says what it is ("your answer", "check") and its points, or that a
    trainer has yet to grade it; never nbgrader's name for the cell.
    """
    words = PAGE_WORDS["zh-CN" if language.startswith("zh") else "en"]
    kinds = {"Student's answer": "answer", "Student's task": "task"}

    def heading(match: re.Match) -> str:
        ids = re.findall(r'<a name="(?:comment-)?([^"]*)"></a>', match["anchors"])
        body = _LABEL.sub(lambda m: f'<span class="nbgrader-label">{words[kinds.get(m["label"], "check")]}</span>', match["body"])
        waiting = bool(pending & set(ids))

        def score(m: re.Match) -> str:
            shown = words["pending"] if waiting else f"{words['score']} {m['score']} / {m['points']}"
            return f'<span class="pull-right">{html.escape(shown)}</span>'

        body = _SCORE.sub(score, body)
        return match["anchors"] + match["open"] + _TOP.sub("", body) + match["close"]

    page = _INDEX.sub("", page, count=1)
    page = _HEADING.sub(heading, page)
    page = page.replace("<b>Comments:</b>", f"<b>{html.escape(words['comments'])}:</b>")
    return re.sub(r"<title>[^<]*</title>", f"<title>{html.escape(title)}</title>", page, count=1)


#: The question number and points columns of the summary keep to one line ("2 / 2", not "2 /" over "2").
NOWRAP = ' style="white-space: nowrap"'


def summary(rows: pd.DataFrame, graded_nb, *, bank: itembank.Bank | None, module_id: str, title: str, employee_id: str,
            language: str, pass_mark: float) -> str:
    """The summary section of one employee's feedback page, as HTML, from their grade rows and graded notebook."""
    text = training.labels(language)
    numbers = question_numbers(graded_nb)
    typed = {cell.metadata["nbgrader"]["grade_id"].removesuffix("-answer"): questions.answer_text(cell.source)
             for cell in graded_nb.cells if cell.cell_type == "code" and cell.source.startswith("%%answer")
             and cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")}
    score, points = float(rows.score.fillna(0).sum()), float(rows.max_score.sum())
    pending = bool(rows.needs_manual_grade.any())
    percent = score / points if points else 0.0
    verdict = "awaiting-trainer" if pending else "passed" if percent >= pass_mark - 1e-9 else "failed"
    lines = []
    for row in sorted(rows.itertuples(), key=lambda r: numbers.get(r.item, 0)):
        shown_score = text["feedback_pending"] if row.needs_manual_grade else f"{row.score:g} / {row.max_score:g}"
        if bank is not None and row.item in bank.questions:
            right, why = itembank.right_answer(bank.questions[row.item], module_id=module_id, item=row.item, employee_id=employee_id,
                                               language=language)
            given = typed.get(row.item) or text["feedback_blank"]
        elif any(c.metadata.get("nbgrader", {}).get("grade_id") == row.item and c.cell_type == "markdown" for c in graded_nb.cells):
            given, right, why = text["feedback_written"], "", ""
        else:
            given, right, why = text["feedback_code"], "", ""
        cells = [str(numbers.get(row.item, "")), shown_score, given, right, why]
        lines.append("<tr>" + "".join(f'<td{NOWRAP if i < 2 else ""}>{html.escape(cell)}</td>' for i, cell in enumerate(cells)) + "</tr>")
    head = "".join(f"<th{NOWRAP if i < 2 else ''}>{html.escape(text['feedback_columns'][key])}</th>"
                   for i, key in enumerate(("question", "points", "given", "right", "why")))
    style = ("font-family: sans-serif; margin: 16px; padding: 12px 16px; border: 1px solid #ccd; border-radius: 6px; "
             f"background: {'#eef8ef' if verdict == 'passed' else '#fdeeee' if verdict == 'failed' else '#eef2fb'}")
    return (f'<section class="academy-summary" style="{style}">'
            f"<h1>{html.escape(text['feedback_title'].format(title=title))}</h1>"
            f'<p class="academy-verdict"><strong>{html.escape(text["feedback_verdict"][verdict])}</strong> · '
            f"{html.escape(text['feedback_score'].format(score=score, points=points, percent=percent, pass_mark=pass_mark))}</p>"
            f'<table style="border-collapse: collapse" cellpadding="6" border="1"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
            f"<h2>{html.escape(text['feedback_notebook'])}</h2></section>")
