"""Light pages: the book theme's look and function at a fraction of its weight.

A stock sphinx-book-theme page loads a 1.5 MB FontAwesome script (about 540 KB gzipped) to
draw a dozen icons, and the whole search index on every page. Many readers use a cheap phone
on a weak connection, so this module:

- drops the FontAwesome script; the theme's CSS already draws its icons from the FontAwesome
  webfont, so the icons stay;
- replaces that webfont in the built site with a subset holding only the icons the pages use
  (a few KB instead of about 150 KB), made with fontTools from the theme's own copy;
- loads the search index only on the search page, where Sphinx's search needs it (search
  boxes on other pages send the reader there);
- adds Noto Sans Khmer, vendored and limited by ``unicode-range`` to Khmer, so the few pages
  with Khmer text show it on devices without a Khmer font, and no other page fetches it.

The template changes live in ``templates/layout.html`` behind ``onebyone_light_pages``.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

HERE = Path(__file__).parent
logger = logging.getLogger(__name__)

THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
SOLID_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
# Icons the theme's scripts add after load (not in the HTML), so the subset keeps them too.
SCRIPTED_ICONS = ("fa-xmark",)
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


def _add_paths(app: Sphinx, config: Config) -> None:
    for setting, folder in (
        (config.templates_path, HERE / "templates"),
        (config.html_static_path, HERE / "static"),
    ):
        if str(folder) not in setting:
            setting.append(str(folder))


def _context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["onebyone_light_pages"] = True


def icon_codepoints(theme_css: str) -> dict[str, int]:
    """Map each FontAwesome icon class in the theme's CSS to its code point."""
    # A rule may name an icon and its aliases: .fa-bars,.fa-navicon{--fa:"\f0c9"}
    codepoints = {}
    for selectors, code in re.findall(r"([^{}]+)\{--fa:\"\\([0-9a-f]+)\"\}", theme_css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+)", selectors):
            codepoints[name] = int(code, 16)
    return codepoints


def icons_used(outdir: Path) -> set[str]:
    """Every fa-* class on every built page, plus the ones the theme's scripts add."""
    used = set(SCRIPTED_ICONS)
    for page in outdir.rglob("*.html"):
        used.update(ICON_CLASS.findall(page.read_text("utf-8")))
    return used


def _subset_icon_font(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    font, css = outdir / SOLID_FONT, outdir / THEME_CSS
    if not (font.exists() and css.exists()):
        return
    codepoints = icon_codepoints(css.read_text("utf-8"))
    keep = sorted(codepoints[name] for name in icons_used(outdir) if name in codepoints)
    options = subset.Options(flavor="woff2", layout_features=["*"], notdef_outline=True)
    original = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(original)
    subset.save_font(original, str(font), options)
    logger.info(
        "onebyone.pageweight: icon font cut to %d icons (%d bytes)", len(keep), font.stat().st_size
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _context)
    app.connect("build-finished", _subset_icon_font)
    app.add_css_file("onebyone-khmer.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
