"""Helplines as data: the schema of ``_data/helplines.yaml``, and the check of every number.

``check(text, today, max_age_days)`` reads the file and ``check_data(data, line_of, ...)`` checks
it (the pure function the tests call):

- the structure, against the pydantic models below (an unknown or missing field fails);
- provenance: every phone and text number carries ``source_quote``, the exact words on its source
  page that contain it, and ``quoted``, the date they were read. The number's digits must appear
  in the quote (letters of a vanity number such as 1-800-THE-LOST count as their digits, and a
  number may be quoted with or without its country code or trunk prefix), so a typo needs the
  same typo twice. A number whose only source is ``secondary`` (not the operator's or a
  government's own page) must say ``unconfirmed: true``: readers then see "not yet confirmed by
  the operator" wherever it is shown, because the text shown for the number carries it;
- every number with ``phonenumbers``: a full number must be valid for its own region (a ``+``
  number of another country only with ``country`` and a note), and never premium rate or a
  personal number; a short code must be a known short or emergency number there, or be marked
  ``unknown_short_code`` with an official source whose quote shows it;
- an emergency service's phones must be emergency numbers for the region
  (``shortnumberinfo.is_emergency_number``);
- ``Advice``, a warning that leaves the data usable: the same digits are valid in a neighbouring
  region (one dialled with the same country code, such as the US and Canada) unless the number
  says ``also_valid_in``, or a full number was read on a page in another country's domain
  (garda.ie for a number filed under Australia);
- every entry's ``checked`` date: more than ``max_age_days`` before today is a problem;
- ``translations``: a service's and a number's reader-facing words in another language (name,
  operator, hours, languages, note), each beside an English field it translates, never with a
  web address, and with no number the English does not have (digits in any script count;
  ``hours`` may write times of one or two digits its own way), so a translation can never
  carry a wrong number. ``Service.words(language)`` gives a service's
  words in a language, each field falling back to the English.

``dial(number, countries)`` gives what to show and the ``tel:``/``sms:`` link that dials it;
``known_numbers(directory)`` maps each number's digits to its ``REGION:service``. Pages show
the data through ``onebyone.content.helplines`` and ``onebyone.content.countrypages``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import PhoneNumberType, shortnumberinfo
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
SourceKind = Literal["official", "secondary"]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
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
# What a reader sees beside a number that only a secondary page shows.
UNCONFIRMED = "not yet confirmed by the operator"
STRICT = ConfigDict(extra="forbid", frozen=True)
# A language's code, as in _data/languages.yaml (and Sphinx's `language`): es, fr, km.
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]
Words = Annotated[str, Field(min_length=1)]


class NumberWords(BaseModel):
    """A number's words in another language: its note."""

    model_config = STRICT
    note: Words | None = None


class ServiceWords(BaseModel):
    """A service's words in another language. Proper names stay as the operator writes them:
    translate ``name`` and ``operator`` only where they describe (\"Emergency services\")."""

    model_config = STRICT
    name: Words | None = None
    operator: Words | None = None
    hours: Words | None = None
    languages: Words | None = None
    note: Words | None = None


class Number(BaseModel):
    """A number as the operator writes it, and where and when its digits were read."""

    model_config = STRICT
    number: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 \-]*[0-9]$")]
    keyword: str | None = None  # text numbers: the word to send, such as CONNECT
    note: str | None = None  # such as "from outside North America"
    unknown_short_code: bool = False
    country: CountryCode | None = None  # a foreign number: the plan it belongs to
    also_valid_in: list[str] = []  # regions where the same digits are also valid, knowingly
    unconfirmed: bool = False  # only a secondary page shows it; readers are told
    source: HttpUrl | None = None  # where the quote was read, if not the service's source
    source_kind: SourceKind | None = None  # that page's kind, if not the service's
    source_quote: Annotated[str, Field(min_length=3)]
    quoted: date
    translations: dict[LanguageCode, NumberWords] = {}

    def note_in(self, language: str) -> str | None:
        """The note in ``language``, or the English where it has none."""
        words = self.translations.get(language)
        return (words.note if words else None) or self.note


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
    source_kind: SourceKind
    cite: Annotated[list[str], Field(min_length=1)]
    checked: date
    status: Literal["checked", "unchecked"]
    note: str | None = None
    translations: dict[LanguageCode, ServiceWords] = {}

    def words(self, language: str) -> ServiceWords:
        """The service's words in ``language``: each field its translation, or the English
        where the data has none (the English for an empty or English ``language``)."""
        english = {field: getattr(self, field) for field in ServiceWords.model_fields}
        words = self.translations.get(language)
        if words is None:
            return ServiceWords(**english)
        return ServiceWords(**{field: getattr(words, field) or english[field] for field in english})

    @model_validator(mode="after")
    def _can_be_reached(self) -> Service:
        if not (self.phones or self.texts or self.web):
            raise ValueError("a service needs at least one of 'phones', 'texts' or 'web'")
        return self

    def kind_of(self, number: Number) -> str:
        return number.source_kind or self.source_kind

    def source_of(self, number: Number) -> str:
        return str(number.source or self.source)


class Gap(BaseModel):
    """Something a reader would expect that we looked for and could not confirm."""

    model_config = STRICT
    need: str
    reason: str


class Region(BaseModel):
    model_config = STRICT
    id: Annotated[str, Field(pattern=r"^([A-Z]{2}|EU|INT)$")]
    name: str
    # The countries whose numbering plan a number must fit; a country's own code by default.
    # The EU's harmonised 116 numbers are checked in several member states at once.
    phone_countries: list[CountryCode] = []
    services: Annotated[list[Service], Field(min_length=1)]
    gaps: list[Gap] = []

    def countries(self) -> list[str]:
        return self.phone_countries or ([self.id] if len(self.id) == 2 else [])

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    @property
    def title(self) -> str:
        """The name as a heading or a link reads: "United Kingdom", "Anywhere"."""
        name = self.name.removeprefix("the ")
        return name[:1].upper() + name[1:]

    @property
    def slug(self) -> str:
        """The page name: get-help/united-kingdom."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


class Directory(BaseModel):
    model_config = STRICT
    regions: Annotated[list[Region], Field(min_length=1)]

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)


@dataclass(frozen=True)
class Advice(Problem):
    """A problem worth a writer's look that is not proven wrong (a number that is valid in a
    neighbouring country too): a warning, which stops the strict build, but the data is used."""


@dataclass(frozen=True)
class Dialled:
    """A checked number: what to show, and the link that dials it. A number only a secondary
    page shows carries its warning in what is shown, so every page, card and PDF that shows
    the number shows the warning too."""

    display: str
    href: str
    unknown_to_library: bool


# Number types that must never reach a reader: they cost a lot or follow a person, not a service.
REFUSED_TYPES = {
    PhoneNumberType.PREMIUM_RATE: "a premium-rate number",
    PhoneNumberType.PERSONAL_NUMBER: "a personal number",
}


def _digits(number: Number) -> str:
    return re.sub(r"[^0-9+]", "", number.number)


def dial(number: Number, countries: list[str], text: bool = False) -> Dialled:
    """Check one number against each country's plan; raise ValueError saying what is wrong."""
    digits = _digits(number)
    scheme = "sms:" if text else "tel:"
    if number.unknown_short_code:
        if not re.fullmatch(r"[0-9]{3,6}", digits):
            raise ValueError(
                f"'{number.number}' is marked as a short code but is not 3 to 6 digits"
            )
        known = [c for c in countries if _short_code_known(digits, c)]
        if known:
            raise ValueError(
                f"'{number.number}' is marked unknown_short_code, but the library knows it "
                f"for {', '.join(known)}"
            )
        return Dialled(_shown(number), scheme + digits, True)
    if number.country:
        countries = [number.country]
        if not digits.startswith("+"):
            raise ValueError(
                f"'{number.number}' belongs to {number.country}'s plan, so it needs its "
                "country code (+..)"
            )
    if not countries:
        raise ValueError(f"'{number.number}' has no country to check it against")
    hrefs = set()
    for country in countries:
        try:
            parsed = phonenumbers.parse(digits, country)
        except phonenumbers.NumberParseException as error:
            raise ValueError(f"'{number.number}' cannot be read as a number ({error})") from error
        if phonenumbers.is_valid_number_for_region(parsed, country):
            kind = phonenumbers.number_type(parsed)
            if kind in REFUSED_TYPES:
                raise ValueError(f"'{number.number}' is {REFUSED_TYPES[kind]} in {country}")
            hrefs.add(
                scheme + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            )
        elif not digits.startswith("+") and _short_code_known(digits, country):
            hrefs.add(scheme + digits)
        elif digits.startswith("+") and phonenumbers.is_valid_number(parsed):
            owner = phonenumbers.region_code_for_number(parsed)
            raise ValueError(
                f"'{number.number}' is a number in {owner}, not in {country}; if it is meant to "
                f"be dialled from {country}, add 'country: {owner}' and a note saying so"
            )
        else:
            raise ValueError(f"'{number.number}' is not a valid number in {country}")
    return Dialled(_shown(number), hrefs.pop() if len(hrefs) == 1 else scheme + digits, False)


def _shown(number: Number) -> str:
    return f"{number.number} ({UNCONFIRMED})" if number.unconfirmed else number.number


def _short_code_known(digits: str, country: str) -> bool:
    try:
        parsed = phonenumbers.parse(digits, country)
    except phonenumbers.NumberParseException:
        return False
    return shortnumberinfo.is_valid_short_number_for_region(
        parsed, country
    ) or shortnumberinfo.is_emergency_number(digits, country)


def _valid_elsewhere(number: Number, region: Region, directory: Directory) -> list[str]:
    """Neighbouring regions of the data (those dialled with the same country code, such as the
    US and Canada) in which the same written digits are also a valid number: a number filed
    under the wrong one of them would pass its plan silently."""
    digits = _digits(number)
    if digits.startswith("+") or number.unknown_short_code or number.country:
        return []
    codes = {phonenumbers.country_code_for_region(c) for c in region.countries()}
    others = []
    for other in directory.regions:
        if other.id == region.id or other.id in number.also_valid_in:
            continue
        for country in other.countries():
            if (
                country in region.countries()
                or phonenumbers.country_code_for_region(country) not in codes
            ):
                continue
            try:
                parsed = phonenumbers.parse(digits, country)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number_for_region(parsed, country):
                others.append(other.id)
                break
    return others


# Country-code domains used by sites anywhere, which say nothing about a page's country.
_GENERIC_DOMAINS = {"io", "co", "me", "tv", "ai", "fm", "ly", "gg", "to", "cc", "ws", "eu", "su"}


def _source_country(url: str) -> str | None:
    """The country whose domain a page is on (garda.ie: IE; police.uk: GB), if any."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    label = host.rsplit(".", 1)[-1].lower()
    if len(label) != 2 or label in _GENERIC_DOMAINS:
        return None
    return "GB" if label == "uk" else label.upper()


def check(text: str, today: date, max_age_days: int) -> tuple[Directory | None, list[Problem]]:
    """Validate the helpline data; return it, or the problems with their lines and fixes.

    A problem with ``severe=False`` (an entry past its check date) leaves the data usable, for a
    local preview (``onebyone_helplines_stale = "warn"``); an ``Advice`` leaves it usable too."""
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [yamllines.problem(error)]
    return check_data(data, line_of, today, max_age_days)


def check_data(
    data: Any, line_of: Callable[[Sequence[Any]], int], today: date, max_age_days: int
) -> tuple[Directory | None, list[Problem]]:
    """The checks on data already read: the pure function the tests call without YAML.
    ``line_of`` gives the line of a path in the data (any function will do in a test)."""
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

    problems: list[Problem] = []
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
            problems += [
                Problem(line_of([*path, *at]), message, fix, entry=entry)
                for at, message, fix in _translation_problems(service)
            ]
            for field, numbers in (("phones", service.phones), ("texts", service.texts)):
                for n, number in enumerate(numbers):
                    where = [*path, field, n]
                    problems += [
                        (Advice if advice else Problem)(
                            line_of([*where, key]), message, fix, entry=entry
                        )
                        for key, message, fix, advice in _number_problems(
                            number, service, region, directory, field, today
                        )
                    ]
            problems += _date_problems(
                service, entry, line_of([*path, "checked"]), today, max_age_days
            )
    return directory, problems


def _number_problems(number, service, region, directory, field, today):
    """What is wrong with one number: (field, message, fix, warning-only)."""
    shown = f"'{number.number}'"
    found = []
    try:
        dial(number, region.countries(), text=field == "texts")
    except ValueError as error:
        found.append(("number", str(error), NUMBER_FIX, False))
    countries = [number.country] if number.country else region.countries()
    if not quote_contains(number.number, number.source_quote, countries):
        found.append(
            (
                "source_quote",
                f"{shown} does not appear in its source_quote",
                "copy the number again from the source page, and paste the sentence that contains "
                "it as source_quote; a number and its quote must agree digit for digit",
                False,
            )
        )
    kind = service.kind_of(number)
    if kind == "secondary" and not number.unconfirmed:
        found.append(
            (
                "number",
                f"{shown} rests only on a secondary page ({service.source_of(number)})",
                "find the number on the operator's or a government's own page and quote it there; "
                f"if there is none yet, add 'unconfirmed: true' so readers see \"{UNCONFIRMED}\"",
                False,
            )
        )
    if kind == "official" and number.unconfirmed:
        found.append(
            (
                "unconfirmed",
                f"{shown} is marked unconfirmed, but its source is official",
                "remove 'unconfirmed: true', or set source_kind: secondary if the page is not the "
                "operator's or a government's own",
                False,
            )
        )
    if number.unknown_short_code and kind != "official":
        found.append(
            (
                "unknown_short_code",
                f"{shown} is a short code the numbering library does not know, and its source is "
                "not an official page",
                "read the code on the operator's or a government's own page and quote it there; "
                "an unknown code needs that proof",
                False,
            )
        )
    if number.country and not number.note:
        found.append(
            (
                "country",
                f"{shown} is a number in {number.country}, dialled from {region.id}",
                'add a note that says so and what it costs, such as "a UK number; your phone '
                'company may charge for the call"',
                False,
            )
        )
    if (
        field == "phones"
        and "emergency" in service.purposes
        and not any(
            shortnumberinfo.is_emergency_number(_digits(number), c) for c in region.countries()
        )
    ):
        found.append(
            (
                "number",
                f"{shown} is listed as an emergency number, but it is not one in "
                f"{', '.join(region.countries()) or region.id}",
                "put the country's emergency number here (such as 999, 911 or 112), and move other "
                "numbers to a service of their own",
                False,
            )
        )
    if number.quoted > today:
        found.append(
            (
                "quoted",
                "'quoted' is a date in the future",
                "set it to the date you read the quote",
                False,
            )
        )
    home = _source_country(service.source_of(number))
    full = not number.unknown_short_code and not number.country and len(_digits(number)) > 6
    if full and home and region.countries() and home not in region.countries():
        found.append(
            (
                "source",
                f"{shown} was read on a page in {home} ({service.source_of(number)}), but it is "
                f"filed under {region.id}: check that it is the right country's number",
                f"file it under {home}, or quote it from a page in {region.id}",
                True,
            )
        )
    elsewhere = _valid_elsewhere(number, region, directory)
    if elsewhere:
        found.append(
            (
                "number",
                f"{shown} is also a valid number in {', '.join(elsewhere)}: check that it is filed "
                "under the right country",
                f"if it really is {region.id}'s number and the same digits are right in "
                f"{', '.join(elsewhere)} too, add 'also_valid_in: [{', '.join(elsewhere)}]'",
                True,
            )
        )
    return found


_ADDRESS = re.compile(r"://|\bwww\.|\.(?:org|com|net|gov|fr|es|ca|kh|uk)\b", re.IGNORECASE)


def _translation_problems(service: Service) -> list[tuple[list, str, str]]:
    """What is wrong with a service's translations (and its numbers'): a word with no English
    beside it, a web address, or a number the English does not have. (path, message, fix)."""
    found = []
    pairs = [(["translations"], service, service.translations)]
    for field in ("phones", "texts"):
        for n, number in enumerate(getattr(service, field)):
            pairs.append(([field, n, "translations"], number, number.translations))
    for where, english, translations in pairs:
        for language, words in translations.items():
            for field, text in words:
                if text is None:
                    continue
                at = [*where, language, field]
                source = getattr(english, field)
                if not source:
                    found.append(
                        (
                            at,
                            f"{language} {field} translates nothing: the English has no {field}",
                            f"write the English {field} first, or remove the translation",
                        )
                    )
                    continue
                if _ADDRESS.search(text) and not _ADDRESS.search(source):
                    found.append(
                        (
                            at,
                            f"the {language} {field} has a web address",
                            "web addresses come from the data's web and source fields only: "
                            "remove it from the translation",
                        )
                    )
                extra = sorted(
                    n
                    for n in _numbers_in(text) - _numbers_in(source)
                    # opening hours may write times their own way ("de 8 h à 23 h")
                    if not (field == "hours" and len(n) <= 2)
                )
                if extra:
                    found.append(
                        (
                            at,
                            f"the {language} {field} has {', '.join(extra)}, which its English "
                            "does not",
                            "numbers come from the data, never from a translation: write the "
                            "same numbers as the English, or none",
                        )
                    )
    return found


def _numbers_in(text: str) -> set[str]:
    """The numbers a text contains, as ASCII digits (Khmer ២៤ is 24)."""
    return set(re.findall(r"\d+", _ascii_digits(text), re.ASCII))


def _date_problems(service, entry, line, today, max_age_days):
    age = (today - service.checked).days
    if age > max_age_days:
        return [
            Problem(
                line,
                f"last checked {format_day(service.checked)}, {age} days ago (the limit is "
                f"{max_age_days})",
                "check every number and detail against the source, then set 'checked' to "
                "today's date",
                entry=entry,
                severe=False,
            )
        ]
    if service.checked > today:
        return [
            Problem(
                line,
                "'checked' is a date in the future",
                "set it to the date you checked the entry",
                entry=entry,
            )
        ]
    return []


# A number as a page writes it: digits in groups, optionally with letters (1-800-THE-LOST).
_PLAIN = re.compile(r"\+?\d(?:[\d .\-]*\d)?")
_VANITY = re.compile(r"\+?\d[\dA-Z.\-]*[A-Z][\dA-Z.\-]*")


def _ascii_digits(text: str) -> str:
    """Digits in any script (Bengali ৯৯৯, full-width １１０) as ASCII digits."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def quoted_digits(quote: str) -> set[str]:
    """Every number the quote contains, as digits (letters of vanity numbers converted)."""
    quote = _ascii_digits(quote)
    found = set()
    for match in _PLAIN.finditer(quote):
        found.add(re.sub(r"\D", "", match.group(0)))
    for match in _VANITY.finditer(quote):
        converted = phonenumbers.convert_alpha_characters_in_number(match.group(0))
        found.add(re.sub(r"\D", "", converted))
    return {d for d in found if d}


def _national(digits: str, plus: bool, country: str) -> tuple[int, int] | None:
    try:
        parsed = phonenumbers.parse(("+" if plus else "") + digits, country)
    except phonenumbers.NumberParseException:
        return None
    return parsed.country_code, parsed.national_number


def quote_contains(number: str, quote: str, countries: list[str]) -> bool:
    """True if the quote shows this number: the same digits, or the same number written with or
    without its country code or trunk prefix (866-347-2423 for 1-866-347-2423)."""
    digits = re.sub(r"\D", "", phonenumbers.convert_alpha_characters_in_number(number))
    candidates = quoted_digits(quote)
    if digits in candidates:
        return True
    plus = number.strip().startswith("+")
    if len(digits) < 7:
        return False
    for country in countries or ["ZZ"]:
        mine = _national(digits, plus, country)
        if mine is None:
            continue
        for found in candidates:
            if len(found) >= 7 and _national(found, False, country) == mine:
                return True
    return False


NUMBER_FIX = (
    "copy the number again from the operator's own page; if it is a real national short code "
    "that the library lacks, add 'unknown_short_code: true' (its source must be the operator's "
    "or a government's own page, and its quote must show the code)"
)
FIELD_HELP = {
    "source": "source: https://... (the page where you read the number)",
    "source_kind": "source_kind: official (the operator's or a government's own page) or "
    "secondary (anything else)",
    "source_quote": "source_quote: the exact sentence on the source page that contains the number",
    "quoted": "quoted: 2026-12-03 (the date you copied the quote, as YYYY-MM-DD)",
    "checked": "checked: 2026-11-24 (the date you checked it, as YYYY-MM-DD)",
    "status": "status: checked (or unchecked, which shows a warning to readers)",
    "cite": "cite: [key-in-references-bib]",
    "hours": "hours: 24 hours, every day (or 'Check the website')",
    "users": "users: [children, adults] (from: everyone, children, young-people, adults, "
    "professionals)",
    "purposes": "purposes: [trafficking] (from: " + ", ".join(PURPOSE_WORDS) + ")",
    "translations": "translations: {fr: {hours: 24 heures sur 24, note: ...}} (a language's "
    "code, then name, operator, hours, languages or note in that language)",
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
