"""The inside of a forked kernel: an IPython shell that runs cells and records their outputs.

A forked child of the template (`forkserver`) calls `serve`: it reads one cell
at a time from its connection and answers with the cell's outputs in
nbformat 4 form (streams, rich displays, the execute result, the error), as an
IPython kernel would publish them. No Jupyter messaging is involved: the
template has already imported everything, so a kernel is ready as soon as it
is forked, and it is thrown away after one notebook.

Output is capped per cell (`MAX_OUTPUT_CHARS`): a submission that prints
without end fills the cap, not the grader's memory. What is written below
Python, straight to file descriptors 1 and 2 (``os.system``, a subprocess,
a C library), is caught too and becomes the cell's stdout and stderr, as in
a Jupyter kernel. Nobody is at the keyboard: ``input()`` raises
``StdinNotImplementedError``, as it does in a Jupyter kernel whose
frontend takes no input.
"""

from __future__ import annotations

import builtins
import codecs
import io
import json
import os
import socket
import sys
import threading

MAX_OUTPUT_CHARS = 1_000_000
ERROR_MIN_CHARS = 2_000  # an error is kept even over the cap, with this much of its text
TRUNCATED = "\n[output truncated: more than {:,} characters]\n"


class Recorder:
    """The outputs of the cell being run."""

    def __init__(self) -> None:
        self.outputs: list[dict] = []
        self.size = 0
        self.truncated = False
        self.lock = threading.Lock()  # streams arrive from the cell and from `DescriptorCapture`'s threads

    def _room(self, text: str) -> str:
        if self.truncated:
            return ""
        if self.size + len(text) > MAX_OUTPUT_CHARS:
            self.truncated = True
            text = text[: MAX_OUTPUT_CHARS - self.size] + TRUNCATED.format(MAX_OUTPUT_CHARS)
        self.size += len(text)
        return text

    def stream(self, name: str, text: str) -> None:
        with self.lock:
            text = self._room(text)
            if not text:
                return
            last = self.outputs[-1] if self.outputs else None
            if last and last["output_type"] == "stream" and last["name"] == name:
                last["text"] += text
            else:
                self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def rich(self, output_type: str, data: dict, metadata: dict | None, **extra) -> None:
        size = sum(len(v) if isinstance(v, str) else len(json.dumps(v)) for v in data.values()) + len(json.dumps(metadata or {}))
        if self.truncated or self.size + size > MAX_OUTPUT_CHARS:
            self.stream("stdout", f"[{output_type} left out: the cell's output is over {MAX_OUTPUT_CHARS:,} characters]\n")
            return
        self.size += size
        self.outputs.append({"output_type": output_type, "data": data, "metadata": metadata or {}, **extra})

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        """Record an error; its text counts toward the cap, but the error itself is always kept, cut short if need be."""
        room = max(MAX_OUTPUT_CHARS - self.size, ERROR_MIN_CHARS)
        ename, evalue = ename[:200], evalue[:room]
        kept, used = [], len(evalue)
        for line in traceback:
            if used + len(line) > room:
                kept.append("[traceback cut short]")
                break
            kept.append(line)
            used += len(line)
        self.size += used
        self.outputs.append({"output_type": "error", "ename": ename, "evalue": evalue, "traceback": kept})

    def clear(self) -> None:
        self.outputs.clear()


class StreamWriter(io.TextIOBase):
    """sys.stdout or sys.stderr of the kernel."""

    def __init__(self, recorder: Recorder, name: str) -> None:
        self.recorder, self.name = recorder, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.recorder.stream(self.name, text)
        return len(text)

    @property
    def encoding(self) -> str:
        return "utf-8"


class DescriptorCapture:
    """What is written to file descriptor `fd` (1 or 2), below Python, read into `recorder` as stream `name`.

    The descriptor becomes the write end of a pipe. A thread reads it while the
    cell runs, so a writer never blocks on a full pipe; `drain` takes what is
    left once the cell is done, before its outputs are sent.
    """

    def __init__(self, recorder: Recorder, fd: int, name: str) -> None:
        self.recorder, self.name = recorder, name
        self.read_end, write_end = os.pipe()
        os.dup2(write_end, fd)
        os.close(write_end)
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.lock = threading.Lock()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        import select

        open_ = True
        while open_:  # until every write end is closed (a cell may close its descriptor 1)
            select.select([self.read_end], [], [])
            with self.lock:
                open_ = self._take()

    def _take(self) -> bool:
        """Move what the pipe holds into the recorder, without waiting for more; False once no one can write to it."""
        os.set_blocking(self.read_end, False)
        try:
            while chunk := os.read(self.read_end, 1 << 16):
                self.recorder.stream(self.name, self.decoder.decode(chunk))
        except BlockingIOError:
            return True
        return False

    def drain(self) -> None:
        with self.lock:
            self._take()


def refuse_input(prompt: str = "", *args, **kwargs) -> str:
    """`input` and `getpass` of a kernel with nobody at the keyboard."""
    from IPython.core.error import StdinNotImplementedError

    raise StdinNotImplementedError("input was asked for, but this kernel runs with nobody to type it")


def make_shell(recorder: Recorder):
    """An IPython shell whose displays, results and tracebacks go to `recorder`."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from ipykernel.compiler import XCachingCompiler
    from traitlets import Type
    from traitlets.config import Config

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs) -> None:
            recorder.rich("display_data", data, metadata)

        def clear_output(self, wait: bool = False) -> None:
            recorder.clear()

    class Hook(DisplayHook):
        def write_output_prompt(self) -> None:
            pass

        def write_format_data(self, format_dict, md_dict=None) -> None:
            recorder.rich("execute_result", format_dict, md_dict, execution_count=self.prompt_count)

        def finish_displayhook(self) -> None:
            pass

    class Shell(InteractiveShell):
        displayhook_class = Type(Hook)
        display_pub_class = Type(Publisher)
        # ipykernel's: cells are named and quoted in tracebacks as in a Jupyter kernel (blank lines kept)
        compiler_class = Type(XCachingCompiler)

        def _showtraceback(self, etype, evalue, stb) -> None:
            recorder.error(etype.__name__, str(evalue), list(stb))

        def enable_gui(self, gui=None) -> None:  # inline figures need no event loop
            pass

        def ask_exit(self) -> None:  # exit() or quit() in a cell ends the kernel, as in Jupyter
            self.exit_now = True

    # No history: its saving thread would have to start again in every fork.
    shell = Shell.instance(config=Config({"HistoryManager": {"enabled": False}}), colors="NoColor")
    shell.enable_matplotlib("inline")
    return shell


def _restore_builtins(shell, pristine: dict) -> None:
    """Before a test cell: the built-ins as they were when the kernel started, and no global shadowing one.

    A learner's code runs in the same process as the tests, so this makes
    tampering harder, not impossible (docs/security.md).
    """
    builtins.__dict__.clear()
    builtins.__dict__.update(pristine)
    for name in [n for n in shell.user_ns if n in pristine and n not in shell.user_ns_hidden and not n.startswith("_")]:
        del shell.user_ns[name]


class Setup:
    """What the notebook's locked set-up cells define (its data, say), kept as they left it for every test cell.

    A test reads the same globals as the learner's answer, so an answer that
    rebinds or changes ``events`` would change what the test checks against.
    After each set-up cell, the names it bound are remembered with a copy of
    their values; before each test cell, they are bound again to a fresh copy
    of those values. Like the built-ins, this makes tampering harder, not
    impossible (docs/security.md).
    """

    def __init__(self) -> None:
        self.kept: dict[str, object] = {}

    def remember(self, user_ns: dict, before: dict[str, int]) -> None:
        for name, value in user_ns.items():
            if not name.startswith("_") and before.get(name) != id(value):
                self.kept[name] = _copied(value)

    def restore(self, user_ns: dict) -> None:
        for name, value in self.kept.items():
            user_ns[name] = _copied(value)


def _copied(value: object) -> object:
    """A copy of a data value (a table, an array, a container); anything else (a module, a function) as it is."""
    import copy

    if type(value).__module__.split(".")[0] in ("pandas", "numpy") or isinstance(value, (list, dict, set)):
        try:
            return copy.deepcopy(value)
        except Exception:  # a container holding something that cannot be copied: kept as it is
            return value
    return value


_prepared: tuple[Recorder, object] | None = None


def prepare() -> None:
    """Build the shell ahead of time, in the template, so that every fork finds it ready."""
    global _prepared
    if _prepared is None:
        recorder = Recorder()
        _prepared = recorder, make_shell(recorder)


def serve(connection: socket.socket, *, pid: int) -> None:
    """Run cells sent on `connection` until it closes, having told the caller `pid`, this process's id as it sees it."""
    code = 0
    try:
        prepare()
        recorder, shell = _prepared
        sys.stdout, sys.stderr = StreamWriter(recorder, "stdout"), StreamWriter(recorder, "stderr")
        captures = [DescriptorCapture(recorder, 1, "stdout"), DescriptorCapture(recorder, 2, "stderr")]
        import getpass

        builtins.input = getpass.getpass = refuse_input
        stream = connection.makefile("rwb")
        stream.write(json.dumps({"pid": pid}).encode() + b"\n")
        stream.flush()
        pristine = dict(builtins.__dict__)
        setup = Setup()
        for line in stream:
            request = json.loads(line)
            nonce = request.pop("nonce", None)
            recorder.clear()
            recorder.size, recorder.truncated = 0, False
            if request.get("test"):
                _restore_builtins(shell, pristine)
                setup.restore(shell.user_ns)
            before = {name: id(value) for name, value in shell.user_ns.items()} if request.get("setup") else None
            result = shell.run_cell(request["code"], store_history=True, silent=False)
            if before is not None:
                setup.remember(shell.user_ns, before)
            for capture in captures:
                capture.drain()
            if not result.success and not any(o["output_type"] == "error" for o in recorder.outputs):
                # the cell failed but its traceback never reached us (showtraceback replaced, say)
                error = result.error_in_exec or result.error_before_exec
                recorder.error(type(error).__name__ if error else "Error", str(error or "the cell failed"), [])
            reply = {"outputs": list(recorder.outputs), "execution_count": result.execution_count,
                     "exit": bool(shell.exit_now), "nonce": nonce}
            stream.write(json.dumps(reply).encode() + b"\n")
            stream.flush()
            if shell.exit_now:
                break
    except BaseException:  # the controller sees the connection close and records why
        code = 1
    finally:
        os._exit(code)
