"""Sphinx extension: a page without its counterpart in the other language fails the build.

Every page exists in both languages under the same file name (see
:mod:`sitekit.pairs`); the build of the language that has a page alone warns at that
page, naming the file to create, on every build until the counterpart exists.
"""

from __future__ import annotations

from typing import Any

from sitekit.pairs import missing_counterparts
from sitekit.settings import ROOT
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _warn_missing(app: Sphinx) -> None:
    for page, expected in missing_counterparts(app.config.language):
        # the page may be a gallery script, which is no document of Sphinx's: its path
        # leads the message rather than standing as a document's location
        logger.warning(
            "%s: this page has no counterpart: create %s (every page exists in both "
            "languages, under the same name)", ROOT / page, expected,
        )  # fmt: skip


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _warn_missing)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
