"""Tests of marketing_kpi.multichannel: the ABCD matrix."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketing_kpi import abcd_matrix

IDS = pd.Index(["a", "b", "c", "d", "e"], name="customer_id")
CLICKS = pd.Series([3, 0, 5, 0, 1], index=IDS)
PURCHASES = pd.Series([0, 2, 1, 0, 0], index=IDS)


def test_abcd_matrix_by_hand():
    segments = abcd_matrix(CLICKS, PURCHASES)
    assert segments.tolist() == [
        "A",  # a: 3 clicks, no purchase
        "D",  # b: no click, 2 purchases
        "B",  # c: 5 clicks, 1 purchase
        "C",  # d: neither
        "A",  # e: 1 click (>= 1), no purchase
    ]
    assert segments.index.equals(IDS)
    assert list(segments.cat.categories) == ["A", "B", "C", "D"]


def test_abcd_thresholds():
    segments = abcd_matrix(CLICKS, PURCHASES, click_threshold=2, purchase_threshold=2)
    assert segments.tolist() == [
        "A",  # a: 3 clicks >= 2, 0 purchases < 2
        "D",  # b: 0 clicks, 2 purchases >= 2
        "A",  # c: 5 clicks, 1 purchase < 2 now counts as "buys little"
        "C",  # d: neither
        "C",  # e: 1 click < 2 and no purchase
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=50))
def test_every_customer_gets_one_segment(pairs):
    clicks = pd.Series([c for c, _ in pairs])
    purchases = pd.Series([p for _, p in pairs])
    segments = abcd_matrix(clicks, purchases)
    assert segments.notna().all()
    assert segments.value_counts(normalize=True).sum() == pytest.approx(1.0)
    # B + D are exactly the buyers, A + B exactly the clickers
    assert segments.isin(["B", "D"]).sum() == (purchases >= 1).sum()
    assert segments.isin(["A", "B"]).sum() == (clicks >= 1).sum()
