"""Sales Academy: training and case-study workbooks for compliant bank sales."""

from .imports import defer_iri_parsers

__version__ = "0.1.0"

# Before anything imports jsonschema: its IRI parsers cost seconds and no academy process uses them.
defer_iri_parsers()
