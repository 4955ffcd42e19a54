"""Part 2, Recognise and respond: calm, sourced pages that hand every worry to the right people.

Every page keeps the part's rules: front matter, key points, length, citations. Every signs page
and the decision path put the emergency number first and link to Get help; the decision path
reads on a 390-pixel phone and on paper.
"""

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
)

PART = HANDBOOK / "recognise"
PAGES = toctree_pages(PART)


def lists_signs(page: str) -> bool:
    """A signs page: one with a section headed by the signs it lists ("## Signs you might
    notice", "## Online warning signs")."""
    source = (PART / f"{page}.md").read_text("utf-8")
    return re.search(r"^## .*\bsigns\b", source, re.M | re.I) is not None


# The rule for every signs page: the emergency number first, Get help linked, and the words
# that signs are not proof. The summary lists signs too, but as the part's short version.
SIGNS_PAGES = [page for page in PAGES if page != "summary" and lists_signs(page)]
BOX = r'<div class="onebyone-component (get-help|what-to-do) admonition">(.*?)</div>'


def built(html_root: Path, page: str) -> str:
    return (html_root / "recognise" / f"{page}.html").read_text("utf-8")


def test_the_landing_page_lists_every_page_in_order():
    assert_landing_page_lists(PART)


def test_the_signs_rule_finds_the_signs_pages():
    assert len(SIGNS_PAGES) >= 4, SIGNS_PAGES


@pytest.mark.parametrize("page", PAGES)
def test_each_page_keeps_the_rules_of_the_part(handbook_html: Path, page: str):
    source = (PART / f"{page}.md").read_text("utf-8")
    _, _, problems = check_front_matter(source)
    assert problems == []
    assert "{cite:p}`" in source
    html = built(handbook_html, page)
    assert 'class="onebyone-component key-points admonition"' in html
    words = article_words(handbook_html / "recognise" / f"{page}.html")
    # Body limits, with room for the title, boxes and author-and-year citations.
    low, high = (200, 650) if page == "summary" else (500, 2200)
    assert low <= words <= high, f"{page} has {words} words"


@pytest.mark.parametrize("page", [*SIGNS_PAGES, "what-to-do", "summary"])
def test_the_emergency_number_comes_first_and_get_help_is_linked(handbook_html: Path, page: str):
    html = built(handbook_html, page)
    boxes = [text for _, text in re.findall(BOX, html, re.S)]
    emergency = [text for text in boxes if "immediate danger" in text and "emergency" in text]
    assert emergency, f"{page} has no box with the emergency-first step"
    assert 'href="../get-help/index.html' in html


@pytest.mark.parametrize("page", SIGNS_PAGES)
def test_signs_pages_say_that_signs_are_not_proof(handbook_html: Path, page: str):
    text = article_text(handbook_html / "recognise" / f"{page}.html")
    says_not_proof = r"(not|none|no)\b[^.]{0,60}\b(proof|proves?\b)|does not prove|do not prove"
    assert re.search(says_not_proof, text, re.I), page


def test_the_decision_path_is_numbered_and_says_what_never_to_do(handbook_html: Path):
    html = built(handbook_html, "what-to-do")
    steps = re.search(
        r'<div class="onebyone-component what-to-do admonition">.*?<ol[^>]*>(.*?)</ol>', html, re.S
    )
    assert steps, "the decision path is not a numbered list in a what-to-do box"
    assert len(re.findall(r"<li", steps.group(1))) >= 4
    never = re.search(
        r'<div class="onebyone-component what-not-to-do admonition">(.*?)</div>', html, re.S
    )
    assert never, "no what-not-to-do box"
    for action in ("confront", "follow", "secret", "rescue", "image"):
        assert action in never.group(1).lower(), f"what not to do leaves out {action!r}"


def test_the_decision_path_fits_a_390_pixel_phone(handbook_html: Path, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((handbook_html / "recognise" / "what-to-do.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    box = page.locator(".onebyone-component.what-to-do").first
    width = box.evaluate("b => b.getBoundingClientRect().right")
    assert width <= 390
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth"), "the steps overflow their box"
    first_step = box.locator("ol > li").first
    assert first_step.is_visible()
    assert "emergency" in first_step.inner_text()
    font_size = first_step.evaluate("li => parseFloat(getComputedStyle(li).fontSize)")
    assert font_size >= 14, "step text too small to read on a phone"
    page.close()


def test_the_decision_path_prints_its_steps_in_order(handbook_pdf_pages: list[str]):
    text = "\n".join(handbook_pdf_pages)
    start = text.index("What to do if you are worried\nKey points")
    section = text[start : start + 6000]
    positions = [section.find(word) for word in ("immediate danger", "helpline", "Write down")]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
