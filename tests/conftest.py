"""Shared fixtures: real Sphinx builds of the handbook and the guide, and small scratch projects.

Builds run in a child process, exactly as a contributor runs them, with warnings as errors.
The handbook's HTML and PDF are built once per test session and shared.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
from html import unescape
from pathlib import Path

import pypdfium2
import pytest
from filelock import FileLock
from support import browser as browser_tools
from support import sphinxrun, walks

# The tests import these from here.
from support.projects import VALID_FRONT_MATTER, matrix_project  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
# The handbook the content tests read: this repository's, or a changed copy (the tests in
# test_contributions.py run the content tests on a copy with a new page, country or activity).
HANDBOOK = Path(os.environ.get("ONEBYONE_HANDBOOK", ROOT / "handbook"))
DOCS = ROOT / "docs"
STRICT = ["-n", "-W", "--keep-going"]


SITES = ROOT / "tests" / "sites"

SCRATCH_BIB = (SITES / "scratch" / "references.bib").read_text("utf-8")


def sphinx_build(
    source: Path, output: Path, builder: str = "html", *extra: str
) -> subprocess.CompletedProcess[str]:
    # As `python -m sphinx ...` in a child process, started from one with the imports done.
    return sphinxrun.run([*STRICT, "-b", builder, str(source), str(output), *extra])


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


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build) -> Path:
    """A build that every test process shares: with pytest-xdist (``-n 2``, as ``nox -s tests``
    runs), the first process to ask builds it and the others wait for it, instead of building
    the same thing once per process. ``build`` takes the folder and returns the output."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder all the processes of this run share
    folder, done = root / name, root / f"{name}.done"
    with FileLock(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            done.write_text(str(build(folder)), "utf-8")
    return Path(done.read_text("utf-8"))


@pytest.fixture(scope="session")
def handbook_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # ONEBYONE_HTML=<folder> checks a site already built there, as `nox -s check` builds it
    # (build/html), instead of building it again: for working on the browser tests only.
    if os.environ.get("ONEBYONE_HTML"):
        return Path(os.environ["ONEBYONE_HTML"])
    # A folder of its own, so the reports the build writes beside its output are its own.
    # In parallel, as nox -s build does (test_parallel.py proves it gives the same pages).
    return built_once(
        tmp_path_factory,
        "handbook-html",
        lambda folder: build_or_fail(HANDBOOK, folder / "html", "html", "-j", "2"),
    )


# The papers the handbook's prints are made on in the tests: A4 only. US Letter is printed and
# checked on small projects (test_kits.py's module and country, test_prints.py's pages).
HANDBOOK_PAPERS = ("a4",)


@pytest.fixture(scope="session")
def handbook_pdf(tmp_path_factory: pytest.TempPathFactory, handbook_html: Path) -> Path:
    # ONEBYONE_PDF=<folder> checks prints already made there (sphinx-build -b pdf handbook <folder>)
    # instead of printing them again: for working on the print tests only.
    if os.environ.get("ONEBYONE_PDF"):
        return Path(os.environ["ONEBYONE_PDF"]) / "one-by-one-handbook.pdf"

    def build(folder: Path) -> Path:
        # From the HTML build's pages (read once), as `nox -s build` prints.
        doctrees = folder / "doctrees"
        shutil.copytree(handbook_html / ".doctrees", doctrees)
        papers = ",".join(HANDBOOK_PAPERS)
        extra = ("-d", str(doctrees), "-D", f"onebyone_pdf_papers={papers}")
        return build_or_fail(HANDBOOK, folder, "pdf", *extra) / "one-by-one-handbook.pdf"

    return built_once(tmp_path_factory, "handbook-pdf", build)


@pytest.fixture(scope="session")
def handbook_pdf_pages(tmp_path_factory: pytest.TempPathFactory, handbook_pdf: Path) -> list[str]:
    """The text of each page of the handbook's PDF, as a reader copying it gets it: read once
    for every test process, with pdfium (Chromium's own PDF library, through pypdfium2), which
    reads the 300 pages in under 2 s where pypdf took 28 s."""

    def read(folder: Path) -> Path:
        document = pypdfium2.PdfDocument(handbook_pdf)
        pages = [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]
        document.close()
        (folder / "pages.json").write_text(json.dumps(pages), "utf-8")
        return folder / "pages.json"

    return json.loads(built_once(tmp_path_factory, "handbook-pdf-text", read).read_text("utf-8"))


@pytest.fixture(scope="session")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(
        tmp_path_factory, "docs-html", lambda folder: build_or_fail(DOCS, folder / "html", "html")
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow groups by what they use, so that ``pytest -m "not browser and not pdf"``
    runs the rest: a test that opens Chromium is ``browser``; one that prints is ``pdf``."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"browser", "handbook_site"}:
            item.add_marker(pytest.mark.browser)
        if fixtures & {"handbook_pdf", "handbook_pdf_pages"}:
            item.add_marker(pytest.mark.pdf)


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


def _walk(tmp_path_factory, browser, handbook_html: Path, handbook_site: str, size: str) -> dict:
    """Every page opened once as a reader on that screen (``support.walks``), for the privacy,
    accessibility and reader tests, and shared by the test processes (``built_once``)."""
    if not walks.AXE.exists():
        pytest.fail(walks.AXE_MISSING)

    def walk(folder: Path) -> Path:
        found = walks.walk(browser, handbook_html, handbook_site, size)
        (folder / "walk.json").write_text(json.dumps(found), "utf-8")
        return folder / "walk.json"

    return json.loads(built_once(tmp_path_factory, f"{size}-walk", walk).read_text("utf-8"))


@pytest.fixture(scope="session")
def phone_walk(tmp_path_factory, browser, handbook_html: Path, handbook_site: str) -> dict:
    """Every page on the narrowest phone (320 px), light mode: ``support.walks``."""
    return _walk(tmp_path_factory, browser, handbook_html, handbook_site, "phone")


@pytest.fixture(scope="session")
def desktop_walk(tmp_path_factory, browser, handbook_html: Path, handbook_site: str) -> dict:
    """Every page on a desktop (1280 px), dark mode: ``support.walks``."""
    return _walk(tmp_path_factory, browser, handbook_html, handbook_site, "desktop")


@pytest.fixture
def scratch_project(tmp_path: Path):
    """Write a tiny Sphinx project using our extensions; returns a function taking its pages."""

    def make(pages: dict[str, str], bib: str = SCRATCH_BIB) -> Path:
        source = tmp_path / "source"
        shutil.copytree(SITES / "scratch", source)
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


def write_pages(source: Path, pages: dict[str, str]) -> None:
    """Write a scratch project's pages, and a start page that lists them and holds the
    bibliography (sphinxcontrib-bibtex resolves citations only in a project with one)."""
    toctree = "\n```{toctree}\n:hidden:\n\n" + "\n".join(pages) + "\n```\n"
    start = "\n# Scratch\n\nThe start page.\n\n## Sources\n\n```{bibliography}\n```\n"
    for name, text in {**pages, "index": VALID_FRONT_MATTER + start + toctree}.items():
        (source / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (source / f"{name}.md").write_text(text, encoding="utf-8")


def add_extensions(source: Path, *names: str, settings: tuple[str, ...] = ()) -> Path:
    """Load more of ``onebyone`` in a scratch project, with settings (lines of conf.py)."""
    lines = [f"extensions += {list(names)!r}", *settings]
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("".join(f"{line}\n" for line in lines))
    return source


def article_text(page: Path) -> str:
    """What a reader reads on a built page: its article, without markup, permalinks or the
    review line."""
    html = page.read_text("utf-8")
    article = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', html, re.S).group(1)
    article = without_sources(article)
    article = re.sub(r'<a class="headerlink".*?</a>|<p class="page-review">.*?</p>', "", article)
    return unescape(re.sub(r"<[^>]+>", " ", article))


def without_sources(html: str) -> str:
    """A page without its Sources list (folded at the end: onebyone.content.citations), which
    a reader opens only to check a source."""
    start = html.find('id="page-sources"')
    return html if start == -1 else html[: html.rfind("<", 0, start)]


def article_words(page: Path) -> int:
    return len(article_text(page).split())


def toctree_pages(part: Path) -> list[str]:
    """The pages of a part, in reading order: the toctree of its index.md, as readers get it."""
    source = (part / "index.md").read_text("utf-8")
    toctree = re.search(r"```\{toctree\}\n(?::\w+:[^\n]*\n)*\n?(.*?)```", source, re.S)
    assert toctree, f"{part.name}/index.md has no toctree"
    return toctree.group(1).split()


def assert_landing_page_lists(part: Path) -> None:
    """The part's landing page links each of its pages, in the toctree's order, so that a
    reader without the menu reaches every page too."""
    source = (part / "index.md").read_text("utf-8")
    pages = toctree_pages(part)
    position = 0  # a page may also be named earlier, in the introduction: find the list order
    for page in pages:
        link = re.compile(rf"\]\((\./)?{re.escape(page)}\.md(#[^)]*)?\)")
        assert link.search(source), f"{part.name}/index.md does not link to {page}"
        found = link.search(source, position)
        assert found, f"{part.name}/index.md links {page} before the pages listed ahead of it"
        position = found.end()
