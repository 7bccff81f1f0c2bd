"""Binary activity vectors of the course: which of the last periods each customer bought in.

``activity_vector(log, as_of)`` gives, per customer, 1/0 flags for the last
complete calendar periods (quarters or months) and a pattern string such as
``"1011"``; ``activity_patterns`` counts customers per pattern and
``recency_frequency_crosstab`` turns the patterns into the recency × frequency table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from marketing_kpi import _validation as check

MONTHS_PER_PERIOD = {"Q": 3, "M": 1}
"""Period lengths accepted by :func:`activity_vector` (``freq`` → months per period)."""

NO_PURCHASE = "Aucun achat"
"""Recency class of :func:`recency_frequency_crosstab` for customers inactive in every period."""


def _period_numbers(days: np.ndarray, months_per_period: int) -> np.ndarray:
    """Calendar period (quarter or month) of each day number, counted from 1970Q1 or 1970-01 = 0."""
    months = days.astype("datetime64[D]").astype("datetime64[M]").view("int64")
    return months // months_per_period


def activity_vector(
    transactions: pd.DataFrame,
    as_of: check.DateLike,
    *,
    periods: int = 4,
    freq: str = "Q",
    customer: str = "customer_id",
    date: str = "date",
) -> pd.DataFrame:
    """Activity flags of every customer over the last ``periods`` complete calendar periods.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (customer column, timezone-naive datetime64 date column).
    as_of : date-like
        Reference day. No purchase may be later than this calendar day.
    periods : int
        Number of periods in the vector (≥ 1). Default 4.
    freq : {"Q", "M"}
        Calendar quarters (default) or calendar months.
    customer, date : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row per customer of the log (index = customer id, sorted), int columns
        ``T-1`` … ``T-{periods}`` (most recent first) holding 1 if the customer
        bought at least once in that period, else 0, and a str column ``pattern``
        (``"1011"``: bought in T-1, T-3 and T-4).

        ``T-1`` is the last *complete* period, i.e. the last one whose final day is
        on or before ``as_of``; ``T-k`` is the period k − 1 before it. With
        ``as_of = 2024-05-15`` and quarters, T-1 = 2024Q1 and T-4 = 2023Q2; with
        ``as_of = 2024-03-31``, T-1 = 2024Q1. Purchases in the current, incomplete
        period or before ``T-{periods}`` are ignored, but their customers are kept:
        a customer of the log with no purchase in the window has pattern ``"0000"``.

    Raises
    ------
    ValueError
        Missing column, empty log, missing value, non-datetime date, a purchase
        after ``as_of``, ``periods`` < 1 or ``freq`` not "Q" or "M".

    References
    ----------
    Binary activity vector (« vecteur d'activité ») of the course chapter on
    customer relationship management.
    """
    customers, days = check.transaction_days(transactions, customer, date)
    as_of_day = check.day_number(as_of, "as_of")
    check.not_after(days, as_of_day)
    width = check.integer_in_range(periods, "periods", 1)
    if freq not in MONTHS_PER_PERIOD:
        raise ValueError(f"freq must be 'Q' (quarters) or 'M' (months), got {freq!r}")
    step = MONTHS_PER_PERIOD[freq]
    last_complete = _period_numbers(np.array([as_of_day + 1]), step)[0] - 1
    lag = last_complete - _period_numbers(days, step) + 1
    in_window = (lag >= 1) & (lag <= width)
    codes, ids = pd.factorize(customers, sort=True)
    flags = np.zeros((len(ids), width), dtype="int64")
    flags[codes[in_window], lag[in_window] - 1] = 1
    columns = [f"T-{k}" for k in range(1, width + 1)]
    vectors = pd.DataFrame(flags, index=pd.Index(ids, name=customer), columns=columns)
    vectors["pattern"] = ["".join(row) for row in flags.astype(str)]
    return vectors


def _patterns(vectors: pd.DataFrame) -> pd.Series:
    """Check and return the ``pattern`` column of activity vectors (0/1 strings of one length)."""
    check.require_columns(vectors, ["pattern"])
    patterns = vectors["pattern"].astype(str)
    if (
        not patterns.str.fullmatch("[01]+").all()
        or (patterns.str.len() != len(patterns.iloc[0])).any()
    ):
        raise ValueError("column 'pattern' must hold strings of 0 and 1, all of the same length")
    return patterns


def activity_patterns(vectors: pd.DataFrame) -> pd.DataFrame:
    """Number and share of customers per activity pattern.

    Parameters
    ----------
    vectors : pandas.DataFrame
        Output of :func:`activity_vector` (only the ``pattern`` column is used).

    Returns
    -------
    pandas.DataFrame
        Index ``pattern`` (e.g. ``"1011"``), columns ``customers`` (int) and
        ``share`` (fraction of customers, summing to 1). Sorted by number of
        customers, largest first, then by pattern in decreasing order
        (``"1111"`` before ``"1110"``). Only patterns that occur are listed.

    Raises
    ------
    ValueError
        Missing ``pattern`` column, empty table, or patterns not made of 0/1 of one length.
    """
    patterns = _patterns(vectors)
    counts = patterns.value_counts().rename("customers").rename_axis("pattern").reset_index()
    counts = counts.sort_values(["customers", "pattern"], ascending=False).set_index("pattern")
    return counts.assign(share=counts["customers"] / counts["customers"].sum())


def recency_frequency_crosstab(vectors: pd.DataFrame) -> pd.DataFrame:
    """Recency × frequency table of the course: customers by last active period and number of them.

    Parameters
    ----------
    vectors : pandas.DataFrame
        Output of :func:`activity_vector` (only the ``pattern`` column is used).

    Returns
    -------
    pandas.DataFrame
        Counts of customers (int). Rows (``recence``): the most recent period
        with a purchase, ``"T-1"`` … ``"T-n"``, then :data:`NO_PURCHASE` for
        pattern ``"00…0"``. Columns (``frequence``): number of periods with a
        purchase, 0 … n. Every row and column is present, with 0 where no
        customer falls; impossible cells (e.g. recency T-1 with frequency 0,
        or recency T-n with frequency > 1) are always 0. The grand total is the
        number of customers.

    Raises
    ------
    ValueError
        Missing ``pattern`` column, empty table, or patterns not made of 0/1 of one length.

    References
    ----------
    Recency × frequency table (« tableau récence × fréquence ») of the course
    chapter on customer relationship management, built from activity vectors.
    """
    patterns = _patterns(vectors)
    width = len(patterns.iloc[0])
    first_active = patterns.str.find("1")
    recency = np.where(first_active >= 0, "T-" + (first_active + 1).astype(str), NO_PURCHASE)
    frequency = patterns.str.count("1")
    rows = pd.Index([f"T-{k}" for k in range(1, width + 1)] + [NO_PURCHASE], name="recence")
    table = pd.crosstab(
        pd.Series(recency, index=patterns.index, name="recence"), frequency.rename("frequence")
    )
    columns = pd.RangeIndex(width + 1, name="frequence")
    return table.reindex(index=rows, columns=columns, fill_value=0)
