"""pybtex skips the LaTeX decoder for text it would not change (onebyone.content.bibtex): the
list of what it would change is checked against latexcodec's own table, every field of the
handbook's references.bib and random text."""

from __future__ import annotations

import codecs
import random
import string

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from latexcodec import lexer
from latexcodec.codec import LatexUnicodeTable
from pybtex.database import parse_file

from onebyone.content.bibtex import LATEX

from conftest import HANDBOOK


def decodes_to_itself(text: str) -> bool:
    return codecs.decode(text, "ulatex") == text


def test_every_latex_sequence_the_decoder_knows_is_caught():
    table = LatexUnicodeTable(lexer.LatexIncrementalDecoder())
    table.register_all()
    missed = [
        (text, unicode)
        for tokens, unicode in table.unicode_map.items()
        if (text := "".join(token.text for token in tokens)) != unicode and not LATEX.search(text)
    ]
    assert missed == []


def test_every_field_it_lets_through_decodes_to_itself():
    database = parse_file(HANDBOOK / "references.bib")
    texts = []
    for entry in database.entries.values():
        texts += entry.fields.values()
        for person in (p for people in entry.persons.values() for p in people):
            texts += [str(person), *person.first_names, *person.last_names]
    plain = [text for text in texts if not LATEX.search(text)]
    assert len(plain) > len(texts) / 3, "most fields should skip the decoder"
    assert [text for text in plain if not decodes_to_itself(text)] == []


def test_random_text_it_lets_through_decodes_to_itself():
    rng = random.Random(2026)
    alphabet = string.ascii_letters + string.digits + string.punctuation + "  \t\néàüßøçñ–—’“”«»„¿¡"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if not LATEX.search(text):
            assert decodes_to_itself(text), repr(text)
