"""The exercises, quizzes and case study of part 1 agree with the package.

Each row names a page of part 1, the figure the package computes from the
exercise's data, the figure the page states, and the text that states it
(French formatting, ordinary spaces as typed by the authors). Figures the
package does not compute (price elasticity, monthly to annual churn) are
checked with plain arithmetic, so that a page edited with a wrong figure fails.
"""

from __future__ import annotations

import pytest
from page_figures import page_text, plain, scores

import marketing_kpi as mk
from marketing_kpi.display import euros, number, percent

FIDELITE = "marketing-strategique/mesurer-la-fidelite.md"
CAS = "marketing-strategique/etude-de-cas.md"
PRIX = "marketing-strategique/prix-distribution-et-communication.md"
AACQ = "marketing-strategique/attirer-et-convertir.md"


@pytest.mark.parametrize(
    ("page", "value", "stated", "written"),
    [
        # Exercise 1: 250 answers, 120 promoters, 80 passives, 50 detractors -> 48 % - 20 %
        (FIDELITE, mk.nps(scores(120, 80, 50)), 28, "NPS = 48 − 20 = +28"),
        # quiz: 45 % promoters, 55 % passives, no detractor -> +45
        (FIDELITE, mk.nps(scores(45, 55, 0)), 45, "NPS = 45 − 0 = +45"),
        # quiz: 5 000 customers on 1 January, 750 lost
        (FIDELITE, mk.churn_rate(5000, 750), 0.15, "Attrition = 750 / 5 000 = 15 %"),
        # warning: at d = 0, m r / (1 - r) = m (lifetime - 1) = 100 x 4
        (FIDELITE, mk.clv(100, 0.8, 0), 400, "= 100 × (5 − 1) = 400 €"),
        # Exercise 2: monthly retention 0.98 -> 50 months
        (FIDELITE, mk.expected_lifetime(0.98), 50, "1 / (1 − 0,98) = 1 / 0,02 = 50 mois"),
        # Exercise 2: m = 45 €/month, r = 0.98, d = 0.01 -> 44.10 / 0.03
        (FIDELITE, round(mk.clv(45, 0.98, 0.01), 2), 1470, "= 44,10 / 0,03 = 1 470 €"),
        # Exercise 2: r = 0.985 -> 44.325 / 0.025
        (FIDELITE, round(mk.clv(45, 0.985, 0.01), 2), 1773, "= 44,325 / 0,025 = 1 773 €"),
        # acquisition exercise: m = 20 €, r = 0.6, d = 0.1 -> 12 / 0.5
        (AACQ, mk.clv(20, 0.6, 0.1), 24, "CLV = 20 × 0,6 / (1 + 0,1 − 0,6) = 12 / 0,5 = 24 €"),
        # quiz: m = 50 €, r = 0.7, d = 0.1 -> 35 / 0.4
        (FIDELITE, mk.clv(50, 0.7, 0.1), 87.5, "= 35 / 0,4 = 87,50 €"),
        # case study, annexe 4: stores 300/180/120, online 140/140/120, total 440/320/240
        (CAS, mk.nps(scores(300, 180, 120)), 30, "NPS = 50 − 20 = +30"),
        (CAS, mk.nps(scores(140, 140, 120)), 5, "NPS = 35 − 30 = +5"),
        (CAS, mk.nps(scores(440, 320, 240)), 20, "NPS = 44 − 24 = +20"),
        # case study, annexe 5: 400 000 card holders on 1 January, 100 000 lost
        (CAS, mk.churn_rate(400_000, 100_000), 0.25, "Attrition : 100 000 / 400 000 = 25 %"),
        (CAS, mk.retention_rate(400_000, 100_000), 0.75, "Rétention : 1 − 0,25 = 75 %"),
        (CAS, mk.expected_lifetime(0.75), 4, "1 / (1 − 0,75) = 1 / 0,25 = 4 ans"),
        # m = 60 €, r = 0.75, d = 0.10 -> 45 / 0.35; with the programme m = 50 €, r = 0.80
        (CAS, round(mk.clv(60, 0.75, 0.10), 2), 128.57, "= 45 / 0,35 ≈ 128,57 €"),
        (CAS, round(mk.clv(50, 0.80, 0.10), 2), 133.33, "= 40 / 0,30 ≈ 133,33 €"),
        # gain of the programme over the 400 000 card holders, in M€ to one decimal
        (
            CAS,
            round((mk.clv(50, 0.80, 0.10) - mk.clv(60, 0.75, 0.10)) * 400_000 / 1e6, 1),
            1.9,
            "4,76 × 400 000 ≈ 1,9 M€",
        ),
    ],
)
def test_page_states_the_value_the_package_computes(page, value, stated, written):
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert value == pytest.approx(stated), f"the package gives {value}, the page says {written!r}"


def test_formatted_like_the_pages():
    assert plain(number(mk.clv(45, 0.98, 0.01))) == "1 470"
    assert plain(euros(mk.clv(60, 0.75, 0.10))) == "128,57 €"
    assert plain(percent(mk.churn_rate(400_000, 100_000), 0)) == "25 %"
    assert plain(euros(mk.clv(50, 0.7, 0.1))) == "87,50 €"


def elasticity(p0: float, p1: float, q0: float, q1: float) -> float:
    """Price elasticity as the course computes it: (dQ / Q) / (dP / P), from the first period."""
    return ((q1 - q0) / q0) / ((p1 - p0) / p0)


@pytest.mark.parametrize(
    ("page", "prices", "quantities", "stated", "written"),
    [
        # worked example: lampe « Halo », 50 -> 45 €, 1 200 -> 1 380
        (PRIX, (50, 45), (1200, 1380), -1.5, r"\( e = 15 \% / (-10 \%) = -1{,}5 \)"),
        # exercise: bougie « Ambre » and lampadaire « Arc »
        (PRIX, (20, 22), (500, 470), -0.6, r"\( e = -6 / 10 = -0{,}6 \)"),
        (PRIX, (150, 135), (200, 250), -2.5, r"\( e = 25 / (-10) = -2{,}5 \)"),
        # quiz: coussin 25 -> 30 €, 400 -> 340
        (PRIX, (25, 30), (400, 340), -0.75, r"\( e = -15 / 20 = -0{,}75 \)"),
        # case study, annexe 6: applique « Lune », 80 -> 72 €, 300 -> 330
        (CAS, (80, 72), (300, 330), -1.0, r"\( e = 10 / (-10) = -1 \)"),
    ],
)
def test_elasticities(page, prices, quantities, stated, written):
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert elasticity(*prices, *quantities) == pytest.approx(stated)


@pytest.mark.parametrize(
    ("page", "value", "written"),
    [
        # turnover and margin of the elasticity example and exercise
        (PRIX, 45 * 1380, "45 × 1 380 = 62 100 €"),
        (PRIX, (45 - 30) * 1380, "(45 − 30) × 1 380 = 20 700 €"),
        (PRIX, 22 * 470, "22 × 470 = 10 340 €"),
        (PRIX, 135 * 250, "135 × 250 = 33 750 €"),
        (PRIX, (135 - 90) * 250, "(135 − 90) × 250 = 11 250 €"),
        (PRIX, (22 - 8) * 470, "(22 − 8) × 470 = 6 580 €"),
        # psychological price: 200 respondents, 50 « trop cher » and 30 « pas assez cher » at 45 €
        (PRIX, 200 - 50 - 30, "200 − 50 − 30 = 120 personnes"),
        (AACQ, round(15_000 / 540, 2), "15 000 / 540 ≈ 27,78 €"),
        (AACQ, round(15_000 / 720, 2), "15 000 / 720 ≈ 20,83 €"),
        (CAS, 72 * 330, "72 × 330 = 23 760 €"),
        (CAS, (72 - 40) * 330, "(72 − 40) × 330 = 10 560 €"),
        (CAS, 5_400_000 / 120_000, "5 400 000 / 120 000 = 45 €"),
    ],
)
def test_turnover_and_margins(page, value, written):
    figure = written.replace("≈", "=").rsplit("= ", 1)[1].split(" ")
    stated = float("".join(figure[:-1]).replace(",", ".")) if len(figure) > 1 else None
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert stated is not None and value == pytest.approx(stated)


def test_monthly_churn_conversion():
    # 2 % a month -> 1 - 0.98^12 on the year; 30 % a year -> 1 - 0.7^(1/12) a month
    text = page_text(FIDELITE)
    assert round(1 - (1 - 0.02) ** 12, 3) == pytest.approx(0.215)
    assert "Attrition annuelle : 1 − 0,7847 ≈ **21,5 %**" in text
    assert round(1 - (1 - 0.30) ** (1 / 12), 3) == pytest.approx(0.029)
    assert r"\approx 2{,}9 \) % par mois" in text
    # quiz: 3 % a month
    assert round(1 - 0.97**12, 3) == pytest.approx(0.306)
    assert "1 − 0,694 ≈ 30,6 %" in text
