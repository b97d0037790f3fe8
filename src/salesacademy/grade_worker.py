"""A grading worker: a submission in, its scores out, from a kernel forked from the warm template.

A worker prepares each submission with nbgrader's own preprocessors (restore
locked and test cells from the gradebook, check metadata), runs it on a
kernel forked from a warm template (`salesacademy.kernel.runner`), and scores
it with nbgrader's own rules (`nbgrader.utils.determine_grade`, "No
response." comments). It reads the gradebook and never writes to it: the
`grade` command's process is the only writer (`grade_writer`). Workers are
processes of this machine, started with `prepare_worker`, or of a Dask
cluster; each grades one submission per call of `grade_one`.

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

One choice differs from stock nbgrader, deliberately: a test cell that only
writes a Python warning to stderr (pandas' and matplotlib's warnings, say)
keeps its marks, through nbgrader's own ``IgnorePattern`` preprocessor
(`nbgrader_setup.WARNING_PATTERN`). Stock nbgrader zeroes any cell that
writes to stderr. A test fails by raising, as it should.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path

from . import scratch
from .config import content_root, database_url, load_config
from .curriculum import load_curriculum
from .imports import installed_at, unimportable_module
from .kernel import start_template
from .kernel.forkserver import SANDBOX_UID_BASE
from .paths import InstancePaths
from .released import ReleasedCells, check_cell_metadata_class, restore_roles

#: Largest file of a submission copied for grading; bigger ones are left out and named in the reason.
MAX_SUBMITTED_FILE_MB = 50
#: Whom the reference answers are graded as, in the grader's own check (never a roster id: those have no spaces).
CHECK_EMPLOYEE = "academy check"
#: A worker grades an assignment's reference answers again after grading this many of its submissions.
CHECK_EVERY = 200


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
    """How grading kernels are shut in when the grader runs as root (`kernel.sandbox.enter_sandbox`); None otherwise.

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
