"""The API reference's docstrings get the course's acronyms without re-reading them each time.

mkdocstrings converts each docstring fragment of ``notebooks/reference.md`` (about 430 of
them) with a Markdown instance of its own, configured like the pages'. With
pymdownx.snippets' ``auto_append``, that meant appending and parsing
``snippets/abbreviations.md`` again for every fragment: 8 of the 30 seconds of a build.

The handler's Markdown gets the same acronyms as the ``glossary`` of the ``abbr``
extension instead (one dictionary, no parsing), and no ``auto_append`` for the files that
hold nothing but acronyms. The rendered reference is unchanged (tooltips included:
``tests/test_site_build.py``); the Markdown pages still get the snippet appended.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebook_pages import ABBREVIATION, project_dir

SNIPPETS = "pymdownx.snippets"
COMMENT = re.compile(r"<!--.*?-->", re.S)


def acronyms_only(text: str) -> dict[str, str] | None:
    """The ``{acronym: meaning}`` of ``text`` if it holds nothing else (comments and blank
    lines aside), else None."""
    rest = ABBREVIATION.sub("", COMMENT.sub("", text))
    return dict(ABBREVIATION.findall(text)) if not rest.strip() else None


def inner_markdown_config(mdx_configs: dict, project: Path) -> dict:
    """The pages' extension configuration, with the acronym-only files of ``auto_append``
    turned into the ``abbr`` glossary (a new dict: the pages' own is not changed)."""
    snippets = dict(mdx_configs.get(SNIPPETS, {}))
    bases = [project / base for base in snippets.get("base_path", ["."])]
    kept, glossary = [], {}
    for name in snippets.get("auto_append", []):
        path = next((base / name for base in bases if (base / name).is_file()), None)
        found = acronyms_only(path.read_text(encoding="utf-8")) if path else None
        if found is None:
            kept.append(name)
        else:
            glossary.update(found)
    if not glossary:
        return dict(mdx_configs)
    abbr = dict(mdx_configs.get("abbr", {}))
    abbr["glossary"] = {**glossary, **abbr.get("glossary", {})}
    return {**mdx_configs, SNIPPETS: {**snippets, "auto_append": kept}, "abbr": abbr}


def on_config(config):
    plugin = config.plugins.get("mkdocstrings")
    if plugin is None or SNIPPETS not in config.mdx_configs:
        return config
    if "abbr" not in config.markdown_extensions:
        raise PluginError("hooks/api_reference.py: the abbr extension is no longer configured.")
    handler = plugin.get_handler("python")  # created here, before its first conversion
    handler.mdx_config = inner_markdown_config(config.mdx_configs, project_dir(config))
    return config
