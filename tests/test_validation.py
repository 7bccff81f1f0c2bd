"""Bad input: every public function raises ValueError with a message naming the problem."""

import numpy as np
import pandas as pd
import pytest
from kpi_fixtures import AS_OF, log

from marketing_kpi import (
    abcd_matrix,
    active_customers,
    activity_patterns,
    activity_vector,
    churn_rate,
    clv,
    concentration_curve,
    expected_lifetime,
    nps,
    nps_breakdown,
    pareto_share,
    recency_frequency_crosstab,
    repurchase_rate,
    retention_between,
    retention_rate,
    rfm_scores,
    rfm_segments,
    rfm_table,
)

Q1 = ("2024-01-01", "2024-03-31")
Q2 = ("2024-04-01", "2024-06-30")


def with_value(column, row, value):
    """The typed log with one cell replaced (the column is cast to object for a string)."""
    frame = log()
    if isinstance(value, str):
        frame[column] = frame[column].astype(object)
    frame.loc[row, column] = value
    return frame


BAD_SCORES = [
    ([], "empty"),
    ([9, np.nan], "NaN"),
    ([9, None], "NaN"),
    ([11], "between 0 and 10"),
    ([-1, 5], "between 0 and 10"),
    ([7.5], "whole numbers"),
    (["10", "9"], "numeric"),
    ([True, False], "numeric"),
]


@pytest.mark.parametrize(("scores", "match"), BAD_SCORES)
@pytest.mark.parametrize("function", [nps, nps_breakdown])
def test_bad_nps_scores(function, scores, match):
    with pytest.raises(ValueError, match=match):
        function(scores)


@pytest.mark.parametrize(
    ("start", "lost", "match"),
    [
        (10, 11, r"customers_lost \(11\) exceeds customers_at_start \(10\)"),
        (0, 0, "customers_at_start must be positive"),
        (-5, 0, "customers_at_start must be non-negative"),
        (10, -1, "customers_lost must be non-negative"),
        (10.0, 1, "customers_at_start must be an integer"),
        (10, 0.5, "customers_lost must be an integer"),
        (True, 0, "customers_at_start must be an integer"),
    ],
)
@pytest.mark.parametrize("function", [churn_rate, retention_rate])
def test_bad_customer_counts(function, start, lost, match):
    with pytest.raises(ValueError, match=match):
        function(start, lost)


@pytest.mark.parametrize(
    ("retention", "match"),
    [
        (1.0, r"retention must be in \[0, 1\)"),
        (1.5, r"retention must be in \[0, 1\)"),
        (-0.1, r"retention must be in \[0, 1\)"),
        (float("nan"), "retention must be a finite number"),
        ("0.8", "retention must be a finite number"),
    ],
)
def test_bad_retention_for_lifetime_and_clv(retention, match):
    with pytest.raises(ValueError, match=match):
        expected_lifetime(retention)
    with pytest.raises(ValueError, match=match):
        clv(100, retention, 0.1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"discount_rate": -1}, "discount_rate must be greater than -1"),
        ({"discount_rate": -2.5}, "discount_rate must be greater than -1"),
        ({"margin": -5}, "margin must be non-negative"),
        ({"margin": float("inf")}, "margin must be a finite number"),
        ({"horizon": 0}, "horizon must be an integer >= 1"),
        ({"horizon": 2.5}, "horizon must be an integer >= 1"),
        # r = 0.9 >= 1 + d = 0.8: the infinite sum of (0.9 / 0.8) ** t diverges
        ({"retention": 0.9, "discount_rate": -0.2}, "diverges"),
    ],
)
def test_bad_clv_parameters(kwargs, match):
    arguments = {"margin": 100, "retention": 0.8, "discount_rate": 0.1} | kwargs
    with pytest.raises(ValueError, match=match):
        clv(**arguments)


BAD_LOGS = [
    (log().drop(columns="amount"), "missing column.*'amount'"),
    (log().drop(columns=["customer_id", "date"]), "missing column.*'customer_id', 'date'"),
    (log().iloc[0:0], "empty"),
    (with_value("amount", 2, np.nan), "'amount' contains NaN"),
    (with_value("amount", 2, -3.0), "'amount' contains negative values"),
    (with_value("amount", 2, "12 €"), "'amount' must be numeric"),
    (with_value("customer_id", 0, None), "'customer_id' contains NaN"),
    (with_value("date", 0, pd.NaT), "'date' contains NaN"),
    (log().assign(date=lambda f: f["date"].astype(str)), "'date' must have .*datetime64"),
    (log().assign(date=lambda f: f["date"].dt.tz_localize("UTC")), "timezone-naive"),
    (log().assign(date=lambda f: f["date"] + pd.Timedelta(days=1)), "after as_of"),
    ("not a table", "expected a pandas DataFrame"),
]


@pytest.mark.parametrize(("frame", "match"), BAD_LOGS)
def test_bad_transaction_logs_for_rfm_table(frame, match):
    with pytest.raises(ValueError, match=match):
        rfm_table(frame, as_of=AS_OF)


@pytest.mark.parametrize(
    ("frame", "match"),
    [(frame, match) for frame, match in BAD_LOGS if "amount" not in match],
)
def test_bad_transaction_logs_for_activity_vector(frame, match):
    with pytest.raises(ValueError, match=match):
        activity_vector(frame, AS_OF)


@pytest.mark.parametrize(
    ("as_of", "match"),
    [
        ("not a date", "as_of is not a date"),
        (pd.NaT, "as_of is missing"),
        (pd.Timestamp("2024-06-30", tz="UTC"), "as_of must be timezone-naive"),
        ("2024-06-29", r"purchases dated after as_of \(latest purchase on 2024-06-30\)"),
    ],
)
def test_bad_as_of(as_of, match):
    with pytest.raises(ValueError, match=match):
        rfm_table(log(), as_of=as_of)


@pytest.mark.parametrize(
    ("period_a", "period_b", "match"),
    [
        (("2024-03-31", "2024-01-01"), Q2, "period_a: start 2024-03-31 is after end"),
        (Q1, "2024Q2", r"period_b must be a \(start, end\) pair"),
        (Q1, ("2024-04-01",), r"period_b must be a \(start, end\) pair"),
        (("2022-01-01", "2022-12-31"), Q2, "no customer bought during period_a"),
        (("yesterday", "2024-01-01"), Q2, "period_a start is not a date"),
    ],
)
def test_bad_retention_periods(period_a, period_b, match):
    with pytest.raises(ValueError, match=match):
        retention_between(log(), period_a, period_b)


@pytest.mark.parametrize(
    ("start", "end", "match"),
    [
        ("2022-01-01", "2022-12-31", "no purchase between 2022-01-01 and 2022-12-31"),
        ("2024-06-30", "2024-01-01", "start 2024-06-30 is after end"),
    ],
)
def test_bad_repurchase_window(start, end, match):
    with pytest.raises(ValueError, match=match):
        repurchase_rate(log(), (start, end))


def test_repurchase_rate_checks_its_columns():
    with pytest.raises(ValueError, match=r"missing column.*'customer_id'"):
        repurchase_rate(log().drop(columns="customer_id"), Q1)


RFM = pd.DataFrame({"recency": [1, 5, 9], "frequency": [3, 1, 1], "monetary": [50.0, 10.0, 5.0]})


@pytest.mark.parametrize(
    ("table", "bins", "match"),
    [
        (RFM, 1, "bins must be an integer between 2 and 9"),
        (RFM, 10, "bins must be an integer between 2 and 9"),
        (RFM, 2.5, "bins must be an integer between 2 and 9"),
        (RFM.drop(columns="frequency"), 5, "missing column.*'frequency'"),
        (RFM.iloc[0:0], 5, "empty"),
        (RFM.assign(monetary=[1.0, np.nan, 2.0]), 5, "'monetary' contains NaN"),
        (RFM.assign(recency=["1", "5", "9"]), 5, "'recency' must be numeric"),
    ],
)
def test_bad_rfm_scores_input(table, bins, match):
    with pytest.raises(ValueError, match=match):
        rfm_scores(table, bins)


@pytest.mark.parametrize(
    ("scores", "mapping", "match"),
    [
        (pd.DataFrame({"R": [4]}), None, "missing column.*'F'"),
        (pd.DataFrame({"R": [4], "F": [np.nan]}), None, "'F' contains NaN"),
        # R = 3 is in no rectangle of this mapping
        (
            pd.DataFrame({"R": [3], "F": [1]}),
            {"Haut": ((4, 5), (1, 5)), "Bas": ((1, 2), (1, 5))},
            "R=3, F=1 fall in no segment",
        ),
        # R = 4 is in both rectangles
        (
            pd.DataFrame({"R": [4], "F": [1]}),
            {"Haut": ((3, 5), (1, 5)), "Bas": ((1, 4), (1, 5))},
            "R=4, F=1 fall in several segments",
        ),
        # 5 is not a level of the default R grid (1 to 4)
        (pd.DataFrame({"R": [5], "F": [1]}), None, "no segment"),
    ],
)
def test_bad_segment_input(scores, mapping, match):
    with pytest.raises(ValueError, match=match):
        rfm_segments(scores, mapping)


@pytest.mark.parametrize(
    ("amounts", "top", "match"),
    [
        ([10, 20], 0, r"top must be in \(0, 1\]"),
        ([10, 20], 1.5, r"top must be in \(0, 1\]"),
        ([10, 20], -0.2, r"top must be in \(0, 1\]"),
        ([0, 0], 0.2, "sum to zero"),
        ([10, -20], 0.2, "amounts contains negative values"),
        ([], 0.2, "amounts is empty"),
        ([10, np.nan], 0.2, "amounts contains NaN"),
        ([10, np.inf], 0.2, "amounts contains infinite values"),
    ],
)
def test_bad_pareto_input(amounts, top, match):
    with pytest.raises(ValueError, match=match):
        pareto_share(amounts, top)


@pytest.mark.parametrize(
    ("amounts", "match"),
    [
        ([0, 0], "sum to zero"),
        ([10, -20], "amounts contains negative values"),
        ([], "amounts is empty"),
        (["10", "x"], "amounts"),
    ],
)
def test_bad_concentration_input(amounts, match):
    with pytest.raises(ValueError, match=match):
        concentration_curve(amounts)


def test_bad_active_period():
    with pytest.raises(ValueError, match=r"period must be a \(start, end\) pair"):
        active_customers(log(), "2024")


IDS = pd.Index(["a", "b"])


@pytest.mark.parametrize(
    ("clicks", "purchases", "kwargs", "match"),
    [
        (pd.Series([1, 0], index=IDS), pd.Series([1, 0], index=["b", "a"]), {}, "same index"),
        (pd.Series([1, 0], index=IDS), pd.Series([1, 0, 2]), {}, "same index"),
        ([1, 0], pd.Series([1, 0]), {}, "must be pandas Series"),
        (pd.Series([-1, 0], index=IDS), pd.Series([1, 0], index=IDS), {}, "clicks contains neg"),
        (pd.Series([1, 0], index=IDS), pd.Series([1, None], index=IDS), {}, "purchases contains"),
        (
            pd.Series([1, 0], index=IDS),
            pd.Series([1, 0], index=IDS),
            {"click_threshold": 0},
            "click_threshold must be positive",
        ),
        (
            pd.Series([1, 0], index=IDS),
            pd.Series([1, 0], index=IDS),
            {"purchase_threshold": "1"},
            "purchase_threshold must be a finite number",
        ),
        (pd.Series([], dtype=float), pd.Series([], dtype=float), {}, "clicks is empty"),
    ],
)
def test_bad_abcd_input(clicks, purchases, kwargs, match):
    with pytest.raises(ValueError, match=match):
        abcd_matrix(clicks, purchases, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"freq": "W"}, "freq must be 'Q' .* or 'M'"),
        ({"freq": "QE"}, "freq must be 'Q' .* or 'M'"),
        ({"periods": 0}, "periods must be an integer >= 1"),
    ],
)
def test_bad_activity_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        activity_vector(log(), AS_OF, **kwargs)


@pytest.mark.parametrize(
    ("vectors", "match"),
    [
        (pd.DataFrame({"T-1": [1]}), "missing column.*'pattern'"),
        (pd.DataFrame({"pattern": ["10", "102"]}), "strings of 0 and 1"),
        (pd.DataFrame({"pattern": ["10", "101"]}), "same length"),
        (pd.DataFrame({"pattern": []}), "empty"),
    ],
)
@pytest.mark.parametrize("function", [activity_patterns, recency_frequency_crosstab])
def test_bad_activity_vectors(function, vectors, match):
    with pytest.raises(ValueError, match=match):
        function(vectors)
