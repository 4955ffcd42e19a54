"""A page per country, written from the helpline data at the start of every build.

For each region in ``handbook/_data/helplines.yaml`` the build writes ``get-help/<name>.md``
(``get-help/united-kingdom.md``...): the emergency number first, then the services grouped by
what a reader needs (talk to someone, report a worry about a child, abuse online, a missing
child, trafficking), each with its hours, cost, languages, who can use it and the page and date
it was last checked against, and at the end what we looked for and could not confirm. The
numbers themselves come through the ``{helplines}`` directive, so the checks on the data apply.

The pages are written before Sphinx looks for source files (``builder-inited``), so they are
read, cross-linked, searched and put in the PDF like any page; the Get help page lists them with
``{country-picker}`` and a hidden glob toctree. A written page starts with a marker line; pages
with the marker whose region has gone are deleted, and the marker tells writers not to edit the
file (the folder's generated pages are ignored by git). Adding a region to the data is the only
edit a new country needs: its page, its place on the picker, its printed card and its search
entry follow.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

FOLDER = "get-help"
MARKER = "% Generated from the helpline data at build time. Do not edit: edit _data/helplines.yaml."
# A reader's needs, in the order a page shows them, and the purposes that answer each.
NEEDS = [
    ("Talk to someone", ["general", "crisis", "prevention"]),
    ("Report a worry about a child", ["child-abuse", "child-protection", "police"]),
    ("Abuse online", ["online-abuse"]),
    ("A missing child", ["missing-children"]),
    ("Trafficking and forced marriage", ["trafficking", "forced-marriage"]),
]


def page_name(region) -> str:
    """The document name of a region's page: ``get-help/united-kingdom``."""
    return f"{FOLDER}/{region.slug}"


def page_text(region) -> str:
    """The MyST source of a region's page."""
    reviewed = max(s.checked for s in region.services)
    lines = [
        "---",
        f"description: Who to call in {region.name} about a child at risk. The emergency "
        "number, helplines, and where to report trafficking, abuse online or a missing child.",
        "audience: [everyone]",
        f"reviewed: {reviewed.isoformat()}",
        f"review-due: {(reviewed + timedelta(days=365)).isoformat()}",
        "---",
        MARKER,
        "",
        f"# Get help in {region.title}",
        "",
    ]
    # The emergency number is the first thing under the title, so that on a phone it is on
    # the first screen (tests/test_reader.py checks every region at 390 by 844).
    emergency = region.service("emergency")
    if emergency is not None and emergency.phones:
        lines += [
            "::::{get-help} A child in immediate danger",
            f"Call {{tel}}`{region.id}:emergency`",
            "",
            "Say that a child is in danger, and where you are.",
            "",
            f"```{{helplines}} {region.id}",
            ":services: emergency",
            "```",
            "::::",
            "",
        ]
    lines += [
        "If you are worried that a child is being trafficked, abused or exploited, you can call "
        "the services on this page. You do not need proof, and you do not have to give your "
        "name to most of them. Never confront anyone yourself: leave that to the police.",
        "",
    ]
    shown = {"emergency"}
    for heading, purposes in NEEDS:
        ids = [
            s.id
            for s in region.services
            if s.id not in shown and any(p in purposes for p in s.purposes)
        ]
        again = [
            s.id
            for s in region.services
            if s.id in shown and s.id != "emergency" and any(p in purposes for p in s.purposes)
        ]
        if not ids and not again:
            continue
        lines += [f"## {heading}", ""]
        if ids:
            lines += [f"```{{helplines}} {region.id}", f":services: {', '.join(ids)}", "```", ""]
        if again:
            lines += [
                f"```{{helplines}} {region.id}",
                f":services: {', '.join(again)}",
                ":detail: brief",
                "```",
                "",
            ]
        shown.update(ids)
    if region.gaps:
        lines += ["## What we could not confirm", ""]
        lines += [
            "We only list a number after reading it on the operator's or a government's own "
            "page. These are still missing:",
            "",
        ]
        lines += [f"- **{_first_upper(gap.need)}.** {gap.reason}." for gap in region.gaps]
        lines += [""]
    lines += [
        "## About these numbers",
        "",
        "Each number here was copied from the page named beside it, on the date shown. If one "
        "is wrong or does not work, please tell us.",
        "",
        f"```{{helplines}} {region.id}",
        ":services:",
        ":report:",
        "```",
        "",
        "[All countries](index.md)",
        "",
    ]
    return "\n".join(lines)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_pages(app: Sphinx) -> None:
    """Write a page per region, and delete pages of regions that have gone."""
    directory = core.data(app.env).helplines
    if directory is None:
        return
    folder = Path(app.srcdir) / FOLDER
    if not (folder / "index.md").is_file():
        return  # the pages hang from the picker: a project without one gets none
    wanted = {}
    for region in directory.regions:
        wanted[folder / f"{region.slug}.md"] = page_text(region)
    for path in folder.glob("*.md"):
        if path not in wanted and _generated(path):
            path.unlink()
    for path, text in wanted.items():
        if path.exists() and not _generated(path):
            raise RuntimeError(
                f"{path} was written by hand, but the helpline data wants that page. Fix: "
                "rename the hand-written page, or the region."
            )
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _generated(path: Path) -> bool:
    return MARKER in path.read_text("utf-8").splitlines()[:12]


def region_name(region, language: str | None) -> str:
    """A region's name in the build's language: the data's own name in English, and for a
    country elsewhere its name as the Unicode CLDR gives it (through Babel, which Sphinx already
    uses), so a new country needs no translation; the data's name where CLDR has none."""
    if not language or language.startswith("en") or len(region.id) != 2:
        return region.title
    try:
        return Locale.parse(language).territories.get(region.id, region.title)
    except (ValueError, UnknownLocaleError):
        return region.title


class CountryPicker(SphinxDirective):
    """``{country-picker}``: a link to every region's page, in the data's order, each named in
    the page's language. The list is data, not words to translate: it never enters a catalogue,
    so a new region keeps every translation complete."""

    def run(self) -> list[nodes.Node]:
        directory = core.data(self.env).helplines
        self.env.note_dependency(str(Path(self.env.srcdir) / self.config.onebyone_helplines_file))
        if directory is None:
            return []
        language = self.config.language
        items = "\n".join(
            f"- {{doc}}`{region_name(region, language)} <{region.slug}>`"
            for region in directory.regions
        )
        container = nodes.container(classes=["country-picker"])
        container += self.parse_text_to_nodes(items)
        for text in container.findall(nodes.TextElement):
            text["translatable"] = False  # Sphinx's gettext builder leaves these out
        return [container]


def card_url_page(region) -> str:
    """The page a region's printed card points to (its QR code and printed address)."""
    return page_name(region)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.content.helplines")
    app.connect("builder-inited", write_pages, priority=600)  # after the data is loaded (500)
    app.add_directive("country-picker", CountryPicker)
    return core.PARALLEL_SAFE
