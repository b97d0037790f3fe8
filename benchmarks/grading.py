"""Benchmark: `academy grade` against stock `nbgrader autograde`, on the same submissions.

Not a test: it asserts nothing about time. It does assert that both graders
give the same scores, since a fast wrong grader is worth nothing.

1. A demo cohort (`--cohort` staff) fetches, answers and submits every module
   through nbgrader's exchange, as `academy demo` does; the submissions are
   collected.
2. `--module`'s collected submissions are copied under new employee ids until
   there are as many as the largest size asked for: same notebook, the
   cohort's own mix of right answers, typical mistakes and blanks.
3. Side by side, on the same `--stock` submissions: the stock command
   ``nbgrader autograde MODULE`` with Jupyter's stock ``python3`` kernel,
   and ``academy grade MODULE``; their scores must be identical.
4. Scaling: ``academy grade`` on each of `--sizes` submissions, each in a fresh
   copy of the instance, with the peak memory of its largest process.
5. ``academy --help``: the median wall time of `HELP_RUNS` runs.

Before each timed command the script waits, up to `--patience` seconds, for
the 1-minute load average to fall to `--quiet-load`, and the load when the
command ended is published beside its time.

Run from the repository root::

    .venv/bin/python benchmarks/grading.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import publish, timed  # noqa: E402

SECTION = "Grading"
BIN = Path(sys.executable).parent
HELP_RUNS = 7


def quiet(load: float, patience: float) -> None:
    """Wait until the 1-minute load average is at most `load`, or `patience` seconds have passed."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > load and time.monotonic() < deadline:
        time.sleep(5)


def help_seconds() -> float:
    """Median wall time of `academy --help`, the whole process."""
    times = []
    for _ in range(HELP_RUNS):
        start = time.perf_counter()
        subprocess.run([str(BIN / "academy"), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build_cohort(instance: Path, *, employees: int, seed: int) -> None:
    """A demo cohort's real submissions, collected and not yet graded."""
    from salesacademy import demo
    from salesacademy.collect import collect
    from salesacademy.config import content_root, load_config
    from salesacademy.curriculum import load_curriculum
    from salesacademy.init import init
    from salesacademy.release import release
    from salesacademy.roster import import_roster

    init(directory=instance)
    config, paths = load_config(instance)
    content = content_root(config)
    curriculum = load_curriculum(content)
    demo.synthetic_roster(employees=employees, seed=seed, language="zh-CN").to_csv(instance / "roster.csv", index=False)
    import_roster(instance=instance, file=instance / "roster.csv")
    released_on = dt.date.today() - dt.timedelta(days=40)
    release(instance=instance, modules=[m.id for m in curriculum.modules], today=released_on, progress=False)
    demo._simulate_staff(paths, config, curriculum, content, released_on, seed, False)
    collect(instance=instance)


def module_of(assignment: str) -> str:
    """`academy grade` takes the module; nbgrader, the assignment of one of its versions."""
    return assignment.split(".", 1)[0]


def with_submissions(base: Path, target: Path, assignment: str, count: int) -> None:
    """A copy of `base` whose submitted/ holds exactly `count` submissions of `assignment` (one version of a module), cloned round-robin."""
    shutil.copytree(base, target, symlinks=True, ignore=shutil.ignore_patterns("submitted", "home", "exchange"))
    originals = sorted(p for p in (base / "submitted").glob(f"*/{assignment}") if p.is_dir())
    if not originals:
        raise SystemExit(f"no collected submission of {assignment} in the cohort")
    for i in range(count):
        source = originals[i % len(originals)]
        employee = source.parent.name if i < len(originals) else f"X{i:06d}"
        shutil.copytree(source, target / "submitted" / employee / assignment)


def scores(instance: Path) -> dict[tuple[str, str], float | None]:
    with sqlite3.connect(instance / "gradebook.db") as db:
        rows = db.execute(
            "SELECT sa.student_id, bc.name, g.auto_score FROM grade g "
            "JOIN submitted_notebook sn ON sn.id = g.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id "
            "JOIN base_cell bc ON bc.id = g.cell_id").fetchall()
    return {(student, cell): score for student, cell, score in rows}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cohort", type=int, default=12, help="staff in the demo cohort that submits (default 12)")
    parser.add_argument("--module", default="01-sales-process.frontline.zh",
                        help="version of a module whose submissions are graded (default 01-sales-process.frontline.zh)")
    parser.add_argument("--stock", type=int, default=20, help="submissions graded by both stock nbgrader and academy (default 20)")
    parser.add_argument("--sizes", default="100,1000,5000", help="submission counts for the scaling runs (default 100,1000,5000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="academy grade --workers (default: none given, as a trainer runs it: the command alone "
                             "for a small batch, one worker per core for a large one)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet-load", type=float, default=1.0, help="1-minute load to wait for before each timed command (default 1.0)")
    parser.add_argument("--patience", type=float, default=120, help="longest wait for that load, in seconds (default 120)")
    parser.add_argument("--no-readme", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    flags = ["--workers", str(args.workers)] if args.workers else []
    ours = f"`{shlex.join(['academy', 'grade', *flags])}`"
    command = shlex.join([".venv/bin/python", "benchmarks/grading.py", *(argv if argv is not None else sys.argv[1:])])

    with tempfile.TemporaryDirectory(prefix="academy-bench-grading-") as folder:
        work = Path(folder)
        print(f"building a demo cohort of {args.cohort}", flush=True)
        build_cohort(work / "cohort", employees=args.cohort, seed=args.seed)

        print(f"stock nbgrader and academy on the same {args.stock} submissions", flush=True)
        stock, fast = work / "stock", work / "fast"
        for target in (stock, fast):
            with_submissions(work / "cohort", target, args.module, args.stock)
        quiet(args.quiet_load, args.patience)
        stock_run = timed([str(BIN / "nbgrader"), "autograde", args.module, "--Execute.kernel_name=python3"], cwd=stock)
        quiet(args.quiet_load, args.patience)
        fast_run = timed([str(BIN / "academy"), "grade", "--instance", str(fast), module_of(args.module), *flags])
        expected, got = scores(stock), scores(fast)
        if not expected or expected != got:
            differ = sorted(k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k))
            raise SystemExit(f"scores differ between stock nbgrader and academy grade: {differ[:10]}")
        rows = [("stock `nbgrader autograde` (python3 kernel)", args.stock, stock_run),
                (ours, args.stock, fast_run)]
        print(f"  same {len(expected)} scores; stock {stock_run['seconds']:.1f} s, academy {fast_run['seconds']:.1f} s", flush=True)

        for size in sizes:
            target = work / f"scale-{size}"
            with_submissions(work / "cohort", target, args.module, size)
            quiet(args.quiet_load, args.patience)
            run = timed([str(BIN / "academy"), "grade", "--instance", str(target), module_of(args.module), *flags])
            rows.append((ours, size, run))
            print(f"  {size} submissions: {run['seconds']:.1f} s, {run['peak_mib']:.0f} MiB", flush=True)
            shutil.rmtree(target)

    quiet(args.quiet_load, args.patience)
    help_run = help_seconds()
    help_load = os.getloadavg()[0]
    print(f"  academy --help: {help_run:.3f} s", flush=True)

    per_stock = stock_run["seconds"] / args.stock
    lines = ["| grader | submissions | seconds | seconds per submission | speed-up over stock | peak MiB | load (1 min) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, count, run in rows:
        each = run["seconds"] / count
        lines.append(f"| {label} | {count:,} | {run['seconds']:.1f} | {each:.3f} | {per_stock / each:.1f}x | {run['peak_mib']:.0f} | {run['load']:.1f} |")
    note = (f"Module `{args.module}`; the first two rows grade the same {args.stock} submissions and gave identical scores.\n\n"
            f"`academy --help`: {help_run:.3f} s (median of {HELP_RUNS} runs; load {help_load:.1f}).")
    publish(SECTION, command, note + "\n\n" + "\n".join(lines), readme=not args.no_readme)


if __name__ == "__main__":
    main()
