"""Reading level: every page's prose is measured while Sphinx reads it, and a page that is
harder than its readers' level fails the build.

What is measured: paragraphs and list items, boxes and definitions, as a reader sees them.
Not measured: headings, code, tables, citations and the bibliography, and blocks the build
generates from data (helplines, workshop plans, the review line). The measures, from
``textstat``:

- Flesch-Kincaid grade: the school grade (US) a reader needs; grade 9 is about age 14;
- Flesch reading ease: 0 to 100, higher is easier; 60 to 70 is plain English;
- words per sentence.

The page is measured as one text, with every paragraph and list item its own sentence (a list
item without a full stop is not joined to the next). The limit depends on the page's
``audience`` front matter: pages for readers at most ``onebyone_reading_grade_max`` (9);
pages only for facilitators, professionals or contributors, and workshop facilitator guides, at
most ``onebyone_reading_grade_max_facilitators`` (11). A page with fewer than
``onebyone_reading_min_words`` words of prose (a list of links, the references) is measured and
reported but not judged: a grade from a few lines is noise. A page with fewer than
``onebyone_empty_page_words`` (40) is a stub, and fails the build as an empty page.

A page over its limit is a warning at its file, naming its three hardest paragraphs by line,
grade and first words, with the fix; the strict build (``-W``) turns it into a failure. Every
page's figures are written to ``readability.md`` and ``readability.json`` in the reports
folder (see :mod:`onebyone.reports`) when the build finishes.
"""

from __future__ import annotations

import fnmatch
import re
import statistics
from dataclasses import asdict, dataclass, field

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

# textstat 0.7.5 and later fetch NLTK's CMU dictionary from the internet when first used,
# which fails offline and in CI; 0.7.4 counts syllables with pyphen's bundled dictionaries.
from textstat.textstat import textstatistics

from onebyone import core, reports
from onebyone.checks import prose

logger = logging.getLogger(__name__)

TEXTSTAT = textstatistics()
# Syllables are counted from hyphenation points. pyphen's en_US patterns miss fewer syllables
# than its en_GB ones (8% against 17% on a sample of our common words) and read British spelling
# as well, so grades run about half a grade low rather than a whole grade.
TEXTSTAT.set_lang("en_US")
# Syllables of each word met so far: textstat asks pyphen again for every word of every
# paragraph, and the same few thousand words recur on every page.
_SYLLABLES: dict[str, int] = {}


def syllable_count(text: str) -> int:
    """textstat's ``syllable_count``, with each word's count worked out once per build."""
    count = 0
    for word in TEXTSTAT.remove_punctuation(text.lower()).split():
        syllables = _SYLLABLES.get(word)
        if syllables is None:
            syllables = _SYLLABLES[word] = len(TEXTSTAT.pyphen.positions(word)) + 1
        count += syllables
    return count


FIX = (
    "Fix: use shorter sentences (one idea each, about 15 words), swap long words for common "
    'ones ("use" not "utilise", "help" not "assistance"), and split long paragraphs. '
    "Keep every fact and citation."
)

# What readability leaves out besides what is never prose (``prose.NOT_PROSE``): blocks a
# reader does not read straight through, and citation markers.
SKIPPED_NODES = (
    *prose.NOT_PROSE,
    nodes.table,
    nodes.citation,
    nodes.footnote,
    nodes.docinfo,
    nodes.field_list,
    nodes.title,
    nodes.rubric,
    nodes.term,  # a glossary term is a heading for its definition
    addnodes.toctree,
)
SKIPPED_INLINE = (*prose.NOT_PROSE, nodes.citation_reference, nodes.footnote_reference)


@dataclass
class Paragraph:
    line: int
    words: int
    sentences: int
    syllables: int
    text: str

    @property
    def grade(self) -> float:
        return flesch_kincaid(self.words, self.sentences, self.syllables)


@dataclass
class PageReading:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    audience: list[str] = field(default_factory=list)
    level: str = "readers"
    limit: float = 9.0
    hardest: list[dict] = field(default_factory=list)

    @property
    def grade(self) -> float:
        return flesch_kincaid(self.words, self.sentences, self.syllables)

    @property
    def ease(self) -> float:
        if not self.words:
            return 0.0
        return round(
            206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words, 1
        )

    @property
    def words_per_sentence(self) -> float:
        return round(self.words / self.sentences, 1) if self.sentences else 0.0


def flesch_kincaid(words: int, sentences: int, syllables: int) -> float:
    if not words or not sentences:
        return 0.0
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)


def _prose(paragraph: nodes.paragraph) -> str:
    parts: list[str] = []
    for text in paragraph.findall(nodes.Text):
        inside = text.parent
        skipped = False
        while inside is not None and inside is not paragraph:
            is_citation = isinstance(inside, addnodes.pending_xref) and (
                inside.get("refdomain") == "cite"
            )
            if isinstance(inside, SKIPPED_INLINE) or is_citation:
                skipped = True
                break
            inside = inside.parent
        if not skipped:
            parts.append(text.astext())
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _is_skipped(node: nodes.Node, skip_classes: set[str]) -> bool:
    while node is not None:
        if isinstance(node, SKIPPED_NODES) or skip_classes & set(node.get("classes", [])):
            return True
        node = node.parent
    return False


def measure_paragraphs(doctree: nodes.document, skip_classes: set[str]) -> list[Paragraph]:
    """Every paragraph of prose on the page, in order, with its counts."""
    found = []
    for paragraph in doctree.findall(nodes.paragraph):
        if _is_skipped(paragraph, skip_classes):
            continue
        text = _prose(paragraph)
        if not re.search(r"[A-Za-z]", text):
            continue
        # A list item or a lead-in without a full stop still ends a sentence for a reader.
        counted = text if re.search(r"[.!?][\"'”’)]*$", text) else text + "."
        words = TEXTSTAT.lexicon_count(counted)
        if not words:
            continue
        line = paragraph.line or _nearest_line(paragraph)
        found.append(
            Paragraph(
                line=line,
                words=words,
                sentences=TEXTSTAT.sentence_count(counted),
                syllables=syllable_count(counted),
                text=text,
            )
        )
    return found


def _nearest_line(node: nodes.Node) -> int:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 0


def _audience(app: Sphinx, docname: str) -> list[str]:
    record = core.data(app.env).pages.get(docname)
    return list(record.meta.audience) if record else []


def _level(app: Sphinx, docname: str, audience: list[str]) -> tuple[str, float]:
    config = app.config
    for_facilitators = bool(audience) and set(audience) <= set(
        config.onebyone_reading_facilitator_audiences
    )
    if for_facilitators or any(
        fnmatch.fnmatch(docname, pattern) for pattern in config.onebyone_reading_facilitator_pages
    ):
        return "facilitators", float(config.onebyone_reading_grade_max_facilitators)
    return "readers", float(config.onebyone_reading_grade_max)


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def _measure_page(app: Sphinx, doctree: nodes.document) -> None:
    if not core.in_english(app):
        return  # an English word list: other languages are not judged by it
    docname = app.env.docname
    if any(fnmatch.fnmatch(docname, pattern) for pattern in app.config.onebyone_reading_exempt):
        return
    paragraphs = measure_paragraphs(doctree, set(app.config.onebyone_reading_skip_classes))
    audience = _audience(app, docname)
    level, limit = _level(app, docname, audience)
    page = PageReading(
        words=sum(p.words for p in paragraphs),
        sentences=sum(p.sentences for p in paragraphs),
        syllables=sum(p.syllables for p in paragraphs),
        audience=audience,
        level=level,
        limit=limit,
    )
    # A grade from a paragraph of a few words is noise; rank the substantial ones first.
    ranked = sorted(paragraphs, key=lambda p: (p.words >= 12, p.grade), reverse=True)
    page.hardest = [
        {"line": p.line, "grade": p.grade, "words": p.words, "starts": _first_words(p.text)}
        for p in ranked[:3]
    ]
    core.data(app.env).readings[docname] = asdict(page)

    if page.words < app.config.onebyone_empty_page_words:
        # A page that exists must have real content: no stubs or "coming soon" pages.
        core.warn(
            core.Warnings.EMPTY_PAGE,
            core.Problem(
                1,
                f"empty page: it has {page.words} words of text, fewer than the "
                f"{app.config.onebyone_empty_page_words} a page needs",
                "write the page (key points, the body, what to do next), or delete it and "
                "remove it from its part's toctree until it is written.",
            ),
            location=(docname, 1),
        )
        return
    if page.words < app.config.onebyone_reading_min_words or page.grade <= limit:
        return
    hardest = "\n".join(
        f'  line {item["line"]}: grade {item["grade"]:.1f}, "{item["starts"]}"'
        for item in page.hardest
    )
    core.warn(
        core.Warnings.READABILITY,
        core.Problem(
            1,
            f"reading level: grade {page.grade:.1f} is over the limit of {limit:g} for {level} "
            f"({page.words_per_sentence:g} words a sentence on average). "
            f"The hardest paragraphs:\n{hardest}\n",
            FIX.removeprefix("Fix: "),
        ),
        location=docname,
    )


def _page_from(data: dict) -> PageReading:
    return PageReading(**data)


def _write_report(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in app.config.onebyone_reading_report_builders:
        return
    if not core.in_english(app):
        return
    minimum = app.config.onebyone_reading_min_words
    pages = {
        docname: _page_from(data)
        for docname, data in sorted(core.data(app.env).readings.items())
        if docname in app.env.found_docs
    }
    judged = [page.grade for page in pages.values() if page.words >= minimum]
    rows = []
    for docname, page in pages.items():
        if page.words < minimum:
            verdict = f"not judged (under {minimum} words)"
        elif page.grade > page.limit:
            verdict = "**over the limit**"
        else:
            verdict = "within"
        rows.append(
            f"| {app.env.doc2path(docname, base=False)} | {page.level} | {page.limit:g} "
            f"| {page.grade:.1f} | {page.ease:.1f} | {page.words_per_sentence:g} "
            f"| {page.words} | {verdict} |"
        )
    summary = (
        f"Judged pages: {len(judged)}; grade lowest {min(judged):.1f}, "
        f"median {statistics.median(judged):.1f}, highest {max(judged):.1f}."
        if judged
        else "No page has enough prose to judge."
    )
    markdown = "\n".join(
        [
            "# Reading level",
            "",
            "Flesch-Kincaid grade (lower is easier) and Flesch reading ease (higher is easier) "
            "of each page's prose: paragraphs and list items, not headings, code, tables or "
            f"citations. Pages with fewer than {minimum} words of prose are measured but not "
            "judged: a grade from a few lines is noise.",
            "",
            summary,
            "",
            "| Page | Written for | Limit | Grade | Ease | Words a sentence | Words | Verdict |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    data = {
        "minimum_words": minimum,
        "pages": {
            str(app.env.doc2path(docname, base=False)): {
                **asdict(page),
                "grade": page.grade,
                "reading_ease": page.ease,
                "words_per_sentence": page.words_per_sentence,
                "judged": page.words >= minimum,
            }
            for docname, page in pages.items()
        },
    }
    written = reports.write_report(app, "readability", markdown, data)
    logger.info(f"reading level report: {written}")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.checks.frontmatter")
    app.setup_extension("onebyone.reports")
    app.add_config_value("onebyone_reading_grade_max", 9, "env", types=[int, float])
    app.add_config_value("onebyone_reading_grade_max_facilitators", 11, "env", types=[int, float])
    app.add_config_value(
        "onebyone_reading_facilitator_audiences",
        ["facilitators", "professionals", "contributors"],
        "env",
        types=[list],
    )
    # Docnames (wildcards allowed) judged at the facilitators' level whatever their audience.
    app.add_config_value(
        "onebyone_reading_facilitator_pages", ["workshops/*/guide"], "env", types=[list]
    )
    app.add_config_value("onebyone_reading_min_words", 150, "env", types=[int])
    # Fewer words of prose than this and the page is a stub, which fails the build.
    app.add_config_value("onebyone_empty_page_words", 40, "env", types=[int])
    app.add_config_value("onebyone_reading_exempt", [], "env", types=[list])
    app.add_config_value(
        "onebyone_reading_skip_classes",
        ["page-review", "helplines", "workshop-plan", "workshop-list", "workshop-cards"],
        "env",
        types=[list],
    )
    app.add_config_value(
        "onebyone_reading_report_builders", ["html", "dirhtml", "pdf"], "", types=[list]
    )
    # After Sphinx has collected the front matter (priority 500) and other extensions have
    # added their generated blocks, so the audience is known and those blocks can be skipped.
    app.connect("doctree-read", _measure_page, priority=800)
    app.connect("build-finished", _write_report)
    return core.PARALLEL_SAFE
