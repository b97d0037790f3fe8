"""A fault of the grader is never a learner's score, and what grading gives back leaks nothing.

Grading runs as root, and each kernel as a user of its own in a sandbox
(docs/security.md). Whatever that user cannot read is the machine's problem:
the run either grades honest answers right or refuses, with the reason,
before it scores anything. These tests build such machines: a module in a
folder the kernel's user may not read, and a whole Python installation in one.
The feedback of a submission that prints the source of every cell it runs,
hidden tests included, shows none of them.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from salesacademy import answers, gradebook_reads
from salesacademy.collect import collect
from salesacademy.config import database_url, load_config
from salesacademy.feedback import feedback
from salesacademy.grade import grade
from salesacademy.grade_worker import CHECK_EMPLOYEE
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

pytestmark = pytest.mark.slow

MODULE = "03-suitability"
ASSIGNMENT = "03-suitability.analyst.en"
#: What the reference answers of the analyst version earn automatically; the written answer waits for a trainer.
FULL = {"mismatch": 3.0, "elderly": 3.0, "reassess": 2.0, "insists": 2.0}
EMPLOYEES = ("stdlib-importer", "private-module", "fake-fault", "source-printer", "honest")
#: An answer that prints the source of everything compiled after it: the hidden tests too.
SOURCE_PRINTER = ("from IPython import get_ipython\n"
                  "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture(scope="module", autouse=True)
def as_root():
    if os.geteuid() != 0 and not in_ci():
        pytest.skip("without root the kernel runs as this user, and reads what this user reads (docs/security.md)")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    root = init(directory=tmp_path_factory.mktemp("faults") / "course", db="sqlite:///gradebook.db").root
    (root / "roster.csv").write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        + "".join(f"{e},Staff {e},Pudong,Compliance,compliance_officer,,2020-01-01,{e}@bank.example,en\n" for e in EMPLOYEES),
        encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], progress=False)
    return root


def hand_in(root: Path, employee_id: str, first_lines: str = "") -> None:
    """The reference answers, with `first_lines` put at the top of the first code answer."""
    def edit(nb, key):
        if first_lines:
            cell = next(c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
                        and not c.source.startswith("%%answer"))
            cell.source = first_lines + "\n" + cell.source

    answers.hand_in(instance=root, employee_id=employee_id, module_id=MODULE, edit=edit)


def auto_scores(root: Path) -> dict[str, dict[str, float]]:
    config, paths = load_config(root)
    rows = gradebook_reads.grade_rows(database_url(config, paths))
    rows = rows[rows.item.isin(list(FULL))]
    return {e: dict(zip(group.item, group.auto_score)) for e, group in rows.groupby("employee_id")}


@pytest.fixture(scope="module")
def graded(released, tmp_path_factory):
    """One batch: a standard-library import, a module the kernel's user may not read, a faked fault, an honest answer."""
    course = tmp_path_factory.mktemp("batch") / "course"
    shutil.copytree(released, course)
    private = tmp_path_factory.mktemp("private-home") / "lib"
    private.mkdir()
    (private / "jinhe_calendar.py").write_text("BUSINESS_DAYS_PER_WEEK = 5\n", encoding="utf-8")
    private.chmod(0o700)  # root's, like a library installed in a private home folder
    hand_in(course, "stdlib-importer", "import statistics, fractions, colorsys, wave, calendar, zoneinfo")
    hand_in(course, "private-module", "import jinhe_calendar")
    hand_in(course, "fake-fault", "raise ModuleNotFoundError(\"No module named 'json'\")")
    hand_in(course, "source-printer", SOURCE_PRINTER)
    hand_in(course, "honest")
    collect(instance=course)
    # installed for the grader: on its path and its workers' (they start with this one's), and the kernels'
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(private), saved]))
    sys.path.insert(0, str(private))
    try:
        run = grade(instance=course, workers=1, progress=False)
    finally:
        sys.path.remove(str(private))
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved
    feedback(instance=course)
    return course, run


def test_an_answer_may_import_any_standard_library_module(graded):
    """Python here may live in a home folder the kernel's user cannot enter (pyenv in /root): the sandbox opens it."""
    root, run = graded
    assert auto_scores(root)["stdlib-importer"] == FULL
    assert not [s for s in run.failed if s.employee_id == "stdlib-importer"]


def test_a_module_the_kernel_cannot_read_leaves_the_submission_pending_with_the_reason(graded):
    root, run = graded
    assert "private-module" not in auto_scores(root), "nothing is scored for a submission the machine failed"
    (reason,) = [why for s, why in run.failed.items() if s.employee_id == "private-module"]
    assert "jinhe_calendar" in reason and "cannot read" in reason
    assert not (root / "autograded" / "private-module").exists(), "it stays pending, to be graded once the machine is fixed"


def test_a_learner_cannot_pass_off_their_own_error_as_the_machines(graded):
    root, run = graded
    scores = auto_scores(root)["fake-fault"]
    assert scores["mismatch"] == 0 and scores["elderly"] == FULL["elderly"]
    assert auto_scores(root)["honest"] == FULL


def page(root: Path, employee_id: str) -> str:
    return (root / "feedback" / employee_id / ASSIGNMENT / "exercise.html").read_text(encoding="utf-8")


def test_feedback_shows_the_graders_verdicts_and_no_line_of_a_hidden_test(graded):
    root, _ = graded
    source = nbformat.read(root / "source" / ASSIGNMENT / "exercise.ipynb", as_version=4)
    hidden = {line.strip() for cell in source.cells if "### BEGIN HIDDEN TESTS" in cell.source
              for line in cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
              if len(line.strip()) >= 12}
    assert hidden
    printed = nbformat.read(root / "autograded" / "source-printer" / ASSIGNMENT / "exercise.ipynb", as_version=4)
    assert any(line in str(cell.get("outputs")) for cell in printed.cells for line in hidden), "the hook did print hidden tests"
    for employee_id in ("source-printer", "fake-fault", "honest"):
        text = html.unescape(page(root, employee_id))
        assert not [line for line in hidden if line in text], employee_id
    assert page(root, "honest").count("✓ Passed") == len(FULL)
    assert "✗ Not passed" in page(root, "fake-fault")


def test_feedback_speaks_to_the_learner_without_nbgraders_index_or_cell_ids(graded):
    """nbgrader's own index (a written answer awaiting a trainer counted as 0) and cell names give way to plain words."""
    root, _ = graded
    text = page(root, "honest")
    cells = nbformat.read(root / "autograded" / "honest" / ASSIGNMENT / "exercise.ipynb", as_version=4).cells
    ids = {cell.metadata["nbgrader"]["grade_id"] for cell in cells if cell.metadata.get("nbgrader", {}).get("grade_id")}
    assert not [word for word in ("Grade cell", "Student's answer", "Test cell", "Written response", "(Top)", "(Score:") if word in text]
    assert not [grade_id for grade_id in ids if f"<code>{grade_id}</code>" in text]
    tests = [cell for cell in cells if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")]
    assert text.count('<span class="nbgrader-label">Check</span>') == len(tests) and "Your answer" in text
    assert "awaiting a trainer" in text  # the written answer, which no trainer has graded


def test_a_python_the_kernel_cannot_read_stops_the_run_before_anything_is_scored(released, tmp_path):
    """A virtual environment in a folder only root may read: the grader's check of the reference answers fails,
    the run stops with the reason on one line, and every submission stays pending."""
    course = tmp_path / "course"
    shutil.copytree(released, course)
    private = tmp_path / "home"
    private.mkdir(mode=0o700)
    venv = private / "venv"
    # A copy of this environment, its files linked where the file system allows
    copied = subprocess.run(["cp", "-al", sys.prefix, str(venv)], capture_output=True)
    if copied.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        shutil.copytree(sys.prefix, venv, symlinks=True)
    venv.chmod(0o700)
    hand_in(course, "honest")
    collect(instance=course)
    source = Path(__file__).parents[1] / "src"
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "salesacademy.cli", "grade", "--instance", str(course)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(source)}, timeout=600)
    assert done.returncode == 1
    errors = [line.split("\r")[-1] for line in done.stderr.splitlines() if "academy: error:" in line]
    assert len(errors) == 1 and errors[0].startswith("academy: error:") and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "check" in errors[0] and "cannot read" in errors[0] and str(venv) in errors[0], errors[0]
    assert auto_scores(course) == {}, "nothing was scored"
    assert not (course / "autograded" / "honest").exists()
    assert CHECK_EMPLOYEE not in auto_scores(course)
