"""The live preview (`make serve`) keeps answering when a save breaks the build, shows a French
banner naming the file at the top of the page, and drops it once the mistake is fixed
(hooks/preview_errors.py).

The command is the one `make serve` runs (read with `make -n`, see
scripts/measure_reload.py), started on a copy of the project on a free port; chromium keeps
a page open while the sources are broken and fixed, as a teacher's browser would.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
FIRST_BUILD = 900  # seconds: a full build, on a machine that may be busy
REBUILD = 240  # seconds for one save to show, same caveat
PAGE = "docs/relation-client/ecueils.md"
URL = "relation-client/ecueils/"
SNIPPET_PAGE = "relation-client/qualite-de-la-relation/"  # one of the pages that include nps.md


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


reload_tools = _load("measure_reload", ROOT / "scripts" / "measure_reload.py")
preview_errors = _load("preview_errors_for_tests", ROOT / "hooks" / "preview_errors.py")


@pytest.fixture
def preview(project_copy, tmp_path):
    """The preview of a copy of the project: (base URL, project folder, log file)."""
    port = reload_tools.free_port()
    log = tmp_path / "serve.log"
    process = reload_tools.start_server(project_copy, port, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        reload_tools.wait_until(
            lambda: reload_tools.fetch(base + URL)[0] == 200, FIRST_BUILD, 0.5, process
        )
        yield base, project_copy, log
    finally:
        reload_tools.stop_server(process)


def test_a_broken_save_shows_a_french_banner_and_the_preview_keeps_answering(preview, new_page):
    from playwright.sync_api import expect

    base, project, log = preview
    page, _ = new_page()
    page.goto(base + URL)
    banner = page.locator("#apercu-erreur")
    expect(banner).to_have_count(0)
    title = page.locator("article h1").inner_text()
    index_before = search_locations(base)

    # 1. A new page, not yet in the menu (a warning): the open page reloads with the banner.
    draft = project / "docs" / "relation-client" / "brouillon.md"
    draft.write_text("# Brouillon\n\nUne page en cours d'écriture.\n", encoding="utf-8")
    expect(banner).to_contain_text(
        "La dernière sauvegarde contient une erreur : docs/relation-client/brouillon.md",
        timeout=REBUILD * 1000,
    )
    expect(banner).to_contain_text("n'est pas dans le menu")
    status, home = reload_tools.fetch(base, timeout=60)
    assert status == 200, f"home page: {status} {home[:200]}\n{log.read_text()[-3000:]}"
    assert 'id="apercu-erreur"' in home

    # 2. A dead link in a page of the menu: the build raises. The preview still answers,
    # with the page as it was before the save, and the banner names the file and the line.
    source = project / PAGE
    original = source.read_text(encoding="utf-8")
    source.write_text(original + "\nVoir [la suite](page-inexistante.md).\n", encoding="utf-8")
    line = original.count("\n") + 2  # in the file: the page has quizzes above the link
    expect(banner).to_contain_text(
        f"docs/relation-client/ecueils.md:{line}", timeout=REBUILD * 1000
    )
    expect(banner).to_contain_text("page-inexistante.md")
    expect(banner).to_contain_text("dernière version sans erreur")
    status, body = reload_tools.fetch(base + URL, timeout=60)
    assert status == 200, f"{URL}: {status}\n{log.read_text()[-3000:]}"
    assert "page-inexistante" not in body.split('id="apercu-erreur"')[-1].split("</div>", 1)[-1]
    assert reload_tools.fetch(base, timeout=60)[0] == 200
    expect(page.locator("article h1")).to_have_text(title)

    # 3. Fixed: the draft removed, the page saved with a new sentence. It shows, banner gone.
    # A formula snippet saved too: its two pages are rebuilt in one go.
    draft.unlink()
    snippet = project / "snippets" / "formules" / "nps.md"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "\nTémoin.\n", encoding="utf-8")
    source.write_text(original + "\nUne phrase ajoutée pendant l'aperçu.\n", encoding="utf-8")
    expect(page.locator("article")).to_contain_text(
        "Une phrase ajoutée pendant l", timeout=REBUILD * 1000
    )
    expect(banner).to_have_count(0)

    # The search index still lists each section of each page once, the new sentence included.
    reload_tools.wait_until(
        lambda: "Témoin." in reload_tools.fetch(base + SNIPPET_PAGE)[1], REBUILD, 1
    )
    index_after = search_locations(base)
    assert index_after == index_before, (
        f"added {index_after - index_before}, lost {index_before - index_after}"
    )
    docs = json.loads(reload_tools.fetch(base + "search/search_index.json")[1])["docs"]
    assert any(
        "Une phrase ajoutée pendant l" in entry["text"]
        for entry in docs
        if entry["location"].startswith(URL)
    )


def search_locations(base: str) -> Counter:
    """How many times each page or section is listed in the served search index."""
    status, raw = reload_tools.fetch(base + "search/search_index.json", timeout=60)
    assert status == 200, raw[:200]
    return Counter(entry["location"] for entry in json.loads(raw)["docs"])


@pytest.mark.parametrize(
    ("message", "where", "words"),
    [
        (
            "The following pages exist in the docs directory, but are not included in the "
            '"nav" configuration:\n  - relation-client/brouillon.md',
            "docs/relation-client/brouillon.md",
            "n'est pas dans le menu",
        ),
        (
            "Doc file 'relation-client/ecueils.md' contains a link 'fidelite.md#x', but the doc "
            "'relation-client/fidelite.md' does not contain an anchor '#x'.",
            "docs/relation-client/ecueils.md",
            "vise l'ancre « #x », absente de docs/relation-client/fidelite.md",
        ),
        (
            "Doc file 'relation-client/ecueils.md' contains a link 'img/x.png', but the target "
            "'relation-client/img/x.png' is not found among documentation files.",
            "docs/relation-client/ecueils.md",
            "mène à un fichier qui n'existe pas",
        ),
        (
            "A reference to 'relation-client/nulle-part.md' is included in the 'nav' "
            "configuration, which is not found in the documentation files.",
            "mkdocs.yml",
            "le menu (« nav: ») cite « relation-client/nulle-part.md »",
        ),
        (
            "Error reading page 'relation-client/ecueils.md': Snippet at path "
            "'formules/inconnue.md' could not be found",
            "docs/relation-client/ecueils.md",
            "l'extrait « formules/inconnue.md » est introuvable",
        ),
        (
            "docs/relation-client/ecueils.md:145 : ce quiz n'a aucune bonne réponse ; "
            "cochez-en au moins une avec - [x].",
            "docs/relation-client/ecueils.md:145",
            "ce quiz n'a aucune bonne réponse",
        ),
    ],
)
def test_mkdocs_messages_are_shown_in_french_with_their_file(message, where, words, tmp_path):
    problems = preview_errors.translate(message, docs=tmp_path, config_file=tmp_path / "x.yml")
    assert len(problems) == 1, problems
    assert problems[0].where == where
    assert words in problems[0].explanation


def test_a_dead_link_below_a_quiz_is_reported_at_its_line_in_the_source(tmp_path):
    """mkdocs-quiz has rewritten the quizzes when the link is checked: the line must still
    be the one the contributor sees in the file (it was reported lines too high)."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    sys.path.insert(0, str(ROOT / "hooks"))
    import contributor_errors

    source = "# Page\n\n<quiz>\nQuestion ?\n- [x] Oui\n- [ ] Non\n</quiz>\n\n[Suite](absente.md)\n"
    path = tmp_path / "page.md"
    path.write_text(source, encoding="utf-8")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="partie/page.md", abs_src_path=str(path)))
    files = SimpleNamespace(get_file_from_path=lambda uri: None)
    rewritten = "# Page\n\n<div>quiz</div>\n\n[Suite](absente.md)\n"  # what the hook is given
    with pytest.raises(
        PluginError, match=r"^docs/partie/page\.md:9 : le lien vers « absente\.md »"
    ):
        contributor_errors.on_page_markdown(rewritten, page=page, config=None, files=files)
    # and a page without fault goes on as mkdocs-quiz left it, not as the source file
    path.write_text(source.replace("absente.md", "page.md"), encoding="utf-8")
    files = SimpleNamespace(get_file_from_path=lambda uri: uri)
    kept = contributor_errors.on_page_markdown(rewritten, page=page, config=None, files=files)
    assert kept == rewritten


def test_noise_is_not_a_problem():
    dirty = "A 'dirty' build is being performed, this will likely lead to inaccurate navigation"
    assert preview_errors.translate(dirty) == []
    assert preview_errors.translate("Error reading page 'a.md':") == []


def test_the_banner_goes_at_the_top_of_the_page_content():
    page = b'<body class="x"><header>h</header><div class="md-container" data-md-component="c">m'
    problem = preview_errors.Problem("docs/a.md:3", "explication <b>")
    shown = preview_errors.with_banner(page, preview_errors.banner_html([problem], raised=True))
    _head, tail = shown.split(b'data-md-component="c">', 1)
    assert tail.startswith(b'<div id="apercu-erreur" role="alert"')
    assert "La dernière sauvegarde contient une erreur : docs/a.md:3 — explication &lt;b&gt;" in (
        tail.decode()
    )
