"""The Korean search language: index-time Python and query-time JavaScript agree."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import snowballstemmer

ROOT = Path(__file__).resolve().parents[1]

import korean_search as ks  # noqa: E402

NOUNS = [
    "텐서",
    "기울기",
    "모델",
    "데이터",
    "그래프",
    "미분",
    "길이",
    "추가",
    "손실",
    "파이토치",
    "행렬",
]


@pytest.mark.parametrize(
    "particle", ["를", "을", "의", "에서", "으로", "이", "가", "는", "와", "에게는", "들의"]
)
def test_stem_strips_particles(particle: str) -> None:
    assert ks.stem("텐서" + particle) == "텐서"
    assert ks.stem("모델" + particle) == "모델"


@pytest.mark.parametrize(
    "word,stem",
    [("계산합니다", "계산"), ("변환된", "변환"), ("초기화되는", "초기화"), ("텐서입니다", "텐서")],
)
def test_stem_strips_copulas_and_verb_endings(word: str, stem: str) -> None:
    assert ks.stem(word) == stem


@pytest.mark.parametrize(
    "noun",
    ["길이", "추가", "결과", "속도", "정의", "파일", "페이지", "역할", "정밀도", "포함", "이해"],
)
def test_stem_keeps_protected_nouns_whole(noun: str) -> None:
    assert ks.stem(noun) == noun
    assert ks.stem(noun + "를") == noun or ks.stem(noun + "을") == noun


@pytest.mark.parametrize("noun", sorted(ks.PROTECTED))
def test_a_protected_noun_stems_alike_bare_and_inflected(noun: str) -> None:
    """Searching the bare noun finds the pages that use it with a particle."""
    final = (ord(noun[-1]) - 0xAC00) % 28  # the last syllable's final consonant, 0 if none
    particles = ["의", "에서", "에만", "대로", "을" if final else "를", "은" if final else "는"]
    assert {noun} == {ks.stem(noun + particle) for particle in particles} | {ks.stem(noun)}


def test_an_edited_word_list_reindexes_every_korean_page() -> None:
    class App:
        class config:  # noqa: N801 - stands in for Sphinx's config object
            language = "ko"

    class Env:
        found_docs = {"index", "tensors", "new"}

    env = Env()
    outdated = ks._reindex_when_rules_change(App(), env, {"new"}, set(), set())
    assert outdated == ["index", "tensors"]
    assert ks._reindex_when_rules_change(App(), env, set(), set(), set()) == []
    env.korean_search_rules = "rules of an older build"
    assert ks._reindex_when_rules_change(App(), env, set(), set(), set()) == [
        "index",
        "new",
        "tensors",
    ]
    App.config.language = "en"
    env.korean_search_rules = "rules of an older build"
    assert ks._reindex_when_rules_change(App(), env, set(), set(), set()) == []


def test_stem_never_goes_below_one_syllable() -> None:
    for suffix in ks.SUFFIXES:
        assert len(ks.stem(suffix)) >= 1
        assert ks.stem("텐" + suffix).startswith("텐")
    for syllable in ["를", "의", "가", "한"]:
        assert ks.stem(syllable) == syllable


def test_split_separates_hangul_from_latin_and_normalises() -> None:
    decomposed = unicodedata.normalize("NFD", "텐서를")
    assert ks.split(f"PyTorch의 {decomposed} float32로") == [
        "PyTorch",
        "의",
        "텐서를",
        "float32",
        "로",
    ]


def test_english_words_stem_as_english() -> None:
    english = snowballstemmer.stemmer("english")
    for word in ["tensors", "running", "gradients", "Reshaped"]:
        assert ks.stem(word) == english.stemWord(word.lower())


def _korean_words() -> list[str]:
    """Every Hangul word the Korean site writes, every noun with every suffix, the protected nouns."""
    sources = [*(ROOT / "gallery" / "ko").rglob("*.py"), *(ROOT / "docs" / "ko").rglob("*.md")]
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sources if "auto_examples" not in p.parts
    )
    from_site = {w for w in ks.split(text) if ks.HANGUL_WORD_RE.match(w)}
    assert len(from_site) > 3000, "the Korean sources were not found"
    combos = {noun + suffix for noun, suffix in itertools.product(NOUNS, ks.SUFFIXES)}
    return sorted(from_site | combos | set(ks.PROTECTED))


def _english_words() -> list[str]:
    return ["tensor", "tensors", "running", "gradients", "reshaped", "computational", "initialisation",
            "optimizer", "optimizers", "autograd", "backward", "generously", "flies", "dying", "agreed"]  # fmt: skip


def _run_js(words: list[str]) -> list[str]:
    node = shutil.which("node")
    assert node, "node is needed to check the query-time stemmer (it ships with this machine)"
    script = (
        "var window = globalThis;\n" + ks.javascript() + "\n"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "const stemmer = new Stemmer();\n"
        "process.stdout.write(JSON.stringify({stems: words.map(w => stemmer.stemWord(w)),"
        " split: splitQuery(words.join(' '))}));\n"
    )
    result = subprocess.run([node, "-e", script], input=json.dumps(words), capture_output=True,
                            text=True, encoding="utf-8", check=True)  # fmt: skip
    return json.loads(result.stdout)


def test_javascript_stemmer_matches_python_on_korean_words() -> None:
    words = _korean_words()
    assert len(words) > 1000
    js = _run_js(words)
    python = [ks.stem(w) for w in words]
    mismatches = [(w, p, j) for w, p, j in zip(words, python, js["stems"], strict=True) if p != j]
    assert not mismatches, mismatches[:20]


def test_javascript_stemmer_matches_python_on_english_words() -> None:
    words = _english_words()
    assert _run_js(words)["stems"] == [ks.stem(w) for w in words]


def test_javascript_splitter_matches_python() -> None:
    text = "PyTorch의 텐서(tensor)를 float32로 바꿉니다. x_grad와 3D 텐서"
    assert _run_js([text])["split"] == ks.split(text)


def _run_js_queries(queries: list[str], terms: list[str]) -> list[list[str]]:
    node = shutil.which("node")
    assert node, "node is needed to check the query-time splitter (it ships with this machine)"
    script = (
        "var window = globalThis;\n" + ks.javascript() + "\n"
        "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "const terms = new Set(data.terms);\n"
        "process.stdout.write(JSON.stringify(data.queries.map("
        "q => queryWords(q, (t) => terms.has(t)))));\n"
    )
    result = subprocess.run([node, "-e", script], input=json.dumps({"queries": queries, "terms": terms}),
                            capture_output=True, text=True, encoding="utf-8", check=True)  # fmt: skip
    return json.loads(result.stdout)


def _site_terms_and_queries() -> tuple[list[str], list[str]]:
    """The index terms of the Korean sources (compounds included) and queries typed both ways."""
    sources = [*(ROOT / "gallery" / "ko").rglob("*.py"), *(ROOT / "docs" / "ko").rglob("*.md")]
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sources if "auto_examples" not in p.parts
    )
    terms = sorted({ks.stem(w) for w in ks.split(text) + ks.compounds(text)})
    pairs = sorted(set(ks.compounds(text)))[:400]
    words = [w for w in ks.split(text) if ks.HANGUL_WORD_RE.match(w)][:400]
    bare = sorted({w for w in words if ks.stem(w) == w and len(w) >= 2})[:40]
    unknown_joins = [a + b for a, b in itertools.product(bare[:20], bare[20:])]
    queries = [*pairs, *(f"{w[:2]} {w[2:]}" for w in pairs if len(w) > 3), *words, *unknown_joins,
               "자동 미분", "자동미분", "경사하강법을", "미니 배치", "텐서 PyTorch의 자동 미분",
               "값텐서", "축텐서를", "자동, 미분", "손실. 함수", "손실\n함수"]  # fmt: skip
    return terms, queries


def test_javascript_query_words_match_python() -> None:
    terms, queries = _site_terms_and_queries()
    known = set(terms).__contains__
    python = [ks.query_words(q, known) for q in queries]
    js = _run_js_queries(queries, terms)
    mismatches = [(q, p, j) for q, p, j in zip(queries, python, js, strict=True) if p != j]
    assert not mismatches, mismatches[:20]
    # and the rules did something: some queries were joined, some split
    assert any(len(p) < len(ks.split(q)) for q, p in zip(queries, python, strict=True))
    assert any(len(p) > len(ks.split(q)) for q, p in zip(queries, python, strict=True))


SITES = [  # (pages, the pages that write the term)
    (["자동 미분을 씁니다", "자동미분을 씁니다", "텐서를 만듭니다"], [0, 1]),
    (["경사 하강법으로 학습합니다", "경사 하강법을 씁니다"], [0, 1]),
    (["미니배치로 나눕니다", "미니 배치를 만듭니다"], [0, 1]),
    (["텐서를 만들고 연산을 합니다"], [0]),  # no compound anywhere: a joined query finds its parts
]


def _index(pages: list[str]) -> list[set[str]]:
    """Each page's terms, as the Korean index holds them."""
    known = ks.known_compounds(pages)
    return [{ks.stem(w) for w in ks.index_words(text, known)} for text in pages]


@pytest.mark.parametrize(
    "site,query",
    [
        (0, "자동미분"),
        (0, "자동 미분"),
        (1, "경사하강법을"),
        (1, "경사 하강법"),
        (2, "미니 배치"),
        (2, "미니배치"),
        (3, "텐서연산"),
    ],  # fmt: skip
)
def test_a_term_is_found_however_it_is_spaced(site: int, query: str) -> None:
    pages, writing = SITES[site]
    index = _index(pages)
    terms = set().union(*index)
    looked_up = [ks.stem(w) for w in ks.query_words(query, terms.__contains__)]
    found = [i for i, page in enumerate(index) if all(term in page for term in looked_up)]
    assert found == writing, (looked_up, index)


def test_only_compounds_the_site_writes_both_ways_are_indexed_joined() -> None:
    index = _index(SITES[0][0] + ["경사 하강법을 씁니다"])
    assert "자동미분" in index[0]  # written joined elsewhere: the spaced page holds it
    assert "경사하강법" not in index[3]  # never written joined: a joined query is cut instead


def test_spaced_words_are_not_joined_across_punctuation_or_after_a_particle() -> None:
    assert ks.compounds("텐서를 더합니다. 자동, 미분") == []
    assert ks.query_words("자동, 미분", {"자동미분", "자동", "미분"}.__contains__) == [
        "자동",
        "미분",
    ]


def test_lines_of_one_paragraph_are_joined_before_indexing() -> None:
    from docutils import nodes

    paragraph = nodes.paragraph("", "", nodes.Text("GPU의 난수(자동"), nodes.Text("\n"),
                                nodes.Text("미분 장의 페이지)"), nodes.strong("", "굵게"))  # fmt: skip
    ks.join_text_runs(paragraph)
    assert [type(c) for c in paragraph.children] == [nodes.Text, nodes.strong]
    assert "자동미분" in ks.compounds(paragraph.children[0].astext())
