"""The built site in a real browser: headless Debian chromium driven by Playwright.

The site is served from 127.0.0.1; every request the pages make is recorded, so a
request to any other host fails the test. Screenshots land in build/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

pytestmark = [pytest.mark.site, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
GALLERY_PAGE = "auto_examples/tensors/plot_06_split_join.html"


MISSING_CHROMIUM = (
    "Debian's chromium is not installed (apt-get install -y chromium fonts-nanum); "
    "the browser tests are skipped here and required in CI"
)


def chromium_path() -> str | None:
    """Debian's chromium (or ``$CHROMIUM``), or ``None`` when it is not installed."""
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def require_chromium() -> str:
    """The browser's path; without one, skip on a contributor's machine, fail in CI."""
    path = chromium_path()
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{MISSING_CHROMIUM} (CI is set, so they must run)", pytrace=False)
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class Visit:
    """A browser context that records console errors and every requested URL."""

    def __init__(self, browser: object, **options: object) -> None:
        self.context = browser.new_context(**options)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", self._response)

    def _response(self, response: object) -> None:
        if response.status >= 400:  # type: ignore[attr-defined]
            self.errors.append(f"HTTP {response.status}: {response.url}")  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            self.errors.append(message.text)  # type: ignore[attr-defined]

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname not in {"127.0.0.1", None}
                and not u.startswith(("data:", "blob:", "about:"))]  # fmt: skip

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: object) -> Iterator[functools.partial[Visit]]:
    opened: list[Visit] = []

    def make(**options: object) -> Visit:
        opened.append(Visit(browser, **options))
        return opened[-1]

    yield make  # type: ignore[misc]
    for v in opened:
        v.close()


def wait_for_search(page: object) -> None:
    """Until the search page has shown its last result and written its status line."""
    page.wait_for_selector("#search-results li", timeout=20_000)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('#search-results p.search-summary')?.textContent",
        timeout=20_000,
    )


def shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def test_root_sends_korean_readers_to_ko(server: str, visit) -> None:  # type: ignore[no-untyped-def]
    v = visit(locale="ko-KR")
    v.page.goto(f"{server}/index.html")
    v.page.wait_for_url(f"{server}/ko/index.html")
    assert v.page.locator("html").get_attribute("lang") == "ko"
    assert not v.errors and not v.external_requests()


def test_root_lets_others_choose(server: str, visit) -> None:  # type: ignore[no-untyped-def]
    v = visit(locale="en-US")
    v.page.goto(f"{server}/index.html")
    assert v.page.url == f"{server}/index.html"
    shot(v.page, "root-en")
    v.page.get_by_role("link", name="English").click()
    v.page.wait_for_url(f"{server}/en/index.html")
    assert not v.errors and not v.external_requests()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_gallery_page_shows_figures_output_copy_button_and_downloads(
    server: str, visit, lang: str
) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit(viewport={"width": 1280, "height": 900})
    v.page.goto(f"{server}/{lang}/{GALLERY_PAGE}")
    v.page.wait_for_load_state("networkidle")
    figures = v.page.locator("img.sphx-glr-single-img, img.sphx-glr-multi-img")
    assert figures.count() >= 1
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
        assert figures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    assert v.page.locator(".sphx-glr-script-out").count() >= 1
    assert v.page.locator("button.copybtn").count() >= 1
    for suffix in (".py", ".ipynb"):
        link = v.page.locator(f".sphx-glr-download a[href$='{suffix}']")
        assert link.count() == 1
        response = v.page.request.get(link.evaluate("a => a.href"))
        assert response.ok and len(response.body()) > 100
    shot(v.page, f"gallery-{lang}")
    assert not v.errors, v.errors
    assert not v.external_requests(), v.external_requests()


@pytest.mark.parametrize("lang,other", [("ko", "en"), ("en", "ko")])
def test_language_switch_lands_on_counterpart(server: str, visit, lang: str, other: str) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit()
    v.page.goto(f"{server}/{lang}/{GALLERY_PAGE}")
    v.page.locator(".lang-switch-top a").click()
    v.page.wait_for_url(f"{server}/{other}/{GALLERY_PAGE}")
    assert v.page.locator("html").get_attribute("lang") == other


def test_korean_search_finds_inflected_nouns(server: str, visit, site: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit()
    v.page.goto(f"{server}/ko/search.html?q={quote('텐서')}")
    wait_for_search(v.page)
    hrefs = v.page.locator("#search-results li a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    shot(v.page, "search-ko")
    # the status line is Korean (Sphinx's own catalogue leaves it empty)
    status = v.page.locator("#search-results p.search-summary").inner_text()
    assert re.fullmatch(
        r"검색을 마쳤습니다\. 검색어와 일치하는 페이지가 \d+개 있습니다\.", status
    ), status
    # summaries quote prose: not the gallery's download note, code or printed output
    summaries = v.page.locator("#search-results li p.context").all_inner_texts()
    assert summaries, "no result summaries"
    assert not [s for s in summaries if "예제 코드를 내려받을" in s or "import torch" in s]
    # pages that write 텐서 only with particles (텐서를, 텐서의...) must be among the results
    inflected_only = [
        p for p in (site / "ko").rglob("*.html")
        if "auto_examples" in p.parts and "텐서" in p.read_text(encoding="utf-8")
    ]  # fmt: skip
    assert len(hrefs) >= min(5, len(inflected_only)), hrefs
    assert not v.errors, v.errors


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_narrow_viewport_has_no_horizontal_scroll(server: str, visit, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    for page in ("index.html", GALLERY_PAGE):
        v.page.goto(f"{server}/{lang}/{page}")
        v.page.wait_for_load_state("networkidle")
        overflow = v.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{lang}/{page} scrolls sideways by {overflow}px at 390px"
    shot(v.page, f"mobile-{lang}")


def test_figures_stay_readable_in_dark_mode(server: str, visit) -> None:  # type: ignore[no-untyped-def]
    v = visit(color_scheme="dark")
    v.page.goto(f"{server}/ko/{GALLERY_PAGE}")
    v.page.wait_for_load_state("networkidle")
    body_bg = v.page.evaluate("getComputedStyle(document.body).backgroundColor")
    figure = v.page.locator("img.sphx-glr-single-img, img.sphx-glr-multi-img").first
    figure.scroll_into_view_if_needed()
    figure_bg = figure.evaluate("img => getComputedStyle(img).backgroundColor")
    assert body_bg != "rgb(255, 255, 255)", "dark mode did not apply"
    assert figure_bg == "rgb(255, 255, 255)", "figures need a light backdrop in dark mode"
    shot(v.page, "dark-ko")


@pytest.fixture(scope="module")
def subpath_server(site: Path) -> Iterator[str]:
    """The site served under /pytorch-basics/, as GitHub Pages serves a project site."""

    class Handler(_QuietHandler):
        def translate_path(self, path: str) -> str:
            prefix = "/pytorch-basics"
            if not path.startswith(prefix + "/"):
                return str(site / "__missing__")
            return super().translate_path(path[len(prefix) :])

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/pytorch-basics"
    httpd.shutdown()


def _assert_page_complete(v: Visit) -> None:
    """Stylesheets applied, images loaded, nothing failed to load."""
    assert v.page.evaluate("getComputedStyle(document.body).fontFamily") != "", "no style"
    assert v.page.evaluate("document.styleSheets.length") >= 2
    broken = v.page.evaluate(
        "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    assert not broken, broken


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_site_works_under_a_subpath(subpath_server: str, visit, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit(locale="en-US")
    failed: list[str] = []
    v.page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    v.page.goto(f"{subpath_server}/{lang}/{GALLERY_PAGE}")
    v.page.wait_for_load_state("networkidle")
    for image in v.page.locator("img").all():
        image.scroll_into_view_if_needed()
    _assert_page_complete(v)
    v.page.locator(".lang-switch-top a").click()
    v.page.wait_for_load_state("networkidle")
    assert v.page.url.startswith(f"{subpath_server}/")
    assert not failed, failed


def test_site_works_from_files(site: Path, visit) -> None:  # type: ignore[no-untyped-def]
    v = visit()
    v.page.goto((site / "ko" / GALLERY_PAGE).resolve().as_uri())
    v.page.wait_for_load_state("load")
    for image in v.page.locator("img").all():
        image.scroll_into_view_if_needed()
    _assert_page_complete(v)
    v.page.locator(".lang-switch-top a").click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(f"/en/{GALLERY_PAGE}")
    assert v.page.evaluate("document.documentElement.lang") == "en"


@pytest.fixture(scope="module")
def build_server(site: Path) -> Iterator[str]:
    """``build/`` itself: Sphinx's own output (``<lang>/html``) beside the slimmed site."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


NOISE_PIXELS = 40


@pytest.mark.parametrize(
    "lang,page",
    [
        ("ko", GALLERY_PAGE),
        ("en", "auto_examples/practice/plot_02_faster_restoration.html"),
        ("en", "getting-started/pytorch.html"),
        ("ko", "api/index.html"),
        ("ko", f"search.html?q={quote('텐서')}"),
    ],
)
def test_lighter_stylesheets_and_scripts_change_no_pixel(  # type: ignore[no-untyped-def]
    build_server: str, site: Path, visit, lang: str, page: str
) -> None:
    """The site's purged CSS and minified JS render exactly what Sphinx's own files do.

    Each page is photographed from Sphinx's output folder and from ``build/site/``,
    light and dark, wide and phone-sized; every pair must match pixel for pixel.
    """
    from PIL import Image, ImageChops

    assert (site.parent / lang / "html" / "index.html").is_file(), "Sphinx's output is missing"
    layouts = [
        {"viewport": {"width": 1280, "height": 900}},
        {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
    ]

    def photograph(folder: str, scheme: str, layout: dict[str, object]) -> Image.Image:
        v = visit(color_scheme=scheme, **layout)
        v.page.goto(f"{build_server}/{folder}/{page}")
        v.page.wait_for_load_state("networkidle")
        if page.startswith("search"):
            wait_for_search(v.page)
        # one file per page, scheme, width and folder: pytest-xdist runs pages side by side
        width = layout["viewport"]["width"]  # type: ignore[index]
        slug = re.sub(r"[^\w.-]+", "-", f"{folder}-{page}-{scheme}-{width}")
        path = SHOTS / f"same-{slug}.png"
        SHOTS.mkdir(parents=True, exist_ok=True)
        v.page.evaluate("document.fonts.ready")
        v.page.screenshot(path=str(path), full_page=True, animations="disabled")
        assert not v.errors, v.errors
        v.close()  # a long page's context holds a lot; closing twice is harmless
        return Image.open(path).convert("RGB")

    for layout in layouts:
        for scheme in ("light", "dark"):
            # Chromium now and then rasterises one word of a long page a little
            # differently (a few hundred anti-aliased pixels, never twice in a row);
            # a lost rule differs on every attempt, so a pair gets three chances.
            verdicts = []
            for _attempt in range(3):
                before = photograph(f"{lang}/html", scheme, layout)
                after = photograph(f"site/{lang}", scheme, layout)
                assert before.size == after.size, (page, scheme, layout, before.size, after.size)
                difference = ImageChops.difference(before, after).convert("L")
                changed = sum(difference.histogram()[1:])
                verdicts.append(f"{changed} pixels differ in {difference.getbbox()}")
                # two photographs of the very same files can also differ in a dozen
                # pixels of the phone header's theme icon; a lost rule changes far more
                if changed <= NOISE_PIXELS:
                    break
            else:
                raise AssertionError(f"{lang}/{page} ({scheme}, {layout}): {verdicts}")


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_answer_is_hidden_until_opened(server: str, visit, lang: str, scheme: str) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    v.page.goto(f"{server}/{lang}/auto_examples/autograd/plot_05_no_grad.html")
    answer = v.page.locator("details.exercise-answer").first
    output = answer.locator(".sphx-glr-script-out")
    answer.scroll_into_view_if_needed()
    assert not output.is_visible()
    shot(v.page, f"answer-folded-{lang}-{scheme}")
    answer.locator("summary").click()
    assert output.is_visible()
    assert answer.evaluate("details => details.open")
    output.scroll_into_view_if_needed()
    shot(v.page, f"answer-open-{lang}-{scheme}")
    assert not v.errors, v.errors


def test_search_summary_quotes_the_prompt_not_the_answer(server: str, visit) -> None:  # type: ignore[no-untyped-def]
    v = visit()
    v.page.goto(f"{server}/en/search.html")
    v.page.wait_for_load_state("networkidle")
    html = v.page.request.get(f"{server}/en/auto_examples/autograd/plot_05_no_grad.html").text()
    text = v.page.evaluate("html => Search.htmlToText(html)", html)
    assert "Predict, then run." in text  # the prompt is quoted
    assert "Nothing is recorded under" not in text  # answer 1's sentence is not
    assert not v.errors, v.errors


@pytest.mark.parametrize("typed", ["자동미분", "자동 미분", "경사하강법", "미니 배치"])
def test_korean_search_forgives_spacing(server: str, visit, site: Path, typed: str) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    v = visit()
    v.page.goto(f"{server}/ko/search.html?q={quote(typed)}")
    wait_for_search(v.page)
    links = v.page.locator("#search-results li a")
    titles = links.all_inner_texts()
    # every page that writes the term, spaced or joined, is found
    term = typed.replace(" ", "")
    spelled = re.compile(r"\s*".join(term))
    writing = {
        page.relative_to(site / "ko").as_posix()
        for page in (site / "ko").rglob("*.html")
        if not page.relative_to(site / "ko").parts[0].startswith("_")
        and page.name not in {"search.html", "genindex.html", "404.html"}
        and spelled.search(_article_text(page))
    }
    found = {href.split("?")[0].split("#")[0] for href in links.evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")}  # fmt: skip
    assert writing and writing <= found, sorted(writing - found)
    # a page whose title holds the term comes first (after the glossary's entry for it,
    # which Sphinx lists as an object when the query spells the term as the glossary does)
    hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    pages = [t for t, h in zip(titles, hrefs, strict=True) if "#term-" not in h]
    if any(spelled.search(t) for t in pages):
        assert spelled.search(pages[0]), pages[:5]
    assert not v.errors, v.errors


def _article_text(page: Path) -> str:
    from bs4 import BeautifulSoup

    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    return article.get_text(" ") if article else ""
