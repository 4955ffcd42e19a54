"""The handbook PDF: it opens, and has a cover, contents with page numbers, the expected headings,
running heads, embedded Noto fonts only, visible web addresses and internal links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import HANDBOOK, VALID_FRONT_MATTER, build_or_fail, toctree_pages


def title(page: Path) -> str:
    return re.search(r"^# (.+)$", page.read_text("utf-8"), re.M).group(1).strip()


# Each part's title, in reading order, from the start page's toctree.
PART_TITLES = [title(HANDBOOK / f"{entry}.md") for entry in toctree_pages(HANDBOOK)]
A4 = (595, 842)
LETTER = (612, 792)


@pytest.fixture(scope="module")
def reader(handbook_pdf: Path) -> PdfReader:
    return PdfReader(handbook_pdf)


@pytest.fixture(scope="module")
def page_texts(handbook_pdf_pages: list[str]) -> list[str]:
    return handbook_pdf_pages


def test_the_pdf_opens_on_a4_with_a_plausible_number_of_pages(reader: PdfReader):
    assert 100 <= len(reader.pages) <= 400, len(reader.pages)
    width, height = (round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == A4


def test_the_cover_names_the_handbook_and_its_licence(page_texts: list[str]):
    cover = " ".join(page_texts[0].split())
    assert cover.startswith("One by One")
    assert "មួយ មួយ មួយ" in cover  # Khmer shaped and embedded, not boxes
    assert "CC BY 4.0" in cover


def test_the_contents_list_every_part_with_a_page_number_that_is_right(page_texts: list[str]):
    # Chromium writes the running head and page number before the page's own text.
    assert "Contents" in page_texts[1].split("\n")[:4]
    # The contents run until the start page, which opens with its first sentence.
    start_page = (HANDBOOK / "index.md").read_text("utf-8").split("\n# ", 1)[1]
    first_words = " ".join(start_page.split("\n\n", 1)[1].split()[:5])
    end = next(i for i, text in enumerate(page_texts) if i > 1 and first_words in text)
    contents = "\n".join(page_texts[1:end])
    for title in PART_TITLES:
        # The title, then (after a dotted leader drawn as a border) its page number.
        entry = re.search(rf"^{re.escape(title)}[\s.]*?(\d+)$", contents, re.M)
        assert entry, f"{title!r} is not in the contents with a page number"
        page = int(entry.group(1))
        assert title in page_texts[page - 1], f"{title!r} is not on page {page}"


def test_every_page_of_the_handbook_is_in_the_pdf_in_reading_order(page_texts: list[str]):
    # After the cover and the contents; the PDF has typographic apostrophes and quotes.
    body = "\n".join(page_texts[2:]).translate(str.maketrans("’“”", '\'""'))
    for source in sorted(HANDBOOK.rglob("*.md")):
        if source.parent.name.startswith("_"):
            continue
        title = re.search(r"^# (.+)$", source.read_text("utf-8"), re.M).group(1)
        assert title in body, f"{source.name}: {title!r} is missing from the PDF"
    # Each part starts a new sheet with its title, then its key points.
    starts = [
        next(
            i
            for i, text in enumerate(page_texts[2:])
            if re.search(rf"^{re.escape(title)}[^\n]*\nKey points", text, re.M)
        )
        for title in PART_TITLES
    ]
    assert starts == sorted(starts), "the parts are out of order"


def test_pages_carry_running_heads_page_numbers_and_review_dates(page_texts: list[str]):
    body_pages = page_texts[2:]
    numbered = [
        text
        for number, text in enumerate(body_pages, start=3)
        # Chromium writes the running head and page number before the page's own text.
        if re.search(rf"(^|\n){number}(\n|$)", text)
    ]
    assert len(numbered) == len(body_pages), "some pages have no page number at the foot"
    heads = [" ".join(text.split("\n")[:2]) for text in page_texts]
    assert sum("Understand" in head for head in heads) >= 2
    assert sum("Last reviewed" in text for text in page_texts) >= 15


def test_every_font_is_embedded_and_is_a_vendored_noto_font(reader: PdfReader):
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"not embedded: {[f for f, e in fonts.items() if not e]}"
    noto = [name for name in fonts if "NotoSans" in name.replace("-", "")]
    assert noto == list(fonts), f"a system font slipped in: {fonts}"


def test_every_internal_link_resolves_to_a_destination(reader: PdfReader):
    # Chromium names each destination in the catalog's /Dests (an element's id).
    dests = reader.trailer["/Root"].get("/Dests")
    destinations = set(dests.get_object().keys()) if dests is not None else set()
    internal, unresolved = 0, []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A") or {}
            if action.get("/S") == "/GoTo" or "/Dest" in annotation:
                internal += 1
                target = action.get("/D", annotation.get("/Dest"))
                if isinstance(target, str) and target not in destinations:
                    unresolved.append((number, target))
    assert internal >= 200, f"only {internal} internal links: citations and contents should link"
    assert unresolved == []


def test_every_link_in_the_print_source_points_at_an_anchor_that_exists(handbook_pdf: Path):
    source = handbook_pdf.with_suffix(".html").read_text("utf-8")
    ids = set(re.findall(r'\sid="([^"]+)"', source))
    targets = set(re.findall(r'href="#([^"]+)"', source))
    assert targets, "no internal links"
    assert targets <= ids, f"links without an anchor: {sorted(targets - ids)[:10]}"
    duplicated = [i for i in ids if source.count(f' id="{i}"') > 1]
    assert duplicated == []


def test_web_addresses_are_printed_after_external_links(page_texts: list[str]):
    text = "".join(page_texts).replace("\n", "")
    # A link whose words are not its address prints the address in brackets after the words.
    assert "licence(https://creativecommons.org/licenses/by/4.0/)" in text.replace(" ", "")
    # Sources show their address as the link's own words.
    assert text.count("https://") >= 100


def test_the_paper_can_be_us_letter(scratch_project, tmp_path: Path):
    # A small project prints the same way as the handbook: no need to print the whole book.
    page = VALID_FRONT_MATTER + "\n# A page\n\nPrinted on US Letter paper.\n"
    source = scratch_project({"page": page})
    output = build_or_fail(source, tmp_path / "pdf", "pdf", "-D", "onebyone_pdf_paper=letter")
    reader = PdfReader(output / "handbook.pdf")
    sizes = {tuple(round(float(v)) for v in page.mediabox[2:]) for page in reader.pages}
    assert sizes == {LETTER}


def test_no_sheet_holds_only_a_review_line(page_texts: list[str]):
    for number, text in enumerate(page_texts, start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        content = [line for line in lines[:-2] if not line.startswith("Last reviewed")]
        assert content, f"page {number} holds nothing but its running head and review line"
