"""Tables for the terminal: columns aligned by display width, so that Chinese text lines up.

A terminal gives a Chinese character (East Asian "wide" or "fullwidth") two
columns and a Latin letter one; pandas' ``to_string`` counts characters, so
its columns drift apart as soon as a name is Chinese. `aligned` pads every
cell to the display width of its column instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .curriculum import Curriculum

#: Spaces between two columns.
GAP = "  "


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide and fullwidth characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shortened(text: str, limit: int) -> str:
    """`text` cut with "…" to `limit` terminal columns."""
    if width(text) <= limit:
        return text
    while width(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """`header` and `rows` as lines of equal columns; the columns whose index is in `right` are right-aligned (numbers)."""
    lines = [list(header), *(list(row) for row in rows)]
    widths = [max(width(line[i]) for line in lines) for i in range(len(header))]

    def padded(cell: str, column: int) -> str:
        space = " " * (widths[column] - width(cell))
        return space + cell if column in right else cell + space

    return "\n".join(GAP.join(padded(cell, i) for i, cell in enumerate(line)).rstrip() for line in lines)


# `academy status` --------------------------------------------------------------------------

#: Order of the statuses in the totals line: outcomes first, then work still open.
TOTALS_ORDER = ("passed", "passed-late", "failed", "overdue", "needs-manual-grading", "submitted", "assigned", "expired")
#: Shown in the totals even at 0: the work waiting for a trainer is never left out of a headline.
ALWAYS_COUNTED = ("needs-manual-grading",)
PHRASES = {
    "zh-CN": {"total": "合计 {rows} 项，{employees} 名员工", "nobody": "没有已分配模块的员工符合条件", "pass_rate": "通过率（%）",
              "pass_rates": "各模块通过率"},
    "en": {"total": "Total: {rows} module(s) of {employees} employee(s)", "nobody": "no enrolled employees match",
           "pass_rate": "Pass rate (%)", "pass_rates": "Pass rates by module"},
}
#: Longest module title shown, in terminal columns.
MODULE_WIDTH = 40
STATUS_COLUMNS = ["employee_id", "name", "branch", "role", "title", "due_on", "submitted_at", "percent", "status"]


def status_report(table: pd.DataFrame, *, curriculum: Curriculum, language: str) -> str:
    """A status table (`status.status`) as people read it: headings, roles, modules and statuses in `language`,
    submission times to the minute, and totals by status under it.

    Args:
        table: rows as `status.status` returns them; `submitted_at` is already in the course time zone.
        curriculum: for role and module titles.
        language: the course language.
    """
    import pandas as pd

    from .labels import COLUMN, STATUS, display_status, language_of, problem_text, status_labels

    words = PHRASES[language_of(language)]
    if table.empty:
        return words["nobody"]
    shown = display_status(table.status, table.on_time)
    columns = STATUS_COLUMNS + (["problem"] if table.problem.ne("").any() else [])  # what the last grading run could not do
    roles = {role: title(language) for role, title in curriculum.roles.items()}
    titles = {module.id: module.title(language) for module in curriculum.modules}
    cells = {
        "employee_id": table.employee_id,
        "name": table["name"],
        "branch": table.branch,
        "role": table.role.map(lambda role: roles.get(role, role)),
        "title": table.module_id.map(lambda module_id: shortened(titles.get(module_id, module_id), MODULE_WIDTH)),
        "due_on": table.due_on.map(lambda day: day.strftime("%Y-%m-%d")),
        "submitted_at": table.submitted_at.map(lambda moment: "-" if pd.isna(moment) else moment.strftime("%Y-%m-%d %H:%M")),
        "percent": table.percent.map(lambda share: "-" if pd.isna(share) else f"{100 * share:.1f}"),
        "status": status_labels(shown, language),
        "problem": table.problem.map(lambda problem: problem_text(problem, language)),
    }
    headings = COLUMN[language_of(language)]
    rows = list(zip(*(cells[column].astype(str) for column in columns)))
    counts = shown.value_counts()
    labels = STATUS[language_of(language)]
    totals = [f"{labels[status]} {int(counts.get(status, 0))}" for status in TOTALS_ORDER
              if counts.get(status, 0) or status in ALWAYS_COUNTED]
    return "\n".join([
        aligned([headings[column] for column in columns], rows, right=[columns.index("percent")]),
        "",
        words["total"].format(rows=len(table), employees=table.employee_id.nunique()),
        " · ".join(totals),
    ])


# `academy demo` ----------------------------------------------------------------------------


def pass_rates_report(pass_rates: pd.DataFrame, *, curriculum: Curriculum, language: str) -> str:
    """`demo.pass_rates` as people read it: module titles, headings and statuses in `language`, counts right-aligned."""
    import pandas as pd

    from .labels import COLUMN, STATUS, language_of

    words, headings, statuses = PHRASES[language_of(language)], COLUMN[language_of(language)], STATUS[language_of(language)]
    titles = {module.id: module.title(language) for module in curriculum.modules}
    counted = [column for column in pass_rates.columns if column not in ("pass_rate", "mean_score_pct")]
    header = [headings["title"], *(headings.get(c) or statuses.get(c, c) for c in counted), words["pass_rate"], headings["mean_score_pct"]]
    rows = [[shortened(titles.get(module_id, module_id), MODULE_WIDTH), *(str(int(rates[c])) for c in counted),
             f"{100 * rates.pass_rate:.1f}", "-" if pd.isna(rates.mean_score_pct) else f"{rates.mean_score_pct:.1f}"]
            for module_id, rates in pass_rates.iterrows()]
    return words["pass_rates"] + "\n" + aligned(header, rows, right=range(1, len(header)))
