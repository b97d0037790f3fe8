"""Warm, forked kernels for grading and reports.

Starting a Python kernel and importing pandas and matplotlib costs seconds;
grading a typical exercise costs milliseconds. The ``salesacademy-fork``
kernelspec pays the start-up once: a template process imports the scientific
stack, then every kernel is a fresh fork of it, discarded after one notebook.
nbgrader and papermill are not changed; they are told to use this kernel.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "salesacademy-fork"
PROVISIONER = "academy-fork"


def start_template(shared: str | None = None) -> None:
    """Get this process's template for `runner.run_notebook` ready in the background, and return at once.

    It warms up while the caller loads the rest of what it needs; `run_notebook`
    then waits for it (`Template.get` holds its lock until the template is
    ready). Only the provisioner, not the scientific stack, is imported here.

    Args:
        shared: The folder of a template another process of this machine started
            (`Template.share`): this process forks from that one and starts none.
    """
    import threading

    from .provisioner import Template

    if shared is not None:
        Template.attach(shared)
    threading.Thread(target=Template.get, kwargs={"shell": True}, name="academy-template", daemon=True).start()


def kernelspec() -> dict:
    return {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (Sales Academy, warm)",
        "language": "python",
        "metadata": {"kernel_provisioner": {"provisioner_name": PROVISIONER}},
    }


def ensure_kernelspec() -> Path:
    """Install the kernelspec into this environment's prefix if it is missing or stale."""
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    wanted = json.dumps(kernelspec(), indent=1)
    target = folder / "kernel.json"
    if not target.is_file() or target.read_text(encoding="utf-8") != wanted:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(wanted, encoding="utf-8")
    return folder
