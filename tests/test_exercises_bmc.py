"""The figures of part 5 (Business Model Canvas) are computed right.

Each row recomputes a figure of a part-5 page from the data the page gives
(prices TTC with 20 % VAT, costs HT, fixed costs), formats it as the page
writes it, and checks that the page source states it. The package has no
margin or break-even function: the arithmetic is plain, written out here.
"""

from __future__ import annotations

import math

import pytest
from page_figures import page_text, plain

from marketing_kpi.display import euros, number, percent

BLOCS = "business-model-canvas/blocs-vente-en-ligne.md"
EXEMPLE = "business-model-canvas/exemple.md"
MODELE = "business-model-canvas/modele-d-affaires.md"
CAS = "business-model-canvas/etude-de-cas.md"

VAT = 1.2  # French standard VAT rate, 20 %


def ht(ttc: float) -> float:
    return ttc / VAT


# --- the lamp « Halo »: 60 € TTC, bought 24 € HT -----------------------------
HALO_HT = ht(60)  # 50
HALO_MARGIN = HALO_HT - 24  # 26
HALO_DIRECT = HALO_MARGIN - 0.015 * 60  # payment fees 1.5 % of the TTC amount
HALO_MARKETPLACE = HALO_MARGIN - 0.15 * 60  # commission 15 % of the TTC price

# --- the ceramic bowl: 42 € TTC, 6.50 + 5 € HT variable, 1 200 € fixed -------
BOWL_HT = ht(42)
BOWL_MARGIN = BOWL_HT - (6.5 + 5)

# --- the pendant lamp of the exercise: 90 € TTC, bought 33 € HT --------------
PENDANT_HT = ht(90)
PENDANT_MARGIN = PENDANT_HT - 33

# --- the case study « Lumen Seconde Vie » -------------------------------------
CASE_HT = ht(54)
CASE_DIRECT = CASE_HT - (8 + 9 + 2 + 0.015 * 54)
CASE_MARKETPLACE = CASE_HT - (8 + 9 + 2 + 0.15 * 54)
CASE_FIXED = 18_000 + 64_000 + 6_000 + 12_000
CASE_BREAK_EVEN = math.ceil(CASE_FIXED / round(CASE_DIRECT, 2))
CASE_MIX = 0.6 * round(CASE_DIRECT, 2) + 0.4 * round(CASE_MARKETPLACE, 2)
CASE_MIX_BREAK_EVEN = math.ceil(CASE_FIXED / CASE_MIX)


@pytest.mark.parametrize(
    ("page", "value", "stated", "written"),
    [
        # the lamp, on the worked example and on the business-model page
        (EXEMPLE, HALO_HT, 50, "60 / 1,2 = **50 € HT**"),
        (EXEMPLE, HALO_MARGIN, 26, "50 − 24 = **26 € HT**"),
        (EXEMPLE, 0.015 * 60, 0.90, "0,015 × 60 = 0,90 €"),
        (EXEMPLE, HALO_DIRECT, 25.10, "26 − 0,90 = **25,10 € HT**"),
        (EXEMPLE, HALO_MARKETPLACE, 17, "26 − 9 = **17 € HT**"),
        (EXEMPLE, HALO_MARGIN / HALO_HT, 0.52, "26 / 50 = 52 %"),
        (EXEMPLE, HALO_DIRECT - HALO_MARKETPLACE, 8.10, "laisse 8,10 € de moins"),
        (MODELE, HALO_HT, 50, "60 / 1,2 = 50 € HT"),
        (MODELE, HALO_MARGIN, 26, "50 − 24 € d'achat = 26 € HT"),
        (MODELE, 0.15 * 60, 9, "0,15 × 60 = 9 €"),
        # the pendant-lamp exercise of the worked example
        (EXEMPLE, PENDANT_HT, 75, "90 / 1,2 = **75 € HT**"),
        (EXEMPLE, PENDANT_MARGIN, 42, "75 − 33 = **42 € HT**"),
        (EXEMPLE, PENDANT_MARGIN - 0.15 * 90, 28.50, "42 − 13,50 = **28,50 € HT**"),
        # the ceramic bowl
        (BLOCS, BOWL_HT, 35, "42 / 1,2 = **35 € HT**"),
        (BLOCS, BOWL_MARGIN, 23.50, "35 − 11,50 = **23,50 € HT**"),
        (BLOCS, math.ceil(1200 / BOWL_MARGIN), 52, "**52 bols**"),
        # the case study
        (CAS, CASE_HT, 45, "54 / 1,2 = **45 € HT**"),
        (CAS, CASE_DIRECT, 25.19, "45 − 19,81 = **25,19 €**"),
        (CAS, CASE_FIXED, 100_000, "= **100 000 €**"),
        (CAS, CASE_BREAK_EVEN, 3970, "**3 970 lampes**"),
        (CAS, 4500 * round(CASE_DIRECT, 2) - CASE_FIXED, 13_355, "**13 355 €**"),
        (CAS, CASE_MARKETPLACE, 17.90, "45 − 8 − 9 − 2 − 8,10 = **17,90 €**"),
        (CAS, CASE_MIX, 22.274, "= **22,274 €**"),
        (CAS, CASE_MIX_BREAK_EVEN, 4490, "**4 490 lampes**"),
        (CAS, 0.41 * 0.58, 0.2378, "41 % × 58 % ≈ 23,8 %"),
    ],
)
def test_page_states_the_computed_value(page, value, stated, written):
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert value == pytest.approx(stated, abs=5e-4), f"computed {value}, the page says {written!r}"


@pytest.mark.parametrize(
    ("page", "formatted"),
    [
        # written as marketing_kpi.display formats them (French separators)
        (CAS, euros(round(CASE_DIRECT, 2))),
        (CAS, euros(CASE_FIXED, 0)),
        (CAS, number(CASE_BREAK_EVEN)),
        (CAS, percent((4500 - CASE_BREAK_EVEN) / 4500)),
        (CAS, euros(round(CASE_MARKETPLACE, 2))),
        (EXEMPLE, euros(round(HALO_DIRECT, 2))),
        (BLOCS, euros(round(BOWL_MARGIN, 2))),
    ],
)
def test_formatted_like_the_package(page, formatted):
    assert plain(formatted) in page_text(page), f"{page} does not write {plain(formatted)!r}"


def test_no_margin_computed_on_a_ttc_price():
    """The two classic errors the pages warn about are never used as results."""
    exemple = page_text(EXEMPLE)
    assert "60 − 24 = 36 €" in exemple  # quoted once, in the warning, as the error
    assert "36 € de marge" not in page_text(MODELE)
    assert "Marge sur les produits" not in exemple
