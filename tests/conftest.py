"""Shared fixtures: real Sphinx builds of the handbook and the guide, and small scratch projects.

Builds run in a child process, exactly as a contributor runs them, with warnings as errors.
The handbook's HTML and PDF are built once per test session and shared.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from html import unescape
from pathlib import Path

import pytest

from support import browser as browser_tools

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = ROOT / "handbook"
DOCS = ROOT / "docs"
STRICT = ["-n", "-W", "--keep-going"]

VALID_FRONT_MATTER = """\
---
description: A short page used by a test to check how the build treats its content.
audience: [everyone]
reviewed: 2026-11-24
review-due: 2027-11-24
---
"""

SCRATCH_CONF = """\
project = "Scratch"
language = "en_GB"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "onebyone.content.pages",
              "onebyone.content.components", "onebyone.outputs.pdf"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
"""

SCRATCH_BIB = """\
@misc{known-2024-source,
  author = {{Known Organisation}},
  title = {A known source},
  year = {2024},
  url = {https://example.org/known},
  note = {Used by the tests.},
}
"""


def sphinx_build(
    source: Path, output: Path, builder: str = "html", *extra: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", *STRICT, "-b", builder, str(source), str(output)]
    return subprocess.run([*command, *extra], capture_output=True, text=True, check=False)


def build_fails(source: Path) -> str:
    """Build a scratch project strictly, insist that it fails, and return what it printed."""
    result = sphinx_build(source, source.parent / "html")
    assert result.returncode != 0, "the build passed but should have failed"
    return result.stderr


def build_or_fail(source: Path, output: Path, builder: str, *extra: str) -> Path:
    result = sphinx_build(source, output, builder, *extra)
    if result.returncode != 0:
        pytest.fail(f"sphinx-build -b {builder} {source.name} failed:\n{result.stderr}")
    return output


@pytest.fixture(scope="session")
def handbook_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A folder of its own, so the reports the build writes beside its output are its own.
    return build_or_fail(HANDBOOK, tmp_path_factory.mktemp("handbook-html") / "html", "html")


@pytest.fixture(scope="session")
def handbook_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = build_or_fail(HANDBOOK, tmp_path_factory.mktemp("handbook-pdf"), "pdf")
    return output / "one-by-one-handbook.pdf"


@pytest.fixture(scope="session")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_or_fail(DOCS, tmp_path_factory.mktemp("docs-html") / "html", "html")


def chromium_path() -> str:
    return browser_tools.chromium_path() or pytest.fail(browser_tools.CHROMIUM_MISSING)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=browser_tools.CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def handbook_site(handbook_html: Path):
    """The built handbook served over HTTP on 127.0.0.1, as a host serves it."""
    with browser_tools.serve(handbook_html) as address:
        yield address


site_pages = browser_tools.site_pages


@pytest.fixture
def scratch_project(tmp_path: Path):
    """Write a tiny Sphinx project using our extensions; returns a function taking its pages."""

    def make(pages: dict[str, str], bib: str = SCRATCH_BIB) -> Path:
        source = tmp_path / "source"
        source.mkdir()
        (source / "conf.py").write_text(SCRATCH_CONF, encoding="utf-8")
        (source / "references.bib").write_text(bib, encoding="utf-8")
        names = [name for name in pages if name != "index"]
        toctree = "\n```{toctree}\n:hidden:\n\n" + "\n".join(names) + "\n```\n" if names else ""
        pages = {"index": VALID_FRONT_MATTER + "\n# Scratch\n\nThe start page.\n", **pages}
        for name, text in pages.items():
            body = textwrap.dedent(text)
            if name == "index":
                body += toctree
            (source / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
            (source / f"{name}.md").write_text(body, encoding="utf-8")
        return source

    return make


def article_text(page: Path) -> str:
    """What a reader reads on a built page: its article, without markup, permalinks or the
    review line."""
    html = page.read_text("utf-8")
    article = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', html, re.S).group(1)
    article = re.sub(r'<a class="headerlink".*?</a>|<p class="page-review">.*?</p>', "", article)
    return unescape(re.sub(r"<[^>]+>", " ", article))


def article_words(page: Path) -> int:
    return len(article_text(page).split())


def assert_landing_page_lists(part: Path, pages: list[str]) -> None:
    """The part's index.md lists its pages in this order in its toctree, and links each one."""
    source = (part / "index.md").read_text("utf-8")
    toctree = re.search(r"```\{toctree\}\n(?::\w+:[^\n]*\n)*\n?(.*?)```", source, re.S)
    assert toctree and toctree.group(1).split() == pages
    for page in pages:
        assert f"{page}.md)" in source, f"{part.name}/index.md does not link to {page}"
