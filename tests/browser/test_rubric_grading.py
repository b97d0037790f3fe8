"""A trainer grades a written answer in the formgrader, by its rubric, and the audit trail names them.

One relationship manager reading Chinese submits module 03 with a written
answer; it is collected and autograded. A real `academy lab --role trainer`
serves the formgrader, driven through Chromium as a trainer would: Nbgrader
menu, Formgrader, Manual Grading, the module, the notebook, the submission.
The written answer shows its rubric from ``graders/rubrics/03-suitability.yml``
in Chinese; the trainer picks a level on each criterion, nbgrader's score box
takes their sum and nbgrader saves it; ``academy audit --grader`` then lists
that grade under the trainer's operating-system user, not as ``direct``. The
formgrader's lists show the module's due-date rule rather than "None", the
written score as awaiting grading rather than 0, names without a trailing
comma and no overall score over unassigned modules. The feedback the employee
receives carries none of the rubric.

Uses the Chromium and server fixtures of ``test_lab_flow``.
"""

from __future__ import annotations

import html
import os
import pwd
import re

import nbformat
import pytest
from test_lab_flow import UI_MS, WRITTEN, chromium, lab_server, open_lab, open_nbgrader_tab, shot  # noqa: F401 (chromium is a fixture)

from salesacademy import cli
from salesacademy.collect import collect
from salesacademy.config import content_root, load_config
from salesacademy.curriculum import load_curriculum
from salesacademy.feedback import feedback
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster
from salesacademy.rubrics import load_rubric
from salesacademy.staff import fetch, submit

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MODULE = "03-suitability"
ASSIGNMENT = f"{MODULE}.frontline.zh"  # a relationship manager reading Chinese
EMPLOYEE = "R1"
ITEM = "manager-pressure"  # the module's written answer on the frontline track


@pytest.fixture(scope="module")
def submitted(tmp_path_factory):
    """A Chinese instance where R1's submission of module 03 is autograded and its written answer awaits a trainer."""
    root = init(directory=tmp_path_factory.mktemp("formgrader") / "course").root
    roster = root.parent / "roster.csv"
    roster.write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        "B1,王芳,上海浦东支行,零售银行部,branch_manager,,2015-03-01,b1@bank.example,zh-CN\n"
        "R1,李强,上海浦东支行,零售银行部,relationship_manager,B1,2019-07-15,r1@bank.example,zh-CN\n",
        encoding="utf-8",
    )
    import_roster(instance=root, file=roster)
    release(instance=root, modules=[MODULE], progress=False)
    folder = fetch(instance=root, employee_id=EMPLOYEE, module_id=MODULE)
    exercise = folder / "exercise.ipynb"
    nb = nbformat.read(exercise, as_version=4)
    written = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == ITEM]
    assert len(written) == 1, f"{ASSIGNMENT} has one written answer {ITEM}"
    written[0].source = WRITTEN["zh-CN"]
    nbformat.write(nb, exercise)
    assert submit(instance=root, employee_id=EMPLOYEE, module_id=MODULE) == ASSIGNMENT
    collect(instance=root)
    run = grade(instance=root, progress=False)
    assert not run.failed and len(run.graded) == 1
    return root


def test_the_trainer_grades_a_written_answer_by_its_rubric_and_the_audit_names_them(chromium, submitted, tmp_path, capsys):
    from playwright.sync_api import expect, sync_playwright

    config, _ = load_config(submitted)
    item = load_rubric(content_root(config), MODULE).items[ITEM]
    criteria = list(item.criteria.values())
    # Every criterion at its top level but the first, at its second: a total no single button gives.
    picks = [1] + [len(c.levels) - 1 for c in criteria[1:]]
    expected = sum(c.levels[i].points for c, i in zip(criteria, picks))
    assert 0 < expected < item.points
    grader = pwd.getpwuid(os.geteuid()).pw_name
    curriculum = load_curriculum(content_root(config))
    due_days = curriculum.due_days(curriculum.module(MODULE))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            with lab_server(submitted, "trainer", tmp_path / "trainer") as (url, token):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                open_lab(page, url, token, trainer=True)
                open_nbgrader_tab(page, "Formgrader")
                formgrader = page.frame_locator("iframe")
                # Each employee has their own due date: the module's rule stands where nbgrader would say "None".
                formgrader.get_by_role("link", name="Manual Grading").click()
                expect(formgrader.locator("ol.breadcrumb li.active")).to_have_text("Manual Grading", timeout=UI_MS)
                due = formgrader.locator("#main-table tr", has_text=ASSIGNMENT).locator("td.duedate")
                expect(due).to_have_text(f"分配后 {due_days} 天（各人不同）", timeout=UI_MS)
                formgrader.get_by_role("link", name=ASSIGNMENT).click()
                formgrader.get_by_role("link", name="exercise", exact=True).click()
                # The written answer awaits a trainer: not a score of 0.
                expect(formgrader.locator("#main-table td.written-score")).to_have_text("待评分", timeout=UI_MS)
                formgrader.get_by_role("link", name="Submission #1").click()

                score = formgrader.locator(f'input.score[id="{ITEM}"]')
                expect(score).to_have_class(re.compile(r"\bneeds_manual_grade\b"), timeout=UI_MS)
                expect(score).to_have_attribute("placeholder", "待评分")  # not an empty box that reads as a zero
                # nbgrader's own words around the score box, in the course language
                buttons = formgrader.locator(".scoring-buttons").first
                expect(buttons.locator("button.full-credit")).to_have_text("满分", timeout=UI_MS)
                expect(buttons.locator("button.no-credit")).to_have_text("零分")
                expect(formgrader.locator(".nbgrader-label").first).to_have_text("员工的回答")
                expect(formgrader.locator("textarea.comment").first).to_have_attribute("placeholder", "在此填写评语（支持 Markdown）")

                rubric = formgrader.locator(f'.academy-rubric[data-grade-id="{ITEM}"]')
                expect(rubric).to_be_visible(timeout=UI_MS)
                rows = rubric.locator(".academy-criterion")
                expect(rows).to_have_count(len(criteria))
                for row, criterion in zip(rows.all(), criteria):
                    expect(row.locator("th")).to_contain_text(criterion.zh)
                    expect(row.locator(".academy-level")).to_have_count(len(criterion.levels))
                    expect(row).to_contain_text(criterion.levels[-1].zh)

                for row, pick in zip(rows.all()[:-1], picks[:-1]):
                    row.locator("input[type=radio]").nth(pick).check()
                expect(score).to_have_value("")  # nothing is saved until every criterion has its level
                with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
                    rows.last.locator("input[type=radio]").nth(picks[-1]).check()
                assert saved.value.ok and saved.value.json()["manual_score"] == expected
                expect(score).to_have_value(f"{expected:g}")
                expect(rubric.locator(".academy-total")).to_have_text(f"{expected:g}")
                rubric.locator("summary").click()
                expect(rubric.locator(".academy-sample").first).to_contain_text(item.samples["strong"].zh.strip().splitlines()[0])
                score.evaluate("box => { box.scrollIntoView({block: 'start'}); window.scrollBy(0, -120); }")
                shot(page, "trainer-formgrader-rubric")

                # Names whole, and no overall score counted over modules the employee was never assigned.
                formgrader.get_by_role("link", name="Manual Grading").click()  # the grading view's breadcrumb
                formgrader.get_by_role("link", name="Manage Students").click()
                row = formgrader.locator("#main-table tr", has_text=EMPLOYEE)
                expect(row.locator("td").first).to_have_text("李强", timeout=UI_MS)
                expect(row.locator("td.score")).to_have_text("–")
                shot(page, "trainer-formgrader-students")
        finally:
            browser.close()

    assert cli.main(["audit", "--grader", grader, "--instance", str(submitted)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # date, time, employee, module version, item, field, old → new, source, grader, reason; in Chinese, the course's language
    scores = [line.split()[2:] for line in lines[1:] if line.split()[5] == "培训师评分"]
    assert scores == [[EMPLOYEE, ASSIGNMENT, ITEM, "培训师评分", "–", "→", f"{expected:g}", "评分界面", grader, "–"]]
    assert cli.main(["audit", "--item", ITEM, "--instance", str(submitted)]) == 0
    manual = [line.split() for line in capsys.readouterr().out.splitlines()[1:] if line.split()[5] == "培训师评分"]
    assert len(manual) == 1 and "直接改库" not in manual[0]  # not "direct"

    # The employee's feedback holds their answer and score, never the rubric the trainer read.
    feedback(instance=submitted)
    page_html = html.unescape((submitted / "feedback" / EMPLOYEE / ASSIGNMENT / "exercise.html").read_text(encoding="utf-8"))
    assert WRITTEN["zh-CN"] in page_html
    for criterion in criteria:
        for level in criterion.levels:
            assert level.zh not in page_html
    for sample in item.samples.values():
        assert sample.zh.strip().splitlines()[0] not in page_html
    assert "academy-rubric" not in page_html
