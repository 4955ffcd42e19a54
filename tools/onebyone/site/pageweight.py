"""Light pages: the book theme's look and function at a fraction of its weight.

A stock sphinx-book-theme page loads a 1.5 MB FontAwesome script (about 540 KB gzipped) to
draw a dozen icons, and the whole search index on every page. Many readers use a cheap phone
on a weak connection, so this module:

- drops the FontAwesome script; the theme's CSS already draws its icons from the FontAwesome
  webfont, so the icons stay;
- replaces that webfont in the built site with a subset holding only the icons the pages use
  (a few KB instead of about 150 KB), made with fontTools from the theme's own copy, and
  drops the CSS rules of the icons no page uses;
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

from onebyone import core
from onebyone.site.theme import add_template_and_static_folders, is_ebook

logger = logging.getLogger(__name__)

THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
SOLID_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
# Icons the theme's scripts add after load (not in the HTML), so the subset keeps them too.
SCRIPTED_ICONS = ("fa-xmark",)
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
# One icon rule and the selectors before it: .fa-bars,.fa-navicon{--fa:"\f0c9"}
ICON_RULE = re.compile(r"(?:^|(?<=\}))([^{}]+)\{--fa:\"\\([0-9a-f]+)\"\}")


def _add_folders(app: Sphinx, config: Config) -> None:
    add_template_and_static_folders(config)


def _context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The e-book's theme (Sphinx's epub) has no book-theme head to lighten.
    context["onebyone_light_pages"] = not is_ebook(app)


def icon_codepoints(theme_css: str) -> dict[str, int]:
    """Map each FontAwesome icon class in the theme's CSS to its code point."""
    # A rule may name an icon and its aliases. Anchored after the previous rule's "}": unanchored, the pattern retries from every
    # character of every selector, which took seconds on the theme's 376 KB of CSS.
    codepoints = {}
    for selectors, code in ICON_RULE.findall(theme_css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+)", selectors):
            codepoints[name] = int(code, 16)
    return codepoints


def icons_used(outdir: Path) -> set[str]:
    """Every fa-* class on every built page, plus the ones the theme's scripts add."""
    used = set(SCRIPTED_ICONS)
    for page in outdir.rglob("*.html"):
        used.update(ICON_CLASS.findall(page.read_text("utf-8")))
    return used


def theme_file(app: Sphinx, relative: str) -> Path | None:
    """The theme's own copy of a static file, read fresh on every build: the copy in the output
    folder may already be cut down by an earlier build."""
    for folder in app.builder.theme.get_theme_dirs():
        if (candidate := Path(folder) / relative.removeprefix("_")).exists():
            return candidate
    return None


def trim_icon_rules(theme_css: str, used: set[str]) -> str:
    """Drop the ~2,000 icon rules (.fa-name{--fa:"\\f..."}) no page uses: about 19 KB gzip."""

    def keep_if_used(rule: re.Match[str]) -> str:
        names = set(re.findall(r"\.(fa-[a-z0-9-]+)", rule.group(1)))
        return rule.group(0) if names & used else ""

    return ICON_RULE.sub(keep_if_used, theme_css)


def _cut_icons_to_those_used(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    font_source, css_source = theme_file(app, SOLID_FONT), theme_file(app, THEME_CSS)
    if font_source is None or css_source is None:
        return
    theme_css = css_source.read_text("utf-8")
    used = icons_used(outdir)
    (outdir / THEME_CSS).write_text(trim_icon_rules(theme_css, used), "utf-8")

    codepoints = icon_codepoints(theme_css)
    keep = sorted(codepoints[name] for name in used if name in codepoints)
    options = subset.Options(flavor="woff2", layout_features=["*"], notdef_outline=True)
    font = subset.load_font(str(font_source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    subset.save_font(font, str(outdir / SOLID_FONT), options)
    # No page loads the script, so the site need not carry its 1.5 MB. Its licence file stays:
    # it covers the icon font too.
    for unused in ("fontawesome.js", "fontawesome.js.map"):
        (outdir / "_static" / "scripts" / unused).unlink(missing_ok=True)
    logger.info("onebyone.pageweight: icons cut to the %d the pages use", len(keep))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _add_folders)
    app.connect("html-page-context", _context)
    app.connect("build-finished", _cut_icons_to_those_used)
    app.add_css_file("onebyone-khmer.css")
    return core.PARALLEL_SAFE
