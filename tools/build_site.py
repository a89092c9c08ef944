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

A language is published only when its pages match its sources:

- its Sphinx build finished with exit code 0 in this run, or an earlier run's did
  and no source of that language has changed since, and it was built for the same
  base URL (``build/<lang>/complete.json`` records digests of the inputs of the last
  complete build);
- every gallery example's output is from the current version of its script (a
  filtered build such as ``en plot_01`` leaves other edited examples unrun: the
  language is built for preview but not published);
- a build that did not complete (it failed, crashed or was killed) makes the next
  build of that language re-read every page (``-E``): Sphinx records pages as
  current before it writes them, and would otherwise skip them, and their warnings.

``build/site/`` is written to a temporary folder and swapped in whole, so an
interrupted build never leaves a half-written site; a failed build swaps in a site
without the failed language. Only one build of a project runs at a time
(``build/.lock``), and a Sphinx process dies with the build that started it.
"""

from __future__ import annotations

import argparse
import fcntl
import shutil
import sys
import threading
import time

from sitekit.build import (
    LanguageBuild,
    build_wheel,
    clean,
    example_times,
    hold_lock,
    prune_stale,
    run_language,
)
from sitekit.publish import assemble
from sitekit.settings import BUILD, LANGUAGES, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("lang", nargs="?", choices=(*LANGUAGES, "all"), default="all")
    parser.add_argument("page", nargs="?", help="regex: execute only matching gallery examples")
    parser.add_argument("--clean", action="store_true", help="remove caches and outputs first")
    args = parser.parse_args(argv)

    languages = LANGUAGES if args.lang == "all" else (args.lang,)
    BUILD.mkdir(exist_ok=True)
    lock_file = (BUILD / ".lock").open("a")  # kept open (and locked) until the process ends
    try:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("another build of this project is running (build/.lock): wait for it to end")
        return 2
    hold_lock(lock_file.fileno())
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

    print("\n=== build summary ===")
    for lang, r in results.items():
        print(r.summary())
        if r.error:
            print(f"{lang}: the build itself failed: {r.error}")
    all_examples = sum(sum(example_times(lang).values()) for lang in languages)
    print(f"wall time {wall:.1f} s; summed run time of all gallery examples: {all_examples:.1f} s")
    failed = [lang for lang, r in results.items() if r.returncode != 0 or r.error]
    # a failed language is left out; what else may be published is (never older pages)
    site, left_out = assemble(results)
    for lang, reason in left_out.items():
        print(f"{lang}: not published in {site.relative_to(ROOT)}/, because {reason}")
    if left_out:
        print(
            f"{site.relative_to(ROOT)}/ is incomplete: links into {', '.join(left_out)} lead nowhere"
        )
    if failed:
        print(f"FAILED: {', '.join(failed)} (logs in build/<lang>/build.log)")
        return 1
    print(f"site: {site.relative_to(ROOT)}/  (preview: python -m http.server -d build/site)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
