"""The reader's HTML page: safe, private, light and accessible, whatever the content.

``extensions = ["onebyone.site"]`` loads them all:

- ``quickexit``: the "Leave this page quickly" link;
- ``navigation``: the site bar (name, Get help), menus that open on phones, one search button,
  the "You are here" trail, and the public look (``onebyone-look.css``);
- ``search``: Sphinx's search with a short stop-word list, titles first, snippets from the
  article;
- ``privacy``: the Content-Security-Policy, no referrer, nothing stored, nothing from elsewhere;
- ``pageweight``: no FontAwesome script, icons cut to those used, search index on one page;
- ``accessibility``: the theme's accessibility fixes;
- ``printpage``: a single page printed from the site;
- ``languages``: the language switcher, translation status banners and the release rule;
- ``sitemap``: a whole ``sitemap.xml`` after a build that rewrote only some pages.

``theme`` adds our ``templates/`` and ``static/`` folders (one layout, our CSS, JS and fonts).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

PARTS = (
    "quickexit",
    "navigation",
    "search",
    "pageweight",
    "privacy",
    "accessibility",
    "printpage",
    "languages",
    "sitemap",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    return core.setup_parts(app, __name__, PARTS)
