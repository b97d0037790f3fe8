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
from .config import workers as config_workers
from .curriculum import load_curriculum
from .errors import AcademyError
from .kernel import ensure_kernelspec
from .nbgrader_setup import api
from .paths import InstancePaths
from .release import chosen_released


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


_worker_api = None


def _init_worker(root: str) -> None:
    """Each grading worker keeps one nbgrader API, and so one warm kernel template."""
    global _worker_api
    import warnings

    from sqlalchemy.exc import SAWarning

    # nbgrader's own session handling warns on every submission; it is harmless and not ours to fix.
    warnings.filterwarnings("ignore", category=SAWarning)
    config, paths = load_config(Path(root))
    _worker_api = api(config, paths)


def _autograde(submission: Submission, graded_notebook: str) -> str | None:
    """Grade one submission in a worker; returns the reason it failed, or None."""
    _worker_api.coursedir.notebook_id = graded_notebook
    result = _worker_api.autograde(submission.module_id, submission.employee_id, force=True, create=False)
    if result.get("success"):
        return None
    text = (result.get("error") or result.get("log") or "").strip().splitlines()
    return text[-1] if text else "nbgrader gave no reason"


def grade(
    *,
    instance: Path,
    modules: list[str] | None = None,
    employees: list[str] | None = None,
    force: bool = False,
    workers: int | None = None,
    progress: bool = True,
) -> GradeRun:
    """Autograde the collected submissions of `modules` (default: all released), in parallel.

    Args:
        workers: Grading processes; default from academy.toml (one per core).

    Raises:
        AcademyError: a module was never released, or there is nothing collected to grade.
    """
    config, paths = load_config(instance)
    curriculum = load_curriculum(content_root(config))
    for module_id in modules or []:
        curriculum.module(module_id)
    chosen = chosen_released(database_url(config, paths), modules)
    submissions = find_submissions(paths, chosen, employees)
    if not submissions:
        raise AcademyError(f"no submissions to grade for {', '.join(chosen) or 'any module'}; run 'academy collect' first")
    todo = submissions if force else pending(paths, submissions)
    run = GradeRun(skipped=[s for s in submissions if s not in todo])
    if not todo:
        return run
    ensure_kernelspec()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm import tqdm

    count = min(workers or config_workers(config), len(todo))
    # spawn: workers must not inherit this process's threads or open database handles
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker,
                             initargs=(str(paths.root),)) as pool:
        futures = {pool.submit(_autograde, s, curriculum.module(s.module_id).graded): s for s in todo}
        for future in tqdm(as_completed(futures), total=len(futures), desc="grade", unit="submission", disable=not progress):
            submission = futures[future]
            try:
                reason = future.result()
            except Exception as exc:  # a worker died: record it and go on with the rest
                reason = f"{type(exc).__name__}: {exc}"
            if reason is None:
                run.graded.append(submission)
            else:
                run.failed[submission] = reason
    return run
