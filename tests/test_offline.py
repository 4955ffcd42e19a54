"""The offline bundle (onebyone.outputs.offline), as a facilitator uses it: unzipped from a USB
stick and opened from file://, with no server and no internet. Chromium opens the home page,
follows the site bar to Get help, searches, and leaves by the quick exit."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from onebyone.outputs.offline import BUNDLE_NAME, DOWNLOADS, README, fill_sizes, make_bundle

pytestmark = pytest.mark.browser

EXIT = "https://www.bbc.co.uk/weather"
NEUTRAL = "<!doctype html><title>Weather</title><p>The weather today.</p>"
# An element that makes the browser fetch its address as the page loads, or a link to a page.
LOADS = re.compile(
    r"<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)=\"((?:https?:)?//[^\"]+)\"", re.I
)
LINKS = re.compile(r"<a\b[^>]*\bhref=\"(https?://[^\"]+)\"", re.I)


@pytest.fixture(scope="module")
def bundle(handbook_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle of a copy of the built handbook (the bundle writes into the site it zips)."""
    root = tmp_path_factory.mktemp("offline")
    site = shutil.copytree(handbook_html, root / "html")
    # A stand-in ePub, so the downloads list has a file whose size it can write.
    (site / DOWNLOADS).mkdir()
    (site / DOWNLOADS / "one-by-one-handbook.epub").write_bytes(b"0" * 54_321)
    # Stand-ins for the prints nox -s build copies beside the pages: one per PDF the
    # workshops page links.
    workshops = site / "workshops" / "index.html"
    for href in re.findall(r'href="([^"]+\.pdf)"', workshops.read_text("utf-8")):
        pdf = (workshops.parent / href).resolve()
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return make_bundle(site, root / "offline" / BUNDLE_NAME, "3 December 2026")


@pytest.fixture(scope="module")
def usb(bundle: Path) -> Path:
    """The bundle unzipped, as on a USB stick."""
    folder = bundle.parent.parent / "usb"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    return folder


def online_address(handbook_html: Path) -> str:
    return re.search(
        r'<link rel="canonical" href="([^"]*)"', (handbook_html / "index.html").read_text("utf-8")
    )[1].removesuffix("index.html")


def test_the_zip_opens_with_a_readme_beside_index_html(bundle: Path):
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        readme = archive.read(README).decode("utf-8")
    assert README in names and "index.html" in names
    assert "open index.html" in readme
    assert not any(name.endswith(BUNDLE_NAME) for name in names), "the zip holds itself"
    assert not any(name.startswith(".doctrees") or name == ".buildinfo" for name in names)


def test_the_bundle_holds_every_page_of_the_site(handbook_html: Path, usb: Path):
    pages = {p.relative_to(handbook_html) for p in handbook_html.rglob("*.html")}
    assert pages and pages <= {p.relative_to(usb) for p in usb.rglob("*.html")}


def test_no_page_asks_another_host_or_links_its_own_pages_online(handbook_html: Path, usb: Path):
    site = online_address(handbook_html)
    for page in usb.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not LOADS.findall(html), f"{page} loads from another host"
        own = [link for link in LINKS.findall(html) if link.startswith(site)]
        own += re.findall(r'<link\b[^>]*href="(' + re.escape(site) + '[^"]*)"', html)
        # The bundle itself is a download from the website, not a page.
        own = [link for link in own if not link.endswith(".zip")]
        assert not own, f"{page} links its own pages on the website: {own[:3]}"


def test_the_downloads_list_gives_each_size(handbook_html: Path, bundle: Path):
    site = bundle.parent.parent / "html"
    page = next(p for p in site.rglob("*.html") if 'class="download-size"' in p.read_text("utf-8"))
    html = page.read_text("utf-8")
    assert '<span class="download-size"> (54 KB)</span>' in html  # the stand-in ePub
    assert re.search(r'class="download-size"> \(\d+(\.\d)? MB\)', html), "no size for the zip"
    assert fill_sizes(site, [page]) == 0, "filling the sizes again changed the page"


def test_the_copy_links_the_bundle_on_the_website(handbook_html: Path, usb: Path):
    """The bundle is not inside itself: the copy's link to it leads to the website."""
    page = next(p for p in usb.rglob("*.html") if 'class="download-size"' in p.read_text("utf-8"))
    links = re.findall(r'href="([^"]+\.zip)"', page.read_text("utf-8"))
    zips = [z for z in links if z.endswith(BUNDLE_NAME)]  # not the workshop kits' zips
    assert zips and all(
        z == online_address(handbook_html) + f"{DOWNLOADS}/{BUNDLE_NAME}" for z in zips
    )


@pytest.fixture
def offline_page(browser):
    """A page that may reach nothing but file: addresses (and the quick exit's, answered here);
    every other address it asks for is recorded and refused."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    asked: list[str] = []
    errors: list[str] = []

    def answer(route) -> None:
        url = route.request.url
        if url.startswith(EXIT):
            route.fulfill(body=NEUTRAL, content_type="text/html")
        elif url.startswith("file:"):
            route.continue_()
        else:
            asked.append(url)
            route.abort()

    context.route("**/*", answer)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    yield page, asked, errors
    context.close()


def test_from_the_home_page_to_get_help_and_out_by_the_quick_exit(usb: Path, offline_page):
    page, asked, errors = offline_page
    page.goto((usb / "index.html").as_uri())
    assert page.locator("a.quick-exit").is_visible()
    page.locator("a.onebyone-get-help").click()
    page.wait_for_load_state()
    assert page.url == (usb / "get-help" / "index.html").as_uri()
    assert page.locator("h1").first.inner_text().startswith("Get help")
    assert page.locator("a[href^='tel:']").count() > 0, "no number to call on Get help"
    # Into a country's page, whose emergency number is a tel: link too.
    page.locator("article a[href$='.html']").filter(has_text=re.compile("Kingdom")).first.click()
    page.wait_for_load_state()
    assert page.locator("article a[href^='tel:']").first.is_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT)
    assert page.title() == "Weather"
    assert not asked, f"the pages asked other hosts: {asked[:5]}"
    assert not errors, errors[:5]


def test_search_works_from_file_and_says_what_it_cannot_do(usb: Path, offline_page):
    page, asked, errors = offline_page
    page.goto((usb / "search.html").as_uri() + "?q=helpline")
    results = page.locator("#search-results li a")
    results.first.wait_for()
    titles = results.all_inner_texts()
    assert any(title.startswith("Get help") for title in titles), titles[:10]
    assert "copy saved on this device" in page.locator(".onebyone-search-offline").inner_text()
    results.filter(has_text=re.compile("^Get help")).first.click()
    page.wait_for_load_state()
    assert page.url.startswith((usb / "get-help").as_uri())
    assert not asked, f"search asked other hosts: {asked[:5]}"
    assert not errors, errors[:5]


def test_the_prints_are_where_the_pages_link_them(usb: Path, offline_page):
    """The workshops page links its PDFs beside the pages: each one is in the bundle at the
    address the page gives, so a click opens it from the stick."""
    page, _asked, _errors = offline_page
    page.goto((usb / "workshops" / "index.html").as_uri())
    hrefs = page.locator("article a[href$='.pdf']").evaluate_all("els => els.map(e => e.href)")
    assert hrefs, "the workshops page links no PDF"
    for href in hrefs:
        assert href.startswith(usb.as_uri()) and Path(href.removeprefix("file://")).is_file()
