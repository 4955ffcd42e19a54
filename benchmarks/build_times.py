"""Time our HTML build against a stock sphinx-book-theme build of the same pages, side by side.

    ./nox -s benchmark                    # median of 3 runs
    ./nox -s benchmark -- --runs 5 --pdf  # more runs, and the full build with every PDF
    ./nox -s benchmark -- --serve-only    # only the preview: its warm start and saved changes

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
- **serve, warm start**: `./nox -s serve`'s command on a folder it has built before (with its
  own options), until the first page answers (needs sphinx-autobuild, which `./nox -s
  benchmark` installs);
- **serve, saved change**: then, with the preview running, a one-word change saved to a page,
  until the served page (over HTTP) shows it and the build has ended (when the preview tells
  the open page to reload); --saves times (5); the median of every save of every run (goal:
  at most 5 s);
- with `--pdf`: the PDF builder from clean (the handbook, every workshop guide, handout, card).

Both builds run with the same number of processes (`-j`, as the nox sessions do). The line
"ours / stock" is the goal: at most 1.00. Each figure is the median of --runs; expect about
20% run-to-run variation on a shared machine, less on a quiet one.
"""

from __future__ import annotations

import argparse
import http.client
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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
# The preview's goals (issue 18): the first page within 30 s of a warm start, a save within 5 s.
SERVE_GOALS = {"serve, warm start": 30.0, "serve, saved change": 5.0}


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


# The preview's command, as noxfile.py's serve session runs it (`./nox -s serve`).
SERVE = ["-m", "onebyone.cli.serve", "-n", "--keep-going", *JOBS]
SERVE_SPHINX = ["-D", "onebyone_helplines_stale=warn"]
SERVE_PORT = 8765
# One common word per save, none of them on the page: the page shows the save when it has it.
SAVED_WORDS = ["apple", "blanket", "garden", "pencil", "teacup", "window", "yellow"]
SAVED_PAGE = Path("understand", "what-is-child-trafficking")


def fetch(path: str = "") -> str | None:
    try:
        address = f"http://127.0.0.1:{SERVE_PORT}/{path}"
        with urllib.request.urlopen(address, timeout=2) as answer:
            return answer.read().decode("utf-8") if answer.status == 200 else None
    except (OSError, http.client.HTTPException):  # not up yet, or a page being written
        return None


def wait_for(condition, bound: float) -> bool:
    started = time.perf_counter()
    while time.perf_counter() - started < bound:
        if condition():
            return True
        time.sleep(0.05)
    return False


def serve(source: Path, output: Path, saves: int) -> tuple[float | None, list[float]]:
    """Start the preview on a warm output folder: seconds until the first page answers, then,
    for each save of a one-word change to a page, seconds until the served page shows it."""
    try:
        import sphinx_autobuild  # noqa: F401
    except ImportError:
        return None, []
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            *SERVE,
            *SERVE_SPHINX,
            "--port",
            str(SERVE_PORT),
            "--host",
            "127.0.0.1",
            str(source),
            str(output),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    # sphinx-autobuild says "Serving on" after each build: the next save waits for it.
    builds_done = [0]

    def read_output() -> None:
        for line in server.stdout:
            builds_done[0] += "Serving on" in line

    threading.Thread(target=read_output, daemon=True).start()
    times: list[float] = []
    try:
        if not wait_for(lambda: fetch() is not None, 300):
            return None, []
        first = time.perf_counter() - started
        page = source / SAVED_PAGE.with_suffix(".md")
        original = page.read_text("utf-8")
        for word in SAVED_WORDS[:saves]:
            if word in (fetch(f"{SAVED_PAGE}.html") or ""):
                sys.exit(f"{word!r} is on {SAVED_PAGE} already. Fix: choose another word.")
            done = builds_done[0]
            saved = time.perf_counter()
            page.write_text(f"{original}\n{word.capitalize()}.\n", "utf-8")
            # What a reader sees: the page has the word, and the build has ended (the preview
            # tells the open page to reload then, and says "Serving on").
            shown = wait_for(
                lambda w=word, d=done: (
                    builds_done[0] > d and w.capitalize() in (fetch(f"{SAVED_PAGE}.html") or "")
                ),
                120,
            )
            if shown:
                times.append(time.perf_counter() - saved)
        page.write_text(original, "utf-8")
        return first, times
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


def measure(runs: int, pdf: bool, saves_per_run: int, serve_only: bool) -> dict[str, list[float]]:
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
            for which in [] if serve_only else order:
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
            if not serve_only:
                same_sources(html, scratch / "stock-html")
                page = source / "understand" / "what-is-child-trafficking.md"
                page.write_text(page.read_text("utf-8") + "\nOne more line for the benchmark.\n")
                note("ours, one page edited", sphinx(*STRICT, "-b", "html", source, html))
                note("ours, nothing changed", sphinx(*STRICT, "-b", "html", source, html))
            # The preview's own folder, built once with its options, then started warm.
            preview = scratch / "serve"
            sphinx("-q", "-n", "--keep-going", *JOBS, *SERVE_SPHINX, "-b", "html", source, preview)
            first, saves = serve(source, preview, saves_per_run)
            note("serve, warm start", first)
            for seconds in saves:
                note("serve, saved change", seconds)
            if pdf:
                note("PDF builder, clean", sphinx(*STRICT, "-b", "pdf", source, scratch / "pdf"))
    return times


def serve_only_run(times: dict[str, list[float]]) -> bool:
    return "ours, every check, clean" not in times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF builder")
    parser.add_argument("--saves", type=int, default=5, help="saves timed in each preview run")
    parser.add_argument("--serve-only", action="store_true", help="time only the preview")
    args = parser.parse_args()
    times = measure(args.runs, args.pdf, min(args.saves, len(SAVED_WORDS)), args.serve_only)
    pages = len([p for p in (ROOT / "handbook").rglob("*.md") if not p.parent.name.startswith("_")])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{pages} pages; {os.cpu_count()} cores; load {load:.1f}; median of {args.runs} runs")
    print(f"ours:  python -m sphinx {' '.join(STRICT)} -b html handbook OUT")
    print(f"stock: python -m sphinx {' '.join(STOCK)} -b html -c STOCK_CONF handbook OUT\n")
    print(
        f"serve: python {' '.join(SERVE + SERVE_SPHINX)} handbook OUT"
        " (saved change: the median of every save)\n"
    )
    print(f"| {'Build':<28} | {'Median':>8} | {'Runs':<28} |")
    print(f"|{'-' * 30}|{'-' * 9}:|{'-' * 30}|")
    for name, values in times.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        print(f"| {name:<28} | {statistics.median(values):>6.1f} s | {runs:<28} |")
    if "serve, warm start" not in times:
        print("| serve, warm start            | not measured: sphinx-autobuild is not installed |")
    for name, goal in SERVE_GOALS.items():
        if name in times:
            seconds = statistics.median(times[name])
            verdict = "PASS" if seconds <= goal else "OVER"
            print(f"\n{name}: {seconds:.1f} s (goal at most {goal:.0f} s): {verdict}", end="")
    print()
    if serve_only_run(times):
        return
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
