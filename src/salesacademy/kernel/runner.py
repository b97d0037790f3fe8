"""Run a notebook on a kernel forked from the warm template, with time limits.

`run_notebook` is what the academy's grader and reports use instead of a
Jupyter kernel: the template forks a child that runs one cell at a time
(`shell.serve`), and this side enforces the per-cell and per-notebook time
limits. A cell that overruns is interrupted, as Jupyter's "interrupt" would;
a kernel that ignores the interrupt, dies or quits is recorded in the cell
where it happened, and every later code cell gets an error saying it never ran.
An unexecuted test cell therefore scores nothing, whereas nbgrader would give
full marks to a test cell with no output.

Verdicts are checked here, whatever the kernel does. A test cell whose
verdict the grader decided itself (a judgement question, `binding.judge`)
is never sent to the kernel: it gets the grader's outputs. Every other test
cell is sent twice, as it is and then as a canary: the same
cell with one more check at its end that must fail. An honest kernel
reports an error for the canary; one that reports it passed is forging its
results (its reply path replaced, its recorder silenced, or someone else
answering with the request's nonce). The test then scores nothing
(`VerdictForged`), the kernel is stopped and the reason is returned, so
later tests score nothing either; tests before it keep their verdicts,
since their own canaries failed as they must.

Outputs are bounded here too, whatever the kernel does: a reply longer than
`MAX_REPLY_BYTES` stops the kernel, and once a notebook's outputs pass
`MAX_NOTEBOOK_OUTPUT_CHARS`, later cells keep only their errors, cut short,
and a note: an error is what tells nbgrader a test failed, so it is never
dropped.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import secrets
import select
import signal
import socket
import time

from .provisioner import ForkedKernel, Template

INTERRUPT_GRACE_S = 5.0  # a loaded machine can take seconds to deliver and report an interrupt
MAX_REPLY_BYTES = 16 << 20  # one cell's reply; the shell caps a cell's output at a tenth of this
MAX_NOTEBOOK_OUTPUT_CHARS = 8_000_000
ERROR_TEXT_CHARS = 2_000  # of an error's value and of its traceback, once the notebook is over its output limit


#: What `ForkedShell._line` returns for a reply over `MAX_REPLY_BYTES`.
OVERSIZED = b"\0oversized"

TAMPERED = {"output_type": "error", "ename": "KernelTampered", "evalue": "the cell's result was forged",
            "traceback": ["KernelTampered: the cell's result was forged"]}


class KernelUnavailable(RuntimeError):
    """The warm template could not be started."""


@dataclasses.dataclass
class Limits:
    """Time limits, enforced here; memory, process and file limits, applied in the forked child."""

    cell_timeout_s: float = 30
    notebook_timeout_s: float = 300
    memory_mb: int | None = None
    processes: int | None = None
    file_mb: int | None = None

    def for_child(self) -> dict:
        return {"memory_mb": self.memory_mb, "processes": self.processes, "file_mb": self.file_mb,
                "cpu_s": int(self.notebook_timeout_s) + 5}


#: Why a notebook stopped when a canary passed; the cell's number follows.
FORGED = "a check that must fail was reported as passed: the kernel's results are forged"


def error_output(ename: str, evalue: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}"]}


class ForkedShell:
    """One forked kernel, for one notebook."""

    def __init__(self, template: Template, *, cwd: str, env: dict[str, str], limits: dict | None = None,
                 sandbox: dict | None = None) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(template.socket_path)
        self.buffer = bytearray()
        self.uid = sandbox["uid"] if sandbox else None
        self.sock.sendall((json.dumps({"op": "run", "cwd": cwd, "env": env, "limits": limits or {}, "sandbox": sandbox}) + "\n").encode())
        line = self._line(time.monotonic() + 30)
        reply = json.loads(line) if line else {"error": "no answer from the template"}
        if "pid" not in reply:
            self.sock.close()
            raise KernelUnavailable(f"the template could not start a kernel: {reply['error']}")
        self.kernel = ForkedKernel(template, reply["pid"])

    def _line(self, deadline: float) -> bytes | None:
        """The next line from the kernel; None when `deadline` passes, b"" when it has gone."""
        while (end := self.buffer.find(b"\n")) < 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.sock], [], [], remaining)[0]:
                return None
            try:
                chunk = self.sock.recv(1 << 20)
            except ConnectionError:  # the kernel closed its end with our request unread, and is gone
                return b""
            if not chunk:
                return b""
            self.buffer += chunk
            if len(self.buffer) > MAX_REPLY_BYTES:
                self.buffer.clear()
                return OVERSIZED
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 1]
        return line

    def run(self, code: str, *, deadline: float, limit: str, test: bool = False,
            setup: bool = False) -> tuple[list[dict], int | None, str | None]:
        """Run one cell; returns its outputs, execution count, and why the kernel stopped (None if it did not).

        Args:
            test: The cell is a locked test: the kernel restores its built-ins and the set-up cells' globals first.
            setup: The cell is locked set-up code: the kernel keeps what it defines for the tests (`shell.Setup`).
        """
        nonce = secrets.token_hex(16)  # a reply without it was not written by the shell
        try:
            self.sock.sendall((json.dumps({"code": code, "test": test, "setup": setup, "nonce": nonce}) + "\n").encode())
        except OSError:
            return [], None, self._gone()
        line = self._line(deadline)
        if line is None:  # over time: interrupt, as Jupyter does, and give it a moment to answer
            self.kernel.send_signal(signal.SIGINT)
            line = self._line(time.monotonic() + INTERRUPT_GRACE_S)
            timeout = error_output("CellTimeoutError", f"stopped after {limit}")
            if not line:
                self.kernel.kill()
                return [timeout], None, f"stopped after {limit}; it did not answer an interrupt"
            reply = self._reply(line, nonce)
            if reply is None:
                return [timeout, TAMPERED], None, self._tampered()
            return [*reply["outputs"], timeout], reply["execution_count"], None
        if line == b"":
            return [], None, self._gone()
        if line is OVERSIZED:
            self.kernel.kill()
            why = f"the cell's output was over {MAX_REPLY_BYTES >> 20} MB"
            return [error_output("OutputLimitExceeded", why)], None, why
        reply = self._reply(line, nonce)
        if reply is None:
            return [TAMPERED], None, self._tampered()
        return reply["outputs"], reply["execution_count"], "the cell called exit()" if reply["exit"] else None

    @staticmethod
    def _reply(line: bytes, nonce: str) -> dict | None:
        """The shell's reply to the request marked `nonce`; None for anything else written on the connection."""
        try:
            reply = json.loads(line)
        except ValueError:
            return None
        ok = isinstance(reply, dict) and reply.get("nonce") == nonce and isinstance(reply.get("outputs"), list)
        return reply if ok else None

    def _tampered(self) -> str:
        self.kernel.kill()
        return "something other than the grading shell wrote on the kernel's connection"

    def _gone(self) -> str:
        code = self.kernel.wait(5)
        if code is None:
            self.kernel.kill()
            return "the kernel stopped answering"
        if code < 0:
            return f"the kernel was killed by signal {signal.Signals(-code).name}"
        return f"the kernel exited with status {code}"

    def close(self) -> None:
        """Stop the kernel and every process it started.

        In the sandbox the kernel's user is its alone, so all of that user's
        processes go, even those that left the kernel's session. Otherwise
        the kernel's session goes (it leads one of its own).
        """
        self.sock.close()
        if self.uid is not None:
            reply = self.kernel.template.request({"op": "kill_user", "uid": self.uid})
            if "error" in reply:
                raise RuntimeError(f"could not stop the kernel's processes: {reply['error']}")
        try:
            os.killpg(self.kernel.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the session is gone, or its leader's pid now belongs to someone else's group
        if self.kernel.poll() is None:
            self.kernel.kill()
            self.kernel.wait(5)


def run_notebook(nb, *, cwd: str, env: dict[str, str], limits: Limits, sandbox: dict | None = None,
                 decided: dict[str, list[dict]] | None = None) -> str | None:
    """Execute the code cells of `nb` in place; returns why execution stopped early, or None.

    Args:
        sandbox: For `sandbox.enter_sandbox` (grading as root): ``uid``, ``gid`` and folders to ``hide``.
        decided: Test cell id -> the outputs the grader decided for it: that test cell is not run.

    Raises:
        KernelUnavailable: no warm template on this machine.
    """
    template = Template.get(shell=True)
    if template is None:
        raise KernelUnavailable(Template._unavailable or "no warm template")
    shell = ForkedShell(template, cwd=cwd, env=env, limits=limits.for_child(), sandbox=sandbox)
    notebook_deadline = time.monotonic() + limits.notebook_timeout_s
    stopped = None
    budget = MAX_NOTEBOOK_OUTPUT_CHARS
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            test = _is_test(cell)
            if test and cell.metadata["nbgrader"].get("grade_id") in (decided or {}):
                cell.outputs = [_node(o) for o in decided[cell.metadata["nbgrader"]["grade_id"]]]
                cell.execution_count = None
                continue
            if stopped:
                cell.outputs = [_node(error_output("KernelStopped", f"not run: {stopped}"))]
                cell.execution_count = None
                continue
            run = functools.partial(_run_cell, shell, limits=limits, notebook_deadline=notebook_deadline, test=test, setup=_is_setup(cell))
            outputs, count, why = _tested(run, cell.source) if test else run(cell.source)
            if why and not any(o["output_type"] == "error" for o in outputs):
                outputs = [*outputs, error_output("KernelStopped", why)]
            budget -= sum(len(json.dumps(o)) for o in outputs)
            if budget < 0:
                outputs = _over_limit(outputs)
            cell.outputs, cell.execution_count = [_node(o) for o in outputs], count
            if why:
                stopped = f"{why} (cell {index + 1})"
    finally:
        shell.close()
    return stopped


def _run_cell(shell: ForkedShell, code: str, *, limits: Limits, notebook_deadline: float, test: bool,
              setup: bool) -> tuple[list[dict], int | None, str | None]:
    """One request to the kernel, within the cell's limit and what is left of the notebook's."""
    cell_deadline = time.monotonic() + limits.cell_timeout_s
    deadline, limit = ((cell_deadline, f"the cell limit of {limits.cell_timeout_s:g} s") if cell_deadline <= notebook_deadline
                       else (notebook_deadline, f"the notebook limit of {limits.notebook_timeout_s:g} s"))
    outputs, count, why = shell.run(code, deadline=deadline, limit=limit, test=test, setup=setup)
    if not why and time.monotonic() >= notebook_deadline:
        why = f"stopped after {limit}"
    return outputs, count, why


def canary(source: str) -> str:
    """`source` with one more check at its end, which no answer can pass: a comparison of two different random texts."""
    mine, other = secrets.token_hex(8), secrets.token_hex(8)
    while other == mine:
        other = secrets.token_hex(8)
    return f"{source.rstrip()}\nassert {mine!r} == {other!r}\n"


def _tested(run, source: str) -> tuple[list[dict], int | None, str | None]:
    """A test cell's outputs, count and stop reason, its canary run just after it.

    Always after, never at random: a canary before the test would shift the
    test's execution count, which its traceback quotes, so the same submission
    would not always get the same graded notebook.
    """
    result = run(source)
    if result[2]:
        return result
    outputs, _, why = run(canary(source))
    if why:
        return result[0], result[1], why
    if not any(o["output_type"] == "error" for o in outputs):
        return [error_output("VerdictForged", FORGED)], None, FORGED
    return result


def _over_limit(outputs: list[dict]) -> list[dict]:
    """A cell's outputs once the notebook is over its output limit: a note, and its errors cut short."""
    note = {"output_type": "stream", "name": "stdout",
            "text": f"[output left out: the notebook's output is over {MAX_NOTEBOOK_OUTPUT_CHARS:,} characters]\n"}
    errors = [error_output(str(o.get("ename"))[:100], str(o.get("evalue"))[:ERROR_TEXT_CHARS])
              for o in outputs if o.get("output_type") == "error"]
    return [note, *errors]


def _is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade") and meta.get("locked") and not meta.get("solution"))


def _is_setup(cell) -> bool:
    """A locked cell that is neither a test nor an answer: the notebook's own code, such as loading its data."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("locked") and not meta.get("grade") and not meta.get("solution"))


def _node(output: dict):
    from nbformat import from_dict

    return from_dict(output)
