"""The whole handbook builds strictly into a site whose parts, start page and metadata are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import HANDBOOK, VALID_FRONT_MATTER, article_words, build_fails, toctree_pages

# The parts, in reading order, from the start page's toctree ("understand/index" ...).
PARTS = [entry.split("/")[0] for entry in toctree_pages(HANDBOOK) if entry.endswith("/index")]


@pytest.mark.parametrize("part", PARTS)
def test_each_part_has_a_real_landing_page(handbook_html: Path, part: str):
    source = (HANDBOOK / part / "index.md").read_text("utf-8")
    assert "{cite:p}" in source or part in ("reference", "about"), f"{part} cites no source"
    words = article_words(handbook_html / part / "index.html")
    # 300 to 600 words of body, plus the title, boxes, review line and citations. The get-help
    # and workshops pages also list what the data holds (countries, modules), which grows with
    # the data, so only their floor applies.
    most = float("inf") if part in ("get-help", "workshops") else 1400
    assert 300 <= words <= most, f"{part}/index.html has {words} words"


def test_the_start_page_says_who_it_is_for_and_where_to_get_help_now(handbook_html: Path):
    page = (handbook_html / "index.html").read_text("utf-8")
    start = page.find('<div class="onebyone-component get-help admonition">')
    assert start != -1, "the start page has no get-help box"
    box = page[start : page.index("<section", start)]
    assert "A child is in danger now" in box
    # The emergency number of each country the box names, from the helpline data, one tap
    # away; every other country is one tap further, on the Get help picker the box links to.
    data = yaml.safe_load((HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"))
    dialled = {re.sub(r"\D", "", href) for href in re.findall(r'href="tel:([^"]+)"', box)}
    named = re.search(
        r"```\{helplines\} ([A-Z ]+)\n:emergency:", (HANDBOOK / "index.md").read_text()
    )
    assert named and len(named.group(1).split()) >= 5, "the box names too few countries"
    for region in data["regions"]:
        if region["id"] not in named.group(1).split():
            continue
        number = re.sub(r"\D", "", region["services"][0]["phones"][0]["number"])
        assert any(d.endswith(number) for d in dialled), f"no {number} for {region['id']}"
    assert 'href="get-help/index.html"' in box
    for part in PARTS:
        assert f'href="{part}/index.html"' in page, f"the start page does not link to {part}"


def test_what_is_child_trafficking_is_complete_and_cited(handbook_html: Path):
    page = (handbook_html / "understand" / "what-is-child-trafficking.html").read_text("utf-8")
    text = re.sub(r"<[^>]+>", " ", page)
    for idea in (
        "Palermo Protocol",
        "15 November 2000",
        "25 December 2003",
        "under 18",
        "smuggling",
        "Modern Slavery Act 2015",
        "2024/1712",
    ):
        assert idea in text, f"the page does not mention {idea!r}"
    assert len(re.findall(r'href="\.\./reference/references\.html#', page)) >= 10
    assert article_words(handbook_html / "understand" / "what-is-child-trafficking.html") >= 800


def test_the_site_is_in_uk_english_with_a_sitemap_and_link_previews(handbook_html: Path):
    start = (handbook_html / "index.html").read_text("utf-8")
    assert '<html lang="en-GB"' in start
    assert '<meta property="og:title"' in start
    sitemap = (handbook_html / "sitemap.xml").read_text("utf-8")
    for part in PARTS:
        assert f"{part}/index.html" in sitemap


def test_every_page_has_one_meta_description(handbook_html: Path):
    pages = [
        p
        for p in handbook_html.rglob("*.html")
        if p.name not in ("search.html", "genindex.html") and "_static" not in p.parts
    ]
    assert len(pages) >= len(PARTS) + 5
    for page in pages:
        assert page.read_text("utf-8").count('<meta name="description"') == 1, page


def test_pages_load_nothing_from_other_hosts(handbook_html: Path):
    for page in handbook_html.rglob("*.html"):
        html = page.read_text("utf-8")
        remote = re.findall(
            r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', html
        )
        remote = [url for url in remote if 'rel="canonical"' not in url]
        assert not [u for u in remote if not u.startswith("https://onebyone-handbook.github.io")], (
            f"{page} loads {remote}"
        )


def test_a_page_in_no_toctree_fails_the_build_naming_it(scratch_project):
    source = scratch_project({})
    (source / "lost.md").write_text(VALID_FRONT_MATTER + "\n# Lost\n\nNo toctree lists me.\n")
    stderr = build_fails(source)
    assert "lost.md: WARNING: document isn't included in any toctree" in stderr


def test_a_link_to_a_missing_page_fails_the_build_naming_file_and_line(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Links\n\nSee [the signs](signs-in-a-child.md).\n"
    source = scratch_project({"links": page})
    stderr = build_fails(source)
    assert re.search(r"links\.md:10: WARNING: .*signs-in-a-child\.md", stderr)
