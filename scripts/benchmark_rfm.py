"""Time ``marketing_kpi.rfm_table`` against a plain pandas groupby and DuckDB.

Input: nothing (a seeded synthetic log of 1,000,000 purchases by 100,000
customers over two years, lognormal amounts, is generated in memory).
Output: a table of seconds (best of several runs) and the ratios to pandas,
printed on stdout; exits with an error if the three results differ.

Run with ``make bench`` or ``.venv/bin/python scripts/benchmark_rfm.py``.
"""

from __future__ import annotations

import argparse
import timeit

import duckdb
import numpy as np
import pandas as pd

from marketing_kpi import rfm_table

AS_OF = pd.Timestamp("2025-01-01")


def synthetic_log(rows: int, customers: int, seed: int = 42) -> pd.DataFrame:
    """Random log: customer ids 1..customers, timestamps over 2023–2024, amounts in euros."""
    rng = np.random.default_rng(seed)
    seconds = rng.integers(0, 731 * 86_400, rows).astype("timedelta64[s]")
    return pd.DataFrame(
        {
            "customer_id": rng.integers(1, customers + 1, rows),
            "date": pd.to_datetime(np.datetime64("2023-01-01T00:00:00", "s") + seconds),
            "amount": rng.lognormal(mean=3.5, sigma=1.0, size=rows).round(2),
        }
    )


def pandas_groupby(log: pd.DataFrame) -> pd.DataFrame:
    """The same three columns as ``rfm_table`` with a plain pandas groupby, no input checks."""
    grouped = log.assign(day=log["date"].dt.normalize()).groupby("customer_id")
    table = grouped.agg(
        last=("day", "max"), frequency=("day", "nunique"), monetary=("amount", "sum")
    )
    recency = (AS_OF - table["last"]).dt.days
    return table.assign(recency=recency)[["recency", "frequency", "monetary"]]


def duckdb_query(log: pd.DataFrame) -> pd.DataFrame:
    """The same three columns computed by DuckDB, in process, reading the DataFrame directly."""
    query = """
        SELECT customer_id,
               date_diff('day', max(CAST(date AS DATE)), DATE '2025-01-01') AS recency,
               count(DISTINCT CAST(date AS DATE)) AS frequency,
               sum(amount) AS monetary
        FROM log GROUP BY customer_id ORDER BY customer_id
    """
    return duckdb.sql(query).df().set_index("customer_id")


def best_time(function, log: pd.DataFrame, repeat: int) -> float:
    """Best wall-clock time in seconds of ``function(log)`` over ``repeat`` runs."""
    return min(timeit.repeat(lambda: function(log), number=1, repeat=repeat))


def main() -> None:
    """Generate the log, check that the three methods agree, then time them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    log = synthetic_log(args.rows, args.customers)

    def ours(frame: pd.DataFrame) -> pd.DataFrame:
        return rfm_table(frame, as_of=AS_OF, monetary="total")

    methods = {"rfm_table": ours, "pandas groupby": pandas_groupby, "duckdb": duckdb_query}
    results = {name: function(log) for name, function in methods.items()}
    for name in ("pandas groupby", "duckdb"):
        pd.testing.assert_frame_equal(
            results[name], results["rfm_table"], check_dtype=False, check_exact=False, rtol=1e-9
        )
    seconds = {name: best_time(function, log, args.repeat) for name, function in methods.items()}
    print(f"{args.rows:,} rows, {args.customers:,} customers, best of {args.repeat} runs")
    print(f"{'method':<16}{'seconds':>9}{'/ pandas':>10}")
    for name, value in seconds.items():
        print(f"{name:<16}{value:>9.3f}{value / seconds['pandas groupby']:>10.2f}")


if __name__ == "__main__":
    main()
