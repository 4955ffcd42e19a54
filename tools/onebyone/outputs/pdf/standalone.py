"""Printed workshop material: each module's facilitator guide and handout, and a one-page
"signs and who to call" card per country, all with the handbook's print pipeline.

A standalone document keeps its own anchors; its links to other handbook pages become links to
the website (``html_baseurl``), since the page they point to is not in the same PDF. Each print
carries a QR code (segno) beside the printed address of its online version, so a reader without
the PDF's links can still reach it. Guides and handouts print in A4 and US Letter; so do cards.
The card's numbers come from the helpline data and its signs from ``recognise/summary``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import segno
from docutils import nodes
from sphinx.util import logging
from sphinx.util.display import progress_message

from onebyone import core
from onebyone.data.helplines import PURPOSE_WORDS, dial
from onebyone.data.pages import format_day

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
PAPERS = {"a4": "A4", "letter": "letter"}
CARD_SERVICES = 4  # how many services after the emergency number fit on one card


def qr_code(url: str, label: str) -> str:
    """An inline SVG QR code with the address printed beside it."""
    data_uri = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    return (
        f'<div class="qr"><img src="{data_uri}" alt="QR code for {html.escape(label)}">'
        f'<p>{html.escape(label)}<br><span class="qr-url">{html.escape(url)}</span></p></div>'
    )


def online_url(builder, docname: str, anchor: str = "") -> str:
    base = builder.config.html_baseurl.rstrip("/") + "/"
    return f"{base}{docname}.html" + (f"#{anchor}" if anchor else "")


def render_body(builder, docname: str) -> tuple[str, str]:
    """One document's HTML body and title, with links to other pages pointed at the website."""
    from onebyone.outputs.pdf import mark_external_links  # the package imports this module

    doctree = builder.env.get_and_resolve_doctree(docname, builder)
    mark_external_links(doctree)
    point_links_online(builder, doctree, docname)
    doctree.settings = builder.docsettings
    builder.current_docname = docname
    visitor = builder.create_translator(doctree, builder)  # as Sphinx's own write_doc does
    doctree.walkabout(visitor)
    return "".join(visitor.fragment), builder.env.titles[docname].astext()


def fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], template)


def print_workshops(builder, print_pdf) -> list[Path]:
    """Each module's guide and handout, in every paper size; returns the PDFs written."""
    loaded = core.data(builder.env).workshops or []
    template = (HERE / "document.html").read_text("utf-8")
    written = []
    for module in loaded:
        for kind, label in (("guide", "Facilitator guide"), ("handout", "Handout")):
            docname = f"{builder.config.onebyone_workshops_folder}/{module.slug}/{kind}"
            body, title = render_body(builder, docname)
            url = online_url(builder, docname)
            for paper_key, paper in PAPERS.items():
                stem = f"{module.stem}-{kind}-{paper_key}"
                values = {
                    "language": html.escape(builder.config.language or "en"),
                    "title": html.escape(title),
                    "kind": html.escape(f"Workshop {module.module.number}: {label}"),
                    "stylesheet": (HERE / "print.css").as_uri(),
                    "paper": paper,
                    "kind_class": kind,
                    # Guides leave a wide right margin for the facilitator's notes.
                    "margins": "20mm 32mm 22mm 20mm" if kind == "guide" else "14mm 15mm 15mm 15mm",
                    "qr": qr_code(url, f"Online version of this {label.lower()}"),
                    "body": body,
                    "footer": html.escape(builder.config.copyright),
                }
                written.append(_print(builder, print_pdf, stem, fill(template, values)))
    return written


def point_links_online(builder, doctree: nodes.document, docname: str) -> None:
    """Links to other handbook pages lead to the website: they are not in this PDF."""
    for ref in doctree.findall(nodes.reference):
        target = ref.get("refuri", "")
        if target.startswith("#document-"):
            page, _, anchor = target.removeprefix("#document-").partition("#")
            ref["refuri"] = (
                "#" + anchor if page == docname and anchor else online_url(builder, page, anchor)
            )


def print_cards(builder, print_pdf) -> list[Path]:
    """A one-page "signs and who to call" card for each region with an emergency number."""
    directory = core.data(builder.env).helplines
    if directory is None or "recognise/summary" not in builder.env.all_docs:
        return []
    signs = card_signs(builder)
    template = (HERE / "card.html").read_text("utf-8")
    help_url = online_url(builder, "get-help/index")
    written = []
    for region in directory.regions:
        emergency = region.service("emergency")
        if emergency is None:
            continue
        calls = [_card_service(region, emergency, lead=True)]
        others = [s for s in region.services if s.id != "emergency" and (s.phones or s.texts)]
        calls += [_card_service(region, service) for service in others[:CARD_SERVICES]]
        checked = max(s.checked for s in region.services)
        for paper_key, paper in PAPERS.items():
            values = {
                "language": html.escape(builder.config.language or "en"),
                "region": html.escape(region.name),
                "stylesheet": (HERE / "print.css").as_uri(),
                "paper": paper,
                "signs": signs,
                "calls": "\n".join(calls),
                "checked": html.escape(format_day(checked)),
                "qr": qr_code(help_url, "More helplines, and the sources of these numbers"),
                "footer": html.escape(builder.config.copyright),
            }
            stem = f"card-{region.id.lower()}-{paper_key}"
            written.append(_print(builder, print_pdf, stem, fill(template, values)))
    return written


def card_signs(builder) -> str:
    """The summary page's lists of signs and its numbered steps, without citations."""
    doctree = builder.env.get_and_resolve_doctree("recognise/summary", builder)
    point_links_online(builder, doctree, "recognise/summary")
    for citation in list(doctree.findall(nodes.inline)):
        if "bibtex-citation" in citation["classes"]:
            citation.parent.remove(citation)
    parts = []
    for node in doctree.findall(nodes.bullet_list):
        if node.parent is not None and "key-points" in node.parent.get("classes", []):
            continue  # the key points repeat what the lists say
        parts.append(builder.render_partial(node)["fragment"])
    for node in doctree.findall(nodes.enumerated_list):
        parts.append(
            '<h2 class="card-steps">What to do</h2>' + builder.render_partial(node)["fragment"]
        )
    return "\n".join(parts)


def _card_service(region, service, lead: bool = False) -> str:
    numbers = [dial(n, region.countries()) for n in service.phones]
    texts = [dial(n, region.countries(), text=True) for n in service.texts]
    shown = " or ".join(f'<a href="{d.href}">{html.escape(d.display)}</a>' for d in numbers)
    if texts:
        shown += "; text " + " or ".join(
            f'<a href="{d.href}">{html.escape(d.display)}</a>' for d in texts
        )
    what = " and ".join(PURPOSE_WORDS[p] for p in service.purposes)
    css = ' class="card-emergency"' if lead else ""
    return (
        f"<li{css}><strong>{shown}</strong> {html.escape(service.name)}: {html.escape(what)}.</li>"
    )


def _print(builder, print_pdf, stem: str, document: str) -> Path:
    out = Path(builder.outdir)
    html_path = out / f"{stem}.html"
    html_path.write_text(document, encoding="utf-8")
    with progress_message(f"printing {stem}.pdf"):
        print_pdf(html_path, out / f"{stem}.pdf")
    return out / f"{stem}.pdf"
