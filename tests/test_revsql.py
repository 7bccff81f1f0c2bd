"""Figures added to « La RFM en SQL » by the review: recomputed here and looked up in the page."""

from __future__ import annotations

import warnings

import duckdb
from conftest import ROOT
from page_figures import page_text, plain

import marketing_kpi as mk
from marketing_kpi import sql
from marketing_kpi.display import number

PAGE = "marketing-multicanal/rfm-en-sql.md"
CDNOW_AS_OF = "1998-07-01"  # the notebook's reference day


def test_ntile_and_rank_rarely_differ_on_the_monetary_score():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        scores = sql.rfm_scores_duckdb(mk.cdnow_transactions(), CDNOW_AS_OF)
    with duckdb.connect() as con:
        con.register("scores", scores.reset_index())
        ntile = con.sql(
            'SELECT customer_id, "M", NTILE(5) OVER (ORDER BY monetary, customer_id) AS nt '
            "FROM scores"
        ).df()
    differ = int((ntile["nt"] != ntile["M"]).sum())
    assert differ == 62
    written = (
        f"ne diffère de celle de la règle du rang que pour {plain(number(differ))} clients "
        f"sur {plain(number(len(scores)))}"
    )
    assert written in page_text(PAGE)


def test_memory_limit_of_the_wrong_type_is_a_type_error():
    import pandas as pd
    import pytest

    log = pd.DataFrame(
        {"customer_id": [1], "date": pd.to_datetime(["2024-01-05"]), "amount": [10.0]}
    )
    with pytest.raises(TypeError, match="memory_limit must be a str"):
        sql.rfm_table_duckdb(log, "2024-12-31", memory_limit=2)


def test_exercise_4_incremental_update_equals_a_full_recomputation():
    import pandas as pd

    from marketing_kpi.display import euros

    orders = pd.read_csv(ROOT / "notebooks" / "data" / "commandes.csv", parse_dates=["date"])
    client = orders[orders["customer_id"] == "C02815"][["customer_id", "date", "amount"]]
    new = pd.DataFrame(
        {
            "customer_id": ["C02815", "C02815"],
            "date": pd.to_datetime(["2026-01-05", "2026-01-05"]),
            "amount": [80.0, 40.0],
        }
    )
    before = mk.rfm_table(client, as_of="2026-01-01", monetary="total").loc["C02815"]
    after = mk.rfm_table(pd.concat([client, new]), as_of="2026-01-06").loc["C02815"]
    assert (int(before["frequency"]), round(before["monetary"], 2)) == (3, 449.73)
    assert (int(after["recency"]), int(after["frequency"])) == (1, 4)
    text = page_text(PAGE)
    assert "3 jours d'achat, montant total 449,73 €" in text
    assert "soit 3 + 1 = 4." in text
    assert f"449,73 + 80,00 + 40,00 = {plain(euros(after['monetary'] * 4))}." in text
    assert f"du 5 au 6 janvier, **{int(after['recency'])} jour**" in text
    assert f"569,73 / 4 = 142,4325, soit **{plain(euros(after['monetary']))}**" in text
