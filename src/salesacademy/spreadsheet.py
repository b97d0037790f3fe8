"""Tables that spreadsheets open as data, never as formulas.

A roster cell such as ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` is just
text to the academy, but Excel and LibreOffice run it as a formula when they
open a CSV file or find it stored as a formula in a workbook ("CSV
injection"). Every table the academy exports for a spreadsheet goes through
here:

- in CSV, where a cell carries no type, text starting with a character that
  starts a formula gets a leading apostrophe, which spreadsheets show as text
  (the remedy OWASP recommends);
- in XLSX, where cells are typed, such text is kept exactly and stored as a
  text cell with the "quote prefix" style, the state Excel gives a cell typed
  as ``'=...``.
"""

from __future__ import annotations

import pandas as pd

#: Characters with which a spreadsheet starts reading a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell that would start a formula prefixed by an apostrophe."""
    return frame.apply(_csv_column)


def _csv_column(column: pd.Series) -> pd.Series:
    if not _is_text(column):
        return column
    # Each distinct value once: a column of 100,000 statuses or names holds far fewer, and factorize runs in compiled code.
    codes, values = pd.factorize(column)
    safe = [_csv_cell(value) for value in values]
    if all(new is old for new, old in zip(safe, values)):
        return column
    cells = pd.Series(safe, dtype=object).to_numpy()[codes]
    cells[codes < 0] = None
    return pd.Series(cells, index=column.index, name=column.name)


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column)


def _csv_cell(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def keep_formulas_as_text(sheet) -> None:
    """Store every cell of an openpyxl `sheet` that openpyxl took for a formula as the text it is."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True
