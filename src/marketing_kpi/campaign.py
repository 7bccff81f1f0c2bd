"""Campaign analytics: attribution window, funnel, costs, uplift against a control group.

One attribution rule throughout (:func:`attribute_orders`): an order is
attributed to a contact if it is placed on the contact's day or within the
``window_days − 1`` following days; when several contacts qualify, the last one
before the order wins (last touch). The funnel counts distinct customers at
each stage, « ciblés → délivrés → ouverts → cliqueurs → acheteurs », never
adding up the audiences of several channels. The effect of a campaign is the
**uplift**: response rate of the targeted group minus that of a random control
group that received nothing (:func:`uplift`).
"""

from __future__ import annotations

import math
import warnings
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd

from marketing_kpi import _validation as check

MIN_ORDERS = 30
"""Below this many orders (or buyers) a rate is too unstable to compare: a warning is issued."""

FUNNEL_STAGES = ("ciblés", "délivrés", "ouverts", "cliqueurs", "acheteurs")
"""Stages of :func:`campaign_funnel`, in order. Opens are indicative only: since
Apple Mail Privacy Protection (2021), many opens are recorded by the mail
client itself, without the reader."""

ALL_CHANNELS = "campagne (clients distincts)"
"""Column of :func:`campaign_funnel` counting each customer once, whatever their channels."""


def _small_sample(count: int, what: str) -> None:
    if count < MIN_ORDERS:
        warnings.warn(
            f"{what} rests on {count} orders or buyers (fewer than {MIN_ORDERS}): "
            "too few to compare it with another rate",
            stacklevel=3,
        )


def rate(part: int, whole: int, what: str = "rate") -> float:
    """``part / whole`` for a response or conversion rate, warning below :data:`MIN_ORDERS`.

    Parameters
    ----------
    part : int
        Buyers, orders, clickers… (0 ≤ part ≤ whole).
    whole : int
        The base: contacts, delivered messages, clickers… (> 0).
    what : str
        Name of the rate, for the warning message.

    Returns
    -------
    float
        A share in [0, 1]. Issues a :class:`UserWarning` if ``part`` < 30.

    Raises
    ------
    TypeError
        Counts that are not integers.
    ValueError
        Negative counts, ``whole`` = 0 or ``part`` > ``whole``.
    """
    numerator, base = check.count(part, "part"), check.count(whole, "whole")
    if base == 0:
        raise ValueError(f"{what}: the base (whole) must be positive")
    if numerator > base:
        raise ValueError(f"{what}: part ({numerator}) exceeds whole ({base})")
    _small_sample(numerator, what)
    return numerator / base


def attribute_orders(
    orders: pd.DataFrame,
    contacts: pd.DataFrame,
    window_days: int = 30,
    *,
    customer: str = "customer_id",
    date: str = "date",
    contact_date: str = "send_date",
    channel: str = "channel",
) -> pd.DataFrame:
    """Attribute each order to the last contact that precedes it within the window (last touch).

    Rule: an order placed on day D by a customer is attributed to a contact of
    that customer sent on day S if ``0 <= D − S < window_days`` (the send day
    counts: with 30 days, the window is the send day and the 29 following
    days). Among several qualifying contacts, the most recent one wins; two
    contacts the same day: the one listed last in ``contacts``. Dates are
    compared by calendar day.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order, with customer and datetime64 date columns (any other
        column, e.g. amount and margin, is kept).
    contacts : pandas.DataFrame
        One row per contact actually made (filter out undelivered ones first if
        they must not count), with customer, datetime64 ``contact_date`` and
        ``channel`` columns.
    window_days : int
        Length of the window in days, ≥ 1. Default 30.
    customer, date, contact_date, channel : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        The attributed orders only (same columns, same order as ``orders``),
        plus ``attributed_channel`` (the winning contact's channel) and
        ``contact_date`` (its day).

    Raises
    ------
    TypeError
        Not DataFrames, non-datetime dates, ``window_days`` not an integer.
    ValueError
        Missing columns, empty tables, missing values, ``window_days`` < 1.
    """
    window = check.integer_in_range(window_days, "window_days", 1)
    _, order_days = check.transaction_days(orders, customer, date)
    check.require_columns(contacts, [customer, contact_date, channel])
    contact_days = check.day_numbers(contacts[contact_date], f"column {contact_date!r}")
    check.no_missing(contacts[customer], f"column {customer!r}")
    left = pd.DataFrame(
        {"_row": np.arange(len(orders)), "_key": orders[customer].to_numpy(), "_day": order_days}
    ).sort_values(["_day", "_row"], kind="stable")
    right = pd.DataFrame(
        {
            "_key": contacts[customer].to_numpy(),
            "_day": contact_days,
            "attributed_channel": contacts[channel].to_numpy(),
            "_contact_day": contact_days,
        }
    ).sort_values("_day", kind="stable")
    matched = pd.merge_asof(
        left,
        right,
        on="_day",
        by="_key",
        direction="backward",
        tolerance=window - 1,
        allow_exact_matches=True,
    ).dropna(subset=["_contact_day"])
    matched = matched.sort_values("_row")
    result = orders.iloc[matched["_row"].to_numpy()].copy()
    result["attributed_channel"] = matched["attributed_channel"].to_numpy()
    result["contact_date"] = (
        matched["_contact_day"]
        .to_numpy()
        .astype("int64")
        .astype("datetime64[D]")
        .astype("datetime64[ns]")
    )
    return result


def campaign_funnel(
    targets: pd.Series,
    contacts: pd.DataFrame,
    attributed: pd.DataFrame,
    *,
    customer: str = "customer_id",
    channel: str = "channel",
    delivered: str = "delivered",
    opened: str = "opened",
    clicked: str = "clicked",
) -> pd.DataFrame:
    """Distinct customers at each stage « ciblés → délivrés → ouverts → cliqueurs → acheteurs ».

    Parameters
    ----------
    targets : pandas.Series
        Ids of the customers targeted (control group excluded).
    contacts : pandas.DataFrame
        One row per contact: customer, channel, and 0/1 columns ``delivered``,
        ``opened`` (missing where the channel has no opens, e.g. SMS, letters)
        and ``clicked`` (missing where it has no clicks, e.g. letters).
    attributed : pandas.DataFrame
        Output of :func:`attribute_orders` (customer and ``attributed_channel``).
    customer, channel, delivered, opened, clicked : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Index :data:`FUNNEL_STAGES`; one column per channel (customers contacted
        by it, reached, who opened, clicked, and who bought an order attributed
        to it), then :data:`ALL_CHANNELS`: the same stages counting each
        customer once, whatever their channels (a customer reached by e-mail and
        SMS is one delivered customer). NaN where a stage does not exist for a
        channel. In the ``ciblés`` row, channel columns count the customers
        contacted by the channel, the last column the whole target.
        Never add the channel columns: their audiences overlap.

    Raises
    ------
    TypeError, ValueError
        Missing columns or empty tables.
    """
    check.require_columns(contacts, [customer, channel, delivered, opened, clicked])
    check.require_columns(attributed, [customer, "attributed_channel"])
    target_ids = pd.Index(pd.Series(targets).to_numpy()).unique()
    columns = {}
    groups = [(name, group) for name, group in contacts.groupby(channel, sort=False)]
    groups.append((ALL_CHANNELS, contacts))
    for name, group in groups:
        reached = group[group[delivered] == 1]
        buyers = (
            attributed
            if name == ALL_CHANNELS
            else attributed[attributed["attributed_channel"] == name]
        )
        has_opens, has_clicks = group[opened].notna().any(), group[clicked].notna().any()
        columns[name] = [
            len(target_ids) if name == ALL_CHANNELS else group[customer].nunique(),
            reached[customer].nunique(),
            reached.loc[reached[opened] == 1, customer].nunique() if has_opens else np.nan,
            reached.loc[reached[clicked] == 1, customer].nunique() if has_clicks else np.nan,
            buyers[customer].nunique(),
        ]
    return pd.DataFrame(columns, index=pd.Index(FUNNEL_STAGES, name="etape")).astype("Int64")


def channel_costs(
    contacts: pd.DataFrame,
    costs: pd.DataFrame,
    *,
    channel: str = "channel",
    fixed_cost: str = "fixed_cost",
    cost_per_contact: str = "cost_per_contact",
) -> pd.DataFrame:
    """Fixed, variable and total cost of each channel, from its contacts and its cost table.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per contact sent (delivered or not: an undelivered letter is paid).
    costs : pandas.DataFrame
        One row per channel with its fixed cost (design, set-up, platform) and
        cost per contact (routing, print, postage), in euros.
    channel, fixed_cost, cost_per_contact : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Index = channels of ``costs``; columns ``contacts``, ``fixed_cost``,
        ``variable_cost`` (contacts × cost per contact), ``cost`` (their sum)
        and ``cost_per_contact_all_in`` (cost / contacts, fixed cost included).

    Raises
    ------
    TypeError, ValueError
        Missing columns, empty tables, non-numeric or negative costs, a channel
        of ``contacts`` missing from ``costs``.
    """
    check.require_columns(contacts, [channel])
    check.require_columns(costs, [channel, fixed_cost, cost_per_contact])
    check.numeric_values(costs[fixed_cost], "fixed_cost", nonnegative=True)
    check.numeric_values(costs[cost_per_contact], "cost_per_contact", nonnegative=True)
    unknown = set(contacts[channel]) - set(costs[channel])
    if unknown:
        raise ValueError(f"no cost for channel(s): {', '.join(sorted(map(str, unknown)))}")
    table = costs.set_index(channel)[[fixed_cost, cost_per_contact]]
    sent = contacts[channel].value_counts().reindex(table.index, fill_value=0)
    variable = sent * table[cost_per_contact]
    total = table[fixed_cost] + variable
    return pd.DataFrame(
        {
            "contacts": sent.astype("int64"),
            "fixed_cost": table[fixed_cost].astype("float64"),
            "variable_cost": variable.astype("float64"),
            "cost": total.astype("float64"),
            "cost_per_contact_all_in": (total / sent.where(sent > 0)).astype("float64"),
        }
    )


def cost_per(cost: float, count: int, what: str = "count") -> float:
    """Cost per unit: per contact, per order, per buyer or per customer acquired (CPA).

    ``cost / count``; issues a warning if ``count`` < :data:`MIN_ORDERS` (a cost
    per order over 12 orders is unstable).

    Raises
    ------
    TypeError
        Non-numeric cost or non-integer count.
    ValueError
        Negative cost or a count of 0.
    """
    amount = check.number(cost, "cost")
    if amount < 0:
        raise ValueError(f"cost must be non-negative, got {amount}")
    n = check.count(count, what)
    if n == 0:
        raise ValueError(f"{what} must be positive to compute a cost per unit")
    _small_sample(n, f"cost per {what}")
    return amount / n


def roi(margin: float, cost: float) -> float:
    """Return on investment on margin: ``(margin − cost) / cost``.

    Use the **incremental** margin (uplift × targeted × margin per buyer, see
    :func:`uplift`), not the margin of every order placed in the window: the
    latter counts purchases that would have happened anyway.

    Raises
    ------
    TypeError
        Non-numeric values.
    ValueError
        Cost ≤ 0.
    """
    m, c = check.number(margin, "margin"), check.number(cost, "cost")
    if c <= 0:
        raise ValueError(f"cost must be positive, got {c}")
    return (m - c) / c


class Uplift(NamedTuple):
    """Result of :func:`uplift` (shares, not percentages)."""

    rate_targeted: float
    """Response rate of the targeted group."""
    rate_control: float
    """Response rate of the control group."""
    uplift: float
    """``rate_targeted − rate_control``: extra responses per targeted customer."""
    margin: float
    """Half-width of the confidence interval of the uplift."""
    low: float
    """Lower bound of the interval."""
    high: float
    """Upper bound of the interval."""
    incremental: float
    """Extra responders caused by the campaign: ``uplift × targeted``."""


def uplift(
    responders_targeted: int,
    targeted: int,
    responders_control: int,
    control: int,
    confidence: float = 0.95,
) -> Uplift:
    """Uplift of a campaign against a random control group, with its Wald interval.

    uplift = p_t − p_c, where p_t = responders_targeted / targeted and
    p_c = responders_control / control. Its standard error is
    ``sqrt(p_t (1 − p_t) / n_t + p_c (1 − p_c) / n_c)`` and the interval is
    uplift ± z × se (z = 1.96 for 95 %): the Wald interval for a difference of
    two independent proportions, valid when each group has at least a few dozen
    responders and non-responders. The control group must be drawn at random
    among the customers targeted, before the campaign, and receive nothing.

    Parameters
    ----------
    responders_targeted, targeted : int
        Buyers (or orders, responders) and size of the targeted group.
    responders_control, control : int
        The same for the control group.
    confidence : float
        Confidence level, strictly between 0 and 1. Default 0.95.

    Returns
    -------
    Uplift
        ``(rate_targeted, rate_control, uplift, margin, low, high, incremental)``.
        Issues a warning if either group has fewer than :data:`MIN_ORDERS`
        responders.

    Raises
    ------
    TypeError
        Non-integer counts.
    ValueError
        Negative counts, empty groups, more responders than members.

    Examples
    --------
    4 700 targeted, 315 buyers (6.70 %); 510 in the control group, 20 buyers
    (3.92 %): uplift = 2.78 points; se = sqrt(0.067 × 0.933 / 4700 + 0.0392 ×
    0.9608 / 510) = 0.0093; 95 % interval 2.78 ± 1.83 points.

    References
    ----------
    Wald interval for a difference of two independent proportions: Agresti, A.
    (2013). *Categorical Data Analysis* (3rd ed.). Wiley.
    """
    z = NormalDist().inv_cdf(0.5 + check.confidence_level(confidence) / 2)
    rate_t = rate(responders_targeted, targeted, "response rate of the targeted group")
    rate_c = rate(responders_control, control, "response rate of the control group")
    se = math.sqrt(rate_t * (1 - rate_t) / targeted + rate_c * (1 - rate_c) / control)
    difference = rate_t - rate_c
    margin = z * se
    return Uplift(
        rate_t,
        rate_c,
        difference,
        margin,
        difference - margin,
        difference + margin,
        difference * targeted,
    )
