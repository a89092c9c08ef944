"""Sphinx extension: a Korean search language.

Sphinx ships no Korean search support, so a Korean site falls back to English
splitting, and "텐서" does not find a page that only says "텐서를". This module
adds one with ``app.add_search_language``:

* splitting separates Hangul runs from Latin/digit runs (``PyTorch의`` indexes
  ``PyTorch`` and ``의``), after NFC normalisation;
* Hangul words lose one trailing particle, copula or 하다/되다 ending (longest
  first, never below one syllable); nouns in :data:`PROTECTED` keep their ending;
* other words are stemmed as English (Snowball), like the English site.

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
from pathlib import Path
from typing import Any

import snowballstemmer
import sphinx
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


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    stopwords = ENGLISH_STOPWORDS

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        return split(input)

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


#: Changes whenever a word list changes; see :func:`_reindex_when_rules_change`.
RULES_DIGEST = hashlib.sha256(
    json.dumps([PARTICLES, ENDINGS, sorted(PROTECTED)], ensure_ascii=False).encode()
).hexdigest()[:16]


def _reindex_when_rules_change(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read every page when the word lists changed since the last Korean build.

    Sphinx keeps the index entries of unchanged pages from the previous build, so
    without this an edited list would only apply to the pages edited with it.
    """
    if app.config.language != "ko" or getattr(env, "korean_search_rules", None) == RULES_DIGEST:
        return []
    env.korean_search_rules = RULES_DIGEST
    return sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchKorean)
    app.connect("env-get-outdated", _reindex_when_rules_change)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
