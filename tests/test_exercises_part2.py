"""The exercises, worked examples and case study of part 2 agree with the package.

Each check computes a figure with ``marketing_kpi`` (or, for the ROI and
breakage figures the package does not compute, with the arithmetic the
corrigé shows), formats it with ``marketing_kpi.display`` as the pages write
it, and asserts that the page source contains the written figure.
"""

from __future__ import annotations

import itertools

import pytest
from page_figures import page_text, plain, scores

import marketing_kpi as mk
from marketing_kpi.display import euros, number, percent

QUALITE = "relation-client/qualite-de-la-relation.md"
CYCLE = "relation-client/cycle-de-connaissance-client.md"
PROGRAMMES = "relation-client/programmes-de-fidelisation.md"
SATISFACTION = "relation-client/satisfaction-et-qualite-de-service.md"
CAS = "relation-client/etude-de-cas.md"
PARCOURS = "relation-client/parcours-client.md"


def roi(incremental_margin: float, cost: float) -> float:
    """ROI of an action, as in snippets/formules/roi-incremental.md."""
    return (incremental_margin - cost) / cost


@pytest.mark.parametrize(
    ("page", "written"),
    [
        # qualite-de-la-relation: m = 60 €, r = 0.7 then 0.8, d = 0.1, three years
        (QUALITE, "\\approx 77{,}94$"),
        (QUALITE, "environ 98,45 €"),
    ],
)
def test_three_year_clv_of_the_dashboard_example(page, written):
    assert plain(number(mk.clv(60, 0.7, 0.1, horizon=3), 2)) == "77,94"
    assert plain(euros(mk.clv(60, 0.8, 0.1, horizon=3))) == "98,45 €"
    assert written in page_text(page)


def test_case_study_portfolio():
    text = page_text(CAS)
    # members: 48 000 at the start, 7 200 lost; non-members: 32 000, 12 800 lost
    assert plain(percent(mk.churn_rate(48_000, 7_200), 0)) == "15 %"
    assert plain(percent(mk.retention_rate(48_000, 7_200), 0)) == "85 %"
    assert plain(percent(mk.churn_rate(32_000, 12_800), 0)) == "40 %"
    assert plain(percent(mk.retention_rate(32_000, 12_800), 0)) == "60 %"
    assert "7 200 / 48 000 = **15 %** | 1 − 0,15 = **85 %**" in text
    assert "12 800 / 32 000 = **40 %** | 1 − 0,40 = **60 %**" in text
    # CLV without horizon, margins at the end of each period: m r / (1 + d - r)
    assert plain(euros(mk.clv(168, 0.85, 0.1))) == "571,20 €"
    assert plain(euros(mk.clv(60, 0.6, 0.1), 0)) == "72 €"
    assert "= 142,80 / 0,25 = **571,20 €**" in text
    assert "= 36 / 0,5 = **72 €**" in text
    # the other convention adds the first margin; lifetime × margin is the classic error
    assert plain(euros(mk.clv(168, 0.85, 0.1) + 168)) == "739,20 €"
    assert plain(number(mk.expected_lifetime(0.85) * 168)) == "1 120"
    assert "571,20 + 168 = 739,20 €" in text
    assert "- [ ] 1 120 €, car la durée de vie espérée" in text
    # CLV / acquisition cost of 60 €
    assert plain(number(mk.clv(168, 0.85, 0.1) / 60, 1)) == "9,5"
    assert "571,20 / 60 ≈ **9,5**" in text


def test_case_study_nps():
    text = page_text(CAS)
    # 400 answers: 168 promoters, 132 passives, 100 detractors -> 42 % - 25 %
    assert mk.nps(scores(168, 132, 100)) == pytest.approx(17)
    breakdown = mk.nps_breakdown(scores(168, 132, 100))
    assert breakdown is not None
    assert "NPS = 42 − 25 = **+17**" in text
    assert "- [x] +17, car on retranche les 25 % de détracteurs des 42 % de promoteurs" in text


@pytest.mark.parametrize(
    ("page", "margin", "cost", "written"),
    [
        # reactivation campaign: 462 extra buyers × 96 € × 40 %, coupons 630 × 15 € + 4 200 × 0,10 €
        (CYCLE, 462 * 96 * 0.40, 630 * 15 + 4_200 * 0.10, "7 870,80 / 9 870 ≈ **79,7 %**"),
        # same campaign without the control group: all 630 buyers counted
        (CYCLE, 630 * 96 * 0.40, 630 * 15 + 4_200 * 0.10, "(24 192 − 9 870) / 9 870 ≈ 145,1 %"),
        # « Lumen & Moi » test: 50 € × 15 000 × 40 %; rewards 225 000 × 70 % + 60 000 + 30 000
        (PROGRAMMES, 50 * 15_000 * 0.40, 225_000 * 0.70 + 60_000 + 30_000, "**≈ 21,2 %**"),
        # same test with no breakage
        (PROGRAMMES, 300_000, 225_000 + 60_000 + 30_000, "(300 000 − 315 000) / 315 000 ≈ −4,8 %"),
        # one year on the whole network: 40 € × 120 000 × 40 %; 2 280 000 × 75 % + 250 000 + 360 000
        (PROGRAMMES, 40 * 120_000 * 0.40, 2_280_000 * 0.75 + 250_000 + 360_000, "≈ **−17,2 %**"),
        # reward cut to 3 € per 100 points
        (
            PROGRAMMES,
            1_920_000,
            45_600_000 * 0.75 / 100 * 3 + 610_000,
            "284 000 / 1 636 000 ≈ **17,4 %**",
        ),
        # case study: 50 € × 48 000 × 40 %; 806 400 × 80 % + 180 000 + 120 000
        (
            CAS,
            50 * 48_000 * 0.40,
            806_400 * 0.80 + 180_000 + 120_000,
            "(960 000 − 945 120) / 945 120 | **≈ 1,6 %**",
        ),
    ],
)
def test_roi_figures(page, margin, cost, written):
    rate = plain(percent(roi(margin, cost)))
    assert rate.lstrip("−") in written, f"ROI computes to {rate}, the page says {written!r}"
    assert written in page_text(page)


def test_subsidised_share_of_rewards():
    # part of the reward cost paid on purchases that would have happened anyway
    assert plain(percent(340 * 120_000 * 0.05 * 0.75 / 1_710_000)) == "89,5 %"
    assert plain(percent(370 * 48_000 * 0.04 * 0.80 / 645_120)) == "88,1 %"
    assert "1 530 000 / 1 710 000 ≈ **89,5 %**" in page_text(PROGRAMMES)
    assert "568 320 / 645 120 ≈ **88,1 %**" in page_text(CAS)


def test_servqual_scores():
    text = page_text(SATISFACTION)
    example = {"gaps": [0.4, -1.5, -1.4, -0.1, -0.1], "weights": [0.10, 0.35, 0.25, 0.15, 0.15]}
    exercise = {"gaps": [0.5, -0.6, -1.5, -0.2, 0.4], "weights": [0.05, 0.30, 0.30, 0.20, 0.15]}
    for case, simple, weighted in [(example, "−0,54", "−0,865"), (exercise, "−0,28", "−0,585")]:
        mean = sum(case["gaps"]) / 5
        score = sum(g * w for g, w in zip(case["gaps"], case["weights"], strict=False))
        assert plain(number(mean, 2)) == simple
        assert plain(number(score, 3)) == weighted
        assert f"**{simple}**" in text
        assert f"**{weighted}**" in text


def test_funnel_losses():
    text = page_text(PARCOURS)
    steps = [100_000, 42_000, 9_000, 6_300, 2_200]
    for before, after in itertools.pairwise(steps):
        passed = plain(percent(after / before))
        lost = plain(percent(1 - after / before))
        assert f"| {passed} | {lost} |" in text
