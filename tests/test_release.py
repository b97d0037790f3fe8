import datetime as dt
import shutil

import pytest
import yaml

from conftest import database_dump, gradebook_url
from salesacademy import gradebook_reads
from salesacademy.config import load_config
from salesacademy.errors import AcademyError
from salesacademy.release import release
from salesacademy.roster import import_roster

pytestmark = pytest.mark.slow


def test_release_assigns_by_role_with_due_dates(instance, roster_file):
    import_roster(instance=instance, file=roster_file)
    results = release(instance=instance, modules=["03-suitability"], today=dt.date(2025, 3, 1), progress=False)
    assert [(r.module_id, r.points) for r in results] == [("03-suitability", {"frontline": 12.0, "analyst": 14.0})]
    enrolled = gradebook_reads.enrollments(gradebook_url(instance))
    # the roster has a branch manager, a relationship manager, a wealth advisor and a teller;
    # suitability is not required of tellers
    assert sorted(enrolled.employee_id) == ["B1", "R1", "W1"]
    assert set(enrolled.due_on.dt.date) == {dt.date(2025, 3, 31)}
    _, paths = load_config(instance)
    outbound = paths.exchange / "sales-academy" / "outbound"
    versions = sorted(p.name for p in outbound.iterdir())
    assert versions == [f"03-suitability.{track}.{tag}" for track in ("analyst", "frontline") for tag in ("en", "zh")]
    for version in versions:
        text = (outbound / version / "exercise.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "mistake" not in text and "academy_key" not in text
    assert "def mismatched" in (outbound / "03-suitability.analyst.zh" / "exercise.ipynb").read_text(encoding="utf-8")
    assert "def mismatched" not in (outbound / "03-suitability.frontline.zh" / "exercise.ipynb").read_text(encoding="utf-8")
    # releasing again keeps the first due dates
    release(instance=instance, modules=["03-suitability"], today=dt.date(2025, 4, 1), progress=False)
    again = gradebook_reads.enrollments(gradebook_url(instance))
    assert set(again.due_on.dt.date) == {dt.date(2025, 3, 31)}


def test_curriculum_naming_a_missing_notebook_stops_release_before_any_change(instance, content, tmp_path):
    copy = tmp_path / "content"
    for folder in ("course", "cases", "graders"):
        if (content / folder).exists():
            shutil.copytree(content / folder, copy / folder)
    (copy / "course" / "03-suitability" / "lesson.py").unlink()
    toml = instance / "academy.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('content = ""', f'content = "{copy}"'), encoding="utf-8")
    before = database_dump(instance)
    with pytest.raises(AcademyError, match="notebook 'lesson' not found"):
        release(instance=instance, modules=["03-suitability"])
    assert database_dump(instance) == before


def test_points_must_match_the_curriculum(instance, content, tmp_path):
    copy = tmp_path / "content"
    for folder in ("course", "cases", "graders"):
        if (content / folder).exists():
            shutil.copytree(content / folder, copy / folder)
    curriculum = copy / "course" / "curriculum.yml"
    data = yaml.safe_load(curriculum.read_text(encoding="utf-8"))
    next(m for m in data["modules"] if m["id"] == "03-suitability")["points"] = 99
    curriculum.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    toml = instance / "academy.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('content = ""', f'content = "{copy}"'), encoding="utf-8")
    with pytest.raises(AcademyError, match=r"gives the (frontline|analyst) track 99 points but its notebooks carry 1[24]"):
        release(instance=instance, modules=["03-suitability"])


def test_code_already_drawn_in_a_release_is_not_run_again(tmp_path):
    """A lesson is the same on both tracks: its outputs are copied, not computed twice; different code is run."""
    import nbformat

    from salesacademy.kernel.runner import Limits
    from salesacademy.release import run_for_learners

    draw = "import os\nprint(os.urandom(8).hex())"  # a different line every time it really runs
    paths = []
    for name, code in (("frontline", draw), ("analyst", draw), ("other", draw + "\nprint('more')")):
        (tmp_path / name).mkdir()
        paths.append(tmp_path / name / "lesson.ipynb")
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), paths[-1])
    drawn: dict = {}
    for path in paths:
        run_for_learners(path, limits=Limits(), drawn=drawn)
    printed = [nbformat.read(path, as_version=4).cells[0].outputs[0].text.splitlines()[0] for path in paths]
    assert printed[0] == printed[1], "the second track's identical lesson got the first one's outputs"
    assert printed[2] != printed[0], "different code ran on its own"
