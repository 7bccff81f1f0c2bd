"""Wait for what extra.js draws in the page: Mermaid diagrams, near the screen only."""

from __future__ import annotations

DRAWN = """d => {
  const svg = d.querySelector('svg');
  if (!svg || !d.classList.contains('diagram--rendered')) return false;
  const box = svg.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}"""

# No CSS transition is running (Material's fades): the page shows its final colours.
SETTLED = """() => document.getAnimations().every(
  a => !(a instanceof CSSTransition) || a.playState !== 'running')"""


def draw_diagrams(page, timeout: float = 15_000) -> None:
    """Scroll to each diagram like a reader and wait until it is an SVG of non-zero size.

    Raises playwright's TimeoutError when one is not drawn in ``timeout`` ms.
    """
    diagrams = page.locator("div.diagram")
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
        # with a short fade, which axe must not measure half-way
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function(
            "() => { const tabs = document.querySelector('.md-tabs');"
            " return !tabs || !tabs.hidden || getComputedStyle(tabs).display === 'none'; }",
            timeout=5_000,
        )
        # until that fade (any CSS transition) has run to its end, rather than a fixed 400 ms
        page.wait_for_function(SETTLED, timeout=5_000)
