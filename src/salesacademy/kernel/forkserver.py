"""The template process: imports the scientific stack once, then forks a kernel per request.

Run as ``python -m salesacademy.kernel.forkserver SOCKET [--shell]``; with
``--shell`` the template also builds the shell that ``run`` children use
(`shell.prepare`), and is meant for those alone. It prints
``ready`` when warm, then serves one JSON request per connection on the Unix
socket SOCKET:

- ``{"op": "fork", "argv": [...], "cwd": ..., "env": {...}}`` answers
  ``{"pid": N}``: the child becomes an IPython kernel with the arguments that
  follow ``-m ipykernel_launcher`` in argv;
- ``{"op": "run", "cwd": ..., "env": {...}}`` forks a child that keeps the
  connection: it answers ``{"pid": N}``, then runs one cell per line it reads
  (`shell.serve`); this is how the academy's own grader and reports execute
  notebooks, without Jupyter messaging;
- ``{"op": "exit_code", "pid": N}`` answers ``{"exit_code": C}``, null while
  the child runs;
- ``{"op": "kill_user", "uid": N}`` kills every process of sandbox user N
  (see `start_reaper`) and answers ``{"ok": true}``;
- ``{"op": "warm", "target": "module:function", "args": [...]}`` calls one of
  the functions in `WARM_TARGETS` in the template itself, so that every later
  fork finds its result cached; answers ``{"ok": true}`` or ``{"error": ...}``.

The template never starts a thread, so forking it is safe. Each child starts
its own session, applies the limits in ``ACADEMY_KERNEL_LIMITS`` (JSON:
``memory_mb``, ``file_mb``, ``processes``, ``cpu_s``) and never returns here.
As root, the template first starts itself again inside bubblewrap, which
shows it only what Python needs (`salesacademy.kernel.sandbox`), and each
sandboxed child takes its own steps after the fork (`sandbox.enter_sandbox`).
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import pkgutil
import resource
import signal
import socket
import sys

from salesacademy.kernel import sandbox as confinement

# One thread per kernel: BLAS thread pools started in the template would not survive the fork.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
os.environ["MPLBACKEND"] = "Agg"
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

#: Modules every kernel finds already imported.
PRELOAD = (
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # pulls in debugpy: half a second per kernel if left to the child
    "pdb",
    "sqlite3",
    "tornado.queues",
    "IPython.extensions",
    "salesacademy.bankdata",
    "salesacademy.charts",
    "salesacademy.kernel.shell",
)
CLONE_NEWPID = 0x20000000

#: Sandboxed kernels run as user ids from here up, one per grading worker (`salesacademy.grade_worker.sandbox`).
#: No account on the machine has one, and the template kills the processes of no other user.
SANDBOX_UID_BASE = 2_000_000

#: What a caller may ask the template to load ahead of its forks.
WARM_TARGETS = {"salesacademy.report_data:cohort"}
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def warm_up(*, course_data: bool = True) -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    from salesacademy import bankdata, casedata, charts

    # The course's default data, generated once and shared copy-on-write by every kernel.
    # Notebooks call load() and load(seed=7), one entry of each cache (`memo.by_value`).
    cases = [importlib.import_module(f"salesacademy.casedata.{case.name}") for case in pkgutil.iter_modules(casedata.__path__)]
    for module in [bankdata, *cases] if course_data else []:
        module.load()
    charts.use_cjk_font()
    # The first drawing loads the fonts (the CJK one is large): pay for it here, once.
    import io

    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(2, 1))
    axes.set_title("培训 Training 0123")
    axes.bar(["合规", "A"], [1, 2])
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    plt.close(figure)


def apply_limits(limits: dict) -> None:
    """Resource limits of one kernel; each applies only where the caller set it."""
    mib = 1024 * 1024
    if limits.get("memory_mb"):
        resource.setrlimit(resource.RLIMIT_AS, (limits["memory_mb"] * mib,) * 2)
    if limits.get("file_mb"):
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_mb"] * mib,) * 2)
    if limits.get("processes"):
        # The limit counts every task of the user, not this kernel's alone. root is not held to it
        # at all; any other user is allowed what it already runs, machine-wide, plus the limit.
        running = 0 if os.getuid() == 0 else int(open("/proc/loadavg").read().split()[3].split("/")[1])
        resource.setrlimit(resource.RLIMIT_NPROC, (running + limits["processes"],) * 2)
    if limits.get("cpu_s"):
        resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_s"], limits["cpu_s"] + 5))


def _fresh_random_state() -> None:
    """Reseed numpy's global generator from the OS, as a fresh interpreter's would be.

    A fork copies the template's state, so every kernel would draw the same
    numbers. Python's ``random`` reseeds itself in a fork. String hashes keep
    the template's seed: Python fixes it at start-up (set PYTHONHASHSEED for
    the template to choose it).
    """
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


#: The template's own PID namespace, once it has forked a kernel into one of its own (`fork`).
_pid_namespace: int | None = None
#: In a forked child: its process id as the template sees it (in its own PID namespace, it is 1 to itself).
machine_pid: int | None = None


def fork(*, own_pid_namespace: bool) -> int:
    """`os.fork`; with `own_pid_namespace`, the child is process 1 of a PID namespace of its own.

    Everything the child starts is born in that namespace, and when the child
    ends the kernel ends everything in it: no process a submission starts
    outlives its kernel, however it detaches. In the child, `machine_pid` is
    set before the child's own /proc hides the template's numbering.
    """
    global _pid_namespace, machine_pid
    if not own_pid_namespace:
        pid = os.fork()
        if pid == 0:
            machine_pid = os.getpid()
        return pid
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if _pid_namespace is None:
        _pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY)
    if libc.unshare(CLONE_NEWPID) != 0:
        raise OSError(ctypes.get_errno(), "sandbox: a PID namespace of its own")
    pid = -1
    try:
        pid = os.fork()
    finally:
        if pid != 0 and libc.setns(_pid_namespace, CLONE_NEWPID) != 0:  # the template's next children: its own namespace
            raise OSError(ctypes.get_errno(), "sandbox: back to the template's PID namespace")
    if pid == 0:
        machine_pid = int(os.readlink("/proc/self"))  # the template's /proc numbers processes as the template does
        os.close(_pid_namespace)
    return pid


def _detach(request: dict, listener: socket.socket) -> None:
    """In a new child: its own session, sandbox, folder, environment and limits, no terminal."""
    listener.close()
    if _reaper is not None:
        _reaper.close()
    os.setsid()
    # An interrupt must raise KeyboardInterrupt in the kernel, even if whoever started the
    # template ignored SIGINT (as a shell does for a command run in the background).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    apply_limits(request.get("limits") or json.loads(os.environ.get("ACADEMY_KERNEL_LIMITS", "{}")))
    if request.get("sandbox"):
        confinement.enter_sandbox(request["sandbox"], request["cwd"])
    else:
        confinement.leave_for_machine()
    os.chdir(request.get("cwd") or os.getcwd())
    _fresh_random_state()
    os.environ.clear()
    os.environ.update(request.get("env") or {})
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)


def run_cells(request: dict, listener: socket.socket, connection: socket.socket) -> None:
    """In the child: run the cells sent on `connection` (see `shell.serve`). Never returns."""
    try:
        try:
            _detach(request, listener)
        except Exception as exc:  # tell the caller why there is no kernel
            connection.sendall((json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n").encode())
            raise
        sys.path[0:0] = [""]
        connection.settimeout(None)
        from salesacademy.kernel import shell

        shell.serve(connection, pid=machine_pid)
    finally:
        os._exit(1)


def become_kernel(request: dict, listener: socket.socket) -> None:
    """In the child: turn into an IPython kernel. Never returns."""
    try:
        _detach(request, listener)
        argv = list(request["argv"])
        args = argv[argv.index("ipykernel_launcher") + 1:] if "ipykernel_launcher" in argv else argv[1:]
        sys.argv = ["ipykernel_launcher", *args]
        sys.path[0:0] = [""]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize([*args, "--HistoryManager.enabled=False"])
        # pyplot was imported with Agg in the template; give this kernel inline figures, as a fresh one has
        app.shell.enable_matplotlib("inline")
        app.start()
    finally:
        os._exit(0)


def warm(request: dict) -> dict:
    """Call an allowed loader in the template; its cache is then shared by every fork."""
    target = request.get("target")
    if target not in WARM_TARGETS:
        return {"error": f"not a loader the template runs: {target!r}"}
    module, function = target.split(":")
    try:
        with confinement.on_the_machine():  # a report's data lives in the instance, out of the sandbox's sight
            getattr(importlib.import_module(module), function)(*request.get("args", []))
    except Exception as exc:  # the caller reports it; the template keeps serving
        return {"error": f"{type(exc).__name__}: {exc}"}
    gc.freeze()  # as after the warm-up: no kernel's collector walks what was loaded
    return {"ok": True}


#: The template's end of the connection to the reaper (`start_reaper`); no kernel keeps it.
_reaper: socket.socket | None = None


def start_reaper() -> None:
    """Fork the reaper: a small child that kills every process of a sandbox user when told the user id.

    Only a process of that user can signal them all at once (``kill -1``), so
    the reaper forks one for each request. It is forked before the scientific
    stack is loaded because forking it then costs little; forking the template,
    or a grading worker, costs tens of milliseconds for each notebook.
    """
    global _reaper
    ours, theirs = socket.socketpair()
    if os.fork() == 0:
        ours.close()
        for line in theirs.makefile("r"):  # ends when the template is gone
            if line.strip().isdigit() and int(line) >= SANDBOX_UID_BASE:
                _kill_all_of(int(line))
            theirs.sendall(b"done\n")
        os._exit(0)
    theirs.close()
    _reaper = ours


def _kill_all_of(uid: int) -> None:
    """SIGKILL every process of `uid`, from a child that becomes that user (``kill -1`` signals all it may)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            for _ in range(3):  # a fork bomb may still be forking between rounds
                os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def kill_user(request: dict) -> dict:
    uid = request.get("uid")
    if not isinstance(uid, int) or uid < SANDBOX_UID_BASE:
        return {"error": f"not a sandbox user: {uid!r}"}
    if _reaper is None:
        return {"error": "this template has no reaper"}
    try:
        _reaper.sendall(f"{uid}\n".encode())
        done = _reaper.recv(16) == b"done\n"
    except OSError:
        done = False
    return {"ok": True} if done else {"error": "the reaper is gone"}


def _reap(pid: int) -> int | None:
    """The exit code of child `pid` if it has ended, reaping it; None while it runs."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status) if done else None


#: Requests the template answers itself, without forking.
ANSWERED_HERE = {"warm": warm, "kill_user": kill_user}


def serve(path: str) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    listener.settimeout(0.2)
    print("ready", flush=True)
    exit_codes: dict[int, int] = {}
    while True:
        while True:  # reap finished kernels so none lingers as a zombie
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            exit_codes[pid] = os.waitstatus_to_exitcode(status)
        if os.getppid() == 1:  # the grader that started us is gone
            return
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        with connection:
            connection.settimeout(10)
            line = connection.makefile("r").readline()
            if not line:  # a process making sure the template answers (`provisioner.Template.alive`)
                continue
            request = json.loads(line)
            if request["op"] in ANSWERED_HERE:
                reply = ANSWERED_HERE[request["op"]](request)
                connection.sendall((json.dumps(reply) + "\n").encode())
                continue
            if request["op"] == "run":
                try:
                    pid = fork(own_pid_namespace=bool(request.get("sandbox")))
                except OSError as exc:
                    connection.sendall((json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n").encode())
                    continue
                if pid == 0:
                    run_cells(request, listener, connection)
                continue  # the child answers on this connection; the template's copy closes
            if request["op"] == "fork":
                pid = fork(own_pid_namespace=False)
                if pid == 0:
                    become_kernel(request, listener)
                reply = {"pid": pid}
            else:
                reply = {"exit_code": exit_codes.pop(request["pid"], None) if request["pid"] in exit_codes else _reap(request["pid"])}
            connection.sendall((json.dumps(reply) + "\n").encode())


if __name__ == "__main__":
    confinement.restart_inside_bwrap()  # as root: runs this again inside bubblewrap, or says why not
    start_reaper()
    warm_up(course_data="--no-course-data" not in sys.argv[2:])
    if "--shell" in sys.argv[2:]:
        from salesacademy.kernel import shell

        shell.prepare()
    # Nothing loaded so far is ever collected: moved out of the collector's sight, it is
    # not walked (and so not copied page by page) by the collector of every forked kernel.
    gc.freeze()
    serve(sys.argv[1])
