"""A meta description for every page: its own words, not the site's.

Material writes ``<meta name="description">`` from the page's front matter
(``description:``) and falls back to the site description, the same on every
page; search engines then show the same snippet for all of them. This hook
gives each page without a ``description`` the start of its first paragraph
(the intro the page skeleton requires), as plain text of at most
``LIMIT`` characters cut at a word, with an ellipsis when cut.

It runs after the typography hook, so the text has the French spaces.
"""

from __future__ import annotations

import html
import re

LIMIT = 160
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
TAG = re.compile(r"<[^>]+>")


def first_paragraph_text(content: str) -> str:
    for match in PARAGRAPH.finditer(content):
        text = html.unescape(TAG.sub("", match.group(1)))
        text = " ".join(text.split())
        if len(text) >= 40:  # skip short lines (a download link, a caption)
            return text
    return ""


def shorten(text: str, limit: int = LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:\u202f\u00a0")
    return cut + "…"


def on_page_content(content: str, page, **kwargs) -> str:
    if not page.meta.get("description"):
        text = shorten(first_paragraph_text(content))
        if text:
            # Material writes the value into the attribute as it is: escape it here.
            page.meta["description"] = html.escape(text, quote=True)
    return content
