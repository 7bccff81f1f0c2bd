"""The search fix of hooks/search_folding.py, without a browser: the shapes of
Material's scripts it relies on, and the boost that puts the API reference
after the course pages. The browser side is tests/browser/test_search.py."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(ROOT / "hooks"))
import search_folding

MATERIAL_ASSETS = Path(__import__("material").__file__).parent / "templates" / "assets"


@pytest.fixture
def material_site(tmp_path) -> Path:
    """A site folder holding Material's own worker, bundle and French lunr file."""
    js = tmp_path / "assets" / "javascripts"
    for pattern in (search_folding.WORKER_GLOB, search_folding.BUNDLE_GLOB):
        source = next(MATERIAL_ASSETS.parent.glob(pattern))
        target = tmp_path / source.relative_to(MATERIAL_ASSETS.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    (js / "lunr" / "min").mkdir(parents=True)
    shutil.copy2(MATERIAL_ASSETS / "javascripts/lunr/min/lunr.fr.min.js", js / "lunr/min")
    return tmp_path


def test_installed_material_has_every_shape_the_fix_relies_on(material_site):
    assert search_folding.check_material(material_site) == []


@pytest.mark.parametrize(
    ("glob", "what"),
    [
        (glob, what)
        for glob, needles in search_folding.MATERIAL_CONTRACT.items()
        for what in needles
    ],
)
def test_a_changed_material_stops_the_build(material_site, glob, what):
    """Each shape, once removed from Material's script, fails the build with a French message."""
    script = next(material_site.glob(glob))
    needle = search_folding.MATERIAL_CONTRACT[glob][what]
    text = script.read_text(encoding="utf-8")
    assert re.search(needle, text)
    script.write_text(re.sub(needle, "changed(", text), encoding="utf-8")
    with pytest.raises(PluginError, match=r"la recherche de Material a changé.*" + re.escape(what)):
        search_folding.on_post_build({"site_dir": str(material_site)})
    language = material_site / search_folding.LANGUAGE_FILE
    assert search_folding.MARKER not in language.read_text(encoding="utf-8")


def test_the_folding_lines_are_added_once(material_site):
    for _ in range(2):
        search_folding.on_post_build({"site_dir": str(material_site)})
    language = (material_site / search_folding.LANGUAGE_FILE).read_text(encoding="utf-8")
    assert language.count(search_folding.MARKER) == 1


def test_the_api_reference_ranks_below_the_course(built_site):
    """Every entry of the reference page has a boost below 1; no other page is lowered."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    reference = [d for d in docs if d["location"].startswith("notebooks/reference/")]
    assert reference, "the API reference is not in the search index"
    assert all(d.get("boost", 1) < 1 for d in reference), {d.get("boost") for d in reference}
    lowered = {d["location"] for d in docs if d.get("boost", 1) < 1} - {
        d["location"] for d in reference
    }
    assert not lowered, sorted(lowered)[:5]
