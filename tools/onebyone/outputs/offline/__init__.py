"""The offline bundle: the whole website in one zip, for a USB stick and a room with no internet.

The bundle is the built site as it is deployed (``build/html``: English, each language's
folder, the PDFs and the ePub copied beside it), so no single Sphinx build sees all of it. It
is therefore made after them all, by ``nox -s build``, with::

    python -m onebyone.outputs.offline build/html build/offline/one-by-one-offline.zip

Unzipped anywhere and opened from ``file://`` (no server), everything works: the pages link
to each other by relative addresses, load nothing from another site (``onebyone.site.privacy``)
and the quick exit is a plain link with a script beside it; the copy's pages drop their
``rel="canonical"`` address on the website, and their link to the bundle leads to the
website's copy. A ``README.txt`` at the top of the
zip tells a facilitator to open ``index.html``. Sphinx's search works from ``file://`` too: its
index is a script, not a download (``tests/test_offline.py`` checks all of this in Chromium).

The ``{offline-copies}`` directive (this module's Sphinx part) lists the ePub and the bundle on
a page, each with a place for its size; ``fill_sizes`` writes the sizes in once the files exist.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.languages import is_source

# Where the downloads sit in the built site, beside the pages (as deployed).
DOWNLOADS = "downloads"
BUNDLE_NAME = "one-by-one-offline.zip"
README = "README.txt"
# The bundle itself is not in the bundle; nor are hidden files and folders (Sphinx's
# bookkeeping: .buildinfo, and .doctrees when the site was built without -d).
LEFT_OUT = (f"{DOWNLOADS}/{BUNDLE_NAME}",)
SIZE_SPAN = re.compile(
    r'(<a\b[^>]*\bhref="(?P<href>[^"#]+)"[^>]*>(?:(?!</a>).)*</a>\s*'
    r'<span class="download-size">)[^<]*(</span>)',
    re.S,
)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
# The copy's pages name no address on the website as theirs: they are the page, offline. Nor
# the website's addresses of their translations (rel="alternate"): the language links in the
# page itself lead to the copy's own. Nor do they preload fonts (onebyone.site.pageweight):
# from file:// a preload is refused as a cross-origin request (an error in the console), while
# the stylesheets' own @font-face still loads the font.
CANONICAL_TAG = re.compile(
    r'\n?[ \t]*<link rel="(?:canonical|alternate)"(?: hreflang="[^"]*")? href="[^"]*"\s*/?>'
    r'|\n?[ \t]*<link rel="preload" href="[^"]*" as="font" type="font/woff2" crossorigin\s*/?>'
)
# The bundle is not inside itself: in the copy, its link leads to the website's.
BUNDLE_LINK = re.compile(r'href="(?:\.\./)*' + re.escape(f"{DOWNLOADS}/{BUNDLE_NAME}") + '"')

README_TEXT = """\
One by One: the handbook on child trafficking, to use without the internet
============================================================================

To start, open index.html (double-click it). It opens in your web browser.

- Every page, the help pages with their phone numbers, and the printable PDFs are in
  this folder. The pages work without the internet and load nothing from it.
- Search works too: it finds pages, but shows no text around the words it found.
  Links to other websites need the internet.
- Keep the whole folder together: the pages need the folders beside them.
- "Leave this page quickly" works here too.
- Numbers and advice change. This copy was made on {date}. The newest copy is online at
  {site}

If a child is in danger right now, call the emergency number of the country you are in.
"""


def human_size(size: int) -> str:
    """A file's size as a reader says it: 540 KB, 12.3 MB."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def fill_sizes(site: Path, pages: Iterable[Path] | None = None) -> int:
    """Write each listed file's size after its link (``{offline-copies}``); a file that is not
    there keeps an empty size. Safe to run again. Returns how many pages changed."""
    changed = 0
    for page in pages if pages is not None else site.rglob("*.html"):
        html = page.read_text("utf-8")
        if 'class="download-size"' not in html:
            continue

        def size(match: re.Match[str], page: Path = page) -> str:
            target = (page.parent / unquote(match["href"])).resolve()
            text = f" ({human_size(target.stat().st_size)})" if target.is_file() else ""
            return f"{match.group(1)}{text}{match.group(3)}"

        updated = SIZE_SPAN.sub(size, html)
        if updated != html:
            page.write_text(updated, "utf-8")
            changed += 1
    return changed


def online_address(site: Path) -> str:
    """The website's address, from the home page's canonical link."""
    match = CANONICAL.search((site / "index.html").read_text("utf-8"))
    return match[1] if match else ""


def bundle_files(site: Path) -> list[Path]:
    """Every file of the built site that goes in the bundle, in a stable order."""
    return sorted(
        path
        for path in site.rglob("*")
        if path.is_file()
        and path.relative_to(site).as_posix() not in LEFT_OUT
        and not any(part.startswith(".") for part in path.relative_to(site).parts)
    )


def make_bundle(site: Path, out: Path, date: str) -> Path:
    """Zip the built site into ``out``, with a README at the top; copy it into the site's
    downloads folder; and write the sizes of the ePub and the bundle on the pages."""
    site, out = Path(site), Path(out)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(
            f"{site}: no index.html. Fix: build the site first (nox -s build builds it)."
        )
    fill_sizes(site)  # the ePub's size; the bundle's own is not known yet
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    online = online_address(site)
    website = online.rsplit("/", 1)[0] + "/" if online else ""
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
        bundle.writestr(README, README_TEXT.format(date=date, site=online))
        for path in bundle_files(site):
            name = path.relative_to(site).as_posix()
            if path.suffix == ".html":
                html = CANONICAL_TAG.sub("", path.read_text("utf-8"))
                if website:
                    html = BUNDLE_LINK.sub(f'href="{website}{DOWNLOADS}/{BUNDLE_NAME}"', html)
                bundle.writestr(name, html)
            else:
                bundle.write(path, name)
    partial.replace(out)
    copy = site / DOWNLOADS / BUNDLE_NAME
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(out.read_bytes())
    fill_sizes(site)  # now with the bundle's size, for the website
    return out


class OfflineCopiesDirective(SphinxDirective):
    """The ePub and the offline bundle, as links with a place for their sizes."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # The downloads sit at the site's root; a language's pages are one folder down.
        up = "../" * (self.env.docname.count("/") + (not is_source(self.config.language)))
        epub = f"{up}{DOWNLOADS}/{self.config.epub_basename}.epub"
        items = nodes.bullet_list(classes=["offline-copies"])
        for href, label, note in (
            (
                f"{up}{DOWNLOADS}/{BUNDLE_NAME}",
                "The whole handbook for a USB stick (zip)",
                ": unzip it, then open index.html. It works with no internet, with the help "
                "pages, the quick exit and every PDF.",
            ),
            (
                epub,
                "The handbook as an e-book (ePub)",
                ": for an e-reader or a reading app. It has no quick exit.",
            ),
        ):
            line = nodes.paragraph()
            line += nodes.reference("", label, refuri=href)
            line += nodes.inline("", "", classes=["download-size"])
            line += nodes.Text(note)
            items += nodes.list_item("", line)
        return [items]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("offline-copies", OfflineCopiesDirective)
    return core.PARALLEL_SAFE
