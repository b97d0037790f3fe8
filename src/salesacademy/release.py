"""`academy release`: build modules, release them through nbgrader, and assign them.

For each module and each of its versions (a track that takes it, in each
course language; one nbgrader assignment such as ``03-suitability.frontline.zh``):
build its nbgrader source notebooks, let nbgrader generate the learner version
(solutions and hidden tests removed) and put it in the exchange. Then give
every active employee whose role requires the module an enrollment with a due
date; each takes the version of their own track and language. Employees
already enrolled keep their original dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import sqlalchemy as sa
from traitlets.config import Config

from . import build, itembank
from .config import content_root, database_url, load_config
from .config import today as course_today
from .curriculum import LANGUAGES, Curriculum, Module, Version, load_curriculum, module_of
from .errors import AcademyError
from .gradebook import employee, enrollment, now, release as release_table, transaction
from .nbgrader_setup import ANSWER_STUB, api, check
from .paths import InstancePaths
from .rubrics import load_rubric

if TYPE_CHECKING:
    from .kernel.runner import Limits


@dataclasses.dataclass(frozen=True)
class Released:
    module_id: str
    version: str
    #: What the module is worth on each track that takes it.
    points: dict[str, float]
    enrolled: int


def module_sources(module: Module, content: Path) -> list[Path]:
    """Every file a module is built from: its notebooks and, when it has one, its question bank."""
    folder = module.folder(content)
    bank = folder / itembank.BANK_FILE
    return [folder / f"{name}.py" for name in module.notebooks] + ([bank] if bank.is_file() else [])


def build_target(curriculum: Curriculum, module: Module, version: Version, content: Path) -> build.Target:
    track = curriculum.tracks[version.track]
    bank = itembank.load_bank(module.folder(content), tracks=list(curriculum.tracks))
    return build.Target(version.language, version.track, code=track.code, module_id=module.id, bank=bank)


def build_version(curriculum: Curriculum, module: Module, version: Version, *, content: Path, paths: InstancePaths) -> float:
    """Write the nbgrader source notebooks of one version of `module`; returns its graded points.

    Raises:
        AcademyError: the notebooks carry other points than the curriculum gives the track,
            graded items sit outside the graded notebook, or a source, bank or rubric is wrong.
    """
    folder = module.folder(content)
    target = build_target(curriculum, module, version, content)
    out = paths.step("source", module_id=version.assignment)
    out.mkdir(parents=True, exist_ok=True)
    points = 0.0
    for name in module.notebooks:
        source_path = folder / f"{name}.py"
        source = build.read_source(source_path)
        nbformat.write(build.build_notebook(source, language=version.language, target=target), out / f"{name}.ipynb")
        module_items = build.items(source, notebook=name, language=version.language, target=target)
        if module_items and name != module.graded:
            raise AcademyError(f"{source_path}: graded items found, but the curriculum names {module.graded!r} as the graded notebook of {module.id}")
        points += sum(item.points for item in module_items)
        written = [item.id for item in module_items if item.kind == "written"]
        if written:
            load_rubric(content, module.id, expect=written)
    expected = curriculum.points(module, version.track)
    if abs(points - expected) > 1e-9:
        raise AcademyError(f"{module.id}: the curriculum gives the {version.track} track {expected:g} points but its notebooks carry {points:g}; "
                           "make them agree")
    return points


def run_for_learners(path: Path, *, limits: Limits, drawn: dict | None = None) -> None:
    """Run a released notebook's code once, so that it opens with its tables and charts drawn.

    Answer and test cells are left for the learner: they would only say that
    nothing is answered yet. With `drawn`, code already run in this release
    (the same cells, as a lesson usually is on both tracks) is not run again:
    its outputs are copied from there.

    Raises:
        AcademyError: a cell failed; the module must not reach staff like that.
    """
    import copy

    from .kernel.runner import run_notebook

    nb = nbformat.read(path, as_version=4)
    run = [cell for cell in nb.cells if cell.cell_type == "code" and not _answer_or_test(cell)]
    if not run:
        return
    key = tuple(cell.source for cell in run)
    if drawn is not None and key in drawn:
        for cell, (outputs, count) in zip(run, drawn[key]):
            cell.outputs, cell.execution_count = copy.deepcopy(outputs), count
        nbformat.write(nb, path)
        return
    shown = nbformat.v4.new_notebook(cells=run)
    stopped = run_notebook(shown, cwd=str(path.parent), env=dict(os.environ), limits=limits)
    failed = next((cell for cell in shown.cells if any(o.output_type == "error" for o in cell.outputs)), None)
    if stopped or failed is not None:
        error = next((o for o in failed.outputs if o.output_type == "error"), None) if failed is not None else None
        why = f"{error.ename}: {error.evalue}" if error else stopped
        raise AcademyError(f"{path.parent.name}/{path.name}: a cell failed when run for learners ({why}); fix the source and release again")
    if drawn is not None:
        drawn[key] = [(copy.deepcopy(cell.outputs), cell.execution_count) for cell in run]
    nbformat.write(nb, path)


def _answer_or_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("solution") or meta.get("grade"))


def enroll(db: sa.Connection, *, curriculum: Curriculum, module: Module, today: dt.date) -> int:
    """Enroll active employees whose role requires `module`; returns how many were new."""
    roles = [role for role in curriculum.roles if role in module.required_for]
    due = today + dt.timedelta(days=curriculum.due_days(module))
    enrolled = {r.employee_id for r in db.execute(sa.select(enrollment.c.employee_id).where(enrollment.c.module_id == module.id))}
    people = db.execute(sa.select(employee.c.employee_id).where(employee.c.active, employee.c.role.in_(roles))).scalars()
    new = [{"employee_id": e, "module_id": module.id, "assigned_on": today, "due_on": due} for e in people if e not in enrolled]
    if new:
        db.execute(enrollment.insert(), new)
    return len(new)


def release(*, instance: Path, modules: list[str], today: dt.date | None = None, progress: bool = True) -> list[Released]:
    """Build, generate, release and assign each module in `modules`.

    Raises:
        AcademyError: an unknown module (nothing is changed), or a build or nbgrader step failed.
    """
    config, paths = load_config(instance)
    content = content_root(config)
    curriculum = load_curriculum(content)
    if not modules:
        raise AcademyError("name at least one module to release, or use --all")
    chosen = [curriculum.module(module_id) for module_id in modules]  # all known before anything changes
    today = today or course_today(config)
    url = database_url(config, paths)
    extra = Config()
    extra.ExchangeReleaseAssignment.force = True  # a new version replaces the old one in the exchange
    nbgrader = api(config, paths, extra)
    from .kernel.runner import Limits

    limits = Limits(cell_timeout_s=config.grading.cell_timeout_s, notebook_timeout_s=config.grading.notebook_timeout_s)
    from tqdm import tqdm

    results = []
    drawn: dict = {}  # code already run for learners in this release -> its outputs
    for module in tqdm(chosen, desc="release", unit="module", disable=not progress):
        content_version = build.content_hash(module_sources(module, content))
        points = {}
        for version in curriculum.versions(module):
            points[version.track] = build_version(curriculum, module, version, content=content, paths=paths)
            by_language = Config()
            by_language.ClearSolutions.text_stub = ANSWER_STUB[version.language]
            nbgrader.update_config(by_language)  # the generator nbgrader makes next inherits it
            check(nbgrader.generate_assignment(version.assignment, force=True, create=True), f"generate_assignment {version.assignment}")
            for name in module.notebooks:
                run_for_learners(paths.notebook("release", version.assignment, name), limits=limits, drawn=drawn)
            check(nbgrader.release_assignment(version.assignment), f"release_assignment {version.assignment}")
        with transaction(url) as db:
            enrolled = enroll(db, curriculum=curriculum, module=module, today=today)
            # One row per language; the table has no track column, so it records the most any track can earn
            # (each employee's own maximum is in their grade rows).
            db.execute(release_table.insert(), [{"module_id": module.id, "version": content_version, "language": language,
                                                 "points": max(points.values()), "released_at": now()} for language in LANGUAGES])
        results.append(Released(module.id, content_version, points, enrolled))
    from .question_titles import course_titles

    try:  # worked out once now, for the reports to come (kept in the user's cache)
        course_titles(curriculum, content)
    except Exception:  # a module not released here may not build yet: the reports work them out, or say why they cannot
        pass
    return results


def released_modules(url: str) -> list[str]:
    """Modules released at least once, in release order."""
    with transaction(url) as db:
        rows = db.execute(sa.select(release_table.c.module_id).order_by(release_table.c.id)).scalars()
        return list(dict.fromkeys(rows))


def released_assignments(url: str) -> list[str]:
    """The nbgrader assignments of every release: each version of each released module."""
    with transaction(url) as db:
        return list(db.execute(sa.text("SELECT name FROM assignment ORDER BY name")).scalars())


def chosen_released(url: str, modules: list[str] | None) -> list[str]:
    """The nbgrader assignments of `modules`, or of every released module when none are named.

    Raises:
        AcademyError: a named module was never released.
    """
    released = released_modules(url)
    for module_id in modules or []:
        if module_id not in released:
            raise AcademyError(f"module {module_id!r} has not been released (release it with 'academy release {module_id}'); "
                               f"released modules: {', '.join(released) or 'none yet'}")
    chosen = set(modules or released)
    return [name for name in released_assignments(url) if module_of(name) in chosen]
