"""The one error type users see.

Every mistake a user can make (a bad file, a bad argument, a missing
prerequisite) is raised as `AcademyError` with a message of one line that says
what went wrong, where, and how to fix it. The CLI prints that line and exits
non-zero; anything else escaping is a bug and keeps its traceback.
"""


class AcademyError(Exception):
    """A user-facing error with a one-line message."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        #: Further lines (one per problem) for errors that list several, such as
        #: a rejected roster file.
        self.problems = problems or []
