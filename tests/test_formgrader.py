"""The trainers' formgrader: the rubric in the grading view, and the pages that render it (no server, no browser)."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from salesacademy import formgrader
from salesacademy.config import bundled_content
from salesacademy.rubrics import load_rubric

MODULE = "03-suitability"
ITEM = "manager-pressure"


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(bundled_content(), MODULE).items[ITEM]


def set_language(instance, language: str) -> None:
    toml = instance / "academy.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r'(?m)^language = "[^"]*"', f'language = "{language}"', text, count=1), encoding="utf-8")


def exercise() -> nbformat.NotebookNode:
    """A graded notebook as the formgrader receives it: a written answer and an automatically graded question."""
    written = new_markdown_cell("我不会这样做。", metadata={"nbgrader": {
        "grade": True, "solution": True, "locked": False, "grade_id": ITEM, "points": 4, "schema_version": 3}})
    question = new_code_cell("check('insists')", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "insists", "points": 2, "schema_version": 3}})
    return new_notebook(cells=[written, question])


def test_only_written_answers_get_a_rubric():
    assert formgrader.written_items(exercise()) == [ITEM]


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_rubric_is_in_the_course_language_criterion_by_criterion(instance, rubric, language):
    set_language(instance, language)
    page = formgrader.rubric_page(instance, f"{MODULE}.frontline.zh", [ITEM])
    assert page["error"] is None
    shown = page["rubrics"][ITEM]
    criteria = list(rubric.criteria.values())
    assert [c["title"] for c in shown["criteria"]] == [c(language) for c in criteria]
    assert [[level["text"] for level in c["levels"]] for c in shown["criteria"]] == [[level(language) for level in c.levels] for c in criteria]
    assert [float(level["points"]) for level in shown["criteria"][0]["levels"]] == [level.points for level in criteria[0].levels]
    assert float(shown["points"]) == rubric.points
    assert [float(s["total"]) for s in shown["samples"]] == [rubric.score(name) for name in ("strong", "middling", "weak")]


def test_a_module_without_a_rubric_says_so_instead_of_failing(instance):
    page = formgrader.rubric_page(instance, "99-nothing.frontline.zh", [ITEM])
    assert page["rubrics"] == {} and page["error"].startswith("没有找到这道题的评分标准")


def render(instance) -> str:
    """The grading view of `exercise` as the academy's formgrader renders it."""
    resources = {"assignment_id": f"{MODULE}.frontline.zh", "notebook_id": "exercise", "submission_id": "s1", "index": 0, "total": 1,
                 "base_url": "", "student": "R1", "last_name": "李强", "first_name": "", "notebook_path": "autograded/R1/exercise.ipynb"}
    html, _ = formgrader.RubricExporter(config=formgrader.exporter_config(), instance=str(instance)).from_notebook_node(exercise(), resources=resources)
    return html


def test_the_grading_view_shows_one_level_picker_per_criterion_under_the_written_answer(instance, rubric):
    html = render(instance)
    assert html.count('class="academy-rubric ') == 1
    panel = html[html.index('class="academy-rubric '):]
    assert panel.index('data-grade-id="manager-pressure"') < 100
    for key, criterion in rubric.criteria.items():
        assert criterion.zh in panel
        assert panel.count(f'name="{ITEM}/{key}"') == len(criterion.levels)
    assert 'id="insists"' in html and html.index('id="manager-pressure"') < html.index('class="academy-rubric ')
    data = json.loads(re.search(r'<script[^>]*id="academy-formgrade"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["labels"]["awaiting"] == "待评分"
    assert data["name"] == "李强", "the whole name, not nbgrader's 'last, first' with an empty first name"
    assert "nbgrader's view saves on change" in html, "the panel's script is in the page"


def test_the_trainers_lab_runs_the_academys_formgrader_in_place_of_nbgraders_and_names_its_grader(tmp_path):
    from salesacademy import lab
    from salesacademy.config import AcademyConfig
    from salesacademy.paths import InstancePaths

    config = AcademyConfig.model_validate({"course": {"language": "zh-CN"}})
    trainer = lab.session(config, InstancePaths(tmp_path), role="trainer", employee_id=None, port=18765, token="t", locales={"en"},
                          grader="li.wei").server_config["ServerApp"]
    # nbgrader's installation switches its own formgrader on; both at once would race for the same routes
    assert trainer["jpserver_extensions"]["salesacademy.formgrader"] is True
    assert trainer["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    assert trainer["tornado_settings"]["academy"]["grader"] == "li.wei"
    staff = lab.session(config, InstancePaths(tmp_path), role="staff", employee_id="R1", port=18765, token="t", locales={"en"},
                        grader="li.wei").server_config["ServerApp"]
    assert "grader" not in staff["tornado_settings"]["academy"]
    assert not staff["jpserver_extensions"]["salesacademy.formgrader"]


@pytest.mark.parametrize(("settings", "user", "grader"), [
    ({"academy": {"grader": "li.wei"}}, "Anonymous Io", "li.wei"),  # an `academy lab` session: its token login has no name
    ({}, "zhang.min", "zhang.min"),  # JupyterHub: the hub user
])
def test_the_grader_is_the_sessions_named_trainer_else_the_server_user(settings, user, grader):
    from types import SimpleNamespace

    from jupyter_server.auth import User

    assert formgrader.grader_name(SimpleNamespace(settings=settings, current_user=User(username=user))) == grader


def test_nbgraders_own_buttons_that_bypass_the_academy_answer_with_the_academy_command_and_change_nothing():
    """Every nbgrader API call that writes, other than a grade, a comment or a flag, is answered with the command to use."""
    from nbgrader.server_extensions.formgrader import apihandlers

    from salesacademy.formgrader import AUDITED, REFUSED_HANDLERS

    writers = {rule[1] for rule in apihandlers.default_handlers if {"post", "put", "delete"} & set(rule[1].__dict__)}
    assert writers - set(REFUSED_HANDLERS) - set(AUDITED) == {apihandlers.FlagSubmissionHandler}

    class Page:
        current_user = "trainer"
        settings = {"academy_language": "zh-CN"}

        def __init__(self):
            self.replies = []

        def write(self, text):
            self.replies.append(json.loads(text))

    commands = {apihandlers.AutogradeHandler: "academy grade", apihandlers.StudentHandler: "academy roster import",
                apihandlers.CollectHandler: "academy collect", apihandlers.ReleaseFeedbackHandler: "academy feedback"}
    for handler, command in commands.items():
        page = Page()
        refused = REFUSED_HANDLERS[handler]
        method = "put" if "put" in refused.__dict__ else "post"
        getattr(refused, method)(page, "01-sales-process.frontline.zh", "E1")
        (reply,) = page.replies
        assert reply["success"] is False and command in reply["error"] and "审计记录" in reply["error"], reply
