"""Workshop modules: the plan is data that the build checks, and every guide, handout and card
prints the right size, with the data's numbers and a QR code that leads to its printed address."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
import yaml
import zxingcpp
from pypdf import PdfReader

from onebyone.data.helplines import check as check_helplines
from onebyone.data.workshops import check_module

from conftest import (
    HANDBOOK,
    HANDBOOK_PAPERS,
    SITES,
    VALID_FRONT_MATTER,
    add_extensions,
    build_fails,
)

WORKSHOPS = HANDBOOK / "workshops"
# Every module in the handbook, by folder: what the tests check is read from its module.yaml.
MODULES = {
    path.parent.name: yaml.safe_load(path.read_text("utf-8"))
    for path in sorted(WORKSHOPS.glob("*/module.yaml"))
}
SIZES = {"a4": (595, 842), "letter": (612, 792)}
GUIDE_SECTIONS = ["Activities", "Discussion questions", "Myth or fact quiz", "Evaluation form"]


def regions() -> list:
    directory, _ = check_helplines(
        (HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"),
        __import__("datetime").date.today(),
        365,
    )
    return [r for r in directory.regions if r.service("emergency")]


def valid_module() -> dict:
    """A frozen valid module (60 minutes), so that changing the handbook's modules never
    breaks the tests that break this one."""
    return yaml.safe_load((SITES / "workshop" / "module.yaml").read_text("utf-8"))


def docs() -> set[str]:
    return {str(p.relative_to(HANDBOOK).with_suffix("")) for p in HANDBOOK.rglob("*.md")}


@pytest.mark.parametrize("slug", MODULES)
def test_each_module_is_valid_and_its_minutes_add_up(slug: str):
    module, problems = check_module(
        WORKSHOPS / slug / "module.yaml", docs(), {region.id for region in regions()}
    )
    assert problems == [], [p.message for p in problems]
    assert sum(a.minutes for a in module.activities) == module.duration


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            lambda m: m["activities"][0].update(minutes=m["activities"][0]["minutes"] + 5),
            "the run sheet adds up to 65 minutes, but 'duration' is 60",
        ),
        (lambda m: m.pop("objectives"), "'objectives' is missing"),
        (lambda m: m.pop("safeguarding"), "'safeguarding' is missing"),
        (lambda m: m["pages"].append("recognise/no-such-page"), "'recognise/no-such-page' does"),
        (lambda m: m["safeguarding"]["helpline_regions"].append("XX"), "no region 'XX'"),
        (
            lambda m: (
                m["activities"].append(dict(m["activities"][0], minutes=1))
                or m.update(duration=m["duration"] + 1)
            ),
            "appears twice",
        ),
    ],
    ids=["minutes", "objectives", "safeguarding", "page", "region", "duplicate"],
)
def test_a_bad_module_fails_with_file_line_and_fix(tmp_path: Path, change, says: str):
    data = valid_module()
    change(data)
    path = tmp_path / "module.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    _, problems = check_module(path, docs(), {"GB", "US", "CA", "AU", "IE"})
    assert any(says in p.message for p in problems), [p.message for p in problems]
    assert all(p.line >= 1 and p.fix for p in problems)


def test_a_module_that_does_not_add_up_stops_the_build(scratch_project):
    source = scratch_project({})
    folder = source / "workshops" / "demo"
    folder.mkdir(parents=True)
    data = valid_module()
    data["pages"] = ["index"]
    data["duration"] = 61
    (folder / "module.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    add_extensions(source, "onebyone.content.workshops")
    stderr = build_fails(source)
    assert re.search(
        r"workshops/demo/module\.yaml:\d+: WARNING: workshop: the run sheet adds up "
        r"to 60 minutes, but 'duration' is 61\. Fix:",
        stderr,
    )


def test_a_run_sheet_activity_without_its_section_fails_the_build(scratch_project):
    guide = VALID_FRONT_MATTER + "\n# Demo: facilitator guide\n\n```{workshop-plan}\n```\n"
    source = scratch_project({"workshops/demo/guide": guide})
    data = valid_module()
    data["pages"] = ["index"]
    data["safeguarding"]["helpline_regions"] = ["GB"]
    (source / "workshops" / "demo" / "module.yaml").write_text(yaml.safe_dump(data))
    (source / "_data").mkdir()
    (source / "_data" / "helplines.yaml").write_text(
        (HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8")
    )
    (source / "references.bib").write_text((HANDBOOK / "references.bib").read_text("utf-8"))
    add_extensions(source, "onebyone.content.helplines", "onebyone.content.workshops")
    stderr = build_fails(source)
    assert "undefined label: 'demo-welcome'" in stderr


@pytest.mark.parametrize("slug", MODULES)
def test_each_guide_has_every_part_a_facilitator_needs(handbook_html: Path, slug: str):
    html = (handbook_html / "workshops" / slug / "guide.html").read_text("utf-8")
    for section in GUIDE_SECTIONS:
        assert re.search(rf"<h2>{section}", html), f"{slug} guide has no {section!r} section"
    assert "Safeguarding plan" in html and "Run sheet" in html
    assert 'class="onebyone-component content-note admonition"' in html
    assert html.count('class="onebyone-component facilitator-note admonition"') >= 3
    assert re.search(r'href="tel:(999|911)"', html), "no emergency number in the guide"


def test_the_workshops_page_lists_every_module_with_its_prints(handbook_html: Path):
    html = (handbook_html / "workshops" / "index.html").read_text("utf-8")
    for slug, module in MODULES.items():
        number, minutes = module["number"], module["duration"]
        assert f"{minutes} minutes." in html
        for kind in ("guide", "handout"):
            for paper in SIZES:
                assert f'href="../pdf/workshop-{number}-{slug}-{kind}-{paper}.pdf"' in html
    for region in regions():
        assert f'href="../pdf/card-{region.id.lower()}-a4.pdf"' in html


def size(reader: PdfReader) -> tuple[int, int]:
    return tuple(round(float(v)) for v in reader.pages[0].mediabox[2:])


def fonts_of(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize("slug", MODULES)
@pytest.mark.parametrize("paper", HANDBOOK_PAPERS)  # and US Letter: tests/test_kits.py
def test_guides_and_handouts_print_at_the_right_size(handbook_pdf: Path, slug: str, paper: str):
    number = MODULES[slug]["number"]
    for kind in ("guide", "handout"):
        reader = PdfReader(handbook_pdf.parent / f"workshop-{number}-{slug}-{kind}-{paper}.pdf")
        assert size(reader) == SIZES[paper]
        assert all("NotoSans" in font.replace("-", "") for font in fonts_of(reader))
        text = reader.pages[0].extract_text()
        assert "facilitator guide" in text.lower() if kind == "guide" else "handout" in text.lower()
        if kind == "handout":
            assert len(reader.pages) <= 2, f"the {slug} handout is {len(reader.pages)} pages"


@pytest.mark.parametrize("paper", HANDBOOK_PAPERS)  # and US Letter: tests/test_kits.py
def test_each_poster_is_one_page_and_each_card_two_with_the_data_numbers(
    handbook_pdf: Path, paper: str
):
    for region in regions():
        card = PdfReader(handbook_pdf.parent / f"card-{region.id.lower()}-{paper}.pdf")
        assert len(card.pages) == 2, f"{region.id} pocket card is {len(card.pages)} pages"
        assert size(card) == SIZES[paper]
        reader = PdfReader(handbook_pdf.parent / f"poster-{region.id.lower()}-{paper}.pdf")
        assert len(reader.pages) == 1, f"{region.id} poster is {len(reader.pages)} pages"
        assert size(reader) == SIZES[paper]
        text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
        for number in region.service("emergency").phones:
            assert number.number in text
        # A number not yet confirmed by its operator carries that note on the card, after it.
        shown = set(
            re.findall(
                r'href="tel:[^"]+">([^<(]+?)\s*(?:\([^<]*\))?<',
                (handbook_pdf.parent / f"card-{region.id.lower()}-{paper}.html").read_text("utf-8"),
            )
        )
        in_data = {n.number for s in region.services for n in [*s.phones, *s.texts]}
        assert shown and shown <= in_data


def qr_texts(pdf: Path) -> list[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    return [result.text for result in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]


def first_and_last(names: list[str]) -> list[str]:
    return [names[0], names[-1]] if len(names) > 1 else names


# A poster and a print of each kind, the first and last of each, named from the data (a pocket
# card's sheet holds two cards, so two QR codes: tests/test_kits.py checks those).
QR_PRINTS = [
    *(
        f"poster-{region.id.lower()}-{paper}"
        for region in first_and_last(regions())
        for paper in HANDBOOK_PAPERS
    ),
    *(
        f"workshop-{module['number']}-{slug}-{kind}-a4"
        for slug, module in (first_and_last(list(MODULES.items())))
        for kind in ("guide", "handout")
    ),
]


@pytest.mark.parametrize("name", QR_PRINTS)
def test_every_qr_code_decodes_to_its_printed_address(handbook_pdf: Path, name: str):
    pdf = handbook_pdf.parent / f"{name}.pdf"
    decoded = qr_texts(pdf)
    assert len(decoded) == 1, decoded
    text = re.sub(r"\s+", "", PdfReader(pdf).pages[0].extract_text())
    assert decoded[0] in text, "the QR code does not lead to the address printed beside it"
    assert decoded[0].startswith("https://")
