"""Sphinx extension: each page loads only the stylesheets and scripts it uses.

myst-nb, sphinx-gallery and sphinx-copybutton add their files to every page. A page
that is not an executed notebook does not need myst-nb's 43 KB stylesheet, a page
outside the gallery needs no gallery styles, a page without code needs no copy
button, and this site uses neither gallery tags, Binder, nor HTML reprs.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

NEVER = ("sg-tags.js", "sg_gallery-binder.css", "sg_gallery-dataframe.css",
         "sg_gallery-rendered-html.css")  # fmt: skip


def _is_notebook(doctree: nodes.document) -> bool:
    return any("cell" in node.get("classes", ()) for node in doctree.findall(nodes.container))


def _prune(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
           doctree: nodes.document | None) -> None:  # fmt: skip
    if doctree is None:  # search, genindex: generated pages without content
        return
    unused = list(NEVER)
    if not _is_notebook(doctree):
        unused.append("mystnb.")
    if not pagename.startswith("auto_examples/"):
        unused.append("sg_gallery")
    if not any(doctree.findall(nodes.literal_block)):
        unused += ["copybutton", "clipboard.min.js"]

    def keep(asset: Any) -> bool:
        name = str(getattr(asset, "filename", asset))
        return not any(marker in name for marker in unused)

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if keep(asset)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _prune, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
