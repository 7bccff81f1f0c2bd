"""axe-core's audit at WCAG 2.1 AA, shared by the browser tests. Fix the theme
(overrides/, stylesheets) when it finds something, never silence a rule here
without a written reason."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from .drawing import hold_still

# Only the violations are reported in full: axe still runs every rule on every node,
# but returns one example node for the passes and the inapplicable rules instead of
# all of them (thousands of nodes a page to send back to Python, for nothing).
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

axe = Axe()


def violations(page) -> list[str]:
    """axe's violations on ``page``, one line each: rule, impact, first targets.

    The page is held still first (transitions and animations off: drawing.hold_still),
    so that axe reads the settled colours, never a fade measured half-way."""
    hold_still(page)
    results = axe.run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:4])
        for v in results.response["violations"]
    ]
