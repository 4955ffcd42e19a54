"""Line breaks in Khmer: Khmer puts no spaces between words, so a renderer needs to be told where
a line may break. Chromium finds the breaks itself (ICU's dictionary), but WeasyPrint, which
prints the PDFs, does not, and a long Khmer sentence would run off the page.

In a Khmer build (``-D language=km``) this inserts a zero-width space (U+200B) between words,
found by ``khmercut`` (a dictionary-trained segmenter from PyPI), in every run of Khmer text
that has none. A run in which the translator typed zero-width spaces is left as written (Khmer
writers' own breaks win). No break goes before a sign that belongs to the word before it
(the repetition sign ៗ, the full stop ។). Without ``khmercut`` installed the build says so and
goes on: the site still wraps in Chromium; the PDF would not.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

logger = logging.getLogger(__name__)
ZWSP = "\u200b"
RUN = re.compile("[\u1780-\u17ff\u19e0-\u19ff]{2,}")
# A word may start a new line only if it starts with a consonant or an independent vowel.
STARTS_WORD = re.compile("^[\u1780-\u17b3]")
SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.FixedTextElement)


def segment(text: str, tokenize) -> str:  # type: ignore[no-untyped-def]
    """``text`` with a zero-width space between Khmer words, where none was typed."""

    def run(match: re.Match[str]) -> str:
        words = [word for word in tokenize(match.group()) if word]
        out = words[0] if words else ""
        for word in words[1:]:
            out += (ZWSP if STARTS_WORD.match(word) else "") + word
        return out

    if ZWSP in text:
        return text
    return RUN.sub(run, text)


def tokenizer():  # type: ignore[no-untyped-def]
    """khmercut's word splitter, or None (said once per build) when it is not installed."""
    try:
        from khmercut import tokenize
    except ImportError:
        logger.info("khmercut is not installed: Khmer words get no line-break hints")
        return None
    return tokenize


def segment_doctree(doctree: nodes.document) -> None:
    """Line-break hints in every run of Khmer text of a doctree (also a print's translated
    page: ``onebyone.outputs.pdf.translate``)."""
    tokenize = tokenizer()
    if tokenize is None:
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, SKIP) or not RUN.search(str(text)):
            continue
        new = segment(str(text), tokenize)
        if new != str(text):
            parent.replace(text, nodes.Text(new))


def _segment_doctree(app: Sphinx, doctree: nodes.document) -> None:
    if (app.config.language or "").split("_")[0] != "km":
        return
    segment_doctree(doctree)


def setup(app: Sphinx) -> ExtensionMetadata:
    # After the translation is applied (the Locale transform runs before doctree-read).
    app.connect("doctree-read", _segment_doctree)
    return core.PARALLEL_SAFE
