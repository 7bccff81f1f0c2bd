"""The API reference's docstrings get the acronyms as abbr's glossary (hooks/api_reference.py)."""

from __future__ import annotations

import importlib.util
import sys

import markdown
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
spec = importlib.util.spec_from_file_location("api_reference", ROOT / "hooks" / "api_reference.py")
api_reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(api_reference)

ACRONYMS = (
    "<!-- a comment\n   on two lines -->\n*[CLV]: Customer Lifetime Value\n\n*[RFM]: Récence\n"
)


def test_an_acronym_file_is_read_and_anything_else_is_refused():
    assert api_reference.acronyms_only(ACRONYMS) == {
        "CLV": "Customer Lifetime Value",
        "RFM": "Récence",
    }
    assert api_reference.acronyms_only(ACRONYMS + "Une phrase.\n") is None


def test_inner_config_moves_acronym_files_to_the_glossary_and_keeps_the_rest(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "acronymes.md").write_text(ACRONYMS, encoding="utf-8")
    (tmp_path / "snippets" / "pied.md").write_text("Pied de page.\n", encoding="utf-8")
    pages = {
        "pymdownx.snippets": {
            "base_path": ["snippets"],
            "auto_append": ["acronymes.md", "pied.md"],
            "check_paths": True,
        },
        "toc": {"permalink": True},
    }
    inner = api_reference.inner_markdown_config(pages, tmp_path)
    assert inner["pymdownx.snippets"] == {
        "base_path": ["snippets"],
        "auto_append": ["pied.md"],
        "check_paths": True,
    }
    assert inner["abbr"] == {"glossary": {"CLV": "Customer Lifetime Value", "RFM": "Récence"}}
    assert inner["toc"] == {"permalink": True}
    # the pages' own configuration is left as it was
    assert pages["pymdownx.snippets"]["auto_append"] == ["acronymes.md", "pied.md"]
    assert "abbr" not in pages


def test_the_glossary_gives_the_same_tooltips_as_the_appended_file(tmp_path):
    (tmp_path / "acronymes.md").write_text(ACRONYMS, encoding="utf-8")
    text = "La CLV et le score RFM."
    appended = markdown.markdown(
        text,
        extensions=["abbr", "pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {"base_path": [str(tmp_path)], "auto_append": ["acronymes.md"]}
        },
    )
    pages = {"pymdownx.snippets": {"base_path": ["."], "auto_append": ["acronymes.md"]}}
    inner = api_reference.inner_markdown_config(pages, tmp_path)
    inner["pymdownx.snippets"]["base_path"] = [str(tmp_path)]
    glossary = markdown.markdown(
        text, extensions=["abbr", "pymdownx.snippets"], extension_configs=inner
    )
    strip = api_reference.COMMENT.sub
    assert strip("", appended).strip() == glossary.strip()
    assert '<abbr title="Customer Lifetime Value">CLV</abbr>' in glossary


@pytest.mark.slow
def test_the_built_reference_has_the_tooltips_and_no_appended_snippet(built_site):
    html = (built_site / "notebooks" / "reference" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Customer Lifetime Value' in html
    # the snippet's comment: once, appended to the page itself (it was once per docstring)
    assert html.count("Acronyms of the course") == 1
