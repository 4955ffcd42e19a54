"""Accessibility, in Chromium: axe-core finds no WCAG 2.2 A or AA problem on any page, in light
and dark mode, on a phone and a desktop (the keyboard: ``test_keyboard.py``).

axe-core runs in the two walks of ``support.walks``, which open every page once for these
tests, the privacy tests and the reader tests: on the narrowest phone in light mode (how most
readers come) and on a desktop in dark mode. What the scheme changes (colours) does not depend
on the size, and what the size changes (layout, the phone menu, tap targets) does not depend on
the scheme."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("walk", ["phone_walk", "desktop_walk"])
def test_no_page_has_an_accessibility_problem(request, walk: str):
    found = request.getfixturevalue(walk)
    scheme = "light" if walk == "phone_walk" else "dark"
    assert len(found["pages"]) >= 50
    failures = {}
    for path, measured in found["pages"].items():
        # The theme follows the device's colour scheme until the reader chooses.
        assert measured["theme"] == scheme, path
        if measured["axe"]:
            failures[path] = measured["axe"]
    assert not failures, "\n".join(f"{path}: {p}" for path, ps in failures.items() for p in ps)
