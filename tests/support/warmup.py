"""Imported once by the fork server of ``support.sphinxrun``, before any build: one small build
there imports every module a build needs and fills the caches of what is the same in every
build (codespell's word lists, the themes' parsed stylesheets, font subsets, pyphen's
patterns). Each build forked after it skips that work: about 0.8 s of processor time of the
2 s the bad-input matrix's project took, over some 100 builds in a test run.

A build that fails here only leaves the caches cold; the same build fails, visibly, in a test.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path


def warm_up() -> None:
    from sphinx.cmd.build import build_main

    from support.projects import valid_project

    quiet = io.StringIO()
    with (
        tempfile.TemporaryDirectory(prefix="onebyone-warm-up-") as folder,
        contextlib.redirect_stdout(quiet),
        contextlib.redirect_stderr(quiet),
    ):
        source = valid_project(Path(folder))
        build_main(["-q", "-b", "html", str(source), str(Path(folder) / "html")])


with contextlib.suppress(Exception):
    warm_up()
