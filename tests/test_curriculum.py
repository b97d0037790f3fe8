import shutil

import pytest
import yaml

from salesacademy.curriculum import CURRICULUM_FILE, load_curriculum
from salesacademy.errors import AcademyError


@pytest.fixture
def content_copy(content, tmp_path):
    """A private copy of the content whose curriculum a test may break."""
    for folder in ("course", "cases", "graders"):
        if (content / folder).exists():
            shutil.copytree(content / folder, tmp_path / folder)
    return tmp_path


def edit(content_copy, change):
    path = content_copy / CURRICULUM_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_bundled_curriculum_is_valid(content):
    curriculum = load_curriculum(content)
    assert curriculum.modules
    for module in curriculum.modules:
        assert module.required_for, f"{module.id} is required for nobody"
        assert curriculum.pass_mark(module) > 0
        assert module.title.zh and module.title.en


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["modules"][0].update(notebooks=["lesson", "missing"], graded="lesson"), "notebook 'missing' not found"),
        (lambda d: d["modules"][0].update(required_for=["astronaut"]), "unknown role 'astronaut'"),
        (lambda d: d["modules"].append(dict(d["modules"][0])), "duplicate module id"),
        (lambda d: d["modules"][0].update(pass_mark=1.5), "pass_mark"),
        (lambda d: d["modules"][0].update(competencies=["juggling"]), "unknown competency"),
        (lambda d: d["modules"][0].update(graded="quiz"), "graded notebook 'quiz'"),
        (lambda d: d["modules"][0].pop("title"), "title"),
        (lambda d: d.update(colour="blue"), "colour"),
    ],
)
def test_invalid_curriculum_is_a_clear_one_line_error(content_copy, change, message):
    edit(content_copy, change)
    with pytest.raises(AcademyError) as error:
        load_curriculum(content_copy)
    assert message in str(error.value)
    assert "curriculum.yml" in str(error.value) and "\n" not in str(error.value)


def test_broken_yaml(content_copy):
    (content_copy / CURRICULUM_FILE).write_text("modules: [\n", encoding="utf-8")
    with pytest.raises(AcademyError, match="not valid YAML"):
        load_curriculum(content_copy)


def test_roles_pick_their_modules(content):
    curriculum = load_curriculum(content)
    for role in curriculum.roles:
        assert {m.id for m in curriculum.required(role)} == {m.id for m in curriculum.modules if role in m.required_for}
