"""One by One's tasks. `nox --list` is the menu; each session says in one line what it does."""

from __future__ import annotations

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


def install(session: nox.Session, *groups: str) -> None:
    """Install the project (editable, so tools/ changes apply at once) and dependency groups."""
    extra = [req for group in groups for req in nox.project.dependency_groups(PYPROJECT, group)]
    session.install("-e", ".", *extra)


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
    """Build the site (build/html), the PDFs (build/pdf) and the contributor guide (build/docs)."""
    install(session)
    for output in ("html", "pdf", "docs"):
        shutil.rmtree(BUILD / output, ignore_errors=True)
    # In parallel: the extensions are parallel-safe (tests/test_parallel.py proves it).
    session.run("sphinx-build", *STRICT, "-j", "auto", "-b", "html", "handbook", "build/html")
    build_languages(session)
    session.run("sphinx-build", *STRICT, "-b", "pdf", "handbook", "build/pdf", *session.posargs)
    session.run("sphinx-build", *STRICT, "-b", "html", "docs", "build/docs")
    # The workshops page links each guide, handout and card beside the site, as deployed.
    (BUILD / "html" / "pdf").mkdir(exist_ok=True)
    for pdf in (BUILD / "pdf").glob("*.pdf"):
        shutil.copy2(pdf, BUILD / "html" / "pdf" / pdf.name)
    session.log("Site: build/html/index.html · PDF: build/pdf/ · Guide: build/docs/index.html")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (it builds the handbook, the PDF and the guide itself)."""
    install(session, "test")
    # axe-core, the accessibility rules the browser tests inject, comes from npm (package.json).
    session.run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", external=True)
    session.run("pytest", *session.posargs)


@nox.session
def translations(session: nox.Session) -> None:
    """Update every language's catalogues from the English pages (docs/translate.md)."""
    install(session, "translate")
    session.run("sphinx-build", "-b", "gettext", "-q", "handbook", "build/gettext")
    codes = [arg for code in languages() for arg in ("-l", code)]
    session.run("sphinx-intl", "update", "-p", "build/gettext", "-d", "handbook/locales", *codes)


@nox.session
def serve(session: nox.Session) -> None:
    """Preview the handbook live at http://127.0.0.1:8000, rebuilt on every save."""
    install(session, "serve")
    # A helpline past its review date is a warning here, so a writer can keep previewing;
    # the build and the tests (and so CI) always stop on it.
    session.run(
        "sphinx-autobuild",
        "-n",
        "--keep-going",
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
    session.run(
        "python",
        "-m",
        "onebyone.cli.linkcheck",
        "handbook",
        "build/linkcheck/handbook",
        *session.posargs,
    )
    session.run(
        "python", "-m", "onebyone.cli.linkcheck", "docs", "build/linkcheck/docs", *session.posargs
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Run every pre-commit check on every file: hygiene, ruff, codespell, strict builds."""
    # The project is installed too: the strict-build hooks run Sphinx with this session's Python.
    install(session, "lint")
    session.run("pre-commit", "run", "--all-files", "--show-diff-on-failure", *session.posargs)
