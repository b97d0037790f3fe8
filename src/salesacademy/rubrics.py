"""Rubrics for manually graded written answers: ``graders/rubrics/MODULE.yml``.

A rubric is an analytic scale. Each written item has criteria, each about one
requirement, and each criterion has levels: the points it can earn, from 0 up,
with a descriptor of what an answer at that level does. An item's points are
the sum of its criteria's top levels. Three sample answers (strong, middling,
weak) are scored criterion by criterion, so that two trainers calibrate on the
same examples. All texts are in both languages.

Trainers grade against the criteria in the formgrader; the demo's simulated
trainer and the tests use the sample answers and their scores.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .curriculum import Text, read_yaml
from .errors import AcademyError

SAMPLES = ("strong", "middling", "weak")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(Text):
    points: float = Field(ge=0)


class Criterion(Text):
    """One requirement (`zh`/`en` name it) and the levels an answer can reach on it."""

    levels: list[Level] = Field(min_length=2)

    @model_validator(mode="after")
    def _levels_climb_from_zero(self) -> "Criterion":
        points = [level.points for level in self.levels]
        if points[0] != 0:
            raise ValueError("the first level of a criterion is worth 0 points")
        if any(b <= a for a, b in zip(points, points[1:])):
            raise ValueError("the levels of a criterion must rise in points")
        return self

    @property
    def points(self) -> float:
        return self.levels[-1].points


class Sample(Text):
    """A sample answer and the level it reaches on each criterion."""

    scores: dict[str, float]


class WrittenItem(_Strict):
    points: float = Field(gt=0)
    criteria: dict[str, Criterion] = Field(min_length=1)
    samples: dict[str, Sample]

    @model_validator(mode="after")
    def _scales_add_up(self) -> "WrittenItem":
        total = sum(c.points for c in self.criteria.values())
        if abs(total - self.points) > 1e-9:
            raise ValueError(f"the criteria's top levels add up to {total:g} points, the item has {self.points:g}")
        if sorted(self.samples) != sorted(SAMPLES):
            raise ValueError(f"samples must be exactly {', '.join(SAMPLES)}")
        for name, sample in self.samples.items():
            if sorted(sample.scores) != sorted(self.criteria):
                raise ValueError(f"sample {name} must be scored on every criterion: {', '.join(self.criteria)}")
            for criterion, score in sample.scores.items():
                if score not in [level.points for level in self.criteria[criterion].levels]:
                    raise ValueError(f"sample {name} scores {score:g} on {criterion}, which has no such level")
        strong, middling, weak = (self.score(name) for name in SAMPLES)
        if strong != self.points:
            raise ValueError("the strong sample must earn full points")
        if not weak < middling < strong:
            raise ValueError("the samples must score weak < middling < strong")
        return self

    def score(self, sample: str) -> float:
        return sum(self.samples[sample].scores.values())


class Rubric(_Strict):
    module: str
    items: dict[str, WrittenItem] = Field(min_length=1)


def rubric_path(content: Path, module_id: str) -> Path:
    return Path(content) / "graders" / "rubrics" / f"{module_id}.yml"


def load_rubric(content: Path, module_id: str, *, expect: list[str] | None = None) -> Rubric:
    """The rubric of `module_id`; with `expect`, it must cover exactly those written items."""
    path = rubric_path(content, module_id)
    try:
        rubric = Rubric.model_validate(read_yaml(path.read_text(encoding="utf-8")))
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
