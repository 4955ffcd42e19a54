"""Spelling: a common misspelling or a US spelling fails the build with its file, line and the
word to write; an allowed word, a marked name or code passes; the handbook passes; and the
codespell command agrees with the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from onebyone.checks.spelling import Allowed, check_text

from conftest import ROOT, VALID_FRONT_MATTER, add_extensions, build_fails, sphinx_build

MISSPELT = "recieve"  # codespell:ignore (the tests need a real misspelling)
ALLOW = "# Our test organisation's own name.\nGreat Center of Tests\n# A name.\nteh\n"


def with_spelling(source: Path, allow: str = ALLOW) -> Path:
    (source / "_data").mkdir(exist_ok=True)
    (source / "_data" / "spelling-allow.txt").write_text(allow)
    return add_extensions(source, "onebyone.checks.spelling")


def test_a_misspelling_fails_with_file_line_and_suggestion(scratch_project):
    page = VALID_FRONT_MATTER + f"\n# Page\n\nFirst line.\nYou will {MISSPELT} a reply.\n"
    stderr = build_fails(with_spelling(scratch_project({"page": page})))
    assert f"page.md:11: WARNING: '{MISSPELT}' looks misspelt: write 'receive'." in stderr
    assert "spelling-allow.txt" in stderr


def test_us_spellings_fail_with_the_uk_form(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Page\n\nWe organize a Color day at the center.\n"
    stderr = build_fails(with_spelling(scratch_project({"page": page})))
    for us, uk in (("organize", "organise"), ("Color", "Colour"), ("center", "centre")):
        assert f"page.md:10: WARNING: '{us}' is US spelling: write '{uk}'." in stderr
    assert "{formal-name}" in stderr


def test_allowed_words_marked_names_and_code_pass(scratch_project, tmp_path: Path):
    page = VALID_FRONT_MATTER + (
        "\n# Page\n\nThe Great Center of Tests helps. Teh is a name here.\n\n"  # codespell:ignore
        "The {formal-name}`World Health Organization` is a UN agency. Type `color` or see "
        f"<https://example.org/center>.\n\n```text\n{MISSPELT}\n```\n"
    )
    result = sphinx_build(with_spelling(scratch_project({"page": page})), tmp_path / "html")
    assert result.returncode == 0, result.stderr


def test_a_phrase_is_allowed_only_whole_and_us_forms_that_are_uk_too_pass():
    allowed = Allowed.parse(["# why", "Great Center of Tests"])
    assert check_text("The Great Center of Tests.", allowed) == []
    assert [p.word for _, p in check_text("A center.", allowed)] == ["center"]
    assert check_text("Good practice, a licence to license, a story, a meter.", allowed) == []
    assert [p.word for _, p in check_text("A well-organized day", allowed)] == ["organized"]
    assert check_text("the 2nd day, G7 and ctdc-nd-age", allowed) == []


def test_the_handbook_passes(handbook_html: Path):
    assert (handbook_html / "reference" / "words-we-use.html").exists()


def test_the_codespell_command_agrees():
    """The plain command (and the pre-commit hook) reads .codespellrc and finds nothing."""
    command = [sys.executable, "-m", "codespell_lib"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
