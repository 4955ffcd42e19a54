"""``python -m onebyone.cli.linkcheck SOURCE OUTPUT``: Sphinx's external link check in a child
process with a hard bound on the whole run, then a summary of ``output.json``; exits non-zero if
any link is broken or the bound was hit. The per-host bound on rate-limit waits is the Sphinx
extension ``onebyone.checks.linkbound``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_BOUND_SECONDS = 900


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
