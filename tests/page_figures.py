"""Helpers shared by the tests that check the figures written in the course pages.

A page writes its numbers as the authors typed them (ordinary spaces) or as the
package formats them (narrow no-break spaces): both are compared as plain text.
Imported by the ``test_exercises_*`` files and ``test_worked_examples.py``.
"""

from __future__ import annotations

from conftest import ROOT


def page_text(page: str) -> str:
    """The Markdown source of a page under docs/, with no-break spaces read as plain spaces."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def plain(formatted: str) -> str:
    """A figure formatted by :mod:`marketing_kpi.display`, with its no-break spaces made plain."""
    return formatted.replace("\u202f", " ").replace("\u00a0", " ")


def scores(promoters: int, passives: int, detractors: int) -> list[int]:
    """NPS answers for the three counts: 10 per promoter, 8 per passive, 3 per detractor."""
    return [10] * promoters + [8] * passives + [3] * detractors
