"""The bad-input matrix: each kind of mistake a contributor can make fails the strict build
with a message that names the file, the line where there is one, and the fix.

Every case starts from the same small, valid project (which must build cleanly, or the matrix
proves nothing), makes one mistake, and reads what the build prints.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from support.projects import PROSE, TODAY, helplines, page, valid_project

from conftest import HANDBOOK, SITES, VALID_FRONT_MATTER, sphinx_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid project using every check of the handbook."""
    return valid_project(tmp_path)


def append(source: Path, text: str, name: str = "page.md") -> None:
    path = source / name
    path.write_text(path.read_text() + "\n" + textwrap.dedent(text))


def add_workshop_that_does_not_add_up(source: Path) -> None:
    folder = source / "workshops" / "demo"
    folder.mkdir(parents=True)
    module = yaml.safe_load((SITES / "workshop" / "module.yaml").read_text())
    module["pages"] = ["index"]
    module["safeguarding"]["helpline_regions"] = ["GB"]
    module["duration"] += 1
    (folder / "module.yaml").write_text(yaml.safe_dump(module, sort_keys=False))


def languages(listed: bool = False, status: str = "draft") -> str:
    """A language file with one language; its strings copied from the handbook's French."""
    data = yaml.safe_load((HANDBOOK / "_data" / "languages.yaml").read_text("utf-8"))
    french = next(lang for lang in data["languages"] if lang["code"] == "fr")
    language = {
        "code": "fr",
        "name": "Français",
        "listed": listed,
        "review": {"page": {"status": status}},
        "strings": french["strings"],
    }
    return yaml.safe_dump(
        {"safety-core": ["page"], "languages": [language]}, allow_unicode=True, sort_keys=False
    )


def add_picture_without_alt_text(source: Path) -> None:
    shutil.copy(HANDBOOK / "_static" / "favicon.svg", source / "mark.svg")
    append(source, "```{figure} mark.svg\n\nOur mark. Credit: One by One, CC BY 4.0.\n```\n")


HARD = (
    "Notwithstanding the considerable methodological heterogeneity characterising "
    "contemporary investigations, organisational accountability necessitates "
    "comprehensive institutionalisation of multidisciplinary safeguarding arrangements, "
    "incorporating longitudinal evaluation of intergovernmental implementation "
    "responsibilities and jurisdictional interoperability.\n\n"
)

# (kind of mistake, how to make it, what the build must say: file, line where one exists, fix)
CASES = [
    (
        "listed language below the release rule",
        lambda s: (s / "_data" / "languages.yaml").write_text(languages(listed=True)),
        r"languages\.yaml(:\d+)?: WARNING: .*listed but its safety core is not complete.*Fix:",
    ),
    (
        "reviewed translation with no reviewer role",
        lambda s: (s / "_data" / "languages.yaml").write_text(languages(status="reviewed")),
        r"languages\.yaml:\d+: WARNING: .*fr page is 'reviewed' with no role or date.*Fix:",
    ),
    (
        "broken cross-reference",
        lambda s: append(s, "Read [the missing page](missing.md) next.\n"),
        r"page\.md:\d+: WARNING: .*cross-reference target not found.*Fix:",
    ),
    (
        "orphan page",
        lambda s: (s / "orphan.md").write_text(page("Orphan")),
        r"orphan\.md: WARNING: document isn't included in any toctree.*Fix:",
    ),
    (
        "missing front matter",
        lambda s: (s / "page.md").write_text("# A page\n\n" + PROSE),
        r"page\.md:1: WARNING: front matter: .*Fix:",
    ),
    (
        "invalid front matter",
        lambda s: (s / "page.md").write_text(
            page("A page", front_matter=VALID_FRONT_MATTER.replace("everyone", "aliens"))
        ),
        r"page\.md:3: WARNING: front matter: .*aliens.*Fix:",
    ),
    (
        "unknown citation key",
        lambda s: append(s, "A claim {cite:p}`nobody-2024-nothing`.\n"),
        r"page\.md:\d+: WARNING: could not find bibtex key \"nobody-2024-nothing\".*Fix:",
    ),
    (
        "source from a site we never cite",
        lambda s: append(
            s,
            """\
            @misc{factually-2026-check,
              author = {{Factually}},
              title = {A machine-written fact check},
              year = {2026},
              url = {https://factually.co/fact-checks/example},
            }
            """,
            "references.bib",
        ),
        r"references\.bib:\d+: WARNING: sources: entry 'factually-2026-check' cites factually\.co, "
        r"a site we never cite \(ai-generated\).*Fix:",
    ),
    (
        "invalid phone number in the data",
        lambda s: (s / "_data" / "helplines.yaml").write_text(helplines(number="0800 11")),
        r"helplines\.yaml:\d+: WARNING: helpline GB/childline: .*0800 11.*Fix:",
    ),
    (
        "stale helpline",
        lambda s: (s / "_data" / "helplines.yaml").write_text(
            helplines(checked=TODAY - timedelta(days=500))
        ),
        r"helplines\.yaml:\d+: WARNING: helpline GB/childline: last checked .*Fix:",
    ),
    (
        "over-level paragraph",
        lambda s: (s / "page.md").write_text(page("A page", HARD * 8 + PROSE)),
        r"page\.md: WARNING: reading level: grade [\d.]+ is over the limit of 9.*"
        r"line \d+: grade.*Fix:",
    ),
    (
        "image without alt text",
        add_picture_without_alt_text,
        r"page\.md:\d+: WARNING: .*mark\.svg.* no alt text.*Fix:",
    ),
    (
        "malformed YAML in a data file",
        lambda s: (s / "_data" / "helplines.yaml").write_text("regions: [unclosed\n"),
        r"helplines\.yaml:\d+: WARNING: .*Fix:",
    ),
    (
        "malformed YAML in front matter",
        lambda s: (s / "page.md").write_text("---\ndescription: [unclosed\n---\n# A page\n"),
        r"page\.md:\d+: WARNING: front matter: could not read it.*Fix:",
    ),
    (
        "duplicate label",
        lambda s: [
            append(s, "(signs)=\n## Signs\n\nText.\n", name) for name in ("index.md", "page.md")
        ],
        r"\.md:\d+: WARNING: duplicate label signs, other instance in .*\.md.*Fix:",
    ),
    (
        "workshop timings that do not add up",
        add_workshop_that_does_not_add_up,
        r"module\.yaml:\d+: WARNING: workshop: the run sheet adds up to \d+ minutes, "
        r"but 'duration' is \d+\. Fix:",
    ),
    (
        "phone number typed into prose",
        lambda s: append(s, "Call 0800 1111 to talk to someone.\n"),
        r"page\.md:\d+: WARNING: '0800 1111' looks like a phone number typed by hand.*Fix:",
    ),
    (
        "call the emergency number with no number",
        lambda s: append(s, "If a child is in danger now, call the emergency number.\n"),
        r'page\.md:\d+: WARNING: "call the emergency number" has no number and no link to one '
        r"here.*Fix: put the number beside it with \{tel\}",
    ),
    (
        "link to another site's fonts",
        lambda s: append(
            s,
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">\n',
        ),
        r"page\.md:\d+: WARNING: a <link> in this page loads https://fonts\.googleapis\.com"
        r".*Fix:",
    ),
    (
        "script from another site",
        lambda s: append(s, '<script src="https://cdn.example/tracker.js"></script>\n'),
        r"page\.md:\d+: WARNING: a <script> in this page loads https://cdn\.example.*Fix:",
    ),
    (
        "avoided term",
        lambda s: append(s, "Some people still say child prostitute about a victim.\n"),
        r"page\.md:\d+: WARNING: 'child prostitute': write '[^']+' instead.*mark it",
    ),
    (
        "US spelling",
        lambda s: append(s, "Schools can organize a session for parents.\n"),
        r"page\.md:\d+: WARNING: 'organize' is US spelling: write 'organise'",
    ),
    (
        "empty page",
        lambda s: (s / "page.md").write_text(page("A page", "Coming soon.\n")),
        r"page\.md:1: WARNING: empty page: it has 2 words of text.*Fix:",
    ),
    (
        "heading that skips a level",
        lambda s: append(s, "### Too deep\n\nText under it.\n"),
        r"page\.md:\d+: WARNING: Non-consecutive header level.*Fix:",
    ),
    (
        "page overdue for review",
        lambda s: (s / "page.md").write_text(
            page(
                "A page",
                front_matter=VALID_FRONT_MATTER.replace("2026-11-24", "2024-01-10").replace(
                    "2027-11-24", "2025-01-10"
                ),
            )
        ),
        r"page\.md:\d+: WARNING: review-due: this page was due for review .*Fix:",
    ),
]


def write_bytes_into_page(source: Path) -> None:
    latin1 = "A café on the corner.".encode("latin-1")  # not UTF-8
    (source / "page.md").write_bytes(page("A page").encode() + b"\n" + latin1 + b"\n")


def unclose_a_quote_in_the_helplines(source: Path) -> None:
    text = helplines().replace("name: the United Kingdom", 'name: "the United Kingdom')
    (source / "_data" / "helplines.yaml").write_text(text)


BIB = (SITES / "matrix" / "references.bib").read_text()
BIB_URL_LINE = 1 + [line.strip()[:3] for line in BIB.splitlines()].index("url")
UNCLOSED_QUOTE_LINE = 1 + helplines().splitlines().index("  name: the United Kingdom")


def add_markdown_picture_without_alt(source: Path) -> None:
    shutil.copy(HANDBOOK / "_static" / "favicon.svg", source / "mark.svg")
    append(source, "Our mark:\n\n![](mark.svg)\n")


def set_a_small_page_budget(source: Path) -> None:
    (source / "conf.py").write_text(
        (source / "conf.py").read_text() + "onebyone_page_words_max = 40\n"
    )


# Mistakes the contributor trial (December 2026) found slipped through or were caught badly.
CASES += [
    (
        "unclosed ::: box",
        lambda s: append(s, ":::{note}\nInside the box.\n\n## A heading swallowed\n\nText.\n"),
        r"page\.md:\d+: WARNING: the box ':::\{note\}' that opens here is never closed.*"
        r"Fix: add a line ':::'",
    ),
    (
        "unclosed code fence",
        lambda s: append(s, "```text\nA code block.\n\n## A heading swallowed\n"),
        r"page\.md:\d+: WARNING: the code block '```text' .* never closed.*Fix: add a line '```'",
    ),
    (
        "page with no title",
        lambda s: (s / "page.md").write_text(
            VALID_FRONT_MATTER + "\n## Only a section\n\n" + PROSE + "\n## Another\n\n" + PROSE
        ),
        r"page\.md:8: WARNING: this page has no title: its first heading, '## Only a section'.*"
        r"Fix: put the page's title on line 8",
    ),
    (
        "inline script",
        lambda s: append(s, "<script>document.title = 'changed';</script>\n"),
        r"page\.md:\d+: WARNING: content may not run script: a <script> .*Fix: remove it",
    ),
    (
        "inline event handler",
        lambda s: append(s, '<p onclick="alert(1)">Press here.</p>\n'),
        r"page\.md:\d+: WARNING: content may not run script: an inline event handler \(onclick=\)"
        r".*Fix: remove the onclick",
    ),
    (
        "javascript: link",
        lambda s: append(s, '<a href="javascript:alert(1)">Press here</a>\n'),
        r"page\.md:\d+: WARNING: content may not run script: a javascript: address .*Fix: link to",
    ),
    (
        "local iframe",
        lambda s: append(s, '<iframe src="other.html"></iframe>\n'),
        r"page\.md:\d+: WARNING: content may not run script: an <iframe> .*Fix: remove it",
    ),
    (
        "object or embed",
        lambda s: append(s, '<embed src="movie.swf">\n'),
        r"page\.md:\d+: WARNING: content may not run script: an <embed> .*Fix: remove it",
    ),
    (
        "http:// link in a page",
        lambda s: append(s, "Read [the report](http://example.org/report).\n"),
        r"page\.md:\d+: WARNING: the link 'the report' goes to http://example\.org/report, a plain "
        r"http:// address.*Fix: change it to https://.*onebyone_http_allowed",
    ),
    (
        "http:// source in references.bib",
        lambda s: (s / "references.bib").write_text(
            BIB.replace("https://example.org/known", "http://example.org/known")
        ),
        rf"references\.bib:{BIB_URL_LINE}: WARNING: http://example\.org/known is a plain "
        r"http:// address.*Fix:",
    ),
    (
        "http:// source in the helpline data",
        lambda s: (s / "_data" / "helplines.yaml").write_text(
            helplines().replace("https://www.nspcc", "http://www.nspcc")
        ),
        r"helplines\.yaml:\d+: WARNING: http://www\.nspcc\.org\.uk/\S* is a plain http:// "
        r"address.*Fix:",
    ),
    (
        "link to a heading anchor two headings share",
        lambda s: append(s, "## Signs\n\nOne.\n\n## Signs\n\nTwo. See [the signs](#signs).\n"),
        r"page\.md:\d+: WARNING: this link goes to #signs, but two headings on this page are "
        r"called 'Signs'.*Fix: give the headings different titles",
    ),
    (
        "very long word",
        lambda s: append(s, "A " + "x" * 300 + " word.\n"),
        r"page\.md:\d+: WARNING: 'x{40}…x{12}' is 300 characters with no space.*Fix: break it",
    ),
    (
        "page over its size budget",
        set_a_small_page_budget,
        r"\.md:1: WARNING: page size: this page has \d+ words of text, over the budget of 40.*"
        r"Fix: split it",
    ),
    (
        "non-UTF-8 bytes",
        write_bytes_into_page,
        r"page\.md:\d+: WARNING: this page is not saved as UTF-8: the byte 0xe9 after 'A caf'.*"
        r"Fix: save the file as UTF-8",
    ),
    (
        "unclosed quote in YAML",
        unclose_a_quote_in_the_helplines,
        rf"helplines\.yaml:{UNCLOSED_QUOTE_LINE}: WARNING: .*a quote opened on this line is never "
        r"closed.*Fix: add the closing quote",
    ),
    (
        "Markdown picture with no alt text",
        add_markdown_picture_without_alt,
        r"page\.md:\d+: WARNING: image 'mark\.svg' has no alt text\. Fix: write what the picture "
        r"shows between the square brackets.*!\[A teacher",
    ),
]


def test_the_valid_project_builds_cleanly(project: Path):
    result = sphinx_build(project, project.parent / "html")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("kind", "mistake", "says"), CASES, ids=[case[0] for case in CASES])
def test_each_mistake_fails_with_file_line_and_fix(project: Path, kind: str, mistake, says: str):
    mistake(project)
    result = sphinx_build(project, project.parent / "html")
    assert result.returncode != 0, f"{kind}: the build passed"
    assert re.search(says, result.stderr, re.S), f"{kind}: the build said:\n{result.stderr}"
    # A located warning, never Sphinx's crash report asking to report a bug in Sphinx.
    assert "Traceback" not in result.stderr and " error!" not in result.stderr, result.stderr


def test_the_matrix_covers_at_least_thirty_kinds():
    assert len(CASES) >= 30


def test_a_script_in_the_article_is_never_hashed_into_the_policy():
    from onebyone.site.privacy import content_security_policy

    ours = "<script>document.documentElement.dataset.mode = 'auto';</script>"
    page = f'<head>{ours}</head><article class="bd-article"><script>alert(1)</script></article>'
    policy = content_security_policy(page)
    assert policy.count("'sha256-") == 1, policy
    assert content_security_policy(page.replace("<script>alert(1)</script>", "")) == policy
