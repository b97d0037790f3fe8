"""What a submission is checked against: its notebook's cells as they were released.

Grading workers read the released cells from the gradebook once per module
(`ReleasedCells`), give every submitted cell back the grading role it was
released with (`restore_roles`), and check nbgrader's metadata with its
schema compiled once (`check_cell_metadata_class`).
"""

from __future__ import annotations

import json
import types


class ReleasedCells:
    """The released cells of each notebook, read from the gradebook once per worker.

    Answers the lookups nbgrader's OverwriteCells makes (`find_notebook`,
    `find_source_cell`, `find_graded_cell`) with plain records, so a worker
    asks the database once per module rather than once per cell and submission.
    """

    def __init__(self, gradebook) -> None:
        self.gradebook = gradebook
        self.notebooks: dict[tuple[str, str], types.SimpleNamespace] = {}

    def find_notebook(self, notebook: str, module_id: str) -> types.SimpleNamespace:
        key = (notebook, module_id)
        if key not in self.notebooks:
            try:
                source = self.gradebook.find_notebook(notebook, module_id)
                record = lambda cell, **extra: types.SimpleNamespace(  # noqa: E731
                    name=cell.name, **{k: getattr(cell, k) for k in extra})
                cells = [record(c, cell_type=1, locked=1, checksum=1, source=1) for c in source.source_cells]
                self.notebooks[key] = types.SimpleNamespace(
                    source_cells=cells,
                    grade_cells=[record(c, max_score=1, cell_type=1) for c in source.grade_cells],
                    solution_cells=[record(c) for c in source.solution_cells],
                    task_cells=[record(c, max_score=1, cell_type=1) for c in source.task_cells],
                    kernelspec=json.loads(source.kernelspec) if source.kernelspec else None,
                )
            finally:
                self.gradebook.db.rollback()  # no read transaction left open while kernels run
        return self.notebooks[key]

    def _find(self, name: str, notebook: str, module_id: str, *kinds: str):
        from nbgrader.api import MissingEntry

        record = self.find_notebook(notebook, module_id)
        for cell in (cell for kind in kinds for cell in getattr(record, kind)):
            if cell.name == name:
                return cell
        raise MissingEntry()

    def find_source_cell(self, name: str, notebook: str, module_id: str):
        return self._find(name, notebook, module_id, "source_cells")

    def find_graded_cell(self, name: str, notebook: str, module_id: str):
        return self._find(name, notebook, module_id, "grade_cells", "task_cells")


def restore_roles(nb, released: types.SimpleNamespace) -> None:
    """Give every cell the grading role it was released with, whatever the submission claims.

    A cell whose id was never released loses its nbgrader metadata: it cannot
    pose as a test or claim points. A released cell gets back its released
    kind (test, answer, task), lock and points; nbgrader's OverwriteCells then
    restores the source of locked cells.
    """
    grade = {c.name: c.max_score for c in released.grade_cells}
    solution = {c.name for c in released.solution_cells}
    task = {c.name: c.max_score for c in released.task_cells}
    locked = {c.name: c.locked for c in released.source_cells}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            continue
        name = meta.get("grade_id") if isinstance(meta, dict) else None
        if name not in locked:
            del cell.metadata["nbgrader"]
            continue
        meta.update(grade=name in grade, solution=name in solution, locked=locked[name])
        if name in task:
            meta.update(task=True, points=task[name])
        else:
            meta.pop("task", None)
        if name in grade:
            meta["points"] = grade[name]
        elif name not in task:
            meta.pop("points", None)


def _metadata_validator():
    """nbgrader's metadata validator, with its JSON schema compiled once rather than for every cell."""
    import jsonschema
    from nbgrader.nbgraderformat.common import BaseMetadataValidator, SchemaTooNewError, SchemaTooOldError
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    class Compiled(BaseMetadataValidator):
        def validate_cell(self, cell) -> None:
            if "nbgrader" not in cell.metadata:
                return
            version = cell.metadata["nbgrader"].get("schema_version", 0)
            if version < self.schema_version:
                raise SchemaTooOldError(f"Outdated schema version: {version} (expected {self.schema_version})", version, self.schema_version)
            if version > self.schema_version:
                raise SchemaTooNewError(f"Schema version is too new: {version} (expected {self.schema_version})", version, self.schema_version)
            self.compiled.validate(cell.metadata["nbgrader"])

    class Validator(MetadataValidatorV3, Compiled):
        pass

    validator = Validator()
    validator.compiled = jsonschema.validators.validator_for(validator.schema)(validator.schema)
    return validator


def check_cell_metadata_class():
    from nbgrader.nbgraderformat import ValidationError
    from nbgrader.preprocessors import CheckCellMetadata

    validator = _metadata_validator()

    class Check(CheckCellMetadata):
        """nbgrader's CheckCellMetadata with the compiled validator."""

        def preprocess(self, nb, resources):
            try:
                validator.validate_nb(nb)
            except ValidationError as exc:
                raise ValidationError(f"Notebook failed to validate; the nbgrader metadata may be corrupted: {exc}") from None
            return nb, resources

    return Check
