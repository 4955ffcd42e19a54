"""Workshop modules as data: the schema of each ``workshops/<slug>/module.yaml`` and its check.

A module declares its title, audience, duration, objectives, key points, materials,
preparation, safeguarding plan, activities with their minutes (and a one-line aim, for the
slides), the handbook pages it draws on and what its printed kit holds.
``check_module(path, known_docs, known_regions)`` validates one file: the schema; that the
activities' minutes add up to the duration; that activity ids are unique; that the helpline
regions and the handbook pages named exist. The guides, lists and prints are made from it by
``onebyone.content.workshops``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from onebyone.core import Problem, explain_validation, read_text
from onebyone.data import yamllines

STRICT = ConfigDict(extra="forbid", frozen=True)
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Sentence = Annotated[str, Field(min_length=3)]
Method = Literal["Whole group", "Pairs", "Small groups", "Individual", "Quiz", "Talk"]
# What a module's kit can hold (docs/workshops.md). The cards and the form are sections of the
# guide; country-cards are the pocket cards of the regions in safeguarding.helpline_regions.
KitItem = Literal[
    "guide",
    "handout",
    "scenario-cards",
    "quiz-cards",
    "evaluation-form",
    "slides",
    "country-cards",
]
DEFAULT_KIT = ("guide", "handout", "evaluation-form", "slides", "country-cards")


class Activity(BaseModel):
    model_config = STRICT
    id: Slug
    title: Sentence
    minutes: Annotated[int, Field(gt=0, le=120)]
    method: Method
    # One line on what the activity is for: its slide shows it under the title.
    aim: Sentence | None = None


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
    kit: Annotated[list[KitItem], Field(min_length=1)] = list(DEFAULT_KIT)


@dataclass(frozen=True)
class LoadedModule:
    slug: str
    path: Path
    module: Module

    @property
    def stem(self) -> str:
        """The base of this module's PDF file names."""
        return f"workshop-{self.module.number}-{self.slug}"


FIELD_HELP = {
    "duration": "duration: 60   (minutes; the activities' minutes must add up to it)",
    "minutes": "minutes: 10   (a whole number from 1 to 120)",
    "method": "method: Small groups   (one of: " + ", ".join(get_args(Method)) + ")",
    "helpline_regions": "helpline_regions: [GB, US]   (region ids from the helpline data)",
    "pages": "pages: [recognise/what-to-do]   (handbook pages, without .md)",
    "kit": "kit: [guide, handout, scenario-cards, quiz-cards, evaluation-form, slides, "
    "country-cards]   (any of these, in the order of the kit's contents)",
}


def check_module(
    path: Path, known_docs: set[str], known_regions: set[str]
) -> tuple[Module | None, list[Problem]]:
    """Validate one module.yaml; return the module or its problems, each with a line and fix.

    ``known_regions`` are the helpline data's region ids (a module names the regions whose
    emergency numbers its guide prints); ``known_docs`` the handbook's pages."""
    text, unreadable = read_text(path)
    if unreadable is not None:
        return None, [unreadable]
    try:
        data, line_of = yamllines.load(text)
    except yamllines.YAMLProblem as error:
        return None, [replace(yamllines.problem(error), path=path)]
    try:
        module = Module.model_validate(data)
    except ValidationError as error:
        problems = explain_validation(
            error, line_of, FIELD_HELP, docs="docs/workshops.md", fields=Module.model_fields
        )
        return None, [replace(problem, path=path) for problem in problems]

    problems = []
    total = sum(activity.minutes for activity in module.activities)
    if total != module.duration:
        problems.append(
            Problem(
                line_of(["activities"]),
                f"the run sheet adds up to {total} minutes, but 'duration' is {module.duration}",
                f"change the activities' minutes by {module.duration - total:+d} in all, or the "
                "duration",
                path,
            )
        )
    ids = [activity.id for activity in module.activities]
    for index, activity_id in enumerate(ids):
        if activity_id in ids[:index]:
            problems.append(
                Problem(
                    line_of(["activities", index, "id"]),
                    f"activity id '{activity_id}' appears twice",
                    "give each activity its own id",
                    path,
                )
            )
    for index, region in enumerate(module.safeguarding.helpline_regions):
        if region not in known_regions:
            problems.append(
                Problem(
                    line_of(["safeguarding", "helpline_regions", index]),
                    f"no region '{region}' in the helpline data",
                    f"use one of {', '.join(sorted(known_regions))}",
                    path,
                )
            )
    for index, page in enumerate(module.pages):
        if page not in known_docs:
            problems.append(
                Problem(
                    line_of(["pages", index]),
                    f"the page '{page}' does not exist",
                    "write the page's path without .md, such as recognise/what-to-do",
                    path,
                )
            )
    return module, problems
