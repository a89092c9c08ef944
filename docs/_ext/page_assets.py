"""Sphinx extension: each page loads only the stylesheets and scripts it uses.

myst-nb, sphinx-gallery and sphinx-copybutton add their files to every page. A page
that is not an executed notebook does not need myst-nb's 43 KB stylesheet, a page
outside the gallery needs no gallery styles, a page without code needs no copy
button, and this site uses neither gallery tags, Binder, nor HTML reprs.

What is loaded is then made lighter. While Sphinx writes the pages:

- sphinx-gallery's links from code to API docs lose their per-module and per-type
  classes (``sphx-glr-backref-module-torch sphx-glr-backref-type-py-function``),
  which no stylesheet here uses, and a variable is linked to its class once per
  page rather than at every use: together about 15 KB on a typical page.

When ``tools/build_site.py`` assembles ``build/site/``, :mod:`sitekit.slim` makes the
copied pages and static files lighter still.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

NEVER = ("sg-tags.js", "sg_gallery-binder.css", "sg_gallery-dataframe.css",
         "sg_gallery-rendered-html.css")  # fmt: skip


def _is_notebook(doctree: nodes.document) -> bool:
    return any("cell" in node.get("classes", ()) for node in doctree.findall(nodes.container))


def _prune(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
           doctree: nodes.document | None) -> None:  # fmt: skip
    unused = list(NEVER)
    # search and genindex have no doctree: no notebook, no gallery, no code block
    if doctree is None or not _is_notebook(doctree):
        unused.append("mystnb.")
    if doctree is None or not pagename.startswith("auto_examples/"):
        unused.append("sg_gallery")
    if doctree is None or not any(doctree.findall(nodes.literal_block)):
        unused += ["copybutton", "clipboard.min.js"]

    def keep(asset: Any) -> bool:
        name = str(getattr(asset, "filename", asset))
        return not any(marker in name for marker in unused)

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if keep(asset)]


_BACKREF_DETAIL = ("sphx-glr-backref-module-", "sphx-glr-backref-type-")
_INSTANCE = "sphx-glr-backref-instance"


def _lighten_code_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make sphinx-gallery's links from code to the API docs lighter.

    Each link loses the per-module and per-type classes, which no stylesheet here uses
    (``sphx-glr-backref-instance`` stays: the gallery's stylesheet styles it). A
    variable that holds an instance (``x`` holding a tensor) is linked to its class
    where it first appears on the page, not at each of its dozens of uses; names of
    the API itself (``torch.tensor``, ``x.backward``) stay linked everywhere.
    """
    seen: set[tuple[str, str]] = set()
    repeated = []
    for ref in doctree.findall(nodes.reference):
        classes = ref.get("classes", [])
        if any(c.startswith(_BACKREF_DETAIL) for c in classes):
            ref["classes"] = classes = [c for c in classes if not c.startswith(_BACKREF_DETAIL)]
        if _INSTANCE in classes:
            key = (ref.get("refuri") or ref.get("refid") or "", ref.astext())
            if key in seen:
                repeated.append(ref)
            seen.add(key)
    for ref in repeated:
        ref.replace_self(ref.children)


def _mystnb_stylesheet_first(app: Sphinx, env: Any) -> None:
    """Copy myst-nb's stylesheet before the pages are written, not after.

    Sphinx gives a stylesheet link a ``?v=`` checksum only when the file is already in
    the output; myst-nb copies its own at the end of the build, so a cold build linked
    it without the checksum and a warm one with it.
    """
    if app.builder.format == "html":
        from myst_nb.sphinx_ext import add_global_html_resources

        Path(app.outdir, "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)


def _static_path_once(app: Sphinx) -> None:
    """Keep one entry per folder in ``html_static_path``.

    ``site_conf`` names sphinx-copybutton's static folder itself, so the path compares
    equal from build to build (the extension appends it again at ``builder-inited``,
    after the build has compared the configuration with the saved one).
    """
    app.config.html_static_path[:] = list(dict.fromkeys(app.config.html_static_path))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _static_path_once, priority=900)
    app.connect("env-updated", _mystnb_stylesheet_first)
    app.connect("html-page-context", _prune, priority=900)
    app.connect("doctree-resolved", _lighten_code_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
