"""`academy hr review-feed`: the training component of the performance review.

`review_feed` is a pure function of the status table: one row per employee,
the fields of `FEED_SCHEMA`, with the training score of `ReviewSection`'s
formula (`formula` says it in words). `review_feed_files` reads an instance
and writes the feed for one review period as CSV and JSON, readable by their
owner only, beside the HR reports.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .config import ReviewSection, load_config, today
from .errors import AcademyError
from .hr import AWAITING, _hr_folder, _write_csv, read_inputs, write_atomic
from .status import final_scores

#: The review feed's fields, in order, as HR's systems are told about them.
FEED_SCHEMA = {
    "employee_id": "Employee id from the roster.",
    "period": "Review period: YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM; figures are as of its last day (or today, if earlier).",
    "modules_required": "Modules and cases the employee had been assigned by then.",
    "modules_counted": "Required modules with a settled result, which the training score is computed from: passed, lapsed, "
                       "failed, or overdue (nothing submitted by the due date). Not counted: modules not yet due and not passed, "
                       "and those awaiting grading.",
    "completed": "Required modules passed, and not lapsed.",
    "completed_on_time": "Required modules passed by the end of their due day, and not lapsed.",
    "failed": "Required modules graded below the pass mark.",
    "overdue": "Required modules past their due date with nothing submitted.",
    "awaiting_grading": "Required modules submitted and waiting for the grader or a trainer; they count neither for nor "
                        "against the employee.",
    "mean_score": "Mean score of the graded modules whose grading is finished, in percent; empty when there is none.",
    "training_score": "Training component of the review, 0-100; see formula. Empty when no module is counted yet.",
    "certification_status": "certified (every required module passed), lapsed (a pass has expired) or incomplete.",
    "certified_until": "When certified, the day the first pass lapses (YYYY-MM-DD); empty otherwise.",
}

PERIOD = re.compile(r"(?P<year>[1-9]\d{3})(?:-H(?P<half>[12])|-Q(?P<quarter>[1-4])|-(?P<month>\d\d))?")


def formula(*, review: ReviewSection) -> str:
    """The training-score formula of `ReviewSection` with this instance's weights."""
    text = (f"training_score = {review.on_time_weight:g} * (share of counted modules passed on time) * 100"
            f" + {review.score_weight:g} * (mean score of counted modules, in percent, an overdue module counting 0)")
    if review.overdue_penalty:
        text += f" - {review.overdue_penalty:g} * (number of overdue modules)"
    return text + ", clipped to 0..100; modules awaiting grading and modules not yet due are not counted"


def review_feed(*, status: pd.DataFrame, review: ReviewSection, period: str) -> pd.DataFrame:
    """The training component of the performance review: one row per employee, fields of `FEED_SCHEMA`.

    Only settled results count (`FEED_SCHEMA["modules_counted"]`): a module
    waiting for the grader or a trainer, or not yet due, neither raises nor
    lowers the score. A lapsed pass counts, but neither as completed nor as on
    time. An employee with nothing counted yet has no training score.
    """
    passed = status.status == "passed"
    overdue = status.status == "overdue"
    counted = passed | status.status.isin(["expired", "failed"]) | overdue
    frame = status.assign(completed=passed, completed_on_time=passed & status.on_time.astype(bool), failed=status.status == "failed",
                          overdue=overdue, awaiting_grading=status.status.isin(AWAITING), lapsed=status.status == "expired",
                          counted=counted, score_pct=(status.percent * 100).where(final_scores(status)),
                          counted_pct=(status.percent * 100).where(counted & ~overdue, 0.0).where(counted))
    feed = (
        frame.groupby("employee_id")
        .agg(modules_required=("module_id", "size"), modules_counted=("counted", "sum"), completed=("completed", "sum"),
             completed_on_time=("completed_on_time", "sum"), failed=("failed", "sum"), overdue=("overdue", "sum"),
             awaiting_grading=("awaiting_grading", "sum"), mean_score=("score_pct", "mean"), counted_score=("counted_pct", "mean"),
             lapsed=("lapsed", "any"), first_expiry=("expires_on", "min"))
        .reset_index()
    )
    score = (review.on_time_weight * 100 * feed.completed_on_time / feed.modules_counted
             + review.score_weight * feed.counted_score
             - review.overdue_penalty * feed.overdue)
    certified = feed.completed == feed.modules_required
    feed["training_score"] = score.clip(0, 100).round(1).where(feed.modules_counted > 0)
    feed["mean_score"] = feed.mean_score.round(1)
    feed["certification_status"] = np.select([certified, feed.lapsed], ["certified", "lapsed"], "incomplete")
    feed["certified_until"] = feed.first_expiry.dt.date.where(certified, None)
    feed["period"] = period
    return feed[list(FEED_SCHEMA)]


def period_end(*, period: str) -> dt.date:
    """Last day of a review period: "2025", "2025-H1", "2025-Q3" or "2025-06".

    Raises:
        AcademyError: `period` is none of these.
    """
    match = PERIOD.fullmatch(period)
    if match is None or (match["month"] and not 1 <= int(match["month"]) <= 12):
        raise AcademyError(f"period {period!r} is not a year, half, quarter or month; use e.g. 2025, 2025-H1, 2025-Q3 or 2025-06")
    year = int(match["year"])
    last_month = (int(match["month"]) if match["month"] else 6 * int(match["half"]) if match["half"]
                  else 3 * int(match["quarter"]) if match["quarter"] else 12)
    return dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def review_feed_files(*, instance: Path, period: str, out: Path | None = None) -> list[Path]:
    """Write the performance-review feed for `period` as CSV and JSON.

    Figures are as of the last day of the period, or today if that is earlier:
    a date still to come would count modules as overdue that are not yet due.

    Raises:
        AcademyError: a malformed period, or an invalid instance.
    """
    as_of = min(period_end(period=period), today(load_config(instance)[0]))
    inputs = read_inputs(instance=instance)
    feed = review_feed(status=inputs.status(as_of), review=inputs.review, period=period)
    folder = _hr_folder(instance, out)
    records = [{key: _json_value(value) for key, value in record.items()} for record in feed.to_dict("records")]
    document = {"schema": FEED_SCHEMA, "period": period, "as_of": as_of.isoformat(), "formula": formula(review=inputs.review), "records": records}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return [
        _write_csv(feed, folder / f"review-feed-{period}.csv", private=True),
        write_atomic(path=folder / f"review-feed-{period}.json", write=lambda target: target.write_text(text, encoding="utf-8"), private=True),
    ]


def _json_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    return None if isinstance(value, float) and np.isnan(value) else value
