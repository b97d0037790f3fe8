"""My training (我的培训): what one staff member sees and does, in their roster language.

`my_training` lists the modules assigned to the employee, with the title in
their language, the due date, the days left and where they stand. `validate`
checks a saved notebook question by question, as the learner would ask: is
each question answered, in the form asked for, and (for code) does the visible
check pass; an error is blamed on the question whose answer raised it, never
on the next cell. Every sentence comes from `LABELS`, one catalogue per
language; nothing here shows a field name, an id or a traceback.

The JupyterLab panel (``src/labextension``) and its server handlers
(`training_server`) only carry these to the screen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import nbformat

from . import questions
from .config import AcademyConfig, content_root, database_url, load_config
from .config import today as course_today
from .curriculum import load_curriculum
from .paths import InstancePaths

LABELS = {
    "zh-CN": {
        "title": "我的培训",
        "intro": "下面是分配给你的培训模块。点击“开始”领取模块，作答后点击“检查”，再点击“提交”。",
        "columns": {"module": "模块", "due": "截止日期", "left": "剩余天数", "status": "状态", "action": ""},
        "statuses": {"to-do": "待完成", "submitted": "已提交", "awaiting-trainer": "待培训师评分", "passed": "已通过",
                     "failed": "未通过", "overdue": "已逾期", "expired": "认证已过期"},
        "kinds": {"module": "课程", "case": "案例"},
        "days_left": "还剩 {days} 天", "due_today": "今天截止", "days_late": "已逾期 {days} 天",
        "fetch": "开始", "open": "打开练习", "lesson": "打开课程", "submit": "提交", "validate": "检查", "feedback": "查看反馈",
        "refresh": "刷新",
        "late_warning": "本模块已于 {due} 截止。现在提交会记为逾期提交，并计入你的培训记录。确定要提交吗？",
        "late_confirm": "仍然提交", "cancel": "取消",
        "submitted_ok": "已提交。培训师评分后，你可以在这里查看反馈。",
        "validate_title": "检查结果", "validate_ok": "每道题都已按要求作答，可以提交。",
        "validate_some": "还有 {count} 道题需要处理：",
        "not_correct": "第 {question} 题：还不正确：{hint}",
        "stopped": "第 {question} 题：你的答案运行出错（{error}），请检查这道题。",
        "written_blank": "第 {question} 题：尚未作答（书面回答）。",
        "nothing_assigned": "目前没有分配给你的培训模块。",
        "not_fetched": "请先点击“开始”领取本模块。",
        "no_feedback": "还没有反馈：培训师评分并发布反馈后，这里会显示你的成绩。",
        "error": "操作没有完成：{reason}",
        "feedback_title": "反馈：{title}",
        "feedback_score": "得分 {score:g} / {points:g}（{percent:.0%}），及格线 {pass_mark:.0%}。",
        "feedback_verdict": {"passed": "已通过", "failed": "未通过", "awaiting-trainer": "书面回答待培训师评分，暂不能判定是否通过"},
        "feedback_columns": {"question": "题号", "points": "得分", "given": "你的答案", "right": "正确答案", "why": "理由"},
        "feedback_code": "见下方你的代码与检查结果",
        "feedback_written": "书面回答，由培训师按评分标准评分",
        "feedback_pending": "待评分",
        "feedback_blank": "未作答",
        "feedback_notebook": "你提交的练习（评分后）",
    },
    "en": {
        "title": "My training",
        "intro": "These are the modules assigned to you. Press Start to fetch a module; when you have answered, press Check, then Submit.",
        "columns": {"module": "Module", "due": "Due", "left": "Days left", "status": "Status", "action": ""},
        "statuses": {"to-do": "To do", "submitted": "Submitted", "awaiting-trainer": "Awaiting a trainer", "passed": "Passed",
                     "failed": "Failed", "overdue": "Overdue", "expired": "Certification expired"},
        "kinds": {"module": "Module", "case": "Case"},
        "days_left": "{days} days left", "due_today": "Due today", "days_late": "{days} days late",
        "fetch": "Start", "open": "Open exercise", "lesson": "Open lesson", "submit": "Submit", "validate": "Check", "feedback": "See feedback",
        "refresh": "Refresh",
        "late_warning": "This module was due on {due}. If you submit now it is recorded as late, in your training record. Submit anyway?",
        "late_confirm": "Submit anyway", "cancel": "Cancel",
        "submitted_ok": "Submitted. Once a trainer has graded it, you can see the feedback here.",
        "validate_title": "Check", "validate_ok": "Every question is answered in the form asked for: you can submit.",
        "validate_some": "{count} question(s) still need your attention:",
        "not_correct": "Question {question}: not correct yet: {hint}",
        "stopped": "Question {question}: your answer stops with an error ({error}); look at this question again.",
        "written_blank": "Question {question}: not answered (written answer).",
        "nothing_assigned": "No training module is assigned to you at the moment.",
        "not_fetched": "Press Start to fetch this module first.",
        "no_feedback": "No feedback yet: your result appears here once a trainer has graded your work and released the feedback.",
        "error": "That did not work: {reason}",
        "feedback_title": "Feedback: {title}",
        "feedback_score": "Score {score:g} / {points:g} ({percent:.0%}); the pass mark is {pass_mark:.0%}.",
        "feedback_verdict": {"passed": "Passed", "failed": "Not passed", "awaiting-trainer": "A trainer has yet to grade your written answer, so the result is not final"},
        "feedback_columns": {"question": "Question", "points": "Points", "given": "Your answer", "right": "Right answer", "why": "Why"},
        "feedback_code": "see your code and its checks below",
        "feedback_written": "written answer, graded by a trainer against the rubric",
        "feedback_pending": "not graded yet",
        "feedback_blank": "not answered",
        "feedback_notebook": "Your exercise as submitted, after grading",
    },
}
#: The gradebook's statuses (`status.STATUSES`) as a learner reads them.
LEARNER_STATUS = {"assigned": "to-do", "submitted": "submitted", "needs-manual-grading": "awaiting-trainer", "passed": "passed",
                  "failed": "failed", "overdue": "overdue", "expired": "expired"}


def labels(language: str) -> dict:
    return LABELS["zh-CN" if language.startswith("zh") else "en"]


@dataclasses.dataclass(frozen=True)
class Assigned:
    """One module on an employee's list, as they see it."""

    module_id: str
    title: str
    kind: str
    due_on: dt.date
    days_left: int
    status: str  # a key of LEARNER_STATUS's values
    status_label: str
    when_label: str
    #: Notebook paths relative to the employee's folder, once fetched; None before.
    exercise: str | None
    lesson: str | None
    late: bool
    feedback: str | None

    def as_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["due_on"] = self.due_on.isoformat()
        return data


def my_training(*, instance: Path, employee_id: str, today: dt.date | None = None) -> tuple[str, list[Assigned]]:
    """The employee's language and the modules assigned to them, by due date.

    Raises:
        AcademyError: no such active employee.
    """
    from . import gradebook_reads, staff
    from .status import compute_status

    config, paths = load_config(instance)
    url = database_url(config, paths)
    found = gradebook_reads.employees(url, [employee_id])
    if found.empty or not bool(found.active.iloc[0]):
        from .errors import AcademyError

        raise AcademyError(f"{employee_id}: no active employee with this id in the roster")
    language = found.language.iloc[0]
    text = labels(language)
    curriculum = load_curriculum(content_root(config))
    today = today or course_today(config)
    enrolled = gradebook_reads.enrollments(url, [employee_id])
    if enrolled.empty:
        return language, []
    # This employee's rows only: the panel must not read the whole bank's gradebook on every refresh.
    ids = [employee_id]
    table = compute_status(employees=found, enrollments=enrolled, submissions=gradebook_reads.submissions(url, config.course.timezone, ids),
                           grades=gradebook_reads.grade_rows(url, config.course.timezone, ids), curriculum=curriculum,
                           as_of=today).set_index("module_id")
    rows = []
    for module_id in table.sort_values("due_on").index:
        module = curriculum.module(module_id)
        version = staff.version_for(curriculum, module_id, role=found.role.iloc[0], language=language)
        folder = paths.home(employee_id) / version.assignment
        fetched = folder.is_dir()
        learner = LEARNER_STATUS[table.status[module_id]]
        if learner in ("to-do", "overdue") and _waiting_in_exchange(config, paths, employee_id, version.assignment):
            learner = "submitted"
        due = table.due_on[module_id].date()
        days = (due - today).days
        when = text["due_today"] if days == 0 else text["days_left"].format(days=days) if days > 0 else text["days_late"].format(days=-days)
        lesson = next((name for name in module.notebooks if name != module.graded), None)
        feedback = _feedback_page(folder, module.graded)
        rows.append(Assigned(
            module_id=module_id, title=module.title(language), kind=text["kinds"][module.kind], due_on=due, days_left=days,
            status=learner, status_label=text["statuses"][learner], when_label=when,
            exercise=f"{version.assignment}/{module.graded}.ipynb" if fetched else None,
            lesson=f"{version.assignment}/{lesson}.ipynb" if fetched and lesson else None,
            late=days < 0, feedback=str(feedback.relative_to(paths.home(employee_id))) if feedback else None))
    return language, rows


def _waiting_in_exchange(config: AcademyConfig, paths: InstancePaths, employee_id: str, assignment: str) -> bool:
    """Whether the employee handed in `assignment` and no trainer has collected it yet."""
    return any(paths.inbound(config.course.id).glob(f"{employee_id}+{assignment}+*"))


def _feedback_page(folder: Path, notebook: str) -> Path | None:
    """The newest feedback fetched into the module's folder, if any."""
    pages = sorted((folder / "feedback").glob(f"*/{notebook}.html")) if folder.is_dir() else []
    return pages[-1] if pages else None


# Validate -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Check:
    question: int
    ok: bool
    message: str


def validate(notebook: Path, *, language: str, cell_timeout_s: float = 60, notebook_timeout_s: float = 300) -> list[Check]:
    """Run the saved notebook as the learner left it and say, per question, what still needs attention.

    Each graded item is a question, numbered as the learner sees it. A question
    fails when its visible check raises, when its written answer is blank, or
    when its own answer cell raised (the error is theirs, not the next cell's).
    """
    from .binding import question_numbers
    from .kernel.runner import Limits, run_notebook

    text = labels(language)
    nb = nbformat.read(notebook, as_version=4)
    numbers = question_numbers(nb)
    for cell in nb.cells:  # as grading reads it: whatever is typed in an answer cell is an answer, never code
        item = cell.get("metadata", {}).get("academy", {}).get("answer")
        if item and cell.cell_type == "code":
            cell.source = questions.answer_cell(item, questions.answer_text(cell.source))
    run_notebook(nb, cwd=str(notebook.parent), env=_learner_environment(notebook.parent), limits=Limits(
        cell_timeout_s=cell_timeout_s, notebook_timeout_s=notebook_timeout_s))
    checks = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if not grade_id:
            continue
        item = grade_id.removesuffix("-answer")
        number = numbers.get(item)
        if number is None:
            continue
        error = next((o for o in cell.get("outputs", []) if o.output_type == "error"), None)
        if meta.get("grade") and meta.get("solution"):  # a written answer
            written = cell.source.strip()
            stub = meta.get("checksum") is not None and _unchanged(cell)
            checks.append(Check(number, bool(written) and not stub, "" if written and not stub else text["written_blank"].format(question=number)))
        elif meta.get("solution") and error is not None:
            checks.append(Check(number, False, text["stopped"].format(question=number, error=error.ename)))
        elif meta.get("grade"):
            if any(c.question == number for c in checks):
                continue  # its answer cell already failed: that is the message that helps
            if error is None:
                checks.append(Check(number, True, ""))
            elif error.ename == "AnswerFormError":
                checks.append(Check(number, False, error.evalue))
            elif error.ename == "AssertionError" and error.evalue:
                checks.append(Check(number, False, text["not_correct"].format(question=number, hint=error.evalue)))
            else:
                checks.append(Check(number, False, text["stopped"].format(question=number, error=error.ename)))
    return sorted(checks, key=lambda c: c.question)


def _unchanged(cell) -> bool:
    from nbgrader import utils

    return cell.metadata["nbgrader"].get("checksum") == utils.compute_checksum(cell)


def _learner_environment(folder: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "LANG": "C.UTF-8"}


# Submit -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Submitted:
    """What happened to a press of Submit: handed in, or held back until the learner confirms a late submission."""

    done: bool
    message: str


def submit(*, instance: Path, employee_id: str, module_id: str, late_ok: bool = False, today: dt.date | None = None) -> Submitted:
    """Hand in the employee's copy of `module_id`; past its due date, only once they have confirmed (`late_ok`).

    Raises:
        AcademyError: the module is not theirs, or not fetched yet.
    """
    from . import staff
    from .errors import AcademyError

    language, modules = my_training(instance=instance, employee_id=employee_id, today=today)
    text = labels(language)
    mine = next((m for m in modules if m.module_id == module_id), None)
    if mine is None:
        raise AcademyError(f"{employee_id}: module {module_id!r} is not assigned to this employee")
    if mine.exercise is None:
        raise AcademyError(text["not_fetched"])
    if mine.late and not late_ok:
        return Submitted(False, text["late_warning"].format(due=mine.due_on.isoformat()))
    staff.submit(instance=instance, employee_id=employee_id, module_id=module_id)
    return Submitted(True, text["submitted_ok"])
