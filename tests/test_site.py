"""The built site: both languages complete, linked to each other, nothing broken."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sitekit.catalogue import translate

ROOT = Path(__file__).resolve().parents[1]
import page_weight  # noqa: E402
from sitekit.slim import unnamed_static  # noqa: E402

pytestmark = pytest.mark.site

LANGS = ("ko", "en")
SKIP_DIRS = {"_static", "_downloads", "_images", "_sources", "_sphinx_design_static"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def html_pages(site: Path, lang: str, *, with_404: bool = False) -> list[Path]:
    """A language's pages; the 404 page (served at any address, so its links are
    absolute and it has no canonical place) only when asked for."""
    base = site / lang
    return sorted(
        p
        for p in base.rglob("*.html")
        if not SKIP_DIRS & set(p.relative_to(base).parts) and (with_404 or p.name != "404.html")
    )


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_both_languages_were_built(site: Path) -> None:
    for lang in LANGS:
        assert (site / lang / "index.html").is_file()
        assert len(html_pages(site, lang)) >= 10


def test_every_page_has_its_counterpart(site: Path) -> None:
    ko = {p.relative_to(site / "ko") for p in html_pages(site, "ko", with_404=True)}
    en = {p.relative_to(site / "en") for p in html_pages(site, "en", with_404=True)}
    assert ko == en, f"only ko: {sorted(map(str, ko - en))}; only en: {sorted(map(str, en - ko))}"


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_lands_on_the_same_page(site: Path, lang: str) -> None:
    other = "en" if lang == "ko" else "ko"
    for page in html_pages(site, lang):
        links = soup(page).select(".lang-switch-top a, .sidebar-lang-switch a")
        assert len(links) == 2, f"{page}: expected the top and sidebar language links"
        for link in links:
            target = (page.parent / link["href"]).resolve()
            expected = (site / other / page.relative_to(site / lang)).resolve()
            assert target == expected, f"{page}: switch goes to {target}"
            assert link["hreflang"] == other


@pytest.mark.parametrize("lang", LANGS)
def test_pages_declare_language_and_alternates(site: Path, lang: str) -> None:
    for page in html_pages(site, lang):
        document = soup(page)
        assert document.html["lang"] == lang, page
        links = {link["hreflang"]: link["href"] for link in document.find_all("link", rel="alternate")}
        relative = page.relative_to(site / lang).as_posix()
        if base := base_url():  # absolute, as search engines read them, and x-default
            assert set(links) == {*LANGS, "x-default"}, page
            for code in LANGS:
                assert links[code] == f"{base}{code}/{relative}", page
            assert links["x-default"] == (base if relative == "index.html" else links["en"])
            continue
        assert set(links) == set(LANGS), page  # a local build: relative, no x-default
        for code, href in links.items():
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page}: hreflang={code} -> {target} missing"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_a_meta_description_in_its_language(site: Path, lang: str) -> None:
    """The page's first paragraph of prose (not a note or a notice), in at most the 160
    columns a search result shows (a Hangul syllable takes two)."""
    for page in html_pages(site, lang):
        tag = soup(page).find("meta", attrs={"name": "description"})
        assert tag is not None and len(tag["content"]) > 20, page
        text = tag["content"]
        columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
        assert columns <= 160, (page, columns)
        if page.stem not in {"search", "genindex", "py-modindex"}:  # a sentence of their own
            assert columns >= 60, (page, text)  # not cut to one short sentence
        hangul = len(re.findall("[\uac00-\ud7a3]", text))
        # a Korean page's own words; an English one may quote a Korean post's title
        assert hangul > 10 if lang == "ko" else hangul < len(text) / 4, (page, text)
        for boilerplate in ("Go to the end", "맨 아래", "Download", "내려받"):
            assert not text.startswith(boilerplate), (page, text)


def _local_targets(page: Path) -> list[tuple[str, str]]:
    document = soup(page)
    found = [(tag.name, tag["href"]) for tag in document.find_all(["a", "link"], href=True)]
    found += [(tag.name, tag["src"]) for tag in document.find_all(["img", "script"], src=True)]
    for tag in document.find_all(["img", "source"], srcset=True):
        found += [(tag.name, part.split()[0]) for part in tag["srcset"].split(",") if part.strip()]
    return [(name, url) for name, url in found if not urlsplit(url).scheme and url[:2] != "//"]


def test_no_internal_link_is_broken(site: Path) -> None:
    broken = []
    for page in [site / "index.html", *html_pages(site, "ko"), *html_pages(site, "en")]:
        for name, url in _local_targets(page):
            parts = urlsplit(url)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: <{name}> {url}")
                continue
            if parts.fragment and target.suffix == ".html" and name == "a":
                ids = {tag["id"] for tag in soup(target).find_all(id=True)}
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: <a> {url} (no such anchor)")
    assert not broken, "\n".join(broken[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_gallery_pages_offer_py_and_ipynb(site: Path, lang: str) -> None:
    examples = [p for p in html_pages(site, lang) if p.name.startswith("plot_")]
    assert len(examples) >= 5
    for page in examples:
        hrefs = [a["href"] for a in soup(page).select(".sphx-glr-download a")]
        for suffix in (".py", ".ipynb"):
            matching = [h for h in hrefs if h.endswith(f"{page.stem}{suffix}")]
            assert matching, f"{page}: no {suffix} download"
            assert (page.parent / matching[0]).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_every_image_resolves_and_has_alt_text(site: Path, lang: str) -> None:
    images = 0
    for page in html_pages(site, lang):
        for img in soup(page).find_all("img"):
            assert (page.parent / unquote(img["src"])).is_file(), f"{page}: {img['src']}"
            if img.find_parent(class_="sphx-glr-thumbcontainer"):
                # decorative: the thumbnail's link already carries the page title
                assert img.has_attr("alt"), f"{page}: thumbnail {img['src']} lacks alt"
            elif "_images/" in img["src"]:
                # words for what the figure shows (describe_figure, or a notebook cell's
                # mystnb image alt), in the page's language: not a file name, not a bare title
                alt = img.get("alt", "")
                assert len(alt) >= 40 and "/" not in alt.split()[0], f"{page}: {img['src']} alt {alt!r}"
                hangul = len(re.findall("[\uac00-\ud7a3]", alt))
                assert hangul > 5 if lang == "ko" else hangul == 0, f"{page}: alt {alt!r}"
            else:  # an interface icon (the module index's toggle)
                assert img.get("alt"), f"{page}: image {img['src']} has no alt text"
            images += 1
    assert images >= 10


@pytest.mark.parametrize("lang", LANGS)
def test_no_raw_rest_markup_shows(site: Path, lang: str) -> None:
    """Titles, thumbnails and their hover text show code names, not ````name````."""
    for page in html_pages(site, lang):
        page_soup = soup(page)
        for node in page_soup.select("h1, h2, h3, .sphx-glr-thumbnail-title, title"):
            assert "``" not in node.get_text(), f"{page}: {node.get_text()!r}"
        for node in page_soup.select("[tooltip]"):
            assert "``" not in node["tooltip"], f"{page}: {node['tooltip']!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_memory_address_shows(site: Path, lang: str) -> None:
    """A repr such as ``<torch._C.Generator at 0x7f...>`` differs on every build."""
    for page in html_pages(site, lang):
        text = soup(page).get_text()
        assert not re.search(r" at 0x[0-9a-f]{6,}", text), f"{page}: a memory address shows"


def test_korean_figures_are_labelled_in_korean(site: Path) -> None:
    """A figure's title becomes its alt text: Korean pages' figures carry Hangul."""
    for page in html_pages(site, "ko"):
        for img in soup(page).select("img.sphx-glr-single-img, img.sphx-glr-multi-img"):
            assert HANGUL.search(img["alt"]), f"{page}: figure titled {img['alt']!r}"


ENGLISH_INTERFACE = [
    "Back to top",
    "On this page",
    "Skip to content",
    "Download Python source code",
    "Download Jupyter notebook",
    "Total running time of the script",
    "Go to the end",
    "Gallery generated by",
    "Made with",
]


def test_korean_pages_show_korean_interface_text(site: Path) -> None:
    for page in html_pages(site, "ko"):
        text = page.read_text(encoding="utf-8")
        leftovers = [label for label in ENGLISH_INTERFACE if label in text]
        assert not leftovers, f"{page}: English interface text {leftovers}"
    example = next(p for p in html_pages(site, "ko") if p.name.startswith("plot_"))
    text = " ".join(soup(example).get_text().split())
    for label in ("맨 위로", "Python 소스 코드 내려받기", "Jupyter 노트북 내려받기", "실행 시간"):
        assert label in text, f"{example}: missing {label}"


def test_root_page_offers_both_languages_and_redirects_korean_readers(site: Path) -> None:
    document = soup(site / "index.html")
    hrefs = {a["href"] for a in document.find_all("a", href=True)}
    assert {"ko/index.html", "en/index.html"} <= hrefs
    script = document.find("script").string
    assert "navigator.languages" in script and 'indexOf("ko") === 0' in script


def test_korean_search_index_holds_stems(site: Path) -> None:
    """The Korean index is built with the Korean search language: particles are stripped."""
    raw = (site / "ko" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw.removeprefix("Search.setIndex(").removesuffix(")"))
    terms = index["terms"]
    assert "텐서" in terms and len(terms["텐서"]) >= 5
    assert "텐서를" not in terms and "텐서의" not in terms
    assert "pytorch" in terms  # "PyTorch의" is split at the script change
    language_data = (site / "ko" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "KOREAN_SEARCH" in language_data


@pytest.mark.parametrize("lang", LANGS)
def test_links_are_relative_so_the_site_works_under_a_subpath_and_from_files(
    site: Path, lang: str
) -> None:
    for page in html_pages(site, lang):
        for name, url in _local_targets(page):
            assert not url.startswith("/"), f"{page}: <{name}> {url} is absolute"


def base_url() -> str:
    """The base URL the site was built for (``SITE_BASE_URL``), or ``""``."""
    url = os.environ.get("SITE_BASE_URL", "").strip()
    return url if not url or url.endswith("/") else url + "/"


@pytest.mark.parametrize("lang", LANGS)
def test_not_found_page_links_work_where_it_is_served(site: Path, lang: str) -> None:
    """Absolute links under the base URL's path when it is known (the host serves the
    page at any address); relative ones otherwise, which work in a local preview and
    from disk."""
    page = site / lang / "404.html"
    document = soup(page)
    assert document.html["lang"] == lang
    stylesheets = [link["href"] for link in document.find_all("link", rel="stylesheet")]
    assert stylesheets
    if base := base_url():
        prefix = urlsplit(base).path + lang + "/"
        assert all(href.startswith(prefix) for href in stylesheets), stylesheets
    else:
        for href in stylesheets:
            assert (page.parent / href.split("?")[0]).is_file(), href
        root_links = [a["href"] for a in soup(site / "404.html").find_all("a")]
        assert root_links and all((site / href).is_file() for href in root_links), root_links
    assert (
        "페이지를 찾을 수 없습니다" if lang == "ko" else "Page not found"
    ) in document.get_text()
    root = soup(site / "404.html").get_text()
    assert "페이지를 찾을 수 없습니다" in root and "Page not found" in root


@pytest.mark.parametrize("lang", LANGS)
def test_pages_state_pytorch_version_build_date_and_canonical_url(site: Path, lang: str) -> None:
    import torch

    version = torch.__version__.split("+")[0]
    for page in html_pages(site, lang):
        document = soup(page)
        provenance = document.select_one(".page-provenance")
        assert provenance is not None, page
        assert f"PyTorch {version}" in provenance.get_text(), page
        assert re.search(r"\d{4}-\d{2}-\d{2}", provenance.get_text()), page
        og = {m["property"]: m["content"] for m in document.find_all("meta", property=True)}
        if base_url():
            canonical = document.find("link", rel="canonical")["href"]
            assert canonical == f"{base_url()}{lang}/{page.relative_to(site / lang).as_posix()}"
            assert og["og:url"] == canonical
        else:  # no address is invented for a build that was not told its base URL
            assert document.find("link", rel="canonical") is None, page
            assert "og:url" not in og, page
        assert og["og:locale"] == ("ko_KR" if lang == "ko" else "en_US")
        assert og["og:title"]


@pytest.mark.parametrize("lang", LANGS)
def test_sitemap_lists_every_page_with_alternates(site: Path, lang: str) -> None:
    if not base_url():
        assert not list(site.rglob("sitemap.xml")), "a sitemap needs absolute addresses"
        assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
        return
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(site / lang / "sitemap.xml").getroot()
    locs = {loc.text or "" for loc in sitemap.iterfind("s:url/s:loc", ns)}
    pages = [
        p for p in html_pages(site, lang) if p.stem not in {"search", "genindex", "py-modindex"}
    ]
    for page in pages:
        assert any(
            loc.endswith(f"/{lang}/{page.relative_to(site / lang).as_posix()}") for loc in locs
        ), page
    for url in sitemap.iterfind("s:url", ns):
        assert {link.get("hreflang") for link in url.iterfind("x:link", ns)} == set(LANGS)
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{lang}/sitemap.xml" in index


def test_no_build_leftovers_and_no_local_addresses(site: Path) -> None:
    leftovers = [p.name for p in site.rglob(".buildinfo*")]
    assert leftovers == []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml", ".txt", ".js"} and path.is_file():
            assert "localhost" not in path.read_text(encoding="utf-8"), path


def test_median_page_weighs_at_most_150_kb(site: Path) -> None:
    """HTML plus the stylesheets and scripts a page loads, images aside (issue 6)."""
    rows = page_weight.site_weights(site)
    missing = {
        f"{name} -> {asset.name}"
        for *_, name in rows
        if not name.endswith("404.html")  # absolute links, checked by its own test
        for asset in page_weight.assets(site / name)
        if not asset.is_file()
    }
    assert not missing, sorted(missing)[:10]
    # A page's exercises and their folded answers (issue 14: highlighted code and its
    # output, about 25 KB, 4 KB compressed) have a budget of their own; the rest of the
    # page keeps the budget it had before them.
    exercises = {name: _exercises_bytes(site / name) for *_, name in rows}
    median = sorted(raw - exercises[name] for raw, _, name in rows)[len(rows) // 2]
    assert len(rows) > 50
    assert median <= 150 * 1024, f"median page without its exercises {median / 1024:.0f} KB"
    heaviest = max(exercises, key=exercises.__getitem__)
    assert exercises[heaviest] <= 48 * 1024, (
        f"{heaviest}: exercises {exercises[heaviest] / 1024:.0f} KB"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_example_code_is_written_one_span_per_run_of_a_class(site: Path, lang: str) -> None:
    """As Pygments writes code: ``((`` is one span, and a line end is not a span of its own.

    sphinx-gallery gives every token its own span (``code_tokens`` joins them), and Sphinx
    puts tooltips and classes on the links in code that the published site drops.
    """
    pages = list((site / lang / "auto_examples").rglob("plot_*.html"))
    assert len(pages) > 20
    neighbours = re.compile(r'<span( class="[^"]*")>[^<]*</span><span\1>')
    for page in pages:
        html = page.read_text(encoding="utf-8")
        code = "".join(re.findall(r'<div class="highlight"><pre>.*?</pre>', html, re.S))
        assert not neighbours.search(code), (page, neighbours.search(code))
        assert not re.search(r"<span[^>]*>\n+</span>", code), page
        assert not re.search(r'<a [^>]*class="[^"]*reference', code), page
        assert "docs.pytorch.org" in code, page  # the links themselves stay


@pytest.mark.parametrize("lang", LANGS)
def test_every_icon_a_page_draws_is_in_its_sprite_and_no_other(site: Path, lang: str) -> None:
    """furo's hidden sprite keeps exactly the icons the page uses (``sitekit.slim``)."""
    for page in html_pages(site, lang):
        html = page.read_text(encoding="utf-8")
        symbols = set(re.findall(r'<symbol id="([^"]+)"', html))
        drawn = set(re.findall(r'<use href="#([^"]+)"', html))
        assert drawn, page
        assert symbols == drawn, (page, symbols ^ drawn)


def _exercises_bytes(page: Path) -> int:
    """The bytes of a page's two exercise sections, prompts and answers."""
    lang = next((code for code in LANGS if f"/{code}/" in page.as_posix()), None)
    if lang is None:  # the root page
        return 0
    html = page.read_text(encoding="utf-8")
    sections = []
    for title in ("Exercises", "Answers"):
        heading = re.escape(translate(lang, title))
        found = re.search(rf'<section id="[^"]*">\s*<h2>{heading}<a.*?</section>', html, re.S)
        if found:
            sections.append(found.group(0))
    return sum(len(section.encode("utf-8")) for section in sections)


@pytest.mark.parametrize("lang", LANGS)
def test_site_ships_no_static_file_that_nothing_names(site: Path, lang: str) -> None:
    """Source maps, unused badges and empty stylesheets stay out of the deployable site."""
    static = site / lang / "_static"
    unnamed = [path.relative_to(static).as_posix() for path in unnamed_static(site / lang)]
    assert not unnamed, unnamed
    assert not list(static.rglob("*.map"))


def test_korean_scripts_keep_every_message_they_ask_for(site: Path) -> None:
    """``sitekit.slim`` prunes Sphinx's catalogue to what the scripts ask for, no less."""
    sphinx = site.parent / "ko" / "html" / "_static"
    assert (sphinx / "translations.js").is_file(), "Sphinx's output is missing"

    def catalogue(path: Path) -> dict[str, object]:
        text = path.read_text(encoding="utf-8")
        found = re.search(r"addTranslations\((\{.*\})\)", text, re.S)
        assert found, path
        return json.loads(found.group(1))["messages"]

    everything = catalogue(sphinx / "translations.js")
    kept = catalogue(site / "ko" / "_static" / "translations.js")
    asked = {
        msgid
        for script in sphinx.rglob("*.js")
        for msgid in re.findall(
            r'\b(?:_|gettext|ngettext)\(\s*"((?:[^"\\]|\\.)*)"', script.read_text(encoding="utf-8")
        )
    }
    assert {"Search Results", "Hide Search Matches"} <= asked
    assert {msgid: everything[msgid] for msgid in asked if msgid in everything} == {
        msgid: kept[msgid] for msgid in asked if msgid in everything
    }
    assert len(kept) < len(everything) / 2, "the templates' messages are shipped again"
