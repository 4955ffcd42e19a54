"""The browser checks' common ground: a built site served on 127.0.0.1, its pages, and Debian's
Chromium launched so that it contacts no other host. The tests and the page-weight benchmark
both use it, so they load pages the same way.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Without these, Chromium calls Google's servers at start-up (there is no network in CI, and
# the handbook promises readers that nothing leaves the page); as root it needs no sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_MISSING = "No Chromium found. Install it: sudo apt-get install chromium"


def chromium_path() -> str | None:
    """Debian's Chromium (installed by .ci/run), or Chrome on a GitHub runner."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serve(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve a built site on 127.0.0.1, as a host would: the privacy checks need a real origin,
    which a file:// page does not have. Yields the site's address, ending in a slash."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(html: Path) -> list[str]:
    """Every reader-facing page of a built site, as paths relative to its root."""
    return sorted(
        page.relative_to(html).as_posix()
        for page in html.rglob("*.html")
        if "_static" not in page.parts and page.name != "genindex.html"
    )
