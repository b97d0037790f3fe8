"""Imports: what an import error in a graded notebook names, and a package whose import is deferred.

The grader uses `unimportable_module` and `installed_at` to tell a fault of
the machine (a module the grader has but the sandboxed kernel cannot read)
from the learner's own error. `defer_iri_parsers` keeps every process that
reads notebooks from paying seconds for parsers it never uses.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

#: The package jsonschema checks the "iri" and "iri-reference" formats with; importing it builds two Earley parsers.
IRI_PACKAGE = "rfc3987_syntax"


def defer_iri_parsers() -> None:
    """Let jsonschema be imported without building rfc3987_syntax's parsers until a format check calls them.

    jsonschema imports rfc3987_syntax when it is installed (nbformat and
    jupyter_events pull it in), and that import builds Earley parsers from the
    RFC 3987 grammar: one to three seconds of CPU in every process that reads a
    notebook. nbformat validates without format checking, so the academy's
    processes never call them. Here the package is put in `sys.modules`
    unexecuted, with an `is_valid_syntax` (the one name jsonschema imports) and
    every other attribute that load the real module on first use: a format
    check that needs it runs the real parser and gives the same answer.
    Does nothing if the package is missing or jsonschema is already imported.
    """
    if IRI_PACKAGE in sys.modules or "jsonschema" in sys.modules:
        return
    spec = importlib.util.find_spec(IRI_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        return
    package = importlib.util.module_from_spec(spec)

    def helpers():
        # What the package's own __init__ does: ``from .syntax_helpers import *``.
        real = importlib.import_module(f"{IRI_PACKAGE}.syntax_helpers")
        public = getattr(real, "__all__", [name for name in vars(real) if not name.startswith("_")])
        vars(package).update({name: getattr(real, name) for name in public})
        vars(package).pop("__getattr__", None)
        return real

    def is_valid_syntax(term: str, value: str) -> bool:
        return helpers().is_valid_syntax(term, value)

    def attribute(name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        helpers()
        try:
            return vars(package)[name]
        except KeyError:
            raise AttributeError(f"module {IRI_PACKAGE!r} has no attribute {name!r}") from None

    package.is_valid_syntax = is_valid_syntax
    package.__getattr__ = attribute
    sys.modules[IRI_PACKAGE] = package


def unimportable_module(ename: str, evalue: str) -> str | None:
    """The module an import error names: "No module named 'x'", or a permission error on x's file under sys.path."""
    import re

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
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    return spec.origin or next(iter(spec.submodule_search_locations or []), name)
