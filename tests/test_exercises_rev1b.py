"""Figures added or corrected by the review of part 1 (marketing opérationnel and loyalty pages).

Each row names a page, the figure recomputed here from the exercise's data, and
the text that states it (French formatting, ordinary spaces as typed by the
authors). Plain arithmetic for what the package does not compute (GRP, cost per
thousand contacts, break-even volume); the package for the NPS margins of error.
"""

from __future__ import annotations

import math

import pytest
from page_figures import page_text

PRIX = "marketing-strategique/prix-distribution-et-communication.md"
MIX = "marketing-strategique/marketing-mix.md"
CAS = "marketing-strategique/etude-de-cas.md"
FIDELITE = "marketing-strategique/mesurer-la-fidelite.md"


def nps_margin(promoters: float, detractors: float, n: int) -> float:
    """95 % margin of error of an NPS, in points: 1.96 sqrt((p + d - (p - d)^2) / n)."""
    return 100 * 1.96 * math.sqrt((promoters + detractors - (promoters - detractors) ** 2) / n)


@pytest.mark.parametrize(
    ("page", "value", "stated", "written"),
    [
        # lampadaire « Arc »: unit margin 60 -> 45 € (x 0.75), sales 200 -> 250 (x 1.25)
        (PRIX, 0.75 * 1.25, 0.9375, "0,75 × 1,25 = 0,9375, soit −6,25 %"),
        # sales needed to keep the 12 000 € margin at 45 € a unit: 12 000 / 45 = 266.7
        (PRIX, round(12_000 / 45), 267, "soit environ 267 par mois"),
        # affichage: 60 % reach x 5 = 300 GRP; 2 000 000 x 60 % x 5 contacts; 90 000 € cost
        (PRIX, 60 * 5, 300, "GRP : 60 × 5 = 300."),
        (PRIX, 2_000_000 * 0.60 * 5, 6_000_000, "contacts : 1 200 000 × 5 = 6 000 000"),
        (PRIX, 90_000 / 6_000_000 * 1000, 15, "90 000 / 6 000 000 × 1 000 = 15 €"),
        # media plans A (50 % x 5, 60 000 €) and B (70 % x 3, 63 000 €) on 1 500 000 people
        (PRIX, 50 * 5, 250, "GRP = 50 × 5 = 250"),
        (PRIX, 1_500_000 * 0.50 * 5, 3_750_000, "1 500 000 × 50 % × 5 = 3 750 000"),
        (PRIX, 60_000 / 3_750_000 * 1000, 16, "60 000 / 3 750 000 × 1 000 = 16 €"),
        (PRIX, 70 * 3, 210, "GRP = 70 × 3 = 210"),
        (PRIX, 1_500_000 * 0.70 * 3, 3_150_000, "1 500 000 × 70 % × 3 = 3 150 000"),
        (PRIX, 63_000 / 3_150_000 * 1000, 20, "63 000 / 3 150 000 × 1 000 = 20 €"),
        (
            PRIX,
            1_500_000 * (0.70 - 0.50),
            300_000,
            "1 050 000 personnes contre 750 000, soit 300 000 de plus",
        ),
        # quiz: 40 % x 6 and 60 % x 4
        (PRIX, 40 * 6, 240, "GRP : 40 × 6 = 240 pour l'affichage et 60 × 4 = 240 pour la radio"),
        # brand awareness survey: 620, 210 and 60 out of 1 000
        (MIX, 620 / 1000, 0.62, "(notoriété assistée : 62 %)"),
        (MIX, 210 / 1000, 0.21, "(notoriété spontanée : 21 %)"),
        (MIX, 60 / 1000, 0.06, "(*top of mind* : 6 %)"),
        # case study: NPS margins of error, stores (50 %, 20 %, 600) and online (35 %, 30 %, 400)
        (CAS, round(nps_margin(0.50, 0.20, 600)), 6, "environ ±6 points pour les magasins"),
        (CAS, round(nps_margin(0.35, 0.30, 400)), 8, "±8 points en ligne"),
        (CAS, 140 / 400, 0.35, "(140 sur 400, soit 35 %)"),
        # loyalty page: 250 answers, 48 % promoters, 20 % detractors -> 9.6 points
        (FIDELITE, round(nps_margin(0.48, 0.20, 250), 1), 9.6, "soit environ **9,6 points**"),
    ],
)
def test_page_states_the_recomputed_value(page, value, stated, written):
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert value == pytest.approx(stated), f"recomputed {value}, the page says {written!r}"


def test_gap_between_two_nps_margins():
    # the case study says the two margins combine to about ±10 points for the 25-point gap
    stores = nps_margin(0.50, 0.20, 600) / 196
    online = nps_margin(0.35, 0.30, 400) / 196
    assert round(196 * math.sqrt(stores**2 + online**2)) == 10
    assert "environ ±10 points pour l'écart" in page_text(CAS)
