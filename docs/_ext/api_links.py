"""Sphinx extension: link PyTorch names in inline code to PyTorch's documentation.

Prose mentions API names as inline code (``torch.reshape``, ``nn.Linear``,
``Tensor.backward()``). Each one found in the generated PyTorch inventory (see
:mod:`torch_inventory`) becomes a link to its page, with no network at build time.
Names in code blocks are linked by sphinx-gallery from the same inventory.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.ext.intersphinx import InventoryAdapter
from sphinx.transforms.post_transforms import SphinxPostTransform
from torch_inventory import BASE_URL, write_inventory

_NAME = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?:\(\))?$")
PREFIXES = ("", "torch.", "torch.nn.", "torch.nn.functional.")


def candidates(text: str) -> list[str]:
    """Qualified names an inline literal may stand for, most specific first.

    >>> candidates("nn.Linear")
    ['nn.Linear', 'torch.nn.Linear', 'torch.nn.nn.Linear', 'torch.nn.functional.nn.Linear']
    >>> candidates("F.relu")[-1]
    'torch.nn.functional.relu'
    >>> candidates("x + 1")
    []
    """
    match = _NAME.match(text.strip())
    if not match:
        return []
    name = match.group("name")
    if name.startswith("F."):
        return [f"torch.nn.functional.{name[2:]}"]
    return [prefix + name for prefix in PREFIXES]


class LinkInlineApiNames(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        inventory = InventoryAdapter(self.env).named_inventory.get("torch", {})
        lookup: dict[str, str] = {}
        for objtype, items in inventory.items():
            if objtype.startswith("py:"):
                for name, item in items.items():
                    lookup.setdefault(name, str(getattr(item, "uri", None) or item[2]))
        for literal in list(self.document.findall(nodes.literal)):
            if isinstance(literal.parent, nodes.reference) or "xref" in literal["classes"]:
                continue
            uri = next((lookup[c] for c in candidates(literal.astext()) if c in lookup), None)
            if uri is None:
                continue
            reference = nodes.reference("", "", internal=False, refuri=uri, classes=["api-link"])
            literal.replace_self(reference)
            reference += literal


def _configure_inventory(app: Sphinx, config: Config) -> None:
    path = write_inventory(Path(app.outdir).parent / "torch-objects.inv")
    config.intersphinx_mapping["torch"] = (BASE_URL, str(path))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx.ext.intersphinx")
    app.connect("config-inited", _configure_inventory, priority=100)
    app.add_post_transform(LinkInlineApiNames)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
