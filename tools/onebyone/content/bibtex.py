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
random text. And the same text is decoded once per process: each citation in a page formats
its authors' names again (3,400 citations in the book), and pybtex's rich text is never
changed in place (every operation makes a new one), so the one decoded text serves them all.

And sphinxcontrib-bibtex formats every source again on every build, when any page changed:
about 2 seconds of each rebuild in the preview (``./nox -s serve``). So the formatted sources
are kept between builds, in the build's environment (the onebyone domain's ``bibliography``),
keyed by what the formatting reads: the sources as parsed from references.bib (every field and
name of every entry), the style, each source's label, the versions of pybtex and
sphinxcontrib-bibtex, and this file. A change to any source formats them all again; a change to
a page formats none. Sphinx starts a new environment, and so an empty store, when the
configuration or an extension's data version changes, and on ``-E``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from importlib.metadata import EntryPoints, distributions, version
from pathlib import Path
from typing import Any

import pybtex.plugin
import pybtex.richtext
from pybtex.style.formatting import BaseStyle
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
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


@functools.lru_cache(maxsize=4096)
def _from_latex_once(cls, latex: str):
    if LATEX.search(latex):
        return _decoding_from_latex(cls, latex)
    from pybtex.markup import LaTeXParser

    return LaTeXParser(latex).parse()


def _from_latex(cls, latex: str):
    return _from_latex_once(cls, latex)


def _decode_only_latex(app: Sphinx) -> None:
    pybtex.richtext.Text.from_latex = classmethod(_from_latex)


# --- Formatted sources, kept between builds -------------------------------------------------------
# What the formatting depends on besides the sources: the packages that format, and this file.
FORMATTER = (version("pybtex"), version("sphinxcontrib-bibtex"), Path(__file__).read_bytes())
_format_entry = BaseStyle.format_entry
# While sphinxcontrib-bibtex formats the bibliography (env-updated): the store's formatted
# sources, and the keys this build used; None the rest of the time, when nothing is kept.
_kept: dict[tuple, Any] | None = None
_used: set[tuple] = set()


def _format_entry_once(self: BaseStyle, label: str, entry: Any, bib_data: Any = None) -> Any:
    if _kept is None or bib_data is not None:
        return _format_entry(self, label, entry, bib_data)
    style = type(self)
    names = type(self.name_style) if hasattr(self, "name_style") else None
    key = (style.__module__, style.__qualname__, names, self.abbreviate_names, label, entry.key)
    _used.add(key)
    if key not in _kept:
        _kept[key] = _format_entry(self, label, entry, bib_data)
    return _kept[key]


def sources_digest(env: BuildEnvironment) -> str:
    """A digest of every source as sphinxcontrib-bibtex parsed it, and of the formatter."""
    digest = hashlib.sha256(repr(FORMATTER).encode())
    for key, entry in env.get_domain("cite").bibdata.data.entries.items():
        people = [
            (role, [str(person) for person in persons]) for role, persons in entry.persons.items()
        ]
        digest.update(repr((key, entry.type, list(entry.fields.items()), people)).encode())
    return digest.hexdigest()


def _open_store(app: Sphinx, env: BuildEnvironment) -> None:
    global _kept
    store = core.data(env).data["bibliography"]
    digest = sources_digest(env)
    if store.get("digest") != digest:
        store.clear()
        store.update(digest=digest, formatted={})
    _kept = store["formatted"]
    _used.clear()


def _close_store(app: Sphinx, env: BuildEnvironment) -> None:
    global _kept
    if _kept is not None:
        for unused in set(_kept) - _used:  # a label that changed, a source no longer listed
            del _kept[unused]
    _kept = None


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")  # the domain that keeps the formatted sources
    app.connect("builder-inited", _register_pybtex_plugins)
    app.connect("builder-inited", _decode_only_latex)
    BaseStyle.format_entry = _format_entry_once
    # Around sphinxcontrib-bibtex's own env-updated handler (at the default priority, 500).
    app.connect("env-updated", _open_store, priority=400)
    app.connect("env-updated", _close_store, priority=600)
    return core.PARALLEL_SAFE
