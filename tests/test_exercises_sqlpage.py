"""The page « La RFM en SQL » shows the package's own SQL and the figures its queries compute.

* The SQL texts included on the page (snippets/sql/*.sql) are exactly what
  :mod:`marketing_kpi.sql` generates (scripts/write_sql_snippets.py rewrites them).
* The NTILE(5) versus RANK counts on CDNOW are recomputed with DuckDB.
* The worked example (Maison Lumen's orders), the exercises and the calculation
  quizzes are recomputed with the package, formatted like the page and looked up
  in its source.
"""

from __future__ import annotations

import importlib.util
import json
import warnings

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from page_figures import page_text, plain

import marketing_kpi as mk
from marketing_kpi import sql
from marketing_kpi.display import euros, number

PAGE = "marketing-multicanal/rfm-en-sql.md"
NOTEBOOK = ROOT / "notebooks" / "rfm-en-sql.ipynb"
CDNOW_AS_OF = "1998-07-01"  # the notebook's reference day
SEED = 2026  # the notebook's seed for the random order of rows

spec = importlib.util.spec_from_file_location(
    "write_sql_snippets", ROOT / "scripts" / "write_sql_snippets.py"
)
write_sql_snippets = importlib.util.module_from_spec(spec)
spec.loader.exec_module(write_sql_snippets)

NTILE_SQL = """
SELECT
    customer_id,
    frequency,
    NTILE(5) OVER (ORDER BY frequency, customer_id) AS ascending,
    NTILE(5) OVER (ORDER BY frequency, customer_id DESC) AS descending,
    NTILE(5) OVER (ORDER BY frequency, shuffle) AS shuffled
FROM rfm
"""


def quiet(compute):
    """Run ``compute()`` without the package's empty-level warnings (expected here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return compute()


def ntile_of(table: pd.DataFrame) -> pd.DataFrame:
    """NTILE(5) of the frequency, ties broken by ascending id, descending id and at random.

    The random order is the notebook's: a permutation drawn with its seed, in id order.
    """
    shuffle = np.random.default_rng(SEED).permutation(len(table))
    with duckdb.connect() as con:
        con.register("rfm", table.reset_index().assign(shuffle=shuffle))
        return con.sql(NTILE_SQL).df().set_index("customer_id").sort_index()


# --- the SQL on the page is the package's SQL ---------------------------------------


@pytest.mark.parametrize("name", sorted(write_sql_snippets.snippets()))
def test_sql_snippet_is_what_the_package_generates(name):
    path = ROOT / "snippets" / "sql" / name
    expected = write_sql_snippets.snippets()[name]
    assert path.read_text(encoding="utf-8") == expected + "\n", (
        f"snippets/sql/{name} differs from marketing_kpi.sql's output: "
        "run `PYTHONPATH=src python scripts/write_sql_snippets.py`"
    )
    assert f'--8<-- "sql/{name}"' in page_text(PAGE), f"the page no longer shows {name}"


def test_cutoff_excerpt_is_a_piece_of_the_full_query():
    excerpt = (ROOT / "snippets" / "sql" / "rfm_cutoffs_duckdb.sql").read_text(encoding="utf-8")
    full = sql.rfm_scores_query(cutoffs=mk.DEFAULT_CUTOFFS)
    assert excerpt.rstrip("\n") in full
    assert 'AS "R"' in excerpt and 'AS "F"' in excerpt


# --- NTILE(5) versus RANK on CDNOW ---------------------------------------------------


@pytest.fixture(scope="module")
def cdnow_ntile():
    log = mk.cdnow_transactions()
    scores = quiet(lambda: sql.rfm_scores_duckdb(log, CDNOW_AS_OF))
    ntile = ntile_of(scores[["frequency"]])
    return ntile.assign(rank_rule=scores["F"])


def test_ntile_and_rank_counts_on_cdnow(cdnow_ntile):
    one_day = cdnow_ntile[cdnow_ntile["frequency"] == 1]
    ntile_counts = one_day["ascending"].value_counts().reindex([1, 2, 3], fill_value=0)
    rank_counts = one_day["rank_rule"].value_counts().reindex([1, 2, 3], fill_value=0)
    assert (len(cdnow_ntile), len(one_day)) == (23570, 12054)
    assert list(ntile_counts) == [4714, 4714, 2626]  # 23 570 / 5 = 4 714 per bucket
    assert list(rank_counts) == [12054, 0, 0]  # equal values, equal score
    text = page_text(PAGE)
    cells = " | ".join(plain(number(n)) for n in ntile_counts)
    assert f"| `NTILE(5)`, ordre des identifiants croissant | {cells} |" in text
    cells = " | ".join(plain(number(n)) for n in rank_counts)
    assert f"| Règle du rang (`RANK`) | {cells} |" in text
    assert f"Sur CDNOW ({plain(number(len(cdnow_ntile)))} clients" in text
    assert f"{plain(number(len(one_day)))} clients n'ont acheté qu'un seul jour" in text
    size = plain(number(len(cdnow_ntile) // 5))
    assert f"{plain(number(len(cdnow_ntile)))} / 5 = {size} clients" in text


def test_ntile_depends_on_the_order_of_ties_on_cdnow(cdnow_ntile):
    changed = cdnow_ntile["ascending"] != cdnow_ntile["descending"]
    one_day = cdnow_ntile["frequency"] == 1
    moved, moved_all = int((changed & one_day).sum()), int(changed.sum())
    assert (moved, moved_all) == (9428, 14446)
    shuffled = int(((cdnow_ntile["ascending"] != cdnow_ntile["shuffled"]) & one_day).sum())
    assert shuffled == 7722
    text = page_text(PAGE)
    assert f"{plain(number(moved))} des {plain(number(int(one_day.sum())))} clients" in text
    assert f"{plain(number(moved_all))} clients sur {plain(number(len(cdnow_ntile)))}" in text
    assert f"{plain(number(shuffled))} des {plain(number(int(one_day.sum())))} changent" in text
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    notebook = plain(" ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))
    assert f"{plain(number(moved))} d'entre eux changent de note" in notebook
    assert f"{plain(number(moved_all))} clients en tout" in notebook
    assert f"au hasard, {plain(number(shuffled))} d'entre eux" in notebook


# --- worked example: Maison Lumen's orders -------------------------------------------


@pytest.fixture(scope="module")
def lumen_scores():
    path = ROOT / "notebooks" / "data" / "commandes.csv"
    # DuckDB reads the CSV file itself; pandas reads it for the reference computation
    by_duckdb = quiet(lambda: sql.rfm_scores_duckdb(path, "2026-01-01", cutoffs=mk.DEFAULT_CUTOFFS))
    orders = pd.read_csv(path, parse_dates=["date"])
    table = mk.rfm_table(orders, as_of="2026-01-01")
    by_pandas = quiet(lambda: mk.rfm_scores(table, cutoffs=mk.DEFAULT_CUTOFFS))
    pd.testing.assert_frame_equal(by_duckdb[["R", "F", "M"]], by_pandas[["R", "F", "M"]])
    return by_duckdb


@pytest.mark.parametrize(
    ("customer", "written"),
    [
        # last order 12/11/2025, orders on 3 distinct days, 449,73 € in all
        (
            "C02815",
            [
                "soit 18 + 31 + 1 = **{recency} jours**",
                "fréquence **{frequency}**",
                "449,73 / 3 = **{monetary}**",
                "C02815 a R = {R}",
                "et F = {F} (trois",
            ],
        ),
        # last order 22/01/2024, 2 days, 111,26 €
        (
            "C02315",
            [
                "récence **{recency} jours**, fréquence **{frequency}**",
                "111,26 / 2 = **{monetary}**",
                "avec F = {F} et",
            ],
        ),
        # one order on 01/01/2023
        (
            "C00005",
            [
                "récence **{recency} jours** (2024",
                "fréquence **{frequency}**, montant **{monetary}**",
                "F = {F}.",
                "ont R = {R} (plus de 365 jours)",
            ],
        ),
    ],
)
def test_maison_lumen_example(lumen_scores, customer, written):
    row = lumen_scores.loc[customer]
    values = {
        "recency": plain(number(row["recency"])),
        "frequency": int(row["frequency"]),
        "monetary": plain(euros(row["monetary"])),
        "R": int(row["R"]),
        "F": int(row["F"]),
    }
    text = page_text(PAGE)
    for pattern in written:
        assert pattern.format(**values) in text, f"{customer}: {pattern.format(**values)!r}"


# --- exercise 1: six customers with ties ---------------------------------------------

SIX = [
    # id, last purchase day, distinct purchase days, total amount (the exercise's table)
    ("A", "2025-12-27", 5, 600),
    ("B", "2025-12-27", 1, 90),
    ("C", "2025-11-22", 3, 180),
    ("D", "2025-09-03", 1, 45),
    ("E", "2025-06-15", 2, 300),
    ("F", "2024-11-27", 1, 60),
]


def six_customer_log() -> pd.DataFrame:
    """A log matching the table: one purchase a week back from the last day, equal amounts."""
    rows = [
        (customer, pd.Timestamp(last) - pd.Timedelta(weeks=week), total / days)
        for customer, last, days, total in SIX
        for week in range(days)
    ]
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


def strictly_worse(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """RANK - 1 of the query: how many customers have a strictly worse value."""
    return values.rank(method="min", ascending=higher_is_better).astype(int) - 1


def test_exercise_1_scores_by_the_rank_rule():
    log = six_customer_log()
    scores = quiet(lambda: mk.rfm_scores(mk.rfm_table(log, as_of="2026-01-01")))
    by_sql = quiet(lambda: sql.rfm_scores_duckdb(log, "2026-01-01"))
    pd.testing.assert_frame_equal(by_sql[["R", "F", "M", "RFM"]], scores[["R", "F", "M", "RFM"]])
    assert list(scores["RFM"]) == ["454", "413", "341", "211", "135", "111"]
    worse = {
        "recency": strictly_worse(scores["recency"], higher_is_better=False),
        "frequency": strictly_worse(scores["frequency"], higher_is_better=True),
        "monetary": strictly_worse(scores["monetary"], higher_is_better=True),
    }
    text = page_text(PAGE)
    for customer, row in scores.iterrows():
        cells = [
            customer,
            number(row["recency"]),
            number(worse["recency"][customer]),
            str(row["R"]),
            number(row["frequency"]),
            number(worse["frequency"][customer]),
            str(row["F"]),
            number(row["monetary"]),
            number(worse["monetary"][customer]),
            str(row["M"]),
            row["RFM"],
        ]
        line = "| " + " | ".join(plain(c) for c in cells) + " |"
        assert line in text, f"exercise 1: the page lacks {line!r}"
    # the F level 2 is empty: three one-time buyers at 1, then E at 1 + 15 // 6 = 3
    assert sorted(set(scores["F"])) == [1, 3, 4, 5]
    assert "F = 1 + ⌊5 × 4 / 6⌋ = 1 + ⌊3,33⌋ = 4" in text
    assert "soit F = 1 + ⌊15 / 6⌋ = 3" in text


# --- exercise 3 and the calculation quizzes -----------------------------------------


def test_exercise_3_ntile_against_rank():
    frequencies = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4]
    table = pd.DataFrame(
        {"recency": range(10), "frequency": frequencies, "monetary": range(1, 11)},
        index=pd.Index([f"K{i:02d}" for i in range(1, 11)], name="customer_id"),
    )
    ntile = ntile_of(table[["frequency"]])["ascending"].tolist()
    rank_rule = quiet(lambda: mk.rfm_scores(table))["F"].tolist()
    assert ntile == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert rank_rule == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    text = page_text(PAGE)
    assert "reçoivent 1, 1, 2, 2, 3, 3 ; les deux clients à 2 jours reçoivent 4, 4" in text
    assert "Notes : " + ", ".join(map(str, rank_rule)) + "." in text


def test_quiz_calculations():
    text = page_text(PAGE)
    # six customers 1, 1, 1, 2, 3, 5 days: the customer with 3 days gets F = 4
    table = pd.DataFrame(
        {"recency": range(6), "frequency": [1, 1, 1, 2, 3, 5], "monetary": range(6)}
    )
    assert quiet(lambda: mk.rfm_scores(table))["F"].iloc[4] == 4
    assert "- [x] 4, car quatre clients ont strictement moins de jours d'achat que lui" in text
    # 120 days with the course's cut-offs: R = 3
    one = pd.DataFrame({"recency": [120], "frequency": [1], "monetary": [10.0]})
    assert quiet(lambda: mk.rfm_scores(one, cutoffs=mk.DEFAULT_CUTOFFS))["R"].iloc[0] == 3
    assert "- [x] R = 3, car il respecte les bornes de 180 et 365 jours : 1 + 0 + 1 + 1" in text
    # NTILE(5) over 23 570 customers: buckets of 4 714
    assert "- [x] 4 714, soit la taille d'un paquet : 23 570 / 5 clients" in text
    assert 23570 // 5 == 4714 and 23570 % 5 == 0
