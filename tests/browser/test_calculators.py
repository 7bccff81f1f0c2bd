"""The KPI calculators (snippets/calculateurs/, assets/javascripts/calculators.js) in a
real browser: for each calculator, a table of cases is typed in, the displayed French
numbers are parsed and compared with marketing_kpi on the same inputs (to the displayed
precision); bad inputs must show a French message, never NaN or Infinity."""

from __future__ import annotations

import re

import pytest

import marketing_kpi as kpi

from .audit import violations

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 1}
FIDELITE = "marketing-strategique/mesurer-la-fidelite/"
CAMPAGNE = "marketing-multicanal/mesurer-une-campagne/"
EPS = 1e-9


def french_number(text: str) -> float:
    """« +1 234,57 € », « −33 points », « 12,5 % » → float."""
    match = re.search(r"[+−-]?\d[\d\u202f\u00a0 ]*(?:,\d+)?", text)
    assert match, f"no number in {text!r}"
    raw = re.sub(r"[\u202f\u00a0 ]", "", match.group(0))
    return float(raw.replace("−", "-").replace(",", "."))


def decimals_of(text: str) -> int:
    match = re.search(r"\d,(\d+)", text)
    return len(match.group(1)) if match else 0


def open_calculator(new_page, base_url, path, name):
    page, watch = new_page(**PHONE)
    page.goto(base_url + path)
    page.locator(f'form.calculateur--pret[data-calculateur="{name}"]').wait_for()
    return page, watch


def type_inputs(page, prefix: str, values: dict[str, object]) -> None:
    for field, value in values.items():
        selector = f"#calc-{prefix}-{field}"
        if value is None and page.input_value(selector) == "":
            page.fill(selector, "1")  # so that emptying the field is an input event
        page.fill(selector, "" if value is None else str(value))


def result_lines(page, prefix: str) -> dict[str, str]:
    """The displayed result as {label: value}; asserts no NaN/Infinity anywhere."""
    output = page.locator(f"#calc-{prefix}-resultat")
    text = output.inner_text()
    assert "NaN" not in text and "Infinity" not in text and "∞" not in text, text
    lines = {}
    for line in output.locator(".calculateur__ligne").all():
        label, _, value = line.inner_text().partition(":")
        lines[label.strip()] = value.strip()
    return lines


def error_text(page, prefix: str) -> str:
    output = page.locator(f"#calc-{prefix}-resultat")
    text = output.inner_text()
    assert "NaN" not in text and "Infinity" not in text, text
    error = output.locator(".calculateur__erreur")
    return error.inner_text() if error.count() else ""


def close(shown: str, expected: float, what: str, problems: list[str]) -> None:
    """The shown figure equals ``expected`` rounded to the shown number of decimals."""
    value = french_number(shown)
    tolerance = 0.5 * 10 ** -decimals_of(shown) + EPS
    if abs(value - expected) > tolerance:
        problems.append(f"{what}: shown {shown!r}, expected {expected}")


# --- NPS --------------------------------------------------------------------------------

NPS_CASES = [
    (110, 50, 40),  # the page's example: +35
    (0, 0, 1),
    (5, 0, 0),
    (0, 7, 0),
    (1, 1, 1),
    (2, 1, 0),  # 66,67 → +67
    (1, 0, 2),  # −33,33 → −33
    (1234, 5678, 910),
    (0, 1, 1),  # −50
]
NPS_BAD = [
    ((0, 0, 0), "Aucun répondant"),
    ((-1, 5, 5), "positive ou nulle"),
    ((None, 5, 5), "saisissez une valeur"),
    ((1.5, 2, 3), "entier"),
]


def test_nps_calculator(new_page, base_url):
    page, watch = open_calculator(new_page, base_url, FIDELITE, "nps")
    problems: list[str] = []
    for promoters, passives, detractors in NPS_CASES:
        type_inputs(
            page,
            "nps",
            {"promoteurs": promoters, "passifs": passives, "detracteurs": detractors},
        )
        lines = result_lines(page, "nps")
        scores = [10] * promoters + [7] * passives + [0] * detractors
        n = len(scores)
        case = f"NPS {promoters}/{passives}/{detractors}"
        close(lines["NPS"], kpi.nps(scores), case, problems)
        assert decimals_of(lines["NPS"]) == 0 and lines["NPS"].endswith("points")
        close(lines["Promoteurs"], 100 * promoters / n, case + " promoteurs", problems)
        close(lines["Passifs"], 100 * passives / n, case + " passifs", problems)
        close(lines["Détracteurs"], 100 * detractors / n, case + " détracteurs", problems)
    for (promoters, passives, detractors), message in NPS_BAD:
        type_inputs(
            page,
            "nps",
            {"promoteurs": promoters, "passifs": passives, "detracteurs": detractors},
        )
        shown = error_text(page, "nps")
        if message not in shown:
            problems.append(f"NPS {promoters}/{passives}/{detractors}: message {shown!r}")
    assert not problems, problems
    assert not watch.faults()


# --- attrition, retention, expected lifetime ----------------------------------------------

# (field typed, value in %) → the retention rate it means
ATTRITION_CASES = [
    ("attrition", 20),
    ("attrition", 100),
    ("attrition", 12.5),
    ("retention", 0),
    ("retention", 50),
    ("retention", 99.9),
    ("retention", 80),
]
ATTRITION_BAD = [
    ("retention", 100, "infinie"),
    ("attrition", 0, "infinie"),
    ("attrition", -5, "positive ou nulle"),
    ("attrition", 120, "dépasser 100"),
    ("retention", None, "saisissez une valeur"),
]


def test_attrition_calculator(new_page, base_url):
    page, watch = open_calculator(new_page, base_url, FIDELITE, "attrition")
    problems: list[str] = []
    for field, value in ATTRITION_CASES:
        type_inputs(page, "attrition", {field: value})
        retention = value / 100 if field == "retention" else 1 - value / 100
        other = "attrition" if field == "retention" else "retention"
        typed_other = float(page.input_value(f"#calc-attrition-{other}"))
        expected_other = 100 * (1 - retention) if other == "attrition" else 100 * retention
        if abs(typed_other - expected_other) > 1e-6:
            problems.append(f"{field}={value}: {other} field shows {typed_other}")
        lines = result_lines(page, "attrition")
        case = f"{field}={value}"
        close(lines["Rétention"], 100 * retention, case + " rétention", problems)
        close(lines["Attrition"], 100 * (1 - retention), case + " attrition", problems)
        close(
            lines["Durée de vie espérée"],
            kpi.expected_lifetime(retention),
            case + " durée",
            problems,
        )
    for field, value, message in ATTRITION_BAD:
        type_inputs(page, "attrition", {field: value})
        shown = error_text(page, "attrition")
        if message not in shown:
            problems.append(f"{field}={value}: message {shown!r}")
    assert not problems, problems
    assert not watch.faults()


# --- CLV ----------------------------------------------------------------------------------

# margin (€), retention (%), discount rate (%), horizon (periods or None)
CLV_CASES = [
    (100, 80, 10, None),  # 266,67 € (the page's example)
    (100, 80, 10, 3),  # 164,09 €
    (100, 80, 10, 1),
    (100, 0, 10, None),
    (100, 99.9, 10, None),
    (100, 80, 0, None),  # 400 €
    (100, 80, -10, None),  # 800 €
    (0, 80, 10, None),
    (250, 60, -20, 5),
    (1234.5, 75, 8, 20),
]
CLV_BAD = [
    ((100, 100, 10, None), "inférieur à 100"),
    ((100, 80, -100, None), "supérieur à −100"),
    ((100, 95, -10, None), "converge"),
    ((100, 80, 10, 0), "horizon"),
    ((100, 80, 10, 2.5), "horizon"),
    ((-1, 80, 10, None), "positive ou nulle"),
    ((None, 80, 10, None), "saisissez une valeur"),
]


def clv_inputs(margin, retention, discount, horizon) -> dict[str, object]:
    return {"marge": margin, "retention": retention, "actualisation": discount, "horizon": horizon}


def test_clv_calculator(new_page, base_url):
    page, watch = open_calculator(new_page, base_url, FIDELITE, "clv")
    problems: list[str] = []
    for margin, retention, discount, horizon in CLV_CASES:
        type_inputs(page, "clv", clv_inputs(margin, retention, discount, horizon))
        lines = result_lines(page, "clv")
        case = f"CLV {margin}/{retention}/{discount}/{horizon}"
        value = kpi.clv(margin, retention / 100, discount / 100, horizon)
        main = [label for label in lines if label.startswith("CLV")]
        variant = [label for label in lines if label.startswith("Variante")]
        assert len(main) == 1 and len(variant) == 1, lines
        span = "sans horizon" if horizon is None else rf"sur {horizon}\s+périodes?,"
        if not re.search(span, main[0]):
            problems.append(f"{case}: label {main[0]!r}")
        for label in (*main, *variant):
            if not lines[label].endswith("€") or decimals_of(lines[label]) != 2:
                problems.append(f"{case}: {lines[label]!r} is not in euros with 2 decimals")
        close(lines[main[0]], value, case, problems)
        close(lines[variant[0]], margin + value, case + " variante", problems)
    for (margin, retention, discount, horizon), message in CLV_BAD:
        type_inputs(page, "clv", clv_inputs(margin, retention, discount, horizon))
        shown = error_text(page, "clv")
        if message not in shown:
            problems.append(f"CLV {margin}/{retention}/{discount}/{horizon}: message {shown!r}")
        if margin is not None:  # the package refuses the same inputs
            with pytest.raises(ValueError):
                kpi.clv(margin, retention / 100, discount / 100, horizon)
    assert not problems, problems
    assert not watch.faults()


# --- break-even response rate -------------------------------------------------------------

# No package function: snippets/formules/seuil-de-rentabilite-reponse.md gives
# taux de réponse de rentabilité = coût par contact / marge par commande.
SEUIL_CASES = [
    (0.40, 48),  # 0,83 % (the page's example)
    (0, 48),
    (1.2, 30),
    (60, 48),  # above 100 %: shown with a warning
    (0.05, 1234.56),
]
SEUIL_BAD = [
    ((0.4, 0), "positive"),
    ((-1, 48), "positive ou nulle"),
    ((None, 48), "saisissez une valeur"),
]


def test_break_even_calculator(new_page, base_url):
    page, watch = open_calculator(new_page, base_url, CAMPAGNE, "seuil")
    problems: list[str] = []
    for cost, margin in SEUIL_CASES:
        type_inputs(page, "seuil", {"cout": cost, "marge": margin})
        lines = result_lines(page, "seuil")
        shown = lines["Taux de réponse de rentabilité"]
        close(shown, 100 * cost / margin, f"seuil {cost}/{margin}", problems)
        if (cost > margin) != ("Attention" in lines):
            problems.append(f"seuil {cost}/{margin}: warning {lines}")
    for (cost, margin), message in SEUIL_BAD:
        type_inputs(page, "seuil", {"cout": cost, "marge": margin})
        shown = error_text(page, "seuil")
        if message not in shown:
            problems.append(f"seuil {cost}/{margin}: message {shown!r}")
    assert not problems, problems
    assert not watch.faults()


def test_calculators_fit_a_phone(new_page, base_url):
    for path, name in ((FIDELITE, "clv"), (CAMPAGNE, "seuil")):
        page, watch = open_calculator(new_page, base_url, path, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        assert not watch.faults()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_calculators_pass_axe_with_results_and_errors(new_page, base_url, scheme):
    """axe (WCAG 2.1 AA) on both pages, results shown, then with an error message shown."""
    found = {}
    for path, name, prefix, field in (
        (FIDELITE, "clv", "clv", "marge"),
        (CAMPAGNE, "seuil", "seuil", "marge"),
    ):
        page, watch = new_page(color_scheme=scheme, **PHONE)
        page.goto(base_url + path)
        page.locator(f'form.calculateur--pret[data-calculateur="{name}"]').wait_for()
        problems = violations(page)
        page.fill(f"#calc-{prefix}-{field}", "-1")
        assert error_text(page, prefix)
        problems += violations(page)
        if problems:
            found[path] = problems
        assert not watch.faults()
    assert not found, found
