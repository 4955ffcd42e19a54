"""``python -m onebyone.cli.helplines_recheck``: the weekly re-check of every helpline number
against the page it was quoted from (docs/helplines.md, "The weekly re-check").

It reads ``handbook/_data/helplines.yaml`` with the data module's own loader and checks, fetches
each distinct source page once (bounded: a timeout per request, a time budget for the whole
run, a few hosts at a time and one request at a time per host, a User-Agent that says who
asks, redirects followed and reported), and decides for each phone and text number:

- ``still quoted``: its ``source_quote`` is still on the page (whitespace, HTML entities, tags,
  curly quotes and dashes and letter case do not count; ``...`` in a quote stands for left-out
  words);
- ``quote gone``: the words changed, but the number's digits are still on the page;
- ``number gone``: the digits are no longer on the page;
- ``unreachable``: the page did not answer in time, answered with an error, or the run's time
  budget was spent before it was asked;
- and, beside any of these, ``redirected``: the source address now leads somewhere else.

It writes a Markdown report (``build/reports/helplines-recheck.md``) with each change, the
data file's line and the fix, prints one ``file:line: outcome: ...`` line per change, and exits
1 if anything changed or could not be checked, 0 if every number is still quoted at its own
address (2: the data could not be read, or the GitHub issue could not be written).

With ``--github-issue`` it also opens, updates or closes one issue titled "Helpline check"
(found by its title and the label ``helpline-check``) through GitHub's REST API, with the
standard library's ``urllib``: ``GITHUB_TOKEN`` and ``GITHUB_REPOSITORY`` must be set, and
``GITHUB_API_URL`` (set by GitHub Actions) chooses the API, so the tests use a local one.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from onebyone.core import read_text, shown_path
from onebyone.data import helplines, yamllines
from onebyone.data.pages import format_day

DATA = Path("handbook/_data/helplines.yaml")
REPORT = Path("build/reports/helplines-recheck.md")
DEFAULT_TIMEOUT = 20.0  # seconds for one page: connecting, waiting and reading
DEFAULT_BUDGET = 600.0  # seconds for the whole run; pages not asked by then are "unreachable"
DEFAULT_HOSTS = 4  # hosts asked at the same time; one request at a time per host
MAX_BYTES = 5_000_000  # a page longer than this is read up to here
USER_AGENT = (
    "OneByOne-helpline-check/1.0 (+https://github.com/onebyone-handbook/handbook; "
    "weekly check that helpline numbers are still on their source pages)"
)
ISSUE_TITLE = "Helpline check"
ISSUE_LABEL = "helpline-check"
ISSUE_MAX_CHARS = 60_000  # GitHub refuses an issue body over 65,536 characters

QUOTED = "still quoted"
QUOTE_GONE = "quote gone"
NUMBER_GONE = "number gone"
UNREACHABLE = "unreachable"
REDIRECTED = "redirected"
# The report's sections, most urgent first.
SECTIONS = {
    NUMBER_GONE: "Number gone from its page",
    UNREACHABLE: "Page could not be read",
    QUOTE_GONE: "Quote gone, number still there",
    REDIRECTED: "Page moved, quote still there",
}


# --- The data: one entry per number ---------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One phone or text number, where it is written, and the page it was quoted from."""

    name: str  # "GB/childline"
    kind: str  # "phone" or "text"
    number: str
    quote: str
    countries: tuple[str, ...]
    source: str
    number_line: int
    quote_line: int
    source_line: int


def entries(directory: helplines.Directory, line_of: Callable[[Sequence[Any]], int]) -> list[Entry]:
    found = []
    for r, region in enumerate(directory.regions):
        for s, service in enumerate(region.services):
            path = ["regions", r, "services", s]
            for field_name, numbers in (("phones", service.phones), ("texts", service.texts)):
                for n, number in enumerate(numbers):
                    where = [*path, field_name, n]
                    source_path = [*where, "source"] if number.source else [*path, "source"]
                    found.append(
                        Entry(
                            name=f"{region.id}/{service.id}",
                            kind="phone" if field_name == "phones" else "text",
                            number=number.number,
                            quote=number.source_quote,
                            countries=tuple(
                                [number.country] if number.country else region.countries()
                            ),
                            source=service.source_of(number),
                            number_line=line_of([*where, "number"]),
                            quote_line=line_of([*where, "source_quote"]),
                            source_line=line_of(source_path),
                        )
                    )
    return found


def load(path: Path) -> tuple[list[Entry] | None, list[str]]:
    """The numbers in the data file, or the problems that stop it being read. The file's other
    problems (an entry past its check date, say) are the build's to report, not this check's."""
    text, unreadable = read_text(path)
    if unreadable is not None:
        return None, [f"{shown_path(path)}:{unreadable.line}: {unreadable}"]
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [f"{shown_path(path)}:{error.line}: {yamllines.problem(error)}"]
    directory, problems = helplines.check_data(data, line_of, date.today(), 10**6)
    if directory is None:
        return None, [f"{shown_path(path)}:{p.line}: {p}" for p in problems]
    return entries(directory, line_of), []


# --- Fetching, bounded ----------------------------------------------------------------------------
@dataclass
class Page:
    url: str
    final_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, new address)
    text: str | None = None  # what a reader reads on it, when it could be read
    links: list[str] = field(default_factory=list)  # tel: and sms: links, for the digits
    error: str = ""  # why it could not be read

    @property
    def moved(self) -> bool:
        return bool(self.redirects) and self.final_url != self.url


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects as urllib does (at most 10), and notes each one."""

    def __init__(self) -> None:
        self.hops: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        self.hops.append((code, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _TooSlow(TimeoutError):
    """The page began to arrive, but too slowly to be read in time."""


def fetch(url: str, timeout: float, deadline: float) -> Page:
    """Read one page, giving up at ``timeout`` seconds or at the run's ``deadline``
    (``time.monotonic()``), whichever comes first. Each wait on the network is bounded by the
    time left, and the page is read a piece at a time with the clock checked between pieces,
    so a page that trickles in slowly costs at most about twice its time."""
    page, started = Page(url), time.monotonic()
    limit = min(started + timeout, deadline)
    if limit - started < 0.05:
        page.error = "not asked: the run's time budget was spent first"
        return page
    redirects = _Redirects()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,"
            "*/*;q=0.5",
        },
    )
    try:
        with opener.open(request, timeout=limit - started) as response:
            chunks, size = [], 0
            while size < MAX_BYTES:
                if time.monotonic() > limit:
                    raise _TooSlow
                chunk = response.read1(65536)  # one wait on the network at most
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            page.final_url = response.geturl()
            body = b"".join(chunks)
            if response.headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip"):
                body = gzip.decompress(body)  # sent though we did not ask for it
            page.text, page.links = page_text(
                body,
                response.headers.get_content_type(),
                response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as error:
        page.error = f"HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            page.error = f"no answer within {round(limit - started, 1):g} s"
        else:
            page.error = f"could not connect ({error.reason})"
    except _TooSlow:
        page.error = f"not read in full within {round(limit - started, 1):g} s"
    except TimeoutError:
        page.error = f"no answer within {round(limit - started, 1):g} s"
    except Exception as error:  # noqa: BLE001 - a broken page is an outcome, not a crash
        page.error = f"could not be read ({type(error).__name__}: {error})"
    page.redirects = redirects.hops
    page.final_url = page.final_url or (redirects.hops[-1][1] if redirects.hops else url)
    return page


def fetch_all(urls: Sequence[str], timeout: float, budget: float, hosts: int) -> dict[str, Page]:
    """Every page, a few hosts at a time and one request at a time per host. No page is asked
    for after ``budget`` seconds, and none is waited for beyond it, so the run ends by then
    (plus one ``timeout`` for a page that trickles in)."""
    deadline = time.monotonic() + budget
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[urllib.parse.urlsplit(url).netloc.lower()].append(url)

    def one_host(host_urls: list[str]) -> list[Page]:
        return [fetch(url, timeout, deadline) for url in host_urls]

    queue = sorted(by_host.values(), key=len, reverse=True)  # the longest queues first
    with ThreadPoolExecutor(max_workers=max(1, hosts)) as pool:
        return {page.url: page for pages in pool.map(one_host, queue) for page in pages}


# --- What a reader reads on a page ----------------------------------------------------------------
# Tags inside a line of text; every other tag separates words ("<td>Call</td><td>999</td>").
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
_HIDDEN = {"script", "style", "template"}  # never "head": its end tag is optional


class _Text(HTMLParser):
    """The text of an HTML page (entities decoded), and its tel: and sms: links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag not in _INLINE:
            self.parts.append(" ")
        for name, value in attrs:
            if name == "href" and value and value.strip().lower().startswith(("tel:", "sms:")):
                self.links.append(urllib.parse.unquote(value.strip()[4:]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:  # <br/>, <img/>: a void tag is never closed
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def page_text(body: bytes, content_type: str, charset: str | None) -> tuple[str, list[str]]:
    """What a reader reads on the page, and its tel: and sms: links. PDFs are read with pypdf."""
    if content_type == "application/pdf" or body.startswith(b"%PDF-"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return " ".join(page.extract_text() or "" for page in reader.pages), []
    if not charset and (meta := _META_CHARSET.search(body[:4096])):
        charset = meta.group(1).decode("ascii")
    try:
        text = body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        text = body.decode("utf-8", errors="replace")
    if content_type == "text/plain":
        return text, []
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts), parser.links


_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
     "\u2212": "-", "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None}
)  # fmt: skip


def normalise(text: str) -> str:
    """Text as compared: compatibility forms (a no-break space is a space, "…" is "..."), plain
    quotes and dashes, one space for any run of whitespace, and no letter case."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return " ".join(text.split()).casefold()


def quote_on_page(quote: str, text: str) -> bool:
    """True if the quote's words are in the page's text, in order; "..." stands for words left
    out of the quote. Both are compared after ``normalise``."""
    position, page = 0, normalise(text)
    parts = [part.strip(" .,;:") for part in normalise(quote).split("...")]
    for part in filter(None, parts):
        found = page.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


# A run of digit groups as pages write numbers: "0800 1111", "1-800-843-5678", "(02) 1343".
_RUN = re.compile(r"\+?\d(?:[\d .\-()]*\d)?")
_GROUP_SEPARATORS = re.compile(r"[ .\-()]+")


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def digits_on_page(number: str, text: str, links: Sequence[str], countries: Sequence[str]) -> bool:
    """True if the page shows the number's digits: as a whole run of digit groups, or as some
    neighbouring groups of a longer run ("0800 1111 24 hours"), never inside a group (999 is not
    in 1999), or in a tel: or sms: link. A number counts with or without its country code or
    trunk prefix, and letters of a vanity number count as their digits, as in the build's check
    of ``source_quote`` (``helplines.quote_contains``)."""
    candidates = set(helplines.quoted_digits(text))
    for run in _RUN.finditer(_ascii_digits(unicodedata.normalize("NFKC", text))):
        groups = [g for g in _GROUP_SEPARATORS.split(run.group(0)) if g]
        for start in range(len(groups)):
            for end in range(start + 1, min(len(groups), start + 6) + 1):
                candidates.add(re.sub(r"\D", "", "".join(groups[start:end])))
    candidates.update(re.sub(r"[^\d+]", "", link) for link in links)
    shown = " ; ".join(sorted(c for c in candidates if c.strip("+")))
    return helplines.quote_contains(number, shown, list(countries))


# --- Deciding and reporting -----------------------------------------------------------------------
@dataclass(frozen=True)
class Result:
    entry: Entry
    outcome: str  # QUOTED, QUOTE_GONE, NUMBER_GONE or UNREACHABLE
    page: Page

    @property
    def redirected(self) -> bool:
        return self.page.moved

    @property
    def changed(self) -> bool:
        return self.outcome != QUOTED or self.redirected

    @property
    def section(self) -> str:
        return REDIRECTED if self.outcome == QUOTED else self.outcome

    @property
    def shown_outcome(self) -> str:
        return f"{self.outcome}, {REDIRECTED}" if self.redirected else self.outcome


def decide(entry: Entry, page: Page) -> Result:
    if page.text is None:
        return Result(entry, UNREACHABLE, page)
    if quote_on_page(entry.quote, page.text):
        return Result(entry, QUOTED, page)
    if digits_on_page(entry.number, page.text, page.links, entry.countries):
        return Result(entry, QUOTE_GONE, page)
    return Result(entry, NUMBER_GONE, page)


def recheck(
    found: Sequence[Entry], timeout: float, budget: float, hosts: int
) -> tuple[list[Result], float]:
    started = time.monotonic()
    pages = fetch_all([entry.source for entry in found], timeout, budget, hosts)
    return [decide(entry, pages[entry.source]) for entry in found], time.monotonic() - started


def _moved(page: Page) -> str:
    if len(page.redirects) == 1:
        return f"the address now leads to {page.final_url} (HTTP {page.redirects[0][0]})"
    hops = ", then ".join(f"{code} to {url}" for code, url in page.redirects)
    return f"the address now leads to {page.final_url} (HTTP {hops})"


def summary(results: Sequence[Result]) -> str:
    """How many numbers had each outcome, the most urgent first: "1 number gone, 3 still
    quoted (1 redirected)"."""
    counts = Counter(r.outcome for r in results)
    moved = sum(r.redirected for r in results)
    parts = [
        f"{counts[o]} {o}" for o in (NUMBER_GONE, UNREACHABLE, QUOTE_GONE, QUOTED) if counts[o]
    ]
    return ", ".join(parts) + (f" ({moved} {REDIRECTED})" if moved else "")


def explain(result: Result, data: str) -> tuple[int, str, str]:
    """The line to change, what happened, and the fix."""
    entry, page = result.entry, result.page
    moved = f"; {_moved(page)}" if result.redirected else ""
    if result.outcome == UNREACHABLE:
        return (
            entry.source_line,
            f"{entry.source} could not be read: {page.error}{moved}",
            f"open the page in a browser. If it is gone or no longer shows the number, confirm "
            f"the number on the operator's page and update it or remove it, with source, "
            f"source_quote and quoted (source at {data}:{entry.source_line}). If it opens and "
            "still shows the quote, change nothing: the site was down, slow, or refuses "
            "automated checks",
        )
    if result.outcome == NUMBER_GONE:
        return (
            entry.number_line,
            f"'{entry.number}' is no longer on {page.final_url or entry.source}{moved}",
            f"confirm the number on the operator's page and update it or remove it at "
            f"{data}:{entry.number_line}, with source_quote and quoted (and source, if the "
            "operator now gives it on another page)",
        )
    if result.outcome == QUOTE_GONE:
        return (
            entry.quote_line,
            f"the quote is no longer on {page.final_url or entry.source}, but '{entry.number}' "
            f"still is{moved}",
            f"read the page, then update source_quote at {data}:{entry.quote_line} with the "
            "sentence that now contains the number, and set quoted to today's date"
            + (f"; set source to {page.final_url}" if result.redirected else ""),
        )
    return (
        entry.source_line,
        f"the quote is still there, but {_moved(page)}",
        f"check that it is the same operator's page, then set source to {page.final_url} at "
        f"{data}:{entry.source_line}",
    )


def _unreachable(results: Sequence[Result], data: str) -> list[str]:
    """One item per page that could not be read, naming every number quoted from it (each
    with the line of the ``source`` that names the page)."""
    by_page: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_page[result.entry.source].append(result)
    lines = []
    for url, these in by_page.items():
        page = these[0].page
        moved = f"; {_moved(page)}" if page.moved else ""
        numbers = ", ".join(
            f"**{r.entry.name}** {r.entry.kind} {r.entry.number} (`{data}:{r.entry.source_line}`)"
            for r in these
        )
        lines.append(
            f"- {url} could not be read: {page.error}{moved}. It is the source of {numbers}. "
            "Fix: open the page in a browser. If it is gone or no longer shows the numbers, "
            "confirm each number on the operator's page and update it or remove it, with source, "
            "source_quote and quoted. If it opens and still shows the quotes, change nothing: the "
            "site was down, slow, or refuses automated checks."
        )
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report(results: Sequence[Result], data: str, seconds: float, today: date) -> str:
    """The Markdown report: what changed, by section, then every number's outcome."""
    pages = {r.entry.source for r in results}
    changed = [r for r in results if r.changed]
    lines = [
        "# Helpline check",
        "",
        f"Checked {len(results)} numbers in `{data}` against their {len(pages)} source pages "
        f"on {format_day(today)}, in {seconds:.0f} s: {summary(results)}.",
        "",
    ]
    if not changed:
        lines += ["Every number is still on its source page, in the words we quote.", ""]
    else:
        lines += [
            f"**{len(changed)} need a look.** For each one, the line of the data file to change "
            'and the fix. How to act on this: `docs/helplines.md`, "The weekly re-check".',
            "",
        ]
    for section, title in SECTIONS.items():
        these = [r for r in changed if r.section == section]
        if not these:
            continue
        lines += [f"## {title}", ""]
        if section == UNREACHABLE:
            lines += _unreachable(these, data)
        for result in these if section != UNREACHABLE else ():
            line, what, fix = explain(result, data)
            lines.append(
                f"- `{data}:{line}` **{result.entry.name}** {result.entry.kind} "
                f"{result.entry.number}: {what}. Fix: {fix}."
            )
        lines.append("")
    lines += [
        "## Every number",
        "",
        "| Entry | Number | Outcome | Source page |",
        "|---|---|---|---|",
    ]
    for result in results:
        entry = result.entry
        lines.append(
            f"| `{data}:{entry.number_line}` {entry.name} | {entry.number} ({entry.kind}) | "
            f"{result.shown_outcome} | {_cell(entry.source)} |"
        )
    return "\n".join(lines) + "\n"


def issue_body(markdown: str, run_url: str) -> str:
    """The report as an issue body, within GitHub's size limit."""
    footer = f"\n---\nMade by the weekly helpline check{f' ({run_url})' if run_url else ''}.\n"
    if len(markdown) + len(footer) > ISSUE_MAX_CHARS:
        cut = markdown.find("\n## Every number")
        markdown = markdown[: cut if 0 <= cut < ISSUE_MAX_CHARS else ISSUE_MAX_CHARS]
        markdown += "\n\n(The full list of numbers is in the workflow run's report.)\n"
    return markdown + footer


# --- The "Helpline check" issue -----------------------------------------------------------------
def issue_action(open_issue: int | None, changed: bool) -> str:
    """What to do with the issue: "open", "update", "close" or "none"."""
    if changed:
        return "update" if open_issue else "open"
    return "close" if open_issue else "none"


class GitHub:
    """The few REST calls the issue needs, with urllib. ``api`` is https://api.github.com, or
    ``GITHUB_API_URL`` (GitHub Enterprise, or a local server in the tests)."""

    def __init__(self, api: str, repository: str, token: str, timeout: float = 30) -> None:
        self.base = f"{api.rstrip('/')}/repos/{repository}"
        self.token, self.timeout = token, timeout

    def call(self, method: str, path: str, payload: dict | None = None) -> Any:
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=None if payload is None else json.dumps(payload).encode("utf-8"),
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": USER_AGENT,
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            body = response.read()
        return json.loads(body) if body else None

    def open_issue(self) -> int | None:
        query = urllib.parse.urlencode({"state": "open", "labels": ISSUE_LABEL, "per_page": 100})
        for issue in self.call("GET", f"/issues?{query}") or []:
            if issue.get("title") == ISSUE_TITLE and "pull_request" not in issue:
                return int(issue["number"])
        return None


def sync_issue(github: GitHub, body: str, changed: bool, run_url: str = "") -> str:
    """Open, update or close the one "Helpline check" issue; return what was done."""
    number = github.open_issue()
    action = issue_action(number, changed)
    if action == "open":
        payload = {"title": ISSUE_TITLE, "body": body, "labels": [ISSUE_LABEL]}
        github.call("POST", "/issues", payload)
    elif action == "update":
        github.call("PATCH", f"/issues/{number}", {"body": body})
    elif action == "close":
        done = "Every number is still on its source page, in the words we quote"
        github.call(
            "POST",
            f"/issues/{number}/comments",
            {"body": f"{done}{f' ({run_url})' if run_url else ''}."},
        )
        github.call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})
    return action


# --- The command ----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m onebyone.cli.helplines_recheck",
        description="Re-read every helpline number's source page and report what changed.",
    )
    parser.add_argument("--data", type=Path, default=DATA, help=f"the data file ({DATA})")
    parser.add_argument("--report", type=Path, default=REPORT, help=f"the report ({REPORT})")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds for one page"
    )
    parser.add_argument(
        "--budget", type=float, default=DEFAULT_BUDGET, help="seconds for the whole run"
    )
    parser.add_argument(
        "--hosts", type=int, default=DEFAULT_HOSTS, help="hosts asked at the same time"
    )
    parser.add_argument(
        "--github-issue",
        action="store_true",
        help='open, update or close the "Helpline check" issue (needs GITHUB_TOKEN and '
        "GITHUB_REPOSITORY; GITHUB_API_URL if not api.github.com)",
    )
    args = parser.parse_args(argv)
    token, repository = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
    if args.github_issue and not (token and repository):
        print(
            "--github-issue needs GITHUB_TOKEN and GITHUB_REPOSITORY. Fix: set both (the "
            "workflow passes github.token), or leave out --github-issue.",
            file=sys.stderr,
        )
        return 2

    found, problems = load(args.data)
    if found is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("The helpline data could not be read, so nothing was checked.", file=sys.stderr)
        return 2
    results, seconds = recheck(found, args.timeout, args.budget, args.hosts)
    data = shown_path(args.data).as_posix()
    markdown = report(results, data, seconds, date.today())
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(markdown, encoding="utf-8")

    pages = len({r.entry.source for r in results})
    print(f"Checked {len(results)} numbers on {pages} pages in {seconds:.0f} s: {summary(results)}")
    changed = [r for r in results if r.changed]
    # One line per line of the data file to change: a service's phone and text numbers quoted
    # from one unreachable page share its source line.
    for line in dict.fromkeys(
        f"{data}:{where}: {r.shown_outcome}: {r.entry.name}: {what}. Fix: {fix}."
        for r in changed
        for where, what, fix in [explain(r, data)]
    ):
        print(line)
    print(f"Report: {shown_path(args.report).as_posix()}")
    if results and all(r.page.text is None for r in results):
        print(
            "No source page could be read, so the check itself failed. Fix: check this "
            "machine's internet connection (or the pages' hosts in the lines above), then run "
            "the check again.",
            file=sys.stderr,
        )
        return 2

    if args.github_issue:
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        run = os.environ.get("GITHUB_RUN_ID")
        run_url = f"{server}/{repository}/actions/runs/{run}" if run else ""
        github = GitHub(
            os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository, token
        )
        try:
            action = sync_issue(github, issue_body(markdown, run_url), bool(changed), run_url)
        except (urllib.error.URLError, OSError, ValueError) as error:
            print(
                f'The "{ISSUE_TITLE}" issue could not be written ({error}). Fix: check that the '
                "workflow has 'issues: write' permission and GITHUB_TOKEN is its token.",
                file=sys.stderr,
            )
            return 2
        print(f'"{ISSUE_TITLE}" issue: {action}')
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
