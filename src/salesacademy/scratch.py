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
#: Longest temporary folder the kernels' folder is made in. Their sockets are files in it, and a socket's path
#: has at most 107 bytes: this leaves room for the folder's own name and the sockets of a kernel in it.
SOCKET_ROOT_MAX = 40


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


def kernel_folder() -> str:
    """A new scratch folder for a kernel template and its sockets: in the temporary folder, or in /tmp
    when the temporary folder's path is too long for a socket's (a TMPDIR deep in a home folder, say)."""
    root = tempfile.gettempdir()
    return tempfile.mkdtemp(prefix=prefix("kernels"), dir=root if len(os.fsencode(root)) <= SOCKET_ROOT_MAX else "/tmp")


def remove_abandoned(root: str | Path | None = None) -> list[Path]:
    """Remove the scratch folders whose maker is no longer running; return them.

    Folders of live processes (another run going on at the same time) are left alone,
    and so is anything whose name does not carry a process id. Without a `root`, those
    of the temporary folder and of /tmp, where kernel folders may be (`kernel_folder`).
    """
    removed = []
    roots = [Path(root)] if root else list(dict.fromkeys([Path(tempfile.gettempdir()), Path("/tmp")]))
    for folder in (found for where in roots for found in where.glob("academy-*-*-*")):
        match = _NAME.fullmatch(folder.name)
        if match and folder.is_dir() and not folder.is_symlink() and not _alive(int(match[1])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
