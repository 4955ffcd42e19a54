"""What each page shows from its front matter: "Last reviewed ... · Next review due ..." near
its foot (on screen and in print), and its description in ``<meta name="description">``.

The front matter itself is validated by ``onebyone.checks.frontmatter`` and kept in the
``onebyone`` domain; this module only shows it.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.data.pages import format_day


def _add_review_line(app: Sphinx, doctree: nodes.document) -> None:
    """Append "Last reviewed ... · Next review due ..." to the page, before any trailing toctree."""
    record = core.data(app.env).pages.get(app.env.docname)
    section = doctree.next_node(nodes.section)
    if record is None or section is None:
        return
    meta = record.meta
    text = (
        f"Last reviewed {format_day(meta.reviewed)} · Next review due {format_day(meta.review_due)}"
    )
    if app.config.onebyone_safeguarding_review_line:
        review = meta.safeguarding_reviewed
        text += (
            f" · Safeguarding review {format_day(review.date)}, by a {review.by}"
            if review
            else " · Not yet reviewed by an outside safeguarding professional"
        )
    line = nodes.paragraph(text, text, classes=["page-review"])
    children = list(section.children)
    position = len(children)
    while position and "toctree-wrapper" in children[position - 1].get("classes", []):
        position -= 1
    section.insert(position, line)


def _add_meta_description(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    record = core.data(app.env).pages.get(pagename)
    description = record.meta.description if record else None
    # Pages Sphinx makes itself (search, index) have no front matter: they get the site's own
    # description from conf.py, so search engines show something true for them too.
    if not description and pagename not in app.env.all_docs:
        description = app.config.onebyone_site_description
        context.setdefault("metatags", "")
    if description and "metatags" in context:
        escaped = html.escape(str(description), quote=True)
        context["metatags"] += f'\n    <meta name="description" content="{escaped}" />'


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.checks.frontmatter")
    app.add_config_value("onebyone_site_description", "", "html", types=[str])
    # Reader pages say whether a safeguarding professional has reviewed them (never hidden).
    app.add_config_value("onebyone_safeguarding_review_line", False, "env", types=[bool])
    app.connect("doctree-read", _add_review_line)
    # Before sphinxext-opengraph (priority 500), so it sees our description and adds no other.
    app.connect("html-page-context", _add_meta_description, priority=400)
    return core.PARALLEL_SAFE
