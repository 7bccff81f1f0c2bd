"""The « Réviser » section: flashcards, Anki decks, the mock exam's bank, the teachers' exports.

Everything is generated from two sources, each written once (parsed by ``hooks/quizbank.py``):

- the glossary (``docs/glossaire.md``): one flashcard per entry, front = the term, back =
  its definition and its « Voir le chapitre » link; the card's part is the folder of that
  link. ``on_files`` generates one page per part, ``reviser/fiches-<part>.md`` (they are
  not in the repository; ``mkdocs.yml`` lists them in ``nav``), and the Anki decks
  ``reviser/anki/<part>.apkg`` plus ``reviser/anki/cours-complet.apkg`` (genanki, stable
  model/deck ids and note GUIDs, so a re-import updates the cards; the notes' time is
  the glossary's last commit, so a changed glossary updates them and an unchanged one
  gives the same file).
- the quizzes of the pages (``<quiz>`` blocks). ``on_page_content`` (registered after
  ``maths.py`` and ``typography.py``) reads each quiz as the page finally shows it
  (formulas drawn, French spacing), and ``on_post_build`` writes:
  ``reviser/banque-questions.json`` (the mock exam's bank, read by
  ``assets/javascripts/reviser.js``), ``reviser/exports/banque-moodle.xml`` (Moodle XML, one
  category per part) and ``reviser/exports/banque-qti12.zip`` / ``banque-qti21.zip``
  (mkdocs-quiz's QTI exporter, fed with this bank). Those files are registered in
  ``on_files`` as empty placeholders so that the pages may link to them (strict build),
  then overwritten after the build.

A quiz whose rendered form cannot be found in its page fails the build.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from hashlib import sha1
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape

import genanki
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quizbank

FOLDER = "reviser"
BANK = f"{FOLDER}/banque-questions.json"
MOODLE = f"{FOLDER}/exports/banque-moodle.xml"
QTI = {"1.2": f"{FOLDER}/exports/banque-qti12.zip", "2.1": f"{FOLDER}/exports/banque-qti21.zip"}
ANKI_ALL = "cours-complet"
TITLE = "Marketing stratégique et relation client"

# Anki ids: fixed forever, so that a deck imported again updates its cards.
ANKI_MODEL_ID = 1_744_120_301
ANKI_DECK_IDS = {
    "marketing-strategique": 1_744_120_311,
    "relation-client": 1_744_120_312,
    "marketing-multicanal": 1_744_120_313,
    "ecosysteme-digital": 1_744_120_314,
    "business-model-canvas": 1_744_120_315,
    ANKI_ALL: 1_744_120_310,
}
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # date of the entries of the zip files we write

_quizzes: dict[str, list[quizbank.Quiz]] = {}  # page path -> its quizzes (source)
_rendered: dict[str, dict] = {}  # quiz key -> its rendered pieces (HTML)
_titles: dict[str, str] = {}  # page path -> title


# --- flashcards ----------------------------------------------------------------------


def flashcard_page(part: str, terms: list[quizbank.Term]) -> str:
    """The Markdown of the flashcard page of ``part``."""
    title = quizbank.PARTS.get(part, "Autres pages")
    lines = [
        f"# Fiches : {title}",
        "",
        f"Les {len(terms)} notions de la partie « {title} », une par fiche, tirées du "
        "[glossaire](../glossaire.md).",
        "Lisez le terme, formulez sa définition à voix haute, puis retournez la fiche pour "
        "vérifier ; le lien vous ramène au chapitre qui l'explique.",
        "",
        '!!! tip "Réviser hors ligne avec Anki"',
        f"    Les mêmes fiches existent en paquet Anki : [{part}.apkg](anki/{part}.apkg) "
        f"pour cette partie, [{ANKI_ALL}.apkg](anki/{ANKI_ALL}.apkg) pour tout le cours.",
        "    Importez le fichier dans Anki (Fichier › Importer) : une nouvelle importation "
        "met à jour les fiches sans les dupliquer.",
        "",
        '<div class="flashcards" markdown>',
        "",
    ]
    for number, term in enumerate(terms, 1):
        ident = f"fiche-{number}"
        link = f" [Voir le chapitre](../{term.target})" if term.target else ""
        lines += [
            '<div class="flashcard" markdown>',
            f'<button type="button" class="flashcard__front" aria-expanded="true" '
            f'aria-controls="{ident}">{html.escape(term.term)}</button>',
            f'<div class="flashcard__back" id="{ident}" markdown>',
            "",
            f"{term.definition}{link}",
            "",
            "</div>",
            "</div>",
            "",
        ]
    lines += ["</div>", ""]
    return "\n".join(lines)


def glossary_time(config) -> int:
    """The time given to the Anki notes: SOURCE_DATE_EPOCH, else the glossary's last commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    glossary = Path(config["docs_dir"]) / "glossaire.md"
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", glossary.name],
            cwd=glossary.parent,
            capture_output=True,
            text=True,
            timeout=20,
        ).stdout.strip()
        if out and not _dirty(glossary):
            return int(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return int(glossary.stat().st_mtime)


def _dirty(path: Path) -> bool:
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=20,
    )
    return bool(status.stdout.strip())


def anki_model() -> genanki.Model:
    return genanki.Model(
        ANKI_MODEL_ID,
        f"{TITLE} — fiche",
        fields=[{"name": "Terme"}, {"name": "Définition"}, {"name": "Lien"}, {"name": "Partie"}],
        templates=[
            {
                "name": "Terme → définition",
                "qfmt": '<div class="partie">{{Partie}}</div><div class="terme">{{Terme}}</div>',
                "afmt": "{{FrontSide}}<hr id=answer><div>{{Définition}}</div>"
                '{{#Lien}}<p><a href="{{Lien}}">Voir le chapitre</a></p>{{/Lien}}',
            }
        ],
        css=".card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; }"
        " .partie { font-size: 14px; opacity: .7; } .terme { font-weight: bold; }",
    )


def _markdown_inline(text: str) -> str:
    """The glossary's light Markdown (emphasis) as HTML, the rest escaped."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)


def anki_deck(name: str, title: str, terms: list[quizbank.Term], site_url: str, when: int) -> bytes:
    """An ``.apkg`` of ``terms``; same input, same bytes."""
    model = anki_model()
    deck = genanki.Deck(ANKI_DECK_IDS.get(name, _stable_id(name)), f"{TITLE}::{title}")
    for term in terms:
        link = urljoin(site_url, term.url) if term.target else ""
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[
                    html.escape(term.term),
                    _markdown_inline(term.definition),
                    link,
                    term.part_title,
                ],
                guid=genanki.guid_for(TITLE, term.term),
                tags=[term.part or "divers"],
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(target), timestamp=when)
        return _stable_zip(target.read_bytes())


# The last deck of each name and what it was made from: `mkdocs serve` rebuilds the site at
# each save and the decks (~0.3 s each) change only with the glossary.
_decks: dict[str, tuple[tuple, bytes]] = {}


def cached_anki_deck(
    name: str, title: str, terms: list[quizbank.Term], site_url: str, when: int
) -> bytes:
    """``anki_deck``, made again only when its input changed since the last build."""
    key = (title, site_url, when, tuple((t.term, t.definition, t.target) for t in terms))
    if name not in _decks or _decks[name][0] != key:
        _decks[name] = (key, anki_deck(name, title, terms, site_url, when))
    return _decks[name][1]


def _stable_id(name: str) -> int:
    return 1_744_120_000 + int(sha1(name.encode()).hexdigest()[:6], 16) % 100_000


def _stable_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates (reproducible files)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def terms_by_part(terms: list[quizbank.Term]) -> dict[str, list[quizbank.Term]]:
    parts: dict[str, list[quizbank.Term]] = {part: [] for part in quizbank.PARTS}
    for term in terms:
        if term.part in parts:
            parts[term.part].append(term)
    return parts


# --- hooks ---------------------------------------------------------------------------


def on_files(files, config):
    docs = Path(config["docs_dir"])
    terms = quizbank.parse_glossary(docs / "glossaire.md")
    when = glossary_time(config)
    site_url = config.get("site_url") or "http://127.0.0.1:8000/"
    by_part = terms_by_part(terms)
    for part, part_terms in by_part.items():
        files.append(
            File.generated(
                config, f"{FOLDER}/fiches-{part}.md", content=flashcard_page(part, part_terms)
            )
        )
        deck = cached_anki_deck(part, quizbank.PARTS[part], part_terms, site_url, when)
        files.append(File.generated(config, f"{FOLDER}/anki/{part}.apkg", content=deck))
    course = [t for part_terms in by_part.values() for t in part_terms]
    deck = cached_anki_deck(ANKI_ALL, "Cours complet", course, site_url, when)
    files.append(File.generated(config, f"{FOLDER}/anki/{ANKI_ALL}.apkg", content=deck))
    # Written after the build (on_post_build); placeholders so that pages may link to them.
    for path in (BANK, MOODLE, *QTI.values()):
        files.append(File.generated(config, path, content=b""))
    # The quizzes, read from the sources once per build. The rendered forms and page titles
    # are kept: `mkdocs serve --dirty` renders only the changed pages, and the bank lists
    # only the quizzes read here, each with its page's latest rendering.
    _quizzes.clear()
    for quiz in quizbank.parse_quizzes(docs):
        _quizzes.setdefault(quiz.path, []).append(quiz)
    return files


QUIZ_DIV = re.compile(r'<div class="quiz"[^>]*\bid="quiz-(\d+)"')
QUESTION = re.compile(r'<div class="quiz-question"[^>]*>(.*?)</div>\s*<form', re.DOTALL)
LABEL = re.compile(r'<label for="quiz-\d+-(\d+)">(.*?)</label>', re.DOTALL)
EXPLANATION = re.compile(r'<section class="content hidden">(.*?)</section>', re.DOTALL)
HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')


def _from_root(fragment: str, page_url: str) -> str:
    """Links of a page's HTML rewritten relative to the site root (``page/#x``)."""

    def fix(match: re.Match) -> str:
        href = html.unescape(match.group(2))
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
            return match.group(0)
        if href.startswith("#"):
            href = page_url + href
        else:
            href = urljoin("http://root/" + page_url, href)[len("http://root/") :]
        return match.group(1) + html.escape(href) + match.group(3)

    return HREF.sub(fix, fragment)


def _strip_paragraph(fragment: str) -> str:
    fragment = fragment.strip()
    match = re.fullmatch(r"<p>(.*)</p>", fragment, re.DOTALL)
    return match.group(1) if match and "<p>" not in match.group(1) else fragment


def on_page_content(html_content: str, page, config, files):
    path = page.file.src_uri
    quizzes = _quizzes.get(path)
    if not quizzes:
        return html_content
    _titles[path] = page.title or path
    starts = [(m.start(), int(m.group(1))) for m in QUIZ_DIV.finditer(html_content)]
    if len(starts) != len(quizzes):
        raise PluginError(
            f"reviser: {path} has {len(quizzes)} <quiz> blocks but {len(starts)} quizzes were "
            "rendered; check the syntax of its quizzes"
        )
    for k, (start, number) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(html_content)
        block = html_content[start:end]
        quiz = quizzes[k]
        if not quiz.options or not any(quiz.correct):
            continue  # fill-in-the-blank or broken: left out of the bank (the lint names it)
        question = QUESTION.search(block)
        labels = LABEL.findall(block)
        explanation = EXPLANATION.search(block)
        if not question or len(labels) != len(quiz.options):
            raise PluginError(f"reviser: cannot read the rendered quiz {quiz.where()}")
        _rendered[quiz.key] = {
            "anchor": f"quiz-{number}",
            "question": _from_root(_strip_paragraph(question.group(1)), page.url),
            "options": [_from_root(_strip_paragraph(text), page.url) for _, text in labels],
            "explanation": _from_root(explanation.group(1).strip(), page.url)
            if explanation
            else "",
        }
    return html_content


def bank_entries() -> list[dict]:
    """The question bank: every quiz of the site, sources and rendered HTML."""
    entries = []
    for path in sorted(_quizzes):
        for quiz in _quizzes[path]:
            shown = _rendered.get(quiz.key)
            if shown is None:  # a page excluded from the build
                continue
            entries.append(
                {
                    "id": quiz.key,
                    "part": quiz.part,
                    "partTitle": quiz.part_title,
                    "page": _titles.get(path, path),
                    "url": quiz.url + "#" + shown["anchor"],
                    "question": shown["question"],
                    "options": shown["options"],
                    "keys": quiz.keys,
                    "multiple": not quiz.single,
                    "explanation": shown["explanation"],
                    "line": quiz.line,
                }
            )
    return entries


def _absolute(fragment: str, site_url: str) -> str:
    """Root-relative links made absolute for an LMS, which shows the text elsewhere."""

    def fix(match: re.Match) -> str:
        href = html.unescape(match.group(2))
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):
            return match.group(0)
        return match.group(1) + html.escape(urljoin(site_url, href)) + match.group(3)

    return HREF.sub(fix, fragment)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def moodle_fraction(value: float) -> str:
    """A Moodle grade fraction: 100, 50, 33.33333, -25…"""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def moodle_xml(entries: list[dict], site_url: str) -> str:
    """The bank in Moodle XML: one category per part, one multichoice question per quiz."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current = None
    for entry in entries:
        if entry["partTitle"] != current:
            current = entry["partTitle"]
            out += [
                '  <question type="category">',
                f"    <category><text>$course$/top/{escape(TITLE)}/{escape(current)}</text>"
                "</category>",
                '    <info format="html"><text>'
                + escape(f"Questions de la partie « {current} »")
                + "</text></info>",
                "  </question>",
            ]
        keys = set(entry["keys"])
        wrong = len(entry["options"]) - len(keys)
        link = urljoin(site_url, entry["url"])
        feedback = (
            entry["explanation"]
            + f'<p><a href="{html.escape(link)}">Relire : {html.escape(entry["page"])}</a></p>'
        )
        name = re.sub(r"<[^>]+>", "", entry["question"])
        name = html.unescape(" ".join(name.split()))
        name = name if len(name) <= 80 else name[:79] + "…"
        out += [
            '  <question type="multichoice">',
            f"    <name><text>{escape(name)}</text></name>",
            '    <questiontext format="html"><text>'
            + _cdata(_absolute(entry["question"], site_url))
            + "</text></questiontext>",
            '    <generalfeedback format="html"><text>'
            + _cdata(_absolute(feedback, site_url))
            + "</text></generalfeedback>",
            "    <defaultgrade>1</defaultgrade>",
            "    <penalty>0.3333333</penalty>",
            "    <hidden>0</hidden>",
            f"    <idnumber>{escape(entry['id'])}</idnumber>",
            f"    <single>{'false' if entry['multiple'] else 'true'}</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
            "    <showstandardinstruction>1</showstandardinstruction>",
            '    <correctfeedback format="html"><text>Bonne réponse.</text></correctfeedback>',
            '    <partiallycorrectfeedback format="html"><text>Réponse en partie juste.</text>'
            "</partiallycorrectfeedback>",
            '    <incorrectfeedback format="html"><text>Réponse fausse.</text></incorrectfeedback>',
        ]
        for i, option in enumerate(entry["options"]):
            if not entry["multiple"]:
                fraction = 100.0 if i in keys else 0.0
            else:
                fraction = 100.0 / len(keys) if i in keys else -100.0 / max(wrong, 1)
            note = (
                "Bonne réponse."
                if i in keys
                else "Ce n'est pas la bonne réponse : lisez l'explication."
            )
            out += [
                f'    <answer fraction="{moodle_fraction(fraction)}" format="html">',
                f"      <text>{_cdata(_absolute(option, site_url))}</text>",
                f'      <feedback format="html"><text>{escape(note)}</text></feedback>',
                "    </answer>",
            ]
        out.append("  </question>")
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _qti_text(fragment: str) -> str:
    """mkdocs-quiz's QTI writer escapes text without tags and wraps text with tags in
    CDATA: give it plain text unescaped, so that an entity is not escaped twice."""
    return fragment if re.search(r"<[^>]+>", fragment) else html.unescape(fragment)


def qti_package(entries: list[dict], version: str, site_url: str) -> bytes:
    """The bank as a QTI package, by mkdocs-quiz's own exporter (stable identifiers)."""
    from mkdocs_quiz.qti import Answer, QTIExporter, QTIVersion, Quiz, QuizCollection

    collection = QuizCollection(
        title=f"{TITLE} — banque de questions",
        description="Questions d'autoévaluation du cours, une par quiz des pages.",
        identifier="assessment_" + sha1(TITLE.encode()).hexdigest()[:8],
    )
    for entry in entries:
        ident = "quiz_" + sha1(entry["id"].encode()).hexdigest()[:10]
        answers = [
            Answer(
                text=_qti_text(_absolute(option, site_url)),
                is_correct=i in entry["keys"],
                identifier=f"{ident}_a{i}",
            )
            for i, option in enumerate(entry["options"])
        ]
        link = urljoin(site_url, entry["url"])
        content = (
            entry["explanation"]
            + f'<p><a href="{html.escape(link)}">Relire : {html.escape(entry["page"])}</a></p>'
        )
        collection.add_quiz(
            Quiz(
                question=_qti_text(_absolute(entry["question"], site_url)),
                answers=answers,
                content=_absolute(content, site_url),
                identifier=ident,
            )
        )
    exporter = QTIExporter.create(collection, QTIVersion.from_string(version))
    return _stable_zip(exporter.export_to_bytes())


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    site_url = config.get("site_url") or "http://127.0.0.1:8000/"
    entries = bank_entries()
    (site / BANK).write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    (site / MOODLE).write_text(moodle_xml(entries, site_url), encoding="utf-8")
    key = json.dumps([entries, site_url], sort_keys=True)
    if _qti_made.get("key") != key:  # `mkdocs serve`: made again only if the bank changed
        _qti_made.update(key=key, files={v: qti_package(entries, v, site_url) for v in QTI})
    for version, path in QTI.items():
        (site / path).write_bytes(_qti_made["files"][version])


_qti_made: dict = {}  # the last QTI packages and the bank they were made from
