"""The handbook's languages, as data: the schema of ``_data/languages.yaml``, and the
completeness of each language's catalogues (``locales/<code>/LC_MESSAGES/<page>.po``).

Pure functions, no Sphinx: ``check(text)`` validates the file; ``page_counts`` reads one
catalogue with Babel; ``completeness`` builds the table per language and page;
``released`` applies the release rule (every page of the safety core complete).
The site part is ``onebyone.site.languages``; the guide is ``docs/translate.md``.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from babel.messages.pofile import read_po
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from onebyone.core import Problem, explain_validation
from onebyone.data import yamllines

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]
STRINGS = (
    "switcher",
    "draft",
    "out-of-date",
    "not-translated",
    "reviewed",
    "english",
    "how-to-review",
)


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    status: Literal["draft", "reviewed"]
    # A role ("safeguarding lead, native speaker"), never a person's name.
    role: Text | None = None
    date: datetime.date | None = None


class Language(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: Code
    name: Text  # in its own script
    direction: Literal["ltr", "rtl"] = "ltr"
    listed: bool = False
    search: bool = True
    review: dict[str, Review] = {}
    strings: dict[str, Text]
    # The regions (helpline data ids) whose pocket card and poster are also printed in this
    # language, each with the region's name in it: {KH: កម្ពុជា}.
    cards: dict[str, Text] = {}
    # The review of the helpline data's words in this language (its `translations`), as a
    # page's: draft until a fluent reviewer signs them off.
    helplines: Review | None = None


class Languages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    safety_core: Annotated[list[Text], Field(alias="safety-core", min_length=1)]
    languages: list[Language] = []

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.languages if lang.code == code), None)


FIELD_HELP = {
    "code": "code: es (the language's code, as Sphinx's `language`)",
    "name": "name: Español (the language's name in its own script)",
    "strings": "strings: {switcher: ..., draft: ..., ...} (the banner's words in this language)",
    "status": "status: draft (or reviewed, with role: and date:)",
    "cards": "cards: {KH: កម្ពុជា} (a region id in the helpline data: its name in this language)",
    "helplines": "helplines: {status: draft} (the review of the helpline data's words in this "
    "language)",
    "safety-core": "safety-core: [recognise/what-to-do, ...] (page names)",
}


def check(text: str) -> tuple[Languages | None, list[Problem]]:
    """Validate the language data; return it, or the problems with their lines and fixes."""
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [yamllines.problem(error)]
    try:
        languages = Languages.model_validate(data)
    except ValidationError as error:
        return None, explain_validation(
            error, line_of, FIELD_HELP, docs="docs/translate.md", fields=Language.model_fields
        )
    problems = []
    for i, lang in enumerate(languages.languages):
        missing = [key for key in STRINGS if key not in lang.strings]
        if missing:
            problems.append(
                Problem(
                    line_of(["languages", i, "strings"]),
                    f"{lang.code} has no words for {', '.join(missing)}",
                    "add them under strings:, in the language itself",
                )
            )
        reviews = [(["review", page], page, review) for page, review in lang.review.items()]
        if lang.helplines is not None:
            reviews.append((["helplines"], "helpline words", lang.helplines))
        for where, page, review in reviews:
            if review.status == "reviewed" and not (review.role and review.date):
                problems.append(
                    Problem(
                        line_of(["languages", i, *where]),
                        f"{lang.code} {page} is 'reviewed' with no role or date",
                        "add role: (the reviewer's role, never a name) and date: YYYY-MM-DD",
                    )
                )
    return languages, problems


def page_counts(po_file: Path) -> dict[str, int]:
    """Entries in one catalogue: total, translated (not fuzzy), fuzzy and untranslated."""
    counts = {"total": 0, "translated": 0, "fuzzy": 0, "untranslated": 0}
    if not po_file.is_file():
        return counts
    with po_file.open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if not message.id:  # the header
            continue
        counts["total"] += 1
        if message.fuzzy:
            counts["fuzzy"] += 1
        elif message.string and (
            all(message.string) if isinstance(message.string, tuple) else True
        ):
            counts["translated"] += 1
        else:
            counts["untranslated"] += 1
    return counts


def is_complete(counts: dict[str, int]) -> bool:
    return counts["total"] > 0 and counts["translated"] == counts["total"]


def completeness(
    locales: Path, languages: Languages, pages: list[str]
) -> dict[str, dict[str, dict[str, int | str | bool]]]:
    """Per language, per page: the catalogue's counts, complete or not, and review status."""
    table: dict[str, dict[str, dict[str, int | str | bool]]] = {}
    for lang in languages.languages:
        rows: dict[str, dict[str, int | str | bool]] = {}
        for page in pages:
            counts = page_counts(locales / lang.code / "LC_MESSAGES" / f"{page}.po")
            review = lang.review.get(page)
            rows[page] = {
                **counts,
                "complete": is_complete(counts),
                "core": page in languages.safety_core,
                "review": review.status if review else "",
            }
        table[lang.code] = rows
    return table


def released(
    table: dict[str, dict[str, dict[str, int | str | bool]]], core: list[str]
) -> list[str]:
    """The release rule: the languages whose every safety-core page is complete."""
    return [
        code
        for code, rows in table.items()
        if all(rows.get(page, {}).get("complete") for page in core)
    ]


def markdown(
    table: dict[str, dict[str, dict[str, int | str | bool]]],
    core: list[str],
    helplines: dict[str, dict[str, Any]] | None = None,
) -> str:
    """The completeness report for people (build/reports/translations.md); with
    ``helplines``, per language, how many services of each region have words in it."""
    ok = released(table, core)
    lines = ["# Translations", ""]
    lines.append("| Language | Safety core complete | Pages complete | Released |")
    lines.append("|---|---|---|---|")
    for code, rows in table.items():
        core_done = sum(1 for page in core if rows.get(page, {}).get("complete"))
        done = sum(1 for row in rows.values() if row["complete"])
        lines.append(
            f"| {code} | {core_done} / {len(core)} | {done} / {len(rows)} | "
            f"{'yes' if code in ok else 'no'} |"
        )
    for code, rows in table.items():
        lines += [
            "",
            f"## {code}",
            "",
            "| Page | Core | Translated | Fuzzy | Untranslated | Review |",
        ]
        lines.append("|---|---|---|---|---|---|")
        for page, row in rows.items():
            if not row["total"] and not row["core"]:
                continue
            done = f"{row['translated']} / {row['total']}" if row["total"] else "no catalogue"
            lines.append(
                f"| {page} | {'yes' if row['core'] else ''} | {done} "
                f"| {row['fuzzy']} | {row['untranslated']} | {row['review']} |"
            )
    for code, found in (helplines or {}).items():
        lines += ["", f"## {code}: the helpline data's words ({found['review']})", ""]
        lines += ["| Region | Services with words in the language |", "|---|---|"]
        for region, (done, total) in found["regions"].items():
            lines.append(f"| {region} | {done} / {total} |")
    return "\n".join(lines) + "\n"
