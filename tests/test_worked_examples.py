"""The worked examples written by hand in the course pages agree with the package.

Each row names a page, the number the package computes for the example's
data, and how the page writes it (French formatting, ordinary spaces as typed
by the authors). A page edited with a wrong figure, or a package change that
would contradict the course, fails here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from page_figures import page_text, plain, scores

import marketing_kpi as mk
from marketing_kpi.display import euros, number, percent

FIDELITE = "marketing-strategique/mesurer-la-fidelite.md"


@pytest.mark.parametrize(
    ("page", "value", "stated", "written"),
    [
        # 200 answers: 110 promoters, 50 passives, 40 detractors -> 55 % - 20 %
        (FIDELITE, mk.nps(scores(110, 50, 40)), 35, "NPS = 55 − 20 = **+35**"),
        # quiz: 400 answers, 180 promoters, 140 passives, 80 detractors -> 45 % - 20 %
        (FIDELITE, mk.nps(scores(180, 140, 80)), 25, "NPS = 45 − 20 = +25"),
        # 2 000 card holders at the start, 400 lost
        (FIDELITE, mk.churn_rate(2000, 400), 0.20, "400 / 2 000 = **20 %**"),
        (FIDELITE, mk.retention_rate(2000, 400), 0.80, "Rétention : 1 − 0,20 = **80 %**"),
        # r = 0.8 -> 5 years; r = 0.85 -> 6.7 years (rounded to one decimal)
        (FIDELITE, mk.expected_lifetime(0.8), 5, "Un client reste donc en moyenne **cinq ans**"),
        (FIDELITE, round(mk.expected_lifetime(0.85), 1), 6.7, "1 / 0,15 ≈ 6,7 ans"),
        # m = 100 €, r = 0.8, d = 0.1, rounded to the cent
        (FIDELITE, round(mk.clv(100, 0.8, 0.1), 2), 266.67, "≈ **266,67 €**"),
        (FIDELITE, round(mk.clv(100, 0.8, 0.1, horizon=3), 2), 164.09, "**164,09 €**"),
        (FIDELITE, round(100 + mk.clv(100, 0.8, 0.1), 2), 366.67, "≈ 366,67 €"),
        (FIDELITE, mk.clv(100, 0.85, 0.1), 340, "= 340 €"),
    ],
)
def test_page_states_the_value_the_package_computes(page, value, stated, written):
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert value == pytest.approx(stated), f"the package gives {value}, the page says {written!r}"


def test_formatted_like_the_pages():
    assert plain(euros(mk.clv(100, 0.8, 0.1))) == "266,67 €"
    assert plain(percent(mk.churn_rate(2000, 400), 0)) == "20 %"
    assert plain(number(mk.expected_lifetime(0.85), 1)) == "6,7"


def test_recency_frequency_example_of_the_multichannel_chapter():
    # the nine customers of « Mesurer et analyser », activity over T-1..T-4
    patterns = ["1111", "1011", "0110", "1000", "0011", "0001", "1101", "0100", "0000"]
    table = mk.recency_frequency_crosstab(pd.DataFrame({"pattern": patterns}))
    # as printed on the page: rows T-1..T-4, columns 1..4 purchase periods
    expected = {
        "T-1": [1, 0, 2, 1],  # C04 | - | C02, C07 | C01
        "T-2": [1, 1, 0, 0],  # C08 | C03
        "T-3": [0, 1, 0, 0],  # C05
        "T-4": [1, 0, 0, 0],  # C06
    }
    for recency, counts in expected.items():
        assert table.loc[recency, [1, 2, 3, 4]].tolist() == counts
    assert int(table.loc[mk.activity.NO_PURCHASE, 0]) == 1  # C09, left out of the page's total
    text = page_text("marketing-multicanal/mesurer-et-analyser.md")
    assert "| **T−1** | 1 (C04) | 0 | 2 (C02, C07) | 1 (C01) | 4 |" in text
