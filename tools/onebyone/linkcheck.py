"""External link checking that always ends.

Sphinx's ``linkcheck`` honours ``Retry-After`` on a 429 answer without limit: a host that always
answers 429 with ``Retry-After`` is retried for ever (``linkcheck_rate_limit_timeout`` only
applies when the header is absent). Two guards:

- As a Sphinx extension, this module caps the total time spent waiting on one host's rate
  limits at ``linkcheck_rate_limit_timeout``; after that the link is reported broken
  ("rate limited") instead of queued again.
- As a program (``python -m onebyone.linkcheck SOURCE OUTPUT``), it runs the check in a child
  process with a hard bound on the whole run, then prints a summary of ``output.json`` and
  exits non-zero if any link is broken or the bound was hit.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.builders import linkcheck as sphinx_linkcheck
from sphinx.util.typing import ExtensionMetadata

DEFAULT_BOUND_SECONDS = 900

_waited: dict[str, float] = {}
_waited_lock = threading.Lock()


def _bounded(limit_rate):
    """Wrap Sphinx's ``limit_rate`` so that the waits for one host add up to a finite total."""

    @functools.wraps(limit_rate)
    def limit_rate_with_budget(self, response_url: str, retry_after: str | None) -> float | None:
        next_check = limit_rate(self, response_url, retry_after)
        if next_check is None:
            return None
        host = urlsplit(response_url).netloc
        with _waited_lock:
            _waited[host] = _waited.get(host, 0.0) + max(next_check - time.time(), 0.0)
            if _waited[host] > self.rate_limit_timeout:
                return None  # Sphinx reports the link as broken
        return next_check

    limit_rate_with_budget.onebyone_bounded = True
    return limit_rate_with_budget


def _reset_budget(app: Sphinx) -> None:
    with _waited_lock:
        _waited.clear()


def setup(app: Sphinx) -> ExtensionMetadata:
    worker = sphinx_linkcheck.HyperlinkAvailabilityCheckWorker
    if not getattr(worker.limit_rate, "onebyone_bounded", False):
        worker.limit_rate = _bounded(worker.limit_rate)
    app.connect("builder-inited", _reset_budget)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def read_results(output_dir: Path) -> list[dict]:
    """The link check's results, one dict per link (``uri``, ``status``, ``info``, ...)."""
    path = output_dir / "output.json"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def run(source: Path, output: Path, bound: float, extra: list[str]) -> int:
    command = [sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q", str(source), str(output)]
    started = time.monotonic()
    try:
        subprocess.run([*command, *extra], timeout=bound, check=False)
    except subprocess.TimeoutExpired:
        print(
            f"Link check stopped after {bound:.0f} s, its bound. Links not checked in time are "
            "not reported; see which hosts are slow in the log above.",
            file=sys.stderr,
        )
        return 2
    results = read_results(output)
    counts = Counter(result["status"] for result in results)
    seconds = time.monotonic() - started
    print(
        f"Checked {len(results)} links in {seconds:.0f} s: "
        + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    )
    for result in results:
        if result["status"] in ("broken", "timeout"):
            print(
                f"{result['filename']}:{result['lineno']}: {result['status']}: {result['uri']}"
                f" ({result['info']}). Fix: correct or replace the link, or add it to "
                "linkcheck_ignore in conf.py with a one-line reason."
            )
    return 1 if counts.get("broken") or counts.get("timeout") else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "--bound",
        type=float,
        default=DEFAULT_BOUND_SECONDS,
        help="hard limit on the whole run, in seconds",
    )
    args, extra = parser.parse_known_args(argv)
    return run(args.source, args.output, args.bound, extra)


if __name__ == "__main__":
    sys.exit(main())
