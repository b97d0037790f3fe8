"""Role tracks and per-employee variants, on every module converted to tracks (those with a question bank).

One instance is released and graded once for the whole file: frontline staff
(who write no code) and analysts, in both languages, answer right, wrong, or
with a colleague's answers, and some try to pass as that colleague. The
scores are then compared with what each answer deserves, with the status HR
reads, and with stock ``nbgrader autograde`` run on the same submissions.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from salesacademy import answers, build, gradebook_reads, itembank, questions, status
from salesacademy.binding import bind_notebook
from salesacademy.collect import collect
from salesacademy.config import bundled_content, load_config
from salesacademy.curriculum import Version, load_curriculum
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import build_target, release
from salesacademy.roster import import_roster

pytestmark = pytest.mark.slow
CONTENT = bundled_content()
CURRICULUM = load_curriculum(CONTENT)
# ACADEMY_MODULES=04-recording-cooling-off,c09-... checks only those modules, while writing them
ONLY = [m for m in os.environ.get("ACADEMY_MODULES", "").split(",") if m]
CONVERTED = [m for m in CURRICULUM.modules if (m.folder(CONTENT) / itembank.BANK_FILE).is_file() and (not ONLY or m.id in ONLY)]
BANKS = {m.id: itembank.load_bank(m.folder(CONTENT), tracks=list(CURRICULUM.tracks)) for m in CONVERTED}
ROSTER_HEADER = "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
SUBMITTED = dt.datetime(2025, 3, 2, 2, tzinfo=dt.timezone.utc)
AS_OF = dt.date(2025, 3, 3)


def with_variant(module_id: str, item: str, variant: int, variants: int) -> str:
    """An employee id that is shown `variant` of `item`."""
    return next(e for n in itertools.count() if questions.variant_of(module_id, item, e := f"P{n:04d}", variants)[0] == variant)


#: Frontline staff (branch managers, who take every module) answer in Chinese, analysts in English; the first
#: of each answers everything right, the second everything wrong. Every other variant of every question is
#: checked through the same binding in `test_every_variant_of_every_question_binds_its_own_key`.
FRONTLINE = ["F001", "F002"]
ANALYSTS = ["A001", "A002"]
#: Copy their colleague's (the first frontline employee's) right answers; the forgers also try to pass as that colleague.
COPIER, FORGER_META, FORGER_CODE = "F901", "F902", "A903"
COLLEAGUE = FRONTLINE[0]


def question_items(module_id: str, track: str) -> list[str]:
    return [item for item, q in BANKS[module_id].questions.items() if track in q.tracks]


def right(module_id: str, item: str, employee_id: str) -> str:
    question = BANKS[module_id].questions[item]
    return itembank.right_answer(question, module_id=module_id, item=item, employee_id=employee_id, language="en")[0]


def typed(nb, answers_by_item: dict[str, str]) -> None:
    """Type `answers_by_item` into the notebook's answer cells, under their ``%%answer`` line."""
    for cell in nb.cells:
        item = cell.get("metadata", {}).get("academy", {}).get("answer")
        if item in answers_by_item:
            cell.source = f"{cell.source.rstrip()}\n{answers_by_item[item]}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every converted module released, answered by the roster above, collected; a copy for stock nbgrader; then graded."""
    root = init(directory=tmp_path_factory.mktemp("tracks") / "course", db="sqlite:///gradebook.db").root
    rows = []
    # Frontline staff are branch managers, who take every module (tellers do not take 03, nor relationship managers c07).
    for employee_id in FRONTLINE + [COPIER, FORGER_META]:
        rows.append(f"{employee_id},Staff {employee_id},Pudong,Retail,branch_manager,,2020-01-01,{employee_id}@bank.example,zh-CN\n")
    for employee_id in ANALYSTS + [FORGER_CODE]:
        rows.append(f"{employee_id},Staff {employee_id},Pudong,Compliance,compliance_officer,,2020-01-01,{employee_id}@bank.example,en\n")
    (root / "roster.csv").write_text(ROSTER_HEADER + "".join(rows), encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[m.id for m in CONVERTED], today=dt.date(2025, 3, 1), progress=False)
    plan = {}
    for module in CONVERTED:
        for employee_id in FRONTLINE + ANALYSTS:
            honest = (FRONTLINE.index(employee_id) if employee_id in FRONTLINE else ANALYSTS.index(employee_id)) % 2 == 0
            choice = answers.REFERENCE if honest else answers.WRONG
            key = answers.answer_key(content=CONTENT, module_id=module.id, folder=module.folder(CONTENT), notebook=module.graded,
                                     language="zh-CN" if employee_id in FRONTLINE else "en",
                                     track="frontline" if employee_id in FRONTLINE else "analyst")
            # a wrong code item: its first typical mistake; a wrong written answer: the rubric's weak one
            wrong = {item.id: answers.WEAK if item.kind == "written" else next(v for v in key.variants(item.id) if v.startswith("mistake:"))
                     for item in key.items}
            done = answers.hand_in(instance=root, employee_id=employee_id, module_id=module.id, at=SUBMITTED,
                                   choices={item.id: choice if choice == answers.REFERENCE else wrong[item.id] for item in key.items})
            plan[(employee_id, module.id)] = (choice, done.assignment)
        copied = {item: right(module.id, item, COLLEAGUE) for item in question_items(module.id, "frontline")}
        answers.hand_in(instance=root, employee_id=COPIER, module_id=module.id, at=SUBMITTED, choices={},
                        edit=lambda nb, key, copied=copied: typed(nb, copied))
        answers.hand_in(instance=root, employee_id=FORGER_META, module_id=module.id, at=SUBMITTED, choices={},
                        edit=lambda nb, key, copied=copied, module=module: pass_as_colleague(nb, copied, module.id))
        analyst_copied = {item: right(module.id, item, COLLEAGUE) for item in question_items(module.id, "analyst")}
        answers.hand_in(instance=root, employee_id=FORGER_CODE, module_id=module.id, at=SUBMITTED, choices={},
                        edit=lambda nb, key, copied=analyst_copied: run_code_as_colleague(nb, copied))
    collect(instance=root)
    stock = root.parent / "stock"
    shutil.copytree(root, stock)
    run = grade(instance=root, progress=False)
    assert not run.failed, run.failed
    return root, stock, plan


def pass_as_colleague(nb, copied: dict[str, str], module_id: str) -> None:
    """The colleague's answers, with every trace of the colleague's identity the notebook could carry:
    their id in the notebook's metadata, their variants' texts in the question cells, and an answer cell
    and an added cell of code that would rebind the employee, the seed and the variant function."""
    typed(nb, copied)
    nb.metadata["academy"] = {**nb.metadata.get("academy", {}), "employee": COLLEAGUE, "student": COLLEAGUE}
    nb.metadata.setdefault("nbgrader", {})["student"] = COLLEAGUE
    colleague = itembank.personalize(nbformat.from_dict(nbformat.v4.new_notebook(cells=[
        c for c in nb.cells if "question" in c.get("metadata", {}).get("academy", {})])), module_id=module_id, employee_id=COLLEAGUE)
    shown = {c.metadata["academy"]["question"]: c.source for c in colleague.cells}
    for cell in nb.cells:
        item = cell.get("metadata", {}).get("academy", {}).get("question")
        if item in shown:
            cell.source = shown[item]
    rebind = ("import os, random\nos.environ['ACADEMY_EMPLOYEE'] = %r\nrandom.seed(0)\nACADEMY_EMPLOYEE = %r\n"
              "import salesacademy.questions as q\nq.variant_of = lambda *a, **k: (0, [0, 1, 2, 3])\nopen('ran.txt', 'w').write('ran')\n"
              % (COLLEAGUE, COLLEAGUE))
    first_answer = next(c for c in nb.cells if c.get("metadata", {}).get("academy", {}).get("answer"))
    first_answer.source = rebind
    nb.cells.insert(1, nbformat.v4.new_code_cell(rebind))


def run_code_as_colleague(nb, copied: dict[str, str]) -> None:
    """An analyst, who may run code, answers with the colleague's letters after rebinding everything the kernel holds."""
    typed(nb, copied)
    rebind = ("import os, random\nos.environ['ACADEMY_EMPLOYEE'] = %r\nrandom.seed(0)\nACADEMY_EMPLOYEE = %r\n"
              "import salesacademy.questions as q\nq.variant_of = lambda *a, **k: (0, [0, 1, 2, 3])\n" % (COLLEAGUE, COLLEAGUE))
    code_answer = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")
                       and c.cell_type == "code" and not c.source.startswith("%%answer"))
    code_answer.source = rebind + code_answer.source


def rows_of(root: Path) -> pd.DataFrame:
    return gradebook_reads.grade_rows(f"sqlite:///{root}/gradebook.db").set_index(["employee_id", "module_id", "item"]).sort_index()


# Frontline: judgement, no code --------------------------------------------------------------


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_no_frontline_answer_is_code(graded, module):
    """Every answer cell of a frontline version is a ``%%answer`` line or a written answer: no function, loop or pandas."""
    root, _, _ = graded
    for language in ("zh", "en"):
        nb = nbformat.read(root / "source" / f"{module.id}.frontline.{language}" / f"{module.graded}.ipynb", as_version=4)
        solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert solutions
        for cell in solutions:
            if cell.cell_type == "markdown":
                assert cell.metadata["nbgrader"]["grade"], "a written answer, graded by a trainer"
                continue
            assert cell.source.startswith("%%answer "), cell.source[:80]
            body = cell.source.split("\n", 1)[1]
            assert not re.search(r"\bdef\b|\bfor\b|\bwhile\b|\bpd\.|pandas|\bimport\b|\blambda\b", body), body


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_every_released_lesson_opens_with_its_charts_drawn(graded, module):
    root, _, _ = graded
    for version in CURRICULUM.versions(module):
        for name in module.notebooks:
            if name == module.graded:
                continue
            nb = nbformat.read(root / "release" / version.assignment / f"{name}.ipynb", as_version=4)
            assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])), (version.assignment, name)


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_a_frontline_employee_who_answers_every_judgement_item_right_passes_and_one_who_answers_wrong_fails(graded, module, tmp_path):
    """Right answers and a full written answer pass; wrong answers and the rubric's weak written answer fail, in the status HR reads."""
    root, _, plan = graded
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    config, paths = load_config(copy)
    from nbgrader.api import Gradebook

    rubric = answers.answer_key(content=CONTENT, module_id=module.id, folder=module.folder(CONTENT), notebook=module.graded,
                                language="zh-CN", track="frontline")
    written = [item for item in rubric.items if item.kind == "written"]
    good, bad = FRONTLINE[0], FRONTLINE[1]
    assert plan[(good, module.id)][0] == answers.REFERENCE and plan[(bad, module.id)][0] == answers.WRONG
    with Gradebook(f"sqlite:///{copy}/gradebook.db", config.course.id) as gb:
        for employee_id, full in ((good, True), (bad, False)):
            for item in written:
                g = gb.find_grade(item.id, module.graded, plan[(employee_id, module.id)][1], employee_id)
                g.manual_score, g.needs_manual_grade = (item.points if full else rubric.weak_points[item.id]), False
        gb.db.commit()
    table = status.status(instance=copy, as_of=AS_OF).set_index(["employee_id", "module_id"])
    assert table.loc[(good, module.id), "status"] == "passed"
    assert table.loc[(good, module.id), "max_score"] == CURRICULUM.points(module, "frontline")
    assert table.loc[(bad, module.id), "status"] == "failed"
    assert table.loc[(bad, module.id), "percent"] < CURRICULUM.pass_mark(module)


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_every_question_scores_what_its_answer_deserves_on_both_tracks(graded, module):
    root, _, plan = graded
    rows = rows_of(root)
    for (employee_id, module_id), (choice, assignment) in plan.items():
        if module_id != module.id:
            continue
        track = assignment.split(".")[1]
        assert rows.loc[(employee_id, module_id)].max_score.sum() == CURRICULUM.points(module, track), "counted against their own track"
        for item in question_items(module.id, track):
            got = rows.loc[(employee_id, module_id, item)].auto_score
            points = BANKS[module.id].questions[item].points
            assert got == (points if choice == answers.REFERENCE else 0), (employee_id, item, choice, got)


# Variants ------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_the_variant_an_employee_is_shown_is_the_one_graded(graded, module):
    """Read each question as fetched, find the right option *by its text* in the bank, type the letter shown
    beside it, and that earns the points: fetch and grading agree on the variant and the order of options."""
    root, _, plan = graded
    for employee_id in FRONTLINE + ANALYSTS:
        choice, assignment = plan[(employee_id, module.id)]
        language = "zh-CN" if employee_id in FRONTLINE else "en"
        fetched = nbformat.read(root / "home" / employee_id / assignment / f"{module.graded}.ipynb", as_version=4)
        for cell in fetched.cells:
            item = cell.metadata.get("academy", {}).get("question")
            if not item or BANKS[module.id].questions[item].kind != "choice":
                continue
            question = BANKS[module.id].questions[item]
            shown = [v for v in question.variants if v.question(language) in cell.source]
            assert len(shown) == 1, "the cell shows exactly one variant"
            correct = next(o for o in shown[0].options if o.correct)(language)
            letter = re.search(rf"\*\*([A-H])\.\*\* {re.escape(correct)}", cell.source).group(1)
            assert letter == right(module.id, item, employee_id)


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_two_employees_usually_see_different_questions(module):
    bank = BANKS[module.id]
    people = [f"P{n:03d}" for n in range(50)]
    for item, question in bank.questions.items():
        options = max((len(v.options) for v in question.variants), default=0)
        seen = [questions.variant_of(module.id, item, p, len(question.variants), options) for p in people]
        same = sum(a == b for a, b in itertools.combinations(seen, 2)) / (50 * 49 / 2)
        assert same < 0.34, (item, same)
        assert len({variant for variant, _ in seen}) == len(question.variants), "every variant is in use"


#: Each track of each module that asks questions from its bank (01's analysts answer their choice in code).
ASKED = [(m, track) for m in CONVERTED for track in ("frontline", "analyst") if question_items(m.id, track)]


@pytest.mark.parametrize(("module", "track"), ASKED, ids=[f"{track}-{m.id}" for m, track in ASKED])
def test_a_colleagues_answers_rarely_score_full_marks(graded, module, track, capsys):
    """Across all pairs of a 50-person cohort, the share of pairs in which one's right answers, submitted by the
    other, earn every question's points, through the same binding the grader uses."""
    root, _, _ = graded
    source = nbformat.read(root / "source" / f"{module.id}.{track}.en" / f"{module.graded}.ipynb", as_version=4)
    items = question_items(module.id, track)
    people = [f"P{n:03d}" for n in range(50)]
    full = 0
    for owner, colleague in itertools.permutations(people, 2):
        nb = nbformat.from_dict(source)
        typed_answers = {item: right(module.id, item, colleague) for item in items}
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.removesuffix("-answer") in typed_answers and grade_id.endswith("-answer"):
                cell.source = f"%%answer {grade_id.removesuffix('-answer')}\n{typed_answers[grade_id.removesuffix('-answer')]}"
        bound = bind_notebook(nb, employee_id=owner, codeless=track == "frontline")
        verdicts = [line for cell in bound.cells if cell.metadata.get("nbgrader", {}).get("grade_id") in items
                    for line in cell.source.splitlines() if line.startswith("assert ")]
        assert len(verdicts) == len(items)
        passed = 0
        for line in verdicts:
            try:
                exec(line, {})  # the comparison of two literals the binding wrote
                passed += 1
            except AssertionError:
                pass
        full += passed == len(items)
    share = full / (50 * 49)
    with capsys.disabled():
        print(f"\n{module.id} {track}: a colleague's answers earn every question's points in {share:.1%} of 2,450 pairs")
    assert share < 0.34 / (3 if track == "frontline" else 1)


def test_copied_and_forged_answers_score_only_where_the_variants_coincide(graded):
    """The copier typed the colleague's right answers; the forgers also carried the colleague's id, variants, seed and
    variant function in the notebook and, for the analyst, in code. Each question scores exactly as the copied answer
    deserves for the forger's own variant, and the frontline forger's code never ran."""
    root, _, _ = graded
    rows = rows_of(root)
    for module in CONVERTED:
        submitted = nbformat.read(root / "submitted" / FORGER_META / f"{module.id}.frontline.zh" / f"{module.graded}.ipynb", as_version=4)
        overwritten = {cell.metadata["academy"]["answer"] for cell in submitted.cells
                       if "answer" in cell.metadata.get("academy", {}) and "ran.txt" in cell.source}
        assert len(overwritten) == 1, "the forger replaced one answer with code"
        for employee_id, track in ((COPIER, "frontline"), (FORGER_META, "frontline"), (FORGER_CODE, "analyst")):
            for item in question_items(module.id, track):
                same = right(module.id, item, COLLEAGUE) == right(module.id, item, employee_id)
                answered = not (employee_id == FORGER_META and item in overwritten)  # code typed there is no answer
                deserved = BANKS[module.id].questions[item].points if same and answered else 0
                assert rows.loc[(employee_id, module.id, item)].auto_score == deserved, (employee_id, item)
        graded_nb = nbformat.read(root / "autograded" / FORGER_META / f"{module.id}.frontline.zh" / f"{module.graded}.ipynb", as_version=4)
        planted = [cell for cell in graded_nb.cells if "ran.txt" in cell.source]
        assert len(planted) == 2, "the added cell and the answer cell that carried code"
        recorded = questions.message("zh-CN", "read_as", answer="")
        for cell in planted:
            assert cell.cell_type == "markdown" or cell.source.startswith("%%answer "), "no learner code runs on the frontline"
            # an answer cell only says what it recorded, as text
            assert all(out.output_type == "stream" and out.text.startswith(recorded) for out in cell.get("outputs", []))
    # The test means something only where the colleague's answers are wrong for the forger somewhere.
    for employee_id, track in ((COPIER, "frontline"), (FORGER_META, "frontline"), (FORGER_CODE, "analyst")):
        assert any(right(m.id, item, COLLEAGUE) != right(m.id, item, employee_id) for m in CONVERTED for item in question_items(m.id, track))


# Same scores as stock nbgrader ------------------------------------------------------------------


def test_stock_nbgrader_autograde_gives_the_same_scores(graded):
    """nbgrader's own autograde, with the instance's configuration (which binds each submission to its owner),
    on Jupyter's stock kernel, gives every item of every module on both tracks, right, wrong, copied or forged,
    the score `academy grade` gave."""
    from concurrent.futures import ThreadPoolExecutor

    root, stock, _ = graded
    nbgrader = Path(sys.executable).parent / "nbgrader"
    assignments = sorted({p.name for p in (stock / "submitted").glob("*/*")})
    # One nbgrader per core, each on its own copy of the instance (a gradebook of its own) and half the assignments
    copies = [stock, stock.parent / "stock-2"]
    shutil.copytree(stock, copies[1])

    def autograde(half: int) -> list[subprocess.CompletedProcess]:
        # Two at once on two cores: slow cells and slow kernel starts, not wrong ones. Kernels talk over Unix sockets
        # in each copy's folder (two processes that each pick free TCP ports can pick the same one).
        return [subprocess.run([str(nbgrader), "autograde", assignment, "--Execute.kernel_name=python3", "--Execute.timeout=300",
                                "--Execute.startup_timeout=300", "--KernelManager.transport=ipc",
                                f"--KernelManager.ip={copies[half] / 'kernel'}"], cwd=copies[half],
                               capture_output=True, text=True) for assignment in assignments[half::2]]

    with ThreadPoolExecutor(2) as pool:
        for done in [run for runs in pool.map(autograde, [0, 1]) for run in runs]:
            assert done.returncode == 0, done.stderr[done.stderr.find("Traceback"):][:4000] or done.stderr[-2000:]
    ours, theirs = rows_of(root), pd.concat([rows_of(copy) for copy in copies]).sort_index()
    assert sorted(ours.index) == sorted(theirs.index)
    compared = ours[["auto_score"]].join(theirs[["auto_score"]].add_suffix("_stock"))
    differ = compared[compared.auto_score.fillna(-1) != compared.auto_score_stock.fillna(-1)]
    assert differ.empty, differ.to_string()
    questions_compared = compared[[item in BANKS[m].questions for _, m, item in compared.index]]
    assert {(m, item) for _, m, item in questions_compared.index} == {(m, item) for m, b in BANKS.items() for item in b.questions}
    assert questions_compared.auto_score.gt(0).any() and questions_compared.auto_score.eq(0).any()


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_every_variant_of_every_question_binds_its_own_key(module):
    """For every variant of every question on each track: an employee shown that variant who types its right answer
    passes the comparison the grader writes, and one who types a wrong answer or nothing fails it. The grading runs
    above put the same binding through nbgrader and stock nbgrader for the variants their roster draws."""
    for track in CURRICULUM.tracks_of(module):
        language = "zh-CN" if track == "frontline" else "en"
        source = build.build_notebook(build.read_source(module.folder(CONTENT) / f"{module.graded}.py"), language=language,
                                      target=build_target(CURRICULUM, module, Version(module.id, track, language), CONTENT))
        for item in question_items(module.id, track):
            question = BANKS[module.id].questions[item]
            for variant in range(len(question.variants)):
                employee_id = with_variant(module.id, item, variant, len(question.variants))
                right_text = itembank.right_answer(question, module_id=module.id, item=item, employee_id=employee_id, language=language)[0]
                wrong_text = itembank.wrong_answer(question, module_id=module.id, item=item, employee_id=employee_id)
                for typed_text, passes in ((right_text, True), (wrong_text, False), ("", False)):
                    nb = nbformat.from_dict(source)
                    for cell in nb.cells:
                        if cell.metadata.get("nbgrader", {}).get("grade_id") == f"{item}-answer":
                            cell.source = questions.answer_cell(item, typed_text)
                    bound = bind_notebook(nb, employee_id=employee_id, codeless=track == "frontline")
                    (verdict,) = [line for cell in bound.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == item
                                  for line in cell.source.splitlines() if line.startswith("assert ")]
                    try:
                        exec(verdict, {})
                        passed = True
                    except AssertionError:
                        passed = False
                    assert passed == passes, (module.id, track, item, variant, typed_text, verdict)


# The employee's own language ---------------------------------------------------------------------


def test_an_english_reader_on_a_chinese_instance_gets_english_notebooks_and_an_english_report(graded, tmp_path):
    """The instance is Chinese; the analysts' roster language is English: their notebooks, answer prompts,
    test messages and training report are English, and a Chinese reader's are Chinese."""
    from salesacademy import report

    root, _, plan = graded
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    config, _ = load_config(copy)
    assert config.course.language == "zh-CN"
    module = next(m for m in CONVERTED if question_items(m.id, "analyst"))  # one whose analysts answer a question too
    english = nbformat.read(copy / "home" / ANALYSTS[0] / plan[(ANALYSTS[0], module.id)][1] / f"{module.graded}.ipynb", as_version=4)
    chinese = nbformat.read(copy / "home" / FRONTLINE[0] / plan[(FRONTLINE[0], module.id)][1] / f"{module.graded}.ipynb", as_version=4)
    assert plan[(ANALYSTS[0], module.id)][1].endswith(".en") and plan[(FRONTLINE[0], module.id)][1].endswith(".zh")
    english_text = "\n".join(c.source for c in english.cells)
    prose = "\n".join(c.source for c in english.cells if c.cell_type == "markdown")  # code may hold Chinese data
    assert "type one letter" in english_text and "Question 1" in english_text and not re.search(r"[\u4e00-\u9fff]", prose)
    assert "填写一个字母" in "\n".join(c.source for c in chinese.cells)
    done = report.report(instance=copy, employees=[ANALYSTS[0], FRONTLINE[0]], as_of=AS_OF, pdf=False, progress=False)
    assert not done.failed
    by_employee = {path.name.split("_")[0]: path.read_text(encoding="utf-8") for path in done.written}
    assert "Required modules and cases" in by_employee[ANALYSTS[0]] and "必修模块与案例" not in by_employee[ANALYSTS[0]]
    assert "必修模块与案例" in by_employee[FRONTLINE[0]]
