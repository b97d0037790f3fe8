"""`academy items`: the trainers' report of which graded items are too easy, too hard or misleading.

The statistics are those of classical test theory, as Moodle's quiz
statistics report computes them
(https://docs.moodle.org/dev/Quiz_statistics_calculations):

facility
    The mean score on the item as a share of its maximum: 1 means everyone
    earned full marks, 0 that nobody earned anything.
discrimination
    The Pearson correlation between the score on the item and the score on
    the rest of the module (the employee's module total minus this item), the
    "corrected item-total correlation". Staff who know more should do better
    on every item; a negative value means the item rewards the weaker staff,
    which usually points to an ambiguous question or a wrong reference answer.

A handful of answers says little about an item: an item is judged (flagged or
passed as sound) only once at least `MIN_ANSWERS` employees have answered it,
and until then it is marked "too few answers". Nothing is computed from
written answers a trainer has not graded yet.

The report is for people (trainers), so its table, HTML page and workbook are
in the course language and name each item as `question_titles` does (a bank
question by its text, a task by its heading); the CSV keeps the raw ids for
other systems.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from . import gradebook_reads, question_titles
from .config import content_root, database_url, load_config, today
from .curriculum import Curriculum, load_curriculum
from .errors import AcademyError
from .spreadsheet import csv_safe
from .terminal import aligned, shortened, width

#: Facility above which an item tells nobody apart: nearly everyone earns full marks.
TOO_EASY = 0.9
#: Facility below which an item is probably unclear or untaught: nearly nobody scores.
TOO_HARD = 0.2
#: Discrimination below which an item favours the weaker staff.
NEGATIVE_DISCRIMINATION = 0.0
#: Fewer responses than this give no discrimination: a correlation of four points means little.
MIN_RESPONSES = 5
#: Answers an item needs before it is judged at all; `--min-answers` sets another.
MIN_ANSWERS = 30
#: The flag of an item with fewer answers than the minimum.
TOO_FEW = "too few answers"
#: Flags that say something is wrong with an item.
PROBLEMS = ("too easy", "too hard", "negative discrimination")
FORMATS = ("table", "csv", "html", "xlsx")
#: Longest question title shown, in terminal columns.
TITLE_WIDTH = 48

COLUMNS = ["module_id", "item", "n", "max_score", "facility", "sd", "discrimination", "flag"]
#: What `items` returns: `COLUMNS` and each item's title.
REPORT_COLUMNS = ["module_id", "item", "title", "n", "max_score", "facility", "sd", "discrimination", "flag"]

LABELS = {
    "zh-CN": {
        "heading": "题目分析（培训师用）", "as_of": "截至", "module": "模块", "title": "题目", "item": "评分单元格",
        "n": "作答人数", "max_score": "满分", "facility": "得分率（%）", "sd": "标准差", "discrimination": "区分度", "flag": "提示",
        "sound": "", "too easy": "过易", "too hard": "过难", "negative discrimination": "负区分度", TOO_FEW: "作答人数不足，暂不判断",
        "minimum": "只有作答人数达到 {minimum} 人的题目才会给出判断；不足 {minimum} 人的题目标为“作答人数不足，暂不判断”。",
        "none": "暂无已评分的题目", "sheet": "题目分析", "notes": "说明", "column": "栏目", "meaning": "含义", "and": "、", "colon": "：",
        "legend": {
            "title": "题库题为第一个变体的题干（每位员工拿到的变体不同）；其他题目为其小标题，书面题为情境的开头。",
            "item": "练习笔记本中该题评分单元格的名称，在 formgrader 中按此查找。",
            "n": "已评分的作答份数；培训师尚未评分的书面回答不计入。",
            "facility": "全体作答者在该题上的得分之和占满分之和的比例。高于 {easy:.0f}% 标为“过易”（几乎人人满分，区分不出掌握程度），"
                        "低于 {hard:.0f}% 标为“过难”（题意可能不清，或内容没有讲到）。",
            "sd": "该题得分的离散程度（分）；为 0 表示所有人得分相同。",
            "discrimination": "该题得分与本模块其余各题得分的相关系数，在 −1 与 1 之间。正值表示整体掌握较好的员工在这道题上也得分更高；"
                              "负值标为“负区分度”：基础较弱的员工反而得分更高，常见原因是题意含糊或参考答案有误。作答少于 {responses} 人时不计算。",
        },
    },
    "en": {
        "heading": "Item analysis (for trainers)", "as_of": "as of", "module": "Module", "title": "Question", "item": "Graded cell",
        "n": "Answers", "max_score": "Points", "facility": "Facility (%)", "sd": "Spread (SD)", "discrimination": "Discrimination",
        "flag": "Flag", "sound": "", "too easy": "Too easy", "too hard": "Too hard", "negative discrimination": "Negative discrimination",
        TOO_FEW: "Too few answers to judge",
        "minimum": "Only items answered by at least {minimum} employees are judged; items with fewer answers are marked "
                   "\"Too few answers to judge\".",
        "none": "no graded items yet", "sheet": "Item analysis", "notes": "Notes", "column": "Column", "meaning": "Meaning", "and": "; ", "colon": ": ",
        "legend": {
            "title": "For a bank question, the text of its first variant (employees get different variants); for a task, its heading; "
                     "for a written answer, the opening of its scenario.",
            "item": "The name of the item's graded cell in the exercise notebook, to find it in the formgrader.",
            "n": "Graded answers; written answers a trainer has not graded yet are left out.",
            "facility": "The share of the available points that those who answered earned. Above {easy:.0f}% an item is flagged too easy "
                        "(nearly everyone earns full marks, so it tells nobody apart); below {hard:.0f}% too hard (unclear, or not taught).",
            "sd": "How far the scores on the item spread, in points; 0 means everyone scored the same.",
            "discrimination": "How well the item separates strong from weak learners: the correlation, from −1 to 1, between the score on "
                              "the item and the score on the rest of the module. Negative values are flagged: the weaker learners do better, "
                              "which usually points to an ambiguous question or a wrong reference answer. Not computed with fewer than "
                              "{responses} answers.",
        },
    },
}


def item_analysis(*, grades: pd.DataFrame, min_answers: int = MIN_ANSWERS) -> pd.DataFrame:
    """Facility, spread and discrimination of every scored item.

    Args:
        grades: rows as `gradebook_reads.grade_rows` returns them, one per graded cell.
        min_answers: answers an item needs to be judged; below it, its flag is `TOO_FEW`.

    Returns:
        One row per module and item, with the columns of `COLUMNS`: `n` responses,
        `max_score`, `facility` (mean score / max score), `sd` (sample standard
        deviation of the score), `discrimination` (NaN with fewer than
        `MIN_RESPONSES` responses or when either score never varies) and `flag`:
        "too easy", "too hard", "negative discrimination", several joined by
        "; ", "" when the item looks sound, or `TOO_FEW`.
    """
    scored = grades[grades.score.notna() & (grades.auto_score.notna() | grades.manual_score.notna()) & (grades.max_score > 0)]
    if scored.empty:
        return pd.DataFrame(columns=COLUMNS)
    scored = scored.assign(score=scored.score.astype(float), max_score=scored.max_score.astype(float))
    total = scored.groupby(["employee_id", "module_id"]).score.transform("sum")
    scored = scored.assign(rest=total - scored.score)
    rows = []
    for (module_id, item), answers in scored.groupby(["module_id", "item"], sort=True):
        max_score = answers.max_score.max()
        facility = answers.score.mean() / max_score
        discrimination = _correlation(answers.score, answers.rest) if len(answers) >= MIN_RESPONSES else np.nan
        judged = flag(facility=facility, discrimination=discrimination) if len(answers) >= min_answers else TOO_FEW
        rows.append({"module_id": module_id, "item": item, "n": len(answers), "max_score": max_score, "facility": facility,
                     "sd": answers.score.std(), "discrimination": discrimination, "flag": judged})
    return pd.DataFrame(rows, columns=COLUMNS)


def _correlation(item: pd.Series, rest: pd.Series) -> float:
    # A constant score has no correlation; pandas says NaN where numpy would warn.
    if item.nunique() < 2 or rest.nunique() < 2:
        return np.nan
    return float(item.corr(rest))


def flag(*, facility: float, discrimination: float) -> str:
    """What a trainer should look at in an item; "" when nothing."""
    flags = []
    if facility > TOO_EASY:
        flags.append("too easy")
    if facility < TOO_HARD:
        flags.append("too hard")
    if discrimination < NEGATIVE_DISCRIMINATION:  # False for NaN: too few responses say nothing
        flags.append("negative discrimination")
    return "; ".join(flags)


def item_titles(*, curriculum: Curriculum, content: Path, language: str, modules: list[str]) -> dict[tuple[str, str], str]:
    """What each graded item of `modules` is called in `language`, by (module, item), as `question_titles` names it.

    A bank question is named by the text of its first variant (employees get
    different ones); a task by its heading; a written answer by the opening of
    its scenario. An item on several tracks keeps the title of the first.
    """
    titles: dict[tuple[str, str], str] = {}
    for module_id in modules:
        if module_id not in curriculum.by_id:  # a module of an earlier curriculum
            continue
        found = question_titles.module_titles(curriculum, curriculum.by_id[module_id], content)
        for row in found[found.language == language].itertuples(index=False):
            titles.setdefault((row.module_id, row.item), row.titles[0])
    return titles


def items(*, instance: Path, module: str | None = None, min_answers: int = MIN_ANSWERS, flagged: bool = False) -> pd.DataFrame:
    """Item analysis of the instance's gradebook (`REPORT_COLUMNS`), optionally of one module or of flagged items only.

    Args:
        flagged: keep only items judged too easy, too hard or negatively discriminating.

    Raises:
        AcademyError: `module` is not in the curriculum (the message lists those that are), or the instance is invalid.
    """
    config, paths = load_config(instance)
    curriculum = load_curriculum(content_root(config))
    grades = gradebook_reads.grade_rows(database_url(config, paths), config.course.timezone)
    if module is not None:
        curriculum.module(module)  # an unknown id is an error naming the known ones
        grades = grades[grades.module_id == module]
    analysis = item_analysis(grades=grades, min_answers=min_answers)
    if flagged:
        analysis = analysis[analysis.flag.ne("") & analysis.flag.ne(TOO_FEW)]
    titles = item_titles(curriculum=curriculum, content=content_root(config), language=config.course.language,
                         modules=sorted(set(analysis.module_id)))
    analysis = analysis.assign(title=[titles.get((m, i), "") for m, i in zip(analysis.module_id, analysis["item"])])
    return analysis[REPORT_COLUMNS].reset_index(drop=True)


# For people -------------------------------------------------------------------------------


def for_people(analysis: pd.DataFrame, *, curriculum: Curriculum, language: str) -> pd.DataFrame:
    """`items`' table as trainers read it: module titles, facility in percent, flags in words, headings in `language`."""
    labels = _labels(language)
    titles = {m.id: m.title(language) for m in curriculum.modules}
    frame = pd.DataFrame({
        "module": analysis.module_id.map(lambda module_id: titles.get(module_id, module_id)),
        "title": analysis.title,
        "item": analysis["item"],
        "n": analysis.n.astype(int),
        "max_score": analysis.max_score.astype(float),
        "facility": (100 * analysis.facility.astype(float)).round(1),
        "sd": analysis.sd.astype(float).round(2),
        "discrimination": analysis.discrimination.astype(float).round(2),
        "flag": analysis.flag.map(lambda flags: labels["and"].join(labels[f] for f in flags.split("; ")) if flags else labels["sound"]),
    })
    return frame.rename(columns={column: labels[column] for column in frame.columns})


def _labels(language: str) -> Mapping:
    return LABELS["zh-CN" if language.startswith("zh") else "en"]


def notes(*, language: str, min_answers: int) -> list[tuple[str, str]]:
    """(column heading, what it means) of each column that needs explaining, then the minimum of answers."""
    labels = _labels(language)
    values = {"easy": 100 * TOO_EASY, "hard": 100 * TOO_HARD, "responses": MIN_RESPONSES}
    explained = [(labels[column], text.format(**values)) for column, text in labels["legend"].items()]
    return [*explained, (labels["flag"], labels["minimum"].format(minimum=min_answers))]


def _number(value: float, digits: int) -> str:
    return "-" if pd.isna(value) else f"{value:.{digits}f}"


def text_report(analysis: pd.DataFrame, *, curriculum: Curriculum, language: str, min_answers: int) -> str:
    """The report for the terminal: the minimum of answers, the table by module, aligned by display width, and what each column means."""
    labels = _labels(language)
    if analysis.empty:
        return labels["none"]
    short = analysis.assign(title=analysis.title.map(lambda title: shortened(title, TITLE_WIDTH)))
    people = for_people(short, curriculum=curriculum, language=language)
    people = people.drop(columns=labels["module"])  # a line of its own above each module's items
    digits = {labels["max_score"]: 0, labels["facility"]: 1, labels["sd"]: 2, labels["discrimination"]: 2}
    rows = [[_number(value, digits[column]) if column in digits else str(value) or "-" for column, value in row.items()]
            for _, row in people.iterrows()]
    right = [people.columns.get_loc(labels[column]) for column in ("n", "max_score", "facility", "sd", "discrimination")]
    header, *lines = aligned(list(people.columns), rows, right=right).split("\n")
    titles = {m.id: m.title(language) for m in curriculum.modules}
    table = [header]
    for position, (module_id, line) in enumerate(zip(analysis.module_id, lines)):
        if position == 0 or module_id != analysis.module_id.iloc[position - 1]:  # each module under its title and id
            table += ["", f"{titles.get(module_id, module_id)} ({module_id})"]
        table.append(line)
    legend = [f"{heading}{labels['colon']}{text}" for heading, text in notes(language=language, min_answers=min_answers)]
    return "\n".join([labels["minimum"].format(minimum=min_answers), "", *table, "", *legend])


STYLE = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; } th { background: #eef2f5; }
td.number, td.flag { white-space: nowrap; } td.number { text-align: right; } td.cell { font-family: monospace; white-space: nowrap; }
td.title { min-width: 20em; max-width: 40em; }
tr.problem td { background: #fde8e3; } tr.few td { color: #777; }
dl { max-width: 70em; font-size: .9em; margin-bottom: 1.5em; } dt { font-weight: bold; margin-top: .4em; } dd { margin-left: 1.5em; }
.minimum { font-size: 1.05em; background: #f4f6f8; padding: .5em .8em; border-left: 4px solid #2f6f9f; max-width: 60em; }
"""


def html_report(analysis: pd.DataFrame, *, curriculum: Curriculum, language: str, min_answers: int, as_of: str, heading: str = "") -> str:
    """A single self-contained HTML page (no script, nothing fetched): the minimum of answers, what each column means, the table."""
    labels = _labels(language)
    title = labels["heading"] + (f" · {heading}" if heading else "")
    parts = [f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">',
             f"<title>{html.escape(title)} {as_of}</title><style>{STYLE}</style></head><body>",
             f"<h1>{html.escape(title)} — {labels['as_of']} {as_of}</h1>",
             f'<p class="minimum">{html.escape(labels["minimum"].format(minimum=min_answers))}</p>',
             "<dl>" + "".join(f"<dt>{html.escape(h)}</dt><dd>{html.escape(t)}</dd>"
                              for h, t in notes(language=language, min_answers=min_answers)[:-1]) + "</dl>"]
    if analysis.empty:
        parts.append(f"<p>{html.escape(labels['none'])}</p>")
    else:
        people = for_people(analysis, curriculum=curriculum, language=language)
        digits = {labels["max_score"]: 0, labels["facility"]: 1, labels["sd"]: 2, labels["discrimination"]: 2, labels["n"]: 0}
        parts.append("<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in people.columns) + "</tr></thead><tbody>")
        for flags, (_, row) in zip(analysis.flag, people.iterrows()):
            kind = "few" if flags == TOO_FEW else "problem" if flags else "sound"
            cells = []
            for column, value in row.items():
                if column in digits:
                    cells.append(f'<td class="number">{_number(float(value), digits[column])}</td>')
                else:
                    kind_of_cell = {labels["item"]: "cell", labels["flag"]: "flag", labels["title"]: "title"}.get(column, "text")
                    cells.append(f'<td class="{kind_of_cell}">{html.escape(str(value))}</td>')
            parts.append(f'<tr class="{kind}">{"".join(cells)}</tr>')
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_workbook(analysis: pd.DataFrame, path: Path, *, curriculum: Curriculum, language: str, min_answers: int) -> Path:
    """The report as an Excel workbook: the table with a bold, filtered and frozen header, and a sheet of notes."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from .spreadsheet import keep_formulas_as_text

    labels = _labels(language)
    people = for_people(analysis, curriculum=curriculum, language=language)
    explained = pd.DataFrame(notes(language=language, min_answers=min_answers), columns=[labels["column"], labels["meaning"]])
    with pd.ExcelWriter(path, engine="openpyxl") as workbook:
        for name, frame in ((labels["sheet"], people), (labels["notes"], explained)):
            frame.to_excel(workbook, sheet_name=name, index=False)
            sheet = workbook.sheets[name]
            keep_formulas_as_text(sheet)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", start_color="EEF2F5")
            sheet.freeze_panes = "A2"
            for column in sheet.columns:
                longest = max(width(str(cell.value or "")) for cell in column)
                sheet.column_dimensions[column[0].column_letter].width = min(longest + 2, 60)
        table = workbook.sheets[labels["sheet"]]
        table.auto_filter.ref = table.dimensions
        notes_sheet = workbook.sheets[labels["notes"]]
        notes_sheet.column_dimensions["B"].width = 100
        for row in notes_sheet.iter_rows(min_row=2):
            row[1].alignment = Alignment(wrap_text=True, vertical="top")
    return path


def report(*, instance: Path, module: str | None = None, min_answers: int = MIN_ANSWERS, flagged: bool = False,
           format: str = "table", out: Path | None = None) -> str | Path:
    """The item analysis in `format`; returns the text of a table or CSV written nowhere, else the file written.

    A table or CSV goes to `out` when given; an HTML page or workbook goes to
    `out`, or by default to ``reports/trainers/items[-MODULE].html|xlsx`` in the instance.

    Raises:
        AcademyError: an unknown module or format, or a file that cannot be written.
    """
    if format not in FORMATS:
        raise AcademyError(f"unknown format {format!r}; the formats are: {', '.join(FORMATS)}")
    config, paths = load_config(instance)
    curriculum = load_curriculum(content_root(config))
    analysis = items(instance=instance, module=module, min_answers=min_answers, flagged=flagged)
    language = config.course.language
    if format in ("table", "csv"):
        text = (csv_safe(analysis).to_csv(index=False) if format == "csv"
                else text_report(analysis, curriculum=curriculum, language=language, min_answers=min_answers))
        if out is None:
            return text
        return _written(Path(out), lambda target: target.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8"))
    target = Path(out) if out is not None else paths.reports / "trainers" / f"items{'-' + module if module else ''}.{format}"
    if format == "html":
        heading = curriculum.module(module).title(language) if module else ""
        page = html_report(analysis, curriculum=curriculum, language=language, min_answers=min_answers,
                           as_of=today(config).isoformat(), heading=heading)
        return _written(target, lambda path: path.write_text(page, encoding="utf-8"))
    return _written(target, lambda path: write_workbook(analysis, path, curriculum=curriculum, language=language, min_answers=min_answers))


def _written(path: Path, write) -> Path:
    """`path` after `write(path)`, its folder made if need be; a folder or file that cannot be written is the user's error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)
    except OSError as exc:
        raise AcademyError(f"{path}: cannot write the report there ({exc.strerror})") from None
    return path
