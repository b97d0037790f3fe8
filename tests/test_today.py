"""'Today' is the course's date, in its time zone, whatever the machine's clock zone.

The instance lies in UTC+14 and the machine's local zone is UTC-12: the
course's date is always at least one day ahead of the machine's. Work
submitted and graded now must count as submitted today, for the staff
panel, status and HR alike.
"""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pytest

from salesacademy import answers, hr, training
from salesacademy.collect import collect
from salesacademy.config import load_config, today
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster
from salesacademy.status import status

pytestmark = pytest.mark.slow

COURSE_ZONE, MACHINE_ZONE = "Etc/GMT-14", "Etc/GMT+12"  # POSIX signs: UTC+14 and UTC-12
MODULE = "03-suitability"


@pytest.fixture
def machine_behind(monkeypatch):
    monkeypatch.setenv("TZ", MACHINE_ZONE)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def submitted_now(tmp_path_factory):
    root = init(directory=tmp_path_factory.mktemp("today") / "course", db="sqlite:///gradebook.db", timezone=COURSE_ZONE).root
    (root / "roster.csv").write_text("employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
                                     "R1,Staff R1,Pudong,Retail,relationship_manager,,2020-01-01,r1@bank.example,en\n", encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], progress=False)
    answers.hand_in(instance=root, employee_id="R1", module_id=MODULE)
    collect(instance=root)
    grade(instance=root, progress=False)
    return root


def test_the_course_date_runs_ahead_of_the_machines_here(machine_behind, submitted_now):
    config, _ = load_config(submitted_now)
    assert today(config) == dt.datetime.now(zoneinfo.ZoneInfo(COURSE_ZONE)).date()
    assert today(config) > dt.date.today(), "the test needs the machine's date behind the course's"


def test_work_submitted_now_counts_as_submitted_today_everywhere(machine_behind, submitted_now, tmp_path):
    # graded now, its written answer waiting for a trainer
    assert status(instance=submitted_now).set_index("employee_id").status["R1"] == "needs-manual-grading"
    _, modules = training.my_training(instance=submitted_now, employee_id="R1")
    assert [m.status for m in modules if m.module_id == MODULE] == ["awaiting-trainer"]
    course_date = dt.datetime.now(zoneinfo.ZoneInfo(COURSE_ZONE)).date().isoformat()
    files = hr.completion(instance=submitted_now, formats=["csv"], out=tmp_path)
    assert all(course_date in f.name for f in files), "the HR report is dated the course's today"


def _machine_date_calls(source: str) -> list[int]:
    """Lines calling ``date.today()`` or ``datetime.now()`` without a time zone: the machine's date."""
    import ast

    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if (name, owner_name) == ("today", "date") or (name == "now" and owner_name == "datetime" and not node.args and not node.keywords):
                lines.append(node.lineno)
    return lines


def test_the_scan_finds_the_machines_date():
    assert _machine_date_calls("import datetime as dt\nx = dt.date.today()\ny = dt.datetime.now()\nz = dt.datetime.now(dt.UTC)\n") == [2, 3]


def test_no_default_date_comes_from_the_machines_clock():
    from pathlib import Path

    import salesacademy

    found = {str(path.relative_to(Path(salesacademy.__file__).parent)): lines
             for path in Path(salesacademy.__file__).parent.rglob("*.py")
             if (lines := _machine_date_calls(path.read_text(encoding="utf-8")))}
    assert found == {}, "use config.today(config), the course's date, not the machine's"
