"""Exercises: every gallery page ends with some, each answer folded, checked and downloadable.

The folding itself (``docs/_ext/exercises.py``) is tested on a throwaway project in
``test_build_strictness.py`` (a wrong answer fails the build at its line); here the
real site is checked: every page, both languages, the notebooks, and a browser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sitekit.catalogue import translate

pytestmark = pytest.mark.site

LANGS = ("ko", "en")


def section_titled(page: BeautifulSoup, title: str) -> Tag | None:
    for heading in page.select("section > h2"):
        text = heading.get_text().replace("¶", "").strip()
        if text == title:
            return heading.parent
    return None


def exercises_of(path: Path, lang: str) -> tuple[list[Tag], list[Tag]]:
    """The prompts (list items) and the folded answers of one built page."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    prompts_title, answers_title = translate(lang, "Exercises"), translate(lang, "Answers")
    prompts = section_titled(page, prompts_title)
    answers = section_titled(page, answers_title)
    items = prompts.select(":scope > ol > li") if prompts else []
    folded = answers.select(":scope > details.exercise-answer") if answers else []
    return items, folded


def gallery_pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang / "auto_examples").glob("*/plot_*.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_gallery_page_ends_with_folded_answered_exercises(site: Path, lang: str) -> None:
    pages = gallery_pages(site, lang)
    assert len(pages) >= 20
    problems = []
    for path in pages:
        items, folded = exercises_of(path, lang)
        name = path.relative_to(site)
        if len(items) < 2 or len(items) > 4:
            problems.append(f"{name}: {len(items)} exercises (2 to 4 expected)")
        if len(folded) != len(items):
            problems.append(f"{name}: {len(items)} exercises but {len(folded)} folded answers")
        for number, answer in enumerate(folded, 1):
            summary = answer.find("summary")
            if answer.has_attr("open"):
                problems.append(f"{name}: answer {number} is open by default")
            if summary is None or not summary.get_text().strip().endswith(str(number)):
                problems.append(f"{name}: answer {number} is labelled {summary!r}")
            if not answer.select(".sphx-glr-script-out pre"):
                problems.append(f"{name}: answer {number} shows no executed output")
            if not answer.select("div.highlight-Python, div.highlight-python"):
                problems.append(f"{name}: answer {number} shows no code")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_pages_with_exercises_fold_executed_answers(site: Path, lang: str) -> None:
    found = 0
    for path in sorted((site / lang).rglob("*.html")):
        if "auto_examples" in path.parts or "_static" in path.parts:
            continue
        items, folded = exercises_of(path, lang)
        if not items:
            continue
        found += 1
        assert len(folded) == len(items), path
        for answer in folded:
            assert not answer.has_attr("open"), path
            assert answer.select(".cell_output"), f"{path}: an answer without executed output"
    assert found >= 1, "no MyST-NB page has exercises"


@pytest.mark.parametrize("lang", LANGS)
def test_answers_stay_out_of_the_page_contents_and_the_footer_stays_out_of_the_answers(
    site: Path, lang: str
) -> None:
    answers_title = translate(lang, "Answers")
    for path in gallery_pages(site, lang):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        toc = page.select_one(".toc-tree")
        toc_text = toc.get_text(" ") if toc else ""
        # the sections are in the contents; the single answers are not
        assert answers_title in toc_text, path
        assert not re.search(rf"{re.escape(answers_title)}\s*\d|Answer \d", toc_text), path
        for answer in page.select("details.exercise-answer"):
            assert not answer.select(".sphx-glr-footer, .sphx-glr-timing"), path


def _notebook(site: Path, page: Path) -> dict:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(".sphx-glr-download a[href$='.ipynb']")
    assert link is not None, page
    return json.loads((page.parent / str(link["href"])).resolve().read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_downloaded_notebook_puts_each_answer_in_its_own_cell_after_the_prompts(
    site: Path, lang: str
) -> None:
    prompts_title, answers_title = translate(lang, "Exercises"), translate(lang, "Answers")
    answer_heading = re.compile(r"^### .*\d\s*$", re.M)
    for page in gallery_pages(site, lang):
        cells = _notebook(site, page)["cells"]
        sources = ["".join(cell["source"]) for cell in cells]
        prompts_at = next(i for i, s in enumerate(sources) if s.startswith(f"## {prompts_title}"))
        answers_at = next(i for i, s in enumerate(sources) if s.startswith(f"## {answers_title}"))
        assert prompts_at < answers_at, page
        # the prompts' cell holds no answer: a reader can try before reading on
        assert not answer_heading.search(sources[prompts_at]), page
        answers = [i for i in range(answers_at, len(cells))
                   if cells[i]["cell_type"] == "markdown" and answer_heading.search(sources[i])]  # fmt: skip
        items, _ = exercises_of(page, lang)
        assert len(answers) == len(items), page
        for i in answers:
            assert cells[i + 1]["cell_type"] == "code", (
                f"{page}: answer cell {i} has no code after it"
            )


def test_exercise_pairs_have_the_same_number_of_exercises(site: Path) -> None:
    for ko in gallery_pages(site, "ko"):
        en = site / "en" / ko.relative_to(site / "ko")
        counts = [len(exercises_of(path, lang)[0]) for path, lang in ((ko, "ko"), (en, "en"))]
        assert counts[0] == counts[1], f"{ko.relative_to(site)}: ko {counts[0]}, en {counts[1]}"
