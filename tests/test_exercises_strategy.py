"""The exercises of the strategy chapters of part 1 agree with a computation.

Relative market shares (BCG), budgets and control gaps are plain arithmetic,
not part of the package: they are recomputed here and formatted with
``marketing_kpi.display`` so that a page edited with a wrong figure fails.
The NPS of the mid-year control is computed with the package.
"""

from __future__ import annotations

import pytest
from page_figures import page_text, plain

import marketing_kpi as mk
from marketing_kpi.display import number, percent

STRATEGIES = "marketing-strategique/strategies-marketing.md"
PLAN = "marketing-strategique/plan-marketing.md"


# Business units of Maison Lumen in the BCG exercise:
# (name, market size M€, market growth, own sales M€, largest competitor's sales M€, cell)
UNITS = [
    ("Luminaires décoratifs", 1200, 0.03, 96, 80, "Vache à lait"),  # leader: 80 is no. 2
    ("Linge de maison", 2000, 0.02, 27, 150, "Poids mort"),
    ("Éclairage connecté", 300, 0.18, 12, 60, "Dilemme"),
    ("Maison Lumen Pro", 250, 0.12, 25, 20, "Vedette"),  # leader: 20 is no. 2
    ("Bougies et parfums d'intérieur", 500, 0.06, 20, 50, "Poids mort"),
]


def bcg_cell(growth: float, relative_share: float, growth_threshold: float = 0.10) -> str:
    high_growth = growth > growth_threshold
    leader = relative_share > 1
    return {
        (True, True): "Vedette",
        (False, True): "Vache à lait",
        (True, False): "Dilemme",
        (False, False): "Poids mort",
    }[(high_growth, leader)]


@pytest.mark.parametrize(("name", "market", "growth", "own", "largest", "cell"), UNITS)
def test_bcg_corrige_states_each_share_and_cell(name, market, growth, own, largest, cell):
    text = page_text(STRATEGIES)
    share = own / market
    relative = own / largest
    decimals = 2 if name == "Linge de maison" else 1  # 1,35 % is written with two decimals
    share_text = plain(percent(share, decimals)).replace(",0 %", " %")
    relative_text = plain(number(relative, 2)).rstrip("0").rstrip(",")
    assert f"| {name} | {own} / {number(market).replace(chr(0x202F), ' ')} = {share_text} |" in text
    assert f"{own} / {largest} = {relative_text} |" in text
    assert bcg_cell(growth, relative) == cell
    assert f"| {relative_text} {'>' if relative > 1 else '<'} 1 | {cell} |" in text


def test_bcg_portfolio_adds_up_to_the_stated_turnover():
    total = sum(unit[3] for unit in UNITS)
    assert total == 180
    assert "qui totalisent 180 M€" in page_text(STRATEGIES)
    # the whole company: 180 M€ + 140 M€ of furniture = 320 M€, as in the case study of part 1
    assert 180 + 140 == 320
    assert "Maison Lumen réalise 320 M€ de chiffre d'affaires en 2025" in page_text(STRATEGIES)
    assert "96 / 320 = 30 %" in page_text(STRATEGIES)
    # weight of the cash cow: 96 / 180
    assert plain(percent(96 / total, 1)) == "53,3 %"
    assert "96 / 180 = 53,3 %" in page_text(STRATEGIES)


def test_relative_share_quiz():
    # 30 M€ against a leader at 120 M€; the distractor divides by the three players' total
    assert 30 / 120 == pytest.approx(0.25)
    assert plain(number(30 / 170, 2)) == "0,18"
    text = page_text(STRATEGIES)
    assert "- [x] 0,25, car on divise ses ventes par celles du leader" in text


def test_action_plan_budget_adds_up():
    costs = [1800, 700, 1000, 700, 3200, 2000, 300, 400]
    assert sum(costs) == 10100
    text = page_text(PLAN)
    assert "1 800 + 700 + 1 000 + 700 + 3 200 + 2 000 + 300 + 400 = 10 100 k€" in text
    assert "| **Total** | | | | **10 100** |" in text
    assert plain(number(10.1 / 340 * 100, 2)) == "2,97"
    assert "10,1 / 340 = 2,97 %" in text


def test_budget_methods_exercise():
    text = page_text(PLAN)
    assert 340 * 0.03 == pytest.approx(10.2)
    assert 340 * 0.035 == pytest.approx(11.9)
    assert "340 M€ × 3 % = 10,2 M€" in text
    assert "340 M€ × 3,5 % = 11,9 M€" in text
    assert "10 200 − 10 100 = 100 k€" in text
    assert "11 900 − 10 100 = 1 800 k€" in text
    # growth objective 325 -> 340 M€
    assert plain(percent((340 - 325) / 325, 1)) == "4,6 %"
    assert "(340 − 325) / 325 = 4,6 %" in text


@pytest.mark.parametrize(
    ("target", "actual", "written"),
    [
        (150.0, 143.5, "−6,5 / 150,0 = −4,3 %"),
        (16000, 19200, "3 200 / 16 000 = +20 %"),
        (7, 4, "−3 / 7 = −42,9 %"),
        (5000, 5350, "350 / 5 000 = +7 %"),
    ],
)
def test_control_gaps(target, actual, written):
    gap = (actual - target) / target
    shown = plain(percent(abs(gap), 1)).replace(",0 %", " %")
    sign = "+" if gap > 0 else "−"
    assert written.endswith(f"= {sign}{shown}")
    assert written in page_text(PLAN)


def test_mid_year_nps_with_the_package():
    # 500 answers: 210 promoters, 190 passives, 100 detractors -> 42 % - 20 %
    scores = [10] * 210 + [8] * 190 + [3] * 100
    assert mk.nps(scores) == pytest.approx(22)
    text = page_text(PLAN)
    assert "NPS = 42 − 20 = +22" in text
    assert "22 − 27 = −5 points" in text


def test_case_study_of_maison_lumen_pro():
    text = page_text(PLAN)
    # market and sales growth 2025 -> 2026
    assert plain(percent((280 - 250) / 250, 0)) == "12 %"
    assert "(280 − 250) / 250 = 12 %" in text
    assert "(28 − 25) / 25 = 12 %" in text
    # share and relative share (leader: divided by the no. 2)
    assert "28 / 280 = 10 %" in text
    assert plain(number(28 / 24, 2)) == "1,17"
    assert "28 / 24 = 1,17" in text
    # competitor growth 24 / 20 - 1
    assert 24 / 20 - 1 == pytest.approx(0.20)
    # NPS of 80 answers: 36 promoters, 28 passives, 16 detractors -> 45 % - 20 %
    scores = [10] * 36 + [8] * 28 + [3] * 16
    assert mk.nps(scores) == pytest.approx(25)
    assert "NPS = 45 − 20 = +25" in text
    # 2027 sales keeping a 10 % share of a market growing 12 %
    assert plain(number(280 * 1.12, 1)) == "313,6"
    assert "280 × 1,12 = 313,6 M€" in text
    assert plain(number(313.6 * 0.10, 2)) == "31,36"
    assert "313,6 × 10 % = 31,36 M€" in text
    # budgets
    assert plain(number(31.36 * 0.02 * 1000, 1)) == "627,2"
    assert "31,36 M€ × 2 % = 627,2 k€" in text
    assert sum([220, 180, 80, 120, 100]) == 700
    assert "220 + 180 + 80 + 120 + 100 = 700 k€" in text
    assert plain(number(700 - 627.2, 1)) == "72,8"
    assert "700 − 627,2 = 72,8 k€" in text
