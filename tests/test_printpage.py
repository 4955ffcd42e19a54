"""A page printed from the site, by Chromium: the article only, with web addresses after links,
and no navigation, quick exit or search; dark mode still prints black on white."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_printed_page_is_the_article_with_its_web_addresses(
    browser, handbook_site: str, mode: str
):
    context = browser.new_context(color_scheme=mode)
    page = context.new_page()
    page.goto(handbook_site + "online/report-abuse-online.html")
    external = page.locator(".bd-article a.reference.external[href^='https']").first
    address = external.get_attribute("href")
    title = page.locator("article h1").inner_text()
    page.emulate_media(media="print")
    for chrome in (".bd-header", ".bd-sidebar-primary", ".quick-exit-bar", ".prev-next-area"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.bd-article p')).color")
        == "rgb(0, 0, 0)"
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
    flat = "".join(text.split())
    assert "".join(title.split()) in flat
    assert "".join(address.split()) in flat  # the web address is printed after its link
    assert "Leavethispagequickly" not in flat
    assert "Skiptomaincontent" not in flat
    context.close()
