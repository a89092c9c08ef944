"""Sphinx extension: the reader's glossary page, rendered from ``tools/glossary.toml``.

The project keeps one glossary, ``tools/glossary.toml``: the Korean lint reads its
variants, and this extension renders the Glossary page from it. A page writes

.. code-block:: markdown

    ```{site-glossary}
    ```

and gets every entry that is not marked ``show = false``, as an entry of Sphinx's own
glossary: the term in the page's language first and the other language's under it (both
are glossary terms, so ``{term}`기울기``` and ``{term}`gradient``` link to it), the
definition in the page's language, and a link to the page that first explains the term.
Entries are sorted in the page's language (가나다 order, or alphabetical).

An entry whose ``page`` is not a page of the build, or that lacks a field the page needs,
is a warning (``glossary.page``, ``glossary.entry``) that names the term and its line in
``tools/glossary.toml``; warnings fail the build. The page is read again whenever
``tools/glossary.toml`` changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sitekit.catalogue import translate
from sitekit.settings import ROOT
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)
GLOSSARY = ROOT / "tools" / "glossary.toml"
FIELDS = ("english", "use", "page", "ko_definition", "en_definition")


@dataclass(frozen=True)
class Term:
    """One entry of the glossary page."""

    english: str
    korean: str
    page: str
    definitions: dict[str, str]
    line: int  # of its ``[[term]]`` in the glossary file

    def names(self, lang: str) -> tuple[str, str]:
        """The term in ``lang`` first, then in the other language.

        >>> Term("gradient", "기울기", "p", {}, 1).names("ko")
        ('기울기', 'gradient')
        """
        return (self.korean, self.english) if lang == "ko" else (self.english, self.korean)

    def anchor(self) -> str:
        """The HTML id of the entry, the same on both pages.

        >>> Term("data type (dtype)", "데이터 타입", "p", {}, 1).anchor()
        'term-data-type-dtype'
        """
        return nodes.make_id(f"term-{self.english}")


def entries(path: Path = GLOSSARY) -> list[tuple[int, dict[str, Any]]]:
    """Every ``[[term]]`` of the glossary file, with the line it starts on."""
    text = path.read_text(encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[term]]"]
    terms = tomllib.loads(text).get("term", [])
    return list(zip(lines, terms, strict=True))


def read(path: Path = GLOSSARY) -> tuple[list[Term], list[tuple[int, str]]]:
    """The entries the page shows, and the problems of entries it cannot show.

    A problem is ``(line, message)``: an entry not marked ``show = false`` that lacks one
    of :data:`FIELDS` (or has an empty one).
    """
    shown, problems = [], []
    for line, entry in entries(path):
        if entry.get("show", True) is False:
            continue
        missing = [f for f in FIELDS if not str(entry.get(f, "")).strip()]
        if missing:
            name = entry.get("english") or entry.get("use") or "?"
            problems.append((line, f"glossary term {name!r} lacks {', '.join(missing)} "
                                   "(or add `show = false` to keep it off the page)"))  # fmt: skip
            continue
        shown.append(
            Term(
                english=entry["english"],
                korean=entry["use"],
                page=entry["page"],
                definitions={"ko": entry["ko_definition"], "en": entry["en_definition"]},
                line=line,
            )
        )
    return shown, problems


class SiteGlossary(SphinxDirective):
    """``{site-glossary}``: the glossary of ``tools/glossary.toml`` in the page's language."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        path = Path(self.config.site_glossary)
        self.env.note_dependency(path)
        lang = self.config.language
        terms, problems = read(path)
        for line, message in problems:
            logger.warning(message, location=f"{path}:{line}", type="glossary", subtype="entry")
        items = nodes.definition_list(classes=["glossary"])
        for term in sorted(terms, key=lambda t: t.names(lang)[0].casefold()):
            items += self._item(term, lang, path)
        glossary = addnodes.glossary()
        glossary["sorted"] = False  # sorted here, in the page's language
        glossary += items
        return [glossary]

    def _item(self, term: Term, lang: str, path: Path) -> nodes.definition_list_item:
        item = nodes.definition_list_item()
        source = self.env.doc2path(self.env.docname)
        for number, name in enumerate(term.names(lang)):
            node = make_glossary_term(
                self.env, [nodes.Text(name)], None, str(source), self.lineno,
                term.anchor() + ("" if number == 0 else "-" + ("en" if lang == "ko" else "ko")),
                self.state.document,
            )  # fmt: skip
            if number:
                node["classes"].append("glossary-other-language")
            item += node
        definition = nodes.definition()
        text, messages = self.parse_inline(term.definitions[lang], lineno=self.lineno)
        definition += nodes.paragraph("", "", *text)
        definition += messages
        where = nodes.paragraph(classes=["glossary-page"])
        # the line under each definition: where the term is first explained
        where += nodes.Text(translate(lang, "First explained in: "))
        if term.page in self.env.found_docs:
            where += addnodes.pending_xref(
                "", nodes.inline(), refdomain="std", reftype="doc", refexplicit=False,
                reftarget=f"/{term.page}", refdoc=self.env.docname, refwarn=True,
            )  # fmt: skip
            definition += where
        else:
            logger.warning(
                "glossary term %r (%s) links to %r, which is not a page of this site",
                term.english, term.korean, term.page,
                location=f"{path}:{term.line}", type="glossary", subtype="page",
            )  # fmt: skip
        item += definition
        return item


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("site_glossary", str(GLOSSARY), "env", str)
    app.add_directive("site-glossary", SiteGlossary)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
