"""Images: alt text, a credit with a licence, and a size limit, checked by the strict build."""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

from conftest import VALID_FRONT_MATTER, add_extensions, build_fails, sphinx_build


def png(path: Path, width: int = 4, height: int = 4, noisy: bool = False) -> Path:
    """Write a real PNG: grey, or random pixels (which do not compress) to make a big file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = width * 3
    pixels = b"".join(
        b"\x00" + (os.urandom(row) if noisy else b"\x80" * row) for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )
    return path


# The page: front matter (lines 1-6), a blank line, its title (8), a blank line, then the body (10).
def project(scratch_project, body: str, *settings: str, big: bool = False) -> Path:
    source = scratch_project({"pictures": VALID_FRONT_MATTER + "\n# Pictures\n\n" + body})
    png(source / "small.png")
    if big:
        png(source / "big.png", 400, 400, noisy=True)
    return add_extensions(source, "onebyone.checks.images", settings=settings)


GOOD_FIGURE = """\
```{figure} small.png
:alt: A grey square, standing in for a photograph

A caption that says what the picture adds.

Credit: Jane Doe, CC BY 4.0.
```
"""


def test_pictures_with_alt_text_and_a_credit_pass(scratch_project, tmp_path: Path):
    body = GOOD_FIGURE + "\n```{image} small.png\n:class: decorative own-work\n```\n"
    result = sphinx_build(project(scratch_project, body), tmp_path / "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "html" / "pictures.html").read_text("utf-8")
    assert 'alt="A grey square, standing in for a photograph"' in html
    # A decorative picture is written with an empty alt, so screen readers skip it.
    assert 'alt=""' in html and 'alt="small.png"' not in html


def test_a_picture_without_alt_text_fails_with_its_line_and_how_to_write_it(scratch_project):
    body = "Some text.\n\n```{image} small.png\n:class: own-work\n```\n"
    printed = build_fails(project(scratch_project, body))
    assert "pictures.md:12: WARNING: image 'small.png' has no alt text." in printed
    assert "Fix: add a line ':alt: '" in printed and ":class: decorative" in printed


def test_a_file_name_is_not_alt_text(scratch_project):
    body = "```{image} small.png\n:alt: small.png\n:class: own-work\n```\n"
    printed = build_fails(project(scratch_project, body))
    assert "has a file name as its alt text ('small.png')" in printed


def test_a_picture_needs_a_credit_and_a_licence(scratch_project):
    no_credit = "```{figure} small.png\n:alt: A grey square\n\nA caption.\n```\n"
    no_licence = (
        "```{figure} small.png\n:alt: A grey square\n\nA caption.\n\n"
        "Credit: Jane Doe, all rights reserved.\n```\n"
    )
    bare = "```{image} small.png\n:alt: A grey square\n```\n"
    for body, expected in [
        (no_credit, "pictures.md:10: WARNING: figure 'small.png' has no credit."),
        (no_licence, "has a credit that names no licence we accept"),
        (bare, "pictures.md:10: WARNING: image 'small.png' has no caption"),
    ]:
        source = project(scratch_project, body)
        printed = build_fails(source)
        assert expected in printed, printed
        assert "Credit: Jane Doe, CC BY 4.0." in printed
        for folder in ("source", "html"):
            shutil.rmtree(source.parent / folder)


def test_a_picture_over_the_size_limit_fails_with_its_size_and_how_to_shrink_it(scratch_project):
    body = GOOD_FIGURE.replace("small.png", "big.png")
    printed = build_fails(project(scratch_project, body, big=True))
    assert "pictures.md:10: WARNING: image 'big.png' is 4" in printed
    assert "KB, over the limit of 300 KB. Fix: make it at most 1600 pixels wide" in printed


def test_an_svg_has_its_own_limit(scratch_project):
    body = GOOD_FIGURE.replace("small.png", "drawing.svg")
    source = project(scratch_project, body, "onebyone_svg_max_kb = 1")
    points = " ".join(f"{n},{n % 7}" for n in range(400))
    (source / "drawing.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 10">'
        f'<polyline points="{points}" fill="none" stroke="black"/></svg>'
    )
    size_kb = (source / "drawing.svg").stat().st_size / 1024
    printed = build_fails(source)
    assert f"image 'drawing.svg' is {size_kb:.0f} KB, over the limit of 1 KB" in printed
    assert "SVGO" in printed
