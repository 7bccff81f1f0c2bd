"""Confidence intervals for the rates and differences the course reports.

Three small functions, used by the notebooks instead of formulas typed in a cell:

* :func:`proportion_interval`: a rate with its Wald or Wilson interval;
* :func:`difference_interval`: the difference of two independent rates (an
  uplift, a gap in churn between two groups), Wald or Newcombe;
* :func:`mean_difference_interval`: the difference of two means (margin per
  customer, targeted minus control), large-sample normal interval.

Each returns plain floats ``(estimate, low, high)``. Counts must be integers
with ``0 ≤ successes ≤ n`` and ``n ≥ 1``; wrong types raise ``TypeError``, bad
values ``ValueError``.
"""

from __future__ import annotations

import math
from numbers import Integral

import numpy as np
from scipy.stats import norm

from marketing_kpi import _validation as check

METHODS = ("wald", "wilson")
DIFFERENCE_METHODS = ("wald", "newcombe")


def _z(confidence: float) -> float:
    """Two-sided normal quantile for ``confidence`` in (0, 1): 1.96 for 0.95."""
    level = check.number(confidence, "confidence")
    if not 0 < level < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    return float(norm.ppf(0.5 + level / 2))


def _counts(successes: object, n: object, what: str) -> tuple[int, int]:
    for value, name in ((successes, "successes"), (n, "n")):
        if isinstance(value, bool) or not isinstance(value, Integral):
            raise TypeError(f"{what} {name} must be an integer, got {value!r}")
    if n < 1 or not 0 <= successes <= n:
        raise ValueError(f"{what}: need 0 <= successes <= n and n >= 1, got {successes} of {n}")
    return int(successes), int(n)


def proportion_interval(
    successes: int, n: int, *, method: str = "wilson", confidence: float = 0.95
) -> tuple[float, float, float]:
    """A rate ``successes / n`` and its confidence interval.

    Parameters
    ----------
    successes, n : int
        Number of "successes" (buyers, lost customers…) among ``n`` (≥ 1).
    method : {"wilson", "wald"}
        Wilson's score interval (default; stays inside [0, 1] and behaves on
        small counts) or the Wald interval ``p ± z √(p(1 − p)/n)``.
    confidence : float
        Confidence level in (0, 1), default 0.95.

    Returns
    -------
    (float, float, float)
        ``(p, low, high)``, shares in [0, 1] (Wald bounds may leave [0, 1]).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and
    statistical inference. *JASA*, 22(158), 209–212. Newcombe, R. G. (1998).
    Two-sided confidence intervals for the single proportion: comparison of
    seven methods. *Statistics in Medicine*, 17(8), 857–872.
    """
    k, total = _counts(successes, n, "proportion")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    z = _z(confidence)
    p = k / total
    if method == "wald":
        half = z * math.sqrt(p * (1 - p) / total)
        return p, p - half, p + half
    centre = (p + z**2 / (2 * total)) / (1 + z**2 / total)
    half = z * math.sqrt(p * (1 - p) / total + z**2 / (4 * total**2)) / (1 + z**2 / total)
    return p, centre - half, centre + half


def difference_interval(
    successes_a: int,
    n_a: int,
    successes_b: int,
    n_b: int,
    *,
    method: str = "newcombe",
    confidence: float = 0.95,
) -> tuple[float, float, float]:
    """Difference of two independent rates, ``a − b``, and its confidence interval.

    Parameters
    ----------
    successes_a, n_a, successes_b, n_b : int
        Counts of the two groups (e.g. buyers among the targeted, buyers among
        the control group).
    method : {"newcombe", "wald"}
        Newcombe's hybrid score interval (default, built from the two Wilson
        intervals; recommended when a group has few successes) or the Wald
        interval ``d ± z √(p_a(1 − p_a)/n_a + p_b(1 − p_b)/n_b)``.
    confidence : float
        Confidence level in (0, 1), default 0.95.

    Returns
    -------
    (float, float, float)
        ``(difference, low, high)`` in share units (multiply by 100 for points).

    References
    ----------
    Newcombe, R. G. (1998). Interval estimation for the difference between
    independent proportions: comparison of eleven methods. *Statistics in
    Medicine*, 17(8), 873–890 (method 10).
    """
    if method not in DIFFERENCE_METHODS:
        raise ValueError(f"method must be one of {DIFFERENCE_METHODS}, got {method!r}")
    p_a, low_a, high_a = proportion_interval(successes_a, n_a, confidence=confidence)
    p_b, low_b, high_b = proportion_interval(successes_b, n_b, confidence=confidence)
    difference = p_a - p_b
    if method == "wald":
        half = _z(confidence) * math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
        return difference, difference - half, difference + half
    low = difference - math.hypot(p_a - low_a, high_b - p_b)
    high = difference + math.hypot(high_a - p_a, p_b - low_b)
    return difference, low, high


def mean_difference_interval(
    values_a: object, values_b: object, *, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Difference of the means of two independent samples, ``mean(a) − mean(b)``, with its interval.

    Parameters
    ----------
    values_a, values_b : array-like of float
        The two samples (at least two values each), e.g. the margin of each
        targeted customer and of each control customer, zeros included.
    confidence : float
        Confidence level in (0, 1), default 0.95.

    Returns
    -------
    (float, float, float)
        ``(difference, low, high)`` in the units of the values. The interval is
        the large-sample normal one, difference ± z √(s_a²/n_a + s_b²/n_b)
        (unequal variances, sample variances with n − 1).
    """
    a = check.numeric_values(values_a, "values_a")
    b = check.numeric_values(values_b, "values_b")
    if len(a) < 2 or len(b) < 2:
        raise ValueError("each sample needs at least two values")
    difference = float(a.mean() - b.mean())
    half = _z(confidence) * math.sqrt(np.var(a, ddof=1) / len(a) + np.var(b, ddof=1) / len(b))
    return difference, difference - half, difference + half
