"""Two walks through every page of the built handbook, as a reader on the narrowest phone
(320 px wide, light mode) and on a desktop (1280 px, dark mode), with the site's own
Content-Security-Policy in force. At each page they measure what several tests check: requests
to other hosts, browser errors and what the page stored (``test_privacy.py``) and what axe-core
finds (``test_accessibility.py``); on the phone also the citations' share of the visible text
and how wide the page draws with its text at 100 % and at 200 % (``test_reader.py``). Each page
is opened once per walk, where those tests opened it five times between them.
"""

from __future__ import annotations

import re
from pathlib import Path

from support.browser import site_pages
from support.reading import CITATION_SHARE

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_MISSING = "axe-core is missing. Install it with: npm ci  (nox -s tests does this)"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# What the scheme changes (colours) does not depend on the size, and what the size changes
# (layout, the phone menu, tap targets) does not depend on the scheme: two walks cover both.
WALKS = {
    "phone": {"viewport": {"width": 320, "height": 640}, "has_touch": True, "scheme": "light"},
    "desktop": {"viewport": {"width": 1280, "height": 800}, "has_touch": False, "scheme": "dark"},
}

# Rules axe gets wrong on these pages, each with the reason. Keep this list short and true.
KNOWN_FALSE_POSITIVES: dict[str, str] = {}

STORAGE = """async () => ({
    cookies: document.cookie,
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
})"""


def with_axe(context) -> None:
    """axe-core in every page the context opens, sent to Chromium once rather than with each
    page (half the time the pages took when it was added to each). Chromium runs it as the
    page starts, whatever the page's Content-Security-Policy says."""
    context.add_init_script(path=str(AXE))


# The menu of the site's pages is the same on every page of a part (that part's pages open in
# it): axe checks it on the first page of each part and leaves it out on the others, where it
# took a third of axe's time on a desktop (the colour contrast of some 100 links) and a fifth
# on a phone, checking again what it had checked.
MENU = ".bd-sidebar-primary"


def axe_violations(page, menu: bool = True) -> list[str]:
    """What axe-core finds on the page (WCAG 2.2 A and AA), with or without the menu."""
    result = page.evaluate(
        """([tags, leave]) => axe.run(leave ? {exclude: [leave]} : document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        [WCAG_A_AA, None if menu else MENU],
    )
    problems = []
    for violation in result["violations"]:
        if violation["id"] in KNOWN_FALSE_POSITIVES:
            continue
        where = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        problems.append(f"{violation['id']} ({violation['help']}) at {where}")
    return problems


def refuse_other_hosts(context, site: str) -> list[str]:
    """Refuse, and record in the list returned, every request the context's pages make to
    anything but the site (and data: addresses), so that nothing leaves the machine. Only those
    requests come back to Python (a regular expression), not every request of every page."""
    elsewhere: list[str] = []

    def refuse(route) -> None:
        elsewhere.append(route.request.url)
        route.abort()

    context.route(re.compile(rf"^(?!{re.escape(site)}|data:)"), refuse)
    return elsewhere


def browser_errors(page) -> list[str]:
    """The list, kept up to date, of the errors the page writes in the browser console."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def walk(browser, html: Path, site: str, size: str) -> dict:
    """``{"pages": {path: what was measured}, "cookies": the context's cookies at the end}``,
    on the phone or the desktop (``WALKS``)."""
    how = WALKS[size]
    context = browser.new_context(
        viewport=how["viewport"],
        has_touch=how["has_touch"],
        color_scheme=how["scheme"],
        reduced_motion="reduce",
    )
    with_axe(context)
    elsewhere = refuse_other_hosts(context, site)
    page = context.new_page()
    errors = browser_errors(page)
    pages = {}
    parts_seen: set[str] = set()
    for path in site_pages(html):
        part = path.rpartition("/")[0]
        elsewhere.clear()
        errors.clear()
        page.goto(site + path, wait_until="load")
        page.wait_for_timeout(50)  # let the deferred theme scripts run
        found = {
            "elsewhere": list(elsewhere),
            "errors": list(errors),
            "storage": page.evaluate(STORAGE),
            "theme": page.evaluate("document.documentElement.dataset.theme"),
            "axe": axe_violations(page, menu=part not in parts_seen),
        }
        if size == "phone":
            article = page.locator("article.bd-article").count()
            found["citations"] = page.evaluate(CITATION_SHARE) if article else None
            found["widths"] = [page.evaluate("document.documentElement.scrollWidth")]
            page.add_style_tag(content="html { font-size: 200% !important; }")
            found["widths"].append(page.evaluate("document.documentElement.scrollWidth"))
        pages[path] = found
        parts_seen.add(part)
    cookies = context.cookies()
    context.close()
    return {"pages": pages, "cookies": cookies}
