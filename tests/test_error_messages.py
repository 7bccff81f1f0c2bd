"""A contributor's mistake fails the build with its file, its line and a French hint.

Each test breaks a throw-away copy of the project once (a build reports only its first
error) and checks that the error names the right ``file:line``, says how to fix it, and
prints no traceback. The fast tests check the hooks' helpers directly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site

sys.path.insert(0, str(ROOT / "hooks"))
import contributor_errors
import maths

QUIZ = """# Page

<quiz>
Première question ?
- [x] oui
- [ ] non
</quiz>

<quiz>
Deuxième question ?
- [ ] oui
- [ ] non
</quiz>
"""


def test_quiz_without_answer_is_found_at_its_line():
    assert contributor_errors.quiz_errors(QUIZ, "x/page.md") == [
        "docs/x/page.md:9 : ce quiz n'a aucune bonne réponse ; cochez-en au moins une avec - [x]."
    ]


def test_dead_link_is_found_at_its_line_outside_code():
    text = "Titre\n\n`[a](code.md)`\n\n```\n[b](fence.md)\n```\nVoir [c](../autre/page.md#ancre).\n"
    errors = contributor_errors.dead_links(text, "x/page.md", lambda uri: False)
    assert len(errors) == 1
    assert errors[0].startswith("docs/x/page.md:8 : le lien vers « ../autre/page.md »")


def test_formula_is_located_in_the_snippet_or_the_page(tmp_path):
    (tmp_path / "snippets" / "formules").mkdir(parents=True)
    (tmp_path / "snippets" / "formules" / "f.md").write_text("$$\n\\frac{a}{b\n$$\n")
    page = 'Texte\n\n--8<-- "formules/f.md"\n\nEt \\( x^{2 \\) ici.\n'
    assert maths.locate("\\frac{a}{b", page, "p.md", tmp_path) == (
        "snippets/formules/f.md:2 (inclus par docs/p.md)"
    )
    assert maths.locate("x^{2", page, "p.md", tmp_path) == "docs/p.md:5"


# The faults go into a page that MkDocs reads early (it reads the pages folder by folder,
# in alphabetical order, and stops at the first error): the build fails in seconds,
# not after the whole site.
EARLY_PAGE = "business-model-canvas/blocs-vente-en-ligne.md"
EARLY_SNIPPET = "formules/seuil-de-rentabilite.md"  # included by EARLY_PAGE


def failed_build(project: Path, tmp_path: Path) -> str:
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0, "the broken project built"
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.slow
def test_build_names_the_quiz_without_a_correct_answer(project_copy, tmp_path):
    page = project_copy / "docs" / EARLY_PAGE
    text = page.read_text(encoding="utf-8")
    quiz = contributor_errors.quizbank.parse_page(text, EARLY_PAGE)[1]
    lines = text.splitlines(keepends=True)
    end = next(i for i in range(quiz.line, len(lines)) if lines[i].startswith("</quiz>"))
    for i in range(quiz.line, end):
        lines[i] = lines[i].replace("- [x]", "- [ ]")
    page.write_text("".join(lines), encoding="utf-8")
    stderr = failed_build(project_copy, tmp_path)
    assert (
        f"docs/{EARLY_PAGE}:{quiz.line} : ce quiz n'a aucune bonne réponse ; "
        "cochez-en au moins une avec - [x]." in stderr
    )


@pytest.mark.slow
def test_build_names_the_snippet_with_a_broken_formula(project_copy, tmp_path):
    snippet = project_copy / "snippets" / EARLY_SNIPPET
    snippet.write_text(snippet.read_text(encoding="utf-8").replace("\\frac", "\\frac{"), "utf-8")
    stderr = failed_build(project_copy, tmp_path)
    assert f"snippets/{EARLY_SNIPPET}:2 (inclus par docs/" in stderr
    assert maths.FIX_HINT in stderr


@pytest.mark.slow
def test_build_names_the_page_line_of_a_broken_formula(project_copy, tmp_path):
    page = project_copy / "docs" / EARLY_PAGE
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(5, "\nLa formule \\( \\frac{1}{2 \\) est cassée.\n")
    page.write_text("".join(lines), encoding="utf-8")
    stderr = failed_build(project_copy, tmp_path)
    assert f"docs/{EARLY_PAGE}:7 : KaTeX ne peut pas dessiner" in stderr
    assert maths.FIX_HINT in stderr


@pytest.mark.slow
def test_build_names_the_line_of_a_dead_link(project_copy, tmp_path):
    page = project_copy / "docs" / EARLY_PAGE
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(5, "\nVoir [la page](page-inexistante.md#ancre).\n")
    page.write_text("".join(lines), encoding="utf-8")
    stderr = failed_build(project_copy, tmp_path)
    assert (
        f"docs/{EARLY_PAGE}:7 : le lien vers « page-inexistante.md » mène à une "
        "page qui n'existe pas ; vérifiez le nom du fichier (minuscules, sans accents) "
        "et son dossier." in stderr
    )
