"""Lighter published pages: what ``build/site`` gets that Sphinx's own output does not.

Sphinx's own output folder is left as Sphinx wrote it (the next incremental build would
refuse to overwrite changed files); the copy in ``build/site`` is made lighter:

- a stylesheet keeps only the rules whose selectors can match something the site
  has: an element, class or id of some page, or one that a script of the site may
  make (furo's stylesheet styles dozens of things this site never shows, such as
  ``kbd`` and ``blockquote``; Pygments' styles every token type in three colour
  schemes);
- a custom property (``--color-foo``) that nothing reads any more goes too;
- scripts are minified (their licence comments stay);
- files of ``_static`` that no page, stylesheet or script names (source maps,
  Binder and JupyterLite badges, the gallery's placeholder images, empty
  stylesheets) are not shipped: :func:`drop_unreferenced`;
- in highlighted code, Pygments wraps every plain name and every run of whitespace
  in a span of its own (``<span class="n">x</span>``) whose class no colour scheme
  here paints differently from the code around it; :func:`slim_html` drops the class
  and keeps the span (a bare text would be shaped as one run with its neighbours and
  move glyphs by a fraction of a pixel), about 10 bytes a token;
- furo's hidden icon sprite keeps only the icons the page draws, without indentation:
  :func:`slim_sprite`; the templates' indentation outside the page's content goes:
  :func:`strip_indentation`;
- Sphinx's ``translations.js`` keeps the messages a script asks for:
  :func:`prune_translations`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import rjsmin
import tinycss2

_STRING = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")


def script_names(source: str) -> set[str]:
    """Every class-like word inside a script's string literals (what it may set).

    >>> sorted(script_names("el.classList.add('scrolled'); x.className = `a b-c`; y = 1"))
    ['a', 'b-c', 'scrolled']
    """
    return {word for literal in _STRING.findall(source) for word in _WORD.findall(literal)}


# Sphinx writes every attribute value in double quotes (some as ``class = "..."``)
_ATTRIBUTE = re.compile(r'\s(class|id)\s*=\s*"([^"]*)"')
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)


_ELEMENT = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")


def used_names(outdir: Path) -> set[str]:
    """Elements, classes and ids of every built page, plus those the site's scripts may make."""
    names: set[str] = set()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        names.update(element.lower() for element in _ELEMENT.findall(html))
        for kind, value in _ATTRIBUTE.findall(html):
            names.update(value.split() if kind == "class" else (value,))
        for script in _INLINE_SCRIPT.findall(html):
            names |= script_names(script)
    for script in (outdir / "_static").rglob("*.js"):
        names |= script_names(script.read_text(encoding="utf-8", errors="replace"))
    return names


def _selectors(prelude: list[Any]) -> list[list[Any]]:
    """Split a selector list at its top-level commas."""
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _required(selector: list[Any]) -> set[str]:
    """The elements, classes and ids that must exist for ``selector`` to match.

    Names inside ``:not()``, ``:is()`` and other functions are not required (a
    ``:not(.x)`` matches precisely when ``.x`` is absent), so they never cause a drop.

    >>> sorted(_required(tinycss2.parse_component_value_list("kbd:not(.x) > a.y::after")))
    ['a', 'kbd', 'y']
    """
    names = set()
    for index, token in enumerate(selector):
        before = selector[index - 1] if index else None
        if token.type == "ident" and (
            before is None
            or before.type == "whitespace"
            or (before.type == "literal" and before.value in {">", "+", "~"})
        ):
            names.add(token.value.lower())  # an element: ``kbd`` in ``kbd .x``
        elif token.type == "hash" and token.is_identifier:
            names.add(token.value)
        elif token.type == "literal" and token.value == "." and index + 1 < len(selector):
            following = selector[index + 1]
            if following.type == "ident":
                names.add(following.value)
    return names


def _declarations(content: list[Any], variables: set[str] | None) -> str:
    parts = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            if variables is not None and item.name.startswith("--") and item.name not in variables:
                continue
            value = tinycss2.serialize(item.value).strip()
            parts.append(f"{item.name}:{value}{'!important' if item.important else ''}")
        elif item.type != "error":
            parts.append(item.serialize().strip())
    return ";".join(parts)


def _purge_rules(rules: list[Any], used: set[str], variables: set[str] | None) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                tinycss2.serialize(selector).strip()
                for selector in _selectors(rule.prelude)
                if _required(selector) <= used
            ]
            declarations = _declarations(rule.content, variables)
            if selectors and declarations:
                kept.append(",".join(selectors) + "{" + declarations + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer"):
            if rule.content is None:  # a statement such as ``@layer a, b;``
                kept.append(rule.serialize())
                continue
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            body = _purge_rules(inner, used, variables)
            if body:
                prelude = " ".join(tinycss2.serialize(rule.prelude).split())
                kept.append(f"@{rule.at_keyword} {prelude}{{{''.join(body)}}}")
        else:
            kept.append(rule.serialize().strip())
    return kept


def purge_css(source: str, used: set[str], variables: set[str] | None = None) -> str:
    """Keep only the rules of ``source`` whose selectors need nothing outside ``used``.

    A selector list keeps the selectors that can match; a rule or ``@media`` block with
    none left goes. If ``variables`` is given, custom properties not in it go too.
    Comments go; a stylesheet tinycss2 cannot parse cleanly is kept whole.

    >>> purge_css(".a, .b > p { color : red }  @media (min-width: 1px) { .c { x: y } }", {"a"})
    '.a{color:red}'
    >>> purge_css("p:not(.x) { margin: 0 !important } /* note */", {"p"})
    'p:not(.x){margin:0!important}'
    >>> purge_css(":root { --used: 1px; --unused: 2px } p { margin: var(--used) }", {"p"}, {"--used"})
    ':root{--used:1px}p{margin:var(--used)}'
    """
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    if any(rule.type == "error" for rule in rules):
        return source
    return "".join(_purge_rules(rules, used, variables))


_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
_VAR = re.compile(r"var\(\s*(--[A-Za-z_][\w-]*)")


# Pygments' plain names and whitespace: both schemes paint them in the code's own
# colour (``.n`` is unstyled in the light scheme and the base colour in the dark one;
# ``.w`` only colours spaces), so outside links the classes change no pixel. Inside a
# link (sphinx-gallery links ``torch.manual_seed`` to its documentation) the dark
# scheme's ``.n`` paints over the link colour, so links are left as they are.
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">')
_LINK = re.compile(r"(<a\b[^>]*>.*?</a>)", re.S)
_PAGE_SKIP = {"_static", "_downloads", "_images", "_sources"}


def unclass_plain_tokens(html: str) -> str:
    """Drop the class of Pygments' name and whitespace spans outside links.

    Example:
        >>> unclass_plain_tokens('<span class="n">x</span><span class="w"> </span><span class="o">=</span>')
        '<span>x</span><span> </span><span class="o">=</span>'
        >>> unclass_plain_tokens('<a href="t"><span class="n">torch</span><span class="n">seed</span></a>')
        '<a href="t"><span class="n">torch</span><span class="n">seed</span></a>'
    """
    parts = _LINK.split(html)
    return "".join(
        part if i % 2 else _PLAIN_TOKEN.sub("<span>", part) for i, part in enumerate(parts)
    )


_PRE = re.compile(r'(<div class="highlight"><pre>.*?</pre>)', re.S)
# a link in code, its tooltip and its contents (a few token spans)
_CODE_LINK = re.compile(r"<a\b([^>]*)>((?:<span[^>]*>[^<]*</span>)+)</a>")
_LINK_TITLE = re.compile(r' title="([^"]*)"')
_LINK_CLASS = re.compile(r' class="([^"]*)"')
# Sphinx marks every link ``reference internal`` or ``reference external``; the
# stylesheets read those classes in the sidebar and the gallery's signature only
_READ_IN_CODE = {"reference", "internal", "external"}
_TAG = re.compile(r"<[^>]+>")


def _lighter_link(match: re.Match[str]) -> str:
    attributes, inner = match.groups()
    title = _LINK_TITLE.search(attributes)
    if title and title.group(1) == _TAG.sub("", inner):
        attributes = attributes.replace(title.group(0), "", 1)
    found = _LINK_CLASS.search(attributes)
    if found:
        kept = [name for name in found.group(1).split() if name not in _READ_IN_CODE]
        lighter = f' class="{" ".join(kept)}"' if kept else ""
        attributes = attributes.replace(found.group(0), lighter, 1)
    return f"<a{attributes}>{inner}</a>"


def lighten_code(html: str) -> str:
    """Drop what highlighted code carries that changes nothing a reader sees or hears.

    Inside highlighted blocks only, where sphinx-gallery links names to their
    documentation: a link loses a tooltip that repeats its text (``title="torch.empty"``
    on ``torch.empty``; ``title="torch.Tensor"`` on a variable stays) and the classes
    no stylesheet or script reads there.

    Example:
        >>> lighten_code('<div class="highlight"><pre><a class="reference external" href="t" '
        ...              'title="f"><span class="n">f</span></a></pre>')
        '<div class="highlight"><pre><a href="t"><span class="n">f</span></a></pre>'
        >>> lighten_code('<div class="highlight"><pre><a class="x reference internal" href="t" '
        ...              'title="torch.Tensor"><span class="n">x</span></a></pre>')
        '<div class="highlight"><pre><a class="x" href="t" title="torch.Tensor"><span class="n">x</span></a></pre>'
        >>> lighten_code('<p><a class="reference external" href="t" title="f"><span>f</span></a></p>')
        '<p><a class="reference external" href="t" title="f"><span>f</span></a></p>'
    """

    def block(match: re.Match[str]) -> str:
        return _CODE_LINK.sub(_lighter_link, match.group(1))

    return _PRE.sub(block, html)


# furo's icons: one hidden ``<svg>`` of ``<symbol>``s at the top of every page, drawn
# where a ``<use href="#svg-…">`` names one
_SPRITE = re.compile(
    r'<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">.*?</symbol>\s*</svg>', re.S
)
_SYMBOL = re.compile(r'<symbol id="([^"]+)".*?</symbol>', re.S)
_ICON_CLASS = re.compile(r'\s+class="([^"]*)"')


def slim_sprite(html: str, assets: str = "") -> str:
    r"""Drop from furo's hidden sprite what no one reads: the icons a page never draws,
    the indentation, and inside an icon the ``xmlns`` an HTML parser does not need and
    the classes no stylesheet or script names.

    A symbol stays when the page outside the sprite, or ``assets`` (the text of the
    site's stylesheets and scripts), names its id. Whitespace between tags is dropped
    and runs of it in a tag become one space: the sprite is never shown, only drawn
    from by ``<use>``.

    Example:
        >>> page = ('<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">\n'
        ...         '  <symbol id="svg-sun" viewBox="0 0 24 24">\n    <title>Sun</title>\n'
        ...         '    <svg xmlns="http://www.w3.org/2000/svg" class="feather-sun"></svg>\n'
        ...         '  </symbol>\n  <symbol id="svg-eye" viewBox="0 0 24 24"></symbol>\n</svg>\n'
        ...         '<svg><use href="#svg-sun"></use></svg>')
        >>> slim_sprite(page)
        '<svg xmlns="http://www.w3.org/2000/svg" style="display: none;"><symbol id="svg-sun" viewBox="0 0 24 24"><title>Sun</title><svg></svg></symbol></svg>\n<svg><use href="#svg-sun"></use></svg>'
        >>> slim = slim_sprite(page, assets='use("#svg-eye") .feather-sun{}')
        >>> slim.count("<symbol"), 'class="feather-sun"' in slim
        (2, True)
    """
    found = _SPRITE.search(html)
    if not found:
        return html
    rest = html[: found.start()] + html[found.end() :] + assets

    def unread(attribute: re.Match[str]) -> str:
        return attribute.group(0) if any(c in assets for c in attribute.group(1).split()) else ""

    def kept(symbol: re.Match[str]) -> str:
        if f"#{symbol.group(1)}" not in rest:
            return ""
        inner = symbol.group(0).replace(' xmlns="http://www.w3.org/2000/svg"', "")
        return _ICON_CLASS.sub(unread, inner)

    sprite = _SYMBOL.sub(kept, found.group(0))
    sprite = re.sub(r">\s+<", "><", re.sub(r"\s+", " ", sprite))
    return html[: found.start()] + sprite + html[found.end() :]


# elements whose whitespace is their content (a pre, a textarea) or is another language's
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S)
_INDENT = re.compile(r"\n[ \t\n]*")


def _main_element(html: str) -> tuple[int, int] | None:
    """Where the element with ``role="main"`` starts and ends in ``html``."""
    found = re.search(r'<(\w+)\b[^>]*\brole="main"[^>]*>', html)
    if not found:
        return None
    name, depth = found.group(1), 0
    for tag in re.finditer(rf"<(/?){name}\b[^>]*>", html[found.start() :]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return found.start(), found.start() + tag.end()
    return None


def strip_indentation(html: str) -> str:
    r"""Drop the templates' indentation and blank lines around the page's content: each
    line break followed by whitespace becomes a bare line break, which a browser shows
    as the same one space.

    Nothing changes inside ``pre``, ``textarea``, ``script`` and ``style`` (no stylesheet
    of the site sets ``white-space: pre`` on any other element), nor inside the element
    with ``role="main"``: Sphinx's search cuts its result summaries from that element's
    text, whitespace included, and they must read as they do in Sphinx's own output.

    Example:
        >>> strip_indentation('<ul>\n    <li><a>x</a>\n\n    </li>\n</ul><pre>\n    kept</pre>')
        '<ul>\n<li><a>x</a>\n</li>\n</ul><pre>\n    kept</pre>'
        >>> strip_indentation('<nav>\n  <a>x</a>\n</nav><div role="main">\n  <div>\n  y</div>\n</div>\n  z')
        '<nav>\n<a>x</a>\n</nav><div role="main">\n  <div>\n  y</div>\n</div>\nz'
    """
    main = _main_element(html)
    if main:
        start, end = main
        return strip_indentation(html[:start]) + html[start:end] + strip_indentation(html[end:])
    parts = _VERBATIM.split(html)
    # split gives [text, verbatim element, its tag name, text, ...]
    return "".join(
        _INDENT.sub("\n", part) if i % 3 == 0 else part
        for i, part in enumerate(parts)
        if i % 3 != 2
    )


def slim_html(outdir: Path) -> None:
    """Apply :func:`unclass_plain_tokens`, :func:`lighten_code`, :func:`slim_sprite` and
    :func:`strip_indentation` to every page under ``outdir``."""
    assets = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (outdir / "_static").rglob("*")
        if path.suffix in {".css", ".js"}
    )
    for page in outdir.rglob("*.html"):
        if _PAGE_SKIP & set(page.relative_to(outdir).parts):
            continue
        html = page.read_text(encoding="utf-8")
        slim = strip_indentation(slim_sprite(lighten_code(unclass_plain_tokens(html)), assets))
        if slim != html:
            page.write_text(slim, encoding="utf-8")


_TRANSLATIONS = re.compile(r"^(Documentation\.addTranslations\()(\{.*\})(\);?\s*)$", re.S)


def prune_translations(source: str, scripts: str) -> str:
    """Keep, of Sphinx's ``translations.js``, the messages some script can ask for.

    Sphinx writes its whole Korean catalogue there (54 messages, such as "Complete
    Table of Contents", that only its HTML templates use, translated at build time);
    the scripts ask for a dozen, each by its English text (``_("Search Results")``).
    A message stays when ``scripts`` (the site's scripts and pages) hold its text.

    Example:
        >>> js = 'Documentation.addTranslations({"locale": "ko", "messages": {"Search": "검색", "Index": "색인"}, "plural_expr": "0"});'
        >>> prune_translations(js, 'Documentation.gettext("Search")')
        'Documentation.addTranslations({"locale":"ko","messages":{"Search":"검색"},"plural_expr":"0"});'
    """
    found = _TRANSLATIONS.match(source)
    if not found:
        return source
    catalogue = json.loads(found.group(2))
    catalogue["messages"] = {
        msgid: text for msgid, text in catalogue.get("messages", {}).items() if msgid in scripts
    }
    pruned = json.dumps(catalogue, ensure_ascii=False, separators=(",", ":"))
    return found.group(1) + pruned + found.group(3)


def slim_static(outdir: Path) -> None:
    """Purge every stylesheet, prune Sphinx's message catalogue and minify every script
    under ``outdir/_static``."""
    used = used_names(outdir)
    static = outdir / "_static"
    sheets = {
        sheet: purge_css(sheet.read_text(encoding="utf-8"), used) for sheet in static.rglob("*.css")
    }
    # custom properties a page or a script may name, then those the kept rules read;
    # dropping one can leave another unread, so repeat until nothing changes
    named = set()
    for path in [*outdir.rglob("*.html"), *static.rglob("*.js")]:
        named.update(_PROPERTY.findall(path.read_text(encoding="utf-8", errors="replace")))
    while True:
        variables = named.union(*(_VAR.findall(text) for text in sheets.values()))
        purged = {sheet: purge_css(text, used, variables) for sheet, text in sheets.items()}
        if purged == sheets:
            break
        sheets = purged
    for sheet, text in sheets.items():
        sheet.write_text(text, encoding="utf-8")
    translations = static / "translations.js"
    if translations.is_file():
        scripts = "".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in [*static.rglob("*.js"), *outdir.rglob("*.html")]
            if path != translations
        )
        pruned = prune_translations(translations.read_text(encoding="utf-8"), scripts)
        translations.write_text(pruned, encoding="utf-8")
    for script in static.rglob("*.js"):
        if script.name.endswith(".min.js"):
            continue
        source = script.read_text(encoding="utf-8")
        script.write_text(rjsmin.jsmin(source, keep_bang_comments=True), encoding="utf-8")


def unnamed_static(outdir: Path) -> list[Path]:
    """The files of ``outdir/_static`` whose name no other HTML, CSS or JS file holds."""
    texts = {
        path: path.read_text(encoding="utf-8", errors="replace")
        for path in outdir.rglob("*")
        if path.suffix in {".html", ".css", ".js"} and path.is_file()
    }
    return [
        path
        for path in sorted((outdir / "_static").rglob("*"))
        if path.is_file()
        and not any(path.name in text for other, text in texts.items() if other != path)
    ]


def drop_unreferenced(outdir: Path) -> list[str]:
    """Delete the files of ``outdir/_static`` that :func:`unnamed_static` finds.

    Deleting one file can leave another unnamed, so this repeats until nothing
    changes. Returns the deleted paths, relative to ``_static``.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "_static").mkdir()
    >>> _ = (root / "index.html").write_text('<script src="_static/a.js"></script>')
    >>> _ = (root / "_static" / "a.js").write_text('load("b.css")')
    >>> _ = (root / "_static" / "b.css").write_text("p { color: red }")
    >>> _ = (root / "_static" / "c.js").write_text('load("d.png")')
    >>> _ = (root / "_static" / "d.png").write_bytes(b"")
    >>> drop_unreferenced(root)
    ['c.js', 'd.png']
    """
    dropped: list[str] = []
    while unnamed := unnamed_static(outdir):
        for path in unnamed:
            path.unlink()
            dropped.append(path.relative_to(outdir / "_static").as_posix())
    return dropped
