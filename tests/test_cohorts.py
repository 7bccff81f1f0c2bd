"""Tests of marketing_kpi.cohorts on a log typed by hand (expected tables written out)."""

import numpy as np
import pandas as pd
import pytest

from marketing_kpi import (
    clv,
    cohort_counts,
    cohort_table,
    expected_lifetime,
    retention_curve,
    survival_clv,
    survival_lifetime,
)

# Six customers, thirteen purchases, observed until 2024-04-30 (end of April).
LOG = pd.DataFrame(
    [
        ("A", "2024-01-05"),  # cohort January
        ("A", "2024-02-10"),  # January cohort, 1 month later
        ("A", "2024-04-01"),  # 3 months later
        ("B", "2024-01-20"),  # cohort January
        ("B", "2024-01-25"),  # same month again: still one active customer in month 0
        ("B", "2024-03-03"),  # 2 months later
        ("F", "2024-01-31"),  # cohort January (last day of the month)
        ("F", "2024-04-02"),  # 3 months later
        ("C", "2024-02-14"),  # cohort February
        ("C", "2024-03-01"),  # 1 month later
        ("C", "2024-03-20"),  # same month again
        ("D", "2024-02-28"),  # cohort February, never comes back
        ("E", "2024-03-15"),  # cohort March
        ("E", "2024-04-30"),  # 1 month later, on the last observed day
    ],
    columns=["customer_id", "date"],
).astype({"date": "datetime64[ns]"})
NA = pd.NA

# Active customers per cohort (rows) and months since the first purchase (columns):
#   January  (A, B, F): month 0: 3; Feb: A -> 1; Mar: B -> 1; Apr: A, F -> 2
#   February (C, D):    month 0: 2; Mar: C -> 1; Apr: nobody -> 0; May: not observed
#   March    (E):       month 0: 1; Apr: E -> 1; May, June: not observed
EXPECTED_COUNTS = [[3, 1, 1, 2], [2, 1, 0, NA], [1, 1, NA, NA]]


def test_cohort_counts_by_month():
    counts = cohort_counts(LOG, end="2024-04-30")
    assert [str(p) for p in counts.index] == ["2024-01", "2024-02", "2024-03"]
    assert list(counts.columns) == [0, 1, 2, 3]
    expected = pd.DataFrame(EXPECTED_COUNTS, index=counts.index, columns=counts.columns)
    pd.testing.assert_frame_equal(counts, expected.astype("Int64"))


def test_cohort_table_shares():
    shares = cohort_table(cohort_counts(LOG, end="2024-04-30"))
    # January: 3/3, 1/3, 1/3, 2/3; February: 2/2, 1/2, 0/2, NaN; March: 1/1, 1/1, NaN, NaN
    expected = np.array([[1, 1 / 3, 1 / 3, 2 / 3], [1, 0.5, 0, np.nan], [1, 1, np.nan, np.nan]])
    np.testing.assert_allclose(shares.to_numpy(), expected)


def test_retention_curve_pools_the_cohorts_observed():
    curve = retention_curve(cohort_counts(LOG, end="2024-04-30"))
    # k=1: (1 + 1 + 1) / (3 + 2 + 1) = 0.5; k=2: (1 + 0) / (3 + 2) = 0.2 (March not observed);
    # k=3: 2 / 3 (January only)
    assert curve.tolist() == pytest.approx([1.0, 0.5, 0.2, 2 / 3])


def test_end_defaults_to_the_last_purchase_and_quarters():
    assert cohort_counts(LOG).equals(cohort_counts(LOG, end="2024-04-30"))
    quarters = cohort_counts(LOG, freq="Q")
    # 2024Q1: all six customers; 2024Q2 (k=1): A, F, E bought in April -> 3
    assert [str(p) for p in quarters.index] == ["2024Q1"]
    assert quarters.iloc[0].tolist() == [6, 3]


def test_bad_cohort_arguments():
    with pytest.raises(ValueError, match="freq"):
        cohort_counts(LOG, freq="W")
    with pytest.raises(ValueError, match="after end"):
        cohort_counts(LOG, end="2024-03-31")
    with pytest.raises(TypeError, match="DataFrame"):
        cohort_counts(LOG.to_dict())


def test_survival_clv_by_hand():
    # 100 * 0.5 / 1.1 + 100 * 0.3 / 1.1**2 = 45.4545 + 24.7934 = 70.2479
    assert survival_clv(100, [0.5, 0.3], 0.1) == pytest.approx(70.2479, abs=1e-4)
    # one margin per period: 100 * 0.5 / 1.1 + 200 * 0.3 / 1.21 = 45.4545 + 49.5868
    assert survival_clv([100, 200], [0.5, 0.3], 0.1) == pytest.approx(95.0413, abs=1e-4)
    # lifetime: 1 + 0.5 + 0.3 = 1.8 periods
    assert survival_lifetime([0.5, 0.3]) == pytest.approx(1.8)


@pytest.mark.parametrize("r", [0.3, 0.6, 0.85])
def test_geometric_curve_gives_the_constant_retention_formulas(r):
    # S_t = r**t: the observed-curve formulas meet clv() and expected_lifetime()
    curve = r ** np.arange(1, 6)
    assert survival_clv(80, curve, 0.1) == pytest.approx(clv(80, r, 0.1, horizon=5))
    long_curve = r ** np.arange(1, 400)
    assert survival_lifetime(long_curve) == pytest.approx(expected_lifetime(r))


def test_bad_survival_curves():
    with pytest.raises(ValueError, match="between 0 and 1"):
        survival_lifetime([0.5, 1.2])
    with pytest.raises(ValueError, match="2 values but the survival curve has 3"):
        survival_clv([1.0, 2.0], [0.5, 0.4, 0.3], 0.1)
    with pytest.raises(ValueError, match="discount_rate"):
        survival_clv(10, [0.5], -1)
    with pytest.raises(TypeError, match="numeric"):
        survival_lifetime(["0.5"])
