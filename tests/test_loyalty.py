"""Tests of marketing_kpi.loyalty: NPS, churn and retention, repurchase, lifetime, CLV."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kpi_fixtures import log

from marketing_kpi import (
    active_customers,
    churn_rate,
    clv,
    expected_lifetime,
    nps,
    nps_breakdown,
    nps_difference,
    nps_interval,
    repurchase_rate,
    retention_between,
    retention_rate,
)

FAST = settings(max_examples=60, deadline=None)

# --- NPS ------------------------------------------------------------------

SCORES = [10, 9, 9, 8, 7, 6, 3, 0, 10, 5]
# promoters (9-10): 10, 9, 9, 10 -> 4; passives (7-8): 8, 7 -> 2;
# detractors (0-6): 6, 3, 0, 5 -> 4; 10 answers in all.


def test_nps_of_balanced_answers_is_zero():
    # 4/10 promoters - 4/10 detractors = 40 - 40 = 0 points
    assert nps(SCORES) == 0.0


def test_nps_counts_passives_in_the_denominator_only():
    # [10, 10, 9, 8, 6]: 3 promoters, 1 passive, 1 detractor out of 5
    # -> 60 % - 20 % = 40 points
    assert nps([10, 10, 9, 8, 6]) == pytest.approx(40.0)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([10, 9], 100.0),  # only promoters: 100 % - 0 %
        ([0, 6, 2], -100.0),  # only detractors: 0 % - 100 %
        ([7, 8], 0.0),  # only passives: 0 % - 0 %
        (pd.Series([9, 9, 9, 0]), 50.0),  # a Series: 3/4 - 1/4 = 50 points
    ],
)
def test_nps_extremes(scores, expected):
    assert nps(scores) == pytest.approx(expected)


def test_nps_breakdown_counts_and_shares():
    table = nps_breakdown(SCORES)
    assert list(table.index) == ["Promoteurs", "Passifs", "Détracteurs"]
    # counts from the comment above SCORES: 4, 2, 4
    assert table["count"].tolist() == [4, 2, 4]
    # shares: 4/10, 2/10, 4/10
    assert table["share"].tolist() == pytest.approx([0.4, 0.2, 0.4])


@FAST
@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_is_within_bounds_and_matches_breakdown(scores):
    score = nps(scores)
    shares = nps_breakdown(scores)["share"]
    assert -100 <= score <= 100
    assert shares.sum() == pytest.approx(1.0)
    assert score == pytest.approx(100 * (shares["Promoteurs"] - shares["Détracteurs"]))


# --- churn and retention rates ------------------------------------------


def test_churn_and_retention_rates():
    # 30 customers lost out of 200 at the start: 30/200 = 0.15, retention 170/200 = 0.85
    assert churn_rate(200, 30) == pytest.approx(0.15)
    assert retention_rate(200, 30) == pytest.approx(0.85)


@pytest.mark.parametrize(
    ("start", "lost", "churn"),
    [(50, 0, 0.0), (50, 50, 1.0)],  # nobody lost: 0/50; everybody lost: 50/50
)
def test_churn_rate_bounds(start, lost, churn):
    assert churn_rate(start, lost) == churn
    assert retention_rate(start, lost) == 1 - churn


@FAST
@given(st.integers(1, 10**9).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_retention_plus_churn_is_one(counts):
    start, lost = counts
    churn = churn_rate(start, lost)
    assert 0 <= churn <= 1
    assert retention_rate(start, lost) + churn == pytest.approx(1.0)


# --- retention between two periods and repurchase, on the typed log ---------


def test_retention_between_two_quarters():
    # active in 2024Q1 (Jan 1 - Mar 31): customers 1, 2, 3, 4
    # active again in 2024Q2 (Apr 1 - Jun 30): 1 (Jun 20), 2 (Apr 2), 4 (Jun 30 at 20:00,
    # the end bound is inclusive for the whole day); 3 is not. Customer 5, new in Q2,
    # does not count. -> 3/4
    rate = retention_between(log(), ("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30"))
    assert rate == pytest.approx(0.75)


def test_active_customers_in_a_quarter():
    # 2024Q1 purchases: customer 1 (Jan 5, Feb 10), 2 (Jan 15), 3 (Feb 1), 4 (Mar 3, Mar 28)
    active = active_customers(log(), ("2024-01-01", "2024-03-31"))
    assert sorted(active) == [1, 2, 3, 4]
    # 2024Q2: 1 (Jun 20), 2 (Apr 2), 4 (Jun 30), 5 (May 5); lost from Q1 to Q2: customer 3
    q2 = active_customers(log(), ("2024-04-01", "2024-06-30"))
    assert sorted(active.difference(q2)) == [3]
    # 1 lost out of 4: the same rate as retention_between
    assert retention_rate(len(active), 1) == retention_between(
        log(), ("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30")
    )


def test_retention_between_with_nobody_back():
    # 2023Q4: only customer 6 (Nov 20), who buys nothing in 2024Q1 -> 0/1
    rate = retention_between(log(), ("2023-10-01", "2023-12-31"), ("2024-01-01", "2024-03-31"))
    assert rate == 0.0


def test_retention_between_uses_the_column_names_given():
    renamed = log().rename(columns={"customer_id": "client", "date": "jour"})
    # same computation as test_retention_between_two_quarters: 3/4
    rate = retention_between(
        renamed,
        ("2024-01-01", "2024-03-31"),
        ("2024-04-01", "2024-06-30"),
        customer="client",
        date="jour",
    )
    assert rate == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # first half of 2024: customers 1 to 5 buy; 1 (3 days), 2 (2 days), 4 (3 days)
        # buy again on a later day, 3 and 5 buy once -> 3/5
        ("2024-01-01", "2024-06-30", 0.6),
        # 2024Q1: customers 1 (Jan 5, Feb 10), 2, 3, 4 (Mar 3, Mar 28); 1 and 4 come back -> 2/4
        ("2024-01-01", "2024-03-31", 0.5),
        # Mar 1-10: only customer 4, twice on Mar 3: same day does not count -> 0/1
        ("2024-03-01", "2024-03-10", 0.0),
        # January: customer 1 twice on Jan 5, customer 2 once -> 0/2
        ("2024-01-01", "2024-01-31", 0.0),
    ],
)
def test_repurchase_rate(start, end, expected):
    assert repurchase_rate(log(), (start, end)) == pytest.approx(expected)


# --- expected lifetime and CLV ------------------------------------------------


@pytest.mark.parametrize(
    ("retention", "periods"),
    [(0.8, 5.0), (0.5, 2.0), (0.0, 1.0)],  # 1/(1-0.8) = 5; 1/(1-0.5) = 2; 1/(1-0) = 1
)
def test_expected_lifetime(retention, periods):
    assert expected_lifetime(retention) == pytest.approx(periods)


def test_clv_infinite_horizon():
    # m r / (1 + d - r) = 100 * 0.8 / (1.1 - 0.8) = 80 / 0.3 = 266.67
    assert clv(100, 0.8, 0.1) == pytest.approx(800 / 3)


@pytest.mark.parametrize(
    ("horizon", "expected"),
    [
        (1, 100 * 0.8 / 1.1),  # 72.73: one period, 100 * 0.8 discounted once
        (2, 100 * 0.8 / 1.1 + 100 * 0.64 / 1.21),  # 72.73 + 52.89 = 125.62
    ],
)
def test_clv_finite_horizon(horizon, expected):
    assert clv(100, 0.8, 0.1, horizon=horizon) == pytest.approx(expected)


def test_clv_finite_horizon_converges_to_infinite_formula():
    # q = 0.8 / 1.1 = 0.727; q**500 is below 1e-69: the tail is negligible
    assert clv(100, 0.8, 0.1, horizon=500) == pytest.approx(clv(100, 0.8, 0.1), rel=1e-12)


def test_clv_with_no_retention_is_zero():
    # r = 0: nobody comes back after the first period, so no future margin
    assert clv(100, 0.0, 0.1) == 0.0


@FAST
@given(
    margin=st.floats(0, 1e6),
    retention=st.floats(0, 0.99),
    discount=st.floats(0, 1),
    horizon=st.integers(1, 200),
)
def test_finite_clv_increases_with_horizon_and_stays_below_infinite(
    margin, retention, discount, horizon
):
    shorter = clv(margin, retention, discount, horizon=horizon)
    longer = clv(margin, retention, discount, horizon=horizon + 1)
    infinite = clv(margin, retention, discount)
    assert 0 <= shorter <= longer
    assert longer <= infinite * (1 + 1e-9) + 1e-9
    assert math.isfinite(infinite)


# --- NPS with its uncertainty -------------------------------------------------


def test_nps_interval_by_hand():
    # 1 000 answers: 400 promoters, 400 passives, 200 detractors -> NPS = 40 - 20 = 20 points
    # variance of the -1/0/+1 variable: 0.6 - 0.2**2 = 0.56; se = sqrt(0.56 / 1000) = 0.0236643
    # margin = 1.959964 * 2.36643 = 4.638 points
    result = nps_interval([10] * 400 + [7] * 400 + [2] * 200)
    assert result.nps == pytest.approx(20.0)
    assert result.margin == pytest.approx(4.638, abs=1e-3)
    assert (result.low, result.high) == pytest.approx((15.362, 24.638), abs=1e-3)
    assert result.respondents == 1000


@FAST
@given(st.lists(st.integers(0, 10), min_size=2, max_size=300))
def test_nps_interval_matches_the_variance_of_the_recoded_answers(scores):
    # independent route: recode each answer -1/0/+1 and take numpy's mean and variance
    coded = np.select([np.array(scores) >= 9, np.array(scores) >= 7], [1, 0], -1)
    expected_margin = 100 * 1.959964 * np.sqrt(coded.var() / len(coded))
    result = nps_interval(scores)
    assert result.nps == pytest.approx(100 * coded.mean())
    assert result.margin == pytest.approx(expected_margin, rel=1e-5, abs=1e-9)


def test_nps_difference_by_hand():
    # A: 100 answers, 50 P, 30 passives, 20 D -> NPS 30, variance 0.7 - 0.3**2 = 0.61
    # B: 200 answers, 60 P, 80 passives, 60 D -> NPS 0, variance 0.6 - 0 = 0.6
    # se = sqrt(0.61 / 100 + 0.6 / 200) = sqrt(0.0091) = 0.0953939 -> margin 18.697 points
    a = [9] * 50 + [8] * 30 + [0] * 20
    b = [10] * 60 + [7] * 80 + [6] * 60
    result = nps_difference(a, b)
    assert result.difference == pytest.approx(30.0)
    assert result.margin == pytest.approx(18.697, abs=1e-3)
    assert result.low > 0  # the interval excludes 0: the groups differ
    assert nps_difference(b, a).difference == pytest.approx(-30.0)


def test_nps_interval_rejects_a_bad_level():
    with pytest.raises(ValueError, match="confidence"):
        nps_interval([9, 10, 3], confidence=1.5)
    with pytest.raises(TypeError, match="confidence"):
        nps_interval([9, 10, 3], confidence="95 %")
