"""A page's structure, read from its source: boxes and code blocks that never close, and a
page with no title. Both change a page silently, so each is named with its line and the fix.

- **An unclosed box or code block**: a ``:::{key-points}`` box (or any ``:::`` box), or a
  fenced code block, with no closing line. MyST then puts the whole rest of the page inside
  it, and every heading after it stops being a heading: screen readers and the page's
  contents lose them.
- **A page with no title**: no ``# Title`` line, so the first heading is ``##`` (or there is
  none). MyST says "Document headings start at H2" once per heading, with no fix;
  ``sphinx_fixes`` drops that, and this says it once, with the fix.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.core import Problem, Warnings

COLON_FENCE = re.compile(r"^ {0,3}(:{3,})\s*(\S*)")
CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+\S")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def unclosed_fences(text: str) -> list[tuple[int, str]]:
    """(line, opening line) of each box or code block that is never closed.

    A ``:::`` box closes with a bare line of at least as many colons; boxes nest. A code
    block closes with at least as many of the same fence characters; nothing inside it counts.
    """
    boxes: list[tuple[int, int, str]] = []  # (line, colons, opening line)
    code: tuple[int, str, str] | None = None  # (line, fence, opening line)
    for number, line in enumerate(text.splitlines(), start=1):
        if code is not None:
            stripped, fence = line.strip(), code[1]
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                code = None
            continue
        if match := CODE_FENCE.match(line):
            code = (number, match.group(1), line.strip())
        elif match := COLON_FENCE.match(line):
            colons = len(match.group(1))
            if match.group(2):
                boxes.append((number, colons, line.strip()))
            else:
                # A bare line of colons closes the innermost box it is long enough for.
                for index in range(len(boxes) - 1, -1, -1):
                    if colons >= boxes[index][1]:
                        del boxes[index:]
                        break
    unclosed = [(line, opening) for line, _, opening in boxes]
    if code is not None:
        unclosed.append((code[0], code[2]))
    return sorted(unclosed)


def first_heading(text: str) -> tuple[int, int, str] | None:
    """(line, level, the line) of the first heading outside code blocks, or None."""
    fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        if fence:
            fence = None if line.strip().startswith(fence) else fence
        elif match := CODE_FENCE.match(line):
            fence = match.group(1)
        elif match := HEADING.match(line):
            return number, len(match.group(1)), line.strip()
    return None


def problems_in(text: str) -> list[Problem]:
    """The structure problems of one page's source, each with its line and fix."""
    problems = []
    for line, opening in unclosed_fences(text):
        if opening.startswith(":"):
            colons = re.match(r":+", opening).group(0)
            problems.append(
                Problem(
                    line,
                    f"the box '{opening}' that opens here is never closed, so the rest of the "
                    "page went inside it and its headings stopped being headings",
                    f"add a line '{colons}' where the box ends",
                )
            )
        else:
            fence = re.match(r"[`~]+", opening).group(0)
            problems.append(
                Problem(
                    line,
                    f"the code block '{opening}' that opens here is never closed, so the rest "
                    "of the page shows as code",
                    f"add a line '{fence}' where the block ends",
                )
            )
    front = FRONT_MATTER.match(text)
    title_line = len(front.group(0).splitlines()) + 2 if front else 1
    fix = (
        f"put the page's title on line {title_line}, after the front matter and a blank line, "
        "with one # sign, such as '# Myths and facts'"
    )
    heading = first_heading(text)
    if heading is None:
        problems.append(Problem(title_line, "this page has no title (no line starting #)", fix))
    elif heading[1] > 1:
        line, level, written = heading
        problems.append(
            Problem(
                line,
                f"this page has no title: its first heading, '{written}', has {level} # signs",
                fix,
            )
        )
    return problems


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    for problem in problems_in(source[0]):
        core.warn(Warnings.STRUCTURE, problem, location=(docname, problem.line))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("source-read", _check)
    return core.PARALLEL_SAFE
