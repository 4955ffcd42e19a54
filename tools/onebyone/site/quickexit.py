"""Quick exit: a "Leave this page quickly" link on every page, for readers who may be watched.

It follows the pattern government services use on abuse-related pages. A plain link, placed
right after the skip link, goes to a neutral, non-personalised site and works with JavaScript
off. With JavaScript, a click or three presses of Shift hide the page and its title at once and
leave with ``location.replace``, so that Back does not return to the handbook page. It does not
erase browsing history; ``about/staying-safe-online.md`` says so. The ePub has no quick exit
(an e-reader is not a browser); the offline bundle keeps it.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import add_folders, is_ebook


def _context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # An e-book has no quick exit: an e-reader runs no script and cannot leave the book.
    if is_ebook(app):
        return
    context["onebyone_site_bar"] = True
    context["onebyone_quick_exit_url"] = app.config.onebyone_quick_exit_url


def setup(app: Sphinx) -> ExtensionMetadata:
    # BBC Weather: neutral, with nothing personal in the page, as GOV.UK's exit buttons use.
    app.add_config_value(
        "onebyone_quick_exit_url", "https://www.bbc.co.uk/weather", "html", types=[str]
    )
    app.connect("config-inited", add_folders)
    app.connect("html-page-context", _context)
    app.add_css_file("onebyone-quickexit.css")
    app.add_js_file("onebyone-quickexit.js", loading_method="defer")
    return core.PARALLEL_SAFE
