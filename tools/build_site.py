"""Build the bilingual site: one Sphinx build per language, then ``build/site/``.

Usage::

    python tools/build_site.py                 # both languages, incremental
    python tools/build_site.py ko              # Korean only
    python tools/build_site.py en plot_03      # English, run only examples matching plot_03
    python tools/build_site.py --clean         # forget every cache first

Each language builds into ``build/<lang>/html`` (its doctrees and Jupyter cache sit
beside it), the two builds run in parallel, and ``build/site/`` is assembled from
them with a root ``index.html`` that lets the reader choose a language. Warnings
are errors; a failing example or notebook fails the build and names its file.
At the end a summary says what ran and how long it took.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_shared"))
import page_assets  # noqa: E402

BUILD = ROOT / "build"
LANGUAGES = ("ko", "en")

_EXECUTED_NB = re.compile(r"Executed notebook in ([\d.]+) seconds")
_GALLERY_RAN = re.compile(r"Sphinx-Gallery successfully executed (\d+) out of (\d+) file")
_RUN_TIME = re.compile(
    r"\*\*(?:Total running time of the script|스크립트 전체 실행 시간):\*\* "
    r"\((\d+)(?: minutes |분 )([\d.]+)(?: seconds|초)\)"
)


@dataclass
class LanguageBuild:
    lang: str
    seconds: float = 0.0
    returncode: int = 0
    notebooks_executed: list[float] = field(default_factory=list)
    examples_executed: int = 0
    example_seconds: dict[str, float] = field(default_factory=dict)


def example_times(lang: str, since: float | None = None) -> dict[str, float]:
    """Run time of each generated gallery page (only those written after ``since``)."""
    times = {}
    for rst in (DOCS / lang / "auto_examples").glob("*/plot_*.rst"):
        if since is not None and rst.stat().st_mtime < since:
            continue
        match = _RUN_TIME.search(rst.read_text(encoding="utf-8"))
        if match:
            times[rst.stem] = int(match.group(1)) * 60 + float(match.group(2))
    return times


def clean(lang: str) -> None:
    """Remove everything a build of ``lang`` leaves behind."""
    for path in (BUILD / lang, DOCS / lang / "auto_examples"):
        shutil.rmtree(path, ignore_errors=True)
    for leftover in (DOCS / lang).glob("sg_execution_times.rst"):
        leftover.unlink()


def prune_stale(lang: str) -> list[Path]:
    """Delete generated gallery files whose example (or chapter) no longer exists.

    sphinx-gallery never removes the output of a deleted example, and Sphinx would
    then warn that the orphaned page is in no toctree.
    """
    removed: list[Path] = []
    generated = DOCS / lang / "auto_examples"
    for chapter in generated.glob("*") if generated.exists() else ():
        source = ROOT / "gallery" / lang / chapter.name
        if not (source / "GALLERY_HEADER.rst").exists():
            shutil.rmtree(chapter)
            removed.append(chapter)
            continue
        for rst in chapter.glob("plot_*.rst"):
            if (source / f"{rst.stem}.py").exists():
                continue
            for leftover in [
                *chapter.glob(f"{rst.stem}.*"),
                *chapter.glob(f"{rst.stem}_codeobj*"),
                *(chapter / "images").glob(f"sphx_glr_{rst.stem}_*"),
                *(chapter / "images" / "thumb").glob(f"sphx_glr_{rst.stem}_*"),
            ]:
                leftover.unlink()
                removed.append(leftover)
    return removed


def build_wheel() -> Path:
    """Build the ``pytorch_basics`` wheel that the pages offer for download.

    It is rebuilt only when a file of the package changed, and built without network
    access (no build isolation: setuptools comes with the docs dependencies).
    """
    out = BUILD / "wheel"
    sources = [p for p in (ROOT / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    sources.append(ROOT / "pyproject.toml")
    wheels = list(out.glob("pytorch_basics-*.whl"))
    newest_source = max(p.stat().st_mtime for p in sources)
    if wheels and all(w.stat().st_mtime > newest_source for w in wheels):
        return wheels[0]
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    for leftover in [BUILD / "lib", *BUILD.glob("bdist.*")]:  # setuptools' scratch folders
        shutil.rmtree(leftover, ignore_errors=True)
    return next(out.glob("pytorch_basics-*.whl"))


def sphinx_command(lang: str, page: str | None, builder: str = "html") -> list[str]:
    out = BUILD / lang / ("html" if builder == "html" else builder)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-b",
        builder,
        "-d",
        str(BUILD / lang / "doctrees"),
        str(DOCS / lang),
        str(out),
    ]
    if page:
        command += ["-D", f"sphinx_gallery_conf.filename_pattern={page}"]
    return command


def build_environment(concurrent: int) -> dict[str, str]:
    """The environment of one language's Sphinx process.

    The languages build at the same time; each example's torch would otherwise start
    one thread per core in each build, and on a 2-core machine the builds' threads then
    fight over the cores (a ResNet step measured 31.6 s instead of 8.6 s). The cores are
    shared out instead, unless the caller has already chosen (``OMP_NUM_THREADS``).
    """
    env = dict(os.environ)
    if "OMP_NUM_THREADS" not in env:
        env["OMP_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // max(1, concurrent)))
    return env


def run_language(
    lang: str, page: str | None, result: LanguageBuild, lock: threading.Lock, concurrent: int = 1
) -> None:
    start = time.time()
    log_path = BUILD / lang / "build.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(
            sphinx_command(lang, page),
            cwd=ROOT,
            env=build_environment(concurrent),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        ) as process,
    ):
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            with lock:
                print(f"[{lang}] {line}", end="", flush=True)
            if match := _EXECUTED_NB.search(line):
                result.notebooks_executed.append(float(match.group(1)))
            if match := _GALLERY_RAN.search(line):
                result.examples_executed += int(match.group(1))
    result.returncode = process.returncode
    result.seconds = time.time() - start
    result.example_seconds = example_times(lang, since=start)


def assemble(languages: tuple[str, ...]) -> Path:
    """Copy each language's HTML into ``build/site/<lang>`` and add the root page."""
    site = BUILD / "site"
    site.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        target = site / lang
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(
            BUILD / lang / "html", target, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees")
        )
        # Pygments' name and whitespace spans lose their class, then unused CSS
        # rules and custom properties dropped, scripts minified
        page_assets.slim_html(target)
        page_assets.slim_static(target)
        # what no page, stylesheet or script names is not shipped (source maps, badges)
        page_assets.drop_unreferenced(target)
    shutil.copy2(DOCS / "root" / "index.html", site / "index.html")
    # GitHub Pages serves the root 404.html for any missing address: absolute links
    base = os.environ.get("SITE_BASE_URL", "").strip() or "http://localhost:8000/"
    base = base if base.endswith("/") else base + "/"
    not_found = (DOCS / "root" / "404.html").read_text(encoding="utf-8")
    (site / "404.html").write_text(
        not_found.replace("{base_path}", urlsplit(base).path), encoding="utf-8"
    )
    sitemaps = "".join(
        f"  <sitemap><loc>{base}{lang}/sitemap.xml</loc></sitemap>\n" for lang in languages
    )
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{sitemaps}</sitemapindex>\n",
        encoding="utf-8",
    )
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8"
    )
    (site / ".nojekyll").write_text("", encoding="utf-8")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("lang", nargs="?", choices=(*LANGUAGES, "all"), default="all")
    parser.add_argument("page", nargs="?", help="regex: execute only matching gallery examples")
    parser.add_argument("--clean", action="store_true", help="remove caches and outputs first")
    args = parser.parse_args(argv)

    languages = LANGUAGES if args.lang == "all" else (args.lang,)
    if args.clean:
        for lang in languages:
            clean(lang)
        shutil.rmtree(BUILD / "site", ignore_errors=True)

    for lang in languages:
        for path in prune_stale(lang):
            print(f"removed stale output {path.relative_to(ROOT)}")

    start = time.time()
    print(f"package wheel: {build_wheel().relative_to(ROOT)}")
    lock = threading.Lock()
    results = {lang: LanguageBuild(lang) for lang in languages}
    threads = [
        threading.Thread(
            target=run_language, args=(lang, args.page, results[lang], lock, len(languages))
        )
        for lang in languages
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.time() - start

    failed = [lang for lang, r in results.items() if r.returncode != 0]
    print("\n=== build summary ===")
    for lang, r in results.items():
        executed = sum(r.example_seconds.values())
        print(
            f"{lang}: {r.seconds:6.1f} s, gallery examples executed: {r.examples_executed} "
            f"({executed:.1f} s), notebooks executed: {len(r.notebooks_executed)} "
            f"({sum(r.notebooks_executed):.1f} s), exit code {r.returncode}"
        )
    all_examples = sum(sum(example_times(lang).values()) for lang in languages)
    print(f"wall time {wall:.1f} s; summed run time of all gallery examples: {all_examples:.1f} s")
    if failed:
        print(f"FAILED: {', '.join(failed)} (logs in build/<lang>/build.log)")
        return 1
    site = assemble(tuple(lang for lang in LANGUAGES if (BUILD / lang / "html").exists()))
    print(f"site: {site.relative_to(ROOT)}/  (preview: python -m http.server -d build/site)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
