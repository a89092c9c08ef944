"""Bad and edge-case input for ``pytorch_basics.graph`` and ``pytorch_basics.plotting``.

The table covers every public callable of the two modules: ``trace_graph``,
``draw_graph``, ``draw_forward_backward``, the ``GraphNode`` and ``Graph``
constructors, ``draw_tensor``, ``hangul_font_path`` and ``use_site_style``
(``KIND_COLOURS`` and ``OPERATOR_SYMBOLS`` are plain dicts with nothing to call).
Each row tries one argument with one kind of bad or edge-case value: a wrong type,
shape or dtype, NaN and infinity, empty and 0-d tensors, sizes that are zero or
too large, a bool where a number is expected, the grad modes (``torch.no_grad()``,
``torch.inference_mode()``), tensors that require gradients and strided views.

Every row has one of two outcomes:

* ``CLEAR``: the call raises the given exception, and its message contains the
  given words, the first of which is always the argument's name (the message says
  what was expected and what came).
* ``DOCUMENTED``: the call returns, and the returned value passes the row's check;
  the behaviour it checks is the one the function's docstring states for that case.

A row whose input could make a call run for a long time (a graph of thousands of
nodes) relies on the bounded guard the function validates (``max_nodes``), so no
row can hang. Every figure a row opens is closed after it.
"""

from __future__ import annotations

import math
import tempfile
import types
from collections.abc import Callable
from typing import Any
from unittest import mock

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from bad_input import assert_clear_error, assert_documented  # noqa: E402
from matplotlib import colormaps, font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from pytorch_basics.graph import (  # noqa: E402
    Graph,
    GraphNode,
    draw_forward_backward,
    draw_graph,
    trace_graph,
)
from pytorch_basics.plotting import draw_tensor, hangul_font_path, use_site_style  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ---------------------------------------------------------------------------- helpers


def _ax(figsize: tuple[float, float] = (4.0, 3.0)) -> Axes:
    return plt.subplots(figsize=figsize)[1]


def _zero_size_ax() -> Axes:
    return plt.figure().add_axes((0.0, 0.0, 0.0, 0.0))


def _z() -> tuple[torch.Tensor, dict[str, torch.Tensor], dict[str, float]]:
    """z = (x + y) * w with s = x + y, and dz/d(each named tensor)."""
    x, y, w = (torch.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    s = x + y
    z = s * w
    return z, {"x": x, "y": y, "w": w, "s": s, "z": z}, {"x": 4, "y": 4, "w": 5, "s": 4, "z": 1}


def _product() -> tuple[torch.Tensor, torch.Tensor]:
    """(x * 2, x) with x a 0-d leaf."""
    x = torch.tensor(1.0, requires_grad=True)
    return x * 2, x


def _chain(length: int) -> torch.Tensor:
    """A recorded chain of ``length`` multiplications."""
    y = torch.ones(1, requires_grad=True)
    for _ in range(length):
        y = y * 1.0
    return y


def _chain_graph(length: int) -> Graph:
    """A chain of ``length`` nodes built directly, without autograd."""
    nodes = [GraphNode("n0", "out", "output")]
    nodes += [GraphNode(f"n{i}", "op", "operation") for i in range(1, length)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(length - 1)]
    return Graph(tuple(nodes), tuple(edges))


def _node(node_id: str, kind: str = "operation") -> GraphNode:
    return GraphNode(node_id, node_id, kind)


def _texts(ax: Axes, gid: str) -> list[str]:
    return sorted(t.get_text() for t in ax.texts if t.get_gid() == gid)


def _labels(graph: Graph) -> list[str]:
    return [node.label for node in graph.nodes]


def _dfb(ax: Any = None, output: Any = None, **changes: Any) -> Axes:
    """``draw_forward_backward`` on z = (x + y) * w, with some arguments changed."""
    z, names, gradients = _z()
    kwargs: dict[str, Any] = {"names": names, "gradients": gradients, **changes}
    return draw_forward_backward(
        _ax() if ax is None else ax, z if output is None else output, **kwargs
    )


def _names_twice() -> dict[str, torch.Tensor]:
    z, names, _ = _z()
    return {**names, "x again": names["x"]}


def _dfb_names_twice() -> Axes:
    z, names, _ = _z()
    return draw_forward_backward(_ax(), z, names={**names, "x2": names["x"]}, gradients={})


def _dfb_with(make: Callable[[], tuple[torch.Tensor, dict[str, Any], dict[str, Any]]]) -> Axes:
    output, names, gradients = make()
    return draw_forward_backward(_ax(), output, names=names, gradients=gradients)


def _dfb_under(context: Callable[[], Any]) -> Axes:
    z, names, gradients = _z()
    with context():
        return draw_forward_backward(_ax(), z, names=names, gradients=gradients)


def _trace_under(context: Callable[[], Any]) -> tuple[Graph, Graph]:
    z, names, _ = _z()
    with context():
        inside = trace_graph(z, names=names)
    return inside, trace_graph(z, names=names)


def _made_under(context: Callable[[], Any]) -> torch.Tensor:
    x = torch.ones(2, requires_grad=True)
    with context():
        return x * 2


def _nan_leaf() -> tuple[torch.Tensor, dict[str, Any], dict[str, Any]]:
    x = torch.tensor(float("nan"), requires_grad=True)
    out = x * 2
    return out, {"x": x, "out": out}, {"x": 2.0}


def _vector_output() -> tuple[torch.Tensor, dict[str, Any], dict[str, Any]]:
    x = torch.tensor(2.0, requires_grad=True)
    return x * torch.ones(3), {"x": x}, {}


def _complex_named() -> tuple[torch.Tensor, dict[str, Any], dict[str, Any]]:
    x = torch.tensor(1 + 2j, requires_grad=True)
    out = (x * 2).abs()
    return out, {"x": x, "out": out}, {}


def _two_results_of_one_operation() -> tuple[torch.Tensor, dict[str, Any], dict[str, Any]]:
    x = torch.tensor([2.0, 3.0], requires_grad=True)
    a, b = x.unbind()
    out = a * b
    return out, {"a": a, "b": b, "out": out}, {"a": 3.0, "b": 2.0}


def _unrelated_gradient() -> tuple[torch.Tensor, dict[str, Any], dict[str, Any]]:
    z, names, gradients = _z()
    return z, {**names, "v": torch.tensor(7.0)}, {**gradients, "v": 1.0}


def _dollar_graph() -> Axes:
    x = torch.tensor(1.0, requires_grad=True)
    out = x * 2
    ax = draw_graph(_ax(), trace_graph(out, names={"$x^$": x, "cost $5": out}))
    ax.figure.canvas.draw()
    return ax


def _dollar_forward_backward() -> Axes:
    x = torch.tensor(1.0, requires_grad=True)
    out = x * 2
    ax = draw_forward_backward(_ax(), out, names={"$x^$": x, "out": out}, gradients={"$x^$": 2})
    ax.figure.canvas.draw()
    return ax


def _after_backward() -> Graph:
    x = torch.tensor(1.0, requires_grad=True)
    out = (x * 2).exp()
    out.backward()  # frees the saved tensors, not the graph's structure
    return trace_graph(out, names={"x": x})


def _no_package() -> Any:
    return mock.patch("pytorch_basics.plotting.find_spec", return_value=None)


def _in_empty_package(call: Callable[[], Any]) -> Callable[[], Any]:
    """Run ``call`` with koreanize_matplotlib found in an empty folder (no fonts)."""

    def run() -> Any:
        with tempfile.TemporaryDirectory() as folder, plt.rc_context():
            spec = types.SimpleNamespace(submodule_search_locations=[folder])
            with mock.patch("pytorch_basics.plotting.find_spec", return_value=spec):
                return call()

    return run


def _without_package(call: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with _no_package(), plt.rc_context():
            return call()

    return run


def _style_twice() -> tuple[int, int, list[str]]:
    with plt.rc_context():
        use_site_style()
        first = len(font_manager.fontManager.ttflist)
        use_site_style()
        return first, len(font_manager.fontManager.ttflist), list(plt.rcParams["font.family"])


def _tensor_cells(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _cell_colours(ax: Axes) -> list[tuple[float, ...]]:
    return [tuple(p.get_facecolor()) for p in ax.patches]


def _readable(ax: Axes) -> bool:
    """Every cell is opaque and its text differs in colour from it."""
    return all(
        p.get_facecolor()[3] == 1.0 and to_rgba(t.get_color()) != tuple(p.get_facecolor())
        for p, t in zip(ax.patches, ax.texts, strict=True)
    )


TENSOR = torch.tensor([1.0, 2.0])

# ---------------------------------------------------------------------------- CLEAR rows

CLEAR = [
    # trace_graph(output)
    pytest.param(lambda: trace_graph("z"), TypeError, ["output", "torch.Tensor", "str"], id="trace_graph-output-str"),
    pytest.param(lambda: trace_graph(None), TypeError, ["output", "torch.Tensor", "None"], id="trace_graph-output-None"),
    pytest.param(lambda: trace_graph([1.0]), TypeError, ["output", "torch.Tensor", "list"], id="trace_graph-output-list"),
    pytest.param(lambda: trace_graph(2.0), TypeError, ["output", "torch.Tensor", "float"], id="trace_graph-output-float"),
    pytest.param(lambda: trace_graph(True), TypeError, ["output", "torch.Tensor", "bool"], id="trace_graph-output-bool"),
    pytest.param(lambda: trace_graph(torch.tensor([1, 2])), ValueError, ["output", "grad_fn", "does not require gradients"], id="trace_graph-output-int-tensor"),
    pytest.param(lambda: trace_graph(torch.tensor([True])), ValueError, ["output", "grad_fn"], id="trace_graph-output-bool-tensor"),
    pytest.param(lambda: trace_graph(torch.ones(2, requires_grad=True)), ValueError, ["output", "grad_fn", "leaf"], id="trace_graph-output-leaf"),
    pytest.param(lambda: trace_graph(_product()[0].detach()), ValueError, ["output", "grad_fn"], id="trace_graph-output-detached"),
    pytest.param(lambda: trace_graph(_made_under(torch.no_grad)), ValueError, ["output", "grad_fn", "torch.no_grad()"], id="trace_graph-output-made-under-no_grad"),
    pytest.param(lambda: trace_graph(_made_under(torch.inference_mode)), ValueError, ["output", "grad_fn", "torch.inference_mode()"], id="trace_graph-output-made-under-inference_mode"),
    # trace_graph(names)
    pytest.param(lambda: trace_graph(_product()[0], names=["x"]), TypeError, ["names", "mapping", "list"], id="trace_graph-names-list"),
    pytest.param(lambda: trace_graph(_product()[0], names="x"), TypeError, ["names", "mapping", "str"], id="trace_graph-names-str"),
    pytest.param(lambda: trace_graph(_product()[0], names={1: _product()[1]}), TypeError, ["names", "str keys", "int 1"], id="trace_graph-names-key-int"),
    pytest.param(lambda: trace_graph(_product()[0], names={"": _product()[1]}), ValueError, ["names", "non-empty", "''"], id="trace_graph-names-key-empty"),
    pytest.param(lambda: trace_graph(_product()[0], names={"x": 2.0}), TypeError, ["names['x']", "torch.Tensor", "float"], id="trace_graph-names-value-float"),
    pytest.param(lambda: trace_graph(_product()[0], names={"x": None}), TypeError, ["names['x']", "torch.Tensor", "None"], id="trace_graph-names-value-None"),
    pytest.param(lambda: trace_graph(_z()[0], names=_names_twice()), ValueError, ["names", "one name", "'x'", "'x again'"], id="trace_graph-names-same-tensor-twice"),
    # GraphNode(id, label, kind)
    pytest.param(lambda: GraphNode(0, "x", "leaf"), TypeError, ["id", "str", "int 0"], id="GraphNode-id-int"),
    pytest.param(lambda: GraphNode("n0", None, "leaf"), TypeError, ["label", "str", "None"], id="GraphNode-label-None"),
    pytest.param(lambda: GraphNode("n0", 3.5, "leaf"), TypeError, ["label", "str", "float"], id="GraphNode-label-float"),
    pytest.param(lambda: GraphNode("n0", "x", "Leaf"), ValueError, ["kind", "'leaf', 'operation' or 'output'", "'Leaf'"], id="GraphNode-kind-unknown"),
    pytest.param(lambda: GraphNode("n0", "x", None), ValueError, ["kind", "'leaf'", "None"], id="GraphNode-kind-None"),
    # Graph(nodes, edges)
    pytest.param(lambda: Graph(None, ()), TypeError, ["nodes", "tuple of GraphNode", "None"], id="Graph-nodes-None"),
    pytest.param(lambda: Graph("n0", ()), TypeError, ["nodes", "tuple of GraphNode", "str"], id="Graph-nodes-str"),
    pytest.param(lambda: Graph((("n0", "x", "leaf"),), ()), TypeError, ["nodes[0]", "GraphNode", "tuple"], id="Graph-nodes-item-tuple"),
    pytest.param(lambda: Graph((_node("n0"),), None), TypeError, ["edges", "pairs", "None"], id="Graph-edges-None"),
    pytest.param(lambda: Graph((_node("n0"),), (("n0",),)), ValueError, ["edges[0]", "pair", "('n0',)"], id="Graph-edges-item-one-id"),
    pytest.param(lambda: Graph((_node("n0"),), ((0, 1),)), TypeError, ["edges[0]", "str", "int 0"], id="Graph-edges-item-int-ids"),
    pytest.param(lambda: Graph((_node("n0"),), ("n0n1",)), TypeError, ["edges[0]", "pair", "str"], id="Graph-edges-item-str"),
    # draw_graph(ax, graph, title, max_nodes)
    pytest.param(lambda: draw_graph(plt.figure(), _chain_graph(2)), TypeError, ["ax", "Axes", "Figure"], id="draw_graph-ax-figure"),
    pytest.param(lambda: draw_graph(None, _chain_graph(2)), TypeError, ["ax", "Axes", "None"], id="draw_graph-ax-None"),
    pytest.param(lambda: draw_graph(_zero_size_ax(), _chain_graph(2)), ValueError, ["ax", "non-zero size", "0 x 0"], id="draw_graph-ax-zero-size"),
    pytest.param(lambda: draw_graph(_ax(), _product()[0]), TypeError, ["graph", "Graph", "tensor"], id="draw_graph-graph-tensor"),
    pytest.param(lambda: draw_graph(_ax(), None), TypeError, ["graph", "Graph", "None"], id="draw_graph-graph-None"),
    pytest.param(lambda: draw_graph(_ax(), Graph((), ())), ValueError, ["graph", "nodes", "0 nodes"], id="draw_graph-graph-empty"),
    pytest.param(lambda: draw_graph(_ax(), Graph((_node("n0"),), (("n0", "n7"),))), ValueError, ["graph", "unknown ids", "'n7'"], id="draw_graph-graph-edge-to-unknown-id"),
    pytest.param(lambda: draw_graph(_ax(), Graph((_node("n0"), _node("n1"), GraphNode("n1", "y", "leaf")), (("n0", "n1"),))), ValueError, ["graph", "unique node ids", "'n1'"], id="draw_graph-graph-duplicate-node-ids"),
    pytest.param(lambda: draw_graph(_ax(), Graph((_node("n0"), _node("n1")), (("n0", "n1"), ("n0", "n1")))), ValueError, ["graph", "each edge once", "('n0', 'n1')"], id="draw_graph-graph-duplicate-edge"),
    pytest.param(lambda: draw_graph(_ax(), Graph((_node("a"), _node("b")), (("a", "b"), ("b", "a")))), ValueError, ["graph", "cycle", "'a'", "'b'"], id="draw_graph-graph-cycle"),
    pytest.param(lambda: draw_graph(_ax(), Graph((_node("a"),), (("a", "a"),))), ValueError, ["graph", "cycle", "'a'"], id="draw_graph-graph-self-loop"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(5000)), ValueError, ["graph", "max_nodes=1000", "5000"], id="draw_graph-graph-huge-default-max_nodes"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(4), max_nodes=3), ValueError, ["graph", "max_nodes=3", "4"], id="draw_graph-graph-above-max_nodes"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(2), max_nodes=0), ValueError, ["max_nodes", ">= 1", "0"], id="draw_graph-max_nodes-zero"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(2), max_nodes=-5), ValueError, ["max_nodes", ">= 1", "-5"], id="draw_graph-max_nodes-negative"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(2), max_nodes=10.0), TypeError, ["max_nodes", "int", "float"], id="draw_graph-max_nodes-float"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(2), max_nodes=True), TypeError, ["max_nodes", "int", "bool"], id="draw_graph-max_nodes-bool"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(2), max_nodes=None), TypeError, ["max_nodes", "int", "None"], id="draw_graph-max_nodes-None"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(2), title=5), TypeError, ["title", "str", "int 5"], id="draw_graph-title-int"),
    # draw_forward_backward(ax, output, names, gradients, title, labels, fmt, max_nodes)
    pytest.param(lambda: _dfb(ax=0), TypeError, ["ax", "Axes", "int 0"], id="draw_forward_backward-ax-int"),
    pytest.param(lambda: _dfb(ax=plt.figure()), TypeError, ["ax", "Axes", "Figure"], id="draw_forward_backward-ax-figure"),
    pytest.param(lambda: _dfb(output=[1.0]), TypeError, ["output", "torch.Tensor", "list"], id="draw_forward_backward-output-list"),
    pytest.param(lambda: _dfb(output=torch.ones((), requires_grad=True)), ValueError, ["output", "grad_fn", "leaf"], id="draw_forward_backward-output-leaf"),
    pytest.param(lambda: _dfb(output=_made_under(torch.inference_mode)), ValueError, ["output", "grad_fn"], id="draw_forward_backward-output-made-under-inference_mode"),
    pytest.param(lambda: draw_forward_backward(_ax(), _chain(5000), names={}, gradients={}), ValueError, ["output", "max_nodes=1000", "5002"], id="draw_forward_backward-output-huge-graph"),
    pytest.param(lambda: _dfb(max_nodes=3), ValueError, ["output", "max_nodes=3", "6"], id="draw_forward_backward-output-above-max_nodes"),
    pytest.param(lambda: _dfb(max_nodes=0), ValueError, ["max_nodes", ">= 1", "0"], id="draw_forward_backward-max_nodes-zero"),
    pytest.param(lambda: _dfb(max_nodes=False), TypeError, ["max_nodes", "int", "bool"], id="draw_forward_backward-max_nodes-bool"),
    pytest.param(lambda: _dfb(names=None, gradients={}), TypeError, ["names", "mapping", "None"], id="draw_forward_backward-names-None"),
    pytest.param(lambda: _dfb(names=["x"]), TypeError, ["names", "mapping", "list"], id="draw_forward_backward-names-list"),
    pytest.param(lambda: _dfb(names={**_z()[1], "v": torch.ones(2)}), ValueError, ["names['v']", "one number", "(2,)"], id="draw_forward_backward-names-value-vector"),
    pytest.param(lambda: _dfb(names={**_z()[1], "e": torch.ones(0)}), ValueError, ["names['e']", "one number", "(0,)"], id="draw_forward_backward-names-value-empty"),
    pytest.param(lambda: _dfb(names={**_z()[1], "m": torch.tensor(True)}), TypeError, ["names['m']", "real dtype", "torch.bool"], id="draw_forward_backward-names-value-bool-tensor"),
    pytest.param(lambda: _dfb_with(_complex_named), TypeError, ["names['x']", "real dtype", "torch.complex64"], id="draw_forward_backward-names-value-complex"),
    pytest.param(_dfb_names_twice, ValueError, ["names", "one name", "'x'", "'x2'"], id="draw_forward_backward-names-same-tensor-twice"),
    pytest.param(lambda: _dfb_with(_two_results_of_one_operation), ValueError, ["names", "one result of each operation", "'a'", "'b'", "UnbindBackward0"], id="draw_forward_backward-names-two-results-of-one-operation"),
    pytest.param(lambda: _dfb(gradients=None), TypeError, ["gradients", "mapping", "None"], id="draw_forward_backward-gradients-None"),
    pytest.param(lambda: _dfb(gradients=[4.0]), TypeError, ["gradients", "mapping", "list"], id="draw_forward_backward-gradients-list"),
    pytest.param(lambda: _dfb(gradients={1: 4.0}), TypeError, ["gradients", "str keys", "int 1"], id="draw_forward_backward-gradients-key-int"),
    pytest.param(lambda: _dfb(gradients={1: 4.0, "zz": 1.0}), TypeError, ["gradients", "str keys", "int 1"], id="draw_forward_backward-gradients-keys-mixed"),
    pytest.param(lambda: _dfb(gradients={"v": 1.0}), ValueError, ["gradients", "names", "['v']"], id="draw_forward_backward-gradients-unknown-name"),
    pytest.param(lambda: _dfb(gradients={"x": "4"}), TypeError, ["gradients['x']", "number", "str"], id="draw_forward_backward-gradients-value-str"),
    pytest.param(lambda: _dfb(gradients={"x": None}), TypeError, ["gradients['x']", "number", "None"], id="draw_forward_backward-gradients-value-None"),
    pytest.param(lambda: _dfb(gradients={"x": True}), TypeError, ["gradients['x']", "number", "bool"], id="draw_forward_backward-gradients-value-bool"),
    pytest.param(lambda: _dfb(gradients={"x": np.bool_(True)}), TypeError, ["gradients['x']", "number", "bool"], id="draw_forward_backward-gradients-value-numpy-bool"),
    pytest.param(lambda: _dfb(gradients={"x": 4 + 0j}), TypeError, ["gradients['x']", "number", "complex"], id="draw_forward_backward-gradients-value-complex"),
    pytest.param(lambda: _dfb(gradients={"x": torch.tensor(True)}), TypeError, ["gradients['x']", "real dtype", "torch.bool"], id="draw_forward_backward-gradients-value-bool-tensor"),
    pytest.param(lambda: _dfb(gradients={"x": torch.tensor(4 + 0j)}), TypeError, ["gradients['x']", "real dtype", "torch.complex64"], id="draw_forward_backward-gradients-value-complex-tensor"),
    pytest.param(lambda: _dfb(gradients={"x": torch.ones(2)}), ValueError, ["gradients['x']", "one number", "(2,)"], id="draw_forward_backward-gradients-value-vector"),
    pytest.param(lambda: _dfb(gradients={"x": torch.ones(0)}), ValueError, ["gradients['x']", "one number", "(0,)"], id="draw_forward_backward-gradients-value-empty"),
    pytest.param(lambda: _dfb(fmt=3), TypeError, ["fmt", "str", "int 3"], id="draw_forward_backward-fmt-int"),
    pytest.param(lambda: _dfb(fmt=None), TypeError, ["fmt", "str", "None"], id="draw_forward_backward-fmt-None"),
    pytest.param(lambda: _dfb(fmt="value"), ValueError, ["fmt", "one replacement field", "'value'"], id="draw_forward_backward-fmt-no-field"),
    pytest.param(lambda: _dfb(fmt="{} {}"), ValueError, ["fmt", "one replacement field", "'{} {}'"], id="draw_forward_backward-fmt-two-fields"),
    pytest.param(lambda: _dfb(fmt="{x}"), ValueError, ["fmt", "one replacement field", "'{x}'"], id="draw_forward_backward-fmt-named-field"),
    pytest.param(lambda: _dfb(fmt="{:d}"), ValueError, ["fmt", "'{:d}'", "Unknown format code"], id="draw_forward_backward-fmt-int-code-for-floats"),
    pytest.param(lambda: _dfb(fmt="{:g"), ValueError, ["fmt", "'{:g'"], id="draw_forward_backward-fmt-unclosed"),
    pytest.param(lambda: _dfb(labels=None), TypeError, ["labels", "pair of str", "None"], id="draw_forward_backward-labels-None"),
    pytest.param(lambda: _dfb(labels="ab"), TypeError, ["labels", "pair of str", "str"], id="draw_forward_backward-labels-str"),
    pytest.param(lambda: _dfb(labels=("forward",)), ValueError, ["labels", "pair of str", "1"], id="draw_forward_backward-labels-one"),
    pytest.param(lambda: _dfb(labels=("forward", 2)), TypeError, ["labels[1]", "str", "int 2"], id="draw_forward_backward-labels-item-int"),
    pytest.param(lambda: _dfb(title=["t"]), TypeError, ["title", "str", "list"], id="draw_forward_backward-title-list"),
    # draw_tensor(ax, tensor, title, fmt, cmap)
    pytest.param(lambda: draw_tensor(None, TENSOR), TypeError, ["ax", "Axes", "None"], id="draw_tensor-ax-None"),
    pytest.param(lambda: draw_tensor(plt.figure(), TENSOR), TypeError, ["ax", "Axes", "Figure"], id="draw_tensor-ax-figure"),
    pytest.param(lambda: draw_tensor(_ax(), [1, 2]), TypeError, ["tensor", "torch.Tensor", "list"], id="draw_tensor-tensor-list"),
    pytest.param(lambda: draw_tensor(_ax(), None), TypeError, ["tensor", "torch.Tensor", "None"], id="draw_tensor-tensor-None"),
    pytest.param(lambda: draw_tensor(_ax(), np.ones(2)), TypeError, ["tensor", "torch.Tensor", "ndarray"], id="draw_tensor-tensor-ndarray"),
    pytest.param(lambda: draw_tensor(_ax(), torch.zeros(1, 1, 1, 1)), ValueError, ["tensor", "0, 1, 2 or 3 dimension", "got 4"], id="draw_tensor-tensor-4d"),
    pytest.param(lambda: draw_tensor(_ax(), torch.zeros(20, 21)), ValueError, ["tensor", "at most 400 elements", "420"], id="draw_tensor-tensor-too-many-elements"),
    pytest.param(lambda: draw_tensor(_ax(), torch.zeros(1).expand(10**9)), ValueError, ["tensor", "at most 400 elements", "1000000000"], id="draw_tensor-tensor-huge-expanded-view"),
    pytest.param(lambda: draw_tensor(_ax(), torch.ones(2, dtype=torch.complex64)), TypeError, ["tensor", "real or bool dtype", "torch.complex64"], id="draw_tensor-tensor-complex"),
    pytest.param(lambda: draw_tensor(_ax(), torch.ones(2, device="meta")), ValueError, ["tensor", "meta"], id="draw_tensor-tensor-meta"),
    pytest.param(lambda: draw_tensor(_ax(), torch.eye(2).to_sparse()), TypeError, ["tensor", "strided", "torch.sparse_coo"], id="draw_tensor-tensor-sparse"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, fmt=None), TypeError, ["fmt", "str", "None"], id="draw_tensor-fmt-None"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, fmt="cell"), ValueError, ["fmt", "one replacement field", "'cell'"], id="draw_tensor-fmt-no-field"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, fmt="{:d}"), ValueError, ["fmt", "'{:d}'", "Unknown format code"], id="draw_tensor-fmt-int-code-for-floats"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([1, 2**40]), fmt="{:c}"), ValueError, ["fmt", "'{:c}'"], id="draw_tensor-fmt-char-code-out-of-range"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, cmap="nope"), ValueError, ["cmap", "colour map", "'nope'"], id="draw_tensor-cmap-unknown-name"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, cmap=5), TypeError, ["cmap", "colour map", "int 5"], id="draw_tensor-cmap-int"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, cmap=None), TypeError, ["cmap", "colour map", "None"], id="draw_tensor-cmap-None"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, title=1.5), TypeError, ["title", "str", "float 1.5"], id="draw_tensor-title-float"),
    # hangul_font_path(), use_site_style(): the argument is the installed font package
    pytest.param(_without_package(hangul_font_path), RuntimeError, ["koreanize-matplotlib", "pip install"], id="hangul_font_path-package-missing"),
    pytest.param(_in_empty_package(hangul_font_path), RuntimeError, ["koreanize-matplotlib", "NanumGothic.ttf"], id="hangul_font_path-font-file-missing"),
    pytest.param(_without_package(use_site_style), RuntimeError, ["koreanize-matplotlib", "pip install"], id="use_site_style-package-missing"),
    pytest.param(_in_empty_package(use_site_style), RuntimeError, ["koreanize-matplotlib", "NanumGothic.ttf"], id="use_site_style-font-file-missing"),
]  # fmt: skip


@pytest.mark.parametrize("call,error,words", CLEAR)
def test_clear_error(call: Callable[[], Any], error: type[Exception], words: list[str]) -> None:
    assert_clear_error(call, error, words)


# ---------------------------------------------------------------------------- DOCUMENTED rows

DOCUMENTED = [
    # trace_graph: values, dtypes, views and grad modes do not change the recorded graph
    pytest.param(lambda: trace_graph(torch.ones(0, requires_grad=True) * 2), lambda g: _labels(g) == ["output", "MulBackward0", "tensor (0,)"], id="trace_graph-output-empty"),
    pytest.param(lambda: trace_graph(_product()[0]), lambda g: _labels(g) == ["output", "MulBackward0", "tensor ()"], id="trace_graph-output-0d"),
    pytest.param(lambda: trace_graph(torch.full((2,), math.nan, requires_grad=True) * math.inf), lambda g: _labels(g) == ["output", "MulBackward0", "tensor (2,)"], id="trace_graph-output-nan-and-inf-values"),
    pytest.param(lambda: trace_graph(torch.ones(2, dtype=torch.complex64, requires_grad=True) * 2), lambda g: _labels(g) == ["output", "MulBackward0", "tensor (2,)"], id="trace_graph-output-complex"),
    pytest.param(lambda: trace_graph(torch.ones(2, 3, requires_grad=True).t()[::2]), lambda g: _labels(g)[1:3] == ["SliceBackward0", "TBackward0"], id="trace_graph-output-strided-view"),
    pytest.param(_after_backward, lambda g: _labels(g) == ["output", "ExpBackward0", "MulBackward0", "x"], id="trace_graph-output-after-backward"),
    pytest.param(lambda: trace_graph(_chain(5000)), lambda g: len(g.nodes) == 5002 and len(g.edges) == 5001, id="trace_graph-output-long-chain"),
    pytest.param(lambda: _trace_under(torch.no_grad), lambda pair: pair[0] == pair[1], id="trace_graph-called-under-no_grad"),
    pytest.param(lambda: _trace_under(torch.inference_mode), lambda pair: pair[0] == pair[1], id="trace_graph-called-under-inference_mode"),
    pytest.param(lambda: trace_graph(_product()[0], names=None), lambda g: _labels(g)[0] == "output", id="trace_graph-names-None"),
    pytest.param(lambda: trace_graph(_product()[0], names={"x": _product()[1]}), lambda g: _labels(g)[-1] == "tensor ()", id="trace_graph-names-other-tensor-ignored"),
    pytest.param(lambda: (lambda out, x: trace_graph(out, names={"x": x.view(())}))(*_product()), lambda g: _labels(g)[-1] == "tensor ()", id="trace_graph-names-view-not-the-tensor"),
    pytest.param(lambda: trace_graph(_z()[0], names={**_z()[1], "big": torch.ones(3, 3)}), lambda g: "big" not in _labels(g), id="trace_graph-names-unrelated-nonscalar"),
    # GraphNode, Graph
    pytest.param(lambda: GraphNode("n0", "", "leaf"), lambda n: n.label == "", id="GraphNode-label-empty"),
    pytest.param(lambda: Graph([_node("n0", "output"), _node("n1")], [["n0", "n1"]]), lambda g: g == Graph((_node("n0", "output"), _node("n1")), (("n0", "n1"),)) and hash(g) is not None, id="Graph-lists-become-tuples"),
    pytest.param(lambda: Graph((), ()), lambda g: g.nodes == () and g.edges == (), id="Graph-empty"),
    # draw_graph
    pytest.param(lambda: draw_graph(_ax(), Graph([_node("a", "output"), _node("b", "leaf")], [])), lambda ax: _tensor_cells(ax) == ["a", "b"], id="draw_graph-graph-without-edges"),
    pytest.param(_dollar_graph, lambda ax: _tensor_cells(ax) == ["cost $5", "MulBackward0", "$x^$"], id="draw_graph-graph-labels-with-dollar-signs"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(3), max_nodes=np.int64(3)), lambda ax: len(ax.texts) == 3, id="draw_graph-max_nodes-numpy-int"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(3), max_nodes=torch.tensor(3)), lambda ax: len(ax.texts) == 3, id="draw_graph-max_nodes-0d-int-tensor"),
    pytest.param(lambda: draw_graph(_ax(), _chain_graph(3), title=""), lambda ax: ax.get_title() == "", id="draw_graph-title-empty"),
    pytest.param(lambda: draw_graph(_ax((0.3, 0.2)), _chain_graph(3)), lambda ax: len(ax.texts) == 3, id="draw_graph-ax-tiny"),
    # draw_forward_backward
    pytest.param(lambda: _dfb(gradients={"x": np.float32(4.0)}), lambda ax: _texts(ax, "backward") == ["∂z/∂x = 4"], id="draw_forward_backward-gradients-value-numpy-float32"),
    pytest.param(lambda: _dfb(gradients={"x": np.int64(4)}), lambda ax: _texts(ax, "backward") == ["∂z/∂x = 4"], id="draw_forward_backward-gradients-value-numpy-int"),
    pytest.param(lambda: _dfb(gradients={"x": np.array(4.0)}), lambda ax: _texts(ax, "backward") == ["∂z/∂x = 4"], id="draw_forward_backward-gradients-value-0d-ndarray"),
    pytest.param(lambda: _dfb(gradients={"x": torch.tensor(4)}), lambda ax: _texts(ax, "backward") == ["∂z/∂x = 4"], id="draw_forward_backward-gradients-value-int-tensor"),
    pytest.param(lambda: _dfb(gradients={"x": torch.tensor([[4.0]], requires_grad=True)}), lambda ax: _texts(ax, "backward") == ["∂z/∂x = 4"], id="draw_forward_backward-gradients-value-one-element-requires-grad"),
    pytest.param(lambda: _dfb(gradients={"x": math.nan, "w": -math.inf}), lambda ax: _texts(ax, "backward") == ["∂z/∂w = -inf", "∂z/∂x = nan"], id="draw_forward_backward-gradients-value-nan-inf"),
    pytest.param(lambda: _dfb(gradients={}), lambda ax: _texts(ax, "backward") == [] and len(_texts(ax, "forward")) == 5, id="draw_forward_backward-gradients-empty"),
    pytest.param(lambda: _dfb_with(_unrelated_gradient), lambda ax: not any("v" in t for t in _texts(ax, "forward") + _texts(ax, "backward")), id="draw_forward_backward-gradients-tensor-not-in-graph-ignored"),
    pytest.param(lambda: _dfb_with(_nan_leaf), lambda ax: _texts(ax, "forward") == ["out = nan", "x = nan"], id="draw_forward_backward-names-value-nan"),
    pytest.param(lambda: _dfb_with(_vector_output), lambda ax: _texts(ax, "forward") == ["x = 2"], id="draw_forward_backward-output-vector-unnamed"),
    pytest.param(lambda: _dfb_under(torch.no_grad), lambda ax: len(_texts(ax, "backward")) == 5, id="draw_forward_backward-called-under-no_grad"),
    pytest.param(lambda: _dfb_under(torch.inference_mode), lambda ax: len(_texts(ax, "backward")) == 5, id="draw_forward_backward-called-under-inference_mode"),
    pytest.param(lambda: _dfb(labels=["f", "b"]), lambda ax: [t.get_text() for t in ax.get_legend().get_texts()] == ["f", "b"], id="draw_forward_backward-labels-list"),
    pytest.param(lambda: _dfb(fmt="{}"), lambda ax: "x = 2.0" in _texts(ax, "forward"), id="draw_forward_backward-fmt-plain-field"),
    pytest.param(lambda: _dfb(fmt="{0:.1f}"), lambda ax: "x = 2.0" in _texts(ax, "forward"), id="draw_forward_backward-fmt-numbered-field"),
    pytest.param(_dollar_forward_backward, lambda ax: _texts(ax, "backward") == ["∂out/∂$x^$ = 2"], id="draw_forward_backward-names-with-dollar-signs"),
    # draw_tensor
    pytest.param(lambda: draw_tensor(_ax(), torch.ones(0)), lambda ax: (len(ax.patches), len(ax.texts)) == (0, 0), id="draw_tensor-tensor-empty-1d"),
    pytest.param(lambda: draw_tensor(_ax(), torch.ones(2, 0, 3)), lambda ax: (len(ax.patches), len(ax.texts)) == (0, 0), id="draw_tensor-tensor-empty-3d"),
    pytest.param(lambda: draw_tensor(_ax(), torch.ones(0, 10**9)), lambda ax: len(ax.patches) == 0, id="draw_tensor-tensor-empty-huge-shape"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor(7)), lambda ax: _tensor_cells(ax) == ["7"], id="draw_tensor-tensor-0d"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([1.0, math.nan, 3.0])), lambda ax: _tensor_cells(ax) == ["1", "nan", "3"] and _readable(ax), id="draw_tensor-tensor-nan"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([-math.inf, 0.0, math.inf])), lambda ax: _tensor_cells(ax) == ["-inf", "0", "inf"] and _readable(ax) and len(set(_cell_colours(ax))) == 3, id="draw_tensor-tensor-inf"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([math.nan, math.nan])), lambda ax: _tensor_cells(ax) == ["nan", "nan"] and _readable(ax), id="draw_tensor-tensor-all-nan"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([-1e308, 0.0, 1e308], dtype=torch.float64)), lambda ax: _readable(ax) and len(set(_cell_colours(ax))) == 3, id="draw_tensor-tensor-huge-range"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([1.5, 2.0], dtype=torch.bfloat16)), lambda ax: _tensor_cells(ax) == ["1.5", "2"], id="draw_tensor-tensor-bfloat16"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([1.5, 2.0], dtype=torch.float16)), lambda ax: _tensor_cells(ax) == ["1.5", "2"], id="draw_tensor-tensor-float16"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([True, False])), lambda ax: _tensor_cells(ax) == ["T", "F"], id="draw_tensor-tensor-bool"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([1.0, 2.0], requires_grad=True)), lambda ax: _tensor_cells(ax) == ["1", "2"], id="draw_tensor-tensor-requires-grad"),
    pytest.param(lambda: draw_tensor(_ax(), torch.arange(6).reshape(2, 3).t()), lambda ax: _tensor_cells(ax) == ["0", "3", "1", "4", "2", "5"], id="draw_tensor-tensor-transposed-view"),
    pytest.param(lambda: draw_tensor(_ax(), torch.arange(8)[::3]), lambda ax: _tensor_cells(ax) == ["0", "3", "6"], id="draw_tensor-tensor-strided-view"),
    pytest.param(lambda: draw_tensor(_ax(), torch.zeros(1).expand(20, 20)), lambda ax: len(ax.patches) == 400, id="draw_tensor-tensor-400-elements-expanded"),
    pytest.param(lambda: (lambda t: draw_tensor(_ax(), t))(torch.inference_mode()(lambda: torch.ones(2) * 3)()), lambda ax: _tensor_cells(ax) == ["3", "3"], id="draw_tensor-tensor-inference-tensor"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([3, 4]), fmt="{:d}"), lambda ax: _tensor_cells(ax) == ["3", "4"], id="draw_tensor-fmt-int-code-for-ints"),
    pytest.param(lambda: draw_tensor(_ax(), torch.tensor([True]), fmt="{:d}"), lambda ax: _tensor_cells(ax) == ["T"], id="draw_tensor-fmt-unused-for-bools"),
    pytest.param(lambda: draw_tensor(_ax(), TENSOR, cmap=colormaps["Greens"]), lambda ax: len(ax.patches) == 2, id="draw_tensor-cmap-colormap-object"),
    # hangul_font_path, use_site_style
    pytest.param(hangul_font_path, lambda path: path.is_file() and path.name == "NanumGothic.ttf", id="hangul_font_path-found"),
    pytest.param(_style_twice, lambda r: r[0] == r[1] and r[2] == ["DejaVu Sans", "NanumGothic"], id="use_site_style-called-twice"),
]  # fmt: skip


@pytest.mark.parametrize("call,check", DOCUMENTED)
def test_documented_result(call: Callable[[], Any], check: Callable[[Any], bool]) -> None:
    assert_documented(call, check)
