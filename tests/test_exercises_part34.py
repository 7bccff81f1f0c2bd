"""The worked examples, exercises and case studies of parts 3 and 4 agree with the package.

Every figure written by hand in « Mesurer une campagne » and in the two case
studies is recomputed here, with the package when it computes the figure (RFM
scores) and with plain arithmetic otherwise (campaign KPIs, the z test,
attribution), then formatted like the pages and looked up in the page source.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from page_figures import page_text, plain

import marketing_kpi as mk
from marketing_kpi.display import euros, number, percent

CAMPAIGN = "marketing-multicanal/mesurer-une-campagne.md"
CASE_3 = "marketing-multicanal/etude-de-cas.md"
CASE_4 = "ecosysteme-digital/etude-de-cas.md"


def uplift_roi(targeted, buyers, control, control_buyers, margin, cost):
    """Incremental buyers and ROI on margin of a campaign with a random control group."""
    control_rate = control_buyers / control
    incremental = buyers - control_rate * targeted
    return incremental, (incremental * margin - cost) / cost


# --- RFM scored by hand (exercise 4) -------------------------------------------------

AS_OF = pd.Timestamp("2026-11-30")
CUSTOMERS = [
    # id, last purchase, purchase days, amount (the exercise's table)
    ("L01", "2026-11-20", 6, 1250),
    ("L02", "2026-10-02", 2, 180),
    ("L03", "2026-11-20", 4, 640),
    ("L04", "2025-12-15", 1, 95),
    ("L05", "2026-06-30", 3, 410),
    ("L06", "2026-09-12", 2, 960),
    ("L07", "2025-03-08", 1, 60),
    ("L08", "2026-11-02", 8, 2100),
    ("L09", "2026-04-18", 2, 230),
    ("L10", "2026-08-05", 3, 410),
]


def rfm_exercise() -> pd.DataFrame:
    table = pd.DataFrame(
        [(c, (AS_OF - pd.Timestamp(d)).days, f, m) for c, d, f, m in CUSTOMERS],
        columns=["client", "recency", "frequency", "monetary"],
    ).set_index("client")
    return mk.rfm_scores(table)


def test_rfm_exercise_rows_match_the_package():
    scores = rfm_exercise()
    text = page_text(CAMPAIGN)
    # k = number of customers strictly worse, as the corrigé counts them
    k_r = scores["recency"].rank(method="min", ascending=False).astype(int) - 1
    k_f = scores["frequency"].rank(method="min").astype(int) - 1
    k_m = scores["monetary"].rank(method="min").astype(int) - 1
    for client, row in scores.iterrows():
        # with 10 customers the package's score is 1 + k // 2
        assert row.R == 1 + k_r[client] // 2
        line = (
            f"| {client} | {row.recency} | {k_r[client]} | {row.R} "
            f"| {row.frequency} | {k_f[client]} | {row.F} "
            f"| {number(row.monetary)} | {k_m[client]} | {row.M} | {row.RFM} |"
        )
        assert plain(line) in text, f"row of {client} differs from the package: {plain(line)!r}"


def test_rfm_exercise_recencies_and_ties():
    scores = rfm_exercise()
    assert scores.loc[["L01", "L03"], "R"].tolist() == [5, 5]  # tied at 10 days
    assert scores.loc[["L02", "L06", "L09"], "F"].tolist() == [2, 2, 2]  # tied at 2 days
    assert scores.loc[["L05", "L10"], "M"].tolist() == [3, 3]  # tied at 410 €
    assert "L07 : 632" in page_text(CAMPAIGN)
    assert int(scores.loc["L07", "recency"]) == 632


# --- the « Lumières d'hiver » campaign --------------------------------------------------


def test_campaign_funnel_and_costs():
    text = page_text(CAMPAIGN)
    assert f"1 200 / 44 100 = **{plain(percent(1200 / 44100, 2))}**" in text  # 2,72 %
    assert f"1 200 / 3 000 = **{plain(percent(1200 / 3000, 0))}**" in text  # 40 %
    assert f"18 000 / 45 000 = **{plain(euros(18000 / 45000))}**" in text
    assert "18 000 / 1 200 = **15 €**" in text and 18000 / 1200 == 15


def test_campaign_control_group():
    incremental, roi = uplift_roi(45000, 2250, 5000, 175, 48, 18000)
    assert incremental == pytest.approx(675)
    assert roi == pytest.approx(0.80)
    text = page_text(CAMPAIGN)
    assert "2 250 − 1 575 = **675**" in text
    assert "675 × 48 = **32 400 €**" in text
    assert "(32 400 − 18 000) / 18 000 = **80 %**" in text
    assert f"0,40 / 48 = **{plain(percent(0.40 / 48, 2))}**" in text  # 0,83 %
    # attributed instead of incremental: 1 200 × 48 = 57 600 €, ROI 220 %
    assert (1200 * 48 - 18000) / 18000 == pytest.approx(2.2)
    assert plain(euros(18000 / 675)) == "26,67 €" and "26,67 €" in text


def z_test(n_a, x_a, n_b, x_b):
    p_a, p_b = x_a / n_a, x_b / n_b
    pooled = (x_a + x_b) / (n_a + n_b)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (p_b - p_a) / se0
    p_value = math.erfc(abs(z) / math.sqrt(2))
    se1 = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    return pooled, se0, z, p_value, (p_b - p_a - 1.96 * se1, p_b - p_a + 1.96 * se1)


def test_ab_test_worked_example():
    pooled, se0, z, p_value, (low, high) = z_test(12000, 360, 12000, 432)
    assert pooled == pytest.approx(0.033)
    assert round(se0, 6) == 0.002306
    assert round(z, 2) == 2.60
    assert round(p_value, 3) == 0.009
    assert (round(low * 100, 2), round(high * 100, 2)) == (0.15, 1.05)
    text = page_text(CAMPAIGN)
    for written in [
        "\\approx 0{,}002306",
        "\\approx 2{,}60",
        "≈ 0,009",
        "**de 0,15 à 1,05 point**",
    ]:
        assert written in text


def test_ab_test_exercise_not_significant():
    pooled, se0, z, p_value, (low, high) = z_test(8000, 200, 8000, 232)
    assert pooled == pytest.approx(0.027)
    assert round(se0, 5) == 0.00256
    assert round(z, 2) == 1.56 and z < 1.96
    assert round(p_value, 2) == 0.12
    assert (round(low * 100, 2), round(high * 100, 2)) == (-0.10, 0.90)
    text = page_text(CAMPAIGN)
    assert "\\approx 1{,}56" in text and "de −0,10 à +0,90 point" in text


def test_catalogue_exercise():
    # break-even 1,50 / 60; whole file at 2 %; deciles 1-3 (300 + 200 + 140 responders)
    assert 1.50 / 60 == pytest.approx(0.025)
    assert 50000 * (0.02 * 60 - 1.50) == pytest.approx(-15000)
    assert (300 + 200 + 140) * 60 - 15000 * 1.50 == pytest.approx(15900)
    text = page_text(CAMPAIGN)
    assert "1,50 / 60 = **2,5 %**" in text and "**15 900 €**" in text and "**15 000 €**" in text


def test_sms_exercise():
    cost = 18000 * 0.08 + 1000
    incremental, roi = uplift_roi(18000, 810, 2000, 70, 30, cost)
    assert cost == pytest.approx(2440)
    assert incremental == pytest.approx(180)
    assert round(roi * 100, 1) == 121.3
    assert round(cost / 18000 / 30 * 100, 2) == 0.45
    text = page_text(CAMPAIGN)
    assert "810 − 630 = **180**" in text and "≈ **121,3 %**" in text and "≈ **0,45 %**" in text


# --- attribution -------------------------------------------------------------------------

PATHS = [
    (["social", "email", "sea"], [14, 7, 0], 100),
    (["sea", "email"], [7, 0], 150),
    (["social", "sea"], [7, 0], 150),
    (["email"], [0], 100),
]
COSTS = {"social": 8000, "email": 2000, "sea": 10000}


def u_shaped(n):
    if n == 1:
        return [1.0]
    if n == 2:
        return [0.5, 0.5]
    return [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]


MODELS = {
    "Dernier clic": lambda days: [0] * (len(days) - 1) + [1],
    "Premier clic": lambda days: [1] + [0] * (len(days) - 1),
    "Linéaire": lambda days: [1 / len(days)] * len(days),
    "Décroissance temporelle (demi-vie 7 jours)": lambda days: [
        2 ** (-d / 7) / sum(2 ** (-e / 7) for e in days) for d in days
    ],
    "En U": lambda days: u_shaped(len(days)),
}


def attributed(model):
    totals = dict.fromkeys(COSTS, 0.0)
    for channels, days, orders in PATHS:
        for channel, weight in zip(channels, MODELS[model](days), strict=True):
            totals[channel] += weight * orders
    return totals


def shown(value):
    return plain(number(value, 1)).replace(",0", "")


@pytest.mark.parametrize("model", list(MODELS))
def test_attribution_table(model):
    totals = attributed(model)
    assert sum(totals.values()) == pytest.approx(500)
    row = f"| {model} | " + " | ".join(shown(totals[c]) for c in ("social", "email", "sea")) + " |"
    assert row in page_text(CAMPAIGN), row


@pytest.mark.parametrize("model", list(MODELS))
def test_attribution_sales_table(model):
    totals = attributed(model)
    label = model.replace(" (demi-vie 7 jours)", "")
    cells = " | ".join(plain(euros(totals[c] * 150, 0)) for c in ("social", "email", "sea"))
    assert f"| {label} | {cells} |" in page_text(CAMPAIGN)


def test_attribution_roi_social_last_and_first_click():
    last, first = attributed("Dernier clic"), attributed("Premier clic")
    assert (last["social"] * 60 - 8000) / 8000 == -1
    assert (first["social"] * 60 - 8000) / 8000 == pytest.approx(0.875)
    decay = attributed("Décroissance temporelle (demi-vie 7 jours)")
    assert round((decay["email"] * 60 - 2000) / 2000 * 100, 1) == 585.7


# --- case study, part 3 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("targeted", "buyers", "control", "control_buyers", "margin", "cost", "incr", "roi"),
    [
        (10000, 900, 1000, 60, 55, 18000, 300, "−8,3 %"),  # catalogue
        (60000, 4200, 6000, 390, 40, 2700, 300, "+344,4 %"),  # e-mail
        (20000, 1500, 2000, 130, 40, 2000, 200, "+300 %"),  # SMS
    ],
)
def test_case_study_part3_channels(
    targeted, buyers, control, control_buyers, margin, cost, incr, roi
):
    incremental, computed = uplift_roi(targeted, buyers, control, control_buyers, margin, cost)
    assert incremental == pytest.approx(incr)
    sign = "+" if computed > 0 else ""
    assert plain(sign + percent(computed, 1)).replace(",0 %", " %") == roi
    assert roi in page_text(CASE_3)


def test_case_study_part3_targeting():
    text = page_text(CASE_3)
    assert "1,80 / 55 ≈ **3,27 %**" in text and round(1.80 / 55 * 100, 2) == 3.27
    incremental = 2000 * 0.06 + 3000 * 0.035
    assert incremental == pytest.approx(225)
    assert (incremental * 55 - 5000 * 1.80) / (5000 * 1.80) == pytest.approx(0.375)
    assert "(12 375 − 9 000) / 9 000 = **+37,5 %**" in text
    for written, value in [
        ("42,86 €", 18000 / 420),
        ("1,84 €", 2700 / 1470),
        ("4,08 €", 2000 / 490),
    ]:
        assert plain(euros(value)) == written and written in text
    assert plain(percent(420 / 9800, 2)) == "4,29 %"


# --- case study, part 4 ------------------------------------------------------------------


def test_case_study_part4():
    text = page_text(CASE_4)
    assert plain(percent(640 / 1300, 1)) == "49,2 %" and "**49,2 %**" in text
    assert 4000 * 0.22 * 35 * 0.45 == pytest.approx(13860) and "**13 860 €**" in text
    site = 100 - 45 - 8 - 12 - 1.5
    marketplace = 100 - 45 - 8 - 15
    second = 100 - 45 - 8 - 1.5 - 1
    assert (marketplace, site, second) == (32, 33.5, 44.5)
    assert plain(euros(site + 0.30 * second)) == "46,85 €" and "**46,85 €**" in text
    assert plain(euros(marketplace + 0.05 * second)) == "34,23 €" and "**34,23 €**" in text
    assert plain(percent((149 - 139) / 149, 1)) == "6,7 %" and "**6,7 %**" in text
