"""Figures of part 5 (Business Model Canvas) added or corrected in review rev5.

Each row recomputes, from the data the page gives, a figure that the review
added or corrected (quiz keys and distractors, safety margin and index), and
checks that the page source states it as written. The package has no margin or
break-even function: the arithmetic is plain, written out here.
"""

from __future__ import annotations

import math

import pytest
from page_figures import page_text, plain

from marketing_kpi.display import number, percent

BLOCS = "business-model-canvas/blocs-vente-en-ligne.md"
EXEMPLE = "business-model-canvas/exemple.md"
CAS = "business-model-canvas/etude-de-cas.md"

VAT = 1.2  # French standard VAT rate, 20 %


# the lamp « Halo »: 60 € TTC, bought 24 € HT; 1.5 % payment fees on the site,
# 15 % commission (of the TTC price) on the marketplace
HALO_DIRECT = 60 / VAT - 24 - 0.015 * 60  # 25.10 € HT
HALO_MARKET = 60 / VAT - 24 - 0.15 * 60  # 17 € HT
HALO_SHIFT = 0.25 * 10_000  # 5 % -> 30 % of 10 000 lamps: 2 500 lamps move

# the case study: 100 000 € fixed costs, 25,19 € unit margin, 4 500 lamps planned
CASE_UNIT = round(54 / VAT - (8 + 9 + 2 + 0.015 * 54), 2)  # 25.19
CASE_BREAK_EVEN = math.ceil(100_000 / CASE_UNIT)  # 3 970
CASE_SAFETY = 4500 - CASE_BREAK_EVEN  # 530 lamps


@pytest.mark.parametrize(
    ("page", "value", "stated", "written"),
    [
        # quiz on the marketplace share (exemple.md): key and distractors
        (
            EXEMPLE,
            HALO_SHIFT * (HALO_DIRECT - HALO_MARKET),
            20_250,
            "20 250 € HT, soit 2 500 lampes × 8,10 €",
        ),
        (EXEMPLE, HALO_SHIFT * 0.15 * 60, 22_500, "22 500 € HT, soit 2 500 lampes × 9 €"),
        (
            EXEMPLE,
            3000 * (HALO_DIRECT - HALO_MARKET),
            24_300,
            "24 300 € HT, soit 3 000 lampes × 8,10 €",
        ),
        (
            EXEMPLE,
            10_000 * (HALO_DIRECT - HALO_MARKET),
            81_000,
            "81 000 € HT, soit 10 000 lampes × 8,10 €",
        ),
        # quiz on the Halo margin: the « 20 % off the TTC price » error
        (EXEMPLE, 60 * 0.8 - 24, 24, "24 €, soit 48 € HT moins 24 € HT"),
        # the bowl quiz (blocs-vente-en-ligne.md): VAT wrongly added to costs
        (BLOCS, 42 / VAT - (11.5 + (42 - 42 / VAT)), 16.50, "16,50 €, soit 35 € moins 18,50 €"),
        # the case study: safety margin (units and euros) and index
        (CAS, CASE_SAFETY, 530, "4 500 − 3 970 = **530 lampes**"),
        (CAS, CASE_SAFETY * 54 / VAT, 23_850, "530 × 45 = 23 850 € HT"),
        (CAS, CASE_SAFETY / 4500, 0.1178, "530 / 4 500 ≈ **11,8 %**"),
        # the break-even quiz of the case study: key and distractors
        (
            CAS,
            100_000 / (45 - 20),
            4000,
            "4 000 lampes, soit 100 000 € divisés par la marge de 25 €",
        ),
        (CAS, math.ceil(100_000 / 45), 2223, "2 223 lampes"),
        (CAS, math.ceil(100_000 / 65), 1539, "1 539 lampes"),
    ],
)
def test_page_states_the_computed_value(page, value, stated, written):
    assert written in page_text(page), f"{page} no longer says {written!r}"
    assert value == pytest.approx(stated, abs=5e-4), f"computed {value}, the page says {written!r}"


@pytest.mark.parametrize(
    ("page", "formatted"),
    [
        (EXEMPLE, number(HALO_SHIFT * (HALO_DIRECT - HALO_MARKET))),
        (CAS, number(CASE_SAFETY)),
        (CAS, percent(CASE_SAFETY / 4500)),
    ],
)
def test_formatted_like_the_package(page, formatted):
    assert plain(formatted) in page_text(page), f"{page} does not write {plain(formatted)!r}"
