"""The handbook in other languages: a switcher of plain links, an honest status on every
translated page, and the release rule. The language data is ``_data/languages.yaml``
(``onebyone.data.languages``); the catalogues are ``locales/<code>/LC_MESSAGES/<page>.po``.

English is built at the site's root, each other language into a folder of its code beside it
(``build/html/es/``): ``nox -s build`` runs one build per language.

- **Release rule.** A language is offered in the switcher only when every page of the safety
  core has a complete catalogue. A language marked ``listed: true`` that drops below the rule
  is a warning (an error in a strict build). Every build writes the completeness table per
  language and page to ``build/reports/translations.md`` and ``.json``.
- **Switcher.** Plain ``<a hreflang>`` links to the same page in each released language, and
  ``<link rel="alternate" hreflang>`` in the head, at full addresses (``html_baseurl``): no
  script, works offline.
- **Status.** On a translated page, computed from what Sphinx translated on this very page:
  not translated (a notice that the page is shown in English), out of date (which sections are
  still in English), or complete and then draft (a calm banner linking to the English page and
  to how to review) or reviewed (the reviewer's role and date, from the data).
- **Search.** A language with ``search: false`` (Khmer: Sphinx indexes Khmer as single letters)
  hides the search box and points to the contents instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core, reports
from onebyone.data.helplines import PURPOSE_WORDS, UNCONFIRMED, User
from onebyone.data.languages import Languages, check, completeness, markdown, released
from onebyone.site.theme import add_folders, is_ebook

HOW_TO_REVIEW = "https://github.com/onebyone-handbook/handbook/blob/main/docs/translate.md"


def is_source(language: str | None) -> bool:
    """English is the source language, built at the site's root."""
    return not language or language.split("_")[0] == "en"


def _locales(app: Sphinx) -> Path:
    folder = app.config.locale_dirs[0] if app.config.locale_dirs else "locales"
    return Path(app.srcdir, folder)


def _load(app: Sphinx) -> None:
    domain = core.data(app.env)
    domain.languages, domain.translations = None, None
    path = Path(app.srcdir, app.config.onebyone_languages_file)
    if not path.exists():  # a project in one language
        return
    domain.languages = core.load_data_file(path, check, core.Warnings.TRANSLATION)


def _tabulate(app: Sphinx, env: Any) -> None:
    """Once every page is read: completeness per language and page, the release rule."""
    domain = core.data(env)
    languages: Languages | None = domain.languages
    if languages is None:
        return
    pages = sorted(env.found_docs)
    table = completeness(_locales(app), languages, pages)
    domain.translations = {"table": table, "released": released(table, languages.safety_core)}
    # A translator's preview: show these languages before their release (never in CI).
    preview = [code for code in app.config.onebyone_languages_preview.split(",") if code]
    shown = [
        lang.code
        for lang in languages.languages
        if lang.code in domain.translations["released"] or lang.code in preview
    ]
    for lang in languages.languages:
        if lang.listed and lang.code not in domain.translations["released"]:
            missing = [p for p in languages.safety_core if not table[lang.code][p]["complete"]]
            core.warn(
                core.Warnings.TRANSLATION,
                core.Problem(
                    0,
                    f"{lang.name} ({lang.code}) is listed but its safety core is not complete: "
                    f"{', '.join(missing)}",
                    f"translate them (sphinx-intl update, then the .po files in "
                    f"locales/{lang.code}/), or set listed: false until they are",
                    path=Path(app.srcdir, app.config.onebyone_languages_file),
                ),
            )
    domain.translations["shown"] = shown
    if is_source(app.config.language):
        words = helpline_words(domain.helplines, languages)
        reports.write_report(
            app,
            "translations",
            markdown(table, languages.safety_core, words),
            {"safety-core": languages.safety_core, **domain.translations, "helplines": words},
        )


def helpline_words(directory: Any, languages: Languages) -> dict[str, dict[str, Any]]:
    """Per language: the review of its helpline words, and for each region its cards are
    printed for or whose data has words in it, (services with words, services)."""
    found: dict[str, dict[str, Any]] = {}
    if directory is None:
        return found
    for lang in languages.languages:
        regions = {}
        for region in directory.regions:
            done = sum(1 for s in region.services if lang.code in s.translations)
            if done or region.id in lang.cards:
                regions[region.id] = (done, len(region.services))
        if regions:
            review = lang.helplines.status if lang.helplines else "not reviewed"
            found[lang.code] = {"review": review, "regions": regions}
    return found


def _links(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The same page in English and in each released language, relative to this page."""
    domain = core.data(app.env)
    languages: Languages | None = domain.languages
    if languages is None or not domain.translations or not domain.translations["shown"]:
        return []
    here = app.config.language
    up = "../" * pagename.count("/")
    root = up if is_source(here) else up + "../"
    links = [
        {
            "code": "en",
            "name": "English",
            "href": f"{root}{pagename}.html",
            "current": is_source(here),
        }
    ]
    for code in domain.translations["shown"]:
        lang = languages.language(code)
        links.append(
            {
                "code": code,
                "name": lang.name,
                "href": f"{root}{code}/{pagename}.html",
                "current": code == here,
            }
        )
    return links


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # The e-book holds one language, and cannot link to the site's other languages.
    if is_ebook(app) or (doctree is None and pagename not in app.env.found_docs):
        context["onebyone_language_links"] = []
    else:
        links = _links(app, pagename)
        context["onebyone_language_links"] = links
        context["metatags"] = context.get("metatags", "") + _alternates(app, pagename, links)
    lang = _language(app)
    context["onebyone_language_label"] = lang.strings["switcher"] if lang else "Languages"
    context["onebyone_no_search"] = (
        lang.strings.get("no-search", "") if lang and not lang.search and not is_ebook(app) else ""
    )


def _alternates(app: Sphinx, pagename: str, links: list[dict[str, Any]]) -> str:
    """``<link rel="alternate" hreflang>`` for every language of the page, itself included, at
    its full address: search engines (and Lighthouse's SEO audit) ignore relative ones. Without
    ``html_baseurl`` there is no full address, so none are written; the switcher still links."""
    base = app.config.html_baseurl.rstrip("/")
    if not base or len(links) < 2:
        return ""
    return "".join(
        f'\n<link rel="alternate" hreflang="{link["code"]}" '
        f'href="{base}/{"" if link["code"] == "en" else link["code"] + "/"}{pagename}.html" />'
        for link in links
    )


def _language(app: Sphinx) -> Any:
    languages: Languages | None = core.data(app.env).languages
    if languages is None or is_source(app.config.language):
        return None
    return languages.language(app.config.language)


def _status(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The status banner at the top of a translated page."""
    lang = _language(app)
    if lang is None:
        return
    words = lang.strings
    total = translated = 0
    stale_sections: list[str] = []
    for node in doctree.findall(nodes.Element):
        if "translated" not in node:
            continue
        total += 1
        if node["translated"]:
            translated += 1
            continue
        # Still in English: a screen reader should read it as English (docutils writes
        # lang="en" for the class).
        node["classes"].append("language-en")
        section = node.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        if section is not None and section.children and isinstance(section[0], nodes.title):
            title = section[0].astext()
            if title not in stale_sections:
                stale_sections.append(title)
    english = "../" * (docname.count("/") + 1) + docname + ".html"
    review = lang.review.get(docname)
    banner = nodes.container(
        classes=["translation-status", "d-print-none", f"language-{lang.code}"]
    )
    if total == 0 or translated == 0:
        kind, text = "not-translated", words["not-translated"]
    elif translated < total:
        kind, text = "out-of-date", words["out-of-date"]
    elif review is not None and review.status == "reviewed":
        kind = "reviewed"
        text = words["reviewed"].format(role=review.role, date=review.date)
    else:
        kind, text = "draft", words["draft"]
    banner["classes"].append(f"translation-{kind}")
    banner += nodes.paragraph("", text)
    if kind == "out-of-date" and stale_sections:
        items = nodes.bullet_list()
        for title in stale_sections:
            items += nodes.list_item("", nodes.paragraph("", title))
        banner += items
    if kind != "reviewed":
        links = nodes.paragraph()
        links += nodes.reference("", words["english"], refuri=english, hreflang="en")
        if kind in ("draft", "out-of-date"):
            links += nodes.Text(" · ")
            links += nodes.reference("", words["how-to-review"], refuri=HOW_TO_REVIEW)
        banner += links
    doctree["onebyone_translation_status"] = kind
    languages: Languages = core.data(app.env).languages
    if (
        lang.listed
        and docname in languages.safety_core
        and kind in ("out-of-date", "not-translated")
    ):
        # The catalogue may look complete and still miss sentences the English gained since.
        core.warn(
            core.Warnings.TRANSLATION,
            core.Problem(
                0,
                f"{lang.code} is listed, but this safety-core page is {kind.replace('-', ' ')}"
                + (f" (in English: {'; '.join(stale_sections)})" if stale_sections else ""),
                f"run nox -s translations and translate locales/{lang.code}/LC_MESSAGES/"
                f"{docname}.po, or set listed: false",
                path=app.env.doc2path(docname),
            ),
        )
    # At the top of the page, after its title.
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, banner)
    else:
        doctree.insert(0, banner)


PACKAGE = Path(__file__).resolve().parent.parent  # tools/onebyone


def our_words(package: Path = PACKAGE) -> list[tuple[str, Path, int]]:
    """Every ``_("...")`` in our Python and in the print templates (``*.jinja``), with where it
    is: the words of the helpline blocks and the cards. Extracted with Babel, as Jinja's own
    ``.html`` templates are by Sphinx."""
    from babel.messages.extract import extract_from_file

    found = []
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.jinja")]):
        method = "python" if path.suffix == ".py" else "jinja2.ext:babel_extract"
        for line, message, _comments, _context in extract_from_file(
            method, str(path), keywords={"_": None}
        ):
            found.append((message if isinstance(message, str) else message[0], path, line))
    # Words the code looks up by value (``_(purpose)``): the data's fixed labels.
    data = package / "data" / "helplines.py"
    labels = [*PURPOSE_WORDS.values(), UNCONFIRMED, "pocket card", "poster"]
    labels += [user.replace("-", " ") for user in get_args(User)]
    return found + [(label, data, 0) for label in labels]


def _add_our_words(app: Sphinx) -> None:
    """Sphinx's gettext builder puts the words of the ``.html`` templates in ``sphinx.pot``;
    ours are in Python and ``.jinja`` templates, so they are added here. Without them,
    ``nox -s translations`` (sphinx-intl update) would mark their translations obsolete."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    for message, path, line in our_words():
        app.builder.catalogs["sphinx"].add(message, MsgOrigin(source=str(path), line=line))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.core")
    app.setup_extension("onebyone.reports")
    app.add_config_value("onebyone_languages_file", "_data/languages.yaml", "env", types=[str])
    # Codes shown in the switcher before their release: -D onebyone_languages_preview=km,es
    app.add_config_value("onebyone_languages_preview", "", "env", types=[str])
    app.connect("config-inited", add_folders)
    app.connect("builder-inited", _load)
    app.connect("builder-inited", _add_our_words)
    app.connect("env-updated", _tabulate)
    app.connect("doctree-resolved", _status)
    app.connect("html-page-context", _page_context)
    app.add_css_file("onebyone-languages.css")
    return core.PARALLEL_SAFE
