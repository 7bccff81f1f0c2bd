"""Tests of marketing_kpi.rfm: RFM table, scores, segments and Pareto share."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kpi_fixtures import AS_OF, log

from marketing_kpi import (
    DEFAULT_CUTOFFS,
    DEFAULT_SEGMENTS,
    concentration_curve,
    pareto_share,
    period_activity,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
)

FAST = settings(max_examples=50, deadline=None)

# Empty score levels are expected on these tiny tables; the warning itself is tested below.
pytestmark = pytest.mark.filterwarnings("ignore:score . has no customer:UserWarning")

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
    table = rfm_table(log(), as_of=AS_OF, monetary="total")
    pd.testing.assert_frame_equal(table, EXPECTED_TABLE)
    assert table.attrs["monetary"] == "total"


# Mean amount per purchase day (the default): total / frequency of EXPECTED_TABLE
EXPECTED_MEAN = [
    80 / 3,  # 1: 80 over 3 purchase days
    80.0,  # 2: 160 / 2
    10.0,  # 3
    35.0,  # 4: 105 / 3 (the zero-amount gift shares its day with a 30 purchase)
    80.0,  # 5
    200.0,  # 6
    35.0,  # 7
]


def test_rfm_table_monetary_mean_is_the_default():
    table = rfm_table(log(), as_of=AS_OF)
    assert table["monetary"].tolist() == pytest.approx(EXPECTED_MEAN)
    assert table.attrs["monetary"] == "mean"
    # recency and frequency do not depend on the choice
    pd.testing.assert_frame_equal(
        table[["recency", "frequency"]], EXPECTED_TABLE[["recency", "frequency"]]
    )


def test_rfm_table_truncate_keeps_the_calibration_period():
    # as of 2024-03-31, purchases after that day are ignored (customer 5, who first
    # bought on May 5, is absent)
    table = rfm_table(log(), as_of="2024-03-31", truncate=True, monetary="total")
    assert table.index.tolist() == [1, 2, 3, 4, 6, 7]
    assert table["recency"].tolist() == [
        50,  # 1: Feb 10 -> Mar 10 = 29 (leap year), + 21 = 50
        76,  # 2: Jan 15 -> Feb 15 = 31, Mar 15 = 60, + 16 = 76
        59,  # 3: Feb 1 -> Mar 1 = 29, + 30 = 59
        3,  # 4: Mar 28 -> Mar 31
        132,  # 6: 2023-11-20 -> 2024-03-20 = 30 + 31 + 31 + 29 = 121, + 11 = 132
        415,  # 7: 2023-02-10 -> 2024-02-10 = 365, Mar 10 = 394, + 21 = 415
    ]
    assert table["frequency"].tolist() == [2, 1, 1, 2, 1, 1]  # 4: Mar 3 (twice) and Mar 28
    assert table["monetary"].tolist() == [65.0, 100.0, 10.0, 55.0, 200.0, 35.0]
    # without truncate, the later purchases are an error
    with pytest.raises(ValueError, match="after as_of"):
        rfm_table(log(), as_of="2024-03-31")


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"monetary": "median"}, ValueError, "monetary must be one of"),
        ({"truncate": "yes"}, TypeError, "truncate must be True or False"),
        ({"as_of": "2020-01-01", "truncate": True}, ValueError, "no purchase on or before"),
    ],
)
def test_rfm_table_bad_options(options, error, match):
    with pytest.raises(error, match=match):
        rfm_table(log(), **{"as_of": AS_OF, **options})


def test_rfm_table_column_names_are_parameters():
    renamed = log().rename(columns={"customer_id": "client", "date": "jour", "amount": "montant"})
    table = rfm_table(
        renamed, customer="client", date="jour", amount="montant", as_of=AS_OF, monetary="total"
    )
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
    scores = rfm_scores(rfm_table(log(), as_of=AS_OF, monetary="total"))
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


# --- explicit cut-offs ------------------------------------------------------


def test_cutoff_scores_by_hand():
    scores = rfm_scores(rfm_table(log(), as_of=AS_OF), cutoffs=DEFAULT_CUTOFFS)
    # R from recency [10, 89, 150, 0, 56, 223, 506] with upper bounds 90 / 180 / 365 days:
    # <= 90 -> 4 (customers 1, 2, 4, 5), 150 -> 3, 223 -> 2, 506 -> 1
    assert scores["R"].tolist() == [4, 4, 3, 4, 4, 2, 1]
    # F from frequency [3, 2, 1, 3, 1, 1, 1] with lower bounds 2 / 3 / 4 / 6: 1 -> 1, 2 -> 2, 3 -> 3
    assert scores["F"].tolist() == [3, 2, 1, 3, 1, 1, 1]
    # M has no cut-off: quintiles of the mean EXPECTED_MEAN sorted 10 (3), 26.7 (1),
    # 35 (4, 7), 80 (2, 5), 200 (6); w = customers strictly worse, score 1 + floor(5 w / 7)
    # 3 w=0 -> 1; 1 w=1 -> 1; 4, 7 w=2 -> 2; 2, 5 w=4 -> 3; 6 w=6 -> 5
    assert scores["M"].tolist() == [1, 3, 1, 2, 3, 5, 2]
    assert scores.attrs["rfm_levels"] == {"R": 4, "F": 5, "M": 5}


def test_cutoff_bounds_are_inclusive_where_documented():
    table = pd.DataFrame(
        {"recency": [90, 91, 180, 181, 365, 366], "frequency": [1, 2, 3, 5, 6, 40], "monetary": 1.0}
    )
    with pytest.warns(UserWarning):  # M all tied: levels 2 to 5 empty
        scores = rfm_scores(table, cutoffs=DEFAULT_CUTOFFS)
    assert scores["R"].tolist() == [4, 3, 3, 2, 2, 1]  # "<= 90", "91-180", "181-365", "> 365"
    assert scores["F"].tolist() == [1, 2, 3, 4, 5, 5]  # 1, 2, 3, 4-5, 6+


def test_empty_levels_are_reported():
    # the typed log has nobody with 4 or more purchase days: F levels 4 and 5 are empty
    with pytest.warns(UserWarning, match=r"score F has no customer at level\(s\) 4, 5"):
        rfm_scores(rfm_table(log(), as_of=AS_OF), cutoffs={"F": (2, 3, 4, 6)})


@pytest.mark.parametrize(
    ("cutoffs", "error", "match"),
    [
        ({"F": (3, 2)}, ValueError, "strictly increasing"),
        ({"F": ()}, ValueError, "empty"),
        ({"X": (1, 2)}, ValueError, "keys must be 'R', 'F' or 'M'"),
        ({"F": "2,3"}, TypeError, "sequence of numbers"),
        ([("F", (2, 3))], TypeError, "cutoffs must be a mapping"),
        ({"F": tuple(range(1, 10))}, ValueError, "1 to 8 values"),
    ],
)
def test_bad_cutoffs(cutoffs, error, match):
    with pytest.raises(error, match=match):
        rfm_scores(rfm_table(log(), as_of=AS_OF), cutoffs=cutoffs)


# --- segments -------------------------------------------------------------

ALL_CELLS = pd.DataFrame(
    list(itertools.product(range(1, 5), range(1, 6))), columns=["R", "F"]
)  # the 4 x 5 grid of DEFAULT_CUTOFFS scores


def test_default_mapping_gives_every_cell_exactly_one_segment():
    # rfm_segments raises if a cell matches no rectangle or several; 4 * 5 = 20 cells
    segments = rfm_segments(ALL_CELLS)
    assert len(segments) == 20
    assert set(segments) == set(DEFAULT_SEGMENTS)
    # and each cell matches one rectangle of the dict, counted independently of the function
    hits = sum(
        ALL_CELLS["R"].between(*r_range) & ALL_CELLS["F"].between(*f_range)
        for r_range, f_range in DEFAULT_SEGMENTS.values()
    )
    assert hits.eq(1).all()


@pytest.mark.parametrize(
    ("cell", "segment"),
    [
        ((4, 5), "Champions"),  # bought within 90 days, 6+ purchase days
        ((4, 2), "Prometteurs"),
        ((4, 1), "Nouveaux clients"),  # recent one-time buyer
        ((3, 4), "Clients fidèles"),
        ((3, 3), "À surveiller"),
        ((3, 1), "Primo-acheteurs à relancer"),
        ((2, 1), "Primo-acheteurs à relancer"),
        ((2, 5), "À risque"),
        ((1, 2), "À reconquérir"),  # former repeat buyer, silent for over a year
        ((1, 1), "Perdus"),
    ],
)
def test_default_mapping_cells(cell, segment):
    assert rfm_segments(pd.DataFrame([cell], columns=["R", "F"])).iloc[0] == segment


def test_segments_of_the_typed_log():
    scores = rfm_scores(rfm_table(log(), as_of=AS_OF), cutoffs=DEFAULT_CUTOFFS)
    segments = rfm_segments(scores)
    # (R, F) from test_cutoff_scores_by_hand: 1 (4, 3), 2 (4, 2), 3 (3, 1), 4 (4, 3),
    # 5 (4, 1), 6 (2, 1), 7 (1, 1), read in the grid of DEFAULT_SEGMENTS
    assert segments.tolist() == [
        "Prometteurs",
        "Prometteurs",
        "Primo-acheteurs à relancer",
        "Prometteurs",
        "Nouveaux clients",
        "Primo-acheteurs à relancer",
        "Perdus",
    ]
    assert segments.index.name == "customer_id"


@pytest.mark.parametrize("bins", [3, 5])
def test_quantile_scores_do_not_fit_the_default_mapping(bins):
    # 3 or 5 quantile levels: the mapping, made for R on 4 levels, refuses them
    # instead of silently leaving the best customers out of "Champions"
    scores = rfm_scores(rfm_table(log(), as_of=AS_OF), bins=bins)
    with pytest.raises(ValueError, match="expects R scores on 1 to 4, but these scores have"):
        rfm_segments(scores)


def test_custom_mapping():
    # two segments split on R only, for 2-level scores
    mapping = {"Actifs": ((2, 2), (1, 2)), "Inactifs": ((1, 1), (1, 2))}
    scores = pd.DataFrame({"R": [2, 1], "F": [1, 2]})
    assert rfm_segments(scores, mapping).tolist() == ["Actifs", "Inactifs"]


@pytest.mark.parametrize(
    ("mapping", "error", "match"),
    [
        ({}, TypeError, "non-empty dict"),
        ({"A": (1, 2)}, TypeError, r"expected \(\(R min, R max\), \(F min, F max\)\)"),
        ({"A": ((3, 1), (1, 5))}, ValueError, "min 3 is above max 1"),
    ],
)
def test_bad_mappings(mapping, error, match):
    with pytest.raises(error, match=match):
        rfm_segments(ALL_CELLS, mapping)


@FAST
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 5)), min_size=1, max_size=80))
def test_segment_shares_sum_to_one(cells):
    segments = rfm_segments(pd.DataFrame(cells, columns=["R", "F"]))
    assert segments.notna().all()
    assert segments.value_counts(normalize=True).sum() == pytest.approx(1.0)


# --- later period and segment summary ----------------------------------------


def test_period_activity_by_hand():
    later = period_activity(log(), ("2024-03-01", "2024-06-30"), customers=range(1, 8))
    # 1: Jun 20 (15); 2: Apr 2 (60); 3: nothing; 4: Mar 3 twice + Mar 28 + Jun 30 = 3 days,
    # 30 + 0 + 25 + 50 = 105; 5: May 5 (80); 6 and 7: nothing in the period
    assert later["purchase_days"].tolist() == [1, 1, 0, 3, 1, 0, 0]
    assert later["spend"].tolist() == [15.0, 60.0, 0.0, 105.0, 80.0, 0.0, 0.0]
    assert later["active"].tolist() == [True, True, False, True, True, False, False]
    # without customers=, only the buyers of the period
    assert period_activity(log(), ("2024-03-01", "2024-06-30")).index.tolist() == [1, 2, 4, 5]


def test_period_activity_bad_period():
    with pytest.raises(ValueError, match="start 2024-06-30 is after end"):
        period_activity(log(), ("2024-06-30", "2024-01-01"))
    with pytest.raises(ValueError, match="duplicate"):
        period_activity(log(), ("2024-01-01", "2024-06-30"), customers=[1, 1])


def test_segment_summary_by_hand():
    # calibration up to 2024-03-31 (see test_rfm_table_truncate_keeps_the_calibration_period),
    # later period April to June
    table = rfm_table(log(), as_of="2024-03-31", truncate=True)
    groups = pd.Series(["a", "a", "b", "a", "b", "b"], index=table.index, name="groupe")
    later = period_activity(log(), ("2024-04-01", "2024-06-30"), customers=table.index)
    summary = segment_summary(table, groups, later=later)
    assert summary["customers"].tolist() == [3, 3]  # a: 1, 2, 4; b: 3, 6, 7
    assert summary["customer_share"].tolist() == [0.5, 0.5]
    # revenue = frequency x mean = totals 65 + 100 + 55 = 220 (a) and 10 + 200 + 35 = 245 (b)
    assert summary["revenue"].tolist() == pytest.approx([220.0, 245.0])
    assert summary["revenue_share"].tolist() == pytest.approx([220 / 465, 245 / 465])
    # mean recency: a (50 + 76 + 3) / 3 = 43; b (59 + 132 + 415) / 3 = 202
    assert summary["recency"].tolist() == pytest.approx([43.0, 202.0])
    # mean of the mean baskets: a (32.5 + 100 + 27.5) / 3 = 53.33; b (10 + 200 + 35) / 3
    assert summary["monetary"].tolist() == pytest.approx([160 / 3, 245 / 3])
    # later period: a -> 1 (Jun 20, 15), 2 (Apr 2, 60), 4 (Jun 30, 50): all active, spend 125 / 3
    # b -> nobody bought (5, who did, is not in the calibration table)
    assert summary["later_active_share"].tolist() == [1.0, 0.0]
    assert summary["later_spend"].tolist() == pytest.approx([125 / 3, 0.0])
    assert summary["later_purchase_days"].tolist() == [1.0, 0.0]
    assert summary.index.name == "groupe"


def test_segment_summary_needs_to_know_the_revenue():
    table = rfm_table(log(), as_of=AS_OF).copy()
    table.attrs = {}
    groups = pd.Series("x", index=table.index)
    with pytest.raises(ValueError, match="pass revenue= explicitly"):
        segment_summary(table, groups)
    with pytest.raises(ValueError, match="same index"):
        segment_summary(table, groups.iloc[:3], revenue=table["monetary"])


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
    table = rfm_table(frame, as_of="2024-12-31", monetary="total")
    assert table["monetary"].sum() == pytest.approx(frame["amount"].sum())
    mean = rfm_table(frame, as_of="2024-12-31")
    assert (mean["monetary"] * mean["frequency"]).sum() == pytest.approx(frame["amount"].sum())
    assert len(table) == frame["customer_id"].nunique()
    assert table["frequency"].sum() == len(frame[["customer_id", "day"]].drop_duplicates())
    assert table["recency"].min() >= 0
