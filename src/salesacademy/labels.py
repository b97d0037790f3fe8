"""What trainers and HR read: statuses, column headings and sheet names in the course language.

The gradebook and the files other systems read keep the raw ids (``overdue``,
``branch_manager``, ``03-suitability``); every table a person reads shows these
labels instead, with the raw ids kept in their own columns where a system may
need them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import pandas as pd

LANGUAGES = ("zh-CN", "en")

#: Each status of `status.STATUSES` as trainers and HR read it. A pass submitted after its due day is
#: shown as ``passed-late``, a display status of its own.
STATUS = {
    "zh-CN": {"assigned": "未开始", "submitted": "已提交，待评分", "needs-manual-grading": "待培训师评分", "passed": "已通过",
              "passed-late": "已通过（逾期提交）", "failed": "未通过", "overdue": "逾期未提交", "expired": "认证已过期",
              "not-required": "无需修读"},
    "en": {"assigned": "Not started", "submitted": "Submitted, awaiting grading", "needs-manual-grading": "Awaiting a trainer",
           "passed": "Passed", "passed-late": "Passed late", "failed": "Failed", "overdue": "Overdue, not submitted",
           "expired": "Certification lapsed", "not-required": "Not required"},
}

#: Column headings of the tables people read, by the raw column name.
COLUMN = {
    "zh-CN": {
        "employee_id": "员工编号", "name": "姓名", "branch": "支行", "role": "岗位", "role_id": "岗位代码", "department": "部门",
        "module_id": "模块代码", "title": "模块", "assigned_on": "分配日期", "due_on": "截止日期", "submitted_at": "提交时间",
        "score": "得分", "max_score": "满分", "percent": "得分率（%）", "status": "状态", "status_id": "状态代码",
        "on_time": "按时", "expires_on": "认证到期日", "problem": "评分问题",
        "enrolled": "应修人数", "completed": "已完成", "completion_pct": "完成率（%）", "mean_score_pct": "平均得分率（%）",
        "failed": "未通过", "overdue": "逾期未提交", "awaiting_grading": "待评分", "days_overdue": "逾期天数",
        "manager_id": "上级编号", "manager_name": "上级姓名", "passed_on": "通过日期", "days_left": "剩余天数",
        "total": "合计", "count": "人次",
        "changed_at": "时间", "assignment": "模块版本", "item": "题目", "field": "字段", "change": "变更", "source": "来源",
        "grader": "评分人", "reason": "原因",
    },
    "en": {
        "employee_id": "Employee ID", "name": "Name", "branch": "Branch", "role": "Role", "role_id": "Role code",
        "department": "Department", "module_id": "Module code", "title": "Module", "assigned_on": "Assigned",
        "due_on": "Due", "submitted_at": "Submitted", "score": "Score", "max_score": "Out of", "percent": "Score (%)",
        "status": "Status", "status_id": "Status code", "on_time": "On time", "expires_on": "Certified until",
        "problem": "Grading problem", "enrolled": "Enrolled", "completed": "Completed", "completion_pct": "Completion (%)",
        "mean_score_pct": "Mean score (%)", "failed": "Failed", "overdue": "Overdue, not submitted",
        "awaiting_grading": "Awaiting grading", "days_overdue": "Days overdue", "manager_id": "Manager ID",
        "manager_name": "Manager", "passed_on": "Passed on", "days_left": "Days left", "total": "Total", "count": "Count",
        "changed_at": "Time", "assignment": "Module version", "item": "Item", "field": "Field", "change": "Change",
        "source": "Source", "grader": "Grader", "reason": "Reason",
    },
}

YES_NO = {"zh-CN": ("是", "否"), "en": ("yes", "no")}

#: The audited fields of nbgrader's grades and comments (`audit_triggers.AUDITED`), as the audit trail names them.
AUDIT_FIELD = {
    "zh-CN": {"auto_score": "自动得分", "manual_score": "培训师评分", "extra_credit": "附加分", "needs_manual_grade": "待培训师评分",
              "auto_comment": "自动评语", "manual_comment": "培训师评语"},
    "en": {"auto_score": "automatic score", "manual_score": "trainer's score", "extra_credit": "extra credit",
           "needs_manual_grade": "awaits a trainer", "auto_comment": "automatic comment", "manual_comment": "trainer's comment"},
}

#: Who wrote a change to the audit trail, by the kind of its source (`gradebook.AUDIT_SOURCES`).
AUDIT_SOURCE = {
    "zh-CN": {"autograde": "自动评分", "formgrader": "评分界面", "manual": "培训师", "import": "导入", "direct": "直接改库"},
    "en": {"autograde": "autograde", "formgrader": "formgrader", "manual": "trainer", "import": "import", "direct": "direct"},
}

#: The sheets of the HR workbook, by the report's table names.
SHEET = {
    "zh-CN": {"Summary": "汇总", "Matrix": "员工完成矩阵", "Overdue": "逾期未提交名单", "Failed": "未通过名单",
              "Expiring 30d": "30天内到期的认证", "Expiring 60d": "60天内到期的认证"},
    "en": {"Summary": "Summary", "Matrix": "Status by employee", "Overdue": "Overdue, not submitted", "Failed": "Failed",
           "Expiring 30d": "Lapsing within 30 days", "Expiring 60d": "Lapsing within 60 days"},
}

#: A grading problem noted beside the scores (``academy status``'s problem column): a question's answer cell held
#: something other than its answer, by the kind of answer the question asks for.
MALFORMED_ANSWER = {
    "zh-CN": {"note": "第 {question} 题（{item}）：答案单元格填写的是“{typed}”，不是{expected}，计 0 分",
              "choice": "一个字母", "number": "一个数字", "text": "简短答案"},
    "en": {"note": "question {question} ({item}): the answer cell holds '{typed}', not {expected}; scored 0",
           "choice": "one letter", "number": "one number", "text": "a short answer"},
}

#: The grader's reasons (``academy status``'s problem column, stored in English as the grader gives them), in Chinese:
#: each pattern in turn is replaced wherever it appears. A reason no pattern matches is shown as it is.
PROBLEM_ZH = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"the cell's output was over (\d+) MB", r"单元格输出超过 \1 MB"),
    (r"something other than the grading shell wrote on the kernel's connection", "内核连接上出现了评分程序以外写入的内容（结果可能被篡改）"),
    (r"a check that must fail was reported as passed: the kernel's results are forged", "一项必定不通过的检查被报告为通过：内核返回的结果是伪造的"),
    (r"the kernel stopped answering", "内核停止响应"),
    (r"the kernel was killed by signal (\w+)", r"内核被信号 \1 终止"),
    (r"the kernel exited with status (-?\d+)", r"内核已退出（状态码 \1）"),
    (r"stopped after the cell limit of ([\d.]+) s", r"超过单个单元格的时限 \1 秒，已停止"),
    (r"stopped after the notebook limit of ([\d.]+) s", r"超过整个笔记本的时限 \1 秒，已停止"),
    (r"it did not answer an interrupt", "中断后仍无响应"),
    (r"the cell called exit\(\)", "单元格调用了 exit()"),
    (r"no (\S+)\.ipynb in the submission", r"提交中没有 \1.ipynb"),
    (r"(\S+)\.ipynb is not a valid notebook \((\w+)\)", r"\1.ipynb 不是有效的笔记本文件（\2）"),
    (r"(\S+)\.ipynb has invalid grading metadata \((.*)\)", r"\1.ipynb 的评分元数据无效（\2）"),
    (r"files over (\d+) MB left out: ", r"超过 \1 MB 的文件未纳入评分："),
    (r" \(cell (\d+)\)", r"（第 \1 个单元格）"),
    (r"; ", "；"),
)]


def problem_text(problem: str, language: str) -> str:
    """A grading problem as `status.status` gives it, in `language`."""
    if language_of(language) == "en":
        return problem
    for pattern, replacement in PROBLEM_ZH:
        problem = pattern.sub(replacement, problem)
    return problem


#: Fill colour of each display status in the workbook: green done, amber waiting, red to act on, grey not required.
STATUS_COLOUR = {"passed": "C6EFCE", "passed-late": "E2F0D9", "assigned": "FFFFFF", "submitted": "FFF2CC",
                 "needs-manual-grading": "FFEB9C", "failed": "F8CBAD", "overdue": "FFC7CE", "expired": "F4B084",
                 "not-required": "EDEDED"}


#: Time zones by the names their people use; any other is shown as its offset from UTC.
ZONE = {
    "zh-CN": {"Asia/Shanghai": "北京时间", "Asia/Chongqing": "北京时间", "Asia/Hong_Kong": "香港时间", "Asia/Macau": "澳门时间",
              "Asia/Taipei": "台北时间", "Asia/Singapore": "新加坡时间", "Europe/London": "伦敦时间", "UTC": "协调世界时"},
    "en": {"Asia/Shanghai": "China Standard Time", "Asia/Chongqing": "China Standard Time", "Asia/Hong_Kong": "Hong Kong Time",
           "Asia/Macau": "Macau Time", "Asia/Taipei": "Taipei Time", "Asia/Singapore": "Singapore Time", "Europe/London": "London time",
           "UTC": "Coordinated Universal Time"},
}


def zone_label(timezone: str, language: str, on: dt.date) -> str:
    """The course's time zone as people read it on the day `on`: its name where it has a common one, and its offset from UTC."""
    offset = dt.datetime.combine(on, dt.time(12), ZoneInfo(timezone)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")
    name = ZONE[language_of(language)].get(timezone)
    if name is None:
        return utc
    return f"{name}（{utc}）" if language_of(language) == "zh-CN" else f"{name} ({utc})"


def language_of(language: str) -> str:
    """The label language for a course language: Chinese for any zh, English otherwise."""
    return "zh-CN" if language.startswith("zh") else "en"


def display_status(status: pd.Series, on_time: pd.Series) -> pd.Series:
    """Each row's status as people read it: `status`, with a pass submitted after its due day as ``passed-late``."""
    late_pass = (status == "passed") & ~on_time.fillna(False).astype(bool)
    return status.where(~late_pass, "passed-late")


def status_labels(statuses: pd.Series, language: str) -> pd.Series:
    """Display statuses (see `display_status`) as words of `language`."""
    words = STATUS[language_of(language)]
    return statuses.map(lambda value: words.get(value, value))


def headed(frame: pd.DataFrame, language: str, extra: Mapping[str, str] | None = None) -> pd.DataFrame:
    """`frame` with its columns renamed to headings of `language`; a column without a heading keeps its name."""
    headings = {**COLUMN[language_of(language)], **(extra or {})}
    return frame.rename(columns={column: headings.get(column, column) for column in frame.columns})
