"""The contributor guide builds strictly and explains what a contributor needs."""

import html
import re
from pathlib import Path

GUIDE_PAGES = {
    "preview.html": ["nox -s serve", "nox -s build", "nox -s tests"],
    "pages.html": ["description", "audience", "review-due", "toctree", "Add or change a helpline"],
    "helplines.html": ["helplines.yaml", "unknown_short_code", "{tel}", ":emergency:", "12 months"],
    "writing.html": ["key points", "content note", "under 20 words", "emergency number"],
    "workshops.html": ["module.yaml", "{workshop-plan}", "facilitator-note", "adds up to"],
    "safety.html": ["Leave this page quickly", "location.replace", "Shift", "not erase"],
    "citations.html": ["references.bib", "{cite:p}", "secondary"],
    "components.html": ["key-points", "what-to-do", "what-not-to-do", "get-help", "content-note"],
    "checks.html": ["could not find bibtex key", "linkcheck_ignore", "Broken links"],
    "first-change.html": [
        "Edit this file",
        "nox -s serve",
        "nox -s lint",
        "pre-commit install",
        "Files changed",
        "Annotations",
        "Sources",
        "Preview at a phone",
    ],
    "translate.html": [
        "nox -s translations",
        "sphinx-intl",
        "status: draft",
        "safety core",
        "fuzzy",
    ],
    "offline.html": ["one-by-one-offline.zip", "index.html", "epubcheck", "0 errors", "is_ebook"],
    "maintainers.html": [
        "CODEOWNERS",
        "Pages due for review",
        "Broken links",
        "365 days",
        "git tag",
        "release.yml",
        "safeguarding-reviewers",
        "matrix",
        "Weblate",
    ],
}


def test_the_guide_covers_preview_pages_citations_components_and_checks(docs_html: Path):
    for page, phrases in GUIDE_PAGES.items():
        text = html.unescape(re.sub(r"<[^>]+>", "", (docs_html / page).read_text("utf-8")))
        for phrase in phrases:
            assert phrase in text, f"{page} does not explain {phrase!r}"


def test_the_component_examples_render_as_boxes(docs_html: Path):
    text = (docs_html / "components.html").read_text("utf-8")
    for name in ("key-points", "what-to-do", "what-not-to-do", "get-help", "content-note"):
        assert f'class="onebyone-component {name} admonition"' in text
