"""The built site names no host but its own: no CDN, no web font, no tracker."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.slow

URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?[^\s"'<>)]*""")
OWN_HOSTS = {"127.0.0.1", "localhost"}
# XML namespace names inside inline SVG: identifiers, never fetched.
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1998/Math/MathML",
}


def third_party_urls(html: str) -> list[str]:
    """Absolute URLs in ``html`` that point to a host other than the site's own."""
    found = []
    for url in URL.findall(html):
        if url in NAMESPACES:
            continue
        if urlparse(url if url.startswith("http") else "http:" + url).hostname not in OWN_HOSTS:
            found.append(url)
    return found


def test_detector_catches_a_cdn_script():
    html = '<script src="https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"></script>'
    assert third_party_urls(html) == ["https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"]
    assert third_party_urls('<link href="//fonts.googleapis.com/css?family=Roboto">')
    assert not third_party_urls('<svg xmlns="http://www.w3.org/2000/svg"></svg>')


def test_built_html_names_no_third_party_host(built_site):
    offenders = {}
    for page in built_site.rglob("*.html"):
        urls = third_party_urls(page.read_text(encoding="utf-8"))
        if urls:
            offenders[page.relative_to(built_site).as_posix()] = sorted(set(urls))[:5]
    assert not offenders, offenders
