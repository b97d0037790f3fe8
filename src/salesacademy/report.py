"""`academy report`: a training report per employee, as standalone HTML and PDF.

Each report is the notebook `templates/employee_report.py` run by papermill
for one employee, on a shell forked from a warm template that has already
added up the cohort's means (papermill's ``academy`` engine,
`kernel.papermill_engine`), then published for HR and managers:
outputs only, with no code, no parameters, no warnings and no machine
details, on a page that loads nothing from outside (`templates/employee_report.html.j2`).
Each worker's one warm Chromium prints the same page to PDF (`pdf`). Files
are written atomically and are readable by their owner only: they hold
personal data. One failing report does not stop the others; failures are
collected with their reasons, and a report whose page was written but whose
PDF could not be printed is listed as such (`Failure`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from typing import TYPE_CHECKING

import pandas as pd

from . import executors, gradebook, gradebook_reads, scratch
from . import pdf as printing
from .config import content_root, database_url, load_config, today
from .config import workers as config_workers
from .errors import AcademyError
from .kernel import KERNEL_NAME, ensure_kernelspec
from .kernel.provisioner import Template
from .paths import InstancePaths

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOK_TEMPLATE = TEMPLATES / "employee_report.py"
PAGE_TEMPLATE = TEMPLATES / "employee_report.html.j2"
#: The report parameters that name the cohort, whose means and question titles the kernel template reads once (`report_data.cohort`).
COHORT_PARAMETERS = ("gradebook_url", "timezone", "content", "as_of")
#: Cells that carry papermill's parameters; never published.
PARAMETER_TAGS = {"parameters", "injected-parameters"}
PERIOD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
#: Anything that would make a published page load from elsewhere.
EXTERNAL = re.compile(r"<script[^>]*\bsrc=|\bsrc=[\"']?https?:", re.IGNORECASE)


#: Report stages that can fail: the report itself (nothing is written), or only its PDF (the page is written).
REPORT, PDF = "report", "pdf"


@dataclasses.dataclass(frozen=True)
class Failure:
    """Why an employee's report, or only its PDF, was not written."""

    stage: str  # REPORT or PDF
    reason: str  # one line, the notebook's or the browser's own words

    def __str__(self) -> str:
        return self.reason if self.stage == REPORT else f"PDF: {self.reason}"


@dataclasses.dataclass
class ReportRun:
    """Files written, what failed for whom, and the course language to say so in."""

    written: list[Path] = dataclasses.field(default_factory=list)
    failed: dict[str, Failure] = dataclasses.field(default_factory=dict)
    language: str = "en"


#: What `academy report` says, in the course language.
MESSAGES = {
    "zh-CN": {"summary": "已写入 {files} 个文件（{folder}）；{failed} 位员工的报告未完成",
              REPORT: "{employee}：报告未生成：{reason}",
              PDF: "{employee}：PDF 未能打印，网页版报告已写入：{reason}"},
    "en": {"summary": "wrote {files} file(s) in {folder}; {failed} employee report(s) incomplete",
           REPORT: "{employee}: report not written: {reason}",
           PDF: "{employee}: PDF not printed; the HTML report was written: {reason}"},
}


def run_lines(run: ReportRun, *, folder: Path) -> tuple[str, list[str]]:
    """The summary of `run` and one line per employee whose report or PDF failed, in the course language."""
    from .labels import language_of

    words = MESSAGES[language_of(run.language)]
    summary = words["summary"].format(files=len(run.written), folder=folder, failed=len(run.failed))
    return summary, [words[failure.stage].format(employee=employee_id, reason=failure.reason)
                     for employee_id, failure in run.failed.items()]


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
            process. By default, a batch of up to `executors.SMALL_REPORT_BATCH` is
            rendered in this process, a larger one by as many processes as academy.toml
            says (grading.workers, one per core).
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
    executors.check(executor, scheduler)
    scratch.remove_abandoned()
    as_of = as_of or today(config)
    period = period or as_of.isoformat()
    if not PERIOD.match(period):
        raise AcademyError(f"period {period!r}: use letters, digits, '.', '_' or '-' only, e.g. 2025-H1")
    chromium = printing.chromium_executable() if pdf else None
    url = database_url(config, paths)
    gradebook.add_missing_tables(url)  # a gradebook of an earlier version lacks the indexes that reads by employee take
    roster = gradebook_reads.employees(url)
    chosen = select_employees(roster, employees=employees, branch=branch, all_=all_)
    shared = Template.share(course_data=False) if executor == executors.LOCAL else None
    language = dict(zip(roster.employee_id, roster.language))
    source = template_source(template or NOTEBOOK_TEMPLATE)
    common = {"as_of": as_of.isoformat(), "gradebook_url": url, "timezone": config.course.timezone,
              "content": str(content_root(config)), "period": period, "review": config.review.model_dump()}
    jobs = [
        Job(employee_id, {"employee_id": employee_id, "language": language[employee_id], **common},
            report_file(paths, employee_id, period, ".html"),
            report_file(paths, employee_id, period, ".pdf") if pdf else None)
        for employee_id in chosen
    ]
    # Local workers start at once, each loading what its reports need (`prepare`) while the first jobs are handed
    # out, and all fork their kernels from one template, started above, which adds the cohort up once.
    # Unless workers are asked for, a small batch is written by this process alone: worker processes would cost more to start.
    small = executor == executors.LOCAL and len(jobs) <= executors.SMALL_REPORT_BATCH
    count = workers or (1 if small else config_workers(config))
    pool = executors.chosen(executor, workers=min(count, len(jobs)), scheduler=scheduler, inline=True,
                            start=prepare if executor == executors.LOCAL else None, start_args=(_cohort_of(common), chromium, shared, source))
    from tqdm import tqdm

    run = ReportRun(language=config.course.language)
    ensure_kernelspec()
    with pool as run_all, tqdm(total=len(jobs), desc="report", unit="employee", disable=not progress) as bar:
        (paths.reports / "employees").mkdir(parents=True, exist_ok=True, mode=0o700)  # once the executor is reached
        for job, failure in _render_all(source, jobs, chromium, run_all):
            if failure is None:
                run.written += [path for path in (job.html, job.pdf) if path is not None]
            else:
                run.written += [job.html] if failure.stage == PDF else []
                run.failed[job.employee_id] = failure
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


def template_source(path: Path) -> str:
    """The text of the report notebook's jupytext source at `path`.

    Raises:
        AcademyError: the file cannot be read.
    """
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AcademyError(f"{path}: cannot read the report template ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise AcademyError(f"{path}: the report template is not UTF-8 text") from None


@functools.lru_cache(maxsize=2)
def template_notebook(source: str) -> NotebookNode:
    """The report notebook of a jupytext source (percent format), set to run on the warm kernel; parsed once per process.

    Workers parse it, not the command: jupytext and nbformat are imported only where notebooks run.
    """
    import jupytext

    notebook = jupytext.reads(source, fmt="py:percent")
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
    """The one HTML exporter of this process, its templates loaded and compiled: it is built once.

    nbconvert's HTML exporter ends each page by parsing it again, whole, with
    BeautifulSoup, to give images without one an alt text and each cell's
    input and output a tab stop: two thirds of its time on a report's page,
    which has no image, no input, and outputs that need no scrolling of their
    own. This one renders the page without that pass. The filters that
    exporter registers for each notebook (its code highlighter and its widget
    view filter) are those it registered for the warm-up, an empty Python
    notebook: a report shows no code and no widgets.
    """
    import nbformat
    from nbconvert import HTMLExporter, TemplateExporter

    class PageExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    exporter = PageExporter(template_name="lab", template_file=str(PAGE_TEMPLATE), exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True, exclude_markdown=True)
    HTMLExporter.from_notebook_node(exporter, nbformat.v4.new_notebook())  # registers its filters, compiles the page's templates
    return exporter


def to_html(notebook: NotebookNode, *, title: str) -> str:
    """The standalone page of an executed report notebook.

    Raises:
        RuntimeError: the page would load something from elsewhere.
    """
    html, _ = html_exporter().from_notebook_node(publishable(notebook), resources={"metadata": {"name": title}})
    if match := EXTERNAL.search(html):
        raise RuntimeError(f"the report page would load an external resource ({match.group(0)}...)")
    return html


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


_warmed: dict[tuple, threading.Thread] = {}
_warming = threading.Lock()


def prepare(cohort: tuple, chromium: str | None, shared: str | None = None, source: str | None = None) -> None:
    """Get this worker ready for its reports, the slow parts side by side: once per process and cohort.

    In the background, the kernel template (the command's, in `shared`, if it
    gives one) gets ready and adds up the cohort's means
    (`report_data.cohort`, with `cohort` its `COHORT_PARAMETERS`), in a
    process of its own; meanwhile this thread imports nbconvert, builds the
    page exporter, parses the report notebook's `source` and starts Chromium.
    `render` waits for the template's part.
    Nothing here raises: what fails, fails again in the first report, which
    says why.
    """
    if shared is not None:
        Template.attach(shared, shell=True, course_data=False)
    try:
        # Imported before the thread starts, so that no two threads import papermill at once. papermill comes first:
        # importing it loads every engine its entry points name, this one among them, which must not be half-imported then.
        import papermill  # noqa: F401

        from .kernel import papermill_engine
    except Exception:  # the first report fails with the reason
        return
    with _warming:
        if cohort not in _warmed:
            _warmed[cohort] = thread = threading.Thread(target=_warm_cohort, args=(papermill_engine, cohort), daemon=True,
                                                        name="academy-cohort")
            thread.start()
    try:
        html_exporter()
        if source is not None:
            template_notebook(source)
        if chromium is not None:
            printing.printer(chromium).start()
    except Exception:  # the first report fails with the reason
        return


def _warm_cohort(papermill_engine, cohort: tuple) -> None:
    try:
        papermill_engine.warm("salesacademy.report_data:cohort", *cohort)
    except Exception:  # each report's kernel then adds the cohort up itself, or fails saying why
        return


def _cohort_of(parameters: dict) -> tuple:
    return tuple(parameters[k] for k in COHORT_PARAMETERS)


class PrintFailed(Exception):
    """The report's page was written; its PDF could not be printed."""


def render(source: str, job: Job, chromium: str | None) -> None:
    """Run the report notebook for one employee, write its HTML, then print its PDF with this worker's browser.

    Raises:
        PrintFailed: the page was written and its PDF was not (nor is any earlier one left beside it).
        Exception: anything else; nothing was written.
    """
    import papermill

    from .kernel import papermill_engine

    papermill_engine.register()
    cohort = _cohort_of(job.parameters)
    prepare(cohort, chromium)
    _warmed[cohort].join()
    with tempfile.TemporaryDirectory(prefix=scratch.prefix("report")) as folder:
        executed = papermill.execute_notebook(copy.deepcopy(template_notebook(source)), None, parameters=job.parameters,
                                              engine_name=papermill_engine.ENGINE_NAME, kernel_name=KERNEL_NAME,
                                              progress_bar=False, log_output=False, cwd=folder)
    html = to_html(executed, title=job.html.stem)
    write_private(job.html, html.encode("utf-8"))
    if job.pdf is not None:
        try:
            document = printing.printer(chromium).print(html)
        except Exception as error:  # the page stands without its PDF: said apart from a report that failed
            job.pdf.unlink(missing_ok=True)  # an earlier run's PDF would contradict the new page
            raise PrintFailed(failure_reason(error)) from None
        write_private(job.pdf, document)


def failure_reason(error: BaseException) -> str:
    """One line saying why a report failed; papermill names the notebook's own exception."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(error).__name__}: {error}"
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def _render_outcome(source: str, job: Job, chromium: str | None) -> Failure | None:
    try:
        render(source, job, chromium)
    except PrintFailed as error:
        return Failure(PDF, str(error))
    except Exception as error:  # one report's failure is recorded, the batch goes on
        return Failure(REPORT, failure_reason(error))
    return None


def _render_all(source: str, jobs: list[Job], chromium: str | None,
                run_all: executors.Fanout) -> Iterator[tuple[Job, Failure | None]]:
    """Each job with what failed (None on success), as they finish."""
    render_one = functools.partial(_render_outcome, source, chromium=chromium)
    return run_all(render_one, jobs, lambda job, error: Failure(REPORT, failure_reason(error)))  # lost: the worker itself died
