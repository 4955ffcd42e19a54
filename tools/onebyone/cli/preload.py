"""What the preview's fork server imports once, before any build (``onebyone.cli.serve``):
Sphinx, its HTML builder, the themes, the extensions ``conf.py`` names, and every module of
ours (their ``setup()`` loads them one by one), so that no build spends seconds importing them.

A module that cannot be imported here is left for the build, which imports it itself and says
what is wrong, as it would without the preview.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

OTHERS = [
    "sphinx.cmd.build",
    "sphinx.builders.html",
    "sphinx_book_theme",
    "pydata_sphinx_theme",
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "sphinx_sitemap",
]


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


for _name in [*OTHERS, *our_modules()]:
    try:
        importlib.import_module(_name)
    except Exception:  # noqa: BLE001, S112 - the build imports it again and reports the error
        continue
