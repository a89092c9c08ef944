"""The glossary: one file (``tools/glossary.toml``), one page per language, links that work.

The Glossary page (``docs/<lang>/glossary.md``) renders every entry of the glossary that is
not marked ``show = false`` (``docs/_ext/glossary_page.py``). These tests check the data
(both names, both definitions, a page that exists in both languages and names the term),
the built pages (every term, in the page's language first, with a link that resolves), and
that a link to a page that does not exist fails the build with the term's name.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from glossary_page import FIELDS, GLOSSARY, Term, entries, read
from korean_lint import check_file
from sitekit.pairs import source_of

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ko", "en")
TERMS, PROBLEMS = read()
# the ideas a beginner meets on this site: the page must explain each of them
CORE = {
    "tensor", "shape", "data type (dtype)", "dimension", "broadcasting", "device", "accelerator",
    "memory sharing", "in-place operation", "matrix product (matrix multiplication)",
    "element-wise product", "reduction", "automatic differentiation (autograd)", "gradient",
    "computational graph", "dynamic computational graph", "leaf tensor", "forward pass",
    "backward pass (backpropagation)", "chain rule", "Jacobian", "vector-Jacobian product",
    "gradient accumulation", "loss function", "mean squared error (MSE)", "gradient descent",
    "learning rate", "optimizer", "stochastic gradient descent (SGD)", "momentum", "parameter",
    "weight", "bias", "layer", "model", "module", "neural network", "deep learning", "batch",
    "mini-batch", "epoch", "dataset", "data loader (DataLoader)", "label",
}  # fmt: skip


def _names(english: str) -> list[str]:
    """An English term and the other name in its parenthesis: ``data type (dtype)``."""
    match = re.fullmatch(r"(.*?)\s*\((.*)\)", english)
    return [match.group(1), match.group(2)] if match else [english]


def _mentions(text: str, name: str) -> bool:
    """``text`` names ``name``: each of its words, allowing for endings (accumulate/-ion)."""
    text = text.casefold()
    return all(word[:6] in text for word in re.findall(r"[\w-]+", name.casefold()))


def test_the_page_shows_terms_and_every_entry_is_complete_or_kept_off() -> None:
    assert len(TERMS) >= 40
    assert not PROBLEMS, "\n".join(f"tools/glossary.toml:{line}: {m}" for line, m in PROBLEMS)


def test_entries_kept_off_the_page_say_so_explicitly() -> None:
    for line, entry in entries():
        assert entry.get("show", True) in (True, False), f"glossary.toml:{line}: show is true/false"
        if entry.get("show") is False:
            continue
        assert all(entry.get(field) for field in FIELDS), f"glossary.toml:{line}"


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.english)
def test_term_has_both_languages_and_one_line_definitions(term: Term) -> None:
    assert re.search(r"[가-힣]", term.korean), "use: the Korean term"
    assert not re.search(r"[가-힣]", term.english), "english: the English term"
    assert re.search(r"[가-힣]", term.definitions["ko"]), "ko_definition: in Korean"
    assert not re.search(r"[가-힣]", term.definitions["en"]), "en_definition: in English"
    for lang in LANGS:
        definition = term.definitions[lang]
        assert "\n" not in definition and len(definition) <= 200, f"{lang}: one line"
        assert definition.rstrip().endswith("."), f"{lang}_definition ends a sentence"


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.english)
def test_term_links_a_page_of_both_languages_that_names_it(term: Term) -> None:
    """The linked page exists in both languages, and is one that uses the term."""
    ko, en = source_of(term.page, "ko"), source_of(term.page, "en")
    assert ko.is_file() and en.is_file(), f"{term.page}: no page {ko} / {en}"
    assert term.korean in ko.read_text(encoding="utf-8"), f"{ko.name} never says {term.korean}"
    en_text = en.read_text(encoding="utf-8")
    assert any(_mentions(en_text, name) for name in _names(term.english)), (
        f"{en.name} never says {term.english}"
    )


def test_every_term_and_name_is_unique() -> None:
    """One term per idea: no Korean or English name is used twice (Sphinx would warn too)."""
    for names in ([t.korean for t in TERMS], [t.english.casefold() for t in TERMS]):
        assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert len({t.anchor() for t in TERMS}) == len(TERMS)


def test_core_ideas_are_on_the_page() -> None:
    assert sorted(CORE - {t.english for t in TERMS}) == []


def test_korean_lint_reads_the_definitions(tmp_path: Path) -> None:
    """The Korean definitions are page prose: the lint checks them like any page."""
    assert check_file(GLOSSARY) == []
    text = GLOSSARY.read_text(encoding="utf-8")
    good = "파라미터를 조금 움직였을 때"
    assert good in text
    planted = tmp_path / "glossary.toml"
    planted.write_text(text.replace(good, "매개변수를 조금 움직였을 때", 1), encoding="utf-8")
    findings = check_file(planted)
    assert [f.rule for f in findings] == ["term"]
    assert findings[0].line == text.split(good)[0].count("\n") + 1


# --- the directive, in a throwaway Sphinx project ----------------------------------------

ENTRY = """
[[term]]
english = "gradient"
use = "기울기"
page = "{page}"
ko_definition = "손실이 변하는 정도입니다."
en_definition = "How the loss changes."

[[term]]
english = "Python (in prose)"
use = "파이썬"
show = false
"""


def _build(tmp_path: Path, page: str) -> subprocess.CompletedProcess[str]:
    src = tmp_path / "src"
    src.mkdir()
    (tmp_path / "glossary.toml").write_text(ENTRY.format(page=page), encoding="utf-8")
    (src / "conf.py").write_text(
        textwrap.dedent(f"""\
            import sys
            sys.path[:0] = [{str(ROOT / "docs" / "_ext")!r}, {str(ROOT / "tools")!r}]
            extensions = ["myst_parser", "glossary_page"]
            language = "en"
            site_glossary = {str(tmp_path / "glossary.toml")!r}
            """),
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Home\n\nSee {term}`기울기`.\n\n```{toctree}\nglossary\nlesson\n```\n", encoding="utf-8"
    )
    (src / "glossary.md").write_text("# Glossary\n\n```{site-glossary}\n```\n", encoding="utf-8")
    (src / "lesson.md").write_text("# A lesson\n\nText.\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "--no-color", "-b", "html",
         str(src), str(tmp_path / "out")],
        capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip


@pytest.mark.build
def test_directive_renders_terms_that_other_pages_can_link(tmp_path: Path) -> None:
    result = _build(tmp_path, "lesson")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(
        (tmp_path / "out" / "glossary.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [dt.get_text(strip=True).rstrip("¶") for dt in soup.select("dl.glossary dt")] == [
        "gradient",
        "기울기",
    ]  # English first on an English page; the entry kept off the page is not there
    assert soup.select_one("dl.glossary dd a[href='lesson.html']").get_text() == "A lesson"
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary.html#term-gradient-ko"' in home


@pytest.mark.build
def test_link_to_a_missing_page_fails_the_build_and_names_the_term(tmp_path: Path) -> None:
    result = _build(tmp_path, "no/such-page")
    assert result.returncode != 0
    assert "glossary term 'gradient' (기울기) links to 'no/such-page'" in result.stderr
    assert f"{tmp_path / 'glossary.toml'}:2" in result.stderr  # the entry's line


# --- the built site -----------------------------------------------------------------------


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_built_page_lists_every_term_and_its_links_resolve(site: Path, lang: str) -> None:
    page = site / lang / "glossary.html"
    glossary = _soup(page).select_one("article dl.glossary")
    assert glossary is not None, f"{page}: no glossary"
    shown = {}
    for dd in glossary.find_all("dd", recursive=False):
        names = []
        for dt in dd.find_previous_siblings():
            if dt.name != "dt":
                break
            names.insert(0, dt.get_text(strip=True).rstrip("¶"))
        shown[tuple(names)] = dd
    expected = {term.names(lang): term for term in TERMS}
    assert sorted(shown) == sorted(expected)  # every term, the page's language first
    firsts = [names[0].casefold() for names in shown]
    assert firsts == sorted(firsts), "sorted in the page's language"
    for names, dd in shown.items():
        term = expected[names]
        straight = dd.get_text().translate(str.maketrans("‘’“”", "''\"\""))
        assert term.definitions[lang].split("`")[0][:20] in straight
        links = dd.select("p.glossary-page a[href]")
        assert len(links) == 1, f"{names}: one link to the page that explains it"
        target = urlsplit(urljoin(page.as_uri(), links[0]["href"])).path
        assert Path(target).is_file(), f"{names}: {links[0]['href']} does not exist"
        assert Path(target) == (site / lang / f"{term.page}.html").resolve()


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_links_the_glossary(site: Path, lang: str) -> None:
    links = {a["href"] for a in _soup(site / lang / "index.html").select("article a[href]")}
    assert "glossary.html" in links
