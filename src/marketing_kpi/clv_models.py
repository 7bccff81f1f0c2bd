"""Probabilistic CLV: the BG/NBD purchase model and the Gamma-Gamma spend model.

Takes a transaction log (one row per purchase) and returns, for each customer,
the expected number of future purchases, the probability of still being active
("alive"), the expected spend per purchase and the expected CLV over a horizon.

The chain is the one of Fader, Hardie & Lee (2005a, 2005b):

1. :func:`purchase_summary` turns the log into one row per customer:
   ``frequency`` (number of repeat purchases), ``recency`` (time from the first
   to the last purchase), ``T`` (age of the customer at the end of the
   calibration period) and ``monetary`` (mean value of the repeat purchases),
   plus the holdout counts when a calibration end is given;
2. :func:`fit_bgnbd` estimates the BG/NBD model by maximum likelihood, then
   :func:`bgnbd_expected_purchases`, :func:`bgnbd_unconditional_purchases` and
   :func:`bgnbd_probability_alive` read it;
3. :func:`fit_gamma_gamma` estimates the spend model, then
   :func:`gamma_gamma_expected_spend` gives each customer's expected spend;
4. :func:`expected_clv` combines both into a discounted value.

Per-customer inputs are numbers or 1-D array-likes (lists, NumPy arrays, pandas
Series) of one common length; a single number is used for every customer (e.g.
the same age T for a whole cohort).

Wrong types raise ``TypeError``, impossible values raise ``ValueError`` and a
fit whose optimiser does not converge raises :class:`ConvergenceError`: no
function returns NaN silently.

References
----------
Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005a). "Counting your customers"
the easy way: An alternative to the Pareto/NBD model. *Marketing Science*,
24(2), 275–284.

Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005b). RFM and CLV: Using
iso-value curves for customer base analysis. *Journal of Marketing Research*,
42(4), 415–430.

Fader, P. S., & Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary
value. Note, brucehardie.com/notes/025.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

from marketing_kpi import _validation as check

"""Path of the CDNOW 1/10th sample inside the installed ``lifetimes`` distribution."""

TIME_UNITS = {"days": 1, "weeks": 7}
"""Length, in days, of each time unit accepted by :func:`purchase_summary`."""


class ConvergenceError(RuntimeError):
    """Raised when the maximum-likelihood optimiser stops without converging."""


# --- input checks ----------------------------------------------------------------


def _array(values: object, what: str) -> np.ndarray:
    """1-D float array from a number or array-like of numbers; wrong types raise TypeError."""
    if values is None or isinstance(values, str | bytes | bool):
        raise TypeError(f"{what} must be a number or an array of numbers, got {values!r}")
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{what} must be one column (a Series or 1-D array), not a DataFrame")
    array = np.asarray(values)
    if array.dtype == bool or not (
        np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    ):
        raise TypeError(f"{what} must be numeric (got dtype {array.dtype})")
    array = np.atleast_1d(array.astype("float64"))
    if array.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{what} is empty")
    if not np.isfinite(array).all():
        raise ValueError(f"{what} contains NaN, missing or infinite values")
    return array


def _scalar(value: object, what: str, *, positive: bool = False) -> float:
    """A finite real number (not bool); ``positive`` also requires > 0."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{what} must be a number, got {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{what} must be finite, got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{what} must be positive, got {value!r}")
    return float(value)


def _same_length(**arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast one-value arrays to the common length; other lengths must all be equal."""
    lengths = {len(array) for array in arrays.values()} - {1}
    if len(lengths) > 1:
        sizes = ", ".join(f"{name} {len(array)}" for name, array in arrays.items())
        raise ValueError(
            f"arrays of different lengths ({sizes}): give one value or one per customer"
        )
    size = lengths.pop() if lengths else 1
    return [np.broadcast_to(array, size) for array in arrays.values()]


def _rfm_arrays(
    frequency: object, recency: object, T: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Check a (frequency, recency, T) triple, as the BG/NBD needs it; numbers are broadcast."""
    x, t_x, age = _same_length(
        frequency=_array(frequency, "frequency"),
        recency=_array(recency, "recency"),
        T=_array(T, "T"),
    )
    if (x < 0).any() or (x != np.round(x)).any():
        raise ValueError("frequency must hold whole numbers >= 0 (repeat purchases)")
    if (t_x < 0).any():
        raise ValueError("recency contains negative values")
    if (age < 0).any():
        raise ValueError("T contains negative values (negative customer age)")
    if (t_x > age).any():
        raise ValueError("recency is greater than T for some customers (last purchase after T)")
    if ((x > 0) & (t_x == 0)).any():
        raise ValueError("frequency > 0 with recency 0: a repeat purchase needs recency > 0")
    if ((x == 0) & (t_x > 0)).any():
        raise ValueError("frequency 0 with recency > 0: recency must be 0 without repeat purchase")
    return x, t_x, age


def _horizon(t: object) -> np.ndarray:
    """Check a future duration t (number or array), >= 0."""
    duration = _array(t, "t")
    if (duration < 0).any():
        raise ValueError("t (future duration) contains negative values")
    return duration


# --- data ------------------------------------------------------------------------


def purchase_summary(
    transactions: pd.DataFrame,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
    *,
    calibration_end: object = None,
    observation_end: object = None,
    time_unit: str = "weeks",
) -> pd.DataFrame:
    """One row per customer with the frequency, recency, age and spend the models need.

    Takes a transaction log (one row per purchase line) and returns the
    table of sufficient statistics (x, t_x, T) of Fader, Hardie & Lee (2005a),
    with the conventions of the ``lifetimes`` and ``pymc-marketing`` libraries.
    Purchases are counted by calendar day: several lines of one customer on
    the same day make one purchase, whose value is their sum.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The log; ``customer``, ``date`` (timezone-naive datetime64) and
        ``amount`` (numbers ≥ 0) name its columns.
    customer, date : str
        Column names of the customer id and of the purchase date.
    amount : str or None
        Column name of the purchase value; ``None`` leaves out the monetary columns.
    calibration_end : date-like, optional
        Last day of the calibration period. If given, the days after it, up to
        ``observation_end``, form the holdout period and the holdout columns are
        added. Customers whose first purchase is after it are left out.
    observation_end : date-like, optional
        Last day observed; default: the date of the last purchase of the log. A
        purchase after it raises ``ValueError``.
    time_unit : {"weeks", "days"}
        Unit of ``recency``, ``T`` and ``duration_holdout``: days, or weeks of
        7 days (day counts divided by 7, not calendar weeks).

    Returns
    -------
    pandas.DataFrame
        Indexed by customer id (sorted), columns:

        * ``frequency`` (int): number of repeat purchases in the calibration
          period, i.e. distinct purchase days − 1;
        * ``recency`` (float): time from the first to the last purchase of the
          calibration period (0 without repeat purchase);
        * ``T`` (float): time from the first purchase to the end of the
          calibration period (to ``observation_end`` without calibration end);
        * ``monetary`` (float): mean value of the repeat purchases of the
          calibration period, the first purchase excluded (0 without repeat);
        * with ``calibration_end`` only: ``frequency_holdout`` (int, number of
          purchase days in the holdout period), ``monetary_holdout`` (float,
          their mean value, 0 without purchase) and ``duration_holdout``
          (float, length of the holdout period, the same for every customer).

    Raises
    ------
    ValueError
        Missing column, empty log, missing customer or date, timezone-aware
        dates, negative or missing amount, purchase after ``observation_end``,
        calibration end not before ``observation_end``, no customer bought by
        the calibration end, unknown ``time_unit``.
    TypeError
        Date column that is not datetime64, amount column that is not numeric,
        ``time_unit`` or a column name that is not a string.
    """
    if not isinstance(time_unit, str):
        raise TypeError(f"time_unit must be a string, got {time_unit!r}")
    if time_unit not in TIME_UNITS:
        raise ValueError(f"time_unit must be one of {sorted(TIME_UNITS)}, got {time_unit!r}")
    for name, value in (("customer", customer), ("date", date)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a column name (str), got {value!r}")
    if amount is not None and not isinstance(amount, str):
        raise TypeError(f"amount must be a column name (str) or None, got {amount!r}")
    others = [amount] if amount is not None else []
    check.require_columns(transactions, [customer, date, *others])
    if not pd.api.types.is_datetime64_any_dtype(transactions[date]):
        raise TypeError(
            f"column {date!r} must hold dates (datetime64), got dtype {transactions[date].dtype}; "
            "convert it with pandas.to_datetime"
        )
    if amount is not None and (
        pd.api.types.is_bool_dtype(transactions[amount])
        or not pd.api.types.is_numeric_dtype(transactions[amount])
    ):
        raise TypeError(
            f"column {amount!r} must be numeric, got dtype {transactions[amount].dtype}"
        )
    customers, days = check.transaction_days(transactions, customer, date, other_columns=others)
    if amount is not None:
        values = check.numeric_values(transactions[amount], f"column {amount!r}", nonnegative=True)
    else:
        values = np.zeros(len(days))

    end = (
        int(days.max())
        if observation_end is None
        else check.day_number(observation_end, "observation_end")
    )
    check.not_after(days, end)
    cal_end = (
        end if calibration_end is None else check.day_number(calibration_end, "calibration_end")
    )
    if calibration_end is not None and cal_end >= end:
        raise ValueError("calibration_end must be before observation_end (empty holdout period)")

    # one purchase per customer and calendar day, its value the sum of the lines
    daily = (
        pd.DataFrame({"customer": customers, "day": days, "value": values})
        .groupby(["customer", "day"], sort=True)["value"]
        .sum()
        .reset_index()
    )
    first = daily.groupby("customer")["day"].transform("min")
    daily = daily[first <= cal_end].assign(first=first[first <= cal_end])
    if daily.empty:
        raise ValueError("no customer made a first purchase by the calibration end")
    unit = TIME_UNITS[time_unit]
    calibration = daily[daily["day"] <= cal_end]
    repeat = calibration[calibration["day"] > calibration["first"]]
    grouped = calibration.groupby("customer")
    summary = pd.DataFrame(
        {
            "frequency": grouped["day"].size() - 1,
            "recency": (grouped["day"].max() - grouped["first"].min()) / unit,
            "T": (cal_end - grouped["first"].min()) / unit,
        }
    )
    if amount is not None:
        summary["monetary"] = repeat.groupby("customer")["value"].mean()
        summary["monetary"] = summary["monetary"].fillna(0.0)
    if calibration_end is not None:
        holdout = daily[daily["day"] > cal_end].groupby("customer")["value"]
        summary["frequency_holdout"] = holdout.size()
        summary["frequency_holdout"] = summary["frequency_holdout"].fillna(0).astype("int64")
        if amount is not None:
            summary["monetary_holdout"] = holdout.mean()
            summary["monetary_holdout"] = summary["monetary_holdout"].fillna(0.0)
        summary["duration_holdout"] = (end - cal_end) / unit
    summary["frequency"] = summary["frequency"].astype("int64")
    summary.index.name = customer
    return summary


# --- BG/NBD ----------------------------------------------------------------------


@dataclass(frozen=True)
class BGNBDFit:
    """Fitted BG/NBD model (Fader, Hardie & Lee, 2005a).

    Purchase rates λ follow a gamma(r, α) distribution across customers (α in
    the time unit of the data), the probability p of becoming inactive after a
    purchase a beta(a, b) distribution. ``log_likelihood`` is the maximised
    log-likelihood of the ``n_customers`` customers, ``iterations``
    the optimiser's iteration count.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = float("nan")
    n_customers: int = 0
    iterations: int = 0

    def __post_init__(self) -> None:
        for name in ("r", "alpha", "a", "b"):
            _scalar(getattr(self, name), name, positive=True)


def _bgnbd_params(params: object) -> tuple[float, float, float, float]:
    if not isinstance(params, BGNBDFit):
        raise TypeError(f"params must be a BGNBDFit, got {type(params).__name__}")
    return params.r, params.alpha, params.a, params.b


def _bgnbd_log_likelihoods(
    r: float, alpha: float, a: float, b: float, x: np.ndarray, t_x: np.ndarray, age: np.ndarray
) -> np.ndarray:
    """Log-likelihood of each customer, computed in logs (see bgnbd_log_likelihood)."""
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    still_alive = betaln(a, b + x) - (r + x) * np.log(alpha + age)
    repeat = x > 0
    dropped_out = np.full_like(x, -np.inf)
    dropped_out[repeat] = betaln(a + 1, b + x[repeat] - 1) - (r + x[repeat]) * np.log(
        alpha + t_x[repeat]
    )
    return common + np.logaddexp(still_alive, dropped_out)


def bgnbd_log_likelihood(params: BGNBDFit, frequency: object, recency: object, T: object) -> float:
    """Total BG/NBD log-likelihood of a set of customers under given parameters.

    Takes parameters (a :class:`BGNBDFit`, e.g. ``BGNBDFit(r=0.243, alpha=4.414,
    a=0.793, b=2.426)``) and each customer's ``frequency`` x, ``recency`` t_x and
    age ``T``; returns the sum over customers of the log of the likelihood of
    a randomly chosen customer with history (x, t_x, T) given by Fader, Hardie
    & Lee (2005a)::

        L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
            + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))

    evaluated with ``gammaln``, ``betaln`` and ``logaddexp`` (no overflow for
    large x).

    Raises
    ------
    TypeError
        Non-numeric input or ``params`` not a :class:`BGNBDFit`.
    ValueError
        Arrays of different lengths, negative or non-integer frequency,
        negative recency or T, recency > T, frequency > 0 with recency 0,
        frequency 0 with recency > 0.
    """
    r, alpha, a, b = _bgnbd_params(params)
    x, t_x, age = _rfm_arrays(frequency, recency, T)
    return float(_bgnbd_log_likelihoods(r, alpha, a, b, x, t_x, age).sum())


def fit_bgnbd(
    frequency: object,
    recency: object,
    T: object,
    *,
    initial: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0),
    max_iterations: int = 20_000,
) -> BGNBDFit:
    """Maximum-likelihood estimate of the BG/NBD model (Fader, Hardie & Lee, 2005a).

    Takes each customer's ``frequency`` (repeat purchases), ``recency`` and age
    ``T`` in one time unit (e.g. the columns of :func:`purchase_summary`) and
    returns a :class:`BGNBDFit` with r, α, a, b, the maximised log-likelihood
    and the iteration count.

    The negative of that log-likelihood is minimised over the logarithms of the four
    parameters (so that they stay positive) with SciPy's Nelder–Mead simplex,
    from ``initial`` = (r, α, a, b), with tight tolerances.

    Parameters
    ----------
    frequency, recency, T : array-like of numbers
        One value per customer (a single number counts for every customer);
        recency and T in the same unit.
    initial : tuple of 4 positive floats
        Starting point (r, α, a, b).
    max_iterations : int
        Iteration budget of the optimiser.

    Raises
    ------
    TypeError, ValueError
        Bad input, as :func:`bgnbd_log_likelihood`; bad ``initial`` or ``max_iterations``.
    ConvergenceError
        The optimiser stops without converging (budget exhausted) or ends on a
        non-finite likelihood.

    Examples
    --------
    On the CDNOW sample (2,357 customers, 39 weeks of calibration) the fit gives
    r ≈ 0.243, α ≈ 4.414, a ≈ 0.793, b ≈ 2.426 and a log-likelihood ≈ −9,582.4,
    the values published by Fader, Hardie & Lee (2005a).
    """
    x, t_x, age = _rfm_arrays(frequency, recency, T)
    start = _start(initial, 4)
    budget = check.integer_in_range(max_iterations, "max_iterations", 1)

    def objective(log_params: np.ndarray) -> float:
        r, alpha, a, b = np.exp(log_params)
        value = -_bgnbd_log_likelihoods(r, alpha, a, b, x, t_x, age).sum()
        return value if np.isfinite(value) else np.inf

    params, log_likelihood, iterations = _maximise(objective, start, budget, "BG/NBD")
    r, alpha, a, b = (float(value) for value in params)
    return BGNBDFit(r, alpha, a, b, log_likelihood, len(x), iterations)


def _start(initial: object, size: int) -> np.ndarray:
    if not isinstance(initial, tuple | list) or len(initial) != size:
        raise TypeError(f"initial must be a tuple of {size} numbers, got {initial!r}")
    return np.log([_scalar(value, "initial value", positive=True) for value in initial])


def _maximise(
    objective, start: np.ndarray, budget: int, model: str
) -> tuple[np.ndarray, float, int]:
    """Minimise ``objective`` over log-parameters; raise ConvergenceError unless it converges."""
    result = minimize(
        objective,
        start,
        method="Nelder-Mead",
        options={"maxiter": budget, "maxfev": 2 * budget, "xatol": 1e-9, "fatol": 1e-9},
    )
    if not result.success:
        raise ConvergenceError(f"the {model} fit did not converge: {result.message}")
    if not np.isfinite(result.fun) or not np.isfinite(result.x).all():
        raise ConvergenceError(f"the {model} fit ended on a non-finite likelihood")
    params = np.exp(result.x)
    if not np.isfinite(params).all() or (params <= 0).any():
        raise ConvergenceError(f"the {model} fit ended on degenerate parameters {params}")
    return params, float(-result.fun), int(result.nit)


def bgnbd_unconditional_purchases(params: BGNBDFit, t: object) -> np.ndarray:
    """Expected number of repeat purchases E[X(t)] of a new customer in a period of length t.

    Takes BG/NBD parameters and one or several durations ``t`` ≥ 0 (time unit of
    the fit) and returns an array of the same length: equation (9) of Fader,
    Hardie & Lee (2005a),

        E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].

    Summed over customers at their own ages, it draws the tracking curve of
    cumulative repeat purchases.

    Raises
    ------
    TypeError, ValueError
        Non-numeric or negative ``t``; ``a`` = 1 (the formula needs a ≠ 1).
    """
    r, alpha, a, b = _bgnbd_params(params)
    if a == 1:
        raise ValueError("equation (9) needs a != 1")
    t = _horizon(t)
    hyp = hyp2f1(r, b, a + b - 1, t / (alpha + t))
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp)


def _alive_odds(
    r: float, alpha: float, a: float, b: float, x: np.ndarray, t_x: np.ndarray, age: np.ndarray
) -> np.ndarray:
    """δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), in logs then exponentiated."""
    odds = np.zeros_like(x)
    repeat = x > 0
    xr = x[repeat]
    log_odds = (
        np.log(a)
        - np.log(b + xr - 1)
        + (r + xr) * (np.log(alpha + age[repeat]) - np.log(alpha + t_x[repeat]))
    )
    odds[repeat] = np.exp(log_odds)
    return odds


def bgnbd_probability_alive(
    params: BGNBDFit, frequency: object, recency: object, T: object
) -> np.ndarray:
    """Probability that each customer is still active ("alive") at age T.

    Takes BG/NBD parameters and each customer's ``frequency``, ``recency`` and
    ``T``; returns an array of probabilities in (0, 1]:

        P(alive | x, t_x, T) = 1 / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]

    (Fader, Hardie & Lee, 2005a, the denominator of equation 10; derived in
    their note "Computing P(alive) using the BG/NBD model", 2008). A customer
    without repeat purchase gets 1: in the BG/NBD, a customer can only drop out
    just after a purchase.

    Raises
    ------
    TypeError, ValueError
        As :func:`bgnbd_log_likelihood`.
    """
    r, alpha, a, b = _bgnbd_params(params)
    x, t_x, age = _rfm_arrays(frequency, recency, T)
    return 1 / (1 + _alive_odds(r, alpha, a, b, x, t_x, age))


def bgnbd_expected_purchases(
    params: BGNBDFit, t: object, frequency: object, recency: object, T: object
) -> np.ndarray:
    """Expected number of purchases of each customer in the next t time units.

    Takes BG/NBD parameters, a future duration ``t`` (a number, or one per
    customer) and each customer's ``frequency``, ``recency``, ``T``; returns the
    conditional expectation E[Y(t) | x, t_x, T], equation (10) of Fader, Hardie
    & Lee (2005a):

        (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
        / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]

    Raises
    ------
    TypeError, ValueError
        As :func:`bgnbd_log_likelihood`; negative ``t``; ``t`` whose length is
        neither 1 nor the number of customers; a = 1.
    """
    r, alpha, a, b = _bgnbd_params(params)
    if a == 1:
        raise ValueError("equation (10) needs a != 1")
    x, t_x, age = _rfm_arrays(frequency, recency, T)
    t = _horizon(t)
    if len(t) not in (1, len(x)):
        raise ValueError(f"t must be one number or one per customer ({len(x)}), got {len(t)}")
    z = t / (alpha + age + t)
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, z)
    growth = 1 - ((alpha + age) / (alpha + age + t)) ** (r + x) * hyp
    return (a + b + x - 1) / (a - 1) * growth / (1 + _alive_odds(r, alpha, a, b, x, t_x, age))


# --- Gamma-Gamma -----------------------------------------------------------------


@dataclass(frozen=True)
class GammaGammaFit:
    """Fitted Gamma-Gamma spend model (Fader, Hardie & Lee, 2005b; Fader & Hardie, 2013).

    A customer's transaction values are gamma(p, ν) distributed; ν varies
    across customers as gamma(q, γ). ``log_likelihood`` is the maximised
    log-likelihood of the ``n_customers`` customers with repeat purchases.
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float = float("nan")
    n_customers: int = 0
    iterations: int = 0

    def __post_init__(self) -> None:
        for name in ("p", "q", "gamma"):
            _scalar(getattr(self, name), name, positive=True)

    @property
    def mean_spend(self) -> float:
        """Population mean spend per transaction, p·γ/(q−1) (infinite if q ≤ 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")


def _spend_arrays(frequency: object, monetary: object) -> tuple[np.ndarray, np.ndarray]:
    x, z = _same_length(
        frequency=_array(frequency, "frequency"), monetary=_array(monetary, "monetary")
    )
    if (x < 0).any() or (x != np.round(x)).any():
        raise ValueError("frequency must hold whole numbers >= 0 (repeat purchases)")
    if (z < 0).any():
        raise ValueError("monetary contains negative values")
    if ((x > 0) & (z == 0)).any():
        raise ValueError("monetary must be > 0 for customers with frequency > 0")
    return x, z


def _gamma_gamma_log_likelihoods(
    p: float, q: float, gamma: float, x: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Log of equation (1a) of Fader & Hardie (2013) for customers with x > 0."""
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + (px - 1) * np.log(z)
        + px * np.log(x)
        - (px + q) * np.log(gamma + x * z)
    )


def gamma_gamma_log_likelihood(params: GammaGammaFit, frequency: object, monetary: object) -> float:
    """Gamma-Gamma log-likelihood of the customers with at least one repeat purchase.

    Takes parameters p, q, γ (a :class:`GammaGammaFit`) and each customer's
    ``frequency`` x and mean repeat spend ``monetary`` z̄; returns the sum, over
    the customers with x > 0, of the log of the density of z̄ (Fader & Hardie,
    2013, equation 1a):

        f(z̄ | p, q, γ; x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q).

    Customers with x = 0 carry no spend information and are skipped.

    Raises
    ------
    TypeError, ValueError
        Non-numeric input, different lengths, negative or non-integer frequency,
        negative monetary, monetary 0 with frequency > 0, no customer with x > 0.
    """
    if not isinstance(params, GammaGammaFit):
        raise TypeError(f"params must be a GammaGammaFit, got {type(params).__name__}")
    x, z = _spend_arrays(frequency, monetary)
    keep = x > 0
    if not keep.any():
        raise ValueError("no customer with frequency > 0: the spend model has no data")
    terms = _gamma_gamma_log_likelihoods(params.p, params.q, params.gamma, x[keep], z[keep])
    return float(terms.sum())


def fit_gamma_gamma(
    frequency: object,
    monetary: object,
    *,
    initial: tuple[float, float, float] = (1.0, 1.0, 1.0),
    max_iterations: int = 20_000,
) -> GammaGammaFit:
    """Maximum-likelihood estimate of the Gamma-Gamma spend model.

    Takes each customer's ``frequency`` (repeat purchases) and ``monetary``
    (mean value of the repeat purchases), e.g. the columns of
    :func:`purchase_summary`; keeps the customers with frequency > 0 and
    returns a :class:`GammaGammaFit` with p, q, γ, the maximised log-likelihood
    (sum of the logs of equation 1a of Fader & Hardie, 2013) and the number of
    customers used. The optimiser works as in :func:`fit_bgnbd`.

    The model assumes that a customer's spend does not depend on his purchase
    frequency: check that the correlation between frequency and monetary is
    low before using it.

    Raises
    ------
    TypeError, ValueError
        Bad input, as :func:`gamma_gamma_log_likelihood`.
    ConvergenceError
        The optimiser stops without converging.

    Examples
    --------
    On the 946 CDNOW sample customers with a repeat purchase in the 39-week
    calibration period the fit gives p ≈ 6.25, q ≈ 3.74, γ ≈ 15.44
    (Fader & Hardie, 2013).
    """
    x, z = _spend_arrays(frequency, monetary)
    keep = x > 0
    if not keep.any():
        raise ValueError("no customer with frequency > 0: the spend model has no data")
    x, z = x[keep], z[keep]
    start = _start(initial, 3)
    budget = check.integer_in_range(max_iterations, "max_iterations", 1)

    def objective(log_params: np.ndarray) -> float:
        p, q, gamma = np.exp(log_params)
        value = -_gamma_gamma_log_likelihoods(p, q, gamma, x, z).sum()
        return value if np.isfinite(value) else np.inf

    params, log_likelihood, iterations = _maximise(objective, start, budget, "Gamma-Gamma")
    p, q, gamma = (float(value) for value in params)
    return GammaGammaFit(p, q, gamma, log_likelihood, len(x), iterations)


def gamma_gamma_expected_spend(
    params: GammaGammaFit, frequency: object, monetary: object
) -> np.ndarray:
    """Expected mean spend per future transaction of each customer.

    Takes Gamma-Gamma parameters and each customer's ``frequency`` x and
    ``monetary`` z̄; returns equation (5) of Fader & Hardie (2013):

        E[M | p, q, γ, x, z̄] = p (γ + x z̄) / (p x + q − 1)
                            = w · p γ/(q − 1) + (1 − w) · z̄,  w = (q − 1)/(p x + q − 1),

    a weighted mean of the population mean p γ/(q−1) and of the customer's own
    mean z̄; a customer without repeat purchase (x = 0) gets the population mean.

    Raises
    ------
    TypeError, ValueError
        As :func:`gamma_gamma_log_likelihood`; q ≤ 1 (the mean spend is infinite).
    """
    if not isinstance(params, GammaGammaFit):
        raise TypeError(f"params must be a GammaGammaFit, got {type(params).__name__}")
    if params.q <= 1:
        raise ValueError(f"the expected spend needs q > 1, got q = {params.q}")
    x, z = _spend_arrays(frequency, monetary)
    return params.p * (params.gamma + x * z) / (params.p * x + params.q - 1)


# --- CLV -------------------------------------------------------------------------


def expected_clv(
    purchases: BGNBDFit,
    spend: GammaGammaFit,
    summary: pd.DataFrame,
    *,
    margin: float,
    discount_rate: float,
    periods: int,
    period_length: float = 1.0,
) -> pd.Series:
    """Expected CLV of each customer over a horizon, from the BG/NBD and the Gamma-Gamma.

    Takes the two fitted models and a :func:`purchase_summary` table (columns
    ``frequency``, ``recency``, ``T``, ``monetary``); returns a Series of present
    values, one per customer (same index), in the currency of ``monetary``.

    The future is cut into ``periods`` periods of ``period_length`` time units
    (e.g. 1 week, or 52/12 weeks for a month). With E[Y(t)] the BG/NBD
    conditional expectation (:func:`bgnbd_expected_purchases`), E[M] the
    Gamma-Gamma expected spend (:func:`gamma_gamma_expected_spend`), m the
    ``margin`` rate and d the ``discount_rate`` per period::

        CLV = Σ_{k=1..n} m · E[M] · (E[Y(k·Δ)] − E[Y((k−1)·Δ)]) / (1 + d)^k

    i.e. the purchases expected during period k are discounted as if they were
    all made at its end (the discrete approximation of Fader, Hardie & Lee,
    2005b, who discount continuously). Spend and purchases are independent
    by assumption of the Gamma-Gamma model, hence the product of expectations.

    Parameters
    ----------
    margin : float
        Share of the spend kept as margin, in [0, 1] (e.g. 0.3).
    discount_rate : float
        Discount rate per period, ≥ 0 (an annual 10 % is 1.1**(1/52) − 1 a week).
    periods : int
        Number of periods n ≥ 1.
    period_length : float
        Length Δ of a period in the time unit of the summary, > 0.

    Raises
    ------
    TypeError, ValueError
        Bad models, summary or arguments (as the functions it calls; margin
        outside [0, 1], negative discount rate, periods < 1, period_length ≤ 0).
    """
    if not isinstance(summary, pd.DataFrame):
        raise TypeError(f"summary must be a DataFrame, got {type(summary).__name__}")
    check.require_columns(summary, ["frequency", "recency", "T", "monetary"])
    m = _scalar(margin, "margin")
    if not 0 <= m <= 1:
        raise ValueError(f"margin is a share of the spend, in [0, 1], got {m}")
    d = _scalar(discount_rate, "discount_rate")
    if d < 0:
        raise ValueError(f"discount_rate must be >= 0, got {d}")
    if isinstance(periods, bool) or not isinstance(periods, Integral):
        raise TypeError(f"periods must be an integer, got {periods!r}")
    n = check.integer_in_range(periods, "periods", 1)
    step = _scalar(period_length, "period_length", positive=True)
    frequency, recency, age = summary["frequency"], summary["recency"], summary["T"]
    cumulative = np.column_stack(
        [np.zeros(len(summary))]
        + [
            bgnbd_expected_purchases(purchases, k * step, frequency, recency, age)
            for k in range(1, n + 1)
        ]
    )
    discount = (1 + d) ** -np.arange(1, n + 1)
    discounted_purchases = np.diff(cumulative, axis=1) @ discount
    value = gamma_gamma_expected_spend(spend, frequency, summary["monetary"])
    return pd.Series(m * value * discounted_purchases, index=summary.index, name="clv")
