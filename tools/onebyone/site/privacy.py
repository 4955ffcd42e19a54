"""Privacy: pages that ask nothing of other sites and leave nothing behind.

Some readers are children at risk, or adults on a device someone else checks. So every page:

- carries a Content-Security-Policy that lets the page load only from its own site, with each
  inline script allowed by its SHA-256 hash (computed from the written page, so the policy
  always matches it), and ``Referrer-Policy: no-referrer``, so a site the reader goes on to
  (the quick exit's included) is not told where they came from;
- stores nothing in the browser on load: ``onebyone-privacy.js`` holds back the theme's
  writes to browser storage until the reader changes the colour setting themselves;
- loads nothing from another site: raw HTML or a picture that would, fails the build at its
  line, and so does anything in a written page (from a template or ``conf.py``).

GitHub Pages cannot send headers, so the policies travel as ``<meta>`` tags; ``docs/safety.md``
gives the same policy as headers for hosts that can.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import add_static_folder

logger = logging.getLogger(__name__)

# Everything from this site only. Inline styles are allowed: the theme writes style attributes,
# and a style cannot load anything from elsewhere while img-src and font-src are 'self'.
# data: images are the theme's CSS icons (Bootstrap draws some controls as data: SVGs).
POLICY = (
    "default-src 'self'; script-src 'self' {script_hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "frame-src 'none'; base-uri 'self'; form-action 'self'"
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
OUR_METAS = re.compile(
    r'\n?\s*<meta (?:http-equiv="Content-Security-Policy"|name="referrer")[^>]*>'
)
CHARSET_META = re.compile(r'<meta charset="utf-8"\s*/?>')
# The page's content: whatever a writer wrote. Its scripts are never hashed into the policy
# (checks.scripts refuses them at their line), so one that slipped through would not run.
ARTICLE = re.compile(r'<article class="bd-article".*?</article>', re.S)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Sphinx's translations.js builds its plural rule with `new Function`, which the policy
    # forbids. Its English catalogue maps every message to itself, so English pages skip it;
    # a translated build keeps it, and its policy then allows 'unsafe-eval'.
    if app.config.language.startswith("en") and "script_files" in context:
        context["script_files"] = [
            script
            for script in context["script_files"]
            if not str(getattr(script, "filename", script)).endswith("translations.js")
        ]


def content_security_policy(html: str) -> str:
    """The policy for one written page: 'self', plus the hash of each of the project's own
    inline scripts (from the templates and extensions), never of one in the article."""
    needs_eval = ["'unsafe-eval'"] if "translations.js" in html else []
    hashes = needs_eval + sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in INLINE_SCRIPT.findall(ARTICLE.sub("", html))
        }
    )
    return POLICY.format(script_hashes=" ".join(hashes)).replace("'self' ;", "'self';")


def add_policy(html: str) -> str:
    """Put the page's policies first in <head>, so they cover everything the page loads."""
    html = OUR_METAS.sub("", html)
    metas = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}" />'
        '\n    <meta name="referrer" content="no-referrer" />'
    )
    return CHARSET_META.sub(lambda match: f"{match.group(0)}\n    {metas}", html, count=1)


# Elements that make the browser fetch something as the page loads. (A plain link to another
# site is fine: nothing is fetched until the reader chooses to go there.)
REMOTE_LOAD = re.compile(
    r"<(script|img|iframe|frame|video|audio|source|track|embed|object|link"
    r"(?=[^>]*\brel=[\"']?(?:stylesheet|preload|modulepreload|icon|prefetch|manifest)))"
    r"\b[^>]*?\b(?:src|href|data|srcset|poster)=[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.I,
)
REMOTE_FIX = (
    "Fix: every page promises readers that it contacts no other website. Download the file "
    "into the handbook (with its licence) and use it from there, or remove it. To point "
    "readers to another site, use a plain link instead."
)


def _warn_remote(what: str, address: str, location) -> None:
    core.warn(
        core.Warnings.PRIVACY,
        core.Problem(
            0, f"{what} loads {address} from another website", REMOTE_FIX.removeprefix("Fix: ")
        ),
        location=location,
    )


def _find_remote_loads_in_source(app: Sphinx, doctree: nodes.document) -> None:
    """Raw HTML or a picture in a page that would make the reader's browser call another site."""
    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "").split():
            for tag, address in REMOTE_LOAD.findall(node.astext()):
                _warn_remote(f"a <{tag.lower()}> in this page", address, node)
    for image in doctree.findall(nodes.image):
        if re.match(r"(?:https?:)?//", image.get("uri", "")):
            _warn_remote("a picture", image["uri"], image)


def _write_policies(app: Sphinx, exception: Exception | None) -> None:
    # After writing, because a hash is only known once the page is. Every page is redone on
    # each build, so pages kept from an earlier build get the current policy too.
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text("utf-8")
        # Whatever put it there (a template, an extension, conf.py), a remote load fails.
        for tag, address in REMOTE_LOAD.findall(html):
            _warn_remote(f"a <{tag.lower()}> in the built page", address, str(page))
        updated = add_policy(html)
        if updated != html:
            page.write_text(updated, "utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", add_static_folder)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-read", _find_remote_loads_in_source)
    app.connect("build-finished", _write_policies)
    # Before the theme's scripts, which are deferred to the end of the page.
    app.add_js_file("onebyone-privacy.js", priority=100)
    return core.PARALLEL_SAFE
