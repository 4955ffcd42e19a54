"""Light pages: no FontAwesome or Bootstrap script, a subset icon font that still draws every
icon, the search index only on the search page (and search still works), Khmer in a vendored
font and, on pages in other languages, in a subset of it; the themes' stylesheets cut to what
the site uses while every page still looks exactly as with the whole ones."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pydata_sphinx_theme
import pytest
import sphinx_book_theme
from fontTools.ttLib import TTFont
from playwright.sync_api import expect

from onebyone.site.pageweight import (
    IMPORTING_CSS,
    KHMER_PAGE,
    KHMER_SUBSET_FONT,
    SCREEN_CSS,
    SOLID_FONT,
    THEME_CSS,
    THEME_PRE_ASSETS,
    TRIMMED_CSS,
    icon_codepoints,
    icons_used,
    khmer_characters,
    rebased,
    unused_rules_removed,
)

from conftest import site_pages


def test_no_page_loads_the_fontawesome_or_bootstrap_script(handbook_html: Path):
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        assert "fontawesome.js" not in html, path
        assert "bootstrap.js" not in html, path
    assert not (handbook_html / "_static" / "scripts" / "bootstrap.js").exists()


def test_only_the_search_page_loads_the_search_index(handbook_html: Path):
    loading = [
        path
        for path in site_pages(handbook_html)
        if re.search(r'<script[^>]+src="[^"]*searchindex\.js', (handbook_html / path).read_text())
    ]
    assert loading == ["search.html"]


STYLESHEET = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")(?![^>]*\bmedia="print")[^>]*>')
PRELOAD = re.compile(r'<link\b[^>]*\brel="preload"')


def test_only_stylesheets_hold_up_the_first_paint(handbook_html: Path):
    """Each page links one stylesheet for the screen, the screen bundle, before its font
    preloads (so it comes first, on the page's own connection); the bundle holds the themes'
    cut stylesheets and ours (everything our separate ones hold), with no @import; no page
    links Pygments' stylesheet, and no page (but search) has a script in its head that stops
    the page drawing, except the one that picks light or dark."""
    static = handbook_html / "_static"
    ours = sorted(
        p.name
        for p in static.glob("onebyone-*.css")
        if p.name not in ("onebyone-print.css", Path(SCREEN_CSS).name)
    )
    assert len(ours) >= 2
    bundle = (static / "onebyone.css").read_text("utf-8")
    for name in ours:
        assert (static / name).read_text("utf-8") in bundle, f"{name} is not in the bundle"
    screen = (handbook_html / SCREEN_CSS).read_text("utf-8")
    parts = SCREEN_PARTS.findall(screen)
    assert parts == [*THEME_PRE_ASSETS, *TRIMMED_CSS[1:], "_static/onebyone.css"]
    for part in parts:
        text = rebased((handbook_html / part).read_text("utf-8"), part, SCREEN_CSS)
        assert text in screen, f"{part} is not in {SCREEN_CSS}"
    assert "@import" not in screen
    for url in re.findall(r'url\("?([^")]+)', screen):
        if not url.startswith("data:"):
            assert (static / url).is_file(), f"{SCREEN_CSS} names {url}, which is not there"
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        head = html.split("</head>", 1)[0]
        assert "pygments.css" not in head, path
        sheets = STYLESHEET.findall(head)
        assert len(sheets) == 1 and "_static/onebyone-screen.css?v=" in sheets[0], (path, sheets)
        assert all(head.index(sheets[0]) < m.start() for m in PRELOAD.finditer(head)), path
        if path != "search.html":
            blocking = re.findall(r"<script(?![^>]*\b(?:defer|async)\b)[^>]*\bsrc=\"([^\"]+)", head)
            assert [s for s in blocking if "onebyone-privacy.js" not in s] == [], (path, blocking)


def test_the_icon_font_keeps_every_icon_the_pages_use_and_nothing_else(handbook_html: Path):
    font = handbook_html / SOLID_FONT
    codepoints = icon_codepoints((handbook_html / THEME_CSS).read_text("utf-8"))
    used = {codepoints[name] for name in icons_used(handbook_html) if name in codepoints}
    assert len(used) >= 10  # search, menu, contents, colour modes, arrows...
    cmap = set(TTFont(font).getBestCmap())
    assert used <= cmap
    assert font.stat().st_size < 8_000  # the theme's full font is about 150 KB


def test_icons_and_khmer_words_draw_from_the_sites_own_small_fonts(browser, handbook_site: str):
    """The start page (the language switcher's Khmer name, a Khmer saying) fetches the small
    Khmer subset, not the whole Khmer font."""
    page = browser.new_page()
    fonts = []
    page.on("request", lambda request: request.url.endswith(".woff2") and fonts.append(request.url))
    page.goto(handbook_site + "index.html")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(
        """async () => {
            await document.fonts.ready;
            return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
        }"""
    )
    assert any("Font Awesome" in family for family in loaded)
    assert [f.strip('"') for f in loaded if "Khmer" in f] == ["Noto Sans Khmer Subset"]
    assert [url for url in fonts if "khmer" in url] == [handbook_site + KHMER_SUBSET_FONT]
    page.close()


def test_the_khmer_subset_holds_every_khmer_letter_of_the_pages_not_in_khmer(
    handbook_html: Path,
):
    letters = set()
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        if not KHMER_PAGE.search(html[:2000]):
            letters |= khmer_characters(html)
    assert len(letters) >= 5  # ខ្មែរ, in the language switcher on every page
    font = handbook_html / KHMER_SUBSET_FONT
    assert letters <= set(TTFont(font).getBestCmap())
    assert font.stat().st_size < 4_000  # the whole Khmer font is about 23 KB


def test_unused_rules_go_and_the_rest_stay_as_they_were():
    css = (
        "/*! licence */.a{color:red}.b,.a{margin:0}.gone{x:1}:not(.gone) p{y:2}"
        "@media (min-width:1px){.gone{z:3}.a:hover{z:4}}@media print{.gone{z:5}}"
        "@font-face{font-family:F}html[data-theme=dark] .a::before{q:5}"
    )
    assert unused_rules_removed(css, {"a", "p", "html"}) == (
        "/*! licence */.a{color:red}.a{margin:0}:not(.gone) p{y:2}"
        "@media (min-width:1px){.a:hover{z:4}}"
        "@font-face{font-family:F}html[data-theme=dark] .a::before{q:5}"
    )


THEMES = {
    THEME_CSS: Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static",
    "_static/styles/sphinx-book-theme.css": (
        Path(sphinx_book_theme.__file__).parent / "theme/sphinx_book_theme/static"
    ),
    IMPORTING_CSS: Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static",
}


CLASSES = re.compile(r'class="([^"]+)"')
SCREEN_PARTS = re.compile(r"^/\* onebyone\.pageweight: (\S+) \*/$", re.M)


def _answer_with(source: Path):
    return lambda route: route.fulfill(path=source)


def _answer_css(text: str):
    return lambda route: route.fulfill(body=text, content_type="text/css")


def drawn_styles(page) -> list[str]:
    """Each drawn element's tag, class and computed style (custom properties aside), read in
    one call by Chromium's DOMSnapshot (as Lighthouse reads styles): five times faster than
    asking for each property of each element from a script. Elements not drawn (a closed
    list, the phone's hidden sidebar) have no box to compare; the desktop pass draws the
    sidebar, and the reader tests open the lists."""
    names = page.evaluate(
        "() => [...getComputedStyle(document.body)].filter((name) => !name.startsWith('--'))"
    )
    cdp = page.context.new_cdp_session(page)
    snapshot = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": names})
    cdp.detach()
    strings, document = snapshot["strings"], snapshot["documents"][0]
    nodes, layout = document["nodes"], document["layout"]
    drawn = []
    for node, style in zip(layout["nodeIndex"], layout["styles"], strict=True):
        if nodes["nodeType"][node] != 1:  # text: styled as its element
            continue
        attributes = nodes["attributes"][node]
        pairs = dict(zip(attributes[::2], attributes[1::2], strict=True))
        classes = next((strings[v] for k, v in pairs.items() if strings[k] == "class"), "")
        values = ";".join(f"{name}:{strings[v]}" for name, v in zip(names, style, strict=True))
        drawn.append(f"{strings[nodes['nodeName'][node]]}.{classes} {hash(values)}")
    return drawn


def settled_styles(page) -> list[str]:
    """The page's drawn styles once its fonts are in and two readings 100 ms apart agree:
    a font arriving late (the icons') changes the sizes of what holds it."""
    page.evaluate("document.fonts.ready.then(() => true)")
    before = drawn_styles(page)
    for _ in range(20):
        page.wait_for_timeout(100)
        now = drawn_styles(page)
        if now == before:
            break
        before = now
    return before


NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.mark.parametrize(("size", "scheme"), [((390, 844), "light"), ((1280, 800), "dark")])
def test_the_cut_stylesheets_draw_each_page_exactly_as_the_themes_whole_ones(
    browser, handbook_html: Path, handbook_site: str, size, scheme
):
    """Every drawn element of the start page, Get help, the search page and the page with the
    most kinds of element (the most distinct class attributes) has the same computed style with
    the cut stylesheets as with the themes' own files."""
    assert {*TRIMMED_CSS, IMPORTING_CSS} == set(THEMES)
    pages = site_pages(handbook_html)
    richest = max(
        pages, key=lambda path: len(set(CLASSES.findall((handbook_html / path).read_text())))
    )
    help_page = next(p for p in pages if p.startswith("get-help/") and p.endswith("index.html"))
    styles = []
    for whole in (False, True):
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, color_scheme=scheme
        )
        if whole:
            for relative, folder in THEMES.items():
                source = folder / relative.removeprefix("_static/")
                context.route(f"**/{relative}*", _answer_with(source))
            # The screen bundle as the list of its parts, each fetched (and so answered whole)
            parts = SCREEN_PARTS.findall((handbook_html / SCREEN_CSS).read_text("utf-8"))
            imports = "".join(
                f'@import url("{posixpath.relpath(part, posixpath.dirname(SCREEN_CSS))}");\n'
                for part in parts
            )
            context.route(f"**/{SCREEN_CSS}*", _answer_css(imports))
        page = context.new_page()
        seen = []
        for path in ("index.html", help_page, "search.html", richest):
            page.goto(handbook_site + path)
            page.wait_for_load_state("networkidle")
            # Transitions still running on a busy machine (the dark scheme set as the page
            # loads) would be caught halfway: both runs end them, the same way.
            page.add_style_tag(content=NO_MOTION)
            seen.append((path, settled_styles(page)))
        styles.append(seen)
        context.close()
    cut, whole = styles
    for (path, elements), (_, expected) in zip(cut, whole, strict=True):
        assert len(elements) == len(expected) > 50, path
        differ = [mine for mine, wanted in zip(elements, expected, strict=True) if mine != wanted]
        assert differ == [], f"{path}: styled otherwise than by the whole stylesheets: {differ[:5]}"


def test_the_light_or_dark_list_opens_under_its_button_and_closes(browser, handbook_site: str):
    """Without Bootstrap's script: a tap opens the list on screen, Escape closes it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(handbook_site + "index.html")
    page.wait_for_load_state("networkidle")
    button = page.locator(".theme-switch-button:visible").first
    choices = page.locator(".theme-change-button:visible")
    assert button.get_attribute("aria-expanded") == "false" and choices.count() == 0
    button.tap()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(choices).to_have_count(3)
    for index in range(3):
        box = choices.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(choices).to_have_count(0)
    context.close()


def test_search_from_an_ordinary_page_finds_pages(browser, handbook_site: str):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(handbook_site + "understand/forms.html")
    page.keyboard.press("Control+k")
    search = page.locator("input[name=q]:visible").first
    search.fill("grooming")
    search.press("Enter")
    page.wait_for_url("**/search.html?q=grooming*")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() >= 3
    page.close()
