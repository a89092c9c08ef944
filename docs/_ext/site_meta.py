"""Sphinx extension: what a published page says about itself.

* canonical URL (Sphinx's ``html_baseurl``), OpenGraph tags and a ``sitemap.xml``
  with ``hreflang`` alternates, all from one base URL (``SITE_BASE_URL``); a build
  not told one (a local preview) writes none of the addresses that need it, rather
  than addresses of a machine the reader does not have;
* a provenance line on every page: the PyTorch version the outputs were produced
  with and the build date (``SOURCE_DATE_EPOCH`` when set, for reproducible builds);
* "edit this page" and "report a problem" links when the GitHub repository is known
  (``SITE_REPOSITORY=owner/name``, or the ``origin`` remote); the issue is pre-filled
  with the page's address, its language and the PyTorch version.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from docutils import nodes
from sitekit.catalogue import translate
from sitekit.settings import LANGUAGES, LOCALES, ROOT, base_url, other
from sphinx.application import Sphinx

EXCLUDED_FROM_SITEMAP = {"search", "genindex", "404"}


def repository() -> str | None:
    """``owner/name`` of the GitHub repository, if it can be known."""
    if value := os.environ.get("SITE_REPOSITORY", "").strip():
        return value
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return None
    match = re.search(r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?$", remote)
    return match.group(1) if match else None


def build_date() -> str:
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.datetime.now(tz=dt.UTC).date().isoformat()


def source_path(lang: str, pagename: str) -> str | None:
    """The repository path of the file a page is built from."""
    parts = pagename.split("/")
    if parts[0] == "auto_examples" and len(parts) == 3:
        name = "GALLERY_HEADER.rst" if parts[2] == "index" else f"{parts[2]}.py"
        path = f"gallery/{lang}/{parts[1]}/{name}"
    else:
        path = f"docs/{lang}/{pagename}.md"
    return path if (ROOT / path).exists() else None


def _description(doctree: nodes.document | None) -> str:
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) > 40:
            return text[:197] + "…" if len(text) > 200 else text
    return ""


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:  # fmt: skip
    import torch

    lang = app.config.language
    url = f"{base_url()}{lang}/{pagename}.html" if base_url() else ""
    title = context.get("title") or app.config.project
    tags = {
        "og:title": f"{title} · {app.config.project}" if title != app.config.project else title,
        "og:type": "article" if doctree is not None and pagename != "index" else "website",
        "og:url": url,
        "og:site_name": app.config.project,
        "og:locale": LOCALES[lang],
        "og:locale:alternate": LOCALES[other(lang)],
        "og:description": _description(doctree),
    }
    context["metatags"] = context.get("metatags", "") + "".join(
        f'<meta property="{key}" content="{escape(value)}" />\n'
        for key, value in tags.items()
        if value
    )
    torch_version = torch.__version__.split("+")[0]
    info: dict[str, str] = {"torch": torch_version, "date": build_date()}
    repo = repository()
    if repo:
        if path := source_path(lang, pagename):
            info["edit_url"] = f"https://github.com/{repo}/edit/main/{path}"
        body = (
            f"Page: {url or f'{lang}/{pagename}.html'}\nLanguage: {lang}\nPyTorch: {torch_version}\n\n"
            + translate(lang, "What went wrong?")
            + "\n"
        )
        query = urlencode({"title": f"[{lang}] {title}: ", "body": body}, quote_via=quote)
        info["issue_url"] = f"https://github.com/{repo}/issues/new?{query}"
    context["page_provenance"] = info


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not base_url():  # a sitemap holds absolute addresses only: none, not an old one
        Path(app.outdir, "sitemap.xml").unlink(missing_ok=True)
        return
    lang = app.config.language
    entries = []
    for docname in sorted(app.env.found_docs):
        if docname in EXCLUDED_FROM_SITEMAP or docname.endswith("/404"):
            continue
        links = "".join(
            f'    <xhtml:link rel="alternate" hreflang="{code}" href="{base_url()}{code}/{docname}.html"/>\n'
            for code in LANGUAGES
        )
        entries.append(
            f"  <url>\n    <loc>{base_url()}{lang}/{docname}.html</loc>\n{links}  </url>\n"
        )
    Path(app.outdir, "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n",
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
