"""The built site no longer states what the course once got wrong.

The patterns live in ``tests/banned_phrases/*.txt`` (see its README): one
regular expression per line, a TAB, and the reason. Each helper who corrected
a statement added the pattern that would catch it coming back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

PATTERN_DIR = ROOT / "tests" / "banned_phrases"
TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


def load_patterns(folder: Path = PATTERN_DIR) -> list[tuple[str, re.Pattern, str]]:
    """``(file:line, compiled pattern, reason)`` for every pattern line of ``folder``."""
    patterns = []
    for path in sorted(folder.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            regex, _, reason = line.partition("\t")
            where = f"{path.name}:{number}"
            assert reason.strip(), f"{where}: no reason after a TAB"
            patterns.append((where, re.compile(regex), reason.strip()))
    return patterns


def page_text(html: str) -> str:
    """The visible text of the page's article, with French spaces and apostrophes normalised."""
    start, end = html.find("<article"), html.find("</article>")
    body = html[start:end] if start >= 0 and end > start else html
    text = TAG.sub(" ", body)
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    text = re.sub(r"&#39;|&rsquo;", "'", text).replace("&amp;", "&")
    return re.sub(r"\s+", " ", text)


def find_banned(site: Path, patterns) -> list[str]:
    """One message per (page, pattern) match in the built ``site``."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        text = page_text(page.read_text(encoding="utf-8"))
        for where, pattern, reason in patterns:
            match = pattern.search(text)
            if match:
                excerpt = text[max(0, match.start() - 40) : match.end() + 40]
                problems.append(
                    f"{page.relative_to(site)}: « {match.group(0)} » ({where}: {reason})\n"
                    f"    … {excerpt} …"
                )
    return problems


def test_patterns_are_valid():
    assert load_patterns(), "no pattern found"


def test_a_banned_statement_is_caught(tmp_path):
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    page.write_text("<article><p>Le CLTV d\u2019un client</p></article>", encoding="utf-8")
    problems = find_banned(tmp_path, load_patterns())
    assert problems
    assert all("page/index.html" in problem and "CLTV" in problem for problem in problems)


@pytest.mark.slow
def test_built_site_has_no_banned_statement(built_site):
    problems = find_banned(built_site, load_patterns())
    assert not problems, "corrected statements are back:\n" + "\n".join(problems)
