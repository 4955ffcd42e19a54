"""Page metadata: the front matter every page starts with, as a schema.

A page starts with::

    ---
    description: One or two sentences for search results and link previews.
    audience: [parents-and-carers, educators]
    reviewed: 2026-11-24
    review-due: 2027-11-24
    ---

``check_front_matter(text)`` returns the page's ``PageMeta`` and the line of each key, or its
problems, each with the line to fix and the line to write instead.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from onebyone.core import Problem
from onebyone.data import yamllines

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
    "safeguarding-reviewed": "safeguarding-reviewed: {date: 2027-01-15, by: designated "
    "safeguarding lead}   (optional: the reviewer's role, never a name)",
}


class SafeguardingReview(BaseModel):
    """A review of the page by someone with safeguarding training: when, and in what role."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    date: date
    by: Annotated[str, Field(min_length=3, max_length=80)]


class PageMeta(BaseModel):
    """The front matter every handbook and contributor-guide page must have."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: Annotated[str, Field(min_length=30, max_length=300)]
    audience: Annotated[list[Audience], Field(min_length=1)]
    reviewed: date
    review_due: date = Field(alias="review-due")
    safeguarding_reviewed: SafeguardingReview | None = Field(
        default=None, alias="safeguarding-reviewed"
    )

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

    @field_validator("safeguarding_reviewed")
    @classmethod
    def _not_in_the_future(cls, value: SafeguardingReview | None) -> SafeguardingReview | None:
        if value is not None and value.date > date.today():
            raise ValueError("a safeguarding review cannot be dated in the future")
        return value


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML between the opening and closing ``---`` and the line of the closing one."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:index]), index + 1
    return None


def check_front_matter(text: str) -> tuple[PageMeta | None, dict[str, int], list[Problem]]:
    """Validate a page's source text: its metadata and the line of each key, or its problems."""
    found = split_front_matter(text)
    if found is None:
        fix = "start the file with these lines, then the page title:\n" + EXAMPLE
        return None, {}, [Problem(1, "this page has no front matter", fix)]
    block, closing_line = found
    try:
        data, line_of = yamllines.load(block)
    except yamllines.YAMLProblem as error:
        fix = "write each field as 'name: value' on its own line, as in:\n" + EXAMPLE
        where = f"on or above line {error.line + 1}: " if error.line > 1 else ""
        return (
            None,
            {},
            [Problem(error.line + 1, f"could not read it, {where}{error.problem}", fix)],
        )
    if not isinstance(data, dict):
        fix = "write the fields as 'name: value' lines, as in:\n" + EXAMPLE
        return None, {}, [Problem(2, "it must be a list of 'name: value' fields", fix)]

    # Lines in the file: the YAML block starts on line 2, after the opening '---'.
    key_lines = {str(key): line_of([key]) + 1 for key in data}
    try:
        return PageMeta.model_validate(data), key_lines, []
    except ValidationError as error:
        explained = [_explain(item, key_lines, closing_line) for item in error.errors()]
    # A misspelt field is reported once, as "did you mean", not also as a missing field.
    meant = {m for _, _, m in explained if m}
    return None, key_lines, [p for p, missing, _ in explained if not (missing and missing in meant)]


def _explain(item: Any, key_lines: dict[str, int], closing_line: int) -> tuple[Problem, str, str]:
    """One pydantic error as a Problem, with the field it says is missing and the field a
    misspelt name probably meant (so that one typo is not also reported as a missing field)."""
    field = str(item["loc"][0]) if item["loc"] else ""
    line = key_lines.get(field, closing_line)
    inner = [str(step) for step in item["loc"][1:] if isinstance(step, str)]
    if inner:  # a field inside a field: safeguarding-reviewed's date or by
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = f"'{inner[-1]}' is missing"
        elif item["type"] == "extra_forbidden":
            message = f"'{inner[-1]}' is not a field we use"
        return Problem(line, f"'{field}': {message}", f"write  {FIELD_FIX[field]}"), "", ""
    if item["type"] == "missing":
        return (
            Problem(line, f"'{field}' is missing", f"add the line  {FIELD_FIX[field]}"),
            field,
            "",
        )
    if item["type"] == "extra_forbidden":
        close = difflib.get_close_matches(field, FIELD_FIX, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "remove it"
        allowed = ", ".join(FIELD_FIX)
        message = f"'{field}' is not a field we use (we use {allowed})"
        return Problem(line, message, fix), "", close[0] if close else ""
    if not field:  # a rule about several fields: point at the later date
        field, line = "review-due", key_lines.get("review-due", closing_line)
    message = item["msg"].removeprefix("Value error, ")
    got = item.get("input")
    wrote = f" (you wrote {got!r})" if got is not None and not isinstance(got, dict) else ""
    return Problem(line, f"'{field}': {message}{wrote}", f"write  {FIELD_FIX[field]}"), "", ""


def format_day(day: date) -> str:
    """A date as a reader reads it: 3 December 2026."""
    return f"{day.day} {day:%B %Y}"
