"""
The computational graph
=======================

Autograd computes gradients from a record of what was computed: the computational graph.
This page builds the graph of ``z = (x + y) * w`` from the post :ref:`post-concepts`,
reads it out of ``grad_fn`` and ``next_functions`` and draws it from that record. It
then works out by hand, with the chain rule, the gradients that flow back along its
edges, draws the graph in the form the post defines (a node for each variable and each
operation, edges along the data) with the value each edge carries forward and the
gradient it carries back, and checks those gradients against autograd. Finally it draws
the graph of a small two-layer network the same way.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``pytorch_basics.graph`` turns the graph autograd recorded into
# nodes and edges (``trace_graph``) and draws them (``draw_graph``, and
# ``draw_forward_backward`` for the version with values and gradients).
import matplotlib.pyplot as plt
import torch

from pytorch_basics.graph import draw_forward_backward, draw_graph, trace_graph
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# Nodes and edges
# ---------------
# The post :ref:`post-concepts` describes a computational graph with two kinds of
# parts: *nodes* are operations (an addition, a multiplication) or variables (the input
# values), and *edges* show how data flows and what depends on what. Its example is
# :math:`z = (x + y) \cdot w`. With ``requires_grad=True`` on the inputs, autograd
# records this graph while the expression runs. We give the sum its own name,
# :math:`s = x + y`, so that we can look at it later; ``z = s * w`` is the same
# computation as ``z = (x + y) * w``.
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
s = x + y
z = s * w
print(f"s = x + y = {x.item():.1f} + {y.item():.1f} = {s.item():.1f}")
print(f"z = s * w = {s.item():.1f} * {w.item():.1f} = {z.item():.1f}")

# %%
# What autograd recorded
# ----------------------
# ``z.grad_fn`` is the node that made ``z``: the backward function of the last
# operation, the multiplication. Its ``next_functions`` lead one step back, to the
# nodes that made the two factors. A leaf tensor that requires gradients ends its path
# in an ``AccumulateGrad`` node, the one that will store the gradient in the leaf's
# ``.grad``; its ``variable`` is the leaf itself.
print(f"z.grad_fn: {type(z.grad_fn).__name__}")
for next_function, _ in z.grad_fn.next_functions:
    print(f"  next: {type(next_function).__name__}")
print(f"the second one holds w: {z.grad_fn.next_functions[1][0].variable is w}")


# %%
# Following ``next_functions`` until only ``AccumulateGrad`` nodes are left visits
# the whole graph. This short recursive walk prints it as an indented tree; an input
# that needs no gradient would appear as ``None`` and is skipped.
def walk(function, depth=0):
    print("    " * depth + type(function).__name__)
    for next_function, _ in function.next_functions:
        if next_function is not None:
            walk(next_function, depth + 1)


walk(z.grad_fn)

# %%
# From the record to a figure
# ---------------------------
# ``trace_graph`` does the same walk and returns the nodes and the edges. We pass the
# tensors with their names, so each ``AccumulateGrad`` node is labelled with the name of
# its leaf. It adds one node that autograd does not have: the output ``z`` itself
# (``n0``), where ``backward()`` starts, so the list has six nodes where the walk above
# printed five. The edges go from the output towards the leaves: the direction in which
# ``backward()`` sends the gradients.
graph = trace_graph(z, names={"x": x, "y": y, "w": w, "z": z})
for node in graph.nodes:
    print(f"{node.id}: {node.label} ({node.kind})")
for source, target in graph.edges:
    print(f"{source} -> {target}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
draw_graph(ax, graph, title="z = (x + y) * w as autograd recorded it")
describe_figure(
    fig,
    "Diagram, drawn top to bottom, of the graph autograd recorded for z = (x + y) * w. Arrows "
    "lead from the output z at the top to MulBackward0, from MulBackward0 to AddBackward0 and "
    "to the leaf w, and from AddBackward0 to the leaves x and y. They point from the output "
    "towards the inputs, the direction in which backward() sends gradients.",
)
plt.show()

# %%
# The figure shows the nodes and edges listed above: the output ``z`` (orange) on
# top, the operations (blue) below it and each leaf's ``AccumulateGrad`` node (green,
# labelled with the leaf's name) under the operation that used it.
# A graph drawn as the post describes it differs in two ways. Its operation nodes are
# the operations themselves (an addition, a multiplication), while autograd names them
# after their *backward* functions (``MulBackward0`` computes the gradients of a
# product). And its edges follow the data from the inputs to ``z``, while autograd's
# point from ``z`` towards the inputs: during the forward pass data flowed up, during
# the backward pass gradients flow down.
#
# Backward along the edges
# ------------------------
# The chain rule (the derivative of a composition is the product of the derivatives of
# its steps) follows the arrows, one node at a time, starting from
# :math:`\partial z / \partial z = 1`. ``MulBackward0`` handles :math:`z = s \cdot w`:
# :math:`\partial z / \partial s = w` and :math:`\partial z / \partial w = s`.
# ``AddBackward0`` handles :math:`s = x + y`: because
# :math:`\partial s / \partial x = \partial s / \partial y = 1`, it passes
# :math:`\partial z / \partial s` on unchanged. So
# :math:`\partial z / \partial x = \partial z / \partial y = w` and
# :math:`\partial z / \partial w = x + y`. The same steps with the numbers of this
# page, in plain Python:
dz_dz = 1.0
dz_ds = dz_dz * w.item()  # z = s * w, so dz/ds = w
dz_dw = dz_dz * s.item()  # ... and dz/dw = s
dz_dx = dz_ds * 1.0  # s = x + y, so ds/dx = 1
dz_dy = dz_ds * 1.0  # ... and ds/dy = 1
print(f"∂z/∂s = {dz_ds:.1f}, ∂z/∂w = {dz_dw:.1f}, ∂z/∂x = {dz_dx:.1f}, ∂z/∂y = {dz_dy:.1f}")

# %%
# The graph with its values and gradients
# ---------------------------------------
# Now we draw the graph in the post's form: a node for each variable and each
# operation, and edges that follow the data from the inputs to ``z``, here from left to
# right. Every edge carries one tensor: forward, its value; backward, the gradient of
# ``z`` with respect to it. All the numbers come from the code above, printed with one
# decimal as above.
fig, ax = plt.subplots(figsize=(7, 3.5))
draw_forward_backward(
    ax,
    z,
    names={"x": x, "y": y, "w": w, "s": s, "z": z},
    gradients={"x": dz_dx, "y": dz_dy, "w": dz_dw, "s": dz_ds, "z": dz_dz},
    title="z = (x + y) * w: values forward, gradients backward",
    labels=("forward: value", "backward: gradient"),
    fmt="{:.1f}",
)
describe_figure(
    fig,
    "Diagram of z = (x + y) * w drawn left to right: x and y go into an addition node, its "
    "result s and w go into a multiplication node, and z comes out. Solid black arrows carry "
    f"the forward values (x = {x.item():.1f}, y = {y.item():.1f}, s = {s.item():.1f}, "
    f"w = {w.item():.1f}, z = {z.item():.1f}), and dashed red arrows run back along the same "
    f"edges with the gradients of z (∂z/∂z = {dz_dz:.1f}, ∂z/∂s = {dz_ds:.1f}, "
    f"∂z/∂w = {dz_dw:.1f}, ∂z/∂x = {dz_dx:.1f}, ∂z/∂y = {dz_dy:.1f}). The addition passes "
    "the gradient it receives to both inputs unchanged; the multiplication multiplies it by "
    "the other input's value.",
)
plt.show()

# %%
# The figure shows the forward pass as black arrows, with the value each edge carries
# (``x`` and ``y`` into the addition, ``s`` and ``w`` into the multiplication, ``z``
# out), and the backward pass as red dashed arrows along the same edges, with the
# gradient of ``z`` with respect to that edge's tensor. The addition hands the gradient
# it receives to both of its inputs unchanged; the multiplication hands each input the
# gradient it receives times the *other* input's value.
#
# Are the hand-computed gradients right? ``z.backward()`` lets autograd compute them,
# and we compare.
z.backward()
for name, leaf, by_hand in [("x", x, dz_dx), ("y", y, dz_dy), ("w", w, dz_dw)]:
    agree = leaf.grad.item() == by_hand
    assert agree
    print(f"{name}.grad = {leaf.grad.item():.1f}, chain rule: {by_hand:.1f}, equal: {agree}")

# %%
# One point cannot show that the formulas agree, only that these numbers do. Five
# random points can: at each, :math:`\partial z / \partial x` and
# :math:`\partial z / \partial y` must equal ``w``, and :math:`\partial z / \partial w`
# must equal ``x + y``. ``torch.randn(1)`` draws one random number (a tensor of shape
# ``(1,)``); a tensor with one element is a single number, so ``backward()`` works on it.
for _ in range(5):
    x = torch.randn(1, requires_grad=True)
    y = torch.randn(1, requires_grad=True)
    w = torch.randn(1, requires_grad=True)
    ((x + y) * w).backward()
    same_x = torch.allclose(x.grad, w)
    same_y = torch.allclose(y.grad, w)
    same_w = torch.allclose(w.grad, x + y)
    assert same_x and same_y and same_w
    print(
        f"x = {x.item():+.3f}, y = {y.item():+.3f}, w = {w.item():+.3f} -> "
        f"x.grad == w: {same_x}, y.grad == w: {same_y}, w.grad == x + y: {same_w}"
    )

# %%
# The same drawing for any expression
# -----------------------------------
# Nothing above was specific to ``z``: ``trace_graph`` reads whatever autograd
# recorded. Here is a small two-layer network on a batch of inputs,
# ``h = relu(inputs @ W1 + b1)`` and ``out = h @ W2 + b2``, with the mean squared
# error against a target as the loss. ``torch.relu`` (ReLU) keeps the positive
# numbers and replaces the negative ones with 0. Only the weights and biases require
# gradients; the inputs and the target are data.
inputs = torch.randn(4, 3)
target = torch.randn(4, 2)
W1 = torch.randn(3, 5, requires_grad=True)
b1 = torch.zeros(5, requires_grad=True)
W2 = torch.randn(5, 2, requires_grad=True)
b2 = torch.zeros(2, requires_grad=True)
h = torch.relu(inputs @ W1 + b1)
out = h @ W2 + b2
loss = (out - target).pow(2).mean()
print(f"inputs {tuple(inputs.shape)} -> h {tuple(h.shape)} -> out {tuple(out.shape)}")
print(f"loss = {loss.item():.4f}")

# %%
# We name every tensor, the data included, and trace the loss.
names = {"inputs": inputs, "target": target, "W1": W1, "b1": b1, "W2": W2, "b2": b2}
mlp_graph = trace_graph(loss, names={**names, "loss": loss})
leaves = [node.label for node in mlp_graph.nodes if node.kind == "leaf"]
print(f"{len(mlp_graph.nodes)} nodes, {len(mlp_graph.edges)} edges, leaves: {leaves}")

# %%
fig, ax = plt.subplots(figsize=(6, 6.5))
draw_graph(ax, mlp_graph, title="A two-layer network's loss as autograd recorded it")
describe_figure(
    fig,
    "Diagram, drawn top to bottom, of the graph autograd recorded for the loss of a two-layer "
    "network. A single chain runs down from loss through MeanBackward0, PowBackward0, "
    "SubBackward0, AddBackward0, MmBackward0, ReluBackward0, AddBackward0 and MmBackward0, "
    "with the leaves b2, W2, b1 and W1 each hanging below the operation that used it. The "
    "data, inputs and target, have no nodes, because they need no gradients.",
)
plt.show()

# %%
# The figure shows the loss on top and, going down, one operation per step of the
# forward pass in reverse order: the mean, the square, the subtraction, the second
# layer (``AddBackward0`` for ``+ b2``, ``MmBackward0`` for ``@ W2``), the ReLU and
# the first layer. Each weight and bias hangs off the operation that used it.
#
# ``inputs`` and ``target`` have names but no box: they do not require gradients, so
# autograd records no node for them. In ``next_functions`` they appear as ``None``,
# as the node of ``inputs @ W1`` shows (its first input is ``inputs``, its second
# ``W1``).
first_layer = h.grad_fn.next_functions[0][0].next_functions[0][0]
recorded = [None if f is None else type(f).__name__ for f, _ in first_layer.next_functions]
print(f"{type(first_layer).__name__}.next_functions: {recorded}")

# %%
# Give a copy of ``inputs`` ``requires_grad=True`` (``requires_grad_()`` switches it on
# for a tensor that already exists), and the same product records a node for it as
# well:
tracked = (inputs.clone().requires_grad_() @ W1).grad_fn
recorded = [None if f is None else type(f).__name__ for f, _ in tracked.next_functions]
print(f"with requires_grad=True on inputs: {recorded}")

# %%
# Gradients reach every leaf
# --------------------------
# ``backward()`` walks this graph from the loss down and fills ``.grad`` of the four
# leaves, each with the shape of its tensor.
loss.backward()
for name in ["W1", "b1", "W2", "b2"]:
    print(f"{name}.grad: shape {tuple(names[name].grad.shape)}")

# %%
# One of them is easy to check by hand. The loss is the mean of the :math:`N`
# squared errors :math:`(out - target)^2`, so
# :math:`\partial loss / \partial out = 2 (out - target) / N`. ``b2`` is added to
# every row of ``out`` (broadcasting, see
# :ref:`sphx_glr_auto_examples_tensors_plot_07_products.py`): raising one of its entries
# by some amount raises every entry of that column of ``out`` by the same amount, so its
# gradient is the sum of that column's gradients, a sum over the rows.
by_hand = 2 * (out - target).sum(dim=0) / out.numel()
print(f"b2.grad = {b2.grad}")
print(f"matches 2 * (out - target).sum(dim=0) / N: {torch.allclose(b2.grad, by_hand)}")

# %%
# Summary
# -------
# - Autograd records a graph while the code runs: ``grad_fn`` is the node that made
#   a tensor, ``next_functions`` lead to the nodes of its inputs, and each leaf ends
#   in an ``AccumulateGrad`` node.
# - The recorded graph points from the output towards the leaves, the way gradients
#   flow in ``backward()``; inputs that need no gradient have no node.
# - For ``z = (x + y) * w`` the gradients are ``w``, ``w`` and ``x + y``, as the chain
#   rule along the edges says and ``backward()`` confirms at random points.
#
# API:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics <https://docs.pytorch.org/docs/stable/notes/autograd.html>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_03_dynamic.py`, which shows that
# the graph is recorded anew on every call, so Python's ``if`` and loops shape it.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A multiplication hands each input the gradient it receives
#    times the *other* input's value. So after ``z.backward()`` below, is ``x.grad`` 3
#    or 6?
#
#    .. code-block:: python
#
#       x = torch.tensor(3.0, requires_grad=True)
#       z = x * x
#
# 2. **Change one thing and explain.** At the same values (``x = 2``, ``y = 3``,
#    ``w = 4``), replace the addition with a subtraction: ``z = (x - y) * w``. Which of
#    the three gradients change, and how?
# 3. **Write it.** Check ``W2.grad`` by hand, as the page did for ``b2.grad``. Raising
#    ``W2[j, k]`` by a small amount raises column ``k`` of ``out``, in each row ``n``,
#    by ``h[n, j]`` times that amount.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# 6. Both inputs of the multiplication are ``x``, so ``MulBackward0`` hands each of them
# the other one's value, 3, and both edges lead to the same ``AccumulateGrad`` node of
# ``x``. The two gradients that arrive there add up: :math:`3 + 3 = 2x`. Two different
# tensors with the same value would get 3 each.
x = torch.tensor(3.0, requires_grad=True)
z = x * x
edges = z.grad_fn.next_functions
same_node = edges[0][0] is edges[1][0]
print(f"both edges lead to the same node: {same_node} ({type(edges[0][0]).__name__})")
z.backward()
print(f"x * x: x.grad = {x.grad.item():.1f}, 2x = {2 * x.item():.1f}")
assert same_node and x.grad.item() == 2 * x.item()
x_other = torch.tensor(3.0, requires_grad=True)
y_other = torch.tensor(3.0, requires_grad=True)
(x_other * y_other).backward()
print(f"product of two different tensors: x.grad = {x_other.grad.item():.1f}")
assert x_other.grad.item() == y_other.item()

# %%
# Answer 2
# ^^^^^^^^
# ``y.grad`` and ``w.grad`` change. For :math:`s = x - y`,
# :math:`\partial s / \partial y = -1`, so ``SubBackward0`` passes the gradient it
# receives to ``x`` unchanged and to ``y`` with its sign flipped: ``x.grad`` is still
# ``w``, 4, and ``y.grad`` is -4. ``w.grad`` is again the multiplication's other input,
# :math:`x - y = -1`.
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
z = (x - y) * w
walk(z.grad_fn)
z.backward()
print(f"x.grad = {x.grad.item():.1f}, y.grad = {y.grad.item():.1f}, w.grad = {w.grad.item():.1f}")
assert x.grad.item() == w.item() and y.grad.item() == -w.item()
assert w.grad.item() == (x - y).item()

# %%
# Answer 3
# ^^^^^^^^
# ``W2[j, k]`` affects only column ``k`` of ``out``, and row ``n`` of it by ``h[n, j]``
# times as much. So its gradient is, for each row, ``h[n, j]`` times
# :math:`\partial loss / \partial out_{nk}`, summed over the rows. For all ``j`` and
# ``k`` at once that is the matrix product ``h.T @ d_out``, of shape
# (5, 4) @ (4, 2) = (5, 2), the shape of ``W2``.
d_out = 2 * (out - target) / out.numel()  # ∂loss/∂out, the formula of the b2 check
W2_by_hand = h.T @ d_out
print(f"h.T @ d_out: shape {tuple(W2_by_hand.shape)}, W2.grad: shape {tuple(W2.grad.shape)}")
print(f"largest difference from h.T @ d_out: {(W2.grad - W2_by_hand).abs().max().item():.2e}")
assert torch.allclose(W2.grad, W2_by_hand)
