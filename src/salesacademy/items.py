"""Item analysis for trainers: which graded items are too easy, too hard or misleading.

The statistics are those of classical test theory, as Moodle's quiz
statistics report computes them
(https://docs.moodle.org/dev/Quiz_statistics_calculations):

facility
    The mean score on the item as a share of its maximum: 1 means everyone
    earned full marks, 0 that nobody earned anything.
discrimination
    The Pearson correlation between the score on the item and the score on
    the rest of the module (the employee's module total minus this item), the
    "corrected item-total correlation". Staff who know more should do better
    on every item; a negative value means the item rewards the weaker staff,
    which usually points to an ambiguous question or a wrong reference answer.

Nothing is computed from written answers a trainer has not graded yet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import gradebook
from .config import content_root, database_url, load_config
from .curriculum import load_curriculum

#: Facility above which an item tells nobody apart: nearly everyone earns full marks.
TOO_EASY = 0.9
#: Facility below which an item is probably unclear or untaught: nearly nobody scores.
TOO_HARD = 0.2
#: Discrimination below which an item favours the weaker staff.
NEGATIVE_DISCRIMINATION = 0.0
#: Fewer responses than this give no discrimination: a correlation of four points means little.
MIN_RESPONSES = 5

COLUMNS = ["module_id", "item", "n", "max_score", "facility", "sd", "discrimination", "flag"]


def item_analysis(*, grades: pd.DataFrame) -> pd.DataFrame:
    """Facility, spread and discrimination of every scored item.

    Args:
        grades: rows as `gradebook.grade_rows` returns them, one per graded cell.

    Returns:
        One row per module and item, with the columns of `COLUMNS`: `n` responses,
        `max_score`, `facility` (mean score / max score), `sd` (sample standard
        deviation of the score), `discrimination` (NaN with fewer than
        `MIN_RESPONSES` responses or when either score never varies) and `flag`:
        "too easy", "too hard", "negative discrimination", several joined by
        "; ", or "" when the item looks sound.
    """
    scored = grades[grades.score.notna() & (grades.auto_score.notna() | grades.manual_score.notna()) & (grades.max_score > 0)]
    if scored.empty:
        return pd.DataFrame(columns=COLUMNS)
    scored = scored.assign(score=scored.score.astype(float), max_score=scored.max_score.astype(float))
    total = scored.groupby(["employee_id", "module_id"]).score.transform("sum")
    scored = scored.assign(rest=total - scored.score)
    rows = []
    for (module_id, item), answers in scored.groupby(["module_id", "item"], sort=True):
        max_score = answers.max_score.max()
        facility = answers.score.mean() / max_score
        discrimination = _correlation(answers.score, answers.rest) if len(answers) >= MIN_RESPONSES else np.nan
        rows.append({"module_id": module_id, "item": item, "n": len(answers), "max_score": max_score, "facility": facility,
                     "sd": answers.score.std(), "discrimination": discrimination, "flag": flag(facility=facility, discrimination=discrimination)})
    return pd.DataFrame(rows, columns=COLUMNS)


def _correlation(item: pd.Series, rest: pd.Series) -> float:
    # A constant score has no correlation; pandas says NaN where numpy would warn.
    if item.nunique() < 2 or rest.nunique() < 2:
        return np.nan
    return float(item.corr(rest))


def flag(*, facility: float, discrimination: float) -> str:
    """What a trainer should look at in an item; "" when nothing."""
    flags = []
    if facility > TOO_EASY:
        flags.append("too easy")
    if facility < TOO_HARD:
        flags.append("too hard")
    if discrimination < NEGATIVE_DISCRIMINATION:  # False for NaN: too few responses say nothing
        flags.append("negative discrimination")
    return "; ".join(flags)


def items(*, instance: Path, module: str | None = None) -> pd.DataFrame:
    """Item analysis of the instance's gradebook, optionally of one module.

    Raises:
        AcademyError: `module` is not in the curriculum, or the instance is invalid.
    """
    config, paths = load_config(instance)
    grades = gradebook.grade_rows(database_url(config, paths), config.course.timezone)
    if module is not None:
        load_curriculum(content_root(config)).module(module)  # an unknown id is an error naming the known ones
        grades = grades[grades.module_id == module]
    return item_analysis(grades=grades)
