"""One by One's Sphinx extensions, checks and outputs.

The handbook's ``conf.py`` loads the whole bundle with ``extensions = [..., "onebyone"]``; the
contributor guide loads the parts it needs by name. The map of the code (also in
``docs/maintainers.md``):

- ``core``: one problem type, one way to warn, one loader for data files, and the
  ``onebyone`` domain that keeps each page's metadata and the project's data;
- ``reports``: the folder where checks write their reports;
- ``data/``: the data's schemas and pure checks (pages, helplines, workshops, terminology),
  with no Sphinx in them;
- ``content/``: what writers write: boxes, roles and blocks rendered from the data;
- ``checks/``: every content check, one module each, and ``prose``, the one definition of prose;
- ``site/``: the reader's HTML page (quick exit, privacy, weight, accessibility, print CSS);
- ``outputs/``: what the build makes besides the site (the PDFs);
- ``cli/``: command-line runners (link check, review dates).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.2.0"

# The checks first: their plain-words fixes for Sphinx's own warnings apply from the start.
BUNDLES = (
    "onebyone.core",
    "onebyone.reports",
    "onebyone.checks",
    "onebyone.content",
    "onebyone.site",
    "onebyone.outputs",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    for bundle in BUNDLES:
        app.setup_extension(bundle)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
