"""Light citations: every claim still sourced, without the sources in the reading line.

Writers cite as before, with ``{cite:p}`key``` (``docs/citations.md``). On the website each
citation group becomes a small numbered marker (¹ or ²˒³), and each page ends with its own
"Sources" list, numbered in the order the page first cites them, folded under its heading
(a <details> whose summary is the heading), so it does not lengthen the page; following a
marker unfolds it (Chromium, Firefox and Safari open a <details> to show a linked target).
Each entry links to its place in the full list on the References page, which is unchanged.
So:

- the same key cited twice in one group is one number, and two sources whose author-date
  labels would look the same ("Unseen, n.d.") get two different numbers;
- inside the emergency and help boxes (the ``get-help`` component and the ``{helplines}``
  directive, whose entries carry their own "Last checked ... source" line) there is no
  marker; those sources are still listed in the page's Sources;
- the References page keeps its full bibliography, and other builders (the PDFs, which
  strip or print citations themselves) are left as they are.

No page needs editing: the change happens after Sphinx has resolved the citations.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

#: Boxes where a reader looks for a number, not a source: no markers inside them.
NO_MARKERS_IN = ("get-help", "helplines", "helpline")
SOURCES_ID = "page-sources"


def _in_help_box(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if any(name in NO_MARKERS_IN for name in parent.get("classes", [])):
            return True
        parent = parent.parent
    return False


def _keys(citation: nodes.inline) -> list[str]:
    """The keys of one citation group, in order, each once."""
    keys: list[str] = []
    for key in citation.rawsource.split(","):
        key = key.strip()
        if key and key not in keys:
            keys.append(key)
    return keys


def _drop_space_before(node: nodes.Node) -> None:
    """The space written before a citation goes: a marker sits against its word."""
    parent = node.parent
    position = parent.index(node)
    if position and isinstance(parent[position - 1], nodes.Text):
        text = str(parent[position - 1])
        if text.endswith((" ", "\n")):
            parent[position - 1] = nodes.Text(text.rstrip(" \n"))


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs: [1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _marker(numbers: list[int]) -> nodes.superscript:
    """¹ or ²˒³ or ⁴⁻⁷: each number (or run of three or more) links to its entry."""
    marker = nodes.superscript(classes=["onebyone-cite"])
    for position, (first, last) in enumerate(_runs(numbers)):
        pieces = [(first, first), (last, last)] if last == first + 1 else [(first, last)]
        for index, (start, end) in enumerate(pieces):
            if position or index:
                marker += nodes.Text(",")
            link = nodes.reference("", "", refid=f"source-{start}", classes=["onebyone-cite-link"])
            if start == end:
                link += nodes.inline("", _("Source") + " ", classes=["visually-hidden"])
                link += nodes.Text(str(start))
            else:
                link += nodes.inline("", _("Sources") + " ", classes=["visually-hidden"])
                link += nodes.Text(f"{start}–{end}")
            marker += link
    return marker


def _sources_section(app: Sphinx, docname: str, numbered: list[str], domain) -> nodes.container:
    by_key = {citation.key: citation for citation in domain.citations}
    # A heading that is also the button that unfolds the list: one word in the reading line.
    section = nodes.container(ids=[SOURCES_ID], classes=["onebyone-sources"])
    section += nodes.raw(
        "",
        '<details class="onebyone-sources__list"><summary>'
        '<h2 class="onebyone-sources__title">' + _("Sources") + "</h2></summary>",
        format="html",
    )
    listing = nodes.enumerated_list(enumtype="arabic")
    for number, key in enumerate(numbered, start=1):
        item = nodes.list_item(ids=[f"source-{number}"])
        paragraph = nodes.paragraph()
        citation = by_key.get(key)
        if citation is not None:
            paragraph += citation.formatted_entry.text.render(domain.backend)
            uri = app.builder.get_relative_uri(docname, citation.bibliography_key.docname)
            paragraph += nodes.Text(" ")
            paragraph += nodes.reference(
                "",
                _("In the full list"),
                refuri=f"{uri}#{citation.citation_id}",
                classes=["onebyone-sources__full"],
            )
        else:  # the citation itself already warned that the key is unknown
            paragraph += nodes.Text(key)
        item += paragraph
        listing += item
    section += listing
    section += nodes.raw("", "</details>", format="html")
    return section


def _place(doctree: nodes.document, section: nodes.Element) -> None:
    """At the end of the page's text: before the review line and any trailing toctree."""
    top = doctree.next_node(nodes.section)
    if top is None:
        doctree += section
        return
    children = list(top.children)
    position = len(children)
    while position and (
        "toctree-wrapper" in children[position - 1].get("classes", [])
        or "page-review" in children[position - 1].get("classes", [])
    ):
        position -= 1
    top.insert(position, section)


def _lighten(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name not in app.config.onebyone_light_citation_builders:
        return
    citations = [
        node for node in doctree.findall(nodes.inline) if "bibtex-citation" in node["classes"]
    ]
    if not citations or any(True for _node in doctree.findall(nodes.citation)):
        return  # nothing cited, or the page is the full reference list itself
    domain = app.env.get_domain("cite")
    numbers: dict[str, int] = {}
    in_boxes: list[str] = []
    for citation in citations:
        keys = _keys(citation)
        _drop_space_before(citation)
        if _in_help_box(citation):
            in_boxes.extend(keys)
            citation.parent.remove(citation)
            continue
        for key in keys:
            numbers.setdefault(key, len(numbers) + 1)
        citation.replace_self(_marker([numbers[key] for key in keys]))
    for key in in_boxes:
        numbers.setdefault(key, len(numbers) + 1)
    _place(doctree, _sources_section(app, docname, list(numbers), domain))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value(
        "onebyone_light_citation_builders", ["html", "dirhtml"], "html", types=[list]
    )
    # After sphinxcontrib-bibtex has turned each {cite:p} into its linked label, and after
    # the prose checks (spelling, terminology), which read the page as written, not the
    # sources' titles.
    app.connect("doctree-resolved", _lighten, priority=900)
    return core.PARALLEL_SAFE
