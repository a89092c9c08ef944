"""Measure the recall of the Korean search: do bare nouns find pages that inflect them?

For every Hangul word on the built Korean site that the morphological analyser
kiwipiepy splits into a noun followed by particles, search the bare noun the way
the search box does (split, stem, look up in ``searchindex.js``) and check that the
page containing the inflected word is found. Prints the recall and the misses.

    python tools/search_recall.py [build/site/ko] [--min 0.95]

kiwipiepy is a development-only dependency (the ``search-recall`` nox session).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

import korean_search as ks  # noqa: E402


class _ArticleText(HTMLParser):
    """Text inside <article>, outside <script>/<style> (what the index is built from)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag in {"script", "style"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in {"script", "style"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def load_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def search(index: dict, query: str) -> set[str]:
    """Documents containing every term of ``query``, as the search page finds them."""
    found: set[str] | None = None
    for word in ks.split(query):
        stem = ks.stem(word)
        docs: set[int] = set()
        for table in (index["terms"], index["titleterms"]):
            hit = table.get(stem, [])
            docs.update([hit] if isinstance(hit, int) else hit)
        names = {index["docnames"][d] for d in docs}
        found = names if found is None else found & names
    return found or set()


def noun_particle_pairs(site: Path) -> list[tuple[str, str, str]]:
    """(docname, inflected word, bare noun) for every noun+particle word on the site."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    pairs = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0].startswith("_") or rel.name in {"search.html", "genindex.html", "404.html"}:
            continue
        parser = _ArticleText()
        parser.feed(page.read_text(encoding="utf-8"))
        words = {w for w in ks.split(" ".join(parser.parts)) if ks.HANGUL_WORD_RE.match(w)}
        for word in sorted(words):
            tokens = kiwi.tokenize(word)
            if (
                len(tokens) >= 2
                and tokens[0].tag in {"NNG", "NNP"}
                and all(t.tag.startswith("J") for t in tokens[1:])
                and "".join(t.form for t in tokens) == word
                and len(tokens[0].form) >= 1
            ):
                pairs.append((str(rel.with_suffix("")), word, tokens[0].form))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "build" / "site" / "ko"))
    parser.add_argument("--min", type=float, default=0.95, help="fail below this recall")
    args = parser.parse_args()
    site = Path(args.site)
    index = load_index(site)
    pairs = noun_particle_pairs(site)
    misses = [(doc, word, noun) for doc, word, noun in pairs if doc not in search(index, noun)]
    recall = 1 - len(misses) / len(pairs) if pairs else 0.0
    print(f"noun+particle words on the Korean site: {len(pairs)}")
    print(f"found by searching the bare noun: {len(pairs) - len(misses)} -> recall {recall:.1%}")
    for (noun, word), count in Counter((n, w) for _, w, n in misses).most_common(30):
        print(f"  miss: {noun!r} does not find {word!r} ({count} page(s))")
    return 0 if recall >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
