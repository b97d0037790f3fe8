"""`academy init`: create a course instance."""

from __future__ import annotations

import shutil
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
    new_folder = _outermost_missing(paths.root)
    existing = set() if new_folder else set(paths.root.iterdir())
    try:
        _create(paths, config)
    except BaseException:
        # Nothing half-made stays behind: remove what this call created, and only that.
        if new_folder:
            shutil.rmtree(new_folder, ignore_errors=True)
        else:
            for entry in set(paths.root.iterdir()) - existing:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        raise
    return paths


def _create(paths: InstancePaths, config: AcademyConfig) -> None:
    try:
        paths.root.mkdir(parents=True, exist_ok=True)
        # Course files hold hidden tests and other staff's work: owner only.
        paths.root.chmod(0o700)
        for step in STEPS:
            paths.step(step).mkdir(exist_ok=True)
        paths.exchange.mkdir(exist_ok=True)
        paths.config.write_text(render_toml(config), encoding="utf-8")
        paths.nbgrader_config.write_text(CONFIG_FILE_TEXT, encoding="utf-8")
    except OSError as exc:
        raise AcademyError(f"{paths.root}: cannot create the instance there ({exc.strerror})") from None
    try:
        create_schema(database_url(config, paths), config.course.id)
    except Exception as exc:  # connection refused, bad credentials, unwritable file
        raise AcademyError(f"cannot create the gradebook at {config.gradebook.url}: {str(exc).splitlines()[0]}") from None
    load_config(paths.root)  # the file just written must read back


def _outermost_missing(folder: Path) -> Path | None:
    """The outermost folder on the way to `folder` that does not exist yet; None when `folder` exists."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing = candidate
    return missing
