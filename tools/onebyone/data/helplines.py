"""Helplines as data: the schema of ``_data/helplines.yaml``, and the check of every number.

``check(text, today, max_age_days)`` validates the file:

- the structure, against the pydantic models below (an unknown or missing field fails);
- every phone and text number, with ``phonenumbers``: a full number must be valid for its
  country, a short code must be a known short or emergency number there. Some real national
  short codes are missing from libphonenumber's metadata (Cambodia's 1280, Thailand's 1387...);
  such a code passes only when its entry says so (``unknown_short_code: true``) with a source,
  and has the shape of a short code (3 to 6 digits);
- every entry's ``checked`` date: more than ``max_age_days`` before today is a problem.

``dial(number, countries)`` gives what to show and the ``tel:``/``sms:`` link that dials it;
``known_numbers(directory)`` maps each number's digits to its ``REGION:service``. Pages show
the data through ``onebyone.content.helplines``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from onebyone.core import Problem, explain_validation
from onebyone.data import yamllines
from onebyone.data.pages import format_day

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Purpose = Literal[
    "emergency",
    "police",
    "trafficking",
    "child-abuse",
    "online-abuse",
    "missing-children",
    "general",
    "crisis",
    "prevention",
    "forced-marriage",
    "child-protection",
]
User = Literal["everyone", "children", "young-people", "adults", "professionals"]
# How each purpose reads after "For": "For suspected trafficking or modern slavery."
PURPOSE_WORDS = {
    "emergency": "a child in immediate danger",
    "police": "telling the police when no one is in immediate danger",
    "trafficking": "suspected trafficking or modern slavery",
    "child-abuse": "worries about a child's safety",
    "online-abuse": "sexual abuse or exploitation online",
    "missing-children": "a missing child",
    "general": "children and young people who need to talk",
    "crisis": "anyone thinking about suicide or self-harm, or in emotional crisis",
    "prevention": "adults worried about their own or someone else's sexual thoughts or behaviour "
    "towards children",
    "forced-marriage": "someone at risk of forced marriage, or anyone worried about them",
    "child-protection": "reporting a worry about a child to the local child-protection service",
}
STRICT = ConfigDict(extra="forbid", frozen=True)


class Number(BaseModel):
    """A number as the operator writes it, and what the library may not know about it."""

    model_config = STRICT
    number: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 \-]*[0-9]$")]
    keyword: str | None = None  # text numbers: the word to send, such as CONNECT
    note: str | None = None  # such as "from outside North America"
    unknown_short_code: bool = False
    unknown_short_code_source: HttpUrl | None = None


class Service(BaseModel):
    model_config = STRICT
    id: Slug
    name: str
    operator: str | None = None
    purposes: Annotated[list[Purpose], Field(min_length=1)]
    phones: list[Number] = []
    texts: list[Number] = []
    web: HttpUrl | None = None
    hours: str
    languages: str | None = None
    users: Annotated[list[User], Field(min_length=1)]
    free: bool | None = None
    source: HttpUrl
    cite: Annotated[list[str], Field(min_length=1)]
    checked: date
    status: Literal["checked", "unchecked"]
    note: str | None = None

    @model_validator(mode="after")
    def _can_be_reached(self) -> Service:
        if not (self.phones or self.texts or self.web):
            raise ValueError("a service needs at least one of 'phones', 'texts' or 'web'")
        return self


class Region(BaseModel):
    model_config = STRICT
    id: Annotated[str, Field(pattern=r"^([A-Z]{2}|EU|INT)$")]
    name: str
    # The countries whose numbering plan a number must fit; a country's own code by default.
    # The EU's harmonised 116 numbers are checked in several member states at once.
    phone_countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = []
    services: Annotated[list[Service], Field(min_length=1)]

    def countries(self) -> list[str]:
        return self.phone_countries or ([self.id] if len(self.id) == 2 else [])

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


class Directory(BaseModel):
    model_config = STRICT
    regions: Annotated[list[Region], Field(min_length=1)]

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)


@dataclass(frozen=True)
class Dialled:
    """A checked number: what to show, and the link that dials it."""

    display: str
    href: str
    unknown_to_library: bool


def dial(number: Number, countries: list[str], text: bool = False) -> Dialled:
    """Check one number against each country's plan; raise ValueError saying what is wrong."""
    digits = re.sub(r"[^0-9+]", "", number.number)
    scheme = "sms:" if text else "tel:"
    if number.unknown_short_code:
        if not re.fullmatch(r"[0-9]{3,6}", digits):
            raise ValueError(
                f"'{number.number}' is marked as a short code but is not 3 to 6 digits"
            )
        if number.unknown_short_code_source is None:
            raise ValueError(f"short code '{number.number}' has no 'unknown_short_code_source'")
        known = [c for c in countries if _short_code_known(digits, c)]
        if known:
            raise ValueError(
                f"'{number.number}' is marked unknown_short_code, but the library knows it "
                f"for {', '.join(known)}"
            )
        return Dialled(number.number, scheme + digits, True)
    if not countries:
        raise ValueError(f"'{number.number}' has no country to check it against")
    hrefs = set()
    for country in countries:
        parsed = phonenumbers.parse(digits, country)
        if phonenumbers.is_valid_number(parsed):
            hrefs.add(
                scheme + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            )
        elif _short_code_known(digits, country):
            hrefs.add(scheme + digits)
        else:
            raise ValueError(f"'{number.number}' is not a valid number in {country}")
    return Dialled(number.number, hrefs.pop() if len(hrefs) == 1 else scheme + digits, False)


def _short_code_known(digits: str, country: str) -> bool:
    parsed = phonenumbers.parse(digits, country)
    return shortnumberinfo.is_valid_short_number(parsed) or shortnumberinfo.is_emergency_number(
        digits, country
    )


def check(text: str, today: date, max_age_days: int) -> tuple[Directory | None, list[Problem]]:
    """Validate the helpline data; return it, or the problems with their lines and fixes.

    A problem with ``severe=False`` (an entry past its check date) leaves the data usable, for a
    local preview (``onebyone_helplines_stale = "warn"``)."""
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [yamllines.problem(error)]
    try:
        directory = Directory.model_validate(data)
    except ValidationError as error:
        return None, explain_validation(
            error,
            line_of,
            FIELD_HELP,
            docs="docs/helplines.md",
            entry_of=lambda loc: _entry_name(data, loc),
        )

    problems = []
    seen: set[str] = set()
    for r, region in enumerate(directory.regions):
        if region.id in seen:
            problems.append(
                Problem(
                    line_of(["regions", r, "id"]),
                    "appears twice",
                    "merge the two entries for this region",
                    entry=region.id,
                )
            )
        seen.add(region.id)
        ids: set[str] = set()
        for s, service in enumerate(region.services):
            entry, path = f"{region.id}/{service.id}", ["regions", r, "services", s]
            if service.id in ids:
                problems.append(
                    Problem(
                        line_of([*path, "id"]),
                        "the id appears twice",
                        "give each service in a region its own id",
                        entry=entry,
                    )
                )
            ids.add(service.id)
            for field, numbers in (("phones", service.phones), ("texts", service.texts)):
                for n, number in enumerate(numbers):
                    try:
                        dial(number, region.countries(), text=field == "texts")
                    except ValueError as error:
                        where = line_of([*path, field, n, "number"])
                        problems.append(Problem(where, str(error), NUMBER_FIX, entry=entry))
            age = (today - service.checked).days
            if age > max_age_days:
                problems.append(
                    Problem(
                        line_of([*path, "checked"]),
                        f"last checked {format_day(service.checked)}, {age} days ago (the limit is "
                        f"{max_age_days})",
                        "check every number and detail against the source, then set 'checked' to "
                        "today's date",
                        entry=entry,
                        severe=False,
                    )
                )
            elif service.checked > today:
                problems.append(
                    Problem(
                        line_of([*path, "checked"]),
                        "'checked' is a date in the future",
                        "set it to the date you checked the entry",
                        entry=entry,
                    )
                )
    return directory, problems


NUMBER_FIX = (
    "copy the number again from the operator's own page; if it is a real national short code "
    "that the library lacks, add 'unknown_short_code: true' and "
    "'unknown_short_code_source: <URL>'"
)
FIELD_HELP = {
    "source": "source: https://... (the page where you read the number)",
    "checked": "checked: 2026-11-24 (the date you checked it, as YYYY-MM-DD)",
    "status": "status: checked (or unchecked, which shows a warning to readers)",
    "cite": "cite: [key-in-references-bib]",
    "hours": "hours: 24 hours, every day (or 'Check the website')",
    "users": "users: [children, adults] (from: everyone, children, young-people, adults, "
    "professionals)",
    "purposes": "purposes: [trafficking] (from: " + ", ".join(PURPOSE_WORDS) + ")",
}


def _entry_name(data: Any, loc: list) -> str:
    try:
        region = data["regions"][loc[1]]
        name = str(region.get("id", f"region {loc[1] + 1}"))
        if len(loc) > 3 and loc[2] == "services":
            name += "/" + str(region["services"][loc[3]].get("id", f"service {loc[3] + 1}"))
        return name
    except (KeyError, IndexError, TypeError, AttributeError):
        return ""


def known_numbers(directory: Directory) -> dict[str, str]:
    known: dict[str, str] = {}
    for region in directory.regions:
        for service in region.services:
            for number in service.phones:
                known.setdefault(re.sub(r"\D", "", number.number), f"{region.id}:{service.id}")
            for number in service.texts:
                digits = re.sub(r"\D", "", number.number)
                known.setdefault(digits, f"{region.id}:{service.id}:text")
    return known
