"""Words we avoid: a term on a page fails the build with its file, line, the word to write and
the reason; a deliberate mention passes only with markup; the data file is checked; and the
handbook itself passes and shows its table from the data."""

from __future__ import annotations

from pathlib import Path

from onebyone.data.terminology import check

from conftest import (
    HANDBOOK,
    VALID_FRONT_MATTER,
    add_extensions,
    article_text,
    build_fails,
    sphinx_build,
)

DATA = HANDBOOK / "_data" / "terminology.yaml"


def with_terminology(source: Path, data: str | None = None) -> Path:
    """Give a scratch project the word checks and the handbook's list (or ``data``)."""
    (source / "_data").mkdir(exist_ok=True)
    (source / "_data" / "terminology.yaml").write_text(data or DATA.read_text("utf-8"))
    return add_extensions(source, "onebyone.checks.terminology")


def builds(source: Path) -> None:
    result = sphinx_build(source, source.parent / "html")
    assert result.returncode == 0, result.stderr


def test_an_avoided_term_fails_with_file_line_suggestion_and_reason(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Page\n\nOne line.\n\nSites that sell child\npornography.\n"
    stderr = build_fails(with_terminology(scratch_project({"page": page})))
    # The term starts on line 12 and runs over to line 13; the message names line 12.
    assert (
        "page.md:12: WARNING: 'child pornography': write 'child sexual abuse material (CSAM)'"
        in stderr
    )
    assert "The old term is not centred on the victim." in stderr
    assert "{avoid}`child pornography`" in stderr


def test_inflections_and_any_case_are_caught(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Page\n\nThey Rescued two children. Call the Help-Line.\n"
    stderr = build_fails(with_terminology(scratch_project({"page": page})))
    assert "'Rescued': write 'get help' instead" in stderr
    assert "'Help-Line': write 'helpline' instead" in stderr


def test_marked_mentions_code_and_addresses_pass(scratch_project):
    page = VALID_FRONT_MATTER + (
        "\n# Page\n\nWe never write {avoid}`child prostitute`. The "
        "{formal-name}`Optional Protocol on the Sale of Children, Child Prostitution and Child "
        "Pornography` is a treaty.\n\nType `rescue` in the box, or see "
        "<https://example.org/rescue>.\n\n```text\nchild pornography\n```\n"
    )
    builds(with_terminology(scratch_project({"page": page})))


def test_a_bibliography_entry_passes_only_when_marked_as_a_formal_name(scratch_project):
    bib = """\
@misc{un-2000-opsc,
  author = {{United Nations}},
  title = {Optional Protocol on the Sale of Children, Child Prostitution and Child Pornography},
  keywords = {formal-name},
  year = {2000},
}
"""
    page = VALID_FRONT_MATTER + "\n# Sources\n\n```{bibliography}\n:all:\n```\n"
    builds(with_terminology(scratch_project({"sources": page}, bib=bib)))


def test_an_unmarked_bibliography_entry_fails(scratch_project):
    bib = "@misc{x-2000-y,\n  author = {{X}},\n  title = {On child prostitution},\n  year = {2000}}"
    page = VALID_FRONT_MATTER + "\n# Sources\n\n```{bibliography}\n:all:\n```\n"
    stderr = build_fails(with_terminology(scratch_project({"sources": page}, bib=bib)))
    assert "'child prostitution': write 'sexual exploitation of children'" in stderr


def test_a_bad_data_file_fails_with_its_line(scratch_project):
    data = "terms:\n  - avoid: [bad word]\n    write: [good word]\n    why: Not a field.\n"
    stderr = build_fails(with_terminology(scratch_project({}), data))
    assert "terminology.yaml:4: WARNING: 'why' is not a field we use" in stderr
    assert "terminology.yaml:2: WARNING: 'reason' is missing. Fix: add  reason:" in stderr


def test_the_data_file_is_valid_and_a_term_listed_twice_is_refused():
    terminology, problems = check(DATA.read_text("utf-8"))
    assert problems == [] and len(terminology.terms) >= 10
    twice = (
        "terms:\n"
        "  - {avoid: [a b], write: [cc], reason: r r, group: house-style}\n"
        "  - {avoid: [A  B], write: [dd], reason: r r, group: house-style}\n"
    )
    terminology, problems = check(twice)
    assert terminology is None
    assert problems[0].line == 3 and "'A  B' is listed twice" in problems[0].message


def test_the_handbook_passes_and_shows_the_table_from_the_data(handbook_html: Path):
    text = article_text(handbook_html / "reference" / "words-we-use.html")
    terminology, _ = check(DATA.read_text("utf-8"))
    for term in terminology.terms:
        if term.group == "survivor-centred":
            for shown in term.shown or term.avoid[:1]:
                assert f"“{shown}”" in text
            assert term.write[0] in text
