"""Sites we never cite: the deny-list is valid, no source in references.bib comes from a site on
it, and the check reads addresses as a writer types them. The build failure itself, with its
file, line and fix, is a case in ``tests/test_bad_input.py``."""

from __future__ import annotations

from onebyone.data.sources import bib_urls, check, listed

from conftest import HANDBOOK

DENYLIST = HANDBOOK / "_data" / "source-denylist.yaml"


def denylist():
    data, problems = check(DENYLIST.read_text("utf-8"))
    assert not problems, "\n".join(map(str, problems))
    return data


def test_the_denylist_is_valid_and_gives_a_reason_for_every_site():
    for site in denylist().sites:
        assert len(site.reason.split()) >= 8, f"{site.domain}: say what the site is and why"


def test_no_source_in_the_handbook_comes_from_a_listed_site():
    sites = denylist()
    found = bib_urls((HANDBOOK / "references.bib").read_text("utf-8"))
    assert found, "no url read from references.bib"
    refused = [f"{u.key} ({u.url}, line {u.line})" for u in found if listed(u.url, sites)]
    assert not refused, refused


def test_an_address_on_a_listed_site_or_its_subdomain_is_refused_and_a_lookalike_is_not():
    sites = denylist()
    domain = sites.sites[0].domain
    for url in (f"https://{domain}/x", f"http://www.{domain.upper()}/", f"https://news.{domain}."):
        assert listed(url, sites) is not None, url
    assert listed(f"https://not{domain}/x", sites) is None
    assert listed(f"https://{domain}.example.org/", sites) is None


def test_a_bad_domain_or_a_site_listed_twice_is_a_problem_with_its_line():
    text = (
        "sites:\n"
        "  - domain: https://www.example.com/page\n"
        "    kind: content-farm\n"
        "    reason: A site that rewrites other pages for visits.\n"
        "  - domain: example.org\n"
        "    kind: personal-blog\n"
        "    reason: One person's blog, cited for a treaty.\n"
        "  - domain: example.org\n"
        "    kind: personal-blog\n"
        "    reason: The same blog again, listed by mistake.\n"
    )
    data, problems = check(text)
    assert data is None
    assert [p.line for p in problems] == [2, 8], problems
    assert "example.com" in problems[0].fix and "twice" in problems[1].message
