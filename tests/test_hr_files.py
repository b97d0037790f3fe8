"""The HR report's files as HR opens them: the workbook's cells and layout, file names, folders, and atomic writes.

Tables are built here; widths, ranges and names are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import cohort
from conftest import course_today
from salesacademy import hr
from salesacademy.errors import AcademyError

# rust_xlsxwriter, like Excel, stores a column width of w characters as w + 0.7109375 (Excel's padding of 5 pixels at 7 pixels a digit).
PADDING = 182 / 256


def workbook(tmp_path: Path, tables: dict[str, pd.DataFrame]) -> openpyxl.Workbook:
    path = hr._write_workbook(tables, tmp_path / "report.xlsx", language="zh-CN")
    return openpyxl.load_workbook(path)


def test_text_stays_text_whatever_it_looks_like(tmp_path):
    """A formula, an address, a number with leading zeros: written as the text they are."""
    frame = pd.DataFrame({"employee_id": ["=1+1", "007"], "name": ["http://bank.example/x", "甲"]})
    sheet = workbook(tmp_path, {"Summary": frame})["汇总"]
    assert [sheet["A2"].value, sheet["A3"].value, sheet["B2"].value] == ["=1+1", "007", "http://bank.example/x"]
    assert sheet["A2"].data_type == "s" and sheet["A3"].data_type == "s" and sheet["B2"].hyperlink is None


def test_missing_values_are_blank_dates_read_as_dates_and_an_infinite_number_as_an_error(tmp_path):
    frame = pd.DataFrame({"due_on": [dt.date(2025, 2, 1), None], "percent": [float("inf"), float("nan")]})
    sheet = workbook(tmp_path, {"Summary": frame})["汇总"]
    assert sheet["A2"].value == dt.datetime(2025, 2, 1) and sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["A3"].value is None and sheet["B3"].value is None
    assert sheet["B2"].value == "INF", "infinity is written as Excel names it, not as a crash or a blank"


def test_the_workbook_is_written_as_a_stream_without_a_shared_string_table(tmp_path):
    """In constant memory, each text is written into its row: a matrix of 100,000 rows is never held."""
    hr._write_workbook({"Summary": pd.DataFrame({"name": ["甲", "乙"]})}, tmp_path / "r.xlsx", language="zh-CN")
    with zipfile.ZipFile(tmp_path / "r.xlsx") as archive:
        assert "xl/sharedStrings.xml" not in archive.namelist()
        assert b't="inlineStr"' in archive.read("xl/worksheets/sheet1.xml")


def test_the_header_is_bold_bordered_wrapped_and_aligned_to_the_top(tmp_path):
    sheet = workbook(tmp_path, {"Summary": pd.DataFrame({"name": ["甲"]})})["汇总"]
    header = sheet["A1"]
    assert header.value == "name" and header.font.b and header.border.left.style == "thin"
    assert header.alignment.wrap_text and header.alignment.vertical == "top"


def test_each_column_is_as_wide_as_its_widest_text_plus_four_and_no_wider_than_sixty(tmp_path):
    """Chinese characters count two: 甲乙丙丁 is 8 wide; a heading of 7 Chinese characters, 14; 100 letters are capped."""
    frame = pd.DataFrame({"b": ["甲乙丙丁", "abc"], "员工姓名长标题": ["ab", "cd"], "c": ["x" * 100, "y"]})
    sheet = workbook(tmp_path, {"Summary": frame})["汇总"]
    widths = [sheet.column_dimensions[letter].width - PADDING for letter in "ABC"]
    assert widths == [12, 18, 60]


def test_the_filter_covers_the_table_and_the_matrix_keeps_names_in_view(tmp_path):
    one_column = pd.DataFrame({"name": ["甲", "乙"]})
    matrix = pd.DataFrame({"employee_id": ["E1"], "name": ["甲"], "01-m": ["已通过"]})
    book = workbook(tmp_path, {"Summary": one_column, "Matrix": matrix})
    assert book["汇总"].auto_filter.ref == "A1:A3" and book["汇总"].freeze_panes == "A2"
    assert book["员工完成矩阵"].auto_filter.ref == "A1:C2" and book["员工完成矩阵"].freeze_panes == "C2"


def test_a_table_longer_than_a_sheet_goes_on_over_further_sheets_with_every_row(tmp_path, monkeypatch):
    """Excel holds 1,048,576 rows a sheet; with room for 3 below the header, 7 employees fill 员工完成矩阵 (2) and (3) too."""
    monkeypatch.setattr(hr, "EXCEL_ROWS", 3)
    matrix = pd.DataFrame({"员工编号": [f"E{n}" for n in range(7)], "姓名": ["甲"] * 7, "销售流程": ["未通过"] * 7})
    book = workbook(tmp_path, {"Summary": pd.DataFrame({"name": ["甲"]}), "Matrix": matrix})
    names = book.sheetnames
    assert names == ["汇总", "员工完成矩阵", "员工完成矩阵 (2)", "员工完成矩阵 (3)"]
    sheets = [book[name] for name in names[1:]]
    assert [[row[0] for row in sheet.iter_rows(values_only=True)] for sheet in sheets] == [
        ["员工编号", "E0", "E1", "E2"], ["员工编号", "E3", "E4", "E5"], ["员工编号", "E6"]]
    assert [sheet.auto_filter.ref for sheet in sheets] == ["A1:C4", "A1:C4", "A1:C2"]
    # Each part keeps the names in view, and its status column alone coloured.
    assert all(sheet.freeze_panes == "C2" for sheet in sheets)
    assert [{str(ranges.sqref) for ranges in sheet.conditional_formatting} for sheet in sheets] == [{"C2:C4"}, {"C2:C4"}, {"C2"}]


def test_an_empty_table_is_one_sheet_with_its_header(tmp_path, monkeypatch):
    """Even when a sheet holds a single row below its header."""
    monkeypatch.setattr(hr, "EXCEL_ROWS", 1)
    book = workbook(tmp_path, {"Failed": pd.DataFrame({"employee_id": []})})
    assert book.sheetnames == ["未通过名单"]
    assert list(book.active.iter_rows(values_only=True)) == [("employee_id",)]


def test_the_display_width_of_a_column():
    width = hr._display_width
    assert width(pd.Series(["甲乙", "abc"]), "h") == 4 and width(pd.Series(["ab"]), "标题") == 4
    assert width(pd.Series(["\u2e80\u2e81"]), "") == 3, "from U+2E81 on, a character is wide"
    assert width(pd.Series([None, float("nan")]), "标题名") == 6, "nothing but blanks: the heading"
    # Only the 20 longest by characters are measured: a shorter Chinese text after them is not.
    assert width(pd.Series(["a" * 10] * 20 + ["甲" * 9]), "") == 10


def test_the_file_name_suffix_keeps_chinese_and_replaces_what_a_file_name_cannot_hold():
    assert hr._slug(["上海 浦东/支行", None, "teller"]) == "-上海_浦东_支行-teller"
    assert hr._slug([None, None]) == ""


def test_write_atomic_writes_beside_the_target_under_a_hidden_name(tmp_path):
    seen = []

    def write(temporary: Path) -> None:
        seen.append(temporary)
        temporary.write_text("rows", encoding="utf-8")

    hr.write_atomic(path=tmp_path / "report.csv", write=write, private=True)
    (temporary,) = seen
    assert temporary.parent == tmp_path and temporary.name.startswith(".report.csv.") and temporary.suffix == ".csv"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_write_atomic_raises_the_writers_own_error_when_the_writer_removed_its_file(tmp_path):
    def write(temporary: Path) -> None:
        temporary.unlink()
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        hr.write_atomic(path=tmp_path / "report.csv", write=write, private=True)
    assert list(tmp_path.iterdir()) == []


def test_a_new_report_folder_is_for_its_owner_only(instance, tmp_path):
    folder = hr._hr_folder(instance, tmp_path / "new" / "hr")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert hr._hr_folder(instance, None) == instance / "reports" / "hr"


def test_a_folder_that_cannot_be_written_is_refused_before_anything_is_computed(instance):
    """Not even root may write into a process's folder in /proc."""
    with pytest.raises(AcademyError, match=r"^/proc/1: cannot write the reports there \(permission denied\)$"):
        hr._hr_folder(instance, Path("/proc/1"))


@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("hr-files") / "course")


def test_an_unknown_format_is_named_with_the_formats(cohort_instance, tmp_path):
    with pytest.raises(AcademyError, match=r"^unknown report format 'pdf'; choose from xlsx, csv, html$"):
        hr.completion(instance=cohort_instance, formats=["csv", "pdf"], out=tmp_path)


def test_without_a_date_the_report_is_of_the_course_today(cohort_instance, tmp_path):
    (written,) = hr.completion(instance=cohort_instance, formats=["xlsx"], out=tmp_path)
    assert written.name == f"completion-{course_today(cohort_instance).isoformat()}.xlsx"


def test_the_dashboard_of_a_branch_and_role_is_headed_with_both_in_the_course_language(cohort_instance, tmp_path):
    (written,) = hr.completion(instance=cohort_instance, as_of=cohort.AS_OF, branch=cohort.PUDONG, role="teller", formats=["html"],
                               out=tmp_path)
    assert written.name == f"completion-{cohort.AS_OF}-{cohort.PUDONG}-teller-dashboard.html"
    assert f"{cohort.PUDONG} · 柜员" in written.read_text(encoding="utf-8")


def test_the_dashboard_shows_the_first_rows_of_a_long_list_and_says_where_the_rest_are(cohort_instance, tmp_path, monkeypatch):
    """With room for 2 rows a table, the page shows the 2 longest overdue of the cohort's 3 and says there are 3."""
    from salesacademy import dashboard

    monkeypatch.setattr(dashboard, "PAGE_ROWS", 2)
    hr.completion(instance=cohort_instance, as_of=cohort.AS_OF, formats=["csv", "html"], out=tmp_path)
    page = (tmp_path / f"completion-{cohort.AS_OF}-dashboard.html").read_text(encoding="utf-8")
    overdue = pd.read_csv(tmp_path / f"completion-{cohort.AS_OF}-overdue.csv", encoding="utf-8-sig", dtype=str)
    assert len(overdue) == 3
    section = page[page.index("<h2>逾期未提交名单</h2>"):page.index("<h2>未通过名单</h2>")]
    assert "仅显示前 2 行，共 3 行；完整名单见 Excel 工作簿和 CSV 文件。" in section
    shown = re.findall(r"<tr>\s*<td>(.*?)</td>", section)
    assert shown == overdue["员工编号"].head(2).tolist()
    failed = pd.read_csv(tmp_path / f"completion-{cohort.AS_OF}-failed.csv", encoding="utf-8-sig", dtype=str)
    section = page[page.index("<h2>未通过名单</h2>"):page.index("<h2>30天内到期的认证</h2>")]
    assert len(failed) == 2 and "仅显示前" not in section, "a list that fits is shown whole"
    assert re.findall(r"<tr>\s*<td>(.*?)</td>", section) == failed["员工编号"].tolist()


def test_the_dashboard_groups_the_digits_of_a_bank_s_counts(monkeypatch):
    """200,000 enrolments read as HR reads them in Excel, not as a run of six digits: headline, tables and the trend's scale."""
    from salesacademy import dashboard

    drawn = []
    monkeypatch.setattr(dashboard, "_png", lambda figure: drawn.append(figure) or "")

    summary = pd.DataFrame({"branch": ["上海浦东支行", "北京西城支行"], "enrolled": [150_000, 50_000], "completed": [100_000, 50_000],
                            "failed": [1_234, 0], "overdue": [12_000, 0], "awaiting_grading": [999, 1]})
    report = hr.Report(as_of=dt.date(2026, 12, 7), tables={"Summary": summary},
                       trend=pd.DataFrame({"as_of": [dt.date(2026, 12, 7)], "overdue": [12_000]}),
                       scores=pd.DataFrame(columns=["module_id", "title", "score_pct"]))
    shown = summary.rename(columns={"branch": "支行", "enrolled": "应修人数"})[["支行", "应修人数"]].assign(平均得分率=[81.25, None])
    page = dashboard.dashboard_html(report=report, tables={"Summary": shown}, language="zh-CN")
    assert "应修 200,000 · 已完成 150,000 (75%) · 未通过 1,234 · 逾期未提交 12,000 · 待评分 1,000" in page
    cells = re.findall(r"<td>(.*?)</td>", page)
    assert cells == ["上海浦东支行", "150,000", "81.25", "北京西城支行", "50,000", ""]  # the counts of a table too; a score is no count
    (trend,) = drawn[1].axes
    assert trend.yaxis.get_major_formatter()(25_000, 0) == "25,000"


def test_the_dashboard_leaves_role_and_module_codes_to_the_workbook_and_the_csv_files(cohort_instance, tmp_path):
    """HR reads the role and the module on the page; their codes, kept for other systems, are in the files beside it."""
    hr.completion(instance=cohort_instance, as_of=cohort.AS_OF, formats=["csv", "html"], out=tmp_path)
    page = (tmp_path / f"completion-{cohort.AS_OF}-dashboard.html").read_text(encoding="utf-8")
    overdue = pd.read_csv(tmp_path / f"completion-{cohort.AS_OF}-overdue.csv", encoding="utf-8-sig", dtype=str)
    assert {"岗位代码", "模块代码"} <= set(overdue.columns) and len(overdue)
    headings = set(re.findall(r"<th>(.*?)</th>", page))
    assert {"岗位", "模块"} <= headings and not headings & {"岗位代码", "模块代码"}
    assert not set(overdue["模块代码"]) & set(re.findall(r"<td>(.*?)</td>", page))
    assert not set(overdue["岗位代码"]) & set(re.findall(r"<td>(.*?)</td>", page))


def test_the_score_chart_draws_each_employee_of_a_small_cohort_and_only_the_box_of_a_large_one(monkeypatch):
    from salesacademy import dashboard

    drawn = []
    monkeypatch.setattr(dashboard, "_png", lambda figure: drawn.append(figure) or "")
    scores = pd.DataFrame({"module_id": ["small"] * 5 + ["large"] * (dashboard.DOTS_UP_TO + 1),
                           "title": ["小模块"] * 5 + ["大模块"] * (dashboard.DOTS_UP_TO + 1),
                           "score_pct": [10.0, 20.0, 30.0, 40.0, 50.0] + [75.0] * (dashboard.DOTS_UP_TO + 1)})
    summary = pd.DataFrame({"branch": ["上海浦东支行"], "enrolled": [306], "completed": [306], "failed": [0], "overdue": [0],
                            "awaiting_grading": [0]})
    report = hr.Report(as_of=dt.date(2026, 12, 7), tables={"Summary": summary},
                       trend=pd.DataFrame({"as_of": [dt.date(2026, 12, 7)], "overdue": [0]}), scores=scores)
    dashboard.dashboard_html(report=report, tables={}, language="zh-CN")
    (chart,) = drawn[2].axes
    (dots,) = chart.collections
    assert sorted(dots.get_offsets()[:, 0]) == [10.0, 20.0, 30.0, 40.0, 50.0]
    assert [label.get_text() for label in chart.get_yticklabels()] == ["小模块", "大模块"]
