"""Translations that fall behind: each pair's prose, as it was when the pair last matched.

Both languages of a page are written together, but not always: one side's prose can
be edited and the other's not. ``docs/translations.lock.json`` records, for every
page pair, a fingerprint of each side's prose at the moment a person last checked
that the two say the same thing (``nox -s translation-sync``). When one side's prose
has changed since and the other's has not, the other side is *stale*: the build
shows a notice on it (``docs/_ext/translation_notice.py``) and
``nox -s translation-status`` lists it.

Prose is a page's text (a gallery script's docstring and text cells, a MyST page
outside its code cells, a chapter's header). Code is left out: the parity check
already keeps it identical across a pair.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sitekit.pairs import all_pairs
from sitekit.parity import cells_of, compare
from sitekit.settings import LANGUAGES, ROOT


def lock_path(root: Path = ROOT) -> Path:
    return root / "docs" / "translations.lock.json"


def prose(path: Path) -> str:
    """The prose of one page (its text, without code)."""
    if path.suffix == ".rst":
        return path.read_text(encoding="utf-8")
    return "\n\n".join(cell.source for cell in cells_of(path) if cell.kind == "text")


def fingerprint(path: Path) -> str:
    """A short digest of a page's prose; blank-line and trailing-space edits do not count."""
    lines = [line.rstrip() for line in prose(path).splitlines() if line.strip()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def pair_key(pair: dict[str, str]) -> str:
    """A pair's name in the lock: its path without the language (``gallery/autograd/plot_01.py``)."""
    tree, _, rest = pair[LANGUAGES[0]].split("/", 2)
    return f"{tree}/{rest}"


@dataclass(frozen=True)
class PairState:
    key: str
    paths: dict[str, str]  # language -> path from the root
    recorded: bool  # the lock has this pair
    changed: tuple[str, ...]  # languages whose prose differs from the lock

    @property
    def stale(self) -> tuple[str, ...]:
        """The languages whose page has fallen behind: all but the one that changed."""
        if not self.recorded or len(self.changed) != 1:
            return ()
        return tuple(lang for lang in LANGUAGES if lang not in self.changed)


def read_lock(root: Path = ROOT) -> dict[str, dict[str, str]]:
    path = lock_path(root)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def states(root: Path = ROOT) -> list[PairState]:
    """The state of every page pair against the lock."""
    lock = read_lock(root)
    result = []
    for pair in all_pairs(root):
        key = pair_key(pair)
        recorded = lock.get(key)
        changed = tuple(
            lang
            for lang in LANGUAGES
            if recorded is not None and recorded.get(lang) != fingerprint(root / pair[lang])
        )
        result.append(PairState(key, pair, recorded is not None, changed))
    return result


def stale_pages(lang: str, root: Path = ROOT) -> dict[str, str]:
    """The pages of ``lang`` that have fallen behind: path from the root -> language that changed."""
    return {state.paths[lang]: state.changed[0] for state in states(root) if lang in state.stale}


def sync(keys: list[str] | None = None, root: Path = ROOT) -> dict[str, list[str]]:
    """Record the pairs named by ``keys`` (all when ``None``) as matching, now.

    A pair whose code differs between its two sides (the parity check) is refused and
    left as it was. Returns the refused pairs with the parity check's findings.
    """
    lock = read_lock(root)
    pairs = {pair_key(pair): pair for pair in all_pairs(root)}
    unknown = sorted(set(keys or ()) - set(pairs))
    if unknown:
        raise ValueError(f"keys must name page pairs such as {next(iter(pairs))!r}, got {unknown}")
    refused: dict[str, list[str]] = {}
    for key in keys or sorted(pairs):
        pair = pairs[key]
        problems = compare(*(root / pair[lang] for lang in LANGUAGES))
        if problems:
            refused[key] = problems
            continue
        lock[key] = {lang: fingerprint(root / pair[lang]) for lang in LANGUAGES}
    lock = {key: lock[key] for key in sorted(lock) if key in pairs}
    lock_path(root).parent.mkdir(parents=True, exist_ok=True)
    lock_path(root).write_text(json.dumps(lock, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return refused
