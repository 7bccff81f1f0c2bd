"""Keep the `mkdocs serve` preview answering when a save breaks the build, and say why, in French.

Active only under ``mkdocs serve`` (``on_startup(command="serve")``); ``mkdocs build`` (and
so ``make build`` and CI, strict) never sees any of this, nor does ``mkdocs serve --clean``
(MkDocs reports it as a "build").

Why: MkDocs 1.6's live-reload server (``mkdocs/livereload/__init__.py``) holds every request
until the site it is rebuilding is complete. When a rebuild raises (a strict-mode warning
becomes ``Abort``, a hook raises ``PluginError``, a snippet is missing…), that moment never
comes: every URL hangs, with no error page, until the mistake is fixed.

What this hook does under ``mkdocs serve``:

1. ``on_startup`` wraps the build function that ``mkdocs serve`` calls (the initial build and
   each rebuild): an exception is caught, reported and swallowed, so the server publishes
   the site as it stands and the browsers reload. With ``--dirty`` (``make serve``) a failed
   page is not rewritten: the last good version of the site stays on screen. Without
   ``--dirty`` each build goes into a fresh folder that replaces the served one only if the
   build succeeds.
2. A logging handler collects the warnings and errors of each build (the serve command is not
   strict: warnings do not abort, they are shown).
3. ``on_serve`` wraps the server's application: while the last build has problems, every HTML
   page served gets a French banner at its top, « La dernière sauvegarde contient une
   erreur : fichier:ligne — explication », one line per problem. Messages that
   ``contributor_errors.py`` and ``maths.py`` already write in French are shown as they are;
   MkDocs' own warnings (page missing from ``nav``, dead link, missing anchor, missing
   snippet…) are translated with the file and, when it can be found, the line.
4. With ``--dirty``, MkDocs rebuilds a page only when its Markdown is newer than its HTML.
   ``on_files`` also marks as changed the pages whose other inputs changed since their HTML
   was written: an included snippet (``--8<--``, and ``abbreviations.md`` for every page),
   ``mkdocs.yml`` or a template of ``overrides/`` (every page: the menu may have changed);
   and as unchanged the generated pages (the « Fiches » of ``reviser.py``) whose text is
   the same as at the previous build. The search index is merged likewise: the last
   build's, with the sections of the pages rebuilt now replaced (Material's own merge under
   ``--dirty`` assumes a single page was rebuilt).
5. Rebuilds are made cheaper: the theme's Jinja templates are compiled once per session
   (an in-memory bytecode cache, checked against each template's source), and
   mkdocs-jupyter's own cache is turned on (``.cache/mkdocs-jupyter/<versions>/``, keyed by
   the notebook's bytes and the plugin's options; git-ignored): a restart of the preview or
   a full rebuild does not convert the notebooks again.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.preview_errors")

# --- state, kept across rebuilds (MkDocs loads a hook module once per process) -----------


@dataclass(frozen=True)
class Problem:
    """One problem of the last build: where (``file:line``, may be empty) and what to do."""

    where: str
    explanation: str

    def text(self) -> str:
        return f"{self.where} — {self.explanation}" if self.where else self.explanation


class _State:
    def __init__(self) -> None:
        self.active = False  # under `mkdocs serve`
        self.dirty = False  # `mkdocs serve --dirty`
        self.lock = threading.Lock()
        self.collecting_thread: int | None = None
        self.records: list[logging.LogRecord] = []
        self.problems: list[Problem] = []  # of the last finished build
        self.raised = False  # the last build raised: the site shown is an older one
        self.built_once = False  # a build has succeeded since the server started
        self.rebuild_started = False
        self.docs = ROOT / "docs"  # the served project's, set by on_config
        self.config_file = ROOT / "mkdocs.yml"
        self.bytecode: jinja2.BytecodeCache | None = None  # made by on_env
        self.generated: dict[str, str] = {}  # generated page -> digest of its text
        self.pending_generated: dict[str, str] = {}
        self.search_entries: list[dict] | None = None  # the search index, under --dirty
        self.page_urls: set[str] = set()  # the pages of this build

    def begin(self) -> None:
        with self.lock:
            self.records = []
            self.collecting_thread = threading.get_ident()

    def finish(self, error: BaseException | None) -> None:
        with self.lock:
            records, self.records = self.records, []
            self.collecting_thread = None
        problems = problems_from_records(records)
        if error is not None and not (_is_abort(error) and problems):
            problems.append(problem_from_exception(error, records))
        self.problems = _unique(problems)
        self.raised = error is not None
        if error is None:
            self.built_once = True
            self.generated.update(self.pending_generated)
        self.pending_generated = {}
        for problem in self.problems:
            log.warning("Aperçu : " + problem.text())


STATE = _State()


class _Collector(logging.Handler):
    """Keeps the WARNING+ records that the build thread logs while a build runs."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING or record.name.startswith(log.name):
            return
        if record.name.startswith("mkdocs.livereload"):  # the server's own request log
            return
        with STATE.lock:
            if STATE.collecting_thread == record.thread:
                STATE.records.append(record)


def _is_abort(error: BaseException) -> bool:
    from mkdocs.exceptions import Abort

    return isinstance(error, Abort)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, kept = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            kept.append(problem)
    return kept


# --- French messages ----------------------------------------------------------------------

# "docs/x.md:12 : explication" (contributor_errors.py) or
# "snippets/formules/nps.md:2 (inclus par docs/x.md) : explication" (maths.py)
ALREADY_FRENCH = re.compile(
    r"^(?P<where>(?:docs|snippets)/[^\s:]+(?::\d+)?(?: \(inclus par [^)]+\))?) : (?P<what>.+)$",
    re.S,
)
NOT_IN_NAV = re.compile(
    r'The following pages exist in the docs directory, but are not included in the "nav" '
    r"configuration:\n(?P<pages>(?:\s*- .+\n?)+)"
)
NAV_NOT_FOUND = re.compile(
    r"A reference to '(?P<target>.+?)' is included in the 'nav' configuration, "
    r"which is not found in the documentation files\."
)
LINK_NOT_FOUND = re.compile(
    r"Doc file '(?P<page>.+?)' contains a link '(?P<url>.+?)', but the target(?: '.+?')? "
    r"is not found among documentation files\.(?: Did you mean '(?P<guess>.+?)'\?)?"
)
UNRECOGNIZED_LINK = re.compile(
    r"Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<url>.+?)', "
    r"it was left as is\.(?: Did you mean '(?P<guess>.+?)'\?)?"
)
ABSOLUTE_LINK = re.compile(
    r"Doc file '(?P<page>.+?)' contains an absolute link '(?P<url>.+?)', it was left as is\."
)
MISSING_ANCHOR = re.compile(
    r"Doc file '(?P<page>.+?)' contains a link '(?P<url>.+?)', but "
    r"(?:there is no such anchor on this page|the doc '(?P<doc>.+?)' does not contain an "
    r"anchor '#(?P<anchor>.+?)')\."
)
PAGE_FAILED = re.compile(r"^Error (?:reading|building) page '(?P<page>.+?)':\s*(?P<rest>.*)$", re.S)
SNIPPET_MISSING = re.compile(r"Snippet at path '?(?P<path>.+?)'? could not be found")
CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<rest>.+)$", re.S)
# noise: said on every --dirty build; the summary line of a strict build
IGNORED = re.compile(r"^A 'dirty' build is being performed|^Aborted with \d+")

FIX_NAME = "vérifiez le nom du fichier (minuscules, sans accents) et son dossier."


def _line_of(path: Path, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in the file, if any."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def _page_where(page: str, needle: str | None = None, docs: Path | None = None) -> str:
    docs = docs or STATE.docs
    line = _line_of(docs / page, needle) if needle else None
    return f"docs/{page}:{line}" if line else f"docs/{page}"


def translate(
    message: str, docs: Path | None = None, config_file: Path | None = None
) -> list[Problem]:
    """French problems for one MkDocs log message (empty for noise)."""
    message = message.strip()
    config_file = config_file or STATE.config_file
    if not message or IGNORED.match(message):
        return []
    if match := ALREADY_FRENCH.match(message):
        return [Problem(match["where"], match["what"].strip())]
    if match := NOT_IN_NAV.search(message):
        pages = [line.strip()[2:].strip() for line in match["pages"].splitlines() if line.strip()]
        return [
            Problem(
                f"docs/{page}",
                "cette page n'est pas dans le menu : ajoutez-la dans « nav: » de mkdocs.yml, "
                "à sa place dans sa partie, et sa carte dans le index.md de la partie.",
            )
            for page in pages
        ]
    if match := NAV_NOT_FOUND.search(message):
        line = _line_of(config_file, match["target"])
        return [
            Problem(
                f"mkdocs.yml:{line}" if line else "mkdocs.yml",
                f"le menu (« nav: ») cite « {match['target']} », qui n'existe pas dans docs/ ; "
                + FIX_NAME,
            )
        ]
    if match := MISSING_ANCHOR.search(message):
        target = f"docs/{match['doc']}" if match["doc"] else "cette page"
        anchor = match["anchor"] or match["url"].split("#", 1)[-1]
        return [
            Problem(
                _page_where(match["page"], match["url"], docs),
                f"le lien « {match['url']} » vise l'ancre « #{anchor} », absente de {target} ; "
                "une ancre reprend le titre de la section en minuscules, sans accents, "
                "les mots séparés par des tirets.",
            )
        ]
    if match := LINK_NOT_FOUND.search(message):
        guess = f" Vouliez-vous écrire « {match['guess']} » ?" if match["guess"] else ""
        return [
            Problem(
                _page_where(match["page"], match["url"], docs),
                f"le lien « {match['url']} » mène à un fichier qui n'existe pas ; "
                + FIX_NAME
                + guess,
            )
        ]
    if match := UNRECOGNIZED_LINK.search(message):
        guess = f" Vouliez-vous écrire « {match['guess']} » ?" if match["guess"] else ""
        return [
            Problem(
                _page_where(match["page"], match["url"], docs),
                f"le lien « {match['url']} » ne désigne aucun fichier du site ; un lien vers "
                "une page du cours se termine par .md (par exemple « ../partie/page.md »)." + guess,
            )
        ]
    if match := ABSOLUTE_LINK.search(message):
        return [
            Problem(
                _page_where(match["page"], match["url"], docs),
                f"le lien « {match['url']} » commence par « / » ; écrivez un lien relatif "
                "vers le fichier .md (par exemple « ../partie/page.md »).",
            )
        ]
    if match := PAGE_FAILED.match(message):
        rest = match["rest"].strip()
        if not rest:
            return []  # the real message follows (a BuildError) or is the exception itself
        return [page_problem(match["page"], rest, docs)]
    if match := CONFIG_VALUE.match(message):
        return [
            Problem(
                "mkdocs.yml",
                f"le réglage « {match['key']} » est invalide ({match['rest'].strip()}).",
            )
        ]
    return [Problem("", f"la construction du site signale : {message}")]


def page_problem(page: str, message: str, docs: Path | None = None) -> Problem:
    """A problem raised while one page was built (``page`` relative to docs/)."""
    if match := SNIPPET_MISSING.search(message):
        path = match["path"]
        return Problem(
            _page_where(page, Path(path).name, docs),
            f"l'extrait « {path} » est introuvable dans snippets/ ; " + FIX_NAME,
        )
    if match := ALREADY_FRENCH.match(message):
        return Problem(match["where"], match["what"].strip())
    first = message.strip().splitlines()[0] if message.strip() else "erreur inconnue"
    return Problem(f"docs/{page}", f"la construction de cette page a échoué : {first}")


def problems_from_records(records: list[logging.LogRecord]) -> list[Problem]:
    problems: list[Problem] = []
    for record in records:
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot format itself
            message = str(record.msg)
        problems.extend(translate(message))
    return problems


def problem_from_exception(error: BaseException, records: list[logging.LogRecord]) -> Problem:
    """The problem a build exception stands for; the failed page comes from MkDocs' log."""
    message = str(error).strip() or type(error).__name__
    page = None
    for record in reversed(records):
        if match := PAGE_FAILED.match(record.getMessage()):
            page = match["page"]
            break
    if page:
        return page_problem(page, message)
    found = translate(message)
    return found[0] if found else Problem("", message)


# --- the banner ---------------------------------------------------------------------------

BANNER_ID = "apercu-erreur"
BANNER_STYLE = (
    "margin:0;padding:.8rem 1.2rem;background:#fdecea;color:#5f1414;"
    "border-bottom:3px solid #b71c1c;font:1rem/1.5 system-ui,sans-serif;"
)
CONTAINER = re.compile(rb'<div class="md-container"[^>]*>')
BODY = re.compile(rb"<body\b[^>]*>")


def banner_html(problems: list[Problem], raised: bool) -> str:
    """The French banner for ``problems`` (one line each)."""
    if len(problems) == 1:
        title = "La dernière sauvegarde contient une erreur : "
        title += html.escape(problems[0].text())
        items = ""
    else:
        title = f"La dernière sauvegarde contient {len(problems)} erreurs :"
        items = "".join(f"<li>{html.escape(p.text())}</li>" for p in problems)
        items = f'<ul style="margin:.3rem 0 0 1.2rem;padding:0">{items}</ul>'
    if raised:
        note = (
            "La construction s'est arrêtée : vous voyez la dernière version sans erreur. "
            "Corrigez puis enregistrez, la page se mettra à jour."
        )
    else:
        note = (
            "La page tient compte de votre sauvegarde, mais « make build » la refusera "
            "tant que l'erreur reste. Corrigez puis enregistrez, ce message disparaîtra."
        )
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{BANNER_STYLE}">'
        f'<p style="margin:0;font-weight:bold">{title}</p>{items}'
        f'<p style="margin:.3rem 0 0">{html.escape(note)}</p></div>'
    )


def with_banner(page: bytes, banner: str) -> bytes:
    """``page`` with ``banner`` at the top of its content (inside Material's container, so
    that instant navigation swaps it with the page), else just after ``<body>``."""
    data = banner.encode("utf-8")
    for pattern in (CONTAINER, BODY):
        if match := pattern.search(page):
            return page[: match.end()] + data + page[match.end() :]
    return data + page


def error_page(banner: str) -> bytes:
    """What the preview serves when no build has succeeded yet."""
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Aperçu indisponible</title></head><body>"
        + banner
        + '<p style="margin:1.2rem;font:1rem system-ui,sans-serif">'
        "Le site n'a pas encore pu être construit une première fois.</p></body></html>"
    ).encode()


def banner_middleware(app):
    """WSGI middleware: adds the banner to HTML answers while the last build has problems."""

    def wrapped(environ, start_response):
        problems, raised = STATE.problems, STATE.raised
        if not problems:
            return app(environ, start_response)
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None  # nobody writes through it here

        result = app(environ, capture)
        headers = captured.get("headers", [])
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not content_type.startswith("text/html"):
            start_response(captured["status"], headers)
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        banner = banner_html(problems, raised)
        status = captured["status"]
        if status.startswith("404") and not STATE.built_once:
            body, status = error_page(banner), "200 OK"
        else:
            body = with_banner(body, banner)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]

    return wrapped


# --- the build, guarded -------------------------------------------------------------------


def _print_unexpected(error: BaseException) -> None:
    """A traceback on the console for a bug (MkDocs has already printed its own errors)."""
    from mkdocs.exceptions import MkDocsException

    if not isinstance(error, MkDocsException):
        traceback.print_exception(error)


def guarded_build(build):
    """``build`` that never raises: its problems go to STATE (and so to the banner)."""

    @functools.wraps(build)
    def run(config, **kwargs):
        if not STATE.rebuild_started:
            STATE.begin()
        STATE.rebuild_started = False
        staging = None
        served = config.site_dir
        if not kwargs.get("dirty") and STATE.built_once:
            # A clean build empties its folder first: build next to it, swap on success.
            staging = tempfile.mkdtemp(prefix="mkdocs_next_")
            config.site_dir = staging
        try:
            build(config, **kwargs)
        except Exception as error:
            _print_unexpected(error)
            STATE.finish(error)
            if staging:
                shutil.rmtree(staging, ignore_errors=True)
            return
        finally:
            config.site_dir = served
        if staging:
            old = served.rstrip("/\\") + ".old"
            os.replace(served, old)
            os.replace(staging, served)
            shutil.rmtree(old, ignore_errors=True)
        STATE.finish(None)

    return run


def guarded_builder(builder):
    """The server's rebuild callback: also catches an invalid mkdocs.yml (read before building)."""

    @functools.wraps(builder)
    def run(*args, **kwargs):
        STATE.begin()
        STATE.rebuild_started = True
        try:
            builder(*args, **kwargs)
        except Exception as error:
            _print_unexpected(error)
            STATE.rebuild_started = False
            STATE.finish(error)

    return run


# --- stale pages under --dirty --------------------------------------------------------------

SNIPPET = re.compile(r"""--8<--\s+(["'])(?P<path>[^"'\n]+)\1""")


def _newest(paths) -> float:
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def mark_stale_pages(files, config) -> int:
    """Age the HTML of the pages whose inputs changed after it was written; mark as unchanged
    the generated pages whose text is the same as at the last build. Return how many aged."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    theme_dirs = [Path(d) for d in (config.theme.custom_dir,) if d]
    every_page = max(
        _newest([config_file] if config_file else []),
        _newest(p for d in theme_dirs for p in d.rglob("*")),
    )
    snippet_dirs = [ROOT / "snippets"]
    if "pymdownx.snippets" in config.markdown_extensions:
        options = config.mdx_configs.get("pymdownx.snippets", {})
        base = options.get("base_path", [])
        if isinstance(base, str):
            base = [base]
        here = Path(config.config_file_path).parent if config.config_file_path else ROOT
        snippet_dirs = [here / b for b in base] or snippet_dirs
        for appended in options.get("auto_append", []):
            every_page = max(every_page, _newest(folder / appended for folder in snippet_dirs))
    aged = 0
    for file in files.documentation_pages():
        if not file.abs_dest_path:
            continue
        dest = Path(file.abs_dest_path)
        generated = file.generated_by is not None
        try:
            text = file.content_string
        except (OSError, UnicodeDecodeError):
            text = ""
        if generated:
            digest = hashlib.sha256(text.encode()).hexdigest()
            STATE.pending_generated[file.src_uri] = digest  # kept if the build succeeds
        if not dest.is_file():
            continue
        newest = every_page
        for match in SNIPPET.finditer(text):
            newest = max(newest, _newest(folder / match["path"] for folder in snippet_dirs))
        if newest > dest.stat().st_mtime:
            os.utime(dest, (0, 0))  # older than its source: MkDocs rebuilds it
            aged += 1
        elif generated and STATE.generated.get(file.src_uri) == digest:
            file.is_modified = lambda: False  # same text, HTML up to date
    return aged


# --- faster rebuilds -----------------------------------------------------------------------


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja2 bytecode cache kept in memory for the whole `mkdocs serve` session.

    Jinja checks each entry against the template's source checksum, so an edited
    template of overrides/ is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if (code := self.store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def notebook_cache_dir() -> Path:
    """mkdocs-jupyter's cache folder, one per version of what renders the notebooks."""
    from importlib.metadata import PackageNotFoundError, version

    names = []
    for package in ("mkdocs-jupyter", "nbconvert", "pygments"):
        try:
            names.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            names.append(package)
    return ROOT / ".cache" / "mkdocs-jupyter" / "_".join(names)


# --- hooks --------------------------------------------------------------------------------


def on_startup(command, dirty):
    if command != "serve" or STATE.active:
        return
    STATE.active = True
    STATE.dirty = dirty
    logging.getLogger("mkdocs").addHandler(_Collector())
    import mkdocs.commands.serve as serve_command

    serve_command.build = guarded_build(serve_command.build)


def on_config(config):
    if STATE.active:
        STATE.docs = Path(config.docs_dir)
        if config.config_file_path:
            STATE.config_file = Path(config.config_file_path)
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None and not jupyter.config.get("execute"):
            jupyter.config["cache"] = True
            jupyter.config["cache_dir"] = str(notebook_cache_dir())
    return config


def _search_plugin(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search if hasattr(search, "search_index_prev") else None


def on_env(env, config, files):
    search = _search_plugin(config)
    if STATE.active and STATE.dirty and search is not None:
        # Material merges the previous index itself, assuming one page was rebuilt: with
        # several (a snippet, mkdocs.yml) the others' sections were listed twice, and the
        # home page (location "") dropped every other page. on_post_build merges instead.
        search.search_index_prev = None
    if STATE.active:
        if STATE.bytecode is None:
            STATE.bytecode = MemoryBytecodeCache()
        env.bytecode_cache = STATE.bytecode
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None and STATE.dirty and STATE.built_once:
            # Its on_post_build deletes the entries this build did not read: under --dirty
            # the unchanged notebooks are not read. The first build of a session evicts.
            jupyter.config["cache"] = False
    return env


def on_serve(server, config, builder):
    if STATE.active:
        server.builder = guarded_builder(server.builder)
        server.set_app(banner_middleware(server.get_app()))
    return server


def on_post_build(config):
    """Under --dirty: the search index of the last build, with the sections of the pages
    rebuilt now replaced by their new ones (runs after the search plugin has written it)."""
    search = _search_plugin(config)
    if not (STATE.active and STATE.dirty) or search is None:
        return
    index = search.search_index
    if STATE.search_entries is not None:
        rebuilt = {entry["location"].split("#")[0] for entry in index.entries}
        index.entries = [
            entry
            for entry in STATE.search_entries
            if entry["location"].split("#")[0] not in rebuilt
            and entry["location"].split("#")[0] in STATE.page_urls  # not a deleted page
        ] + index.entries
        target = Path(config.site_dir) / "search" / "search_index.json"
        target.write_text(index.generate_search_index(None), encoding="utf-8")
    STATE.search_entries = list(index.entries)


def on_files(files, config):
    if STATE.active and STATE.dirty:
        # as pages and the search index write them: the home page is "", not "./"
        STATE.page_urls = {
            "" if file.url in (".", "./") else file.url for file in files.documentation_pages()
        }
        started = time.monotonic()
        aged = mark_stale_pages(files, config)
        if aged:
            log.info(
                f"{aged} page(s) to rebuild: a snippet, mkdocs.yml or a template changed "
                f"({time.monotonic() - started:.2f} s)"
            )
    return files
