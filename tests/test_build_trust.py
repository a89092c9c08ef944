"""The build never publishes a page that does not match its source.

Each test makes a small throw-away copy of the project (the real build script and
Sphinx configuration, a two-example gallery per language) and edits, breaks, fixes,
interrupts and rebuilds it as a maintainer would; then it checks what
``build/site/`` holds and what the build reported.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.build

EXAMPLE = '"""\n{title}\n{underline}\n\nText.\n"""\n\n# %%\nprint("{output}")\n'

# Stops the build as a kill would, while the pages are being written (after Sphinx
# has recorded every page as current): enabled by STOP_WRITING_AT=<page>.
STOPPER = """
import os

def _stop(app, pagename, *args):
    if pagename == os.environ.get("STOP_WRITING_AT"):
        os._exit(9)

def setup(app):
    app.connect("html-page-context", _stop)
    return {"parallel_read_safe": True}
"""


NOTEBOOK = """---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
# Notebook

```{code-cell} ipython3
print(1 + 1)
```
"""


def example(title: str, output: str) -> str:
    return EXAMPLE.format(title=title, underline="=" * len(title), output=output)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small copy of the project: real tooling, a tiny gallery in both languages."""
    for part in ("_ext", "_templates", "_static", "_locale", "root"):
        shutil.copytree(ROOT / "docs" / part, tmp_path / "docs" / part)
    shutil.copytree(
        ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    shutil.copy2(ROOT / "pyproject.toml", tmp_path)
    shutil.copy2(ROOT / "README.md", tmp_path)
    for lang in ("ko", "en"):
        docs = tmp_path / "docs" / lang
        docs.mkdir()
        conf = (ROOT / "docs" / lang / "conf.py").read_text(encoding="utf-8")
        (docs / "conf.py").write_text(conf + "\nextensions.append('stopper')\n", encoding="utf-8")
        (docs / "index.md").write_text(
            f"# Mini {lang}\n\n```{{toctree}}\nauto_examples/demo/index\nnotebook\n```\n",
            encoding="utf-8",
        )
        (docs / "notebook.md").write_text(NOTEBOOK, encoding="utf-8")
        gallery = tmp_path / "gallery" / lang / "demo"
        gallery.mkdir(parents=True)
        (gallery / "GALLERY_HEADER.rst").write_text("Demo\n====\n", encoding="utf-8")
        (gallery / "plot_01_first.py").write_text(example("First", "one"), encoding="utf-8")
        (gallery / "plot_02_second.py").write_text(example("Second", "two"), encoding="utf-8")
    (tmp_path / "docs" / "_ext" / "stopper.py").write_text(STOPPER, encoding="utf-8")
    return tmp_path


def build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "tools/build_site.py", *args],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1", **env},
    )


def page(project: Path, lang: str, name: str) -> str:
    return (
        project / "build" / "site" / lang / "auto_examples" / "demo" / f"{name}.html"
    ).read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_failed_example_once_fixed_is_published_without_its_traceback(project: Path) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    good = script.read_text(encoding="utf-8")
    assert build(project, "en").returncode == 0
    script.write_text(good + 'raise ValueError("boom")\n', encoding="utf-8")
    failed = build(project, "en")
    assert failed.returncode != 0
    assert not (project / "build" / "site" / "en").exists(), "a failed language stays published"
    script.write_text(good, encoding="utf-8")  # the maintainer reverts the file
    fixed = build(project, "en")
    assert fixed.returncode == 0, fixed.stdout[-3000:]
    assert "boom" not in page(project, "en", "plot_01_first")
    assert "one" in page(project, "en", "plot_01_first")


def test_a_failed_example_fixed_by_a_single_page_build(project: Path) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    good = script.read_text(encoding="utf-8")
    assert build(project, "en").returncode == 0
    script.write_text(good + 'raise ValueError("boom")\n', encoding="utf-8")
    assert build(project, "en", "plot_01").returncode != 0
    script.write_text(good, encoding="utf-8")
    fixed = build(project, "en", "plot_01")
    assert fixed.returncode == 0, fixed.stdout[-3000:]
    assert "boom" not in page(project, "en", "plot_01_first")


def test_a_filtered_first_build_says_the_other_pages_have_no_output(project: Path) -> None:
    filtered = build(project, "en", "plot_01")
    assert filtered.returncode == 0
    assert "en: not published" in filtered.stdout
    assert "1 of its examples have not run" in filtered.stdout, filtered.stdout[-2000:]
    assert "nox -s docs -- en" in filtered.stdout


def test_a_filtered_build_does_not_publish_other_edited_examples(project: Path) -> None:
    assert build(project).returncode == 0
    edit(project / "gallery" / "en" / "demo" / "plot_02_second.py", '"two"', '"two, edited"')
    filtered = build(project, "en", "plot_01")
    assert filtered.returncode == 0
    assert "plot_02_second.py" in filtered.stdout and "not published" in filtered.stdout
    assert not (project / "build" / "site" / "en").exists()
    full = build(project, "en")
    assert full.returncode == 0
    assert "two, edited" in page(project, "en", "plot_02_second")


def test_a_crash_of_the_build_itself_is_a_failure(project: Path) -> None:
    assert build(project).returncode == 0
    log = project / "build" / "en" / "build.log"
    log.unlink()
    log.mkdir()  # the build log cannot be written
    edit(project / "gallery" / "en" / "demo" / "plot_01_first.py", '"one"', '"one, edited"')
    crashed = build(project)
    assert crashed.returncode != 0
    assert "en: the build itself failed" in crashed.stdout
    assert not (project / "build" / "site" / "en").exists()


def test_an_interrupted_write_is_repaired_by_the_next_build(project: Path) -> None:
    assert build(project, "en").returncode == 0
    css = project / "docs" / "_static" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    stopped = build(project, "en", STOP_WRITING_AT="auto_examples/demo/plot_02_second")
    assert stopped.returncode != 0
    again = build(project, "en")
    assert again.returncode == 0, again.stdout[-3000:]
    links = {
        name: re.findall(r"site\.css\?v=([0-9a-f]+)", page(project, "en", name))
        for name in ("index", "plot_01_first", "plot_02_second")
    }
    assert len({tuple(v) for v in links.values()}) == 1, links


def test_a_warning_fails_every_build_until_it_is_fixed(project: Path) -> None:
    """Sphinx records a page as read even when reading it warned (-W --keep-going)."""
    index = project / "docs" / "en" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nSee {ref}`no-such-label`.\n", "utf-8")
    assert build(project, "en").returncode != 0
    again = build(project, "en")
    assert again.returncode != 0 and "no-such-label" in again.stdout


def test_a_deleted_page_pair_leaves_the_site(project: Path) -> None:
    assert build(project).returncode == 0
    site = project / "build" / "site"
    assert list(site.glob("*/_images/sphx_glr_plot_02_second_thumb.png"))
    for lang in ("ko", "en"):
        (project / "gallery" / lang / "demo" / "plot_02_second.py").unlink()
    assert build(project).returncode == 0
    left = [p.relative_to(site).as_posix() for p in site.rglob("*plot_02_second*")]
    assert left == [], left


def test_a_one_language_build_does_not_republish_the_other_stale_language(
    project: Path,
) -> None:
    assert build(project).returncode == 0
    edit(project / "gallery" / "en" / "demo" / "plot_01_first.py", '"one"', '"one, edited"')
    korean = build(project, "ko")
    assert korean.returncode == 0
    assert "en: not published" in korean.stdout
    assert not (project / "build" / "site" / "en").exists()
    # an unchanged other language stays published
    assert build(project, "en").returncode == 0
    assert build(project, "ko").returncode == 0
    assert "one, edited" in page(project, "en", "plot_01_first")


def test_stderr_in_an_example_fails_the_build_at_its_line(project: Path) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    script.write_text(
        script.read_text(encoding="utf-8") + 'import sys\nprint("noise", file=sys.stderr)\n',
        encoding="utf-8",
    )
    result = build(project, "en")
    assert result.returncode != 0
    assert 'plot_01_first.py", line 11' in result.stdout, result.stdout[-3000:]
    assert "wrote to stderr: 'noise'" in result.stdout


def test_a_broken_reference_is_reported_at_the_line_that_holds_it(project: Path) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    script.write_text(
        script.read_text(encoding="utf-8")
        + "\n# %%\n# A paragraph that spans\n# two lines and refers to :ref:`no-such-label`.\n"
        "print(2)\n",
        encoding="utf-8",
    )
    index = project / "docs" / "en" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\nA paragraph\nwith {ref}`missing-md-label` on its second line\n"
        "and [a link](#missing-anchor) on its third.\n",
        encoding="utf-8",
    )
    result = build(project, "en")
    assert result.returncode != 0
    out = result.stdout
    assert f"{script}:13: WARNING: undefined label: 'no-such-label'" in out, out[-3000:]
    assert "auto_examples/demo/plot_01_first.rst" not in out
    lines = index.read_text(encoding="utf-8").splitlines()
    ref_line = next(n for n, line in enumerate(lines, 1) if "missing-md-label" in line)
    link_line = next(n for n, line in enumerate(lines, 1) if "missing-anchor" in line)
    assert lines[ref_line - 2] == "A paragraph"  # the reference is not on the first line
    assert f"{index}:{ref_line}: WARNING: undefined label: 'missing-md-label'" in out
    assert f"{index}:{link_line}: WARNING: 'myst' cross-reference target not found" in out


def test_a_missing_glyph_names_the_line_that_wrote_the_text(project: Path) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    script.write_text(
        script.read_text(encoding="utf-8")
        + "import matplotlib.pyplot as plt\n\nfig, ax = plt.subplots()\n"
        'ax.set_title("Glyph \ue000")\n'  # a character no font draws
        "from pytorch_basics.plotting import describe_figure\n\n"
        'describe_figure(fig, "An empty plot whose title no font can draw.")\nplt.show()\n',
        encoding="utf-8",
    )
    result = build(project, "en")
    assert result.returncode != 0
    assert "missing from font" in result.stdout
    assert f'File "{script}", line 13: ax.set_title("Glyph \ue000")' in result.stdout, (
        result.stdout[-3000:]
    )


def test_the_summary_counts_a_failed_example(project: Path) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    script.write_text(script.read_text(encoding="utf-8") + "1 / 0\n", encoding="utf-8")
    result = build(project, "en")
    summary = re.search(
        r"gallery examples run: 2 \([\d.]+ s\), succeeded: 1, failed: 1", result.stdout
    )
    assert summary, result.stdout[-2000:]


def test_two_builds_give_identical_downloads_and_stylesheet_links(project: Path) -> None:
    assert build(project, "en").returncode == 0
    site = project / "build" / "site" / "en"

    def snapshot() -> dict[str, bytes]:
        files = [*site.glob("_downloads/**/*.zip"), *site.glob("_downloads/**/*.whl")]
        files += [site / "notebook.html", site / "index.html"]
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in files}

    first = snapshot()
    assert any(name.endswith(".zip") for name in first)
    # the example runs again (its files get new times) with the same result
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    good = script.read_text(encoding="utf-8")
    script.write_text(good + "\n", encoding="utf-8")
    assert build(project, "en").returncode == 0
    script.write_text(good, encoding="utf-8")
    assert build(project, "en").returncode == 0
    second = snapshot()
    assert first.keys() == second.keys()
    changed = [name for name in first if first[name] != second[name]]
    assert changed == [], changed
    assert re.search(r"mystnb\.[0-9a-f]+\.css\?v=", first["notebook.html"].decode())


def test_a_build_without_a_base_url_names_no_local_address(project: Path) -> None:
    assert build(project, SITE_BASE_URL="").returncode == 0
    site = project / "build" / "site"
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml", ".txt"}:
            assert "localhost" not in path.read_text(encoding="utf-8"), path
    assert not list(site.rglob(".buildinfo*"))
    assert not (site / "sitemap.xml").exists()
    not_found = (site / "en" / "404.html").read_text(encoding="utf-8")
    assert 'href="_static/' in not_found and 'href="/en/' not in not_found
    with_base = build(project, SITE_BASE_URL="https://example.org/basics")
    assert with_base.returncode == 0
    assert "https://example.org/basics/en/sitemap.xml" in (site / "sitemap.xml").read_text("utf-8")
    not_found = (site / "en" / "404.html").read_text(encoding="utf-8")
    assert 'href="/basics/en/_static/' in not_found
    assert 'href="/basics/ko/index.html"' in (site / "404.html").read_text(encoding="utf-8")


def test_a_change_to_the_package_runs_every_example_again(project: Path) -> None:
    """A page's output also comes from pytorch_basics, which no checksum of a page covers."""
    assert build(project, "en").returncode == 0
    unchanged = build(project, "en")
    assert "gallery examples run: 0 " in unchanged.stdout
    module = project / "src" / "pytorch_basics" / "messages.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed = build(project, "en")
    assert changed.returncode == 0
    assert (
        "pytorch_basics or torch changed: every example and notebook runs again" in changed.stdout
    )
    assert re.search(r"gallery examples run: 2 \([\d.]+ s\), succeeded: 2", changed.stdout)
    assert "notebooks executed: 1" in changed.stdout


def test_a_change_to_an_extension_rewrites_every_page(project: Path) -> None:
    """Sphinx does not notice that an extension changed; its pages would keep old HTML."""
    assert build(project, "en").returncode == 0
    extension = project / "docs" / "_ext" / "page_assets.py"
    extension.write_text(
        extension.read_text(encoding="utf-8")
        + "\n\ndef _mark(app, pagename, templatename, context, doctree):\n"
        "    context['metatags'] = context.get('metatags', '') + '<meta name=\"mark\" />'\n"
        "\n\n_setup = setup\n\n\ndef setup(app):\n"
        "    app.connect('html-page-context', _mark)\n    return _setup(app)\n",
        encoding="utf-8",
    )
    rebuilt = build(project, "en")
    assert rebuilt.returncode == 0
    for name in ("plot_01_first", "plot_02_second"):
        assert '<meta name="mark" />' in page(project, "en", name), name


def test_a_renamed_page_leaves_no_link_to_its_old_name(project: Path) -> None:
    """The other pages' sidebars and next/previous links are written again."""
    assert build(project, "en").returncode == 0
    for lang in ("en", "ko"):  # a page is renamed in both languages (pairs share names)
        demo = project / "gallery" / lang / "demo"
        (demo / "plot_02_second.py").rename(demo / "plot_03_third.py")
    assert build(project, "en").returncode == 0
    site = project / "build" / "site" / "en"
    stale = [p.name for p in site.rglob("*.html") if "plot_02_second" in p.read_text("utf-8")]
    assert stale == [], stale


def test_a_killed_build_leaves_no_sphinx_behind(project: Path) -> None:
    import os
    import signal
    import time

    assert build(project, "en").returncode == 0
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    slow = example("First", "version A").replace('print("', 'import time\ntime.sleep(12)\nprint("')
    script.write_text(slow, encoding="utf-8")
    started = subprocess.Popen(
        [sys.executable, "tools/build_site.py", "en"], cwd=project, stdout=subprocess.DEVNULL
    )
    time.sleep(7)  # the example is sleeping
    os.kill(started.pid, signal.SIGKILL)
    started.wait()
    script.write_text(example("First", "version B"), encoding="utf-8")
    assert build(project, "en").returncode == 0
    time.sleep(8)  # a Sphinx left running would now write version A
    assert build(project, "en").returncode == 0
    assert "version B" in page(project, "en", "plot_01_first")
    assert "version A" not in page(project, "en", "plot_01_first")


def test_only_one_build_runs_at_a_time(project: Path) -> None:
    import fcntl

    (project / "build").mkdir()
    with (project / "build" / ".lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        refused = build(project, "en")
    assert refused.returncode == 2
    assert "another build of this project is running" in refused.stdout


def test_a_failed_language_does_not_keep_the_other_one_stale(project: Path) -> None:
    assert build(project).returncode == 0
    edit(project / "gallery" / "ko" / "demo" / "plot_01_first.py", '"one"', '"one, edited"')
    broken = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    broken.write_text(broken.read_text(encoding="utf-8") + "1 / 0\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "one, edited" in page(project, "ko", "plot_01_first")
    assert not (project / "build" / "site" / "en").exists()


def test_a_language_built_for_another_base_url_is_not_published(project: Path) -> None:
    assert build(project).returncode == 0
    result = build(project, "ko", SITE_BASE_URL="https://example.org/basics/")
    assert result.returncode == 0
    assert "en: not published" in result.stdout and "base URL" in result.stdout
    assert not (project / "build" / "site" / "en").exists()


def test_a_failing_notebook_cell_is_reported_at_its_line(project: Path) -> None:
    notebook = project / "docs" / "en" / "notebook.md"
    notebook.write_text(
        notebook.read_text(encoding="utf-8")
        + '\n```{code-cell} ipython3\nx = 1\nraise RuntimeError("nb boom")\n```\n',
        encoding="utf-8",
    )
    line = notebook.read_text(encoding="utf-8").splitlines().index('raise RuntimeError("nb boom")')
    result = build(project, "en")
    assert result.returncode != 0
    assert f"{notebook}:{line + 1}: WARNING: Executing notebook failed" in result.stdout
    assert "gallery examples run: 2" in result.stdout  # Sphinx did not stop half-way
    assert not list((project / "build" / "site").rglob("*.err.log"))


def test_stderr_from_c_code_or_a_child_fails_but_a_caught_warning_does_not(
    project: Path,
) -> None:
    script = project / "gallery" / "en" / "demo" / "plot_01_first.py"
    script.write_text(
        script.read_text(encoding="utf-8")
        + "import warnings\n\nwith warnings.catch_warnings(record=True) as caught:\n"
        '    warnings.warn("expected", UserWarning)\nprint(len(caught))\n'
        '\n# %%\nimport os\n\nos.write(2, b"fd noise\\n")\n',
        encoding="utf-8",
    )
    result = build(project, "en")
    assert result.returncode != 0
    assert (
        f'File "{script}", line 17 (the code block starting there) wrote to stderr' in result.stdout
    )
    assert "fd noise" in result.stdout
    assert "UserWarning: expected" not in result.stdout


def test_a_broken_reference_in_a_chapter_header_names_the_header(project: Path) -> None:
    header = project / "gallery" / "en" / "demo" / "GALLERY_HEADER.rst"
    header.write_text("Demo\n====\n\nSee :ref:`header-missing`.\n", encoding="utf-8")
    result = build(project, "en")
    assert f"{header}:4: WARNING: undefined label: 'header-missing'" in result.stdout


def test_the_downloadable_wheel_follows_a_deleted_module(project: Path) -> None:
    import zipfile

    extra = project / "src" / "pytorch_basics" / "extra_module.py"
    extra.write_text("X = 1\n", encoding="utf-8")
    assert build(project, "en").returncode == 0
    extra.unlink()
    assert build(project, "en").returncode == 0
    (wheel,) = (project / "build" / "wheel").glob("*.whl")
    assert "pytorch_basics/extra_module.py" not in zipfile.ZipFile(wheel).namelist()


def test_a_build_that_rewrites_one_page_keeps_every_page_in_the_sitemap(project: Path) -> None:
    """sphinx-sitemap alone lists only the pages a build writes (``site_meta``)."""
    base = {"SITE_BASE_URL": "https://example.org/basics/"}
    assert build(project, "en", **base).returncode == 0
    sitemap = project / "build" / "site" / "en" / "sitemap.xml"
    first = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    assert "https://example.org/basics/en/auto_examples/demo/plot_02_second.html" in first
    edit(project / "docs" / "en" / "notebook.md", "print(1 + 1)", "print(2 + 2)")
    again = build(project, "en", **base)
    assert again.returncode == 0, again.stdout[-3000:]
    assert re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) == first
