"""Rubrics for manually graded written answers: ``graders/rubrics/MODULE.yml``.

Each written item has criteria with points, an exemplary answer, and a
typical weak answer with the points it earns; all texts in both languages.
Trainers grade against the criteria in the formgrader; the demo's simulated
trainer and the tests use the exemplary and weak answers.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .curriculum import Text
from .errors import AcademyError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Criterion(Text):
    points: float = Field(gt=0)


class WeakAnswer(Text):
    points: float = Field(ge=0)


class WrittenItem(_Strict):
    points: float = Field(gt=0)
    criteria: list[Criterion] = Field(min_length=1)
    exemplary: Text
    weak: WeakAnswer

    @model_validator(mode="after")
    def _points_add_up(self) -> "WrittenItem":
        total = sum(c.points for c in self.criteria)
        if abs(total - self.points) > 1e-9:
            raise ValueError(f"criteria add up to {total:g} points, the item has {self.points:g}")
        if self.weak.points >= self.points:
            raise ValueError("the weak answer must earn less than full points")
        return self


class Rubric(_Strict):
    module: str
    items: dict[str, WrittenItem] = Field(min_length=1)


def rubric_path(content: Path, module_id: str) -> Path:
    return Path(content) / "graders" / "rubrics" / f"{module_id}.yml"


def load_rubric(content: Path, module_id: str, *, expect: list[str] | None = None) -> Rubric:
    """The rubric of `module_id`; with `expect`, it must cover exactly those written items."""
    path = rubric_path(content, module_id)
    try:
        rubric = Rubric.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise AcademyError(f"{path}: rubric not found; every written item needs one") from None
    except yaml.YAMLError as exc:
        raise AcademyError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        raise AcademyError(f"{path}: {'.'.join(map(str, error['loc']))}: {error['msg'].removeprefix('Value error, ')}") from None
    if rubric.module != module_id:
        raise AcademyError(f"{path}: module is {rubric.module!r}, expected {module_id!r}")
    if expect is not None and sorted(rubric.items) != sorted(expect):
        raise AcademyError(f"{path}: rubric covers {sorted(rubric.items)} but the notebook's written items are {sorted(expect)}")
    return rubric
