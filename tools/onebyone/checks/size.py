"""What is too big for a phone: a word too long to wrap, and a page over its size budget.

- **A very long word** (over ``onebyone_word_max`` characters, 50 by default) or web
  address (over 100) in a page's text cannot wrap, so on a phone the whole page scrolls
  sideways. Code, citation keys and link targets are not counted; an address shown as text is.
- **A page over its budget** (over ``onebyone_page_words_max`` words of text, 6,000 by
  default; the longest page today has about 3,100). A reader on a phone with little data
  downloads it all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.checks import prose
from onebyone.checks.scripts import line_of
from onebyone.core import Problem, Warnings

# Text inside these is code or markup, not words a reader's phone has to wrap: what is not prose
# (the one definition, checks/prose.py), and a citation's keys before they become markers.
NOT_PROSE = (*prose.NOT_PROSE, addnodes.pending_xref)
# Scripts written without spaces between words, which browsers break with a dictionary (and
# content/khmer.py marks with zero-width spaces): not one long word.
UNSPACED = re.compile("[\u0e00-\u0e7f\u1780-\u17ff\u19e0-\u19ff]")
# A web address shown as text (so it can be typed from a printed handout) may be longer;
# the site's CSS breaks it. Beyond this it is a link that needs words instead.
ADDRESS_MAX = 100
ADDRESS = re.compile(r"(https?://|mailto:|www\.)|^[\w.-]+\.[a-z]{2,}/")


def _prose(doctree: nodes.document) -> Iterator[nodes.Text]:
    """The page's text nodes in order, leaving out whole what is not prose (one walk)."""
    for child in doctree.children:
        if isinstance(child, nodes.Text):
            yield child
        elif not isinstance(child, NOT_PROSE):
            yield from _prose(child)


def _check(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    longest = app.config.onebyone_word_max
    words = 0
    for text in _prose(doctree):
        found = text.astext().replace("\u200b", " ").split()
        words += len(found)
        for word in (w for w in found if len(w) > longest and not UNSPACED.search(w)):
            is_address = bool(ADDRESS.match(word))
            limit = ADDRESS_MAX if is_address else longest
            if len(word) <= limit:
                continue
            shown = word if len(word) <= 60 else f"{word[:40]}…{word[-12:]}"
            if is_address:
                fix = "give the link a few words of text instead, such as [the report](https://...)"
            else:
                fix = "break it into words, or shorten it"
            line = line_of(text.parent)
            problem = Problem(
                line,
                f"'{shown}' is {len(word)} characters with no space (the limit is {limit}), "
                "so on a phone the page would scroll sideways",
                fix,
            )
            core.warn(Warnings.PAGE_SIZE, problem, location=(docname, line))
    budget = app.config.onebyone_page_words_max
    if words > budget:
        problem = Problem(
            1,
            f"page size: this page has {words:,} words of text, over the budget of {budget:,}, "
            "and a reader on a phone with little data downloads it all at once",
            "split it into shorter pages (see the guide's 'Add a page'), or remove text that "
            "is repeated",
        )
        core.warn(Warnings.PAGE_SIZE, problem, location=(docname, 1))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_word_max", 50, "env", types=frozenset({int}))
    app.add_config_value("onebyone_page_words_max", 6000, "env", types=frozenset({int}))
    app.connect("doctree-read", _check)
    return core.PARALLEL_SAFE
