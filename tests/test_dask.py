"""Grading and reports on a Dask cluster give exactly what local workers give.

A `distributed.LocalCluster` of two worker processes stands in for the bank's
cluster: its workers see this machine's files, as a real cluster's workers
see the instance on shared storage. The same submitted instance is copied
twice; one copy is graded and reported on Dask, the other by local workers,
both through the real command line, and every grade, every test cell's
output and every report must agree. Misconfigured or unreachable schedulers
end in one line and write nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import os
import re
import socket
import stat
import sys
import threading
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import ROSTER_HEADER, database_dump, gradebook_url
from pg import copy_instance, drop_database
from test_engine import ASSIGNMENT, MODULE, submit

from salesacademy import answers, executors, gradebook_reads
from salesacademy.cli import main
from salesacademy.collect import collect
from salesacademy.errors import AcademyError
from salesacademy.release import release
from salesacademy.roster import import_roster

#: Right, wrong and mixed answers: every test cell passes for someone and fails for someone else.
#: The written item, `shortcuts`, waits for a trainer whatever is written.
ANSWERS = {
    "R1": dict.fromkeys(["skipped", "late", "choice", "shortcuts"], answers.REFERENCE),
    "R2": {"skipped": "mistake:counts-rows", "late": "mistake:ge-for-gt", "choice": "mistake:backfill-log", "shortcuts": answers.WEAK},
    "R3": {"skipped": answers.REFERENCE, "late": "mistake:seconds-drops-days", "choice": answers.BLANK},
}
#: Reports are as of tomorrow: today's submissions may fall on tomorrow in the course's time zone.
AS_OF = dt.date.today() + dt.timedelta(days=1)


# Instances and the cluster ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def submitted(tmp_path_factory, instance_template):
    """MODULE released to three compliance officers who submitted right, wrong and mixed answers; nothing graded."""
    root = copy_instance(instance_template, tmp_path_factory.mktemp("dask") / "submitted")
    (root / "roster.csv").write_text(
        ROSTER_HEADER + "".join(f"{e},Staff {e},Branch,Compliance,compliance_officer,,2020-01-01,{e}@bank.example,zh-CN\n" for e in ANSWERS),
        encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], progress=False)
    for employee_id, choices in ANSWERS.items():
        submit(root, employee_id, choices)
    collect(instance=root)
    yield root
    drop_database(gradebook_url(root))


@pytest.fixture(scope="module")
def graded(submitted, cluster, tmp_path_factory):
    """Two copies of `submitted`, graded and reported on, one on Dask and one by local workers."""
    folder = tmp_path_factory.mktemp("graded")
    on_dask, on_local = copy_instance(submitted, folder / "dask"), copy_instance(submitted, folder / "local")
    dask = ["--executor", "dask", "--scheduler", cluster.scheduler_address]
    assert main(["grade", "--instance", str(on_dask), *dask]) == 0
    assert main(["grade", "--instance", str(on_local), "--workers", "1"]) == 0
    report = ["report", "--all", "--no-pdf", "--as-of", AS_OF.isoformat(), "--period", "2025-H1"]
    assert main([*report, "--instance", str(on_dask), *dask]) == 0
    assert main([*report, "--instance", str(on_local), "--workers", "1"]) == 0
    yield on_dask, on_local
    for root in (on_dask, on_local):
        drop_database(gradebook_url(root))


def grade_rows(root: Path) -> pd.DataFrame:
    rows = gradebook_reads.grade_rows(gradebook_url(root))
    return rows.sort_values(["employee_id", "module_id", "item"]).reset_index(drop=True)


def outputs_of_test_cells(root: Path, employee_id: str) -> dict[str, list]:
    """grade id -> outputs of each autograded test cell of an employee's graded notebook."""
    nb = nbformat.read(root / "autograded" / employee_id / ASSIGNMENT / "exercise.ipynb", as_version=4)
    tests = [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.nbgrader.get("solution")]
    return {cell.metadata.nbgrader["grade_id"]: [dict(output) for output in cell.outputs] for cell in tests if cell.cell_type == "code"}


# Grading --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_grade_on_dask_is_the_grade_local_workers_give(graded):
    on_dask, on_local = graded
    dask_rows, local_rows = grade_rows(on_dask), grade_rows(on_local)
    assert set(dask_rows.employee_id) == set(ANSWERS)
    pd.testing.assert_frame_equal(dask_rows, local_rows)
    totals = dask_rows.groupby("employee_id").auto_score.sum()  # the written item has no automatic score
    assert totals["R1"] > totals["R3"] > totals["R2"], "right, mixed and wrong answers score differently"


@pytest.mark.slow
def test_test_cells_have_the_same_outputs_on_dask(graded):
    on_dask, on_local = graded
    failures = 0
    for employee_id in ANSWERS:
        dask_outputs, local_outputs = outputs_of_test_cells(on_dask, employee_id), outputs_of_test_cells(on_local, employee_id)
        assert dask_outputs and dask_outputs == local_outputs, employee_id
        failures += sum(output["output_type"] == "error" for outputs in dask_outputs.values() for output in outputs)
    assert failures > 0, "the wrong answers failed their tests"


@pytest.mark.slow
def test_dask_workers_grade_and_keep_their_grader_between_tasks(graded, cluster):
    """The calling process never grades: the workers hold the grader state, made for the instance they graded."""
    from distributed import Client

    on_dask, _ = graded
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        # a worker that was given nothing to grade has no grader, and answers with an error
        roots = client.run(lambda: str(sys.modules["salesacademy.grade_worker"]._worker.paths.root), on_error="return")
        # Each worker counts the submissions its grader has graded since it was made: a grader made afresh for
        # every task would have counted one, and the two workers at most two of the three.
        counted = client.run(lambda: sum(sys.modules["salesacademy.grade_worker"]._worker.since_check.values()), on_error="return")
    assert str(on_dask) in roots.values()
    assert sum(count for count in counted.values() if isinstance(count, int)) >= len(ANSWERS), counted
    assert not (on_dask / ".grading").exists(), "staging is cleared once every result is written"


# Reports --------------------------------------------------------------------------------------


def headline_and_module(page: str) -> tuple[str, str, str]:
    """The page's headline, and the status and score in MODULE's row of the modules table."""
    headline = re.search(r"<h1>([^<]*)</h1>", page)
    row = re.search(r"<td>销售流程与服务标准</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", page)
    assert headline and row
    return headline.group(1), *row.groups()


def table_cells(page: str) -> list[str]:
    """Every table cell of the page, sorted: the same figures, whichever order the rows of a table come in."""
    return sorted(re.findall(r"<td>([^<]*)</td>", page))


@pytest.mark.slow
def test_reports_on_dask_are_the_reports_local_workers_write(graded):
    on_dask, on_local = graded
    written = {root: sorted((root / "reports" / "employees").iterdir()) for root in graded}
    assert [p.name for p in written[on_dask]] == [p.name for p in written[on_local]] == [f"{e}_2025-H1.html" for e in sorted(ANSWERS)]
    shown = {}
    for dask_page, local_page in zip(written[on_dask], written[on_local]):
        assert stat.S_IMODE(dask_page.stat().st_mode) == 0o600
        dask_text, local_text = dask_page.read_text(encoding="utf-8"), local_page.read_text(encoding="utf-8")
        employee_id = dask_page.name.split("_")[0]
        shown[employee_id] = headline_and_module(dask_text)
        assert shown[employee_id] == headline_and_module(local_text)
        assert table_cells(dask_text) == table_cells(local_text)
    assert {e: headline for e, (headline, _, _) in shown.items()} == {e: f"员工培训报告: Staff {e}" for e in ANSWERS}
    percent = {e: float(score.strip("()%")) for e, (_, _, score) in shown.items()}
    assert percent["R1"] > percent["R3"] > percent["R2"], "the reports show the grades"


# Schedulers that cannot be used ---------------------------------------------------------------


def files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_and_nothing_is_written(submitted, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT_S", 2)
    root = copy_instance(submitted, tmp_path / "course")
    before = database_dump(root), files(root)
    address = f"tcp://127.0.0.1:{free_port()}"  # nobody listens there
    try:
        for command in (["grade"], ["report", "--all", "--no-pdf"]):
            capsys.readouterr()
            assert main([*command, "--instance", str(root), "--executor", "dask", "--scheduler", address]) == 1
            lines = capsys.readouterr().err.strip().splitlines()
            assert lines == [f"academy: error: cannot use the Dask scheduler at {address}: no answer within 2 s; "
                             "is the scheduler running and reachable?"]
        assert (database_dump(root), files(root)) == before
    finally:
        drop_database(gradebook_url(root))


@pytest.mark.parametrize("options, message", [
    (["--executor", "dask"], "--executor dask needs the scheduler's address"),
    (["--executor", "dask", "--scheduler", ""], "--executor dask needs the scheduler's address"),
    (["--scheduler", "tcp://10.0.0.5:8786"], "--scheduler is for --executor dask"),
])
@pytest.mark.parametrize("command", [["grade"], ["report", "--all", "--no-pdf"]])
def test_the_scheduler_goes_with_the_dask_executor_only(instance, command, options, message, capsys):
    before = database_dump(instance), files(instance)
    assert main([*command, "--instance", str(instance), *options]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("academy: error: ") and message in lines[0]
    assert (database_dump(instance), files(instance)) == before


class Listener:
    """A TCP server on a free local port that answers every connection with `greeting`, or says nothing."""

    def __init__(self, greeting: bytes | None) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        threading.Thread(target=self.serve, args=(greeting,), daemon=True).start()

    def serve(self, greeting: bytes | None) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:  # closed
                return
            self.connections.append(connection)
            if greeting is not None:
                connection.sendall(greeting)

    def close(self) -> None:
        self.server.close()
        for connection in self.connections:
            connection.close()


@pytest.mark.parametrize("greeting, message", [
    (None, "no answer within 1 s"),  # accepts and stays silent: the Dask client alone would wait for ever
    (b"SSH-2.0-OpenSSH_9.6\r\n", "the server there is not a Dask scheduler"),
])
def test_a_server_that_is_not_a_scheduler_is_named_as_such(monkeypatch, greeting, message):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT_S", 1)
    listener = Listener(greeting)
    try:
        with pytest.raises(AcademyError, match=f"^cannot use the Dask scheduler at {listener.address}: {message}"):
            with executors.dask(listener.address):
                pass
    finally:
        listener.close()


@pytest.mark.slow
def test_a_worker_given_as_the_scheduler_is_named_as_such(cluster):
    worker = next(iter(cluster.scheduler_info["workers"]))
    with pytest.raises(AcademyError, match=f"^cannot use the Dask scheduler at {worker}: the server there is a Dask Worker, not the scheduler$"):
        with executors.dask(worker):
            pass


@pytest.mark.parametrize("address", ["scheduler.bank.example", "http://scheduler.bank.example:8786"])
def test_an_address_dask_cannot_parse_is_one_line(address):
    with pytest.raises(AcademyError, match=f"^cannot use the Dask scheduler at {re.escape(address)}: "):
        with executors.dask(address):
            pass


# The local executor ---------------------------------------------------------------------------


def test_local_workers_yield_every_result():
    with executors.local(2) as fanout:
        results = dict(fanout(math.factorial, [3, 4, 5], lambda item, error: None))
    assert results == {3: 6, 4: 24, 5: 120}


def test_a_dead_local_worker_gives_lost_results_instead_of_an_error():
    items = list(range(3, 3 + 5 * executors.IN_FLIGHT_PER_WORKER))  # more than are handed out at once
    with executors.local(1) as fanout:
        results = dict(fanout(os._exit, items, lambda item, error: type(error).__name__))
    assert results == {item: "BrokenProcessPool" for item in items}


def test_local_workers_are_handed_a_few_tasks_at_a_time(tmp_path):
    files = [tmp_path / str(n) for n in range(100)]
    with executors.local(2) as fanout:
        results = fanout(Path.touch, files, lambda item, error: error)
        next(results)
        time.sleep(2)  # whatever the workers were handed, they have done by now
        touched = sum(path.exists() for path in files)
        rest = dict(results)
    assert 1 <= touched <= 2 * executors.IN_FLIGHT_PER_WORKER, "the batch is handed out a few tasks at a time"
    assert len(rest) == 99 and all(path.exists() for path in files)


def test_one_local_worker_runs_inline_only_when_asked():
    with executors.local(1, inline=True) as fanout:
        assert dict(fanout(lambda item: os.getpid(), [1], lambda item, error: None)) == {1: os.getpid()}
    with executors.local(1) as fanout:
        (_, pid), = fanout(operator.call, [os.getpid], lambda item, error: None)
    assert pid != os.getpid()
