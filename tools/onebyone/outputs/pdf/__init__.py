"""The ``pdf`` builder: the whole handbook as one PDF, printed by WeasyPrint.

It reuses Sphinx's single-page HTML assembly (every page inlined in toctree order), then:

1. makes every ``id`` unique and points every internal link at an ``id`` that exists, because
   Sphinx 9's single-page output writes anchors such as ``#document-a#b`` that no browser or
   PDF writer can follow (Sphinx issue #14221), and pages reuse section ids ("sources");
2. wraps the body in a print template: a cover, a contents list whose page numbers WeasyPrint
   fills in, and the print stylesheet beside this module (running heads, page numbers, web
   addresses printed after external links, vendored Noto fonts);
3. renders the PDF, turning every WeasyPrint error (a missing anchor, an image it cannot
   load) into a Sphinx warning, so that the strict build fails instead of printing quietly.

Paper size: ``onebyone_pdf_paper = "A4"`` (default) or ``"letter"``. The same builder prints the
workshop guides, handouts and country cards (``onebyone.outputs.pdf.standalone``).
"""

from __future__ import annotations

import html
import logging as std_logging
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.outputs.pdf import standalone

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


class PrintBuilder(SingleFileHTMLBuilder):
    """Assemble the handbook as one HTML document and print it to PDF."""

    name = "pdf"
    format = "html"
    epilog = "The PDF is in %(outdir)s."
    search = False
    copysource = False

    def init(self) -> None:
        super().init()
        self.print_body = ""

    def write_documents(self, _docnames) -> None:
        self.prepare_writing(self.env.all_docs.keys())
        with progress_message("assembling single document", nonl=False):
            doctree = self.assemble_doctree()
            self.env.toc_secnumbers = self.assemble_toc_secnumbers()
            self.env.toc_fignumbers = self.assemble_toc_fignumbers()
            move_subpages_after_their_page(doctree)
            make_anchors_unique(doctree)
            mark_document_starts(doctree, self.env, self.config.root_doc)
            mark_external_links(doctree)
        with progress_message("writing"):
            self.write_doc(self.config.root_doc, doctree)

    def handle_page(self, pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        # The theme's page template is for screens; the print template is applied in finish().
        # Sphinx marks each inlined page with an empty span; its id is now on the page's section.
        self.print_body = re.sub(r'<span id="document-[^"]+"></span>', "", addctx.get("body", ""))

    def finish(self) -> None:
        self.copy_image_files()
        html_path = Path(self.outdir) / Path(self.config.onebyone_pdf_filename).with_suffix(".html")
        pdf_path = Path(self.outdir) / self.config.onebyone_pdf_filename
        document = self.render_print_html()
        html_path.write_text(document, encoding="utf-8")
        with progress_message(f"printing {pdf_path.name} with WeasyPrint"):
            print_pdf(html_path, pdf_path)
        standalone.print_workshops(self, print_pdf)
        standalone.print_cards(self, print_pdf)

    def render_print_html(self) -> str:
        config = self.config
        paper = PAPER_SIZES.get(str(config.onebyone_pdf_paper).lower())
        if paper is None:
            logger.warning(
                "onebyone_pdf_paper is %r. Fix: set it to 'A4' or 'letter'.",
                config.onebyone_pdf_paper,
                type="onebyone",
                subtype="pdf",
            )
            paper = "A4"
        template = (HERE / "print.html").read_text(encoding="utf-8")
        values = {
            "language": html.escape(config.language or "en"),
            "title": html.escape(config.onebyone_pdf_title or config.project),
            "subtitle": html.escape(config.onebyone_pdf_subtitle),
            "edition": html.escape(f"{date.today():%B %Y}"),
            "copyright": html.escape(config.copyright),
            "stylesheet": (HERE / "print.css").as_uri(),
            "paper": paper,
            "contents": self.render_contents(),
            "body": self.print_body,
        }
        return re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], template)

    def render_contents(self) -> str:
        """The contents list: every page in reading order, linked to its start."""
        items = []
        for docname, depth in toctree_order(self.env, self.config.root_doc):
            if depth == 0:
                continue
            title = html.escape(self.env.titles[docname].astext())
            items.append(
                f'<li class="toc-level-{depth}"><a href="#document-{html.escape(docname)}">'
                f"{title}</a></li>"
            )
        return "\n".join(items)


def toctree_order(env, root: str) -> list[tuple[str, int]]:
    """Every document reachable from ``root`` through toctrees, depth first, with its depth."""
    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(docname: str, depth: int) -> None:
        if docname in seen:
            return
        seen.add(docname)
        order.append((docname, depth))
        for child in env.toctree_includes.get(docname, []):
            visit(child, depth + 1)

    visit(root, 0)
    return order


def move_subpages_after_their_page(doctree: nodes.document) -> None:
    """Print each page whole, then its sub-pages; and make each part a chapter.

    Sphinx inlines sub-pages where the toctree stands, which may be mid-page; they move to
    the end of their page. The start page's toctree sits inside its last section, which would
    nest every part one level down (part titles as h3, subsections as h6); its parts move to the
    top of the tree instead, so parts are h1, pages h2, and their sections h3 and below.
    """
    root = doctree.get("docname", "")
    wrappers = [
        (node, docname)
        for node, docname in walk_with_docname(doctree, root)
        if isinstance(node, nodes.compound)
        and "toctree-wrapper" in node["classes"]
        and any(isinstance(child, addnodes.start_of_file) for child in node.children)
    ]
    for wrapper, docname in wrappers:
        page = wrapper.parent
        page.remove(wrapper)
        if docname == root:
            for part in wrapper.children:
                doctree += part
        else:
            while not isinstance(page, nodes.section) or page.get("docname") not in (docname, None):
                page = page.parent
            page += wrapper


def make_anchors_unique(doctree: nodes.document) -> None:
    """Give every id in the assembled tree a page prefix and repoint references to match.

    Each page was read on its own, so two pages can both have a section "sources" or a
    citation "id1"; and cross-page references arrive as ``#document-<page>#<id>``. Both become
    ``#<page>--<id>``. The root page keeps its ids.
    """
    root = doctree.get("docname", "")
    walked = list(walk_with_docname(doctree, root))
    renamed: dict[tuple[str, str], str] = {}
    for node, docname in walked:
        for old in node.get("ids", []):
            renamed.setdefault((docname, old), old if docname == root else f"{docname}--{old}")
    for node, docname in walked:
        if node.get("ids"):
            node["ids"] = [renamed[(docname, old)] for old in node["ids"]]
        if "backrefs" in node:
            node["backrefs"] = [_resolve(renamed, docname, old) for old in node["backrefs"]]
        if "refid" in node:  # references, footnote and citation references, targets
            node["refid"] = _resolve(renamed, docname, node["refid"])
        elif isinstance(node, nodes.reference) and node.get("refuri", "").startswith("#"):
            parts = node["refuri"].split("#")[1:]
            if len(parts) == 2 and parts[0].startswith("document-"):
                target_doc = parts[0].removeprefix("document-")
                node["refuri"] = "#" + renamed.get((target_doc, parts[1]), parts[0])
            elif len(parts) == 1 and not parts[0].startswith("document-"):
                node["refuri"] = "#" + _resolve(renamed, docname, parts[0])


def walk_with_docname(node: nodes.Node, docname: str):
    """Every element with the page it belongs to. Sphinx sets ``start_of_file.children``
    directly when it inlines pages, so parent pointers cannot be trusted to find the page."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from walk_with_docname(child, docname)


def _resolve(renamed: dict[tuple[str, str], str], docname: str, old: str) -> str:
    """The new id for ``old`` on this page; else on the one other page that has it (glossary
    terms are linked as a bare ``#term-...`` from every page)."""
    if (docname, old) in renamed:
        return renamed[(docname, old)]
    elsewhere = {new for (_, id_), new in renamed.items() if id_ == old}
    return elsewhere.pop() if len(elsewhere) == 1 else old


def mark_document_starts(doctree: nodes.document, env, root: str) -> None:
    """Class each page's top section by its depth, so print CSS can start parts on a new page."""
    depths = dict(toctree_order(env, root))
    for start in doctree.findall(addnodes.start_of_file):
        section = start.next_node(nodes.section)
        if section is not None:
            depth = depths.get(start["docname"], 1)
            section["classes"] += ["document-start", f"document-depth-{depth}"]
            # The page's anchor goes on its section, which starts the new sheet: Sphinx's own
            # empty <span> before it would give the contents the previous sheet's number.
            section["ids"].insert(0, f"document-{start['docname']}")


def mark_external_links(doctree: nodes.document) -> None:
    """Mark external links whose text is not the address, so print CSS shows the address."""
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri.startswith(("http://", "https://")):
            text = ref.astext().strip().rstrip("/")
            bare = uri.split("://", 1)[1].rstrip("/")
            if text not in (uri.rstrip("/"), bare):
                ref["classes"].append("print-url")


class _WeasyPrintProblems(std_logging.Handler):
    """Collect WeasyPrint's errors and warnings so the strict build can fail on them."""

    def __init__(self) -> None:
        super().__init__(level=std_logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: std_logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    import weasyprint  # imported late: only the pdf builder needs it

    problems = _WeasyPrintProblems()
    weasy_logger = std_logging.getLogger("weasyprint")
    weasy_logger.addHandler(problems)
    try:
        document = weasyprint.HTML(filename=str(html_path), base_url=str(html_path.parent))
        document.write_pdf(str(pdf_path), pdf_variant=None, uncompressed_pdf=False)
    finally:
        weasy_logger.removeHandler(problems)
    # WeasyPrint reports a missing anchor once per layout pass; one line per problem is enough.
    for message, times in Counter(problems.messages).items():
        repeated = f" ({times} times)" if times > 1 else ""
        logger.warning(
            "%s: WeasyPrint: %s%s", html_path, message, repeated, type="onebyone", subtype="pdf"
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    # What it prints besides the book: the workshop modules and the helpline cards.
    app.setup_extension("onebyone.content.workshops")
    app.add_builder(PrintBuilder)
    app.add_config_value("onebyone_pdf_filename", "handbook.pdf", "env", types=[str])
    app.add_config_value("onebyone_pdf_title", "", "env", types=[str])
    app.add_config_value("onebyone_pdf_subtitle", "", "env", types=[str])
    app.add_config_value("onebyone_pdf_paper", "A4", "env", types=[str])
    return core.PARALLEL_SAFE
