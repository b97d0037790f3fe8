"""The CLI only wires arguments to the verb modules; these tests check the wiring and the error contract."""

import contextlib
import csv
import io
import re
import subprocess
import sys
import unicodedata

import cohort
import pandas as pd
import pytest

from salesacademy import cli, status
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


# academy status on the cohort of tests/cohort.py: Chinese names, branches, roles and module titles

@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("status") / "course")


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def cells_with_offsets(line):
    """Each cell of a table line (cells are separated by two spaces or more) with its start and end in terminal columns."""
    found = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        start = display_width(line[:match.start()])
        found.append((match.group(), start, start + display_width(match.group())))
    return found


def status_table(instance, *argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["status", "--instance", str(instance), "--as-of", str(cohort.AS_OF), *argv]) == 0
    table, _, totals = out.getvalue().rstrip("\n").partition("\n\n")
    return table.splitlines(), totals.splitlines()


def test_status_columns_line_up_by_display_width(cohort_instance):
    lines, _ = status_table(cohort_instance)
    rows = [cells_with_offsets(line) for line in lines]
    assert len(rows) == 1 + 10 and {len(row) for row in rows} == {9}  # heading and ten enrollments, nine columns each
    percent = 7  # the one right-aligned column: numbers end at the same column
    for column in range(9):
        edges = {row[column][2] if column == percent else row[column][1] for row in rows}
        assert len(edges) == 1, f"column {column} starts or ends at {sorted(edges)}"
    names = [row[1][0] for row in rows[1:]]
    assert set(names) == set(cohort.NAMES.values())  # Chinese names, two columns a character
    assert {row[4][0] for row in rows[1:]} == set(cohort.TITLES.values())  # module titles, not ids
    assert {row[3][0] for row in rows[1:]} == {"支行行长", "客户经理", "柜员", "理财经理"}  # roles as the curriculum titles them
    b1 = next(row for row in rows if row[0][0] == "B1" and row[4][0] == cohort.TITLES["01-sales-process"])
    # Submitted at 10:00 UTC (tests/cohort.py), shown in Asia/Shanghai to the minute.
    assert b1[6][0] == "2025-01-20 18:00" and b1[8][0] == "已通过"


def test_status_totals_are_the_counts_of_each_status(cohort_instance):
    table = status.status(instance=cohort_instance, as_of=cohort.AS_OF)
    late = (table.status == "passed") & ~table.on_time.astype(bool)
    counts = {"已通过": int(((table.status == "passed") & ~late).sum()), "已通过（逾期提交）": int(late.sum()),
              "未通过": int((table.status == "failed").sum()), "逾期未提交": int((table.status == "overdue").sum()),
              "待培训师评分": int((table.status == "needs-manual-grading").sum())}
    assert counts == {"已通过": 4, "已通过（逾期提交）": 1, "未通过": 2, "逾期未提交": 3, "待培训师评分": 0}  # the cohort's table, by hand
    _, totals = status_table(cohort_instance)
    assert totals[0] == f"合计 {len(table)} 项，{table.employee_id.nunique()} 名员工"
    assert totals[1] == " · ".join(f"{label} {count}" for label, count in counts.items())  # awaiting a trainer shown at 0

    lines, totals = status_table(cohort_instance, "--status", "failed", "--branch", cohort.PUDONG)
    assert [cells_with_offsets(line)[0][0] for line in lines[1:]] == ["T1"]
    assert totals == ["合计 1 项，1 名员工", "未通过 1 · 待培训师评分 0"]
    lines, _ = status_table(cohort_instance, "--status", "passed-late")
    assert [cells_with_offsets(line)[0][0] for line in lines[1:]] == ["R1"]


def test_status_csv_keeps_raw_ids(cohort_instance, capsys):
    assert cli.main(["status", "--instance", str(cohort_instance), "--as-of", str(cohort.AS_OF), "--format", "csv", "--role", "teller"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["employee_id"], r["role"], r["module_id"], r["status"]) for r in rows] == [
        ("T1", "teller", "01-sales-process", "failed"), ("T2", "teller", "01-sales-process", "overdue")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--branch", "广州天河支行"], f"no branch '广州天河支行' among enrolled employees; branches: {cohort.PUDONG}, {cohort.XICHENG}"),
        (["--module", "99-x"], "unknown module '99-x'; the curriculum has: 01-sales-process, 02-communication, 03-suitability, "),
        (["--module", "02-communication"], "nobody is enrolled in module '02-communication'; modules with enrolled employees: 01-sales-process, 03-suitability"),
        (["--role", "pilot"], "unknown role 'pilot'; the curriculum has: relationship_manager, wealth_advisor, teller, branch_manager, compliance_officer"),
        (["--role", "compliance_officer"], "nobody in role 'compliance_officer' is enrolled; roles with enrolled employees: branch_manager, relationship_manager, teller, wealth_advisor"),
        (["--employee", "Z9"], "no enrolled employee 'Z9'; employees: B1, B2, R1, T1, T2, W2"),
        (["--status", "late"], "unknown status 'late'; the statuses are: assigned, submitted, needs-manual-grading, passed, failed, overdue, expired, passed-late"),
    ],
)
def test_status_filters_that_match_nothing_list_the_valid_values(cohort_instance, capsys, argv, message):
    assert cli.main(["status", "--instance", str(cohort_instance), "--as-of", str(cohort.AS_OF), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"academy: error: {message}") and err.count("\n") == 1


def test_an_unknown_employee_among_many_is_not_answered_with_all_of_them():
    many = pd.Series([f"E{n:03d}" for n in range(status.LISTED_EMPLOYEES + 1)])
    message = status._unmatched("employee_id", "Z9", many)
    assert message == f"no enrolled employee 'Z9'; {status.LISTED_EMPLOYEES + 1} employees are enrolled (see 'academy status')"
    assert status._unmatched("employee_id", "Z9", many[:3]) == "no enrolled employee 'Z9'; employees: E000, E001, E002"
