"""Kits: zips of prints, made after the prints, and the list of every print's size and pages.

A kit (``jobs.Kit``) is declared like a print job, by the data that owns it (a workshop
module's ``kit`` in its ``module.yaml``). After printing, the builder makes each kit whose
contents changed: the prints it names, each still printable alone, and a contents page,
``README.txt``, listing each item with its page count and the day its content was last
reviewed. Its digest is the digests of its prints and its contents page, kept beside it like a
print's (``stamps``), so a kit is zipped again only when one of its prints changed. The zip
itself is the same bytes for the same contents (fixed dates in the zip), so it can be compared.

``write_manifest`` writes ``prints.json``: every PDF's and kit's size in bytes and its pages,
which the workshops page shows beside each link.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from onebyone.outputs.pdf import stamps
from onebyone.outputs.pdf.jobs import Kit

MANIFEST = "prints.json"
CONTENTS = "README.txt"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # every member's date: the same contents give the same zip


def page_count(pdf: Path) -> int:
    import pikepdf  # only the pdf builder needs it; qpdf reads a page count in milliseconds

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def contents_page(kit: Kit, outdir: Path) -> str:
    """The kit's contents: each item, its file, its pages and its review date."""
    lines = [kit.title, "=" * len(kit.title), ""]
    width = max(len(item.label) for item in kit.items)
    total = 0
    for number, item in enumerate(kit.items, start=1):
        pages = page_count(outdir / item.filename)
        total += pages
        unit = "page" if pages == 1 else "pages"
        lines.append(
            f"{number:>2}. {item.label:<{width}}  {item.filename}  "
            f"{pages} {unit}, reviewed {item.reviewed}"
        )
    lines += [
        "",
        f"{len(kit.items)} items, {total} pages in all. Each file prints on its own.",
    ]
    if kit.url:
        lines.append(f"The newest version, and each item alone: {kit.url}")
    return "\n".join(lines) + "\n"


def missing_items(kit: Kit, outdir: Path) -> list[str]:
    return [item.filename for item in kit.items if not (outdir / item.filename).is_file()]


def make(kit: Kit, outdir: Path, engine: str) -> bool:
    """Zip the kit if its prints or contents changed; True if it was zipped."""
    contents = contents_page(kit, outdir)
    sha = hashlib.sha256(f"{engine}\nkit\n{contents}".encode())
    for item in kit.items:
        pdf = outdir / item.filename
        stamp = stamps.stamp_path(pdf)
        # A print's stamp is the digest of all it is made from; without one, its bytes.
        sha.update(stamp.read_bytes() if stamp.is_file() else pdf.read_bytes())
    digest = sha.hexdigest()
    target = outdir / kit.filename
    if stamps.is_current(target, digest):
        return False
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        members = [(CONTENTS, contents.encode("utf-8"))]
        members += [(item.filename, (outdir / item.filename).read_bytes()) for item in kit.items]
        for name, data in members:
            info = zipfile.ZipInfo(f"{kit.stem}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(target)
    stamps.stamp(target, digest)
    return True


def write_manifest(outdir: Path) -> Path:
    """``prints.json``: each PDF's and kit's bytes and pages (a kit's: its items' pages)."""
    found: dict[str, dict[str, int]] = {}
    for pdf in sorted(outdir.glob("*.pdf")):
        found[pdf.name] = {"bytes": pdf.stat().st_size, "pages": page_count(pdf)}
    for archive in sorted(outdir.glob("*.zip")):
        with zipfile.ZipFile(archive) as opened:
            names = [Path(n).name for n in opened.namelist() if n.endswith(".pdf")]
        pages = sum(found.get(name, {}).get("pages", 0) for name in names)
        found[archive.name] = {"bytes": archive.stat().st_size, "pages": pages, "items": len(names)}
    path = outdir / MANIFEST
    text = json.dumps(found, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, encoding="utf-8")  # unchanged: its date stays, pages not re-read
    return path
