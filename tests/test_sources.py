"""The original posts are named: a Sources page describes each, and every reference links there."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site

LANGS = ("ko", "en")
SKIP_DIRS = {"_static", "_downloads", "_images", "_sources"}
POSTS = (
    "post-basics-autograd",
    "post-deep-learning-1",
    "post-concepts",
    "post-autograd-easy",
    "post-differentiable",
)
# "the original post", "the lesson's ...", "원래 글", "원글", "글쓴이"
REFERENCE = {
    "en": re.compile(r"\boriginal (post|lesson|blog)|\bthe (post|lesson)s?\b(?!-)|\bthe posts'|\bthe lesson's", re.I),
    "ko": re.compile(r"원래 글|원글|원래 예제|원래 코드|원래 실습|블로그 글|(?<![가-힣])글(?:에서|은|의|이|처럼|과|대로)(?![가-힣])"),
}
INTERNAL_NUMBER = re.compile(r"(?<![\d,.\w])00[0-4](?![\d,.\w])|\bseed (post|lesson|file)s?\b|시드 글", re.I)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path, lang: str) -> list[Path]:
    base = site / lang
    return sorted(
        p for p in base.rglob("*.html")
        if not SKIP_DIRS & set(p.relative_to(base).parts) and p.name not in {"404.html", "search.html", "genindex.html"}
    )


def _prose_blocks(page: Path):
    article = _soup(page).select_one("article")
    if article is None:
        return
    for block in article.find_all(["p", "li", "dt", "dd", "figcaption", "h1", "h2", "h3"]):
        if block.find_parent(["pre", "code"]) or block.find(["p", "li"]):
            continue
        yield block


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_describes_each_post(site: Path, lang: str) -> None:
    page = _soup(site / lang / "sources.html")
    for label in POSTS:
        section = page.find(id=label)
        assert section is not None, f"sources.html has no section {label}"
        section = section if section.name == "section" else section.find_parent("section")
        text = section.get_text(" ", strip=True)
        assert re.search(r"20\d\d-\d\d-\d\d|20\d\d년|날짜|date", text), f"{label}: no date"
        taught_by = [a["href"] for a in section.find_all("a", href=True) if "auto_examples" in a["href"] or "getting-started" in a["href"]]
        assert taught_by, f"{label}: links no page that teaches it"


@pytest.mark.parametrize("lang", LANGS)
def test_every_reference_to_a_post_names_it(site: Path, lang: str) -> None:
    """A reference to "the post" comes after the page has named a post (a link to its
    section of the Sources page), in the same paragraph or earlier, as a reader reads;
    a title, which cannot hold a link, needs the page to name the post somewhere."""
    unnamed = []
    for page in _pages(site, lang):
        if page.name == "sources.html":
            continue
        blocks = list(_prose_blocks(page))
        names_a_post = [any("sources.html" in a["href"] for a in b.find_all("a", href=True)) for b in blocks]
        named = False
        for block, links in zip(blocks, names_a_post, strict=True):
            named = named or links
            text = block.get_text(" ", strip=True)
            if not REFERENCE[lang].search(text):
                continue
            heading = block.name in {"h1", "h2", "h3", "dt"}
            if not named and not (heading and any(names_a_post)):
                unnamed.append(f"{page.relative_to(site)}: {text[:100]}")
    assert not unnamed, "references to a post before the page names one:\n" + "\n".join(unnamed)


@pytest.mark.parametrize("lang", LANGS)
def test_no_internal_post_numbers_in_reader_text(site: Path, lang: str) -> None:
    found = []
    for page in _pages(site, lang):
        for block in _prose_blocks(page):
            text = block.get_text(" ", strip=True)
            if match := INTERNAL_NUMBER.search(text):
                found.append(f"{page.relative_to(site)}: {match.group(0)!r} in {text[:80]}")
    assert not found, "\n".join(found)
