"""Frames built by hand for the HR, review and item-analysis tests: status rows as `compute_status` gives them,
and a curriculum of tellers taking one module."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesacademy.curriculum import Curriculum
from salesacademy.status import COLUMNS

CURRICULUM = Curriculum.model_validate({
    "roles": {"teller": {"zh": "柜员", "en": "Teller"}},
    "tracks": {"frontline": {"title": {"zh": "一线岗位", "en": "Frontline"}, "roles": ["teller"], "code": False}},
    "competencies": {"c": {"zh": "能力", "en": "Skill"}},
    "modules": [{"id": "01-m", "title": {"zh": "合规销售", "en": "Compliant sales"}, "notebooks": ["exercise"], "competencies": ["c"],
                 "points": 10, "required_for": ["teller"]}],
})


def status_row(employee_id, module_id, status, *, percent=None, submitted=None, assigned="2025-01-02", due="2025-02-01", on_time=False,
               expires=None, name=None, branch="浦东", role="rm"):
    """One row of a status table, as compute_status would give it; scores out of 10."""
    return {"employee_id": employee_id, "name": name or f"姓名{employee_id}", "branch": branch, "role": role, "module_id": module_id,
            "assigned_on": pd.Timestamp(assigned), "due_on": pd.Timestamp(due), "submitted_at": pd.Timestamp(submitted) if submitted else pd.NaT,
            "score": None if percent is None else percent * 10, "max_score": None if percent is None else 10.0,
            "percent": np.nan if percent is None else percent, "status": status, "on_time": on_time,
            "expires_on": pd.Timestamp(expires) if expires else pd.NaT}


def status_table(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    for column in ("submitted_at", "expires_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
