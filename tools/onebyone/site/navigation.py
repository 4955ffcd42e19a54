"""Navigation: a site bar, menus that open on every screen, and one search button.

What a reader needs on every page, at every width, with or without JavaScript:

- the **site bar** (``templates/layout.html``): the quick exit, the site's name (a link home)
  and "Get help", which links to ``onebyone_help_page`` when the project has that page;
- the **Menu** and **On this page** buttons, which the book theme's scripts leave dead below
  992 px (pydata-sphinx-theme #2451; sphinx-book-theme PR #991 proposes binding every button):
  ``onebyone-navigation.js`` answers every toggle itself, opens the theme's dialog with a Close
  button, keeps ``aria-expanded`` true to what is open, and closes on Escape or the backdrop;
- plain names written beside the icons instead of tooltips ("Toggle secondary sidebar"), one
  search button (no sidebar search field, no "Ctrl + K"), light or dark "Same as my device";
- a "You are here" trail (site name › part) above the article, the way round the site when
  the menu cannot open (JavaScript off).

``onebyone-look.css`` holds the public handbook look (type, headings, wrapping, call buttons,
citation markers); ``docs/design.md`` explains each choice.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import add_folders, is_ebook


def _context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # An e-book has its own contents and moves between pages itself: no site bar, no trail.
    if is_ebook(app):
        return
    context["onebyone_site_bar"] = True
    help_page = app.config.onebyone_help_page
    # Only a project that has the page links to it (the contributor guide has none).
    if help_page and help_page in app.env.found_docs:
        context["onebyone_help_page"] = help_page


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_help_page", "get-help/index", "html", types=[str])
    app.connect("config-inited", add_folders)
    app.connect("html-page-context", _context)
    app.add_css_file("onebyone-navigation.css")
    app.add_css_file("onebyone-look.css")
    app.add_js_file("onebyone-navigation.js", loading_method="defer")
    return core.PARALLEL_SAFE
