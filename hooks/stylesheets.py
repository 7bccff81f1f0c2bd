"""Serve the site's own stylesheets as one cached file, so that a page waits for one request.

Besides Material's two stylesheets, each page would link five small ones, all
render-blocking: ``extra.css``, ``a11y.css``, ``canvas.css`` (docs/assets/stylesheets),
mkdocs-quiz's (``hooks/quiz_assets.py``) and mkdocstrings' (``assets/_mkdocstrings.css``).
On a slow phone connection each costs a round trip before the first paint
(Lighthouse: about 300 ms each). This hook replaces them in ``extra_css`` by one
``assets/stylesheets/site.<hash>.css`` and writes it, their concatenation in the same
order, after the build; the hash changes with the sources.

Register it after ``quiz_assets.py`` in mkdocs.yml (it bundles the stylesheet that hook adds).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

BUNDLE = "assets/stylesheets/site.{}.css"
_bundled: list[str] = []  # the stylesheets in the bundle, in order
_bundle = ""  # the bundle's path under the site


def on_config(config):
    global _bundle
    docs = Path(config["docs_dir"])
    local = [str(css) for css in config.extra_css if "://" not in str(css)]
    digest = hashlib.sha256(version("mkdocstrings").encode())
    for css in local:
        source = docs / css
        digest.update(source.read_bytes() if source.is_file() else css.encode())
    name = BUNDLE.format(digest.hexdigest()[:8])
    _bundled[:] = local
    config.extra_css = [css for css in config.extra_css if str(css) not in local] + [name]
    _bundle = name
    return config


def on_post_build(config) -> None:
    """Concatenate the built stylesheets (plugins and hooks have written theirs by now)."""
    site = Path(config["site_dir"])
    parts = [f"/* {css} */\n" + (site / css).read_text(encoding="utf-8") for css in _bundled]
    target = site / _bundle
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(parts), encoding="utf-8")
