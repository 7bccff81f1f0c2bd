"""The course's question bank and glossary, read from the Markdown sources (a library, not a hook).

One parser for everything that uses the quizzes and the glossary: the lint test
(``tests/test_quiz_lint.py``), the « Réviser » pages, the Anki decks, the mock exam's
JSON bank and the Moodle XML / QTI exports (``hooks/reviser.py``), and their tests.
It is not registered in ``mkdocs.yml``: the hook and the tests import it
(``sys.path`` gets the ``hooks/`` folder).

- ``parse_quizzes(docs_dir)``: every ``<quiz>`` of ``docs/**/*.md``, in page order, with
  its file, line, question, options, correct flags, explanation and part (the page's
  top folder). A quiz's ``index`` is its rank in its page, as mkdocs-quiz numbers it
  (``id="quiz-N"`` in the built page). The syntax is mkdocs-quiz's own
  (``mkdocs_quiz.parsing``): ``- [x]`` marks a correct option, ``> text`` under an
  option is that option's feedback, what follows the options is the explanation.
- ``lint(quizzes)``: the faults that let a reader pass a quiz without reading; each
  message names the file and the quiz (line and first words).
- ``parse_glossary(path)``: the terms of ``docs/glossaire.md`` (a ``def_list``), each with
  its definition, its « Voir le chapitre » link and its part (the link's folder).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_quiz.parsing import FEEDBACK_REGEX, find_quizzes, mask_code_blocks, parse_answer

# The course's parts: folder under docs/ -> title (as in the nav of mkdocs.yml).
PARTS = {
    "marketing-strategique": "Marketing stratégique",
    "relation-client": "Relation client et fidélisation",
    "marketing-multicanal": "Marketing multicanal",
    "ecosysteme-digital": "Écosystème digital",
    "business-model-canvas": "Business Model Canvas",
    # The notebooks teach the customer analytics (cohorts, BG/NBD...): their
    # glossary terms get cards too. The notebooks hold no quiz.
    "notebooks": "Analyse de données",
}
COURSE_PARTS = [part for part in PARTS if part != "notebooks"]
"""The five parts of the course, each of which has quizzes."""

# Limits of the lint, over the single-answer quizzes of the site and of each part.
MAX_POSITION_SHARE = 0.35  # no option position holds more than 35 % of the keys
MAX_LONGEST_SHARE = 0.40  # the key is the strictly longest option in at most 40 %


@dataclass
class Quiz:
    """One ``<quiz>`` block of a page."""

    path: str  # the page, relative to docs/ (POSIX)
    line: int  # line of ``<quiz>`` in the page (1-based)
    index: int  # rank in the page (0-based): id="quiz-N" in the built page
    question: str
    options: list[str] = field(default_factory=list)
    correct: list[bool] = field(default_factory=list)
    feedback: list[str | None] = field(default_factory=list)  # per option (``> text``)
    explanation: str = ""

    @property
    def part(self) -> str:
        """The page's top folder (``""`` for a page at the root of docs/)."""
        return self.path.split("/")[0] if "/" in self.path else ""

    @property
    def part_title(self) -> str:
        return PARTS.get(self.part, "Autres pages")

    @property
    def key(self) -> str:
        """A stable name for the quiz: its page and its rank there."""
        return f"{self.path}#quiz-{self.index}"

    @property
    def single(self) -> bool:
        """One correct option (radio buttons); several give check boxes."""
        return sum(self.correct) == 1

    @property
    def keys(self) -> list[int]:
        """Positions (0-based) of the correct options."""
        return [i for i, ok in enumerate(self.correct) if ok]

    @property
    def url(self) -> str:
        """The page's address relative to the site root (directory URLs)."""
        page = self.path[: -len(".md")]
        if page == "index":
            return ""
        if page.endswith("/index"):
            return page[: -len("index")]
        return page + "/"

    def where(self) -> str:
        """File, line and first words: how a fault names this quiz."""
        words = " ".join(self.question.split()[:8])
        return f"{self.path}:{self.line} « {words}… »"


def parse_quiz_block(body: str) -> tuple[str, list[str], list[bool], list[str | None], str]:
    """Split the text between ``<quiz>`` and ``</quiz>`` as mkdocs-quiz does."""
    lines = body.strip("\n").splitlines()
    first = next((i for i, line in enumerate(lines) if parse_answer(line)), len(lines))
    question = "\n".join(lines[:first]).strip()
    options: list[str] = []
    correct: list[bool] = []
    feedback: list[str | None] = []
    i = first
    rest = len(lines)
    while i < len(lines):
        parsed = parse_answer(lines[i])
        if parsed:
            options.append(parsed[1])
            correct.append(parsed[0])
            i += 1
            notes = []
            while i < len(lines) and FEEDBACK_REGEX.match(lines[i]):
                notes.append(FEEDBACK_REGEX.match(lines[i]).group(1))
                i += 1
            feedback.append("\n".join(notes).strip() or None)
            rest = i
        elif lines[i].strip():
            rest = i
            break
        else:
            i += 1
            rest = i
    explanation = "\n".join(lines[rest:]).strip()
    return question, options, correct, feedback, explanation


def parse_page(text: str, path: str) -> list[Quiz]:
    """The quizzes of one page's Markdown source ``text`` (``path`` relative to docs/)."""
    masked, _ = mask_code_blocks(text)
    quizzes = []
    cursor = 0
    # Masked code blocks change the offsets: find each quiz again in the real text.
    for index, match in enumerate(find_quizzes(masked)):
        start = text.find(match.group(0), cursor)
        if start < 0:
            start = match.start()
        cursor = start + 1
        line = text[:start].count("\n") + 1
        question, options, correct, feedback, explanation = parse_quiz_block(match.group(1))
        quizzes.append(Quiz(path, line, index, question, options, correct, feedback, explanation))
    return quizzes


def parse_quizzes(docs_dir: str | Path, paths: list[str] | None = None) -> list[Quiz]:
    """Every quiz of ``docs_dir/**/*.md`` (or of ``paths``, relative to it), sorted by page."""
    docs = Path(docs_dir)
    if paths is None:
        paths = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    quizzes = []
    for path in paths:
        text = (docs / path).read_text(encoding="utf-8")
        if "<quiz>" in text:
            quizzes.extend(parse_page(text, path))
    return quizzes


# --- lint ----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Question text compared for duplicates: no case, accents, punctuation or markup."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w%]+", " ", text).split())


def lint_each(quizzes: list[Quiz]) -> list[str]:
    """Faults of single quizzes: no correct option, no explanation, a repeated question."""
    faults = []
    seen: dict[str, Quiz] = {}
    for quiz in quizzes:
        if not quiz.options:
            faults.append(f"{quiz.where()}: no option (- [ ] / - [x]) found")
        elif not any(quiz.correct):
            faults.append(f"{quiz.where()}: no correct option (- [x])")
        if not quiz.explanation:
            faults.append(f"{quiz.where()}: no explanation after the options")
        for other in seen.values():
            if same_question(quiz, other):
                faults.append(f"{quiz.where()}: same question as {other.where()}")
                break
        seen[quiz.key] = quiz
    return faults


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.ratio() if matcher.quick_ratio() >= 0.5 else 0.0


def same_question(a: Quiz, b: Quiz) -> bool:
    """Two quizzes ask the same thing: the same normalised question, a question
    reworded by a word or two (similarity >= 0.9), or a close question (>= 0.7) with a
    close key (>= 0.55): « Que révèle un NPS élevé ? » / « Que signifie un NPS élevé ? »."""
    qa, qb = normalise(a.question), normalise(b.question)
    if qa == qb:
        return True
    ratio = _ratio(qa, qb)
    if ratio >= 0.9:
        return True
    if ratio < 0.7:
        return False
    ka = normalise(" ".join(a.options[i] for i in a.keys))
    kb = normalise(" ".join(b.options[i] for i in b.keys))
    return _ratio(ka, kb) >= 0.55


def key_is_longest(quiz: Quiz) -> bool:
    """The (single) correct option is strictly longer than every other one."""
    lengths = [len(option.strip()) for option in quiz.options]
    key = quiz.keys[0]
    return all(lengths[key] > n for i, n in enumerate(lengths) if i != key)


def lint_balance(quizzes: list[Quiz], scope: str) -> list[str]:
    """Faults of a set of quizzes (``scope`` names it): keys piled on one position, or
    the key too often the longest option. Only single-answer quizzes count."""
    singles = [q for q in quizzes if q.single and len(q.options) > 1]
    if not singles:
        return []
    faults = []
    positions = Counter(q.keys[0] for q in singles)
    for position, count in sorted(positions.items()):
        share = count / len(singles)
        if share > MAX_POSITION_SHARE:
            on_it = [q for q in singles if q.keys[0] == position]
            faults.append(
                f"{scope}: the key is option {position + 1} in {count} of {len(singles)} "
                f"single-answer quizzes ({share:.0%} > {MAX_POSITION_SHARE:.0%}); "
                f"move some of: " + "; ".join(q.where() for q in on_it)
            )
    longest = [q for q in singles if key_is_longest(q)]
    share = len(longest) / len(singles)
    if share > MAX_LONGEST_SHARE:
        faults.append(
            f"{scope}: the key is the longest option in {len(longest)} of {len(singles)} "
            f"single-answer quizzes ({share:.0%} > {MAX_LONGEST_SHARE:.0%}); "
            f"lengthen the distractors of: " + "; ".join(q.where() for q in longest)
        )
    return faults


def lint(quizzes: list[Quiz], scope: str = "site") -> list[str]:
    """Every fault: single quizzes, then balance over ``scope`` and over each part."""
    return lint_each(quizzes) + lint_parts(quizzes, scope)


def lint_parts(quizzes: list[Quiz], scope: str = "site") -> list[str]:
    """Balance faults over all of ``quizzes`` (named ``scope``) and over each part."""
    faults = lint_balance(quizzes, scope)
    parts = sorted({q.part for q in quizzes})
    if len(parts) > 1:
        for part in parts:
            faults += lint_balance([q for q in quizzes if q.part == part], f"part {part or '/'}")
    return faults


# --- glossary ------------------------------------------------------------------------

LINK = re.compile(r"\s*\[Voir le chapitre\]\((?P<target>[^)\s]+)\)\s*$")


@dataclass
class Term:
    """One entry of the glossary."""

    term: str
    definition: str  # Markdown, without the « Voir le chapitre » link
    target: str  # the link's target, relative to docs/ (``page.md#anchor``), or ""
    line: int

    @property
    def part(self) -> str:
        return self.target.split("/")[0] if "/" in self.target else ""

    @property
    def part_title(self) -> str:
        return PARTS.get(self.part, "Autres pages")

    @property
    def url(self) -> str:
        """The target as a site address relative to the root (directory URLs)."""
        if not self.target:
            return ""
        page, _, anchor = self.target.partition("#")
        page = page[: -len(".md")]
        page = (
            ""
            if page == "index"
            else (page[: -len("index")] if page.endswith("/index") else page + "/")
        )
        return page + (f"#{anchor}" if anchor else "")


def parse_glossary(path: str | Path) -> list[Term]:
    """The entries of a ``def_list`` glossary.

    Each is ``Term`` then ``:   Definition [Voir le chapitre](page.md#anchor)``.

    A definition may run on indented lines under its ``:`` line.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    terms = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(":") and i > 0 and lines[i - 1].strip():
            term = lines[i - 1].strip()
            body = [line[1:].strip()]
            j = i + 1
            while j < len(lines) and lines[j].startswith("    ") and lines[j].strip():
                body.append(lines[j].strip())
                j += 1
            text = " ".join(body)
            match = LINK.search(text)
            target = match.group("target") if match else ""
            definition = text[: match.start()].strip() if match else text
            terms.append(Term(term, definition, target, i))
            i = j
        else:
            i += 1
    return terms
