"""Prints in another language than the build's: a print job that names a ``language`` gets its
template's ``_()`` and the pages it holds in that language, from the same catalogues the
language's own HTML build reads (``locale_dirs``, ``locales/<code>/LC_MESSAGES/``).

- The templates' words: the language's ``sphinx.po`` (the theme's catalogue, where the print
  templates' strings are too). Sphinx installs one translator, the build's, on its Jinja
  environment; the job's own ``_`` in the template's context takes its place.
- A page: its own catalogue (``<page>.po``), applied to the page's doctree as Sphinx's
  ``Locale`` transform does when it reads a page in that language. A page with no catalogue in
  the language stays in English.

The catalogues are read with Babel, as Sphinx does when it compiles them to ``.mo`` files at
build time (``gettext_auto_build``): fuzzy and empty entries are left out, so an out-of-date
translation falls back to the English. Khmer text gets the site's word breaks
(``onebyone.content.khmer``). Numbers, dates and addresses never come from a catalogue: the
templates take them from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.i18n import _NodeUpdater, _publish_msgstr
from sphinx.util.docutils import sphinx_domains
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from onebyone.content import khmer


def catalogue(env: BuildEnvironment, language: str, domain: str) -> dict[str, str]:
    """The translated, not fuzzy, entries of ``<domain>.po`` in ``language``, over every
    ``locale_dirs`` folder (the first one that has an entry wins, as with Sphinx)."""
    return dict(_read(_files(env, language, domain), language, domain))


def _files(env: BuildEnvironment, language: str, domain: str) -> tuple[tuple[str, int], ...]:
    """The catalogues of a domain, each with its time of change (so a cached read of a file
    that changed during a live preview is read again)."""
    found = []
    for folder in reversed(env.config.locale_dirs):
        po = Path(env.srcdir, folder, language, "LC_MESSAGES", f"{domain}.po")
        if po.is_file():
            found.append((str(po), po.stat().st_mtime_ns))
    return tuple(found)


@lru_cache(maxsize=512)
def _read(
    files: tuple[tuple[str, int], ...], language: str, domain: str
) -> tuple[tuple[str, str], ...]:
    messages: dict[str, str] = {}
    for po, _changed in files:
        with open(po, "rb") as handle:
            for message in read_po(handle, locale=language, domain=domain):
                if (
                    message.id
                    and isinstance(message.id, str)
                    and message.string
                    and not message.fuzzy
                ):
                    messages[message.id] = str(message.string)
    return tuple(messages.items())


def gettext(env: BuildEnvironment, language: str) -> Callable[[str], str]:
    """The templates' ``_()`` in ``language``: its ``sphinx.po``, else the English. Khmer
    gets the site's line-break hints. Read once per build and language (the helpline blocks
    of every page ask for it too: ``onebyone.content.helplines``)."""
    messages = _template_words(_files(env, language, "sphinx"), language)
    return lambda message: messages.get(message, message)


@lru_cache(maxsize=16)
def _template_words(files: tuple[tuple[str, int], ...], language: str) -> dict[str, str]:
    messages = dict(_read(files, language, "sphinx"))
    tokenize = khmer.tokenizer() if language.split("_")[0] == "km" else None
    if tokenize is not None:
        messages = {msgid: khmer.segment(text, tokenize) for msgid, text in messages.items()}
    return messages


def translate_doctree(
    env: BuildEnvironment, doctree: nodes.document, docname: str, language: str
) -> bool:
    """Replace the page's translatable text with its translation in ``language`` (before its
    references are resolved). False if the page has no catalogue in that language."""
    messages = catalogue(env, language, docname_to_domain(docname, env.config.gettext_compact))
    if not messages:
        return False
    source = doctree.get("source", str(env.doc2path(docname)))
    # The English-only checks (spelling, words) leave this page alone (core.in_english).
    doctree["language"] = language
    before = env.current_document.docname
    env.current_document.docname = docname  # roles in a translation ({tel}, {cite}) ask for it
    # The roles of domains ({cite:p}, {term}) are known only while Sphinx reads, as here.
    try:
        with sphinx_domains(env):
            for node, msg in list(extract_messages(doctree)):
                msgstr = messages.get(msg, "")
                if (
                    not msgstr
                    or msgstr == msg
                    or not isinstance(node, (nodes.paragraph, nodes.title))
                ):
                    continue
                if isinstance(node, nodes.title):
                    msgstr = msgstr + "\n" + "=" * len(msgstr) * 2
                patch = _publish_msgstr(
                    msgstr,
                    source,
                    node.line,  # type: ignore[arg-type]
                    config=env.config,
                    env=env,
                    registry=env._registry,
                    settings=doctree.settings,
                )
                if isinstance(node, nodes.title):
                    patch = patch.next_node()  # type: ignore[assignment]
                if not isinstance(patch, (nodes.paragraph, nodes.title)):
                    continue
                updater = _NodeUpdater(node, patch, doctree, noqa=False)
                updater.update_autofootnote_references()
                updater.update_refnamed_references()
                updater.update_refnamed_footnote_references()
                updater.update_citation_references()
                updater.update_pending_xrefs()
                updater.update_leaves()
    finally:
        env.current_document.docname = before
    if language.split("_")[0] == "km":
        khmer.segment_doctree(doctree)
    return True
