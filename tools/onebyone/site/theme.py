"""Where our modules' templates and static files join the book theme's.

Several modules (quick exit, page weight, privacy, accessibility, components) ship templates
and CSS/JS beside their code. They all use this one function, so the folders are added once
and in the right place.
"""

from __future__ import annotations

from pathlib import Path

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
