"""Parts 3 to 5 (Act locally, Travel, Online): practical pages that each give one thing to try
and one thing to avoid, and whose numbers and reporting links are the directory's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onebyone.data.pages import check_front_matter

from conftest import (
    HANDBOOK,
    article_text,
    article_words,
    assert_landing_page_lists,
    toctree_pages,
    without_sources,
)

PARTS = {part: toctree_pages(HANDBOOK / part) for part in ("act-locally", "travel", "online")}
PAGES = [(part, page) for part, pages in PARTS.items() for page in ["index", *pages]]


def box_titles(html: str, kind: str) -> list[str]:
    pattern = rf'<div class="onebyone-component {kind} admonition">\s*<p class="admonition-title">'
    return re.findall(pattern + r"(.*?)</p>", html)


@pytest.mark.parametrize("part", PARTS)
def test_each_landing_page_lists_its_pages_in_order(part: str):
    assert_landing_page_lists(HANDBOOK / part)


@pytest.mark.parametrize(("part", "page"), PAGES, ids=lambda value: value)
def test_each_page_keeps_the_rules(handbook_html: Path, part: str, page: str):
    source = (HANDBOOK / part / f"{page}.md").read_text("utf-8")
    _, _, problems = check_front_matter(source)
    assert problems == []
    assert "{cite:p}`" in source
    html = (handbook_html / part / f"{page}.html").read_text("utf-8")
    assert box_titles(html, "key-points"), "no key points"
    assert "Try this" in box_titles(html, "what-to-do"), "no 'Try this' action"
    assert "Avoid this" in box_titles(html, "what-not-to-do"), "no 'Avoid this' warning"
    words = article_words(handbook_html / part / f"{page}.html")
    low = 400 if page == "index" else 500
    assert low <= words <= 2300, f"{part}/{page} has {words} words"


def links(html: str) -> set[str]:
    """Dialling links and reporting addresses, leaving out the handbook's own pages."""
    html = without_sources(html)  # the sources' own addresses are not reporting links
    found = set(re.findall(r'href="((?:tel|sms):[^"]+|https?://[^"]*report[^"]*)"', html))
    return {link for link in found if "onebyone-handbook.github.io" not in link}


def test_every_number_and_reporting_link_is_also_on_get_help(handbook_html: Path):
    """Get help and its country pages together hold every number and reporting link."""
    get_help = set()
    for page in (handbook_html / "get-help").glob("*.html"):
        get_help |= links(page.read_text("utf-8"))
    for part, page in PAGES:
        found = links((handbook_html / part / f"{page}.html").read_text("utf-8"))
        assert found <= get_help, f"{part}/{page}: not on get-help: {sorted(found - get_help)}"


@pytest.mark.parametrize("page", ["report-abroad", "index"])
def test_travel_pages_that_reach_for_help_link_get_help(handbook_html: Path, page: str):
    html = (handbook_html / "travel" / f"{page}.html").read_text("utf-8")
    assert 'href="../get-help/index.html' in html


def test_the_sextortion_page_reads_for_a_thirteen_year_old(handbook_html: Path):
    page = article_text(handbook_html / "online" / "sextortion.html")
    text = re.sub(r"\[[^\]]*(\d{4}|n\.d\.)\]", "", page)  # drop "[Author, year]" citations
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 2]
    average = sum(len(s.split()) for s in sentences) / len(sentences)
    assert average <= 14, f"sentences average {average:.1f} words"
    for step in ("pay", "evidence", "block", "adult you trust", "never your fault"):
        assert step in text.lower(), f"the sextortion page does not say {step!r}"
