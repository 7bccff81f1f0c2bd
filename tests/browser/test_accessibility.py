"""axe-core on every page of the site, in the light and the dark palette: zero
violations at WCAG 2.1 AA. Fix the theme (overrides/, stylesheets), never
silence a rule here without a written reason."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .drawing import draw_diagrams, hold_still

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


# The pages are audited in a few interleaved slices (every page is in exactly one
# slice), so that pytest-xdist can spread the longest test of the suite over the
# workers; each slice reports all its violations in one assertion message.
SLICES = 3


# The first palette of mkdocs.yml follows the system: emulating the system's
# preference shows each page in the light (default) and dark (slate) palette.
@pytest.mark.parametrize("pages", range(SLICES), ids=lambda i: f"pages{i + 1}of{SLICES}")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_wcag_aa_violation(new_page, base_url, page_paths, scheme, pages):
    page, _ = new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    found = {}
    for path in page_paths[pages::SLICES]:
        page.goto(base_url + path, wait_until="load")
        draw_diagrams(page)  # audit the drawn diagrams; formulas are drawn at build time
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        problems = violations(page)
        if problems:
            found["/" + path] = problems
    assert not found, found
