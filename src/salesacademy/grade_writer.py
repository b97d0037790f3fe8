"""The one process of `academy grade` that writes: a grading result into nbgrader's gradebook, then its folder.

Each submission's scores, comments and grading problem are saved in one
transaction, recorded in the audit trail as the run's. Only after it commits
is the autograded folder put in place, ``timestamp.txt`` last: a run killed
at any point leaves each submission either graded or still pending.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .curriculum import module_of
from .gradebook import audit_source, grading_problem
from .paths import InstancePaths

if TYPE_CHECKING:
    from .grade_worker import Job, Result


class Writer:
    """The only process that writes grades: one transaction per submission."""

    def __init__(self, paths: InstancePaths, url: str, course_id: str, run_id: str) -> None:
        import warnings

        from nbgrader.api import Gradebook
        from sqlalchemy.exc import SAWarning

        warnings.filterwarnings("ignore", category=SAWarning)
        self.paths, self.run_id = paths, run_id
        self.gradebook = Gradebook(url, course_id)
        # The course's assignments, notebooks and cells are read once, not again after every
        # commit; each submission's own rows are read fresh, as each is saved once per run.
        self.gradebook.db().expire_on_commit = False
        self.assignments: dict = {}  # module id -> nbgrader Assignment, with its notebooks and cells
        # Every score this run writes is recorded in the audit trail as this run's.
        self.audited = contextlib.ExitStack()
        self.audited.enter_context(audit_source(self.gradebook.db, f"autograde:{run_id}"))

    def save(self, result: Result) -> None:
        job, db = result.job, self.gradebook.db
        try:
            if self._submission_id(job) is None:
                self._create(result)
            else:
                self._update(result)
            key = {"employee_id": job.employee_id, "module_id": module_of(job.assignment)}
            db.execute(grading_problem.delete().filter_by(**key))
            problem = "; ".join(filter(None, [result.problem, *result.notes]))
            if problem:
                db.execute(grading_problem.insert().values(**key, run_id=self.run_id, problem=problem))
            db.commit()
        except BaseException:
            db.rollback()
            raise
        self._publish(result)

    def _submission_id(self, job: Job) -> str | None:
        from nbgrader.api import Assignment, SubmittedAssignment

        return self.gradebook.db.query(SubmittedAssignment.id).join(Assignment).filter(
            Assignment.name == job.assignment, SubmittedAssignment.student_id == job.employee_id).scalar()

    def _stamp(self, job: Job) -> dt.datetime | None:
        from nbgrader.utils import parse_utc

        stamp = self.paths.timestamp("submitted", job.employee_id, job.assignment)
        return parse_utc(stamp) if stamp else None

    def _create(self, result: Result) -> None:
        """A first grading: the rows nbgrader's ``add_submission`` makes, with their scores, in this transaction.

        nbgrader would commit the student, then the empty submission, then the
        scores: three transactions, and the unit of work of its ORM for each row.
        """
        from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook, new_uuid
        from sqlalchemy import insert

        job, db = result.job, self.gradebook.db
        if db.get(Student, job.employee_id) is None:
            db.execute(insert(Student), [{"id": job.employee_id}])
        if job.assignment not in self.assignments:
            self.assignments[job.assignment] = self.gradebook.find_assignment(job.assignment)
        assignment = self.assignments[job.assignment]
        submission_id = new_uuid()
        db.execute(insert(SubmittedAssignment), [{"id": submission_id, "assignment_id": assignment.id,
                                                  "student_id": job.employee_id, "timestamp": self._stamp(job)}])
        notebooks, grades, comments = [], [], []
        for notebook in assignment.notebooks:
            notebook_id, graded = new_uuid(), notebook.name == job.notebook
            notebooks.append({"id": notebook_id, "assignment_id": submission_id, "notebook_id": notebook.id})
            for cell in [*notebook.grade_cells, *notebook.task_cells]:
                if graded and result.unreadable:  # as nbgrader does for a missing notebook
                    score, review = 0, False
                elif graded and cell.name in result.scores:
                    score = result.scores[cell.name]
                    review = score is None
                else:  # nbgrader's defaults: no score yet, to be reviewed
                    score, review = None, True
                grades.append({"id": new_uuid(), "notebook_id": notebook_id, "cell_id": cell.id,
                               "auto_score": score, "needs_manual_grade": review})
            for cell in [*notebook.solution_cells, *notebook.task_cells]:
                comments.append({"id": new_uuid(), "notebook_id": notebook_id, "cell_id": cell.id,
                                 "auto_comment": result.comments.get(cell.name) if graded else None})
        db.execute(insert(SubmittedNotebook), notebooks)
        for model, rows in ((Grade, grades), (Comment, comments)):
            if rows:
                db.execute(insert(model), rows)

    def _update(self, result: Result) -> None:
        """A regrade: new automatic scores and comments beside any manual ones, as nbgrader's autograde."""
        job, gb = result.job, self.gradebook
        submission = gb.find_submission(job.assignment, job.employee_id)
        stamp = self._stamp(job)
        if stamp is not None:
            submission.timestamp = stamp
        notebook = gb.find_submission_notebook(job.notebook, job.assignment, job.employee_id)
        if result.unreadable:  # as nbgrader does for a missing notebook: zero, nothing to review
            for grade in notebook.grades:
                grade.auto_score, grade.needs_manual_grade = 0, False
            return
        by_name = {grade.name: grade for grade in notebook.grades}
        for name, score in result.scores.items():
            grade = by_name[name]
            grade.auto_score = score
            grade.needs_manual_grade = grade.manual_score is not None or score is None
        comments = {comment.name: comment for comment in notebook.comments}
        for name, text in result.comments.items():
            comments[name].auto_comment = text

    def _publish(self, result: Result) -> None:
        """Put the autograded folder in place, timestamp last: from now on the submission counts as graded."""
        job = result.job
        target = self.paths.step("autograded", job.employee_id, job.assignment)
        staging = Path(job.staging)
        stamp = self.paths.step("submitted", job.employee_id, job.assignment) / "timestamp.txt"
        (staging / "timestamp.txt").unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
        if stamp.is_file():
            tmp = target / ".timestamp.txt.tmp"
            shutil.copyfile(stamp, tmp)
            os.replace(tmp, target / "timestamp.txt")

    def close(self) -> None:
        self.audited.close()
        self.gradebook.close()
