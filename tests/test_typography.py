"""French typography is applied by the build (hooks/typography.py)."""

from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location("typography", ROOT / "hooks" / "typography.py")
typography = importlib.util.module_from_spec(spec)
spec.loader.exec_module(typography)

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Pourquoi ?</p>", f"<p>Pourquoi{NNBSP}?</p>"),
        ("<p>Attention : oui ; non !</p>", f"<p>Attention{NNBSP}: oui{NNBSP}; non{NNBSP}!</p>"),
        ("<p>« fidèle »</p>", f"<p>«{NNBSP}fidèle{NNBSP}»</p>"),
        ("<p>1 234,56 €</p>", f"<p>1{NNBSP}234,56{NBSP}€</p>"),
        ("<p>48,9 %</p>", f"<p>48,9{NNBSP}%</p>"),
        # the space before "?" follows an element: still a narrow no-break space
        ('<p>Le <abbr title="x">CRM</abbr> ?</p>', f'<p>Le <abbr title="x">CRM</abbr>{NNBSP}?</p>'),
        # code, maths, diagrams and attributes are left alone
        ("<p><code>a : b</code></p>", "<p><code>a : b</code></p>"),
        ('<div class="arithmatex">\\(x : y\\)</div>', '<div class="arithmatex">\\(x : y\\)</div>'),
        ('<div class="diagram">pie\n"A" : 40</div>', '<div class="diagram">pie\n"A" : 40</div>'),
        (
            '<a title="Qui ?" href="https://x.fr">lien</a>',
            '<a title="Qui ?" href="https://x.fr">lien</a>',
        ),
        # typographic apostrophes, also before an element (l'<abbr>)
        ("<p>l'attrition d'aujourd'hui</p>", "<p>l\u2019attrition d\u2019aujourd\u2019hui</p>"),
        (
            '<p>l\'<abbr title="x">NPS</abbr></p>',
            '<p>l\u2019<abbr title="x">NPS</abbr></p>',
        ),
        ("<p><code>print('a')</code></p>", "<p><code>print('a')</code></p>"),
        # a cell that ends with a guillemet: nothing leaks between the cells
        (
            "<tr><td>« Oui. »</td>\n<td>x</td></tr>",
            f"<tr><td>«{NNBSP}Oui.{NNBSP}»</td>\n<td>x</td></tr>",
        ),
        ("<p>1</p> 234", f"<p>1</p>{NNBSP}234"),
        # a closing guillemet just before a tag is written once
        ("<td>« a »</td>\n<td>b</td>", f"<td>«{NNBSP}a{NNBSP}»</td>\n<td>b</td>"),
        ("<strong>« a »</strong> (b)", f"<strong>«{NNBSP}a{NNBSP}»</strong> (b)"),
        # already correct text is unchanged
        (f"<p>Pourquoi{NNBSP}?</p>", f"<p>Pourquoi{NNBSP}?</p>"),
    ],
)
def test_french_spacing(html, expected):
    assert typography.apply_typography(html) == expected


@pytest.mark.slow
def test_built_pages_use_narrow_no_break_spaces(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    content = html[html.index("<article") : html.index("</article>")]
    text = re.sub(r"<script.*?</script>|<[^>]+>", "", content, flags=re.S)
    assert f"{NNBSP}:" in text
    assert not re.search(r"\w :", text), "ordinary space before a colon"
    assert "\u2019" in text
    assert not re.search(r"[^\W\d_]'", text), "straight apostrophe after a letter"


@pytest.mark.slow
def test_no_text_between_table_cells(built_site):
    # A character between </td> and the next tag is moved in front of the table
    # by the browser (it once showed a row of stray "»" above 13 tables).
    stray = re.compile(r"</t[dh]>\s*([^<\s][^<]{0,20})")
    problems = [
        f"{page.relative_to(built_site)}: {match.group(1)!r}"
        for page in sorted(built_site.rglob("*.html"))
        for match in stray.finditer(page.read_text(encoding="utf-8"))
    ]
    assert not problems, "text outside table cells:\n" + "\n".join(problems)
