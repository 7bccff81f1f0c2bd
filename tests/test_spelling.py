"""French spelling: pyspelling + hunspell (fr_FR, Debian's hunspell-fr) over the
Markdown pages, the notebooks' Markdown pages and the Markdown cells of every
notebook, with the project's word list (.spelling/wordlist-fr.txt).

Configuration: .pyspelling.yml. A genuine misspelling is fixed in the page;
a proper noun or an English term of the trade goes into the word list."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYSPELLING = Path(sys.executable).parent / "pyspelling"


@pytest.fixture(autouse=True)
def hunspell_installed() -> None:
    """A skipped spelling check is a check nobody ran: a missing hunspell fails."""
    if shutil.which("hunspell") is None:
        pytest.fail("hunspell is missing: run `make setup` (installs hunspell and hunspell-fr)")


def notebook_cells(folder: Path) -> None:
    """Write the Markdown cells of each notebook to ``folder/<notebook>.md``."""
    folder.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells
            if c["cell_type"] == "markdown"
        )
        (folder / f"{notebook.stem}.md").write_text(text + "\n", encoding="utf-8")


def run_pyspelling(
    tmp_path: Path, sources: dict[str, list[str]] | None = None
) -> subprocess.CompletedProcess:
    """Run pyspelling with .pyspelling.yml, notebook cells extracted under ``tmp_path``.
    ``sources`` replaces the sources of the named matrix tasks (fixtures)."""
    config = yaml.safe_load((ROOT / ".pyspelling.yml").read_text(encoding="utf-8"))
    cells = tmp_path / "cells"
    notebook_cells(cells)
    for task in config["matrix"]:
        task["dictionary"] = {**task["dictionary"], "output": str(tmp_path / f"{task['name']}.dic")}
        task["dictionary"]["wordlists"] = [str(ROOT / w) for w in task["dictionary"]["wordlists"]]
        if task["name"] == "notebook-cells":
            task["sources"] = [f"{cells}/*.md"]
        if sources and task["name"] in sources:
            task["sources"] = sources[task["name"]]
    path = tmp_path / "pyspelling.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / ".spelling")}  # onetext_html filter
    return subprocess.run(
        [str(PYSPELLING), "-c", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def unknown_words(output: str) -> list[str]:
    lines = output.splitlines()
    words = []
    for i, line in enumerate(lines):
        if line.startswith("Misspelled words:"):
            # context line, dashes, the words, dashes
            for word in lines[i + 3 :]:
                if word.startswith("---"):
                    break
                words.append(word)
    return words


def test_no_unknown_french_word(tmp_path):
    result = run_pyspelling(tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_a_misspelt_word_is_found(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Fidélité\n\nLa fidélisasion des clients se mesure.\n\n"
        "```python\nnot_french = 1\n```\n\n"
        "```mermaid\ngraph LR\n  A --> B\n```\n\n"
        "$$ CLV = \\sum_t m_t $$ et une adresse https://exemple.fr/chemin\n",
        encoding="utf-8",
    )
    result = run_pyspelling(tmp_path, {"markdown": [str(page)], "notebook-cells": [str(page)]})
    assert result.returncode != 0
    assert set(unknown_words(result.stdout)) == {"fidélisasion"}, result.stdout


def test_the_readme_formula_syntax_is_not_spell_checked(tmp_path):
    # the README tells authors to write formulas between \( \) and \[ \]
    page = tmp_path / "page.md"
    page.write_text(
        "# Durée de vie\n\nLa durée de vie vaut \\(\\frac{1}{1-r}\\) périodes.\n\n"
        "\\[\nCLV = \\frac{m \\, r}{1 + d - r}\n\\]\n\nLa fidélisasion compte.\n",
        encoding="utf-8",
    )
    result = run_pyspelling(tmp_path, {"markdown": [str(page)], "notebook-cells": [str(page)]})
    assert set(unknown_words(result.stdout)) == {"fidélisasion"}, result.stdout


def test_a_missing_hunspell_fails_instead_of_skipping(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="hunspell is missing"):
        hunspell_installed.__wrapped__()
