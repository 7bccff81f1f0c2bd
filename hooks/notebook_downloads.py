"""One zip per notebook, that runs away from the site, and a link to open it in Colab.

Used by ``hooks/notebook_pages.py`` (not a hook of its own). For every notebook page:

* :func:`notebook_zip` builds ``telechargements/notebooks/<name>.zip``: the notebook
  as committed (with its outputs), the data files it reads, the ``marketing_kpi``
  package next to it (importable from the notebook's folder, no install), a minimal
  ``pyproject.toml`` (``pip install .`` also works), a ``requirements.txt`` pinned
  from ``requirements.lock`` for exactly what the notebook and the package import,
  and a ``LISEZMOI.txt`` in French. What the notebook reads is found in its code
  cells: ``"data/<file>"`` paths, and calls of the package's loaders of the CDNOW
  files (any function of ``marketing_kpi/data.py`` that names one of its
  ``lifetimes/datasets/...`` constants), whose files go to ``data/`` too. The zip is
  deterministic: sorted entries, fixed timestamps and permissions.
* :func:`download_bar` writes the links shown at the top of the page: the zip with its
  size, and « Ouvrir dans Colab » only when the site's ``repo_url`` is on GitHub
  (:func:`colab_url`; the branch comes from ``edit_uri``, ``edit/<branch>/docs/``).
  Plain links: nothing is requested from Colab until the reader clicks.
"""

from __future__ import annotations

import ast
import functools
import html
import importlib.metadata
import importlib.util
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "telechargements/notebooks"
PACKAGE = "marketing_kpi"
# Jupyter needs a kernel to run a notebook; jupyterlab itself is the reader's choice.
KERNEL = ["ipykernel"]
DATA_PATH = re.compile(r"""["'](?:\./)?(data/[^"'\s{}]+)["']""")
LIFETIMES_FILE = re.compile(r"^lifetimes/datasets/[^/]+$")
GITHUB = re.compile(r"^https?://(?:www\.)?github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")
BRANCH = re.compile(r"^/?(?:edit|blob|tree)/([^/]+)/")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold

README = """\
{title}
{underline}

Ce dossier contient un notebook du cours « Marketing stratégique et relation
client » :
  {name}.ipynb,
avec ses résultats, les données qu'il lit (dossier data/) et le paquet Python
du cours, marketing_kpi (dossier marketing_kpi/).

Pour l'exécuter (Python 3.11 ou plus récent), dans un terminal ouvert dans ce dossier :

  1. Créez un environnement virtuel :
       python -m venv .venv
  2. Activez-le :
       source .venv/bin/activate        (macOS, Linux)
       .venv\\Scripts\\activate           (Windows)
  3. Installez les bibliothèques aux versions du cours, le paquet du cours, puis JupyterLab :
       pip install -r requirements.txt
       pip install jupyterlab
  4. Lancez JupyterLab et ouvrez {name}.ipynb :
       jupyter lab

Gardez le notebook dans ce dossier : il lit ses données dans data/.

Textes du cours : licence CC BY-SA 4.0. Code : licence MIT.
"""

REQUIREMENTS = """\
# Les bibliothèques du notebook, aux versions du cours (requirements.lock).
{pins}
# Le paquet du cours, marketing_kpi, depuis ce dossier.
.
"""

PYPROJECT = """\
# The course's KPI package, bundled with one notebook: `pip install .` installs it.
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "marketing-kpi"
version = "{version}"
requires-python = ">=3.11"
dependencies = [{dependencies}]

[tool.setuptools]
packages = ["marketing_kpi"]
"""


@dataclass
class Bundle:
    """What a notebook's zip holds, before it is written."""

    name: str
    notebook: Path
    data: dict[str, Path] = field(default_factory=dict)  # name in data/ -> source file
    requirements: list[str] = field(default_factory=list)  # "name==version", sorted


def package_dir(project: Path) -> Path:
    """The package's source folder: the project's ``src/``, else wherever Python finds it."""
    for candidate in (project / "src" / PACKAGE, ROOT / "src" / PACKAGE):
        if (candidate / "__init__.py").is_file():
            return candidate
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        raise PluginError(f"le paquet {PACKAGE} est introuvable (dossier src/ absent)")
    return Path(spec.origin).parent


def lock_versions(project: Path) -> dict[str, str]:
    """``requirements.lock`` as {canonical name: version}."""
    for lock in (project / "requirements.lock", ROOT / "requirements.lock"):
        if lock.is_file():
            pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", lock.read_text(), re.M)
            return {canonical(name): version for name, version in pins}
    return {}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def code_cells(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c.get("cell_type") == "code"]


def imported_modules(sources: list[str]) -> set[str]:
    """Top-level modules imported by Python ``sources`` (IPython magics skipped)."""
    modules: set[str] = set()
    for source in sources:
        lines = [
            "" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")
        ]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


@functools.cache
def _providers() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def third_party(modules: set[str]) -> set[str]:
    """Distributions (canonical names) that provide ``modules``, stdlib and package excluded."""
    providers = _providers()
    found = set()
    for module in modules - set(sys.stdlib_module_names) - {PACKAGE, "__future__"}:
        names = providers.get(module) or [module]
        found.update(canonical(name) for name in names)
    return found


def package_imports(package: Path) -> set[str]:
    """Distributions the package itself imports (numpy, pandas, scipy…)."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py"))]
    return third_party(imported_modules(sources))


def loader_files(package: Path) -> dict[str, str]:
    """{loader function: path inside the ``lifetimes`` wheel} from the package's data module."""
    data = package / "data.py"
    if not data.is_file():
        return {}
    tree = ast.parse(data.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name)
        and isinstance(node.value.value, str)
        and LIFETIMES_FILE.match(node.value.value)
    }
    loaders = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} & constants.keys()
            if len(used) == 1:
                loaders[node.name] = constants[used.pop()]
    return loaders


def lifetimes_file(inside: str) -> Path:
    try:
        path = Path(importlib.metadata.distribution("lifetimes").locate_file(inside))
    except importlib.metadata.PackageNotFoundError as error:
        raise PluginError("the `lifetimes` package is missing: run `make setup`") from error
    if not path.is_file():
        raise PluginError(f"{path} is missing from the lifetimes package")
    return path


def bundle(notebook: Path, project: Path) -> Bundle:
    """Find what ``notebook`` needs: its data files and its pinned requirements."""
    package = package_dir(project)
    sources = code_cells(notebook)
    code = "\n".join(sources)
    result = Bundle(name=notebook.stem, notebook=notebook)
    for relative in sorted(set(DATA_PATH.findall(code))):
        source = notebook.parent / relative
        if not source.is_file():
            raise PluginError(
                f"{notebook.name} lit « {relative} », qui n'existe pas à côté du notebook ;"
                " ajoutez le fichier dans notebooks/data/ ou corrigez son nom."
            )
        result.data[PurePosixPath(relative).name] = source
    for loader, inside in loader_files(package).items():
        if re.search(rf"\b{loader}\(", code):
            result.data[PurePosixPath(inside).name] = lifetimes_file(inside)
    wanted = third_party(imported_modules(sources)) | package_imports(package)
    wanted.update(canonical(name) for name in KERNEL)
    pins = lock_versions(project)
    for name in sorted(wanted):
        version = pins.get(name)
        if version is None:
            try:
                version = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError as error:
                raise PluginError(
                    f"{notebook.name} importe « {name} », absent de requirements.lock"
                ) from error
        result.requirements.append(f"{name}=={version}")
    return result


def _entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the machine
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=6)


def zip_bytes(item: Bundle, project: Path) -> bytes:
    """The zip of ``item``, byte for byte the same from one build to the next."""
    package = package_dir(project)
    base = item.name
    entries: dict[str, bytes] = {
        f"{base}/{item.name}.ipynb": item.notebook.read_bytes(),
        f"{base}/requirements.txt": REQUIREMENTS.format(pins="\n".join(item.requirements)).encode(),
        f"{base}/LISEZMOI.txt": README.format(
            title=f"Notebook « {item.name} »", underline="=" * (len(item.name) + 13), name=item.name
        ).encode(),
    }
    for name, source in item.data.items():
        entries[f"{base}/data/{name}"] = source.read_bytes()
    for source in sorted(package.rglob("*.py")):
        relative = source.relative_to(package).as_posix()
        entries[f"{base}/{PACKAGE}/{relative}"] = source.read_bytes()
    needed = package_imports(package)
    dependencies = ", ".join(f'"{r}"' for r in item.requirements if r.split("==")[0] in needed)
    entries[f"{base}/pyproject.toml"] = PYPROJECT.format(
        version=package_version(project), dependencies=dependencies
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            _entry(archive, name, entries[name])
    return buffer.getvalue()


def package_version(project: Path) -> str:
    for pyproject in (project / "pyproject.toml", ROOT / "pyproject.toml"):
        if pyproject.is_file():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(), re.M)
            if match:
                return match.group(1)
    return "0"


def notebook_zip(notebook: Path, project: Path) -> bytes:
    return zip_bytes(bundle(notebook, project), project)


def colab_url(repo_url: str | None, edit_uri: str | None, path: str) -> str | None:
    """Colab's address for the notebook ``path`` of the repository, or None off GitHub."""
    match = GITHUB.match((repo_url or "").strip())
    if not match:
        return None
    branch = BRANCH.match(edit_uri or "")
    owner, repo = match.groups()
    return (
        f"https://colab.research.google.com/github/{owner}/{repo}/blob/"
        f"{branch.group(1) if branch else 'main'}/{path}"
    )


def size_label(size: int) -> str:
    """« 412 Ko », « 1,3 Mo »: the zip's size as the bar shows it."""
    kilo = size / 1024
    if kilo < 1000:
        return f"{max(1, round(kilo))}\u00a0Ko"
    return f"{kilo / 1024:.1f}".replace(".", ",") + "\u00a0Mo"


def download_bar(zip_href: str, size: int, colab: str | None) -> str:
    links = [
        f'<a href="{html.escape(zip_href)}" download>Télécharger le notebook et ses données'
        f" (zip, {size_label(size)})</a>"
    ]
    if colab:
        links.append(f'<a href="{html.escape(colab)}" rel="noopener">Ouvrir dans Colab</a>')
    return f'<p class="notebook-downloads">{" · ".join(links)}</p>'
