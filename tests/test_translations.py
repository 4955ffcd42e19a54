"""Translations: the release rule, the switcher and the status banner, no phone number in a
catalogue, and Khmer that wraps on a phone with its search box replaced by a line to the
contents. The language data is read from handbook/_data/languages.yaml; one translated build
(Khmer, shown as a translator's preview) is shared by the tests that need it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from onebyone.data import languages as langdata

from conftest import HANDBOOK, build_or_fail, built_once

DATA = yaml.safe_load((HANDBOOK / "_data" / "languages.yaml").read_text("utf-8"))
CORE = DATA["safety-core"]


def _po(path: Path, entries: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    catalogue = Catalog(locale="fr")
    for msgid, msgstr in entries.items():
        catalogue.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue)


def test_release_rule_hides_a_language_with_an_incomplete_safety_core(tmp_path: Path):
    data, problems = langdata.check((HANDBOOK / "_data" / "languages.yaml").read_text("utf-8"))
    assert data is not None and not problems
    two = [
        lang.model_copy(update={"code": code})
        for lang, code in zip(data.languages[:2], ("fr", "es"), strict=True)
    ]
    data = data.model_copy(update={"languages": two})
    for page in CORE:  # French: every core page complete
        _po(tmp_path / "fr" / "LC_MESSAGES" / f"{page}.po", {"Hello": "Bonjour"})
    for page in CORE[:-1]:  # Spanish: the last core page has one entry out of date
        _po(tmp_path / "es" / "LC_MESSAGES" / f"{page}.po", {"Hello": "Hola"})
    _po(
        tmp_path / "es" / "LC_MESSAGES" / f"{CORE[-1]}.po",
        {"Hello": "Hola", "Bye": "Adiós"},
        fuzzy=("Bye",),
    )
    table = langdata.completeness(tmp_path, data, [*CORE, "index"])
    assert langdata.released(table, CORE) == ["fr"]
    assert table["es"][CORE[-1]]["fuzzy"] == 1
    assert "| es | " in langdata.markdown(table, CORE)


def test_reviewed_needs_a_role_and_a_date():
    text = (HANDBOOK / "_data" / "languages.yaml").read_text("utf-8")
    bad = text.replace("{status: draft}", "{status: reviewed}", 1)
    _, problems = langdata.check(bad)
    assert any("role" in problem.fix for problem in problems)


@pytest.fixture(scope="session")
def gettext(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built once for every test process (``built_once``), not once in each that asks.
    return built_once(
        tmp_path_factory, "gettext", lambda folder: build_or_fail(HANDBOOK, folder, "gettext")
    )


def test_the_country_picker_is_never_in_a_catalogue(gettext: Path):
    # A new region in the data must not put a translated page out of date: the picker's links
    # are named from the data (and CLDR), not from words a translator has to write.
    picker = (gettext / "get-help" / "index.pot").read_text("utf-8")
    assert "Choose your country" in picker  # the page's own words are there
    assert not re.search(r'^msgid "\{doc\}`[^`]*`"$', picker, re.M), "a picker link is a message"


def test_updating_the_catalogues_keeps_every_translated_word(gettext: Path):
    """`nox -s translations` (sphinx-intl update) marks obsolete whatever the new templates
    lack: every word a language's sphinx.po translates must be in the gettext build's
    sphinx.pot, including the words of our Python and print templates."""
    from babel.messages.pofile import read_po

    with (gettext / "sphinx.pot").open("rb") as handle:
        template = {message.id for message in read_po(handle) if message.id}
    for po in sorted((HANDBOOK / "locales").glob("*/LC_MESSAGES/sphinx.po")):
        with po.open("rb") as handle:
            words = {message.id for message in read_po(handle) if message.id and message.string}
        lost = sorted(str(word) for word in words - template)
        assert not lost, f"{po.relative_to(HANDBOOK)}: an update would drop {lost}"


def test_no_helpline_number_in_any_catalogue(gettext: Path):
    helplines = yaml.safe_load((HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"))
    numbers = {
        re.sub(r"\D", "", number["number"])
        for region in helplines["regions"]
        for service in region["services"]
        for number in [*service.get("phones", []), *service.get("texts", [])]
    }
    long_numbers = {n for n in numbers if len(n) >= 6}  # short codes (112, 999) are also years
    assert long_numbers
    catalogues = [*gettext.rglob("*.pot"), *(HANDBOOK / "locales").rglob("*.po")]
    assert len(catalogues) > 40
    for catalogue in catalogues:
        text = catalogue.read_text("utf-8")
        digits = {re.sub(r"\D", "", run) for run in re.findall(r"\+?\d[\d \-]{5,}\d", text)}
        assert not digits & long_numbers, f"{catalogue}: a helpline number is translatable"
        assert "tel:" not in text.replace("{tel}", ""), f"{catalogue}: a typed tel: link"


@pytest.fixture(scope="session")
def khmer_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Khmer build, as a translator previews it (the language is not released yet); built
    once for every test process."""
    preview = ",".join(lang["code"] for lang in DATA["languages"])

    def build(folder: Path) -> Path:
        return build_or_fail(
            HANDBOOK,
            folder / "km",
            "html",
            "-j",
            "2",
            "-D",
            "language=km",
            "-D",
            f"onebyone_languages_preview={preview}",
        )

    return built_once(tmp_path_factory, "khmer-html", build)


def _drafts(code: str) -> list[str]:
    lang = next(lang for lang in DATA["languages"] if lang["code"] == code)
    return [page for page, review in lang["review"].items() if review["status"] == "draft"]


def test_switcher_links_to_the_same_page_in_each_language(khmer_html: Path):
    page = _drafts("km")[0]
    html = (khmer_html / f"{page}.html").read_text("utf-8")
    assert '<html lang="km"' in html
    switcher = re.search(r'<nav class="language-switcher.*?</nav>', html, re.S).group(0)
    links = dict(re.findall(r'href="([^"]+)" hreflang="([^"]+)"', switcher))
    assert set(links.values()) == {"en"} | {lang["code"] for lang in DATA["languages"]} - {"km"}
    for href, code in links.items():
        target = (khmer_html / page).parent.joinpath(href).resolve()
        # English at the site's root, each language in its folder: the same page name.
        relative = target.relative_to(khmer_html.parent.resolve())
        name = relative.with_suffix("").as_posix().removeprefix(f"{code}/")
        assert name == page and (HANDBOOK / f"{name}.md").exists(), href
    assert "<script" not in switcher


def test_banner_says_draft_and_links_to_english(khmer_html: Path):
    lang = next(lang for lang in DATA["languages"] if lang["code"] == "km")
    page = _drafts("km")[0]
    html = (khmer_html / f"{page}.html").read_text("utf-8")
    assert "translation-draft" in html
    assert lang["strings"]["draft"] in html
    assert f'href="{"../" * (page.count("/") + 1)}{page}.html"' in html
    # A page with no translation says so, in Khmer, and shows the English text. (Once the
    # safety core is translated, such a page is one whose Khmer catalogue is missing or empty.)
    catalogues = HANDBOOK / "locales" / "km" / "LC_MESSAGES"
    untranslated = next(
        name
        for name in sorted(
            path.relative_to(HANDBOOK).with_suffix("").as_posix()
            for path in HANDBOOK.rglob("*.md")
            if not any(part.startswith(("_", ".")) for part in path.relative_to(HANDBOOK).parts)
        )
        if name not in lang["review"]
        and not langdata.page_counts(catalogues / f"{name}.po")["translated"]
        and (khmer_html / f"{name}.html").exists()
    )
    other = (khmer_html / f"{untranslated}.html").read_text("utf-8")
    assert "translation-not-translated" in other and lang["strings"]["not-translated"] in other


def test_a_translated_country_page_shows_the_helpline_words_of_its_language(khmer_html: Path):
    """Each Khmer card region's page, translated: its services' words from the helpline
    data's Khmer translations, the blocks' fixed words from km's sphinx.po, and every number
    (and the link that dials it) from the data."""
    from datetime import date

    from onebyone.content.countrypages import page_name
    from onebyone.data.helplines import UNCONFIRMED, check, dial

    lang = next(lang for lang in DATA["languages"] if lang["code"] == "km")
    directory, _ = check(
        (HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"), date.today(), 10_000
    )
    with (HANDBOOK / "locales" / "km" / "LC_MESSAGES" / "sphinx.po").open("rb") as handle:
        words = {m.id: m.string for m in read_po(handle) if m.id and m.string}
    invisible = dict.fromkeys(map(ord, "\u200b"), None)  # the line-break hints
    for region_id in lang["cards"]:
        region = directory.region(region_id)
        if page_name(region) not in lang["review"]:
            continue
        html = (khmer_html / f"{page_name(region)}.html").read_text("utf-8")
        text = html.translate(invisible)
        assert words["Hours: %(hours)s"].split("%(")[0].strip().translate(invisible) in text
        assert "Hours:" not in text
        # A number only a secondary page shows says so in the page's language (also in a
        # {tel} role), never in English.
        assert UNCONFIRMED not in text
        for service in region.services:
            own = service.translations.get("km")
            for field, translated in own or ():
                if translated:
                    assert translated.translate(invisible) in text, f"{service.id} {field}"
            for field in ("phones", "texts"):
                for number in getattr(service, field):
                    dialled = dial(number, region.countries(), text=field == "texts")
                    assert f'href="{dialled.href}"' in html, f"{service.id} {dialled.href}"


def test_khmer_words_get_break_hints_but_typed_ones_win():
    from onebyone.content.khmer import ZWSP, segment

    words = ["ប្រសិនបើ", "កុមារ", "ភ្លាម", "ៗ", " ", "សូម", "។"]
    text = "".join(words)
    hinted = segment(text, lambda run: [w for w in words if w in run])
    assert hinted.replace(ZWSP, "") == text  # the text itself never changes
    assert f"ប្រសិនបើ{ZWSP}កុមារ" in hinted and f"{ZWSP}ៗ" not in hinted and f"{ZWSP}។" not in hinted
    typed = f"មួយ{ZWSP}មួយមួយ"
    assert segment(typed, lambda run: list(run)) == typed


LONG_KHMER = "ការការពារកុមារពីការជួញដូរមនុស្សគឺជាការងាររបស់យើងទាំងអស់គ្នា" * 8


@pytest.mark.browser
def test_khmer_wraps_on_a_phone_and_search_points_to_the_contents(khmer_html: Path, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto((khmer_html / f"{_drafts('km')[0]}.html").as_uri())
    widths = page.evaluate(
        """(text) => {
            const article = document.querySelector('article.bd-article');
            const p = document.createElement('p');
            p.textContent = text;
            article.appendChild(p);
            return {p: p.scrollWidth, box: article.clientWidth, height: p.clientHeight,
                    doc: document.documentElement.scrollWidth};
        }""",
        LONG_KHMER,
    )
    assert widths["p"] <= widths["box"], widths
    assert widths["doc"] <= 390, widths
    assert widths["height"] > 100, widths  # many lines, not one overflowing line
    assert page.locator(".no-search a").is_visible()
    # The menu's and the header's icons keep their icon font (in Khmer's, they were boxes).
    icons = page.locator('[class*="fa-"]').evaluate_all(
        "els => els.filter(e => e.offsetParent).map(e => getComputedStyle(e).fontFamily)"
    )
    assert icons and all("Font Awesome" in family for family in icons), icons
    for selector in (".search-button", ".search-button-field"):
        assert page.locator(selector).evaluate_all("els => els.every(e => !e.offsetParent)")
    context.close()


def test_every_listed_language_passes_the_release_rule_with_the_catalogues_in_the_repository():
    data, problems = langdata.check((HANDBOOK / "_data" / "languages.yaml").read_text("utf-8"))
    assert data is not None and not problems
    pages = sorted({*data.safety_core, *(p for lang in data.languages for p in lang.review)})
    table = langdata.completeness(HANDBOOK / "locales", data, pages)
    released = langdata.released(table, data.safety_core)
    for lang in data.languages:
        if lang.listed:
            assert lang.code in released, f"{lang.code} is listed but below the release rule"
        for page in lang.review:  # a page marked draft or reviewed has a whole translation
            assert table[lang.code][page]["complete"], f"{lang.code} {page}: not complete"


# What a translation must carry over unchanged: the data a reader relies on.
KEPT = re.compile(r"\{(?:tel|web|cite:p|cite:t)\}`[^`]*`|\]\([^)\s]*\)|<[^<>`]+>`")
# {term}`residential care` may become {term}`words in the language <residential care>`.
IMPLICIT = re.compile(r"(\{(?:term|doc|ref)\}`)([^`<]+)`")


def _kept(text: str) -> list[str]:
    return sorted(KEPT.findall(IMPLICIT.sub(lambda m: f"{m[1]}{m[2]} <{m[2]}>`", text)))


def test_translations_keep_every_number_role_citation_and_link_target():
    checked = 0
    for po in sorted((HANDBOOK / "locales").rglob("*.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if not message.id or not message.string or message.fuzzy:
                continue
            checked += 1
            where = f"{po.relative_to(HANDBOOK)}: {message.id[:60]!r}"
            assert _kept(message.string) == _kept(message.id), where
    assert checked > 100
