"""Performance budget: Lighthouse scores, bytes and requests of three pages.

Not a test (`make budget` runs it): builds the site into a temporary folder,
serves it gzipped on 127.0.0.1 (as GitHub Pages would), runs Lighthouse
(node_modules/.bin/lighthouse, mobile profile) with Debian's chromium on the
home page, one chapter page and one notebook page, and prints the four scores
(performance, accessibility, best-practices, seo), the bytes transferred and
the number of requests of each page. Each page is measured several times
(5 by default): the table gives the median and the range (min-max) of each
score, since performance varies from run to run with the machine's load (the
load average is printed with the results).

    .venv/bin/python scripts/budget.py              # build, serve, measure
    .venv/bin/python scripts/budget.py --runs 3     # three runs per page
    .venv/bin/python scripts/budget.py --site DIR   # measure an already built site
    .venv/bin/python scripts/budget.py --strict     # build with --strict
    .venv/bin/python scripts/budget.py --json out.json
    .venv/bin/python scripts/budget.py --reports DIR  # keep each Lighthouse report

The goal: a median of 95 or more for performance and 100 in the three other
categories, on the three pages.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import statistics
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


def lighthouse(url: str, keep: Path | None = None) -> dict:
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
    if keep is not None:
        keep.write_text(result.stdout, encoding="utf-8")
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
        # Lighthouse's CPU benchmark of the machine during the run (higher = faster):
        # low values mean a loaded machine and depressed performance scores.
        "benchmark": round(report.get("environment", {}).get("benchmarkIndex", 0)),
        "requests": len(requests),
        "failing": {c: ids for c, ids in failing.items() if ids},
        "metrics": {
            key: round(audits[key]["numericValue"], 3 if key == "cumulative-layout-shift" else None)
            for key in [
                "first-contentful-paint",
                "largest-contentful-paint",
                "total-blocking-time",
                "cumulative-layout-shift",
                "speed-index",
            ]
            if key in audits
        },
    }


def summarize(runs: list[dict]) -> dict:
    """Median and range of each score over the runs; bytes and requests of the median run."""
    scores = {c: [r["scores"][c] for r in runs] for c in CATEGORIES}
    metrics = {
        key: statistics.median(r["metrics"][key] for r in runs if key in r["metrics"])
        for key in runs[0]["metrics"]
    }
    failing = sorted(
        {f"{c}:{audit}" for r in runs for c, ids in r["failing"].items() for audit in ids}
    )
    return {
        "median": {c: statistics.median(v) for c, v in scores.items()},
        "range": {c: (min(v), max(v)) for c, v in scores.items()},
        "bytes": statistics.median(r["bytes"] for r in runs),
        "requests": statistics.median(r["requests"] for r in runs),
        "benchmark": statistics.median(r["benchmark"] for r in runs),
        "metrics": metrics,
        "failing": failing,
    }


def cell(summary: dict, category: str) -> str:
    low, high = summary["range"][category]
    median = summary["median"][category]
    spread = f"{low}-{high}" if low != high else ""
    return f"{median:>5g} {spread:>7}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--strict", action="store_true", help="build with --strict")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--reports", type=Path, help="keep every Lighthouse JSON report in this folder"
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)

    loads = []
    with tempfile.TemporaryDirectory(prefix="budget-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, args.strict)
        server, base = serve(site)
        pages = {"home": "", "chapter": CHAPTER, "notebook": notebook_page(site)}
        runs: dict[str, list[dict]] = {name: [] for name in pages}
        try:
            # Round-robin over the pages, so that a burst of load on the machine
            # spreads over the three pages instead of hitting one.
            for run in range(args.runs):
                for name, path in pages.items():
                    loads.append(os.getloadavg()[0])
                    keep = args.reports / f"{name}-{run + 1}.json" if args.reports else None
                    runs[name].append(lighthouse(base + path, keep))
        finally:
            server.shutdown()
    results = {
        name: {"path": "/" + path, "runs": runs[name], **summarize(runs[name])}
        for name, path in pages.items()
    }

    print(
        f"{args.runs} run(s) per page; median and range (min-max) of each score; "
        f"1-min load average during the runs: {min(loads):.2f}-{max(loads):.2f} "
        f"on {os.cpu_count()} CPU(s)"
    )
    header = (
        f"{'page':<9} {'path':<44} {'perf':>13} {'a11y':>13} {'bp':>13} {'seo':>13}"
        f" {'KB':>7} {'req':>4}"
    )
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        print(
            f"{name:<9} {r['path']:<44} "
            + " ".join(f"{cell(r, c):>13}" for c in CATEGORIES)
            + f" {r['bytes'] / 1024:>7.1f} {r['requests']:>4g}"
        )
    for name, r in results.items():
        if r["failing"]:
            print(f"  {name}: audits below 100 % in some run: {r['failing']}")
        print(
            f"  {name}: median metrics (ms): {r['metrics']}; "
            f"Lighthouse CPU benchmark index (median): {r['benchmark']:g}"
        )
    goal = all(
        r["median"]["performance"] >= 95 and all(r["median"][c] == 100 for c in CATEGORIES[1:])
        for r in results.values()
    )
    print("goal (perf >= 95, others 100, medians):", "met" if goal else "NOT met")
    if args.json:
        args.json.write_text(
            json.dumps({"loadavg": [min(loads), max(loads)], "pages": results}, indent=2),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
