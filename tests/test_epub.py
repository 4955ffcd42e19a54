"""The ePub (onebyone.outputs.epub): Sphinx's epub builder on the handbook passes EPUBCheck with
no error and no warning, carries the help pages and their numbers, and carries no script and
no quick exit (an e-reader is not a browser)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from onebyone.outputs.epub import check_settings

from conftest import HANDBOOK, build_or_fail, built_once

pytestmark = pytest.mark.epub

# Debian's epubcheck package: the jar, run with Java (its /usr/bin/epubcheck is the jar
# itself, which runs only where the kernel hands jars to Java).
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def epubcheck_command() -> list[str] | None:
    if EPUBCHECK_JAR.is_file() and shutil.which("java"):
        # One short run: the quick compiler and the simple collector halve its CPU time.
        return ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(EPUBCHECK_JAR)]
    if program := shutil.which("epubcheck"):  # Homebrew's, a script that runs the jar
        return [program]
    return None


@pytest.fixture(scope="session")
def epub(handbook_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook's ePub, reading the pages the HTML build read (as nox -s build does): from a
    copy of its doctrees, so that the shared HTML build is left as it was. Made once for all
    test processes."""

    def build(folder: Path) -> Path:
        doctrees = shutil.copytree(handbook_html / ".doctrees", folder / "doctrees")
        build_or_fail(HANDBOOK, folder / "epub", "epub", "-d", str(doctrees))
        (book,) = (folder / "epub").glob("*.epub")
        return book

    return built_once(tmp_path_factory, "handbook-epub", build)


@pytest.fixture(scope="module")
def pages(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as book:
        return {
            name: book.read(name).decode("utf-8")
            for name in book.namelist()
            if name.endswith(".xhtml")
        }


def test_epubcheck_finds_no_error_and_no_warning(epub: Path):
    command = epubcheck_command()
    if command is None:
        pytest.skip(
            "EPUBCheck is not installed: sudo apt-get install epubcheck (.ci/run installs it)"
        )
    result = subprocess.run(
        [*command, str(epub)], capture_output=True, text=True, check=False, timeout=600
    )
    report = result.stdout + result.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report[-4000:]
    assert result.returncode == 0, report[-4000:]


def test_the_help_pages_and_their_numbers_are_in_it(handbook_html: Path, pages: dict[str, str]):
    get_help = pages["get-help/index.xhtml"]
    assert "<h1>Get help" in get_help
    assert re.search(r'href="tel:\+?\d+"', get_help), "no number to dial on Get help"
    # Every help page with numbers to dial on the website has the same numbers in the book.
    for page in (handbook_html / "get-help").glob("*.html"):
        dialled = set(re.findall(r'href="(tel:[^"]+)"', page.read_text("utf-8")))
        name = f"get-help/{page.stem}.xhtml"
        assert dialled <= set(re.findall(r'href="(tel:[^"]+)"', pages[name])), name


def test_it_carries_no_script_no_quick_exit_and_no_site_bar(epub: Path, pages: dict[str, str]):
    for name, xhtml in pages.items():
        assert "<script" not in xhtml, f"{name} has a script"
        assert 'class="quick-exit' not in xhtml and "onebyone-site-bar" not in xhtml, name
        assert "language-switcher" not in xhtml, name
    with zipfile.ZipFile(epub) as book:
        names = book.namelist()
    assert names[0] == "mimetype"
    assert not [name for name in names if name.endswith(".js")]


def test_links_to_prints_lead_to_the_website(pages: dict[str, str]):
    """A PDF sits beside the website, not in the book: its link goes to the website."""
    pdfs = re.findall(r'href="([^"]+\.pdf)"', pages["workshops/index.xhtml"])
    assert pdfs
    assert all(re.match(r"https://", href) for href in pdfs), pdfs[:3]


def test_settings_epubcheck_refuses_stop_the_build_with_a_fix():
    good = SimpleNamespace(
        copyright="2026", version="1", epub_uid="onebyone", epub_identifier="onebyone"
    )
    assert check_settings(good) == []
    bad = SimpleNamespace(copyright="", version="", epub_uid="1 x", epub_identifier="unknown")
    problems = check_settings(bad)
    assert len(problems) == 4
    assert all("Fix:" in problem for problem in problems)
