"""Sphinx extension: every example page runs where its reader already is.

- Each notebook's first cell (:func:`sitekit.notebooks.setup_cell`) installs the site's
  package from the published wheel when it is missing. The build keeps that cell current
  in every notebook, including those of examples that did not run again.
- The wheel and the language's archive (every page's script and notebook, the wheel and
  a README) are published in ``<lang>/downloads/`` (``html_extra_path``), at addresses
  that stay the same from build to build.
- The notebooks are also collected in ``build/notebooks/<lang>/<chapter>/``, which the
  hosting workflow publishes to a branch that Colab opens; when that branch and the
  repository are known (``SITE_NOTEBOOKS_BRANCH``, ``SITE_REPOSITORY``), each example
  page gets a "Run in Google Colab" link next to its downloads. A local build shows none.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sitekit.catalogue import translate
from sitekit.notebooks import (
    DOWNLOADS,
    colab_url,
    copy_notebooks,
    refresh_setup_cells,
    write_archive,
)
from sitekit.settings import BUILD, WHEEL
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def extra_dir(lang: str) -> Path:
    """The folder published at the root of ``lang``'s site (``html_extra_path``)."""
    return BUILD / lang / "extra"


def _prepare(app: Sphinx) -> None:
    lang = app.config.language
    gallery_out = Path(app.srcdir) / "auto_examples"
    if "sphinx_gallery.gen_gallery" not in app.extensions or not gallery_out.is_dir():
        return  # the doctest build runs no gallery
    changed = refresh_setup_cells(gallery_out, app.config.sphinx_gallery_conf["first_notebook_cell"])
    if changed:
        logger.info("setup cell renewed in %d notebooks", len(changed))
    copy_notebooks(gallery_out, BUILD / "notebooks" / lang)
    wheel = BUILD / "wheel" / WHEEL
    readme = Path(app.srcdir) / "_archive-readme.md"
    if not (wheel.is_file() and readme.is_file()):
        # tools/build_site.py builds the wheel first, and the site's trees have their
        # README; a bare sphinx-build of a small test project has neither (the site's
        # tests check that the published site offers both)
        logger.info("no wheel or no archive README: no %s/%s/", lang, DOWNLOADS)
        return
    downloads = extra_dir(lang) / DOWNLOADS
    downloads.mkdir(parents=True, exist_ok=True)
    if not (downloads / WHEEL).exists() or (downloads / WHEEL).read_bytes() != wheel.read_bytes():
        shutil.copyfile(wheel, downloads / WHEEL)
    write_archive(lang, gallery_out, wheel, downloads)


def _colab_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    repository, _, branch = app.config.site_notebooks.partition("@")
    if not (repository and branch and docname.startswith("auto_examples/")):
        return
    page = docname.removeprefix("auto_examples/")
    for footer in doctree.findall(nodes.container):
        if "sphx-glr-footer" not in footer["classes"]:
            continue
        text = translate(app.config.language, "Run in Google Colab")
        # set as the download links beside it are (code type)
        link = nodes.reference(
            "", "", nodes.literal(text, text),
            refuri=colab_url(repository, branch, app.config.language, page),
        )  # fmt: skip
        footer += nodes.container(
            "", nodes.paragraph("", "", link), classes=["sphx-glr-download", "sphx-glr-download-colab"]
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # "owner/name@branch" when the hosting workflow publishes the notebooks, else "";
    # a config value, so that a change rewrites every page
    app.add_config_value("site_notebooks", "", "html", types=[str])
    app.connect("builder-inited", _prepare, priority=900)  # after sphinx-gallery's (500)
    app.connect("doctree-resolved", _colab_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
