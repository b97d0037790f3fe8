"""Each submission's total, kept by the database's triggers, is always its cells added up, whoever changes them.

The oracle is `gradebook_reads.grade_rows` added up in pandas (`status.submission_scores`),
a path that reads every cell and never the totals.
"""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest
import sqlalchemy as sa
from conftest import gradebook_url

from salesacademy import gradebook, gradebook_reads, total_triggers
from salesacademy.status import submission_scores

KEYS = ["employee_id", "module_id"]


def totals_and_cells(url: str) -> tuple[dict, dict]:
    """What the totals say, and what adding up the cells says, per submission: score, maximum, a trainer's part waiting."""
    sent, totals = gradebook_reads.submission_totals(url, "UTC")
    columns = ["score", "max_score", "needs_manual_grade"]
    kept = totals.astype({key: str for key in KEYS}).set_index(KEYS)[columns].sort_index().to_dict("index")
    added = submission_scores(gradebook_reads.grade_rows(url, "UTC")).set_index(KEYS)[columns].sort_index().to_dict("index")
    times = sorted(zip(sent.employee_id.astype(str), sent.module_id.astype(str), sent.submitted_at))
    assert times == sorted(zip(*(gradebook_reads.submissions(url, "UTC")[c] for c in ("employee_id", "module_id", "submitted_at"))))
    return kept, added


def execute(url: str, statement: str, **params) -> None:
    engine = gradebook.engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement), params)
    finally:
        engine.dispose()


def test_totals_follow_every_change_from_nbgrader_and_raw_sql(own_cohort):
    from nbgrader.api import Gradebook

    url = gradebook_url(own_cohort)
    kept, added = totals_and_cells(url)
    assert kept == added and kept[("T1", "01-sales-process")] == {"score": 3.0, "max_score": 10.0, "needs_manual_grade": False}

    def changed(change) -> dict:
        with Gradebook(url, "sales-academy") as gb:
            change(gb)
            gb.db.commit()
        kept, added = totals_and_cells(url)
        assert kept == added
        return kept

    def grade(gb, item, module_id, employee_id):
        return gb.find_grade(item, "exercise", module_id, employee_id)

    def manual_score(gb):  # what a trainer does in the formgrader
        grade(gb, "q2", "01-sales-process", "B1").manual_score = 3
    assert changed(manual_score)[("B1", "01-sales-process")]["score"] == 8.0  # 5 + 3, the trainer's 3 over the automatic 5

    def extra_credit(gb):
        grade(gb, "q1", "03-suitability", "B1").extra_credit = 1
    assert changed(extra_credit)[("B1", "03-suitability")]["score"] == 10.0  # 5 + 1 + 4

    def awaiting(gb):
        row = grade(gb, "q2", "01-sales-process", "R1")
        row.auto_score, row.needs_manual_grade = None, True
    assert changed(awaiting)[("R1", "01-sales-process")] == {"score": 5.0, "max_score": 10.0, "needs_manual_grade": True}

    def cells_deleted(gb):
        for row in list(gb.find_submission_notebook("exercise", "03-suitability", "W2").grades):
            gb.db.delete(row)
    assert ("W2", "03-suitability") not in changed(cells_deleted)  # sent, with nothing graded

    def removed(gb):  # nbgrader's own removal of a submission, its notebooks and grades
        gb.remove_submission("01-sales-process", "T1")
    assert ("T1", "01-sales-process") not in changed(removed)

    def added_submission(gb):  # a new submission: nbgrader makes its grades, none scored, each waiting to be graded
        gb.add_submission("01-sales-process", "T2")
    assert changed(added_submission)[("T2", "01-sales-process")] == {"score": 0.0, "max_score": 10.0, "needs_manual_grade": True}

    # Raw SQL on the tables the totals are read from: a cell's maximum, a resubmission's time, an assignment's name.
    execute(url, "UPDATE grade_cells SET max_score = 10 WHERE id IN (SELECT gc.id FROM grade_cells gc JOIN base_cell bc ON bc.id = gc.id "
                 "JOIN notebook n ON n.id = bc.notebook_id JOIN assignment a ON a.id = n.assignment_id "
                 "WHERE bc.name = 'q1' AND a.name = '01-sales-process')")
    kept, added = totals_and_cells(url)
    assert kept == added and kept[("B2", "01-sales-process")]["max_score"] == 15.0
    execute(url, "UPDATE submitted_assignment SET timestamp = :at WHERE student_id = 'B2' AND assignment_id = "
                 "(SELECT id FROM assignment WHERE name = '01-sales-process')", at="2025-02-20 09:00:00.000000")
    sent, _ = gradebook_reads.submission_totals(url, "UTC")
    b2 = sent[(sent.employee_id == "B2") & (sent.module_id == "01-sales-process")]
    assert b2.submitted_at.tolist() == [pd.Timestamp(2025, 2, 20, 9)]
    execute(url, "UPDATE assignment SET name = '01-sales-process.frontline.zh' WHERE name = '01-sales-process'")
    kept, added = totals_and_cells(url)
    sent, _ = gradebook_reads.submission_totals(url, "UTC")
    assert kept == added and set(sent[sent.employee_id == "B2"].assignment) == {"01-sales-process.frontline.zh", "03-suitability"}


def _drop_totals(url: str) -> None:
    """The gradebook as an earlier version left it: no totals table, no triggers keeping it."""
    engine = gradebook.engine(url)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                names = [row[0] for row in connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'academy_total_%'")]
                for name in names:
                    connection.exec_driver_sql(f"DROP TRIGGER {name}")
            else:
                connection.exec_driver_sql("DROP FUNCTION academy_total_refresh(text[]) CASCADE")
                connection.exec_driver_sql("DROP FUNCTION academy_total_submission() CASCADE")
                for table in ("grade", "submitted_notebook", "assignment", "grade_cells"):
                    connection.exec_driver_sql(f"DROP FUNCTION academy_total_{table}() CASCADE")
            connection.exec_driver_sql(f"DROP TABLE {total_triggers.TABLE}")
    finally:
        engine.dispose()


def test_a_gradebook_of_an_earlier_version_gets_every_total_on_its_first_read_and_keeps_them(own_cohort):
    url = gradebook_url(own_cohort)
    _drop_totals(url)
    # A trainer's grade given while there were no triggers yet is in the totals computed on the first read.
    execute(url, "UPDATE grade SET manual_score = 0 WHERE notebook_id IN (SELECT sn.id FROM submitted_notebook sn "
                 "JOIN submitted_assignment sa ON sa.id = sn.assignment_id WHERE sa.student_id = 'B2')")
    kept, added = totals_and_cells(url)
    assert kept == added and kept[("B2", "03-suitability")]["score"] == 0.0
    execute(url, "UPDATE grade SET manual_score = NULL")
    kept, added = totals_and_cells(url)
    assert kept == added and kept[("B2", "03-suitability")]["score"] == 10.0  # and followed since


@pytest.mark.parametrize("instance_template", ["postgresql"], indirect=True)  # SQLite lets one writer in at a time
def test_two_trainers_grading_one_submission_at_once_leave_the_total_of_both(own_cohort):
    """The second waits for the first to commit, then adds up the cells as the first left them."""
    url = gradebook_url(own_cohort)
    of_b1 = ("UPDATE grade SET manual_score = :score WHERE cell_id IN (SELECT id FROM base_cell WHERE name = :item) AND notebook_id IN "
             "(SELECT sn.id FROM submitted_notebook sn JOIN submitted_assignment sa ON sa.id = sn.assignment_id "
             "JOIN assignment a ON a.id = sa.assignment_id WHERE sa.student_id = 'B1' AND a.name = '01-sales-process')")
    engine = gradebook.engine(url)
    try:
        first = engine.connect()
        first.begin()
        first.execute(sa.text(of_b1), {"score": 1, "item": "q1"})
        first_pid = first.exec_driver_sql("SELECT pg_backend_pid()").scalar()

        def second_trainer():
            with engine.begin() as second:
                second.execute(sa.text(of_b1), {"score": 2, "item": "q2"})

        thread = threading.Thread(target=second_trainer)
        thread.start()
        with engine.connect() as watcher:  # commit the first only once the second waits for it
            for _ in range(1200):
                if watcher.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"),
                                   {"pid": first_pid}).scalar():
                    break
                watcher.rollback()
                time.sleep(0.05)
            else:
                raise AssertionError("the second trainer's change never waited for the first's")
        first.commit()
        first.close()
        thread.join(timeout=60)
        assert not thread.is_alive()
    finally:
        engine.dispose()
    kept, added = totals_and_cells(url)
    assert kept == added and kept[("B1", "01-sales-process")]["score"] == 3.0  # 1 + 2: neither trainer's grade lost


def test_the_cohort_read_a_few_rows_at_a_time_is_the_cohort_read_at_once(own_cohort, monkeypatch):
    """`read_rows` makes each chunk compact before the next: the chunks, categories and all, join into the same frames."""
    url = gradebook_url(own_cohort)
    at_once = gradebook_reads.submission_totals(url, "Asia/Shanghai"), gradebook_reads.cohort_enrollments(url)
    monkeypatch.setattr(gradebook_reads, "CHUNK_ROWS", 2)  # 7 submissions, 10 enrollments: several chunks each, the last one short
    in_chunks = gradebook_reads.submission_totals(url, "Asia/Shanghai"), gradebook_reads.cohort_enrollments(url)
    for whole, chunked in zip([*at_once[0], at_once[1]], [*in_chunks[0], in_chunks[1]]):
        assert len(whole) > 2
        pd.testing.assert_frame_equal(chunked.astype({"employee_id": str, "module_id": str}), whole.astype({"employee_id": str, "module_id": str}))
        assert chunked.employee_id.dtype == "category" and chunked.module_id.dtype == "category"
