"""Small transaction log typed by hand, shared by the package tests (imported, not a conftest).

Seven customers, fourteen purchases, analysed as of 2024-06-30 (a Sunday, last
day of 2024Q2). Every expected number in the tests is worked out by hand from
this table; the comments there say how.
"""

import pandas as pd

AS_OF = "2024-06-30"

LOG = pd.DataFrame(
    [
        # customer_id, date, amount (euros)
        (1, "2024-01-05 10:00", 20.0),
        (1, "2024-01-05 18:30", 5.0),  # second purchase the same day
        (1, "2024-02-10 09:00", 40.0),
        (1, "2024-06-20 12:00", 15.0),
        (2, "2024-01-15 11:00", 100.0),
        (2, "2024-04-02 16:00", 60.0),
        (3, "2024-02-01 08:00", 10.0),
        (4, "2024-03-03 14:00", 30.0),
        (4, "2024-03-03 15:00", 0.0),  # zero amount (a gift): valid, kept
        (4, "2024-03-28 10:00", 25.0),
        (4, "2024-06-30 20:00", 50.0),  # on as_of itself, in the evening
        (5, "2024-05-05 13:00", 80.0),
        (6, "2023-11-20 10:00", 200.0),
        (7, "2023-02-10 10:00", 35.0),
    ],
    columns=["customer_id", "date", "amount"],
).astype({"date": "datetime64[ns]"})
"""The log: customer_id (int), date (datetime64), amount (float, euros)."""


def log() -> pd.DataFrame:
    """A fresh copy of :data:`LOG`, so that a test cannot alter it for the others."""
    return LOG.copy()
