"""Measure how much of what a reader sees on each page is citation text, per page and per part.

    python benchmarks/citation_share.py [--html build/html] [--before other/html]

Opens every reader page of a built site in Debian's Chromium at 390x844 (a phone) and counts,
in the article as it is drawn: all visible characters, and the visible characters of citations
(author-date labels or numbered markers, plus the page's own "Sources" heading and button).
Text a reader cannot see (visually hidden names for screen readers, a closed "Sources" list)
is not counted. Without --html it builds the handbook into a temporary folder first.

Target (issue 16): citations at most 3 % of the visible text of any reader page. The test
``tests/test_reader.py::test_citations_are_at_most_3_percent_of_what_a_reader_sees`` asserts
it; this script prints the figures, and with --before, the figures of another build beside.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use

from support import browser  # noqa: E402
from support.reading import CITATION_SHARE as MEASURE  # noqa: E402


def shares(html: Path) -> dict[str, tuple[int, int]]:
    """For each reader page: (visible characters, citation characters)."""
    from playwright.sync_api import sync_playwright

    results = {}
    with browser.serve(html) as address, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=browser.chromium_path(), args=browser.CHROMIUM_ARGS
        )
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        for path in browser.site_pages(html):
            if path in ("search.html", "reference/references.html"):
                continue
            page.goto(address + path)
            if page.locator("article.bd-article").count():
                results[path] = tuple(page.evaluate(MEASURE))
        chromium.close()
    return results


def percent(pair: tuple[int, int]) -> float:
    return 100 * pair[1] / pair[0] if pair[0] else 0.0


def report(after: dict, before: dict | None) -> None:
    parts: dict[str, list[str]] = {}
    for path in after:
        parts.setdefault(path.split("/")[0] if "/" in path else "(home)", []).append(path)
    head = f"{'part':<28}{'pages':>6}{'median %':>10}{'max %':>8}"
    print(head + (f"{'before median':>15}{'before max':>12}" if before else ""))
    for part, paths in sorted(parts.items()):
        values = [percent(after[p]) for p in paths]
        line = f"{part:<28}{len(paths):>6}{statistics.median(values):>10.1f}{max(values):>8.1f}"
        if before:
            old = [percent(before[p]) for p in paths if p in before]
            if old:
                line += f"{statistics.median(old):>15.1f}{max(old):>12.1f}"
        print(line)
    worst = max(after, key=lambda p: percent(after[p]))
    print(f"\nHighest: {worst} at {percent(after[worst]):.1f} % (target: at most 3 %)")
    for path in (
        "recognise/signs-in-a-child.html",
        "online/sextortion.html",
        "get-help/index.html",
    ):
        if path in after:
            was = f" (before {percent(before[path]):.1f} %)" if before and path in before else ""
            print(f"{path}: {percent(after[path]):.1f} %{was}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="a built site (default: build one)")
    parser.add_argument("--before", type=Path, help="another built site to compare with")
    args = parser.parse_args()
    html = args.html
    if html is None:
        html = Path(tempfile.mkdtemp()) / "html"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(ROOT / "handbook")]
        subprocess.run([*command, str(html)], check=True)
    report(shares(html), shares(args.before) if args.before else None)


if __name__ == "__main__":
    main()
