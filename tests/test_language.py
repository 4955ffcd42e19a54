"""Khmer text is marked lang="km" wherever it appears, so screen readers and fonts get it
right, while code keeps exactly what the writer typed."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import add_extensions, build_or_fail, site_pages

KHMER = re.compile("[\u1780-\u17ff]")


def test_all_khmer_text_in_the_handbook_is_marked(handbook_html: Path):
    pages_with_khmer = 0
    for path in site_pages(handbook_html):
        html = (handbook_html / path).read_text("utf-8")
        article = re.search(r"<article.*?</article>", html, re.S)
        if not article or not KHMER.search(article.group()):
            continue
        pages_with_khmer += 1
        unmarked = re.sub(r'<span lang="km">[^<]*</span>', "", article.group())
        assert not KHMER.search(unmarked), f"{path}: Khmer text without lang=km"
    assert pages_with_khmer >= 4  # the start page, Understand, One by one, About


def test_khmer_in_prose_is_marked_and_in_code_is_left_alone(scratch_project, tmp_path: Path):
    source = scratch_project(
        {
            "page": "---\ndescription: A page with Khmer in prose and code for a test.\n"
            "audience: [everyone]\nreviewed: 2026-11-24\nreview-due: 2027-11-24\n---\n\n"
            "# Khmer\n\nThe saying (មួយ មួយ មួយ) means one by one. Type `មួយ` to search.\n"
        }
    )
    add_extensions(source, "onebyone.content.language")
    html = (build_or_fail(source, tmp_path / "html", "html") / "page.html").read_text("utf-8")
    assert '(<span lang="km">មួយ មួយ មួយ</span>)' in html
    assert '<span class="pre">មួយ</span>' in html
