"""Review dates: a page long past its review date stops the build; every overdue page is
reported; the command for the weekly issue lists them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from conftest import ROOT, add_extensions, sphinx_build

DUE = date(2027, 3, 1)
PAGE = f"""\
---
description: A short page used by a test to check how the build treats its content.
audience: [everyone]
reviewed: 2026-03-01
review-due: {DUE.isoformat()}
---

# Old page

A page whose review date has passed.
"""


def project(scratch_project) -> Path:
    return add_extensions(scratch_project({"old": PAGE}), "onebyone.checks.freshness")


def build_on(source: Path, day: date) -> subprocess.CompletedProcess[str]:
    html = source.parent / "html"
    return sphinx_build(source, html, "html", "-D", f"onebyone_today={day.isoformat()}")


def test_a_page_overdue_by_more_than_90_days_stops_the_build_at_its_review_due_line(
    scratch_project,
):
    result = build_on(project(scratch_project), DUE + timedelta(days=91))
    assert result.returncode != 0
    assert (
        "old.md:5: WARNING: review-due: this page was due for review on 1 March 2027, "
        "91 days ago, more than the 90 days allowed. Fix: review the page"
    ) in result.stderr
    assert "set 'reviewed' to the date you finished and 'review-due'" in result.stderr


def test_a_page_overdue_by_10_days_passes_and_is_reported(scratch_project, tmp_path: Path):
    source = project(scratch_project)
    result = build_on(source, DUE + timedelta(days=10))
    assert result.returncode == 0, result.stderr
    assert "old.md:5: review was due on 1 March 2027, 10 days ago" in result.stdout
    report = (tmp_path / "reports" / "freshness.md").read_text("utf-8")
    assert "| old.md:5 | 2027-03-01 | 10 | not yet |" in report
    data = json.loads((tmp_path / "reports" / "freshness.json").read_text("utf-8"))
    assert data["pages"] == [
        {
            "page": "old.md",
            "line": 5,
            "reviewed": "2026-03-01",
            "review_due": "2027-03-01",
            "days_overdue": 10,
            "stops_the_build": False,
        }
    ]


def test_the_weekly_command_lists_due_pages_and_says_when_nothing_is_due(scratch_project):
    source = project(scratch_project)

    def listing(day: date) -> str:
        command = [
            sys.executable,
            "-m",
            "onebyone.cli.freshness",
            str(source),
            "--today",
            str(day),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        return result.stdout

    overdue = listing(DUE + timedelta(days=91))
    assert overdue.startswith("# Pages due for review")
    assert f"| {source / 'old.md'}:5 | 2027-03-01 | 91 | **yes** |" in overdue
    soon = listing(DUE - timedelta(days=7))
    assert "## Due in the next 30 days" in soon and "| 2027-03-01 | 7 |" in soon
    assert "Nothing is due for review." in listing(DUE - timedelta(days=100))
