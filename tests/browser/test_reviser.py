"""The « Réviser » pages in a real browser: flashcards flipped with the keyboard, a whole
mock exam taken with answers known from the JSON bank, and axe on the new pages."""

from __future__ import annotations

import json

import pytest

from .audit import violations

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 1}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
FICHES = "reviser/fiches-marketing-strategique/"
EXAM = "reviser/examen-blanc/"


def test_flashcard_flips_with_enter_and_space(new_page, base_url):
    page, watch = new_page(**PHONE)
    page.goto(base_url + FICHES)
    card = page.locator(".flashcards--ready .flashcard").first
    card.wait_for()
    button = card.locator("button.flashcard__front")
    back = card.locator(".flashcard__back")
    assert button.get_attribute("aria-expanded") == "false"
    assert back.is_hidden()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert back.is_visible() and "Voir le chapitre" in back.inner_text()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false" and back.is_hidden()
    page.keyboard.press("Space")
    assert back.is_visible()
    # every card fits a phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not watch.faults()


def test_flip_all_and_shuffle_cards(new_page, base_url):
    page, watch = new_page(**DESKTOP)
    page.goto(base_url + FICHES)
    flip_all = page.get_by_role("button", name="Retourner toutes les fiches")
    flip_all.click()
    assert page.locator(".flashcard__back:visible").count() == page.locator(".flashcard").count()
    assert flip_all.get_attribute("aria-pressed") == "true"
    terms = page.locator(".flashcard__front").all_inner_texts()
    page.get_by_role("button", name="Mélanger les fiches").click()
    mixed = page.locator(".flashcard__front").all_inner_texts()
    assert sorted(mixed) == sorted(terms) and mixed != terms
    assert not watch.faults()


def test_mock_exam_scores_right_and_wrong_answers(new_page, base_url, site_dir):
    bank = {
        q["id"]: q
        for q in json.loads((site_dir / "reviser/banque-questions.json").read_text("utf-8"))
    }
    page, watch = new_page(**DESKTOP)
    page.goto(base_url + EXAM)
    page.get_by_role("button", name="Commencer l'examen").click()
    questions = page.locator(".mock-exam__question")
    questions.first.wait_for()
    count = questions.count()
    assert count == min(20, len(bank))
    expected = 0
    for n in range(count):
        fieldset = questions.nth(n)
        question = bank[fieldset.get_attribute("data-id")]
        if n % 3 == 2:  # a wrong answer: the first option that is not a key
            wrong = next(i for i in range(len(question["options"])) if i not in question["keys"])
            fieldset.locator(f"input[value='{wrong}']").check()
        elif n % 5 == 4:  # no answer at all
            pass
        else:
            for key in question["keys"]:
                fieldset.locator(f"input[value='{key}']").check()
            expected += 1
    page.get_by_role("button", name="Corriger l'examen").click()
    score = page.locator(".mock-exam__score")
    score.wait_for()
    assert score.get_attribute("data-score") == str(expected)
    assert score.inner_text().replace("\u202f", " ") == f"Votre note : {expected} / {count}"
    # each wrong answer links to its page, and the links lead to real pages
    wrong = page.locator(".mock-exam__question--wrong")
    assert wrong.count() == count - expected
    link = wrong.first.locator(
        ".mock-exam__feedback a", has_text=bank[wrong.first.get_attribute("data-id")]["page"]
    )
    href = link.last.get_attribute("href")
    assert href.startswith(base_url) and "#quiz-" in href
    page.goto(href)
    assert page.locator("div.quiz").count()
    assert not watch.faults()


def test_mock_exam_on_one_part(new_page, base_url, site_dir):
    bank = json.loads((site_dir / "reviser/banque-questions.json").read_text("utf-8"))
    part = "business-model-canvas"
    page, watch = new_page(**PHONE)
    page.goto(base_url + EXAM)
    boxes = page.locator(".mock-exam__setup input[name=partie]")
    boxes.first.wait_for()
    for i in range(boxes.count()):
        if boxes.nth(i).get_attribute("value") != part:
            boxes.nth(i).uncheck()
    page.get_by_role("button", name="Commencer l'examen").click()
    ids = page.locator(".mock-exam__question").evaluate_all("els => els.map(e => e.dataset.id)")
    in_part = [q["id"] for q in bank if q["part"] == part]
    assert ids and set(ids) <= set(in_part) and len(ids) == min(20, len(in_part))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not watch.faults()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reviser_pages_have_no_wcag_aa_violation(new_page, base_url, scheme):
    """axe on the new pages in both palettes, also after a card is flipped and with an
    exam under way and corrected (content the script writes)."""
    page, _ = new_page(**DESKTOP, color_scheme=scheme)
    found = {}
    for path, action in [
        ("reviser/", None),
        (FICHES, "flip"),
        (EXAM, "start"),
        (EXAM, "correct"),
        ("reviser/enseignants/", None),
    ]:
        page.goto(base_url + path, wait_until="load")
        if action == "flip":
            page.locator(".flashcard__front").first.click()
        if action in ("start", "correct"):
            page.get_by_role("button", name="Commencer l'examen").click()
            page.locator(".mock-exam__question").first.wait_for()
        if action == "correct":
            page.locator(".mock-exam__question").first.locator("input").first.check()
            page.get_by_role("button", name="Corriger l'examen").click()
            page.locator(".mock-exam__score").wait_for()
        page.wait_for_timeout(300)  # Material's buttons fade their hover colours
        problems = violations(page)
        if problems:
            found[f"{path} {action or ''}"] = problems
    assert not found, found
