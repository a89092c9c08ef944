"""Sphinx extension: a Korean search language.

Sphinx ships no Korean search support, so a Korean site falls back to English
splitting, and "텐서" does not find a page that only says "텐서를". This module
adds one with ``app.add_search_language``:

* splitting separates Hangul runs from Latin/digit runs (``PyTorch의`` indexes
  ``PyTorch`` and ``의``), after NFC normalisation;
* Hangul words lose one trailing particle, copula or 하다/되다 ending (longest
  first, never below one syllable); nouns in :data:`PROTECTED` keep their ending;
* other words are stemmed as English (Snowball), like the English site;
* spacing is forgiven. Korean writers space compound terms both ways (자동 미분,
  자동미분), and readers type them both ways. The search box (:func:`query_words`)
  cuts a joined query word the index does not know into parts it knows
  (경사하강법 -> 경사 + 하강법, found on the pages holding both), and joins a spaced
  pair of query words that the index knows joined (미니 배치 -> 미니배치). For the
  second to find the pages that write the pair spaced too, a page that writes a pair
  spaced also indexes it joined when the site writes it joined somewhere
  (:data:`KNOWN_COMPOUNDS`, :func:`known_compounds`); other pairs are not indexed
  joined, which keeps the index small.

The word lists are data (``korean_search_words.toml``); the query-time script
(``korean_search.js``) is shipped with the same lists (:func:`javascript`), so the
index and the search box cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import snowballstemmer
import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

HERE = Path(__file__).parent
_WORDS = tomllib.loads((HERE / "korean_search_words.toml").read_text(encoding="utf-8"))
PARTICLES: list[str] = _WORDS["particles"]
ENDINGS: list[str] = _WORDS["endings"]
PROTECTED = frozenset(_WORDS["protected"])

SUFFIXES = tuple(sorted(set(PARTICLES) | set(ENDINGS), key=lambda s: (-len(s), s)))

HANGUL = "\uac00-\ud7a3"
_WORD_RE = re.compile(rf"[{HANGUL}]+|[^\W{HANGUL}]+")
HANGUL_WORD_RE = re.compile(rf"^[{HANGUL}]+$")
_english = snowballstemmer.stemmer("english")


def split(text: str) -> list[str]:
    """Split ``text`` into Hangul runs and Latin/digit runs (NFC-normalised).

    >>> split("PyTorch의 텐서(tensor)를 float32로")
    ['PyTorch', '의', '텐서', 'tensor', '를', 'float32', '로']
    """
    return _WORD_RE.findall(unicodedata.normalize("NFC", text))


def stem_korean(word: str) -> str:
    """Strip one trailing particle or ending from a Hangul word.

    A strip that leaves a protected noun wins (결과도 -> 결과, not 결 + 과도);
    otherwise the longest matching suffix is stripped.

    >>> [stem_korean(w) for w in ["텐서를", "텐서의", "길이", "계산합니다", "결과도", "텐서"]]
    ['텐서', '텐서', '길이', '계산', '결과', '텐서']
    """
    word = unicodedata.normalize("NFC", word)
    if word in PROTECTED:
        return word
    candidates = [word[: -len(s)] for s in SUFFIXES if word.endswith(s) and len(word) > len(s)]
    for candidate in candidates:
        if candidate in PROTECTED:
            return candidate
    return candidates[0] if candidates else word


def stem(word: str) -> str:
    """Stem a word as the search index does: Korean rules for Hangul, else English."""
    word = unicodedata.normalize("NFC", word)
    if HANGUL_WORD_RE.match(word):
        return stem_korean(word)
    return _english.stemWord(word.lower())


def compounds(text: str) -> list[str]:
    """Each pair of Hangul words separated only by spaces, joined, for the index.

    The first word must be a bare word of two syllables or more (no particle: 텐서를
    그린다 is no compound, and a one-syllable word such as 이 or 두 is a determiner
    far more often than a noun), and not the particle of code before it (x에서).

    >>> compounds("자동 미분을 쓰는 경사 하강법, 텐서를 더하는 두 텐서")
    ['자동미분을', '경사하강법']
    """
    text = unicodedata.normalize("NFC", text)
    tokens = list(_WORD_RE.finditer(text))
    joined = []
    for before, first, second in zip([None, *tokens], tokens, tokens[1:], strict=False):
        a, b = first.group(), second.group()
        if (
            # a Hangul run right after code or a number (x에서, 3개짜리) is its particle
            (
                before is None
                or before.end() < first.start()
                or bool(HANGUL_WORD_RE.match(before.group()))
            )
            and HANGUL_WORD_RE.match(a)
            and HANGUL_WORD_RE.match(b)
            and text[first.end() : second.start()].isspace()
            and len(a) >= 2
            and stem_korean(a) == a
        ):
            joined.append(a + b)
    return joined


def split_compound(word: str, known: Callable[[str], bool]) -> list[str] | None:
    """``word`` cut into parts the index knows, each of two syllables or more.

    The longest known first part is tried first; ``None`` when no cut works.

    >>> split_compound("경사하강법", {"경사", "하강법", "하강"}.__contains__)
    ['경사', '하강법']
    """
    for cut in range(len(word) - 2, 1, -1):
        head, tail = word[:cut], word[cut:]
        if not known(head):
            continue
        rest = [tail] if known(stem(tail)) else split_compound(tail, known)
        if rest:
            return [head, *rest]
    return None


def query_words(query: str, known: Callable[[str], bool]) -> list[str]:
    """The words the search box looks up for ``query``, given the index's terms.

    Two Hangul words separated only by spaces are looked up joined when the index
    knows them joined; a Hangul word the index does not know is cut into parts it
    knows. Everything else is :func:`split` unchanged. ``korean_search.js`` does
    the same in the browser.

    >>> terms = {"자동미분", "자동", "미분", "경사", "하강법"}.__contains__
    >>> query_words("자동 미분", terms), query_words("경사하강법을 PyTorch", terms)
    (['자동미분'], ['경사', '하강법을', 'PyTorch'])
    """
    query = unicodedata.normalize("NFC", query)
    tokens = list(_WORD_RE.finditer(query))
    words: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        if HANGUL_WORD_RE.match(word):
            if i + 1 < len(tokens):
                following = tokens[i + 1]
                joined = word + following.group()
                if (
                    HANGUL_WORD_RE.match(following.group())
                    and query[tokens[i].end() : following.start()].isspace()
                    and known(stem(joined))
                ):
                    words.append(joined)
                    i += 2
                    continue
            if not known(stem(word)):
                # the word as typed first (its last part keeps its particle, stemmed on
                # lookup), then its stem (when the stem, not the word, splits)
                parts = split_compound(word, known) or split_compound(stem(word), known)
                if parts:
                    words += parts
                    i += 1
                    continue
        words.append(word)
        i += 1
    return words


#: The compounds (stems) the Korean sources write both joined and spaced: only these
#: are indexed joined where a page spaces them. Set when the Korean build starts.
KNOWN_COMPOUNDS: frozenset[str] = frozenset()


def known_compounds(texts: Iterable[str]) -> frozenset[str]:
    """The compounds ``texts`` write both joined and spaced, as stems.

    >>> sorted(known_compounds(["미니배치로 나눕니다", "미니 배치를 만들고 자동 미분을 씁니다"]))
    ['미니배치']
    """
    joined: set[str] = set()
    spaced: set[str] = set()
    for text in texts:
        joined.update(stem(w) for w in split(text) if HANGUL_WORD_RE.match(w))
        spaced.update(stem(c) for c in compounds(text))
    return frozenset(joined & spaced)


def source_texts(app: Sphinx) -> Iterator[str]:
    """The Korean text the build reads: pages, chapter scripts, glossary, interface text."""
    srcdir = Path(app.srcdir)
    yield from (p.read_text(encoding="utf-8") for p in sorted(srcdir.rglob("*.md"))
                if "auto_examples" not in p.relative_to(srcdir).parts)  # fmt: skip
    gallery = app.config.sphinx_gallery_conf.get("examples_dirs", []) if hasattr(
        app.config, "sphinx_gallery_conf") else []  # fmt: skip
    for folder in [gallery] if isinstance(gallery, str) else gallery:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in {".py", ".rst"}:
                # a comment line's "# " would sit between two words of a wrapped line
                text = path.read_text(encoding="utf-8")
                yield re.sub(r"^[ \t]*# ?", "", text, flags=re.M)
    for folder in app.config.locale_dirs:
        yield from (p.read_text(encoding="utf-8") for p in Path(srcdir, folder).rglob("*.po"))
    glossary = srcdir.parent.parent / "tools" / "glossary.toml"
    if glossary.exists():
        yield glossary.read_text(encoding="utf-8")


def _learn_compounds(app: Sphinx) -> None:
    global KNOWN_COMPOUNDS
    if app.config.language == "ko":
        KNOWN_COMPOUNDS = known_compounds(source_texts(app))


def index_words(text: str, known: frozenset[str]) -> list[str]:
    """The words the index holds for ``text``: its words, and its spaced pairs that are
    ``known`` compounds, joined (:func:`known_compounds`)."""
    return split(text) + [c for c in compounds(text) if stem(c) in known]


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    stopwords = ENGLISH_STOPWORDS

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        return index_words(input, KNOWN_COMPOUNDS)

    def stem(self, word: str) -> str:
        return stem(word)

    def word_filter(self, word: str) -> bool:
        return not word.isdigit() and word not in self.stopwords


def _sphinx_js(name: str) -> str:
    base = Path(sphinx.__file__).parent / "search" / "minified-js"
    return (base / name).read_text(encoding="utf-8")


def javascript() -> str:
    """The query-time stemmer and splitter: ``korean_search.js`` with the word lists."""
    data = json.dumps(
        {"suffixes": list(SUFFIXES), "protected": sorted(PROTECTED)}, ensure_ascii=False
    )
    return "\n".join(
        [
            _sphinx_js("base-stemmer.js"),
            _sphinx_js("english-stemmer.js"),
            f"const KOREAN_SEARCH = {data};",
            (HERE / "korean_search.js").read_text(encoding="utf-8"),
        ]
    )


SearchKorean.js_stemmer_code = javascript()


#: Changes whenever a word list or a rule (this module) changes; see
#: :func:`_reindex_when_rules_change`.
RULES_DIGEST = hashlib.sha256(
    json.dumps([PARTICLES, ENDINGS, sorted(PROTECTED)], ensure_ascii=False).encode()
    + Path(__file__).read_bytes()
).hexdigest()[:16]


def _reindex_when_rules_change(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read every page when the word lists or the known compounds changed.

    Sphinx keeps the index entries of unchanged pages from the previous build, so
    without this an edited list would only apply to the pages edited with it.
    """
    rules = f"{RULES_DIGEST} {sorted(KNOWN_COMPOUNDS)}"
    if app.config.language != "ko" or getattr(env, "korean_search_rules", None) == rules:
        return []
    env.korean_search_rules = rules
    return sorted(env.found_docs - added - removed)


def join_text_runs(doctree: nodes.Node) -> None:
    """Merge neighbouring text nodes, so that :func:`compounds` sees whole lines.

    MyST makes each line of a paragraph its own text node (a soft line break is a
    node of its own), so 자동 at the end of one line and 미분 at the start of the next
    would never be joined. The page looks the same either way.
    """
    for element in list(doctree.findall(nodes.Element)):
        i = 0
        while i < len(element.children) - 1:
            first, second = element.children[i], element.children[i + 1]
            if type(first) is nodes.Text and type(second) is nodes.Text:
                element.children[i] = nodes.Text(first.astext() + second.astext())
                element.children[i].parent = element
                del element.children[i + 1]
            else:
                i += 1


def _join_before_indexing(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.config.language == "ko":
        join_text_runs(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchKorean)
    app.connect("builder-inited", _learn_compounds)
    # the search index is fed from the resolved page, after this event
    app.connect("doctree-resolved", _join_before_indexing)
    app.connect("env-get-outdated", _reindex_when_rules_change)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
