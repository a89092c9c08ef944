"""pytorch_basics.graph: the traced graph is the one autograd recorded, and it draws legibly."""

from __future__ import annotations

import warnings
from itertools import combinations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from pytorch_basics.graph import (  # noqa: E402
    KIND_COLOURS,
    Graph,
    GraphNode,
    draw_forward_backward,
    draw_graph,
    trace_graph,
)
from pytorch_basics.models import resnet18  # noqa: E402
from pytorch_basics.plotting import use_site_style  # noqa: E402


def _zxyw() -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    x, y, w = (torch.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    z = (x + y) * w
    return z, {"x": x, "y": y, "w": w, "z": z}


def _two_layer() -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    generator = torch.Generator().manual_seed(0)
    x, target = torch.randn(4, 3, generator=generator), torch.randn(4, 2, generator=generator)
    w1 = torch.randn(3, 5, generator=generator).requires_grad_()
    b1 = torch.zeros(5, requires_grad=True)
    w2 = torch.randn(5, 2, generator=generator).requires_grad_()
    b2 = torch.zeros(2, requires_grad=True)
    out = torch.relu(x @ w1 + b1) @ w2 + b2
    loss = (out - target).pow(2).mean()
    return loss, {"x": x, "target": target, "W1": w1, "b1": b1, "W2": w2, "b2": b2, "loss": loss}


def _autograd_walk(output: torch.Tensor) -> tuple[set[str], int, int]:
    """Independent walk: operation class names, number of distinct nodes and of edges."""
    seen, edges, stack = {output.grad_fn}, set(), [output.grad_fn]
    while stack:
        function = stack.pop()
        for following, _ in function.next_functions:
            if following is not None:
                edges.add((function, following))
                if following not in seen:
                    seen.add(following)
                    stack.append(following)
    operations = {type(f).__name__ for f in seen if not hasattr(f, "variable")}
    return operations, len(seen) + 1, len(edges) + 1


def test_trace_graph_records_z_equals_x_plus_y_times_w() -> None:
    z, names = _zxyw()
    graph = trace_graph(z, names=names)
    assert graph.nodes == (
        GraphNode("n0", "z", "output"),
        GraphNode("n1", "MulBackward0", "operation"),
        GraphNode("n2", "AddBackward0", "operation"),
        GraphNode("n3", "w", "leaf"),
        GraphNode("n4", "x", "leaf"),
        GraphNode("n5", "y", "leaf"),
    )
    assert graph.edges == (("n0", "n1"), ("n1", "n2"), ("n1", "n3"), ("n2", "n4"), ("n2", "n5"))


@pytest.mark.parametrize("build", [_zxyw, _two_layer], ids=["zxyw", "two_layer"])
def test_trace_graph_matches_autograd_walk(build) -> None:
    output, names = build()
    graph = trace_graph(output, names=names)
    operations, node_count, edge_count = _autograd_walk(output)
    assert {n.label for n in graph.nodes if n.kind == "operation"} == operations
    assert (len(graph.nodes), len(graph.edges)) == (node_count, edge_count)
    required = {name for name, t in names.items() if t.requires_grad and t.grad_fn is None}
    assert {n.label for n in graph.nodes if n.kind == "leaf"} == required


def test_trace_graph_two_layer_leaves_are_the_parameters_only() -> None:
    loss, names = _two_layer()
    graph = trace_graph(loss, names=names)
    assert sorted(n.label for n in graph.nodes if n.kind == "leaf") == ["W1", "W2", "b1", "b2"]
    assert graph.nodes[0] == GraphNode("n0", "loss", "output")
    assert len(graph.nodes) == 13


def test_trace_graph_edges_point_from_output_to_leaves() -> None:
    loss, names = _two_layer()
    graph = trace_graph(loss, names=names)
    kinds = {n.id: n.kind for n in graph.nodes}
    assert all(kinds[target] != "output" for _, target in graph.edges)
    assert all(kinds[source] != "leaf" for source, _ in graph.edges)
    assert [source for source, _ in graph.edges].count("n0") == 1


def test_trace_graph_shared_leaf_is_one_node() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    graph = trace_graph((x * x + x).sum(), names={"x": x})
    leaves = [n for n in graph.nodes if n.kind == "leaf"]
    assert [n.label for n in leaves] == ["x"]
    into_x = [edge for edge in graph.edges if edge[1] == leaves[0].id]
    assert len(into_x) == len(set(into_x)) == 2  # from AddBackward0 and MulBackward0, once each


def test_trace_graph_labels_unnamed_leaves_by_shape_and_ignores_other_names() -> None:
    a = torch.ones(3, requires_grad=True)
    b = torch.ones(2, 3, requires_grad=True)
    unrelated = torch.zeros(1)
    graph = trace_graph((a * b).sum(), names={"b": b, "other": unrelated})
    assert [n.label for n in graph.nodes] == [
        "output",
        "SumBackward0",
        "MulBackward0",
        "tensor (3,)",
        "b",
    ]


def test_trace_graph_is_deterministic() -> None:
    first, second = _two_layer(), _two_layer()
    assert trace_graph(first[0], names=first[1]) == trace_graph(second[0], names=second[1])


def test_trace_graph_rejects_non_tensor() -> None:
    with pytest.raises(TypeError, match=r"^output must be a torch.Tensor, got list"):
        trace_graph([1.0, 2.0])  # type: ignore[arg-type]


def test_trace_graph_rejects_leaf_tensor() -> None:
    with pytest.raises(ValueError, match=r"^output must be a tensor with a grad_fn .*got a leaf"):
        trace_graph(torch.ones(2, requires_grad=True))


@pytest.mark.parametrize("context", ["no_grad", "plain"])
def test_trace_graph_rejects_tensor_without_graph(context: str) -> None:
    w = torch.ones(2, requires_grad=context == "no_grad")
    with torch.no_grad():
        output = w * 2
    with pytest.raises(ValueError, match=r"requires_grad=True.*does not require gradients"):
        trace_graph(output)


def test_trace_graph_rejects_bad_names() -> None:
    z, _ = _zxyw()
    with pytest.raises(TypeError, match=r"^names must be a mapping"):
        trace_graph(z, names=["x"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^names must have str keys, got int 1"):
        trace_graph(z, names={1: z})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match=r"^names\['x'\] must be a torch.Tensor, got float"):
        trace_graph(z, names={"x": 2.0})  # type: ignore[dict-item]


def _drawn(graph: Graph, figsize: tuple[float, float], title: str | None = None):
    use_site_style()
    fig, ax = plt.subplots(figsize=figsize)
    draw_graph(ax, graph, title=title)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. a glyph missing from the fonts
        fig.canvas.draw()
    return fig, ax


def test_draw_graph_one_box_per_node_one_arrow_per_edge() -> None:
    z, names = _zxyw()
    graph = trace_graph(z, names=names)
    fig, ax = _drawn(graph, (6, 3.5), title="계산 그래프 z = (x + y) * w")
    assert [t.get_gid() for t in ax.texts] == [n.id for n in graph.nodes]
    assert [t.get_text() for t in ax.texts] == [n.label for n in graph.nodes]
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == len(graph.edges)
    assert ax.get_title() == "계산 그래프 z = (x + y) * w"
    plt.close(fig)


def test_draw_graph_colours_boxes_by_kind() -> None:
    z, names = _zxyw()
    graph = trace_graph(z, names=names)
    fig, ax = _drawn(graph, (6, 3.5))
    kinds = {n.id: n.kind for n in graph.nodes}
    for text in ax.texts:
        colour = to_hex(text.get_bbox_patch().get_facecolor())
        assert colour == KIND_COLOURS[kinds[text.get_gid()]]
    assert len(set(KIND_COLOURS.values())) == 3
    plt.close(fig)


def test_draw_graph_output_on_top_and_every_edge_points_down() -> None:
    loss, names = _two_layer()
    graph = trace_graph(loss, names=names)
    fig, ax = _drawn(graph, (6, 7))
    y = {t.get_gid(): t.get_position()[1] for t in ax.texts}
    assert y["n0"] == max(y.values())
    assert all(y[source] > y[target] for source, target in graph.edges)
    plt.close(fig)


def _overlaps(fig, ax) -> list[tuple[str, str]]:
    renderer = fig.canvas.get_renderer()
    boxes = {t.get_gid(): t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts}
    return [(a, b) for a, b in combinations(boxes, 2) if boxes[a].overlaps(boxes[b])]


def _thirty_nodes() -> Graph:
    """A chain of operations with a few wide layers: 31 nodes."""
    generator = torch.Generator().manual_seed(1)
    params = [torch.randn(3, generator=generator).requires_grad_() for _ in range(6)]
    value = params[0]
    for index, param in enumerate(params[1:]):
        value = torch.tanh(value * param + params[index]) if index % 2 else (value + param).exp()
    penalty = sum(param.pow(2).sum() for param in params[3:])
    return trace_graph((value * params[2]).sum() + penalty)


@pytest.mark.parametrize(
    "graph,figsize",
    [
        (trace_graph(_zxyw()[0], names=_zxyw()[1]), (6, 3.5)),
        (trace_graph(_two_layer()[0], names=_two_layer()[1]), (6, 7)),
        (_thirty_nodes(), (6, 7)),
        (_thirty_nodes(), (3, 3)),
    ],
    ids=["zxyw", "two_layer", "thirty", "thirty_small_figure"],
)
def test_draw_graph_boxes_do_not_overlap_and_stay_inside(graph: Graph, figsize) -> None:
    fig, ax = _drawn(graph, figsize)
    assert not _overlaps(fig, ax)
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    for text in ax.texts:
        box = text.get_bbox_patch().get_window_extent(renderer)
        assert (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 <= box.y1 <= frame.y1
        )
    plt.close(fig)


def test_draw_graph_thirty_node_graph_is_that_big() -> None:
    assert len(_thirty_nodes().nodes) == 31


def test_draw_graph_hangul_labels_render() -> None:
    x = torch.tensor(1.0, requires_grad=True)
    out = x * 2
    graph = trace_graph(out, names={"입력": x, "출력": out})
    fig, ax = _drawn(graph, (4, 3), title="한글 제목")
    assert [t.get_text() for t in ax.texts] == ["출력", "MulBackward0", "입력"]
    assert not _overlaps(fig, ax)
    plt.close(fig)


def test_draw_graph_handles_a_resnet_sized_graph() -> None:
    torch.manual_seed(0)
    output = resnet18(num_classes=2)(torch.zeros(2, 3, 32, 32)).sum()
    graph = trace_graph(output)
    assert sum(n.kind == "leaf" for n in graph.nodes) == 62
    fig, ax = plt.subplots(figsize=(6, 6))
    assert draw_graph(ax, graph) is ax
    plt.close(fig)


def test_draw_graph_rejects_bad_input() -> None:
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match=r"^ax must be a matplotlib Axes, got"):
        draw_graph(fig, trace_graph(_zxyw()[0]))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^graph must be a Graph from trace_graph, got"):
        draw_graph(ax, _zxyw()[0])  # type: ignore[arg-type]
    broken = Graph((GraphNode("n0", "output", "output"),), (("n0", "n7"),))
    with pytest.raises(
        ValueError, match=r"^graph must have nodes and edges .* unknown ids \['n7'\]"
    ):
        draw_graph(ax, broken)
    with pytest.raises(ValueError, match=r"^graph must have nodes .*got 0 nodes"):
        draw_graph(ax, Graph((), ()))
    plt.close(fig)


def _zsxyw() -> tuple[torch.Tensor, dict[str, torch.Tensor], dict[str, float]]:
    """z = (x + y) * w with the sum named s, and autograd's own dz/d(every named tensor)."""
    x, y, w = (torch.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    s = x + y
    s.retain_grad()
    z = s * w
    z.retain_grad()
    z.backward(retain_graph=True)
    names = {"x": x, "y": y, "w": w, "s": s, "z": z}
    return z, names, {name: t.grad.item() for name, t in names.items()}


def _texts(ax, gid: str) -> list[str]:
    return sorted(t.get_text() for t in ax.texts if t.get_gid() == gid)


def test_draw_forward_backward_labels_values_forward_and_autograd_gradients_backward() -> None:
    z, names, gradients = _zsxyw()
    assert gradients == {"x": 4.0, "y": 4.0, "w": 5.0, "s": 4.0, "z": 1.0}
    use_site_style()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    draw_forward_backward(ax, z, names=names, gradients=gradients, title="순전파와 역전파")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. ∂ or Hangul missing from the fonts
        fig.canvas.draw()
    assert _texts(ax, "forward") == ["s = 5", "w = 4", "x = 2", "y = 3", "z = 20"]
    assert _texts(ax, "backward") == [
        "∂z/∂s = 4",
        "∂z/∂w = 5",
        "∂z/∂x = 4",
        "∂z/∂y = 4",
        "∂z/∂z = 1",
    ]
    graph = trace_graph(z, names=names)
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert sorted(p.get_gid() for p in arrows) == ["backward"] * 5 + ["forward"] * 5
    assert len(arrows) == 2 * len(graph.edges)
    assert ax.get_title() == "순전파와 역전파"
    plt.close(fig)


def test_draw_forward_backward_reads_left_to_right_with_operator_symbols() -> None:
    z, names, gradients = _zsxyw()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    draw_forward_backward(ax, z, names=names, gradients=gradients)
    nodes = {t.get_text(): t.get_position() for t in ax.texts if t.get_gid().startswith("n")}
    assert sorted(nodes) == ["+", "w", "x", "y", "z", "×"]
    assert nodes["x"][0] == nodes["y"][0] < nodes["+"][0] < nodes["×"][0] < nodes["z"][0]
    assert nodes["w"][0] < nodes["×"][0]
    plt.close(fig)


def test_draw_forward_backward_leaves_unnamed_edges_unlabelled() -> None:
    x, w = (torch.tensor(v, requires_grad=True) for v in (2.0, 3.0))
    out = (x + 1) * w  # the sum is not named
    fig, ax = plt.subplots()
    draw_forward_backward(ax, out, names={"x": x, "w": w, "out": out}, gradients={"x": 3.0})
    assert _texts(ax, "forward") == ["out = 9", "w = 3", "x = 2"]
    assert _texts(ax, "backward") == ["∂out/∂x = 3"]
    plt.close(fig)


@pytest.mark.parametrize("fmt", ["{:g}", "{:.1f}"])
def test_draw_forward_backward_labels_clear_arrows_boxes_and_each_other(fmt: str) -> None:
    z, names, gradients = _zsxyw()
    use_site_style()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    draw_forward_backward(ax, z, names=names, gradients=gradients, fmt=fmt)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid() in ("forward", "backward")]
    extents = [t.get_window_extent(renderer) for t in labels]
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts if t not in labels]
    assert len(labels) == 10 and len(boxes) == 6
    for a, b in combinations(extents, 2):
        assert not a.overlaps(b)
    for extent in extents:
        assert not any(extent.overlaps(box) for box in boxes)
        for arrow in (p for p in ax.patches if isinstance(p, FancyArrowPatch)):
            points = arrow.get_transform().transform(arrow.get_path().interpolated(50).vertices)
            assert not extent.count_contains(points)
    plt.close(fig)


def test_draw_forward_backward_rejects_gradient_of_a_tensor_two_operations_use() -> None:
    x, w = (torch.tensor(v, requires_grad=True) for v in (2.0, 3.0))
    p = x * w
    out = p + x  # x feeds the product and the sum: d out/dx = w + 1, split over two edges
    out.backward()
    names = {"x": x, "w": w, "p": p, "out": out}
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"^gradients must only name tensors that one .*\['x'\]"):
        draw_forward_backward(ax, out, names=names, gradients={"x": x.grad, "w": w.grad})
    draw_forward_backward(ax, out, names=names, gradients={"w": w.grad, "p": 1.0, "out": 1.0})
    assert _texts(ax, "forward") == ["out = 8", "p = 6", "w = 3", "x = 2", "x = 2"]
    assert _texts(ax, "backward") == ["∂out/∂out = 1", "∂out/∂p = 1", "∂out/∂w = 2"]
    plt.close(fig)


def test_draw_forward_backward_rejects_bad_input() -> None:
    z, names, gradients = _zsxyw()
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match=r"^ax must be a matplotlib Axes"):
        draw_forward_backward(fig, z, names=names, gradients=gradients)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^gradients must only name tensors in names, .*\['v'\]"):
        draw_forward_backward(ax, z, names=names, gradients={"v": 1.0})
    with pytest.raises(TypeError, match=r"^gradients\['x'\] must be a number .*got str"):
        draw_forward_backward(ax, z, names=names, gradients={"x": "4"})
    with pytest.raises(ValueError, match=r"^gradients\['x'\] must hold one number"):
        draw_forward_backward(ax, z, names=names, gradients={"x": torch.ones(2)})
    with pytest.raises(TypeError, match=r"^gradients must be a mapping"):
        draw_forward_backward(ax, z, names=names, gradients=[4.0])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^output must be a tensor with a grad_fn"):
        draw_forward_backward(ax, names["x"], names=names, gradients={})
    plt.close(fig)
