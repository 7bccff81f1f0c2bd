"""The blank Business Model Canvas prints on ONE A4 landscape page, canvas only.

Chromium prints the built page to PDF with the page size the stylesheet asks
for (``@page bmc-a4 { size: A4 landscape }`` in canvas.css); the PDF is read
without a PDF library: its page objects are counted and the MediaBox of each
is read from the bytes (Chromium writes them uncompressed).
"""

from __future__ import annotations

import re

BLANK_CANVAS = "business-model-canvas/canevas-vierge/"
A4_POINTS = (841.89, 595.28)  # 297 mm x 210 mm in PostScript points

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def _print(new_page, url: str) -> bytes:
    page, watch = new_page(viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert not watch.faults(), watch.faults()
    return pdf


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page of ``pdf``, in points."""
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    count = len(PAGE_OBJECT.findall(pdf))
    boxes = [tuple(float(v) for v in m.groups()) for m in MEDIA_BOX.finditer(pdf)]
    assert len(boxes) == count, f"{count} page objects but {len(boxes)} MediaBox entries"
    return [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes]


def test_blank_canvas_prints_on_one_a4_landscape_page(new_page, base_url):
    pages = _pages(_print(new_page, base_url + BLANK_CANVAS))
    assert len(pages) == 1, f"the blank canvas prints on {len(pages)} pages"
    width, height = pages[0]
    assert width > height, f"portrait page {width} x {height} pt"
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (width, height)


def test_only_the_canvas_is_printed(new_page, base_url):
    page, _ = new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + BLANK_CANVAS, wait_until="load")
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [
            '.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
            '.md-footer', 'h1', '.quiz', '.bmc-sheet', '.bmc-sheet .bmc-co',
        ].map(s => {
            const el = document.querySelector(s);
            if (!el) return [s, false];
            const box = el.getBoundingClientRect();
            return [s, getComputedStyle(el).display !== 'none' && box.width > 0 && box.height > 0];
        })"""
    )
    shown = {selector for selector, is_visible in visible if is_visible}
    assert shown == {".bmc-sheet", ".bmc-sheet .bmc-co"}, shown


def test_other_pages_keep_the_default_page_size(new_page, base_url):
    """The A4 landscape rule is a named page: an ordinary page still prints portrait."""
    pages = _pages(_print(new_page, base_url + "business-model-canvas/exemple/"))
    width, height = pages[0]
    assert height > width, f"an ordinary page prints {width} x {height} pt"
