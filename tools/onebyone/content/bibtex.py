"""sphinxcontrib-bibtex, made fast.

sphinxcontrib-bibtex asks pybtex for a plugin (a style, a backend) for every citation it
resolves, and pybtex looks each one up among every installed package's entry points: about a
third of a stock build's time on this handbook. pybtex's own ``register_plugin`` keeps a
plugin in memory, where later look-ups find it first. So, once per build, every pybtex plugin
the installed packages declare is registered as itself: the same classes, found once.

Registering asks the installed packages again for each plugin (``register_plugin`` looks for an
entry point of the same name first), so the packages' entry points are read once and that one
answer serves every registration.

pybtex decodes every field of every source from LaTeX (latexcodec) each time it formats it:
sphinxcontrib-bibtex formats the whole list of 400-odd sources on every build, even when one
page changed, and decoding was a third of that. Text with nothing LaTeX would change (no
backslash, brace, tilde, dollar, percent, ampersand, hash, caret, underscore, backquote, new
line, "--", "''", ",,", run of spaces or leading space) decodes to itself, so it skips the
decoder: two thirds of our fields. The list was read from latexcodec's own table;
tests/test_bibtex_speed.py checks it against the table, every field of references.bib and
random text.
"""

from __future__ import annotations

import re
from importlib.metadata import EntryPoints, distributions

import pybtex.plugin
import pybtex.richtext
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


# What latexcodec would change; text without any of it decodes to itself.
LATEX = re.compile(r"[\\{}~$%&#^_`\n]|--|''|,,|\s\s|^\s")
_decoding_from_latex = pybtex.richtext.Text.from_latex.__func__


def _from_latex(cls, latex: str):
    if LATEX.search(latex):
        return _decoding_from_latex(cls, latex)
    from pybtex.markup import LaTeXParser

    return LaTeXParser(latex).parse()


def _decode_only_latex(app: Sphinx) -> None:
    pybtex.richtext.Text.from_latex = classmethod(_from_latex)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", _register_pybtex_plugins)
    app.connect("builder-inited", _decode_only_latex)
    return core.PARALLEL_SAFE
