"""sphinxcontrib-bibtex, made fast.

sphinxcontrib-bibtex asks pybtex for a plugin (a style, a backend) for every citation it
resolves, and pybtex looks each one up among every installed package's entry points: about a
third of a stock build's time on this handbook. pybtex's own ``register_plugin`` keeps a
plugin in memory, where later look-ups find it first. So, once per build, every pybtex plugin
the installed packages declare is registered as itself: the same classes, found once.

Registering asks the installed packages again for each plugin (``register_plugin`` looks for an
entry point of the same name first), so the packages' entry points are read once and that one
answer serves every registration.
"""

from __future__ import annotations

from importlib.metadata import EntryPoints, distributions

import pybtex.plugin
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core


def _register_pybtex_plugins(app: Sphinx) -> None:
    # One scan of every installed package's entry points.
    installed = EntryPoints(point for dist in distributions() for point in dist.entry_points)
    asks_again = pybtex.plugin.entry_points
    pybtex.plugin.entry_points = installed.select  # the same answers, without a scan per call
    try:
        for entry_point in installed:
            group = entry_point.group
            # Suffix groups map file endings, which register_plugin handles differently.
            if group.startswith("pybtex.") and not group.endswith(".suffixes"):
                pybtex.plugin.register_plugin(group, entry_point.name, entry_point.load(), True)
    finally:
        pybtex.plugin.entry_points = asks_again


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", _register_pybtex_plugins)
    return core.PARALLEL_SAFE
