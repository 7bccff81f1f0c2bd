"""Copy the pinned front-end libraries from node_modules/ into the built site.

Mermaid and KaTeX are installed from the npm registry at the versions locked in
package-lock.json (`npm ci`, run by `make setup`). Nobody commits their
minified files: this hook copies them into ``site/assets/vendor/`` after each
build, so the site serves them itself and never asks a CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"

# (source under node_modules, destination under site/assets/vendor)
VENDORED = [
    ("mermaid/dist/mermaid.min.js", "mermaid/mermaid.min.js"),
    ("mermaid/LICENSE", "mermaid/LICENSE"),
    ("katex/dist/katex.min.js", "katex/katex.min.js"),
    ("katex/dist/katex.min.css", "katex/katex.min.css"),
    ("katex/dist/contrib/auto-render.min.js", "katex/contrib/auto-render.min.js"),
    ("katex/dist/fonts", "katex/fonts"),
    ("katex/LICENSE", "katex/LICENSE"),
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
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
