"""Words we avoid: every page's prose is checked against one list of terms while the build
writes it.

The list is ``_data/terminology.yaml`` (schema: ``onebyone.data.terminology``). Every page's
prose (``onebyone.checks.prose``: not code, not addresses) is searched for each form, as whole
words in any case. A match is a warning, which the strict build turns into a failure::

    handbook/travel/x.md:12: WARNING: 'child pornography': write 'child sexual abuse material'
    instead. The old term is not centred on the victim. ... Fix: If you name it on purpose ...

A page may name a term on purpose only with markup, never by guesswork:

- ``{avoid}`term``` for a term named as one we avoid (shown in quotation marks);
- ``{formal-name}`name``` for the formal name of a law, treaty or organisation, kept as written;
- in ``references.bib``, ``keywords = {formal-name}`` on an entry whose title is the formal name
  of a law (such as the Optional Protocol's), which lets its bibliography entry keep the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.checks import prose
from onebyone.data.terminology import Term, Terminology, check, normal

# Marked on purpose: {avoid}`...` and {formal-name}`...` (onebyone.content.components).
DELIBERATE = frozenset({"avoided-term", "formal-name"})
BIB_FORMAL_NAME = "formal-name"  # in an entry's keywords field in references.bib


@dataclass(frozen=True)
class Match:
    start: int
    found: str
    term: Term


class Matcher:
    """Finds every avoided form in a text, as whole words, in any case, across line breaks."""

    def __init__(self, terminology: Terminology) -> None:
        self.terms = {
            normal(p): term for term in terminology.terms if term.check for p in term.avoid
        }
        # Longest first, so "child prostitutes" wins over "child prostitute".
        forms = sorted(self.terms, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
        self.regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[Match]:
        return [
            Match(m.start(), m.group(0), self.terms[normal(m.group(0))])
            for m in self.regex.finditer(text)
        ]


def message(match: Match) -> tuple[str, str]:
    """What is wrong with a match, and the fix."""
    found = " ".join(match.found.split())
    also = match.term.write[1:]
    others = f" (or {', '.join(repr(w) for w in also)})" if also else ""
    return (
        f"'{found}': write '{match.term.write[0]}' instead{others}. {match.term.reason}",
        f"If you name it on purpose, mark it: {{avoid}}`{found}`, or {{formal-name}}`...` "
        "around the formal name of a law (docs/checks.md).",
    )


_matchers: dict[int, tuple[Terminology, Matcher]] = {}


def _matcher(terminology: Terminology) -> Matcher:
    """One matcher per loaded list (the regex is built once, not once per page)."""
    if id(terminology) not in _matchers:
        _matchers.clear()
        _matchers[id(terminology)] = (terminology, Matcher(terminology))
    return _matchers[id(terminology)][1]


def _load(app: Sphinx) -> None:
    path = (Path(app.srcdir) / app.config.onebyone_terminology_file).resolve()
    terminology = core.load_data_file(path, check, core.Warnings.TERMINOLOGY)
    core.data(app.env).terminology = terminology


def formal_name_citations(env) -> set[str]:
    """Ids of the bibliography entries whose ``keywords`` field says ``formal-name``."""
    try:
        citations = env.get_domain("cite").citations
    except ExtensionError:  # sphinxcontrib-bibtex is not loaded: no bibliography to read
        return set()
    return {
        citation.citation_id
        for citation in citations
        if BIB_FORMAL_NAME
        in [k.strip() for k in citation.entry.fields.get("keywords", "").split(",")]
    }


def deliberate(env) -> Callable[[prose.Passage], bool]:
    """Whether a passage is marked as a deliberate mention: by the classes around it, or by
    the keywords of the bibliography entry it sits in."""
    domain = core.data(env)
    if domain.formal_name_ids is None:  # once per build: the bibliography is read by now
        domain.formal_name_ids = frozenset(formal_name_citations(env))
    formal_ids = domain.formal_name_ids

    def marked(passage: prose.Passage) -> bool:
        return bool(DELIBERATE & passage.classes or formal_ids & passage.citations)

    return marked


def _check_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not core.in_english(app, doctree):
        return  # an English word list: other languages are not judged by it
    terminology = core.data(app.env).terminology
    if terminology is None:
        return  # the list has problems, reported when it was loaded; the build fails on them
    matcher = _matcher(terminology)
    marked = deliberate(app.env)
    for passage in prose.page_passages(app.env, doctree):
        if marked(passage):
            continue
        for match in matcher.find(passage.text):
            source = passage.source or app.env.doc2path(docname)
            line = passage.line_at(match.start) or 0
            core.warn(
                core.Warnings.TERMINOLOGY,
                core.Problem(line, *message(match)),
                location=f"{core.shown_path(source)}:{line}",
            )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")
    app.add_config_value("onebyone_terminology_file", "_data/terminology.yaml", "env", types=[str])
    app.connect("builder-inited", _load)
    app.connect("doctree-resolved", _check_page)
    return core.PARALLEL_SAFE
