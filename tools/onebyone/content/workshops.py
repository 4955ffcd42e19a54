"""Workshop modules on the page: each module's plan is declared once (``module.yaml``, schema in
``onebyone.data.workshops``) and printed everywhere.

A module is a folder ``workshops/<slug>/`` with ``module.yaml``, ``guide.md`` (the facilitator
guide) and ``handout.md``. Every build checks every ``module.yaml`` once all pages are known;
a problem names the file, the line and the fix. In ``guide.md``, ``{workshop-plan}`` prints the
plan and the timed run sheet from the data, each activity linked to its section (label
``(<slug>-<activity id>)=``); a missing section fails the strict build. ``{workshop-list}``
lists every module, with its PDFs, on the workshops page; ``{workshop-cards}`` the country cards.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.content.helplines import card_languages
from onebyone.data.helplines import dial
from onebyone.data.pages import format_day
from onebyone.data.workshops import LoadedModule, check_module
from onebyone.outputs.pdf import find_section
from onebyone.outputs.pdf.jobs import PAPERS, Kit, KitItem, Page, PrintJob, online_url


def _load(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: check every module (the page list needs to know every document)."""
    root = Path(app.srcdir) / app.config.onebyone_workshops_folder
    directory = core.data(env).helplines
    regions = {region.id for region in directory.regions} if directory else set()
    loaded, problems = [], []
    for path in sorted(root.glob("*/module.yaml")):
        module, found = check_module(path, set(env.found_docs), regions)
        problems += found
        if module is not None:
            loaded.append(LoadedModule(path.parent.name, path, module))
    numbers = [m.module.number for m in loaded]
    if len(set(numbers)) != len(numbers):
        first = next(m for m in loaded if numbers.count(m.module.number) > 1)
        problems.append(
            core.Problem(
                1,
                f"two workshop modules share a number: {sorted(numbers)}",
                "number the modules 1, 2, 3 ...",
                first.path,
            )
        )
    for problem in problems:
        core.warn(core.Warnings.WORKSHOP, problem, prefix="workshop: ")
    core.data(env).workshops = None if problems else sorted(loaded, key=lambda m: m.module.number)


def modules(env: BuildEnvironment) -> list[LoadedModule]:
    """Every module, in order of number (empty if the modules have problems: reported)."""
    return core.data(env).workshops or []


def module_for(env, docname: str) -> LoadedModule | None:
    folder = docname.rsplit("/", 1)[0].rsplit("/", 1)[-1]
    return next((m for m in modules(env) if m.slug == folder), None)


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


class WorkshopPlanDirective(SphinxDirective):
    """The plan and run sheet of the module whose folder holds this page, from module.yaml."""

    def run(self) -> list[nodes.Node]:
        loaded = module_for(self.env, self.env.docname)
        if loaded is None:
            raise self.error(
                "{workshop-plan} must be in a module folder with a module.yaml. "
                "Fix: move the page to workshops/<module>/guide.md."
            )
        self.env.note_dependency(str(loaded.path))
        module, slug = loaded.module, loaded.slug
        regions = " ".join(module.safeguarding.helpline_regions)
        rows, start = [], 0
        for activity in module.activities:
            rows.append(
                f"| {start}–{start + activity.minutes} | {{ref}}`{activity.title} "
                f"<{slug}-{activity.id}>` | {activity.method} | {activity.minutes} |"
            )
            start += activity.minutes
        text = f"""
**Who it is for:** {module.audience}

**Time:** {module.duration} minutes.

### Objectives

By the end of the session, participants can:

{_bullets(module.objectives)}

### Materials

{_bullets(module.materials)}

### Before the session

{_bullets(module.preparation)}

### Safeguarding plan

:::{{content-note}} Say this at the start
{module.safeguarding.content_note}
:::

**If someone tells you about harm to a child, or you are worried about someone in the room:**
{module.safeguarding.disclosure}

**The safeguarding lead for this session:** ______________________________________

**If a child is in immediate danger, call the emergency number:**

```{{helplines}} {regions}
:emergency:
```

[Get help](../../get-help/index.md) lists helplines by country.

**Your local helpline:** ______________________________________

### Run sheet

| Minutes | Activity | How | Time |
|---|---|---|---|
{chr(10).join(rows)}
| | **Total** | | **{module.duration}** |

:::{{key-points}} Key points for participants
{_bullets(module.key_points)}
:::
"""
        container = nodes.container(classes=["workshop-plan"])
        container += self.parse_text_to_nodes(text)
        return [container]


KIT_WORDS = {
    "guide": "the facilitator guide",
    "handout": "the handout",
    "scenario-cards": "scenario cards to cut out",
    "quiz-cards": "myth or fact cards to cut out",
    "evaluation-form": "the evaluation form",
    "slides": "the slides",
    "country-cards": "the pocket cards of the countries it names",
}


def manifest_path(env: BuildEnvironment) -> Path | None:
    setting = env.config.onebyone_workshops_pdf_manifest
    return (Path(env.srcdir) / setting).resolve() if setting else None


def follow_manifest(env: BuildEnvironment, docname: str) -> None:
    """The page shows the size and pages of each print from ``prints.json`` (written by the pdf
    builder), if ``onebyone_workshops_pdf_manifest`` names it: it is read again when that file
    changes, and when it first appears (``_outdated``)."""
    path = manifest_path(env)
    if path is None:
        return
    if path.is_file():
        env.note_dependency(str(path))
    else:
        env.metadata[docname]["onebyone-awaits-prints"] = str(path)


def _outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Pages that were read before the prints' list existed, once it does."""
    return [
        docname
        for docname, meta in env.metadata.items()
        if meta.get("onebyone-awaits-prints") and Path(meta["onebyone-awaits-prints"]).is_file()
    ]


class print_size(nodes.inline):
    """Where a link shows its print's size and pages; filled in as the page is written."""


class PrintSizes(SphinxPostTransform):
    """Fill in each print's size and pages from ``prints.json`` on the website, as each page is
    written (so the page read once serves every builder). The prints themselves show none: a
    print that showed other prints' sizes would change, and print again, whenever they did."""

    default_priority = 400

    def run(self, **kwargs) -> None:
        found = list(self.document.findall(print_size))
        if not found:
            return
        path = manifest_path(self.env)
        sizes: dict = {}
        if self.app.builder.name != "pdf" and path is not None and path.is_file():
            try:
                sizes = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                sizes = {}
        for node in found:
            node.replace_self(nodes.Text(described(sizes, node["filename"])))


def sized(text: str, filename: str) -> list[nodes.Node]:
    """A link's words, its print's size and pages (filled in when written), and ")"."""
    return [nodes.Text(text), print_size(filename=filename), nodes.Text(")")]


def described(sizes: dict, name: str) -> str:
    """ ", 12 pages, 340 KB" for a print in the list (nothing if it is not there yet)."""
    found = sizes.get(name)
    if not found:
        return ""
    pages = found["pages"]
    size = found["bytes"] / 1024
    shown = f"{size / 1024:.1f} MB" if size >= 1024 else f"{max(1, round(size))} KB"
    items = f", {found['items']} items" if "items" in found else ""
    return f"{items}, {pages} page{'s' if pages != 1 else ''}, {shown}"


class WorkshopListDirective(SphinxDirective):
    """Every module with its duration, audience and objectives, and links to its PDFs."""

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["workshop-list"])
        pdf = self.config.onebyone_workshops_pdf_url.rstrip("/")
        for loaded in modules(self.env):
            module = loaded.module
            self.env.note_dependency(str(loaded.path))
            container += self.parse_text_to_nodes(f"""### {module.number}. {module.title}

**{module.duration} minutes.** For: {module.audience}.

Participants will be able to:

{_bullets(module.objectives)}

Read online: [facilitator guide]({loaded.slug}/guide.md) · [handout]({loaded.slug}/handout.md)
""")
            # Plain links: the PDFs are copied beside the site, not built as Sphinx documents.
            follow_manifest(self.env, self.env.docname)
            downloads = nodes.paragraph("", "Print: ")
            for kind, label in (("guide", "Facilitator guide"), ("handout", "Handout")):
                for paper in ("A4", "Letter"):
                    name = f"{loaded.stem}-{kind}-{paper.lower()}.pdf"
                    downloads += nodes.reference(
                        "", "", *sized(f"{label} ({paper}, PDF", name), refuri=f"{pdf}/{name}"
                    )
                    downloads += nodes.Text(" · ")
            if "slides" in module.kit:
                name = f"{loaded.stem}-slides.pdf"
                downloads += nodes.reference(
                    "", "", *sized("Slides (16:9, PDF", name), refuri=f"{pdf}/{name}"
                )
                downloads += nodes.Text(" · ")
            downloads.pop()
            container += downloads
            kit = nodes.paragraph("", "The whole kit, one download: ")
            for paper in ("A4", "Letter"):
                name = f"{loaded.stem}-kit-{paper.lower()}.zip"
                kit += nodes.reference(
                    "", "", *sized(f"{paper} (zip", name), refuri=f"{pdf}/{name}"
                )
                kit += nodes.Text(" · ")
            kit.pop()
            kit += nodes.Text(
                ". It holds "
                + ", ".join(KIT_WORDS[item] for item in module.kit)
                + ", and a contents page."
            )
            container += kit
        return [container]


class WorkshopCardsDirective(SphinxDirective):
    """Links to the printed "signs and who to call" pocket card and poster of every region with
    an emergency number (printed by the pdf builder from the helpline data)."""

    def run(self) -> list[nodes.Node]:
        directory = core.data(self.env).helplines
        if directory is None:
            return []  # the helpline data has problems, reported when it was loaded
        pdf = self.config.onebyone_workshops_pdf_url.rstrip("/")
        items = nodes.bullet_list(classes=["workshop-cards"])
        translated = {
            # The language's name in English, as the page is English: "in Khmer".
            region_id: [(code, Locale.parse(code).get_display_name("en")) for code, _ in languages]
            for region_id, languages in card_languages(self.env, directory, warn=False).items()
        }
        for region in directory.regions:
            if region.service("emergency") is None:
                continue
            follow_manifest(self.env, self.env.docname)
            line = nodes.paragraph("", f"{region.name[0].upper()}{region.name[1:]}: ")
            # English, then each language that prints this region's cards too (languages.yaml).
            for code, language in [("", ""), *translated.get(region.id, [])]:
                suffix, words = (f"-{code}", f" in {language}") if code else ("", "")
                for kind, label in (("card", "pocket card"), ("poster", "poster")):
                    for paper in ("A4", "Letter"):
                        name = f"{kind}-{region.id.lower()}{suffix}-{paper.lower()}.pdf"
                        line += nodes.reference(
                            "",
                            "",
                            *sized(f"{label}{words} ({paper}, PDF", name),
                            refuri=f"{pdf}/{name}",
                        )
                        line += nodes.Text(" · ")
            line.pop()
            items += nodes.list_item("", line)
        return [items]


# The kit's items that are sections of the guide: the section's id, the template, and whether
# the template lays the section out as separate cards.
GUIDE_SECTIONS = {
    "scenario-cards": ("scenario-cards", "cutcards.html.jinja"),
    "quiz-cards": ("myth-or-fact-quiz", "cutcards.html.jinja"),
    "evaluation-form": ("evaluation-form", "form.html.jinja"),
}
LABELS = {
    "guide": "Facilitator guide",
    "handout": "Handout",
    "scenario-cards": "Scenario cards, to cut out",
    "quiz-cards": "Myth or fact cards, to cut out",
    "evaluation-form": "Evaluation form",
    "slides": "Slides (16:9)",
}


def reviewed(env, docname: str) -> str:
    """The day a page was last reviewed, as its front matter says ("" if it has none)."""
    record = core.data(env).pages.get(docname)
    return format_day(record.meta.reviewed) if record else ""


def print_jobs(app: Sphinx, builder) -> list[PrintJob | Kit]:
    """Each module's prints and its kits, as its ``module.yaml`` declares (``kit``): the
    facilitator guide (with its citations, and a wide right margin for notes) and handout (its
    sources listed at the end), the cards to cut and the evaluation form (sections of the guide,
    without the facilitator notes), in A4 and US Letter; the slides (16:9); and a kit per paper
    size holding them and the pocket cards of the module's helpline regions."""
    jobs: list[PrintJob | Kit] = []
    folder = app.config.onebyone_workshops_folder
    directory = core.data(builder.env).helplines
    for loaded in modules(builder.env):
        module = loaded.module
        guide = f"{folder}/{loaded.slug}/guide"
        common = {"number": module.number, "module_title": module.title}
        made: dict[str, PrintJob] = {}
        for kind in ("guide", "handout"):
            docname = f"{folder}/{loaded.slug}/{kind}"
            made[kind] = PrintJob(
                stem=f"{loaded.stem}-{kind}",
                template="workshop.html.jinja",
                title=builder.env.titles[docname].astext(),
                url=online_url(app.config, docname),
                context={
                    "body": Page(docname, citations=kind == "guide"),
                    **common,
                    "kind": kind,
                },
            )
        for kind, (section, template) in GUIDE_SECTIONS.items():
            if kind not in module.kit:
                continue
            if find_section(builder.env.get_doctree(guide), section) is None:
                kit_line = next(
                    (
                        n
                        for n, line in enumerate(loaded.path.read_text("utf-8").splitlines(), 1)
                        if line.startswith("kit:")
                    ),
                    1,
                )
                core.warn(
                    core.Warnings.WORKSHOP,
                    core.Problem(
                        kit_line,
                        f"the kit holds '{kind}', but the guide has no section '{section}'",
                        f"add a '## {section.replace('-', ' ').capitalize()}' section to "
                        f"{guide}.md, or take '{kind}' out of 'kit'",
                        loaded.path,
                    ),
                    prefix="workshop: ",
                )
                continue
            made[kind] = PrintJob(
                stem=f"{loaded.stem}-{kind}",
                template=template,
                title=f"{module.title}: {LABELS[kind].split(',')[0].lower()}",
                url=online_url(app.config, guide),
                context={
                    "items": Page(
                        guide, select="cards", section=section, notes=False, citations=False
                    ),
                    **common,
                    "kind": kind,
                    "reviewed": reviewed(builder.env, guide),
                },
            )
        if "slides" in module.kit:
            made["slides"] = PrintJob(
                stem=f"{loaded.stem}-slides",
                template="slides.html.jinja",
                title=f"{module.title}: slides",
                # The help slide's QR code opens the helplines of every country.
                url=online_url(app.config, "get-help/index")
                if "get-help/index" in builder.env.all_docs
                else online_url(app.config, guide),
                papers=("slides",),
                paper_in_name=False,
                context={
                    **common,
                    **slides_context(module, directory),
                    "reviewed": reviewed(builder.env, guide),
                },
            )
        jobs += made.values()
        regions = []
        if "country-cards" in module.kit and directory is not None:
            regions = [
                region
                for region in map(directory.region, module.safeguarding.helpline_regions)
                if region is not None and region.service("emergency") is not None
            ]
        for paper in PAPERS:
            items = []
            for kind in module.kit:
                if kind == "country-cards":
                    items += [
                        KitItem(
                            f"card-{region.id.lower()}-{paper.lower()}.pdf",
                            f"Pocket card: {region.name}",
                            format_day(min(s.checked for s in region.services)),
                        )
                        for region in regions
                    ]
                elif kind in made:
                    job = made[kind]
                    docname = (
                        guide if kind not in ("handout",) else f"{folder}/{loaded.slug}/handout"
                    )
                    items.append(
                        KitItem(job.filename(paper), LABELS[kind], reviewed(builder.env, docname))
                    )
            jobs.append(
                Kit(
                    stem=f"{loaded.stem}-kit-{paper.lower()}",
                    title=f"Workshop {module.number}: {module.title}. Kit, {paper} paper",
                    items=tuple(items),
                    url=online_url(app.config, f"{folder}/index"),
                )
            )
    return jobs


def slides_context(module, directory) -> dict:
    """What the slides show, all from the module's data: one idea per slide."""
    start, activities = 0, []
    for activity in module.activities:
        activities.append(
            {
                "title": activity.title,
                "minutes": activity.minutes,
                "method": activity.method,
                "aim": activity.aim or "",
                "start": start,
            }
        )
        start += activity.minutes
    help_lines = []
    for region_id in module.safeguarding.helpline_regions:
        region = directory.region(region_id) if directory else None
        emergency = region.service("emergency") if region else None
        if emergency is None:
            continue
        help_lines.append(
            {
                "region": region.name,
                "numbers": [dial(n, region.countries()).display for n in emergency.phones],
                "checked": format_day(emergency.checked),
            }
        )
    return {
        "duration": module.duration,
        "audience": module.audience,
        "content_note": module.safeguarding.content_note,
        "activities": activities,
        "key_points": module.key_points,
        "help": help_lines,
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("onebyone.outputs.pdf.jobs")
    app.connect("onebyone-print-jobs", print_jobs)
    # Modules name helpline regions, and their guides print emergency numbers.
    app.setup_extension("onebyone.content.helplines")
    app.add_config_value("onebyone_workshops_folder", "workshops", "env", types=[str])
    app.add_config_value("onebyone_workshops_pdf_url", "../pdf", "env", types=[str])
    # The pdf builder's list of its prints' sizes and pages, for the links (docs/workshops.md).
    app.add_config_value("onebyone_workshops_pdf_manifest", "", "env", types=[str])
    app.connect("env-get-outdated", _outdated)
    app.add_post_transform(PrintSizes)
    app.connect("env-before-read-docs", _load)
    app.add_directive("workshop-plan", WorkshopPlanDirective)
    app.add_directive("workshop-list", WorkshopListDirective)
    app.add_directive("workshop-cards", WorkshopCardsDirective)
    return core.PARALLEL_SAFE
