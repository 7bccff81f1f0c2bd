"""Formulas are found in pages and notebook cells and drawn by KaTeX (hooks/maths.py)."""

from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location("maths", ROOT / "hooks" / "maths.py")
maths = importlib.util.module_from_spec(spec)
spec.loader.exec_module(maths)

CELL = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">{}</div>'
NEXT_CELL = '<div class="jp-Cell jp-CodeCell">{}</div>'


def fake(tex: str, display: bool) -> str:
    """Stands for KaTeX: shows what it was given."""
    return f"[{'D' if display else 'I'}:{tex}]"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # Markdown pages (arithmatex, generic): TeX is unescaped before KaTeX
        (
            '<span class="arithmatex">\\(a &lt; b\\)</span>',
            '<span class="arithmatex">[I:a < b]</span>',
        ),
        (
            '<div class="arithmatex">\\[ \\frac{1}{1 - r} \\]</div>',
            '<div class="arithmatex">[D:\\frac{1}{1 - r}]</div>',
        ),
        # notebook Markdown cells: $…$ and $$…$$; display maths leaves its <p>
        (
            CELL.format("<p>une part $r$ reste</p>"),
            CELL.format('<p>une part <span class="arithmatex">[I:r]</span> reste</p>'),
        ),
        (
            CELL.format("<p>$$D = 1 + r$$</p>"),
            CELL.format('<div class="arithmatex">[D:D = 1 + r]</div>'),
        ),
        # money is not maths, and code cells are left alone
        (CELL.format("<p>entre 2 $ et 3 $</p>"), CELL.format("<p>entre 2 $ et 3 $</p>")),
        (NEXT_CELL.format("<pre>print('$x$')</pre>"), NEXT_CELL.format("<pre>print('$x$')</pre>")),
    ],
)
def test_formulas_are_found_and_replaced(page, expected):
    assert maths.render_page(page, render=fake) == expected


def test_a_formula_katex_cannot_read_raises_with_katex_s_reason():
    renderer = maths.Renderer()
    try:
        assert "<mfrac>" in renderer("\\frac{1}{1 - r}", True)
        with pytest.raises(ValueError, match="KaTeX parse error"):
            renderer("\\frac{1}{", False)
    finally:
        renderer.close()


@pytest.mark.slow
def test_no_tex_is_left_as_text_in_the_built_pages(built_site):
    # A formula the Markdown did not recognise (e.g. $$ glued to the line above it)
    # would reach the reader as raw TeX.
    leftover = re.compile(r"\\(?:frac|text|times|sqrt|sum)\b")
    pages = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        visible = re.sub(r"<(math|script|code|pre|style)\b.*?</\1>", "", html, flags=re.S)
        if leftover.search(re.sub(r"<[^>]+>", "", visible)):
            pages.append(str(page.relative_to(built_site)))
    assert not pages, f"raw TeX in: {pages}"
