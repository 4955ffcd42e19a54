"""Where our modules' templates and static files join the book theme's.

Several modules (quick exit, page weight, privacy, accessibility, components) ship templates
and CSS/JS beside their code. They all use this one function, so the folders are added once
and in the right place. ``is_ebook`` tells them when the page is going into the ePub instead
(``onebyone.outputs.epub``), where the site's scripts and controls are left out.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def add_template_and_static_folders(config: Config, templates: bool = True) -> None:
    """Add our templates first, so they win over the theme's own (the theme puts its
    components folder on the templates path too), and our static files after the theme's.
    The templates adapt the book theme; a module that only adds CSS or JS passes
    ``templates=False`` and works with any theme."""
    if templates and str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def add_folders(app: Sphinx, config: Config) -> None:
    """On config-inited: our templates and static files (for the modules that adapt the
    book theme's templates)."""
    add_template_and_static_folders(config)


def add_static_folder(app: Sphinx, config: Config) -> None:
    """On config-inited: our static files only (for a module that adds CSS or JS)."""
    add_template_and_static_folders(config, templates=False)


# Builders that write an e-book, not the reader's website. An e-reader is not a browser: it
# runs no scripts, and the site bar, the quick exit and the language links belong to the site.
EBOOK_BUILDERS = frozenset({"epub"})


def is_ebook(app: Sphinx) -> bool:
    """True when this build writes an e-book (``sphinx-build -b epub``): the site's modules
    then leave out their scripts and the parts of the page that only a website has."""
    builder = getattr(app, "builder", None)
    return builder is not None and builder.name in EBOOK_BUILDERS
