"""Sphinx configuration shared by the Korean and English builds.

Each language has its own tiny ``conf.py`` (``docs/ko/conf.py``, ``docs/en/conf.py``)
that calls :func:`configure` with its language code; everything else is here, so the
two sites differ only where the language itself differs.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitekit.catalogue import translate
from sitekit.notebooks import REPOSITORY_VARIABLE, notebooks_branch, setup_cell, wheel_url
from sitekit.settings import (
    DOCS,
    GALLERY,
    LANGUAGES,
    TITLES,
    base_url,
)


def first_notebook_cell(lang: str) -> str:
    """The first cell of every downloaded notebook: it installs what the notebook needs."""
    return setup_cell(lang, wheel_url(lang))


def notebooks_source() -> str:
    """``owner/name@branch`` where the hosting workflow publishes the notebooks, or ``""``.

    Both must be known (``SITE_REPOSITORY`` and ``SITE_NOTEBOOKS_BRANCH``, which the
    workflow sets): a local build links to no notebook that may not exist.
    """
    repository = os.environ.get(REPOSITORY_VARIABLE, "").strip()
    branch = notebooks_branch()
    return f"{repository}@{branch}" if repository and branch else ""


def build_commit() -> str:
    """The commit the site is built from (``-dirty`` with uncommitted changes), or ``""``."""
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            cwd=DOCS.parent, capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return ""
    return described.stdout.strip() if described.returncode == 0 else ""


def _extra_dir(lang: str) -> Path:
    from run_anywhere import extra_dir

    folder = extra_dir(lang)
    folder.mkdir(parents=True, exist_ok=True)  # Sphinx checks it exists when it reads this
    return folder


def not_found_context(lang: str) -> dict[str, str]:
    """The 404 page's title and body (sphinx-notfound-page's ``notfound_context``)."""
    title = translate(lang, "Page not found")
    advice = translate(
        lang,
        "This address has moved or never existed. Try the table of contents or the search.",
    )
    return {"title": title, "body": f"<h1>{title}</h1>\n<p>{advice}</p>"}


def gallery_chapters(lang: str) -> list[str]:
    """The chapter folders of ``gallery/<lang>``: each one with a ``GALLERY_HEADER.rst``."""
    return sorted(p.parent.name for p in (GALLERY / lang).glob("*/GALLERY_HEADER.rst"))


def static_revision() -> str:
    """A digest of the project's own static files (``docs/_static``).

    Pages link them with a ``?v=`` checksum that Sphinx writes only into the pages it
    rewrites; an edit to ``site.css`` alone rewrites none, so the unchanged pages kept
    asking for the old version. As an ``html_context`` value this digest makes such an
    edit rewrite every page (no page is re-read or re-run).
    """
    digest = hashlib.sha256()
    for path in sorted((DOCS / "_static").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(DOCS).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _copybutton_static() -> str:
    import sphinx_copybutton

    return str(Path(sphinx_copybutton.__file__).parent / "_static")


def _doctest_setup() -> str:
    """Names the package's docstring examples use, for Sphinx's doctest builder."""
    import pkgutil

    import pytorch_basics

    modules = [m.name for m in pkgutil.iter_modules(pytorch_basics.__path__) if m.name[0] != "_"]
    return "\n".join(
        [
            "import matplotlib",
            "matplotlib.use('Agg')",
            "import matplotlib.pyplot as plt",
            "import numpy as np",
            "import torch",
            "from torch import nn",
            *(f"from pytorch_basics.{name} import *" for name in modules),
        ]
    )


def configure(lang: str) -> dict[str, Any]:
    """Return the configuration namespace for the build of ``lang``."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    chapters = gallery_chapters(lang)
    # `SITE_BUILD_MODE=doctest` (the nox doctest session) checks the API pages'
    # examples without running or regenerating the gallery and notebooks.
    doctest_only = os.environ.get("SITE_BUILD_MODE") == "doctest"
    extensions = [
        "myst_nb",
        "sphinx_gallery.gen_gallery",
        "code_tokens",
        "sphinx_copybutton",
        "sphinx.ext.autodoc",
        "sphinx.ext.napoleon",
        "sphinx.ext.doctest",
        "mathml",
        "bilingual",
        "korean_search",
        "api_links",
        "site_meta",
        "site_facts",
        "page_pairs",
        "page_assets",
        "source_lines",
        "stale_pages",
        "glossary_page",
        "exercises",
        "translation_notice",
        "run_anywhere",
        "notfound.extension",
    ]
    if doctest_only:
        extensions.remove("sphinx_gallery.gen_gallery")
    sitemap = {}
    if base_url():  # a sitemap holds absolute addresses only: none for a local build
        extensions.append("sphinx_sitemap")
        sitemap = {
            "site_url": base_url(),
            "sitemap_url_scheme": "{lang}{link}",
            "sitemap_locales": list(LANGUAGES),  # every page exists in every language
            "sitemap_excludes": ["search.html", "genindex.html", "404.html"],
        }
    return {
        **sitemap,
        "project": TITLES[lang],
        "author": "PyTorch Basics contributors",
        "copyright": "2026, PyTorch Basics contributors",
        "language": lang,
        "root_doc": "index",
        "extensions": extensions,
        "templates_path": [str(DOCS / "_templates")],
        # sphinx-copybutton's folder named here too, see page_assets._static_path_once
        "html_static_path": [str(DOCS / "_static"), _copybutton_static()],
        "html_css_files": ["site.css"],
        # code and output blocks that scroll sideways take focus (issue 21)
        "html_js_files": [("scroll_regions.js", {"defer": "defer"})],
        "html_context": {"static_revision": static_revision()},
        # <lang>/downloads/: the wheel and the language's archive (run_anywhere)
        "html_extra_path": [str(_extra_dir(lang))],
        "site_notebooks": notebooks_source(),
        "site_commit": build_commit(),
        # A page without an icon makes the browser ask the host's /favicon.ico.
        "html_favicon": str(DOCS / "_static" / "favicon.svg"),
        "locale_dirs": [str(DOCS / "_locale")],
        "exclude_patterns": [
            *(["auto_examples"] if doctest_only else []),
            "auto_examples/**/*.ipynb",
            "auto_examples/**/*.md5",
            "**/.ipynb_checkpoints",
            "_build",
            "_archive-readme.md",  # the README of the language's archive (run_anywhere)
        ],
        # The doctest run reads neither the gallery nor executed notebooks: the
        # toctree entries into the gallery, the glossary's links to its pages and the
        # cells' kernel lexer are missing there by design, and only the package's
        # examples are being checked.
        "suppress_warnings": (
            ["toc.not_readable", "glossary.page", "myst-nb.lexer"] if doctest_only else []
        ),
        # --- theme ---
        "html_theme": "furo",
        "html_math_renderer": "mathml",
        "html_title": TITLES[lang],
        # no canonical address without a known base URL (a local build)
        "html_baseurl": f"{base_url()}{lang}/" if base_url() else "",
        # the 404 page is served at any missing address: its links are absolute (from
        # the site's root when the base URL is unknown; build_site then makes them
        # relative, for a preview and for the file opened from disk)
        "notfound_urls_prefix": f"{urlsplit(base_url() or '/').path}{lang}/",
        "notfound_context": not_found_context(lang),
        "html_copy_source": False,
        "html_show_sourcelink": False,
        "html_theme_options": {"top_of_page_buttons": ["view"]},
        "html_sidebars": {
            "**": [
                "sidebar/scroll-start.html",
                "sidebar/brand.html",
                "sidebar/lang-switch.html",
                "sidebar/search.html",
                "sidebar/navigation.html",
                "sidebar/scroll-end.html",
            ]
        },
        # Sphinx's colours, each made readable on its background (WCAG AA): site_pygments
        "pygments_style": "site_pygments.SiteStyle",
        "pygments_dark_style": "monokai",
        # --- MyST-NB: executed Markdown pages ---
        "myst_enable_extensions": ["dollarmath", "colon_fence", "deflist"],
        # formulas are MathML (mathml.py): MyST need not configure MathJax, and the value
        # it would add after the configuration is read made every build report a change
        "myst_update_mathjax": False,
        "nb_execution_mode": "off" if doctest_only else "cache",
        "nb_execution_timeout": 300,
        "nb_execution_raise_on_error": False,  # a failed cell is a warning: -W fails the build
        "nb_execution_show_tb": True,
        "nb_output_stderr": "warn",
        "nb_merge_streams": True,
        # --- sphinx-gallery: executed scripts ---
        "sphinx_gallery_conf": {
            "examples_dirs": [str(GALLERY / lang / c) for c in chapters],
            "gallery_dirs": [f"auto_examples/{c}" for c in chapters],
            "filename_pattern": r"/plot_",
            "ignore_pattern": r"__init__\.py",
            "within_subsection_order": "FileNameSortKey",
            "reset_modules": ("matplotlib", "gallery_hooks.strict_example_reset"),
            "reset_modules_order": "both",
            "image_scrapers": ("gallery_hooks.matplotlib_scraper",),
            "capture_repr": ("__repr__",),
            "ignore_repr_types": r"matplotlib|NoneType|torch\._C\.Generator",
            "remove_config_comments": True,
            "download_all_examples": False,
            "write_computation_times": False,
            # what ran, how long it took and what failed: read by tools/sitekit/build.py
            "junit": "../junit.xml",
            "show_signature": False,
            "plot_gallery": "True",
            "abort_on_example_error": False,
            "thumbnail_size": (320, 224),
            "first_notebook_cell": first_notebook_cell(lang),
        },
        # --- autodoc for the package's reference pages; their examples are doctests ---
        "doctest_global_setup": _doctest_setup(),
        "autodoc_typehints": "description",
        "autodoc_member_order": "bysource",
        "napoleon_google_docstring": True,
        "napoleon_numpy_docstring": False,
        # The dataclass signature shows the types; a `:type:` field would be parsed as
        # reST, and the Korean build's character-level markup reads `pytorch_` as a link.
        "napoleon_attr_annotations": False,
        # --- links to PyTorch's documentation (inventory generated offline: api_links) ---
        "intersphinx_mapping": {},
        "intersphinx_timeout": 1,
        # --- copy button: leave prompts and output out of the copied text ---
        "copybutton_exclude": ".linenos, .gp, .go",
    }
