"""Point contributors at their mistake: file, line and one French line saying how to fix it.

Teachers edit Markdown, not Python: an error must name the file and the line, not print a
traceback. Each check raises ``PluginError`` (MkDocs prints it as one error line).

- A ``<quiz>`` with no correct answer (no ``- [x]``) is caught in ``on_pre_page``, before
  mkdocs-quiz parses the page (it would report it at the wrong line, inside a traceback).
- A relative link to a Markdown page that does not exist is caught in ``on_page_markdown``,
  before MkDocs' own warning (which gives no line); its line is the line in the source file.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quizbank

# Fenced code blocks and inline code, blanked out (line breaks kept, so lines still count).
CODE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1|`[^`\n]*`", re.DOTALL | re.MULTILINE)
# ](target.md) or ](target.md#anchor), optionally followed by a title.
MD_LINK = re.compile(r"\]\(<?(?P<target>[^)\s>#]+\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\)")


def quiz_errors(text: str, path: str) -> list[str]:
    """One message per quiz of ``text`` (page ``path``, under docs/) with no correct answer."""
    if "<quiz>" not in text:
        return []
    return [
        f"docs/{path}:{quiz.line} : ce quiz n'a aucune bonne réponse ; "
        "cochez-en au moins une avec - [x]."
        for quiz in quizbank.parse_page(text, path)
        if quiz.options and not any(quiz.correct)
    ]


def dead_links(text: str, path: str, exists) -> list[str]:
    """One message per relative ``.md`` link of ``text`` whose target ``exists(uri)`` denies."""
    masked = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    messages = []
    folder = posixpath.dirname(path)
    for match in MD_LINK.finditer(masked):
        target = match["target"]
        if "://" in target or target.startswith(("/", "mailto:")):
            continue
        uri = posixpath.normpath(posixpath.join(folder, target))
        if not exists(uri):
            line = masked[: match.start()].count("\n") + 1
            messages.append(
                f"docs/{path}:{line} : le lien vers « {target} » mène à une page "
                "qui n'existe pas ; vérifiez le nom du fichier "
                "(minuscules, sans accents) et son dossier."
            )
    return messages


def on_pre_page(page, config, files):
    source = page.file.abs_src_path
    if page.file.src_uri.endswith(".md") and source and Path(source).is_file():
        errors = quiz_errors(Path(source).read_text(encoding="utf-8"), page.file.src_uri)
        if errors:
            raise PluginError(errors[0])
    return page


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.endswith(".md"):
        # Lines are counted in the file as the contributor wrote it: by now mkdocs-quiz has
        # turned each <quiz> into HTML, and a link below a quiz was reported lines too high.
        source = page.file.abs_src_path
        text = markdown
        if source and Path(source).is_file():
            text = Path(source).read_text(encoding="utf-8")
        errors = dead_links(
            text, page.file.src_uri, lambda uri: files.get_file_from_path(uri) is not None
        )
        if errors:
            raise PluginError(errors[0])
    return markdown
