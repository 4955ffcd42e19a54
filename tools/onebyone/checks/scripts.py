"""Content can never run script: raw HTML in a page may not carry it.

A pull request must not be able to run code in readers' browsers. MyST passes raw HTML in a
page straight to the site, so this check refuses, at its line and with the fix:

- a ``<script>`` element, inline or not (``site.privacy`` also names one from another site);
- an inline event handler, such as ``onclick=`` or ``onerror=``, on any element;
- a ``javascript:``, ``vbscript:`` or ``data:`` address in a link or any other attribute;
- an ``<iframe>``, ``<object>`` or ``<embed>``, which put another page or a plug-in inside.

``site.privacy`` also hashes only the project's own inline scripts into each page's
Content-Security-Policy, never one inside the article, so a script that got past this check
would still not run.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.core import Problem, Warnings

REFUSED_ELEMENTS = {
    "script": "a <script> would run code in every reader's browser",
    "iframe": "an <iframe> puts another page inside this one",
    "object": "an <object> puts a plug-in or another page inside this one",
    "embed": "an <embed> puts a plug-in or another page inside this one",
}
SCRIPT_ADDRESS = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
FIX_ELEMENT = (
    "remove it. Pages hold text, pictures and links; to point readers to another page or a "
    "video, use a plain link, such as [the video](https://www.example.org/video)"
)
FIX_HANDLER = (
    'remove the {attribute}="..." part. Pages cannot run code; the handbook\'s own buttons '
    "(quick exit, print) come from its templates"
)
FIX_ADDRESS = "link to a web page instead, starting with https://, or remove the link"
PREFIX = "content may not run script: "


class _Finder(HTMLParser):
    """Collects what raw HTML may not carry, as (what, fix), in the order it appears."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in REFUSED_ELEMENTS:
            self.found.append((REFUSED_ELEMENTS[tag], FIX_ELEMENT))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    (
                        f"an inline event handler ({name}=) on a <{tag}> would run code",
                        FIX_HANDLER.format(attribute=name),
                    )
                )
            elif value and SCRIPT_ADDRESS.match(value):
                scheme = value.split(":", 1)[0].strip().lower()
                self.found.append(
                    (f"a {scheme}: address in the {name} of a <{tag}> would run code", FIX_ADDRESS)
                )

    handle_startendtag = handle_starttag


def refusals(html: str) -> list[tuple[str, str]]:
    """What an HTML fragment carries that a page may not, each as (what, fix)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def line_of(node: nodes.Node | None) -> int:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 1


def _check(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split():
            continue
        for what, fix in refusals(raw.astext()):
            line = line_of(raw)
            core.warn(Warnings.SCRIPT, Problem(line, PREFIX + what, fix), location=(docname, line))
    for reference in doctree.findall(nodes.reference):
        address = reference.get("refuri", "")
        if SCRIPT_ADDRESS.match(address):
            scheme = address.split(":", 1)[0].strip().lower()
            line = line_of(reference)
            what = f"the link '{reference.astext()}' goes to a {scheme}: address, which runs code"
            core.warn(
                Warnings.SCRIPT, Problem(line, PREFIX + what, FIX_ADDRESS), location=(docname, line)
            )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-read", _check)
    return core.PARALLEL_SAFE
