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
import html

import pandas as pd
from IPython.display import HTML, display

from salesacademy.charts import Series, bar_chart
from salesacademy.config import ReviewSection
from salesacademy.report_data import HORIZON_DAYS, cohort, employee_report

# %%
LABELS = {
    "zh-CN": {
        "title": "员工培训报告",
        "employee": "员工", "employee_id": "工号", "branch": "支行", "role": "岗位", "manager": "直属上级",
        "period": "报告期", "as_of": "数据截至",
        "modules": "必修模块与案例",
        "module": "模块", "kind": "类型", "status": "状态", "score": "得分", "submitted": "提交时间", "due": "截止日期",
        "expires": "认证有效期至", "kinds": {"module": "课程", "case": "案例"},
        "comparison": "成绩对比：本人、本支行与全体平均",
        "me": "本人", "branch_mean": "本支行平均", "cohort_mean": "全体平均", "score_axis": "得分（%）",
        "competencies": "能力画像",
        "competency_note": "每项能力的得分为本人已评分模块中培养该能力的模块的平均成绩。",
        "competency": "能力", "module_count": "模块数", "pass_mark": "及格线",
        "missed": "失分题目", "item": "题目", "points": "得分 / 满分",
        "refreshers": "复习建议", "missed_in": "失分模块", "recommended": "建议", "revisit": "重学本模块",
        "cases": "相关案例",
        "attention": f"逾期与 {HORIZON_DAYS} 天内到期事项", "reason": "事项", "date": "日期",
        "reasons": {"overdue": "已逾期", "expired": "认证已过期", "due-soon": "即将截止", "expiring": "认证即将过期"},
        "attempts": "提交记录",
        "attempts_note": "nbgrader 只保留每个模块最近一次提交，下表列出现有的提交。",
        "training": "绩效考核中的培训得分",
        "formula": ("培训得分 = 按时通过权重 × 按时通过比例 × 100\n"
                    "         + 成绩权重 × 已评分模块平均成绩（%）\n"
                    "         − 逾期扣分 × 逾期模块数，取值限制在 0 至 100"),
        "terms": {"required": "必修模块数", "passed_on_time": "按时通过数", "on_time_share": "按时通过比例",
                  "mean_score": "已评分模块平均成绩", "overdue": "逾期模块数", "result": "培训得分"},
        "provisional": "括号中的得分为暂定分：书面回答尚待培训师评分。",
        "no_score": "暂无成绩", "none": "无。", "not_graded": "暂无已评分的模块。",
        "statuses": {"assigned": "已分配", "submitted": "已提交", "needs-manual-grading": "待人工评分", "passed": "通过",
                     "failed": "未通过", "overdue": "逾期", "expired": "已过期"},
    },
    "en": {
        "title": "Employee training report",
        "employee": "Employee", "employee_id": "Employee ID", "branch": "Branch", "role": "Role", "manager": "Manager",
        "period": "Period", "as_of": "Data as of",
        "modules": "Required modules and cases",
        "module": "Module", "kind": "Kind", "status": "Status", "score": "Score", "submitted": "Submitted", "due": "Due",
        "expires": "Certified until", "kinds": {"module": "Module", "case": "Case"},
        "comparison": "Scores against the branch and the cohort",
        "me": "Employee", "branch_mean": "Branch mean", "cohort_mean": "Cohort mean", "score_axis": "Score (%)",
        "competencies": "Competency profile",
        "competency_note": "Each competency's score is the mean of the employee's graded modules that build it.",
        "competency": "Competency", "module_count": "Modules", "pass_mark": "Pass mark",
        "missed": "Items missed", "item": "Item", "points": "Points / maximum",
        "refreshers": "Refresher recommendations", "missed_in": "Points missed in", "recommended": "Recommended",
        "revisit": "Revisit this module", "cases": "Cases that support it",
        "attention": f"Overdue, or due or expiring in the next {HORIZON_DAYS} days", "reason": "What", "date": "Date",
        "reasons": {"overdue": "Overdue", "expired": "Certification lapsed", "due-soon": "Due soon",
                    "expiring": "Certification lapses soon"},
        "attempts": "Attempt history",
        "attempts_note": "nbgrader keeps the latest submission of each module; these are the submissions it holds.",
        "training": "Training component of the performance review",
        "formula": ("training score = on-time weight × share of required modules passed on time × 100\n"
                    "               + score weight × mean score of graded modules (%)\n"
                    "               − overdue penalty × number of overdue modules, clipped to 0..100"),
        "terms": {"required": "Required modules", "passed_on_time": "Passed on time", "on_time_share": "Share passed on time",
                  "mean_score": "Mean score of graded modules", "overdue": "Overdue modules", "result": "Training score"},
        "provisional": "A score in brackets is provisional: a trainer has still to grade the written answers.",
        "no_score": "no score yet", "none": "None.", "not_graded": "No graded module yet.",
        "statuses": {"assigned": "Assigned", "submitted": "Submitted", "needs-manual-grading": "Awaiting manual grading",
                     "passed": "Passed", "failed": "Failed", "overdue": "Overdue", "expired": "Expired"},
    },
}
T = LABELS[language]
PASS_COLOR, FAIL_COLOR, GREY = "#2e7d32", "#c62828", "#9e9e9e"


def percent(value) -> str:
    return "—" if pd.isna(value) else f"{value * 100:.1f}%"


def day(value) -> str:
    return "—" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def minute(value) -> str:
    return "—" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


# Each section is one HTML block, so a printed heading stays on the page of what it heads;
# a section with a chart is kept on one page whole.
def section(title: str, *parts: str, level: int = 2, keep: bool = False) -> None:
    keep_class = ' class="keep"' if keep else ""
    display(HTML(f"<section{keep_class}><h{level}>{html.escape(title)}</h{level}>{''.join(parts)}</section>"))


def note(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def table(frame: pd.DataFrame, header: bool = True, prose: bool = False) -> str:
    """`frame` as a plain table, or a note that there is nothing to show; only prose tables wrap every column."""
    if frame.empty:
        return note(T["none"])
    classes = "report-table prose" if prose else "report-table"
    return frame.to_html(index=False, header=header, border=0, justify="left", classes=classes, na_rep="—")


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
    (T["as_of"], as_of),
]), header=False), level=1)

# %%
modules = report.modules
pending = modules.status == "needs-manual-grading"
section(T["modules"], table(pd.DataFrame({
    T["module"]: modules.title,
    T["kind"]: modules.kind.map(T["kinds"]),
    T["status"]: modules.status.map(T["statuses"]),
    T["score"]: [f"({percent(p)})" if waiting else percent(p) for p, waiting in zip(modules.percent, pending)],
    T["submitted"]: modules.submitted_at.map(minute),
    T["due"]: modules.due_on.map(day),
    T["expires"]: modules.expires_on.map(day),
})), note(T["provisional"]) if pending.any() else "")

# %%
comparison = report.comparison
if comparison[["employee", "branch_mean", "cohort_mean"]].isna().all().all():
    section(T["comparison"], note(T["not_graded"]))
else:
    section(T["comparison"], bar_chart(comparison.title, [
        Series(T["me"], values(comparison.employee), "#1565c0"),
        Series(T["branch_mean"], values(comparison.branch_mean), "#90caf9", labelled=False),
        Series(T["cohort_mean"], values(comparison.cohort_mean), GREY, labelled=False),
    ], axis=T["score_axis"], missing=T["no_score"]), keep=True)

# %%
profile = report.competencies
if profile.empty:
    section(T["competencies"], note(T["not_graded"]))
else:
    pass_mark = curriculum.defaults.pass_mark
    colors = [PASS_COLOR if p >= pass_mark else FAIL_COLOR for p in profile.percent]
    section(T["competencies"], note(T["competency_note"]),
            bar_chart(profile.title, [Series(T["competency"], values(profile.percent), colors)],
                      axis=T["score_axis"], missing=T["no_score"], marker=(T["pass_mark"], pass_mark)), keep=True)

# %%
missed = report.missed
section(T["missed"], table(pd.DataFrame({
    T["module"]: missed.title,
    T["item"]: missed.item,
    T["points"]: [f"{s:g} / {m:g}" for s, m in zip(missed.score, missed.max_score)],
})))
refreshers = report.refreshers
cases = refreshers[refreshers.refresher_kind == "case"].groupby("module_id").refresher_title.agg("; ".join)
revisit = refreshers[refreshers.refresher_kind == "module"]
section(T["refreshers"], table(pd.DataFrame({
    T["missed_in"]: revisit.title,
    T["recommended"]: T["revisit"],
    T["cases"]: revisit.module_id.map(cases).fillna("—"),
}), prose=True), level=3)

# %%
attention = report.attention
section(T["attention"], table(pd.DataFrame({
    T["module"]: attention.title,
    T["reason"]: attention.reason.map(T["reasons"]),
    T["status"]: attention.status.map(T["statuses"]),
    T["date"]: attention.date.map(day),
})))

# %%
attempts = report.attempts
section(T["attempts"], note(T["attempts_note"]),
        table(pd.DataFrame({T["module"]: attempts.title, T["submitted"]: attempts.submitted_at.map(minute)})))

# %%
score = report.training_score
weights = score.review
terms = T["terms"]
worked = (f"= {weights.on_time_weight:g} × {score.on_time_share:.3f} × 100 + {weights.score_weight:g} × {score.mean_score_pct:.1f}"
          f" − {weights.overdue_penalty:g} × {score.overdue}\n"
          f"= {score.on_time_points:.1f} + {score.score_points:.1f} − {score.overdue_points:.1f} → {score.value:.1f}")
section(T["training"], table(pd.DataFrame([
    (terms["required"], f"{score.required}"),
    (terms["passed_on_time"], f"{score.passed_on_time}"),
    (terms["on_time_share"], f"{score.passed_on_time} / {score.required} = {score.on_time_share * 100:.1f}%"),
    (terms["mean_score"], f"{score.mean_score_pct:.1f}%"),
    (terms["overdue"], f"{score.overdue}"),
    (terms["result"], f"{score.value:.1f}"),
]), header=False), f"<pre>{html.escape(T['formula'])}\n\n{html.escape(worked)}</pre>")
