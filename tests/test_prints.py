"""Every print: tagged, with its language, title and bookmarks; handouts and cards read cleanly on
paper (no stray space before punctuation, no inline citations); each card fits one page with
every number of its country from the data and the day it was checked; a print is printed again
only when something in it changed; US Letter on a small project; Khmer wraps without spaces."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
import yaml
from pypdf import PdfReader

from onebyone.data.helplines import check as check_helplines
from onebyone.data.helplines import dial

from conftest import (
    HANDBOOK,
    HANDBOOK_PAPERS,
    SCRATCH_BIB,
    SITES,
    VALID_FRONT_MATTER,
    add_extensions,
    build_or_fail,
)

pytestmark = pytest.mark.pdf

LETTER = (612, 792)
STRAY_SPACE = re.compile(r"\w \s*[.,;:!?](?=\s|$)")
FRENCH_STRAY_SPACE = re.compile(r"\w \s*[.,](?=\s|$)")


def regions():
    from datetime import date

    directory, problems = check_helplines(
        (HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"), date.today(), 10_000
    )
    assert directory is not None, problems
    return [region for region in directory.regions if region.service("emergency")]


# A print in another language than English: card-kh-km-a4.pdf (content.helplines).
IN_A_LANGUAGE = re.compile(r"^(?:card|poster)-[a-z]+-(?P<code>[a-z]{2,3})-(?:a4|letter)$")


def print_language(pdf: Path) -> str:
    found = IN_A_LANGUAGE.match(pdf.stem)
    return found["code"] if found else "en-GB"


def translated(words: str, code: str) -> str:
    """The words as a print in that language shows them, from its catalogue."""
    if code == "en-GB":
        return words
    from babel.messages.pofile import read_po

    with (HANDBOOK / "locales" / code / "LC_MESSAGES" / "sphinx.po").open("rb") as po:
        message = read_po(po).get(words)
    return message.string if message and message.string else words


def page_text(pdf: Path, number: int = 0) -> str:
    """What a reader sees on a page, read from the PDF's rendering engine (pdfium)."""
    page = pypdfium2.PdfDocument(pdf)[number]
    return page.get_textpage().get_text_range()


def test_every_print_is_tagged_with_language_title_and_bookmarks(handbook_pdf: Path):
    prints = sorted(handbook_pdf.parent.glob("*.pdf"))
    assert len(prints) >= 3
    for pdf in prints:
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, f"{pdf.name} is not tagged"
        assert root["/MarkInfo"]["/Marked"], f"{pdf.name} is not marked as tagged"
        language = print_language(pdf)
        assert root["/Lang"] == language, f"{pdf.name}: /Lang is {root.get('/Lang')!r}"
        assert reader.metadata.title, f"{pdf.name} has no title"
        assert root.get("/PageMode") == "/UseOutlines", f"{pdf.name} does not open to bookmarks"
        assert reader.outline, f"{pdf.name} has no bookmarks"


def test_the_book_is_tagged_with_headings_lists_tables_and_links(handbook_pdf: Path):
    reader = PdfReader(handbook_pdf)
    roles: set[str] = set()
    pending = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending and len(roles) < 40:
        node = pending.pop().get_object()
        if "/S" in node:
            roles.add(str(node["/S"]))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        pending += [
            kid for kid in kids if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get")
        ]
    assert {"/H1", "/H2", "/L", "/LI", "/Table", "/Link"} <= roles, roles


@pytest.mark.parametrize("paper", HANDBOOK_PAPERS)  # and US Letter: tests/test_kits.py
@pytest.mark.parametrize(("kind", "pages"), [("card", 2), ("poster", 1)])
def test_each_card_and_poster_fits_its_pages_with_every_number_and_its_check_date(
    handbook_pdf: Path, paper: str, kind: str, pages: int
):
    """The pocket card is two sides (outside, inside); the poster one page."""
    for region in regions():
        pdf = handbook_pdf.parent / f"{kind}-{region.id.lower()}-{paper}.pdf"
        assert len(PdfReader(pdf).pages) == pages, f"{pdf.name} is not {pages} page(s)"
        text = " ".join(" ".join(page_text(pdf, n) for n in range(pages)).split())
        for service in region.services:
            for number in service.phones:
                shown = dial(number, region.countries()).display
                assert shown in text, f"{pdf.name}: {service.name}'s {shown} is missing"
            if service.phones or service.texts:
                day = f"{service.checked.day} {service.checked:%B %Y}"
                assert f"Checked {day}" in text, f"{pdf.name}: no check date for {service.name}"


def handouts_and_cards(folder: Path) -> list[Path]:
    return sorted(
        [
            *folder.glob("card-*-a4.pdf"),
            *folder.glob("poster-*-a4.pdf"),
            *folder.glob("workshop-*-handout-a4.pdf"),
        ]
    )


def test_handouts_and_cards_have_no_stray_space_before_punctuation(handbook_pdf: Path):
    for pdf in handouts_and_cards(handbook_pdf.parent):
        # French puts a (no-break) space before : ; ? and !, as its typography asks.
        stray = FRENCH_STRAY_SPACE if print_language(pdf) == "fr" else STRAY_SPACE
        for number in range(len(PdfReader(pdf).pages)):
            text = page_text(pdf, number)
            found = stray.findall(text)
            assert not found, f"{pdf.name}, page {number + 1}: {found}"


def test_handouts_and_cards_list_their_sources_instead_of_inline_citations(handbook_pdf: Path):
    for pdf in handouts_and_cards(handbook_pdf.parent):
        text = " ".join(page_text(pdf, n) for n in range(len(PdfReader(pdf).pages)))
        text = " ".join(text.split())
        inline = re.findall(r"\[[^\]]*\d{4}\]|\[[^\]]*n\.d\.\]", text)
        assert not inline, f"{pdf.name} has inline citations: {inline[:3]}"
        sources = translated("Sources:", print_language(pdf)).rstrip(":")
        # Khmer comes back from the text layer with spaces between some syllables.
        assert "".join(sources.split()) in "".join(text.split()), f"{pdf.name} lists no sources"


def test_a_handout_prints_its_sources_as_a_short_list_at_the_end(scratch_project, tmp_path):
    """A small module: its handout carries no inline citation and ends with a Sources list;
    its facilitator guide keeps the citations inline (so the test can tell the two apart)."""
    module = yaml.safe_load((SITES / "workshop" / "module.yaml").read_text("utf-8"))
    module["pages"] = ["index"]
    module["safeguarding"]["helpline_regions"] = ["GB"]
    module["kit"] = ["guide", "handout"]  # no slides, cards or form: this test is the handout
    cited = "Signs are clues, not proof {cite:p}`known-2024-source`. Pass your worry on.\n"
    sections = "".join(
        f"\n(demo-{activity['id']})=\n## {activity['title']}\n\n{cited}"
        for activity in module["activities"]
    )
    source = scratch_project(
        {
            "get-help/index": VALID_FRONT_MATTER + "\n# Get help\n\nWho to call.\n",
            "references": VALID_FRONT_MATTER + "\n# References\n\n```{bibliography}\n```\n",
            "workshops/demo/guide": VALID_FRONT_MATTER
            + "\n# Demo: facilitator guide\n\n```{workshop-plan}\n```\n"
            + sections,
            "workshops/demo/handout": VALID_FRONT_MATTER + "\n# Demo: handout\n\n" + cited,
        },
        bib=(HANDBOOK / "references.bib").read_text("utf-8") + "\n" + SCRATCH_BIB,
    )
    (source / "workshops" / "demo" / "module.yaml").write_text(yaml.safe_dump(module))
    (source / "_data").mkdir()
    shutil.copy(HANDBOOK / "_data" / "helplines.yaml", source / "_data" / "helplines.yaml")
    add_extensions(
        source,
        "onebyone.content.helplines",
        "onebyone.content.workshops",
        settings=('myst_url_schemes = ["http", "https", "mailto", "tel", "sms"]',),
    )
    output = build_or_fail(source, tmp_path / "pdf", "pdf")
    stem = f"workshop-{module['number']}-demo"

    def text(kind: str) -> list[str]:
        pdf = output / f"{stem}-{kind}-a4.pdf"
        return [" ".join(page_text(pdf, n).split()) for n in range(len(PdfReader(pdf).pages))]

    inline = re.compile(r"proof \S*\[?Known Organisation,? \(?2024")
    assert any(inline.search(page) for page in text("guide")), "the guide lost its citations"
    handout = text("handout")
    assert not any(inline.search(page) for page in handout), "the handout has inline citations"
    assert "clues, not proof. Pass" in " ".join(handout), "a space was left where the citation was"
    last = handout[-1]
    assert "Sources" in last and "Known Organisation" in last.split("Sources", 1)[1], last


def test_links_are_not_underlined_on_paper():
    css = (Path(__file__).parent.parent / "tools/onebyone/outputs/pdf/print.css").read_text()
    assert re.search(r"(^|\n)a \{[^}]*text-decoration: none", css)


@pytest.fixture(scope="module")
def letter_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page project printed on US Letter, twice over (see the rebuild test)."""
    source = tmp_path_factory.mktemp("letter") / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        'project = "Scratch"\nlanguage = "en_GB"\ncopyright = "2026, Scratch"\n'
        'extensions = ["myst_parser", "onebyone.outputs.pdf"]\n'
        'onebyone_pdf_filename = "scratch.pdf"\nonebyone_pdf_paper = "letter"\n'
        'html_baseurl = "https://example.org/"\n',
        encoding="utf-8",
    )
    (source / "index.md").write_text(
        "# Scratch\n\nThe start page.\n\n```{toctree}\n\nsecond\n```\n", encoding="utf-8"
    )
    (source / "second.md").write_text(
        "# Second page\n\nIf a child is in immediate danger, call the emergency number.\n\n"
        # Khmer is written without spaces between words: it must wrap inside the page.
        + '<p lang="km">'
        + "ក្មេងទាំងអស់ត្រូវការសុវត្ថិភាព" * 12
        + "</p>\n",
        encoding="utf-8",
    )
    return source


def test_the_paper_can_be_us_letter_and_khmer_wraps(letter_project: Path):
    output = build_or_fail(letter_project, letter_project.parent / "pdf", "pdf")
    reader = PdfReader(output / "scratch.pdf")
    sizes = {tuple(round(float(v)) for v in page.mediabox[2:]) for page in reader.pages}
    assert sizes == {LETTER}
    for number in range(len(reader.pages)):
        page = pypdfium2.PdfDocument(output / "scratch.pdf")[number]
        textpage = page.get_textpage()
        width = page.get_width()
        for index in range(textpage.count_chars()):
            left, _, right, _ = textpage.get_charbox(index)
            assert left >= 0 and right <= width, f"text runs off page {number + 1}"
    # Copied out of the PDF, Khmer comes back as written (read by poppler, as readers' tools
    # do; pdfium's own text extraction reorders Khmer clusters).
    if shutil.which("pdftotext"):
        layer = subprocess.run(
            ["pdftotext", str(output / "scratch.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert "ក្មេងទាំងអស់ត្រូវការសុវត្ថិភាព" in re.sub(r"\s", "", layer), "Khmer text layer"


def test_a_print_is_printed_again_only_when_something_in_it_changed(letter_project: Path):
    output = letter_project.parent / "pdf"
    pdf = output / "scratch.pdf"
    if not pdf.exists():
        build_or_fail(letter_project, output, "pdf")
    before = pdf.stat().st_mtime_ns
    assert (output / "scratch.pdf.sha256").exists()
    build_or_fail(letter_project, output, "pdf")
    assert pdf.stat().st_mtime_ns == before, "nothing changed, yet the PDF was printed again"
    page = letter_project / "second.md"
    page.write_text(page.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    build_or_fail(letter_project, output, "pdf")
    assert pdf.stat().st_mtime_ns != before, "a page changed, but the PDF was not printed again"
    assert "One more line." in page_text(pdf, len(PdfReader(pdf).pages) - 1)


def test_the_printer_prints_while_jobs_come_and_reports_what_a_print_could_not_load(tmp_path):
    """Chromium prints each job handed to it, the second written into the page that printed
    the first; a request to another host is refused and a missing file reported, each for the
    print that made it, and a draft's follow-up is printed in its place."""
    from onebyone.outputs.pdf import chromium

    from conftest import chromium_path

    def page(name: str, body: str) -> Path:
        path = tmp_path / f"{name}.html"
        path.write_text(f'<!doctype html><html lang="en"><title>{name}</title>{body}</html>')
        return path

    clean = page("clean", "<h1>One</h1><p>A print with nothing to load.</p>")
    remote = page("remote", '<h1>Two</h1><img alt="" src="https://example.org/x.png">')
    missing = page("missing", '<h1>Three</h1><img alt="" src="nowhere.png">')
    final = page("final", "<h1>Final</h1><p>The second printing.</p>")
    draft = page("draft", "<h1>Draft</h1>")
    jobs = [
        chromium.Job(clean, tmp_path / "clean.pdf"),
        chromium.Job(remote, tmp_path / "remote.pdf"),
        chromium.Job(missing, tmp_path / "missing.pdf"),
        chromium.Job(
            draft, tmp_path / "book.pdf", lambda: chromium.Job(final, tmp_path / "book.pdf")
        ),
    ]
    with chromium.Printer(chromium_path(), workers=2) as printer:
        for job in jobs:
            printer.submit(job)
    problems = {job.pdf.stem: found for job, found in printer.results}
    assert sorted(problems) == ["book", "clean", "missing", "remote"]
    assert problems["clean"] == [] and problems["book"] == []
    assert any("refused to load https://example.org/x.png" in p for p in problems["remote"])
    assert any("could not load" in p and "nowhere.png" in p for p in problems["missing"])
    assert "The second printing." in PdfReader(tmp_path / "book.pdf").pages[0].extract_text()
    assert (
        "A print with nothing to load." in PdfReader(tmp_path / "clean.pdf").pages[0].extract_text()
    )
