"""The sandbox of grading kernels: bubblewrap around their template, its fallback, and each kernel's own steps.

As root, the template (`forkserver`) starts itself again inside bubblewrap
(``bwrap``, a Debian package) before it imports anything heavy. Inside, it
sees only what Python needs, read-only: the system's programs and libraries
(/usr and its links), a few files of /etc (fonts, time zone, the dynamic
loader's cache), and Python's own folders (the virtual environment, the
base interpreter and the package's source when installed editable). Its
own folder, with its socket, and the machine's temporary folder (where the
grader prepares each submission's working folder) are bound read-write; it
has a fresh /proc and a minimal /dev. Nothing else of the machine is there:
not /work, /home, /srv, the rest of /root, /run or /var.

Each kernel forked from it then takes its own steps (`enter_sandbox`):
a PID, network and IPC namespace, a disk quota holding its working folder's
changes and its /tmp, a /proc that shows only its own processes, and a
user of its own. The template keeps a handle on the machine's mount
namespace, for the few things done outside the sandbox: forking a kernel
that is not sandboxed (reports, the lab) and loading a report's cohort
data. Every sandboxed kernel closes that handle before it runs anything.

Where bubblewrap is missing or fails a start-up probe (a container that
forbids the namespaces it needs, say), the template stays where it is and
kernels get the deny-list sandbox instead: the same per-kernel steps, with
the instance and the course sources covered rather than everything else
left out. The template says which, once, on stderr.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Set in a template started inside bubblewrap: the file descriptor of the machine's mount namespace.
MACHINE_NAMESPACE = "ACADEMY_MACHINE_MOUNT_NAMESPACE"
#: The machine's folders of programs and libraries, bound read-only (or recreated as the links they are).
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
#: What a kernel needs of /etc: the dynamic loader's cache, fonts, time zone, names of users and hosts.
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "fonts", "localtime", "timezone",
       "passwd", "group", "nsswitch.conf", "hosts", "mime.types", "ssl/certs")
PROBE_TIMEOUT_S = 30
CLONE_NEWNS = 0x00020000
CLONE_NEWNET, CLONE_NEWIPC = 0x40000000, 0x08000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 32, 1 << 12, 1 << 14, 1 << 18
#: Space a grading kernel may fill in all (its /tmp, /dev/shm and changes to its folder) unless the caller
#: says (``disk_mb`` of the sandbox; `grading.max_disk_mb` in academy.toml), in MiB.
DISK_MB = 512
#: Where a kernel mounts the file system of its quota; its own /dev/shm is then bound over it.
QUOTA_MOUNT = "/dev/shm"
#: Folders every sandboxed kernel finds empty and read-only: services' Unix sockets (a network namespace
#: does not cover those in the file system) and lock files live there.
CLOSED_OFF = ("/run",)
PR_SET_NO_NEW_PRIVS = 38


def python_folders(exclude: tuple[str, ...] = ()) -> list[str]:
    """The outermost of the folders Python runs from: prefixes and the module path, real paths, existing ones.

    Args:
        exclude: folders left out, with everything above them (the template's own, the temporary folder).
    """
    found = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path) if p and os.path.isdir(p)}
    found = {p for p in found if p != "/" and not any(p == e or e.startswith(f"{p}/") for e in exclude)}
    return sorted(p for p in found if not any(p.startswith(f"{q}/") for q in found))


def matplotlib_cache() -> str:
    """Where matplotlib keeps its font list (as `matplotlib.get_cachedir` finds it, without importing matplotlib)."""
    if os.environ.get("MPLCONFIGDIR"):
        return os.path.realpath(os.environ["MPLCONFIGDIR"])
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.realpath(os.path.join(cache, "matplotlib"))


def machine_temp() -> str:
    """The machine's temporary folder, as the grader sees it (``TMPDIR`` or /tmp): where working folders are made."""
    return os.path.realpath(tempfile.gettempdir())


def bwrap_arguments(own_folder: str) -> list[str]:
    """bubblewrap's options for a template whose socket and working directory are in `own_folder`."""
    arguments = ["--die-with-parent", "--unshare-ipc", "--unshare-uts", "--hostname", "grading",
                 "--proc", "/proc", "--dev", "/dev"]
    for path in SYSTEM:
        if os.path.islink(path):
            arguments += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            arguments += ["--ro-bind", path, path]
    for name in ETC:
        arguments += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    temp = machine_temp()
    python = python_folders(exclude=(own_folder, temp))
    cache = matplotlib_cache()
    writable = [temp, *([] if own_folder.startswith(f"{temp}/") else [own_folder])]
    # bubblewrap makes the folders above a bound one for root alone (0700): open them to the kernel's user.
    above = {str(parent) for path in [*writable, *python, cache] for parent in Path(path).parents if str(parent) != "/"}
    for parent in sorted(above, key=lambda p: p.count("/")):
        if not any(parent == w or parent.startswith(f"{w}/") for w in writable):
            arguments += ["--perms", "0755", "--dir", parent]
    for folder in writable:
        arguments += ["--bind", folder, folder]
    for folder in python:
        arguments += ["--ro-bind", folder, folder]
    arguments += ["--bind-try", cache, cache]  # a font cache it cannot write, matplotlib rebuilds on every start
    return [*arguments, "--chdir", own_folder]


def unavailable(bwrap: str | None, arguments: list[str]) -> str | None:
    """Why bubblewrap cannot hold the template, or None: a probe runs Python inside it with `arguments`."""
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed"
    probe = "import salesacademy.kernel.forkserver"
    try:
        done = subprocess.run([bwrap, *arguments, "--", sys.executable, "-c", probe], capture_output=True, text=True,
                              timeout=PROBE_TIMEOUT_S, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap did not start: {exc}"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return f"bubblewrap's start-up probe failed: {last[:200]}"
    return None


def restart_inside_bwrap() -> None:
    """Run this template again inside bubblewrap (never returns), or say once why not and return.

    Only as root, and only once: the restarted template finds `MACHINE_NAMESPACE` set.
    """
    if os.geteuid() != 0 or MACHINE_NAMESPACE in os.environ:
        return
    bwrap = shutil.which("bwrap")
    arguments = bwrap_arguments(os.path.realpath(os.getcwd()))
    why = unavailable(bwrap, arguments)
    if why:
        print(f"academy: grading sandbox: {why}; grading kernels get the deny-list sandbox instead (docs/security.md)",
              file=sys.stderr, flush=True)
        return
    machine = os.open("/proc/self/ns/mnt", os.O_RDONLY)
    os.set_inheritable(machine, True)
    os.environ[MACHINE_NAMESPACE] = str(machine)
    os.execv(bwrap, [bwrap, *arguments, "--", sys.executable, *sys.orig_argv[1:]])


def machine_namespace() -> int | None:
    """The handle on the machine's mount namespace, in a template inside bubblewrap; None elsewhere."""
    value = os.environ.get(MACHINE_NAMESPACE)
    return int(value) if value else None


def _setns(handle: int) -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(handle, CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "sandbox: back to the machine's mount namespace")


def leave_for_machine() -> None:
    """In a kernel that is not sandboxed: see the machine's file system, as if the template had never left it."""
    handle = machine_namespace()
    if handle is not None:
        cwd = os.getcwd()
        _setns(handle)
        os.close(handle)
        os.chdir(cwd)


@contextlib.contextmanager
def on_the_machine() -> Iterator[None]:
    """In the template: do something in the machine's mount namespace (load a report's data), then come back."""
    handle = machine_namespace()
    if handle is None:
        yield
        return
    cwd = os.getcwd()
    own = os.open("/proc/self/ns/mnt", os.O_RDONLY)
    try:
        _setns(handle)
        os.chdir(cwd)
        yield
    finally:
        _setns(own)
        os.close(own)
        os.chdir(cwd)


def enter_sandbox(sandbox: dict, cwd: str) -> None:
    """Cut a grading kernel off from everything but its own folder `cwd`. Needs root.

    Inside bubblewrap (`restart_inside_bwrap`) the template already
    sees only what Python needs; elsewhere the deny-list applies: each folder
    of ``hide`` (the instance, the course sources) is covered by an empty
    read-only folder, /run too, and where a folder above Python's is closed to
    other users (pyenv's in root's home), it is covered by a read-only folder
    holding only Python's. Then, either way:

    - It is already process 1 of a PID namespace of its own (`forkserver.fork`).
    - A new network namespace with no interface up, and a new IPC namespace:
      System V shared memory, message queues and semaphores go with the kernel.
    - One tmpfs of ``disk_mb`` MiB holds everything the kernel may write: its
      /tmp (also the machine's temporary folder and, without bubblewrap,
      /var/tmp), its /dev/shm, and every change to `cwd`, an overlay whose
      lower layer is the folder the grader prepared. So what it writes is its
      own, counts towards one quota, and goes with it; the grader's folder is
      never changed. Python's folders under a covered one are bound back, read-only.
    - The template's own folder, with its socket, is covered.
    - A fresh /proc of its own PID namespace, which shows other users' processes to no one but root.
    - The user ``uid``/``gid``, no supplementary groups, and no way back up
      through set-user-id programs.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    def check(result: int, what: str) -> None:
        if result != 0:
            raise OSError(ctypes.get_errno(), f"sandbox: {what}")

    def cover(folder: str, options: bytes = b"size=4k", flags: int = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC) -> None:
        check(libc.mount(b"tmpfs", os.fsencode(folder), b"tmpfs", flags, options), f"cover {folder}")

    def bind(source: str, target: str, readonly: bool = False) -> None:
        check(libc.mount(os.fsencode(source), os.fsencode(target), None, MS_BIND | MS_REC, None), f"bind {target}")
        if readonly:
            check(libc.mount(b"none", os.fsencode(target), None, MS_BIND | MS_REMOUNT | MS_RDONLY, None), f"read-only {target}")

    if any(c in cwd for c in ",:\\"):  # they separate the overlay's options and layers
        raise OSError(f"sandbox: the kernel's folder may not have a comma, colon or backslash in its path: {cwd}")
    machine = machine_namespace()
    temp = machine_temp()
    template_folder = os.getcwd()
    check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC), "unshare")
    check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
    if machine is None:  # the deny-list
        hidden = [*sandbox.get("hide", []), *CLOSED_OFF]
        covered = {"/tmp", "/var/tmp", temp}
    else:
        hidden = [matplotlib_cache()]
        covered = {"/tmp", temp}
    for folder in [*hidden, template_folder]:
        if os.path.isdir(folder):
            cover(folder)
    covered = sorted(c for c in covered if os.path.isdir(c))
    covered = [c for c in covered if not c.startswith(tuple(f"{outer}/" for outer in covered))]  # a TMPDIR under /tmp goes with it
    python = python_folders(exclude=(template_folder,))
    under_covered = [p for p in python if p.startswith(tuple(f"{c}/" for c in covered))]
    closed = {p: _closed_above(p) for p in python if p not in under_covered} if machine is None else {}
    closed = {p: above for p, above in closed.items() if above}
    # The quota: the kernel's /tmp, /dev/shm and the changes to its folder live in one tmpfs of this size.
    quota = QUOTA_MOUNT
    cover(quota, f"size={int(sandbox.get('disk_mb') or DISK_MB)}m,mode=0755".encode(), MS_NOSUID | MS_NODEV)
    for name, mode in (("tmp", 0o1777), ("shm", 0o1777), ("changes", 0o755), ("overlay", 0o700)):
        os.mkdir(f"{quota}/{name}")
        os.chmod(f"{quota}/{name}", mode)
    prepared = os.stat(cwd)  # the changes' root stands for the folder: its owner and mode
    os.chown(f"{quota}/changes", prepared.st_uid, prepared.st_gid)
    os.chmod(f"{quota}/changes", prepared.st_mode & 0o7777)
    layers = f"lowerdir={cwd},upperdir={quota}/changes,workdir={quota}/overlay"
    check(libc.mount(b"overlay", os.fsencode(cwd), b"overlay", MS_NOSUID | MS_NODEV, os.fsencode(layers)), f"overlay {cwd}")
    keep = [(cwd, os.open(cwd, os.O_PATH | os.O_DIRECTORY), False),
            *((p, os.open(p, os.O_PATH | os.O_DIRECTORY), True) for p in [*under_covered, *closed])]
    # A closed folder above Python's (root's home, say) becomes an empty folder others may enter,
    # holding only Python's folders: the rest of it stays out of the kernel's sight.
    for above in sorted(set(closed.values())):
        cover(above, b"size=64k,mode=0755", MS_NOSUID | MS_NODEV)
    for folder in covered:
        bind(f"{quota}/tmp", folder)
    bind(f"{quota}/shm", "/dev/shm")
    for path, handle, readonly in keep:
        os.makedirs(path, mode=0o755, exist_ok=True)
        bind(f"/proc/self/fd/{handle}", path, readonly)
        os.close(handle)
    for above in sorted(set(closed.values())):
        check(libc.mount(b"none", os.fsencode(above), None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None), f"read-only {above}")
    check(libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, b"hidepid=2"), "own /proc")
    if machine is not None:
        os.close(machine)
    check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
    os.setgroups([])
    os.setgid(sandbox["gid"])
    os.setuid(sandbox["uid"])


def _closed_above(path: str) -> str | None:
    """The outermost folder above `path` that users other than its owner may not enter, or None."""
    import stat

    for folder in reversed(Path(path).parents):  # from / down
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return str(folder)
    return None
