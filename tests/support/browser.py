"""The browser checks' common ground: a built site served on 127.0.0.1, its pages, and Debian's
Chromium launched so that it contacts no other host. The tests and the page-weight benchmark
both use it, so they load pages the same way.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Launched as the prints launch it, so that it contacts no other host (one list of flags).
from onebyone.outputs.pdf.chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402, F401

CHROMIUM_MISSING = "No Chromium found. Install it: sudo apt-get install chromium"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def answering(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 that answers with ``handler``, in a thread, for as long
    as the block runs. Yields its address, with no slash at the end."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve a built site on 127.0.0.1, as a host would: the privacy checks need a real origin,
    which a file:// page does not have. Yields the site's address, ending in a slash."""
    with answering(functools.partial(handler, directory=str(directory))) as address:
        yield address + "/"


def site_pages(html: Path) -> list[str]:
    """Every reader-facing page of a built site, as paths relative to its root."""
    return sorted(
        page.relative_to(html).as_posix()
        for page in html.rglob("*.html")
        if "_static" not in page.parts and page.name != "genindex.html"
    )
