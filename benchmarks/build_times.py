"""Time our HTML build against a stock sphinx-book-theme build of the same pages, side by side.

    ./nox -s benchmark                    # median of 3 runs
    ./nox -s benchmark -- --runs 5 --pdf  # more runs, and the full build with every PDF

Everything runs on a copy of handbook/ in a scratch folder, so your files are never touched.
Each run builds, one after the other so that both see the same load on the machine:

- **stock**: the same pages with sphinx-book-theme's default settings and only the extensions
  the pages' syntax needs (myst-parser, sphinxcontrib-bibtex): no checks of ours. Our own
  directives and roles are unknown to it, so it skips them (and prints nothing about it). It
  reads the same ``references.bib`` (sphinxcontrib-bibtex looks for it beside ``conf.py``, so
  the stock conf.py names the copy's file by its full path), and the run stops if its
  reference list does not hold as many sources as ours: a stock build that formats no
  bibliography is not the same sources;
- **ours**: the strict build that `./nox -s check` runs, with every check, from clean;
- **ours, one page edited** and **ours, nothing changed**: the edit loop (`./nox -s check` again);
- **serve, warm start**: `./nox -s serve` on a build folder that is already there, until the
  first page answers (needs sphinx-autobuild, which `./nox -s benchmark` installs);
- with `--pdf`: the PDF builder from clean (the handbook, every workshop guide, handout, card).

Both builds run with the same number of processes (`-j`, as the nox sessions do). The line
"ours / stock" is the goal: at most 1.00. Each figure is the median of --runs; expect about
20% run-to-run variation on a shared machine, less on a quiet one.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The same options as noxfile.py's check session.
JOBS = ["-j", "auto"]
STRICT = ["-n", "-W", "--keep-going", "-q", *JOBS]
STOCK = ["-Q", *JOBS]
# A stock project: the book theme's defaults, and only what the pages' syntax needs.
STOCK_CONF = """\
project = "One by One"
language = "en_GB"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
bibtex_bibfiles = [{bibfile!r}]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
html_theme = "sphinx_book_theme"
suppress_warnings = ["*"]
"""
GOAL = 1.0


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, list[float]] = {}


def sphinx(*args: str | Path, name: str = "") -> float:
    """Run one build; return its wall time, and note its processor time under ``name``."""
    started, cpu = time.perf_counter(), cpu_of_children()
    subprocess.run([sys.executable, "-m", "sphinx", *map(str, args)], check=True)
    CPU.setdefault(name, []).append(cpu_of_children() - cpu)
    return time.perf_counter() - started


def serve_first_page(source: Path, output: Path) -> float | None:
    """Seconds from starting sphinx-autobuild on a warm output folder to the first page."""
    try:
        import sphinx_autobuild  # noqa: F401
    except ImportError:
        return None
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sphinx_autobuild",
            "-n",
            "--keep-going",
            "-q",
            *JOBS,
            "--port",
            "8765",
            "--host",
            "127.0.0.1",
            str(source),
            str(output),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - started < 300:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8765/", timeout=2) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
        return None
    finally:
        os.killpg(server.pid, 15)
        server.wait()


def sources_listed(html: Path) -> int:
    """How many sources the reference list of a built site shows."""
    page = html / "reference" / "references.html"
    return page.read_text("utf-8").count('class="citation"') if page.exists() else 0


def same_sources(ours: Path, stock: Path) -> None:
    """Stop unless the stock build formatted the whole bibliography, as ours does."""
    mine, theirs = sources_listed(ours), sources_listed(stock)
    if not mine or mine != theirs:
        sys.exit(
            f"The stock build lists {theirs} sources and ours {mine}: they did not build the "
            "same sources, so their times cannot be compared. Fix: check STOCK_CONF's "
            "bibtex_bibfiles (sphinxcontrib-bibtex reads it relative to conf.py's folder)."
        )


def measure(runs: int, pdf: bool) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}

    def note(name: str, seconds: float | None) -> None:
        if seconds is not None:
            times.setdefault(name, []).append(seconds)

    for run in range(runs):
        with tempfile.TemporaryDirectory() as scratch_name:
            scratch = Path(scratch_name)
            source = scratch / "handbook"
            shutil.copytree(ROOT / "handbook", source, ignore=shutil.ignore_patterns("_build"))
            (scratch / "stock").mkdir()
            stock_conf = STOCK_CONF.format(bibfile=str(source / "references.bib"))
            (scratch / "stock" / "conf.py").write_text(stock_conf, "utf-8")
            html = scratch / "html"
            # Alternate which goes first, so neither always meets a warmer disk cache.
            order = ["stock", "ours"] if run % 2 == 0 else ["ours", "stock"]
            for which in order:
                if which == "stock":
                    note(
                        "stock book theme, clean",
                        sphinx(
                            *STOCK,
                            "-b",
                            "html",
                            "-c",
                            scratch / "stock",
                            source,
                            scratch / "stock-html",
                            name="stock",
                        ),
                    )
                else:
                    clean = sphinx(*STRICT, "-b", "html", source, html, name="ours")
                    note("ours, every check, clean", clean)
            same_sources(html, scratch / "stock-html")
            page = source / "understand" / "what-is-child-trafficking.md"
            page.write_text(page.read_text("utf-8") + "\nOne more line for the benchmark.\n")
            note("ours, one page edited", sphinx(*STRICT, "-b", "html", source, html))
            note("ours, nothing changed", sphinx(*STRICT, "-b", "html", source, html))
            note("serve, warm start", serve_first_page(source, html))
            if pdf:
                note("PDF builder, clean", sphinx(*STRICT, "-b", "pdf", source, scratch / "pdf"))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF builder")
    args = parser.parse_args()
    times = measure(args.runs, args.pdf)
    pages = len([p for p in (ROOT / "handbook").rglob("*.md") if not p.parent.name.startswith("_")])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{pages} pages; {os.cpu_count()} cores; load {load:.1f}; median of {args.runs} runs")
    print(f"ours:  python -m sphinx {' '.join(STRICT)} -b html handbook OUT")
    print(f"stock: python -m sphinx {' '.join(STOCK)} -b html -c STOCK_CONF handbook OUT\n")
    print(f"| {'Build':<28} | {'Median':>8} | {'Runs':<28} |")
    print(f"|{'-' * 30}|{'-' * 9}:|{'-' * 30}|")
    for name, values in times.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        print(f"| {name:<28} | {statistics.median(values):>6.1f} s | {runs:<28} |")
    if "serve, warm start" not in times:
        print("| serve, warm start            | not measured: sphinx-autobuild is not installed |")
    ours = statistics.median(times["ours, every check, clean"])
    stock = statistics.median(times["stock book theme, clean"])
    verdict = "PASS" if ours / stock <= GOAL else "OVER"
    print(
        f"\nours / stock, clean HTML build, wall time: {ours / stock:.2f}"
        f" (goal at most {GOAL:.2f}): {verdict}"
    )
    cpu_ours, cpu_stock = statistics.median(CPU["ours"]), statistics.median(CPU["stock"])
    print(
        f"ours / stock, processor time (steadier on a busy machine): {cpu_ours / cpu_stock:.2f}"
        f" ({cpu_ours:.1f} s against {cpu_stock:.1f} s)"
    )


if __name__ == "__main__":
    main()
