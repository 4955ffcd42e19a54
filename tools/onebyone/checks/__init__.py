"""Every content check, each one module of the same shape: read the ``onebyone`` domain or walk
the doctree, and warn with ``onebyone.core.warn`` (file, line, message, fix).

``extensions = ["onebyone.checks"]`` loads them all, in this order:

- ``sphinx_fixes``: a plain-words "Fix:" for Sphinx's own warnings (first, so it sees them all);
- ``frontmatter``: the page metadata schema, kept in the domain for the others;
- ``terminology``: words we avoid; ``spelling``: misspellings and US spellings (both read
  ``prose``, the one definition of what a reader reads as prose, which readability shares);
- ``readability``: reading level per page, and empty pages;
- ``images``: alt text, size, credit and licence;
- ``freshness``: pages past their review date;
- ``sources``: references from sites we never cite (``_data/source-denylist.yaml``);
- ``linkbound``: a bound on Sphinx's external link check;
- ``encoding``: a page not saved as UTF-8 (file, line, fix; no crash report);
- ``structure``: a box or code block never closed, a page with no title;
- ``scripts``: raw HTML that would run code (script, on*= handler, javascript:, iframe...);
- ``links``: plain http:// addresses (pages, references.bib, data), links to a shared anchor;
- ``size``: a word too long to wrap on a phone, a page over its size budget;
- ``callnumbers``: "call the emergency number" (the police, a helpline...) with no number and
  no link to Get help in the same paragraph or box.

The typed-number check (``typed_numbers``) belongs to the helpline data and is loaded by
``onebyone.content.helplines``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

PARTS = (
    "sphinx_fixes",
    "frontmatter",
    "terminology",
    "spelling",
    "readability",
    "images",
    "freshness",
    "sources",
    "linkbound",
    "encoding",
    "structure",
    "scripts",
    "links",
    "size",
    "callnumbers",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    return core.setup_parts(app, __name__, PARTS)
