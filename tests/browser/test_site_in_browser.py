"""The built site in a real browser: what a reader does across pages (palette, search,
instant navigation, downloads, the canvas). The checks every page must pass are in
test_every_page.py, on one visit per page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .audit import WCAG_AA, axe
from .drawing import hold_still

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 1}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_palette_toggle_switches_and_persists(new_page, base_url, page_paths):
    page, watch = new_page(color_scheme="light", **DESKTOP)
    page.goto(base_url)
    seen = {_scheme(page)}
    for _ in range(3):  # auto -> light -> dark
        page.locator("form[data-md-component=palette] label:visible").first.click()
        seen.add(_scheme(page))
        if _scheme(page) == "slate":
            break
    assert seen >= {"default", "slate"}, seen
    other = next(p for p in page_paths if p)
    page.goto(base_url + other)  # full load: the choice is read back from storage
    assert _scheme(page) == "slate"
    page.locator(
        "a.md-tabs__link, nav.md-nav a.md-nav__link[href]"
    ).first.click()  # instant navigation
    page.wait_for_load_state()
    assert _scheme(page) == "slate"
    assert not watch.faults()


# --- search -----------------------------------------------------------------


def search(page, base_url, query: str) -> set[str]:
    """Type ``query`` in the search box like a reader; return the pages found."""
    page.goto(base_url)
    icon = page.locator("label.md-header__button[for=__search]:visible")
    if icon.count():  # phone: the search icon opens the search box
        icon.first.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    # Material shows "Taper pour démarrer…" then "Initialisation de la recherche"
    # until its worker has the index; only "… trouvé(s)" is an answer.
    page.wait_for_function(
        "q => /trouvé/i.test(document.querySelector('.md-search-result__meta').textContent)"
        " && document.querySelector('input.md-search__input').value === q",
        arg=query,
        timeout=20_000,
    )
    links = page.locator("li.md-search-result__item > a.md-search-result__link")
    found, previous = None, object()
    while found != previous:  # the worker answers the last keystroke: wait until stable
        previous = found
        page.wait_for_timeout(300)
        text = meta.text_content() or ""
        hrefs = links.evaluate_all("els => els.map(e => e.href)")
        found = set() if re.search(r"aucun", text, re.I) else hrefs_to_pages(hrefs)
    return found


def hrefs_to_pages(hrefs: list[str]) -> set[str]:
    """Drop the query and anchor of each result link."""
    return {re.sub(r"[?#].*$", "", href) for href in hrefs}


@pytest.mark.parametrize(
    ("accented", "plain"),
    [("fréquence", "frequence"), ("fidélisation", "fidelisation"), ("réachat", "reachat")],
)
def test_search_ignores_accents(new_page, base_url, accented, plain):
    page, watch = new_page(**DESKTOP)
    found = search(page, base_url, accented)
    assert found, f"« {accented} » finds nothing"
    assert search(page, base_url, plain) == found
    assert not watch.faults()


def test_search_plural_finds_singular_and_highlights(new_page, base_url):
    page, _ = new_page(**DESKTOP)
    singular = search(page, base_url, "fréquence")
    plural = search(page, base_url, "fréquences")
    assert singular and singular <= plural
    plain_plural = search(page, base_url, "frequences")
    assert singular <= plain_plural
    # the reader's word is highlighted in the results, as written in the page
    marks = page.locator(".md-search-result mark").all_text_contents()
    assert any(m.lower().startswith(("fréquence", "frequence")) for m in marks), marks


def test_search_splits_elisions(new_page, base_url):
    page, _ = new_page(**DESKTOP)
    attrition = search(page, base_url, "attrition")
    assert attrition
    assert search(page, base_url, "l'attrition") == attrition
    assert search(page, base_url, "l’attrition") == attrition


# --- quizzes, notebooks --------------------------------------------------------


def _pages_with(site_dir, page_paths, needle: str) -> list[str]:
    return [
        p for p in page_paths if needle in (site_dir / p / "index.html").read_text(encoding="utf-8")
    ]


def _answer(quiz, right: bool = True) -> None:
    """Answer ``quiz`` like a reader: the correct option(s), found by mkdocs-quiz's
    ``data-correct`` marker and not by position (options are shuffled), or a wrong one;
    wait for the feedback (playwright's TimeoutError when none comes) and check it says
    the answer is right or wrong."""
    quiz.scroll_into_view_if_needed()
    inputs = quiz.locator(
        "fieldset input[data-correct]" if right else "fieldset input:not([data-correct])"
    )
    idents = [inputs.nth(i).get_attribute("id") for i in range(inputs.count())]
    for ident in idents if right else idents[:1]:
        quiz.locator(f"label[for='{ident}']").click()
    submit = quiz.locator("form button[type=submit]")
    if submit.count() and submit.first.is_visible():
        submit.first.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5_000)
    verdict = "correct" if right else "incorrect"
    assert quiz.locator(f".quiz-feedback .{verdict}").count(), quiz.locator(
        ".quiz-feedback"
    ).inner_html()


def _answer_first_quiz(page):
    quiz = page.locator("div.quiz").first
    _answer(quiz)
    assert quiz.locator(".quiz-feedback").text_content().strip()


def test_quiz_answers_on_load_and_after_instant_navigation(
    new_page, base_url, site_dir, page_paths
):
    quiz_pages = _pages_with(site_dir, page_paths, 'class="quiz"')
    assert quiz_pages, "no page with a quiz"
    page, watch = new_page(**DESKTOP)
    page.goto(base_url + quiz_pages[0])
    _answer_first_quiz(page)
    # arrive on another quiz page by Material's instant navigation
    target = quiz_pages[1] if len(quiz_pages) > 1 else quiz_pages[0]
    page.goto(base_url)
    page.evaluate(
        "url => { const a = document.createElement('a'); a.href = url;"
        " a.textContent = 'go'; document.querySelector('article').appendChild(a); a.click(); }",
        base_url + target,
    )
    page.wait_for_url(base_url + target)
    page.locator("div.quiz").first.wait_for()
    _answer_first_quiz(page)
    assert not watch.faults()


def test_notebook_pages_download_the_notebook(new_page, base_url, site_dir):
    notebooks = sorted(site_dir.rglob("*.ipynb"))
    assert notebooks
    page, _ = new_page(accept_downloads=True, **DESKTOP)
    for ipynb in notebooks:
        path = ipynb.parent.relative_to(site_dir).as_posix() + "/"
        page.goto(base_url + path)
        with page.expect_download() as info:
            page.locator("a[download][href$='.ipynb']").first.click()
        assert info.value.suggested_filename == ipynb.name


def test_notebook_styles_load_by_instant_navigation(new_page, base_url, site_dir):
    """The shared notebook stylesheet is linked from the <head> of notebook pages:
    Material copies it into the document when the reader arrives by a link."""
    ipynb = sorted(site_dir.rglob("*.ipynb"))[0]
    path = ipynb.parent.relative_to(site_dir).as_posix() + "/"
    page, watch = new_page(**DESKTOP)
    page.goto(base_url)
    page.evaluate(
        "url => { const a = document.createElement('a'); a.href = url;"
        " a.textContent = 'go'; document.querySelector('article').appendChild(a); a.click(); }",
        base_url + path,
    )
    page.wait_for_url(base_url + path)
    page.wait_for_function(
        "() => [...document.styleSheets].some(s => /notebook\\.[0-9a-f]+\\.css/.test(s.href || '')"
        " && s.cssRules.length > 0)",
        timeout=10_000,
    )
    # a trimmed nbconvert rule applies: the input prompt has its fixed width
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.jp-InputPrompt')).getPropertyValue('display')"
        )
        != ""
    )
    assert not watch.faults()


def test_quiz_options_are_shuffled(new_page, base_url, site_dir, page_paths):
    """shuffle_answers (mkdocs.yml): the options are not shown in the written order,
    so the key is not always where the page's Markdown puts it."""
    page, watch = new_page(**DESKTOP)
    moved = total = 0
    for path in _pages_with(site_dir, page_paths, 'class="quiz"')[:6]:
        page.goto(base_url + path)
        page.locator("div.quiz").first.wait_for()
        orders = page.evaluate(
            "() => [...document.querySelectorAll('div.quiz fieldset')].map("
            "f => [...f.querySelectorAll('input')].map(i => Number(i.value)))"
        )
        for order in orders:
            total += 1
            moved += order != sorted(order)
    assert total and moved > total / 3, f"only {moved} of {total} quizzes shuffled"
    assert not watch.faults()


# --- Business Model Canvas -----------------------------------------------------

BLOCKS = ("kp", "ka", "kr", "vp", "cr", "ch", "cs", "co", "rv")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "reports" / "screenshots"


def _open_canvas(page, url: str, screen: str) -> dict[str, dict]:
    """Open ``url``, screenshot its canvas into reports/screenshots/; return the
    bounding box of each block."""
    page.goto(url)
    page.add_style_tag(content=".md-header { visibility: hidden; }")  # clean screenshots
    canvas = page.locator("div.bmc").first
    canvas.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = url.rstrip("/").rsplit("/", 2)[-2:]
    canvas.screenshot(path=SCREENSHOTS / f"bmc-{screen}-{'-'.join(name)}.png")
    return {b: canvas.locator(f".bmc-{b}").bounding_box() for b in BLOCKS}


@pytest.fixture
def canvas_pages(site_dir, page_paths) -> list[str]:
    pages = _pages_with(site_dir, page_paths, 'class="bmc"')
    assert pages, "no page draws the Business Model Canvas"
    return pages


def test_canvas_has_the_nine_block_layout_on_desktop(new_page, base_url, canvas_pages):
    page, _ = new_page(**DESKTOP)
    for path in canvas_pages:
        box = _open_canvas(page, base_url + path, "desktop")
        # five columns, left to right: partners, activities/resources, value
        # proposition, relations/channels, segments
        lefts = [box[b]["x"] for b in ("kp", "ka", "vp", "cr", "cs")]
        assert lefts == sorted(lefts) and len(set(lefts)) == 5, (path, box)
        assert box["ka"]["x"] == box["kr"]["x"] and box["ka"]["y"] < box["kr"]["y"]
        assert box["cr"]["x"] == box["ch"]["x"] and box["cr"]["y"] < box["ch"]["y"]
        # costs and revenues side by side under the seven upper blocks
        top_bottom = max(box[b]["y"] + box[b]["height"] for b in BLOCKS[:7])
        assert box["co"]["y"] >= top_bottom and box["co"]["y"] == box["rv"]["y"]
        assert box["co"]["x"] < box["rv"]["x"]


def test_canvas_reads_as_one_column_on_a_phone(new_page, base_url, canvas_pages):
    page, _ = new_page(**PHONE)
    for path in canvas_pages:
        box = _open_canvas(page, base_url + path, "phone")
        width = page.locator("div.bmc").first.bounding_box()["width"]
        # every block spans the full width, one under the other, in the
        # filling order of the source (the order screen readers follow)
        assert all(abs(b["width"] - width) < 2 for b in box.values()), (path, box)
        order = page.locator("div.bmc > .bmc-block").evaluate_all(
            "els => els.map(e => [...e.classList].find(c => c !== 'bmc-block'))"
        )
        tops = [box[c.removeprefix("bmc-")]["y"] for c in order]
        assert tops == sorted(tops), (path, order)
        size = page.locator("div.bmc .bmc-block p").first.evaluate(
            "p => parseFloat(getComputedStyle(p).fontSize)"
        )
        assert size >= 12, f"{path}: canvas text is {size}px on a phone"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


# --- states the page-by-page audit cannot reach --------------------------------


IN_TEXT = "p a[href]:not(.headerlink)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_under_the_pointer_or_the_focus_keep_their_contrast(new_page, base_url, scheme):
    """A link takes the accent colour when hovered or focused (axe audits the page as
    it is, with no pointer on it): it must still reach 4.5:1 in both palettes. The
    mock exam's list of pages to reread once put a link under the pointer at random."""
    page, _ = new_page(color_scheme=scheme, **DESKTOP)
    page.goto(base_url + "marketing-strategique/diagnostic-strategique/", wait_until="load")
    link = page.locator(f"article {IN_TEXT}").first
    found = {}
    for state in ("hover", "focus"):
        link.scroll_into_view_if_needed()
        link.hover() if state == "hover" else link.focus()
        hold_still(page)
        colour = link.evaluate("a => getComputedStyle(a).color")
        result = axe.run(page, context=f"article {IN_TEXT}", options=WCAG_AA)
        problems = [v["id"] for v in result.response["violations"]]
        if problems:
            found[state] = (colour, problems)
        page.mouse.move(0, 0)
    assert not found, found
