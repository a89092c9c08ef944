"""The Korean and English source trees hold the same pages with the same code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sitekit.pairs import TREES, all_pairs, pages
from sitekit.parity import cells_of, compare, normalise

ROOT = Path(__file__).resolve().parents[1]


def pairs() -> list[tuple[Path, Path]]:
    """The page pairs whose cells can be compared (scripts and MyST-NB pages)."""
    return [
        (ROOT / pair["ko"], ROOT / pair["en"])
        for pair in all_pairs()
        if pair["ko"].endswith((".py", ".md"))
    ]


@pytest.mark.parametrize("tree", TREES)
def test_trees_hold_the_same_pages(tree: str) -> None:
    ko, en = pages(tree, "ko"), pages(tree, "en")
    assert ko == en, f"only in ko: {sorted(ko - en)}; only in en: {sorted(en - ko)}"
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


# --- inside a display call only the displayed text itself may differ ---


def _gallery(code: str) -> str:
    return f'"""\nTitle\n=====\n"""\n\n# %%\n{code}\n'


@pytest.mark.parametrize(
    "ko,en",
    [
        # a string that is an argument of a call nested in the displayed value
        (
            'print(torch.einsum("ij,kj->ik", a, b))',
            'print(torch.einsum("ij,jk->ik", a, b))',
        ),
        ('print(x.to("meta"))', 'print(x.to("cpu"))'),
        ('print(getattr(torch, "int64"))', 'print(getattr(torch, "float32"))'),
        ('print(t.sum(dim="rows"), sep=", ")', 'print(t.sum(dim="cols"), sep=", ")'),
        ('print(x.to("meta"), sep="\\n")', 'print(x.to("cpu"), sep="\\n")'),
        ('print(x, sep=pick("a"))', 'print(x, sep=pick("b"))'),
        ('ax.set_title(names.get("ko"))', 'ax.set_title(names.get("en"))'),
        ('ax.plot(x, label=names.get("ko"))', 'ax.plot(x, label=names.get("en"))'),
        # a subscript, an attribute access or a comparison is code too
        ('print(row["loss"])', 'print(row["acc"])'),
        ('print({"a": 1})', 'print({"b": 1})'),
        ('print("yes" if mode == "eval" else "no")', 'print("yes" if mode == "train" else "no")'),
        ('print([s.upper() for s in "ab"])', 'print([s.upper() for s in "cd"])'),
        # only the receiver of .format / .join is text; their arguments are code
        ('print("{}".format(lookup("a")))', 'print("{}".format(lookup("b")))'),
        ('print("{}".format("a"))', 'print("{}".format("b"))'),
        ('print(", ".join(["a", "b"]))', 'print(", ".join(["a", "c"]))'),
        ('print("%s" % ("a",))', 'print("%s" % ("b",))'),
        # a keyword of a display call that is not displayed text
        ('ax.text(0.5, 0.5, "t", ha="left")', 'ax.text(0.5, 0.5, "t", ha="right")'),
        ('ax.legend(["a"], loc="upper left")', 'ax.legend(["a"], loc="lower right")'),
        ('print(x, file=open("a.txt"))', 'print(x, file=open("b.txt"))'),
        # an expression inside {...} of a displayed f-string
        ("print(f\"{d['ko']}\")", "print(f\"{d['en']}\")"),
    ],
    ids=lambda s: s,
)
def test_compare_catches_code_nested_in_a_display_call(tmp_path: Path, ko: str, en: str) -> None:
    problems = compare(*write_pair(tmp_path, _gallery(ko), _gallery(en)))
    assert any("code differs" in p for p in problems), problems


@pytest.mark.parametrize(
    "ko,en",
    [
        # direct string arguments of display calls
        ('print("합계:", x)', 'print("total:", x)'),
        ('ax.text(0.5, 0.5, "가운데", ha="center")', 'ax.text(0.5, 0.5, "middle", ha="center")'),
        # the literal parts of a displayed f-string (and its format spec)
        ('print(f"합계 {x.sum()} 개")', 'print(f"total {x.sum()}")'),
        ('print(f"{x:>8} 값")', 'print(f"{x:<8} value")'),
        # strings in a displayed list/tuple/set
        ('ax.legend(["학습", "검증"])', 'ax.legend(["train", "valid"])'),
        ('ax.set_xticklabels(("가", "나"))', 'ax.set_xticklabels(("a", "b"))'),
        # both branches of a conditional expression (the test is code)
        ('print("맞음" if ok else "틀림")', 'print("right" if ok else "wrong")'),
        ('print(f"{n}개" if n else "없음")', 'print(f"{n} items" if n else "none")'),
        # concatenation and %-formatting build text
        ('print("결과: " + str(x) + " 끝")', 'print("result: " + str(x) + " end")'),
        ('print("값 %d" % n)', 'print("value %d" % n)'),
        # the receiver of .format and .join
        ('print("{} 개".format(n))', 'print("{} items".format(n))'),
        ('print(" 그리고 ".join(parts))', 'print(" and ".join(parts))'),
        # display keywords, and print's sep= and end=
        ('ax.plot(x, label="값")', 'ax.plot(x, label="values")'),
        ('ax.plot(x, label=f"{i}번째")', 'ax.plot(x, label=f"number {i}")'),
        ('ax.plot(x, label="위" if up else "아래")', 'ax.plot(x, label="up" if up else "down")'),
        ('ax.set_xticks(t, labels=["가", "나"])', 'ax.set_xticks(t, labels=["a", "b"])'),
        ('ax.legend(title="범례")', 'ax.legend(title="legend")'),
        ('print(a, b, sep=" 그리고 ", end="!\\n")', 'print(a, b, sep=" and ", end=".\\n")'),
    ],
    ids=lambda s: s,
)
def test_compare_ignores_displayed_text(tmp_path: Path, ko: str, en: str) -> None:
    assert compare(*write_pair(tmp_path, _gallery(ko), _gallery(en))) == []


def test_a_code_difference_is_shown_at_its_own_lines(tmp_path: Path) -> None:
    """A failure shows the differing statements, each at its file and line."""
    ko, en = tmp_path / "ko.py", tmp_path / "en.py"
    ko.write_text(
        '"""\n제목\n====\n"""\n\n# %%\n# 설명\n\nimport torch\nx = torch.ones(2)\nprint("둘", x)\n',
        encoding="utf-8",
    )
    en.write_text(
        '"""\nTitle\n=====\n"""\n\n# %%\n# Text that\n# runs longer.\n\nimport torch\n'
        'x = torch.ones(3)\nprint("two", x)\n',
        encoding="utf-8",
    )
    problems = "\n".join(compare(ko, en))
    assert f"- {ko}:10: x = torch.ones(2)" in problems
    assert f"+ {en}:11: x = torch.ones(3)" in problems
    assert "import torch" not in problems and "print" not in problems


def test_a_notebook_cell_difference_is_shown_at_its_own_line(tmp_path: Path) -> None:
    page = "---\nfile_format: mystnb\n---\n# {title}\n\n```{{code-cell}} ipython3\n:tags: [hide-output]\n\nx = {value}\n```\n"
    ko, en = tmp_path / "ko.md", tmp_path / "en.md"
    ko.write_text(page.format(title="제목", value=1), encoding="utf-8")
    en.write_text(page.format(title="Title", value=2), encoding="utf-8")
    assert f"- {ko}:9: x = 1" in "\n".join(compare(ko, en))
