from pathlib import Path

import pytest

from salesacademy.config import AcademyConfig, database_url, load_config, render_toml
from salesacademy.errors import AcademyError
from salesacademy.paths import InstancePaths


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "academy.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_rendered_file_reads_back_with_every_key_described(tmp_path):
    config = AcademyConfig.model_validate({"course": {"id": "branch-east", "language": "en", "timezone": "Europe/London"}})
    text = render_toml(config)
    loaded, _ = load_config(write(tmp_path, text))
    assert loaded == config
    keys = [line for line in text.splitlines() if " = " in line]
    comments = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(comments) >= len(keys)  # one description per key, plus the header


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[course]\nlanguage = 'fr'\n", "course.language"),
        ("[course]\ntimezone = 'Mars/Olympus'\n", "unknown time zone"),
        ("[grading]\ncell_timeout_s = 0\n", "grading.cell_timeout_s"),
        ("[gradebook]\nurl = 'mysql://x'\n", "gradebook.url"),
        ("[course]\nid = 'Has Spaces'\n", "course.id"),
        ("[surprise]\nx = 1\n", "surprise"),
        ("[course\n", "not valid TOML"),
    ],
)
def test_invalid_settings_are_one_line_errors_naming_the_key(tmp_path, text, message):
    with pytest.raises(AcademyError) as error:
        load_config(write(tmp_path, text))
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert "academy.toml" in str(error.value)


def test_missing_instance_says_how_to_create_one(tmp_path):
    with pytest.raises(AcademyError, match="academy init"):
        load_config(tmp_path)


def test_relative_sqlite_url_lives_in_the_instance(tmp_path):
    config = AcademyConfig()
    assert database_url(config, InstancePaths(tmp_path)) == f"sqlite:///{tmp_path}/gradebook.db"
    absolute = AcademyConfig.model_validate({"gradebook": {"url": "sqlite:////srv/gb.db"}})
    assert database_url(absolute, InstancePaths(tmp_path)) == "sqlite:////srv/gb.db"
