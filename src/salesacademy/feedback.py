"""`academy feedback`: graded feedback for staff, without hidden tests, in their language.

Stock nbgrader feedback shows the graded notebook as it ran, hidden tests
included, and a failed hidden assertion's traceback prints its source line.
The feedback pipeline here removes hidden test regions and reduces every
test error to its name and message before rendering. Above the notebook,
each page opens with a summary in the employee's language (`summary`): the
score against their track's points and the pass mark, passed or not (or
waiting for a trainer), and per question the points, their answer, the right
answer for their own variant and why.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import nbformat
import pandas as pd
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets.config import Config

from . import gradebook, itembank, questions, training
from .binding import question_numbers
from .config import content_root, database_url, load_config
from .curriculum import Curriculum, load_curriculum, module_of, parse_assignment
from .errors import AcademyError
from .nbgrader_setup import api, check
from .release import chosen_released


class RedactTestErrors(NbGraderPreprocessor):
    """Keep only ``Name: message`` of errors in graded test cells."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    message = f"{output.ename}: {output.evalue}" if output.evalue else output.ename
                    output.traceback = [message]
        return cell, resources


# Order matters: grades are read before anything changes the cells, and hidden
# regions are cleared before errors are redacted so no hidden line survives.
FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "salesacademy.feedback.RedactTestErrors",
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
        graded = sorted(folder.parent.name for folder in paths.step("autograded").glob(f"*/{assignment}"))
        run.released.setdefault(module_id, 0)
        if not graded:
            continue
        if not nbgrader.generate_feedback(assignment).get("success"):  # someone's cannot be rendered: one by one
            for employee_id in graded:
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
        rows = gradebook.grade_rows(url, ids=[employee_id])
        rows = rows[rows.assignment == assignment]
        graded_nb = nbformat.read(paths.notebook("autograded", assignment, module.graded, employee_id), as_version=4)
        section = summary(rows, graded_nb, bank=bank, module_id=module.id, title=module.title(version.language), employee_id=employee_id,
                          language=version.language, pass_mark=curriculum.pass_mark(module))
        text = page.read_text(encoding="utf-8")
        at = text.find(">", text.find("<body")) + 1
        page.write_text(text[:at] + section + text[at:], encoding="utf-8")


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
        lines.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
    head = "".join(f"<th>{html.escape(text['feedback_columns'][key])}</th>" for key in ("question", "points", "given", "right", "why"))
    style = ("font-family: sans-serif; margin: 16px; padding: 12px 16px; border: 1px solid #ccd; border-radius: 6px; "
             f"background: {'#eef8ef' if verdict == 'passed' else '#fdeeee' if verdict == 'failed' else '#eef2fb'}")
    return (f'<section class="academy-summary" style="{style}">'
            f"<h1>{html.escape(text['feedback_title'].format(title=title))}</h1>"
            f'<p class="academy-verdict"><strong>{html.escape(text["feedback_verdict"][verdict])}</strong> · '
            f"{html.escape(text['feedback_score'].format(score=score, points=points, percent=percent, pass_mark=pass_mark))}</p>"
            f'<table style="border-collapse: collapse" cellpadding="6" border="1"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
            f"<h2>{html.escape(text['feedback_notebook'])}</h2></section>")
