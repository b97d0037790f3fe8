"""Start-up: what each command imports, the deferred IRI parsers, and workers that warm up before their first task."""

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesacademy import executors

#: Libraries that cost a noticeable part of a second or more to import, and that the commands below never use.
HEAVY = ("pandas", "numpy", "sqlalchemy", "nbgrader", "nbformat", "nbconvert", "nbclient", "jsonschema", "rfc3987_syntax",
         "jupyter_client", "jupyter_core", "jupyter_server", "jupytext", "matplotlib", "IPython", "ipykernel", "traitlets",
         "papermill", "pydantic", "yaml", "tqdm", "distributed", "dask", "rustpy_xlsxwriter", "openpyxl")
#: What `academy status` needs for its table; everything else of HEAVY stays out.
STATUS_NEEDS = ("pandas", "numpy", "sqlalchemy", "pydantic", "yaml")


def imported(*argv: str) -> set[str]:
    """The top-level packages a fresh `academy ARGV` imports, as Python's -X importtime lists them."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "salesacademy.cli", *argv],
                            capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert lines, result.stderr[-500:]
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in lines[1:]}  # the first line is the heading


@pytest.mark.parametrize("argv", [["--help"], ["grade", "--help"], ["collect", "--help"], ["report", "--help"]])
def test_help_imports_no_heavy_library(argv):
    found = imported(*argv)
    assert "argparse" in found  # the listing is read right: the CLI's own imports are in it
    assert sorted(found & set(HEAVY)) == []


def test_status_imports_only_what_its_table_needs(instance):
    found = imported("status", "--instance", str(instance))
    assert "sqlalchemy" in found and "pandas" in found
    assert sorted(found & (set(HEAVY) - set(STATUS_NEEDS))) == []


IRI_PROBE = """
import sys
import salesacademy, jsonschema
built = "rfc3987_syntax.syntax_helpers" in sys.modules
checker = jsonschema.FormatChecker()
answers = [checker.conforms(value, kind) for value, kind in
           [("https://例子.测试/路径?查询=1#片段", "iri"), ("https://example.com/a b", "iri"),
            ("../路径/文件", "iri-reference"), ("../relative", "iri")]]
import rfc3987_syntax
print(built, answers, "rfc3987_syntax.syntax_helpers" in sys.modules, callable(rfc3987_syntax.parse))
"""


def test_jsonschema_imports_without_building_iri_parsers_and_still_checks_iris():
    result = subprocess.run([sys.executable, "-c", IRI_PROBE], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    # RFC 3987: an IRI may hold non-ASCII characters but no space, and needs a scheme; a reference need not.
    assert result.stdout.split() == ["False", "[True,", "False,", "True,", "False]", "True", "True"]


def test_nbformat_still_rejects_an_invalid_notebook_with_the_parsers_deferred():
    probe = ("import salesacademy, nbformat, sys\n"
             "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
             "nbformat.validate(nb)\n"
             "nb.cells[0]['outputs'] = 'not a list'\n"
             "try:\n    nbformat.validate(nb)\nexcept nbformat.ValidationError:\n    print('rejected')\n"
             "print('rfc3987_syntax.syntax_helpers' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert result.stdout.split() == ["rejected", "False"], result.stderr


def test_local_workers_given_a_start_are_running_on_entry_and_run_it_before_any_task(tmp_path):
    with executors.local(2, start=os.chdir, start_args=(str(tmp_path),)) as fanout:
        assert len(multiprocessing.active_children()) == 2  # before any task was handed out
        results = dict(fanout(os.path.abspath, ["a", "b", "c"], lambda item, error: error))
    assert results == {name: str(tmp_path / name) for name in "abc"}  # each ran in the folder its start chose
    assert multiprocessing.active_children() == []


def test_one_inline_worker_runs_its_start_in_this_process_on_entry():
    started = []
    with executors.local(1, inline=True, start=started.append, start_args=(os.getpid(),)) as fanout:
        assert started == [os.getpid()] and multiprocessing.active_children() == []
        assert dict(fanout(abs, [-1], lambda item, error: error)) == {-1: 1}
    assert started == [os.getpid()]


def test_local_workers_without_a_start_begin_with_the_first_fanout():
    with executors.local(2) as fanout:
        assert multiprocessing.active_children() == []
        assert dict(fanout(abs, [-1], lambda item, error: error)) == {-1: 1}


TEMPLATE_PROBE = """
import sys, tempfile
import nbformat
from salesacademy.kernel import start_template
from salesacademy.kernel.provisioner import Template
from salesacademy.kernel.runner import Limits, run_notebook

start_template()
template = Template.get(shell=True)  # the one the background thread started, once it is ready
with tempfile.TemporaryDirectory() as folder:
    for _ in range(2):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
        stopped = run_notebook(nb, cwd=folder, env={"PATH": "/usr/bin:/bin", "HOME": folder}, limits=Limits())
        print(stopped, nb.cells[0].outputs[0].get("text", "").strip())
print(Template.get(shell=True) is template, template.process.poll())
"""


def test_a_template_started_in_the_background_serves_every_notebook_of_its_process(tmp_path):
    """Started by a thread of its own, and kept: in bubblewrap, a template dies with the thread that started it."""
    result = subprocess.run([sys.executable, "-c", TEMPLATE_PROBE], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["None 42", "None 42", "True None"]


SHARED_PROBE = """
import multiprocessing, os, shutil, tempfile
import nbformat
from salesacademy.kernel import start_template
from salesacademy.kernel.provisioner import FAILED, Template
from salesacademy.kernel.runner import Limits, run_notebook


def worker(shared):
    start_template(shared)
    with tempfile.TemporaryDirectory() as folder:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
        stopped = run_notebook(nb, cwd=folder, env={"PATH": "/usr/bin:/bin", "HOME": folder}, limits=Limits())
    template = Template.get(shell=True)
    return [stopped, nb.cells[0].outputs[0].get("text", "").strip(), template.folder == shared, template.process is None]


if __name__ == "__main__":
    failed = tempfile.mkdtemp()
    open(os.path.join(failed, FAILED), "w").close()
    shared = Template.share()
    # Asked again while it gets ready (as `academy report` does, having started it before loading the rest): the same one, at once.
    print(Template.share() == shared and (True, True) not in Template._instances)
    results = []
    for folder in (shared, failed):  # each in a process of its own
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            results.append(pool.apply(worker, (folder,)))
    print(results)
    Template.attach(Template.share())  # a second run of a command in this process: its template is this process's own
    print(Template.get(shell=True).folder == shared, Template.share() == shared, Template._shared)
    shutil.rmtree(failed)
"""


def test_worker_processes_fork_from_the_template_their_command_shares_or_start_their_own_if_it_failed(tmp_path):
    """One warm template for a command and its local workers; a worker given one that failed to start warms up its own."""
    script = tmp_path / "probe.py"
    script.write_text(SHARED_PROBE, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["True", "[[None, '42', True, True], [None, '42', False, False]]", "True True {}"]


def test_grading_workers_import_no_pandas():
    """A worker imports `salesacademy.grade` for its tasks; pandas is the gradebook writer's, in the command's process."""
    probe = "import sys, salesacademy.grade\nprint(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "[]", result.stderr[-2000:]
