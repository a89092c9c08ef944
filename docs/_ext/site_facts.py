"""Sphinx extension: the site's facts in its pages, written once.

A page writes ``{{ torch_version }}`` (or ``torch_requirement``, ``wheel``, ``title``)
where it names the torch pin, the package's wheel or the site's title; the value comes
from ``pyproject.toml``'s ``[tool.pytorch-basics-site]`` through :mod:`sitekit.settings`,
so the install instructions cannot drift from the pin the pages were built with.

The placeholder is filled in the page's source before it is parsed, so it works in
prose, in code blocks and in link targets alike. MyST's own substitutions reach
prose only, and sphinx-substitution-extensions (which adds them to code blocks and
download links) recognises Markdown only under the ``markdown`` source type, not the
``myst-nb`` type this site's pages have. An unknown name fails the build.
"""

from __future__ import annotations

import re
from typing import Any

from sitekit.settings import TITLES, TORCH_REQUIREMENT, TORCH_VERSION, WHEEL
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_]\w*) *\}\}")


def facts(lang: str) -> dict[str, str]:
    """The values a page of ``lang`` may name.

    >>> facts("en")["torch_requirement"] == f"torch=={facts('en')['torch_version']}"
    True
    """
    return {
        "title": TITLES[lang],
        "torch_version": TORCH_VERSION,
        "torch_requirement": TORCH_REQUIREMENT,
        "wheel": WHEEL,
    }


def fill(text: str, values: dict[str, str], unknown: list[str]) -> str:
    """Replace every ``{{ name }}`` of ``text``; names without a value go to ``unknown``.

    >>> missing = []
    >>> fill("pip install {{ wheel }} {{wheel}} {{ nope }}", {"wheel": "w.whl"}, missing)
    'pip install w.whl w.whl {{ nope }}'
    >>> missing
    ['nope']
    """

    def value(match: re.Match[str]) -> str:
        if match.group(1) in values:
            return values[match.group(1)]
        unknown.append(match.group(1))
        return match.group(0)

    return PLACEHOLDER.sub(value, text)


def _fill_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname.startswith("auto_examples/"):
        return  # generated from the gallery's scripts, whose code may hold {{ }}
    unknown: list[str] = []
    source[0] = fill(source[0], facts(app.config.language), unknown)
    for name in unknown:
        logger.warning(
            "unknown site fact {{ %s }} (known: %s)", name, ", ".join(facts("en")),
            location=docname,
        )  # fmt: skip


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _fill_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
