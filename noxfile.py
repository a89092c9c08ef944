"""Tasks for the PyTorch basics site. `nox` alone runs lint, typecheck, tests and doctest.

nox -s docs                  # build both languages into build/site/
nox -s docs -- ko            # only the Korean site
nox -s docs -- en plot_05    # English, re-running only examples matching plot_05
nox -s docs -- --clean       # from scratch
nox -s docs-live -- ko       # serve one language with live reload
nox -s tests                 # every test (builds the site once if needed)
nox -s tests -- tests/test_parity.py
nox -s doctest               # package doctests + Sphinx's doctest builder
nox -s lint
nox -s typecheck              # mypy over src, docs/_ext and tools/sitekit
nox -s clean
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
# the site's settings (tools/sitekit/settings.py: languages, the torch pin), stdlib only
sys.path.insert(0, str(ROOT / "tools"))
from sitekit.settings import LANGUAGES, TORCH_REQUIREMENT  # noqa: E402

nox.options.sessions = ["lint", "typecheck", "tests", "doctest"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"
# The CPU build of the version every page's output was produced with (pyproject.toml's
# [tool.pytorch-basics-site]); install it before anything that depends on torch, or pip
# picks a multi-GB CUDA build. TORCH_INDEX_URL (CI sets the CPU wheel index) is used for
# this one install only.
TORCH = TORCH_REQUIREMENT


def install(session: nox.Session, *extras: str) -> None:
    if index_url := os.environ.get("TORCH_INDEX_URL"):
        # torch alone from that index; its dependencies, like every other package,
        # come from PyPI when the next install resolves the project around it.
        session.install("--no-deps", "--index-url", index_url, TORCH)
    else:
        session.install(TORCH)
    target = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", target)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the Korean and English sites and assemble build/site/."""
    install(session, "docs")
    session.run("python", "tools/build_site.py", *session.posargs)


@nox.session(name="docs-live", python=PYTHON)
def docs_live(session: nox.Session) -> None:
    """Serve one language (default: ko) with live reload while you edit."""
    install(session, "docs")
    session.install("sphinx-autobuild")
    lang = session.posargs[0] if session.posargs else "ko"
    session.run(
        "sphinx-autobuild",
        f"docs/{lang}",
        f"build/{lang}/html",
        "-d",
        f"build/{lang}/doctrees",
        "--watch",
        f"gallery/{lang}",
        "--watch",
        "docs/_ext",
        "--watch",
        "tools/sitekit",
        "--watch",
        "src",
        "--re-ignore",
        r"auto_examples/.*",
        *session.posargs[1:],
    )


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Unit, doctest, parity and built-site tests (the site is built once if needed)."""
    install(session, "docs", "test")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def doctest(session: nox.Session) -> None:
    """The package's doctests, then Sphinx's doctest builder over both languages."""
    install(session, "docs", "test")
    session.run(
        "pytest",
        "--doctest-modules",
        "src/pytorch_basics",
        "docs/_ext",
        "tools/sitekit",
        "-p",
        "no:cacheprovider",
        "-o",
        "testpaths=",
    )
    for lang in LANGUAGES:
        session.run(
            "python",
            "-m",
            "sphinx",
            "-b",
            "doctest",
            "-W",
            "--keep-going",
            "-q",
            "-d",
            f"build/{lang}/doctrees-doctest",
            f"docs/{lang}",
            f"build/{lang}/doctest",
            env={"SITE_BUILD_MODE": "doctest"},
        )


@nox.session(name="search-recall", python=PYTHON)
def search_recall(session: nox.Session) -> None:
    """Recall of the Korean search on the built site, judged by kiwipiepy (dev-only)."""
    install(session, "docs")
    session.install("kiwipiepy")
    if not (ROOT / "build" / "site" / "ko" / "searchindex.js").exists():
        session.run("python", "tools/build_site.py")
    # the recall tool reads the Korean search's own rules (docs/_ext/korean_search.py)
    session.run(
        "python", "tools/search_recall.py", *session.posargs, env={"PYTHONPATH": "docs/_ext"}
    )


@nox.session(python=PYTHON)
def benchmark(session: nox.Session) -> None:
    """Cold build, unchanged rebuild and one-edit rebuild of a clean checkout, timed."""
    install(session, "docs")
    session.run("python", "tools/benchmark_build.py", *session.posargs)


@nox.session(name="translation-status", python=PYTHON)
def translation_status(session: nox.Session) -> None:
    """Pages per language, and pairs whose prose changed on one side only (from git)."""
    session.run("python", "tools/translation_status.py", *session.posargs, external=False)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy over the package, the site's Sphinx extensions and its tooling (pyproject.toml)."""
    install(session, "docs")
    session.install("mypy==2.4.1")
    session.run("mypy", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff over the package, the gallery, the docs' Python and the tests; the Korean lint."""
    session.install("ruff==0.17.6")
    session.run("ruff", "check", *(session.posargs or ["."]))
    if not session.posargs:
        session.run("python", "tools/korean_lint.py")


@nox.session(venv_backend="none")
def clean(session: nox.Session) -> None:
    """Remove every build output and cache (the next build is a cold one)."""
    for pattern in (
        "build",
        "docs/*/auto_examples",
        "docs/*/sg_execution_times.rst",
        ".jupyter_cache",
        "docs/_locale/*/LC_MESSAGES/*.mo",
    ):
        for path in ROOT.glob(pattern):
            session.log(f"removing {path.relative_to(ROOT)}")
            shutil.rmtree(path) if path.is_dir() else path.unlink()
