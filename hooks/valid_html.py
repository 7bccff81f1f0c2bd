"""Keep the project's own markup valid HTML (checked by tests/test_html_valid.py).

Runs last, on the whole page, and repairs what the renderers the project uses
write in a form the HTML standard forbids:

* ``<summary><p>References</p></summary>``: mkdocstrings-python renders the
  title of a docstring's admonition section as a paragraph, and a ``<p>`` is not
  allowed inside ``<summary>``. The paragraph is unwrapped.
* ``<table border="1">`` and ``valign`` attributes: pandas' HTML tables in the
  notebook outputs use these obsolete presentational attributes. They are
  dropped; the site's stylesheet already draws the tables.
"""

from __future__ import annotations

import re

# the paragraph may be followed by HTML comments (the abbreviations snippet's header)
SUMMARY_PARAGRAPH = re.compile(
    r"(<summary\b[^>]*>)\s*<p>(.*?)</p>((?:\s*<!--.*?-->)*\s*)(?=</summary>)", re.S
)
OBSOLETE_TABLE_ATTRIBUTES = re.compile(
    r"(<t(?:able|h|d|r)\b[^>]*?)\s+(?:border|valign)=\"[^\"]*\"", re.S
)


def valid_html(html: str) -> str:
    """Return ``html`` with the repairs listed in the module docstring applied."""
    html = SUMMARY_PARAGRAPH.sub(r"\1\2\3", html)
    previous = None
    while previous != html:  # a tag may carry both attributes
        previous = html
        html = OBSOLETE_TABLE_ATTRIBUTES.sub(r"\1", html)
    return html


def on_post_page(output: str, **kwargs) -> str:
    return valid_html(output)
