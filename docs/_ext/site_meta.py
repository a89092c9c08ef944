"""Sphinx extension: what a published page says about itself.

* canonical URL (Sphinx's ``html_baseurl``) and OpenGraph tags, from one base URL
  (``SITE_BASE_URL``); a build not told one (a local preview) writes none of the
  addresses that need it, rather than addresses of a machine the reader does not
  have. (The sitemap comes from sphinx-sitemap, see ``site_conf``, completed here by
  :func:`_complete_sitemap`. The OpenGraph tags
  are written here rather than by sphinxext-opengraph, which writes ``og:url`` even
  without a known base URL, as a relative address, and has no ``og:locale`` or
  ``og:locale:alternate`` for a site in two languages.)
* a provenance line on every page: the PyTorch version the outputs were produced
  with and the build date (``SOURCE_DATE_EPOCH`` when set, for reproducible builds);
* "edit this page" and "report a problem" links when the GitHub repository is known
  (``SITE_REPOSITORY=owner/name``, or the ``origin`` remote); the issue is pre-filled
  with the page's address, its language, the PyTorch version and the build's commit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import unicodedata
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from docutils import nodes
from sitekit.catalogue import translate
from sitekit.pairs import source_of
from sitekit.settings import LOCALES, ROOT, base_url, other
from sphinx.application import Sphinx


def repository() -> str | None:
    """``owner/name`` of the GitHub repository, if it can be known."""
    if value := os.environ.get("SITE_REPOSITORY", "").strip():
        return value
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return None
    match = re.search(r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?$", remote)
    return match.group(1) if match else None


def build_date() -> str:
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.datetime.now(tz=dt.UTC).date().isoformat()


def source_path(lang: str, pagename: str) -> str | None:
    """The repository path of the file a page is built from."""
    path = source_of(pagename, lang)
    return path.relative_to(ROOT).as_posix() if path.exists() else None


# pages Sphinx writes without a document of their own, described in a sentence
_GENERATED = {
    "search": "Search every page of this site, in its language.",
    "genindex": "Every term and function this site indexes, with the pages that explain it.",
    "py-modindex": "The modules of pytorch_basics, the package behind this site's pages.",
}


# sphinx-gallery's download box, printed output and timing, and the folded answers
_NOT_PROSE = ("sphx-glr-footer", "sphx-glr-download", "sphx-glr-script-out", "sphx-glr-timing",
              "exercise")  # fmt: skip


def _in_prose(paragraph: nodes.paragraph) -> bool:
    """Whether a paragraph is the page's own prose, not a note, a notice or a download box."""
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, nodes.Admonition | nodes.footnote | nodes.citation | nodes.table):
            return False
        if any(str(c).startswith(_NOT_PROSE) for c in parent.get("classes", [])):
            return False
        parent = parent.parent
    return True


# Search results show about 160 columns of a description, a Hangul syllable taking two
_COLUMNS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def trim(text: str, columns: int = _COLUMNS) -> str:
    """``text`` cut to fit in ``columns`` (a wide character counts twice): at the end of a
    sentence if that keeps at least half of them, otherwise at a space, ending in "…".

    Example:
        >>> trim("One. Two three. Four.", columns=16)
        'One. Two three.'
        >>> trim("텐서를 만듭니다. 값을 씁니다. 끝.", columns=30)
        '텐서를 만듭니다. 값을 씁니다.'
        >>> trim("Short. Then a much longer sentence.", columns=24)
        'Short. Then a much…'
        >>> trim("a very long first sentence", columns=12)
        'a very long…'
        >>> trim("A word (in brackets here) and more", columns=20)
        'A word…'
    """
    if _columns(text) <= columns:
        return text
    sentences = ""
    for sentence in _SENTENCE_END.split(text):
        joined = f"{sentences} {sentence}" if sentences else sentence
        if _columns(joined) > columns:
            break
        sentences = joined
    if _columns(sentences) >= columns // 2:
        return sentences
    cut, longer = "", ""
    for word in text.split(" "):
        longer = f"{longer} {word}" if longer else word
        if _columns(longer) > columns - 1:
            break
        if _balanced(longer):  # never inside brackets or quotes
            cut = longer
    return (cut.rstrip(",;:") or text[: columns // 2]) + "…"


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("()", "“”", "[]"))


# a search result reads plain words: what a page quotes or glosses is left out of it
_MATH = "\ufffc"  # stands for a formula while the text is cut into sentences
_GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])\([A-Za-z][\w ,.'’-]*\)")  # 텐서(tensor) → 텐서
# “딥러닝” (Deep learning) → “Deep learning”
_QUOTED_GLOSS = re.compile(r"“[^”]*[\uac00-\ud7a3][^”]*” \(([^()]*)\)")


def plain(paragraph: nodes.paragraph, lang: str) -> str:
    """A paragraph's text for a search result: without its sentences that hold a formula
    written with LaTeX commands (``\\nabla``; one such as ``Q = 3a^3`` reads as it is),
    without the English glosses of Korean words on a Korean page, and on an English page
    without the Korean of a title that is followed by its English gloss.

    Example:
        >>> from docutils import nodes
        >>> p = nodes.paragraph("", "", nodes.Text("텐서(tensor)는 배열입니다. 식은 "),
        ...                     nodes.math("", r"\\nabla x"), nodes.Text("입니다. 끝입니다."))
        >>> plain(p, "ko")
        '텐서는 배열입니다. 끝입니다.'
        >>> plain(nodes.paragraph("", "", nodes.Text("Take "), nodes.math("", "Q = a^3"),
        ...                       nodes.Text(".")), "en")
        'Take Q = a^3.'
        >>> plain(nodes.paragraph("", "The post “뿌수기” (Smashing) shows it."), "en")
        'The post “Smashing” shows it.'
    """
    copy = paragraph.deepcopy()
    for formula in list(copy.findall(nodes.math)):
        latex = formula.astext()
        formula.replace_self(nodes.Text(_MATH if "\\" in latex else latex))
    text = " ".join(copy.astext().split())
    text = " ".join(s for s in _SENTENCE_END.split(text) if _MATH not in s)
    if lang == "ko":
        return _GLOSS.sub("", text)
    return _QUOTED_GLOSS.sub(r"“\1”", text)


def description(doctree: nodes.document | None, pagename: str, lang: str) -> str:
    """A page's description for search engines and link previews: the prose that opens
    the page (before its first code), made :func:`plain` and trimmed by :func:`trim`, or
    a sentence for a generated page."""
    if doctree is not None:
        # the page's opening: its prose before the first code (or all of it if none)
        opening: list[str] = []
        for node in doctree.findall(lambda n: isinstance(n, nodes.paragraph | nodes.literal_block)):
            if isinstance(node, nodes.literal_block):
                if opening:
                    break
            elif _in_prose(node) and (text := plain(node, lang)):
                opening.append(text)
                if _columns(" ".join(opening)) >= _COLUMNS // 2:
                    break  # enough: the next paragraph may be the page's set-up
        text = " ".join(opening)
        if len(text) > 40:
            return trim(text)
    if pagename in _GENERATED:
        return translate(lang, _GENERATED[pagename])
    return ""


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:  # fmt: skip
    import torch

    lang = app.config.language
    url = f"{base_url()}{lang}/{pagename}.html" if base_url() else ""
    title = context.get("title") or app.config.project
    tags = {
        "og:title": f"{title} · {app.config.project}" if title != app.config.project else title,
        "og:type": "article" if doctree is not None and pagename != "index" else "website",
        "og:url": url,
        "og:site_name": app.config.project,
        "og:locale": LOCALES[lang],
        "og:locale:alternate": LOCALES[other(lang)],
        "og:description": description(doctree, pagename, lang),
    }
    context["metatags"] = context.get("metatags", "") + "".join(
        f'<meta property="{key}" content="{escape(value)}" />\n'
        for key, value in tags.items()
        if value
    )
    if tags["og:description"]:
        context["metatags"] += (
            f'<meta name="description" content="{escape(tags["og:description"])}" />\n'
        )
    torch_version = torch.__version__.split("+")[0]
    info: dict[str, str] = {"torch": torch_version, "date": build_date()}
    repo = repository()
    if repo:
        if path := source_path(lang, pagename):
            info["edit_url"] = f"https://github.com/{repo}/edit/main/{path}"
        commit = app.config.site_commit or "unknown"
        body = (
            f"Page: {url or f'{lang}/{pagename}.html'}\nLanguage: {lang}\nPyTorch: {torch_version}\n"
            f"Commit: {commit}\n\n" + translate(lang, "What went wrong?") + "\n"
        )
        query = urlencode({"title": f"[{lang}] {title}: ", "body": body}, quote_via=quote)
        info["issue_url"] = f"https://github.com/{repo}/issues/new?{query}"
    context["page_provenance"] = info


def _complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Give sphinx-sitemap every page, not only those this build wrote.

    sphinx-sitemap 2.9 lists the pages written during the build it runs in
    (jdillard/sphinx-sitemap#13), so a build that rewrites three pages would publish a
    sitemap of three. Runs just before it, at the end of the build: the pages it
    collected, plus every other page of the project, in a stable order.
    """
    queue = getattr(app.env.app, "sitemap_links", None)
    if exception is not None or queue is None:
        return
    from sphinx_sitemap import is_excluded

    links = {}
    while not queue.empty():
        link, last_updated = queue.get_nowait()
        links[link] = last_updated
    suffix = app.config.html_file_suffix or ".html"
    for docname in app.env.found_docs:
        link = docname + suffix
        if link not in links and not is_excluded(link, app.config.sitemap_excludes):
            links[link] = None
    for link in sorted(links):
        queue.put((link, links[link]))


def setup(app: Sphinx) -> dict[str, Any]:
    # the commit the site is built from (site_conf.build_commit), in every page's report
    # link; a config value, so that a new commit rewrites every page
    app.add_config_value("site_commit", "", "html", types=[str])
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _complete_sitemap, priority=400)  # sphinx-sitemap: 500
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
