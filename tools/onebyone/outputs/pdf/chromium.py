"""Printing HTML to PDF with Chromium (Playwright driving Debian's Chromium, headless).

Chromium was chosen by a measured trial (``docs/prints.md``): it breaks Khmer and Thai lines
without spaces, gives back Khmer text from the PDF as it was written, writes tagged PDFs with
a structure tree and bookmarks, and printed every print in a fraction of WeasyPrint's time.

The page loads only ``file:`` and ``data:`` addresses: any other request is refused and reported,
so a print can never reach another host. Every failed load (an image, a font, a stylesheet)
is returned as a problem, which the builder turns into a warning, so the strict build fails.
"""

from __future__ import annotations

import asyncio
import collections
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# Without these, Chromium calls Google's servers at start-up; as root it needs no sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--font-render-hinting=none",
]
NOT_LOCAL = re.compile(r"^(?!file:|data:)")
ENGINE = "chromium, tagged, outline"  # goes into every print's digest
# A print after the first is written into the page's document instead of opened: the same
# pixels, tags and links (compared on every print), in less than half the time, because
# Chromium keeps the stylesheet and the fonts it has already read and checked.
WRITE = """html => new Promise(resolve => {
  document.open();
  document.write(html);
  document.close();
  const loaded = () => document.readyState === "complete" && (resolve(), true);
  if (!loaded()) document.addEventListener("readystatechange", loaded);
})"""
MISSING = (
    "No Chromium found. Fix: install it (sudo apt-get install chromium), "
    "or set onebyone_pdf_chromium"
)


def chromium_path(configured: str = "") -> str | None:
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


@dataclass(frozen=True)
class Job:
    html: Path
    pdf: Path
    # Called once the print is made without problems; returns the print to make in its place.
    # The book's contents get their page numbers this way, while the other prints go on. A job
    # with a follow-up is a draft, read only for where its pages fall: Chromium prints it
    # without tags and bookmarks (the same pages, a quarter faster on the book).
    then: Callable[[], Job] | None = None


async def _print_all(executable: str, jobs: list[Job], workers: int) -> list[tuple[Job, list[str]]]:
    from playwright.async_api import async_playwright

    results: list[tuple[Job, list[str]]] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = await browser.new_context(offline=True)
        # ``workers`` pages, each printing job after job: a page is opened once, not per print.
        # A job's follow-up goes to the front of the queue, so the book's second printing
        # starts as soon as its first is done.
        queue = collections.deque((job, job, []) for job in jobs)

        async def worker() -> None:
            page = await context.new_page()
            problems: list[str] = []  # those of the print the page is making

            async def refuse(route) -> None:
                problems.append(
                    f"refused to load {route.request.url}: a print loads local files only"
                )
                await route.abort()

            # Only what is not a local file comes back here to be refused.
            await page.route(NOT_LOCAL, refuse)
            page.on(
                "requestfailed",
                lambda request: problems.append(f"could not load {request.url}: {request.failure}"),
            )
            folder = None  # where the page's document is: relative addresses start there
            while queue:
                job, declared, found = queue.popleft()
                problems.clear()
                if job.html.parent.resolve() == folder:
                    await page.evaluate(WRITE, job.html.read_text("utf-8"))
                else:
                    await page.goto(job.html.resolve().as_uri(), wait_until="load")
                    folder = job.html.parent.resolve()
                await page.evaluate("document.fonts.ready")
                final = job.then is None
                await page.pdf(
                    path=str(job.pdf),
                    prefer_css_page_size=True,
                    print_background=True,
                    tagged=final,
                    outline=final,
                )
                found += problems
                if not found and job.then:
                    queue.appendleft((await asyncio.to_thread(job.then), declared, found))
                else:
                    results.append((declared, sorted(set(found))))
            await page.close()

        await asyncio.gather(*(worker() for _ in range(max(1, workers))))
        await context.close()
        await browser.close()
    return results


def print_pdfs(
    executable: str, jobs: Iterable[Job], workers: int = 2
) -> list[tuple[Job, list[str]]]:
    """Print every job with one browser, ``workers`` pages at a time, the biggest first (and
    each job's follow-up as soon as it is ready); return each job's problems."""
    jobs = sorted(jobs, key=lambda job: job.html.stat().st_size, reverse=True)
    if not jobs:
        return []
    return asyncio.run(_print_all(executable, jobs, workers))


def destination_pages(pdf: Path) -> dict[str, int]:
    """Each named destination of a PDF Chromium printed (an element id) and its page, from 1."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        numbers = {page.objgen: n for n, page in enumerate(document.pages, start=1)}
        dests = document.Root.get("/Dests")
        if dests is None:
            return {}
        return {
            str(name)[1:]: numbers[target[0].objgen]
            for name, target in dests.items()
            if target[0].objgen in numbers
        }


def open_to_bookmarks(pdf: Path) -> None:
    """Mark a PDF to open with its bookmarks shown (Chromium does not): one catalog entry.
    pikepdf (qpdf) rewrites the file in a few milliseconds, keeping the tags and the outline;
    pypdf's incremental update took 14 s on the handbook and a minute for all the prints."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        document.Root.PageMode = pikepdf.Name.UseOutlines
        document.save(pdf)
