"""Plain-words fixes for Sphinx's own warnings.

Our checks say what to do; Sphinx's and its extensions' warnings often do not ("undefined
label: 'x'"). Most contributors are writers, not programmers, so this module adds a "Fix:"
to each warning it recognises, keeping the original message, file and line. It works as a
logging filter on Sphinx's warning output, so it changes what is printed, not what is checked.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

# (what the warning says, the fix to add). The first pattern that matches wins.
FIXES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"cross-reference target not found|undefined label|unknown document"),
        "Fix: check the link's spelling and path. Links to pages are relative to this page "
        "and end in .md, such as [Get help](../get-help/index.md); a link to a heading uses "
        "its label or its anchor, such as [Signs](signs-in-a-child.md#signs-at-home).",
    ),
    (
        re.compile(r"document isn't included in any toctree"),
        "Fix: readers cannot reach this page. Add its name to the toctree list in its part's "
        "index.md, or delete the page if it is not needed.",
    ),
    (
        re.compile(r"toctree contains reference to nonexisting document"),
        "Fix: the toctree lists a page that does not exist. Correct the name (no .md needed) "
        "or remove the line.",
    ),
    (
        re.compile(r"duplicate label|Duplicate explicit target name"),
        "Fix: two places use the same label, written (label)= before a heading. Labels must "
        "be unique across the handbook: rename one, and update any links to it.",
    ),
    (
        re.compile(r"could not find bibtex key"),
        "Fix: correct the key's spelling, or add the source to handbook/references.bib "
        "(see the contributor guide, 'Cite a source').",
    ),
    (
        re.compile(r"Non-consecutive header level|Title level inconsistent"),
        "Fix: headings go in order: one # title, then ##, then ###. Do not skip a level.",
    ),
    (
        re.compile(r"Malformed YAML"),
        "Fix: see the front matter message for this file, which shows the lines to write.",
    ),
    (
        re.compile(r"image file not readable"),
        "Fix: the picture is not where the page says. Check the file name and its folder "
        "(paths are relative to the page).",
    ),
    (
        re.compile(r"Unknown directive type|Unknown interpreted text role"),
        "Fix: check the spelling of the box or role name; the contributor guide's "
        "'Components' page lists the ones we have.",
    ),
]


DROPPED = ("Document headings start at H2",)


class AddFix(logging.Filter):
    """Append the fix for a recognised warning, unless the message already gives one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        # MyST says this once per heading of a page with no title, with no fix; the structure
        # check (onebyone.checks.structure) says "this page has no title" once, with the fix.
        if message.startswith(DROPPED):
            return False
        if "Fix:" in message:
            return True
        for pattern, fix in FIXES:
            if pattern.search(message):
                # A message with arguments is %-formatted later, so its % signs must stay paired.
                addition = fix.replace("%", "%%") if record.args else fix
                record.msg = f"{message} {addition}"
                break
        return True


def setup(app: Sphinx) -> ExtensionMetadata:
    for handler in logging.getLogger(NAMESPACE).handlers:
        is_warnings = isinstance(handler, WarningStreamHandler)
        if is_warnings and not any(isinstance(f, AddFix) for f in handler.filters):
            handler.addFilter(AddFix())
    return core.PARALLEL_SAFE
