"""The per-employee training report.

The figures come from `employee_report_data` over frames built here, the
statuses by `compute_status` itself, with every expected number worked out by
hand in the comments; reading a report's rows and the cohort's means from a
real gradebook, a batch at a time, must give what the whole cohort read at
once gives. Publishing is tested on notebooks built in memory. The slow tests
render real reports of a demo cohort with papermill, nbconvert and Chromium,
read the pages against the gradebook, the curriculum and the question
sources, and look at the printed pages' ink. The PDF tests print reports of
the small cohort of tests/cohort.py in this process, one worker, and read the
PDFs back with poppler: one browser prints them all, a browser killed between
two reports is started again, and a PDF that fails is listed while the other
reports are written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import stat
import subprocess
import sys

import nbformat
import pandas as pd
import pytest
from conftest import course_today, gradebook_url
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from salesacademy import pdf as printing
from salesacademy import report as report_module
from salesacademy.config import ReviewSection
from salesacademy.curriculum import Curriculum
from salesacademy.errors import AcademyError
from salesacademy.report import PDF, REPORT, Failure, publishable, select_employees, to_html, write_private
from salesacademy import report_data
from salesacademy.questions import variant_of
from salesacademy.report_data import employee_report_data, module_means
from salesacademy.status import compute_status

T = pd.Timestamp
AS_OF = dt.date(2025, 3, 1)
CURRICULUM = Curriculum.model_validate({
    "roles": {"teller": {"zh": "柜员", "en": "Teller"}, "branch_manager": {"zh": "支行行长", "en": "Branch manager"}},
    "tracks": {"frontline": {"title": {"zh": "一线岗位", "en": "Frontline"}, "roles": ["teller", "branch_manager"], "code": False}},
    "competencies": {"a": {"zh": "适当性", "en": "Suitability"}, "b": {"zh": "沟通", "en": "Communication"}},
    "modules": [
        {"id": "01-m", "title": {"zh": "模块一", "en": "Module one"}, "notebooks": ["exercise"], "competencies": ["a", "b"], "points": 10},
        {"id": "02-n", "title": {"zh": "模块二", "en": "Module two"}, "notebooks": ["exercise"], "competencies": ["b"], "points": 10},
        {"id": "03-o", "title": {"zh": "模块三", "en": "Module three"}, "notebooks": ["exercise"], "competencies": ["a"], "points": 10},
        {"id": "c01-k", "kind": "case", "title": {"zh": "案例一", "en": "Case one"}, "notebooks": ["exercise"], "competencies": ["a"],
         "points": 10, "supports": ["01-m", "03-o"]},
        {"id": "c02-j", "kind": "case", "title": {"zh": "案例二", "en": "Case two"}, "notebooks": ["exercise"], "competencies": ["b"],
         "points": 10, "supports": ["02-n"]},
    ],
})
EMPLOYEES = pd.DataFrame([
    {"employee_id": "M1", "name": "王芳", "branch": "B1", "role": "branch_manager", "manager_id": None, "active": True},
    {"employee_id": "E1", "name": "李强", "branch": "B1", "role": "teller", "manager_id": "M1", "active": True},
    {"employee_id": "E2", "name": "赵敏", "branch": "B2", "role": "teller", "manager_id": "X9", "active": True},
    {"employee_id": "E3", "name": "陈杰", "branch": "B2", "role": "teller", "manager_id": "M1", "active": False},
])
ENROLLMENTS = pd.DataFrame(
    [("E1", "01-m", "2024-03-31", "2024-04-30"), ("E1", "02-n", "2025-01-01", "2025-01-31"), ("E1", "03-o", "2025-02-18", "2025-03-20"),
     ("E1", "c01-k", "2025-03-01", "2025-04-15"), ("E1", "c02-j", "2025-01-16", "2025-02-15"),
     ("M1", "01-m", "2024-01-01", "2024-01-31"), ("M1", "02-n", "2025-01-01", "2025-01-31"),
     ("E2", "01-m", "2025-03-01", "2025-03-31"), ("E2", "02-n", "2025-01-01", "2025-01-31")],
    columns=["employee_id", "module_id", "assigned_on", "due_on"],
).astype({"assigned_on": "datetime64[ns]", "due_on": "datetime64[ns]"})
SUBMISSIONS = pd.DataFrame(
    [("E1", "02-n", T("2025-02-10 09:30")), ("E1", "01-m", T("2024-04-10 15:00")), ("E1", "03-o", T("2025-02-20 11:00")),
     ("E1", "c01-k", T("2025-03-05 08:00")), ("M1", "01-m", T("2024-01-10 10:00")), ("M1", "02-n", T("2025-01-20 10:00")),
     ("E2", "01-m", T("2025-02-01 10:00")), ("E2", "02-n", T("2025-02-05 10:00"))],
    columns=["employee_id", "module_id", "submitted_at"],
)


def grade_row(module_id, item, score, needs_manual_grade=False, employee_id="E1"):
    submitted = SUBMISSIONS[(SUBMISSIONS.employee_id == employee_id) & (SUBMISSIONS.module_id == module_id)].submitted_at.iloc[0]
    return {"employee_id": employee_id, "module_id": module_id, "item": item, "max_score": 5.0, "score": score,
            "needs_manual_grade": needs_manual_grade, "submitted_at": submitted, "track": "frontline", "language": "zh-CN"}


GRADES = pd.DataFrame([
    grade_row("01-m", "q1", 5.0),
    grade_row("01-m", "q2", 3.0),  # missed: 3 of 5
    grade_row("02-n", "q1", 5.0),
    grade_row("02-n", "q2", None),  # no score and nothing pending: missed, 0 of 5
    grade_row("03-o", "q1", 4.5),  # missed: 4.5 of 5
    grade_row("03-o", "q2", None, needs_manual_grade=True),  # waiting for a trainer: not missed
    grade_row("c01-k", "q1", 0.0),  # after the as-of date: not seen
    *(grade_row(m, q, score, employee_id="M1") for m, q, score in [("01-m", "q1", 5.0), ("01-m", "q2", 5.0), ("02-n", "q1", 5.0),
                                                                    ("02-n", "q2", 2.0)]),
    *(grade_row(m, q, score, employee_id="E2") for m, q, score in [("01-m", "q1", 4.0), ("01-m", "q2", 0.0), ("02-n", "q1", 5.0),
                                                                    ("02-n", "q2", 5.0)]),
])
# The cohort as of 2025-03-01, as compute_status sees it (pass mark 70 %, a pass lasts 12 months):
#   E1 01-m  8/10, on time       passed, lapses 2025-04-10 (within 60 days)
#   E1 02-n  5/10, after its due failed (submitted: not overdue)
#   E1 03-o  4.5 + a written answer waiting for a trainer: needs-manual-grading
#   E1 c01-k submitted after the as-of day: assigned, due 2025-04-15 (within 60 days)
#   E1 c02-j nothing submitted, due 2025-02-15: overdue
#   M1 01-m  10/10 in 2024-01: expired on 2025-01-10;  M1 02-n 7/10 on time: passed, 3 points lost
#   E2 01-m  4/10, not yet due: failed on time;  E2 02-n 10/10 five days late: passed late
STATUS = compute_status(employees=EMPLOYEES, enrollments=ENROLLMENTS, submissions=SUBMISSIONS, grades=GRADES, curriculum=CURRICULUM,
                        as_of=AS_OF)
MEANS = module_means(STATUS)
# The number and title of each item in the version taken; q1 of 01-m is a bank question with three variants.
TITLES = pd.DataFrame([
    ("01-m", "frontline", "zh-CN", "q1", 1, ("甲：客户要买 R4 产品", "乙：客户要买 R5 产品", "丙：客户要买 R3 产品")),
    ("01-m", "frontline", "zh-CN", "q2", 2, ("书面回答：回复同事",)),
    ("01-m", "frontline", "en", "q2", 2, ("Written answer: reply to a colleague",)),
    ("02-n", "frontline", "zh-CN", "q2", 3, ("每位员工的问题通话",)),
    ("03-o", "analyst", "zh-CN", "q1", 1, ("找出风险不匹配的销售",)),  # another track only: found all the same
], columns=["module_id", "track", "language", "item", "number", "titles"])


def report_of(employee_id, language="zh-CN", **changes):
    frames = {"status": STATUS, "grades": GRADES, "submissions": SUBMISSIONS, "employees": EMPLOYEES, "means": MEANS,
              "titles": TITLES, **changes}
    return employee_report_data(employee_id=employee_id, **frames, curriculum=CURRICULUM, review=ReviewSection(), as_of=AS_OF,
                                language=language)


@pytest.fixture(scope="module")
def e1():
    return report_of("E1")


def test_the_fixture_statuses_are_what_compute_status_gives():
    statuses = {(row.employee_id, row.module_id): (row.status, row.on_time) for row in STATUS.itertuples()}
    assert statuses == {
        ("E1", "01-m"): ("passed", True), ("E1", "02-n"): ("failed", False), ("E1", "03-o"): ("needs-manual-grading", False),
        ("E1", "c01-k"): ("assigned", False), ("E1", "c02-j"): ("overdue", False),
        ("M1", "01-m"): ("expired", True), ("M1", "02-n"): ("passed", True),
        ("E2", "01-m"): ("failed", False), ("E2", "02-n"): ("passed", False),
    }


def test_who_the_report_is_about(e1):
    assert (e1.name, e1.branch, e1.role_title, e1.manager_name) == ("李强", "B1", "柜员", "王芳")
    english = report_of("E2", language="en")
    assert english.role_title == "Teller" and english.manager_name is None  # X9 is not in the roster
    assert list(english.modules.title) == ["Module one", "Module two"]


def test_unknown_employee_is_an_error():
    with pytest.raises(AcademyError, match="E404"):
        report_of("E404", language="en")


def test_statuses_tell_failed_from_overdue_and_flag_a_late_pass(e1):
    modules = e1.modules.set_index("module_id")
    assert list(modules.index) == ["01-m", "02-n", "03-o", "c01-k", "c02-j"]
    assert list(modules.display_status) == ["passed", "failed", "needs-manual-grading", "assigned", "overdue"]
    assert list(modules.kind) == ["module", "module", "module", "case", "case"]
    assert list(modules.title) == ["模块一", "模块二", "模块三", "案例一", "案例二"]
    assert modules.percent["01-m"] == pytest.approx(0.8)
    assert modules.expires_on["01-m"] == T("2025-04-10 15:00") and pd.isna(modules.expires_on["03-o"])
    e2 = report_of("E2").modules.set_index("module_id")
    assert e2.display_status.to_dict() == {"01-m": "failed", "02-n": "passed-late"}  # failed before its due date: not overdue


def test_the_headline_counts_every_status_and_those_awaiting_a_trainer(e1):
    assert dataclasses.asdict(e1.key_figures) == {
        "required": 5, "passed": 1, "passed_late": 0, "failed": 1, "overdue": 1, "awaiting_trainer": 1, "awaiting_grading": 0,
        "not_started": 1, "expired": 0}
    e2 = dataclasses.asdict(report_of("E2").key_figures)
    assert (e2["required"], e2["passed"], e2["passed_late"], e2["failed"], e2["overdue"], e2["awaiting_trainer"]) == (2, 1, 1, 1, 0, 0)


def test_comparison_with_branch_and_cohort(e1):
    comparison = e1.comparison.set_index("module_id")
    # 01-m: E1 0.8; branch B1 = E1 0.8 and M1 1.0 (expired, but graded) -> 0.9; cohort adds E2 0.4 -> 2.2 / 3
    assert comparison.loc["01-m", ["employee", "branch_mean", "cohort_mean"]].tolist() == pytest.approx([0.8, 0.9, 2.2 / 3])
    # 02-n: E1 0.5; B1 = 0.5 and 0.7 -> 0.6; cohort adds E2 1.0 -> 2.2 / 3
    assert comparison.loc["02-n", ["employee", "branch_mean", "cohort_mean"]].tolist() == pytest.approx([0.5, 0.6, 2.2 / 3])
    # 03-o is only provisionally scored and the cases not at all: nothing to compare
    assert comparison.loc[["03-o", "c01-k", "c02-j"], ["employee", "branch_mean", "cohort_mean"]].isna().all().all()


def test_means_of_the_cohort_add_up_its_final_scores_by_branch_and_module():
    added = module_means(STATUS).set_index(["branch", "module_id"])
    # final scores only: B1 01-m 0.8 + 1.0, 02-n 0.5 + 0.7; B2 01-m 0.4, 02-n 1.0; 03-o is provisional
    assert added.total.to_dict() == pytest.approx({("B1", "01-m"): 1.8, ("B1", "02-n"): 1.2, ("B2", "01-m"): 0.4, ("B2", "02-n"): 1.0})
    assert added["count"].to_dict() == {("B1", "01-m"): 2, ("B1", "02-n"): 2, ("B2", "01-m"): 1, ("B2", "02-n"): 1}
    assert list(module_means(STATUS).columns) == list(MEANS.columns)


def test_competency_profile_over_graded_modules(e1):
    profile = e1.competencies.set_index("competency")
    # graded: 01-m 0.8 (a, b) and 02-n 0.5 (b); 03-o is provisional
    assert list(profile.index) == ["a", "b"]
    assert profile.percent.tolist() == pytest.approx([0.8, 0.65])
    assert profile.modules.tolist() == [1, 2]
    assert profile.title.tolist() == ["适当性", "沟通"]


def test_points_lost_are_named_by_question_number_and_title(e1):
    missed = e1.missed
    assert list(zip(missed.module_id, missed.number, missed.question, missed.score, missed.max_score)) == [
        ("01-m", 2, "书面回答：回复同事", 3.0, 5.0), ("02-n", 3, "每位员工的问题通话", 0.0, 5.0),
        ("03-o", 1, "找出风险不匹配的销售", 4.5, 5.0)]
    # E2 missed q1 of 01-m, a bank question: the title is the variant E2 was given (questions.variant_of)
    variant, _ = variant_of("01-m", "q1", "E2", 3)
    e2 = report_of("E2")
    assert e2.missed.question.tolist() == [TITLES.titles[0][variant], "书面回答：回复同事"]
    english = report_of("E1", language="en", grades=GRADES.assign(language="en"))
    assert english.missed.question.tolist()[0] == "Written answer: reply to a colleague"
    unknown = report_of("E1", titles=TITLES.iloc[:0])  # a version whose sources are gone: no number, no title, never the item id
    assert unknown.missed.number.isna().all() and set(unknown.missed.question) == {""}


def test_what_to_do_names_the_reason_competencies_and_questions(e1):
    actions = e1.actions
    assert list(zip(actions.module_id, actions.reason, actions.date)) == [
        ("02-n", "failed", T("2025-01-31")), ("c02-j", "overdue", T("2025-02-15")), ("01-m", "expiring", T("2025-04-10 15:00")),
        ("c01-k", "due-soon", T("2025-04-15"))]
    failed = actions.iloc[0]
    assert (failed.competencies, failed.questions, failed.cases) == (("沟通",), (3,), ("案例二",))
    assert "03-o" not in set(actions.module_id)  # waiting for a trainer: nothing for the employee to do
    later = report_of("E1", status=STATUS.assign(expires_on=STATUS.expires_on.where(STATUS.module_id != "01-m", T("2025-06-01"))))
    # lapsing in 92 days, 01-m is a pass with 2 points lost: reviewed, never retaken
    review = later.actions.set_index("module_id").loc["01-m"]
    assert (review.reason, review.competencies, review.questions, review.cases) == ("review", (), (2,), ())


def test_a_pass_is_never_to_be_retaken():
    m1 = report_of("M1").actions.set_index("module_id")
    assert m1.reason.to_dict() == {"01-m": "expired", "02-n": "review"}  # 02-n: passed with 7 of 10
    e2 = report_of("E2").actions
    assert e2.module_id.tolist() == ["01-m"]  # 02-n passed late with full marks: nothing to review
    assert e2.reason.tolist() == ["failed"] and e2.date.tolist() == [T("2025-03-31")]


def test_attempt_history_up_to_the_as_of_date(e1):
    assert list(zip(e1.attempts.module_id, e1.attempts.submitted_at)) == [
        ("01-m", T("2024-04-10 15:00")), ("02-n", T("2025-02-10 09:30")), ("03-o", T("2025-02-20 11:00"))]


def test_the_training_score_is_the_review_feed_s(e1):
    from salesacademy.review import review_feed

    feed = review_feed(status=STATUS, review=ReviewSection(), period="").set_index("employee_id")
    for employee_id, report in (("E1", e1), ("E2", report_of("E2")), ("M1", report_of("M1"))):
        assert report.review.training_score == pytest.approx(feed.training_score[employee_id], nan_ok=True)
        assert report.review.overdue == feed.overdue[employee_id]


# Selection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"all_": True}, ["M1", "E1", "E2"]),
        ({"branch": "B1"}, ["M1", "E1"]),
        ({"employees": ["E2", "E1"]}, ["E1", "E2"]),
        ({"employees": ["E1", "E2"], "branch": "B2"}, ["E2"]),
    ],
)
def test_selection_of_active_employees(kwargs, expected):
    chosen = select_employees(EMPLOYEES, **{"employees": None, "branch": None, "all_": False, **kwargs})
    assert chosen == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "choose whom"),
        ({"employees": ["E1", "NOPE"]}, "unknown employee 'NOPE'"),
        ({"employees": ["E3"]}, "'E3' is inactive"),
        ({"branch": "B9"}, "no active employee in branch 'B9'"),
        ({"employees": ["E2"], "branch": "B1"}, "works in branch 'B1'"),
        ({"all_": True, "branch": "B1"}, "not both"),
    ],
)
def test_selection_errors_are_one_line(kwargs, message):
    with pytest.raises(AcademyError, match=message) as error:
        select_employees(EMPLOYEES, **{"employees": None, "branch": None, "all_": False, **kwargs})
    assert "\n" not in str(error.value)


# Publishing ---------------------------------------------------------------------------------

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def executed_notebook() -> nbformat.NotebookNode:
    """What papermill hands back: parameters, injected parameters, notes, warnings and its own metadata."""
    cells = [
        new_markdown_cell("Notes for whoever edits the template"),
        new_code_cell("employee_id = 'E0'", metadata={"tags": ["parameters"]}),
        new_code_cell("employee_id = 'E1'\ngradebook_url = 'sqlite:////srv/secret/gradebook.db'\ngradebook_url",
                      metadata={"tags": ["injected-parameters"], "papermill": {"duration": 0.1}},
                      outputs=[new_output("execute_result", data={"text/plain": "'sqlite:////srv/secret/gradebook.db'"})]),
        new_code_cell("import warnings", outputs=[new_output("stream", name="stderr", text="/work/main/x.py:1: UserWarning: careful")]),
        new_code_cell("show()", outputs=[
            new_output("display_data", data={"text/html": "<h2>Report of E1</h2>"}),
            new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
        ], metadata={"papermill": {"start_time": "2025-01-01"}}),
    ]
    notebook = new_notebook(cells=cells, metadata={
        "papermill": {"parameters": {"gradebook_url": "sqlite:////srv/secret/gradebook.db"}, "input_path": "/work/x.ipynb"},
        "kernelspec": {"name": "salesacademy-fork", "display_name": "x", "language": "python"},
    })
    return notebook


def test_bar_chart_draws_each_value_as_a_share_of_the_track():
    from salesacademy.charts import Series, bar_chart

    page = bar_chart(["合规 <A>", "Module B"], [Series("本人", [0.5, None], "#111111"),
                                                 Series("平均", [1.25, -0.1], ["#222222", "#333333"], labelled=False)],
                     axis="得分（%）", missing="暂无成绩", marker=("及格线", 0.6))
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page)
    assert [label for label, _ in rows] == ["合规 &lt;A&gt;", "Module B"]  # labels are text, not markup
    bars = [re.findall(r'<b style="width: ([0-9.]+)%; background: (#\d+)"></b><span[^>]*>([^<]*)</span>', cells)
            for _, cells in rows]
    assert bars == [[("50.0", "#111111", "50%"), ("100.0", "#222222", "")],  # values beyond 0..1 stay on the track
                    [("0.0", "#111111", "暂无成绩"), ("0.0", "#333333", "")]]
    assert page.count('<i class="marker" style="left: 60.0%">') == 2
    legend = re.search(r'<div class="legend">(.*?)</div>', page).group(1)
    assert "本人" in legend and "及格线" in legend and "平均" not in legend  # no single colour for a per-row series
    assert [int(t) for t in re.findall(r'<span style="left: (\d+)%">\1</span>', page)] == [0, 20, 40, 60, 80, 100]


def test_publishable_keeps_only_outputs():
    published = publishable(executed_notebook())
    assert len(published.cells) == 1
    (cell,) = published.cells
    assert cell.source == "" and cell.metadata == {} and [o.output_type for o in cell.outputs] == ["display_data"] * 2
    assert published.metadata == {"language_info": {"name": "python"}}


def test_page_has_no_code_parameters_paths_or_external_scripts():
    page = to_html(executed_notebook(), title="E1_2025")
    assert "Report of E1" in page and f"data:image/png;base64,{PNG}" in page
    for absent in ('class="jp-InputArea', "input_area", "parameters", "secret", "/work", "/srv", "UserWarning", "show()",
                   "<script src=", 'src="http', "Notes for whoever"):
        assert absent not in page, absent
    assert re.search(r"<script\b", page) is None  # no script of any kind
    assert "<title>E1_2025</title>" in page


def test_the_page_is_nbconvert_s_own_but_for_the_tab_stops_and_alt_text_of_its_last_pass():
    """The report's exporter leaves out the pass in which nbconvert parses its page again; all else is the same page."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    stock = HTMLExporter(template_name="lab", template_file=str(report_module.PAGE_TEMPLATE), exclude_input=True,
                         exclude_input_prompt=True, exclude_output_prompt=True, exclude_markdown=True)
    notebook = publishable(executed_notebook())
    ours, _ = report_module.html_exporter().from_notebook_node(notebook, resources={"metadata": {"name": "E1_2025"}})
    theirs, _ = stock.from_notebook_node(notebook, resources={"metadata": {"name": "E1_2025"}})
    pages = [BeautifulSoup(page, "html.parser") for page in (ours, theirs)]
    added = [(element.name, attribute) for element in pages[1].select("[tabindex], img[alt]") for attribute in ("tabindex", "alt")
             if element.has_attr(attribute)]
    assert ("img", "alt") in added and ("div", "tabindex") in added  # what the pass adds, on this page
    for element in pages[1].select("[tabindex], img[alt]"):
        for attribute in ("tabindex", "alt"):
            del element[attribute]
    assert len(str(pages[0])) > 100_000 and str(pages[0]) == str(pages[1])  # the lab theme's style sheets, and every output


def test_one_exporter_per_process():
    assert report_module.html_exporter() is report_module.html_exporter()


def test_a_worker_starts_its_report_template_before_its_first_report():
    """In a fresh worker process, `prepare` starts the template (the kind that loads no course data) and warms it."""
    script = ("from salesacademy import report\n"
              "from salesacademy.kernel.provisioner import Template\n"
              "cohort = ('sqlite:////nonexistent/gradebook.db', 'UTC', '/nonexistent', '2025-01-01')\n"
              "report.prepare(cohort, None)\n"
              "report._warmed[cohort].join()\n"
              "print(sorted(Template._instances))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[(True, False)]", done.stderr[-2000:]


SHARED_REPORT_TEMPLATE = """
import multiprocessing
from salesacademy import report
from salesacademy.kernel.provisioner import Template

COHORT = ('sqlite:////nonexistent/gradebook.db', 'UTC', '/nonexistent', '2025-01-01')


def worker(shared):
    report.prepare(COHORT, None, shared)
    report._warmed[COHORT].join()
    template = Template.get(shell=True, course_data=False)
    return template.folder == shared, template.process is None, sorted(Template._instances)


if __name__ == "__main__":
    shared = Template.share(course_data=False)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        print(pool.apply(worker, (shared,)))
"""


def test_report_workers_fork_from_the_template_their_command_shares(tmp_path):
    """`academy report` starts one template for all its local workers, which adds the cohort up once."""
    script = tmp_path / "probe.py"
    script.write_text(SHARED_REPORT_TEMPLATE, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "(True, True, [(True, False)])", done.stderr[-2000:]


def test_report_kernels_find_no_course_data_loaded_and_grading_kernels_do(tmp_path):
    """Reports read the gradebook: their template skips the bank's and the cases' data that learners' notebooks load."""
    import papermill

    from salesacademy.kernel import papermill_engine
    from salesacademy.kernel.runner import Limits, run_notebook

    papermill_engine.register()
    probe = "from salesacademy import bankdata\nprint(bankdata.load.cache_info().currsize)"
    nb = new_notebook(cells=[new_code_cell(probe)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    ran = papermill.execute_notebook(nb, None, engine_name=papermill_engine.ENGINE_NAME, kernel_name="python3", progress_bar=False,
                                     cwd=str(tmp_path))
    graded = new_notebook(cells=[new_code_cell(probe)])
    run_notebook(graded, cwd=str(tmp_path), env={}, limits=Limits())
    assert [ran.cells[0].outputs[0].text, graded.cells[0].outputs[0].text] == ["0\n", "1\n"]


def test_files_are_written_atomically_and_privately(tmp_path):
    target = tmp_path / "E1_2025.html"
    target.write_text("old", encoding="utf-8")
    write_private(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["E1_2025.html"]  # no temporary file left behind


def test_missing_chromium_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    with pytest.raises(AcademyError, match="install it") as error:
        printing.chromium_executable()
    assert "\n" not in str(error.value)


def test_what_failed_is_said_in_the_course_language_one_line_each(tmp_path):
    run = report_module.ReportRun(written=[tmp_path / "E1_p.html", tmp_path / "E1_p.pdf", tmp_path / "E2_p.html"],
                                  failed={"E2": Failure(PDF, "TimeoutError: page.pdf: Timeout 60000ms exceeded."),
                                          "E3": Failure(REPORT, "KeyError: 'E3'")}, language="zh-CN")
    summary, lines = report_module.run_lines(run, folder=tmp_path)
    assert summary == f"已写入 3 个文件（{tmp_path}）；2 位员工的报告未完成"
    assert lines == ["E2：PDF 未能打印，网页版报告已写入：TimeoutError: page.pdf: Timeout 60000ms exceeded.",
                     "E3：报告未生成：KeyError: 'E3'"]
    summary, lines = report_module.run_lines(dataclasses.replace(run, language="en"), folder=tmp_path)
    assert summary == f"wrote 3 file(s) in {tmp_path}; 2 employee report(s) incomplete"
    assert lines[0] == "E2: PDF not printed; the HTML report was written: TimeoutError: page.pdf: Timeout 60000ms exceeded."
    assert str(run.failed["E2"]) == "PDF: TimeoutError: page.pdf: Timeout 60000ms exceeded." and str(run.failed["E3"]) == "KeyError: 'E3'"


def test_papermill_failures_are_reported_by_the_notebook_exception():
    from papermill.exceptions import PapermillExecutionError

    error = PapermillExecutionError(cell_index=3, exec_count=3, source="x", ename="KeyError", evalue="'E9'", traceback=[])
    assert report_module.failure_reason(error) == "KeyError: 'E9'"
    assert report_module.failure_reason(RuntimeError("first line\nsecond")) == "RuntimeError: first line"


def test_selection_and_period_are_checked_before_anything_runs(instance, roster_file):
    from salesacademy.roster import import_roster

    import_roster(instance=instance, file=roster_file)
    with pytest.raises(AcademyError, match="unknown employee 'NOPE'"):
        report_module.report(instance=instance, employees=["NOPE"], pdf=False, progress=False)
    with pytest.raises(AcademyError, match="choose whom"):
        report_module.report(instance=instance, pdf=False, progress=False)
    with pytest.raises(AcademyError, match="period"):
        report_module.report(instance=instance, all_=True, period="../2025", pdf=False, progress=False)
    assert not (instance / "reports" / "employees").exists()


# Real reports of a demo cohort (slow) -------------------------------------------------------

# What a zh-CN reader sees for each status of compute_status; a pass submitted after its due day is a late pass.
ZH_STATUS = {"assigned": "未开始", "submitted": "已提交，待评分", "needs-manual-grading": "待培训师评分", "passed": "已通过",
             "failed": "未通过", "overdue": "逾期未提交", "expired": "认证已过期"}
ZH_LATE_PASS = "已通过（逾期提交）"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    from salesacademy.demo import demo

    return demo(out=tmp_path_factory.mktemp("report") / "d", employees=6, language="zh-CN", progress=False)


@pytest.fixture(scope="module")
def rendered(cohort):
    """Reports of two employees as of today, with their PDFs."""
    chosen, as_of = ["E10002", "E10003"], course_today(cohort.paths.root)
    return chosen, as_of, report_module.report(instance=cohort.paths.root, employees=chosen, as_of=as_of, progress=False)


def expected_rows(cohort, employee_id, as_of):
    """(title, status label, score) of each module the employee must take, straight from compute_status."""
    from salesacademy import gradebook_reads
    from salesacademy.config import bundled_content, load_config
    from salesacademy.curriculum import load_curriculum
    from salesacademy.status import compute_status

    url, timezone = f"sqlite:///{cohort.paths.root}/gradebook.db", load_config(cohort.paths.root)[0].course.timezone
    curriculum = load_curriculum(bundled_content())
    # due dates are days of the course's calendar: submission times in its time zone
    table = compute_status(employees=gradebook_reads.employees(url), enrollments=gradebook_reads.enrollments(url),
                           submissions=gradebook_reads.submissions(url, timezone), grades=gradebook_reads.grade_rows(url, timezone),
                           curriculum=curriculum, as_of=as_of)
    rows = table[table.employee_id == employee_id]
    assert len(rows) >= 9
    for row in rows.itertuples():
        score = "—" if pd.isna(row.percent) else f"{row.percent * 100:.1f}%"
        if row.status == "needs-manual-grading":
            score = f"({score})"
        label = ZH_LATE_PASS if row.status == "passed" and not row.on_time else ZH_STATUS[row.status]
        yield row.name, curriculum.module(row.module_id).title("zh-CN"), label, score


def whole_cohort(url, timezone, as_of):
    """Every frame of the gradebook read at once, and everyone's status: what a report's rows must agree with."""
    from salesacademy import gradebook_reads
    from salesacademy.config import bundled_content
    from salesacademy.curriculum import load_curriculum
    from salesacademy.status import compute_status

    frames = {"employees": gradebook_reads.employees(url), "grades": gradebook_reads.grade_rows(url, timezone),
              "submissions": gradebook_reads.submissions(url, timezone)}
    status = compute_status(**frames, enrollments=gradebook_reads.enrollments(url), curriculum=load_curriculum(bundled_content()), as_of=as_of)
    return frames, status


@pytest.mark.slow
def test_a_report_reads_only_its_employee_and_the_means_from_the_submission_totals(cohort):
    from salesacademy.config import bundled_content, load_config

    url, timezone, as_of = f"sqlite:///{cohort.paths.root}/gradebook.db", load_config(cohort.paths.root)[0].course.timezone, course_today(cohort.paths.root)
    frames, status = whole_cohort(url, timezone, as_of)
    shared = report_data.cohort.__wrapped__(url, timezone, str(bundled_content()), as_of.isoformat())

    key = ["branch", "module_id"]
    expected = module_means(status).sort_values(key, ignore_index=True)
    assert expected["count"].sum() >= 6  # the demo has final scores to average
    pd.testing.assert_frame_equal(shared.means.sort_values(key, ignore_index=True), expected, check_dtype=False)
    for employee_id in status.employee_id.unique():
        own = report_data.employee_report(shared, employee_id, review=ReviewSection(), language="zh-CN")
        whole = employee_report_data(employee_id=employee_id, status=status, **frames, means=expected, titles=shared.titles,
                                     curriculum=shared.curriculum,
                                     review=ReviewSection(), as_of=as_of, language="zh-CN")
        assert (own.name, own.manager_name, own.key_figures) == (whole.name, whole.manager_name, whole.key_figures)
        pd.testing.assert_series_equal(own.review, whole.review, check_dtype=False, obj=f"{employee_id} review")
        for part in ("modules", "comparison", "competencies", "missed", "actions", "attempts"):
            pd.testing.assert_frame_equal(getattr(own, part), getattr(whole, part), check_dtype=False, obj=f"{employee_id} {part}")


def test_reading_one_employee_uses_the_gradebook_indexes_an_older_gradebook_is_given(instance):
    import sqlalchemy as sa

    from salesacademy.gradebook import EMPLOYEE_INDEXES, add_missing_tables, engine
    from salesacademy.gradebook_reads import GRADE_ROWS

    url = gradebook_url(instance)
    eng = engine(url)
    try:
        with eng.begin() as connection:  # as in a gradebook of an earlier version
            for name in EMPLOYEE_INDEXES:
                connection.exec_driver_sql(f"DROP INDEX {name}")
        add_missing_tables(url)  # which `academy grade` and `academy report` call first
        for name, (table, column) in EMPLOYEE_INDEXES.items():
            indexes = {index["name"]: index["column_names"] for index in sa.inspect(eng).get_indexes(table)}
            assert indexes.get(name) == [column], (table, indexes)
        if eng.dialect.name == "sqlite":  # and the query planner takes them
            with eng.connect() as connection:
                plan = " ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {GRADE_ROWS} WHERE sa.student_id IN (?)", ("E1",)))
            assert all(f"INDEX {name}" in plan for name in EMPLOYEE_INDEXES), plan
    finally:
        eng.dispose()


@pytest.mark.slow
def test_reports_show_each_module_as_status_computes_it(cohort, rendered):
    chosen, as_of, run = rendered
    assert run.failed == {}
    for employee_id in chosen:
        page = (cohort.paths.reports / "employees" / f"{employee_id}_{as_of.isoformat()}.html").read_text(encoding="utf-8")
        for name, title, status, score in expected_rows(cohort, employee_id, as_of):
            assert f"员工培训报告: {name}" in page
            row = re.search(rf"<td>{re.escape(title)}</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", page)
            assert row is not None, title
            assert row.groups() == (status, score), title
            # The comparison chart's first bar in the module's row is the employee's final score;
            # a provisional one (in brackets) is not compared.
            bar = re.search(rf'<th scope="row">{re.escape(title)}</th><td><div class="track"><div class="bar">'
                            rf'<b style="width: ([0-9.]+)%[^"]*"></b><span[^>]*>([^<]*)</span>', page)
            assert bar is not None, title
            final = score != "—" and not score.startswith("(")
            width = f"{float(score.rstrip('%')):.1f}" if final else "0.0"
            assert bar.groups() == (width, f"{float(width):.0f}%" if final else "暂无成绩"), title


@pytest.mark.slow
def test_reports_are_standalone_private_and_clean(cohort, rendered):
    chosen, as_of, run = rendered
    folder = cohort.paths.reports / "employees"
    assert sorted(run.written) == sorted(folder / f"{e}_{as_of.isoformat()}{s}" for e in chosen for s in (".html", ".pdf"))
    for path in run.written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        if path.suffix == ".pdf":
            assert path.read_bytes().startswith(b"%PDF")
            continue
        page = path.read_text(encoding="utf-8")
        for absent in ('class="jp-InputArea', "input_area", "parameters", "/tmp", "/work", "/root", "<script src=", 'src="http',
                       "gradebook_url", "sqlite"):
            assert absent not in page, (path.name, absent)
        assert page.count('<figure class="bar-chart">') == 2  # the comparison and the competency profile
        assert "Asia/" not in page and "时间均为北京时间（UTC+8）" in page  # the demo's course runs on Shanghai time


def test_the_time_zone_is_named_as_people_read_it_with_its_offset_on_the_day():
    from salesacademy.labels import zone_label

    winter, summer = dt.date(2025, 1, 15), dt.date(2025, 7, 15)
    assert zone_label("Asia/Shanghai", "zh-CN", winter) == "北京时间（UTC+8）"
    assert zone_label("Asia/Shanghai", "en", summer) == "China Standard Time (UTC+8)"
    assert (zone_label("America/New_York", "en", winter), zone_label("America/New_York", "en", summer)) == ("UTC-5", "UTC-4")
    assert zone_label("Asia/Kolkata", "zh-CN", winter) == "UTC+5:30"


@pytest.mark.slow
def test_a_failing_report_does_not_stop_the_others(cohort, tmp_path):
    template = tmp_path / "broken.py"
    template.write_text(report_module.NOTEBOOK_TEMPLATE.read_text(encoding="utf-8")
                        + '\n# %%\nassert employee_id != "E10005", "broken for this employee"\n', encoding="utf-8")
    run = report_module.report(instance=cohort.paths.root, employees=["E10004", "E10005"], period="broken", pdf=False,
                               progress=False, template=template)
    assert run.failed == {"E10005": Failure(REPORT, "AssertionError: broken for this employee")}
    assert [p.name for p in run.written] == ["E10004_broken.html"]
    assert not (cohort.paths.reports / "employees" / "E10005_broken.html").exists()


def test_a_small_batch_is_written_by_the_command_alone_and_a_larger_one_by_its_workers(cohort, monkeypatch):
    """Unless workers are asked for: up to `executors.SMALL_REPORT_BATCH` reports in this process, more by grading.workers."""
    from salesacademy import executors
    from salesacademy.config import load_config, workers

    asked, chosen = [], executors.chosen

    def spy(executor, **options):
        asked.append(options["workers"])
        return chosen(executor, **options)

    def no_pool(*args, **kwargs):
        raise AssertionError("worker processes started")

    monkeypatch.setattr(executors, "chosen", spy)
    monkeypatch.setattr(executors, "_pool", no_pool)
    run = report_module.report(instance=cohort.paths.root, employees=["E10004", "E10005"], period="inline", pdf=False, progress=False)
    assert run.failed == {} and sorted(p.name for p in run.written) == ["E10004_inline.html", "E10005_inline.html"]
    monkeypatch.undo()  # worker processes allowed again
    monkeypatch.setattr(executors, "chosen", spy)
    monkeypatch.setattr(executors, "SMALL_REPORT_BATCH", 1)
    report_module.report(instance=cohort.paths.root, employees=["E10004", "E10005"], period="pooled", pdf=False, progress=False)
    assert asked == [1, min(workers(load_config(cohort.paths.root)[0]), 2)]


# PDFs from one warm browser per worker (slow) --------------------------------------------------


def pdf_facts(path):
    """(pages, paper, text) of a PDF as poppler reads it: the file must be a PDF that pdfinfo and pdftotext open."""
    assert path.read_bytes().startswith(b"%PDF-"), path
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))
    paper = re.search(r"^Page size:.*\((\w+)\)$", info, re.MULTILINE)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, paper.group(1) if paper else None, " ".join(text.split())


def small_cohort_heading(employee_id):
    """The first heading of a report of the cohort of tests/cohort.py, whose staff all read Chinese."""
    import cohort as small

    return f"员工培训报告: {small.NAMES[employee_id]}"


def gone(pid):
    """True once process `pid` has ended (a zombie waiting for its parent counts as ended)."""
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


@pytest.fixture(scope="module")
def small_cohort(instance_template, tmp_path_factory):
    """The graded cohort of tests/cohort.py: six staff, two modules, built in a second."""
    import cohort as small

    return small.build(instance_template, tmp_path_factory.mktemp("pdf") / "course")


@pytest.fixture(scope="module")
def printed(small_cohort):
    """Three reports of one worker (this process), the browser killed right after the second PDF; the browser's pid at each PDF."""
    import os
    import signal
    import time

    import cohort as small

    chosen = ["B1", "R1", "T1"]
    chromium = printing.chromium_executable()
    printing.printer(chromium).close()  # a browser an earlier test left running: this run starts its own
    launched_before = printing.printer(chromium).launches  # the printer is this process's, used by earlier tests too
    pids, killed = [], []
    original = printing.Printer.print

    def watched(self, html):
        document = original(self, html)
        pids.append(self.pid)
        if len(pids) == 2:
            os.kill(pids[-1], signal.SIGKILL)
            killed.append(pids[-1])
            for _ in range(100):  # until it is really gone, before the next report
                if gone(killed[0]):
                    break
                time.sleep(0.1)
        return document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(printing.Printer, "print", watched)
        run = report_module.report(instance=small_cohort, employees=chosen, as_of=small.AS_OF, period="printed", workers=1,
                                   progress=False)
    return chosen, pids, killed, run, printing.printer(chromium).launches - launched_before


@pytest.mark.slow
def test_one_browser_prints_the_pdfs_of_a_worker(small_cohort, printed):
    chosen, pids, _, run, _ = printed
    assert run.failed == {}
    assert len(pids) == 3 and all(isinstance(pid, int) for pid in pids)
    assert pids[0] == pids[1]  # the second report's PDF came from the browser that printed the first
    for employee_id in chosen:
        pdf = small_cohort / "reports" / "employees" / f"{employee_id}_printed.pdf"
        assert pdf in run.written
        pages, paper, text = pdf_facts(pdf)
        assert pages >= 1 and paper == "A4", (employee_id, pages, paper)
        assert small_cohort_heading(employee_id) in text and employee_id in text, employee_id  # the text, Chinese names included
        # The Chinese text in an embedded TrueType subset, not drawn glyph by glyph as Type 3 fonts (3x the size and time).
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^\w{6}\+WenQuanYiMicroHei\s+CID TrueType\s", fonts, re.MULTILINE), fonts


@pytest.mark.slow
def test_a_browser_killed_between_two_reports_is_restarted(small_cohort, printed):
    chosen, pids, killed, run, launches = printed
    assert killed == [pids[1]] and gone(killed[0])
    assert pids[2] != pids[1] and not gone(pids[2])  # a new browser printed the third, and stays for the next
    assert launches == 2
    assert run.failed == {}
    pages, _, text = pdf_facts(small_cohort / "reports" / "employees" / f"{chosen[2]}_printed.pdf")
    assert pages >= 1 and small_cohort_heading(chosen[2]) in text


@pytest.mark.slow
def test_a_pdf_that_fails_is_listed_and_the_other_reports_are_written(small_cohort, monkeypatch, capsys):
    import cohort as small

    from salesacademy import cli

    chosen, unlucky = ["B2", "W2", "T2"], "W2"
    folder = small_cohort / "reports" / "employees"
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / f"{unlucky}_faulty.pdf"
    stale.write_bytes(b"%PDF-1.4 an earlier run's")
    original = printing.Printer.print

    def failing(self, html):
        if f"<td>{unlucky}</td>" in html:
            raise RuntimeError("Target page, context or browser has been closed")
        return original(self, html)

    monkeypatch.setattr(printing.Printer, "print", failing)
    code = cli.main(["report", "--instance", str(small_cohort), *chosen, "--as-of", small.AS_OF.isoformat(), "--period", "faulty",
                     "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip() == f"已写入 5 个文件（{folder.resolve()}）；1 位员工的报告未完成"
    said = [line for line in err.splitlines() if "：" in line]  # the progress bar shares stderr
    assert said == [f"{unlucky}：PDF 未能打印，网页版报告已写入：RuntimeError: Target page, context or browser has been closed"]
    assert sorted(p.name for p in folder.glob("*_faulty.*")) == [
        "B2_faulty.html", "B2_faulty.pdf", "T2_faulty.html", "T2_faulty.pdf", "W2_faulty.html"]
    assert small.NAMES[unlucky] in (folder / f"{unlucky}_faulty.html").read_text(encoding="utf-8")
    for employee_id in ("B2", "T2"):
        assert small_cohort_heading(employee_id) in pdf_facts(folder / f"{employee_id}_faulty.pdf")[2]


def status_of(cohort, employee_id, as_of):
    """compute_status's rows of one employee of the demo cohort, and the curriculum."""
    from salesacademy import gradebook_reads
    from salesacademy.config import bundled_content, load_config
    from salesacademy.curriculum import load_curriculum
    from salesacademy.status import compute_status

    url, timezone = f"sqlite:///{cohort.paths.root}/gradebook.db", load_config(cohort.paths.root)[0].course.timezone
    curriculum = load_curriculum(bundled_content())
    # due dates are days of the course's calendar: submission times in its time zone
    table = compute_status(employees=gradebook_reads.employees(url), enrollments=gradebook_reads.enrollments(url),
                           submissions=gradebook_reads.submissions(url, timezone), grades=gradebook_reads.grade_rows(url, timezone),
                           curriculum=curriculum, as_of=as_of)
    return table[table.employee_id == employee_id], curriculum


def report_page(cohort, employee_id, as_of):
    return (cohort.paths.reports / "employees" / f"{employee_id}_{as_of.isoformat()}.html").read_text(encoding="utf-8")


def table_cells(page, name):
    """The text of each cell of each body row of the report table with class `name`."""
    import html

    found = re.search(rf'<table[^>]*class="[^"]*report-table {name}"[^>]*>(.*?)</table>', page, re.DOTALL)
    if found is None:
        return []
    body = found.group(1).split("</thead>")[-1]
    return [[html.unescape(cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)]


@pytest.mark.slow
def test_the_headline_counts_failed_overdue_and_awaiting_a_trainer(cohort, rendered):
    chosen, as_of, _ = rendered
    seen = set()
    for employee_id in chosen:
        rows, _ = status_of(cohort, employee_id, as_of)
        page = report_page(cohort, employee_id, as_of)
        figures = dict(re.findall(r'<div class="figure [a-z_]+"><dt>([^<]*)</dt><dd>([0-9.—]+)', page))
        late = int(((rows.status == "passed") & ~rows.on_time.astype(bool)).sum())
        assert figures["必修"] == str(len(rows))
        assert figures["已通过"] == str(int((rows.status == "passed").sum()))
        assert f"其中逾期提交 {late}</small>" in page
        assert figures["未通过"] == str(int((rows.status == "failed").sum()))
        assert figures["逾期未提交"] == str(int((rows.status == "overdue").sum()))
        assert figures["待培训师评分"] == str(int((rows.status == "needs-manual-grading").sum()))  # shown even when 0
        seen |= set(rows.status)
    assert {"failed", "needs-manual-grading"} <= seen  # the demo's two employees have something to count


def bank_text(folder, item, employee_id, language="zh"):
    """The text of `employee_id`'s variant of bank question `item`, read from questions.yml, without Markdown emphasis or code marks."""
    import yaml

    from salesacademy.questions import variant_of

    question = yaml.safe_load((folder / "questions.yml").read_text(encoding="utf-8"))["questions"][item]
    variant, _ = variant_of(folder.name, item, employee_id, len(question["variants"]))
    return " ".join(question["variants"][variant]["question"][language].replace("**", "").replace("`", "").split())


def written_opening(folder, item):
    """The first words of the Chinese scenario of written answer `item`, read from exercise.py."""
    lines = (folder / "exercise.py").read_text(encoding="utf-8").splitlines()
    at = lines.index(next(line for line in lines if f'written="{item}"' in line))
    heading = max(i for i in range(at) if lines[i].startswith("# ## 第 Q# 题"))
    opening = next(line for line in lines[heading + 1:] if line.strip("# "))
    return opening.removeprefix("# ").replace("**", "")[:12]


@pytest.mark.slow
def test_points_lost_are_named_by_the_question_the_employee_saw(cohort, rendered):
    from salesacademy import gradebook_reads
    from salesacademy.config import bundled_content

    chosen, as_of, _ = rendered
    url = f"sqlite:///{cohort.paths.root}/gradebook.db"
    checked = {"bank": 0, "written": 0}
    for employee_id in chosen:
        _, curriculum = status_of(cohort, employee_id, as_of)
        grades = gradebook_reads.grade_rows(url, ids=[employee_id])
        lost = grades[~(grades.needs_manual_grade & grades.score.isna()) & (grades.score.fillna(0) < grades.max_score)]
        rows = table_cells(report_page(cohort, employee_id, as_of), "missed")
        assert len(rows) == len(lost) > 0
        shown = {(module, question, points) for module, _, question, points in rows}
        assert not {question for _, question, _ in shown} & set(grades.item)  # never an item id
        for row in lost.itertuples():
            module = curriculum.module(row.module_id)
            folder = module.folder(bundled_content())
            points = f"{(0 if pd.isna(row.score) else row.score):g} / {row.max_score:g}"
            title = module.title("zh-CN")
            if (folder / "questions.yml").is_file() and f"  {row.item}:" in (folder / "questions.yml").read_text(encoding="utf-8"):
                assert (title, bank_text(folder, row.item, employee_id), points) in shown, (row.module_id, row.item)
                checked["bank"] += 1
            elif f'written="{row.item}"' in (folder / "exercise.py").read_text(encoding="utf-8"):
                opening = written_opening(folder, row.item)
                assert any(m == title and q.startswith(opening) and p == points for m, q, p in shown), (row.module_id, row.item, opening)
                checked["written"] += 1
    assert checked["bank"] > 0 and checked["written"] > 0


@pytest.mark.slow
def test_advice_retakes_only_what_failed_and_names_what_was_missed(cohort, rendered):
    chosen, as_of, _ = rendered
    for employee_id in chosen:
        rows, curriculum = status_of(cohort, employee_id, as_of)
        page = report_page(cohort, employee_id, as_of)
        assert "重学本模块" not in page
        actions = {module: (reason, advice) for module, reason, _, advice in table_cells(page, "actions")}
        for row in rows.itertuples():
            module = curriculum.module(row.module_id)
            title = module.title("zh-CN")
            if row.status == "passed":
                assert title not in actions or ("重修" not in actions[title][1] and actions[title][0] != "未通过，需重修"), title
            if row.status == "failed":
                reason, advice = actions[title]
                assert reason == "未通过，需重修", title
                assert all(curriculum.competencies[c]("zh-CN") in advice for c in module.competencies), (title, advice)
                assert "失分题目：第 " in advice, (title, advice)
            if row.status == "overdue":
                assert actions[title][0] == "逾期未提交", title


@pytest.mark.slow
def test_no_printed_page_but_the_last_is_left_half_empty(cohort, rendered):
    from PIL import Image

    chosen, as_of, _ = rendered
    for employee_id in chosen:
        pdf = cohort.paths.reports / "employees" / f"{employee_id}_{as_of.isoformat()}.pdf"
        pages = cohort.paths.root / "pages" / employee_id
        pages.mkdir(parents=True)
        subprocess.run(["pdftoppm", "-gray", "-r", "30", str(pdf), str(pages / "p")], check=True)
        images = sorted(pages.glob("p-*.pgm"))
        assert len(images) >= 2
        for image in images[:-1]:
            page = Image.open(image)
            width, height = page.size
            pixels = page.load()
            lowest = max(y for y in range(height) if any(pixels[x, y] < 200 for x in range(width)))
            # A4 with a 14 mm bottom margin: the text area ends at 95 % of the height; a page may stop short by a table row
            assert lowest / height > 0.75, (employee_id, image.name, lowest / height)
