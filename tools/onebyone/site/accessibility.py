"""Accessibility fixes for the book theme and docutils, so every page passes WCAG 2.2 A and AA.

Each fix answers one problem axe-core finds on a stock page (``tests/test_accessibility.py``):

- the sidebar's expand buttons (``<summary>``) hold only an icon, so a screen reader hears no
  name: each gets one;
- the search button's label ("Search") left out its visible shortcut (Ctrl+K), which broke
  "label in name" for speech users: the one search button now shows only "Search", its name
  (``templates/search-button.html``; the search field in the sidebar is gone, see
  ``onebyone.site.navigation``);
- docutils marks each source on the references page with ``doc-biblioentry``, a deprecated
  role that also breaks its list: each source becomes a plain list item;
- link blue on the tinted boxes is just under 4.5:1 contrast: ``onebyone-accessibility.css``.
"""

from __future__ import annotations

from docutils import nodes
from docutils.writers._html_base import HTMLTranslator
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.site.theme import add_folders


def _name_the_sidebar_toggles(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    label = _("Show or hide the pages in this section")

    def generate_with_names(*args, **kwargs):
        html = str(generate(*args, **kwargs))
        return html.replace("<summary>", f'<summary aria-label="{label}">')

    context["generate_toctree_html"] = generate_with_names


def visit_citation(self: HTMLTranslator, node: nodes.citation) -> None:
    HTMLTranslator.visit_citation(self, node)
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')


def depart_citation(self: HTMLTranslator, node: nodes.citation) -> None:
    HTMLTranslator.depart_citation(self, node)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", add_folders)
    # After the theme, which puts generate_toctree_html in the page context.
    app.connect("html-page-context", _name_the_sidebar_toggles, priority=900)
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.add_css_file("onebyone-accessibility.css")
    return core.PARALLEL_SAFE
