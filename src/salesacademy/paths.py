"""One place for every path of a course instance.

nbgrader lays out a course as ``{step}/{employee_id}/{module_id}/``; this
module formats those paths and the instance's own files, so no other module
joins path strings. A step is one of ``source``, ``release``, ``submitted``,
``autograded`` or ``feedback``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

CONFIG_FILE = "academy.toml"
STEPS = ("source", "release", "submitted", "autograded", "feedback")


@dataclasses.dataclass(frozen=True)
class InstancePaths:
    """Paths of one course instance rooted at `root`."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def nbgrader_config(self) -> Path:
        return self.root / "nbgrader_config.py"

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def home(self, employee_id: str) -> Path:
        """Where a staff member works: fetched modules and their feedback land here."""
        return self.root / "home" / employee_id

    def step(self, step: str, employee_id: str = ".", module_id: str = "") -> Path:
        """The folder of `module_id` at `step`; `employee_id` is "." for source and release."""
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}")
        path = self.root / step
        if step in ("submitted", "autograded", "feedback"):
            path = path / employee_id
        return path / module_id if module_id else path

    def timestamp(self, step: str, employee_id: str, module_id: str) -> str | None:
        """The ``timestamp.txt`` nbgrader keeps in a submission's folder at `step`; None without one."""
        stamp = self.step(step, employee_id, module_id) / "timestamp.txt"
        return stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None

    def notebook(self, step: str, module_id: str, notebook: str, employee_id: str = ".") -> Path:
        return self.step(step, employee_id, module_id) / f"{notebook}.ipynb"

    def inbound(self, course_id: str) -> Path:
        """Where staff submissions arrive in the exchange before `academy collect`."""
        return self.exchange / course_id / "inbound"
