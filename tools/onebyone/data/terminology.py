"""Words we avoid, as data: the schema of ``_data/terminology.yaml`` and its check.

The file lists the terms the handbook avoids (after the Luxembourg Terminology Guidelines of
2016 and what survivors have said) and its own spellings ("helpline", not "help line"). Each
entry has the forms to catch, what to write instead, the reason, and its sources. ``check(text)``
validates it (an unknown or missing field fails, with the line) and refuses a form listed twice.
The page check is ``onebyone.checks.terminology``; the table on the words-we-use page is
``onebyone.content.terminology``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from onebyone.core import Problem, explain_validation
from onebyone.data import yamllines

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2)]
GROUPS = ("survivor-centred", "house-style")
Group = Literal["survivor-centred", "house-style"]


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
        return None, [yamllines.problem(error)]
    try:
        terminology = Terminology.model_validate(data)
    except ValidationError as error:
        return None, explain_validation(
            error, line_of, FIELD_HELP, docs="docs/checks.md", fields=Term.model_fields
        )
    problems = []
    seen: dict[str, int] = {}
    for t, term in enumerate(terminology.terms):
        for a, phrase in enumerate(term.avoid):
            key = normal(phrase)
            line = line_of(["terms", t, "avoid", a])
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        f"'{phrase}' is listed twice (also in the entry on line {seen[key]})",
                        "keep it in one entry",
                    )
                )
            seen.setdefault(key, line_of(["terms", t]))
        for s, phrase in enumerate(term.shown):
            if not any(normal(p) in normal(phrase) for p in term.avoid):
                problems.append(
                    Problem(
                        line_of(["terms", t, "shown", s]),
                        f"'{phrase}' is shown but holds none of this entry's 'avoid' forms",
                        "add it to 'avoid', or show one of the forms listed there",
                    )
                )
    return (None if problems else terminology), problems


def normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())
