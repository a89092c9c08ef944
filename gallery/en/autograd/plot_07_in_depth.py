r"""
Autograd in depth
=================

The chapter so far asked autograd for the gradients of leaf tensors and used them for
an update. Code of your own soon meets cases that need more care: the ``.grad`` of an
intermediate result, a value that must count as a constant, a tensor changed in place,
a layer that must not learn, a result computed without recording, and a second
``backward()``. This page runs each case, shows the message PyTorch gives, and switches
the cause off to show the effect goes. These topics extend the post
:ref:`post-autograd-easy`, the source of this chapter's vector outputs and training
step.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
# ``print_error``, from this site's package, prints the type of an error or warning and
# the first sentences of its message; some of PyTorch's messages go on with hints we do
# not need here.
import warnings

import matplotlib.pyplot as plt
import torch

from pytorch_basics.messages import print_error
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# A non-leaf tensor has no .grad
# ------------------------------
# ``backward()`` stores gradients only in *leaf* tensors, the ones you create with
# ``requires_grad=True``. An intermediate result such as ``h`` below takes part in the
# backward pass, but its gradient is only passed on towards ``x``, not kept:
# ``h.grad`` is ``None``, and reading it makes PyTorch issue a ``UserWarning``. The
# cell catches the warning with ``warnings.catch_warnings`` and prints its message.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = 2 * x
y = (h**2).sum()
y.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    h_grad = h.grad
print(f"x.is_leaf: {x.is_leaf}, h.is_leaf: {h.is_leaf}")
print(f"x.grad: {x.grad}")
print(f"h.grad: {h_grad}")
print_error(caught[0].message, sentences=3, kind=caught[0].category.__name__)
assert h_grad is None and caught[0].category is UserWarning

# %%
# retain_grad() keeps it
# ----------------------
# Calling ``h.retain_grad()`` before ``backward()`` asks autograd to keep the gradient
# that passes through ``h``. By hand: :math:`y = \sum_i h_i^2`, so
# :math:`\partial y / \partial h = 2h = [4, 8, 12]`; and :math:`h = 2x`, so the chain
# rule multiplies by 2 on the way to ``x``: ``x.grad`` is ``2 * h.grad``.
x.grad = None
h = 2 * x
h.retain_grad()
y = (h**2).sum()
y.backward()
print(f"h.retains_grad: {h.retains_grad}")
print(f"h.grad: {h.grad}, 2h: {2 * h.detach()}")
print(f"x.grad: {x.grad}, 2 * h.grad: {2 * h.grad}")
assert torch.allclose(h.grad, 2 * h.detach())
assert torch.allclose(x.grad, 2 * h.grad)

# %%
# detach() as a stop-gradient
# ---------------------------
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` used ``detach()`` to take
# values out of the graph. Inside a larger expression it acts as a *stop-gradient*:
# the detached factor has the same values but counts as a constant. Compare
# ``x * x`` with ``x * x.detach()``. By hand, :math:`d(x^2)/dx = 2x`; with
# :math:`c` a constant equal to :math:`x`, :math:`d(x c)/dx = c = x`.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
both = x * x
stopped = x * x.detach()
print(f"same values: {torch.equal(both, stopped)}")
both.sum().backward()
grad_both = x.grad
x.grad = None
stopped.sum().backward()
grad_stopped = x.grad
print(f"gradient of x * x:          {grad_both}  (2x = {2 * x.detach()})")
print(f"gradient of x * x.detach(): {grad_stopped}  (x = {x.detach()})")
assert torch.allclose(grad_both, 2 * x) and torch.allclose(grad_stopped, x)

# %%
# The figure repeats the comparison for 41 values of :math:`x` between -2 and 2.
xs = torch.linspace(-2.0, 2.0, 41, requires_grad=True)
(xs * xs).sum().backward()
slope_both = xs.grad
xs.grad = None
(xs * xs.detach()).sum().backward()
slope_stopped = xs.grad
values = xs.detach()
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(values, slope_both, label="x * x: gradient 2x")
ax.plot(values, slope_stopped, "--", label="x * x.detach(): gradient x")
ax.axhline(0.0, color="black", linewidth=0.8)
ax.set_xlabel("x")
ax.set_ylabel("gradient")
ax.legend()
ax.set_title("Same values, different gradients: x * x and x * x.detach()")
describe_figure(
    fig,
    "Line chart of the gradients of x * x and of x * x.detach() for x from "
    f"{values[0].item():g} to {values[-1].item():g}. Both are straight lines through the "
    f"origin, but the gradient 2x of x * x (solid) rises from {slope_both[0].item():g} to "
    f"{slope_both[-1].item():g}, while the gradient x of x * x.detach() (dashed) rises from "
    f"{slope_stopped[0].item():g} to {slope_stopped[-1].item():g}: half as steep everywhere.",
)
plt.show()

# %%
# The figure shows two straight lines through 0: the gradient is :math:`2x` for
# ``x * x`` and :math:`x` when one factor is detached, half as large everywhere. The
# detached factor passes on its value but no gradient. This is how a value computed
# from the parameters is used as a fixed number, for example as a target that the
# update must not move.
#
# Writing in place into a tensor that backward() needs
# ----------------------------------------------------
# To compute derivatives, some operations save tensors in the graph. ``exp`` is one:
# the derivative of :math:`e^x` is :math:`e^x` itself, so autograd keeps the result
# ``y`` and reuses it. ``y.grad_fn._saved_result`` shows what was saved (the
# autograd notes linked below explain these ``_saved_`` attributes): the same memory
# as ``y``. ``detach()`` gives that memory too: ``data_ptr()``, the address of the
# first element, is the same.
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = x.exp()
view = y.detach()
print(f"saved by exp is y's memory: {y.grad_fn._saved_result.data_ptr() == y.data_ptr()}")
print(f"view shares y's memory:     {view.data_ptr() == y.data_ptr()}")

# %%
# A method whose name ends in ``_`` changes a tensor in place (an *in-place
# operation*). ``view.mul_(2)`` therefore changes ``y`` as well, the value that
# ``backward()`` is going to reuse. Autograd notices through a *version counter*:
# every tensor carries a counter that each in-place change increases, and the tensor
# that ``detach()`` returns shares ``y``'s counter. ``_version`` is an internal
# attribute, fine for looking but not for use in programs.
print(f"y before: {y.detach()}, y._version = {y._version}")
view.mul_(2)
print(f"y after view.mul_(2): {y.detach()}, y._version = {y._version}")
print(f"view._version: {view._version}")

# %%
# When ``exp`` saved ``y``, its version was 0. ``backward()`` finds version 1 and
# refuses, rather than compute a gradient from the wrong numbers (the true gradient is
# :math:`e^x`, and ``y`` now holds :math:`2e^x`):
try:
    y.sum().backward()
except RuntimeError as error:
    print_error(error)

# %%
# Switching the cause off
# -----------------------
# ``clone()`` copies the values into new memory, so changing the copy in place leaves
# ``y`` and its version alone; an out-of-place operation such as ``y.detach() * 2``
# also makes a new tensor. ``backward()`` now works and gives :math:`e^x`.
y = x.exp()
copy = y.detach().clone()
copy.mul_(2)
doubled = y.detach() * 2
print(f"copy shares y's memory: {copy.data_ptr() == y.data_ptr()}")
print(f"doubled shares y's memory: {doubled.data_ptr() == y.data_ptr()}")
print(f"y._version: {y._version}")
y.sum().backward()
print(f"x.grad: {x.grad}, e^x: {x.exp().detach()}")
assert y._version == 0 and torch.allclose(x.grad, x.exp())

# %%
# The rule is not "no in-place operations": it is "do not change a tensor that the
# graph saved". Nothing in the graph below saves ``h``: multiplying by a constant
# keeps only the constant, and ``sum()`` only the shape. So ``h`` can be changed in
# place, and ``backward()`` works (the ``+ 1`` does not change the gradient, which
# stays 2):
x.grad = None
h = x * 2
h.add_(1)
h.sum().backward()
print(f"h._version: {h._version}, x.grad: {x.grad}")
assert torch.allclose(x.grad, torch.full_like(x, 2.0))

# %%
# Switching the cause back on: the derivative of :math:`h^2` is :math:`2h`, so
# ``h**2`` saves its *input* ``h``. The same ``h.add_(1)`` now makes ``backward()``
# fail. The message names ``h`` by the operation that last wrote it, the in-place
# addition (``Add``).
h = x * 2
squared = h**2
print(f"h**2 saved h: {squared.grad_fn._saved_self.data_ptr() == h.data_ptr()}")
h.add_(1)
try:
    squared.sum().backward()
except RuntimeError as error:
    print_error(error)

# %%
# A leaf that requires grad refuses in-place changes outright, as
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` showed; under
# ``torch.no_grad()`` the same change is allowed.
try:
    x.add_(1)
except RuntimeError as error:
    print_error(error)
with torch.no_grad():
    x.add_(1)
print(f"after x.add_(1) under no_grad: x = {x.detach()}")

# %%
# Freezing parameters
# -------------------
# When a trained network is adapted to a new task (*fine-tuning*), its early layers
# are often kept as they are (*frozen*) and only the last one is trained. We build a
# tiny two-layer model. ``torch.nn.Linear(3, 4)`` is a layer that holds a weight
# matrix ``weight`` of shape (4, 3) and a bias vector ``bias`` of shape (4,), both
# with ``requires_grad=True``, and computes ``inputs @ weight.T + bias``; it is
# taught in :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`.
first = torch.nn.Linear(3, 4)
head = torch.nn.Linear(4, 1)
params = {
    "first.weight": first.weight,
    "first.bias": first.bias,
    "head.weight": head.weight,
    "head.bias": head.bias,
}
inputs = torch.randn(8, 3)
targets = torch.randn(8, 1)
for name, p in params.items():
    print(f"{name:>12}: shape {tuple(p.shape)}, requires_grad={p.requires_grad}")

# %%
# ``requires_grad_(False)`` freezes a tensor: autograd stops tracking it. With the
# first layer frozen and inputs that do not require grad, nothing in the first layer
# is recorded, so its output ``hidden`` does not require grad, and after
# ``backward()`` only the head has gradients.
first.weight.requires_grad_(False)
first.bias.requires_grad_(False)
hidden = first(inputs)
loss = ((head(hidden) - targets) ** 2).mean()
loss.backward()
print(f"hidden.requires_grad: {hidden.requires_grad}")
for name, p in params.items():
    print(f"{name:>12}: .grad is None: {p.grad is None}")

# %%
# The update step below follows the in-place style of
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` and skips the tensors
# without a gradient (PyTorch's optimizers also skip a parameter whose ``.grad`` is
# ``None``). Compared with a copy taken before the step, the frozen layer is unchanged
# and the head moved.
before = {name: p.detach().clone() for name, p in params.items()}
lr = 0.1
with torch.no_grad():
    for p in params.values():
        if p.grad is not None:
            p -= lr * p.grad
for name, p in params.items():
    print(f"{name:>12}: changed by the step: {not torch.equal(p, before[name])}")
assert torch.equal(first.weight, before["first.weight"])
assert not torch.equal(head.weight, before["head.weight"])

# %%
# Switching the cause off: ``requires_grad_(True)`` unfreezes the first layer, and
# the same forward and backward pass now gives it a gradient.
for p in params.values():
    p.grad = None
first.weight.requires_grad_(True)
first.bias.requires_grad_(True)
loss = ((head(first(inputs)) - targets) ** 2).mean()
loss.backward()
print(f"first.weight.grad is None: {first.weight.grad is None}")

# %%
# Freezing is not a stop-gradient. A frozen tensor gets no ``.grad`` of its own, but
# gradients still flow *through* the operations that use it. Freeze the head instead
# and train only the first layer: the gradient reaches ``first.weight`` through the
# frozen head.
for p in params.values():
    p.grad = None
head.weight.requires_grad_(False)
head.bias.requires_grad_(False)
loss = ((head(first(inputs)) - targets) ** 2).mean()
loss.backward()
print(f"head.weight.grad: {head.weight.grad}")
print(f"first.weight.grad is None: {first.weight.grad is None}")
assert head.weight.grad is None and first.weight.grad is not None

# %%
# inference_mode next to no_grad
# ------------------------------
# ``torch.inference_mode()`` is a stricter ``torch.no_grad()``. Inside either one,
# nothing is recorded: results do not require grad and have no ``grad_fn``. The
# difference is what happens afterwards: a result made under ``inference_mode`` is an
# *inference tensor* (``is_inference()``).
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    by_no_grad = w * 2
with torch.inference_mode():
    by_inference = w * 2
for name, t in [("no_grad", by_no_grad), ("inference_mode", by_inference)]:
    print(
        f"{name:>14}: requires_grad={t.requires_grad}, grad_fn={t.grad_fn}, "
        f"is_inference={t.is_inference()}"
    )

# %%
# A ``no_grad`` result is an ordinary tensor. It can take part in recorded computation
# later, and autograd treats it as a constant: the gradient of
# :math:`\sum_i c_i w_i` with respect to :math:`w` is :math:`c`.
loss = (by_no_grad * w).sum()
loss.backward()
print(f"w.grad: {w.grad}, by_no_grad: {by_no_grad}")
assert torch.allclose(w.grad, by_no_grad)

# %%
# An inference tensor cannot be *saved* for backward. The multiplication needs to
# save its inputs, so it fails as soon as it runs, before any ``backward()``:
w.grad = None
try:
    loss = (by_inference * w).sum()
except RuntimeError as error:
    print_error(error, sentences=2)

# %%
# An operation that saves no tensors, such as addition, still accepts it; an in-place
# change outside ``inference_mode`` is refused; and ``clone()`` gives an ordinary
# tensor that works everywhere.
(by_inference + w).sum().backward()
print(f"addition works: w.grad = {w.grad}")
try:
    by_inference.add_(1)
except RuntimeError as error:
    print_error(error)
ordinary = by_inference.clone()
w.grad = None
(ordinary * w).sum().backward()
print(f"clone: is_inference={ordinary.is_inference()}, w.grad = {w.grad}")

# %%
# This matters for the update of
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`. Written as in the post
# :ref:`post-basics-autograd`, ``x = x - lr * x.grad`` makes a new ``x``. Under
# ``inference_mode`` the new ``x`` is an inference tensor, and the next iteration's
# ``requires_grad_(True)`` is refused; under ``no_grad`` the same lines work, as that
# page showed.
x = torch.tensor([1.0, 2.0], requires_grad=True)
(x**2).sum().backward()
with torch.inference_mode():
    x = x - 0.1 * x.grad
print(f"x.is_inference(): {x.is_inference()}")
try:
    x.requires_grad_(True)
except RuntimeError as error:
    print_error(error)

# %%
# In return for these limits, ``inference_mode`` does less of autograd's bookkeeping:
# its documentation (linked below) names skipping the version-counter updates of the
# in-place section as one of the savings. An inference tensor has no version counter
# at all:
try:
    by_inference._version
except RuntimeError as error:
    print_error(error)

# %%
# So use ``inference_mode`` for code whose results never go back into autograd,
# such as computing a trained model's predictions, and ``no_grad`` wherever the
# results may be used with autograd later, such as the parameter updates above.
#
# A second backward() through the same graph
# ------------------------------------------
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` showed that
# ``backward()`` frees the values a graph saved. This matters when two losses share
# part of a graph: here both use ``h = exp(x)``, whose saved result the first
# ``backward()`` frees, so the second fails.
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
h = x.exp()
loss_a = h.sum()
loss_b = (h**2).sum()
loss_a.backward()
try:
    loss_b.backward()
except RuntimeError as error:
    print_error(error, sentences=3)

# %%
# ``retain_graph=True`` on the first call keeps the saved values for the second. The
# gradients add up in ``x.grad``, and the result is the same as one ``backward()``
# of the summed loss, which is the usual way to write it.
x.grad = None
h = x.exp()
loss_a = h.sum()
loss_b = (h**2).sum()
loss_a.backward(retain_graph=True)
loss_b.backward()
separate = x.grad
x.grad = None
h = x.exp()
(h.sum() + (h**2).sum()).backward()
print(f"two backward() calls: {separate}")
print(f"one backward() of the sum: {x.grad}")
assert torch.allclose(separate, x.grad)

# %%
# A new forward pass, and gradients add up
# ----------------------------------------
# The post :ref:`post-autograd-easy` warns that calling ``backward()`` several times
# *on the same graph* accumulates gradients.
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` corrected this, and
# the cells above show it again: on the same graph a second call usually fails, unless
# ``retain_graph=True`` was given (then it accumulates). What accumulates in everyday
# code is one ``backward()`` per new forward pass: nothing fails, and ``.grad`` keeps
# adding up. With :math:`\text{loss} = \sum_i x_i^2` each pass adds :math:`2x`.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
for step in range(3):
    loss = (x**2).sum()
    loss.backward()
    print(f"pass {step + 1}: x.grad = {x.grad}")
assert torch.allclose(x.grad, 3 * 2 * x)

# %%
# The fix: clear ``.grad`` before each backward pass, with ``x.grad = None`` or, for
# every parameter an optimizer holds, ``optimizer.zero_grad()`` (see
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`). Each pass now
# gives the gradient of one loss.
for step in range(3):
    x.grad = None
    loss = (x**2).sum()
    loss.backward()
    print(f"pass {step + 1}: x.grad = {x.grad}")
assert torch.allclose(x.grad, 2 * x)

# %%
# A second backward() that does not fail (optional)
# -------------------------------------------------
# You can skip this section on a first reading; nothing later depends on it. Whether a
# second ``backward()`` on the same graph fails depends on whether the graph saved
# any tensors. The post :ref:`post-differentiable` adds two vectors,
# :math:`z = x + y`. The derivative of a sum needs no values, so the graph saves no
# tensors, and a second call runs without an error, adding into ``.grad`` once more:
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
total = (x + y).sum()
total.backward()
total.backward()
print(f"x.grad after two calls on one graph: {x.grad}")
assert torch.allclose(x.grad, torch.full_like(x, 2.0))

# %%
# Switching the cause off: the product :math:`x y` needs both factors for its
# derivative, so its graph saves them, and the second call fails.
product = (x * y).sum()
product.backward()
try:
    product.backward()
except RuntimeError as error:
    print_error(error)

# %%
# The code alone does not show which case you are in unless you know what each
# operation saves, so rely on neither: compute the output again, or ask for
# ``retain_graph=True`` on purpose.
#
# Summary
# -------
# - Only leaf tensors keep ``.grad``; ``retain_grad()`` keeps the gradient of an
#   intermediate result.
# - ``detach()`` inside an expression is a stop-gradient: the detached factor counts
#   as a constant (``x * x.detach()`` has gradient ``x``, not ``2x``).
# - Changing in place a tensor that the graph saved (a result, as ``exp`` saves, or an
#   input, as ``h**2`` saves) makes ``backward()`` fail; the version counter detects
#   it. ``clone()`` or an out-of-place operation avoids it;
#   a leaf that requires grad refuses in-place changes outside ``no_grad``.
# - ``requires_grad_(False)`` freezes a tensor: no ``.grad``, no change in an update,
#   but gradients still flow through it to earlier layers.
# - ``inference_mode`` and ``no_grad`` both record nothing; an inference tensor cannot
#   be saved for backward later, a ``no_grad`` result can. Updates such as
#   ``x = x - lr * x.grad`` belong under ``no_grad``.
# - A second ``backward()`` on the same graph usually fails (``retain_graph=True``
#   keeps it); a second forward and backward pass adds into ``.grad`` without an
#   error, so clear it with ``x.grad = None`` or ``optimizer.zero_grad()``.
#
# Next: :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`.
#
# PyTorch reference:
# `torch.Tensor.retain_grad <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.retain_grad.html>`_,
# `torch.Tensor.detach <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.detach.html>`_,
# `torch.Tensor.clone <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.clone.html>`_,
# `torch.Tensor.data_ptr <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.data_ptr.html>`_,
# `torch.Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.nn.Linear <https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html>`_,
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `torch.inference_mode <https://docs.pytorch.org/docs/stable/generated/torch.inference_mode.html>`_,
# `torch.Tensor.is_inference <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.is_inference.html>`_,
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics: saved tensors <https://docs.pytorch.org/docs/stable/notes/autograd.html#saved-tensors>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** With ``x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)``,
#    what is ``x.grad`` after ``(x * x * x.detach()).sum().backward()``? Is it
#    :math:`3x^2`, the derivative of :math:`x^3`?
# 2. **Predict, then run.** Does ``backward()`` succeed in the code below?
#
#    .. code-block:: python
#
#       x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
#       h = x * 2
#       product = h * x
#       h.add_(1)
#       product.sum().backward()
#
# 3. **Change one thing and explain.** In the code of the ``retain_grad()`` section,
#    move ``h.retain_grad()`` *after* ``y.backward()``. What is ``h.grad``?
# 4. **Change one thing and explain.** The last experiment of "Freezing parameters"
#    froze the head, and only the first layer got a gradient. This time freeze nothing,
#    and give the head ``first(inputs).detach()`` instead of ``first(inputs)``. Which of
#    the four parameters get a ``.grad``?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``x.detach()`` counts as a constant :math:`c` equal to :math:`x`, so the expression
# is :math:`c x^2` and its gradient is :math:`2xc = 2x^2`. Only ``x * x * x``, with
# nothing detached, gives :math:`3x^2`.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(x * x * x.detach()).sum().backward()
grad_one_detached = x.grad
x.grad = None
(x * x * x).sum().backward()
grad_cube = x.grad
print(f"gradient of x * x * x.detach(): {grad_one_detached}  (2x² = {2 * x.detach() ** 2})")
print(f"gradient of x * x * x:          {grad_cube}  (3x² = {3 * x.detach() ** 2})")
assert torch.allclose(grad_one_detached, 2 * x**2)
assert torch.allclose(grad_cube, 3 * x**2)

# %%
# Answer 2
# ^^^^^^^^
# It fails. :math:`\partial (h x) / \partial x = h`, so the multiplication saves ``h``,
# and the ``h.add_(1)`` after it raises ``h``'s version. Switching the cause off: with
# ``h.add_(1)`` moved before the multiplication, the multiplication saves the changed
# ``h`` and ``backward()`` works. Then :math:`h = 2x + 1`, so the gradient is
# :math:`4x + 1`.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
product = h * x
print(f"h * x saved h: {product.grad_fn._saved_self.data_ptr() == h.data_ptr()}")
h.add_(1)
try:
    product.sum().backward()
except RuntimeError as error:
    print_error(error)
else:
    raise AssertionError("backward() should fail: h changed after h * x saved it")
h = x * 2
h.add_(1)
product = h * x
product.sum().backward()
print(f"x.grad with h.add_(1) moved before the product: {x.grad}  (4x + 1 = {4 * x.detach() + 1})")
assert torch.allclose(x.grad, 4 * x + 1)

# %%
# Answer 3
# ^^^^^^^^
# ``h.grad`` is ``None``. ``retain_grad()`` only asks autograd to keep the gradient in
# backward passes still to come; it cannot bring back the gradient that passed through
# ``h`` in a ``backward()`` that has already run.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = 2 * x
y = (h**2).sum()
y.backward()
h.retain_grad()
print(f"h.retains_grad: {h.retains_grad}, h.grad: {h.grad}")
assert h.retains_grad and h.grad is None

# %%
# Answer 4
# ^^^^^^^^
# Only the head gets a ``.grad``: the opposite of freezing the head. ``detach()`` is a
# stop-gradient that makes ``first(inputs)`` a constant, so the gradient stops at the
# head and never reaches the first layer.
for p in params.values():
    p.grad = None
head.weight.requires_grad_(True)
head.bias.requires_grad_(True)
loss = ((head(first(inputs).detach()) - targets) ** 2).mean()
loss.backward()
for name, p in params.items():
    print(f"{name:>12}: requires_grad={p.requires_grad}, .grad is None: {p.grad is None}")
assert all(p.requires_grad for p in params.values())
assert first.weight.grad is None and first.bias.grad is None
assert head.weight.grad is not None and head.bias.grad is not None
