"""The weekly helpline re-check (``python -m onebyone.cli.helplines_recheck``) decides each
number's outcome, names the data file's line and the fix, ends within its time budget, and
opens, updates and closes one "Helpline check" issue.

A local server on 127.0.0.1 serves the source pages (one with the quotes, one reworded, one
with a changed number, one without the number, a slow one, a redirect and a missing page) and
a fake GitHub issues API; a small helplines file in ``tmp_path`` points at them.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import time
from datetime import date
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from support.browser import answering

from onebyone.cli import helplines_recheck as recheck
from onebyone.data import helplines, yamllines

from conftest import HANDBOOK

TIMEOUT = 1  # seconds for one page in these runs
SLOW = TIMEOUT + 4  # how long the slow page takes to answer, and the trickle lasts

# The source pages. The quoted page writes its quotes as a browser shows them but with tags,
# entities, a no-break space, a curly apostrophe and line breaks in between.
PAGES = {
    "/quoted": """<!doctype html><html><head><title>Get help</title>
        <script>var hotline = "0800 555 111";</script></head><body>
        <p>If you or someone you know is in <em>immediate danger</em>,
           always call <strong>999</strong>.</p>
        <p>Children can call Childline any time on&nbsp;<a href="tel:08001111">0800 1111</a>.
           It&rsquo;s free.</p></body></html>""",
    "/reworded": "<p>NSPCC helpline:</p><p>0808 800 5000 (Monday to Friday)</p>",
    "/changed": "<p>You can also call Crimestoppers anonymously on 0800 555 112.</p>",
    "/gone": "<p>This service has closed. Thank you to everyone who called.</p>",
    "/moved-here": "<p>Call Family Lives on 0808 800 2222 for free.</p>",
}
SERVED = {path: "/quoted" for path in ("/quoted-a", "/quoted-b")}  # more addresses, one page


class Answers(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: set[str] = set()
    issues: list[dict] = []
    calls: list[tuple[str, str, dict | None]] = []
    tokens: set[str] = set()

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def reply(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the checker gave up on a slow page and hung up: that is the point
            pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/api/"):
            return self.api("GET")
        Answers.hits[path] = Answers.hits.get(path, 0) + 1
        Answers.agents.add(self.headers.get("User-Agent", ""))
        path = SERVED.get(path, path)
        if path in PAGES:
            self.reply(200, PAGES[path].encode("utf-8"), {"Content-Type": "text/html"})
        elif path == "/moved":
            self.reply(301, headers={"Location": "/moved-here"})
        elif path == "/trickle":  # a byte at a time, for longer than the timeout
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(int(SLOW / 0.1)):
                    self.wfile.write(b"<p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/gzipped":  # compressed, though the check does not ask for it
            body = gzip.compress(PAGES["/moved-here"].encode("utf-8"))
            self.reply(200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif path.startswith("/slow"):
            time.sleep(SLOW)
            self.reply(200, PAGES["/quoted"].encode("utf-8"), {"Content-Type": "text/html"})
        else:
            self.reply(404)

    def do_POST(self) -> None:
        self.api("POST")

    def do_PATCH(self) -> None:
        self.api("PATCH")

    def api(self, method: str) -> None:
        """A fake of the few GitHub issue calls the check makes, under /api/repos/owner/repo."""
        Answers.tokens.add(self.headers.get("Authorization", ""))
        url = urlsplit(self.path)
        path = url.path.removeprefix("/api/repos/owner/repo")
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length)) if length else None
        Answers.calls.append((method, path, payload))
        if method == "GET" and path == "/issues":
            query = parse_qs(url.query)
            found = [
                issue
                for issue in Answers.issues
                if issue["state"] == query["state"][0]
                and query["labels"][0] in [label["name"] for label in issue["labels"]]
            ]
            return self.reply(200, json.dumps(found).encode())
        if method == "POST" and path == "/issues":
            issue = {
                "number": len(Answers.issues) + 1,
                "title": payload["title"],
                "body": payload["body"],
                "labels": [{"name": name} for name in payload.get("labels", [])],
                "state": "open",
            }
            Answers.issues.append(issue)
            return self.reply(201, json.dumps(issue).encode())
        if match := re.fullmatch(r"/issues/(\d+)(/comments)?", path):
            issue = Answers.issues[int(match.group(1)) - 1]
            if match.group(2) and method == "POST":
                issue.setdefault("comments", []).append(payload["body"])
            elif method == "PATCH":
                issue.update(payload)
            return self.reply(200, json.dumps(issue).encode())
        self.reply(404)


@pytest.fixture(scope="module")
def server():
    with answering(Answers) as address:
        yield address


def service(sid: str, number: str, quote: str, source: str, extra: str = "") -> str:
    """One GB service in the data file's own layout."""
    return f"""\
  - id: {sid}
    name: {sid.replace("-", " ").title()}
    purposes: [{"emergency" if sid == "emergency" else "child-abuse"}]
    phones:
    - number: "{number}"
      source_quote: "{quote}"
      quoted: 2026-12-03
{extra}    hours: 24 hours
    users: [everyone]
    source: {source}
    source_kind: official
    cite: [scratch-2026]
    checked: 2026-12-03
    status: checked
"""


# What each entry of the scratch file meets, and the outcome the report must give it.
def scratch_services(server: str) -> dict[str, tuple[str, str]]:
    """Each service's YAML, and the outcome the check must find for it."""
    return {
        "emergency": (
            service(
                "emergency",
                "999",
                "If you or someone you know is in immediate danger, always call 999.",
                f"{server}/quoted-a",
            ),
            recheck.QUOTED,
        ),
        "childline": (
            service(
                "childline",
                "0800 1111",
                "Children can call Childline any time on 0800 1111",
                f"{server}/quoted-a",
            ),
            recheck.QUOTED,
        ),
        "nspcc": (
            service(
                "nspcc",
                "0808 800 5000",
                "You can call the NSPCC helpline on 0808 800 5000",
                f"{server}/reworded",
            ),
            recheck.QUOTE_GONE,
        ),
        "crimestoppers": (
            service(
                "crimestoppers",
                "0800 555 111",
                "You can also call Crimestoppers anonymously on 0800 555 111.",
                f"{server}/changed",
            ),
            recheck.NUMBER_GONE,
        ),
        "samaritans": (
            service("samaritans", "116 123", "Call us free on 116 123", f"{server}/gone"),
            recheck.NUMBER_GONE,
        ),
        "police": (
            service("police", "101", "Call 101 when it is not an emergency", f"{server}/slow"),
            recheck.UNREACHABLE,
        ),
        "family-lives": (
            service(
                "family-lives",
                "0808 800 2222",
                "Call Family Lives on 0808 800 2222",
                f"{server}/moved",
            ),
            f"{recheck.QUOTED}, {recheck.REDIRECTED}",
        ),
        "trickle": (
            service("trickle", "101", "Call 101", f"{server}/trickle"),
            recheck.UNREACHABLE,
        ),
        "gzipped": (
            service(
                "gzipped",
                "0808 800 2222",
                "Call Family Lives on 0808 800 2222",
                f"{server}/gzipped",
            ),
            recheck.QUOTED,
        ),
        "missing": (
            service(
                "missing",
                "0800 1111",
                "Children can call Childline any time on 0800 1111",
                f"{server}/missing",
                # Read on a page of its own: the number's source, not the service's, is checked.
                extra=f"      source: {server}/quoted-b\n",
            ),
            recheck.QUOTED,
        ),
    }


def write_data(folder: Path, services: list[str]) -> Path:
    path = folder / "helplines.yaml"
    text = "regions:\n- id: GB\n  name: the United Kingdom\n  services:\n" + "".join(services)
    path.write_text(text, encoding="utf-8")
    return path


def run(data: Path, report: Path, *extra: str) -> tuple[int, str, str]:
    """The command as the nox session runs it; its exit code, what it printed, its report."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = recheck.main(
            ["--data", str(data), "--report", str(report), "--timeout", str(TIMEOUT), *extra]
        )
    return code, out.getvalue(), report.read_text("utf-8")


def table(report: str) -> dict[str, tuple[str, str]]:
    """The report's "Every number" table: entry name to (file:line, outcome)."""
    rows = {}
    for line in report.split("## Every number", 1)[1].splitlines():
        if match := re.match(r"\| `([^`]+)` GB/(\S+) \| [^|]+ \| ([^|]+) \|", line):
            rows[match.group(2)] = (match.group(1), match.group(3).strip())
    return rows


def line_of(path: Path, *keys) -> int:
    data, find = yamllines.load(path.read_text("utf-8"))
    return find(["regions", 0, "services", *keys])


@pytest.fixture(scope="module")
def full_run(server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("recheck")
    expected = scratch_services(server)
    data = write_data(folder, [yaml for yaml, _ in expected.values()])
    Answers.hits.clear()
    Answers.agents.clear()
    started = time.monotonic()
    code, printed, report = run(data, folder / "reports" / "helplines-recheck.md")
    return {
        "data": data,
        "expected": {name: outcome for name, (_, outcome) in expected.items()},
        "code": code,
        "printed": printed,
        "report": report,
        "seconds": time.monotonic() - started,
        "hits": dict(Answers.hits),  # the pages this run asked for, before other tests ask
        "agents": set(Answers.agents),
    }


def test_the_scratch_data_passes_the_builds_own_checks(full_run):
    _, problems = helplines.check(full_run["data"].read_text("utf-8"), date.today(), 999)
    assert [p for p in problems if p.severe] == []


def test_each_number_gets_its_outcome(full_run):
    found = table(full_run["report"])
    assert {name: outcome for name, (_, outcome) in found.items()} == full_run["expected"]
    print("\n".join(f"{name}: {outcome}" for name, (_, outcome) in found.items()))
    assert full_run["code"] == 1  # something changed


def test_each_row_names_its_numbers_line(full_run):
    data = full_run["data"]
    for s, (name, (where, _)) in enumerate(table(full_run["report"]).items()):
        assert where.endswith(f":{line_of(data, s, 'phones', 0, 'number')}"), name


def fix_for(report: str, name: str) -> str:
    lines = [
        line for line in report.splitlines() if line.startswith("- ") and f"GB/{name}**" in line
    ]
    assert len(lines) == 1, (name, report)
    return lines[0]


def test_each_change_names_the_line_to_change_and_the_fix(full_run, server):
    data, report = full_run["data"], full_run["report"]
    order = list(full_run["expected"])
    shown = recheck.shown_path(data).as_posix()

    def at(name: str, *keys) -> str:
        return f"{shown}:{line_of(data, order.index(name), *keys)}"

    quote = at("nspcc", "phones", 0, "source_quote")
    assert f"update source_quote at {quote}" in fix_for(report, "nspcc")
    for name in ("crimestoppers", "samaritans"):
        line = fix_for(report, name)
        assert "is no longer on" in line
        assert (
            "confirm the number on the operator's page and update it or remove it at "
            f"{at(name, 'phones', 0, 'number')}" in line
        )
    police = fix_for(report, "police")
    assert f"no answer within {TIMEOUT} s" in police
    assert f"**GB/police** phone 101 (`{at('police', 'source')}`)" in police
    assert f"/trickle could not be read: not read in full within {TIMEOUT} s" in report
    moved = fix_for(report, "family-lives")
    assert f"leads to {server}/moved-here (HTTP 301)" in moved
    assert f"set source to {server}/moved-here at {at('family-lives', 'source')}" in moved
    # The same lines, for the CI log, with the file and line first.
    printed = full_run["printed"]
    assert f"{quote}: {recheck.QUOTE_GONE}: GB/nspcc:" in printed
    assert f"{at('police', 'source')}: {recheck.UNREACHABLE}: GB/police:" in printed


def test_a_page_is_fetched_once_however_many_numbers_cite_it(full_run):
    assert full_run["hits"]["/quoted-a"] == 1  # two services quote it
    assert "/missing" not in full_run["hits"]  # a number's own source replaces the service's
    assert full_run["agents"] == {recheck.USER_AGENT}


def test_a_slow_or_trickling_page_costs_no_more_than_its_timeout(full_run):
    # One host, so one page at a time: the slow page and the trickle take a timeout each
    # (waiting for them in full would take 2 * SLOW); the rest is a margin for a busy machine.
    assert full_run["seconds"] < 2 * TIMEOUT + 3


def test_the_run_ends_within_its_budget(server, tmp_path):
    slow = [service(f"slow-{i}", "101", "Call 101", f"{server}/slow-{i}") for i in range(3)]
    data = write_data(tmp_path, [scratch_services(server)["emergency"][0], *slow])
    started = time.monotonic()
    options = ["--budget", "0.5", "--hosts", "1", "--timeout", str(SLOW)]
    code, _, report = run(data, tmp_path / "report.md", *options)
    assert time.monotonic() - started < 3  # without the budget: at least SLOW
    assert code == 1
    assert "/slow-0 could not be read: no answer within 0.5 s" in report
    assert report.count("the run's time budget was spent first") == 2
    assert [outcome for _, outcome in table(report).values()] == [recheck.QUOTED] + [
        recheck.UNREACHABLE
    ] * 3


def test_a_missing_page_is_reported_with_its_status(server, tmp_path):
    fine = scratch_services(server)["emergency"][0]
    data = write_data(tmp_path, [fine, service("gone", "101", "Call 101", f"{server}/nowhere")])
    code, _, report = run(data, tmp_path / "report.md")
    assert code == 1
    assert "could not be read: HTTP 404" in fix_for(report, "gone")


def test_when_no_page_can_be_read_the_check_fails_and_leaves_the_issue(
    server, tmp_path, monkeypatch
):
    """No network on the machine that runs it is not a change to report to editors."""
    monkeypatch.setenv("GITHUB_TOKEN", "secret-for-the-test")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/repo")
    monkeypatch.setenv("GITHUB_API_URL", f"{server}/api")
    Answers.calls.clear()
    data = write_data(tmp_path, [service("gone", "101", "Call 101", f"{server}/nowhere")])
    code, _, report = run(data, tmp_path / "report.md", "--github-issue")
    assert code == 2
    assert "could not be read: HTTP 404" in report
    assert Answers.calls == []


def test_when_nothing_changed_it_says_so_and_exits_0(server, tmp_path):
    services = scratch_services(server)
    data = write_data(tmp_path, [services["emergency"][0], services["childline"][0]])
    code, _, report = run(data, tmp_path / "report.md")
    assert code == 0
    assert "Every number is still on its source page, in the words we quote." in report
    assert "## Number gone" not in report


@pytest.mark.parametrize(
    ("quote", "page", "found"),
    [
        ("It's free: call 0800 1111.", "<p>It&#8217;s   free:<br>\ncall 0800&nbsp;1111.</p>", True),
        ("IT'S FREE", "<p>it's free</p>", True),
        ("Call us ... on 0800 1111", "<p>Call us, day or night, on 0800 1111</p>", True),
        ("Call us … on 0800 1111", "<p>on 0800 1111 call us</p>", False),
        ("Call 999", "<script>'Call 999'</script><p>Call 911</p>", False),
        ("Call Child line", "<p>Call Child<b>line</b></p>", False),
        ("Call Childline", "<p>Call Child<b>line</b></p>", True),
        ("Ring 999", "<td>Ring</td><td>999</td>", True),
    ],
)
def test_quotes_are_compared_as_a_reader_reads_them(quote, page, found):
    text, _ = recheck.page_text(page.encode(), "text/html", "utf-8")
    assert recheck.quote_on_page(quote, text) is found


@pytest.mark.parametrize(
    ("number", "page", "countries", "found"),
    [
        ("0800 1111", "<p>Call 0800 1111 24 hours a day</p>", ["GB"], True),
        ("999", "<p>Founded in 1999</p>", ["GB"], False),
        ("+44 808 800 5000", "<p>Call 0808-800-5000</p>", ["GB"], True),
        ("1-800-843-5678", "<p>Call 1-800-THE-LOST</p>", ["US"], True),
        ("0800 1111", '<a href="tel:+448001111">Call Childline</a>', ["GB"], True),
        ("0800 555 111", "<p>Call 0800 555 112</p>", ["GB"], False),
    ],
)
def test_digits_are_found_as_pages_write_them(number, page, countries, found):
    text, links = recheck.page_text(page.encode(), "text/html", "utf-8")
    assert recheck.digits_on_page(number, text, links, countries) is found


@pytest.mark.parametrize(
    ("open_issue", "changed", "action"),
    [(None, True, "open"), (7, True, "update"), (7, False, "close"), (None, False, "none")],
)
def test_the_issue_decision(open_issue, changed, action):
    assert recheck.issue_action(open_issue, changed) == action


def test_the_issue_is_opened_updated_and_closed(server, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "secret-for-the-test")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/repo")
    monkeypatch.setenv("GITHUB_API_URL", f"{server}/api")
    monkeypatch.delenv("GITHUB_RUN_ID", raising=False)
    Answers.issues[:] = [
        {"number": 1, "title": "Broken links", "body": "", "labels": [], "state": "open"}
    ]
    Answers.calls.clear()
    services = scratch_services(server)
    changed = write_data(tmp_path, [services["nspcc"][0]])
    report = tmp_path / "report.md"

    code, printed, first = run(changed, report, "--github-issue")
    assert code == 1 and '"Helpline check" issue: open' in printed
    issue = Answers.issues[1]
    assert issue["title"] == "Helpline check"
    assert [label["name"] for label in issue["labels"]] == ["helpline-check"]
    assert issue["body"].startswith(first) and "update source_quote at" in issue["body"]

    issue["body"] = "an old report"
    code, printed, _ = run(changed, report, "--github-issue")
    assert code == 1 and '"Helpline check" issue: update' in printed
    assert len(Answers.issues) == 2 and "update source_quote at" in issue["body"]

    well = write_data(tmp_path, [services["childline"][0]])
    code, printed, _ = run(well, report, "--github-issue")
    assert code == 0 and '"Helpline check" issue: close' in printed
    assert issue["state"] == "closed" and issue["comments"]

    code, printed, _ = run(well, report, "--github-issue")
    assert code == 0 and '"Helpline check" issue: none' in printed
    assert Answers.issues[0] == {
        "number": 1, "title": "Broken links", "body": "", "labels": [], "state": "open"
    }  # fmt: skip
    assert Answers.tokens == {"Bearer secret-for-the-test"}
    assert not [call for call in Answers.calls if call[1].startswith("/issues/1")]


def test_the_issue_needs_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    data = write_data(tmp_path, [])
    assert recheck.main(["--data", str(data), "--github-issue"]) == 2


def test_a_long_report_fits_in_an_issue():
    rows = "\n".join(
        f"| row {i} | 0800 1111 | still quoted | https://example.org |" for i in range(5000)
    )
    body = recheck.issue_body(
        f"# Helpline check\n\n## Number gone\n\n- x\n\n## Every number\n\n{rows}\n", ""
    )
    assert len(body) < 65_536 and "## Number gone" in body and "row 4999" not in body


def test_every_real_number_is_found_on_a_page_that_shows_its_quote():
    """For each number in the handbook's data: a page showing exactly its quote is "still
    quoted"; a page showing only the number is "quote gone" (unless the quote is no more than
    the number); a page without it is "number gone". So the re-check agrees with the build,
    which accepted the number in its quote."""
    found, problems = recheck.load(HANDBOOK / "_data" / "helplines.yaml")
    assert found, problems
    for entry in found:

        def outcome(html: str, entry=entry) -> str:
            text, links = recheck.page_text(html.encode(), "text/html", "utf-8")
            return recheck.decide(entry, recheck.Page(entry.source, text=text, links=links)).outcome

        shown = f"<p>Call {escape(entry.number)} today.</p>"
        only_number = recheck.quote_on_page(entry.quote, shown)
        assert outcome(f"<p>{escape(entry.quote)}</p>") == recheck.QUOTED, entry
        assert outcome(shown) == (recheck.QUOTED if only_number else recheck.QUOTE_GONE), entry
        assert outcome("<p>This page has no number.</p>") == recheck.NUMBER_GONE, entry
