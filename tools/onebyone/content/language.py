"""Language of text in another script: Khmer words in an English page get ``lang="km"``.

A screen reader reads text in the language its ``lang`` names, and a browser picks a font
for that language, so unmarked Khmer would be read out as English, or shown as empty boxes.
Writers should not have to remember the markup: the build finds each run of Khmer script and
marks it. Docutils turns a ``language-km`` class into ``lang="km"`` in the HTML it writes.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.checks import prose

# Unicode blocks of the scripts the handbook uses besides Latin, with their language tags.
SCRIPTS = {"km": "\u1780-\u17ff\u19e0-\u19ff"}
# Code, raw HTML, comments and the like are left as written: what is not prose (one definition).
SKIP = prose.NOT_PROSE


def _runs(language: str) -> re.Pattern[str]:
    letters = SCRIPTS[language]
    # One run: words in that script, with the spaces between them (មួយ មួយ មួយ is one run).
    return re.compile(f"[{letters}]+(?:[ \u200b]+[{letters}]+)*")


def mark_languages(app: Sphinx, doctree: nodes.document) -> None:
    if (app.config.language or "").split("_")[0] in SCRIPTS:
        return  # a page in that language: its <html lang> already says so
    patterns = {language: _runs(language) for language in SCRIPTS}
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if (
            parent is None
            or isinstance(parent, SKIP)
            or any(cls.startswith("language-") for cls in parent.get("classes", []))
        ):
            continue
        for language, pattern in patterns.items():
            source = str(text)
            if not pattern.search(source):
                continue
            pieces: list[nodes.Node] = []
            position = 0
            for match in pattern.finditer(source):
                if match.start() > position:
                    pieces.append(nodes.Text(source[position : match.start()]))
                pieces.append(
                    nodes.inline(match.group(), match.group(), classes=[f"language-{language}"])
                )
                position = match.end()
            if position < len(source):
                pieces.append(nodes.Text(source[position:]))
            parent.replace(text, pieces)
            break


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-read", mark_languages)
    return core.PARALLEL_SAFE
