"""Tests of marketing_kpi.clv_models: summary table, BG/NBD, Gamma-Gamma, expected CLV.

The reference values are the published CDNOW results: the 1/10th sample of
2,357 customers, 39 weeks of calibration (1997-01-01 to 1997-09-30) and 39
weeks of holdout (to 1998-06-30), time in weeks.

* BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9,582.4
  (Fader, Hardie & Lee, 2005, Marketing Science 24(2), 275–284).
* Gamma-Gamma: p = 6.25, q = 3.74, γ = 15.44 on the 946 customers with a repeat
  purchase (Fader, Hardie & Lee, 2005, JMR 42(4); Fader & Hardie, 2013, note 025).

The two summary files compared with are those shipped in the lifetimes wheel,
read as plain CSV through the package metadata.
"""

from __future__ import annotations

import importlib.metadata
import warnings

import numpy as np
import pandas as pd
import pytest

from marketing_kpi import (
    BGNBDFit,
    ConvergenceError,
    GammaGammaFit,
    bgnbd_expected_purchases,
    bgnbd_log_likelihood,
    bgnbd_probability_alive,
    bgnbd_unconditional_purchases,
    cdnow_sample_transactions,
    cdnow_transactions,
    expected_clv,
    fit_bgnbd,
    fit_gamma_gamma,
    gamma_gamma_expected_spend,
    gamma_gamma_log_likelihood,
    purchase_summary,
)

PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def lifetimes_csv(name: str) -> pd.DataFrame:
    path = importlib.metadata.distribution("lifetimes").locate_file(f"lifetimes/datasets/{name}")
    return pd.read_csv(path, index_col=0)


def three_significant_figures(value: float) -> float:
    return float(f"{value:.3g}")


@pytest.fixture(scope="module")
def published_summary() -> pd.DataFrame:
    """cdnow_customers_summary.csv: ID, frequency, recency, T (weeks, 2 decimals)."""
    return lifetimes_csv("cdnow_customers_summary.csv")


@pytest.fixture(scope="module")
def published_spend() -> pd.DataFrame:
    """cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar."""
    return lifetimes_csv("cdnow_customers_summary_with_transactions.csv")


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    return purchase_summary(
        cdnow_sample_transactions(),
        calibration_end="1997-09-30",
        observation_end="1998-06-30",
        time_unit="weeks",
    )


@pytest.fixture(scope="module")
def bgnbd(published_summary) -> BGNBDFit:
    s = published_summary
    return fit_bgnbd(s["frequency"], s["recency"], s["T"])


@pytest.fixture(scope="module")
def gamma_gamma(summary) -> GammaGammaFit:
    return fit_gamma_gamma(summary["frequency"], summary["monetary"])


# --- data and summary table -------------------------------------------------------


def test_cdnow_sample_file():
    log = cdnow_sample_transactions()
    # 6,919 lines, 2,357 customers numbered 1 to 2,357, purchases over 78 weeks
    assert len(log) == 6_919
    assert log.columns.tolist() == ["customer_id", "master_id", "date", "quantity", "amount"]
    assert log["customer_id"].nunique() == 2_357
    assert (log["customer_id"].min(), log["customer_id"].max()) == (1, 2_357)
    assert log.groupby("customer_id")["master_id"].nunique().eq(1).all()
    assert log["date"].min() == pd.Timestamp("1997-01-01")
    assert log["date"].max() == pd.Timestamp("1998-06-30")


def test_cdnow_sample_is_one_customer_in_ten_of_the_full_log():
    # every line of the sample is a line of the full log, under the master id
    sample = cdnow_sample_transactions()
    full = cdnow_transactions()
    full = full[full["customer_id"].isin(sample["master_id"])]
    columns = ["customer_id", "date", "quantity", "amount"]
    ours = sample.drop(columns="customer_id").rename(columns={"master_id": "customer_id"})
    ours = ours[columns].sort_values(columns).reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, full[columns].sort_values(columns).reset_index(drop=True))


def test_summary_reproduces_the_published_file_row_for_row(summary, published_summary):
    # the published file is purchase_summary with day-exact dates, days / 7,
    # rounded to two decimals (customer 1: 213 days / 7 = 30.43, 272 / 7 = 38.86)
    assert summary.index.tolist() == published_summary.index.tolist()
    assert (summary["frequency"].to_numpy() == published_summary["frequency"].to_numpy()).all()
    for column in ("recency", "T"):
        rounded = summary[column].round(2).to_numpy()
        assert (rounded == published_summary[column].to_numpy()).all(), column
    assert summary["duration_holdout"].eq(39.0).all()  # 273 days


def test_summary_monetary_matches_the_published_zbar(summary, published_spend):
    # zbar = mean value of the repeat purchases, rounded half up in the file
    # (22.345 is written 22.35), hence the half-cent tolerance
    assert (summary["frequency"].to_numpy() == published_spend["x"].to_numpy()).all()
    gap = np.abs(summary["monetary"].to_numpy() - published_spend["zbar"].to_numpy())
    assert gap.max() <= 0.005 + 1e-9
    assert (summary["frequency"] > 0).sum() == 946


def test_summary_conventions_on_a_small_log():
    log = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "B", "C", "C"],
            "date": pd.to_datetime(
                [
                    "2024-01-01",  # A: first purchase, 10 €
                    "2024-01-01",  # A: same day, merged with it (10 + 5)
                    "2024-01-15",  # A: repeat purchase of 20 €
                    "2024-02-12",  # A: holdout purchase of 40 €
                    "2024-01-29",  # B: one purchase only
                    "2024-02-05",  # C: first purchase after the calibration end
                    "2024-02-19",
                ]
            ),
            "amount": [10.0, 5.0, 20.0, 40.0, 7.0, 8.0, 9.0],
        }
    )
    table = purchase_summary(
        log, calibration_end="2024-01-29", observation_end="2024-02-26", time_unit="days"
    )
    assert table.index.tolist() == ["A", "B"]  # C is not a customer yet at the calibration end
    a, b = table.loc["A"], table.loc["B"]
    assert (a["frequency"], a["recency"], a["T"], a["monetary"]) == (1, 14.0, 28.0, 20.0)
    assert (b["frequency"], b["recency"], b["T"], b["monetary"]) == (0, 0.0, 0.0, 0.0)
    assert (a["frequency_holdout"], a["monetary_holdout"]) == (1, 40.0)
    assert (b["frequency_holdout"], b["monetary_holdout"]) == (0, 0.0)
    assert table["duration_holdout"].eq(28.0).all()
    weeks = purchase_summary(log, calibration_end="2024-01-29", observation_end="2024-02-26")
    assert weeks.loc["A", "T"] == 4.0
    # without calibration end: no holdout columns, T counted to the last day
    whole = purchase_summary(log, amount=None)
    assert whole.columns.tolist() == ["frequency", "recency", "T"]
    assert whole.loc["A", "frequency"] == 2
    assert whole.loc["C", "T"] == 2.0  # 2024-02-05 to 2024-02-19


def test_summary_rejects_bad_input():
    log = pd.DataFrame(
        {
            "customer_id": [1, 1],
            "date": pd.to_datetime(["2024-01-01", "2024-03-01"]),
            "amount": [1.0, 2.0],
        }
    )
    with pytest.raises(ValueError, match="after as_of"):
        purchase_summary(log, observation_end="2024-02-01")
    with pytest.raises(ValueError, match="calibration_end must be before"):
        purchase_summary(log, calibration_end="2024-03-01")
    with pytest.raises(ValueError, match="time_unit"):
        purchase_summary(log, time_unit="months")
    with pytest.raises(TypeError, match="time_unit"):
        purchase_summary(log, time_unit=7)
    with pytest.raises(ValueError, match="negative"):
        purchase_summary(log.assign(amount=[1.0, -2.0]))
    with pytest.raises(ValueError, match="missing column"):
        purchase_summary(log.drop(columns="amount"))
    with pytest.raises(TypeError, match="must hold dates"):
        purchase_summary(log.assign(date=["2024-01-01", "2024-03-01"]))
    with pytest.raises(TypeError, match="'amount' must be numeric"):
        purchase_summary(log.assign(amount=["1,00", "2,00"]))
    with pytest.raises(ValueError, match="timezone-naive"):
        purchase_summary(log.assign(date=log["date"].dt.tz_localize("Europe/Paris")))


# --- BG/NBD -------------------------------------------------------------------------


def test_bgnbd_reproduces_the_published_parameters(bgnbd):
    # to the three decimals published (three significant figures or more)
    fitted = {name: round(getattr(bgnbd, name), 3) for name in PUBLISHED_BGNBD}
    assert fitted == PUBLISHED_BGNBD
    assert bgnbd.n_customers == 2_357


def test_bgnbd_log_likelihood_at_the_optimum_is_the_published_one(bgnbd, published_summary):
    assert round(bgnbd.log_likelihood, 1) == -9582.4
    s = published_summary
    assert bgnbd_log_likelihood(bgnbd, s["frequency"], s["recency"], s["T"]) == pytest.approx(
        bgnbd.log_likelihood
    )
    # the optimum: moving a parameter by 1 % lowers the likelihood
    for name in PUBLISHED_BGNBD:
        moved = BGNBDFit(
            **{**{n: getattr(bgnbd, n) for n in PUBLISHED_BGNBD}, name: 1.01 * getattr(bgnbd, name)}
        )
        assert bgnbd_log_likelihood(moved, s["frequency"], s["recency"], s["T"]) < (
            bgnbd.log_likelihood
        )


def test_bgnbd_on_day_exact_summary_agrees(summary, bgnbd):
    exact = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    for name in PUBLISHED_BGNBD:
        assert getattr(exact, name) == pytest.approx(getattr(bgnbd, name), rel=1e-3)
    assert round(exact.log_likelihood, 1) == -9582.4


def test_bgnbd_probability_alive_properties(bgnbd):
    # no repeat purchase: cannot have dropped out yet (drop-out follows a purchase)
    assert bgnbd_probability_alive(bgnbd, [0, 0], [0, 0], [10, 38]).tolist() == [1.0, 1.0]
    # same frequency: the longer the silence since the last purchase, the lower P(alive)
    silent = bgnbd_probability_alive(bgnbd, [3, 3, 3], [38, 25, 10], [38, 38, 38])
    assert silent[0] > silent[1] > silent[2] > 0
    # last purchase at T: P(alive) = 1 / (1 + a / (b + x - 1))
    at_end = bgnbd_probability_alive(bgnbd, [5], [38], [38])[0]
    assert at_end == pytest.approx(1 / (1 + bgnbd.a / (bgnbd.b + 4)))


def test_bgnbd_expectations_limits(bgnbd):
    assert bgnbd_unconditional_purchases(bgnbd, 0).tolist() == [0.0]
    curve = bgnbd_unconditional_purchases(bgnbd, np.arange(0, 79))
    assert (np.diff(curve) > 0).all()
    # a new customer (x = 0, T = 0) is a randomly chosen customer: eq. (10) = eq. (9)
    new = bgnbd_expected_purchases(bgnbd, 39.0, 0, 0, 0)
    assert new[0] == pytest.approx(bgnbd_unconditional_purchases(bgnbd, 39.0)[0])
    # eq. (9) by numerical integration of the expected purchase rate would be slow;
    # check instead its small-t slope: E[X(t)] ≈ t · r/α for small t
    assert bgnbd_unconditional_purchases(bgnbd, 1e-6)[0] / 1e-6 == pytest.approx(
        bgnbd.r / bgnbd.alpha, rel=1e-4
    )


def test_bgnbd_holdout_forecast_is_close_to_the_actual_total(summary, bgnbd):
    # 39-week holdout: 1,882 repeat purchases observed; the sum of the customers'
    # conditional expectations (eq. 10) under-forecasts it by about 12 %
    expected = bgnbd_expected_purchases(
        bgnbd, 39.0, summary["frequency"], summary["recency"], summary["T"]
    ).sum()
    actual = summary["frequency_holdout"].sum()
    assert actual == 1_882
    assert 0.85 * actual < expected < actual


def test_a_single_number_counts_for_every_customer(bgnbd, gamma_gamma):
    # the same age T for a whole cohort, or one frequency for a curve of recencies
    one_by_one = [bgnbd_probability_alive(bgnbd, 3, t_x, 38.86)[0] for t_x in (5.0, 20.0, 38.0)]
    at_once = bgnbd_probability_alive(bgnbd, 3, [5.0, 20.0, 38.0], 38.86)
    assert at_once.tolist() == pytest.approx(one_by_one)
    spend = gamma_gamma_expected_spend(gamma_gamma, 2, [10.0, 30.0])
    assert spend.shape == (2,)


def test_bgnbd_rejects_bad_input(bgnbd):
    with pytest.raises(ValueError, match="T contains negative"):
        fit_bgnbd([0, 1], [0, 1], [-1, 2])
    with pytest.raises(ValueError, match="frequency > 0 with recency 0"):
        fit_bgnbd([0, 2], [0, 0], [3, 4])
    with pytest.raises(ValueError, match="recency is greater than T"):
        bgnbd_probability_alive(bgnbd, [1], [5], [4])
    with pytest.raises(ValueError, match="frequency 0 with recency > 0"):
        bgnbd_log_likelihood(bgnbd, [0], [2], [4])
    with pytest.raises(ValueError, match="whole numbers"):
        fit_bgnbd([1.5], [1], [4])
    with pytest.raises(ValueError, match="different lengths"):
        fit_bgnbd([1, 2], [1, 2, 3], [4])
    with pytest.raises(ValueError, match="NaN"):
        fit_bgnbd([1, np.nan], [1, 1], [4, 4])
    with pytest.raises(TypeError, match="numeric"):
        fit_bgnbd(["1", "2"], [1, 1], [4, 4])
    with pytest.raises(TypeError, match="number"):
        fit_bgnbd("1", 1, 4)
    with pytest.raises(TypeError, match="numeric"):
        bgnbd_expected_purchases(bgnbd, [True], [1], [1], [4])
    with pytest.raises(ValueError, match="t \\(future duration\\)"):
        bgnbd_expected_purchases(bgnbd, -1, [1], [1], [4])
    with pytest.raises(TypeError, match="BGNBDFit"):
        bgnbd_probability_alive((0.2, 4, 0.8, 2.4), [1], [1], [4])
    with pytest.raises(ValueError, match="alpha must be positive"):
        BGNBDFit(r=0.2, alpha=-4.0, a=0.8, b=2.4)


def test_bgnbd_fit_that_does_not_converge_raises(published_summary):
    s = published_summary
    with pytest.raises(ConvergenceError, match="BG/NBD fit did not converge"):
        fit_bgnbd(s["frequency"], s["recency"], s["T"], max_iterations=5)


# --- Gamma-Gamma --------------------------------------------------------------------


def test_gamma_gamma_reproduces_the_published_parameters(gamma_gamma, published_spend):
    # day-exact monetary values: p = 6.25, q = 3.74, γ = 15.44, to the published decimals
    assert round(gamma_gamma.p, 2) == 6.25
    assert round(gamma_gamma.q, 2) == 3.74
    assert round(gamma_gamma.gamma, 2) == 15.44
    assert gamma_gamma.n_customers == 946
    # the file's zbar, rounded to the cent: same parameters to three significant figures
    rounded = fit_gamma_gamma(published_spend["x"], published_spend["zbar"])
    fitted = {name: getattr(rounded, name) for name in PUBLISHED_GAMMA_GAMMA}
    assert {k: three_significant_figures(v) for k, v in fitted.items()} == {
        k: three_significant_figures(v) for k, v in PUBLISHED_GAMMA_GAMMA.items()
    }
    assert gamma_gamma_log_likelihood(
        gamma_gamma, published_spend["x"], published_spend["zbar"]
    ) == pytest.approx(rounded.log_likelihood, abs=0.1)


def test_gamma_gamma_expected_spend_is_a_weighted_mean(gamma_gamma):
    p, q, gamma = gamma_gamma.p, gamma_gamma.q, gamma_gamma.gamma
    population = p * gamma / (q - 1)
    assert gamma_gamma.mean_spend == pytest.approx(population)
    spend = gamma_gamma_expected_spend(gamma_gamma, [0, 1, 10], [0.0, 50.0, 50.0])
    assert spend[0] == pytest.approx(population)  # no repeat purchase: the population mean
    weight = (q - 1) / (p * 1 + q - 1)
    assert spend[1] == pytest.approx(weight * population + (1 - weight) * 50.0)
    # more purchases: closer to the customer's own mean
    assert abs(spend[2] - 50.0) < abs(spend[1] - 50.0)


def test_gamma_gamma_rejects_bad_input(gamma_gamma):
    with pytest.raises(ValueError, match="monetary must be > 0"):
        fit_gamma_gamma([1, 2], [0.0, 10.0])
    with pytest.raises(ValueError, match="no customer with frequency > 0"):
        fit_gamma_gamma([0, 0], [0.0, 0.0])
    with pytest.raises(ValueError, match="monetary contains negative"):
        gamma_gamma_expected_spend(gamma_gamma, [1], [-3.0])
    with pytest.raises(TypeError, match="numeric"):
        fit_gamma_gamma([1, 2], ["a", "b"])
    with pytest.raises(ValueError, match="needs q > 1"):
        gamma_gamma_expected_spend(GammaGammaFit(p=6.0, q=0.9, gamma=15.0), [1], [10.0])
    with pytest.raises(ConvergenceError, match="Gamma-Gamma fit did not converge"):
        fit_gamma_gamma([1, 2, 3], [10.0, 12.0, 30.0], max_iterations=3)


# --- expected CLV -------------------------------------------------------------------


def test_expected_clv_is_the_discounted_sum_of_period_purchases(bgnbd, gamma_gamma, summary):
    customers = summary.loc[[1, 2, 3]]
    d, step, n = 0.002, 52 / 12, 6
    clv = expected_clv(
        bgnbd,
        gamma_gamma,
        customers,
        margin=0.3,
        discount_rate=d,
        periods=n,
        period_length=step,
    )
    assert clv.index.tolist() == [1, 2, 3]
    f, r, t = customers["frequency"], customers["recency"], customers["T"]
    spend = gamma_gamma_expected_spend(gamma_gamma, f, customers["monetary"])
    by_hand = np.zeros(3)
    for k in range(1, n + 1):
        during = (
            bgnbd_expected_purchases(bgnbd, k * step, f, r, t)
            - bgnbd_expected_purchases(bgnbd, (k - 1) * step, f, r, t)
            if k > 1
            else bgnbd_expected_purchases(bgnbd, step, f, r, t)
        )
        by_hand += 0.3 * spend * during / (1 + d) ** k
    assert clv.to_numpy() == pytest.approx(by_hand)
    # no discount: margin × spend × purchases expected over the whole horizon
    flat = expected_clv(
        bgnbd, gamma_gamma, customers, margin=0.3, discount_rate=0.0, periods=n, period_length=step
    )
    total = bgnbd_expected_purchases(bgnbd, n * step, f, r, t)
    assert flat.to_numpy() == pytest.approx(0.3 * spend * total)
    assert (clv < flat).all()


def test_expected_clv_rejects_bad_arguments(bgnbd, gamma_gamma, summary):
    few = summary.head(3)
    with pytest.raises(ValueError, match="margin is a share"):
        expected_clv(bgnbd, gamma_gamma, few, margin=30, discount_rate=0.01, periods=4)
    with pytest.raises(ValueError, match="discount_rate must be >= 0"):
        expected_clv(bgnbd, gamma_gamma, few, margin=0.3, discount_rate=-0.1, periods=4)
    with pytest.raises(TypeError, match="periods must be an integer"):
        expected_clv(bgnbd, gamma_gamma, few, margin=0.3, discount_rate=0.01, periods=4.0)
    with pytest.raises(ValueError, match="periods must be an integer >= 1"):
        expected_clv(bgnbd, gamma_gamma, few, margin=0.3, discount_rate=0.01, periods=0)
    with pytest.raises(ValueError, match="missing column"):
        expected_clv(
            bgnbd,
            gamma_gamma,
            few.drop(columns="monetary"),
            margin=0.3,
            discount_rate=0.01,
            periods=4,
        )
    with pytest.raises(TypeError, match="margin must be a number"):
        expected_clv(bgnbd, gamma_gamma, few, margin="30 %", discount_rate=0.01, periods=4)


# --- independent cross-check with the lifetimes library ----------------------------


@pytest.fixture(scope="module")
def lifetimes_fitters():
    # lifetimes 0.11.3 imports and fits with pandas 3 / NumPy 2 / autograd (checked
    # when this test was written); skip rather than fail if a future upgrade breaks it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lifetimes = pytest.importorskip("lifetimes")
    return lifetimes.BetaGeoFitter, lifetimes.GammaGammaFitter


def test_bgnbd_agrees_with_lifetimes(lifetimes_fitters, bgnbd, published_summary):
    beta_geo, _ = lifetimes_fitters
    s = published_summary
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = beta_geo().fit(s["frequency"], s["recency"], s["T"])
        their_expected = theirs.conditional_expected_number_of_purchases_up_to_time(
            39, s["frequency"], s["recency"], s["T"]
        )
        their_alive = theirs.conditional_probability_alive(s["frequency"], s["recency"], s["T"])
        their_curve = theirs.expected_number_of_purchases_up_to_time(np.arange(1, 79))
    for name in PUBLISHED_BGNBD:
        assert getattr(bgnbd, name) == pytest.approx(theirs.params_[name], rel=1e-4)
    # compare the formulas at the same parameters
    same = BGNBDFit(**{name: float(theirs.params_[name]) for name in PUBLISHED_BGNBD})
    ours = bgnbd_expected_purchases(same, 39, s["frequency"], s["recency"], s["T"])
    assert ours == pytest.approx(np.asarray(their_expected), rel=1e-8)
    alive = bgnbd_probability_alive(same, s["frequency"], s["recency"], s["T"])
    assert alive == pytest.approx(np.asarray(their_alive), rel=1e-8)
    curve = bgnbd_unconditional_purchases(same, np.arange(1, 79))
    assert curve == pytest.approx(np.asarray(their_curve), rel=1e-8)


def test_gamma_gamma_agrees_with_lifetimes(lifetimes_fitters, published_spend):
    _, gamma_gamma_fitter = lifetimes_fitters
    repeat = published_spend[published_spend["x"] > 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = gamma_gamma_fitter().fit(repeat["x"], repeat["zbar"])
        their_spend = theirs.conditional_expected_average_profit(repeat["x"], repeat["zbar"])
    ours = fit_gamma_gamma(published_spend["x"], published_spend["zbar"])
    assert ours.p == pytest.approx(theirs.params_["p"], rel=1e-4)
    assert ours.q == pytest.approx(theirs.params_["q"], rel=1e-4)
    assert ours.gamma == pytest.approx(theirs.params_["v"], rel=1e-4)
    same = GammaGammaFit(
        p=float(theirs.params_["p"]),
        q=float(theirs.params_["q"]),
        gamma=float(theirs.params_["v"]),
    )
    spend = gamma_gamma_expected_spend(same, repeat["x"], repeat["zbar"])
    assert spend == pytest.approx(np.asarray(their_spend), rel=1e-8)
