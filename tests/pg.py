"""A throwaway PostgreSQL server for the tests, and course instances whose gradebook lives in it.

The server runs from a temporary folder and listens only on a Unix socket in
that folder: no TCP port is opened. PostgreSQL refuses to run as root, so when
the tests run as root (as in CI) the server runs as the unprivileged
``postgres`` user that Debian's package creates.

Each test gets its own database, cloned from the database of a template
instance (``CREATE DATABASE ... TEMPLATE``), so tests stay independent and
cheap.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import sqlalchemy as sa

from salesacademy.config import GradebookSection, database_url, load_config, render_toml

SUPERUSER = "academy"


class Unavailable(Exception):
    """PostgreSQL cannot be started here; the message says why."""


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the server programs out of PATH, one folder per major version.
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[-3]))
    if not versions:
        raise Unavailable(f"{name} not found on PATH or in /usr/lib/postgresql/*/bin (install Debian's postgresql package)")
    return versions[-1]


class Server:
    """A PostgreSQL server in its own temporary folder, reached through a Unix socket there."""

    def __init__(self) -> None:
        self.initdb, self.pg_ctl = _binary("initdb"), _binary("pg_ctl")
        self.runner: list[str] = []
        owner = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root, and there is no 'postgres' user to run the server as") from None
            self.runner = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--init-groups", "--"]
        # Short and outside pytest's per-user folder (mode 0700 to root): the socket path has a length limit,
        # and the server's user must reach it.
        self.folder = Path(tempfile.mkdtemp(prefix="academy-pg-"))
        if owner is not None:
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"

    def _run(self, *argv: str) -> None:
        result = subprocess.run([*self.runner, *argv], capture_output=True, text=True, timeout=120, cwd=self.folder)
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            raise Unavailable(f"{Path(argv[0]).name} failed: {lines[-1] if lines else 'no message'}")

    def start(self) -> Server:
        self._run(self.initdb, "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C",
                  "--no-sync", "--no-instructions")
        # Durability is worthless for test data; skipping it makes each test's CREATE DATABASE cheap.
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self.runner, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                           capture_output=True, timeout=60, cwd=self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}"

    def create_database(self, template: str | None = None) -> str:
        """A new, empty database (or a copy of `template`); returns its URL."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        _admin(self.url("postgres"), f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)


def _admin(url: str, statement: str) -> None:
    """Run a statement that cannot run inside a transaction, on the server of `url`."""
    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg2"), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _maintenance(url: str) -> tuple[str, str]:
    """The URL of the server's maintenance database and the database name of `url`."""
    parsed = sa.make_url(url)
    return parsed.set(database="postgres").render_as_string(hide_password=False), parsed.database


def protect(instance: Path) -> None:
    """Make the PostgreSQL gradebook of a template instance read-only, so a test that shares it by mistake fails at once.

    Copies made by `copy_instance` are writable: CREATE DATABASE does not copy a database's settings.
    """
    config, paths = load_config(instance)
    url = database_url(config, paths)
    if url.startswith("postgresql"):
        admin_url, name = _maintenance(url)
        _admin(admin_url, f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')


def copy_instance(template: Path, target: Path) -> Path:
    """Copy the instance `template` to `target`; a PostgreSQL gradebook is cloned into a database of its own."""
    shutil.copytree(template, target)
    config, paths = load_config(target)
    url = database_url(config, paths)
    if url.startswith("postgresql"):
        admin_url, source = _maintenance(url)
        name = f"t_{uuid.uuid4().hex[:16]}"
        _admin(admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        clone = sa.make_url(url).set(database=name).render_as_string(hide_password=False)
        paths.config.write_text(render_toml(config.model_copy(update={"gradebook": GradebookSection(url=clone)})), encoding="utf-8")
    return target


def drop_database(url: str) -> None:
    """Drop the PostgreSQL database at `url`, whoever is still connected to it; nothing for SQLite."""
    if url.startswith("postgresql"):
        admin_url, name = _maintenance(url)
        _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
