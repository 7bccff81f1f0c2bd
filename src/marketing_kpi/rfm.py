"""RFM analysis: recency, frequency, monetary table, quantile scores, named segments, Pareto share.

The chain is ``rfm_table(log) -> rfm_scores(table) -> rfm_segments(scores)``:
one row per customer at each step, indexed by customer id.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from marketing_kpi import _validation as check

RFM_COLUMNS = ("recency", "frequency", "monetary")
"""Columns of :func:`rfm_table`, the raw values scored by :func:`rfm_scores`."""

DEFAULT_SEGMENTS: dict[str, tuple[tuple[int, int], tuple[float, float]]] = {
    "Champions": ((4, 5), (4.0, 5.0)),
    "Clients fidèles": ((4, 5), (2.5, 3.5)),
    "Nouveaux clients": ((5, 5), (1.0, 2.0)),
    "Prometteurs": ((4, 4), (1.0, 2.0)),
    "À surveiller": ((3, 3), (2.5, 5.0)),
    "Hibernants": ((2, 3), (1.0, 2.0)),
    "À risque": ((1, 2), (2.5, 5.0)),
    "Perdus": ((1, 1), (1.0, 2.0)),
}
"""Default segments for 5-level scores: ``name: ((R min, R max), (FM min, FM max))``, inclusive.

FM is the average ``(F + M) / 2`` (1, 1.5, ..., 5). The rectangles tile the
5 × 9 grid of (R, FM) values, so each of the 125 (R, F, M) cells gets exactly one
segment::

    R \\ FM   1 – 2              2.5 – 3.5          4 – 5
    5        Nouveaux clients   Clients fidèles    Champions
    4        Prometteurs        Clients fidèles    Champions
    3        Hibernants         À surveiller       À surveiller
    2        Hibernants         À risque           À risque
    1        Perdus             À risque           À risque

Thresholds are a teaching choice in the spirit of the R × FM grids used in CRM
practice, not taken from a published source. Copy and edit the dict to change them.
"""


def rfm_table(
    transactions: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    as_of: object,
) -> pd.DataFrame:
    """Recency, frequency and monetary value of each customer of a transaction log.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase: customer id, timezone-naive datetime64 date and
        amount (numeric, ≥ 0, in currency units; zero-amount rows are kept).
    customer, date, amount : str
        Column names.
    as_of : date-like
        Reference day of the analysis (anything :class:`pandas.Timestamp` accepts).
        No purchase may be later than this calendar day; purchases on it are allowed.

    Returns
    -------
    pandas.DataFrame
        One row per customer, index = customer id (sorted, named after ``customer``), columns

        * ``recency`` (int, days): calendar days from the last purchase day to ``as_of``
          (0 = bought on ``as_of``);
        * ``frequency`` (int): number of distinct purchase days (several purchases
          on the same day count once);
        * ``monetary`` (float, currency of ``amount``): total amount spent.

    Raises
    ------
    ValueError
        Missing column, empty log, missing value, non-datetime date, negative or
        non-numeric amount, or a purchase after ``as_of``.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (recency,
    frequency, monetary value); Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005).
    RFM and CLV: Using iso-value curves for customer base analysis. *Journal of
    Marketing Research*, 42(4), 415–430.
    """
    customers, days = check.transaction_days(transactions, customer, date, other_columns=[amount])
    amounts = check.numeric_values(transactions[amount], f"column {amount!r}", nonnegative=True)
    as_of_day = check.day_number(as_of, "as_of")
    check.not_after(days, as_of_day)
    table = (
        pd.DataFrame({"day": days, "amount": amounts})
        .groupby(pd.Index(customers, name=customer))
        .agg(last_day=("day", "max"), frequency=("day", "nunique"), monetary=("amount", "sum"))
    )
    recency = as_of_day - table["last_day"]
    return table.assign(recency=recency)[list(RFM_COLUMNS)]


def _score(values: pd.Series, bins: int, *, higher_is_better: bool) -> pd.Series:
    """Quantile score 1..bins of ``values``: 1 + floor(bins × share of customers strictly worse)."""
    strictly_worse = values.rank(method="min", ascending=higher_is_better).astype("int64") - 1
    return 1 + strictly_worse * bins // len(values)


def rfm_scores(
    table: pd.DataFrame,
    bins: int = 5,
    *,
    recency: str = "recency",
    frequency: str = "frequency",
    monetary: str = "monetary",
) -> pd.DataFrame:
    """Add quantile scores R, F, M (1 = worst, ``bins`` = best) and an "RFM" code to an RFM table.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer with numeric recency (days, lower is better),
        frequency and monetary columns (higher is better), e.g. from :func:`rfm_table`.
    bins : int
        Number of score levels, from 2 to 9 (one digit per score in the code). Default 5.
    recency, frequency, monetary : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with int columns ``R``, ``F``, ``M`` and a str column
        ``RFM`` concatenating them (``"545"``).

    Notes
    -----
    Tie rule: a customer's score is ``1 + floor(bins * s)`` where ``s`` is the
    share of customers with a strictly worse value (more days since the last
    purchase, fewer purchase days, smaller spend). Without ties this gives
    equal-sized groups, as ``pandas.qcut`` would; with ties it has three
    guarantees: tied values get the same score, a better value never gets a
    lower score, and every score is in 1..bins. Score 1 is always present (the
    worst value has ``s = 0``); with heavy ties some higher scores may be
    absent. For instance, when 60 % of the customers bought once, all of them
    get F = 1 and nobody gets F = 2 or 3.

    Raises
    ------
    ValueError
        Missing column, empty table, missing or non-numeric value, or ``bins``
        not an integer in 2..9.

    References
    ----------
    Quintile scoring of Hughes, A. M. (1994). *Strategic Database Marketing*.
    Probus. The tie rule is this package's choice.
    """
    check.require_columns(table, [recency, frequency, monetary])
    levels = check.integer_in_range(bins, "bins", 2, 9)
    scores = {}
    for letter, column, higher_is_better in (
        ("R", recency, False),
        ("F", frequency, True),
        ("M", monetary, True),
    ):
        check.numeric_values(table[column], f"column {column!r}")
        scores[letter] = _score(table[column], levels, higher_is_better=higher_is_better)
    code = scores["R"].astype(str) + scores["F"].astype(str) + scores["M"].astype(str)
    return table.assign(**scores, RFM=code)


def rfm_segments(
    scores: pd.DataFrame,
    mapping: Mapping[str, tuple[tuple[int, int], tuple[float, float]]] | None = None,
) -> pd.Series:
    """Named segment of each customer from its R, F and M scores.

    Parameters
    ----------
    scores : pandas.DataFrame
        Integer columns ``R``, ``F``, ``M``, e.g. from :func:`rfm_scores`.
    mapping : dict, optional
        ``segment name: ((R min, R max), (FM min, FM max))`` with inclusive bounds,
        FM being ``(F + M) / 2``. Default :data:`DEFAULT_SEGMENTS` (for 5 levels).
        Every customer must fall in exactly one rectangle.

    Returns
    -------
    pandas.Series
        Categorical named ``segment``, same index as ``scores``, categories in the
        order of ``mapping``.

    Raises
    ------
    ValueError
        Missing column, empty table, missing or non-numeric score, or a customer
        matched by no segment or by several (the message gives its R, F, M).

    References
    ----------
    Segment names and thresholds: see :data:`DEFAULT_SEGMENTS`.
    """
    check.require_columns(scores, ["R", "F", "M"])
    r = check.numeric_values(scores["R"], "column 'R'")
    fm = (
        check.numeric_values(scores["F"], "column 'F'")
        + check.numeric_values(scores["M"], "column 'M'")
    ) / 2
    rules = DEFAULT_SEGMENTS if mapping is None else mapping
    names = list(rules)
    matches = np.column_stack(
        [
            (r >= r_low) & (r <= r_high) & (fm >= fm_low) & (fm <= fm_high)
            for (r_low, r_high), (fm_low, fm_high) in rules.values()
        ]
    )
    matched = matches.sum(axis=1)
    unmatched = np.flatnonzero(matched != 1)
    if unmatched.size:
        first = unmatched[0]
        cell = ", ".join(f"{letter}={scores[letter].iloc[first]}" for letter in "RFM")
        problem = "no segment" if matched[first] == 0 else "several segments"
        raise ValueError(f"scores {cell} fall in {problem} of the mapping")
    codes = matches.argmax(axis=1)
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=names), index=scores.index, name="segment"
    )


def concentration_curve(amounts: object) -> pd.DataFrame:
    """Cumulative share of revenue brought by the best customers (Lorenz-type curve).

    Parameters
    ----------
    amounts : array-like of float
        Revenue (or margin) per customer, one value per customer, ≥ 0, in currency units.

    Returns
    -------
    pandas.DataFrame
        One row per customer, from the biggest to the smallest spender, index
        ``k`` = 1..n (the number of best customers kept), columns
        ``customer_share`` (k / n) and ``revenue_share`` (their cumulative
        revenue / total revenue). Both shares rise from near 0 to 1; the curve
        lies above the diagonal (the best customers always bring at least
        their share).

    Raises
    ------
    ValueError
        Empty, missing, non-numeric or negative amounts, or a zero total.

    References
    ----------
    The concentration (Lorenz) curve of customer value, read at 20 % of
    customers for the 80/20 rule: Koch, R. (1998). *The 80/20 Principle*.
    Currency/Doubleday.
    """
    values = check.numeric_values(amounts, "amounts", nonnegative=True)
    total = values.sum()
    if total == 0:
        raise ValueError("amounts sum to zero: revenue shares are undefined")
    ranked = np.sort(values, kind="stable")[::-1]
    n = len(ranked)
    return pd.DataFrame(
        {
            "customer_share": np.arange(1, n + 1) / n,
            "revenue_share": np.cumsum(ranked) / total,
        },
        index=pd.RangeIndex(1, n + 1, name="k"),
    )


def pareto_share(amounts: object, top: float = 0.2) -> float:
    """Share of total revenue brought by the best ``top`` fraction of customers.

    Parameters
    ----------
    amounts : array-like of float
        Revenue (or margin) per customer, one value per customer, ≥ 0, in currency units.
    top : float
        Fraction of customers kept, in (0, 1]. Default 0.2 (the "20 %" of 80/20).

    Returns
    -------
    float
        Sum of the ``k`` largest amounts / total, a share in [0, 1], with
        ``k = ceil(top * n)`` customers (rounded up, so at least one; ``top * n``
        is first rounded to 9 decimals so that 0.1 × 30 gives 3, not 4): the
        point of :func:`concentration_curve` at ``k``.

    Raises
    ------
    ValueError
        Empty, missing, non-numeric or negative amounts, a zero total, or ``top``
        outside (0, 1].

    References
    ----------
    Pareto (80/20) principle applied to customers: Koch, R. (1998). *The 80/20
    Principle*. Currency/Doubleday.
    """
    share = check.number(top, "top")
    if not 0 < share <= 1:
        raise ValueError(f"top must be in (0, 1], got {top}")
    curve = concentration_curve(amounts)
    kept = math.ceil(round(share * len(curve), 9))
    return float(curve["revenue_share"].iloc[kept - 1])
