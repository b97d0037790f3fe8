"""One instance with module 01 released to every employee of the suite; each test module grades a copy of it.

The suite uses a SQLite gradebook only: what it tests is the kernel and the
grading run around it, which do not depend on the database.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from salesacademy.config import AcademyConfig, render_toml
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

from .course import EMPLOYEES, LIMITS, MODULE, TELLERS


@pytest.fixture(scope="session")
def released_course(tmp_path_factory) -> Path:
    """An instance with low grading limits and MODULE released to every employee of the suite (compliance officers but TELLERS)."""
    paths = init(directory=tmp_path_factory.mktemp("adversarial") / "course", db="sqlite:///gradebook.db")
    settings = tomllib.loads(paths.config.read_text(encoding="utf-8"))
    settings["grading"].update(LIMITS)
    paths.config.write_text(render_toml(AcademyConfig.model_validate(settings)), encoding="utf-8")
    roster = paths.root / "roster.csv"
    roster.write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        + "".join(f"{e},Staff {e},Branch,Compliance,{'teller' if e in TELLERS else 'compliance_officer'},,2020-01-01,{e}@bank.example,zh-CN\n"
                  for e in EMPLOYEES),
        encoding="utf-8")
    import_roster(instance=paths.root, file=roster)
    release(instance=paths.root, modules=[MODULE], progress=False)
    return paths.root


@pytest.fixture(scope="module")
def course(released_course, tmp_path_factory, request) -> Path:
    """A copy of the released instance for one test module's batch."""
    root = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]) / "course"
    shutil.copytree(released_course, root)
    return root
