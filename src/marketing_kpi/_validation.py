"""Input checks shared by every module of :mod:`marketing_kpi`.

Each function takes a value supplied by the user and either returns it in a
normalised form (NumPy array, integer day number...) or raises an error whose
message names the offending argument or column: :class:`InputTypeError` (a
``TypeError``) for a value of the wrong type, ``ValueError`` for a value of the
right type that is out of range or inconsistent. They are vectorised so that
checking a million-row log costs a few milliseconds.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from numbers import Integral, Real
from typing import TypeAlias

import numpy as np
import pandas as pd

DateLike: TypeAlias = str | datetime.date | pd.Timestamp | np.datetime64
"""What a date argument accepts: ``"2025-01-31"``, a ``datetime.date``/``datetime``, a Timestamp."""

Period: TypeAlias = tuple[DateLike, DateLike]
"""A ``(start, end)`` pair of dates, both inclusive."""


class InputTypeError(TypeError, ValueError):
    """A value of the wrong type (a string for a number, a list for a DataFrame...).

    It is a ``TypeError``; it also derives from ``ValueError`` so that code written
    when the package raised ``ValueError`` for every bad input keeps working.
    """


def require_columns(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Check that ``frame`` is a non-empty DataFrame holding every name of ``columns``.

    Raises ``ValueError`` naming the missing column(s), or saying the table is empty.
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise ValueError(f"missing column(s): {', '.join(repr(m) for m in missing)}")
    if frame.empty:
        raise ValueError("the table is empty (no rows)")


def numeric_values(values: object, what: str, *, nonnegative: bool = False) -> np.ndarray:
    """Turn a 1-D array-like of numbers into a float64 NumPy array, after checking it.

    Rejects empty input, booleans, non-numeric values, NaN and infinities, and
    (with ``nonnegative=True``) negative values. ``what`` names the data in messages.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if series.empty:
        raise ValueError(f"{what} is empty")
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        raise InputTypeError(f"{what} must be numeric (got dtype {series.dtype})")
    array = series.to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(array).any():
        raise ValueError(f"{what} contains NaN or missing values")
    if not np.isfinite(array).all():
        raise ValueError(f"{what} contains infinite values")
    if nonnegative and (array < 0).any():
        raise ValueError(f"{what} contains negative values")
    return array


def no_missing(series: pd.Series, what: str) -> None:
    """Raise ``ValueError`` if ``series`` has a NaN / None / NaT entry."""
    if series.isna().any():
        raise ValueError(f"{what} contains NaN or missing values")


def day_numbers(series: pd.Series, what: str) -> np.ndarray:
    """Calendar day of each timestamp of a naive datetime64 column, as int64 days since 1970-01-01.

    The time of day is dropped (floor to midnight), so two purchases on the same
    calendar day get the same number. Rejects non-datetime and timezone-aware
    columns and missing dates (NaT).
    """
    if not pd.api.types.is_datetime64_dtype(series) or isinstance(series.dtype, pd.DatetimeTZDtype):
        raise InputTypeError(
            f"{what} must have a timezone-naive datetime64 dtype (got {series.dtype}); "
            "convert it with pandas.to_datetime"
        )
    no_missing(series, what)
    return series.to_numpy().astype("datetime64[D]").view("int64")


def day_number(value: object, what: str) -> int:
    """Calendar day of a date-like value (``str``, ``Timestamp``...), in days since 1970-01-01."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{what} is not a date: {value!r}") from error
    if pd.isna(stamp):
        raise ValueError(f"{what} is missing (NaT)")
    if stamp.tzinfo is not None:
        raise ValueError(f"{what} must be timezone-naive, like the transaction dates")
    return int(np.datetime64(stamp.to_datetime64(), "D").view("int64"))


def day_range(period: object, what: str) -> tuple[int, int]:
    """Check a ``(start, end)`` pair of dates and return it as inclusive day numbers."""
    if not isinstance(period, tuple | list):
        raise InputTypeError(f"{what} must be a (start, end) pair of dates, got {period!r}")
    if len(period) != 2:
        raise ValueError(f"{what} must be a (start, end) pair of dates, got {period!r}")
    start = day_number(period[0], f"{what} start")
    end = day_number(period[1], f"{what} end")
    if start > end:
        raise ValueError(f"{what}: start {period[0]} is after end {period[1]}")
    return start, end


def not_after(days: np.ndarray, as_of_day: int, what: str = "as_of") -> None:
    """Raise ``ValueError`` if a purchase day is later than the reference day ``what``."""
    latest = int(days.max())
    if latest > as_of_day:
        last = np.datetime64(latest, "D")
        raise ValueError(f"purchases dated after {what} (latest purchase on {last})")


def count(value: object, what: str) -> int:
    """Check that ``value`` is a non-negative ``int`` or NumPy integer (not ``bool``)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InputTypeError(f"{what} must be an integer, got {value!r}")
    if value < 0:
        raise ValueError(f"{what} must be non-negative, got {value}")
    return int(value)


def number(value: object, what: str) -> float:
    """Check that ``value`` is a finite real number (not ``bool``) and return it as ``float``."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputTypeError(f"{what} must be a finite number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return float(value)


def formattable(value: object, decimals: object) -> float:
    """Check a number and a count of decimals for the formatters of :mod:`marketing_kpi.display`.

    ``value`` must be a finite real number (not ``bool``); ``decimals`` an ``int`` ≥ 0.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputTypeError(f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise InputTypeError(f"decimals must be an integer >= 0, got {decimals!r}")
    if decimals < 0:
        raise ValueError(f"decimals must be an integer >= 0, got {decimals!r}")
    return float(value)


def share(value: object, what: str) -> float:
    """Check that ``value`` is a number in [0, 1] (a share, a rate) and return it as ``float``."""
    rate = number(value, what)
    if not 0 <= rate <= 1:
        raise ValueError(f"{what} must be between 0 and 1, got {rate}")
    return rate


def confidence_level(value: object) -> float:
    """Check a confidence level: a number strictly between 0 and 1 (0.95 for 95 %)."""
    level = number(value, "confidence")
    if not 0 < level < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {level}")
    return level


def retention(value: object) -> float:
    """Check a retention rate for lifetime and CLV formulas: a number in [0, 1)."""
    rate = number(value, "retention")
    if not 0 <= rate < 1:
        raise ValueError(f"retention must be in [0, 1), got {rate}")
    return rate


def integer_in_range(value: object, what: str, low: int, high: int | None = None) -> int:
    """Check that ``value`` is an integer in ``[low, high]`` (``high=None``: no upper bound)."""
    bound = f"between {low} and {high}" if high is not None else f">= {low}"
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InputTypeError(f"{what} must be an integer {bound}, got {value!r}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{what} must be an integer {bound}, got {value!r}")
    return int(value)


def transaction_days(
    transactions: pd.DataFrame, customer: str, date: str, *, other_columns: Iterable[str] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Check the customer and date columns of a transaction log and return them as arrays.

    Returns ``(customers, days)``: the customer ids (no missing value allowed) and the
    calendar day of each purchase as int64 days since 1970-01-01 (see :func:`day_numbers`).
    ``other_columns`` are only checked for presence, so that a missing column is reported
    before any value is read.
    """
    require_columns(transactions, [customer, date, *other_columns])
    no_missing(transactions[customer], f"column {customer!r}")
    days = day_numbers(transactions[date], f"column {date!r}")
    return transactions[customer].to_numpy(), days
