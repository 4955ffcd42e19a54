"""What the build makes besides the website: ``pdf/``, the builder that prints the handbook,
the workshop guides and handouts, and the country cards; ``epub/``, which fits Sphinx's epub
builder to an e-reader; ``offline/``, the whole site in one zip for use without the internet.
A new output (slides, a translated PDF) is a new folder here, reading the same data.

``extensions = ["onebyone.outputs"]`` loads them all.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

PARTS = ("pdf", "epub", "offline")


def setup(app: Sphinx) -> ExtensionMetadata:
    return core.setup_parts(app, __name__, PARTS)
