"""The fast grading engine: kernels forked from a warm template, one per notebook.

Isolation between notebooks, time limits, a kernel killed mid-cell, and the
grading run around them (`academy grade` on a released module).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from pg import copy_instance

from salesacademy import answers, executors, gradebook_reads
from salesacademy.collect import collect
from salesacademy.config import database_url, load_config
from salesacademy.grade import Submission, grade
from salesacademy.kernel.runner import Limits, run_notebook
from salesacademy.release import release
from salesacademy.roster import import_roster

MODULE = "01-sales-process"
#: The version the test's staff take: compliance officers (a track with code items), in Chinese.
ASSIGNMENT = "01-sales-process.analyst.zh"


def run(cells: list[str], folder, **limits) -> tuple[object, str | None]:
    nb = new_notebook(cells=[new_code_cell(source) for source in cells])
    stopped = run_notebook(nb, cwd=str(folder), env={"PATH": "/usr/bin:/bin"}, limits=Limits(**limits))
    return nb, stopped


def errors(cell) -> list[str]:
    return [output.ename for output in cell.outputs if output.output_type == "error"]


def text(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")


# The kernels -----------------------------------------------------------------------------


def test_outputs_are_recorded_as_a_kernel_publishes_them(tmp_path):
    nb, stopped = run(["x = 41\nprint('hello')", "x + 1", "import matplotlib.pyplot as plt\nplt.plot([1, 2]);", "1 / 0"], tmp_path)
    assert stopped is None
    assert text(nb.cells[0]) == "hello\n"
    result = nb.cells[1].outputs[0]
    assert result.output_type == "execute_result" and result.data["text/plain"] == "42"
    assert nb.cells[2].outputs[0].output_type == "display_data" and "image/png" in nb.cells[2].outputs[0].data
    assert errors(nb.cells[3]) == ["ZeroDivisionError"]
    assert [c.execution_count for c in nb.cells] == [1, 2, 3, 4]


def test_nothing_passes_from_one_notebook_to_the_next(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _, stopped = run([
        "LEAK = 'employee A'",
        "open('answers.txt', 'w').write('employee A')",
        "import pandas as pd\npd.DataFrame.sum = lambda self, *a, **k: 'patched'",
        "from salesacademy import bankdata\nbankdata.load = lambda **k: 'patched'",
    ], first)
    assert stopped is None and (first / "answers.txt").exists()
    nb, stopped = run([
        "print('LEAK' in globals())",
        "import os\nprint(sorted(os.listdir('.')))",
        "import pandas as pd\nprint(pd.DataFrame({'a': [1, 2]}).sum().iloc[0])",
        "from salesacademy import bankdata\nprint(type(bankdata.load()).__name__)",
    ], second)
    assert stopped is None
    assert [text(cell) for cell in nb.cells] == ["False\n", "[]\n", "3\n", "Bank\n"]


def test_an_endless_cell_is_stopped_at_the_cell_limit_and_the_next_cells_run(tmp_path):
    nb, stopped = run(["x = 1", "while True:\n    pass", "print(x + 1)"], tmp_path, cell_timeout_s=3)
    assert stopped is None, "an interrupted kernel goes on with the next cell, as Jupyter's does"
    assert "CellTimeoutError" in errors(nb.cells[1])
    assert text(nb.cells[2]) == "2\n"


def test_a_kernel_that_ignores_the_interrupt_is_killed_and_later_cells_never_run(tmp_path):
    nb, stopped = run([
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)",
        "while True:\n    time.sleep(0.01)",
        "assert True",  # a test cell: must not pass by not running
    ], tmp_path, cell_timeout_s=3)
    assert stopped and "did not answer an interrupt" in stopped
    assert "CellTimeoutError" in errors(nb.cells[1])
    assert errors(nb.cells[2]) == ["KernelStopped"]


def test_the_notebook_limit_stops_a_notebook_of_slow_cells(tmp_path):
    nb, stopped = run(["import time\ntime.sleep(0.8)"] * 4, tmp_path, cell_timeout_s=5, notebook_timeout_s=2)
    assert stopped and "notebook limit" in stopped
    assert errors(nb.cells[-1]) == ["KernelStopped"]


def test_a_kernel_killed_mid_cell_is_recorded_in_that_cell(tmp_path):
    nb, stopped = run(["import os, signal\nprint('before')", "os.kill(os.getpid(), signal.SIGKILL)", "print('after')"], tmp_path)
    assert stopped == "the kernel was killed by signal SIGKILL (cell 2)"
    assert text(nb.cells[0]) == "before\n"
    assert errors(nb.cells[1]) == ["KernelStopped"] and errors(nb.cells[2]) == ["KernelStopped"]


def test_exit_ends_the_kernel_like_a_stopped_one(tmp_path):
    nb, stopped = run(["exit()", "print('after')"], tmp_path)
    assert stopped and "exit()" in stopped
    assert errors(nb.cells[1]) == ["KernelStopped"]


def test_memory_limit_applies_in_the_kernel(tmp_path):
    nb, stopped = run(["x = bytearray(600 * 2**20)"], tmp_path, memory_mb=512)
    assert errors(nb.cells[0]) == ["MemoryError"]


# Grading runs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def released(tmp_path_factory, instance_template):
    """An instance with MODULE released to three compliance officers, nothing submitted yet."""
    root = tmp_path_factory.mktemp("engine") / "course"
    copy_instance(instance_template, root)
    (root / "roster.csv").write_text(
        "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"
        + "".join(f"R{i},Staff {i},Branch,Compliance,compliance_officer,,2020-01-01,r{i}@bank.example,zh-CN\n" for i in (1, 2, 3)),
        encoding="utf-8")
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=[MODULE], progress=False)
    return root


def submit(root, employee_id: str, choices: dict[str, str], override: dict[str, str] | None = None) -> None:
    """Fetch, answer (reference answers, blanks, or code of our own for some items) and submit."""
    def overridden(nb, key):
        cells = {item.id: item.answer_cell for item in key.items}
        for cell in nb.cells:
            for item_id, code in (override or {}).items():
                if cell.metadata.get("nbgrader", {}).get("grade_id") == cells[item_id]:
                    cell.source = code

    answers.hand_in(instance=root, employee_id=employee_id, module_id=MODULE, choices=choices, edit=overridden)


def scores(root) -> dict[tuple[str, str], float]:
    config, paths = load_config(root)
    rows = gradebook_reads.grade_rows(database_url(config, paths))
    return {(r.employee_id, r.item): r.auto_score for r in rows.itertuples()}


@pytest.fixture(params=[1, None], ids=["one-worker-process", "in-the-command"])
def workers(request, monkeypatch):
    """`grade`'s workers: one worker process, or none (the default for a small batch: the command grades it itself)."""
    if request.param is None:
        def no_pool(*args, **kwargs):
            raise AssertionError("a small batch started worker processes")

        monkeypatch.setattr(executors, "_pool", no_pool)
    return request.param


def test_a_killed_kernel_fails_its_submission_with_a_reason_and_the_run_goes_on(released, tmp_path, workers):
    root = tmp_path / "course"
    copy_instance(released, root)
    reference = dict.fromkeys(["skipped", "late", "choice"], answers.REFERENCE)
    submit(root, "R1", reference, override={"late": "import ctypes\nctypes.string_at(0)"})  # a crash
    submit(root, "R2", reference)
    collect(instance=root)
    run = grade(instance=root, workers=workers, progress=False)
    assert list(run.failed) == [Submission("R1", ASSIGNMENT)]
    assert "SIGSEGV" in run.failed[Submission("R1", ASSIGNMENT)]
    assert set(run.graded) == {Submission("R1", ASSIGNMENT), Submission("R2", ASSIGNMENT)}
    graded = scores(root)
    assert graded[("R1", "skipped")] > 0, "what ran before the kernel died keeps its marks"
    assert graded[("R1", "late")] == 0 and graded[("R1", "choice")] == 0, "tests that never ran earn nothing"
    assert graded[("R2", "late")] > 0 and graded[("R2", "choice")] > 0
    rerun = grade(instance=root, workers=workers, progress=False)
    assert not rerun.graded and len(rerun.skipped) == 2, "a second run grades nothing already graded"


def test_one_worker_grades_employees_in_isolation(released, tmp_path, workers):
    """R1's answer leaves a global, a file and a patched library behind; R2's answer earns marks only if it finds none."""
    root = tmp_path / "course"
    copy_instance(released, root)
    submit(root, "R1", {"skipped": answers.REFERENCE, "late": answers.REFERENCE}, override={"choice": (
        "LEAK = 'R1'\nopen('leak.txt', 'w').write('R1')\nimport pandas as pd\npd.Series.sum = lambda self, *a, **k: -1\nchoice = 'C'")})
    submit(root, "R2", {"skipped": answers.REFERENCE, "late": answers.REFERENCE}, override={"choice": (
        "import os\nimport pandas as pd\n"
        "clean = 'LEAK' not in globals() and not os.path.exists('leak.txt') and pd.Series([1, 2]).sum() == 3\n"
        "choice = 'C' if clean else 'A'")})
    collect(instance=root)
    run = grade(instance=root, workers=workers, progress=False)
    assert not run.failed
    graded = scores(root)
    assert graded[("R1", "choice")] > 0
    assert graded[("R2", "choice")] == graded[("R1", "choice")], "R2 found something R1 left behind"


@pytest.mark.root
def test_the_root_sandbox_hides_folders_cuts_the_network_and_drops_root(tmp_path):
    import os

    from salesacademy.kernel.forkserver import SANDBOX_UID_BASE

    secret = Path(tempfile.mkdtemp(prefix="academy-test-")) / "instance"  # a folder nobody could otherwise read
    secret.mkdir(mode=0o755)
    secret.parent.chmod(0o755)
    (secret / "gradebook.db").write_text("grades")
    work = Path(tempfile.mkdtemp(prefix="academy-test-"))  # not under pytest's folders, which only root may enter
    uid = SANDBOX_UID_BASE + 999_997
    os.chown(work, uid, uid)
    nb = new_notebook(cells=[new_code_cell(source) for source in [
        f"import os\nprint(os.listdir({str(secret)!r}))",
        "print(os.getuid() == 0)",
        "import socket\nsocket.create_connection(('127.0.0.1', 22), timeout=2)",
        "open('answer.txt', 'w').write('mine')\nprint(open('answer.txt').read())",
    ]])
    stopped = run_notebook(nb, cwd=str(work), env={"PATH": "/usr/bin:/bin", "HOME": str(work)}, limits=Limits(),
                           sandbox={"uid": uid, "gid": uid, "hide": [str(secret)]})
    assert stopped is None
    assert text(nb.cells[0]) == "[]\n" or errors(nb.cells[0]) in (["PermissionError"], ["FileNotFoundError"]), \
        "the folder's files are out of sight"
    assert "gradebook.db" not in str(nb.cells[0].outputs)
    assert text(nb.cells[1]) == "False\n"
    assert errors(nb.cells[2]) == ["OSError"], "no network in the kernel's namespace"
    assert text(nb.cells[3]) == "mine\n", "its own folder stays writable"
    assert (secret / "gradebook.db").read_text() == "grades"
    shutil.rmtree(work)
    shutil.rmtree(secret.parent)


#: Runs one sandboxed cell on a template of its own, started with the TMPDIR this script is given.
TMPDIR_PROBE = """
import os, sys, tempfile
from nbformat.v4 import new_code_cell, new_notebook
from salesacademy.kernel.runner import Limits, run_notebook
work = tempfile.mkdtemp(prefix="academy-test-")
os.chown(work, 2_999_997, 2_999_997)
nb = new_notebook(cells=[new_code_cell("print(open('answer.txt', 'w').write('mine'))")])
stopped = run_notebook(nb, cwd=work, env={"PATH": "/usr/bin:/bin", "HOME": work}, limits=Limits(),
                       sandbox={"uid": 2_999_997, "gid": 2_999_997, "hide": []})
print(stopped, [output.get("text", output.get("ename")) for output in nb.cells[0].outputs])
"""


@pytest.mark.root
@pytest.mark.parametrize("name", ["short", "t" * 100])
def test_grading_kernels_run_with_the_temporary_folder_under_tmp_however_long_its_path(name):
    """A TMPDIR below /tmp goes under the kernel's own /tmp with it; one too long for a socket's path sends the template to /tmp."""
    temporary = Path(tempfile.mkdtemp(prefix=f"{name}-", dir="/tmp"))
    try:
        result = subprocess.run([sys.executable, "-c", TMPDIR_PROBE], capture_output=True, text=True, timeout=300,
                                env={**os.environ, "TMPDIR": str(temporary)})
        assert result.stdout.splitlines()[-1:] == ["None ['4\\n']"], result.stderr[-2000:]
    finally:
        shutil.rmtree(temporary)


@pytest.mark.root
def test_a_sandboxed_kernel_leaves_nothing_in_tmp_for_the_next(tmp_path):
    import os

    uid = 2_999_998
    cells = {"first": ["open('/tmp/left-behind.txt', 'w').write('employee A')", "open('/dev/shm/left', 'w').write('A')"],
             "second": ["import os\nprint(os.path.exists('/tmp/left-behind.txt'), os.path.exists('/dev/shm/left'))",
                        "print(open(os.path.join(os.getcwd(), 'mine.txt'), 'w').write('ok'))"]}
    printed = {}
    for who, sources in cells.items():
        work = Path(tempfile.mkdtemp(prefix="academy-test-"))
        os.chown(work, uid, uid)
        nb = new_notebook(cells=[new_code_cell(source) for source in sources])
        stopped = run_notebook(nb, cwd=str(work), env={"PATH": "/usr/bin:/bin", "HOME": str(work)}, limits=Limits(),
                               sandbox={"uid": uid, "gid": uid, "hide": []})
        assert stopped is None and not any(errors(cell) for cell in nb.cells), [cell.outputs for cell in nb.cells]
        printed[who] = [text(cell) for cell in nb.cells]
        if who == "second":
            assert not (work / "mine.txt").exists(), "what the kernel writes in its folder stays in its own layer"
        shutil.rmtree(work)
    assert printed["second"] == ["False False\n", "2\n"]
    assert not Path("/tmp/left-behind.txt").exists()


def test_a_closed_template_leaves_no_folder_behind():
    from salesacademy.kernel.provisioner import Template

    template = Template(shell=True)
    folder = Path(template.folder)
    assert (folder / "template.sock").exists()
    template.close()
    assert template.process.poll() is not None
    assert not folder.exists()


@pytest.mark.root
def test_the_template_kills_the_processes_of_sandbox_users_only(tmp_path):
    import pwd
    import subprocess

    from salesacademy.kernel.forkserver import SANDBOX_UID_BASE
    from salesacademy.kernel.provisioner import Template

    template = Template.get(shell=True)
    nobody = pwd.getpwnam("nobody").pw_uid
    sleepers = {uid: subprocess.Popen(["sleep", "60"], user=uid, group=uid) for uid in (nobody, SANDBOX_UID_BASE + 999_996)}
    try:
        assert "error" in template.request({"op": "kill_user", "uid": nobody})
        assert "error" in template.request({"op": "kill_user", "uid": 0})
        assert template.request({"op": "kill_user", "uid": SANDBOX_UID_BASE + 999_996}) == {"ok": True}
        assert sleepers[SANDBOX_UID_BASE + 999_996].wait(5) == -9
        assert sleepers[nobody].poll() is None, "a user outside the sandbox range keeps its processes"
    finally:
        for process in sleepers.values():
            process.kill()
            process.wait()


def test_a_kernel_that_drops_its_connection_with_a_request_unread_is_gone_not_a_crash():
    """The kernel's end closes with our request still unread (a kernel that forged a reply and exited):
    the runner reads that as the kernel having gone, and does not raise ConnectionResetError."""
    import socket
    import time

    from salesacademy.kernel.runner import ForkedShell

    def dropped() -> socket.socket:
        ours, kernels = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        ours.sendall(b'{"code": "1 + 1", "nonce": "abc"}\n')  # never read on the kernel's end
        kernels.close()
        return ours

    with pytest.raises(ConnectionResetError):  # what reading such a connection does
        dropped().recv(1)
    shell = ForkedShell.__new__(ForkedShell)  # its connection only: no template, no kernel
    shell.sock, shell.buffer = dropped(), bytearray()
    assert shell._line(time.monotonic() + 5) == b""


# The allow-list sandbox (bubblewrap) and its fallback ---------------------------------------

#: The sandbox's user in these tests.
SANDBOX_UID = 2_999_995


@pytest.fixture
def machine(tmp_path):
    """What a machine holds beside the grader: a copy of the course in /srv, an instance path, a folder everyone may write."""
    import os

    copy = Path(tempfile.mkdtemp(prefix="academy-copy-", dir="/srv"))
    copy.chmod(0o755)
    (copy / "exercise.py").write_text('assert choice == "C"\n')
    (copy / "exercise.py").chmod(0o644)
    drop = Path(tempfile.mkdtemp(prefix="academy-drop-", dir="/srv"))
    drop.chmod(0o1777)
    work = Path(tempfile.mkdtemp(prefix="academy-test-"))
    (work / "data.csv").write_text("amount\n3\n4\n")
    for path in (work, work / "data.csv"):
        os.chown(path, SANDBOX_UID, SANDBOX_UID)
    yield {"copy": copy, "drop": drop, "work": work}
    for folder in (copy, drop, work):
        shutil.rmtree(folder, ignore_errors=True)


#: What a kernel tries, one cell each; `sandboxed` runs them.
PROBES = {
    "answer": "import pandas as pd, statistics\nprint(int(pd.read_csv('data.csv').amount.sum()), statistics.mean([1, 2]))",
    "copy": "print(open(COPY + '/exercise.py').read())",
    "drop": "open(DROP + '/left.txt', 'w').write('x')",
    "var-tmp": "open('/var/tmp/academy-left-' + str(os.getpid()), 'w').write('x')",
    "proc": ("import os\nuids, lines = set(), []\n"
             "for pid in filter(str.isdigit, os.listdir('/proc')):\n"
             "    try:\n"
             "        uids.add(open(f'/proc/{pid}/status').read().split('Uid:')[1].split()[0])\n"
             "        lines.append(open(f'/proc/{pid}/cmdline', 'rb').read().decode(errors='replace'))\n"
             "    except OSError:\n"
             "        pass\n"
             "print(sorted(uids), INSTANCE in ' '.join(lines))"),
    "machine": "print(os.uname().nodename, sorted(os.listdir('/')))",
    "pids": "import subprocess\nprint(os.getpid(), subprocess.run(['sh', '-c', 'echo $$'], capture_output=True, text=True).stdout)",
}


def sandboxed(machine, instance: str, cells: dict[str, str], disk_mb: int = 64):
    """Run `cells` in a sandboxed kernel whose folder is machine["work"]; returns the notebook."""
    prelude = f"import os\nCOPY, DROP, INSTANCE = {str(machine['copy'])!r}, {str(machine['drop'])!r}, {instance!r}"
    nb = new_notebook(cells=[new_code_cell(prelude), *(new_code_cell(source) for source in cells.values())])
    stopped = run_notebook(nb, cwd=str(machine["work"]), env={"PATH": "/usr/bin:/bin", "HOME": str(machine["work"])},
                           limits=Limits(file_mb=20),
                           sandbox={"uid": SANDBOX_UID, "gid": SANDBOX_UID, "hide": [instance], "disk_mb": disk_mb})
    assert stopped is None, stopped
    return dict(zip(cells, nb.cells[1:]))


@pytest.fixture(scope="module")
def instance_folder():
    """A stand-in for the course instance, outside the sandbox's view and named on the grader's command line."""
    folder = Path(tempfile.mkdtemp(prefix="academy-instance-", dir="/srv"))
    folder.chmod(0o755)
    yield str(folder)
    shutil.rmtree(folder)


@pytest.mark.root
def test_a_kernel_sees_nothing_of_the_machine_but_python_and_its_folder(machine, instance_folder):
    cells = sandboxed(machine, instance_folder, PROBES)
    assert text(cells["answer"]) == "7 1.5\n", "an honest answer reads its data and imports the standard library"
    assert errors(cells["copy"]) == ["FileNotFoundError"], "another copy of the course on this machine is out of sight"
    assert errors(cells["drop"]) == ["FileNotFoundError"] and not list(machine["drop"].iterdir())
    assert errors(cells["var-tmp"]) == ["FileNotFoundError"]
    assert text(cells["proc"]) == f"['{SANDBOX_UID}'] False\n", "/proc shows the kernel's own processes only"
    kernel, child = map(int, text(cells["pids"]).split())
    assert kernel == 1 and child < 100, "the kernel is the first process of a PID namespace of its own, numbered from 1"
    nodename, root = text(cells["machine"]).split(" ", 1)
    assert nodename == "grading", "bubblewrap holds the template (its own host name)"
    # where this Python and this checkout live (/work, /root for pyenv, wherever CI cloned it), and matplotlib's cache in ~
    python = {Path(os.path.realpath(p)).parts[1] for p in (sys.prefix, sys.base_prefix, __file__, Path.home())}
    assert set(eval(root)) <= {"bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "tmp", "usr"} | python
    assert "srv" not in eval(root) and "home" not in eval(root)


@pytest.mark.root
def test_writing_past_the_disk_quota_fails_and_leaves_nothing_behind(machine, instance_folder):
    """16 MiB files, each under the file-size limit, written in turn to the kernel's folder and /tmp, up to 160 MiB."""
    before = set(Path("/tmp").iterdir())
    cells = sandboxed(machine, instance_folder, {"fill": (
        "written = 0\n"
        "try:\n"
        "    for i in range(10):\n"
        "        with open(('/tmp/' if i % 2 else '') + f'academy-fill-{i}.bin', 'wb') as out:\n"
        "            out.write(bytes(16 << 20))\n"
        "        written += 16\n"
        "finally:\n"
        "    print(written)\n")}, disk_mb=64)
    written = int(text(cells["fill"]))
    assert written <= 64, f"{written} MiB written past a quota of 64"
    assert errors(cells["fill"]) == ["OSError"] and "No space left on device" in str(cells["fill"].outputs)
    assert sorted(p.name for p in machine["work"].iterdir()) == ["data.csv"], "the grader's folder is unchanged"
    assert not [p for p in set(Path("/tmp").iterdir()) - before if p.name.startswith("academy-fill")]


def test_a_template_outlives_the_passing_thread_that_asked_for_it():
    """bubblewrap ends a template when the thread that started it ends (``--die-with-parent``). One asked for by a
    thread that has since finished (a report worker's warm-up) still runs, and forks, a second later."""
    script = ("import threading, time\n"
              "from salesacademy.kernel.provisioner import Template\n"
              "asker = threading.Thread(target=Template.get, kwargs={'shell': True, 'course_data': False})\n"
              "asker.start(); asker.join(); time.sleep(1)\n"
              "template = Template._instances[True, False]\n"
              "answer = template.request({'op': 'warm', 'target': 'os:getcwd'})\n"
              "print(template.process.poll(), template is Template.get(shell=True, course_data=False), answer['error'])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip().split(maxsplit=2) == ["None", "True", "not a loader the template runs: 'os:getcwd'"], done.stderr[-2000:]


@pytest.mark.root
def test_without_bubblewrap_the_deny_list_sandbox_grades_with_its_protections(machine, instance_folder, capfd, monkeypatch):
    """bwrap is not on the template's PATH: the template says so once and its kernels get the deny-list sandbox."""
    from salesacademy.kernel.provisioner import Template

    saved = Template._instances.pop((True, True), None)
    monkeypatch.setenv("PATH", "/nonexistent")
    (Path(instance_folder) / "gradebook.db").write_text("grades")
    try:
        cells = sandboxed(machine, instance_folder, {**PROBES, "instance": "print(os.listdir(INSTANCE))",
                                                     "network": "import socket\nsocket.create_connection(('127.0.0.1', 22), timeout=2)"})
        notice = capfd.readouterr().err
    finally:
        fallback = Template._instances.pop((True, True), None)
        if fallback is not None:
            fallback.close()
        if saved is not None:
            Template._instances[True, True] = saved
        (Path(instance_folder) / "gradebook.db").unlink()
    assert "bubblewrap (bwrap) is not installed" in notice and "deny-list" in notice
    assert text(cells["answer"]) == "7 1.5\n"
    assert text(cells["instance"]) == "[]\n", "the instance is covered"
    assert errors(cells["network"]) == ["OSError"]
    assert text(cells["proc"]) == f"['{SANDBOX_UID}'] False\n"
    assert text(cells["machine"]).split(" ", 1)[0] != "grading", "no bubblewrap around this template"
    assert text(cells["copy"]) == 'assert choice == "C"\n\n', "the deny-list's known gap: what it does not list, it shows"


def test_each_run_in_the_command_checks_the_reference_answers_again(released, tmp_path, monkeypatch):
    """A process that grades twice (`academy demo`, a notebook calling `grade`) grades the second batch with a fresh grader."""
    import salesacademy.grade_worker as grading

    root = tmp_path / "course"
    copy_instance(released, root)
    reference = dict.fromkeys(["skipped", "late", "choice"], answers.REFERENCE)
    checked = []
    real_check = grading._Worker.check
    monkeypatch.setattr(grading._Worker, "check", lambda self, *args: checked.append(args) or real_check(self, *args))
    for employee_id in ("R1", "R2"):
        submit(root, employee_id, reference)
        collect(instance=root)
        assert grade(instance=root, progress=False).graded == [Submission(employee_id, ASSIGNMENT)]
    assert checked == [(ASSIGNMENT, "exercise")] * 2


def test_the_academy_command_stops_its_template_and_removes_its_folder_as_it_exits(released, tmp_path):
    """`academy` skips the interpreter's teardown (`cli.run`), but not its exit handlers: nothing of its kernels stays behind."""
    root = tmp_path / "course"
    copy_instance(released, root)
    submit(root, "R1", dict.fromkeys(["skipped", "late", "choice"], answers.REFERENCE))
    collect(instance=root)
    command = subprocess.Popen([str(Path(sys.executable).parent / "academy"), "grade", "--instance", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = command.communicate(timeout=600)
    assert (command.returncode, out.splitlines()[-1:]) == (0, ["graded 1, unchanged 0, failed 0"]), err[-2000:]
    assert scores(root)[("R1", "choice")] > 0
    assert list(Path(tempfile.gettempdir()).glob(f"academy-*-{command.pid}-*")) == []  # its template's folder, above all
