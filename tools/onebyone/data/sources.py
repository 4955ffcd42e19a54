"""Sites we never cite, as data: the schema of ``_data/source-denylist.yaml``, its check, and
which ``references.bib`` entries point at a listed site.

The list holds AI-written sites, content farms, sites that copy other organisations' pages and
personal blogs, each with a reason (the rule is in ``about/sources-policy.md``). ``check(text)``
validates the file (an unknown or missing field fails, with the line) and refuses a domain
written with a scheme, a path or ``www.``, or listed twice. ``bib_urls(text)`` finds each
entry's ``url`` and its line; ``listed(url, denylist)`` says which listed site, if any, the
address is on (the domain itself or any subdomain of it). The build check is
``onebyone.checks.sources``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from onebyone.core import Problem, explain_validation
from onebyone.data import yamllines

KINDS = ("ai-generated", "content-farm", "scraper-mirror", "personal-blog")
Kind = Literal["ai-generated", "content-farm", "scraper-mirror", "personal-blog"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)]
DOMAIN = re.compile(r"^(?!www\.)[a-z0-9-]+(\.[a-z0-9-]+)+$")


class Site(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    domain: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=4)]
    kind: Kind
    reason: Text


class DenyList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    sites: Annotated[list[Site], Field(min_length=1)]


FIELD_HELP = {
    "domain": "domain: example.com (no https://, no www., no path)",
    "kind": f"kind: content-farm (one of: {', '.join(KINDS)})",
    "reason": "reason: What the site is, and where it was found cited.",
}


def check(text: str) -> tuple[DenyList | None, list[Problem]]:
    """Validate the deny-list; return it, or the problems with their lines and fixes."""
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [yamllines.problem(error)]
    try:
        denylist = DenyList.model_validate(data)
    except ValidationError as error:
        return None, explain_validation(
            error, line_of, FIELD_HELP, docs="docs/citations.md", fields=Site.model_fields
        )
    problems = []
    seen: dict[str, int] = {}
    for s, site in enumerate(denylist.sites):
        line = line_of(["sites", s, "domain"])
        if not DOMAIN.match(site.domain):
            problems.append(
                Problem(
                    line,
                    f"'{site.domain}' is not a bare domain name",
                    f"write only the site's name, such as {host(site.domain) or 'example.com'}: "
                    "no https://, no www. and no path",
                )
            )
        if site.domain in seen:
            problems.append(
                Problem(
                    line,
                    f"'{site.domain}' is listed twice (also on line {seen[site.domain]})",
                    "keep one entry, with both reasons in it",
                )
            )
        seen.setdefault(site.domain, line)
    return (None if problems else denylist), problems


def host(url: str) -> str:
    """The site an address is on, lower case, without ``www.`` or a final dot."""
    if "://" not in url:
        url = "//" + url
    name = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    return name.removeprefix("www.")


def listed(url: str, denylist: DenyList) -> Site | None:
    """The listed site an address is on (the domain or a subdomain of it), or None."""
    name = host(url)
    for site in denylist.sites:
        if name == site.domain or name.endswith("." + site.domain):
            return site
    return None


@dataclass(frozen=True)
class BibURL:
    """One ``url`` field of a BibTeX file: its entry's key, the address and its line."""

    key: str
    url: str
    line: int


ENTRY = re.compile(r"^\s*@\s*(\w+)\s*\{\s*([^,\s]+)\s*,", re.M)
URL = re.compile(r"^\s*url\s*=\s*[{\"]\s*([^}\"]*?)\s*[}\"]", re.M | re.I)


def bib_urls(text: str) -> list[BibURL]:
    """Every entry's ``url`` in a BibTeX file, with the line it is written on."""
    found = []
    starts = list(ENTRY.finditer(text))
    for i, entry in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        for url in URL.finditer(text, entry.end(), end):
            line = text.count("\n", 0, url.start(1)) + 1
            found.append(BibURL(entry.group(2), url.group(1), line))
    return found
