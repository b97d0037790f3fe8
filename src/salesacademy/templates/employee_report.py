# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # Training report of one employee
#
# `academy report` runs this notebook with papermill once per employee and
# publishes its outputs only: code, these notes and the parameters are left
# out. Every figure comes from `salesacademy.report_data.employee_report`;
# the cells below only format it, with labels in the report's language.

# %% tags=["parameters"]
employee_id = "E10001"
as_of = "2025-06-30"
gradebook_url = "sqlite:///gradebook.db"
timezone = "Asia/Shanghai"
language = "zh-CN"
content = "."
period = "2025-06-30"
review = {"on_time_weight": 0.5, "score_weight": 0.5, "overdue_penalty": 10.0}

# %%
import datetime as dt
import html

import pandas as pd
from IPython.display import HTML, display

from salesacademy.charts import Series, bar_chart
from salesacademy.config import ReviewSection
from salesacademy.labels import STATUS, language_of, zone_label
from salesacademy.report_data import HORIZON_DAYS, cohort, employee_report

# %%
LABELS = {
    "zh-CN": {
        "title": "员工培训报告",
        "employee": "员工", "employee_id": "工号", "branch": "支行", "role": "岗位", "manager": "直属上级",
        "period": "报告期", "as_of": "数据截至", "times": "{as_of}，时间均为{timezone}",
        "figures": "要点",
        "figure": {"required": "必修", "passed": "已通过", "passed_late": "其中逾期提交", "failed": "未通过",
                   "overdue": "逾期未提交", "awaiting_trainer": "待培训师评分", "awaiting_grading": "已提交，待评分",
                   "not_started": "未开始", "expired": "认证已过期", "training_score": "培训得分"},
        "modules": "必修模块与案例",
        "module": "模块", "kind": "类型", "status": "状态", "score": "得分", "submitted": "提交时间", "due": "截止日期",
        "expires": "认证有效期至", "kinds": {"module": "课程", "case": "案例"},
        "provisional": "括号中的得分为暂定分：书面回答尚待培训师评分。",
        "actions": "待办与复习建议",
        "actions_note": f"需要本人处理的事项：未通过、逾期未提交、认证已过期或将在 {HORIZON_DAYS} 天内过期、将在 {HORIZON_DAYS} 天内截止的模块，以及已通过但有失分的模块。",
        "reason": "事项", "date": "日期", "advice": "建议",
        "reasons": {"failed": "未通过，需重修", "overdue": "逾期未提交", "expired": "认证已过期", "expiring": "认证即将过期",
                    "due-soon": "即将截止", "review": "已通过，有失分"},
        "advise": {
            "failed-open": "重修本模块，并在 {date} 前重新提交。",
            "failed-late": "重修本模块并尽快重新提交（截止日期 {date} 已过）。",
            "overdue": "请尽快完成并提交（截止日期 {date} 已过）。",
            "expired": "请重修本模块以恢复认证（认证已于 {date} 过期）。",
            "expiring": "请在 {date} 前重新认证。",
            "due-soon": "请在 {date} 前完成并提交。",
            "review": "",
            "competencies": "重点巩固：{items}。", "questions": "失分题目：{items}（见下表）。", "cases": "相关案例：{items}。",
            "review-questions": "可复习失分的{items}（见下表）。",
        },
        "sep": "、", "join": "",
        "missed": "失分题目", "number": "题号", "question": "题目", "points": "得分 / 满分",
        "number_format": "第 {n} 题", "numbers_format": "第 {ns} 题", "numbers_format_one": "第 {ns} 题",
        "unknown_question": "本模块的一道题",
        "comparison": "成绩对比：本人、本支行与全体平均",
        "me": "本人", "branch_mean": "本支行平均", "cohort_mean": "全体平均", "score_axis": "得分（%）",
        "competencies": "能力画像",
        "competency_note": "每项能力的得分为本人已评分模块中培养该能力的模块的平均成绩。",
        "competency": "能力", "pass_mark": "及格线",
        "attempts": "提交记录",
        "attempts_note": "nbgrader 只保留每个模块最近一次提交，下表列出现有的提交。",
        "training": "绩效考核中的培训得分",
        "training_note": "与人力资源部绩效考核数据中的培训得分相同。",
        "feed": {"modules_required": "必修模块数", "modules_counted": "计入得分的模块数", "completed": "已通过（未过期）",
                 "completed_on_time": "按时通过", "failed": "未通过", "overdue": "逾期未提交",
                 "awaiting_grading": "等待评分（不计入得分）", "mean_score": "已评分模块平均成绩（%）", "training_score": "培训得分"},
        "formula": ("培训得分 = {on_time_weight:g} × 计入模块中按时通过的比例 × 100\n"
                    "         + {score_weight:g} × 计入模块的平均成绩（%，逾期未提交的模块按 0 分计）\n"),
        "penalty": "         − {overdue_penalty:g} × 逾期未提交的模块数\n",
        "counted": ("取值限制在 0 至 100。计入的是结果已确定的模块：已通过、认证已过期、未通过、逾期未提交；\n"
                    "等待评分和尚未到期的模块不计入。"),
        "no_score": "暂无成绩", "none": "无。", "not_graded": "暂无已评分的模块。", "nothing_to_do": "暂无需要处理的事项。",
    },
    "en": {
        "title": "Employee training report",
        "employee": "Employee", "employee_id": "Employee ID", "branch": "Branch", "role": "Role", "manager": "Manager",
        "period": "Period", "as_of": "Data as of", "times": "{as_of}; times in {timezone}",
        "figures": "Key figures",
        "figure": {"required": "Required", "passed": "Passed", "passed_late": "of which late", "failed": "Failed",
                   "overdue": "Overdue, not submitted", "awaiting_trainer": "Awaiting a trainer",
                   "awaiting_grading": "Submitted, awaiting grading", "not_started": "Not started", "expired": "Certification lapsed",
                   "training_score": "Training score"},
        "modules": "Required modules and cases",
        "module": "Module", "kind": "Kind", "status": "Status", "score": "Score", "submitted": "Submitted", "due": "Due",
        "expires": "Certified until", "kinds": {"module": "Module", "case": "Case"},
        "provisional": "A score in brackets is provisional: a trainer has still to grade the written answers.",
        "actions": "What to do, and what to review",
        "actions_note": f"Modules that need the employee: failed, overdue, certification lapsed or lapsing within {HORIZON_DAYS} days, "
                        f"due within {HORIZON_DAYS} days, and passes with points lost.",
        "reason": "What", "date": "Date", "advice": "Advice",
        "reasons": {"failed": "Failed: retake", "overdue": "Overdue, not submitted", "expired": "Certification lapsed",
                    "expiring": "Certification lapses soon", "due-soon": "Due soon", "review": "Passed, points lost"},
        "advise": {
            "failed-open": "Retake the module and resubmit it by {date}.",
            "failed-late": "Retake the module and resubmit it as soon as possible (it was due on {date}).",
            "overdue": "Complete and submit it as soon as possible (it was due on {date}).",
            "expired": "Retake the module to recertify (the certification lapsed on {date}).",
            "expiring": "Recertify by {date}.",
            "due-soon": "Complete and submit it by {date}.",
            "review": "",
            "competencies": "Focus on: {items}.", "questions": "Points lost in {items} (see below).", "cases": "Cases that support it: {items}.",
            "review-questions": "Worth a second look: {items}, where points were lost (see below).",
        },
        "sep": ", ", "join": " ",
        "missed": "Points lost", "number": "No.", "question": "Question", "points": "Points / maximum",
        "number_format": "Q{n}", "numbers_format": "questions {ns}", "numbers_format_one": "question {ns}",
        "unknown_question": "a question of this module",
        "comparison": "Scores against the branch and the cohort",
        "me": "Employee", "branch_mean": "Branch mean", "cohort_mean": "Cohort mean", "score_axis": "Score (%)",
        "competencies": "Competency profile",
        "competency_note": "Each competency's score is the mean of the employee's graded modules that build it.",
        "competency": "Competency", "pass_mark": "Pass mark",
        "attempts": "Attempt history",
        "attempts_note": "nbgrader keeps the latest submission of each module; these are the submissions it holds.",
        "training": "Training component of the performance review",
        "training_note": "The same training score as in the performance-review feed HR receives.",
        "feed": {"modules_required": "Required modules", "modules_counted": "Modules counted", "completed": "Passed (not lapsed)",
                 "completed_on_time": "Passed on time", "failed": "Failed", "overdue": "Overdue, not submitted",
                 "awaiting_grading": "Awaiting grading (not counted)", "mean_score": "Mean score of graded modules (%)",
                 "training_score": "Training score"},
        "formula": ("training score = {on_time_weight:g} × share of counted modules passed on time × 100\n"
                    "               + {score_weight:g} × mean score of counted modules (%, an overdue module counting 0)\n"),
        "penalty": "               − {overdue_penalty:g} × number of overdue modules\n",
        "counted": ("clipped to 0..100. Counted are the modules with a settled result: passed, lapsed, failed, or overdue\n"
                    "with nothing submitted; modules awaiting grading and modules not yet due are not counted."),
        "no_score": "no score yet", "none": "None.", "not_graded": "No graded module yet.", "nothing_to_do": "Nothing to do.",
    },
}
T = LABELS[language_of(language)]
STATUSES = STATUS[language_of(language)]
PASS_COLOR, FAIL_COLOR, GREY = "#2e7d32", "#c62828", "#9e9e9e"


def percent(value) -> str:
    return "—" if pd.isna(value) else f"{value * 100:.1f}%"


def day(value) -> str:
    return "—" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def minute(value) -> str:
    return "—" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def listed(items) -> str:
    return T["sep"].join(str(item) for item in items)


# Each section is one HTML block whose heading the print style keeps with what follows it.
def section(title: str, *parts: str, level: int = 2, name: str = "") -> None:
    display(HTML(f'<section class="{name}"><h{level}>{html.escape(title)}</h{level}>{"".join(parts)}</section>'))


def note(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def table(frame: pd.DataFrame, header: bool = True, name: str = "") -> str:
    """`frame` as a plain table, or a note that there is nothing to show; `name` is its class, for the columns that wrap."""
    if frame.empty:
        return note(T["none"])
    return frame.to_html(index=False, header=header, border=0, justify="left", classes=f"report-table {name}".strip(), na_rep="—")


def values(column: pd.Series) -> list:
    """A column of fractions for `bar_chart`, None where there is none."""
    return [None if pd.isna(value) else float(value) for value in column]


# %%
data = cohort(gradebook_url, timezone, content, as_of)  # already added up when run by `academy report`
curriculum = data.curriculum
report = employee_report(data, employee_id, review=ReviewSection(**review), language=language)

# %%
section(f"{T['title']}: {report.name}", table(pd.DataFrame([
    (T["employee"], report.name), (T["employee_id"], report.employee_id), (T["branch"], report.branch),
    (T["role"], report.role_title), (T["manager"], report.manager_name or "—"), (T["period"], period),
    (T["as_of"], T["times"].format(as_of=as_of, timezone=zone_label(timezone, language, dt.date.fromisoformat(as_of)))),
]), header=False), level=1)

# %%
figures = report.key_figures
score = report.review.get("training_score")
late = f'<small>{html.escape(T["figure"]["passed_late"])} {figures.passed_late}</small>'
shown = [("required", figures.required, ""), ("passed", figures.passed, late), ("failed", figures.failed, ""),
         ("overdue", figures.overdue, ""), ("awaiting_trainer", figures.awaiting_trainer, ""),
         ("awaiting_grading", figures.awaiting_grading, ""), ("not_started", figures.not_started, ""), ("expired", figures.expired, ""),
         ("training_score", "—" if score is None or pd.isna(score) else f"{score:.1f}", "")]
section(T["figures"], '<dl class="figures">' + "".join(
    f'<div class="figure {key}"><dt>{html.escape(T["figure"][key])}</dt><dd>{value}{extra}</dd></div>' for key, value, extra in shown
) + "</dl>", name="headline")

# %%
modules = report.modules
pending = modules.status == "needs-manual-grading"
section(T["modules"], table(pd.DataFrame({
    T["module"]: modules.title,
    T["kind"]: modules.kind.map(T["kinds"]),
    T["status"]: modules.display_status.map(STATUSES),
    T["score"]: [f"({percent(p)})" if waiting else percent(p) for p, waiting in zip(modules.percent, pending)],
    T["submitted"]: modules.submitted_at.map(minute),
    T["due"]: modules.due_on.map(day),
    T["expires"]: modules.expires_on.map(day),
}), name="modules"), note(T["provisional"]) if pending.any() else "")


# %%
def advice(row) -> str:
    """What the employee should do about one module of `report.actions`, in words."""
    words = T["advise"]
    key = row.reason
    if key == "failed":
        key = "failed-open" if row.date >= pd.Timestamp(as_of) else "failed-late"
    parts = [words[key].format(date=day(row.date))] if words[key] else []
    if row.competencies:
        parts.append(words["competencies"].format(items=listed(row.competencies)))
    if row.questions:
        numbers = T["numbers_format_one" if len(row.questions) == 1 else "numbers_format"].format(ns=listed(row.questions))
        parts.append(words["review-questions" if row.reason == "review" else "questions"].format(items=numbers))
    if row.cases:
        parts.append(words["cases"].format(items=listed(row.cases)))
    return T["join"].join(parts)


actions = report.actions
section(T["actions"], note(T["actions_note"]), table(pd.DataFrame({
    T["module"]: actions.title,
    T["reason"]: actions.reason.map(T["reasons"]),
    T["date"]: actions.date.map(day),
    T["advice"]: [advice(row) for row in actions.itertuples()],
}), name="actions") if len(actions) else note(T["nothing_to_do"]))

# %%
missed = report.missed
section(T["missed"], table(pd.DataFrame({
    T["module"]: missed.title,
    T["number"]: ["—" if pd.isna(n) else T["number_format"].format(n=int(n)) for n in missed.number],
    T["question"]: [q or T["unknown_question"] for q in missed.question],
    T["points"]: [f"{s:g} / {m:g}" for s, m in zip(missed.score, missed.max_score)],
}), name="missed"))

# %%
comparison = report.comparison
if comparison[["employee", "branch_mean", "cohort_mean"]].isna().all().all():
    section(T["comparison"], note(T["not_graded"]))
else:
    section(T["comparison"], bar_chart(comparison.title, [
        Series(T["me"], values(comparison.employee), "#1565c0"),
        Series(T["branch_mean"], values(comparison.branch_mean), "#90caf9", labelled=False),
        Series(T["cohort_mean"], values(comparison.cohort_mean), GREY, labelled=False),
    ], axis=T["score_axis"], missing=T["no_score"]))

# %%
profile = report.competencies
if profile.empty:
    section(T["competencies"], note(T["not_graded"]))
else:
    pass_mark = curriculum.defaults.pass_mark
    colors = [PASS_COLOR if p >= pass_mark else FAIL_COLOR for p in profile.percent]
    section(T["competencies"], note(T["competency_note"]),
            bar_chart(profile.title, [Series(T["competency"], values(profile.percent), colors)],
                      axis=T["score_axis"], missing=T["no_score"], marker=(T["pass_mark"], pass_mark)))

# %%
feed = report.review


def feed_value(field: str) -> str:
    value = feed[field]
    if pd.isna(value):
        return "—"
    return f"{value:.1f}" if field in ("mean_score", "training_score") else f"{int(value)}"


# The formula as `review.formula` states it, in the report's language; a penalty of 0 is left out.
formula = T["formula"] + (T["penalty"] if review["overdue_penalty"] else "") + T["counted"]
section(T["training"], note(T["training_note"]), table(pd.DataFrame(
    [(label, feed_value(field)) for field, label in T["feed"].items() if field in feed],
), header=False), f"<pre>{html.escape(formula.format(**review))}</pre>")

# %%
attempts = report.attempts
section(T["attempts"], note(T["attempts_note"]),
        table(pd.DataFrame({T["module"]: attempts.title, T["submitted"]: attempts.submitted_at.map(minute)})))
