"""Outputs are bounded per cell and per notebook, whatever a submission prints, displays, raises or writes.

A graded notebook is stored for every employee and opened by trainers: a
submission must not be able to make it hundreds of megabytes. An error is what
tells nbgrader that a test failed, so bounding outputs never drops one.
"""

from __future__ import annotations

import json

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from salesacademy.kernel import runner
from salesacademy.kernel.runner import Limits, run_notebook
from salesacademy.kernel.shell import MAX_OUTPUT_CHARS

pytestmark = pytest.mark.slow


def run(tmp_path, *cells: str):
    nb = new_notebook(cells=[new_code_cell(source) for source in cells])
    stopped = run_notebook(nb, cwd=str(tmp_path), env={"PATH": "/usr/bin:/bin"}, limits=Limits(cell_timeout_s=60, notebook_timeout_s=300))
    return nb, stopped


def size(cell) -> int:
    return sum(len(json.dumps(output)) for output in cell.outputs)


def test_display_metadata_counts_toward_a_cells_cap(tmp_path):
    nb, _ = run(tmp_path, "from IPython.display import display\n"
                          "for _ in range(5):\n"
                          "    display({'text/plain': 'x'}, metadata={'padding': 'y' * 1_000_000}, raw=True)")
    assert size(nb.cells[0]) < 2 * MAX_OUTPUT_CHARS
    assert "left out" in "".join(o.get("text", "") for o in nb.cells[0].outputs)


def test_an_enormous_error_is_kept_cut_short(tmp_path):
    nb, _ = run(tmp_path, "raise ValueError('x' * 20_000_000)")
    (error,) = [o for o in nb.cells[0].outputs if o.output_type == "error"]
    assert error.ename == "ValueError" and size(nb.cells[0]) < 2 * MAX_OUTPUT_CHARS


def test_a_notebook_s_outputs_stop_at_its_limit_and_a_later_failure_still_shows(tmp_path):
    cells = ["print('z' * 999_000)"] * 12 + ["assert 1 == 2, 'the answer is wrong'"]
    nb, stopped = run(tmp_path, *cells)
    assert stopped is None
    assert sum(size(cell) for cell in nb.cells) < runner.MAX_NOTEBOOK_OUTPUT_CHARS + 2 * MAX_OUTPUT_CHARS
    assert "output left out" in nb.cells[-2].outputs[0].text
    assert [(o.ename, o.evalue) for o in nb.cells[-1].outputs if o.output_type == "error"] == [("AssertionError", "the answer is wrong")]


def test_a_reply_written_past_the_shell_is_stopped_at_its_limit(tmp_path):
    """The cell finds the kernel's connection and writes on it without end, as no honest cell can."""
    flood = ("import os, stat\n"
             "for fd in map(int, os.listdir('/proc/self/fd')):\n"
             "    try:\n"
             "        if stat.S_ISSOCK(os.fstat(fd).st_mode):\n"
             "            os.write(fd, b'x' * (24 << 20))\n"
             "    except OSError:\n"
             "        pass\n")
    nb, stopped = run(tmp_path, flood, "print('never')")
    assert stopped and "over 16 MB" in stopped
    assert size(nb.cells[0]) < 10_000 and nb.cells[1].outputs[0].ename == "KernelStopped"


def test_a_cell_that_closes_its_output_descriptors_leaves_the_kernel_working(tmp_path):
    """With descriptors 1 and 2 closed, nothing reads an endless end of file: the next cells run as usual."""
    nb, stopped = run(tmp_path, "import os\nos.close(1)\nos.close(2)", "import time\nstarted = time.process_time()\ntime.sleep(1)\n"
                                "print(round(time.process_time() - started, 1))")
    assert stopped is None
    assert float(nb.cells[1].outputs[0].text) < 0.5, "the kernel spent the second on CPU: something spun on the closed pipe"
