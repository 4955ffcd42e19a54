"""Measure what a reader's browser downloads to open a page, beside a stock sphinx-book-theme page.

    python benchmarks/page_weight.py [--keep] [--no-lighthouse]

Builds a copy of handbook/ (so your files are never touched) and a reference: a scratch project
with the stock sphinx-book-theme and myst-parser settings and one page of plain text, built with
the same installed versions. Serves each build on 127.0.0.1, opens every page of our site and
the reference page in Debian's Chromium with an empty cache, waits until the network is quiet,
and adds up every response: requests, raw bytes, and gzip bytes (each body compressed with gzip
at level 9, as a web server sends it). It prints our median, smallest and largest page, the start
page, a content page and the search page beside the stock page, the five largest files on our
median page (what to cut next), and any request to another site (there should be none).

Target (issue 16): our median page weighs at most 10% of the stock page's gzip weight. The
result is for information; the script fails only if a build fails. If Lighthouse is installed
(`npm install -g lighthouse`), it also prints Lighthouse's mobile scores for each page type.

Reference: Chromium fetched 801,523 bytes (each file gzipped) for one stock page, about 540 KB
of it `_static/scripts/fontawesome.js` (shared/research/stack-notes.md, November 2026).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use

from support import browser as browser_tools  # noqa: E402
from support.browser import CHROMIUM_ARGS, serve, site_pages  # noqa: E402

STRICT = ["-n", "-W", "--keep-going", "-q"]
TARGET = 0.10  # our median page, as a share of the stock page's gzip bytes (issue 16)
NAME = 52  # width of the page column
PAGE_TYPES = {
    "Start page": "index.html",
    "Content page": "understand/forms.html",
    "Search page": "search.html",
}
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_TIMEOUT = 240  # seconds for one page; Lighthouse can wait long on a blocked request

# The stock theme's own settings: nothing but the extension and the theme.
REFERENCE_CONF = """\
project = "Stock reference"
extensions = ["myst_parser"]
html_theme = "sphinx_book_theme"
"""
REFERENCE_INDEX = """\
# Stock reference

This small site uses the book theme with its default settings.

```{toctree}
reading
```
"""
REFERENCE_PAGE = """\
# How to read this handbook

This handbook is for anyone who spends time with children and young people.
Parents, teachers, youth workers, travellers and teenagers can all use it.
You do not need to read it from start to finish.
Start with the part that fits the question you have today.

## Start where you are

Each part begins with a short landing page.
It says what the part covers and lists its pages in order.
If you are new to the subject, read the first part before the others.
It explains the words the rest of the handbook uses.

## How each page works

Every page follows the same order.
It opens with a box of key points, so you can see at a glance what the page says.
Then comes the main text, in short sections with clear headings.
Near the end, a section tells you what you can do next.
The sources come last, so you can check where each fact comes from.

## Finding your way around

The menu on the left lists every part and every page.
On a phone, open it with the button at the top of the screen.
The list on the right shows the sections of the page you are reading.
You can also search the whole handbook for a word.

## Reading on paper

Some people prefer to read on paper, or want to share a page in a meeting.
Every page prints cleanly, without the menus.
You can also read the whole handbook as one file and print only the parts you need.

## Taking a break

Some pages deal with hard subjects.
It is fine to stop, take a break and come back later.
Talk to someone you trust if anything you read worries you.
"""


@dataclass
class Resource:
    url: str
    raw: int
    gzip: int


@dataclass
class Load:
    page: str
    resources: list[Resource] = field(default_factory=list)
    other_origins: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.resources)

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.resources)


def sphinx(source: Path, output: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "sphinx", *STRICT, "-b", "html", str(source), str(output)],
        check=True,
    )
    return output


def write_reference(source: Path) -> Path:
    source.mkdir(parents=True)
    (source / "conf.py").write_text(REFERENCE_CONF, "utf-8")
    (source / "index.md").write_text(REFERENCE_INDEX, "utf-8")
    (source / "reading.md").write_text(REFERENCE_PAGE, "utf-8")
    return source


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed, as a real host does, so Lighthouse judges what readers
    get. (The byte counts do not depend on it: they compress each body themselves.)"""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


class _BytesFile:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def chromium_path() -> str:
    return browser_tools.chromium_path() or sys.exit(browser_tools.CHROMIUM_MISSING)


def load(browser, base: str, page: str) -> Load:
    """Open one page with an empty cache and count every response until the network is quiet."""
    result = Load(page)
    origin = urlsplit(base).netloc
    context = browser.new_context()
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))

    def note_request(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != origin:
            result.other_origins.append(request.url)

    tab.on("request", note_request)
    tab.goto(base + page)
    tab.wait_for_load_state("networkidle")
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        # The theme's ?digest= suffixes only bust caches; the file name says what it is.
        url = response.url.removeprefix(base).split("?")[0]
        result.resources.append(Resource(url, len(body), len(gzip.compress(body, 9))))
    context.close()
    return result


def measure(ours: Path, stock: Path) -> tuple[Load, list[Load]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with serve(stock, GzipHandler) as base:
            stock_load = load(browser, base, "reading.html")
        with serve(ours, GzipHandler) as base:
            our_loads = [load(browser, base, page) for page in site_pages(ours)]
        browser.close()
    return stock_load, our_loads


def kb(size: int) -> str:
    return f"{size / 1000:,.1f}"


def row(name: str, result: Load, stock: Load) -> str:
    share = f"{result.gzip / stock.gzip:.1%}"
    return (
        f"| {name:<{NAME}} | {len(result.resources):>8} | {kb(result.raw):>8} | "
        f"{kb(result.gzip):>8} | {share:>13} |"
    )


def report(stock: Load, loads: list[Load]) -> None:
    by_gzip = sorted(loads, key=lambda result: result.gzip)
    # The lower middle page when the count is even, so the named page is a real one.
    median_page = by_gzip[(len(by_gzip) - 1) // 2]
    median = statistics.median(result.gzip for result in loads)
    by_page = {result.page: result for result in loads}
    print(f"\nOne by One: {len(loads)} pages, each opened with an empty cache in Chromium\n")
    print(
        f"| {'Page':<{NAME}} | {'Requests':>8} | {'Raw KB':>8} | {'Gzip KB':>8} | "
        f"{'% stock gzip':>13} |"
    )
    print(f"|{'-' * (NAME + 2)}|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|{'-' * 14}:|")
    print(row("Stock book theme (reading.html)", stock, stock))
    print(row(f"Ours, median ({median_page.page})", median_page, stock))
    print(row(f"Ours, smallest ({by_gzip[0].page})", by_gzip[0], stock))
    print(row(f"Ours, largest ({by_gzip[-1].page})", by_gzip[-1], stock))
    for name, page in PAGE_TYPES.items():
        if page in by_page:
            print(row(f"{name} ({page})", by_page[page], stock))
        else:
            print(f"| {name} ({page}): not in the built site |")

    ratio = median / stock.gzip
    verdict = "PASS" if ratio <= TARGET else "OVER"
    print(
        f"\nMedian page: {kb(median)} KB gzip = {ratio:.1%} of the stock page's "
        f"{kb(stock.gzip)} KB (target: at most {TARGET:.0%}): {verdict}"
    )

    print(f"\nFive largest files on the median page ({median_page.page}), by gzip bytes:\n")
    print(f"| {'File':<60} | {'Raw KB':>8} | {'Gzip KB':>8} |")
    print(f"|{'-' * 62}|{'-' * 9}:|{'-' * 9}:|")
    for resource in sorted(median_page.resources, key=lambda r: r.gzip, reverse=True)[:5]:
        url = resource.url if len(resource.url) <= 60 else "..." + resource.url[-57:]
        print(f"| {url:<60} | {kb(resource.raw):>8} | {kb(resource.gzip):>8} |")

    others = sorted({url for result in loads for url in result.other_origins})
    if others:
        print(f"\nRequests to other sites from our pages ({len(others)}); there should be none:")
        for url in others:
            print(f"  {url}")
    else:
        print("\nRequests to other sites from our pages: none.")
    if stock.other_origins:
        print(f"The stock page asked other sites for {len(stock.other_origins)} files.")

    # The reference site has two pages, so its search index is tiny. The stock theme on our
    # content would load our whole index on every page: the figures above flatter it.
    index = [r for r in by_page.get("search.html", Load("")).resources if r.url == "searchindex.js"]
    if index:
        print(
            f"Note: the stock page loads its site's search index on every page. Ours is "
            f"{kb(index[0].gzip)} KB gzip; the reference's is {kb(_index_size(stock))} KB, "
            "so the stock figure above is smaller than the stock theme would be on our content."
        )


def _index_size(result: Load) -> int:
    return sum(r.gzip for r in result.resources if r.url == "searchindex.js")


def lighthouse_command() -> list[str] | None:
    if path := shutil.which("lighthouse"):
        return [path]
    if npx := shutil.which("npx"):
        with contextlib.suppress(subprocess.SubprocessError):
            check = [npx, "--no-install", "lighthouse", "--version"]
            if subprocess.run(check, capture_output=True, timeout=60).returncode == 0:
                return [npx, "--no-install", "lighthouse"]
    return None


def lighthouse_scores(command: list[str], url: str) -> str:
    """Lighthouse's four mobile scores for one page, as table cells, or why there are none."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    run = [
        *command,
        url,
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--output=json",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    try:
        done = subprocess.run(
            run, capture_output=True, text=True, env=env, timeout=LIGHTHOUSE_TIMEOUT
        )
        categories = json.loads(done.stdout)["categories"]
    except subprocess.TimeoutExpired:
        return f"no scores: Lighthouse took longer than {LIGHTHOUSE_TIMEOUT} s"
    except (json.JSONDecodeError, KeyError):
        return f"no scores: Lighthouse failed ({done.stderr.strip()[-200:]})"
    cells = []
    for name in LIGHTHOUSE_CATEGORIES:
        score = categories[name]["score"]
        cells.append(f"{score * 100:>5.0f}" if score is not None else "  n/a")
    return " | ".join(f"{cell:>14}" for cell in cells)


def lighthouse(ours: Path, stock: Path) -> None:
    command = lighthouse_command()
    if command is None:
        print(
            "\nLighthouse scores skipped: Lighthouse is not installed. "
            "To add them, run: npm install -g lighthouse"
        )
        return
    print("\nLighthouse, mobile (scores out of 100):\n")
    names = " | ".join(f"{name:>14}" for name in LIGHTHOUSE_CATEGORIES)
    print(f"| {'Page':<{NAME}} | {names} |")
    print(f"|{'-' * (NAME + 2)}|" + "|".join(f"{'-' * 15}:" for _ in LIGHTHOUSE_CATEGORIES) + "|")
    pages = [("Stock book theme (reading.html)", stock, "reading.html")]
    pages += [(f"{name} ({page})", ours, page) for name, page in PAGE_TYPES.items()]
    for name, site, page in pages:
        with serve(site, GzipHandler) as base:
            print(f"| {name:<{NAME}} | {lighthouse_scores(command, base + page)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the builds and print where")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="onebyone-weight-"))
    try:
        source = scratch / "handbook"
        shutil.copytree(ROOT / "handbook", source)
        try:
            ours = sphinx(source, scratch / "html")
            stock = sphinx(write_reference(scratch / "stock"), scratch / "stock-html")
        except subprocess.CalledProcessError:
            sys.exit("A build failed (its warnings are above). Fix them, then run this again.")
        stock_load, our_loads = measure(ours, stock)
        report(stock_load, our_loads)
        if not args.no_lighthouse:
            lighthouse(ours, stock)
    finally:
        if args.keep:
            print(f"\nBuilds kept: ours in {scratch / 'html'}, stock in {scratch / 'stock-html'}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
