"""Privacy of what the academy writes and prints: redaction, file permissions, and quiet logs.

The cohort of tests/cohort.py gives six named employees, two of them
managers, with e-mail addresses and hire dates. Every check searches the real
outputs of the real CLI for that personal data; each search is first shown to
find it where it belongs, so an empty result means something.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import stat
from pathlib import Path

import openpyxl
import pytest

import cohort
from salesacademy import cli

ROSTER = list(csv.DictReader(io.StringIO(cohort.ROSTER)))
NAMES = [row["name"] for row in ROSTER]
EMAILS = [row["email"] for row in ROSTER]
HIRE_DATES = [row["hire_date"] for row in ROSTER]
MANAGERS = {row["manager_id"] for row in ROSTER if row["manager_id"]}
AS_OF = str(cohort.AS_OF)


def academy(*argv: str) -> tuple[int, str, str]:
    """`academy ARGV` in this process: exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(argv))
    return status, out.getvalue(), err.getvalue()


def text_of(path: Path) -> str:
    """Everything a reader of the file sees, as text: every cell of a workbook, the whole of any other file."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        return "\n".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None)
    return path.read_text(encoding="utf-8-sig")


def found(texts: dict[str, str], needles: list[str]) -> dict[str, list[str]]:
    """Which of `needles` each text contains, for the texts that contain any."""
    return {name: hits for name, text in texts.items() if (hits := [n for n in needles if n in text])}


@pytest.fixture(scope="module")
def instance(tmp_path_factory) -> Path:
    from salesacademy.init import init

    template = init(directory=tmp_path_factory.mktemp("privacy") / "empty").root
    return cohort.build(template, tmp_path_factory.mktemp("privacy") / "course")


@pytest.fixture(scope="module")
def exports(instance, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every HR output, plain and redacted, by file name: {"plain": ..., "redacted": ...}."""
    written = {}
    for kind, flags in (("plain", []), ("redacted", ["--redact"])):
        out = tmp_path_factory.mktemp(kind) / "hr"
        status, stdout, stderr = academy("hr", "completion", "--instance", str(instance), "--as-of", AS_OF, "--out", str(out), *flags)
        assert status == 0, stderr
        status, feed_stdout, stderr = academy("hr", "review-feed", "--instance", str(instance), "--period", "2025-Q1", "--out", str(out))
        assert status == 0, stderr
        written[kind] = {Path(line).name: Path(line) for line in (stdout + feed_stdout).split()}
    return written


def test_the_plain_exports_name_staff_so_the_searches_below_can_find_them(exports):
    texts = {name: text_of(path) for name, path in exports["plain"].items()}
    # Nothing lapses within 60 days of 2025-03-01, so the lists of expiring passes are empty.
    assert set(found(texts, NAMES)) == {f"completion-{AS_OF}{part}" for part in (".xlsx", "-dashboard.html", "-matrix.csv", "-overdue.csv",
                                                                                   "-failed.csv")}
    # B1 and B2 are overdue with nothing: in the overdue list they are the managers to call.
    assert set(found(texts, NAMES)[f"completion-{AS_OF}-overdue.csv"]) >= {cohort.NAMES["B1"], cohort.NAMES["B2"]}


def test_redact_leaves_no_name_in_any_format(exports):
    """--redact: workbook, CSV files and dashboard carry ids where names were, employees' and managers' alike."""
    assert set(exports["redacted"]) == set(exports["plain"])
    texts = {name: text_of(path) for name, path in exports["redacted"].items()}
    assert found(texts, NAMES) == {}
    workbook = openpyxl.load_workbook(exports["redacted"][f"completion-{AS_OF}.xlsx"])
    matrix = list(workbook["员工完成矩阵"].values)
    assert [row[matrix[0].index("姓名")] for row in matrix[1:]] == [row[matrix[0].index("员工编号")] for row in matrix[1:]]
    for part in ("overdue", "failed"):
        rows = list(csv.DictReader(io.StringIO(texts[f"completion-{AS_OF}-{part}.csv"])))
        assert rows and all(row["上级姓名"] == row["上级编号"] and row["上级编号"] in MANAGERS for row in rows), part


def test_the_review_feed_carries_ids_and_figures_only(exports):
    feed = json.loads(exports["plain"]["review-feed-2025-Q1.json"].read_text(encoding="utf-8"))
    assert {record["employee_id"] for record in feed["records"]} == set(cohort.NAMES)
    texts = {name: text_of(path) for name, path in exports["plain"].items() if name.startswith("review-feed")}
    assert found(texts, NAMES + EMAILS + HIRE_DATES) == {}


def test_no_export_carries_e_mail_addresses_or_hire_dates(exports):
    """HR has those in its own systems; none of these reports needs them."""
    texts = {f"{kind}/{name}": text_of(path) for kind in exports for name, path in exports[kind].items()}
    assert found(texts, EMAILS + HIRE_DATES + ["email", "hire_date"]) == {}


def test_files_with_personal_data_are_readable_by_their_owner_only(exports):
    """Rows per employee: 0600. Aggregates by branch, module or item: 0644. A new output folder: 0700."""
    aggregates = {f"completion-{AS_OF}-summary.csv"}
    for kind in exports:
        modes = {name: stat.S_IMODE(path.stat().st_mode) for name, path in exports[kind].items()}
        assert modes == {name: 0o644 if name in aggregates else 0o600 for name in modes}, kind
        folder = next(iter(exports[kind].values())).parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_hr_runs_print_paths_and_counts_but_no_personal_data(instance, tmp_path):
    outputs = {}
    for argv in (["hr", "completion", "--as-of", AS_OF, "--out", str(tmp_path / "hr")], ["hr", "review-feed", "--period", "2025", "--out", str(tmp_path / "hr")],
                 ["roster", "import", str(_roster_file(tmp_path))]):
        status, stdout, stderr = academy(*argv, "--instance", str(instance))
        assert status == 0, stderr
        outputs[" ".join(argv[:2])] = stdout + stderr
    assert outputs["roster import"].startswith("roster imported: 0 added, 0 updated, 0 marked inactive, 6 unchanged")
    assert found(outputs, NAMES + EMAILS + HIRE_DATES) == {}


def _roster_file(folder: Path) -> Path:
    path = folder / "roster.csv"
    path.write_text(cohort.ROSTER, encoding="utf-8")
    return path


@pytest.mark.slow
def test_report_runs_print_ids_and_counts_but_no_personal_data(instance):
    """`academy report` renders two reports; its output, progress bar included, names nobody, though the reports do."""
    status, stdout, stderr = academy("report", "B1", "T1", "--instance", str(instance), "--as-of", AS_OF, "--no-pdf")
    assert status == 0, stderr
    assert stdout.startswith("已写入 2 个文件（") and "report" in stderr  # in the course language; then the progress bar
    assert found({"stdout": stdout, "stderr": stderr}, NAMES + EMAILS + HIRE_DATES) == {}
    page = (instance / "reports" / "employees" / f"B1_{AS_OF}.html").read_text(encoding="utf-8")
    assert cohort.NAMES["B1"] in page and stat.S_IMODE((instance / "reports" / "employees" / f"B1_{AS_OF}.html").stat().st_mode) == 0o600
