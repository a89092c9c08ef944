"""A broken page fails the build, and the message names the file and the line.

A throwaway project is made from the real Sphinx configuration (``docs/_ext``)
with one example that raises, one that warns, one whose figure needs a glyph the
fonts lack, and one executed Markdown page that writes to stderr.
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

EXAMPLES = {
    "plot_01_raises.py": '"""\nRaises\n======\n\nText.\n"""\n\n# %%\nx = 1\nraise ValueError("boom")\n',
    "plot_02_warns.py": '"""\nWarns\n=====\n\nText.\n"""\n\n# %%\nimport warnings\n\nwarnings.warn("stray output")\n',
    "plot_03_glyph.py": (
        '"""\nGlyph\n=====\n\nText.\n"""\n\n# %%\nimport matplotlib.pyplot as plt\n\n'
        'fig, ax = plt.subplots()\nax.set_title("Private \ue000")\n'
        "from pytorch_basics.plotting import describe_figure\n\n"
        'describe_figure(fig, "An empty plot whose title no font can draw.")\nplt.show()\n'
    ),
    "plot_04_korean_title.py": (
        '"""\nKorean title\n============\n\nText.\n"""\n\n# %%\nimport matplotlib.pyplot as plt\n\n'
        'fig, ax = plt.subplots()\nax.plot([1, 2])\nax.set_title("손실")\nplt.show()\n'
    ),
    "plot_05_untitled.py": (
        '"""\nUntitled\n========\n\nText.\n"""\n\n# %%\nimport matplotlib.pyplot as plt\n\n'
        "fig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()\n"
    ),
    # a figure with a title but no words for a reader who cannot see it
    "plot_07_undescribed.py": (
        '"""\nUndescribed\n===========\n\nText.\n"""\n\n# %%\nimport matplotlib.pyplot as plt\n\n'
        'fig, ax = plt.subplots()\nax.plot([1, 2])\nax.set_title("Loss")\nplt.show()\n'
    ),
    # the last answer claims a wrong value: its assert fails the build at its line
    "plot_06_wrong_answer.py": (
        '"""\nWrong answer\n============\n\nText.\n"""\n\n# %%\nimport torch\n\n'
        "# %%\n# Exercises\n# ---------\n# 1. **Predict, then run.** The sum?\n"
        "# 2. **Predict, then run.** The mean?\n\n"
        "# %%\n# Answers\n# -------\n#\n# Answer 1\n# ^^^^^^^^\n# Six.\n"
        "total = torch.tensor([1, 2, 3]).sum()\nprint(total)\nassert total == 6\n\n"
        "# %%\n# Answer 2\n# ^^^^^^^^\n# Three.\n"
        "mean = torch.tensor([1.0, 2.0, 3.0]).mean()\nprint(mean)\nassert mean == 3\n"
    ),
}
STDERR_PAGE = """---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
# Stderr

```{code-cell} ipython3
import sys
print("noise", file=sys.stderr)
```
"""


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    project = tmp_path_factory.mktemp("broken")
    docs = project / "docs"
    for part in ("_ext", "_templates", "_static", "_locale"):
        shutil.copytree(ROOT / "docs" / part, docs / part)
    shutil.copytree(ROOT / "tools" / "sitekit", project / "tools" / "sitekit")
    shutil.copy2(ROOT / "pyproject.toml", project)
    (docs / "en").mkdir()
    shutil.copy2(ROOT / "docs" / "en" / "conf.py", docs / "en" / "conf.py")
    (docs / "en" / "index.md").write_text(
        "# Broken\n\n```{toctree}\nauto_examples/demo/index\nstderr\n```\n", encoding="utf-8"
    )
    (docs / "en" / "stderr.md").write_text(STDERR_PAGE, encoding="utf-8")
    gallery = project / "gallery" / "en" / "demo"
    gallery.mkdir(parents=True)
    (gallery / "GALLERY_HEADER.rst").write_text("Demo\n====\n", encoding="utf-8")
    for name, source in EXAMPLES.items():
        (gallery / name).write_text(source, encoding="utf-8")
    result = subprocess.run(
        # --no-color: a CI runner that sets FORCE_COLOR would otherwise split the
        # messages checked below with escape codes
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-T", "--no-color", "-b", "html",
         str(docs / "en"), str(project / "out")],
        capture_output=True, text=True, encoding="utf-8", cwd=project,
    )  # fmt: skip
    return project / "out", result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def broken_build(broken_project: tuple[Path, int, str]) -> tuple[int, str]:
    _, returncode, output = broken_project
    return returncode, output


def test_broken_build_fails(broken_build: tuple[int, str]) -> None:
    returncode, _ = broken_build
    assert returncode != 0


def test_raising_example_is_named_with_its_line(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert 'plot_01_raises.py", line 10' in output
    assert "ValueError: boom" in output


def test_warning_in_example_fails_it(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert 'plot_02_warns.py", line 11' in output
    assert "UserWarning: stray output" in output


def test_missing_glyph_fails_the_example(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert "plot_03_glyph.py failed" in output, output[-3000:]
    assert "missing from font" in output, output[-3000:]


def test_a_korean_figure_title_on_an_english_page_names_its_line(
    broken_build: tuple[int, str],
) -> None:
    _, output = broken_build
    assert "A figure is titled in Korean on an English page" in output, output[-3000:]
    assert 'plot_04_korean_title.py", line 13: ax.set_title("손실")' in output


def test_an_untitled_figure_names_the_block_that_draws_it(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert "A figure has no title" in output, output[-3000:]
    assert 'plot_05_untitled.py", line 9' in output


def test_an_undescribed_figure_names_the_block_that_draws_it(
    broken_build: tuple[int, str],
) -> None:
    _, output = broken_build
    assert "plot_07_undescribed.py failed" in output, output[-3000:]
    assert "A figure has no description (pytorch_basics.plotting.describe_figure)" in output
    assert 'plot_07_undescribed.py", line 9: the code block that draws it' in output


def test_a_page_without_its_counterpart_fails_the_build(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert "docs/en/stderr.md: this page has no counterpart: create docs/ko/stderr.md" in output


def test_stderr_in_notebook_page_fails_it(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert "stderr.md:11" in output and "stderr was found in the cell outputs" in output


def test_a_wrong_answer_fails_the_build_at_its_line(broken_build: tuple[int, str]) -> None:
    _, output = broken_build
    assert 'plot_06_wrong_answer.py", line 34' in output, output[-3000:]
    assert "assert mean == 3" in output and "AssertionError" in output


def test_answers_are_folded_closed_and_leave_the_footer_out(
    broken_project: tuple[Path, int, str],
) -> None:
    out, _, _ = broken_project
    html = (out / "auto_examples" / "demo" / "plot_06_wrong_answer.html").read_text(
        encoding="utf-8"
    )
    answers = re.findall(r"<details class=\"exercise-answer\"[^>]*>(.*?)</details>", html, re.S)
    assert len(answers) == 2, html[-4000:]
    assert "<summary>Answer 1</summary>" in answers[0] and "Six." in answers[0]
    assert "sphx-glr-script-out" in answers[0]  # the executed output is inside the fold
    assert all("sphx-glr-footer" not in answer for answer in answers)
    assert "sphx-glr-footer" in html.split("</details>")[-1]
    assert " open" not in re.findall(r"<details[^>]*>", html)[0]
