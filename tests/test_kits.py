"""Workshop kits, slides, cut-out cards, the evaluation form, pocket cards and posters, printed
from a small project (one module, one country): what they must hold is read from the module's
data and the helpline data, never typed here."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import yaml
from pypdf import PdfReader

from onebyone.data.helplines import check as check_helplines
from onebyone.data.helplines import dial

from conftest import (
    HANDBOOK,
    SITES,
    VALID_FRONT_MATTER,
    add_extensions,
    build_or_fail,
    write_pages,
)

pytestmark = pytest.mark.pdf

SIZES = {"a4": (595, 842), "letter": (612, 792)}
STRAY_SPACE = re.compile(r"\w \s*[.,;:!?](?=\s|$)")
STEM = "workshop-1-demo"
REGION = "GB"

GUIDE = (
    VALID_FRONT_MATTER
    + """
# Demo: facilitator guide

```{workshop-plan}
```

## Activities

"""
    + "".join(
        f"(demo-{activity})=\n### Activity {activity}\n\nSay hello.\n\n"
        for activity in ("welcome", "what-it-is", "drawn-in", "myth-or-fact", "if-worried", "close")
    )
    + """
## Scenario cards

Copy each card onto its own sheet, without the facilitator note.

**Card 1. The new phone.** A boy on your street has a new phone and stops going to football.

:::{facilitator-note} Safe answer
Only the facilitator reads this note {cite:p}`nspcc-nd-signs`.
:::

**Card 2. The post.** A friend shares a post about children taken from car parks.

:::{facilitator-note} Safe answer
Do not share it.
:::

## Myth or fact quiz

1. Most trafficked children are snatched by strangers.
2. A child can be trafficked without leaving their home town.
3. Sharing a viral post is a good way to help.

:::{facilitator-note} Answers
1. **Myth.** The secret answer for the facilitator.
:::

## Evaluation form

Print this section, one copy per participant.

1. How well do you now understand what child trafficking is?
   Circle one: 1 2 3 4 5 (1 = not at all, 5 = very well)
2. What is one step you will take in the next month?
"""
)
HANDOUT = VALID_FRONT_MATTER + "\n# Demo: handout\n\nCall the emergency number.\n"
SUMMARY = (
    VALID_FRONT_MATTER
    + """
# Signs and what to do

**In a child.** You might notice that a child {cite:p}`nspcc-nd-signs`:

- lets an adult speak for them
- has money they cannot explain

**What to do.** If you are worried:

1. If a child is in immediate danger, call the emergency number.
2. Otherwise, tell your safeguarding lead or call a helpline.
"""
)
WORKSHOPS = VALID_FRONT_MATTER + "\n# Workshops\n\n```{workshop-list}\n```\n"


def module_data() -> dict:
    data = yaml.safe_load((SITES / "workshop" / "module.yaml").read_text("utf-8"))
    data["pages"] = ["index"]
    data["safeguarding"]["helpline_regions"] = [REGION]
    for activity in data["activities"]:
        activity["aim"] = f"The aim of {activity['title'].lower()}, in one line."
    data["kit"] = [
        "guide",
        "handout",
        "slides",
        "scenario-cards",
        "quiz-cards",
        "evaluation-form",
        "country-cards",
    ]
    return data


def region():
    from datetime import date

    directory, problems = check_helplines(
        (HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"), date.today(), 10_000
    )
    assert directory is not None, problems
    return directory.region(REGION)


@pytest.fixture(scope="module")
def kit_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One module and one country's helplines, printed once for the tests below."""
    import shutil

    root = tmp_path_factory.mktemp("kits")
    source = root / "source"
    shutil.copytree(SITES / "scratch", source)
    pages = {
        "workshops/demo/guide": GUIDE,
        "workshops/demo/handout": HANDOUT,
        "workshops/index": WORKSHOPS,
        "recognise/summary": SUMMARY,
        "get-help/index": VALID_FRONT_MATTER + "\n# Get help\n\nCall the emergency number.\n",
    }
    write_pages(source, pages)
    (source / "workshops" / "demo" / "module.yaml").write_text(
        yaml.safe_dump(module_data(), sort_keys=False), encoding="utf-8"
    )
    # The helpline data of one country: every country would print a card and a poster each.
    helplines = yaml.safe_load((HANDBOOK / "_data" / "helplines.yaml").read_text("utf-8"))
    helplines["regions"] = [r for r in helplines["regions"] if r["id"] == REGION]
    (source / "_data").mkdir()
    (source / "_data" / "helplines.yaml").write_text(
        yaml.safe_dump(helplines, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    shutil.copy(HANDBOOK / "references.bib", source / "references.bib")
    add_extensions(
        source,
        "onebyone.content.helplines",
        "onebyone.content.workshops",
        settings=(
            'html_baseurl = "https://example.org/"',
            'myst_url_schemes = ["http", "https", "mailto", "tel", "sms"]',
            'onebyone_cards_signs_page = "recognise/summary"',
            'onebyone_workshops_pdf_manifest = "../pdf/prints.json"',
        ),
    )
    build_or_fail(source, root / "pdf", "pdf")
    return root


def pdf_text(pdf: Path) -> str:
    document = pypdfium2.PdfDocument(pdf)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    return " ".join(text.split())


def not_blank(pdf: Path, page: int = 0) -> float:
    """The share of a rendered page that is ink (not white)."""
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=1).to_pil().convert("L")
    histogram = image.histogram()
    return sum(histogram[:200]) / sum(histogram)


@pytest.mark.parametrize("paper", SIZES)
def test_the_kit_holds_each_item_and_a_contents_page(kit_project: Path, paper: str):
    kit = kit_project / "pdf" / f"{STEM}-kit-{paper}.zip"
    with zipfile.ZipFile(kit) as archive:
        names = {Path(name).name: name for name in archive.namelist()}
        contents = archive.read(names["README.txt"]).decode("utf-8")
    expected = {
        "guide": f"{STEM}-guide-{paper}.pdf",
        "handout": f"{STEM}-handout-{paper}.pdf",
        "slides": f"{STEM}-slides.pdf",
        "scenario-cards": f"{STEM}-scenario-cards-{paper}.pdf",
        "quiz-cards": f"{STEM}-quiz-cards-{paper}.pdf",
        "evaluation-form": f"{STEM}-evaluation-form-{paper}.pdf",
        "country-cards": f"card-{REGION.lower()}-{paper}.pdf",
    }
    wanted = [expected[item] for item in module_data()["kit"]]
    assert set(names) == {"README.txt", *wanted}
    for name in wanted:
        reader = PdfReader(kit_project / "pdf" / name)
        pages = len(reader.pages)
        if "slides" not in name:  # on its paper (the whole handbook's tests print A4 only)
            assert tuple(round(float(v)) for v in reader.pages[0].mediabox[2:]) == SIZES[paper]
        unit = "page" if pages == 1 else "pages"
        line = next((line for line in contents.splitlines() if name in line), "")
        assert f"{pages} {unit}, reviewed " in line, f"{name}: {line!r}"
    # Every item is also printed on its own, beside the kit.
    assert all((kit_project / "pdf" / name).is_file() for name in wanted)


def test_the_slides_are_16_9_with_one_slide_per_idea(kit_project: Path):
    module = module_data()
    pdf = kit_project / "pdf" / f"{STEM}-slides.pdf"
    reader = PdfReader(pdf)
    # Title, content note, each activity, each key message, help.
    assert len(reader.pages) == 2 + len(module["activities"]) + len(module["key_points"]) + 1
    for page in reader.pages:
        width, height = (float(v) for v in page.mediabox[2:])
        assert abs(width / height - 16 / 9) < 0.01, (width, height)
    text = pdf_text(pdf)
    for activity in module["activities"]:
        assert activity["title"] in text and activity["aim"] in text
        assert f"{activity['minutes']} minutes" in text
    help_page = pypdfium2.PdfDocument(pdf)[len(reader.pages) - 1]
    help_text = " ".join(help_page.get_textpage().get_text_range().split())
    for number in region().service("emergency").phones:
        assert dial(number, region().countries()).display in help_text
    assert not_blank(pdf, 1) > 0.005


@pytest.mark.parametrize("paper", SIZES)
def test_the_pocket_card_is_two_sides_with_every_number_and_its_check_date(
    kit_project: Path, paper: str
):
    pdf = kit_project / "pdf" / f"card-{REGION.lower()}-{paper}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2, "front and back"
    for page in reader.pages:
        assert tuple(round(float(v)) for v in page.mediabox[2:]) == SIZES[paper]
    text = pdf_text(pdf)
    for service in region().services:
        for number in service.phones:
            assert dial(number, region().countries()).display in text, service.name
        if service.phones or service.texts:
            day = f"{service.checked.day} {service.checked:%B %Y}"
            assert f"Checked {day}" in text, f"no check date for {service.name}"
    assert not STRAY_SPACE.findall(text), STRAY_SPACE.findall(text)
    assert not re.findall(r"\[[^\]]*(\d{4}|n\.d\.)\]", text), "an inline citation"
    assert not_blank(pdf, 0) > 0.01 and not_blank(pdf, 1) > 0.01


@pytest.mark.parametrize("paper", SIZES)
def test_the_poster_is_one_page_with_the_emergency_number(kit_project: Path, paper: str):
    pdf = kit_project / "pdf" / f"poster-{REGION.lower()}-{paper}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = pdf_text(pdf)
    for service in region().services:
        for number in service.phones:
            assert dial(number, region().countries()).display in text, service.name
    assert not STRAY_SPACE.findall(text)
    assert not_blank(pdf) > 0.01


def test_cards_and_form_leave_out_the_facilitator_notes(kit_project: Path):
    folder = kit_project / "pdf"
    scenario = pdf_text(folder / f"{STEM}-scenario-cards-a4.pdf")
    assert "Card 1. The new phone." in scenario and "Card 2. The post." in scenario
    assert "Only the facilitator" not in scenario and "Copy each card" not in scenario
    quiz = pdf_text(folder / f"{STEM}-quiz-cards-a4.pdf")
    statements = re.findall(r"^\d+\. (.+)$", GUIDE.split("## Myth or fact quiz")[1], re.M)
    assert all(statement in quiz for statement in statements[:3])
    assert "secret answer" not in quiz
    form = pdf_text(folder / f"{STEM}-evaluation-form-a4.pdf")
    assert "What is one step you will take in the next month?" in form
    for name in ("scenario-cards", "quiz-cards", "evaluation-form"):
        text = pdf_text(folder / f"{STEM}-{name}-a4.pdf")
        assert not STRAY_SPACE.findall(text), (name, STRAY_SPACE.findall(text))


def test_a_kit_is_zipped_again_only_when_an_item_changed(kit_project: Path):
    source, output = kit_project / "source", kit_project / "pdf"
    kit = output / f"{STEM}-kit-a4.zip"
    before = kit.stat().st_mtime_ns
    build_or_fail(source, output, "pdf")
    assert kit.stat().st_mtime_ns == before, "nothing changed, yet the kit was zipped again"
    handout = source / "workshops" / "demo" / "handout.md"
    handout.write_text(handout.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    build_or_fail(source, output, "pdf")
    assert kit.stat().st_mtime_ns != before, "the handout changed, but the kit was not"
    with zipfile.ZipFile(kit) as archive:
        inside = archive.read(f"{STEM}-kit-a4/{STEM}-handout-a4.pdf")
    assert inside == (output / f"{STEM}-handout-a4.pdf").read_bytes()


def test_the_workshops_page_links_each_kit_with_its_size_and_pages(kit_project: Path):
    manifest = json.loads((kit_project / "pdf" / "prints.json").read_text("utf-8"))
    html = build_or_fail(kit_project / "source", kit_project / "html", "html")
    page = (html / "workshops" / "index.html").read_text("utf-8")
    for paper in ("a4", "letter"):
        name = f"{STEM}-kit-{paper}.zip"
        assert f'href="../pdf/{name}"' in page
        found = manifest[name]
        assert f"{found['items']} items, {found['pages']} pages" in page


def test_the_pocket_cards_qr_codes_lead_to_the_address_printed_beside_them(kit_project: Path):
    import zxingcpp

    pdf = kit_project / "pdf" / f"card-{REGION.lower()}-a4.pdf"
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=3).to_pil()
    decoded = {result.text for result in zxingcpp.read_barcodes(image)}
    assert len(decoded) == 1, "both cards on the sheet lead to the same address"
    assert next(iter(decoded)) in re.sub(r"\s+", "", pdf_text(pdf))
