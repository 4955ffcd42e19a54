"""Phone numbers typed into a page by hand: each must come from the helpline data instead.

A number is flagged when its digits match a number in the data, or when it has the shape of a
phone number (7 or more digits in groups, such as 0800 1111 or 1-888-373-7888). The check
runs on each page's source as Sphinx reads it. ``onebyone.content.helplines`` loads it, after
the data, so that the data's numbers are known.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.data.helplines import known_numbers

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


def _check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    directory = core.data(app.env).helplines
    known = known_numbers(directory) if directory is not None else {}
    for line, written, fix in typed_numbers(source[0], known):
        core.warn(
            core.Warnings.TYPED_NUMBER,
            core.Problem(
                line,
                f"'{written}' looks like a phone number typed by hand. Numbers come only from "
                f"{app.config.onebyone_helplines_file}, so that one correction reaches every page",
                fix,
            ),
            location=(docname, line),
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")
    app.connect("source-read", _check_page)
    return core.PARALLEL_SAFE
