"""Measure the build on a clean checkout: cold, unchanged, and after editing one example.

    python tools/benchmark_build.py [--example gallery/en/tensors/plot_01_creating.py]

The repository (its committed state) is cloned into a temporary folder, so nothing
here is touched. Three builds run there with ``tools/build_site.py``:

1. cold: no caches at all;
2. no change: the same tree again;
3. one edit: a comment appended to one example.

For each it prints the wall time and how many gallery examples and notebooks were
executed, then the summed execution time of the examples and the ratios the
project watches (goals: rebuild <= 10 % of cold; only the edited page re-runs;
cold <= 1.3x the summed execution time, thanks to the two languages building in
parallel on two cores).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_LANG_LINE = re.compile(
    r"^(ko|en): +([\d.]+) s, gallery examples executed: (\d+) \(([\d.]+) s\), "
    r"notebooks executed: (\d+) \(([\d.]+) s\)",
    re.M,
)
_TOTAL = re.compile(r"summed run time of all gallery examples: ([\d.]+) s")


def build(tree: Path) -> dict[str, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "tools/build_site.py"], cwd=tree,
                            capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    stats = {"wall": wall, "examples": 0.0, "example_s": 0.0, "notebooks": 0.0, "notebook_s": 0.0}
    for _lang, _secs, examples, example_s, notebooks, notebook_s in _LANG_LINE.findall(
        result.stdout
    ):
        stats["examples"] += int(examples)
        stats["example_s"] += float(example_s)
        stats["notebooks"] += int(notebooks)
        stats["notebook_s"] += float(notebook_s)
    stats["all_examples_s"] = float(_TOTAL.search(result.stdout).group(1))
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="gallery/en/tensors/plot_01_creating.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        tree = Path(tmp) / "checkout"
        subprocess.run(["git", "clone", "-q", "--local", str(ROOT), str(tree)], check=True)
        cold = build(tree)
        unchanged = build(tree)
        example = tree / args.example
        example.write_text(example.read_text(encoding="utf-8") + "\n# benchmark edit\n",
                           encoding="utf-8")  # fmt: skip
        edited = build(tree)
    executed = cold["all_examples_s"] + cold["notebook_s"]
    print(f"{'build':<12}{'wall s':>8}{'examples run':>14}{'notebooks run':>15}")
    for name, stats in (("cold", cold), ("no change", unchanged), ("one edit", edited)):
        print(
            f"{name:<12}{stats['wall']:>8.1f}{stats['examples']:>14.0f}{stats['notebooks']:>15.0f}"
        )
    print(f"summed execution time: {cold['all_examples_s']:.1f} s of gallery examples + "
          f"{cold['notebook_s']:.1f} s of notebooks = {executed:.1f} s")  # fmt: skip
    print(f"no change / cold: {unchanged['wall'] / cold['wall']:.1%} (goal <= 10 %)")
    print(f"one edit / cold:  {edited['wall'] / cold['wall']:.1%}; examples re-run: "
          f"{edited['examples']:.0f} (goal 1)")  # fmt: skip
    print(f"cold / summed execution: {cold['wall'] / executed:.2f}x (goal <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
