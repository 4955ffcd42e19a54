"""The quick exit, in Chromium: it works without JavaScript, hides the page at once, leaves so
that Back does not return, answers three presses of Shift, and is the first control after the
skip link, visible without scrolling on a phone and a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

EXIT = "https://www.bbc.co.uk/weather"
START = "https://start.example/"  # a page the reader was on before the handbook
NEUTRAL = "<!doctype html><title>Weather</title><p>The weather today.</p>"


@pytest.fixture
def page_of(browser):
    """A new page whose network answers the exit and start addresses locally."""
    contexts = []

    def make(width: int = 1280, height: int = 800, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        contexts.append(context)
        context.route(
            START,
            lambda route: route.fulfill(body="<title>Start</title>", content_type="text/html"),
        )
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def neutral(route) -> None:
    route.fulfill(body=NEUTRAL, content_type="text/html")


def test_every_page_has_the_quick_exit(handbook_html: Path):
    pages = [p for p in handbook_html.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= 40
    for page in pages:
        html = page.read_text("utf-8")
        assert f'class="quick-exit" href="{EXIT}" rel="nofollow noreferrer"' in html, page


def test_the_link_works_with_javascript_off(handbook_html: Path, page_of):
    page = page_of(javascript=False)
    page.route(f"{EXIT}**", neutral)
    page.goto((handbook_html / "recognise" / "what-to-do.html").as_uri())
    page.locator("a.quick-exit").click()
    page.wait_for_url(EXIT)
    assert page.title() == "Weather"


def test_a_click_hides_the_page_and_its_title_at_once(handbook_html: Path, page_of):
    page = page_of()
    page.goto((handbook_html / "recognise" / "signs-in-a-child.html").as_uri())
    # Point the link nowhere, so that the page can be seen after the script has hidden it
    # (a page cannot be inspected while a navigation away from it is under way).
    page.evaluate("document.querySelector('a.quick-exit').href = 'javascript:void(0)'")
    page.locator("a.quick-exit").click(no_wait_after=True)
    assert page.evaluate("document.documentElement.classList.contains('quick-exit-leaving')")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "hidden"
    assert page.evaluate("document.title") == ""


def test_after_leaving_back_does_not_return_to_the_handbook(handbook_html: Path, page_of):
    page = page_of()
    page.route(f"{EXIT}**", neutral)
    page.goto(START)
    page.goto((handbook_html / "recognise" / "signs-in-a-child.html").as_uri())
    page.locator("a.quick-exit").click()
    page.wait_for_url(EXIT)
    page.go_back()
    assert page.url == START, "Back returned to the handbook page"


def test_three_presses_of_shift_leave_the_page(handbook_html: Path, page_of):
    page = page_of()
    page.route(f"{EXIT}**", neutral)
    page.goto((handbook_html / "online" / "sextortion.html").as_uri())
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT)


def test_two_presses_of_shift_do_not(handbook_html: Path, page_of):
    page = page_of()
    page.goto((handbook_html / "index.html").as_uri())
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("index.html")


def test_the_quick_exit_is_the_first_control_after_the_skip_link(handbook_html: Path, page_of):
    page = page_of()
    page.goto((handbook_html / "get-help" / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "quick-exit"
    label = page.evaluate("document.activeElement.textContent")
    assert "Leave this page quickly" in label and "Shift key three times" in label


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_quick_exit_is_visible_without_scrolling_and_stays(
    handbook_html: Path, page_of, width: int, height: int
):
    page = page_of(width, height)
    page.goto((handbook_html / "understand" / "forms.html").as_uri())
    for scrolled in (False, True):
        if scrolled:
            page.mouse.wheel(0, 4000)
            page.wait_for_timeout(200)
        link = page.locator("a.quick-exit")
        assert link.is_visible()
        box = link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
