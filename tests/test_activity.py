"""Tests of marketing_kpi.activity: activity vectors, pattern counts, recency × frequency table."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kpi_fixtures import AS_OF, log

from marketing_kpi import activity_patterns, activity_vector, recency_frequency_crosstab

FAST = settings(max_examples=40, deadline=None)

# As of 2024-06-30 (last day of 2024Q2, so Q2 is complete): T-1 = 2024Q2,
# T-2 = 2024Q1, T-3 = 2023Q4, T-4 = 2023Q3.
EXPECTED_PATTERNS = [
    "1100",  # 1: Jan, Feb (Q1) and Jun 20 (Q2)
    "1100",  # 2: Jan 15 (Q1), Apr 2 (Q2)
    "0100",  # 3: Feb 1 (Q1) only
    "1100",  # 4: March (Q1), Jun 30 (Q2)
    "1000",  # 5: May 5 (Q2) only
    "0010",  # 6: 2023-11-20 (2023Q4)
    "0000",  # 7: 2023-02-10 is in 2023Q1, before the window, but the customer is kept
]


def test_activity_vector_by_hand():
    vectors = activity_vector(log(), AS_OF)
    assert vectors.columns.tolist() == ["T-1", "T-2", "T-3", "T-4", "pattern"]
    assert vectors.index.tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert vectors["pattern"].tolist() == EXPECTED_PATTERNS
    # flags of customer 6, from its pattern "0010"
    assert vectors.loc[6, ["T-1", "T-2", "T-3", "T-4"]].tolist() == [0, 0, 1, 0]


def test_current_incomplete_quarter_is_ignored():
    # as of 2024-07-15, 2024Q3 is incomplete: T-1 is still 2024Q2, same vectors as above
    later = log()
    later.loc[len(later)] = [5, pd.Timestamp("2024-07-10"), 9.0]  # in 2024Q3: ignored
    assert activity_vector(later, "2024-07-15")["pattern"].tolist() == EXPECTED_PATTERNS


def test_monthly_vector():
    # months, 3 periods, as of 2024-06-30: T-1 = June, T-2 = May, T-3 = April 2024
    vectors = activity_vector(log(), AS_OF, periods=3, freq="M")
    assert vectors["pattern"].tolist() == [
        "100",  # 1: Jun 20
        "001",  # 2: Apr 2
        "000",  # 3: February only
        "100",  # 4: Jun 30
        "010",  # 5: May 5
        "000",  # 6: 2023
        "000",  # 7: 2023
    ]


def test_activity_patterns_counts_and_order():
    counts = activity_patterns(activity_vector(log(), AS_OF))
    # "1100" for customers 1, 2, 4; then one customer each, in decreasing pattern order
    assert counts.index.tolist() == ["1100", "1000", "0100", "0010", "0000"]
    assert counts["customers"].tolist() == [3, 1, 1, 1, 1]
    # shares over 7 customers
    assert counts["share"].tolist() == pytest.approx([3 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7])


def test_recency_frequency_crosstab_by_hand():
    table = recency_frequency_crosstab(activity_vector(log(), AS_OF))
    expected = pd.DataFrame(
        [
            [0, 1, 3, 0, 0],  # last active T-1: 5 ("1000", 1 period); 1, 2, 4 ("1100", 2 periods)
            [0, 1, 0, 0, 0],  # last active T-2: 3 ("0100")
            [0, 1, 0, 0, 0],  # last active T-3: 6 ("0010")
            [0, 0, 0, 0, 0],  # nobody last active in T-4
            [1, 0, 0, 0, 0],  # no purchase in the window: 7 ("0000")
        ],
        index=pd.Index(["T-1", "T-2", "T-3", "T-4", "Aucun achat"], name="recence"),
        columns=pd.RangeIndex(5, name="frequence"),
    )
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)


@FAST
@given(
    st.lists(st.tuples(st.integers(1, 6), st.integers(0, 700)), min_size=1, max_size=40),
    st.integers(1, 6),
    st.sampled_from(["Q", "M"]),
)
def test_patterns_and_crosstab_account_for_every_customer(rows, periods, freq):
    frame = pd.DataFrame(rows, columns=["customer_id", "day"])
    frame["date"] = pd.Timestamp("2023-01-01") + pd.to_timedelta(frame["day"], unit="D")
    vectors = activity_vector(frame, "2024-12-31", periods=periods, freq=freq)
    customers = frame["customer_id"].nunique()
    assert len(vectors) == customers
    assert vectors["pattern"].str.len().eq(periods).all()
    assert activity_patterns(vectors)["customers"].sum() == customers
    assert activity_patterns(vectors)["share"].sum() == pytest.approx(1.0)
    assert recency_frequency_crosstab(vectors).to_numpy().sum() == customers
