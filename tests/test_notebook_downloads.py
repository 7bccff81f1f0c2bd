"""Each notebook page offers a zip that runs the notebook away from the site, a Colab
link when the repository is on GitHub, and the abbreviations' tooltips.

The zips are written by hooks/notebook_pages.py with hooks/notebook_downloads.py.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import shutil
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

spec = importlib.util.spec_from_file_location(
    "notebook_pages", ROOT / "hooks" / "notebook_pages.py"
)
notebook_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(notebook_pages)
downloads = notebook_pages.notebook_downloads

FOLDER = "telechargements/notebooks"
# The loaders of the package that read a CDNOW file, and the file each reads.
LOADERS = {
    "cdnow_transactions": "CDNOW_master.txt",
    "cdnow_sample_transactions": "CDNOW_sample.txt",
}
PACKAGE_FILES = sorted(
    p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "marketing_kpi").rglob("*.py")
)


def nav_notebooks() -> list[str]:
    """Stems of the notebooks listed in the nav of mkdocs.yml."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[1]
    return sorted(Path(path).stem for path in re.findall(r"(\S+\.ipynb)\s*$", nav, re.M))


def code_of(stem: str) -> str:
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def expected_data(stem: str) -> set[str]:
    """The data files the notebook opens: data/… paths and CDNOW loaders."""
    code = code_of(stem)
    files = {Path(p).name for p in re.findall(r"""["']data/([^"'\s]+)["']""", code)}
    files |= {name for loader, name in LOADERS.items() if re.search(rf"\b{loader}\(", code)}
    return files


def lock() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        re.sub(r"[-_.]+", "-", n).lower(): v
        for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)
    }


def pins(requirements: str) -> dict[str, str]:
    lines = [line.strip() for line in requirements.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#") and line != "."]
    found = {}
    for line in lines:
        match = re.fullmatch(r"([a-z0-9-]+)==([^\s=]+)", line)
        assert match, f"requirement not pinned: {line!r}"
        found[match.group(1)] = match.group(2)
    return found


NOTEBOOKS = nav_notebooks()


def test_nav_lists_the_notebooks():
    assert len(NOTEBOOKS) >= 5
    assert set(NOTEBOOKS) <= {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}


# --- the built site ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_every_notebook_page_links_its_zip(built_site, stem):
    archive = built_site / FOLDER / f"{stem}.zip"
    assert archive.is_file(), f"no zip for {stem}"
    page = (built_site / "notebooks" / stem / "index.html").read_text(encoding="utf-8")
    bar = re.search(r'<p class="notebook-downloads">(.*?)</p>', page, re.S)
    assert bar, f"no download bar on {stem}"
    link = f'href="../../{FOLDER}/{stem}.zip" download>Télécharger le notebook et ses données'
    assert link in bar.group(1)
    size = downloads.size_label(archive.stat().st_size)
    assert f"(zip, {size})" in bar.group(1)
    # built without REPO_URL: no Colab link, nothing pointing to another host
    assert "Ouvrir dans Colab" not in page
    assert "colab.research.google.com" not in page


@pytest.mark.slow
@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_zip_holds_notebook_data_package_and_requirements(built_site, stem):
    with zipfile.ZipFile(built_site / FOLDER / f"{stem}.zip") as archive:
        names = set(archive.namelist())
        assert (
            archive.read(f"{stem}/{stem}.ipynb")
            == (ROOT / "notebooks" / f"{stem}.ipynb").read_bytes()
        )
        data = {n.split("/", 2)[2] for n in names if n.startswith(f"{stem}/data/")}
        assert expected_data(stem) <= data, f"{stem}: data files missing from the zip"
        for name in data & {p.name for p in (ROOT / "notebooks" / "data").iterdir()}:
            assert (
                archive.read(f"{stem}/data/{name}")
                == (ROOT / "notebooks" / "data" / name).read_bytes()
            )
        for relative in PACKAGE_FILES:
            assert archive.read(f"{stem}/{relative}") == (ROOT / "src" / relative).read_bytes()
        assert {
            f"{stem}/requirements.txt",
            f"{stem}/LISEZMOI.txt",
            f"{stem}/pyproject.toml",
        } <= names
        readme = archive.read(f"{stem}/LISEZMOI.txt").decode()
        for step in ("python -m venv .venv", "pip install -r requirements.txt", "jupyter lab"):
            assert step in readme


@pytest.mark.slow
@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_requirements_are_pinned_as_in_the_lock(built_site, stem):
    with zipfile.ZipFile(built_site / FOLDER / f"{stem}.zip") as archive:
        requirements = archive.read(f"{stem}/requirements.txt").decode()
    found = pins(requirements)
    locked = lock()
    assert {"pandas", "numpy", "matplotlib", "scipy", "ipykernel"} <= found.keys()
    for name, version in found.items():
        assert locked.get(name) == version, f"{stem}: {name}=={version}, lock {locked.get(name)}"
    if "duckdb" in code_of(stem):
        assert "duckdb" in found
    assert requirements.splitlines()[-1] == ".", "the bundled package is not installed"


@pytest.mark.slow
def test_no_zip_or_bar_for_other_pages(built_site):
    zips = {p.stem for p in (built_site / FOLDER).glob("*.zip")}
    assert zips == set(NOTEBOOKS)
    page = (built_site / "notebooks" / "donnees" / "index.html").read_text(encoding="utf-8")
    assert "notebook-downloads" not in page


# --- abbreviations -------------------------------------------------------------


class Prose(HTMLParser):
    """Text of the notebooks' Markdown cells outside code, links and headings; abbrs met."""

    SKIP: ClassVar = {"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "math", "abbr"}
    VOID: ClassVar = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.abbrs: list[str] = []
        self.misplaced: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "abbr":
            inside = {t for t, _ in self.stack}
            in_output = any("jp-OutputArea" in c for _, c in self.stack)
            if inside & {"code", "pre"} or in_output:
                self.misplaced.append(str(self.getpos()))
        if tag not in self.VOID:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        tags = {t for t, _ in self.stack}
        if self.stack and self.stack[-1][0] == "abbr":
            self.abbrs.append(data)
        in_markdown = any("jp-MarkdownOutput" in c for _, c in self.stack)
        in_output = any("jp-OutputArea" in c for _, c in self.stack)
        if in_markdown and not in_output and not tags & self.SKIP:
            self.text.append(data)


def prose_of(html: str) -> Prose:
    parser = Prose()
    parser.feed(html)
    return parser


@pytest.mark.slow
@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_abbreviations_in_prose_only(built_site, stem):
    html = (built_site / "notebooks" / stem / "index.html").read_text(encoding="utf-8")
    parser = prose_of(html)
    prose = " ".join(parser.text)
    for word in ("NPS", "RFM", "CLV"):
        if re.search(rf"(?<![\w/-]){word}(?![\w/-])", prose):
            assert word in parser.abbrs, f"{stem}: {word} in the prose without <abbr>"
            assert re.search(rf'<abbr title="[^"]+">{word}</abbr>', html)
    assert not parser.misplaced, f"{stem}: <abbr> inside code or outputs at {parser.misplaced}"


def test_abbreviations_skip_code_links_and_outputs():
    notebook = (
        '<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedHTMLCommon jp-MarkdownOutput">'
        '<h2>Le NPS</h2><p>Le <code>NPS</code> et le <a href="x">NPS</a>,'
        " puis le NPS et le NPS.</p>"
        "</div></div>"
        '<div class="jp-Cell jp-CodeCell"><pre>NPS</pre><div class="jp-OutputArea">NPS</div></div>'
    )
    out = notebook_pages.with_abbreviations(notebook, {"NPS": "Net Promoter Score", "CA": "x"})
    assert out.count("<abbr") == 1
    assert ', puis le <abbr title="Net Promoter Score">NPS</abbr> et le NPS.' in out
    assert "<pre>NPS</pre>" in out and '<div class="jp-OutputArea">NPS</div>' in out


def test_abbreviations_come_from_the_snippet():
    config = {"config_file_path": str(ROOT / "mkdocs.yml")}
    meanings = notebook_pages.abbreviations(config)
    text = (ROOT / "snippets" / "abbreviations.md").read_text(encoding="utf-8")
    assert len(meanings) == text.count("\n*[")
    assert meanings["RFM"] == "Récence, Fréquence, Montant"


# --- Colab -----------------------------------------------------------------------


def test_colab_url_from_repo_and_branch():
    url = downloads.colab_url(
        "https://github.com/lumen-edu/cours", "edit/dev/docs/", "notebooks/x.ipynb"
    )
    assert (
        url == "https://colab.research.google.com/github/lumen-edu/cours/blob/dev/notebooks/x.ipynb"
    )
    assert downloads.colab_url("https://github.com/a/b.git/", None, "n.ipynb").endswith(
        "/github/a/b/blob/main/n.ipynb"
    )
    assert downloads.colab_url(None, None, "n.ipynb") is None
    assert downloads.colab_url("https://gitlab.com/a/b", "edit/main/docs/", "n.ipynb") is None


@pytest.mark.parametrize("repo", ["https://github.com/lumen-edu/cours", None])
def test_bar_has_colab_link_only_with_a_github_repo(repo):
    stem = "prevoir-les-achats-et-la-clv"
    source = ROOT / "docs" / "notebooks" / f"{stem}.ipynb"
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source)), url=f"notebooks/{stem}/")
    config = {
        "config_file_path": str(ROOT / "mkdocs.yml"),
        "repo_url": repo,
        "edit_uri": "edit/main/docs/" if repo else None,
    }
    html = notebook_pages.with_download_bar(
        '<div class="jupyter-wrapper"><h1>Titre</h1><p>Texte</p>', page, config
    )
    bar = re.search(r'</h1>(<p class="notebook-downloads">.*?</p>)<p>Texte', html).group(1)
    colab = (
        f"https://colab.research.google.com/github/lumen-edu/cours/blob/main/notebooks/{stem}.ipynb"
    )
    if repo:
        assert f'<a href="{colab}" rel="noopener">Ouvrir dans Colab</a>' in bar
    else:
        assert "Colab" not in bar
    assert f'href="../../{FOLDER}/{stem}.zip" download>' in bar


# --- determinism -------------------------------------------------------------------


def test_zip_is_the_same_bytes_each_time():
    source = ROOT / "notebooks" / "campagne-multicanal.ipynb"
    first = downloads.notebook_zip(source, ROOT)
    second = downloads.notebook_zip(source, ROOT)
    assert first == second
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {downloads.ZIP_DATE}


@pytest.mark.slow
def test_built_zip_equals_a_fresh_one(built_site):
    stem = NOTEBOOKS[0]
    fresh = downloads.notebook_zip(ROOT / "notebooks" / f"{stem}.ipynb", ROOT)
    assert (built_site / FOLDER / f"{stem}.zip").read_bytes() == fresh


# --- the package reads the CDNOW copy of the zip without lifetimes -------------------


def test_cdnow_loader_falls_back_to_the_data_folder(tmp_path, monkeypatch):
    import marketing_kpi
    from marketing_kpi import data

    sample = Path(importlib.metadata.distribution("lifetimes").locate_file(data.CDNOW_SAMPLE_FILE))

    def no_lifetimes(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(data.importlib.metadata, "distribution", no_lifetimes)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="lifetimes"):
        marketing_kpi.cdnow_sample_transactions()
    (tmp_path / "data").mkdir()
    shutil.copy(sample, tmp_path / "data" / "CDNOW_sample.txt")
    assert len(marketing_kpi.cdnow_sample_transactions()) == 6919


# --- a zip runs ----------------------------------------------------------------------

# A kernel that cannot import the project's marketing_kpi: isolated mode (no cwd, no
# PYTHONPATH, no user site) and no sys.path entry nor editable finder that holds the
# package. The notebook's first cell must then find the package in its own folder.
BOOT = """\
import sys
from pathlib import Path
sys.path[:] = [p for p in sys.path if not (Path(p or '.') / 'marketing_kpi').is_dir()]
sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


@pytest.mark.slow
def test_smallest_zip_runs_without_the_project(built_site, tmp_path, monkeypatch):
    smallest = min((built_site / FOLDER).glob("*.zip"), key=lambda p: p.stat().st_size)
    with zipfile.ZipFile(smallest) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / smallest.stem
    spec_dir = tmp_path / "jupyter" / "kernels" / "isolated"
    spec_dir.mkdir(parents=True)
    argv = [sys.executable, "-I", "-c", BOOT, "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "isolated", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(kernel))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))

    nb = nbformat.read(folder / f"{smallest.stem}.ipynb", as_version=4)
    probe = "import marketing_kpi, sys\nprint(marketing_kpi.__file__)\nprint(sys.flags.isolated)"
    before = "import importlib.util\nprint(importlib.util.find_spec('marketing_kpi') is None)"
    nb.cells.insert(1, nbformat.v4.new_code_cell(before))
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    client = NotebookClient(
        nb, timeout=600, kernel_name="isolated", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    before = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert before.strip() == "True", "marketing_kpi was importable before the first cell"
    where, isolated = "".join(o.get("text", "") for o in nb.cells[-1].outputs).split()
    assert Path(where).resolve().is_relative_to(folder.resolve()), where
    assert isolated == "1"


# --- the package cell ------------------------------------------------------------------


def package_cell(path: Path) -> dict:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return next(c for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_first_code_cell_finds_the_package_silently(path):
    cell = package_cell(path)
    source = "".join(cell["source"])
    assert source.splitlines()[2:4] == [
        "try:",
        "    import marketing_kpi  # noqa: F401",
    ], f"{path.name}: copy the first code cell of another notebook (it finds the package)"
    assert cell["outputs"] == [], f"{path.name}: the package cell prints something"
    reference = package_cell(ROOT / "notebooks" / "mesurer-la-fidelite.ipynb")
    assert cell["source"] == reference["source"], f"{path.name}: package cell differs"
