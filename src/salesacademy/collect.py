"""`academy collect`: move staff submissions from the exchange into the course."""

from __future__ import annotations

from pathlib import Path

from .config import database_url, load_config
from .curriculum import module_of
from .nbgrader_setup import api, check
from .release import chosen_released


def collect(*, instance: Path, modules: list[str] | None = None) -> dict[str, int]:
    """Collect the newest submission of each employee for each version of each module; returns counts by module."""
    config, paths = load_config(instance)
    chosen = chosen_released(database_url(config, paths), modules)
    nbgrader = api(config, paths)
    counts: dict[str, int] = {}
    for assignment in chosen:
        _remove_links(paths.inbound(config.course.id), assignment)
        check(nbgrader.collect(assignment, update=True), f"collect {assignment}")
        module_id = module_of(assignment)
        counts[module_id] = counts.get(module_id, 0) + sum(1 for _ in paths.step("submitted").glob(f"*/{assignment}"))
    return counts


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
