"""`academy collect`: move staff submissions from the exchange into the course."""

from __future__ import annotations

from pathlib import Path

from .config import database_url, load_config
from .nbgrader_setup import api, check
from .release import chosen_released


def collect(*, instance: Path, modules: list[str] | None = None) -> dict[str, int]:
    """Collect the newest submission of each employee for each module; returns counts by module."""
    config, paths = load_config(instance)
    chosen = chosen_released(database_url(config, paths), modules)
    nbgrader = api(config, paths)
    counts = {}
    for module_id in chosen:
        _remove_links(paths.inbound(config.course.id), module_id)
        check(nbgrader.collect(module_id, update=True), f"collect {module_id}")
        counts[module_id] = sum(1 for _ in paths.step("submitted").glob(f"*/{module_id}"))
    return counts


def _remove_links(inbound: Path, module_id: str) -> None:
    """Delete symbolic links from the submissions of `module_id` waiting in the exchange.

    nbgrader's collect copies what a link points to; a learner could plant a
    link to the gradebook or another person's work and have it collected as
    theirs. A submission never needs a link.
    """
    for folder in inbound.glob(f"*+{module_id}+*"):
        if folder.is_symlink():
            folder.unlink()
            continue
        for path in [p for p in folder.rglob("*") if p.is_symlink()]:
            path.unlink()
