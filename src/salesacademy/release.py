"""`academy release`: build modules, release them through nbgrader, and assign them.

For each module: build its nbgrader source notebooks in the instance's
language, let nbgrader generate the learner version (solutions and hidden
tests removed) and put it in the exchange, then give every active employee
whose role requires it an enrollment with a due date. Employees already
enrolled keep their original dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import nbformat
import sqlalchemy as sa
from traitlets.config import Config

from . import build
from .config import content_root, database_url, load_config
from .curriculum import Curriculum, Module, load_curriculum
from .errors import AcademyError
from .gradebook import employee, enrollment, now, release as release_table, transaction
from .nbgrader_setup import api, check
from .paths import InstancePaths
from .rubrics import load_rubric


@dataclasses.dataclass(frozen=True)
class Released:
    module_id: str
    version: str
    points: float
    enrolled: int


def build_module(module: Module, *, content: Path, language: str, paths: InstancePaths) -> tuple[str, float]:
    """Write the module's nbgrader source notebooks; returns its version and its graded points."""
    folder = module.folder(content)
    sources = [folder / f"{name}.py" for name in module.notebooks]
    target = paths.step("source", module_id=module.id)
    target.mkdir(parents=True, exist_ok=True)
    points = 0.0
    for name, source_path in zip(module.notebooks, sources):
        source = build.read_source(source_path)
        nbformat.write(build.build_notebook(source, language=language), target / f"{name}.ipynb")
        module_items = build.items(source, notebook=name, language=language)
        if module_items and name != module.graded:
            raise AcademyError(f"{source_path}: graded items found, but the curriculum names {module.graded!r} as the graded notebook of {module.id}")
        points += sum(item.points for item in module_items)
        written = [item.id for item in module_items if item.kind == "written"]
        if written:
            load_rubric(content, module.id, expect=written)
    if abs(points - module.points) > 1e-9:
        raise AcademyError(f"{module.id}: the curriculum gives {module.points:g} points but the notebooks carry {points:g}; make them agree")
    return build.content_hash(sources), points


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
    today = today or dt.date.today()
    url = database_url(config, paths)
    extra = Config()
    extra.ExchangeReleaseAssignment.force = True  # a new version replaces the old one in the exchange
    nbgrader = api(config, paths, extra)
    from tqdm import tqdm

    results = []
    for module in tqdm(chosen, desc="release", unit="module", disable=not progress):
        version, points = build_module(module, content=content, language=config.course.language, paths=paths)
        check(nbgrader.generate_assignment(module.id, force=True, create=True), f"generate_assignment {module.id}")
        check(nbgrader.release_assignment(module.id), f"release_assignment {module.id}")
        with transaction(url) as db:
            enrolled = enroll(db, curriculum=curriculum, module=module, today=today)
            db.execute(release_table.insert().values(module_id=module.id, version=version, language=config.course.language,
                                                     points=points, released_at=now()))
        results.append(Released(module.id, version, points, enrolled))
    return results


def released_modules(url: str) -> list[str]:
    """Modules released at least once, in release order."""
    with transaction(url) as db:
        rows = db.execute(sa.select(release_table.c.module_id).order_by(release_table.c.id)).scalars()
        return list(dict.fromkeys(rows))


def chosen_released(url: str, modules: list[str] | None) -> list[str]:
    """`modules`, or every released module when none are named; each must have been released.

    Raises:
        AcademyError: a named module was never released.
    """
    released = released_modules(url)
    for module_id in modules or []:
        if module_id not in released:
            raise AcademyError(f"module {module_id!r} has not been released; release it with 'academy release {module_id}'")
    return list(modules or released)
