"""Reprint only what changed: a print's digest, stored beside its PDF.

The digest covers everything that can change a PDF: the HTML document (already holding its
pages, data and template), every local file it loads (the stylesheet, the fonts and images
that loads), the paper and the engine. It is kept as ``<name>.pdf.sha256``; a print whose
digest is unchanged is not printed again. A print that had problems gets no stamp, so the next
build prints it again and reports them again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

# src="...", <link ... href="...">, and CSS's url(...).
LOADED = re.compile(r'\bsrc="([^"#]+)"|<link\b[^>]*?\bhref="([^"#]+)"|url\("?([^")]+)"?\)')


def digest(html_path: Path, document: str, engine: str) -> str:
    sha = hashlib.sha256(f"{engine}\n".encode())
    sha.update(document.encode())
    for path in sorted(local_files(html_path.parent, document)):
        sha.update(f"\n{path}\n".encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def local_files(base: Path, text: str, seen: set[Path] | None = None) -> set[Path]:
    """Every local file a document or stylesheet loads (images, stylesheets, fonts), and what
    those stylesheets load. Links (``<a href>``) are not loaded: the book links to the other
    prints, which must not make it print again whenever one of them changes."""
    seen = set() if seen is None else seen
    for source, link, url in re.findall(LOADED, text):
        ref = source or link or url
        if re.match(r"^[a-z]+:", ref) and not ref.startswith("file:"):
            continue  # data:, tel:, https: ... nothing on disk
        path = Path(unquote(urlparse(ref).path)) if ref.startswith("file:") else base / ref
        path = path.resolve()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        if path.suffix == ".css":
            local_files(path.parent, path.read_text("utf-8"), seen)
    return seen


def stamp_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.name + ".sha256")


def is_current(pdf: Path, digest_: str) -> bool:
    stamp = stamp_path(pdf)
    return pdf.is_file() and stamp.is_file() and stamp.read_text().strip() == digest_


def stamp(pdf: Path, digest_: str) -> None:
    stamp_path(pdf).write_text(digest_ + "\n")
