r"""
Vector outputs: the gradient argument, accumulation and freed graphs
====================================================================

``backward()`` starts from a single number. This page takes :math:`Q = 3a^3 - b^2` from
the post :ref:`post-autograd-easy` to see what happens when the output is a vector: what
the ``gradient=`` argument means (a vector-Jacobian product, checked against the full
Jacobian, first for :math:`Q` and then for a function whose outputs mix its inputs), why
gradients add up across ``backward()`` calls, and why the graph of :math:`Q` can be
walked only once unless you ask to keep it.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
import textwrap

import matplotlib.pyplot as plt
import torch
from torch.autograd.functional import jacobian

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# A vector-valued result
# ----------------------
# Two parameters ``a`` and ``b`` with ``requires_grad=True``, and
# :math:`Q = 3a^3 - b^2` computed element by element. ``Q`` has two elements, one per
# element of ``a`` and ``b``.
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
print(f"Q = {Q.detach()}, shape {tuple(Q.shape)}")

# %%
# The gradients by hand
# ---------------------
# Each :math:`Q_i` depends only on :math:`a_i` and :math:`b_i`, so
# :math:`\partial Q_i / \partial a_i = 9a_i^2` and
# :math:`\partial Q_i / \partial b_i = -2b_i`. At ``a = [2, 3]`` and ``b = [6, 4]``
# these are:
expected_a = 9 * a.detach() ** 2
expected_b = -2 * b.detach()
print(f"9a^2 = {expected_a}")
print(f"-2b  = {expected_b}")

# %%
# Calling backward() on a vector fails
# ------------------------------------
# The chain rule needs a starting point: the derivative of *one* number with respect
# to ``Q``. With a vector ``Q`` there is no such number, so ``Q.backward()`` without
# arguments raises an error.
try:
    Q.backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# What gradient= means: a vector-Jacobian product
# -----------------------------------------------
# The Jacobian :math:`J` of :math:`Q` collects every partial derivative
# :math:`\partial Q_i / \partial a_j` and :math:`\partial Q_i / \partial b_j`: two rows
# (one per :math:`Q_i`), four columns (``a[0]``, ``a[1]``, ``b[0]``, ``b[1]``).
# ``torch.autograd.functional.jacobian`` computes it from the function.


def q_function(a, b):
    return 3 * a**3 - b**2


jacobian_a, jacobian_b = jacobian(q_function, (a.detach(), b.detach()))
# adding 0.0 turns the -0.0 entries off the diagonal of dQ/db into 0.0 for display
full_jacobian = torch.cat([jacobian_a, jacobian_b], dim=1) + 0.0
print(full_jacobian)

# %%
# The figure shows the Jacobian: the left 2×2 block is :math:`\partial Q / \partial a`,
# the right one :math:`\partial Q / \partial b`. Both are diagonal, with
# :math:`9a^2` and :math:`-2b` on the diagonals.
fig, ax = plt.subplots(figsize=(5, 2.2))
draw_tensor(ax, full_jacobian, fmt="{:g}")
ax.plot([2.0, 2.0], [0.0, 2.0], color="black", linewidth=3)
ax.set_ylim(-0.6, 2.1)
ax.text(1.0, -0.3, "∂Q/∂a", ha="center", va="center")
ax.text(3.0, -0.3, "∂Q/∂b", ha="center", va="center")
ax.set_title("Jacobian of Q = 3a³ − b² (rows: Q[0], Q[1])")
describe_figure(
    fig,
    "The Jacobian of Q = 3a³ − b² as a grid of 2 rows by 4 columns, each cell showing its "
    "value and shaded by it. The rows are Q[0] and Q[1], the columns a[0], a[1], b[0] and "
    "b[1]; a thick vertical line splits the left block ∂Q/∂a from the right block ∂Q/∂b, "
    "and both are diagonal. The diagonals hold 9a² "
    f"({full_jacobian[0, 0].item():g}, {full_jacobian[1, 1].item():g}) and −2b "
    f"({full_jacobian[0, 2].item():g}, {full_jacobian[1, 3].item():g}); every other cell "
    "is 0.",
)
plt.show()

# %%
# ``Q.backward(gradient=v)`` does not build :math:`J`. It computes the
# vector-Jacobian product :math:`v^T J` directly: the gradient of the scalar
# :math:`\sum_i v_i Q_i`, with :math:`v_i = \partial(\text{scalar}) / \partial Q_i`.
# With ``v = torch.ones_like(Q)`` every element of ``Q`` counts equally:
v = torch.ones_like(Q)
Q.backward(gradient=v)
print(f"a.grad = {a.grad}, v^T J (a part) = {v @ jacobian_a}")
print(f"b.grad = {b.grad}, v^T J (b part) = {v @ jacobian_b}")
print(f"a.grad == v^T J: {torch.allclose(a.grad, v @ jacobian_a)}")
print(f"b.grad == v^T J: {torch.allclose(b.grad, v @ jacobian_b)}")

# %%
# Because the Jacobian is diagonal, weights of one give exactly the hand-derived
# gradients:
print(f"a.grad == 9a^2: {torch.allclose(a.grad, expected_a)}")
print(f"b.grad == -2b: {torch.allclose(b.grad, expected_b)}")

# %%
# Other weights
# -------------
# The post :ref:`post-autograd-easy` suggests weights such as ``[0.7, 0.3]`` when one
# element of ``Q`` matters more. The result is again :math:`v^T J`. ``backward()`` freed
# the first graph (more on this below), so ``Q`` is computed again, and the old
# gradients are cleared first.
weights = torch.tensor([0.7, 0.3])
grads_ones = (a.grad.clone(), b.grad.clone())
a.grad = None
b.grad = None
Q = 3 * a**3 - b**2
Q.backward(gradient=weights)
print(f"a.grad = {a.grad}, v^T J (a part) = {weights @ jacobian_a}")
print(f"b.grad = {b.grad}, v^T J (b part) = {weights @ jacobian_b}")
print(f"a.grad == v^T J: {torch.allclose(a.grad, weights @ jacobian_a)}")
print(f"b.grad == v^T J: {torch.allclose(b.grad, weights @ jacobian_b)}")

# %%
# The same numbers are the gradient of the scalar :math:`\sum_i v_i Q_i`. With ``Q``
# computed once more, ``(weights * Q).sum()`` is that scalar, and its ``backward()``
# needs no ``gradient=``:
grads_weighted = (a.grad.clone(), b.grad.clone())
a.grad = None
b.grad = None
Q = 3 * a**3 - b**2
(weights * Q).sum().backward()
print(f"a.grad = {a.grad}, b.grad = {b.grad}")
print(
    f"same as gradient=weights: {torch.allclose(a.grad, grads_weighted[0])}, "
    f"{torch.allclose(b.grad, grads_weighted[1])}"
)

# %%
# The figure compares the four gradient elements for the two choices of ``v``.
names = ["a[0]", "a[1]", "b[0]", "b[1]"]
positions = torch.arange(4)
fig, ax = plt.subplots(figsize=(6, 3))
bars_ones = ax.bar(positions - 0.2, torch.cat(grads_ones), width=0.4, label="v = [1, 1]")
bars_weighted = ax.bar(
    positions + 0.2, torch.cat(grads_weighted), width=0.4, label="v = [0.7, 0.3]"
)
ax.bar_label(bars_ones, fmt="%.1f", fontsize=8)
ax.bar_label(bars_weighted, fmt="%.1f", fontsize=8)
ax.axhline(0.0, color="black", linewidth=0.8)
ax.margins(y=0.15)
ax.set_xticks(positions, names)
ax.set_ylabel("gradient")
ax.legend()
ax.set_title("Gradients left by Q.backward(gradient=v)")
describe_figure(
    fig,
    "Bar chart comparing the four gradient elements a[0], a[1], b[0] and b[1] for two "
    f"choices of v. With v = [1, 1] the bars are {grads_ones[0][0].item():.1f}, "
    f"{grads_ones[0][1].item():.1f}, {grads_ones[1][0].item():.1f} and "
    f"{grads_ones[1][1].item():.1f}; with v = [0.7, 0.3] they are "
    f"{grads_weighted[0][0].item():.1f}, {grads_weighted[0][1].item():.1f}, "
    f"{grads_weighted[1][0].item():.1f} and {grads_weighted[1][1].item():.1f}. Each element "
    f"is scaled by one weight: a[0] and b[0] by {weights[0].item():.1f}, a[1] and b[1] by "
    f"{weights[1].item():.1f}.",
)
plt.show()

# %%
# The figure shows every gradient element scaled by one weight: dividing the weighted
# gradients by those for ``v = [1, 1]`` gives back the weights. That is a property of
# *this* Jacobian, not of ``gradient=``: each column of a diagonal :math:`J` holds a
# single nonzero entry, so each element of :math:`v^T J` has a single term,
# :math:`v_i \, \partial Q_i / \partial a_i`.
print(f"a.grad ratio: {grads_weighted[0] / grads_ones[0]}")
print(f"b.grad ratio: {grads_weighted[1] / grads_ones[1]}")

# %%
# When outputs mix inputs: a non-diagonal Jacobian
# ------------------------------------------------
# In most functions an output depends on several inputs. A layer of a network, for
# example, computes :math:`y = W x` with a matrix :math:`W`. Take three inputs and a
# fixed 2×3 matrix. Since :math:`y_i = \sum_j W_{ij} x_j`, the Jacobian is
# :math:`\partial y_i / \partial x_j = W_{ij}`: two rows (one per output), three
# columns (one per input), and no zeros.
W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
x = torch.tensor([1.0, -1.0, 2.0], requires_grad=True)


def linear_function(x):
    return W @ x


jacobian_x = jacobian(linear_function, x.detach())
print(f"J =\n{jacobian_x}")
print(f"J == W: {torch.equal(jacobian_x, W)}")

# %%
# The same weights ``v = [0.7, 0.3]`` (one per output), three ways: the
# vector-Jacobian product from ``backward(gradient=v)``, the product ``v @ J`` with the
# full Jacobian, and element :math:`j` written out as the sum
# :math:`\sum_i v_i J_{ij}`.
y = linear_function(x)
y.backward(gradient=weights)
vjp_product = weights @ jacobian_x
by_hand = torch.stack([sum(weights[i] * jacobian_x[i, j] for i in range(2)) for j in range(3)])
print(f"x.grad (backward)  = {x.grad}")
print(f"v @ J              = {vjp_product}")
print(f"sum_i v_i J_ij     = {by_hand}")
print(f"x.grad == v @ J: {torch.allclose(x.grad, vjp_product)}")
print(
    f"x.grad[0] = {weights[0]:.1f}·{jacobian_x[0, 0]:g} + {weights[1]:.1f}·{jacobian_x[1, 0]:g}"
    f" = {x.grad[0]:.1f}"
)
assert torch.allclose(x.grad, vjp_product) and torch.allclose(x.grad, by_hand)

# %%
# Here no gradient element is "scaled by its weight". ``x.grad`` has three elements
# and ``v`` has two, and each element of ``x.grad`` is a weighted *sum* over both
# outputs. The ratio test that gave back the weights for ``Q`` now gives something
# else:
x_grad_weighted = x.grad.clone()
x.grad = None
linear_function(x).backward(gradient=torch.ones(2))
print(f"x.grad for v = [1, 1]: {x.grad}")
print(f"ratio: {x_grad_weighted / x.grad}")

# %%
# The general rule: ``backward(gradient=v)`` adds :math:`v^T J` to ``x.grad`` (which
# was empty here), with :math:`J` taken at the current values of the inputs. For
# :math:`y = W x` that is :math:`W` wherever :math:`x` is; for :math:`Q` it depended on
# ``a`` and ``b``. Element by element,
# :math:`\partial(\text{scalar}) / \partial x_j = \sum_i v_i \, \partial y_i / \partial x_j`,
# the chain rule summed over every output that :math:`x_j` influences. When each input
# influences only one output, as in an element-wise function like :math:`Q` (a
# diagonal Jacobian), that sum has one term: the special case where each gradient
# element is one derivative times one weight.

# %%
# The alternative: Q.sum().backward()
# -----------------------------------
# Summing ``Q`` first gives a scalar, so no ``gradient=`` is needed. The sum weights
# every element by one, so the result is the same as ``gradient=torch.ones_like(Q)``.
a.grad = None
b.grad = None
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad = {a.grad}, b.grad = {b.grad}")
print(
    f"same as ones_like: {torch.allclose(a.grad, grads_ones[0])}, "
    f"{torch.allclose(b.grad, grads_ones[1])}"
)
print(f"a.grad == 9a^2: {torch.allclose(a.grad, expected_a)}")
print(f"b.grad == -2b: {torch.allclose(b.grad, expected_b)}")

# %%
# Gradients accumulate
# --------------------
# ``backward()`` *adds* to ``.grad``; it does not overwrite it. ``a.grad`` still holds
# the gradient from the cell above, so a second forward and backward pass (a new graph,
# built from the same ``a`` and ``b``) doubles it.
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad after two backward() calls: {a.grad}")
print(f"a.grad == 2 * 9a^2: {torch.allclose(a.grad, 2 * expected_a)}")

# %%
# Two ways to reset
# -----------------
# Setting ``a.grad = None`` drops the stored gradient by hand. In a training loop an
# *optimizer* (an object that holds a list of parameters and updates them from their
# ``.grad``; see :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`) does it
# for every parameter it holds: ``optimizer.zero_grad()``, which in current PyTorch also
# sets ``.grad`` to ``None`` (``set_to_none=True`` is the default) rather than filling
# it with zeros. ``torch.optim.SGD`` below is one such optimizer (plain gradient descent
# with learning rate ``lr``); here it is only used for ``zero_grad()``.
a.grad = None
print(f"after a.grad = None: a.grad = {a.grad}, b.grad = {b.grad}")
optimizer = torch.optim.SGD([a, b], lr=0.1)
optimizer.zero_grad()
print(f"after optimizer.zero_grad(): a.grad = {a.grad}, b.grad = {b.grad}")

# %%
# After a reset, one backward pass gives the single gradient again:
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad == 9a^2: {torch.allclose(a.grad, expected_a)}")

# %%
# The graph is freed after backward()
# -----------------------------------
# To save memory, ``backward()`` frees the intermediate values that the graph saved
# for computing derivatives (here ``a`` and ``b``, which the derivatives of
# :math:`a^3` and :math:`b^2` need). Walking this graph a second time therefore
# fails. The message says what to do:
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=v)
try:
    Q.backward(gradient=v)
except RuntimeError as error:
    print(f"{type(error).__name__}:")
    print(textwrap.fill(str(error).splitlines()[0], width=80))

# %%
# The usual fix is to compute ``Q`` again, as the cells above do. When you really need
# two passes over one graph, ``retain_graph=True`` keeps the saved values (and the
# memory) until the last call, and the two gradients accumulate:
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=v, retain_graph=True)
Q.backward(gradient=v)
print(f"two passes over one graph: a.grad = {a.grad}")
print(f"a.grad == 2 * 9a^2: {torch.allclose(a.grad, 2 * expected_a)}")

# %%
# The post :ref:`post-autograd-easy` says that calling ``backward()`` several times
# *on the same graph* accumulates gradients. As the last two cells show, a second call
# on the same graph fails unless the first kept it with ``retain_graph=True``; what
# accumulates is the result of every ``backward()`` call, on a new graph or a kept one.
# (A graph that saved no values at all can be walked twice;
# :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py` shows that case.)
#
# Summary
# -------
# - ``backward()`` needs a scalar. For a vector ``Q``, ``Q.backward(gradient=v)``
#   computes the vector-Jacobian product :math:`v^T J`, the gradient of
#   :math:`\sum_i v_i Q_i`; ``v = ones_like(Q)`` is the same as ``Q.sum().backward()``.
# - In general each gradient element is a weighted sum over the outputs,
#   :math:`\sum_i v_i \, \partial y_i / \partial x_j` (as for :math:`y = W x`). It is
#   one derivative times one weight only when each input influences a single output,
#   as in an element-wise function such as :math:`Q` (a diagonal Jacobian).
# - Gradients accumulate across ``backward()`` calls; reset them with ``x.grad = None``
#   or ``optimizer.zero_grad()``.
# - ``backward()`` frees the graph: compute the output again, or pass
#   ``retain_graph=True`` when a second pass over the same graph is really needed.
#
# API:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `torch.autograd.functional.jacobian <https://docs.pytorch.org/docs/stable/generated/torch.autograd.functional.jacobian.html>`_,
# `torch.optim.Optimizer.zero_grad <https://docs.pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` updates parameters
# without recording the update.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A backward pass from a single number starts from
#    :math:`\partial z / \partial z = 1`. So does
#    ``Q.backward(gradient=torch.tensor(1.0))`` work?
# 2. **Change one thing and explain.** Replace ``Q.sum().backward()`` with
#    ``Q.mean().backward()``. Is ``a.grad`` still :math:`9a^2`?
# 3. **Change one thing and explain.** What happens if ``retain_graph=True`` goes to the
#    second call instead of the first?
#
#    .. code-block:: python
#
#       Q = 3 * a**3 - b**2
#       Q.backward(gradient=v)
#       Q.backward(gradient=v, retain_graph=True)
#
# 4. **Write it.** Without ``jacobian``, build the Jacobian of ``linear_function`` one
#    row at a time with ``backward(gradient=...)`` alone. Which ``v`` makes
#    :math:`v^T J` one row of :math:`J`?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# No. ``gradient`` gives one weight :math:`v_i` per element of ``Q``, so it must have
# the shape of ``Q``. ``torch.tensor(1.0)``, of shape ``()``, does not match ``Q``, of
# shape ``(2,)``, and ``backward()`` raises a ``RuntimeError``. The same ones in the
# shape of ``Q``, ``torch.ones_like(Q)``, work.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
try:
    Q.backward(gradient=torch.tensor(1.0))
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("a gradient of shape () should not fit Q of shape (2,)")
Q.backward(gradient=torch.ones_like(Q))
print(f"gradient=torch.ones_like(Q): a.grad = {a.grad}")
assert torch.allclose(a.grad, expected_a)

# %%
# Answer 2
# ^^^^^^^^
# No. The mean is the sum divided by the number of elements, 2, so it weights every
# element by :math:`1/2`. ``a.grad`` is half of :math:`9a^2`, the same as with
# ``gradient=torch.ones_like(Q) / Q.numel()``.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.mean().backward()
grads_mean = a.grad.clone()
print(f"Q.mean().backward(): a.grad = {grads_mean}, 9a^2 / 2 = {expected_a / 2}")
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=torch.ones_like(Q) / Q.numel())
print(f"gradient=torch.ones_like(Q) / {Q.numel()}: a.grad = {a.grad}")
assert torch.allclose(grads_mean, expected_a / 2) and torch.allclose(a.grad, grads_mean)

# %%
# Answer 3
# ^^^^^^^^
# The second call fails. ``retain_graph=True`` keeps the graph *after the call it is
# given to*, and the first call, without it, has already freed the graph. It belongs on
# the call *before* the next pass. In this ``Q``, the paths to ``a`` and ``b`` both go
# through a power, which needs its saved values, so the second call stops before it
# reaches a leaf and ``a.grad`` holds only the first call's gradient. A failed call can
# still change ``.grad``, though: a leaf reached without saved values, as ``x`` in
# ``x + y**2`` below, can get its gradient added before the error.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=v)
try:
    Q.backward(gradient=v, retain_graph=True)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).split('(')[0].strip()}")
else:
    raise AssertionError("the first call freed the graph, so the second should fail")
print(f"a.grad = {a.grad}, 9a^2 = {expected_a}")
assert torch.allclose(a.grad, expected_a)
x_leaf = torch.tensor(1.0, requires_grad=True)
y_leaf = torch.tensor(2.0, requires_grad=True)
z = x_leaf + y_leaf**2
z.backward()
grads_first = (x_leaf.grad.item(), y_leaf.grad.item())
try:
    z.backward()
except RuntimeError as error:
    print(f"second call on z = x + y**2: {type(error).__name__}")
else:
    raise AssertionError("y**2 saved y, so the second call should fail")
print(f"after the first call: x.grad = {grads_first[0]:.1f}, y.grad = {grads_first[1]:.1f}")
print(
    f"after the failed call: x.grad = {x_leaf.grad.item():.1f}, y.grad = {y_leaf.grad.item():.1f}"
)
assert x_leaf.grad.item() == 2 * grads_first[0] and y_leaf.grad.item() == grads_first[1]

# %%
# Answer 4
# ^^^^^^^^
# A ``v`` with a 1 in one place and 0 elsewhere makes :math:`v^T J` that row of
# :math:`J`: the gradient of the one output :math:`y_i`. Call ``backward()`` once per
# row, and clear ``x.grad`` before each call, because gradients accumulate.
rows = []
for i in range(2):
    one_hot = torch.zeros(2)
    one_hot[i] = 1.0
    x.grad = None  # clear it, or the previous row would be added
    linear_function(x).backward(gradient=one_hot)
    rows.append(x.grad.clone())
    print(f"v = {one_hot}: x.grad = {x.grad}")
rebuilt = torch.stack(rows)
print(f"J row by row from backward() == jacobian(): {torch.equal(rebuilt, jacobian_x)}")
assert torch.equal(rebuilt, jacobian_x)
