"""``python -m onebyone.cli.freshness handbook``: the pages due for review, as Markdown, without
building (for the weekly "Pages due for review" issue). It always exits 0."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from onebyone.checks.freshness import Due, to_markdown
from onebyone.data.pages import check_front_matter


def scan(source: Path, today: date) -> list[Due]:
    """Every page under ``source`` with valid review dates (others fail the build anyway)."""
    pages = []
    for path in sorted(source.rglob("*.md")):
        if any(part.startswith(("_", ".")) for part in path.relative_to(source).parts):
            continue
        text = path.read_text("utf-8")
        meta, lines, _ = check_front_matter(text)
        if meta is None:
            continue
        line = lines.get("review-due", 1)
        pages.append(Due(str(path), line, meta.reviewed, meta.review_due, today))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m onebyone.cli.freshness",
        description="List the pages that are past, or close to, their review date, as Markdown.",
    )
    parser.add_argument("source", type=Path, help="the handbook's source folder")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--grace", type=int, default=90, help="days overdue that stop the build")
    parser.add_argument("--soon", type=int, default=30, help="also list pages due within this")
    args = parser.parse_args(argv)
    pages = scan(args.source, args.today)
    sys.stdout.write(to_markdown(pages, args.today, args.grace, args.soon))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
