"""Mutation testing of the code that decides grades and statuses, with mutmut.

Not a test and not run in CI: it takes minutes per module. For each module
it copies the package and a fast set of tests into a scratch folder, lets
mutmut change the module one small edit at a time (a ``<`` for a ``<=``, a
constant, a dropped argument...), and runs the tests that reach the changed
function against each change. A change no test notices is a *survivor*: a
mistake of that shape would ship unnoticed.

The fast tests run: unit tests, and tests on SQLite course instances copied
from one empty instance the script builds once with the unchanged package
(building one takes seconds; copying it, a moment). Tests that need
PostgreSQL, or are marked slow or browser, are left out. Every function of
each module is reached by some test, so every mutant counts in the score.

Mutants that change nothing a caller can observe are named in `EQUIVALENT`
with the reason, and left out of the score. Run from the repository root::

    .venv/bin/python benchmarks/mutation.py                  # every module
    .venv/bin/python benchmarks/mutation.py status hr        # some
    .venv/bin/python benchmarks/mutation.py --doc            # and write the table into docs/reliability.md
    .venv/bin/python benchmarks/mutation.py hr --functions _write_workbook   # the mutants of changed functions only

mutmut runs at low priority (``nice -n 15``), one mutant at a time.
Nothing is written inside the repository unless ``--doc`` is given.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import datetime as dt
import difflib
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "salesacademy"
DOC = ROOT / "docs" / "reliability.md"
MUTMUT = Path(sys.executable).with_name("mutmut")


@dataclasses.dataclass(frozen=True)
class Target:
    tests: tuple[str, ...]  # test files whose fast tests run against the module's mutants


TARGETS = {
    "status": Target(tests=("tests/test_status.py", "tests/test_status_instance.py", "tests/test_review_rules.py", "tests/test_hr.py")),
    "grade_writer": Target(tests=("tests/test_grade_writer.py",)),
    "released": Target(tests=("tests/test_released.py",)),
    "hr": Target(tests=("tests/test_hr.py", "tests/test_hr_edges.py", "tests/test_hr_files.py", "tests/test_review_rules.py")),
    "items": Target(tests=("tests/test_item_analysis.py", "tests/test_item_reports.py")),
    "review": Target(tests=("tests/test_review_rules.py", "tests/test_hr.py")),
}

#: Mutants that behave exactly as the original wherever the module is used, and why.
EQUIVALENT: dict[str, str] = {
    # compute_status: a merge without `on` joins on the columns both sides share, which are exactly the keys named.
    "salesacademy.status.x_compute_status__mutmut_14": "the roster and the enrollments share only employee_id",
    "salesacademy.status.x_compute_status__mutmut_28": "the table and the submissions share only employee_id and module_id",
    "salesacademy.status.x_compute_status__mutmut_41": "the table and the scores share only employee_id and module_id",
    "salesacademy.status.x_compute_status__mutmut_46": "the table and the module table share only module_id",
    "salesacademy.status.x_compute_status__mutmut_66": "a Series of NaT is of dtype datetime64[ns] without being told",
    "salesacademy.status.x_compute_status__mutmut_77": "needs_manual_grade is missing only where no cell was scored, "
                                                       "and those rows are 'submitted' before `provisional` is read",
    "salesacademy.status.x_compute_status__mutmut_83": "> and >= differ only for a percentage of exactly the pass mark minus 1e-9",
    "salesacademy.status.x_compute_status__mutmut_103": "a Series of pd.NA is of dtype object without being told",
    "salesacademy.status.x_compute_status__mutmut_104": "a column of None is filled with 'failed' as a column of pd.NA is",
    "salesacademy.status.x_compute_status__mutmut_107": "no condition is ever missing: each is a comparison or isna, never NA",
    "salesacademy.items.x__correlation__mutmut_5": "pandas gives NaN for the correlation of a constant series too",
    "salesacademy.items.x_item_analysis__mutmut_9": "astype(None) is astype(float64)",
    "salesacademy.items.x_item_analysis__mutmut_10": "astype(None) is astype(float64)",
    "salesacademy.items.x_item_analysis__mutmut_11": "pandas takes the mean, spread and correlation of Decimal scores as floats all the same",
    "salesacademy.items.x_item_analysis__mutmut_24": "groupby sorts by default",
    "salesacademy.items.x_item_analysis__mutmut_45": "each row's keys are COLUMNS in order, and there is always a row here",
    "salesacademy.items.x_item_analysis__mutmut_47": "each row's keys are COLUMNS in order, and there is always a row here",
    "salesacademy.items.x_item_titles__mutmut_11": "the rows are read by field name, and the index comes as a field of its own",
    "salesacademy.review.x_review_feed__mutmut_14": "on_time holds only True and False, which as 1.0 and 0.0 give the same & with passed",
    "salesacademy.review.x_review_feed__mutmut_92": "with nothing counted the score is already 0 / 0, missing",
    "salesacademy.hr.x__with_manager__mutmut_7": "the status rows and the roster's three columns share only employee_id",
    "salesacademy.hr.x_presented__mutmut_26": "role ids are never status words nor module ids: mapped as statuses and renamed "
                                              "as a module, the role_id column is unchanged",
    "salesacademy.status.x_status__mutmut_42": "the status table and the grading problems share only employee_id and module_id",
    # review_feed_files: the JSON holds ASCII only (roster ids are ASCII, periods and dates digits, the schema and formula English),
    # which every encoding writes alike.
    "salesacademy.review.x_review_feed_files__mutmut_29": "the document is ASCII: ensure_ascii escapes nothing",
    "salesacademy.review.x_review_feed_files__mutmut_32": "the document is ASCII: ensure_ascii escapes nothing",
    "salesacademy.review.x_review_feed_files__mutmut_46": "the document is ASCII: the locale's encoding writes it as UTF-8 does",
    "salesacademy.released.x__metadata_validator__mutmut_19": "without the compiled check, nbgrader's own validate_cell checks "
                                                              "the same schema with the same messages, only slower",
}

# Test helpers every selected test file may import.
HELPERS = ("conftest.py", "cohort.py", "pg.py", "itemcheck.py", "hrframes.py")
# Course content the package finds beside itself (config.bundled_content).
CONTENT = ("course", "cases", "graders")

# Added to the scratch copy of tests/conftest.py: keeps only the unit tests.
SELECTION = '''

# Mutation testing keeps the fast tests: SQLite instances copied from one built before any mutant ran,
# no PostgreSQL, nothing slow.
import os as _os  # noqa: E402
import sys as _sys  # noqa: E402

import pytest as _pytest  # noqa: E402


@_pytest.fixture(scope="session", params=["sqlite"])
def instance_template(request, tmp_path_factory):
    """A copy of the empty SQLite instance the mutation script built with the unchanged package."""
    return pg.copy_instance(Path(_os.environ["ACADEMY_MUTATION_INSTANCE"]), tmp_path_factory.mktemp("template-sqlite") / "course")


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        server = "postgres_server" in getattr(item, "fixturenames", ()) or "postgresql" in item.nodeid
        marked = item.get_closest_marker("slow") or item.get_closest_marker("browser")
        (drop if server or marked else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep
    for item in keep:  # mutmut 3.2.0 reads the node id under the name pytest before 8.1 gave it
        item._nodeid = item.nodeid


# mutmut 3.2.0 credits a function to the tests during which it ran, so what a module's shared fixture does
# (a cohort built, the HR report written once) is credited to the first test that used it alone, and a mutant
# there would run only that test. Each function is credited to every test of the files it ran in.
def pytest_sessionfinish(session):
    mutmut = _sys.modules.get("mutmut")
    if mutmut is None or _os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    by_file = {}
    for item in session.items:
        name = item.nodeid.removeprefix("mutants/")
        by_file.setdefault(name.split("::")[0], set()).add(name)
    for tests in mutmut.tests_by_mangled_function_name.values():
        for file in {test.split("::")[0] for test in tests}:
            tests |= by_file.get(file, set())


# mutmut 3.2.0 limits each mutant's CPU time to twice the time its tests took when it measured them,
# but keeps only the teardown's time; a test stopped by that limit is then counted as a survivor.
# So each test's whole time is what it keeps.
_TOTAL = {}


@_pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    yield
    mutmut = _sys.modules.get("mutmut")
    if mutmut is not None and _os.environ.get("MUTANT_UNDER_TEST") == "stats":
        _TOTAL[item.nodeid] = _TOTAL.get(item.nodeid, 0.0) + call.duration
        mutmut.duration_by_test[item.nodeid] = _TOTAL[item.nodeid]
'''


def pytest_ini() -> str:
    """The repository's pytest settings, for a folder of its own."""
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    lines = ["[pytest]", "addopts = --strict-markers -p no:cacheprovider", f"xfail_strict = {str(options.get('xfail_strict', False)).lower()}"]
    for key in ("markers", "filterwarnings"):
        lines.append(f"{key} =")
        lines += [f"    {value}" for value in options.get(key, [])]
    return "\n".join(lines) + "\n"


def scratch_copy(module: str, target: Target, folder: Path) -> None:
    """The package, the selected tests and the settings mutmut reads, in `folder`."""
    shutil.copytree(PACKAGE, folder / "src" / "salesacademy", ignore=shutil.ignore_patterns("__pycache__"))
    copy_tests(target, folder / "tests")
    kept = f"src/salesacademy/{module}.py"
    others = sorted(str(path.relative_to(folder)) for path in (folder / "src").rglob("*.py") if str(path.relative_to(folder)) != kept)
    (folder / "setup.cfg").write_text("[mutmut]\ndo_not_mutate =\n" + "".join(f"    {path}\n" for path in others)
                                      + "also_copy =\n    pytest.ini\n", encoding="utf-8")
    (folder / "pytest.ini").write_text(pytest_ini(), encoding="utf-8")
    # mutmut runs the tests in folder/mutants; the course content must be beside the package there too.
    (folder / "mutants").mkdir()
    for name in CONTENT:
        (folder / "mutants" / name).symlink_to(ROOT / name)


def copy_tests(target: Target, tests: Path) -> None:
    """The helpers and the selected test files, as they are now, into `tests`; the conftest keeps the unit tests only."""
    tests.mkdir(parents=True, exist_ok=True)
    for name in (*HELPERS, *(Path(path).name for path in target.tests)):
        if (ROOT / "tests" / name).exists():
            shutil.copy2(ROOT / "tests" / name, tests / name)
    conftest = (tests / "conftest.py").read_text(encoding="utf-8")
    if "def pytest_collection_modifyitems" in conftest:
        raise SystemExit("tests/conftest.py selects tests itself now: merge SELECTION of benchmarks/mutation.py into it")
    (tests / "conftest.py").write_text(conftest + SELECTION, encoding="utf-8")


def again(module: str, target: Target, folder: Path) -> None:
    """Run the survivors of an earlier run in `folder` again, against the tests as they are now."""
    survivors = [name for name, status in outcomes(folder, module).items()
                 if status not in ("killed", "timeout")]
    for tests in (folder / "tests", folder / "mutants" / "tests"):
        copy_tests(target, tests)
    (folder / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)  # which test reaches which function, found again
    if survivors:
        run_mutmut(folder, survivors)


def empty_instance(base: Path) -> Path:
    """An empty SQLite course instance under `base`, built once with the package unchanged; every mutant's tests copy it."""
    target = base / "instance" / "course"
    if not (target / "academy.toml").exists():
        from salesacademy.init import init

        shutil.rmtree(target.parent, ignore_errors=True)
        init(directory=target, db="sqlite:///gradebook.db")
    return target


def run_mutmut(folder: Path, mutants: list[str] = ()) -> None:
    """mutmut on the scratch copy, at low priority, one mutant at a time; its output in ``mutmut.log``."""
    env = {**os.environ, "MPLBACKEND": "Agg", "ACADEMY_MUTATION_INSTANCE": str(empty_instance(folder.parent))}
    env.pop("CI", None)  # PostgreSQL must not be demanded: no test here uses it
    with (folder / "mutmut.log").open("w", encoding="utf-8") as log:
        done = subprocess.run(["nice", "-n", "15", str(MUTMUT), "run", "--max-children", "1", *mutants], cwd=folder, env=env,
                              stdout=log, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        tail = (folder / "mutmut.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:]
        raise SystemExit(f"mutmut failed in {folder}:\n" + "\n".join(tail))


def mutant_pattern(module: str, function: str) -> str:
    """mutmut's names for the mutants of `function` (``Class.method`` for a method), as a pattern."""
    cls, _, method = function.rpartition(".")
    return f"salesacademy.{module}." + (f"xǁ{cls}ǁ{method}" if cls else f"x_{function}") + "__mutmut_*"


def function_of(mutant: str) -> str:
    """The function a mutant changes: ``salesacademy.hr.x_summary__mutmut_3`` -> ``summary``; methods as ``Class.method``."""
    name = mutant.rpartition(".")[2].rpartition("__mutmut_")[0]
    if name.startswith("x_"):
        return name[2:]
    return ".".join(part for part in name.split("ǁ")[1:] if part)


def outcomes(folder: Path, module: str) -> dict[str, str]:
    """Each mutant of `module` and what became of it: killed, survived, no tests, timeout..."""
    from mutmut.__main__ import status_by_exit_code

    meta = json.loads((folder / "mutants" / "src" / "salesacademy" / f"{module}.py.meta").read_text(encoding="utf-8"))
    return {name: status_by_exit_code.get(code, f"exit {code}") for name, code in meta["exit_code_by_key"].items()}


@functools.cache
def functions(folder: Path, module: str) -> dict[str, str]:
    """The source of every function in mutmut's copy of `module`: each original and each of its mutants."""
    text = (folder / "mutants" / "src" / "salesacademy" / f"{module}.py").read_text(encoding="utf-8")
    return {node.name: ast.get_source_segment(text, node) for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def diff(folder: Path, module: str, mutant: str) -> str:
    """The lines a mutant changes, as - and + lines."""
    name = mutant.rpartition(".")[2]
    sources = functions(folder, module)
    original = sources[name.rpartition("__mutmut_")[0] + "__mutmut_orig"].splitlines()[1:]
    changed = sources[name].splitlines()[1:]
    return "\n".join(line for line in difflib.unified_diff(original, changed, lineterm="", n=0)
                     if line[:1] in "+-" and not line.startswith(("+++", "---")))


def score(module: str, counted: dict[str, str], folder: Path) -> dict:
    """The counts of one module from each mutant's outcome, and every survivor with its diff."""
    equivalent = {name for name in counted if name in EQUIVALENT}
    killed = {name for name, status in counted.items() if status in ("killed", "timeout") and name not in equivalent}
    survived = sorted(set(counted) - killed - equivalent, key=_number_order)
    judged = len(counted) - len(equivalent)
    stale = sorted(name for name in equivalent if counted[name] in ("killed", "timeout"))
    return {
        "module": module, "mutants": len(counted), "killed": len(killed), "survived": len(survived), "equivalent": len(equivalent),
        "score": len(killed) / judged if judged else 1.0, "timeouts": sum(s == "timeout" for s in counted.values()),
        "survivors": [{"mutant": name, "function": function_of(name), "status": counted[name], "diff": diff(folder, module, name)} for name in survived],
        "equivalents": [{"mutant": name, "function": function_of(name), "why": EQUIVALENT[name], "diff": diff(folder, module, name)}
                        for name in sorted(equivalent, key=_number_order)],
        "stale_equivalents": stale,
    }


def _number_order(mutant: str) -> tuple[str, int]:
    head, _, number = mutant.rpartition("__mutmut_")
    return head, int(number) if number.isdigit() else 0


def table(rows: list[dict]) -> str:
    lines = ["| module | mutants | killed | survived | equivalent | score |",
             "|---|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| `{row['module']}.py` | {row['mutants']} | {row['killed']} | {row['survived']} | {row['equivalent']} "
                     f"| {100 * row['score']:.1f}% |")
    return "\n".join(lines)


def mutants_text(rows: list[dict], kind: str) -> str:
    """One line per survivor (`kind` "survivors") or equivalent mutant ("equivalents"): its name, function and change."""
    lines = []
    for row in rows:
        for mutant in row[kind]:
            change = " / ".join(line.strip() for line in mutant["diff"].splitlines())
            after = f": {mutant['why']}" if kind == "equivalents" else f" ({mutant['status']})"
            lines.append(f"- `{mutant['mutant'].rpartition('.')[2]}` in `{row['module']}.{mutant['function']}`, `{change}`{after}")
    return "\n".join(lines) or "None."


def write_doc(text: str) -> None:
    """Put `text` between the mutation markers of docs/reliability.md."""
    markers = re.compile(r"(<!-- mutation:start -->\n).*?(<!-- mutation:end -->)", re.DOTALL)
    doc = DOC.read_text(encoding="utf-8")
    if not markers.search(doc):
        raise SystemExit(f"{DOC}: no <!-- mutation:start --> ... <!-- mutation:end --> markers to write between")
    DOC.write_text(markers.sub(lambda m: m.group(1) + text + "\n" + m.group(2), doc), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--workdir", type=Path, help="keep the scratch copies here (default: a temporary folder, removed after)")
    parser.add_argument("--doc", action="store_true", help="write the table and the survivors into docs/reliability.md")
    parser.add_argument("--again", action="store_true", help="run the survivors of an earlier run kept in --workdir again, against the current tests")
    parser.add_argument("--report-only", action="store_true", help="count the results of an earlier run kept in --workdir, running nothing")
    parser.add_argument("--json", type=Path, help="also write every count and survivor to this file")
    parser.add_argument("--functions", nargs="+", metavar="FUNCTION",
                        help="of one MODULE, only the mutants of these functions (a method as Class.method): after a change to them")
    args = parser.parse_args(argv)
    if (args.report_only or args.again) and args.workdir is None:
        parser.error("--report-only and --again read an earlier run: give its --workdir")
    if args.functions and (len(args.modules) != 1 or args.doc or args.again):
        parser.error("--functions takes one MODULE, and neither --doc (the table counts whole modules) nor --again")
    if unknown := [m for m in args.modules if m not in TARGETS]:
        parser.error(f"unknown module {unknown[0]!r}; the modules are: {', '.join(TARGETS)}")
    modules = args.modules or list(TARGETS)
    base = Path(tempfile.mkdtemp(prefix="salesacademy-mutation-")) if args.workdir is None else args.workdir
    rows = []
    try:
        for module in modules:
            folder = base / module
            if args.again:
                print(f"{module}: survivors again in {folder}", flush=True)
                again(module, TARGETS[module], folder)
            elif not args.report_only:
                if folder.exists():
                    shutil.rmtree(folder)
                folder.mkdir(parents=True)
                scratch_copy(module, TARGETS[module], folder)
                print(f"{module}: mutmut in {folder}", flush=True)
                run_mutmut(folder, [mutant_pattern(module, name) for name in args.functions or ()])
            counted = outcomes(folder, module)
            if args.functions:
                counted = {name: status for name, status in counted.items() if function_of(name) in args.functions}
            rows.append(score(module, counted, folder))
            print(f"{module}: {rows[-1]['killed']} of {rows[-1]['mutants'] - rows[-1]['equivalent']} killed", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    command = ".venv/bin/python benchmarks/mutation.py" + "".join(f" {m}" for m in args.modules)
    command += f" --functions {' '.join(args.functions)}" if args.functions else ""
    text = (f"Measured {dt.date.today().isoformat()} with mutmut 3.2.0, with\n\n```\n{command}\n```\n\n{table(rows)}\n\n"
            f"Surviving mutants:\n\n{mutants_text(rows, 'survivors')}\n\nEquivalent mutants:\n\n{mutants_text(rows, 'equivalents')}")
    print("\n" + text)
    for row in rows:
        for name in row["stale_equivalents"]:
            print(f"note: {name} is listed as equivalent but was killed; take it off EQUIVALENT")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.doc:
        write_doc(text)


if __name__ == "__main__":
    main()
