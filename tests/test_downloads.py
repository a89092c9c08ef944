"""Every page's downloads run on a fresh machine after the install line the site shows.

A clean virtual environment gets exactly what "Getting started" tells a reader to
install (``pip install torch==<pin> ./pytorch_basics-<version>-py3-none-any.whl``,
the wheel downloaded from the built site) plus Jupyter's notebook runner; then every
downloaded ``.py`` runs as a script and every ``.ipynb`` is executed. A warning
(a missing Hangul glyph, say) fails a script; stderr output fails a notebook.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sitekit.settings import TORCH_REQUIREMENT

pytestmark = [pytest.mark.site, pytest.mark.downloads]

TORCH = TORCH_REQUIREMENT  # the version the pages were produced with
RUN_NOTEBOOKS = textwrap.dedent(
    """
    import sys, nbformat
    from nbclient import NotebookClient
    failed = []
    for path in sys.argv[1:]:
        nb = nbformat.read(path, as_version=4)
        try:
            NotebookClient(nb, timeout=600, kernel_name="python3").execute()
        except Exception as error:
            failed.append(f"{path}: {type(error).__name__}: {str(error)[-2000:]}")
            continue
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                if output.get("name") == "stderr":
                    failed.append(f"{path}: stderr: {output['text'][:500]}")
    print("\\n".join(failed))
    sys.exit(1 if failed else 0)
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


def downloads(site: Path, lang: str, suffix: str) -> list[Path]:
    return sorted((site / lang / "_downloads").rglob(f"plot_*{suffix}"))


@pytest.fixture(scope="module")
def clean_env(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = sorted((site / "en" / "_downloads").rglob("pytorch_basics-*.whl"))
    assert wheels, "the site must offer the package wheel for download"
    venv = tmp_path_factory.mktemp("reader") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", TORCH, str(wheels[0])], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "nbclient", "ipykernel"], check=True)
    return python


def reader_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "MPL", "JUPYTER"))
    }
    env.update(HOME=str(home), MPLCONFIGDIR=str(home / "mpl"))
    return env


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_downloaded_scripts_run(site: Path, clean_env: Path, lang: str, tmp_path: Path) -> None:
    scripts = downloads(site, lang, ".py")
    assert len(scripts) >= 5
    failures = []
    for script in scripts:
        result = subprocess.run(
            [str(clean_env), "-W", "error::UserWarning", "-W", "error::RuntimeWarning",
             "-c", RUN_SCRIPT, str(script)],
            cwd=tmp_path, env=reader_env(tmp_path), capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        if result.returncode != 0:
            failures.append(f"{script.name}:\n{result.stderr[-3000:]}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_downloaded_notebooks_run(site: Path, clean_env: Path, lang: str, tmp_path: Path) -> None:
    notebooks = downloads(site, lang, ".ipynb")
    assert len(notebooks) >= 5
    result = subprocess.run(
        [str(clean_env), "-c", RUN_NOTEBOOKS, *map(str, notebooks)],
        cwd=tmp_path, env=reader_env(tmp_path), capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
