"""The CLI only wires arguments to the verb modules; these tests check the wiring and the error contract."""

import subprocess
import sys

import pytest

from salesacademy import cli
from salesacademy.config import bundled_content, load_config


def run(*argv):
    """The real console script, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "salesacademy.cli", *argv], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([*name.split(), "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: academy {name}")
    assert cli.COMMANDS[name][1][1:] in out  # the summary is the description


def test_top_level_help_lists_commands_without_heavy_imports():
    probe = "import sys; from salesacademy import cli\ntry:\n cli.main(['--help'])\nexcept SystemExit: pass\nprint(sorted(m for m in ('pandas', 'nbgrader', 'matplotlib', 'sqlalchemy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip().endswith("[]"), result.stdout
    for name in cli.COMMANDS:
        assert name in result.stdout


def test_readme_command_reference_names_every_command():
    readme = (bundled_content() / "README.md").read_text(encoding="utf-8")
    assert readme.index("make demo") < readme.index("make test") < 600, "the two commands come first"
    for name in cli.COMMANDS:
        assert f"academy {name}" in readme, f"README lacks 'academy {name}'"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["roster"], "needs a subcommand"),
        (["status", "--as-of", "yesterday"], "is not a date"),
        (["demo", "--employees", "0"], "must be at least 1"),
        (["grade", "--workers", "many"], "is not a whole number"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, message):
    result = run(*argv)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_user_mistakes_exit_1_with_one_line_and_no_traceback(tmp_path):
    result = run("status", "--instance", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.startswith("academy: error: ") and result.stderr.count("\n") == 1
    assert "academy init" in result.stderr


def test_init_wiring_and_refusal_to_overwrite(tmp_path):
    result = run("init", str(tmp_path / "east"), "--language", "en", "--course-id", "east-region", "--timezone", "Asia/Hong_Kong")
    assert result.returncode == 0, result.stderr
    config, _ = load_config(tmp_path / "east")
    assert (config.course.language, config.course.id, config.course.timezone) == ("en", "east-region", "Asia/Hong_Kong")
    again = run("init", str(tmp_path / "east"))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_roster_problems_are_listed_one_per_line(instance, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
                   "A1,,B,D,teller,,2020-01-01,a@b.example,en\nA1,某人,B,D,pilot,,2020-01-01,a@b.example,en\n", encoding="utf-8")
    result = run("roster", "import", str(bad), "--instance", str(instance))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("academy: error: bad.csv: roster rejected, 3 problem(s)")
    assert sorted(line.strip().split(":")[2] for line in lines[1:]) == ["employee_id", "name", "role"]
