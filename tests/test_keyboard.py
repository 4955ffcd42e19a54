"""Keyboard use, in Chromium on a phone and a desktop: Tab reaches every visible control, in
turn, each shows where focus is, and focus moves on through the page and out again (no trap)."""

from __future__ import annotations

import pytest

PAGES = ["index.html", "recognise/what-to-do.html", "get-help/index.html", "search.html"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# A control may draw its focus ring, or its visible box, on a child: the sidebar's expand
# buttons (<summary>) ring the chevron inside them.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parts = [el, ...el.querySelectorAll("*")];
    const ring = parts.some((part) => {
        const style = getComputedStyle(part);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || (style.boxShadow !== "none" && !style.boxShadow.includes(" 0px 0px 0px 0px"));
    });
    const seen = parts.some((part) => {
        const box = part.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
    });
    const box = el.getBoundingClientRect();
    const id = el.tagName + "|" + (el.getAttribute("href") || "") + "|"
        + (el.textContent || "").trim().slice(0, 40) + "|" + box.x + "," + box.y;
    return {id, ring, seen};
}"""

CONTROLS = """() => [...document.querySelectorAll(
        "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
    .filter((el) => {
        // checkVisibility also hides what sits in a closed <details> (a folded sidebar part).
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0
            && el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})
            && !el.closest("[inert], [aria-hidden='true']") && !el.disabled
            && el.tabIndex >= 0;
    }).length"""


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_every_control_visibly_and_moves_on(
    browser, handbook_site: str, path: str, size: str
):
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    page.goto(handbook_site + path)
    controls = page.evaluate(CONTROLS)
    seen: list[str] = []
    for _ in range(controls + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # focus left the page's last control: the sequence is complete
            break
        assert focused["seen"], f"{path}: focus went to something not shown: {focused['id']}"
        assert focused["ring"], f"{path}: no visible focus indicator on {focused['id']}"
        if seen and focused["id"] == seen[0]:
            break  # back at the start
        seen.append(focused["id"])
    else:
        pytest.fail(f"{path}: focus never left the page after {controls + 20} presses (a trap?)")
    assert len(set(seen)) >= controls, f"{path}: Tab reached {len(set(seen))} of {controls}"
    context.close()
