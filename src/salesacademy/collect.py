"""`academy collect`: move staff submissions from the exchange into the course.

nbgrader's collect copies the newest submission of each employee unless the
same one is already collected; `collect` tells the two apart by the timestamp
nbgrader keeps in each collected folder, so a trainer reads how many
submissions are new since the last run, not how many there are.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .config import content_root, database_url, load_config
from .curriculum import load_curriculum, module_of
from .nbgrader_setup import api, check
from .paths import InstancePaths
from .release import chosen_released


@dataclasses.dataclass(frozen=True)
class Collected:
    """Submissions of one module in `submitted/` after a run."""

    #: Collected by this run: first submissions, and newer ones that replaced an earlier one.
    new: int = 0
    #: Already collected before this run and not changed since.
    unchanged: int = 0


def collect(*, instance: Path, modules: list[str] | None = None) -> dict[str, Collected]:
    """Collect the newest submission of each employee for each version of each module; returns what was new, by module.

    Raises:
        AcademyError: a named module is not in the curriculum or was never released; the message lists those that are.
    """
    config, paths = load_config(instance)
    url = database_url(config, paths)
    curriculum = load_curriculum(content_root(config))
    for module_id in modules or []:
        curriculum.module(module_id)  # an unknown id is an error naming the known ones
    chosen = chosen_released(url, modules)  # and so is a module never released
    nbgrader = api(config, paths)
    counts: dict[str, Collected] = {}
    for assignment in chosen:
        _remove_links(paths.inbound(config.course.id), assignment)
        before = _collected(paths, assignment)
        check(nbgrader.collect(assignment, update=True), f"collect {assignment}")
        after = _collected(paths, assignment)
        unchanged = sum(1 for employee_id, stamp in after.items() if before.get(employee_id) == stamp)
        module_id = module_of(assignment)
        total = counts.get(module_id, Collected())
        counts[module_id] = Collected(new=total.new + len(after) - unchanged, unchanged=total.unchanged + unchanged)
    return counts


def _collected(paths: InstancePaths, assignment: str) -> dict[str, str | None]:
    """The timestamp of each employee's collected submission of `assignment`, by employee id."""
    return {folder.parent.name: paths.timestamp("submitted", folder.parent.name, assignment)
            for folder in paths.step("submitted").glob(f"*/{assignment}")}


def _remove_links(inbound: Path, assignment: str) -> None:
    """Delete symbolic links from the submissions of `assignment` waiting in the exchange.

    nbgrader's collect copies what a link points to; a learner could plant a
    link to the gradebook or another person's work and have it collected as
    theirs. A submission never needs a link.
    """
    for folder in inbound.glob(f"*+{assignment}+*"):
        if folder.is_symlink():
            folder.unlink()
            continue
        for path in [p for p in folder.rglob("*") if p.is_symlink()]:
            path.unlink()
