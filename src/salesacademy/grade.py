"""`academy grade`: autograde collected submissions, in parallel, on warm forked kernels.

nbgrader's ``autograde`` starts a kernel per submission and writes to the
gradebook from every process. Here the work is split the other way round:

- Workers (one per core, `grade_worker`) prepare each submission with
  nbgrader's own preprocessors, run it on a kernel forked from a warm
  template and score it with nbgrader's own rules. They never write to the
  gradebook. They are processes of this machine, which all fork from one
  template the command starts, or the workers of a Dask cluster
  (`executors`). A small batch, as trainers grade submissions as they come
  in, is graded by the command's own process unless workers are asked for:
  starting them would cost more than they save.
- This process is the only writer (`grade_writer`): one transaction per
  submission, in the order results arrive. The autograded folder and its ``timestamp.txt`` are
  put in place only after that transaction commits, so a run killed at any
  point leaves each submission either graded or still pending, and the next
  run grades what is pending.

A fault of the grader is never a score: a worker grades the reference
answers before it scores an assignment (`grade_worker`), and if they fall
short of full marks the run stops before anything more is scored.

nbgrader never overwrites a manual score: the automatic score is stored
beside it, and a manual score, once given, counts. Written answers stay for
the trainer in nbgrader's formgrader (``academy lab --role trainer``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import socket
import uuid
from pathlib import Path

from . import executors, scratch
from .config import content_root, database_url, load_config
from .config import workers as config_workers
from .curriculum import load_curriculum, module_of
from .errors import AcademyError
from .grade_worker import Job, Result, grade_one, prepare_worker
from .kernel.provisioner import Template
from .paths import InstancePaths


@dataclasses.dataclass(frozen=True)
class Submission:
    employee_id: str
    #: The nbgrader assignment: the version of a module the employee took, such as ``03-suitability.frontline.zh``.
    assignment: str


@dataclasses.dataclass
class GradeRun:
    run_id: str = ""
    graded: list[Submission] = dataclasses.field(default_factory=list)
    skipped: list[Submission] = dataclasses.field(default_factory=list)
    #: Submissions whose notebook could not be run to the end, with the reason. They are
    #: graded all the same: what ran is scored, and what could not run scores nothing.
    failed: dict[Submission, str] = dataclasses.field(default_factory=dict)


class GraderCheckFailed(AcademyError):
    """The reference answers did not earn full marks: whatever the grader scored now would be wrong."""


def pending(paths: InstancePaths, submissions: list[Submission]) -> list[Submission]:
    """Submissions whose collected timestamp differs from the one they were graded at."""
    todo = []
    for s in submissions:
        submitted = paths.timestamp("submitted", s.employee_id, s.assignment)
        graded = paths.timestamp("autograded", s.employee_id, s.assignment)
        if graded is None or submitted != graded:
            todo.append(s)
    return todo


def find_submissions(paths: InstancePaths, assignments: list[str], employees: list[str] | None) -> list[Submission]:
    found = []
    for assignment in assignments:
        for folder in sorted(paths.step("submitted").glob(f"*/{assignment}")):
            if folder.is_dir() and (employees is None or folder.parent.name in employees):
                found.append(Submission(folder.parent.name, assignment))
    return found


# The command -----------------------------------------------------------------------------


def grade(
    *,
    instance: Path,
    modules: list[str] | None = None,
    employees: list[str] | None = None,
    force: bool = False,
    workers: int | None = None,
    executor: str = executors.DEFAULT,
    scheduler: str | None = None,
    progress: bool = True,
) -> GradeRun:
    """Autograde the collected submissions of `modules` (default: all released), in parallel.

    Args:
        workers: Grading processes of the local executor. By default, a batch of up to
            `executors.SMALL_BATCH` submissions is graded in this process, a larger one by as many
            processes as academy.toml says (one per core).
        executor: ``local`` (worker processes of this machine) or ``dask`` (a Dask cluster's workers).
        scheduler: Address of the Dask scheduler, with ``executor="dask"`` only.

    Raises:
        AcademyError: a module was never released, there is nothing collected to
            grade, or the executor is misconfigured or its scheduler unreachable.
        GraderCheckFailed: the reference answers did not earn full marks in the
            sandbox; the run stopped before scoring anything more.
    """
    config, paths = load_config(instance)
    count = workers or config_workers(config)
    executors.chosen(executor, workers=count, scheduler=scheduler)  # a misconfigured executor stops the run first
    # On a small batch, start-up is most of the run. So when the folders show work waiting, the workers
    # (and the one template the local ones fork from) start now, loading what they need while this process
    # reads the gradebook; they are connected before anything is written. Unless workers are asked for, a
    # batch of up to `executors.SMALL_BATCH` is graded in this process, which loads nbgrader anyway.
    waiting = _waiting(paths, modules, employees, force)
    shared = Template.share() if waiting and executor == executors.LOCAL else None
    inline = executor == executors.LOCAL and workers is None and len(waiting) <= executors.SMALL_BATCH
    with contextlib.ExitStack() as started:
        run_all = started.enter_context(executors.chosen(
            executor, workers=1 if inline else min(count, len(waiting)), scheduler=scheduler, inline=inline,
            start=prepare_worker, start_args=(str(paths.root), shared))) if waiting else None
        # Here, once the workers are starting: they load nbgrader while this process does.
        from . import gradebook
        from .grade_writer import Writer
        from .release import chosen_released

        curriculum = load_curriculum(content_root(config))
        for module_id in modules or []:
            curriculum.module(module_id)
        url = database_url(config, paths)
        chosen = chosen_released(url, modules)
        submissions = find_submissions(paths, chosen, employees)
        if not submissions:
            raise AcademyError(f"no submissions to grade for {', '.join(chosen) or 'any module'}; run 'academy collect' first")
        waiting_now = set(waiting)  # read from the folders above: each timestamp is read once
        todo = [s for s in submissions if s in waiting_now]
        run = GradeRun(run_id=dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8],
                       skipped=[s for s in submissions if s not in todo])
        staging_root = paths.root / ".grading" / run.run_id
        _remove_abandoned(staging_root.parent)
        scratch.remove_abandoned()
        if not todo:  # also whenever nothing was waiting: what is to do was waiting in the folders
            _remove_if_empty(staging_root.parent)
            return run
        gradebook.add_missing_tables(url)
        owner = _owner_file(staging_root)
        staging_root.parent.mkdir(exist_ok=True)
        owner.write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")
        staging_root.mkdir()
        writer = Writer(paths, url, config.course.id, run.run_id)
        try:
            jobs = {}
            for s in todo:
                staging = staging_root / f"{s.employee_id}__{s.assignment}"
                staging.mkdir()
                jobs[s] = Job(str(paths.root), s.employee_id, s.assignment, curriculum.module(module_of(s.assignment)).graded, str(staging))
            for submission, result in _executed(jobs, run_all, progress):
                if result.check_failed:  # stop: nothing more is scored, and what is pending stays pending
                    raise GraderCheckFailed(result.problem)
                if not result.grader_fault:
                    writer.save(result)
                    run.graded.append(submission)
                if result.problem:
                    run.failed[submission] = result.problem
        finally:
            writer.close()
            shutil.rmtree(staging_root, ignore_errors=True)
            owner.unlink(missing_ok=True)  # last, so that a run killed while clearing up is still known as abandoned
            _remove_if_empty(staging_root.parent)
    return run


def _waiting(paths: InstancePaths, modules: list[str] | None, employees: list[str] | None, force: bool) -> list[Submission]:
    """What the folders alone show to grade, before the gradebook says which modules were released.

    Whatever `grade` goes on to grade is among these: every collected submission
    of `modules` (every module when None) and `employees`, or with `force` unchanged ones too.
    """
    names = sorted({folder.name for folder in paths.step("submitted").glob("*/*")
                    if folder.is_dir() and (modules is None or module_of(folder.name) in modules)})
    collected = find_submissions(paths, names, employees)
    return collected if force else pending(paths, collected)


def _executed(jobs: dict[Submission, Job], run_all: executors.Fanout, progress: bool):
    """(submission, result) pairs as workers finish them."""
    from tqdm import tqdm

    submissions = {job: submission for submission, job in jobs.items()}

    def lost(job: Job, exc: Exception) -> Result:  # the worker or the cluster failed: the submission stays pending
        reason = f"grading worker died: {type(exc).__name__}: {exc}".splitlines()[0]
        return Result(job, {}, {}, reason, grader_fault=True)

    results = run_all(grade_one, list(jobs.values()), lost)
    for job, result in tqdm(results, total=len(jobs), desc="grade", unit="submission", disable=not progress):
        yield submissions[job], result


def _owner_file(staging: Path) -> Path:
    """Beside each run's staging folder: the machine and process id of the run, so a later run can tell it was abandoned.

    It is written before the folder and removed after it, so that a folder without one
    is only ever a run that is starting.
    """
    return staging.with_name(staging.name + ".owner")


def _remove_abandoned(folder: Path) -> None:
    """Remove the staging folders of earlier runs of this machine whose process is gone (killed, say, by SIGKILL).

    A folder whose owner runs on another machine (sharing the instance's storage) or is
    still alive is left alone.
    """
    for owner in folder.glob("*.owner") if folder.is_dir() else []:
        try:
            host, pid = owner.read_text(encoding="utf-8").split()
        except (OSError, ValueError):  # being written by a run that is starting
            continue
        if host != socket.gethostname():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(owner.with_suffix(""), ignore_errors=True)
            owner.unlink(missing_ok=True)
        except (PermissionError, ValueError):  # alive under another user, or not a process id
            continue


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
