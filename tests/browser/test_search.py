"""Search as a French reader uses it (issue 14): accents and plurals ignored, no
« Non trouvé » under a result for a word it matched, a link whose h= carries the
typed word so that the opened page highlights it, course pages before the API
reference. The mechanism is in hooks/search_folding.py."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from . import search_worker

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
REFERENCE = "notebooks/reference/"
# Typed as a reader would: with and without accents, singular and plural.
WORDS = ["rétention", "retention", "fidélisation", "fidelisations"]
# Course words that the API reference also documents (one section per function).
COURSE_WORDS = [*WORDS, "CLV", "attrition", "RFM"]
# Words that the API reference documents too: it must still list them.
ALSO_IN_REFERENCE = {"rétention", "retention", "CLV", "RFM"}
ABSENT = "zygomorphe"


def run_search(page, base_url, query: str) -> list[dict]:
    """Type ``query`` in the search box like a reader; return the results in
    order: one dict per page found, with its path and its links (href, h=, the
    text of its « Non trouvé » line if any)."""
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.type(query, delay=20)
    # Material shows « Initialisation de la recherche » until its worker has
    # the index; only « … trouvé(s) » is an answer.
    page.wait_for_function(
        "q => /trouvé/i.test(document.querySelector('.md-search-result__meta').textContent)"
        " && document.querySelector('input.md-search__input').value === q",
        arg=query,
        timeout=20_000,
    )
    found, previous = None, object()
    while found != previous:  # the worker answers the last keystroke: wait until stable
        previous = found
        page.wait_for_timeout(300)
        found = page.evaluate(
            """() => [...document.querySelectorAll('li.md-search-result__item')].map(li => ({
                links: [...li.querySelectorAll('a.md-search-result__link')].map(a => ({
                  href: a.href,
                  missing: [...a.querySelectorAll('.md-search-result__terms')]
                    .map(p => p.textContent.trim()).join(' '),
                })),
              }))"""
        )
    base = base_url.rstrip("/")
    for result in found:
        for link in result["links"]:
            parts = urlsplit(link["href"])
            link["h"] = parse_qs(parts.query, keep_blank_values=True).get("h", [None])[0]
        result["path"] = urlsplit(result["links"][0]["href"]).path.lstrip("/")
        assert result["links"][0]["href"].startswith(base), result
    return found


@pytest.mark.parametrize("word", COURSE_WORDS)
def test_a_course_page_comes_first(new_page, base_url, word):
    page, watch = new_page(**DESKTOP)
    results = run_search(page, base_url, word)
    assert results, f"« {word} » ne trouve rien"
    assert results[0]["path"] != REFERENCE, [r["path"] for r in results[:5]]
    if word in ALSO_IN_REFERENCE:  # lowered, not hidden: still found, after the course
        assert any(r["path"] == REFERENCE for r in results), [r["path"] for r in results]
    assert not watch.faults()


@pytest.mark.parametrize("word", [*WORDS, "l'attrition"])
def test_no_word_that_matched_is_listed_as_missing(new_page, base_url, word):
    page, _ = new_page(**DESKTOP)
    results = run_search(page, base_url, word)
    assert results
    missing = [
        (link["href"], link["missing"])
        for result in results
        for link in result["links"]
        if link["missing"]
    ]
    assert not missing, missing[:3]
    assert not page.locator(".md-search-result del").count()


def test_stop_words_are_neither_missing_nor_highlighted(new_page, base_url):
    """« de » is not searched beside other words: no « Non trouvé : de », no
    h=de (the page would mark every « de » inside every word)."""
    page, _ = new_page(**DESKTOP)
    results = run_search(page, base_url, "taux de réachat")
    links = [link for result in results for link in result["links"]]
    assert links
    assert not [link["missing"] for link in links if re.search(r"\bde\b", link["missing"])]
    assert not [link["h"] for link in links if "de" in (link["h"] or "").split()]
    assert any({"taux", "réachat"} <= set((link["h"] or "").split()) for link in links)
    assert results[0]["path"] == "marketing-strategique/mesurer-la-fidelite/", results[0]


@pytest.mark.parametrize("word", WORDS)
def test_each_link_carries_the_typed_word_and_the_page_highlights_it(new_page, base_url, word):
    page, watch = new_page(**DESKTOP)
    results = run_search(page, base_url, word)
    links = [link for result in results for link in result["links"]]
    assert links
    empty = [link["href"] for link in links if not (link["h"] or "").strip()]
    assert not empty, empty[:3]
    without = [link["href"] for link in links if word.lower() not in link["h"].split()]
    assert not without, without[:3]
    # Open the first result as a reader does (instant navigation).
    first = results[0]["links"][0]["href"]
    page.locator("li.md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(re.escape(urlsplit(first).path)))
    marks = page.locator(".md-content mark[data-md-highlight]")
    marks.first.wait_for(state="attached", timeout=10_000)
    texts = {t.lower() for t in marks.all_text_contents()}
    # The page's own spelling is highlighted, whatever the accents typed.
    written = "fidélisation" if word.startswith("fid") else "rétention"
    assert written in texts, sorted(texts)[:10]
    assert not watch.faults()


def test_a_word_absent_from_the_site_finds_nothing_quietly(new_page, base_url, site_dir):
    assert not any(
        ABSENT in path.read_text(encoding="utf-8").lower() for path in site_dir.rglob("*.html")
    ), f"« {ABSENT} » est dans le site : choisissez un autre mot absent"
    page, watch = new_page(**DESKTOP)
    assert run_search(page, base_url, ABSENT) == []
    meta = page.locator(".md-search-result__meta").text_content() or ""
    assert re.search(r"aucun document", meta, re.I), meta
    assert not watch.faults()


# --- Material's worker alone, on a two-page index (no site build) ------------


RETENTION_DOCS = [
    {"location": "p/", "title": "Mesurer", "text": "<p>Le taux de rétention.</p>"},
    {"location": "p/#calcul", "title": "Calcul", "text": "<p>La rétention mensuelle.</p>"},
]


def worker_results(new_page, tiny_site, query: str, fold: bool = True) -> list[list[dict]]:
    """Material's own search worker, with or without our lines, answering ``query``."""
    return search_worker.worker_results(new_page, tiny_site, query, RETENTION_DOCS, fold=fold)


@pytest.mark.parametrize("fold", [True, False])
def test_the_worker_marks_an_unaccented_word_found_with_the_page_spelling(
    new_page, tiny_site, fold
):
    """Without our lines, « retention » finds nothing (no folding); with them,
    every result has it found, plus the page's spelling « rétention » for h=."""
    items = worker_results(new_page, tiny_site, "retention", fold=fold)
    if not fold:
        assert items == []
        return
    terms = [item["terms"] for group in items for item in group]
    assert terms and all(t == {"retention": True, "rétention": True} for t in terms), terms


def test_the_worker_marks_an_accented_word_found_despite_the_stem(new_page, tiny_site):
    """« rétention » is indexed as the stem « retent »: Material alone calls it missing."""
    terms = [
        item["terms"]
        for group in worker_results(new_page, tiny_site, "rétention")
        for item in group
    ]
    assert terms and all(t == {"rétention": True} for t in terms), terms
