"""One module, start to finish, in real JupyterLab servers driven through Chromium.

A staff member fetches a released module in the Assignments tab, types the
reference answers, validates and submits; a trainer grades the written answer
in the formgrader; the staff member fetches the feedback and reads it. Each
server is a real `academy lab` process on a free loopback port. Screenshots
of each step go to ``artifacts/browser/`` at the repository root.

Chromium is Debian's (``chromium`` on PATH): Playwright's own browser
download is never used. Under CI a missing Chromium or Playwright fails the
test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import json
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

import pytest

from salesacademy import answers
from salesacademy.collect import collect
from salesacademy.config import content_root, database_url, load_config
from salesacademy.curriculum import load_curriculum
from salesacademy.feedback import feedback
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
MODULE = "01-sales-process"
EMPLOYEE = "R1"
#: The version R1, a relationship manager reading Chinese, takes; nbgrader's own Assignments tab lists every version.
ASSIGNMENT = "01-sales-process.frontline.zh"
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


def open_lab(page, base: str, token: str) -> None:
    page.goto(f"{base}/lab?token={token}")
    page.locator("#jp-main-dock-panel").wait_for(timeout=UI_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for(timeout=UI_MS)


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


def type_answer(page, cell, text: str, *, markdown: bool) -> None:
    """Replace a cell's text as a person would: into its editor, then leave it."""
    cell.scroll_into_view_if_needed()
    if markdown:
        cell.dblclick()  # a rendered markdown cell opens its editor on double click
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)  # as one input, so the editor adds no indentation or brackets of its own
    page.keyboard.press("Control+Enter" if markdown else "Escape")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A fresh Chinese instance, a four-person roster, one module released."""
    root = init(directory=tmp_path_factory.mktemp("lab") / "course").root
    roster = root.parent / "roster.csv"
    roster.write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        "B1,王芳,上海浦东支行,零售银行部,branch_manager,,2015-03-01,b1@bank.example,zh-CN\n"
        "R1,李强,上海浦东支行,零售银行部,relationship_manager,B1,2019-07-15,r1@bank.example,zh-CN\n"
        "T1,赵敏,上海浦东支行,运营部,teller,B1,2022-09-30,t1@bank.example,zh-CN\n",
        encoding="utf-8",
    )
    import_roster(instance=root, file=roster)
    release(instance=root, modules=[MODULE], progress=False)
    return root


def test_staff_and_trainer_through_one_module_in_jupyterlab(chromium, course, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    config, paths = load_config(course)
    content = content_root(config)
    module = load_curriculum(content).module(MODULE)
    key = answers.answer_key(content=content, module_id=MODULE, folder=module.folder(content), notebook=module.graded, language="zh-CN",
                             track="frontline")
    written = [item for item in key.items if item.kind == "written"]
    auto_points = sum(item.points for item in key.items if item.kind == "code")
    total_points = sum(item.points for item in key.items)
    assert len(written) == 1, "the flow grades one written answer"
    home = paths.root / "home" / EMPLOYEE
    fetched = home / ASSIGNMENT / f"{module.graded}.ipynb"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            with lab_server(course, "staff", tmp_path / "staff", user=EMPLOYEE) as (staff_url, staff_token):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                # The server sends the frame policy the formgrader needs.
                with urllib.request.urlopen(f"{staff_url}/lab?token={staff_token}") as response:
                    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'"

                # (1) The staff member opens JupyterLab, in Chinese, with only the staff's nbgrader tabs.
                open_lab(page, staff_url, staff_token)
                assert "文件" in page.locator(".lm-MenuBar-content").inner_text()
                assert nbgrader_menu(page) == ["Assignment List"]
                open_nbgrader_tab(page, "Assignment List")
                released = page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
                expect(released).to_contain_text(config.course.id, timeout=UI_MS)
                shot(page, "1-staff-assignment-list")

                released.get_by_role("button", name="Fetch").click()
                downloaded = page.locator("#fetched_assignments_list > .list_item", has_text=ASSIGNMENT)
                downloaded.wait_for(timeout=UI_MS)
                assert fetched.is_file()

                # ... opens the exercise and types the reference answers into the answer cells.
                downloaded.locator("a.assignment-notebooks-link").click()
                downloaded.locator(".nested_list_item a", has_text=module.graded).click()
                cell_ids = [cell.metadata["nbgrader"]["grade_id"] for cell in json_cells(fetched)]
                cells = page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell")
                expect(cells).to_have_count(len(cell_ids), timeout=UI_MS)
                for item in key.items:
                    cell = cells.nth(cell_ids.index(item.answer_cell))
                    type_answer(page, cell, key.texts[(item.id, answers.REFERENCE)], markdown=item.kind == "written")
                with page.expect_response(lambda r: "/api/contents/" in r.url and r.request.method == "PUT"):
                    page.keyboard.press("Control+S")
                saved = {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in json_cells(fetched)}
                for item in key.items:
                    assert saved[item.answer_cell] == key.texts[(item.id, answers.REFERENCE)], item.id

                # ... validates: every visible test passes.
                page.locator(".jp-NotebookPanel:visible .jp-Toolbar").get_by_text("Validate").click()
                dialog = page.locator(".jp-Dialog")
                expect(dialog).to_contain_text("passes all the tests", timeout=180_000)
                assert "failed" not in dialog.inner_text().lower()
                shot(page, "2-staff-validate")
                dialog.locator("button").last.click()

                # ... and submits from the Assignments tab.
                page.locator(".lm-TabBar-tab", has_text="Assignments").click()
                downloaded.get_by_role("button", name="Submit").click()
                submitted = page.locator("#submitted_assignments_list > .list_item", has_text=ASSIGNMENT)
                expect(submitted).to_contain_text("UTC", timeout=UI_MS)  # one line per submission, stamped
                inbound = list(paths.inbound(config.course.id).glob(f"{EMPLOYEE}+{ASSIGNMENT}+*"))
                assert len(inbound) == 1

                # (2) The trainers collect and autograde, then grade the written answer in the formgrader.
                assert collect(instance=course) == {MODULE: 1}
                run = grade(instance=course, progress=False)
                assert not run.failed and len(run.graded) == 1
                with lab_server(course, "trainer", tmp_path / "trainer") as (trainer_url, trainer_token):
                    trainer = browser.new_page(viewport={"width": 1400, "height": 900})
                    open_lab(trainer, trainer_url, trainer_token)
                    labels = nbgrader_menu(trainer)
                    assert {"Course List", "Formgrader"} <= set(labels) and "Assignment List" not in labels
                    open_nbgrader_tab(trainer, "Formgrader")
                    formgrader = trainer.frame_locator("iframe")
                    formgrader.get_by_role("link", name="Manual Grading").click()
                    formgrader.get_by_role("link", name=ASSIGNMENT).click()
                    formgrader.get_by_role("link", name=module.graded, exact=True).click()
                    row = formgrader.locator("tr", has_text="Submission #1")
                    expect(row).to_contain_text(f"{auto_points:g} / {total_points:g}", timeout=UI_MS)
                    row.get_by_role("link", name="Submission #1").click()
                    score = formgrader.locator(f"input.score#{written[0].id}")
                    expect(score).to_have_class(re.compile(r"\bneeds_manual_grade\b"), timeout=UI_MS)
                    score.scroll_into_view_if_needed()
                    with trainer.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved_grade:
                        score.fill(f"{MANUAL_SCORE:g}")
                        score.press("Tab")
                    assert saved_grade.value.ok
                    shot(trainer, "3-trainer-formgrader-grading")
                assert manual_score(config, paths, written[0].id, module.graded) == (MANUAL_SCORE, False)

                assert feedback(instance=course) == {MODULE: 1}

                # (3) The staff member fetches the feedback in the Assignments tab and opens it.
                open_lab(page, staff_url, staff_token)
                open_nbgrader_tab(page, "Assignment List")
                submitted = page.locator("#submitted_assignments_list > .list_item", has_text=ASSIGNMENT)
                with page.expect_response(lambda r: "fetch_feedback" in r.url) as fetched_feedback:
                    submitted.get_by_role("button", name="Fetch Feedback").click()
                assert json.loads(fetched_feedback.value.text())["success"]
                pages = list((home / ASSIGNMENT / "feedback").glob(f"*/{module.graded}.html"))
                assert len(pages) == 1
                listing = page.locator(".jp-FileBrowser .jp-DirListing-content")
                for name in (ASSIGNMENT, "feedback", pages[0].parent.name):
                    entry = listing.locator(".jp-DirListing-item", has_text=name).first
                    entry.wait_for(timeout=UI_MS)
                    entry.dblclick()
                listed = listing.locator(".jp-DirListing-item", has_text=pages[0].name)
                expect(listed).to_have_count(1, timeout=UI_MS)
                listed.dblclick()
                report = page.frame_locator(".jp-HTMLViewer:visible iframe").locator("body")
                expect(report).to_contain_text(f"Score: {auto_points + MANUAL_SCORE:.1f} / {total_points:.1f}", timeout=UI_MS)
                expect(report).to_contain_text(f"Written response (Score: {MANUAL_SCORE:.1f} / {written[0].points:.1f})")
                assert "HIDDEN TESTS" not in pages[0].read_text(encoding="utf-8")
                shot(page, "4-staff-feedback")
        finally:
            browser.close()


def json_cells(path: Path) -> list:
    import nbformat

    return nbformat.read(path, as_version=4).cells


def manual_score(config, paths, item_id: str, notebook: str) -> tuple[float | None, bool]:
    """The trainer's score of `item_id` and whether it still needs grading, read back from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(database_url(config, paths), config.course.id) as gradebook:
        stored = gradebook.find_grade(item_id, notebook, ASSIGNMENT, EMPLOYEE)
        return stored.manual_score, stored.needs_manual_grade
