"""YAML with line numbers, so that a schema error can name the line a writer must fix.

``load(text)`` returns the data and a function from a path in it (keys and list positions, as
pydantic reports them in ``error["loc"]``) to the 1-based line where that value is written.
A path that does not exist, such as a missing field, gives the line of its nearest parent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml

from onebyone.core import Problem


class YAMLProblem(ValueError):
    """The text is not valid YAML; ``line`` is where the reader stopped understanding it."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line, self.problem = line, problem


def problem(error: YAMLProblem) -> Problem:
    """The YAML error as a writer's problem. PyYAML notices an unclosed quote or a bad indent
    only where it stops understanding, which can be some lines below the mistake itself."""
    if error.problem.startswith(UNCLOSED):
        return Problem(error.line, error.problem, "add the closing quote at the end of the value")
    return Problem(
        error.line,
        f"the file is not valid YAML ({error.problem}), on or above line {error.line}",
        f"check the indentation and the quotes on line {error.line} and the lines above it",
    )


UNCLOSED = "a quote opened on this line is never closed"
QUOTED_VALUE = re.compile(r"""(?:^\s*-\s+|:\s+|[\[{,]\s*)(["'])""")


def unclosed_quote_line(text: str, last: int) -> int | None:
    """The first line, up to ``last``, whose value opens a quote that it does not close."""
    for number, line in enumerate(text.splitlines()[:last], start=1):
        match = QUOTED_VALUE.search(line.split(" #")[0])
        if not match:
            continue
        quote, rest = match.group(1), line[match.end() :]
        rest = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in rest:
            return number
    return None


# libyaml (PyYAML's C parser) is many times faster; PyYAML's own is the fallback, and gives
# the messages for a file with mistakes.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> tuple[Any, Callable[[Sequence[Any]], int]]:
    try:
        tree = yaml.compose(text, Loader=FAST_LOADER)
        data = yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        try:
            tree = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            if (quoted := unclosed_quote_line(text, line)) is not None:
                raise YAMLProblem(quoted, UNCLOSED) from error
            problem = getattr(error, "problem", None) or "it is not valid YAML"
            raise YAMLProblem(line, problem) from error

    def line_of(path: Sequence[Any]) -> int:
        node = tree
        line = node.start_mark.line + 1 if node is not None else 1
        for step in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(step):
                        child = value if isinstance(value, yaml.CollectionNode) else key
                        line = key.start_mark.line + 1
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line

    return data, line_of
