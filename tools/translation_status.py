"""Translation status: pages per language and translations that may be stale.

    python tools/translation_status.py

A pair is flagged when one side's prose (text cells, headings, comments) changed in
commits made after the other side last changed: the other side may need the same
edit. Code changes are not flagged here (the parity test already fails on those).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from sitekit.pairs import TREES, pages
from sitekit.parity import cells_of
from sitekit.settings import LANGUAGES, ROOT


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def last_change(path: str) -> tuple[str, int] | None:
    line = git("log", "-1", "--format=%H %ct", "--", path)
    if not line:
        return None
    sha, stamp = line.split()
    return sha, int(stamp)


def prose(path: Path, text: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        if copy.suffix == ".rst":
            return [text]
        return [cell.source for cell in cells_of(copy) if cell.kind == "text"]


def changed_prose_since(path: str, sha: str) -> list[str]:
    """Commits after ``sha`` that changed the prose of ``path``."""
    old = git("show", f"{sha}:{path}")
    now = (ROOT / path).read_text(encoding="utf-8")
    if prose(Path(path), old) == prose(Path(path), now):
        return []
    return git("log", "--format=%h %s", f"{sha}..HEAD", "--", path).splitlines() or [
        "(uncommitted)"
    ]


def main() -> int:
    stale = []
    for tree in TREES:
        ko, en = pages(tree, "ko"), pages(tree, "en")
        print(f"{tree}/: {len(ko)} Korean, {len(en)} English pages")
        for only, lang in ((ko - en, "ko"), (en - ko, "en")):
            for rel in sorted(only):
                print(f"  only in {lang}: {tree}/{lang}/{rel}")
        for rel in sorted(ko & en):
            paths = {lang: f"{tree}/{lang}/{rel}" for lang in LANGUAGES}
            changes = {lang: last_change(p) for lang, p in paths.items()}
            if None in changes.values():
                continue
            newer, older = sorted(changes, key=lambda lang: changes[lang][1], reverse=True)
            if changes[newer][1] == changes[older][1]:
                continue
            commits = changed_prose_since(paths[newer], changes[older][0])
            if commits:
                stale.append((paths[older], paths[newer], commits))
    if not stale:
        print("no translation looks stale: every prose change reached both languages")
    for older, newer, commits in stale:
        print(f"\nmay be stale: {older}\n  {newer} changed its prose since, in:")
        for commit in commits:
            print(f"    {commit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
