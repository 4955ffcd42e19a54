"""The external link check classifies each kind of answer correctly and always ends in time.

A local server on 127.0.0.1 answers the ways real hosts do; the check runs through our bounded
runner (``python -m onebyone.cli.linkcheck``) on a page that links to each of them.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from support.browser import answering

from onebyone.cli.linkcheck import read_results

from conftest import SITES, VALID_FRONT_MATTER

TIMEOUT = 2  # linkcheck_timeout for the scratch project, in seconds
BOUND = 60  # the runner's hard bound on the whole check, in seconds


class Answers(BaseHTTPRequestHandler):
    seen_429_once: set[str] = set()

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def do_HEAD(self) -> None:
        self.answer()

    def do_GET(self) -> None:
        self.answer()

    def send(self, code: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def answer(self) -> None:
        path = self.path
        if path == "/ok":
            self.send(200)
        elif path == "/missing":
            self.send(404)
        elif path == "/moved":
            self.send(301, {"Location": "/ok"})
        elif path == "/busy-once":
            if path in self.seen_429_once:
                self.send(200)
            else:
                self.seen_429_once.add(path)
                self.send(429, {"Retry-After": "1"})
        elif path == "/always-busy":
            self.send(429, {"Retry-After": "1"})
        elif path == "/slow":
            time.sleep(TIMEOUT + 3)
            self.send(200)
        elif path.startswith("/loop"):
            self.send(302, {"Location": "/loop-again" if path == "/loop" else "/loop"})
        else:
            self.send(500)


@pytest.fixture(scope="module")
def server():
    with answering(Answers) as address:
        yield address


def refused_port() -> int:
    """A port with nothing listening: bind, note the number, close."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_linkcheck(source: Path, output: Path, bound: int) -> subprocess.CompletedProcess[str]:
    """Run our bounded runner as CI does; the outer timeout only guards the test itself."""
    command = [sys.executable, "-m", "onebyone.cli.linkcheck", str(source), str(output)]
    return subprocess.run(
        [*command, "--bound", str(bound)],
        capture_output=True,
        text=True,
        check=False,
        timeout=bound + 30,
    )


def test_each_answer_is_classified_and_the_run_ends_within_its_bound(server, tmp_path: Path):
    links = {
        "ok": f"{server}/ok",
        "missing": f"{server}/missing",
        "moved": f"{server}/moved",
        "busy-once": f"{server}/busy-once",
        "always-busy": f"{server}/always-busy",
        "slow": f"{server}/slow",
        "loop": f"{server}/loop",
        "refused": f"http://127.0.0.1:{refused_port()}/",
    }
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        (SITES / "scratch" / "conf.py").read_text("utf-8")
        + 'extensions += ["onebyone.checks.linkbound"]\n'
        + f"linkcheck_timeout = {TIMEOUT}\nlinkcheck_retries = 1\n"
        + "linkcheck_rate_limit_timeout = 5\nlinkcheck_report_timeouts_as_broken = False\n",
        encoding="utf-8",
    )
    (source / "references.bib").write_text("", encoding="utf-8")
    page = "\n".join(f"- [{name}]({url})" for name, url in links.items())
    (source / "index.md").write_text(f"{VALID_FRONT_MATTER}\n# Links\n\n{page}\n", "utf-8")
    output = tmp_path / "linkcheck"

    started = time.monotonic()
    run = run_linkcheck(source, output, BOUND)
    elapsed = time.monotonic() - started

    status = {result["uri"]: result["status"] for result in read_results(output)}
    assert {name: status.get(url) for name, url in links.items()} == {
        "ok": "working",
        "missing": "broken",
        "moved": "redirected",
        "busy-once": "working",
        "always-busy": "broken",
        "slow": "timeout",
        "loop": "broken",
        "refused": "broken",
    }, run.stdout + run.stderr
    assert elapsed < BOUND, f"the check took {elapsed:.0f} s, over its {BOUND} s bound"
    assert run.returncode == 1, "broken links must make the runner fail"
    assert "Fix:" in run.stdout


def test_the_runner_stops_a_check_that_outlives_its_bound(server, tmp_path: Path):
    source = tmp_path / "source"
    source.mkdir()
    # Without our extension and with a long rate-limit allowance, Sphinx would retry for ever.
    (source / "conf.py").write_text(
        'extensions = ["myst_parser"]\nlinkcheck_rate_limit_timeout = 3600\n', "utf-8"
    )
    (source / "index.md").write_text(f"# Links\n\n- [busy]({server}/always-busy)\n", "utf-8")
    started = time.monotonic()
    run = run_linkcheck(source, tmp_path / "out", 4)
    assert time.monotonic() - started < 16
    assert run.returncode == 2
    assert "stopped after 4 s" in run.stderr
