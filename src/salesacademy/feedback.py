"""`academy feedback`: graded feedback for staff, without hidden tests.

Stock nbgrader feedback shows the graded notebook as it ran, hidden tests
included, and a failed hidden assertion's traceback prints its source line.
The feedback pipeline here removes hidden test regions and reduces every
test error to its name and message before rendering.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets.config import Config

from .config import database_url, load_config
from .curriculum import module_of
from .nbgrader_setup import api, check
from .release import chosen_released


class RedactTestErrors(NbGraderPreprocessor):
    """Keep only ``Name: message`` of errors in graded test cells."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    message = f"{output.ename}: {output.evalue}" if output.evalue else output.ename
                    output.traceback = [message]
        return cell, resources


# Order matters: grades are read before anything changes the cells, and hidden
# regions are cleared before errors are redacted so no hidden line survives.
FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "salesacademy.feedback.RedactTestErrors",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


def feedback(*, instance: Path, modules: list[str] | None = None) -> dict[str, int]:
    """Generate and release feedback for graded submissions; returns counts by module."""
    config, paths = load_config(instance)
    chosen = chosen_released(database_url(config, paths), modules)
    extra = Config()
    extra.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
    nbgrader = api(config, paths, extra)
    counts: dict[str, int] = {}
    for assignment in chosen:
        module_id = module_of(assignment)
        graded = list(paths.step("autograded").glob(f"*/{assignment}"))
        counts[module_id] = counts.get(module_id, 0) + len(graded)
        if graded:
            check(nbgrader.generate_feedback(assignment), f"generate_feedback {assignment}")
            check(nbgrader.release_feedback(assignment), f"release_feedback {assignment}")
    return counts
