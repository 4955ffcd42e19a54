"""External link checking that always ends.

Sphinx's ``linkcheck`` honours ``Retry-After`` on a 429 answer without limit: a host that always
answers 429 with ``Retry-After`` is retried for ever (``linkcheck_rate_limit_timeout`` only
applies when the header is absent). Two guards:

- As a Sphinx extension, this module caps the total time spent waiting on one host's rate
  limits at ``linkcheck_rate_limit_timeout``; after that the link is reported broken
  ("rate limited") instead of queued again.
- The runner (``python -m onebyone.cli.linkcheck SOURCE OUTPUT``) runs the check in a child
  process with a hard bound on the whole run, then prints a summary of ``output.json`` and
  exits non-zero if any link is broken or the bound was hit.
"""

from __future__ import annotations

import functools
import threading
import time
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.builders import linkcheck as sphinx_linkcheck
from sphinx.util.typing import ExtensionMetadata

from onebyone import core

_waited: dict[str, float] = {}
_waited_lock = threading.Lock()


def _bounded(limit_rate):
    """Wrap Sphinx's ``limit_rate`` so that the waits for one host add up to a finite total."""

    @functools.wraps(limit_rate)
    def limit_rate_with_budget(self, response_url: str, retry_after: str | None) -> float | None:
        next_check = limit_rate(self, response_url, retry_after)
        if next_check is None:
            return None
        host = urlsplit(response_url).netloc
        with _waited_lock:
            _waited[host] = _waited.get(host, 0.0) + max(next_check - time.time(), 0.0)
            if _waited[host] > self.rate_limit_timeout:
                return None  # Sphinx reports the link as broken
        return next_check

    limit_rate_with_budget.onebyone_bounded = True
    return limit_rate_with_budget


def _reset_budget(app: Sphinx) -> None:
    with _waited_lock:
        _waited.clear()


def setup(app: Sphinx) -> ExtensionMetadata:
    worker = sphinx_linkcheck.HyperlinkAvailabilityCheckWorker
    if not getattr(worker.limit_rate, "onebyone_bounded", False):
        worker.limit_rate = _bounded(worker.limit_rate)
    app.connect("builder-inited", _reset_budget)
    return core.PARALLEL_SAFE
