"""Crash safety of grading: whatever happens, no grade, comment or employee history is lost.

A grading run killed with SIGKILL at any moment leaves every submission
either graded or still pending, never half-graded, and the next run grades
what is pending and nothing else. A property-based test drives random
sequences of grading, manual grading, regrading, roster re-imports, new
releases and crashes, and checks after every step that nothing a trainer or
HR wrote has gone.
"""

from __future__ import annotations

import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from test_engine import ASSIGNMENT, MODULE, submit

from salesacademy import answers
from salesacademy.collect import collect
from salesacademy.config import bundled_content
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

pytestmark = pytest.mark.slow
STAFF = ("R1", "R2", "R3", "R4")
# Shrinking a failing sequence reruns grading many times; the failing steps are printed as found.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate)
WRITTEN = "shortcuts"
# Each employee's answers: right, a typical mistake, blank, mixed.
ANSWERS = {
    "R1": dict.fromkeys(["skipped", "late", "choice"], answers.REFERENCE),
    "R2": {"skipped": "mistake:counts-rows", "late": "mistake:ge-for-gt", "choice": "mistake:backfill-log"},
    "R3": {},
    "R4": {"skipped": answers.REFERENCE, "late": "mistake:seconds-drops-days"},
}


def roster(branch_of_r1: str = "Pudong") -> str:
    header = "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
    rows = [f"{e},Staff {e},{branch_of_r1 if e == 'R1' else 'Pudong'},Compliance,compliance_officer,,2020-01-01,{e.lower()}@bank.example,zh-CN\n"
            for e in STAFF]
    return header + "".join(rows)


@pytest.fixture(scope="module")
def submitted(tmp_path_factory) -> Path:
    """An instance on its own copy of the course content, MODULE released and answered by STAFF, collected."""
    folder = tmp_path_factory.mktemp("crash")
    content = folder / "content"
    for part in ("course", "cases", "graders"):
        shutil.copytree(bundled_content() / part, content / part)
    root = folder / "course"
    init(directory=root, content=content)
    (root / "roster.csv").write_text(roster(), encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], progress=False)
    for employee_id, choices in ANSWERS.items():
        submit(root, employee_id, choices)
    collect(instance=root)
    return root


def gradebook_rows(root: Path, query: str) -> list[tuple]:
    with sqlite3.connect(root / "gradebook.db") as db:
        return db.execute(query).fetchall()


GRADES = """
SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade FROM grade g
JOIN submitted_notebook sn ON sn.id = g.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id
JOIN base_cell bc ON bc.id = g.cell_id JOIN notebook n ON n.id = sn.notebook_id WHERE n.name = 'exercise'
"""


def graded_or_pending(root: Path) -> dict[str, str]:
    """Each employee's submission: 'graded' (scores and published folder agree), 'pending', or what is wrong."""
    rows = gradebook_rows(root, GRADES)
    state = {}
    for employee_id in STAFF:
        stamp = root / "autograded" / employee_id / ASSIGNMENT / "timestamp.txt"
        submitted_stamp = (root / "submitted" / employee_id / ASSIGNMENT / "timestamp.txt").read_text()
        published = stamp.is_file() and stamp.read_text() == submitted_stamp
        scored = [auto for e, name, auto, _, _ in rows if e == employee_id and name != WRITTEN]
        if published:
            state[employee_id] = "graded" if scored and all(score is not None for score in scored) else "published without scores"
        else:
            state[employee_id] = "pending"
    return state


def run_killed_after(root: Path, seconds: float) -> None:
    """`academy grade` in its own process, killed with SIGKILL after `seconds` (or when done, if sooner)."""
    process = subprocess.Popen([str(Path(sys.executable).parent / "academy"), "grade", "--instance", str(root), "--force",
                                "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        import os

        os.killpg(process.pid, signal.SIGKILL)  # the command, its workers and their kernels: as a power cut would
        process.wait()


def test_a_run_killed_at_any_moment_leaves_each_submission_graded_or_pending(submitted, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(submitted, reference)
    grade(instance=reference, workers=1, progress=False)
    expected = sorted(gradebook_rows(reference, GRADES))
    assert set(graded_or_pending(reference).values()) == {"graded"}

    started = time.perf_counter()
    run_killed_after(reference, 600)
    full_run = time.perf_counter() - started
    # Kill points spread over a whole run: before the workers start, while grading, while writing.
    for share in (0.05, 0.2, 0.4, 0.6, 0.75, 0.9):
        root = tmp_path / f"killed-{share}"
        shutil.copytree(submitted, root)
        run_killed_after(root, full_run * share)
        state = graded_or_pending(root)
        assert set(state.values()) <= {"graded", "pending"}, state
        assert gradebook_rows(root, "PRAGMA integrity_check") == [("ok",)]
        pending = sorted(e for e, s in state.items() if s == "pending")
        rerun = grade(instance=root, workers=1, progress=False)
        assert sorted(s.employee_id for s in rerun.graded) == pending, "the rerun grades what is pending, and only that"
        assert sorted(gradebook_rows(root, GRADES)) == expected
        assert not list((root / ".grading").glob("*")), "the killed run's staging folder is cleared by the next run"


def test_a_run_killed_between_two_writes_leaves_the_rest_pending_and_the_rerun_completes_it(submitted, tmp_path):
    """Killed as soon as the first submission's scores are committed, while the others are still being graded or written."""
    reference = tmp_path / "reference"
    shutil.copytree(submitted, reference)
    grade(instance=reference, workers=1, progress=False)
    expected = sorted(gradebook_rows(reference, GRADES))

    root = tmp_path / "killed"
    shutil.copytree(submitted, root)
    process = subprocess.Popen([str(Path(sys.executable).parent / "academy"), "grade", "--instance", str(root), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    scored = "SELECT count(*) FROM grade WHERE auto_score IS NOT NULL"
    while process.poll() is None and (not (root / "gradebook.db").exists() or gradebook_rows(root, scored)[0][0] == 0):
        time.sleep(0.002)
    import os

    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    state = graded_or_pending(root)
    assert set(state.values()) <= {"graded", "pending"}, state
    assert "pending" in state.values(), "the kill came after the first write and before the last"
    assert gradebook_rows(root, "PRAGMA integrity_check") == [("ok",)]
    rerun = grade(instance=root, workers=1, progress=False)
    assert sorted(s.employee_id for s in rerun.graded) == sorted(e for e, s in state.items() if s == "pending")
    assert sorted(gradebook_rows(root, GRADES)) == expected


def test_a_run_with_nothing_to_grade_still_clears_a_killed_run_s_staging_folder(submitted, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(submitted, root)
    grade(instance=root, workers=1, progress=False)
    finished = subprocess.Popen(["true"])  # a process that is gone, as a killed run's is
    finished.wait()
    killed = root / ".grading" / "20261206T084927Z-0466f3c8"
    (killed / "F001__01-sales-process.frontline.zh").mkdir(parents=True)
    killed.with_name(killed.name + ".owner").write_text(f"{socket.gethostname()} {finished.pid}\n", encoding="utf-8")
    assert not grade(instance=root, workers=1, progress=False).graded
    assert not (root / ".grading").exists()


class GradingLife(RuleBasedStateMachine):
    """Random sequences of what happens to a gradebook over a training season."""

    root: Path
    template: Path

    def __init__(self) -> None:
        super().__init__()
        self.root = self.template.parent / f"life-{time.monotonic_ns()}"
        shutil.copytree(self.template, self.root)
        self.manual: dict[str, tuple[float, str]] = {}  # employee -> (manual score, comment) a trainer gave
        self.history = gradebook_rows(self.root, "SELECT * FROM academy_employee_history ORDER BY id")
        self.version = 0

    @rule()
    def grade(self) -> None:
        grade(instance=self.root, workers=1, progress=False)

    @rule()
    def regrade(self) -> None:
        grade(instance=self.root, workers=1, force=True, progress=False)

    @rule(employee=st.sampled_from(STAFF), points=st.integers(0, 4))
    def manual_grade(self, employee: str, points: int) -> None:
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(f"sqlite:///{self.root}/gradebook.db", "sales-academy") as gb:
            try:
                found = gb.find_grade(WRITTEN, "exercise", ASSIGNMENT, employee)
            except MissingEntry:  # not graded yet: nothing for a trainer to mark
                return
            comment = gb.find_comment(WRITTEN, "exercise", ASSIGNMENT, employee)
            found.manual_score = float(points)
            comment.manual_comment = f"mark {points} for {employee}"
            gb.db.commit()
        self.manual[employee] = (float(points), f"mark {points} for {employee}")

    @rule(branch=st.sampled_from(["Pudong", "Xicheng", "Jing'an"]))
    def reimport_roster(self, branch: str) -> None:
        (self.root / "roster.csv").write_text(roster(branch), encoding="utf-8")
        import_roster(instance=self.root, file=self.root / "roster.csv")

    @rule()
    def release_new_version(self) -> None:
        self.version += 1
        from salesacademy.config import content_root, load_config

        config, _ = load_config(self.root)
        lesson = content_root(config) / "course" / MODULE / "lesson.py"
        lesson.write_text(lesson.read_text(encoding="utf-8") + f"\n# %% [markdown]\n# Revision {self.version}.\n", encoding="utf-8")
        release(instance=self.root, modules=[MODULE], progress=False)

    @rule(seconds=st.floats(0.5, 12))
    def crash(self, seconds: float) -> None:
        run_killed_after(self.root, seconds)

    @invariant()
    def nothing_is_lost(self) -> None:
        # The written item is a grade cell and a solution cell, two cells in nbgrader's tables, one name.
        manual = dict(gradebook_rows(self.root, """
            SELECT sa.student_id, g.manual_score FROM grade g
            JOIN submitted_notebook sn ON sn.id = g.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id
            JOIN base_cell bc ON bc.id = g.cell_id WHERE bc.name = 'shortcuts'"""))
        comments = dict(gradebook_rows(self.root, """
            SELECT sa.student_id, c.manual_comment FROM comment c
            JOIN submitted_notebook sn ON sn.id = c.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id
            JOIN base_cell bc ON bc.id = c.cell_id WHERE bc.name = 'shortcuts'"""))
        rows = {employee: (manual.get(employee), comments.get(employee)) for employee in manual}
        for employee, given in self.manual.items():
            assert rows.get(employee) == given, f"{employee}'s manual grade or comment was lost"
        history = gradebook_rows(self.root, "SELECT * FROM academy_employee_history ORDER BY id")
        assert history[: len(self.history)] == self.history, "employee history was rewritten"
        self.history = history
        assert set(graded_or_pending(self.root).values()) <= {"graded", "pending"}

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def test_no_manual_grade_comment_or_history_is_ever_lost(submitted, tmp_path):
    template = tmp_path / "template"
    shutil.copytree(submitted, template)
    # Its own content folder, which release_new_version edits.
    content = tmp_path / "content"
    shutil.copytree(submitted.parent / "content", content)
    toml = template / "academy.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(str(submitted.parent / "content"), str(content)), encoding="utf-8")
    GradingLife.template = template
    machine = GradingLife.TestCase
    machine.settings = settings(max_examples=4, stateful_step_count=6, deadline=None, derandomize=True,
                                suppress_health_check=list(HealthCheck), phases=PHASES)
    machine().runTest()


def test_only_the_staging_folders_of_dead_runs_of_this_machine_are_removed(tmp_path):
    import os
    import socket

    from salesacademy.grade import _remove_abandoned

    finished = subprocess.Popen(["true"])
    finished.wait()
    owners = {"killed": f"{socket.gethostname()} {finished.pid}", "running": f"{socket.gethostname()} {os.getpid()}",
              "other-machine": f"grader-2.bank.example {finished.pid}", "being-written": ""}
    for name, owner in owners.items():
        (tmp_path / name).mkdir()
        (tmp_path / f"{name}.owner").write_text(owner, encoding="utf-8")
    (tmp_path / "killed" / "F001__01-sales-process.frontline.zh").mkdir()
    _remove_abandoned(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "being-written", "being-written.owner", "other-machine", "other-machine.owner", "running", "running.owner"]


def test_a_changed_resubmission_is_graded_afresh_item_by_item(submitted, tmp_path):
    """R2 first hands in a typical mistake on every item, then the reference: every stored score follows the new answers."""
    root = tmp_path / "course"
    shutil.copytree(submitted, root)
    grade(instance=root, workers=1, progress=False)
    scores = "SELECT sa.student_id, bc.name, g.auto_score, gc.max_score FROM grade g " + GRADES.split("FROM grade g", 1)[1].replace(
        "JOIN base_cell bc ON bc.id = g.cell_id", "JOIN base_cell bc ON bc.id = g.cell_id JOIN grade_cells gc ON gc.id = g.cell_id")
    first = {name: (auto, top) for e, name, auto, top in gradebook_rows(root, scores) if e == "R2" and name != WRITTEN}
    assert first and all(auto < top for auto, top in first.values()), first  # each mistake loses points

    for fetched in (root / "home" / "R2").glob(f"{MODULE}.*"):  # the employee starts again from a fresh copy
        shutil.rmtree(fetched)
    submit(root, "R2", ANSWERS["R1"])
    collect(instance=root)
    rerun = grade(instance=root, workers=1, progress=False)
    assert [s.employee_id for s in rerun.graded] == ["R2"]
    again = {name: (auto, top) for e, name, auto, top in gradebook_rows(root, scores) if e == "R2" and name != WRITTEN}
    assert set(again) == set(first)
    assert all(auto == top for auto, top in again.values()), again  # the reference earns every point of every item
