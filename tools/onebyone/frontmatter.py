"""Page metadata: every page's front matter is checked against one schema while Sphinx reads it.

A page starts with::

    ---
    description: One or two sentences for search results and link previews.
    audience: [parents-and-carers, educators]
    reviewed: 2026-11-24
    review-due: 2027-11-24
    ---

A missing or wrong field is reported as a warning located at the file and line, with the line
to write instead; the strict build (``-W``) turns it into a failure. The extension also writes
the description into ``<meta name="description">`` and adds "Last reviewed ... · Next review
due ..." near the foot of every page, on screen and in print.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Annotated, Any, Literal, get_args

from docutils import nodes
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from onebyone import yamllines

logger = logging.getLogger(__name__)

Audience = Literal[
    "everyone",
    "parents-and-carers",
    "educators",
    "young-people",
    "travellers",
    "professionals",
    "facilitators",
    "contributors",
]
AUDIENCES: tuple[str, ...] = get_args(Audience)

EXAMPLE = """---
description: One or two sentences saying what this page gives the reader.
audience: [everyone]
reviewed: 2026-11-24
review-due: 2027-11-24
---"""

# What to write instead, per field: shown with every error about that field.
FIELD_FIX = {
    "description": "description: One or two plain sentences on what this page gives the reader.",
    "audience": "audience: [everyone]   (choose one or more of: " + ", ".join(AUDIENCES) + ")",
    "reviewed": "reviewed: 2026-11-24   (the date this page was last checked, as YYYY-MM-DD)",
    "review-due": "review-due: 2027-11-24   (a date after 'reviewed', as YYYY-MM-DD)",
}


class PageMeta(BaseModel):
    """The front matter every handbook and contributor-guide page must have."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: Annotated[str, Field(min_length=30, max_length=300)]
    audience: Annotated[list[Audience], Field(min_length=1)]
    reviewed: date
    review_due: date = Field(alias="review-due")

    @field_validator("audience", mode="before")
    @classmethod
    def _one_audience_may_be_written_bare(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("description")
    @classmethod
    def _at_most_two_sentences(cls, value: str) -> str:
        sentences = [s for s in value.replace("?", ".").replace("!", ".").split(". ") if s.strip()]
        if len(sentences) > 2:
            raise ValueError("keep the description to one or two sentences")
        return value

    @model_validator(mode="after")
    def _review_due_after_reviewed(self) -> PageMeta:
        if self.review_due <= self.reviewed:
            raise ValueError("'review-due' must be a date after 'reviewed'")
        return self


class FrontMatterProblem(Exception):
    """One problem with a page's front matter, with the line it is on and how to fix it."""

    def __init__(
        self, line: int, message: str, fix: str, *, missing: str = "", meant: str = ""
    ) -> None:
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix
        self.missing, self.meant = missing, meant  # field names, to merge "typo" and "missing"

    def __str__(self) -> str:
        return f"front matter: {self.message}. Fix: {self.fix}"


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML between the opening and closing ``---`` and the line of the closing one."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:index]), index + 1
    return None


def check_front_matter(text: str) -> tuple[PageMeta | None, list[FrontMatterProblem]]:
    """Validate a page's source text; return its metadata or the problems, each with its line."""
    found = split_front_matter(text)
    if found is None:
        fix = "start the file with these lines, then the page title:\n" + EXAMPLE
        return None, [FrontMatterProblem(1, "this page has no front matter", fix)]
    block, closing_line = found
    try:
        data, line_of = yamllines.load(block)
    except yamllines.YAMLProblem as error:
        fix = "write each field as 'name: value' on its own line, as in:\n" + EXAMPLE
        return None, [
            FrontMatterProblem(error.line + 1, f"could not read it ({error.problem})", fix)
        ]
    if not isinstance(data, dict):
        fix = "write the fields as 'name: value' lines, as in:\n" + EXAMPLE
        return None, [FrontMatterProblem(2, "it must be a list of 'name: value' fields", fix)]

    # Lines in the file: the YAML block starts on line 2, after the opening '---'.
    key_lines = {str(key): line_of([key]) + 1 for key in data}
    try:
        return PageMeta.model_validate(data), []
    except ValidationError as error:
        problems = [_explain(item, key_lines, closing_line) for item in error.errors()]
    # A misspelt field is reported once, as "did you mean", not also as a missing field.
    meant = {p.meant for p in problems if p.meant}
    return None, [p for p in problems if not (p.missing and p.missing in meant)]


def _explain(item: Any, key_lines: dict[str, int], closing_line: int) -> FrontMatterProblem:
    field = str(item["loc"][0]) if item["loc"] else ""
    line = key_lines.get(field, closing_line)
    if item["type"] == "missing":
        fix = f"add the line  {FIELD_FIX[field]}"
        return FrontMatterProblem(line, f"'{field}' is missing", fix, missing=field)
    if item["type"] == "extra_forbidden":
        close = difflib.get_close_matches(field, FIELD_FIX, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "remove it"
        allowed = ", ".join(FIELD_FIX)
        message = f"'{field}' is not a field we use (we use {allowed})"
        return FrontMatterProblem(line, message, fix, meant=close[0] if close else "")
    if not field:  # a rule about several fields: point at the later date
        field, line = "review-due", key_lines.get("review-due", closing_line)
    message = item["msg"].removeprefix("Value error, ")
    got = item.get("input")
    wrote = f" (you wrote {got!r})" if got is not None and not isinstance(got, dict) else ""
    return FrontMatterProblem(line, f"'{field}': {message}{wrote}", f"write  {FIELD_FIX[field]}")


def _check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname in app.config.onebyone_frontmatter_exempt:
        return
    meta, problems = check_front_matter(source[0])
    for problem in problems:
        logger.warning(
            str(problem), location=(docname, problem.line), type="onebyone", subtype="front-matter"
        )
    if meta is not None:
        app.env.onebyone_reviewed_dates[docname] = (meta.reviewed, meta.review_due)


def format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _add_review_line(app: Sphinx, doctree: nodes.document) -> None:
    """Append "Last reviewed ... · Next review due ..." to the page, before any trailing toctree."""
    dates = app.env.onebyone_reviewed_dates.get(app.env.docname)
    section = doctree.next_node(nodes.section)
    if dates is None or section is None:
        return
    reviewed, due = dates
    text = f"Last reviewed {format_day(reviewed)} · Next review due {format_day(due)}"
    line = nodes.paragraph(text, text, classes=["page-review"])
    children = list(section.children)
    position = len(children)
    while position and "toctree-wrapper" in children[position - 1].get("classes", []):
        position -= 1
    section.insert(position, line)


def _add_meta_description(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    description = app.env.metadata.get(pagename, {}).get("description")
    # Pages Sphinx makes itself (search, index) have no front matter: they get the site's own
    # description from conf.py, so search engines show something true for them too.
    if not description and pagename not in app.env.all_docs:
        description = app.config.onebyone_site_description
        context.setdefault("metatags", "")
    if description and "metatags" in context:
        escaped = str(description).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        context["metatags"] += f'\n    <meta name="description" content="{escaped}" />'


def _init_env(app: Sphinx, env, docnames) -> None:
    if not hasattr(env, "onebyone_reviewed_dates"):
        env.onebyone_reviewed_dates = {}


def _purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "onebyone_reviewed_dates", {}).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    for docname in docnames:
        if docname in other.onebyone_reviewed_dates:
            env.onebyone_reviewed_dates[docname] = other.onebyone_reviewed_dates[docname]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_frontmatter_exempt", [], "env", types=[list])
    app.add_config_value("onebyone_site_description", "", "html", types=[str])
    app.connect("env-before-read-docs", _init_env)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("source-read", _check_source)
    app.connect("doctree-read", _add_review_line)
    # Before sphinxext-opengraph (priority 500), so it sees our description and adds no other.
    app.connect("html-page-context", _add_meta_description, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
