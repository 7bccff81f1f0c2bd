"""Performance budget: Lighthouse scores, bytes and requests of three pages.

Not a test (`make budget` runs it): builds the site into a temporary folder,
serves it gzipped on 127.0.0.1 (as GitHub Pages would), runs Lighthouse
(node_modules/.bin/lighthouse, mobile profile) with Debian's chromium on the
home page, one chapter page and one notebook page, and prints the four scores
(performance, accessibility, best-practices, seo), the bytes transferred and
the number of requests of each page.

    .venv/bin/python scripts/budget.py              # build, serve, measure
    .venv/bin/python scripts/budget.py --site DIR   # measure an already built site
    .venv/bin/python scripts/budget.py --strict     # build with --strict
    .venv/bin/python scripts/budget.py --json out.json

The goal is 100 in every category on the three pages.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map"}
CHAPTER = "marketing-strategique/mesurer-la-fidelite/"
NOTEBOOK = "notebooks/mesurer-la-fidelite/"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, cached ten minutes (GitHub Pages)."""

    def log_message(self, *args):  # quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the parent redirects /dir to /dir/
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(site: Path, strict: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    command = [str(MKDOCS), "build", "--strict" if strict else "--no-strict", "-d", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stderr}")
    if warnings:
        print(f"(build: {len(warnings)} warning(s); run `make build` to see them)")


def notebook_page(site: Path) -> str:
    """The loyalty notebook (measured since the start), else the first one."""
    if (site / NOTEBOOK / "index.html").is_file():
        return NOTEBOOK
    for ipynb in sorted(site.rglob("*.ipynb")):
        if (ipynb.parent / "index.html").is_file():
            return ipynb.parent.relative_to(site).as_posix() + "/"
    sys.exit("no notebook page in the built site")


def lighthouse(url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROME}
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    failing = {
        category: [
            ref["id"]
            for ref in report["categories"][category]["auditRefs"]
            if ref.get("weight")
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 1
        ]
        for category in CATEGORIES
    }
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "failing": {c: ids for c, ids in failing.items() if ids},
        "metrics": {
            key: round(audits[key]["numericValue"])
            for key in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
            if key in audits
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--strict", action="store_true", help="build with --strict")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="budget-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, args.strict)
        server, base = serve(site)
        pages = {"home": "", "chapter": CHAPTER, "notebook": notebook_page(site)}
        results = {}
        try:
            for name, path in pages.items():
                results[name] = {"path": "/" + path, **lighthouse(base + path)}
        finally:
            server.shutdown()

    header = (
        f"{'page':<9} {'path':<42} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}"
        f" {'KB':>7} {'req':>4}"
    )
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        s = r["scores"]
        print(
            f"{name:<9} {r['path']:<42} {s['performance']:>4} {s['accessibility']:>4} "
            f"{s['best-practices']:>4} {s['seo']:>4} {r['bytes'] / 1024:>7.1f} {r['requests']:>4}"
        )
    for name, r in results.items():
        if r["failing"]:
            print(f"  {name}: audits below 100 %: {r['failing']}  metrics (ms): {r['metrics']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
