"""A papermill engine that runs notebooks on shells forked from the warm template.

papermill parameterises the notebook, records each cell's start, end and
failure, and raises `PapermillExecutionError` on the first failing cell, as
it always does; only the execution is different. Each notebook gets a fresh
fork, so nothing passes from one employee's report to the next. Registered
as papermill's ``academy`` engine by `register`. Its template loads no
course data: reports read the gradebook.

Import papermill before this module: papermill, as it is first imported,
loads every engine its ``papermill.engine`` entry points name, this one
among them, and would find it half-imported.
"""

from __future__ import annotations

import os
import time

from papermill.engines import Engine, papermill_engines

from .provisioner import Template
from .runner import ForkedShell, KernelUnavailable, Limits, error_output

ENGINE_NAME = "academy"
TIME_LIMIT = "the report's time limit"
#: What `ForkedShell.run` adds to the outputs of a cell it stopped for running over `TIME_LIMIT`.
TIMED_OUT = error_output("CellTimeoutError", f"stopped after {TIME_LIMIT}")


class ForkEngine(Engine):
    """papermill's ``academy`` engine (entry point ``papermill.engine``: ``papermill --engine academy``).

    As papermill's own engine does, it logs each cell's outputs with
    ``log_output`` and copies its streams to ``stdout_file`` and
    ``stderr_file`` (once the cell is done, not as they come), and a cell
    over the time limit raises nbclient's `CellTimeoutError`.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, execution_timeout=None, cwd=None, limits: Limits | None = None,
                                 log_output=False, stdout_file=None, stderr_file=None, **kwargs) -> None:
        from nbclient.exceptions import CellTimeoutError

        limits = limits or Limits(cell_timeout_s=execution_timeout or 600, notebook_timeout_s=3600)
        template = Template.get(shell=True, course_data=False)
        if template is None:
            raise KernelUnavailable(Template._unavailable or "no warm template")
        shell = ForkedShell(template, cwd=cwd or os.getcwd(), env=dict(os.environ), limits=limits.for_child())
        notebook_deadline = time.monotonic() + limits.notebook_timeout_s
        try:
            for index, cell in enumerate(nb_man.nb.cells):
                nb_man.cell_start(cell, index)
                failed = False
                if cell.cell_type == "code" and cell.source.strip():  # nbclient runs no empty cell
                    deadline = min(time.monotonic() + limits.cell_timeout_s, notebook_deadline)
                    started = _timestamp()
                    outputs, count, stopped = shell.run(cell.source, deadline=deadline, limit=TIME_LIMIT)
                    cell.metadata["execution"] = _timing(started, _timestamp())
                    if outputs and outputs[-1] == TIMED_OUT:
                        # what the interrupted cell left (its KeyboardInterrupt), as nbclient keeps it; no reply came
                        cell.outputs, cell.execution_count = [_node(o) for o in outputs[:-1]], count
                        del cell.metadata["execution"]["shell.execute_reply"]
                        nb_man.cell_complete(cell, cell_index=index)
                        raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", limits.cell_timeout_s, cell)
                    failed = stopped is not None or any(o["output_type"] == "error" for o in outputs)
                    # A cell that failed without a traceback (a UsageError, say) publishes none in a Jupyter kernel either.
                    outputs = [o for o in outputs if not (o["output_type"] == "error" and not o["traceback"])]
                    cell.outputs, cell.execution_count = [_node(o) for o in outputs], count
                    _pass_on(cell.outputs, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
                    if stopped and not any(o["output_type"] == "error" for o in outputs):
                        cell.outputs.append(_node({"output_type": "error", "ename": "KernelStopped", "evalue": stopped,
                                                   "traceback": [f"KernelStopped: {stopped}"]}))
                if failed:
                    nb_man.cell_exception(cell, cell_index=index)
                nb_man.cell_complete(cell, cell_index=index)
                if failed:
                    break
            nb_man.nb.metadata["language_info"] = _language_info()  # as papermill's nbclient records it, once all ran
        finally:
            shell.close()


def _pass_on(outputs: list, *, log_output: bool, stdout_file, stderr_file) -> None:
    """Log a cell's outputs and copy its streams to the files given, as papermill's own engine does."""
    from papermill.log import logger

    for output in outputs:
        if output.output_type == "stream":
            text = "".join(output.text)
            target = stdout_file if output.name == "stdout" else stderr_file
            if log_output:
                (logger.info if output.name == "stdout" else logger.warning)(text)
            if target is not None:
                target.write(text)
                target.flush()
        elif log_output and "text/plain" in output.get("data", {}):
            logger.info("".join(output.data["text/plain"]))


def _language_info() -> dict:
    """What a Python kernel says of its language; the forked kernels run this same Python."""
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


def _timestamp() -> str:
    """Now, written as nbclient writes the times of a cell's messages."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _timing(started: str, ended: str) -> dict:
    """A cell's ``execution`` metadata, with the keys nbclient records (its ``record_timing``)."""
    return {"iopub.status.busy": started, "iopub.execute_input": started, "shell.execute_reply": ended, "iopub.status.idle": ended}


def _node(output: dict):
    from nbformat import from_dict

    return from_dict(output)


def register() -> None:
    """Make ``engine_name="academy"`` available to `papermill.execute_notebook` in this process."""
    papermill_engines.register(ENGINE_NAME, ForkEngine)


def warm(target: str, *args) -> None:
    """Have the template call `target` with positional `args`, as the notebooks will, so its cached result is shared.

    See `forkserver.WARM_TARGETS` for what may be called.

    Raises:
        RuntimeError: the template is unavailable or the loader failed.
    """
    template = Template.get(shell=True, course_data=False)
    if template is None:
        raise KernelUnavailable(Template._unavailable or "no warm template")
    reply = template.request({"op": "warm", "target": target, "args": list(args)}, timeout=None)
    if "error" in reply:
        raise RuntimeError(reply["error"])
