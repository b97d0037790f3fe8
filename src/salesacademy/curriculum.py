"""`course/curriculum.yml`: what is taught, to whom, by when, and for how long.

The curriculum declares the bank's roles, the tracks they train on, the
competencies the course builds, and every module and case: its titles in both
languages, its notebooks, the points it carries on each track, its pass mark,
the roles that must take it, the days allowed after assignment and the months
after which a pass lapses and the employee must recertify.

A track is what a role is asked to do: ``frontline`` staff (tellers,
relationship managers, wealth advisors) answer judgement questions without
writing code; ``analyst`` staff (compliance officers) also analyse the data.
Each module is released once per track that takes it and per course language
(a `Version`, one nbgrader assignment), and every employee is counted against
the points of their own track.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

import dataclasses

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import AcademyError

CURRICULUM_FILE = Path("course") / "curriculum.yml"
FOLDERS = {"module": "course", "case": "cases"}
#: Course languages; every module is built in each.
LANGUAGES = ("zh-CN", "en")
#: A notebook is named by a plain file stem: it becomes a file name inside the module's folder.
NotebookName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]


class _Strict(BaseModel):
    # strict: YAML types its values, so `due_days: yes` (a boolean) or `points: "10"` is a mistake, not a number
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(_Strict):
    """A text in both course languages."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


class Defaults(_Strict):
    due_days: int = Field(30, gt=0, le=366)
    recertify_months: int = Field(12, gt=0, le=120)
    pass_mark: float = Field(0.7, gt=0, le=1)


class Track(_Strict):
    title: Text
    roles: list[str] = Field(min_length=1)
    code: bool = Field(description="Whether items of this track may ask the learner to write code.")


class Module(_Strict):
    id: str = Field(pattern=r"^c?\d\d-[a-z0-9-]+$")
    kind: Literal["module", "case"] = "module"
    title: Text
    notebooks: list[NotebookName] = Field(min_length=1)
    graded: str = Field("exercise", description="The notebook that holds the graded items.")
    competencies: list[str] = Field(min_length=1)
    #: The same on every track, or one figure per track that takes the module.
    points: float | dict[str, float] = Field(union_mode="left_to_right")
    pass_mark: float | None = Field(None, gt=0, le=1)
    required_for: list[str] = []
    due_days: int | None = Field(None, gt=0, le=366)
    recertify_months: int | None = Field(None, gt=0, le=120)
    supports: list[str] = []
    #: The areas of the subject (`areas` of the curriculum) whose graded items this module carries.
    areas: list[str] = []

    @model_validator(mode="after")
    def _graded_is_listed(self) -> "Module":
        if self.graded not in self.notebooks:
            raise ValueError(f"graded notebook {self.graded!r} is not in notebooks")
        figures = self.points.values() if isinstance(self.points, dict) else [self.points]
        if not all(0 < figure < float("inf") for figure in figures):
            raise ValueError("points must be above zero")
        return self

    def folder(self, content: Path) -> Path:
        return content / FOLDERS[self.kind] / self.id


class Curriculum(_Strict):
    defaults: Defaults = Defaults()
    roles: dict[str, Text] = Field(min_length=1)
    tracks: dict[str, Track] = Field(min_length=1)
    competencies: dict[str, Text] = Field(min_length=1)
    #: The areas the subject is organised in; every one must be taught by a graded module.
    areas: dict[str, Text] = {}
    modules: list[Module] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> "Curriculum":
        placed: dict[str, str] = {}
        for name, track in self.tracks.items():
            for role in track.roles:
                if role not in self.roles:
                    raise ValueError(f"tracks.{name}.roles: unknown role {role!r} (declare it under roles)")
                if role in placed:
                    raise ValueError(f"tracks.{name}.roles: role {role!r} is already on track {placed[role]!r}")
                placed[role] = name
        for role in self.roles:
            if role not in placed:
                raise ValueError(f"roles.{role}: on no track; list it under the roles of one track")
        seen: set[str] = set()
        for i, module in enumerate(self.modules):
            if module.id in seen:
                raise ValueError(f"modules[{i}].id: duplicate module id {module.id!r}")
            seen.add(module.id)
            for role in module.required_for:
                if role not in self.roles:
                    raise ValueError(f"modules[{i}].required_for: unknown role {role!r} (declare it under roles)")
            if isinstance(module.points, dict) and set(module.points) != set(self.tracks_of(module)):
                raise ValueError(f"modules[{i}].points: give points for exactly the tracks that take it: {', '.join(self.tracks_of(module))}")
            for competency in module.competencies:
                if competency not in self.competencies:
                    raise ValueError(f"modules[{i}].competencies: unknown competency {competency!r} (declare it under competencies)")
            for area in module.areas:
                if area not in self.areas:
                    raise ValueError(f"modules[{i}].areas: unknown area {area!r} (declare it under areas)")
        for i, module in enumerate(self.modules):
            for target in module.supports:
                if target not in seen:
                    raise ValueError(f"modules[{i}].supports: unknown module {target!r}")
        return self

    @cached_property
    def by_id(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}

    def module(self, module_id: str) -> Module:
        """The module with this id, or an error naming the known ones."""
        try:
            return self.by_id[module_id]
        except KeyError:
            known = ", ".join(self.by_id)
            raise AcademyError(f"unknown module {module_id!r}; the curriculum has: {known}") from None

    def track_of(self, role: str) -> str:
        """The track an employee in `role` trains on."""
        for name, track in self.tracks.items():
            if role in track.roles:
                return name
        known = ", ".join(self.roles)
        raise AcademyError(f"unknown role {role!r}; the curriculum has: {known}")

    def tracks_of(self, module: Module) -> list[str]:
        """Tracks that take `module`: those of the roles that must, or every track when no role must."""
        taking = {self.track_of(role) for role in module.required_for}
        return [name for name in self.tracks if name in taking or not taking]

    def points(self, module: Module, track: str) -> float:
        """What `module` is worth on `track`."""
        return module.points[track] if isinstance(module.points, dict) else module.points

    def versions(self, module: Module) -> list["Version"]:
        """Every version of `module` that is released: one per track that takes it and per language."""
        return [Version(module.id, track, language) for track in self.tracks_of(module) for language in LANGUAGES]

    def pass_mark(self, module: Module) -> float:
        return module.pass_mark if module.pass_mark is not None else self.defaults.pass_mark

    def due_days(self, module: Module) -> int:
        return module.due_days if module.due_days is not None else self.defaults.due_days

    def recertify_months(self, module: Module) -> int:
        return module.recertify_months if module.recertify_months is not None else self.defaults.recertify_months

    def required(self, role: str) -> list[Module]:
        """Modules and cases an employee in `role` must take."""
        return [m for m in self.modules if role in m.required_for]


def read_yaml(text: str):
    """The data of a YAML document, as `yaml.safe_load` reads it, parsed by libyaml where PyYAML has it.

    The pure-Python parser takes a large part of a second for the curriculum
    or an item bank, read by every command and every worker.
    """
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_curriculum(content: Path) -> Curriculum:
    """Read and validate the curriculum under `content`, including that every notebook exists.

    Raises:
        AcademyError: one line naming the file, the key and the problem.
    """
    path = Path(content) / CURRICULUM_FILE
    try:
        raw = read_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AcademyError(f"{path}: curriculum not found; set course.content in academy.toml to the folder holding course/") from None
    except OSError as exc:  # the content setting names a file, or a folder nobody may read
        raise AcademyError(f"{path}: cannot read the curriculum ({exc.strerror})") from None
    except yaml.MarkedYAMLError as exc:
        where = f":{exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise AcademyError(f"{path}{where}: not valid YAML ({exc.problem or exc.context})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AcademyError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise AcademyError(f"{path}: expected a mapping with roles, competencies and modules")
    try:
        curriculum = Curriculum.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        raise AcademyError(f"{path}: {where + ': ' if where else ''}{message}") from None
    for module in curriculum.modules:
        for notebook in module.notebooks:
            source = module.folder(Path(content)) / f"{notebook}.py"
            if not source.is_file():
                raise AcademyError(f"{path}: module {module.id}: notebook {notebook!r} not found at {source}")
    return curriculum


@dataclasses.dataclass(frozen=True)
class Version:
    """A module as one employee takes it: on their track, in their language; one nbgrader assignment."""

    module_id: str
    track: str
    language: str

    @property
    def assignment(self) -> str:
        """The nbgrader assignment id, such as ``03-suitability.frontline.zh``."""
        return f"{self.module_id}.{self.track}.{language_tag(self.language)}"


def language_tag(language: str) -> str:
    """The source tag (``zh`` or ``en``) of a course language (``zh-CN`` or ``en``)."""
    return "zh" if language.startswith("zh") else "en"


def parse_assignment(name: str) -> Version | None:
    """The version an nbgrader assignment id names; None for a name of an earlier gradebook (the bare module id)."""
    parts = name.split(".")
    if len(parts) != 3:
        return None
    module_id, track, tag = parts
    return Version(module_id, track, "zh-CN" if tag == "zh" else "en")


def module_of(name: str) -> str:
    """The module of an nbgrader assignment id."""
    return name.split(".", 1)[0]
