"""Acquisition cohorts: who is still buying k periods after their first purchase.

A cohort is the set of customers whose first purchase falls in the same
calendar period (month, quarter or year). :func:`cohort_counts` counts, for
each cohort, the customers who buy in each period after it;
:func:`cohort_table` turns the counts into shares of the cohort;
:func:`retention_curve` pools the cohorts into one curve. :func:`survival_clv`
and :func:`survival_lifetime` use an observed curve instead of a constant
retention rate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from marketing_kpi import _validation as check

MONTHS_PER_PERIOD = {"M": 1, "Q": 3, "Y": 12}
"""Period lengths accepted by the cohort functions (``freq`` → months per period)."""


def _period_numbers(days: np.ndarray, step: int) -> np.ndarray:
    """Calendar period of each day number, counted from 1970-01 (months) / 1970Q1 / 1970."""
    months = days.astype("datetime64[D]").astype("datetime64[M]").view("int64")
    return months // step


def _period_labels(numbers: np.ndarray, freq: str) -> pd.PeriodIndex:
    """Period labels (``2024-01``, ``2024Q1``, ``2024``) of period numbers."""
    step = MONTHS_PER_PERIOD[freq]
    months = (numbers * step).astype("datetime64[M]")
    return pd.PeriodIndex(pd.DatetimeIndex(months), freq={"M": "M", "Q": "Q", "Y": "Y"}[freq])


def cohort_counts(
    transactions: pd.DataFrame,
    *,
    freq: str = "M",
    end: check.DateLike | None = None,
    customer: str = "customer_id",
    date: str = "date",
) -> pd.DataFrame:
    """Number of customers of each acquisition cohort who buy in each later period.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (customer column, timezone-naive datetime64 date
        column). The first purchase of each customer in the log defines their
        cohort: the log must start when the business (or the data) starts, or
        older customers are mistaken for new ones.
    freq : {"M", "Q", "Y"}
        Calendar months (default), quarters or years.
    end : date-like, optional
        Last day observed. Default: the latest purchase of the log. Periods
        after the one containing ``end`` are unobserved. If ``end`` is not the
        last day of its period, that last period is incomplete and its counts
        are too low: pass the end of a period.
    customer, date : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Index ``cohorte`` (a :class:`pandas.Period` per cohort, oldest first);
        columns ``0, 1, 2…`` = periods since the cohort's period (column ``0``
        is the cohort's own period, so it holds the cohort size). A cell holds
        the number of distinct customers of the cohort with at least one
        purchase in that period (pandas ``Int64``), ``<NA>`` where the period
        is after ``end`` (not yet observed), 0 where it is observed and nobody
        bought.

    Raises
    ------
    TypeError
        Not a DataFrame, or non-datetime dates.
    ValueError
        Missing column, empty log, missing values, ``freq`` not M/Q/Y, or a
        purchase after ``end``.
    """
    customers, days = check.transaction_days(transactions, customer, date)
    if freq not in MONTHS_PER_PERIOD:
        raise ValueError(f"freq must be 'M', 'Q' or 'Y', got {freq!r}")
    step = MONTHS_PER_PERIOD[freq]
    end_day = int(days.max()) if end is None else check.day_number(end, "end")
    check.not_after(days, end_day, "end")
    period = _period_numbers(days, step)
    last = int(_period_numbers(np.array([end_day]), step)[0])
    codes, _ids = pd.factorize(customers)
    first = pd.Series(period).groupby(codes).transform("min").to_numpy()
    pairs = pd.DataFrame({"cohort": first, "k": period - first, "who": codes}).drop_duplicates()
    counts = pairs.pivot_table(index="cohort", columns="k", values="who", aggfunc="size")
    counts = counts.fillna(0)
    cohorts = np.arange(counts.index.min(), counts.index.max() + 1)
    width = last - int(cohorts.min()) + 1
    counts = counts.reindex(index=cohorts, columns=range(width), fill_value=0)
    counts = counts.astype("Int64")
    observed = cohorts[:, None] + np.arange(width)[None, :] <= last
    counts = counts.mask(~observed)
    present = counts[0] > 0
    counts = counts[present.to_numpy()]
    counts.index = _period_labels(counts.index.to_numpy(), freq).rename("cohorte")
    counts.columns = pd.RangeIndex(width, name="periodes")
    return counts


def cohort_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Shares of each cohort active in each period: :func:`cohort_counts` divided by column 0.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of :func:`cohort_counts`.

    Returns
    -------
    pandas.DataFrame
        Same shape and labels, float shares in [0, 1]; column ``0`` is 1
        everywhere; NaN where the period is not observed.

    Raises
    ------
    TypeError
        Not a DataFrame.
    ValueError
        Empty table, no column ``0``, or a cohort of size 0.
    """
    check.require_columns(counts, [0])
    sizes = counts[0].astype("float64")
    if (sizes.isna() | (sizes <= 0)).any():
        raise ValueError("every cohort must have a positive size in column 0")
    return counts.astype("float64").div(sizes, axis=0)


def retention_curve(counts: pd.DataFrame) -> pd.Series:
    """Pooled share of customers active k periods after acquisition, over the cohorts observed at k.

    For each column k, the sum of the active customers of the cohorts observed
    at k divided by the sum of those cohorts' sizes (a weighted mean of the
    shares of :func:`cohort_table`, weighted by cohort size). Later columns rest
    on fewer, older cohorts.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of :func:`cohort_counts`.

    Returns
    -------
    pandas.Series
        Index ``periodes`` (0, 1, 2…), values in [0, 1] (1 at k = 0), named
        ``retention``.

    Raises
    ------
    TypeError, ValueError
        Same cases as :func:`cohort_table`.
    """
    check.require_columns(counts, [0])
    values = counts.astype("float64")
    sizes = values[0]
    if (sizes.isna() | (sizes <= 0)).any():
        raise ValueError("every cohort must have a positive size in column 0")
    observed = values.notna()
    active = values.fillna(0).sum()
    base = observed.mul(sizes, axis=0).sum()
    return (active / base).rename("retention")


def _survival(survival: ArrayLike) -> np.ndarray:
    """Check a survival curve S_1..S_n: non-empty, shares in [0, 1]."""
    values = check.numeric_values(survival, "survival", nonnegative=True)
    if (values > 1).any():
        raise ValueError("survival values must be shares between 0 and 1")
    return values


def survival_lifetime(survival: ArrayLike) -> float:
    """Expected number of periods as a customer, the current one included: ``1 + S_1 + … + S_n``.

    With a constant retention r and an infinite curve S_t = r^t this is
    ``1 / (1 − r)`` (:func:`marketing_kpi.expected_lifetime`); with an observed
    curve it is truncated at its last period.

    Parameters
    ----------
    survival : array-like of float
        S_1 … S_n: share of the customers of period 0 still customers 1 … n
        periods later, in [0, 1].

    Returns
    -------
    float
        A duration in periods (≥ 1).

    Raises
    ------
    TypeError
        Non-numeric values.
    ValueError
        Empty, missing values, or values outside [0, 1].
    """
    return float(1 + _survival(survival).sum())


def survival_clv(
    margin: float | Sequence[float], survival: ArrayLike, discount_rate: float
) -> float:
    """CLV from an observed survival curve: ``sum(m_t * S_t / (1 + d)**t for t in 1..n)``.

    Same convention as :func:`marketing_kpi.clv` (margins at the end of each
    period, the current period not counted); with ``S_t = r**t`` and a constant
    margin it equals ``clv(m, r, d, horizon=n)``.

    Parameters
    ----------
    margin : float or sequence of float
        Margin per period of a customer still there (≥ 0), one number or one per
        period t = 1 … n.
    survival : array-like of float
        S_1 … S_n, in [0, 1].
    discount_rate : float
        Per-period discount rate d, > −1.

    Returns
    -------
    float
        Present value in the currency of ``margin``, over the n periods of the
        curve (no value after the last observed period).

    Raises
    ------
    TypeError
        Non-numeric values.
    ValueError
        Empty or invalid curve, negative margin, margins and curve of different
        lengths, or discount rate ≤ −1.
    """
    curve = _survival(survival)
    if isinstance(margin, Sequence | np.ndarray | pd.Series):
        margins = check.numeric_values(margin, "margin", nonnegative=True)
        if len(margins) != len(curve):
            raise ValueError(
                f"margin has {len(margins)} values but the survival curve has {len(curve)}"
            )
    else:
        m = check.number(margin, "margin")
        if m < 0:
            raise ValueError(f"margin must be non-negative, got {m}")
        margins = np.full(len(curve), m)
    d = check.number(discount_rate, "discount_rate")
    if d <= -1:
        raise ValueError(f"discount_rate must be greater than -1, got {d}")
    periods = np.arange(1, len(curve) + 1)
    return float(np.sum(margins * curve / (1 + d) ** periods))
