"""Measure how long the test suite takes, beside a clean HTML build measured in the same run.

    python benchmarks/suite_time.py [--fast-only]

Runs, one after the other: a clean strict HTML build of the handbook (the reference), the fast
part of the suite (``-m "not browser and not pdf"``, what a writer runs while working), and the
whole suite, as ``nox -s tests`` runs it. Prints each time and its ratio to the HTML build, so
that figures from a busy machine still compare. The goal (issue 14): the whole suite within
5 minutes on a quiet 2-core machine. Run it from the tests' environment
(``.nox/tests/bin/python benchmarks/suite_time.py``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 300


def timed(command: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=False, env={**os.environ})
    return time.perf_counter() - started, result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast-only", action="store_true", help="skip the whole suite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        html = Path(scratch) / "html"
        build = [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-q"]
        reference, _ = timed([*build, "-b", "html", "handbook", str(html)])
    # As nox -s tests runs it: one process per core.
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto"]
    pytest += ["--dist", "worksteal"]
    rows = [("Clean HTML build (reference)", reference, 0)]
    rows.append(("Tests, fast part", *timed([*pytest, "-m", "not browser and not pdf"])))
    if not args.fast_only:
        rows.append(("Tests, whole suite", *timed(pytest)))
    print(f"\n{'What':34} {'Seconds':>8} {'× HTML build':>13}  Result")
    for name, seconds, code in rows:
        result = "" if name.startswith("Clean") else ("passed" if code == 0 else "FAILED")
        print(f"{name:34} {seconds:8.1f} {seconds / reference:13.2f}  {result}")
    if not args.fast_only:
        whole = rows[-1][1]
        verdict = "within" if whole <= GOAL_SECONDS else "over"
        print(
            f"\nWhole suite: {whole / 60:.1f} min, {verdict} the {GOAL_SECONDS // 60}-minute goal."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
