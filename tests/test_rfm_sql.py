"""The SQL RFM of :mod:`marketing_kpi.sql` equals the pandas RFM, in every dialect it produces.

DuckDB runs the queries on the full CDNOW log (69,659 purchases, 23,570 customers)
from a DataFrame, a Parquet file, a glob of Parquet files and a CSV file; the
results must be the frames of ``rfm_table(truncate=True)`` / ``rfm_scores``,
value for value. The Spark and BigQuery texts are checked here without an engine
(they parse back, use their dialect's functions, quote every identifier); Spark
runs them for real in ``test_rfm_spark.py``. Hostile names and dates, and every
input error, are checked last.
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlglot
from sqlglot import exp

from marketing_kpi import (
    DEFAULT_CUTOFFS,
    cdnow_transactions,
    period_activity,
    rfm_scores,
    rfm_table,
    sql,
)
from marketing_kpi.rfm import MONETARY_KINDS

AS_OF_END = "1998-06-30"
AS_OF_MID = "1997-09-30"  # 39 weeks: later purchases are ignored (truncation)
HOSTILE_AMOUNT = 'amount"; DROP TABLE transactions; --'
HOSTILE_CUSTOMER = 'client`) OR 1=1; -- l\'id "x"'
HOSTILE_AS_OF = "2024-01-01'; DROP TABLE t; --"

pytestmark = pytest.mark.filterwarnings("ignore:score . has no customer:UserWarning")


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return cdnow_transactions()[["customer_id", "date", "amount"]]


def expected_table(log, as_of, monetary):
    return rfm_table(log, as_of=as_of, monetary=monetary, truncate=True)


def assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same index, columns, dtypes, integer values; floats within 1e-9 (relative)."""
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)
    assert got.attrs == expected.attrs


# --- DuckDB equals pandas on CDNOW ----------------------------------------------------


@pytest.mark.parametrize("monetary", MONETARY_KINDS)
@pytest.mark.parametrize("as_of", [AS_OF_END, AS_OF_MID])
def test_duckdb_table_equals_pandas_on_cdnow(cdnow, as_of, monetary):
    got = sql.rfm_table_duckdb(cdnow, as_of, monetary=monetary)
    assert len(got) == 23_570
    assert_same(got, expected_table(cdnow, as_of, monetary))


@pytest.mark.parametrize("cutoffs", [None, DEFAULT_CUTOFFS], ids=["quintiles", "cutoffs"])
@pytest.mark.parametrize("monetary", MONETARY_KINDS)
@pytest.mark.parametrize("as_of", [AS_OF_END, AS_OF_MID])
def test_duckdb_scores_equal_pandas_on_cdnow(cdnow, as_of, monetary, cutoffs):
    got = sql.rfm_scores_duckdb(cdnow, as_of, monetary=monetary, cutoffs=cutoffs)
    expected = rfm_scores(expected_table(cdnow, as_of, monetary), cutoffs=cutoffs)
    assert_same(got, expected)
    assert (got["RFM"] == expected["RFM"]).all()


@pytest.mark.parametrize("bins", [2, 3, 9])
def test_duckdb_scores_equal_pandas_for_other_bins(cdnow, bins):
    got = sql.rfm_scores_duckdb(cdnow, AS_OF_MID, bins=bins, cutoffs={"F": (2, 4)})
    expected = rfm_scores(expected_table(cdnow, AS_OF_MID, "mean"), bins, cutoffs={"F": (2, 4)})
    assert_same(got, expected)


def test_duckdb_warns_like_pandas_on_empty_levels(cdnow):
    with pytest.warns(UserWarning) as from_sql:
        sql.rfm_scores_duckdb(cdnow, AS_OF_END)
    with pytest.warns(UserWarning) as from_pandas:
        rfm_scores(expected_table(cdnow, AS_OF_END, "mean"))
    assert [str(w.message) for w in from_sql] == [str(w.message) for w in from_pandas]
    assert "score F has no customer" in str(from_sql[0].message)


def test_parquet_file_glob_and_csv_give_the_pandas_result(cdnow, tmp_path):
    single = tmp_path / "log.parquet"
    cdnow.to_parquet(single)
    parts = tmp_path / "parts"
    parts.mkdir()
    third = len(cdnow) // 3
    for number, start in enumerate((0, third, 2 * third)):
        end = start + third if number < 2 else len(cdnow)
        cdnow.iloc[start:end].to_parquet(parts / f"part-{number}.parquet")
    csv = tmp_path / "log.csv"
    cdnow.to_csv(csv, index=False)
    expected = rfm_scores(expected_table(cdnow, AS_OF_MID, "total"), cutoffs=DEFAULT_CUTOFFS)
    for source in (single, str(parts / "*.parquet"), parts, csv):
        got = sql.rfm_scores_duckdb(source, AS_OF_MID, monetary="total", cutoffs=DEFAULT_CUTOFFS)
        assert_same(got, expected)


def test_activity_equals_period_activity(cdnow):
    calibration = expected_table(cdnow, AS_OF_MID, "mean")
    period = ("1997-10-01", "1998-06-30")
    got = sql.activity_duckdb(cdnow, period, customers=calibration.index)
    expected = period_activity(cdnow, period, customers=calibration.index)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)
    assert got["active"].sum() == expected["active"].sum() > 0
    buyers = sql.activity_duckdb(cdnow, period)
    pd.testing.assert_frame_equal(
        buyers, period_activity(cdnow, period), check_exact=False, rtol=1e-9
    )


def test_equal_baskets_share_a_score_whatever_the_summation_order():
    # (26.74 + 87.37 + 27.33 + 38.48) / 4 is 44.980000000000004 in pandas, 44.98 in DuckDB;
    # both are rounded to MONETARY_DECIMALS, so the two customers are tied (CDNOW customer 22915)
    log = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 1, 2, 2, 2, 2, 3],
            "date": pd.to_datetime(
                ["2024-01-0" + str(d) for d in (1, 2, 3, 4)] * 2 + ["2024-01-05"]
            ),
            "amount": [26.74, 87.37, 27.33, 38.48, 44.98, 44.98, 44.98, 44.98, 10.0],
        }
    )
    for scores in (
        rfm_scores(rfm_table(log, as_of="2024-01-31")),
        sql.rfm_scores_duckdb(log, "2024-01-31"),
    ):
        assert scores.loc[1, "monetary"] == scores.loc[2, "monetary"] == 44.98
        assert scores.loc[1, "M"] == scores.loc[2, "M"]


# --- the transpiled texts ---------------------------------------------------------------


def all_queries(dialect: str, **names) -> list[str]:
    return [
        sql.rfm_table_query(dialect=dialect, **names),
        sql.rfm_scores_query(dialect=dialect, cutoffs=DEFAULT_CUTOFFS, **names),
        sql.rfm_scores_query(dialect=dialect, bins=4, **names),
        sql.activity_query(dialect=dialect, **names),
    ]


def anonymous_functions(tree: exp.Expression) -> set[str]:
    return {str(node.this).lower() for node in tree.find_all(exp.Anonymous)}


@pytest.mark.parametrize("dialect", ["spark", "bigquery"])
def test_transpiled_queries_parse_back_without_duckdb_syntax(dialect):
    for query in all_queries(dialect):
        tree = sqlglot.parse_one(query, read=dialect)
        assert anonymous_functions(tree) <= {sql.ERROR_FUNCTIONS[dialect].lower()}
        for duckdb_only in ("//", "$as_of", "$period", '"', "error('"):
            assert duckdb_only not in query, (duckdb_only, dialect)
        assert "`customer_id`" in query and "`date`" in query and "`amount`" in query
        assert query.count("ORDER BY") - query.count("OVER (ORDER BY") == 1  # outer query only


def test_bigquery_query_uses_bigquery_functions_and_parameters():
    table, scores, _, activity = all_queries("bigquery")
    assert re.search(r"DATE_DIFF\(CAST\(@as_of AS DATE\), last_day, DAY\)", table)
    assert "DIV(" in scores and "CAST(`amount` AS FLOAT64)" in table
    assert "ERROR('marketing_kpi:" in table
    assert "@period_start" in activity and "@period_end" in activity


def test_spark_query_uses_spark_functions_and_named_parameters():
    table, scores, _, activity = all_queries("spark")
    assert "CAST(:as_of AS DATE)" in table and "DATEDIFF(" in table
    assert " DIV " in scores
    assert "RAISE_ERROR('marketing_kpi:" in table
    assert ":period_start" in activity and ":period_end" in activity


def test_duckdb_query_binds_as_of_and_inlines_checked_numbers():
    query = sql.rfm_scores_query(cutoffs={"R": (30, 60.5)}, bins=7)
    assert query.count("$as_of") == 2
    assert "CAST(60.5 AS DOUBLE)" in query and "7 * (" in query
    assert "1998" not in query


@pytest.mark.parametrize("dialect", sql.DIALECTS)
def test_hostile_names_are_quoted_identifiers_in_every_dialect(dialect):
    for query in all_queries(dialect, customer=HOSTILE_CUSTOMER, amount=HOSTILE_AMOUNT):
        tree = sqlglot.parse_one(query, read=dialect)
        names = {node.name for node in tree.find_all(exp.Identifier) if node.quoted}
        assert {HOSTILE_CUSTOMER, HOSTILE_AMOUNT} <= names
        assert not tree.find(exp.Drop)
        if dialect != "duckdb":
            assert len(sqlglot.parse(query, read=dialect)) == 1  # a single statement


# --- hostile input on a live DuckDB connection ------------------------------------------


def test_hostile_column_names_work_and_drop_nothing(cdnow):
    hostile = cdnow.rename(columns={"amount": HOSTILE_AMOUNT, "customer_id": HOSTILE_CUSTOMER})
    names = {"customer": HOSTILE_CUSTOMER, "amount": HOSTILE_AMOUNT}
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE transactions AS SELECT 1 AS x")
        got = sql.rfm_scores_duckdb(hostile, AS_OF_MID, connection=connection, **names)
        assert connection.execute("SELECT x FROM transactions").fetchall() == [(1,)]
    expected = rfm_scores(
        rfm_table(hostile, as_of=AS_OF_MID, truncate=True, **names),
    )
    assert got.index.name == HOSTILE_CUSTOMER
    assert_same(got, expected)


def test_hostile_as_of_is_rejected_and_the_table_survives(cdnow):
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE t AS SELECT 1 AS x")
        with pytest.raises(ValueError, match="as_of is not a date"):
            sql.rfm_table_duckdb(cdnow, HOSTILE_AS_OF, connection=connection)
        assert connection.execute("SELECT x FROM t").fetchall() == [(1,)]


# --- input errors ------------------------------------------------------------------------


def small_log(**changes) -> pd.DataFrame:
    log = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-03-01"]),
            "amount": [10.0, 20.0, 30.0],
        }
    )
    return log.assign(**changes)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sql.rfm_table_query(dialect="postgres"), ValueError, "dialect must be one of"),
        (lambda: sql.rfm_scores_query(dialect="DuckDB"), ValueError, "dialect must be one of"),
        (lambda: sql.activity_query(dialect=None), ValueError, "dialect must be one of"),
        (lambda: sql.rfm_table_query(monetary="median"), ValueError, "monetary must be one of"),
        (lambda: sql.rfm_scores_query(bins=1), ValueError, "bins must be an integer between 2"),
        (lambda: sql.rfm_scores_query(bins=10), ValueError, "bins must be an integer between 2"),
        (lambda: sql.rfm_scores_query(bins=5.0), TypeError, "bins must be an integer"),
        (lambda: sql.rfm_scores_query(cutoffs={"R": (90, 60)}), ValueError, "strictly increasing"),
        (lambda: sql.rfm_scores_query(cutoffs={"X": (1,)}), ValueError, "keys must be 'R', 'F'"),
        (lambda: sql.rfm_scores_query(cutoffs={"F": "2,3"}), TypeError, "sequence of numbers"),
        (lambda: sql.rfm_scores_query(cutoffs={"F": (2, "3")}), TypeError, "numeric"),
        (lambda: sql.rfm_scores_query(cutoffs={"F": (2, np.inf)}), ValueError, "infinite"),
        (lambda: sql.rfm_scores_query(cutoffs=[(2, 3)]), TypeError, "cutoffs must be a mapping"),
        (lambda: sql.rfm_table_query(amount=3), TypeError, "amount must be a str"),
        (lambda: sql.rfm_table_query(table=""), ValueError, "table must be a non-empty name"),
        (
            lambda: sql.rfm_table_duckdb(small_log(), "not a date"),
            ValueError,
            "as_of is not a date",
        ),
        (lambda: sql.rfm_table_duckdb(small_log(), None), ValueError, "as_of is missing"),
        (
            lambda: sql.rfm_table_duckdb(small_log(), "2023-12-31"),
            ValueError,
            "no purchase on or before as_of",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(), "2024-12-31", amount="montant"),
            ValueError,
            "missing column\\(s\\): 'montant'",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(amount=[10.0, -5.0, 30.0]), "2024-12-31"),
            ValueError,
            "negative, missing, NaN or infinite amount",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(amount=[10.0, np.nan, 30.0]), "2024-12-31"),
            ValueError,
            "negative, missing, NaN or infinite amount",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(amount=[10.0, np.inf, 30.0]), "2024-12-31"),
            ValueError,
            "negative, missing, NaN or infinite amount",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(customer_id=[1, None, 2]), "2024-12-31"),
            ValueError,
            "missing customer id or date",
        ),
        (
            lambda: sql.rfm_table_duckdb(
                small_log(date=pd.to_datetime(["2024-01-05", None, "2024-03-01"])), "2024-12-31"
            ),
            ValueError,
            "missing customer id or date",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(date=["x", "y", "z"]), "2024-12-31"),
            ValueError,
            "the SQL engine rejected the log",
        ),
        (
            lambda: sql.rfm_table_duckdb(
                small_log(date=pd.date_range("2024-01-01", periods=3, tz="Europe/Paris")),
                "2024-12-31",
            ),
            ValueError,
            "must be timezone-naive",
        ),
        (lambda: sql.rfm_table_duckdb([1, 2], "2024-12-31"), TypeError, "source must be"),
        (lambda: sql.rfm_table_duckdb("log.xlsx", "2024-12-31"), ValueError, "source must be"),
        (
            lambda: sql.rfm_table_duckdb("/nonexistent/x.parquet", "2024-12-31"),
            ValueError,
            "cannot read source",
        ),
        (
            lambda: sql.rfm_table_duckdb(small_log(), "2024-12-31", memory_limit="lots"),
            ValueError,
            "memory_limit must look like",
        ),
        (
            lambda: sql.activity_duckdb(small_log(), ("2024-03-01", "2024-01-01")),
            ValueError,
            "start 2024-03-01 is after end",
        ),
    ],
)
def test_errors_are_clear(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_rows_after_as_of_are_ignored_even_with_bad_amounts():
    # as rfm_table(truncate=True) describes the base as known on as_of: later rows do not count
    log = small_log(amount=[10.0, 20.0, -1.0])
    table = sql.rfm_table_duckdb(log, "2024-02-29")
    assert table.index.tolist() == [1]
    assert table.loc[1].tolist() == [19, 2, 15.0]


def test_memory_limit_and_own_connection(cdnow):
    got = sql.rfm_table_duckdb(cdnow, AS_OF_END, memory_limit="256MB")
    assert_same(got, expected_table(cdnow, AS_OF_END, "mean"))
    with duckdb.connect() as connection:
        with pytest.raises(ValueError, match="memory_limit applies"):
            sql.rfm_table_duckdb(cdnow, AS_OF_END, connection=connection, memory_limit="1GB")
        sql.rfm_table_duckdb(cdnow, AS_OF_END, connection=connection)
        views = connection.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal")
        assert views.fetchall() == []  # the source view is removed afterwards
