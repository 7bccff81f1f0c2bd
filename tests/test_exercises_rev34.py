"""Figures added by the parts 3-4 review (helper rev34) agree with their computation.

The e-commerce revenue decomposition of « Vendre sur Internet »
(visits × conversion rate × average basket) is plain arithmetic, not a
package function: each written figure is recomputed, formatted like the page
and looked up in the page source.
"""

from __future__ import annotations

import math

from page_figures import page_text, plain

from marketing_kpi.display import euros, number, percent

SHOP = "ecosysteme-digital/vendre-sur-internet.md"


VISITS, CONVERSION, BASKET, TARGET = 400_000, 0.015, 85, 600_000


def test_worked_example():
    text = page_text(SHOP)
    orders = VISITS * CONVERSION  # 6 000 orders
    assert orders == 6000 and "400 000 × 1,5 % = 6 000" in text
    assert plain(euros(orders * BASKET, 0)) == "510 000 €" and "**510 000 €**" in text
    better = VISITS * 0.018 * BASKET  # conversion raised to 1,8 %: 7 200 orders
    assert round(better) == 612_000 and "612 000 €" in text
    assert round(better - orders * BASKET) == 102_000 and "102 000 €" in text
    assert round((better / (orders * BASKET) - 1) * 100) == 20 and "(+20 %)" in text


def test_exercise_three_levers():
    text = page_text(SHOP)
    per_visit = CONVERSION * BASKET  # 1,275 € per visit
    assert math.isclose(per_visit, 1.275) and "1,5 % × 85 = 1,275 €" in text
    visits = math.ceil(TARGET / per_visit)  # 470 588,2 → 470 589 visits
    assert plain(number(visits)) == "470 589" and "**470 589**" in text
    assert plain(percent(TARGET / per_visit / VISITS - 1, 1)) == "17,6 %" and "17,6 %" in text
    orders = TARGET / BASKET  # 7 058,8 orders
    assert plain(number(round(orders))) == "7 059" and "600 000 / 85 ≈ 7 059" in text
    assert plain(percent(orders / VISITS, 2)) == "1,76 %" and "**1,76 %**" in text
    assert TARGET / (VISITS * CONVERSION) == 100 and "600 000 / 6 000 = **100 €**" in text


def test_quiz_revenue():
    assert 200_000 * 0.02 * 60 == 240_000
    assert "200 000 × 0,02 × 60 = 240 000 €" in page_text(SHOP)


# --- « Les enjeux »: the 20/80 check, computed with the package ---------------------------

STAKES = "marketing-multicanal/enjeux.md"


def test_pareto_worked_example():
    import marketing_kpi as mk

    amounts = [1200, 800, 350, 300, 250, 200, 150, 120, 80, 50]  # C1..C10, total 3 500 €
    assert sum(amounts) == 3500 and "| 3 500 |" in page_text(STAKES)
    share = mk.pareto_share(amounts, top=0.2)  # the 2 largest: (1 200 + 800) / 3 500
    assert plain(percent(share, 0)) == "57 %"
    assert "$2\\,000 / 3\\,500 \\approx 57$ %" in page_text(STAKES)


def test_pareto_quiz():
    import marketing_kpi as mk

    # 50 customers: the 10 largest weigh 42 000 € out of 60 000 € (the others share 18 000 €)
    amounts = [4200] * 10 + [450] * 40
    assert sum(amounts) == 60000
    assert mk.pareto_share(amounts, top=0.2) == 0.7
    assert "42 000 / 60 000 = 70 %" in page_text(STAKES)
