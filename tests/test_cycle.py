"""The whole training cycle through the real nbgrader: demo, grading, feedback, bad input."""

from __future__ import annotations

import shutil

import nbformat
import pandas as pd
import pytest

from conftest import database_dump
from salesacademy import answers, gradebook_reads
from salesacademy.config import bundled_content
from salesacademy.curriculum import load_curriculum, parse_assignment
from salesacademy.demo import demo
from salesacademy.errors import AcademyError
from salesacademy.grade import grade
from salesacademy.release import release

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """A demo run on a small cohort, shared by the tests of this file (they only read it)."""
    return demo(out=tmp_path_factory.mktemp("demo") / "demo", employees=8, seed=11, language="en", progress=False)


def scores_by_item(root):
    rows = gradebook_reads.grade_rows(f"sqlite:///{root}/gradebook.db")
    return rows.set_index(["employee_id", "module_id", "item"])


def test_each_simulated_answer_gets_the_score_it_deserves(cohort):
    scores = scores_by_item(cohort.paths.root)
    curriculum = load_curriculum(bundled_content())
    keys = {}
    checked = {"full": 0, "less": 0, "zero": 0}
    for row in cohort.answers.itertuples(index=False):
        module = curriculum.module(row.module_id)
        version = parse_assignment(row.assignment)
        key = keys.get(version) or keys.setdefault(version, answers.answer_key(
            content=bundled_content(), module_id=module.id, folder=module.folder(bundled_content()), notebook=module.graded,
            language=version.language, track=version.track))
        item = next(i for i in key.items if i.id == row.item)
        graded = scores.loc[(row.employee_id, row.module_id, row.item)]
        deserved = key.deserved(item, row.answer)
        if item.kind == "written" and row.answer != answers.BLANK:
            # the simulated trainer grades most written answers; the rest wait for a person
            if graded.needs_manual_grade:
                assert pd.isna(graded.manual_score)
                continue
            score = graded.manual_score
        else:
            score = graded.auto_score
        if deserved == "full":
            assert score == item.points, (row, score)
        elif deserved == "zero":
            assert score == 0, (row, score)
        else:
            assert score < item.points, (row, score)
        checked[deserved] += 1
    assert all(checked.values()), checked  # the cohort really exercised every kind of answer


def test_pass_rates_agree_with_the_status_table(cohort):
    table = cohort.status
    for module_id, rates in cohort.pass_rates.iterrows():
        rows = table[table.module_id == module_id]
        assert rates.enrolled == len(rows)
        assert rates.passed == (rows.status == "passed").sum()
    # a passed module means a score at or above its pass mark
    curriculum = load_curriculum(bundled_content())
    passed = table[table.status == "passed"]
    assert all(p >= curriculum.pass_mark(curriculum.module(m)) - 1e-9 for p, m in zip(passed.percent, passed.module_id))


def test_feedback_reaches_staff_without_hidden_tests(cohort):
    outbound = cohort.paths.exchange / "sales-academy" / "feedback"
    pages = list(outbound.glob("*.html"))
    assert pages, "feedback was released"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in html
    # a hidden test's code never appears in a learner's feedback
    hidden_lines = set()
    for source in cohort.paths.step("source").glob("*/exercise.ipynb"):
        for cell in nbformat.read(source, as_version=4).cells:
            if "BEGIN HIDDEN TESTS" in cell.source:
                region = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
                hidden_lines.update(line.strip() for line in region.splitlines() if len(line.strip()) > 25)
    assert hidden_lines
    for page in cohort.paths.step("feedback").glob("*/*/*.html"):
        text = page.read_text(encoding="utf-8")
        leaked = [line for line in hidden_lines if line in text]
        assert not leaked, (page, leaked[:2])


@pytest.fixture
def graded_copy(cohort, tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(cohort.paths.root, target)
    return target


def test_grading_twice_changes_nothing_and_keeps_manual_grades(graded_copy):
    before = scores_by_item(graded_copy)
    run = grade(instance=graded_copy, progress=False)
    assert not run.graded and run.skipped, "a second run grades nothing new"
    # a trainer overrides one automatic score; a forced regrade keeps it
    from nbgrader.api import Gradebook

    employee_id, module_id, item = before[before.auto_score.notna()].index[0]
    assignment = before.loc[(employee_id, module_id, item)].assignment  # the version the employee took
    with Gradebook(f"sqlite:///{graded_copy}/gradebook.db") as gb:
        g = gb.find_grade(item, "exercise", assignment, employee_id)
        g.manual_score = 0.5
        gb.db.commit()
    run = grade(instance=graded_copy, modules=[module_id], employees=[employee_id], force=True, workers=1, progress=False)
    assert run.graded and not run.failed
    after = scores_by_item(graded_copy)
    assert after.loc[(employee_id, module_id, item)].manual_score == 0.5
    assert after.loc[(employee_id, module_id, item)].score == 0.5
    pd.testing.assert_series_equal(before.auto_score, after.auto_score)


def test_release_of_unknown_module_changes_nothing(graded_copy):
    before = database_dump(graded_copy)
    with pytest.raises(AcademyError, match="unknown module 'nope'"):
        release(instance=graded_copy, modules=["03-suitability", "nope"])
    assert database_dump(graded_copy) == before


def test_grading_with_no_submissions_is_an_error(instance):
    before = database_dump(instance)
    with pytest.raises(AcademyError, match="has not been released"):
        grade(instance=instance, modules=["03-suitability"])
    release(instance=instance, modules=["03-suitability"], progress=False)
    released = database_dump(instance)
    with pytest.raises(AcademyError, match="no submissions to grade"):
        grade(instance=instance, modules=["03-suitability"])
    assert database_dump(instance) == released != before
