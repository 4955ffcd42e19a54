"""Print where each question of tests/search-questions.yaml finds its expected page.

    python benchmarks/search_questions.py --html build/html [--before other/html]

Opens the site's search page in Debian's Chromium for each question and prints the rank of
the first expected page (1 is best; "-" means not in the results) and the top three.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use

from support import browser  # noqa: E402

FINISHED = """() => {
  const summary = document.querySelector('#search-results .search-summary');
  return summary && /found|did not match/i.test(summary.textContent);
}"""


def ranks(html: Path, questions: list[dict]) -> list[tuple[str, str, list[str]]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with browser.serve(html) as address, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=browser.chromium_path(), args=browser.CHROMIUM_ARGS
        )
        page = chromium.new_page()
        for item in questions:
            page.goto(f"{address}search.html?q={quote(item['q'])}")
            page.wait_for_function(FINISHED, timeout=15000)
            hrefs = page.eval_on_selector_all(
                "#search-results ul.search > li > a", "links => links.map(a => a.href)"
            )
            pages = [re.sub(r"\.html$", "", urlsplit(h).path.lstrip("/")) for h in hrefs]
            found = [i + 1 for i, p in enumerate(pages) if p in item["expect"]]
            rows.append((item["q"], str(found[0]) if found else "-", pages[:3]))
        chromium.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, required=True)
    parser.add_argument("--before", type=Path)
    args = parser.parse_args()
    questions = yaml.safe_load((ROOT / "tests" / "search-questions.yaml").read_text("utf-8"))
    after = ranks(args.html, questions["questions"])
    before = ranks(args.before, questions["questions"]) if args.before else None
    top3 = sum(1 for _q, rank, _top in after if rank != "-" and int(rank) <= 3)
    for index, (question, rank, top) in enumerate(after):
        was = f"  (before: {before[index][1]})" if before else ""
        print(f"{rank:>3}  {question:<45}{was}  top: {', '.join(top)}")
    print(f"\n{top3} of {len(after)} questions find an expected page in the top three.")
    if before:
        old = sum(1 for _q, rank, _t in before if rank != "-" and int(rank) <= 3)
        print(f"Before: {old} of {len(before)}.")


if __name__ == "__main__":
    main()
