"""Tests of marketing_kpi.data: the CDNOW log read from the lifetimes wheel."""

import pandas as pd
import pytest

from marketing_kpi import cdnow_transactions, rfm_table


@pytest.fixture(scope="module")
def cdnow():
    return cdnow_transactions()


def test_cdnow_shape_and_types(cdnow):
    # 69,660 lines in CDNOW_master.txt, minus the header line
    assert len(cdnow) == 69_659
    assert cdnow.columns.tolist() == ["customer_id", "date", "quantity", "amount"]
    assert pd.api.types.is_integer_dtype(cdnow["customer_id"])
    assert pd.api.types.is_datetime64_dtype(cdnow["date"])
    assert pd.api.types.is_integer_dtype(cdnow["quantity"])
    assert pd.api.types.is_float_dtype(cdnow["amount"])


def test_cdnow_customers_and_dates(cdnow):
    # Fader & Hardie's cohort: 23,570 customers, ids 1 to 23,570
    assert cdnow["customer_id"].nunique() == 23_570
    assert cdnow["customer_id"].min() == 1
    assert cdnow["customer_id"].max() == 23_570
    # purchases from 1 January 1997 to 30 June 1998
    assert cdnow["date"].min() == pd.Timestamp("1997-01-01")
    assert cdnow["date"].max() == pd.Timestamp("1998-06-30")
    # every customer's first purchase falls in 1997 Q1
    assert cdnow.groupby("customer_id")["date"].min().max() <= pd.Timestamp("1997-03-31")


def test_cdnow_amounts_are_kept_as_is(cdnow):
    # zero-amount lines are kept (awk 'NR>1 && $4==0' on the file counts 80),
    # no negative or missing amount
    assert (cdnow["amount"] == 0).sum() == 80
    assert cdnow["amount"].min() == 0
    assert cdnow.notna().all().all()
    # the package accepts the log as it is; its RFM table keeps the total
    table = rfm_table(cdnow, as_of="1998-06-30", monetary="total")
    assert len(table) == 23_570
    assert table["monetary"].sum() == pytest.approx(cdnow["amount"].sum())
