"""Review dates: pages past their ``review-due`` date are listed, and a page long overdue stops
the build.

Every page's front matter has ``reviewed`` and ``review-due`` (checked by
:mod:`onebyone.frontmatter`). Every build, after reading, compares ``review-due`` with
today:

- overdue by more than ``onebyone_review_grace_days`` (90): a warning at the ``review-due``
  line, with the fix; the strict build turns it into a failure;
- overdue by fewer days: named in the build's log (not a warning), so the build still passes;
- due within ``onebyone_review_soon_days`` (30): listed in the report.

``freshness.md`` and ``freshness.json`` in the reports folder (see :mod:`onebyone.reports`)
list every page that is overdue or due soon, with the days. ``onebyone_today`` (an ISO date,
``-D onebyone_today=2028-03-01``) sets the day the build counts from, to see what will be due;
empty means today.

``python -m onebyone.cli.freshness handbook`` prints the same list as Markdown without building,
for the weekly "Pages due for review" issue; it always exits 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from onebyone import core, reports
from onebyone.data.pages import format_day

logger = logging.getLogger(__name__)

NOTHING_DUE = "Nothing is due for review."
FIX = (
    "Fix: review the page (check every fact, number and link against its sources and correct "
    "what has changed), then set 'reviewed' to the date you finished and 'review-due' to a "
    "date up to a year later (six months for pages with phone numbers)."
)


@dataclass(frozen=True)
class Due:
    """One page's review date, counted from a given day."""

    page: str  # the file, relative to the source folder
    line: int  # the line of 'review-due' in the file
    reviewed: date
    due: date
    today: date

    @property
    def days_overdue(self) -> int:
        """Days since the review was due; zero or less if it is not yet due."""
        return (self.today - self.due).days


def due_list(pages: list[Due], soon_days: int) -> list[Due]:
    """Pages overdue or due within ``soon_days``, the most overdue first."""
    chosen = [page for page in pages if page.days_overdue > -soon_days]
    return sorted(chosen, key=lambda page: (-page.days_overdue, page.page))


def to_markdown(pages: list[Due], today: date, grace_days: int, soon_days: int) -> str:
    chosen = due_list(pages, soon_days)
    overdue = [page for page in chosen if page.days_overdue > 0]
    soon = [page for page in chosen if page.days_overdue <= 0]
    lines = [
        "# Pages due for review",
        "",
        f"Counted on {format_day(today)}. A page more than {grace_days} days past its review "
        "date stops the build. To review a page, check every fact, number and link against its "
        "sources, then update 'reviewed' and 'review-due' in its front matter.",
        "",
    ]
    if not chosen:
        return "\n".join([*lines, NOTHING_DUE, ""])
    if overdue:
        lines += [
            "## Overdue",
            "",
            "| Page | Review was due | Days overdue | Stops the build |",
            "|---|---|---|---|",
            *(
                f"| {p.page}:{p.line} | {p.due.isoformat()} | {p.days_overdue} | "
                + ("**yes**" if p.days_overdue > grace_days else "not yet")
                + " |"
                for p in overdue
            ),
            "",
        ]
    if soon:
        lines += [
            f"## Due in the next {soon_days} days",
            "",
            "| Page | Review due | Days left |",
            "|---|---|---|",
            *(f"| {p.page}:{p.line} | {p.due.isoformat()} | {-p.days_overdue} |" for p in soon),
            "",
        ]
    return "\n".join(lines)


def to_json(pages: list[Due], today: date, grace_days: int, soon_days: int) -> dict:
    return {
        "today": today.isoformat(),
        "grace_days": grace_days,
        "soon_days": soon_days,
        "pages": [
            {
                "page": p.page,
                "line": p.line,
                "reviewed": p.reviewed.isoformat(),
                "review_due": p.due.isoformat(),
                "days_overdue": p.days_overdue,
                "stops_the_build": p.days_overdue > grace_days,
            }
            for p in due_list(pages, soon_days)
        ],
    }


# --- During the build --------------------------------------------------------------------------


def _today(app: Sphinx) -> date:
    chosen = app.config.onebyone_today
    return date.fromisoformat(chosen) if chosen else date.today()


def _pages(app: Sphinx) -> dict[str, Due]:
    """Each page's review date, by docname, from the front matter kept in the domain."""
    env, today = app.env, _today(app)
    pages = {}
    for docname, record in sorted(core.data(env).pages.items()):
        if docname not in env.found_docs:
            continue
        page = str(env.doc2path(docname, base=False))
        line = record.lines.get("review-due", 1)
        pages[docname] = Due(page, line, record.meta.reviewed, record.meta.review_due, today)
    return pages


def _check(app: Sphinx, env) -> None:
    grace = app.config.onebyone_review_grace_days
    for docname, page in _pages(app).items():
        if page.days_overdue <= 0:
            continue
        if page.days_overdue > grace:
            core.warn(
                core.Warnings.REVIEW_DUE,
                core.Problem(
                    page.line,
                    f"review-due: this page was due for review on {format_day(page.due)}, "
                    f"{page.days_overdue} days ago, more than the {grace} days allowed",
                    FIX.removeprefix("Fix: "),
                ),
                location=(docname, page.line),
            )
        else:
            logger.info(
                f"{page.page}:{page.line}: review was due on {format_day(page.due)}, "
                f"{page.days_overdue} days ago; the build stops after {grace} days"
            )


def _write_report(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in app.config.onebyone_review_report_builders:
        return
    pages, today = list(_pages(app).values()), _today(app)
    grace, soon = app.config.onebyone_review_grace_days, app.config.onebyone_review_soon_days
    written = reports.write_report(
        app,
        "freshness",
        to_markdown(pages, today, grace, soon),
        to_json(pages, today, grace, soon),
    )
    logger.info(f"review dates report: {written}")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.checks.frontmatter")
    app.setup_extension("onebyone.reports")
    app.add_config_value("onebyone_review_grace_days", 90, "", types=[int])
    app.add_config_value("onebyone_review_soon_days", 30, "", types=[int])
    app.add_config_value("onebyone_today", "", "", types=[str])
    app.add_config_value(
        "onebyone_review_report_builders", ["html", "dirhtml", "pdf"], "", types=[list]
    )
    # Every build, even one that reads no page again: dates pass while the files stay the same
    # (env-check-consistency runs only when a page was read).
    app.connect("env-updated", _check)
    app.connect("build-finished", _write_report)
    return core.PARALLEL_SAFE
