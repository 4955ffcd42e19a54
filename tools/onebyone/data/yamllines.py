"""YAML with line numbers, so that a schema error can name the line a writer must fix.

``load(text)`` returns the data and a function from a path in it (keys and list positions, as
pydantic reports them in ``error["loc"]``) to the 1-based line where that value is written.
A path that does not exist, such as a missing field, gives the line of its nearest parent.
"""

from __future__ import annotations

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
    return Problem(
        error.line,
        f"the file is not valid YAML ({error.problem})",
        "check the indentation and the quotes on this line and the lines above it",
    )


def load(text: str) -> tuple[Any, Callable[[Sequence[Any]], int]]:
    try:
        tree = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise YAMLProblem(mark.line + 1 if mark else 1, problem) from error

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
