"""The `academy` command: wires arguments to the keyword-only functions of each verb's module.

Verb modules are imported only when their command runs, or when its options
need a default from them, so `academy --help` and most commands' ``--help``
answer at once. Defaults come from the verb modules themselves. A user's
mistake ends in one line on stderr and exit status 1 (2 for bad arguments),
and so does a gradebook that cannot be opened or is not a gradebook;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn

PROG = "academy"

# name: (verb module, one-line summary); nested commands use "group name".
COMMANDS = {
    "init": ("init", "create a course instance"),
    "roster import": ("roster", "import the staff roster from CSV or XLSX (all or nothing)"),
    "release": ("release", "build modules, release them through nbgrader and assign them"),
    "collect": ("collect", "collect staff submissions from the exchange"),
    "grade": ("grade", "autograde collected submissions"),
    "feedback": ("feedback", "generate and release feedback, hidden tests removed"),
    "status": ("status", "where each employee stands on each module, as of a date"),
    "report": ("report", "per-employee training reports (HTML and PDF) for the performance review"),
    "hr completion": ("hr", "HR completion report: Excel workbook, CSV tables and HTML dashboard"),
    "hr review-feed": ("review", "training component of the performance review, as CSV and JSON"),
    "items": ("items", "item analysis for trainers: facility and discrimination of every graded item"),
    "audit": ("audit", "every change to a score or comment, from the gradebook's audit trail"),
    "lab": ("lab", "JupyterLab with nbgrader's tabs for a staff member or for trainers"),
    "demo": ("demo", "run the whole training cycle on a synthetic cohort"),
}


#: Dates the academy computes with: far-off years overflow the date arithmetic of status and reports.
DATES = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))


def _date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None
    if not DATES[0] <= value <= DATES[1]:
        raise argparse.ArgumentTypeError(f"{text} is out of range ({DATES[0]} to {DATES[1]})")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1024 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port {value} is outside 1024-65535")
    return value


def _instance(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--instance", type=Path, default=Path(os.environ.get("ACADEMY_INSTANCE", ".")),
                        help="course instance folder (default: $ACADEMY_INSTANCE or the current folder)")


def _executor(parser: argparse.ArgumentParser, what: str, *, small_batch: str | None = None) -> None:
    """--workers, --executor and --scheduler, the options of commands that fan work out to workers.

    `small_batch` names the constant of `executors` up to which a batch stays in the command's process.
    """
    from . import executors

    here = f"this command alone for a batch of up to {getattr(executors, small_batch)}, else " if small_batch else ""
    parser.add_argument("--workers", type=_positive, default=None,
                        help=f"parallel {what} on this machine (default: {here}grading.workers in academy.toml, one per core)")
    parser.add_argument("--executor", choices=executors.NAMES, default=executors.DEFAULT,
                        help="local: worker processes of this machine; dask: the workers of a Dask cluster (default: %(default)s)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask only)")


def _course(instance: Path):
    """The course language and the curriculum of `instance`, for what people read."""
    from .config import content_root, load_config
    from .curriculum import load_curriculum

    config, _ = load_config(instance)
    return config.course.language, load_curriculum(content_root(config))


class _Verb:
    """A verb's module, imported when an attribute of it is first read."""

    def __init__(self, module_name: str) -> None:
        self._module_name = module_name

    def __getattr__(self, attribute: str):
        return getattr(importlib.import_module(f"salesacademy.{self._module_name}"), attribute)


def _configure(name: str, parser: argparse.ArgumentParser, verb) -> None:
    """Declare the arguments of command `name`, with defaults read from its module `verb`."""
    if name == "init":
        parser.add_argument("directory", type=Path, help="folder to create the instance in")
        parser.add_argument("--course-id", default=verb.DEFAULT_COURSE_ID, help="course id (default: %(default)s)")
        parser.add_argument("--language", choices=["zh-CN", "en"], default=verb.DEFAULT_LANGUAGE, help="content language (default: %(default)s)")
        parser.add_argument("--timezone", default=verb.DEFAULT_TIMEZONE, help="IANA time zone (default: %(default)s)")
        parser.add_argument("--db", default=verb.DEFAULT_DB, help="gradebook URL, SQLite or PostgreSQL (default: %(default)s)")
        parser.add_argument("--content", type=Path, default=None, help="folder with course/, cases/ and graders/ (default: the bundled content)")
        return
    if name == "demo":
        parser.add_argument("--employees", type=_positive, default=verb.DEFAULT_EMPLOYEES, help="cohort size (default: %(default)s)")
        parser.add_argument("--out", type=Path, default=verb.DEFAULT_OUT, help="instance folder to (re)create (default: %(default)s)")
        parser.add_argument("--seed", type=int, default=verb.DEFAULT_SEED, help="random seed (default: %(default)s)")
        parser.add_argument("--language", choices=["zh-CN", "en"], default="zh-CN", help="content language (default: %(default)s)")
        return
    _instance(parser)
    if name == "roster import":
        parser.add_argument("file", type=Path, help="roster file (.csv or .xlsx)")
    elif name == "release":
        parser.add_argument("modules", nargs="*", metavar="MODULE", help="module or case ids from the curriculum")
        parser.add_argument("--all", action="store_true", help="release every module and case in the curriculum")
    elif name in ("collect", "feedback"):
        parser.add_argument("modules", nargs="*", metavar="MODULE", help="module ids (default: every released module)")
    elif name == "grade":
        parser.add_argument("modules", nargs="*", metavar="MODULE", help="module ids (default: every released module)")
        parser.add_argument("--employee", action="append", dest="employees", metavar="ID", help="grade only this employee (repeatable)")
        parser.add_argument("--force", action="store_true", help="regrade submissions already graded")
        _executor(parser, "graders", small_batch="SMALL_BATCH")
    elif name == "status":
        parser.add_argument("--as-of", type=_date, default=None, help="date to compute status for (default: today)")
        parser.add_argument("--branch", help="only this branch")
        parser.add_argument("--employee", help="only this employee id")
        parser.add_argument("--module", help="only this module id")
        parser.add_argument("--role", help="only this role id (from the curriculum)")
        parser.add_argument("--status", dest="with_status", metavar="STATUS",
                            help=f"only this status: {', '.join(verb.SHOWN_STATUSES)} (passed includes the late passes)")
        parser.add_argument("--format", choices=["table", "csv"], default="table",
                            help="table: for people, in the course language, with totals; csv: raw ids for other systems (default: %(default)s)")
    elif name == "report":
        parser.add_argument("employees", nargs="*", metavar="EMPLOYEE", help="employee ids")
        parser.add_argument("--employee", action="append", dest="more_employees", metavar="ID", help="an employee id (repeatable)")
        parser.add_argument("--branch", help="every active employee of this branch")
        parser.add_argument("--all", action="store_true", help="every active employee")
        parser.add_argument("--as-of", type=_date, default=None, help="date of the report (default: today)")
        parser.add_argument("--period", default=None, help="label of the review period, used in file names (default: the as-of date)")
        _executor(parser, "report workers", small_batch="SMALL_REPORT_BATCH")
        parser.add_argument("--no-pdf", action="store_true", help="HTML only, no PDF")
    elif name == "hr completion":
        parser.add_argument("--as-of", type=_date, default=None, help="date of the report (default: today)")
        parser.add_argument("--branch", help="only this branch")
        parser.add_argument("--role", help="only this role")
        parser.add_argument("--format", action="append", dest="formats", choices=list(verb.FORMATS),
                            help="xlsx, csv or html; repeat for several (default: all three)")
        parser.add_argument("--out", type=Path, default=None, help="folder to write to (default: INSTANCE/reports/hr)")
        parser.add_argument("--redact", action="store_true", help="replace names with employee ids")
    elif name == "hr review-feed":
        parser.add_argument("--period", required=True, help="2025, 2025-H1, 2025-Q3 or 2025-06; figures are as of its last day")
        parser.add_argument("--out", type=Path, default=None, help="folder to write to (default: INSTANCE/reports/hr)")
    elif name == "lab":
        parser.add_argument("--role", required=True, choices=list(verb.ROLES), help="staff: Assignments tab and Validate; trainer: formgrader and course list")
        parser.add_argument("--user", help="employee id of the staff member (required with --role staff)")
        parser.add_argument("--port", type=_port, default=verb.DEFAULT_PORT, help=f"port on {verb.HOST} (default: %(default)s)")
        parser.add_argument("--browser", action="store_true", help="open a web browser on the server")
        parser.add_argument("--allow-root", action="store_true", help="run even as root (JupyterLab refuses otherwise)")
    elif name == "audit":
        parser.add_argument("--employee", help="only this employee id")
        parser.add_argument("--module", help="only this module id")
        parser.add_argument("--item", help="only this item (graded cell)")
        parser.add_argument("--since", type=_date, default=None, help="only changes on or after this day (YYYY-MM-DD, course time zone)")
        parser.add_argument("--until", type=_date, default=None, help="only changes on or before this day (YYYY-MM-DD, course time zone)")
        parser.add_argument("--grader", help="only the grades and comments this trainer gave")
    elif name == "items":
        parser.add_argument("--module", help="only this module id")
        parser.add_argument("--min-answers", type=_positive, default=verb.MIN_ANSWERS, metavar="N",
                            help="answers an item needs before it is judged too easy, too hard or negatively discriminating (default: %(default)s)")
        parser.add_argument("--flagged", action="store_true", help="only the items judged too easy, too hard or negatively discriminating")
        parser.add_argument("--format", choices=list(verb.FORMATS), default="table",
                            help="table: for the terminal; html: a page; xlsx: a workbook; csv: raw ids for other systems (default: %(default)s)")
        parser.add_argument("--out", type=Path, default=None, metavar="PATH",
                            help="file to write (default: table and csv to the terminal, html and xlsx to INSTANCE/reports/trainers/)")


def _run(name: str, args: argparse.Namespace, verb) -> int:
    """Call the verb with the parsed arguments and print its result."""
    if name == "init":
        paths = verb.init(directory=args.directory, course_id=args.course_id, language=args.language,
                          timezone=args.timezone, db=args.db, content=args.content)
        print(f"created course instance in {paths.root}")
    elif name == "roster import":
        summary = verb.import_roster(instance=args.instance, file=args.file)
        print(f"roster imported: {summary.added} added, {summary.updated} updated, {summary.deactivated} marked inactive, {summary.unchanged} unchanged")
    elif name == "release":
        modules = args.modules
        if args.all:
            from .config import content_root, load_config
            from .curriculum import load_curriculum

            config, _ = load_config(args.instance)
            modules = [m.id for m in load_curriculum(content_root(config)).modules]
        for released in verb.release(instance=args.instance, modules=modules):
            points = ", ".join(f"{track} {value:g}" for track, value in released.points.items())
            print(f"released {released.module_id} (version {released.version}; points: {points}), {released.enrolled} newly assigned")
    elif name == "collect":
        for module_id, collected in verb.collect(instance=args.instance, modules=args.modules or None).items():
            print(f"{module_id}: {collected.new} new submission(s) collected; {collected.unchanged} unchanged")
    elif name == "grade":
        run = verb.grade(instance=args.instance, modules=args.modules or None, employees=args.employees, force=args.force, workers=args.workers,
                         executor=args.executor, scheduler=args.scheduler)
        print(f"graded {len(run.graded)}, unchanged {len(run.skipped)}, failed {len(run.failed)}")
        for submission, reason in run.failed.items():
            print(f"failed: {submission.employee_id} {submission.assignment}: {reason}", file=sys.stderr)
        return 1 if run.failed else 0
    elif name == "feedback":
        run = verb.feedback(instance=args.instance, modules=args.modules or None)
        for module_id, count in run.released.items():
            print(f"{module_id}: feedback released to {count} employee(s)")
        for (employee_id, assignment), reason in run.failed.items():
            print(f"failed: {employee_id} {assignment}: {reason}", file=sys.stderr)
        return 1 if run.failed else 0
    elif name == "status":
        table = verb.status(instance=args.instance, as_of=args.as_of, branch=args.branch, employee=args.employee, module=args.module,
                            role=args.role, with_status=args.with_status)
        if args.format == "csv":
            from .spreadsheet import csv_safe

            csv_safe(table).to_csv(sys.stdout, index=False)
        else:
            from .terminal import status_report

            language, curriculum = _course(args.instance)
            print(status_report(table, curriculum=curriculum, language=language))
    elif name == "report":
        if args.executor == "local":  # the kernel template gets ready while the rest of the command loads
            from .kernel.provisioner import Template

            Template.share(course_data=False)
        run = verb.report(instance=args.instance, employees=(args.employees + (args.more_employees or [])) or None, branch=args.branch,
                          all_=args.all, as_of=args.as_of, period=args.period, workers=args.workers,
                          executor=args.executor, scheduler=args.scheduler, pdf=not args.no_pdf)
        summary, failures = verb.run_lines(run, folder=args.instance.resolve() / "reports" / "employees")
        print(summary)
        for line in failures:
            print(line, file=sys.stderr)
        return 1 if run.failed else 0
    elif name == "hr completion":
        files = verb.completion(instance=args.instance, as_of=args.as_of, branch=args.branch, role=args.role,
                                formats=args.formats or verb.FORMATS, out=args.out, redact=args.redact)
        print("\n".join(str(f) for f in files))
    elif name == "hr review-feed":
        print("\n".join(str(f) for f in verb.review_feed_files(instance=args.instance, period=args.period, out=args.out)))
    elif name == "audit":
        print(verb.format_history(verb.history(instance=args.instance, employee=args.employee, module=args.module, item=args.item,
                                               since=args.since, until=args.until, grader=args.grader)))
    elif name == "items":
        written = verb.report(instance=args.instance, module=args.module, min_answers=args.min_answers, flagged=args.flagged,
                              format=args.format, out=args.out)
        print(written, end="" if args.format == "csv" and args.out is None else "\n")
    elif name == "lab":
        def announce(session) -> None:
            print(f"JupyterLab for {args.user or 'trainers'}: {session.url}?token={session.token}  (Ctrl-C to stop)", flush=True)

        verb.lab(instance=args.instance, role=args.role, user=args.user, port=args.port, open_browser=args.browser,
                 allow_root=args.allow_root, on_start=announce)
    elif name == "demo":
        from .terminal import pass_rates_report

        result = verb.demo(out=args.out, employees=args.employees, seed=args.seed, language=args.language)
        _, curriculum = _course(result.paths.root)
        print("\n" + pass_rates_report(result.pass_rates, curriculum=curriculum, language=args.language))
        print(f"\ninstance:   {result.paths.root}")
        print(f"gradebook:  {result.paths.root / 'gradebook.db'}")
        print(f"feedback:   {result.paths.step('feedback')}")
        print(f"answers:    {result.paths.root / 'answers.csv'}")
        for what, files in result.outputs.items():
            folders = sorted({str(f.parent) for f in files})
            print(f"{what}: {len(files)} file(s) in {', '.join(folders)}")
    return 0


def _top_parser() -> argparse.ArgumentParser:
    lines = "\n".join(f"  {name:<15} {summary}" for name, (_, summary) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Sales Academy: compliant-sales training with nbgrader.",
        epilog=f"commands:\n{lines}\n\nRun '{PROG} COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("command", nargs="?", help=argparse.SUPPRESS)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    top = _top_parser()
    words = [w for w in argv if not w.startswith("-")][:2]
    name = " ".join(words[:2]) if " ".join(words[:2]) in COMMANDS else (words[0] if words else "")
    if name not in COMMANDS:
        subcommands = [c.split()[1] for c in COMMANDS if words and c.startswith(words[0] + " ")]
        if subcommands:
            top.error(f"'{words[0]}' needs a subcommand: {', '.join(subcommands)}")
        if not argv or argv[0] in ("-h", "--help", "--version"):
            top.parse_args(argv[:1] or ["--help"])
            return 0
        top.error(f"unknown command {' '.join(words) or argv[0]!r}; see '{PROG} --help'")
    module_name, summary = COMMANDS[name]
    from .errors import AcademyError

    try:
        verb = _Verb(module_name)
        parser = argparse.ArgumentParser(prog=f"{PROG} {name}", description=summary[0].upper() + summary[1:] + ".")
        _configure(name, parser, verb)
        rest = list(argv)
        for word in name.split():
            rest.remove(word)
        args = parser.parse_args(rest)
        return _run(name, args, verb)
    except AcademyError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early, as `| head` does: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python would complain when it flushes stdout at exit
        return 0
    except Exception as error:
        reason = _gradebook_unusable(error)
        if reason is None:
            raise
        print(f"{PROG}: error: cannot use the gradebook: {reason}", file=sys.stderr)
        return 1


def _gradebook_unusable(error: Exception) -> str | None:
    """The database's own one-line reason when `error` says the gradebook cannot be reached or read, else None.

    Connection failures, locks, missing tables and files that are not a database
    are the installation's problem, not the program's; other database errors are bugs.
    """
    exc = sys.modules.get("sqlalchemy.exc")  # loaded by whoever raised it; not imported here, to keep --help fast
    while error is not None and exc is not None:  # pandas wraps the database's error in its own
        if isinstance(error, exc.OperationalError) or type(error) is exc.DatabaseError:
            lines = str(getattr(error, "orig", None) or error).strip().splitlines()
            return lines[0] if lines else type(error).__name__
        error = error.__cause__
    return None


def run() -> NoReturn:
    """The ``academy`` command: `main`, then an exit that skips the interpreter's teardown.

    Tearing down what a grading or report run imported (nbgrader, pandas,
    SQLAlchemy...) takes half a second, a tenth of grading a small batch, and
    does nothing the process still owes: its output is flushed and its exit
    handlers run first (kernel templates stopped, scratch folders removed,
    logs closed).
    """
    import atexit

    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # the reader has gone, as after `| head`
            pass
    atexit._run_exitfuncs()
    os._exit(status)


if __name__ == "__main__":
    run()
