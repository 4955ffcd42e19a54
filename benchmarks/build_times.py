"""Measure how long the handbook takes to build, and print it beside reference figures.

    python benchmarks/build_times.py [--runs 3]

Builds a copy of handbook/ (so your files are never touched): a clean HTML build, a rebuild
after editing one page, a rebuild with nothing changed, and a clean PDF build (the handbook and
every workshop guide, handout and card). Each figure is the median of --runs. The reference
column is the stock sphinx-book-theme measured on 40 pages of about 1,300 words each on a 2-core
machine (shared/research/stack-notes.md, November 2026);
compare like with like, and expect about 20% run-to-run variation on shared machines.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going", "-q"]
# Stock sphinx-book-theme, 40 pages x ~1,300 words; PDF via sphinx-simplepdf (WeasyPrint).
REFERENCE = {
    "HTML, clean build": "3.86 s",
    "HTML, one page edited": "1.23 s",
    "HTML, nothing changed": "1.15 s",
    "PDF, clean build": "20 s (1 PDF)",
}


def sphinx(builder: str, source: Path, output: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", *STRICT, "-b", builder, str(source), str(output)],
        check=True,
    )
    return time.perf_counter() - started


def measure(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in REFERENCE}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            source = Path(scratch) / "handbook"
            shutil.copytree(ROOT / "handbook", source)
            html, pdf = Path(scratch) / "html", Path(scratch) / "pdf"
            times["HTML, clean build"].append(sphinx("html", source, html))
            page = source / "understand" / "what-is-child-trafficking.md"
            page.write_text(page.read_text("utf-8") + "\nOne more line for the benchmark.\n")
            times["HTML, one page edited"].append(sphinx("html", source, html))
            times["HTML, nothing changed"].append(sphinx("html", source, html))
            times["PDF, clean build"].append(sphinx("pdf", source, pdf))
            handbook = pdf / "one-by-one-handbook.pdf"
            times.setdefault("PDF size (MB)", []).append(handbook.stat().st_size / 1e6)
            times.setdefault("PDF files (count)", []).append(len(list(pdf.glob("*.pdf"))))
    return times


def size_of_handbook() -> tuple[int, int]:
    pages = [p for p in (ROOT / "handbook").rglob("*.md") if not p.parent.name.startswith("_")]
    words = sum(len(p.read_text("utf-8").split()) for p in pages)
    return len(pages), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages, words = size_of_handbook()
    times = measure(args.runs)
    print(f"\nOne by One: {pages} pages, {words:,} words (source); median of {args.runs} runs\n")
    print(f"| {'Measure':<24} | {'One by One':>10} | {'Reference (40 pages)':>20} |")
    print(f"|{'-' * 26}|{'-' * 11}:|{'-' * 21}:|")
    for name, values in times.items():
        median = statistics.median(values)
        if "(count)" in name:
            ours = f"{median:.0f}"
        else:
            ours = f"{median:.2f} MB" if "MB" in name else f"{median:.2f} s"
        name = name.replace(" (MB)", "").replace(" (count)", "")
        print(f"| {name:<24} | {ours:>10} | {REFERENCE.get(name, 'not measured'):>20} |")


if __name__ == "__main__":
    main()
