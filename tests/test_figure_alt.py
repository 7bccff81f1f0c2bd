"""Every figure of the course's notebooks has its own alt text, not the generic one.

A code cell that draws a figure states, in its metadata, what the figure shows:
``"alt": "..."`` (or a list, one text per figure). The build hook
(hooks/notebook_pages.py) writes it in the ``alt`` attribute of the image.
"""

from __future__ import annotations

import base64
import importlib.util
import json

import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "notebook_pages", ROOT / "hooks" / "notebook_pages.py"
)
notebook_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(notebook_pages)

# Every notebook of the course: their figures must all carry their own alt text.
CHECKED = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 24).decode()


@pytest.mark.parametrize("name", CHECKED)
def test_every_figure_has_a_specific_alt_text(name):
    path = ROOT / "notebooks" / name
    alts = notebook_pages.figure_alts(path)
    assert alts, f"{name} draws no figure"
    for index, alt in enumerate(alts, start=1):
        assert alt, f"{name}: figure {index} has no alt text (cell metadata 'alt')"
        assert alt != notebook_pages.FIGURE_ALT, f"{name}: figure {index} has the generic alt"
        assert len(alt.split()) >= 8, f"{name}: figure {index}: alt text too short to describe it"
    assert len(set(alts)) == len(alts), f"{name}: two figures share one alt text"


def test_hook_writes_each_alt_in_order(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "x"},
        {
            "cell_type": "code",
            "metadata": {"alt": ["Première « figure »", "Deuxième figure"]},
            "outputs": [{"data": {"image/png": PNG}}, {"data": {"image/png": PNG}}],
        },
        {"cell_type": "code", "metadata": {}, "outputs": [{"data": {"image/png": PNG}}]},
    ]
    source = tmp_path / "n.ipynb"
    source.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    alts = notebook_pages.figure_alts(source)
    assert alts == ["Première « figure »", "Deuxième figure", None]
    image = f'<img src="data:image/png;base64,{PNG}">'
    html = notebook_pages.external_images(image * 3, tmp_path / "out", alts)
    assert html.count('alt="Première « figure »"') == 1
    assert html.count('alt="Deuxième figure"') == 1
    assert html.count(f'alt="{notebook_pages.FIGURE_ALT}"') == 1
