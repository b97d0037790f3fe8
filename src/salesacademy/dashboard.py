"""The HR dashboard: one self-contained HTML page of key figures, charts and tables.

HR opens it from a shared folder or an e-mail, often without internet
access, so nothing is fetched: styles are inline, charts are PNG images
embedded as base64, and there is no script. Headings and chart labels are in
the instance's language; Chinese needs a CJK font (`charts.use_cjk_font`).
"""

from __future__ import annotations

import base64
import html
import inspect
import io
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .hr import Report
from .labels import COLUMN, SHEET, language_of

#: Rows a table shows on the page. Lists come most urgent first (longest overdue, lowest score), and a page of
#: 100,000 rows is one no browser opens: the workbook and the CSV files hold every row.
PAGE_ROWS = 1000
#: Columns of codes, kept in the workbook and the CSV files for other systems; HR reads the role and module beside them.
CODE_COLUMNS = ("role_id", "module_id")
#: Up to this many scores a module, the score chart draws each employee as a dot over the box; more would be a smear.
DOTS_UP_TO = 300

LABELS = {
    "en": {"title": "Training completion", "as_of": "as of", "enrolled": "enrolled", "completed": "completed",
           "failed": "failed", "overdue": "overdue, not submitted", "awaiting": "awaiting grading",
           "by_branch": "Completion by branch", "completed_pct": "completed (%)",
           "trend": "Overdue modules, last {weeks} weeks", "scores": "Scores by module", "score_pct": "score (%)",
           "no_data": "no data yet", "none": "none",
           "first_rows": "The first {shown:,} of {total:,} rows. The workbook and the CSV files have them all."},
    "zh-CN": {"title": "培训完成情况", "as_of": "截至", "enrolled": "应修", "completed": "已完成",
              "failed": "未通过", "overdue": "逾期未提交", "awaiting": "待评分",
              "by_branch": "各支行完成率", "completed_pct": "完成率（%）",
              "trend": "逾期未提交模块数（近{weeks}周）", "scores": "各模块得分分布", "score_pct": "得分（%）",
              "no_data": "暂无数据", "none": "无",
              "first_rows": "仅显示前 {shown:,} 行，共 {total:,} 行；完整名单见 Excel 工作簿和 CSV 文件。"},
}


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _no_data(axes, labels: Mapping[str, str]) -> None:
    axes.text(0.5, 0.5, labels["no_data"], ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()


def _charts(report: Report, labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """(title, base64 PNG) of each chart of the dashboard."""
    from matplotlib.figure import Figure  # heavy import, only when a dashboard is drawn

    from .charts import use_cjk_font

    use_cjk_font()
    by_branch = report.tables["Summary"].groupby("branch")[["completed", "enrolled"]].sum()
    completion = (100 * by_branch.completed / by_branch.enrolled).sort_values()
    figure = Figure(figsize=(7, 0.5 * len(completion) + 1.2))
    axes = figure.subplots()
    if completion.empty:
        _no_data(axes, labels)
    else:
        bars = axes.barh(completion.index, completion.values, color="#2f6f9f")
        axes.bar_label(bars, fmt="%.0f%%", padding=3)
        axes.set_xlim(0, 110)
        axes.set_xlabel(labels["completed_pct"])
    charts = [(labels["by_branch"], _png(figure))]

    figure = Figure(figsize=(7, 3))
    axes = figure.subplots()
    axes.plot([day.strftime("%m-%d") for day in report.trend.as_of], report.trend.overdue, marker="o", color="#b5452b")
    axes.set_ylim(0, max(report.trend.overdue.max(), 1) * 1.15)  # a flat zero line sits on the axis, not mid-air
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.yaxis.set_major_formatter(lambda count, _position: _grouped(int(count)))
    axes.grid(axis="y", alpha=0.3)
    charts.append((labels["trend"].format(weeks=len(report.trend)), _png(figure)))

    modules = sorted(set(report.scores.module_id), reverse=True)  # the first module on top
    rng = np.random.default_rng(0)  # the same jitter every time: a report does not change unless its data do
    figure = Figure(figsize=(7, 0.45 * len(modules) + 1.2))
    axes = figure.subplots()
    if modules:
        groups = [report.scores.score_pct[report.scores.module_id == m] for m in modules]
        # Matplotlib 3.10 replaced `vert=False` with `orientation`; the project supports both.
        sideways = {"orientation": "horizontal"} if "orientation" in inspect.signature(axes.boxplot).parameters else {"vert": False}
        axes.boxplot(groups, showfliers=False, **sideways)
        for position, group in enumerate(groups, start=1):
            if len(group) > DOTS_UP_TO:
                continue
            axes.scatter(group, position + rng.uniform(-0.15, 0.15, len(group)), s=12, alpha=0.6, color="#2f6f9f", zorder=3)
        titles = report.scores.drop_duplicates("module_id").set_index("module_id").title
        axes.set_yticks(range(1, len(modules) + 1), [titles[m] or m for m in modules])
        axes.set_xlim(-5, 105)
        axes.set_xlabel(labels["score_pct"])
    else:
        _no_data(axes, labels)
    charts.append((labels["scores"], _png(figure)))
    return charts


STYLE = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
.figures { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: .3em; }
.scroll { overflow-x: auto; } table { border-collapse: collapse; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; white-space: nowrap; } th { background: #eef2f5; }
.figures-line { font-size: 1.1em; }
"""


def _grouped(count) -> str:
    """A count with its thousands grouped, as HR reads numbers in Excel: 12,000."""
    return "" if pd.isna(count) else f"{count:,}"


def dashboard_html(*, report: Report, tables: Mapping[str, pd.DataFrame], language: str, heading: str = "") -> str:
    """A single self-contained HTML page: key figures, charts as embedded PNG, and every table, up to `PAGE_ROWS` rows each
    and without its `CODE_COLUMNS`.

    `tables` are the report's tables as people read them (`hr.presented`), in the report's order.
    """
    labels = LABELS[language_of(language)]
    sheets = SHEET[language_of(language)]
    codes = [COLUMN[language_of(language)][column] for column in CODE_COLUMNS]
    totals = report.tables["Summary"][["enrolled", "completed", "failed", "overdue", "awaiting_grading"]].sum()
    enrolled, completed = int(totals.enrolled), int(totals.completed)
    figures = (f"{labels['enrolled']} {enrolled:,} · {labels['completed']} {completed:,}"
               f" ({100 * completed / enrolled if enrolled else 0:.0f}%) · {labels['failed']} {int(totals.failed):,}"
               f" · {labels['overdue']} {int(totals.overdue):,} · {labels['awaiting']} {int(totals.awaiting_grading):,}")
    parts = [f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">',
             f"<title>{html.escape(labels['title'])} {report.as_of}</title><style>{STYLE}</style></head><body>",
             f"<h1>{html.escape(labels['title'] + (f' · {heading}' if heading else ''))} — {labels['as_of']} {report.as_of}</h1>",
             f'<p class="figures-line">{html.escape(figures)}</p><div class="figures">']
    for title, png in _charts(report, labels):
        parts.append(f'<figure><figcaption>{html.escape(title)}</figcaption><img alt="{html.escape(title)}" src="data:image/png;base64,{png}"></figure>')
    parts.append("</div>")
    for name, frame in tables.items():
        parts.append(f"<h2>{html.escape(sheets[name])}</h2>")
        if len(frame) > PAGE_ROWS:
            parts.append(f'<p class="first-rows">{html.escape(labels["first_rows"].format(shown=PAGE_ROWS, total=len(frame)))}</p>')
        frame = frame.head(PAGE_ROWS).drop(columns=codes, errors="ignore")
        counts = {column: _grouped for column in frame.columns if pd.api.types.is_integer_dtype(frame[column])}
        table = (frame.to_html(index=False, na_rep="", border=0, formatters=counts) if not frame.empty
                 else f"<p>{html.escape(labels['none'])}</p>")
        parts.append(f'<div class="scroll">{table}</div>')
    parts.append("</body></html>\n")
    return "\n".join(parts)
