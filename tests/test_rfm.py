"""Tests of marketing_kpi.rfm: RFM table, scores, segments and Pareto share."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kpi_fixtures import AS_OF, log

from marketing_kpi import (
    DEFAULT_SEGMENTS,
    concentration_curve,
    pareto_share,
    rfm_scores,
    rfm_segments,
    rfm_table,
)

FAST = settings(max_examples=50, deadline=None)

# Expected RFM table of the typed log as of 2024-06-30 (2024 is a leap year).
EXPECTED_TABLE = pd.DataFrame(
    {
        "recency": [
            10,  # 1: last purchase Jun 20 -> Jun 30 = 10 days
            89,  # 2: Apr 2 -> Apr 30 = 28, + 31 (May) + 30 (June) = 89
            150,  # 3: Feb 1 -> Mar 1 = 29, Apr 1 = 60, May 1 = 90, Jun 1 = 121, Jun 30 = 150
            0,  # 4: bought on Jun 30 itself (at 20:00: only the day counts)
            56,  # 5: May 5 -> Jun 5 = 31, + 25 = 56
            223,  # 6: 2023-11-20 -> 2024-06-20 = 30+31+31+29+31+30+31 = 213, + 10 = 223
            506,  # 7: 2023-02-10 -> 2024-02-10 = 365, + 29+31+30+31 to Jun 10 = 486, + 20 = 506
        ],
        "frequency": [
            3,  # 1: Jan 5 (twice, one day), Feb 10, Jun 20
            2,  # 2: Jan 15, Apr 2
            1,  # 3
            3,  # 4: Mar 3 (twice, one day), Mar 28, Jun 30
            1,  # 5
            1,  # 6
            1,  # 7
        ],
        "monetary": [
            80.0,  # 1: 20 + 5 + 40 + 15
            160.0,  # 2: 100 + 60
            10.0,  # 3
            105.0,  # 4: 30 + 0 + 25 + 50
            80.0,  # 5
            200.0,  # 6
            35.0,  # 7
        ],
    },
    index=pd.Index([1, 2, 3, 4, 5, 6, 7], name="customer_id"),
)


def test_rfm_table_by_hand():
    pd.testing.assert_frame_equal(rfm_table(log(), as_of=AS_OF), EXPECTED_TABLE)


def test_rfm_table_column_names_are_parameters():
    renamed = log().rename(columns={"customer_id": "client", "date": "jour", "amount": "montant"})
    table = rfm_table(renamed, customer="client", date="jour", amount="montant", as_of=AS_OF)
    # same numbers as EXPECTED_TABLE, only the index name changes
    pd.testing.assert_frame_equal(table, EXPECTED_TABLE.rename_axis("client"))


def test_rfm_table_accepts_timestamp_as_of_and_string_ids():
    frame = log().assign(customer_id=lambda f: "c" + f["customer_id"].astype(str))
    table = rfm_table(frame, as_of=pd.Timestamp(AS_OF))
    # ids "c1".."c7" sort in the same order as 1..7, so the values are those of EXPECTED_TABLE
    assert table.index.tolist() == [f"c{i}" for i in range(1, 8)]
    assert table["recency"].tolist() == EXPECTED_TABLE["recency"].tolist()


# Expected scores with bins = 5, n = 7 customers: score = 1 + floor(5 * w / 7),
# w = number of customers with a strictly worse value.
EXPECTED_SCORES = {
    # recency (lower is better), worse = larger: 4 (0 days) has w = 6 -> 1 + floor(30/7) = 5;
    # 1 (10) w = 5 -> 4; 5 (56) w = 4 -> 1 + floor(20/7) = 3; 2 (89) w = 3 -> 1 + floor(15/7) = 3;
    # 3 (150) w = 2 -> 2; 6 (223) w = 1 -> 1 + floor(5/7) = 1; 7 (506) w = 0 -> 1
    "R": [4, 3, 2, 5, 3, 1, 1],
    # frequency: the four one-day customers (3, 5, 6, 7) have w = 0 -> 1; customer 2 (2 days)
    # w = 4 -> 1 + floor(20/7) = 3; customers 1 and 4 (3 days) w = 5 -> 1 + floor(25/7) = 4
    "F": [4, 3, 1, 4, 1, 1, 1],
    # monetary sorted 10 (3), 35 (7), 80 (1, 5), 105 (4), 160 (2), 200 (6):
    # 3 w = 0 -> 1; 7 w = 1 -> 1; 1 and 5 w = 2 -> 1 + floor(10/7) = 2; 4 w = 4 -> 3;
    # 2 w = 5 -> 4; 6 w = 6 -> 5
    "M": [2, 4, 1, 3, 2, 5, 1],
}


def test_rfm_scores_by_hand():
    scores = rfm_scores(rfm_table(log(), as_of=AS_OF))
    for letter, expected in EXPECTED_SCORES.items():
        assert scores[letter].tolist() == expected, letter
    # codes: the three digits of each row of EXPECTED_SCORES
    assert scores["RFM"].tolist() == ["442", "334", "211", "543", "312", "115", "111"]
    # the raw columns are kept unchanged
    pd.testing.assert_frame_equal(scores[["recency", "frequency", "monetary"]], EXPECTED_TABLE)


def test_rfm_scores_without_ties_match_qcut():
    # 10 distinct values, 5 bins: two customers per score, exactly like pandas.qcut
    table = pd.DataFrame({"recency": range(10, 0, -1), "frequency": range(1, 11)})
    table["monetary"] = table["frequency"] * 10.0
    scores = rfm_scores(table)
    expected = (pd.qcut(table["frequency"], 5, labels=False) + 1).tolist()  # [1,1,2,2,...,5,5]
    assert scores["F"].tolist() == scores["M"].tolist() == scores["R"].tolist() == expected


def test_rfm_scores_with_massive_ties_keep_one_score_per_value():
    # 6 of 10 customers bought once: they all get F = 1 (w = 0). The 3 with 2 purchases
    # have w = 6 -> 1 + floor(5 * 6 / 10) = 4; the one with 5 purchases has w = 9 -> 5.
    # Scores 2 and 3 are absent (pandas.qcut would fail on these duplicate edges).
    frequency = [1, 1, 1, 1, 1, 1, 2, 2, 2, 5]
    table = pd.DataFrame({"recency": range(10), "frequency": frequency, "monetary": 1.0})
    scores = rfm_scores(table)
    assert scores["F"].tolist() == [1] * 6 + [4] * 3 + [5]
    # all monetary values tied: nobody is strictly worse, everybody gets M = 1
    assert set(scores["M"]) == {1}


@FAST
@given(
    values=st.lists(st.integers(0, 6), min_size=1, max_size=60),
    bins=st.integers(2, 9),
)
def test_scores_are_in_range_tie_consistent_and_monotone(values, bins):
    table = pd.DataFrame({"recency": values, "frequency": values, "monetary": values})
    scores = rfm_scores(table, bins=bins)
    for letter in "RFM":
        assert scores[letter].between(1, bins).all()
        # one score per raw value: tied values share their score
        assert scores.groupby("frequency")[letter].nunique().eq(1).all()
    by_value = scores.groupby("frequency")[["R", "F", "M"]].first().sort_index()
    # better raw value never gets a lower score: F, M rise with the value, R falls with it
    assert by_value["F"].is_monotonic_increasing
    assert by_value["M"].is_monotonic_increasing
    assert by_value["R"].is_monotonic_decreasing


# --- segments -------------------------------------------------------------

ALL_CELLS = pd.DataFrame(list(itertools.product(range(1, 6), repeat=3)), columns=["R", "F", "M"])


def test_default_mapping_gives_every_cell_exactly_one_segment():
    # rfm_segments raises if a cell matches no rectangle or several; 5**3 = 125 cells
    segments = rfm_segments(ALL_CELLS)
    assert len(segments) == 125
    assert segments.notna().all()
    assert set(segments) == set(DEFAULT_SEGMENTS)
    # and each cell matches one rectangle of the dict, counted independently of the function
    fm = (ALL_CELLS["F"] + ALL_CELLS["M"]) / 2
    hits = sum(
        ALL_CELLS["R"].between(*r_range) & fm.between(*fm_range)
        for r_range, fm_range in DEFAULT_SEGMENTS.values()
    )
    assert hits.eq(1).all()


@pytest.mark.parametrize(
    ("cell", "segment"),
    [
        ((5, 5, 5), "Champions"),  # R 5, FM 5
        ((5, 1, 2), "Nouveaux clients"),  # R 5, FM 1.5
        ((4, 1, 1), "Prometteurs"),  # R 4, FM 1
        ((4, 3, 4), "Clients fidèles"),  # R 4, FM 3.5
        ((3, 5, 5), "À surveiller"),  # R 3, FM 5
        ((3, 2, 2), "Hibernants"),  # R 3, FM 2
        ((1, 5, 4), "À risque"),  # R 1, FM 4.5
        ((1, 1, 1), "Perdus"),  # R 1, FM 1
    ],
)
def test_default_mapping_cells(cell, segment):
    assert rfm_segments(pd.DataFrame([cell], columns=["R", "F", "M"])).iloc[0] == segment


def test_segments_of_the_typed_log():
    segments = rfm_segments(rfm_scores(rfm_table(log(), as_of=AS_OF)))
    # (R, FM) from EXPECTED_SCORES: 1 (4, 3), 2 (3, 3.5), 3 (2, 1), 4 (5, 3.5), 5 (3, 1.5),
    # 6 (1, 3), 7 (1, 1), read in the grid of DEFAULT_SEGMENTS
    assert segments.tolist() == [
        "Clients fidèles",
        "À surveiller",
        "Hibernants",
        "Clients fidèles",
        "Hibernants",
        "À risque",
        "Perdus",
    ]
    assert segments.index.name == "customer_id"


def test_custom_mapping():
    # two segments split on R only, for 2-level scores
    mapping = {"Actifs": ((2, 2), (1, 2)), "Inactifs": ((1, 1), (1, 2))}
    scores = pd.DataFrame({"R": [2, 1], "F": [1, 2], "M": [2, 2]})
    assert rfm_segments(scores, mapping).tolist() == ["Actifs", "Inactifs"]


@FAST
@given(st.lists(st.tuples(*[st.integers(1, 5)] * 3), min_size=1, max_size=80))
def test_segment_shares_sum_to_one(cells):
    segments = rfm_segments(pd.DataFrame(cells, columns=["R", "F", "M"]))
    assert segments.notna().all()
    assert segments.value_counts(normalize=True).sum() == pytest.approx(1.0)


# --- Pareto share -------------------------------------------------------------

AMOUNTS = [80.0, 160.0, 10.0, 105.0, 80.0, 200.0, 35.0]  # monetary of the typed log, total 670


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (0.2, 360 / 670),  # ceil(0.2 * 7) = 2 customers: 200 + 160 = 360
        (0.5, 545 / 670),  # ceil(3.5) = 4: 200 + 160 + 105 + 80 = 545
        (1.0, 1.0),  # everybody
        (0.01, 200 / 670),  # ceil(0.07) = 1: the best customer alone
    ],
)
def test_pareto_share(top, expected):
    assert pareto_share(AMOUNTS, top=top) == pytest.approx(expected)


def test_concentration_curve():
    # AMOUNTS sorted from the biggest: 200, 160, 105, 80, 80, 35, 10 (total 670)
    # cumulative: 200, 360, 465, 545, 625, 660, 670
    curve = concentration_curve(AMOUNTS)
    assert list(curve.index) == [1, 2, 3, 4, 5, 6, 7]
    assert curve["customer_share"].tolist() == pytest.approx([k / 7 for k in range(1, 8)])
    expected = [200, 360, 465, 545, 625, 660, 670]
    assert curve["revenue_share"].tolist() == pytest.approx([c / 670 for c in expected])


def test_pareto_share_is_read_on_the_concentration_curve():
    # top 0.5 -> ceil(3.5) = 4 customers: the 4th point of the curve, 545 / 670
    assert pareto_share(AMOUNTS, 0.5) == concentration_curve(AMOUNTS)["revenue_share"].iloc[3]


@FAST
@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=50).filter(lambda a: sum(a) > 0))
def test_concentration_curve_rises_to_one_above_the_diagonal(amounts):
    curve = concentration_curve(amounts)
    assert curve["revenue_share"].is_monotonic_increasing
    assert curve["revenue_share"].iloc[-1] == pytest.approx(1.0)
    # the k best customers bring at least k / n of the revenue
    assert (curve["revenue_share"] >= curve["customer_share"] - 1e-9).all()


def test_pareto_share_rounds_before_ceiling():
    # 0.1 * 30 is 3.0000000000000004 in floating point: 3 customers, not 4.
    # amounts 30, 29, ..., 1 (total 30 * 31 / 2 = 465): top 3 = 30 + 29 + 28 = 87
    assert pareto_share(np.arange(30, 0, -1), top=0.1) == pytest.approx(87 / 465)


@FAST
@given(
    amounts=st.lists(st.floats(0, 1e6), min_size=1, max_size=50).filter(lambda a: sum(a) > 0),
    top=st.floats(0.01, 1),
)
def test_pareto_share_is_at_least_the_share_of_customers(amounts, top):
    # the k best customers bring at least k/n of the revenue, and at most all of it
    kept = np.ceil(round(top * len(amounts), 9))
    assert kept / len(amounts) - 1e-9 <= pareto_share(amounts, top) <= 1 + 1e-9


# --- monetary totals on random logs ----------------------------------------------

transactions = st.lists(
    st.tuples(st.integers(1, 8), st.integers(0, 400), st.integers(0, 100_000)),
    min_size=1,
    max_size=60,
)


@FAST
@given(transactions)
def test_rfm_table_totals_match_the_log(rows):
    frame = pd.DataFrame(rows, columns=["customer_id", "day", "cents"])
    frame["date"] = pd.Timestamp("2023-01-01") + pd.to_timedelta(frame["day"], unit="D")
    frame["amount"] = frame["cents"] / 100
    table = rfm_table(frame, as_of="2024-12-31")
    assert table["monetary"].sum() == pytest.approx(frame["amount"].sum())
    assert len(table) == frame["customer_id"].nunique()
    assert table["frequency"].sum() == len(frame[["customer_id", "day"]].drop_duplicates())
    assert table["recency"].min() >= 0
