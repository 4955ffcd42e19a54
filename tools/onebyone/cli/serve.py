"""``python -m onebyone.cli.serve [sphinx-autobuild's options] SOURCE OUTPUT [Sphinx's options]``:
sphinx-autobuild (its options, its server, its watcher and its page reload), with each rebuild
started warm.

sphinx-autobuild runs ``python -m sphinx build`` as a new process on every save, and a new
Python process spends about 3 seconds importing Sphinx, the themes and our extensions before
it reads a page. Here every build, the first one too, runs in a child forked from a process
that has already imported them: Python's own fork server (``multiprocessing``'s "forkserver",
as ``tests/support/sphinxrun.py`` runs the tests' builds). Each build is still a new process,
which ends when the build ends, so nothing is kept from one build to the next but what Sphinx
itself keeps in the output folder. sphinx-autobuild builds each change in a new process pool
from the server's process, which a fork server cannot serve, so the watcher waits for the build
in a thread instead (the build runs in its own process either way).

A saved ``.py`` file (a change to our extensions, in ``tools/``, which the preview watches)
restarts the whole preview, so that no build runs code older than the files.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import watchfiles
from sphinx_autobuild import __main__ as autobuild
from sphinx_autobuild.build import Builder
from sphinx_autobuild.server import RebuildServer
from sphinx_autobuild.utils import show_command, show_message

# Python has a fork server on Linux and macOS; elsewhere (Windows) the preview is
# sphinx-autobuild's own, a new Python for each build.
WARM = "forkserver" in multiprocessing.get_all_start_methods()
_context = multiprocessing.get_context("forkserver" if WARM else None)


def _build(arguments: list[str], environment: dict[str, str]) -> None:
    """In the warm child: ``python -m sphinx build ARGUMENTS``, with the caller's environment."""
    from sphinx.cmd.build import main

    os.environ.clear()
    os.environ.update(environment)
    # The platform's own way to start processes, as in a new Python (the fork server's child
    # would otherwise start them through the fork server too, slowly: sphinx-sitemap starts one).
    multiprocessing.set_start_method(None, force=True)
    sys.exit(main(["build", *arguments]))


def build(arguments: list[str]) -> int:
    """Build in a child of the fork server; return its exit code, as the command's would be."""
    process = _context.Process(target=_build, args=(arguments, dict(os.environ)))
    process.start()
    process.join()
    return process.exitcode if process.exitcode is not None else 1


# A save of a few files rebuilds a few pages, which one process writes sooner than two: Sphinx
# writes even one page in a second process when it may (-j), which costs more than it saves.
# The first build, and a change to many files at once (a branch checked out), keep -j.
FEW_FILES = 5
JOBS = re.compile(r"^(-j|--jobs)(=?\S+)?$")


def serial(arguments: list[str]) -> list[str]:
    """``arguments`` without Sphinx's -j N (or --jobs N, -jN, --jobs=N)."""
    kept: list[str] = []
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif match := JOBS.match(argument):
            skip = match.group(2) is None  # the number is the next argument
        else:
            kept.append(argument)
    return kept


def _restart() -> None:
    show_message("Python code changed: restarting the preview, so that it runs the new code")
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-m", "onebyone.cli.serve", *sys.argv[1:]])


class WarmBuilder(Builder):
    """sphinx-autobuild's Builder, with the build in a warm child instead of a new Python."""

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if any(path.suffix == ".py" and path.name != "conf.py" for path in changed_paths):
            _restart()
        if changed_paths:
            shown = [str(path) for path in changed_paths[:5] if path.exists()]
            if shown:
                show_message(f"Detected changes ({', '.join(shown)})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        arguments = list(self.sphinx_args)
        if 0 < len(changed_paths) <= FEW_FILES:
            arguments = serial(arguments)
        show_command(["python", "-m", "sphinx", "build", *arguments])
        code = build(arguments)
        if code:
            print(
                f"Sphinx exited with exit code: {code}\nThe preview still shows the last "
                "pages that built. Fix the problem above and save again, or press Ctrl+C to stop."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


class ThreadedRebuildServer(RebuildServer):
    """sphinx-autobuild's watcher, waiting for each build in a thread, not a new process pool."""

    async def watch(self) -> None:
        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path)
        ):
            changed_paths = [Path(path).resolve() for _, path in changes]
            await asyncio.to_thread(self.change_callback, changed_paths=changed_paths)
            self.flag.set()


def main(argv: Sequence[str] | None = None) -> None:
    if WARM:
        _context.set_forkserver_preload(["onebyone.cli.preload"])
        # sphinx-autobuild's own command line, server and watcher, with the two parts above.
        autobuild.Builder = WarmBuilder
        autobuild.RebuildServer = ThreadedRebuildServer
    autobuild.main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
