"""The two downloads of the home page: the course as one PDF and as an offline pack.

Both come from a second build, ``mkdocs build -f mkdocs-offline.yml`` (run by
``scripts/build_downloads.py`` after the site's own build, in ``make build``).
That configuration inherits mkdocs.yml, adds Material's ``offline`` plugin
(relative ``.html`` links, search index inlined for ``file://``) and
``print-site`` (every page of the nav on one print page), and sets
``extra.downloads: true``, which switches this hook on. In the site's own
build, the hook only writes placeholders.

Site build (``extra.downloads`` unset):

* ``telechargements/cours-marketing.pdf`` and ``…-hors-ligne.zip`` are written
  as small placeholders that say how to produce the real files, so that the
  home page's links are never dead in ``mkdocs serve`` or in the tests;
  ``scripts/build_downloads.py`` overwrites them in ``make build``.

Download build (``extra.downloads: true``):

* the « Télécharger le cours » block of the home page is dropped (the reader
  already holds the download);
* instant navigation is off (it needs a server; from ``file://`` it would stop
  Material from announcing each page to the site's scripts);
* Mermaid is also copied as its classic script build: browsers refuse ES
  modules from ``file://``, and assets/javascripts/extra.js loads that build
  when the page is opened from the file system;
* a small Worker shim runs Material's search worker in an iframe under
  ``file://`` (the offline plugin would fetch one from unpkg.com);
* for the print page only (``page.html``, which print-site reads; the pages of
  the pack keep their interactive quizzes): each quiz becomes its question
  and its lettered options, its answers and explanation go to the annex
  « Corrigés des quiz » at the end of the PDF, and every collapsible block
  (« Corrigé », notebook details) is open;
* the print stylesheet ``hooks/print.css`` (A4, a page per chapter, no site
  chrome) and the annex are added to the combined print page.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import shutil
import zipfile
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink

ROOT = Path(__file__).resolve().parent.parent
PDF = "telechargements/cours-marketing.pdf"
ZIP = "telechargements/cours-marketing-hors-ligne.zip"
SHIM = "assets/javascripts/iframe-worker.js"
MERMAID_CLASSIC = ("mermaid/dist/mermaid.min.js", "assets/vendor/mermaid/mermaid.min.js")
PRINT_CSS = Path(__file__).with_name("print.css")
ANNEX_ID = "corriges-des-quiz"
ANNEX_TITLE = "Corrigés des quiz"

DOWNLOAD_BLOCK = re.compile(r'<div class="telechargements">.*?</div>\s*', re.DOTALL)
QUIZ = re.compile(
    r'<div class="quiz"[^>]*\bid="quiz-(\d+)"[^>]*>(.*?)'
    r'<section class="content hidden">(.*?)</section>\s*</div>',
    re.DOTALL,
)
QUESTION = re.compile(r'<div class="quiz-question"[^>]*>(.*?)</div>\s*<form', re.DOTALL)
OPTION = re.compile(
    r'<input type="(radio|checkbox)"[^>]*?id="quiz-\d+-\d+"\s*(data-correct="true")?\s*>'
    r'<label for="quiz-\d+-\d+">(.*?)</label>',
    re.DOTALL,
)
DETAILS = re.compile(r"<details(?![^>]*\bopen\b)")
LETTERS = "ABCDEFGHIJ"

# The Worker shim: Material's search worker, run in a hidden iframe when the
# site is opened from file:// (where browsers forbid workers). Its
# importScripts loads scripts one after another and returns a promise, which
# Material's worker awaits.
SHIM_JS = """/* Worker shim for file:// (hooks/downloads.py) */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  // Scripts load one after another into the iframe's own document.
  function load(doc, urls) {
    return urls.reduce(function (chain, url) {
      return chain.then(function () {
        return new Promise(function (resolve, reject) {
          var script = doc.createElement("script");
          script.src = url;
          script.onload = function () { resolve(); };
          script.onerror = reject;
          doc.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }
  function FrameWorker(url) {
    var target = new EventTarget();
    var frame = document.createElement("iframe");
    frame.hidden = true;
    document.body.appendChild(frame);
    var inner = frame.contentWindow;
    inner.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof target.onmessage === "function") target.onmessage(event);
    };
    var base = new URL(url, location.href).href;
    inner.importScripts = function () {
      // Relative to the worker's script, as in a real worker.
      return load(inner.document, Array.prototype.map.call(arguments, function (u) {
        return new URL(u, base).href;
      }));
    };
    var ready = new Promise(function (resolve, reject) {
      var script = inner.document.createElement("script");
      script.src = base;
      script.onload = resolve;
      script.onerror = reject;
      inner.document.body.appendChild(script);
    });
    target.postMessage = function (data) {
      ready.then(function () {
        inner.dispatchEvent(new MessageEvent("message", { data: data }));
      });
    };
    target.terminate = function () { frame.remove(); };
    return target;
  }
  window.Worker = FrameWorker;
})();
"""

PLACEHOLDER_TEXT = (
    "Ce fichier est produit par « make build » (scripts/build_downloads.py).\n"
    "Sur le site publié, ce lien donne le cours complet.\n"
)

_annex: list[dict] = []
_nav_order: dict[str, int] = {}


def _downloads(config) -> bool:
    return bool(config.extra.get("downloads"))


def placeholder_pdf(text: str) -> bytes:
    """A one-page PDF that shows ``text`` (ASCII only), for the site's own build."""
    lines = text.encode("ascii", "replace").decode().splitlines()
    stream = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines
    )
    stream += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("ascii"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii"))
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode("ascii"))
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode(
            "ascii"
        )
    )
    return out.getvalue()


def placeholder_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZMOI.txt", PLACEHOLDER_TEXT)
    return out.getvalue()


def on_config(config):
    _annex.clear()
    _nav_order.clear()
    if _downloads(config):
        # Instant navigation cannot work from file://, and Material then never
        # announces the page (document$ completes empty): no script that waits
        # for it, Mermaid's included, would run.
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
    return config


def on_files(files, config):
    """Placeholders for the two downloads, in the site's own build only."""
    if _downloads(config):
        return files
    ascii_text = "Cours marketing : fichier provisoire.\n" + PLACEHOLDER_TEXT.replace("«", '"')
    ascii_text = ascii_text.replace("»", '"')
    files.append(File.generated(config, PDF, content=placeholder_pdf(ascii_text)))
    files.append(File.generated(config, ZIP, content=placeholder_zip()))
    return files


def on_nav(nav, config, files):
    """Remember the order of the pages: the annex follows the PDF's order."""
    _nav_order.update({p.file.src_uri: i for i, p in enumerate(nav.pages)})
    return nav


def _in_print(page, config) -> bool:
    """Whether print-site puts ``page`` in the print page (its ``exclude`` option)."""
    from mkdocs_print_site_plugin.exclude import exclude

    plugin = config.plugins.get("print-site")
    return plugin is not None and not exclude(page.file.src_path, plugin.config.get("exclude", []))


def _print_quiz(match: re.Match, page, number: int) -> str:
    """The quiz as a question and lettered options; its key goes to the annex."""
    body, explanation = match.group(2), match.group(3).strip()
    question = QUESTION.search(body)
    options = OPTION.findall(body)
    if not question or not options:
        return match.group(0)
    anchor = f"quiz-{page.file.src_uri.replace('/', '-').removesuffix('.md')}-{number}"
    anchor = re.sub(r"[^a-z0-9-]", "-", anchor.lower())
    multiple = options[0][0] == "checkbox"
    items = "".join(f"<li>{label.strip()}</li>" for _, _, label in options)
    keys = [
        f"{LETTERS[i]}. {re.sub(r'<[^>]+>', '', label).strip()}"
        for i, (_, correct, label) in enumerate(options)
        if correct
    ]
    _annex.append(
        {
            "order": _nav_order.get(page.file.src_uri, len(_nav_order)),
            "page": page.title or page.file.src_uri,
            "number": number,
            "anchor": anchor,
            "question": question.group(1).strip(),
            "keys": keys,
            "explanation": explanation,
        }
    )
    hint = " (plusieurs réponses possibles)" if multiple else ""
    return (
        f'<div class="print-quiz" id="{anchor}">'
        f'<p class="print-quiz__title">Quiz {number}{hint}</p>'
        f"{question.group(1).strip()}"
        f'<ol class="print-quiz__options" type="A">{items}</ol>'
        f'<p class="print-quiz__see">Corrigé : <a href="#{anchor}-corrige">'
        f"{ANNEX_TITLE}, {html_lib.escape(page.title or '')} n<sup>o</sup> {number}</a></p>"
        "</div>"
    )


def print_version(content: str, page) -> str:
    """The page as the PDF shows it: quizzes as questions, collapsible blocks open."""
    counter = iter(range(1, 1000))
    content = QUIZ.sub(lambda m: _print_quiz(m, page, next(counter)), content)
    return DETAILS.sub("<details open", content)


@event_priority(-100)  # after every other hook has changed the page's HTML
def on_page_content(html: str, page, config, files):
    if not _downloads(config):
        return html
    if page.file.src_uri == "index.md":
        html = DOWNLOAD_BLOCK.sub("", html)
    # print-site reads page.html (it keeps its own copy from its earlier turn)
    if _in_print(page, config):
        page.html = print_version(html, page)
    return html


def annex_html() -> str:
    """The annex « Corrigés des quiz »: per page, question → key(s) → explanation."""
    parts = [
        f'<section class="print-page print-annex" id="{ANNEX_ID}">',
        f'<h1 id="{ANNEX_ID}-titre">{ANNEX_TITLE}</h1>',
        "<p>Pour chaque quiz du cours, la ou les bonnes réponses puis l'explication.</p>",
    ]
    page = None
    for entry in sorted(_annex, key=lambda e: (e["order"], e["number"])):
        if entry["page"] != page:
            page = entry["page"]
            parts.append(f"<h2>{html_lib.escape(page)}</h2>")
        keys = " ; ".join(html_lib.escape(k) for k in entry["keys"])
        parts.append(
            f'<div class="print-answer" id="{entry["anchor"]}-corrige">'
            f'<p class="print-answer__title"><a href="#{entry["anchor"]}">'
            f"Quiz {entry['number']}</a>"
            f" — réponse : <strong>{keys}</strong></p>"
            f'<div class="print-answer__question">{entry["question"]}</div>'
            f'<div class="print-answer__explanation">{entry["explanation"]}</div>'
            "</div>"
        )
    parts.append("</section>")
    return "".join(parts)


# A part of the nav whose pages are all excluded from the print page (Réviser).
EMPTY_SECTION = re.compile(
    r"<section class='print-page md-section' id='([^']+)'[^>]*>\s*"
    r"<h1>[^<]*<a class='headerlink'[^>]*></a>\s*</h1>\s*</section>"
)


def _with_annex(write_combined):
    """Wrap print-site's renderer: the print CSS and the annex at the end, in its TOC;
    no title page for a part whose pages are all left out."""

    def combined():
        content, toc = write_combined()
        empty = set(EMPTY_SECTION.findall(content))
        content = EMPTY_SECTION.sub("", content)
        toc.items[:] = [item for item in toc.items if item.id not in empty]
        head, sep, tail = content.rpartition("</div><style>")
        if not sep:
            head, tail = content, ""
        style = f"<style>{PRINT_CSS.read_text(encoding='utf-8')}</style>"
        content = style + head + annex_html() + sep + tail
        toc.items.append(AnchorLink(ANNEX_TITLE, ANNEX_ID, 0))
        return content, toc

    return combined


@event_priority(100)  # before print-site writes the print page
def on_post_build(config) -> None:
    if not _downloads(config):
        return
    site = Path(config["site_dir"])
    (site / SHIM).parent.mkdir(parents=True, exist_ok=True)
    (site / SHIM).write_text(SHIM_JS, encoding="utf-8")
    source, target = MERMAID_CLASSIC
    (site / target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "node_modules" / source, site / target)
    plugin = config.plugins.get("print-site")
    if plugin is not None and not getattr(plugin.renderer, "_annexed", False):
        plugin.renderer.write_combined = _with_annex(plugin.renderer.write_combined)
        plugin.renderer._annexed = True
