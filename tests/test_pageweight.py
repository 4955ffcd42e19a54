"""Light pages: no FontAwesome script, a subset icon font that still draws every icon, the
search index only on the search page (and search still works), Khmer in a vendored font."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from onebyone.site.pageweight import SOLID_FONT, THEME_CSS, icon_codepoints, icons_used

from conftest import site_pages


def test_no_page_loads_the_fontawesome_script(handbook_html: Path):
    for path in site_pages(handbook_html):
        assert "fontawesome.js" not in (handbook_html / path).read_text("utf-8"), path


def test_only_the_search_page_loads_the_search_index(handbook_html: Path):
    loading = [
        path
        for path in site_pages(handbook_html)
        if re.search(r'<script[^>]+src="[^"]*searchindex\.js', (handbook_html / path).read_text())
    ]
    assert loading == ["search.html"]


def test_only_stylesheets_hold_up_the_first_paint(handbook_html: Path):
    """Each page (but search) links one stylesheet of ours for the screen, the bundle, with
    everything our separate ones hold, no Pygments stylesheet, and no script in its head that
    stops the page drawing, except the one that picks light or dark."""
    static = handbook_html / "_static"
    ours = sorted(p.name for p in static.glob("onebyone-*.css") if p.name != "onebyone-print.css")
    assert len(ours) >= 2
    bundle = (static / "onebyone.css").read_text("utf-8")
    for name in ours:
        assert (static / name).read_text("utf-8") in bundle, f"{name} is not in the bundle"
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        head = html.split("</head>", 1)[0]
        assert "pygments.css" not in head, path
        assert head.count("_static/onebyone.css?") == 1, path
        assert not re.search(r'href="[^"]*onebyone-(?!print)[a-z]+\.css', head), path
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


def test_icons_and_khmer_text_draw_from_the_sites_own_fonts(browser, handbook_site: str):
    page = browser.new_page()
    page.goto(handbook_site + "index.html")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(
        """async () => {
            await document.fonts.ready;
            return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
        }"""
    )
    assert any("Font Awesome" in family for family in loaded)
    assert '"Noto Sans Khmer"' in loaded or "Noto Sans Khmer" in loaded
    page.close()


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
