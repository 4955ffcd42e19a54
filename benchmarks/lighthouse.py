"""Lighthouse's four mobile scores for the pages readers reach first: home, a signs page, Get help.

    python benchmarks/lighthouse.py [--html build/html] [--lighthouse PATH] [--runs N]

Serves an HTML build on 127.0.0.1, gzip-compressed as a host serves it, and runs Lighthouse
(mobile, its default) in Debian's Chromium on each page: performance, accessibility, best
practices and SEO, out of 100, and for any score under 100 the audits that cost points. The
target (issue 16) is 100 for all four on all three pages. Without ``--html`` it builds a copy of
``handbook/`` first. With ``--runs`` above 1 the table gives each page's lowest score of the
runs, and a line below it the median performance score (performance varies from run to run,
more on a busy machine).

Lighthouse is a Node program, not one of the project's dependencies. Install it in a scratch
folder and point to it::

    mkdir -p /tmp/lh && cd /tmp/lh && npm install --no-save lighthouse
    python benchmarks/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse

(or install it globally, ``npm install -g lighthouse``, and leave out ``--lighthouse``). If it
is not installed the script says so and stops, with no error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_weight import (  # noqa: E402
    CHROMIUM_ARGS,
    LIGHTHOUSE_CATEGORIES,
    LIGHTHOUSE_TIMEOUT,
    GzipHandler,
    chromium_path,
    lighthouse_command,
    serve,
    sphinx,
)

PAGES = {
    "Home": "index.html",
    "Signs in a child": "recognise/signs-in-a-child.html",
    "Get help": "get-help/index.html",
}


def run(command: list[str], url: str) -> dict:
    """Lighthouse's JSON report for one page (raises RuntimeError if it gave none)."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    done = subprocess.run(
        [
            *command,
            url,
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
            "--output=json",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chromium_path()},
        timeout=LIGHTHOUSE_TIMEOUT,
        check=False,
    )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"Lighthouse failed: {done.stderr.strip()[-300:]}") from error


def scores(report: dict) -> dict[str, int]:
    return {
        name: round(100 * (report["categories"][name]["score"] or 0))
        for name in LIGHTHOUSE_CATEGORIES
    }


def costly_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, with what Lighthouse shows for each."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"{ref['id']} ({audit.get('displayValue') or audit['score']})")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="an HTML build to test (default: build one)")
    parser.add_argument("--lighthouse", help="the lighthouse program (default: on PATH)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (default 1)")
    args = parser.parse_args()
    command = [args.lighthouse] if args.lighthouse else lighthouse_command()
    if not command or not shutil.which(command[0]):
        print(
            "Lighthouse is not installed, so there are no scores. Install it in a scratch "
            "folder (mkdir -p /tmp/lh && cd /tmp/lh && npm install --no-save lighthouse), then "
            "run: python benchmarks/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse"
        )
        return
    scratch = None
    html = args.html
    if html is None:
        scratch = Path(tempfile.mkdtemp(prefix="onebyone-lighthouse-"))
        shutil.copytree(ROOT / "handbook", scratch / "handbook")
        html = sphinx(scratch / "handbook", scratch / "html")
    try:
        names = " | ".join(f"{name:>14}" for name in LIGHTHOUSE_CATEGORIES)
        print(f"Lighthouse, mobile (out of 100), {args.runs} run(s) a page\n")
        print(f"| {'Page':<40} | {names} |")
        print(f"|{'-' * 42}|" + "|".join(f"{'-' * 15}:" for _ in LIGHTHOUSE_CATEGORIES) + "|")
        notes, medians = [], []
        with serve(html, GzipHandler) as base:
            for name, page in PAGES.items():
                reports = [run(command, base + page) for _ in range(args.runs)]
                results = [scores(report) for report in reports]
                worst = {c: min(r[c] for r in results) for c in LIGHTHOUSE_CATEGORIES}
                cells = " | ".join(f"{worst[c]:>14}" for c in LIGHTHOUSE_CATEGORIES)
                print(f"| {f'{name} ({page})':<40} | {cells} |", flush=True)
                medians.append(f"{name} {statistics.median(r['performance'] for r in results):g}")
                for category in LIGHTHOUSE_CATEGORIES:
                    for report, result in zip(reports, results, strict=True):
                        if result[category] < 100:
                            costly = ", ".join(costly_audits(report, category)) or "none listed"
                            notes.append(f"{page}, {category} {result[category]}: {costly}")
        if args.runs > 1:
            print(f"\nMedian performance of {args.runs} runs: " + ", ".join(medians))
        if notes:
            print("\nWhat cost points:")
            print("\n".join(f"- {note}" for note in notes))
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
