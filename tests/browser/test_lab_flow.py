"""Two staff members, start to finish, in real JupyterLab servers driven through Chromium.

A teller reading Chinese and a relationship manager reading English open My
training, which lists their own modules with titles and due dates; each
starts a module, reads its lesson (charts drawn, code folded), answers every
question of the exercise without writing code, checks it (per question, in
their language) and submits. A trainer grades the written answers in the
formgrader; each learner opens their feedback and reads pass or fail and why.
Each server is a real `academy lab` process on a free loopback port.
Screenshots of each step go to ``artifacts/browser/`` at the repository root.

Chromium is Debian's (``chromium`` on PATH): Playwright's own browser
download is never used. Under CI a missing Chromium or Playwright fails the
test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from salesacademy import itembank
from salesacademy.collect import Collected, collect
from salesacademy.config import content_root, load_config
from salesacademy.curriculum import load_curriculum
from salesacademy.feedback import feedback
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
#: (employee, roster language, the module they work through); tellers do not take 03, relationship managers take both.
LEARNERS = (("T1", "zh-CN", "c05-minibonds-elderly"), ("R2", "en", "03-suitability"))
MODULES = ["03-suitability", "c05-minibonds-elderly"]
MANUAL_SCORE = 3.0  # below full marks, so the stored score can only have come from the trainer's entry
STARTUP_S = 180  # two shared cores: a cold JupyterLab can take a while to answer
UI_MS = 60_000


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's Chromium, with Playwright importable; missing either fails under CI and skips elsewhere."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
    path = shutil.which("chromium")
    if path is None:
        missing.append("Chromium (scripts/os-packages installs it)")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def lab_server(instance: Path, role: str, home: Path, user: str | None = None):
    """A running `academy lab`; yields (base url, token) and always stops the process."""
    port, token = free_port(), secrets.token_hex(16)
    argv = [sys.executable, "-m", "salesacademy.cli", "lab", "--role", role, "--port", str(port), "--instance", str(instance)]
    argv += ["--user", user] if user else []
    argv += ["--allow-root"] if os.geteuid() == 0 else []
    # The server's own Jupyter folders (workspaces, user settings, runtime files) stay in the test's folder.
    env = dict(os.environ, JUPYTER_TOKEN=token, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    log = home / f"{role}.log"
    home.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"academy lab --role {role} exited with {process.returncode}:\n{log.read_text(encoding='utf-8')[-3000:]}")
            try:
                urllib.request.urlopen(urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"}), timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"academy lab --role {role} did not answer on {base}:\n{log.read_text(encoding='utf-8')[-3000:]}")
                time.sleep(0.5)
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def open_lab(page, base: str, token: str, *, trainer: bool = False) -> None:
    page.goto(f"{base}/lab?token={token}")
    page.locator("#jp-main-dock-panel").wait_for(timeout=UI_MS)
    if trainer:
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for(timeout=UI_MS)
    else:
        page.locator(".sa-training table").wait_for(timeout=UI_MS)


def nbgrader_menu(page) -> list[str]:
    """Labels of the Nbgrader menu, which lists only the tabs whose plugins are enabled."""
    title = page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader")
    title.click()
    menu = page.locator(".lm-Menu").last
    menu.wait_for(timeout=UI_MS)
    labels = [label.strip() for label in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if label.strip()]
    title.click()  # a second click closes it
    menu.wait_for(state="hidden", timeout=UI_MS)
    return labels


def open_nbgrader_tab(page, label: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu .lm-Menu-item", has_text=label).first.click()


def new_menu(page, language: str) -> list[str]:
    """The labels of File > New."""
    file_label, new_label = ("文件", "新建") if language.startswith("zh") else ("File", "New")
    page.locator(".lm-MenuBar-itemLabel", has_text=file_label).first.click()
    page.locator(".lm-Menu .lm-Menu-item", has_text=new_label).first.hover()
    submenu = page.locator(".lm-Menu").nth(1)
    submenu.wait_for(timeout=UI_MS)
    labels = [label.strip() for label in submenu.locator(".lm-Menu-itemLabel").all_inner_texts() if label.strip()]
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    return labels


def type_after(page, cell, text: str) -> None:
    """Type `text` at the end of a cell's editor, as a person typing under the line that says to."""
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")


def write_over(page, cell, text: str) -> None:
    """Replace the text of a written answer, which opens for typing by itself."""
    cell.scroll_into_view_if_needed()
    editor = cell.locator(".cm-content")
    editor.wait_for(timeout=UI_MS)  # open for typing: no double click needed
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A fresh Chinese instance, a teller reading Chinese and a relationship manager reading English, two converted modules released."""
    root = init(directory=tmp_path_factory.mktemp("lab") / "course").root
    roster = root.parent / "roster.csv"
    roster.write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        "B1,王芳,上海浦东支行,零售银行部,branch_manager,,2015-03-01,b1@bank.example,zh-CN\n"
        "T1,赵敏,上海浦东支行,运营部,teller,B1,2022-09-30,t1@bank.example,zh-CN\n"
        "R2,Chen Jie,上海浦东支行,零售银行部,relationship_manager,B1,2019-07-15,r2@bank.example,en\n",
        encoding="utf-8",
    )
    import_roster(instance=root, file=roster)
    release(instance=root, modules=MODULES, progress=False)
    return root


def test_staff_work_through_their_modules_without_code_and_read_their_feedback(chromium, course, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    config, paths = load_config(course)
    content = content_root(config)
    curriculum = load_curriculum(content)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            for employee, language, module_id in LEARNERS:
                with lab_server(course, "staff", tmp_path / employee, user=employee) as (url, token):
                    work_through(browser, expect, url, token, paths, curriculum, employee, language, module_id)

            # The trainers collect and autograde, then grade each written answer in the formgrader.
            assert collect(instance=course) == {"03-suitability": Collected(new=1), "c05-minibonds-elderly": Collected(new=1)}
            run = grade(instance=course, progress=False)
            assert not run.failed and len(run.graded) == 2
            with lab_server(course, "trainer", tmp_path / "trainer") as (trainer_url, trainer_token):
                trainer = browser.new_page(viewport={"width": 1400, "height": 900})
                for employee, language, module_id in LEARNERS:
                    grade_written(trainer, expect, trainer_url, trainer_token, curriculum, employee, language, module_id)
            assert feedback(instance=course).released == {"03-suitability": 1, "c05-minibonds-elderly": 1}

            for employee, language, module_id in LEARNERS:
                with lab_server(course, "staff", tmp_path / f"{employee}-feedback", user=employee) as (url, token):
                    read_feedback(browser, expect, url, token, paths, curriculum, employee, language, module_id)
        finally:
            browser.close()


def work_through(browser, expect, url, token, paths, curriculum, employee, language, module_id) -> None:
    text = training_labels(language)
    module = curriculum.module(module_id)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    open_lab(page, url, token)
    # My training lists only this employee's modules, titled in their language, with due dates.
    rows = page.locator(".sa-training tbody tr")
    assigned = {m.id for m in curriculum.modules if m.id in MODULES and role_of(employee) in m.required_for}
    expect(rows).to_have_count(len(assigned), timeout=UI_MS)
    for other in assigned:
        row = page.locator(f'.sa-training tr[data-module="{other}"]')
        expect(row).to_contain_text(curriculum.module(other).title(language))
        expect(row).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
        expect(row).to_contain_text(text["statuses"]["to-do"])
    assert page.locator(".jp-Launcher").count() == 0, "no launcher of notebooks, consoles or terminals"
    assert not {"Terminal", "Console", "终端", "控制台"} & set(new_menu(page, language)), "File > New offers no terminal or console"
    shot(page, f"{employee}-1-my-training")

    # Start: the lesson opens with its charts drawn and its code folded.
    row = page.locator(f'.sa-training tr[data-module="{module_id}"]')
    row.get_by_role("button", name=text["fetch"]).click()
    lesson = page.locator(".jp-NotebookPanel:visible")
    expect(lesson.locator(".jp-OutputArea-output img").first).to_be_visible(timeout=UI_MS)
    assert lesson.locator(".jp-InputPlaceholder").count() >= 1, "the code is folded away"
    assert lesson.locator(".jp-InputArea-editor:visible").count() == 0
    shot(page, f"{employee}-2-lesson")

    # The exercise: every question answered by typing a letter, a number or a short text; the written answer is open for typing.
    page.locator(".lm-TabBar-tab", has_text=text["title"]).first.click()
    page.locator(f'.sa-training tr[data-module="{module_id}"]').get_by_role("button", name=text["open"]).click()
    exercise_path = next((paths.home(employee)).glob(f"{module_id}.*/{module.graded}.ipynb"))
    saved = nbformat.read(exercise_path, as_version=4)
    cells = page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell")
    expect(cells).to_have_count(len(saved.cells), timeout=UI_MS)
    # Check before answering: each question is named, in their language, with what it still needs.
    page.locator(".jp-NotebookPanel:visible .jp-Toolbar").get_by_text(text["validate"]).click()
    dialog = page.locator(".jp-Dialog")
    first = "第 1 题：尚未作答。" if language.startswith("zh") else "Question 1: not answered."
    expect(dialog).to_contain_text(first, timeout=180_000)
    assert "Traceback" not in dialog.inner_text()
    shot(page, f"{employee}-3-check-before-answering")
    dialog.get_by_role("button").last.click()
    bank = itembank.load_bank(module.folder(content_of(paths)), tracks=list(curriculum.tracks))
    for index, cell in enumerate(saved.cells):
        meta = cell.metadata.get("academy", {})
        if "answer" in meta:
            question = bank.questions[meta["answer"]]
            right, _ = itembank.right_answer(question, module_id=module_id, item=meta["answer"], employee_id=employee, language=language)
            type_after(page, cells.nth(index), right)
        elif cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "markdown":
            write_over(page, cells.nth(index), WRITTEN[language])
    with page.expect_response(lambda r: "/api/contents/" in r.url and r.request.method == "PUT"):
        page.keyboard.press("Control+S")
    shot(page, f"{employee}-4-exercise-answered")

    # Check: per question, in their language; everything answered.
    page.locator(".jp-NotebookPanel:visible .jp-Toolbar").get_by_text(text["validate"]).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text(text["validate_ok"], timeout=180_000)
    shot(page, f"{employee}-5-check")
    dialog.get_by_role("button").last.click()

    # Submit, from My training.
    page.locator(".lm-TabBar-tab", has_text=text["title"]).first.click()
    page.locator(f'.sa-training tr[data-module="{module_id}"]').get_by_role("button", name=text["submit"]).click()
    expect(page.locator(".sa-training .sa-message")).to_contain_text(text["submitted_ok"], timeout=UI_MS)
    expect(page.locator(f'.sa-training tr[data-module="{module_id}"]')).to_contain_text(text["statuses"]["submitted"])
    shot(page, f"{employee}-6-submitted")
    page.close()


def grade_written(trainer, expect, url, token, curriculum, employee, language, module_id) -> None:
    module = curriculum.module(module_id)
    assignment = next(v.assignment for v in curriculum.versions(module) if v.language == language and v.track == "frontline")
    open_lab(trainer, url, token, trainer=True)
    open_nbgrader_tab(trainer, "Formgrader")
    formgrader = trainer.frame_locator("iframe")
    formgrader.get_by_role("link", name="Manual Grading").click()
    # On Manage Assignments, the page the formgrader opens on, the same name opens the source folder instead.
    expect(formgrader.locator("ol.breadcrumb li.active")).to_have_text("Manual Grading", timeout=UI_MS)
    formgrader.get_by_role("link", name=assignment).click()
    formgrader.get_by_role("link", name=module.graded, exact=True).click()
    formgrader.get_by_role("link", name="Submission #1").click()
    score = formgrader.locator("input.score").last
    expect(score).to_have_class(re.compile(r"\bneeds_manual_grade\b"), timeout=UI_MS)
    score.scroll_into_view_if_needed()
    with trainer.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved_grade:
        score.fill(f"{MANUAL_SCORE:g}")
        score.press("Tab")
    assert saved_grade.value.ok
    shot(trainer, f"{employee}-7-trainer-grades")


def read_feedback(browser, expect, url, token, paths, curriculum, employee, language, module_id) -> None:
    text = training_labels(language)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    open_lab(page, url, token)
    row = page.locator(f'.sa-training tr[data-module="{module_id}"]')
    expect(row).to_contain_text(text["statuses"]["passed"], timeout=UI_MS)
    row.get_by_role("button", name=text["feedback"]).click()
    report = page.frame_locator(".jp-HTMLViewer:visible iframe").locator("body")
    expect(report).to_contain_text(text["feedback_verdict"]["passed"], timeout=UI_MS)
    module = curriculum.module(module_id)
    bank = itembank.load_bank(module.folder(content_of(paths)), tracks=list(curriculum.tracks))
    for item, question in bank.questions.items():
        if "frontline" in question.tracks:
            _, why = itembank.right_answer(question, module_id=module_id, item=item, employee_id=employee, language=language)
            expect(report).to_contain_text(why)
    page_html = next(paths.home(employee).glob(f"{module_id}.*/feedback/*/{module.graded}.html")).read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in page_html and "academy_key" not in page_html
    shot(page, f"{employee}-8-feedback")
    page.close()


#: A written answer a trainer would give full marks less a point.
WRITTEN = {
    "zh-CN": "我不会这样做。我会向客户说明产品风险和适当性要求，只推荐与客户风险等级相符的产品，并通过合规渠道报告这一压力。",
    "en": "I would not do it. I would explain the risk and the suitability rule to the customer, recommend only products at her "
          "risk level, and report the pressure through the compliance channel.",
}


def training_labels(language: str) -> dict:
    from salesacademy.training import labels

    return labels(language)


def role_of(employee: str) -> str:
    return {"T1": "teller", "R2": "relationship_manager", "B1": "branch_manager"}[employee]


def content_of(paths) -> Path:
    config, _ = load_config(paths.root)
    return content_root(config)
