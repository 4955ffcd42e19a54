"""The print-engine trial (docs/prints.md): print the same HTML documents with WeasyPrint or
Chromium, time them, and check each PDF against the criteria.

    python -m sphinx -b pdf handbook /tmp/pdf          # writes the HTML beside every PDF
    python benchmarks/print_engines.py time weasyprint 2 /tmp/out /tmp/pdf/*.html
    python benchmarks/print_engines.py time chromium 2 /tmp/out /tmp/pdf/*.html
    python benchmarks/print_engines.py check /tmp/out/*.pdf
    python benchmarks/print_engines.py khmer /tmp/khmer  # the line-breaking and text-layer sample

Wall and CPU seconds are both printed: on a shared machine the CPU figure is the fairer one.
Chromium's CPU is counted by running it under /usr/bin/time (its processes are not ours).
`check` needs pikepdf (pip install pikepdf) and poppler's pdffonts.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "tools" / "onebyone" / "site" / "static" / "fonts"
from onebyone.outputs.pdf.chromium import CHROMIUM_ARGS  # noqa: E402

# "Every child needs safety", six times, without spaces, as Khmer and Thai are written.
SAMPLES = {"km": "ក្មេងទាំងអស់ត្រូវការសុវត្ថិភាព" * 6, "th": "เด็กทุกคนต้องการความปลอดภัย" * 6}


def weasy_one(pair: tuple[str, str]) -> None:
    import weasyprint

    html, pdf = pair
    weasyprint.HTML(filename=html, base_url=str(Path(html).parent)).write_pdf(pdf, pdf_tags=True)


def weasy(pairs: list[tuple[str, str]], workers: int) -> None:
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        list(pool.map(weasy_one, pairs))


def chromium(pairs: list[tuple[str, str]], workers: int, cpu_log: Path) -> None:
    from playwright.async_api import async_playwright

    wrapper = Path(tempfile.mkdtemp()) / "chromium"
    wrapper.write_text(
        f'#!/bin/sh\nexec /usr/bin/time -a -o {cpu_log} -f "%U %S" /usr/bin/chromium "$@"\n'
    )
    wrapper.chmod(0o755)

    async def main() -> None:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(wrapper), args=CHROMIUM_ARGS)
            slots = asyncio.Semaphore(workers)

            async def one(html: str, pdf: str) -> None:
                async with slots:
                    page = await browser.new_page()
                    await page.goto(Path(html).resolve().as_uri(), wait_until="load")
                    await page.pdf(
                        path=pdf,
                        prefer_css_page_size=True,
                        print_background=True,
                        tagged=True,
                        outline=True,
                    )
                    await page.close()

            await asyncio.gather(*(one(h, p) for h, p in pairs))
            await browser.close()

    asyncio.run(main())


def time_engine(engine: str, workers: int, out: Path, htmls: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pairs = [(h, str(out / (Path(h).stem + ".pdf"))) for h in htmls]
    cpu_log = out / "chromium-cpu.txt"
    cpu_log.unlink(missing_ok=True)
    started = time.perf_counter()
    if engine == "weasyprint":
        weasy(pairs, workers)
    else:
        chromium(pairs, workers, cpu_log)
    wall = time.perf_counter() - started
    cpu = sum(
        getattr(resource.getrusage(who), field)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for field in ("ru_utime", "ru_stime")
    )
    if cpu_log.exists():
        cpu += sum(float(v) for v in cpu_log.read_text().split())
    load = Path("/proc/loadavg").read_text().split()[0]
    print(
        f"{engine}, {workers} at a time, {len(pairs)} prints: wall {wall:.1f} s, "
        f"CPU {cpu:.1f} s (load {load})"
    )


def check(pdf_path: str) -> None:
    import pikepdf

    pdf = pikepdf.open(pdf_path)
    root = pdf.Root
    tagged = "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked", False))
    with pdf.open_outline() as outline:
        bookmarks = len(outline.root)
    fonts = subprocess.run(["pdffonts", pdf_path], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    names = set((root.get("/Dests") or {}).keys())
    links = unresolved = 0
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            dest = annot.get("/Dest", (annot.get("/A") or {}).get("/D"))
            if annot.get("/Subtype") == "/Link" and dest is not None:
                links += 1
                unresolved += isinstance(dest, pikepdf.Name) and str(dest) not in names
    cmyk = any(
        b"DeviceCMYK" in obj.read_raw_bytes()[:100000]
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Stream)
    ) or "/DeviceCMYK" in str([page.get("/Resources") for page in pdf.pages[:5]])
    print(
        f"{Path(pdf_path).name}: pages {len(pdf.pages)}, tagged {tagged}, "
        f"lang {root.get('/Lang')}, title {pdf.docinfo.get('/Title')}, bookmarks {bookmarks}, "
        f"fonts embedded {all(r[-5] == 'yes' for r in rows)}, subset "
        f"{all(r[-4] == 'yes' for r in rows)}, internal links {links} ({unresolved} unresolved), "
        f"CMYK {cmyk}"
    )


def khmer(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    font = (FONTS / "noto-sans-khmer-khmer-400-normal.woff2").as_uri()
    htmls = []
    for lang, text in SAMPLES.items():
        html = out / f"{lang}.html"
        html.write_text(
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{lang}</title>'
            f'<style>@font-face {{ font-family: "Noto Sans Khmer"; src: url("{font}"); }}'
            f"@page {{ size: A5; margin: 10mm }} "
            f"body {{ margin: 0; font: 12pt 'Noto Sans Khmer', sans-serif }}"
            f"p {{ width: 60mm; border: 1px solid }}</style></head>"
            f"<body><p>{text}</p></body></html>",
            "utf-8",
        )
        htmls.append(str(html))
    for engine in ("weasyprint", "chromium"):
        time_engine(engine, 1, out / engine, htmls)
        for lang, text in SAMPLES.items():
            pdf = out / engine / f"{lang}.pdf"
            boxes = subprocess.run(
                ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True
            ).stdout
            right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
            box_right = (10 + 60) * 72 / 25.4  # the margin and the box, in points
            plain = re.sub(
                r"\s",
                "",
                subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout,
            )
            print(
                f"  {engine} {lang}: text reaches {right:.0f} pt, the box ends at "
                f"{box_right:.0f} pt: {'overflows' if right > box_right + 2 else 'wraps'}; "
                f"text layer exact: {plain.replace(chr(0x200B), '') == text}"
            )


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "time":
        engine, workers, out, *htmls = rest
        time_engine(engine, int(workers), Path(out), htmls)
    elif command == "check":
        for path in rest:
            check(path)
    else:
        khmer(Path(rest[0]))
    os._exit(0)
