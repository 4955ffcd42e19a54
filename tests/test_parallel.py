"""Parallel builds are real: every extension claims ``parallel_read_safe``, the handbook builds
with ``-j 2`` (nox and the test fixtures), and this proves that a parallel build writes the same
pages as a serial one, with every extension of the bundle loaded."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import VALID_FRONT_MATTER, add_extensions, build_or_fail, matrix_project

# Enough pages for Sphinx to read in parallel (it reads serially below six).
PAGES = 8
BODY = (
    "This page helps a parent notice when a child may be at risk. It says what to look for "
    "and who to call. If you are worried, tell the safeguarding lead at school "
    "{cite:p}`known-2024-source`. You do not need to be sure before you ask for help.\n"
)


def project(root: Path) -> Path:
    source = matrix_project(root)
    names = [f"page-{n}" for n in range(PAGES)]
    toctree = "\n```{toctree}\n:hidden:\n\n" + "\n".join([*names, "references"]) + "\n```\n"
    sources = f"{VALID_FRONT_MATTER}\n# References\n\n{BODY}\n```{{bibliography}}\n```\n"
    (source / "references.md").write_text(sources)
    (source / "index.md").write_text(f"{VALID_FRONT_MATTER}\n# Start\n\n{BODY}{toctree}")
    for name in names:
        (source / f"{name}.md").write_text(f"{VALID_FRONT_MATTER}\n# {name}\n\n{BODY}")
    return source


def pages(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*.html"))


def test_a_parallel_build_writes_the_same_pages_as_a_serial_one(tmp_path: Path):
    source = project(tmp_path)
    serial = build_or_fail(source, tmp_path / "serial" / "html", "html")
    parallel = build_or_fail(source, tmp_path / "parallel" / "html", "html", "-j", "2")
    assert pages(serial) == pages(parallel)
    assert len(pages(serial)) >= PAGES
    _, different, errors = filecmp.cmpfiles(serial, parallel, pages(serial), shallow=False)
    assert different == [] and errors == [], different or errors
    # The reports made from every page's data (kept in the domain, merged from the workers).
    for report in ("readability.json", "freshness.json"):
        assert (tmp_path / "serial" / "reports" / report).read_text() == (
            tmp_path / "parallel" / "reports" / report
        ).read_text()


def test_a_build_that_rewrites_one_page_keeps_every_page_in_the_sitemap(tmp_path: Path):
    """sphinx-sitemap alone lists only the pages a build wrote (onebyone.site.sitemap)."""
    source = add_extensions(
        project(tmp_path), "sphinx_sitemap", settings=('html_baseurl = "https://example.org/"',)
    )
    html = build_or_fail(source, tmp_path / "html", "html", "-j", "2")
    whole = (html / "sitemap.xml").read_text("utf-8")
    assert whole.count("<url>") >= PAGES + 2, whole
    page = source / "page-3.md"
    page.write_text(page.read_text() + "\nOne more sentence for the test.\n")
    build_or_fail(source, html, "html")
    assert (html / "sitemap.xml").read_text("utf-8") == whole
