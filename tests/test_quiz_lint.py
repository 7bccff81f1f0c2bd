"""The quizzes measure something: a key to find, an explanation, no question asked twice,
and no answer given away by its position or its length (hooks/quizbank.py).

The limits are over the single-answer quizzes of the whole site and of each part:
no option position holds more than 35 % of the keys (mkdocs-quiz shuffles the options in
the browser, but the exports for teachers, the printed page and readers without
JavaScript keep the written order), and the key is the strictly longest option in at
most 40 % of them. A fault names the file and the quiz (line and first words).
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import quizbank

DOCS = ROOT / "docs"
FIXTURES = ROOT / "tests" / "fixtures"
QUIZZES = quizbank.parse_quizzes(DOCS)


def report(faults: list[str]) -> str:
    return f"{len(faults)} quiz fault(s):\n" + "\n".join(f"- {fault}" for fault in faults)


def test_the_site_has_quizzes_in_every_part():
    assert len(QUIZZES) > 50
    assert {q.part for q in QUIZZES} >= set(quizbank.COURSE_PARTS)


def test_every_quiz_has_a_key_and_an_explanation_and_is_asked_once():
    faults = quizbank.lint_each(QUIZZES)
    assert not faults, report(faults)


def test_keys_are_spread_over_positions_and_not_the_longest_option():
    faults = quizbank.lint_parts(QUIZZES)
    assert not faults, report(faults)


# --- the lint itself, on fixtures ------------------------------------------------------


def fixture_quizzes() -> list[quizbank.Quiz]:
    return quizbank.parse_quizzes(FIXTURES, ["quiz_keys_in_position_2.md"])


def test_fixture_is_parsed_like_mkdocs_quiz():
    quizzes = fixture_quizzes()
    assert [q.index for q in quizzes] == [0, 1, 2, 3]
    assert [q.line for q in quizzes] == [5, 14, 23, 33]
    assert quizzes[2].options[1] == "À une position tirée au hasard"
    assert [q.keys for q in quizzes] == [[1]] * 4
    assert all(q.explanation == "Fixture." for q in quizzes)


def test_lint_rejects_keys_all_in_position_2_and_names_the_file():
    faults = quizbank.lint(fixture_quizzes(), scope="fixture")
    position = [f for f in faults if "option 2 in 4 of 4" in f]
    longest = [f for f in faults if "longest option in 4 of 4" in f]
    assert position and longest, faults
    assert "quiz_keys_in_position_2.md:5 « Quel indicateur rapporte" in position[0]


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        ("Question ?\n- [ ] a\n- [ ] b\n\nWhy.", "no correct option"),
        ("Question ?\n- [x] a\n- [ ] b\n", "no explanation"),
    ],
)
def test_lint_rejects_a_quiz_without_key_or_explanation(body, fault):
    quizzes = quizbank.parse_page(f"# T\n\n<quiz>\n{body}\n</quiz>\n", "part/page.md")
    faults = quizbank.lint_each(quizzes)
    assert any(fault in f and "part/page.md:3" in f for f in faults), faults


def test_lint_rejects_a_reworded_question():
    page = (
        "<quiz>\nQue révèle un NPS élevé ?\n- [ ] a\n"
        "- [x] Plus de promoteurs que de détracteurs\n\nW.\n</quiz>\n"
        "<quiz>\nQue signifie un NPS élevé ?\n"
        "- [x] Bien plus de promoteurs que de détracteurs\n- [ ] a\n\nW.\n</quiz>\n"
    )
    faults = quizbank.lint_each(quizbank.parse_page(page, "p.md"))
    assert len(faults) == 1 and "same question as p.md:1" in faults[0], faults


def test_balanced_quizzes_pass():
    topics = ["NPS", "attrition", "CLV", "RFM", "ROI", "entonnoir", "omnicanal", "opt-in"]
    page = "".join(
        f"<quiz>\nQue mesure {topic} ?\n"
        + "".join(f"- [{'x' if i == n % 4 else ' '}] {topic * (i + 1)}\n" for i in range(4))
        + "\nW.\n</quiz>\n"
        for n, topic in enumerate(topics)
    )
    quizzes = quizbank.parse_page(page, "p.md")
    assert quizbank.lint(quizzes) == []
