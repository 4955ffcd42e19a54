"""Part 1, Understand: every page is complete, sourced, the right length, and linked in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onebyone.data.pages import check_front_matter

from conftest import HANDBOOK, article_words, assert_landing_page_lists, toctree_pages

PART = HANDBOOK / "understand"
PAGES = toctree_pages(PART)  # in reading order


def test_the_landing_page_lists_every_page_in_reading_order():
    assert_landing_page_lists(PART)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_is_complete_and_sourced(handbook_html: Path, page: str):
    source = (PART / f"{page}.md").read_text("utf-8")
    meta, _, problems = check_front_matter(source)
    assert problems == []
    assert len(re.findall(r"\{cite:p\}`", source)) >= 3, "too few citations"
    built = (PART.name, f"{page}.html")
    html = handbook_html.joinpath(*built).read_text("utf-8")
    first_box = re.search(r'<div class="onebyone-component ([\w-]+) admonition">', html)
    assert first_box and first_box.group(1) in ("key-points", "content-note")
    assert 'class="onebyone-component key-points admonition"' in html
    words = article_words(handbook_html.joinpath(*built))
    # 600 to 1,500 words of body, plus the title, boxes and the author-and-year citations.
    assert 600 <= words <= 2200, f"{page} has {words} words"
    assert re.search(r"<h2>What you can do next", html), "no next step at the end"


def test_hard_pages_start_with_a_content_note():
    for page in ("forms", "how-it-happens"):
        source = (PART / f"{page}.md").read_text("utf-8")
        body = source.split("\n# ", 1)[1]
        first_section = body.split("\n## ", 1)[0]
        assert ":::{content-note}" in first_section, f"{page} has no content note before its body"


def test_the_scale_page_has_a_table_a_screen_reader_can_follow(handbook_html: Path):
    html = (handbook_html / "understand" / "scale.html").read_text("utf-8")
    table = re.search(r"<table.*?</table>", html, re.S)
    assert table, "no table"
    headers = re.findall(r"<th[^>]*>(.*?)</th>", table.group(0), re.S)
    assert len(headers) >= 3
    assert "<thead>" in table.group(0)
    assert len(re.findall(r"<tr", table.group(0))) >= 5


def test_the_myths_page_answers_at_least_eight_myths():
    source = (PART / "myths-and-facts.md").read_text("utf-8")
    myths = re.findall(r"^### Myth", source, re.M)
    assert len(myths) >= 8


def test_glossary_terms_used_in_this_part_resolve(handbook_html: Path):
    # A {term} that is not in the glossary fails the strict build; here, check they link.
    linked = 0
    for page in PAGES:
        html = (handbook_html / "understand" / f"{page}.html").read_text("utf-8")
        linked += len(re.findall(r'href="\.\./reference/glossary\.html#term-', html))
    assert linked >= 5, "Part 1 should link its key words to the glossary"
