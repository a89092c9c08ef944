"""Running a page where the reader already is (issue 20): Colab, a local Jupyter, the terminal.

- Every example page links its notebook in Colab exactly when the build knew the
  repository and the branch the notebooks are published to, and never otherwise.
- Every notebook starts with the setup cell of its language. Run in a fresh environment
  that has torch but not the package, with the site served locally, the cell installs
  the wheel from the served site, keeps that torch, and the notebook runs; run again, it
  installs nothing.
- Each language's archive unpacks, installs with its README's command in a clean
  environment, and one script of every chapter runs.
- The "report a problem" link is pre-filled with the page, its language, the torch
  version and the build's commit.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import run_anywhere
import site_conf
import site_meta
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document
from sitekit.catalogue import translate
from sitekit.notebooks import archive_name, colab_url, setup_cell, wheel_url
from sitekit.settings import GALLERY, LANGUAGES, TORCH_REQUIREMENT, WHEEL
from test_downloads import RUN_NOTEBOOK, RUN_SCRIPT, RUNNER_PACKAGES, reader_env

LANGS = list(LANGUAGES)
PAGES = sorted(
    f"{script.parent.name}/{script.stem}" for script in (GALLERY / "en").glob("*/plot_*.py")
)
CHAPTERS = sorted({page.split("/")[0] for page in PAGES})


# --- without a build -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_setup_cell_is_python_in_the_language_of_its_notebook(lang: str) -> None:
    url = f"https://example.org/site/{lang}/downloads/{WHEEL}"
    for cell in (setup_cell(lang, url), setup_cell(lang, None)):
        compile(cell, "setup cell", "exec")
        assert cell.startswith(
            "# " + translate(lang, "Prepares what this notebook needs (in Colab or a fresh environment);")
        )
    installing = setup_cell(lang, url)
    assert json.dumps(url) in installing and "keep = [" in installing
    assert json.dumps(translate(lang, "Installing pytorch_basics, the package of this site ..."),
                      ensure_ascii=False) in installing  # fmt: skip
    assert "pip" not in setup_cell(lang, None)  # no wheel to point at: it says how instead


def _footer(docname: str) -> nodes.document:
    document = new_document("page")
    footer = nodes.container(classes=["sphx-glr-footer", "sphx-glr-footer-example"])
    footer += nodes.container(classes=["sphx-glr-download", "sphx-glr-download-jupyter"])
    document += footer
    return document


def _colab_links(document: nodes.document) -> list[str]:
    return [ref["refuri"] for ref in document.findall(nodes.reference)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_colab_link_joins_the_downloads_only_when_repository_and_branch_are_known(
    lang: str,
) -> None:
    def app(notebooks: str) -> SimpleNamespace:
        return SimpleNamespace(config=SimpleNamespace(site_notebooks=notebooks, language=lang))

    page = "auto_examples/tensors/plot_01_creating"
    document = _footer(page)
    run_anywhere._colab_link(app("owner/site@notebooks"), document, page)  # type: ignore[arg-type]
    assert _colab_links(document) == [
        f"https://colab.research.google.com/github/owner/site/blob/notebooks/{lang}/tensors/plot_01_creating.ipynb"
    ]
    link = next(iter(document.findall(nodes.reference)))
    assert link.astext() == translate(lang, "Run in Google Colab")
    for unknown in ("", "owner/site@", "@notebooks"):
        document = _footer(page)
        run_anywhere._colab_link(app(unknown), document, page)  # type: ignore[arg-type]
        assert _colab_links(document) == [], unknown
    document = _footer("glossary")  # not an example page
    run_anywhere._colab_link(app("owner/site@notebooks"), document, "glossary")  # type: ignore[arg-type]
    assert _colab_links(document) == []


def test_the_build_knows_where_the_notebooks_are_only_when_told_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITE_REPOSITORY", "owner/site")
    monkeypatch.setenv("SITE_NOTEBOOKS_BRANCH", "notebooks")
    assert site_conf.notebooks_source() == "owner/site@notebooks"
    monkeypatch.delenv("SITE_NOTEBOOKS_BRANCH")
    assert site_conf.notebooks_source() == ""  # a local build: no link to a branch that may not exist


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_link_names_page_language_torch_and_commit(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    monkeypatch.setenv("SITE_REPOSITORY", "owner/site")
    app = SimpleNamespace(config=SimpleNamespace(language=lang, project="Site", site_commit="0123abcd4567"))
    context: dict[str, object] = {"title": "Shapes"}
    site_meta._page_context(app, "auto_examples/tensors/plot_05_shapes", "page.html", context, None)  # type: ignore[arg-type]
    issue = context["page_provenance"]["issue_url"]  # type: ignore[index]
    assert issue.startswith("https://github.com/owner/site/issues/new?")
    body = parse_qs(urlsplit(issue).query)["body"][0]
    assert f"Language: {lang}\n" in body
    assert f"PyTorch: {torch.__version__.split('+')[0]}\n" in body
    assert "Commit: 0123abcd4567\n" in body
    assert f"{lang}/auto_examples/tensors/plot_05_shapes.html" in body


def test_the_build_commit_is_this_checkout() -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    assert head.stdout.strip().startswith(site_conf.build_commit().removesuffix("-dirty"))


# --- on the built site -----------------------------------------------------------------


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _download(site: Path, lang: str, page: str, suffix: str) -> Path:
    html = site / lang / "auto_examples" / f"{page}.html"
    name = Path(page).name + suffix
    for link in _soup(html).find_all("a"):
        href = str(link.get("href", ""))
        if "_downloads/" in href and href.endswith("/" + name):
            return (html.parent / href).resolve()
    raise AssertionError(f"{html} offers no {name}")


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_example_pages_link_colab_exactly_when_the_build_knew_where(site: Path, lang: str) -> None:
    known = site_conf.notebooks_source()
    repository, _, branch = known.partition("@")
    for page in PAGES:
        html = site / lang / "auto_examples" / f"{page}.html"
        links = [
            a for a in _soup(html).find_all("a")
            if str(a.get("href", "")).startswith("https://colab.research.google.com/")
        ]  # fmt: skip
        if not known:
            assert links == [], html
            continue
        assert [a["href"] for a in links] == [colab_url(repository, branch, lang, page)], html
        assert " ".join(links[0].get_text().split()) == translate(lang, "Run in Google Colab")
        assert links[0].find_parent(class_="sphx-glr-footer"), "next to the downloads"


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_notebook_starts_with_the_setup_cell_and_the_branch_gets_it(
    site: Path, lang: str
) -> None:
    cell = setup_cell(lang, wheel_url(lang))
    for page in PAGES:
        notebook = _download(site, lang, page, ".ipynb")
        first = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]
        assert "".join(first["source"]) == cell, notebook
        # the page's zip holds the same notebook
        with zipfile.ZipFile(_download(site, lang, page, ".zip")) as bundle:
            assert bundle.read(notebook.name) == notebook.read_bytes(), page
        # and the notebooks branch (published by the workflow) the same file
        branch_copy = site.parent / "notebooks" / lang / f"{page}.ipynb"
        assert branch_copy.read_bytes() == notebook.read_bytes(), branch_copy
    wheels = sorted((site / lang / "_downloads").rglob(WHEEL))
    assert wheels and (site / lang / "downloads" / WHEEL).read_bytes() == wheels[0].read_bytes()


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_offers_the_archive_of_every_page(site: Path, lang: str) -> None:
    index = site / lang / "index.html"
    href = f"downloads/{archive_name(lang)}"
    assert any(a.get("href") == href for a in _soup(index).find_all("a")), "no link on the home page"
    folder = Path(archive_name(lang)).stem
    with zipfile.ZipFile(site / lang / href) as archive:
        names = set(archive.namelist())
        readme = archive.read(f"{folder}/README.md").decode("utf-8")
    expected = {f"{folder}/{page}{suffix}" for page in PAGES for suffix in (".py", ".ipynb")}
    assert names == expected | {f"{folder}/README.md", f"{folder}/{WHEEL}"}
    assert f"pip install {TORCH_REQUIREMENT} ./{WHEEL}" in readme
    assert "{" not in readme, "a placeholder left in the README"


# --- a reader's fresh environment (slow) -----------------------------------------------


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _venv(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
    return folder / "bin" / "python"


def _pip(python: Path, *args: str, cwd: Path | None = None) -> str:
    done = subprocess.run([str(python), "-m", "pip", *args], capture_output=True, text=True,
                          cwd=cwd, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


# as test_downloads runs a notebook, then kept: the test reads what each cell printed
RUN_AND_KEEP = RUN_NOTEBOOK + "nbformat.write(nb, sys.argv[1])\n"


def _execute(python: Path, notebook: Path, home: Path) -> dict[str, object]:
    """Run ``notebook`` in place as a reader's Jupyter would; returns the executed notebook."""
    home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([str(python), "-c", RUN_AND_KEEP, str(notebook)], cwd=home,
                          env=reader_env(home), capture_output=True, text=True, timeout=1200,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(notebook.read_text(encoding="utf-8"))


def _printed(cell: dict[str, object]) -> str:
    return "".join(
        "".join(out.get("text", "")) for out in cell.get("outputs", [])  # type: ignore[union-attr, attr-defined]
    )


@pytest.mark.site
@pytest.mark.downloads
@pytest.mark.xdist_group("first-cell")
def test_the_first_cell_installs_from_the_served_site_keeps_torch_then_does_nothing(
    site: Path, served: str, tmp_path: Path
) -> None:
    python = _venv(tmp_path / "env")
    _pip(python, "install", "-q", TORCH_REQUIREMENT, *RUNNER_PACKAGES)
    torch_before = _torch(python)
    page = "tensors/plot_01_creating"
    for lang in LANGS:
        notebook = tmp_path / lang / f"{Path(page).name}.ipynb"
        notebook.parent.mkdir()
        content = json.loads(_download(site, lang, page, ".ipynb").read_text(encoding="utf-8"))
        # the build's cell, pointed at the wheel where this test serves the site
        assert "".join(content["cells"][0]["source"]) == setup_cell(lang, wheel_url(lang))
        content["cells"][0]["source"] = [setup_cell(lang, f"{served}{lang}/downloads/{WHEEL}")]
        notebook.write_text(json.dumps(content), encoding="utf-8")
        assert "pytorch_basics" not in _pip(python, "list")
        ran = _execute(python, notebook, tmp_path / "home" / lang)
        printed = _printed(ran["cells"][0])  # type: ignore[index]
        assert translate(lang, "Installing pytorch_basics, the package of this site ...") in printed
        assert "PyTorch" not in printed, "the torch of the page was kept: no note"
        assert "pytorch-basics" in _pip(python, "list").replace("_", "-")
        assert _torch(python) == torch_before, "the cell replaced the reader's torch"
        installed = _pip(python, "freeze")
        again = _execute(python, notebook, tmp_path / "home" / lang)
        assert _printed(again["cells"][0]) == "", "run again, the cell printed something"  # type: ignore[index]
        assert _pip(python, "freeze") == installed, "run again, the cell installed something"
        _pip(python, "uninstall", "-y", "pytorch_basics")  # the next language installs it again


def _torch(python: Path) -> str:
    """The version of ``python``'s torch and when its files were written (a reinstall shows)."""
    return subprocess.run(
        [str(python), "-c", "import os, torch; print(torch.__version__, os.stat(torch.__file__).st_mtime_ns)"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def _readme_command(readme: str) -> str:
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    assert len(blocks) == 1, "the README shows one install command"
    return blocks[0].strip()


@pytest.mark.site
@pytest.mark.downloads
@pytest.mark.parametrize("lang", LANGS)
def test_the_archive_installs_with_its_readme_command_and_every_chapter_runs(
    site: Path, lang: str, tmp_path: Path
) -> None:
    with zipfile.ZipFile(site / lang / "downloads" / archive_name(lang)) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / Path(archive_name(lang)).stem
    command = _readme_command((folder / "README.md").read_text(encoding="utf-8"))
    python = _venv(tmp_path / "env")
    env = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(command, shell=True, cwd=folder, env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    for chapter in CHAPTERS:
        script = sorted((folder / chapter).glob("plot_*.py"))[0]
        home = tmp_path / "home" / chapter
        home.mkdir(parents=True)
        ran = subprocess.run(
            [str(python), "-W", "error::UserWarning", "-W", "error::RuntimeWarning",
             "-c", RUN_SCRIPT, str(script)],
            cwd=home, env=reader_env(home), capture_output=True, text=True, timeout=900,
            check=False,
        )  # fmt: skip
        assert ran.returncode == 0, f"{script}:\n{ran.stdout[-2000:]}{ran.stderr[-2000:]}"

