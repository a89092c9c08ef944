"""Sphinx extension: render formulas as MathML when the site is built.

Sphinx's default, MathJax, is a script loaded from a CDN: offline, a reader sees raw
LaTeX. Browsers render MathML natively, so converting each formula at build time
(with ``latex2mathml``) needs no script, no font download and no network.
A formula the converter cannot handle fails the build and names the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator


def to_mathml(latex: str, *, display: bool) -> str:
    """Convert one LaTeX formula to a ``<math>`` element.

    >>> to_mathml("x^2", display=False)
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>'
    """
    try:
        return convert(latex.strip(), display="block" if display else "inline")
    except Exception as error:  # the converter raises many kinds
        raise ExtensionError(f"cannot convert formula {latex!r} to MathML: {error}") from error


def _where(node: nodes.Node) -> str:
    return f"{node.source}:{node.line}" if node.source else "<unknown>"


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    try:
        mathml = to_mathml(node.astext(), display=False)
    except ExtensionError as error:
        raise ExtensionError(f"{_where(node)}: {error}") from error
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(mathml + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self: HTML5Translator, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})</span>')
    for part in (p for p in node.astext().split("\n\n") if p.strip()):
        try:
            self.body.append(to_mathml(part, display=True))
        except ExtensionError as error:
            raise ExtensionError(f"{_where(node)}: {error}") from error
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer(
        "mathml",
        inline_renderers=(visit_math, None),
        block_renderers=(visit_displaymath, None),
    )
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
