"""Build the two downloads of the home page into site/telechargements/.

1. ``mkdocs build --strict -f mkdocs-offline.yml`` into a temporary folder:
   the offline site (relative ``.html`` links, search index inlined) plus its
   print page, ``print_page.html`` (every chapter of the nav on one page).
2. The print page, served on 127.0.0.1, is printed by Debian's chromium driven
   by Playwright, once every Mermaid diagram is drawn:
   ``cours-marketing.pdf`` (A4, page numbers in the footer).
3. The offline site, without the print page and without Mermaid's ES module
   chunks (unused from ``file://``), is zipped under one folder:
   ``cours-marketing-hors-ligne.zip``.

Run by ``make build`` after ``mkdocs build --strict``; ``make serve`` does not
(the site's own build only writes placeholders, see hooks/downloads.py).

    python scripts/build_downloads.py [--site site] [--work DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs-offline.yml"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PDF_NAME = "cours-marketing.pdf"
ZIP_NAME = "cours-marketing-hors-ligne.zip"
ZIP_FOLDER = "cours-marketing-hors-ligne"
PRINT_PAGE = "print_page.html"
# Files of the download build that stay out of the pack (print-site's small
# script and stylesheets stay: every page links them).
NOT_IN_PACK = [PRINT_PAGE]
NOT_IN_PACK_DIRS = ["assets/vendor/mermaid/chunks"]
FOOTER = (
    '<div style="width:100%;font-size:8pt;color:#555;padding:0 15mm;'
    'display:flex;justify-content:space-between;font-family:sans-serif">'
    "<span>Marketing stratégique et relation client</span>"
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


def build_offline_site(destination: Path) -> Path:
    """The download build (strict) into ``destination``; raise with its log if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(CONFIG), "-d", str(destination)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(
            "La construction hors ligne (mkdocs-offline.yml) a échoué :\n" + result.stderr[-4000:]
        )
    return destination


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def print_pdf(site: Path, pdf: Path, browser=None) -> Path:
    """Print ``site``'s print page to ``pdf`` with chromium, diagrams drawn.

    ``browser``: a Playwright browser to reuse (the tests pass theirs);
    without it, /usr/bin/chromium is launched and closed here.
    """
    from playwright.sync_api import sync_playwright

    if browser is None and not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} est introuvable : il imprime le PDF ; "
            "lancez `make setup` pour l'installer."
        )
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{PRINT_PAGE}"
    manager = None
    try:
        if browser is None:
            manager = sync_playwright().start()
            browser = manager.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
        context = browser.new_context(viewport={"width": 1000, "height": 1400})
        page = context.new_page()
        # Nothing leaves 127.0.0.1 (the site names no other host).
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else r.abort()
            ),
        )
        page.goto(url, wait_until="load", timeout=300_000)
        _draw_diagrams(page)
        page.emulate_media(media="print")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=str(pdf),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
            margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
            outline=True,
            tagged=True,
        )
        context.close()
    finally:
        if manager is not None:
            browser.close()
            manager.stop()
        server.shutdown()
    return pdf


def _draw_diagrams(page, timeout: float = 180) -> None:
    """Bring each Mermaid diagram into view (they are drawn lazily) until all are drawn."""
    total = page.locator("div.diagram").count()
    deadline = time.monotonic() + timeout
    while True:
        left = page.evaluate(
            """() => {
                const left = "div.diagram:not(.diagram--rendered)";
                const blocks = [...document.querySelectorAll(left)];
                blocks.slice(0, 5).forEach((b) => b.scrollIntoView());
                return blocks.length;
            }"""
        )
        if left == 0:
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"{left} diagramme(s) Mermaid sur {total} non dessiné(s)")
        page.wait_for_timeout(300)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.evaluate("() => document.fonts.ready")


def make_zip(site: Path, archive: Path) -> Path:
    """Zip the offline site under one folder, without the print page and the ES chunks."""
    skip = {site / name for name in NOT_IN_PACK}
    skip_dirs = [site / name for name in NOT_IN_PACK_DIRS]
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for path in sorted(site.rglob("*")):
            if not path.is_file() or path in skip or path.suffix == ".map":
                continue
            if any(d in path.parents for d in skip_dirs):
                continue
            out.write(path, f"{ZIP_FOLDER}/{path.relative_to(site).as_posix()}")
    return archive


def build_downloads(site: Path, work: Path | None = None) -> tuple[Path, Path]:
    """Both downloads into ``site``/telechargements/; return (pdf, zip)."""
    target = site / "telechargements"
    with tempfile.TemporaryDirectory(prefix="downloads-") as tmp:
        offline = build_offline_site(work or Path(tmp) / "site")
        pdf = print_pdf(offline, target / PDF_NAME)
        archive = make_zip(offline, target / ZIP_NAME)
    return pdf, archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (site/)")
    parser.add_argument("--work", type=Path, help="folder for the download build (kept)")
    args = parser.parse_args()
    start = time.monotonic()
    pdf, archive = build_downloads(args.site, args.work)
    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)
    print(
        f"{pdf.relative_to(args.site.parent) if args.site.is_absolute() else pdf} : {pages} pages, "
        f"{pdf.stat().st_size / 1e6:.1f} Mo ; {archive.name} : "
        f"{archive.stat().st_size / 1e6:.1f} Mo ({time.monotonic() - start:.0f} s)"
    )


if __name__ == "__main__":
    main()
