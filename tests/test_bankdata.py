"""The synthetic bank: deterministic, documented, and carrying the faults the lessons teach."""

from importlib import resources

import pandas as pd
import yaml

from salesacademy import bankdata


def fresh(seed=7):
    return bankdata.load.__wrapped__(seed=seed)


def test_same_seed_same_tables_other_seed_other_tables():
    first, second, other = fresh(7), fresh(7), fresh(8)
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(table, second.tables()[name])
    assert not first.sales.equals(other.sales)


def test_dictionary_documents_every_column_in_both_languages():
    dictionary = yaml.safe_load(resources.files("salesacademy").joinpath("data_dictionary.yml").read_text(encoding="utf-8"))
    tables = fresh().tables()
    assert list(dictionary) == list(tables)
    for name, table in tables.items():
        assert list(dictionary[name]["columns"]) == list(table.columns), name
        for text in [dictionary[name]["description"], *dictionary[name]["columns"].values()]:
            assert text["zh"].strip() and text["en"].strip()


def test_faults_are_present_at_about_their_rates():
    bank = fresh()
    sales = bank.sales.merge(bank.customers[["customer_id", "risk_level"]], on="customer_id").merge(
        bank.products[["product_id", "risk_level", "type", "on_shelf"]], on="product_id", suffixes=("_c", "_p"))
    mismatch = (sales.risk_level_p.str[1].astype(int) > sales.risk_level_c.str[1].astype(int)).mean()
    assert 0.02 < mismatch < 0.10
    in_branch = sales[(sales.channel == "branch") & (sales.type != "deposit")]
    assert 0.03 < in_branch.recording_id.isna().mean() < 0.15
    assert set(sales.staff_id[~sales.on_shelf]) == {"S0013"}, "off-book sales come from one seller"
    late = (bank.crm_tickets.first_response_at - bank.crm_tickets.opened_at) > pd.Timedelta(hours=24)
    assert 0.06 < late.mean() < 0.2


def test_sales_and_tickets_happen_before_the_as_of_date():
    bank = fresh()
    assert bank.sales.sold_at.max() <= bankdata.AS_OF
    assert bank.crm_tickets.opened_at.max() <= bankdata.AS_OF
    assert (bank.customers.risk_assessed_on <= bankdata.AS_OF).all()


def test_one_set_of_tables_however_the_seed_is_spelt():
    """Notebooks call both ``load()`` and ``load(seed=7)``: a kernel's template generates and keeps the tables once."""
    from salesacademy.casedata import wells_fargo_cross_selling as case

    bankdata.load.cache_clear()
    case.load.cache_clear()
    assert bankdata.load() is bankdata.load(seed=7)
    assert case.load() is case.load(7) is case.load(seed=7)
    assert bankdata.load(seed=8) is not bankdata.load()
    assert [bankdata.load.cache_info().currsize, case.load.cache_info().currsize] == [2, 1]
