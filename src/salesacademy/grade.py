"""`academy grade`: autograde collected submissions with nbgrader.

Only submissions that are new or changed since they were last graded are
graded, so a second run changes nothing. nbgrader never overwrites a manual
score: it stores the automatic score beside it, and a manual score, once
given, counts. Written answers stay for the trainer in nbgrader's formgrader
(``academy lab --role trainer``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .config import content_root, database_url, load_config
from .curriculum import load_curriculum
from .errors import AcademyError
from .nbgrader_setup import api
from .paths import InstancePaths
from .release import released_modules


@dataclasses.dataclass(frozen=True)
class Submission:
    employee_id: str
    module_id: str


@dataclasses.dataclass
class GradeRun:
    graded: list[Submission] = dataclasses.field(default_factory=list)
    skipped: list[Submission] = dataclasses.field(default_factory=list)
    failed: dict[Submission, str] = dataclasses.field(default_factory=dict)


def _timestamp(folder: Path) -> str | None:
    stamp = folder / "timestamp.txt"
    return stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None


def pending(paths: InstancePaths, submissions: list[Submission]) -> list[Submission]:
    """Submissions whose collected timestamp differs from the one they were graded at."""
    todo = []
    for s in submissions:
        submitted = _timestamp(paths.step("submitted", s.employee_id, s.module_id))
        graded = _timestamp(paths.step("autograded", s.employee_id, s.module_id))
        if graded is None or submitted != graded:
            todo.append(s)
    return todo


def find_submissions(paths: InstancePaths, modules: list[str], employees: list[str] | None) -> list[Submission]:
    found = []
    for module_id in modules:
        for folder in sorted(paths.step("submitted").glob(f"*/{module_id}")):
            if folder.is_dir() and (employees is None or folder.parent.name in employees):
                found.append(Submission(folder.parent.name, module_id))
    return found


def grade(
    *,
    instance: Path,
    modules: list[str] | None = None,
    employees: list[str] | None = None,
    force: bool = False,
    progress: bool = True,
) -> GradeRun:
    """Autograde the collected submissions of `modules` (default: all released).

    Raises:
        AcademyError: a module was never released, or there is nothing collected to grade.
    """
    config, paths = load_config(instance)
    curriculum = load_curriculum(content_root(config))
    released = released_modules(database_url(config, paths))
    chosen = modules or released
    for module_id in chosen:
        curriculum.module(module_id)
        if module_id not in released:
            raise AcademyError(f"module {module_id!r} has not been released; release it with 'academy release {module_id}'")
    submissions = find_submissions(paths, chosen, employees)
    if not submissions:
        raise AcademyError(f"no submissions to grade for {', '.join(chosen) or 'any module'}; run 'academy collect' first")
    todo = submissions if force else pending(paths, submissions)
    run = GradeRun(skipped=[s for s in submissions if s not in todo])
    nbgrader = api(config, paths)
    from tqdm import tqdm

    for submission in tqdm(todo, desc="grade", unit="submission", disable=not progress):
        graded_notebook = curriculum.module(submission.module_id).graded
        nbgrader.coursedir.notebook_id = graded_notebook
        result = nbgrader.autograde(submission.module_id, submission.employee_id, force=True, create=False)
        if result.get("success"):
            run.graded.append(submission)
        else:
            text = (result.get("error") or result.get("log") or "").strip().splitlines()
            run.failed[submission] = text[-1] if text else "nbgrader gave no reason"
    return run
