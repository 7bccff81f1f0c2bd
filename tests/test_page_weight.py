"""Page weight: notebook pages stay light (nbconvert's CSS, mkdocs-quiz's CSS
and JS are shared cached files, figures are image files), under 80 KB of HTML."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow

NOTEBOOK_PAGE_BUDGET = 80 * 1024


def notebook_pages(site):
    return sorted(
        p.parent / "index.html"
        for p in site.rglob("*.ipynb")
        if (p.parent / "index.html").is_file()
    )


def test_notebook_pages_are_under_budget(built_site):
    pages = notebook_pages(built_site)
    assert pages
    heavy = {
        p.relative_to(built_site).as_posix(): p.stat().st_size // 1024
        for p in pages
        if p.stat().st_size > NOTEBOOK_PAGE_BUDGET
    }
    assert not heavy, f"notebook pages over {NOTEBOOK_PAGE_BUDGET // 1024} KB: {heavy}"


def test_notebook_css_is_one_shared_stylesheet(built_site):
    sheets = set()
    for page in notebook_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert "jp-shadow-base-lightness" not in html, f"nbconvert CSS inlined in {page}"
        assert "data:image/png;base64" not in html, f"base64 figure in {page}"
        sheets.update(re.findall(r'href="[^"]*(notebook\.[0-9a-f]{8}\.css)"', html))
    assert len(sheets) == 1, sheets
    sheet = built_site / "assets" / "stylesheets" / sheets.pop()
    assert 0 < sheet.stat().st_size < 40 * 1024


def test_quiz_assets_are_not_inlined(built_site):
    quiz_files = list((built_site / "assets" / "quiz").glob("quiz.*"))
    assert {p.suffix for p in quiz_files} == {".css", ".js"}
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert "when Material theme instant navigation reloads" not in html, page
        assert ".quiz {\n  border" not in html, page
