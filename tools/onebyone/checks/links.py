"""Links that mislead: plain http:// addresses, and links to a heading whose anchor is shared.

- **http:// addresses** are refused unless allow-listed with a reason
  (``onebyone_http_allowed`` in ``conf.py``: address → reason). A plain http:// page can be
  changed on its way to the reader, and browsers warn about it. This covers links in pages,
  the ``url`` of each source in ``references.bib`` and every address in the data files
  (``_data/*.yaml``), each at its line.
- **A link to a shared anchor**: when two headings on a page have the same title, the second
  gets the anchor ``...-1``, and a link to ``#the-title`` always opens the first.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from onebyone import core
from onebyone.checks.scripts import line_of
from onebyone.core import Problem, Warnings

# In references.bib, the fields that hold an address; in YAML, a value that is one.
BIB_ADDRESS = re.compile(
    r"^\s*(?:url|howpublished)\s*=\s*[{\"]\s*(?:\\url\{)?(http://[^}\s\"]+)", re.IGNORECASE
)
YAML_ADDRESS = re.compile(r"(?:^|:\s|-\s)\s*[\"']?(http://[^\s\"'#]+)")
# The preview on the writer's own computer (./nox -s serve) never crosses a network.
LOCAL = re.compile(r"http://(localhost|127\.0\.0\.1)(:\d+)?(/|$)")
FIX_HTTP = (
    "change it to https:// if the site has a secure page (open it in a browser to check); if "
    "it has none, add the address to onebyone_http_allowed in handbook/conf.py with a "
    "one-line reason"
)


def _allowed(app: Sphinx) -> dict[str, str]:
    return app.config.onebyone_http_allowed or {}


def _check_page(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    allowed = _allowed(app)
    for reference in doctree.findall(nodes.reference):
        address = reference.get("refuri", "")
        if address.startswith("http://") and address not in allowed and not LOCAL.match(address):
            line = line_of(reference)
            problem = Problem(
                line,
                f"the link '{reference.astext()}' goes to {address}, a plain http:// address "
                "that is not secure",
                FIX_HTTP,
            )
            core.warn(Warnings.HTTP, problem, location=(docname, line))
    _check_shared_anchors(docname, doctree)


def _check_shared_anchors(docname: str, doctree: nodes.document) -> None:
    sections = {s["slug"]: s for s in doctree.findall(nodes.section) if s.get("slug")}
    shared = {slug for slug in sections if f"{slug}-1" in sections}
    if not shared:
        return
    for reference in doctree.findall(nodes.reference):
        target = reference.get("refid", "")
        if target in shared:
            title = sections[target].next_node(nodes.title)
            line = line_of(reference)
            problem = Problem(
                line,
                f"this link goes to #{target}, but two headings on this page are called "
                f"'{title.astext() if title else target}', so it always opens the first",
                f"give the headings different titles, or link to the second with #{target}-1",
            )
            core.warn(Warnings.ANCHOR, problem, location=(docname, line))


def _data_files(app: Sphinx) -> list[Path]:
    source = Path(app.srcdir)
    bibfiles = app.config.bibtex_bibfiles if "bibtex_bibfiles" in app.config else []
    files = [source / name for name in bibfiles]
    files += sorted((source / "_data").glob("*.yaml"))
    return [path for path in files if path.is_file()]


def _check_data(app: Sphinx, env: BuildEnvironment) -> None:
    allowed = _allowed(app)
    for path in _data_files(app):
        pattern = BIB_ADDRESS if path.suffix == ".bib" else YAML_ADDRESS
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the file's own loader reports that
        for number, line in enumerate(lines, start=1):
            match = pattern.search(line)
            if match and match.group(1) not in allowed and not LOCAL.match(match.group(1)):
                problem = Problem(
                    number,
                    f"{match.group(1)} is a plain http:// address, which is not secure",
                    FIX_HTTP,
                    path,
                )
                core.warn(Warnings.HTTP, problem)
    for address, reason in allowed.items():
        if not str(reason).strip():
            problem = Problem(
                1,
                f"onebyone_http_allowed: {address} has no reason",
                "say in a few words why it cannot be https://",
                Path(app.confdir) / "conf.py",
            )
            core.warn(Warnings.HTTP, problem)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_http_allowed", {}, "env", types=frozenset({dict}))
    app.connect("doctree-read", _check_page)
    app.connect("env-check-consistency", _check_data)
    return core.PARALLEL_SAFE
