"""sphinxcontrib-bibtex, made fast.

sphinxcontrib-bibtex asks pybtex for a plugin (a style, a backend) for every citation it
resolves, and pybtex looks each one up among every installed package's entry points: about a
third of a stock build's time on this handbook. pybtex's own ``register_plugin`` keeps a
plugin in memory, where later look-ups find it first. So, once per build, every pybtex plugin
the installed packages declare is registered as itself: the same classes, found once.
"""

from __future__ import annotations

from importlib.metadata import distributions

import pybtex.plugin
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core


def _register_pybtex_plugins(app: Sphinx) -> None:
    for distribution in distributions():
        for entry_point in distribution.entry_points:
            group = entry_point.group
            # Suffix groups map file endings, which register_plugin handles differently.
            if group.startswith("pybtex.") and not group.endswith(".suffixes"):
                pybtex.plugin.register_plugin(group, entry_point.name, entry_point.load(), True)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", _register_pybtex_plugins)
    return core.PARALLEL_SAFE
