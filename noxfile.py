"""One by One's tasks: run one with `./nox -s NAME` (or `nox -s NAME` if nox is installed)."""

# Each session first looks for the system programs it needs (Pango and HarfBuzz for the PDFs;
# Chromium and npm for the tests) and stops at once, with the exact command that installs them,
# if one is missing. The Python packages are installed once per session, and again only when
# pyproject.toml changes.

from __future__ import annotations

import ctypes.util
import hashlib
import os
import platform
import re
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2024.10"
nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["build", "tests"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
BUILD = ROOT / "build"
# Warnings are errors; report every one before stopping; flag every unresolvable reference.
STRICT = ["-n", "-W", "--keep-going"]
# Read and write pages in parallel, one process per core: every extension is parallel-safe.
JOBS = ["-j", "auto"]


# --- System programs, found before any work starts ----------------------------------------------
# What each one is for, how to find it, and its package on each platform.
SYSTEM = {
    "pango": ("the PDF printer (WeasyPrint) draws text with it", "pango-1.0"),
    "pangoft2": ("the PDF printer (WeasyPrint) loads fonts with it", "pangoft2-1.0"),
    "harfbuzz-subset": ("the PDF printer (WeasyPrint) embeds fonts with it", "harfbuzz-subset"),
    "chromium": ("it prints the PDFs, and the tests open every page in it", None),
    "npm": ("the tests install axe-core, the accessibility rules, with it", None),
    "epubcheck": ("the tests check the ePub with it (EPUBCheck, which runs on Java)", None),
}
PACKAGES = {
    "debian": {
        "pango": "libpango-1.0-0",
        "pangoft2": "libpangoft2-1.0-0",
        "harfbuzz-subset": "libharfbuzz-subset0",
        "chromium": "chromium",
        "npm": "nodejs npm",
        "epubcheck": "epubcheck",
    },
    "macos": {
        "pango": "pango",
        "pangoft2": "pango",
        "harfbuzz-subset": "harfbuzz",
        "chromium": "--cask chromium",
        "npm": "node",
        "epubcheck": "epubcheck",
    },
}


def _platform() -> str:
    if platform.system() == "Darwin":
        return "macos"
    try:
        release = Path("/etc/os-release").read_text("utf-8")
    except OSError:
        return "other"
    if "ID=ubuntu" in release:
        return "ubuntu"
    return "debian" if "debian" in release else "other"


def _has_library(name: str) -> bool:
    if ctypes.util.find_library(name):
        return True
    # Homebrew's library folder, which macOS does not search by itself on Apple silicon.
    prefixes = [os.environ.get("HOMEBREW_PREFIX", ""), "/opt/homebrew", "/usr/local"]
    return any(
        Path(prefix, "lib", f"lib{name}{suffix}").exists()
        for prefix in prefixes
        if prefix
        for suffix in (".dylib", ".0.dylib")
    )


def _present(need: str) -> bool:
    library = SYSTEM[need][1]
    if library:
        return _has_library(library)
    if need == "chromium":
        # The same names, in the same order, as tools/onebyone/browser.py.
        return any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))
    if need == "epubcheck":
        # Debian's package is the jar, run with Java (as tests/test_epub.py runs it).
        jar = Path("/usr/share/java/epubcheck.jar")
        return bool(shutil.which("epubcheck")) or (jar.is_file() and bool(shutil.which("java")))
    return shutil.which(need) is not None


def install_command(missing: list[str], where: str | None = None) -> str:
    """The one command that installs what is missing on this platform."""
    where = where or _platform()
    if where == "macos":
        casks = [n for n in missing if PACKAGES["macos"][n].startswith("--cask")]
        formulae = sorted({PACKAGES["macos"][n] for n in missing if n not in casks})
        commands = [f"brew install {' '.join(formulae)}"] if formulae else []
        commands += [f"brew install {PACKAGES['macos'][n]}" for n in casks]
        return " && ".join(commands)
    if where in ("debian", "ubuntu"):
        # Ubuntu's chromium package is only a wrapper for the snap, so install the snap itself.
        snap = where == "ubuntu" and "chromium" in missing
        apt = [PACKAGES["debian"][n] for n in missing if not (snap and n == "chromium")]
        commands = [f"sudo apt-get install {' '.join(apt)}"] if apt else []
        commands += ["sudo snap install chromium"] if snap else []
        return " && ".join(commands)
    return "install these with your system's package manager: " + ", ".join(missing)


def require(session: nox.Session, *needs: str) -> None:
    """Stop before any work, naming what is missing and the command that installs it."""
    missing = [need for need in needs if not _present(need)]
    if missing:
        reasons = "; ".join(f"{need} ({SYSTEM[need][0]})" for need in missing)
        session.error(
            f"this task needs programs your computer does not have: {reasons}. "
            f"Fix: run  {install_command(missing)}  then run this command again."
        )


# --- Python packages, installed only when they change ---------------------------------------------
def install(session: nox.Session, *groups: str) -> None:
    """Install the project (editable, so tools/ changes apply at once) and dependency groups.

    Skipped when this session's environment already has exactly these packages: the stamp
    records pyproject.toml's contents and the groups, so any change there installs again.
    """
    extra = [req for group in groups for req in nox.project.dependency_groups(PYPROJECT, group)]
    stamp = Path(session.virtualenv.location) / "onebyone-installed.txt"
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + repr(groups).encode()
    ).hexdigest()
    if stamp.exists() and stamp.read_text("utf-8") == wanted:
        session.log("Python packages are up to date (pyproject.toml unchanged)")
        return
    session.install("-e", ".", *extra)
    stamp.write_text(wanted, "utf-8")


def sphinx(session: nox.Session, *args: str) -> None:
    session.run("sphinx-build", *STRICT, *JOBS, *args)


@nox.session
def check(session: nox.Session) -> None:
    """Quickest check of every content rule: the strict HTML build alone (build/html), no PDFs."""
    install(session)
    sphinx(session, "-q", "-b", "html", "handbook", "build/html", *session.posargs)
    session.log("Every content check passed. Site: build/html/index.html")


def languages() -> list[str]:
    """The codes in handbook/_data/languages.yaml (docs/translate.md): one HTML build each."""
    text = (ROOT / "handbook/_data/languages.yaml").read_text("utf-8")
    return re.findall(r"^  - code: ([a-z_A-Z]+)\s*$", text, flags=re.MULTILINE)


def build_languages(session: nox.Session) -> None:
    """Each language into build/html/<code>/, beside English at the root; reports per language."""
    for code in languages():
        session.run(
            "sphinx-build",
            *STRICT,
            "-j",
            "auto",
            "-b",
            "html",
            "-D",
            f"language={code}",
            "-D",
            f"onebyone_reports_dir={BUILD / 'reports' / code}",
            "handbook",
            f"build/html/{code}",
        )


@nox.session
def build(session: nox.Session) -> None:
    """Build the site (build/html), the PDFs (build/pdf), the ePub (build/epub), the offline
    bundle (build/offline) and the contributor guide (build/docs)."""
    require(session, "chromium")
    install(session)
    # No page output is deleted first: Sphinx rebuilds only the pages that changed, and a print
    # is printed again only when something in it changed. To start from nothing: rm -rf build
    # The prints read the pages the HTML build has just read (one doctree folder), not again.
    doctrees = ["-d", "build/doctrees"]
    sphinx(session, *doctrees, "-b", "html", "handbook", "build/html")
    build_languages(session)
    session.run(
        "sphinx-build", *STRICT, *doctrees, "-b", "pdf", "handbook", "build/pdf", *session.posargs
    )
    # The workshops page shows each print's size and pages (build/pdf/prints.json): only the
    # pages that show them are read again.
    sphinx(session, *doctrees, "-b", "html", "handbook", "build/html")
    # The ePub, from the same doctrees (docs/offline.md).
    sphinx(session, *doctrees, "-b", "epub", "handbook", "build/epub")
    sphinx(session, "-b", "html", "docs", "build/docs")
    # The workshops page links each guide, handout, card and kit beside the site, as deployed.
    (BUILD / "html" / "pdf").mkdir(exist_ok=True)
    for pdf in [*(BUILD / "pdf").glob("*.pdf"), *(BUILD / "pdf").glob("*.zip")]:
        shutil.copy2(pdf, BUILD / "html" / "pdf" / pdf.name)
    # And the ePub and the offline bundle: the whole site (with the PDFs and the ePub) in one
    # zip, which the bundle step also copies beside the site, writing both sizes on the page.
    (BUILD / "html" / "downloads").mkdir(exist_ok=True)
    for epub in (BUILD / "epub").glob("*.epub"):
        shutil.copy2(epub, BUILD / "html" / "downloads" / epub.name)
    session.run(
        "python",
        "-m",
        "onebyone.outputs.offline",
        "build/html",
        "build/offline/one-by-one-offline.zip",
    )
    session.log(
        "Site: build/html/index.html · PDF: build/pdf/ · ePub: build/epub/ · "
        "Offline: build/offline/ · Guide: build/docs/index.html"
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (it builds the handbook, the PDF and the guide itself)."""
    require(session, "chromium", "npm", "epubcheck")
    install(session, "test")
    # axe-core, the accessibility rules the browser tests inject, comes from npm (package.json).
    session.run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", external=True)
    # One test process per core (pytest-xdist); "worksteal" lets an idle process take tests
    # queued for a busy one, since a few tests (whole-site browser passes) take much longer.
    session.run("pytest", "-n", "auto", "--dist", "worksteal", *session.posargs)


@nox.session
def translations(session: nox.Session) -> None:
    """Update every language's catalogues from the English pages (docs/translate.md)."""
    install(session, "translate")
    session.run("sphinx-build", "-b", "gettext", "-q", "handbook", "build/gettext")
    codes = [arg for code in languages() for arg in ("-l", code)]
    session.run("sphinx-intl", "update", "-p", "build/gettext", "-d", "handbook/locales", *codes)


@nox.session
def serve(session: nox.Session) -> None:
    """Preview the handbook live at http://127.0.0.1:8000, rebuilt on every save (no PDFs)."""
    install(session, "serve")
    # sphinx-autobuild, with each build started from a process that has already imported
    # Sphinx and our extensions (onebyone.cli.serve): a saved change shows in a few seconds.
    # A helpline past its review date is a warning here, so a writer can keep previewing;
    # the build and the tests (and so CI) always stop on it.
    session.run(
        "python",
        "-m",
        "onebyone.cli.serve",
        "-n",
        "--keep-going",
        *JOBS,
        "-D",
        "onebyone_helplines_stale=warn",
        "--watch",
        "tools",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
        "handbook",
        "build/serve",
    )


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check every external link in the handbook and the guide, within a hard time bound."""
    install(session)
    # Check both, even when the first has a broken link, and fail at the end.
    failed = []
    for source in ("handbook", "docs"):
        try:
            session.run(
                "python",
                "-m",
                "onebyone.cli.linkcheck",
                source,
                f"build/linkcheck/{source}",
                *session.posargs,
            )
        except nox.command.CommandFailed:
            failed.append(source)
    if failed:
        session.error(f"broken links in {' and '.join(failed)}: see the lists above")


@nox.session(name="helplines-recheck")
def helplines_recheck(session: nox.Session) -> None:
    """Read every helpline number's source page again; report what changed (build/reports/)."""
    install(session)
    # Bounded: 20 s a page and 600 s in all by default (-- --timeout 10 --budget 300 to change);
    # -- --github-issue also opens, updates or closes the "Helpline check" issue (in CI).
    session.run("python", "-m", "onebyone.cli.helplines_recheck", *session.posargs)


@nox.session
def benchmark(session: nox.Session) -> None:
    """Time the HTML build against a stock book-theme build of the same pages (-- --pdf: PDFs)."""
    install(session, "serve")
    session.run("python", "benchmarks/build_times.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Run every pre-commit check on every file: hygiene, ruff, codespell, strict builds."""
    # The project is installed too: the strict-build hooks run Sphinx with this session's Python.
    install(session, "lint")
    session.run("pre-commit", "run", "--all-files", "--show-diff-on-failure", *session.posargs)
