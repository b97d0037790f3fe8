"""My training: what a staff member is shown, how Check answers per question, and a late submission held back."""

from __future__ import annotations

import datetime as dt
import shutil

import nbformat
import pytest
import sqlalchemy as sa

from salesacademy import answers, gradebook, itembank, staff, training
from salesacademy.config import bundled_content, database_url, load_config
from salesacademy.errors import AcademyError
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

from conftest import course_today

MODULE = "03-suitability"
RELEASED = dt.date(2025, 3, 1)
ROSTER = ("employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
          "R1,李强,上海浦东支行,零售银行部,relationship_manager,,2019-07-15,r1@bank.example,zh-CN\n"
          "W1,Chen Jie,上海浦东支行,财富管理部,wealth_advisor,,2021-01-04,w1@bank.example,en\n"
          "C1,周杰,上海浦东支行,合规部,compliance_officer,,2020-02-03,c1@bank.example,zh-CN\n"
          "T1,赵敏,上海浦东支行,运营部,teller,,2022-09-30,t1@bank.example,zh-CN\n")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    root = init(directory=tmp_path_factory.mktemp("training") / "course", db="sqlite:///gradebook.db").root
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], today=RELEASED, progress=False)
    return root


@pytest.fixture
def course(released, tmp_path):
    return shutil.copytree(released, tmp_path / "course")


def test_the_list_holds_only_the_employees_modules_in_their_language_with_due_dates(course):
    language, modules = training.my_training(instance=course, employee_id="W1", today=RELEASED + dt.timedelta(days=10))
    assert language == "en"
    assert [m.module_id for m in modules] == [MODULE]
    (mine,) = modules
    assert mine.title == "Investor suitability" and mine.kind == "Module"
    assert mine.due_on == RELEASED + dt.timedelta(days=30) and mine.days_left == 20 and mine.when_label == "20 days left"
    assert (mine.status, mine.status_label) == ("to-do", "To do") and mine.exercise is None
    language, modules = training.my_training(instance=course, employee_id="R1", today=RELEASED + dt.timedelta(days=31))
    assert language == "zh-CN" and modules[0].title == "投资者适当性"
    assert (modules[0].status_label, modules[0].when_label, modules[0].late) == ("已逾期", "已逾期 1 天", True)
    assert training.my_training(instance=course, employee_id="T1")[1] == [], "tellers do not take 03"


def test_a_fetched_module_is_the_employees_own_version_and_a_submitted_one_shows_as_submitted(course):
    staff.fetch(instance=course, employee_id="W1", module_id=MODULE)
    _, (mine,) = training.my_training(instance=course, employee_id="W1", today=RELEASED)
    assert mine.exercise == f"{MODULE}.frontline.en/exercise.ipynb" and mine.lesson == f"{MODULE}.frontline.en/lesson.ipynb"
    assert sorted(p.name for p in (course / "home" / "W1").iterdir()) == [f"{MODULE}.frontline.en"], "only their own version"
    outcome = training.submit(instance=course, employee_id="W1", module_id=MODULE, today=RELEASED)
    assert outcome.done and outcome.message.startswith("Submitted.")
    _, (mine,) = training.my_training(instance=course, employee_id="W1", today=RELEASED)
    assert (mine.status, mine.status_label) == ("submitted", "Submitted")
    with pytest.raises(AcademyError, match="not assigned"):
        training.submit(instance=course, employee_id="T1", module_id=MODULE)


def test_a_late_submission_is_held_back_until_the_learner_confirms(course):
    staff.fetch(instance=course, employee_id="R1", module_id=MODULE)
    late = RELEASED + dt.timedelta(days=40)
    config, paths = load_config(course)
    inbound = paths.inbound(config.course.id)
    held = training.submit(instance=course, employee_id="R1", module_id=MODULE, today=late)
    assert not held.done and "2025-03-31" in held.message and "逾期" in held.message
    assert not list(inbound.glob("R1+*")), "nothing went in before the learner confirmed"
    confirmed = training.submit(instance=course, employee_id="R1", module_id=MODULE, late_ok=True, today=late)
    assert confirmed.done and len(list(inbound.glob("R1+*"))) == 1


def test_check_says_per_question_what_is_missing_in_the_learners_language(course):
    folder = staff.fetch(instance=course, employee_id="R1", module_id=MODULE)
    checks = training.validate(folder / "exercise.ipynb", language="zh-CN")
    assert [c.question for c in checks] == [1, 2, 3, 4, 5]
    assert [c.message for c in checks][:4] == [f"第 {n} 题：尚未作答。" for n in range(1, 5)]
    assert checks[4].message == "第 5 题：尚未作答（书面回答）。"

    nb = nbformat.read(folder / "exercise.ipynb", as_version=4)
    bank = itembank.load_bank(bundled_content() / "course" / MODULE, tracks=["frontline", "analyst"])
    for cell in nb.cells:
        item = cell.metadata.get("academy", {}).get("answer")
        if item == "expired-assessment":
            cell.source += "Z"  # not one of the letters
        elif item:
            right, _ = itembank.right_answer(bank.questions[item], module_id=MODULE, item=item, employee_id="R1", language="zh-CN")
            cell.source += right
        elif cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "markdown":
            cell.source = "我不会代客户重做测评，并会向合规部门报告。"
    nbformat.write(nb, folder / "exercise.ipynb")
    checks = training.validate(folder / "exercise.ipynb", language="zh-CN")
    assert [(c.question, c.ok) for c in checks] == [(1, True), (2, True), (3, False), (4, True), (5, True)]
    assert checks[2].message == "第 3 题：请只填写一个字母（A、B、C、D），不要填写其他内容。"


def test_check_blames_the_question_whose_code_raised_not_the_next_one(course):
    folder = staff.fetch(instance=course, employee_id="C1", module_id=MODULE)  # a compliance officer: the analyst version
    nb = nbformat.read(folder / "exercise.ipynb", as_version=4)
    key = answers.answer_key(content=bundled_content(), module_id=MODULE, folder=bundled_content() / "course" / MODULE,
                             notebook="exercise", language="zh-CN", track="analyst")
    nb = answers.answer_notebook(nb, key, {item.id: answers.REFERENCE for item in key.items}, "C1")
    first = next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "mismatch-answer")
    first.source = first.source.replace("def mismatched", "def mismatched_typo")  # the test cell then calls a name never defined
    nbformat.write(nb, folder / "exercise.ipynb")
    checks = {c.question: c for c in training.validate(folder / "exercise.ipynb", language="zh-CN")}
    assert not checks[1].ok and checks[1].message.startswith("第 1 题：")
    assert "Traceback" not in checks[1].message
    assert all(checks[n].ok for n in (2, 3, 4)), "the next questions are not blamed"


def test_the_status_counts_each_employee_against_their_own_tracks_points(course):
    """A frontline and an analyst employee, each with full marks on what they were asked, both reach 100%."""
    from salesacademy.collect import collect
    from salesacademy.grade import grade
    from salesacademy.status import status

    for employee in ("R1", "C1"):
        answers.hand_in(instance=course, employee_id=employee, module_id=MODULE)
    collect(instance=course)
    assert not grade(instance=course, workers=1, progress=False).failed
    config, paths = load_config(course)
    url = database_url(config, paths)
    with gradebook.transaction(url) as db:
        db.execute(sa.text("UPDATE grade SET manual_score = (SELECT max_score FROM grade_cells WHERE grade_cells.id = grade.cell_id), "
                           "needs_manual_grade = :no WHERE auto_score IS NULL"), {"no": False})
    table = status(instance=course, as_of=course_today(course)).set_index("employee_id")
    assert table.loc["R1", "max_score"] == 12 and table.loc["C1", "max_score"] == 14
    assert table.loc["R1", "percent"] == table.loc["C1", "percent"] == 1.0
    assert set(table.loc[["R1", "C1"], "status"]) == {"passed"}


def test_an_answer_typed_over_the_answer_line_is_still_read_as_an_answer(course):
    folder = staff.fetch(instance=course, employee_id="R1", module_id=MODULE)
    nb = nbformat.read(folder / "exercise.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("academy", {}).get("answer") == "insists")
    cell.source = "C"  # the whole template replaced: run as Python, this would be a NameError
    nbformat.write(nb, folder / "exercise.ipynb")
    checks = {c.question: c for c in training.validate(folder / "exercise.ipynb", language="zh-CN")}
    assert checks[4].ok, checks[4].message
    assert checks[1].message == "第 1 题：尚未作答。"


def test_check_gives_the_visible_tests_hint_in_the_learners_language(course):
    folder = staff.fetch(instance=course, employee_id="C1", module_id=MODULE)
    nb = nbformat.read(folder / "exercise.ipynb", as_version=4)
    key = answers.answer_key(content=bundled_content(), module_id=MODULE, folder=bundled_content() / "course" / MODULE,
                             notebook="exercise", language="zh-CN", track="analyst")
    choices = {item.id: answers.REFERENCE for item in key.items} | {"mismatch": "mistake:ge-for-gt"}
    nbformat.write(answers.answer_notebook(nb, key, choices, "C1"), folder / "exercise.ipynb")
    checks = {c.question: c for c in training.validate(folder / "exercise.ipynb", language="zh-CN")}
    assert checks[1].message == "第 1 题：还不正确：只有销售 b 把 R3 产品卖给了 C2 客户"
    assert all(checks[n].ok for n in (2, 3, 4))
