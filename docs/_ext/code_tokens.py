"""Example code written as Pygments writes every other code block: one span per run of a class.

sphinx-gallery (0.22) lexes an example's code itself, to link names to their documentation,
and gives every token a node of its own: ``f((2, 3))`` gets one ``p`` span for each ``(``,
and every line end a ``w`` span. Pygments' HTML formatter, which writes the site's other code
blocks, joins neighbouring tokens of one class and leaves line ends bare. This post-transform
does the same to sphinx-gallery's blocks after it has linked them: a gallery page loses about
a tenth of its code's markup, and the code reads and copies exactly as before. Links are left
whole.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def merge_runs(children: list[nodes.Node]) -> list[nodes.Node]:
    """Join neighbouring spans of one class; a span of line ends only becomes the line ends.

    Example:
        >>> tokens = [nodes.inline("(", "(", classes=["p"]), nodes.inline("(", "(", classes=["p"]),
        ...           nodes.inline("2", "2", classes=["mi"]), nodes.inline("\\n", "\\n", classes=["w"]),
        ...           nodes.inline(")", ")", classes=["p"])]
        >>> [(n.astext(), n["classes"] if isinstance(n, nodes.inline) else "bare")
        ...  for n in merge_runs(tokens)]
        [('((', ['p']), ('2', ['mi']), ('\\n', 'bare'), (')', ['p'])]
    """
    merged: list[nodes.Node] = []
    for node in children:
        plain = type(node) is nodes.inline and len(node.children) == 1
        if plain and node.astext().strip("\n") == "":
            node = nodes.Text(node.astext())
        elif (
            plain
            and merged
            and type(merged[-1]) is nodes.inline
            and merged[-1]["classes"] == node["classes"]
        ):
            text = merged[-1].astext() + node.astext()
            merged[-1] = nodes.inline(text, text, classes=node["classes"])
            continue
        merged.append(node)
    return merged


class MergeTokenRuns(SphinxPostTransform):
    """Apply :func:`merge_runs` to each block sphinx-gallery has linked."""

    default_priority = 6  # after sphinx-gallery's CodeLinksTransform (5)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.Element):
            if type(block).__name__ != "code_links_block":
                continue
            children = merge_runs(list(block.children))
            block.clear()
            block.extend(children)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(MergeTokenRuns)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
