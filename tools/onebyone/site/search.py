"""Search that answers questions: Sphinx's own search, tuned for readers' questions.

Readers type questions ("what to do", "who do I call", "worried about my son"), not
keywords. Sphinx's English search drops about 170 stop words, so "what to do" found nothing,
and it ranks equal scores alphabetically. This module:

- indexes and searches English with a short stop-word list (articles and a few joining
  words), so "what", "to", "do", "who", "how", "help" and "call" count;
- ranks a page whose title holds the words first, then a section heading, then the text;
  glossary entries and workshop handouts come after the pages that explain the same thing
  (``static/onebyone-search-scorer.js``, set as ``html_search_scorer``);
- takes each snippet from the article, not from the page header's buttons or the language
  switcher, and only for the first ten results (Sphinx fetches a result's whole page for it).

The index stays on the search page only (``onebyone.site.pageweight``): it loads when a
reader searches. ``tests/test_search.py`` checks the questions in ``tests/search-questions.yaml``
(how to add one: ``docs/design.md``). ``benchmarks/search_engines.py`` measures this search
against Pagefind on the same build; the numbers of 3 December 2026 and the decision to keep
Sphinx's search are in ``docs/design.md`` (Search).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.en import SearchEnglish
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

SCORER = Path(__file__).parent / "static" / "onebyone-search-scorer.js"

# Words so common that they tell pages apart by nothing; question words stay searchable.
READER_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
    ]
)


class ReaderEnglish(SearchEnglish):
    """Sphinx's English search (same stemmer) with a short stop-word list."""

    stopwords = READER_STOP_WORDS


def _use_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_search_language(ReaderEnglish)
    app.connect("config-inited", _use_scorer)
    return core.PARALLEL_SAFE
