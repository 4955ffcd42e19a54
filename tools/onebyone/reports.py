"""Where the build writes its reports: one folder shared by the checks that write them.

By default it is a ``reports`` folder beside the output folder, so
``sphinx-build -b html handbook build/html`` writes ``build/reports/``. Set
``onebyone_reports_dir`` (relative to the source folder, or absolute) to put it elsewhere.
A second project built beside the first (the contributor guide, ``build/docs``) sets
``onebyone_reports_prefix`` (``"guide-"``) so that its reports do not replace the handbook's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata


def reports_dir(app: Sphinx) -> Path:
    chosen = app.config.onebyone_reports_dir
    folder = Path(app.srcdir, chosen) if chosen else Path(app.outdir).parent / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_report(app: Sphinx, name: str, markdown: str, data: Any) -> Path:
    """Write ``<name>.md`` for people and ``<name>.json`` for tools; return the Markdown file."""
    folder, name = reports_dir(app), app.config.onebyone_reports_prefix + name
    (folder / f"{name}.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    page = folder / f"{name}.md"
    page.write_text(markdown, encoding="utf-8")
    return page


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("onebyone_reports_dir", "", "", types=[str])
    app.add_config_value("onebyone_reports_prefix", "", "", types=[str])
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
