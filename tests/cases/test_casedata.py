"""What every case dataset promises: a bilingual dictionary of exactly its columns, and data fixed by its seed."""

import importlib
import pkgutil

import pandas as pd
import pytest

from salesacademy import casedata

CASES = [importlib.import_module(f"salesacademy.casedata.{m.name}") for m in pkgutil.iter_modules(casedata.__path__)]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.rsplit(".", 1)[1] for c in CASES])
def test_dictionary_documents_exactly_every_column_in_both_languages(case):
    tables = case.load(seed=7)
    assert list(case.DICTIONARY) == list(tables)
    for name, table in tables.items():
        entry = case.DICTIONARY[name]
        assert list(entry["columns"]) == list(table.columns), name
        for text in [entry["description"], *entry["columns"].values()]:
            assert set(text) == {"zh", "en"} and text["zh"].strip() and text["en"].strip(), name


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.rsplit(".", 1)[1] for c in CASES])
def test_same_seed_same_data_other_seed_other_data(case):
    first, second, other = case.load.__wrapped__(7), case.load.__wrapped__(7), case.load.__wrapped__(8)
    assert list(first) == list(second)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])
    assert any(not first[name].equals(other[name]) for name in first)
    assert case.load(seed=7) is case.load(seed=7), "callers share one cached copy"
