"""The words-we-use table: ``{terminology-table}`` renders one group of the terminology data
(``_data/terminology.yaml``, loaded by ``onebyone.checks.terminology``) as a table, so that the
words are written once.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.data.terminology import GROUPS, Terminology


def table_text(terminology: Terminology, group: str) -> str:
    """The MyST table of one group's terms: what we avoid, what we say, and why."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = ["| Instead of | We say | Why |", "|---|---|---|"]
    for term in terminology.terms:
        if term.group != group:
            continue
        avoided = ", ".join(f"{{avoid}}`{p}`" for p in (term.shown or term.avoid[:1]))
        write = "; ".join(term.write)
        cite = f" {{cite:p}}`{','.join(term.cite)}`" if term.cite else ""
        why = term.reason.rstrip(".") + cite + "."
        rows.append(f"| {avoided} | {cell(write)} | {cell(why)} |")
    return "\n".join(rows) + "\n"


class TerminologyTableDirective(SphinxDirective):
    """``{terminology-table}``: the table of avoided terms in one group, from the data file."""

    has_content = False
    option_spec = {"group": lambda value: directives.choice(value, list(GROUPS))}

    def run(self) -> list[nodes.Node]:
        terminology = core.data(self.env).terminology
        if terminology is None:
            return []  # the list has problems, reported when it was loaded
        group = self.options.get("group", "survivor-centred")
        # Re-read the page when the data changes, so the table follows the file.
        self.env.note_dependency(str(Path(self.env.srcdir) / self.config.onebyone_terminology_file))
        container = nodes.container(classes=["terminology-table"])
        self.set_source_info(container)
        container += self.parse_text_to_nodes(table_text(terminology, group))
        return [container]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.checks.terminology")
    app.add_directive("terminology-table", TerminologyTableDirective)
    return core.PARALLEL_SAFE
