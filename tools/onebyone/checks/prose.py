"""The prose of a page, as a reader reads it: what the word checks look at.

``passages(doctree, skip)`` yields each run of text in a resolved doctree with the file
and line it was written on. It leaves out what is not prose: code and literal blocks, inline
code, raw HTML, comments, maths, link targets, and web or email addresses written out as text
(a link's address is an attribute, never text, so it is left out anyway). Text inside an
element for which ``skip(element)`` is true is left out too: that is how a check honours a
deliberate mention (``{avoid}`` gives the class ``avoided-term``, ``{formal-name}`` gives
``formal-name``).

This is the one definition of prose. Both word checks (``checks.terminology`` and
``checks.spelling``) walk pages through here; the reading level (``checks.readability``) starts
from ``NOT_PROSE`` and adds what it leaves out besides (tables, titles, citations); the language
marker (``content.language``) leaves ``NOT_PROSE`` text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from docutils import nodes

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
    the first line it covers."""

    text: str
    source: str | None
    line: int | None
    node: nodes.Text | None = field(default=None, compare=False, repr=False)

    def inside(self, kind: type[nodes.Element]) -> bool:
        """Whether the text sits inside an element of this kind (a citation, a table...)."""
        return any(isinstance(parent, kind) for parent in _ancestors(self.node))

    def line_at(self, offset: int) -> int | None:
        """The line of the character at ``offset``: soft line breaks stay in the text."""
        return None if self.line is None else self.line + self.text.count("\n", 0, offset)


def _skipped(node: nodes.Node, skip: Callable[[nodes.Element], bool]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, NOT_PROSE) or skip(parent):
            return True
        parent = parent.parent
    return False


def _anchor(node: nodes.Node) -> nodes.Element | None:
    """The nearest element that knows its line (a paragraph, title, list item, cell...)."""
    parent = node.parent
    while parent is not None and parent.line is None:
        parent = parent.parent
    return parent


def passages(
    doctree: nodes.Node, skip: Callable[[nodes.Element], bool] = lambda element: False
) -> Iterator[Passage]:
    """Every run of prose in ``doctree``, with blanks where a written-out address was.

    Neighbouring text nodes are joined (a soft line break can split a sentence into several),
    so a phrase that runs over a line break is still found."""
    newlines_before: dict[int, int] = {}  # per anchor: line breaks in its text so far
    for run in _runs(doctree):
        whole = "".join(str(node) for node in run)
        anchor = _anchor(run[0])
        seen = newlines_before.get(id(anchor), 0)
        newlines_before[id(anchor)] = seen + whole.count("\n")
        if _skipped(run[0], skip):
            continue
        text = ADDRESS.sub(lambda m: " " * len(m.group(0)), whole)
        source, line = (None, None)
        if anchor is not None:
            source, line = anchor.source, anchor.line + seen
            if source is None:  # text made by a directive: the page that holds it
                source = next(
                    (p.source for p in _ancestors(anchor) if getattr(p, "source", None)), None
                )
        yield Passage(text, source, line, run[0])


def _runs(element: nodes.Node) -> Iterator[list[nodes.Text]]:
    """Runs of neighbouring text nodes, in document order."""
    run: list[nodes.Text] = []
    for child in element.children:
        if isinstance(child, nodes.Text):
            run.append(child)
            continue
        if run:
            yield run
            run = []
        yield from _runs(child)
    if run:
        yield run


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node is not None:
        yield node
        node = node.parent
