"""`academy init`: create a course instance."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .config import AcademyConfig, CourseSection, GradebookSection, database_url, load_config, render_toml
from .curriculum import load_curriculum
from .errors import AcademyError
from .gradebook import create_schema
from .nbgrader_setup import CONFIG_FILE_TEXT
from .paths import STEPS, InstancePaths

DEFAULT_LANGUAGE = CourseSection.model_fields["language"].default
DEFAULT_COURSE_ID = CourseSection.model_fields["id"].default
DEFAULT_TIMEZONE = CourseSection.model_fields["timezone"].default
DEFAULT_DB = GradebookSection.model_fields["url"].default


def init(
    *,
    directory: Path,
    course_id: str = DEFAULT_COURSE_ID,
    language: str = DEFAULT_LANGUAGE,
    timezone: str = DEFAULT_TIMEZONE,
    db: str = DEFAULT_DB,
    content: Path | None = None,
) -> InstancePaths:
    """Create a course instance in `directory`: `academy.toml`, nbgrader's folders and the gradebook.

    Raises:
        AcademyError: the folder already holds an instance, or a setting is invalid.
    """
    paths = InstancePaths(Path(directory).resolve())
    if paths.config.exists():
        raise AcademyError(f"{paths.config}: an instance already exists here; choose another folder")
    if paths.root.exists() and not paths.root.is_dir():
        raise AcademyError(f"{paths.root}: exists and is not a folder")
    raw = {"course": {"id": course_id, "language": language, "timezone": timezone, "content": str(Path(content).resolve()) if content else ""},
           "gradebook": {"url": db}}
    try:
        config = AcademyConfig.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise AcademyError(f"invalid setting {'.'.join(map(str, error['loc']))}: {error['msg'].removeprefix('Value error, ')}") from None
    if content is not None:
        load_curriculum(Path(content))  # fail now, not at the first release
    paths.root.mkdir(parents=True, exist_ok=True)
    # Course files hold hidden tests and other staff's work: owner only.
    paths.root.chmod(0o700)
    for step in STEPS:
        paths.step(step).mkdir(exist_ok=True)
    paths.exchange.mkdir(exist_ok=True)
    paths.config.write_text(render_toml(config), encoding="utf-8")
    paths.nbgrader_config.write_text(CONFIG_FILE_TEXT, encoding="utf-8")
    try:
        create_schema(database_url(config, paths), config.course.id)
    except Exception as exc:  # connection refused, bad credentials, unwritable file
        paths.config.unlink()
        raise AcademyError(f"cannot create the gradebook at {config.gradebook.url}: {str(exc).splitlines()[0]}") from None
    load_config(paths.root)  # the file just written must read back
    return paths
