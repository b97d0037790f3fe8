"""Shared fixtures: course instances are expensive to create, so one template is copied per test."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from salesacademy.config import bundled_content

sys.path.insert(0, str(Path(__file__).parent))  # tests/itemcheck.py and friends

ROSTER_HEADER = "employee_id,name,branch,department,role,manager_id,hire_date,email,language\n"


@pytest.fixture(scope="session")
def content() -> Path:
    return bundled_content()


@pytest.fixture(scope="session")
def instance_template(tmp_path_factory) -> Path:
    from salesacademy.init import init

    return init(directory=tmp_path_factory.mktemp("template") / "course").root


@pytest.fixture
def instance(instance_template, tmp_path) -> Path:
    """A fresh, empty course instance with the bundled content."""
    target = tmp_path / "course"
    shutil.copytree(instance_template, target)
    return target


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


def database_dump(instance: Path) -> list[str]:
    """Every row of every table of the instance's SQLite gradebook, for before/after comparisons."""
    with sqlite3.connect(instance / "gradebook.db") as connection:
        return list(connection.iterdump())
