"""Country cards in the country's language: a language whose data lists a region's cards
(``_data/languages.yaml``: ``cards``) prints that region's pocket card and poster in the
language too, beside the English ones, with its words from the language's catalogue and every
number from the helpline data. What is checked is read from the data and the catalogues."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
import yaml
from babel.messages.pofile import read_po
from pypdf import PdfReader

from onebyone.data.helplines import PURPOSE_WORDS, dial
from onebyone.data.helplines import check as check_helplines

from conftest import (
    HANDBOOK,
    SITES,
    VALID_FRONT_MATTER,
    add_extensions,
    build_or_fail,
    write_pages,
)

pytestmark = pytest.mark.pdf

TEMPLATES = Path(__file__).parent.parent / "tools" / "onebyone" / "outputs" / "pdf" / "templates"
SUMMARY = (
    VALID_FRONT_MATTER
    + """
# Signs and what to do

**In a child.** You might notice that a child {cite:p}`nspcc-nd-signs`:

- lets an adult speak for them

**What to do.** If you are worried:

1. If a child is in immediate danger, call the emergency number.
"""
)
# A draft translation of the scratch summary's sign, in each language that prints cards.
SIGN = "lets an adult speak for them"
SIGN_IN = {
    "es": "deja que un adulto hable por él",
    "fr": "laisse un adulte parler à sa place",
    "km": "ទុកឱ្យមនុស្សពេញវ័យនិយាយជំនួសខ្លួន",
}
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad"), None)


def languages_data() -> dict:
    return yaml.safe_load((HANDBOOK / "_data" / "languages.yaml").read_text("utf-8"))


def card_languages() -> list[dict]:
    return [lang for lang in languages_data()["languages"] if lang.get("cards")]


def catalogue(code: str) -> dict[str, str]:
    path = HANDBOOK / "locales" / code / "LC_MESSAGES" / "sphinx.po"
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.string and not m.fuzzy}


def template_words() -> set[str]:
    """Every ``_('...')`` of the card and poster templates and the macros they use."""
    words = set()
    for name in ("card", "poster", "numbers"):
        text = (TEMPLATES / f"{name}.html.jinja").read_text("utf-8")
        words |= set(re.findall(r"_\('([^']+)'\)", text))
    return words


@pytest.mark.parametrize("code", [lang["code"] for lang in card_languages()])
def test_a_language_that_prints_cards_has_every_word_of_the_cards(code: str):
    """No English word left on a translated card: every template string and every purpose a
    service can have is in the language's sphinx.po, with the same placeholders."""
    messages = catalogue(code)
    for msgid in template_words() | set(PURPOSE_WORDS.values()):
        assert messages.get(msgid), f"{code}: no translation of {msgid!r} in sphinx.po"
        assert re.findall(r"%\(\w+\)s", messages[msgid]) == re.findall(r"%\(\w+\)s", msgid)
        assert not re.search(r"\d{3}", messages[msgid]), f"{code}: a number in {msgid!r}"


def text_of(pdf: Path) -> str:
    """The PDF's text layer, as a reader who copies it gets it. Poppler's pdftotext gives Khmer
    back as the words (pypdf reorders Khmer vowel signs); pypdf where it is not installed."""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    return " ".join(text.translate(INVISIBLE).split())


@pytest.fixture(scope="module")
def khmer_card(tmp_path_factory: pytest.TempPathFactory):
    """A scratch project with one region whose cards a language prints: the first language in
    languages.yaml that prints cards, preferring Khmer (its script is the hardest to print)."""
    langs = sorted(card_languages(), key=lambda lang: lang["code"] != "km")
    lang = langs[0]
    region_id, region_name = next(iter(lang["cards"].items()))
    root = tmp_path_factory.mktemp("cards-languages")
    source = root / "source"
    shutil.copytree(SITES / "scratch", source)
    pages = {
        "recognise/summary": SUMMARY,
        "get-help/index": VALID_FRONT_MATTER + "\n# Get help\n\nCall the emergency number.\n",
    }
    write_pages(source, pages)
    helplines = yaml.safe_load((HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"))
    helplines["regions"] = [r for r in helplines["regions"] if r["id"] == region_id]
    (source / "_data").mkdir()
    (source / "_data" / "helplines.yaml").write_text(
        yaml.safe_dump(helplines, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    data = {
        "safety-core": ["index"],
        "languages": [
            {
                "code": lang["code"],
                "name": lang["name"],
                "strings": lang["strings"],
                "cards": {region_id: region_name},
            }
        ],
    }
    (source / "_data" / "languages.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    messages = source / "locales" / lang["code"] / "LC_MESSAGES"
    (messages / "recognise").mkdir(parents=True)
    shutil.copy(HANDBOOK / "locales" / lang["code"] / "LC_MESSAGES" / "sphinx.po", messages)
    (messages / "recognise" / "summary.po").write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{SIGN}"\nmsgstr "{SIGN_IN[lang["code"]]}"\n',
        encoding="utf-8",
    )
    shutil.copy(HANDBOOK / "references.bib", source / "references.bib")
    add_extensions(
        source,
        "onebyone.content.helplines",
        "onebyone.site.languages",
        settings=(
            'html_baseurl = "https://example.org/"',
            'myst_url_schemes = ["http", "https", "mailto", "tel", "sms"]',
            'onebyone_cards_signs_page = "recognise/summary"',
            'locale_dirs = ["locales/"]',
            "gettext_compact = False",
        ),
    )
    build_or_fail(source, root / "pdf", "pdf")
    directory, problems = check_helplines(
        (source / "_data" / "helplines.yaml").read_text("utf-8"), date.today(), 10_000
    )
    assert directory is not None, problems
    return root / "pdf", lang["code"], directory.region(region_id), region_name


def test_the_card_is_printed_in_the_language_with_the_same_numbers(khmer_card):
    folder, code, region, name = khmer_card
    words = catalogue(code)
    english = folder / f"card-{region.id.lower()}-a4.pdf"
    translated = folder / f"card-{region.id.lower()}-{code}-a4.pdf"
    reader = PdfReader(translated)
    assert len(reader.pages) == 2, "front and back"
    assert reader.trailer["/Root"]["/Lang"] == code
    text, text_en = text_of(translated), text_of(english)
    heading = words["Signs and who to call in %(region)s"] % {"region": name}
    squeeze = lambda s: re.sub(r"\s+", "", s.translate(INVISIBLE))  # noqa: E731
    assert squeeze(heading) in squeeze(text), heading
    assert squeeze(SIGN_IN[code]) in squeeze(text), "the sign, from the page's catalogue"
    assert "Signs and who to call in" not in text and SIGN not in text
    for service in region.services:
        for number in [*service.phones, *service.texts]:
            shown = dial(number, region.countries(), text=number in service.texts).display
            shown = shown.split(" (", 1)[0]
            assert shown in text_en and shown in text, f"{service.name}: {shown}"
    # A service's name in the language, where the helpline data has one (translations);
    # the English name on the English card.
    named = [s for s in region.services if s.translations.get(code) and s.translations[code].name]
    for service in named:
        assert squeeze(service.translations[code].name) in squeeze(text), service.id
        assert squeeze(service.name) in squeeze(text_en), service.id
    # The English card stays.
    assert PdfReader(english).trailer["/Root"]["/Lang"] != code
    poster = folder / f"poster-{region.id.lower()}-{code}-a4.pdf"
    assert len(PdfReader(poster).pages) == 1
    if code == "km":  # page 1 of the Khmer card, to look at
        page = pypdfium2.PdfDocument(translated)[0]
        page.render(scale=2).to_pil().save("/tmp/cards-km.png")
