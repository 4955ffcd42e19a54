"""The helpline directory: the data is valid, every kind of bad entry fails with its message,
numbers reach pages only from the data, every tel: link dials a real number, and the PDF and
a phone both show the directory."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import pytest
import yaml
from phonenumbers import shortnumberinfo

from onebyone.checks.typed_numbers import typed_numbers
from onebyone.content.countrypages import page_name as card_page
from onebyone.data.helplines import check, known_numbers

from conftest import HANDBOOK, VALID_FRONT_MATTER, add_extensions, build_fails, build_or_fail

DATA = HANDBOOK / "_data" / "helplines.yaml"
TODAY = date.today()
QUOTE = "Children can call Childline any time on 0800 1111"


def phone(number: str, quote: str = QUOTE, **fields) -> list[dict]:
    """A phones list of one number read in ``quote`` today."""
    return [{"number": number, **fields, "source_quote": quote, "quoted": TODAY}]


def one_region(**service_changes) -> dict:
    """A small valid directory; keyword arguments replace fields of its one service."""
    service = {
        "id": "childline",
        "name": "Childline",
        "purposes": ["general"],
        "phones": [{"number": "0800 1111", "source_quote": QUOTE, "quoted": TODAY}],
        "hours": "any time",
        "users": ["children"],
        "source": "https://www.nspcc.org.uk/what-is-child-abuse/",
        "source_kind": "official",
        "cite": ["nspcc-nd-whatisabuse"],
        "checked": TODAY - timedelta(days=10),
        "status": "checked",
    }
    service.update(service_changes)
    service = {key: value for key, value in service.items() if value is not None}
    return {"regions": [{"id": "GB", "name": "the United Kingdom", "services": [service]}]}


def with_helplines(source: Path, data: dict) -> Path:
    """Give a scratch project helpline data and the helplines extension."""
    (source / "_data").mkdir()
    (source / "_data" / "helplines.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return add_extensions(source, "onebyone.content.helplines", "onebyone.content.countrypages")


def check_data(data: dict):
    return check(yaml.safe_dump(data, sort_keys=False), TODAY, 365)


def test_the_real_data_is_valid_and_covers_every_country_in_the_brief():
    directory, problems = check(DATA.read_text("utf-8"), TODAY, 365)
    assert [p.text() for p in problems] == []
    ids = [region.id for region in directory.regions]
    # The countries of the research brief stay covered; any other region may be added.
    assert {"GB", "US", "CA", "AU", "IE", "EU", "KH", "IN", "TH", "PH", "INT"} <= set(ids)
    assert len(set(ids)) == len(ids)
    for region in directory.regions:
        if region.id != "INT":  # routes that work anywhere have no emergency number
            assert region.services[0].id == "emergency", f"{region.id}: the emergency first"
    assert len([i for i in ids if len(i) == 2]) >= 20
    assert all(s.status == "checked" for r in directory.regions for s in r.services)


def test_every_number_is_quoted_and_secondary_ones_say_so():
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    for region in directory.regions:
        for service in region.services:
            for number in [*service.phones, *service.texts]:
                assert number.source_quote and number.quoted <= TODAY
                if service.kind_of(number) == "secondary":
                    assert number.unconfirmed, f"{region.id}/{service.id} {number.number}"


def test_a_valid_entry_passes():
    directory, problems = check_data(one_region())
    assert problems == [] and directory.regions[0].services[0].name == "Childline"


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        ({"phones": phone("0800 111")}, "'0800 111' is not a valid number in GB", 10),
        ({"phones": phone("1280", "Call 1280")}, "'1280' is not a valid number in GB", 10),
        (
            {"phones": phone("0808 800 5001", "Telephone: 0808 800 5000")},
            "'0808 800 5001' does not appear in its source_quote",
            11,
        ),
        (
            {
                "phones": phone(
                    "1280",
                    "Call 1280",
                    unknown_short_code=True,
                    source_kind="secondary",
                    unconfirmed=True,
                )
            },
            "is a short code the numbering library does not know, and its source is not an "
            "official page",
            11,
        ),
        (
            {"phones": phone("12345678", "Call 12345678", unknown_short_code=True)},
            "is marked as a short code but is not 3 to 6 digits",
            10,
        ),
        (
            {"phones": phone("999", "Call 999", unknown_short_code=True)},
            "the library knows it for GB",
            10,
        ),
        ({"source_kind": "secondary"}, "rests only on a secondary page", 10),
        ({"phones": phone("0800 1111", unconfirmed=True)}, "is marked unconfirmed", 11),
        (
            {"phones": phone("0906 123 4567", "Call 0906 123 4567")},
            "'0906 123 4567' is a premium-rate number in GB",
            10,
        ),
        (
            {"phones": phone("+1 888 373 7888", "Call +1 888 373 7888")},
            "'+1 888 373 7888' is a number in US, not in GB",
            10,
        ),
        ({"purposes": ["emergency"]}, "is listed as an emergency number, but it is not one", 10),
        (
            {
                "phones": [
                    {
                        "number": "0800 1111",
                        "source_quote": QUOTE,
                        "quoted": TODAY + timedelta(days=2),
                    }
                ]
            },
            "'quoted' is a date in the future",
            12,
        ),
        ({"phones": [{"number": "0800 1111", "quoted": TODAY}]}, "'source_quote' is missing", 10),
        (
            {"phones": phone("0800 CHILD", "Call 0800 CHILD")},
            "'number': String should match pattern",
            10,
        ),
        ({"source": None}, "'source' is missing", 5),
        ({"source": "not a web address"}, "'source': Input should be a valid URL", 16),
        ({"checked": "24/11/2026"}, "'checked': Input should be a valid date", 20),
        ({"checked": TODAY - timedelta(days=400)}, "days ago (the limit is 365)", 20),
        ({"checked": TODAY + timedelta(days=3)}, "'checked' is a date in the future", 20),
        ({"telephone": "0800 1111"}, "'telephone' is not a field we use", 22),
        ({"status": "probably"}, "'status': Input should be 'checked' or 'unchecked'", 21),
        ({"users": ["kids"]}, "'users': Input should be 'everyone'", 15),
        ({"phones": None}, "a service needs at least one of 'phones', 'texts' or 'web'", 5),
        ({"cite": []}, "'cite': List should have at least 1 item", 18),
    ],
    ids=lambda value: str(value)[:40],
)
def test_each_kind_of_bad_entry_fails_with_its_line_and_a_fix(change, message, line):
    directory, problems = check_data(one_region(**change))
    assert problems, "the bad entry passed"
    assert any(message in p.text() for p in problems), [p.text() for p in problems]
    problem = next(p for p in problems if message in p.text())
    assert problem.line == line
    assert "Fix:" in problem.text()
    assert problem.entry.startswith("GB")


def test_a_stale_entry_stops_the_build_and_names_file_line_and_entry(scratch_project):
    source = scratch_project({})
    data = one_region(checked=TODAY - timedelta(days=500))
    with_helplines(source, data)
    stderr = build_fails(source)
    assert re.search(
        r"_data/helplines\.yaml:20: WARNING: helpline GB/childline: last checked "
        r".* 500 days ago .*Fix: check every number",
        stderr,
    )
    assert "Extension error" not in stderr  # a located warning, never a crash report


def test_a_number_typed_into_a_page_fails_the_build_with_the_role_to_use(scratch_project):
    source = scratch_project({"worried": VALID_FRONT_MATTER + "\n# Worried\n\nCall 0800 1111.\n"})
    with_helplines(source, one_region())
    stderr = build_fails(source)
    assert re.search(
        r"worried\.md:10: WARNING: '0800 1111' looks like a phone number typed by "
        r"hand\..*Fix: write \{tel\}`GB:childline`",
        stderr,
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Call 0800 1111 now.", ["0800 1111"]),
        ("Call 1-888-373-7888.", ["1-888-373-7888"]),
        ("In 2024, 38% of detected victims were children.", []),
        ("163 children were identified; 5,000 lines closed.", []),
        ("Offenders paid as little as £15.", []),
        ("Call {tel}`GB:childline` any time {cite:p}`nspcc-2023-statistics`.", []),
        ("Dial 999.", ["999"]),
        ("See [the report](https://example.org/report-2024/0800-1111).", []),
    ],
)
def test_the_typed_number_scan_finds_numbers_and_leaves_statistics(text: str, flagged: list):
    known = {"08001111": "GB:childline", "999": "GB:emergency", "18883737888": "US:hotline"}
    assert [written for _, written, _ in typed_numbers(text, known)] == flagged


def test_no_page_types_a_number_by_hand():
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    known = known_numbers(directory)
    found = [
        f"{page.relative_to(HANDBOOK)}:{line}: {written}"
        for page in HANDBOOK.rglob("*.md")
        for line, written, _ in typed_numbers(page.read_text("utf-8"), known)
    ]
    assert found == []


def test_every_tel_link_in_the_site_dials_a_number_from_the_data(handbook_html: Path):
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    known_digits = set(known_numbers(directory))
    links = []
    for page in handbook_html.rglob("*.html"):
        links += re.findall(r'href="(tel|sms):([^"]+)"[^>]*>([^<]+)<', page.read_text("utf-8"))
    assert len(links) >= 40
    for scheme, target, shown in links:
        digits = re.sub(r"\D", "", shown)
        assert digits in known_digits, f"{shown} is not in the data"
        if target.startswith("+"):
            assert phonenumbers.is_valid_number(phonenumbers.parse(target)), target
            assert target.endswith(digits.lstrip("0")[-6:])
        else:
            assert target == digits, f"{scheme}:{target} does not dial {shown}"


def test_every_number_shown_on_a_page_comes_from_the_data(handbook_html: Path):
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    known = known_numbers(directory)
    for page in handbook_html.rglob("*.html"):
        if "_static" in page.parts:
            continue
        html = page.read_text("utf-8")
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
        for _, written, _ in typed_numbers(text, known):
            if re.match(r"97[89]-\d", written):  # a book's ISBN in the references
                continue
            digits = re.sub(r"\D", "", written)
            assert digits in known, f"{page.name} shows {written}, which is not in the data"


def _article(page: Path) -> str:
    return re.search(r"<article.*?</article>", page.read_text("utf-8"), re.S).group(0)


def test_the_get_help_page_links_every_country_to_its_own_page(handbook_html: Path):
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    index = _article(handbook_html / "get-help" / "index.html")
    for region in directory.regions:
        assert f'href="{region.slug}.html"' in index, f"{region.title} is not on the picker"
        page = _article(handbook_html / "get-help" / f"{region.slug}.html")
        assert page.count('class="helpline docutils container"') >= len(region.services)
        assert "issues/new?template=wrong-number.yml" in page
        assert page.count("Last checked against") >= len(region.services)
        if region.service("emergency"):
            assert page.index("immediate danger") < page.index("Last checked against")
            assert f"in {region.name}" in index, f"{region.id}'s emergency line is missing"
        for gap in region.gaps:
            assert gap.reason.split(";")[0][:40] in page.replace("’", "'")
    canada = _article(handbook_html / "get-help" / "canada.html")
    assert "text CONNECT to" in canada, "a text keyword lost its capitals"


def test_a_number_only_news_shows_says_so_wherever_it_is_shown(handbook_html: Path):
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    unconfirmed = [
        (region, number)
        for region in directory.regions
        for service in region.services
        for number in service.phones
        if number.unconfirmed
    ]
    assert unconfirmed
    for region, number in unconfirmed:
        page = _article(handbook_html / "get-help" / f"{region.slug}.html")
        assert f"{number.number} (not yet confirmed by the operator)" in page, number.number


def test_short_codes_unknown_to_the_library_are_really_unknown():
    directory, _ = check(DATA.read_text("utf-8"), TODAY, 365)
    flagged = [
        (region.id, number.number)
        for region in directory.regions
        for service in region.services
        for number in [*service.phones, *service.texts]
        if number.unknown_short_code
    ]
    assert ("KH", "1280") in flagged and ("TH", "1387") in flagged
    for country, code in flagged:
        assert not shortnumberinfo.is_valid_short_number(phonenumbers.parse(code, country))


def test_the_directory_reads_on_a_390_pixel_phone(handbook_html: Path, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page.goto((handbook_html / "get-help" / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Cambodia", exact=True).click()  # tap one: the country
    assert page.url.endswith("get-help/cambodia.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    number = page.locator('a[href="tel:1280"]').first
    assert number.is_visible()  # tap two: the number
    page.close()


def test_the_pdf_contains_the_directory(handbook_pdf_pages: list[str]):
    text = "".join(handbook_pdf_pages)
    flat = re.sub(r"\s+", " ", text)
    for shown in (
        "08000 121 700",
        "1-888-373-7888",
        "1-833-900-1010",
        "1800 55 1800",
        "1800 666 111",
        "092 311 511",
        "116 111",
    ):
        assert shown in flat, f"{shown} is not in the PDF"
    assert flat.count("Last checked") >= 30


def test_a_directive_naming_an_unknown_region_fails_with_the_ids_to_use(scratch_project):
    page = VALID_FRONT_MATTER + "\n# Help\n\n```{helplines} XX\n```\n"
    source = scratch_project({"help": page})
    with_helplines(source, one_region())
    stderr = build_fails(source)
    assert "No region 'XX' in the helpline data. Fix: use one of GB" in stderr


def test_ci_never_relaxes_staleness():
    conf = (HANDBOOK / "conf.py").read_text("utf-8")
    assert "onebyone_helplines_stale" not in conf
    noxfile = (HANDBOOK.parent / "noxfile.py").read_text("utf-8")
    build_and_tests = noxfile.split("def serve")[0]
    assert "onebyone_helplines_stale" not in build_and_tests


def test_a_region_added_to_the_data_gets_its_page_picker_link_card_and_search(scratch_project):
    """A scratch project with a region the handbook does not have: adding it to the data is the
    only edit, and it appears on the picker, gets its page (found by the search), and its card
    points there."""
    iceland = {
        "id": "IS",
        "name": "Iceland",
        "services": [
            {
                "id": "emergency",
                "name": "Emergency services",
                "purposes": ["emergency"],
                "phones": phone("112", "Call 112 in an emergency."),
                "hours": "24 hours",
                "users": ["everyone"],
                "source": "https://www.112.is/",
                "source_kind": "official",
                "cite": ["known-2024-source"],
                "checked": TODAY,
                "status": "checked",
            }
        ],
        "gaps": [{"need": "a child helpline", "reason": "Not yet researched"}],
    }
    picker = VALID_FRONT_MATTER + (
        "\n# Get help\n\nChoose your country.\n\n```{country-picker}\n```\n\n"
        "```{toctree}\n:hidden:\n:glob:\n\n*\n```\n"
    )
    sources = VALID_FRONT_MATTER + "\n# Sources\n\nEvery source.\n\n```{bibliography}\n:all:\n```\n"
    source = scratch_project({"get-help/index": picker, "sources": sources})
    data = one_region(cite=["known-2024-source"])
    data["regions"].append(iceland)
    with_helplines(source, data)
    with (source / "conf.py").open("a") as conf:
        conf.write(
            'myst_url_schemes = ["http", "https", "tel", "sms"]\n'
            'onebyone_helplines_report_url = "https://example.org/report"\n'
        )
    output = build_or_fail(source, source.parent / "html", "html")
    page = output / "get-help" / "iceland.html"
    assert page.exists(), "no page for the new region"
    text = page.read_text("utf-8")
    assert 'href="tel:112"' in text and "Get help in Iceland" in text
    assert "Not yet researched" in text
    assert 'href="iceland.html"' in (output / "get-help" / "index.html").read_text("utf-8")
    assert "iceland" in (output / "searchindex.js").read_text("utf-8").lower()
    directory, _ = check((source / "_data" / "helplines.yaml").read_text("utf-8"), TODAY, 365)
    assert card_page(directory.region("IS")) == "get-help/iceland"
    # the generated pages are not the writer's: the marker says so, and git ignores them
    assert "Do not edit" in (source / "get-help" / "iceland.md").read_text("utf-8")
