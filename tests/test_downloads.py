"""Every page's downloads run on a fresh machine after the install line the site shows.

A clean virtual environment gets exactly what "Getting started" tells a reader to
install (``pip install torch==<pin> ./pytorch_basics-<version>-py3-none-any.whl``,
the wheel downloaded from the built site) plus Jupyter's notebook runner. It is made
once and kept in ``build/reader-env/`` for as long as the wheel, the torch pin and
this Python are the same.

Each gallery page is one test (``-k plot_05`` selects a page), and the pages run two
at a time. Each page runs in one form per language: the Korean page's ``.py`` as a
script, the English page's ``.ipynb`` as a notebook. That covers both forms in both
languages because (1) the parity test holds the code of a Korean page and its English
twin identical, so what differs between the languages is only displayed text, which
the Korean script shows in Hangul (a missing glyph warns, and a warning fails it); and
(2) sphinx-gallery writes a page's script and its notebook from the same source, the
notebook adding only the setup cell first, which does nothing here (the package is
installed) and differs between the languages only in its text; test_run_anywhere runs it
in both languages where it has work to do.
A warning fails a script; stderr output fails a notebook.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit.settings import BUILD, GALLERY, TORCH_REQUIREMENT

# one worker runs them all (under pytest-xdist's --dist loadgroup): the pages are
# started together, AT_ONCE at a time, by the module's fixture
pytestmark = [pytest.mark.site, pytest.mark.downloads, pytest.mark.xdist_group("downloads")]

AT_ONCE = 2  # pages run at the same time (each torch gets its share of the cores)
RUNNER_PACKAGES = ("nbclient==0.11.0", "ipykernel==7.4.0")
# one form per language (see the module's docstring)
FORM = {"ko": ".py", "en": ".ipynb"}

RUN_NOTEBOOK = textwrap.dedent(
    """
    import sys, nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(sys.argv[1], as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3").execute()
    stderr = [o["text"] for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    if stderr:
        sys.exit("stderr: " + "".join(stderr)[:2000])
    """
)

# A reader's plt.show() draws each figure; with no screen, draw them off-screen instead,
# so text that needs a missing glyph still warns (and fails the run).
RUN_SCRIPT = textwrap.dedent(
    """
    import runpy, sys
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def show(*args, **kwargs):
        for number in plt.get_fignums():
            plt.figure(number).canvas.draw()
        plt.close("all")

    plt.show = show
    sys.argv = [sys.argv[1]]
    runpy.run_path(sys.argv[0], run_name="__main__")
    show()
    """
)

PAGES = [
    (lang, f"{script.parent.name}/{script.stem}")
    for lang in FORM
    for script in sorted((GALLERY / lang).glob("*/plot_*.py"))
]


def download(site: Path, lang: str, page: str) -> Path:
    """The file the page offers for download in its language's form."""
    html = site / lang / "auto_examples" / f"{page}.html"
    assert html.exists(), f"{html} was not built"
    wanted = Path(page).name + FORM[lang]
    for link in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("a"):
        href = str(link.get("href", ""))
        if "_downloads/" in href and href.endswith("/" + wanted):
            return (html.parent / href).resolve()
    raise AssertionError(f"{html.relative_to(site)} offers no {wanted}")


def reader_python(site: Path) -> Path:
    """A reader's environment, made once per wheel, torch pin and Python version."""
    wheels = sorted((site / "en" / "_downloads").rglob("pytorch_basics-*.whl"))
    assert wheels, "the site must offer the package wheel for download"
    key = hashlib.sha256(
        wheels[0].read_bytes()
        + json.dumps([TORCH_REQUIREMENT, RUNNER_PACKAGES, sys.version]).encode()
    ).hexdigest()[:16]
    venv = BUILD / "reader-env" / key
    python = venv / "bin" / "python"
    BUILD.mkdir(exist_ok=True)
    # one maker at a time (pytest-xdist workers, two test runs): the others wait and reuse it
    with (BUILD / "reader-env.lock").open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        if not (venv / "complete").exists():
            _make_reader_env(venv, wheels[0], key)
    return python


def _make_reader_env(venv: Path, wheel: Path, key: str) -> None:
    python = venv / "bin" / "python"
    shutil.rmtree(BUILD / "reader-env", ignore_errors=True)  # older keys
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
    assert made.returncode == 0, f"could not make the reader's environment:\n{made.stderr}"
    pip = [str(python), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, TORCH_REQUIREMENT, str(wheel)], check=True)
    subprocess.run([*pip, *RUNNER_PACKAGES], check=True)
    (venv / "complete").write_text(key, encoding="utf-8")


def reader_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "MPL", "JUPYTER"))
    }
    env.update(HOME=str(home), MPLCONFIGDIR=str(home / "mpl"))
    env["OMP_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // AT_ONCE))
    return env


def run_page(python: Path, path: Path, home: Path) -> str:
    """Run one download as a reader would; returns what went wrong, or ``""``."""
    home.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".py":
        command = [str(python), "-W", "error::UserWarning", "-W", "error::RuntimeWarning",
                   "-c", RUN_SCRIPT, str(path)]  # fmt: skip
    else:
        command = [str(python), "-c", RUN_NOTEBOOK, str(path)]
    result = subprocess.run(
        command, cwd=home, env=reader_env(home), capture_output=True, text=True, timeout=900
    )
    return "" if result.returncode == 0 else (result.stdout[-3000:] + result.stderr[-3000:])


# session-wide: pytest-xdist may run other modules' tests in between, and a module
# fixture would then be torn down (its pages cancelled) and made again
@pytest.fixture(scope="session")
def runs(
    request: pytest.FixtureRequest, site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str, str], str]]:
    """Start every selected page, ``AT_ONCE`` at a time; each test waits for its own."""
    python = reader_python(site)
    selected = [
        item.callspec.params["lang_page"]
        for item in request.session.items
        if item.get_closest_marker("downloads") and hasattr(item, "callspec")
        and "lang_page" in item.callspec.params
    ]  # fmt: skip
    pool = ThreadPoolExecutor(max_workers=AT_ONCE)
    futures: dict[tuple[str, str], Future[str]] = {}
    home = tmp_path_factory.mktemp("readers")
    for lang, page in selected:
        path = download(site, lang, page)
        futures[lang, page] = pool.submit(
            run_page, python, path, home / lang / page.replace("/", "-")
        )

    def result(lang: str, page: str) -> str:
        return futures[lang, page].result()

    yield result
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize(
    "lang_page", PAGES, ids=[f"{lang}-{page}{FORM[lang]}" for lang, page in PAGES]
)
def test_download_runs(runs: Callable[[str, str], str], lang_page: tuple[str, str]) -> None:
    lang, page = lang_page
    problem = runs(lang, page)
    assert not problem, f"{lang}/{page}{FORM[lang]} failed for a reader:\n{problem}"


def test_every_page_runs_in_some_form() -> None:
    names = {lang: {page for code, page in PAGES if code == lang} for lang in FORM}
    assert len(names["ko"]) >= 5 and names["ko"] == names["en"]
