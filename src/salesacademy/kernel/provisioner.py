"""A jupyter_client kernel provisioner that forks kernels from a warm template.

Registered under the ``jupyter_client.kernel_provisioners`` entry point as
``academy-fork``; the ``salesacademy-fork`` kernelspec names it. One template
serves every kernel a process starts, and dies with that process. Where
forking is unavailable (no ``os.fork``, or the template fails to start), the
provisioner launches kernels the ordinary way and says so once.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from .. import scratch

log = logging.getLogger(__name__)


#: What the template inherits of this process's environment. Its memory is every kernel's
#: memory, so nothing else of it (passwords in variables, tokens) may reach it.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH", "MPLCONFIGDIR", "XDG_CACHE_HOME")


#: In a template's folder: the socket it answers on, and the mark of a template that failed to start.
SOCKET, FAILED = "template.sock", "failed"


def template_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in INHERITED if name in os.environ}


def _start_for_good(command: list[str], **options) -> subprocess.Popen:
    """`subprocess.Popen(command, **options)`, started from a thread that lives as long as this process.

    A template in bubblewrap (``--die-with-parent``) is sent its end when the
    thread that started it ends, not the process: one started by a passing
    thread (a worker's warm-up, a pool's task) would be gone before its first
    fork, and the next caller would start a cold one.
    """
    started: queue.Queue = queue.Queue()

    def start_and_stay() -> None:
        try:
            started.put(subprocess.Popen(command, **options))
        except BaseException as exc:  # handed to the caller, which raises it
            started.put(exc)
            return
        threading.Event().wait()

    threading.Thread(target=start_and_stay, name="academy-template-parent", daemon=True).start()
    process = started.get()
    if isinstance(process, BaseException):
        raise process
    return process


class Template:
    """A template process of this process, started on first use.

    Two kinds: one forks Jupyter kernels for this provisioner; the other
    (``shell=True``) forks the bare shells of `runner.run_notebook`. Either
    loads the course's data ahead of its forks, unless ``course_data=False``
    (reports, which read the gradebook and not the course's data).

    A command that fans notebooks out to worker processes of this machine
    starts one shell template for all of them (`share`), and each worker
    forks from it (`attach`) instead of warming up a template of its own:
    on a small batch, start-up is most of the run.
    """

    _lock = threading.Lock()
    _instances: "dict[tuple[bool, bool], Template]" = {}
    _unavailable: str | None = None
    #: (shell, course_data) -> the folder of a template another process of this machine started for this one
    _shared: "dict[tuple[bool, bool], str]" = {}
    #: The folders of the templates this process started, or is starting: never attached to as another's
    _own: "set[str]" = set()
    #: (shell, course_data) -> the folder of the template `share` last started in this process
    _started: "dict[tuple[bool, bool], str]" = {}
    #: How long a worker waits for the template it was given to be ready before it starts its own.
    ATTACH_TIMEOUT_S = 300

    def __init__(self, shell: bool = False, course_data: bool = True, folder: str | None = None) -> None:
        self.folder = folder or scratch.kernel_folder()
        self._own.add(self.folder)
        self.socket_path = os.path.join(self.folder, SOCKET)
        options = [*(["--shell"] if shell else []), *([] if course_data else ["--no-course-data"])]
        self.process = _start_for_good(
            [sys.executable, "-m", "salesacademy.kernel.forkserver", self.socket_path, *options],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
            cwd=self.folder,  # the template's own; each kernel gets its caller's folder (`ForkProvisioner.launch_kernel`)
            env=template_environment(),
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"template exited with status {self.process.wait()}")
        atexit.register(self.close)

    @classmethod
    def get(cls, shell: bool = False, course_data: bool = True, folder: str | None = None) -> "Template | None":
        """This process's template of the kind asked for, started (or attached to) and ready; None where forking fails."""
        key = (shell, course_data)
        with cls._lock:
            instance = cls._instances.get(key)
            if instance is not None and instance.alive():
                return instance
            shared = cls._shared.pop(key, None)  # once: should it die, this process starts its own
            if shared is not None and (attached := cls._attached(shared)) is not None:
                cls._instances[key] = attached
                return attached
            if cls._unavailable is None:
                try:
                    if not hasattr(os, "fork"):
                        raise RuntimeError("this platform cannot fork")
                    cls._instances[key] = cls(shell, course_data, folder)
                    return cls._instances[key]
                except Exception as exc:  # any failure means: fall back, once, loudly
                    cls._unavailable = str(exc)
                    log.warning("warm kernels unavailable (%s); starting kernels the ordinary way", exc)
            return None

    @classmethod
    def share(cls, shell: bool = True, course_data: bool = True) -> str:
        """Start this process's template in the background; returns its folder, for worker processes to `attach` to.

        The template is this process's: it ends when this process does. If this
        process already has one running, or getting ready, that one is shared.
        """
        key = (shell, course_data)
        started = cls._started.get(key)
        if started is not None and not os.path.exists(os.path.join(started, FAILED)):
            # Still getting ready (its start holds the lock meanwhile), or ready and running.
            running = cls._instances.get(key)
            if running is None or (running.folder == started and running.alive()):
                return started
        with cls._lock:
            running = cls._instances.get(key)
            if running is not None and running.alive():
                return running.folder
        folder = scratch.kernel_folder()
        cls._own.add(folder)
        cls._started[key] = folder

        def start() -> None:
            if getattr(cls.get(shell, course_data, folder), "folder", None) != folder:  # none, or one started meanwhile
                open(os.path.join(folder, FAILED), "w").close()  # the processes waiting on this folder start their own

        threading.Thread(target=start, name="academy-template", daemon=True).start()
        return folder

    @classmethod
    def attach(cls, folder: str, shell: bool = True, course_data: bool = True) -> None:
        """Fork this process's kernels of that kind from the template in `folder` (`share`), once it is ready.

        If that template fails to start, or is not ready within `ATTACH_TIMEOUT_S`,
        this process starts its own instead. A template of this process is its own already.
        """
        if folder not in cls._own:
            with cls._lock:
                cls._shared[shell, course_data] = folder

    @classmethod
    def _attached(cls, folder: str) -> Template | None:
        """The template another process started in `folder`, once it answers; None if it failed or never did."""
        instance = cls.__new__(cls)
        instance.folder, instance.socket_path, instance.process = folder, os.path.join(folder, SOCKET), None
        deadline = time.monotonic() + cls.ATTACH_TIMEOUT_S
        while time.monotonic() < deadline and os.path.isdir(folder) and not os.path.exists(os.path.join(folder, FAILED)):
            if instance.alive():
                return instance
            time.sleep(0.02)
        log.warning("the shared kernel template in %s did not start; starting this process's own", folder)
        return None

    def alive(self) -> bool:
        """Whether the template is running (one of another process: whether it takes connections)."""
        if self.process is not None:
            return self.process.poll() is None
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(self.socket_path)
            except OSError:
                return False
        return True

    def request(self, message: dict, timeout: float | None = 30) -> dict:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(self.socket_path)
            client.sendall((json.dumps(message) + "\n").encode())
            return json.loads(client.makefile("r").readline())

    def close(self) -> None:
        if self.process is None:  # another process's
            return
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


class ForkedKernel:
    """A kernel forked by the template, with the parts of Popen's interface jupyter_client uses."""

    stdin = stdout = stderr = None

    def __init__(self, template: Template, pid: int) -> None:
        self.template = template
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)  # signals go to this process even after its pid is reused
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self.pidfd], [], [], 0)[0]:
            code = self.template.request({"op": "exit_code", "pid": self.pid}).get("exit_code")
            self.returncode = code if code is not None else -signal.SIGKILL
            os.close(self.pidfd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            select.select([self.pidfd], [], [], timeout)
        return self.poll()

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            signal.pidfd_send_signal(self.pidfd, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """Forks each kernel from the warm template; talks to it over Unix sockets (ipc)."""

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        if km is not None and Template.get() is not None:
            # ipc sockets are files: no ports to race for, and they work across network namespaces.
            km.transport = "ipc"
            km.ip = os.path.join(tempfile.mkdtemp(prefix="k-", dir=Template.get().folder), "k")
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        template = Template.get()
        if template is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        # Without a folder of its own, a kernel runs where its caller runs, as a kernel Jupyter starts does.
        reply = template.request({"op": "fork", "argv": cmd, "cwd": kwargs.get("cwd") or os.getcwd(), "env": env})
        self.process = ForkedKernel(template, reply["pid"])
        self.pid = self.pgid = reply["pid"]  # the child leads its own session and process group
        return self.connection_info
