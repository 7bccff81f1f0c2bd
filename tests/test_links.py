"""Internal links and anchors of the built HTML: every href/src that stays on
the site points to a file that exists, and every #fragment to an id (or name)
of the target page — notebook pages included. External links are left to
test_third_party.py (the site names no other host)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.slow

ORIGIN = "http://127.0.0.1:8000/"
LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for t, attr in LINK_ATTRS:
            if tag == t and attrs.get(attr):
                self.links.append(attrs[attr])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, url: str) -> Path:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() or url.endswith("/") else path


def broken_links(site: Path) -> list[str]:
    """Dead internal links and anchors of the HTML site in ``site``, one line each."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        here = ORIGIN + path.relative_to(site).as_posix()
        for link in page.links:
            url = urljoin(here, link)
            if not url.startswith(ORIGIN):
                continue  # other schemes and hosts (mailto:, data:, …)
            target = _target(site, url[len(ORIGIN) - 1 :])
            where = f"{path.relative_to(site).as_posix()}: {link}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(site).as_posix()})")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{where} (no anchor #{fragment})")
    return broken


def test_no_dead_link_or_anchor_in_the_built_site(built_site):
    assert not broken_links(built_site), broken_links(built_site)


def test_a_dead_anchor_and_a_dead_page_are_found(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h2 id="ici">Ici</h2><a href="#ici">ok</a><a href="a/">ok</a>'
        '<a href="a/#absente">ancre morte</a><a href="b/">page morte</a>'
        '<a href="https://example.org/#x">externe</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<p id="la">Là</p>', encoding="utf-8")
    found = broken_links(tmp_path)
    assert len(found) == 2, found
    assert "no anchor #absente" in found[0] + found[1]
    assert "no file b/index.html" in found[0] + found[1]
