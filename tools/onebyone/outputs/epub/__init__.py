"""The ePub: Sphinx's own ``epub`` builder on the handbook, made fit for an e-reader.

``sphinx-build -b epub -d build/doctrees handbook build/epub`` writes
``build/epub/<epub_basename>.epub``, reading the pages the HTML build has already read. The
book's details (``epub_title``, ``epub_author``, ``epub_publisher``, ``copyright``,
``version``, ``epub_uid``, ``epub_identifier``) are declared in ``conf.py``. This module makes
the result pass EPUBCheck with no error and no warning (``tests/test_epub.py``):

- it checks, before anything is written, the settings EPUBCheck fails a Sphinx ePub on (an
  empty ``copyright`` or ``version``; an ``epub_uid`` that differs from ``epub_identifier`` or
  is not an XML name), and stops with a fix; it writes the language as ``en-GB``, not ``en_GB``;
- it leaves out every script (an e-reader is not a browser) and the site's stylesheets, keeping
  those for the content (``CONTENT_CSS``: boxes, call buttons, Khmer text) and the fonts they
  name, with their licence. The site's modules leave out their own parts (the quick exit, the
  site bar, the language links: ``onebyone.site.theme.is_ebook``);
- it points links to files beside the site (the printed PDFs) at the website, since they are
  not in the book; and shows ``sms:`` links as their number, unlinked (EPUBCheck 4.2 does not
  know the scheme). ``tel:`` links stay: an e-reader on a phone can dial them.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import STATIC, is_ebook

# Our stylesheets that style the content itself; the others style the site around it (the
# book theme's page, the quick exit, menus, print) and are left out of the book.
CONTENT_CSS = ("onebyone-components.css", "onebyone-khmer.css")
# Media types Sphinx's epub builder does not list, but EPUB 3.2 accepts: WOFF2 fonts are a
# core media type; a plain-text font licence is a resource nothing in the book links to.
EXTRA_MEDIA_TYPES = {".woff2": "font/woff2", ".txt": "text/plain"}
XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
FONT_URL = re.compile(r"url\([\"']?(fonts/[^\"')]+)")
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def check_settings(config: Any) -> list[str]:
    """What EPUBCheck would refuse in these settings, each with its fix."""
    problems = []
    for name, field in (("copyright", "dc:rights"), ("version", "ibooks:version")):
        if not str(getattr(config, name) or "").strip():
            problems.append(
                f"`{name}` is empty, so the ePub's {field} is empty and EPUBCheck fails it. "
                f"Fix: set `{name}` in conf.py."
            )
    uid, identifier = config.epub_uid, config.epub_identifier
    if not XML_NAME.match(uid or ""):
        problems.append(
            f"`epub_uid` is {uid!r}: it must be an XML name (a letter, then letters, digits, "
            "'-', '_' or '.'), because it is the identifier's id. Fix: set `epub_uid` in "
            'conf.py to a name such as "onebyone-handbook".'
        )
    if uid != identifier:
        problems.append(
            f"`epub_uid` ({uid!r}) and `epub_identifier` ({identifier!r}) differ, so the "
            "ePub's contents name another book than its package (EPUBCheck NCX-001). "
            "Fix: set `epub_identifier = epub_uid` in conf.py."
        )
    return problems


def left_out_static_files() -> list[str]:
    """Our static files the book does not carry (``_static/...``): the site's stylesheets and
    scripts, and the fonts (with their licences) that no kept stylesheet names."""
    fonts = {
        font for css in CONTENT_CSS for font in FONT_URL.findall((STATIC / css).read_text("utf-8"))
    }
    licences = {"fonts/OFL-khmer.txt" if "khmer" in font else "fonts/OFL.txt" for font in fonts}
    kept = set(CONTENT_CSS) | fonts | licences
    return sorted(
        f"_static/{path.relative_to(STATIC).as_posix()}"
        for path in STATIC.rglob("*")
        if path.is_file() and path.relative_to(STATIC).as_posix() not in kept
    )


def _prepare(app: Sphinx) -> None:
    if not is_ebook(app):
        return
    problems = check_settings(app.config)
    if problems:
        raise ConfigError("The ePub's settings:\n- " + "\n- ".join(problems))
    app.config.epub_language = (app.config.epub_language or "en").replace("_", "-")
    app.config.epub_exclude_files = [*app.config.epub_exclude_files, *left_out_static_files()]
    app.builder.media_types = {**app.builder.media_types, **EXTRA_MEDIA_TYPES}


def _links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_ebook(app):
        return
    site = app.config.html_baseurl.rstrip("/") + "/"
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if uri.startswith("sms:"):
            ref.replace_self(nodes.inline(ref.rawsource, ref.astext(), classes=ref["classes"]))
        elif uri and not ref.get("internal") and not SCHEME.match(uri) and uri[0] not in "#/":
            # A file beside the site (a PDF), written relative to this page.
            path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), uri))
            if site != "/" and not path.startswith(".."):
                ref["refuri"] = site + path


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not is_ebook(app):
        return
    context["script_files"] = []
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if not (name := Path(str(getattr(css, "filename", css))).name).startswith("onebyone-")
        or name in CONTENT_CSS
    ]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", _prepare)
    app.connect("doctree-resolved", _links)
    # After the site's modules and the theme, which add to the page's scripts.
    app.connect("html-page-context", _page_context, priority=950)
    return core.PARALLEL_SAFE
