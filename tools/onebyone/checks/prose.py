"""The prose of a page, as a reader reads it: what the word checks look at.

``passages(doctree)`` lists each run of text in a resolved doctree with the file and line it
was written on. It leaves out what is not prose: code and literal blocks, inline code, raw HTML,
comments, maths, link targets, and web or email addresses written out as text (a link's
address is an attribute, never text, so it is left out anyway). Each passage carries the
classes of the elements around it and the bibliography entry it sits in: that is how a check
honours a deliberate mention (``{avoid}`` gives the class ``avoided-term``, ``{formal-name}``
gives ``formal-name``) by leaving such passages out.

``page_passages(env, doctree)`` works a page's passages out once and shares them between the
checks that read the same resolved page (kept in the ``onebyone`` domain, ``core.data``).

This is the one definition of prose. Both word checks (``checks.terminology`` and
``checks.spelling``) walk pages through here; the reading level (``checks.readability``) starts
from ``NOT_PROSE`` and adds what it leaves out besides (tables, titles, citations); the language
marker (``content.language``) leaves ``NOT_PROSE`` text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes

from onebyone import core

# Elements whose text is not prose that a reader reads as sentences.
NOT_PROSE = (
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.raw,
    nodes.comment,
    nodes.math,
    nodes.math_block,
    nodes.target,
    nodes.substitution_definition,
    nodes.system_message,
)
# A web or email address written out as text, such as "www.missingkids.org" in a link.
ADDRESS = re.compile(r"(?:https?://|mailto:|www\.)\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


@dataclass(frozen=True)
class Passage:
    """A run of text, where it was written (``source`` may be None for generated text), and
    the first line it covers. ``classes`` holds the classes of every element around the text
    (``avoided-term``, ``formal-name``...); ``citations`` the ids of the bibliography entry it
    sits in, if any; ``in_citation`` whether it sits in one."""

    text: str
    source: str | None
    line: int | None
    node: nodes.Text | None = field(default=None, compare=False, repr=False)
    classes: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    citations: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    in_citation: bool = field(default=False, compare=False, repr=False)

    def inside(self, kind: type[nodes.Element]) -> bool:
        """Whether the text sits inside an element of this kind (a citation, a table...)."""
        return any(isinstance(parent, kind) for parent in _ancestors(self.node))

    def line_at(self, offset: int) -> int | None:
        """The line of the character at ``offset``: soft line breaks stay in the text."""
        return None if self.line is None else self.line + self.text.count("\n", 0, offset)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def passages(doctree: nodes.Node) -> list[Passage]:
    """Every run of prose in ``doctree``, in document order, with blanks where a written-out
    address was.

    Neighbouring text nodes are joined (a soft line break can split a sentence into several),
    so a phrase that runs over a line break is still found. The tree is walked once: each
    element is looked at once, however deep the text below it."""
    found: list[Passage] = []
    newlines_before: dict[int, int] = {}  # per anchor: line breaks in its text so far

    def add(run: list[nodes.Text], anchor, skipped, classes, citations, in_citation) -> None:
        whole = "".join(run)
        seen = newlines_before.get(id(anchor), 0)
        newlines_before[id(anchor)] = seen + whole.count("\n")
        if skipped:
            return
        source, line = (None, None)
        if anchor is not None:
            source, line = anchor.source, anchor.line + seen
            if source is None:  # text made by a directive: the page that holds it
                source = next(
                    (p.source for p in _ancestors(anchor) if getattr(p, "source", None)), None
                )
        text = ADDRESS.sub(_blank, whole)
        found.append(Passage(text, source, line, run[0], classes, citations, in_citation))

    def walk(element, anchor, skipped, classes, citations, in_citation) -> None:
        run: list[nodes.Text] = []
        for child in element.children:
            if isinstance(child, nodes.Text):
                run.append(child)
                continue
            if run:
                add(run, anchor, skipped, classes, citations, in_citation)
                run = []
            child_classes, child_citations, child_in = classes, citations, in_citation
            if child.get("classes"):
                child_classes = classes | frozenset(child["classes"])
            if isinstance(child, nodes.citation):
                child_in = True
                child_citations = citations | frozenset(child["ids"])
            walk(
                child,
                child if child.line is not None else anchor,
                skipped or isinstance(child, NOT_PROSE),
                child_classes,
                child_citations,
                child_in,
            )
        if run:
            add(run, anchor, skipped, classes, citations, in_citation)

    if isinstance(doctree, nodes.Element):
        walk(doctree, _anchor_from(doctree), *_context(doctree))
    return found


def page_passages(env, doctree: nodes.Node) -> list[Passage]:
    """``passages(doctree)``, worked out once per page and shared by the checks that read it
    (terminology and spelling both run when the page is resolved): the ``onebyone`` domain
    keeps the last page's."""
    domain = core.data(env)
    kept = domain.prose
    if kept is not None and kept[0] is doctree:
        return kept[1]
    found = passages(doctree)
    domain.prose = (doctree, found)
    return found


def _context(element: nodes.Element) -> tuple[bool, frozenset[str], frozenset[str], bool]:
    """What ``element`` and the elements around it make of the text inside: whether it is
    never prose, its classes, and the ids of the bibliography entry and whether it is in one."""
    skipped, classes, citations, in_citation = False, frozenset(), frozenset(), False
    for around in _ancestors(element):
        skipped = skipped or isinstance(around, NOT_PROSE)
        classes |= frozenset(around.get("classes", ()))
        if isinstance(around, nodes.citation):
            citations |= frozenset(around["ids"])
            in_citation = True
    return skipped, classes, citations, in_citation


def _anchor_from(element: nodes.Element | None) -> nodes.Element | None:
    """``element`` or the nearest element around it that knows its line."""
    while element is not None and element.line is None:
        element = element.parent
    return element


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node is not None:
        yield node
        node = node.parent
