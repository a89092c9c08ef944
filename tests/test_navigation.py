"""One reading order: the root toctree decides it, and everything else agrees.

The chapter order is written once, in the toctree of ``docs/<lang>/index.md`` (the same in
both languages). Furo's footer ("next"/"previous") follows the toctree; these tests check
that the chapter list on the home page, the footer, and every "Next:" line in a page's
prose agree with it, so a reader who follows any of them reads the same sequence.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ko", "en")
# pages outside the reading order by design
OFF_PATH = {"genindex.html", "search.html", "py-modindex.html", "404.html"}
# reference pages in the reading order: no lesson, so no "Next:" line
REFERENCE = {"sources.html", "glossary.html"}
SKIP_DIRS = {"_static", "_downloads", "_images", "_sources"}
NEXT_LINE = re.compile(r"^\s*(Next:|다음 페이지:|다음 장:)")
NEXT_MENTION = re.compile(r"next page|Next:|다음 페이지|다음 장", re.IGNORECASE)


def root_toctree(lang: str) -> list[str]:
    text = (ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8")
    block = re.search(r"```\{toctree\}\n(.*?)```", text, re.S)
    assert block, f"docs/{lang}/index.md has no toctree"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.startswith(":")]


def chapter_list(lang: str) -> list[str]:
    """The targets of the home page's chapter list, in the order it shows them."""
    text = (ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8")
    return re.findall(r"^\[[^\]]+\]\(([^)]+)\)\s*$", text, re.M)


def test_both_languages_have_the_same_chapter_order() -> None:
    assert root_toctree("ko") == root_toctree("en")


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_lists_chapters_in_toctree_order(lang: str) -> None:
    assert chapter_list(lang) == root_toctree(lang)


# --- the built site -------------------------------------------------------------------


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _resolve(base: Path, page: Path, href: str) -> str | None:
    """A link's target page, relative to the language root, or None if it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    page_url = "file:///" + page.relative_to(base).as_posix()
    return urlsplit(urljoin(page_url, parts.path)).path.lstrip("/")


def reading_order(site: Path, lang: str) -> list[str]:
    """Pages in the order furo's "next" links visit them, from the home page."""
    base = site / lang
    order = ["index.html"]
    while True:
        page = base / order[-1]
        link = _soup(page).select_one("a.next-page")
        if link is None:
            return order
        target = _resolve(base, page, link["href"])
        assert target not in order, f"the footer loops back to {target} from {order[-1]}"
        order.append(target)


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_footer_visits_every_page_once(site: Path, lang: str) -> None:
    base = site / lang
    every = {
        p.relative_to(base).as_posix()
        for p in base.rglob("*.html")
        if not SKIP_DIRS & set(p.relative_to(base).parts) and p.name not in OFF_PATH
    }
    order = reading_order(site, lang)
    assert sorted(order) == sorted(every), "pages the footer never reaches: " + ", ".join(
        sorted(every - set(order))
    )


@pytest.mark.site
def test_both_languages_read_in_the_same_order(site: Path) -> None:
    assert reading_order(site, "ko") == reading_order(site, "en")


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_chapters_come_in_toctree_order(site: Path, lang: str) -> None:
    order = reading_order(site, lang)
    chapters = [f"{entry}.html" for entry in root_toctree(lang)]
    assert [page for page in order if page in chapters] == chapters


def _expected_next(order: list[str], page: str) -> set[str]:
    """What a "Next:" line on ``page`` may point to: the footer's next page, or, when
    that is a chapter's index, the chapter's first page."""
    index = order.index(page)
    if index + 1 == len(order):
        return set()
    following = order[index + 1]
    allowed = {following}
    if following.endswith("index.html") and index + 2 < len(order):
        allowed.add(order[index + 2])
    return allowed


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_next_lines_in_prose_agree_with_the_footer(site: Path, lang: str) -> None:
    base = site / lang
    order = reading_order(site, lang)
    wrong, missing = [], []
    for page in order:
        article = _soup(base / page).select_one("article")
        is_lesson = not page.endswith("index.html") and not page.startswith("api/") and page not in REFERENCE
        found_next_line = False
        for block in article.find_all(["p", "li", "dd"]):
            text = block.get_text(" ", strip=True)
            if not NEXT_MENTION.search(text):
                continue
            targets = [
                t for a in block.find_all("a", href=True)
                if (t := _resolve(base, base / page, a["href"])) and t.endswith(".html") and t != page
            ]
            if NEXT_LINE.match(text):
                found_next_line = True
                if not targets:
                    wrong.append(f"{page}: a 'Next' line without a link: {text[:80]}")
                    continue
            if targets and targets[0] not in _expected_next(order, page):
                wrong.append(f"{page}: calls {targets[0]} next, the reading order says "
                             f"{sorted(_expected_next(order, page))}: {text[:80]!r}")
        if is_lesson and not found_next_line:
            missing.append(page)
    assert not wrong, "\n".join(wrong)
    assert not missing, "lesson pages without a 'Next:' line: " + ", ".join(missing)


def _optional_headings(path: Path) -> list[int]:
    """Line numbers of reST section titles marked optional (the line above an underline)."""
    lines = [line.lstrip("#").strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        number
        for number, (title, underline) in enumerate(zip(lines, lines[1:], strict=False), start=1)
        if re.fullmatch(r"[-=~^]{3,}", underline) and re.search(r"\((optional|선택)\)$", title)
    ]


@pytest.mark.parametrize(
    "en_page", sorted((ROOT / "gallery" / "en").rglob("plot_*.py")), ids=lambda p: p.stem
)
def test_optional_sections_are_marked_in_both_languages(en_page: Path) -> None:
    """A beginner may skip a section marked optional; both twins mark the same sections."""
    ko_page = ROOT / "gallery" / "ko" / en_page.relative_to(ROOT / "gallery" / "en")
    assert len(_optional_headings(en_page)) == len(_optional_headings(ko_page))


def test_advanced_material_is_marked_optional() -> None:
    """The solver analysis and the restoration's theory are optional reading."""
    practice = ROOT / "gallery" / "en" / "practice"
    assert len(_optional_headings(practice / "plot_01_restoring_an_image.py")) >= 1
    assert len(_optional_headings(practice / "plot_02_faster_restoration.py")) >= 2
