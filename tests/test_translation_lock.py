"""Translations that fall behind: the lock, the status, and the notice on the page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import translations

ROOT = Path(__file__).resolve().parents[1]

PAGE = {
    "ko": '"""\n제목\n====\n\n텐서를 만듭니다.\n"""\n\n# %%\nx = 1\nprint(f"값: {x}")\n',
    "en": '"""\nTitle\n=====\n\nWe make a tensor.\n"""\n\n# %%\nx = 1\nprint(f"value: {x}")\n',
}


def make_pair(root: Path) -> dict[str, Path]:
    paths = {}
    for lang, text in PAGE.items():
        path = root / "gallery" / lang / "demo" / "plot_01_demo.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[lang] = path
    return paths


@pytest.mark.unit
def test_prose_edit_on_one_side_makes_the_other_side_stale(tmp_path: Path) -> None:
    paths = make_pair(tmp_path)
    assert translations.sync(root=tmp_path) == {}
    assert translations.stale_pages("ko", tmp_path) == {}
    paths["en"].write_text(PAGE["en"].replace("a tensor", "two tensors"), encoding="utf-8")
    assert translations.stale_pages("ko", tmp_path) == {"gallery/ko/demo/plot_01_demo.py": "en"}
    assert translations.stale_pages("en", tmp_path) == {}
    translations.sync(root=tmp_path)
    assert translations.stale_pages("ko", tmp_path) == {}


@pytest.mark.unit
def test_code_edits_and_edits_on_both_sides_make_nothing_stale(tmp_path: Path) -> None:
    paths = make_pair(tmp_path)
    translations.sync(root=tmp_path)
    for lang in ("ko", "en"):  # the same code change on both sides: parity holds
        paths[lang].write_text(PAGE[lang].replace("x = 1", "x = 2"), encoding="utf-8")
    assert (
        translations.stale_pages("ko", tmp_path) == translations.stale_pages("en", tmp_path) == {}
    )
    paths["ko"].write_text(PAGE["ko"].replace("만듭니다", "새로 만듭니다"), encoding="utf-8")
    paths["en"].write_text(PAGE["en"].replace("make", "build"), encoding="utf-8")
    state = translations.states(tmp_path)[0]
    assert state.changed == ("ko", "en") and state.stale == ()


@pytest.mark.unit
def test_sync_refuses_a_pair_whose_code_differs(tmp_path: Path) -> None:
    paths = make_pair(tmp_path)
    translations.sync(root=tmp_path)
    before = translations.lock_path(tmp_path).read_text(encoding="utf-8")
    paths["en"].write_text(PAGE["en"].replace("x = 1", "x = 3").replace("a tensor", "one"),
                           encoding="utf-8")  # fmt: skip
    refused = translations.sync(root=tmp_path)
    assert (
        list(refused) == ["gallery/demo/plot_01_demo.py"]
        and refused["gallery/demo/plot_01_demo.py"]
    )
    assert translations.lock_path(tmp_path).read_text(encoding="utf-8") == before
    with pytest.raises(ValueError, match="keys must name page pairs"):
        translations.sync(["gallery/demo/nothing.py"], root=tmp_path)


MD_PAGE = {
    "ko": "# 페이지\n\n텐서를 만듭니다.\n",
    "en": "# Page\n\nWe make a tensor.\n",
}


def _build(project: Path, lang: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(project / "docs" / lang),
         str(project / "out" / lang)],
        capture_output=True, text=True, encoding="utf-8", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return (project / "out" / lang / "page.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_notice_appears_on_the_other_side_and_goes_after_a_sync(tmp_path: Path) -> None:
    project = tmp_path / "project"
    docs = project / "docs"
    for part in ("_ext", "_templates", "_static", "_locale"):
        shutil.copytree(ROOT / "docs" / part, docs / part)
    shutil.copytree(ROOT / "tools" / "sitekit", project / "tools" / "sitekit")
    shutil.copy2(ROOT / "pyproject.toml", project)
    for lang, text in MD_PAGE.items():
        (docs / lang).mkdir()
        shutil.copy2(ROOT / "docs" / lang / "conf.py", docs / lang / "conf.py")
        (docs / lang / "index.md").write_text(
            "# Index\n\n```{toctree}\npage\n```\n", encoding="utf-8"
        )
        (docs / lang / "page.md").write_text(text, encoding="utf-8")
    assert translations.sync(root=project) == {}
    assert "stale-translation" not in _build(project, "ko")
    (docs / "en" / "page.md").write_text(MD_PAGE["en"] + "\nA new paragraph.\n", encoding="utf-8")
    ko = _build(project, "ko")  # only the English page changed: the Korean one is read again
    assert 'class="admonition stale-translation"' in ko
    assert "이 페이지의 영어판이" in ko and 'href="../en/page.html"' in ko
    assert "stale-translation" not in _build(project, "en")
    assert translations.sync(root=project) == {}
    assert "stale-translation" not in _build(project, "ko")
