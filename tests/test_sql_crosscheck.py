"""Independent cross-checks: loyalty, activity and cohort figures recomputed in SQL (DuckDB).

The package computes with NumPy and pandas; here the same definitions are
written as plain SQL queries and run by DuckDB on the hand-typed log and on the
Maison Lumen orders. A disagreement means one of the two readings of a
definition is wrong.
"""

import duckdb
import pandas as pd
import pytest
from conftest import ROOT
from kpi_fixtures import AS_OF, log

import marketing_kpi as mk

ORDERS = pd.read_csv(ROOT / "notebooks" / "data" / "commandes.csv", parse_dates=["date"])


def sql(query: str, **tables: pd.DataFrame) -> pd.DataFrame:
    connection = duckdb.connect()
    for name, frame in tables.items():
        connection.register(name, frame)
    return connection.execute(query).df()


RETENTION = """
WITH a AS (SELECT DISTINCT customer_id FROM t WHERE CAST(date AS DATE) BETWEEN ? AND ?),
     b AS (SELECT DISTINCT customer_id FROM t WHERE CAST(date AS DATE) BETWEEN ? AND ?)
SELECT COUNT(b.customer_id)::DOUBLE / COUNT(*) AS r FROM a LEFT JOIN b USING (customer_id)
"""

REPURCHASE = """
WITH v AS (SELECT customer_id, COUNT(DISTINCT CAST(date AS DATE)) AS days
           FROM t WHERE CAST(date AS DATE) BETWEEN ? AND ? GROUP BY customer_id)
SELECT AVG(CASE WHEN days >= 2 THEN 1.0 ELSE 0.0 END) AS r FROM v
"""


def query(text: str, frame: pd.DataFrame, *params: str) -> float:
    connection = duckdb.connect()
    connection.register("t", frame)
    return float(connection.execute(text, list(params)).fetchone()[0])


@pytest.mark.parametrize(
    ("frame", "period_a", "period_b"),
    [
        (log(), ("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30")),
        (log(), ("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-06-30")),
        (ORDERS, ("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31")),
        (ORDERS, ("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-12-31")),
    ],
)
def test_retention_between_agrees_with_sql(frame, period_a, period_b):
    expected = query(RETENTION, frame, *period_a, *period_b)
    assert mk.retention_between(frame, period_a, period_b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("frame", "period"),
    [
        (log(), ("2024-01-01", "2024-06-30")),
        (log(), ("2024-03-01", "2024-03-10")),
        (ORDERS, ("2024-01-01", "2024-12-31")),
        (ORDERS, ("2025-01-01", "2025-12-31")),
    ],
)
def test_repurchase_rate_agrees_with_sql(frame, period):
    assert mk.repurchase_rate(frame, period) == pytest.approx(query(REPURCHASE, frame, *period))


def test_activity_vector_agrees_with_sql():
    # last four complete quarters before 2025-12-31: 2025Q4 (T-1) ... 2025Q1 (T-4)
    vectors = mk.activity_vector(ORDERS, "2025-12-31", periods=4, freq="Q")
    flags = sql(
        """
        SELECT customer_id,
               MAX(CASE WHEN date_trunc('quarter', date) = DATE '2025-10-01' THEN 1 ELSE 0 END) t1,
               MAX(CASE WHEN date_trunc('quarter', date) = DATE '2025-07-01' THEN 1 ELSE 0 END) t2,
               MAX(CASE WHEN date_trunc('quarter', date) = DATE '2025-04-01' THEN 1 ELSE 0 END) t3,
               MAX(CASE WHEN date_trunc('quarter', date) = DATE '2025-01-01' THEN 1 ELSE 0 END) t4
        FROM t GROUP BY customer_id ORDER BY customer_id
        """,
        t=ORDERS,
    ).set_index("customer_id")
    assert vectors[["T-1", "T-2", "T-3", "T-4"]].to_numpy().tolist() == flags.to_numpy().tolist()


def test_activity_vector_of_the_typed_log_agrees_with_sql():
    vectors = mk.activity_vector(log(), AS_OF, periods=2, freq="Q")
    flags = sql(
        """
        SELECT customer_id,
               MAX(CASE WHEN date_trunc('quarter', date) = DATE '2024-04-01' THEN 1 ELSE 0 END) t1,
               MAX(CASE WHEN date_trunc('quarter', date) = DATE '2024-01-01' THEN 1 ELSE 0 END) t2
        FROM t GROUP BY customer_id ORDER BY customer_id
        """,
        t=log(),
    ).set_index("customer_id")
    assert vectors[["T-1", "T-2"]].to_numpy().tolist() == flags.to_numpy().tolist()


def test_yearly_cohorts_agree_with_sql():
    counts = mk.cohort_counts(ORDERS, freq="Y", end="2025-12-31")
    table = sql(
        """
        WITH f AS (SELECT customer_id, MIN(year(date)) AS cohort FROM t GROUP BY customer_id)
        SELECT cohort, year(t.date) - cohort AS k, COUNT(DISTINCT t.customer_id) AS n
        FROM t JOIN f USING (customer_id) GROUP BY cohort, k ORDER BY cohort, k
        """,
        t=ORDERS,
    )
    for row in table.itertuples():
        assert counts.loc[str(row.cohort), row.k] == row.n
    assert counts.notna().sum().sum() == len(table)
