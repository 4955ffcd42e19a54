"""Small valid projects that use every check of the handbook: the bad-input matrix starts from
one (``tests/test_bad_input.py``), and the build processes of the test run are warmed up on one
(``support.sphinxrun``)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
HANDBOOK = ROOT / "handbook"
SITES = ROOT / "tests" / "sites"
TODAY = date.today()

VALID_FRONT_MATTER = """\
---
description: A short page used by a test to check how the build treats its content.
audience: [everyone]
reviewed: 2026-11-24
review-due: 2027-11-24
---
"""

PROSE = (
    "This page helps a parent notice when a child may be at risk. It says what to look for "
    "and who to call. Signs only mean something in context, so talk to someone who knows the "
    "child well. If you are worried, tell the safeguarding lead at school {cite:p}"
    "`known-2024-source`. You do not need to be sure before you ask for help.\n"
)


def matrix_project(root: Path) -> Path:
    """The project in tests/sites/matrix (the whole bundle, as the handbook loads it) with the
    handbook's word lists and deny-list; the caller adds pages and helpline data."""
    source = root / "source"
    shutil.copytree(SITES / "matrix", source)
    (source / "_data").mkdir()
    for data in ("terminology.yaml", "spelling-allow.txt", "source-denylist.yaml"):
        shutil.copy(HANDBOOK / "_data" / data, source / "_data" / data)
    return source


def helplines(checked: date = TODAY - timedelta(days=10), number: str = "0800 1111") -> str:
    service = {
        "id": "childline",
        "name": "Childline",
        "purposes": ["general"],
        "phones": [
            {
                "number": number,
                "source_quote": "Children can call Childline any time on 0800 1111",
                "quoted": TODAY - timedelta(days=10),
            }
        ],
        "hours": "any time",
        "users": ["children"],
        "source": "https://www.nspcc.org.uk/what-is-child-abuse/",
        "source_kind": "official",
        "cite": ["known-2024-source"],
        "checked": checked,
        "status": "checked",
    }
    return yaml.safe_dump(
        {"regions": [{"id": "GB", "name": "the United Kingdom", "services": [service]}]},
        sort_keys=False,
    )


def page(title: str, body: str = PROSE, front_matter: str = VALID_FRONT_MATTER) -> str:
    return f"{front_matter}\n# {title}\n\n{body}"


def valid_project(root: Path) -> Path:
    """A small, valid project using every check of the handbook: a start page, a page, the
    references and one country's helplines."""
    source = matrix_project(root)
    (source / "_data" / "helplines.yaml").write_text(helplines())
    toctree = "\n```{toctree}\n:hidden:\n\npage\nreferences\n```\n"
    (source / "references.md").write_text(page("References", PROSE + "\n```{bibliography}\n```\n"))
    (source / "index.md").write_text(page("Start", PROSE + toctree))
    (source / "page.md").write_text(page("A page"))
    return source
