"""The preview (``./nox -s serve``, ``onebyone.cli.serve``) starts, serves the pages and shows a
saved change; what it keeps between builds to be quick (the formatted sources, the cut
stylesheets and fonts) is made again whenever what it was made from changes."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

from onebyone import core

from conftest import ROOT, VALID_FRONT_MATTER, add_extensions, build_or_fail


def serve_command() -> list[str]:
    """The command noxfile.py's serve session runs, up to the folders it watches and serves."""
    session = (ROOT / "noxfile.py").read_text("utf-8").split("def serve(")[1].split("@nox")[0]
    run = session.split("session.run(")[1].split('"--watch"')[0]
    words = re.findall(r'"([^"]+)"', run)
    assert words[:3] == ["python", "-m", "onebyone.cli.serve"], words
    return [sys.executable, *words[1:]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(address: str) -> str | None:
    try:
        with urllib.request.urlopen(address, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float = 180) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_preview_serves_the_pages_and_shows_saved_changes(scratch_project, tmp_path):
    source = scratch_project({"story": VALID_FRONT_MATTER + "\n# Story\n\nThe first words.\n"})
    port = free_port()
    code = tmp_path / "code"  # stands for tools/, which the preview watches
    code.mkdir()
    command = [*serve_command(), "--port", str(port), "--watch", str(code)]
    command += [str(source), str(tmp_path / "serve")]
    preview = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}/story.html"
    try:
        assert wait_for(lambda: "The first words." in (page(address) or "")), "no first page"
        # The page reloads itself after each build (sphinx-autobuild's script).
        assert "websocket-reload" in page(address)
        story = source / "story.md"
        story.write_text(story.read_text("utf-8").replace("first", "saved"), "utf-8")
        assert wait_for(lambda: "The saved words." in (page(address) or "")), "no change shown"
        # Python code saved: the preview starts again (so that it runs the new code), and
        # goes on showing changes.
        (code / "extension.py").write_text("VALUE = 1\n", "utf-8")
        time.sleep(2)
        story.write_text(story.read_text("utf-8").replace("saved", "third"), "utf-8")
        assert wait_for(lambda: "The third words." in (page(address) or "")), "not after restart"
    finally:
        os.killpg(preview.pid, signal.SIGTERM)
        output = preview.communicate(timeout=60)[0]
    assert "Rebuilding" in output, output
    assert "Python code changed: restarting the preview" in output, output


BIB = """\
@misc{known-2024-source,
  author = {{Known Organisation}},
  title = {%s},
  year = {2024},
  url = {https://example.org/known},
}
"""


def test_a_changed_source_shows_in_the_next_build(scratch_project, tmp_path):
    """The formatted sources are kept between builds (onebyone.content.bibtex), never stale."""
    cited = VALID_FRONT_MATTER + "\n# Claims\n\nA figure {cite:p}`known-2024-source`.\n"
    listed = VALID_FRONT_MATTER + "\n# Sources\n\n```{bibliography}\n```\n"
    source = scratch_project({"claims": cited, "sources": listed}, bib=BIB % "The first title")
    add_extensions(source, "onebyone.content.bibtex")
    html = tmp_path / "html"
    sources = html / "sources.html"
    build_or_fail(source, html, "html")
    assert "The first title" in sources.read_text("utf-8")
    (source / "references.bib").write_text(BIB % "The second title", "utf-8")
    build_or_fail(source, html, "html")
    assert "The second title" in sources.read_text("utf-8")
    assert "The first title" not in sources.read_text("utf-8")
    # A page's change alone: the kept sources are shown again, the same.
    (source / "claims.md").write_text(cited + "\nOne more line.\n", "utf-8")
    build_or_fail(source, html, "html")
    assert "The second title" in sources.read_text("utf-8")
    assert "The second title" in (html / "claims.html").read_text("utf-8")


def test_a_kept_result_is_made_again_when_its_inputs_change(tmp_path: Path):
    app = SimpleNamespace(doctreedir=tmp_path)
    made = []

    def make(text: str):
        return lambda: made.append(text) or text.encode()

    assert core.kept(app, "cut.css", ["a", b"b"], make("one")) == b"one"
    assert core.kept(app, "cut.css", ["a", b"b"], make("two")) == b"one"  # kept
    assert core.kept(app, "cut.css", ["a", b"c"], make("three")) == b"three"  # an input changed
    assert core.kept(app, "cut.css", ["ab", b""], make("four")) == b"four"  # not the same inputs
    assert made == ["one", "three", "four"]
