"""Run a Sphinx build as ``python -m sphinx`` does, but in a process forked from one that has
already imported Sphinx, the themes and ``onebyone``: each of the suite's ~70 small builds then
starts in a few milliseconds instead of a second of imports, with the same isolation as a child
process (a new process per build, nothing shared after it ends)."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import subprocess
import sys
import traceback
from pathlib import Path

# Imported once, in the fork server, before any build: what the preview's fork server imports
# (``onebyone.cli.preload``: Sphinx, the themes, every module of ours), then a small build,
# which fills the caches every build shares (``support.warmup``).
PRELOAD = ["onebyone.cli.preload", "support.warmup"]

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)
TESTS = str(Path(__file__).resolve().parent.parent)


def _start_fork_server() -> None:
    """Start the fork server (once) with tests/ on its path, so that it can import
    ``support.warmup``: Python 3.11's fork server does not take the caller's ``sys.path``, and
    a preload it cannot import is skipped without a word."""
    from multiprocessing import forkserver

    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(path for path in (TESTS, saved) if path)
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved


def _build(arguments: list[str], environment: dict[str, str], answer) -> None:
    from sphinx.cmd.build import build_main

    os.environ.clear()  # the caller's environment now, not the fork server's at its start
    os.environ.update(environment)
    # The platform's own way to start processes, as in a new Python (the fork server's child
    # would otherwise start them through the fork server too, slowly: sphinx-sitemap starts one).
    multiprocessing.set_start_method(None, force=True)

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = build_main(arguments)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:  # as the interpreter would: the trace on stderr, exit code 1
            traceback.print_exc()
            code = 1
    answer.send((code, out.getvalue(), err.getvalue()))
    answer.close()


def run(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx ARGUMENTS``, with what it printed, as ``subprocess.run`` returns it."""
    _start_fork_server()
    receive, send = _context.Pipe(duplex=False)
    process = _context.Process(target=_build, args=(arguments, dict(os.environ), send))
    process.start()
    send.close()
    try:
        code, out, err = receive.recv()
    except EOFError:  # the process died before answering (a crash in C code, say)
        code, out, err = process.exitcode or 1, "", "the build process ended without an answer"
    process.join()
    command = [sys.executable, "-m", "sphinx", *arguments]
    return subprocess.CompletedProcess(command, code, out, err)
