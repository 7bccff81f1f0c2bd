"""One flashcard per glossary entry (hooks/reviser.py): on the part's « Fiches » page and in
the part's Anki deck and the whole course's deck, with stable ids so that a re-import
updates the cards."""

from __future__ import annotations

import html
import re
import sqlite3
import sys
import zipfile

import genanki
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import quizbank
import reviser

TERMS = quizbank.parse_glossary(ROOT / "docs" / "glossaire.md")


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def words(fragment: str) -> list[str]:
    """The words of an HTML or Markdown fragment, without markup or punctuation."""
    return re.findall(r"\w+", text(fragment))


def test_every_glossary_entry_links_into_a_part():
    outside = [
        f"{t.term} -> {t.target or 'no link'}" for t in TERMS if t.part not in quizbank.PARTS
    ]
    assert not outside, "glossary entries without a card (link to a part's page): " + "; ".join(
        outside
    )


def test_one_entry_per_concept():
    """Two entries for one term would give two cards (and two definitions) of it."""
    names = {}
    for t in TERMS:
        name = quizbank.normalise(re.sub(r"\(.*?\)", "", t.term))
        names.setdefault(name, []).append(t.term)
    twice = [terms for terms in names.values() if len(terms) > 1]
    assert not twice, f"glossary entries for the same term: {twice}"


def deck_notes(path) -> list[tuple[str, list[str], str]]:
    """(guid, fields, deck name) of the notes of an .apkg."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    db = path.parent / (path.name + ".sqlite")
    db.write_bytes(data)
    try:
        connection = sqlite3.connect(db)
        rows = connection.execute("select guid, flds from notes").fetchall()
        cards = connection.execute("select count(*) from cards").fetchone()[0]
        connection.close()
    finally:
        db.unlink()
    assert cards == len(rows)
    return [(guid, fields.split("\x1f")) for guid, fields in rows]


@pytest.mark.slow
@pytest.mark.parametrize("part", list(quizbank.PARTS))
def test_part_page_and_deck_hold_every_card_of_the_part(built_site, part):
    terms = [t for t in TERMS if t.part == part]
    assert terms, part
    page = (built_site / f"reviser/fiches-{part}/index.html").read_text(encoding="utf-8")
    fronts = [
        text(b)
        for b in re.findall(r'<button[^>]*class="flashcard__front"[^>]*>(.*?)</button>', page, re.S)
    ]
    backs = re.findall(r'<div class="flashcard__back" id="fiche-\d+">(.*?)</div>', page, re.S)
    assert fronts == [t.term for t in terms]
    for term, back in zip(terms, backs, strict=True):
        assert words(back)[:6] == words(term.definition)[:6], term.term
        assert "Voir le chapitre" in back, term.term
    assert f'href="../anki/{part}.apkg"' in page
    notes = deck_notes(built_site / f"reviser/anki/{part}.apkg")
    assert sorted(html.unescape(fields[0]) for _, fields in notes) == sorted(t.term for t in terms)
    assert {guid for guid, _ in notes} == {genanki.guid_for(reviser.TITLE, t.term) for t in terms}


@pytest.mark.slow
def test_course_deck_holds_every_card(built_site):
    notes = deck_notes(built_site / "reviser/anki/cours-complet.apkg")
    in_parts = [t for t in TERMS if t.part in quizbank.PARTS]
    assert sorted(html.unescape(f[0]) for _, f in notes) == sorted(t.term for t in in_parts)
    links = {html.unescape(f[0]): f[2] for _, f in notes}
    for term in in_parts:
        assert links[term.term].startswith("http") and links[term.term].endswith(term.url), (
            term.term
        )


def test_decks_are_reproducible_and_keep_their_ids():
    terms = [t for t in TERMS if t.part == "relation-client"]
    one = reviser.anki_deck(
        "relation-client", "Relation client", terms, "https://example.org/", 1_767_225_600
    )
    two = reviser.anki_deck(
        "relation-client", "Relation client", terms, "https://example.org/", 1_767_225_600
    )
    assert one == two
    assert reviser.ANKI_DECK_IDS["relation-client"] == 1_744_120_312
    assert reviser.ANKI_MODEL_ID == 1_744_120_301


def test_glossary_parser_reads_a_def_list(tmp_path):
    glossary = tmp_path / "glossaire.md"
    glossary.write_text(
        "# Glossaire\n\n## A\n\nAttrition\n:   Part des clients perdus. "
        "[Voir le chapitre](marketing-strategique/mesurer-la-fidelite.md#x)\n\n"
        "Terme long\n:   Première ligne\n    suite. [Voir le chapitre](relation-client/crm.md)\n",
        encoding="utf-8",
    )
    terms = quizbank.parse_glossary(glossary)
    assert [(t.term, t.definition, t.part, t.url) for t in terms] == [
        (
            "Attrition",
            "Part des clients perdus.",
            "marketing-strategique",
            "marketing-strategique/mesurer-la-fidelite/#x",
        ),
        ("Terme long", "Première ligne suite.", "relation-client", "relation-client/crm/"),
    ]
