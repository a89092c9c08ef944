r"""
Updating without tracking: ``no_grad``, ``requires_grad_`` and ``detach``
=========================================================================

A gradient-descent step changes a tensor using its own gradient:
:math:`x \leftarrow x - \text{lr} \cdot \nabla_x \text{loss}`, where :math:`\text{lr}` is the learning
rate (the step size :math:`\eta` of Getting started). That update must not become part
of the graph. This page shows the three tools for it, ``torch.no_grad()``,
``requires_grad_()`` and ``detach()``, in the update step that the post
:ref:`post-basics-autograd` writes, then runs a small gradient descent with the post's
pattern and with an in-place one.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# An update that autograd refuses
# -------------------------------
# Take one gradient and try to update the leaf in place, as you would with a NumPy
# array. Autograd refuses. While recording is on, the change would itself be recorded
# as an operation, and ``x`` would stop being a leaf, the starting value whose
# ``.grad`` we want, and become that operation's output.
x = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (x**2).sum()
loss.backward()
try:
    x -= 0.1 * x.grad
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# Where nothing would be recorded, the same line runs: on a tensor that does not
# require grad, and (further down) on ``x`` itself inside ``torch.no_grad()``.
plain = torch.tensor([1.0, 2.0])
plain -= 0.1 * x.grad
print(f"the same update on a tensor without requires_grad: {plain}")

# %%
# torch.no_grad(): compute without recording
# ------------------------------------------
# Inside ``with torch.no_grad():`` operations run as usual but nothing is recorded:
# results have ``requires_grad=False`` and no ``grad_fn``, even when their inputs
# require grad.
outside = x * 2
with torch.no_grad():
    inside = x * 2
print(f"outside no_grad: requires_grad={outside.requires_grad}, grad_fn={outside.grad_fn.name()}")
print(f"inside no_grad:  requires_grad={inside.requires_grad}, grad_fn={inside.grad_fn}")

# %%
# The pattern ``x = x - lr * x.grad`` makes a new tensor
# ------------------------------------------------------
# The post :ref:`post-basics-autograd` updates with ``x = x - lr * x.grad`` under
# ``no_grad``. The
# right-hand side is a *new* tensor, and the name ``x`` now points to it. Because it was
# computed under ``no_grad``, it is a leaf that does not require grad and has no
# ``.grad``.
lr = 0.1
old_x = x
with torch.no_grad():
    x = x - lr * x.grad
print(f"x is old_x: {x is old_x}")
print(f"new x: is_leaf={x.is_leaf}, requires_grad={x.requires_grad}, grad={x.grad}")

# %%
# The next iteration would compute a loss from this ``x`` that autograd cannot
# differentiate:
try:
    (x**2).sum().backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# That is why the post's loop calls ``requires_grad_(True)`` at the top of every
# iteration: the trailing underscore marks an in-place method, which switches
# recording on for the new leaf.
x.requires_grad_(True)
(x**2).sum().backward()
print(f"after requires_grad_(True): requires_grad={x.requires_grad}, grad={x.grad}")

# %%
# The in-place alternative keeps the same leaf
# --------------------------------------------
# Under ``no_grad`` an in-place update ``x -= lr * x.grad`` is allowed. It changes the
# numbers of the existing leaf, so ``x`` keeps ``requires_grad=True`` and no
# ``requires_grad_()`` is needed. But ``.grad`` still holds the old gradient, and the
# next ``backward()`` would add to it: reset it with ``x.grad.zero_()`` or
# ``x.grad = None``.
same_x = x
with torch.no_grad():
    x -= lr * x.grad
print(f"x is same_x: {x is same_x}, requires_grad={x.requires_grad}, is_leaf={x.is_leaf}")
print(f"x.grad still holds the old gradient: {x.grad}")
x.grad.zero_()
print(f"after x.grad.zero_(): {x.grad}")

# %%
# detach(): the same numbers without the history
# ----------------------------------------------
# ``detach()`` returns a tensor that shares memory with the original but is cut from
# the graph: it does not require grad and has no ``grad_fn``. Writing into it
# changes the original too, since the numbers are the same memory.
y = x * 2
y_detached = y.detach()
print(f"y: requires_grad={y.requires_grad}, grad_fn={y.grad_fn.name()}")
print(f"y.detach(): requires_grad={y_detached.requires_grad}, grad_fn={y_detached.grad_fn}")
print(f"shares memory with y: {shares_memory(y, y_detached)}")
y_detached[0] = 100.0
print(f"after y_detached[0] = 100: y = {y.detach()}")

# %%
# ``detach()`` is what you use to take a value out of the graph, for example to plot
# it, convert it to NumPy or keep it for later without the graph that produced it. A
# tensor that requires grad refuses to become a NumPy array; its detached version
# does not:
try:
    y.numpy()
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
print(f"y.detach().numpy(): {y.detach().numpy()}")

# %%
# ``detach()`` inside a larger expression, to stop a gradient on purpose, is a topic of
# :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`.
#
# A small gradient descent with a new leaf each step
# --------------------------------------------------
# Minimise :math:`\text{loss}(x) = \sum_i (x_i - 3)^2` for a vector of five random
# starting values. Its gradient is :math:`2(x - 3)`, so the minimum is every
# :math:`x_i = 3`. The loop follows the post :ref:`post-basics-autograd`:
# ``requires_grad_(True)`` first, the update ``x = x - lr * x.grad`` under ``no_grad``.
start = torch.randn(5)
lr = 0.1
steps = 50

x = start.clone()
losses_seed = []
for step in range(steps):
    x.requires_grad_(True)
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x = x - lr * x.grad
    losses_seed.append(loss.item())
    if step % 10 == 0 or step == steps - 1:
        print(f"step {step:2d}: loss {loss.item():.4e}")
x_seed = x

# %%
# The same descent, in place
# --------------------------
# The same loop with one leaf for the whole run: the update changes it in place and
# ``x.grad = None`` clears the gradient before the next ``backward()``.
x = start.clone().requires_grad_(True)
losses_in_place = []
for step in range(steps):
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x -= lr * x.grad
    x.grad = None
    losses_in_place.append(loss.item())
    if step % 10 == 0 or step == steps - 1:
        print(f"step {step:2d}: loss {loss.item():.4e}")

# %%
# Both loops do the same arithmetic, so they end at the same values, close to 3:
print(f"new leaf:       {x_seed}")
print(f"in place:       {x.detach()}")
print(f"identical: {torch.equal(x_seed, x.detach())}")
print(f"largest distance to 3: {(x.detach() - 3).abs().max().item():.6f}")

# %%
# The figure draws both loss curves on a log scale.
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogy(losses_seed, linewidth=3, alpha=0.6, label="x = x - lr * x.grad (new leaf)")
ax.semilogy(losses_in_place, "--", color="black", label="x -= lr * x.grad (in place)")
ax.set_xlabel("step")
ax.set_ylabel("loss")
ax.legend()
ax.set_title("Gradient descent on sum((x - 3)²): two update patterns")
describe_figure(
    fig,
    f"Line chart of the loss, on a log-scale vertical axis, over {steps} steps of gradient "
    "descent with two update patterns. The curves of the new-leaf update (thick blue line) "
    "and the in-place update (black dashes) lie exactly on top of each other, falling along "
    f"a straight line from about {losses_seed[0]:.0f} to {losses_seed[-1]:.0e}. A straight "
    "line on a log axis means the loss shrinks by the same factor at every step.",
)
plt.show()

# %%
# The figure shows the two curves on top of each other, falling on a straight line.
# A straight line on a log axis means a constant factor per step: each update
# multiplies :math:`x - 3` by :math:`1 - 2 \cdot \text{lr}`, so the loss by
# :math:`(1 - 2 \cdot \text{lr})^2`.
ratios = torch.tensor(losses_seed[1:]) / torch.tensor(losses_seed[:-1])
print(f"(1 - 2 lr)^2 = {(1 - 2 * lr) ** 2:.4f}")
print(f"measured loss ratio per step: min {ratios.min().item():.4f}, max {ratios.max().item():.4f}")

# %%
# Summary
# -------
# - ``torch.no_grad()`` runs operations without recording them: use it for updates.
# - ``x = x - lr * x.grad`` makes a new leaf without ``requires_grad``; the post
#   :ref:`post-basics-autograd` turns recording back on with ``x.requires_grad_(True)``
#   each iteration.
# - ``x -= lr * x.grad`` under ``no_grad`` keeps the same leaf; clear the gradient
#   with ``x.grad.zero_()`` or ``x.grad = None`` before the next ``backward()``.
# - ``detach()`` gives the same memory without the history.
#
# The practice page :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`
# uses exactly this pattern of the post on a 10,000-pixel image.
#
# API:
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `torch.Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.Tensor.detach <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.detach.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_06_training_step.py` lets an
# optimizer do the update for a whole network.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** After the code below, what is ``y.requires_grad``? What
#    happens when you then call ``y.sum().backward()``?
#
#    .. code-block:: python
#
#       w = torch.tensor([1.0, 2.0], requires_grad=True)
#       with torch.no_grad():
#           y = w * 3
#
# 2. **Change one thing and explain.** Remove ``x.grad = None`` from the in-place loop
#    and run two steps. After the second ``backward()``, does ``x.grad`` equal that
#    step's gradient :math:`2(x - 3)`?
# 3. **Change one thing and explain.** Make the learning rate ten times larger,
#    ``lr = 1.0``. What happens to the loss? Predict it first from the ratio per step,
#    :math:`(1 - 2 \cdot \text{lr})^2`, seen above.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# Nothing is recorded under ``no_grad``, so ``y`` has ``requires_grad=False`` and no
# ``grad_fn``. With no graph to walk back through, ``backward()`` raises a
# ``RuntimeError``.
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = w * 3
print(f"y.requires_grad={y.requires_grad}, grad_fn={y.grad_fn}")
try:
    y.sum().backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("backward() should fail on a tensor made under no_grad")
assert not y.requires_grad and y.grad_fn is None

# %%
# Answer 2
# ^^^^^^^^
# No. ``backward()`` *adds* the new gradient to ``.grad``, so without clearing it the
# second ``x.grad`` is the sum of the first step's gradient and the second step's.
x = start.clone().requires_grad_(True)
gradients = []
for _ in range(2):
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    gradients.append(2 * (x.detach() - 3))  # this step's gradient
    with torch.no_grad():
        x -= lr * x.grad
print(f"this step's gradient: {gradients[1]}")
print(f"sum of both steps' gradients: {gradients[0] + gradients[1]}")
print(f"x.grad:                       {x.grad}")
assert torch.allclose(x.grad, gradients[0] + gradients[1])

# %%
# Answer 3
# ^^^^^^^^
# With :math:`\text{lr} = 1`, :math:`1 - 2 \cdot \text{lr} = -1`: each update only
# flips the sign of :math:`x - 3` and keeps its size, so the loss never goes down.
x = start.clone().requires_grad_(True)
losses_large_lr = []
offsets = []
for _ in range(5):
    offsets.append(x.detach() - 3)
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x -= 1.0 * x.grad
    x.grad = None
    losses_large_lr.append(loss.item())
print("x[0] - 3: " + ", ".join(f"{offset[0].item():.4f}" for offset in offsets))
print("loss with lr = 1.0: " + ", ".join(f"{value:.4f}" for value in losses_large_lr))
assert torch.allclose(torch.tensor(losses_large_lr), torch.tensor(losses_large_lr[0]))
assert torch.allclose(torch.stack(offsets[1:]), -torch.stack(offsets[:-1]))
