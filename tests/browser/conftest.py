"""Browser fixtures: the built site served on 127.0.0.1, Debian's chromium driven
by Playwright, and a page that blocks and records every request leaving
127.0.0.1.

Never `playwright install`: the browser is /usr/bin/chromium (`make setup`
installs it). Where it cannot be launched the tests FAIL, as on CI; a local
run may skip them only with ALLOW_NO_BROWSER=1.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
    # V8 stops at its mid-tier compiler (Maglev): each page is a new V8 context, so the
    # optimising compiler re-optimised axe-core, Mermaid and Material's bundle on every
    # page, on other cores, for runs that are over before it pays. The test command is
    # CPU-bound on two cores: this cuts the CPU time of a page visit by 12-16 %.
    # (JavaScript behaves the same in every tier.)
    "--js-flags=--max-opt=2",
]
SITEMAP_BASE = "http://127.0.0.1:8000/"

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --- serving -----------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve ``directory`` on a free port of 127.0.0.1 from a thread; return (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_dir(request, tmp_path_factory) -> Path:
    """The built site: the strict build of tests/conftest.py. If the strict build
    fails (pages in progress), test_site_build.py reports it; the browser tests
    still run on a non-strict build so that they report their own faults."""
    try:
        return request.getfixturevalue("built_site")
    except (AssertionError, pytest.fail.Exception) as error:
        warnings.warn(
            f"strict build failed, browser tests use a non-strict build: {error}"[:500],
            stacklevel=2,
        )
    from conftest import shared_build

    site, result = shared_build(tmp_path_factory, "site-non-strict", strict=False)
    assert result["returncode"] == 0, result["stderr"]
    return site


@pytest.fixture(scope="session")
def base_url(site_dir):
    server, base = serve(site_dir)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def page_paths(site_dir) -> list[str]:
    """Every page of the site, from the built sitemap.xml, as paths ('' for home)."""
    tree = ET.parse(site_dir / "sitemap.xml")
    locs = [el.text.strip() for el in tree.iter() if el.tag.endswith("loc") and el.text]
    assert locs, "empty sitemap"
    paths = []
    for loc in locs:
        assert loc.startswith(SITEMAP_BASE), loc
        paths.append(loc[len(SITEMAP_BASE) :])
    return paths


# --- browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} not found: run `make setup` (installs Debian's chromium)"
    else:
        manager = sync_playwright().start()
        try:
            chromium = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as error:
            manager.stop()
            reason = f"cannot launch {CHROMIUM}: {error}"
    if reason:
        if os.environ.get("ALLOW_NO_BROWSER") == "1":
            pytest.skip(f"ALLOW_NO_BROWSER=1 and no browser: {reason}")
        pytest.fail(
            f"browser tests need chromium ({reason}); set ALLOW_NO_BROWSER=1 to skip locally"
        )
    yield chromium
    chromium.close()
    manager.stop()


@dataclass
class Watch:
    """What a page did that it should not: requests off 127.0.0.1, console errors, page errors."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def clear(self):
        self.blocked.clear()
        self.console_errors.clear()
        self.page_errors.clear()

    def faults(self) -> dict:
        return {
            k: list(v)
            for k, v in (
                ("blocked", self.blocked),
                ("console", self.console_errors),
                ("pageerror", self.page_errors),
            )
            if v
        }


LOCAL = re.compile(r"^(?:https?://127\.0\.0\.1(?::\d+)?/|data:|blob:|about:)")


def watch_page(page) -> Watch:
    """Route every request: those leaving 127.0.0.1 are aborted and recorded."""
    watch = Watch()

    def route(r):
        url = r.request.url
        if LOCAL.match(url):
            r.continue_()
        else:
            watch.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    return watch


@pytest.fixture
def new_page(browser):
    """Factory: a fresh page (own context) and its Watch."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        return page, watch_page(page)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def tiny_site(tmp_path):
    """Factory: serve a folder of tiny fixture files; returns its base URL."""
    servers = []

    def make(files: dict[str, str | bytes | Path]) -> str:
        for name, content in files.items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copy2(content, target)
            elif isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        server, base = serve(tmp_path)
        servers.append(server)
        return base

    yield make
    for server in servers:
        server.shutdown()
