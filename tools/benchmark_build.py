"""Measure the build on a clean checkout: cold, unchanged, and after editing one example.

    python tools/benchmark_build.py [--example gallery/en/tensors/plot_01_creating.py]
    python tools/benchmark_build.py --scale [--factors 1 4 16]

The repository (its committed state) is cloned into a temporary folder, so nothing
here is touched. Builds run there with ``tools/build_site.py``:

1. cold: no caches at all;
2. no change: the same tree again;
3. one edit: a comment appended to one example (not with ``--scale``).

For each it prints the wall time and how many gallery examples and notebooks were
executed, then the summed execution time of the examples and the ratios the
project watches (goals: rebuild <= 10 % of cold; only the edited page re-runs;
cold <= 1.3x the summed execution time, thanks to the two languages building in
parallel on two cores).

``--scale`` measures how the build grows with the site: for each factor k the clone
gets (k - 1) times as many extra example pairs as the site has, trivial pages in a
chapter of their own (a line printed, a small titled figure), and the cold and
no-change builds are timed. The table is the curve CONTRIBUTING quotes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitekit.build import parse_summary
from sitekit.settings import LANGUAGES, ROOT

TRIVIAL = {
    "ko": '"""\n규모 {n}\n========\n\n빌드 규모를 재는 페이지입니다.\n"""\n\n# %%\n'
    "import matplotlib.pyplot as plt\nfrom pytorch_basics.plotting import use_site_style\n\n"
    "use_site_style()\nprint({n} * 2)\nfig, ax = plt.subplots(figsize=(2, 2))\n"
    'ax.plot([0, {n}])\nax.set_title("규모 {n}")\nplt.show()\n',
    "en": '"""\nScale {n}\n=========\n\nA page that measures the build\'s growth.\n"""\n\n# %%\n'
    "import matplotlib.pyplot as plt\nfrom pytorch_basics.plotting import use_site_style\n\n"
    "use_site_style()\nprint({n} * 2)\nfig, ax = plt.subplots(figsize=(2, 2))\n"
    'ax.plot([0, {n}])\nax.set_title("Scale {n}")\nplt.show()\n',
}


def build(tree: Path) -> dict[str, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "tools/build_site.py"], cwd=tree,
                            capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    languages = parse_summary(result.stdout)
    if set(languages) != set(LANGUAGES):
        sys.exit(f"the build's summary was not understood:\n{result.stdout[-3000:]}")
    stats = {"wall": wall}
    for key in ("examples", "example_seconds", "notebooks", "notebook_seconds"):
        stats[key] = sum(values[key] for values in languages.values())
    return stats


def clone(tmp: str) -> Path:
    tree = Path(tmp) / "checkout"
    subprocess.run(["git", "clone", "-q", "--local", str(ROOT), str(tree)], check=True)
    return tree


def add_trivial_pairs(tree: Path, count: int) -> None:
    """``count`` trivial example pairs in a chapter ``scale`` of both languages."""
    for lang in LANGUAGES:
        chapter = tree / "gallery" / lang / "scale"
        chapter.mkdir(parents=True)
        (chapter / "GALLERY_HEADER.rst").write_text("Scale\n=====\n", encoding="utf-8")
        for n in range(count):
            (chapter / f"plot_{n:04d}_scale.py").write_text(
                TRIVIAL[lang].format(n=n), encoding="utf-8"
            )
        index = tree / "docs" / lang / "index.md"
        text = index.read_text(encoding="utf-8")
        index.write_text(
            text.replace("auto_examples/tensors/index\n", "auto_examples/tensors/index\n"
                         "auto_examples/scale/index\n", 1),
            encoding="utf-8",
        )  # fmt: skip


def scale(factors: list[int]) -> int:
    pairs = len(list((ROOT / "gallery" / "en").glob("*/plot_*.py")))
    rows = []
    for factor in factors:
        with tempfile.TemporaryDirectory(prefix="site-scale-") as tmp:
            tree = clone(tmp)
            if factor > 1:
                add_trivial_pairs(tree, (factor - 1) * pairs)
            cold = build(tree)
            unchanged = build(tree)
        rows.append((factor, factor * pairs, cold, unchanged))
        print(f"{factor}x: {factor * pairs} pairs, cold {cold['wall']:.1f} s, "
              f"no change {unchanged['wall']:.1f} s", flush=True)  # fmt: skip
    print(f"\n{'factor':>6}{'pairs':>7}{'cold s':>9}{'no change s':>13}{'examples run':>14}")
    for factor, count, cold, unchanged in rows:
        print(f"{factor:>6}{count:>7}{cold['wall']:>9.1f}{unchanged['wall']:>13.1f}"
              f"{cold['examples']:>14.0f}")  # fmt: skip
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="gallery/en/tensors/plot_01_creating.py")
    parser.add_argument("--scale", action="store_true", help="cold and no-change builds at 1x, 4x, 16x")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    if args.scale:
        return scale(args.factors)
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        tree = clone(tmp)
        cold = build(tree)
        unchanged = build(tree)
        example = tree / args.example
        example.write_text(example.read_text(encoding="utf-8") + "\n# benchmark edit\n",
                           encoding="utf-8")  # fmt: skip
        edited = build(tree)
    executed = cold["example_seconds"] + cold["notebook_seconds"]
    print(f"{'build':<12}{'wall s':>8}{'examples run':>14}{'notebooks run':>15}")
    for name, stats in (("cold", cold), ("no change", unchanged), ("one edit", edited)):
        print(
            f"{name:<12}{stats['wall']:>8.1f}{stats['examples']:>14.0f}{stats['notebooks']:>15.0f}"
        )
    print(f"summed execution time: {cold['example_seconds']:.1f} s of gallery examples + "
          f"{cold['notebook_seconds']:.1f} s of notebooks = {executed:.1f} s")  # fmt: skip
    print(f"no change / cold: {unchanged['wall'] / cold['wall']:.1%} (goal <= 10 %)")
    print(f"one edit / cold:  {edited['wall'] / cold['wall']:.1%}; examples re-run: "
          f"{edited['examples']:.0f} (goal 1)")  # fmt: skip
    print(f"cold / summed execution: {cold['wall'] / executed:.2f}x (goal <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
