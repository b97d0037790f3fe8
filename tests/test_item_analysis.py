"""Item analysis: facility and discrimination on grade tables built here, checked against numpy."""

from __future__ import annotations

import html
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml

import cohort
from salesacademy import cli, items, terminal
from salesacademy.config import bundled_content
from salesacademy.curriculum import load_curriculum
from salesacademy.errors import AcademyError
from salesacademy.items import item_analysis

EMPLOYEES = ["E1", "E2", "E3", "E4", "E5", "E6"]  # strongest first
# item: (max score, score of each employee)
MODULE = {
    "q1": (4, [4, 4, 3, 2, 1, 0]),  # sound: the strong do better
    "q2": (2, [2, 2, 2, 2, 2, 1]),  # facility 11/12 > 0.9: too easy
    "q3": (5, [1, 0, 0, 0, 0, 0]),  # facility 1/30 < 0.2: too hard
    "q4": (1, [0, 0, 0, 0, 1, 1]),  # only the weakest get it: negative discrimination
}


def grade(employee_id, module_id, item, score, max_score, *, manual=False):
    """One row of grade_rows; a written answer a trainer has not graded has score None."""
    return {"employee_id": employee_id, "module_id": module_id, "notebook": "exercise", "item": item, "max_score": float(max_score),
            "auto_score": None if manual else score, "manual_score": score if manual else None, "extra_credit": None,
            "needs_manual_grade": manual and score is None, "submitted_at": pd.Timestamp("2025-01-10"),
            "score": np.nan if score is None else float(score)}


def grades(module=MODULE, employees=EMPLOYEES, module_id="01-m") -> pd.DataFrame:
    return pd.DataFrame([grade(e, module_id, item, scores[i], max_score)
                         for item, (max_score, scores) in module.items() for i, e in enumerate(employees)])


def by_item(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(["module_id", "item"])


def test_facility_sd_and_discrimination_agree_with_numpy():
    got = by_item(item_analysis(grades=grades()))
    scores = np.array([scores for _, scores in MODULE.values()], dtype=float)  # items x employees
    totals = scores.sum(axis=0)
    for row, (item, (max_score, _)) in enumerate(MODULE.items()):
        result = got.loc[("01-m", item)]
        assert result.n == len(EMPLOYEES) and result.max_score == max_score
        assert result.facility == pytest.approx(scores[row].mean() / max_score)
        assert result.sd == pytest.approx(np.std(scores[row], ddof=1))
        assert result.discrimination == pytest.approx(np.corrcoef(scores[row], totals - scores[row])[0, 1])


def test_worked_by_hand():
    got = by_item(item_analysis(grades=grades()))
    assert got.loc[("01-m", "q1")].facility == pytest.approx(14 / 24)
    assert got.loc[("01-m", "q2")].facility == pytest.approx(11 / 12)
    # q1's rest of the test per employee: q2+q3+q4 = 3, 2, 2, 2, 3, 2; q1 = 4, 4, 3, 2, 1, 0.
    x, y = np.array([4, 4, 3, 2, 1, 0.0]), np.array([3, 2, 2, 2, 3, 2.0])
    by_hand = ((x - x.mean()) * (y - y.mean())).sum() / np.sqrt(((x - x.mean()) ** 2).sum() * ((y - y.mean()) ** 2).sum())
    assert got.loc[("01-m", "q1")].discrimination == pytest.approx(by_hand)


def test_each_flag_is_triggered_by_its_case():
    got = by_item(item_analysis(grades=grades(), min_answers=len(EMPLOYEES))).flag
    assert got.to_dict() == {("01-m", "q1"): "", ("01-m", "q2"): "too easy", ("01-m", "q3"): "too hard",
                             ("01-m", "q4"): "negative discrimination"}


@pytest.mark.parametrize(
    ("facility", "discrimination", "expected"),
    [
        (0.9, 0.3, ""),  # the thresholds themselves are not flagged
        (0.2, 0.0, ""),
        (0.91, np.nan, "too easy"),
        (0.19, 0.4, "too hard"),
        (0.5, -0.01, "negative discrimination"),
        (0.95, -0.2, "too easy; negative discrimination"),
        (0.5, np.nan, ""),
    ],
)
def test_flag_thresholds(facility, discrimination, expected):
    assert items.flag(facility=facility, discrimination=discrimination) == expected


def test_fewer_than_five_responses_give_no_discrimination_and_no_such_flag():
    few = item_analysis(grades=grades(employees=EMPLOYEES[2:], module={"q1": (4, [3, 2, 1, 0]), "q4": (1, [0, 0, 1, 1])}), min_answers=4)
    assert few.n.tolist() == [4, 4] and few.discrimination.isna().all() and few.flag.tolist() == ["", ""]
    assert items.MIN_RESPONSES == 5


def test_an_item_everyone_aces_has_no_correlation_but_is_too_easy():
    got = by_item(item_analysis(grades=grades(module={**MODULE, "q2": (2, [2] * 6)}), min_answers=6))
    assert np.isnan(got.loc[("01-m", "q2")].discrimination) and got.loc[("01-m", "q2")].flag == "too easy"


def test_rest_of_the_test_is_the_same_module_only():
    other = grades(module={"q9": (10, [0, 10, 0, 10, 0, 10])}, module_id="02-x")
    alone, mixed = item_analysis(grades=grades()), item_analysis(grades=pd.concat([grades(), other], ignore_index=True))
    pd.testing.assert_frame_equal(by_item(mixed).loc["01-m"], by_item(alone).loc["01-m"])
    assert set(mixed.module_id) == {"01-m", "02-x"}


def test_unscored_written_answers_are_left_out_and_graded_ones_counted():
    written = pd.DataFrame([grade(e, "01-m", "w1", score, 4, manual=True) for e, score in zip(EMPLOYEES, [4, 3, None, None, 1, 0])])
    got = by_item(item_analysis(grades=pd.concat([grades(), written], ignore_index=True)))
    assert got.loc[("01-m", "w1")].n == 4 and got.loc[("01-m", "w1")].facility == pytest.approx(8 / 16)
    # Employees whose written answer waits for a trainer keep the same rest of the test as before.
    q1 = np.array([4, 4, 3, 2, 1, 0.0])
    rest = np.array([3, 2, 2, 2, 3, 2.0]) + np.array([4, 3, 0, 0, 1, 0])
    assert got.loc[("01-m", "q1")].discrimination == pytest.approx(np.corrcoef(q1, rest)[0, 1])


def test_nothing_scored_gives_an_empty_table_with_the_columns():
    assert list(item_analysis(grades=grades().iloc[0:0]).columns) == items.COLUMNS


def test_five_responses_are_enough_for_a_discrimination():
    five = item_analysis(grades=grades(employees=EMPLOYEES[1:], module={"q1": (4, [4, 3, 2, 1, 0]), "q4": (1, [0, 1, 0, 1, 1])}))
    # q1 against the rest of the test (q4 alone) and q4 against q1, worked as Pearson's r of the two columns.
    expected = np.corrcoef([4, 3, 2, 1, 0], [0, 1, 0, 1, 1])[0, 1]
    assert five.n.tolist() == [5, 5] and five.discrimination.tolist() == pytest.approx([expected, expected])


def test_cells_worth_no_points_are_left_out():
    """A cell worth nothing (extra credit only) has no facility: its share of zero points means nothing."""
    bonus = pd.DataFrame([grade(e, "01-m", "bonus", 1, 0) for e in EMPLOYEES])
    got = item_analysis(grades=pd.concat([grades(), bonus], ignore_index=True))
    assert sorted(got["item"]) == ["q1", "q2", "q3", "q4"]


def test_items_come_sorted_by_module_and_item_whatever_the_order_of_the_rows():
    rows = grades(module={"q9": (1, [1, 0, 1, 0, 1, 0]), "q1": (1, [0, 1, 0, 1, 0, 1])}, module_id="02-x")
    rows = pd.concat([rows, grades(module={"q5": (1, [1] * 6)}, module_id="01-m")], ignore_index=True)
    assert list(zip(item_analysis(grades=rows).module_id, item_analysis(grades=rows)["item"])) == [
        ("01-m", "q5"), ("02-x", "q1"), ("02-x", "q9")]


def test_scores_read_as_decimals_give_the_same_figures():
    """PostgreSQL hands numbers back as Decimal objects; the statistics are those of the same floats."""
    from decimal import Decimal

    exact = grades()
    decimals = exact.assign(score=exact.score.map(lambda v: Decimal(str(v))).astype(object),
                            max_score=exact.max_score.map(lambda v: Decimal(str(v))).astype(object))
    pd.testing.assert_frame_equal(item_analysis(grades=decimals), item_analysis(grades=exact))


@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("items") / "course")


def test_items_of_one_module_from_the_gradebook(cohort_instance):
    """01-sales-process in tests/cohort.py: q1 scores 5, 5, 2, 4 and q2 5, 3, 1, 4, out of 5."""
    got = by_item(items.items(instance=cohort_instance, module="01-sales-process"))
    assert set(got.index.get_level_values("module_id")) == {"01-sales-process"}
    assert got.n.tolist() == [4, 4] and got.facility.tolist() == pytest.approx([16 / 20, 13 / 20])
    assert got.discrimination.isna().all()  # four responses are too few
    assert set(items.items(instance=cohort_instance).module_id) == set(cohort.MODULES)


def test_items_of_an_unknown_module_is_an_error(cohort_instance):
    with pytest.raises(AcademyError, match="unknown module '99-nothing'"):
        items.items(instance=cohort_instance, module="99-nothing")


def test_items_are_judged_only_with_enough_answers():
    assert items.MIN_ANSWERS == 30  # the default the README and --help state
    unjudged = item_analysis(grades=grades())  # six answers each
    assert set(unjudged.flag) == {items.TOO_FEW}
    assert not unjudged.discrimination.isna().all()  # the figures are still there to read
    assert set(item_analysis(grades=grades(), min_answers=7).flag) == {items.TOO_FEW}
    assert item_analysis(grades=grades(), min_answers=6).flag.tolist() == ["", "too easy", "too hard", "negative discrimination"]


def test_items_are_titled_as_the_employees_read_them():
    bank = yaml.safe_load((bundled_content() / "course" / "03-suitability" / "questions.yml").read_text(encoding="utf-8"))
    curriculum = load_curriculum(bundled_content())
    for language, tag in (("zh-CN", "zh"), ("en", "en")):
        titles = items.item_titles(curriculum=curriculum, content=bundled_content(), language=language, modules=["03-suitability"])
        assert {("03-suitability", item) for item in bank["questions"]} <= set(titles)
        first = bank["questions"]["highest-level"]["variants"][0]["question"][tag]  # a bank question: its first variant
        assert titles[("03-suitability", "highest-level")] == " ".join(re.sub(r"[*`]", "", first).split())
    zh = items.item_titles(curriculum=curriculum, content=bundled_content(), language="zh-CN", modules=["03-suitability"])
    assert zh[("03-suitability", "manager-pressure")].startswith("月底前，支行行长对你说")  # a written answer: its scenario (exercise.py)
    assert zh[("03-suitability", "mismatch")] == "找出风险不匹配的销售"  # a task: the words of its heading


def test_a_long_title_is_cut_to_the_terminal_width():
    assert terminal.shortened("短标题", 20) == "短标题"
    cut = terminal.shortened("一" * 40, 20)
    assert cut == "一" * 9 + "…"  # nine wide characters (18 columns) and the ellipsis


def test_flagged_keeps_only_items_with_a_problem(cohort_instance):
    everything = items.items(instance=cohort_instance, min_answers=1)
    assert len(everything) == 4 and set(everything.flag) == {""}  # facilities 0.8, 0.65, 0.87 and 0.8: sound
    assert items.items(instance=cohort_instance, min_answers=1, flagged=True).empty
    assert items.items(instance=cohort_instance, min_answers=5, flagged=True).empty  # too few answers is not a problem found


def items_command(instance, capsys, *argv):
    code = cli.main(["items", "--instance", str(instance), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_table_is_in_the_course_language_and_states_the_minimum(cohort_instance, capsys):
    code, out, _ = items_command(cohort_instance, capsys, "--module", "01-sales-process")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "只有作答人数达到 30 人的题目才会给出判断；不足 30 人的题目标为“作答人数不足，暂不判断”。"
    assert lines[2].split() == ["题目", "评分单元格", "作答人数", "满分", "得分率（%）", "标准差", "区分度", "提示"]
    assert f"{cohort.TITLES['01-sales-process']} (01-sales-process)" in lines
    q1 = next(line for line in lines if " q1 " in f" {line} ")
    assert q1.split() == ["-", "q1", "4", "5", "80.0", "1.41", "-", "作答人数不足，暂不判断"]  # scores 5, 5, 2, 4 out of 5
    for raw in ("facility", "discrimination", "module_id", "too few answers"):
        assert raw not in out
    code, out, _ = items_command(cohort_instance, capsys, "--module", "01-sales-process", "--min-answers", "4")
    assert "只有作答人数达到 4 人" in out and "作答人数不足" not in out.split("\n\n", 2)[1]


def test_the_csv_keeps_raw_ids(cohort_instance, capsys):
    code, out, _ = items_command(cohort_instance, capsys, "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == ",".join(items.REPORT_COLUMNS)
    assert out.count(",too few answers") == 4


def test_the_workbook_has_a_bold_filtered_frozen_header_in_the_course_language(cohort_instance, capsys, tmp_path):
    code, out, _ = items_command(cohort_instance, capsys, "--format", "xlsx", "--out", str(tmp_path / "items.xlsx"))
    assert code == 0 and out.strip() == str(tmp_path / "items.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "items.xlsx")
    assert workbook.sheetnames == ["题目分析", "说明"]
    sheet = workbook["题目分析"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["模块", "题目", "评分单元格", "作答人数", "满分", "得分率（%）", "标准差", "区分度", "提示"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I5"  # the header and four items
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert {row[0] for row in rows} == set(cohort.TITLES.values())
    assert sorted(row[3] for row in rows) == [3, 3, 4, 4]  # answers per item, by hand from tests/cohort.py
    notes = [row[1].value for row in workbook["说明"].iter_rows(min_row=2)]
    assert any("30 人" in note for note in notes)


def test_the_page_is_self_contained_and_explains_its_columns(cohort_instance, capsys, tmp_path):
    code, _, _ = items_command(cohort_instance, capsys, "--format", "html", "--out", str(tmp_path / "items.html"))
    assert code == 0
    page = (tmp_path / "items.html").read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"""(src|href)=["']?https?:""", page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "只有作答人数达到 30 人的题目才会给出判断" in text
    for heading in ("得分率（%）", "区分度", "标准差"):
        assert re.search(rf"<dt>{re.escape(html.escape(heading))}</dt><dd>[^<]+</dd>", page), f"{heading} is not explained"
    assert page.count('<tr class="few">') == 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--module", "99-x"], "academy: error: unknown module '99-x'; the curriculum has: 01-sales-process, 02-communication, "),
        (["--min-answers", "0"], "must be at least 1"),
        (["--format", "pdf"], "invalid choice: 'pdf' (choose from 'table', 'csv', 'html', 'xlsx')"),
    ],
)
def test_wrong_arguments_are_one_line_listing_the_valid_ones(cohort_instance, capsys, argv, message):
    code = None
    try:
        code = cli.main(["items", "--instance", str(cohort_instance), *argv])
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    err = capsys.readouterr().err
    assert code in (1, 2) and message in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].count(message) == 1
