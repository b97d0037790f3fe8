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
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from .. import scratch

log = logging.getLogger(__name__)


#: What the template inherits of this process's environment. Its memory is every kernel's
#: memory, so nothing else of it (passwords in variables, tokens) may reach it.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH", "MPLCONFIGDIR", "XDG_CACHE_HOME")


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
    """

    _lock = threading.Lock()
    _instances: "dict[tuple[bool, bool], Template]" = {}
    _unavailable: str | None = None

    def __init__(self, shell: bool = False, course_data: bool = True) -> None:
        self.folder = tempfile.mkdtemp(prefix=scratch.prefix("kernels"))
        self.socket_path = os.path.join(self.folder, "template.sock")
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
    def get(cls, shell: bool = False, course_data: bool = True) -> "Template | None":
        with cls._lock:
            instance = cls._instances.get((shell, course_data))
            if instance is not None and instance.process.poll() is None:
                return instance
            if cls._unavailable is None:
                try:
                    if not hasattr(os, "fork"):
                        raise RuntimeError("this platform cannot fork")
                    cls._instances[shell, course_data] = cls(shell, course_data)
                    return cls._instances[shell, course_data]
                except Exception as exc:  # any failure means: fall back, once, loudly
                    cls._unavailable = str(exc)
                    log.warning("warm kernels unavailable (%s); starting kernels the ordinary way", exc)
            return None

    def request(self, message: dict, timeout: float | None = 30) -> dict:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(self.socket_path)
            client.sendall((json.dumps(message) + "\n").encode())
            return json.loads(client.makefile("r").readline())

    def close(self) -> None:
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
