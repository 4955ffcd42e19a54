"""What every One by One extension shares: one kind of problem, one way to warn, one loader for
data files, and one place where each page's metadata and the project's data are kept.

- ``Problem``: a mistake a writer can fix: where (file and line), what is wrong, and the fix.
- ``Warnings``: every warning subtype our checks emit, each with what it is for (the MyST-Parser
  pattern). ``warn(subtype, problem)`` prints ``file:line: WARNING: message. Fix: ...``; the
  strict build (``-W``) turns it into a failure. Nothing ends as a crash report.
- ``load_data_file(app, path, check, subtype)``: read a YAML data file as UTF-8, run its check
  (which returns the data or its problems with lines), and warn for each problem. A file with
  problems gives ``None``; the build goes on reading, so every mistake is reported at once, and
  ``-W`` stops it at the end.
- ``kept(app, name, inputs, make)``: a result that takes seconds to make, kept between builds
  and made again only when its inputs change.
- ``explain_validation(error, line_of, field_help, ...)``: pydantic's errors as Problems, with
  the line of the field and what to write instead.
- ``OneByOneDomain``: per page, the validated front matter with its key lines and the reading
  measures; per build, the project's data (helplines, workshops, terminology), typed. Sphinx
  purges and merges the per-page part itself (``clear_doc``, ``merge_domaindata``), so parallel
  builds need no hand-written code in each extension.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

if TYPE_CHECKING:
    from onebyone.data.helplines import Directory
    from onebyone.data.pages import PageMeta
    from onebyone.data.terminology import Terminology
    from onebyone.data.workshops import LoadedModule

logger = logging.getLogger("onebyone")

#: What every extension's ``setup()`` returns: each keeps its state in the domain below (or
#: none), so reading and writing in parallel is safe; a test builds with ``-j 2`` to prove it.
PARALLEL_SAFE: ExtensionMetadata = {
    "version": "2",
    "parallel_read_safe": True,
    "parallel_write_safe": True,
}


class Warnings(enum.Enum):
    """Every kind of warning our checks give. The value is the subtype Sphinx prints
    (``[onebyone.<value>]``), which ``suppress_warnings`` could name (we never do)."""

    FRONT_MATTER = "front-matter"
    """A page's front matter is missing, unreadable or breaks the schema."""
    REVIEW_DUE = "review-due"
    """A page is long past its review date."""
    READABILITY = "readability"
    """A page is harder to read than its readers' level."""
    EMPTY_PAGE = "empty-page"
    """A page has almost no text."""
    TERMINOLOGY = "terminology"
    """A word we avoid, or a problem in the terminology data."""
    SPELLING = "spelling"
    """A misspelling or a US spelling."""
    IMAGES = "images"
    """A picture with no alt text, credit or licence, or too large."""
    PRIVACY = "privacy"
    """A page loads something from another website."""
    HELPLINES = "helplines"
    """A problem in the helpline data."""
    SOURCES = "sources"
    """A reference from a site we never cite, or a problem in the list of those sites."""
    TYPED_NUMBER = "typed-number"
    """A phone number typed into a page instead of drawn from the data."""
    CALL_NUMBER = "call-number"
    """A page says "call the emergency number" (the police, a helpline...) with no number and
    no link to Get help beside it."""
    WORKSHOP = "workshop"
    """A problem in a workshop module's data."""
    DATA = "data"
    """A data file that cannot be read at all (missing, not UTF-8, not YAML)."""
    PDF = "pdf"
    """A problem while printing."""
    SCRIPT = "script"
    """Raw HTML in a page that would run code: a script, an event handler, a javascript: link,
    an iframe, object or embed."""
    STRUCTURE = "structure"
    """A box or code block that is never closed, or a page with no title."""
    HTTP = "http"
    """A plain http:// address that is not allow-listed."""
    ANCHOR = "anchor"
    """A link to a heading whose anchor two headings share."""
    PAGE_SIZE = "page-size"
    """A word too long to wrap on a phone, or a page over its size budget."""
    ENCODING = "encoding"
    """A page that is not saved as UTF-8."""
    TRANSLATION = "translation"
    """A problem in the language data, or a listed language below the release rule."""


@dataclass(frozen=True)
class Problem:
    """A mistake a writer can fix. ``path`` may be empty when the caller knows the file."""

    line: int
    message: str
    fix: str = ""
    path: str | Path = ""
    entry: str = ""  # which entry of a data file, such as "GB/childline"
    severe: bool = True  # False: a warning in a preview only (see onebyone_helplines_stale)

    def __str__(self) -> str:
        return self.text()

    def text(self, prefix: str = "") -> str:
        where = f"{prefix}{self.entry}: " if self.entry else prefix
        message = self.message
        if not message.endswith("\n"):  # a message ending in a list goes on to the fix
            message = message.rstrip(".") + ("." if message[-1:] not in "?!" else "")
            message += " " if self.fix else ""
        return f"{where}{message}Fix: {self.fix}" if self.fix else f"{where}{message}".rstrip()


def shown_path(path: str | Path) -> Path:
    """A file's path as a writer sees it: relative to where the build was started, if inside."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def split_fix(text: str) -> tuple[str, str]:
    """A message written with its fix ("... Fix: ...") as the message and the fix."""
    message, _, fix = text.partition(" Fix: ")
    return message, fix


def warn(
    subtype: Warnings,
    problem: Problem,
    *,
    location: Any = None,
    prefix: str = "",
) -> None:
    """Print one problem as a located Sphinx warning: ``file:line: WARNING: ... Fix: ...``.

    ``location`` is a docname, ``(docname, line)`` or a node; without it the problem's own
    path and line are used."""
    if location is None:
        location = f"{shown_path(problem.path)}:{problem.line}" if problem.path else None
    logger.warning(problem.text(prefix), location=location, type="onebyone", subtype=subtype.value)


# --- Data files ---------------------------------------------------------------------------------

T = TypeVar("T")


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """A data file's text, or the problem that stops it being read (missing, not UTF-8)."""
    if not path.is_file():
        return None, Problem(
            1,
            f"there is no file at {shown_path(path)}",
            "create it, or set its path in conf.py",
            path,
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, Problem(
            line,
            f"the file is not UTF-8 text (byte {raw[error.start]:#x} on this line)",
            "save the file as UTF-8 in your editor, or retype the character",
            path,
        )


def load_data_file(
    path: Path,
    check: Callable[[str], tuple[T | None, Sequence[Problem]]],
    subtype: Warnings,
    *,
    prefix: str = "",
    keep_going: Callable[[Problem], bool] = lambda problem: False,
) -> T | None:
    """Read, check and report one data file; the data, or None if it has problems.

    ``check`` turns the text into the data and its problems (each with its line). Every problem
    is a warning at ``file:line``; the build goes on so that every mistake shows at once.
    ``keep_going(problem)`` marks problems that are only warnings (the data is still used)."""
    text, unreadable = read_text(path)
    if unreadable is not None:
        warn(Warnings.DATA, unreadable, prefix=prefix)
        return None
    data, problems = check(text)
    for problem in problems:
        warn(subtype, replace(problem, path=problem.path or path), prefix=prefix)
    if any(not keep_going(problem) for problem in problems):
        return None
    return data


def kept(app: Sphinx, name: str, inputs: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it made last time from the same ``inputs``: one result per ``name``,
    kept in the build's doctree folder between builds. ``inputs`` must be everything the result
    depends on (the files it reads, the code that makes it), so that it is never stale."""
    digest = hashlib.sha256()
    for part in inputs:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    key = digest.hexdigest().encode("ascii") + b"\n"
    store = Path(app.doctreedir) / "onebyone-kept" / name
    if store.is_file() and (stored := store.read_bytes()).startswith(key):
        return stored[len(key) :]
    result = make()
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(key + result)
    return result


def explain_validation(
    error: ValidationError,
    line_of: Callable[[Sequence[Any]], int],
    field_help: dict[str, str],
    *,
    docs: str,
    entry_of: Callable[[list[Any]], str] = lambda loc: "",
    fields: Iterable[str] = (),
) -> list[Problem]:
    """pydantic's errors as Problems: the field's line, what is wrong, and what to write.

    ``field_help`` maps a field name to an example line; ``docs`` names the page that explains
    every field; ``fields`` lists the allowed names, shown when a name is not one of them."""
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        name = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
        entry = entry_of(loc)
        if item["type"] == "missing":
            fix = f"add  {field_help.get(name, name + ': ...')}"
            problems.append(Problem(line_of(loc[:-1]), f"'{name}' is missing", fix, entry=entry))
            continue
        if item["type"] == "extra_forbidden":
            allowed = f" (the fields are: {', '.join(fields)})" if fields else ""
            problems.append(
                Problem(
                    line_of(loc),
                    f"'{name}' is not a field we use{allowed}",
                    f"remove it, or correct its spelling (see {docs})",
                    entry=entry,
                )
            )
            continue
        got = item.get("input")
        shown = f" (you wrote {got!r})" if isinstance(got, str | int | float) else ""
        message = item["msg"].removeprefix("Value error, ")
        fix = f"write  {field_help[name]}" if name in field_help else f"see {docs}"
        problems.append(Problem(line_of(loc), f"'{name}': {message}{shown}", fix, entry=entry))
    return problems


# --- What the build knows about each page, and the project's data -------------------------------


@dataclass(frozen=True)
class PageRecord:
    """A page's validated front matter and the line of each of its keys in the source file."""

    meta: PageMeta
    lines: dict[str, int] = field(default_factory=dict)


class OneByOneDomain(Domain):
    """Per page: ``pages`` (front matter, from ``checks.frontmatter``) and ``readings``
    (reading measures, from ``checks.readability``). Per build (not kept between builds,
    loaded again each time): ``helplines``, ``workshops`` and ``terminology``, set by the
    extension that loads each file; read them with ``data(env)``. Also per build: the last
    resolved page's prose (``checks.prose.page_passages``), so two checks walk it once. Kept
    between builds for the whole project: ``bibliography``, the formatted sources
    (``content.bibtex``), with the digest of the sources they were formatted from."""

    name = "onebyone"
    label = "One by One"
    initial_data: dict[str, Any] = {"pages": {}, "readings": {}, "bibliography": {}}
    data_version = 3

    helplines: Directory | None = None
    workshops: list[LoadedModule] | None = None
    terminology: Terminology | None = None
    # onebyone.site.languages: the language data and the completeness table of the catalogues.
    languages: Any = None
    translations: dict[str, Any] | None = None
    # onebyone.checks.prose: the page last resolved and its prose passages, worked out once
    # and shared by the word checks (terminology, spelling) that read the same page.
    prose: tuple[Any, list[Any]] | None = None
    # onebyone.checks.terminology: the bibliography entries marked formal-name, found once.
    formal_name_ids: frozenset[str] | None = None

    @property
    def pages(self) -> dict[str, PageRecord]:
        return self.data["pages"]

    @property
    def readings(self) -> dict[str, dict[str, Any]]:
        return self.data["readings"]

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)
        self.readings.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("pages", "readings"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def in_english(app: Any, doctree: Any = None) -> bool:
    """True in the source language's build. The English-only checks (words, spelling, reading
    level) skip the other languages' builds (docs/translate.md), and a page a print has put in
    another language (its doctree's ``language``: onebyone.outputs.pdf.translate)."""
    language = (doctree.get("language") if doctree is not None else None) or app.config.language
    return not language or language.split("_")[0] == "en"


def data(env: BuildEnvironment) -> OneByOneDomain:
    """The domain that holds the pages' metadata and the project's data."""
    return env.get_domain("onebyone")  # type: ignore[return-value]


def setup_parts(app: Sphinx, package: str, parts: Iterable[str]) -> ExtensionMetadata:
    """Load a bundle's parts (``onebyone.checks`` loads ``onebyone.checks.frontmatter`` ...)."""
    for part in parts:
        app.setup_extension(f"{package}.{part}")
    return PARALLEL_SAFE


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(OneByOneDomain)
    return PARALLEL_SAFE
