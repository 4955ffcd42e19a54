"""Content components for writers: boxes that look the same on screen and on paper.

In MyST, with the ``colon_fence`` extension::

    :::{key-points}
    - Most trafficked children know the person who exploits them.
    :::

Each component is an admonition with a fixed class and a default title that the writer may
replace (``:::{what-to-do} If you are worried``). An empty component is an error, because a
box with nothing in it would print as a heading with no help under it.

The ``{avoid}`` role marks a term that a page names on purpose although we avoid it (in the
table of words we use, or in the formal name of a law), so that language checks can tell a
deliberate mention from a slip. The ``{formal-name}`` role marks a name kept as its owner
writes it (a law, a treaty, an organisation or a title: "Center" in a US organisation's name),
shown as plain text; the word checks leave it alone.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import add_static_folder

# name -> default title. The name is also the CSS class, so print and screen styles follow it.
COMPONENTS = {
    "key-points": "Key points",
    "what-to-do": "What to do",
    "what-not-to-do": "What not to do",
    "get-help": "Get help",
    "content-note": "Content note",
    "facilitator-note": "Facilitator note",  # for the facilitator only, in workshop guides
}


class ComponentDirective(SphinxDirective):
    """One content component; subclasses only set ``name`` and ``default_title``."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    component = ""
    default_title = ""

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error(
                f"The '{self.component}' box is empty. Fix: put its text on the lines between "
                f"':::{{{self.component}}}' and the closing ':::'."
            )
        title_text = self.arguments[0] if self.arguments else self.default_title
        box = nodes.admonition("", classes=["onebyone-component", self.component])
        self.set_source_info(box)
        title_nodes, messages = self.parse_inline(title_text, lineno=self.lineno)
        box += nodes.title(title_text, "", *title_nodes)
        box += self.parse_content_to_nodes()
        return [box, *messages]


def make_directive(name: str, title: str) -> type[ComponentDirective]:
    return type(
        f"{name.title().replace('-', '')}Directive",
        (ComponentDirective,),
        {"component": name, "default_title": title},
    )


class AvoidedTermRole(SphinxRole):
    """``{avoid}`term```: a term we avoid, named on purpose; shown in quotation marks."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = nodes.inline(self.rawtext, f"“{self.text}”", classes=["avoided-term"])
        self.set_source_info(node)
        return [node], []


class FormalNameRole(SphinxRole):
    """``{formal-name}`name```: a name kept exactly as its owner writes it; shown as written."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = nodes.inline(self.rawtext, self.text, classes=["formal-name"])
        self.set_source_info(node)
        return [node], []


def setup(app: Sphinx) -> ExtensionMetadata:
    for name, title in COMPONENTS.items():
        app.add_directive(name, make_directive(name, title))
    app.add_role("avoid", AvoidedTermRole())
    app.add_role("formal-name", FormalNameRole())
    app.connect("config-inited", add_static_folder)
    app.add_css_file("onebyone-components.css")
    return core.PARALLEL_SAFE
