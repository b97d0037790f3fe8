import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest

from conftest import ROSTER_HEADER, database_dump, gradebook_url
from salesacademy import gradebook, gradebook_reads
from salesacademy.errors import AcademyError
from salesacademy.roster import import_roster, validate_roster

ROLES = {"branch_manager", "relationship_manager", "wealth_advisor", "teller", "compliance_officer"}


def url(instance):
    return gradebook_url(instance)


def test_import_adds_everyone_and_fills_nbgrader_students(instance, roster_file):
    summary = import_roster(instance=instance, file=roster_file)
    assert (summary.added, summary.updated, summary.deactivated) == (4, 0, 0)
    people = gradebook_reads.employees(url(instance)).set_index("employee_id")
    assert people.loc["R1", "manager_id"] == "B1" and people.loc["W1", "language"] == "en"
    assert people.active.all()
    students = gradebook_reads.read_frame(url(instance), "SELECT id, last_name FROM student ORDER BY id")
    assert dict(zip(students.id, students.last_name)) == {"B1": "王芳", "R1": "李强", "T1": "赵敏", "W1": "Chen Jie"}


def test_reimport_updates_deactivates_and_keeps_history(instance, roster_file, tmp_path):
    import_roster(instance=instance, file=roster_file)
    second = tmp_path / "second.csv"
    lines = roster_file.read_text(encoding="utf-8").splitlines()
    changed = [line.replace("teller", "relationship_manager") if line.startswith("T1,") else line for line in lines if not line.startswith("W1,")]
    second.write_text("\n".join(changed) + "\n", encoding="utf-8")
    summary = import_roster(instance=instance, file=second)
    assert (summary.added, summary.updated, summary.deactivated, summary.unchanged) == (0, 1, 1, 2)
    people = gradebook_reads.employees(url(instance)).set_index("employee_id")
    assert not people.loc["W1", "active"], "missing from the file means inactive, never deleted"
    assert people.loc["T1", "role"] == "relationship_manager"
    history = gradebook_reads.read_frame(url(instance), "SELECT employee_id, change, snapshot FROM academy_employee_history ORDER BY id")
    t1 = history[history.employee_id == "T1"]
    assert list(t1.change) == ["added", "updated"]
    assert json.loads(t1.snapshot.iloc[0])["role"] == "teller" and json.loads(t1.snapshot.iloc[1])["role"] == "relationship_manager"
    assert list(history[history.employee_id == "W1"].change) == ["added", "deactivated"]
    # and back again: reactivated
    summary = import_roster(instance=instance, file=roster_file)
    assert gradebook_reads.employees(url(instance)).set_index("employee_id").loc["W1", "active"]


def test_xlsx_roster_with_real_date_cells(instance, roster_file, tmp_path):
    frame = pd.read_csv(roster_file, dtype=str, keep_default_na=False)
    frame["hire_date"] = pd.to_datetime(frame.hire_date)
    path = tmp_path / "roster.xlsx"
    frame.to_excel(path, index=False)
    assert isinstance(openpyxl.load_workbook(path).active["G2"].value, dt.datetime)
    assert import_roster(instance=instance, file=path).added == 4
    assert str(gradebook_reads.employees(url(instance)).set_index("employee_id").loc["T1", "hire_date"]) == "2022-09-30"


BAD_ROWS = [
    ("X1,,上海,零售,teller,,2020-01-01,x@b.example,zh-CN", "name: empty"),
    ("X1,某人,上海,零售,astronaut,,2020-01-01,x@b.example,zh-CN", "role: unknown role 'astronaut'"),
    ("X1,某人,上海,零售,teller,NOBODY,2020-01-01,x@b.example,zh-CN", "manager_id: manager 'NOBODY' is not in the roster"),
    ("X1,某人,上海,零售,teller,,2020-13-01,x@b.example,zh-CN", "hire_date: '2020-13-01' is not a date"),
    ("X1,某人,上海,零售,teller,,01/02/2020,x@b.example,zh-CN", "hire_date"),
    ("X1,某人,上海,零售,teller,,2020-01-01,not-an-email,zh-CN", "email"),
    ("X1,某人,上海,零售,teller,,2020-01-01,x@b.example,fr", "language"),
    ("R1,某人,上海,零售,teller,,2020-01-01,x@b.example,zh-CN", "duplicate id 'R1' (first on row 3)"),
    ("X 1,某人,上海,零售,teller,,2020-01-01,x@b.example,zh-CN", "employee_id"),
    ("X1,某人,上海,零售,teller,,2999-01-01,x@b.example,zh-CN", "in the future"),
]


@pytest.mark.parametrize(("row", "problem"), BAD_ROWS)
def test_one_bad_row_rejects_the_whole_file_and_writes_nothing(instance, roster_file, row, problem):
    bad = roster_file.parent / "bad.csv"
    bad.write_text(roster_file.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    before = database_dump(instance)
    with pytest.raises(AcademyError) as error:
        import_roster(instance=instance, file=bad)
    assert "nothing was imported" in str(error.value)
    assert any(p.startswith("bad.csv:6:") and problem in p for p in error.value.problems), error.value.problems
    assert database_dump(instance) == before


def test_every_problem_is_listed_with_file_row_and_column():
    frame = pd.DataFrame([["A", "", "b", "d", "astronaut", "", "x", "y", "fr"]], columns=ROSTER_HEADER.strip().split(","))
    problems = validate_roster(frame, file_name="r.csv", roles=ROLES, today=dt.date(2025, 1, 1))
    columns = sorted(p.split(":")[2] for p in problems)
    assert columns == ["email", "hire_date", "language", "name", "role"]
    assert all(p.startswith("r.csv:2:") for p in problems)


def test_missing_column_and_unreadable_files(instance, tmp_path):
    no_email = tmp_path / "no_email.csv"
    no_email.write_text("employee_id,name,branch,department,role,manager_id,hire_date,language\n", encoding="utf-8")
    with pytest.raises(AcademyError) as error:
        import_roster(instance=instance, file=no_email)
    assert error.value.problems == ["no_email.csv:1:email: missing column"]
    for name, data in [("empty.csv", b""), ("latin1.csv", ROSTER_HEADER.encode() + "X1,Jos\xe9".encode("latin-1")), ("fake.xlsx", b"not a zip")]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(AcademyError) as error:
            import_roster(instance=instance, file=path)
        assert name in str(error.value) and "\n" not in str(error.value)
    json_file = tmp_path / "roster.json"
    json_file.write_text("{}", encoding="utf-8")
    with pytest.raises(AcademyError, match="unsupported roster format"):
        import_roster(instance=instance, file=json_file)


def test_a_process_reads_the_gradebook_as_it_is_then_even_one_restored_over_it(tmp_path):
    """Reads share one engine per gradebook and process (`gradebook_reads.reader`), yet hold no connection between them."""
    import os
    import shutil

    path = tmp_path / "gradebook.db"
    url = f"sqlite:///{path}"
    gradebook.create_schema(url, "course")
    shutil.copy(path, tmp_path / "backup.db")  # a backup with nobody on the roster
    with gradebook.transaction(url) as connection:
        connection.execute(gradebook.employee.insert(), [{
            "employee_id": "T1", "name": "赵敏", "branch": "上海浦东支行", "department": "运营部", "role": "teller", "manager_id": None,
            "hire_date": dt.date(2022, 9, 30), "email": "t1@bank.example", "language": "zh-CN", "active": True}])
    assert list(gradebook_reads.employees(url).employee_id) == ["T1"]
    os.replace(tmp_path / "backup.db", path)  # the backup restored over it, as an administrator would
    assert gradebook_reads.employees(url).empty  # a connection kept open would still read the file it opened
    assert gradebook_reads.reader(url) is gradebook_reads.reader(url)


def test_the_reads_of_a_reading_block_share_one_connection_and_others_each_open_their_own(tmp_path):
    import sqlalchemy as sa

    url, other = (f"sqlite:///{tmp_path / name}" for name in ("gradebook.db", "other.db"))
    gradebook.create_schema(url, "course")
    gradebook.create_schema(other, "course")
    with gradebook.transaction(other) as connection:
        connection.execute(gradebook.employee.insert(), [{
            "employee_id": "T1", "name": "赵敏", "branch": "上海浦东支行", "department": "运营部", "role": "teller", "manager_id": None,
            "hire_date": dt.date(2022, 9, 30), "email": "t1@bank.example", "language": "zh-CN", "active": True}])
    opened = []
    sa.event.listen(gradebook_reads.reader(url), "connect", lambda connection, _record: opened.append(connection))
    with gradebook_reads.reading(url):
        gradebook_reads.employees(url)
        gradebook_reads.enrollments(url, ["T1"])
        assert list(gradebook_reads.employees(other).employee_id) == ["T1"]  # another gradebook: not this block's connection
    assert len(opened) == 1
    gradebook_reads.employees(url)
    gradebook_reads.employees(url)
    assert len(opened) == 3
