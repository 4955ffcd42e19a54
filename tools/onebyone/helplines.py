"""Helplines: one data file of numbers, validated at build time, shown wherever numbers appear.

``handbook/_data/helplines.yaml`` lists, per country or region, its emergency number and its
services. Every build checks it:

- the structure, against the pydantic models below (an unknown or missing field fails);
- every phone and text number, with ``phonenumbers``: a full number must be valid for its
  country, a short code must be a known short or emergency number there. Some real national
  short codes are missing from libphonenumber's metadata (Cambodia's 1280, Thailand's 1387...);
  such a code passes only when its entry says so (``unknown_short_code: true``) with a source,
  and has the shape of a short code (3 to 6 digits). The build lists them for re-checking;
- every entry's ``checked`` date: more than ``onebyone_helplines_max_age_days`` (365) before
  the build date fails the build. ``onebyone_helplines_stale = "warn"`` turns that into a
  warning for a local preview (``nox -s serve``); CI never sets it.

Each problem is reported with the file, the line, the entry and the fix, and the build stops.

Pages never type a number. They show numbers with the ``{helplines}`` directive (a country's
services as a list, or chosen services, or the emergency numbers of several countries) or the
``{tel}`` role for one number in a sentence: ``{tel}`GB:childline```, and the ``{web}`` role for a
service's reporting address: ``{web}`GB:iwf```. The display form is the
operator's own grouping (what is on their posters, such as "08000 121 700"), checked to be the
same number; the ``tel:`` link is built by the library (E.164 for full numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import phonenumbers
from docutils import nodes
from docutils.parsers.rst import directives
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.typing import ExtensionMetadata

from onebyone import yamllines
from onebyone.frontmatter import format_day

logger = logging.getLogger(__name__)

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
class Problem:
    line: int
    entry: str
    message: str
    fix: str
    stale: bool = False

    def text(self) -> str:
        where = f"helpline {self.entry}: " if self.entry else "helplines: "
        return f"{where}{self.message}. Fix: {self.fix}"


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
    """Validate the helpline data; return it, or the problems with their lines and fixes."""
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        fix = "check the indentation and the quotes on that line"
        return None, [Problem(error.line, "", f"the file is not valid YAML ({error.problem})", fix)]
    try:
        directory = Directory.model_validate(data)
    except ValidationError as error:
        return None, [_explain(item, data, line_of) for item in error.errors()]

    problems = []
    seen: set[str] = set()
    for r, region in enumerate(directory.regions):
        if region.id in seen:
            problems.append(
                Problem(
                    line_of(["regions", r, "id"]),
                    region.id,
                    "appears twice",
                    "merge the two entries for this region",
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
                        entry,
                        "the id appears twice",
                        "give each service in a region its own id",
                    )
                )
            ids.add(service.id)
            for field, numbers in (("phones", service.phones), ("texts", service.texts)):
                for n, number in enumerate(numbers):
                    try:
                        dial(number, region.countries(), text=field == "texts")
                    except ValueError as error:
                        where = line_of([*path, field, n, "number"])
                        problems.append(Problem(where, entry, str(error), NUMBER_FIX))
            age = (today - service.checked).days
            if age > max_age_days:
                problems.append(
                    Problem(
                        line_of([*path, "checked"]),
                        entry,
                        f"last checked {format_day(service.checked)}, {age} days ago (the limit is "
                        f"{max_age_days})",
                        "check every number and detail against the source, then set 'checked' to "
                        "today's date",
                        stale=True,
                    )
                )
            elif service.checked > today:
                problems.append(
                    Problem(
                        line_of([*path, "checked"]),
                        entry,
                        "'checked' is a date in the future",
                        "set it to the date you checked the entry",
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


def _explain(item: dict, data: Any, line_of) -> Problem:
    loc = list(item["loc"])
    entry = _entry_name(data, loc)
    field = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
    if item["type"] == "missing":
        fix = f"add  {FIELD_HELP.get(field, field + ': ...')}"
        return Problem(line_of(loc[:-1]), entry, f"'{field}' is missing", fix)
    if item["type"] == "extra_forbidden":
        return Problem(
            line_of(loc),
            entry,
            f"'{field}' is not a field we use",
            "remove it, or correct its spelling (see docs/helplines.md)",
        )
    got = item.get("input")
    shown = f" (you wrote {got!r})" if isinstance(got, str | int | float) else ""
    message = item["msg"].removeprefix("Value error, ")
    fix = f"write  {FIELD_HELP[field]}" if field in FIELD_HELP else "see docs/helplines.md"
    return Problem(line_of(loc), entry, f"'{field}': {message}{shown}", fix)


def _entry_name(data: Any, loc: list) -> str:
    try:
        region = data["regions"][loc[1]]
        name = str(region.get("id", f"region {loc[1] + 1}"))
        if len(loc) > 3 and loc[2] == "services":
            name += "/" + str(region["services"][loc[3]].get("id", f"service {loc[3] + 1}"))
        return name
    except (KeyError, IndexError, TypeError, AttributeError):
        return ""


# --- Numbers typed by hand ---------------------------------------------------------------------

# What a page may contain that is not a phone number: markup that already draws numbers from the
# data, citations and link targets (their keys and addresses hold years and ids), and code.
_NOT_PROSE = re.compile(
    r"```\{helplines\}.*?```|\{tel\}`[^`]*`|\{cite:[pt]\}`[^`]*`|\]\([^)]*\)|`[^`]*`"
    r"|\b\d{4}-\d{2}-\d{2}\b",  # ISO dates, as in front matter
    re.S,
)
_CANDIDATE = re.compile(r"(?<![\w/.,:#£$€-])\+?\d(?:[\d \-]*\d)?(?![\w%/]|[.,]\d)")
# A count or a year is not a phone number: "163 children", "2024", "£15".
_COUNTED = re.compile(
    r"\s+(children|child|victims|people|reports|referrals|countries|members|institutions|"
    r"languages|days|weeks|months|years|hours|minutes|seconds|per cent|percent|million|"
    r"billion|thousand|times|words|boys|girls|adults|pages|cases)\b"
)


def typed_numbers(source: str, known: dict[str, str]) -> list[tuple[int, str, str]]:
    """Phone numbers typed into a page by hand: (line, as written, suggested fix).

    A number is flagged when its digits match a number in the data (``known`` maps digits to
    ``REGION:service``), or when it has the shape of a phone number (7 or more digits in
    groups, such as 0800 1111 or 1-888-373-7888)."""
    found = []
    masked = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
    for match in _CANDIDATE.finditer(masked):
        written = match.group(0).strip(" -")
        digits = re.sub(r"\D", "", written)
        after = masked[match.end() : match.end() + 20]
        if _COUNTED.match(after) or re.fullmatch(r"(19|20)\d\d", digits):
            continue
        grouped = re.search(r"\d[ -]\d", written) is not None and len(digits) >= 7
        if digits in known or grouped:
            line = source.count("\n", 0, match.start()) + 1
            ref = known.get(digits)
            fix = (
                f"write {{tel}}`{ref}`"
                if ref
                else "add the service to the helpline data and write {tel}`REGION:service`"
            )
            found.append((line, written, fix))
    return found


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


def _check_page_for_typed_numbers(app: Sphinx, docname: str, source: list[str]) -> None:
    directory = getattr(app, "onebyone_helplines", None)
    if directory is None:
        return
    for line, written, fix in typed_numbers(source[0], known_numbers(directory)):
        logger.warning(
            f"'{written}' looks like a phone number typed by hand. Numbers come only from "
            f"{app.config.onebyone_helplines_file}, so that one correction reaches every page. "
            f"Fix: {fix}",
            location=(docname, line),
            type="onebyone",
            subtype="typed-number",
        )


# --- Sphinx -----------------------------------------------------------------------------------


def _load(app: Sphinx) -> None:
    path = Path(app.srcdir) / app.config.onebyone_helplines_file
    app.onebyone_helplines_path = path
    if not path.exists():
        app.onebyone_helplines = None
        return
    directory, problems = check(
        path.read_text("utf-8"), date.today(), app.config.onebyone_helplines_max_age_days
    )
    try:
        shown = path.relative_to(Path.cwd())
    except ValueError:
        shown = path
    for problem in problems:
        logger.warning(
            problem.text(), location=f"{shown}:{problem.line}", type="onebyone", subtype="helplines"
        )
    fatal = [p for p in problems if not (p.stale and app.config.onebyone_helplines_stale == "warn")]
    if fatal:
        raise ExtensionError(
            f"{len(fatal)} problem(s) in {shown}, listed above. The build stops so that no "
            "wrong number reaches a reader."
        )
    app.onebyone_helplines = directory
    unknown = [
        f"{region.id} {number.number} ({service.name}): {number.unknown_short_code_source}"
        for region in directory.regions
        for service in region.services
        for number in [*service.phones, *service.texts]
        if number.unknown_short_code
    ]
    if unknown:
        logger.info(
            "Short codes missing from libphonenumber, accepted on their sources; "
            "re-check before a printed release:\n  " + "\n  ".join(unknown)
        )


def _directory(env) -> Directory:
    directory = getattr(env.app, "onebyone_helplines", None)
    if directory is None:
        raise ExtensionError(f"No helpline data at {env.app.onebyone_helplines_path}")
    return directory


def _link(dialled: Dialled) -> str:
    return f"[{dialled.display}]({dialled.href})"


def _first_upper(text: str) -> str:
    """Capitalise the first letter only (str.capitalize would lower-case "US" and "CONNECT")."""
    return text[:1].upper() + text[1:]


def render_service(region: Region, service: Service, detail: str) -> str:
    """A service as MyST paragraphs: what it is for, how to reach it, and (in full) its hours,
    users, languages, last-checked date and source."""
    countries = region.countries()
    reach = []
    for number in service.phones:
        extra = f" ({number.note})" if number.note else ""
        reach.append(f"call {_link(dial(number, countries))}{extra}")
    for number in service.texts:
        word = f"{number.keyword} to " if number.keyword else ""
        reach.append(f"text {word}{_link(dial(number, countries, text=True))}")
    if service.web:
        shown = str(service.web).split("://", 1)[1].rstrip("/")
        reach.append(f"online at [{shown}]({service.web})")
    cite = "{cite:p}`" + ",".join(service.cite) + "`"
    run_by = f", run by {service.operator}" if service.operator else ""
    what = " and ".join(PURPOSE_WORDS[p] for p in service.purposes)
    paragraphs = [
        f"**{service.name}**{run_by}. For {what}.",
        _first_upper("; ".join(reach)) + f" {cite}.",
    ]
    if service.status == "unchecked":
        paragraphs.append(
            "**Not yet checked against its source.** If a child is in danger, "
            "call the emergency number instead."
        )
    if detail == "full":
        users = ", ".join(u.replace("-", " ") for u in service.users)
        facts = [f"Hours: {service.hours}", f"For: {users}"]
        if service.free is not None:
            facts.append("Free" if service.free else "Calls may cost money")
        if service.languages:
            facts.append(f"Languages: {service.languages}")
        if service.note:
            facts.append(service.note)
        facts.append(f"Last checked {format_day(service.checked)}, [source]({service.source})")
        paragraphs.append(". ".join(facts) + ".")
    return "\n\n".join(paragraphs)


class HelplinesDirective(SphinxDirective):
    """``{helplines} GB`` shows a region's services from the data.

    Options: ``:services: emergency, childline`` (these, in this order), ``:detail: brief``
    (name and numbers only), ``:emergency:`` with several regions as the argument (one line
    each: the region's emergency numbers).
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "services": directives.unchanged,
        "detail": lambda value: directives.choice(value, ("full", "brief")),
        "emergency": directives.flag,
        "report": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        directory = _directory(self.env)
        self.env.note_dependency(str(self.env.app.onebyone_helplines_path))
        region_ids = self.arguments[0].replace(",", " ").split()
        regions = []
        for region_id in region_ids:
            region = directory.region(region_id)
            if region is None:
                known = ", ".join(r.id for r in directory.regions)
                raise self.error(
                    f"No region '{region_id}' in the helpline data. Fix: use one of "
                    f"{known}, or add it to {self.config.onebyone_helplines_file}."
                )
            regions.append(region)
        container = nodes.container(classes=["helplines"])
        if "emergency" in self.options:
            lines = "\n".join(f"- {self._emergency_line(region)}" for region in regions)
            container += self.parse_text_to_nodes(lines)
        else:
            for region in regions:
                for service_text in self._services(region):
                    block = nodes.container(classes=["helpline"])
                    block += self.parse_text_to_nodes(service_text)
                    container += block
        if "report" in self.options:
            url = self.config.onebyone_helplines_report_url
            container += self.parse_text_to_nodes(
                f"A number here is wrong or out of date? [Tell us]({url})."
            )
        return [container]

    def _services(self, region: Region) -> list[str]:
        wanted = self.options.get("services")
        ids = [s.strip() for s in wanted.split(",")] if wanted else [s.id for s in region.services]
        blocks = []
        for service_id in ids:
            service = region.service(service_id)
            if service is None:
                known = ", ".join(s.id for s in region.services)
                raise self.error(
                    f"No service '{service_id}' for {region.id}. Fix: use one of {known}."
                )
            blocks.append(render_service(region, service, self.options.get("detail", "full")))
        return blocks

    def _emergency_line(self, region: Region) -> str:
        service = region.service("emergency")
        if service is None:
            raise self.error(f"{region.id} has no service with id 'emergency' in the data.")
        numbers = " or ".join(f"**{_link(dial(n, region.countries()))}**" for n in service.phones)
        cite = "{cite:p}`" + ",".join(service.cite) + "`"
        return f"{numbers} in {region.name} {cite}"


class TelRole(SphinxRole):
    """``{tel}`GB:childline``` shows a service's first phone number, linked to dial it;
    ``{tel}`US:trafficking-hotline:text``` its first text number."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        parts = self.text.split(":")
        directory = _directory(self.env)
        self.env.note_dependency(str(self.env.app.onebyone_helplines_path))
        region = directory.region(parts[0])
        service = region.service(parts[1]) if region and len(parts) > 1 else None
        kind = parts[2] if len(parts) > 2 else "phone"
        numbers = (service.texts if kind == "text" else service.phones) if service else []
        if not numbers:
            message = self.inliner.reporter.error(
                f"{{tel}}`{self.text}` names no {kind} number in the helpline data. Fix: write "
                "REGION:SERVICE (such as GB:childline) or REGION:SERVICE:text, using ids from "
                f"{self.config.onebyone_helplines_file}.",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [message]
        dialled = dial(numbers[0], region.countries(), text=kind == "text")
        node = nodes.reference(self.rawtext, dialled.display, refuri=dialled.href, classes=["tel"])
        return [node], []


class WebRole(SphinxRole):
    """``{web}`GB:iwf``` shows a service's web or reporting address from the data, linked, so
    that reporting links, like numbers, have one source."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        region_id, _, service_id = self.text.partition(":")
        region = _directory(self.env).region(region_id)
        service = region.service(service_id) if region else None
        self.env.note_dependency(str(self.env.app.onebyone_helplines_path))
        if service is None or service.web is None:
            message = self.inliner.reporter.error(
                f"{{web}}`{self.text}` names no service with a web address in the helpline data. "
                "Fix: write REGION:SERVICE, such as GB:iwf, using ids from "
                f"{self.config.onebyone_helplines_file}.",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [message]
        shown = str(service.web).split("://", 1)[1].rstrip("/")
        return [nodes.reference(self.rawtext, shown, refuri=str(service.web))], []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_helplines_file", "_data/helplines.yaml", "env", types=[str])
    app.add_config_value("onebyone_helplines_max_age_days", 365, "env", types=[int])
    app.add_config_value("onebyone_helplines_stale", "fail", "env", types=[str])
    app.add_config_value("onebyone_helplines_report_url", "", "env", types=[str])
    app.connect("builder-inited", _load)
    app.connect("source-read", _check_page_for_typed_numbers)
    app.add_directive("helplines", HelplinesDirective)
    app.add_role("tel", TelRole())
    app.add_role("web", WebRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
