"""`academy lab`: JupyterLab for one staff member or for the trainers of an instance.

Staff work in their own folder of the instance, in their roster language,
with the My training panel (`training`, `training_server` and the JupyterLab
plugin built from ``src/labextension``): their own modules with titles and due
dates, one click to start, check, submit and see feedback. They get no
terminal and no console, and none of nbgrader's student tabs, which would list
every version of every module in English. Trainers work in the instance folder
with the formgrader (`salesacademy.formgrader`: nbgrader's, with the rubric
beside each written answer and every grade recorded under the trainer's
operating-system user) and the course list. Each role's server runs only its own
extensions, in both halves: the server extensions (Python) and the JupyterLab
plugins (browser).

The server listens on the loopback interface only and asks for a token. Its
settings are written to a session folder that lives as long as the server:

    academy_lab_config.json          the server: address, folder, extensions, headers
    labconfig/page_config.json       JupyterLab plugins switched off for this role
    labconfig/default_setting_overrides.json   JupyterLab's language
    nbgrader_config.py               staff only: who they are and where they work

nbgrader's server extensions read ``nbgrader_config.py`` from the Jupyter
configuration path, not from the server's settings, hence the session folder
on that path.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
import secrets
import socket
import tempfile
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

from traitlets.config import Config

from .config import AcademyConfig, database_url, load_config
from .errors import AcademyError
from .kernel import ensure_kernelspec
from .paths import InstancePaths

ROLES = ("staff", "trainer")
HOST = "127.0.0.1"
DEFAULT_PORT = 8888
SERVER_CONFIG_FILE = "academy_lab_config.json"

# nbgrader's halves of each feature: (server extension, JupyterLab plugins). The formgrader's server
# half is the academy's (`salesacademy.formgrader`): nbgrader's, with rubrics and the grader's name in the audit.
NBGRADER_FEATURES = {
    "assignment_list": ("nbgrader.server_extensions.assignment_list", ["@jupyter/nbgrader:assignment-list"]),
    "validate": ("nbgrader.server_extensions.validate_assignment", ["@jupyter/nbgrader:validate-assignment"]),
    "formgrader": ("salesacademy.formgrader", ["@jupyter/nbgrader:formgrader"]),
    "course_list": ("nbgrader.server_extensions.course_list", ["@jupyter/nbgrader:course-list"]),
}
#: Server extensions that nbgrader's installation switches on and the academy's replace: always off.
REPLACED_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)
ROLE_FEATURES = {"staff": (), "trainer": ("formgrader", "course_list")}
#: Staff never need a shell, a console or new files: their notebooks ask for answers, not code. nbgrader's
#: student tabs and menu would list every version of every module, in English; My training replaces them.
STAFF_DISABLED_PLUGINS = ["@jupyterlab/terminal-extension", "@jupyterlab/console-extension", "@jupyterlab/launcher-extension",
                          "@jupyter/nbgrader", "jupyterlab-jupytext"]
#: The My training plugin, built from src/labextension into the package.
LABEXTENSIONS = Path(__file__).parent / "labextensions"

# Switched off for everyone. Modules are written as plain text and built by
# `academy release`, so nbgrader's cell-metadata editor would only let a trainer
# make a notebook disagree with its source; news and update checks would call
# out of the bank's network.
ALWAYS_DISABLED_PLUGINS = ["@jupyter/nbgrader:create-assignment", "@jupyterlab/apputils-extension:announcements"]

# The formgrader runs in an iframe of JupyterLab: pages must be allowed inside
# frames of their own origin, and of no other.
CONTENT_SECURITY_POLICY = "frame-ancestors 'self'"

# JupyterLab locale of each course language; a locale is used only when its language pack is installed.
LAB_LOCALES = {"zh-CN": "zh_CN", "en": "en"}
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"

STAFF_CONFIG_TEXT = '''\
# Written by `academy lab` for one staff member's session and removed when it ends.
from pathlib import Path

from salesacademy.lab import staff_nbgrader_config

c = get_config()  # noqa: F821 (provided by traitlets)
c.merge(staff_nbgrader_config(Path({root!r}), {employee_id!r}))
'''


@dataclasses.dataclass(frozen=True)
class LabSession:
    """Everything one JupyterLab server is started with; `files` are written to its session folder."""

    role: str
    root_dir: Path
    url: str
    token: str
    files: dict[str, str]

    @property
    def server_config(self) -> dict:
        return json.loads(self.files[SERVER_CONFIG_FILE])


def staff_folder(paths: InstancePaths, employee_id: str) -> Path:
    """Where a staff member works: fetched modules and their feedback land here."""
    return paths.home(employee_id)


def staff_nbgrader_config(root: Path, employee_id: str) -> Config:
    """nbgrader's settings for one staff member: the instance's course and exchange, their id and folder."""
    from .nbgrader_setup import nbgrader_config

    config, paths = load_config(root)
    folder = staff_folder(paths, employee_id)
    c = nbgrader_config(config, paths)
    c.CourseDirectory.student_id = employee_id
    c.Exchange.assignment_dir = str(folder)
    c.Exchange.cache = str(folder / ".nbgrader-cache")
    return c


def installed_lab_locales() -> set[str]:
    """Locales of the JupyterLab language packs in this environment (English is built in)."""
    return {"en"} | {entry.name for entry in entry_points(group="jupyterlab.languagepack")}


def lab_locale(language: str, installed: set[str]) -> str:
    """JupyterLab's locale for a course language, or English when its language pack is missing."""
    locale = LAB_LOCALES[language]
    return locale if locale in installed else "en"


def session(
    config: AcademyConfig,
    paths: InstancePaths,
    *,
    role: str,
    employee_id: str | None,
    port: int,
    token: str,
    open_browser: bool = False,
    allow_root: bool = False,
    locales: set[str] | None = None,
    language: str | None = None,
    grader: str | None = None,
) -> LabSession:
    """The settings of a JupyterLab server for `role` on this instance; reads and writes nothing.

    `language` is the staff member's roster language (default: the course's), for JupyterLab and the panel.
    `grader` names the trainer in the audit trail of the grades they give in the formgrader.
    """
    language = language or config.course.language
    if role not in ROLES:
        raise AcademyError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    if role == "staff" and not employee_id:
        raise AcademyError("--user is required with --role staff: the employee id of the staff member")
    if role == "trainer" and employee_id:
        raise AcademyError("--user is for --role staff; a trainer grades under the operating-system user who starts the lab")
    if not token:
        raise AcademyError("the server token must not be empty")
    root_dir = staff_folder(paths, employee_id) if role == "staff" else paths.root
    enabled = set(ROLE_FEATURES[role])
    extensions = {NBGRADER_FEATURES[f][0]: f in enabled for f in NBGRADER_FEATURES} | dict.fromkeys(REPLACED_EXTENSIONS, False)
    disabled_plugins = [p for f in NBGRADER_FEATURES if f not in enabled for p in NBGRADER_FEATURES[f][1]] + ALWAYS_DISABLED_PLUGINS
    if role == "staff":
        extensions["salesacademy.training_server"] = True
        disabled_plugins += STAFF_DISABLED_PLUGINS
    else:
        disabled_plugins.append("salesacademy-training")
    server = {
        "ServerApp": {
            "ip": HOST,
            "port": port,
            "port_retries": 0,  # the port asked for, or an error: never a surprise port
            "open_browser": open_browser,
            "allow_root": allow_root,
            "root_dir": str(root_dir),
            "jpserver_extensions": extensions,
            "tornado_settings": {"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY},
                                 "academy": {"instance": str(paths.root), "employee": employee_id, "language": language}},
        },
        "IdentityProvider": {"token": token},
        "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
                   "extra_labextensions_path": [str(LABEXTENSIONS)]},
    }
    if role == "trainer" and grader:
        server["ServerApp"]["tornado_settings"]["academy"]["grader"] = grader
    locale = lab_locale(language, installed_lab_locales() if locales is None else locales)
    files = {
        SERVER_CONFIG_FILE: json.dumps(server, indent=1),
        "labconfig/page_config.json": json.dumps({"disabledExtensions": {p: True for p in disabled_plugins}}, indent=1),
        "labconfig/default_setting_overrides.json": json.dumps({TRANSLATION_PLUGIN: {"locale": locale}}, indent=1, ensure_ascii=False),
    }
    if role == "staff":
        files["nbgrader_config.py"] = STAFF_CONFIG_TEXT.format(root=str(paths.root), employee_id=employee_id)
    return LabSession(role=role, root_dir=root_dir, url=f"http://{HOST}:{port}/lab", token=token, files=files)


def check_employee(config: AcademyConfig, paths: InstancePaths, employee_id: str) -> str:
    """Refuse an employee id that is not an active employee of the roster; returns the employee's language."""
    from . import gradebook_reads

    roster = gradebook_reads.employees(database_url(config, paths))
    found = roster[roster.employee_id == employee_id]
    if found.empty:
        raise AcademyError(f"--user {employee_id}: no such employee in the roster of {paths.root}")
    if not bool(found.active.iloc[0]):
        raise AcademyError(f"--user {employee_id}: marked inactive in the roster; inactive staff cannot fetch or submit")
    return str(found.language.iloc[0])


def os_user() -> str:
    """The account this process runs as: on POSIX read from its uid, which the environment cannot rename."""
    if os.name == "posix":
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    return getpass.getuser()


def check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise AcademyError(f"port {port} on {HOST} is in use; choose another with --port") from None


def write_session(lab_session: LabSession, folder: Path) -> None:
    for name, text in lab_session.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def lab(
    *,
    instance: Path,
    role: str,
    user: str | None = None,
    port: int = DEFAULT_PORT,
    open_browser: bool = False,
    allow_root: bool = False,
    token: str | None = None,
    on_start: Callable[[LabSession], None] | None = None,
) -> None:
    """Run JupyterLab for `role` on the instance until it is stopped (Ctrl-C or SIGTERM).

    The token is `token`, else $JUPYTER_TOKEN, else a new random one.
    `on_start` is called with the session just before the server starts, so
    the caller can tell the user where to open it.

    Raises:
        AcademyError: running as root without `allow_root`, no such instance,
            an unknown or inactive employee, a missing or misplaced `user`, or
            a port already in use.
    """
    if os.name == "posix" and os.geteuid() == 0 and not allow_root:
        raise AcademyError("JupyterLab should not run as root: run it as an ordinary user, or pass --allow-root")
    config, paths = load_config(instance)
    language = check_employee(config, paths, user) if role == "staff" and user else None
    # A token login has no name: the trainer's grades are recorded under their operating-system user.
    grader = os_user() if role == "trainer" else None
    lab_session = session(config, paths, role=role, employee_id=user, port=port, open_browser=open_browser, language=language,
                          allow_root=allow_root, token=token or os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(24),
                          grader=grader)
    check_port_free(port)
    lab_session.root_dir.mkdir(parents=True, exist_ok=True)
    ensure_kernelspec()  # Validate runs notebooks in the warm kernel named by the instance's nbgrader settings
    from jupyterlab.labapp import LabApp  # heavy: imported only when a server starts

    with tempfile.TemporaryDirectory(prefix="academy-lab-") as folder:
        write_session(lab_session, Path(folder))
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [folder, os.environ.get("JUPYTER_CONFIG_PATH")]))
        # nbgrader's formgrader and validator look for nbgrader_config.py in the working directory too.
        os.chdir(lab_session.root_dir)
        if on_start is not None:
            on_start(lab_session)
        LabApp.launch_instance(argv=[f"--config={Path(folder) / SERVER_CONFIG_FILE}"])
