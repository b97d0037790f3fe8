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


BRANCH_DICTIONARY = {
    "branches": {"description": {"zh": "支行名录", "en": "Branch list"},
                 "columns": {"branch": {"zh": "支行", "en": "Branch name"}}},
    "sales": {"description": {"zh": "每笔销售", "en": "One row per sale"},
              "columns": {"sale_id": {"zh": "销售编号", "en": "Sale number"}, "amount": {"zh": "金额", "en": "Amount sold"}}},
}


def test_dictionary_tables_in_chinese_count_rows_of_the_given_tables():
    tables = {"branches": pd.DataFrame({"branch": ["东城", "西城", "南城"]}), "sales": pd.DataFrame({"sale_id": [1], "amount": [9.5]})}
    overview, columns = casedata.dictionary_tables(BRANCH_DICTIONARY, "zh", tables)
    assert overview.columns.tolist() == ["表", "行数", "说明"]
    assert overview.values.tolist() == [["branches", 3, "支行名录"], ["sales", 1, "每笔销售"]]
    assert columns.columns.tolist() == ["表", "列", "含义"]
    assert columns.values.tolist() == [["branches", "branch", "支行"], ["sales", "sale_id", "销售编号"], ["sales", "amount", "金额"]]


def test_dictionary_tables_in_english_without_tables_leave_out_the_row_counts():
    overview, columns = casedata.dictionary_tables(BRANCH_DICTIONARY, "en")
    assert overview.columns.tolist() == ["Table", "Description"]
    assert overview.values.tolist() == [["branches", "Branch list"], ["sales", "One row per sale"]]
    assert columns.columns.tolist() == ["Table", "Column", "Meaning"]
    assert columns.values.tolist() == [["branches", "branch", "Branch name"], ["sales", "sale_id", "Sale number"], ["sales", "amount", "Amount sold"]]
