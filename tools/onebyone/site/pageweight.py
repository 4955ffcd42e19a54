"""Light pages: the book theme's look and function at a fraction of its weight.

A stock sphinx-book-theme page loads a 1.5 MB FontAwesome script (about 540 KB gzipped) to
draw a dozen icons, and the whole search index on every page. Many readers use a cheap phone
on a weak connection, so this module:

- drops Bootstrap's script (24 KB gzip) for the one list that used it, light or dark, which
  ``onebyone-navigation.js`` opens; and cuts the themes' stylesheets to the rules the site can
  use (the rules whose class, id and element names appear in a page or a script, as PurgeCSS
  does, with tinycss2), writing Sphinx's basic.css into the stylesheet that imported it;
- drops the FontAwesome script; the theme's CSS already draws its icons from the FontAwesome
  webfont, so the icons stay;
- replaces that webfont in the built site with a subset holding only the icons the pages use
  (a few KB instead of about 150 KB), made with fontTools from the theme's own copy, and
  drops the CSS rules of the icons no page uses;
- loads the search index only on the search page, where Sphinx's search needs it (search
  boxes on other pages send the reader there);
- leaves out Pygments' stylesheet (there is no code to colour) and defers Sphinx's and the
  book theme's scripts, so that nothing but the stylesheets holds up the first paint (the
  search page keeps its scripts as they are), and serves our own stylesheets for the screen
  as one file, ``onebyone.css``;
- serves every stylesheet for the screen (the themes' cut ones and ours) as one file,
  ``onebyone-screen.css``, linked before the font preloads: one request, on the connection
  the page came by, holds up the first paint instead of four. Pages are written with it as a
  list of ``@import`` rules (a working stylesheet); once the themes' stylesheets are cut, the
  build writes the files themselves in their place and stamps the pages' links with a
  checksum of the result, so that a browser never keeps an old copy;
- adds Noto Sans Khmer, vendored and limited by ``unicode-range`` to Khmer, so the few pages
  with Khmer text show it on devices without a Khmer font, and no other page fetches it; the
  few Khmer words on pages in other languages (the language switcher's "ខ្មែរ" on every page)
  draw from a subset of it made at build time with only the Khmer letters those pages use
  (about 2 KB instead of 23 KB, ``onebyone-khmer-subset.css``).

The template changes live in ``templates/layout.html`` behind ``onebyone_light_pages``.
"""

from __future__ import annotations

import copy
import functools
import io
import os
import posixpath
import re
import string
import zlib
from importlib.metadata import version
from pathlib import Path

import tinycss2
from fontTools import subset
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata
from tinycss2.serializer import serialize_string_value, serialize_url

from onebyone import core
from onebyone.site.theme import add_folders, is_ebook

logger = logging.getLogger(__name__)

THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
# The themes' stylesheets cut to the rules the site can use (unused_rules_removed). Ours are
# small and ours to keep tidy, so they stay whole.
TRIMMED_CSS = (THEME_CSS, "_static/styles/sphinx-book-theme.css")
# The parent theme's first stylesheet only @imports Sphinx's basic.css: a second request in a
# chain before the first paint. The build writes basic.css's rules into it instead.
IMPORTING_CSS = "_static/styles/theme.css"
BASIC_CSS = "_static/basic.css"
# Words a selector may need: every run of these characters in a page or a script (as PurgeCSS
# reads content). A class a script adds is a word in that script, so its rules stay.
WORD = re.compile(r"[A-Za-z0-9_-]+")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Rules that hold nothing a selector can miss: fonts, animations, pages, counters.
NESTING_RULES = ("media", "supports", "layer", "container")
SOLID_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
# Icons the theme's scripts add after load (not in the HTML), so the subset keeps them too.
SCRIPTED_ICONS = ("fa-xmark",)
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
UNUSED_CSS = ("pygments.css",)
# Scripts no page loads (templates/layout.html): FontAwesome's (the CSS draws the icons) and
# Bootstrap's (onebyone-navigation.js opens the one list that used it).
UNUSED_SCRIPTS = ("fontawesome.js", "fontawesome.js.map", "bootstrap.js", "bootstrap.js.map")
KHMER_FONT = Path(__file__).parent / "static" / "fonts" / "noto-sans-khmer-khmer-400-normal.woff2"
KHMER_SUBSET_FONT = "_static/fonts/noto-sans-khmer-subset.woff2"
KHMER_PAGE = re.compile(r"<html[^>]*\blang=\"km\b")  # a page in Khmer uses the whole font
# What Noto Sans Khmer draws, as its unicode-range in onebyone-khmer.css says.
KHMER_TEXT = re.compile("[\u1780-\u17ff\u19e0-\u19ff\u200c\u200d\u25cc]+")
BUNDLE = "onebyone.css"  # our stylesheets for the screen, in one file
# Every stylesheet for the screen, in one file: the parent theme's two (which its template
# links, templates/layout.html), then the page's own (the book theme's and BUNDLE).
SCREEN_CSS = "_static/onebyone-screen.css"
THEME_PRE_ASSETS = (IMPORTING_CSS, THEME_CSS)
SCREEN_IMPORT = re.compile(r'^@import url\("([^"]+)"\);$', re.M)
SCREEN_PART = "/* onebyone.pageweight: {} */"
SCREEN_LINK = re.compile(r'(onebyone-screen\.css)(?:\?v=[0-9a-f]*)?"')
# Runs before the first paint on purpose: it picks light or dark before anything is drawn.
KEEP_BLOCKING = ("onebyone-privacy.js",)
# What makes the cut stylesheets and fonts, besides their inputs: kept between builds
# (core.kept), each is made again when this file or the packages that make it change.
MAKER = [Path(__file__).read_bytes(), version("tinycss2"), version("fonttools")]
# One icon rule and the selectors before it: .fa-bars,.fa-navicon{--fa:"\f0c9"}
ICON_RULE = re.compile(r"(?:^|(?<=\}))([^{}]+)\{--fa:\"\\([0-9a-f]+)\"\}")


def _context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The e-book's theme (Sphinx's epub) has no book-theme head to lighten.
    context["onebyone_light_pages"] = not is_ebook(app)
    if is_ebook(app):
        return
    # The handbook has no code to colour: Pygments' stylesheet would only block the first paint.
    css_files = [
        css
        for css in context.get("css_files", [])
        if not str(getattr(css, "filename", css)).endswith(UNUSED_CSS)
    ]
    context["css_files"], context["onebyone_screen_css"] = _screen_bundle(
        app, _bundled(app, css_files)
    )
    # Fonts the first screen draws with, fetched with the stylesheets rather than after them,
    # so that they are there for the first paint: the icons of the buttons at the top, and the
    # Khmer subset where the switcher names Khmer (arriving late, it moved the article down:
    # a layout shift of 0.34 on a phone, measured with Lighthouse).
    context["onebyone_preload_fonts"] = [SOLID_FONT] + [KHMER_SUBSET_FONT] * _shows_khmer_name(app)
    if pagename != "search":  # Sphinx's search scripts expect the others to have run first
        context["script_files"] = [_deferred(script) for script in context.get("script_files", [])]


def _shows_khmer_name(app: Sphinx) -> bool:
    """Whether this page, not in Khmer, names Khmer in its language switcher ("ខ្មែរ")."""
    translations = core.data(app.env).translations or {}
    language = (app.config.language or "en").split("_")[0]
    return language != "km" and "km" in translations.get("shown", ())


def _static_source(app: Sphinx, name: str) -> Path | None:
    """Where a file of ``html_static_path`` comes from (the pages are written before Sphinx
    copies the static files, so the bundle is made from the sources)."""
    for folder in reversed(app.config.html_static_path):  # a later folder wins, as in Sphinx
        if (candidate := Path(app.confdir, folder, name)).is_file():
            return candidate
    return None


def _bundled(app: Sphinx, css_files: list) -> list:
    """Our stylesheets for the screen as one file, ``_static/onebyone.css``, in their order and
    at the place of the first: one request that holds up the first paint instead of seven. If
    one of them cannot be found, the list is left as it is."""
    ours = [
        css
        for css in css_files
        if isinstance(css, _CascadingStyleSheet)
        and str(css.filename).removeprefix("_static/").startswith("onebyone-")
        and css.attributes.get("media", "all") == "all"
    ]
    files = [_static_source(app, str(css.filename).removeprefix("_static/")) for css in ours]
    if len(ours) < 2 or None in files:
        return css_files
    outdir = Path(app.outdir)
    (outdir / "_static").mkdir(parents=True, exist_ok=True)
    text = "".join(f"/* {path.name} */\n{path.read_text('utf-8')}\n" for path in files)
    _write_if_changed(outdir / "_static" / BUNDLE, text)
    first = ours[0]
    kept = []
    for css in css_files:
        if css is first:
            kept.append(
                _CascadingStyleSheet(
                    str(first.filename).replace(Path(str(first.filename)).name, BUNDLE),
                    priority=first.priority,
                    **first.attributes,
                )
            )
        elif css not in ours:
            kept.append(css)
    return kept


def _screen_bundle(app: Sphinx, css_files: list) -> tuple[list, str]:
    """The page's stylesheets for the screen (the parent theme's two and every local one of
    css_files for all media) as one: ``_static/onebyone-screen.css``, written here as their
    list of ``@import`` rules, in order. The build writes the files into it once they are cut
    (_flatten_screen_css). Returns the css_files left to link one by one (for print) and the
    bundle's name."""
    screen = [
        css
        for css in css_files
        if isinstance(css, _CascadingStyleSheet)
        and "://" not in str(css.filename)
        and css.attributes.get("media", "all") == "all"
    ]
    parts = [*THEME_PRE_ASSETS, *(str(css.filename) for css in screen)]
    parts = [part if part.startswith("_static/") else f"_static/{part}" for part in parts]
    text = "".join(f'@import url("{_relative(part, SCREEN_CSS)}");\n' for part in parts)
    _write_if_changed(Path(app.outdir) / SCREEN_CSS, text)
    return [css for css in css_files if css not in screen], SCREEN_CSS


def _relative(target: str, stylesheet: str) -> str:
    """``target`` (a path in the site) as a stylesheet at ``stylesheet`` names it."""
    return posixpath.relpath(target, posixpath.dirname(stylesheet))


def _write_if_changed(path: Path, text: str) -> None:
    """Write a file that pages written in parallel may all write, whole or not at all."""
    if path.is_file() and path.read_text("utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_text(text, "utf-8")
    os.replace(partial, path)


def rebased(css: str, moved_from: str, moved_to: str) -> str:
    """A stylesheet at ``moved_from`` written for ``moved_to``: its relative url()s follow, and
    its ``@charset`` goes (the bundle has one, first)."""
    rules = [
        rule
        for rule in tinycss2.parse_stylesheet(css)
        if not (rule.type == "at-rule" and rule.lower_at_keyword == "charset")
    ]
    _rebase_urls(rules, posixpath.dirname(moved_from), posixpath.dirname(moved_to))
    return NON_ASCII.sub(_escaped, tinycss2.serialize(rules))


def _rebase_urls(tokens: list, old: str, new: str) -> None:
    for token in tokens:
        if token.type == "url":
            token.value = _moved_url(token.value, old, new)
            token.representation = f"url({serialize_url(token.value)})"
        elif token.type == "function" and token.lower_name == "url":
            for argument in token.arguments:
                if argument.type == "string":
                    argument.value = _moved_url(argument.value, old, new)
                    argument.representation = f'"{serialize_string_value(argument.value)}"'
        for nested in ("prelude", "content", "arguments"):
            if isinstance(inner := getattr(token, nested, None), list):
                _rebase_urls(inner, old, new)


def _moved_url(url: str, old: str, new: str) -> str:
    if re.match(r"[a-z][a-z0-9+.-]*:|/|#", url, re.I) or not url:
        return url  # data:, another scheme, the site's root or a fragment: stays
    return posixpath.relpath(posixpath.normpath(posixpath.join(old, url)), new or ".")


def _flatten_screen_css(app: Sphinx, exception: Exception | None) -> None:
    """Write the cut stylesheets into ``onebyone-screen.css`` in place of its @import rules,
    and stamp every page's link to it with the result's checksum."""
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    bundle = outdir / SCREEN_CSS
    if not bundle.is_file():
        return
    imports = SCREEN_IMPORT.findall(bundle.read_text("utf-8"))
    parts = [posixpath.normpath(posixpath.join(posixpath.dirname(SCREEN_CSS), i)) for i in imports]
    if not parts or not all((outdir / part).is_file() for part in parts):
        return  # the @import rules still work; a missing part is Sphinx's to report
    texts = [(outdir / part).read_text("utf-8") for part in parts]

    def flattened() -> bytes:
        return (
            '@charset "UTF-8";\n'
            + "".join(
                f"{SCREEN_PART.format(part)}\n" + rebased(css, part, SCREEN_CSS) + "\n"
                for part, css in zip(parts, texts, strict=True)
            )
        ).encode("utf-8")

    # Kept between builds (core.kept): made again when a part or its place changes.
    text = core.kept(app, "screen.css", [*MAKER, *parts, *texts], flattened).decode("utf-8")
    bundle.write_text(text, "utf-8")
    version = f"{zlib.crc32(text.encode()):08x}"
    for page in outdir.rglob("*.html"):
        html = page.read_text("utf-8")
        stamped = SCREEN_LINK.sub(rf'\1?v={version}"', html)
        if stamped != html:
            page.write_text(stamped, "utf-8")


def _deferred(script):
    """A script that would stop the page drawing until it has loaded, deferred instead: it
    still runs, in the same order, once the page is read. Inline scripts, scripts already
    ``async`` or ``defer``, and the one that sets light or dark before the first paint stay."""
    if not isinstance(script, _JavaScript) or not script.filename:
        return script
    if str(script.filename).endswith(KEEP_BLOCKING) or {"async", "defer", "body"} & set(
        script.attributes
    ):
        return script
    return _JavaScript(
        script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"}
    )


def icon_codepoints(theme_css: str) -> dict[str, int]:
    """Map each FontAwesome icon class in the theme's CSS to its code point."""
    # A rule may name an icon and its aliases. ICON_RULE is anchored after the previous rule's
    # "}": unanchored, it retried from every character of every selector (seconds of CPU).
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


def site_words(outdir: Path) -> set[str]:
    """Every word in the built pages and in the scripts they can load (not the search index,
    whose words are the text's)."""
    files = [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]
    words: set[str] = set()
    for path in files:
        if path.name != "searchindex.js":
            words.update(WORD.findall(path.read_text("utf-8", errors="replace")))
    return words


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def selector_names(selector: list) -> list[str]:
    """The class, id and element names a selector needs, outside its functions (``:not(.x)``
    and ``:is(...)`` can match without them) and leaving out pseudo-classes and attributes."""
    names, previous = [], None
    for token in selector:
        if token.type == "hash":
            names.append(token.value)
        elif token.type == "ident":
            before = previous.value if previous is not None and previous.type == "literal" else None
            if before == ".":
                names.append(token.value)
            elif before != ":" and (
                previous is None or previous.type == "whitespace" or before in (">", "+", "~")
            ):
                names.append(token.value)  # an element: div, dialog, kbd
        if token.type != "comment":
            previous = token
    return names


def _kept_rules(rules: list, words: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            used = [sel for sel in selectors if all(n in words for n in selector_names(sel))]
            if not used:
                continue
            if len(used) < len(selectors):
                comma = tinycss2.ast.LiteralToken(0, 0, ",")
                rule = copy.copy(rule)  # the parsed stylesheet is cached: never changed
                rule.prelude = [t for i, sel in enumerate(used) for t in [comma] * bool(i) + sel]
            kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTING_RULES and rule.content:
            inner = _kept_rules(tinycss2.parse_rule_list(rule.content), words)
            if any(r.type not in ("whitespace", "comment") for r in inner):
                rule = copy.copy(rule)
                rule.content = inner
                kept.append(rule)
        elif rule.type == "comment" and rule.value.startswith("!"):
            kept.append(rule)  # a licence: /*! Bootstrap ... */
        elif rule.type not in ("whitespace", "comment"):
            kept.append(rule)
    return kept


def names_needed(rules: list) -> set[str]:
    """Every class, id and element name a selector of ``rules`` needs (what _kept_rules asks
    the site's words for): the only words the cut depends on."""
    names: set[str] = set()
    for rule in rules:
        if rule.type == "qualified-rule":
            for selector in _selectors(rule.prelude):
                names.update(selector_names(selector))
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTING_RULES and rule.content:
            names |= names_needed(tinycss2.parse_rule_list(rule.content))
    return names


def unused_rules_removed(css: str, words: set[str]) -> str:
    """``css`` without the rules whose every selector needs a class, id or element name that
    is none of ``words`` (the site's words: site_words). Conservative, as PurgeCSS is: a word
    anywhere in a page or script keeps the rules that need it."""
    rules = _parsed(css)
    # tinycss2 writes escaped characters as themselves (an icon's "\\f0c9" as U+F0C9); escape
    # them again, so the file stays ASCII whatever charset a host sends it with.
    return NON_ASCII.sub(_escaped, tinycss2.serialize(_kept_rules(rules, words)))


@functools.lru_cache(maxsize=8)
def _parsed(css: str) -> tuple:
    """A stylesheet's rules, parsed once per process: the themes' files are the same in every
    build (the test suite's small builds, forked from one process, share them)."""
    return tuple(tinycss2.parse_stylesheet(css))


def _escaped(match: re.Match[str]) -> str:
    """One character as a CSS escape; a space ends it where a hex digit or a space follows."""
    following = match.string[match.end() : match.end() + 1]
    end = " " if following and (following in string.hexdigits or following.isspace()) else ""
    return f"\\{ord(match.group()):x}{end}"


def _trim_theme_css(app: Sphinx, exception: Exception | None) -> None:
    """Cut the themes' stylesheets to the rules the site can use (about 45 KB gzip to 18 KB),
    and write basic.css into the stylesheet that imported it. Each cut is kept between builds
    (core.kept) and made again only when its stylesheet changes, or a word it asks for comes
    into the site or leaves it (a new word in a page is almost never a class name)."""
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    words = site_words(outdir)

    def cut(name: str, css: str) -> str:
        # The names the stylesheet's selectors need, kept too: reading them parses the file.
        needs = lambda: "\n".join(sorted(names_needed(list(_parsed(css))))).encode()  # noqa: E731
        needed = core.kept(app, f"names-{name}", [*MAKER, css], needs).decode().split("\n")
        present = "\n".join(name for name in needed if name in words)
        make = lambda: unused_rules_removed(css, words).encode("utf-8")  # noqa: E731
        return core.kept(app, f"cut-{name}", [*MAKER, css, present], make).decode("utf-8")

    for relative in TRIMMED_CSS:
        # Read afresh each build, never a copy an earlier build has cut: the theme's own file,
        # or the icon cut's (which writes from the theme's file every build).
        source = outdir / THEME_CSS if relative == THEME_CSS else theme_file(app, relative)
        if source is not None and source.is_file():
            css = cut(Path(relative).name, source.read_text("utf-8"))
            (outdir / relative).write_text(css, "utf-8")
    basic = outdir / BASIC_CSS  # Sphinx's, left whole: the source of theme.css every build
    if basic.is_file() and (outdir / IMPORTING_CSS).is_file():
        (outdir / IMPORTING_CSS).write_text(
            "/* Sphinx's basic.css, without the rules the site cannot use "
            "(onebyone.site.pageweight: written here, not imported) */\n"
            + cut("basic.css", basic.read_text("utf-8")),
            "utf-8",
        )


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
    inputs = [*MAKER, font_source.read_bytes(), repr(keep)]
    make = lambda: font_subset(str(font_source), tuple(keep))  # noqa: E731
    (outdir / SOLID_FONT).write_bytes(core.kept(app, "icons.woff2", inputs, make))
    # No page loads these scripts, so the site need not carry them (FontAwesome's is 1.5 MB).
    # The licence files stay: FontAwesome's covers the icon font too.
    for unused in UNUSED_SCRIPTS:
        (outdir / "_static" / "scripts" / unused).unlink(missing_ok=True)
    logger.info("onebyone.pageweight: icons cut to the %d the pages use", len(keep))


@functools.lru_cache(maxsize=8)
def font_subset(source: str, unicodes: tuple[int, ...], all_names: bool = False) -> bytes:
    """A woff2 font holding only ``unicodes`` of ``source``, with every shaping rule they need;
    made once per process for the same letters (the test suite's small builds share it)."""
    options = subset.Options(flavor="woff2", layout_features=["*"], notdef_outline=True)
    if all_names:
        options.name_IDs = ["*"]
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(unicodes))
    subsetter.subset(font)
    woff2 = io.BytesIO()
    subset.save_font(font, woff2, options)
    return woff2.getvalue()


def khmer_characters(text: str) -> set[int]:
    """The code points of ``text`` that the Khmer font draws (KHMER_TEXT)."""
    return {ord(c) for run in KHMER_TEXT.findall(text) for c in run}


def _khmer_subset_font(app: Sphinx, exception: Exception | None) -> None:
    """Write ``_static/fonts/noto-sans-khmer-subset.woff2``: Noto Sans Khmer cut to the Khmer
    letters of the built pages that are not in Khmer, with every shaping rule they need."""
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    keep: set[int] = set()
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text("utf-8", errors="replace")
        if not KHMER_PAGE.search(html[:2000]):
            keep |= khmer_characters(html)
    if not keep:
        return
    target = Path(app.outdir) / KHMER_SUBSET_FONT
    target.parent.mkdir(parents=True, exist_ok=True)
    # Every name kept: the copyright and the licence are in the font's names.
    unicodes = tuple(sorted(keep))
    inputs = [*MAKER, KHMER_FONT.read_bytes(), repr(unicodes)]
    make = lambda: font_subset(str(KHMER_FONT), unicodes, all_names=True)  # noqa: E731
    target.write_bytes(core.kept(app, "khmer-subset.woff2", inputs, make))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", add_folders)
    app.connect("html-page-context", _context)
    app.connect("build-finished", _cut_icons_to_those_used)
    app.connect("build-finished", _khmer_subset_font)
    app.connect("build-finished", _trim_theme_css, priority=600)  # after the icons' cut
    app.connect("build-finished", _flatten_screen_css, priority=700)  # after the cut
    app.add_css_file("onebyone-khmer.css")
    app.add_css_file("onebyone-khmer-subset.css")
    return core.PARALLEL_SAFE
