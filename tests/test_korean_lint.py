"""The Korean lint: the site's Korean pages pass it, and each rule catches a planted glitch."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from korean_lint import check, check_file, korean_sources  # noqa: E402

GOOD_GALLERY = '''r"""
제목
====

``grad_fn``\\ 이 무엇인지 봅니다. :ref:`post-concepts`\\ 에서 온 예제입니다.
"""

# %%
# 인자로 ``dim``\\ 을 넘기면 파라미터를 업데이트합니다. 파이썬 코드입니다.

x = 1  # 기울기를 확인합니다
print(f"{x} 값입니다")
'''


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_korean_pages_pass_the_lint() -> None:
    sources = korean_sources()
    assert len(sources) > 20
    findings = check(sources)
    assert not findings, "\n".join(map(str, findings))


def test_correct_korean_passes(tmp_path: Path) -> None:
    assert check_file(_write(tmp_path, "plot_01_x.py", GOOD_GALLERY)) == []


@pytest.mark.parametrize(
    ("planted", "rule"),
    [
        ("``grad_fn``\\ 이 → ``grad_fn`` 이", "particle"),
        (":ref:`post-concepts`\\ 에서 → :ref:`post-concepts` 에서", "particle"),
        ("파라미터를 업데이트합니다 → 파라미터를 갱신합니다", "term"),
        ("인자로 → 인수로", "term"),
        ("파이썬 코드입니다 → Python 코드입니다", "term"),
        ("무엇인지 봅니다. → 무엇인지 본다.", "haerache"),
        ("값입니다 → 값입니다 값입니다", "doubled"),
        ("기울기를 확인합니다 → 기울기를 기울기를 확인합니다", "doubled"),
    ],
)
def test_each_rule_catches_a_planted_glitch(tmp_path: Path, planted: str, rule: str) -> None:
    good, bad = planted.split(" → ")
    assert good in GOOD_GALLERY
    path = _write(tmp_path, "plot_01_x.py", GOOD_GALLERY.replace(good, bad, 1))
    findings = check_file(path)
    assert [f.rule for f in findings] == [rule], findings
    assert findings[0].line == GOOD_GALLERY.split(good)[0].count("\n") + 1


def test_myst_pages_attach_particles_without_an_escape(tmp_path: Path) -> None:
    good = "# 제목\n\n`grad_fn`이 보입니다. {ref}`post-concepts`에서 왔습니다.\n"
    assert check_file(_write(tmp_path, "a.md", good)) == []
    assert [f.rule for f in check_file(_write(tmp_path, "b.md", good.replace("`이", "` 이")))] == ["particle"]
    assert [f.rule for f in check_file(_write(tmp_path, "c.md", good.replace("`이", "`\\ 이")))] == [
        "myst-escape"
    ]


def test_code_cells_are_not_prose(tmp_path: Path) -> None:
    page = "# 제목\n\n설명입니다.\n\n```{code-cell} python\nx = 1\ny = x  # 이 줄은 `x` 를 씁니다\n```\n"
    assert check_file(_write(tmp_path, "a.md", page)) == []


def test_a_paragraph_about_the_tutorials_may_name_their_terms(tmp_path: Path) -> None:
    note = "공식 튜토리얼 번역(tutorials.pytorch.kr)은 기울기를 변화도라고 씁니다."
    assert check_file(_write(tmp_path, "a.md", f"# 제목\n\n{note}\n")) == []
    assert [f.rule for f in check_file(_write(tmp_path, "b.md", "# 제목\n\n변화도를 봅니다.\n"))] == ["term"]


def test_quoted_plain_style_is_left_alone(tmp_path: Path) -> None:
    page = '# 제목\n\n글은 "초기화는 비싼 작업이다." 라고 씁니다.\n'
    assert check_file(_write(tmp_path, "a.md", page)) == []
