"""Scratch folders in the machine's temporary folder, named after the process that made them.

Grading and report workers, kernel templates and the grader's own checks work in
folders under the temporary folder (``/tmp``) that they remove when they finish.
A process killed with SIGKILL cannot remove its own: so each folder's name carries
the process id of its maker (``academy-grade-4711-k2j8x``), and the next run removes
the folders whose maker is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

_NAME = re.compile(r"academy-[a-z]+-(\d+)-[^/]+")


def prefix(kind: str) -> str:
    """The name prefix of a scratch folder of this process, for ``tempfile``'s ``prefix``."""
    return f"academy-{kind}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user
        return True
    return True


def remove_abandoned(root: str | Path | None = None) -> list[Path]:
    """Remove the scratch folders whose maker is no longer running; return them.

    Folders of live processes (another run going on at the same time) are left alone,
    and so is anything whose name does not carry a process id.
    """
    removed = []
    for folder in Path(root or tempfile.gettempdir()).glob("academy-*-*-*"):
        match = _NAME.fullmatch(folder.name)
        if match and folder.is_dir() and not folder.is_symlink() and not _alive(int(match[1])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
