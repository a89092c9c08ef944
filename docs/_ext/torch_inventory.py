"""Generate an intersphinx inventory of PyTorch's API from the installed ``torch``.

The build has no network, so PyTorch's own ``objects.inv`` cannot be fetched.
PyTorch's documentation gives (almost) every public object a page named after it,
``generated/<qualified name>.html``; this module lists the public objects of the
modules the site teaches and writes an inventory with those addresses, so that
Sphinx (``:py:func:`` roles), sphinx-gallery (names in code blocks) and the
``api_links`` extension (names in inline code) link to PyTorch's documentation.
"""

from __future__ import annotations

import inspect
import zlib
from collections.abc import Iterator
from pathlib import Path

BASE_URL = "https://docs.pytorch.org/docs/stable/"

# modules whose objects are documented on one page rather than one page each
MODULE_PAGES = {
    "torch": "torch.html",
    "torch.nn": "nn.html",
    "torch.nn.functional": "nn.functional.html",
    "torch.nn.init": "nn.init.html",
    "torch.autograd": "autograd.html",
    "torch.autograd.functional": "autograd.html",
    "torch.optim": "optim.html",
    "torch.utils.data": "data.html",
    "torch.multiprocessing": "multiprocessing.html",
    "torch.onnx": "onnx.html",
    "torch.cuda": "cuda.html",
    "torch.linalg": "linalg.html",
}
ONE_PAGE_MODULES = {"torch.nn.init", "torch.utils.data", "torch.multiprocessing"}
SPECIAL = {
    # gradcheck lives in a module of the same name
    "torch.autograd.gradcheck": ("function", "generated/torch.autograd.gradcheck.gradcheck.html#torch.autograd.gradcheck.gradcheck"),
    "torch.autograd.gradgradcheck": ("function", "generated/torch.autograd.gradcheck.gradgradcheck.html#torch.autograd.gradcheck.gradgradcheck"),
    "torch.onnx.export": ("function", "onnx_export.html#torch.onnx.export"),
}  # fmt: skip


def _public(obj: object) -> Iterator[tuple[str, object]]:
    names = getattr(obj, "__all__", None) or [n for n in dir(obj) if not n.startswith("_")]
    for name in names:
        if name.startswith("_"):
            continue
        try:
            yield name, getattr(obj, name)
        except Exception:  # noqa: BLE001 - lazy attributes may fail to import
            continue


def _role(obj: object) -> str | None:
    if inspect.isclass(obj):
        return "class"
    if callable(obj):
        return "function"
    return None


def entries() -> dict[str, tuple[str, str]]:
    """Map each qualified name to its (role, relative URL) in PyTorch's documentation."""
    import importlib

    import torch

    found: dict[str, tuple[str, str]] = {}
    for module_name, page in MODULE_PAGES.items():
        found[module_name] = ("module", f"{page}#module-{module_name}")
        module = importlib.import_module(module_name)
        for name, obj in _public(module):
            role = _role(obj)
            qualified = f"{module_name}.{name}"
            if role is None or inspect.ismodule(obj):
                continue
            if module_name in ONE_PAGE_MODULES:
                found.setdefault(qualified, (role, f"{page}#{qualified}"))
            else:
                found.setdefault(qualified, (role, f"generated/{qualified}.html#{qualified}"))
    found["torch.Tensor"] = ("class", "tensors.html#torch.Tensor")
    for name, obj in _public(torch.Tensor):
        qualified = f"torch.Tensor.{name}"
        role = "method" if callable(obj) else "attribute"
        found[qualified] = (role, f"generated/{qualified}.html#{qualified}")
    for cls in ("Module", "Parameter"):
        for name, obj in _public(getattr(torch.nn, cls)):
            if callable(obj) and not inspect.isclass(obj):
                qualified = f"torch.nn.{cls}.{name}"
                found.setdefault(
                    qualified, ("method", f"generated/torch.nn.{cls}.html#{qualified}")
                )
    for name in ("step", "zero_grad", "add_param_group", "state_dict", "load_state_dict"):
        qualified = f"torch.optim.Optimizer.{name}"
        found[qualified] = ("method", f"generated/{qualified}.html#{qualified}")
    found.update(SPECIAL)
    return found


def write_inventory(path: Path) -> Path:
    """Write the inventory (Sphinx's version 2 format) to ``path``, unless it is current."""
    import torch

    header = (
        "# Sphinx inventory version 2\n"
        "# Project: PyTorch\n"
        f"# Version: {torch.__version__.split('+')[0]}\n"
        "# The remainder of this file is compressed using zlib.\n"
    ).encode()
    if path.exists() and path.read_bytes().startswith(header):
        return path
    lines = [f"{name} py:{role} 1 {uri} -\n" for name, (role, uri) in sorted(entries().items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + zlib.compress("".join(lines).encode()))
    return path
