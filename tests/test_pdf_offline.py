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
NOT_IN_PDF = re.compile(
    r"^(reviser/|notebooks/reference\.md$|business-model-canvas/canevas-vierge)"
)


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
    """The title every page of the nav that the PDF holds starts with.

    A Markdown page's H1 (what the PDF prints, « Accueil » excepted); a
    notebook's nav title (its H1, in the notebook, starts with it).
    """

    class Loader(yaml.SafeLoader):
        """Reads mkdocs.yml without its !ENV and !!python/name tags."""

    for prefix in ("!", "tag:yaml.org,2002:python/"):
        Loader.add_multi_constructor(prefix, lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    titles = []
    for title, path in _nav_pages(config["nav"]):
        if NOT_IN_PDF.match(path):
            continue
        if not path.endswith(".ipynb"):
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
    assert titles[0] == "Marketing stratégique et relation client"  # the H1 of « Accueil »
    assert not any(t.startswith("Fiches") for t in titles)
    assert len(titles) > 50


# --- slow: the real downloads --------------------------------------------------


class Pdf:
    """The PDF read once: its outline (one entry per chapter) and the text of its pages.

    Text is extracted page by page, only where a test looks (all 400 pages
    would take minutes with pypdf).
    """

    def __init__(self, path):
        from pypdf import PdfReader

        self.reader = PdfReader(path)
        self._text: dict[int, str] = {}
        self.chapters: list[tuple[str, int]] = [
            (normal(item.title), self.reader.get_destination_page_number(item))
            for item in self.reader.outline
            if not isinstance(item, list)
        ]

    def __len__(self) -> int:
        return len(self.reader.pages)

    def text(self, first: int, last: int | None = None) -> str:
        """The text of pages ``first`` to ``last`` (0-based, included)."""
        for i in range(first, (first if last is None else last) + 1):
            if i not in self._text:
                self._text[i] = normal(self.reader.pages[i].extract_text())
        return " ".join(self._text[i] for i in range(first, (first if last is None else last) + 1))

    def chapter(self, title: str) -> str:
        """The text of the chapter whose outline entry is ``title`` (its last one)."""
        starts = [i for i, (t, _) in enumerate(self.chapters) if t == normal(title)]
        assert starts, f"no chapter « {title} » in the PDF's outline"
        k = starts[-1]
        first = self.chapters[k][1]
        last = self.chapters[k + 1][1] - 1 if k + 1 < len(self.chapters) else len(self) - 1
        return self.text(first, max(first, last))


@pytest.fixture(scope="module")
def pdf(downloads) -> Pdf:
    print(f"\ndownload build + PDF + zip: {downloads.seconds:.0f} s")
    return Pdf(downloads.pdf)


@pytest.mark.slow
def test_the_pdf_has_the_expected_number_of_pages(pdf):
    assert len(pdf) in PDF_PAGES, (
        f"{len(pdf)} pages, expected {PDF_PAGES.start}–{PDF_PAGES.stop - 1}"
    )


@pytest.mark.slow
def test_the_pdf_holds_every_chapter_of_the_nav_in_order(pdf):
    def same(entry: str, title: str) -> bool:  # a notebook's H1 goes on after « : »
        return entry == normal(title) or entry.startswith(normal(title) + " :")

    outline = [title for title, _ in pdf.chapters]
    missing = [t for t in chapter_titles() if not any(same(o, t) for o in outline)]
    assert not missing, f"chapters missing from the PDF's outline: {missing}"
    # Walk the outline forward: each chapter of the nav must come after the previous
    # one (two chapters may share a title, e.g. a page and the notebook that goes with it).
    position = -1
    for title in chapter_titles():
        later = [k for k in range(position + 1, len(outline)) if same(outline[k], title)]
        assert later, f"« {title} » is not after the previous chapter: not in the order of the nav"
        position = later[0]
        page = pdf.chapters[position][1]
        # The chapter's first page shows its title as text.
        assert normal(title) in pdf.text(page), f"« {title} » is not on page {page + 1}"
    assert "Sommaire" in pdf.text(1)


@pytest.mark.slow
def test_the_pdf_shows_formulas_diagrams_and_open_solutions(pdf):
    # A formula drawn by KaTeX (MathML): the NPS formula of snippets/formules/nps.md,
    # its fraction between stretched brackets; no TeX source left.
    loyalty = pdf.chapter("Mesurer la fidélité")
    assert re.search(r"NPS = 100 × \S{1,2} \S{1,2} ?promoteurs", loyalty), "no NPS formula"
    assert "\\frac" not in loyalty and "\\text{" not in loyalty
    # A Mermaid diagram, drawn before printing (relation-client/parcours-client.md).
    journey = pdf.chapter("Le parcours client")
    assert "Prise de conscience" in journey and "Intérêt et engagement" in journey
    # The solution of the case study is printed (collapsible blocks open).
    case = pdf.chapter("Étude de cas : la relation client de Maison Lumen")
    assert "Corrigé" in case and "Barème récapitulatif" in case


@pytest.mark.slow
def test_the_pdf_asks_the_quizzes_and_ends_with_their_annex(pdf):
    title, first = pdf.chapters[-1]
    assert title == "Corrigés des quiz", "the PDF does not end with the quiz annex"
    annex = pdf.text(first, first + 1) + " " + pdf.text(len(pdf) - 1)
    assert "Pour chaque quiz du cours" in annex
    assert annex.count("— réponse :") > 5
    # The chapters ask the questions, lettered, with a pointer to the annex and no form.
    loyalty = pdf.chapter("Mesurer la fidélité")
    assert "Corrigé : Corrigés des quiz, Mesurer la fidélité" in loyalty
    assert "— réponse :" not in loyalty and "Soumettre" not in loyalty
    assert not any(t == "Réviser" for t, _ in pdf.chapters), "empty « Réviser » part"


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
