"""Wait for what extra.js draws in the page: Mermaid diagrams, near the screen only."""

from __future__ import annotations

DRAWN = """d => {
  const svg = d.querySelector('svg');
  if (!svg || !d.classList.contains('diagram--rendered')) return false;
  const box = svg.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}"""

# Transitions and animations switched off: the page shows its final state at once.
# Material fades its header title and tabs in when the page scrolls (for instance to a
# diagram, or after a field is filled); a half-faded title measured mid-way failed axe's
# color-contrast at random in CI, and waiting for each fade to end cost ~0.35 s a page.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# No CSS transition is running (Material's fades): the page shows its final colours.
SETTLED = """() => document.getAnimations().every(
  a => !(a instanceof CSSTransition) || a.playState !== 'running')"""


def hold_still(page) -> None:
    """Switch the page's transitions and animations off (:data:`STILL`) and let it
    paint once more, so that what follows reads settled colours and positions."""
    page.add_style_tag(content=STILL)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def draw_diagrams(page, timeout: float = 15_000) -> None:
    """Scroll to each diagram like a reader and wait until it is an SVG of non-zero size.

    The page is held still first (:func:`hold_still`). Raises playwright's TimeoutError
    when a diagram is not drawn in ``timeout`` ms.
    """
    diagrams = page.locator("div.diagram")
    if diagrams.count():
        hold_still(page)
    for index in range(diagrams.count()):
        diagram = diagrams.nth(index)
        diagram.scroll_into_view_if_needed()
        diagram.wait_for(state="attached")
        page.wait_for_function(
            f"i => ({DRAWN})(document.querySelectorAll('div.diagram')[i])",
            arg=index,
            timeout=timeout,
        )
    if diagrams.count():
        # back at the top, as the page opened; Material shows its tabs again
        # (without its fade: the page is held still)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function(
            "() => { const tabs = document.querySelector('.md-tabs');"
            " return !tabs || !tabs.hidden || getComputedStyle(tabs).display === 'none'; }",
            timeout=5_000,
        )
        # and no CSS transition is left running
        page.wait_for_function(SETTLED, timeout=5_000)
