"""One message catalogue: every Korean interface string is written in the ``.po`` file only.

Templates ask for text with ``_("...")``, Python with ``sitekit.catalogue.translate``;
the msgids are English, and a Korean page shows none of furo's English labels.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import bilingual
import furo
import pytest
import site_conf
import site_meta
import sphinx_copybutton
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sitekit import catalogue
from sitekit.settings import LANGUAGE_NAMES, LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# a language with a catalogue: every one but English, the msgids' own
TRANSLATED = [lang for lang in LANGUAGES if catalogue.po_path(lang).is_file()]
FURO_THEME = Path(furo.__file__).parent / "theme" / "furo"


def interface_files() -> Iterator[Path]:
    """The files that make the interface, but the catalogue."""
    yield from sorted((DOCS / "_ext").glob("*.py"))
    yield from sorted(p for p in (DOCS / "_templates").rglob("*") if p.is_file())
    yield from sorted(p for p in (DOCS / "_static").glob("*") if p.suffix in {".js", ".css"})
    yield from sorted((ROOT / "tools" / "sitekit").glob("*.py"))


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def hangul_literals(path: Path) -> list[str]:
    """Hangul in the string literals of a Python file (its docstrings are documentation:
    the Korean search's examples), or anywhere in another file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [line for line in text.splitlines() if HANGUL.search(line)]
    tree = ast.parse(text)
    skip = docstrings(tree)
    return [
        f"line {node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        # as written: a "\\uac00" escape names a character, it is no Korean text
        and HANGUL.search(ast.get_source_segment(text, node) or "")
    ]


def test_no_hangul_literal_outside_the_catalogue() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in interface_files()
        if (lines := hangul_literals(path))
    }
    assert found == {}, f"Korean text belongs in {catalogue.po_path('ko').relative_to(ROOT)}"


def test_the_hangul_check_finds_a_literal(tmp_path: Path) -> None:
    source = tmp_path / "labels.py"
    source.write_text('"""문서"""\n\nLABEL = "맨 아래"\n', encoding="utf-8")
    assert hangul_literals(source) == ["line 3: '맨 아래'"]


# --- every msgid the interface uses has a translation ---------------------------------

TEMPLATE_MSGID = re.compile(r"""\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")


def template_msgids() -> dict[str, str]:
    """msgid -> the template that asks for it (``_("...")`` in docs/_templates)."""
    found = {}
    for path in sorted((DOCS / "_templates").rglob("*.html")):
        for match in TEMPLATE_MSGID.finditer(path.read_text(encoding="utf-8")):
            found[match.group(1) or match.group(2)] = str(path.relative_to(ROOT))
    return found


# Functions that translate messages from a table rather than a literal, with the table.
TABLES = {
    "translate_gallery_labels": list(bilingual.GALLERY_LABELS),
    "add_copybutton_messages": list(bilingual.COPYBUTTON_MESSAGES.values()),
    "description": list(site_meta._GENERATED.values()),
}


def python_msgids() -> dict[str, str]:
    """msgid -> the file and function that asks for it (``translate(lang, msgid)``)."""
    found = {}
    for path in sorted([*(DOCS / "_ext").glob("*.py"), *(ROOT / "tools").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        function_of = {}  # node -> the name of the innermost function around it
        for function in ast.walk(tree):  # outer functions first: inner ones overwrite
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    function_of[node] = function.name
        for call in ast.walk(tree):
            if not (
                isinstance(call, ast.Call)
                and getattr(call.func, "id", getattr(call.func, "attr", None)) == "translate"
                and len(call.args) == 2
            ):
                continue
            name = function_of.get(call)
            where = f"{path.relative_to(ROOT)}: {name or '<module>'}"
            msgid = call.args[1]
            if isinstance(msgid, ast.Constant) and isinstance(msgid.value, str):
                found[msgid.value] = where
            else:
                assert name in TABLES, f"{where}: a msgid that is not a literal: list it"
                found.update(dict.fromkeys(TABLES[name], where))
    return found


def test_the_msgids_are_found() -> None:
    python = python_msgids()
    assert "Page not found" in python and "What went wrong?" in python
    assert set(bilingual.GALLERY_LABELS) <= set(python)
    assert {"Menu", "Report a problem", "Toggle site navigation sidebar"} <= set(template_msgids())


@cache
def messages(lang: str) -> dict[str, str | tuple[str, ...]]:
    with catalogue.po_path(lang).open("rb") as file:
        catalog = read_po(file, abort_invalid=True)
    return {
        message.id[0] if isinstance(message.id, tuple) else message.id: message.string
        for message in catalog
        if message.id
    }


PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sd]")


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("source", ["templates", "python"])
def test_every_msgid_has_a_translation(lang: str, source: str) -> None:
    used = template_msgids() if source == "templates" else python_msgids()
    table = messages(lang)
    missing = {msgid: where for msgid, where in used.items() if not table.get(msgid)}
    assert missing == {}, f"no text in {catalogue.po_path(lang).relative_to(ROOT)}"
    for msgid in used:
        text = table[msgid]
        text = text[0] if isinstance(text, tuple) else text
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), msgid


def test_the_catalogue_has_no_empty_message() -> None:
    for lang in TRANSLATED:
        empty = [msgid for msgid, text in messages(lang).items() if not any(text)]
        assert empty == [], f"{lang}: untranslated {empty}"


def test_translate_reads_the_catalogue() -> None:
    assert catalogue.translate("en", "Page not found") == "Page not found"
    for lang in TRANSLATED:
        assert catalogue.translate(lang, "Page not found") == messages(lang)["Page not found"]
        with pytest.raises(KeyError, match="no translation"):
            catalogue.translate(lang, "A message nobody wrote")


def test_english_text_is_the_msgid() -> None:
    """The English build's text is what it was before the catalogue held it."""
    assert site_conf.not_found_context("en") == {
        "title": "Page not found",
        "body": "<h1>Page not found</h1>\n<p>This address has moved or never existed. "
        "Try the table of contents or the search.</p>",
    }
    assert site_conf.first_notebook_cell("en").startswith(
        "# Prepares what this notebook needs (in Colab or a fresh environment);\n"
        "# where everything is installed already, it installs nothing.\n"
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_configuration_text_comes_from_the_catalogue(lang: str) -> None:
    table = messages(lang)
    assert site_conf.not_found_context(lang)["title"] == table["Page not found"]
    assert site_conf.first_notebook_cell(lang).startswith(
        "# " + table["Prepares what this notebook needs (in Colab or a fresh environment);"]
    )


def sphinx_gallery_page() -> str:
    """The labels of a generated gallery page, as this sphinx-gallery writes them."""
    from sphinx_gallery import gen_rst

    return "".join(
        [
            gen_rst.EXAMPLE_HEADER.format("plot_x.py", "auto_examples_ch_plot_x.py", "."),
            gen_rst.TIMING_CONTENT.format(1, 2.345),
            gen_rst.NOTEBOOK_DOWNLOAD.format("plot_x.ipynb"),
            gen_rst.CODE_DOWNLOAD.format("plot_x.py", "Python"),
            gen_rst.ZIP_DOWNLOAD.format("plot_x.zip"),
            gen_rst.SPHX_GLR_SIG,
        ]
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_sphinx_gallery_label_is_translated(lang: str) -> None:
    page = sphinx_gallery_page()
    assert bilingual.translate_gallery_labels(page, "en") == page
    translated = bilingual.translate_gallery_labels(page, lang)
    for msgid, groups in bilingual.GALLERY_LABELS.items():
        assert not bilingual.label_pattern(msgid, groups).search(translated), msgid
        # the translation's own words, up to its first variable part
        assert catalogue.translate(lang, msgid).split("%(")[0] in translated, msgid
    assert "<sphx_glr_download_auto_examples_ch_plot_x.py>" in translated
    assert "<plot_x.ipynb>" in translated


def test_copybutton_messages_are_its_english_ones() -> None:
    script = (Path(sphinx_copybutton.__file__).parent / "_static" / "copybutton.js_t").read_text(
        encoding="utf-8"
    )
    english = re.search(r"'en': \{(.*?)\}", script, re.S).group(1)
    assert dict(re.findall(r"'(\w+)': '([^']*)'", english)) == bilingual.COPYBUTTON_MESSAGES


def test_the_language_switch_speaks_the_language_it_leads_to() -> None:
    for lang in LANGUAGES:
        title = catalogue.translate(lang, "Read this page in %(language)s")
        assert LANGUAGE_NAMES[lang] in title % {"language": LANGUAGE_NAMES[lang]}


# --- the built Korean pages show none of furo's English labels ------------------------

LABEL_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


@cache
def furo_english() -> tuple[frozenset[str], tuple[str, ...]]:
    """furo's English interface strings, read from its templates and navigation code:
    (whole labels, prefixes of labels made with a page's title)."""
    labels = set()
    for path in FURO_THEME.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for attribute in LABEL_ATTRIBUTES:
            labels.update(re.findall(rf'\b{attribute}="([^"{{}}]+)"', text))
        labels.update(re.findall(r"<title>([^<{]+)</title>", text))
        labels.update(m.group(1) or m.group(2) for m in TEMPLATE_MSGID.finditer(text))
        labels.update(
            " ".join(m.split()) for m in re.findall(r"{%-? trans -?%}(.*?){%-? endtrans", text, re.S)
        )
    navigation = (FURO_THEME.parents[1] / "navigation.py").read_text(encoding="utf-8")
    prefixes = tuple(re.findall(r'accessible_name = f"([^"{]+)\{', navigation))
    return frozenset(label for label in labels if re.search("[A-Za-z]{2}", label)), prefixes


def test_furo_english_is_found() -> None:
    labels, prefixes = furo_english()
    assert {"Toggle site navigation sidebar", "Menu", "Auto light/dark, in dark mode"} <= labels
    assert prefixes == ("Toggle navigation of ",)


def page_labels(document: BeautifulSoup) -> Iterator[str]:
    """The labels a screen reader announces: attributes, icon titles, buttons' text."""
    for tag in document.find_all(True):
        for attribute in LABEL_ATTRIBUTES:
            if tag.get(attribute):
                yield " ".join(tag[attribute].split())
    for title in document.select("svg title, symbol title"):
        yield " ".join(title.get_text().split())
    for control in document.select("button, label, .theme-toggle, .sidebar-toggle"):
        if text := " ".join(control.get_text().split()):
            yield text


def korean_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "ko").rglob("*.html") if "_static" not in p.parts)


@pytest.mark.site
def test_korean_pages_show_no_english_furo_label(site: Path) -> None:
    labels, prefixes = furo_english()
    pages = korean_pages(site)
    assert len(pages) >= 10
    found: dict[str, set[str]] = {}
    for page in pages:
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for label in page_labels(document):
            if label in labels or label.startswith(prefixes):
                found.setdefault(label, set()).add(str(page.relative_to(site)))
    assert found == {}, {label: sorted(where)[:3] for label, where in found.items()}


@pytest.mark.site
def test_korean_copy_buttons_speak_korean(site: Path) -> None:
    script = (site / "ko" / "_static" / "copybutton.js").read_text(encoding="utf-8")
    entry = re.search(r"""['"]ko['"]\s*:\s*\{([^}]*)\}""", script)
    assert entry and all(
        catalogue.translate("ko", msgid) in entry.group(1)
        for msgid in bilingual.COPYBUTTON_MESSAGES.values()
    )
