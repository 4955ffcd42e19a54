"""The helpline data's words in other languages (``translations`` in _data/helplines.yaml): a
translated page shows a service's name, hours and notes in its language, with the fixed words
of its helpline blocks from the language's sphinx.po, and every number still from the data; a
service with no translation falls back to English without breaking the build; a page with no
translation keeps English blocks; and a translation can never bring a number of its own. What
is checked is read from the data and the catalogues."""

from __future__ import annotations

import copy
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from markupsafe import Markup

from onebyone.data.helplines import Directory, check_data, dial

from conftest import (
    HANDBOOK,
    SITES,
    VALID_FRONT_MATTER,
    add_extensions,
    build_or_fail,
    write_pages,
)

DATA = yaml.safe_load((HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"))
TODAY = date(2026, 12, 3)


def problems_of(data: dict) -> list[str]:
    _, problems = check_data(data, lambda path: 0, TODAY, 10_000)
    return [f"{problem.message} | {problem.fix}" for problem in problems]


def translated_region() -> tuple[dict, str]:
    """The first region of the data with a translated service, and that language."""
    for region in DATA["regions"]:
        for service in region["services"]:
            for code in service.get("translations", {}):
                return region, code
    pytest.fail("no service in helplines.yaml has translations")


def one_region(region: dict) -> dict:
    return {"regions": [copy.deepcopy(region)]}


def test_the_data_as_it_is_passes():
    region, _ = translated_region()
    assert problems_of(one_region(region)) == []


@pytest.mark.parametrize(
    ("field", "text", "says"),
    [
        ("note", "Call 0800 123 456 instead", "0800"),  # a number the English does not have
        ("note", "Lisez https://example.org", "web address"),
        ("hours", "de 8 h à 23 h, 0800 999", "0800"),  # hours: short times yes, numbers no
    ],
)
def test_a_translation_never_brings_a_number_or_an_address(field: str, text: str, says: str):
    region, code = translated_region()
    data = one_region(region)
    service = data["regions"][0]["services"][0]
    service.setdefault("translations", {}).setdefault(code, {})[field] = text
    service.setdefault("note", "An English note")
    assert any(says in problem for problem in problems_of(data)), problems_of(data)


def test_numbers_in_any_script_count_and_times_in_hours_are_free():
    region, _ = translated_region()
    data = one_region(region)
    service = data["regions"][0]["services"][0]
    service["note"] = "Calls are free"
    service["hours"] = "8am to 11pm"
    service["translations"] = {"km": {"note": "លេខ ១១៧"}, "fr": {"hours": "de 8 h à 23 h"}}
    found = problems_of(data)
    assert any("117" in problem for problem in found), "Khmer digits are digits"
    assert not any("hours" in problem for problem in found), found


def test_a_translation_needs_its_english():
    region, code = translated_region()
    data = one_region(region)
    service = data["regions"][0]["services"][0]
    service.pop("languages", None)
    service["translations"] = {code: {"languages": "Khmer"}}
    assert any("translates nothing" in problem for problem in problems_of(data))


def test_words_fall_back_to_english_field_by_field():
    region, code = translated_region()
    directory = Directory.model_validate(one_region(region))
    for service in directory.regions[0].services:
        words = service.words(code)
        own = service.translations.get(code)
        for field in type(words).model_fields:
            expected = getattr(own, field, None) if own else None
            assert getattr(words, field) == (expected or getattr(service, field))
        assert service.words("") == service.words("xx")  # English, for any other language


def catalogue(code: str) -> dict[str, str]:
    with (HANDBOOK / "locales" / code / "LC_MESSAGES" / "sphinx.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.string and not m.fuzzy}


def article_text(page: Path) -> str:
    """What a reader reads in a scratch page's body (its theme has no article element)."""
    html = page.read_text("utf-8")
    body = re.search(r"<div class=\"body\"[^>]*>(.*?)<div class=\"sphinxsidebar\"", html, re.S)
    return Markup(re.sub(r"<[^>]+>", " ", body.group(1))).unescape()


def plain(text: str) -> str:
    """Text as compared: straight apostrophes (French builds curl them), single spaces."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """A scratch project in the region's language with the region's real data, where one
    service has lost its translation: a translated page and an untranslated one, both
    showing the region's helplines."""
    region, code = translated_region()
    data = one_region(region)
    untranslated = next(s for s in data["regions"][0]["services"] if s.get("translations"))
    del untranslated["translations"]
    root = tmp_path_factory.mktemp("helpline-words")
    source = root / "source"
    shutil.copytree(SITES / "scratch", source)
    block = f"\n```{{helplines}} {region['id']}\n:report:\n```\n"
    write_pages(
        source,
        {
            "translated": VALID_FRONT_MATTER + "\n# Helplines here\n" + block,
            "english": VALID_FRONT_MATTER + "\n# Helplines there\n" + block,
        },
    )
    (source / "_data").mkdir()
    (source / "_data" / "helplines.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    messages = source / "locales" / code / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(HANDBOOK / "locales" / code / "LC_MESSAGES" / "sphinx.po", messages)
    (messages / "translated.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Helplines here"\nmsgstr "Lignes ici"\n',
        encoding="utf-8",
    )
    shutil.copy(HANDBOOK / "references.bib", source / "references.bib")
    add_extensions(
        source,
        "onebyone.content.helplines",
        settings=(
            'myst_url_schemes = ["http", "https", "mailto", "tel", "sms"]',
            'onebyone_helplines_report_url = "https://example.org/report"',
            'locale_dirs = ["locales/"]',
            "gettext_compact = False",
        ),
    )
    html = build_or_fail(source, root / "html", "html", "-D", f"language={code}")
    directory = Directory.model_validate(data)
    return html, code, directory.regions[0], untranslated["id"]


def test_a_translated_page_shows_the_services_words_in_its_language(built):
    html, code, region, untranslated = built
    text = plain(article_text(html / "translated.html"))
    words = catalogue(code)
    for service in region.services:
        own = service.translations.get(code)
        if own is None:
            continue
        for field, translation in own:
            if translation:
                assert plain(translation) in text, f"{service.id} {field}"
                english = getattr(service, field)
                # (names can be in the citations' author names too)
                if field in ("hours", "languages", "note") and english not in translation:
                    assert plain(english) not in text, f"{service.id} {field} still in English"
    # The blocks' own words come from the language's sphinx.po.
    for msgid in ("Hours: %(hours)s", "Last checked against %(source)s on %(date)s", "Tell us"):
        assert plain(words[msgid].split("%(")[0]) in text, msgid
    assert "Hours:" not in text and "Last checked against" not in text


def test_every_number_still_comes_from_the_data(built):
    html, _, region, _ = built
    page = (html / "translated.html").read_text("utf-8")
    for service in region.services:
        for field in ("phones", "texts"):
            for number in getattr(service, field):
                dialled = dial(number, region.countries(), text=field == "texts")
                assert f'href="{dialled.href}"' in page, f"{service.id}: {dialled.href}"
                assert number.number in page


def test_a_missing_translation_falls_back_to_english(built):
    html, code, region, untranslated = built
    text = plain(article_text(html / "translated.html"))
    service = region.service(untranslated)
    assert not service.translations
    assert plain(service.hours) in text and plain(service.name) in text
    # A page that is not translated keeps English blocks, whatever the data has.
    english = plain(article_text(html / "english.html"))
    assert "Hours:" in english and "Tell us" in english
    for other in region.services:
        own = other.translations.get(code)
        if own and own.hours and own.hours != other.hours:
            assert plain(own.hours) not in english
