"""Sphinx extension: a Korean search language.

Sphinx ships no Korean search support, so a Korean site falls back to English
splitting, and "텐서" does not find a page that only says "텐서를". This module
adds one with ``app.add_search_language``:

* splitting separates Hangul runs from Latin/digit runs (``PyTorch의`` indexes
  ``PyTorch`` and ``의``), after NFC normalisation;
* Hangul words lose one trailing particle, copula or 하다/되다 ending (longest
  first, never below one syllable); nouns in :data:`PROTECTED` keep their ending;
* other words are stemmed as English (Snowball), like the English site.

The query-time JavaScript is generated from the same word lists
(:func:`javascript`), so the index and the search box cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import snowballstemmer
import sphinx
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

# Particles (조사), longest matches are tried first.
PARTICLES = [
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "만",
    "로",
    "으로",
    "에서",
    "에게",
    "께",
    "한테",
    "부터",
    "까지",
    "처럼",
    "보다",
    "마다",
    "이나",
    "나",
    "이란",
    "란",
    "이며",
    "며",
    "이랑",
    "랑",
    "에는",
    "에서는",
    "으로는",
    "로는",
    "에도",
    "에서도",
    "으로도",
    "로도",
    "와는",
    "과는",
    "와도",
    "과도",
    "에게는",
    "에게도",
    "만을",
    "만의",
    "만이",
    "만으로",
    "까지의",
    "까지도",
    "부터는",
    "부터의",
    "보다는",
    "처럼은",
    "에서의",
    "으로의",
    "로의",
    "에의",
    "과의",
    "와의",
    "이라는",
    "라는",
    "이라고",
    "라고",
    "이라면",
    "라면",
    "만큼",
    "조차",
    "밖에",
    "뿐",
    "들",
    "들이",
    "들을",
    "들은",
    "들의",
    "들과",
    "들도",
    "들에",
    "들로",
    "들에서",
    "들만",
    "들이나",
    "대로",
    "에만",
    "에서만",
    "에서나",
    "으로나",
    "로나",
]

# Copulas (이다) and the endings of 하다/되다/시키다 verbs built on nouns.
ENDINGS = [
    "이다",
    "입니다",
    "입니까",
    "이고",
    "이면",
    "이므로",
    "이지만",
    "인",
    "일",
    "이라",
    "이어서",
    "이었다",
    "이었습니다",
    "였다",
    "였습니다",
    "이에요",
    "예요",
    "이죠",
    "이지",
    "이며",
    "임",
    "였던",
    "이던",
    "하다",
    "합니다",
    "합니까",
    "하고",
    "하면",
    "하는",
    "한",
    "할",
    "함",
    "해",
    "해서",
    "해야",
    "하여",
    "했다",
    "했습니다",
    "했던",
    "하기",
    "하기에",
    "하지",
    "하지만",
    "하며",
    "하므로",
    "하려면",
    "하려고",
    "하도록",
    "하는데",
    "하니",
    "합시다",
    "하세요",
    "해요",
    "했고",
    "해도",
    "할까요",
    "하게",
    "하기도",
    "해집니다",
    "해지는",
    "해진",
    "해져",
    "되다",
    "됩니다",
    "됩니까",
    "되는",
    "된",
    "될",
    "됨",
    "되어",
    "돼",
    "되고",
    "되면",
    "됐다",
    "되었다",
    "되었습니다",
    "되어서",
    "되지",
    "되지만",
    "되며",
    "되므로",
    "되도록",
    "되기",
    "되던",
    "되었던",
    "시키다",
    "시킵니다",
    "시키는",
    "시킨",
    "시켜",
    "시키고",
    "시키면",
]

# Nouns whose last syllable looks like a particle or ending: kept whole.
PROTECTED = frozenset(
    [
        "길이",
        "추가",
        "차이",
        "높이",
        "너비",
        "깊이",
        "넓이",
        "나이",
        "사이",
        "아이",
        "거리",
        "자리",
        "머리",
        "소리",
        "평가",
        "전문가",
        "대가",
        "증가",
        "감소",
        "결과",
        "효과",
        "과정",
        "경로",
        "회로",
        "도로",
        "속도",
        "정도",
        "온도",
        "각도",
        "밀도",
        "정확도",
        "유사도",
        "강도",
        "시도",
        "제도",
        "확인",
        "원인",
        "요인",
        "정의",
        "주의",
        "의의",
        "회의",
        "파일",
        "동일",
        "이일",
        "한도",
        "학과",
        "과",
        "일",
        "인",
        "한",
        "할",
        "것이",
        "가이드",
        "코드",
        "노드",
        "모드",
        "이미지",
        "메모리",
        "라이브러리",
        "카테고리",
        "리스트",
        "그래디언트",
        "엣지",
        "레이어",
        "배치",
        "에포크",
        "레이블",
        "가중치",
        "기울기",
        "미분",
        "편향",
        "모델",
        "함수",
        "장치",
        "텐서",
        "스칼라",
        "벡터",
        "행렬",
        "요소",
        "형태",
        "차원",
        "연산",
        "자동",
        "데이터",
        "데이터셋",
        "로더",
        "손실",
        "옵티마이저",
        "파라미터",
        "예제",
        "튜토리얼",
        "그래프",
        "야코비안",
        "모멘텀",
        "학습률",
        "역전파",
        "순전파",
        "경사",
        "하강법",
        "복원",
        "가설",
        "수렴",
        "초기화",
        "쓰레기값",
        "공유",
        "누적",
        "매개변수",
        "인덱스",
        "마스크",
        "예측값",
        "정답",
        "다음",
        "이전",
        "처음",
        "마지막",
        "하나",
        "둘",
        "셋",
        "넷",
        "다섯",
        "여기",
        "거기",
        "저기",
        "누가",
        "무엇",
        "누구",
        "우리",
        # reviewed from `tools/search_recall.py` and the site's nouns (kiwipiepy)
        # that the rules above used to cut short
        "페이지",
        "스테이지",
        "역할",
        "분할",
        "지도",
        "유도",
        "의도",
        "정밀도",
        "상한",
        "하한",
        "제한",
        "무한",
        "권한",
        "포함",
        "하나하나",
        "펭귄브로",
        "서로",
        "풀이",
        "되풀이",
        "부가",
        "통과",
        "프레임",
        "런타임",
        "스타일",
        "모바일",
        "파랑",
        "이해",
        "오해",
        "사인",
        "개인",
        "특이",
    ]
)

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
    """The query-time stemmer and splitter, generated from the lists above."""
    data = json.dumps(
        {"suffixes": list(SUFFIXES), "protected": sorted(PROTECTED)}, ensure_ascii=False
    )
    return "\n".join(
        [
            _sphinx_js("base-stemmer.js"),
            _sphinx_js("english-stemmer.js"),
            f"const KOREAN_SEARCH = {data};",
            _JS_TEMPLATE,
        ]
    )


_JS_TEMPLATE = r"""
const KOREAN_PROTECTED = new Set(KOREAN_SEARCH.protected);
const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;
function stemKorean(word) {
  word = word.normalize("NFC");
  if (KOREAN_PROTECTED.has(word)) return word;
  const candidates = KOREAN_SEARCH.suffixes
    .filter((s) => word.endsWith(s) && word.length > s.length)
    .map((s) => word.slice(0, word.length - s.length));
  for (const candidate of candidates) {
    if (KOREAN_PROTECTED.has(candidate)) return candidate;
  }
  return candidates.length ? candidates[0] : word;
}
var Stemmer = function () {
  const english = new EnglishStemmer();
  this.stemWord = function (word) {
    word = word.normalize("NFC");
    if (HANGUL_WORD.test(word)) return stemKorean(word);
    return english.stemWord(word.toLowerCase());
  };
};
window.Stemmer = Stemmer;
var splitQuery = (query) =>
  query.normalize("NFC").match(/[\uac00-\ud7a3]+|(?:(?![\uac00-\ud7a3])[\p{L}\p{N}\p{M}_])+/gu) || [];
"""

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
