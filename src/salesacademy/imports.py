"""What an import error in a graded notebook names, and whether this Python has that module.

The grader uses these to tell a fault of the machine (a module the grader has
but the sandboxed kernel cannot read) from the learner's own error.
"""

from __future__ import annotations

from pathlib import Path


def unimportable_module(ename: str, evalue: str) -> str | None:
    """The module an import error names: "No module named 'x'", or a permission error on x's file under sys.path."""
    import re
    import sys

    if ename in ("ModuleNotFoundError", "ImportError"):
        found = re.search(r"No module named '([\w.]+)'", evalue)
        return found.group(1) if found else None
    if ename == "PermissionError":
        found = re.search(r"'(/[^']+)'", evalue)
        if not found:
            return None
        path = Path(found.group(1))
        for entry in filter(None, sys.path):
            try:
                relative = path.relative_to(entry)
            except ValueError:
                continue
            parts = list(relative.with_suffix("").parts) if relative.suffix in (".py", ".pyc", ".so") else list(relative.parts)
            if parts and parts[-1] == "__init__":
                parts.pop()
            if parts and all(part.isidentifier() for part in parts):
                return ".".join(parts)
    return None


def installed_at(name: str) -> str | None:
    """Where this Python finds module `name`, or None if it has no such module."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    return spec.origin or next(iter(spec.submodule_search_locations or []), name)
