"""The Korean and English source trees hold the same pages with the same code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from parity import cells_of, compare, normalise

ROOT = Path(__file__).resolve().parents[1]
TREES = [ROOT / "gallery", ROOT / "docs"]
PAGE_SUFFIXES = {".py", ".md", ".rst"}
IGNORED_PARTS = {"auto_examples", "_shared", "_templates", "_static", "_locale", "root"}


def pages(tree: Path, lang: str) -> set[Path]:
    base = tree / lang
    return {
        path.relative_to(base)
        for path in base.rglob("*")
        if path.suffix in PAGE_SUFFIXES
        and not IGNORED_PARTS & set(path.relative_to(base).parts)
        and path.name != "conf.py"
    }


def pairs() -> list[tuple[Path, Path]]:
    found = []
    for tree in TREES:
        for rel in sorted(pages(tree, "ko") & pages(tree, "en")):
            if rel.suffix in {".py", ".md"}:
                found.append((tree / "ko" / rel, tree / "en" / rel))
    return found


@pytest.mark.parametrize("tree", TREES, ids=lambda t: t.name)
def test_trees_hold_the_same_pages(tree: Path) -> None:
    ko, en = pages(tree, "ko"), pages(tree, "en")
    assert ko == en, (
        f"only in ko: {sorted(map(str, ko - en))}; only in en: {sorted(map(str, en - ko))}"
    )
    assert ko, f"no pages found under {tree}"


@pytest.mark.parametrize("ko,en", pairs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pair_has_same_cells_and_code(ko: Path, en: Path) -> None:
    problems = compare(ko, en)
    assert not problems, "\n".join(problems)


def test_pairs_were_found() -> None:
    assert len(pairs()) >= 10


# --- the comparison itself: what it must ignore and what it must catch ---

GALLERY_EN = '''"""
Title
=====

Text.
"""

# %%
# Heading
# -------
# Prose.
import torch

x = torch.arange(6).reshape(2, 3)
print(f"sum: {x.sum():.2f}")

# %%
fig_title = "not displayed"
ax.set_title("Shapes", fontsize=10)
ax.plot(x, label="values")
'''

GALLERY_KO = '''"""
제목
====

설명.
"""

# %%
# 소제목
# ------
# 산문.
import torch

x = torch.arange(6).reshape(2, 3)  # 주석
print(f"합계: {x.sum():.2f}")

# %%
fig_title = "not displayed"
ax.set_title("형태", fontsize=10)
ax.plot(x, label="값")
'''


def write_pair(tmp_path: Path, ko: str, en: str, suffix: str = ".py") -> tuple[Path, Path]:
    (tmp_path / "ko").mkdir()
    (tmp_path / "en").mkdir()
    ko_path, en_path = tmp_path / "ko" / f"page{suffix}", tmp_path / "en" / f"page{suffix}"
    ko_path.write_text(ko, encoding="utf-8")
    en_path.write_text(en, encoding="utf-8")
    return ko_path, en_path


def test_compare_ignores_comments_prose_and_displayed_strings(tmp_path: Path) -> None:
    assert compare(*write_pair(tmp_path, GALLERY_KO, GALLERY_EN)) == []


@pytest.mark.parametrize(
    "change",
    [
        ("reshape(2, 3)", "reshape(3, 2)"),  # a number in the code
        ("x.sum()", "x.mean()"),  # an expression inside a printed f-string
        ('fig_title = "not displayed"', 'fig_title = "changed"'),  # a string that is not displayed
        ("fontsize=10", "fontsize=12"),  # a keyword of a display call
    ],
)
def test_compare_catches_a_code_change_on_one_side(tmp_path: Path, change: tuple[str, str]) -> None:
    ko = GALLERY_KO.replace(*change)
    assert ko != GALLERY_KO
    problems = compare(*write_pair(tmp_path, ko, GALLERY_EN))
    assert any("code differs" in p for p in problems)


def test_compare_catches_a_missing_cell(tmp_path: Path) -> None:
    ko = GALLERY_KO.replace('# %%\nfig_title = "not displayed"\n', 'fig_title = "not displayed"\n')
    assert any("cell sequence" in p for p in compare(*write_pair(tmp_path, ko, GALLERY_EN)))


def test_compare_catches_a_missing_heading(tmp_path: Path) -> None:
    ko = GALLERY_KO.replace("# 소제목\n# ------\n", "")
    assert any("heading" in p for p in compare(*write_pair(tmp_path, ko, GALLERY_EN)))


MYST_EN = """---
file_format: mystnb
---
# Title

Some prose.

```{code-cell} ipython3
import torch
print(f"version: {torch.__version__}")
```

## Next

```{code-cell} ipython3
:tags: [hide-input]
y = torch.ones(3) * 2
```
"""


def test_myst_pages_compare_code_cells(tmp_path: Path) -> None:
    ko = (
        MYST_EN.replace("Some prose.", "산문.")
        .replace("version:", "버전:")
        .replace("## Next", "## 다음")
    )
    assert compare(*write_pair(tmp_path, ko, MYST_EN, ".md")) == []
    assert len([c for c in cells_of(tmp_path / "en" / "page.md") if c.kind == "code"]) == 2


def test_myst_pages_catch_a_code_change(tmp_path: Path) -> None:
    ko = MYST_EN.replace("* 2", "* 3")
    assert any("code differs" in p for p in compare(*write_pair(tmp_path, ko, MYST_EN, ".md")))


def _rename_first_name(source: str) -> str:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            node.id += "_changed"
            return ast.unparse(tree)
    raise AssertionError("no name to rename")


def test_every_real_page_fails_when_one_side_changes() -> None:
    """Renaming one variable in any code cell of a real Korean page is detected."""
    checked = 0
    for ko, en in pairs():
        en_cells = cells_of(en)
        for index, cell in enumerate(cells_of(ko)):
            if cell.kind == "code" and any(
                isinstance(n, ast.Name) for n in ast.walk(ast.parse(cell.source))
            ):
                assert normalise(_rename_first_name(cell.source)) != normalise(
                    en_cells[index].source
                )
                checked += 1
    assert checked > 0
