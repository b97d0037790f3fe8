"""Benchmark: employee training reports and HR exports on large synthetic gradebooks.

Not a test: it asserts nothing about time. It builds two gradebooks in a
temporary folder, times the slow paths that read them, prints a table and
writes it into ``benchmarks/README.md`` (section "Reports and HR exports").

1. Reports: an instance with ``--report-employees`` staff, every bundled module
   released 40 days ago, ~90% of assignments submitted and graded; time
   `salesacademy.report.report` on a random sample, HTML only and with PDF
   (``--no-reports`` leaves this part out).
2. HR: for each size of ``--hr-employees``, that many staff, each required to
   take ``--hr-modules`` modules; time `salesacademy.hr.completion` for each
   format. The smallest gradebook is built; each larger one is copies of it
   under new employee ids, made in SQL. Beside it, on the smallest, stock
   ``nbgrader export`` and ``academy hr completion --format csv``, both as
   commands.

Every step, building included, runs in a fresh child process, which reports
its seconds and peak resident memory (``ru_maxrss``). Run from the repository
root::

    .venv/bin/python benchmarks/reports_and_hr.py
"""

from __future__ import annotations

import argparse
import multiprocessing
import datetime as dt
import os
import random
import resource
import shlex
import shutil
import sqlite3
import sys
import tempfile
import time
import zoneinfo
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from common import publish, timed  # noqa: E402

SECTION = "Reports and HR exports"
SHARE_SUBMITTED = 0.9
RELEASED_DAYS_AGO = 40  # modules are due after 30 days, so anyone who has not passed is overdue
SUBMITTED_WITHIN_DAYS = (1, 34)  # a few submit after the due date
SHARE_WRITTEN_UNGRADED = 0.05  # written answers still waiting for a trainer
BATCH = 100_000  # submissions per executemany batch and commit
HR_FORMATS = ("xlsx", "csv", "html")
STOCK_TIMEOUT = 30 * 60  # stock nbgrader export is given this long

# The graded cells of every module, with the ids nbgrader gave them at release.
GRADED_CELLS = """
SELECT a.name AS assignment, a.id AS assignment_id, n.id AS notebook_id, gc.id AS cell_id,
       gc.max_score AS max_score, gc.cell_type AS cell_type
FROM grade_cells gc JOIN base_cell bc ON bc.id = gc.id JOIN notebook n ON n.id = bc.notebook_id
JOIN assignment a ON a.id = n.assignment_id ORDER BY a.name, bc.name
"""


# Fixtures ------------------------------------------------------------------------------


def hr_content(folder: Path, *, modules: int) -> Path:
    """Course content with `modules` modules, each required for every role.

    The first modules of the bundled curriculum are used as they are (symlinked);
    beyond its length, copies of them under new ids. Refresher links
    (`supports`) are dropped: only employee reports use them.
    """
    from salesacademy.config import bundled_content
    from salesacademy.curriculum import CURRICULUM_FILE, FOLDERS
    from salesacademy.itembank import BANK_FILE
    from salesacademy.rubrics import rubric_path

    bundled = bundled_content()
    curriculum = yaml.safe_load((bundled / CURRICULUM_FILE).read_text(encoding="utf-8"))
    originals, chosen = curriculum["modules"], []
    for i in range(modules):
        base, copy = originals[i % len(originals)], i // len(originals)
        module_id = f"{base['id']}-copy{copy}" if copy else base["id"]
        kind = FOLDERS[base.get("kind", "module")]
        (folder / kind).mkdir(parents=True, exist_ok=True)
        if copy:  # a folder of links, but its own question bank, which names the module it belongs to
            (folder / kind / module_id).mkdir()
            for source in (bundled / kind / base["id"]).iterdir():
                (folder / kind / module_id / source.name).symlink_to(source)
            bank = folder / kind / module_id / BANK_FILE
            if bank.is_symlink():
                bank.unlink()
                raw = yaml.safe_load((bundled / kind / base["id"] / BANK_FILE).read_text(encoding="utf-8"))
                bank.write_text(yaml.safe_dump({**raw, "module": module_id}, allow_unicode=True), encoding="utf-8")
        else:
            (folder / kind / module_id).symlink_to(bundled / kind / base["id"])
        rubric = yaml.safe_load(rubric_path(bundled, base["id"]).read_text(encoding="utf-8"))
        rubric_path(folder, module_id).parent.mkdir(parents=True, exist_ok=True)
        rubric_path(folder, module_id).write_text(yaml.safe_dump({**rubric, "module": module_id}, allow_unicode=True), encoding="utf-8")
        chosen.append({**base, "id": module_id, "required_for": list(curriculum["roles"]), "supports": []})
    text = yaml.safe_dump({**curriculum, "modules": chosen}, allow_unicode=True, sort_keys=False)
    (folder / CURRICULUM_FILE).write_text(text, encoding="utf-8")
    return folder


def cohort(instance: Path, *, employees: int, seed: int, content: Path | None = None) -> dt.date:
    """A new instance with a synthetic roster and every module released; returns the release date."""
    from salesacademy.config import content_root, load_config
    from salesacademy.curriculum import load_curriculum
    from salesacademy.demo import synthetic_roster
    from salesacademy.init import init
    from salesacademy.release import release
    from salesacademy.roster import import_roster

    init(directory=instance, content=content)
    roster_file = instance / "roster.csv"
    synthetic_roster(employees=employees, seed=seed, language="zh-CN").to_csv(roster_file, index=False)
    import_roster(instance=instance, file=roster_file)
    config, _ = load_config(instance)
    released_on = dt.date.today() - dt.timedelta(days=RELEASED_DAYS_AGO)
    modules = [m.id for m in load_curriculum(content_root(config)).modules]
    release(instance=instance, modules=modules, today=released_on, progress=False)
    return released_on


def load_submissions(instance: Path, *, released_on: dt.date, seed: int) -> int:
    """Insert graded submissions for ~90% of enrollments straight into nbgrader's tables.

    A fixture for timing what reads the gradebook: collecting and grading are
    measured elsewhere (`academy demo`, the grading tests). Each submission is
    what nbgrader's autograde and a trainer leave behind for the graded
    notebook: one submitted_assignment, one submitted_notebook and one grade per
    grade cell. The ungraded lesson notebook and comments are left out; no
    report reads them. Returns the number of submissions.
    """
    from nbgrader.api import Base

    from salesacademy import gradebook, gradebook_reads
    from salesacademy.config import content_root, database_url, load_config
    from salesacademy.curriculum import language_tag, load_curriculum

    config, paths = load_config(instance)
    url = database_url(config, paths)
    tables = Base.metadata.tables  # nbgrader's own table definitions: exactly its columns and types
    cells = gradebook_reads.read_frame(url, GRADED_CELLS)
    versions = {name: (rows.assignment_id.iloc[0], rows.notebook_id.iloc[0],
                       list(zip(rows.cell_id, rows.max_score, rows.cell_type == "markdown")))
                for name, rows in cells.groupby("assignment")}
    enrolled = gradebook_reads.enrollments(url)
    roster = gradebook_reads.employees(url)
    curriculum = load_curriculum(content_root(config))
    # Each employee takes the version of their track and language: its assignment name, by employee.
    suffix = {e: f".{curriculum.track_of(role)}.{language_tag(language)}" for e, role, language in zip(roster.employee_id, roster.role, roster.language)}
    rand = random.Random(seed)
    skill = {employee_id: rand.betavariate(5, 2) for employee_id in enrolled.employee_id.unique()}
    chosen = [(e, m) for e, m in zip(enrolled.employee_id, enrolled.module_id) if rand.random() < SHARE_SUBMITTED]
    # nbgrader stores naive UTC; staff submit from 09:00 local time on.
    first = dt.datetime.combine(released_on, dt.time(9), zoneinfo.ZoneInfo(config.course.timezone))
    first = first.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def new_id() -> str:  # nbgrader's ids are uuid4().hex; these are as random, and reproducible
        return f"{rand.getrandbits(128):032x}"

    engine = gradebook.engine(url)
    with engine.connect() as db:
        for pragma in ("journal_mode=WAL", "synchronous=OFF", "cache_size=-2000000"):  # 2 GB page cache
            db.exec_driver_sql(f"PRAGMA {pragma}")
        for start in range(0, len(chosen), BATCH):
            submitted, notebooks, grades = [], [], []
            for employee_id, module_id in chosen[start:start + BATCH]:
                assignment_id, notebook_id, graded_cells = versions[module_id + suffix[employee_id]]
                submission_id, submitted_notebook_id = new_id(), new_id()
                submitted.append({"id": submission_id, "assignment_id": assignment_id, "student_id": employee_id,
                                  "timestamp": first + dt.timedelta(days=rand.uniform(*SUBMITTED_WITHIN_DAYS)), "extension": None})
                notebooks.append({"id": submitted_notebook_id, "assignment_id": submission_id, "notebook_id": notebook_id,
                                  "flagged": False, "late_submission_penalty": None})
                for cell_id, max_score, written in graded_cells:
                    grades.append(graded(rand, skill[employee_id], new_id(), submitted_notebook_id, cell_id, max_score, written))
            db.execute(tables["submitted_assignment"].insert(), submitted)
            db.execute(tables["submitted_notebook"].insert(), notebooks)
            db.execute(tables["grade"].insert(), grades)
            db.commit()
        db.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return len(chosen)


def graded(rand: random.Random, skill: float, grade_id: str, notebook_id: str, cell_id: str, max_score: float, written: bool) -> dict:
    """One grade row: code cells pass or fail their tests; written answers get a trainer's score, or await one."""
    row = {"id": grade_id, "notebook_id": notebook_id, "cell_id": cell_id, "auto_score": None, "manual_score": None,
           "extra_credit": None, "needs_manual_grade": False}
    if not written:
        row["auto_score"] = max_score if rand.random() < skill else 0.0
    elif rand.random() < SHARE_WRITTEN_UNGRADED:
        row["needs_manual_grade"] = True
    else:
        row["manual_score"] = float(round(max_score * min(1.0, max(0.0, rand.gauss(skill, 0.2)))))
    return row


def build(instance: Path, *, employees: int, seed: int, modules: int | None) -> list[str]:
    """Build one gradebook: bundled content, or `modules` modules for everyone; returns how long each part took."""
    started = time.perf_counter()
    content = hr_content(instance.with_name(f"{instance.name}-content"), modules=modules) if modules else None
    released_on = cohort(instance, employees=employees, seed=seed, content=content)
    what = f"{modules} modules each" if modules else "the bundled modules"
    done = [f"{employees:,} employees, {what}: init, roster import, release: {time.perf_counter() - started:.0f} s"]
    started = time.perf_counter()
    count = load_submissions(instance, released_on=released_on, seed=seed)
    return [*done, f"{count:,} graded submissions inserted: {time.perf_counter() - started:.0f} s"]


# Copies of one gradebook under new employee ids: each table that has a row per employee, and
# how a copy's row is made from the original's (columns not named are copied as they are).
COPIED = {
    "student": {"id": "id || :suffix"},
    "academy_employee": {"employee_id": "employee_id || :suffix",
                         "manager_id": "CASE WHEN manager_id IS NULL OR manager_id = '' THEN manager_id ELSE manager_id || :suffix END"},
    "academy_enrollment": {"employee_id": "employee_id || :suffix"},
    "submitted_assignment": {"id": "id || :suffix", "student_id": "student_id || :suffix"},
    "submitted_notebook": {"id": "id || :suffix", "assignment_id": "assignment_id || :suffix"},
    "grade": {"id": "id || :suffix", "notebook_id": "notebook_id || :suffix"},
}


def replicate(source: Path, target: Path, *, copies: int) -> list[str]:
    """`target`: the instance `source` with its staff and their submissions `copies` times over, under new ids.

    Copy k of employee ``E10001`` is ``E10001-k`` (the first copy keeps the
    original ids), with the same branch, role, enrollments, submission times
    and scores. The database copies the rows itself (``INSERT ... SELECT``),
    audit triggers included up to 10 copies; the submission totals are added
    up once after the copy. Returns how long it took.
    """
    from salesacademy import total_triggers

    started = time.perf_counter()
    shutil.copytree(source, target, symlinks=True)
    database = sqlite3.connect(target / "gradebook.db")
    try:
        for pragma in ("synchronous=OFF", "cache_size=-2000000"):
            database.execute(f"PRAGMA {pragma}")
        # The totals are added up once at the end, as for a gradebook of an earlier version, rather than
        # once per copied grade by their triggers: the same totals. Past 10 copies the audit trail is not
        # copied either (HR reads neither): four audit rows per grade make a copy of 30 take hours.
        triggers = database.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'academy_total_%'").fetchall()
        audit = database.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'academy_audit_%'").fetchall()
        for name, _ in [*triggers, *(audit if copies > 10 else [])]:
            database.execute(f"DROP TRIGGER {name}")
        for table, made in COPIED.items():
            columns = [row[1] for row in database.execute(f"PRAGMA table_info({table})")]
            database.execute(f"CREATE TEMP TABLE original_{table} AS SELECT * FROM {table}")
            for copy in range(2, copies + 1):
                values = ", ".join(made.get(column, column) for column in columns)
                database.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM original_{table}", {"suffix": f"-{copy}"})
            database.execute(f"DROP TABLE original_{table}")
            database.commit()
        if triggers:
            for statement in total_triggers.fill("sqlite"):
                database.execute(statement)
        for _, sql in [*triggers, *(audit if copies > 10 else [])]:
            database.execute(sql)
        database.commit()
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.close()
    return [f"{target.name}: {source.name} {copies} times over, copied in SQL: {time.perf_counter() - started:.0f} s"]


def up_to_date(instance: Path) -> list[str]:
    """Give a gradebook built by an earlier version what this one adds on first use (the submission totals), before anything is timed."""
    from salesacademy import gradebook
    from salesacademy.config import database_url, load_config

    started = time.perf_counter()
    gradebook.add_missing_tables(database_url(*load_config(instance)))
    seconds = time.perf_counter() - started
    return [f"{instance.name}: brought up to date in {seconds:.0f} s"] if seconds >= 1 else []


# Timed steps ----------------------------------------------------------------------------


def run_step(step: str, instance: Path, employees: list[str]) -> dict:
    """Run one timed step in this process; returns its seconds and peak resident MiB.

    Raises:
        RuntimeError: a report failed, or nothing was written.
    """
    from salesacademy import hr, report

    start = time.perf_counter()
    if step.startswith("report"):
        run = report.report(instance=instance, employees=employees, pdf=step == "report-pdf", workers=2, progress=False)
        if run.failed or len(run.written) != len(employees) * (2 if step == "report-pdf" else 1):
            raise RuntimeError(f"{step}: {len(run.failed)} report(s) failed: {run.failed}")
    elif not hr.completion(instance=instance, formats=(step.removeprefix("hr-"),)):
        raise RuntimeError(f"{step}: no file written")
    seconds = time.perf_counter() - start
    # Linux reports KiB; the largest single process, this one or a child it waited for.
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": seconds, "peak_mib": peak / 1024}


def in_child(function, /, **kwargs):
    """`function(**kwargs)` in a fresh process.

    A child's ru_maxrss starts at its parent's resident size when it is forked,
    so every heavy step runs in a child of this process, which stays small.
    """
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, **kwargs).result()


# Results ---------------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    """The figures as a Markdown table; a row timed beside stock `nbgrader export` says how many times faster it was."""
    lines = ["| size | step | seconds | seconds per employee | speed-up over stock | peak MiB | load (1 min) |",
             "|---|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['size']} | {r['step']} | {r['seconds']:.1f} | {r['seconds'] / r['employees']:.3g} | {r.get('speed_up', '')} "
              f"| {r['peak_mib']:,.0f} | {r['load']:.1f} |" for r in rows]
    return "\n".join(lines)


def stock_side_by_side(instance: Path, *, employees: int, size: str) -> list[dict]:
    """Stock `nbgrader export` (its CSV of every score) and `academy hr completion --format csv` on `instance`, as commands.

    Stock is stopped after `STOCK_TIMEOUT`; its row then says so and there is no ratio.
    """
    out = instance / "stock-export"
    out.mkdir(exist_ok=True)
    bin_dir = Path(sys.executable).parent
    rows = []
    try:
        stock = timed(["timeout", str(STOCK_TIMEOUT), str(bin_dir / "nbgrader"), "export", f"--to={out / 'grades.csv'}"], cwd=instance)
        rows.append({"size": size, "step": "stock `nbgrader export` (CSV)", "employees": employees, "speed_up": "1.0x", **stock})
    except RuntimeError as failed:
        if "(124)" not in str(failed):  # what `timeout` returns when it stopped the command
            raise
        stock = None
        rows.append({"size": size, "step": f"stock `nbgrader export` (CSV): stopped after {STOCK_TIMEOUT} s", "employees": employees,
                     "seconds": STOCK_TIMEOUT, "peak_mib": float("nan"), "load": os.getloadavg()[0]})
    ours = timed([str(bin_dir / "academy"), "hr", "completion", "--format", "csv", "--instance", str(instance)])
    speed_up = f"{stock['seconds'] / ours['seconds']:.1f}x" if stock else ""
    rows.append({"size": size, "step": "`academy hr completion --format csv`", "employees": employees, "speed_up": speed_up, **ours})
    return rows


# Main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-employees", type=int, default=1000, help="staff in the reports' gradebook (default 1000)")
    parser.add_argument("--report-sample", type=int, default=40, help="employees whose HTML report is timed (default 40)")
    parser.add_argument("--pdf-sample", type=int, default=10, help="employees whose HTML and PDF report is timed (default 10)")
    parser.add_argument("--no-reports", action="store_true", help="leave the employee reports out: HR exports only")
    parser.add_argument("--hr-employees", default="10000,100000,300000",
                        help="staff in each HR gradebook, comma-separated, each a multiple of the first (default 10000,100000,300000)")
    parser.add_argument("--hr-modules", type=int, default=20, help="modules each of them must take (default 20)")
    parser.add_argument("--no-stock", action="store_true", help="leave out stock nbgrader export")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the instances here instead of a temporary folder")
    parser.add_argument("--no-readme", action="store_true", help="print the figures only; leave benchmarks/README.md alone")
    parser.add_argument("--reuse", action="store_true", help="time the gradebooks already built in --workdir instead of building them")
    args = parser.parse_args(argv)
    if args.reuse and args.workdir is None:
        parser.error("--reuse needs --workdir")
    try:
        sizes = sorted({int(size) for size in args.hr_employees.split(",")})
    except ValueError:
        parser.error(f"--hr-employees: {args.hr_employees!r} is not a list of numbers such as 10000,100000")
    if sizes[0] <= 0 or any(size % sizes[0] for size in sizes):
        parser.error(f"--hr-employees: every size must be a positive multiple of the smallest, {sizes[0]}")

    command = shlex.join([".venv/bin/python", "benchmarks/reports_and_hr.py", *(argv if argv is not None else sys.argv[1:])])
    temporary = tempfile.TemporaryDirectory(prefix="academy-bench-") if args.workdir is None else None
    work = Path(temporary.name if temporary else args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    rows, fixtures = [], []
    try:
        # Every gradebook first, then every timed step, back to back.
        reports = work / "reports"
        hr = {size: work / f"hr-{size}" for size in sizes}
        builds = [] if args.no_reports else [(reports, args.report_employees, None)]
        builds.append((hr[sizes[0]], sizes[0], args.hr_modules))
        for instance, employees, modules in builds:
            if args.reuse:
                if not (instance / "academy.toml").is_file():
                    parser.error(f"--reuse: no gradebook built in {instance}")
                fixtures.append(f"{instance.name}: reused from an earlier build in {work}")
                continue
            print(f"building {instance.name} gradebook", flush=True)
            fixtures += in_child(build, instance=instance, employees=employees, seed=args.seed, modules=modules)
            print("\n".join(f"  {line}" for line in fixtures[-2:]), flush=True)
        for size in sizes[1:]:
            if args.reuse and (hr[size] / "academy.toml").is_file():
                fixtures.append(f"{hr[size].name}: reused from an earlier build in {work}")
                continue
            print(f"copying {hr[sizes[0]].name} into {hr[size].name}", flush=True)
            fixtures += in_child(replicate, source=hr[sizes[0]], target=hr[size], copies=size // sizes[0])
            print(f"  {fixtures[-1]}", flush=True)

        for size in sizes:
            fixtures += in_child(up_to_date, instance=hr[size])
        print("timing", flush=True)
        steps = []
        if not args.no_reports:
            roster_ids = [f"E{10001 + i}" for i in range(args.report_employees)]  # demo.synthetic_roster's ids
            sample = random.Random(args.seed).sample(roster_ids, args.report_sample + args.pdf_sample)
            steps += [("report-html", reports, sample[:args.report_sample], f"{args.report_employees:,} employees",
                       f"employee report, HTML ({args.report_sample} reports, 2 workers)"),
                      ("report-pdf", reports, sample[args.report_sample:], f"{args.report_employees:,} employees",
                       f"employee report, HTML + PDF ({args.pdf_sample} reports, 2 workers)")]
        steps += [(f"hr-{fmt}", hr[size], [], f"{size:,} x {args.hr_modules} modules", f"hr completion, {fmt}")
                  for size in sizes for fmt in HR_FORMATS]
        for step, instance, chosen, size, label in steps:
            result = in_child(run_step, step=step, instance=instance, employees=chosen)
            # Other work on the machine slows a step down; the load average shows whether there was any.
            employees = len(chosen) or int(instance.name.removeprefix("hr-"))
            rows.append({"size": size, "step": label, "employees": employees, "load": os.getloadavg()[0], **result})
            print(f"  {size}, {label}: {result['seconds']:.1f} s, {result['peak_mib']:,.0f} MiB", flush=True)
        if not args.no_stock:
            size = f"{sizes[0]:,} x {args.hr_modules} modules"
            for row in stock_side_by_side(hr[sizes[0]], employees=sizes[0], size=size):
                rows.append(row)
                print(f"  {size}, {row['step']}: {row['seconds']:.1f} s, {row['peak_mib']:,.0f} MiB", flush=True)
    finally:
        if temporary:
            temporary.cleanup()

    fixture_lines = "\n".join(f"- {line}" for line in fixtures)
    publish(SECTION, command, f"{table(rows)}\n\nBuilding the fixtures (not timed above):\n\n{fixture_lines}", readme=not args.no_readme)


if __name__ == "__main__":
    main()
