"""Citations: {cite} resolves on the site and in the PDF; an unknown key fails the build."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import HANDBOOK, VALID_FRONT_MATTER, build_fails, sphinx_build


def test_an_unknown_citation_key_fails_the_build_naming_the_file(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Claims\n\nA figure {cite:p}`nobody-2024-invented`.\n"
    source = scratch_project({"claims": page})
    stderr = build_fails(source)
    assert re.search(
        r"claims\.md:\d+: WARNING: could not find bibtex key "
        r'"nobody-2024-invented"',
        stderr,
    )


def test_a_known_citation_builds_as_author_and_year(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Claims\n\nA figure {cite:p}`known-2024-source`.\n"
    biblio = VALID_FRONT_MATTER + "\n# Sources\n\n```{bibliography}\n:all:\n```\n"
    source = scratch_project({"claims": page, "sources": biblio})
    result = sphinx_build(source, source.parent / "html")
    assert result.returncode == 0, result.stderr
    claims = (source.parent / "html" / "claims.html").read_text("utf-8")
    assert re.search(
        r'<a class="reference internal" href="sources.html#id\d+"[^>]*>'
        r"Known Organisation, 2024</a>",
        claims,
    )


def test_every_cited_key_is_in_references_bib_and_listed_on_the_references_page(
    handbook_html: Path,
):
    bib = (HANDBOOK / "references.bib").read_text("utf-8")
    keys = set(re.findall(r"@\w+\{([^,\s]+),", bib))
    cited = {
        key.strip()
        for page in HANDBOOK.rglob("*.md")
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", page.read_text("utf-8"))
        for key in group.split(",")
    }
    assert cited, "no page cites anything"
    assert cited <= keys, f"cited but missing from references.bib: {sorted(cited - keys)}"
    references = (handbook_html / "reference" / "references.html").read_text("utf-8")
    entries = re.findall(r'<div class="citation" id="id\d+" role="listitem">', references)
    assert len(entries) == len(keys), "the References page must list every source exactly once"
