"""`academy lab`: what each role's JupyterLab is configured with, and refusals, without a browser."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest
from traitlets.config.loader import PyFileConfigLoader

from salesacademy import lab
from salesacademy.config import AcademyConfig, load_config
from salesacademy.errors import AcademyError
from salesacademy.init import init
from salesacademy.paths import InstancePaths
from salesacademy.roster import import_roster

STAFF_EXTENSIONS = {"salesacademy.training_server"}
TRAINER_EXTENSIONS = {"salesacademy.formgrader", "nbgrader.server_extensions.course_list"}


def session_for(root, role, employee_id=None, language="zh-CN", locales=frozenset({"en", "zh_CN"})):
    """The session of an instance at `root`; nothing is read, so `root` need not exist."""
    config = AcademyConfig.model_validate({"course": {"language": language}})
    return lab.session(config, InstancePaths(root), role=role, employee_id=employee_id, port=18765, token="t0ken", locales=set(locales))


def enabled_extensions(session):
    return {name for name, on in session.server_config["ServerApp"]["jpserver_extensions"].items() if on}


def disabled_plugins(session):
    return {name for name, off in json.loads(session.files["labconfig/page_config.json"])["disabledExtensions"].items() if off}


def test_staff_get_my_training_and_no_terminal_console_launcher_or_nbgrader_tab(tmp_path):
    session = session_for(tmp_path, "staff", "R1")
    extensions = session.server_config["ServerApp"]["jpserver_extensions"]
    assert enabled_extensions(session) == STAFF_EXTENSIONS
    assert all(extensions[name] is False for name in TRAINER_EXTENSIONS)  # switched off explicitly, not merely left out
    plugins = disabled_plugins(session)
    assert {"@jupyterlab/terminal-extension", "@jupyterlab/console-extension", "@jupyterlab/launcher-extension", "@jupyter/nbgrader"} <= plugins
    assert "salesacademy-training" not in plugins
    assert session.server_config["LabApp"]["extra_labextensions_path"] == [str(lab.LABEXTENSIONS)]
    assert (lab.LABEXTENSIONS / "salesacademy-training" / "package.json").is_file(), "the built plugin ships with the package"
    assert session.server_config["ServerApp"]["tornado_settings"]["academy"] == {"instance": str(tmp_path), "employee": "R1", "language": "zh-CN"}


def test_a_staff_member_works_in_their_roster_language(tmp_path):
    config = AcademyConfig.model_validate({"course": {"language": "zh-CN"}})
    session = lab.session(config, InstancePaths(tmp_path), role="staff", employee_id="W1", port=18765, token="t0ken",
                          locales={"en", "zh_CN"}, language="en")
    assert session.server_config["ServerApp"]["tornado_settings"]["academy"]["language"] == "en"
    overrides = json.loads(session.files["labconfig/default_setting_overrides.json"])
    assert overrides[lab.TRANSLATION_PLUGIN]["locale"] == "en"


def test_trainers_get_the_formgrader_and_course_list_and_nothing_of_the_staff(tmp_path):
    session = session_for(tmp_path, "trainer")
    assert enabled_extensions(session) == TRAINER_EXTENSIONS
    plugins = disabled_plugins(session)
    assert {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment", "@jupyter/nbgrader:create-assignment",
            "salesacademy-training"} <= plugins
    assert not plugins & {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list"}
    assert "nbgrader_config.py" not in session.files  # trainers use the instance's own nbgrader_config.py
    assert session.root_dir == tmp_path


def test_server_is_loopback_only_with_a_token_and_lets_the_formgrader_frame_itself(tmp_path):
    server = session_for(tmp_path, "trainer").server_config
    app = server["ServerApp"]
    assert (app["ip"], app["port"], app["port_retries"], app["open_browser"]) == ("127.0.0.1", 18765, 0, False)
    assert server["IdentityProvider"]["token"] == "t0ken"
    assert app["tornado_settings"]["headers"]["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_staff_folder_is_their_own_inside_the_instance(tmp_path):
    session = session_for(tmp_path, "staff", "R1")
    assert session.root_dir == tmp_path / "home" / "R1"
    assert session.server_config["ServerApp"]["root_dir"] == str(session.root_dir)


def test_written_staff_config_gives_nbgrader_the_course_exchange_and_employee(tmp_path):
    """The session's nbgrader_config.py, loaded the way nbgrader loads it, names this instance's course and the employee."""
    root = init(directory=tmp_path / "east", course_id="east-region").root
    config, paths = load_config(root)
    session = lab.session(config, paths, role="staff", employee_id="R7", port=18765, token="t0ken")
    lab.write_session(session, tmp_path / "session")
    c = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path / "session")).load_config()
    assert c.CourseDirectory.course_id == "east-region"
    assert c.CourseDirectory.student_id == "R7"
    assert c.Exchange.root == str(root / "exchange")
    assert c.Exchange.assignment_dir == str(root / "home" / "R7")
    assert json.loads((tmp_path / "session" / lab.SERVER_CONFIG_FILE).read_text(encoding="utf-8")) == session.server_config


@pytest.mark.parametrize(
    ("language", "installed", "locale"),
    [("zh-CN", {"en", "zh_CN"}, "zh_CN"), ("zh-CN", {"en"}, "en"), ("en", {"en", "zh_CN"}, "en")],
)
def test_interface_language_follows_the_course_when_its_language_pack_is_installed(language, installed, locale):
    assert lab.lab_locale(language, installed) == locale


@pytest.mark.parametrize(("language", "locale"), [("zh-CN", "zh_CN"), ("en", "en")])
def test_jupyterlab_speaks_the_course_language(tmp_path, language, locale):
    overrides = json.loads(session_for(tmp_path, "trainer", language=language).files["labconfig/default_setting_overrides.json"])
    assert overrides[lab.TRANSLATION_PLUGIN]["locale"] == locale


def test_the_chinese_language_pack_is_installed():
    assert "zh_CN" in lab.installed_lab_locales()


@pytest.mark.parametrize(
    ("role", "employee_id", "message"),
    [("staff", None, "--user is required"), ("trainer", "R1", "--user is for --role staff"), ("boss", None, "unknown role")],
)
def test_role_and_user_must_agree(tmp_path, role, employee_id, message):
    with pytest.raises(AcademyError, match=message):
        session_for(tmp_path, role, employee_id)


def test_staff_must_be_active_employees_of_the_roster(instance, roster_file, tmp_path):
    import_roster(instance=instance, file=roster_file)
    config, paths = load_config(instance)
    lab.check_employee(config, paths, "R1")
    with pytest.raises(AcademyError, match="no such employee"):
        lab.check_employee(config, paths, "Z9")
    shorter = tmp_path / "shorter.csv"
    shorter.write_text("\n".join(line for line in roster_file.read_text(encoding="utf-8").splitlines() if not line.startswith("T1,")) + "\n",
                       encoding="utf-8")
    import_roster(instance=instance, file=shorter)
    with pytest.raises(AcademyError, match="inactive"):
        lab.check_employee(config, paths, "T1")


def test_a_port_in_use_is_refused():
    with socket.socket() as taken:
        taken.bind((lab.HOST, 0))
        taken.listen()
        with pytest.raises(AcademyError, match="in use"):
            lab.check_port_free(taken.getsockname()[1])


def test_root_is_refused_unless_allowed(tmp_path, monkeypatch):
    monkeypatch.setattr(lab.os, "geteuid", lambda: 0)
    with pytest.raises(AcademyError, match="--allow-root"):
        lab.lab(instance=tmp_path, role="trainer")


def run(*argv):
    return subprocess.run([sys.executable, "-m", "salesacademy.cli", *argv], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["--role", "boss"], 2, "invalid choice: 'boss'"),
        (["--role", "trainer", "--port", "80"], 2, "outside 1024-65535"),
        (["--role", "trainer", "--port", "http"], 2, "is not a port number"),
        (["--role", "staff", "--user", "NOBODY", "--allow-root"], 1, "no such employee"),
        (["--role", "staff", "--allow-root"], 1, "--user is required"),
    ],
)
def test_cli_mistakes_end_in_one_line(instance, argv, status, message):
    result = run("lab", *argv, "--instance", str(instance))
    assert result.returncode == status, result.stderr
    assert message in result.stderr
    assert result.stderr.startswith(("academy: error: ", "usage: ")) and "Traceback" not in result.stderr
    if status == 1:
        assert result.stderr.count("\n") == 1
    assert not (instance / "home").exists()  # nothing created for a refused session
