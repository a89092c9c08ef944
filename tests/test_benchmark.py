"""The scale benchmark's generated pages are pages the build accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import benchmark_build
from sitekit.parity import compare


def test_trivial_pages_are_a_parallel_pair_that_runs_without_warnings(tmp_path: Path) -> None:
    pages = {}
    for lang, template in benchmark_build.TRIVIAL.items():
        pages[lang] = tmp_path / lang / "plot_0003_scale.py"
        pages[lang].parent.mkdir()
        pages[lang].write_text(template.format(n=3), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-W", "error", str(pages[lang])],
            capture_output=True, text=True, env={"MPLBACKEND": "Agg", "PATH": ""},
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
    assert compare(pages["ko"], pages["en"]) == []


def test_the_scale_chapter_joins_the_toctree(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    for lang in benchmark_build.TRIVIAL:
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text(
            (root / "docs" / lang / "index.md").read_text(encoding="utf-8"), encoding="utf-8"
        )
    benchmark_build.add_trivial_pairs(tmp_path, 2)
    for lang in benchmark_build.TRIVIAL:
        assert "auto_examples/scale/index" in (tmp_path / "docs" / lang / "index.md").read_text()
        assert len(list((tmp_path / "gallery" / lang / "scale").glob("plot_*.py"))) == 2
