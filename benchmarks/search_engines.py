"""Compare the site's tuned Sphinx search with Pagefind on the same HTML build (docs/design.md).

    pip install "pagefind[extended]"        # ships Pagefind's binary; any venv will do
    python -m sphinx -b html handbook /tmp/html
    python -m sphinx -b html -D language=km handbook /tmp/html/km     # for the Khmer check
    python benchmarks/search_engines.py --html /tmp/html [--khmer /tmp/html/km]
        [--pagefind-python /path/to/venv/bin/python] [--sphinx-index-time]

Pagefind indexes a copy of the build (in a temporary folder) with its defaults, its root set
to the article and the same parts left out that the site's own snippets leave out (citation
markers, the Sources list). Both engines are then asked every question of
tests/search-questions.yaml in Debian's Chromium, from a local server: Sphinx through the
site's search page, exactly as a reader runs it; Pagefind through its JavaScript API, on a
page that carries Pagefind's default search box. It prints, for each question, the rank of the
first expected page for each engine (1 is best; "-" means not found), the count in the top
three, and then: the bytes a search downloads (gzip), the bytes of a page that does not
search, the time to build the index, what a reader sees when searching from a file:// copy,
whether snippets are page text, any request to another host, and whether a Khmer word is found
on the Khmer pages. --sphinx-index-time rebuilds the site once (serially, into a temporary
folder) to time Sphinx's own indexing; it needs PYTHONPATH=tools, as the builds do.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html as htmllib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use

from support import browser  # noqa: E402

# Sphinx's search page is done when its summary has text (in any language).
SPHINX_DONE = """() => {
  const summary = document.querySelector('#search-results .search-summary');
  return summary && summary.textContent.trim().length > 0;
}"""
# Pagefind's default search box, as its documentation shows it; written after indexing.
TRIAL_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Pagefind trial</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script></head>
<body><main><h1>Search</h1><div id="search"></div></main>
<script>window.addEventListener("DOMContentLoaded", () => {{
  new PagefindUI({{ element: "#search", showSubResults: true, showImages: false }});
}});</script></body></html>
"""
TRIAL = "pagefind-trial.html"
# The parts of a page that the site's snippets leave out (onebyone-search-scorer.js).
NOT_CONTENT = [".onebyone-cite", "#page-sources", ".page-review", ".visually-hidden", ".headerlink"]
PAGEFIND_RANKS = """async (question) => {
  window.pf = window.pf || await import("./pagefind/pagefind.js");
  await window.pf.init();
  const search = await window.pf.search(question);
  const data = await Promise.all(search.results.map((r) => r.data()));
  return data.map((d) => d.url);
}"""
# Khmer words to look for on the Khmer pages: "Cambodia" and "trafficking" (ជួញដូរ).
KHMER_WORDS = ["កម្ពុជា", "ជួញដូរ"]
ZERO_WIDTH = "\u200b"


def page_name(url: str) -> str:
    """``/get-help/`` and ``/get-help/index.html`` → ``get-help/index``."""
    path = unquote(urlsplit(url).path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index"
    return re.sub(r"\.html$", "", path)


def kinds(urls: list[str]) -> dict[str, list[str]]:
    """A search's downloads, by what they are for."""
    names = {"pf_fragment": "snippets", "pf_index": "index", "pf_meta": "index"}
    names |= {"js": "scripts", "css": "scripts", "json": "index", "pagefind": "wasm"}
    groups: dict[str, list[str]] = {}
    for url in urls:
        path = urlsplit(url).path
        if "/pagefind/" in path:
            kind = names.get(path.rsplit(".", 1)[-1], "other")
        elif path.endswith(".html"):
            kind = "pages fetched for snippets"
        else:
            kind = "index and scripts"
        groups.setdefault(kind, []).append(url)
    return groups


def first_rank(pages: list[str], expect: list[str]) -> str:
    found = [i + 1 for i, p in enumerate(pages) if p in expect]
    return str(found[0]) if found else "-"


def gzip_bytes(path: Path) -> int:
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 6)))  # Pagefind's files are gzip already


def site_copy(html: Path, into: Path, skip: set[str]) -> Path:
    """A copy of one language's build, without the other languages' folders inside it."""
    shutil.copytree(html, into, ignore=lambda d, names: [n for n in names if n in skip])
    return into


def pagefind_index(site: Path, python: str) -> float:
    command = [python, "-m", "pagefind", "--site", str(site), "--quiet"]
    command += ["--root-selector", "article.bd-article"]
    for selector in NOT_CONTENT:
        command += ["--exclude-selectors", selector]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def sphinx_index_time() -> tuple[float, float]:
    """Seconds Sphinx spends on its search index in one serial HTML build, and the build's."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.cmd.build import build_main
    from sphinx.search import IndexBuilder

    spent = [0.0]

    def timed(function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start

        return wrapper

    IndexBuilder.feed = timed(IndexBuilder.feed)
    StandaloneHTMLBuilder.dump_search_index = timed(StandaloneHTMLBuilder.dump_search_index)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        build_main(["-b", "html", "-q", "-E", str(ROOT / "handbook"), out])
        return spent[0], time.perf_counter() - start


class Trial:
    """One Chromium, one local server over a site copy that holds Pagefind's index."""

    def __init__(self, chromium, address: str, site: Path) -> None:
        self.chromium, self.address, self.site = chromium, address, site
        self.other_hosts: set[str] = set()

    def page(self):
        context = self.chromium.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.on("request", self._note_host)
        return page

    def _note_host(self, request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith("http") and host != "127.0.0.1":
            self.other_hosts.add(host or request.url)

    def sphinx(self, page, question: str) -> list[str]:
        page.goto(f"{self.address}search.html?q={quote(question)}")
        page.wait_for_function(SPHINX_DONE, timeout=20000)
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search > li > a", "links => links.map(a => a.href)"
        )
        return [page_name(h) for h in hrefs]

    def pagefind(self, page, question: str) -> list[str]:
        if not page.url.endswith(TRIAL):
            page.goto(self.address + TRIAL)
        return [page_name(u) for u in page.evaluate(PAGEFIND_RANKS, question)]

    def downloads(self, run) -> list[str]:
        """The local files a fresh page loads while ``run(page)`` runs."""
        page = self.page()
        seen: list[str] = []
        page.on("requestfinished", lambda request: seen.append(request.url))
        run(page)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        page.context.close()
        return seen

    def size(self, urls: list[str]) -> int:
        total = 0
        for url in dict.fromkeys(urls):
            path = unquote(urlsplit(url).path).lstrip("/")
            file = self.site / (path + "index.html" if path.endswith("/") or not path else path)
            if file.is_file():
                total += gzip_bytes(file)
        return total

    def sphinx_search(self, page, question: str) -> None:
        self.sphinx(page, question)

    def pagefind_search(self, page, question: str) -> None:
        page.goto(self.address + TRIAL)
        page.fill(".pagefind-ui__search-input", question)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)

    def sphinx_snippets(self, question: str) -> str:
        page = self.page()
        self.sphinx(page, question)
        page.wait_for_timeout(2000)  # snippets load after the titles
        text = " | ".join(
            page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.innerText)")
        )
        page.context.close()
        return text

    def pagefind_snippets(self, question: str) -> str:
        page = self.page()
        self.pagefind_search(page, question)
        page.wait_for_timeout(1000)
        text = " | ".join(
            page.eval_on_selector_all(
                ".pagefind-ui__result-excerpt", "ps => ps.map(p => p.innerText)"
            )
        )
        page.context.close()
        return text


def from_file(chromium, site: Path, question: str) -> tuple[str, str]:
    """What a reader sees searching a file:// copy with each engine."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site.as_uri()}/search.html?q={quote(question)}")
    with contextlib.suppress(Exception):  # a search that never ends is the answer
        page.wait_for_function(SPHINX_DONE, timeout=15000)
    page.wait_for_timeout(1500)
    titles = page.eval_on_selector_all("#search-results ul.search > li > a", "a => a.length")
    snippets = page.eval_on_selector_all(
        "#search-results p.context", "ps => ps.filter(p => p.innerText.trim()).length"
    )
    note = page.eval_on_selector_all(".onebyone-search-offline", "ps => ps.map(p => p.innerText)")
    sphinx = f"{titles} results, {snippets} with text under them; note: {' '.join(note) or '-'}"
    errors.clear()
    page.goto(f"{site.as_uri()}/{TRIAL}")
    with contextlib.suppress(Exception):  # a box that never comes is the answer
        page.fill(".pagefind-ui__search-input", question, timeout=5000)
    page.wait_for_timeout(4000)
    shown = page.inner_text("#search").strip().replace("\n", " / ")
    found = page.eval_on_selector_all(".pagefind-ui__result", "r => r.length")
    first_error = errors[0][:160] if errors else "none"
    pagefind = f"{found} results; the box shows: {shown or '(nothing)'}; first error: {first_error}"
    context.close()
    return sphinx, pagefind


def pages_with(site: Path, word: str) -> set[str]:
    """The pages whose article holds ``word`` (zero-width spaces between words ignored)."""
    found = set()
    for file in site.rglob("*.html"):
        if "_static" in file.parts or file.name in ("search.html", "genindex.html", TRIAL):
            continue
        text = file.read_text("utf-8")
        article = re.search(r"<article.*?</article>", text, flags=re.S)
        plain = htmllib.unescape(re.sub(r"<[^>]+>", "", article.group(0) if article else ""))
        if word in plain.replace(ZERO_WIDTH, ""):
            found.add(file.relative_to(site).with_suffix("").as_posix())
    return found


def khmer(chromium, serve, km: Path, python: str, into: Path) -> list[str]:
    site = site_copy(km, into / "km", set())
    seconds = pagefind_index(site, python)
    (site / TRIAL).write_text(TRIAL_PAGE.format(lang="km"), "utf-8")
    lines = [f"Pagefind indexed the Khmer pages in {seconds:.1f} s."]
    with serve(site) as address:
        trial = Trial(chromium, address, site)
        page = trial.page()
        for word in KHMER_WORDS:
            holding = pages_with(site, word)
            for engine, ask in (("Sphinx", trial.sphinx), ("Pagefind", trial.pagefind)):
                got = set(ask(page, word))
                lines.append(
                    f"{engine:<9} {word}: {len(got & holding)} of the {len(holding)} Khmer pages "
                    f"that hold it found ({len(got)} results in all)"
                )
        page.context.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, required=True, help="an English HTML build")
    parser.add_argument("--khmer", type=Path, help="a Khmer HTML build (-D language=km)")
    parser.add_argument(
        "--pagefind-python",
        default=sys.executable,
        help="a Python that has pagefind[extended] installed (default: this one)",
    )
    parser.add_argument("--sphinx-index-time", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    questions = yaml.safe_load((ROOT / "tests" / "search-questions.yaml").read_text("utf-8"))
    questions = questions["questions"]
    languages = (ROOT / "handbook" / "_data" / "languages.yaml").read_text("utf-8")
    skip = set(re.findall(r"^  - code: ([a-z_A-Z]+)\s*$", languages, flags=re.M)) | {"reports"}

    with tempfile.TemporaryDirectory() as scratch:
        site = site_copy(args.html, Path(scratch) / "en", skip)
        index_seconds = pagefind_index(site, args.pagefind_python)
        (site / TRIAL).write_text(TRIAL_PAGE.format(lang="en-GB"), "utf-8")
        pagefind_files = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
        with browser.serve(site) as address, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=browser.chromium_path(), args=browser.CHROMIUM_ARGS
            )
            trial = Trial(chromium, address, site)
            page = trial.page()
            rows = []
            for item in questions:
                sphinx = trial.sphinx(page, item["q"])
                pagefind = trial.pagefind(page, item["q"])
                rows.append((item, sphinx, pagefind))
            page.context.close()

            probe = "what to do"
            reading = trial.downloads(lambda p: p.goto(address + "understand/scale.html"))
            sphinx_run = trial.downloads(lambda p: trial.sphinx_search(p, probe))
            pagefind_run = trial.downloads(lambda p: trial.pagefind_search(p, probe))
            sphinx_only = [u for u in sphinx_run if u not in reading and "search.html" not in u]
            pagefind_only = [u for u in pagefind_run if "/pagefind/" in u]
            search_assets = [
                u for u in reading if re.search(r"searchtools|searchindex|language_data", u)
            ]
            sphinx_snippet = trial.sphinx_snippets(probe)
            pagefind_snippet = trial.pagefind_snippets(probe)
            offline = from_file(chromium, site, "Cambodia")
            km = (
                khmer(chromium, browser.serve, args.khmer, args.pagefind_python, Path(scratch))
                if args.khmer
                else ["(no --khmer build given)"]
            )
            chromium.close()

        print(f"{'Sphinx':>6} {'Pagefind':>8}  question  (first expected page's rank)")
        for item, sphinx, pagefind in rows:
            print(
                f"{first_rank(sphinx, item['expect']):>6} {first_rank(pagefind, item['expect']):>8}"
                f"  {item['q']}"
            )
        for name, column in (("Sphinx", 1), ("Pagefind", 2)):
            top3 = sum(
                1 for row in rows if first_rank(row[column], row[0]["expect"]) in {"1", "2", "3"}
            )
            print(
                f"{name}: {top3} of {len(rows)} questions find an expected page in the top three."
            )
        print(f"\nOne search for {probe!r}: what it downloads beyond an ordinary page (gzip)")
        for name, urls in (("Sphinx", sphinx_only), ("Pagefind", pagefind_only)):
            parts = ", ".join(
                f"{part} {trial.size(group) / 1000:.1f} KB ({len(group)})"
                for part, group in kinds(urls).items()
            )
            print(f"  {name:<8} {trial.size(urls) / 1000:6.1f} KB in {len(urls)} files: {parts}")
        bundle = sum(f.stat().st_size for f in pagefind_files) / 1000
        index_js = site / "searchindex.js"
        print(
            f"Pagefind's whole bundle on disk: {bundle:.1f} KB in {len(pagefind_files)} files; "
            f"Sphinx's searchindex.js {index_js.stat().st_size / 1000:.1f} KB "
            f"({gzip_bytes(index_js) / 1000:.1f} KB gzip)."
        )
        print(
            f"A page that does not search (understand/scale): {trial.size(reading) / 1000:.1f} KB "
            f"gzip in {len(reading)} files, of which search files: "
            f"{trial.size(search_assets) / 1000:.1f} KB ({len(search_assets)} files)."
        )
        print(f"Index build: Pagefind {index_seconds:.1f} s (wall, one run, its own step).")
        if args.sphinx_index_time:
            spent, whole = sphinx_index_time()
            print(f"Index build: Sphinx {spent:.1f} s of a {whole:.0f} s serial build.")
        print(f"\nSnippets for {probe!r}:")
        print(f"  Sphinx:   {sphinx_snippet[:300]}")
        print(f"  Pagefind: {pagefind_snippet[:300]}")
        print("\nFrom a file:// copy, searching 'Cambodia':")
        print(f"  Sphinx:   {offline[0]}")
        print(f"  Pagefind: {offline[1]}")
        print(f"\nRequests to other hosts: {sorted(trial.other_hosts) or 'none'}")
        print("\nKhmer:")
        for line in km:
            print(f"  {line}")


if __name__ == "__main__":
    main()
