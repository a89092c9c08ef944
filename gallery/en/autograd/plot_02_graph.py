"""
The computational graph
=======================

Autograd computes gradients from a record of what was computed: the computational graph.
This page builds the graph of ``z = (x + y) * w`` from the original lesson, reads it out
of ``grad_fn`` and ``next_functions``, draws it from that record, checks by hand the
gradients that flow along it, and then draws the graph of a small two-layer network the
same way.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``pytorch_basics.graph`` turns the graph autograd recorded into
# nodes and edges (``trace_graph``) and draws them (``draw_graph``).
import matplotlib.pyplot as plt
import torch

from pytorch_basics.graph import draw_graph, trace_graph
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# Nodes and edges
# ---------------
# The original lesson describes a computational graph with two kinds of parts: *nodes*
# are operations (an addition, a multiplication) or variables (the input values), and
# *edges* show how data flows and what depends on what. Its example is
# :math:`z = (x + y) \cdot w`. With ``requires_grad=True`` on the inputs, autograd
# records this graph while the expression runs.
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
z = (x + y) * w
print(f"z = ({x.item():.1f} + {y.item():.1f}) * {w.item():.1f} = {z.item():.1f}")

# %%
# What autograd recorded
# ----------------------
# ``z.grad_fn`` is the node that made ``z``: the backward function of the last
# operation, the multiplication. Its ``next_functions`` lead one step back, to the
# nodes that made the two factors. A leaf tensor ends its path in an
# ``AccumulateGrad`` node, the one that will store the gradient in the leaf's
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
# tensors with their names, so the leaves and the output are labelled with them. The
# edges go from the output towards the leaves: the direction in which ``backward()``
# sends the gradients.
graph = trace_graph(z, names={"x": x, "y": y, "w": w, "z": z})
for node in graph.nodes:
    print(f"{node.id}: {node.label} ({node.kind})")
for source, target in graph.edges:
    print(f"{source} -> {target}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
draw_graph(ax, graph, title="z = (x + y) * w as autograd recorded it")
plt.show()

# %%
# The figure shows the nodes and edges listed above: the output ``z`` (orange) on
# top, the operations (blue) below it and each leaf (green) under the operation that
# used it.
# Compared with the lesson's hand-drawn graph two things differ. The operations are
# named after their *backward* functions (``MulBackward0`` computes the gradients of
# a product), and the arrows point from ``z`` towards the inputs: during the forward
# pass data flowed up, during the backward pass gradients flow down.
#
# Backward along the edges
# ------------------------
# The chain rule follows the arrows. Write :math:`s = x + y`, so :math:`z = s \cdot w`.
# ``MulBackward0`` computes :math:`\partial z / \partial w = s = x + y` and
# :math:`\partial z / \partial s = w`; ``AddBackward0`` passes :math:`w` on unchanged,
# because :math:`\partial s / \partial x = \partial s / \partial y = 1`. So
# :math:`\partial z / \partial x = \partial z / \partial y = w` and
# :math:`\partial z / \partial w = x + y`.
z.backward()
print(f"x.grad = {x.grad.item():.1f}, y.grad = {y.grad.item():.1f}, w.grad = {w.grad.item():.1f}")

# %%
# The same formulas computed directly from the inputs agree with autograd:
print(f"dz/dx = w: {torch.allclose(x.grad, w.detach())}")
print(f"dz/dy = w: {torch.allclose(y.grad, w.detach())}")
print(f"dz/dw = x + y: {torch.allclose(w.grad, x.detach() + y.detach())}")

# %%
# The same drawing for any expression
# -----------------------------------
# Nothing above was specific to ``z``: ``trace_graph`` reads whatever autograd
# recorded. Here is a small two-layer network on a batch of inputs,
# ``h = relu(inputs @ W1 + b1)`` and ``out = h @ W2 + b2``, with the mean squared
# error against a target as the loss. Only the weights and biases require
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
# every row of ``out``, so its gradient is that sum over the rows.
by_hand = 2 * (out - target).detach().sum(dim=0) / out.numel()
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
#   rule along the edges says.
#
# Next, :ref:`sphx_glr_auto_examples_autograd_plot_03_dynamic.py` shows that the
# graph is recorded anew on every call, so Python's ``if`` and loops shape it. API:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics <https://docs.pytorch.org/docs/stable/notes/autograd.html>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_.
