"""Terminal tables: display widths, alignment, and the status table built from a status table made here."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from salesacademy import terminal
from salesacademy.config import bundled_content
from salesacademy.curriculum import load_curriculum


@pytest.mark.parametrize(("text", "columns"), [("abc", 3), ("王芳", 4), ("Ａ1", 3), ("（%）", 5), ("é", 1), ("e\u0301", 1), ("", 0)])
def test_width_counts_wide_characters_twice(text, columns):
    assert terminal.width(text) == columns


def test_aligned_pads_by_display_width_and_right_aligns_numbers():
    lines = terminal.aligned(["名字", "n"], [["王芳", "5"], ["Li", "12"]], right=[1]).split("\n")
    assert lines == ["名字   n", "王芳   5", "Li    12"]


def status_rows() -> pd.DataFrame:
    """Four enrollments of two employees: an on-time pass, a late pass, one awaiting a trainer, one overdue."""
    def row(employee_id, name, module_id, status, on_time, submitted, percent):
        return {"employee_id": employee_id, "name": name, "branch": "上海浦东支行", "role": "teller", "module_id": module_id,
                "due_on": pd.Timestamp("2025-02-01"), "submitted_at": pd.Timestamp(submitted) if submitted else pd.NaT,
                "percent": percent, "status": status, "on_time": on_time, "problem": ""}

    return pd.DataFrame([
        row("T1", "赵敏", "01-sales-process", "passed", True, "2025-01-20 18:00:59.123456", 0.9),
        row("T1", "赵敏", "03-suitability", "passed", False, "2025-02-03 09:05:00", 0.8),
        row("T2", "Sun Li", "01-sales-process", "needs-manual-grading", False, "2025-01-30 10:00:00", 0.5),
        row("T2", "Sun Li", "03-suitability", "overdue", False, None, float("nan")),
    ])


def test_status_report_in_english_names_roles_modules_and_late_passes():
    curriculum = load_curriculum(bundled_content())
    table, _, totals = terminal.status_report(status_rows(), curriculum=curriculum, language="en").partition("\n\n")
    lines = table.split("\n")
    assert lines[0].split("  ")[0] == "Employee ID" and "Status" in lines[0] and "status" not in lines[0]
    assert lines[1].endswith("Passed") and "2025-01-20 18:00 " in lines[1]  # to the minute
    assert lines[2].endswith("Passed late") and lines[3].endswith("Awaiting a trainer") and lines[4].endswith("Overdue, not submitted")
    assert all("Teller" in line and "teller" not in line for line in lines[1:])
    assert "Investor suitability" in lines[2] and "03-suitability" not in table
    assert totals.split("\n") == ["Total: 4 module(s) of 2 employee(s)",
                                  "Passed 1 · Passed late 1 · Overdue, not submitted 1 · Awaiting a trainer 1"]


def test_status_report_counts_awaiting_a_trainer_even_at_zero():
    curriculum = load_curriculum(bundled_content())
    settled = status_rows().iloc[[0, 3]]
    assert terminal.status_report(settled, curriculum=curriculum, language="zh-CN").split("\n")[-1] == "已通过 1 · 逾期未提交 1 · 待培训师评分 0"


def test_the_demos_pass_rates_read_in_the_course_language():
    from salesacademy.demo import pass_rates

    curriculum = load_curriculum(bundled_content())
    title, header, *rows = terminal.pass_rates_report(pass_rates(status_rows()), curriculum=curriculum, language="zh-CN").split("\n")
    assert title == "各模块通过率"
    assert header.split() == ["模块", "应修人数", "已通过", "未开始", "已提交，待评分", "待培训师评分", "未通过", "逾期未提交", "认证已过期",
                              "通过率（%）", "平均得分率（%）"]
    # 01: T1 passed, T2 awaits a trainer; 03: T1 passed late, T2 overdue. Mean scores 70% (90, 50) and 80% (only T1's).
    assert [row.split() for row in rows] == [["销售流程与服务标准", "2", "1", "0", "0", "1", "0", "0", "0", "50.0", "70.0"],
                                             ["投资者适当性", "2", "1", "0", "0", "0", "0", "1", "0", "50.0", "80.0"]]


@pytest.mark.parametrize(("reason", "shown"), [
    ("the kernel exited with status 1 (cell 10)", "内核已退出（状态码 1）（第 10 个单元格）"),
    ("the kernel was killed by signal SIGSEGV (cell 8)", "内核被信号 SIGSEGV 终止（第 8 个单元格）"),
    ("stopped after the cell limit of 30 s; it did not answer an interrupt (cell 4)",
     "超过单个单元格的时限 30 秒，已停止；中断后仍无响应（第 4 个单元格）"),
    ("stopped after the notebook limit of 2.5 s (cell 3)", "超过整个笔记本的时限 2.5 秒，已停止（第 3 个单元格）"),
    ("a check that must fail was reported as passed: the kernel's results are forged (cell 7)",
     "一项必定不通过的检查被报告为通过：内核返回的结果是伪造的（第 7 个单元格）"),
    ("something other than the grading shell wrote on the kernel's connection (cell 2)",
     "内核连接上出现了评分程序以外写入的内容（结果可能被篡改）（第 2 个单元格）"),
    ("the cell's output was over 64 MB (cell 5)", "单元格输出超过 64 MB（第 5 个单元格）"),
    ("the kernel stopped answering (cell 6)", "内核停止响应（第 6 个单元格）"),
    ("the cell called exit() (cell 9)", "单元格调用了 exit()（第 9 个单元格）"),
    ("exercise.ipynb is not a valid notebook (NotJSONError)", "exercise.ipynb 不是有效的笔记本文件（NotJSONError）"),
    ("no exercise.ipynb in the submission", "提交中没有 exercise.ipynb"),
    ("the kernel exited with status 1 (cell 10); files over 20 MB left out: big.bin, huge.csv",
     "内核已退出（状态码 1）（第 10 个单元格）；超过 20 MB 的文件未纳入评分：big.bin, huge.csv"),
])
def test_the_status_table_gives_grading_problems_in_chinese_for_a_chinese_course(reason, shown):
    curriculum = load_curriculum(bundled_content())
    rows = status_rows().iloc[[1]].assign(problem=reason)
    header, row = terminal.status_report(rows, curriculum=curriculum, language="zh-CN").split("\n")[:2]
    assert header.rstrip().endswith("评分问题") and row.rstrip().endswith(shown)
    assert terminal.status_report(rows, curriculum=curriculum, language="en").split("\n")[1].rstrip().endswith(reason)


def test_the_forged_verdict_reason_is_translated_as_the_runner_words_it():
    from salesacademy.kernel.runner import FORGED
    from salesacademy.labels import problem_text

    assert not re.search("[A-Za-z]", problem_text(FORGED, "zh-CN"))
