"""Every page's front matter is checked against one schema while Sphinx reads it.

A missing or wrong field is a warning located at the file and line, with the line to write
instead (the schema is ``onebyone.data.pages``); the strict build turns it into a failure. A
valid page's metadata and key lines are kept in the ``onebyone`` domain, where the review line,
the reading level, the review dates and the prints read them: no other module reads the source
file again.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.data.pages import check_front_matter


def _check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname in app.config.onebyone_frontmatter_exempt:
        return
    meta, lines, problems = check_front_matter(source[0])
    for problem in problems:
        core.warn(
            core.Warnings.FRONT_MATTER,
            problem,
            location=(docname, problem.line),
            prefix="front matter: ",
        )
    if meta is not None:
        core.data(app.env).pages[docname] = core.PageRecord(meta, lines)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")
    app.add_config_value("onebyone_frontmatter_exempt", [], "env", types=[list])
    app.connect("source-read", _check_source)
    return core.PARALLEL_SAFE
