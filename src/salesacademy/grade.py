"""`academy grade`: autograde collected submissions, in parallel, on warm forked kernels.

nbgrader's ``autograde`` starts a kernel per submission and writes to the
gradebook from every process. Here the work is split the other way round:

- Workers (one per core) prepare each submission with nbgrader's own
  preprocessors (restore locked and test cells from the gradebook, check
  metadata), run it on a kernel forked from a warm template
  (`salesacademy.kernel.runner`), and score it with nbgrader's own rules
  (`nbgrader.utils.determine_grade`, "No response." comments). They never
  write to the gradebook. They are processes of this machine, which all
  fork from one template the command starts, or the workers of a Dask
  cluster (`executors`). A small batch, as trainers grade submissions as
  they come in, is graded by the command's own process unless workers are
  asked for: starting them would cost more than they save.
- This process is the only writer (`grade_writer`): one transaction per
  submission, in the order results arrive. The autograded folder and its ``timestamp.txt`` are
  put in place only after that transaction commits, so a run killed at any
  point leaves each submission either graded or still pending, and the next
  run grades what is pending.

A fault of the grader is never a score. Before a worker grades the first
submission of an assignment, and again after every `CHECK_EVERY` it grades,
it grades the assignment's reference answers, exactly as a submission, in the
same sandbox. If they do not earn full marks (the grading user cannot read
the Python installation, say), the run stops with the reason before the
worker scores anything. An error in a submission that comes from the machine
rather than the learner (a module the grader has but the sandboxed kernel
cannot import) leaves that submission pending, with the reason.

Verdicts are the grader's own where they can be, and checked where they
cannot. A judgement question's answer is a literal: `binding.BindEmployee`
judges it in this process against the owner's right answer, and the kernel
never runs its test (`run_notebook`'s ``decided``). A code item's test runs in
the kernel beside a canary that must fail (`kernel.runner`): a kernel that
reports the canary passed is forging, and that test and the ones after it
score nothing, with the reason. An answer cell holding more than its answer
scores nothing and is noted for the trainer beside the scores (`Result.notes`).

nbgrader never overwrites a manual score: the automatic score is stored
beside it, and a manual score, once given, counts. Written answers stay for
the trainer in nbgrader's formgrader (``academy lab --role trainer``).

One choice differs from stock nbgrader, deliberately: a test cell that only
writes a Python warning to stderr (pandas' and matplotlib's warnings, say)
keeps its marks, through nbgrader's own ``IgnorePattern`` preprocessor
(`nbgrader_setup.WARNING_PATTERN`). Stock nbgrader zeroes any cell that
writes to stderr. A test fails by raising, as it should.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import socket
import tempfile
import uuid
from pathlib import Path

from . import executors, scratch
from .config import content_root, database_url, load_config
from .config import workers as config_workers
from .curriculum import load_curriculum, module_of
from .errors import AcademyError
from .imports import installed_at, unimportable_module
from .kernel import start_template
from .kernel.forkserver import SANDBOX_UID_BASE
from .kernel.provisioner import Template
from .paths import InstancePaths
from .released import ReleasedCells, check_cell_metadata_class, restore_roles

#: Largest file of a submission copied for grading; bigger ones are left out and named in the reason.
MAX_SUBMITTED_FILE_MB = 50
#: Whom the reference answers are graded as, in the grader's own check (never a roster id: those have no spaces).
CHECK_EMPLOYEE = "academy check"
#: A worker grades an assignment's reference answers again after grading this many of its submissions.
CHECK_EVERY = 200


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


@dataclasses.dataclass(frozen=True)
class Job:
    """What a worker needs to grade one submission."""

    root: str
    employee_id: str
    assignment: str
    notebook: str
    staging: str  # where the worker leaves the autograded folder for the writer


@dataclasses.dataclass
class Result:
    job: Job
    #: grade cell id -> automatic score; None: needs a trainer
    scores: dict[str, float | None]
    #: cell id -> automatic comment, for solution and task cells
    comments: dict[str, str | None]
    #: None, or why the notebook could not be run to the end
    problem: str | None = None
    #: the notebook was missing or unreadable: every grade is zero, as nbgrader does
    unreadable: bool = False
    #: the grader, not the submission, failed: nothing is saved and the submission stays pending
    grader_fault: bool = False
    #: the grader's check of the reference answers failed: the run stops
    check_failed: bool = False
    #: for the trainer beside the scores, in the course language, though the notebook ran to the end:
    #: answer cells that held something other than an answer (`binding.Verdict.note`)
    notes: list[str] = dataclasses.field(default_factory=list)


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


# Workers ---------------------------------------------------------------------------------


class _Worker:
    """A grading worker's state: configuration, preprocessors and a read-only gradebook, made once."""

    def __init__(self, root: str) -> None:
        import warnings

        from nbconvert.preprocessors import ClearMetadataPreprocessor, Preprocessor
        from nbgrader import preprocessors as pp
        from nbgrader.api import Gradebook
        from sqlalchemy.exc import SAWarning

        from .binding import BindEmployee
        from .kernel.runner import Limits
        from .nbgrader_setup import nbgrader_config

        # nbgrader's session handling warns on every query; harmless, and not ours to fix.
        warnings.filterwarnings("ignore", category=SAWarning)
        self.config, self.paths = load_config(Path(root))
        self.content = content_root(self.config)
        self.curriculum = load_curriculum(self.content)
        self.url = database_url(self.config, self.paths)
        self.gradebook = Gradebook(self.url, self.config.course.id)
        cfg = nbgrader_config(self.config, self.paths)
        sources = ReleasedCells(self.gradebook)

        class OverwriteCells(pp.OverwriteCells):
            """nbgrader's OverwriteCells, reading the released cells from this worker's cache."""

            def preprocess(self, nb, resources):
                self.gradebook = sources
                self.notebook_id = resources["nbgrader"]["notebook"]
                self.assignment_id = resources["nbgrader"]["assignment"]
                nb, resources = Preprocessor.preprocess(self, nb, resources)
                if self.add_missing_cells:
                    nb, resources = self.add_missing_grade_cells(nb, resources)
                    nb, resources = self.add_missing_task_cells(nb, resources)
                return nb, resources

        check = check_cell_metadata_class()(config=cfg)
        # As nbgrader's autograde with the instance's settings (`nbgrader_setup.autograde_sanitize_preprocessors`).
        self.sanitize = [pp.ClearOutput(config=cfg), pp.DeduplicateIds(config=cfg), OverwriteCells(config=cfg), BindEmployee(config=cfg), check]
        self.finish = [pp.IgnorePattern(config=cfg), ClearMetadataPreprocessor(config=cfg), pp.LimitOutput(config=cfg), check]
        self.sources = sources
        self.sandbox = sandbox(self.paths, self.content, disk_mb=self.config.grading.max_disk_mb)
        grading = self.config.grading
        self.limits = Limits(cell_timeout_s=grading.cell_timeout_s, notebook_timeout_s=grading.notebook_timeout_s,
                             memory_mb=grading.memory_mb, processes=grading.max_processes, file_mb=grading.max_file_mb)
        #: assignment -> submissions graded since its reference answers were last checked
        self.since_check: dict[str, int] = {}
        #: module name -> whether a sandboxed kernel can import it
        self.importable: dict[str, bool] = {}

    def grade_checked(self, job: Job) -> Result:
        """Grade `job`, checking first, when due, that the reference answers of its assignment earn full marks."""
        since = self.since_check.get(job.assignment)
        if since is None or since >= CHECK_EVERY:
            why = self.check(job.assignment, job.notebook)
            if why:
                return Result(job, {}, {}, why, grader_fault=True, check_failed=True)
            self.since_check[job.assignment] = 0
        self.since_check[job.assignment] += 1
        return self.grade(job)

    def check(self, assignment: str, notebook: str) -> str | None:
        """Grade the reference answers of `assignment` as a submission; why they fall short of full marks, or None."""
        import nbformat
        from nbgrader import utils

        from . import answers, itembank
        from .curriculum import parse_assignment

        version = parse_assignment(assignment)
        module = self.curriculum.module(version.module_id)
        key = answers.answer_key(content=self.content, module_id=module.id, folder=module.folder(self.content), notebook=notebook,
                                 language=version.language, track=version.track)
        released = nbformat.read(self.paths.step("release", ".", assignment) / f"{notebook}.ipynb", as_version=4)
        nb = itembank.personalize(released, module_id=module.id, employee_id=CHECK_EMPLOYEE)
        nb = answers.answer_notebook(nb, key, {item.id: answers.REFERENCE for item in key.items if item.kind != "written"}, CHECK_EMPLOYEE)
        with tempfile.TemporaryDirectory(prefix=scratch.prefix("check")) as folder:
            submitted, staging = Path(folder) / "submitted", Path(folder) / "staging"
            submitted.mkdir()
            staging.mkdir()
            nbformat.write(nb, submitted / f"{notebook}.ipynb")
            result = self.grade(Job(str(self.paths.root), CHECK_EMPLOYEE, assignment, notebook, str(staging)), submitted=submitted)
            if result.grader_fault or result.unreadable:
                return f"the grader's check of {assignment} failed: {result.problem}"
            graded = nbformat.read(staging / f"{notebook}.ipynb", as_version=4)
        for cell in graded.cells:
            if not utils.is_grade(cell) or cell.cell_type != "code":
                continue
            score, points = utils.determine_grade(cell)
            if score is not None and score < points:
                errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                cause = f"{errors[0]['ename']}: {str(errors[0]['evalue']).splitlines()[0][:200]}" if errors else "it wrote to stderr"
                return (f"the grader's check of {assignment} failed: its reference answers scored {score:g} of {points:g} "
                        f"on {cell.metadata.nbgrader['grade_id']} ({cause}); nothing of this assignment was scored")
        return None

    def environment_fault(self, nb) -> str | None:
        """Why an error in the executed `nb` is the machine's, not the learner's, or None.

        A module this Python has but a sandboxed kernel cannot import (the grading
        user cannot read it) is the machine's fault. The learner's own code cannot
        fake one: the import is tried again in a fresh sandboxed kernel.
        """
        for cell in nb.cells:
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                if output.get("output_type") != "error":
                    continue
                name = unimportable_module(output.get("ename", ""), str(output.get("evalue", "")))
                if name is None:
                    continue
                where = installed_at(name)
                if where is not None and not self.sandbox_imports(name):
                    return (f"the grading kernel cannot import {name}, installed at {where}: the grading user cannot read it; "
                            "make the Python installation readable to all users")
        return None

    def sandbox_imports(self, name: str) -> bool:
        """Whether a fresh sandboxed kernel, with nothing of any submission, can import module `name`."""
        if name not in self.importable:
            import nbformat

            from .kernel.runner import run_notebook

            probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"import {name}")])
            with tempfile.TemporaryDirectory(prefix=scratch.prefix("probe")) as folder:
                if self.sandbox:
                    _give(Path(folder), self.sandbox["uid"], self.sandbox["gid"])
                env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": folder, "LANG": "C.UTF-8"}
                stopped = run_notebook(probe, cwd=folder, env=env, limits=self.limits, sandbox=self.sandbox)
            self.importable[name] = stopped is None and not any(o.get("output_type") == "error" for o in probe.cells[0].outputs)
        return self.importable[name]

    def grade(self, job: Job, *, submitted: Path | None = None) -> Result:
        import nbformat
        from nbgrader import utils

        from .kernel.runner import run_notebook

        staging = Path(job.staging)
        submitted = submitted or self.paths.step("submitted", job.employee_id, job.assignment)
        source = self.paths.step("source", ".", job.assignment)
        # As nbgrader's autograde: the submitted files, then the course's own data files over
        # whatever was submitted under their names; of the notebooks, only the graded one.
        left_out = _copy_files(submitted, staging, skip_notebooks=True)
        _copy_files(source, staging, skip_notebooks=True)
        path = staging / f"{job.notebook}.ipynb"
        try:
            left_out += _copy_files(submitted, staging, only=path.name)
            nb = nbformat.read(path, as_version=4)
            nbformat.validate(nb)
        except FileNotFoundError:
            return self.unreadable(job, f"no {job.notebook}.ipynb in the submission")
        except Exception as exc:  # not JSON, not a notebook, or a notebook nbformat cannot upgrade
            return self.unreadable(job, f"{job.notebook}.ipynb is not a valid notebook ({type(exc).__name__})")
        resources = {"nbgrader": {"notebook": job.notebook, "assignment": job.assignment, "student": job.employee_id,
                                  "db_url": self.url}, "metadata": {"path": str(staging)}}
        restore_roles(nb, self.sources.find_notebook(job.notebook, job.assignment))
        try:
            for preprocessor in self.sanitize:
                nb, resources = preprocessor(nb, resources)
        except Exception as exc:  # tampered nbgrader metadata that nbgrader itself refuses
            why = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            return self.unreadable(job, f"{job.notebook}.ipynb has invalid grading metadata ({why})")
        nb = nbformat.from_dict(nb)  # cells nbgrader put back are plain dicts
        spec = self.sources.find_notebook(job.notebook, job.assignment).kernelspec
        if spec:  # as nbgrader's OverwriteKernelspec
            nb.metadata["kernelspec"] = spec
        with tempfile.TemporaryDirectory(prefix=scratch.prefix("grade")) as folder:
            work = Path(folder) / "work"
            shutil.copytree(staging, work, ignore=shutil.ignore_patterns("*.ipynb"))
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8",
                   "USER": "learner", "LOGNAME": "learner", "NBGRADER_EXECUTION": "autograde"}
            if self.sandbox:
                _give(Path(folder), self.sandbox["uid"], self.sandbox["gid"])
            # Questions are judged here (`binding.judge`): the kernel never runs their tests.
            verdicts = resources.get("academy", {}).get("verdicts", {})
            problem = run_notebook(nb, cwd=str(work), env=env, limits=self.limits, sandbox=self.sandbox,
                                   decided={grade_id: verdict.outputs() for grade_id, verdict in verdicts.items()})
        fault = self.environment_fault(nb)
        if fault:
            return Result(job, {}, {}, fault, grader_fault=True)
        for preprocessor in self.finish:
            nb, resources = preprocessor(nb, resources)
        scores, comments = {}, {}
        for cell in nb.cells:
            if utils.is_grade(cell):
                scores[cell.metadata.nbgrader["grade_id"]] = utils.determine_grade(cell)[0]
            if utils.is_solution(cell) or utils.is_task(cell):
                unchanged = cell.metadata.nbgrader.get("checksum") == utils.compute_checksum(cell)
                comments[cell.metadata.nbgrader["grade_id"]] = "No response." if unchanged and not utils.is_task(cell) else None
        nbformat.write(nb, path)
        if left_out:
            problem = "; ".join(filter(None, [problem, f"files over {MAX_SUBMITTED_FILE_MB} MB left out: {', '.join(left_out)}"]))
        notes = [verdict.note(self.config.course.language) for verdict in verdicts.values() if verdict.malformed is not None]
        return Result(job, scores, comments, problem, notes=notes)

    def unreadable(self, job: Job, reason: str) -> Result:
        return Result(job, {}, {}, reason, unreadable=True)


def sandbox(paths: InstancePaths, content: Path, *, disk_mb: int) -> dict | None:
    """How grading kernels are shut in when the grader runs as root (`forkserver.enter_sandbox`); None otherwise.

    Each worker's kernels run as a user id of their own: the process limit
    is theirs alone, so a fork bomb cannot starve another worker's kernel,
    and no kernel can read another's scratch folder. The instance (gradebook,
    everyone's submissions, the built notebooks with hidden tests) and the
    course sources are hidden from them (without bubblewrap; with it, they see
    nothing of the machine but Python). What each may write is `disk_mb` in all.
    """
    if os.geteuid() != 0:
        return None
    uid = SANDBOX_UID_BASE + os.getpid() % 1_000_000
    hide = [paths.root, *(content / folder for folder in ("course", "cases", "graders"))]
    return {"uid": uid, "gid": uid, "hide": [str(folder) for folder in hide if folder.is_dir()], "disk_mb": disk_mb}


def _give(folder: Path, uid: int, gid: int) -> None:
    """Make `folder` and everything in it belong to `uid`:`gid`."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, gid, follow_symlinks=False)


def _copy_files(source: Path, target: Path, *, skip_notebooks: bool = False, only: str | None = None) -> list[str]:
    """Copy the regular files under `source` (or only the file named `only`) into `target`.

    Links and special files are never followed. Returns the names of files left out for their size.
    """
    left_out = []
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        relative = path.relative_to(source)
        if only is not None and str(relative) != only:
            continue
        if path.is_symlink() or not path.is_file() or (skip_notebooks and path.suffix == ".ipynb"):
            continue
        if any(part.startswith(".") and part != "." for part in relative.parts[:-1]) or path.name == ".DS_Store":
            continue  # nbgrader's default ignore list: hidden folders such as .ipynb_checkpoints
        if path.stat().st_size > MAX_SUBMITTED_FILE_MB * 2**20:
            left_out.append(str(relative))
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        if (target / relative).exists():
            (target / relative).unlink()
        shutil.copyfile(path, target / relative)
    return left_out


_worker: _Worker | None = None


def prepare_worker(root: str, shared: str | None) -> None:
    """A local worker's start: fork from the command's template (`shared`), and load the grader before the first submission.

    A fresh grader for each run, in the command's own process too: the released
    cells as they are now, and the reference answers checked again. Should
    loading fail, `grade_one` tries again and reports why with each submission.
    """
    global _worker
    start_template(shared)
    try:
        _worker = _Worker(root)
    except Exception:  # reported by grade_one, submission by submission
        _worker = None


def grade_one(job: Job) -> Result:
    """Grade one submission in this process; workers keep their state between calls."""
    global _worker
    if _worker is None or str(_worker.paths.root) != job.root:
        _worker = _Worker(job.root)
    try:
        return _worker.grade_checked(job)
    except Exception as exc:  # a fault of the grader, not the submission: report it, keep going
        return Result(job, {}, {}, f"grading failed: {type(exc).__name__}: {exc}", grader_fault=True)


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
        # Here, not at the top: workers import this module, and need neither (nor the pandas they load).
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
