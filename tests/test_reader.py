"""The site as its readers use it, in Chromium (issue 16): menus that open on a phone, help one
tap from every page, a quick exit that does not fire by mistake, controls big enough to tap,
no sideways scrolling, light citations, and four readers' journeys at a phone, tablet and
desktop size. Each test asserts what a reader sees: visible, in the viewport, big enough.

What the tests look for comes from the content: page titles from the built pages, countries
and crisis lines from ``_data/helplines.yaml``, workshop modules from ``handbook/workshops/``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from support.reading import TAP_TARGETS

from onebyone.data.helplines import check as check_helplines

from conftest import HANDBOOK, site_pages

pytestmark = pytest.mark.browser

PHONE, TABLET, DESKTOP = (390, 844), (768, 1024), (1280, 800)
SIZES = [PHONE, TABLET, DESKTOP]
EXIT = "https://www.bbc.co.uk/weather"
MIN_TAP = 44  # CSS px: WCAG 2.5.5 (AAA), GOV.UK, Apple and Material for the key controls
HELPLINES = yaml.safe_load((HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"))


@pytest.fixture
def open_page(browser, handbook_site: str):
    """A fresh page at a size, with the quick exit's target answered locally."""
    contexts = []

    def make(path: str, size=PHONE, javascript: bool = True, text_zoom: int = 100):
        touch = size[0] < 992
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            has_touch=touch,
            java_script_enabled=javascript,
        )
        context.route(
            f"{EXIT}**",
            lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"),
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(handbook_site + path)
        if text_zoom != 100:
            page.add_style_tag(content=f"html {{ font-size: {text_zoom}% !important; }}")
        return page

    yield make
    for context in contexts:
        context.close()


def tap(page, locator) -> None:
    """A finger (below 992 px) or a mouse on the control's centre, once the control is still and
    nothing covers it there, so that a page still settling (a dialog closing, a busy machine)
    cannot send the tap to whatever sat at that point a moment before."""
    locator.scroll_into_view_if_needed()
    before = None
    for _ in range(100):
        box = locator.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        on_top = locator.evaluate(
            "(e, [x, y]) => e.contains(document.elementFromPoint(x, y))", [x, y]
        )
        if box == before and on_top:
            break
        before = box
        page.wait_for_timeout(50)
    else:
        raise AssertionError(
            f"{locator} did not settle uncovered within 5 s: a reader could not tap it"
        )
    if page.viewport_size["width"] < 992:  # a touch screen
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    return bool(
        box
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


def assert_tappable(page, locator, what: str) -> None:
    assert locator.is_visible(), f"{what} is not visible"
    box = locator.bounding_box()
    assert box["width"] >= MIN_TAP and box["height"] >= MIN_TAP, f"{what} is {box}"


def first_heading(page_path: Path) -> str:
    html = page_path.read_text("utf-8")
    return re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)).strip()


def visible_one(page, selector: str):
    matches = [item for item in page.locator(selector).all() if item.is_visible()]
    assert matches, f"nothing visible matches {selector}"
    return matches[0]


# --- Navigation ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [PHONE, TABLET, (1280 // 2, 800 // 2)])  # last: desktop at 200 %
def test_the_menu_opens_and_closes_below_992_px(open_page, size):
    page = open_page("recognise/signs-in-a-child.html", size)
    menu = visible_one(page, ".primary-toggle")
    assert_tappable(page, menu, "Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    tap(page, menu)
    dialog = page.locator("#pst-primary-sidebar-modal")
    expect(dialog).to_have_js_property("open", True)
    expect(menu).to_have_attribute("aria-expanded", "true")
    links = [link for link in dialog.locator("nav a").all() if link.is_visible()]
    assert len(links) >= 10, "the menu opened without its links"
    page.keyboard.press("Escape")
    expect(dialog).to_have_js_property("open", False)
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    # Again, closed with its Close button.
    tap(page, menu)
    tap(page, dialog.locator(".onebyone-dialog-close"))
    expect(dialog).to_have_js_property("open", False)


@pytest.mark.parametrize("size", [PHONE, TABLET])
def test_on_this_page_opens_the_page_contents(open_page, size):
    page = open_page("recognise/signs-in-a-child.html", size)
    toggle = visible_one(page, ".secondary-toggle")
    assert_tappable(page, toggle, "On this page")
    tap(page, toggle)
    dialog = page.locator("#pst-secondary-sidebar-modal")
    expect(dialog).to_have_js_property("open", True)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert any(link.is_visible() for link in dialog.locator("a").all())
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_the_menu_on_a_desktop_hides_and_shows_the_sidebar(open_page):
    page = open_page("recognise/signs-in-a-child.html", DESKTOP)
    sidebar = page.locator("#pst-primary-sidebar")
    menu = visible_one(page, ".primary-toggle")
    assert sidebar.is_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    tap(page, menu)
    sidebar.wait_for(state="hidden")
    expect(menu).to_have_attribute("aria-expanded", "false")
    tap(page, menu)
    sidebar.wait_for(state="visible")
    expect(menu).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("size", SIZES)
def test_without_javascript_a_page_still_links_home_to_its_part_and_to_get_help(open_page, size):
    page = open_page("recognise/signs-in-a-child.html", size, javascript=False)
    trail = page.locator("nav.onebyone-trail")
    assert trail.is_visible()
    assert trail.locator('a[href="index.html"]').is_visible(), "no link to the part"
    assert trail.locator('a[href="../index.html"]').is_visible(), "no link home"
    help_link = page.locator(".quick-exit-bar a.onebyone-get-help")
    assert_tappable(page, help_link, "Get help")
    assert help_link.get_attribute("href") == "../get-help/index.html"


def test_no_tooltip_lingers_after_a_tap(open_page):
    page = open_page("online/sextortion.html", PHONE)
    for selector in (".primary-toggle", ".secondary-toggle", ".search-button"):
        assert visible_one(page, selector).get_attribute("data-bs-toggle") is None
    tap(page, visible_one(page, ".primary-toggle"))
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.locator(".tooltip").count() == 0


# --- Help one tap from every page -----------------------------------------------------------


def test_every_page_has_the_site_name_and_get_help_beside_the_quick_exit(handbook_html: Path):
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        bar = re.search(r'<div class="quick-exit-bar[^"]*">(.*?)</div>', html, re.S)
        assert bar, f"{path} has no site bar"
        assert 'class="quick-exit"' in bar.group(1), path
        assert 'class="onebyone-site-name"' in bar.group(1), path
        # On Get help itself the link points to the page and says it is the current one; from
        # a country page (in get-help/) it is the picker beside it.
        beside = "index.html" if path.startswith("get-help/") else "[./]*get-help/index.html"
        assert re.search(
            rf'class="onebyone-get-help" href="(?:{beside}"|#" aria-current)', bar.group(1)
        ), path


@pytest.mark.parametrize("size", [*SIZES, (320, 640)])
def test_get_help_and_the_site_name_are_on_screen_at_every_size(open_page, size):
    page = open_page("understand/forms.html", size)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    for selector, what in ((".onebyone-get-help", "Get help"), ("a.quick-exit", "Quick exit")):
        link = page.locator(f".quick-exit-bar {selector}")
        assert_tappable(page, link, what)
        assert in_viewport(page, link), f"{what} scrolled away at {size}"
    page.mouse.wheel(0, -6000)
    page.wait_for_timeout(200)
    names = [n for n in page.locator(".onebyone-site-name, .onebyone-trail__home").all()]
    assert any(n.is_visible() and in_viewport(page, n) for n in names), "no site name on screen"


# --- Quick exit -----------------------------------------------------------------------------


def test_shift_used_for_capitals_does_not_leave(open_page):
    page = open_page("online/sextortion.html", DESKTOP)
    page.keyboard.type("I Need Help NOW")
    page.keyboard.down("Shift")
    for letter in "ABC":
        page.keyboard.press(letter)
    page.keyboard.up("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("online/sextortion.html")


def test_shift_pressed_in_a_text_field_does_not_leave(open_page):
    page = open_page("online/sextortion.html", DESKTOP)
    tap(page, visible_one(page, ".search-button"))
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("online/sextortion.html")


def test_shift_pressed_alone_three_times_leaves_and_says_how_many_are_left(open_page):
    page = open_page("online/sextortion.html", DESKTOP)
    page.keyboard.press("Shift")
    status = page.locator(".quick-exit-bar [role=status]")
    assert "2 more" in status.text_content()
    page.keyboard.press("Shift")
    assert "1 more" in status.text_content()
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT)


def test_the_quick_exit_leaves_in_one_tap_while_search_is_open(open_page):
    page = open_page("online/sextortion.html", PHONE)
    tap(page, visible_one(page, ".search-button"))
    assert page.locator("#pst-search-dialog").evaluate("d => d.open")
    box = page.locator("a.quick-exit").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(EXIT)


# --- Touch and zoom -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["get-help/index.html", "online/sextortion.html", "index.html"])
def test_call_text_exit_and_menu_controls_are_at_least_44_px(open_page, path):
    page = open_page(path, PHONE)
    selector = (
        'article a[href^="tel:"], article a[href^="sms:"], a.quick-exit, .onebyone-get-help, '
        ".primary-toggle, .secondary-toggle, .search-button"
    )
    targets = page.evaluate(TAP_TARGETS, selector)
    assert len(targets) >= 4
    small = [t for t in targets if t[1] < MIN_TAP or t[2] < MIN_TAP]
    assert small == [], f"under {MIN_TAP} px on {path}: {small[:5]}"


def test_no_page_scrolls_sideways_at_320_px_or_at_200_percent_text(phone_walk: dict):
    """Every page on the narrowest phone (``support.walks``), its text at 100 % and 200 %."""
    wide = [
        f"{path} at {zoom} %"
        for path, measured in phone_walk["pages"].items()
        for zoom, width in zip((100, 200), measured["widths"], strict=True)
        if width > 320
    ]
    assert wide == [], f"pages wider than a 320 px screen: {wide}"


def test_body_text_is_at_least_18_px_on_a_phone(open_page):
    page = open_page("recognise/signs-in-a-child.html", PHONE)
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    )
    assert size >= 18


# --- Light citations ------------------------------------------------------------------------


def test_citations_are_at_most_3_percent_of_what_a_reader_sees(phone_walk: dict):
    heavy = {}
    for path, measured in phone_walk["pages"].items():
        if path in ("search.html", "reference/references.html") or not measured["citations"]:
            continue
        visible, cited = measured["citations"]
        if visible and cited / visible > 0.03:
            heavy[path] = round(100 * cited / visible, 1)
    assert heavy == {}, f"citations over 3 % of the visible text: {heavy}"


def test_a_citation_marker_opens_its_source_at_the_end_of_the_page(open_page):
    page = open_page("recognise/signs-in-a-child.html", PHONE)
    markers = page.locator("article sup.onebyone-cite a")
    assert markers.count() >= 5
    sources = page.locator("#page-sources details")
    assert not sources.evaluate("d => d.open"), "the Sources list should start folded"
    target = markers.nth(2).get_attribute("href")
    tap(page, markers.nth(2))
    page.wait_for_timeout(300)
    assert page.url.endswith(target)
    entry = page.locator(target)
    assert entry.is_visible() and in_viewport(page, entry)
    assert (
        entry.locator("a.onebyone-sources__full")
        .get_attribute("href")
        .startswith("../reference/references.html#")
    )


def test_no_citation_inside_the_help_boxes_and_no_repeated_number(handbook_html: Path):
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        for box in re.findall(
            r'<div class="(?:onebyone-component get-help|helplines)[^"]*">.*?</div>', html, re.S
        ):
            assert "bibtex-citation" not in box, f"a citation inside a help box on {path}"
        for group in re.findall(r'<sup class="onebyone-cite.*?</sup>', html, re.S):
            numbers = re.findall(r'href="#source-(\d+)"', group)
            assert len(numbers) == len(set(numbers)), f"a repeated source in {group} on {path}"


# --- A public handbook look -----------------------------------------------------------------


@pytest.mark.parametrize("size", [PHONE, DESKTOP])
def test_no_developer_chrome_and_one_search_button(open_page, size):
    page = open_page("recognise/signs-in-a-child.html", size)
    text = page.evaluate("document.body.innerText")
    assert "Ctrl" not in text and "Toggle" not in text
    assert not any(h.is_visible() for h in page.locator("a.headerlink").all())
    searches = [s for s in page.locator(".search-button, .search-button-field").all()]
    assert sum(s.is_visible() for s in searches) == 1


@pytest.mark.parametrize("size", [PHONE, DESKTOP])
def test_the_search_fields_glass_does_not_cover_the_words_typed(open_page, size):
    page = open_page("search.html?q=how+many+children", size)
    field = page.locator("article form.bd-search, .bd-search-container form.bd-search").first
    glass = field.locator(".fa-magnifying-glass").bounding_box()
    words = field.locator("input").evaluate(
        """(input) => { const box = input.getBoundingClientRect();
            return box.left + parseFloat(getComputedStyle(input).paddingLeft); }"""
    )
    assert glass["x"] + glass["width"] <= words, (glass, words)


# --- Four readers ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_a_parent_on_signs_opens_the_menu_reaches_what_to_do_and_taps_a_number(
    open_page, handbook_html, size
):
    page = open_page("recognise/signs-in-a-child.html", size)
    title = first_heading(handbook_html / "recognise" / "what-to-do.html")
    if size[0] < 992:
        tap(page, visible_one(page, ".primary-toggle"))
        link = page.locator("#pst-primary-sidebar-modal").get_by_role("link", name=title)
    else:
        link = page.locator("#pst-primary-sidebar").get_by_role("link", name=title)
    assert link.is_visible()
    tap(page, link)
    page.wait_for_url("**/recognise/what-to-do.html")
    number = visible_one(page, 'article a[href^="tel:"]')
    number.scroll_into_view_if_needed()
    assert in_viewport(page, number)
    assert_tappable(page, number, "the first phone number")


def _crisis_digits() -> set[str]:
    digits = set()
    for region in HELPLINES["regions"]:
        for service in region["services"]:
            if "crisis" in service.get("purposes", []):
                for phone in service.get("phones", []) + service.get("texts", []):
                    digits.add(re.sub(r"\D", "", phone["number"]).lstrip("0"))
    return digits


@pytest.mark.parametrize("size", SIZES)
def test_a_teenager_on_sextortion_finds_a_crisis_line_and_leaves_quickly(open_page, size):
    page = open_page("online/sextortion.html", size)
    crisis = _crisis_digits()
    assert crisis, "the helpline data lists no crisis line"
    found = []
    for link in page.locator('article a[href^="tel:"], article a[href^="sms:"]').all():
        digits = re.sub(r"\D", "", link.get_attribute("href")).lstrip("0")
        if any(digits.endswith(number) for number in crisis) and link.is_visible():
            found.append(link)
    assert found, "no crisis line on the sextortion page"
    assert_tappable(page, found[0], "the crisis line")
    exit_link = page.locator("a.quick-exit")
    assert in_viewport(page, exit_link)
    tap(page, exit_link)
    page.wait_for_url(EXIT)


@pytest.mark.parametrize("size", SIZES)
def test_a_traveller_reaches_cambodias_numbers_from_home_in_two_taps(open_page, size):
    cambodia = next(r for r in HELPLINES["regions"] if r["id"] == "KH")
    name = cambodia["name"].removeprefix("the ")
    page = open_page("index.html", size)
    tap(page, page.locator(".quick-exit-bar a.onebyone-get-help"))  # tap 1
    page.wait_for_url("**/get-help/**")
    country = visible_one(page, f'article a:has-text("{name}")')
    href = country.get_attribute("href")
    tap(page, country)  # tap 2
    page.wait_for_url(f"**/get-help/{href}")
    page.wait_for_timeout(300)
    emergency = _emergency_digits(cambodia)
    on_screen = [
        link
        for link in page.locator('article a[href^="tel:"]').all()
        if link.is_visible()
        and in_viewport(page, link)
        and re.sub(r"\D", "", link.get_attribute("href")).endswith(tuple(emergency))
    ]
    assert on_screen, f"{name}'s emergency number is not on the first screen at {size}"
    assert_tappable(page, on_screen[0], f"{name}'s emergency number")


def _emergency_digits(region: dict) -> list[str]:
    service = next((s for s in region["services"] if s["id"] == "emergency"), None)
    phones = service.get("phones", []) if service else []
    return [re.sub(r"\D", "", phone["number"]) for phone in phones]


FIRST_SCREEN_CALLS = """(wanted) => [...document.querySelectorAll('article a[href^="tel:"]')]
  .filter((link) => wanted.some((number) =>
      link.getAttribute('href').replace(/\\D/g, '').endsWith(number)))
  .filter((link) => getComputedStyle(link).visibility !== 'hidden')
  .map((link) => link.getBoundingClientRect())
  .filter((box) => box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
      && box.right <= innerWidth && box.bottom <= innerHeight)
  .map((box) => [box.width, box.height])"""


def test_every_country_page_starts_with_its_emergency_number_on_a_phones_first_screen(
    open_page, handbook_html: Path
):
    """For every region in the helpline data with an emergency number, its page shows that
    number as a tappable call button inside the first 390 by 844 screen."""
    directory, _ = check_helplines(
        (HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"), date.today(), 10**6
    )
    regions = [r for r in directory.regions if r.service("emergency")]
    assert regions, "the helpline data has no emergency number"
    page = open_page("get-help/index.html", PHONE)
    base = page.url.rsplit("/", 1)[0]
    missing = []
    for region in regions:
        page.goto(f"{base}/{region.slug}.html")
        wanted = [re.sub(r"\D", "", phone.number) for phone in region.service("emergency").phones]
        # Each of the page's call links for that number that is drawn wholly on the first
        # screen, with its size: read in the page at once, not link by link.
        boxes = page.evaluate(FIRST_SCREEN_CALLS, wanted)
        if not any(width >= MIN_TAP and height >= MIN_TAP for width, height in boxes[:1]):
            missing.append(region.title)
    assert missing == [], f"emergency number not a tappable button on the first screen: {missing}"


@pytest.mark.parametrize("size", SIZES)
def test_a_teacher_finds_a_modules_guide_handout_and_card(open_page, size):
    modules = sorted(p.parent.name for p in (HANDBOOK / "workshops").glob("*/module.yaml"))
    assert modules
    page = open_page("workshops/index.html", size)
    for kind in ("guide", "handout"):
        link = page.locator(f'article a[href*="{modules[0]}-{kind}-a4.pdf"]').first
        link.scroll_into_view_if_needed()
        assert link.is_visible(), f"no {kind} for {modules[0]}"
    card = page.locator('article a[href*="/card-"]').first
    card.scroll_into_view_if_needed()
    assert card.is_visible(), "no country card"
