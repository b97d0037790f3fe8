"""Terminal tables: display widths, alignment, and the status table built from a status table made here."""

from __future__ import annotations

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
