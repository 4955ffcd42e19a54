"""Tests let content grow: the three valid contributions a trial contributor made (a new page in
Recognise, a new country in the helpline data, a 15-minute activity with its module's duration
updated) keep the content tests green.

Each test copies the handbook, makes the change as the contributor guide describes it, and runs
the content tests that read that part of the handbook against the copy, in a child pytest.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import HANDBOOK, ROOT, VALID_FRONT_MATTER

NEW_PAGE = (
    VALID_FRONT_MATTER
    + """
# Signs in sport

:::{key-points}
- A coach or club adult who singles a child out is worth noticing.
- Signs are not proof. Write down what you saw and talk to the safeguarding lead.
- If a child is in immediate danger, call the emergency number.
:::

Most adults in sport keep children safe. This page helps you notice when something is wrong.
"""
)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    handbook = tmp_path / "handbook"
    shutil.copytree(HANDBOOK, handbook, ignore=shutil.ignore_patterns("_build"))
    return handbook


def content_tests(handbook: Path, *selection: str) -> subprocess.CompletedProcess[str]:
    """Run the named content tests against ``handbook`` (no build: the checks on the data and
    the toctrees that a valid change must keep green)."""
    env = {**os.environ, "ONEBYONE_HANDBOOK": str(handbook)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *selection]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def passes(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_a_new_page_in_recognise_keeps_the_tests_green(copy: Path):
    part = copy / "recognise"
    (part / "signs-in-sport.md").write_text(NEW_PAGE, encoding="utf-8")
    index = (part / "index.md").read_text("utf-8")
    # As docs/pages.md says: add the page to the toctree, and to the part's list of pages.
    toctree = re.search(r"```\{toctree\}\n(?::[^\n]*\n)*\n?(.*?)```", index, re.S)
    index = index[: toctree.end(1)] + "signs-in-sport\n" + index[toctree.end(1) :]
    index += "\n- [Signs in sport](signs-in-sport.md)\n"
    (part / "index.md").write_text(index, encoding="utf-8")
    passes(content_tests(copy, "tests/test_recognise.py", "-k", "landing_page or signs_rule"))


def test_a_new_country_keeps_the_tests_green(copy: Path):
    path = copy / "_data" / "helplines.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    # A country the data does not have yet (each uses 112 for emergencies).
    taken = {region["id"] for region in data["regions"]}
    new_id, new_name = next(
        (code, name)
        for code, name in (("LU", "Luxembourg"), ("MT", "Malta"), ("IS", "Iceland"))
        if code not in taken
    )
    data["regions"].insert(
        -1,
        {
            "id": new_id,
            "name": new_name,
            "services": [
                {
                    "id": "emergency",
                    "name": "Emergency services",
                    "purposes": ["emergency"],
                    "phones": [
                        {
                            "number": "112",
                            "source_quote": "In an emergency, call 112 from any phone.",
                            "quoted": date.today(),
                        }
                    ],
                    "hours": "24 hours",
                    "users": ["everyone"],
                    "source": "https://www.112.es/",
                    "source_kind": "official",
                    "cite": ["nspcc-nd-leaflets"],
                    "checked": date.today(),
                    "status": "checked",
                }
            ],
        },
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    passes(content_tests(copy, "tests/test_helplines.py", "-k", "real_data"))


def test_a_new_activity_keeps_the_tests_green(copy: Path):
    path = sorted((copy / "workshops").glob("*/module.yaml"))[0]
    module = yaml.safe_load(path.read_text("utf-8"))
    module["activities"].insert(
        -1,
        {
            "id": "local-help",
            "title": "Who can help near you",
            "minutes": 15,
            "method": "Small groups",
        },
    )
    module["duration"] += 15
    path.write_text(yaml.safe_dump(module, sort_keys=False, allow_unicode=True), encoding="utf-8")
    passes(content_tests(copy, "tests/test_workshops.py", "-k", "minutes or bad_module"))
