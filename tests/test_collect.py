"""`academy collect` counts what is new since the last run, not everything in `submitted/`.

Submissions are placed in the exchange as nbgrader's submit leaves them (a
folder ``EMPLOYEE+ASSIGNMENT+TIMESTAMP+RANDOM`` holding ``timestamp.txt``), and
the module is recorded as released straight in the gradebook: nothing is built.
"""

from __future__ import annotations

import warnings

import pytest
import sqlalchemy as sa
from conftest import gradebook_url

from salesacademy import cli, gradebook
from salesacademy.collect import Collected, collect
from salesacademy.config import load_config
from salesacademy.errors import AcademyError

MODULE = "03-suitability"
ASSIGNMENT = f"{MODULE}.frontline.zh"


def released(instance) -> None:
    """Record MODULE as released, with its frontline Chinese version in nbgrader's gradebook."""
    from nbgrader.api import Gradebook

    config, _ = load_config(instance)
    with Gradebook(gradebook_url(instance), config.course.id) as gb, warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning)
        gb.add_assignment(ASSIGNMENT)
    with gradebook.transaction(gradebook_url(instance)) as db:
        db.execute(gradebook.release.insert(), [{"module_id": MODULE, "version": "1", "language": "zh-CN", "points": 12,
                                                  "released_at": gradebook.now()}])


def submit(instance, employee_id: str, hour: int) -> None:
    """A submission of ASSIGNMENT by `employee_id` at `hour` o'clock on 2025-01-10, waiting in the exchange."""
    config, paths = load_config(instance)
    stamp = f"2025-01-10 {hour:02d}:00:00.000000 UTC"
    folder = paths.inbound(config.course.id) / f"{employee_id}+{ASSIGNMENT}+{stamp}+{employee_id.lower()}{hour}"
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")
    (folder / "exercise.ipynb").write_text("{}", encoding="utf-8")


def test_only_new_and_newer_submissions_count_as_new(instance):
    released(instance)
    for employee_id in ("B1", "R1", "W1"):
        submit(instance, employee_id, hour=9)
    assert collect(instance=instance) == {MODULE: Collected(new=3, unchanged=0)}
    assert collect(instance=instance) == {MODULE: Collected(new=0, unchanged=3)}
    submit(instance, "R1", hour=11)  # R1 submits again: the newer one replaces the first
    submit(instance, "T1", hour=12)
    assert collect(instance=instance, modules=[MODULE]) == {MODULE: Collected(new=2, unchanged=2)}
    _, paths = load_config(instance)
    assert paths.timestamp("submitted", "R1", ASSIGNMENT) == "2025-01-10 11:00:00.000000 UTC"


def test_the_command_says_how_many_are_new(instance, capsys):
    released(instance)
    for employee_id in ("B1", "R1"):
        submit(instance, employee_id, hour=9)
    assert cli.main(["collect", "--instance", str(instance)]) == 0
    submit(instance, "W1", hour=10)
    assert cli.main(["collect", "--instance", str(instance)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{MODULE}: 2 new submission(s) collected; 0 unchanged",
                                                    f"{MODULE}: 1 new submission(s) collected; 2 unchanged"]


def test_a_wrong_module_is_answered_with_the_known_ones(instance):
    released(instance)
    with pytest.raises(AcademyError, match=r"^unknown module '99-x'; the curriculum has: 01-sales-process, 02-communication, .*c10-"):
        collect(instance=instance, modules=["99-x"])
    with pytest.raises(AcademyError, match=rf"^module '01-sales-process' has not been released \(.*\); released modules: {MODULE}$"):
        collect(instance=instance, modules=["01-sales-process"])
