"""Figures added to part 2 by its review agree with the package.

Each check computes a figure with ``marketing_kpi`` (or, for the funnel, with
the arithmetic the corrigé shows), formats it with ``marketing_kpi.display`` as
the page writes it, and asserts that the page source contains the written figure.
"""

from __future__ import annotations

import itertools

import pytest
from page_figures import page_text, plain

import marketing_kpi as mk
from marketing_kpi.display import euros, number, percent

QUALITE = "relation-client/qualite-de-la-relation.md"
PARCOURS = "relation-client/parcours-client.md"
SATISFACTION = "relation-client/satisfaction-et-qualite-de-service.md"


def test_pro_clients_nps_and_clv():
    text = page_text(QUALITE)
    # 200 answers: 90 promoters, 70 passives, 40 detractors -> 45 % - 20 %
    assert mk.nps([10] * 90 + [8] * 70 + [3] * 40) == pytest.approx(25)
    assert "NPS = 45 − 20 = **+25**" in text
    # m = 400 €, d = 10 %, three years, retention 75 % then 80 %
    low = mk.clv(400, 0.75, 0.1, horizon=3)
    high = mk.clv(400, 0.80, 0.1, horizon=3)
    assert plain(euros(low)) == "585,46 €"
    assert plain(euros(high)) == "656,35 €"
    assert "= **585,46 €**" in text
    assert "= **656,35 €**" in text
    assert plain(euros(high - low)) == "70,89 €"
    assert "656,35 − 585,46 = 70,89 €" in text
    # 1 200 clients: about 85 000 € of value; net of 60 € each: about 13 000 €
    assert round((high - low) * 1_200, -3) == 85_000
    assert round((high - low - 60) * 1_200, -3) == 13_000
    # at 78 % retention the gain no longer covers the 60 € cost
    assert mk.clv(400, 0.78, 0.1, horizon=3) - low < 60


def test_luminaires_funnel():
    text = page_text(PARCOURS)
    steps = [60_000, 30_000, 4_500, 3_150, 1_890]
    rates = [after / before for before, after in itertools.pairwise(steps)]
    assert [plain(percent(r, 0)) for r in rates] == ["50 %", "15 %", "70 %", "60 %"]
    assert plain(percent(steps[-1] / steps[0], 2)) == "3,15 %"
    assert "1 890 / 60 000 = **3,15 %**" in text
    orders = round(30_000 * 0.18 * rates[2] * rates[3])
    assert orders == 2_268 and orders - 1_890 == 378
    assert "2 268 − 1 890 = **378**" in text
    assert plain(number(378 * 85)) == "32 130"
    assert "378 × 85 = **32 130 €**" in text
    assert round(378 / (1_890 / 60_000)) == 12_000
    assert "378 / 0,0315 = **12 000**" in text


def test_csat_example_and_quiz():
    text = page_text(SATISFACTION)
    # chat example: 180 fives and 170 fours out of 500; mean 1 935 / 500
    assert plain(percent((180 + 170) / 500, 0)) == "70 %"
    assert (5 * 180 + 4 * 170 + 3 * 80 + 2 * 45 + 25) == 1_935
    assert plain(number(1_935 / 500, 1)) == "3,9"
    assert "CSAT = (180 + 170) / 500 = **70 %**" in text
    # quiz: 120 fives and 140 fours out of 400; mean 1 470 / 400
    assert plain(percent((120 + 140) / 400, 0)) == "65 %"
    assert (5 * 120 + 4 * 140 + 3 * 60 + 2 * 50 + 30) == 1_470
    assert plain(number(1_470 / 400, 1)) == "3,7"
    assert "- [x] 65 %, car 260 des 400 répondants" in text
