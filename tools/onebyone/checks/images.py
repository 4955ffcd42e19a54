"""Images: every picture has alt text, a credit and a licence, and is small enough for a phone.

The rules, checked while Sphinx reads each page (each problem is a warning at the file and
line, with the fix; the strict build turns it into a failure):

- Alt text. Every image says in words what it shows (``:alt: A volunteer hands out leaflets``).
  A purely decorative image says so with the class ``decorative`` and no alt text; it is then
  written with an empty ``alt=""`` so that screen readers skip it.
- Credit and licence. A picture goes in a ``{figure}`` whose caption ends with a line that
  starts ``Credit:`` and names who made it and one of ``onebyone_image_licences`` (CC BY 4.0,
  CC BY-SA 4.0, CC0, public domain, own work), for example
  ``Credit: Jane Doe, CC BY 4.0.``. An image outside a figure, with no caption, must be one
  of ours, marked with the class ``own-work`` (made for the handbook, under its licence).
- Size. A picture file may be at most ``onebyone_image_max_kb`` (300 KB); an SVG at most
  ``onebyone_svg_max_kb`` (300 KB). Readers may be on slow or paid-for mobile data.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

DECORATIVE = "decorative"
OWN_WORK = "own-work"
FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|webp|svg|avif)$", re.IGNORECASE)

ALT_FIX = (
    "Fix: add a line ':alt: ' under the image's first line, saying in a few plain words what "
    "the picture shows and why it is there (for example ':alt: A teacher talks with a pupil "
    "in a classroom'). If the picture is only decoration, add ':class: decorative' instead."
)
ALT_FIX_MARKDOWN = (
    "Fix: write what the picture shows between the square brackets, in a few plain words: "
    "![A teacher talks with a pupil in a classroom]({uri}). If the picture is only "
    "decoration, put it in a {{figure}} with ':class: decorative' instead."
)
CREDIT_EXAMPLE = "Credit: Jane Doe, CC BY 4.0."
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(<?([^)\s>]+)")


def _warn(text: str, node: nodes.Node) -> None:
    core.warn(
        core.Warnings.IMAGES, core.Problem(node.line or 0, *core.split_fix(text)), location=node
    )


def _check_alt(image: nodes.image) -> None:
    alt = str(image.get("alt", "")).strip()
    if DECORATIVE in image.get("classes", []):
        # Without an alt attribute the HTML writer would use the file name, which a screen
        # reader reads aloud; an empty one tells it to skip the picture.
        image["alt"] = ""
        return
    if not alt:
        markdown = image.get("onebyone_markdown")
        fix = ALT_FIX_MARKDOWN.format(uri=markdown) if markdown else ALT_FIX
        _warn(f"image '{image.get('uri', '')}' has no alt text. {fix}", image)
    elif FILE_NAME.match(alt):
        _warn(
            f"image '{image.get('uri', '')}' has a file name as its alt text ('{alt}'). {ALT_FIX}",
            image,
        )


def _credit_line(figure: nodes.figure) -> str:
    """The text of the caption and legend from 'Credit:' on, or '' if there is none."""
    words = " ".join(
        child.astext()
        for child in figure.children
        if isinstance(child, nodes.caption | nodes.legend)
    )
    found = re.search(r"\bCredit:(.*)$", words, re.S)
    return found.group(1).strip() if found else ""


def _check_credit(app: Sphinx, image: nodes.image) -> None:
    licences = app.config.onebyone_image_licences
    named = ", ".join(licences)
    if OWN_WORK in image.get("classes", []):
        return  # ours, under the handbook's own licence
    figure = image.parent if isinstance(image.parent, nodes.figure) else None
    if figure is None:
        _warn(
            f"image '{image.get('uri', '')}' has no caption, so it has no credit or licence. "
            "Fix: put it in a {figure} with a caption whose last line is like "
            f"'{CREDIT_EXAMPLE}' (licences we accept: {named}). If we made it for the "
            f"handbook, add ':class: {OWN_WORK}' instead.",
            image,
        )
        return
    credit = _credit_line(figure)
    if not credit:
        _warn(
            f"figure '{image.get('uri', '')}' has no credit. Fix: end its caption with a line "
            f"like '{CREDIT_EXAMPLE}', naming who made it and its licence ({named}).",
            figure,
        )
    elif not any(licence.lower() in credit.lower() for licence in licences):
        _warn(
            f"figure '{image.get('uri', '')}' has a credit that names no licence we accept "
            f"('Credit: {credit}'). Fix: name one of {named}, as in '{CREDIT_EXAMPLE}'. If the "
            "picture has another licence, or none, do not use it: ask its owner, or find another.",
            figure,
        )


def _check_size(app: Sphinx, image: nodes.image) -> None:
    uri = image.get("candidates", {}).get("*") or image.get("uri", "")
    if "://" in uri or uri.startswith("data:"):
        return
    path = Path(app.srcdir, uri)
    if not path.is_file():
        return  # Sphinx itself reports a missing picture
    size_kb = path.stat().st_size / 1024
    is_svg = path.suffix.lower() == ".svg"
    limit = app.config.onebyone_svg_max_kb if is_svg else app.config.onebyone_image_max_kb
    if size_kb <= limit:
        return
    if is_svg:
        fix = (
            "Fix: simplify the drawing (fewer points and layers), remove embedded pictures "
            "and fonts, and run it through an SVG optimiser such as SVGO."
        )
    else:
        fix = (
            "Fix: make it at most 1600 pixels wide, and save photos as JPEG (quality about 80) "
            "and drawings or screenshots as PNG with fewer colours."
        )
    _warn(f"image '{uri}' is {size_kb:.0f} KB, over the limit of {limit} KB. {fix}", image)


def _find_markdown_lines(doctree: nodes.document) -> None:
    """MyST gives a Markdown picture (``![alt](file)``) no line: find it in the source, so
    every message about it names its line, and the alt-text fix uses the same syntax."""
    images = [image for image in doctree.findall(nodes.image) if not image.line]
    if not images:
        return
    try:
        lines = Path(doctree["source"]).read_text("utf-8", "replace").splitlines()
    except (KeyError, OSError):
        return
    written = [
        (number, match.group(1))
        for number, line in enumerate(lines, start=1)
        for match in MARKDOWN_IMAGE.finditer(line)
    ]
    for image in images:
        name = Path(image.get("uri", "")).name
        for index, (number, target) in enumerate(written):
            if Path(target).name == name:
                image.line, image["onebyone_markdown"] = number, target
                image.source = image.source or doctree["source"]
                del written[index]
                break


def _check_images(app: Sphinx, doctree: nodes.document) -> None:
    _find_markdown_lines(doctree)
    for image in doctree.findall(nodes.image):
        _check_alt(image)
        _check_credit(app, image)
        _check_size(app, image)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_image_max_kb", 300, "env", types=[int])
    app.add_config_value("onebyone_svg_max_kb", 300, "env", types=[int])
    app.add_config_value(
        "onebyone_image_licences",
        ["CC BY 4.0", "CC BY-SA 4.0", "CC0", "public domain", "own work"],
        "env",
        types=[list],
    )
    # After Sphinx has found each picture's file (priority 500), so sizes can be measured.
    app.connect("doctree-read", _check_images, priority=800)
    return core.PARALLEL_SAFE
