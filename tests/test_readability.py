"""Reading level: a page harder than its readers' level fails the build with its hardest
paragraphs; every page's figures are reported."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import HANDBOOK, add_extensions, build_fails, sphinx_build

FRONT = """\
---
description: A short page used by a test to check how the build treats its content.
audience: {audience}
reviewed: 2026-11-24
review-due: 2027-11-24
---

# {title}

"""

# Written for adults in a hurry: long sentences of long words.
HARD = [
    "Organisations endeavouring to institutionalise comprehensive safeguarding arrangements "
    "must, notwithstanding considerable administrative complexity, systematically evaluate the "
    "appropriateness of their organisational procedures, documentation requirements and "
    "interdisciplinary communication mechanisms.",
    "Practitioners responsible for multidisciplinary assessments frequently encounter "
    "circumstances in which contradictory institutional expectations, insufficiently specified "
    "responsibilities and fragmented information-sharing protocols substantially complicate "
    "proportionate and timely decision-making.",
    "Consequently, comprehensive organisational accountability necessitates the establishment "
    "of unambiguous escalation procedures, regularly reviewed supervisory arrangements and "
    "continuously updated professional development opportunities for every employee.",
    "Furthermore, evaluation methodologies incorporating longitudinal administrative information "
    "demonstrate considerable variability, particularly regarding classification decisions, "
    "identification thresholds and jurisdictional definitional inconsistencies.",
    "Nevertheless, international comparative investigations consistently indicate that "
    "institutional commitment, adequately resourced coordination structures and meaningful "
    "participation by affected communities substantially improve preventative interventions.",
    "Ultimately, organisational leadership should systematically prioritise sustainable "
    "investment in training, supervision and interagency cooperation, recognising that "
    "fragmented responsibilities undermine accountability.",
    "Read the summary first. Then read the rest of the page when you have time to think.",
]
PLAIN = [
    "A child can be moved and used by adults. This is wrong. It is never the child's fault.",
    "If a child is in danger now, call the emergency number. Tell them where you are.",
    "You do not need proof to ask for help. You only need to be worried. A helpline can talk "
    "it through with you.",
    "Write down what you saw and when. Keep it short. Use the child's own words if they spoke "
    "to you.",
    "Do not try to sort it out alone. Talk to the safeguarding lead at school or work. They "
    "know what to do next.",
    "Look after yourself too. It can be hard to hear about harm to a child. Talk to someone "
    "you trust.",
    "Most people never see a child in danger. But if you do, you now know the first steps. "
    "Call, tell, write it down.",
    "You can come back to this page at any time. It will still be here when you need it.",
]
# About grade 8: fine for facilitators, too hard for readers when their limit is 5.
MIDDLE = [
    "Facilitators should prepare the room before participants arrive. Check that the handouts, "
    "the helpline card and the evaluation forms are ready for everyone attending.",
    "During the discussion, encourage participants to describe situations in general terms. "
    "Remind them that personal stories about identifiable children should not be shared.",
    "If someone becomes upset, offer a quiet break outside the room. Make sure that a second "
    "facilitator continues the session for the others.",
    "At the end of the session, summarise the key points and repeat where to get help. Collect "
    "the evaluation forms so that the module can be improved.",
    "Keep a record of any concerns raised. Pass them to the designated safeguarding lead on the "
    "same day, following your organisation's written procedure.",
    "Plan the timing carefully, because discussions often take longer than expected. Leave ten "
    "minutes spare at the end for questions and for anyone who wants a private word with you.",
]


def page(paragraphs: list[str], audience: str = "[everyone]", title: str = "A page") -> str:
    return FRONT.format(audience=audience, title=title) + "\n\n".join(paragraphs) + "\n"


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def with_readability(source: Path, *settings: str) -> Path:
    # Scratch pages are a line or two; the empty-page rule has its own case in test_bad_input.py.
    settings = ("onebyone_empty_page_words = 0", *settings)
    return add_extensions(source, "onebyone.checks.readability", settings=settings)


def test_a_page_written_for_adults_fails_and_names_its_three_hardest_paragraphs(
    scratch_project,
):
    text = page(HARD, title="Adults")
    source = with_readability(scratch_project({"hard": text}))
    printed = build_fails(source)
    assert "hard.md: WARNING: reading level: grade" in printed
    assert "is over the limit of 9 for readers" in printed
    hardest = printed.split("The hardest paragraphs:")[1].split("Fix:")[0].strip().splitlines()
    assert len(hardest) == 3
    # The three with the longest words, named by their line in the file and first words.
    expected = [HARD[3], HARD[0], HARD[2]]
    for named, paragraph in zip(hardest, expected, strict=True):
        first = " ".join(paragraph.split()[:3])
        assert named.strip().startswith(f"line {line_of(text, first)}: grade ")
        assert f'"{first}' in named
    assert "Fix: use shorter sentences" in printed and "common" in printed


def test_a_plain_page_passes_and_every_page_is_reported(scratch_project, tmp_path: Path):
    source = with_readability(scratch_project({"plain": page(PLAIN), "short": page(HARD[:1])}))
    result = sphinx_build(source, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    # The reports folder sits beside the output folder.
    report = (tmp_path / "reports" / "readability.md").read_text("utf-8")
    data = json.loads((tmp_path / "reports" / "readability.json").read_text("utf-8"))
    assert set(data["pages"]) == {"index.md", "plain.md", "short.md"}
    for name in data["pages"]:
        assert f"| {name} |" in report
    plain = data["pages"]["plain.md"]
    assert plain["judged"] and plain["grade"] < 9 and plain["words_per_sentence"] < 10
    # One hard paragraph is too little prose to judge: reported, not failed.
    assert not data["pages"]["short.md"]["judged"]
    assert "| short.md |" in report and "not judged (under 150 words)" in report


def test_facilitator_pages_have_their_own_limit(scratch_project):
    pages = {
        "for-readers": page(MIDDLE, "[everyone, facilitators]"),
        "for-facilitators": page(MIDDLE, "[facilitators, professionals]"),
    }
    limits = ("onebyone_reading_grade_max = 5", "onebyone_reading_grade_max_facilitators = 11")
    printed = build_fails(with_readability(scratch_project(pages), *limits))
    assert "for-readers.md: WARNING: reading level" in printed
    assert "over the limit of 5 for readers" in printed
    assert "for-facilitators.md" not in printed


def test_the_handbook_is_within_its_reading_levels(handbook_html: Path):
    data = json.loads((handbook_html.parent / "reports" / "readability.json").read_text("utf-8"))
    sources = {str(p.relative_to(HANDBOOK)) for p in HANDBOOK.rglob("*.md")}
    assert set(data["pages"]) == sources
    for name, figures in data["pages"].items():
        assert figures["grade"] <= figures["limit"], name


def test_the_guide_is_within_the_facilitators_level_and_reports_under_its_own_name(
    docs_html: Path,
):
    reports = docs_html.parent / "reports"
    data = json.loads((reports / "guide-readability.json").read_text("utf-8"))
    assert data["pages"] and not (reports / "readability.json").exists()
    for name, figures in data["pages"].items():
        assert figures["level"] == "facilitators" and figures["grade"] <= figures["limit"], name
