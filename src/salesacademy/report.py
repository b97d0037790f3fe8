"""`academy report`: a training report per employee, as standalone HTML and PDF.

Each report is the notebook `templates/employee_report.py` run by papermill
for one employee, on a shell forked from a warm template that has already
added up the cohort's means (papermill's ``academy`` engine,
`kernel.papermill_engine`), then published for HR and managers:
outputs only, with no code, no parameters, no warnings and no machine
details, on a page that loads nothing from outside (`templates/employee_report.html.j2`).
Chromium prints the same page to PDF. Files are written atomically and are
readable by their owner only: they hold personal data. One failing report
does not stop the others; failures are collected with their reasons.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from nbformat import NotebookNode

from . import executors, gradebook, scratch
from .config import content_root, database_url, load_config, today
from .config import workers as config_workers
from .errors import AcademyError
from .kernel import KERNEL_NAME, ensure_kernelspec
from .paths import InstancePaths

TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOK_TEMPLATE = TEMPLATES / "employee_report.py"
PAGE_TEMPLATE = TEMPLATES / "employee_report.html.j2"
#: The report parameters that name the cohort, whose means and question titles the kernel template reads once (`report_data.cohort`).
COHORT_PARAMETERS = ("gradebook_url", "timezone", "content", "as_of")
#: Cells that carry papermill's parameters; never published.
PARAMETER_TAGS = {"parameters", "injected-parameters"}
PERIOD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
CHROMIUM_TIMEOUT_S = 120
#: Anything that would make a published page load from elsewhere.
EXTERNAL = re.compile(r"<script[^>]*\bsrc=|\bsrc=[\"']?https?:", re.IGNORECASE)


@dataclasses.dataclass
class ReportRun:
    """Files written, and the reason each failed employee's report was not."""

    written: list[Path] = dataclasses.field(default_factory=list)
    failed: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Job:
    """One employee's report: the notebook's parameters and where the files go."""

    employee_id: str
    parameters: dict
    html: Path
    pdf: Path | None


def report_file(paths: InstancePaths, employee_id: str, period: str, suffix: str) -> Path:
    """Where the report of `employee_id` for `period` is written (suffix ``.html`` or ``.pdf``)."""
    return paths.reports / "employees" / f"{employee_id}_{period}{suffix}"


def report(
    *,
    instance: Path,
    employees: list[str] | None = None,
    branch: str | None = None,
    all_: bool = False,
    as_of: dt.date | None = None,
    period: str | None = None,
    workers: int | None = None,
    executor: str = executors.DEFAULT,
    scheduler: str | None = None,
    pdf: bool = True,
    progress: bool = True,
    template: Path | None = None,
) -> ReportRun:
    """Write the training report of each selected active employee, in the employee's roster language.

    Args:
        employees: Employee ids to report on.
        branch: Report on the active employees of this branch (with `employees`: those of them in it).
        all_: Report on every active employee.
        as_of: Date the figures are computed for; default today.
        period: Label of the review period, shown in the report and used in file
            names; default the as-of date.
        workers: Reports rendered in parallel by the local executor, each in its own
            process; default from academy.toml (grading.workers, one per core).
        executor: ``local`` (processes of this machine) or ``dask`` (a Dask cluster's
            workers, which write the files to the same paths on shared storage).
        scheduler: Address of the Dask scheduler, with ``executor="dask"`` only.
        pdf: Also print each report to PDF with Chromium.
        template: Report notebook (jupytext percent format); default the bundled one.

    Raises:
        AcademyError: the selection is unknown or empty, the period is not a
            plain label, PDF is asked for and Chromium is not installed, or the
            executor is misconfigured or its scheduler unreachable.
    """
    config, paths = load_config(instance)
    scratch.remove_abandoned()
    pool = executors.chosen(executor, workers=workers or config_workers(config), scheduler=scheduler, inline=True)
    as_of = as_of or today(config)
    period = period or as_of.isoformat()
    if not PERIOD.match(period):
        raise AcademyError(f"period {period!r}: use letters, digits, '.', '_' or '-' only, e.g. 2025-H1")
    chromium = chromium_executable() if pdf else None
    url = database_url(config, paths)
    gradebook.add_missing_tables(url)  # a gradebook of an earlier version lacks the indexes that reads by employee take
    roster = gradebook.employees(url)
    chosen = select_employees(roster, employees=employees, branch=branch, all_=all_)
    language = dict(zip(roster.employee_id, roster.language))
    notebook = template_notebook(template or NOTEBOOK_TEMPLATE)
    common = {"as_of": as_of.isoformat(), "gradebook_url": url, "timezone": config.course.timezone,
              "content": str(content_root(config)), "period": period, "review": config.review.model_dump()}
    jobs = [
        Job(employee_id, {"employee_id": employee_id, "language": language[employee_id], **common},
            report_file(paths, employee_id, period, ".html"),
            report_file(paths, employee_id, period, ".pdf") if pdf else None)
        for employee_id in chosen
    ]
    from tqdm import tqdm

    run = ReportRun()
    with pool as run_all, tqdm(total=len(jobs), desc="report", unit="employee", disable=not progress) as bar:
        (paths.reports / "employees").mkdir(parents=True, exist_ok=True, mode=0o700)
        ensure_kernelspec()
        for job, reason in _render_all(notebook, jobs, chromium, run_all):
            if reason is None:
                run.written += [path for path in (job.html, job.pdf) if path is not None]
            else:
                run.failed[job.employee_id] = reason
            bar.update()
    return run


def select_employees(roster: pd.DataFrame, *, employees: list[str] | None, branch: str | None, all_: bool) -> list[str]:
    """Ids of the active employees chosen by id, by branch or all of them.

    Raises:
        AcademyError: nothing was chosen, an id is unknown or inactive, or no active employee matches.
    """
    if all_ and (employees or branch):
        raise AcademyError("choose either every employee (--all) or employee ids and/or --branch, not both")
    if not (all_ or employees or branch):
        raise AcademyError("choose whom to report on: employee ids, --branch BRANCH or --all")
    active = roster[roster.active.astype(bool)]
    chosen = active
    if employees:
        unknown = [e for e in employees if e not in set(roster.employee_id)]
        if unknown:
            raise AcademyError(f"unknown employee {', '.join(map(repr, unknown))}: not in the roster")
        inactive = [e for e in employees if e not in set(active.employee_id)]
        if inactive:
            raise AcademyError(f"employee {', '.join(map(repr, inactive))} is inactive: reports cover active staff only")
        chosen = chosen[chosen.employee_id.isin(employees)]
    if branch:
        if branch not in set(active.branch):
            raise AcademyError(f"no active employee in branch {branch!r}; branches: {', '.join(sorted(set(active.branch)))}")
        chosen = chosen[chosen.branch == branch]
    if chosen.empty:
        raise AcademyError(f"none of {', '.join(employees or [])} works in branch {branch!r}" if employees else "no active employee to report on")
    return list(chosen.employee_id)


def template_notebook(path: Path) -> NotebookNode:
    """The report notebook of the jupytext source at `path`, set to run on the warm kernel."""
    import jupytext

    try:
        notebook = jupytext.read(path, fmt="py:percent")
    except OSError as exc:
        raise AcademyError(f"{path}: cannot read the report template ({exc.strerror})") from None
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": KERNEL_NAME, "language": "python"}
    return notebook


def publishable(notebook: NotebookNode) -> NotebookNode:
    """What a reader may see: code cells' outputs, without parameters, sources, warnings or metadata.

    Markdown cells are notes for whoever edits the template; standard error
    carries warnings with file paths of this machine.
    """
    published = copy.deepcopy(notebook)
    cells = []
    for cell in published.cells:
        if cell.cell_type != "code" or PARAMETER_TAGS & set(cell.metadata.get("tags", [])):
            continue
        cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
        if cell.outputs:
            cell.source, cell.metadata, cell.execution_count = "", {}, None
            cells.append(cell)
    published.cells = cells
    published.metadata = {"language_info": {"name": "python"}}
    return published


@functools.cache
def html_exporter():
    """The one HTML exporter of this process: building it loads every template, so it is built once."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file=str(PAGE_TEMPLATE), exclude_input=True,
                        exclude_input_prompt=True, exclude_output_prompt=True, exclude_markdown=True)


def to_html(notebook: NotebookNode, *, title: str) -> str:
    """The standalone page of an executed report notebook.

    Raises:
        RuntimeError: the page would load something from elsewhere.
    """
    html, _ = html_exporter().from_notebook_node(publishable(notebook), resources={"metadata": {"name": title}})
    if match := EXTERNAL.search(html):
        raise RuntimeError(f"the report page would load an external resource ({match.group(0)}...)")
    return html


def chromium_executable() -> str:
    """Path of the Chromium that prints reports to PDF.

    Raises:
        AcademyError: Chromium is not installed.
    """
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise AcademyError("PDF reports need Chromium, which is not installed: install it "
                           "(scripts/os-packages runtime, or apt-get install chromium), or skip the PDF")
    return found


def print_pdf(chromium: str, html: Path, pdf: Path) -> None:
    """Print the page `html` to `pdf` with headless Chromium, without the URL and date it adds by default."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--user-data-dir={pdf.parent / 'chromium-profile'}", f"--print-to-pdf={pdf}", html.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT_S, stdin=subprocess.DEVNULL)
    if result.returncode != 0 or not pdf.is_file():
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise RuntimeError(f"chromium could not print the report: {lines[-1] if lines else f'exit status {result.returncode}'}")


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, readable and writable by the owner only."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0o600
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_warmed: set[tuple] = set()


def _warm_cohort(parameters: dict) -> None:
    """Add up the cohort's means in this process's kernel template once, for every report it forks."""
    from .kernel import papermill_engine

    key = tuple(parameters[k] for k in COHORT_PARAMETERS)
    if key not in _warmed:
        papermill_engine.warm("salesacademy.report_data:cohort", *key)
        _warmed.add(key)


def render(notebook: NotebookNode, job: Job, chromium: str | None) -> None:
    """Run the report notebook for one employee and write its HTML (and PDF); raises on any failure."""
    import papermill

    from .kernel import papermill_engine

    papermill_engine.register()
    _warm_cohort(job.parameters)
    with tempfile.TemporaryDirectory(prefix=scratch.prefix("report")) as folder:
        executed = papermill.execute_notebook(copy.deepcopy(notebook), None, parameters=job.parameters,
                                              engine_name=papermill_engine.ENGINE_NAME, kernel_name=KERNEL_NAME,
                                              progress_bar=False, log_output=False, cwd=folder)
        html = to_html(executed, title=job.html.stem).encode("utf-8")
        if job.pdf is not None:
            page, printed = Path(folder) / "report.html", Path(folder) / "report.pdf"
            page.write_bytes(html)
            print_pdf(chromium, page, printed)
            write_private(job.pdf, printed.read_bytes())
        write_private(job.html, html)


def failure_reason(error: BaseException) -> str:
    """One line saying why a report failed; papermill names the notebook's own exception."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(error).__name__}: {error}"
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def _render_reason(notebook: NotebookNode, job: Job, chromium: str | None) -> str | None:
    try:
        render(notebook, job, chromium)
    except Exception as error:  # one report's failure is recorded, the batch goes on
        return failure_reason(error)
    return None


def _render_all(notebook: NotebookNode, jobs: list[Job], chromium: str | None,
                run_all: executors.Fanout) -> Iterator[tuple[Job, str | None]]:
    """Each job with the reason it failed (None on success), as they finish."""
    render_one = functools.partial(_render_reason, notebook, chromium=chromium)
    return run_all(render_one, jobs, lambda job, error: failure_reason(error))  # lost: the worker itself died
