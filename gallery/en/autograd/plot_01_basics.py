"""
Gradients with requires_grad, backward() and .grad
==================================================

Autograd, PyTorch's automatic differentiation (the ``torch.autograd`` package), computes
derivatives for you. This page takes three small examples from the posts this site is
built on, :ref:`post-basics-autograd`, :ref:`post-concepts` and
:ref:`post-differentiable`, derives each gradient by hand first, then lets autograd
compute it and checks that the two agree.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``pytorch_basics.autograd`` holds the hand-derived gradients of
# this page as small, tested functions; we use them as a second reference.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.autograd import cube_gradient, squares_gradients
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# Tensors that record what happens to them
# ----------------------------------------
# ``requires_grad=True`` asks autograd to record every operation that uses a tensor. A
# tensor you create directly, like these two, is a *leaf tensor*: no recorded operation
# computed it, so its ``grad_fn`` (the record of the operation that made a tensor,
# which autograd uses to send gradients back through it) is ``None``. Its ``.grad``,
# where the gradient will be stored, is ``None`` until a ``backward()`` call fills it.
w = torch.tensor(4.0, requires_grad=True)
x = torch.tensor(3.0, requires_grad=True)
print(f"w.requires_grad: {w.requires_grad}, w.is_leaf: {w.is_leaf}")
print(f"w.grad_fn: {w.grad_fn}")
print(f"w.grad before backward(): {w.grad}")

# %%
# A result remembers how it was made
# ----------------------------------
# The post :ref:`post-basics-autograd` computes :math:`l = (3w)^2 + (2x)^2`. The
# result is not a leaf: its ``grad_fn`` names the last operation that produced it (here
# the addition, so ``AddBackward0``: the function that sends gradients back through an
# addition), and that record links back to the operations before it. This chain is what
# ``backward()`` walks. ``.item()`` turns a tensor that holds a single number into a
# plain Python number, which we format for printing.
l = (3 * w) ** 2 + (2 * x) ** 2  # noqa: E741 (the post's name)
print(f"l = {l.item():.4f}")
print(f"l.is_leaf: {l.is_leaf}, l.grad_fn: {l.grad_fn.name()}")

# %%
# First example by hand: 72 and 24
# ---------------------------------
# Expanding gives :math:`l = 9w^2 + 4x^2`, so
# :math:`\partial l / \partial w = 18w` and :math:`\partial l / \partial x = 8x`.
# At :math:`w = 4, x = 3` this is :math:`18 \cdot 4 = 72` and :math:`8 \cdot 3 = 24`.
# Now let autograd compute the same: ``l.backward()`` fills ``w.grad`` and ``x.grad``.
l.backward()
print(f"w.grad: {w.grad.item():.4f}")
print(f"x.grad: {x.grad.item():.4f}")

# %%
# The check compares autograd's numbers with the hand formulas :math:`18w` and
# :math:`8x`, and with ``squares_gradients``, the package's tested version of the
# same formulas.
reference_w, reference_x = squares_gradients(w, x)
print(f"w.grad == 18w: {torch.allclose(w.grad, 18 * w)}")
print(f"x.grad == 8x: {torch.allclose(x.grad, 8 * x)}")
print(
    f"matches squares_gradients: {torch.allclose(w.grad, reference_w)}, "
    f"{torch.allclose(x.grad, reference_x)}"
)

# %%
# Second example: y = x³ at x = 2
# -------------------------------
# The post :ref:`post-concepts` differentiates :math:`y = x^3`. By hand,
# :math:`dy/dx = 3x^2`, which is :math:`3 \cdot 2^2 = 12` at :math:`x = 2`.
x = torch.tensor(2.0, requires_grad=True)
y = x**3
y.backward()
print(f"y = {y.item():.4f}, x.grad = {x.grad.item():.4f}")
print(f"x.grad == 3x^2: {torch.allclose(x.grad, 3 * x**2)}")
print(f"matches cube_gradient: {torch.allclose(x.grad, cube_gradient(x))}")

# %%
# The gradient is a slope
# -----------------------
# The derivative at a point is the slope of the tangent line there. The figure draws
# :math:`y = x^3` and the line through :math:`(2, 8)` whose slope is ``x.grad``.
xs = torch.linspace(0.0, 3.0, 100)
tangent = y.item() + x.grad.item() * (xs - x.item())
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(xs, xs**3, label="y = x³")
ax.plot(xs, tangent, "--", label=f"tangent at x = 2, slope = x.grad = {x.grad.item():.0f}")
ax.plot([x.item()], [y.item()], "o", color="black")
ax.set_ylim(-5, 27)
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
ax.set_title("y = x³ and its tangent at x = 2")
describe_figure(
    fig,
    "Line chart of the curve y = x³ for x from 0 to 3 and, dashed, its tangent at the point "
    f"({x.item():.0f}, {y.item():.0f}), a straight line whose slope is x.grad, "
    f"{x.grad.item():.0f}. The "
    "tangent touches the curve only at that point and falls further below it on either side.",
)
plt.show()

# %%
# The figure shows the tangent touching the curve at :math:`x = 2`: near that point, a
# small step in :math:`x` changes :math:`y` by about ``x.grad`` times as much. We can
# measure that without autograd: take a step from :math:`x = 2`, and divide the change
# in :math:`y` by the step.
ratios = []
for step in [0.1, 0.01, 0.001]:
    change = (x.item() + step) ** 3 - x.item() ** 3
    ratios.append(change / step)
    print(f"step {step:<5}: y changes by {change:.6f}, {change / step:.4f} times the step")
errors = [abs(ratio - x.grad.item()) for ratio in ratios]
shrinking = errors[0] > errors[1] > errors[2]
assert shrinking and errors[2] < 0.01
print(f"closer to x.grad = {x.grad.item():.1f} as the step shrinks: {shrinking}")

# %%
# The smaller the step, the closer the ratio gets to ``x.grad``: the derivative is the
# limit of this ratio as the step shrinks to zero.
#
# Third example: a sum of vectors
# -------------------------------
# The post :ref:`post-differentiable` adds two vectors, :math:`z = x + y`, and sums the result:
# :math:`s = \sum_i (x_i + y_i)`. Each :math:`x_i` appears once with factor 1, so
# :math:`\partial s / \partial x_i = 1`, and the same for :math:`y_i`: both gradients
# are vectors of ones, the shape of ``x`` and ``y``. ``torch.ones_like(x)`` makes a
# tensor of ones with the shape (and dtype) of ``x``, to compare them with.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
z = x + y
z.sum().backward()
print(f"x.grad: {x.grad}")
print(f"y.grad: {y.grad}")
print(f"x.grad == ones: {torch.allclose(x.grad, torch.ones_like(x))}")
print(f"y.grad == ones: {torch.allclose(y.grad, torch.ones_like(y))}")

# %%
# ``z`` itself is a vector, so we called ``backward()`` on ``z.sum()``, a single
# number. Why a vector output needs that extra step is the subject of
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`.
#
# Summary
# -------
# - ``requires_grad=True`` makes autograd record operations; a tensor you create
#   directly is a leaf with ``grad_fn`` ``None``, and a tensor computed from it
#   carries a ``grad_fn``.
# - ``backward()`` on a result that holds a single number fills ``.grad`` of the
#   leaves with ``requires_grad=True`` it was computed from; before that, ``.grad`` is
#   ``None``.
# - Autograd agrees with the hand derivations: 72 and 24, 12, and vectors of ones.
#
# API:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `torch.Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.allclose <https://docs.pytorch.org/docs/stable/generated/torch.allclose.html>`_,
# `Autograd mechanics <https://docs.pytorch.org/docs/stable/notes/autograd.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_02_graph.py`, which draws the graph
# that autograd records.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** What happens if the first example makes ``w`` from the
#    whole number ``4`` instead of ``4.0``?
#
#    .. code-block:: python
#
#       w = torch.tensor(4, requires_grad=True)
#
# 2. **Change one thing and explain.** In the first example, make ``x`` as
#    ``torch.tensor(3.0)``, without ``requires_grad=True``, and call ``l.backward()``.
#    What are ``w.grad`` and ``x.grad``?
# 3. **Change one thing and explain.** In the third example, replace ``z = x + y`` with
#    ``z = x * y``. Is ``x.grad`` after ``z.sum().backward()`` still a vector of ones?
# 4. **Write it.** Measure :math:`\partial l / \partial w = 72` without autograd, as the
#    page did for :math:`y = x^3`: keep :math:`x` at 3, move only :math:`w` a little
#    away from 4, and divide the change in :math:`l` by the step.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# It raises a ``RuntimeError``. A tensor made from a whole number has dtype ``int64``,
# and only floating-point (and complex) tensors can have gradients. Written as ``4.0``,
# as in the first example, it is a ``float32`` tensor and works.
try:
    torch.tensor(4, requires_grad=True)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("an int64 tensor should refuse requires_grad=True")
w_float = torch.tensor(4.0, requires_grad=True)
print(f"torch.tensor(4).dtype: {torch.tensor(4).dtype}")
print(f"torch.tensor(4.0).dtype: {w_float.dtype}, requires_grad={w_float.requires_grad}")
assert torch.tensor(4).dtype == torch.int64 and w_float.requires_grad

# %%
# Answer 2
# ^^^^^^^^
# ``w.grad`` is still 72 and ``x.grad`` is ``None``. ``backward()`` fills ``.grad`` only
# for leaves with ``requires_grad=True``. ``x`` still counts in the value of :math:`l`,
# but autograd has no gradient to compute for it.
w = torch.tensor(4.0, requires_grad=True)
x = torch.tensor(3.0)
l = (3 * w) ** 2 + (2 * x) ** 2  # noqa: E741 (the post's name)
l.backward()
print(f"l = {l.item():.4f}")
print(f"w.grad: {w.grad.item():.4f}")
print(f"x.requires_grad: {x.requires_grad}, x.grad: {x.grad}")
assert w.grad.item() == 18 * w.item() and x.grad is None

# %%
# Answer 3
# ^^^^^^^^
# No. In :math:`s = \sum_i x_i y_i` the factor of :math:`x_i` is :math:`y_i`, not 1,
# so :math:`\partial s / \partial x_i = y_i`: ``x.grad`` holds the values of ``y``, and
# ``y.grad`` those of ``x``. The gradients were ones because the example used an
# addition.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
z = x * y
z.sum().backward()
print(f"x.grad: {x.grad}")
print(f"y.grad: {y.grad}")
assert torch.equal(x.grad, y) and torch.equal(y.grad, x)


# %%
# Answer 4
# ^^^^^^^^
# With :math:`x` fixed, :math:`(2x)^2` does not change, so the whole change in
# :math:`l` comes from :math:`w`. Since :math:`9(w + h)^2 - 9w^2 = 9(2w + h)h`, the
# ratio for a step :math:`h` is :math:`72 + 9h`, which gets closer to 72 as :math:`h`
# shrinks.
def squares(w, x):
    return (3 * w) ** 2 + (2 * x) ** 2


reference_w, _ = squares_gradients(torch.tensor(4.0), torch.tensor(3.0))
for step in [0.1, 0.01, 0.001]:
    change = squares(4.0 + step, 3.0) - squares(4.0, 3.0)
    print(f"w step {step:<5}: l changes by {change:.6f}, {change / step:.4f} times the step")
    assert abs(change / step - (reference_w.item() + 9 * step)) < 1e-6
print(f"∂l/∂w from squares_gradients: {reference_w.item():.4f}")
