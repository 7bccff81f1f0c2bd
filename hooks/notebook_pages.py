"""Make the notebook pages rendered by mkdocs-jupyter self-contained and light.

1. nbconvert's template loads MathJax and Mermaid from CDNs (cdnjs). The site
   draws maths with its own KaTeX and diagrams with its own Mermaid
   (assets/javascripts/extra.js), so those loaders are removed from every
   notebook page: the site makes no request to a third-party host.

2. nbconvert inlines its whole JupyterLab stylesheet (~590 KB) in every
   notebook page. This hook takes those ``<style>`` elements out of the pages
   and serves them once, as one stylesheet shared by all notebook pages
   (``assets/stylesheets/notebook.<hash>.css``, cached, the hash changes with
   its content), linked from the ``<head>`` of the notebook pages only.
   Material's instant navigation copies new ``<head>`` elements into the
   document when the reader arrives on a page, so the link works whichever way
   the reader comes (tests/browser checks it).

   The stylesheet is trimmed to what the notebook pages use: a rule is kept
   only if one of its selectors names classes and elements that all occur in
   the rendered notebooks; custom properties nobody reads are dropped.
   nbconvert's Pygments colours are replaced by Material's code colours, and
   the colours the notebooks need in the dark palette are set in
   ``assets/stylesheets/a11y.css`` (registered in mkdocs.yml), so the
   outputs read in both palettes.

3. A bar at the top of each notebook (hooks/notebook_downloads.py): a zip
   that runs the notebook away from the site (notebook, data, package,
   pinned requirements), written to ``telechargements/notebooks/<name>.zip``,
   and « Ouvrir dans Colab » when the repository is on GitHub.

4. Abbreviations: pymdownx.snippets appends ``snippets/abbreviations.md`` to the
   Markdown pages only; in the Markdown cells of the notebooks, the first
   occurrence of each abbreviation becomes ``<abbr title="…">`` (Material shows it
   as a tooltip), read from the same file. Code, outputs, links, headings and
   formulas are left alone.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
import struct
import sys
from pathlib import Path

import tinycss2
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebook_downloads

# <script> elements that nbconvert's template adds to load maths or diagram
# libraries: an empty src, the MathJax configuration, and the Mermaid ES module
# imported from a CDN.
CDN_LOADERS = re.compile(
    r"<script\b[^>]*\bsrc=\"\"[^>]*>\s*</script>"
    r"|<script\b[^>]*type=\"text/x-mathjax-config\"[^>]*>.*?</script>"
    r"|<script\b[^>]*type=\"module\"[^>]*>(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>",
    re.S,
)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S)
# mkdocs-jupyter 0.26 also writes the Python repr of a list of Pygments CSS
# strings in a <style> after the notebook: not CSS, dropped.
BROKEN_STYLE = re.compile(r"<style>\s*\[.*?</style>\s*", re.S)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S)
CLIPBOARD = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S
)
CLIPBOARD_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>[^<]*</div>\s*')
CODE_BLOCK = re.compile(r'<div class="(highlight-ipynb[^"]*)"><pre>(.*?)</pre>', re.S)
DATA_IMAGE = re.compile(r'<img\b[^>]*?src="data:image/(png|jpeg|gif);base64,([^"]+)"[^>]*>')
FIGURE_ALT = "Graphique produit par la cellule de code ci-dessus"
COLLAPSER = re.compile(r'<div class="jp-Collapser [^"]*">\s*</div>\s*')
# newlines between two tags; never inside <pre> (text there has no "><" pair
# separated by a newline only, since Pygments writes each line's tokens inline)
BETWEEN_TAGS = re.compile(
    r">\n+\s*<(?!/pre>)(?=/?(?:div|p|ul|ol|li|table|thead|tbody|tr|th|td|h\d)\b)"
)
PLAIN_TOKEN = re.compile(r'<span class="[nwpo]">([^<]*)</span>')
# data attributes of JupyterLab, and tabindex="0" on every cell input, which
# made each cell a keyboard stop with nothing to do (Material makes its code
# blocks reachable when they scroll).
UNUSED_ATTRIBUTES = re.compile(
    r' (?:data-mime-type|data-type|data-jp-theme-[a-z]+)="[^"]*"'
    r'|(?<="jp-Cell-inputWrapper") tabindex="0"'
)
# nbconvert's cell ids (id="cell-id=…"), which nothing links to, and the empty
# input prompt of Markdown cells, hidden by nbconvert's own CSS
# (.jp-Cell-inputWrapper .jp-InputPrompt{display:none}, code cells excepted).
CELL_ID = re.compile(r' id="cell-id=[^"]*"')
MARKDOWN_PROMPT = re.compile(
    r'(<div class="jp-Cell jp-MarkdownCell[^"]*"><div class="jp-Cell-inputWrapper">'
    r'<div class="jp-InputArea jp-Cell-inputArea">)'
    r'<div class="jp-InputPrompt jp-InputArea-prompt"></div>'
)
# Classes that no stylesheet or script of the site reads (checked against the
# trimmed nbconvert CSS, Material's and the site's own CSS and JS).
UNUSED_CLASSES = {
    "jp-Notebook-cell",
    "jp-RenderedMarkdown",
    "jp-RenderedHTML",
    "jp-InputArea-prompt",
    "jp-Editor",
    "hl-python",
}
# mkdocs-jupyter's template wraps each code cell in a second, identical cell <div>
# (its codecell block around nbconvert's own): one is enough.
DOUBLE_CELL = re.compile(
    r'<div class="jp-Cell jp-CodeCell[^"]*">(?=<div class="jp-Cell jp-CodeCell)'
)
# In a Markdown cell, once its hidden prompt is gone, the input wrapper (a flex row)
# and the input area hold only the rendered Markdown: two boxes that change nothing.
MARKDOWN_WRAPPERS = re.compile(
    r'(<div class="jp-Cell jp-MarkdownCell[^"]*">)'
    r'<div class="jp-Cell-inputWrapper"><div class="jp-InputArea jp-Cell-inputArea">'
    r'(?=<div class="jp-RenderedHTMLCommon)'
)
DIV_TAG = re.compile(r"<div\b|</div>")
HTML_COMMENT = re.compile(r"<!--(?!\s*jupyter-wrapper).*?-->\s*", re.S)
OPTIONAL_END_TAGS = re.compile(r"</(?:td|th|tr)>")
PANDAS_STYLE = re.compile(r'<style scoped(?:="")?>\s*\.dataframe.*?</style>\s*', re.S)
PRESERVED = re.compile(r"(<(?:pre|textarea|script)\b.*?</(?:pre|textarea|script)>)", re.S)
BLANK_LINES = re.compile(r"[ \t]*\n\s*")
WRAPPER_START = '<div class="jupyter-wrapper">'
WRAPPER_END = "<!-- jupyter-wrapper -->"
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")

CSS_DIR = "assets/stylesheets"
PLACEHOLDER = "notebook.__NOTEBOOK_CSS_HASH__.css"

# State of one build.
_raw_css: list[str] = []
_classes: set[str] = set()
_tags: set[str] = set()
_pages: list[str] = []
_zips: dict[str, bytes] = {}
_zip_cache: dict[tuple, bytes] = {}

ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", re.M)
MARKDOWN_OUTPUT = re.compile(
    r'(<div class="[^"]*\bjp-MarkdownOutput\b[^"]*"[^>]*>)(.*?)(?=<div class="jp-Cell\b|\Z)', re.S
)
TAG = re.compile(r"(<[^>]*>)")
TAG_PARTS = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# no abbreviation inside these elements (Python-Markdown's abbr leaves code alone too)
NO_ABBR = {
    "a",
    "abbr",
    "code",
    "pre",
    "kbd",
    "samp",
    "math",
    "script",
    "style",
    "svg",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "textarea",
}


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_pre_build(config) -> None:
    _raw_css.clear()
    _classes.clear()
    _tags.clear()
    _pages.clear()
    _zips.clear()


def on_post_page(output: str, page, config) -> str:
    if not is_notebook(page):
        return output
    output = CDN_LOADERS.sub("", output)
    start = output.find(WRAPPER_START)
    end = output.find(WRAPPER_END, start)
    if start < 0 or end < 0:
        return output
    end += len(WRAPPER_END)
    article = output.rfind("<article", 0, start)
    header, notebook, footer = output[article:start], output[start:end], output[end:]

    # nbconvert's stylesheets, between the top of the article and the notebook
    if not _raw_css:
        # Pygments colours (.highlight-ipynb): Material's code colours instead
        _raw_css.extend(css for css in STYLE.findall(header) if "td.linenos" not in css)
    header = HTML_COMMENT.sub("", STYLE.sub("", header))
    footer = BROKEN_STYLE.sub("", footer)

    notebook = lighter_code_cells(notebook)
    notebook = with_abbreviations(notebook, abbreviations(config))
    notebook = with_download_bar(notebook, page, config)
    alts = figure_alts(Path(page.file.abs_src_path))
    notebook = external_images(notebook, Path(page.file.abs_dest_path).parent, alts)
    header = SCRIPT.sub("", header)

    for value in CLASS_ATTR.findall(notebook):
        _classes.update(value.split())
    _tags.update(name.lower() for name in TAG_NAME.findall(notebook))

    href = get_relative_url(f"{CSS_DIR}/{PLACEHOLDER}", page.url)
    output = output[:article] + header + notebook + footer
    output = output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
    _pages.append(page.file.abs_dest_path)
    return squeeze_blanks(output)


def project_dir(config) -> Path:
    path = config.get("config_file_path")
    return Path(path).resolve().parent if path else Path(__file__).resolve().parent.parent


def with_download_bar(notebook: str, page, config) -> str:
    """The bar of links under the notebook's title; its zip is written by on_post_build."""
    source = Path(page.file.abs_src_path)
    project = project_dir(config)
    data = notebook_zip(source, project)
    _zips[source.stem] = data
    href = get_relative_url(f"{notebook_downloads.FOLDER}/{source.stem}.zip", page.url)
    try:
        in_repo = source.resolve().relative_to(project).as_posix()
    except ValueError:
        in_repo = f"notebooks/{source.name}"
    colab = notebook_downloads.colab_url(config.get("repo_url"), config.get("edit_uri"), in_repo)
    bar = notebook_downloads.download_bar(href, len(data), colab)
    title_end = notebook.find("</h1>")
    at = title_end + len("</h1>") if title_end >= 0 else len(WRAPPER_START)
    return notebook[:at] + bar + notebook[at:]


def notebook_zip(source: Path, project: Path) -> bytes:
    """The notebook's zip, rebuilt only when one of its inputs changed (mkdocs serve)."""
    item = notebook_downloads.bundle(source, project)
    inputs = [
        item.notebook,
        *item.data.values(),
        *sorted(notebook_downloads.package_dir(project).rglob("*.py")),
    ]
    key = (str(source), *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in inputs))
    if key not in _zip_cache:
        _zip_cache[key] = notebook_downloads.zip_bytes(item, project)
    return _zip_cache[key]


def abbreviations(config) -> dict[str, str]:
    """{abbreviation: meaning} from snippets/abbreviations.md, the list the Markdown pages use."""
    path = project_dir(config) / "snippets" / "abbreviations.md"
    try:
        return dict(ABBREVIATION.findall(path.read_text(encoding="utf-8")))
    except OSError:
        return {}


def with_abbreviations(notebook: str, meanings: dict[str, str]) -> str:
    """Wrap the first occurrence of each abbreviation of the Markdown cells in ``<abbr>``."""
    if not meanings:
        return notebook
    words = re.compile(
        r"(?<![\w/-])("
        + "|".join(map(re.escape, sorted(meanings, key=len, reverse=True)))
        + r")(?![\w/-])"
    )
    seen: set[str] = set()

    def wrap(match: re.Match) -> str:
        word = match.group(1)
        if word in seen:
            return word
        seen.add(word)
        title = html.escape(meanings[word], quote=True)
        return f'<abbr title="{title}">{word}</abbr>'

    def cell(match: re.Match) -> str:
        open_tags: list[str] = []
        parts = TAG.split(match.group(2))
        for i, part in enumerate(parts):
            if i % 2:
                tag = TAG_PARTS.match(part)
                if tag and tag.group(2).lower() in NO_ABBR and not part.endswith("/>"):
                    if tag.group(1):
                        if tag.group(2).lower() in open_tags:
                            open_tags.remove(tag.group(2).lower())
                    else:
                        open_tags.append(tag.group(2).lower())
            elif not open_tags and part.strip():
                parts[i] = words.sub(wrap, part)
        return match.group(1) + "".join(parts)

    return MARKDOWN_OUTPUT.sub(cell, notebook)


def squeeze_blanks(html: str) -> str:
    """Drop the indentation of the theme's templates (a third of the page's
    navigation), outside <pre>, <textarea> and <script>: a run of blanks that
    holds a newline renders exactly as one newline there."""
    parts = PRESERVED.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = BLANK_LINES.sub("\n", parts[i])
    return "".join(parts)


def lighter_code_cells(notebook: str) -> str:
    """Code cells as Material code blocks, without nbconvert's copy machinery.

    nbconvert gives each code cell its own copy button (an inline SVG, a
    <clipboard-copy> element and a hidden copy of the source, ~1.5 KB a cell,
    plus a 4 KB script). Material already puts a copy button on every
    ``pre > code`` (feature content.code.copy), in French, keyboard-reachable,
    styled for both palettes: the cells become ``div.highlight > pre > code``.
    Names, blanks, operators and punctuation lose their Pygments <span> (about
    a third of the page; they take the plain code colour), and the empty
    collapser <div>s and data attributes of JupyterLab's editing interface go.
    """
    notebook = CLIPBOARD.sub("", notebook)
    notebook = CLIPBOARD_TEXT.sub("", notebook)
    # nbconvert's heading anchors as Material's (shown on hover, French title)
    notebook = notebook.replace(
        'class="anchor-link"', 'class="headerlink" title="Lien vers cette section"'
    )
    notebook = COLLAPSER.sub("", notebook)
    notebook = UNUSED_ATTRIBUTES.sub("", notebook)
    notebook = CELL_ID.sub("", notebook)
    # Table outputs: closing tags that HTML makes optional, and pandas' scoped
    # <style> repeated in every DataFrame (its rules are in a11y.css).
    notebook = OPTIONAL_END_TAGS.sub("", notebook)
    notebook = PANDAS_STYLE.sub("", notebook)
    notebook = BETWEEN_TAGS.sub("><", notebook)  # outside <pre>: see the code blocks below
    notebook = MARKDOWN_PROMPT.sub(r"\1", notebook)
    notebook = unwrap(notebook, DOUBLE_CELL)
    notebook = unwrap(notebook, MARKDOWN_WRAPPERS)
    notebook = CODE_BLOCK.sub(
        lambda m: (
            f'<div class="highlight {m.group(1)}"><pre><code>'
            + PLAIN_TOKEN.sub(r"\1", m.group(2).replace("<span></span>", ""))
            + "</code></pre>"
        ),
        notebook,
    )
    return CLASS_ATTR.sub(used_classes, notebook)


def used_classes(match: re.Match) -> str:
    return 'class="' + " ".join(c for c in match.group(1).split() if c not in UNUSED_CLASSES) + '"'


def unwrap(notebook: str, pattern: re.Pattern) -> str:
    """Drop the ``<div>`` start tags matched by ``pattern`` outside its group 1 and their end tags.

    The start tags removed are those of the match after group 1 (all of it when the
    pattern has no group): each is the parent of the next, so their end tags are
    the first ones at which the nesting depth falls below its level.
    """
    for match in reversed(list(pattern.finditer(notebook))):
        cut = match.end(1) if pattern.groups else match.start()
        levels = len(DIV_TAG.findall(notebook, cut, match.end()))
        depth, ends = levels, []
        for tag in DIV_TAG.finditer(notebook, match.end()):
            depth += 1 if tag.group() == "<div" else -1
            if depth < levels - len(ends):
                ends.append(tag)
                if depth == 0:
                    break
        for tag in reversed(ends):
            notebook = notebook[: tag.start()] + notebook[tag.end() :]
        notebook = notebook[:cut] + notebook[match.end() :]
    return notebook


def figure_alts(path: Path) -> list[str | None]:
    """Alt text of each figure of a notebook, in the order the figures are output.

    A code cell sets the alt text of its figure in its metadata: ``"alt": "..."``
    (one figure) or ``"alt": ["...", "..."]`` (several figures, in order). A
    figure with no alt text gets ``None`` (the generic :data:`FIGURE_ALT`).
    """
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []
    alts: list[str | None] = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        given = cell.get("metadata", {}).get("alt")
        texts = given if isinstance(given, list) else [given]
        images = [
            output
            for output in cell.get("outputs", [])
            if {"image/png", "image/jpeg", "image/gif"} & set(output.get("data", {}))
        ]
        alts.extend(texts[i] if i < len(texts) else None for i in range(len(images)))
    return alts


def external_images(notebook: str, folder: Path, alts: list[str | None] = ()) -> str:
    """Figures as files next to the page instead of base64 in the HTML.

    A matplotlib figure is ~40 KB of base64 inside the page; as a file it is
    cached, loaded lazily, and the page stays light. nbconvert's English alt
    text is replaced by the figure's own alt text from ``alts`` (see
    :func:`figure_alts`), or by a generic French one.
    """
    counter = itertools.count()

    def extract(match: re.Match) -> str:
        kind, data = match.group(1), base64.b64decode(match.group(2))
        name = f"figure-{hashlib.sha256(data).hexdigest()[:10]}.{'jpg' if kind == 'jpeg' else kind}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        size = ""
        if kind == "png" and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            size = f' width="{width}" height="{height}"'
        index = next(counter)
        alt = alts[index] if index < len(alts) and alts[index] else FIGURE_ALT
        alt = html.escape(alt, quote=False).replace('"', "&quot;")
        return f'<img alt="{alt}" src="{name}"{size} loading="lazy" decoding="async">'

    return DATA_IMAGE.sub(extract, notebook)


def on_post_build(config) -> None:
    """Write the notebooks' zips, and the trimmed stylesheet under its hashed name and
    link the pages to it."""
    for name, data in _zips.items():
        target = Path(config["site_dir"]) / notebook_downloads.FOLDER / f"{name}.zip"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if not _pages:
        return
    css = trim_css("\n".join(_raw_css), _classes | {"jupyter-wrapper"}, _tags)
    digest = hashlib.sha256(css.encode()).hexdigest()[:8]
    name = PLACEHOLDER.replace("__NOTEBOOK_CSS_HASH__", digest)
    target = Path(config["site_dir"]) / CSS_DIR / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    for path in _pages:
        page = Path(path)
        page.write_text(
            page.read_text(encoding="utf-8").replace(PLACEHOLDER, name), encoding="utf-8"
        )


# --- trimming ----------------------------------------------------------------

SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
SELECTOR_TYPE = re.compile(r"(?:^|[\s>+~(,])([a-zA-Z][a-zA-Z0-9-]*)(?![\w-]*\()")
PSEUDO = re.compile(r"::?[\w-]+(\((?:[^()]|\([^()]*\))*\))?")
ATTRIBUTE = re.compile(r"\[[^\]]*\]")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")


def _selector_used(selector: str, classes: set[str], tags: set[str]) -> bool:
    bare = ATTRIBUTE.sub("", PSEUDO.sub("", selector)).strip()
    if not bare or bare in {"*", ":root"}:
        return True
    if not set(SELECTOR_CLASS.findall(bare)) <= classes:
        return False
    names = {t.lower() for t in SELECTOR_TYPE.findall(re.sub(r"[.#][\w-]+", " ", bare))}
    return names <= tags | {"html", "body"}


def _filter(rules, classes: set[str], tags: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            selectors = [s.strip() for s in prelude.split(",")]
            used = [s for s in selectors if _selector_used(s, classes, tags)]
            if used:
                kept.append((", ".join(used), tinycss2.serialize(rule.content).strip()))
        elif rule.type == "at-rule" and rule.lower_at_keyword in {"media", "supports"}:
            inner = _filter(tinycss2.parse_rule_list(rule.content or []), classes, tags)
            if inner:
                head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"
                kept.append((head, inner))
        # @keyframes, @font-face, @charset, @import: not used by static notebooks
    return kept


def _declarations(body: str) -> list[tuple[str, str]]:
    out = []
    for decl in tinycss2.parse_declaration_list(body, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration":
            value = tinycss2.serialize(decl.value).strip()
            out.append((decl.name, value + (" !important" if decl.important else "")))
    return out


def _walk(rules):
    for selector, body in rules:
        if isinstance(body, list):
            yield from _walk(body)
        else:
            yield selector, body


def trim_css(css: str, classes: set[str], tags: set[str]) -> str:
    """Keep the rules of ``css`` that can match, and the custom properties they read."""
    rules = _filter(
        tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), classes, tags
    )
    # custom properties: keep those read by a kept declaration, transitively
    definitions: dict[str, list[str]] = {}
    reads: set[str] = set()
    for _, body in _walk(rules):
        for name, value in _declarations(body):
            if name.startswith("--"):
                definitions.setdefault(name, []).append(value)
            else:
                reads.update(VAR_USE.findall(value))
    todo = list(reads)
    while todo:
        for value in definitions.get(todo.pop(), []):
            for name in VAR_USE.findall(value):
                if name not in reads:
                    reads.add(name)
                    todo.append(name)

    def render(rules) -> str:
        out = []
        for selector, body in rules:
            if isinstance(body, list):
                inner = render(body)
                if inner:
                    out.append(f"{selector}{{{inner}}}")
                continue
            decls = [
                f"{n}:{v}" for n, v in _declarations(body) if not n.startswith("--") or n in reads
            ]
            if decls:
                out.append(f"{selector}{{{';'.join(decls)}}}")
        return "\n".join(out)

    return (
        "/* nbconvert's notebook styles, trimmed by hooks/notebook_pages.py */\n"
        + render(rules)
        + "\n"
    )
