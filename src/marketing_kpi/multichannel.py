"""Multichannel segmentation: the course's ABCD matrix crossing online clicks and purchases."""

from __future__ import annotations

import numpy as np
import pandas as pd

from marketing_kpi import _validation as check

ABCD_SEGMENTS = ("A", "B", "C", "D")
"""Categories of :func:`abcd_matrix`."""


def abcd_matrix(
    clicks: pd.Series,
    purchases: pd.Series,
    *,
    click_threshold: float = 1,
    purchase_threshold: float = 1,
) -> pd.Series:
    """ABCD segment of each customer from their clicks and purchases over the same period.

    Parameters
    ----------
    clicks : pandas.Series
        Clicks (on e-mails, ads or the site) per customer, numeric ≥ 0, index = customer id.
    purchases : pandas.Series
        Purchases per customer (a count or an amount), numeric ≥ 0, with exactly
        the same index as ``clicks`` (same ids, same order).
    click_threshold, purchase_threshold : float
        A customer "clicks" if ``clicks >= click_threshold`` and "buys" if
        ``purchases >= purchase_threshold``. Both > 0; default 1.

    Returns
    -------
    pandas.Series
        Categorical named ``segment`` with categories ``A``, ``B``, ``C``, ``D``,
        same index as the inputs:

        * A: clicks but does not buy (interested, not converted);
        * B: clicks and buys;
        * C: neither clicks nor buys (inactive);
        * D: buys without clicking (converts through another channel).

    Raises
    ------
    TypeError
        Not Series, or non-numeric values.
    ValueError
        Different indexes, empty, missing, non-numeric or negative
        values, or a threshold that is not a positive number.

    References
    ----------
    ABCD matrix of the course chapter on multichannel marketing.
    """
    if not isinstance(clicks, pd.Series) or not isinstance(purchases, pd.Series):
        raise check.InputTypeError("clicks and purchases must be pandas Series indexed by customer")
    if not clicks.index.equals(purchases.index):
        raise ValueError(
            "clicks and purchases must have the same index (same customers, same order)"
        )
    clicked = check.numeric_values(clicks, "clicks", nonnegative=True) >= _threshold(
        click_threshold, "click_threshold"
    )
    bought = check.numeric_values(purchases, "purchases", nonnegative=True) >= _threshold(
        purchase_threshold, "purchase_threshold"
    )
    codes = np.select([clicked & ~bought, clicked & bought, ~clicked & ~bought], [0, 1, 2], 3)
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=ABCD_SEGMENTS),
        index=clicks.index,
        name="segment",
    )


def _threshold(value: object, what: str) -> float:
    """Check that a threshold is a positive finite number."""
    threshold = check.number(value, what)
    if threshold <= 0:
        raise ValueError(f"{what} must be positive, got {threshold}")
    return threshold
