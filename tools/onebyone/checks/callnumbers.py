"""Advice to "call the emergency number" with the number, or the way to it, right there.

A reader told to call someone must not have to hunt for the number. So a paragraph that tells
the reader to call, ring, phone, contact or dial the emergency number, the police, a helpline, a
hotline, a crisis line or a named service from the helpline data ("call Childline") needs, in
the same paragraph or in the box it sits in (a ``:::{key-points}``, ``:::{get-help}``... box, or
the list item it is part of):

- a number from the data (the ``{tel}`` role, or a ``{helplines}`` list, which may also come
  just after the paragraph: "call the emergency number:" and the list), or
- a link to a Get help page (``[Get help](../get-help/index.md)``, a country's page), where
  the number depends on the reader's country.

A Get help page that lists numbers itself (``get-help/``) needs no link to itself. A project
with no helpline data (the contributor guide, which quotes such sentences as examples) is not
checked, nor are the other languages' builds: a translation follows its English page.

Otherwise it warns with the file, the line and a fix. Mentions that are not advice are left
alone: "do not call a hotline", "never call", "asks you to call", "a call to the police".
The check reads each page's doctree as it is read, so it sees links before they are resolved.
"""

from __future__ import annotations

import functools
import posixpath
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.core import Problem, Warnings

HELP_FOLDER = "get-help"  # the country picker and each country's page (content.countrypages)
VERB = r"\b(?:call|ring|phone|contact|dial)\b"
# Who a reader is told to call, besides the services named in the helpline data.
WHO = [
    "emergency number",
    "emergency services",
    "emergency line",
    "police",
    "helpline",
    "hotline",
    "crisis line",
    "child line",
]
# Words just before the verb that make it something other than advice to the reader.
NOT_ADVICE = re.compile(r"\b(?:not|never|n't|to|a|the|no)\s+$", re.I)
# Where a paragraph may find its number, besides a box: the list item or quotation around it.
BOXES = (nodes.list_item, nodes.block_quote)


def advice_pattern(names: list[str]) -> re.Pattern[str]:
    """The regular expression for "call ... <someone>" within one clause."""
    return _advice_pattern(tuple(names))


@functools.cache
def _advice_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """``advice_pattern``, built once for each list of names (once a build, not once a page)."""
    who = sorted({*WHO, *(n.lower() for n in names if n)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in who)
    return re.compile(rf"{VERB}[^.;:!?\n]{{0,40}}?\b(?:{alternatives})\b", re.I)


def _service_names(app: Sphinx) -> list[str]:
    directory = core.data(app.env).helplines
    if directory is None:
        return []
    return [s.name for region in directory.regions for s in region.services]


def _is_help_target(target: str, docname: str) -> bool:
    target = target.split("#", 1)[0]
    if not target:
        return False
    if not target.startswith("/"):  # a {doc} role's target is relative to the page
        candidates = [
            target,
            posixpath.normpath(posixpath.join(posixpath.dirname(docname), target)),
        ]
    else:
        candidates = [target.lstrip("/")]
    return any(c.removesuffix(".md").startswith(f"{HELP_FOLDER}/") for c in candidates)


def gives_the_way(node: nodes.Element, docname: str) -> bool:
    """Whether ``node`` holds a number from the data or a link to a Get help page."""
    for ref in node.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri.startswith(("tel:", "sms:")) or f"{HELP_FOLDER}/" in uri:
            return True
    for xref in node.findall(addnodes.pending_xref):
        if _is_help_target(xref.get("reftarget", ""), docname):
            return True
    return any("helplines" in c.get("classes", []) for c in node.findall(nodes.container))


def _box(paragraph: nodes.paragraph) -> nodes.Element:
    """Where a paragraph may find its number: the box it sits in (a key point's box, say),
    else its list item or quotation, else the paragraph itself."""
    for node in _ancestors(paragraph):
        if isinstance(node, nodes.admonition):
            return node
    for node in _ancestors(paragraph):
        if isinstance(node, BOXES):
            return node
    return paragraph


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None and not isinstance(node, nodes.section | nodes.document):
        yield node
        node = node.parent


def advice_in(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The words of each piece of advice to call someone in ``text``, in order."""
    return [
        m.group(0)
        for m in pattern.finditer(text)
        if not NOT_ADVICE.search(text[max(0, m.start() - 12) : m.start()])
    ]


def advice_without_number(
    doctree: nodes.document, docname: str, pattern: re.Pattern[str]
) -> list[tuple[nodes.paragraph, str]]:
    """(paragraph, the words) for each paragraph that says to call someone with no way to."""
    found = []
    if docname.startswith(f"{HELP_FOLDER}/") and gives_the_way(doctree, docname):
        return found  # a Get help page lists the numbers itself
    for paragraph in doctree.findall(nodes.paragraph):
        advice = advice_in(paragraph.astext(), pattern)
        if not advice:
            continue
        if gives_the_way(paragraph, docname) or gives_the_way(_box(paragraph), docname):
            continue
        after = paragraph.next_node(descend=False, siblings=True)
        if isinstance(after, nodes.Element) and gives_the_way(after, docname):
            continue  # "call the emergency number:" and the list of numbers just below
        found.append((paragraph, advice[0]))
    return found


def _check_page(app: Sphinx, doctree: nodes.document) -> None:
    if core.data(app.env).helplines is None:
        return  # a project with no helpline data (the contributor guide) has no numbers to give
    if not core.in_english(app):
        return  # English only, like the word checks: a translation follows the English page
    docname = app.env.docname
    pattern = advice_pattern(_service_names(app))
    for paragraph, words in advice_without_number(doctree, docname, pattern):
        core.warn(
            Warnings.CALL_NUMBER,
            Problem(
                0,
                f'"{words}" has no number and no link to one here',
                "put the number beside it with {tel}`REGION:service` (see docs/helplines.md), "
                f"or, where the number depends on the country, link the words to Get help: "
                f"[the emergency number]({_relative_help(docname)}).",
            ),
            location=paragraph,
        )


def _relative_help(docname: str) -> str:
    depth = docname.count("/")
    return "../" * depth + f"{HELP_FOLDER}/index.md"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-read", _check_page)
    return core.PARALLEL_SAFE
