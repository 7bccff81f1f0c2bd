"""The downloads of the home page: the PDF of the whole course and the offline zip.

The slow tests share one download build (fixture ``downloads`` of conftest.py,
which runs scripts/build_downloads.py's steps once per session); the browser
test of the zip is tests/browser/test_offline_pack.py. The fast tests check
hooks/downloads.py on small pieces of HTML.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
import zipfile
from types import SimpleNamespace

import pytest
import yaml
from conftest import ROOT

# Measured: 406 pages (November 2026). The range allows ±25 %.
PDF_PAGES = range(305, 508)
# Pages of the nav left out of the PDF (mkdocs-offline.yml, print-site ``exclude``).
NOT_IN_PDF = re.compile(r"^(reviser/|notebooks/reference\.md$|business-model-canvas/canevas-vierge)")


def _load_hook():
    spec = importlib.util.spec_from_file_location("downloads_hook", ROOT / "hooks" / "downloads.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def normal(text: str) -> str:
    """Text as compared: ligatures split (NFKC), typographic spaces and line breaks as one space."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def _nav_pages(items) -> list[tuple[str | None, str]]:
    pages = []
    for item in items:
        if isinstance(item, str):
            pages.append((None, item))
        else:
            for title, value in item.items():
                if isinstance(value, list):
                    pages += _nav_pages(value)
                else:
                    pages.append((title, value))
    return pages


def chapter_titles() -> list[str]:
    """The title of every page of the nav that the PDF holds (nav title, else its H1)."""
    class Loader(yaml.SafeLoader):
        """Reads mkdocs.yml without its !ENV and !!python/name tags."""

    for prefix in ("!", "tag:yaml.org,2002:python/"):
        Loader.add_multi_constructor(prefix, lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    titles = []
    for title, path in _nav_pages(config["nav"]):
        if NOT_IN_PDF.match(path):
            continue
        if title is None:
            source = (ROOT / "docs" / path).read_text(encoding="utf-8")
            title = re.search(r"^# (.+)$", source, re.M).group(1)
            title = re.sub(r"[*_`]|\{.*?\}", "", title).strip()
        titles.append(title)
    return titles


# --- fast: the hook on small pieces of HTML ------------------------------------

QUIZ_HTML = (
    '<div class="quiz" data-show-correct="true" id="quiz-0">'
    '<a href="#quiz-0" class="quiz-header-link">#</a>'
    '<div class="quiz-question" id="quiz-0-question"><p>Quel taux mesure les départs ?</p></div>'
    '<form action="javascript:void(0);"><fieldset>'
    '<div><input type="radio" name="answer" value="0" id="quiz-0-0" >'
    '<label for="quiz-0-0">La rétention</label></div>'
    '<div><input type="radio" name="answer" value="1" id="quiz-0-1" data-correct="true">'
    '<label for="quiz-0-1">L’attrition</label></div>'
    '</fieldset><div class="quiz-feedback hidden"></div></form>'
    '<section class="content hidden"><p>La rétention compte ceux qui restent.</p></section>'
    "</div>"
    '<details class="success"><summary>Corrigé</summary><p>1. 20 %</p></details>'
)


def test_the_print_version_asks_the_quiz_and_keeps_its_key_for_the_annex():
    hook = _load_hook()
    page = SimpleNamespace(title="Mesurer", file=SimpleNamespace(src_uri="partie/mesurer.md"))
    printed = hook.print_version(QUIZ_HTML, page)
    assert "<form" not in printed and "quiz-0-question" not in printed
    assert "Quel taux mesure les départs ?" in printed
    assert "<li>La rétention</li><li>L’attrition</li>" in printed
    assert "La rétention compte ceux qui restent." not in printed  # explanation: annex only
    assert "<details open" in printed
    annex = hook.annex_html()
    assert "Corrigés des quiz" in annex
    assert "B. L’attrition" in annex and "La rétention compte ceux qui restent." in annex


def test_the_placeholders_are_a_readable_pdf_and_a_zip(tmp_path):
    from pypdf import PdfReader

    hook = _load_hook()
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(hook.placeholder_pdf("Fichier provisoire\nmake build"))
    assert "make build" in PdfReader(pdf).pages[0].extract_text()
    archive = tmp_path / "p.zip"
    archive.write_bytes(hook.placeholder_zip())
    with zipfile.ZipFile(archive) as z:
        assert "make build" in z.read("LISEZMOI.txt").decode()


def test_chapter_titles_are_read_from_the_nav():
    titles = chapter_titles()
    assert "Glossaire" in titles and "Segmentation RFM" in titles
    assert not any(t.startswith("Fiches") for t in titles)
    assert len(titles) > 50


# --- slow: the real downloads --------------------------------------------------


@pytest.fixture(scope="module")
def pdf_text(downloads) -> str:
    from pypdf import PdfReader

    print(f"\ndownload build + PDF + zip: {downloads.seconds:.0f} s")
    return normal("\n".join(page.extract_text() for page in PdfReader(downloads.pdf).pages))


@pytest.mark.slow
def test_the_pdf_has_the_expected_number_of_pages(downloads):
    from pypdf import PdfReader

    pages = len(PdfReader(downloads.pdf).pages)
    assert pages in PDF_PAGES, f"{pages} pages, expected {PDF_PAGES.start}–{PDF_PAGES.stop - 1}"


@pytest.mark.slow
def test_the_pdf_holds_every_chapter_of_the_nav(pdf_text):
    missing = [title for title in chapter_titles() if normal(title) not in pdf_text]
    assert not missing, f"chapters missing from the PDF: {missing}"


@pytest.mark.slow
def test_the_pdf_shows_formulas_diagrams_and_open_solutions(pdf_text):
    # A formula drawn by KaTeX (MathML): the NPS formula of snippets/formules/nps.md.
    assert re.search(r"NPS ?= ?% ?promoteurs", pdf_text) or "promoteurs − %" in pdf_text, (
        "no NPS formula text in the PDF"
    )
    # A Mermaid diagram, drawn before printing (relation-client/parcours-client.md).
    assert "Prise de conscience" in pdf_text and "Intérêt et engagement" in pdf_text
    # The solutions of the exercises are printed (collapsible blocks open).
    assert pdf_text.count("Corrigé") > 20


@pytest.mark.slow
def test_the_pdf_ends_with_the_quiz_annex(pdf_text):
    annex = pdf_text.rfind("Corrigés des quiz")
    assert annex > len(pdf_text) * 0.7, "no annex « Corrigés des quiz » at the end of the PDF"
    assert pdf_text.count("— réponse :") > 150  # one line per quiz of the course
    assert "Quiz 1 (plusieurs réponses possibles)" in pdf_text or "Quiz 1" in pdf_text


@pytest.mark.slow
def test_the_zip_holds_the_offline_site_under_one_folder(downloads):
    with zipfile.ZipFile(downloads.zip) as archive:
        names = set(archive.namelist())
        home = archive.read("cours-marketing-hors-ligne/index.html").decode()
    assert {n.split("/")[0] for n in names} == {"cours-marketing-hors-ligne"}
    folder = "cours-marketing-hors-ligne/"
    assert folder + "search/search_index.js" in names  # search without a server
    assert folder + "relation-client/parcours-client.html" in names  # .html links
    assert folder + "print_page.html" not in names
    assert 'href="relation-client/index.html"' in home
    assert "unpkg.com" not in home and "telechargements" not in home
