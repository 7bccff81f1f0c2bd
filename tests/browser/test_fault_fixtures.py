"""Each browser check fails when fed a fault of its kind (tiny local pages)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from . import search_worker
from .audit import WCAG_AA

PAGE = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head>'
    "<body><main>{}</main></body></html>"
)


def test_a_cdn_script_is_blocked_and_recorded(new_page, tiny_site):
    base = tiny_site(
        {"index.html": PAGE.format('<script src="https://cdn.jsdelivr.net/npm/x@1/x.js"></script>')}
    )
    page, watch = new_page()
    page.goto(base)
    assert watch.blocked == ["https://cdn.jsdelivr.net/npm/x@1/x.js"]


def test_a_console_error_is_recorded(new_page, tiny_site):
    base = tiny_site(
        {"index.html": PAGE.format("<script>console.error('boom'); undefinedFn();</script>")}
    )
    page, watch = new_page()
    page.goto(base)
    page.wait_for_timeout(100)
    assert watch.console_errors and watch.page_errors


def test_axe_finds_a_low_contrast_colour(new_page, tiny_site):
    base = tiny_site(
        {"index.html": PAGE.format('<p style="color:#aaa;background:#fff">Texte pâle</p>')}
    )
    page, _ = new_page()
    page.goto(base)
    ids = [v["id"] for v in Axe().run(page, options=WCAG_AA).response["violations"]]
    assert "color-contrast" in ids


def _worker_search(new_page, tiny_site, fold: bool, query: str) -> int:
    """Run Material's own search worker on a one-document index; return the hit count."""
    docs = [
        {"location": "p/", "title": "Mesurer", "text": "<p>La fréquence d'achat des clients.</p>"}
    ]
    return len(search_worker.worker_results(new_page, tiny_site, query, docs, fold=fold))


def test_unaccented_search_finds_nothing_without_the_folding(new_page, tiny_site):
    # the worker receives what the reader typed (it adds the trailing "*" itself)
    assert _worker_search(new_page, tiny_site, fold=False, query="frequence") == 0
    assert _worker_search(new_page, tiny_site, fold=True, query="frequence") == 1
    assert _worker_search(new_page, tiny_site, fold=True, query="frequences") == 1
