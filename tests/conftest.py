"""Shared fixtures: course instances are expensive to create, so one template is copied per test.

Every test that uses a course instance runs twice, with a SQLite and with a
PostgreSQL gradebook (test ids end in ``[sqlite]`` and ``[postgresql]``). The
PostgreSQL server is started once per session (see `pg`); each test gets its
own database, dropped after it. Copy an instance with `pg.copy_instance`, not
`shutil.copytree`: a copied folder would share the PostgreSQL database of the
original (the template's is read-only, so that mistake fails at once).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from salesacademy.config import bundled_content, database_url, load_config

sys.path.insert(0, str(Path(__file__).parent))  # tests/itemcheck.py and friends

import pg  # noqa: E402 (lives beside this file)

DATABASES = ("sqlite", "postgresql")

ROSTER_HEADER = "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"


def pytest_runtest_setup(item):
    """A test of the root sandbox needs root: outside CI it is skipped without; in CI it fails."""
    if item.get_closest_marker("root") and os.geteuid() != 0:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail("needs root: run it as root, or leave it out with -m 'not root' (scripts/test-unprivileged)")
        pytest.skip("the sandbox under test needs root; CI runs it as root")


@pytest.fixture(scope="session")
def content() -> Path:
    return bundled_content()


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for the session; where none can start, the test fails in CI and is skipped elsewhere."""
    try:
        server = pg.Server()
    except pg.Unavailable as exc:
        _unavailable(exc)
    try:
        server.start()
    except pg.Unavailable as exc:
        server.stop()
        _unavailable(exc)
    yield server
    server.stop()


def _unavailable(reason: Exception):
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"PostgreSQL is needed in CI and cannot start: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL cannot start here: {reason}")


@pytest.fixture(scope="session", params=DATABASES)
def instance_template(request, tmp_path_factory) -> Path:
    """An empty course instance with the bundled content, on each kind of gradebook."""
    from salesacademy.init import init

    db = "sqlite:///gradebook.db" if request.param == "sqlite" else request.getfixturevalue("postgres_server").create_database()
    root = init(directory=tmp_path_factory.mktemp(f"template-{request.param}") / "course", db=db).root
    pg.protect(root)
    return root


@pytest.fixture
def instance(instance_template, tmp_path) -> Path:
    """A fresh, empty course instance with the bundled content, its gradebook its own."""
    target = pg.copy_instance(instance_template, tmp_path / "course")
    url = gradebook_url(target)  # read now: a test may rewrite academy.toml
    yield target
    pg.drop_database(url)


@pytest.fixture
def own_cohort(instance_template, tmp_path) -> Path:
    """The small graded cohort of tests/cohort.py in a gradebook of this test's own, which it may change."""
    import cohort

    root = cohort.build(instance_template, tmp_path / "cohort")
    yield root
    pg.drop_database(gradebook_url(root))


@pytest.fixture
def roster_file(tmp_path) -> Path:
    """A valid four-person roster."""
    path = tmp_path / "roster.csv"
    path.write_text(
        ROSTER_HEADER
        + "B1,王芳,上海浦东支行,零售银行部,branch_manager,,2015-03-01,b1@bank.example,zh-CN\n"
        + "R1,李强,上海浦东支行,零售银行部,relationship_manager,B1,2019-07-15,r1@bank.example,zh-CN\n"
        + "W1,Chen Jie,上海浦东支行,财富管理部,wealth_advisor,B1,2021-01-04,w1@bank.example,en\n"
        + "T1,赵敏,上海浦东支行,运营部,teller,B1,2022-09-30,t1@bank.example,zh-CN\n",
        encoding="utf-8",
    )
    return path


def course_today(instance: Path):
    """Today in the instance's course time zone: the date submissions are stamped in, which the machine's may trail."""
    from salesacademy.config import today

    return today(load_config(instance)[0])


def gradebook_url(instance: Path) -> str:
    config, paths = load_config(instance)
    return database_url(config, paths)


def database_dump(instance: Path) -> list[str]:
    """Every table and every row of the instance's gradebook, in a stable order, for before/after comparisons."""
    engine = sa.create_engine(gradebook_url(instance), poolclass=sa.pool.NullPool)
    try:
        tables = sa.MetaData()
        tables.reflect(engine)
        with engine.connect() as connection:
            return [f"{table.name}: {row}" for table in tables.sorted_tables
                    for row in [None, *sorted((tuple(r) for r in connection.execute(sa.select(table))), key=repr)]]
    finally:
        engine.dispose()
