"""Bad input everywhere: generated roster files, curricula, settings and command lines, through the real CLI.

Every example runs `salesacademy.cli.main` in this process on a fresh copy of
an instance, with stdout and stderr captured, and holds the outcome to the
error contract:

- no traceback, ever;
- a rejected input exits 1 with ``academy: error: ...`` as the first line of
  stderr; only a rejected roster adds lines, one indented
  ``file:row:column: reason`` per problem (the README promises that list);
- a bad command line exits 2 with argparse's usage lines followed by one
  ``academy ...: error: ...`` line;
- after a rejection the instance, the folder the command ran in and the
  gradebook's rows are exactly as before;
- an input built to be valid is accepted (exit 0), and one built with a defect
  is rejected.

Commands whose valid run would take minutes or start a server (`HEAVY_WORK`)
are stopped where that work begins, after every check of their input.

Examples are derandomized, so every run, in CI and locally, tries the same
inputs and a failure reproduces. Set ACADEMY_FUZZ_EXPLORE=1 to draw fresh ones.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

import cohort
from salesacademy import cli
from salesacademy.config import AcademyConfig, bundled_content, today
from salesacademy.curriculum import CURRICULUM_FILE, load_curriculum
from salesacademy.roster import COLUMNS

EXPLORE = bool(os.environ.get("ACADEMY_FUZZ_EXPLORE"))
FUZZ = settings(
    deadline=None,
    derandomize=not EXPLORE,
    database=DirectoryBasedExampleDatabase(Path(__file__).parents[1] / ".hypothesis" / "examples") if EXPLORE else None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

CURRICULUM = load_curriculum(bundled_content())
ROLES = sorted(CURRICULUM.roles)
TODAY = today(AcademyConfig())  # the course's today, which a hire date may not pass
FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(1,1)"]


# Running the CLI ------------------------------------------------------------------------


class WouldRun(Exception):
    """Raised where a command's real work (minutes of notebooks, or a server) would begin."""


#: Where each command whose valid run takes long (notebooks, nbgrader's schema) or starts a server begins
#: that work. The fuzz stops it there, after every check of the command line, the instance and the selection.
HEAVY_WORK = {"demo": ("salesacademy.demo", "demo"), "report": ("salesacademy.report", "_render_all"),
              "release": ("salesacademy.release", "build_version"), "lab": ("salesacademy.lab", "check_port_free"),
              "init": ("salesacademy.init", "create_schema")}


@dataclasses.dataclass(frozen=True)
class Outcome:
    status: int | None  # None: the input passed every check and the real work was about to begin
    stdout: str
    stderr: str


def academy(argv: list[str], *, cwd: Path, instance: Path | None = None, heavy_work: bool = False) -> Outcome:
    """`academy ARGV` in this process, run from `cwd` with $ACADEMY_INSTANCE set to `instance`.

    Unless `heavy_work`, the steps of `HEAVY_WORK` are stopped before they begin.
    """
    out, err = io.StringIO(), io.StringIO()
    environment = {"ACADEMY_INSTANCE": str(instance)} if instance else {}
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(mock.patch.dict(os.environ, environment))
        for module, attribute in HEAVY_WORK.values() if not heavy_work else ():
            stack.enter_context(mock.patch(f"{module}.{attribute}", side_effect=WouldRun))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        try:
            status = cli.main(argv)
        except SystemExit as exit_:
            status = exit_.code
        except WouldRun:
            status = None
    return Outcome(status, out.getvalue(), err.getvalue())


def check_contract(outcome: Outcome) -> None:
    """The outcome is a success, a one-line error (exit 1) or an argparse usage error (exit 2); never a traceback."""
    assert "Traceback" not in outcome.stderr + outcome.stdout, outcome.stderr
    lines = outcome.stderr.rstrip("\n").split("\n") if outcome.stderr else []
    if outcome.status in (0, None):
        assert not any(": error:" in line for line in lines), outcome.stderr
    elif outcome.status == 1:
        assert lines and lines[0].startswith("academy: error: "), outcome.stderr
        if len(lines) > 1:  # only a rejected roster lists its problems, one indented line each
            assert "roster rejected" in lines[0] and all(line.startswith("  ") for line in lines[1:]), outcome.stderr
    elif outcome.status == 2:
        assert lines and re.match(r"academy( \S+)*: error: ", lines[-1]), outcome.stderr
        assert all(line.startswith(("usage: ", " ")) for line in lines[:-1]), outcome.stderr
    else:
        pytest.fail(f"exit status {outcome.status!r}: {outcome.stderr}")


def check_rejected(outcome: Outcome, before: tuple, after: tuple) -> None:
    check_contract(outcome)
    assert outcome.status in (1, 2), (outcome.status, outcome.stderr)
    assert after == before, "a rejected input changed files or the gradebook"


# Instances and what is in them ----------------------------------------------------------


def tree(root: Path) -> dict[str, str]:
    """Every folder and file under `root` with its mode and a digest of its bytes; the gradebook is compared by its rows."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.name.startswith("gradebook.db"):
            continue
        digest = "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        found[path.relative_to(root).as_posix()] = f"{path.stat().st_mode:o} {digest}"
    return found


def gradebook_rows(instance: Path) -> list[str]:
    """Every row of the instance's SQLite gradebook, read without creating or changing anything."""
    with contextlib.closing(sqlite3.connect(f"file:{instance / 'gradebook.db'}?mode=ro", uri=True)) as connection:
        return list(connection.iterdump())


def snapshot(instance: Path, scratch: Path) -> tuple:
    return tree(instance), tree(scratch), gradebook_rows(instance)


@contextlib.contextmanager
def fresh(template: Path) -> Iterator[tuple[Path, Path]]:
    """A copy of the instance `template`, and an empty folder beside it to run commands from."""
    with tempfile.TemporaryDirectory(prefix="academy-fuzz-") as folder:
        instance, scratch = Path(folder) / "course", Path(folder) / "scratch"
        shutil.copytree(template, instance)
        scratch.mkdir()
        yield instance, scratch


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory) -> Path:
    """An empty instance on a SQLite gradebook (the command-line contract does not depend on the database)."""
    from salesacademy.init import init

    return init(directory=tmp_path_factory.mktemp("fuzz") / "course").root


@pytest.fixture(scope="module")
def cohort_template(empty_template, tmp_path_factory) -> Path:
    """The six employees of tests/cohort.py, enrolled and graded."""
    return cohort.build(empty_template, tmp_path_factory.mktemp("fuzz-cohort") / "course")


# Roster files ---------------------------------------------------------------------------

# Text a person could type in a cell: letters, digits, punctuation, symbols, spaces (no control characters).
cell_text = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=20).map(str.strip).filter(bool)
employee_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,11}", fullmatch=True)


@dataclasses.dataclass
class Roster:
    header: list[str]
    rows: list[list[str]]


@st.composite
def valid_rosters(draw) -> Roster:
    """A roster that must import: unique ids, managers from earlier rows, known roles, past hire dates."""
    ids = draw(st.lists(employee_ids, min_size=1, max_size=5, unique_by=str.lower))
    rows = []
    for position, employee_id in enumerate(ids):
        rows.append({
            "employee_id": employee_id, "name": draw(cell_text), "branch": draw(cell_text), "department": draw(cell_text),
            "role": draw(st.sampled_from(ROLES)), "manager_id": draw(st.sampled_from(["", *ids[:position]])),
            "hire_date": draw(st.dates(dt.date(1960, 1, 1), TODAY)).isoformat(), "email": f"{employee_id}@bank.example",
            "language": draw(st.sampled_from(["zh-CN", "en"])),
        })
    return Roster(list(COLUMNS), [[row[column] for column in COLUMNS] for row in rows])


def _set(roster: Roster, row: int, column: str, value: str) -> None:
    roster.rows[row][roster.header.index(column)] = value


DEFECTS = ["missing column", "duplicate column", "extra column", "bad date", "future date", "duplicate id", "unknown manager",
           "own manager", "manager loop", "huge cell", "control character", "empty cell", "bad value", "cells beyond the header",
           "no employees"]
DAMAGES = ["random bytes", "wrong encoding", "unclosed quote", "blank", "not a workbook", "wrong file type"]
VALID = ["valid", "valid with formulas", "valid, columns reordered"]


@st.composite
def broken_rosters(draw, defect: str) -> Roster:
    """A roster with one `defect` of `DEFECTS`."""
    roster = draw(valid_rosters())
    n = len(roster.rows)
    row = draw(st.integers(0, n - 1))
    if defect == "missing column":
        drop = draw(st.sampled_from(COLUMNS))
        keep = [i for i, column in enumerate(roster.header) if column != drop]
        roster = Roster([roster.header[i] for i in keep], [[r[i] for i in keep] for r in roster.rows])
    elif defect == "duplicate column":
        copy = draw(st.integers(0, len(COLUMNS) - 1))
        roster = Roster([*roster.header, roster.header[copy]], [[*r, r[copy]] for r in roster.rows])
    elif defect == "extra column":
        roster = Roster([*roster.header, draw(st.sampled_from(["salary", "phone", "Employee_ID", " notes"]))], [[*r, "x"] for r in roster.rows])
    elif defect == "bad date":
        _set(roster, row, "hire_date", draw(st.sampled_from(["2020-13-01", "2021-02-30", "01/02/2020", "2020-1-5", "yesterday", "0000-01-01", "20200101"])))
    elif defect == "future date":
        _set(roster, row, "hire_date", (TODAY + dt.timedelta(days=draw(st.integers(1, 5000)))).isoformat())
    elif defect == "duplicate id":
        roster.rows.append(list(roster.rows[row]))
    elif defect == "unknown manager":
        _set(roster, row, "manager_id", "NOBODY-" + roster.rows[row][0])
    elif defect == "own manager":
        _set(roster, row, "manager_id", roster.rows[row][0])
    elif defect == "manager loop":
        assume(n >= 2)
        ring = draw(st.permutations(range(n)))[: draw(st.integers(2, n))]
        for here, there in zip(ring, [*ring[1:], ring[0]]):
            _set(roster, here, "manager_id", roster.rows[there][0])
    elif defect == "huge cell":
        column = draw(st.sampled_from(["name", "branch", "department", "email", "role", "manager_id"]))
        _set(roster, row, column, "长" * draw(st.integers(300, 20000)))
    elif defect == "control character":
        column = draw(st.sampled_from(["name", "branch", "department", "email"]))
        text = roster.rows[row][roster.header.index(column)]
        _set(roster, row, column, text[:1] + draw(st.sampled_from(["\x00", "\x07", "\x1b", "\t", "\n", "\x7f"])) + text[1:])
    elif defect == "empty cell":
        _set(roster, row, draw(st.sampled_from([c for c in COLUMNS if c != "manager_id"])), "")
    elif defect == "bad value":
        column, value = draw(st.sampled_from([("role", "astronaut"), ("language", "fr"), ("language", "ZH-cn"), ("email", "nobody"),
                                              ("email", "a@b"), ("employee_id", "bad id"), ("employee_id", "-E1"), ("employee_id", "x" * 65)]))
        _set(roster, row, column, value)
    elif defect == "cells beyond the header":
        roster.rows[row].append(draw(cell_text))
    elif defect == "no employees":
        roster.rows.clear()
    return roster


def csv_bytes(roster: Roster) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([roster.header, *roster.rows])
    return text.getvalue().encode("utf-8")


def xlsx_bytes(roster: Roster) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [roster.header, *roster.rows]:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # as typed by someone: text, even when it starts with "="
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclasses.dataclass(frozen=True)
class RosterFile:
    name: str
    data: bytes
    valid: bool
    why: str
    employees: dict[str, str] | None = None  # id: name, when valid


@st.composite
def roster_files(draw, kind: str) -> RosterFile:
    """A roster file of `kind` (one of `VALID`, `DEFECTS` or `DAMAGES`), as CSV or XLSX."""
    suffix = draw(st.sampled_from([".csv", ".xlsx", ".CSV"]))
    write = xlsx_bytes if suffix == ".xlsx" else csv_bytes
    if kind.startswith("valid"):
        roster = draw(valid_rosters())
        if kind == "valid with formulas":
            for row in range(len(roster.rows)):
                _set(roster, row, draw(st.sampled_from(["name", "branch", "department"])), draw(st.sampled_from(FORMULAS)))
        if kind == "valid, columns reordered":
            order = draw(st.permutations(range(len(COLUMNS))))
            roster = Roster([roster.header[i] for i in order], [[r[i] for i in order] for r in roster.rows])
        names = {r[roster.header.index("employee_id")]: r[roster.header.index("name")] for r in roster.rows}
        return RosterFile(f"roster{suffix}", write(roster), True, kind, names)
    if kind in DEFECTS:
        roster = draw(broken_rosters(kind))
        if suffix == ".xlsx" and kind == "control character":
            assume(not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "".join(map(str, roster.rows))))  # XML cannot hold them
        return RosterFile(f"roster{suffix}", write(roster), False, kind)
    damage = kind
    if damage == "random bytes":
        return RosterFile(f"roster{suffix}", draw(st.binary(max_size=3000)), False, damage)
    if damage == "wrong encoding":
        text = csv_bytes(draw(valid_rosters())).decode("utf-8")
        data = text.encode(draw(st.sampled_from(["utf-16", "gb18030", "utf-32"])))
        with contextlib.suppress(UnicodeDecodeError):
            data.decode("utf-8")
            assume(False)  # only ASCII in it: the same bytes in every encoding
        return RosterFile("roster.csv", data, False, damage)
    if damage == "unclosed quote":
        return RosterFile("roster.csv", csv_bytes(draw(valid_rosters())) + b'"' + draw(cell_text).encode("utf-8"), False, damage)
    if damage == "blank":
        return RosterFile(f"roster{suffix}", draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\n\n", b" , ,\n,,,\n"])), False, damage)
    if damage == "not a workbook":
        valid = xlsx_bytes(draw(valid_rosters()))
        return RosterFile("roster.xlsx", valid[: draw(st.integers(0, len(valid) - 1))], False, damage)
    return RosterFile(draw(st.sampled_from(["roster.json", "roster.txt", "roster", "roster.xls"])), csv_bytes(draw(valid_rosters())), False, damage)


@pytest.mark.parametrize("kind", VALID + DEFECTS + DAMAGES)
@settings(FUZZ, max_examples=3)
@given(data=st.data())
def test_roster_import_accepts_every_valid_file_and_rejects_every_defect_cleanly(empty_template, kind, data):
    roster = data.draw(roster_files(kind), label="roster")
    with fresh(empty_template) as (instance, scratch):
        path = scratch / roster.name
        path.write_bytes(roster.data)
        before = snapshot(instance, scratch)
        outcome = academy(["roster", "import", str(path), "--instance", str(instance)], cwd=scratch)
        event(f"exit {outcome.status}")
        if not roster.valid:
            check_rejected(outcome, before, snapshot(instance, scratch))
            return
        check_contract(outcome)
        assert outcome.status == 0, (roster.why, outcome.stderr)
        assert outcome.stdout.startswith(f"roster imported: {len(roster.employees)} added")
        with contextlib.closing(sqlite3.connect(instance / "gradebook.db")) as connection:
            imported = dict(connection.execute("SELECT employee_id, name FROM academy_employee"))
        assert imported == roster.employees


def test_a_manager_loop_is_named_with_its_members(empty_template):
    """B manages C, C manages D, D manages B: one problem, on the first row of the loop, naming the chain."""
    roster = "\n".join([",".join(COLUMNS),
                        "A,甲,总行,零售,teller,,2020-01-01,a@bank.example,zh-CN",
                        "B,乙,总行,零售,teller,D,2020-01-01,b@bank.example,zh-CN",
                        "C,丙,总行,零售,teller,B,2020-01-01,c@bank.example,zh-CN",
                        "D,丁,总行,零售,teller,C,2020-01-01,d@bank.example,zh-CN"]) + "\n"
    with fresh(empty_template) as (instance, scratch):
        (scratch / "loop.csv").write_text(roster, encoding="utf-8")
        outcome = academy(["roster", "import", "loop.csv", "--instance", str(instance)], cwd=scratch)
    assert outcome.status == 1
    assert outcome.stderr.splitlines()[1:] == ["  loop.csv:3:manager_id: managers form a loop: B → D → C → B"]


# Export of what a roster holds: formulas stay text --------------------------------------


def test_formulas_in_the_roster_reach_hr_exports_as_text(cohort_template):
    """A name such as =cmd|... imports (it is text), and every export HR opens in a spreadsheet keeps it inert."""
    evil = dict(zip(cohort.NAMES, FORMULAS + ["=1+1"]))
    header, *rows = list(csv.reader(io.StringIO(cohort.ROSTER)))
    roster = Roster(header, [[evil[row[0]] if column == "name" else cell for column, cell in zip(header, row)] for row in rows])
    with fresh(cohort_template) as (instance, scratch):
        (scratch / "evil.csv").write_bytes(csv_bytes(roster))
        assert academy(["roster", "import", "evil.csv"], cwd=scratch, instance=instance).status == 0
        outcome = academy(["hr", "completion", "--as-of", str(cohort.AS_OF), "--out", "hr"], cwd=scratch, instance=instance)
        assert outcome.status == 0, outcome.stderr
        status = academy(["status", "--as-of", str(cohort.AS_OF), "--format", "csv"], cwd=scratch, instance=instance)
        assert status.status == 0, status.stderr
        matrix = (scratch / "hr" / f"completion-{cohort.AS_OF}-matrix.csv").read_text(encoding="utf-8-sig")
        overdue = (scratch / "hr" / f"completion-{cohort.AS_OF}-overdue.csv").read_text(encoding="utf-8-sig")
        workbook_path = scratch / "hr" / f"completion-{cohort.AS_OF}.xlsx"
        workbook = openpyxl.load_workbook(workbook_path)
        with zipfile.ZipFile(workbook_path) as archive:
            sheets_xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))
    cells = {name: {cell for row in csv.reader(io.StringIO(text)) for cell in row}
             for name, text in (("matrix", matrix), ("overdue", overdue), ("status", status.stdout))}
    for name, found in cells.items():
        assert not [cell for cell in found if cell[:1] in ("=", "+", "-", "@")], f"{name}: a cell a spreadsheet would run"
    # Each name itself, after one apostrophe; the overdue list names B1 and B2 as the managers to call.
    assert {"'" + name for name in evil.values()} <= cells["matrix"] & cells["status"]
    assert {"'" + evil["B1"], "'" + evil["B2"]} <= cells["overdue"]
    formulas = [cell.coordinate for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == [] and "<f>" not in sheets_xml
    matrix_names = {row[1].value for row in workbook["员工完成矩阵"].iter_rows(min_row=2)}
    assert matrix_names == set(evil.values()), "in the workbook the names are kept exactly, as text cells"


# curriculum.yml -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content_folder(tmp_path_factory) -> Path:
    """A content folder whose curriculum.yml each example rewrites; the notebooks are the bundled ones."""
    bundled = bundled_content()
    folder = tmp_path_factory.mktemp("fuzz-content")
    (folder / "course").mkdir()
    for entry in (bundled / "course").iterdir():
        if entry.is_dir():
            (folder / "course" / entry.name).symlink_to(entry)
    for name in ("cases", "graders"):
        (folder / name).symlink_to(bundled / name)
    return folder


@pytest.fixture(scope="module")
def content_template(empty_template, content_folder, tmp_path_factory) -> Path:
    """An empty instance whose academy.toml points at `content_folder`."""
    target = tmp_path_factory.mktemp("fuzz-content-instance") / "course"
    shutil.copytree(empty_template, target)
    toml = target / "academy.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('content = ""', f"content = {json.dumps(str(content_folder))}"), encoding="utf-8")
    return target


BUNDLED_CURRICULUM = yaml.safe_load((bundled_content() / CURRICULUM_FILE).read_text(encoding="utf-8"))
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(), st.text(max_size=15),
                         st.dates().map(str), st.sampled_from(["yes", "~", ".nan", "-.inf", "0x1F", "1e400"]))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)


def _curriculum() -> dict:
    return json.loads(json.dumps(BUNDLED_CURRICULUM, default=str))  # a deep copy


def _alias_bomb(depth: int, width: int, target: str) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, depth)]
    return "\n".join(lines) + f"\n{target}: *l{depth - 1}\n"


CURRICULUM_KINDS = ["random YAML", "not YAML", "wrong type", "unknown key", "duplicate id", "bad reference", "bad notebook",
                    "out of range", "alias bomb", "valid with aliases", "valid, reordered"]


@st.composite
def curricula(draw, kind: str) -> tuple[str, str, bool]:
    """(what was done, the text of curriculum.yml, whether it is valid) for one of `CURRICULUM_KINDS`."""
    data = _curriculum()
    module = draw(st.sampled_from(data["modules"]))
    if kind == "random YAML":
        document = draw(yaml_values)
        assume(not (isinstance(document, dict) and {"roles", "competencies", "modules"} <= set(document)))
        return kind, yaml.safe_dump(document, allow_unicode=True), False
    if kind == "not YAML":
        text = draw(st.sampled_from(["modules: [\n", "roles: {a: 1\n", "\t- tab\n", "key: value\n  bad indent: x\n", "%YAML 9.9\n---\n",
                                     "!!python/object/apply:os.system ['true']\n", "a: *undefined\n", "\x00\x01binary"]))
        return kind, text + draw(st.text(max_size=10)), False
    if kind == "wrong type":
        section, key = draw(st.sampled_from([("module", "points"), ("module", "notebooks"), ("module", "title"), ("module", "required_for"),
                                             ("module", "due_days"), ("module", "pass_mark"), ("top", "roles"), ("top", "modules"), ("top", "defaults")]))
        wrong = draw(st.sampled_from(["10", ["a", "list"], {"a": "mapping"}, True, None, 3.5]))
        # Still right: a fractional number of points, and null where a module may fall back on the defaults.
        assume(not (key == "points" and wrong == 3.5) and not (key in ("due_days", "pass_mark") and wrong is None))
        (module if section == "module" else data)[key] = wrong
        return f"{kind} {key}={wrong!r}", yaml.safe_dump(data, allow_unicode=True), False
    if kind == "unknown key":
        target = draw(st.sampled_from([data, module, module["title"], data.setdefault("defaults", {})]))
        target[draw(st.sampled_from(["colour", "Points", "id ", "notes"]))] = 1
        return kind, yaml.safe_dump(data, allow_unicode=True), False
    if kind == "duplicate id":
        data["modules"].append(dict(module))
        return kind, yaml.safe_dump(data, allow_unicode=True), False
    if kind == "bad reference":
        field, value = draw(st.sampled_from([("required_for", "astronaut"), ("competencies", "juggling"), ("supports", "99-nowhere")]))
        module[field] = [*module.get(field, []), value]
        return f"{kind} {field}", yaml.safe_dump(data, allow_unicode=True), False
    if kind == "bad notebook":
        name = draw(st.sampled_from(["../../../etc/passwd", "/etc/hostname", "missing", "a b", "", "x\x00y"]))
        module["notebooks"] = [*module["notebooks"], name]
        return f"{kind} {name!r}", yaml.safe_dump(data, allow_unicode=True), False
    if kind == "out of range":
        key, value = draw(st.sampled_from([("points", 0), ("points", -1), ("points", float("inf")), ("points", float("nan")),
                                           ("pass_mark", 1.5), ("pass_mark", 0), ("due_days", 0), ("due_days", 400),
                                           ("recertify_months", 121), ("id", "1-short"), ("id", "01-UPPER")]))
        module[key] = value
        return f"{kind} {key}={value}", yaml.safe_dump(data, allow_unicode=True), False
    if kind == "alias bomb":
        target = draw(st.sampled_from(["roles", "modules", "competencies", "extra"]))
        bomb = _alias_bomb(draw(st.integers(2, 9)), draw(st.integers(2, 9)), target)
        rest = {k: v for k, v in data.items() if k != target}
        return kind, bomb + yaml.safe_dump(rest, allow_unicode=True), False
    if kind == "valid with aliases":
        everyone = list(ROLES)
        for each in data["modules"]:
            each["required_for"] = everyone  # one list: YAML writes it once with an anchor, then aliases
        text = yaml.safe_dump(data, allow_unicode=True)
        assert "*id" in text
        return kind, text, True
    order = draw(st.permutations(list(data)))
    return kind, yaml.safe_dump({key: data[key] for key in order}, allow_unicode=True, sort_keys=False), True


@pytest.mark.parametrize("kind", CURRICULUM_KINDS)
@settings(FUZZ, max_examples=4)
@given(data=st.data())
def test_curriculum_errors_are_one_line_and_change_nothing(content_template, content_folder, kind, data):
    what, text, valid = data.draw(curricula(kind), label="curriculum")
    with fresh(content_template) as (instance, scratch):
        (content_folder / CURRICULUM_FILE).write_text(text, encoding="utf-8")
        before = snapshot(instance, scratch)
        outcome = academy(["status", "--instance", str(instance)], cwd=scratch)
        event(f"exit {outcome.status}")
        if valid:
            assert outcome.status == 0, (what, outcome.stderr)
        else:
            check_rejected(outcome, before, snapshot(instance, scratch))
            assert "curriculum.yml" in outcome.stderr, what


# academy.toml ---------------------------------------------------------------------------

FIELDS = {(section, key): field for section, model in AcademyConfig.model_fields.items()
          for key, field in model.annotation.model_fields.items()}


def _outside(field) -> list[float]:
    """Numbers just outside the range a setting declares."""
    below = [getattr(rule, bound) - 1 for rule in field.metadata for bound in ("gt", "ge") if getattr(rule, bound, None) is not None]
    above = [getattr(rule, bound) + 1 for rule in field.metadata for bound in ("lt", "le") if getattr(rule, bound, None) is not None]
    return below + above


NUMBERS = sorted(key for key, field in FIELDS.items() if field.annotation in (int, float) and _outside(field))


def _toml_value(value: object) -> str:
    """`value` as a TOML literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(repr(value), repr(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are all TOML escapes
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)  # dates


def _settings_text(values: dict) -> str:
    return "\n".join(f"[{section}]\n" + "".join(f"{key} = {_toml_value(v)}\n" for key, v in keys.items()) for section, keys in values.items())


def _defaults() -> dict:
    return {section: dict(model) for section, model in AcademyConfig()}


toml_scalars = st.one_of(st.booleans(), st.integers(-2**63, 2**63 - 1), st.floats(), st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
                         st.dates(), st.lists(st.integers(), max_size=3))


SETTINGS_KINDS = ["wrong type", "out of range", "bad text", "unknown key", "not a table", "random text", "random bytes", "bad gradebook", "valid"]


@st.composite
def settings_files(draw, kind: str) -> tuple[str, bytes, bool]:
    """(what was done, the bytes of academy.toml, whether it is valid) for one of `SETTINGS_KINDS`."""
    values = _defaults()
    section, key = draw(st.sampled_from(sorted(FIELDS)))
    field = FIELDS[section, key]
    if kind == "wrong type":
        value = draw(toml_scalars)
        takes = {int: (int,), float: (int, float), str: (str,)}.get(field.annotation, (str,))
        assume(type(value) not in takes)
        values[section][key] = value
    elif kind == "out of range":
        section, key = draw(st.sampled_from(NUMBERS))
        field = FIELDS[section, key]
        values[section][key] = draw(st.sampled_from(_outside(field) + ([float("nan"), float("inf")] if field.annotation is float else [])))
    elif kind == "bad text":
        key, value = draw(st.sampled_from([("id", "Has Spaces"), ("id", ""), ("language", "fr"), ("timezone", "Mars/Olympus"),
                                           ("timezone", "America"), ("timezone", "../../etc/passwd"), ("timezone", ""),
                                           ("content", "/nonexistent/folder"), ("content", "/etc/passwd"), ("content", "a\x00b")]))
        values["course"][key] = value
    elif kind == "unknown key":
        target = draw(st.sampled_from([*values, None]))
        (values[target] if target else values.setdefault("surprise", {}))[draw(st.sampled_from(["colour", "Workers", "id2"]))] = 1
    elif kind == "not a table":
        values[draw(st.sampled_from(list(values)))] = "text"
        text = _settings_text({k: v for k, v in values.items() if isinstance(v, dict)})
        text = "\n".join(f"{k} = {_toml_value(v)}" for k, v in values.items() if not isinstance(v, dict)) + "\n" + text
        return kind, text.encode("utf-8"), False
    elif kind == "bad gradebook":
        values["gradebook"]["url"] = draw(st.sampled_from(["mysql://x", "sqlite://", "sqlite:///gradebook.db?mode=ro", "sqlite:///academy.toml",
                                                           "sqlite:///source", "sqlite:////nonexistent/folder/gb.db", "postgresql", ""]))
    elif kind == "random text":
        text = draw(st.text(max_size=200))
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            parsed = None
        assume(parsed is None or (parsed and not set(parsed) <= set(values)))  # an empty file, or known sections only, could be valid
        return kind, text.encode("utf-8"), False
    elif kind == "random bytes":
        data = draw(st.binary(min_size=1, max_size=300))
        with contextlib.suppress(UnicodeDecodeError):
            data.decode("utf-8")
            assume(False)  # text: "random text" covers it
        return kind, data, False
    return f"{kind} {section}.{key}", _settings_text(values).encode("utf-8"), kind == "valid"


@pytest.mark.parametrize("kind", SETTINGS_KINDS)
@settings(FUZZ, max_examples=5)
@given(data=st.data())
def test_settings_errors_are_one_line_and_change_nothing(empty_template, kind, data):
    what, text, valid = data.draw(settings_files(kind), label="academy.toml")
    with fresh(empty_template) as (instance, scratch):
        (instance / "academy.toml").write_bytes(text)
        before = snapshot(instance, scratch)
        outcome = academy(["status"], cwd=scratch, instance=instance)
        event(f"exit {outcome.status}")
        if valid:
            assert outcome.status == 0, (what, outcome.stderr)
        else:
            check_rejected(outcome, before, snapshot(instance, scratch))


# Command lines --------------------------------------------------------------------------


def _help(name: str) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):
        cli.main([*name.split(), "--help"])
    return out.getvalue()


#: Each command's options and their choices, read from its --help.
OPTIONS = {name: sorted(set(re.findall(r"(?<![\w-])--?[a-z][a-z-]*", _help(name)))) for name in cli.COMMANDS}
CHOICES = sorted({choice for name in cli.COMMANDS for group in re.findall(r"\{([^}]+)\}", _help(name)) for choice in group.split(",")})
GBK_NAME = b"\xc4\xe3.csv".decode("utf-8", "surrogateescape")  # a file name in GBK bytes, as unzipped from a Windows archive
VALUES = [
    "2025-03-01", "2025-02-30", "1899-12-31", "2200-01-01", "9999-12-31", "yesterday", "0", "1", "-1", "3", "many", "65536",
    "B1", "R1", "T2", "NOPE", cohort.PUDONG, "branch_manager", "pilot", "01-sales-process", "03-suitability", "c01-wells-fargo-cross-selling",
    "99-nowhere", "2025", "2025-H1", "2025-Q5", "2025-00", "../escape", ".", "", " ", "x" * 300, "--", "-", "roster.csv", "bad.csv",
    "out", "/proc/academy", "/etc/passwd", FORMULAS[0], "\udcff.csv", GBK_NAME, "sqlite:///gb.db", "mysql://x", "Asia/Shanghai", "Mars/Olympus",
]
# Anything a shell can pass: no NUL (impossible in argv) and no line breaks (they would split any message).
words = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\n\r"), max_size=12)


@st.composite
def command_lines(draw, name: str) -> list[str]:
    """`academy NAME` and up to six of its options, values of every kind and stray words."""
    tokens = st.one_of(st.sampled_from(OPTIONS[name]), st.sampled_from(VALUES + CHOICES), words,
                       st.sampled_from([w for other in cli.COMMANDS for w in other.split()]))
    return [*name.split(), *draw(st.lists(tokens, max_size=6))]


def _prepare(scratch: Path) -> None:
    """Files a command line may name: valid rosters and a broken one."""
    (scratch / "roster.csv").write_text(cohort.ROSTER, encoding="utf-8")
    (scratch / GBK_NAME).write_text(cohort.ROSTER, encoding="utf-8")
    (scratch / "bad.csv").write_text(cohort.ROSTER.replace("teller", "astronaut"), encoding="utf-8")


@pytest.mark.parametrize("name", list(cli.COMMANDS))
@settings(FUZZ, max_examples=6)
@given(data=st.data())
def test_every_command_line_ends_in_success_or_a_clean_error(cohort_template, name, data):
    argv = data.draw(command_lines(name), label="argv")
    with fresh(cohort_template) as (instance, scratch):
        _prepare(scratch)
        before = snapshot(instance, scratch)
        outcome = academy(argv, cwd=scratch, instance=instance)
        event(f"exit {outcome.status}")
        check_contract(outcome)
        if outcome.status not in (0, None):
            assert snapshot(instance, scratch) == before, (argv, outcome.stderr)


@settings(FUZZ, max_examples=20)
@given(argv=st.lists(st.one_of(words, st.sampled_from(["-h", "--version", "--help", "-x", "--instance"])), max_size=5))
def test_arbitrary_words_never_crash_the_command(cohort_template, argv):
    with fresh(cohort_template) as (instance, scratch):
        before = snapshot(instance, scratch)
        outcome = academy(argv, cwd=scratch, instance=instance)
        check_contract(outcome)
        if outcome.status not in (0, None):
            assert snapshot(instance, scratch) == before, (argv, outcome.stderr)


@pytest.mark.parametrize(("argv", "message"), [
    (["status", "--as-of", "1899-12-31"], "out of range"),
    (["hr", "completion", "--as-of", "9999-12-31"], "out of range"),
    (["hr", "completion", "--out", "/etc/passwd"], "cannot write the reports there"),
    (["init", "/proc/academy-instance"], "cannot create the instance there"),
    (["init", "new", "--timezone", "America"], "unknown time zone 'America'"),
    (["init", "new", "--content", "/etc/passwd"], "cannot read the curriculum"),
])
def test_inputs_that_once_crashed_are_clean_errors(cohort_template, argv, message):
    with fresh(cohort_template) as (instance, scratch):
        before = snapshot(instance, scratch)
        outcome = academy(argv, cwd=scratch, instance=instance)
        check_rejected(outcome, before, snapshot(instance, scratch))
    assert message in outcome.stderr


def test_a_roster_file_named_in_gbk_bytes_imports(empty_template):
    """A file unzipped from a Windows archive keeps its GBK name; the import history stores it with the bytes escaped."""
    with fresh(empty_template) as (instance, scratch):
        (scratch / GBK_NAME).write_text(cohort.ROSTER, encoding="utf-8")
        outcome = academy(["roster", "import", GBK_NAME, "--instance", str(instance)], cwd=scratch)
        with contextlib.closing(sqlite3.connect(instance / "gradebook.db")) as connection:
            names = [name for (name,) in connection.execute("SELECT file_name FROM academy_roster_import")]
    assert outcome.status == 0, outcome.stderr
    assert names == ["\\xc4\\xe3.csv"]


def test_a_failed_init_leaves_nothing_behind(tmp_path):
    """The gradebook cannot be created: neither the new folder nor anything in an existing one remains."""
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "notes.txt").write_text("kept", encoding="utf-8")
    for folder in (tmp_path / "new" / "course", existing):
        outcome = academy(["init", str(folder), "--db", "sqlite:////nonexistent/folder/gb.db"], cwd=tmp_path, heavy_work=True)
        assert outcome.status == 1 and "cannot create the gradebook" in outcome.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["existing", "existing/notes.txt"]


def test_an_unreadable_gradebook_is_a_one_line_error(cohort_template):
    with fresh(cohort_template) as (instance, scratch):
        (instance / "gradebook.db").write_bytes(b"this is not a database" * 100)
        outcome = academy(["status"], cwd=scratch, instance=instance)
    check_contract(outcome)
    assert outcome.status == 1 and outcome.stderr == "academy: error: cannot use the gradebook: file is not a database\n"
