"""What a staff member does with a module: take the version that is theirs, fetch it, submit it.

An employee takes each module in the version of their own track and roster
language (`curriculum.Version`). Fetching goes through nbgrader's own
exchange, for that version's assignment only, and then writes the employee's
variant of every judgement question into their copy (`itembank.personalize`).
Submitting is nbgrader's own submit of that folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat

from . import itembank
from .config import AcademyConfig, content_root, database_url, load_config
from .curriculum import Curriculum, Version, load_curriculum
from .errors import AcademyError
from .paths import InstancePaths


def version_for(curriculum: Curriculum, module_id: str, *, role: str, language: str) -> Version:
    """The version of `module_id` an employee in `role` reading `language` takes."""
    curriculum.module(module_id)
    return Version(module_id, curriculum.track_of(role), language)


def employee_version(config: AcademyConfig, paths: InstancePaths, employee_id: str, module_id: str) -> Version:
    """The version of `module_id` that `employee_id` is assigned.

    Raises:
        AcademyError: no such active employee, or the module is not assigned to them.
    """
    from . import gradebook_reads

    url = database_url(config, paths)
    found = gradebook_reads.employees(url, [employee_id])
    if found.empty or not bool(found.active.iloc[0]):
        raise AcademyError(f"{employee_id}: no active employee with this id in the roster")
    enrolled = gradebook_reads.enrollments(url, [employee_id])
    if module_id not in set(enrolled.module_id):
        raise AcademyError(f"{employee_id}: module {module_id!r} is not assigned to this employee")
    curriculum = load_curriculum(content_root(config))
    return version_for(curriculum, module_id, role=found.role.iloc[0], language=found.language.iloc[0])


def _exchange(kind: str, config: AcademyConfig, paths: InstancePaths, employee_id: str, assignment: str, at: dt.datetime | None) -> None:
    """Run nbgrader's own fetch or submit of `assignment` for one employee, in their folder."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeFetchFeedback, ExchangeSubmit

    from .nbgrader_setup import nbgrader_config

    home = paths.home(employee_id)
    home.mkdir(parents=True, exist_ok=True)
    cfg = nbgrader_config(config, paths)
    cfg.CourseDirectory.student_id = employee_id
    cfg.CourseDirectory.assignment_id = assignment
    cfg.Exchange.assignment_dir = str(home)
    cfg.Exchange.cache = str(home / ".nbgrader-cache")
    coursedir = CourseDirectory(config=cfg)
    authenticator = Authenticator(config=cfg)
    if kind == "fetch":
        ExchangeFetchAssignment(coursedir=coursedir, authenticator=authenticator, config=cfg).start()
        return
    if kind == "feedback":
        ExchangeFetchFeedback(coursedir=coursedir, authenticator=authenticator, config=cfg).start()
        return

    class SubmitAt(ExchangeSubmit):
        def set_timestamp(self) -> None:
            if at is None:
                super().set_timestamp()
            else:
                self.timestamp = at.strftime(self.timestamp_format)

    SubmitAt(coursedir=coursedir, authenticator=authenticator, config=cfg).start()


def fetch(*, instance: Path, employee_id: str, module_id: str) -> Path:
    """Fetch `employee_id`'s version of `module_id` into their folder, with their own question variants.

    Returns:
        The folder of the fetched module.

    Raises:
        AcademyError: the module is not assigned to the employee, or already fetched.
    """
    config, paths = load_config(instance)
    version = employee_version(config, paths, employee_id, module_id)
    folder = paths.home(employee_id) / version.assignment
    if folder.exists():
        raise AcademyError(f"{employee_id}: {module_id} is already fetched, in {folder}")
    _exchange("fetch", config, paths, employee_id, version.assignment, None)
    for notebook in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        nbformat.write(itembank.personalize(nb, module_id=module_id, employee_id=employee_id), notebook)
    return folder


def submit(*, instance: Path, employee_id: str, module_id: str, at: dt.datetime | None = None) -> str:
    """Submit `employee_id`'s fetched copy of `module_id`; `at` stamps it with another clock (the demo's).

    Returns:
        The assignment submitted.

    Raises:
        AcademyError: the module is not assigned to the employee, or was never fetched.
    """
    config, paths = load_config(instance)
    version = employee_version(config, paths, employee_id, module_id)
    if not (paths.home(employee_id) / version.assignment).is_dir():
        raise AcademyError(f"{employee_id}: {module_id} has not been fetched yet, so there is nothing to submit")
    _exchange("submit", config, paths, employee_id, version.assignment, at)
    return version.assignment


def fetch_feedback(*, instance: Path, employee_id: str, module_id: str) -> Path | None:
    """Fetch the feedback released to `employee_id` on `module_id` into the module's folder; the newest page, or None."""
    config, paths = load_config(instance)
    version = employee_version(config, paths, employee_id, module_id)
    folder = paths.home(employee_id) / version.assignment
    if not folder.is_dir():
        raise AcademyError(f"{employee_id}: {module_id} has not been fetched yet, so it has no feedback")
    _exchange("feedback", config, paths, employee_id, version.assignment, None)
    module = load_curriculum(content_root(config)).module(module_id)
    pages = sorted((folder / "feedback").glob(f"*/{module.graded}.html"))
    return pages[-1] if pages else None
