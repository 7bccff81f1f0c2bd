"""Loyalty indicators: NPS, churn and retention, repurchase, expected lifetime and CLV.

Every function takes plain numbers, an array of scores or a transaction log (one
row per purchase) and returns a number or a small DataFrame. Dates are compared
by calendar day: the time of day of a purchase is ignored.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from marketing_kpi import _validation as check

NPS_LABELS = ("Promoteurs", "Passifs", "Détracteurs")
"""Row labels of :func:`nps_breakdown`, from the best group to the worst."""


def _nps_groups(scores: ArrayLike) -> np.ndarray:
    """Check NPS scores; return the counts of promoters (9–10), passives (7–8), detractors (0–6)."""
    values = check.numeric_values(scores, "NPS scores")
    if (values != np.round(values)).any():
        raise ValueError("NPS scores must be whole numbers from 0 to 10")
    if ((values < 0) | (values > 10)).any():
        raise ValueError("NPS scores must be between 0 and 10")
    return np.array(
        [(values >= 9).sum(), ((values >= 7) & (values <= 8)).sum(), (values <= 6).sum()]
    )


def nps(scores: ArrayLike) -> float:
    """Net Promoter Score of a list of answers to "would you recommend us?" (0–10).

    Parameters
    ----------
    scores : array-like of int
        One answer per respondent, whole numbers from 0 to 10.

    Returns
    -------
    float
        Share of promoters (9–10) minus share of detractors (0–6), in points,
        between -100 and 100. Passives (7–8) count in the denominator only.

    Raises
    ------
    ValueError
        Empty input, missing or non-numeric values, scores outside 0–10 or not whole.

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business
    Review*, 81(12), 46–54.
    """
    promoters, passives, detractors = _nps_groups(scores)
    return float(100 * (promoters - detractors) / (promoters + passives + detractors))


def nps_breakdown(scores: ArrayLike) -> pd.DataFrame:
    """Counts and shares of promoters, passives and detractors behind an NPS.

    Parameters
    ----------
    scores : array-like of int
        One answer per respondent, whole numbers from 0 to 10.

    Returns
    -------
    pandas.DataFrame
        Index ``NPS_LABELS`` ("Promoteurs" 9–10, "Passifs" 7–8, "Détracteurs" 0–6);
        columns ``count`` (respondents) and ``share`` (fraction of respondents,
        in [0, 1], summing to 1). ``nps(scores)`` equals
        ``100 * (share["Promoteurs"] - share["Détracteurs"])``.

    Raises
    ------
    ValueError
        Same cases as :func:`nps`.

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business
    Review*, 81(12), 46–54.
    """
    counts = _nps_groups(scores)
    return pd.DataFrame(
        {"count": counts, "share": counts / counts.sum()},
        index=pd.Index(NPS_LABELS, name="groupe"),
    )


class NPSEstimate(NamedTuple):
    """An NPS with its confidence interval, all in points (see :func:`nps_interval`)."""

    nps: float
    """The score, −100 to 100."""
    margin: float
    """Half-width of the interval: the « ± » to write after the score."""
    low: float
    """Lower bound, ``nps - margin``."""
    high: float
    """Upper bound, ``nps + margin``."""
    respondents: int
    """Number of answers."""


def _z(confidence: float) -> float:
    """Two-sided normal quantile: 1.96 for 0.95."""
    return NormalDist().inv_cdf(0.5 + check.confidence_level(confidence) / 2)


def _nps_moments(scores: ArrayLike) -> tuple[float, float, int]:
    """NPS as a fraction (mean of the −1/0/+1 variable), its variance, and the sample size."""
    promoters, passives, detractors = _nps_groups(scores)
    n = int(promoters + passives + detractors)
    p, d = promoters / n, detractors / n
    return p - d, p + d - (p - d) ** 2, n


def nps_interval(scores: ArrayLike, confidence: float = 0.95) -> NPSEstimate:
    """NPS of a sample of answers with its confidence interval (normal approximation).

    Each answer is recoded +1 (promoter, 9–10), 0 (passive, 7–8) or −1
    (detractor, 0–6); the NPS is 100 × the mean of this variable. Its standard
    error is ``sqrt((p_P + p_D − (p_P − p_D)²) / n)``, where p_P and p_D are the
    shares of promoters and detractors among the n answers, and the interval is
    NPS ± z × 100 × se (z = 1.96 for 95 %).

    Parameters
    ----------
    scores : array-like of int
        One answer per respondent, whole numbers from 0 to 10.
    confidence : float
        Confidence level, strictly between 0 and 1. Default 0.95.

    Returns
    -------
    NPSEstimate
        ``(nps, margin, low, high, respondents)``, all scores in points. The
        bounds are not clipped to [−100, 100]; with fewer than about 100 answers,
        or a score near ±100, the normal approximation is rough.

    Raises
    ------
    TypeError
        Non-numeric scores or confidence.
    ValueError
        Same cases as :func:`nps`, or a confidence outside (0, 1).

    Examples
    --------
    With 1 000 answers, 40 % promoters and 20 % detractors: NPS = 20 points,
    variance = 0.6 − 0.2² = 0.56, se = sqrt(0.56 / 1000) = 0.0237, margin
    = 1.96 × 2.37 = 4.6 points: « NPS = 20 ± 5 points ».

    References
    ----------
    Wald interval for the mean of a three-valued (−1/0/+1) variable, the method
    of the ``NPS`` package for R (B. Rocks, CRAN, 2014).
    """
    value, variance, n = _nps_moments(scores)
    margin = 100 * _z(confidence) * math.sqrt(variance / n)
    score = float(100 * value)
    return NPSEstimate(score, margin, score - margin, score + margin, n)


class Difference(NamedTuple):
    """A difference between two groups with its confidence interval."""

    difference: float
    """Group A minus group B."""
    margin: float
    """Half-width of the interval."""
    low: float
    """Lower bound."""
    high: float
    """Upper bound."""


def nps_difference(
    scores_a: ArrayLike, scores_b: ArrayLike, confidence: float = 0.95
) -> Difference:
    """Difference between the NPS of two independent groups, in points, with its interval.

    ``difference = NPS(a) − NPS(b)``; its standard error is
    ``sqrt(var_a / n_a + var_b / n_b)`` with the variances of :func:`nps_interval`.
    An interval that contains 0 means the two groups cannot be told apart with
    these samples.

    Parameters
    ----------
    scores_a, scores_b : array-like of int
        Answers (0–10) of the two groups, e.g. members and non-members.
    confidence : float
        Confidence level, strictly between 0 and 1. Default 0.95.

    Returns
    -------
    Difference
        ``(difference, margin, low, high)``, in points.

    Raises
    ------
    TypeError, ValueError
        Same cases as :func:`nps_interval`, for either group.
    """
    value_a, variance_a, n_a = _nps_moments(scores_a)
    value_b, variance_b, n_b = _nps_moments(scores_b)
    difference = float(100 * (value_a - value_b))
    margin = 100 * _z(confidence) * math.sqrt(variance_a / n_a + variance_b / n_b)
    return Difference(difference, margin, difference - margin, difference + margin)


def _checked_counts(customers_at_start: object, customers_lost: object) -> tuple[int, int]:
    """Check the two customer counts of a churn computation and return them as ``int``."""
    start = check.count(customers_at_start, "customers_at_start")
    lost = check.count(customers_lost, "customers_lost")
    if start == 0:
        raise ValueError("customers_at_start must be positive")
    if lost > start:
        raise ValueError(f"customers_lost ({lost}) exceeds customers_at_start ({start})")
    return start, lost


def churn_rate(customers_at_start: int, customers_lost: int) -> float:
    """Churn rate over one period: share of the starting customers lost by its end.

    Parameters
    ----------
    customers_at_start : int
        Customers at the start of the period (> 0).
    customers_lost : int
        How many of those customers left during the period (0 to ``customers_at_start``).
        Customers acquired during the period are not counted.

    Returns
    -------
    float
        ``customers_lost / customers_at_start``, a share in [0, 1].

    Raises
    ------
    ValueError
        Non-integer or negative counts, ``customers_at_start == 0``, or more
        customers lost than at the start.

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2005). *Managing Customers as Investments*.
    Wharton School Publishing (retention r and churn 1 − r per period).
    """
    start, lost = _checked_counts(customers_at_start, customers_lost)
    return lost / start


def retention_rate(customers_at_start: int, customers_lost: int) -> float:
    """Retention rate over one period: share of the starting customers still there at its end.

    Parameters
    ----------
    customers_at_start : int
        Customers at the start of the period (> 0).
    customers_lost : int
        How many of those customers left during the period (0 to ``customers_at_start``).

    Returns
    -------
    float
        ``1 - churn_rate(customers_at_start, customers_lost)``, a share in [0, 1].

    Raises
    ------
    ValueError
        Same cases as :func:`churn_rate`.

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2005). *Managing Customers as Investments*.
    Wharton School Publishing.
    """
    start, lost = _checked_counts(customers_at_start, customers_lost)
    return (start - lost) / start


def _active_customers(
    customers: np.ndarray, days: np.ndarray, first_day: int, last_day: int
) -> pd.Index:
    """Distinct customers with at least one purchase between two day numbers, inclusive."""
    return pd.Index(customers[(days >= first_day) & (days <= last_day)]).unique()


def active_customers(
    transactions: pd.DataFrame,
    period: check.Period,
    *,
    customer: str = "customer_id",
    date: str = "date",
) -> pd.Index:
    """Customers with at least one purchase in a period.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Transaction log, one row per purchase, with a customer column and a
        timezone-naive datetime64 date column.
    period : tuple of two dates
        ``(start, end)``, both inclusive, compared by calendar day (as in
        :func:`retention_between`).
    customer, date : str
        Column names.

    Returns
    -------
    pandas.Index
        The distinct customer ids active in the period, in order of first
        appearance in the log (possibly empty). With two periods A and B,
        ``len(a.difference(b))`` is the number of customers lost, to feed
        :func:`churn_rate` and :func:`retention_rate`.

    Raises
    ------
    ValueError
        Missing column, empty log, missing customer or date, non-datetime dates,
        malformed period or start after end.
    """
    customers, days = check.transaction_days(transactions, customer, date)
    return _active_customers(customers, days, *check.day_range(period, "period"))


def retention_between(
    transactions: pd.DataFrame,
    period_a: check.Period,
    period_b: check.Period,
    *,
    customer: str = "customer_id",
    date: str = "date",
) -> float:
    """Share of the customers active in period A who are active again in period B.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Transaction log, one row per purchase, with a customer column and a
        timezone-naive datetime64 date column.
    period_a, period_b : tuple of two dates
        ``(start, end)`` pairs of anything :class:`pandas.Timestamp` accepts
        (``"2024-01-01"``, ``datetime.date``...). Both bounds are inclusive and
        compared by calendar day: ``("2024-01-01", "2024-03-31")`` covers the
        whole first quarter, including purchases on 31 March at 18:00.
        The periods are used as given (B is normally the period after A).
    customer, date : str
        Column names.

    Returns
    -------
    float
        (customers with ≥ 1 purchase in A and ≥ 1 purchase in B) / (customers
        with ≥ 1 purchase in A), a share in [0, 1]. Customers first seen in B
        do not count.

    Raises
    ------
    ValueError
        Missing column, empty log, missing customer or date, non-datetime dates,
        malformed period or start after end, or no customer active in period A.

    References
    ----------
    Non-contractual proxy of the period-to-period retention rate
    r = customers kept / customers at start (Gupta & Lehmann, 2005): a customer
    is "kept" if they buy again. See Fader, P. S., & Hardie, B. G. S. (2009).
    Probability models for customer-base analysis. *Journal of Interactive
    Marketing*, 23(1), 61–69, on why defection is unobserved in this setting.
    """
    customers, days = check.transaction_days(transactions, customer, date)
    active_a = _active_customers(customers, days, *check.day_range(period_a, "period_a"))
    active_b = _active_customers(customers, days, *check.day_range(period_b, "period_b"))
    if active_a.empty:
        raise ValueError("no customer bought during period_a: retention is undefined")
    return float(active_a.isin(active_b).mean())


def repurchase_rate(
    transactions: pd.DataFrame,
    period: check.Period,
    *,
    customer: str = "customer_id",
    date: str = "date",
) -> float:
    """Share of the customers who bought in a period and bought again on a later day within it.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Transaction log, one row per purchase (customer column, naive datetime64 date column).
    period : tuple of two dates
        ``(start, end)``, both inclusive, compared by calendar day (anything
        :class:`pandas.Timestamp` accepts), as in :func:`retention_between`.
    customer, date : str
        Column names.

    Returns
    -------
    float
        (customers with purchases on ≥ 2 distinct days in the window) /
        (customers with ≥ 1 purchase in the window), a share in [0, 1].
        Two purchases on the same day count as one visit.

    Raises
    ------
    TypeError
        Not a DataFrame, non-datetime dates, or a period that is not a pair.
    ValueError
        Missing column, empty log, missing values, start after end, or no
        purchase in the period.

    References
    ----------
    Repurchase rate ("taux de réachat") of the course chapter on loyalty. Counting
    distinct days, not rows, is this package's convention (the same one as
    ``frequency`` in :func:`marketing_kpi.rfm_table`).
    """
    customers, days = check.transaction_days(transactions, customer, date)
    first_day, last_day = check.day_range(period, "period")
    inside = (days >= first_day) & (days <= last_day)
    if not inside.any():
        raise ValueError(f"no purchase between {period[0]} and {period[1]}")
    visits = pd.Series(days[inside]).groupby(customers[inside]).nunique()
    return float((visits >= 2).mean())


def expected_lifetime(retention: float) -> float:
    """Expected lifetime of a customer, in periods, for a constant retention rate.

    This is a **duration** (how many periods a customer stays on average), not a
    monetary value. It is *not* the customer lifetime value: some course
    material calls 1 / (1 − r) "CLV", which is wrong; see :func:`clv` for the value.

    Parameters
    ----------
    retention : float
        Per-period retention rate r, in [0, 1).

    Returns
    -------
    float
        ``1 / (1 - r)`` periods, counting the current one (≥ 1). With r = 0.8 and
        yearly periods a customer stays 5 years on average.

    Raises
    ------
    ValueError
        Retention not a finite number, negative, or ≥ 1 (lifetime would be infinite).

    References
    ----------
    Mean of the geometric lifetime implied by a constant retention rate:
    Berger, P. D., & Nasr, N. I. (1998). Customer lifetime value: Marketing
    models and applications. *Journal of Interactive Marketing*, 12(1), 17–30.
    """
    rate = check.retention(retention)
    return 1 / (1 - rate)


def clv(margin: float, retention: float, discount_rate: float, horizon: int | None = None) -> float:
    """Customer lifetime value of one customer with constant margin and retention.

    Parameters
    ----------
    margin : float
        Margin m earned per period from a retained customer, in currency units
        (≥ 0; e.g. euros per year).
    retention : float
        Per-period retention rate r, in [0, 1).
    discount_rate : float
        Per-period discount rate d (e.g. 0.1 for 10 % a year), > −1. Without a
        horizon, the infinite sum only converges if r < 1 + d (always true for d ≥ 0).
    horizon : int, optional
        Number of future periods n ≥ 1. ``None`` (default) means an infinite horizon.

    Returns
    -------
    float
        Present value, in the currency of ``margin``:

        * ``horizon=None``: ``m * r / (1 + d - r)``;
        * ``horizon=n``: ``sum(m * r**t / (1 + d)**t for t in 1..n)``, which
          increases with n and tends to the infinite-horizon value.

        Convention: margins are received at the end of each period from the
        customers still there, so the first-period margin of a customer who has
        just been acquired is **not** included. The variant that includes it
        (margin received at the start of each period) is
        ``m * (1 + d) / (1 + d - r)`` = ``m + clv(m, r, d)``.

    Raises
    ------
    ValueError
        Negative or non-finite margin, retention outside [0, 1),
        discount rate ≤ −1, non-positive horizon, or (infinite horizon) r ≥ 1 + d.

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9–24; Gupta, S., & Lehmann, D. R. (2005).
    *Managing Customers as Investments*. Wharton School Publishing.
    """
    m = check.number(margin, "margin")
    if m < 0:
        raise ValueError(f"margin must be non-negative, got {m}")
    r = check.retention(retention)
    d = check.number(discount_rate, "discount_rate")
    if d <= -1:
        raise ValueError(f"discount_rate must be greater than -1, got {d}")
    if horizon is None:
        if r >= 1 + d:
            raise ValueError(
                "the infinite-horizon CLV diverges when retention >= 1 + discount_rate"
            )
        return m * r / (1 + d - r)
    periods = np.arange(1, check.integer_in_range(horizon, "horizon", 1) + 1)
    return float(np.sum(m * (r / (1 + d)) ** periods))
