"""The README's two commands work on a fresh clone with no nox installed, and CI runs them.

The commands are read from the README, not typed here. The slow test clones the repository
into a scratch folder, hides every `nox` on PATH, and runs each README command's launcher with
`--version` and `--list` instead of `-s build` / `-s tests`: that proves the set-up (a new
.venv with nox from PyPI) and that both sessions exist, in about 15 seconds. It does not run a
full build or the test suite, which would take minutes and which CI runs anyway.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def readme_commands() -> dict[str, str]:
    """The commands in the README's console blocks that run a nox session, by session."""
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    return {
        match.group(1): command
        for command in commands
        if (match := re.search(r"nox -s (\w+)$", command))
    }


def test_the_readme_gives_a_build_and_a_test_command() -> None:
    commands = readme_commands()
    assert "build" in commands and "tests" in commands, commands


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    last = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert last.strip() == readme_commands()["tests"]


def path_without_nox() -> str:
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(f for f in folders if f and not (Path(f) / "nox").exists())


@pytest.mark.slow
def test_the_readme_commands_set_themselves_up_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "handbook"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "PATH": path_without_nox()}
    env.pop("VIRTUAL_ENV", None)
    assert shutil.which("nox", path=env["PATH"]) is None
    for session, command in readme_commands().items():
        launcher = shlex.split(command)[: shlex.split(command).index("-s")]
        for probe in (["--version"], ["--list"]):
            result = subprocess.run(
                [*launcher, *probe],
                cwd=clone,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            shown = result.stdout + result.stderr
            assert result.returncode == 0, f"{command} ({probe}) failed:\n{shown}"
        assert f"{session} ->" in shown, shown
    assert (clone / ".venv" / "bin" / "nox").exists()
