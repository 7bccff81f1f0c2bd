"""Copy the pinned front-end library, Mermaid, from node_modules/ into the built site.

Mermaid is installed from the npm registry at the version locked in
package-lock.json (`npm ci`, run by `make setup`). Nobody commits its minified
files: this hook copies them into ``site/assets/vendor/`` after each build, so
the site serves them itself and never asks a CDN. (KaTeX, the other npm
package, runs at build time only: see ``hooks/maths.py``.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"

# (source under node_modules, destination under site/assets/vendor)
VENDORED = [
    # ES module build: the entry point and its chunks (one per diagram type and
    # shared code, loaded on demand); the source maps are left out.
    ("mermaid/dist/mermaid.esm.min.mjs", "mermaid/mermaid.esm.min.mjs"),
    ("mermaid/dist/chunks/mermaid.esm.min", "mermaid/chunks/mermaid.esm.min"),
    ("mermaid/LICENSE", "mermaid/LICENSE"),
]


def on_post_build(config, **kwargs) -> None:
    """Copy each vendored file or folder; fail loudly if npm assets are missing."""
    target = Path(config["site_dir"]) / "assets" / "vendor"
    for source, destination in VENDORED:
        src = NODE_MODULES / source
        if not src.exists():
            raise PluginError(
                f"{src} is missing: run `make setup` (npm ci) to install the front-end assets."
            )
        dst = target / destination
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(
                src,
                dst,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("*.map"),
                copy_function=copy_if_changed,
            )
        else:
            copy_if_changed(src, dst)


def copy_if_changed(src, dst) -> None:
    """``shutil.copy2``, skipped when ``dst`` is already that copy (same size and date):
    a `mkdocs serve --dirty` rebuild keeps the site's folder, and these files rarely change."""
    try:
        source, target = Path(src).stat(), Path(dst).stat()
        if source.st_size == target.st_size and source.st_mtime == target.st_mtime:
            return
    except FileNotFoundError:
        pass
    shutil.copy2(src, dst)
