"""Apply French typography to the rendered pages.

Contributors type ordinary spaces; this hook turns them into the right
no-break spaces in the HTML text (never inside code, maths, diagrams, scripts
or attributes, except the tooltip of an abbreviation):

* a narrow no-break space (U+202F) before ``; : ! ?`` and ``%``, and inside
  « guillemets »;
* a narrow no-break space between groups of digits (``1 234 567``) and a
  no-break space (U+00A0) before ``€``, so that an amount never breaks.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"
NBSP = "\u00a0"

# Elements whose text is left alone.
SKIP_TAGS = {"code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math"}
# Elements left alone because of one of their classes (KaTeX source, Mermaid source).
SKIP_CLASSES = {"arithmatex", "diagram", "mermaid", "katex"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
TITLE_ATTR = re.compile(r'(\btitle=")([^"]*)(")')
CLASS_ATTR = re.compile(r"""class\s*=\s*(?:"([^"]*)"|'([^']*)')""")

RULES = [
    # space(s) before high punctuation, when something precedes on the line
    (re.compile(r"(?<=[^\s(\[«])[ \u00a0]+([;:!?](?!//))"), NNBSP + r"\1"),
    # inside guillemets
    (re.compile(r"«[ \u00a0]*"), "«" + NNBSP),
    (re.compile(r"[ \u00a0]*»"), NNBSP + "»"),
    # thousands: 1 234 567 (a group of exactly three digits after a space)
    (re.compile(r"(?<=\d)[ \u00a0](?=\d{3}(?!\d))"), NNBSP),
    # before percent and euro signs
    (re.compile(r"(?<=\d)[ \u00a0]*%"), NNBSP + "%"),
    (re.compile(r"(?<=\d)[ \u00a0]*€"), NBSP + "€"),
]


def french_spacing(text: str) -> str:
    """Return ``text`` (plain text, no markup) with French no-break spaces."""
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def _skips(tag: str, name: str) -> bool:
    if name in SKIP_TAGS:
        return True
    match = CLASS_ATTR.search(tag)
    if not match:
        return False
    classes = set((match.group(1) or match.group(2) or "").split())
    return bool(classes & SKIP_CLASSES)


def apply_typography(html: str) -> str:
    """Apply :func:`french_spacing` to every text node of ``html`` outside skipped elements."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, skipped)
    previous = ""  # last character of the previous text node: context for the rules
    for piece in TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            if piece.startswith("<abbr"):
                # the tooltip text of an abbreviation is read too
                piece = TITLE_ATTR.sub(lambda m: m[1] + french_spacing(m[2]) + m[3], piece)
            out.append(piece)
            match = TAG_NAME.match(piece)
            if not match or piece.startswith("<!"):
                continue
            closing, name = match.group(1) == "/", match.group(2).lower()
            if closing:
                # pop up to and including the matching open tag
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i:]
                        break
            elif name not in VOID_TAGS and not piece.rstrip().endswith("/>"):
                stack.append((name, _skips(piece, name)))
        elif any(skipped for _, skipped in stack):
            out.append(piece)
        else:
            # Prefix the previous character so that " ?" after </abbr> is seen
            # as following a word, then drop it again: drop it as the rules
            # rewrite it (a "»" alone becomes " »"), or a "»" before a tag
            # would be written twice.
            out.append(french_spacing(previous + piece)[len(french_spacing(previous)) :])
            previous = piece[-1]
    return "".join(out)


def on_page_content(html: str, **kwargs) -> str:
    return apply_typography(html)
