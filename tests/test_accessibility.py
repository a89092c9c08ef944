"""WCAG 2.1 A and AA on every page, checked by axe-core in headless chromium (issue 21).

axe-core comes with the ``axe-playwright-python`` package. Every page of both languages
is checked in the light and the dark scheme, with WCAG 2.0/2.1 A and AA rules and the
best-practice rules about landmarks and headings; any violation fails, naming the page,
the scheme, the rule and the elements. A page with a planted low-contrast rule must
fail, so the check can fail. A keyboard user can reach a wide code block and scroll it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sitekit.settings import LANGUAGES, base_url

pytestmark = [pytest.mark.site, pytest.mark.browser]

RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}
# beside them, the best-practice rules the issue names: one main landmark, landmarks told apart, every part
# of a page inside one, and a first-level heading on every page
BEST_PRACTICE = ["landmark-one-main", "landmark-unique", "region", "page-has-heading-one",
                 "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
                 "landmark-complementary-is-top-level"]  # fmt: skip


def _pages(site: Path) -> list[str]:
    skip = {"_static", "_downloads", "_images"}
    return sorted(
        p.relative_to(site).as_posix()
        for lang in LANGUAGES
        for p in (site / lang).rglob("*.html")
        if not skip & set(p.relative_to(site).parts)
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site as it is published: under the base URL's path when one is known (the 404
    pages link from the site's root then)."""

    prefix = ""

    def translate_path(self, path: str) -> str:
        if self.prefix and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(site))
    _Handler.prefix = urlsplit(base_url()).path if base_url() else ""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{_Handler.prefix.rstrip('/')}"
    httpd.shutdown()


def _check(page: Any, url: str, style: str = "") -> list[str]:
    """axe's WCAG A/AA and landmark/heading violations of ``url``, opened in ``page``."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url)
    page.wait_for_load_state("load")
    if style:
        page.add_style_tag(content=style)
    options = {**RULES, "rules": {rule: {"enabled": True} for rule in BEST_PRACTICE}}
    result = Axe().run(page, options=options)
    return [
        f"{v['id']}: " + "; ".join(node["html"][:120] for node in v["nodes"][:3])
        for v in result.response["violations"]
    ]


def violations(browser: Any, urls: list[str], scheme: str, *, style: str = "") -> dict[str, list[str]]:
    """Each of ``urls`` that axe finds a violation on, in ``scheme``, one tab for all."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        return {url: found for url in urls if (found := _check(page, url, style))}
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(
    site: Path, served: str, browser: Any, lang: str, scheme: str
) -> None:
    pages = [page for page in _pages(site) if page.startswith(f"{lang}/")]
    assert len(pages) > 40
    if lang == LANGUAGES[0]:  # the root's language chooser and 404 page, in both languages
        pages += ["index.html", "404.html"]
    failed = violations(browser, [f"{served}/{page}" for page in pages], scheme)
    assert not failed, f"{len(failed)} pages ({lang}, {scheme}): {failed}"


def test_a_planted_low_contrast_rule_fails(site: Path, served: str, browser: Any) -> None:
    url = f"{served}/en/auto_examples/tensors/plot_01_creating.html"
    assert violations(browser, [url], "light") == {}
    planted = violations(browser, [url], "light", style="article p { color: #b0b0b0 !important; }")
    assert any(v.startswith("color-contrast") for v in planted[url]), planted


def test_a_keyboard_user_reaches_a_wide_code_block_and_scrolls_it(
    site: Path, served: str, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{served}/ko/auto_examples/tensors/plot_05_shapes.html")
        page.wait_for_load_state("load")
        wide = page.locator("div.highlight > pre[tabindex='0']")
        assert wide.count() > 0, "no code block wider than a phone's screen takes focus"
        for _ in range(400):  # Tab until the focus is on a wide block
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('div.highlight > pre[tabindex]')"):
                break
        else:
            pytest.fail("Tab never reached a wide code block")
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert label and label.split()[0] in {"코드", "출력"}, label
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused block shows no outline"
        before = page.evaluate("document.activeElement.scrollLeft")
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        # the browser scrolls smoothly: wait for the block to move (a slow machine lags)
        page.wait_for_function(f"document.activeElement.scrollLeft > {before}", timeout=10_000)
    finally:
        context.close()
