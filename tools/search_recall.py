"""Measure the recall of the Korean search: particles and spacing.

Particles: for every Hangul word on the built Korean site that the morphological
analyser kiwipiepy splits into a noun followed by particles, search the bare noun the
way the search box does (split, stem, look up in ``searchindex.js``) and check that
the page containing the inflected word is found.

Spacing: for every two-noun term the site writes (``자동 미분``, ``손실 함수``: a noun,
a space, a noun with or without particles) on at least two pages, spaced or joined,
search it both ways (``자동 미분`` and ``자동미분``) and check that every page writing it
either way is found.

Prints both recalls and the misses.

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


def page_texts(site: Path) -> dict[str, str]:
    """The article text of every page of the built site, by docname."""
    texts = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0].startswith("_") or rel.name in {"search.html", "genindex.html", "404.html"}:
            continue
        parser = _ArticleText()
        parser.feed(page.read_text(encoding="utf-8"))
        texts[str(rel.with_suffix(""))] = " ".join(parser.parts)
    return texts


def load_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def search(index: dict, query: str) -> set[str]:
    """Documents containing every term of ``query``, as the search page finds them."""
    found: set[str] | None = None

    def known(term: str) -> bool:
        return term in index["terms"] or term in index["titleterms"]

    for word in ks.query_words(query, known):
        stem = ks.stem(word)
        docs: set[int] = set()
        for table in (index["terms"], index["titleterms"]):
            hit = table.get(stem, [])
            docs.update([hit] if isinstance(hit, int) else hit)
        names = {index["docnames"][d] for d in docs}
        found = names if found is None else found & names
    return found or set()


NOUN = {"NNG", "NNP"}


def _noun_of(kiwi: object, word: str, cache: dict[str, str | None]) -> str | None:
    """The noun ``word`` is (with or without particles after it), else None."""
    if word not in cache:
        tokens = kiwi.tokenize(word)  # type: ignore[attr-defined]
        cache[word] = (
            tokens[0].form
            if tokens
            and tokens[0].tag in NOUN
            and all(t.tag.startswith("J") for t in tokens[1:])
            and "".join(t.form for t in tokens) == word
            else None
        )
    return cache[word]


def _hangul_words(text: str) -> set[str]:
    return {w for w in ks.split(text) if ks.HANGUL_WORD_RE.match(w)}


def noun_particle_pairs(texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(docname, inflected word, bare noun) for every noun+particle word on the site."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    cache: dict[str, str | None] = {}
    pairs = []
    for docname, text in texts.items():
        for word in sorted(_hangul_words(text)):
            noun = _noun_of(kiwi, word, cache)
            if noun and noun != word:
                pairs.append((docname, word, noun))
    return pairs


def compound_terms(texts: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """Two-noun terms (first noun, second noun) and the pages writing them, spaced or joined.

    Only terms written on at least two pages are kept.
    """
    import re

    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    cache: dict[str, str | None] = {}
    spaced = re.compile(r"(?=(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,})\s+([\uac00-\ud7a3]+))")
    pages: dict[tuple[str, str], set[str]] = {}
    for docname, text in texts.items():
        for first, second in spaced.findall(text):
            a = _noun_of(kiwi, first, cache)
            b = _noun_of(kiwi, second, cache)
            if a == first and b and len(b) >= 2:
                pages.setdefault((a, b), set()).add(docname)
    for docname, text in texts.items():  # terms the site writes joined only (미니배치)
        for word in _hangul_words(text):
            tokens = kiwi.tokenize(word)
            if (
                len(tokens) >= 2
                and tokens[0].tag in NOUN
                and tokens[1].tag in NOUN
                and min(len(tokens[0].form), len(tokens[1].form)) >= 2
                and all(t.tag.startswith("J") for t in tokens[2:])
                and "".join(t.form for t in tokens) == word
            ):
                pages.setdefault((tokens[0].form, tokens[1].form), set()).add(docname)
    joined = {a + b: (a, b) for a, b in pages}
    for docname, text in texts.items():  # a term written joined, with or without particles
        for word in _hangul_words(text):
            for compound in {word, ks.stem(word), _noun_of(kiwi, word, cache)} & joined.keys():
                pages[joined[compound]].add(docname)
    return {term: docs for term, docs in pages.items() if len(docs) >= 2}


def spacing_recall(index: dict, terms: dict[tuple[str, str], set[str]]) -> dict[str, list]:
    """For each way of typing (spaced, joined): the (term, missed pages) of every term."""
    ways = {"spaced": lambda a, b: f"{a} {b}", "joined": lambda a, b: a + b}
    return {
        way: [((a, b), docs - search(index, typed(a, b))) for (a, b), docs in terms.items()]
        for way, typed in ways.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "build" / "site" / "ko"))
    parser.add_argument("--min", type=float, default=0.95, help="fail below this recall")
    args = parser.parse_args()
    site = Path(args.site)
    index = load_index(site)
    texts = page_texts(site)
    pairs = noun_particle_pairs(texts)
    misses = [(doc, word, noun) for doc, word, noun in pairs if doc not in search(index, noun)]
    recall = 1 - len(misses) / len(pairs) if pairs else 0.0
    print(f"noun+particle words on the Korean site: {len(pairs)}")
    print(
        f"particles: found by searching the bare noun: {len(pairs) - len(misses)} -> recall {recall:.1%}"
    )
    for (noun, word), count in Counter((n, w) for _, w, n in misses).most_common(30):
        print(f"  miss: {noun!r} does not find {word!r} ({count} page(s))")
    terms = compound_terms(texts)
    expected = sum(len(docs) for docs in terms.values())
    print(
        f"two-noun terms written on at least two pages: {len(terms)} ({expected} term-page pairs)"
    )
    recalls = [recall]
    for way, results in spacing_recall(index, terms).items():
        missed = sum(len(m) for _, m in results)
        way_recall = 1 - missed / expected if expected else 0.0
        recalls.append(way_recall)
        print(
            f"spacing, typed {way}: {expected - missed} of {expected} found -> recall {way_recall:.1%}"
        )
        for (a, b), missing in sorted(results, key=lambda r: -len(r[1]))[:10]:
            if missing:
                print(f"  miss: {a} {b} ({way}) does not find {sorted(missing)[:3]}")
    return 0 if min(recalls) >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
