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

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.data.workshops import LoadedModule, check_module


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
            downloads = nodes.paragraph("", "Print: ")
            for kind, label in (("guide", "Facilitator guide"), ("handout", "Handout")):
                for paper in ("A4", "Letter"):
                    name = f"{loaded.stem}-{kind}-{paper.lower()}.pdf"
                    downloads += nodes.reference(
                        "", f"{label} ({paper}, PDF)", refuri=f"{pdf}/{name}"
                    )
                    downloads += nodes.Text(" · ")
            downloads.pop()
            container += downloads
        return [container]


class WorkshopCardsDirective(SphinxDirective):
    """Links to the printed "signs and who to call" card of every region with an emergency
    number (the cards themselves are printed by the pdf builder from the helpline data)."""

    def run(self) -> list[nodes.Node]:
        directory = core.data(self.env).helplines
        if directory is None:
            return []  # the helpline data has problems, reported when it was loaded
        pdf = self.config.onebyone_workshops_pdf_url.rstrip("/")
        items = nodes.bullet_list(classes=["workshop-cards"])
        for region in directory.regions:
            if region.service("emergency") is None:
                continue
            line = nodes.paragraph("", f"{region.name[0].upper()}{region.name[1:]}: ")
            for paper in ("A4", "Letter"):
                name = f"card-{region.id.lower()}-{paper.lower()}.pdf"
                line += nodes.reference("", f"{paper} (PDF)", refuri=f"{pdf}/{name}")
                line += nodes.Text(" · ")
            line.pop()
            items += nodes.list_item("", line)
        return [items]


def setup(app: Sphinx) -> ExtensionMetadata:
    # Modules name helpline regions, and their guides print emergency numbers.
    app.setup_extension("onebyone.content.helplines")
    app.add_config_value("onebyone_workshops_folder", "workshops", "env", types=[str])
    app.add_config_value("onebyone_workshops_pdf_url", "../pdf", "env", types=[str])
    app.connect("env-before-read-docs", _load)
    app.add_directive("workshop-plan", WorkshopPlanDirective)
    app.add_directive("workshop-list", WorkshopListDirective)
    app.add_directive("workshop-cards", WorkshopCardsDirective)
    return core.PARALLEL_SAFE
