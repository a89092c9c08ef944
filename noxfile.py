"""Tasks for the PyTorch basics site. `nox` alone runs lint, typecheck, tests and doctest.

Every session that imports the package (docs, page, tests, doctest, typecheck and the
others) shares one environment, .nox/site, made and filled once: pip runs again only
when pyproject.toml, the torch pin or TORCH_INDEX_URL change.

nox -s docs                  # build both languages into build/site/
nox -s docs -- ko            # only the Korean site
nox -s docs -- en plot_05    # English, re-running only examples matching plot_05
nox -s docs -- --clean       # from scratch
nox -s docs-live -- ko       # serve one language with live reload
nox -s page -- plot_10       # one new or edited page: both languages built, its checks run
nox -s tests                 # every test (builds the site once if needed)
nox -s tests -- tests/test_parity.py
nox -s doctest               # package doctests + Sphinx's doctest builder
nox -s lint
nox -s typecheck              # mypy over src, docs/_ext and tools/sitekit
nox -s clean
"""

from __future__ import annotations

import hashlib
import json
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


SITE_ENV = ROOT / ".nox" / "site"
SITE_PYTHON = SITE_ENV / "bin" / "python"
SITE_EXTRAS = ("docs", "test")


class _SiteEnvironment:
    """What :func:`install` needs of a session, for the shared environment."""

    def __init__(self, session: nox.Session) -> None:
        self.session = session

    def install(self, *args: str) -> None:
        self.session.run(str(SITE_PYTHON), "-m", "pip", "install", *args, external=True)


def site_env(session: nox.Session) -> dict[str, str]:
    """Make (once) and fill (when its inputs changed) .nox/site; its environment variables."""
    if not SITE_PYTHON.exists():
        python = shutil.which(f"python{PYTHON}") or sys.executable
        session.run(python, "-m", "venv", str(SITE_ENV), external=True)
    wanted = hashlib.sha256(
        json.dumps(
            [(ROOT / "pyproject.toml").read_text(encoding="utf-8"), TORCH, SITE_EXTRAS,
             os.environ.get("TORCH_INDEX_URL", "")]
        ).encode()
    ).hexdigest()  # fmt: skip
    stamp = SITE_ENV / "installed"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
        stamp.unlink(missing_ok=True)
        install(_SiteEnvironment(session), *SITE_EXTRAS)
        stamp.write_text(wanted, encoding="utf-8")
    else:
        session.log(".nox/site is up to date (pyproject.toml and the torch pin unchanged)")
    return {
        "PATH": f"{SITE_ENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(SITE_ENV),
    }


def run_site(session: nox.Session, *args: str, env: dict[str, str] | None = None) -> None:
    """Run ``python *args`` in the shared environment."""
    session.run(str(SITE_PYTHON), *args, env={**site_env(session), **(env or {})}, external=True)


@nox.session(venv_backend="none")
def docs(session: nox.Session) -> None:
    """Build the Korean and English sites and assemble build/site/."""
    run_site(session, "tools/build_site.py", *session.posargs)


@nox.session(venv_backend="none")
def page(session: nox.Session) -> None:
    """A contributor's loop for one page pair: nox -s page -- plot_10 (or a .md page's name).

    Builds the page in both languages (running only the examples whose name matches),
    which fails at the source line on a figure titled in the wrong language, and on a
    page without its counterpart; then runs the unit tier (parity with a diff at the
    differing statements' lines, the Korean lint, the glossary, the sources' links).
    """
    if not session.posargs:
        session.error("name the page: nox -s page -- plot_10")
    name = session.posargs[0]
    run_site(session, "tools/build_site.py", "all", name)
    run_site(session, "-m", "pytest", "-q", "-m", "unit", "-p", "no:cacheprovider")


@nox.session(name="docs-live", venv_backend="none")
def docs_live(session: nox.Session) -> None:
    """Serve one language (default: ko) with live reload while you edit."""
    env = site_env(session)
    session.run(str(SITE_PYTHON), "-m", "pip", "install", "-q", "sphinx-autobuild==2025.8.25",
                env=env, external=True)  # fmt: skip
    lang = session.posargs[0] if session.posargs else "ko"
    session.run(
        str(SITE_ENV / "bin" / "sphinx-autobuild"),
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
        env=env,
        external=True,
    )


@nox.session(venv_backend="none")
def tests(session: nox.Session) -> None:
    """Unit, doctest, parity and built-site tests (the site is built once if needed).

    Without arguments every test runs, on two workers (pytest-xdist): the downloads,
    which run two pages at a time themselves, on one, everything else on the other.
    """
    workers = [] if session.posargs else ["-n", "2", "--dist", "loadgroup"]
    run_site(session, "-m", "pytest", *workers, *session.posargs)


@nox.session(venv_backend="none")
def typecheck(session: nox.Session) -> None:
    """mypy over the package, the site's Sphinx extensions and its tooling (pyproject.toml)."""
    run_site(session, "-m", "mypy", *session.posargs)


@nox.session(venv_backend="none")
def doctest(session: nox.Session) -> None:
    """The package's doctests, then Sphinx's doctest builder over both languages."""
    run_site(
        session,
        "-m",
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
        run_site(
            session,
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


@nox.session(name="search-recall", venv_backend="none")
def search_recall(session: nox.Session) -> None:
    """Recall of the Korean search on the built site, judged by kiwipiepy (dev-only)."""
    run_site(session, "-m", "pip", "install", "-q", "kiwipiepy")
    if not (ROOT / "build" / "site" / "ko" / "searchindex.js").exists():
        run_site(session, "tools/build_site.py")
    # the recall tool reads the Korean search's own rules (docs/_ext/korean_search.py)
    run_site(session, "tools/search_recall.py", *session.posargs, env={"PYTHONPATH": "docs/_ext"})


@nox.session(venv_backend="none")
def benchmark(session: nox.Session) -> None:
    """Cold build, unchanged rebuild and one-edit rebuild of a clean checkout, timed."""
    run_site(session, "tools/benchmark_build.py", *session.posargs)


@nox.session(name="translation-status", python=PYTHON)
def translation_status(session: nox.Session) -> None:
    """Pages per language, and pairs whose prose changed on one side since they last matched."""
    session.run("python", "tools/translation_status.py", *session.posargs, external=False)


@nox.session(name="translation-sync", python=PYTHON)
def translation_sync(session: nox.Session) -> None:
    """Record page pairs as matching (all, or those named): run after checking them."""
    session.run("python", "tools/translation_status.py", "--sync", *session.posargs,
                external=False)  # fmt: skip


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
