"""The site builds with --strict, and the faults it must catch do fail it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site

pytestmark = pytest.mark.slow


def test_site_builds_strict(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "sitemap.xml").is_file()


def test_every_page_is_in_the_nav(built_site):
    """No Markdown page under docs/ is left out of the navigation."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    missing = [p for p in pages if p not in nav]
    assert not missing, f"pages missing from the nav in mkdocs.yml: {missing}"


def test_no_placeholder_left(built_site):
    """Every page has real content (the word PLACEHOLDER marks unfinished pages)."""
    unfinished = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if "PLACEHOLDER" in p.read_text(encoding="utf-8")
    ]
    assert not unfinished


def test_vendored_assets_are_served(built_site):
    mermaid = built_site / "assets" / "vendor" / "mermaid"
    assert (mermaid / "mermaid.esm.min.mjs").stat().st_size > 1000
    # every chunk the entry point imports is served
    entry = (mermaid / "mermaid.esm.min.mjs").read_text(encoding="utf-8")
    chunks = set(re.findall(r'"\./(chunks/[^"]+\.mjs)"', entry))
    assert chunks and all((mermaid / c).is_file() for c in chunks)


def test_every_formula_is_mathml(built_site):
    """No TeX is left for the browser: each formula of the pages is MathML."""
    pages_with_maths, leftovers = 0, {}
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        formulas = re.findall(r'class="arithmatex">(.*?)</(?:span|div)>', html, re.S)
        pages_with_maths += bool(formulas)
        raw = [f for f in formulas if not f.startswith('<span class="katex"><math')]
        if raw:
            leftovers[page.relative_to(built_site).as_posix()] = raw[:3]
    assert pages_with_maths >= 4
    assert not leftovers


def test_notebook_page_has_a_download_link(built_site):
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        page = built_site / "notebooks" / notebook.stem / "index.html"
        html = page.read_text(encoding="utf-8")
        assert re.search(rf'href="[^"]*{re.escape(notebook.name)}"[^>]*download', html), page
        assert (page.parent / notebook.name).is_file()


# --- faults that must fail the build -------------------------------------------


def _first_chapter(project: Path) -> Path:
    return project / "docs" / "index.md"


def test_broken_link_fails_the_build(project_copy, tmp_path):
    page = _first_chapter(project_copy)
    page.write_text(page.read_text(encoding="utf-8") + "\n[cassé](page-qui-n-existe-pas.md)\n")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "page-qui-n-existe-pas.md" in result.stderr


def test_missing_snippet_fails_the_build(project_copy, tmp_path):
    page = _first_chapter(project_copy)
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "formules/absente.md"\n')
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "absente.md" in result.stderr


def test_broken_formula_fails_the_build(project_copy, tmp_path):
    page = _first_chapter(project_copy)
    page.write_text(page.read_text(encoding="utf-8") + "\n\\(\\frac{1}{\\)\n")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "KaTeX ne peut pas dessiner la formule" in result.stderr
    assert "docs/index.md:" in result.stderr


# A missing anchor and a page left out of the nav are warnings that MkDocs gives only once
# every page is built (the strict mode then aborts): both faults go into one copy, built
# once for the two tests, and each test finds its own warning in the log.
@pytest.fixture(scope="session")
def late_faults_build(tmp_path_factory) -> str:
    """stderr of the one build of a copy with both faults (once per run, across xdist
    workers: :func:`conftest.run_once`; the test that comes second reads the record)."""
    from conftest import copy_project, run_once, shared_tmp

    def produce(folder: Path) -> dict:
        project = copy_project(folder)
        page = _first_chapter(project)
        page.write_text(
            page.read_text(encoding="utf-8") + "\n[cassé](glossaire.md#ancre-absente)\n"
        )
        (project / "docs" / "orpheline.md").write_text("# Orpheline\n")
        result = build_site(project, folder / "site")
        return {"returncode": result.returncode, "stderr": result.stderr}

    record = run_once(shared_tmp(tmp_path_factory) / "late-faults", produce)
    assert record["returncode"] != 0, "the broken project built"
    return record["stderr"]


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("WARNING")]


def test_broken_anchor_fails_the_build(late_faults_build):
    assert any("ancre-absente" in line for line in _warnings(late_faults_build))


def test_page_missing_from_nav_fails_the_build(late_faults_build):
    assert any('not included in the "nav"' in line for line in _warnings(late_faults_build))
    assert "  - orpheline.md" in late_faults_build.splitlines()
