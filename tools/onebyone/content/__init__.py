"""What writers write: the boxes and roles of a page, and the blocks made from data.

``extensions = ["onebyone.content"]`` loads them all:

- ``components``: key points, what to do / not to do, get help, content note and facilitator
  boxes, and the ``{avoid}`` and ``{formal-name}`` roles;
- ``pages``: the review line and the meta description, from each page's front matter;
- ``language``: ``lang`` on text in another script;
- ``helplines``: ``{helplines}``, ``{tel}``, ``{web}`` from ``_data/helplines.yaml``;
- ``countrypages``: a page per country, ``get-help/<country>``, written from the same data, and
  ``{country-picker}``, the Get help page's list of them;
- ``workshops``: ``{workshop-plan}``, ``{workshop-list}``, ``{workshop-cards}`` from each
  ``module.yaml``;
- ``terminology``: the words-we-use table from ``_data/terminology.yaml``;
- ``citations``: on the site, each ``{cite:p}`` as a numbered marker and a Sources list at
  the end of its page;
- ``bibtex``: sphinxcontrib-bibtex's plugin look-ups done once per build, not per citation,
  and the formatted sources kept between builds.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

PARTS = (
    "components",
    "pages",
    "language",
    "khmer",
    "helplines",
    "countrypages",
    "workshops",
    "terminology",
    "citations",
    "bibtex",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    return core.setup_parts(app, __name__, PARTS)
