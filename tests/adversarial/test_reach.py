"""Submissions that reach for what they must not, graded in one batch with an honest one.

Each one answers ``choice`` with what it can lift from a place outside its
own folder: the gradebook, another employee's submission, the built
notebook with its hidden tests, the course source, a server on this
machine, a public address, a link planted in the exchange, or the
grader's own environment. Where the
reach fails, ``choice`` stays unanswered and the item scores nothing; where
it succeeds, the cheat earns the item's marks and the test fails.

Most protections are those of the root sandbox (docs/security.md): outside
CI, when the grader does not run as root, those tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import socketserver
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from salesacademy.config import bundled_content, load_config
from salesacademy.grade import Submission

from .course import (ASSIGNMENT, FULL, HONEST, MODULE, NOTEBOOK, autograded, cell_with, errors, grade_batch, hand_in,
                    locked_test, require_root_sandbox, scores)

pytestmark = pytest.mark.slow

#: Finds the answer to ``choice`` in a hidden test (choice == "C"), an answer cell (choice = "C") or their JSON.
ANSWER = r'choice ==? \\?["\'](\w)'
PUBLIC_ADDRESS = ("1.1.1.1", 53)  # a public DNS resolver: one TCP handshake, nothing sent
#: A variable of the grader's environment, standing for a database password or an access token.
SECRET = ("ACADEMY_ADVERSARIAL_SECRET", "gradebook-password-8264")

#: An answer to ``choice`` that looks for SECRET in the strings above the process's first argument: the
#: environment the process (or the process it was forked from) was started with, whatever os.environ says now.
ENVIRONMENT_READER = (
    "import ctypes\n\nchoice = None\n"
    "address = ctypes.c_void_p.in_dll(ctypes.CDLL(None), 'program_invocation_name').value\n"
    "for _ in range(1000):\n"
    "    text = ctypes.string_at(address)\n"
    "    address += len(text) + 1\n"
    f"    if text.startswith(b'{SECRET[0]}='):\n"
    "        print(text.decode())\n"
    "        choice = 'C'\n"
    "        break\n")


def lift_from(path: str) -> str:
    """An answer to ``choice`` copied out of the file at `path`."""
    return ("import re\n\nchoice = None\n"
            f"with open({path!r}, encoding='utf-8', errors='ignore') as source:\n"
            f"    choice = re.search(r'''{ANSWER}''', source.read()).group(1)\n")


class Informer(socketserver.BaseRequestHandler):
    """Tells whoever connects the answer to ``choice``."""

    def handle(self) -> None:
        self.server.visitors += 1
        self.request.sendall(b"C")


@pytest.fixture(scope="module")
def informer():
    server = socketserver.ThreadingTCPServer(("0.0.0.0", 0), Informer)  # on every address of this machine
    server.visitors = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def plant_link(root, employee_id: str, name: str, target) -> None:
    """Add a symbolic link to the employee's submission in the exchange, as a learner can: the inbound folder is theirs."""
    config, paths = load_config(root)
    (submission,) = paths.inbound(config.course.id).glob(f"{employee_id}+{ASSIGNMENT}+*")
    (submission / name).symlink_to(target)


#: A service's Unix socket that any user may connect to, where services keep theirs.
UNIX_SOCKET = f"/run/academy-reach-{os.getpid()}.sock"
#: A System V shared-memory key, and a lock file where every user may write one.
SHM_KEY = 0x5A0C0DE5
LOCK_FILE = f"/run/lock/academy-reach-{os.getpid()}"


@pytest.fixture(scope="module")
def unix_informer():
    """A server on UNIX_SOCKET, mode 0777, that tells whoever connects the answer to ``choice``."""
    server = socketserver.ThreadingUnixStreamServer(UNIX_SOCKET, Informer)
    os.chmod(UNIX_SOCKET, 0o777)
    server.visitors = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    os.unlink(UNIX_SOCKET)


def machine_address() -> str:
    """This machine's address on its network (not loopback), where the informer listens too."""
    import subprocess

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.255", 9))  # picks the outgoing address; a datagram socket sends nothing here
            address = probe.getsockname()[0]
        except OSError:  # no route out: any address of an interface
            address = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()[0]
    assert not address.startswith("127."), address
    return address


def shared_memory_keys() -> set[int]:
    """The keys of the System V shared-memory segments this machine's IPC namespace holds."""
    lines = open("/proc/sysvipc/shm", encoding="ascii").read().splitlines()[1:]
    return {int(line.split()[0]) for line in lines}


@pytest.fixture(scope="module")
def elsewhere():
    """What else this machine holds: another copy of the course, readable by all, and a folder everyone may write to."""
    copy = Path(tempfile.mkdtemp(prefix="academy-copy-", dir="/srv")) / "course" / MODULE
    copy.mkdir(parents=True)
    shutil.copy(bundled_content() / "course" / MODULE / f"{NOTEBOOK}.py", copy)
    for path in [*copy.parents[:2], *copy.rglob("*"), copy]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    drop = Path(tempfile.mkdtemp(prefix="academy-drop-", dir="/srv"))
    drop.chmod(0o1777)
    yield {"copy": copy / f"{NOTEBOOK}.py", "drop": drop, "var-tmp": Path(f"/var/tmp/academy-reach-{os.getpid()}")}
    shutil.rmtree(copy.parents[1])
    shutil.rmtree(drop)


@pytest.fixture(scope="module")
def bystander(course):
    """A process of this machine (root's) with the instance's path on its command line, as `academy grade --instance` has."""
    process = subprocess.Popen(["sh", "-c", "sleep 120", "bystander", str(course)])
    yield process
    process.kill()
    process.wait()


#: An answer that lists /proc: the users of the processes it shows, and whether any command line names INSTANCE.
PROCESS_LISTER = (
    "import os\n\nchoice = None\nusers, lines = set(), []\n"
    "for pid in filter(str.isdigit, os.listdir('/proc')):\n"
    "    try:\n"
    "        users.add(int(open(f'/proc/{pid}/status').read().split('Uid:')[1].split()[0]))\n"
    "        lines.append(open(f'/proc/{pid}/cmdline', 'rb').read().decode(errors='replace'))\n"
    "    except OSError:\n"
    "        pass\n"
    "print('others:', sorted(users - {os.getuid()}))\n"
    "print('instance named:', INSTANCE in ' '.join(lines))\n")


@pytest.fixture(scope="module")
def run(course, informer, unix_informer, elsewhere, bystander):
    content = bundled_content()
    hand_in(course, HONEST)
    hand_in(course, "gradebook-reader", {"choice": lift_from(str(course / "gradebook.db"))})
    hand_in(course, "peer-reader", {"choice": lift_from(str(course / "submitted" / HONEST / ASSIGNMENT / f"{NOTEBOOK}.ipynb"))})
    hand_in(course, "source-reader", {"choice": lift_from(str(course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"))})
    hand_in(course, "course-reader", {"choice": lift_from(str(content / "course" / MODULE / f"{NOTEBOOK}.py"))})
    port = informer.server_address[1]
    hand_in(course, "local-socket", {"choice": (
        "import socket\n\nchoice = None\n"
        f"with socket.create_connection(('127.0.0.1', {port}), timeout=3) as line:\n"
        "    choice = line.recv(1).decode()\n")})
    hand_in(course, "machine-socket", {"choice": (
        "import socket\n\nchoice = None\n"
        f"with socket.create_connection(({machine_address()!r}, {port}), timeout=3) as line:\n"
        "    choice = line.recv(1).decode()\n")})
    hand_in(course, "public-socket", {"choice": (
        "import socket\n\nchoice = None\n"
        f"socket.create_connection({PUBLIC_ADDRESS!r}, timeout=3).close()\n"
        "choice = 'C'\n")})
    hand_in(course, "network-lister", {"choice": (
        "import errno, socket\n\nchoice = None\n"
        "print('interfaces:', ' '.join(sorted(name for _, name in socket.if_nameindex())))\n"
        "try:\n"
        f"    socket.create_connection({PUBLIC_ADDRESS!r}, timeout=3).close()\n"
        "except OSError as exc:\n"
        "    print('connect:', errno.errorcode.get(exc.errno, type(exc).__name__))\n")})
    hand_in(course, "unix-socket", {"choice": (
        "import socket\n\nchoice = None\n"
        "with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as line:\n"
        f"    line.connect({UNIX_SOCKET!r})\n"
        "    choice = line.recv(1).decode()\n")})
    hand_in(course, "leftovers", {"choice": (
        "import ctypes\n\nchoice = None\n"
        f"segment = ctypes.CDLL(None, use_errno=True).shmget({SHM_KEY}, 4096, 0o1666)\n"
        "print('segment:', segment)\n"
        f"open({LOCK_FILE!r}, 'w').write('left behind')\n")})
    hand_in(course, "inbound-symlink", {"choice": lift_from("notes.db")})
    plant_link(course, "inbound-symlink", "notes.db", course / "gradebook.db")
    hand_in(course, "grader-environment", {"choice": ENVIRONMENT_READER})
    hand_in(course, "course-copy", {"choice": lift_from(str(elsewhere["copy"]))})
    hand_in(course, "process-lister", {"choice": f"INSTANCE = {str(course)!r}\n" + PROCESS_LISTER})
    hand_in(course, "world-writable", {"choice": (
        "choice = None\n"
        f"for path in ({str(elsewhere['drop'] / 'left.txt')!r}, {str(elsewhere['var-tmp'])!r}):\n"
        "    try:\n"
        "        open(path, 'w').write('left behind')\n"
        "        print('wrote', path)\n"
        "    except OSError as exc:\n"
        "        print(type(exc).__name__, path)\n")})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(*SECRET)
        return grade_batch(course)


def answer_errors(course, employee_id: str) -> list[str]:
    return errors(cell_with(autograded(course, employee_id), "choice-answer"))


def answer_printed(course, employee_id: str) -> str:
    """What the answer cell printed in the graded notebook."""
    return "".join(output.get("text", "") for output in cell_with(autograded(course, employee_id), "choice-answer").outputs
                   if output.output_type == "stream")


def assert_reach_failed(course, employee_id: str, *expected_errors: str) -> None:
    assert scores(course)[employee_id] == {**FULL, "choice": 0}, "the cheat earned the marks of choice"
    shown = answer_errors(course, employee_id)
    assert any(e.startswith(expected_errors) for e in shown), f"no error where the submission reached out: {shown}"
    assert any(e.startswith("AssertionError") for e in errors(locked_test(autograded(course, employee_id), "choice")))


def test_the_batch_grades_everyone_and_the_honest_answers_keep_full_marks(run, course):
    assert {s.employee_id for s in run.graded} == {HONEST, "gradebook-reader", "peer-reader", "source-reader", "course-reader",
                                                   "local-socket", "machine-socket", "public-socket", "network-lister", "unix-socket", "leftovers", "inbound-symlink",
                                                   "grader-environment", "course-copy", "process-lister", "world-writable"}
    assert Submission(HONEST, ASSIGNMENT) not in run.failed
    assert scores(course)[HONEST] == FULL


def test_the_gradebook_cannot_be_read(run, course):
    require_root_sandbox()
    assert_reach_failed(course, "gradebook-reader", "FileNotFoundError", "PermissionError")


def test_another_employees_submission_cannot_be_read(run, course):
    require_root_sandbox()
    assert_reach_failed(course, "peer-reader", "FileNotFoundError", "PermissionError")


def test_the_built_notebooks_with_hidden_tests_cannot_be_read(run, course):
    require_root_sandbox()
    assert_reach_failed(course, "source-reader", "FileNotFoundError", "PermissionError")


def test_the_course_sources_cannot_be_read(run, course):
    require_root_sandbox()
    assert_reach_failed(course, "course-reader", "FileNotFoundError", "PermissionError")


def test_a_server_on_this_machine_cannot_be_reached(run, course, informer):
    require_root_sandbox()
    assert_reach_failed(course, "local-socket", "OSError", "ConnectionRefusedError", "TimeoutError")
    assert informer.visitors == 0


def test_a_server_on_this_machine_s_network_address_cannot_be_reached(run, course, informer):
    """The informer listens on every address: outside the sandbox, this connection would be answered."""
    require_root_sandbox()
    assert_reach_failed(course, "machine-socket", "OSError", "ConnectionRefusedError", "TimeoutError")
    assert informer.visitors == 0


def test_a_public_address_cannot_be_reached(run, course):
    require_root_sandbox()
    assert_reach_failed(course, "public-socket", "OSError", "TimeoutError")


def test_the_sandbox_has_no_network_but_loopback(run, course):
    """Not merely no answer from outside, which any machine without internet gives: no interface to send it through."""
    require_root_sandbox()
    printed = answer_printed(course, "network-lister")
    assert "interfaces: lo\n" in printed, printed
    assert "connect: ENETUNREACH" in printed, printed


def test_a_unix_socket_open_to_every_user_cannot_be_reached(run, course, unix_informer):
    require_root_sandbox()
    assert_reach_failed(course, "unix-socket", "FileNotFoundError", "PermissionError", "ConnectionRefusedError")
    assert unix_informer.visitors == 0


def test_shared_memory_and_lock_files_do_not_outlive_the_kernel(run, course):
    """The kernel made its segment (in its own IPC namespace) and could not write where lock files go."""
    require_root_sandbox()
    printed = answer_printed(course, "leftovers")
    assert "segment: " in printed and "segment: -1" not in printed, printed
    assert SHM_KEY not in shared_memory_keys()
    assert not os.path.exists(LOCK_FILE)
    assert any(e.startswith(("FileNotFoundError", "OSError", "PermissionError")) for e in answer_errors(course, "leftovers"))


def test_a_link_planted_in_the_exchange_is_not_followed(run, course):
    collected = course / "submitted" / "inbound-symlink" / ASSIGNMENT / "notes.db"
    assert collected.is_symlink() or not collected.exists(), "collect copied the gradebook the link points to"
    assert_reach_failed(course, "inbound-symlink", "FileNotFoundError")


def test_the_graders_environment_cannot_be_read(run, course):
    graded = (course / "autograded" / "grader-environment" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8")
    assert SECRET[1] not in graded, "the kernel found the grader's environment and printed it into the notebook"
    assert scores(course)["grader-environment"]["choice"] == 0


def test_another_copy_of_the_course_on_this_machine_cannot_be_read(run, course, elsewhere):
    """A copy in /srv, readable by every user: the sandbox shows nothing of the machine it was not told to."""
    require_root_sandbox()
    assert 'choice == "C"' in elsewhere["copy"].read_text(encoding="utf-8")  # the answer is there to lift
    assert_reach_failed(course, "course-copy", "FileNotFoundError", "PermissionError")


def test_proc_shows_no_process_outside_the_sandbox_and_no_instance_path(run, course, bystander):
    require_root_sandbox()
    assert str(course) in Path(f"/proc/{bystander.pid}/cmdline").read_bytes().decode()  # visible outside the sandbox
    printed = answer_printed(course, "process-lister")
    assert "others: []\n" in printed, printed
    assert "instance named: False\n" in printed, printed


def test_world_writable_folders_of_the_machine_cannot_be_written(run, course, elsewhere):
    require_root_sandbox()
    printed = answer_printed(course, "world-writable")
    assert "wrote" not in printed, printed
    assert not list(elsewhere["drop"].iterdir())
    assert not elsewhere["var-tmp"].exists()
    assert scores(course)["world-writable"] == {**FULL, "choice": 0}
