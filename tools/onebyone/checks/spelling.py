"""Spelling: every page is checked for common misspellings and for US spellings while it is built.

Both lists come from codespell's own data, so they are kept by the people who keep codespell:

- ``dictionary.txt``: common misspellings and their fixes (letters swapped, doubled or left out);
- ``dictionary_en-GB_to_en-US.txt``: UK spellings and their US forms ("organise" ->
  "organize"), read backwards, because the handbook is written in UK English. A few US forms
  are also correct UK English ("practice" the noun, "licence" the noun against "license" the
  verb, "story", "meter"); ``ALSO_UK`` leaves them out.

The check reads each page's prose (``onebyone.prose``: not code, not addresses), word by word.
A problem is a warning, which the strict build turns into a failure::

    handbook/get-help/x.md:7: WARNING: 'organize' is US spelling: write 'organise'. ...

A word that is right where it stands passes in one of three ways:

- ``{formal-name}`National Center for ...``` around a name kept as its owner writes it (the
  terminology check honours the same markup);
- a line in ``handbook/_data/spelling-allow.txt``: a single word is allowed everywhere (a name
  codespell mistakes for a typo); a phrase with spaces is allowed only as that phrase (a name
  that recurs, such as a US organisation's, and appears in the helpline data too). A line
  starting with ``#`` is a comment: each entry has one saying why. The ``codespell`` command
  reads the same file (``.codespellrc``), so the two agree;
- a source's entry in the bibliography keeps the spelling of the original, so US forms there
  pass (misspellings are still reported).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.checks import prose

# US forms in codespell's UK-to-US list that are also correct UK English, so never flagged.
ALSO_UK = frozenset(
    {
        "practice", "practices",  # the UK noun
        "license", "licensed", "licenses", "licensing",  # the UK verb
        "program", "programs",  # a computer program, in UK English too
        "story", "stories",  # a tale (UK "storey" is a floor)
        "meter", "meters",  # a measuring device
        "judgment", "judgments",  # UK legal usage
        "acknowledgment", "acknowledgments",
        "focused", "focuses", "focusing", "refocused", "refocuses", "refocusing",
        "biased", "routing", "lambaste", "lambastes", "writable", "overwritable",
        "analog",  # as in analogue clocks, but also the usual UK technical term
    }
)  # fmt: skip
# Letters, with apostrophes or hyphens inside ("don't", "well-being"); a token with a digit
# ("2nd", "G7") is not a word.
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w-])")
SKIP_MARKED = frozenset({"formal-name", "avoided-term"})


@dataclass(frozen=True)
class Misspelling:
    word: str
    fixes: list[str]
    us: bool  # a US spelling, where the fix is the UK form

    def message(self, allow_file: str) -> tuple[str, str]:
        """What is wrong, and the fix."""
        fix = " or ".join(f"'{f}'" for f in self.fixes)
        if self.us:
            return (
                f"'{self.word}' is US spelling: write {fix}",
                "if it is part of a name (a US organisation, law or title), mark the name "
                f"{{formal-name}}`...`, or add the name to {allow_file} with a comment saying why.",
            )
        return (
            f"'{self.word}' looks misspelt: write {fix}",
            f"if '{self.word}' is right here (a name, or a word in another language), add it "
            f"to {allow_file} with a comment saying why.",
        )


def _codespell_data(name: str) -> str:
    return resources.files("codespell_lib").joinpath("data", name).read_text("utf-8")


@cache
def misspellings() -> dict[str, list[str]]:
    """codespell's common misspellings, lower case: the wrong word -> its fixes."""
    table = {}
    for line in _codespell_data("dictionary.txt").splitlines():
        wrong, _, fixes = line.partition("->")
        parts = [p.strip() for p in fixes.split(",") if p.strip()]
        if "," in fixes and not fixes.rstrip().endswith(","):
            parts = parts[:-1]  # the last part is codespell's reason for not fixing it
        if parts:
            table[wrong.strip().lower()] = parts
    return table


@cache
def us_to_uk() -> dict[str, str]:
    """codespell's UK-to-US list read backwards: a US form -> the UK form."""
    table = {}
    for line in _codespell_data("dictionary_en-GB_to_en-US.txt").splitlines():
        uk, _, us = line.partition("->")
        us = us.strip().lower()
        if us and us not in ALSO_UK:
            table.setdefault(us, uk.strip().lower())
    return table


@dataclass(frozen=True)
class Allowed:
    """The project's allow list: single words allowed everywhere, phrases only as phrases."""

    words: frozenset[str]
    phrases: re.Pattern[str] | None
    # What check_text found in each word it has met, by (word, whether US forms count).
    memo: dict[tuple[str, bool], tuple] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Allowed:
        entries = [line.strip() for line in lines]
        entries = [e for e in entries if e and not e.startswith("#")]
        words = frozenset(e.lower() for e in entries if " " not in e)
        phrases = [e for e in entries if " " in e]
        pattern = "|".join(
            r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)
        )
        return cls(words, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if phrases else None)

    def mask(self, text: str) -> str:
        if self.phrases is None:
            return text
        return self.phrases.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)


def _same_case(fix: str, word: str) -> str:
    if word.isupper() and len(word) > 1:
        return fix.upper()
    return fix[:1].upper() + fix[1:] if word[:1].isupper() else fix


def check_text(text: str, allowed: Allowed, us: bool = True) -> list[tuple[int, Misspelling]]:
    """Each problem in ``text``: its offset and what to write. ``us=False`` skips US forms.

    Like codespell, a hyphenated word ("well-being") is looked up whole for misspellings; its
    parts are looked up for US forms too, so "well-organized" is caught."""
    found = []
    memo = allowed.memo
    for match in WORD.finditer(allowed.mask(text)):
        word = match.group(0)
        problems = memo.get((word, us))
        if problems is None:  # each word once: the same words recur on every page
            problems = memo[(word, us)] = _check_word(word, allowed, us)
        if problems:
            start = match.start()
            found.extend((start + offset, problem) for offset, problem in problems)
    return found


def _check_word(word: str, allowed: Allowed, us: bool) -> tuple[tuple[int, Misspelling], ...]:
    """The problems in one word, each with its offset in the word."""
    lower = word.lower().replace("’", "'")
    if lower in allowed.words:
        return ()
    if lower in misspellings():
        fixes = [_same_case(f, word) for f in misspellings()[lower]]
        return ((0, Misspelling(word, fixes, us=False)),)
    if not us:
        return ()
    found = []
    offset = 0
    for part in word.split("-"):
        uk = us_to_uk().get(part.lower())
        if uk and part.lower() not in allowed.words:
            found.append((offset, Misspelling(part, [_same_case(uk, part)], us=True)))
        offset += len(part) + 1
    return tuple(found)


def _allow_file(app: Sphinx) -> Path:
    return (Path(app.srcdir) / app.config.onebyone_spelling_allow_file).resolve()


@cache
def _allowed(path: Path, modified: float) -> Allowed:
    """The allow list, read once per version of the file (``modified`` is its time stamp)."""
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    return Allowed.parse(lines)


def _check_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not core.in_english(app, doctree):
        return  # an English word list: other languages are not judged by it
    path = _allow_file(app)
    allowed = _allowed(path, path.stat().st_mtime if path.exists() else 0.0)
    shown = str(core.shown_path(path))

    for passage in prose.page_passages(app.env, doctree):
        if SKIP_MARKED & passage.classes:
            continue  # a name kept as its owner writes it, or a deliberate mention
        # A source's entry in the bibliography keeps the original's spelling.
        us = not passage.in_citation
        for offset, problem in check_text(passage.text, allowed, us=us):
            source = passage.source or app.env.doc2path(docname)
            line = passage.line_at(offset) or 0
            core.warn(
                core.Warnings.SPELLING,
                core.Problem(line, *problem.message(shown)),
                location=f"{core.shown_path(source)}:{line}",
            )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")
    app.add_config_value(
        "onebyone_spelling_allow_file", "_data/spelling-allow.txt", "env", types=[str]
    )
    app.connect("doctree-resolved", _check_page)
    return core.PARALLEL_SAFE
