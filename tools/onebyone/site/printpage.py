"""A page printed from the site: no navigation, black on white, web addresses after links.

Facilitators often print one page for a session. The stylesheet applies only to print, so it
costs a screen reader nothing; the whole handbook, guides and cards come from onebyone.pdf.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import add_static_folder


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", add_static_folder)
    app.add_css_file("onebyone-print.css", media="print")
    return core.PARALLEL_SAFE
