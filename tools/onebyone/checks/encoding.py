"""A page that is not saved as UTF-8 fails with its file, line and fix, not a crash report.

Sphinx reads each page as UTF-8 and, at a byte it cannot read, stops with a crash report that
gives a byte offset and asks you to report a bug in Sphinx. Before the pages are read, this
check tries each one; for a byte that is not UTF-8 it names the file, the line and the text
before it, and says how to fix it. The pages are then read with such a byte shown as "�", so
the build goes on, lists every other problem, and fails at the end. (Data files get the same
message from ``core.read_text``.)
"""

from __future__ import annotations

import codecs
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.core import Problem, Warnings

# Sphinx's own reading (UTF-8, with or without a byte-order mark), except that a byte it cannot
# read becomes "�" instead of an exception. Used only in a build that has reported one.
CODEC = "onebyone-utf-8"
_UTF8 = codecs.lookup("utf-8-sig")


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    return codecs.CodecInfo(
        name=CODEC,
        encode=_UTF8.encode,
        decode=lambda data, errors="strict": _UTF8.decode(data, "replace"),
        incrementalencoder=_UTF8.incrementalencoder,
        incrementaldecoder=lambda errors="strict": _UTF8.incrementaldecoder("replace"),
        streamreader=_UTF8.streamreader,
        streamwriter=_UTF8.streamwriter,
    )


codecs.register(_find_codec)


def problem_in(data: bytes) -> Problem | None:
    """The first byte that is not UTF-8, as a problem at its line; or None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        before = data[start : error.start].decode("utf-8", "replace").strip()[-30:]
        where = f"after '{before}'" if before else "at the start of the line"
        return Problem(
            line,
            f"this page is not saved as UTF-8: the byte {data[error.start]:#04x} {where} is not "
            "a character in UTF-8 (often an accented letter or a curly quote from an old editor)",
            "save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8), then "
            "check that character and retype it if needed",
        )
    return None


def _check(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    found = False
    for docname in docnames:
        if problem := problem_in(Path(env.doc2path(docname)).read_bytes()):
            core.warn(Warnings.ENCODING, problem, location=(docname, problem.line))
            found = True
    # Read this build's pages with the replacing codec, so the build goes on to list every
    # other problem. Only reading changes; Sphinx sets the encoding again on the next build.
    if found and codecs.lookup(env.settings["input_encoding"]).name in ("utf-8", "utf-8-sig"):
        env.settings["input_encoding"] = CODEC


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("env-before-read-docs", _check)
    return core.PARALLEL_SAFE
