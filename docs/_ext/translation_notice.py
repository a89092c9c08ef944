"""Sphinx extension: a page whose counterpart changed since the pair last matched says so.

:mod:`sitekit.translations` compares each side's prose with the lock
(``docs/translations.lock.json``). When only the other language's side changed, this
page may be behind it: a notice at the top of the page, in the page's language and
with the class ``stale-translation``, says so and links to the counterpart.

Whether a page is stale depends on a file Sphinx does not know it reads (the
counterpart's source), so the pages whose notice appears or goes are marked outdated
before each build (``env-get-outdated``) and read again.
"""

from __future__ import annotations

from html import escape
from typing import Any

from babel import Locale
from bilingual import page_url
from docutils import nodes
from sitekit.catalogue import translate
from sitekit.pairs import source_of
from sitekit.settings import ROOT
from sphinx.application import Sphinx

NOTICE_CLASS = "stale-translation"


def _stale_docnames(app: Sphinx, env: Any) -> dict[str, str]:
    from sitekit.translations import stale_pages

    lang = app.config.language
    stale = stale_pages(lang)
    return {
        docname: stale[path]
        for docname in env.found_docs
        if (path := source_of(docname, lang).relative_to(ROOT).as_posix()) in stale
    }


def _mark_outdated(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    now = _stale_docnames(app, env)
    before: dict[str, str] = getattr(env, "translation_notices", {})
    env.translation_notices = now
    flipped = {d for d in set(now) | set(before) if now.get(d) != before.get(d)}
    return sorted(flipped & (env.found_docs - added - removed))


def notice_html(docname: str, lang: str, changed: str) -> str:
    """The notice shown on ``docname`` of ``lang`` when ``changed``'s side has changed."""
    language = Locale.parse(changed).get_display_name(lang)
    message = translate(
        lang,
        "The %(language)s version of this page has changed since the two were last "
        "checked against each other: this page may not say everything it says yet.",
    ) % {"language": language}
    link = translate(lang, "Read the %(language)s version") % {"language": language}
    return (
        f'<div class="admonition {NOTICE_CLASS}" role="note">'
        f"<p>{escape(message)} "
        f'<a href="{escape(page_url(docname, changed))}" hreflang="{changed}">{escape(link)}</a>'
        "</p></div>\n"
    )


def _add_notice(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    changed = getattr(app.env, "translation_notices", {}).get(docname)
    if changed is None:
        return
    notice = nodes.raw("", notice_html(docname, app.config.language, changed), format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, notice)
    else:
        doctree.insert(0, notice)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-get-outdated", _mark_outdated)
    app.connect("doctree-read", _add_notice)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

