"""A whole sitemap after a build that wrote only some pages.

sphinx-sitemap lists the pages as they are written, so a build that rewrites only what changed
(``nox -s build``, the preview) wrote a ``sitemap.xml`` of those few pages (its known issue:
https://github.com/jdillard/sphinx-sitemap/issues/13). Just before it writes the file, this adds
every other page of the project through sphinx-sitemap's own ``add_html_link`` (so each link is
made as the extension makes it), drops repeats and puts them in order: the file is the same
whatever the build rewrote, and the same from one parallel build to the next.
"""

from __future__ import annotations

import queue

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core


def _complete(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app.env.app, "sitemap_links", None)  # sphinx-sitemap's queue of this build
    if exception or links is None or app.builder.name not in ("html", "dirhtml"):
        return  # sphinx-sitemap is not loaded, or writes no sitemap for this builder
    import sphinx_sitemap

    for docname in sorted(app.env.found_docs):
        sphinx_sitemap.add_html_link(app, docname, None, {}, None)
    found = {}
    while True:
        try:
            link, last_updated = links.get_nowait()
        except queue.Empty:
            break
        found[link] = last_updated
    for link in sorted(found):
        links.put((link, found[link]))


def setup(app: Sphinx) -> ExtensionMetadata:
    # Before sphinx-sitemap's own build-finished handler (priority 500) writes the file.
    app.connect("build-finished", _complete, priority=400)
    return core.PARALLEL_SAFE
