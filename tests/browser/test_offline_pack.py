"""The offline pack works from the file system: unzipped, its index.html opened
through file://, the nav leads to a chapter, the search finds « fidélisation »,
a Mermaid diagram is drawn, and no request leaves the file system.

The zip comes from the session's download build (fixture ``downloads`` of
tests/conftest.py), shared with tests/test_pdf_offline.py.
"""

from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pack(downloads, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    with zipfile.ZipFile(downloads.zip) as archive:
        archive.extractall(folder)
    return folder / "cours-marketing-hors-ligne"


@pytest.fixture
def file_page(browser):
    """A page whose requests must stay on file:// (others are aborted and recorded)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    left, errors = [], []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            left.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    yield page, left, errors
    context.close()


def test_nav_and_search_work_from_the_file_system(pack, file_page):
    page, left, errors = file_page
    page.goto((pack / "index.html").as_uri())
    page.locator("nav.md-tabs a", has_text="Relation client").first.click()
    page.wait_for_url("**/relation-client/index.html")
    assert "Relation client" in page.locator("h1").first.inner_text()

    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.type("fidélisation", delay=20)
    page.wait_for_function(
        "() => /trouvé/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=30_000,
    )
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    assert results.count() > 0
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert any("fidelisation" in h and h.startswith("file:") for h in hrefs), hrefs
    assert not left, f"requests off the file system: {left}"
    assert not errors, errors


def test_diagrams_are_drawn_from_the_file_system(pack, file_page):
    page, left, errors = file_page
    page.goto((pack / "relation-client" / "parcours-client.html").as_uri())
    page.locator("div.diagram").first.scroll_into_view_if_needed()
    page.wait_for_selector("div.diagram--rendered svg", timeout=30_000)
    assert not left and not errors, (left, errors)
