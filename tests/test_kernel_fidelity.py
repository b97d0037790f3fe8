"""The warm kernels behave as a fresh one would, except for speed: where they run, and their random numbers.

A kernel forked from the template (`salesacademy-fork`) is what a learner's
Validate button and the reports use; a kernel forked for grading is what
`academy grade` uses. Each must start in its caller's folder and draw its
own random numbers, as a kernel Jupyter starts does.
"""

from __future__ import annotations

import nbclient
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from salesacademy.kernel import KERNEL_NAME, ensure_kernelspec
from salesacademy.kernel.runner import Limits, run_notebook

pytestmark = pytest.mark.slow

DRAW = "import numpy as np\nprint(np.random.rand(2).tolist())"  # Python's own random reseeds itself in a fork; numpy does not


def fork_kernel_outputs(cells: list[str]) -> list[str]:
    """Run `cells` on a `salesacademy-fork` kernel started as nbgrader validate starts one: no working folder given."""
    ensure_kernelspec()
    nb = new_notebook(cells=[new_code_cell(source) for source in cells])
    nbclient.NotebookClient(nb, timeout=60, kernel_name=KERNEL_NAME).execute()
    return ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream") for cell in nb.cells]


def test_a_fork_kernel_without_a_folder_runs_in_its_callers_folder(tmp_path, monkeypatch):
    (tmp_path / "data.txt").write_text("beside the notebook", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (read, written) = fork_kernel_outputs(["print(open('data.txt').read())", "open('out.txt', 'w').write('kept')"])
    assert read.strip() == "beside the notebook"
    assert (tmp_path / "out.txt").read_text() == "kept", "a file written by relative path stays where the caller is"


def test_every_fork_kernel_draws_its_own_random_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first, second = fork_kernel_outputs([DRAW])[0], fork_kernel_outputs([DRAW])[0]
    assert first and second and first != second


def test_every_grading_kernel_draws_its_own_random_numbers(tmp_path):
    drawn = []
    for _ in range(2):
        nb = new_notebook(cells=[new_code_cell(DRAW)])
        assert run_notebook(nb, cwd=str(tmp_path), env={"PATH": "/usr/bin:/bin"}, limits=Limits()) is None
        drawn.append(nb.cells[0].outputs[0].text)
    assert drawn[0] != drawn[1]


def test_a_process_that_escapes_its_kernel_and_ignores_signals_is_stopped_by_the_cpu_time_limit(tmp_path):
    """It leaves the kernel's process group and ignores every signal it can: only the limit on CPU time ends it.

    The limit is the notebook's time limit plus 5 s of CPU (the hard limit, 5 s more, kills it with SIGKILL).
    """
    import os
    import time

    escape = ("import os, signal\n"
              "child = os.fork()\n"
              "if child == 0:\n"
              "    os.setsid()\n"
              "    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGXCPU):\n"
              "        signal.signal(number, signal.SIG_IGN)\n"
              "    while True:\n"
              "        pass\n"
              "open('escaped.pid', 'w').write(str(child))\n")
    nb = new_notebook(cells=[new_code_cell(escape)])
    limits = Limits(cell_timeout_s=2, notebook_timeout_s=2)
    run_notebook(nb, cwd=str(tmp_path), env={"PATH": "/usr/bin:/bin"}, limits=limits)
    pid = int((tmp_path / "escaped.pid").read_text())
    try:
        for _ in range(600):  # the limit allows it 12 s of CPU; on a busy machine that takes longer in wall-clock time
            if not _alive(pid):
                break
            time.sleep(0.5)
        assert not _alive(pid), "the escaped process still runs"
    finally:
        if _alive(pid):
            os.kill(pid, 9)


def _alive(pid: int) -> bool:
    import os

    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # a zombie has stopped, and only waits for its parent
    except FileNotFoundError:
        return False
    finally:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass


# papermill's `academy` engine beside its own -------------------------------------------------

FIDELITY_CELLS = [
    "import os, subprocess\nos.system('echo from-the-shell')\nsubprocess.run(['echo', 'from-a-subprocess'])\nprint('from-python')",
    "import sys\nos.write(2, b'to-descriptor-two\\n')",
    "try:\n    input('name? ')\nexcept Exception as exc:\n    print(type(exc).__name__)",
]


def _papermill(tmp_path, engine: str, cells: list[str], **kwargs):
    import papermill

    from salesacademy.kernel import papermill_engine

    papermill_engine.register()
    nb = new_notebook(cells=[new_code_cell(source) for source in cells])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / f"in-{engine}.ipynb")
    return papermill.execute_notebook(str(tmp_path / f"in-{engine}.ipynb"), str(tmp_path / f"out-{engine}.ipynb"),
                                      engine_name=engine, kernel_name="python3", progress_bar=False, cwd=str(tmp_path), **kwargs)


def _streams(cell) -> dict[str, str]:
    streams = {}
    for output in cell.outputs:
        if output.output_type == "stream":
            streams[output.name] = streams.get(output.name, "") + output.text
    return streams


def test_the_engine_keeps_descriptor_output_and_refuses_input_as_papermill_s_own_does(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_CURRENT_TEST")  # inside pytest, ipykernel leaves the descriptors to pytest's capture
    ours, stock = _papermill(tmp_path, "academy", FIDELITY_CELLS), _papermill(tmp_path, "nbclient", FIDELITY_CELLS)
    for index, (mine, theirs) in enumerate(zip(ours.cells, stock.cells)):
        for name in ("stdout", "stderr"):
            assert sorted(_streams(mine).get(name, "").splitlines()) == sorted(_streams(theirs).get(name, "").splitlines()), (index, name)
    assert "from-the-shell" in _streams(ours.cells[0])["stdout"] and "to-descriptor-two" in _streams(ours.cells[1])["stderr"]
    assert _streams(ours.cells[2])["stdout"].strip() == "StdinNotImplementedError"


def test_a_cell_over_time_raises_cell_timeout_error_as_papermill_s_own_engine_does(tmp_path):
    from nbclient.exceptions import CellTimeoutError

    cells = ["print('before')", "import time\nwhile True:\n    time.sleep(0.1)"]
    for engine in ("academy", "nbclient"):
        with pytest.raises(CellTimeoutError):
            _papermill(tmp_path, engine, cells, execution_timeout=2)
        written = nbformat.read(tmp_path / f"out-{engine}.ipynb", as_version=4)
        assert _streams(written.cells[0])["stdout"] == "before\n", engine


def test_the_engine_copies_streams_to_the_files_papermill_is_given(tmp_path):
    with open(tmp_path / "out.txt", "w") as out, open(tmp_path / "err.txt", "w") as err:
        _papermill(tmp_path, "academy", ["print('to out')", "import sys\nprint('to err', file=sys.stderr)"], stdout_file=out, stderr_file=err)
    assert (tmp_path / "out.txt").read_text() == "to out\n" and (tmp_path / "err.txt").read_text() == "to err\n"


def test_papermill_s_command_line_finds_the_academy_engine(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    nb = new_notebook(cells=[new_code_cell("print(6 * 7)")])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "in.ipynb")
    done = subprocess.run([str(Path(sys.executable).parent / "papermill"), "--engine", "academy", "-k", "python3", "--no-progress-bar",
                           str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb")], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _streams(nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[0])["stdout"] == "42\n"
