"""Turn the formulas into MathML at build time with the pinned KaTeX: no script, font or stylesheet.

Pages write maths in TeX: ``\\( … \\)`` and ``\\[ … \\]`` in Markdown (pymdownx.arithmatex,
generic mode, keeps them in ``<span|div class="arithmatex">``), ``$ … $`` and ``$$ … $$`` in
the Markdown cells of notebooks. This hook hands every formula to KaTeX (Node,
``hooks/render_maths.cjs``, one process per build) and writes the MathML it returns in the
page. Browsers draw MathML natively (Chromium since 109, Firefox, Safari) and screen readers
read it. Rendering in the browser instead cost each reader about 270 KB of script, 300 KB
of CSS and fonts, and the time to run it before the formulas appeared.

A formula KaTeX cannot read fails the build with one line: the file and line of the formula
(the snippet of ``snippets/`` it comes from, and the page that includes it, or the page's own
Markdown source) and a French hint.
It runs before ``typography.py`` (mkdocs.yml), which must not space the punctuation inside TeX.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).with_name("render_maths.cjs")
MATHML_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"'

# pymdownx.arithmatex (generic): the TeX is HTML-escaped between \( \) or \[ \].
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"</(?P=tag)>",
    re.DOTALL,
)
# Notebook Markdown cells, as nbconvert writes them: from the cell's Markdown
# output to the start of the next cell.
MARKDOWN_CELL = re.compile(
    r'(<div class="[^"]*\bjp-MarkdownOutput\b[^"]*"[^>]*>)(.*?)(?=<div class="jp-Cell\b|\Z)',
    re.DOTALL,
)
DISPLAY_DOLLARS = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
# $…$ with no space just inside the dollars ("2 $ et 3 $" is money, not maths).
INLINE_DOLLARS = re.compile(r"(?<![\\$\w])\$(?=\S)([^$<>\n]+?)(?<=\S)\$(?![\w$])")


# --8<-- "formules/nps.md" (block or inline form, single or double quotes)
SNIPPET = re.compile(r"""--8<--\s+(["'])(?P<path>[^"'\n]+)\1""")
FIX_HINT = "vérifiez les accolades et les commandes TeX de la formule."


class FormulaError(ValueError):
    """KaTeX's error for one formula, with the formula's TeX."""

    def __init__(self, message: str, tex: str) -> None:
        super().__init__(message)
        self.tex = tex


def find_line(text: str, tex: str) -> int | None:
    """The 1-based line of ``text`` where the formula ``tex`` starts, if it is there."""
    first = next((line.strip() for line in tex.splitlines() if line.strip()), "")
    if not first:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if first in line:
            return number
    return None


def locate(tex: str, markdown: str, page_path: str, root: Path = ROOT) -> str:
    """``file:line`` of the formula ``tex``: a snippet the page includes, else the page."""
    for match in SNIPPET.finditer(markdown):
        snippet = root / "snippets" / match["path"]
        if snippet.is_file():
            line = find_line(snippet.read_text(encoding="utf-8"), tex)
            if line:
                return f"snippets/{match['path']}:{line} (inclus par docs/{page_path})"
    line = find_line(markdown, tex)
    return f"docs/{page_path}:{line}" if line else f"docs/{page_path}"


class Renderer:
    """A KaTeX process fed one formula per line; started on first use."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.drawn: dict[tuple[str, bool], str] = {}  # kept across `mkdocs serve` rebuilds

    def __call__(self, tex: str, display: bool) -> str:
        if (tex, display) not in self.drawn:
            self.drawn[tex, display] = self.katex(tex, display)
        return self.drawn[tex, display]

    def katex(self, tex: str, display: bool) -> str:
        if self.process is None or self.process.poll() is not None:
            if not (ROOT / "node_modules" / "katex").is_dir():
                raise PluginError("node_modules/katex is missing: run `make setup` (npm ci).")
            self.process = subprocess.Popen(
                ["node", str(SCRIPT)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        self.process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise FormulaError(answer["error"], tex)
        return answer["html"].replace(MATHML_NAMESPACE, "")  # implied in HTML

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
            self.process = None


RENDER = Renderer()


def render_page(page_html: str, render=RENDER) -> str:
    """Replace every formula of ``page_html`` by KaTeX's markup."""

    def arithmatex(match: re.Match) -> str:
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"])
        return f'<{match["tag"]} class="arithmatex">{render(tex.strip(), display)}</{match["tag"]}>'

    def dollars(display: bool):
        def replace(match: re.Match) -> str:
            drawn = render(html.unescape(match[1]).strip(), display)
            tag = "div" if display else "span"
            return f'<{tag} class="arithmatex">{drawn}</{tag}>'

        return replace

    def cell(match: re.Match) -> str:
        body = DISPLAY_DOLLARS.sub(dollars(True), match[2])
        # display maths sits alone in its paragraph: a <div> may not be inside <p>
        body = re.sub(r'<p>(<div class="arithmatex">.*?</div>)</p>', r"\1", body, flags=re.S)
        return match[1] + INLINE_DOLLARS.sub(dollars(False), body)

    page_html = ARITHMATEX.sub(arithmatex, page_html)
    return MARKDOWN_CELL.sub(cell, page_html)


def on_page_content(html_content: str, page, **kwargs) -> str:
    try:
        return render_page(html_content)
    except ValueError as error:
        tex = getattr(error, "tex", "")
        where = locate(tex, page.markdown or "", page.file.src_uri) if tex else page.file.src_uri
        reason = str(error).splitlines()[0] if str(error) else "erreur inconnue"
        raise PluginError(
            f"{where} : KaTeX ne peut pas dessiner la formule « {tex.strip()} » ({reason}) ; "
            + FIX_HINT
        ) from None


def on_post_build(config) -> None:
    RENDER.close()
