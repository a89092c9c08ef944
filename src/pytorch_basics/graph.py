"""The graph autograd records, as nodes and edges, and a drawing of it.

Every operation on a tensor that requires gradients adds a node to a graph:
``output.grad_fn`` is the node that made ``output`` (``MulBackward0`` for a
product), its ``next_functions`` lead to the nodes that made the inputs, and a
leaf tensor ends a path in an ``AccumulateGrad`` node, which stores the gradient
in the leaf's ``.grad``. :func:`trace_graph` walks exactly that structure, so a
figure drawn with :func:`draw_graph` shows what autograd recorded, not what one
expects it to record.
"""

from __future__ import annotations

import numbers
import re
from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from unicodedata import east_asian_width

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ._checks import (
    _describe,
    check_choice,
    check_format,
    check_int,
    check_str,
    check_tensor,
    format_number,
)

__all__ = [
    "KIND_COLOURS",
    "OPERATOR_SYMBOLS",
    "Graph",
    "GraphNode",
    "draw_forward_backward",
    "draw_graph",
    "trace_graph",
]

#: The kinds of node a :class:`GraphNode` can be.
_KINDS = ("leaf", "operation", "output")

#: Box colour of each kind of node in :func:`draw_graph`.
KIND_COLOURS: dict[str, str] = {
    "leaf": "#c7e9c0",  # green
    "operation": "#c6dbef",  # blue
    "output": "#fdd0a2",  # orange
}


#: Symbol drawn for an operation in :func:`draw_forward_backward`; other operations
#: show their backward function's name without ``Backward0``.
OPERATOR_SYMBOLS: dict[str, str] = {
    "AddBackward0": "+",
    "SubBackward0": "−",
    "MulBackward0": "×",
    "DivBackward0": "÷",
    "PowBackward0": "**",
}

#: Colours of the forward (value) and backward (gradient) arrows of
#: :func:`draw_forward_backward`.
FORWARD_COLOUR = "#252525"
BACKWARD_COLOUR = "#cb181d"


@dataclass(frozen=True)
class GraphNode:
    """One node of a recorded graph.

    Attributes:
        id: a name unique within its graph (``"n0"``, ``"n1"``, ... in the order the
            walk from the output met the nodes).
        label: the text of the node's box.
        kind: ``"leaf"``, ``"operation"`` or ``"output"``.

    Raises:
        TypeError: ``id`` or ``label`` is not a str.
        ValueError: ``kind`` is none of the three kinds.
    """

    id: str
    label: str
    kind: str

    def __post_init__(self) -> None:
        check_str("id", self.id)
        check_str("label", self.label)
        check_choice("kind", self.kind, _KINDS)


@dataclass(frozen=True)
class Graph:
    """Nodes and edges of a recorded graph.

    Attributes:
        nodes: the output first, then the other nodes in the order they were met.
        edges: ``(from_id, to_id)`` pairs in the direction gradients flow, from the
            output towards the leaves; each pair at most once.

    Lists are accepted for ``nodes``, ``edges`` and each edge, and stored as tuples.
    The constructor checks the types only; :func:`draw_graph` checks that the
    edges join known, distinct node ids without a cycle.

    Raises:
        TypeError: ``nodes`` is not a tuple of :class:`GraphNode`, or ``edges`` is not
            a tuple of pairs of str.
        ValueError: an edge does not have exactly two ends.
    """

    nodes: tuple[GraphNode, ...]
    edges: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "nodes", _check_nodes(self.nodes))
        object.__setattr__(self, "edges", _check_edges(self.edges))


def _check_nodes(nodes: Any) -> tuple[GraphNode, ...]:
    if isinstance(nodes, str) or not isinstance(nodes, (tuple, list)):
        raise TypeError(f"nodes must be a tuple of GraphNode, got {_describe(nodes)}")
    for index, node in enumerate(nodes):
        if not isinstance(node, GraphNode):
            raise TypeError(f"nodes[{index}] must be a GraphNode, got {_describe(node)}")
    return tuple(nodes)


def _check_edges(edges: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(edges, str) or not isinstance(edges, (tuple, list)):
        raise TypeError(f"edges must be a tuple of (from_id, to_id) pairs, got {_describe(edges)}")
    for index, edge in enumerate(edges):
        wanted = f"edges[{index}] must be a pair (from_id, to_id) of str node ids"
        if isinstance(edge, str) or not isinstance(edge, (tuple, list)):
            raise TypeError(f"{wanted}, got {_describe(edge)}")
        if len(edge) != 2:
            raise ValueError(f"{wanted}, got {_describe(edge)}")
        for end in edge:
            if not isinstance(end, str):
                raise TypeError(f"{wanted}, got {_describe(end)} in {edge!r}")
    return tuple(tuple(edge) for edge in edges)


def _check_names(names: Any, *, optional: bool = True) -> dict[int, str]:
    """Map ``id(tensor)`` to its name; the tensors stay alive in ``names`` meanwhile."""
    if names is None and optional:
        return {}
    if not isinstance(names, Mapping):
        raise TypeError(f"names must be a mapping from str to torch.Tensor, got {_describe(names)}")
    by_identity: dict[int, str] = {}
    for name, tensor in names.items():
        if not isinstance(name, str):
            raise TypeError(f"names must have str keys, got {_describe(name)}")
        if not name:
            raise ValueError(f"names must have non-empty str keys, got {name!r}")
        check_tensor(f"names[{name!r}]", tensor)
        if id(tensor) in by_identity:
            raise ValueError(
                f"names must give each tensor one name, got {by_identity[id(tensor)]!r} and "
                f"{name!r} for the same tensor"
            )
        by_identity[id(tensor)] = name
    return by_identity


def _check_has_graph(output: torch.Tensor) -> None:
    if output.grad_fn is not None:
        return
    if output.requires_grad:
        received = "a leaf tensor (requires_grad=True, but not computed from other tensors)"
    else:
        received = (
            "a tensor that does not require gradients (computed from tensors without "
            "requires_grad=True, or under torch.no_grad() or torch.inference_mode())"
        )
    raise ValueError(
        "output must be a tensor with a grad_fn (one computed from tensors with "
        f"requires_grad=True), got {received}"
    )


def trace_graph(output: torch.Tensor, *, names: Mapping[str, torch.Tensor] | None = None) -> Graph:
    """Turn the graph autograd recorded for ``output`` into nodes and edges.

    The walk starts at ``output.grad_fn`` and follows ``next_functions``
    breadth-first. Each backward function becomes an ``"operation"`` node labelled
    with its class name (``"MulBackward0"``); each ``AccumulateGrad`` node becomes a
    ``"leaf"`` node labelled with the name ``names`` gives its tensor, else with its
    shape (``"tensor (3,)"``). Inputs that do not require gradients have no node.
    ``output`` itself is an ``"output"`` node on top, labelled ``"output"`` unless
    ``names`` names it. Tensors in ``names`` that are not part of the graph are
    ignored, so one mapping can name every tensor of a computation.

    Only the structure is read, never the values: NaN, infinite, empty (``tensor
    (0,)``), 0-d and complex tensors, strided views (a view is an operation node,
    ``TBackward0`` for ``.t()``) and graphs whose ``backward()`` has already run
    trace like any other. Tracing needs no autograd itself, so it also works
    under ``torch.no_grad()`` and ``torch.inference_mode()`` for an ``output``
    computed outside them; an ``output`` computed inside them has no graph.

    Args:
        output: a tensor computed from tensors with ``requires_grad=True``.
        names: names for the leaf tensors and the output, matched by identity (a
            view of a leaf, such as ``x.view(2)``, is another tensor and does not
            name ``x``); each name non-empty and each tensor named once.

    Returns:
        The graph; tracing the same computation twice gives equal graphs.

    Raises:
        TypeError: ``output`` is not a tensor, or ``names`` is not a mapping from
            str to tensors.
        ValueError: ``output`` has no ``grad_fn`` (a leaf, a tensor that does not
            require gradients, or one computed under ``torch.no_grad()`` or
            ``torch.inference_mode()``), or ``names`` has an empty name or gives
            one tensor two names.

    Example:
        >>> x = torch.tensor(1.0, requires_grad=True)
        >>> w = torch.tensor(3.0, requires_grad=True)
        >>> graph = trace_graph(x * w, names={"x": x, "w": w})
        >>> [(node.id, node.label, node.kind) for node in graph.nodes]
        [('n0', 'output', 'output'), ('n1', 'MulBackward0', 'operation'), ('n2', 'x', 'leaf'), ('n3', 'w', 'leaf')]
        >>> graph.edges
        (('n0', 'n1'), ('n1', 'n2'), ('n1', 'n3'))
    """
    check_tensor("output", output)
    by_identity = _check_names(names)
    _check_has_graph(output)
    return _walk(output, by_identity)[0]


def _walk(output: torch.Tensor, by_identity: dict[int, str]) -> tuple[Graph, dict[str, Any]]:
    """The graph of :func:`trace_graph`, and the autograd function behind each node id."""
    nodes = [GraphNode("n0", by_identity.get(id(output), "output"), "output")]
    ids: dict[Any, str] = {}
    edges: dict[tuple[str, str], None] = {}  # insertion-ordered set
    queue: deque[tuple[str, Any]] = deque([("n0", output.grad_fn)])
    while queue:
        parent, function = queue.popleft()
        if function not in ids:
            ids[function] = node_id = f"n{len(nodes)}"
            variable = getattr(function, "variable", None)
            if variable is not None:
                label = by_identity.get(id(variable), f"tensor {tuple(variable.shape)}")
                nodes.append(GraphNode(node_id, label, "leaf"))
            else:
                nodes.append(GraphNode(node_id, type(function).__name__, "operation"))
                queue.extend((node_id, f) for f, _ in function.next_functions if f is not None)
        edges[parent, ids[function]] = None
    functions = {node_id: function for function, node_id in ids.items()}
    return Graph(tuple(nodes), tuple(edges)), functions


def _layers(graph: Graph) -> dict[str, int]:
    """Longest distance of each node from the output, so every edge points down."""
    children: dict[str, list[str]] = {node.id: [] for node in graph.nodes}
    waiting = {node.id: 0 for node in graph.nodes}
    for source, target in graph.edges:
        children[source].append(target)
        waiting[target] += 1
    layer = {node.id: 0 for node in graph.nodes}
    ready = deque(node.id for node in graph.nodes if waiting[node.id] == 0)
    while ready:
        node_id = ready.popleft()
        for child in children[node_id]:
            layer[child] = max(layer[child], layer[node_id] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    stuck = [node_id for node_id, count in waiting.items() if count > 0]
    if stuck:
        raise ValueError(
            "graph must not have cycles (edges leading back to a node), got nodes on or "
            f"below a cycle: {stuck}"
        )
    return layer


def _box_width(node: GraphNode) -> float:
    """Width of a node's box in Latin character widths, padding included (Hangul counts 2)."""
    return sum(2.0 if east_asian_width(c) in "WF" else 1.0 for c in node.label) + 2.0


def _spread(desired: list[float], widths: list[float], weights: list[float]) -> list[float]:
    """Place boxes of ``widths`` in order, two characters apart, as near ``desired`` as possible.

    Weighted least squares under the no-overlap constraints (pool adjacent
    violators): a heavy box moves less than a light one.
    """
    offsets = [0.0]
    for left, right in zip(widths, widths[1:], strict=False):
        offsets.append(offsets[-1] + (left + right) / 2 + 2.0)
    blocks: list[list[float]] = []  # pooled [weighted sum, weight, count]
    for value, offset, weight in zip(desired, offsets, weights, strict=True):
        blocks.append([(value - offset) * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, weight_sum, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += weight_sum
            blocks[-1][2] += count
    fitted = [total / weight for total, weight, count in blocks for _ in range(int(count))]
    return [value + offset for value, offset in zip(fitted, offsets, strict=True)]


def _positions(graph: Graph, layer: dict[str, int], *, sweeps: int = 4) -> dict[str, float]:
    """Horizontal centre of each node, in character widths.

    Sweeping down and up, each node moves towards the weighted mean of its parents
    (then its children); a node's weight is the size of the subgraph below it, so
    a long chain of operations stays straight and its leaves step aside.
    """
    nodes = {node.id: node for node in graph.nodes}
    parents: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    children: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for source, target in graph.edges:
        parents[target].append(source)
        children[source].append(target)
    bit = {node_id: 1 << index for index, node_id in enumerate(nodes)}
    below: dict[str, int] = {}  # the set of nodes below each node, as a bit mask
    for node_id in sorted(nodes, key=layer.__getitem__, reverse=True):
        mask = bit[node_id]
        for child in children[node_id]:
            mask |= below[child]
        below[node_id] = mask
    weight = {node_id: float(below[node_id].bit_count()) for node_id in nodes}
    rows: dict[int, list[str]] = {}
    for node_id in nodes:
        rows.setdefault(layer[node_id], []).append(node_id)
    x = {node_id: 0.0 for node_id in nodes}
    for sweep in range(2 * sweeps):
        downwards = sweep % 2 == 0
        neighbours = parents if downwards else children
        for depth in sorted(rows, reverse=not downwards):
            row = rows[depth]
            wanted = {
                n: sum(weight[m] * x[m] for m in neighbours[n])
                / sum(weight[m] for m in neighbours[n])
                if neighbours[n]
                else x[n]
                for n in row
            }
            row.sort(key=wanted.__getitem__)  # stable: ties keep the order of the walk
            places = _spread(
                [wanted[n] for n in row],
                [_box_width(nodes[n]) for n in row],
                [weight[n] for n in row],
            )
            x.update(zip(row, places, strict=True))
    return x


def _box(
    ax: Axes,
    xy: tuple[float, float],
    label: str,
    node: GraphNode,
    *,
    fontsize: float,
    style: str = "round,pad=0.4",
) -> Any:
    """Draw one node: its label in a box coloured by its kind (:data:`KIND_COLOURS`)."""
    return ax.text(
        *xy,
        label,
        ha="center",
        va="center",
        fontsize=fontsize,
        gid=node.id,
        parse_math=False,
        bbox={
            "boxstyle": style,
            "facecolor": KIND_COLOURS.get(node.kind, "white"),
            "edgecolor": "#525252",
        },
        zorder=3,
    )


# default of max_nodes in draw_graph and draw_forward_backward
_MAX_NODES = 1000


def _check_size(name: str, count: int, max_nodes: int) -> None:
    if count > max_nodes:
        raise ValueError(
            f"{name} must have at most max_nodes={max_nodes} nodes to draw, got {count}; "
            "pass a larger max_nodes to draw it anyway (the layout takes seconds per "
            "thousand nodes)"
        )


def draw_graph(
    ax: Axes, graph: Graph, *, title: str | None = None, max_nodes: int = _MAX_NODES
) -> Axes:
    """Draw a graph from :func:`trace_graph` in layers: the output on top, leaves below.

    Each node is a box with its label, coloured by kind (:data:`KIND_COLOURS`:
    leaves green, operations blue, the output orange); each edge is an arrow in
    the direction gradients flow during ``backward()``. Labels are drawn as given
    (a ``$`` is a dollar sign, not the start of mathtext), so they may be in any
    script the site's fonts cover (see :func:`pytorch_basics.plotting.use_site_style`).
    Nodes without edges are drawn in the top row.

    Args:
        ax: the axes to draw on; its axis lines are hidden. It must have a
            non-zero size; a tiny one gets a tiny font.
        graph: the graph to draw.
        title: the axes title.
        max_nodes: the most nodes to draw (an int, a NumPy integer or a 0-d integer
            tensor, at least 1); the layout takes seconds per thousand nodes, so a
            bigger graph is refused rather than drawn slowly and illegibly.

    Returns:
        ``ax``, for chaining.

    Raises:
        TypeError: ``ax`` is not an Axes, ``graph`` not a :class:`Graph`, ``title``
            not a str or ``max_nodes`` not an int.
        ValueError: ``graph`` has no nodes, more than ``max_nodes`` nodes, a node
            id twice, an edge twice, an edge to an unknown id or a cycle; ``ax``
            has zero size; ``max_nodes`` is below 1.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
        >>> fig, ax = plt.subplots()
        >>> draw_graph(ax, trace_graph((x * 2).sum()), title="(x * 2).sum()") is ax
        True
        >>> [text.get_text() for text in ax.texts]
        ['output', 'SumBackward0', 'MulBackward0', 'tensor (2,)']
        >>> plt.close(fig)
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {_describe(ax)}")
    if not isinstance(graph, Graph):
        raise TypeError(f"graph must be a Graph from trace_graph, got {_describe(graph)}")
    check_str("title", title, optional=True)
    max_nodes = check_int("max_nodes", max_nodes, minimum=1)
    known = {node.id for node in graph.nodes}
    unknown = sorted({end for edge in graph.edges for end in edge} - known)
    if not graph.nodes or unknown:
        raise ValueError(
            f"graph must have nodes and edges between its node ids, got {len(graph.nodes)} "
            f"nodes and edges to unknown ids {unknown}"
        )
    _check_size("graph", len(graph.nodes), max_nodes)
    twice = sorted(n for n, count in Counter(node.id for node in graph.nodes).items() if count > 1)
    if twice:
        raise ValueError(f"graph must have unique node ids, got {twice} more than once")
    repeated = [edge for edge, count in Counter(graph.edges).items() if count > 1]
    if repeated:
        raise ValueError(f"graph must list each edge once, got {repeated} more than once")
    extent = ax.get_window_extent()
    if extent.width <= 0 or extent.height <= 0:
        raise ValueError(
            f"ax must have a non-zero size to draw in, got {extent.width:g} x "
            f"{extent.height:g} pixels"
        )
    layer = _layers(graph)
    x = _positions(graph, layer)
    nodes = {node.id: node for node in graph.nodes}
    left = min(x[n] - _box_width(nodes[n]) / 2 for n in nodes) - 1.0
    right = max(x[n] + _box_width(nodes[n]) / 2 for n in nodes) + 1.0
    depth = max(layer.values())
    # the largest font (up to 9 pt) at which boxes neither touch nor crowd the arrows
    points_per_pixel = 72 / ax.figure.dpi
    fontsize = min(
        9.0,
        extent.width * points_per_pixel / ((right - left) * 0.62),
        extent.height * points_per_pixel / ((depth + 1) * 3.0),
    )
    boxes = {
        node.id: _box(ax, (x[node.id], -layer[node.id]), node.label, node, fontsize=fontsize)
        for node in graph.nodes
    }
    for source, target in graph.edges:
        ax.add_patch(
            FancyArrowPatch(
                (x[source], -layer[source]),
                (x[target], -layer[target]),
                arrowstyle="-|>",
                mutation_scale=1.3 * fontsize,
                color="#525252",
                patchA=boxes[source].get_bbox_patch(),
                patchB=boxes[target].get_bbox_patch(),
                shrinkA=2,
                shrinkB=2,
                zorder=2,
            )
        )
    # keep a character as wide as the font's, so a roomy axes does not stretch the gaps
    spare = extent.width * points_per_pixel / (0.62 * fontsize) - (right - left)
    ax.set_xlim(left - max(spare, 0) / 2, right + max(spare, 0) / 2)
    ax.set_ylim(-depth - 0.5, 0.5)
    ax.axis("off")
    if title is not None:
        ax.set_title(title)
    return ax


def _number(name: str, value: Any) -> float:
    """A plain number from a real number or a one-element real array or tensor, else raise.

    NumPy scalars count as numbers; bools (of any kind) and complex numbers do not.
    """
    wanted = (
        f"{name} must be a number (an int or a float, or a one-element array or tensor "
        "of a real dtype)"
    )
    if isinstance(value, torch.Tensor | np.ndarray):
        if isinstance(value, torch.Tensor):
            real = not (value.dtype == torch.bool or value.dtype.is_complex)
        else:
            real = value.dtype.kind in "iuf"
        if not real:
            raise TypeError(f"{wanted}, got {_describe(value)} (not a real dtype)")
        count = value.size if isinstance(value, np.ndarray) else value.numel()
        if count != 1:
            raise ValueError(f"{name} must hold one number, got {_describe(value)}")
        return float(value.item())
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{wanted}, got {_describe(value)}")
    return float(value)


def _check_labels(labels: Any) -> tuple[str, str]:
    wanted = "labels must be a pair of str (forward, backward)"
    if isinstance(labels, str) or not isinstance(labels, (tuple, list)):
        raise TypeError(f"{wanted}, got {_describe(labels)}")
    if len(labels) != 2:
        raise ValueError(f"{wanted}, got {len(labels)} item(s): {labels!r}")
    for index, label in enumerate(labels):
        check_str(f"labels[{index}]", label)
    return labels[0], labels[1]


def _symbol(label: str) -> str:
    return OPERATOR_SYMBOLS.get(label, re.sub(r"Backward\d*$", "", label))


def draw_forward_backward(
    ax: Axes,
    output: torch.Tensor,
    *,
    names: Mapping[str, torch.Tensor],
    gradients: Mapping[str, Any],
    title: str | None = None,
    labels: tuple[str, str] = ("forward: value", "backward: gradient"),
    fmt: str = "{:g}",
    max_nodes: int = _MAX_NODES,
) -> Axes:
    """Draw the forward graph of ``output`` with values forward and gradients backward.

    The structure is the one autograd recorded (:func:`trace_graph`), turned to
    read left to right as the forward pass ran: leaves on the left (green),
    operations as circles with their symbol (:data:`OPERATOR_SYMBOLS`), ``output``
    on the right (orange). Every edge carries one tensor, so it gets two arrows:
    the forward arrow (dark, solid) labelled ``name = value``, and the backward
    arrow (red, dashed) labelled ``∂output/∂name = gradient`` with the number
    that ``gradients`` gives. An operation's result is named by the tensor in
    ``names`` that it produced; an edge whose tensor is not named is drawn
    without labels. The numbers come from the caller, so a page can compute the
    gradients by hand and check them against ``.grad`` afterwards. A tensor that
    several operations use has one edge per use, and each edge carries back only
    part of its gradient (the parts add up to it), so such a tensor may have a
    value but no entry in ``gradients``. Names and gradients of tensors that are
    not in the graph are ignored, and an ``output`` with several elements can be
    drawn as long as it is not named (it has no single value to show). NaN and
    infinite values and gradients are shown as ``fmt`` writes them (``nan``,
    ``inf``). Texts are drawn as given (a ``$`` is a dollar sign). The values are
    read, not computed, so the call works under ``torch.no_grad()`` and
    ``torch.inference_mode()`` too.

    Args:
        ax: the axes to draw on; its axis lines are hidden.
        output: a tensor computed from tensors with ``requires_grad=True``.
        names: names of the leaves, the intermediate results and ``output``
            (matched by identity, each name non-empty and each tensor named once);
            every named tensor holds one number of a real dtype.
        gradients: for each name, the derivative of ``output`` with respect to
            that tensor: a real number (NumPy scalars too, not a bool) or a
            one-element array or tensor of a real dtype.
        title: the axes title.
        labels: the legend's texts for the forward and the backward arrows (a
            tuple or list of two str).
        fmt: format of the numbers: a str with one replacement field (``{}`` or
            ``{0}``, with any spec for a float, such as ``"{:.1f}"``).
        max_nodes: the most nodes to draw (as in :func:`draw_graph`).

    Returns:
        ``ax``, for chaining.

    Raises:
        TypeError: a wrong type for ``ax``, ``output``, ``names``, ``gradients``,
            a gradient, ``title``, ``labels``, ``fmt`` or ``max_nodes``; a named
            tensor or a gradient of a bool or complex dtype.
        ValueError: ``output`` has no ``grad_fn`` or more than ``max_nodes`` nodes,
            a named tensor or a gradient holds more than one number, ``names`` has
            an empty name, names a tensor twice or names two results of one
            operation (such as two outputs of ``unbind``), ``gradients`` names a
            tensor not in ``names`` or one that more than one operation uses,
            ``labels`` is not a pair, or ``fmt`` cannot format a float.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> w = torch.tensor(3.0, requires_grad=True)
        >>> out = x * w
        >>> fig, ax = plt.subplots()
        >>> grads = {"out": 1.0, "x": 3.0, "w": 2.0}
        >>> names = {"x": x, "w": w, "out": out}
        >>> draw_forward_backward(ax, out, names=names, gradients=grads) is ax
        True
        >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "forward")
        ['out = 6', 'w = 3', 'x = 2']
        >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "backward")
        ['∂out/∂out = 1', '∂out/∂w = 2', '∂out/∂x = 3']
        >>> plt.close(fig)
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {_describe(ax)}")
    check_str("title", title, optional=True)
    legend_texts = _check_labels(labels)
    check_format("fmt", fmt, 0.0)
    max_nodes = check_int("max_nodes", max_nodes, minimum=1)
    check_tensor("output", output)
    by_identity = _check_names(names, optional=False)
    _check_has_graph(output)
    if not isinstance(gradients, Mapping):
        raise TypeError(
            f"gradients must be a mapping from str to numbers, got {_describe(gradients)}"
        )
    for name in gradients:
        if not isinstance(name, str):
            raise TypeError(f"gradients must have str keys, got {_describe(name)}")
    unknown = sorted(set(gradients) - set(by_identity.values()))
    if unknown:
        raise ValueError(f"gradients must only name tensors in names, got unknown names {unknown}")
    slopes = {name: _number(f"gradients[{name!r}]", value) for name, value in gradients.items()}
    values = {name: _number(f"names[{name!r}]", tensor) for name, tensor in names.items()}
    shown_values = {name: format_number("fmt", fmt, value) for name, value in values.items()}
    shown_slopes = {name: format_number("fmt", fmt, slope) for name, slope in slopes.items()}
    graph, functions = _walk(output, by_identity)
    _check_size("output's graph", len(graph.nodes), max_nodes)
    makers = [(name, t.grad_fn) for name, t in names.items() if t.grad_fn is not None]
    made_by: dict[int, str] = {}  # ids stay unique while makers holds the functions
    for name, function in makers:
        if id(function) in made_by:
            raise ValueError(
                "names must name at most one result of each operation (the graph has one "
                f"edge for all of them), got {made_by[id(function)]!r} and {name!r}, both "
                f"made by one {type(function).__name__}"
            )
        made_by[id(function)] = name
    out_name = graph.nodes[0].label

    def carried(node: GraphNode) -> str | None:  # name of the tensor a node hands on
        if node.kind == "leaf":
            return node.label if node.label in values else None
        if node.kind == "output":
            return out_name
        return made_by.get(id(functions[node.id]))

    nodes = {node.id: node for node in graph.nodes}
    edge_count: dict[str, int] = {}
    for _, child in graph.edges:
        if (handed_on := carried(nodes[child])) is not None:
            edge_count[handed_on] = edge_count.get(handed_on, 0) + 1
    shared = sorted(name for name in slopes if edge_count.get(name, 0) > 1)
    if shared:
        raise ValueError(
            "gradients must only name tensors that one operation uses: the gradient of a "
            "tensor used by several operations is the sum of the parts its edges carry back, "
            f"so it labels none of them; leave out {shared}"
        )
    text = {n.id: n.label if n.kind != "operation" else _symbol(n.label) for n in graph.nodes}
    layer = _layers(graph)
    across = _positions(
        Graph(tuple(GraphNode(n.id, text[n.id], n.kind) for n in graph.nodes), graph.edges), layer
    )
    depth = max(layer.values())
    place = {n.id: (3.6 * (depth - layer[n.id]), -0.6 * across[n.id]) for n in graph.nodes}
    boxes = {
        node.id: _box(
            ax,
            place[node.id],
            text[node.id],
            node,
            fontsize=11,
            style="circle,pad=0.25" if node.kind == "operation" else "round,pad=0.4",
        )
        for node in graph.nodes
    }
    for parent, child in graph.edges:
        (x0, y0), (x1, y1) = place[child], place[parent]  # forward: child -> parent
        length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length  # left of the forward direction
        tensor = carried(nodes[child])
        for side, colour, gid, start, end, style in (
            (1, FORWARD_COLOUR, "forward", (x0, y0), (x1, y1), "-"),
            (-1, BACKWARD_COLOUR, "backward", (x1, y1), (x0, y0), "--"),
        ):
            shift = 0.13 * side
            ax.add_patch(
                FancyArrowPatch(
                    (start[0] + shift * nx, start[1] + shift * ny),
                    (end[0] + shift * nx, end[1] + shift * ny),
                    arrowstyle="-|>",
                    mutation_scale=11,
                    color=colour,
                    linestyle=style,
                    patchA=boxes[parent if side < 0 else child].get_bbox_patch(),
                    patchB=boxes[child if side < 0 else parent].get_bbox_patch(),
                    shrinkA=3,
                    shrinkB=3,
                    gid=gid,
                    zorder=2,
                )
            )
            if tensor is None or (side < 0 and tensor not in slopes):
                continue
            label = (
                f"{tensor} = {shown_values[tensor]}"
                if side > 0
                else f"∂{out_name}/∂{tensor} = {shown_slopes[tensor]}"
            )
            # anchor the label just off the edge's midpoint, on the side of its arrow,
            # and let the text grow away from the edge, so it never covers an arrow
            ox, oy = side * nx, side * ny
            ax.text(
                (x0 + x1) / 2 + 0.3 * ox,
                (y0 + y1) / 2 + 0.3 * oy,
                label,
                ha="left" if ox > 0.3 else "right" if ox < -0.3 else "center",
                va="bottom" if oy > 0.3 else "top" if oy < -0.3 else "center",
                fontsize=9,
                color=colour,
                gid=gid,
                zorder=4,
                parse_math=False,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            )
    xs = [p[0] for p in place.values()]
    ys = [p[1] for p in place.values()]
    ax.set_xlim(min(xs) - 1.0, max(xs) + 1.0)
    ax.set_ylim(min(ys) - 1.0, max(ys) + 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(
        handles=[
            Line2D([], [], color=FORWARD_COLOUR, label=legend_texts[0]),
            Line2D([], [], color=BACKWARD_COLOUR, linestyle="--", label=legend_texts[1]),
        ],
        loc="lower right",
        fontsize=8,
        frameon=False,
    )
    if title is not None:
        ax.set_title(title)
    return ax
