"""Workshop modules as data: each module's plan is declared once and printed everywhere.

A module is a folder ``workshops/<slug>/`` with ``module.yaml`` (title, audience, duration,
objectives, key points, materials, preparation, safeguarding plan, activities with their minutes,
the handbook pages it draws on), ``guide.md`` (the facilitator guide) and ``handout.md``.

Every build checks every ``module.yaml``: the schema; that the activities' minutes add up to
the duration; that there are objectives and a safeguarding plan; that the helpline regions and
the handbook pages named exist. A problem names the file, the line and the fix, and stops the
build. In ``guide.md``, ``{workshop-plan}`` prints the plan and the timed run sheet from the data,
each activity linked to its section (label ``(<slug>-<activity id>)=``); a missing section fails
the strict build. ``{workshop-list}`` lists every module, with its PDFs, on the workshops page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from docutils import nodes
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from onebyone import yamllines

logger = logging.getLogger(__name__)

STRICT = ConfigDict(extra="forbid", frozen=True)
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Sentence = Annotated[str, Field(min_length=3)]
Method = Literal["Whole group", "Pairs", "Small groups", "Individual", "Quiz", "Talk"]


class Activity(BaseModel):
    model_config = STRICT
    id: Slug
    title: Sentence
    minutes: Annotated[int, Field(gt=0, le=120)]
    method: Method


class Safeguarding(BaseModel):
    model_config = STRICT
    content_note: Annotated[str, Field(min_length=40)]
    disclosure: Annotated[str, Field(min_length=40)]
    helpline_regions: Annotated[list[str], Field(min_length=1)]


class Module(BaseModel):
    model_config = STRICT
    number: Annotated[int, Field(ge=1)]
    title: Sentence
    audience: Sentence
    duration: Annotated[int, Field(gt=0, le=480)]
    objectives: Annotated[list[Sentence], Field(min_length=1)]
    key_points: Annotated[list[Sentence], Field(min_length=3, max_length=6)]
    materials: Annotated[list[Sentence], Field(min_length=1)]
    preparation: Annotated[list[Sentence], Field(min_length=1)]
    safeguarding: Safeguarding
    activities: Annotated[list[Activity], Field(min_length=2)]
    pages: Annotated[list[str], Field(min_length=1)]


@dataclass(frozen=True)
class LoadedModule:
    slug: str
    path: Path
    module: Module

    @property
    def stem(self) -> str:
        """The base of this module's PDF file names."""
        return f"workshop-{self.module.number}-{self.slug}"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str
    fix: str


def check_module(
    path: Path, known_docs: set[str], known_regions: set[str]
) -> tuple[Module | None, list[Problem]]:
    """Validate one module.yaml; return the module or its problems, each with a line and fix."""
    try:
        data, line_of = yamllines.load(path.read_text("utf-8"))
    except yamllines.YAMLProblem as error:
        return None, [
            Problem(
                path,
                error.line,
                f"not valid YAML ({error.problem})",
                "check the indentation and the quotes on that line",
            )
        ]
    try:
        module = Module.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = list(item["loc"])
            field = ".".join(str(step) for step in loc)
            if item["type"] == "missing":
                problems.append(
                    Problem(
                        path,
                        line_of(loc[:-1]),
                        f"'{field}' is missing",
                        "add it: see docs/workshops.md for every field",
                    )
                )
            else:
                message = item["msg"].removeprefix("Value error, ")
                problems.append(
                    Problem(
                        path,
                        line_of(loc),
                        f"'{field}': {message}",
                        "see docs/workshops.md for what each field takes",
                    )
                )
        return None, problems

    problems = []
    total = sum(activity.minutes for activity in module.activities)
    if total != module.duration:
        problems.append(
            Problem(
                path,
                line_of(["activities"]),
                f"the run sheet adds up to {total} minutes, but 'duration' is {module.duration}",
                f"change the activities' minutes by {module.duration - total:+d} in all, or the "
                "duration",
            )
        )
    ids = [activity.id for activity in module.activities]
    for index, activity_id in enumerate(ids):
        if activity_id in ids[:index]:
            problems.append(
                Problem(
                    path,
                    line_of(["activities", index, "id"]),
                    f"activity id '{activity_id}' appears twice",
                    "give each activity its own id",
                )
            )
    for index, region in enumerate(module.safeguarding.helpline_regions):
        if known_regions and region not in known_regions:
            problems.append(
                Problem(
                    path,
                    line_of(["safeguarding", "helpline_regions", index]),
                    f"no region '{region}' in the helpline data",
                    f"use one of {', '.join(sorted(known_regions))}",
                )
            )
    for index, page in enumerate(module.pages):
        if page not in known_docs:
            problems.append(
                Problem(
                    path,
                    line_of(["pages", index]),
                    f"the page '{page}' does not exist",
                    "write the page's path without .md, such as recognise/what-to-do",
                )
            )
    return module, problems


def _load(app: Sphinx, env, docnames) -> None:
    """After reading: check every module (the page list needs to know every document)."""
    root = Path(app.srcdir) / app.config.onebyone_workshops_folder
    directory = getattr(app, "onebyone_helplines", None)
    regions = {region.id for region in directory.regions} if directory else set()
    loaded, problems = [], []
    for path in sorted(root.glob("*/module.yaml")):
        module, found = check_module(path, set(env.found_docs), regions)
        problems += found
        if module is not None:
            loaded.append(LoadedModule(path.parent.name, path, module))
    for problem in problems:
        shown = _shown(problem.path)
        logger.warning(
            f"workshop: {problem.message}. Fix: {problem.fix}",
            location=f"{shown}:{problem.line}",
            type="onebyone",
            subtype="workshop",
        )
    if problems:
        raise ExtensionError(f"{len(problems)} problem(s) in the workshop modules, listed above.")
    numbers = [m.module.number for m in loaded]
    if len(set(numbers)) != len(numbers):
        raise ExtensionError(
            f"Two workshop modules share a number: {sorted(numbers)}. Fix: "
            "number the modules 1, 2, 3 ..."
        )
    app.onebyone_workshops = sorted(loaded, key=lambda m: m.module.number)


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def modules(env) -> list[LoadedModule]:
    return getattr(env.app, "onebyone_workshops", [])


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
        directory = getattr(self.env.app, "onebyone_helplines", None)
        if directory is None:
            raise self.error("{workshop-cards} needs the helpline data (onebyone.helplines).")
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
    app.add_config_value("onebyone_workshops_folder", "workshops", "env", types=[str])
    app.add_config_value("onebyone_workshops_pdf_url", "../pdf", "env", types=[str])
    app.connect("env-before-read-docs", _load)
    app.add_directive("workshop-plan", WorkshopPlanDirective)
    app.add_directive("workshop-list", WorkshopListDirective)
    app.add_directive("workshop-cards", WorkshopCardsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
