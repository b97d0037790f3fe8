"""Benchmark: `academy report` against stock papermill plus nbconvert, on the same report notebook.

Not a test: it asserts nothing about time. It checks that both ways wrote a
page for every employee, and that the pages name the same employee and score.

1. A gradebook of `--employees` staff as `reports_and_hr.py` builds it: every
   module released 40 days ago, ~90% of assignments submitted and graded.
2. Side by side, for the same `--stock` employees: the stock commands
   ``papermill`` (the report notebook, Jupyter's stock ``python3`` kernel,
   parameters on the command line) then ``jupyter nbconvert --to html``, one
   employee after another; and ``academy report --no-pdf``, then ``academy
   report`` with the PDFs, as a trainer runs them (no ``--workers``: a small
   batch is written by the command itself).
3. Scaling: ``academy report --all --no-pdf`` for gradebooks of each of
   `--sizes` staff, and ``academy report --all`` with the PDFs for each of
   `--pdf-sizes`, with the peak memory of the largest process.

With ``--workdir DIR`` the gradebooks are built in DIR and kept, and a
gradebook already there is used again rather than built anew.

Run from the repository root::

    .venv/bin/python benchmarks/reports.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import publish, timed  # noqa: E402

SECTION = "Employee reports"
BIN = Path(sys.executable).parent


def stock_notebook(path: Path) -> None:
    """The bundled report notebook as a plain .ipynb on Jupyter's stock kernel."""
    import jupytext
    import nbformat

    from salesacademy.report import NOTEBOOK_TEMPLATE

    notebook = jupytext.read(NOTEBOOK_TEMPLATE, fmt="py:percent")
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


def parameters(instance: Path, employee_id: str, as_of: str) -> list[str]:
    """papermill's command-line parameters for one employee's report, in the employee's roster language as academy report has it."""
    from salesacademy import gradebook_reads
    from salesacademy.config import content_root, database_url, load_config

    config, paths = load_config(instance)
    url = database_url(config, paths)
    language = gradebook_reads.employees(url, [employee_id]).language.iloc[0]
    values = {"employee_id": employee_id, "as_of": as_of, "gradebook_url": url,
              "timezone": config.course.timezone, "language": language, "content": str(content_root(config)),
              "period": as_of}
    flags = [flag for key, value in values.items() for flag in ("-p", key, value)]
    return [*flags, "-y", json.dumps({"review": config.review.model_dump()})]


def headings(page: str) -> list[str]:
    """The text of every top-level heading of a page; the report's first names the employee.

    nbconvert may add an anchor mark to a heading, hence comparisons by containment.
    """
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)]


def gradebooks(folder: Path, *, seed: int):
    """A function giving the instance of a gradebook of `size` staff in `folder`, built the first time it is asked for."""
    from reports_and_hr import build

    def instance(size: int) -> Path:
        target = folder / f"staff-{size}"
        if (target / "academy.toml").is_file():
            print(f"using the gradebook of {size:,} staff in {target}", flush=True)
        else:
            print(f"building a gradebook of {size:,} staff", flush=True)
            build(target, employees=size, seed=seed, modules=None)
        return target

    return instance


def check_pdfs(instance: Path, employees: list[str], period: str) -> None:
    """Stop unless each employee's PDF is there and opens as a PDF of at least one page."""
    folder = instance / "reports" / "employees"
    for employee_id in employees:
        path = folder / f"{employee_id}_{period}.pdf"
        if not path.is_file() or not path.read_bytes().startswith(b"%PDF-"):
            raise SystemExit(f"{employee_id}: no PDF written for {period}")
    info = subprocess.run(["pdfinfo", str(folder / f"{employees[0]}_{period}.pdf")], capture_output=True, text=True)
    if info.returncode != 0 or not re.search(r"^Pages:\s+[1-9]", info.stdout, re.MULTILINE):
        raise SystemExit(f"{employees[0]}: the PDF for {period} does not open: {info.stderr.strip()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=1000, help="staff in the side-by-side gradebook (default 1000)")
    parser.add_argument("--stock", type=int, default=6, help="employees reported on by both ways (default 6)")
    parser.add_argument("--sizes", default="100,1000,5000", help="staff counts for the HTML scaling runs (default 100,1000,5000)")
    parser.add_argument("--pdf-sizes", default="1000", help="staff counts for the HTML + PDF scaling runs (default 1000)")
    parser.add_argument("--workdir", type=Path, default=None, help="build the gradebooks here and keep them; use those already built")
    parser.add_argument("--workers", type=int, default=None, help="academy report --workers (default: none given, as a trainer runs it)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-readme", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    pdf_sizes = [int(size) for size in args.pdf_sizes.split(",") if size]
    command = shlex.join([".venv/bin/python", "benchmarks/reports.py", *(argv if argv is not None else sys.argv[1:])])
    as_of = dt.date.today().isoformat()

    rows: list[tuple[str, int, int, dict]] = []
    runs = 3 + len(sizes) + len(pdf_sizes)

    def record(label: str, staff: int, count: int, run: dict) -> None:
        """Add a row and publish the table so far: a run stopped part-way still leaves what it measured."""
        rows.append((label, staff, count, run))
        per_stock = rows[0][3]["seconds"] / rows[0][2]
        lines = ["| how | staff in gradebook | reports | seconds | seconds per report | speed-up over stock | peak MiB | load (1 min) |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for label, staff, count, run in rows:
            each = run["seconds"] / count
            lines.append(f"| {label} | {staff:,} | {count:,} | {run['seconds']:.1f} | {each:.3f} | {per_stock / each:.1f}x | "
                         f"{run['peak_mib']:.0f} | {run['load']:.1f} |")
        note = (f"The first three rows report on the same {args.stock} employees; the stock and academy pages carry the same "
                "report heading. Speed-up over stock: the stock seconds per report divided by the row's.")
        if len(rows) < runs:
            note += f" {len(rows)} of the {runs} runs measured so far."
        publish(SECTION, command, note + "\n\n" + "\n".join(lines), readme=not args.no_readme)

    with tempfile.TemporaryDirectory(prefix="academy-bench-reports-") as folder:
        work = Path(folder)
        built = gradebooks(args.workdir or work, seed=args.seed)
        instance = built(args.employees)
        chosen = random.Random(args.seed).sample([f"E{10001 + i}" for i in range(args.employees)], args.stock)

        workers = ["--workers", str(args.workers)] if args.workers else []
        shown = f" --workers {args.workers}" if args.workers else ""
        print(f"stock papermill + nbconvert and academy report for the same {args.stock} employees", flush=True)
        stock_notebook(work / "report.ipynb")
        stock_runs = []
        for employee_id in chosen:
            executed = work / f"stock-{employee_id}.ipynb"
            stock_runs.append(timed([str(BIN / "papermill"), str(work / "report.ipynb"), str(executed), "-k", "python3",
                                     "--no-progress-bar", *parameters(instance, employee_id, as_of)]))
            stock_runs.append(timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)]))
        fast_run = timed([str(BIN / "academy"), "report", "--instance", str(instance), *chosen, "--no-pdf",
                          *workers, "--as-of", as_of, "--period", as_of])
        for employee_id in chosen:
            stock_page = (work / f"stock-{employee_id}.html").read_text(encoding="utf-8")
            fast_page = (instance / "reports" / "employees" / f"{employee_id}_{as_of}.html").read_text(encoding="utf-8")
            # The stock page also shows the notebook's code and notes, so its headings include the report's.
            if employee_id not in stock_page or not headings(fast_page) or not any(headings(fast_page)[0] in h for h in headings(stock_page)):
                raise SystemExit(f"{employee_id}: the stock and academy pages do not show the same report")
        stock_seconds = sum(run["seconds"] for run in stock_runs)
        record("stock `papermill` + `jupyter nbconvert --to html` (python3 kernel)", args.employees, args.stock,
               {"seconds": stock_seconds, "peak_mib": max(run["peak_mib"] for run in stock_runs), "load": stock_runs[-1]["load"]})
        record(f"`academy report --no-pdf{shown}`", args.employees, args.stock, fast_run)
        pdf_run = timed([str(BIN / "academy"), "report", "--instance", str(instance), *chosen,
                         *workers, "--as-of", as_of, "--period", f"{as_of}-pdf"])
        check_pdfs(instance, chosen, f"{as_of}-pdf")
        record(f"`academy report{shown}` (HTML and PDF)", args.employees, args.stock, pdf_run)
        print(f"  stock {stock_seconds:.1f} s, academy {fast_run['seconds']:.1f} s, with PDFs {pdf_run['seconds']:.1f} s", flush=True)

        # The PDF runs first: the slowest, and the one a deadline is set for.
        for size, with_pdf in [*((size, True) for size in pdf_sizes), *((size, False) for size in sizes)]:
            target = built(size)
            period = f"{as_of}-all-pdf" if with_pdf else f"{as_of}-all"
            run = timed([str(BIN / "academy"), "report", "--instance", str(target), "--all", *([] if with_pdf else ["--no-pdf"]),
                         *workers, "--as-of", as_of, "--period", period])
            written = len(list((target / "reports" / "employees").glob(f"*_{period}.html")))
            if written != size:
                raise SystemExit(f"{size} staff: {written} reports written")
            if with_pdf:
                check_pdfs(target, [f"E{10001 + i}" for i in range(size)], period)
            label = (f"`academy report --all{shown}` (HTML and PDF)" if with_pdf
                     else f"`academy report --all --no-pdf{shown}`")
            record(label, size, size, run)
            print(f"  {size:,} reports{' with PDFs' if with_pdf else ''}: {run['seconds']:.1f} s, {run['peak_mib']:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
