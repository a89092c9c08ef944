"""Translation status: pages per language, and translations that have fallen behind.

    python tools/translation_status.py                 # list; exit 0 even when some are behind
    python tools/translation_status.py --sync          # record every pair as matching now
    python tools/translation_status.py --sync gallery/autograd/plot_01_basics.py

A pair is behind when one side's prose changed since the pair was last recorded as
matching (``docs/translations.lock.json``) and the other side's did not; the build
then shows a notice on the other side. Record a pair with ``--sync`` (``nox -s
translation-sync``) after checking that both sides say the same thing; a pair whose
code differs between its sides (the parity check) is refused. Code changes are not
listed here: the parity test fails on those.
"""

from __future__ import annotations

import argparse
import sys

from sitekit.pairs import TREES, pages
from sitekit.settings import LANGUAGES, ROOT
from sitekit.translations import lock_path, states, sync


def report() -> int:
    for tree in TREES:
        found = {lang: pages(tree, lang) for lang in LANGUAGES}
        print(f"{tree}/: " + ", ".join(f"{len(found[lang])} {lang}" for lang in LANGUAGES))
        for lang in LANGUAGES:
            for rel in sorted(found[lang] - set.intersection(*found.values())):
                print(f"  only in {lang}: {tree}/{lang}/{rel}")
    every = states()
    behind = [s for s in every if s.stale]
    both = [s for s in every if s.recorded and len(s.changed) == len(LANGUAGES)]
    unrecorded = [s for s in every if not s.recorded]
    for state in behind:
        changed = state.changed[0]
        for lang in state.stale:
            print(f"behind: {state.paths[lang]} ({state.paths[changed]} changed its prose since "
                  "the pair last matched)")  # fmt: skip
    for state in both:
        print(f"both sides changed since the pair last matched: {state.key} (check, then --sync)")
    for state in unrecorded:
        print(f"never recorded as matching: {state.key} (check, then --sync)")
    if not (behind or both or unrecorded):
        print(f"every pair matches its record in {lock_path().relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sync", action="store_true", help="record pairs as matching now")
    parser.add_argument("pairs", nargs="*", help="pairs to record (default: all), as listed")
    args = parser.parse_args(argv)
    if not args.sync:
        if args.pairs:
            parser.error("naming pairs needs --sync")
        return report()
    refused = sync(args.pairs or None)
    for key, problems in refused.items():
        print(f"refused: {key}: its two sides' code differs:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    print(f"recorded in {lock_path().relative_to(ROOT)}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
