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
import contextlib
import re
import shutil
import threading
from collections.abc import Callable
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


class Printer:
    """Chromium printing in a thread of its own, ``workers`` pages at a time, while the builder
    renders the next prints: ``submit`` a job as soon as its HTML is written; leaving the
    ``with`` block waits for every print, and ``results`` holds each job's problems.

    Use it as a context manager, so that the browser closes whatever happens::

        with Printer(executable, workers=2) as printer:
            printer.submit(Job(html, pdf))
        printer.results  # [(job, problems), ...]
    """

    def __init__(self, executable: str, workers: int = 2) -> None:
        self.executable = executable
        self.workers = max(1, workers)
        self.results: list[tuple[Job, list[str]]] = []
        self._loop = asyncio.new_event_loop()
        self._queue: asyncio.Queue[Job | None] = asyncio.Queue()
        self._thread = threading.Thread(target=self._run, name="chromium", daemon=True)
        self._error: BaseException | None = None

    def __enter__(self) -> Printer:
        self._thread.start()
        return self

    def submit(self, job: Job | None) -> None:
        # A closed loop: the thread stopped on an error, which leaving the ``with`` raises.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._queue.put_nowait, job)

    def __exit__(self, *exc_info: object) -> None:
        for _ in range(self.workers):  # one "no more" for each page
            self.submit(None)
        self._thread.join()
        if self._error is not None and exc_info[0] is None:
            raise self._error

    def _run(self) -> None:
        try:
            self._loop.run_until_complete(self._print_all())
        except BaseException as error:  # re-raised in the builder's thread by __exit__
            self._error = error
        finally:
            self._loop.close()

    async def _print_all(self) -> None:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=self.executable, args=CHROMIUM_ARGS
            )
            context = await browser.new_context(offline=True)
            try:
                await asyncio.gather(*(self._page(context) for _ in range(self.workers)))
            finally:
                await context.close()
                await browser.close()

    async def _page(self, context) -> None:
        """One page, printing job after job until told there are no more. A page is opened
        once, not per print; a job's follow-up is printed by the same page straight after."""
        page = await context.new_page()
        problems: list[str] = []  # those of the print the page is making

        async def refuse(route) -> None:
            problems.append(f"refused to load {route.request.url}: a print loads local files only")
            await route.abort()

        # Only what is not a local file comes back here to be refused.
        await page.route(NOT_LOCAL, refuse)
        page.on(
            "requestfailed",
            lambda request: problems.append(f"could not load {request.url}: {request.failure}"),
        )
        folder = None  # where the page's document is: relative addresses start there
        while (declared := await self._queue.get()) is not None:
            job, found = declared, []
            while True:
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
                if found or final:
                    break
                job = await asyncio.to_thread(job.then)
            self.results.append((declared, sorted(set(found))))
        await page.close()


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
