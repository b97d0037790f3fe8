"""Benchmark: `academy grade --executor dask` throughput against the number of Dask workers.

Not a test: it asserts nothing about time. It does check that every run
gives the same scores, since a fast wrong grader is worth nothing.

1. A demo cohort (`--cohort` staff) submits every module through nbgrader's
   exchange and the submissions are collected (`grading.build_cohort`).
2. `--module`'s submissions are cloned up to `--submissions`
   (`grading.with_submissions`), in a fresh copy of the instance per run.
3. For each worker count in `--workers`, a `distributed.LocalCluster` of that
   many worker processes (one thread each) is started, and
   ``academy grade MODULE --executor dask --scheduler ADDRESS`` runs twice on
   it, each time on a new copy: first on fresh workers, which start their
   warm kernel template on their first submission, then on the same workers,
   which keep it. ``academy grade MODULE --workers N`` on this machine's own
   worker processes runs on a third copy, for comparison.

Run from the repository root::

    .venv/bin/python benchmarks/dask_grading.py
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import publish, timed  # noqa: E402
from grading import build_cohort, module_of, scores, with_submissions  # noqa: E402

SECTION = "Grading on Dask"
ACADEMY = str(Path(sys.executable).parent / "academy")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cohort", type=int, default=12, help="staff in the demo cohort that submits (default 12)")
    parser.add_argument("--module", default="01-sales-process.frontline.zh",
                        help="version of a module whose submissions are graded (default 01-sales-process.frontline.zh)")
    parser.add_argument("--submissions", type=int, default=200, help="submissions graded by every run (default 200)")
    parser.add_argument("--workers", default="1,2", help="Dask worker counts, comma-separated (default 1,2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-readme", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    counts = [int(count) for count in args.workers.split(",")]
    command = shlex.join([".venv/bin/python", "benchmarks/dask_grading.py", *(argv if argv is not None else sys.argv[1:])])

    from distributed import LocalCluster

    rows, expected = [], None
    with tempfile.TemporaryDirectory(prefix="academy-bench-dask-") as folder:
        work = Path(folder)
        print(f"building a demo cohort of {args.cohort}", flush=True)
        build_cohort(work / "cohort", employees=args.cohort, seed=args.seed)

        def graded(label: str, workers: int, options: list[str]) -> None:
            nonlocal expected
            target = work / "run"
            with_submissions(work / "cohort", target, args.module, args.submissions)
            run = timed([ACADEMY, "grade", module_of(args.module), "--instance", str(target), *options])
            got = scores(target)
            expected = expected or got
            if not got or got != expected:
                raise SystemExit(f"{label} with {workers} worker(s) gave other scores than the first run")
            rows.append((workers, label, run))
            print(f"  {workers} worker(s), {label}: {run['seconds']:.1f} s", flush=True)
            shutil.rmtree(target)

        for count in counts:
            start = time.perf_counter()
            with LocalCluster(n_workers=count, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
                print(f"{count} Dask worker(s) started in {time.perf_counter() - start:.1f} s", flush=True)
                dask = ["--executor", "dask", "--scheduler", cluster.scheduler_address]
                graded("Dask, fresh workers", count, dask)
                graded("Dask, warm workers", count, dask)
            graded("local processes", count, ["--workers", str(count)])

    lines = ["| workers | executor | seconds | submissions per second | load (1 min) |", "|---:|---|---:|---:|---:|"]
    for workers, label, run in rows:
        lines.append(f"| {workers} | {label} | {run['seconds']:.1f} | {args.submissions / run['seconds']:.1f} | {run['load']:.1f} |")
    note = f"Module `{args.module}`, {args.submissions} submissions per run; every run gave the same {len(expected)} scores."
    publish(SECTION, command, note + "\n\n" + "\n".join(lines), readme=not args.no_readme)


if __name__ == "__main__":
    main()
