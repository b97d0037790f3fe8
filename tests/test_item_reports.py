"""The item analysis as trainers read it, in the terminal and as a page: from an analysis table built here."""

from __future__ import annotations

import pandas as pd

from hrframes import CURRICULUM
from salesacademy import items

# Two modules, one of them gone from the curriculum: a sound item, one flagged twice, one with too few answers.
ANALYSIS = pd.DataFrame([
    ("01-m", "q1", "第一题", 12, 5.0, 0.5555, 1.23456, 0.45678, ""),
    ("01-m", "q2", "第二题", 12, 2.0, 0.95, 0.5, -0.123, "too easy; negative discrimination"),
    ("99-old", "q1", "旧题", 3, 4.0, 0.25, 0.0, float("nan"), items.TOO_FEW),
], columns=items.REPORT_COLUMNS)


def test_for_people_rounds_names_and_flags_in_the_learners_words():
    got = items.for_people(ANALYSIS, curriculum=CURRICULUM, language="zh-CN")
    assert list(got.columns) == ["模块", "题目", "评分单元格", "作答人数", "满分", "得分率（%）", "标准差", "区分度", "提示"]
    assert got["模块"].tolist() == ["合规销售", "合规销售", "99-old"], "a module gone from the curriculum keeps its id"
    assert got["得分率（%）"].tolist() == [55.6, 95.0, 25.0]
    assert got["标准差"].tolist() == [1.23, 0.5, 0.0] and got["区分度"].tolist()[:2] == [0.46, -0.12]
    assert got["提示"].tolist() == ["", "过易、负区分度", "作答人数不足，暂不判断"]
    assert items.for_people(ANALYSIS, curriculum=CURRICULUM, language="en")["Flag"].tolist()[1] == "Too easy; Negative discrimination"


def test_the_notes_give_the_thresholds_in_percent():
    notes = dict(items.notes(language="en", min_answers=7))
    assert "Above 90% an item is flagged too easy" in notes["Facility (%)"] and "below 20% too hard" in notes["Facility (%)"]
    assert notes["Discrimination"].endswith("Not computed with fewer than 5 answers.")
    assert notes["Flag"].startswith("Only items answered by at least 7 employees are judged")


def test_the_terminal_report_groups_items_under_each_module_with_the_legend_after():
    text = items.text_report(ANALYSIS, curriculum=CURRICULUM, language="zh-CN", min_answers=5)
    lines = text.split("\n")
    assert lines[0] == "只有作答人数达到 5 人的题目才会给出判断；不足 5 人的题目标为“作答人数不足，暂不判断”。" and lines[1] == ""
    assert lines[2].startswith("题目") and lines[3] == "" and lines[4] == "合规销售 (01-m)"
    assert lines[5].startswith("第一题") and lines[6].startswith("第二题")
    assert lines[7] == "" and lines[8] == "99-old (99-old)" and lines[9].startswith("旧题")
    assert lines[10] == "" and lines[11].startswith("题目：")
    first = lines[5].split()
    assert first[2:7] == ["12", "5", "55.6", "1.23", "0.46"], "points whole, facility to one place, spread and discrimination to two"
    assert lines[9].split()[-2] == "-", "no discrimination is a dash"
    assert items.text_report(ANALYSIS.iloc[0:0], curriculum=CURRICULUM, language="zh-CN", min_answers=5) == "暂无已评分的题目"


def test_the_page_marks_each_row_by_its_flag_and_formats_each_number():
    page = items.html_report(ANALYSIS, curriculum=CURRICULUM, language="en", min_answers=5, as_of="2025-03-01", heading="01-m")
    assert "<title>Item analysis (for trainers) · 01-m 2025-03-01</title>" in page
    assert "<h1>Item analysis (for trainers) · 01-m — as of 2025-03-01</h1>" in page
    assert page.count("<dt>") == 6 and "<dl><dt>Question</dt><dd>" in page and "</dd></dl>" in page
    assert "<table><thead><tr><th>Module</th><th>Question</th><th>Graded cell</th>" in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert [row.split('"')[1] for row in rows] == ["sound", "problem", "few"]
    assert ('<td class="text">Compliant sales</td><td class="title">第一题</td><td class="cell">q1</td><td class="number">12</td>'
            '<td class="number">5</td><td class="number">55.6</td><td class="number">1.23</td><td class="number">0.46</td>'
            '<td class="flag"></td>') in rows[0]
    plain = items.html_report(ANALYSIS.iloc[0:0], curriculum=CURRICULUM, language="en", min_answers=5, as_of="2025-03-01")
    assert "<title>Item analysis (for trainers) 2025-03-01</title>" in plain and "<p>no graded items yet</p>" in plain
