"""The item analysis as trainers read it, in the terminal and as a page: from an analysis table built here."""

from __future__ import annotations

import io

import cohort
import pandas as pd
import pytest

from hrframes import CURRICULUM
from salesacademy import items
from salesacademy.errors import AcademyError

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


# From a real gradebook: the hand-made cohort (tests/cohort.py), where four employees answered 01-sales-process
# and four 03-suitability, each item out of 5.

@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("items") / "course")


def test_a_page_goes_by_default_to_the_trainers_folder_headed_with_the_modules_title(cohort_instance):
    path = items.report(instance=cohort_instance, module="01-sales-process", format="html")
    assert path == cohort_instance / "reports" / "trainers" / "items-01-sales-process.html"
    page = path.read_text(encoding="utf-8")
    assert f"<h1>题目分析（培训师用） · {cohort.TITLES['01-sales-process']} — 截至 " in page


def test_a_table_written_to_a_new_folder_ends_with_one_newline(cohort_instance, tmp_path):
    path = items.report(instance=cohort_instance, format="table", out=tmp_path / "new" / "deeper" / "items.txt")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("只有作答人数达到 30 人的题目才会给出判断") and text.endswith("。\n") and not text.endswith("\n\n")


def test_the_minimum_and_flagged_reach_the_analysis(cohort_instance):
    """Four answers to each item: judged with a minimum of 4, never with the default of 30."""
    judged = pd.read_csv(io.StringIO(items.report(instance=cohort_instance, module="01-sales-process", format="csv", min_answers=4)))
    unjudged = pd.read_csv(io.StringIO(items.report(instance=cohort_instance, module="01-sales-process", format="csv")))
    assert set(unjudged.flag) == {items.TOO_FEW} and items.TOO_FEW not in set(judged.flag.fillna(""))
    flagged = pd.read_csv(io.StringIO(items.report(instance=cohort_instance, format="csv", min_answers=4, flagged=True)))
    assert len(flagged) < len(pd.read_csv(io.StringIO(items.report(instance=cohort_instance, format="csv", min_answers=4))))
    assert flagged.flag.notna().all()


def test_an_unknown_format_lists_the_formats(cohort_instance):
    with pytest.raises(AcademyError, match=r"^unknown format 'pdf'; the formats are: table, csv, html, xlsx$"):
        items.report(instance=cohort_instance, format="pdf")
