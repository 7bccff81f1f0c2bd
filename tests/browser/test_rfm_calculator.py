"""The RFM calculator (snippets/calculateurs/rfm.md, hooks/rfm_calculator.py,
assets/javascripts/calculators.js) in a real browser.

For a table of cases typed in (CDNOW customers' own values, the boundaries of the
course's cut-offs, amounts exactly on an M threshold), the displayed R, F, M scores,
RFM code and segment must equal what marketing_kpi gives for that customer within
the CDNOW customers at the notebook's date of analysis: ``rfm_scores`` with the
course's cut-offs for R and F (``DEFAULT_CUTOFFS``) and quintiles for M, then
``rfm_segments``. A real customer is scored within the CDNOW table as it is; a
made-up customer is added to it as one more row. Bad inputs show a French message.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import marketing_kpi as kpi

from .audit import violations
from .test_calculators import PHONE, error_text, open_calculator, result_lines, type_inputs

PAGE = "marketing-multicanal/mesurer-et-analyser/"
AS_OF = "1998-07-01"  # as in notebooks/segmentation-rfm.ipynb
CUTOFFS = {"R": kpi.DEFAULT_CUTOFFS["R"], "F": kpi.DEFAULT_CUTOFFS["F"]}  # M: quintiles
SCRIPT = Path(__file__).resolve().parents[2] / "docs/assets/javascripts/calculators.js"


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    """RFM table of the 23,570 CDNOW customers (mean amount per purchase day)."""
    return kpi.rfm_table(kpi.cdnow_transactions(), as_of=AS_OF)


def package_result(table: pd.DataFrame, customer) -> tuple[int, int, int, str, str]:
    """R, F, M, code and segment of ``customer`` scored within ``table`` by the package."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # empty levels are not the point here
        scores = kpi.rfm_scores(table, cutoffs=CUTOFFS)
    segment = kpi.rfm_segments(scores)[customer]
    row = scores.loc[customer]
    return int(row["R"]), int(row["F"]), int(row["M"]), row["RFM"], str(segment)


def expected_for(cdnow: pd.DataFrame, recency, frequency, monetary, customer=None):
    if customer is not None:  # a CDNOW customer, scored among the others as they are
        return package_result(cdnow, customer)
    extra = pd.DataFrame(
        {"recency": [recency], "frequency": [frequency], "monetary": [monetary]},
        index=pd.Index(["calculateur"], name=cdnow.index.name),
    )
    return package_result(pd.concat([cdnow, extra]), "calculateur")


def thresholds_on_page(page) -> list[float]:
    form = page.locator('form[data-calculateur="rfm"]')
    return [float(x) for x in form.get_attribute("data-seuils-m").split()]


def real_customers(cdnow: pd.DataFrame, m_thresholds: list[float]) -> list[int]:
    """The first customer of each segment, the best and worst baskets, and a customer
    whose basket is exactly each M threshold (the threshold is an observed value)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        segments = kpi.rfm_segments(kpi.rfm_scores(cdnow, cutoffs=CUTOFFS))
    chosen = [ids[0] for _, ids in segments.groupby(segments, observed=True).groups.items()]
    chosen += [cdnow["monetary"].idxmax(), cdnow["monetary"].idxmin()]
    for threshold in m_thresholds:
        chosen.append(cdnow.index[cdnow["monetary"] == threshold][0])
    return chosen


# (days since the last purchase, purchase days, mean amount per purchase day)
MADE_UP = [
    (90, 4, 35),  # R = 4 up to 90 days included
    (91, 4, 35),  # R = 3 from 91
    (180, 2, 20),
    (181, 2, 20),
    (365, 3, 10),
    (366, 3, 10),  # R = 1 beyond 365
    (0, 1, 0),  # bought today, once, free items
    (30, 1, 14.37),  # F = 1; M exactly on the first threshold (M stays 1)
    (30, 5, 14.38),  # F = 5 gives F = 4 (4 or 5 purchase days)
    (30, 6, 20.75),  # F = 6 gives F = 5; M exactly on the second threshold
    (200, 12, 29.7575),  # M exactly on the third threshold
    (400, 2, 1000),
    (120, 3, 44.95),
]

BAD = [
    ({"recence": None}, "saisissez une valeur"),
    ({"frequence": None}, "saisissez une valeur"),
    ({"montant": None}, "saisissez une valeur"),
    ({"recence": -1}, "positive ou nulle"),
    ({"montant": -5}, "positive ou nulle"),
    ({"recence": 1.5}, "entier"),
    ({"frequence": 2.5}, "entier"),
    ({"frequence": 0}, "au moins 1"),
]
GOOD = {"recence": 60, "frequence": 4, "montant": 35}


def shown(page) -> tuple[int, int, int, str, str]:
    lines = result_lines(page, "rfm")
    return (
        int(lines["Score R (récence)"]),
        int(lines["Score F (fréquence)"]),
        int(lines["Score M (montant)"]),
        lines["Code RFM"],
        lines["Segment"],
    )


def test_rfm_calculator_matches_the_package(new_page, base_url, cdnow):
    page, watch = open_calculator(new_page, base_url, PAGE, "rfm")
    cases = [(None, *case) for case in MADE_UP]
    for customer in real_customers(cdnow, thresholds_on_page(page)):
        row = cdnow.loc[customer]
        cases.append((customer, int(row["recency"]), int(row["frequency"]), row["monetary"]))
    problems = []
    for customer, recency, frequency, monetary in cases:
        # repr: the shortest decimal that gives back the same double, as the package holds it
        typed = {"recence": recency, "frequence": frequency, "montant": repr(float(monetary))}
        type_inputs(page, "rfm", typed)
        expected = expected_for(cdnow, recency, frequency, monetary, customer)
        if shown(page) != expected:
            who = f"client {customer}" if customer is not None else "client inventé"
            problems.append(f"{who} {typed}: shown {shown(page)}, package {expected}")
    assert not problems, problems
    assert len(cases) >= len(MADE_UP) + 10
    assert not watch.faults()


def test_rfm_calculator_bad_inputs(new_page, base_url):
    page, watch = open_calculator(new_page, base_url, PAGE, "rfm")
    problems = []
    for change, message in BAD:
        type_inputs(page, "rfm", GOOD)
        assert not error_text(page, "rfm")
        type_inputs(page, "rfm", change)
        text = error_text(page, "rfm")
        if message not in text:
            problems.append(f"{change}: message {text!r}, expected « {message} »")
    assert not problems, problems
    assert not watch.faults()


def test_m_thresholds_come_from_the_package(new_page, base_url, cdnow):
    """The page's four thresholds reproduce the package's M score of every CDNOW
    customer, and the script types none of them (they come from the build)."""
    page, watch = open_calculator(new_page, base_url, PAGE, "rfm")
    thresholds = thresholds_on_page(page)
    assert len(thresholds) == 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        package_m = kpi.rfm_scores(cdnow, cutoffs=CUTOFFS)["M"].to_numpy()
    monetary = cdnow["monetary"].to_numpy()
    from_page = 1 + (monetary[:, None] > np.array(thresholds)[None, :]).sum(axis=1)
    assert (from_page == package_m).all()
    script = SCRIPT.read_text(encoding="utf-8")
    for threshold in thresholds:
        assert f"{threshold:.2f}".rstrip("0").rstrip(".") not in script, threshold
    # The page tells the reader the same thresholds, in French.
    text = page.locator("#calc-rfm-aide").inner_text()
    assert re.search(r"23\s570 clients", text), text
    assert "14,37" in text and "20,75" in text, text
    assert not watch.faults()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_rfm_calculator_passes_axe(new_page, base_url, scheme):
    page, watch = new_page(color_scheme=scheme, **PHONE)
    page.goto(base_url + PAGE)
    page.locator('form.calculateur--pret[data-calculateur="rfm"]').wait_for()
    problems = violations(page)
    page.fill("#calc-rfm-frequence", "0")
    assert error_text(page, "rfm")
    problems += violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not problems, problems
    assert not watch.faults()
