"""Serve mkdocs-quiz's stylesheet and script once, as cached files.

mkdocs-quiz 1.7 appends its whole stylesheet (~10 KB) and script (~45 KB) to
the content of every page, even pages without a quiz. This hook removes those
two inlined copies and serves the same files from the site
(``assets/quiz/quiz.<hash>.css`` and ``.js``, the hash changes with their
content). The stylesheet is registered in ``extra_css``, so that every page
loads it once and the browser caches it. The script (45 KB, a long task at
start-up) is loaded only where there is a quiz: this hook gives its file name to
``assets/javascripts/extra.js`` (``data-quiz`` attribute of its script tag),
which appends it on the first page that holds a ``.quiz``, reached directly or
by instant navigation.

It works with Material's instant navigation: quiz.js subscribes to Material's
``document$`` and re-initialises the quizzes after every navigation (it was
written for that, because the inlined copy is re-run on each page). The
small per-page scripts of the plugin (translations, options) stay inline in
the content and are re-evaluated by Material on each navigation.
tests/browser checks that a quiz answers, on a page reached directly and by
instant navigation.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs_quiz import plugin as quiz_plugin

DIRECTORY = "assets/quiz"


def _asset(text: str, suffix: str) -> tuple[str, str]:
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{DIRECTORY}/quiz.{digest}.{suffix}", text


def _inner(element: str) -> str:
    """The text of an inline element built by mkdocs_quiz (``<tag ...>text</tag>``)."""
    return element[element.index(">") + 1 : element.rindex("<")]


CSS = _asset(_inner(quiz_plugin.style), "css") if quiz_plugin.style else None
JS = _asset(_inner(quiz_plugin.js_script), "js") if quiz_plugin.js_script else None


def on_config(config):
    if CSS and CSS[0] not in config.extra_css:
        config.extra_css.append(CSS[0])
    return config


# The script tag of extra.js, in every page (extra_javascript in mkdocs.yml).
EXTRA_JS = re.compile(r'(<script src="[^"]*assets/javascripts/extra\.js")')


def on_post_page(output: str, **kwargs) -> str:
    if not JS:
        return output
    # Relative to extra.js (assets/javascripts/), which resolves it against its own URL.
    name = "../" + JS[0].removeprefix("assets/")
    output, found = EXTRA_JS.subn(rf'\1 data-quiz="{name}"', output, count=1)
    if not found:
        raise ValueError("hooks/quiz_assets.py: no extra.js script tag to give quiz.js to")
    return output


def on_page_content(html: str, **kwargs) -> str:
    # Runs after mkdocs_quiz's on_page_content (hooks come after plugins).
    for element in (quiz_plugin.style, quiz_plugin.js_script):
        if element:
            html = html.replace(element, "")
    return html


def on_post_build(config) -> None:
    for asset in (CSS, JS):
        if asset:
            target = Path(config["site_dir"]) / asset[0]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(asset[1], encoding="utf-8")
