"""`academy.toml`: the only file a user edits.

Each key is declared once below, with its type, default and description; the
file `academy init` writes is rendered from these declarations, and nbgrader's
configuration is derived from them in `nbgrader_config`, so nobody edits
``nbgrader_config.py`` by hand.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
import zoneinfo
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import AcademyError
from .paths import InstancePaths

LANGUAGES = ("zh-CN", "en")


class _Section(BaseModel):
    # strict: TOML has real numbers and booleans, so `workers = true` or `score_weight = "0.5"` is a mistake
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class CourseSection(_Section):
    id: str = Field("sales-academy", pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="Course id used by nbgrader and the exchange.")
    language: Literal["zh-CN", "en"] = Field("zh-CN", description="Language of built notebooks and reports: zh-CN or en.")
    timezone: str = Field("Asia/Shanghai", description="IANA time zone for due dates and submission times.")
    content: str = Field("", description="Folder holding course/, cases/ and graders/; empty means the bundled content.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones, such as "America"
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Asia/Shanghai)") from None
        return value

    @field_validator("content")
    @classmethod
    def _plain_path(cls, value: str) -> str:
        if "\0" in value:
            raise ValueError("a folder name cannot contain a null character")
        return value


class GradebookSection(_Section):
    url: str = Field("sqlite:///gradebook.db", description="SQLAlchemy URL; a relative SQLite path is inside the instance.")

    @field_validator("url")
    @classmethod
    def _supported(cls, value: str) -> str:
        if not value.startswith(("sqlite:///", "postgresql://", "postgresql+psycopg2://")):
            raise ValueError("must start with sqlite:/// or postgresql://")
        if "\0" in value:
            raise ValueError("cannot contain a null character")
        if value.startswith("sqlite:///") and "?" in value:  # the academy adds its own SQLite options
            raise ValueError("a SQLite URL takes no options after '?'")
        return value


class GradingSection(_Section):
    cell_timeout_s: int = Field(30, gt=0, le=3600, description="Seconds one cell may run before it is stopped.")
    notebook_timeout_s: int = Field(300, gt=0, le=86400, description="Seconds one notebook may run in all.")
    memory_mb: int = Field(2048, ge=256, description="Memory limit of a grading kernel, in MiB.")
    max_processes: int = Field(16, ge=1, le=4096, description="Processes a grading kernel may start (its own user's, when run as root).")
    max_file_mb: int = Field(100, ge=1, description="Largest file a grading kernel may write, in MiB.")
    max_disk_mb: int = Field(512, ge=16, le=65536, description="Space a grading kernel may fill in all, its working folder's "
                             "changes, /tmp and /dev/shm together, in MiB (as root; held in memory while it runs).")
    max_output_lines: int = Field(1000, ge=10, description="Lines of output kept per cell in graded notebooks.")
    workers: int = Field(0, ge=0, le=256, description="Parallel grading workers; 0 means one per CPU core.")


class ReviewSection(_Section):
    """The training component of the performance review, on a 0-100 scale:

    training_score = on_time_weight * (share of counted modules passed on time) * 100
                   + score_weight * (mean score of counted modules, in percent, an overdue one counting 0)
                   - overdue_penalty * (number of overdue modules), clipped to 0..100

    Counted are the modules with a settled result: passed, lapsed, failed, or
    overdue with nothing submitted. A module awaiting grading, or not yet due,
    neither raises nor lowers the score.
    """

    on_time_weight: float = Field(0.5, ge=0, le=1, description="Weight of the share of counted modules passed on time.")
    score_weight: float = Field(0.5, ge=0, le=1, description="Weight of the mean score of counted modules.")
    overdue_penalty: float = Field(0.0, ge=0, le=100, description="Points taken off for each overdue module, on top of "
                                   "its 0 in the mean score and its missing on-time pass.")


class AcademyConfig(_Section):
    course: CourseSection = CourseSection()
    gradebook: GradebookSection = GradebookSection()
    grading: GradingSection = GradingSection()
    review: ReviewSection = ReviewSection()


def bundled_content() -> Path:
    """The course content that ships beside the package (the repository root)."""
    return Path(__file__).resolve().parents[2]


def render_toml(config: AcademyConfig) -> str:
    """The text of `academy.toml` for `config`, with every key's description as a comment."""
    lines = ["# Sales Academy course instance. This is the only file to edit;", "# nbgrader's configuration is derived from it.", ""]
    for name, section in config:
        lines.append(f"[{name}]")
        for key, field in type(section).model_fields.items():
            lines.append(f"# {field.description}")
            value = getattr(section, key)
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def load_config(root: Path) -> tuple[AcademyConfig, InstancePaths]:
    """Read and validate the instance at `root`.

    Raises:
        AcademyError: the folder is not an instance, or `academy.toml` is invalid.
    """
    paths = InstancePaths(Path(root).resolve())
    if not paths.config.is_file():
        raise AcademyError(f"{paths.config}: no course instance here; create one with 'academy init {root}' or pass --instance")
    try:
        raw = tomllib.loads(paths.config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AcademyError(f"{paths.config}: not valid TOML ({exc})") from None
    try:
        return AcademyConfig.model_validate(raw), paths
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise AcademyError(f"{paths.config}: {where}: {error['msg'].removeprefix('Value error, ')}") from None


def content_root(config: AcademyConfig) -> Path:
    """Folder holding course/, cases/ and graders/ for this instance."""
    return Path(config.course.content) if config.course.content else bundled_content()


def database_url(config: AcademyConfig, paths: InstancePaths) -> str:
    """The gradebook URL with a relative SQLite path resolved inside the instance.

    A plain ``postgresql://`` URL names the driver the academy installs,
    psycopg2: SQLAlchemy's own default for that form differs between versions.
    """
    url = config.gradebook.url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        return "sqlite:///" + str(paths.root / url.removeprefix("sqlite:///"))
    if url.startswith("postgresql://"):
        return "postgresql+psycopg2://" + url.removeprefix("postgresql://")
    return url


def today(config: AcademyConfig) -> dt.date:
    """Today's date in the course's time zone: the one due dates and submission times are compared in."""
    return dt.datetime.now(zoneinfo.ZoneInfo(config.course.timezone)).date()


def workers(config: AcademyConfig) -> int:
    return config.grading.workers or os.cpu_count() or 1
