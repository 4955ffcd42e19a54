"""Helplines on the page: the ``{helplines}`` directive and the ``{tel}`` and ``{web}`` roles, from
``_data/helplines.yaml`` (schema and checks: ``onebyone.data.helplines``).

The data is loaded and checked once per build, before any page is read, and kept in the
``onebyone`` domain, where the workshops and the prints read it too. Each problem is a warning
with the file, the line, the entry and the fix; the strict build stops on it, so that no wrong
number reaches a reader. ``onebyone_helplines_stale = "warn"`` keeps an entry past its check
date usable for a local preview (``nox -s serve``); CI never sets it.

Pages never type a number. They show numbers with the ``{helplines}`` directive (a country's
services as a list, or chosen services, or the emergency numbers of several countries) or the
``{tel}`` role for one number in a sentence: ``{tel}`GB:childline```, and the ``{web}`` role for a
service's reporting address: ``{web}`GB:iwf```. The display form is the operator's own grouping
(what is on their posters, such as "08000 121 700"), checked to be the same number; the
``tel:`` link is built by the library (E.164 for full numbers).

On a page translated into another language, a helpline block is in that language too: its fixed
words ("For", "Hours", the purposes) from the language's ``sphinx.po``, a service's own words
(name, hours, note...) from the data's ``translations``, dates and country names through Babel.
Each falls back to the English where it has no translation; a page with no translation keeps
English blocks. Numbers and addresses are never translated: they come from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import format_date
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.i18n import docname_to_domain
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.content import khmer
from onebyone.content.countrypages import page_name, region_name
from onebyone.data.helplines import (
    PURPOSE_WORDS,
    UNCONFIRMED,
    Advice,
    Dialled,
    Directory,
    Number,
    Region,
    Service,
    check,
    dial,
)
from onebyone.data.pages import format_day
from onebyone.outputs.pdf import translate
from onebyone.outputs.pdf.jobs import Page, PrintJob, online_url

logger = logging.getLogger(__name__)

# Shown in place of numbers when the data has problems (already reported; the build fails).
UNAVAILABLE = nodes.paragraph("", "Helpline numbers could not be shown: the data has problems.")


def _load(app: Sphinx) -> None:
    """Load and check the helpline data once per build, before any page is read."""
    path = Path(app.srcdir) / app.config.onebyone_helplines_file
    stale_warns = app.config.onebyone_helplines_stale == "warn"
    if not path.exists():  # a project without numbers; a page that asks for one is an error
        core.data(app.env).helplines = None
        return
    directory = core.load_data_file(
        path,
        lambda text: check(text, date.today(), app.config.onebyone_helplines_max_age_days),
        core.Warnings.HELPLINES,
        prefix="helpline ",
        keep_going=lambda problem: (
            isinstance(problem, Advice) or (stale_warns and not problem.severe)
        ),
    )
    core.data(app.env).helplines = directory
    if directory is None:
        return
    unknown = dict.fromkeys(
        f"{region.id} {number.number} ({service.name}): {service.source_of(number)}"
        for region in directory.regions
        for service in region.services
        for number in [*service.phones, *service.texts]
        if number.unknown_short_code
    )
    if unknown:
        logger.info(
            "Short codes missing from libphonenumber, accepted on their sources; "
            "re-check before a printed release:\n  " + "\n  ".join(unknown)
        )


def _directory(env: BuildEnvironment, error: Callable[[str], Exception]) -> Directory | None:
    """The helpline data, and a note that pages follow the file. None if the file has
    problems: they were reported when it was loaded, and the strict build stops on them.
    With no file at all, asking for a number is the page's error."""
    path = Path(env.srcdir) / env.config.onebyone_helplines_file
    env.note_dependency(str(path))
    if not path.exists():
        raise error(
            f"There is no helpline data at {core.shown_path(path)}. Fix: create it (see "
            "docs/helplines.md), or set onebyone_helplines_file in conf.py to where it is."
        )
    return core.data(env).helplines


def _display(dialled: Dialled, _: Callable[[str], str] = str) -> str:
    """The number as shown, its "(not yet confirmed by the operator)" in ``_``'s language."""
    return dialled.display.replace(f"({UNCONFIRMED})", f"({_(UNCONFIRMED)})")


def _link(dialled: Dialled, _: Callable[[str], str] = str) -> str:
    return f"[{_display(dialled, _)}]({dialled.href})"


def _first_upper(text: str) -> str:
    """Capitalise the first letter only (str.capitalize would lower-case "US" and "CONNECT")."""
    return text[:1].upper() + text[1:]


def _english(message: str) -> str:
    return message


def page_language(env: BuildEnvironment) -> str:
    """The language the page being read shows its helpline blocks in: the build's language
    if the page has a translation in it (a catalogue with a translated entry), else ""
    (English: a page shown in English keeps English blocks)."""
    language = env.config.language or ""
    if not language or language.split("_")[0] == "en":
        return ""
    domain = docname_to_domain(env.current_document.docname, env.config.gettext_compact)
    return language if translate.catalogue(env, language, domain) else ""


def words(env: BuildEnvironment, language: str) -> Callable[[str], str]:
    """The helpline blocks' fixed words in ``language`` (its ``sphinx.po``), English if ""."""
    return translate.gettext(env, language) if language else _english


def render_service(
    region: Region,
    service: Service,
    detail: str,
    language: str = "",
    _: Callable[[str], str] = _english,
) -> str:
    """A service as MyST paragraphs: what it is for, how to reach it, and (in full) its hours,
    users, cost, languages, and the page and date it was last checked against. A number only
    a secondary page shows reads "... (not yet confirmed by the operator)" (see ``dial``).
    In ``language`` (with ``_``, its fixed words), the service's words are its translation in
    the data, each falling back to the English."""
    countries = region.countries()
    own = service.words(language)

    def aside(number: Number) -> str:
        note = number.note_in(language)
        return f" ({note})" if note else ""

    reach = []
    for number in service.phones:
        link = _link(dial(number, countries), _)
        reach.append(_("call %(number)s") % {"number": link} + aside(number))
    for number in service.texts:
        link = _link(dial(number, countries, text=True), _)
        if number.keyword:
            said = _("text %(keyword)s to %(number)s") % {"keyword": number.keyword, "number": link}
        else:
            said = _("text %(number)s") % {"number": link}
        reach.append(said + aside(number))
    if service.web:
        shown = str(service.web).split("://", 1)[1].rstrip("/")
        reach.append(_("online at %(address)s") % {"address": f"[{shown}]({service.web})"})
    cite = "{cite:p}`" + ",".join(service.cite) + "`"
    run_by = _(", run by %(operator)s") % {"operator": own.operator} if own.operator else ""
    stop = _(".")  # a sentence's end: "។" in Khmer
    what = (" " + _("and") + " ").join(_(PURPOSE_WORDS[p]) for p in service.purposes)
    paragraphs = [
        f"**{own.name}**{run_by}{stop} " + _("For %(what)s.") % {"what": what},
        _first_upper("; ".join(reach)) + f" {cite}{stop}",
    ]
    if service.status == "unchecked":
        paragraphs.append(
            "**"
            + _("Not yet checked against its source.")
            + "** "
            + _("If a child is in danger, call the emergency number instead.")
        )
    if detail == "full":
        users = ", ".join(_(u.replace("-", " ")) for u in service.users)
        facts = [
            _("Hours: %(hours)s") % {"hours": own.hours},
            _("For: %(users)s") % {"users": users},
        ]
        if service.free is not None:
            facts.append(_("Free") if service.free else _("Calls may cost money"))
        elif service.phones or service.texts:
            facts.append(_("Cost: not stated by our source"))
        if own.languages:
            facts.append(_("Languages: %(languages)s") % {"languages": own.languages})
        if own.note:
            facts.append(own.note)
        host = (urlsplit(str(service.source)).hostname or "").removeprefix("www.")
        host = host or _("its source")  # (not inside an f-string: the word extractor skips those)
        facts.append(
            _("Last checked against %(source)s on %(date)s")
            % {
                "source": f"[{host}]({service.source})",
                "date": day_in(service.checked, language),
            }
        )
        paragraphs.append(f"{stop} ".join(facts) + stop)
    return "\n\n".join(paragraphs)


class HelplinesDirective(SphinxDirective):
    """``{helplines} GB`` shows a region's services from the data.

    Options: ``:services: emergency, childline`` (these, in this order; empty for none),
    ``:detail: brief`` (name and numbers only), ``:emergency:`` with several regions as the
    argument, or ``*`` for every region that has one (one line each: the region's emergency
    numbers), ``:report:`` (the "Tell us" link).
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "services": directives.unchanged,
        "detail": lambda value: directives.choice(value, ("full", "brief")),
        "emergency": directives.flag,
        "report": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        directory = _directory(self.env, self.error)
        if directory is None:
            return [UNAVAILABLE.deepcopy()]
        region_ids = self.arguments[0].replace(",", " ").split()
        if region_ids == ["*"]:  # every region with an emergency number, in the data's order
            region_ids = [r.id for r in directory.regions if r.service("emergency")]
        regions = []
        for region_id in region_ids:
            region = directory.region(region_id)
            if region is None:
                known = ", ".join(r.id for r in directory.regions)
                raise self.error(
                    f"No region '{region_id}' in the helpline data. Fix: use one of "
                    f"{known}, or add it to {self.config.onebyone_helplines_file}."
                )
            regions.append(region)
        self.language = page_language(self.env)
        self._ = words(self.env, self.language)
        container = nodes.container(classes=["helplines"])
        if "emergency" in self.options:
            lines = "\n".join(f"- {self._emergency_line(region)}" for region in regions)
            container += self.parse_text_to_nodes(lines)
        else:
            for region in regions:
                for service_text in self._services(region):
                    block = nodes.container(classes=["helpline"])
                    block += self.parse_text_to_nodes(service_text)
                    container += block
        if "report" in self.options:
            url = self.config.onebyone_helplines_report_url
            _ = self._
            question, tell_us = _("A number here is wrong or out of date?"), _("Tell us")
            container += self.parse_text_to_nodes(f"{question} [{tell_us}]({url}).")
        # Numbers, dates and addresses come from the data, never from a translation: nothing
        # here goes into a catalogue (tests/test_translations.py greps the catalogues for them).
        for node in container.findall(nodes.TextElement):
            node["translatable"] = False
        return [container]

    def _services(self, region: Region) -> list[str]:
        wanted = self.options.get("services")
        if wanted is None:
            ids = [s.id for s in region.services]
        else:  # an empty list shows none: only the "Tell us" link, with :report:
            ids = [s.strip() for s in wanted.split(",") if s.strip()]
        blocks = []
        for service_id in ids:
            service = region.service(service_id)
            if service is None:
                known = ", ".join(s.id for s in region.services)
                raise self.error(
                    f"No service '{service_id}' for {region.id}. Fix: use one of {known}."
                )
            detail = self.options.get("detail", "full")
            blocks.append(render_service(region, service, detail, self.language, self._))
        return blocks

    def _emergency_line(self, region: Region) -> str:
        service = region.service("emergency")
        if service is None:
            raise self.error(f"{region.id} has no service with id 'emergency' in the data.")
        _ = self._
        numbers = (" " + _("or") + " ").join(
            f"**{_link(dial(n, region.countries()), _)}**" for n in service.phones
        )
        cite = "{cite:p}`" + ",".join(service.cite) + "`"
        if not self.language:
            return f"{numbers} in {region.name} {cite}"
        name = region_name(region, self.language)
        return _("%(numbers)s in %(region)s") % {"numbers": numbers, "region": name} + f" {cite}"


class _DataRole(SphinxRole):
    def _error(self, message: str) -> Exception:
        return _RoleError(message)

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().__call__(*args, **kwargs)
        except _RoleError as error:
            lineno = args[3] if len(args) > 3 else kwargs.get("lineno", 0)
            inliner = args[4] if len(args) > 4 else kwargs["inliner"]
            message = inliner.reporter.error(str(error), line=lineno)
            return [nodes.problematic(args[1], args[1])], [message]


class _RoleError(Exception):
    pass


class TelRole(_DataRole):
    """``{tel}`GB:childline``` shows a service's first phone number, linked to dial it;
    ``{tel}`US:trafficking-hotline:text``` its first text number."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        parts = self.text.split(":")
        directory = _directory(self.env, self._error)
        if directory is None:
            return [nodes.Text(self.text)], []
        region = directory.region(parts[0])
        service = region.service(parts[1]) if region and len(parts) > 1 else None
        kind = parts[2] if len(parts) > 2 else "phone"
        numbers = (service.texts if kind == "text" else service.phones) if service else []
        if not numbers:
            message = self.inliner.reporter.error(
                f"{{tel}}`{self.text}` names no {kind} number in the helpline data. Fix: write "
                "REGION:SERVICE (such as GB:childline) or REGION:SERVICE:text, using ids from "
                f"{self.config.onebyone_helplines_file}.",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [message]
        dialled = dial(numbers[0], region.countries(), text=kind == "text")
        display = _display(dialled, words(self.env, page_language(self.env)))
        node = nodes.reference(self.rawtext, display, refuri=dialled.href, classes=["tel"])
        return [node], []


class WebRole(_DataRole):
    """``{web}`GB:iwf``` shows a service's web or reporting address from the data, linked, so
    that reporting links, like numbers, have one source."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        region_id, _, service_id = self.text.partition(":")
        directory = _directory(self.env, self._error)
        if directory is None:
            return [nodes.Text(self.text)], []
        region = directory.region(region_id)
        service = region.service(service_id) if region else None
        if service is None or service.web is None:
            message = self.inliner.reporter.error(
                f"{{web}}`{self.text}` names no service with a web address in the helpline data. "
                "Fix: write REGION:SERVICE, such as GB:iwf, using ids from "
                f"{self.config.onebyone_helplines_file}.",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [message]
        shown = str(service.web).split("://", 1)[1].rstrip("/")
        return [nodes.reference(self.rawtext, shown, refuri=str(service.web))], []


def print_jobs(app: Sphinx, builder) -> list[PrintJob]:
    """For every region with an emergency number, in A4 and US Letter: a double-sided pocket
    card (two to a sheet, to cut and fold) and a one-page poster. Each shows every number of
    the region from the data, with the date it was checked; the signs and steps come from the
    page ``onebyone_cards_signs_page`` names (no cards without it); the QR code opens the
    region's page, or ``onebyone_cards_help_page``."""
    directory = core.data(builder.env).helplines
    signs = app.config.onebyone_cards_signs_page
    if directory is None or not signs:
        return []
    for setting in ("onebyone_cards_signs_page", "onebyone_cards_help_page"):
        docname = app.config[setting]
        if docname and docname not in builder.env.all_docs:
            core.warn(
                core.Warnings.PDF,
                core.Problem(
                    0,
                    f"{setting} is {docname!r}, which is not a page",
                    "name a page as its path without .md, such as 'recognise/summary'",
                ),
            )
            return []
    help_url = online_url(app.config, app.config.onebyone_cards_help_page or signs)
    record = core.data(builder.env).pages.get(signs)
    reviewed = record.meta.reviewed if record else None
    translated = card_languages(builder.env, directory)
    jobs = []
    for region in directory.regions:
        emergency = region.service("emergency")
        if emergency is None:
            continue
        others = [s for s in region.services if s is not emergency and (s.phones or s.texts)]
        # The QR code opens the region's own page (get-help/<country>) where there is one.
        url = (
            online_url(app.config, page_name(region))
            if page_name(region) in builder.env.all_docs
            else help_url
        )
        # English, then each language that prints this region's cards (languages.yaml: cards).
        for language, name in [("", region.name), *translated.get(region.id, [])]:
            services = [card_service(region, s, language) for s in [emergency, *others]]
            suffix = f"-{language}" if language else ""
            for stem, template, kind in (
                (f"card-{region.id.lower()}{suffix}", "card.html.jinja", "pocket card"),
                (f"poster-{region.id.lower()}{suffix}", "poster.html.jinja", "poster"),
            ):
                jobs.append(
                    PrintJob(
                        stem=stem,
                        template=template,
                        title=card_title(builder.env, name, kind, language),
                        url=url,
                        language=language,
                        context={
                            "region": name,
                            "services": services,
                            "signs": Page(
                                signs, select="bullets", citations=False, language=language
                            ),
                            "steps": Page(
                                signs, select="steps", citations=False, language=language
                            ),
                            "reviewed": day_in(reviewed, language) if reviewed else "",
                        },
                    )
                )
    return jobs


def card_languages(
    env: BuildEnvironment, directory: Directory, warn: bool = True
) -> dict[str, list[tuple[str, str]]]:
    """Per region id, the languages its cards are also printed in, with the region's name in
    each: the ``cards`` of each language in ``_data/languages.yaml``. A region the helpline data
    does not have (or has with no emergency number) is an error, said when the prints are
    declared (``warn``)."""
    languages = core.data(env).languages
    found: dict[str, list[tuple[str, str]]] = {}
    for lang in languages.languages if languages else []:
        for region_id, name in lang.cards.items():
            region = directory.region(region_id)
            if region is None or region.service("emergency") is None:
                if not warn:
                    continue
                core.warn(
                    core.Warnings.TRANSLATION,
                    core.Problem(
                        0,
                        f"{lang.code} cards: {region_id!r} is not a region with an emergency "
                        "number in the helpline data, so it has no card",
                        "use a region's id from " + env.config.onebyone_helplines_file,
                    ),
                )
                continue
            found.setdefault(region_id, []).append((lang.code, name))
    return found


def card_title(env: BuildEnvironment, region: str, kind: str, language: str) -> str:
    """The PDF's title: "Cambodia: signs and who to call (pocket card)", in the card's language."""
    if not language:
        return f"{_first_upper(region)}: signs and who to call ({kind})"
    _ = translate.gettext(env, language)
    title = _("Signs and who to call in %(region)s") % {"region": region} + f" ({_(kind)})"
    return title.replace("\u200b", "")  # Khmer's line-break hints are for the page only


def day_in(day: date, language: str) -> str:
    """A date as a reader of the language reads it: 3 December 2026, 3 décembre 2026."""
    if not language:
        return format_day(day)
    return format_date(day, "long", locale=language)


def card_service(region: Region, service: Service, language: str = "") -> dict:
    """What a card shows of a service: its numbers (display and link), name (its translation
    in the data, else the English), purposes (the template translates their words, and the
    note of an unconfirmed number) and the day it was last checked."""
    countries = region.countries()
    name = service.words(language).name or service.name
    if language.split("_")[0] == "km":
        tokenize = khmer.tokenizer()
        name = khmer.segment(name, tokenize) if tokenize else name
    return {
        "name": name,
        "phones": [dial(number, countries) for number in service.phones],
        "texts": [dial(number, countries, text=True) for number in service.texts],
        "purposes": [PURPOSE_WORDS[purpose] for purpose in service.purposes],
        "checked": day_in(service.checked, language),
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.outputs.pdf.jobs")
    app.connect("onebyone-print-jobs", print_jobs)
    app.add_config_value("onebyone_cards_signs_page", "", "env", types=[str])
    app.add_config_value("onebyone_cards_help_page", "", "env", types=[str])
    app.setup_extension("onebyone.core")
    app.add_config_value("onebyone_helplines_file", "_data/helplines.yaml", "env", types=[str])
    app.add_config_value("onebyone_helplines_max_age_days", 365, "env", types=[int])
    app.add_config_value("onebyone_helplines_stale", "fail", "env", types=[str])
    app.add_config_value("onebyone_helplines_report_url", "", "env", types=[str])
    app.connect("builder-inited", _load)
    app.add_directive("helplines", HelplinesDirective)
    app.add_role("tel", TelRole())
    app.add_role("web", WebRole())
    # Pages never type a number: checked as each page is read.
    app.setup_extension("onebyone.checks.typed_numbers")
    return core.PARALLEL_SAFE
