"""Declared prints: what to print is data, registered by the extensions that own it.

A print job names a Jinja template, the handbook pages it holds and the values it shows; the
``pdf`` builder only prints. This is Sphinx's ``latex_documents`` idea: the book is declared in
``conf.py`` (``onebyone_pdf_*``), and other extensions add their own prints by connecting to the
``onebyone-print-jobs`` event, which the builder emits once with itself as argument::

    def print_jobs(app, builder) -> list[PrintJob]:
        return [PrintJob(stem="workshop-1-guide", template="document.html.jinja", ...)]

    app.connect("onebyone-print-jobs", print_jobs)

A value of a job's ``context`` that is a :class:`Page` is replaced by that page's HTML, printed
by the builder's own HTML writer; every other value goes to the template as it is (the
templates escape text, so data can never inject markup).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import segno

EVENT = "onebyone-print-jobs"
PAPERS = ("A4", "letter")
# CSS page sizes of the papers that CSS has no name for. Slides are 16:9 (13.33 × 7.5 inches).
PAGE_SIZES = {"slides": "338.67mm 190.5mm"}


@dataclass(frozen=True)
class Page:
    """A handbook page inside a print.

    ``select``: the whole page, or only its bulleted lists (not its key points), or only its
    numbered lists, each with its lead-in paragraph, such as a summary's signs and its steps;
    or ``"cards"``: each paragraph that starts in bold ("**Card 1.** ...") and each item of a
    numbered list, as a list of separate pieces for the template to lay out (cards to cut, the
    questions of a form).
    ``citations``: when false, inline
    citations are taken out (with the space before them) and listed, short, in the template's
    ``sources``: handouts and cards are read on paper
    and carry their sources at the end or on the web page their QR code opens.
    """

    docname: str
    select: Literal["all", "bullets", "steps", "cards"] = "all"
    citations: bool = True
    # Only the section with this id (such as "scenario-cards"), without its heading.
    section: str = ""
    # When false, the facilitator notes are left out (cards and forms handed to participants).
    notes: bool = True
    # Another language than the build's ("km"): the page from its catalogue in that language
    # (onebyone.outputs.pdf.translate); English where it has none.
    language: str = ""


@dataclass(frozen=True)
class PrintJob:
    """One print, in one or more paper sizes: ``<stem>-<paper>.pdf`` (or ``<stem>.pdf`` when it
    has one paper size and ``paper_in_name`` is false)."""

    stem: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    papers: tuple[str, ...] = PAPERS
    paper_in_name: bool = True
    # Empty: the project's language. Else the PDF's language (/Lang, the page's lang) and the
    # language the template's _() translates into, from that language's sphinx.po.
    language: str = ""
    # The online version of this print: its QR code and printed address.
    url: str = ""
    # Files outside the handbook's pages that the print is made from (data, for the docs).
    inputs: tuple[Path, ...] = ()

    def filename(self, paper: str) -> str:
        if self.paper_in_name or len(self.papers) > 1:
            return f"{self.stem}-{paper.lower()}.pdf"
        return f"{self.stem}.pdf"

    def pages(self) -> list[str]:
        """The handbook pages this print holds."""
        return [value.docname for value in self.context.values() if isinstance(value, Page)]


@dataclass(frozen=True)
class KitItem:
    """One print inside a kit: its file (as a print job names it), what it is and the day its
    content was last reviewed (both go on the kit's contents page)."""

    filename: str
    label: str
    reviewed: str


@dataclass(frozen=True)
class Kit:
    """A zip of prints, made after them, with a contents page (``README.txt``) listing each item
    with its page count and review date: ``<stem>.zip``. Declared on the same event as the
    print jobs; made again only when one of its prints or its contents page changed."""

    stem: str
    title: str
    items: tuple[KitItem, ...]
    url: str = ""

    @property
    def filename(self) -> str:
        return f"{self.stem}.zip"


@functools.cache
def qr_svg(url: str) -> str:
    """A QR code for an address, as an SVG data URI (the template prints the address beside it).
    Made once per address: a print's papers and languages share theirs."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def online_url(config: Any, docname: str, anchor: str = "") -> str:
    """The address of a handbook page on the website (``html_baseurl``)."""
    base = config.html_baseurl.rstrip("/") + "/"
    return f"{base}{docname}.html" + (f"#{anchor}" if anchor else "")


def setup(app: Any) -> dict[str, Any]:
    """Only the event: the extensions that own the data connect to it; the builder emits it."""
    app.add_event(EVENT)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
