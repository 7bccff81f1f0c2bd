"""Tests of marketing_kpi.intervals against Newcombe's (1998) published examples."""

import numpy as np
import pytest

from marketing_kpi import difference_interval, mean_difference_interval, proportion_interval


def test_wilson_interval_of_newcombe_single_proportion_example():
    # Newcombe (1998a), Statistics in Medicine 17, 857-872, table II: 81/263,
    # Wilson score interval 0.2553 to 0.3662
    p, low, high = proportion_interval(81, 263)
    assert p == pytest.approx(81 / 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_wald_interval_by_hand():
    # 30 / 100: 0.3 ± 1.959964 × sqrt(0.3 × 0.7 / 100) = 0.3 ± 0.089817
    _, low, high = proportion_interval(30, 100, method="wald")
    assert (low, high) == pytest.approx((0.3 - 0.0898164, 0.3 + 0.0898164), abs=1e-6)


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # Newcombe (1998b), Statistics in Medicine 17, 873-890, table II, example (a):
        # 56/70 − 48/80 = 0.2000; method 1 (Wald) 0.0575 to 0.3425,
        # method 10 (score, hybrid) 0.0524 to 0.3339
        ("wald", (0.0575, 0.3425)),
        ("newcombe", (0.0524, 0.3339)),
    ],
)
def test_difference_of_newcombe_example(method, expected):
    difference, low, high = difference_interval(56, 70, 48, 80, method=method)
    assert difference == pytest.approx(0.2)
    assert (round(low, 4), round(high, 4)) == expected


def test_mean_difference_by_hand():
    # a: mean 2, sample variance 1 (n = 3); b: mean 1, variance 2/3 ... see below
    a, b = [1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 1.0]
    # mean(a) − mean(b) = 2 − 1 = 1; var(a) = 1, var(b) = 2/3; se = sqrt(1/3 + (2/3)/4)
    difference, low, high = mean_difference_interval(a, b)
    se = np.sqrt(1 / 3 + (2 / 3) / 4)
    assert difference == pytest.approx(1.0)
    assert (low, high) == pytest.approx((1 - 1.959964 * se, 1 + 1.959964 * se), abs=1e-5)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: proportion_interval(5, 0), ValueError, "n >= 1"),
        (lambda: proportion_interval(6, 5), ValueError, "successes <= n"),
        (lambda: proportion_interval(2.5, 5), TypeError, "must be an integer"),
        (lambda: proportion_interval(True, 5), TypeError, "must be an integer"),
        (lambda: proportion_interval(2, 5, method="exact"), ValueError, "method must be one of"),
        (lambda: proportion_interval(2, 5, confidence=1.0), ValueError, "confidence"),
        (lambda: difference_interval(1, 2, 1, 2, method="wilson"), ValueError, "method"),
        (lambda: mean_difference_interval([1.0], [1.0, 2.0]), ValueError, "two values"),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
