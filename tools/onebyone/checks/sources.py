"""Sources we never use: a ``references.bib`` entry whose ``url`` is on a site in the deny-list
stops the build.

The list is ``_data/source-denylist.yaml`` (schema: ``onebyone.data.sources``): AI-written
sites, content farms, sites that copy other organisations' pages and personal blogs, each with
its reason. When the builder starts, every BibTeX file in ``bibtex_bibfiles`` is read; an entry
whose address is on a listed domain, or a subdomain of it, is a warning at the ``url`` line,
which the strict build turns into a failure::

    handbook/references.bib:530: WARNING: sources: entry 'factually-2026-x' cites factually.co,
    a site we never cite (ai-generated): An AI-generated fact-check site. ... Fix: find the fact
    on the original source and cite that instead, or leave the fact out ...

A project without sphinxcontrib-bibtex (the contributor guide) has no references to check, and
does not read the list.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.data.sources import DenyList, bib_urls, check, listed

FIX = (
    "find the fact on the original source (the organisation's own page, the law or the report) "
    "and cite that instead, or leave the fact out; the sources policy, about/sources-policy.md, "
    "explains why (docs/citations.md)"
)


def _bibfiles(app: Sphinx) -> list[Path]:
    names = getattr(app.config, "bibtex_bibfiles", None) or []
    return [(Path(app.srcdir) / name).resolve() for name in names]


def refusals(text: str, denylist: DenyList) -> list[core.Problem]:
    """A problem for each entry of a BibTeX file whose address is on a listed site."""
    problems = []
    for found in bib_urls(text):
        site = listed(found.url, denylist)
        if site is None:
            continue
        reason = " ".join(site.reason.split())
        problems.append(
            core.Problem(
                found.line,
                f"sources: entry '{found.key}' cites {site.domain}, a site we never cite "
                f"({site.kind}): {reason}",
                FIX,
            )
        )
    return problems


def _check(app: Sphinx) -> None:
    bibfiles = _bibfiles(app)
    if not bibfiles:
        return  # no bibliography in this project, so no source to refuse
    path = (Path(app.srcdir) / app.config.onebyone_source_denylist_file).resolve()
    denylist = core.load_data_file(path, check, core.Warnings.SOURCES)
    if denylist is None:
        return  # the list has problems, reported when it was loaded; the build fails on them
    for bibfile in bibfiles:
        text, unreadable = core.read_text(bibfile)
        if unreadable is not None:
            continue  # sphinxcontrib-bibtex reports a missing or unreadable file itself
        for problem in refusals(text, denylist):
            location = f"{core.shown_path(bibfile)}:{problem.line}"
            core.warn(core.Warnings.SOURCES, problem, location=location)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")
    app.add_config_value(
        "onebyone_source_denylist_file", "_data/source-denylist.yaml", "env", types=[str]
    )
    app.connect("builder-inited", _check)
    return core.PARALLEL_SAFE
