"""Sphinx extension: a page whose source is gone is removed from the output.

Sphinx writes only the pages it builds and never deletes one: when a page (or a
whole gallery example) is deleted, its old HTML stays in the output folder and
would be published. After a successful HTML build every ``.html`` file is checked
against the pages the project has now (plus the pages the build itself adds, such
as ``search`` and ``genindex``); the others are deleted. Their images and downloads
are dropped when the site is assembled (``tools/build_site.py``).

Every page also carries the navigation (the sidebar's table of contents, the
previous/next links), which names other pages and their titles. Sphinx rewrites only
the pages it read again, so after a page was added, deleted, renamed or retitled the
other pages would keep links to what is gone. When the pages, their titles or the
toctrees differ from the last build, every page is written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
ASSET_FOLDERS = {"_static", "_images", "_downloads", "_sources"}


def stale_pages(outdir: Path, pages: set[str]) -> list[Path]:
    """The ``.html`` files of ``outdir`` that are not one of ``pages`` (names, no suffix).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> for name in ("index.html", "old.html", "_static/x.html"):
    ...     (out / name).parent.mkdir(exist_ok=True)
    ...     _ = (out / name).write_text("")
    >>> [p.name for p in stale_pages(out, {"index"})]
    ['old.html']
    """
    stale = []
    for path in sorted(outdir.rglob("*.html")):
        relative = path.relative_to(outdir)
        if ASSET_FOLDERS.intersection(relative.parts[:1]):
            continue
        if relative.with_suffix("").as_posix() not in pages:
            stale.append(path)
    return stale


_written: dict[int, set[str]] = {}  # pages written by each build (by id of its app)


def _record_page(app: Sphinx, pagename: str, *_: Any) -> None:
    _written.setdefault(id(app), set()).add(pagename)


def _remove_stale(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pages = set(app.env.found_docs) | _written.pop(id(app), set())
    for path in stale_pages(Path(app.outdir), pages):
        logger.info("removed %s: its source no longer exists", path.relative_to(app.outdir))
        path.unlink()


def navigation(env: Any) -> tuple[Any, ...]:
    """What every page's navigation is made from: pages, titles, toctrees."""
    return (
        tuple(sorted(env.found_docs)),
        tuple(sorted((name, title.astext()) for name, title in env.titles.items())),
        tuple(sorted((name, tuple(pages)) for name, pages in env.toctree_includes.items())),
    )


def _rewrite_all_if_navigation_changed(app: Sphinx, env: Any) -> list[str]:
    current = navigation(env)
    previous = getattr(env, "site_navigation", None)
    env.site_navigation = current  # kept with the environment for the next build
    if previous is not None and previous != current:
        logger.info("pages, titles or toctrees changed: every page is written again")
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-updated", _rewrite_all_if_navigation_changed)
    app.connect("html-page-context", _record_page)
    app.connect("build-finished", _remove_stale)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
