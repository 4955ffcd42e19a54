"""Privacy, in Chromium over HTTP: every page loads from its own site only, sets no cookie,
stores nothing on load, and carries a Content-Security-Policy and a no-referrer policy that
its own scripts obey."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.walks import STORAGE, browser_errors, refuse_other_hosts

from conftest import site_pages


@pytest.fixture
def private_page(browser, handbook_site: str):
    """A fresh browser context whose every request is intercepted: requests to the site go
    through; any other origin is recorded and refused, so nothing leaves the machine."""
    context = browser.new_context()
    elsewhere = refuse_other_hosts(context, handbook_site)
    page = context.new_page()
    problems = browser_errors(page)
    yield page, elsewhere, problems
    context.close()


def storage(page) -> dict:
    return page.evaluate(STORAGE)


@pytest.mark.parametrize("walk", ["phone_walk", "desktop_walk"])
def test_every_page_loads_only_from_its_own_site_and_stores_nothing(request, walk: str):
    """Every page, opened on a phone and on a desktop (``support.walks``), with its policy in
    force: no request to another host, no error in the browser console, nothing stored."""
    found = request.getfixturevalue(walk)
    assert len(found["pages"]) >= 50
    for path, measured in found["pages"].items():
        assert measured["elsewhere"] == [], (
            f"{path} asked another site for: {measured['elsewhere']}"
        )
        assert measured["errors"] == [], (
            f"{path}: errors in the browser console: {measured['errors']}"
        )
        nothing = {"cookies": "", "local": [], "session": [], "indexedDB": []}
        assert measured["storage"] == nothing, path
    assert found["cookies"] == []


def test_a_colour_setting_is_stored_only_when_the_reader_changes_it(
    handbook_site: str, private_page
):
    page, _, problems = private_page
    page.goto(handbook_site + "index.html")
    page.reload()
    assert storage(page)["local"] == []
    page.locator(".theme-switch-button").first.click()
    page.locator('.theme-change-button[data-mode="dark"]:visible').first.click()
    assert page.evaluate("localStorage.getItem('mode')") == "dark"
    page.goto(handbook_site + "understand/forms.html")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert problems == []


def test_every_page_has_a_content_security_policy_and_no_referrer(handbook_html: Path):
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        head = html.split("</head>")[0]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, path
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', head).group(1)
        assert policy.startswith("default-src 'self';") and "http" not in policy, path
        assert '<meta name="referrer" content="no-referrer" />' in head, path
        # The policy comes before anything the page loads, or it would not cover it.
        assert head.index("Content-Security-Policy") < head.index("<script"), path


def test_the_policy_blocks_a_script_from_another_site(
    handbook_html: Path, handbook_site: str, private_page
):
    page, elsewhere, _ = private_page
    page.goto(handbook_site + "index.html")
    blocked = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", (e) => resolve(e.blockedURI));
            const script = document.createElement("script");
            script.src = "https://cdn.example/tracker.js";
            document.head.append(script);
        })"""
    )
    assert blocked == "https://cdn.example/tracker.js"
    assert elsewhere == []  # the policy stopped it before any request was made


def test_the_guide_is_as_private_and_light_as_the_handbook(docs_html: Path):
    # The guide is published with the site, under contributing/.
    for path in site_pages(docs_html):
        html = (docs_html / path).read_text("utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, path
        assert not re.search(r"<script[^>]+fontawesome\.js", html), path
        assert bool(re.search(r"<script[^>]+searchindex\.js", html)) == (path == "search.html")
