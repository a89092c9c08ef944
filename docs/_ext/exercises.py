"""Sphinx extension: exercises whose answers are folded until the reader opens them.

A page ends with two sections whose titles come from the catalogue: "Exercises"
(the prompts, a numbered list) and "Answers". Each subsection of "Answers" is one
answer: a sentence of why, the code that checks it, and the code's executed output.
This extension turns each such subsection into a native ``<details>`` element,
closed by default, whose ``<summary>`` is the subsection's title. It works without
JavaScript, in both themes, and the same way for sphinx-gallery pages and MyST-NB
pages, because it acts on the parsed page (the doctree), not on either source.

Why the answers stay ordinary sections in the sources: sphinx-gallery turns each
heading of a script into a Markdown heading of the notebook, and each code block
into a code cell, so the downloaded notebook holds "Answers", then "Answer 1" with
its own cell after it, and the ``.py`` holds every prompt before any answer. A
directive would have reached the notebook as raw reST.

The answer's code asserts what the answer claims, so a wrong answer raises, and the
gallery's strict mode (``gallery_hooks``) fails the build naming the file and line.

Search indexes the answers' words like any other text (they are in the doctree),
but the result summary is taken from the page without its answers
(``docs/_static/exercises.js``, on the search page only): it quotes the prompt.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sitekit.catalogue import translate
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator

ANSWER_CLASS = "exercise-answer"


class exercise_answer(nodes.General, nodes.Element):  # noqa: N801 (docutils' node naming)
    """One folded answer: ``<details class="exercise-answer">``."""


class answer_summary(nodes.TextElement):  # noqa: N801
    """The answer's visible label: ``<summary>``."""


def section_titles(lang: str) -> tuple[str, str]:
    """The titles of the exercises section and the answers section in ``lang``."""
    return translate(lang, "Exercises"), translate(lang, "Answers")


def _is_page_furniture(node: nodes.Node) -> bool:
    """sphinx-gallery's timing line, download target and footer, which follow the
    page's last section in the generated reST and so land inside the last answer."""
    if isinstance(node, addnodes.only):
        return True
    if isinstance(node, nodes.target) and any(
        str(i).startswith("sphx-glr-download") for i in node.get("ids", ())
    ):
        return True
    classes = node.get("classes", ()) if isinstance(node, nodes.Element) else ()
    return any(str(c).startswith(("sphx-glr-timing", "sphx-glr-footer")) for c in classes)


class FoldAnswers(SphinxTransform):
    """Each subsection of an "Answers" section becomes a closed ``<details>``."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        _, answers_title = section_titles(self.config.language or "en")
        for section in list(self.document.findall(nodes.section)):
            if not section.children or not isinstance(section[0], nodes.title):
                continue
            if section[0].astext().strip() != answers_title:
                continue
            self._fold(section)

    def _fold(self, answers: nodes.section) -> None:
        furniture: list[nodes.Node] = []
        for answer in [c for c in answers.children if isinstance(c, nodes.section)]:
            title = answer[0]
            body = list(answer.children[1:])
            for index, child in enumerate(body):
                if _is_page_furniture(child):
                    furniture += body[index:]
                    body = body[:index]
                    break
            details = exercise_answer(classes=[ANSWER_CLASS], ids=list(answer["ids"]),
                                      names=list(answer["names"]))  # fmt: skip
            summary = answer_summary(title.rawsource, "", *title.children)
            details += summary
            for child in body:
                child.parent = None
                details += child
            answer.replace_self(details)
        if furniture:
            parent = answers.parent
            position = parent.index(answers) + 1
            for child in furniture:
                child.parent = None
            parent[position:position] = furniture


def visit_answer(self: HTML5Translator, node: exercise_answer) -> None:
    self.body.append(self.starttag(node, "details", CLASS=""))


def depart_answer(self: HTML5Translator, node: exercise_answer) -> None:
    self.body.append("</details>\n")


def visit_summary(self: HTML5Translator, node: answer_summary) -> None:
    self.body.append("<summary>")


def depart_summary(self: HTML5Translator, node: answer_summary) -> None:
    self.body.append("</summary>\n")


def _pass(self: Any, node: nodes.Node) -> None:
    pass


def _search_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: nodes.document | None) -> None:  # fmt: skip
    if pagename == "search":
        app.add_js_file("exercises.js", priority=600)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(exercise_answer, html=(visit_answer, depart_answer), text=(_pass, _pass))
    app.add_node(answer_summary, html=(visit_summary, depart_summary), text=(_pass, _pass))
    app.add_transform(FoldAnswers)
    app.connect("html-page-context", _search_script)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
