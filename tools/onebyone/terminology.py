"""Words we avoid: every page is checked against one list of terms while the build writes it.

``handbook/_data/terminology.yaml`` lists the terms the handbook avoids (after the Luxembourg
Terminology Guidelines of 2016 and what survivors have said) and its own spellings ("helpline",
not "help line"). Each entry has the forms to catch, what to write instead, the reason, and its
sources. The file is checked against the pydantic models below (an unknown or missing field
fails, with the file and line).

Every page's prose (``onebyone.prose``: not code, not addresses) is searched for each form, as
whole words in any case. A match is a warning, which the strict build turns into a failure::

    handbook/travel/x.md:12: WARNING: "child pornography": write "child sexual abuse material"
    instead. The old term is not centred on the victim. ...

A page may name a term on purpose only with markup, never by guesswork:

- ``{avoid}`term``` for a term named as one we avoid (shown in quotation marks);
- ``{formal-name}`name``` for the formal name of a law, treaty or organisation, kept as written;
- in ``references.bib``, ``keywords = {formal-name}`` on an entry whose title is the formal name
  of a law (such as the Optional Protocol's), which lets its bibliography entry keep the words.

The ``{terminology-table}`` directive renders the entries of one group as the table on the
words-we-use page, so the words are written once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import prose, yamllines

logger = logging.getLogger(__name__)

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2)]
GROUPS = ("survivor-centred", "house-style")
Group = Literal["survivor-centred", "house-style"]
# Marked on purpose: {avoid}`...` and {formal-name}`...` (onebyone.components).
DELIBERATE = frozenset({"avoided-term", "formal-name"})
BIB_FORMAL_NAME = "formal-name"  # in an entry's keywords field in references.bib


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    avoid: Annotated[list[Phrase], Field(min_length=1)]
    shown: list[Phrase] = []
    write: Annotated[list[Phrase], Field(min_length=1)]
    reason: Phrase
    cite: list[str] = []
    group: Group
    # False: shown in the table but not searched, because the words have innocent uses, such as
    # a myth quoted in order to correct it.
    check: bool = True


class Terminology(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    terms: Annotated[list[Term], Field(min_length=1)]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


FIELD_HELP = {
    "avoid": "avoid: [child pornography, child porn] (the forms to catch)",
    "write": "write: [child sexual abuse material] (what to write instead)",
    "reason": "reason: One or two plain sentences saying why.",
    "group": "group: survivor-centred (or house-style, for our own spellings)",
    "cite": "cite: [key-in-references-bib]",
    "shown": "shown: [child prostitute] (the forms the table shows)",
    "check": "check: false (only for words with innocent uses; the table still shows them)",
}


def check(text: str) -> tuple[Terminology | None, list[Problem]]:
    """Validate the terminology data; return it, or the problems with their lines and fixes."""
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [
            Problem(
                error.line,
                f"the file is not valid YAML ({error.problem}). Fix: check the indentation and "
                "the quotes on that line",
            )
        ]
    try:
        terminology = Terminology.model_validate(data)
    except ValidationError as error:
        return None, [_explain(item, line_of) for item in error.errors()]
    problems = []
    seen: dict[str, int] = {}
    for t, term in enumerate(terminology.terms):
        for a, phrase in enumerate(term.avoid):
            key = _normal(phrase)
            line = line_of(["terms", t, "avoid", a])
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        f"'{phrase}' is listed twice (also in the entry on line {seen[key]}). "
                        "Fix: keep it in one entry",
                    )
                )
            seen.setdefault(key, line_of(["terms", t]))
        for s, phrase in enumerate(term.shown):
            if not any(_normal(p) in _normal(phrase) for p in term.avoid):
                problems.append(
                    Problem(
                        line_of(["terms", t, "shown", s]),
                        f"'{phrase}' is shown but holds none of this entry's 'avoid' forms. Fix: "
                        "add it to 'avoid', or show one of the forms listed there",
                    )
                )
    return (None if problems else terminology), problems


def _explain(item: dict, line_of) -> Problem:
    loc = list(item["loc"])
    field = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
    if item["type"] == "missing":
        help_ = FIELD_HELP.get(field, field + ": ...")
        return Problem(line_of(loc[:-1]), f"'{field}' is missing. Fix: add  {help_}")
    if item["type"] == "extra_forbidden":
        return Problem(
            line_of(loc),
            f"'{field}' is not a field we use. Fix: remove it, or correct its spelling "
            f"(the fields are: {', '.join(Term.model_fields)})",
        )
    message = item["msg"].removeprefix("Value error, ")
    help_ = f"write  {FIELD_HELP[field]}" if field in FIELD_HELP else "see docs/checks.md"
    return Problem(line_of(loc), f"'{field}': {message}. Fix: {help_}")


def _normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())


@dataclass(frozen=True)
class Match:
    start: int
    found: str
    term: Term


class Matcher:
    """Finds every avoided form in a text, as whole words, in any case, across line breaks."""

    def __init__(self, terminology: Terminology) -> None:
        self.terms = {
            _normal(p): term for term in terminology.terms if term.check for p in term.avoid
        }
        # Longest first, so "child prostitutes" wins over "child prostitute".
        forms = sorted(self.terms, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
        self.regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[Match]:
        return [
            Match(m.start(), m.group(0), self.terms[_normal(m.group(0))])
            for m in self.regex.finditer(text)
        ]


def message(match: Match) -> str:
    found = " ".join(match.found.split())
    also = match.term.write[1:]
    others = f" (or {', '.join(repr(w) for w in also)})" if also else ""
    return (
        f"'{found}': write '{match.term.write[0]}' instead{others}. {match.term.reason} "
        f"If you name it on purpose, mark it: {{avoid}}`{found}`, or {{formal-name}}`...` "
        "around the formal name of a law (docs/checks.md)."
    )


# --- Sphinx -----------------------------------------------------------------------------------


def _load(app: Sphinx) -> None:
    path = (Path(app.srcdir) / app.config.onebyone_terminology_file).resolve()
    shown = _shown(path)
    if not path.exists():
        raise ExtensionError(
            f"No terminology file at {shown}. Fix: create it, or set onebyone_terminology_file "
            "in conf.py to where it is."
        )
    terminology, problems = check(path.read_text("utf-8"))
    for problem in problems:
        logger.warning(
            problem.message,
            location=f"{shown}:{problem.line}",
            type="onebyone",
            subtype="terminology",
        )
    if terminology is None:
        raise ExtensionError(
            f"{len(problems)} problem(s) in {shown}, listed above. The build stops because it "
            "cannot check the handbook's words without this list."
        )
    app.onebyone_terminology = terminology
    app.onebyone_terminology_matcher = Matcher(terminology)


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


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


def deliberate(env) -> Callable[[nodes.Element], bool]:
    """Whether an element is marked as a deliberate mention."""
    formal_ids = formal_name_citations(env)

    def marked(element: nodes.Element) -> bool:
        if DELIBERATE & set(element.get("classes", ())):
            return True
        return isinstance(element, nodes.citation) and bool(formal_ids & set(element["ids"]))

    return marked


def _check_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    matcher: Matcher = app.onebyone_terminology_matcher
    for passage in prose.passages(doctree, deliberate(app.env)):
        for match in matcher.find(passage.text):
            source = passage.source or app.env.doc2path(docname)
            logger.warning(
                message(match),
                location=f"{_shown(Path(source))}:{passage.line_at(match.start) or 0}",
                type="onebyone",
                subtype="terminology",
            )


def table_text(terminology: Terminology, group: str) -> str:
    """The MyST table of one group's terms: what we avoid, what we say, and why."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = ["| Instead of | We say | Why |", "|---|---|---|"]
    for term in terminology.terms:
        if term.group != group:
            continue
        avoided = ", ".join(f"{{avoid}}`{p}`" for p in (term.shown or term.avoid[:1]))
        write = "; ".join(term.write)
        cite = f" {{cite:p}}`{','.join(term.cite)}`" if term.cite else ""
        why = term.reason.rstrip(".") + cite + "."
        rows.append(f"| {avoided} | {cell(write)} | {cell(why)} |")
    return "\n".join(rows) + "\n"


class TerminologyTableDirective(SphinxDirective):
    """``{terminology-table}``: the table of avoided terms in one group, from the data file."""

    has_content = False
    option_spec = {"group": lambda value: directives.choice(value, list(GROUPS))}

    def run(self) -> list[nodes.Node]:
        terminology = self.env.app.onebyone_terminology
        group = self.options.get("group", "survivor-centred")
        # Re-read the page when the data changes, so the table follows the file.
        self.env.note_dependency(str(Path(self.env.srcdir) / self.config.onebyone_terminology_file))
        container = nodes.container(classes=["terminology-table"])
        self.set_source_info(container)
        container += self.parse_text_to_nodes(table_text(terminology, group))
        return [container]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_terminology_file", "_data/terminology.yaml", "env", types=[str])
    app.add_directive("terminology-table", TerminologyTableDirective)
    app.connect("builder-inited", _load)
    app.connect("doctree-resolved", _check_page)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
