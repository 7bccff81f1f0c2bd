"""Every page of the sitemap, opened once in chromium, passes every check a page must pass.

Opening a page (layout of a long chapter, Material's scripts, Mermaid) is most of the
CPU time of a browser check, and the test command is CPU-bound on two cores: so each
page is opened once, and every per-page check runs on that one visit, in this order:

1. local and quiet: no request leaves 127.0.0.1, no console or page error, from the
   load to the last quiz answered;
2. drawn: every Mermaid diagram is an SVG of non-zero size (:func:`draw_diagrams`);
3. no axe-core violation at WCAG 2.1 AA in the light palette;
4. the same in the dark palette. The reader's system switches to dark (the first
   palette of mkdocs.yml follows it): Material changes palette and extra.js draws the
   diagrams again in the dark colours, as for a page opened in the dark;
5. fits a phone: no horizontal scrolling at 375 px (the page is narrowed: its CSS
   media queries apply as they do when a phone opens it);
6. every quiz answers, on the phone width: alternately a right and a wrong answer,
   each giving its feedback (mkdocs-quiz's ``data-correct`` marker finds the right
   options, not their position: the options are shuffled).

The pages are split into interleaved slices, so that pytest-xdist spreads them over its
workers; each slice reports every problem it found, by check and page, in one message.
"""

from __future__ import annotations

import pytest

from .audit import violations
from .drawing import draw_diagrams
from .test_site_in_browser import _answer

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SLICES = 6

MARK_DRAWN = "() => document.querySelectorAll('div.diagram svg').forEach(s => s.dataset.old = '')"
REDRAWN = """() => [...document.querySelectorAll('div.diagram')].every(d => {
  const svg = d.querySelector('svg');
  return svg && !('old' in svg.dataset);
})"""
SCHEME = "document.body.dataset.mdColorScheme"


def check_page(page, watch, url: str) -> dict[str, object]:
    """Run the checks of the module docstring on ``url``; return {check: problem}."""
    problems: dict[str, object] = {}
    page.set_viewport_size(DESKTOP)
    page.emulate_media(color_scheme="light")
    watch.clear()
    page.goto(url, wait_until="load")
    try:
        draw_diagrams(page)
    except Exception as error:
        problems["diagrams"] = f"a div.diagram has no drawn SVG: {error}"[:300]
    if page.evaluate(SCHEME) != "default":
        problems["light palette"] = page.evaluate(SCHEME)
    if found := violations(page):
        problems["axe, light"] = found

    page.evaluate(MARK_DRAWN)
    page.emulate_media(color_scheme="dark")
    try:
        page.wait_for_function(f"() => {SCHEME} === 'slate'", timeout=5_000)
        page.wait_for_function(REDRAWN, timeout=15_000)
        draw_diagrams(page)
    except Exception as error:
        problems["dark palette"] = f"not switched or diagrams not redrawn: {error}"[:300]
    if found := violations(page):
        problems["axe, dark"] = found

    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems["scrollWidth at 375 px"] = width

    silent = []
    for index in range(page.locator("div.quiz").count()):
        try:
            _answer(page.locator("div.quiz").nth(index), right=index % 2 == 0)
        except Exception:
            silent.append(index + 1)
    if silent:
        problems["quizzes without (the right) feedback"] = silent

    page.wait_for_timeout(100)  # late console errors
    problems.update(watch.faults())
    return problems


@pytest.mark.parametrize("pages", range(SLICES), ids=lambda i: f"pages{i + 1}of{SLICES}")
def test_every_page_passes_every_check_in_one_visit(new_page, base_url, page_paths, pages):
    page, watch = new_page(color_scheme="light", viewport=DESKTOP)
    found = {}
    for path in page_paths[pages::SLICES]:
        if problems := check_page(page, watch, base_url + path):
            found["/" + path] = problems
    assert not found, found
