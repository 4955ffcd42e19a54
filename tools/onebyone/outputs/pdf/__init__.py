"""The ``pdf`` builder: the handbook as one PDF, and every declared print (``jobs``).

It reuses Sphinx's single-page HTML assembly (every page inlined in toctree order), then:

1. makes every ``id`` unique and points every internal link at an ``id`` that exists, because
   Sphinx 9's single-page output writes anchors such as ``#document-a#b`` that no browser or
   PDF writer can follow (Sphinx issue #14221), and pages reuse section ids ("sources");
2. declares the book as a print job (from ``onebyone_pdf_*`` in ``conf.py``) and collects the
   jobs other extensions declare on the ``onebyone-print-jobs`` event (workshop guides and
   handouts, country cards): the builder itself names no page;
3. renders each job's Jinja template (``templates/``) through Sphinx's ``SphinxRenderer``, so
   ``_()`` in a template is translated, with the print stylesheet (running heads, page
   numbers, web addresses after external links, vendored Noto fonts);
4. prints only the jobs whose digest changed (``stamps``), with Chromium (``chromium``), several
   at a time, in a thread of its own: each print is handed over as soon as it is rendered, so
   Chromium prints the declared jobs while the book is assembled; the book is printed twice,
   so that its contents list carries the page numbers of the first printing. Every problem
   Chromium reports becomes a warning, so the strict build fails.

Paper size of the book: ``onebyone_pdf_paper = "A4"`` (default) or ``"letter"``; other prints
declare theirs (A4 and US Letter).
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.template import SphinxRenderer
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.outputs.pdf import chromium, kits, stamps, translate
from onebyone.outputs.pdf.jobs import EVENT, PAGE_SIZES, Kit, Page, PrintJob, online_url, qr_svg

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STYLESHEET = HERE / "print.css"
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
TOC_PLACEHOLDER = "000"  # as wide as a page number, so the second printing lays out the same


def css_string(text: str) -> Markup:
    """Text as a CSS string inside a <style> element: quotes and backslashes escaped, and no
    "<" that could close the element."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


def bcp47(language: str) -> str:
    """Sphinx's language (en_GB) as the HTML lang attribute and the PDF /Lang want it (en-GB)."""
    return (language or "en").replace("_", "-")


class PrintBuilder(SingleFileHTMLBuilder):
    """Assemble the handbook as one HTML document; print it and every declared print job."""

    name = "pdf"
    format = "html"
    epilog = "The PDFs are in %(outdir)s."
    search = False
    copysource = False

    def init(self) -> None:
        super().init()
        self.print_body = ""
        self.rendered_pages: dict[Page, tuple[str | list[str], list[str]]] = {}
        self.print_gettext: dict[str, Any] = {}
        self.print_renderer = SphinxRenderer([str(TEMPLATES)])
        self.print_renderer.env.autoescape = True
        self.print_renderer.env.filters["css_string"] = css_string

    def write_documents(self, _docnames) -> None:
        """Render each print and hand it to Chromium at once, which prints it while the next
        are rendered: first the book, assembled from every page, then the prints the
        extensions declare, while Chromium prints the book."""
        self.prepare_writing(self.env.all_docs.keys())
        self.printed: list[tuple[chromium.Job, str]] = []  # (print, digest) given to Chromium
        self.print_problems: dict[Path, list[str]] = {}
        executable = chromium.chromium_path(self.config.onebyone_pdf_chromium)
        if executable is None:
            logger.warning(chromium.MISSING, type="onebyone", subtype="pdf")
            return
        # Chromium's path and date go into every digest: a new Chromium prints everything again.
        self.engine = f"{chromium.ENGINE} {executable} {Path(executable).resolve().stat().st_mtime}"
        self.wanted_papers, self.left_out = self.papers(), set()
        declared = self.declared_jobs()
        # One page per CPU: each print is written into the page that printed the one before
        # (chromium.WRITE), so little time is spent waiting; on 2 cores 2 pages printed every
        # print in 17 s where 4 took 19 s.
        workers = self.config.onebyone_pdf_workers or len(os.sched_getaffinity(0))
        logger.info("printing with Chromium, %d pages at a time, as prints are rendered", workers)
        with chromium.Printer(executable, workers) as printer:
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
            self.copy_image_files()  # before the book, which shows them, is printed
            book = self.book_job()
            self.declared = [book, *declared]
            self.check_names()
            # The book first: printed twice, it takes longest, and the others fit around it.
            self.send(book, printer)
            for job in declared:
                self.send(job, printer)
        self.print_problems = {job.pdf: found for job, found in printer.results}

    def handle_page(self, pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        # The theme's page template is for screens; the print templates are applied in send().
        # Sphinx marks each inlined page with an empty span; its id is now on the page's section.
        self.print_body = re.sub(r'<span id="document-[^"]+"></span>', "", addctx.get("body", ""))

    # --- the jobs ---------------------------------------------------------------------------

    def paper(self) -> str:
        paper = PAPER_SIZES.get(str(self.config.onebyone_pdf_paper).lower())
        if paper is None:
            logger.warning(
                "onebyone_pdf_paper is %r. Fix: set it to 'A4' or 'letter'.",
                self.config.onebyone_pdf_paper,
                type="onebyone",
                subtype="pdf",
            )
            paper = "A4"
        return paper

    def papers(self) -> set[str]:
        """The papers of ``onebyone_pdf_papers``, as the print jobs name them."""
        wanted = set()
        for name in self.config.onebyone_pdf_papers:
            paper = PAPER_SIZES.get(str(name).lower())
            if paper is None:
                logger.warning(
                    "onebyone_pdf_papers holds %r. Fix: list only 'A4' and 'letter'.",
                    name,
                    type="onebyone",
                    subtype="pdf",
                )
            else:
                wanted.add(paper)
        return wanted

    def book_job(self) -> PrintJob:
        config = self.config
        contents = [
            {
                "depth": depth,
                "anchor": f"document-{docname}",
                "title": self.env.titles[docname].astext(),
            }
            for docname, depth in toctree_order(self.env, config.root_doc)
            if depth > 0
        ]
        return PrintJob(
            stem=Path(config.onebyone_pdf_filename).stem,
            template="book.html.jinja",
            title=config.onebyone_pdf_title or config.project,
            papers=(self.paper(),),
            paper_in_name=False,
            context={
                "subtitle": config.onebyone_pdf_subtitle,
                "edition": f"{date.today():%B %Y}",
                "contents": contents,
                # Each part's pages carry the part's title at the top (a named page per part).
                "parts": [entry for entry in contents if entry["depth"] == 1],
                "body": Markup(self.print_body),
            },
        )

    def declared_jobs(self) -> list[PrintJob]:
        """The print jobs the extensions declare; the kits declared with them go to
        ``self.kits``."""
        jobs: list[PrintJob] = []
        self.kits: list[Kit] = []
        for declared in self.app.emit(EVENT, self):
            for item in declared or []:
                (self.kits if isinstance(item, Kit) else jobs).append(item)
        return jobs

    def check_names(self) -> None:
        names = [job.filename(paper) for job in self.declared for paper in job.papers]
        names += [kit.filename for kit in self.kits]
        for name in {n for n in names if names.count(n) > 1}:
            logger.warning(
                "two prints are both called %s. Fix: give each print job its own stem.",
                name,
                type="onebyone",
                subtype="pdf",
            )

    def send(self, job: PrintJob, printer: chromium.Printer) -> None:
        """Render a job on each of its papers and hand to Chromium each print whose digest
        changed."""
        for paper in job.papers:
            if paper in PAPER_SIZES.values() and paper not in self.wanted_papers:
                self.left_out.add(job.filename(paper))
                continue
            pdf = Path(self.outdir) / job.filename(paper)
            document = self.render_job(job, paper)
            html_path = pdf.with_suffix(".html")
            html_path.write_text(document, encoding="utf-8")
            digest = stamps.digest(html_path, document, self.engine)
            if stamps.is_current(pdf, digest):
                continue
            then = None
            if job.template == "book.html.jinja":
                # The book's contents get the page numbers of its first printing.
                then = functools.partial(self.with_page_numbers, job, paper, pdf)
            printed = chromium.Job(html_path, pdf, then)
            self.printed.append((printed, digest))
            printer.submit(printed)

    def render_job(
        self, job: PrintJob, paper: str, page_numbers: dict[str, int] | None = None
    ) -> str:
        context: dict[str, Any] = {
            "language": bcp47(job.language or self.config.language),
            "title": job.title,
            "paper": paper,
            "page_size": PAGE_SIZES.get(paper, paper),
            "stylesheet": STYLESHEET.as_uri(),
            "copyright": self.config.copyright,
            "url": job.url,
            "qr_svg": qr_svg(job.url) if job.url else "",
            "page_numbers": page_numbers or {},
            "placeholder": TOC_PLACEHOLDER,
        }
        if job.language and job.language != self.config.language:
            # The job's own translator shadows the one Sphinx installs for the build's language.
            if job.language not in self.print_gettext:
                self.print_gettext[job.language] = translate.gettext(self.env, job.language)
            context["_"] = self.print_gettext[job.language]
        sources: list[str] = []
        for key, value in job.context.items():
            if isinstance(value, Page):
                # Pages repeat across papers and cards: each is rendered once per build.
                if value not in self.rendered_pages:
                    self.rendered_pages[value] = self.render_page(value)
                body, cited = self.rendered_pages[value]
                context[key] = (
                    [Markup(card) for card in body] if isinstance(body, list) else Markup(body)
                )
                sources += [source for source in cited if source not in sources]
            else:
                context[key] = value
        context["sources"] = sources
        return self.print_renderer.render(job.template, context)

    def render_page(self, page: Page) -> tuple[str | list[str], list[str]]:
        """A page's HTML for a print (or, for ``select="cards"``, each card's), with links to
        other pages pointed at the website, and the short names of the sources its removed
        citations gave."""
        doctree = None
        if page.language and page.language != self.config.language:
            doctree = self.env.get_doctree(page.docname)
            translate.translate_doctree(self.env, doctree, page.docname, page.language)
        doctree = self.env.get_and_resolve_doctree(
            page.docname, self, tags=self.tags, doctree=doctree
        )
        mark_external_links(doctree)
        online_links(self, doctree, page.docname)
        sources = [] if page.citations else remove_citations(doctree)
        self.current_docname = page.docname
        root: nodes.Element = doctree
        if page.section:
            root = find_section(doctree, page.section)
            if root is None:
                core.warn(
                    core.Warnings.PDF,
                    core.Problem(
                        0,
                        f"a print asks for the section '{page.section}' of {page.docname}, "
                        "which has none",
                        "add the section (its heading makes the id), or take the item out of "
                        "the module's kit",
                    ),
                )
                return ("" if page.select != "cards" else []), sources
            for title in [child for child in root.children if isinstance(child, nodes.title)]:
                root.remove(title)
        if not page.notes:
            for note in list(root.findall(nodes.Element)):
                if "facilitator-note" in note.get("classes", []) and note.parent is not None:
                    note.parent.remove(note)
        if page.select == "all" and root is doctree:
            doctree.settings = self.docsettings
            visitor = self.create_translator(doctree, self)  # as Sphinx's own write_doc does
            doctree.walkabout(visitor)
            return "".join(visitor.fragment), sources
        if page.select == "all":
            return self.render_partial(root)["fragment"], sources
        if page.select == "cards":
            cards = [
                node
                for node in root.findall(
                    lambda n: isinstance(n, (nodes.paragraph, nodes.list_item))
                )
                if (
                    isinstance(node, nodes.list_item)
                    and isinstance(node.parent, nodes.enumerated_list)
                )
                or (
                    isinstance(node, nodes.paragraph)
                    and not isinstance(node.parent, nodes.list_item)
                    and isinstance(first_content(node), nodes.strong)
                )
            ]
            rendered = []
            for card in cards:
                # A list item alone: its paragraphs, without the <li>.
                content = card.children if isinstance(card, nodes.list_item) else [card]
                rendered.append("".join(self.render_partial(c)["fragment"] for c in content))
            return rendered, sources
        if page.select == "bullets":
            parts = [
                node
                for node in root.findall(nodes.bullet_list)
                if "key-points" not in node.parent.get("classes", [])  # they repeat the lists
            ]
        else:  # "steps"
            parts = list(root.findall(nodes.enumerated_list))
        rendered = []
        for part in parts:
            # A list's lead-in ("In a child. You might notice that a child:") comes with it.
            before = part.previous_sibling() if hasattr(part, "previous_sibling") else None
            if isinstance(before, nodes.paragraph):
                rendered.append(self.render_partial(before)["fragment"])
            rendered.append(self.render_partial(part)["fragment"])
        return "\n".join(rendered), sources

    # --- printing ---------------------------------------------------------------------------

    def finish(self) -> None:
        if not hasattr(self, "engine"):
            return  # no Chromium: write_documents said so
        outdir = Path(self.outdir)
        # A print or kit nothing declares any more (a module taken out) goes, with its stamp.
        # So do the kits of a paper left out of onebyone_pdf_papers.
        left_out = self.left_out
        self.kits = [kit for kit in self.kits if not {i.filename for i in kit.items} & left_out]
        declared = {job.filename(paper) for job in self.declared for paper in job.papers}
        declared = (declared - left_out) | {kit.filename for kit in self.kits}
        total = len([name for name in declared if name.endswith(".pdf")])
        for stale in [*outdir.glob("*.pdf"), *outdir.glob("*.zip")]:
            if stale.name not in declared:
                for path in (stale, stale.with_suffix(".html"), stamps.stamp_path(stale)):
                    path.unlink(missing_ok=True)
        printed = len(self.printed)
        logger.info("%d of %d prints printed, %d unchanged", printed, total, total - printed)
        for job, digest in self.printed:
            if self.print_problems.get(job.pdf):
                for message in self.print_problems[job.pdf]:
                    logger.warning(
                        "%s: Chromium: %s", job.html, message, type="onebyone", subtype="pdf"
                    )
            else:
                chromium.open_to_bookmarks(job.pdf)
                stamps.stamp(job.pdf, digest)
        failed = {pdf.name for pdf, found in self.print_problems.items() if found}
        self.make_kits(self.engine, failed)

    def with_page_numbers(self, job: PrintJob, paper: str, pdf: Path) -> chromium.Job:
        """The book again, its contents filled with where each page landed in ``pdf``."""
        document = self.render_job(job, paper, chromium.destination_pages(pdf))
        html_path = pdf.with_suffix(".html")
        html_path.write_text(document, encoding="utf-8")
        return chromium.Job(html_path, pdf)

    def make_kits(self, engine: str, failed: set[str]) -> None:
        """Zip each kit whose prints changed, after the prints; then list every print's size."""
        outdir = Path(self.outdir)
        made = 0
        for kit in self.kits:
            missing = kits.missing_items(kit, outdir) + [
                item.filename for item in kit.items if item.filename in failed
            ]
            if missing:
                logger.warning(
                    "the kit %s names %s, which was not printed. Fix: declare that print, or "
                    "take it out of the kit (see the problems above)",
                    kit.filename,
                    ", ".join(missing),
                    type="onebyone",
                    subtype="pdf",
                )
                continue
            made += kits.make(kit, outdir, engine)
        if self.kits:
            logger.info(
                "%d of %d kits zipped, %d unchanged", made, len(self.kits), len(self.kits) - made
            )
        kits.write_manifest(outdir)


def first_content(node: nodes.Element) -> nodes.Node | None:
    """A node's first child that is not empty text (MyST may start a paragraph with "")."""
    return next((c for c in node.children if not isinstance(c, nodes.Text) or c.strip()), None)


def find_section(doctree: nodes.document, wanted: str) -> nodes.section | None:
    """A page's section (one level below its title) by its id or by its heading's words as an
    id ("Myth or fact quiz": "myth-or-fact-quiz"): an activity further down may share the
    heading, and then docutils gives the id to whichever comes first."""
    top = doctree.next_node(nodes.section)
    if top is None:
        return None
    for section in top.children:
        if not isinstance(section, nodes.section):
            continue
        title = section.next_node(nodes.title)
        words = re.sub(r"[^a-z0-9]+", "-", title.astext().lower()).strip("-") if title else ""
        if wanted in section["ids"] or wanted == words:
            return section
    return None


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
    by_id: dict[str, set[str]] = {}  # each old id's new ids, over all pages
    for (_, old), new in renamed.items():
        by_id.setdefault(old, set()).add(new)
    for node, docname in walked:
        if node.get("ids"):
            node["ids"] = [renamed[(docname, old)] for old in node["ids"]]
        if "backrefs" in node:
            node["backrefs"] = [_resolve(renamed, by_id, docname, old) for old in node["backrefs"]]
        if "refid" in node:  # references, footnote and citation references, targets
            node["refid"] = _resolve(renamed, by_id, docname, node["refid"])
        elif isinstance(node, nodes.reference) and node.get("refuri", "").startswith("#"):
            parts = node["refuri"].split("#")[1:]
            if len(parts) == 2 and parts[0].startswith("document-"):
                target_doc = parts[0].removeprefix("document-")
                node["refuri"] = "#" + renamed.get((target_doc, parts[1]), parts[0])
            elif len(parts) == 1 and not parts[0].startswith("document-"):
                node["refuri"] = "#" + _resolve(renamed, by_id, docname, parts[0])


def walk_with_docname(node: nodes.Node, docname: str):
    """Every element with the page it belongs to. Sphinx sets ``start_of_file.children``
    directly when it inlines pages, so parent pointers cannot be trusted to find the page."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from walk_with_docname(child, docname)


def _resolve(
    renamed: dict[tuple[str, str], str], by_id: dict[str, set[str]], docname: str, old: str
) -> str:
    """The new id for ``old`` on this page; else on the one other page that has it (glossary
    terms are linked as a bare ``#term-...`` from every page)."""
    if (docname, old) in renamed:
        return renamed[(docname, old)]
    elsewhere = by_id.get(old, set())
    return next(iter(elsewhere)) if len(elsewhere) == 1 else old


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


def online_links(builder: PrintBuilder, doctree: nodes.document, docname: str) -> None:
    """Links to other handbook pages lead to the website: they are not in this PDF."""
    for ref in doctree.findall(nodes.reference):
        target = ref.get("refuri", "")
        if target.startswith("#document-"):
            page, _, anchor = target.removeprefix("#document-").partition("#")
            ref["refuri"] = (
                "#" + anchor
                if page == docname and anchor
                else online_url(builder.config, page, anchor)
            )


def remove_citations(doctree: nodes.document) -> list[str]:
    """Take out the inline citations, and the space before each where punctuation follows
    (Khmer's ។ and ៖ too: "call the emergency number [NSPCC, n.d.]." must not print as
    "number ."); return the short names of their sources, in order, once each."""
    sources: list[str] = []
    for citation in list(doctree.findall(nodes.inline)):
        if "bibtex-citation" not in citation["classes"]:
            continue
        for ref in citation.findall(nodes.reference):
            name = ref.astext().strip()
            if name and name not in sources:
                sources.append(name)
        parent = citation.parent
        index = parent.index(citation)
        after = parent[index + 1] if index + 1 < len(parent) else None
        before = parent[index - 1] if index > 0 else None
        ends = after is None or (
            isinstance(after, nodes.Text) and after.astext()[:1] in ".,;:!?)។៖"
        )
        if isinstance(before, nodes.Text) and ends:
            parent.replace(before, nodes.Text(before.astext().rstrip()))
        parent.remove(citation)
    return sources


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.outputs.pdf.jobs")
    # What it prints besides the book, declared by the data's owners: workshop guides and
    # handouts, and the helpline cards.
    app.setup_extension("onebyone.content.workshops")
    app.setup_extension("onebyone.content.helplines")
    app.add_builder(PrintBuilder)
    app.add_config_value("onebyone_pdf_filename", "handbook.pdf", "env", types=[str])
    app.add_config_value("onebyone_pdf_title", "", "env", types=[str])
    app.add_config_value("onebyone_pdf_subtitle", "", "env", types=[str])
    app.add_config_value("onebyone_pdf_paper", "A4", "env", types=[str])
    # The papers the guides, handouts, cards and kits are printed on (both by default); the tests
    # print the whole handbook on A4 only, and US Letter on a small project.
    app.add_config_value("onebyone_pdf_papers", ["A4", "letter"], "", types=[list, tuple])
    app.add_config_value("onebyone_pdf_workers", 0, "", types=[int])
    app.add_config_value("onebyone_pdf_chromium", "", "", types=[str])
    return core.PARALLEL_SAFE
