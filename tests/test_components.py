"""Content components render as titled boxes, on the site and in the PDF, and refuse to be empty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onebyone.content.components import COMPONENTS

from conftest import VALID_FRONT_MATTER, build_fails, build_or_fail

KITCHEN_SINK = (
    VALID_FRONT_MATTER
    + "\n# Every component\n\n"
    + "\n".join(f":::{{{name}}}\nText inside the {name} box.\n:::\n" for name in COMPONENTS)
    + "\n:::{what-to-do} If you are worried\n- Call the helpline.\n:::\n"
)


@pytest.fixture
def kitchen_sink(scratch_project) -> Path:
    return scratch_project({"sink": KITCHEN_SINK})


def test_each_component_is_a_box_with_its_class_and_default_title(kitchen_sink: Path):
    html = build_or_fail(kitchen_sink, kitchen_sink.parent / "html", "html") / "sink.html"
    page = html.read_text("utf-8")
    for name, title in COMPONENTS.items():
        box = re.search(
            rf'<div class="onebyone-component {name} admonition">\s*'
            rf'<p class="admonition-title">(.*?)</p>\s*<p>Text inside the {name} box.</p>',
            page,
        )
        assert box, f"no {name} box"
        assert box.group(1) == title


def test_a_writer_can_give_a_component_its_own_title(kitchen_sink: Path):
    page = build_or_fail(kitchen_sink, kitchen_sink.parent / "html", "html") / "sink.html"
    assert '<p class="admonition-title">If you are worried</p>' in page.read_text("utf-8")


def test_the_component_styles_ship_with_the_site(kitchen_sink: Path):
    output = build_or_fail(kitchen_sink, kitchen_sink.parent / "html", "html")
    css = (output / "_static" / "onebyone-components.css").read_text("utf-8")
    assert ".onebyone-component.what-not-to-do" in css
    assert "onebyone-components.css" in (output / "sink.html").read_text("utf-8")


def test_components_print_in_the_pdf(kitchen_sink: Path):
    from pypdf import PdfReader

    output = build_or_fail(kitchen_sink, kitchen_sink.parent / "pdf", "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(output / "handbook.pdf").pages)
    for name, title in COMPONENTS.items():
        assert title in text
        assert f"Text inside the {name} box." in text


def test_an_empty_component_fails_the_build_with_file_line_and_fix(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Empty\n\nSome text.\n\n:::{key-points}\n:::\n"
    source = scratch_project({"empty": page})
    stderr = build_fails(source)
    assert re.search(r"empty\.md:12: ERROR: The 'key-points' box is empty\. Fix:", stderr)


def test_avoided_terms_are_marked_as_deliberate_mentions(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Words\n\nWe do not say {avoid}`an old term`.\n"
    source = scratch_project({"words": page})
    html = build_or_fail(source, source.parent / "html", "html") / "words.html"
    assert '<span class="avoided-term">“an old term”</span>' in html.read_text("utf-8")
