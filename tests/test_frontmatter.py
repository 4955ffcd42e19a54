"""Front matter: the schema, its messages (file, line, fix), and every real page passing it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from onebyone.data.pages import check_front_matter

from conftest import DOCS, HANDBOOK, VALID_FRONT_MATTER, build_fails

ALL_PAGES = sorted(
    page
    for folder in (HANDBOOK, DOCS)
    for page in folder.rglob("*.md")
    if not any(part.startswith(("_", ".")) for part in page.relative_to(folder).parts)
)


def test_a_valid_page_gives_its_metadata():
    meta, _, problems = check_front_matter(VALID_FRONT_MATTER + "\n# Title\n")
    assert problems == []
    assert meta.audience == ["everyone"]
    assert (meta.review_due - meta.reviewed).days == 365


@pytest.mark.parametrize(
    ("front_matter", "line", "says"),
    [
        ("# No front matter\n", 1, "no front matter"),
        ("---\ndescription: [unclosed\n---\n", 2, "could not read it"),
        (VALID_FRONT_MATTER.replace("audience: [everyone]\n", ""), 5, "'audience' is missing"),
        (VALID_FRONT_MATTER.replace("[everyone]", "[kids]"), 3, "you wrote 'kids'"),
        (VALID_FRONT_MATTER.replace("review-due", "review_due"), 5, "did you mean 'review-due'"),
        (VALID_FRONT_MATTER.replace("2027-11-24", "2025-01-01"), 5, "must be a date after"),
        (VALID_FRONT_MATTER.replace("2026-11-24", "24/11/2026"), 4, "'reviewed'"),
        (
            re.sub("description: .*", "description: Short.", VALID_FRONT_MATTER),
            2,
            "at least 30 characters",
        ),
    ],
)
def test_each_problem_names_its_line_and_the_fix(front_matter: str, line: int, says: str):
    meta, _, problems = check_front_matter(front_matter)
    assert meta is None
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert says in str(problems[0])
    assert "Fix:" in str(problems[0])


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_page_has_valid_front_matter(page: Path):
    meta, _, problems = check_front_matter(page.read_text(encoding="utf-8"))
    assert problems == [], "\n".join(f"{page}:{p.line}: {p}" for p in problems)
    assert meta.review_due > meta.reviewed


def test_the_build_fails_on_bad_front_matter_and_names_file_and_line(scratch_project):
    source = scratch_project(
        {"worried": VALID_FRONT_MATTER.replace("[everyone]", "[kids]") + "\n# Worried\n\nText.\n"}
    )
    stderr = build_fails(source)
    assert re.search(r"worried\.md:3: WARNING: front matter: 'audience'.*Fix:", stderr)


def test_the_build_fails_on_a_page_without_front_matter(scratch_project):
    source = scratch_project({"bare": "# Bare\n\nNo front matter at all.\n"})
    stderr = build_fails(source)
    assert "bare.md:1: WARNING: front matter: this page has no front matter" in stderr


def test_built_pages_carry_the_description_and_the_review_dates(handbook_html: Path):
    page = (handbook_html / "understand" / "what-is-child-trafficking.html").read_text("utf-8")
    source = (HANDBOOK / "understand" / "what-is-child-trafficking.md").read_text("utf-8")
    meta, _, _ = check_front_matter(source)
    shown = html.unescape(page)
    assert f'<meta name="description" content="{meta.description}"' in shown
    assert page.count('name="description"') == 1
    review = re.search(r'<p class="page-review">(.*?)</p>', page)
    assert review, "the page has no review line"
    assert f"Last reviewed {meta.reviewed.day} {meta.reviewed:%B %Y}" in review.group(1)
    assert f"Next review due {meta.review_due.day} {meta.review_due:%B %Y}" in review.group(1)
    # Whether an outside safeguarding professional has reviewed it, said plainly either way.
    if meta.safeguarding_reviewed is None:
        assert "Not yet reviewed by an outside safeguarding professional" in review.group(1)
    else:
        assert f"by a {meta.safeguarding_reviewed.by}" in review.group(1)


@pytest.mark.parametrize(
    ("review", "says"),
    [
        ("{date: 2026-11-30, by: designated safeguarding lead}", None),
        ("{date: 2099-01-01, by: designated safeguarding lead}", "cannot be dated in the future"),
        ("{date: 2026-11-30}", "'by' is missing"),
        ("{date: 2026-11-30, by: DSL, name: Jo}", "'name' is not a field we use"),
    ],
)
def test_a_safeguarding_review_is_recorded_by_role_and_date(review: str, says: str | None):
    front = VALID_FRONT_MATTER.replace("---\n", f"safeguarding-reviewed: {review}\n---\n")
    front = front.replace("---\n", "---\n", 1)
    meta, _, problems = check_front_matter("---\n" + front.split("---\n", 1)[1] + "\n# Page\n")
    if says is None:
        assert problems == [] and meta.safeguarding_reviewed.by == "designated safeguarding lead"
    else:
        assert any(says in str(p) for p in problems), [str(p) for p in problems]


def test_pages_sphinx_makes_itself_carry_the_site_description(handbook_html: Path):
    for page in ("search.html", "genindex.html"):
        html = (handbook_html / page).read_text("utf-8")
        assert html.count('<meta name="description" content="One by One: an open handbook') == 1
