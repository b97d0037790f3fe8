"""Scratch folders of killed processes are removed by the next run; those of live ones are kept."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from salesacademy import scratch


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_the_folders_of_processes_that_are_gone_are_removed(tmp_path):
    dead, alive = _dead_pid(), os.getpid()
    gone = tmp_path / f"academy-grade-{dead}-abc"
    (gone / "work").mkdir(parents=True)
    (gone / "work" / "answer.csv").write_text("1\n")
    mine = tmp_path / f"academy-kernels-{alive}-xyz"
    mine.mkdir()
    foreign = tmp_path / f"academy-notes-{dead}"  # no random part: not a name this module makes
    foreign.mkdir()
    other = tmp_path / f"pytest-{dead}-abc"
    other.mkdir()

    removed = scratch.remove_abandoned(tmp_path)

    assert removed == [gone]
    assert not gone.exists()
    assert mine.is_dir() and foreign.is_dir() and other.is_dir()


def test_a_folder_made_with_the_prefix_of_a_killed_process_is_removed_by_the_next(tmp_path):
    code = ("import sys, tempfile, time\n"
            "from salesacademy import scratch\n"
            f"print(tempfile.mkdtemp(prefix=scratch.prefix('grade'), dir={str(tmp_path)!r}), flush=True)\n"
            "time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    made = Path(child.stdout.readline().strip())
    assert made.is_dir() and made.name.startswith(f"academy-grade-{child.pid}-")
    assert scratch.remove_abandoned(tmp_path) == []  # its maker still runs

    child.send_signal(signal.SIGKILL)
    child.wait()

    assert scratch.remove_abandoned(tmp_path) == [made]
    assert not made.exists()


def test_the_default_place_is_the_machine_s_temporary_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = tmp_path / f"academy-report-{_dead_pid()}-q1"
    gone.mkdir()
    assert scratch.remove_abandoned() == [gone]


def test_a_template_starts_whatever_the_length_of_the_temporary_folder(tmp_path, monkeypatch):
    """Its socket is a file in its folder, and a socket's path has at most 107 bytes: a deep TMPDIR sends the folder to /tmp."""
    from salesacademy.kernel.provisioner import SOCKET, Template

    deep = tmp_path / ("temporary-" * 9)
    deep.mkdir()
    monkeypatch.setenv("TMPDIR", str(deep))
    monkeypatch.setattr(tempfile, "tempdir", None)  # worked out again from TMPDIR
    assert len(os.fsencode(os.path.join(tempfile.mkdtemp(prefix=scratch.prefix("kernels")), SOCKET))) > 107
    folder = scratch.kernel_folder()
    assert Path(folder).parent == Path("/tmp") and Path(folder).name.startswith(f"academy-kernels-{os.getpid()}-")
    template = Template(shell=True, course_data=False, folder=folder)
    try:
        assert template.alive()
    finally:
        template.close()
    usual = Path(tempfile.mkdtemp(dir="/tmp", prefix="t-"))  # a temporary folder of a usual length is used as it is
    try:
        monkeypatch.setenv("TMPDIR", str(usual))
        monkeypatch.setattr(tempfile, "tempdir", None)
        assert Path(scratch.kernel_folder()).parent == usual
    finally:
        shutil.rmtree(usual)
