"""Search answers readers' questions: for each question in ``search-questions.yaml``, one of its
expected pages is among the first three results of the site's search page, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

pytestmark = pytest.mark.browser

HANDBOOK = Path(__file__).parent.parent / "handbook"
QUESTIONS = yaml.safe_load((Path(__file__).parent / "search-questions.yaml").read_text("utf-8"))[
    "questions"
]
FINISHED = """() => {
  const summary = document.querySelector('#search-results .search-summary');
  return summary && /found|did not match/i.test(summary.textContent);
}"""


# What the search page does with the question in its address (Sphinx's Search.init), on the
# page already open, with the question put in its address as a search would: the index is
# read once for all the questions, not once for each.
ASK = """(question) => {
  history.replaceState(null, '', '?q=' + encodeURIComponent(question));
  document.getElementById('search-results').replaceChildren();
  Search.performSearch(question);
}"""


@pytest.fixture(scope="module")
def search_page(browser, handbook_site: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{handbook_site}search.html")

    def top(question: str, count: int = 3) -> list[str]:
        page.evaluate(ASK, question)
        page.wait_for_function(FINISHED, timeout=15000)
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search > li > a", "links => links.map(a => a.href)"
        )
        pages = [re.sub(r"\.html$", "", urlsplit(h).path.removeprefix("/")) for h in hrefs]
        return pages[:count]

    yield top
    context.close()


def test_there_are_at_least_30_questions_each_with_pages_that_exist():
    assert len(QUESTIONS) >= 30
    for item in QUESTIONS:
        for page in item["expect"]:
            assert (HANDBOOK / f"{page}.md").exists(), f"{item['q']}: no page {page}"


@pytest.mark.parametrize("item", QUESTIONS, ids=[item["q"] for item in QUESTIONS])
def test_the_answer_is_in_the_top_three(search_page, item):
    if item.get("known_miss"):
        pytest.xfail("a known miss, noted in search-questions.yaml")
    top = search_page(item["q"])
    assert set(top) & set(item["expect"]), f"{item['q']!r}: top three were {top}"


def test_snippets_are_page_text_not_buttons(search_page, browser, handbook_site: str):
    search_page("what to do")  # leaves the page showing results
    context = browser.contexts[-1]
    page = context.pages[-1]
    page.wait_for_timeout(1500)  # snippets load after the titles
    snippets = " ".join(
        page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
    )
    assert snippets.strip(), "no snippets"
    for chrome in ("Same as my device", "System Settings", "Menu", "On this page", "Sources"):
        assert chrome not in snippets
    languages = yaml.safe_load((HANDBOOK / "_data" / "languages.yaml").read_text("utf-8"))
    for language in languages["languages"]:  # the language switcher's names
        assert language["name"] not in snippets


def test_a_broad_search_fetches_only_the_first_results_pages(browser, handbook_site: str):
    """Sphinx fetches a result's whole page to cut its snippet; only the first few may."""
    scorer = (Path(__file__).parent.parent / "tools/onebyone/site/static").joinpath(
        "onebyone-search-scorer.js"
    )
    limit = int(re.search(r"var SNIPPETS = (\d+);", scorer.read_text("utf-8")).group(1))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    fetched: list[str] = []
    page.on(
        "request",
        lambda r: fetched.append(r.url) if r.resource_type == "fetch" else None,
    )
    page.goto(f"{handbook_site}search.html?q={quote('what to do')}")
    page.wait_for_function(FINISHED, timeout=15000)
    page.wait_for_timeout(1500)
    results = page.locator("#search-results ul.search > li")
    assert results.count() > limit, "the test needs a question with many results"
    assert 0 < len(fetched) <= limit, fetched
    assert page.locator("#search-results ul.search > li").first.locator("p.context").is_visible()
    context.close()
