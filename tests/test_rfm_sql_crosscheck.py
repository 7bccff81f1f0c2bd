"""Independent cross-check of the RFM table and quantile scores with a DuckDB SQL query.

The package computes RFM with pandas; here the same definitions are written
directly in SQL (distinct purchase days, last purchase day, total and mean
amount, and the tie rule ``1 + floor(bins * (RANK() - 1) / n)``) and run by
DuckDB on the typed fixture and on the full CDNOW log. Two independent
implementations that agree on 23,570 real customers leave little room for a
shared mistake.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from kpi_fixtures import AS_OF, log

from marketing_kpi import cdnow_transactions, rfm_scores, rfm_table

RFM_SQL = """
WITH days AS (
    SELECT customer_id, CAST(date AS DATE) AS day, SUM(amount) AS amount
    FROM transactions
    GROUP BY customer_id, CAST(date AS DATE)
), rfm AS (
    SELECT customer_id,
           DATE_DIFF('day', MAX(day), CAST($as_of AS DATE)) AS recency,
           COUNT(*) AS frequency,
           SUM(amount) AS total,
           SUM(amount) / COUNT(*) AS mean
    FROM days
    GROUP BY customer_id
)
SELECT *,
    1 + FLOOR($bins * (RANK() OVER (ORDER BY recency DESC) - 1) / COUNT(*) OVER ()) AS R,
    1 + FLOOR($bins * (RANK() OVER (ORDER BY frequency) - 1) / COUNT(*) OVER ()) AS F,
    1 + FLOOR($bins * (RANK() OVER (ORDER BY mean) - 1) / COUNT(*) OVER ()) AS M
FROM rfm
ORDER BY customer_id
"""


def sql_rfm(transactions: pd.DataFrame, as_of: str, bins: int = 5) -> pd.DataFrame:
    """The RFM table and quantile scores of ``transactions`` computed by DuckDB."""
    with duckdb.connect() as connection:
        connection.register("transactions", transactions)
        result = connection.execute(RFM_SQL, {"as_of": as_of, "bins": bins}).df()
    return result.set_index("customer_id")


@pytest.mark.parametrize(
    ("frame", "as_of"),
    [
        pytest.param(log(), AS_OF, id="typed log"),
        pytest.param(cdnow_transactions(), "1998-06-30", id="CDNOW"),
    ],
)
@pytest.mark.filterwarnings("ignore:score . has no customer:UserWarning")
def test_package_agrees_with_sql(frame, as_of):
    expected = sql_rfm(frame, as_of)
    table = rfm_table(frame, as_of=as_of)
    total = rfm_table(frame, as_of=as_of, monetary="total")
    assert table.index.tolist() == expected.index.tolist()
    np.testing.assert_array_equal(table["recency"], expected["recency"])
    np.testing.assert_array_equal(table["frequency"], expected["frequency"])
    # the package rounds monetary to MONETARY_DECIMALS = 9 decimals, the SQL here does not
    np.testing.assert_allclose(table["monetary"], expected["mean"], rtol=1e-12, atol=5e-10)
    np.testing.assert_allclose(total["monetary"], expected["total"], rtol=1e-12, atol=5e-10)
    scores = rfm_scores(table)
    for letter in "RFM":
        np.testing.assert_array_equal(scores[letter], expected[letter].astype("int64"), letter)
