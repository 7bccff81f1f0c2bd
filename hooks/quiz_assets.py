"""Serve mkdocs-quiz's stylesheet and script once, as cached files.

mkdocs-quiz 1.7 appends its whole stylesheet (~10 KB) and script (~45 KB) to
the content of every page, even pages without a quiz. This hook removes those
two inlined copies and serves the same files from the site
(``assets/quiz/quiz.<hash>.css`` and ``.js``, the hash changes with their
content), registered in ``extra_css``/``extra_javascript`` so that every page
loads them once and the browser caches them.

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
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
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
    if JS and JS[0] not in [str(s) for s in config.extra_javascript]:
        script = ExtraScriptValue(JS[0])
        script.defer = True  # runs once the page is parsed, like the scripts of mkdocs.yml
        config.extra_javascript.append(script)
    return config


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
