"""The site's facts, each written once (``pyproject.toml``'s ``[tool.pytorch-basics-site]``).

>>> LANGUAGES
('ko', 'en')
>>> other("ko"), other("en")
('en', 'ko')
>>> TORCH_REQUIREMENT == f"torch=={TORCH_VERSION}"
True
>>> WHEEL.startswith("pytorch_basics-") and WHEEL.endswith("-py3-none-any.whl")
True
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GALLERY = ROOT / "gallery"
BUILD = ROOT / "build"

_PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
_SITE = _PYPROJECT["tool"]["pytorch-basics-site"]

LANGUAGES: tuple[str, ...] = tuple(_SITE["languages"])
LANGUAGE_NAMES: dict[str, str] = dict(_SITE["language-names"])
LOCALES: dict[str, str] = dict(_SITE["locales"])
TITLES: dict[str, str] = dict(_SITE["title"])
TORCH_VERSION: str = _SITE["torch"]
TORCH_REQUIREMENT = f"torch=={TORCH_VERSION}"
PACKAGE = _PYPROJECT["project"]["name"].replace("-", "_")
PACKAGE_VERSION: str = _PYPROJECT["project"]["version"]
WHEEL = f"{PACKAGE}-{PACKAGE_VERSION}-py3-none-any.whl"
BASE_URL_VARIABLE = "SITE_BASE_URL"
# every entry's time in the zips the site publishes (the earliest a zip can hold): equal
# contents give equal bytes (sitekit.build.normalise_zip, sitekit.notebooks)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def other(lang: str) -> str:
    """The other language of the pair."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return next(code for code in LANGUAGES if code != lang)


def base_url() -> str:
    """The site's public root URL ending with a slash, or ``""`` when it is not known.

    >>> os.environ[BASE_URL_VARIABLE] = " https://example.org/basics "
    >>> base_url()
    'https://example.org/basics/'
    >>> os.environ[BASE_URL_VARIABLE] = ""
    >>> base_url()
    ''
    """
    url = os.environ.get(BASE_URL_VARIABLE, "").strip()
    return url if not url or url.endswith("/") else url + "/"
