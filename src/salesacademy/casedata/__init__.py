"""Synthetic data for the case library, one module per case.

Each module reproduces the mechanism of a real event at the fictional Jinhe
Bank (金禾银行) and exposes ``load(seed=7) -> dict[str, DataFrame]`` and a
bilingual ``DICTIONARY`` describing every column of every table.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

#: Headings of the two data-dictionary tables a case notebook shows, by the language of the dictionary's texts.
HEADINGS = {
    "zh": {"table": "表", "rows": "行数", "description": "说明", "column": "列", "meaning": "含义"},
    "en": {"table": "Table", "rows": "Rows", "description": "Description", "column": "Column", "meaning": "Meaning"},
}


def dictionary_tables(
    dictionary: Mapping[str, Mapping], language: str, tables: Mapping[str, pd.DataFrame] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The data dictionary of a case as the two tables its notebook shows, headed in the notebook's language.

    Args:
        dictionary: a case module's ``DICTIONARY``: ``{table: {"description": {lang: text}, "columns": {column: {lang: text}}}}``.
        language: ``"zh"`` or ``"en"``, the key of the texts to show.
        tables: the case's loaded tables; when given, the overview counts each table's rows.

    Returns:
        The overview, one row per table (table, rows when ``tables`` is given, description), and the
        columns table, one row per column of every table (table, column, meaning), both in the
        dictionary's order.
    """
    heading = HEADINGS[language]
    overview = pd.DataFrame(
        [(table, len(tables[table]) if tables is not None else 0, entry["description"][language]) for table, entry in dictionary.items()],
        columns=[heading["table"], heading["rows"], heading["description"]],
    )
    if tables is None:
        overview = overview.drop(columns=heading["rows"])
    columns = pd.DataFrame(
        [(table, column, text[language]) for table, entry in dictionary.items() for column, text in entry["columns"].items()],
        columns=[heading["table"], heading["column"], heading["meaning"]],
    )
    return overview, columns
