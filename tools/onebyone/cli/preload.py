"""What the preview's fork server imports once, before any build (``onebyone.cli.serve``):
Sphinx, its HTML builder, the themes, the extensions ``conf.py`` names, and every module of
ours (their ``setup()`` loads them one by one), so that no build spends seconds importing them.

A module that cannot be imported here is left for the build, which imports it itself and says
what is wrong, as it would without the preview.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import pkgutil
from pathlib import Path

OTHERS = [
    "sphinx.cmd.build",
    "sphinx.builders.html",
    "sphinx_book_theme",
    "pydata_sphinx_theme",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    # What the first build in a new process still imported (sys.modules before and after).
    "docutils.core",
    "docutils.parsers.rst.directives.admonitions",
    "docutils.parsers.rst.directives.misc",
    "docutils.parsers.rst.directives.tables",
    "docutils.languages.en",
    "docutils.writers.docutils_xml",
    "docutils.writers.manpage",
    "jinja2.ext",
    "multiprocessing.managers",
    "multiprocessing.pool",
    "multiprocessing.popen_fork",
    "packaging.specifiers",
    "pygments.styles.tango",
    "sphinx.ext.doctest",
    "xml.sax.expatreader",
    "sphinx.versioning",
    "alabaster",
    "pdb",
    "_strptime",
]
# Packages imported whole: the parts of Sphinx every build sets up, MyST's parser and its
# plugins, pybtex and its LaTeX decoder, the themes' code colours, the phone number data.
WHOLE = [
    "sphinx.builders",
    "sphinx.directives",
    "sphinx.domains",
    "sphinx.environment.collectors",
    "sphinx.transforms",
    "sphinx.util",
    "sphinx.writers",
    "sphinxcontrib",
    "myst_parser",
    "markdown_it",
    "mdit_py_plugins",
    "mdurl",
    "pybtex",
    "latexcodec",
    "a11y_pygments",
    "phonenumbers.data",
    "phonenumbers.shortdata",
]


def whole(package: str) -> list[str]:
    try:
        found = importlib.util.find_spec(package)
    except ImportError:
        return []
    if found is None or not found.submodule_search_locations:
        return [package]
    names = [package]
    try:  # walk_packages imports each subpackage to look inside it
        for module in pkgutil.walk_packages(found.submodule_search_locations, f"{package}."):
            if "__main__" not in module.name:
                names.append(module.name)
    except Exception:  # noqa: BLE001 - what was found so far is enough
        pass
    return names


def our_modules() -> list[str]:
    """Every module of the onebyone package but the command-line runners and ``__main__``s."""
    spec = importlib.util.find_spec("onebyone")
    names = []
    for folder in spec.submodule_search_locations if spec else []:
        for path in sorted(Path(folder).rglob("*.py")):
            parts = ("onebyone", *path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if "cli" not in parts and "__main__" not in parts:
                names.append(".".join(parts))
    return names


# A module that sets up logging when imported (a11y_pygments, the themes' code colours, sets
# the root logger to INFO) would do it for every build: each build's logging is put back as a
# new Python starts with it, below.
_root = logging.getLogger()
_handlers, _level = list(_root.handlers), _root.level

for _name in [*OTHERS, *(name for package in WHOLE for name in whole(package)), *our_modules()]:
    try:
        importlib.import_module(_name)
    except Exception:  # noqa: BLE001, S112 - the build imports it again and reports the error
        continue

# Tables our checks read from installed packages alone (never from the project's files, so they
# cannot go stale while the preview runs): read once here rather than in every build.
try:
    from onebyone.checks import spelling

    spelling.misspellings()
    spelling.us_to_uk()
except Exception:  # noqa: BLE001, S110 - the build reads them itself and reports any error
    pass

_root.handlers[:] = _handlers
_root.setLevel(_level)
