"""Time every print against the clean HTML build, side by side, and print the ratio.

    python benchmarks/prints.py [--runs 1] [--workers 0]

Builds a copy of handbook/ (your files are never touched), the way `nox -s build` does:

1. a clean HTML build, in parallel (`-j auto`) as `nox -s build` makes it (until 3 December
   2026 this benchmark built it serially: about a fifth slower, so the ratio looked smaller);
2. the prints (`-b pdf`: the handbook, every workshop guide and handout, every card, in both
   paper sizes) reading the HTML build's doctrees, so no page is read twice;
3. the prints again, with nothing changed (nothing should be printed again);
4. the prints after one workshop handout is edited (only that handout should be printed again).

The target (issue 19) is a ratio of at most 1.0 between (2) and (1) on 2 cores. Each figure is
the median of --runs; on a shared machine expect 20% run-to-run variation, and compare the
ratio rather than the seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]


def sphinx(
    builder: str, source: Path, output: Path, doctrees: Path, *extra: str
) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            *STRICT,
            "-b",
            builder,
            "-d",
            str(doctrees),
            str(source),
            str(output),
            *extra,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, result.stdout


def printed(log: str) -> int:
    """How many PDFs a pdf build printed, from its own log line ("3 of 41 prints printed")."""
    found = re.search(r"(\d+) of \d+ prints printed", log)
    return int(found.group(1)) if found else -1


def measure(runs: int, workers: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        times.setdefault(name, []).append(value)

    extra = ["-D", f"onebyone_pdf_workers={workers}"]
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            source = scratch / "handbook"
            shutil.copytree(ROOT / "handbook", source)
            doctrees = scratch / "doctrees"
            html_time, _ = sphinx("html", source, scratch / "html", doctrees, "-j", "auto")
            pdf_time, _ = sphinx("pdf", source, scratch / "pdf", doctrees, *extra)
            add("HTML, clean build (s)", html_time)
            add("prints, clean (s)", pdf_time)
            add("ratio prints / HTML", pdf_time / html_time)
            add("PDF files (count)", len(list((scratch / "pdf").glob("*.pdf"))))
            same_time, log = sphinx("pdf", source, scratch / "pdf", doctrees, *extra)
            add("prints, nothing changed (s)", same_time)
            add("  PDFs printed again (count)", printed(log))
            handout = next((source / "workshops").glob("*/handout.md"))
            handout.write_text(handout.read_text("utf-8") + "\nOne more line for the benchmark.\n")
            edit_time, log = sphinx("pdf", source, scratch / "pdf", doctrees, *extra)
            add("prints, one handout edited (s)", edit_time)
            add("  PDFs printed again (count) ", printed(log))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=0, help="print processes; 0: one per CPU")
    args = parser.parse_args()
    times = measure(args.runs, args.workers)
    cpus = len(os.sched_getaffinity(0))
    load = Path("/proc/loadavg").read_text().split()[0]
    print(
        f"\nPrints against the clean HTML build: {cpus} CPUs, load {load}, median of {args.runs}\n"
    )
    for name, values in times.items():
        median = statistics.median(values)
        shown = f"{median:.0f}" if "(count)" in name else f"{median:.2f}"
        print(f"  {name:<32} {shown:>8}")
    ratio = statistics.median(times["ratio prints / HTML"])
    print(f"\nratio {ratio:.2f} ({'meets' if ratio <= 1 else 'misses'} the target of 1.0)")


if __name__ == "__main__":
    main()
