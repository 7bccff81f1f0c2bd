"""RFM analysis: recency, frequency, monetary table, scores, named segments, Pareto share.

The chain is ``rfm_table(log) -> rfm_scores(table) -> rfm_segments(scores)``:
one row per customer at each step, indexed by customer id.
:func:`segment_summary` describes the segments (size, revenue, mean R/F/M) and,
given :func:`period_activity` on a later period, how they bought afterwards:
the check that a segmentation predicts.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from marketing_kpi import _validation as check

RFM_COLUMNS = ("recency", "frequency", "monetary")
"""Columns of :func:`rfm_table`, the raw values scored by :func:`rfm_scores`."""

MONETARY_KINDS = ("mean", "total")
"""Allowed values of ``rfm_table(monetary=...)``."""

MONETARY_DECIMALS = 9
"""Decimals kept in ``rfm_table``'s monetary column (a billionth of a currency unit).

Summing the same amounts in another order can change the last bit of a float:
with pandas, (26.74 + 87.37 + 27.33 + 38.48) / 4 gives 44.980000000000004 while
a customer who spent 44.98 four times gets 44.98. Ranked as they are, these two
equal baskets would get different M scores. Rounded to 9 decimals, both are the
float nearest to 44.98, so equal baskets share a score whatever the engine
(pandas, DuckDB, Spark) and the summation order.
"""

DEFAULT_CUTOFFS: dict[str, tuple[float, ...]] = {
    "R": (90, 180, 365),
    "F": (2, 3, 4, 6),
}
"""Explicit score cut-offs used by the course, in the units of the RFM table.

* ``R`` (recency, days; lower is better): 4 = bought within 90 days,
  3 = 91 to 180 days, 2 = 181 to 365 days, 1 = more than 365 days. Each value is
  the *upper* bound of a level, from the best level down.
* ``F`` (distinct purchase days; higher is better): 1 = one purchase day, 2 = two,
  3 = three, 4 = four or five, 5 = six or more. Each value is the *lower* bound
  of levels 2, 3, 4 and 5.

Unlike quantiles, cut-offs mean the same thing on every base and every date
(« acheté dans les 90 derniers jours »), and customers with equal values always
share a score. The thresholds are a teaching choice for a retailer whose
customers buy one to three times a year, not a published norm.
"""

DEFAULT_SEGMENTS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "Champions": ((4, 4), (4, 5)),
    "Prometteurs": ((4, 4), (2, 3)),
    "Nouveaux clients": ((4, 4), (1, 1)),
    "Clients fidèles": ((3, 3), (4, 5)),
    "À surveiller": ((3, 3), (2, 3)),
    "Primo-acheteurs à relancer": ((2, 3), (1, 1)),
    "À risque": ((2, 2), (2, 5)),
    "À reconquérir": ((1, 1), (2, 5)),
    "Perdus": ((1, 1), (1, 1)),
}
"""Default segments on the R × F grid of :data:`DEFAULT_CUTOFFS`.

Format: ``name: ((R min, R max), (F min, F max))``.

Bounds are inclusive scores. The rectangles tile the 4 × 5 grid of (R, F)
scores, so each cell gets exactly one segment::

    R \\ F            1                          2 – 3          4 – 5
    4  (≤ 90 j)       Nouveaux clients           Prometteurs    Champions
    3  (91–180 j)     Primo-acheteurs à relancer À surveiller   Clients fidèles
    2  (181–365 j)    Primo-acheteurs à relancer À risque       À risque
    1  (> 365 j)      Perdus                     À reconquérir  À reconquérir

Segments use R and F only, never an average of scores: averaging ordinal
scores treats them as measures, and with ties (most customers bought once) the
levels are not evenly spaced. One-time buyers (F = 1) form their own column.
M, the mean amount per purchase day, describes the basket within a segment
(:func:`segment_summary`) and chooses the offer, not the segment. The grid is
a teaching choice in the spirit of the recency × frequency grids of direct
marketing (Hughes, 1994), not a published standard.
"""


def rfm_table(
    transactions: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    as_of: object,
    monetary: str = "mean",
    truncate: bool = False,
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
        Purchases on this day are included.
    monetary : {"mean", "total"}
        ``"mean"`` (default): mean amount per purchase day (total / frequency),
        the basket value, nearly independent of the frequency, hence the choice
        for segmentation. ``"total"``: total amount spent, which mostly repeats
        the frequency (a customer who buys often spends more in total).
    truncate : bool
        ``False`` (default): a purchase after ``as_of`` is an error.
        ``True``: purchases after ``as_of`` are ignored, so that the table
        describes the customer base as it was known on ``as_of`` (calibration
        period); customers whose first purchase is later are absent.

    Returns
    -------
    pandas.DataFrame
        One row per customer, index = customer id (sorted, named after ``customer``), columns

        * ``recency`` (int, days): calendar days from the last purchase day to ``as_of``
          (0 = bought on ``as_of``);
        * ``frequency`` (int): number of distinct purchase days (several purchases
          on the same day count once);
        * ``monetary`` (float, currency of ``amount``): mean amount per purchase
          day, or total amount (see ``monetary``), rounded to
          :data:`MONETARY_DECIMALS` decimals so that equal amounts compare equal.

        ``table.attrs["monetary"]`` records which.

    Raises
    ------
    ValueError
        Missing column, empty log, missing value, non-datetime date, negative or
        non-numeric amount, ``monetary`` not in :data:`MONETARY_KINDS`, a purchase
        after ``as_of`` (without ``truncate``), or no purchase up to ``as_of``.
    TypeError
        ``truncate`` is not a bool.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (recency,
    frequency, monetary value); Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005).
    RFM and CLV: Using iso-value curves for customer base analysis. *Journal of
    Marketing Research*, 42(4), 415–430 (monetary value as the mean spend per
    transaction).
    """
    if monetary not in MONETARY_KINDS:
        raise ValueError(f"monetary must be one of {MONETARY_KINDS}, got {monetary!r}")
    if not isinstance(truncate, bool):
        raise TypeError(f"truncate must be True or False, got {truncate!r}")
    customers, days = check.transaction_days(transactions, customer, date, other_columns=[amount])
    amounts = check.numeric_values(transactions[amount], f"column {amount!r}", nonnegative=True)
    as_of_day = check.day_number(as_of, "as_of")
    if truncate:
        kept = days <= as_of_day
        if not kept.any():
            raise ValueError(f"no purchase on or before as_of ({as_of})")
        customers, days, amounts = customers[kept], days[kept], amounts[kept]
    else:
        check.not_after(days, as_of_day)
    table = (
        pd.DataFrame({"day": days, "amount": amounts})
        .groupby(pd.Index(customers, name=customer))
        .agg(last_day=("day", "max"), frequency=("day", "nunique"), monetary=("amount", "sum"))
    )
    if monetary == "mean":
        table["monetary"] /= table["frequency"]
    table["monetary"] = table["monetary"].round(MONETARY_DECIMALS)
    result = table.assign(recency=as_of_day - table["last_day"])[list(RFM_COLUMNS)]
    result.attrs["monetary"] = monetary
    return result


def period_activity(
    transactions: pd.DataFrame,
    period: tuple[object, object],
    *,
    customers: object = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
) -> pd.DataFrame:
    """What each customer bought during a period, e.g. the holdout period after an RFM scoring.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Transaction log, as for :func:`rfm_table`.
    period : (start, end) tuple of date-like
        First and last calendar day of the period, both included.
    customers : array-like, optional
        Customer ids to report, in this order (typically the index of a
        calibration RFM table); customers who bought nothing in the period get
        zeros. Default: the customers who bought in the period.
    customer, date, amount : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Index = customer id, columns ``purchase_days`` (int, distinct purchase
        days in the period), ``spend`` (float, total amount in the period) and
        ``active`` (bool, at least one purchase).

    Raises
    ------
    ValueError
        Bad log (as for :func:`rfm_table`), or ``period`` not a ``(start, end)``
        pair with start ≤ end.
    """
    ids, days = check.transaction_days(transactions, customer, date, other_columns=[amount])
    amounts = check.numeric_values(transactions[amount], f"column {amount!r}", nonnegative=True)
    start, end = check.day_range(period, "period")
    inside = (days >= start) & (days <= end)
    table = (
        pd.DataFrame({"day": days[inside], "amount": amounts[inside]})
        .groupby(pd.Index(ids[inside], name=customer))
        .agg(purchase_days=("day", "nunique"), spend=("amount", "sum"))
    )
    if customers is not None:
        wanted = pd.Index(customers, name=customer)
        if wanted.has_duplicates:
            raise ValueError("customers contains duplicate ids")
        table = table.reindex(wanted, fill_value=0)
    table = table.astype({"purchase_days": "int64", "spend": "float64"})
    return table.assign(active=table["purchase_days"] > 0)


def _quantile_score(values: pd.Series, bins: int, *, higher_is_better: bool) -> pd.Series:
    """Quantile score 1..bins of ``values``: 1 + floor(bins × share of customers strictly worse)."""
    strictly_worse = values.rank(method="min", ascending=higher_is_better).astype("int64") - 1
    return 1 + strictly_worse * bins // len(values)


def _cutoff_score(values: np.ndarray, bounds: np.ndarray, *, higher_is_better: bool) -> np.ndarray:
    """Score 1..len(bounds)+1 from explicit bounds (see :data:`DEFAULT_CUTOFFS`)."""
    if higher_is_better:
        # bounds = lower bounds of levels 2, 3, ...: count the bounds reached
        return 1 + np.searchsorted(bounds, values, side="right")
    # bounds = upper bounds of the best level, the next one...: count the bounds not exceeded
    return 1 + len(bounds) - np.searchsorted(bounds, values, side="left")


def _checked_bounds(letter: str, bounds: object) -> np.ndarray:
    """Cut-offs of one score as a strictly increasing float array giving 2 to 9 levels."""
    if isinstance(bounds, str | bytes) or not isinstance(bounds, Sequence | np.ndarray):
        raise TypeError(f"cut-offs of {letter} must be a sequence of numbers, got {bounds!r}")
    array = check.numeric_values(list(bounds), f"cut-offs of {letter}")
    if not 1 <= len(array) <= 8:
        raise ValueError(f"cut-offs of {letter} must hold 1 to 8 values (2 to 9 levels)")
    if (np.diff(array) <= 0).any():
        raise ValueError(f"cut-offs of {letter} must be strictly increasing, got {list(bounds)}")
    return array


def rfm_scores(
    table: pd.DataFrame,
    bins: int = 5,
    *,
    cutoffs: Mapping[str, Sequence[float]] | None = None,
    recency: str = "recency",
    frequency: str = "frequency",
    monetary: str = "monetary",
) -> pd.DataFrame:
    """Add scores R, F, M (1 = worst) and an "RFM" code to an RFM table.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer with numeric recency (days, lower is better),
        frequency and monetary columns (higher is better), e.g. from :func:`rfm_table`.
    bins : int
        Number of quantile levels, from 2 to 9 (one digit per score in the code),
        for the scores without cut-offs. Default 5 (quintiles).
    cutoffs : mapping, optional
        Explicit cut-offs per score letter, e.g. :data:`DEFAULT_CUTOFFS`
        (``{"R": (90, 180, 365), "F": (2, 3, 4, 6)}``): for ``"R"`` the upper
        bounds in days of the best level, the next one, and so on; for ``"F"``
        and ``"M"`` the lower bounds of levels 2, 3, and so on. k values give
        k + 1 levels. Letters not in the mapping are scored by quantiles.

    recency, frequency, monetary : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with int columns ``R``, ``F``, ``M`` and a str column
        ``RFM`` concatenating them (``"545"``). ``scores.attrs["rfm_levels"]``
        records the number of levels of each score (e.g. ``{"R": 4, "F": 5, "M": 5}``),
        which :func:`rfm_segments` checks.

    Warns
    -----
    UserWarning
        When a score level holds no customer (heavy ties, or cut-offs that no
        value reaches): the message names the score and the empty levels.

    Notes
    -----
    Quantile tie rule: a customer's score is ``1 + floor(bins * s)`` where ``s``
    is the share of customers with a strictly worse value (more days since the
    last purchase, fewer purchase days, smaller amount). Without ties this gives
    equal-sized groups, as ``pandas.qcut`` would; with ties it has three
    guarantees: tied values get the same score, a better value never gets a
    lower score, and every score is in 1..bins. Score 1 is always present; with
    heavy ties some higher scores may be absent. For instance, when 60 % of the
    customers bought once, all of them get F = 1 and nobody gets F = 2 or 3.
    Cut-offs avoid this and keep the same meaning from one date to the next.

    Raises
    ------
    ValueError
        Missing column, empty table, missing or non-numeric value, ``bins`` not
        an integer in 2..9, cut-offs for a letter other than R, F, M, or cut-offs
        not strictly increasing.
    TypeError
        Cut-offs that are not a mapping of sequences of numbers.

    References
    ----------
    Quintile scoring of Hughes, A. M. (1994). *Strategic Database Marketing*.
    Probus. The tie rule and the default cut-offs are this package's choices.
    """
    check.require_columns(table, [recency, frequency, monetary])
    levels = check.integer_in_range(bins, "bins", 2, 9)
    if cutoffs is None:
        cutoffs = {}
    if not isinstance(cutoffs, Mapping):
        raise TypeError(f"cutoffs must be a mapping such as {{'F': (2, 3)}}, got {cutoffs!r}")
    unknown = sorted(set(cutoffs) - {"R", "F", "M"})
    if unknown:
        raise ValueError(f"cutoffs keys must be 'R', 'F' or 'M', got {unknown}")
    variables = (("R", recency, False), ("F", frequency, True), ("M", monetary, True))
    # every input is checked before any score is computed or any warning given
    values = {
        letter: check.numeric_values(table[column], f"column {column!r}")
        for letter, column, _ in variables
    }
    bounds_of = {letter: _checked_bounds(letter, cutoffs[letter]) for letter in cutoffs}
    scores: dict[str, pd.Series] = {}
    counts: dict[str, int] = {}
    for letter, column, higher_is_better in variables:
        if letter in cutoffs:
            bounds = bounds_of[letter]
            score = _cutoff_score(values[letter], bounds, higher_is_better=higher_is_better)
            scores[letter] = pd.Series(score.astype("int64"), index=table.index)
            counts[letter] = len(bounds) + 1
        else:
            scores[letter] = _quantile_score(
                table[column], levels, higher_is_better=higher_is_better
            )
            counts[letter] = levels
        empty = sorted(set(range(1, counts[letter] + 1)) - set(scores[letter].unique()))
        if empty:
            warnings.warn(
                f"score {letter} has no customer at level(s) {', '.join(map(str, empty))} "
                f"(of 1 to {counts[letter]})",
                UserWarning,
                stacklevel=2,
            )
    code = scores["R"].astype(str) + scores["F"].astype(str) + scores["M"].astype(str)
    result = table.assign(**scores, RFM=code)
    result.attrs = {**table.attrs, "rfm_levels": counts}
    return result


def _segment_bounds(mapping: object) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """Check a segment mapping: ``name: ((R min, R max), (F min, F max))`` with integer bounds."""
    if not isinstance(mapping, Mapping) or not mapping:
        raise TypeError(f"mapping must be a non-empty dict of segments, got {mapping!r}")
    for name, bounds in mapping.items():
        try:
            (r_low, r_high), (f_low, f_high) = bounds
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"segment {name!r}: expected ((R min, R max), (F min, F max)), got {bounds!r}"
            ) from error
        for low, high in ((r_low, r_high), (f_low, f_high)):
            if not (check.count(low, f"segment {name!r} bound") <= check.count(high, "bound")):
                raise ValueError(f"segment {name!r}: min {low} is above max {high}")
    return dict(mapping)


def rfm_segments(
    scores: pd.DataFrame,
    mapping: Mapping[str, tuple[tuple[int, int], tuple[int, int]]] | None = None,
) -> pd.Series:
    """Named segment of each customer from its R and F scores.

    Parameters
    ----------
    scores : pandas.DataFrame
        Integer columns ``R`` and ``F``, e.g. from :func:`rfm_scores` with
        ``cutoffs=DEFAULT_CUTOFFS``.
    mapping : dict, optional
        ``segment name: ((R min, R max), (F min, F max))`` with inclusive score
        bounds. Default :data:`DEFAULT_SEGMENTS` (R on 4 levels, F on 5).
        Every customer must fall in exactly one rectangle.

    Returns
    -------
    pandas.Series
        Categorical named ``segment``, same index as ``scores``, categories in the
        order of ``mapping``.

    Raises
    ------
    ValueError
        Missing column, empty table, missing or non-numeric score; scores whose
        number of levels (``scores.attrs["rfm_levels"]``, set by :func:`rfm_scores`)
        differs from the levels the mapping covers (for instance quintile scores
        with the default mapping, made for :data:`DEFAULT_CUTOFFS`); or a customer
        matched by no segment or by several (the message gives its R and F).
    TypeError
        A mapping that is not a dict of ``((R min, R max), (F min, F max))``.

    References
    ----------
    Segment names and thresholds: see :data:`DEFAULT_SEGMENTS`.
    """
    check.require_columns(scores, ["R", "F"])
    rules = _segment_bounds(DEFAULT_SEGMENTS if mapping is None else mapping)
    r = check.numeric_values(scores["R"], "column 'R'")
    f = check.numeric_values(scores["F"], "column 'F'")
    expected = {
        "R": max(high for (_, high), _ in rules.values()),
        "F": max(high for _, (_, high) in rules.values()),
    }
    levels = scores.attrs.get("rfm_levels", {})
    for letter, top in expected.items():
        if letter in levels and levels[letter] != top:
            raise ValueError(
                f"the mapping expects {letter} scores on 1 to {top}, but these scores have "
                f"{levels[letter]} levels: score with the cut-offs the mapping was made for "
                "(DEFAULT_CUTOFFS for DEFAULT_SEGMENTS) or pass a mapping for these levels"
            )
    names = list(rules)
    matches = np.column_stack(
        [
            (r >= r_low) & (r <= r_high) & (f >= f_low) & (f <= f_high)
            for (r_low, r_high), (f_low, f_high) in rules.values()
        ]
    )
    matched = matches.sum(axis=1)
    unmatched = np.flatnonzero(matched != 1)
    if unmatched.size:
        first = unmatched[0]
        cell = ", ".join(f"{letter}={scores[letter].iloc[first]}" for letter in "RF")
        problem = "no segment" if matched[first] == 0 else "several segments"
        raise ValueError(f"scores {cell} fall in {problem} of the mapping")
    codes = matches.argmax(axis=1)
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=names), index=scores.index, name="segment"
    )


def segment_summary(
    table: pd.DataFrame,
    segments: pd.Series,
    *,
    revenue: pd.Series | None = None,
    later: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Size, weight and profile of each segment, and optionally how it bought afterwards.

    Parameters
    ----------
    table : pandas.DataFrame
        RFM table (columns ``recency``, ``frequency``, ``monetary``), one row per
        customer, e.g. from :func:`rfm_table` or :func:`rfm_scores`.
    segments : pandas.Series
        Segment (or any group label, such as an R × F cell) of each customer,
        same index as ``table``; categorical categories keep their order and
        empty categories are kept.
    revenue : pandas.Series, optional
        Revenue of each customer over the scoring period, same index. Default:
        ``frequency × monetary`` when ``table.attrs["monetary"] == "mean"``,
        ``monetary`` when it is ``"total"``.
    later : pandas.DataFrame, optional
        :func:`period_activity` of the same customers over a later period
        (holdout), same index.

    Returns
    -------
    pandas.DataFrame
        One row per segment: ``customers`` (int), ``customer_share``,
        ``revenue`` (float), ``revenue_share``, mean ``recency``, ``frequency``
        and ``monetary`` of its customers; with ``later``: ``later_active_share``
        (share of the segment's customers who bought in the later period),
        ``later_purchase_days`` and ``later_spend`` (means per customer of the
        segment, buyers or not). Shares are in [0, 1]; means of an empty segment are NaN.

    Raises
    ------
    ValueError
        Missing columns, indexes that differ, or no way to know the revenue.
    """
    check.require_columns(table, list(RFM_COLUMNS))
    if not isinstance(segments, pd.Series):
        raise TypeError(f"segments must be a pandas Series, got {type(segments).__name__}")
    if not segments.index.equals(table.index):
        raise ValueError("segments and table must have the same index (same customers, same order)")
    check.no_missing(segments, "segments")
    if revenue is None:
        kind = table.attrs.get("monetary")
        if kind not in MONETARY_KINDS:
            raise ValueError(
                "cannot tell whether monetary is a mean or a total: pass revenue= explicitly"
            )
        revenue = table["frequency"] * table["monetary"] if kind == "mean" else table["monetary"]
    elif not isinstance(revenue, pd.Series) or not revenue.index.equals(table.index):
        raise ValueError("revenue must be a Series with the same index as table")
    frame = table[list(RFM_COLUMNS)].assign(
        revenue=check.numeric_values(revenue, "revenue", nonnegative=True)
    )
    columns = ["recency", "frequency", "monetary"]
    if later is not None:
        check.require_columns(later, ["purchase_days", "spend", "active"])
        if not later.index.equals(table.index):
            raise ValueError(
                "later must have the same index as table: "
                "use period_activity(customers=table.index)"
            )
        frame = frame.assign(
            later_active_share=later["active"].astype("float64"),
            later_purchase_days=later["purchase_days"].astype("float64"),
            later_spend=later["spend"].astype("float64"),
        )
        columns += ["later_active_share", "later_purchase_days", "later_spend"]
    grouped = frame.groupby(segments, observed=False, sort=True)
    summary = grouped[columns].mean()
    summary.insert(0, "customers", grouped.size().astype("int64"))
    summary.insert(1, "customer_share", summary["customers"] / len(frame))
    summary.insert(2, "revenue", grouped["revenue"].sum())
    summary.insert(3, "revenue_share", summary["revenue"] / frame["revenue"].sum())
    summary.index.name = segments.name
    return summary


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
